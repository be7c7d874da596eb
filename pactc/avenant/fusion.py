"""Units taken from another version: when an avenant defers (or anticipates) some of its changes.

An avenant may say that the change of a given unit comes into force on another
date than the rest. On a date between the two, the text in force is the
version's text with those units as another version words them. This module
replaces, removes or inserts one unit, by id, in a pact's source data, taking
it from another version's data. The unit keeps the sub-units of the text it
goes into: only its own wording moves.
"""

from __future__ import annotations

import copy
from typing import Any

#: Lists of units found by id, and the key of their sub-units (None: no sub-units).
LISTES = {"partenaires": None, "engagements": None, "instances": None, "sections": "sections", "axes": "enfants"}

Lieu = tuple[list[dict[str, Any]], int]


def trouver(data: dict[str, Any], ident: str) -> Lieu | None:
    """Where unit ``ident`` is: its list and its index (``signature:<partenaire>`` for a signature block)."""
    if ident.startswith("signature:"):
        partenaire = ident.split(":", 1)[1]
        signatures = data.get("signatures", [])
        return next(((signatures, i) for i, s in enumerate(signatures) if s.get("partenaire") == partenaire), None)
    for key, children in LISTES.items():
        found = _dans(data.get(key, []), ident, children)
        if found is not None:
            return found
    return None


def _dans(items: list[dict[str, Any]], ident: str, children: str | None) -> Lieu | None:
    for i, item in enumerate(items):
        if item.get("id") == ident:
            return items, i
        if children is not None:
            found = _dans(item.get(children, []), ident, children)
            if found is not None:
                return found
    return None


def _parent_list(data: dict[str, Any], source: dict[str, Any], lieu: Lieu, ident: str) -> list[dict[str, Any]]:
    """In ``data``, the list that holds (in ``source``) the unit at ``lieu``: same parent, or same top-level key."""
    items, _ = lieu
    for key, children in LISTES.items():
        if source.get(key) is items:
            return _liste(data, key)
        if children is not None:
            parent = _parent_of(source.get(key, []), items, children)
            if parent is not None:
                found = trouver(data, parent)
                if found is None:
                    raise ValueError(f"« {ident} » appartient à « {parent} », absent de cette version")
                return _liste(found[0][found[1]], children)
    if source.get("signatures") is items:
        return _liste(data, "signatures")
    raise ValueError(f"« {ident} » : liste introuvable")


def _liste(owner: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """``owner[key]``, created empty when absent."""
    items: list[dict[str, Any]] = owner.setdefault(key, [])
    return items


def _parent_of(items: list[dict[str, Any]], target: list[dict[str, Any]], children: str) -> str | None:
    for item in items:
        if item.get(children) is target:
            return str(item["id"])
        found = _parent_of(item.get(children, []), target, children)
        if found is not None:
            return found
    return None


def _ident(item: dict[str, Any]) -> str:
    return str(item["id"]) if "id" in item else f"signature:{item.get('partenaire')}"


def reprendre(data: dict[str, Any], source: dict[str, Any], ident: str) -> None:
    """Make unit ``ident`` in ``data`` what it is in ``source``: its wording replaced, or the unit removed or inserted.

    Raises ValueError when the unit cannot be placed (its parent is absent from ``data``).
    """
    ici, la = trouver(data, ident), trouver(source, ident)
    if ici is None and la is None:
        raise ValueError(f"« {ident} » n'est dans aucune des deux versions")
    if la is None:
        assert ici is not None
        del ici[0][ici[1]]
        return
    entity = copy.deepcopy(la[0][la[1]])
    if ici is not None:
        items, i = ici
        children = next((c for c in ("sections", "enfants") if c in items[i] or c in entity), None)
        if children is not None:
            # Its sub-units are units of their own: they stay as this version words them.
            kept = items[i].get(children)
            entity.pop(children, None)
            if kept is not None:
                entity[children] = kept
        items[i] = entity
        return
    target = _parent_list(data, source, la, ident)
    previous = _ident(la[0][la[1] - 1]) if la[1] > 0 else None
    position = next((k + 1 for k, item in enumerate(target) if _ident(item) == previous), 0)
    target.insert(position, entity)
