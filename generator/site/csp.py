"""The Content-Security-Policy every page carries (a <meta> of the theme's head): what a browser may run and load.

Scripts come from the site itself, plus the theme's inline scripts named by their hashes (computed here from
the templates, so that a new version of the theme is followed); nothing a record holds can become a script.
Pagefind's WebAssembly needs 'wasm-unsafe-eval' (compiling WebAssembly, not JavaScript `eval`). Images may also
come from the map's tile server (`carte_tuiles`), and nothing else comes from a third party. JSON-LD and the
theme's configuration (<script type="application/…json">) are data, which the policy does not block.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

# The theme's inline scripts: Material keeps them in these partials (its base template includes them).
INLINE_SCRIPT_FOLDER = "partials/javascripts"
_INLINE_SCRIPT = re.compile(r"<script(?:\s[^>]*)?>(.*?)</script>", re.S)
# A tile address such as https://{s}.tile.openstreetmap.fr/{z}/{x}/{y}.png: a host, its subdomain a placeholder.
_TILE_HOST = re.compile(r"(?:\{s\}\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?")


class PolicyError(ValueError):
    """A setting the policy cannot express; the message says why, in French."""


def tiles_source(template: str) -> str | None:
    """The source a tile address template needs ("https://*.tile.example.org"), None without tiles."""
    if not template:
        return None
    parts = urlsplit(template)
    host = parts.netloc.lower()
    if parts.scheme not in ("http", "https") or not _TILE_HOST.fullmatch(host):
        raise PolicyError(
            f"adresse des tuiles invalide « {template} » (option carte_tuiles) : elle doit commencer par https:// "
            "suivi d'un nom de serveur, par exemple https://tile.openstreetmap.org/{z}/{x}/{y}.png ; "
            "laissez-la vide pour une carte sans fond.")
    return f"{parts.scheme}://{host.replace('{s}.', '*.')}"


def inline_script_hashes(theme_dirs: Sequence[str | Path]) -> list[str]:
    """The hash sources of the theme's inline scripts, from the partials that the theme folders resolve (the
    first folder holding a partial wins, as for the theme's loader). A script that holds template code differs
    from page to page and cannot be hashed: the site's overrides write those scripts without it."""
    chosen: dict[str, Path] = {}
    for folder in theme_dirs:
        for partial in sorted((Path(folder) / INLINE_SCRIPT_FOLDER).glob("*.html")):
            chosen.setdefault(partial.name, partial)
    bodies = {body for path in chosen.values() for body in _INLINE_SCRIPT.findall(path.read_text(encoding="utf-8"))
              if "{{" not in body and "{%" not in body}
    return sorted(f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'" for body in bodies)


def policy(map_tiles: str, scripts: Iterable[str]) -> str:
    """The policy; `scripts`: the sources of inline scripts allowed besides the site's files (their hashes). It holds
    no character that would need escaping in an HTML attribute (the tile source is checked)."""
    images = ["'self'", "data:", *filter(None, [tiles_source(map_tiles)])]
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'", *scripts],
        "style-src": ["'self'"],
        "img-src": images,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


SCRIPTS_FROM_THE_SITE = b"script-src 'self'"


def allowing(page: bytes, source: str) -> bytes:
    """A page whose policy also allows the scripts of `source` (a nonce: "'nonce-…'")."""
    return page.replace(SCRIPTS_FROM_THE_SITE, SCRIPTS_FROM_THE_SITE + b" " + source.encode(), 1)


def editor_policy(auth_url: str = "") -> str:
    """The policy of the web editor's page (/admin/), the only page that talks to a third party: GitHub's API (and
    its status page, which Sveltia CMS asks before signing in), avatars from GitHub, and the network's sign-in
    worker when it has one, and Sveltia's fonts (its icons are a font) from the jsDelivr CDN. Sveltia sets its
    styles from its script and previews files as blob: URLs; its check for a newer version (unpkg.com) is refused."""
    connect = ["'self'", "blob:", "data:", "https://api.github.com", "https://www.githubstatus.com"]
    if auth_url:
        parts = urlsplit(auth_url)
        if parts.scheme != "https" or not _TILE_HOST.fullmatch(parts.netloc.lower()):
            raise PolicyError(
                f"adresse de connexion invalide « {auth_url} » (option editeur_connexion) : elle doit commencer "
                "par https:// suivi d'un nom de serveur, par exemple https://sveltia-cms-auth.exemple.workers.dev.")
        connect.append(f"https://{parts.netloc.lower()}")
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https://avatars.githubusercontent.com",
                    "https://raw.githubusercontent.com"],
        "media-src": ["'self'", "blob:"],
        "frame-src": ["blob:"],
        "connect-src": connect,
        "font-src": ["'self'", "data:", "https://cdn.jsdelivr.net"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())
