"""Reading a proposal back: the body of an issue opened with a proposal form, or of the e-mail the public site's form
prepares, is a `### Label` section per question. Each answer becomes the value of its field as the contract writes
it; the record is then checked by the validator itself (`check.py`).

Bodies are read as people leave them: GitHub's `_No response_`, headings someone edited (case, level, a final
« : »), sections in another order, Windows line breaks, an e-mail client's wrapped lines. Whatever cannot be
understood is a French diagnostic naming the body's line, never dropped in silence."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.contract.fields import is_slug
from generator.editing.forms import FORMS, UPDATE_ID, Form, Question
from generator.editing.issue_forms import FLAG_OPTIONS
from generator.editing.shapes import Input, shape
from generator.editing.terms import Terms
from generator.reading.diagnostics import Diagnostic, did_you_mean, error, warning

NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<label>.*?)\s*#*\s*$")
_FRENCH_DAY = re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$")
_TIME = re.compile(r"^(?P<h>\d{1,2})\s*(?:[:h]\s*(?P<min>\d{2})?)?$")


@dataclass
class Section:
    label: str
    line: int  # of its heading, 1-based
    text: str
    answer_line: int


@dataclass
class Proposal:
    form: Form | None
    values: dict[str, Any] = field(default_factory=dict)  # the record's keys, as a YAML file would hold them
    updates: str | None = None  # the id of the record it updates
    lines: dict[str, int] = field(default_factory=dict)  # key -> line of its answer, for diagnostics
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def sections(body: str) -> tuple[list[Section], str, int]:
    """The body's sections, and the text before the first heading (with its first line)."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[Section] = []
    preamble: list[str] = []
    preamble_line = 0
    current: list[str] = []
    for number, line in enumerate(lines, start=1):
        heading = _HEADING.match(line)
        if heading:
            if found:
                found[-1].text = "\n".join(current)
            found.append(Section(heading["label"], number, "", number + 1))
            current = []
        elif found:
            if not current and not line.strip():
                found[-1].answer_line = number + 1
                continue
            current.append(line)
        elif line.strip():
            preamble_line = preamble_line or number
            preamble.append(line)
    if found:
        found[-1].text = "\n".join(current)
    return found, "\n".join(preamble).strip(), preamble_line


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold().strip()


def choose_form(found: list[Section]) -> Form | None:
    """The form whose questions the headings name most (an edited body may have lost a few)."""
    scores = [(sum(form.question(s.label) is not None for s in found), form) for form in FORMS]
    best = max(score for score, _ in scores)
    chosen = [form for score, form in scores if score == best]
    return chosen[0] if best and len(chosen) == 1 else None


def _pieces(text: str) -> list[str]:
    """A list answer: one item per line, or separated by commas (GitHub joins a dropdown's choices with ", ")."""
    items = []
    for line in text.split("\n"):
        line = line.strip().removeprefix("- ").removeprefix("* ").strip()
        if line:
            items.append(line)
    return items


def _term_ids(text: str, taxonomy: list[Any]) -> tuple[list[str], list[str]]:
    """Ids of « Libellé [id] » choices and of labels or ids written by hand, and the pieces not understood.

    GitHub joins a dropdown's choices with ", ", and a label may hold a comma: a choice is what ends with « [id] »,
    and whatever precedes its label there was written by hand."""
    ids: list[str] = []
    unknown: list[str] = []
    label_of = {term.id: term.label for term in taxonomy}
    for written, term_id in re.findall(r"(.*?)\[([a-z0-9-]+)\]", text, flags=re.S):
        ids.append(term_id)
        label = label_of.get(term_id, "")
        before = written.strip()
        # an unknown id: the validator names it (what precedes it is taken as its label)
        before = before[: len(before) - len(label)] if label and _plain(before).endswith(_plain(label)) else ""
        _by_hand(before, taxonomy, ids, unknown)
    _by_hand(re.sub(r".*\[[a-z0-9-]+\]", "", text, flags=re.S), taxonomy, ids, unknown)
    return ids, unknown


def _by_hand(text: str, taxonomy: list[Any], ids: list[str], unknown: list[str]) -> None:
    by_label = {_plain(term.label): term.id for term in taxonomy}
    known = {term.id for term in taxonomy}
    for piece in re.split(r"[,\n;]", text):
        piece = piece.strip(" -*\t")
        if not piece:
            continue
        if piece in known:
            ids.append(piece)
        elif _plain(piece) in by_label:
            ids.append(by_label[_plain(piece)])
        else:
            unknown.append(piece)


def record_id(text: str) -> str:
    """An id from an identifier or a page's address (https://…/acteurs/planning-familial-lille/)."""
    text = text.strip().strip("<>")
    if text.startswith(("http://", "https://")):
        segments = [s for s in urlsplit(text).path.split("/") if s]
        return segments[-1] if segments else text
    return text


def _day(text: str) -> date | str:
    text = text.strip()
    french = _FRENCH_DAY.match(text)
    try:
        if french:
            return date(int(french["y"]), int(french["m"]), int(french["d"]))
        return date.fromisoformat(text)
    except ValueError:
        return text  # the validator explains it


def _moment(text: str) -> date | datetime | str:
    text = " ".join(text.strip().replace("T", " ").replace(" à ", " ").split())
    day_part, _, time_part = text.partition(" ")
    day = _day(day_part)
    if not time_part or not isinstance(day, date):
        return day if not time_part else text
    clock = _TIME.match(time_part.replace(" ", ""))
    if clock is None:
        return text
    try:
        return datetime(day.year, day.month, day.day, int(clock["h"]), int(clock["min"] or 0))
    except ValueError:
        return text


def _number(text: str) -> float | str:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return text.strip()


class _Reader:
    def __init__(self, path: Path, form: Form, terms: Terms) -> None:
        self.path, self.form, self.terms = path, form, terms
        self.proposal = Proposal(form)

    def problem(self, line: int, message: str, hint: str = "") -> None:
        self.proposal.diagnostics.append(error(self.path, (line, 1), message, hint))

    def value(self, question: Question, section: Section) -> Any:
        shape, text = question.shape, section.text.strip()
        where = section.answer_line
        if shape.input is Input.TERM:
            ids, unknown = _term_ids(text, self.terms.get(shape.taxonomy, []))
            for piece in unknown:
                labels = [term.label for term in self.terms.get(shape.taxonomy, [])]
                self.problem(where, f"« {piece.strip()} » n'est pas dans la liste « {question.label} »",
                             did_you_mean(piece.strip(), labels, "Choisissez dans la liste du formulaire."))
            return ids if shape.many else (ids[0] if len(ids) == 1 else text)
        if shape.input is Input.RECORD:
            ids = [record_id(piece) for piece in re.split(r"[\n,;]", text) if piece.strip(" -*")]
            ids = [i.strip(" -*") for i in ids]
            return ids if shape.many else (ids[0] if len(ids) == 1 else text)
        if shape.input is Input.FLAG:
            answer = _plain(text)
            if answer in ("oui", "non"):
                return answer == "oui"
            self.problem(where, f"réponse « {text} » non comprise pour « {question.label} »",
                         "Répondez " + " ou ".join(FLAG_OPTIONS) + ".")
            return None
        if shape.input is Input.CHOICE:
            return _pieces(text) if shape.many else text
        if shape.input is Input.DAY:
            return _day(text)
        if shape.input is Input.MOMENT:
            return _moment(text)
        if shape.input is Input.NUMBER:
            return _number(text)
        if shape.input is Input.PROSE:
            return text
        if shape.many:
            return _pieces(text)
        return " ".join(text.split("\n"))  # a one-line answer an e-mail client wrapped

    def read(self, found: list[Section]) -> Proposal:
        seen: set[str] = set()
        labels = [q.label for q in self.form.questions]
        for section in found:
            question = self.form.question(section.label)
            if question is None:
                self.problem(section.line, f"rubrique inconnue « {section.label} » pour « {self.form.name} »",
                             did_you_mean(section.label, labels, "Rubriques possibles : " + ", ".join(labels) + "."))
                continue
            if question.id in seen:
                self.problem(section.line, f"la rubrique « {section.label} » est écrite deux fois",
                             "Gardez une seule rubrique de ce nom, avec la bonne réponse.")
                continue
            seen.add(question.id)
            if section.text.strip() in ("", NO_RESPONSE):
                continue
            if question.id == UPDATE_ID:
                self.proposal.updates = record_id(section.text)
                if not is_slug(self.proposal.updates):
                    self.problem(section.answer_line, f"fiche à mettre à jour introuvable « {section.text.strip()} »",
                                 "Copiez l'adresse de la fiche depuis la barre du navigateur.")
                continue
            value = self.value(question, section)
            if value is None:
                continue
            self._put(question, value, section.answer_line)
        return self.proposal

    def _put(self, question: Question, value: Any, line: int) -> None:
        values = self.proposal.values
        key = question.path[0]
        self.proposal.lines.setdefault(key, line)
        if len(question.path) == 1:
            values[key] = value
            return
        if shape(self.form.kind.model, key).many:  # a key of the first item of a list of blocks (lieux)
            values.setdefault(key, [{}])[0][question.path[1]] = value
        else:  # a key of a block (contact)
            values.setdefault(key, {})[question.path[1]] = value


def read_proposal(body: str, path: Path, terms: Terms) -> Proposal:
    found, preamble, preamble_line = sections(body)
    form = choose_form(found)
    if form is None:
        names = " ou ".join(f"« {f.name} »" for f in FORMS)
        proposal = Proposal(None)
        proposal.diagnostics.append(error(
            path, (1, 1),
            "ce texte n'est pas une proposition : ses rubriques (### …) ne sont celles d'aucun formulaire",
            f"Partez du formulaire {names} ; gardez ses titres de rubrique tels quels."))
        return proposal
    proposal = _Reader(path, form, terms).read(found)
    if preamble:
        shown = preamble if len(preamble) <= 80 else preamble[:79] + "…"
        proposal.diagnostics.append(warning(
            path, (preamble_line, 1), f"texte avant la première rubrique, non repris dans la fiche : « {shown} »",
            "Ce qui doit paraître dans la fiche va sous l'une des rubriques (### …)."))
    return proposal
