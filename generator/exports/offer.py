"""offre.csv: the offer by territory, every pair (thématique, territoire) on one row, for spreadsheets.

The counts are those of the /offre/ pages (generator/site/offer.py: a parent term counts its children's
actors). Same conventions as the other CSV files (generator/exports/csv.py): UTF-8 with a BOM, CRLF, texts
that a spreadsheet would run as formulas made inert.
"""

from __future__ import annotations

import csv
import io

from generator.exports.common import ExportSettings
from generator.exports.csv import inert
from generator.reading.catalog import Catalog
from generator.site.offer import OfferMatrix

PATH = "offre.csv"
COLUMNS = ["thematique", "thematique_libelle", "thematique_parent", "territoire", "territoire_libelle",
           "territoire_parent", "acteurs", "services", "aucun_acteur", "acteurs_territoire_plus_large"]


def table(catalog: Catalog, settings: ExportSettings) -> bytes:
    matrix = OfferMatrix(catalog)
    themes, places = matrix.thematiques, matrix.territoires
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for theme, _ in matrix.rows():
        for place, _ in places.walk():
            cell = matrix.cell(theme, place.id)
            writer.writerow([
                theme, inert(themes.label(theme)), themes.terms[theme].parent or "",
                place.id, inert(place.label), place.parent or "",
                cell.actors, cell.services, "oui" if cell.empty else "non", cell.wider,
            ])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
