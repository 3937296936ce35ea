"""Documents joined to resources (data/resources/files/): accepted types are recognised by their content, and a
file whose content is not what its name says, an SVG image or a web page is refused in French."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from small_network import PDF, RESOURCE, about, write_network


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


def _zip(members: dict[str, str], mimetype: str = "") -> bytes:
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w") as archive:
        if mimetype:  # stored first and uncompressed, as OpenDocument requires
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        for name, content in members.items():
            archive.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return written.getvalue()


def _ooxml(folder: str, part: str) -> bytes:
    return _zip({"[Content_Types].xml": "<Types/>", "_rels/.rels": "<Relationships/>", f"{folder}/{part}": "<x/>"})


def _odf(kind: str) -> bytes:
    return _zip({"content.xml": "<x/>", "META-INF/manifest.xml": "<m/>"},
                f"application/vnd.oasis.opendocument.{kind}")


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
SAMPLES = {  # extension -> a file of that type, as small as its format allows
    ".pdf": PDF,
    ".png": _png(),
    ".jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9",
    ".jpeg": b"\xff\xd8\xff\xdb\x00\x43\x00" + bytes(64) + b"\xff\xd9",
    ".gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    ".webp": b"RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00" + bytes(14),
    ".docx": _ooxml("word", "document.xml"),
    ".xlsx": _ooxml("xl", "workbook.xml"),
    ".pptx": _ooxml("ppt", "presentation.xml"),
    ".odt": _odf("text"),
    ".ods": _odf("spreadsheet"),
    ".odp": _odf("presentation"),
    ".doc": OLE,
    ".xls": OLE,
    ".ppt": OLE,
    ".mp3": b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x00" + bytes(64),
    ".ogg": b"OggS\x00\x02" + bytes(22) + b"\x01vorbis" + bytes(16),
    ".mp4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(16),
    ".m4a": b"\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00M4A isom" + bytes(16),
    ".webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm"
             + bytes(16),
}
# each type's content under a name that says another type
WRONG_NAME = {".pdf": ".png", ".doc": ".pdf", ".xls": ".pdf", ".ppt": ".pdf"}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_network(tmp_path / "data")


def _joined(data: Path, name: str, content: bytes) -> list[tuple[str, str]]:
    """The errors on the resource once it points to `name`, holding `content`."""
    (data / "resources" / "files" / name).write_bytes(content)
    (data / "resources" / "brochure-test.yml").write_text(RESOURCE.replace("brochure.pdf", name), encoding="utf-8")
    return [(d.message, d.hint) for d in about(data, "brochure-test.yml")]


@pytest.mark.parametrize("extension", sorted(SAMPLES))
def test_each_accepted_type_is_recognised_by_its_content(data: Path, extension: str) -> None:
    assert _joined(data, f"document{extension}", SAMPLES[extension]) == []
    wrong = WRONG_NAME.get(extension, ".pdf")
    ((message, _),) = _joined(data, f"autre{wrong}", SAMPLES[extension])
    assert message.startswith(f"le contenu de « autre{wrong} »")


def test_the_extension_is_read_whatever_its_case(data: Path) -> None:
    assert _joined(data, "Guide.PDF", PDF) == []
    assert [message for message, _ in _joined(data, "Guide.PDF", b"<html></html>")] == [
        "le contenu de « Guide.PDF » n'est pas un fichier PDF : c'est du texte balisé (HTML, SVG ou XML), qui "
        "pourrait exécuter un script sur le site"
    ]


def test_a_pdf_that_is_a_web_page_is_refused(data: Path) -> None:
    ((message, hint),) = _joined(data, "guide.pdf", b"<!doctype html><script>alert(document.cookie)</script>")
    assert message == ("le contenu de « guide.pdf » n'est pas un fichier PDF : c'est du texte balisé (HTML, SVG ou "
                       "XML), qui pourrait exécuter un script sur le site")
    assert "Exporter" in hint


def test_a_png_that_is_an_svg_image_is_refused(data: Path) -> None:
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    ((message, _),) = _joined(data, "affiche.png", svg)
    assert message.startswith("le contenu de « affiche.png » n'est pas un fichier PNG : c'est du texte balisé")


def test_an_image_under_the_wrong_name_is_told_its_type(data: Path) -> None:
    ((message, hint),) = _joined(data, "affiche.jpg", SAMPLES[".png"])
    assert message == "le contenu de « affiche.jpg » est un fichier PNG, pas JPEG"
    assert hint.startswith("Renommez-le « affiche.png »")


def test_an_svg_image_is_refused_with_a_way_out(data: Path) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert _joined(data, "affiche.svg", svg) == [(
        "type de fichier refusé « affiche.svg » : une image SVG peut contenir un script, qui s'exécuterait sur le site",
        "Exportez l'image en PNG, ou le document en PDF.",
    )]


def test_a_web_page_is_refused(data: Path) -> None:
    ((message, hint),) = _joined(data, "guide.html", b"<html><script>alert(1)</script></html>")
    assert message == "type de fichier refusé « guide.html » : une page web s'afficherait sur le site avec ses scripts"
    assert "url:" in hint


def test_any_other_type_is_refused_with_the_list(data: Path) -> None:
    ((message, hint),) = _joined(data, "outil.exe", b"MZ\x90\x00")
    assert message == "type de fichier non accepté « outil.exe »"
    assert ".pdf" in hint and ".docx" in hint and ".webm" in hint


def test_an_office_document_needs_its_parts(data: Path) -> None:
    """A zip archive is not a Word document: it needs the parts of one."""
    ((message, _),) = _joined(data, "rapport.docx", _zip({"[Content_Types].xml": "<Types/>", "page.html": "<x/>"}))
    assert message == "le contenu de « rapport.docx » n'est pas un fichier Word"
    ((message, _),) = _joined(data, "tableau.ods", _odf("text"))
    assert message == "le contenu de « tableau.ods » est un fichier OpenDocument texte, pas OpenDocument classeur"


# --- files beside the pages in docs/ ------------------------------------------------------------------------
# docs/ is published as it is, and a pull request that only touches data/ and docs/ is checked as content: a page
# (.html), an SVG image or a script (.js) there would run on the site's own address, where the policy of the
# site's pages does not reach (a file served alone carries none) or allows it ('self').

SCRIPTED_IN_DOCS = {
    "page.html": b"<html><script>alert(1)</script></html>",
    "image.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "outil.js": b"alert(1)",
    "sous/dossier/photo.png": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
}


@pytest.mark.parametrize("name", sorted(SCRIPTED_IN_DOCS))
def test_a_file_in_docs_that_could_run_a_script_is_refused(tmp_path: Path, name: str) -> None:
    from generator.reading.directory import unsafe_entries

    docs = tmp_path / "docs"
    (docs / name).parent.mkdir(parents=True)
    (docs / name).write_bytes(SCRIPTED_IN_DOCS[name])
    (docs / "index.md").write_text("# Accueil\n", encoding="utf-8")
    refused = [(d.path.as_posix(), d.message) for d in unsafe_entries(docs) if d.is_error]
    assert len(refused) == 1 and refused[0][0].endswith(f"docs/{name}"), refused
    assert Path(name).name in refused[0][1]
    assert all(d.hint.startswith("Dans docs/, seules les pages Markdown") for d in unsafe_entries(docs))


def test_pages_and_documents_of_an_accepted_type_stay_in_docs(tmp_path: Path) -> None:
    from generator.reading.directory import unsafe_entries

    docs = tmp_path / "docs"
    (docs / "images").mkdir(parents=True)
    (docs / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (docs / "images" / "logo.png").write_bytes(SAMPLES[".png"])
    (docs / "guide.pdf").write_bytes(PDF)
    (docs / ".cache").write_bytes(b"<html>")  # MkDocs leaves out hidden files: never published
    assert unsafe_entries(docs) == []


def test_a_web_page_in_docs_stops_the_build_and_is_not_published(tmp_path: Path) -> None:
    from conftest import build_site
    from small_network import small_project

    from generator.engines import mkdocs_run

    project = small_project(tmp_path / "projet")
    (project / "docs" / "page.html").write_bytes(SCRIPTED_IN_DOCS["page.html"])
    with pytest.raises(mkdocs_run.Problem) as refused:
        build_site(project, project / "site")
    assert "docs/page.html" in str(refused.value) and "type de fichier refusé" in str(refused.value)
    assert not (project / "site" / "page.html").exists()


ACTIVE_HTML_IN_PAGES = {
    "redirection": ('Bienvenue.\n\n<meta http-equiv="refresh" content="0; url=https://ailleurs.example">\n', 3,
                    "balise HTML « <meta> »"),
    "script du site": ("# Outils\n\nTexte <script src=\"/assets/maillage/carte.js\"></script>\n", 3,
                       "balise HTML « <script> »"),
    "formulaire": ("# A\n\n<div>\n\n<form action=\"https://ailleurs.example\">\n", 5, "balise HTML « <form> »"),
    "gestionnaire": ("# A\n\n<div>\n<span onclick=\"alert(1)\">x</span>\n</div>\n", 4,
                     "attribut HTML « onclick » refusé sur « <span> »"),
    "dans un encadré": ("# A\n\n!!! note\n    Voir\n\n    <iframe src=\"https://ailleurs.example\"></iframe>\n", 6,
                        "balise HTML « <iframe> »"),
    "base": ("# A\n\nUn paragraphe\nsur deux lignes <base href=\"https://ailleurs.example/\">\n", 4,
             "balise HTML « <base> »"),
}


@pytest.mark.parametrize("case", sorted(ACTIVE_HTML_IN_PAGES))
def test_raw_html_that_acts_in_a_docs_page_is_refused_at_its_line(tmp_path: Path, case: str) -> None:
    from generator.reading.directory import unsafe_entries

    text, line, message = ACTIVE_HTML_IN_PAGES[case]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(text, encoding="utf-8")
    (found,) = unsafe_entries(docs)
    assert found.is_error and found.path.as_posix().endswith("docs/page.md")
    assert (found.line, message in found.message) == (line, True), found


def test_formatting_html_and_tags_shown_as_code_stay_in_docs_pages(tmp_path: Path) -> None:
    from generator.reading.directory import unsafe_entries

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        '# Accueil\n\n<div class="grid" markdown>\nUn<br>deux <abbr title="Centre">CeGIDD</abbr>\n</div>\n\n'
        "Écrire `<script>` est refusé.\n\n```html\n<meta http-equiv=\"refresh\" content=\"0\">\n```\n",
        encoding="utf-8",
    )
    assert unsafe_entries(docs) == []


def test_a_document_heavier_than_the_limit_is_refused(tmp_path: Path) -> None:
    from generator.reading import uploads

    heavy = tmp_path / "rapport.pdf"
    with heavy.open("wb") as file:  # sparse: the size is said by the file system, nothing is written
        file.write(PDF)
        file.truncate(uploads.MAX_DOCUMENT_BYTES + 1)
    message, hint = uploads.problem(tmp_path, "rapport.pdf") or ("", "")
    assert message == "fichier « rapport.pdf » trop lourd : plus de 50 Mo" and "« url: »" in hint
    with heavy.open("r+b") as file:
        file.truncate(uploads.MAX_DOCUMENT_BYTES)
    assert uploads.problem(tmp_path, "rapport.pdf") is None
