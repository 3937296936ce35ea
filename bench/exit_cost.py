"""What ending a `maillage` command at once (`os._exit`, once its output is flushed) saves over a normal exit,
which frees the process's objects one by one: each command run both ways on generated data, in child processes,
best of `--repeat`. The figures go into bench/RESULTS.md (`--write`), between the markers of their section, and
decide which commands end at once (generator/cli.py, ENDS_AT_ONCE).

    .venv/bin/python bench/exit_cost.py --records 10000 --write
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import Sample, run_child  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.site import write_config  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
WORTH = 0.2  # CPU seconds: below, ending at once is not worth skipping Python's own end
START, END = "<!-- bench/exit_cost.py -->", "<!-- fin de bench/exit_cost.py -->"
# The two ways a command ends, as a Python snippet run with the command's arguments.
ENDINGS = {
    "à la fin normale": "import sys; from generator import cli; sys.exit(cli.main(sys.argv[1:]))",
    "os._exit": ("import os, sys; from generator import cli; code = cli.main(sys.argv[1:]); sys.stdout.flush(); "
                 "sys.stderr.flush(); os._exit(code)"),
}


def commands(data: Path, config: Path, work: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate", str(data)],
        "build": ["build", "--config", str(config), "--site", str(work / "site")],
        "generate": ["generate", "--config", str(config), "--out", str(work / "genere")],
    }


Row = tuple[str, float, float, float, float]  # command; best wall-clock and CPU seconds, normal end; at once


def measure(records: int, repeat: int, work: Path) -> list[Row]:
    """Each command ended both ways: its best wall-clock time and its lowest CPU time (user + system, the
    processes it starts included), which the other programs of a shared machine change less."""
    data = work / "data"
    generate(data, records, seed=0)
    sample = Sample(records, data, work, repeat, row={"records": records})
    config = write_config(sample, work / "mkdocs.yml")
    rows = []
    for name, arguments in commands(data, config, work).items():
        best: dict[str, tuple[float, float]] = {}
        for _ in range(repeat):  # the two endings in turn, so that a busy moment weighs on both
            for ending, snippet in ENDINGS.items():
                run = run_child([sys.executable, "-c", snippet, *arguments], ROOT)
                if run.code != 0:
                    raise SystemExit(f"maillage {name} a échoué (code {run.code}) :\n{run.output[-2000:]}")
                wall, cpu = best.get(ending, (math.inf, math.inf))
                best[ending] = (min(wall, run.seconds), min(cpu, run.cpu_seconds))
        for ending, (wall, cpu) in best.items():
            print(f"{records} fiches, maillage {name}, {ending} : {wall:.2f} s, CPU {cpu:.2f} s", file=sys.stderr)
        rows.append((name, *best["à la fin normale"], *best["os._exit"]))
    return rows


def section(records: int, repeat: int, rows: list[Row]) -> str:
    lines = [
        START,
        "## Fin des commandes : `os._exit`",
        "",
        f"Écrit par `.venv/bin/python bench/exit_cost.py --records {records} --write`. Chaque commande sur "
        f"{records} fiches générées, dans un processus fils, meilleur de {repeat} (les deux fins en alternance) : "
        "fin normale (Python libère les objets un par un) ou `os._exit` une fois la sortie écrite. Temps écoulé "
        "et temps CPU (utilisateur + système, processus lancés compris). Les commandes où `os._exit` fait gagner "
        f"plus de {WORTH:.1f} s de CPU finissent ainsi (`ENDS_AT_ONCE` dans generator/cli.py).",
        "",
        "| Commande | Fin normale (s) | … CPU (s) | `os._exit` (s) | … CPU (s) | CPU gagné (s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *(f"| maillage {name} | {wall:.2f} | {cpu:.2f} | {wall_once:.2f} | {cpu_once:.2f} | {cpu - cpu_once:.2f} |"
          for name, wall, cpu, wall_once, cpu_once in rows),
        "",
        f"Machine : {os.cpu_count()} cœurs, charge moyenne sur 1 minute {os.getloadavg()[0]:.2f} à la fin.",
        END,
    ]
    return "\n".join(lines) + "\n"


def write(text: str) -> None:
    """Put the section in RESULTS.md, in place of an earlier one (bench/run.py --write keeps it)."""
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END) + "\n?", re.S)
    found = pattern.search(current)
    current = pattern.sub(lambda _: text, current) if found else current.rstrip() + "\n\n" + text
    RESULTS.write_text(current, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure ce que os._exit fait gagner à la fin des commandes.")
    parser.add_argument("--records", type=int, default=10000, help="nombre de fiches (défaut : 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="mesures de chaque commande (défaut : 3)")
    parser.add_argument("--write", action="store_true", help="écrire aussi bench/RESULTS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="maillage-exit-") as folder:
        rows = measure(args.records, args.repeat, Path(folder))
    text = section(args.records, args.repeat, rows)
    sys.stdout.write(text)
    if args.write:
        write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
