"""The characters no record text and no file name needs (control characters), and how to name them in French.

Shared by the value types of the contract (a title with a tab in it is refused) and the reading of the data
folder (a file name with a line break in it is refused)."""

from __future__ import annotations

import re

# Characters a name or a text never needs: C0 controls, DEL, C1 controls, and the two Unicode line separators.
CONTROL_CLASS = r"\x00-\x1f\x7f-\x9f\u2028\u2029"  # as Python's and pydantic's regular expressions write it
CONTROL = re.compile(f"[{CONTROL_CLASS}]")
CONTROL_NAMES = {
    0x00: "caractère nul",
    0x07: "sonnerie",
    0x08: "retour arrière",
    0x09: "tabulation",
    0x0A: "saut de ligne",
    0x0B: "tabulation verticale",
    0x0C: "saut de page",
    0x0D: "retour chariot",
    0x1B: "échappement",
    0x7F: "suppression",
    0x85: "ligne suivante",
    0x2028: "séparateur de ligne",
    0x2029: "séparateur de paragraphe",
}


def character_name(char: str) -> str:
    """« U+000B (tabulation verticale) »: a control character as a contributor can look it up."""
    code = ord(char)
    return f"U+{code:04X}" + (f" ({CONTROL_NAMES[code]})" if code in CONTROL_NAMES else "")
