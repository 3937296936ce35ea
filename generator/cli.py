"""The `maillage` command: validate the data, create a record, write the JSON Schemas (and build the site)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from generator.directory import Options, read_directory
from generator.fields import slugify
from generator.model import KIND_BY_NAME
from generator.report import REPORTERS
from generator.scaffold import template
from generator.schema import write_schemas

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
KIND_WORDS = {
    "actor": "actor",
    "acteur": "actor",
    "resource": "resource",
    "ressource": "resource",
    "practice": "practice",
    "pratique": "practice",
    "event": "event",
    "evenement": "event",
}


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.path)
    if not data_dir.is_dir():
        print(f"maillage : dossier introuvable « {data_dir} ».", file=sys.stderr)
        return EXIT_USAGE
    reading = read_directory(data_dir, Options(review_months=args.revision_mois))
    sys.stdout.write(REPORTERS[args.format](reading.diagnostics, reading.files))
    return EXIT_INVALID if reading.errors else EXIT_OK


def _new(args: argparse.Namespace) -> int:
    kind = KIND_BY_NAME[KIND_WORDS[args.kind]]
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
    path.write_text(template(kind, args.name, date.today()), encoding="utf-8")
    print(f"Fiche créée : {path}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    for path in write_schemas(Path(args.out)):
        print(f"Schéma écrit : {path}")
    return EXIT_OK


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
    validate.set_defaults(run=_validate)

    new = commands.add_parser("new", help="créer une fiche à partir d'un modèle commenté")
    new.add_argument(
        "kind",
        choices=sorted(KIND_WORDS),
        metavar="TYPE",
        help="actor, resource, practice ou event (ou acteur, ressource, pratique, evenement)",
    )
    new.add_argument("name", help="nom ou titre, entre guillemets")
    new.add_argument("--data", default="data", help="dossier des données (défaut : data)")
    new.set_defaults(run=_new)

    schema = commands.add_parser("schema", help="écrire les schémas JSON des fiches (pour l'éditeur)")
    schema.add_argument("--out", default="schemas", help="dossier de sortie (défaut : schemas)")
    schema.set_defaults(run=_schema)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
