"""The preview measurement: a preview server (`maillage serve`, or the peer's `hugo server`: bench/peer.py) on the
generated data, one actor renamed, the time until its page and the page of a member naming it show the new name
over HTTP.

The server is the real command in a child process; the clock starts when the file is saved and stops when
both pages, fetched from the server, carry the new name. Each edit is measured `repeat` times.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT, Sample, maillage_command
from bench.site import write_config

TIMEOUT_S = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return str(answer.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(urls: list[str], text: str, since: float) -> float:
    while time.perf_counter() - since < TIMEOUT_S:
        if all(text in _page(url) for url in urls):
            return time.perf_counter() - since
        time.sleep(0.05)
    raise SystemExit(f"l'aperçu n'a pas montré « {text} » en {TIMEOUT_S} s")


def _linked_pair(data_dir: Path) -> tuple[Path, str, str]:
    """An actor named in another actor's `reseaux`: its file, its id and the id of the one naming it."""
    for path in sorted((data_dir / "actors").glob("*.yml")):
        found = re.search(r"^reseaux:\n  - ([a-z0-9-]+)$", path.read_text(encoding="utf-8"), re.M)
        if found:
            return data_dir / "actors" / f"{found.group(1)}.yml", found.group(1), path.stem
    raise SystemExit("aucun acteur membre d'un réseau dans les données générées")


@dataclass(frozen=True)
class Renames:
    first: float  # seconds until the server first served both pages
    edits: list[float]  # seconds from each save until both pages showed the new name


def time_renames(command: list[str], cwd: Path, port: int, sample: Sample) -> Renames:
    """Start a preview server (`command`, listening on `port`), then rename an actor `sample.repeat` times and time
    each save until the actor's page and the page of a member naming it show the new name. The file is restored
    and the server stopped whatever happens."""
    network, network_id, member_id = _linked_pair(sample.data_dir)
    base = f"http://127.0.0.1:{port}/acteurs/"
    urls = [f"{base}{network_id}/", f"{base}{member_id}/"]
    server = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    original = network.read_text(encoding="utf-8")
    try:
        start = time.perf_counter()
        first = _wait_for(urls, "<html", start)
        time.sleep(2)  # the server watches the files once it has served
        seconds = []
        for number in range(max(1, sample.repeat)):
            marker = f"Renommé{number}Zq"
            edited = re.sub(r"^nom: (.*)$", rf"nom: \1 {marker}", original, count=1, flags=re.M)
            network.write_text(edited, encoding="utf-8")
            seconds.append(_wait_for(urls, marker, time.perf_counter()))
            time.sleep(1)
    finally:
        network.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return Renames(first, seconds)


def measure_preview(sample: Sample) -> dict[str, float]:
    """`maillage serve` on the generated data."""
    config = write_config(sample, sample.work_dir / "apercu.yml")
    port = free_port()
    command = [*maillage_command(), "serve", "--config", str(config), "--dev-addr", f"127.0.0.1:{port}"]
    timed = time_renames(command, ROOT, port, sample)
    return {"preview_first_s": timed.first, "preview_edit_s": min(timed.edits),
            "preview_edit_worst_s": max(timed.edits)}
