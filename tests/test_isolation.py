"""The suite never depends on the repository's own network: any read of its data/, docs/ or mkdocs.yml fails the
test that made it (conftest.GUARD), and the test network is always seen on the same day (MAILLAGE_AUJOURDHUI).
That the whole arrangement holds in a fork whose data/ is replaced is shown in test_fork.py."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import GUARD, NETWORK, NETWORK_DAY, ROOT, RepositoryNetworkRead

from generator import clock
from generator.contract.kinds import KINDS
from generator.reading.directory import read_directory


@pytest.fixture
def guard() -> Iterator[None]:
    """For tests that make reads on purpose: what they recorded is theirs, not a failure of the test."""
    yield
    GUARD.reads.clear()


READS: dict[str, Callable[[], object]] = {
    "a record opened": lambda: (ROOT / "data" / "actors" / "pse-mons.yml").read_text(encoding="utf-8"),
    "data/ listed": lambda: os.listdir(ROOT / "data"),
    "data/ searched": lambda: list((ROOT / "data").glob("*/*.yml")),
    "data/ read by the validator": lambda: read_directory(ROOT / "data"),
    "data/ copied": lambda: shutil.copytree(ROOT / "data", Path(os.environ["COPY_TARGET"])),
    "a page of docs/ opened": lambda: (ROOT / "docs" / "index.md").read_bytes(),
    "mkdocs.yml opened": lambda: (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
    "a command started at the root": lambda: subprocess.run(["true"], cwd=ROOT),
    "a command given data/": lambda: subprocess.run([sys.executable, "-m", "generator.cli", "validate", "data"]),
}


@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
def test_reading_the_repository_network_fails(
    read: Callable[[], object], guard: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPY_TARGET", str(tmp_path / "copie"))
    monkeypatch.chdir(ROOT)  # as `make test` runs: relative paths are the repository's
    with pytest.raises(RepositoryNetworkRead, match="reads the repository's own network") as refused:
        read()
    assert "conftest.NETWORK" in str(refused.value)  # says what to use instead
    assert GUARD.reads
    assert not (tmp_path / "copie").exists()


def test_a_read_the_code_swallows_still_fails_the_test(guard: None) -> None:
    with contextlib.suppress(Exception):  # as code under test might: the test must fail all the same
        (ROOT / "data" / "taxonomies" / "publics.yml").open(encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match=r"reads the repository's own network: .*publics\.yml \(open\)"):
        GUARD.verify()  # what every test's teardown does (conftest._repository_network_untouched)
    assert GUARD.reads == []


def test_the_rest_of_the_repository_stays_readable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (ROOT / "README.md").read_text(encoding="utf-8")
    assert (ROOT / "schemas" / "acteur.schema.json").read_bytes()
    assert read_directory(NETWORK / "data").files > 90
    shutil.copytree(NETWORK / "data", tmp_path / "copie" / "data")
    monkeypatch.chdir(ROOT)
    shutil.rmtree(tmp_path / "copie")  # opens "data" relative to the folder it empties, not to the root
    shutil.copytree(NETWORK / "docs", tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    assert os.listdir("docs")  # a relative path is resolved where the test stands
    for near in ("database", "data.yml", "docs-anciennes", "mkdocs.yml.bak", "tests/fixtures/network/data"):
        assert not GUARD.forbidden(ROOT / near), near
    for inside in ("data", "data/actors", "docs/index.md", "mkdocs.yml", "data/../data/x.yml"):
        assert GUARD.forbidden(str(ROOT) + "/" + inside), inside
    assert GUARD.reads == []


def test_the_test_network_is_seen_on_its_day() -> None:
    assert clock.today() == date.fromisoformat(NETWORK_DAY)
    seen = subprocess.run([sys.executable, "-c", "from generator.clock import today; print(today())"],
                          capture_output=True, text=True, check=True)
    assert seen.stdout.strip() == NETWORK_DAY  # and in the commands the tests start
    catalog = read_directory(NETWORK / "data").catalog
    newest = max(record.date_maj for kind in KINDS for record in catalog.of(kind))
    assert newest <= date.fromisoformat(NETWORK_DAY)  # nothing in the test network is checked "in the future"
