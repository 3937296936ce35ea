"""What a record page tells the search index (Pagefind): its filters and its result card.

Filters hold ids, not labels: the search page's address names them (/recherche/?thematique=sante-sexuelle),
browse pages link to it, and two terms may share a label. A record tagged with a term also carries the term's
ancestors, so that choosing "Santé sexuelle" finds the records tagged "Dépistage", and the count shown next
to each value is exact. The search page itself is generator/search/records.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.contract.taxonomies import TAXONOMIES, TERRITOIRES
from generator.site.french import capitalize
from generator.site.hours import hours_open_days
from generator.site.index import Listed, SiteIndex
from generator.site.markdown import shorten

KIND_FILTER = "fiche"  # its values are the kinds' schema names: acteur, ressource, pratique, evenement
OPEN_FILTER = "ouvert"  # its values are French weekdays (lundi … dimanche): the places' and services' opening days
OPEN_LEGEND = "Ouvert le"
CARD_TERRITORIES = 3  # territories named on a result card; the record page lists them all
SUMMARY = 160  # characters of the record's summary on a result card

SearchData = dict[str, dict[str, list[str]] | dict[str, str]]


def filters_of(index: SiteIndex, entry: Listed) -> dict[str, list[str]]:
    """The record's kind and its terms (ancestors included) per filter."""
    found = {KIND_FILTER: [entry.kind.schema]}
    for taxonomy in TAXONOMIES.searched():
        terms = index.terms_of(entry.record, taxonomy.name)
        if taxonomy.filter is not None and (terms or taxonomy.browsed is not None):
            found[taxonomy.filter] = index.with_ancestors(taxonomy.name, terms)
    if getattr(entry.record, "lieux", None) is not None:  # a record with places (an actor) has opening days
        found[OPEN_FILTER] = open_days_of(entry.record, index.settings.today)
    return found


def open_days_of(record: Any, reference: date) -> list[str]:
    """The weekdays any place or service of the record opens (services take the first place's country)."""
    places = record.lieux
    country = places[0].pays if places else "FR"
    hours = [(lieu.horaires, lieu.pays) for lieu in places]
    hours += [(service.horaires, country) for service in getattr(record, "services", [])]
    return hours_open_days(hours, reference)


def card_of(index: SiteIndex, entry: Listed) -> dict[str, str]:
    """What a result shows: title, kind and type, territories, summary, check date (and start, for events)."""
    kind = capitalize(entry.kind.singular)
    territories = [index.label(TERRITOIRES.name, t) for t in getattr(entry.record, TERRITOIRES.name, None) or []]
    if len(territories) > CARD_TERRITORIES:
        territories = [*territories[:CARD_TERRITORIES], "…"]
    card = {
        "title": entry.title,
        "kind": kind if entry.type_label == kind else f"{kind} · {entry.type_label}",
        "territoire": ", ".join(territories),
        "resume": shorten(entry.summary, SUMMARY),
        "date": entry.record.date_maj.isoformat(),
    }
    start = getattr(entry.record, "debut", None)
    if start is not None:
        card["debut"] = start.isoformat()
    return {name: value for name, value in card.items() if value}


def search_data(index: SiteIndex, entry: Listed) -> SearchData:
    return {"filters": filters_of(index, entry), "meta": card_of(index, entry)}
