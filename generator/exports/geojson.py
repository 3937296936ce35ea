"""acteurs.geojson: one point per place that has coordinates (RFC 7946), for the map and for GIS tools.

RFC 7946 fixes WGS 84 and [longitude, latitude] order, and drops the `crs` member. Coordinates are rounded
to 6 decimals (about 10 cm), more than enough for an address and stable whatever the YAML float spelling.
"""

from __future__ import annotations

from typing import Any

from generator.contract.kinds import ACTOR
from generator.contract.model import Actor
from generator.exports.common import ExportSettings, dump_json, label, labels
from generator.reading.catalog import Catalog


def places(catalog: Catalog, settings: ExportSettings) -> bytes:
    features: list[dict[str, Any]] = []
    actors = [record for record in catalog.of(ACTOR) if isinstance(record, Actor)]
    for actor in sorted(actors, key=lambda r: r.id):
        for number, lieu in enumerate(actor.lieux, start=1):
            if lieu.latitude is None or lieu.longitude is None:
                continue
            features.append({
                "type": "Feature",
                "id": f"{actor.id}--{number}",
                "geometry": {"type": "Point", "coordinates": [round(lieu.longitude, 6), round(lieu.latitude, 6)]},
                "properties": {
                    "id": actor.id,
                    "nom": actor.nom,
                    "sigle": actor.sigle,
                    "url": settings.page_url(ACTOR, actor.id),
                    "type": label(catalog, "types_acteur", actor.type),
                    "type_id": actor.type,
                    "thematiques": labels(catalog, "thematiques", actor.thematiques),
                    "thematiques_ids": actor.thematiques,
                    "lieu": lieu.nom,
                    "adresse": lieu.adresse,
                    "code_postal": lieu.code_postal,
                    "commune": lieu.commune,
                    "pays": lieu.pays,
                    "horaires": lieu.horaires,
                    "telephone": actor.telephone,
                },
            })
    return dump_json({"type": "FeatureCollection", "features": features})
