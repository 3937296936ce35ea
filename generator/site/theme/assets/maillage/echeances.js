// Calls and offers: « clos » once their deadline has passed, recomputed in Paris time from the ISO day in
// data-mj-limite (the last day one may answer), so that a page built days ago stays right. An element with
// data-mj-montrer="ouvert" (an item of a list of open calls, the call's « Répondre » links) is hidden once the
// call is closed, one with data-mj-montrer="clos" (the page's notice) is shown; .mj-echeance gets the badge; a
// list of open calls left empty (ul[data-mj-ouverts]) gives way to the paragraph after it (data-mj-aucun,
// scripts aside).
// Without JavaScript everything stays as of the build, which wrote the same states.

const PARIS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit",
});

function parisToday(now) {
  const parts = {};
  for (const part of PARIS.formatToParts(now)) {
    parts[part.type] = part.value;
  }
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function badge(element, closed) {
  if (element.hasAttribute("data-clos") === closed) {
    return;
  }
  element.toggleAttribute("data-clos", closed);
  element.replaceChildren();
  if (closed) {
    const mark = document.createElement("span");
    mark.className = "mj-marque";
    mark.textContent = "clos";
    element.append(" ", mark);
  }
}

function update() {
  const today = parisToday(new Date());
  for (const element of document.querySelectorAll("[data-mj-limite]")) {
    const closed = element.getAttribute("data-mj-limite") < today;
    const shown = element.getAttribute("data-mj-montrer");
    if (shown) {
      element.hidden = shown === "ouvert" ? closed : !closed;
    }
    if (element.classList.contains("mj-echeance")) {
      badge(element, closed);
      const item = element.closest("li");
      if (item) {
        item.classList.toggle("mj-clos", closed);
      }
    }
  }
  for (const list of document.querySelectorAll("ul[data-mj-ouverts]")) {
    const empty = !list.querySelector(":scope > li:not([hidden])");
    list.hidden = empty;
    let none = list.nextElementSibling;
    while (none && none.tagName === "SCRIPT") {
      none = none.nextElementSibling;
    }
    if (none && none.hasAttribute("data-mj-aucun")) {
      none.hidden = !empty;
    }
  }
}

update();
setInterval(update, 60000);
