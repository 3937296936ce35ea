"""Two files for one record: a second file for an actor that is already there would be published twice.

Records are compared on what identifies them once written the same way (accents, capitals and punctuation
left out): an actor's name, its SIRET, or its phone and e-mail with a name close to the other's (« Centre de
santé sexuelle Maubeuge »; an antenna sharing its parent's switchboard has a name of its own); a resource's
title with its address; a good practice's title with its carrier; an event's title on the same day by the same
organisers. Both files get a warning, each naming the other: only a person knows which one to keep (two
centres may share a name), so it is said on the change's own file without blocking it."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from datetime import datetime

from generator.contract.fields import slugify as _slugify
from generator.contract.kinds import Kind
from generator.contract.model import Actor, Event, Practice, Record, Resource
from generator.reading.diagnostics import Diagnostic, warning
from generator.reading.load import Document

HINT = ("Si c'est le même, gardez une seule fiche (complétez l'une, supprimez l'autre) ; sinon, distinguez-les "
        "(par exemple le nom de la commune dans le nom).")
Sign = tuple[str, tuple[str, ...], str]  # what is the same (in French), the field to point at, the normalised value


def _actor(record: Actor) -> Iterator[Sign]:
    yield f"même nom « {record.nom} »", ("nom",), slugify(record.nom)
    if record.identifiants and record.identifiants.siret:
        yield f"même SIRET {record.identifiants.siret}", ("identifiants", "siret"), record.identifiants.siret


def _resource(record: Resource) -> Iterator[Sign]:
    if record.url:
        yield f"même titre « {record.titre} » et même adresse", ("titre",), f"{slugify(record.titre)}|{record.url}"


def _practice(record: Practice) -> Iterator[Sign]:
    yield (f"même titre « {record.titre} » et même porteur", ("titre",),
           f"{slugify(record.titre)}|{record.porteur}")


def _event(record: Event) -> Iterator[Sign]:
    day = record.debut.date() if isinstance(record.debut, datetime) else record.debut
    organisers = ",".join(sorted(record.organisateurs))
    yield (f"même titre « {record.titre} », le même jour, par les mêmes organisateurs", ("titre",),
           f"{slugify(record.titre)}|{day.isoformat()}|{organisers}")


def slugify(text: str) -> str:
    return _slugify(text, max_length=len(text) + 1)  # whole: two long names may share their first 60 letters


SIGNS: dict[type[Record], Callable[..., Iterator[Sign]]] = {
    Actor: _actor, Resource: _resource, Practice: _practice, Event: _event,
}


CLOSE_NAMES = 0.85  # difflib's ratio between two names written the same way


def _same_contact(records: list[tuple[Kind, Record, Document]]) -> Iterator[tuple[str, Document, Document]]:
    """Actors with the same phone and e-mail whose names are close: the pairs, with what they share."""
    by_contact: dict[str, list[tuple[Actor, Document]]] = {}
    for _, record, document in records:
        if isinstance(record, Actor) and record.telephone and record.courriel:
            key = f"{record.telephone}|{record.courriel.lower()}"
            by_contact.setdefault(key, []).append((record, document))
    for group in by_contact.values():
        for index, (first, first_document) in enumerate(group):
            for second, second_document in group[index + 1 :]:
                ratio = difflib.SequenceMatcher(None, slugify(first.nom), slugify(second.nom)).ratio()
                if CLOSE_NAMES <= ratio < 1:  # equal names are said once, by the name
                    yield (f"même téléphone, même courriel et nom proche (« {first.nom} », « {second.nom} »)",
                           first_document, second_document)


def duplicates(records: list[tuple[Kind, Record, Document]]) -> list[Diagnostic]:
    seen: dict[tuple[str, str, str], tuple[Record, Document]] = {}
    found: list[Diagnostic] = []
    for kind, record, document in sorted(records, key=lambda item: (item[0].name, item[1].id)):
        signs = SIGNS.get(type(record))
        if signs is None:
            continue
        for what, field, value in signs(record):
            if not value.strip("|"):
                continue
            first = seen.setdefault((kind.name, field[0], value), (record, document))
            if first[0] is record:
                continue
            for here_document, there in ((document, first[1]), (first[1], document)):
                found.append(warning(
                    here_document.path, here_document.locate(field),
                    f"{kind.with_article} semble décrit{'e' if kind.with_article.startswith('une') else ''} deux "
                    f"fois : {what} que {there.path}",
                    HINT,
                ))
            break  # one reason is enough for a pair
    for what, first_document, second_document in _same_contact(records):
        for here_document, there in ((first_document, second_document), (second_document, first_document)):
            found.append(warning(here_document.path, here_document.locate(("telephone",)),
                                 f"un acteur semble décrit deux fois : {what} que {there.path}", HINT))
    return found
