"""What the measurements share: the sample under measurement, and running a command as a measured child."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Sample:
    """One generated directory under measurement."""

    records: int
    data_dir: Path
    work_dir: Path  # a temporary folder the measurements may write into (a built site ...)
    repeat: int
    row: dict[str, float] = field(default_factory=dict)
    scratch: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Child:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system: what other programs running on the machine change least
    peak_mib: float  # peak resident memory
    code: int
    output: str


def run_child(command: Sequence[str], cwd: Path) -> Child:
    """Run a command; its wall-clock and CPU time, peak memory, exit code and output."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not all children's
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux
    return Child(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode, text)


def maillage_command() -> list[str]:
    script = Path(sys.executable).parent / "maillage"
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator.cli"]
