"""Work shared with forked children (generator/parallel.py): results, failures, and no fork at all."""

from __future__ import annotations

import gc
import os

import pytest

from generator import parallel


def test_results_come_back_in_order_from_every_share() -> None:
    items = list(range(1001))
    assert parallel.shared(lambda share: [item * 2 for item in share], items, workers=3) == [i * 2 for i in items]


def test_a_failure_in_a_child_is_reported_with_its_cause() -> None:
    def boom() -> int:
        raise ValueError("valeur impossible")

    with pytest.raises(parallel.ChildError, match="valeur impossible"):
        parallel.Pending(boom).result()


def test_a_child_that_dies_without_answering_is_reported() -> None:
    with pytest.raises(parallel.ChildError, match="sans réponse"):
        parallel.Pending(lambda: os._exit(3)).result()


def test_without_a_process_to_spare_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError("plus de processus")

    monkeypatch.setattr(parallel.os, "fork", no_fork)
    assert parallel.Pending(lambda: os.getpid()).result() == os.getpid()
    assert parallel.shared(lambda share: list(share), [1, 2, 3], workers=2) == [1, 2, 3]


def test_only_the_process_that_started_the_work_may_wait_for_it() -> None:
    pending = parallel.Pending(lambda: 42)
    in_child = parallel.Pending(lambda: _outcome_of(pending))
    assert in_child.result() == "refusé"
    assert pending.result() == 42


def _outcome_of(pending: parallel.Pending[int]) -> str:
    try:
        pending.result()
    except parallel.ChildError:
        return "refusé"
    return "lu"


def test_background_work_yields_the_cores() -> None:
    here = os.nice(0)
    lowest = min(19, here + parallel.BACKGROUND_NICENESS)
    assert parallel.Pending(lambda: os.nice(0), background=True).result() == lowest
    assert parallel.Pending(lambda: os.nice(0)).result() == here
    assert os.nice(0) == here  # this process keeps its priority


def test_memory_is_frozen_for_a_block_not_by_a_child() -> None:
    """gc.freeze for the block of `parallel.frozen` (nested: until the outermost ends), never as a side effect of
    starting a child."""
    gc.unfreeze()  # what an earlier preview in this process left frozen (see the next test)
    parallel.Pending(lambda: 1).result()
    assert gc.get_freeze_count() == 0
    with parallel.frozen():
        assert gc.get_freeze_count() > 0
        made = [object() for _ in range(100)]  # noqa: F841 (made after the block began: frozen with the child)
        before = gc.get_freeze_count()
        with parallel.frozen():
            assert parallel.shared(lambda share: list(share), [1, 2, 3, 4], workers=2) == [1, 2, 3, 4]
        assert gc.get_freeze_count() >= before  # the inner block leaves the outer one's objects frozen
    assert gc.get_freeze_count() == 0


def test_a_preview_keeps_what_survives_a_build_frozen() -> None:
    with parallel.frozen(keep=True):
        pass
    try:
        assert gc.get_freeze_count() > 0  # the next build's collector passes visit only what it makes
    finally:
        gc.unfreeze()


def test_a_preview_passes_over_its_whole_memory_only_once_it_has_grown(monkeypatch: pytest.MonkeyPatch) -> None:
    """A save costs no pass of the collector over everything the session keeps; the garbage of earlier builds is
    collected once the frozen objects have grown by half."""
    monkeypatch.setattr(parallel, "_frozen_after_pass", 0)  # a new session
    passes: list[object] = []
    collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *generation: passes.append(generation) or collect(*generation))
    try:
        with parallel.frozen(keep=True):
            pass  # the first build of a session: a pass, after which what lasts is frozen
        assert len(passes) == 1
        with parallel.frozen(keep=True):
            pass  # a save that made little
        assert len(passes) == 1
        with parallel.frozen(keep=True):
            grown = [[number] for number in range(gc.get_freeze_count())]  # noqa: F841 (what a large build keeps)
        assert len(passes) == 2
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
