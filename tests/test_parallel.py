"""Work shared with forked children (generator/parallel.py): results, failures, and no fork at all."""

from __future__ import annotations

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
