"""Reading only what the repository holds: regular files, never through a symbolic link.

Git stores symbolic links, and a reviewer reading a pull request easily misses one: a link in data/ or docs/
would make the build read, and publish, whatever the machine that builds holds (/etc/passwd, or
/proc/self/environ with its secrets), or read /dev/zero until memory runs out. So folders are listed without
following links, and every link, and every entry that is neither a regular file nor a folder (a named pipe
would block the build forever, a device never ends), is an error naming it. A file is opened with O_NOFOLLOW
and O_NONBLOCK and checked once open (fstat): one swapped for a link or a pipe after the listing is refused
too, and never waited for. At most `limit` + 1 bytes are read, whatever size the file claims.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from io import BufferedReader
from pathlib import Path, PurePosixPath

from generator.contract.characters import CONTROL, character_name
from generator.reading.diagnostics import Diagnostic, error

MAX_ENTRIES = 200_000  # files and folders under one root: beyond, the listing stops with an error

LINK_HINT = (
    "Remplacez le lien par le fichier lui-même. Git enregistre les liens symboliques, et ils passent "
    "facilement inaperçus à la relecture d'une proposition : seuls les fichiers du dépôt sont lus."
)
SPECIAL = "ce n'est pas un fichier ordinaire (tube nommé, périphérique ou socket)"
SPECIAL_HINT = "Supprimez-le : seuls les fichiers ordinaires et les dossiers sont lus."

def printable(name: str) -> str:
    """A file name as it can be shown on one line: bytes that are not UTF-8 and control characters are
    written as escapes (\\xff, \\n)."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


class Refused(Exception):
    """A file that is not read; `message` and `hint` say why, in French."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


_OS_PROBLEMS = {
    "EACCES": ("fichier illisible : accès refusé", "Donnez le droit de lecture sur ce fichier."),
    "EPERM": ("fichier illisible : accès refusé", "Donnez le droit de lecture sur ce fichier."),
    "ENOENT": ("fichier disparu pendant la lecture", "Enregistrez-le de nouveau."),
    "ELOOP": ("lien symbolique refusé", LINK_HINT),
    "ENAMETOOLONG": ("nom de fichier trop long", "Raccourcissez le nom du fichier."),
}


def os_problem(exc: OSError) -> Refused:
    """An error of the system, in French."""
    name = errno.errorcode.get(exc.errno or 0, "")
    message, hint = _OS_PROBLEMS.get(name, (f"fichier illisible (erreur système {name or exc.errno})",
                                            "Enregistrez-le de nouveau."))
    return Refused(message, hint)


def open_regular(path: Path) -> BufferedReader:
    """The regular file at `path`, open for reading; raises Refused for a link, a pipe, a device, a folder."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise os_problem(exc) from None
    try:
        mode = os.fstat(descriptor).st_mode
    except OSError as exc:  # pragma: no cover - fstat of an open descriptor does not fail
        os.close(descriptor)
        raise os_problem(exc) from None
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        if stat.S_ISDIR(mode):
            raise Refused("c'est un dossier, pas un fichier", "Renommez ou déplacez ce dossier.")
        raise Refused(SPECIAL, SPECIAL_HINT)
    return open(descriptor, "rb", closefd=True)  # the caller closes it


def read_bytes(path: Path, limit: int) -> bytes:
    """The content of the regular file at `path`; raises Refused when it is not one or holds more than `limit`
    bytes (no more than `limit` + 1 are read)."""
    with open_regular(path) as file:
        try:
            content = file.read(limit + 1)
        except OSError as exc:
            raise os_problem(exc) from None
    if len(content) > limit:
        raise Refused(
            f"fichier trop volumineux (plus de {limit // 1024} Kio)",
            "Une fiche décrit ; les documents eux-mêmes se déposent dans data/resources/files/ ou en lien.",
        )
    return content


# --- listing a folder and everything below it --------------------------------------------------------------


@dataclass
class Tree:
    """What a folder holds at every depth, listed without following links: regular files and folders by folder
    (relative to the root, "." for the root itself), and an error for every entry that is not read."""

    root: Path
    shown: Path  # the root as diagnostics show it
    files: dict[PurePosixPath, list[str]] = field(default_factory=dict)
    folders: dict[PurePosixPath, list[str]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    refusals: set[PurePosixPath] = field(default_factory=set)  # the entries not read

    def files_in(self, folder: str) -> list[str]:
        return self.files.get(PurePosixPath(folder), [])

    def folders_in(self, folder: str) -> list[str]:
        return self.folders.get(PurePosixPath(folder), [])

    def refused(self, entry: str) -> bool:
        return PurePosixPath(entry) in self.refusals

    def refused_stems(self, folder: str) -> set[str]:
        """The names without .yml of the .yml entries refused in `folder`."""
        parent = PurePosixPath(folder)
        return {entry.stem for entry in self.refusals if entry.parent == parent and entry.suffix == ".yml"}

    def _refuse(self, relative: PurePosixPath, message: str, hint: str) -> None:
        shown = self.shown if str(relative) == "." else self.shown / printable(str(relative))
        self.refusals.add(relative)
        self.diagnostics.append(error(shown, (0, 0), message, hint))


def scan(root: Path, shown: Path) -> Tree:
    """Every file and folder under `root` (which may be missing), without following any link."""
    tree = Tree(root, shown)
    try:
        mode = os.lstat(root).st_mode
    except FileNotFoundError:
        return tree
    except OSError as exc:
        tree._refuse(PurePosixPath("."), f"dossier illisible ({os_problem(exc).message})", "")
        return tree
    if stat.S_ISLNK(mode):
        tree._refuse(PurePosixPath("."), "lien symbolique refusé : ce dossier doit être un vrai dossier", LINK_HINT)
        return tree
    if not stat.S_ISDIR(mode):
        tree._refuse(PurePosixPath("."), "ce devrait être un dossier", "Remplacez ce fichier par un dossier.")
        return tree
    pending, seen = [PurePosixPath(".")], 0
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(root / folder) as listing:
                entries = list(listing)
        except OSError as exc:
            tree._refuse(folder, f"dossier illisible ({os_problem(exc).message})", "Donnez le droit de lecture.")
            continue
        seen += len(entries)
        if seen > MAX_ENTRIES:
            count = f"{MAX_ENTRIES:,}".replace(",", " ")
            tree._refuse(folder, f"trop de fichiers : plus de {count} sous {shown}",
                         "Rangez les documents ailleurs : la lecture s'est arrêtée à ce dossier.")
            break
        files, folders = tree.files.setdefault(folder, []), tree.folders.setdefault(folder, [])
        for entry in sorted(entries, key=lambda e: e.name):
            if _refused_name(tree, folder / entry.name, entry.name):
                continue
            try:
                if entry.is_symlink():
                    tree._refuse(folder / entry.name, "lien symbolique refusé", LINK_HINT)
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(entry.name)
                    pending.append(folder / entry.name)
                elif entry.is_file(follow_symlinks=False):
                    files.append(entry.name)
                else:
                    tree._refuse(folder / entry.name, SPECIAL, SPECIAL_HINT)
            except OSError as exc:  # gone since the listing
                tree._refuse(folder / entry.name, os_problem(exc).message, os_problem(exc).hint)
    return tree


def _refused_name(tree: Tree, relative: PurePosixPath, name: str) -> bool:
    """Names that cannot be shown as they are: not UTF-8, or holding a control character (a line break)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        tree._refuse(relative, "nom de fichier illisible : il n'est pas encodé en UTF-8",
                     "Renommez-le avec des lettres, des chiffres et des tirets.")
        return True
    found = CONTROL.search(name)
    if found:
        tree._refuse(relative, f"nom de fichier avec un caractère de contrôle {character_name(found.group())}",
                     "Renommez-le avec des lettres, des chiffres et des tirets.")
        return True
    return False
