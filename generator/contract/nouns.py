"""French nouns with their grammatical gender, and the words derived from it.

A kind of record or a taxonomy is named by a `Noun`; its articles and agreements come from the gender it
declares (« un acteur », « une ressource », « l'événement », « du public », « inconnue »), never from the
spelling of another string.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# A noun starting with one of these takes the elided article (« l'acteur », « cet événement »). A mute « h »
# elides too, an aspirated one does not: a noun starting with « h » says which through `elided`.
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæ")


class Gender(Enum):
    MASCULINE = "masculin"
    FEMININE = "féminin"


@dataclass(frozen=True)
class Noun:
    singular: str
    plural: str
    gender: Gender
    elided: bool | None = None  # None: from the first letter (a vowel elides)

    @property
    def feminine(self) -> bool:
        return self.gender is Gender.FEMININE

    @property
    def elides(self) -> bool:
        if self.elided is not None:
            return self.elided
        return self.singular[:1].lower() in _VOWELS

    @property
    def indefinite(self) -> str:
        """ « un acteur », « une ressource »."""
        return f"{'une' if self.feminine else 'un'} {self.singular}"

    @property
    def definite(self) -> str:
        """ « l'acteur », « la ressource », « le public »."""
        if self.elides:
            return f"l'{self.singular}"
        return f"{'la' if self.feminine else 'le'} {self.singular}"

    @property
    def of_the(self) -> str:
        """ « de l'acteur », « de la ressource », « du public »."""
        if self.elides:
            return f"de l'{self.singular}"
        return f"{'de la' if self.feminine else 'du'} {self.singular}"

    @property
    def this(self) -> str:
        """ « cette thématique », « ce territoire », « cet événement »."""
        if self.feminine:
            return f"cette {self.singular}"
        return f"{'cet' if self.elides else 'ce'} {self.singular}"

    @property
    def every(self) -> str:
        """ « tous les publics », « toutes les thématiques »."""
        return f"{'toutes' if self.feminine else 'tous'} les {self.plural}"

    @property
    def itself(self) -> str:
        """The reflexive pronoun: « lui-même », « elle-même »."""
        return "elle-même" if self.feminine else "lui-même"

    def agree(self, adjective: str) -> str:
        """An adjective agreeing with the noun (regular adjectives only): « inconnu » -> « inconnue »."""
        return adjective + "e" if self.feminine else adjective


def masculine(singular: str, plural: str | None = None) -> Noun:
    return Noun(singular, plural or singular + "s", Gender.MASCULINE)


def feminine(singular: str, plural: str | None = None) -> Noun:
    return Noun(singular, plural or singular + "s", Gender.FEMININE)


def capitalize(text: str) -> str:
    """The first letter in capital (« bonnes pratiques » -> « Bonnes pratiques »), the others untouched."""
    return text[:1].upper() + text[1:]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "0 acteur", "1 acteur", "31 acteurs" (in French, zero takes the singular)."""
    return f"{count} {singular if count < 2 else (plural_form or singular + 's')}"
