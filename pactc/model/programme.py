"""Stage 3 for the PDI: the programme and its fiches actions, numbered and typed.

A programme belongs to the pact of the same folder: its fiches name the
pact's partners, territories and axes. Axis references resolve first in the
programme's own tree, then in the pact's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..load import LoadedFile, Path_
from .document import (
    Bloc,
    Document,
    Item,
    Niveau,
    Noeud,
    Section,
    Signature,
    build_blocs,
    build_items,
    build_niveaux,
    build_section,
    build_signatures,
    format_number,
    number_tree,
)
from .frozen import Champs, empty, freeze

#: Fields a complete fiche fills in, with their French names (completeness report).
FIELDS = {
    "pilote": "pilote",
    "partenaires_associes": "partenaires associés",
    "publics": "publics visés",
    "calendrier": "calendrier",
    "indicateurs": "indicateurs",
    "financement": "financement",
    "statut": "statut",
    "suivi": "modalités de suivi",
}


@dataclass(frozen=True)
class Action:
    """A lettered action of an objective."""

    id: str
    texte: str
    items: tuple[Item, ...]
    lettre: str
    chemin: Path_
    champs: Champs = field(default_factory=empty, repr=False, compare=False)


@dataclass(frozen=True)
class Objectif:
    """A numbered objective of a fiche, with its actions."""

    id: str
    titre: str
    texte: str | None
    actions: tuple[Action, ...]
    numero: int
    chemin: Path_
    champs: Champs = field(default_factory=empty, repr=False, compare=False)


@dataclass(frozen=True)
class Piste:
    """A « piste d'action phare »."""

    id: str
    texte: str
    chemin: Path_
    champs: Champs = field(default_factory=empty, repr=False, compare=False)


@dataclass(frozen=True)
class Calendrier:
    """When a fiche runs."""

    debut: int | None
    fin: int | None
    annees: tuple[int, ...]
    note: str | None

    @property
    def toutes_les_annees(self) -> tuple[int, ...]:
        """Every year the fiche is active, whichever way it was written."""
        if self.annees:
            return self.annees
        if self.debut is not None and self.fin is not None:
            return tuple(range(self.debut, self.fin + 1))
        return tuple(y for y in (self.debut, self.fin) if y is not None)


@dataclass(frozen=True)
class Indicateur:
    """A follow-up indicator."""

    libelle: str
    cible: str | None
    unite: str | None
    valeur_reference: str | None
    source: str | None


@dataclass(frozen=True)
class Financement:
    """How a fiche is funded."""

    montant: float | None
    financeurs: tuple[str, ...]
    fse: bool | None
    note: str | None


@dataclass(frozen=True)
class Fiche:
    """A fiche action, with its computed number."""

    id: str
    titre: str
    axe: str
    contexte: str | None
    contenu: tuple[Bloc, ...]
    benefices_attendus: tuple[Item, ...]
    objectifs: tuple[Objectif, ...]
    pistes_phares: tuple[Piste, ...]
    pilote: str | None
    partenaires_associes: tuple[str, ...]
    publics: tuple[str, ...]
    territoires: tuple[str, ...]
    calendrier: Calendrier | None
    indicateurs: tuple[Indicateur, ...]
    financement: Financement | None
    statut: str | None
    suivi: str | None
    numero: int
    libelle: str
    chemin: Path_
    champs: Champs = field(default_factory=empty, repr=False, compare=False)

    @property
    def champs_manquants(self) -> tuple[str, ...]:
        """The French names of the follow-up fields the source leaves empty."""
        return tuple(label for key, label in FIELDS.items() if not getattr(self, key))

    @property
    def partenaires(self) -> tuple[str, ...]:
        """The pilot then the associated partners."""
        return ((self.pilote,) if self.pilote else ()) + self.partenaires_associes

    @property
    def a_du_texte(self) -> bool:
        """True when the fiche says something in words (context, objectives, indicators…), not only data."""
        return bool(self.contexte or self.contenu or self.benefices_attendus or self.objectifs or self.pistes_phares
                    or self.indicateurs or self.suivi)

    @property
    def annees(self) -> tuple[int, ...]:
        """The years the fiche is active (empty when its calendar is not known)."""
        return self.calendrier.toutes_les_annees if self.calendrier else ()


@dataclass(frozen=True)
class Programme(Document):
    """A PDI with its fiches, ready for checks and rendering."""

    source: LoadedFile
    id: str
    type: str
    titre: str
    sous_titre: str | None
    debut: int
    fin: int
    pacte: str
    date_adoption: str | None
    edition: str | None
    nom_fiche: str
    sections: tuple[Section, ...]
    signatures: tuple[Signature, ...]
    niveaux: tuple[Niveau, ...]
    axes: tuple[Noeud, ...]
    fiches: tuple[Fiche, ...]
    champs: Champs
    #: True when the fiches are numbered per axis (« Axe 2 · Orientation 1 »), not through the book.
    numerotation_par_axe: bool = False
    #: Warnings the adopted text justifies: (code, reason).
    avertissements_acceptes: tuple[tuple[str, str], ...] = ()

    @property
    def est_un_programme(self) -> bool:
        """True for an adopted programme (PDI, PDILE); false for a working document of sheets to complete."""
        return self.type != "travail"

    def sequences_de_blocs(self) -> Iterator[tuple[Bloc, ...]]:
        """Every sequence of blocks of the programme: its parts, axes and fiches."""
        yield from super().sequences_de_blocs()
        for f in self.fiches:
            yield f.contenu


def build_programme(loaded: LoadedFile) -> Programme:
    """Build the programme of a schema-valid PDI document."""
    assert loaded.data is not None
    data: Champs = freeze(loaded.data)
    meta = data["pdi"]
    niveaux = build_niveaux(data)
    by_axis = meta.get("numerotation_fiches", "continue") == "par_axe"
    nom = meta.get("nom_fiche", "Fiche")
    counters: dict[str, int] = {}
    fiches = []
    for i, raw in enumerate(data["fiches"]):
        key = raw["axe"] if by_axis else ""
        counters[key] = counters.get(key, 0) + 1
        fiches.append(_fiche(raw, ("fiches", i), counters[key], nom))
    return Programme(
        source=loaded, id=meta["id"], type=meta["type"], titre=meta["titre"], sous_titre=meta.get("sous_titre"),
        debut=meta["periode"]["debut"], fin=meta["periode"]["fin"], pacte=meta["pacte"],
        date_adoption=meta.get("date_adoption"), edition=meta.get("edition"), nom_fiche=nom,
        sections=tuple(build_section(s, ("sections", i), 1) for i, s in enumerate(data.get("sections", []))),
        signatures=build_signatures(data),
        niveaux=niveaux, axes=number_tree(data.get("axes", []), niveaux), fiches=tuple(fiches), champs=data,
        numerotation_par_axe=by_axis,
        avertissements_acceptes=tuple((a["code"], a["motif"]) for a in meta.get("avertissements_acceptes", ())))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _fiche(raw: Champs, chemin: Path_, numero: int, nom: str) -> Fiche:
    cal = raw.get("calendrier")
    fin = raw.get("financement")
    return Fiche(
        id=raw["id"], titre=raw["titre"], axe=raw["axe"], contexte=raw.get("contexte"),
        contenu=build_blocs(raw.get("contenu", []), chemin + ("contenu",)),
        benefices_attendus=build_items(raw.get("benefices_attendus", [])),
        objectifs=tuple(
            Objectif(o["id"], o["titre"], o.get("texte"),
                     tuple(Action(a["id"], a["texte"], build_items(a.get("items", [])), format_number(k + 1, "a"),
                                  chemin + ("objectifs", j, "actions", k), a)
                           for k, a in enumerate(o.get("actions", []))),
                     j + 1, chemin + ("objectifs", j), o)
            for j, o in enumerate(raw.get("objectifs", []))),
        pistes_phares=tuple(Piste(p["id"], p["texte"], chemin + ("pistes_phares", j), p)
                            for j, p in enumerate(raw.get("pistes_phares", []))),
        pilote=raw.get("pilote"), partenaires_associes=tuple(raw.get("partenaires_associes", [])),
        publics=tuple(raw.get("publics", [])), territoires=tuple(raw.get("territoires", [])),
        calendrier=None if cal is None else Calendrier(cal.get("debut"), cal.get("fin"),
                                                        tuple(sorted(cal.get("annees", []))), cal.get("note")),
        indicateurs=tuple(Indicateur(x["libelle"], _text(x.get("cible")), x.get("unite"),
                                     _text(x.get("valeur_reference")), x.get("source"))
                          for x in raw.get("indicateurs", [])),
        financement=None if fin is None else Financement(fin.get("montant"), tuple(fin.get("financeurs", [])),
                                                         fin.get("fse"), fin.get("note")),
        statut=raw.get("statut"), suivi=raw.get("suivi"), numero=numero, libelle=f"{nom} {numero}",
        chemin=chemin, champs=raw)
