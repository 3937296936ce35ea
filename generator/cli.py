"""The `maillage` command: validate the data, create a record, write the JSON Schemas (and build the site)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from generator.clock import today
from generator.contract.fields import slugify
from generator.contract.kinds import KINDS, Kind
from generator.contract.scaffold import template
from generator.exports import DEFAULT_SITE_URL, ExportSettings, export_all
from generator.reading import changes, schema_files
from generator.reading.directory import Options, read_directory
from generator.reading.report import REPORTERS
from generator.settings import Settings

if TYPE_CHECKING:
    from generator import build

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _kind_words() -> dict[str, Kind]:
    """What `maillage nouveau` accepts: each kind's English name and French word."""
    return {word: kind for kind in KINDS for word in kind.words}


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.path)
    if not data_dir.is_dir():
        print(f"maillage : dossier introuvable « {data_dir} ».", file=sys.stderr)
        return EXIT_USAGE
    try:
        changed = _changed(args)
    except changes.GitError as problem:
        print(f"maillage : {problem}", file=sys.stderr)
        return EXIT_USAGE
    reading = read_directory(data_dir, Options(review_months=args.revision_mois))
    diagnostics = reading.diagnostics
    schemas_folder = data_dir.parent / "schemas"  # the repository's, beside its data/
    if schemas_folder.is_dir():
        stale = schema_files.stale_taxonomy_schema(schemas_folder, reading.catalog.taxonomies, data_dir / "taxonomies")
        diagnostics = sorted([*diagnostics, *stale])
    sys.stdout.write(REPORTERS[args.format](diagnostics, reading.files, changed))
    return EXIT_INVALID if any(d.is_error for d in diagnostics) else EXIT_OK


def _changed(args: argparse.Namespace) -> frozenset[str] | None:
    """The files the change touches (--base, --changed), or None when the command was not told."""
    if args.base is None and args.changed is None:
        return None
    found = changes.changed_since(args.base) if args.base is not None else frozenset()
    return found | changes.of_paths(args.changed or ())


def _new(args: argparse.Namespace) -> int:
    kind = _kind_words()[args.kind]
    slug = slugify(args.name)
    if not slug:
        print(f"maillage : impossible de tirer un identifiant de « {args.name} ».", file=sys.stderr)
        return EXIT_USAGE
    path = Path(args.data) / kind.folder / f"{slug}.yml"
    if path.exists():
        print(
            f"maillage : {path} existe déjà ; choisissez un autre nom ou modifiez la fiche existante.", file=sys.stderr
        )
        return EXIT_USAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(kind, args.name, today()), encoding="utf-8")
    print(f"Fiche créée : {path}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from generator.editing.cms import CONFIG_FILE, Backend, config, render
    from generator.editing.issue_forms import write_issue_forms
    from generator.editing.terms import TaxonomyError, read_terms
    from generator.editing.vscode import write_settings

    data_dir = Path(args.data)
    if not data_dir.is_dir():
        print(f"maillage : dossier introuvable « {data_dir} ».", file=sys.stderr)
        return EXIT_USAGE
    taxonomies = read_directory(data_dir).catalog.taxonomies  # the ids editors complete
    for path in schema_files.write(Path(args.out), taxonomies):
        print(f"Schéma écrit : {path}")
    editor = Path(args.out) / CONFIG_FILE
    editor.write_text(render(config(Backend())), encoding="utf-8")
    print(f"Configuration de l'éditeur écrite : {editor}")
    if args.vscode:
        print(f"Réglages de VS Code écrits : {write_settings(Path(args.vscode))}")
    if args.formulaires == "":
        return EXIT_OK
    try:
        terms = read_terms(Path(args.data))
    except TaxonomyError as problem:
        sys.stdout.write(REPORTERS["text"](problem.diagnostics, len(problem.diagnostics), None))
        print("maillage : formulaires non écrits ; corrigez d'abord les taxonomies.", file=sys.stderr)
        return EXIT_INVALID
    for path in write_issue_forms(Path(args.formulaires), terms):
        print(f"Formulaire écrit : {path}")
    return EXIT_OK


def _proposition(args: argparse.Namespace) -> int:
    from generator.editing.intake import comment, take
    from generator.editing.terms import TaxonomyError, read_terms
    from generator.reading.load import LoadError, read_text

    data_dir, body_path = Path(args.data), Path(args.corps)
    if not data_dir.is_dir():
        print(f"maillage : dossier introuvable « {data_dir} ».", file=sys.stderr)
        return EXIT_USAGE
    try:
        body = sys.stdin.read() if args.corps == "-" else read_text(body_path)
    except LoadError as problem:
        print(f"maillage : {body_path} : {problem.message}", file=sys.stderr)
        return EXIT_USAGE
    try:
        terms = read_terms(data_dir)
    except TaxonomyError as problem:
        sys.stdout.write(REPORTERS["text"](problem.diagnostics, len(problem.diagnostics), None))
        return EXIT_INVALID
    outcome = take(body, body_path, data_dir, terms, today(), keep=args.ecrire)
    sys.stdout.write(REPORTERS["text"](sorted(outcome.diagnostics), 1, None))
    if outcome.valid and outcome.checked is not None:
        if args.ecrire:
            print(f"Fiche écrite : {outcome.checked.path}")
        else:
            sys.stdout.write(outcome.checked.text)
    if args.commentaire:
        Path(args.commentaire).write_text(comment(outcome), encoding="utf-8")
    return EXIT_OK if outcome.valid else EXIT_INVALID


def _export(args: argparse.Namespace) -> int:
    data_dir, out_dir = Path(args.data), Path(args.out)
    if not data_dir.is_dir():
        print(f"maillage : dossier introuvable « {data_dir} ».", file=sys.stderr)
        return EXIT_USAGE
    if not args.site_url.startswith(("https://", "http://")):
        print(f"maillage : adresse du site invalide « {args.site_url} » ; exemple : {DEFAULT_SITE_URL}",
              file=sys.stderr)
        return EXIT_USAGE
    reading = read_directory(data_dir)
    if reading.errors:  # publishing only the valid records would silently drop the others
        sys.stdout.write(REPORTERS["text"](reading.diagnostics, reading.files, None))
        print("maillage : export annulé ; corrigez les erreurs ci-dessus.", file=sys.stderr)
        return EXIT_INVALID
    files = export_all(reading.catalog, out_dir, ExportSettings(site_url=args.site_url))
    for file in files:
        if file.listed:
            print(f"{out_dir / file.path}  ({file.format}, {file.size} octets)")
    hidden = len([file for file in files if not file.listed])
    print(f"{len(files)} fichiers écrits dans {out_dir}, dont {hidden} agendas d'un seul événement (agenda/).")
    return EXIT_OK


def _site_problem(problem: Exception) -> int:
    print(f"maillage : {problem}", file=sys.stderr)
    return EXIT_INVALID


def _build(args: argparse.Namespace) -> int:
    import time

    from generator import build
    from generator.engines import mkdocs_run

    mkdocs_run.show_logs(args.verbose)
    started = time.perf_counter()
    try:
        config, plugin = mkdocs_run.load(Path(args.config), Path(args.site) if args.site else None, strict=args.strict)
    except mkdocs_run.Problem as problem:
        print(f"maillage : {problem}", file=sys.stderr)
        return EXIT_USAGE
    reading = build.read(mkdocs_run.settings_of(config, plugin))
    sys.stdout.write(REPORTERS[args.format](reading.diagnostics, reading.files, None))
    if reading.errors:
        print("Le site n'est pas construit : corrigez d'abord les erreurs ci-dessus.", file=sys.stderr)
        return EXIT_INVALID
    try:
        mkdocs_run.build(config, plugin, reading)
    except mkdocs_run.Problem as problem:
        return _site_problem(problem)
    print(f"Site construit dans {config.site_dir} en {time.perf_counter() - started:.1f} s.")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from generator.engines import mkdocs_run

    mkdocs_run.show_logs(verbose=True)
    try:
        mkdocs_run.serve(Path(args.config), args.dev_addr)
    except mkdocs_run.Problem as problem:
        return _site_problem(problem)
    return EXIT_OK


def _generate(args: argparse.Namespace) -> int:
    from generator import build
    from generator.engines import files

    site = _prepared_site(args.config)
    if isinstance(site, int):
        return site
    out = Path(args.out)
    try:
        generated = files.generate(site, Path(args.config), out)
    except files.ConfigError as problem:
        print(f"maillage : {problem}", file=sys.stderr)
        return EXIT_USAGE
    except build.WorkError as problem:
        print(f"maillage : {problem}", file=sys.stderr)
        return EXIT_INVALID
    print(f"{len(generated.files)} fichiers écrits dans {out / files.DOCS} (pages générées et pages de "
          f"{(site.settings.docs_dir or Path('docs')).name}/), la configuration dans {generated.config}.")
    print(f"Construire le site : « zensical build -f {generated.config} » (ou properdocs, mkdocs), puis "
          f"« maillage index {out / files.SITE} » pour la recherche et les données ouvertes.")
    return EXIT_OK


def _index(args: argparse.Namespace) -> int:
    from generator import build
    from generator.engines import files

    site_dir = Path(args.site)
    if not (site_dir / "index.html").is_file():
        print(f"maillage : « {site_dir} » n'est pas un site construit (pas de index.html).", file=sys.stderr)
        return EXIT_USAGE
    site = _prepared_site(args.config)
    if isinstance(site, int):
        return site
    try:
        indexed = files.index(site, site_dir)
    except build.WorkError as problem:
        print(f"maillage : {problem}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Données ouvertes écrites dans {site_dir / 'donnees'}, index de recherche de {indexed.pages} fiches "
          f"dans {indexed.folder}.")
    return EXIT_OK


def _prepared_site(config_file: str) -> build.Site | int:
    """The site of mkdocs.yml, read and ready for an engine; or, with the reason printed, the exit code."""
    from generator import build
    from generator.engines import mkdocs_run

    try:
        config, plugin = mkdocs_run.load(Path(config_file))
        return build.prepare(mkdocs_run.settings_of(config, plugin))
    except mkdocs_run.Problem as problem:
        print(f"maillage : {problem}", file=sys.stderr)
        return EXIT_USAGE
    except build.DataError as problem:
        sys.stdout.write(str(problem) + "\n")
        return EXIT_INVALID


def _settings_of(config_file: str) -> tuple[Settings, Path, str]:
    """The site settings of mkdocs.yml, the folder it lives in and its docs folder (relative to it)."""
    from generator.engines import mkdocs_run

    config, plugin = mkdocs_run.load(Path(config_file))
    project = Path(config_file).resolve().parent
    docs = Path(config.docs_dir).resolve()
    return mkdocs_run.settings_of(config, plugin), project, docs.relative_to(project).as_posix()


def _rapport(args: argparse.Namespace) -> int:
    from generator.engines import mkdocs_run
    from generator.upkeep import pull_request as pr_report

    try:
        settings, project, docs = _settings_of(args.config)
        artifact = pr_report.NOT_BUILT if args.site_non_construit else args.artefact or ""
        text = pr_report.report(settings, project, args.base, args.head, artifact, docs)
    except (mkdocs_run.Problem, changes.GitError) as problem:
        print(f"maillage : {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"Rapport écrit dans {args.out}.")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _relecture(args: argparse.Namespace) -> int:
    from generator import build
    from generator.engines import mkdocs_run
    from generator.upkeep import links
    from generator.upkeep import relecture as upkeep

    try:
        settings, _, _ = _settings_of(args.config)
    except mkdocs_run.Problem as problem:
        print(f"maillage : {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.simultanes < 1 or args.delai <= 0:
        print("maillage : --simultanes et --delai doivent être positifs.", file=sys.stderr)
        return EXIT_USAGE
    reading = build.read(settings)
    uses = verdicts = None
    if not args.sans_liens:
        uses = links.links_of(reading.catalog)
        check = links.CheckSettings(workers=args.simultanes, timeout=args.delai)
        verdicts = links.check((use.url for use in uses), check)
    body = upkeep.weekly_report(reading.catalog, settings, build.record_files(reading, settings), settings.today, uses,
                                verdicts, len(reading.errors))
    if args.out:
        Path(args.out).write_text(body, encoding="utf-8")
        print(f"Rapport « {upkeep.ISSUE_TITLE} » écrit dans {args.out}.")
    else:
        sys.stdout.write(body)
    return EXIT_OK  # dead links and stale records are news, never a failure


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="maillage", description="Annuaire partagé d'un réseau territorial de santé.")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMANDE")

    validate = commands.add_parser("validate", help="vérifier toutes les fiches et taxonomies")
    validate.add_argument("path", nargs="?", default="data", help="dossier des données (défaut : data)")
    validate.add_argument("--format", choices=sorted(REPORTERS), default="text", help="présentation des diagnostics")
    validate.add_argument(
        "--revision-mois",
        type=int,
        default=12,
        metavar="N",
        help="avertir quand une fiche n'a pas été vérifiée depuis N mois (défaut : 12)",
    )
    validate.add_argument(
        "--base", metavar="RÉVISION", default=None,
        help="révision git de départ (HEAD^1, main…) : les fichiers modifiés depuis passent en premier "
             "dans les annotations (format github)",
    )
    validate.add_argument(
        "--changed", nargs="+", metavar="FICHIER", default=None,
        help="fichiers modifiés par la demande, comme --base mais sans git",
    )
    validate.set_defaults(run=_validate)

    new = commands.add_parser("new", help="créer une fiche à partir d'un modèle commenté")
    new.add_argument(
        "kind",
        choices=sorted(_kind_words()),
        metavar="TYPE",
        help="actor, resource, practice ou event (ou acteur, ressource, pratique, evenement)",
    )
    new.add_argument("name", help="nom ou titre, entre guillemets")
    new.add_argument("--data", default="data", help="dossier des données (défaut : data)")
    new.set_defaults(run=_new)

    schema = commands.add_parser("schema", help="écrire les schémas JSON des fiches (pour l'éditeur)")
    schema.add_argument("--out", default="schemas", help="dossier de sortie (défaut : schemas)")
    schema.add_argument("--formulaires", default=".github/ISSUE_TEMPLATE", metavar="DOSSIER",
                        help="dossier des formulaires de ticket GitHub (défaut : .github/ISSUE_TEMPLATE ; "
                             "vide : ne pas les écrire)")
    schema.add_argument("--data", default="data", help="dossier des données, pour les taxonomies (défaut : data)")
    schema.add_argument("--vscode", default=".vscode/settings.json", metavar="FICHIER",
                        help="réglages de VS Code où associer chaque dossier de fiches à son schéma "
                             "(défaut : .vscode/settings.json ; vide : ne pas les écrire)")
    schema.set_defaults(run=_schema)

    proposition = commands.add_parser("proposition", help="faire une fiche d'une proposition (ticket ou courriel)")
    proposition.add_argument("corps", metavar="CORPS", help="fichier du texte de la proposition (« - » : l'entrée)")
    proposition.add_argument("--data", default="data", help="dossier des données (défaut : data)")
    proposition.add_argument("--ecrire", action="store_true",
                             help="écrire la fiche dans le dossier des données si elle est valide")
    proposition.add_argument("--commentaire", default=None, metavar="FICHIER",
                             help="écrire la réponse au proposant (Markdown) dans ce fichier")
    proposition.set_defaults(run=_proposition)

    export = commands.add_parser("export", help="écrire les données ouvertes (JSON, CSV, GeoJSON, iCal, Atom…)")
    export.add_argument("--out", default="site/donnees", help="dossier de sortie (défaut : site/donnees)")
    export.add_argument("--data", default="data", help="dossier des données (défaut : data)")
    export.add_argument("--site-url", default=DEFAULT_SITE_URL, metavar="URL",
                        help=f"adresse publique du site, pour les liens vers les fiches (défaut : {DEFAULT_SITE_URL})")
    export.set_defaults(run=_export)

    site_build = commands.add_parser("build", help="vérifier les données puis construire le site (dossier site/)")
    site_build.add_argument("--config", default="mkdocs.yml", help="configuration du site (défaut : mkdocs.yml)")
    site_build.add_argument("--site", default=None, metavar="DOSSIER",
                            help="dossier de sortie (défaut : site_dir de mkdocs.yml)")
    site_build.add_argument("--strict", action="store_true", help="échouer au moindre avertissement de MkDocs")
    site_build.add_argument("--format", choices=sorted(REPORTERS), default="text", help="présentation des diagnostics")
    site_build.add_argument("--verbose", action="store_true", help="afficher tous les messages de MkDocs")
    site_build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="prévisualiser le site ; il se reconstruit quand une fiche change")
    serve.add_argument("--config", default="mkdocs.yml", help="configuration du site (défaut : mkdocs.yml)")
    serve.add_argument("--dev-addr", default=None, metavar="HÔTE:PORT",
                       help="adresse d'écoute (défaut : 127.0.0.1:8000)")
    serve.set_defaults(run=_serve)

    generate = commands.add_parser("generate", help="écrire le site en fichiers pour un autre moteur (Zensical…)")
    generate.add_argument("--out", required=True, metavar="DOSSIER",
                          help="dossier où écrire les pages (docs/), le thème (theme/) et leur mkdocs.yml")
    generate.add_argument("--config", default="mkdocs.yml", help="configuration du site (défaut : mkdocs.yml)")
    generate.set_defaults(run=_generate)

    index = commands.add_parser("index", help="écrire l'index de recherche et les données ouvertes dans un site "
                                "construit par un autre moteur")
    index.add_argument("site", metavar="DOSSIER_DU_SITE", help="le site construit (son index.html)")
    index.add_argument("--config", default="mkdocs.yml", help="configuration du site (défaut : mkdocs.yml)")
    index.set_defaults(run=_index)

    rapport = commands.add_parser("rapport", help="ce qu'une modification change sur le site (commentaire de la "
                                  "demande)")
    rapport.add_argument("--base", required=True, metavar="RÉVISION", help="révision git de départ (main, HEAD^1…)")
    rapport.add_argument("--head", default=None, metavar="RÉVISION",
                         help="révision git d'arrivée (défaut : les fichiers tels qu'ils sont sur le disque)")
    rapport.add_argument("--config", default="mkdocs.yml", help="configuration du site (défaut : mkdocs.yml)")
    rapport.add_argument("--out", default=None, metavar="FICHIER", help="fichier où écrire le rapport (Markdown)")
    rapport.add_argument("--artefact", default=None, metavar="URL", help="adresse de l'archive du site construit")
    rapport.add_argument("--site-non-construit", action="store_true",
                         help="la construction du site a échoué (pour une autre raison que les fiches)")
    rapport.set_defaults(run=_rapport)

    relecture = commands.add_parser("relecture", help="fiches à relire et liens qui ne répondent plus (rapport "
                                    "hebdomadaire)")
    relecture.add_argument("--config", default="mkdocs.yml", help="configuration du site (défaut : mkdocs.yml)")
    relecture.add_argument("--out", default=None, metavar="FICHIER", help="fichier où écrire le rapport (Markdown)")
    relecture.add_argument("--sans-liens", action="store_true", help="ne pas vérifier les liens externes")
    relecture.add_argument("--simultanes", type=int, default=8, metavar="N",
                           help="liens vérifiés en même temps (défaut : 8)")
    relecture.add_argument("--delai", type=float, default=10.0, metavar="SECONDES",
                           help="attente maximale d'une réponse, par essai (défaut : 10)")
    relecture.set_defaults(run=_relecture)
    return main


# Commands whose process ends at once (`os._exit`) once their output is flushed: their memory goes back to the
# system in one piece instead of being freed object by object. Only where it was measured to pay (bench/RESULTS.md,
# bench/exit_cost.py); the others end as Python does (exit handlers run, nothing to gain).
ENDS_AT_ONCE = frozenset({"build", "generate"})


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))


def run() -> NoReturn:
    """The `maillage` command: `main`, ended at once for the commands of ENDS_AT_ONCE."""
    args = parser().parse_args()
    code = int(args.run(args))
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that has gone (`maillage validate | head`): the rest goes nowhere, quietly
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    if args.command in ENDS_AT_ONCE:
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
