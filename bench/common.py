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
    cpu_seconds: float  # user + system, the command's processes together: what other programs change least
    peak_mib: float  # peak memory of the command and the processes it started, together
    code: int
    output: str


def process_family(root: int) -> set[int]:
    """A process and all its descendants, from the parent ids in /proc (Linux; only `root` elsewhere)."""
    parents: dict[int, int] = {}
    proc = Path("/proc")
    for entry in proc.iterdir() if proc.is_dir() else ():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    family, added = {root}, True
    while added:
        found = {pid for pid, parent in parents.items() if parent in family} - family
        family |= found
        added = bool(found)
    return family


def _tree_pss_kib(root: int) -> int:
    """The proportional memory (Pss: a page shared by n processes counts 1/n in each) of a process and all its
    descendants, read from /proc (Linux); 0 elsewhere."""
    family = process_family(root)
    total = 0
    for pid in family:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def run_child(command: Sequence[str], cwd: Path) -> Child:
    """Run a command; its wall-clock and CPU time, peak memory (the command's forked children and helpers
    included: sampled every 0.1 s, and never less than its largest process), exit code and output."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
        peak_kib = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            peak_kib = max(peak_kib, _tree_pss_kib(child.pid))
            time.sleep(0.1)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    # ru_maxrss (KiB on Linux): the largest of the process and the children it waited for
    peak_mib = max(peak_kib, usage.ru_maxrss) / 1024
    return Child(elapsed, usage.ru_utime + usage.ru_stime, peak_mib, child.returncode, text)


def maillage_command() -> list[str]:
    script = Path(sys.executable).parent / "maillage"
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator.cli"]
