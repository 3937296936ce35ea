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
from generator.catalog import Catalog, link, link_taxonomies
from generator.clock import today
from generator.diagnostics import Diagnostic, error, warning
from generator.load import Document, load
from generator.model import KINDS, Kind, Record, Term
from generator.review import review
from generator.validate import validate_record, validate_terms

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
        kept = found is not None and version is not None and found[0] == version
        return version, (found[1] if kept else None)


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


def _shown(path: Path, root: Path) -> Path:
    """Paths as the contributor knows them: relative to the working directory when possible."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def _shown_in(folder: Path, paths: list[Path]) -> list[Path]:
    """`_shown` of each file of one folder, resolving the folder once rather than every file's whole path
    (a file that is itself a symbolic link is still resolved on its own)."""
    cwd, resolved_folder = Path.cwd(), folder.resolve()
    shown = []
    for path in paths:
        resolved = path.resolve() if path.is_symlink() else resolved_folder / path.name
        try:
            shown.append(resolved.relative_to(cwd))
        except ValueError:
            shown.append(path)
    return shown


def _record_files(folder: Path, kind: Kind) -> tuple[list[Path], list[Diagnostic]]:
    """The .yml files of a kind's folder; anything else there would be silently ignored, so it is reported."""
    files, diagnostics = [], []
    if not folder.is_dir():
        return [], []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".yml" and path.is_file():
            files.append(path)
        elif path.suffix == ".yaml":
            diagnostics.append(
                error(path, (0, 0), "extension « .yaml » non lue", f"Renommez le fichier en {path.stem}.yml.")
            )
        elif path.name.startswith(".") or (kind.name == "resource" and path.name == RESOURCE_FILES and path.is_dir()):
            continue
        else:
            diagnostics.append(
                warning(
                    path,
                    (0, 0),
                    f"fichier ignoré : seules les fiches .yml sont lues dans data/{kind.folder}/",
                    "Déplacez ou supprimez ce fichier.",
                )
            )
    return files, diagnostics


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
    diagnostics: list[Diagnostic] = []
    taxonomy_folder = data_dir / "taxonomies"
    term_files: dict[str, tuple[Document, list[Term]]] = {}
    versions: dict[Path, FileVersion | None] = {}
    for path in sorted(taxonomy_folder.glob("*.yml")):
        if cache is not None:
            versions[_shown(path, data_dir)] = version_of(path)
        document, problems = load(path, _shown(path, data_dir))
        diagnostics += problems
        if document is not None:
            terms, problems = validate_terms(document)
            diagnostics += problems
            term_files[path.stem] = (document, terms)
    taxonomies, problems = link_taxonomies(term_files, _shown(taxonomy_folder, data_dir))
    diagnostics += problems

    known: dict[str, set[str]] = {}
    files: list[tuple[Path, Path, Kind]] = []
    for kind in KINDS:
        paths, problems = _record_files(data_dir / kind.folder, kind)
        known[kind.name] = {path.stem for path in paths}
        diagnostics += [_relocated(d, data_dir) for d in problems]
        files += [(path, shown, kind) for path, shown in zip(paths, _shown_in(data_dir / kind.folder, paths),
                                                              strict=True)]
    records: list[tuple[Kind, Record, Document]] = []
    read = _read_records(files, options, cache, versions)
    for (_, _, kind), (record, document, problems) in zip(files, read, strict=True):
        diagnostics += problems
        if record is not None and document is not None:
            records.append((kind, record, document))
    catalog, problems = link(
        records,
        taxonomies,
        _shown(taxonomy_folder, data_dir),
        _shown(data_dir / "resources" / RESOURCE_FILES, data_dir),
        known,
    )
    diagnostics += problems
    return Reading(catalog, sorted(set(diagnostics)), len(term_files) + len(files), versions)


def _relocated(diagnostic: Diagnostic, data_dir: Path) -> Diagnostic:
    return Diagnostic(
        _shown(diagnostic.path, data_dir),
        diagnostic.line,
        diagnostic.column,
        diagnostic.severity,
        diagnostic.message,
        diagnostic.hint,
    )
