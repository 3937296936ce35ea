"""What a person did not mean to type, found while the YAML values of a file are built (generator.load).

Each check gives the value as it was meant (the slip taken out, so that it is reported once) and the slips found,
each with its position in the file, a French message and a hint: an invisible character (generator.characters),
Word's curly quotes around a value, a Word bullet instead of the list dash, a value cut or emptied by a « # »
YAML reads as a comment, a non-breaking space that makes a key another key."""

from __future__ import annotations

import re

from yaml.nodes import Node, ScalarNode

from generator.contract import characters

Position = tuple[int, int]
Slip = tuple[Position, str, str]  # where (1-based), message, hint

_CUT = re.compile(r"[ \t]+#(?=\S)")  # after a value: « #2 » glued to its word is data, not a comment
_EMPTIED = re.compile(r"[ \t]*:[ \t]+#(?=\S)")  # after a key: `sigle: #PJS`


def _position(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class Slips:
    """The checks of one file; they read its lines only when a value needs them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def value(self, node: ScalarNode, value: str) -> tuple[str, list[Slip]]:
        found: list[Slip] = []
        invisible = characters.invisible_in(value)
        if invisible is not None:
            found.append((
                self._where(node, invisible.group()),
                f"caractère invisible {characters.character_name(invisible.group())}"
                f"{characters.words_before(value, invisible.start())}",
                "Retirez-le : placez le curseur juste après le texte visible et effacez jusqu'au caractère suivant "
                "(il vient souvent d'un copier-coller depuis Word, un PDF ou une page web).",
            ))
            while invisible is not None:
                value = value[: invisible.start()] + value[invisible.end() :]
                invisible = characters.invisible_in(value)
        stripped = value.strip()
        if characters.curly_quoted(stripped):
            found.append((
                _position(node),
                f"texte entre guillemets de traitement de texte (« {stripped} »)",
                f"Retirez les guillemets {stripped[0]} {stripped[-1]} : ils seraient publiés avec le texte. "
                "Si la valeur contient « : » ou « # », entourez-la de guillemets droits \"…\".",
            ))
            return stripped[1:-1].strip(), found
        if not node.style:  # plain: neither quoted nor a block
            bullet = characters.bullet_at_start(value)
            if bullet is not None:
                found.append((
                    self._where(node, bullet),
                    f"puce « {bullet} » ({_bare_name(bullet)}) au lieu du tiret de liste « - »",
                    "Écrivez chaque élément sur sa ligne avec le tiret du clavier : « - valeur » (Word remplace "
                    "souvent « - » par « – » ou par une puce).",
                ))
            found += self._cut_by_a_comment(node, value)
        return value, found

    def _cut_by_a_comment(self, node: ScalarNode, value: str) -> list[Slip]:
        """`adresse: bâtiment B #2`: YAML reads « #2 » as a comment, and the value loses it without a word."""
        line = node.end_mark.line
        if line != node.start_mark.line or line >= len(self.lines):
            return []
        after = self.lines[line][node.end_mark.column :]
        cut = _CUT.match(after)
        if cut is None:
            return []
        comment = after[cut.end() - 1 :].rstrip("\r")
        return [(
            (line + 1, node.end_mark.column + cut.end()),
            f"« {comment} » est lu comme un commentaire : il serait retiré de « {value} »",
            f"Mettez toute la valeur entre guillemets droits : \"{value} {comment}\".",
        )]

    def emptied(self, key_node: ScalarNode, key: str) -> list[Slip]:
        """`sigle: #PJS`: the whole value is a comment, and the key is left empty."""
        line = key_node.end_mark.line
        if line >= len(self.lines):
            return []
        after = self.lines[line][key_node.end_mark.column :]
        cut = _EMPTIED.match(after)
        if cut is None:
            return []
        comment = after[cut.end() - 1 :].rstrip("\r")
        return [(
            (line + 1, key_node.end_mark.column + cut.end()),
            f"« {comment} » est lu comme un commentaire : « {key} » resterait vide",
            f"Mettez la valeur entre guillemets droits : {key}: \"{comment}\".",
        )]

    def key(self, node: ScalarNode) -> tuple[str, list[Slip]]:
        """A key, without a non-breaking or invisible space that makes it another key (`nom\u00a0:`)."""
        key = node.value
        odd = characters.ODD_SPACES.search(key) or characters.invisible_in(key)
        if odd is None:
            return key, []
        char = odd.group()
        at_end = not key[odd.end() :].strip(" \u00a0\u202f\u2007")
        where = "avant « : »" if at_end else "dans la clé"
        slip = (
            self._where(node, char),
            f"{characters.character_name(char)} {where}{characters.words_before(key, odd.start())}",
            "Retirez-la : écrivez « clé: valeur », sans espace avant les deux-points "
            "(Word ajoute une espace insécable devant « : »).",
        )
        cleaned = characters.INVISIBLE.sub("", characters.ODD_SPACES.sub(" ", key)).strip()
        return cleaned, [slip]

    def _where(self, node: Node, char: str) -> Position:
        """Where `char` is written in the text of `node` (its start if it was written as an escape)."""
        first, last = node.start_mark.line, min(node.end_mark.line, len(self.lines) - 1)
        for number in range(first, last + 1):
            column = self.lines[number].find(char, node.start_mark.column if number == first else 0)
            if column >= 0:
                return number + 1, column + 1
        return _position(node)


def _bare_name(char: str) -> str:
    """ « tiret demi-cadratin »: a character's French name without its code point."""
    return characters.character_name(char).split("(")[-1].rstrip(")")
