"""The taxonomies: one entry per taxonomy file with everything the code needs to know about it.

Which files every directory needs, how French names each taxonomy (with its gender), which get browse pages
and a search filter, which terms map to a national vocabulary: derived from here, never from tables keyed by
taxonomy name elsewhere. The fields drawing on a taxonomy are read from the models (`RefersTo`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

from data_inclusion.schema.v1 import Public, Thematique
from pydantic import BaseModel

from generator.contract.nouns import Noun, capitalize, feminine, masculine
from generator.contract.shapes import paths_to


@dataclass(frozen=True)
class Browsed:
    """A taxonomy with browse pages (/thematiques/<id>/) and a search filter."""

    intro: str  # under the title of its page
    search_filter: str  # the filter's name in the search index and in the search page's address
    search_within: str  # the search link of a term's page
    position: int  # in the menu, the home page and the search panel (files are listed in registry order)


@dataclass(frozen=True)
class Taxonomy:
    name: str  # file name without .yml, URL segment of its browse pages, and the name fields refer to it by
    noun: Noun
    browsed: Browsed | None = None
    data_inclusion: type[Enum] | None = None  # the national vocabulary its terms' `data_inclusion:` codes are from
    hsds: bool = False  # published as taxonomy terms in the HSDS export
    required: bool = True  # a directory without its file is refused; else its terms are only needed once used
    search_filter: str | None = None  # a search filter without browse pages (a browsed taxonomy has its own)

    @property
    def file(self) -> str:
        return f"{self.name}.yml"

    @property
    def title(self) -> str:
        """ « Thématiques », « Types d'acteur »."""
        return capitalize(self.noun.plural)

    @property
    def every(self) -> str:
        """ « Toutes les thématiques », « Tous les publics »."""
        return capitalize(self.noun.every)

    @property
    def filter(self) -> str | None:
        """The name of its search filter, if it has one."""
        return self.browsed.search_filter if self.browsed is not None else self.search_filter

    @property
    def hierarchical(self) -> bool:
        """Browsed taxonomies gather under a term the records of the terms below it."""
        return self.browsed is not None

    def data_inclusion_codes(self) -> list[str]:
        return sorted(str(code.value) for code in self.data_inclusion) if self.data_inclusion else []

    def fields_of(self, model: type[BaseModel]) -> list[str]:
        """The fields of `model` drawing on this taxonomy, nested blocks included (« services.publics »)."""
        return [".".join(path) for path in paths_to(model, self.name)]


THEMATIQUES = Taxonomy(
    "thematiques",
    feminine("thématique"),
    Browsed(
        "Les sujets sur lesquels agissent les acteurs. Une thématique regroupe aussi les fiches de ses "
        "sous-thématiques.",
        "thematique",
        "Rechercher dans cette thématique",
        position=1,
    ),
    data_inclusion=Thematique,
    hsds=True,
)
PUBLICS = Taxonomy(
    "publics",
    masculine("public"),
    Browsed(
        "Les personnes à qui s'adressent les acteurs, les ressources et les actions. Un public regroupe "
        "aussi les fiches des publics plus précis qu'il contient.",
        "public",
        "Rechercher les fiches pour ce public",
        position=3,
    ),
    data_inclusion=Public,
    hsds=True,
)
TERRITOIRES = Taxonomy(
    "territoires",
    masculine("territoire"),
    Browsed(
        "Les territoires où agissent les acteurs, des deux côtés de la frontière. Un territoire regroupe "
        "aussi les fiches des territoires qu'il contient.",
        "territoire",
        "Rechercher dans ce territoire",
        position=2,
    ),
    hsds=True,
)
TYPES_ACTEUR = Taxonomy("types_acteur", masculine("type d'acteur", "types d'acteur"), hsds=True)
TYPES_RESSOURCE = Taxonomy("types_ressource", masculine("type de ressource", "types de ressource"))
TYPES_EVENEMENT = Taxonomy("types_evenement", masculine("type d'événement", "types d'événement"))
# Optional: a directory that publishes no call needs no file of call types.
TYPES_APPEL = Taxonomy("types_appel", masculine("type d'appel", "types d'appel"), required=False,
                       search_filter="type_appel")


class Taxonomies:
    """The registered taxonomies, in the order exports list them."""

    def __init__(self, *taxonomies: Taxonomy) -> None:
        self._by_name = {taxonomy.name: taxonomy for taxonomy in taxonomies}
        self.by_name: Mapping[str, Taxonomy] = MappingProxyType(self._by_name)

    def __iter__(self) -> Iterator[Taxonomy]:
        return iter(tuple(self._by_name.values()))

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> Taxonomy:
        return self._by_name[name]

    def get(self, name: str) -> Taxonomy | None:
        return self._by_name.get(name)

    def names(self) -> list[str]:
        return list(self._by_name)

    def browsed(self) -> list[Taxonomy]:
        """Those with browse pages (thematiques, territoires, publics), in the order the menu shows them."""
        browsed = [(t.browsed.position, t) for t in self if t.browsed is not None]
        return [t for _, t in sorted(browsed, key=lambda pair: pair[0])]

    def searched(self) -> list[Taxonomy]:
        """Those with a search filter: the browsed ones in menu order, then the others in registry order."""
        return self.browsed() + [t for t in self if t.browsed is None and t.search_filter is not None]

    def register(self, taxonomy: Taxonomy) -> None:
        if taxonomy.name in self._by_name:
            raise ValueError(f"taxonomy {taxonomy.name!r} is already registered")
        self._by_name[taxonomy.name] = taxonomy

    def unregister(self, name: str) -> None:
        self._by_name.pop(name)


TAXONOMIES = Taxonomies(THEMATIQUES, PUBLICS, TERRITOIRES, TYPES_ACTEUR, TYPES_RESSOURCE, TYPES_EVENEMENT,
                        TYPES_APPEL)

