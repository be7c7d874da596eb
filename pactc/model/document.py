"""Stage 3, shared part: what a pact and a programme are both made of.

Blocks of text, parts (sections), the axes tree and its numbering, signature
blocks, the builders that turn validated data into them, and the walkers over
them. :mod:`pactc.model.pacte` and :mod:`pactc.model.programme` build on it;
it builds on neither. Every entity keeps ``chemin``, its path in the source
document, so that checks can point at the exact line and column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..load import LoadedFile, Path_
from .frozen import Champs, empty

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Item:
    """One list item: Markdown text and nested items."""

    texte: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Texte:
    """A Markdown passage."""

    texte: str
    chemin: Path_ = ()


@dataclass(frozen=True)
class Liste:
    """A list of items with an optional lead-in and closing sentence."""

    items: tuple[Item, ...]
    intro: str | None = None
    conclusion: str | None = None
    style: str = "puces"
    chemin: Path_ = ()
    titre: str | None = None


@dataclass(frozen=True)
class Tableau:
    """A real data table: column headers, rows, unit, source and date."""

    colonnes: tuple[str, ...]
    lignes: tuple[tuple[str, ...], ...]
    titre: str | None = None
    unite: str | None = None
    source: str | None = None
    date: str | None = None
    note: str | None = None
    chemin: Path_ = ()


@dataclass(frozen=True)
class Chiffre:
    """A figure: value, unit, the words that go with it, date and source."""

    valeur: str
    libelle: str
    unite: str | None = None
    date: str | None = None
    source: str | None = None
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Chiffres:
    """A group of figures."""

    items: tuple[Chiffre, ...]
    titre: str | None = None
    intro: str | None = None
    source: str | None = None
    chemin: Path_ = ()


@dataclass(frozen=True)
class Graphique:
    """A chart of the signed document whose data the conversion lost: only its title is known."""

    titre: str
    source: str | None = None
    chemin: Path_ = ()


@dataclass(frozen=True)
class Rubrique:
    """A passage whose nature the document announces (diagnostic, actions…)."""

    role: str
    contenu: tuple[Bloc, ...]
    titre: str | None = None
    partenaires: tuple[str, ...] = ()
    chemin: Path_ = ()


@dataclass(frozen=True)
class Inclure:
    """A placeholder for a computed part of the pact (axes, signatures…)."""

    partie: str
    chemin: Path_ = ()


Bloc = Texte | Liste | Tableau | Chiffres | Graphique | Rubrique | Inclure


@dataclass(frozen=True)
class Section:
    """A narrative part of the pact, with sub-parts."""

    id: str
    titre: str
    texte: str | None
    contenu: tuple[Bloc, ...]
    sections: tuple[Section, ...]
    profondeur: int
    chemin: Path_
    numero: str = ""
    champs: Champs = field(default_factory=empty, repr=False, compare=False)


@dataclass(frozen=True)
class Niveau:
    """A level of the axes tree: its name and numbering style."""

    nom: str
    numerotation: str = "1"
    continue_: bool = False
    en_ligne: bool = False


@dataclass(frozen=True)
class Noeud:
    """A node of the axes tree, with its computed number and label."""

    id: str
    titre: str
    texte: str | None
    contenu: tuple[Bloc, ...]
    statut: str | None
    partenaires: tuple[str, ...]
    territoires: tuple[str, ...]
    enfants: tuple[Noeud, ...]
    profondeur: int
    niveau: Niveau
    numero: int
    marque: str
    chemin: Path_
    champs: Champs = field(default_factory=empty, repr=False, compare=False)
    #: Insertion themes (data, never printed): see :mod:`pactc.themes`.
    themes: tuple[str, ...] = ()

    @property
    def libelle(self) -> str:
        """The full computed label, e.g. « Axe 3 » or « Orientation b »."""
        if not self.marque:
            return ""
        return f"{self.niveau.nom} {self.marque}"

    @property
    def vide(self) -> bool:
        """True when the node carries no text, no content and no children."""
        return not (self.texte or self.contenu or self.enfants)


@dataclass(frozen=True)
class Signature:
    """One signature block."""

    partenaire: str
    pour: str | None
    qualite: str
    nom: str | None
    date: str | None
    lieu: str | None
    chemin: Path_
    champs: Champs = field(default_factory=empty, repr=False, compare=False)


# ---------------------------------------------------------------- walking


def walk_nodes(roots: tuple[Noeud, ...]) -> Iterator[Noeud]:
    """Every node of an axes tree, depth first, in document order."""
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.enfants))


def walk_sections(roots: tuple[Section, ...]) -> Iterator[Section]:
    """Every section and sub-section, in document order."""
    stack = list(reversed(roots))
    while stack:
        section = stack.pop()
        yield section
        stack.extend(reversed(section.sections))


def inclusions(blocs: tuple[Bloc, ...]) -> Iterator[Inclure]:
    """Every ``inclure`` block in ``blocs``, nested ones included."""
    for bloc in blocs:
        if isinstance(bloc, Inclure):
            yield bloc
        elif isinstance(bloc, Rubrique):
            yield from inclusions(bloc.contenu)


def rubriques(blocs: tuple[Bloc, ...]) -> Iterator[Rubrique]:
    """Every rubrique in ``blocs``, nested ones included."""
    for bloc in blocs:
        if isinstance(bloc, Rubrique):
            yield bloc
            yield from rubriques(bloc.contenu)


class Document:
    """What a pact and a programme share: parts, an axes tree, signatures, and walks over them."""

    source: LoadedFile
    sections: tuple[Section, ...]
    axes: tuple[Noeud, ...]
    signatures: tuple[Signature, ...]
    #: The whole source document, frozen (see :mod:`pactc.model.frozen`).
    champs: Champs

    def tous_les_noeuds(self) -> Iterator[Noeud]:
        """Every node of the document's own axes tree, depth first."""
        return walk_nodes(self.axes)

    def toutes_les_sections(self) -> Iterator[Section]:
        """Every part and sub-part, in document order."""
        return walk_sections(self.sections)

    def sequences_de_blocs(self) -> Iterator[tuple[Bloc, ...]]:
        """Every sequence of blocks of the document's parts and axes (subclasses add their own)."""
        for s in self.toutes_les_sections():
            yield s.contenu
        for n in self.tous_les_noeuds():
            yield n.contenu


# ---------------------------------------------------------------- building


def build_niveaux(data: Champs) -> tuple[Niveau, ...]:
    """The levels of a document's axes tree (a pact's or a PDI's)."""
    return tuple(Niveau(n["nom"], n.get("numerotation", "1"), n.get("continue", False), n.get("en_ligne", False))
                 for n in data.get("niveaux_axes", [{"nom": "Axe"}]))


def build_signatures(data: Champs) -> tuple[Signature, ...]:
    """The signature blocks of a document (a pact's or a PDI's)."""
    return tuple(Signature(s["partenaire"], s.get("pour"), s["qualite"], s.get("nom"), s.get("date"), s.get("lieu"),
                           ("signatures", i), s) for i, s in enumerate(data.get("signatures", [])))


def build_items(raw: Sequence[Any]) -> tuple[Item, ...]:
    return tuple(Item(r) if isinstance(r, str) else Item(r["texte"], build_items(r.get("items", [])))
                 for r in raw)


def build_blocs(raw: Sequence[Champs], chemin: Path_) -> tuple[Bloc, ...]:
    return tuple(build_bloc(b, chemin + (i,)) for i, b in enumerate(raw))


def build_bloc(raw: Champs, chemin: Path_) -> Bloc:
    (kind, value), = raw.items()
    here = chemin + (kind,)
    if kind == "texte":
        return Texte(value, here)
    if kind == "liste":
        return Liste(build_items(value["items"]), value.get("intro"), value.get("conclusion"),
                     value.get("style", "puces"), here, value.get("titre"))
    if kind == "tableau":
        return Tableau(tuple(value["colonnes"]), tuple(tuple(r) for r in value["lignes"]),
                       value.get("titre"), value.get("unite"), value.get("source"), value.get("date"),
                       value.get("note"), here)
    if kind == "chiffres":
        return Chiffres(
            tuple(Chiffre(c["valeur"], c["libelle"], c.get("unite"), c.get("date"), c.get("source"),
                          build_items(c.get("items", []))) for c in value["items"]),
            value.get("titre"), value.get("intro"), value.get("source"), here)
    if kind == "graphique":
        return Graphique(value["titre"], value.get("source"), here)
    if kind == "rubrique":
        return Rubrique(value["role"], build_blocs(value["contenu"], here + ("contenu",)), value.get("titre"),
                        tuple(value.get("partenaires", [])), here)
    return Inclure(value, here)


def build_section(raw: Champs, chemin: Path_, profondeur: int, numero: str = "") -> Section:
    return Section(
        raw["id"], raw["titre"], raw.get("texte"), build_blocs(raw.get("contenu", []), chemin + ("contenu",)),
        tuple(build_section(s, chemin + ("sections", i), profondeur + 1)
              for i, s in enumerate(raw.get("sections", []))),
        profondeur, chemin, numero, raw)


def number_sections(raw: Sequence[Champs], style: str | None) -> tuple[Section, ...]:
    """The top-level parts, numbered in ``style`` when the source numbers them (I, II…)."""
    sections = []
    count = 0
    for i, s in enumerate(raw):
        numero = ""
        if style and not s.get("hors_numerotation", False):
            count += 1
            numero = format_number(count, style)
        sections.append(build_section(s, ("sections", i), 1, numero))
    return tuple(sections)


def number_tree(raw: Sequence[Champs], niveaux: tuple[Niveau, ...]) -> tuple[Noeud, ...]:
    # One counter per depth; a level that does not "continue" restarts at each parent.
    counters: dict[int, int] = {}

    def build(nodes: Sequence[Champs], chemin: Path_, depth: int) -> tuple[Noeud, ...]:
        niveau = niveaux[min(depth, len(niveaux) - 1)]
        if not niveau.continue_:
            counters[depth] = 0
        result = []
        for i, node in enumerate(nodes):
            counters[depth] = counters.get(depth, 0) + 1
            here = chemin + (i,)
            number = counters[depth]
            result.append(Noeud(
                id=node["id"], titre=node["titre"], texte=node.get("texte"),
                contenu=build_blocs(node.get("contenu", []), here + ("contenu",)), statut=node.get("statut"),
                partenaires=tuple(node.get("partenaires", [])), territoires=tuple(node.get("territoires", [])),
                enfants=build(node.get("enfants", []), here + ("enfants",), depth + 1),
                profondeur=depth + 1, niveau=niveau, numero=number,
                marque=format_number(number, niveau.numerotation), chemin=here, champs=node,
                themes=tuple(node.get("themes", ()))))
        return tuple(result)

    return build(raw, ("axes",), 0)


def format_number(number: int, style: str) -> str:
    """``number`` in numbering ``style``: 1, a, A, I, i or aucune."""
    if style == "aucune":
        return ""
    if style in ("a", "A"):
        letters = ""
        n = number
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if style == "a" else letters.upper()
    if style in ("I", "i"):
        roman = _roman(number)
        return roman if style == "I" else roman.lower()
    return str(number)


def _roman(number: int) -> str:
    parts = []
    for value, symbol in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        parts.append(symbol * count)
    return "".join(parts)
