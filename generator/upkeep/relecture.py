"""The weekly upkeep report, the body of the one issue "Fiches à relire": the records past their review period,
grouped by the actor who should check them, and the external links that no longer answer."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from generator.contract.kinds import ACTOR, KIND_BY_NAME, KINDS
from generator.contract.model import Record
from generator.contract.nouns import plural
from generator.reading.catalog import Catalog, Key
from generator.reading.neutral import for_markdown
from generator.reading.review import months_between
from generator.settings import Settings, fill_template
from generator.site.french import date_fr, sort_key
from generator.site.urls import record_path
from generator.upkeep.links import LinkUse, Verdict

MARKER = "<!-- maillage:relecture -->"
ISSUE_TITLE = "Fiches à relire"
BODY_LIMIT = 60_000  # characters: GitHub refuses an issue body over 65,536
NOBODY = "Sans acteur désigné"


def responsible(record: Record) -> str | None:
    """The actor who should check a record (its kind's `checked_by`): itself, the one who carries, organises or
    offers it."""
    kind = KINDS.of_model(type(record))
    for field in kind.checked_by if kind else ():
        value = getattr(record, field, None)
        found = value[0] if isinstance(value, list) and value else value
        if isinstance(found, str) and found:
            return found
    return None


@dataclass(frozen=True)
class Stale:
    key: Key
    record: Record
    months: int


def stale_records(catalog: Catalog, today: date, review_months: int) -> dict[str, list[Stale]]:
    """Records not checked for `review_months` or more, by the title of their responsible actor, oldest first."""
    groups: dict[str, list[Stale]] = defaultdict(list)
    for kind in KINDS:
        for record in catalog.of(kind):
            months = months_between(record.date_maj, today)
            if record.date_maj <= today and months >= review_months:
                owner = responsible(record)
                actor = catalog.get(ACTOR.name, owner) if owner else None
                groups[actor.title if actor else NOBODY].append(Stale((kind.name, record.id), record, months))
    return {name: sorted(found, key=lambda s: (s.record.date_maj, s.key)) for name, found in
            sorted(groups.items(), key=lambda item: (item[0] == NOBODY, sort_key(item[0])))}


class Writer:
    def __init__(self, catalog: Catalog, settings: Settings, sources: dict[Key, str]) -> None:
        self.catalog, self.settings, self.sources = catalog, settings, sources

    def record_link(self, key: Key) -> str:
        record = self.catalog.get(*key)
        title = for_markdown(record.title if record else key[1])
        address = self.settings.absolute(record_path(KIND_BY_NAME[key[0]], key[1]))
        return f"[{title}]({address})" if address else title

    def edit_link(self, key: Key) -> str:
        record, source = self.catalog.get(*key), self.sources.get(key, "")
        if not self.settings.edit_url or not source or record is None:
            return ""
        values = {"titre": record.title, "type": KIND_BY_NAME[key[0]].singular, "id": key[1], "fichier": source,
                  "chemin": "/" + record_path(KIND_BY_NAME[key[0]], key[1])}
        return f" — [modifier]({fill_template(self.settings.edit_url, values)})"


def weekly_report(
    catalog: Catalog, settings: Settings, sources: dict[Key, str], today: date,
    links: list[LinkUse] | None = None, verdicts: dict[str, Verdict] | None = None, errors: int = 0,
) -> str:
    """The issue's body; `links` and `verdicts` None when the links were not checked."""
    writer = Writer(catalog, settings, sources)
    groups = stale_records(catalog, today, settings.review_months)
    count = sum(len(found) for found in groups.values())
    verdicts = verdicts or {}
    uses = links or []
    dead = [use for use in uses if use.url in verdicts and verdicts[use.url].state == "mort"]
    refused = [use for use in uses if use.url in verdicts and verdicts[use.url].state == "refuse"]
    moved = [use for use in uses if use.url in verdicts and verdicts[use.url].moved_to]
    said = [plural(count, "fiche à relire", "fiches à relire")]
    if links is not None:
        said.append(plural(len(dead), "lien qui ne répond plus", "liens qui ne répondent plus"))
    lines = [MARKER, f"Rapport du {date_fr(today)} : {', '.join(said)}.", "",
             "Ce rapport est refait chaque semaine. Pour relire une fiche : vérifiez son contenu avec l'acteur, "
             "corrigez-la si besoin et mettez « date_maj » à la date du jour (le guide : docs/contribuer.md).", ""]
    if errors:
        lines += [f"⚠️ {plural(errors, 'erreur')} dans les fiches : lancez « maillage validate » pour les voir.", ""]
    lines += [f"## Fiches non vérifiées depuis {settings.review_months} mois ou plus ({count})", ""]
    if not groups:
        lines += ["Aucune : toutes les fiches ont été vérifiées récemment.", ""]
    for owner, found in groups.items():
        lines += [f"### {for_markdown(owner)} ({len(found)})", ""]
        for stale in found:
            kind = KIND_BY_NAME[stale.key[0]]
            lines.append(f"- {writer.record_link(stale.key)} — {kind.singular}, vérifiée le "
                         f"{date_fr(stale.record.date_maj)} (il y a {stale.months} mois){writer.edit_link(stale.key)}")
        lines.append("")
    if links is not None:
        lines += _link_table(f"Liens qui ne répondent plus ({len(dead)})", dead, verdicts, writer,
                             "Aucun : tous les liens vérifiés répondent.")
        if moved:
            lines += ["## Adresses à mettre à jour (le site a déménagé)", "",
                      "| Fiche | Champ | Adresse actuelle | Nouvelle adresse |", "| --- | --- | --- | --- |"]
            lines += [f"| {writer.record_link(use.key)} | {use.field} | {for_markdown(use.url)} | "
                      f"{for_markdown(verdicts[use.url].moved_to)} |" for use in moved] + [""]
        if refused:
            lines += _link_table(f"Liens à vérifier dans un navigateur ({len(refused)})", refused, verdicts, writer, "")
        lines += [f"{plural(len(set(u.url for u in uses)), 'adresse vérifiée', 'adresses vérifiées')}.", ""]
    return _bounded("\n".join(lines).rstrip() + "\n")


def _link_table(title: str, uses: list[LinkUse], verdicts: dict[str, Verdict], writer: Writer, empty: str) -> list[str]:
    lines = [f"## {title}", ""]
    if not uses:
        return [*lines, empty, ""]
    lines += ["| Fiche | Champ | Adresse | Problème |", "| --- | --- | --- | --- |"]
    lines += [f"| {writer.record_link(use.key)} | {use.field} | {for_markdown(use.url)} | "
              f"{for_markdown(verdicts[use.url].problem)} |" for use in uses]
    return [*lines, ""]


def _bounded(text: str) -> str:
    if len(text) <= BODY_LIMIT:
        return text
    cut = text.rfind("\n", 0, BODY_LIMIT - 200)
    return text[:cut] + "\n\n… (rapport raccourci : lancez « maillage relecture » pour la liste complète)\n"
