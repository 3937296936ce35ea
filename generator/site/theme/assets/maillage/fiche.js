// A record page's « Partager » and « Imprimer la fiche » buttons (templates/_macros.html, share_print). They
// need JavaScript, so the page writes them hidden and this script shows them. « Partager » opens the device's
// own share sheet (Web Share API) where there is one, else copies the page's address and says so.

(function () {
  "use strict";

  function say(status, text) {
    if (status) {
      status.textContent = "";
      // A fresh text each time, so that a screen reader announces the same message twice.
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Without the clipboard API (a page served over plain HTTP): a selected field and the copy command.
    return new Promise(function (resolve, reject) {
      const field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "mj-sr";
      document.body.appendChild(field);
      field.select();
      const copied = document.execCommand("copy");
      field.remove();
      (copied ? resolve : reject)();
    });
  }

  function share(button, status) {
    const address = window.location.href.split("#")[0];
    const heading = document.querySelector("h1");
    const title = heading ? heading.textContent.replace(/\s+/g, " ").trim() : document.title;
    if (navigator.share) {
      navigator.share({ title: title, url: address }).catch(function (problem) {
        if (problem && problem.name !== "AbortError") {
          copyAddress(address, status);
        }
      });
      return;
    }
    copyAddress(address, status);
  }

  function copyAddress(address, status) {
    copy(address).then(
      function () { say(status, "Adresse de la fiche copiée : vous pouvez la coller dans un message."); },
      function () { say(status, "Copiez l'adresse de la fiche : " + address); }
    );
  }

  function start() {
    document.querySelectorAll("[data-mj-partage]").forEach(function (buttons) {
      const status = buttons.parentElement.querySelector("[data-mj-partage-statut]");
      const shareButton = buttons.querySelector("[data-mj-partager]");
      const printButton = buttons.querySelector("[data-mj-imprimer]");
      if (shareButton) {
        shareButton.addEventListener("click", function () { share(shareButton, status); });
      }
      if (printButton) {
        printButton.addEventListener("click", function () { window.print(); });
      }
      buttons.hidden = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
