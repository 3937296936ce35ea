"""What a change touches: the files that differ from a git revision, as absolute paths.

`maillage validate --base REV` uses them to put the contributor's own files first in a pull request; the paths
are compared with the diagnostics' paths, which are relative to the working directory.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path


class GitError(Exception):
    """git could not answer; the message says why, in French."""


def git(args: list[str], cwd: Path | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError:
        raise GitError("git est introuvable sur cette machine.") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} a échoué : {detail[-1] if detail else 'sans message'}")
    return done.stdout


def absolute(path: str | Path) -> str:
    """One spelling per file, without touching the disk: the diagnostics' relative paths and git's agree."""
    return os.path.abspath(path)


def changed_since(base: str, cwd: Path | None = None) -> frozenset[str]:
    """Files that differ between revision `base` and the working tree (new, changed, removed), and the files
    git does not track yet: what a contributor's change holds."""
    top = top_of(cwd or Path.cwd())
    verify(base, top)
    differing = git(["diff", "--name-only", "--no-renames", "-z", base, "--"], top)
    untracked = git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    return of_paths(top / name for name in _names(differing + untracked))


def top_of(where: Path) -> Path:
    """The root of the git repository holding `where`."""
    try:
        return Path(git(["rev-parse", "--show-toplevel"], where).decode().strip())
    except GitError:
        raise GitError(f"{where} n'est pas dans un dépôt git.") from None


def verify(rev: str, top: Path) -> None:
    try:
        git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    except GitError:
        raise GitError(f"révision inconnue « {rev} » (un commit, une branche ou HEAD^1 par exemple).") from None


def of_paths(paths: Iterable[str | Path]) -> frozenset[str]:
    return frozenset(absolute(path) for path in paths)


def _names(output: bytes) -> list[str]:
    return [os.fsdecode(name) for name in output.split(b"\0") if name]
