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
from generator.contract.kinds import KINDS, RESOURCE, Kind
from generator.contract.model import Record, Term
from generator.contract.taxonomies import TAXONOMIES
from generator.reading import safe_files
from generator.reading.catalog import Catalog, link, link_taxonomies
from generator.reading.diagnostics import Diagnostic, error, warning
from generator.reading.load import Document, load
from generator.reading.review import review
from generator.reading.safe_files import Tree
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
    """An error for every link, and every entry neither a regular file nor a folder, in `folder` (docs/)."""
    return safe_files.scan(folder, _shown(folder)).diagnostics


def _yml_files(tree: Tree, folder: str, kept: str = "") -> tuple[list[str], list[Diagnostic]]:
    """The .yml files of a folder of the data; anything else there would be silently ignored, so it is
    reported. `kept` is a subfolder that has a use of its own (data/resources/files/)."""
    names, diagnostics = [], []
    shown = tree.shown / folder
    for name in tree.files_in(folder):
        suffix = Path(name).suffix
        if suffix == ".yml":
            names.append(name)
        elif suffix == ".yaml":
            hint = f"Renommez le fichier en {Path(name).stem}.yml."
            diagnostics.append(error(shown / name, (0, 0), "extension « .yaml » non lue", hint))
        elif not name.startswith("."):
            diagnostics.append(
                warning(
                    shown / name,
                    (0, 0),
                    f"fichier ignoré : seules les fiches .yml sont lues dans data/{folder}/",
                    "Déplacez ou supprimez ce fichier.",
                )
            )
    for name in tree.folders_in(folder):
        if name == kept or name.startswith("."):
            continue
        if Path(name).suffix in (".yml", ".yaml"):
            diagnostics.append(error(shown / name, (0, 0), f"« {name} » est un dossier, pas une fiche",
                                     "Renommez ou supprimez ce dossier : une fiche est un fichier .yml."))
        else:
            diagnostics.append(warning(shown / name, (0, 0), f"dossier ignoré : seules les fiches .yml sont lues "
                                       f"dans data/{folder}/", "Déplacez ou supprimez ce dossier."))
    return names, diagnostics


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
    diagnostics += problems
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
    diagnostics += problems
    return Reading(catalog, sorted(set(diagnostics)), len(term_files) + len(files), versions)
