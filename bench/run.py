"""Benchmarks: how long Maillage takes, and how much memory, as the directory grows.

    make bench                                  # 1,000, 3,000 and 10,000 records
    .venv/bin/python bench/run.py --quick       # 1,000 only
    .venv/bin/python bench/run.py --sizes 500,20000 --write   # also write bench/RESULTS.md

For each size, a data directory is generated into a temporary folder (not timed), then every measurement
runs on it and returns numbers; a row gathers them and the printer makes a Markdown table.

To add a measurement (full build time, site size, largest HTML page, search transfer, a plain-MkDocs
baseline, ratios): write a function `measure_x(sample: Sample) -> dict[str, float]`, append it to
MEASUREMENTS, and declare its keys in COLUMNS. A function may read what earlier ones put in `sample.row`
(ratios), and keep what later ones may reuse in `sample.scratch` (a built site).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `generator` importable from the work tree
    sys.path.insert(0, str(ROOT))

from bench.generate import counts, generate  # noqa: E402
from generator.directory import read_directory  # noqa: E402

DEFAULT_SIZES = (1000, 3000, 10000)
RESULTS = ROOT / "bench" / "RESULTS.md"
SEED = 0
TARGET_VALIDATE_S = 5.0  # from the issue: `maillage validate` on 10,000 records in under 5 s


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
class Column:
    key: str
    header: str
    format: str = "{:.2f}"


COLUMNS: list[Column] = [
    Column("records", "Fiches", "{:,.0f}"),
    Column("data_mb", "Données YAML (Mo)", "{:.1f}"),
    Column("read_s", "read_directory (s)"),
    Column("validate_s", "maillage validate, meilleur (s)"),
    Column("validate_worst_s", "… pire (s)"),
    Column("validate_cpu_s", "… temps CPU (s)"),
    Column("validate_peak_mib", "… mémoire max (Mio)", "{:.0f}"),
]


# --- measurements ----------------------------------------------------------------------------------------


def measure_data(sample: Sample) -> dict[str, float]:
    """Size of the generated YAML files."""
    size = sum(path.stat().st_size for path in sample.data_dir.rglob("*.yml"))
    return {"data_mb": size / 1e6}


def measure_read(sample: Sample) -> dict[str, float]:
    """`read_directory` in this process (load, validate, link): best of `repeat` runs."""
    times = []
    for _ in range(sample.repeat):
        gc.collect()
        start = time.perf_counter()
        reading = read_directory(sample.data_dir)
        times.append(time.perf_counter() - start)
        if reading.errors:
            raise SystemExit(f"{sample.data_dir}: {len(reading.errors)} erreurs, la génération est à corriger")
        del reading
    return {"read_s": min(times)}


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


def measure_validate(sample: Sample) -> dict[str, float]:
    """`maillage validate DIR` end to end in a child process (start-up included): best and worst of
    `repeat` runs, and the child's peak memory."""
    runs = []
    for _ in range(sample.repeat):
        run = run_child([*maillage_command(), "validate", str(sample.data_dir)], ROOT)
        if run.code != 0:
            raise SystemExit(f"maillage validate a échoué (code {run.code}) :\n{run.output[-2000:]}")
        runs.append(run)
    return {
        "validate_s": min(run.seconds for run in runs),
        "validate_worst_s": max(run.seconds for run in runs),
        "validate_cpu_s": min(run.cpu_seconds for run in runs),
        "validate_peak_mib": max(run.peak_mib for run in runs),
    }


MEASUREMENTS: list[Callable[[Sample], dict[str, float]]] = [measure_data, measure_read, measure_validate]


# --- running and printing --------------------------------------------------------------------------------


def measure(records: int, repeat: int, progress: Callable[[str], None]) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix=f"maillage-bench-{records}-") as tmp:
        sample = Sample(records, Path(tmp) / "data", Path(tmp), repeat, row={"records": records})
        progress(f"{records} fiches : génération ({', '.join(f'{k} {n}' for k, n in counts(records).items())})")
        generate(sample.data_dir, records, SEED)
        for measurement in MEASUREMENTS:
            progress(f"{records} fiches : {measurement.__name__}")
            sample.row.update(measurement(sample))
        return sample.row


def table(rows: list[dict[str, float]], columns: Sequence[Column] = COLUMNS) -> str:
    """A Markdown table of the rows; a column no row has a value for is left out."""
    shown = [c for c in columns if any(c.key in row for row in rows)]
    lines = [
        "| " + " | ".join(c.header for c in shown) + " |",
        "| " + " | ".join("---:" for _ in shown) + " |",
    ]
    for row in rows:
        cells = [c.format.format(row[c.key]).replace(",", " ") if c.key in row else "–" for c in shown]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def machine() -> dict[str, str]:
    cpu = "inconnu"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "inconnue"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} Gio"
                break
    return {
        "Processeur": cpu,
        "Cœurs": str(os.cpu_count()),
        "Mémoire": memory,
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "Système": platform.platform(),
        "Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def verdict(rows: list[dict[str, float]]) -> str:
    at_10k = [row for row in rows if row["records"] == 10000 and "validate_s" in row]
    if not at_10k:
        return ""
    seconds, cpu = at_10k[0]["validate_s"], at_10k[0]["validate_cpu_s"]
    status = "atteint" if seconds < TARGET_VALIDATE_S else "NON atteint"
    goal = f"maillage validate en moins de {TARGET_VALIDATE_S:.0f} s à 10 000 fiches"
    return f"Objectif « {goal} » : {status} ({seconds:.2f} s écoulées, {cpu:.2f} s de CPU).\n"


def report(rows: list[dict[str, float]], repeat: int, load: tuple[float, float]) -> str:
    lines = [
        "# Mesures de performance",
        "",
        "Écrit par `.venv/bin/python bench/run.py --write` : ne pas modifier à la main.",
        "",
        "Données générées par `bench/generate.py` (graine 0) : 45 % d'acteurs, 35 % de ressources, 10 % de bonnes",
        "pratiques, 10 % d'événements, références croisées valides. `read_directory` : dans le processus, meilleur",
        f"de {repeat}. `maillage validate` : commande complète dans un processus fils (démarrage compris), meilleur",
        f"et pire de {repeat}, temps CPU (utilisateur + système) le plus bas ; mémoire : pic de mémoire résidente",
        "du processus fils (ru_maxrss). La machine est partagée : le temps CPU varie moins que le temps écoulé.",
        "",
        table(rows),
        verdict(rows),
        "## Machine",
        "",
        *[f"- {key} : {value}" for key, value in machine().items()],
        f"- Charge moyenne sur 1 minute (autres programmes compris) : {load[0]:.2f} au début, {load[1]:.2f} à la fin",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure les temps de Maillage sur des données générées.")
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="nombres de fiches, séparés par des virgules"
    )
    parser.add_argument("--quick", action="store_true", help="1 000 fiches seulement")
    parser.add_argument("--repeat", type=int, default=3, help="répétitions de chaque mesure (défaut : 3)")
    parser.add_argument("--write", action="store_true", help=f"écrire aussi {RESULTS.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    try:
        sizes = [1000] if args.quick else [int(size) for size in args.sizes.split(",") if size.strip()]
    except ValueError:
        parser.error(f"--sizes attend des nombres séparés par des virgules, pas « {args.sizes} »")
    load_before = os.getloadavg()[0]
    rows = []
    for records in sizes:
        rows.append(measure(records, max(1, args.repeat), lambda text: print(f"… {text}", file=sys.stderr)))
    print(table(rows) + verdict(rows), end="")
    if args.write:
        RESULTS.write_text(report(rows, args.repeat, (load_before, os.getloadavg()[0])), encoding="utf-8")
        print(f"Écrit : {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
