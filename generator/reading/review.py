"""Checks of a record against the calendar and the reader: stale or future check dates, thin descriptions.

Only a check date in the future is an error (a typo such as 2062); the others warn without blocking."""

from __future__ import annotations

from datetime import date

from generator.contract.kinds import KINDS
from generator.contract.model import Record
from generator.reading.diagnostics import Diagnostic, error, warning
from generator.reading.load import Document

THIN_TEXT = 60  # characters: under this, a description rarely says who, what and for whom


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def review(record: Record, document: Document, today: date, review_months: int) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    where = document.locate(("date_maj",))
    if record.date_maj > today:
        found.append(
            error(
                document.path,
                where,
                f"date de vérification dans le futur ({record.date_maj.isoformat()})",
                "Indiquez le jour où la fiche a été vérifiée (AAAA-MM-JJ).",
            )
        )
    elif (age := months_between(record.date_maj, today)) >= review_months:
        found.append(
            warning(
                document.path,
                where,
                f"fiche vérifiée il y a {age} mois ({record.date_maj.isoformat()})",
                "Relisez-la avec l'acteur concerné puis mettez « date_maj » à jour "
                f"(revue tous les {review_months} mois).",
            )
        )
    kind = KINDS.of_model(type(record))
    field = kind.summary if kind else "description"
    text = getattr(record, field, None)
    if kind is not None and kind.thin_summary_warned and text is not None and len(text.strip()) < THIN_TEXT:
        found.append(
            warning(
                document.path,
                document.locate((field,)),
                f"« {field} » très court{'e' if field == 'description' else ''} ({len(text.strip())} caractères)",
                "Dites en deux ou trois phrases ce que c'est, pour qui, et comment en bénéficier.",
            )
        )
    return found
