"""A YAML syntax error told where the person made it, and why, from the lines they wrote.

LibYAML stops where the text stopped making sense to it, which is often a line or two after the mistake and
in its own words: a forgotten list dash is « could not find expected ':' » on the next key, a key indented
too far is « mapping values are not allowed » on its colon, an apostrophe inside single quotes is « did not
find expected key » at the end of the line. Each rule below recognises one mistake a person makes from the
raw lines around LibYAML's position, and says it in French at the line and column of the mistake. When no
rule applies, LibYAML's position is kept with a French message: its English never reaches a contributor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.contract import characters

Position = tuple[int, int]
Finding = tuple[Position, str, str]  # position (1-based), message, hint

SPACES_HINT = "Indentez avec des espaces ordinaires (la barre d'espace), jamais avec la touche Tab."
ALIGN = "Alignez les clés d'un même bloc avec le même nombre d'espaces en début de ligne."
QUOTE_HINT = "Si la valeur contient « : » ou « # », mettez-la entre guillemets droits : \"…\"."

_KEY = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s:#'\"\[\]{},&*!|>%@`-][^:#]*?) *:(?=\s|$)")
_NO_SPACE = re.compile(r"^ *(?:- +)?(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?P<after>[^ \t\r\n:/])")
_QUOTED = re.compile(r"^(?P<lead> *(?:- +)?(?:[^\s:#'\"][^:#]*?: +)?)(?P<quote>['\"])")


@dataclass(frozen=True)
class Problem:
    """What LibYAML said, as positions (1-based) in the text."""

    problem: str
    at: Position
    context: str
    context_at: Position | None


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    text: str

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def blank(self) -> bool:
        stripped = self.text.strip()
        return not stripped or stripped.startswith("#")

    def key(self) -> tuple[str, int] | None:
        """The key this line starts (« nom », its 1-based column), if it starts one."""
        found = _KEY.match(self.text)
        if found is None:
            return None
        return found.group("key").strip(), found.start("key") + 1


class Text:
    """The file as the editor shows it: lines split on line feeds only."""

    def __init__(self, text: str) -> None:
        self.lines = [Line(i + 1, line.rstrip("\r")) for i, line in enumerate(text.split("\n"))]

    def line(self, number: int) -> Line:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else Line(number, "")

    def content_before(self, number: int) -> Line | None:
        """The nearest line above `number` that holds something other than a comment."""
        for line in reversed(self.lines[: max(0, number - 1)]):
            if not line.blank:
                return line
        return None


def rediagnose(source: str, problem: Problem) -> Finding:
    text = Text(source)
    for rule in RULES:
        found = rule(text, problem)
        if found is not None:
            return found
    return _fallback(problem)


# --- the rules, most certain first ----------------------------------------------------------------------


def _near(text: Text, problem: Problem) -> list[Line]:
    """The lines where a character LibYAML stumbles on can be: from the line before the one it names (or the line
    its context starts on) to that line."""
    first = min(problem.at[0] - 1, problem.context_at[0] if problem.context_at else problem.at[0])
    return text.lines[max(0, first - 1) : problem.at[0]]


def _tab_in_indentation(text: Text, problem: Problem) -> Finding | None:
    for line in _near(text, problem):
        lead = line.text[: len(line.text) - len(line.text.lstrip(" \t"))]
        if "\t" in lead:
            return (line.number, lead.index("\t") + 1), "tabulation dans l'indentation", SPACES_HINT
    return None


def _odd_space_in_indentation(text: Text, problem: Problem) -> Finding | None:
    """A non-breaking space (or another Unicode space) where YAML needs ordinary spaces."""
    for line in _near(text, problem):
        stripped = line.text.lstrip(" ")
        if stripped and characters.ODD_SPACES.match(stripped):
            return (
                (line.number, line.indent + 1),
                f"{characters.character_name(stripped[0])} dans l'indentation",
                "Remplacez-la par des espaces ordinaires : effacez le début de la ligne et retapez les espaces "
                "(ce caractère vient souvent d'un copier-coller depuis Word ou un courriel).",
            )
    return None


def _unclosed_quote(text: Text, problem: Problem) -> Finding | None:
    if "end of stream" not in problem.problem or "quoted scalar" not in problem.context:
        return None
    at = problem.context_at or problem.at
    quote = text.line(at[0]).text[at[1] - 1 : at[1]] or "\""
    return (
        at,
        f"guillemet « {quote} » ouvert ligne {at[0]} et jamais refermé",
        f"Ajoutez le « {quote} » qui ferme le texte, à la fin de la valeur sur la même ligne.",
    )


def _quote_left_open(text: Text, problem: Problem) -> Finding | None:
    """`nom: "Centre` on one line: the text runs on to the next quote, lines below, where LibYAML stops."""
    for line in text.lines[: problem.at[0] - 1]:
        opened = _QUOTED.match(line.text)
        if opened is None or line.blank:
            continue
        quote = opened.group("quote")
        if _closing_quote(line.text, opened.end("quote"), quote) is None and _swallows_keys(text, line, quote):
            return (
                (line.number, opened.start("quote") + 1),
                f"guillemet « {quote} » ouvert ligne {line.number} et jamais refermé sur cette ligne",
                f"Ajoutez le « {quote} » qui ferme le texte à la fin de la ligne {line.number}.",
            )
    return None


def _swallows_keys(text: Text, opening: Line, quote: str) -> bool:
    """Whether the text a quote opens on `opening` runs over lines that look like keys (`type: x`): it was meant
    to close on its line. A text on two lines that closes on the second is fine."""
    for line in text.lines[opening.number :]:
        if line.key() is not None:
            return True
        if quote in line.text:
            return False
    return False


def _quote_inside_quotes(text: Text, problem: Problem) -> Finding | None:
    """'Centre d'accueil': the apostrophe closes the text, the rest of the line makes no sense."""
    candidates = [problem.at[0]] + ([problem.context_at[0]] if problem.context_at else [])
    for number in dict.fromkeys(candidates):
        line = text.line(number)
        opened = _QUOTED.match(line.text)
        if opened is None:
            continue
        quote, start = opened.group("quote"), opened.end("quote")
        closing = _closing_quote(line.text, start, quote)
        if closing is None:
            continue
        rest = line.text[closing + 1 :].strip()
        if not rest or rest.startswith("#"):
            continue
        value = line.text[start - 1 :].strip()
        if quote == "'":
            fixed = value[1:-1] if value.endswith("'") else value[1:]
            return (
                (number, closing + 1),
                f"apostrophe à l'intérieur d'un texte entre apostrophes (« {value} »)",
                f"Mettez le texte entre guillemets droits : \"{fixed}\", ou doublez l'apostrophe "
                f"(« '{fixed.replace(chr(39), chr(39) * 2)}' »).",
            )
        return (
            (number, closing + 1),
            f"guillemets « \" » à l'intérieur d'un texte entre guillemets (« {value} »)",
            "À l'intérieur, utilisez des guillemets français « … » ou écrivez \\\" ; ou mettez tout le texte "
            "entre apostrophes : '…'.",
        )
    return None


def _closing_quote(line: str, start: int, quote: str) -> int | None:
    """Index of the quote that closes a quoted text opened just before `start` on `line`."""
    index = start
    while index < len(line):
        char = line[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and line[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _missing_space_after_colon(text: Text, problem: Problem) -> Finding | None:
    numbers = [problem.at[0], problem.at[0] - 1] + ([problem.context_at[0]] if problem.context_at else [])
    for number in sorted(set(numbers)):
        line = text.line(number)
        found = _NO_SPACE.match(line.text)
        if found is None:
            continue
        key, after = found.group("key"), found.group("after")
        column = found.start("after") + 1
        if characters.ODD_SPACES.match(after):
            return (
                (number, column),
                f"{characters.character_name(after)} après « {key}: » au lieu d'une espace ordinaire",
                f"Effacez ce caractère et tapez une espace ordinaire : « {key}: valeur ».",
            )
        value = line.text[found.start("after") :].strip()
        return (
            (number, column),
            f"il manque une espace après « {key}: »",
            f"Écrivez « {key}: {value} » : une espace sépare les deux-points de la valeur.",
        )
    return None


def _forgotten_dash(text: Text, problem: Problem) -> Finding | None:
    """A list item written without its « - »: LibYAML takes it for a key and looks for its colon."""
    if "could not find expected ':'" not in problem.problem or problem.context_at is None:
        return None
    line = text.line(problem.context_at[0])
    above = text.content_before(line.number)
    if above is None or ":" in line.text:
        return None
    if above.text.lstrip(" ").startswith("- ") and above.indent == line.indent:
        word = line.text.strip()
        return (
            (line.number, line.indent + 1),
            f"il manque le tiret « - » devant « {word} »",
            f"Dans une liste, chaque élément commence par « - » : écrivez « - {word} ».",
        )
    return None


def _missing_colon(text: Text, problem: Problem) -> Finding | None:
    if "could not find expected ':'" not in problem.problem or problem.context_at is None:
        return None
    line = text.line(problem.context_at[0])
    words = line.text.strip().split(None, 1)
    if not words:
        return None
    example = f"{words[0]}: {words[1]}" if len(words) > 1 else f"{words[0]}:"
    return (
        (line.number, line.indent + 1),
        f"il manque « : » après « {words[0]} »",
        f"Chaque ligne s'écrit « clé: valeur », par exemple « {example} » ; un élément de liste commence par « - ».",
    )


def _key_indented_too_far(text: Text, problem: Problem) -> Finding | None:
    """`sigle:` indented under `nom: X`: LibYAML reads it as part of the value and stops on its colon."""
    if "mapping values are not allowed" not in problem.problem and "did not find expected key" not in problem.problem:
        return None
    line = text.line(problem.at[0])
    key = line.key()
    if key is None:
        return None
    name, column = key
    if "mapping values" in problem.problem and line.text.find(":", column - 1) + 1 != problem.at[1]:
        return None  # the colon LibYAML stopped on is inside a value, not after this line's key
    above = text.content_before(line.number)
    above_key = above.key() if above is not None else None
    if above is None or above_key is None or above.text.rstrip().endswith((":", "|", ">", "|-", ">-")):
        return None
    if column <= above_key[1]:
        return None
    spaces = above_key[1] - 1
    return (
        (line.number, line.indent + 1),
        f"la clé « {name} » est plus indentée que « {above_key[0]} » au-dessus",
        f"Alignez « {name}: » sur « {above_key[0]}: » ({_spaces(spaces)} en début de ligne).",
    )


def _colon_in_value(text: Text, problem: Problem) -> Finding | None:
    if "mapping values are not allowed" not in problem.problem:
        return None
    line = text.line(problem.at[0])
    key = line.key()
    if key is None:
        return None
    value = line.text[line.text.find(":", key[1] - 1) + 1 :].strip()
    return (
        problem.at,
        f"deux-points « : » à l'intérieur de la valeur de « {key[0]} »",
        f"Mettez la valeur entre guillemets droits : {key[0]}: \"{value}\".",
    )


def _key_out_of_its_block(text: Text, problem: Problem) -> Finding | None:
    """A key indented less (or a little more) than the keys of the block it belongs to."""
    if not any(words in problem.problem for words in ("expected '-' indicator", "expected key", "<block end>")):
        return None
    line = text.line(problem.at[0])
    key = line.key()
    if key is None:
        return None
    name, column = key
    above = text.content_before(line.number)
    above_key = above.key() if above is not None else None
    if above is None or above_key is None or above_key[1] == column:
        return None
    target = above_key[1]
    if line.text.lstrip(" ").startswith("- "):
        return None
    item = _item_of(text, above, target)
    if column < target and item is not None and column == item.indent + 1:
        hint = (f"Pour ajouter « {name} » au bloc du dessus, alignez « {name}: » sur « {above_key[0]}: » "
                f"({_spaces(target - 1)}) ; pour commencer un nouvel élément de la liste, écrivez « - {name}: … ».")
    else:
        hint = f"Alignez « {name}: » sur « {above_key[0]}: » ({_spaces(target - 1)} en début de ligne)."
    return (
        (line.number, line.indent + 1),
        f"la clé « {name} » n'est pas alignée avec « {above_key[0]} » au-dessus",
        hint,
    )


def _item_of(text: Text, line: Line, column: int) -> Line | None:
    """The list item (« - nom: … ») whose block `line`, a key at `column`, belongs to."""
    current: Line | None = line
    while current is not None:
        key = current.key()
        if key is None or key[1] != column:
            return None
        if current.text.lstrip(" ").startswith("- "):
            return current
        current = text.content_before(current.number)
    return None


def _first_key_indented(text: Text, problem: Problem) -> Finding | None:
    if "<document start>" not in problem.problem:
        return None
    first = next((line for line in text.lines if not line.blank), None)
    if first is None or first.indent == 0:
        return None
    return (
        (first.number, 1),
        "la première clé ne commence pas en début de ligne",
        "Les clés du premier niveau s'écrivent sans espace devant : retirez les espaces au début de la ligne.",
    )


def _character_starting_a_value(text: Text, problem: Problem) -> Finding | None:
    """`* point`, `&`, `@`, `` ` ``, `%`: characters YAML reserves at the start of a value."""
    if "alias" in problem.context or "anchor" in problem.context or "cannot start any token" in problem.problem:
        at = problem.context_at or problem.at
        char = text.line(at[0]).text[at[1] - 1 : at[1]]
        if not char or char == "\t":
            return None
        return (
            at,
            f"une valeur ne peut pas commencer par « {char} »",
            f"Mettez la valeur entre guillemets droits (\"{char}…\") ; pour une liste à puces dans un texte, "
            "écrivez « | » après la clé puis le texte sur les lignes suivantes.",
        )
    if "undefined alias" in problem.problem:
        return (problem.at, "une valeur ne peut pas commencer par « * »",
                "Mettez la valeur entre guillemets droits : \"*…\".")
    return None


def _list_on_the_key_line(text: Text, problem: Problem) -> Finding | None:
    if "sequence entries are not allowed" not in problem.problem:
        return None
    line = text.line(problem.at[0])
    key = line.key()
    name = key[0] if key else "la clé"
    return (
        problem.at,
        "une liste ne peut pas commencer sur la ligne de sa clé",
        f"Passez à la ligne après « {name}: » et écrivez chaque élément sur sa ligne, indenté : « - … ».",
    )


def _unclosed_bracket(text: Text, problem: Problem) -> Finding | None:
    for opening, closing, what in (("[", "]", "flow sequence"), ("{", "}", "flow mapping")):
        if what in problem.context:
            at = problem.context_at or problem.at
            return (
                at,
                f"« {opening} » ouvert ligne {at[0]} et jamais refermé par « {closing} »",
                f"Refermez avec « {closing} » sur la même ligne, ou écrivez un élément par ligne avec « - ». "
                + QUOTE_HINT,
            )
    return None


def _text_after_block_indicator(text: Text, problem: Problem) -> Finding | None:
    if "block scalar" not in problem.context:
        return None
    at = problem.context_at or problem.at
    return (
        at,
        "du texte suit « | » ou « > » sur la même ligne",
        "Après « | », passez à la ligne : le texte s'écrit sur les lignes suivantes, indenté.",
    )


def _several_documents(text: Text, problem: Problem) -> Finding | None:
    if "single document" not in problem.context and "another document" not in problem.problem:
        return None
    return (problem.at, "plusieurs documents dans un fichier",
            "Une fiche par fichier : retirez les lignes « --- » en trop.")


def _fallback(problem: Problem) -> Finding:
    if "could not find expected ':'" in problem.problem:
        return problem.at, "syntaxe YAML : il manque « : » après une clé", "Chaque ligne s'écrit « clé: valeur »."
    if any(words in problem.problem for words in ("expected key", "'-' indicator", "<block end>")):
        return problem.at, "syntaxe YAML : indentation incohérente", ALIGN
    if "end of stream" in problem.problem:
        return problem.at, "syntaxe YAML : fin de fichier inattendue", "Refermez les guillemets ou crochets ouverts."
    return (
        problem.at,
        "syntaxe YAML invalide",
        "Comparez avec une fiche voisine ou le modèle créé par « maillage new » : indentation, « : » après chaque "
        "clé, « - » devant chaque élément de liste.",
    )


def _spaces(count: int) -> str:
    return "aucune espace" if count == 0 else "1 espace" if count == 1 else f"{count} espaces"


RULES: tuple[Callable[[Text, Problem], Finding | None], ...] = (
    _tab_in_indentation,
    _odd_space_in_indentation,
    _several_documents,
    _unclosed_quote,
    _quote_left_open,
    _quote_inside_quotes,
    _missing_space_after_colon,
    _forgotten_dash,
    _key_indented_too_far,
    _colon_in_value,
    _key_out_of_its_block,
    _first_key_indented,
    _character_starting_a_value,
    _list_on_the_key_line,
    _unclosed_bracket,
    _text_after_block_indicator,
    _missing_colon,
)
