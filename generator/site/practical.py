"""The first screen of a record: what a person at the counter asks before anything else. For an actor: the
number to call, where to go and how (an itinerary), and the conditions of access (price, appointment,
anonymity, age, languages, papers), its services' own values winning over the actor's. Plain text for the
templates, which escape it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from generator.contract.model import Actor, Conditions, Lieu
from generator.site.french import LANGUES, PAYS, join_fr, label

OSM_DIRECTIONS = "https://www.openstreetmap.org/directions"
EVERY_SERVICE = "Pour tous les services"
MINORS = {True: "Mineurs reçus sans accord parental", False: "Accord parental demandé pour les mineurs"}


@dataclass(frozen=True)
class ConditionRow:
    """Conditions that hold together: for the whole actor (`title` None, or EVERY_SERVICE), or one service."""

    title: str | None
    items: tuple[str, ...]


def phrases(conditions: Conditions | None) -> list[str]:
    """The conditions in words, in the order a person asks them: « Gratuit », « Sans rendez-vous » …"""
    if conditions is None:
        return []
    c = conditions
    found = [
        yes if flag else no
        for flag, yes, no in (
            (c.gratuit, "Gratuit", "Payant"),
            (c.sur_rendez_vous, "Sur rendez-vous", "Sans rendez-vous"),
            (c.anonyme, "Anonyme possible", "Non anonyme"),
        )
        if flag is not None
    ]
    if ages := age_range(c.age_minimum, c.age_maximum):
        found.append(ages)
    if c.mineurs_sans_accord_parental is not None:
        found.append(MINORS[c.mineurs_sans_accord_parental])
    if c.langues:
        found.append(f"Langues parlées : {join_fr(label(LANGUES, code) for code in c.langues)}")
    if c.accessibilite:
        found.append(f"Accessibilité : {c.accessibilite}")
    if c.documents_a_fournir:
        found.append(f"À apporter : {c.documents_a_fournir}")
    return found


def age_range(minimum: int | None, maximum: int | None) -> str:
    """ "De 12 à 25 ans", "Dès 15 ans", "Jusqu'à 25 ans", ""."""
    if minimum is not None and maximum is not None:
        return f"De {minimum} à {maximum} ans"
    if minimum is not None:
        return f"Dès {minimum} ans"
    if maximum is not None:
        return f"Jusqu'à {maximum} ans"
    return ""


def actor_conditions(actor: Actor) -> list[ConditionRow]:
    """What holds for every service once (« Pour tous les services »), then what each service adds; without
    services, the actor's own conditions."""
    if not actor.services:
        own = phrases(actor.conditions)
        return [ConditionRow(None, tuple(own))] if own else []
    per_service = [(service.nom, phrases(service.with_fallback(actor.conditions))) for service in actor.services]
    common = [p for p in per_service[0][1] if all(p in found for _, found in per_service[1:])]
    rows = [ConditionRow(EVERY_SERVICE if len(per_service) > 1 else None, tuple(common))] if common else []
    for name, found in per_service:
        rest = tuple(p for p in found if p not in common)
        if rest:
            rows.append(ConditionRow(name, rest))
    return rows


def call_number(actor: Actor) -> str | None:
    """The number the « Appeler » button dials: the actor's, else its first contact's."""
    return actor.telephone or next((c.telephone for c in actor.contacts if c.telephone), None)


def address_lines(lieu: Lieu) -> list[str]:
    """ ["Boulevard Zoé Drion 30", "6000 Charleroi", "Belgique"]: as on an envelope (the country when not France)."""
    town = " ".join(part for part in (lieu.code_postal, lieu.commune) if part)
    lines = [part for part in (lieu.adresse, town) if part]
    if lines and lieu.pays != "FR":
        lines.append(label(PAYS, lieu.pays))
    return lines


def directions_url(lieu: Lieu) -> str | None:
    """An OpenStreetMap itinerary to the place (the visitor types where they start from): to its coordinates when
    known, else to its written address; None without either."""
    if lieu.latitude is not None and lieu.longitude is not None:
        return f"{OSM_DIRECTIONS}?route=%3B{lieu.latitude}%2C{lieu.longitude}"
    if lieu.adresse and lieu.commune:
        return f"{OSM_DIRECTIONS}?{urlencode({'to': ', '.join(address_lines(lieu))}, quote_via=quote)}"
    return None


def address_directions(text: str | None) -> str | None:
    """An OpenStreetMap itinerary to a place written in words (an event's `lieu`)."""
    return f"{OSM_DIRECTIONS}?{urlencode({'to': text}, quote_via=quote)}" if text else None


def locality(actor: Actor, most: int = 2) -> str:
    """Where an organisation is, for lists of a cross-border directory: "Charleroi (Belgique)",
    "Lille et Roubaix (France)", "Mons, Tournai… (Belgique)"; "" without a commune."""
    towns = _unique(lieu.commune for lieu in actor.lieux if lieu.commune)
    countries = _unique(label(PAYS, lieu.pays) for lieu in actor.lieux if lieu.commune)
    if not towns:
        return ""
    shown = join_fr(towns) if len(towns) <= most else ", ".join(towns[:most]) + "…"
    return f"{shown} ({join_fr(countries)})"


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
