"""Actors' places as the map and its list show them: one-line addresses, communes, the small map's points and
the list cut into pages. Pure functions of the records, shared by the map page and the actor pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.contract.model import Actor, Lieu
from generator.site.french import PAYS
from generator.site.index import Listed

NO_COMMUNE = "Commune non précisée"


@dataclass(frozen=True)
class Place:
    """One place of one actor, as the list and the map show it."""

    entry: Listed  # the actor
    lieu: Lieu
    number: int  # rank of the place in the actor's file, from 1
    thematiques: tuple[str, ...]  # the actor's thematiques and their ancestors
    commune: str  # the group it is listed under

    @property
    def anchor(self) -> str:
        return f"lieu-{self.entry.record.id}-{self.number}"

    @property
    def located(self) -> bool:
        return self.lieu.latitude is not None and self.lieu.longitude is not None

    @property
    def type_id(self) -> str:
        return getattr(self.entry.record, "type", "")

    @property
    def address(self) -> str:
        return address(self.lieu)

    @property
    def name(self) -> str:
        """The place's own name, "" when it has none or repeats the actor's."""
        return self.lieu.nom if self.lieu.nom and self.lieu.nom != self.entry.title else ""


@dataclass(frozen=True)
class Group:
    commune: str
    places: Sequence[Place]
    continued: bool  # the commune started on the previous page


def address(lieu: Lieu) -> str:
    """ "Boulevard Zoé Drion 30, 6000 Charleroi (Belgique)"; "" when the place has no address."""
    town = " ".join(part for part in (lieu.code_postal, lieu.commune) if part)
    if town and lieu.pays != "FR":
        town += f" ({PAYS.get(lieu.pays, lieu.pays)})"
    return ", ".join(part for part in (lieu.adresse, town) if part)


def commune_of(lieu: Lieu) -> str:
    if not lieu.commune:
        return NO_COMMUNE
    return lieu.commune if lieu.pays == "FR" else f"{lieu.commune} ({PAYS.get(lieu.pays, lieu.pays)})"


def points(actor: Actor) -> list[dict[str, Any]]:
    """The located places of one actor, for the small map of its page."""
    return [
        {"lat": round(lieu.latitude, 6), "lon": round(lieu.longitude, 6), "nom": lieu.nom or actor.nom,
         "adresse": address(lieu)}
        for lieu in actor.lieux
        if lieu.latitude is not None and lieu.longitude is not None
    ]


def chunk_places(places: Sequence[Place], size: int) -> list[list[Group]]:
    """Places (already in commune order) cut into pages of at most `size`, grouped by commune on each page.
    A commune starts a new page rather than being split, unless it is larger than a page on its own."""
    runs: list[list[Place]] = []
    for place in places:
        if runs and runs[-1][0].commune == place.commune:
            runs[-1].append(place)
        else:
            runs.append([place])
    pages: list[list[Group]] = [[]]
    room = size
    for run in runs:
        if room < len(run) <= size:
            pages.append([])
            room = size
        start = 0
        while start < len(run):
            if room == 0:
                pages.append([])
                room = size
            part = run[start : start + room]
            pages[-1].append(Group(run[0].commune, part, continued=start > 0))
            start += len(part)
            room -= len(part)
    return pages
