"""Benchmark data: a complete, valid data directory of N made-up records in the sample's proportions.

    python bench/generate.py --records 10000 --out /tmp/maillage-10k [--seed 0]

The sample taxonomies (the test network's, tests/fixtures/network/data/) are copied (territories extended with
more communes of the Nord and of Hainaut), then about 45 % actors, 35 % resources, 10 % good practices and
10 % events are written, with references between them (network members, partners, authors, porteurs,
organisers) that all exist. The same seed and day give byte-identical files: everything random comes from one
`random.Random(seed)`.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import vocabulary as vocab

# The taxonomies the vocabulary was written for: the test network's, which a fork replacing data/ keeps.
SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "network" / "data"
SHARES = {"actor": 0.45, "resource": 0.35, "practice": 0.10, "event": 0.10}
FOLDERS = {"actor": "actors", "resource": "resources", "practice": "practices", "event": "events"}
SCHEMAS = {"actor": "acteur", "resource": "ressource", "practice": "pratique", "event": "evenement"}
SAMPLE_FILE = "synthese-diagnostic-2026.pdf"  # copied from the sample, named by a few resources
MAX_AGE_DAYS = 300  # date_maj within the last 10 months


# --- counts and names --------------------------------------------------------------------------------


def counts(records: int) -> dict[str, int]:
    """Records per kind: the shares rounded, the remainder to events; at least one actor when any record."""
    if records <= 0:
        return dict.fromkeys(SHARES, 0)
    actors = max(1, round(records * SHARES["actor"]))
    resources = min(records - actors, round(records * SHARES["resource"]))
    practices = min(records - actors - resources, round(records * SHARES["practice"]))
    return {
        "actor": actors,
        "resource": resources,
        "practice": practices,
        "event": records - actors - resources - practices,
    }


def slugify(text: str, max_length: int = 60) -> str:
    spelled = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae")
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "fiche"


class Ids:
    """Unique ids per kind: a repeated name gets -2, -3 ..."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def make(self, text: str) -> str:
        base = slugify(text)
        self.seen[base] = self.seen.get(base, 0) + 1
        if self.seen[base] == 1:
            return base
        candidate = f"{base}-{self.seen[base]}"
        while candidate in self.seen:
            self.seen[base] += 1
            candidate = f"{base}-{self.seen[base]}"
        self.seen[candidate] = 1
        return candidate


def de(place: str) -> str:
    if place.startswith("Le "):
        return "du " + place[3:]
    return ("d'" if place[0] in "AEIOUÉÈ" else "de ") + place


def a(place: str) -> str:
    return "au " + place[3:] if place.startswith("Le ") else "à " + place


# --- the random source and text ------------------------------------------------------------------------

_ELISION = re.compile(r"\b([Dd])e ([AEIOUYÉÈaeiouyéè])")  # « de IVG » -> « d'IVG »


@dataclass
class Context:
    """One record's words: its commune, main theme and public, to fill the sentences' slots."""

    commune: vocab.Commune
    theme: str
    public: str
    nom: str = ""
    partenaire: str = "les partenaires du territoire"


class Writer:
    """Draws everything from one Random: choices, dates, sentences, paragraphs."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = Random(seed)
        self.today = today
        self.communes = list(vocab.COMMUNES)
        self.commune_weights = [c.weight for c in self.communes]

    # choices
    def pick(self, items: Sequence[Any]) -> Any:
        return items[self.rng.randrange(len(items))]

    def some(self, items: Sequence[Any], low: int, high: int) -> list[Any]:
        """Between low and high distinct items, in the pool's order (stable, readable files)."""
        pool = list(dict.fromkeys(items))
        chosen = set(self.rng.sample(range(len(pool)), min(len(pool), self.rng.randint(low, high))))
        return [item for index, item in enumerate(pool) if index in chosen]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def commune(self, country: str | None = None) -> vocab.Commune:
        while True:
            found = self.rng.choices(self.communes, self.commune_weights)[0]
            if country is None or found.pays == country:
                return found

    # dates
    def date_maj(self) -> date:
        return self.today - timedelta(days=self.rng.randint(0, MAX_AGE_DAYS))

    def past(self, min_days: int, max_days: int) -> date:
        return self.today - timedelta(days=self.rng.randint(min_days, max_days))

    # text
    def fill(self, template: str, ctx: Context) -> str:
        title, with_article, bare = vocab.THEMES.get(ctx.theme, (ctx.theme, ctx.theme, ctx.theme))
        pour, aupres = vocab.PUBLICS.get(ctx.public, (ctx.public, ctx.public))
        year = self.today.year - self.rng.randint(1, 4)
        slots = {
            "nom": ctx.nom,
            "commune": ctx.commune.label,
            "a_commune": a(ctx.commune.label),
            "a_commune_cap": "À" + a(ctx.commune.label)[1:],
            "de_commune": de(ctx.commune.label),
            "Theme": title,
            "theme": with_article,
            "theme_nu": bare,
            "public": pour,
            "aupres": aupres,
            "annee": str(year),
            "annee2": str(year + self.rng.randint(1, 3)),
            "nombre": str(self.rng.randint(12, 950)),
            "petit": str(self.rng.randint(3, 25)),
            "pourcent": str(self.rng.randint(18, 64)),
            "partenaire": ctx.partenaire,
            "mission": self.pick(vocab.MISSIONS),
            "personne": self.pick(vocab.PEOPLE),
        }
        text = _ELISION.sub(r"\1'\2", template.format_map(slots))
        return text[0].upper() + text[1:]

    def sentences(self, bank: Sequence[str], ctx: Context, low: int, high: int) -> list[str]:
        return [self.fill(s, ctx) for s in self.some(bank, low, high)]

    def paragraph(self, bank: Sequence[str], ctx: Context, low: int = 2, high: int = 4) -> str:
        return wrap(" ".join(self.sentences(bank, ctx, low, high)))

    def paragraphs(self, bank: Sequence[str], ctx: Context, count: int) -> str:
        """`count` paragraphs of two to four sentences, no sentence twice (fewer paragraphs if the bank runs out)."""
        order = self.rng.sample(range(len(bank)), len(bank))
        found = []
        while order and len(found) < count:
            size = self.rng.randint(2, 4)
            found.append(wrap(" ".join(self.fill(bank[i], ctx) for i in order[:size])))
            order = order[size:]
        return "\n\n".join(found) + "\n"

    def bullets(self, bank: Sequence[str], ctx: Context, low: int, high: int, numbered: bool = False) -> str:
        items = self.sentences(bank, ctx, low, high)
        marks = [f"{n}. " if numbered else "- " for n in range(1, len(items) + 1)]
        return "".join(
            wrap(mark + item, indent=" " * len(mark)) + "\n" for mark, item in zip(marks, items, strict=True)
        )


def wrap(text: str, width: int = 100, indent: str = "") -> str:
    """Markdown source lines of at most `width` characters, as people write them in the sample."""
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = indent + word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


# --- records -------------------------------------------------------------------------------------------


@dataclass
class Plan:
    """Ids and names decided before any record is written, so that references can point anywhere."""

    actors: list[tuple[str, str, vocab.Profile, vocab.Commune]] = field(default_factory=list)  # id, name, ...
    networks: list[str] = field(default_factory=list)
    network_weights: list[float] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # actor id -> name
    actor_ids: list[str] = field(default_factory=list)


def plan_actors(w: Writer, count: int) -> Plan:
    plan, ids, taken = Plan(), Ids(), set[str]()
    weights = [p.weight for p in vocab.PROFILES]
    for _ in range(count):
        profile = w.rng.choices(vocab.PROFILES, weights)[0]
        commune = w.commune(w.pick(profile.countries))
        ctx = Context(commune, w.pick(profile.themes), w.pick(profile.publics), nom=w.pick(vocab.PROPER_NAMES))
        name = w.fill(w.pick(profile.names), ctx)
        name = distinct(w, name, taken)
        actor_id = ids.make(name)
        plan.actors.append((actor_id, name, profile, commune))
        plan.names[actor_id] = name
        plan.actor_ids.append(actor_id)
        if profile.network:
            plan.networks.append(actor_id)
    # a few networks gather most members: weights fall with the rank (Zipf-like), steeply enough that from a few
    # hundred records the largest has more members than a record page names (its members get pages of their own)
    plan.network_weights = [1 / (rank + 1) ** 1.5 for rank in range(len(plan.networks))]
    return plan


_SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et"}


def distinct(w: Writer, name: str, taken: set[str]) -> str:
    """The name, or for a second « Antenne sociale de Charleroi » the same with which site it is."""
    candidates = [name] + [f"{name}, {site}" for site in w.rng.sample(vocab.SITES, len(vocab.SITES))]
    found = next((c for c in candidates if c not in taken), None)
    number = 2
    while found is None:
        found = f"{name} n° {number}" if f"{name} n° {number}" not in taken else None
        number += 1
    taken.add(found)
    return found


def domain_of(actor_id: str) -> str:
    """« centre-de-sante-sexuelle-de-lille » -> « centre-sante-sexuelle-lille.example.org »."""
    return "-".join(word for word in actor_id.split("-") if word not in _SMALL_WORDS) + ".example.org"


def phone(w: Writer, commune: vocab.Commune) -> str:
    """Numbers of the ranges kept for fiction ("03 53 01 …"); Belgian ones in the commune's zone."""
    end = f"{w.rng.randint(0, 99):02d} {w.rng.randint(0, 99):02d}"
    if commune.pays == "BE":
        return f"+32 {vocab.BE_ZONES.get(commune.code_postal[0], '71')} 00 {end}"
    return f"03 53 01 {end}"


def territories_of(w: Writer, commune: vocab.Commune, wide: bool) -> list[str]:
    found = [commune.id]
    if w.chance(0.4):
        found.append(commune.parent)
    if wide:
        found += w.some(vocab.WIDE_AREAS, 1, 3)
    return list(dict.fromkeys(found))


def others(w: Writer, pool: Sequence[str], exclude: str, low: int, high: int) -> list[str]:
    if not pool:
        return []
    picked = [pool[w.rng.randrange(len(pool))] for _ in range(w.rng.randint(low, high))]
    return list(dict.fromkeys(p for p in picked if p != exclude))


def actor(w: Writer, plan: Plan, index: int) -> tuple[str, dict[str, Any]]:
    actor_id, name, profile, commune = plan.actors[index]
    themes = w.some(profile.themes, 1, 4)
    publics = w.some(profile.publics, 0, 3)
    partners = others(w, plan.actor_ids, actor_id, 0, 5)
    ctx = Context(
        commune,
        w.pick(themes),
        w.pick(publics or ["tous-publics"]),
        nom=name,
        partenaire=plan.names[partners[0]] if partners else "les partenaires du territoire",
    )
    domain = domain_of(actor_id)
    long = w.chance(0.15)
    description = (
        w.paragraph(vocab.SENTENCES_ACTOR_OPENING, ctx, 1, 1) + " " + w.paragraph(vocab.SENTENCES_ACTOR, ctx, 1, 3)
    )
    description = wrap(description.replace("\n", " ")) + "\n"
    if long:
        description += "\n" + w.paragraphs(vocab.SENTENCES_ACTOR, ctx, w.rng.randint(1, 3))
    services_pool = vocab.SERVICES_BY_TYPE.get(profile.type, ()) + vocab.SERVICES_COMMON
    services = []
    for service_name, service_text in w.some(services_pool, 0, 8 if long else 4):
        services.append(
            {
                "nom": service_name,
                "description": w.fill(service_text, ctx),
                "publics": w.some(publics, 0, 2),
                "modalites": w.some(["sur-place", "a-distance", "aller-vers"], 1, 2),
                "gratuit": w.chance(0.8),
                "sur_rendez_vous": w.chance(0.5),
                "anonyme": True if w.chance(0.2) else None,
            }
        )
    main_phone = phone(w, commune)
    links = [w.fill(title, ctx) for title in w.some(vocab.LINK_TITLES, 0, 2)]
    data: dict[str, Any] = {
        "nom": name,
        "sigle": acronym(name) if w.chance(0.3) else None,
        "type": profile.type,
        "description": description,
        "thematiques": themes,
        "publics": publics,
        "territoires": territories_of(w, commune, profile.network or w.chance(0.1)),
        "lieux": [lieu(w, name, commune, i) for i in range(w.rng.choice((0, 1, 1, 1, 1, 2, 2, 3)))],
        "telephone": main_phone,
        "courriel": f"accueil@{domain}",
        "site_web": f"https://{domain}" if w.chance(0.85) else None,
        "services": services,
        "contacts": [contact(w, domain, commune, function) for function in w.some(vocab.FUNCTIONS, 0, 3)],
        "reseaux": [] if profile.network else others_weighted(w, plan, actor_id),
        "partenaires": partners,
        "identifiants": identifiants(w, profile, commune) if w.chance(0.6) else None,
        "liens": [{"titre": title, "url": f"https://{domain}/{slugify(title)}"} for title in links],
        "date_maj": w.date_maj(),
    }
    return actor_id, data


def acronym(name: str) -> str | None:
    """« Centre de santé sexuelle de Lille » -> « CSSL »; None when too short to be one."""
    letters = "".join(word[0] for word in re.split(r"[\s'-]+", name) if len(word) > 3).upper()
    return letters[:6] if len(letters) >= 3 else None


def others_weighted(w: Writer, plan: Plan, actor_id: str) -> list[str]:
    if not plan.networks:
        return []
    count = w.rng.choice((0, 1, 1, 1, 2, 2, 3))
    return list(dict.fromkeys(n for n in w.rng.choices(plan.networks, plan.network_weights, k=count) if n != actor_id))


def lieu(w: Writer, name: str, commune: vocab.Commune, index: int) -> dict[str, Any]:
    place = commune if index == 0 else w.commune(commune.pays)
    number = w.rng.randint(1, 180)
    address = f"{w.pick(vocab.BE_STREETS)} {number}" if place.pays == "BE" else f"{number} {w.pick(vocab.STREETS)}"
    return {
        "nom": name if index == 0 else f"Antenne {de(place.label)}",
        "adresse": address,
        "code_postal": place.code_postal,
        "commune": place.label,
        "code_insee": place.code,
        "pays": place.pays,
        "latitude": round(place.latitude + w.rng.uniform(-0.02, 0.02), 4),
        "longitude": round(place.longitude + w.rng.uniform(-0.03, 0.03), 4),
        "horaires": w.pick(vocab.HOURS),
        "accessibilite": w.pick(vocab.ACCESS) if w.chance(0.7) else None,
    }


def contact(w: Writer, domain: str, commune: vocab.Commune, function: str) -> dict[str, Any]:
    return {
        "fonction": function,
        "courriel": f"{slugify(function, 30)}@{domain}" if w.chance(0.9) else None,
        "telephone": phone(w, commune) if w.chance(0.6) else None,
    }


def digits(w: Writer, count: int) -> str:
    return "".join(str(w.rng.randint(0, 9)) for _ in range(count))


def identifiants(w: Writer, profile: vocab.Profile, commune: vocab.Commune) -> dict[str, Any]:
    if commune.pays == "BE":
        return {"bce": f"0{digits(w, 3)}.{digits(w, 3)}.{digits(w, 3)}"}
    found: dict[str, Any] = {"siret": digits(w, 14)}
    if profile.type == "association":
        found["rna"] = "W59" + digits(w, 7)
    if profile.type in ("etablissement-sante", "centre-sante-sexuelle"):
        found["finess"] = "59" + digits(w, 7)
    return found


def resource(w: Writer, plan: Plan, resource_id: str, title: str, kind: str, ctx: Context) -> dict[str, Any]:
    actor_ids = plan.actor_ids
    authors = others(w, actor_ids, "", 1, 3) if w.chance(0.75) else []
    ctx.partenaire = plan.names[authors[0]] if authors else ctx.partenaire
    description = w.paragraph(vocab.SENTENCES_RESOURCE, ctx, 2, 4) + "\n"
    if w.chance(0.2):
        description += "\n" + w.paragraphs(vocab.SENTENCES_RESOURCE, ctx, w.rng.randint(1, 2))
    acces = w.pick(("libre", "libre", "libre", "pret", "commande"))
    with_file = w.chance(0.02)
    published = w.past(30, 2500)
    return {
        "titre": title,
        "type": kind,
        "description": description,
        "thematiques": list(dict.fromkeys([ctx.theme, *w.some(vocab.ALL_THEMES, 0, 2)])),
        "publics": list(dict.fromkeys([ctx.public, *w.some(list(vocab.PUBLICS), 0, 2)])),
        "territoires": territories_of(w, ctx.commune, w.chance(0.5)) if w.chance(0.8) else [],
        "auteurs": authors,
        "editeur": None if authors and w.chance(0.8) else w.pick(vocab.PUBLISHERS),
        "url": None
        if with_file
        else f"https://{domain_of(authors[0]) if authors else 'ressources.example.org'}/{resource_id}",
        "fichier": SAMPLE_FILE if with_file else None,
        "date_publication": published if w.chance(0.85) else None,
        "langues": w.pick((["fr"], ["fr"], ["fr"], ["fr"], ["fr", "nl"], ["fr", "en", "ar"], ["fr", "en"])),
        "acces": acces,
        "disponible_aupres_de": authors[0] if authors and acces != "libre" else None,
        "licence": w.pick(vocab.LICENCES) if w.chance(0.6) else None,
        "accessibilite": w.some(["falc", "sous-titre", "audio", "gros-caracteres"], 0, 2) if w.chance(0.2) else [],
        "date_maj": w.date_maj(),
    }


def plan_resources(w: Writer, plan: Plan, count: int) -> list[tuple[str, str, str, Context]]:
    ids, planned = Ids(), []
    kinds, weights = list(vocab.RESOURCE_TYPE_WEIGHTS), list(vocab.RESOURCE_TYPE_WEIGHTS.values())
    for _ in range(count):
        kind = w.rng.choices(kinds, weights)[0]
        ctx = Context(
            w.commune(), w.pick(vocab.ALL_THEMES), w.pick(list(vocab.PUBLICS)), nom=w.pick(vocab.PROPER_NAMES)
        )
        title = w.fill(w.pick(vocab.RESOURCE_TITLES[kind]), ctx)
        resource_id = ids.make(f"{kind} {title}")
        planned.append((resource_id, title, kind, ctx))
        plan.resources.append(resource_id)
    return planned


def practice(w: Writer, plan: Plan, title: str, ctx: Context) -> dict[str, Any]:
    actor_ids = plan.actor_ids
    porteur = w.pick(actor_ids)
    partners = others(w, actor_ids, porteur, 0, 6)
    ctx.partenaire = plan.names[partners[0]] if partners else plan.names[porteur]
    long = w.chance(0.4)
    start = w.past(120, 2200)
    status = w.pick(("en-cours", "terminee", "reconduite"))
    evaluation = None
    if long or w.chance(0.5):
        kind = w.pick(("aucune", "processus", "resultats", "impact"))
        evaluation = {"type": kind}
        if kind != "aucune":
            evaluation["methode"] = w.paragraph(vocab.SENTENCES_EVALUATION_METHOD, ctx, 1, 2) + "\n"
            evaluation["resultats"] = w.paragraph(vocab.SENTENCES_EVALUATION_RESULTS, ctx, 2, 4) + "\n"
    optional = (lambda text: text) if long else (lambda text: text if w.chance(0.3) else None)
    return {
        "titre": title,
        "resume": w.paragraph(vocab.SENTENCES_SUMMARY, ctx, 1, 2) + "\n",
        "porteur": porteur,
        "partenaires": partners,
        "territoires": territories_of(w, ctx.commune, w.chance(0.3)),
        "thematiques": list(dict.fromkeys([ctx.theme, *w.some(vocab.ALL_THEMES, 0, 2)])),
        "publics": list(dict.fromkeys([ctx.public, *w.some(list(vocab.PUBLICS), 0, 2)])),
        "periode": {"debut": start, "fin": min(w.today, start + timedelta(days=w.rng.randint(90, 900)))}
        if status == "terminee"
        else {"debut": start},
        "statut": status,
        "contexte": w.paragraphs(vocab.SENTENCES_CONTEXT, ctx, w.rng.randint(2, 4))
        if long
        else w.paragraph(vocab.SENTENCES_CONTEXT, ctx, 1, 2) + "\n",
        "objectifs": w.bullets(vocab.ITEMS_OBJECTIVE, ctx, 3, 6)
        if long
        else w.bullets(vocab.ITEMS_OBJECTIVE, ctx, 1, 3),
        "actions": w.bullets(vocab.ITEMS_ACTION, ctx, 5, 10, numbered=True)
        if long
        else w.bullets(vocab.ITEMS_ACTION, ctx, 2, 4, numbered=True),
        "moyens": optional(w.paragraph(vocab.SENTENCES_MEANS, ctx, 1, 3) + "\n"),
        "evaluation": evaluation,
        "leviers": optional(w.bullets(vocab.ITEMS_LEVER, ctx, 2, 4)),
        "freins": optional(w.bullets(vocab.ITEMS_BRAKE, ctx, 1, 3)),
        "transferabilite": optional(w.paragraph(vocab.SENTENCES_TRANSFER, ctx, 2, 4) + "\n"),
        "niveau_de_preuve": w.pick(("declaratif", "evaluee", "capitalisee", "reconnue")) if w.chance(0.7) else None,
        "ressources": others(w, plan.resources, "", 0, 4),
        "contact": {"fonction": w.pick(vocab.FUNCTIONS), "courriel": f"contact@{domain_of(porteur)}"}
        if w.chance(0.8)
        else None,
        "date_maj": w.date_maj(),
    }


def event(w: Writer, plan: Plan, title: str, kind: str, ctx: Context) -> dict[str, Any]:
    actor_ids = plan.actor_ids
    organisers = others_weighted(w, plan, "") if w.chance(0.5) else []
    organisers = list(dict.fromkeys([*organisers, *others(w, actor_ids, "", 1, 2)]))[:3]
    day = w.today + timedelta(days=w.rng.randint(-180, 240))
    if w.chance(0.7):
        start: date = datetime(day.year, day.month, day.day, w.pick((9, 10, 13, 14, 18)), w.pick((0, 30)))
        end: date | None = start + timedelta(hours=w.rng.randint(1, 7))
    else:
        start = day
        end = day + timedelta(days=w.rng.randint(0, 2)) if w.chance(0.5) else None
    online = kind == "webinaire" or w.chance(0.1)
    host = domain_of(organisers[0])
    place = w.pick(("Salle des fêtes", "Maison des associations", "Centre culturel", "Hôtel de ville", "Médiathèque"))
    return {
        "titre": title,
        "type": kind,
        "debut": start,
        "fin": end,
        "lieu": None if online else f"{place}, {ctx.commune.label}",
        "en_ligne": f"https://visio.{host}/{slugify(title, 40)}" if online else None,
        "organisateurs": organisers,
        "description": w.paragraph(vocab.SENTENCES_EVENT, ctx, 2, 5) + "\n" if w.chance(0.9) else None,
        "thematiques": list(dict.fromkeys([ctx.theme, *w.some(vocab.ALL_THEMES, 0, 1)])),
        "publics": w.some(["professionnels", "tous-publics", ctx.public], 1, 2),
        "inscription": f"https://{host}/agenda/{slugify(title, 40)}" if w.chance(0.6) else None,
        "date_maj": w.date_maj(),
    }


# --- YAML text -------------------------------------------------------------------------------------------

_PHONE_LIKE = re.compile(r"^[+0-9][0-9 .]*$")  # quoted, as contributors write them: "03 53 01 12 34"
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
_TYPED = re.compile(r"^[-+.]?[0-9][0-9_.:eE+\-]*$|^(?:~|null|true|false|yes|no|on|off|y|n)$", re.IGNORECASE)
FLOW_KEYS = {"langues"}


def scalar(value: Any, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):  # datetime too: 2026-10-08T13:30:00
        return value.isoformat()
    text = str(value)
    plain = (
        _PLAIN.match(text)
        and not _TYPED.match(text)
        and not _PHONE_LIKE.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and not (flow and any(c in text for c in ",[]{}"))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _lines(mapping: dict[str, Any], indent: int) -> list[str]:
    pad, lines = " " * indent, []
    for key, value in mapping.items():
        if value is None or value == [] or value == {}:
            continue
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += _lines(value, indent + 2)
        elif isinstance(value, list) and all(not isinstance(v, dict) for v in value):
            if indent > 0 or key in FLOW_KEYS:
                lines.append(f"{pad}{key}: [{', '.join(scalar(v, flow=True) for v in value)}]")
            else:
                lines.append(f"{pad}{key}:")
                lines += [f"{pad}  - {scalar(v)}" for v in value]
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            for item in value:
                block = _lines(item, indent + 4)
                lines += [f"{pad}  - {block[0].lstrip()}", *block[1:]]
        elif isinstance(value, str) and "\n" in value:  # Markdown: a literal block
            lines.append(f"{pad}{key}: |")
            lines += [f"{pad}  {line}" if line else "" for line in value.rstrip("\n").split("\n")]
        else:
            lines.append(f"{pad}{key}: {scalar(value.rstrip() if isinstance(value, str) else value)}")
    return lines


def to_yaml(data: dict[str, Any], schema: str) -> str:
    header = f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json"
    return "\n".join([header, *_lines(data, 0)]) + "\n"


# --- taxonomies ----------------------------------------------------------------------------------------


def write_taxonomies(out_dir: Path) -> None:
    """The sample's taxonomy files, with the added zones and communes appended to territoires.yml."""
    folder = out_dir / "taxonomies"
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted((SAMPLE / "taxonomies").glob("*.yml")):
        shutil.copyfile(path, folder / path.name)
    added = [{"id": zid, "label": label, "type": kind, "parent": parent} for zid, label, kind, parent in vocab.ZONES]
    added += [
        {"id": c.id, "label": c.label, "type": "commune", "code": c.code, "parent": c.parent}
        for c in vocab.COMMUNES
        if c.new
    ]
    path = folder / "territoires.yml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(text + "".join("\n".join(_term_lines(term)) + "\n" for term in added), encoding="utf-8")


def _term_lines(term: dict[str, Any]) -> list[str]:
    lines = _lines(term, 2)
    return ["- " + lines[0].lstrip(), *lines[1:]]


# --- the whole directory -------------------------------------------------------------------------------


def generate(out_dir: Path, records: int, seed: int = 0, *, today: date | None = None) -> None:
    """Write a valid data directory of `records` made-up records into `out_dir` (created if needed)."""
    out_dir = Path(out_dir)
    w = Writer(seed, today or date.today())
    wanted = counts(records)
    write_taxonomies(out_dir)
    for folder in FOLDERS.values():
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    files = out_dir / "resources" / "files"
    files.mkdir(exist_ok=True)
    shutil.copyfile(SAMPLE / "resources" / "files" / SAMPLE_FILE, files / SAMPLE_FILE)

    plan = plan_actors(w, wanted["actor"])
    planned_resources = plan_resources(w, plan, wanted["resource"])
    output: list[tuple[str, str, dict[str, Any]]] = []
    for index in range(len(plan.actors)):
        actor_id, data = actor(w, plan, index)
        output.append(("actor", actor_id, data))
    for resource_id, title, kind, ctx in planned_resources:
        output.append(("resource", resource_id, resource(w, plan, resource_id, title, kind, ctx)))
    practice_ids, event_ids = Ids(), Ids()
    for _ in range(wanted["practice"]):
        ctx = Context(w.commune(), w.pick(vocab.ALL_THEMES), w.pick(list(vocab.PUBLICS)))
        title = w.fill(w.pick(vocab.PRACTICE_TITLES), ctx)
        output.append(("practice", practice_ids.make(title), practice(w, plan, title, ctx)))
    event_kinds = list(vocab.EVENT_TITLES)
    for _ in range(wanted["event"]):
        kind = w.pick(event_kinds)
        ctx = Context(w.commune(), w.pick(vocab.ALL_THEMES), w.pick(list(vocab.PUBLICS)))
        title = w.fill(w.pick(vocab.EVENT_TITLES[kind]), ctx)
        output.append(("event", event_ids.make(title), event(w, plan, title, kind, ctx)))
    for kind, record_id, data in output:
        path = out_dir / FOLDERS[kind] / f"{record_id}.yml"
        path.write_text(to_yaml(data, SCHEMAS[kind]), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Écrit un dossier de données fictives valide pour les mesures.")
    parser.add_argument("--records", type=int, default=1000, help="nombre de fiches (défaut : 1000)")
    parser.add_argument("--out", type=Path, required=True, help="dossier à créer (par exemple /tmp/maillage-10k)")
    parser.add_argument("--seed", type=int, default=0, help="graine du hasard (défaut : 0)")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="date de référence AAAA-MM-JJ")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} existe et n'est pas vide")
    generate(args.out, args.records, args.seed, today=args.today)
    print(
        f"{args.records} fiches écrites dans {args.out} "
        f"({', '.join(f'{k}: {n}' for k, n in counts(args.records).items())})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
