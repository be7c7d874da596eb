"""The resolved document written as ``pacte.json``: the source keys plus computed numbers."""

from __future__ import annotations

import json
from typing import Any

from ..model import Dossier, Noeud, Programme
from ..model.frozen import thaw


def resolved_document(dossier: Dossier) -> dict[str, Any]:
    """The pact's data with each axis node carrying its computed ``numero`` and ``libelle``, and its PDI."""
    pacte = dossier.pacte
    document: dict[str, Any] = thaw(pacte.champs)
    if pacte.axes:
        document["axes"] = [_node(n) for n in pacte.axes]
    if dossier.programme is not None:
        document["pdi"] = _programme(dossier.programme)
    return document


def _programme(programme: Programme) -> dict[str, Any]:
    """The PDI with computed numbers on its axes, fiches, objectives and actions."""
    data: dict[str, Any] = thaw(programme.champs)
    if programme.axes:
        data["axes"] = [_node(n) for n in programme.axes]
    data["fiches"] = []
    for fiche in programme.fiches:
        entry = {"id": fiche.id, "numero": fiche.numero, "libelle": fiche.libelle, **thaw(fiche.champs),
                 "champs_a_definir": list(fiche.champs_manquants)}
        if fiche.objectifs:
            entry["objectifs"] = [
                {"numero": o.numero, **thaw(o.champs),
                 "actions": [{"lettre": a.lettre, **thaw(a.champs)} for a in o.actions]}
                for o in fiche.objectifs]
        data["fiches"].append(entry)
    return data


def _node(node: Noeud) -> dict[str, Any]:
    result = {"id": node.id, "numero": node.numero, "libelle": node.libelle, "niveau": node.niveau.nom}
    result.update((k, thaw(v)) for k, v in node.champs.items() if k not in ("id", "enfants"))
    if node.enfants:
        result["enfants"] = [_node(child) for child in node.enfants]
    return result


def resolved_json(dossier: Dossier) -> bytes:
    """``pacte.json``'s bytes: stable key order, UTF-8, final newline."""
    return (json.dumps(resolved_document(dossier), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
