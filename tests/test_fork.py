"""A network forks the repository and puts its own records in data/, or a contributor adds a record or checks one
today: the tests stay green, and the new data/ passes `maillage validate` and builds, both with the real clock.

Each case is a copy of the repository's files (those git knows) whose data/ is replaced, with the fork's own
pages and configuration; part of the suite runs in it, as a separate pytest (quick tests that once read the
repository's data/, and the guard that keeps every test off it). The three copies' test runs start together and
go on while the data are validated and built."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import INSIDE_FORK_TEST, NETWORK, ROOT

from generator.clock import PARIS, TODAY_VARIABLE

pytestmark = [pytest.mark.fork, pytest.mark.slow]

# Quick modules whose tests once read the repository's data/ (counts of records, dates, exports), and the guard.
SUBSET = ["tests/test_isolation.py", "tests/test_cli.py", "tests/test_exports.py"]
FORK_NAME = "Réseau santé de la Vallée d'Essai"

ONE_RECORD = {
    "taxonomies/thematiques.yml": "- id: sante\n  label: Santé\n",
    "taxonomies/publics.yml": "- id: tous-publics\n  label: Tout public\n",
    "taxonomies/territoires.yml": "- id: vallee-d-essai\n  label: Vallée d'Essai\n  type: autre\n",
    "taxonomies/types_acteur.yml": "- id: association\n  label: Association\n",
    "taxonomies/types_ressource.yml": "- id: brochure\n  label: Brochure\n",
    "taxonomies/types_evenement.yml": "- id: rencontre\n  label: Rencontre\n",
    "actors/maison-de-sante-de-la-vallee.yml": (
        "nom: Maison de santé de la Vallée\ntype: association\n"
        "description: Une maison de santé qui accueille toute personne de la vallée, avec ou sans rendez-vous.\n"
        "thematiques:\n  - sante\nterritoires:\n  - vallee-d-essai\ndate_maj: {today}\n"
    ),
}


def real_today() -> date:
    return datetime.now(PARIS).date()  # not clock.today(): the tests' day is fixed, a contributor's is not


def copy_repository(target: Path) -> Path:
    """The repository's files as a fork has them, but for data/, docs/ and mkdocs.yml, which are the fork's own
    (here the test network's pages and configuration, renamed): none of the repository's is read."""
    # safe.directory: in a CI container the checkout belongs to another user than the one running the tests.
    command = ["git", "-c", f"safe.directory={ROOT}", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others",
               "--exclude-standard"]
    listed = subprocess.run(command, capture_output=True, check=True).stdout.decode().split("\0")
    for name in listed:
        if not name or name == "mkdocs.yml" or name.startswith(("data/", "docs/")) or not (ROOT / name).is_file():
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, target / name)
    shutil.copytree(NETWORK / "docs", target / "docs")
    config = (NETWORK / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(config.replace("Réseau santé sexuelle Hainaut–Nord", FORK_NAME),
                                       encoding="utf-8")
    return target


def one_record(data: Path, today: date) -> str:
    for name, text in ONE_RECORD.items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(text.format(today=today.isoformat()), encoding="utf-8")
    return "acteurs/maison-de-sante-de-la-vallee/"


def generated(data: Path, today: date) -> str:
    command = [sys.executable, "bench/generate.py", "--records", "300", "--seed", "3", "--out", str(data),
               "--today", today.isoformat()]
    subprocess.run(command, cwd=data.parent, check=True, capture_output=True)
    return f"acteurs/{min(path.stem for path in (data / 'actors').glob('*.yml'))}/"


def edited_today(data: Path, today: date) -> str:
    """The test network, with one record added and another checked again, both today."""
    shutil.copytree(NETWORK / "data", data)
    source = (data / "actors" / "asv-lille-moulins.yml").read_text(encoding="utf-8")
    added = source.replace("nom: ", "nom: Nouvelle antenne — ", 1)
    (data / "actors" / "nouvelle-antenne.yml").write_text(_redated(added, today), encoding="utf-8")
    checked = data / "resources" / "brochure-prep-mode-emploi.yml"
    checked.write_text(_redated(checked.read_text(encoding="utf-8"), today), encoding="utf-8")
    return "acteurs/nouvelle-antenne/"


def _redated(text: str, today: date) -> str:
    lines = [f"date_maj: {today.isoformat()}" if line.startswith("date_maj:") else line for line in text.splitlines()]
    assert f"date_maj: {today.isoformat()}" in lines
    return "\n".join(lines) + "\n"


CASES = {"une-fiche": one_record, "trois-cents-fiches": generated, "fiches-du-jour": edited_today}


def environment() -> dict[str, str]:
    """The machine's environment, with the real clock (the copy's conftest fixes the day for its own tests)."""
    env = {key: value for key, value in os.environ.items() if key != TODAY_VARIABLE}
    return {**env, INSIDE_FORK_TEST: "1", "NO_COLOR": "1"}


@dataclass
class Fork:
    repository: Path
    page: str  # a page of a record of the new data
    tests: subprocess.Popen[bytes]
    log: Path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], cwd=self.repository, env=environment(), capture_output=True,
                              text=True, timeout=300)


@pytest.fixture(scope="module")
def forks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Fork]]:
    started: dict[str, Fork] = {}
    try:
        for name, replace in CASES.items():
            repository = copy_repository(tmp_path_factory.mktemp(name) / "depot")
            page = replace(repository / "data", real_today())
            # a network with its own taxonomies writes their ids for editors, as the README says
            subprocess.run([sys.executable, "-m", "generator.cli", "schema"], cwd=repository, env=environment(),
                           check=True, capture_output=True)
            log = repository.parent / "pytest.log"
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser", *SUBSET]
            with log.open("wb") as output:
                tests = subprocess.Popen(command, cwd=repository, env=environment(), stdout=output,
                                         stderr=subprocess.STDOUT)
            started[name] = Fork(repository, page, tests, log)
        yield started
    finally:
        for fork in started.values():
            if fork.tests.poll() is None:
                fork.tests.kill()
                fork.tests.wait()


@pytest.mark.parametrize("case", CASES)
def test_the_new_data_validate_and_build_with_the_real_clock(forks: dict[str, Fork], case: str) -> None:
    fork = forks[case]
    checked = fork.run("-m", "generator.cli", "validate", "data")
    assert checked.returncode == 0 and checked.stdout.startswith("0 erreur"), checked.stdout + checked.stderr
    files = len(list((fork.repository / "data").rglob("*.yml")))
    assert checked.stdout.rstrip().endswith(f" dans {files} fiches."), checked.stdout  # the new data, all of it
    site = fork.repository.parent / "site"
    built = fork.run("-m", "generator.cli", "build", "--site", str(site))  # as `make site`
    assert built.returncode == 0, built.stdout + built.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert FORK_NAME.replace("'", "&#39;") in home  # the fork's configuration, not the repository's
    assert (site / fork.page / "index.html").is_file()


@pytest.mark.parametrize("case", CASES)
def test_the_tests_pass_whatever_data_holds(forks: dict[str, Fork], case: str) -> None:
    fork = forks[case]
    code = fork.tests.wait(timeout=600)
    summary = fork.log.read_text(encoding="utf-8", errors="replace")
    assert code == 0, summary
    last = summary.strip().splitlines()[-1]
    assert " passed" in last and "failed" not in last and "error" not in last and "skipped" not in last, last


def test_in_the_copy_a_test_reading_data_fails_and_the_fork_tests_are_left_out(forks: dict[str, Fork]) -> None:
    """The guard, end to end: a test that reads the copy's data/ and swallows the error fails its session. And a
    copy never makes copies of its own: there the fork tests are deselected."""
    fork = forks["une-fiche"]
    (fork.repository / "tests" / "test_lit_les_donnees.py").write_text(
        "import contextlib\nfrom conftest import ROOT\n\n\ndef test_lit() -> None:\n"
        "    with contextlib.suppress(Exception):\n        next((ROOT / 'data' / 'actors').iterdir())\n",
        encoding="utf-8",
    )
    session = fork.run("-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_lit_les_donnees.py",
                       "tests/test_fork.py")
    assert session.returncode == 1, session.stdout
    assert "reads the repository's own network: " in session.stdout
    assert f"1 passed, {len(CASES) * 2 + 1} deselected, 1 error" in session.stdout, session.stdout
