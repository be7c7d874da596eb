"""The document plan: which computed parts go where, and the table of contents."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Inclure, Pacte, Section, Signature, inclusions
from .labels import PARTS
from .markdown import inline

#: Signature boxes per printed page (two columns): the first page also carries the heading and « Fait à ».
FIRST_PAGE_BOXES = 4
PAGE_BOXES = 6

#: Parts that are data first: printed only where the pact places them, never appended, since a
#: timeline or a planning chart the source does not print would be added text.
DATA_PARTS = frozenset({"historique", "planning"})


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
        "historique": any(j.texte for j in pacte.meta.historique),
        "territoires": bool(pacte.territoires),
        "axes": bool(pacte.axes),
        "partenaires": bool(pacte.partenaires_avec_chapitre or any(c.description for c in pacte.categories)),
        "engagements_communs": bool(pacte.engagements_communs),
        "instances": any(i.imprimee for i in pacte.instances),
        "planning": pacte.planning is not None,
        "signatures": bool(pacte.signatures),
        "glossaire": bool(pacte.glossaire),
        "contact": pacte.meta.contact is not None,
    }
    return {part for part, here in present.items() if here}


def part_anchor(part: str) -> str:
    """The anchor of a computed part appended at the end of the document."""
    return f"pactc-{part.replace('_', '-')}"


def build_outline(pacte: Pacte, max_depth: int = 2) -> Outline:  # noqa: C901 — walks sections and the parts they place; the nested helpers keep it one reading
    """The table of contents, down to ``max_depth`` levels of sections."""
    entries: list[Entry] = []
    placed: set[str] = set()

    def part_entries(part: str, depth: int) -> None:
        if part == "axes":
            for node in (n for n in pacte.axes if not n.niveau.en_ligne):
                label = f"{node.libelle} — " if node.libelle else ""
                entries.append(Entry(depth, node.id, label + inline(node.titre)))
        elif part == "partenaires":
            for p in filter(pacte.a_un_chapitre, pacte.partenaires):
                entries.append(Entry(depth, p.id, inline(p.intitule)))
        elif part == "instances":
            for i in (i for i in pacte.instances if i.imprimee):
                entries.append(Entry(depth, i.id, inline(i.titre or i.nom)))

    def walk(section: Section) -> None:
        if section.profondeur <= max_depth:
            numero = f"{section.numero}. " if section.numero else ""
            entries.append(Entry(section.profondeur, section.id, numero + inline(section.titre)))
        for inc in inclusions(section.contenu):
            placed.add(inc.partie)
            if section.profondeur < max_depth:
                part_entries(inc.partie, section.profondeur + 1)
            if inc.partie == "signatures" and not places_signatures(section):
                # The signature page is always in the sommaire, under its own heading.
                entries.append(Entry(min(section.profondeur + 1, max_depth), part_anchor("signatures"),
                                     PARTS["signatures"]))
        for child in section.sections:
            walk(child)

    for section in pacte.sections:
        walk(section)
    for blocs in pacte.sequences_de_blocs():  # parts placed inside axes or instances
        placed.update(inc.partie for inc in inclusions(blocs))
    trailing = tuple(p for p in PARTS if p in present_parts(pacte) and p not in placed and p not in DATA_PARTS)
    for part in trailing:
        entries.append(Entry(1, part_anchor(part), PARTS[part]))
        part_entries(part, 2)
    return Outline(tuple(entries), trailing)



def places_signatures(section: Section) -> bool:
    """True when ``section`` opens on the signature page: its heading is the page's heading.

    Anywhere else, the signature part brings its own heading « Signatures » and starts a page.
    """
    first = section.contenu[0] if section.contenu else None
    return not section.texte and isinstance(first, Inclure) and first.partie == "signatures"


def signature_pages(signatures: tuple[Signature, ...]) -> list[tuple[Signature, ...]]:
    """The signature boxes, grouped page by page and balanced.

    The fewest pages that hold them all (FIRST_PAGE_BOXES on the first, which also carries the
    heading and « Fait à », PAGE_BOXES on the others), with the boxes spread as evenly as those
    capacities allow: 17 boxes give 4 + 5 + 4 + 4, never 4 + 6 + 6 + 1.
    """
    count = len(signatures)
    if not count:
        return []
    pages = 1 + max(0, -(-(count - FIRST_PAGE_BOXES) // PAGE_BOXES))
    groups, start = [], 0
    for page in range(pages):
        left, pages_left = count - start, pages - page
        size = min(FIRST_PAGE_BOXES if page == 0 else PAGE_BOXES, -(-left // pages_left))
        groups.append(signatures[start:start + size])
        start += size
    return groups
