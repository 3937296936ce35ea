"""« Proposer une fiche » (/proposer/), the path without a GitHub account: the forms written from the models on the
public site, checked in headless Chromium (French errors tied to their fields), the e-mail they open to the
coordination, and that e-mail read back by `maillage proposition` into a record `maillage validate` accepts."""

from __future__ import annotations

import functools
import http.server
import re
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import BuiltSite, build_site, copy_project

from generator.cli import main
from generator.editing.forms import FORMS

ADDRESS = "coordination@rsshn.example.org"  # courriel_coordination of the test network
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def proposal_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = copy_project(tmp_path_factory.mktemp("proposer") / "projet")
    return build_site(project, project / "site")


@pytest.mark.slow
def test_the_page_holds_a_form_per_proposal_form_and_works_without_javascript(proposal_site: BuiltSite) -> None:
    html = (proposal_site.site / "proposer" / "index.html").read_text(encoding="utf-8")
    assert html.count("data-mj-proposal") == len(FORMS)
    for form in FORMS:
        assert form.name in html
        for question in form.questions:
            assert f'data-label="{question.label}"'.replace("'", "&#39;") in html, question.label
    assert "data-mj-nojs" in html and f'href="mailto:{ADDRESS}"' in html  # the address, without the script
    assert '<script src="../assets/maillage/proposer.js" defer></script>' in html  # a file: the policy allows it
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # each label finds its own field


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def proposal_url(proposal_site: BuiltSite) -> Iterator[str]:
    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", 0), functools.partial(_Files, directory=str(proposal_site.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/proposer/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(proposal_url: str) -> Iterator[tuple[Any, list[str]]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(locale="fr-FR")
        page.route(lambda url: not url.startswith(proposal_url.split("proposer/")[0]), lambda route: route.abort())
        opened: list[str] = []  # the mailto: addresses Chromium handed to the mail program
        page.on("console", lambda message: opened.extend(re.findall(r"external handler for '(mailto:[^']*)'",
                                                                    message.text)))
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(proposal_url)
        yield page, opened
        assert problems == []
        browser.close()


@pytest.mark.browser
def test_wrong_answers_are_explained_in_french_beside_their_field(page: tuple[Any, list[str]]) -> None:
    browser_page, opened = page
    form = browser_page.locator("form[data-mj-proposal]").first
    assert browser_page.locator("[data-mj-nojs]").is_hidden() and form.is_visible()
    form.locator("#mj-p-proposer-une-structure-courriel").fill("accueil(at)association.fr")
    form.locator("#mj-p-proposer-une-structure-site_web").fill("www.association.fr")
    form.get_by_role("button", name="Préparer le courriel").click()
    summary = form.locator("[data-mj-errors]")
    assert summary.is_visible() and summary.evaluate("e => e === document.activeElement")
    text = summary.inner_text()
    assert "Remplissez « Nom »." in text and "Choisissez au moins une valeur pour « Thématiques »." in text
    assert "une adresse électronique ressemble à accueil@association.fr" in text
    assert "une adresse web commence par https://" in text
    email = form.locator("#mj-p-proposer-une-structure-courriel")
    assert email.get_attribute("aria-invalid") == "true"
    message = browser_page.locator(f"#{email.get_attribute('aria-describedby').split()[-1]}")
    assert "ressemble à accueil@association.fr" in message.inner_text()
    assert opened == [] and form.locator("[data-mj-ready]").is_hidden()  # nothing is sent
    browser_page.evaluate(AXE.read_text(encoding="utf-8"))  # the errors shown keep the page accessible
    found = browser_page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    assert [f"{v['id']}: {n['target']}" for v in found["violations"] for n in v["nodes"]] == []


@pytest.mark.browser
def test_the_e_mail_it_opens_becomes_a_valid_record(
    page: tuple[Any, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    browser_page, opened = page
    form = browser_page.locator("form[data-mj-proposal]").nth(1)  # « Proposer un événement »
    form.locator("#mj-p-proposer-un-evenement-titre").fill("Rencontre « Santé des jeunes » à Maubeuge")
    form.locator("#mj-p-proposer-un-evenement-debut").fill("14/01/2027 09:30")
    form.locator("#mj-p-proposer-un-evenement-type").select_option(label="Rencontre")
    form.locator("#mj-p-proposer-un-evenement-organisateurs").fill(
        "https://maillage.example.org/acteurs/mission-jeunes-sambre/\ncls-sambre-avesnois")
    form.locator("#mj-p-proposer-un-evenement-description").fill("Une matinée d'échanges.\n\nAccueil café dès 9 h.")
    form.get_by_role("group", name=re.compile("^Thématiques")).get_by_label("Santé sexuelle", exact=True).check()
    form.get_by_role("button", name="Préparer le courriel").click()
    form.locator("[data-mj-ready]").wait_for()
    for _ in range(50):  # Chromium says so in the console once it has handed the address over
        if opened:
            break
        browser_page.wait_for_timeout(100)
    link = form.locator("[data-mj-mail]").get_attribute("href")
    parts = urlsplit(link)
    assert [(urlsplit(o).path, parse_qs(urlsplit(o).query)) for o in opened] == \
        [(parts.path, parse_qs(parts.query))]  # the browser opened that very e-mail
    assert parts.scheme == "mailto" and parts.path == ADDRESS
    query = parse_qs(parts.query)
    assert query["subject"] == ["Proposition pour l'annuaire — Événement : Rencontre « Santé des jeunes » à Maubeuge"]
    body = query["body"][0]
    assert "### Fin\r\n\r\n_No response_" in body and "Santé sexuelle [sante-sexuelle]" in body
    project = copy_project(tmp_path / "projet")
    (project / "courriel.txt").write_text(body, encoding="utf-8", newline="")  # CR LF, as an e-mail has them
    assert main(["proposition", str(project / "courriel.txt"), "--data", str(project / "data"), "--ecrire"]) == 0, \
        capsys.readouterr().out
    written = (project / "data" / "events" / "rencontre-sante-des-jeunes-a-maubeuge.yml").read_text(encoding="utf-8")
    assert "debut: 2027-01-14T09:30" in written and "  - mission-jeunes-sambre" in written
    capsys.readouterr()
    assert main(["validate", str(project / "data")]) == 0, capsys.readouterr().out
