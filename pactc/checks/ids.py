"""Identifier checks."""

from __future__ import annotations

from typing import Iterator

from ..diagnostic import Diagnostic
from ..model import Pacte
from .registry import at, check


def identified(pacte: Pacte) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    """Every (id, path of the id, kind) of the pact: they share one namespace."""
    for c in pacte.categories:
        yield c.id, c.chemin + ("id",), "catégorie"
    for t in pacte.territoires:
        yield t.id, t.chemin + ("id",), "territoire"
    for s in pacte.toutes_les_sections():
        yield s.id, s.chemin + ("id",), "partie"
    for p in pacte.partenaires:
        yield p.id, p.chemin + ("id",), "partenaire"
    for e in pacte.engagements:
        yield e.id, e.chemin + ("id",), "engagement"
    for n in pacte.tous_les_noeuds():
        yield n.id, n.chemin + ("id",), "axe"
    for i in pacte.instances:
        yield i.id, i.chemin + ("id",), "instance"
    for j in pacte.meta.historique:
        yield j.id, j.chemin + ("id",), "jalon"


@check("PCT020", "identifiant-duplique")
def duplicate_ids(pacte: Pacte) -> Iterator[Diagnostic]:
    """Un identifiant est utilisé deux fois.

    Parties, partenaires, engagements, axes, instances, territoires,
    catégories et jalons partagent un même espace d'identifiants : chacun
    doit être unique dans le pacte, car les références, les liens et les
    comparaisons de versions s'appuient dessus.

    Correction : renommez l'un des deux éléments (par exemple
    ``axe-mobilite-2``) et mettez à jour les références qui le visent.
    """
    seen: dict[str, tuple[tuple[str | int, ...], str]] = {}
    for ident, chemin, kind in identified(pacte):
        if ident in seen:
            first, first_kind = seen[ident]
            line = pacte.source.position(first).line
            yield at(pacte, chemin, "PCT020",
                     f"identifiant « {ident} » déjà utilisé ({first_kind}, ligne {line}) : "
                     "choisissez un identifiant unique pour ce " + kind)
        else:
            seen[ident] = (chemin, kind)
