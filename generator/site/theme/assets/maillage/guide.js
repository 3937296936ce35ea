// A printable guide (/guides/…): the button that opens the browser's print dialog (print or save as PDF).
// Without this script the button stays hidden; the browser's own "Print" command does the same.
(function () {
  "use strict";
  const button = document.querySelector(".mj-guide__imprimer");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => window.print());
})();
