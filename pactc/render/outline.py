"""The document plan: which computed parts go where, and the table of contents."""

from __future__ import annotations

from dataclasses import dataclass

from ..checks.content import inclusions
from ..checks.references import all_blocs
from ..markdown import inline
from ..model import Pacte, Section

#: The computed parts, in the order they are appended when a pact does not place them.
PARTS: dict[str, str] = {
    "historique": "Historique",
    "territoires": "Territoires",
    "axes": "Axes stratégiques",
    "partenaires": "Les partenaires et leurs engagements",
    "engagements_communs": "Engagements communs",
    "instances": "Gouvernance",
    "planning": "Planning indicatif",
    "signatures": "Signatures",
    "glossaire": "Glossaire",
    "contact": "Contact",
}


@dataclass(frozen=True)
class Entry:
    """A line of the table of contents: its depth, anchor and title (safe HTML)."""

    depth: int
    anchor: str
    title: str


@dataclass(frozen=True)
class Outline:
    """What the templates need to lay the document out."""

    entries: tuple[Entry, ...]
    trailing_parts: tuple[str, ...]


def present_parts(pacte: Pacte) -> set[str]:
    """The computed parts that have content in this pact."""
    present = {
        "historique": bool(pacte.meta.historique),
        "territoires": bool(pacte.territoires),
        "axes": bool(pacte.axes),
        "partenaires": bool(pacte.partenaires),
        "engagements_communs": bool(pacte.engagements_communs),
        "instances": bool(pacte.instances),
        "planning": pacte.planning is not None,
        "signatures": bool(pacte.signatures),
        "glossaire": bool(pacte.glossaire),
        "contact": pacte.meta.contact is not None,
    }
    return {part for part, here in present.items() if here}


def part_anchor(part: str) -> str:
    """The anchor of a computed part appended at the end of the document."""
    return f"pactc-{part.replace('_', '-')}"


def build_outline(pacte: Pacte, max_depth: int = 2) -> Outline:
    """The table of contents, down to ``max_depth`` levels of sections."""
    entries: list[Entry] = []
    placed: set[str] = set()

    def part_entries(part: str, depth: int) -> None:
        if part == "axes":
            for node in pacte.axes:
                label = f"{node.libelle} — " if node.libelle else ""
                entries.append(Entry(depth, node.id, label + inline(node.titre)))
        elif part == "partenaires":
            for p in filter(pacte.a_un_chapitre, pacte.partenaires):
                entries.append(Entry(depth, p.id, inline(p.nom)))

    def walk(section: Section) -> None:
        if section.profondeur <= max_depth:
            entries.append(Entry(section.profondeur, section.id, inline(section.titre)))
        for inc in inclusions(section.contenu):
            placed.add(inc.partie)
            if section.profondeur < max_depth:
                part_entries(inc.partie, section.profondeur + 1)
        for child in section.sections:
            walk(child)

    for section in pacte.sections:
        walk(section)
    for blocs in all_blocs(pacte):  # parts placed inside axes or instances
        placed.update(inc.partie for inc in inclusions(blocs))
    trailing = tuple(p for p in PARTS if p in present_parts(pacte) and p not in placed)
    for part in trailing:
        entries.append(Entry(1, part_anchor(part), PARTS[part]))
        part_entries(part, 2)
    return Outline(tuple(entries), trailing)

