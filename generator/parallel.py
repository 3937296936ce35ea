"""Work done on the machine's other cores: forked children compute while this process goes on.

A child is a copy of this process at the moment it is forked (the catalog, the templates: nothing is sent to
it); it sends back only its result, pickled through a pipe. Where processes cannot be forked, the work is done
in this process when it is started, so callers never depend on it happening in parallel.

Children die with this process, however it ends (even killed at once): on Linux the system is asked to end them
then, so that no orphan goes on writing into a site that is no longer being built. Run as a script, this module
starts a Python module (Pagefind's) that dies with the process named by its first argument.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import os
import pickle
import runpy
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")
Item = TypeVar("Item")


class ChildError(Exception):
    """The work failed in the child; the message is its traceback."""


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# A low priority: a busy core gives such a child a tenth of what it gives a process of normal priority, never
# nothing (its result is awaited by the build before its end).
BACKGROUND_NICENESS = 10


class Pending(Generic[T]):
    """The result of `work`, computed in a forked child; `result()` waits for it."""

    def __init__(self, work: Callable[[], T], background: bool = False) -> None:
        """With `background`, the child runs mostly on what the other processes leave of the cores (its work is
        wanted late)."""
        self._pid, self._owner = 0, os.getpid()
        self._outcome: tuple[bool, object] | None = None
        if not hasattr(os, "fork"):
            self._outcome = _outcome(work)
            return
        if _frozen_blocks:
            gc.freeze()  # what was made since the block began stays shared too (see `frozen`)
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: the work is done here
            os.close(read)
            os.close(write)
            self._outcome = _outcome(work)
            return
        if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
            die_with_parent(self._owner)
            os.close(read)
            if background:
                os.nice(BACKGROUND_NICENESS)
            outcome = _outcome(work)
            try:
                with os.fdopen(write, "wb") as pipe:
                    pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(0 if outcome[0] else 1)
        os.close(write)
        self._pid, self._pipe = pid, read

    def result(self) -> T:
        if self._outcome is None:
            if os.getpid() != self._owner:  # a child of the creator cannot read its pipe
                raise ChildError("résultat attendu dans un autre processus que celui qui l'a lancé")
            with os.fdopen(self._pipe, "rb") as pipe:  # read before waiting: the child blocks until it is read
                data = pipe.read()
            os.waitpid(self._pid, 0)
            self._pid = 0
            try:
                self._outcome = pickle.loads(data)
            except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
                self._outcome = (False, "le processus de calcul s'est arrêté sans réponse complète")
        done, value = self._outcome
        if not done:
            raise ChildError(str(value))
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the child if it still runs (a newer build has made its result useless)."""
        if self._pid and os.getpid() == self._owner:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
                os.close(self._pipe)
            except OSError:
                pass
            self._pid = 0
            self._outcome = (False, "calcul annulé")


PR_SET_PDEATHSIG = 1  # prctl(2)


def die_with_parent(parent: int) -> None:
    """Have the system kill this process when its parent ends (Linux; elsewhere, only a parent that has already
    ended is noticed); `parent` is the parent's id, to notice one that ended before the request."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def dying_with_this_process(module: str, arguments: list[str]) -> list[str]:
    """The command line running a Python module (`python -m module arguments…`) that the system kills when this
    process ends; the module may replace itself with another program (Pagefind's runs its binary), which is
    killed then just the same."""
    return [sys.executable, __file__, str(os.getpid()), module, *arguments]


_frozen_blocks = 0  # `frozen` blocks under way (nested: the outermost one unfreezes)
# A preview's frozen objects after its last whole pass of the collector (see `frozen`)
_frozen_after_pass = 0
# The growth of a preview's frozen objects that warrants a whole pass: the garbage of one build is a fraction
# of what lasts (the files read, the renderings), so a pass comes every few builds, not after each one.
GROWTH_BEFORE_A_PASS = 1.5


@contextmanager
def frozen(keep: bool = False) -> Iterator[None]:
    """A block whose forked children share this process's memory. Objects a child only reads must stay shared:
    the collector's passes would write into every one of them and so copy the whole memory, page after page
    (ten times slower at 10,000 records). The objects that exist when the block begins, and when a child is
    forked in it, are left out of the collector's passes (`gc.freeze`), here and in the children, until the
    outermost block ends. With `keep` (a preview server, which builds again after each save), what the build
    made is frozen too, and the collector's passes of the next build visit only what it makes: a pass over the
    whole memory (0.3 s to 1.5 s) comes only once the frozen objects have grown by half since the last one, so
    that the cyclic garbage of earlier builds is collected without a pass after each save."""
    global _frozen_blocks, _frozen_after_pass
    gc.freeze()
    _frozen_blocks += 1
    try:
        yield
    finally:
        _frozen_blocks -= 1
        if not _frozen_blocks:
            if not keep:
                gc.unfreeze()
            else:
                gc.freeze()
                if gc.get_freeze_count() > GROWTH_BEFORE_A_PASS * _frozen_after_pass:
                    gc.unfreeze()
                    gc.collect()
                    gc.freeze()
                    _frozen_after_pass = gc.get_freeze_count()


def _outcome(work: Callable[[], T]) -> tuple[bool, object]:
    try:
        return True, work()
    except BaseException:  # whatever happened is reported to the parent
        return False, traceback.format_exc()


def shared(work: Callable[[Sequence[Item]], list[T]], items: Sequence[Item], workers: int | None = None) -> list[T]:
    """`work` over `items` shared between this process and forked children, one per other core (or `workers`
    processes in all); the results in the order of `items`. Items are dealt in turn, so that a run of costly
    ones is shared too."""
    count = max(1, min(workers or cores(), len(items)))
    if count == 1:
        return work(items)
    children: list[Pending[list[T]]] = []
    with frozen():
        try:
            for share in range(1, count):
                children.append(Pending(functools.partial(work, items[share::count])))
            results: list[list[T]] = [work(items[0::count])]
            results += [child.result() for child in children]
        except BaseException:
            for child in children:
                child.cancel()
            raise
    merged: list[T] = [None] * len(items)  # type: ignore[list-item]
    for share, found in enumerate(results):
        merged[share::count] = found
    return merged


if __name__ == "__main__":  # python parallel.py PARENT MODULE ARGUMENTS… (see `dying_with_this_process`)
    sys.path.pop(0)  # this module's folder: its modules must not hide those the module imports
    die_with_parent(int(sys.argv[1]))
    sys.argv = [sys.argv[2], *sys.argv[3:]]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
