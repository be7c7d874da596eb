"""Monitoring a programme: indicators with their baseline and targets, observed values, fiches' progress.

Three files under ``pactes/<département>/suivi/``:

- ``indicateurs.yaml``: what is followed, per fiche (unit, nature, direction, baseline, targets);
- ``valeurs.csv``: one observation per row (indicator, period, nature, value, comment, source, date);
- ``avancement.csv``: the dated progress of each fiche (status, share done, reason, comment).

Statuses are stored as the editors state them; « en retard » is never stored:
:func:`en_retard` computes it from the fiche's calendar.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..load import LoadedFile, Path_
from ..tableur import Ligne, Tableau, nombre
from .frozen import Champs, freeze

#: The statuses of a fiche, in the order of a fiche's life, with their French names.
STATUTS = {"non_demarree": "non démarrée", "en_cours": "en cours", "realisee": "réalisée",
           "suspendue": "suspendue", "abandonnee": "abandonnée"}
#: The natures of an observation.
NATURES = {"realise": "réalisé", "cible": "cible", "estimation": "estimation"}
#: The columns of each CSV, and those that must be there.
COLONNES_VALEURS = ("indicateur", "periode", "nature", "valeur", "commentaire", "source", "saisi_le")
OBLIGATOIRES_VALEURS = ("indicateur", "periode", "valeur")
COLONNES_AVANCEMENT = ("fiche", "date", "statut", "part_realisee", "motif", "commentaire")
OBLIGATOIRES_AVANCEMENT = ("fiche", "date", "statut")


def cle(texte: str) -> str:
    """« Non démarrée » → ``non_demarree``: what a spreadsheet cell says, as a key."""
    sans_accents = "".join(c for c in unicodedata.normalize("NFD", texte.strip().lower())
                           if unicodedata.category(c) != "Mn")
    return "_".join(sans_accents.replace("-", " ").split())


@dataclass(frozen=True)
class IndicateurSuivi:
    """An indicator followed for a fiche."""

    id: str
    fiche: str
    libelle: str
    unite: str | None
    nature: str
    sens: str | None
    reference: tuple[int, float] | None
    cibles: tuple[tuple[int, float], ...]
    chemin: Path_

    @property
    def numerique(self) -> bool:
        """True for a number or a rate (a qualitative indicator holds text)."""
        return self.nature != "qualitatif"

    def cible(self, annee: int) -> float | None:
        """The target for ``annee``, if one is set."""
        return next((v for a, v in self.cibles if a == annee), None)


@dataclass(frozen=True)
class Observation:
    """One row of ``valeurs.csv``, as written and as understood (``annee``, ``nombre`` None when not)."""

    indicateur: str
    periode: str
    annee: int | None
    nature: str
    valeur: str
    nombre: float | None
    commentaire: str
    source: str
    saisi_le: str
    ligne: Ligne


@dataclass(frozen=True)
class Avancement:
    """One row of ``avancement.csv``: a fiche's state on a date."""

    fiche: str
    date: str
    statut: str
    part: float | None
    motif: str
    commentaire: str
    ligne: Ligne


@dataclass(frozen=True)
class Suivi:
    """The monitoring data of a programme."""

    source: LoadedFile
    exemple: bool
    avertissement: str | None
    perimees_apres_mois: int
    indicateurs: tuple[IndicateurSuivi, ...]
    valeurs: Tableau | None
    avancement: Tableau | None
    observations: tuple[Observation, ...]
    avancements: tuple[Avancement, ...]
    #: The date of the bilan the build publishes (None: today).
    bilan_au: str | None = None
    #: Planned years of fiches whose programme gives none: fiche → (first, last).
    calendriers: tuple[tuple[str, int, int], ...] = ()

    def calendrier(self, fiche: str) -> tuple[int, ...]:
        """The years planned for ``fiche`` in the monitoring data (empty when none)."""
        return next((tuple(range(d, f + 1)) for x, d, f in self.calendriers if x == fiche), ())

    def indicateur(self, ident: str) -> IndicateurSuivi | None:
        """The indicator ``ident``, if defined."""
        return next((i for i in self.indicateurs if i.id == ident), None)

    def observations_de(self, ident: str) -> tuple[Observation, ...]:
        """The observations of an indicator, in file order."""
        return tuple(o for o in self.observations if o.indicateur == ident)

    def etat(self, fiche: str, date: str) -> Avancement | None:
        """The latest progress of ``fiche`` on or before ``date`` (ISO dates compare as text)."""
        datees = [a for a in self.avancements if a.fiche == fiche and a.date <= date]
        return max(datees, key=lambda a: a.date) if datees else None


def build_suivi(loaded: LoadedFile, valeurs: Tableau | None, avancement: Tableau | None) -> Suivi:
    """The monitoring data of a schema-valid ``indicateurs.yaml`` and its CSV files."""
    assert loaded.data is not None
    data: Champs = freeze(loaded.data)
    reglages = data.get("suivi", {})
    return Suivi(
        loaded, bool(reglages.get("exemple", False)), reglages.get("avertissement"),
        int(reglages.get("perimees_apres_mois", 12)),
        tuple(_indicateur(x, ("indicateurs", i)) for i, x in enumerate(data["indicateurs"])),
        valeurs, avancement,
        tuple(_observation(ligne) for ligne in valeurs.lignes) if valeurs else (),
        tuple(_avancement(ligne) for ligne in avancement.lignes) if avancement else (),
        reglages.get("bilan_au"),
        tuple((c["fiche"], int(c["debut"]), int(c["fin"])) for c in data.get("calendriers", ())))


def _indicateur(x: Champs, chemin: Path_) -> IndicateurSuivi:
    ref = x.get("reference")
    return IndicateurSuivi(
        x["id"], x["fiche"], x["libelle"], x.get("unite"), x["nature"], x.get("sens"),
        None if ref is None else (int(ref["annee"]), float(ref["valeur"])),
        tuple(sorted((int(c["annee"]), float(c["valeur"])) for c in x.get("cibles", ()))), chemin)


def _observation(ligne: Ligne) -> Observation:
    periode = ligne.valeur("periode")
    annee = int(periode) if len(periode) == 4 and periode.isdigit() else None
    nature = cle(ligne.valeur("nature")) or "realise"
    valeur = ligne.valeur("valeur")
    return Observation(ligne.valeur("indicateur"), periode, annee, nature, valeur, nombre(valeur),
                       ligne.valeur("commentaire"), ligne.valeur("source"), ligne.valeur("saisi_le"), ligne)


def _avancement(ligne: Ligne) -> Avancement:
    part = nombre(ligne.valeur("part_realisee")) if ligne.valeur("part_realisee") else None
    return Avancement(ligne.valeur("fiche"), ligne.valeur("date"), cle(ligne.valeur("statut")), part,
                      ligne.valeur("motif"), ligne.valeur("commentaire"), ligne)


def en_retard(annees: tuple[int, ...], statut: str | None, date: str) -> bool:
    """True when a fiche is behind its calendar on ``date``: computed, never stored.

    Behind means: not started although its first year has begun, or not done although its
    last year is over. A suspended or abandoned fiche is not « late »: its status says more.
    """
    if not annees or statut in ("realisee", "suspendue", "abandonnee"):
        return False
    annee = int(date[:4])
    if statut in (None, "non_demarree") and annee > min(annees):
        return True
    return annee > max(annees)
