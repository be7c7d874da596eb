"""Identifier checks."""

from __future__ import annotations

from collections.abc import Iterator

from ..load import LoadedFile
from ..model import Dossier
from .registry import Finding, check, finding

Identified = tuple[str, tuple[str | int, ...], str, LoadedFile]


def identified(dossier: Dossier) -> Iterator[Identified]:  # noqa: C901 — one yield per kind of identified thing in the pact and PDI: flat, not nested logic
    """Every (id, path of the id, kind, file) of the pact and its PDI: they share one namespace."""
    pacte = dossier.pacte
    src = pacte.source
    for c in pacte.categories:
        yield c.id, c.chemin + ("id",), "catégorie", src
    for t in pacte.territoires:
        yield t.id, t.chemin + ("id",), "territoire", src
    for s in pacte.toutes_les_sections():
        yield s.id, s.chemin + ("id",), "partie", src
    for p in pacte.partenaires:
        yield p.id, p.chemin + ("id",), "partenaire", src
    for e in pacte.engagements:
        yield e.id, e.chemin + ("id",), "engagement", src
    for n in pacte.tous_les_noeuds():
        yield n.id, n.chemin + ("id",), "axe", src
    for i in pacte.instances:
        yield i.id, i.chemin + ("id",), "instance", src
    for j in pacte.meta.historique:
        yield j.id, j.chemin + ("id",), "jalon", src
    programme = dossier.programme
    if programme is None:
        return
    pdi = programme.source
    for s in programme.toutes_les_sections():
        yield s.id, s.chemin + ("id",), "partie", pdi
    for n in programme.tous_les_noeuds():
        yield n.id, n.chemin + ("id",), "axe", pdi
    for f in programme.fiches:
        yield f.id, f.chemin + ("id",), "fiche", pdi
        for o in f.objectifs:
            yield o.id, o.chemin + ("id",), "objectif", pdi
            for a in o.actions:
                yield a.id, a.chemin + ("id",), "action", pdi
        for piste in f.pistes_phares:
            yield piste.id, piste.chemin + ("id",), "piste", pdi


@check("PCT020", "identifiant-duplique")
def duplicate_ids(dossier: Dossier) -> Iterator[Finding]:
    """Un identifiant est utilisé deux fois.

    Parties, partenaires, engagements, axes, instances, territoires,
    catégories et jalons du pacte, et parties, axes, fiches, objectifs,
    actions et pistes du PDI du même dossier, partagent un même espace
    d'identifiants : chacun doit être unique, car les références, les liens
    et les comparaisons de versions s'appuient dessus.

    Correction : renommez l'un des deux éléments (par exemple
    ``axe-mobilite-2``) et mettez à jour les références qui le visent.
    """
    seen: dict[str, tuple[tuple[str | int, ...], str, LoadedFile]] = {}
    for ident, chemin, kind, source in identified(dossier):
        if ident in seen:
            first, first_kind, first_source = seen[ident]
            where = f"ligne {first_source.position(first).line}"
            if first_source is not source:
                where = f"{first_source.display}, {where}"
            yield finding(source, chemin, f"identifiant « {ident} » déjà utilisé ({first_kind}, {where}) : "
                          f"choisissez un identifiant unique pour cet élément ({kind})")
        else:
            seen[ident] = (chemin, kind, source)


def luhn(chiffres: str) -> bool:
    """True when ``chiffres`` passes the Luhn key (as a SIREN does)."""
    total = 0
    for rang, c in enumerate(reversed(chiffres)):
        n = int(c) * (2 if rang % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


@check("PCT027", "siren-invalide")
def invalid_siren(dossier: Dossier) -> Iterator[Finding]:
    """Le SIREN d'un partenaire n'a pas une clé valide.

    Les neuf chiffres d'un SIREN vérifient la formule de Luhn : une faute de
    frappe sur un chiffre se voit. Le SIREN est publié dans les données
    ouvertes, où il relie le partenaire aux autres bases publiques.

    Correction : recopiez le SIREN depuis l'annuaire des entreprises, ou
    retirez la clé ``siren``.
    """
    pacte = dossier.pacte
    for p in pacte.partenaires:
        siren = p.champs.get("siren")
        if isinstance(siren, str) and siren.isdigit() and not luhn(siren):
            yield finding(pacte, p.chemin + ("siren",), f"SIREN « {siren} » invalide (clé de Luhn) pour « {p.nom} »")
