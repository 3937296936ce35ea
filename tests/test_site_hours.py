"""Opening hours and events on the built site: the French week and today's hours on actor pages, schema.org,
the « Ouvert le » facet of search and map, events on territory pages, on the map and in the agenda with their
weekday, town and « aujourd'hui » / « passé ». The HTML of the test network's site, then headless Chromium:
the search for « dépistage » open on Saturdays, « Ouvert maintenant », the agenda's filters, and the marks
recomputed by the browser a week after the build."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

import pytest
from conftest import BuiltSite, Html, squeeze

from generator.build import read
from generator.contract.kinds import ACTOR, EVENT
from generator.contract.model import Actor, Event
from generator.contract.schedule import browser_json, schedule
from generator.reading.catalog import Catalog
from generator.settings import Settings
from generator.site.hours import DAYS, hours_open_days

BUILD_DAY = date(2026, 11, 23)  # the test network's day (conftest.NETWORK_DAY): a Monday


@pytest.fixture(scope="module")
def catalog(sample_site: BuiltSite) -> Catalog:
    return read(Settings(data_dir=sample_site.project / "data")).catalog


def actor(catalog: Catalog, actor_id: str) -> Actor:
    found = catalog.records["actor"][actor_id]
    assert isinstance(found, Actor)
    return found


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


# --- actor pages -------------------------------------------------------------------------------------------


def test_the_week_in_french_on_each_place(sample_site: BuiltSite) -> None:
    source = sample_site.page("acteurs/mission-jeunes-sambre")
    rows = re.findall(r'<tr data-jour="(\d)"[^>]*><th scope="row">(\w+)</th><td>([^<]*)</td></tr>', source)
    assert [(int(day), name, squeeze(hours)) for day, name, hours in rows] == [
        (0, "Lundi", "8 h 30 – 12 h 30, 13 h 30 – 17 h"),
        (1, "Mardi", "8 h 30 – 12 h 30, 13 h 30 – 17 h"),
        (2, "Mercredi", "8 h 30 – 12 h 30, 13 h 30 – 17 h"),
        (3, "Jeudi", "13 h 30 – 17 h"),  # « fermé le jeudi matin », in the syntax
        (4, "Vendredi", "8 h 30 – 12 h 30, 13 h 30 – 17 h"),
        (5, "Samedi", "Fermé"),
        (6, "Dimanche", "Fermé"),
    ]
    assert '<caption class="mj-sr">Horaires d\'ouverture : ' in source


def test_comments_and_precisions_are_shown(sample_site: BuiltSite) -> None:
    page = Html(sample_site.page("acteurs/centre-depistage-grand-hopital-sambre"))
    assert "Lundi 9 h – 13 h (sans rendez-vous)" in page.text  # the syntax's "comment"
    assert "TPE 24 h sur 24 aux urgences." in page.text  # horaires_precisions, as written
    cpts = Html(sample_site.page("acteurs/cpts-lille-sud"))  # precisions only: no table, the words
    assert "Horaires : Secrétariat joignable par téléphone du lundi au vendredi, de 9 h à 16 h." in cpts.text
    assert not cpts.having("data-horaires")


def test_today_block_in_the_first_part_after_the_conditions(sample_site: BuiltSite, catalog: Catalog) -> None:
    source = sample_site.page("acteurs/caarud-le-relais")
    first_screen = source.index('class="mj-practical"')  # the call button and the address
    conditions = source.index('id="conditions"')
    block = source.index('class="mj-horaires-jour"')
    assert first_screen < conditions < block < source.index('aria-labelledby="lieux"')
    page = Html(source)
    [(_, status)] = page.having("data-horaires")
    lieu = actor(catalog, "caarud-le-relais").lieux[0]
    assert status["data-horaires"] == browser_json(schedule(lieu.horaires or "", lieu.pays, BUILD_DAY))
    assert "hidden" in status and status["data-semaine"] == "horaires-lieu-1"  # written by the browser
    assert "horaires-lieu-1" in page.ids and "#horaires-lieu-1" in page.links
    scripts = [a["src"] for t, a in page.elements if t == "script" and "src" in a]
    assert "../../assets/maillage/horaires.js" in scripts
    assert (sample_site.site / "assets/maillage/horaires.js").is_file()
    article = Html(source[source.index("<article"):source.index("</article>")])
    assert not [a for t, a in article.elements if t == "script" and "src" not in a
                and a.get("type") != "application/ld+json"], "no inline script of ours: the CSP forbids them"


def test_json_ld_places_have_opening_hours_specification(sample_site: BuiltSite) -> None:
    page = Html(sample_site.page("acteurs/caarud-le-relais"))
    [data] = [json.loads(block) for block in page.jsonld]
    moulins, roubaix = data["location"]
    assert moulins["@type"] == "Place" and moulins["name"] == "Accueil de Moulins"
    assert moulins["address"]["addressLocality"] == "Lille" and moulins["geo"]["@type"] == "GeoCoordinates"
    days = "https://schema.org/"
    assert moulins["openingHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": [days + d for d in
         ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")], "opens": "13:30", "closes": "18:00"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": [days + "Saturday"], "opens": "10:00", "closes": "13:00"},
    ]
    assert [s["dayOfWeek"] for s in roubaix["openingHoursSpecification"]] == [[days + "Tuesday", days + "Thursday"]]


# --- « Ouvert le » ---------------------------------------------------------------------------------------------


def _filters(source: str, name: str) -> list[str]:
    return re.findall(rf'data-pagefind-filter="{name}\[data-value\]" data-value="([^"]+)"', source)


def test_each_actor_page_tells_pagefind_its_opening_days(sample_site: BuiltSite, catalog: Catalog) -> None:
    saturdays = []
    for record in catalog.of(ACTOR):
        assert isinstance(record, Actor)
        country = record.lieux[0].pays if record.lieux else "FR"
        hours = [(lieu.horaires, lieu.pays) for lieu in record.lieux] + [(s.horaires, country) for s in record.services]
        expected = hours_open_days(hours, BUILD_DAY)
        assert _filters(sample_site.page(f"acteurs/{record.id}"), "ouvert") == expected, record.id
        if "samedi" in expected:
            saturdays.append(record.id)
    assert sorted(saturdays) == ["caarud-le-relais", "entre-pairs-lille", "mutualite-solidaire-hainaut"]
    search = Html(sample_site.page("recherche"))
    boxes = [a["value"] for t, a in search.elements if t == "input" and a.get("name") == "ouvert"]
    assert boxes == list(DAYS)
    assert 'data-value="samedi" data-total="3"' in sample_site.page("recherche")


def test_the_map_knows_the_days_too(sample_site: BuiltSite) -> None:
    source = sample_site.page("carte")
    assert '<label for="mj-filtre-jour">Ouvert le</label>' in source
    assert re.search(r'<option value="samedi">Samedi \(\d+\)</option>', source)
    item = source[source.index('id="lieu-caarud-le-relais-1"'):]
    assert 'data-jours="lundi mardi mercredi jeudi vendredi samedi"' in item[: item.index(">")]
    data = json.loads((sample_site.site / "carte/lieux.json").read_text(encoding="utf-8"))
    relais = next(p for p in data["lieux"] if p["id"] == "lieu-caarud-le-relais-2")
    assert relais["jours"] == ["mardi", "jeudi"]


# --- events ------------------------------------------------------------------------------------------------------


def test_events_are_on_their_territory_pages(sample_site: BuiltSite) -> None:
    charleroi = Html(sample_site.page("territoires/charleroi"))
    assert "../../agenda/groupe-travail-annuaire-partage-2027/" in charleroi.links
    assert "../../agenda/journee-mondiale-sida-2026/" in charleroi.links  # stands in five towns, Charleroi among them
    hainaut = Html(sample_site.page("territoires/hainaut"))  # and under the province that holds the town
    assert "../../agenda/groupe-travail-annuaire-partage-2027/" in hainaut.links
    source = sample_site.page("agenda/groupe-travail-annuaire-partage-2027")
    assert _filters(source, "territoire") == ["charleroi", "hainaut", "wallonie"]


def test_an_event_page_says_where(sample_site: BuiltSite) -> None:
    page = Html(sample_site.page("agenda/groupe-travail-annuaire-partage-2027"))
    assert "Mardi 9 février 2027, 14 h – 16 h 30" in page.text
    assert "Chez Centre local de promotion de la santé du Val de Sambre" in page.text
    assert "Rue de la Régence 27, 6000 Charleroi (Belgique)" in page.text
    [data] = [json.loads(block) for block in page.jsonld]
    [place] = data["location"]
    assert place["address"]["addressLocality"] == "Charleroi" and place["geo"]["latitude"] == 50.4121
    forum = Html(sample_site.page("agenda/forum-sante-jeunes-valenciennes-2026"))
    assert "Place d'Armes, 59300 Valenciennes" in forum.text


def test_the_agenda_shows_weekday_town_and_marks(sample_site: BuiltSite, catalog: Catalog) -> None:
    source = sample_site.page("agenda")
    page = Html(source)
    assert "Groupe de travail · mardi 9 février 2027, 14 h – 16 h 30 · Charleroi" in page.text
    assert "Rencontre · du jeudi 10 au vendredi 11 juin 2027 · Tournai" in page.text
    past = [e for e in catalog.of(EVENT) if isinstance(e, Event) and _day(e.fin or e.debut) < BUILD_DAY]
    assert past
    archives = Html(source[source.index('id="archives"'):])
    assert archives.text.count("passé") >= len(past)
    coming = Html(source[source.index('id="a-venir"'):source.index('id="archives"')])
    assert "passé" not in coming.text
    # The filters, hidden until the script makes them work, offer the territories and thématiques of events.
    [form] = [a for t, a in page.elements if t == "form" and a.get("id") == "mj-agenda-filtres"]
    assert "hidden" in form and form["aria-labelledby"] in page.ids
    options = {a["value"] for t, a in page.elements if t == "option"}
    assert {"charleroi", "hainaut", "tournai", "coordination-territoriale"} <= options
    assert "../assets/maillage/agenda.js" in [a["src"] for t, a in page.elements if t == "script" and "src" in a]


def test_past_events_are_marked_on_thematique_and_network_pages(sample_site: BuiltSite) -> None:
    for path in ("thematiques/promotion-sante", "acteurs/reseau-sante-sexuelle-hainaut-nord"):
        source = sample_site.page(path)
        marks = re.findall(r'<span class="mj-quand" data-debut="([\d-]+)" data-fin="([\d-]+)">(.*?)</span></span>',
                           source)
        assert marks, path
        for _, last, mark in marks:
            assert ("passé" in mark) == (date.fromisoformat(last) < BUILD_DAY), (path, last)


@pytest.mark.slow
def test_a_copy_built_another_day_with_service_hours_and_a_second_place(tmp_path: Any,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Built on 1 December 2026: the World AIDS Day is « aujourd'hui »; a service with its own hours shows its
    week; an event at an actor's second place (lieu_numero) is placed there."""
    from conftest import build_site, copy_project

    monkeypatch.setenv("MAILLAGE_AUJOURDHUI", "2026-12-01")
    project = copy_project(tmp_path / "project")
    actor_file = project / "data/actors/centre-sante-sexuelle-maubeuge.yml"
    actor_file.write_text(actor_file.read_text(encoding="utf-8").replace(
        "    sur_rendez_vous: true\n    anonyme: true\n",
        '    sur_rendez_vous: true\n    anonyme: true\n    horaires: \'We 14:00-17:00 "consultation IVG"\'\n'
        "    horaires_precisions: Un mercredi sur deux pendant les vacances.\n", 1), encoding="utf-8")
    event_file = project / "data/events/formation-trod-juin-2026.yml"
    host = "lieu_acteur: centre-sante-sexuelle-maubeuge\n"
    event_file.write_text(event_file.read_text(encoding="utf-8").replace(
        "lieu: Centre de santé sexuelle, Maubeuge\n", "").replace(host, host + "lieu_numero: 2\n"), encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    page = Html(built.page("agenda"))
    assert "Action de sensibilisation · mardi 1er décembre 2026 aujourd'hui" in page.text
    actor_page = built.page("acteurs/centre-sante-sexuelle-maubeuge")
    service = actor_page[actor_page.index('id="horaires-service-'):]
    service = Html(service[: service.index("</table>")] + "</table>")
    assert "Mercredi 14 h – 17 h (consultation IVG)" in service.text and "Lundi Fermé" in service.text
    assert "Un mercredi sur deux pendant les vacances." in Html(actor_page).text
    event = Html(built.page("agenda/formation-trod-juin-2026"))
    assert "Permanence d'Avesnes-sur-Helpe" in event.text and "59440 Avesnes-sur-Helpe" in event.text


def test_events_to_come_are_on_the_map(sample_site: BuiltSite) -> None:
    data = json.loads((sample_site.site / "carte/lieux.json").read_text(encoding="utf-8"))
    events = {e["id"]: e for e in data["evenements"]}
    assert set(events) == {  # to come, with a place; past ones left out
        "evenement-formation-accueil-lgbtqia-mars-2027", "evenement-groupe-travail-annuaire-partage-2027",
        "evenement-rencontres-annuelles-reseau-2027"}
    tournai = events["evenement-rencontres-annuelles-reseau-2027"]
    assert (tournai["lat"], tournai["lon"], tournai["fin"]) == (50.6062, 3.3881, "2027-06-11")
    assert tournai["jours"] == ["jeudi", "vendredi"] and tournai["url"] == "agenda/rencontres-annuelles-reseau-2027/"
    page = Html(sample_site.page("carte"))
    assert "Événements à venir" in page.text and "evenement-groupe-travail-annuaire-partage-2027" in page.ids


# --- in Chromium ---------------------------------------------------------------------------------------------------

ELSEWHERE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")
SETTLED = '[data-mj-search][data-counts="ready"]:not([data-state="loading"])'


def _page(browser: Any, served: str, path: str, moment: str | None = None) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="UTC")
    context.route(ELSEWHERE, lambda route: route.abort())  # map tiles: nothing leaves the test server
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    if moment:
        page.clock.set_fixed_time(datetime.fromisoformat(moment))
    page.goto(served + path)
    page.wait_for_load_state("load")
    page.errors = errors
    return page


@pytest.mark.browser
def test_search_depistage_open_on_saturday(browser: Any, served_site: str) -> None:
    page = _page(browser, served_site, "recherche/?q=d%C3%A9pistage")
    page.locator(SETTLED).wait_for(state="attached", timeout=20_000)
    every = int(re.match(r"(\d+) résultats", page.locator("[data-mj-status]").inner_text())[1])
    assert every > 10
    page.locator("[data-facet=ouvert] > summary").click()  # the facet, ticked as a visitor does
    page.locator("[data-facet=ouvert][data-counted]").wait_for(state="attached")
    page.locator("#mj-f-ouvert-samedi").click()
    page.locator(SETTLED).wait_for(state="attached", timeout=20_000)
    titles = set(page.locator(".mj-result__title").all_inner_texts())
    assert titles == {"CAARUD Le Relais", "Entre Pairs, santé communautaire"}, titles
    assert page.locator("[data-mj-status]").inner_text().startswith("2 résultats")
    assert "ouvert=samedi" in page.url  # the address keeps the filter: shareable
    page.goto(page.url)
    page.locator(SETTLED).wait_for(state="attached", timeout=20_000)
    assert page.locator("#mj-f-ouvert-samedi").is_checked()
    assert set(page.locator(".mj-result__title").all_inner_texts()) == titles
    assert page.errors == []
    page.context.close()


@pytest.mark.browser
def test_open_now_and_today_on_an_actor_page(browser: Any, served_site: str) -> None:
    # Wednesday 25 November 2026, 15:00 in Paris (14:00 UTC): the CAARUD's Moulins place opens 13:30-18:00.
    page = _page(browser, served_site, "acteurs/caarud-le-relais/", "2026-11-25T14:00:00+00:00")
    status = page.locator(".mj-horaires-jour__etat")
    status.wait_for(state="visible")
    assert status.inner_text().replace("\u00a0", " ") == "Ouvert maintenant · ferme à 18 h"
    today = page.locator(".mj-horaires-jour__heures")
    assert today.inner_text().replace("\u00a0", " ") == "Aujourd'hui, mercredi : 13 h 30 – 18 h"
    row = page.locator("#horaires-lieu-1 tr[aria-current=date]")
    assert row.get_attribute("data-jour") == "2" and "(aujourd'hui)" in row.inner_text()
    page.context.close()
    # Sunday night: closed, and it says when it opens.
    page = _page(browser, served_site, "acteurs/caarud-le-relais/", "2026-11-29T21:00:00+00:00")
    page.locator(".mj-horaires-jour__etat").wait_for(state="visible")
    assert page.locator(".mj-horaires-jour__etat").inner_text().replace("\u00a0", " ") == (
        "Fermé maintenant · ouvre demain à 13 h 30")
    assert page.locator(".mj-horaires-jour__heures").inner_text() == "Aujourd'hui, dimanche : fermé"
    assert page.errors == []
    page.context.close()


@pytest.mark.browser
def test_the_agenda_filters_by_territory_and_thematique(browser: Any, served_site: str) -> None:
    page = _page(browser, served_site, "agenda/")
    form = page.locator("#mj-agenda-filtres")
    form.wait_for(state="visible")
    items = page.locator(".mj-listing li[data-territoires]")
    total = items.count()

    def visible() -> list[str]:
        return page.eval_on_selector_all(".mj-listing li[data-territoires]:not([hidden]) .mj-list__title",
                                         "links => links.map(a => a.textContent)")

    page.select_option("#mj-agenda-territoire", "charleroi")
    assert visible() == ["1er décembre : Journée mondiale de lutte contre le sida",
                         "Groupe de travail « Annuaire et offre de services »"]
    assert page.locator("[data-mj-agenda-statut]").inner_text() == "2 événements affichés."
    page.select_option("#mj-agenda-thematique", "coordination-territoriale")
    assert visible() == ["Groupe de travail « Annuaire et offre de services »"]
    page.select_option("#mj-agenda-territoire", "tournai")
    page.select_option("#mj-agenda-thematique", "sante-sexuelle--ivg")
    assert visible() == []
    assert page.locator("[data-mj-agenda-statut]").inner_text() == "Aucun événement avec ces filtres."
    page.get_by_role("button", name="Tout afficher").click()
    page.locator(".mj-listing li[data-territoires][hidden]").first.wait_for(state="detached")
    assert len(visible()) == total
    assert page.errors == []
    page.context.close()


@pytest.mark.browser
def test_past_marks_follow_the_date_a_week_after_the_build(browser: Any, served_site: str) -> None:
    """The site was built on 23 November 2026; a visitor on 2 December sees the 1st of December as past, and on
    the 1st as today, on the agenda, a thématique page and a territory page."""
    for moment, expected in (("2026-12-02T10:00:00+00:00", "passé"), ("2026-12-01T10:00:00+00:00", "aujourd'hui")):
        for path in ("agenda/", "thematiques/sante-sexuelle--depistage/", "territoires/charleroi/"):
            page = _page(browser, served_site, path, moment)
            mark = page.locator('a[href$="journee-mondiale-sida-2026/"] ~ .mj-list__meta .mj-quand')
            mark.locator(".mj-marque").wait_for(state="attached")
            assert mark.inner_text().strip() == expected, (moment, path)
            assert page.errors == []
            page.context.close()


@pytest.mark.browser
def test_the_map_filters_saturday_openings_and_drops_past_events(browser: Any, served_site: str) -> None:
    page = _page(browser, served_site, "carte/", "2027-02-10T10:00:00+00:00")  # after the Charleroi meeting
    page.wait_for_selector("[data-pret]", state="attached")
    assert page.locator("#evenement-groupe-travail-annuaire-partage-2027").count() == 0
    assert page.locator("#evenement-rencontres-annuelles-reseau-2027").count() == 1
    page.select_option("#mj-filtre-jour", "samedi")
    shown = set(page.eval_on_selector_all(".mj-lieu:not([hidden])", "items => items.map(i => i.id)"))
    assert shown == {"lieu-caarud-le-relais-1", "lieu-entre-pairs-lille-1", "lieu-mutualite-solidaire-hainaut-1"}
    page.select_option("#mj-filtre-jour", "jeudi")  # the Tournai meeting is on a Thursday and a Friday
    assert page.locator("#evenement-rencontres-annuelles-reseau-2027").is_visible()
    assert page.locator(".mj-marqueur-evenement").count() == 2  # with the Lille training, a Thursday
    assert page.errors == []
    page.context.close()


def test_the_calendar_gives_the_address_of_the_place(sample_site: BuiltSite) -> None:
    ics = (sample_site.site / "donnees/agenda/groupe-travail-annuaire-partage-2027.ics").read_text(encoding="utf-8")
    unfolded = ics.replace("\n ", "")  # read_text turned CRLF into LF; a folded line goes on after a space
    assert "LOCATION:Centre local de promotion de la santé\\, Charleroi\\, Rue de la Régence 27\\, 6000 Charleroi" in (
        unfolded)


@pytest.mark.browser
def test_a_search_by_territory_finds_its_events(browser: Any, served_site: str) -> None:
    page = _page(browser, served_site, "recherche/?fiche=evenement&territoire=charleroi")
    page.locator(SETTLED).wait_for(state="attached", timeout=20_000)
    assert set(page.locator(".mj-result__title").all_inner_texts()) == {
        "1er décembre : Journée mondiale de lutte contre le sida",
        "Groupe de travail « Annuaire et offre de services »",
    }
    assert page.errors == []
    page.context.close()


def test_the_scripts_write_text_only() -> None:
    from conftest import ROOT

    for name in ("agenda.js", "horaires.js"):
        source = (ROOT / "generator/site/theme/assets/maillage" / name).read_text(encoding="utf-8")
        assert "innerHTML" not in source and "eval(" not in source, name  # textContent only, under a strict CSP
