"""Nothing outside the repository is read: links, pipes, devices, odd names and unreadable files in data/ and
docs/ are errors in French, never a traceback, a hang or a file published from elsewhere."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from small_network import ACTOR, about, errors, read, small_project, write_network

from generator import cli
from generator.engines import mkdocs_run
from generator.reading.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parents[1]
SECRET = "Secret de la machine qui construit"
OUTSIDE_ACTOR = ACTOR.replace("Association du test", SECRET)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_network(tmp_path / "repo" / "data")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the repository, holding what a link could reach: a record and a page."""
    folder = tmp_path / "ailleurs"
    folder.mkdir()
    (folder / "fiche.yml").write_text(OUTSIDE_ACTOR, encoding="utf-8")
    (folder / "page.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    return folder


def text_of(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(f"{d.path}: {d.message} {d.hint}" for d in diagnostics)


def reported(output: str, path: str, message: str) -> bool:
    """Whether the report names `path` and gives `message` as an error on one line."""
    return any(path in line and "erreur" in line and message in line for line in output.splitlines())


def maillage(*args: str, cwd: Path, memory: int | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The `maillage` command in a real process (a hang fails the test at `timeout`; `memory` caps its
    address space, so that reading without end fails fast)."""

    def limit() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=limit, check=False)


# --- links in data/ ------------------------------------------------------------------------------------------


def test_a_record_that_is_a_link_is_never_read(data: Path, outside: Path) -> None:
    (data / "actors" / "fiche-liee.yml").symlink_to(outside / "fiche.yml")
    reading = read(data)
    (found,) = [d for d in reading.errors if d.path.name == "fiche-liee.yml"]
    assert found.message == "lien symbolique refusé"
    assert "Git enregistre les liens symboliques" in found.hint
    assert reading.catalog.get("actor", "fiche-liee") is None
    assert SECRET not in text_of(reading.diagnostics)
    assert str(outside) not in text_of(reading.diagnostics)  # the machine's paths are not shown either


def test_a_record_linked_to_a_system_file_shows_nothing_of_it(data: Path) -> None:
    (data / "actors" / "etat.yml").symlink_to("/proc/self/status")
    shown = text_of(read(data).diagnostics)
    assert "lien symbolique refusé" in shown
    assert "Umask" not in shown and "VmPeak" not in shown and "/proc" not in shown


def test_a_taxonomy_that_is_a_link_is_refused(data: Path, outside: Path) -> None:
    target = outside / "publics.yml"
    (data / "taxonomies" / "publics.yml").rename(target)
    (data / "taxonomies" / "publics.yml").symlink_to(target)
    found = about(data, "publics.yml")
    assert [d.message for d in found] == ["lien symbolique refusé"]  # not « la taxonomie manque » besides


@pytest.mark.slow
def test_a_link_to_dev_zero_is_refused_before_reading(data: Path) -> None:
    (data / "taxonomies" / "zero.yml").symlink_to("/dev/zero")
    run = maillage("validate", "data", cwd=data.parent, memory=2 * 2**30)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "MemoryError" not in run.stderr
    assert reported(run.stdout, "data/taxonomies/zero.yml", "lien symbolique refusé")


def test_a_taxonomy_folder_that_is_a_link_is_refused(data: Path, outside: Path) -> None:
    (data / "taxonomies").rename(outside / "taxonomies")
    (data / "taxonomies").symlink_to(outside / "taxonomies")
    assert [(d.path.name, d.message) for d in errors(data) if d.path.parent.name != "actors"
            and "inconnu" not in d.message] == [("taxonomies", "lien symbolique refusé")]


def test_a_record_folder_that_is_a_link_is_refused(data: Path, outside: Path) -> None:
    (data / "actors").rename(outside / "actors")
    (outside / "actors" / "autre.yml").write_text(OUTSIDE_ACTOR, encoding="utf-8")
    (data / "actors").symlink_to(outside / "actors")
    reading = read(data)
    assert [d.message for d in reading.errors if d.path.name == "actors"] == [
        "lien symbolique refusé"
    ]
    assert reading.catalog.get("actor", "autre") is None and SECRET not in text_of(reading.diagnostics)


def test_the_synonyms_file_may_not_be_a_link(data: Path, outside: Path) -> None:
    (data / "synonymes.yml").unlink(missing_ok=True)
    (data / "synonymes.yml").symlink_to(outside / "fiche.yml")
    assert [d.message for d in about(data, "synonymes.yml")] == ["lien symbolique refusé"]


def test_the_data_folder_itself_may_not_be_a_link(tmp_path: Path, data: Path) -> None:
    (tmp_path / "lien").symlink_to(data)
    reading = read(tmp_path / "lien")
    assert [d.message for d in reading.errors] == ["lien symbolique refusé : ce dossier doit être un vrai dossier"]
    assert reading.catalog.count() == 0


def test_a_document_that_is_a_link_is_refused(data: Path) -> None:
    documents = data / "resources" / "files"
    (documents / "brochure.pdf").unlink()
    (documents / "brochure.pdf").symlink_to("/etc/passwd")
    found = errors(data)
    assert "lien symbolique refusé" in [d.message for d in found if d.path.name == "brochure.pdf"]
    (on_record,) = [d for d in found if d.path.name == "brochure-test.yml"]
    assert "est un lien symbolique" in on_record.message and on_record.line == 6  # the « fichier: » line


def test_a_documents_folder_that_is_a_link_is_refused(data: Path, outside: Path) -> None:
    documents = data / "resources" / "files"
    documents.rename(outside / "files")
    documents.symlink_to(outside / "files")
    found = errors(data)
    assert [d.message for d in found if d.path.name == "files"] == ["lien symbolique refusé"]
    assert any("est un lien symbolique" in d.message for d in found if d.path.name == "brochure-test.yml")


def test_a_document_link_is_never_published(tmp_path: Path) -> None:
    project = small_project(tmp_path / "projet")
    documents = project / "data" / "resources" / "files"
    (documents / "brochure.pdf").unlink()
    (documents / "brochure.pdf").symlink_to("/etc/passwd")
    from conftest import build_site

    with pytest.raises(mkdocs_run.Problem, match=r"brochure\.pdf.*lien symbolique refusé"):
        build_site(project, project / "site")
    assert not list((project / "site").rglob("brochure.pdf"))


def test_a_document_swapped_for_a_link_after_the_reading_is_not_copied(data: Path) -> None:
    """`maillage serve` reads, then copies: a document replaced by a link in between is refused too."""
    from generator import build
    from generator.settings import Settings

    site = build.prepare(Settings(data_dir=data))
    document = data / "resources" / "files" / "brochure.pdf"
    document.unlink()
    document.symlink_to("/etc/passwd")
    with pytest.raises(build.WorkError, match=r"brochure\.pdf.*est un lien symbolique"):
        build.files(site)


def test_a_self_looping_link_is_an_error_not_a_crash(data: Path) -> None:
    (data / "taxonomies" / "boucle.yml").symlink_to("boucle.yml")
    (data / "actors" / "boucle.yml").symlink_to("boucle.yml")
    found = errors(data)
    assert [(d.path.parent.name, d.message) for d in found if d.path.name == "boucle.yml"] == [
        ("actors", "lien symbolique refusé"), ("taxonomies", "lien symbolique refusé")
    ]


# --- links in docs/ -------------------------------------------------------------------------------------------


def _refused_build(project: Path, name: str) -> None:
    from conftest import build_site

    with pytest.raises(mkdocs_run.Problem) as refused:
        build_site(project, project / "site")
    assert reported(str(refused.value), name, "lien symbolique refusé")
    published = [page.read_text(errors="replace") for page in (project / "site").rglob("*.html")]
    assert not [page for page in published if SECRET in page]


def test_a_page_in_docs_that_is_a_link_stops_the_build(tmp_path: Path, outside: Path) -> None:
    project = small_project(tmp_path / "projet")
    (project / "docs" / "secret.md").symlink_to(outside / "page.md")
    _refused_build(project, "docs/secret.md")


def test_a_folder_in_docs_that_is_a_link_stops_the_build(tmp_path: Path, outside: Path) -> None:
    project = small_project(tmp_path / "projet")
    (project / "docs" / "ailleurs").symlink_to(outside)
    _refused_build(project, "docs/ailleurs")


def test_the_docs_folder_itself_may_not_be_a_link(tmp_path: Path, outside: Path) -> None:
    from generator.reading.directory import unsafe_entries

    (tmp_path / "docs").symlink_to(outside)
    (found,) = unsafe_entries(tmp_path / "docs")
    assert found.message == "lien symbolique refusé : ce dossier doit être un vrai dossier"


def test_a_configuration_that_is_a_link_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Read through a link, mkdocs.yml would take its folders beside its target, outside the repository, and the
    errors would show the building machine's paths."""
    project = small_project(tmp_path / "projet")
    elsewhere = tmp_path / "ailleurs.yml"
    (project / "mkdocs.yml").rename(elsewhere)
    (project / "mkdocs.yml").symlink_to(elsewhere)
    assert cli.main(["build", "--config", str(project / "mkdocs.yml")]) == cli.EXIT_USAGE  # as a missing one
    output = capsys.readouterr()
    assert "mkdocs.yml » est un lien symbolique" in output.out + output.err
    assert str(tmp_path / "ailleurs") not in (output.out + output.err).replace(str(elsewhere), "")
    assert not (project / "site").exists()


def test_serve_refuses_a_link_in_docs(tmp_path: Path, outside: Path) -> None:
    """A build as `maillage serve` runs it (the plugin keeps its reading cache from one build to the next)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort

    project = small_project(tmp_path / "projet")
    (project / "docs" / "secret.md").symlink_to(outside / "page.md")
    config, plugin = mkdocs_run.load(project / "mkdocs.yml", project / "site")
    config.plugins.on_startup(command="serve", dirty=True)
    with pytest.raises(Abort):
        mkdocs_build(config, dirty=True)
    assert reported(plugin.failure or "", "docs/secret.md", "lien symbolique refusé")
    assert not list((project / "site").rglob("secret*"))


def test_generate_refuses_a_link_in_docs(tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = small_project(tmp_path / "projet")
    (project / "docs" / "secret.md").symlink_to(outside / "page.md")
    out = tmp_path / "genere"
    code = cli.main(["generate", "--out", str(out), "--config", str(project / "mkdocs.yml")])
    assert code == cli.EXIT_INVALID
    assert reported(capsys.readouterr().out, "docs/secret.md", "lien symbolique refusé")
    assert not out.exists() or SECRET not in "".join(p.read_text() for p in out.rglob("*.md"))


def test_export_refuses_a_linked_record(data: Path, outside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "actors" / "fiche-liee.yml").symlink_to(outside / "fiche.yml")
    out = data.parent / "donnees"
    assert cli.main(["export", "--data", str(data), "--out", str(out)]) == cli.EXIT_INVALID
    assert "lien symbolique refusé" in capsys.readouterr().out
    assert not out.exists()


# --- pipes, devices, odd entries ------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_named_pipe_is_an_error_not_a_hang(data: Path) -> None:
    os.mkfifo(data / "actors" / "tube.yml")
    os.mkfifo(data / "taxonomies" / "tube.yml")
    run = maillage("validate", "data", cwd=data.parent, timeout=30)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    for folder in ("actors", "taxonomies"):
        assert reported(run.stdout, f"data/{folder}/tube.yml",
                        "ce n'est pas un fichier ordinaire (tube nommé, périphérique ou socket)")


def test_a_file_swapped_for_a_pipe_after_the_listing_is_not_waited_for(tmp_path: Path) -> None:
    """The file is opened without blocking and checked once open: a pipe put in its place is refused."""
    os.mkfifo(tmp_path / "fiche.yml")
    code = ("from pathlib import Path; from generator.reading.load import load; "
            "print(load(Path('fiche.yml'))[1][0].message)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=30, check=False)
    assert run.stdout.strip() == "ce n'est pas un fichier ordinaire (tube nommé, périphérique ou socket)"


def test_a_folder_named_like_a_record_is_an_error(data: Path) -> None:
    (data / "actors" / "dossier.yml").mkdir()
    assert [d.message for d in about(data, "dossier.yml")] == ["« dossier.yml » est un dossier, pas une fiche"]


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_is_reported_and_printed(data: Path) -> None:
    name = os.fsencode(data / "actors") + b"/caf\xe9.yml"
    with open(name, "wb") as file:
        file.write(ACTOR.encode())
    run = maillage("validate", "data", cwd=data.parent)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert reported(run.stdout, "data/actors/caf\\xe9.yml", "nom de fichier illisible : il n'est pas encodé en UTF-8")


@pytest.mark.parametrize("name", ["association\n.yml", "association.yml\n", "asso\x1b[32m.yml"])
def test_a_file_name_with_a_control_character_is_an_error(data: Path, name: str) -> None:
    (data / "actors" / name).write_text(ACTOR, encoding="utf-8")
    reading = read(data)
    character = {"\n": "U+000A (saut de ligne)", "\x1b": "U+001B (échappement)"}[next(c for c in name if c < " ")]
    assert [d.message for d in reading.errors] == [f"nom de fichier avec un caractère de contrôle {character}"]
    assert [str(d.path).count("\n") + str(d.path).count("\x1b") for d in reading.errors] == [0]
    assert reading.catalog.count() == 3  # the record was not read under an id ending in a line break


def test_an_unreadable_file_is_reported_in_french(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root (CI) a file cannot be made unreadable: the system's refusal is played."""
    target = data / "actors" / "association-test.yml"
    real_open = os.open

    def refusing_open(path: object, *args: object, **kwargs: object) -> int:
        if Path(os.fsdecode(path)) == target:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing_open)
    found = about(data, "association-test.yml")
    assert [(d.message, d.hint) for d in found] == [
        ("fichier illisible : accès refusé", "Donnez le droit de lecture sur ce fichier.")
    ]


def test_too_many_files_stop_the_listing_with_an_error(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.reading import safe_files

    monkeypatch.setattr(safe_files, "MAX_ENTRIES", 40)
    for number in range(40):
        (data / "practices" / f"note-{number}.txt").write_text("x", encoding="utf-8")
    found = [d for d in errors(data) if d.message.startswith("trop de fichiers")]
    assert len(found) == 1 and "plus de 40 sous" in found[0].message


def test_an_empty_taxonomy_file_gives_one_error(data: Path) -> None:
    (data / "taxonomies" / "publics.yml").write_text("", encoding="utf-8")
    assert [d.message for d in about(data, "publics.yml")] == ["le fichier est vide"]


def test_a_control_character_written_in_a_file_is_named_in_french(data: Path) -> None:
    path = data / "actors" / "association-test.yml"
    path.write_text(ACTOR.replace("Association du test", "Association\x1b du test"), encoding="utf-8")
    (found,) = about(data, "association-test.yml")
    assert (found.line, found.column, found.message) == (
        1, 17, "caractère de contrôle U+001B (échappement) dans le fichier"
    )


@pytest.mark.parametrize(("written", "key", "owner"), [
    ('"[clic](https://exemple.org)": 1', "[clic](https://exemple.org)", "un acteur"),  # brackets, as pydantic
    ("horaires[0]: lu 9h", "horaires[0]", "un acteur"),  # names the branches of a union it tried
    ('lieux:\n  - commune: Lille\n    latitude: 50.63\n    longitude: 3.06\n    "note[1]": x', "note[1]", "un lieu"),
])
def test_an_unknown_key_with_brackets_is_named_where_it_is(data: Path, written: str, key: str, owner: str) -> None:
    path = data / "actors" / "association-test.yml"
    actor = ACTOR.replace("lieux:\n  - commune: Lille\n    latitude: 50.63\n    longitude: 3.06\n", "")
    path.write_text(actor + written + "\n", encoding="utf-8")
    (found,) = about(data, "association-test.yml")
    line = actor.count("\n") + written.count("\n") + 1
    assert (found.line, found.message) == (line, f"la clé « {key} » n'existe pas pour {owner}")


@pytest.mark.slow
def test_the_hostile_repository_gives_french_errors_and_no_traceback(data: Path, outside: Path) -> None:
    """Everything above at once, through the command a pull request's check runs."""
    (data / "actors" / "fiche-liee.yml").symlink_to(outside / "fiche.yml")
    (data / "actors" / "boucle.yml").symlink_to("boucle.yml")
    (data / "taxonomies" / "zero.yml").symlink_to("/dev/zero")
    os.mkfifo(data / "events" / "tube.yml")
    (data / "practices" / "dossier.yml").mkdir()
    (data / "resources" / "files" / "brochure.pdf").write_bytes(b"<html><script>alert(1)</script></html>")
    run = maillage("validate", "data", cwd=data.parent, memory=2 * 2**30, timeout=60)
    assert run.returncode == 1 and run.stderr == ""
    assert run.stdout.count(": erreur: ") == 6, run.stdout
    assert SECRET not in run.stdout and str(outside) not in run.stdout
