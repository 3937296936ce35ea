"""The link checker and the weekly report "Fiches à relire", against a local HTTP server on 127.0.0.1 with live,
dead, slow, unstable and redirecting links."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from tiny_network import actor, event, resource, write_network

from generator import build
from generator.cli import main
from generator.settings import Settings
from generator.upkeep.links import CheckSettings, check, links_of

FAST = CheckSettings(workers=4, timeout=0.5, attempts=3, pause=0.05, redirects=3, deadline=20)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    requests: Counter[str]
    active = 0
    most_active = 0
    lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, status: int, location: str = "") -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        server, path = self.server, self.path
        with server.lock:
            server.requests[path] += 1
            seen = server.requests[path]
            server.active += 1
            server.most_active = max(server.most_active, server.active)
        try:
            answer = self._route(path, seen)
        finally:  # before answering: once the answer is sent, the checker may ask its next address at once
            with server.lock:
                server.active -= 1
        self._answer(*answer)

    def _route(self, path: str, seen: int) -> tuple[int, str]:
        if path == "/lent":
            time.sleep(1.5)  # beyond the checker's 0.5 s; ends by itself
            return 200, ""
        if path.startswith("/patient"):
            time.sleep(0.2)
            return 200, ""
        moved = {"/demenage": (301, "/ok"), "/temporaire": (302, "/ok"), "/vers-absent": (308, "/absent"),
                 "/boucle": (302, "/boucle")}
        statuses = {"/instable": 503 if seen == 1 else 200,  # fails once, then answers: a retry saves it
                    "/panne": 500, "/absent": 404, "/parti": 410, "/interdit": 403, "/ok": 200}
        return moved.get(path) or (statuses.get(path, 404), "")


@pytest.fixture
def server() -> Iterator[tuple[Server, str]]:
    found = Server(("127.0.0.1", 0), Handler)
    found.requests = Counter()
    thread = threading.Thread(target=found.serve_forever, daemon=True)
    thread.start()
    yield found, f"http://127.0.0.1:{found.server_address[1]}"
    found.shutdown()
    found.server_close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_each_kind_of_link_gets_its_verdict(server: tuple[Server, str]) -> None:
    served, base = server
    paths = ["/ok", "/absent", "/parti", "/lent", "/instable", "/panne", "/interdit", "/demenage", "/temporaire",
             "/vers-absent", "/boucle"]
    refused = f"http://127.0.0.1:{_closed_port()}/"
    started = time.monotonic()
    verdicts = check([base + p for p in paths] + [refused, "http://[::1/"], FAST)
    elapsed = time.monotonic() - started
    state = {url.removeprefix(base): (v.state, v.problem, v.moved_to.removeprefix(base)) for url, v in verdicts.items()}
    assert state["/ok"] == ("ok", "", "")
    assert state["/absent"] == ("mort", "page introuvable (erreur 404)", "")
    assert state["/parti"] == ("mort", "page introuvable (erreur 410)", "")
    assert state["/lent"] == ("mort", "pas de réponse en 0.5 s (3 essais)", "")
    assert state["/instable"] == ("ok", "", "")
    assert state["/panne"] == ("mort", "erreur du serveur (500, 3 essais)", "")
    assert state["/interdit"][0] == "refuse"
    assert state["/demenage"] == ("ok", "", "/ok")  # permanent: the record should say the new address
    assert state["/temporaire"] == ("ok", "", "")
    assert state["/vers-absent"] == ("mort", "page introuvable (erreur 404)", "")
    assert state["/boucle"][:2] == ("mort", "trop de redirections (plus de 3, peut-être une boucle)")
    assert state[refused] == ("mort", "connexion refusée (3 essais)", "")
    assert state["http://[::1/"][0] == "mort"  # a malformed address is a verdict, not an exception
    assert served.requests["/panne"] == 3 and served.requests["/instable"] == 2 and served.requests["/ok"] == 3
    assert elapsed < 10  # three tries of /lent at 0.5 s each, the others in parallel


def test_concurrency_is_bounded(server: tuple[Server, str]) -> None:
    served, base = server
    urls = [f"{base}/patient/{n}" for n in range(12)]
    started = time.monotonic()
    verdicts = check(urls + urls, CheckSettings(workers=3, timeout=2, pause=0.05))
    assert all(v.ok for v in verdicts.values()) and len(verdicts) == 12  # each address asked once
    assert 2 <= served.most_active <= 3
    assert time.monotonic() - started < 12 * 0.2  # in parallel, not one after the other


def test_the_whole_check_has_a_deadline(server: tuple[Server, str]) -> None:
    _, base = server
    started = time.monotonic()
    settings = CheckSettings(workers=1, timeout=5, attempts=1, deadline=0.5)
    verdicts = check([f"{base}/lent", f"{base}/ok"], settings)
    assert time.monotonic() - started < 1.4
    assert verdicts[f"{base}/ok"].problem == "pas de réponse avant la fin de la vérification (0.5 s)"


def test_every_address_field_of_the_records_is_found(tmp_path: Path) -> None:
    project = write_network(tmp_path / "reseau", {
        "actors/alpha.yml": actor("Alpha", site_web="https://alpha.example.org/",
                                  liens="\n  - titre: Rapport\n    url: https://alpha.example.org/rapport"),
        "resources/guide.yml": resource("Guide", ["alpha"], url="https://guide.example.org/"),
        "events/rencontre.yml": event("Rencontre", "alpha", "2026-04-02", inscription="https://inscription.example.org/",
                                      en_ligne="https://visio.example.org/salle"),
    })
    reading = build.read(Settings(data_dir=project / "data"))
    assert not reading.errors, reading.diagnostics
    found = {(use.key, use.field, use.url) for use in links_of(reading.catalog)}
    assert found == {
        (("actor", "alpha"), "site_web", "https://alpha.example.org/"),
        (("actor", "alpha"), "liens[1].url", "https://alpha.example.org/rapport"),
        (("resource", "guide"), "url", "https://guide.example.org/"),
        (("event", "rencontre"), "en_ligne", "https://visio.example.org/salle"),
        (("event", "rencontre"), "inscription", "https://inscription.example.org/"),
    }


def test_the_weekly_report_groups_records_by_actor_and_lists_dead_links(
    tmp_path: Path, server: tuple[Server, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, base = server
    monkeypatch.setenv("MAILLAGE_AUJOURDHUI", "2026-03-10")
    project = write_network(tmp_path / "reseau", {
        "actors/alpha.yml": actor("Alpha", date_maj="2024-12-01", site_web=f"{base}/absent"),
        "actors/beta.yml": actor("Beta <b>", date_maj="2026-03-01", site_web=f"{base}/ok"),
        "actors/vieux.yml": actor("Vieux", date_maj="2020-01-01", site_web=f"{base}/demenage"),
        "resources/guide.yml": resource("Guide d'Alpha", ["alpha"], date_maj="2025-02-01", url=f"{base}/lent"),
        "resources/affiche.yml": resource("Affiche de Beta", ["beta"], date_maj="2024-01-01"),
        "events/rencontre.yml": event("Rencontre", "beta", "2026-04-02", date_maj="2026-03-01",
                                      inscription=f"{base}/boucle"),
    })
    monkeypatch.chdir(project)
    started = time.monotonic()
    assert main(["relecture", "--delai", "0.5"]) == 0  # dead links never fail the run
    body = capsys.readouterr().out
    assert time.monotonic() - started < 15
    assert body.startswith("<!-- maillage:relecture -->\nRapport du 10 mars 2026 : 4 fiches à relire, "
                           "3 liens qui ne répondent plus.")
    sections = body.split("\n### ")
    alpha = next(s for s in sections if s.startswith("Alpha (2)"))
    assert alpha.index("[Alpha](https://reseau.example.org/acteurs/alpha/)") < alpha.index("Guide d\\'Alpha")
    assert "vérifiée le 1er décembre 2024 (il y a 15 mois)" in alpha
    assert "[modifier](https://github.com/exemple/reseau/edit/main/data/actors/alpha.yml)" in alpha
    beta = next(s for s in sections if s.startswith("Beta \\<b\\> (1)"))
    assert "Affiche de Beta" in beta and "Rencontre" not in beta  # checked 9 days ago: not to re-read
    assert "Vieux (1)" in body
    dead = body.split("## Liens qui ne répondent plus (3)")[1].split("\n## ")[0]
    assert "| site\\_web | http\\:\\/\\/127\\.0\\.0\\.1" in dead.replace("site_web", "site\\_web")
    assert "page introuvable \\(erreur 404\\)" in dead and "pas de réponse en 0\\.5 s" in dead
    assert "trop de redirections" in dead and "/ok" not in dead
    moved = body.split("## Adresses à mettre à jour")[1]
    assert "demenage" in moved and "ok" in moved


def test_the_weekly_report_without_links_does_not_ask_the_network(
    tmp_path: Path, server: tuple[Server, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    served, base = server
    monkeypatch.setenv("MAILLAGE_AUJOURDHUI", "2026-03-10")
    project = write_network(tmp_path / "reseau", {"actors/alpha.yml": actor("Alpha", site_web=f"{base}/ok")})
    monkeypatch.chdir(project)
    assert main(["relecture", "--sans-liens"]) == 0
    body = capsys.readouterr().out
    assert "Aucune : toutes les fiches ont été vérifiées récemment." in body and "lien" not in body.split("\n")[1]
    assert served.requests == Counter()
