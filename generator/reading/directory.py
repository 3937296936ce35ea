"""Reading a whole data directory: every file loaded, validated and linked, every problem reported."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator import parallel
from generator.clock import today
from generator.contract.fields import slugify
from generator.contract.kinds import KINDS, RESOURCE, Kind
from generator.contract.model import Record, Term
from generator.contract.taxonomies import TAXONOMIES
from generator.reading import docs_pages, geography, safe_files, synonyms, uploads
from generator.reading.catalog import Catalog, link, link_taxonomies
from generator.reading.diagnostics import Diagnostic, error
from generator.reading.duplicates import duplicates
from generator.reading.load import Document, load
from generator.reading.review import review
from generator.reading.safe_files import Tree
from generator.reading.suggest import refine
from generator.reading.synonyms import Group
from generator.reading.validate import validate_record, validate_terms

RESOURCE_FILES = "files"  # data/resources/files/: documents a resource may point to
FILES_WORTH_A_CORE = 1000  # below, reading on one core is quicker than forking


@dataclass(frozen=True)
class Options:
    review_months: int = 12
    today: date = field(default_factory=today)


FileVersion = tuple[int, int]  # modification time (ns) and size


def version_of(path: Path) -> FileVersion | None:
    """None for a file that is gone."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


@dataclass
class ReadCache:
    """What was read of each record file, reused while the file is unchanged: `maillage serve` reads the
    directory again after every save, and a save changes one file."""

    options: Options | None = None
    files: dict[Path, tuple[FileVersion | None, Any]] = field(default_factory=dict)

    def reading(self, path: Path) -> tuple[FileVersion | None, Any | None]:
        """The file's version, and what was read of it at that version (None: not read yet)."""
        version = version_of(path)
        found = self.files.get(path)
        if found is not None and version is not None and found[0] == version:
            return version, found[1]
        return version, None


@dataclass
class Reading:
    """What a data directory holds: the catalog of valid records and every diagnostic, sorted."""

    catalog: Catalog
    diagnostics: list[Diagnostic]
    files: int
    # With a cache, each file's version (by the path diagnostics show) taken just before it was read: what
    # the pages made from this reading come from (a file saved again meanwhile is read again next time).
    versions: dict[Path, FileVersion | None] = field(default_factory=dict)
    synonyms: tuple[Group, ...] = ()  # data/synonymes.yml, for the search

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def _shown(path: Path) -> Path:
    """Paths as the contributor knows them: relative to the working directory when possible. The last part is
    not resolved: were it a link, the path shown would be where it points, perhaps outside the repository."""
    try:
        return (path.parent.resolve() / path.name).relative_to(Path.cwd())
    except (ValueError, OSError, RuntimeError):
        return path


def unsafe_entries(folder: Path) -> list[Diagnostic]:
    """An error for every link, and every entry neither a regular file nor a folder, in `folder` (docs/); and for
    every file beside the pages (.md) that is not a document of an accepted type, told by its content. docs/ is
    published as it is: a page (.html), an SVG image or a script (.js) there would run on the site's own address,
    a file served alone carrying no Content-Security-Policy and the pages' policy allowing the site's scripts.
    Hidden files are left out by MkDocs, never published."""
    tree = safe_files.scan(folder, _shown(folder))
    diagnostics = list(tree.diagnostics)
    for inner, names in sorted(tree.files.items()):
        for name in names:
            if name.startswith("."):
                continue
            if name.endswith(".md"):
                diagnostics += _page_problems(folder / inner / name, tree.shown / inner / name)
                continue
            found = uploads.problem(folder / inner, name)
            if found is not None:
                diagnostics.append(error(tree.shown / inner / name, (0, 0), found[0], DOCS_HINT))
    return diagnostics


DOCS_HINT = (f"Dans docs/, seules les pages Markdown (.md) et les documents de ces types sont publiés : "
             f"{uploads.ACCEPTED}. Écrivez la page en Markdown ; exportez une image SVG en PNG.")


PAGE_LIMIT = 2 * 1024 * 1024  # a docs/ page is read whole to find its raw HTML


def _page_problems(path: Path, shown: Path) -> list[Diagnostic]:
    try:
        text = safe_files.read_bytes(path, PAGE_LIMIT).decode("utf-8", "replace")
    except safe_files.Refused as refused:
        return [error(shown, (0, 0), refused.message, refused.hint)]
    return docs_pages.problems(text, shown)


def _yml_files(tree: Tree, folder: str, kept: str = "") -> tuple[list[str], list[Diagnostic]]:
    """The .yml files of a folder of the data. Anything else there is an error: a record saved as `x.YML`,
    `x.yml.txt` or without extension would not be published while the check stays green. `kept` is a subfolder
    that has a use of its own (data/resources/files/)."""
    names, diagnostics = [], []
    shown = tree.shown / folder
    for name in tree.files_in(folder):
        if name.startswith("."):
            continue
        if Path(name).suffix == ".yml":
            names.append(name)
        else:
            diagnostics.append(error(shown / name, (0, 0), *misnamed(name, folder)))
    for name in tree.folders_in(folder):
        if name == kept or name.startswith("."):
            continue
        if Path(name).suffix in (".yml", ".yaml"):
            diagnostics.append(error(shown / name, (0, 0), f"« {name} » est un dossier, pas une fiche",
                                     "Renommez ou supprimez ce dossier : une fiche est un fichier .yml."))
        else:
            diagnostics.append(error(shown / name, (0, 0), f"dossier « {name} » dans data/{folder}/ : ses fichiers "
                                     "ne sont pas lus", f"Les fiches se rangent directement dans data/{folder}/, "
                                     "sans sous-dossier : déplacez-les puis supprimez ce dossier."))
    return names, diagnostics


def misnamed(name: str, folder: str) -> tuple[str, str]:
    """Why a file of a record folder is not read, and its right name."""
    path = Path(name)
    stem = path.name.split(".")[0] or path.name
    if path.suffix.lower() == ".yml":
        return (f"extension « {path.suffix} » en majuscules : le fichier n'est pas lu",
                f"Renommez le fichier « {stem}.yml » (extension en minuscules).")
    if path.suffix == ".yaml" or path.suffix.lower() == ".yaml":
        return "extension « .yaml » non lue", f"Renommez le fichier en {stem}.yml."
    if ".yml" in path.name.lower() or ".yaml" in path.name.lower():
        return (f"le nom « {name} » ne se termine pas par .yml : le fichier n'est pas lu",
                f"Renommez-le « {stem}.yml » (un éditeur a pu ajouter une extension cachée).")
    if not path.suffix:
        return ("fichier sans l'extension .yml : il n'est pas lu",
                f"Renommez-le « {name}.yml » : seules les fiches .yml sont lues.")
    return (f"fichier « {path.suffix} » dans data/{folder}/ : seules les fiches .yml sont lues",
            "Une fiche est un fichier texte .yml (partez du modèle « maillage new ») ; un document se dépose "
            "dans data/resources/files/ et se décrit par une fiche ressource.")


def _folder_meant(name: str) -> str | None:
    """The folder of data/ a person meant by another name: French, singular, accented (« acteurs », « événement »)."""
    written = slugify(name)
    for kind in KINDS:
        if written in {slugify(word) for word in (kind.folder, kind.section, kind.singular, kind.plural, *kind.words)}:
            return kind.folder
    return "taxonomies" if written in ("taxonomie", "taxonomy") else None


def _misplaced(tree: Tree, data_dir: Path, known: set[str]) -> list[Diagnostic]:
    """Files at the root of data/ and folders that are none of its own: nothing there would be read."""
    found = []
    folders = ", ".join(f"data/{kind.folder}/ ({kind.singular})" for kind in KINDS)
    for name in tree.files_in("."):
        if name.startswith(".") or name.lower() in ("readme.md", "lisezmoi.md") or name == synonyms.FILE:
            continue
        guess = _kind_of(data_dir / name)
        where = f"data/{guess.folder}/ (c'est {guess.with_article})" if guess else f"le dossier de son type : {folders}"
        found.append(error(tree.shown / name, (0, 0), "fichier à la racine de data/ : il n'est pas lu",
                           f"Déplacez-le dans {where}."))
    for name in tree.folders_in("."):
        if name in known or name.startswith("."):
            continue
        meant = _folder_meant(name)
        hint = (f"Les noms des dossiers sont en anglais : déplacez ces fiches dans data/{meant}/ puis supprimez ce "
                "dossier." if meant else f"Les fiches se rangent dans {folders}.")
        found.append(error(tree.shown / name, (0, 0), f"dossier « {name} » inconnu : ses fichiers ne sont pas lus",
                           hint))
    return found


def _kind_of(path: Path) -> Kind | None:
    """The kind a stray record seems to be: the one most of whose required keys it has."""
    document, _ = load(path)
    data = document.data if document is not None else None
    if not isinstance(data, dict):
        return None
    keys = set(data)

    def share(kind: Kind) -> float:
        required = {name for name, info in kind.model.model_fields.items() if info.is_required()}
        return len(required & keys) / len(required) if required else 0.0

    best = max(KINDS, key=share)
    return best if share(best) > 0 else None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading creates millions of small objects that all stay alive (YAML nodes and their marks, records).
    Python's cyclic garbage collector would walk them again and again as they pile up (3 times slower at
    10,000 records) to find no cycle worth freeing: it is paused while reading, then resumed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_directory(data_dir: Path, options: Options | None = None, cache: ReadCache | None = None) -> Reading:
    """Every file of `data_dir` read, validated and linked; with `cache`, a record file unchanged since the
    last reading with the same options is not read again."""
    options = options or Options()
    if cache is not None and cache.options != options:
        cache.options, cache.files = options, {}
    with _collector_paused():
        return _read_directory(data_dir, options, cache)


RecordRead = tuple[Record | None, Document | None, list[Diagnostic]]


def _read_record(path: Path, shown: Path, kind: Kind, options: Options) -> RecordRead:
    document, diagnostics = load(path, shown)
    if document is None:
        return None, None, diagnostics
    record, problems = validate_record(document, kind.model, path.stem)
    said = {d.line for d in diagnostics if d.line}  # a character named on a line explains the refusal there
    diagnostics += [d for d in problems if d.line not in said]
    diagnostics += [d for d in geography.check_places(document) if d.line not in said]
    if record is not None:
        diagnostics += review(record, document, options.today, options.review_months)
    document.forget()
    return record, document, diagnostics


def _read_records(
    files: Sequence[tuple[Path, Path, Kind]], options: Options, cache: ReadCache | None,
    versions: dict[Path, FileVersion | None],
) -> list[RecordRead]:
    """What each record file holds, read on every core when there are many; with `cache`, only the files
    changed since the last reading are read, and `versions` gets each file's version (by its shown path)."""
    found: dict[Path, RecordRead] = {}
    if cache is not None:
        for path, shown, _ in files:
            versions[shown], kept = cache.reading(path)
            if kept is not None:
                found[path] = kept
        cache.files = {path: cache.files[path] for path, _, _ in files if path in cache.files}  # removed files
    missing = [job for job in files if job[0] not in found]

    def read(share: Sequence[tuple[Path, Path, Kind]]) -> list[RecordRead]:
        return [_read_record(path, shown, kind, options) for path, shown, kind in share]

    workers = parallel.cores() if len(missing) >= FILES_WORTH_A_CORE else 1
    if workers > 1:
        geography.preload()
    for (path, shown, _), result in zip(missing, parallel.shared(read, missing, workers), strict=True):
        found[path] = result
        if cache is not None:
            cache.files[path] = (versions[shown], result)
    return [found[path] for path, _, _ in files]


def _read_directory(data_dir: Path, options: Options, cache: ReadCache | None) -> Reading:
    shown_data = _shown(data_dir)
    tree = safe_files.scan(data_dir, shown_data)
    diagnostics: list[Diagnostic] = list(tree.diagnostics)
    shown_taxonomies = shown_data / "taxonomies"
    shown_files = shown_data / RESOURCE.folder / RESOURCE_FILES
    if tree.refused("."):  # the data folder itself is a link: nothing in it is read
        return Reading(link([], {}, shown_taxonomies, shown_files, {})[0], diagnostics, 0)

    diagnostics += _misplaced(tree, data_dir, {kind.folder for kind in KINDS} | {"taxonomies"})
    term_files: dict[str, tuple[Document, list[Term]]] = {}
    versions: dict[Path, FileVersion | None] = {}
    names, problems = _yml_files(tree, "taxonomies")
    diagnostics += problems
    unreadable = set(TAXONOMIES.names()) if tree.refused("taxonomies") else tree.refused_stems("taxonomies")
    for name in names:
        path, shown = data_dir / "taxonomies" / name, shown_taxonomies / name
        if cache is not None:
            versions[shown] = version_of(path)
        document, problems = load(path, shown)
        diagnostics += problems
        if document is None:
            unreadable.add(path.stem)
            continue
        terms, problems = validate_terms(document)
        diagnostics += problems
        term_files[path.stem] = (document, terms)
    taxonomies, problems = link_taxonomies(term_files, shown_taxonomies, unreadable)
    diagnostics += problems

    known: dict[str, set[str]] = {}
    files: list[tuple[Path, Path, Kind]] = []
    for kind in KINDS:
        names, problems = _yml_files(tree, kind.folder, RESOURCE_FILES if kind is RESOURCE else "")
        diagnostics += problems
        # a record refused for what its file is (a link) is still known: naming it is not a second error
        known[kind.name] = {Path(name).stem for name in names} | tree.refused_stems(kind.folder)
        files += [(data_dir / kind.folder / name, shown_data / kind.folder / name, kind) for name in names]
    records: list[tuple[Kind, Record, Document]] = []
    read = _read_records(files, options, cache, versions)
    for (_, _, kind), (record, document, problems) in zip(files, read, strict=True):
        diagnostics += problems
        if record is not None and document is not None:
            records.append((kind, record, document))
    catalog, problems = link(records, taxonomies, shown_taxonomies, shown_files, known)
    problems += duplicates(records)
    groups, read_problems = synonyms.read(tree, data_dir, shown_data)
    diagnostics = refine(diagnostics + problems + read_problems, catalog, shown_taxonomies)
    files_read = len(term_files) + len(files) + (synonyms.FILE in tree.files_in("."))
    return Reading(catalog, sorted(set(diagnostics)), files_read, versions, groups)
