"""The documents a resource may point to (data/resources/files/): an allow-list of types, each recognised by its
content, and the file's extension must name the type its content is.

The site serves a file with the type its extension says: an `.html` or `.svg` file would run its scripts on the
site's own address, so neither is accepted, and a `.pdf` whose content is a web page is refused as well.
Each type is told by its first bytes (the "magic number" its format starts with); office documents are zip
archives (checked for the parts their format requires) or, for the older ones, OLE compound files.

Why a table rather than a library: puremagic 2 needs Python 3.12 and puremagic 1 cannot tell a .docx from a
.xlsx or an .odt; filetype (last release 2022) finds office documents from the order of the first members of
the archive only. The signatures below are those of the formats' specifications, one test per type.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BufferedReader
from pathlib import Path

from generator.reading.safe_files import LINK_HINT, Refused, open_regular, os_problem, printable

HEAD_BYTES = 64
MAX_DOCUMENT_BYTES = 50 * 10**6  # GitHub warns from 50 MB a file and Pages sites are kept under 1 GB


def _zip_with(*prefixes: str) -> Callable[[bytes, BufferedReader], bool]:
    """An Office Open XML document: a zip archive with its content types and its main part's folder."""

    def matches(head: bytes, file: BufferedReader) -> bool:
        names = _zip_names(head, file)
        return "[Content_Types].xml" in names and any(name.startswith(prefixes) for name in names)

    return matches


def _open_document(mimetype: str) -> Callable[[bytes, BufferedReader], bool]:
    """An OpenDocument file: a zip archive whose `mimetype` member names its type."""

    def matches(head: bytes, file: BufferedReader) -> bool:
        if "mimetype" not in _zip_names(head, file):
            return False
        try:
            with zipfile.ZipFile(file) as archive, archive.open("mimetype") as member:
                return member.read(len(mimetype) + 1) == mimetype.encode()
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError, EOFError):
            return False

    return matches


def _zip_names(head: bytes, file: BufferedReader) -> set[str]:
    if not head.startswith(b"PK\x03\x04"):
        return set()
    try:
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError, EOFError):
        return set()


def _starts(*signatures: bytes) -> Callable[[bytes, BufferedReader], bool]:
    return lambda head, file: head.startswith(signatures)


def _webp(head: bytes, file: BufferedReader) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _mp3(head: bytes, file: BufferedReader) -> bool:
    """An ID3 tag, or an MPEG audio frame: 11 bits of frame sync and a layer that is not 00."""
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
                                       and head[1] & 0x06 != 0)


_MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4A ", b"M4V ", b"M4B ",
               b"dash", b"mmp4", b"MSNV", b"f4v ", b"f4a "}


def _mp4(head: bytes, file: BufferedReader) -> bool:
    """An ISO media file (`ftyp` box) whose brands include an MP4 one (not a HEIC image, not QuickTime)."""
    if head[4:8] != b"ftyp":
        return False
    size = int.from_bytes(head[:4], "big")
    brands = [head[i : i + 4] for i in range(8, min(size, len(head)), 4) if i != 12]  # 12: the minor version
    return any(brand in _MP4_BRANDS for brand in brands)


def _webm(head: bytes, file: BufferedReader) -> bool:
    return head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head


@dataclass(frozen=True)
class DocumentType:
    name: str  # as contributors know it
    extensions: tuple[str, ...]
    matches: Callable[[bytes, BufferedReader], bool]


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word, Excel and PowerPoint 97–2003 (the three share the container)
TYPES: tuple[DocumentType, ...] = (
    DocumentType("PDF", (".pdf",), _starts(b"%PDF-")),
    DocumentType("PNG", (".png",), _starts(b"\x89PNG\r\n\x1a\n")),
    DocumentType("JPEG", (".jpg", ".jpeg"), _starts(b"\xff\xd8\xff")),
    DocumentType("GIF", (".gif",), _starts(b"GIF87a", b"GIF89a")),
    DocumentType("WebP", (".webp",), _webp),
    DocumentType("Word", (".docx",), _zip_with("word/")),
    DocumentType("Excel", (".xlsx",), _zip_with("xl/")),
    DocumentType("PowerPoint", (".pptx",), _zip_with("ppt/")),
    DocumentType("OpenDocument texte", (".odt",), _open_document("application/vnd.oasis.opendocument.text")),
    DocumentType("OpenDocument classeur", (".ods",),
                 _open_document("application/vnd.oasis.opendocument.spreadsheet")),
    DocumentType("OpenDocument présentation", (".odp",),
                 _open_document("application/vnd.oasis.opendocument.presentation")),
    DocumentType("Office 97–2003", (".doc", ".xls", ".ppt"), _starts(OLE)),
    DocumentType("MP3", (".mp3",), _mp3),
    DocumentType("Ogg", (".ogg", ".oga", ".ogv", ".opus"), _starts(b"OggS")),
    DocumentType("MP4", (".mp4", ".m4a", ".m4v"), _mp4),
    DocumentType("WebM", (".webm",), _webm),
)
BY_EXTENSION = {extension: kind for kind in TYPES for extension in kind.extensions}
ACCEPTED = ", ".join(extension for kind in TYPES for extension in kind.extensions)

_SCRIPTED = {  # extension -> why it is refused, what to do instead
    ".svg": "une image SVG peut contenir un script, qui s'exécuterait sur le site",
    ".svgz": "une image SVG peut contenir un script, qui s'exécuterait sur le site",
    ".html": "une page web s'afficherait sur le site avec ses scripts",
    ".htm": "une page web s'afficherait sur le site avec ses scripts",
    ".xhtml": "une page web s'afficherait sur le site avec ses scripts",
}
_INSTEAD = {
    ".svg": "Exportez l'image en PNG, ou le document en PDF.",
    ".svgz": "Exportez l'image en PNG, ou le document en PDF.",
}
_PAGE_INSTEAD = "Publiez la page sur un site et indiquez son adresse dans « url: », ou déposez-la en PDF."

Problem = tuple[str, str]  # French message and hint


def problem(folder: Path, name: str) -> Problem | None:
    """What keeps `name` in `folder` from being published, or None: a missing file, a link, a type that is not
    accepted, or a content that is not what its extension says."""
    if "/" in name or "\\" in name or name.startswith("."):
        return f"nom de fichier invalide « {name} »", f"Indiquez seulement le nom d'un fichier déposé dans {folder}/."
    extension = Path(name).suffix.lower()
    kind = BY_EXTENSION.get(extension)
    if kind is None:
        if extension in _SCRIPTED:
            return (f"type de fichier refusé « {name} » : {_SCRIPTED[extension]}",
                    _INSTEAD.get(extension, _PAGE_INSTEAD))
        return (f"type de fichier non accepté « {name} »",
                f"Les documents acceptés : {ACCEPTED}. Un autre document peut être converti en PDF.")
    for checked in (folder, folder / name):
        try:
            if stat.S_ISLNK(os.lstat(checked).st_mode):
                return f"« {printable(str(checked))} » est un lien symbolique : « {name} » n'est pas lu", LINK_HINT
        except FileNotFoundError:
            return f"fichier introuvable « {name} »", f"Déposez-le dans {folder}/ ou corrigez le nom."
        except OSError:
            break  # said below, by the opening
    try:
        with open_regular(folder / name) as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_DOCUMENT_BYTES:
                return (f"fichier « {name} » trop lourd : plus de {MAX_DOCUMENT_BYTES // 10**6} Mo",
                        "Réduisez-le (export PDF « taille réduite », vidéo compressée) ou publiez-le sur un autre "
                        "site et indiquez son adresse dans « url: ».")
            head = file.read(HEAD_BYTES)
            if kind.matches(head, file):
                return None
            found = next((other for other in TYPES if other is not kind and other.matches(head, file)), None)
    except OSError as exc:  # a read that fails midway
        return f"fichier « {name} » refusé : {os_problem(exc).message}", os_problem(exc).hint
    except Refused as refused:
        return f"fichier « {name} » refusé : {refused.message}", refused.hint
    if found is not None:
        stem = Path(name).stem
        return (f"le contenu de « {name} » est un fichier {found.name}, pas {kind.name}",
                f"Renommez-le « {stem}{found.extensions[0]} » (et la ligne « fichier: ») ou déposez le bon fichier.")
    page = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    return (
        f"le contenu de « {name} » n'est pas un fichier {kind.name}"
        + (" : c'est du texte balisé (HTML, SVG ou XML), qui pourrait exécuter un script sur le site" if page else ""),
        "Enregistrez le document au bon format depuis le logiciel qui l'a créé (« Exporter » ou « Enregistrer sous »).",
    )
