"""What a change does to the site, in French, for the comment on a pull request: the records added, changed and
removed, the pages that change, the problems left and how to fix them, where to see the built site.

Two revisions of the project are compared: a git revision (`--base`) and the working tree or another revision.
Each is read like the build reads it; the pages that may differ (those showing a changed record) are rendered on
both sides and compared, so that only the pages whose HTML really changes are listed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from generator import build, parallel, scratch
from generator.contract.kinds import KIND_BY_NAME, KINDS
from generator.contract.model import Record
from generator.contract.nouns import plural
from generator.reading.catalog import Key
from generator.reading.changes import GitError, absolute, git, top_of, verify
from generator.reading.diagnostics import Diagnostic
from generator.reading.directory import Reading
from generator.reading.neutral import for_markdown
from generator.reading.report import Triage
from generator.settings import Settings
from generator.site.page import Page
from generator.site.renderer import Renderer
from generator.site.urls import OPEN_DATA_PATH

MARKER = "<!-- maillage:rapport -->"  # the comment to update on the next push starts with it
COMMENT_LIMIT = 60_000  # characters: GitHub refuses a comment over 65,536
PAGES_WORTH_A_CORE = 200  # below, rendering on one core is quicker than forking
LISTED = 30  # rows of one list before "… et N autres"
GUIDE = "docs/contribuer.md"
NOT_BUILT = "-"  # the artifact address given when the build failed for another reason than the data
KIND_ORDER = {kind.name: number for number, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Tree:
    """One revision of the project, read: its files (by path from the project root) and the data as the build
    reads it, with the pages the build would make."""

    root: Path
    files: dict[str, bytes]  # "data/actors/x.yml" -> digest of its content
    reading: Reading
    settings: Settings

    @property
    def data(self) -> str:
        return self.settings.data_dir.relative_to(self.root).as_posix()

    def record_file(self, key: Key) -> str:
        return f"{self.data}/{KIND_BY_NAME[key[0]].folder}/{key[1]}.yml"

    def record_keys(self) -> set[Key]:
        found = set()
        for path in self.files:
            for kind in KINDS:
                folder = f"{self.data}/{kind.folder}/"
                if path.startswith(folder) and path.endswith(".yml") and "/" not in path[len(folder):]:
                    found.add((kind.name, path[len(folder): -len(".yml")]))
        return found

    def record(self, key: Key) -> Record | None:
        return self.reading.catalog.get(*key)

    def renderer(self) -> Renderer:
        return Renderer(self.reading.catalog, self.settings, build.record_files(self.reading, self.settings))

    def pages(self, renderer: Renderer) -> dict[str, Page]:
        site = build.Site(self.settings, self.reading, renderer)
        return {page.path: page for page in build.pages(site)}


def _files(root: Path, folders: Sequence[str]) -> dict[str, bytes]:
    """A digest of each regular file of `folders` (symbolic links are the reader's business: it reports them)."""
    found: dict[str, bytes] = {}
    for folder in folders:
        for directory, _, names in os.walk(root / folder):
            for name in names:
                path = Path(directory) / name
                if path.is_file() and not path.is_symlink():
                    with path.open("rb") as content:
                        found[path.relative_to(root).as_posix()] = hashlib.file_digest(content, "sha256").digest()
    return found


def read_tree(root: Path, settings: Settings, folders: Sequence[str]) -> Tree:
    return Tree(root, _files(root, folders), build.read(settings), settings)


@contextmanager
def revision(rev: str, top: Path, folders: Sequence[str]) -> Iterator[Path]:
    """The `folders` of revision `rev`, extracted into a temporary folder (regular files only), streamed from
    `git archive`: a library of documents is never held in memory whole."""
    listing = git(["ls-tree", "-r", "-l", "-z", rev, "--", *folders], top)
    room = sum(int(entry.split()[3]) for entry in listing.split(b"\0") if entry and entry.split()[3].isdigit())
    with scratch.Scratch("rapport", scratch.memory_folder(3 * room)) as tmp:
        root = tmp.resolve()
        present = sorted({name for name in folders if _holds(listing, name)})
        if present:
            _extract(["git", "archive", "--format=tar", rev, "--", *present], top, root)
        (root / folders[0]).mkdir(parents=True, exist_ok=True)
        yield root


def _holds(listing: bytes, folder: str) -> bool:
    prefix = os.fsencode(folder.rstrip("/") + "/")
    return any(entry.split(b"\t", 1)[-1].startswith(prefix) for entry in listing.split(b"\0") if entry)


def _extract(command: list[str], top: Path, root: Path) -> None:
    with subprocess.Popen(command, cwd=top, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as archiver:
        assert archiver.stdout is not None
        with tarfile.open(fileobj=archiver.stdout, mode="r|") as archive:
            for member in archive:
                target = (root / member.name).resolve()
                if not member.isfile() or not target.is_relative_to(root):
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                if source is not None:
                    with target.open("wb") as out:
                        shutil.copyfileobj(source, out)
    if archiver.returncode != 0:
        raise GitError(f"git archive {command[3]} a échoué")


# --- what changed -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordChange:
    change: str  # "ajoutée", "modifiée", "supprimée"
    key: Key
    title: str
    detail: str


def _title(key: Key, *trees: Tree) -> str:
    for tree in trees:
        record = tree.record(key)
        if record is not None:
            return record.title
    return key[1]


def _changed_fields(before: Record | None, after: Record | None) -> list[str]:
    if before is None or after is None:
        return []
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return sorted(name for name in set(old) | set(new) if old.get(name) != new.get(name))


def _files_with_errors(tree: Tree) -> set[str]:
    return {absolute(d.path) for d in tree.reading.errors}


def record_changes(base: Tree, head: Tree) -> list[RecordChange]:
    found = []
    broken = _files_with_errors(head)
    before, after = base.record_keys(), head.record_keys()
    for key in sorted(before | after, key=lambda key: (KIND_ORDER[key[0]], key[1])):
        file = head.record_file(key)
        old, new = base.files.get(base.record_file(key)), head.files.get(file)
        if old == new:
            continue
        path = for_markdown(KIND_BY_NAME[key[0]].section + f"/{key[1]}/")
        has_errors = absolute(head.root / file) in broken
        if old is None:
            change = "ajoutée"
            detail = f"nouvelle page /{path}"
            if has_errors:
                detail = "pas encore publiable : la fiche a des erreurs (voir plus bas)"
        elif new is None:
            change, detail = "supprimée", f"la page /{path} disparaît"
        else:
            change, fields = "modifiée", _changed_fields(base.record(key), head.record(key))
            if has_errors:
                detail = "la fiche a des erreurs (voir plus bas)"
            elif fields == ["date_maj"]:
                detail = "date de vérification seulement"
            elif fields:
                detail = "champs : " + ", ".join(f"`{name}`" for name in fields)
            else:
                detail = "mise en forme du fichier seulement (rien ne change à l'affichage)"
        found.append(RecordChange(change, key, _title(key, head, base), detail))
    return found


@dataclass(frozen=True)
class PageChanges:
    added: list[Page]
    changed: list[Page]
    removed: list[Page]
    open_data: bool  # the exports hold every record: any record change changes them


def _body(page: Page) -> str | None:
    try:
        return page.render().html
    except Exception:  # a page that cannot be rendered from data with errors: counted as changed
        return None


def page_changes(base: Tree, head: Tree, changed: set[Key], taxonomies_changed: bool) -> PageChanges:
    old_pages, new_pages = base.pages(base.renderer()), head.pages(head.renderer())
    added = [new_pages[p] for p in sorted(set(new_pages) - set(old_pages))]
    removed = [old_pages[p] for p in sorted(set(old_pages) - set(new_pages))]
    candidates = []
    for path in sorted(set(old_pages) & set(new_pages)):
        old, new = old_pages[path], new_pages[path]
        shown = (old.shows or frozenset()) | (new.shows or frozenset())
        if path != OPEN_DATA_PATH and (old.shows is None or new.shows is None or shown & changed
                                       or taxonomies_changed):
            candidates.append(path)

    def differ(paths: Sequence[str]) -> list[bool]:
        return [_body(old_pages[path]) != _body(new_pages[path]) for path in paths]

    workers = parallel.cores() if len(candidates) >= PAGES_WORTH_A_CORE else 1
    flags = parallel.shared(differ, candidates, workers)
    differing = [new_pages[path] for path, differs in zip(candidates, flags, strict=True) if differs]
    return PageChanges(added, differing, removed, bool(changed) or taxonomies_changed)


# --- the report -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    records: list[RecordChange]
    pages: PageChanges
    documents: list[str]  # files of data/ that are neither records nor taxonomies (resource documents)
    taxonomies: list[str]
    docs: list[str]
    head: Tree
    changed_files: frozenset[str]  # absolute paths at the head, for the problems of the change's own files


def compare(base: Tree, head: Tree) -> Report:
    differing = {path for path in set(base.files) | set(head.files) if base.files.get(path) != head.files.get(path)}
    records = record_changes(base, head)
    taxonomies = sorted(p for p in differing if p.startswith(f"{head.data}/taxonomies/"))
    record_files = {head.record_file(change.key) for change in records}
    documents = sorted(p for p in differing if p.startswith(f"{head.data}/") and p not in record_files
                       and p not in taxonomies)
    docs = sorted(p for p in differing if not p.startswith(f"{head.data}/"))
    pages = page_changes(base, head, {change.key for change in records}, bool(taxonomies))
    changed_files = frozenset(absolute(head.root / path) for path in differing)
    return Report(records, pages, documents, taxonomies, docs, head, changed_files)


def _listed(lines: list[str], more: str = "autres") -> list[str]:
    if len(lines) <= LISTED:
        return lines
    return [*lines[:LISTED], f"- … et {len(lines) - LISTED} {more}"]


def _page_line(page: Page, settings: Settings, published: bool) -> str:
    address = settings.absolute(quote(page.path))
    title = for_markdown(page.title or "Accueil")
    where = f"/{quote(page.path)}"
    if published and address:
        return f"- [{title}]({address}) ({where})"
    return f"- {title} ({where})"


def _problem_line(d: Diagnostic, root: Path) -> str:
    try:
        shown = Path(absolute(d.path)).relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = str(d.path)
    where = for_markdown(shown) + (f", ligne {d.line}" if d.line else "")
    line = f"- **{where}** : {for_markdown(d.message)}."
    return line + (f" → {for_markdown(d.hint)}" if d.hint else "")


def render(report: Report, artifact_url: str = "") -> str:
    head, pages = report.head, report.pages
    records = report.records
    counts = {change: sum(r.change == change for r in records) for change in ("ajoutée", "modifiée", "supprimée")}
    lines = [MARKER, "## Ce que cette demande change sur le site", ""]
    if records:
        said = [plural(n, "fiche " + word, "fiches " + word + "s") for word, n in counts.items() if n]
        lines += ["**" + ", ".join(said) + ".**", ""]
        lines += ["| Changement | Fiche | Type | Détail |", "| --- | --- | --- | --- |"]
        for change in records[: LISTED * 3]:
            kind = KIND_BY_NAME[change.key[0]]
            lines.append(f"| {change.change.capitalize()} | {for_markdown(change.title)} | {kind.singular} | "
                         f"{change.detail} |")
        if len(records) > LISTED * 3:
            lines.append(f"| … | et {len(records) - LISTED * 3} autres fiches | | |")
        lines.append("")
    else:
        lines += ["Aucune fiche n'est ajoutée, modifiée ni supprimée.", ""]
    if report.taxonomies:
        lines += ["Listes de termes modifiées : " + ", ".join(for_markdown(p) for p in report.taxonomies)
                  + " (les pages des fiches qui utilisent ces termes changent aussi).", ""]
    if report.documents:
        lines += ["Documents joints ajoutés, modifiés ou retirés :", ""]
        lines += [*_listed([f"- {for_markdown(p)}" for p in report.documents]), ""]
    if report.docs:
        lines += ["Pages rédigées à la main modifiées :", ""]
        lines += [*_listed([f"- {for_markdown(p)}" for p in report.docs]), ""]

    total = len(pages.added) + len(pages.changed) + len(pages.removed)
    lines += [f"### Pages qui changent ({total})", ""]
    for title, found, published in (("Nouvelles pages", pages.added, False),
                                    ("Pages modifiées", pages.changed, True),
                                    ("Pages retirées", pages.removed, True)):
        if found:
            lines += [f"{title} ({len(found)}) :", ""]
            lines += [*_listed([_page_line(page, head.settings, published) for page in found]), ""]
    if pages.open_data:
        lines += [f"Les fichiers de données ouvertes (/{OPEN_DATA_PATH}) sont mis à jour.", ""]
    if not total and not pages.open_data:
        lines += ["Aucune page générée ne change.", ""]

    lines += _problems(report)
    lines += _site(report, artifact_url)
    return _bounded("\n".join(lines).rstrip() + "\n")


def _problems(report: Report) -> list[str]:
    reading, root = report.head.reading, report.head.root
    triage = Triage(reading.diagnostics, report.changed_files)
    own_errors = [d for d in triage.own if d.is_error]
    own_warnings = [d for d in triage.own if not d.is_error]
    lines = ["### Problèmes à corriger", ""]
    if not reading.errors:
        lines += ["Aucune erreur : les fiches sont valides. La demande peut être relue puis fusionnée par "
                  "l'équipe de coordination.", ""]
    else:
        lines += [f"**{plural(len(reading.errors), 'erreur bloque', 'erreurs bloquent')} la publication.** "
                  "Pour corriger : ouvrez l'onglet « Files changed », cliquez sur « … » puis « Edit file » en "
                  "haut du fichier, corrigez la ligne indiquée et enregistrez avec « Commit changes… » : la "
                  f"vérification repart d'elle-même. Le guide pas à pas est dans {GUIDE}.", ""]
        lines += _listed([_problem_line(d, root) for d in own_errors + triage.other_errors], "autres erreurs")
        lines.append("")
    if own_warnings:
        lines += [f"{plural(len(own_warnings), 'avertissement')} sur les fichiers de la demande (ils ne bloquent "
                  "pas, mais méritent un coup d'œil) :", ""]
        lines += [*_listed([_problem_line(d, root) for d in own_warnings], "autres avertissements"), ""]
    if triage.untouched_warnings:
        count = len(triage.untouched_warnings)
        lines += [f"{plural(count, 'avertissement')} sur d'autres fiches ne {'concerne' if count < 2 else 'concernent'}"
                  " pas cette demande (fiches à relire un jour).", ""]
    return lines


def _site(report: Report, artifact_url: str) -> list[str]:
    lines = ["### Voir le site construit", ""]
    if report.head.reading.errors:
        return [*lines, "Le site n'est pas construit tant qu'une fiche a une erreur.", ""]
    if artifact_url == NOT_BUILT:
        return [*lines, "Le site n'a pas pu être construit : le journal de l'étape « Construire le site » dit "
                "pourquoi. Si le message ne parle pas de vos fiches, signalez-le dans la conversation.", ""]
    where = (f"[téléchargez l'archive « site »]({artifact_url})" if artifact_url.startswith("https://")
             else "onglet « Checks », vérification « Vérification », rubrique « Artifacts » : archive « site »")
    said = (f"Le site construit avec cette demande est joint à la vérification : {where}. "
            "Décompressez-la et ouvrez le fichier index.html dans votre navigateur.")
    return [*lines, said, ""]


def _bounded(text: str) -> str:
    if len(text) <= COMMENT_LIMIT:
        return text
    cut = text.rfind("\n", 0, COMMENT_LIMIT - 200)
    return text[:cut] + "\n\n… (rapport raccourci : la liste complète est dans le résumé de la vérification)\n"


def report(
    settings: Settings, project: Path, base: str, head: str | None = None, artifact_url: str = "", docs: str = "docs"
) -> str:
    """The French report comparing revision `base` with `head` (None: the working tree) of the project at
    `project` (the folder of mkdocs.yml, inside a git repository); `docs` is its folder of hand-written pages."""
    top = top_of(project)
    for rev in (base, head):
        if rev is not None:
            verify(rev, top)
    prefix = project.resolve().relative_to(top.resolve())
    data = settings.data_dir.resolve().relative_to(project.resolve()).as_posix()
    folders = [data, docs]
    with revision(base, top, [(prefix / f).as_posix() for f in folders]) as base_root:
        base_tree = read_tree(base_root / prefix, replace(settings, data_dir=base_root / prefix / data), folders)
        if head is None:
            head_tree = read_tree(project.resolve(), settings, folders)
            return render(compare(base_tree, head_tree), artifact_url)
        with revision(head, top, [(prefix / f).as_posix() for f in folders]) as head_root:
            head_tree = read_tree(head_root / prefix, replace(settings, data_dir=head_root / prefix / data), folders)
            return render(compare(base_tree, head_tree), artifact_url)
