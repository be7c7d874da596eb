"""A pact's history: its signed versions, which one is in force on a date, and what each avenant changed.

The versions are data (``avenants.yaml``): the pact as first signed, then each
avenant with its signing date, its entry into force and the git revision that
holds the text it words. A version is identified by its number, never by a
date: two avenants of the same day apply in the order of their numbers, and a
date that falls between two entries into force finds the earlier one (the
faults known of point-in-time tools, see issue 16).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Avenant, Dossier
from ..render.typography import date_fr
from .acte import Unite
from .operations import Deplacement, Insertion, Modification, Operation, Redaction, Renumerotation, operations


class HistoriqueError(Exception):
    """A question the history cannot answer: no signing date, a date before the signature, no revision."""


@dataclass(frozen=True)
class VersionDuPacte:
    """One signed version: the pact as first signed (rang 0), or as avenant n° rang words it."""

    rang: int
    libelle: str
    objet: str | None
    date_signature: str | None
    en_vigueur_le: str | None
    revision: str | None
    avenant: Avenant | None = None

    @property
    def intitule(self) -> str:
        """« Avenant n° 2 du 1er septembre 2020 », « Pacte signé le 25 octobre 2018 »."""
        if self.date_signature is None:
            return f"{self.libelle} (projet)"
        return f"{self.libelle} {'du' if self.avenant else 'le'} {date_fr(self.date_signature)}"


@dataclass(frozen=True)
class Situation:
    """What is in force on ``date``: the versions applied (the first is the signed pact), and those to come."""

    date: str
    appliquees: tuple[VersionDuPacte, ...]
    a_venir: tuple[VersionDuPacte, ...]

    @property
    def en_vigueur(self) -> VersionDuPacte:
        """The last version applied: its revision holds the text in force."""
        return self.appliquees[-1]


def versions(dossier: Dossier) -> tuple[VersionDuPacte, ...]:
    """The signed pact, then every avenant, in the order of their numbers."""
    meta = dossier.pacte.meta
    fichier = dossier.avenants
    result = [VersionDuPacte(0, "Pacte signé", None, meta.date_signature, meta.date_signature,
                             fichier.revision_initiale if fichier else None)]
    for avenant in fichier.avenants if fichier else ():
        result.append(VersionDuPacte(avenant.numero, f"Avenant n° {avenant.numero}", avenant.objet,
                                     avenant.date_signature, avenant.en_vigueur_le, avenant.revision, avenant))
    return tuple(result)


def signees(toutes: tuple[VersionDuPacte, ...]) -> tuple[VersionDuPacte, ...]:
    """The versions that were signed: the pact, and each avenant with a signing date (drafts left out)."""
    return tuple(v for v in toutes if v.rang == 0 or v.date_signature is not None)


def page_de_version(version: VersionDuPacte) -> str:
    """The page that publishes the text of a signed version: ``version-0.html`` for the signed pact."""
    return f"version-{version.rang}.html"


def pages_des_versions(dossier: Dossier) -> tuple[str, ...]:
    """The pages of every signed version of ``dossier``."""
    return tuple(page_de_version(v) for v in signees(versions(dossier)))


def situation(dossier: Dossier, date: str) -> Situation:
    """The versions in force on ``date`` (AAAA-MM-JJ), and the avenants signed by then but not yet in force."""
    toutes = versions(dossier)
    signe = toutes[0].date_signature
    if signe is None:
        raise HistoriqueError("le pacte n'a pas de date de signature (pacte.signature.date) : "
                              "sans elle, aucune version n'est en vigueur")
    if date < signe:
        raise HistoriqueError(f"le {date_fr(date)}, le pacte n'était pas encore signé (il l'a été le "
                              f"{date_fr(signe)}) : aucune version n'était en vigueur")
    appliquees = [toutes[0]]
    a_venir = []
    for version in toutes[1:]:
        if version.en_vigueur_le is not None and version.en_vigueur_le <= date:
            appliquees.append(version)
        elif version.date_signature is not None and version.date_signature <= date:
            a_venir.append(version)
    return Situation(date, tuple(appliquees), tuple(a_venir))


# ---------------------------------------------------------------- what each avenant changed


#: How a unit was changed, the strongest first: a unit inserted and then renumbered reads « Inséré ».
_FORCE = ("Inséré", "Modifié", "Renuméroté", "Déplacé")


def unites_touchees(ops: tuple[Operation, ...]) -> dict[str, str]:
    """The units an avenant's operations change, by key, with how: « Inséré », « Modifié », « Renuméroté »…"""
    touchees: dict[str, str] = {}
    for cle, comment in (pair for op in ops for pair in _changements(op)):
        if _FORCE.index(comment) <= _FORCE.index(touchees.get(cle, "Déplacé")):
            touchees[cle] = comment
    return touchees


def _changements(op: Operation) -> list[tuple[str, str]]:
    if isinstance(op, Insertion):
        return [(u.cle, "Inséré") for unite in op.unites for u in (unite, *(x for x, _ in unite.parcours()))]
    if isinstance(op, Modification | Redaction):
        return [(op.cle, "Modifié")]
    if isinstance(op, Renumerotation):
        return [(cle, "Renuméroté") for cle, _, _ in op.numeros]
    if isinstance(op, Deplacement):
        return [(op.cle, "Déplacé")]
    return []


def mentions(actes: list[tuple[VersionDuPacte, Unite]]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Per entity id, (« Modifié par l'avenant n° 2 du … », 2) for each avenant, in order, that changed it.

    ``actes`` are the applied versions with their acts, the signed pact first.
    """
    result: dict[str, list[tuple[str, int]]] = {}
    for (_, avant), (version, apres) in zip(actes, actes[1:], strict=False):
        for cle, comment in unites_touchees(operations(avant, apres)).items():
            # Entities are found by their id; a signature block by its key (its partner's id is taken).
            ident = cle if cle.startswith("signature:") or ":" not in cle else cle.split(":", 1)[1]
            texte = f"{comment} par l’{version.intitule[0].lower()}{version.intitule[1:]}"
            result.setdefault(ident, []).append((texte, version.rang))
    return {k: tuple(v) for k, v in result.items()}


@dataclass(frozen=True)
class Consolidation:
    """The pact in force on ``date``, its history, and what each unit's mentions say."""

    date: str
    dossier: Dossier
    situation: Situation
    #: The text of each version applied, in order: the signed pact first, the one in force last.
    textes: tuple[Dossier, ...]
    versions: tuple[VersionDuPacte, ...]
    mentions: dict[str, tuple[tuple[str, int], ...]]

    def statut(self, version: VersionDuPacte) -> str:
        """« en vigueur », « appliqué », « à venir », « projet » or « postérieur », on this date."""
        if version == self.situation.en_vigueur:
            return "en vigueur"
        if version in self.situation.appliquees:
            return "version antérieure"
        if version in self.situation.a_venir:
            return "à venir"
        return "projet" if version.date_signature is None else "postérieur"


# ---------------------------------------------------------------- printing the history


def historique_texte(toutes: tuple[VersionDuPacte, ...], changements: dict[str, tuple[tuple[str, int], ...]],
                     unite: str | None, slug: str) -> str:
    """``pactc historique`` in text: one line per version, then one per change of each unit."""
    lignes = []
    for v in toutes:
        vigueur = f", en vigueur le {date_fr(v.en_vigueur_le)}" if v.en_vigueur_le else ""
        objet = f" — {v.objet}" if v.objet else ""
        # A version with no revision yet: pactc proposes a tag name, unique per département.
        nom = f"pacte-{slug}-" + ("signe" if v.rang == 0 else f"avenant-{v.rang}")
        revision = v.revision or f"sans révision : git tag {nom} <commit du texte signé>"
        lignes.append(f"{v.intitule}{vigueur}{objet} [{revision}]")
    choisis = {unite: changements.get(unite, ())} if unite is not None else changements
    for ident, faits in sorted(choisis.items()):
        if not faits:
            lignes.append(f"{ident} : inchangé depuis la signature")
        lignes.extend(f"{ident} : {texte}" for texte, _ in faits)
    return "\n".join(lignes)


def historique_json(toutes: tuple[VersionDuPacte, ...], changements: dict[str, tuple[tuple[str, int], ...]],
                    unite: str | None) -> str:
    """``pactc historique --format json``: the versions, and per unit its changes with the avenant's number."""
    import json

    choisis = {unite: changements.get(unite, ())} if unite is not None else changements
    return json.dumps({
        "versions": [{"rang": v.rang, "libelle": v.libelle, "objet": v.objet, "date_signature": v.date_signature,
                      "en_vigueur_le": v.en_vigueur_le, "revision": v.revision} for v in toutes],
        "unites": {k: [{"avenant": rang, "changement": texte} for texte, rang in faits]
                   for k, faits in sorted(choisis.items())}}, ensure_ascii=False, indent=2)
