"""The published site is replaced whole, or not at all: a build killed midway (SIGKILL, in a real process) leaves
the previous site byte for byte and no process behind it, and the next build removes what it left; a build that
fails changes nothing; two builds into one folder at once: the second is refused, in French."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import build_site, copy_project

from generator import scratch
from generator.engines import mkdocs_run

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `bench` lives beside `generator`, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.common import process_family  # noqa: E402
from bench.generate import generate  # noqa: E402

MAILLAGE = Path(sys.executable).parent / "maillage"
TODAY = "2026-05-01"
WORK_FOLDERS = (Path(tempfile.gettempdir()), Path("/dev/shm"))


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _scratches(*where: Path) -> set[Path]:
    return {path for folder in where if folder.is_dir()
            for path in [*folder.glob(f"{scratch.MARK}*"), *folder.glob(f".{scratch.MARK}*")]}


def _project(tmp_path: Path, records: int) -> Path:
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "data")
    generate(project / "data", records, seed=5, today=date.fromisoformat(TODAY))
    return project


def _start(project: Path, site: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([str(MAILLAGE), "build", "--config", str(project / "mkdocs.yml"), "--site", str(site)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "MAILLAGE_AUJOURDHUI": TODAY})


def _started_at(pid: int) -> str | None:
    """The process's start time (to tell it from a later one given the same id); None once it has ended."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] in ("Z", "X") else fields[19]


def _descendants(pid: int) -> dict[int, str]:
    """The processes below `pid`, with their start times."""
    return {child: started for child in sorted(process_family(pid) - {pid}) if (started := _started_at(child))}


def _building(site: Path) -> list[Path]:
    return sorted(site.parent.glob(f".{scratch.MARK}construction-*"))


@pytest.mark.slow
def test_a_build_killed_midway_leaves_the_previous_site_and_no_process(tmp_path: Path) -> None:
    project = _project(tmp_path, 600)  # work enough for the children to outlive their parent by seconds
    site = tmp_path / "site"
    first = _start(project, site)
    assert first.wait(timeout=600) == 0, first.stderr.read() if first.stderr else ""
    published = _files(site)
    actors = project / "data" / "actors"
    shutil.copy(sorted(actors.glob("*.yml"))[0], actors / "zz-nouvel-acteur.yml")  # a change to publish
    before = _scratches(*WORK_FOLDERS)

    killed = _start(project, site)
    seen: dict[int, str] = {}
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and killed.poll() is None:
        seen.update(_descendants(killed.pid))
        written = [page for folder in _building(site) for page in folder.glob("acteurs/*/index.html")]
        if len(written) > 20 and seen:  # pages half written, workers (or the exports' child) at work
            break
        time.sleep(0.01)
    assert killed.poll() is None, "the build ended before it could be killed"
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    deadline = time.monotonic() + 1  # the system ends them at once
    while time.monotonic() < deadline and [pid for pid, at in seen.items() if _started_at(pid) == at]:
        time.sleep(0.05)
    assert [pid for pid, at in seen.items() if _started_at(pid) == at] == [], "orphans still running"
    assert _files(site) == published  # the previous site, whole
    left = _building(site) + sorted(_scratches(*WORK_FOLDERS) - before)
    assert _building(site), "the killed build's folder is left beside the site"

    again = _start(project, site)
    assert again.wait(timeout=600) == 0, again.stderr.read() if again.stderr else ""
    assert [path for path in left if path.exists()] == []  # the next build cleaned up
    assert _building(site) == []
    assert _files(site) != published and (site / "pagefind" / "pagefind.js").is_file()


@pytest.mark.slow
def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, 300)
    site = tmp_path / "site"
    running = _start(project, site)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not _building(site) and running.poll() is None:
        time.sleep(0.01)
    second = subprocess.run([str(MAILLAGE), "build", "--config", str(project / "mkdocs.yml"), "--site", str(site)],
                            capture_output=True, text=True, env={**os.environ, "MAILLAGE_AUJOURDHUI": TODAY},
                            timeout=600)
    assert running.poll() is None, "the first build ended too early for the test"
    assert second.returncode == 1
    assert f"maillage : une autre construction est en cours dans « {site} »" in second.stderr
    assert "Traceback" not in second.stderr + second.stdout
    _, err = running.communicate(timeout=600)
    assert running.returncode == 0, err
    assert len(list(site.glob("acteurs/*/index.html"))) > 100 and _building(site) == []


@pytest.mark.slow
def test_a_failed_build_changes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    published = _files(site)
    # Strict mode stops the build at its very end, every page written, on a link to nowhere.
    (project / "docs" / "essai.md").write_text("# Essai\n\n[Une page](inexistante.md)\n", encoding="utf-8")
    with pytest.raises(mkdocs_run.Problem, match="mode strict"):
        build_site(project, site)
    assert _files(site) == published and _building(site) == []


def test_only_the_folders_of_ended_processes_are_swept(tmp_path: Path) -> None:
    held = scratch.Scratch("essai", tmp_path)
    code = (f"import sys, os; sys.path.insert(0, {str(ROOT)!r}); from generator.scratch import Scratch; "
            f"s = Scratch('essai', __import__('pathlib').Path({str(tmp_path)!r})); print(s.path, flush=True); "
            "os.kill(os.getpid(), 9)")
    ended = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    orphan = Path(ended.stdout.strip())
    assert orphan.is_dir() and held.path.is_dir()
    assert scratch.sweep(tmp_path) == [orphan]
    assert not orphan.exists() and held.path.is_dir()
    held.cleanup()
    assert not held.path.exists()
