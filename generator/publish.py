"""Publishing a site folder whole: the site is built into a folder beside it, which replaces it only once the
build is complete. A build that fails, or is killed, leaves the published site as it was; one build at a time
writes a given site folder (a lock beside it), a second is refused.
"""

from __future__ import annotations

import ctypes
import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator import scratch
from generator.scratch import Scratch, fcntl

RENAME_EXCHANGE = 2  # renameat2(2): swap two paths in one step
AT_FDCWD = -100
ASIDE = "-ancien"  # the published site moved aside, where the two paths cannot be swapped in one step


class Busy(Exception):
    """Another build is writing the same site folder; the message says so, in French."""


def lock_path(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.verrou"


@contextmanager
def publishing(site_dir: Path) -> Iterator[Path]:
    """A new folder to build the site into, beside `site_dir`; when the block ends without an error, it replaces
    `site_dir` (the previous site is removed), else it is removed. Raises Busy when another build holds the
    site's lock; what killed builds left beside the site is removed first."""
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _locked(lock_path(site_dir), site_dir):
        _put_back(site_dir)
        scratch.sweep(site_dir.parent)
        building = Scratch("construction", site_dir.parent, hidden=True, mode=0o777)  # as mkdir would make it
        try:
            yield building.path
            _replace(site_dir, building)
        finally:
            building.cleanup()  # the unfinished build, or the previous site


@contextmanager
def _locked(path: Path, site_dir: Path) -> Iterator[None]:
    """Hold the lock file `path` for the block, then remove it (still held: a build that opened it meanwhile
    finds it gone, and opens the new one)."""
    while True:
        lock = open(path, "a")  # noqa: SIM115 (closed below, once removed)
        if fcntl is None:
            break
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise Busy(f"une autre construction est en cours dans « {site_dir} » ; attendez qu'elle se termine "
                       "puis relancez la vôtre.") from None
        try:
            if os.stat(path).st_ino == os.fstat(lock.fileno()).st_ino:
                break
        except FileNotFoundError:
            pass
        lock.close()  # removed by the build that held it: take the new one
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        lock.close()


def _replace(site_dir: Path, building: Scratch) -> None:
    """Put the built folder in the site's place; the previous site goes where the built folder was."""
    if not site_dir.exists() and not site_dir.is_symlink():
        os.rename(building.path, site_dir)
        return
    if _exchange(building.path, site_dir):
        return
    aside = building.path.with_name(building.path.name + ASIDE)
    os.rename(site_dir, aside)  # killed here, the next build puts it back (`_put_back`)
    os.rename(building.path, site_dir)
    os.rename(aside, building.path)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux); False where the system or the file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _put_back(site_dir: Path) -> None:
    """A build killed between its two moves (`_replace` without a swap) left the previous site aside."""
    if site_dir.exists():
        return
    for aside in sorted(site_dir.parent.glob(f".{scratch.MARK}construction-*{ASIDE}")):
        os.rename(aside, site_dir)
        return
