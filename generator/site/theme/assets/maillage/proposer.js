// « Proposer une fiche » (/proposer/): each form is checked in the browser, then becomes an e-mail to the network's
// coordination. Its body is written as GitHub writes an issue form's — a « ### Libellé » section per question,
// « _No response_ » when nothing was given, the choices of a list joined by « , » — so that `maillage proposition`
// reads it back as it reads an issue (generator/editing/proposal.py). Nothing is sent by the page itself.

const NO_RESPONSE = "_No response_";
const EMAIL = /^[^\s@]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$/;
const WEB = /^https?:\/\/[^\s/]+\.[^\s]+$/;

function answer(field) {
  const boxes = field.querySelectorAll("input[type=checkbox]");
  if (boxes.length) {
    return Array.from(boxes).filter((box) => box.checked).map((box) => box.value).join(", ");
  }
  return field.querySelector("input, select, textarea").value.trim();
}

function problem(field, value) {
  const label = field.dataset.label;
  const control = field.querySelector("input:not([type=checkbox]), select, textarea");
  if (!value) {
    if (!field.hasAttribute("data-required")) return "";
    return control ? `Remplissez « ${label} ».` : `Choisissez au moins une valeur pour « ${label} ».`;
  }
  if (control && control.type === "email" && !EMAIL.test(value)) {
    return `« ${label} » : une adresse électronique ressemble à accueil@association.fr, sans espace.`;
  }
  if (control && control.type === "url" && !WEB.test(value)) {
    return `« ${label} » : une adresse web commence par https:// (copiez-la depuis la barre du navigateur).`;
  }
  return "";
}

function show(form, problems) {
  const summary = form.querySelector("[data-mj-errors]");
  summary.replaceChildren();
  for (const field of form.querySelectorAll("[data-mj-field]")) {
    const message = problems.get(field) || "";
    const place = field.querySelector("[data-mj-error]");
    place.textContent = message;
    place.hidden = !message;
    const control = field.querySelector("input:not([type=checkbox]), select, textarea") || field.querySelector("fieldset");
    // the message is read with the field, after its help (aria-describedby is what screen readers follow)
    const help = (control.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.endsWith("-erreur"));
    place.id = `${help[0] || control.id}-erreur`;
    if (message) {
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", [...help, place.id].join(" "));
    } else {
      control.removeAttribute("aria-invalid");
      control.setAttribute("aria-describedby", help.join(" "));
    }
  }
  if (problems.size) {
    const title = document.createElement("p");
    title.textContent = problems.size === 1 ? "Une réponse est à corriger :" : `${problems.size} réponses sont à corriger :`;
    const list = document.createElement("ul");
    for (const [field, message] of problems) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      const target = field.querySelector("input, select, textarea");
      link.href = `#${target.id}`;
      link.textContent = message;
      item.append(link);
      list.append(item);
    }
    summary.append(title, list);
  }
  summary.hidden = !problems.size;
  if (problems.size) summary.focus();
}

function body(form) {
  const sections = [];
  for (const field of form.querySelectorAll("[data-mj-field]")) {
    sections.push(`### ${field.dataset.label}\n\n${answer(field) || NO_RESPONSE}`);
  }
  return sections.join("\n\n") + "\n";
}

function prepare(form, address) {
  const problems = new Map();
  for (const field of form.querySelectorAll("[data-mj-field]")) {
    const message = problem(field, answer(field));
    if (message) problems.set(field, message);
  }
  show(form, problems);
  const ready = form.querySelector("[data-mj-ready]");
  if (problems.size) {
    ready.hidden = true;
    return;
  }
  const text = body(form);
  const first = answer(form.querySelector("[data-mj-field][data-required]")); // the name or the title
  const subject = `Proposition pour l'annuaire — ${form.dataset.subject}${first}`;
  const href = `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text.replace(/\n/g, "\r\n"))}`;
  form.querySelector("[data-mj-text]").value = text;
  const link = form.querySelector("[data-mj-mail]");
  link.href = href;
  ready.hidden = false;
  window.location.href = href;
}

function start() {
  const page = document.querySelector("[data-mj-propose]");
  if (!page) return;
  const address = page.dataset.address;
  page.querySelector("[data-mj-nojs]").hidden = true;
  for (const form of page.querySelectorAll("[data-mj-proposal]")) {
    form.hidden = false;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      prepare(form, address);
    });
  }
}

start();
