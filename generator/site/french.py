"""The site's French: dates written out, plurals, lists, and labels for the fixed values of the data contract."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

from generator.contract.nouns import capitalize as capitalize  # the site's French in one namespace
from generator.contract.nouns import plural as plural

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def _day(value: date) -> str:
    return "1er" if value.day == 1 else str(value.day)


def time_fr(value: datetime) -> str:
    """ "9 h 30", "14 h"."""
    return f"{value.hour} h" + (f" {value.minute:02d}" if value.minute else "")


def date_fr(value: date | datetime, year: bool = True) -> str:
    """ "12 mars 2026", "1er mars 2026"; a date-time adds its time: "12 mars 2026 à 9 h 30"."""
    text = f"{_day(value)} {MONTHS[value.month - 1]}" + (f" {value.year}" if year else "")
    if isinstance(value, datetime):
        text += f" à {time_fr(value)}"
    return text


def span_fr(start: date | datetime, end: date | datetime | None) -> str:
    """When an event takes place: "le 18 mars 2027", "du 10 au 11 juin 2027", "le 14 janvier 2027 de 9 h 30 à 17 h"."""
    start_day = start.date() if isinstance(start, datetime) else start
    end_day = end.date() if isinstance(end, datetime) else end
    if end is None or end_day == start_day:
        text = f"le {date_fr(start_day)}"
        if isinstance(start, datetime):
            text += f" de {time_fr(start)} à {time_fr(end)}" if isinstance(end, datetime) else f" à {time_fr(start)}"
        return text
    assert end_day is not None
    if start_day.year != end_day.year:
        first = date_fr(start_day)
    elif start_day.month != end_day.month:
        first = date_fr(start_day, year=False)
    else:
        first = _day(start_day)
    text = f"du {first} au {date_fr(end_day)}"
    if isinstance(start, datetime) and isinstance(end, datetime):
        text = f"du {date_fr(start)} au {date_fr(end)}"
    return text


def period_fr(start: date | None, end: date | None) -> str:
    if start and end:
        return f"du {date_fr(start)} au {date_fr(end)}"
    if start:
        return f"depuis le {date_fr(start)}"
    if end:
        return f"jusqu'au {date_fr(end)}"
    return ""


def size_fr(size: int) -> str:
    """A file size in French units (1 ko = 1,000 bytes), with a non-breaking space: "850 octets", "12,3 ko",
    "1,2 Mo"."""
    if size < 1000:
        return f"{size}\u00a0octet" + ("s" if size > 1 else "")
    value, unit = size / 1e3, "ko"
    for larger in ("Mo", "Go"):
        if value < 999.5:
            break
        value, unit = value / 1e3, larger
    number = f"{value:.1f}" if value < 99.95 else f"{value:.0f}"
    return f"{number.replace('.', ',')}\u00a0{unit}"


def join_fr(items: Iterable[str]) -> str:
    """ "a", "a et b", "a, b et c"."""
    words = list(items)
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " et " + words[-1]


def sort_key(text: str) -> str:
    """Alphabetical order as a French reader expects it: accents and case do not count."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# --- labels of the fixed values (Literal fields of the model) -------------------------------------------

MODALITES = {"sur-place": "sur place", "a-distance": "à distance", "aller-vers": "aller-vers (hors les murs)"}
ACCES = {"libre": "Accès libre", "pret": "Prêt", "commande": "Sur commande"}
ACCESSIBILITE = {
    "falc": "Facile à lire et à comprendre (FALC)",
    "sous-titre": "Sous-titrée",
    "audio": "Version audio",
    "audiodescription": "Audiodescription",
    "braille": "Braille",
    "gros-caracteres": "Gros caractères",
    "langue-des-signes": "Langue des signes",
}
STATUT = {"en-cours": "En cours", "terminee": "Terminée", "reconduite": "Reconduite"}
NIVEAU_DE_PREUVE = {
    "declaratif": "Déclaratif : l'action est décrite par l'équipe qui la mène",
    "evaluee": "Évaluée : l'action a fait l'objet d'une évaluation",
    "capitalisee": "Capitalisée : l'expérience a été analysée et écrite pour être transmise",
    "reconnue": "Reconnue : l'action est validée par un organisme extérieur",
}
EVALUATION = {
    "aucune": "Pas d'évaluation",
    "processus": "Évaluation du processus (comment l'action s'est déroulée)",
    "resultats": "Évaluation des résultats",
    "impact": "Évaluation de l'impact",
}
TERRITOIRE_TYPE = {
    "region": "Région",
    "departement": "Département ou province",
    "epci": "Intercommunalité",
    "commune": "Commune",
    "quartier": "Quartier",
    "bassin": "Bassin de vie",
    "autre": "Territoire",
}
PAYS = {"FR": "France", "BE": "Belgique", "LU": "Luxembourg", "CH": "Suisse", "DE": "Allemagne"}
IDENTIFIANTS = {"siret": "SIRET", "rna": "RNA", "finess": "FINESS", "bce": "Numéro d'entreprise (BCE)"}
LANGUES = {
    "fr": "français", "nl": "néerlandais", "en": "anglais", "de": "allemand", "ar": "arabe", "es": "espagnol",
    "it": "italien", "pt": "portugais", "tr": "turc", "ro": "roumain", "ru": "russe", "uk": "ukrainien",
    "pl": "polonais", "fa": "persan", "prs": "dari", "ps": "pachto", "ti": "tigrigna", "so": "somali",
    "wa": "wallon", "zh": "chinois", "bg": "bulgare", "sq": "albanais", "ln": "lingala", "sw": "swahili",
    "fcs": "langue des signes française",
}


def label(table: dict[str, str], value: str) -> str:
    return table.get(value, value)
