// The map of the network (/reseau/): filters the picture and its table by territory and thématique.
// Each actor of the picture carries its terms, ancestors included (data-territoires, data-thematiques): an actor
// acting in Lille is kept by the filter "Nord". A link is kept when one of its two actors is; the actor at the
// other end stays visible, dimmed. Without this script the form stays hidden and everything is shown.
(function () {
  "use strict";
  const form = document.getElementById("mj-reseau-filtres");
  const picture = document.querySelector(".mj-reseau .mj-reseau__svg");
  if (!form || !picture) return;
  const selects = Array.from(form.querySelectorAll("select"));
  const status = document.getElementById("mj-reseau-resultat");
  const nodes = Array.from(picture.querySelectorAll(".mj-noeud"));
  const lines = Array.from(picture.querySelectorAll(".mj-lien"));
  const rows = Array.from(document.querySelectorAll("#mj-reseau-tableau tbody tr"));
  const terms = new Map(nodes.map((node) => [node.dataset.id, node]));

  function kept(id, chosen) {
    const node = terms.get(id);
    return chosen.every(([attribute, value]) => (node.dataset[attribute] || "").split(" ").includes(value));
  }

  function apply() {
    const chosen = selects.filter((s) => s.value).map((s) => [s.dataset.attribut, s.value]);
    const matching = new Set(nodes.map((n) => n.dataset.id).filter((id) => kept(id, chosen)));
    const reached = new Set();
    let shownLinks = 0;
    const linked = (element) => matching.has(element.dataset.de) || matching.has(element.dataset.vers);
    for (const line of lines) {
      const on = linked(line);
      line.classList.toggle("mj-cache", !on);
      if (on) {
        reached.add(line.dataset.de);
        reached.add(line.dataset.vers);
      }
    }
    for (const row of rows) {
      const on = linked(row);
      row.hidden = !on;
      if (on) shownLinks += 1;
    }
    for (const node of nodes) {
      const id = node.dataset.id;
      const hidden = !matching.has(id) && !reached.has(id);
      node.classList.toggle("mj-cache", hidden);
      node.classList.toggle("mj-pale", !matching.has(id) && reached.has(id));
      if (hidden) node.setAttribute("tabindex", "-1");
      else node.removeAttribute("tabindex");
      node.setAttribute("aria-hidden", hidden ? "true" : "false");
    }
    const actors = matching.size;
    status.textContent = chosen.length
      ? `${actors} acteur${actors > 1 ? "s" : ""} ${actors > 1 ? "correspondent" : "correspond"} au filtre, ` +
        `${shownLinks} lien${shownLinks > 1 ? "s" : ""} dans le tableau.`
      : "";
  }

  form.hidden = false;
  for (const select of selects) select.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply, 0));
  form.addEventListener("submit", (event) => event.preventDefault());
  picture.setAttribute("data-pret", "");
})();
