// Events: « aujourd'hui » and « passé » after each event's date, recomputed from its ISO days (data-debut,
// data-fin on .mj-quand) in Paris time, so that a page built days ago stays right; and the agenda's filters
// (by territory and thématique, #mj-agenda-filtres), which hide the events of the list that do not match.
// Without JavaScript the marks are those of the build and the filters stay hidden.

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

function mark(element, today) {
  const first = element.getAttribute("data-debut");
  const last = element.getAttribute("data-fin");
  const state = last < today ? "passe" : first <= today ? "aujourdhui" : "";
  if (element.getAttribute("data-etat") === state) {
    return;
  }
  element.setAttribute("data-etat", state);
  element.replaceChildren();
  if (state) {
    const badge = document.createElement("span");
    badge.className = state === "aujourdhui" ? "mj-marque mj-marque--aujourdhui" : "mj-marque";
    badge.textContent = state === "aujourdhui" ? "aujourd'hui" : "passé";
    element.append(" ", badge);
  }
  const item = element.closest("li");
  if (item) {
    item.classList.toggle("mj-passe", state === "passe");
  }
}

function markAll() {
  const today = parisToday(new Date());
  document.querySelectorAll(".mj-quand[data-fin]").forEach((element) => mark(element, today));
}

function plural(count, one, many) {
  return `${count} ${count < 2 ? one : many}`;
}

function filters(form) {
  const status = form.querySelector("[data-mj-agenda-statut]");
  const items = [...document.querySelectorAll(".mj-listing li[data-territoires]")];
  const apply = (announce) => {
    const territoire = form.elements.territoire.value;
    const thematique = form.elements.thematique.value;
    let shown = 0;
    for (const item of items) {
      const visible = (!territoire || item.dataset.territoires.split(" ").includes(territoire)) &&
        (!thematique || item.dataset.thematiques.split(" ").includes(thematique));
      item.hidden = !visible;
      shown += visible ? 1 : 0;
    }
    for (const list of document.querySelectorAll(".mj-listing .mj-list")) {
      list.hidden = !list.querySelector("li:not([hidden])");
    }
    if (announce) {
      const where = form.hasAttribute("data-pagine") ? " sur cette page" : "";
      status.textContent = shown
        ? `${plural(shown, "événement affiché", "événements affichés")}${where}.`
        : `Aucun événement${where} avec ces filtres.`;
    }
  };
  form.hidden = false;
  form.addEventListener("change", () => apply(true));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply(true);
  });
  form.addEventListener("reset", () => window.setTimeout(() => apply(true), 0));
}

markAll();
setInterval(markAll, 60000);
const form = document.getElementById("mj-agenda-filtres");
if (form) {
  filters(form);
}
