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
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import Sample  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.site import write_config  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
WORTH = 0.2  # CPU seconds: below, ending at once is not worth skipping Python's own end
START, END = "<!-- bench/exit_cost.py -->", "<!-- fin de bench/exit_cost.py -->"
# The two ways a command ends, as a Python snippet run with the command's arguments. Once the command's work is
# done, the snippet writes the moment (a clock every process shares) and the CPU time used so far: what the parent
# sees after that is the end alone, apart from the work's own variations on a shared machine.
MARK = "maillage-fin-du-travail"
_DONE = (f"import os, sys, time; from generator import cli; code = cli.main(sys.argv[1:]); t = os.times(); "
         f"print('{MARK}', time.time(), t.user + t.system + t.children_user + t.children_system, "
         "file=sys.stderr, flush=True); ")
ENDINGS = {
    "à la fin normale": _DONE + "sys.exit(code)",
    "os._exit": _DONE + "sys.stdout.flush(); os._exit(code)",
}


@dataclass(frozen=True)
class Ending:
    seconds: float  # from the end of the work to the end of the process
    cpu_seconds: float  # CPU time spent meanwhile


def run_ending(command: Sequence[str]) -> Ending:
    with tempfile.TemporaryFile() as output:
        child = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        ended = time.time()
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    found = re.search(rf"^{MARK} (\S+) (\S+)$", text, re.M)
    if os.waitstatus_to_exitcode(status) != 0 or found is None:
        raise SystemExit(f"{' '.join(command[3:5])} a échoué :\n{text[-2000:]}")
    return Ending(ended - float(found.group(1)), usage.ru_utime + usage.ru_stime - float(found.group(2)))


def commands(data: Path, config: Path, work: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate", str(data)],
        "build": ["build", "--config", str(config), "--site", str(work / "site")],
        "generate": ["generate", "--config", str(config), "--out", str(work / "genere")],
    }


Row = tuple[str, float, float, float, float]  # command; end's best seconds and CPU seconds, normal end; at once


def measure(records: int, repeat: int, work: Path) -> list[Row]:
    """Each command ended both ways, the two in turn (a busy moment weighs on both): the shortest end."""
    data = work / "data"
    generate(data, records, seed=0)
    sample = Sample(records, data, work, repeat, row={"records": records})
    config = write_config(sample, work / "mkdocs.yml")
    rows = []
    for name, arguments in commands(data, config, work).items():
        best: dict[str, tuple[float, float]] = {}
        for _ in range(repeat):
            for ending, snippet in ENDINGS.items():
                end = run_ending([sys.executable, "-c", snippet, *arguments])
                wall, cpu = best.get(ending, (math.inf, math.inf))
                best[ending] = (min(wall, end.seconds), min(cpu, end.cpu_seconds))
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
        "durée de la seule fin du processus, du moment où la commande a fini son travail à celui où le processus "
        "s'arrête, et temps CPU de cette fin ; fin normale (Python libère les objets un par un) ou `os._exit` une "
        f"fois la sortie écrite. Les commandes dont la fin prend plus de {WORTH} s de CPU de moins avec `os._exit` "
        "finissent ainsi (`ENDS_AT_ONCE` dans generator/cli.py) ; la machine est partagée : le temps CPU varie moins "
        "que le temps écoulé.".replace(".2 s", ",2 s"),
        "",
        "| Commande | Fin normale (s) | … CPU (s) | Fin par `os._exit` (s) | … CPU (s) | CPU gagné (s) |",
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
