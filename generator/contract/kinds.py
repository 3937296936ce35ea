"""The kinds of record: one entry per kind with everything the code needs to know about it.

Reading, pages, lists, search, exports and the command all derive what they do for a kind from its entry
here: where its files live, how its pages are addressed and titled, how French names it (with its gender),
which template shows it, which taxonomy types it, which field sums it up, how the exports name it, which
other records its page links to. No other module keeps a table keyed by kind.

Adding a kind of record takes five files: its entry here, its model (generator/contract/model.py), its
template (generator/site/templates/<name>.html), sample records, and the generated JSON Schema. A kind
defined outside the package (a test, an extension) is added with `register` (or `registered`, which removes
it afterwards) and may bring its own template folder (`Kind.templates`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import overload

from generator.contract.model import Actor, Call, Event, Practice, Record, Resource
from generator.contract.nouns import Noun, feminine, masculine


@dataclass(frozen=True)
class Paged:
    """A relation that may grow with the directory (a regional network's members): the record page names its
    first records, pages of its own list them all."""

    segment: str  # URL segment under the record's page: /acteurs/<id>/membres/
    title: str  # of those pages, and of the section on the record page


@dataclass(frozen=True)
class Relation:
    """Records a record page links to, under `name` (the key its template reads).

    Forward (`source` None): the records the record names in `fields`. Reverse: the records of kind `source`
    naming it in one of `fields`. `both_ways`: both (partners name each other or not)."""

    name: str
    fields: tuple[str, ...]
    source: str | None = None
    both_ways: bool = False
    excluding: tuple[str, ...] = ()  # relations declared before this one whose records are left out
    paged: Paged | None = None


@dataclass(frozen=True)
class Kind:
    """A kind of record."""

    name: str  # English, for code (and the key of its records: ("actor", id))
    noun: Noun  # French, with its gender
    model: type[Record]
    folder: str  # under data/
    section: str  # URL segment of its pages
    schema: str  # JSON Schema file name (without extension), word of the search filter and of the command
    title: str  # of its list page, as the menu names it
    intro: str  # the sentence under that title, and the list page's description
    export: str  # name of its CSV file and its key in annuaire.json
    export_description: str  # what its CSV file holds, for the /donnees/ page
    jsonld: str  # schema.org type of its pages' JSON-LD
    # schema.org property -> field, for a type generator/site/jsonld.py has no mapping of its own: ids of actors
    # become organisations, terms their labels (territories places), days ISO dates, the rest its text
    jsonld_fields: tuple[tuple[str, str], ...] = ()
    title_field: str = "titre"  # the field its title comes from
    summary: str = "description"  # the field that sums it up (lists, search, feeds)
    thin_summary_warned: bool = True  # a summary too short to be useful is reported to the contributor
    type_taxonomy: str | None = None  # the taxonomy its `type` field draws on (its label tags the record)
    calendar: bool = False  # listed by date: what is to come first, then the archives
    deadline: str | None = None  # a day field: open until that day (included), then closed and archived
    checked_by: tuple[str, ...] = ()  # fields naming the actor asked to check its records, the first one given
    relations: tuple[Relation, ...] = ()
    templates: Path | None = None  # a folder holding its template, for a kind defined outside the package

    @property
    def singular(self) -> str:
        return self.noun.singular

    @property
    def plural(self) -> str:
        return self.noun.plural

    @property
    def with_article(self) -> str:
        return self.noun.indefinite

    @property
    def template(self) -> str:
        return f"{self.name}.html"

    @property
    def words(self) -> tuple[str, str]:
        """What `maillage nouveau` accepts for it: its English name and its French word."""
        return (self.name, self.schema)

    @property
    def paged_relations(self) -> tuple[Relation, ...]:
        return tuple(relation for relation in self.relations if relation.paged is not None)


ACTOR = Kind(
    name="actor",
    noun=masculine("acteur"),
    model=Actor,
    folder="actors",
    section="acteurs",
    schema="acteur",
    title="Acteurs",
    intro="Les structures du réseau : associations, services, établissements, collectivités, dispositifs.",
    export="acteurs",
    export_description="Les acteurs du réseau, leurs lieux, services et contacts.",
    jsonld="Organization",
    title_field="nom",
    type_taxonomy="types_acteur",
    checked_by=("id",),  # an actor checks its own record
    relations=(
        Relation("networks", ("reseaux",)),
        Relation("members", ("reseaux",), source="actor", paged=Paged("membres", "Membres du réseau")),
        Relation(
            "partners", ("partenaires",), source="actor", both_ways=True, paged=Paged("partenaires", "Partenaires")
        ),
        Relation("resources", ("auteurs", "disponible_aupres_de"), source="resource"),
        Relation("practices_carried", ("porteur",), source="practice"),
        Relation("practices_joined", ("partenaires",), source="practice", excluding=("practices_carried",)),
        Relation("events", ("organisateurs",), source="event"),
        Relation("calls", ("porteur",), source="call"),
    ),
)
RESOURCE = Kind(
    name="resource",
    noun=feminine("ressource"),
    model=Resource,
    folder="resources",
    section="ressources",
    schema="ressource",
    title="Ressources",
    intro="Brochures, guides, outils pédagogiques, rapports et vidéos que les acteurs du réseau mettent à "
    "votre disposition.",
    export="ressources",
    export_description="Les brochures, guides, outils et autres ressources.",
    jsonld="CreativeWork",
    type_taxonomy="types_ressource",
    checked_by=("disponible_aupres_de", "auteurs"),
    relations=(
        Relation("authors", ("auteurs",)),
        Relation("holder", ("disponible_aupres_de",)),
        Relation("practices", ("ressources",), source="practice"),
        Relation("calls", ("ressources",), source="call"),
    ),
)
PRACTICE = Kind(
    name="practice",
    noun=feminine("bonne pratique", "bonnes pratiques"),
    model=Practice,
    folder="practices",
    section="pratiques",
    schema="pratique",
    title="Bonnes pratiques",
    intro="Des actions qui ont fonctionné, décrites pour que d'autres territoires puissent s'en inspirer.",
    export="pratiques",
    export_description="Les bonnes pratiques et leur évaluation.",
    jsonld="Project",
    jsonld_fields=(("parentOrganization", "porteur"), ("member", "partenaires"), ("areaServed", "territoires"),
                   ("knowsAbout", "thematiques"), ("foundingDate", "periode.debut"),
                   ("dissolutionDate", "periode.fin")),
    summary="resume",
    checked_by=("porteur",),
    relations=(
        Relation("carrier", ("porteur",)),
        Relation("partners", ("partenaires",)),
        Relation("resources", ("ressources",)),
        Relation("calls", ("pratique",), source="call"),
    ),
)
EVENT = Kind(
    name="event",
    noun=masculine("événement"),
    model=Event,
    folder="events",
    section="agenda",
    schema="evenement",
    title="Agenda",
    intro="Les rencontres, formations et forums du réseau. Les événements à venir sont en premier.",
    export="evenements",
    export_description="Les événements de l'agenda.",
    jsonld="Event",
    thin_summary_warned=False,  # an event may have no description at all
    type_taxonomy="types_evenement",
    calendar=True,
    checked_by=("organisateurs",),
    relations=(Relation("organisers", ("organisateurs",)), Relation("host", ("lieu_acteur",))),
)

CALL = Kind(
    name="call",
    noun=masculine("appel"),
    model=Call,
    folder="calls",
    section="appels",
    schema="appel",
    title="Appels et offres",
    intro="Appels à projets, recherches de partenaires et offres de mutualisation (locaux, matériel, formation) "
    "entre les acteurs du réseau. Les appels ouverts sont en premier.",
    export="appels",
    export_description="Les appels à projets, recherches de partenaires et offres de mutualisation, ouverts et clos.",
    jsonld="Offer",
    jsonld_fields=(("name", "titre"), ("category", "type"), ("offeredBy", "porteur"), ("validThrough", "date_limite"),
                   ("areaServed", "territoires"), ("sameAs", "url")),
    type_taxonomy="types_appel",
    deadline="date_limite",
    checked_by=("porteur",),
    relations=(
        Relation("carrier", ("porteur",)),
        Relation("practice", ("pratique",)),
        Relation("resources", ("ressources",)),
    ),
)


class Kinds(Sequence[Kind]):
    """The registered kinds, in the order lists, menus and exports show them. A live view: a kind registered
    later is seen by every module that imported the registry."""

    def __init__(self, *kinds: Kind) -> None:
        self._by_name: dict[str, Kind] = {kind.name: kind for kind in kinds}
        self.by_name: Mapping[str, Kind] = MappingProxyType(self._by_name)

    @overload
    def __getitem__(self, index: int) -> Kind: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Kind]: ...
    def __getitem__(self, index: int | slice) -> Kind | Sequence[Kind]:
        return tuple(self._by_name.values())[index]

    def __len__(self) -> int:
        return len(self._by_name)

    def __iter__(self) -> Iterator[Kind]:
        return iter(tuple(self._by_name.values()))

    def of_model(self, model: type) -> Kind | None:
        return next((kind for kind in self if kind.model is model), None)

    def register(self, kind: Kind) -> None:
        """Add a kind (after the others). Its name, folder, section and export name must be new."""
        for facet in ("name", "folder", "section", "schema", "export"):
            taken = {getattr(known, facet) for known in self}
            if getattr(kind, facet) in taken:
                raise ValueError(f"kind {kind.name!r}: {facet} {getattr(kind, facet)!r} is already taken")
        self._by_name[kind.name] = kind

    def unregister(self, name: str) -> None:
        self._by_name.pop(name)

    @contextmanager
    def registered(self, kind: Kind) -> Iterator[Kind]:
        """The kind registered for the time of a `with` block."""
        self.register(kind)
        try:
            yield kind
        finally:
            self.unregister(kind.name)


KINDS = Kinds(ACTOR, RESOURCE, PRACTICE, EVENT, CALL)
KIND_BY_NAME: Mapping[str, Kind] = KINDS.by_name

