// The search page (/recherche/): Pagefind's JavaScript API, in plain JavaScript (no framework, nothing from a CDN).
//
// State lives in the address: ?q=…&fiche=…&thematique=…&territoire=…&public=… (repeated names for several
// values, as the HTML form itself sends them). Within a facet the checked values are alternatives (OR); across
// facets they all apply (AND). The counts next to each value say how many results that value would give:
// for a facet with checked values they are counted without that facet's own choice, so that checking a second
// value shows how far it widens the results.
//
// Results appear first; the counts follow. Each facet's part of the filter index (20 to 60 KB at 10,000
// records) is loaded when its panel is opened or one of its values is checked, not before. Counts over all
// records come with the page (data-total), so the page as it opens, and a facet's own counts when it is the
// only one chosen without words, need no search at all.
//
// A search without words (filters only) searches the word every indexed record holds (data-every, see
// generator/search/pagefind.py): Pagefind's own search without words would download its whole word index. Such a
// search weighs more (every record matches, then the filters apply), so its facets' parts of the filter
// index are loaded first, to count from the same search, and counts are kept per search (`known`).
//
// French stop words ("de", "aux", "dans" …) are not in the index (generator/search/pagefind.py): Pagefind finds the records
// holding every word of a query, so the query loses them too, by the same list and the same rule (`searched`),
// before Pagefind sees it. "accès aux droits" searches "accès droits".
//
// On a phone the results come first: the filters open from one "Filtrer" button (a disclosure), and close with
// "Voir 13 résultats", a button kept in sight at the bottom of the screen whose count follows each choice.
// A long facet (the territories) has a text field that narrows its list as one types.

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 300;

const page = document.querySelector("[data-mj-search]");
const form = page.querySelector("[data-mj-form]");
const input = form.querySelector("input[name=q]");
const status = page.querySelector("[data-mj-status]");
const list = page.querySelector("[data-mj-results]");
const more = page.querySelector("[data-mj-more]");
const empty = page.querySelector("[data-mj-empty]");
const widen = page.querySelector("[data-mj-widen]");
const clear = page.querySelector("[data-mj-clear]");
const toggle = page.querySelector("[data-mj-toggle]");
const toggleCount = page.querySelector("[data-mj-toggle-count]");
const panel = page.querySelector("[data-mj-filters]");
const apply = page.querySelector("[data-mj-apply]");
const resultsHeading = page.querySelector("#mj-resultats");
const facets = [...form.querySelectorAll("[data-facet]")].map((element) => ({
  name: element.dataset.facet,
  element,
  boxes: [...element.querySelectorAll("input[type=checkbox]")],
}));
const finders = [...form.querySelectorAll("[data-mj-find]")].map((finder) => {
  const facet = finder.closest("[data-facet]");
  return { facet, finder, found: facet.querySelector("[data-mj-found]") };
});
const labels = new Map(); // "thematique=sante-sexuelle" -> "Santé sexuelle"
for (const facet of facets) {
  for (const box of facet.boxes) {
    labels.set(`${facet.name}=${box.value}`, box.labels[0].firstChild.textContent.trim());
  }
}

const EVERY = page.dataset.every;
const STOP_WORDS = new Set((page.dataset.stopWords || "").split(" ").filter(Boolean)); // without accents
const wide = window.matchMedia("(min-width: 60em)"); // the facet panel beside the results (recherche.css)

// Counts over all records: {facet: {value: count}}.
const totals = Object.fromEntries(
  facets.map(({ name, element }) => [
    name,
    Object.fromEntries([...element.querySelectorAll("li[data-value]")].map((li) => [li.dataset.value, +li.dataset.total])),
  ]),
);

let pagefind = null;
const loaded = new Set(); // facets whose part of the filter index is loaded
const known = new Map(); // counts per search already run: key(term, filters) -> Promise of {facet: {value: count}}
let current = { q: "", filters: {} };
let searchId = 0;
let results = [];
let shown = 0;
let typing = null;

// --- state: the address, the form --------------------------------------------------------------------------

function exists(name, value) {
  return labels.has(`${name}=${value}`);
}

function fromAddress() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const { name } of facets) {
    const values = params.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim());
    const kept = [...new Set(values)].filter((v) => exists(name, v));
    if (kept.length) filters[name] = kept;
  }
  return { q: (params.get("q") || "").trim(), filters };
}

function address(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const { name } of facets) {
    for (const value of state.filters[name] || []) params.append(name, value);
  }
  const query = params.toString();
  return location.pathname + (query ? `?${query}` : "");
}

function fromForm() {
  const filters = {};
  for (const { name, boxes } of facets) {
    const values = boxes.filter((box) => box.checked).map((box) => box.value);
    if (values.length) filters[name] = values;
  }
  return { q: input.value.trim(), filters };
}

function toForm(state) {
  input.value = state.q;
  for (const { name, element, boxes } of facets) {
    const chosen = state.filters[name] || [];
    for (const box of boxes) box.checked = chosen.includes(box.value);
    if (chosen.length) element.open = true; // on a phone, inside the closed panel: the results stay first
  }
  showChoices(state);
}

function showChoices(state) {
  let total = 0;
  for (const { name, element } of facets) {
    const count = (state.filters[name] || []).length;
    total += count;
    element.querySelector("[data-chosen]").textContent = count ? ` · ${count} choix` : "";
  }
  clear.hidden = total === 0;
  toggleCount.textContent = total ? ` · ${plural(total, "filtre", "filtres")}` : "";
}

// --- the filter panel on a phone ------------------------------------------------------------------------------

// What the panel's closing button says: the number of results the words and filters chosen give (null: none
// asked for yet).
function seeResults(count) {
  if (count === null) apply.textContent = "Fermer les filtres";
  else if (count === 0) apply.textContent = "Aucun résultat : fermer les filtres";
  else apply.textContent = `Voir ${plural(count, "résultat", "résultats")}`;
}

function openPanel(open) {
  toggle.setAttribute("aria-expanded", String(open));
  panel.toggleAttribute("data-open", open);
}

function closePanel(focus) {
  openPanel(false);
  focus.focus({ preventScroll: true });
  focus.scrollIntoView({ block: "start" });
}

// --- finding a value of a long facet by typing ------------------------------------------------------------------

function labelOf(item) {
  return item.querySelector(":scope > label").firstChild.textContent;
}

// The values whose label holds the text typed (accents and case aside) stay, with the values they sit under; so
// do the values checked, which can be unchecked where they are.
function narrow(facet, finder, found) {
  const wanted = bare(finder.value.trim());
  const items = [...facet.querySelectorAll("li[data-value]")];
  if (!wanted) {
    for (const item of items) delete item.dataset.unmatched;
    found.textContent = "Tapez une partie du nom pour réduire la liste.";
    return;
  }
  const matched = items.filter((item) => bare(labelOf(item)).includes(wanted));
  const kept = new Set(matched);
  for (const item of items.filter((item) => item.querySelector(":scope > input").checked)) kept.add(item);
  for (const item of [...kept]) {
    for (let up = item.parentElement.closest("li"); up; up = up.parentElement.closest("li")) kept.add(up);
  }
  for (const item of items) item.toggleAttribute("data-unmatched", !kept.has(item));
  const shown = matched.filter((item) => !item.hidden).length;
  const typed = finder.value.trim();
  found.textContent = shown
    ? `${plural(shown, "choix correspond", "choix correspondent")} à « ${typed} ».`
    : `Aucun choix ne correspond à « ${typed} ».`;
}

// The query as the index holds the records: without its stop words. A word joined to another by an apostrophe or
// a hyphen ("d'accueil", "sous-titré") is one word for Pagefind and stays, as in generator/search/pagefind.py (`_drop`).
const JOINED_BEFORE = "'’-&#";
const JOINED_AFTER = "'’-";

function searched(query) {
  const text = query.normalize("NFC");
  return text
    .replace(/[\p{L}\p{N}_]+/gu, (word, at) => {
      if (!STOP_WORDS.has(bare(word))) return word;
      const after = at + word.length;
      if ((at > 0 && JOINED_BEFORE.includes(text[at - 1])) || (after < text.length && JOINED_AFTER.includes(text[after]))) {
        return word;
      }
      return "";
    })
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .join(" ");
}

function termOf(state) {
  return searched(state.q) || EVERY;
}

function filterCount(state) {
  return Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
}

function pagefindFilters(filters, without = null) {
  const found = {};
  for (const [name, values] of Object.entries(filters)) {
    if (name !== without && values.length) found[name] = { any: values };
  }
  return found;
}

// --- running a search ------------------------------------------------------------------------------------------

function go(state, how) {
  const target = address(state);
  const here = location.pathname + location.search;
  if (how === "push" && target !== here) history.pushState(null, "", target);
  if (how === "replace" && target !== here) history.replaceState(null, "", target);
  showChoices(state);
  current = state;
  return run(state);
}

async function run(state) {
  const id = ++searchId;
  const term = termOf(state);
  empty.hidden = true;
  page.dataset.counts = "pending";
  if (term === EVERY && filterCount(state) === 0) {
    results = [];
    list.replaceChildren();
    more.hidden = true;
    say(
      state.q
        ? `« ${state.q} » : ces mots sont trop courants pour être cherchés. Saisissez un mot plus précis ou cochez des filtres.`
        : "Saisissez des mots ou cochez des filtres pour voir les fiches correspondantes.",
    );
    seeResults(null);
    page.dataset.state = "idle";
    await counts(id, state);
    return;
  }
  page.dataset.state = "loading";
  if (term === EVERY) await loadFacets(state);
  const filters = pagefindFilters(state.filters);
  const searched = key(term, filters);
  const response = await pagefind.search(term, { filters });
  known.set(searched, Promise.resolve(response.filters));
  if (id !== searchId) return;
  results = response.results;
  shown = 0;
  list.replaceChildren();
  await showMore(id, false);
  if (id !== searchId) return;
  announce(state, results.length);
  seeResults(results.length);
  if (!results.length) widenChoices(state);
  page.dataset.state = results.length ? "results" : "empty";
  performance.mark("mj-search-results");
  await counts(id, state);
}

async function showMore(id, focus) {
  const slice = results.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(slice.map((result) => result.data()));
  if (id !== searchId) return;
  const starts = stems(searched(input.value));
  const items = data.map((result) => card(result, starts));
  list.append(...items);
  shown += slice.length;
  const rest = results.length - shown;
  more.hidden = rest <= 0;
  more.textContent = `Afficher ${Math.min(rest, PAGE_SIZE)} résultats de plus (${shown} affichés sur ${results.length})`;
  if (focus && items.length) items[0].querySelector("a").focus();
}

// --- results ---------------------------------------------------------------------------------------------------

const dateFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric" });

function frenchDate(iso) {
  const [year, month, day] = iso.slice(0, 10).split("-").map(Number);
  if (!year || !month || !day) return "";
  const text = dateFormat.format(new Date(year, month - 1, day));
  return day === 1 ? text.replace(/^1 /, "1er ") : text;
}

function when(meta) {
  if (meta.debut) return `le ${frenchDate(meta.debut)}`;
  return meta.date ? `fiche vérifiée le ${frenchDate(meta.date)}` : "";
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// The words of the query, as the start of the words to highlight: accents and case aside, and a little shorter
// than typed so that "jeunes" also marks "jeune" and "jeunesse" (Pagefind finds them through French stemming).
function stems(query) {
  return bare(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1)
    .map((word) => (word.length <= 4 ? word : word.slice(0, Math.max(4, word.length - 3))));
}

function bare(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

// The text as nodes, with the words starting like a query word inside <mark>.
function highlighted(text, starts) {
  if (!starts.length) return [document.createTextNode(text)];
  const nodes = [];
  let last = 0;
  for (const found of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = bare(found[0]);
    if (!starts.some((start) => word.startsWith(start))) continue;
    if (found.index > last) nodes.push(document.createTextNode(text.slice(last, found.index)));
    nodes.push(element("mark", "", found[0]));
    last = found.index + found[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

// A result: the record's title, kind, territories and date, and its summary. Pagefind's own excerpt is not
// used: the index leaves out stop words (see generator/search/pagefind.py), so its excerpts would read without them.
function card(data, starts) {
  const meta = data.meta || {};
  const item = element("li", "mj-result");
  const heading = element("h3", "mj-result__title");
  const link = element("a");
  link.href = data.url;
  link.append(...highlighted(meta.title || data.url, starts));
  heading.append(link);
  const facts = [meta.kind, meta.territoire, when(meta)].filter(Boolean).join(" · ");
  item.append(heading, element("p", "mj-result__meta", facts));
  if (meta.resume) {
    const summary = element("p", "mj-result__summary");
    summary.append(...highlighted(meta.resume, starts));
    item.append(summary);
  }
  return item;
}

function plural(count, one, many) {
  return `${count} ${count < 2 ? one : many}`;
}

function say(text) {
  status.textContent = text;
}

function announce(state, count) {
  const common = state.q && !searched(state.q); // only stop words: the filters alone were applied
  const words = state.q && !common ? ` pour « ${state.q} »` : "";
  const chosen = filterCount(state);
  const filters = chosen ? ` avec ${plural(chosen, "filtre", "filtres")}` : "";
  const ignored = common ? ` (« ${state.q} » : mots trop courants, non cherchés)` : "";
  if (!count) {
    say(`Aucun résultat${words}${filters}${ignored}.`);
    return;
  }
  say(`${plural(count, "résultat", "résultats")}${words}${filters}${ignored}.`);
}

function widenChoices(state) {
  const choices = [];
  const link = (text, target) => {
    const item = element("li");
    const anchor = element("a", "", text);
    anchor.href = address(target);
    anchor.dataset.mjState = JSON.stringify(target);
    item.append(anchor);
    choices.push(item);
  };
  if (filterCount(state)) {
    link(state.q ? `Chercher « ${state.q} » sans aucun filtre` : "Retirer tous les filtres", { q: state.q, filters: {} });
  }
  if (filterCount(state) > 1) {
    for (const [name, values] of Object.entries(state.filters)) {
      for (const value of values) {
        const rest = { ...state.filters, [name]: values.filter((v) => v !== value) };
        if (!rest[name].length) delete rest[name];
        link(`Retirer le filtre « ${labels.get(`${name}=${value}`)} »`, { q: state.q, filters: rest });
      }
    }
  }
  const words = searched(state.q).split(" ").filter(Boolean); // never a stop word: it would find nothing
  if (words.length > 1) {
    for (const word of words) link(`Chercher seulement « ${word} »`, { q: word, filters: state.filters });
  }
  const browse = element("li");
  browse.append("Vérifier l'orthographe, essayer un mot plus général, ou ");
  const anchor = element("a", "", "parcourir l'annuaire par thématique, territoire ou public");
  anchor.href = "#parcourir";
  browse.append(anchor, ".");
  choices.push(browse);
  widen.replaceChildren(...choices);
  empty.hidden = false;
}

// --- counts per facet value ------------------------------------------------------------------------------------

function counted(state) {
  return facets.filter(({ name, element }) => element.open || state.filters[name]);
}

async function loadFacets(state) {
  const missing = counted(state).filter(({ name }) => !loaded.has(name));
  if (!missing.length) return;
  // Pagefind loads a filter's part of the index when a search names the filter; a preload does only that.
  await pagefind.preload(EVERY, { filters: Object.fromEntries(missing.map(({ name }) => [name, []])) });
  for (const { name } of missing) loaded.add(name);
}

function key(term, filters) {
  return JSON.stringify([term, filters, [...loaded].sort()]);
}

function countsOf(term, filters) {
  if (term === EVERY && !Object.keys(filters).length) return Promise.resolve(totals);
  const found = key(term, filters);
  if (!known.has(found)) known.set(found, pagefind.search(term, { filters }).then((response) => response.filters));
  return known.get(found);
}

async function counts(id, state) {
  const shown = counted(state);
  const term = termOf(state);
  if (term !== EVERY || filterCount(state)) await loadFacets(state); // otherwise the totals are the counts
  if (id !== searchId) return;
  const all = await countsOf(term, pagefindFilters(state.filters));
  const found = {};
  for (const { name } of shown) {
    const own = state.filters[name] ? await countsOf(term, pagefindFilters(state.filters, name)) : all;
    found[name] = own[name] || {};
  }
  if (id !== searchId) return;
  for (const { name, element: facet } of shown) {
    const values = found[name];
    for (const item of facet.querySelectorAll("li[data-value]")) {
      const count = values[item.dataset.value] || 0;
      const box = item.querySelector("input");
      item.querySelector("[data-count]").textContent = ` (${count})`;
      item.hidden = count === 0 && !box.checked;
    }
    // A checked value stays in sight, and so do the values it sits under.
    for (const item of facet.querySelectorAll("li[data-value]:not([hidden])")) {
      for (let up = item.parentElement.closest("li"); up; up = up.parentElement.closest("li")) up.hidden = false;
    }
    facet.dataset.counted = "";
  }
  // The values a finder shows, and how many it says, follow the new counts.
  for (const { facet, finder, found } of finders) if (finder.value.trim()) narrow(facet, finder, found);
  // A facet closed since its last count shows nothing rather than an outdated count.
  for (const { element: facet } of facets.filter((facet) => !shown.includes(facet))) delete facet.dataset.counted;
  page.dataset.counts = "ready";
  performance.mark("mj-search-counts");
}

// --- events ----------------------------------------------------------------------------------------------------

function listen() {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    go(fromForm(), "push");
  });
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => go(fromForm(), "replace"), DEBOUNCE_MS);
  });
  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox") go(fromForm(), "push");
  });
  clear.addEventListener("click", () => {
    const state = { q: input.value.trim(), filters: {} };
    toForm(state);
    go(state, "push");
    input.focus();
  });
  more.addEventListener("click", () => showMore(searchId, true));
  toggle.addEventListener("click", () => openPanel(toggle.getAttribute("aria-expanded") !== "true"));
  apply.addEventListener("click", () => closePanel(resultsHeading));
  panel.addEventListener("keydown", (event) => {
    if (event.target.matches("[data-mj-find]") && event.target.value) return; // Escape empties the field first
    if (event.key === "Escape" && !wide.matches && panel.hasAttribute("data-open")) {
      event.preventDefault();
      closePanel(toggle);
    }
  });
  for (const { facet, finder, found } of finders) {
    finder.addEventListener("input", () => narrow(facet, finder, found));
    finder.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault(); // narrowing a list is no search
    });
  }
  for (const { element: facet } of facets) {
    facet.addEventListener("toggle", () => {
      if (facet.open && !("counted" in facet.dataset)) {
        page.dataset.counts = "pending";
        counts(searchId, current);
      }
    });
  }
  widen.addEventListener("click", (event) => {
    const anchor = event.target.closest("a[data-mj-state]");
    if (!anchor || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    const state = JSON.parse(anchor.dataset.mjState);
    toForm(state);
    go(state, "push");
    input.focus();
  });
  window.addEventListener("popstate", () => {
    const state = fromAddress();
    toForm(state);
    go(state, "none");
  });
  // The header's search box, on this page: the same search, in place.
  const header = document.querySelector("form.mj-header-search");
  if (header) {
    header.addEventListener("submit", (event) => {
      event.preventDefault();
      const state = { q: new FormData(header).get("q").toString().trim(), filters: {} };
      toForm(state);
      go(state, "push");
    });
  }
}

async function start() {
  const notice = page.querySelector("[data-mj-nojs]");
  notice.hidden = true;
  form.hidden = false;
  const state = fromAddress();
  toForm(state);
  try {
    const base = new URL(page.dataset.root, location.href);
    pagefind = await import(new URL("pagefind/pagefind.js", base).href);
    await pagefind.options({ noWorker: true }); // one download less; a search takes milliseconds
  } catch (error) {
    // No index (a site built by another engine without `maillage build`): back to the notice, reworded.
    notice.querySelector("p").textContent =
      "La recherche n'est pas disponible pour l'instant. Toutes les fiches restent accessibles par les listes " +
      "ci-dessous : par type de fiche, par thématique, par territoire ou par public.";
    notice.hidden = false;
    form.hidden = true;
    page.dataset.state = "error";
    return;
  }
  listen();
  if (!state.q && !filterCount(state)) input.focus();
  await go(state, "none");
}

start();
