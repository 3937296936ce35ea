"""The Jinja2 environment of the generated pages: autoescaping everywhere, templates compiled once."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.contract.kinds import KINDS
from generator.site import french, markdown

TEMPLATES = Path(__file__).resolve().parent / "templates"


def tel_href(number: str) -> str:
    """ "+33 3 53 01 12 34" -> "tel:+33353011234" (short numbers stay as they are)."""
    return "tel:" + "".join(c for c in number if c.isdigit() or c == "+")


def environment(extra_folders: tuple[Path, ...] = (), *, reload: bool = False) -> Environment:
    """Our templates, plus folders other producers (map, open data pages) may add in front of them. With
    `reload`, an environment kept from build to build (`maillage serve`) compiles a template again when its
    file changes. Kinds registered from outside the package bring their template folders (after ours)."""
    kind_templates = [kind.templates for kind in KINDS if kind.templates is not None]
    env = Environment(
        loader=FileSystemLoader([*extra_folders, TEMPLATES, *kind_templates]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=reload,  # within one build templates do not change: no freshness check on every use
        cache_size=-1,
    )
    env.filters.update(
        markdown=markdown.render,
        plain=markdown.words_of,
        date_fr=french.date_fr,
        capitalize_fr=french.capitalize,
        tel_href=tel_href,
        labels=lambda values, table: [french.label(table, v) for v in values],
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}
    env.globals.update(
        fr=french,
        span_fr=french.span_fr,
        period_fr=french.period_fr,
        plural=french.plural,
        join_fr=french.join_fr,
    )
    return env
