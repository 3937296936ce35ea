"""Whatever a contributor types, the published pages stay inert: no raw HTML, no script links, escaped titles."""

from __future__ import annotations

import re

from conftest import BuiltSite, Html

from generator.settings import fill_template
from generator.site.markdown import is_safe_link, render, words_of


def test_markdown_escapes_raw_html() -> None:
    html = render("Texte <script>alert(1)</script> et <b onclick='x()'>gras</b>\n\n<div>bloc</div>")
    assert "<script" not in html and "<b " not in html and "<div>" not in html
    assert "&lt;script&gt;" in html


def test_markdown_links_only_to_allowed_schemes() -> None:
    html = render(
        "[a](https://ok.example.org) [b](mailto:x@example.org) [c](tel:+33353011234) [d](javascript:alert(1)) "
        "[e](JaVaScRiPt:alert(1)) [f](data:text/html,x) [g](vbscript:x) [h](/relatif) [i](file:///etc/passwd) "
        "<javascript:alert(1)> <https://auto.example.org>"
    )
    hrefs = [part.split('"', 1)[0] for part in html.split('href="')[1:]]
    assert hrefs == ["https://ok.example.org", "mailto:x@example.org", "tel:+33353011234", "https://auto.example.org"]
    for scheme in ("javascript:", "data:", "vbscript:", "file:"):
        assert f'href="{scheme}' not in html.lower()
    assert not is_safe_link("java\nscript:alert(1)")


def test_markdown_images_become_links_and_headings_step_down() -> None:
    html = render("# Titre\n\n![photo](https://img.example.org/x.png)")
    assert "<img" not in html
    assert '<a href="https://img.example.org/x.png">photo</a>' in html
    assert "<h3>Titre</h3>" in html and "<h1>" not in html


def test_words_of_a_text_for_excerpts() -> None:
    text = "Un **texte** avec [un lien](https://x.example.org)\net deux lignes."
    assert words_of(text, 24) == "Un texte avec un lien…"


def test_link_templates_encode_values() -> None:
    url = fill_template("https://x.example.org/new?title={titre}&file={fichier}&u={url}",
                        {"titre": "L'été & <vous>", "fichier": "data/actors/a b.yml", "url": "https://s/x/?q=1"})
    assert url == ("https://x.example.org/new?title=L%27%C3%A9t%C3%A9%20%26%20%3Cvous%3E&file=data/actors/a%20b.yml"
                   "&u=https%3A%2F%2Fs%2Fx%2F%3Fq%3D1")


def test_hostile_record_comes_out_inert(hostile_site: BuiltSite) -> None:
    assert hostile_site.warnings == []
    source = hostile_site.page("acteurs/collectif-piege")
    page = Html(source)
    # Shown as text, never as markup.
    assert "<script>alert" not in source and "<img src=x" not in source and "<b>gras</b>" not in source
    assert "<script>alert(1)</script>" in page.text
    assert "Service <b>gras</b>" in page.text
    # No dangerous link survives; the real one does.
    lowered = [href.lower() for href in page.links]
    assert not [h for h in lowered if h.startswith(("javascript:", "data:", "vbscript:"))]
    assert "https://exemple.example.org/ok" in page.links
    assert "[lien piégé](javascript:alert(3))" in page.text  # left as plain text
    # The title is escaped everywhere Material prints it (<title>, header, description).
    assert "</title><script>" not in source
    head = source.split("</head>", 1)[0]
    assert "<title>Collectif &lt;/title&gt;&lt;script&gt;" in head
    # No script carries the data's code: inline scripts are Material's, the JSON-LD escapes "<".
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", source, re.S)
    assert scripts and not [body for attrs, body in scripts if "alert(" in body and "ld+json" not in attrs]
    assert "\\u003c/title\\u003e" in page.jsonld[0]
    assert "</" not in page.jsonld[0]

def test_hostile_title_is_escaped_in_lists_and_reverse_links(hostile_site: BuiltSite) -> None:
    """The hostile actor is named in a list page, on its network's page and on a browse page (its pages:
    thematiques/sante-sexuelle spans several pages of 7); everywhere escaped."""
    for path in ("acteurs/page/2", "acteurs/reseau-sante-sexuelle-hainaut-nord", "thematiques/sante-sexuelle"):
        pages = [hostile_site.site / path / "index.html", *(hostile_site.site / path / "page").glob("*/index.html")]
        sources = [page.read_text(encoding="utf-8") for page in pages if page.is_file()]
        assert sources, path
        assert not [source for source in sources if "<script>alert('nom')" in source]
        assert [source for source in sources if "Collectif &lt;/title&gt;&lt;script&gt;" in source], path
