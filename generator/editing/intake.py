"""`maillage proposition`: a proposal's body becomes a record file checked by the validator, or French
explanations to send back (the comment on the issue, the answer to the e-mail)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.contract.fields import slugify
from generator.editing.forms import Form
from generator.editing.proposal import Proposal, read_proposal
from generator.editing.record_file import Checked, check, existing_values, merged, record_text
from generator.editing.terms import Terms
from generator.reading.diagnostics import Diagnostic, error
from generator.reading.neutral import for_markdown


@dataclass
class Outcome:
    proposal: Proposal
    checked: Checked | None = None
    record_id: str = ""
    starts: dict[int, str] = field(default_factory=dict)  # line of the record file -> its key
    problems: list[Diagnostic] = field(default_factory=list)  # found before the record could be written

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.proposal.diagnostics, *self.problems, *(self.checked.diagnostics if self.checked else [])]

    @property
    def valid(self) -> bool:
        return self.checked is not None and not any(d.is_error for d in self.diagnostics)


def _new_id(form: Form, values: dict[str, object], data_dir: Path) -> str:
    title = str(values.get(form.kind.title_field, ""))
    slug = slugify(title)
    start = values.get("debut")
    if slug and (data_dir / form.kind.folder / f"{slug}.yml").exists() and isinstance(start, date):
        slug = f"{slug}-{start.isoformat()[:10]}"  # an event held again: the same title, another day
    return slug


def take(body: str, body_path: Path, data_dir: Path, terms: Terms, today: date, keep: bool) -> Outcome:
    proposal = read_proposal(body, body_path, terms)
    outcome = Outcome(proposal)
    form = proposal.form
    if form is None:
        return outcome
    keep = keep and not proposal.errors  # the other answers are still checked, to tell everything at once
    values = {**proposal.values, "date_maj": today}  # the proposer has just checked what they wrote
    if proposal.updates:
        path = data_dir / form.kind.folder / f"{proposal.updates}.yml"
        if not path.is_file():
            outcome.problems.append(error(body_path, (1, 1), f"aucune fiche « {proposal.updates} » à mettre à jour",
                                          "Copiez l'adresse de la fiche depuis la barre du navigateur, ou laissez "
                                          "la rubrique vide pour proposer une nouvelle fiche."))
            return outcome
        current, problems = existing_values(path)
        if current is None:
            outcome.problems += problems
            return outcome
        values = merged(current, values)
        outcome.record_id = proposal.updates
    else:
        outcome.record_id = _new_id(form, values, data_dir)
        if not outcome.record_id:
            outcome.problems.append(error(body_path, (1, 1), "la proposition n'a pas de nom ou de titre",
                                          "Remplissez la première rubrique : le nom de la fiche en vient."))
            return outcome
        existing = data_dir / form.kind.folder / f"{outcome.record_id}.yml"
        if existing.exists():
            outcome.problems.append(error(
                body_path, (1, 1), f"une fiche « {outcome.record_id} » existe déjà ({existing.as_posix()})",
                "Pour la mettre à jour, indiquez son adresse dans la rubrique « Fiche à mettre à jour » ; "
                "sinon choisissez un nom qui la distingue."))
            return outcome
    text, outcome.starts = record_text(form.kind, values)
    outcome.checked = check(data_dir, form.kind, outcome.record_id, text, keep)
    return outcome


def _label(outcome: Outcome, d: Diagnostic) -> str:
    """The form's label of the answer a record file's problem is about."""
    form = outcome.proposal.form
    if form is None or outcome.checked is None or d.path != outcome.checked.path:
        return ""
    key = next((outcome.starts[line] for line in sorted(outcome.starts, reverse=True) if line <= d.line), "")
    question = next((q for q in form.questions if q.path[0] == key), None)
    if question is not None:
        return question.label if len(question.path) == 1 else question.label.split(" : ")[0]
    info = form.kind.model.model_fields.get(key)
    return (info.title or key) if info else key


def _item(outcome: Outcome, d: Diagnostic) -> str:
    label = _label(outcome, d)
    where = f"**{for_markdown(label)}** : " if label else (f"ligne {d.line} : " if d.line else "")
    hint = f" → {for_markdown(d.hint)}" if d.hint else ""
    return f"- {where}{for_markdown(d.message)}{hint}"


def comment(outcome: Outcome) -> str:
    """Markdown for the proposer: what became of the proposal, and what to change when it cannot be taken."""
    errors = [d for d in outcome.diagnostics if d.is_error]
    warnings = [d for d in outcome.diagnostics if not d.is_error]
    if outcome.valid and outcome.checked is not None:
        kind = outcome.proposal.form.kind if outcome.proposal.form else None
        action = "met à jour la fiche" if outcome.proposal.updates else "devient la fiche"
        lines = [f"Merci ! Cette proposition {action} `{outcome.checked.path.as_posix()}`"
                 f"{f' ({kind.with_article})' if kind else ''}, vérifiée comme toute modification de l'annuaire. "
                 "Une personne de l'équipe la relit avant sa publication."]
        if warnings:
            lines += ["", "À savoir :", "", *(_item(outcome, d) for d in warnings)]
        return "\n".join(lines) + "\n"
    lines = ["Merci pour cette proposition. Elle ne peut pas encore devenir une fiche de l'annuaire :", "",
             *(_item(outcome, d) for d in errors)]
    if warnings:
        lines += ["", "À savoir aussi :", "", *(_item(outcome, d) for d in warnings)]
    lines += ["", "Corrigez le texte de la proposition (pour un ticket : « … » puis « Edit »), gardez les titres des "
              "rubriques ; l'équipe relancera la lecture."]
    return "\n".join(lines) + "\n"
