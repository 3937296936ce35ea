"""Better hints once the whole directory is read: the id a contributor meant when they wrote a label, a name,
a capitalised id or nothing at all.

Validation sees one file; it marks a diagnostic with what it is about (`Diagnostic.subject`: the taxonomy or
kind of record, and the value written). Here, with every taxonomy and record known, « Santé sexuelle » becomes
« Vouliez-vous dire « sante-sexuelle » ? », an actor cited by its name or its acronym gets its id, and a blank
`type:` lists the types to choose from."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.contract.fields import slugify as _slugify
from generator.contract.kinds import KIND_BY_NAME
from generator.contract.taxonomies import TAXONOMIES
from generator.reading.catalog import Catalog, Taxonomy
from generator.reading.diagnostics import Diagnostic

LISTED = 12  # choices shown in a hint; the file has them all


def slugify(text: str) -> str:
    return _slugify(text, max_length=len(text) + 1)  # whole, not cut at 60 letters as a file name is


def refine(diagnostics: list[Diagnostic], catalog: Catalog, taxonomy_folder: Path) -> list[Diagnostic]:
    return [_refined(d, catalog, taxonomy_folder) if d.subject else d for d in diagnostics]


def _refined(d: Diagnostic, catalog: Catalog, folder: Path) -> Diagnostic:
    assert d.subject is not None
    target, value = d.subject
    if target in KIND_BY_NAME:
        found = record_meant(value, catalog, target)
        if found is None:
            return d
        record_id, title = found
        kind = KIND_BY_NAME[target]
        return replace(d, hint=f"Vouliez-vous dire « {record_id} » ({title}) ? Une fiche en cite une autre par son "
                               f"identifiant : le nom de son fichier dans data/{kind.folder}/, sans « .yml ».")
    taxonomy = catalog.taxonomies.get(target)
    if taxonomy is None:
        return d
    listing = f"La liste est dans {folder / target}.yml."
    if not value:
        registered = TAXONOMIES.get(target)
        what = registered.noun.indefinite if registered is not None else target
        message = d.message if d.message.startswith("un élément") else f"{d.message} : choisissez {what}"
        return replace(d, message=message, hint=f"Valeurs possibles : {_choices(taxonomy)}. {listing}")
    term = term_meant(value, taxonomy)
    if term is None:
        return d
    return replace(d, hint=f"Vouliez-vous dire « {term} » ({taxonomy.label(term)}) ? {listing}")


def _choices(taxonomy: Taxonomy) -> str:
    ids = [term.id for term, _ in taxonomy.walk()]
    shown = ", ".join(ids[:LISTED])
    return shown + (f" … ({len(ids) - LISTED} de plus)" if len(ids) > LISTED else "")


def term_meant(value: str, taxonomy: Taxonomy) -> str | None:
    """The term a label, a capitalised id or the end of an id stands for: « Santé sexuelle », « Maubeuge »,
    « Dépistage » (for sante-sexuelle--depistage)."""
    slug = slugify(value)
    if not slug:
        return None
    exact = [t.id for t in taxonomy.terms.values() if slug in (t.id, slugify(t.label))]
    if exact:
        return exact[0]
    ends = [t.id for t in taxonomy.terms.values() if t.id.split("--")[-1] == slug]
    if len(ends) == 1:
        return ends[0]
    starts = [t.id for t in taxonomy.terms.values() if slugify(t.label).startswith(slug + "-")]
    return starts[0] if len(starts) == 1 else None


def record_meant(value: str, catalog: Catalog, kind_name: str) -> tuple[str, str] | None:
    """The record cited by its name, its title or (an actor) its acronym instead of its id."""
    slug = slugify(value)
    if not slug:
        return None
    for record in catalog.records.get(kind_name, {}).values():
        acronym = getattr(record, "sigle", None)  # an actor's
        names = [record.title] + ([acronym] if acronym else [])
        if slug in (slugify(name) for name in names) and record.id != value:
            return record.id, record.title
    return None
