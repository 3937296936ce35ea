"""The proposal forms: which fields of a kind a person without the YAML can propose, in which order, under which
label. The GitHub issue forms and the public site's form are written from these, and `maillage proposition`
reads back what either sends (a `### Label` section per question): one list, so that they cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

from generator.contract.kinds import ACTOR, CALL, EVENT, Kind
from generator.editing.shapes import Input, Shape, shape

UPDATE_ID = "fiche"  # the question naming the record a proposal updates


@dataclass(frozen=True)
class Question:
    id: str  # the form field's id: a key, or "lieu-adresse" for a key of the first place
    path: tuple[str, ...]  # ("nom",), or ("lieux", "adresse"): a key of the first item of a list of blocks
    shape: Shape
    label: str  # the heading of its section in the issue or e-mail body

    @property
    def required(self) -> bool:
        return self.shape.required and len(self.path) == 1


@dataclass(frozen=True)
class Form:
    slug: str  # file name of the issue form, without .yml
    name: str
    description: str
    issue_title: str
    kind: Kind
    intro: str
    questions: tuple[Question, ...]
    updates: bool  # whether it also proposes changes to an existing record

    def question(self, label: str) -> Question | None:
        wanted = heading_key(label)
        return next((q for q in self.questions if heading_key(q.label) == wanted), None)


def heading_key(label: str) -> str:
    """A label as compared with a heading someone may have edited: case, spaces and a final « : » or « * » ignored."""
    return " ".join(label.replace("*", " ").strip().rstrip(":").split()).casefold()


UPDATE_SHAPE = Shape(
    name=UPDATE_ID,
    title="Fiche à mettre à jour",
    description="Pour une mise à jour : l'adresse de la fiche sur le site (ou son identifiant). "
    "Laissez vide pour une nouvelle fiche.",
    required=False,
    many=False,
    input=Input.LINE,
)


def _questions(kind: Kind, keys: list[str | tuple[str, str, str]]) -> tuple[Question, ...]:
    found = []
    for key in keys:
        if isinstance(key, str):
            found.append(Question(key, (key,), shape(kind.model, key), shape(kind.model, key).title))
            continue
        outer, inner, group = key
        block = shape(kind.model, outer).block
        assert block is not None, outer
        inner_shape = shape(block, inner)
        label = f"{group} : {inner_shape.title[0].lower()}{inner_shape.title[1:]}"
        found.append(Question(f"{group_id(group)}-{inner.replace('_', '-')}", (outer, inner), inner_shape, label))
    return tuple(found)


def group_id(group: str) -> str:
    return group.split()[0].lower()


ACTOR_FORM = Form(
    slug="proposer-une-structure",
    name="Proposer ou mettre à jour une structure",
    description="Ajouter une structure à l'annuaire, ou corriger la fiche de la vôtre, sans écrire de YAML.",
    issue_title="Structure : ",
    kind=ACTOR,
    intro="Les champs marqués d'une étoile sont obligatoires. Une personne de l'équipe relit la proposition, "
    "puis elle devient une fiche de l'annuaire. Cette demande est publique : n'y écrivez que ce qui peut être publié.",
    questions=(
        Question(UPDATE_ID, (UPDATE_ID,), UPDATE_SHAPE, UPDATE_SHAPE.title),
        *_questions(ACTOR, [
            "nom", "sigle", "type", "description", "thematiques", "publics", "territoires", "telephone", "courriel",
            "site_web", ("lieux", "nom", "Lieu d'accueil"), ("lieux", "adresse", "Lieu d'accueil"),
            ("lieux", "code_postal", "Lieu d'accueil"), ("lieux", "commune", "Lieu d'accueil"),
            ("lieux", "horaires_precisions", "Lieu d'accueil"), ("lieux", "accessibilite", "Lieu d'accueil"),
        ]),
    ),
    updates=True,
)

EVENT_FORM = Form(
    slug="proposer-un-evenement",
    name="Proposer un événement",
    description="Annoncer une rencontre, une formation ou un forum dans l'agenda du réseau.",
    issue_title="Événement : ",
    kind=EVENT,
    intro="Les champs marqués d'une étoile sont obligatoires. Une personne de l'équipe relit la proposition, "
    "puis l'événement paraît dans l'agenda. Cette demande est publique.",
    questions=_questions(EVENT, [
        "titre", "type", "debut", "fin", "lieu", "en_ligne", "organisateurs", "description", "thematiques",
        "publics", "inscription",
    ]),
    updates=False,
)

CALL_FORM = Form(
    slug="proposer-un-appel",
    name="Proposer un appel ou une offre",
    description="Lancer un appel à projets, chercher des partenaires, ou proposer des locaux, du matériel ou une "
    "formation à partager.",
    issue_title="Appel : ",
    kind=CALL,
    intro="Les champs marqués d'une étoile sont obligatoires. Une personne de l'équipe relit la proposition, "
    "puis l'appel paraît sur le site jusqu'à sa date limite. Cette demande est publique : pour le contact, donnez "
    "une fonction (« Coordination ») et une adresse de service, pas le nom d'une personne.",
    questions=_questions(CALL, [
        "titre", "type", "porteur", "description", "thematiques", "territoires", "publics", "date_limite", "url",
        ("partenaires_recherches", "types", "Partenaires recherchés"),
        ("partenaires_recherches", "precisions", "Partenaires recherchés"),
        ("contact", "fonction", "Contact"), ("contact", "courriel", "Contact"), ("contact", "telephone", "Contact"),
    ]),
    updates=False,
)

FORMS: tuple[Form, ...] = (ACTOR_FORM, EVENT_FORM, CALL_FORM)
