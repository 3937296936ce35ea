"""The search index: Pagefind, run on the written site once the engine has built it.

Only record pages are indexed (their `<article data-pagefind-body>` with its filters and result card), in
French (stemming; accents ignored at search time), and only what someone may look for: titles, descriptions,
services, places, taxonomy labels. Contacts, phone numbers, the lists of linked records and the page
furniture are left out: they would make the index, and so what a browser downloads for each query, larger
without finding anything better.

French stop words ("de", "la", "et" …) are left out too. Pagefind keeps each word's positions in one chunk
of its index, and a query word loads the chunk it falls in, sometimes also the chunks of the shorter words
it starts with: at 10,000 records the chunk of "de" alone weighs 140 KB, and "dépistage" made the browser
fetch it. Pagefind has no stop-word setting, so it reads a copy of each record's article without them
(and without the parts it would skip: less to read); the published pages are not touched. The result cards
show the record's summary, not Pagefind's excerpt (which would read without those words).

The bundled binary of `pagefind[bin]` (from PyPI) does the work: nothing is downloaded at build time.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import cbor2

from generator import parallel, scratch
from generator.contract.kinds import KINDS

BUNDLE = "pagefind"  # the folder Pagefind writes into the site (/pagefind/), which the search page loads
LANGUAGE = "fr"

# Parts of a record page that are not worth searching, by element and class. Each related-records section
# repeats other records' titles (a network page lists all its members): searching "Mons" should find what is
# in Mons, not every partner of something in Mons.
UNSEARCHED_ELEMENTS = (
    ("p", "mj-checked"),  # "Fiche vérifiée le …"
    ("dt", "mj-fact__label"),  # "Thématiques", "Publics": the labels, on every page (the values stay searchable)
    ("footer", "mj-record__footer"),  # "Signaler une erreur", "Modifier cette fiche"
    ("ul", "mj-actions"),  # buttons: "S'inscrire", "Consulter la ressource", "Ajouter à mon agenda"
    ("div", "mj-minicarte"),
    ("dl", "mj-place__details"),  # opening hours, official codes, coordinates
)
def sections() -> tuple[str, ...]:
    """Where record pages are: /acteurs/<id>/, /ressources/<id>/ … (read when used: kinds may be registered late)."""
    return tuple(kind.section for kind in KINDS)


UNSEARCHED_SECTIONS = (
    "coordonnees", "contacts", "contact", "references",  # phone numbers, e-mails, identifiers, links
    "membres", "reseaux", "partenaires", "ressources", "pratiques", "agenda", "acteurs",  # linked records
    "acces", "inscription", "ajouter-a-mon-agenda",  # addresses of files and forms
)
NOT_SEARCHED = (  # as Pagefind's selectors
    *(f".{name}" for _, name in UNSEARCHED_ELEMENTS),
    *(f'section[aria-labelledby="{section}"]' for section in UNSEARCHED_SECTIONS),
)

# What a searchable copy leaves out before Pagefind reads it: the scripts (the JSON-LD repeats the whole record),
# the style sheets and the parts above (none of those elements holds another of its kind). Pagefind would skip
# them anyway (the selectors above), and still skips what the pattern might miss; cutting them out first halves
# what it reads and makes its part of a build a fifth shorter.
_UNREAD = re.compile(
    "|".join((
        r"<script\b.*?</script>",
        r"<link\b[^>]*>",
        *(rf'<{tag} class="(?:[^"]* )?{re.escape(name)}(?: [^"]*)?"[^>]*>.*?</{tag}>'
          for tag, name in UNSEARCHED_ELEMENTS),
        rf'<section class="mj-section" aria-labelledby="(?:{"|".join(UNSEARCHED_SECTIONS)})">.*?</section>',
    )),
    re.S,
)

STOP_WORDS = frozenset((
    "a", "à", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "elles", "en",
    "est", "et", "il", "ils", "la", "le", "les", "leur", "leurs", "ne", "nos", "notre", "nous", "on", "ou", "par",
    "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sont", "sur", "un", "une", "vos", "votre", "vous",
    "y",
))
# A stop word as Pagefind splits words: "d'accueil", "sous-titré" are one word, and a character reference
# (&#39;) is not a word. The HTML is cut at its scripts and tags, which stay as they are; in each piece of
# text, `_drop` removes the short words that are stop words standing on their own. The labels, tags and
# phrases repeated from page to page are done once while they recur (a record's copy takes a fifth of the
# time); the cache stays small, a text seen once soon leaves it.
_TAGS = re.compile(r"(<script\b.*?</script>|<[^>]*>)", re.S)
_SHORT_WORD = re.compile(rf"\b\w{{1,{max(map(len, STOP_WORDS))}}}\b")
_JOINED_BEFORE, _JOINED_AFTER = frozenset("'’-&#"), frozenset("'’-")


def _drop(word: re.Match[str]) -> str:
    found = word.group(0)
    if found.lower() not in STOP_WORDS:
        return found
    text, start, end = word.string, word.start(), word.end()
    if (start and text[start - 1] in _JOINED_BEFORE) or (end < len(text) and text[end] in _JOINED_AFTER):
        return found
    return ""


@lru_cache(maxsize=4096)
def _text_without_stop_words(text: str) -> str:
    return _SHORT_WORD.sub(_drop, text) if not text.isspace() else text


def without_stop_words(html: str) -> str:
    """The HTML without the stop words of its text (those of its tags and of its scripts stay)."""
    pieces = _TAGS.split(html)
    pieces[0::2] = map(_text_without_stop_words, pieces[0::2])
    return "".join(pieces)


# A word every record's copy starts with. Pagefind's search without words (filters only: "every record about
# this thematique") loads every chunk of the word index, over 2 MB at 10,000 records; searching this word
# instead loads one small chunk and finds every record the filters allow. The search page reads it from its
# `data-every` attribute.
EVERY_RECORD = "zzfichezz"

# Pagefind cuts its word index into chunks and a query loads the chunks holding its words. With its default
# (20,000 word positions per chunk), "dépistage VIH jeunes Charleroi" loads 142 KB of index at 10,000
# records; with 4,000, 75 KB, for 3 KB more of the metadata every query loads (bench/search_transfer.py).
# The setting is marked unstable by Pagefind: a version without it just builds its default chunks.
CHUNK_SIZE = 4000


class PagefindError(Exception):
    """Pagefind could not index the site; the message says why, in French."""


@dataclass(frozen=True)
class Indexed:
    pages: int  # record pages read
    folder: Path  # site_dir/pagefind


def searchable_copy(page: str) -> str | None:
    """What Pagefind reads of a record page (or of its content): its article without what is never searched,
    without stop words. None for a page without one."""
    body = page.find("data-pagefind-body")
    start, end = page.rfind("<article", 0, body), page.find("</article>", body)
    if body < 0 or start < 0 or end < 0:
        return None
    article = without_stop_words(_UNREAD.sub("", page[start : end + len("</article>")]))
    start = article.index(">") + 1
    article = f"{article[:start]}\n<p>{EVERY_RECORD}</p>{article[start:]}"
    return f'<!doctype html>\n<html lang="{LANGUAGE}">\n<body>\n{article}\n</body>\n</html>\n'


def write_copy(html: str, path: str, folder: Path) -> bool:
    """Write the searchable copy of the record page at site path `path` ("acteurs/x/"), from its HTML or its
    content. False for a page that is not a record page."""
    if not path.startswith(tuple(f"{section}/" for section in sections())) or path.count("/") != 2:
        return False
    copy = searchable_copy(html)
    if copy is None:
        return False
    write_copy_text(copy, path, folder)
    return True


def write_copy_text(copy: str, path: str, folder: Path) -> None:
    """Write a searchable copy at the page's path under `folder` (Pagefind derives each result's address from
    it)."""
    target = folder / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(copy, encoding="utf-8")


def write_copies(site_dir: Path, folder: Path) -> int:
    """The searchable copy of every record page of a written site."""
    pages = sorted(page for section in sections() for page in (site_dir / section).glob("*/index.html"))
    return sum(write_copy(page.read_text(encoding="utf-8"), f"{page.parent.relative_to(site_dir).as_posix()}/",
                          folder) for page in pages)


def command(source: Path, bundle: Path) -> list[str]:
    """The Pagefind command line (the binary bundled with the `pagefind` package)."""
    arguments = ["--site", str(source), "--output-path", str(bundle), "--force-language", LANGUAGE, "--quiet"]
    for selector in NOT_SEARCHED:
        arguments += ["--exclude-selectors", selector]
    return parallel.dying_with_this_process("pagefind", arguments)  # no orphan writing into a dead build


class Indexing:
    """Pagefind at work on a folder of searchable copies, in its own process; `finish()` waits for it."""

    def __init__(self, copies: Path, site_dir: Path) -> None:
        self.bundle = (site_dir / BUNDLE).resolve()
        if self.bundle.is_dir():
            shutil.rmtree(self.bundle)  # a record removed since the last build must not stay findable
        self.pages = sum(1 for _ in copies.rglob("index.html"))
        self.process: subprocess.Popen[bytes] | None = None
        # A file, not a pipe: nothing reads it while Pagefind runs (it lives as long as this object).
        self.output = tempfile.TemporaryFile()  # noqa: SIM115
        if not self.pages:  # a directory without records yet: nothing to search (Pagefind would stop on it)
            return
        environment = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(CHUNK_SIZE)}
        try:
            self.process = subprocess.Popen(command(copies, self.bundle), stdout=self.output,
                                            stderr=subprocess.STDOUT, env=environment)
        except OSError as problem:
            raise PagefindError(f"Pagefind n'a pas pu être lancé ({problem}).") from None

    def failure(self) -> str | None:
        """Why Pagefind failed, once it has ended (None while it runs, or when it succeeded)."""
        if self.process is None or self.process.poll() is None:
            return None
        if self.process.returncode == 0 and (self.bundle / "pagefind.js").is_file():
            return None
        self.output.seek(0)
        detail = self.output.read().decode("utf-8", "replace").strip().splitlines()[-5:]
        return "\n".join(["l'index de recherche n'a pas pu être construit par Pagefind :", *detail])

    def finish(self) -> Indexed:
        if self.process is not None:
            self.process.wait()
            problem = self.failure()
            if problem:
                raise PagefindError(problem)
            try:
                stabilise(self.bundle)
            except (OSError, ValueError, KeyError, IndexError, TypeError) as problem:  # not what Pagefind 1.x writes
                raise PagefindError(f"l'index de recherche de Pagefind n'a pas pu être relu ({problem}).") from None
        return Indexed(pages=self.pages, folder=self.bundle)

    def cancel(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def make_folders(paths: list[str], folder: Path) -> None:
    """The folders of the searchable copies at these site paths, made one after the other in sorted order. Pagefind
    numbers the pages in the order it finds them, which is the order of the folders' entries; on most file
    systems that is the order they were made in, and copies are written by several processes at once."""
    for path in sorted(paths):
        (folder / path).mkdir(parents=True, exist_ok=True)


# --- the same bytes for the same pages ------------------------------------------------------------------
#
# Pagefind (1.5) writes its filter indexes and its metadata from hash maps, whose order changes with each run:
# the values of each filter, and the list of filters, come in a new order, and so do those files' names (their
# hashes). Once it has ended, those files are written again, their lists sorted, and named as Pagefind names
# them (a hash of their content). The word indexes and page fragments are stable already.

SIGNATURE = b"pagefind_dcd"  # what every index file starts with, once decompressed
META_FILTERS, META_SORTS = 3, 4  # fields of the metadata (pagefind.<hash>.pf_meta)


def _hash(content: bytes) -> str:
    """Pagefind's hash of a file's content: SHA-1, each byte in hexadecimal without leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(content).digest())


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    return cbor2.loads(data[len(SIGNATURE):]) if data.startswith(SIGNATURE) else None


def _write(path: Path, content: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + content, compresslevel=9, mtime=0))


def stabilise(bundle: Path) -> None:
    """Sort what Pagefind wrote in a run-dependent order (see above); a bundle of another format is left as it is."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, about in entry.get("languages", {}).items():
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) > META_SORTS and str(meta[0]).startswith("1.")):
            continue
        filters = []
        for name, old in sorted(meta[META_FILTERS]):
            values = _read(bundle / "filter" / f"{old}.pf_filter")
            content = cbor2.dumps([values[0], sorted(values[1])])
            new = f"{language}_{_hash(content)}"[: len(language) + 8]
            (bundle / "filter" / f"{old}.pf_filter").unlink()
            _write(bundle / "filter" / f"{new}.pf_filter", content)
            filters.append([name, new])
        meta[META_FILTERS], meta[META_SORTS] = filters, sorted(meta[META_SORTS])
        content = cbor2.dumps(meta)
        about["hash"] = f"{language}_{_hash(content)[: len(language) + 8]}"
        meta_path.unlink()
        _write(bundle / f"pagefind.{about['hash']}.pf_meta", content)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def index_site(site_dir: Path) -> Indexed:
    """Write the search index of a written site into site_dir/pagefind/, replacing any earlier one."""
    with scratch.Scratch("recherche") as folder:
        write_copies(site_dir, folder)
        return Indexing(folder, site_dir).finish()
