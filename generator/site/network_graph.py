"""Who belongs to which network and who works with whom, as a graph laid out at build time.

The links come from the actors' records: `reseaux` (a member and its network) and `partenaires` (two partners,
whichever of them names the other, drawn once). The positions come from networkx's Fruchterman-Reingold
layout with a fixed seed on nodes and edges in a fixed order, rounded to a tenth of a unit: the same data gives
the same picture, byte for byte. The SVG itself is written by a template (generator/site/templates/_reseau.html),
which escapes every name.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from generator.contract.kinds import ACTOR
from generator.contract.model import Actor
from generator.site.index import Listed, SiteIndex

PAGE_PATH = "reseau/"  # the map of the whole network (generator/site/network_map.py)
MEMBER, PARTNER = "membre", "partenaire"
RELATION_LABELS = {MEMBER: "membre de", PARTNER: "partenaire de"}
NETWORK_TYPE = "reseau"  # the actor type whose records are networks even before anyone names them
SEED = 17  # any fixed number: the layout's start, so that every build draws the same picture
LABEL_LENGTH = 24  # characters of a name written beside its node; the whole name is the link's accessible name
# A picture stays readable (and its page light) up to this many actors: past it, the whole network's picture
# draws the networks only (the largest first) and the links between them; each network's page has its members.
WHOLE_LIMIT = 200
SMALL_LIMIT = 60  # members of a network drawn on its page (as many as the page lists, RELATED_SHOWN)


@dataclass(frozen=True)
class Link:
    """One line of the picture and one row of its table: `source` is a member of (or a partner of) `target`."""

    relation: str  # MEMBER or PARTNER
    source: Listed
    target: Listed

    @property
    def ids(self) -> tuple[str, str, str]:
        return (self.relation, self.source.record.id, self.target.record.id)


@dataclass(frozen=True)
class Node:
    entry: Listed
    x: float
    y: float
    network: bool  # drawn as a square: a network, a CLS, a CPTS … that has members (or is of type "reseau")
    label: str
    territoires: tuple[str, ...]  # its terms with their ancestors, for the filters
    thematiques: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.entry.record.id

    @property
    def name(self) -> str:
        """The link's accessible name: the words shown first (WCAG 2.5.3), then the whole name and type."""
        whole = f"{self.entry.title} ({self.entry.type_label})"
        return whole if self.label == self.entry.title else f"{self.label} : {whole}"


@dataclass(frozen=True)
class Drawing:
    """A laid-out graph: the nodes with their positions in a `width` × `height` box, and the links."""

    nodes: tuple[Node, ...]
    links: tuple[Link, ...]
    width: int
    height: int
    networks_only: bool = False  # the network was too large: only its networks are drawn

    def position(self, record_id: str) -> tuple[float, float]:
        node = self._by_id[record_id]
        return node.x, node.y

    @cached_property
    def _by_id(self) -> dict[str, Node]:
        return {node.id: node for node in self.nodes}


def short_label(entry: Listed) -> str:
    actor = entry.record
    assert isinstance(actor, Actor)
    name = actor.sigle or actor.nom
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1].rstrip() + "…"


class NetworkGraph:
    """Every membership and partnership of the directory, and the drawings made of them."""

    def __init__(self, index: SiteIndex) -> None:
        self.index = index

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """Every link, memberships first, each in the order of the list of actors."""
        actors = self.index.by_kind[ACTOR.name]
        members: list[Link] = []
        partners: dict[frozenset[str], Link] = {}
        for entry in actors:
            actor = entry.record
            assert isinstance(actor, Actor)
            for network in self.index.entries_for(ACTOR, actor.reseaux):
                members.append(Link(MEMBER, entry, network))
            for partner in self.index.entries_for(ACTOR, actor.partenaires):
                pair = frozenset((actor.id, partner.record.id))
                if pair not in partners:  # named by both: one line; the first in list order names it
                    first, second = sorted((entry, partner), key=lambda e: (e.order, e.record.id))
                    partners[pair] = Link(PARTNER, first, second)
        order = {entry.record.id: number for number, entry in enumerate(actors)}
        by_place = sorted(partners.values(), key=lambda link: (order[link.source.record.id],
                                                                order[link.target.record.id]))
        unique = {link.ids: link for link in members}  # a network written twice in one record: one line
        return tuple(unique.values()) + tuple(by_place)

    @cached_property
    def networks(self) -> frozenset[str]:
        """The actors that are networks: of type "reseau", or named by a member."""
        named = {link.target.record.id for link in self.links if link.relation == MEMBER}
        typed = {e.record.id for e in self.index.by_kind[ACTOR.name] if getattr(e.record, "type", "") == NETWORK_TYPE}
        return frozenset(named | typed)

    @cached_property
    def _members(self) -> dict[str, list[Listed]]:
        found: dict[str, list[Listed]] = {}
        for link in self.links:
            if link.relation == MEMBER:
                found.setdefault(link.target.record.id, []).append(link.source)
        return found

    @cached_property
    def _touching(self) -> dict[str, list[Link]]:
        """The links of each actor, in the order of `links`."""
        found: dict[str, list[Link]] = {}
        for link in self.links:
            found.setdefault(link.source.record.id, []).append(link)
            found.setdefault(link.target.record.id, []).append(link)
        return found

    def members_of(self, network_id: str) -> list[Listed]:
        return self._members.get(network_id, [])

    def _among(self, inside: set[str]) -> list[Link]:
        """The links between the actors of `inside`, in the order of `links`."""
        order = {link.ids: number for number, link in enumerate(self.links)}
        found = {link.ids: link for i in inside for link in self._touching.get(i, [])
                 if link.source.record.id in inside and link.target.record.id in inside}
        return sorted(found.values(), key=lambda link: order[link.ids])

    @cached_property
    def whole(self) -> Drawing:
        """The whole network: every actor that has at least one link; past WHOLE_LIMIT actors, the networks."""
        if len(self._touching) <= WHOLE_LIMIT:
            return self.draw(self.links, width=960, height=720)
        largest = sorted(self.networks, key=lambda n: (-len(self.members_of(n)), n))[:WHOLE_LIMIT]
        alone = [e for e in (self.index.entry(ACTOR, n) for n in largest) if e is not None]
        drawing = self.draw(self._among(set(largest)), width=960, height=720, also=alone)
        return Drawing(drawing.nodes, drawing.links, drawing.width, drawing.height, networks_only=True)

    @property
    def linked(self) -> int:
        """How many actors have at least one link."""
        return len(self._touching)

    def around(self, network_id: str) -> Drawing | None:
        """One network and its members, with the links between them (the small picture of a network's page);
        none past SMALL_LIMIT members."""
        members = {entry.record.id for entry in self.members_of(network_id)}
        if not members or len(members) > SMALL_LIMIT:
            return None
        return self.draw(self._among(members | {network_id}), width=480, height=360)

    def draw(self, links: Sequence[Link], width: int, height: int, also: Sequence[Listed] = ()) -> Drawing:
        """The actors of `links` (and `also`, linked or not) laid out in a `width` × `height` box."""
        entries = _nodes_of(links, also)
        graph: nx.Graph[str] = nx.Graph()
        graph.add_nodes_from(entry.record.id for entry in entries)
        graph.add_edges_from((link.source.record.id, link.target.record.id) for link in links)
        spread = 1.8 / math.sqrt(max(len(entries), 1))  # networkx's default (1/√n), loosened for the labels
        layout = nx.spring_layout(graph, k=spread, seed=SEED, iterations=200) if entries else {}
        placed = _fit({key: (float(at[0]), float(at[1])) for key, at in layout.items()}, width, height)
        nodes = tuple(self._node(entry, placed[entry.record.id]) for entry in entries)
        return Drawing(nodes, tuple(links), width, height)

    def _node(self, entry: Listed, at: tuple[float, float]) -> Node:
        record = entry.record
        return Node(
            entry, at[0], at[1], record.id in self.networks, short_label(entry),
            tuple(self.index.with_ancestors("territoires", getattr(record, "territoires", []))),
            tuple(self.index.with_ancestors("thematiques", getattr(record, "thematiques", []))),
        )


MARGIN_X, MARGIN_Y = 70.0, 20.0  # room for the labels written under the nodes, centred


def _fit(layout: dict[str, tuple[float, float]], width: int, height: int) -> dict[str, tuple[float, float]]:
    """Layout positions (networkx gives [-1, 1]) scaled into the box, margins kept, rounded to a tenth."""
    if not layout:
        return {}
    xs, ys = [p[0] for p in layout.values()], [p[1] for p in layout.values()]

    def scale(value: float, low: float, high: float, size: int, margin: float) -> float:
        if high - low < 1e-9:
            return round(size / 2, 1)
        return round(margin + (value - low) / (high - low) * (size - 2 * margin), 1)

    return {key: (scale(x, min(xs), max(xs), width, MARGIN_X), scale(y, min(ys), max(ys), height - 12, MARGIN_Y))
            for key, (x, y) in layout.items()}


def _nodes_of(links: Iterable[Link], also: Iterable[Listed] = ()) -> list[Listed]:
    found: dict[str, Listed] = {entry.record.id: entry for entry in also}
    for link in links:
        found.setdefault(link.source.record.id, link.source)
        found.setdefault(link.target.record.id, link.target)
    return sorted(found.values(), key=lambda e: (e.order, e.record.id))
