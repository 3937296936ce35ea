"""Site measurements: the full Maillage build, and the same number of plain pages with stock MkDocs + Material.

The baseline is what a network would get without Maillage: one hand-written Markdown page per record, of the
same length (the record's texts and values as headings, paragraphs and lists), built by mkdocs-material with
its search plugin on and the pages out of the nav. Both builds run in a child process so that their time and
peak memory are their own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import ROOT as REPO  # noqa: E402
from bench.common import Child, Sample, maillage_command, run_child  # noqa: E402
from generator.contract.kinds import KINDS  # noqa: E402

BASELINE_CONFIG = """\
site_name: Annuaire de référence
site_url: https://example.org/
theme:
  name: material
  language: fr
plugins:
  - search
nav:
  - Accueil: index.md
"""


def _markdown(title: str, data: dict[str, Any]) -> str:
    """A record as a plain Markdown page of the same length: every value, nothing dropped."""
    lines = [f"# {title}", ""]

    def add(value: Any, depth: int) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                lines.append(f"{'#' * min(depth, 6)} {key}")
                lines.append("")
                add(inner, depth + 1)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    add(item, depth)
                else:
                    lines.append(f"- {item}")
            lines.append("")
        else:
            lines.extend([str(value), ""])

    add(data, 2)
    return "\n".join(lines)


def write_baseline(data_dir: Path, out_dir: Path) -> int:
    """A plain MkDocs project with one page per record of `data_dir`; returns the number of pages."""
    docs = out_dir / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (out_dir / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Annuaire\n\nPages écrites à la main, hors du menu.\n", encoding="utf-8")
    pages = 0
    for kind in KINDS:
        (docs / kind.section).mkdir(exist_ok=True)
        for path in sorted((data_dir / kind.folder).glob("*.yml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            title = str(data.pop("nom", None) or data.pop("titre", path.stem))
            (docs / kind.section / f"{path.stem}.md").write_text(_markdown(title, data), encoding="utf-8")
            pages += 1
    return pages


def site_figures(site_dir: Path) -> dict[str, float]:
    html = [path.stat().st_size for path in site_dir.rglob("*.html")]
    total = sum(path.stat().st_size for path in site_dir.rglob("*") if path.is_file())
    return {"site_mib": total / 2**20, "largest_html_kib": max(html) / 1024, "html_pages": len(html)}


def write_config(sample: Sample, config: Path) -> Path:
    """The repository's mkdocs.yml, reading the sample's data."""
    settings = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    settings["docs_dir"] = str(REPO / "docs")
    for plugin in settings["plugins"]:
        if isinstance(plugin, dict) and "maillage" in plugin:
            plugin["maillage"]["donnees"] = str(sample.data_dir)
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


def best_run(
    sample: Sample, command: Callable[[Path], list[str]], cwd: Path, name: str, what: str
) -> tuple[Child, Path]:
    """The fastest of `sample.repeat` runs of a build (the machine is shared: the best run is the one least
    slowed by other programs), and the folder it built; its memory is the largest of all runs. Each run builds
    into a new folder `name-N` under the work folder, which `bench/run.py` deletes only when the whole bench is
    over: after thousands of files are deleted, ext4 without a journal (this machine's disk) takes longer to
    create each file for several minutes, which would weigh on whichever build came next."""
    runs = []
    for number in range(1, max(1, sample.repeat) + 1):
        site = sample.work_dir / f"{name}-{number}"
        run = run_child(command(site), cwd)
        if run.code != 0:
            raise SystemExit(f"{what} a échoué (code {run.code}) :\n{run.output[-3000:]}")
        runs.append((run, site))
    best, site = min(runs, key=lambda done: done[0].seconds)
    peak = max(run.peak_mib for run, _ in runs)
    return Child(best.seconds, best.cpu_seconds, peak, best.code, best.output), site


def measure_build(sample: Sample) -> dict[str, float]:
    """`maillage build` end to end (read and check, pages, exports, search index) in a child process."""
    config = write_config(sample, sample.work_dir / "mkdocs.yml")

    def command(site: Path) -> list[str]:
        return [*maillage_command(), "build", "--config", str(config), "--site", str(site)]

    run, site = best_run(sample, command, REPO, "site", "maillage build")
    sample.scratch["site"] = site
    figures = site_figures(site)
    return {
        "build_s": run.seconds,
        "build_cpu_s": run.cpu_seconds,
        "build_peak_mib": run.peak_mib,
        "build_ms_per_record": 1000 * run.seconds / sample.records,
        "site_mib": figures["site_mib"],
        "largest_html_kib": figures["largest_html_kib"],
    }


def measure_baseline(sample: Sample) -> dict[str, float]:
    """Stock MkDocs + Material (search on) on as many plain pages; the ratio Maillage / baseline."""
    project = sample.work_dir / "baseline"
    write_baseline(sample.data_dir, project)
    mkdocs = Path(sys.executable).parent / "mkdocs"

    def command(site: Path) -> list[str]:
        return [str(mkdocs), "build", "--quiet", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)]

    run, _ = best_run(sample, command, project, "site-reference", "la construction de référence")
    figures = {"baseline_s": run.seconds, "baseline_peak_mib": run.peak_mib}
    if "build_s" in sample.row:
        figures["ratio"] = sample.row["build_s"] / run.seconds
    return figures


def measure_search(sample: Sample) -> dict[str, float]:
    """The first query on the built site's search page (bench/search_transfer.py), in headless Chromium."""
    from bench.search_transfer import QUERY, measure_first_query

    figures = measure_first_query(sample.scratch["site"], QUERY, repeat=sample.repeat)
    return {"search_kib": figures["search_kib"], "search_ms": figures["search_ms"]}
