"""The French key a contributor meant when writing another: in English (`name`, `phone`), with accents
(`thématiques`), capitals or spaces (`Code postal`), singular for plural (`thematique`).

Only sure answers: a key that is none of these gets pydantic's close-match suggestion instead."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# English (and a few French synonyms) -> the French keys it may stand for, most likely first; the first one
# the block has is the answer.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("nom", "titre"),
    "title": ("titre", "nom"),
    "label": ("label", "titre", "nom"),
    "acronym": ("sigle",),
    "abbreviation": ("sigle",),
    "kind": ("type",),
    "category": ("type",),
    "categorie": ("type",),
    "phone": ("telephone",),
    "tel": ("telephone",),
    "telephone_number": ("telephone",),
    "phone_number": ("telephone",),
    "email": ("courriel",),
    "e_mail": ("courriel",),
    "mail": ("courriel",),
    "adresse_mail": ("courriel",),
    "adresse_electronique": ("courriel",),
    "website": ("site_web",),
    "web": ("site_web",),
    "site": ("site_web",),
    "site_internet": ("site_web",),
    "url": ("url", "site_web"),
    "link": ("url", "liens"),
    "links": ("liens",),
    "address": ("adresse",),
    "street": ("adresse",),
    "zip": ("code_postal",),
    "zipcode": ("code_postal",),
    "zip_code": ("code_postal",),
    "postcode": ("code_postal",),
    "postal_code": ("code_postal",),
    "cp": ("code_postal",),
    "city": ("commune",),
    "town": ("commune",),
    "ville": ("commune",),
    "country": ("pays",),
    "lat": ("latitude",),
    "lng": ("longitude",),
    "lon": ("longitude",),
    "long": ("longitude",),
    "themes": ("thematiques",),
    "theme": ("thematiques",),
    "topics": ("thematiques",),
    "tags": ("thematiques",),
    "audience": ("publics",),
    "audiences": ("publics",),
    "public_cible": ("publics",),
    "territory": ("territoires",),
    "territories": ("territoires",),
    "zone": ("territoires",),
    "partners": ("partenaires",),
    "networks": ("reseaux",),
    "places": ("lieux",),
    "locations": ("lieux",),
    "location": ("lieu", "lieux"),
    "place": ("lieu", "lieux"),
    "venue": ("lieu",),
    "contact": ("contact", "contacts"),
    "summary": ("resume",),
    "start": ("debut",),
    "start_date": ("debut",),
    "date_debut": ("debut",),
    "date": ("debut", "date_publication"),
    "end": ("fin",),
    "end_date": ("fin",),
    "date_fin": ("fin",),
    "organizer": ("organisateurs",),
    "organizers": ("organisateurs",),
    "organiser": ("organisateurs",),
    "organisers": ("organisateurs",),
    "author": ("auteurs",),
    "authors": ("auteurs",),
    "publisher": ("editeur",),
    "file": ("fichier",),
    "language": ("langues",),
    "languages": ("langues",),
    "updated": ("date_maj",),
    "last_update": ("date_maj",),
    "updated_at": ("date_maj",),
    "mise_a_jour": ("date_maj",),
    "date_mise_a_jour": ("date_maj",),
    "date_de_mise_a_jour": ("date_maj",),
    "maj": ("date_maj",),
    "opening_hours": ("horaires",),
    "hours": ("horaires",),
    "registration": ("inscription",),
    "online": ("en_ligne",),
    "visio": ("en_ligne",),
    "function": ("fonction",),
    "role": ("fonction",),
    "poste": ("fonction",),
    "consent": ("consentement",),
    "free": ("gratuit",),
    "anonymous": ("anonyme",),
    "appointment": ("sur_rendez_vous",),
    "rendez_vous": ("sur_rendez_vous",),
    "identifiers": ("identifiants",),
    "status": ("statut",),
    "objectives": ("objectifs",),
    "context": ("contexte",),
    "resources": ("ressources",),
    "evaluation_type": ("evaluation",),
}


def plain(key: str) -> str:
    """A key as the contract would spell it: no accents, lower case, `_` between words."""
    spelled = unicodedata.normalize("NFKD", key.strip().rstrip(":")).encode("ascii", "ignore").decode()
    words = spelled.lower().replace("-", " ").replace("'", " ").split()
    return "_".join(words)


def key_meant(written: str, fields: Sequence[str]) -> str | None:
    """The key of `fields` that `written` surely stands for, or None."""
    key = plain(written)
    if key != written and key in fields:
        return key
    for candidate in SYNONYMS.get(key, ()):
        if candidate in fields and candidate != written:
            return candidate
    for other in (key + "s", key[:-1] if key.endswith("s") else "", key.replace("_", "")):
        if other and other != written and other in fields:
            return other
    return None
