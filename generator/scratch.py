"""Temporary folders a build works in (the site being built, the exports, the searchable copies), each held by
its process with a lock on the folder itself: the system releases it when the process ends, however it ends. The
next build removes the folders nobody holds any more, those of a build that was killed.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # not a POSIX system: folders are neither held nor swept
    fcntl = None  # type: ignore[assignment]

MARK = "maillage-en-cours-"  # every such folder's name starts with it (after a dot, beside the site)


class Scratch:
    """A folder held by this process (and by its forked children) until `cleanup()`, which removes it."""

    def __init__(self, purpose: str, where: Path | None = None, *, hidden: bool = False, mode: int = 0o700) -> None:
        """A new folder named after `purpose` in `where` (the system's temporary folder by default); `mode` is
        then reduced by the umask, as for any folder."""
        parent = where if where is not None else Path(tempfile.gettempdir())
        while True:
            path = parent / f"{'.' if hidden else ''}{MARK}{purpose}-{secrets.token_hex(4)}"
            try:
                path.mkdir(mode)
            except FileExistsError:
                continue
            held = _hold(path)
            if held is not None:
                self.path, self._held = path, held
                return
            # another build's sweep saw it before it was held, and took it: try another name

    @property
    def name(self) -> str:
        return str(self.path)

    def cleanup(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self._held >= 0:
            os.close(self._held)
            self._held = -1

    def __enter__(self) -> Path:
        return self.path

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.cleanup()


def _hold(path: Path) -> int | None:
    """The folder's descriptor, holding its lock; None when it is held by another process, or gone."""
    try:
        held = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    if fcntl is None:
        return held
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.stat(path, follow_symlinks=False).st_ino == os.fstat(held).st_ino:
            return held
    except OSError:  # held by another process (BlockingIOError), or removed meanwhile
        pass
    os.close(held)
    return None


def sweep(where: Path) -> list[Path]:
    """Remove the folders of `where` left by builds that have ended (nobody holds them); the removed ones."""
    if fcntl is None or not where.is_dir():
        return []
    removed = []
    for path in sorted([*where.glob(f"{MARK}*"), *where.glob(f".{MARK}*")]):
        if path.is_symlink() or not path.is_dir():
            continue
        held = _hold(path)
        if held is None:
            continue
        try:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
        finally:
            os.close(held)
    return removed


def memory_folder(needed: int) -> Path | None:
    """The system's folder in memory (/dev/shm) when it has room for `needed` bytes (a container's often has
    64 MB), else None."""
    memory = Path("/dev/shm")
    if memory.is_dir() and os.access(memory, os.W_OK) and shutil.disk_usage(memory).free > needed:
        return memory
    return None


def sweep_everywhere(*also: Path) -> None:
    """Sweep the folders where builds work: the temporary folders, and those given (beside the site)."""
    for where in dict.fromkeys([Path(tempfile.gettempdir()), Path("/dev/shm"), *also]):
        sweep(where)
