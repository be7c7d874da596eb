"""The resolved document written as ``pacte.json``: the source keys plus computed numbers."""

from __future__ import annotations

import json
from typing import Any

from ..model import Dossier, Noeud, Programme


def resolved_document(dossier: Dossier) -> dict[str, Any]:
    """The pact's data with each axis node carrying its computed ``numero`` and ``libelle``, and its PDI."""
    pacte = dossier.pacte
    document = dict(pacte.data)
    if pacte.axes:
        document["axes"] = [_node(n, raw) for n, raw in zip(pacte.axes, pacte.data["axes"], strict=True)]
    if dossier.programme is not None:
        document["pdi"] = _programme(dossier.programme)
    return document


def _programme(programme: Programme) -> dict[str, Any]:
    """The PDI with computed numbers on its axes, fiches, objectives and actions."""
    data = dict(programme.data)
    if programme.axes:
        data["axes"] = [_node(n, raw) for n, raw in zip(programme.axes, programme.data["axes"], strict=True)]
    data["fiches"] = []
    for fiche, raw in zip(programme.fiches, programme.data["fiches"], strict=True):
        entry = {"id": fiche.id, "numero": fiche.numero, "libelle": fiche.libelle, **raw,
                 "champs_a_definir": list(fiche.champs_manquants)}
        if fiche.objectifs:
            entry["objectifs"] = [
                {"numero": o.numero, **raw_o,
                 "actions": [{"lettre": a.lettre, **raw_a}
                             for a, raw_a in zip(o.actions, raw_o.get("actions", []), strict=True)]}
                for o, raw_o in zip(fiche.objectifs, raw["objectifs"], strict=True)]
        data["fiches"].append(entry)
    return data


def _node(node: Noeud, raw: dict[str, Any]) -> dict[str, Any]:
    result = {"id": node.id, "numero": node.numero, "libelle": node.libelle, "niveau": node.niveau.nom}
    result.update((k, v) for k, v in raw.items() if k not in ("id", "enfants"))
    if node.enfants:
        result["enfants"] = [_node(child, child_raw)
                             for child, child_raw in zip(node.enfants, raw["enfants"], strict=True)]
    return result


def resolved_json(dossier: Dossier) -> bytes:
    """``pacte.json``'s bytes: stable key order, UTF-8, final newline."""
    return (json.dumps(resolved_document(dossier), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
