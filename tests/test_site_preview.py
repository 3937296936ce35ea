"""The preview (`maillage serve`): after each save only what changed is read, rendered and written again, and
the site is then the same as a full build of the same data: no stale title, reverse link or removed page."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import jinja2
import pytest
from conftest import copy_project
from mkdocs.commands import build as mkdocs_commands
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from generator.engines import mkdocs_plugin, mkdocs_run
from generator.engines.mkdocs_plugin import MaillagePlugin

NETWORK = "data/actors/reseau-sante-sexuelle-hainaut-nord.yml"
MEMBER = "data/actors/asv-lille-moulins.yml"  # names the network in its `reseaux`
pytestmark = pytest.mark.slow  # every test builds its copy of the network, then a full build to compare
OPEN_DATA_PAGE = "donnees/index.html"  # the preview lists no files there (they are made by `maillage build`)


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def _edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Preview:
    """Builds as `mkdocs serve` does: one plugin kept from build to build, the site folder never emptied."""

    def __init__(self, project: Path) -> None:
        self.project, self.site = project, project / "apercu"
        self.plugin = None

    def build(self) -> dict[str, bytes]:
        config, plugin = mkdocs_run.load(self.project / "mkdocs.yml", self.site)
        if self.plugin is None:
            plugin.on_startup(command="serve", dirty=True)  # once per session, as `mkdocs serve` does
        assert self.plugin in (None, plugin)  # MkDocs keeps a plugin that has on_startup
        self.plugin = plugin
        mkdocs_build(config, dirty=True)
        return _pages(self.site)


def _full_build(project: Path, into: Path) -> dict[str, bytes]:
    shutil.rmtree(into, ignore_errors=True)
    config, plugin = mkdocs_run.load(project / "mkdocs.yml", into)
    mkdocs_run.build(config, plugin)
    return _pages(into)


def _search_index(site: Path) -> dict[str, bytes]:
    folder = site / "pagefind"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_same_as_full_build(preview: dict[str, bytes], project: Path, tmp_path: Path,
                               plugin: MaillagePlugin | None = None) -> None:
    """The same pages as a full build; with the preview's `plugin`, the same search index too (its Pagefind,
    which the preview leaves running, is waited for first: the full build's session stops it)."""
    index: dict[str, bytes] = {}
    if plugin is not None:
        site = plugin.session.indexing
        assert site is not None and site.indexing is not None
        site.indexing.finish()
        index = _search_index(project / "apercu")
    full = _full_build(project, tmp_path / "complet")
    assert preview.keys() == full.keys()
    different = [path for path in full if preview[path] != full[path] and path != OPEN_DATA_PAGE]
    assert different == []
    if plugin is not None:
        full_index = _search_index(tmp_path / "complet")
        assert full_index and index.keys() == full_index.keys()
        assert [name for name in full_index if index[name] != full_index[name]] == []


@pytest.fixture
def preview(tmp_path: Path) -> Preview:
    return Preview(copy_project(tmp_path / "projet"))


def test_a_renamed_record_shows_everywhere_after_the_save(preview: Preview, tmp_path: Path) -> None:
    first = preview.build()
    assert "Réseau santé sexuelle Hainaut–Nord" in first["acteurs/asv-lille-moulins/index.html"].decode()
    _edit(preview.project, NETWORK, "nom: Réseau santé sexuelle Hainaut–Nord", "nom: Réseau renommé Zéphyr")
    pages = preview.build()
    assert "Réseau renommé Zéphyr" in pages["acteurs/reseau-sante-sexuelle-hainaut-nord/index.html"].decode()
    assert "Réseau renommé Zéphyr" in pages["acteurs/asv-lille-moulins/index.html"].decode()  # its member's page
    _assert_same_as_full_build(pages, preview.project, tmp_path, preview.plugin)


def test_a_removed_link_disappears_from_both_pages(preview: Preview, tmp_path: Path) -> None:
    preview.build()
    _edit(preview.project, MEMBER, "reseaux:\n  - reseau-sante-sexuelle-hainaut-nord\n", "")
    pages = preview.build()
    assert "Atelier santé ville de Lille-Moulins" not in pages[
        "acteurs/reseau-sante-sexuelle-hainaut-nord/index.html"
    ].decode()
    _assert_same_as_full_build(pages, preview.project, tmp_path)


def test_a_deleted_record_loses_its_page(preview: Preview, tmp_path: Path) -> None:
    page = "agenda/formation-accueil-lgbtqia-mars-2027/index.html"
    first = preview.build()
    assert page in first
    (preview.project / "data/events/formation-accueil-lgbtqia-mars-2027.yml").unlink()
    pages = preview.build()
    assert page not in pages
    _assert_same_as_full_build(pages, preview.project, tmp_path, preview.plugin)


def test_an_unchanged_record_is_not_read_rendered_or_written_again(preview: Preview) -> None:
    preview.build()
    assert preview.plugin is not None
    fast = preview.plugin.session.fast
    unrelated = "agenda/formation-accueil-lgbtqia-mars-2027/"  # names nothing the edited record is named by
    rendering = fast.earlier[unrelated]
    page = preview.site / "acteurs/reseau-sante-sexuelle-hainaut-nord/index.html"
    before = page.stat().st_mtime_ns
    _edit(preview.project, "data/actors/caarud-le-relais.yml", "date_maj:", "# relu\ndate_maj:")
    preview.build()
    assert fast.earlier[unrelated] is rendering  # not rendered again
    assert fast.earlier["acteurs/caarud-le-relais/"] is not None
    assert page.stat().st_mtime_ns == before  # rendered again (it lists the edited member), same HTML: not written
    assert preview.plugin.session.read_cache.files  # files kept from the first reading


def test_the_preview_says_the_open_data_files_come_with_the_build(preview: Preview) -> None:
    page = preview.build()[OPEN_DATA_PAGE].decode()
    assert "ne sont pas produits pendant la prévisualisation" in page


def test_a_new_site_name_reaches_every_page(preview: Preview, tmp_path: Path) -> None:
    """The pages written from an earlier build's shells are written again when the configuration changes."""
    preview.build()
    _edit(preview.project, "mkdocs.yml", "site_name: Réseau santé sexuelle Hainaut–Nord", "site_name: Réseau Zéphyr")
    pages = preview.build()
    assert "Réseau Zéphyr" in pages["acteurs/asv-lille-moulins/index.html"].decode()
    _assert_same_as_full_build(pages, preview.project, tmp_path)


def test_an_edited_theme_override_reaches_every_page(preview: Preview, tmp_path: Path) -> None:
    """Templates are compiled once per serve session, and again when their source changes."""
    overrides = preview.project / "surcharges"
    overrides.mkdir()
    footer = overrides / "main.html"
    footer.write_text('{% extends "base.html" %}{% block footer %}Pied Alpha{% endblock %}', encoding="utf-8")
    _edit(preview.project, "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: surcharges\n")
    first = preview.build()
    assert "Pied Alpha" in first["acteurs/asv-lille-moulins/index.html"].decode()
    footer.write_text(footer.read_text(encoding="utf-8").replace("Alpha", "Bêta"), encoding="utf-8")
    pages = preview.build()
    for path in ("acteurs/asv-lille-moulins/index.html", "index.html", "acteurs/index.html"):
        assert "Pied Bêta" in pages[path].decode(), path
    _assert_same_as_full_build(pages, preview.project, tmp_path)


def test_theme_templates_are_compiled_once_per_session(preview: Preview, monkeypatch: pytest.MonkeyPatch) -> None:
    preview.build()
    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *args: object) -> object:
        compiled.append(name)
        return compile_template(self, source, name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    _edit(preview.project, MEMBER, "date_maj:", "# relu\ndate_maj:")
    preview.build()
    assert compiled == []


def test_a_build_stopped_midway_leaves_nothing_behind(preview: Preview, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C or SIGTERM during a rebuild: the server shuts down, without the searchable copies or Pagefind."""
    preview.build()
    _edit(preview.project, MEMBER, "date_maj:", "# relu\ndate_maj:")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(mkdocs_commands, "_build_theme_template", interrupted)  # after the pages, before the end
    with pytest.raises(KeyboardInterrupt):
        preview.build()
    plugin = preview.plugin
    assert plugin is not None and plugin.current.copies is not None and plugin.current.site is not None
    copies, indexing = Path(plugin.current.copies.name), plugin.current.site.indexing
    assert copies.is_dir() and indexing is not None
    plugin.on_shutdown()
    assert not copies.exists()
    assert indexing.process is None or indexing.process.poll() is not None


def test_the_server_is_told_of_a_save_rather_than_polling(tmp_path: Path) -> None:
    """Where the system says what changed (inotify on Linux), the server's watches go to it: a save is noticed
    without looking at every watched file twice a second."""
    watched = tmp_path / "data"
    watched.mkdir()
    (watched / "fiche.yml").write_text("nom: A\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(watched))
    mkdocs_plugin._notified_of_changes(server)
    assert not isinstance(server.observer, PollingObserver)
    server.observer.start()
    try:
        time.sleep(0.2)
        (watched / "fiche.yml").write_text("nom: B\n", encoding="utf-8")
        with server._rebuild_cond:
            assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=10)
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_ten_quick_saves_end_as_a_full_build(preview: Preview, tmp_path: Path) -> None:
    """Each save starts a build that stops the previous one's Pagefind; the last leaves the site and its search
    index as a full build makes them."""
    preview.build()
    name = "nom: Réseau santé sexuelle Hainaut–Nord"
    for number in range(10):
        _edit(preview.project, NETWORK, name, f"nom: Réseau Zéphyr {number}")
        name = f"nom: Réseau Zéphyr {number}"
        pages = preview.build()
    assert "Réseau Zéphyr 9" in pages["acteurs/asv-lille-moulins/index.html"].decode()
    _assert_same_as_full_build(pages, preview.project, tmp_path, preview.plugin)


def test_an_added_record_gets_its_page_and_is_found(preview: Preview, tmp_path: Path) -> None:
    preview.build()
    source = preview.project / "data/actors/caarud-le-relais.yml"
    added = source.with_name("caarud-le-phare.yml")
    added.write_text(source.read_text(encoding="utf-8").replace("nom: CAARUD Le Relais", "nom: CAARUD Le Phare")
                     .replace("sigle: Le Relais", "sigle: Le Phare"), encoding="utf-8")
    pages = preview.build()
    assert "CAARUD Le Phare" in pages["acteurs/caarud-le-phare/index.html"].decode()
    _assert_same_as_full_build(pages, preview.project, tmp_path, preview.plugin)


def test_the_searchable_copies_of_unchanged_pages_are_not_written_again(preview: Preview) -> None:
    preview.build()
    assert preview.plugin is not None and preview.plugin.session.copies is not None
    copies = preview.plugin.session.copies.path
    unrelated = copies / "agenda/formation-accueil-lgbtqia-mars-2027/index.html"
    edited = copies / "acteurs/caarud-le-relais/index.html"
    before, edited_before = unrelated.stat().st_mtime_ns, edited.read_text(encoding="utf-8")
    _edit(preview.project, "data/actors/caarud-le-relais.yml", "nom: CAARUD Le Relais", "nom: CAARUD Le Zéphyr")
    preview.build()
    assert preview.plugin.session.copies.path == copies  # the same folder
    assert unrelated.stat().st_mtime_ns == before
    assert "Zéphyr" in edited.read_text(encoding="utf-8") and "Zéphyr" not in edited_before
