"""The files of the web editor's page, /admin/: the page itself (with its own Content-Security-Policy), the
configuration written from the models, and Sveltia CMS as vendored. Only this page loads anything from a third
party (GitHub's API); the public pages' policy is left as it is."""

from __future__ import annotations

from markupsafe import escape

from generator.editing.cms import ADMIN_ASSETS, Backend, config, render
from generator.site.csp import editor_policy
from generator.site.page import ExtraFile

ADMIN_PATH = "admin/"
SCRIPT = "sveltia-cms.js"

PAGE = """<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta http-equiv="Content-Security-Policy" content="{policy}">
  <title>Éditeur — {site_name}</title>
  <link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
  <noscript>
    <p>L'éditeur des fiches a besoin de JavaScript. Sans lui, modifiez les fichiers de <code>data/</code> sur GitHub,
    ou proposez une fiche par le formulaire du site.</p>
  </noscript>
  <script src="langue.js"></script>
  <script src="{script}"></script>
</body>
</html>
"""


def admin_page(site_name: str, auth_url: str = "") -> str:
    return PAGE.format(policy=escape(editor_policy(auth_url)), site_name=escape(site_name), script=SCRIPT)


def admin_files(backend: Backend, site_name: str, site_url: str = "") -> list[ExtraFile]:
    return [
        ExtraFile(f"{ADMIN_PATH}index.html", content=admin_page(site_name, backend.auth_url).encode()),
        ExtraFile(f"{ADMIN_PATH}config.yml", content=render(config(backend, site_url, site_name)).encode()),
        ExtraFile(f"{ADMIN_PATH}{SCRIPT}", source=str(ADMIN_ASSETS / SCRIPT)),
        ExtraFile(f"{ADMIN_PATH}langue.js", source=str(ADMIN_ASSETS / "langue.js")),
        ExtraFile(f"{ADMIN_PATH}locales/fr.json", source=str(ADMIN_ASSETS / "locales" / "fr.json")),
        ExtraFile(f"{ADMIN_PATH}LICENSE-sveltia-cms.txt", source=str(ADMIN_ASSETS / "LICENSE")),
    ]
