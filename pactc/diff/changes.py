"""diff(model, model): what changed between two versions of a pact and its PDI.

Entities are matched by id. For each kind of entity (partenaire, engagement,
axe, fiche, action…) the diff reports:

- ``added`` / ``removed``;
- ``renamed``: same id, new title (other changed fields are listed too);
- ``modified``: same id, other fields changed;
- ``moved``: same id, another parent (an action moved to another objective);
- ``renumbered``: same id, its computed number changed (an axis inserted before it);
- ``reidentified``: an id changed but the content did not — a probable rename,
  reported instead of a removal plus an addition.

Changed texts carry a word-level redline. The JSON form is documented in
``docs/diff.md`` and stays stable.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import Dossier, Noeud, Section
from ..model.frozen import Champs, thaw

#: The field that holds an entity's title, per kind (a change there is a rename).
TITLE_FIELDS = {"partenaire": "nom", "instance": "nom", "glossaire": "definition", "jalon": "libelle",
                "territoire": "nom", "categorie": "libelle", "signature": "nom", "pacte": "titre", "pdi": "titre"}
#: Display order of kinds, and their French names.
#: How each operation reads, in French.
OP_NAMES = {"added": "ajouté", "removed": "supprimé", "renamed": "renommé", "reidentified": "renommage probable",
            "modified": "modifié", "moved": "déplacé", "renumbered": "renuméroté"}

KINDS = {
    "pacte": "pacte", "pdi": "programme", "categorie": "catégorie", "territoire": "territoire",
    "section": "partie", "partenaire": "partenaire", "engagement": "engagement", "axe": "axe",
    "instance": "instance", "planning": "planning", "signature": "signature", "glossaire": "glossaire",
    "jalon": "jalon", "fiche": "fiche", "objectif": "objectif", "action": "action", "piste": "piste phare",
}
OPS = ("added", "removed", "renamed", "reidentified", "modified", "moved", "renumbered")
#: Children lists are entities of their own: they are not fields of their parent.
_CHILD_KEYS = frozenset({"enfants", "sections", "objectifs", "actions", "pistes_phares", "id"})


@dataclass(frozen=True)
class Entity:
    """One comparable thing: its kind, id, parent, computed number, title and fields."""

    kind: str
    id: str
    parent: str | None
    numero: str | None
    fields: dict[str, Any]
    path: str

    @property
    def title(self) -> str | None:
        """The entity's title (what a rename changes)."""
        value = self.fields.get(TITLE_FIELDS.get(self.kind, "titre"))
        return value if isinstance(value, str) else None

    def content(self) -> str:
        """A canonical form of the fields, to recognise the same content under another id."""
        return json.dumps(self.fields, sort_keys=True, ensure_ascii=False)


@dataclass(frozen=True)
class Change:
    """One reported change."""

    op: str
    kind: str
    id: str
    path: str
    fields: tuple[str, ...] = ()
    before: Any = None
    after: Any = None
    old_id: str | None = None
    redlines: dict[str, list[tuple[str, str]]] = field(default_factory=dict, compare=False)
    #: A move that also renumbers: (old number, new number), reported with the move, once.
    numeros: tuple[str, str] | None = None

    @property
    def document(self) -> str:
        """Which signed or unsigned document the change belongs to: « pacte » or « programme »."""
        return "programme" if self.path == "pdi" or self.path.startswith(("pdi/", "fiches/")) else "pacte"

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form of a change (see docs/diff.md)."""
        data: dict[str, Any] = {"document": self.document, "op": self.op, "kind": self.kind, "id": self.id,
                                "path": self.path,
                                "fields": list(self.fields), "before": self.before, "after": self.after}
        if self.old_id is not None:
            data["old_id"] = self.old_id
        if self.numeros is not None:
            data["numero"] = {"before": self.numeros[0], "after": self.numeros[1]}
        if self.redlines:
            data["redline"] = {k: [list(seg) for seg in v] for k, v in self.redlines.items()}
        return data


@dataclass(frozen=True)
class Diff:
    """The changes between two versions, in a stable order."""

    old: str
    new: str
    changes: tuple[Change, ...]
    departement: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON document of ``pactc diff --format json``."""
        return {"old": self.old, "new": self.new,
                "changes": [{"departement": self.departement, **c.to_dict()} for c in self.changes]}

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of changes per kind and per operation."""
        result: dict[str, dict[str, int]] = {}
        for change in self.changes:
            result.setdefault(change.kind, {}).setdefault(change.op, 0)
            result[change.kind][change.op] += 1
        return result


# ---------------------------------------------------------------- entities


def entities(dossier: Dossier) -> dict[tuple[str, str], Entity]:  # noqa: C901 — one flat loop per kind of entity; splitting it would scatter the list of what is compared
    """Every comparable entity of a pact and its PDI, keyed by (kind, id), with the source fields the model kept."""
    found: dict[tuple[str, str], Entity] = {}

    def add(kind: str, ident: str, champs: Champs, *, parent: str | None = None, numero: str | None = None,
            path: str = "") -> None:
        fields = {k: thaw(v) for k, v in champs.items() if k not in _CHILD_KEYS}
        found[(kind, ident)] = Entity(kind, ident, parent, numero, fields, path or f"{kind}/{ident}")

    pacte = dossier.pacte
    add("pacte", "pacte", pacte.meta.champs, path="pacte")
    for categorie in pacte.categories:
        add("categorie", categorie.id, categorie.champs)
    for territoire in pacte.territoires:
        add("territoire", territoire.id, territoire.champs)
    for jalon in pacte.meta.historique:
        add("jalon", jalon.id, jalon.champs)
    _sections(add, pacte.sections, None, "sections")
    for partenaire in pacte.partenaires:
        add("partenaire", partenaire.id, partenaire.champs, path=f"partenaires/{partenaire.id}")
    for engagement in pacte.engagements:
        add("engagement", engagement.id, engagement.champs, path=f"engagements/{engagement.id}")
    _nodes(add, pacte.axes, None, "axes")
    for instance in pacte.instances:
        add("instance", instance.id, instance.champs, path=f"instances/{instance.id}")
    for ligne in pacte.planning.lignes if pacte.planning else ():
        add("planning", ligne.axe, ligne.champs, path=f"planning/{ligne.axe}")
    seen: dict[str, int] = {}
    for signature in pacte.signatures:
        # A body may sign twice (two representatives): number the repeats.
        seen[signature.partenaire] = seen.get(signature.partenaire, 0) + 1
        ident = signature.partenaire + ("" if seen[signature.partenaire] == 1 else f"#{seen[signature.partenaire]}")
        add("signature", ident, signature.champs, path=f"signatures/{ident}")
    for entree in pacte.glossaire:
        add("glossaire", entree.sigle, entree.champs, path=f"glossaire/{entree.sigle}")
    programme = dossier.programme
    if programme is not None:
        add("pdi", "pdi", programme.champs["pdi"], path="pdi")
        _sections(add, programme.sections, None, "pdi/sections")
        _nodes(add, programme.axes, None, "pdi/axes")
        for fiche in programme.fiches:
            add("fiche", fiche.id, fiche.champs, parent=fiche.axe, numero=fiche.libelle, path=f"fiches/{fiche.id}")
            for objectif in fiche.objectifs:
                add("objectif", objectif.id, objectif.champs, parent=fiche.id, numero=str(objectif.numero),
                    path=f"fiches/{fiche.id}/{objectif.id}")
                for action in objectif.actions:
                    add("action", action.id, action.champs, parent=objectif.id,
                        numero=f"{objectif.numero}.{action.lettre}",
                        path=f"fiches/{fiche.id}/{objectif.id}/{action.id}")
            for piste in fiche.pistes_phares:
                add("piste", piste.id, piste.champs, parent=fiche.id, path=f"fiches/{fiche.id}/{piste.id}")
    return found


def _sections(add: Any, sections: tuple[Section, ...], parent: str | None, path: str) -> None:
    for section in sections:
        here = f"{path}/{section.id}"
        add("section", section.id, section.champs, parent=parent, path=here)
        _sections(add, section.sections, section.id, here)


def _nodes(add: Any, nodes: tuple[Noeud, ...], parent: str | None, path: str) -> None:
    for node in nodes:
        here = f"{path}/{node.id}"
        add("axe", node.id, node.champs, parent=parent, numero=node.libelle or None, path=here)
        _nodes(add, node.enfants, node.id, here)


# ---------------------------------------------------------------- diffing


_WORD = re.compile(r"\s+|[^\s]+")


def redline(before: str, after: str) -> list[tuple[str, str]]:
    """A word-level redline: ``[("=", same), ("-", deleted), ("+", inserted)…]``."""
    a, b = _WORD.findall(before), _WORD.findall(after)
    segments: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("=", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                segments.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                segments.append(("+", "".join(b[j1:j2])))
    return segments


def diff_models(old: Dossier | None, new: Dossier | None, *, old_label: str = "old", new_label: str = "new",
                departement: str = "") -> Diff:
    """Every change from ``old`` to ``new`` (None: the pact does not exist in that version)."""
    before = entities(old) if old is not None else {}
    after = entities(new) if new is not None else {}
    removed = [k for k in before if k not in after]
    added = [k for k in after if k not in before]
    renamed_ids: dict[str, str] = {}
    changes: list[Change] = []
    # Same content under another id: a probable rename, not a removal plus an addition.
    by_content: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key in removed:
        by_content.setdefault((key[0], _without_id(before[key])), []).append(key)
    for key in list(added):
        candidates = by_content.get((key[0], _without_id(after[key])))
        if candidates:
            old_key = candidates.pop(0)
            removed.remove(old_key)
            added.remove(key)
            renamed_ids[old_key[1]] = key[1]
            changes.append(Change("reidentified", key[0], key[1], after[key].path, ("id",), old_key[1], key[1],
                                  old_id=old_key[1]))
    for key in removed:
        changes.append(Change("removed", key[0], key[1], before[key].path, (), before[key].fields, None))
    for key in added:
        changes.append(Change("added", key[0], key[1], after[key].path, (), None, after[key].fields))
    for key in before:
        if key in after:
            changes.extend(_compare(before[key], after[key], renamed_ids))
    for old_id, new_id in renamed_ids.items():
        kind = next(c.kind for c in changes if c.op == "reidentified" and c.id == new_id)
        changes.extend(c for c in _compare(before[(kind, old_id)], after[(kind, new_id)], renamed_ids)
                       if c.op != "modified")
    order = {kind: i for i, kind in enumerate(KINDS)}
    changes.sort(key=lambda c: (order.get(c.kind, 99), c.path, OPS.index(c.op)))
    return Diff(old_label, new_label, tuple(changes), departement)


def _without_id(entity: Entity) -> str:
    return entity.content()


def _words_of(value: Any) -> str:
    """The text of a field, in reading order: a string, or every string of structured content."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n\n".join(filter(None, (_words_of(v) for v in value)))
    if isinstance(value, dict):
        return "\n\n".join(filter(None, (_words_of(v) for k, v in value.items() if k not in ("id", "style", "role"))))
    return ""


def _compare(a: Entity, b: Entity, renamed_ids: dict[str, str]) -> Iterator[Change]:
    old_parent = renamed_ids.get(a.parent, a.parent) if a.parent else a.parent
    moved = old_parent != b.parent
    # A field that only names the parent (a fiche's « axe ») changes with a move: the move says it, once.
    changed = tuple(sorted(k for k in set(a.fields) | set(b.fields) if a.fields.get(k) != b.fields.get(k)
                           and not (moved and a.fields.get(k) == a.parent and b.fields.get(k) == b.parent)))
    title_field = TITLE_FIELDS.get(a.kind, "titre")
    if changed:
        # Word-level redlines for texts, and for structured content (a part's blocks) through its words.
        lines = {k: redline(_words_of(a.fields[k]), _words_of(b.fields[k])) for k in changed
                 if _words_of(a.fields.get(k)) and _words_of(b.fields.get(k))}
        op = "renamed" if title_field in changed else "modified"
        yield Change(op, b.kind, b.id, b.path, changed, {k: a.fields.get(k) for k in changed},
                     {k: b.fields.get(k) for k in changed}, redlines=lines)
    if moved:
        renumbered = (a.numero, b.numero) if a.numero and b.numero and a.numero != b.numero else None
        yield Change("moved", b.kind, b.id, b.path, ("parent", "numero") if renumbered else ("parent",),
                     a.parent, b.parent, numeros=renumbered)
    elif a.numero != b.numero and a.numero and b.numero:
        yield Change("renumbered", b.kind, b.id, b.path, ("numero",), a.numero, b.numero)
