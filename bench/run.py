"""Benchmarks: how long Maillage takes, and how much memory, as the directory grows.

    make bench                                  # 1,000, 3,000 and 10,000 records
    .venv/bin/python bench/run.py --quick       # 1,000 only
    .venv/bin/python bench/run.py --sizes 500,20000 --write   # also write bench/RESULTS.md

For each size, a data directory is generated into a temporary folder (not timed), then every measurement
runs on it and returns numbers; a row gathers them and the printer makes a Markdown table. The built sites
stay there until the bench is over (see site.best_run): the default sizes need about 3.5 GB free in the system's
temporary folder. The peer, Hugo + Pagefind on the same records, is measured the same way (bench/peer.py).

To add a measurement (full build time, site size, largest HTML page, search transfer, a plain-MkDocs
baseline, the Hugo peer, ratios): write a function `measure_x(sample: Sample) -> dict[str, float]`, append it to
MEASUREMENTS, and declare its keys in COLUMNS. A function may read what earlier ones put in `sample.row`
(ratios), and keep what later ones may reuse in `sample.scratch` (a built site).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `generator` importable from the work tree
    sys.path.insert(0, str(ROOT))

from bench.common import Sample, maillage_command, run_child  # noqa: E402
from bench.exit_cost import END as EXIT_END  # noqa: E402
from bench.exit_cost import START as EXIT_START  # noqa: E402
from bench.generate import counts, generate  # noqa: E402
from bench.peer import measure_hugo, measure_hugo_preview  # noqa: E402
from bench.preview import measure_preview  # noqa: E402
from bench.site import measure_baseline, measure_build, measure_search  # noqa: E402
from generator.reading.directory import read_directory  # noqa: E402

DEFAULT_SIZES = (1000, 3000, 10000)
RESULTS = ROOT / "bench" / "RESULTS.md"
SEED = 0
TARGET_VALIDATE_S = 5.0  # from the issue: `maillage validate` on 10,000 records in under 5 s
# From issue 18: the build at 10,000 records in 10 s and within half of Hugo + Pagefind's time; a renamed record
# visible in the preview within 1 s at 3,000 records, 3 s at 10,000.
TARGET_BUILD_S, TARGET_HUGO_RATIO = 10.0, 0.5
TARGET_PREVIEW_S = {3000: 1.0, 10000: 3.0}


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
    Column("build_s", "maillage build (s)", "{:.1f}"),
    Column("build_cpu_s", "… temps CPU (s)", "{:.1f}"),
    Column("build_ms_per_record", "… ms par fiche", "{:.2f}"),
    Column("build_peak_mib", "… mémoire max (Mio)", "{:.0f}"),
    Column("site_mib", "Site (Mio)", "{:.0f}"),
    Column("largest_html_kib", "Plus grosse page HTML (Kio)", "{:.0f}"),
    Column("search_kib", "1re recherche : transfert (Kio)", "{:.0f}"),
    Column("search_ms", "… résultats affichés (ms)", "{:.0f}"),
    Column("baseline_s", "MkDocs + Material seul (s)", "{:.1f}"),
    Column("ratio", "Maillage / référence", "{:.2f}"),
    Column("hugo_s", "Hugo + Pagefind (s)", "{:.1f}"),
    Column("hugo_cpu_s", "… temps CPU (s)", "{:.1f}"),
    Column("hugo_peak_mib", "… mémoire max (Mio)", "{:.0f}"),
    Column("hugo_site_mib", "… site (Mio)", "{:.0f}"),
    Column("hugo_ratio", "Maillage / Hugo", "{:.2f}"),
    Column("preview_first_s", "maillage serve : 1er affichage (s)", "{:.1f}"),
    Column("preview_edit_s", "… fiche renommée visible, meilleur (s)", "{:.1f}"),
    Column("preview_edit_worst_s", "… pire (s)", "{:.1f}"),
    Column("hugo_preview_first_s", "hugo server : 1er affichage (s)", "{:.1f}"),
    Column("hugo_preview_edit_s", "… fiche renommée visible, meilleur (s)", "{:.1f}"),
    Column("hugo_preview_edit_worst_s", "… pire (s)", "{:.1f}"),
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


MEASUREMENTS: list[Callable[[Sample], dict[str, float]]] = [
    measure_data,
    measure_read,
    measure_validate,
    measure_build,
    measure_search,
    measure_baseline,
    measure_hugo,
    measure_preview,
    measure_hugo_preview,
]


# --- running and printing --------------------------------------------------------------------------------


def measure(records: int, repeat: int, progress: Callable[[str], None], folder: Path) -> dict[str, float]:
    """Every measurement of one size; what they write goes into a new folder under `folder` (see site.best_run
    for why nothing is deleted before the bench is over)."""
    work = folder / str(records)
    sample = Sample(records, work / "data", work, repeat, row={"records": records})
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


def _line(goal: str, met: bool, figures: str) -> str:
    return f"- {goal} : {'atteint' if met else 'NON atteint'} ({figures})\n"


def verdict(rows: list[dict[str, float]]) -> str:
    """The issue's targets, each with the figure that decides it (only those the measured sizes allow)."""
    by_size = {int(row["records"]): row for row in rows}
    big, small = by_size.get(10000), by_size.get(1000)
    lines = []
    if big and "validate_s" in big:
        seconds, cpu = big["validate_s"], big["validate_cpu_s"]
        goal = f"maillage validate en moins de {TARGET_VALIDATE_S:.0f} s à 10 000 fiches"
        lines.append(_line(goal, seconds < TARGET_VALIDATE_S, f"{seconds:.2f} s écoulées, {cpu:.2f} s de CPU"))
    if big and "ratio" in big:
        lines.append(
            _line("construction à 10 000 fiches ≤ 0,5 × la référence", big["ratio"] <= 0.5, f"{big['ratio']:.2f}")
        )
    if big and small and "build_ms_per_record" in big and "build_ms_per_record" in small:
        growth = big["build_ms_per_record"] / small["build_ms_per_record"]
        lines.append(_line("temps par fiche à 10 000 ≤ 1,2 × à 1 000 (linéaire)", growth <= 1.2, f"× {growth:.2f}"))
    if any("largest_html_kib" in row for row in rows):
        largest = max(row.get("largest_html_kib", 0) for row in rows)
        lines.append(_line("aucune page HTML de plus de 150 Kio", largest <= 150, f"{largest:.0f} Kio au plus"))
    if any("build_peak_mib" in row for row in rows):
        peak = max(row.get("build_peak_mib", 0) for row in rows)
        lines.append(_line("mémoire max sous 1,5 Gio", peak < 1536, f"{peak:.0f} Mio au plus"))
    if big and "search_kib" in big:
        lines.append(
            _line(
                "1re recherche à 10 000 fiches sous 300 Ko",
                big["search_kib"] * 1024 < 300_000,
                f"{big['search_kib']:.0f} Kio",
            )
        )
    if big and "hugo_ratio" in big:
        seconds, ratio = big["build_s"], big["hugo_ratio"]
        factor = str(TARGET_HUGO_RATIO).replace(".", ",")
        goal = f"construction à 10 000 fiches en {TARGET_BUILD_S:.0f} s au plus et ≤ {factor} × Hugo + Pagefind"
        met = seconds <= TARGET_BUILD_S and ratio <= TARGET_HUGO_RATIO
        lines.append(_line(goal, met, f"{seconds:.1f} s, {ratio:.2f} × Hugo + Pagefind ({big['hugo_s']:.1f} s)"))
    for records, target in TARGET_PREVIEW_S.items():
        row = by_size.get(records)
        if row and "preview_edit_worst_s" in row:
            best, worst = row["preview_edit_s"], row["preview_edit_worst_s"]
            goal = (f"maillage serve à {records:,} fiches : une fiche renommée visible (avec le lien inverse) en "
                    f"{target:.0f} s").replace(",", " ")
            peer = row.get("hugo_preview_edit_worst_s")
            peer_text = "" if peer is None else f" ; hugo server : {peer:.1f} s au pire"
            lines.append(_line(goal, worst <= target, f"{best:.1f} s au mieux, {worst:.1f} s au pire{peer_text}"))
    return "".join(lines)


def report(rows: list[dict[str, float]], repeat: int, load: tuple[float, float]) -> str:
    lines = [
        "# Mesures de performance",
        "",
        "Écrit par `.venv/bin/python bench/run.py --write` : ne pas modifier à la main.",
        "",
        "Données générées par `bench/generate.py` (graine 0) : 45 % d'acteurs, 35 % de ressources, 10 % de bonnes",
        "pratiques, 10 % d'événements, références croisées valides. `read_directory` : dans le processus, meilleur",
        f"de {repeat}. `maillage validate` : commande complète dans un processus fils (démarrage compris), meilleur",
        f"et pire de {repeat}, temps CPU (utilisateur + système, processus lancés compris) le plus bas ; mémoire :",
        "pic de la mémoire de la commande et de tous les processus qu'elle lance (Pss relevée toutes les 0,1 s,",
        "jamais moins que son plus gros processus). La machine est partagée : le temps CPU varie moins que le",
        "temps écoulé.",
        "`maillage build` : construction complète (lecture et vérification, pages, exports, index Pagefind) dans un",
        f"processus fils, meilleure de {repeat}, chaque fois dans un nouveau dossier (rien n'est effacé avant la fin",
        "des mesures : sur ext4 sans journal, créer un fichier est plus long pendant quelques minutes après",
        "l'effacement de milliers d'autres). Référence, mesurée de même : autant de pages Markdown de même longueur",
        "(les textes et valeurs de chaque fiche) construites par MkDocs + Material seuls, recherche de Material",
        "activée, pages hors du menu.",
        "1re recherche : octets reçus sous /pagefind/ jusqu'aux premiers résultats (bench/search_transfer.py).",
        "`maillage serve` : le serveur réel ; une fiche d'acteur renommée, temps jusqu'à ce que sa page et celle",
        f"d'un membre qui la nomme montrent le nouveau nom (bench/preview.py), {repeat} fois.",
        "Hugo + Pagefind (bench/peer.py) : les mêmes fiches rendues par Hugo (projet bench/hugo/ : adaptateurs de",
        "contenu, un gabarit par type de fiche qui montre tous les champs, liens inverses des acteurs) puis indexées",
        "par Pagefind en français, mesurées comme `maillage build` ; `hugo server` (réglages par défaut) mesuré comme",
        "`maillage serve`, sur la même modification.",
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


QUIET_LOAD = 0.5  # the machine's load average over a minute under which measuring starts
QUIET_WAIT_S = 180


def _quiet_machine(progress: Callable[[str], None]) -> None:
    """Wait (at most QUIET_WAIT_S) for what ran before (a build, the tests) to end: its last minute weighs on
    the first measures."""
    waited = 0
    while os.getloadavg()[0] > QUIET_LOAD and waited < QUIET_WAIT_S:
        if waited % 30 == 0:
            progress(f"attente d'une machine au repos (charge {os.getloadavg()[0]:.2f})")
        time.sleep(5)
        waited += 5


def _progress(text: str) -> None:
    print(f"… {text}", file=sys.stderr)


def _section_of_exit(results: str) -> str:
    """The section bench/exit.py wrote (measured apart, it stays when this table is written again)."""
    start, end = results.find(EXIT_START), results.find(EXIT_END)
    return "\n" + results[start:end + len(EXIT_END)] + "\n" if 0 <= start < end else ""


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
    _quiet_machine(_progress)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="maillage-bench-") as folder:
        rows = [measure(records, max(1, args.repeat), _progress, Path(folder)) for records in sizes]
    print(table(rows) + verdict(rows), end="")
    if args.write:
        kept = _section_of_exit(RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "")
        RESULTS.write_text(report(rows, args.repeat, (load_before, os.getloadavg()[0])) + kept, encoding="utf-8")
        print(f"Écrit : {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
