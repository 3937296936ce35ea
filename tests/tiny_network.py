"""A tiny network written into a temporary folder: mkdocs.yml, docs/, the taxonomies and a few records.

Tests of the CI tools (the pull request report, the weekly upkeep, the reporters) build their own network here,
never from the repository's data/.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

MKDOCS = """\
site_name: Réseau de test
site_url: https://reseau.example.org/
docs_dir: docs
theme:
  name: material
  language: fr
  font: false
plugins:
  - maillage:
      donnees: data
      revision_mois: 12
      signaler_url: https://github.com/exemple/reseau/issues/new?template=signaler-une-erreur.yml&fiche={url}&fichier={fichier}
      modifier_url: https://github.com/exemple/reseau/edit/main/{fichier}
      courriel_coordination: coordination@reseau.example.org
      carte_tuiles: ""
"""

TAXONOMIES = {
    "thematiques": "- id: sante-sexuelle\n  label: Santé sexuelle\n"
    "- id: depistage\n  label: Dépistage\n  parent: sante-sexuelle\n"
    "- id: addictions\n  label: Addictions\n",
    "publics": "- id: jeunes\n  label: Jeunes\n- id: professionnels\n  label: Professionnels\n",
    "territoires": "- id: nord\n  label: Nord\n  type: departement\n- id: lille\n  label: Lille\n  type: commune\n"
    "  parent: nord\n",
    "types_acteur": "- id: association\n  label: Association\n- id: collectivite\n  label: Collectivité\n",
    "types_ressource": "- id: brochure\n  label: Brochure\n- id: guide\n  label: Guide\n",
    "types_evenement": "- id: rencontre\n  label: Rencontre\n",
}

DESCRIPTION = "Une structure qui accueille, informe et oriente toute personne sur les questions de santé sexuelle."


def actor(name: str, date_maj: str = "2026-01-15", **extra: str) -> str:
    lines = [f"nom: {name}", "type: association", f"description: {DESCRIPTION}", "thematiques:", "  - depistage",
             "territoires:", "  - lille", *(f"{key}: {value}" for key, value in extra.items()), f"date_maj: {date_maj}"]
    return "\n".join(lines) + "\n"


def resource(title: str, authors: list[str], date_maj: str = "2026-01-15", **extra: str) -> str:
    lines = [f"titre: {title}", "type: brochure", f"description: {DESCRIPTION}", "thematiques:", "  - depistage",
             "auteurs:", *(f"  - {a}" for a in authors), *(f"{key}: {value}" for key, value in extra.items()),
             f"date_maj: {date_maj}"]
    return "\n".join(lines) + "\n"


def event(title: str, organiser: str, start: str, date_maj: str = "2026-01-15", **extra: str) -> str:
    lines = [f"titre: {title}", "type: rencontre", f"debut: {start}", "organisateurs:", f"  - {organiser}",
             *(f"{key}: {value}" for key, value in extra.items()), f"date_maj: {date_maj}"]
    return "\n".join(lines) + "\n"


def write_network(project: Path, records: dict[str, str]) -> Path:
    """mkdocs.yml, docs/index.md, the taxonomies and `records` ("actors/x.yml" -> YAML) under `project`."""
    (project / "docs").mkdir(parents=True, exist_ok=True)
    (project / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Réseau de test\n\nL'annuaire du réseau.\n", encoding="utf-8")
    write_data(project / "data", records)
    return project


def write_data(data: Path, records: dict[str, str | bytes]) -> Path:
    """The taxonomies, every kind's folder and `records` ("actors/x.yml" -> YAML, or bytes) under `data`."""
    for folder in ("taxonomies", "actors", "resources/files", "practices", "events"):
        (data / folder).mkdir(parents=True, exist_ok=True)
    for name, text in TAXONOMIES.items():
        (data / "taxonomies" / f"{name}.yml").write_text(text, encoding="utf-8")
    for relative, content in records.items():
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return data


def set_records(project: Path, records: dict[str, str | None]) -> None:
    """Write (or, for None, remove) record files under the project's data/."""
    for relative, text in records.items():
        path = project / "data" / relative
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+01:00",
    "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+01:00", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
}


def git(project: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=project, env={**os.environ, **GIT_ENV}, capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def commit(project: Path, message: str) -> str:
    """Everything in the project committed; the commit's id."""
    if not (project / ".git").exists():
        git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--allow-empty", "-m", message)
    return git(project, "rev-parse", "HEAD")
