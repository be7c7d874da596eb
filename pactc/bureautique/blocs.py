"""A rendered document's HTML as word-processor blocks: headings, paragraphs, lists, tables, page breaks.

pactc's HTML is its own and regular, so a small tree walker reads it: the
sommaire becomes the word processor's table of contents, visually hidden
helpers and drawings are left out (the PDF's charts have their figures in the
text and tables beside them), the signature page becomes a table of boxes. The
semantic classes become semantic styles (:data:`STYLES`), so that an export
can be imported back without guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Semantic style id → the style name written into the document (and read back by the importer).
STYLES = {
    "partenaire": "pactc Partenaire",
    "engagement": "pactc Engagement",
    "categorie": "pactc Catégorie",
    "axe": "pactc Axe",
    "axe-en-ligne": "pactc Axe en ligne",
    "rubrique": "pactc Rubrique",
    "signatures": "pactc Signatures",
    "glossaire": "pactc Glossaire",
    "titre": "Title",
    "sous-titre": "Subtitle",
}


@dataclass(frozen=True)
class Segment:
    """A run of text with its emphasis."""

    texte: str
    gras: bool = False
    italique: bool = False


class _Texte:
    """Runs of text: a paragraph's, a heading's."""

    segments: tuple[Segment, ...]

    @property
    def texte(self) -> str:
        """The plain text of the runs."""
        return "".join(s.texte for s in self.segments)


@dataclass(frozen=True)
class Paragraphe(_Texte):
    """A paragraph: runs of text, and a semantic style when it has one."""

    segments: tuple[Segment, ...]
    style: str | None = None


@dataclass(frozen=True)
class Titre(_Texte):
    """A heading of level 1 (a part) to 6."""

    niveau: int
    segments: tuple[Segment, ...]
    style: str | None = None


@dataclass(frozen=True)
class Liste:
    """A bulleted or numbered list; each item is a sequence of blocks (its paragraph, then nested lists)."""

    ordonnee: bool
    elements: tuple[tuple[Bloc, ...], ...]
    style: str | None = None


@dataclass(frozen=True)
class Tableau:
    """A table: rows of cells, each cell a sequence of blocks; the first ``entete`` rows are headers."""

    lignes: tuple[tuple[tuple[Bloc, ...], ...], ...]
    entete: int = 0
    style: str | None = None


@dataclass(frozen=True)
class SautDePage:
    """A page break (after the cover)."""


@dataclass(frozen=True)
class Sommaire:
    """Where the table of contents goes, with its title."""

    titre: str


Bloc = Paragraphe | Titre | Liste | Tableau | SautDePage | Sommaire


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    enfants: list[_Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


_VIDES = {"br", "img", "meta", "link", "hr", "input", "col", "wbr"}


class _Arbre(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.racine = _Element("racine", {})
        self.pile = [self.racine]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs})
        self.pile[-1].enfants.append(element)
        if tag not in _VIDES:
            self.pile.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.pile) - 1, 0, -1):
            if self.pile[i].tag == tag:
                del self.pile[i:]
                return

    def handle_data(self, data: str) -> None:
        self.pile[-1].enfants.append(data)


_CACHES = {"sr", "zone-signature", "graphique", "skip"}
_BLANCS = re.compile(r"[ \t\r\n\f]+")
_SAUT = "\u2028"  # a <br>, kept through the white-space rule, then a line break


def _cache(e: _Element) -> bool:
    return e.tag in ("style", "script", "svg", "head", "title") or bool(e.classes & _CACHES) \
        or e.attrs.get("aria-hidden") == "true"


def blocs_du_html(html: str) -> tuple[Bloc, ...]:
    """The blocks of a pactc HTML page, in reading order."""
    arbre = _Arbre()
    arbre.feed(html)
    body = _trouver(arbre.racine, "body") or arbre.racine
    return tuple(_blocs(body, None))


def _trouver(e: _Element, tag: str) -> _Element | None:
    for enfant in e.enfants:
        if isinstance(enfant, _Element):
            if enfant.tag == tag:
                return enfant
            found = _trouver(enfant, tag)
            if found is not None:
                return found
    return None


def _blocs(e: _Element, semantique: str | None) -> list[Bloc]:  # noqa: C901 — one branch per kind of element
    result: list[Bloc] = []
    en_ligne: list[Segment] = []

    def vider() -> None:
        paragraphe = _paragraphe(en_ligne, None)
        if paragraphe is not None:
            result.append(paragraphe)
        en_ligne.clear()

    for enfant in e.enfants:
        if isinstance(enfant, str):
            en_ligne.append(Segment(enfant))
            continue
        if _cache(enfant):
            continue
        tag, classes = enfant.tag, enfant.classes
        if tag in ("strong", "b", "em", "i", "abbr", "a", "span", "code", "sup", "sub", "small", "q", "br"):
            en_ligne.extend(_segments(enfant, False, False))
            continue
        vider()
        if tag == "nav" and "sommaire" in classes:
            titre = _trouver(enfant, "h2")
            result.append(Sommaire(_texte(titre) if titre else "Sommaire"))
        elif tag == "header" and "couverture" in classes:
            result.extend(_couverture(enfant))
            result.append(SautDePage())
        elif re.fullmatch(r"h[1-6]", tag):
            segments = _nettoyer(_segments(enfant, False, False))
            if segments:
                niveau = max(1, int(tag[1]) - 1)
                sens = "rubrique" if "rubrique-titre" in classes else \
                    semantique if semantique in ("partenaire", "axe") else None
                result.append(Titre(niveau, segments, sens))
            semantique = None if semantique in ("partenaire", "axe") else semantique
        elif tag == "p":
            # an axis printed in line: its title in bold, then its text, in one paragraph
            paragraphe = _paragraphe(_segments(enfant, False, False),
                                     "axe-en-ligne" if semantique == "axe-en-ligne" else None)
            if paragraphe is not None:
                result.append(paragraphe)
        elif tag in ("ul", "ol") and "signatures" in classes:
            suite = _signatures(enfant)
            precedent = result[-1] if result else None
            if isinstance(precedent, Tableau) and precedent.style == "signatures":
                # The PDF splits the boxes into balanced pages; a word processor paginates one table itself.
                result.pop()
                suite = Tableau(precedent.lignes + suite.lignes, 0, "signatures")
            result.append(suite)
        elif tag in ("ul", "ol"):
            result.append(_liste(enfant, "engagement" if "engagements" in classes
                                 else "categorie" if "categories" in classes else None))
        elif tag == "table":
            result.append(_tableau(enfant, "glossaire" if "glossaire" in classes else None))
        elif tag == "dl":
            result.extend(_definitions(enfant))
        else:
            if classes & {"fiche", "page-signatures"} and result:
                # A fiche, and the signature page, start a page as in the PDF; with their heading, if it
                # comes just before (never a heading stranded at the foot of a page).
                result.insert(len(result) - 1 if isinstance(result[-1], Titre) else len(result), SautDePage())
            sens = "partenaire" if "partenaire" in classes else "axe-en-ligne" if "noeud-en-ligne" in classes \
                else "axe" if "noeud" in classes else None
            result.extend(_blocs(enfant, sens))
    vider()
    return result


def _segments(e: _Element, gras: bool, italique: bool) -> list[Segment]:
    gras = gras or e.tag in ("strong", "b")
    italique = italique or e.tag in ("em", "i")
    if e.tag == "br":
        return [Segment(_SAUT, gras, italique)]
    result: list[Segment] = []
    for enfant in e.enfants:
        if isinstance(enfant, str):
            result.append(Segment(enfant, gras, italique))
        elif not _cache(enfant):
            result.extend(_segments(enfant, gras, italique))
            if "numero" in enfant.classes and enfant.tag == "span" and re.fullmatch(r"h[1-6]", e.tag):
                # A heading's computed number is set apart on the page; in a word processor, by a dash.
                result.append(Segment(" —", gras, italique))
    return result


def _nettoyer(segments: list[Segment]) -> tuple[Segment, ...]:
    """HTML's white space rule: runs of spaces and line ends are one space; none at the ends."""
    result: list[Segment] = []
    for s in segments:
        texte = _BLANCS.sub(" ", s.texte)
        if result and result[-1].texte.endswith((" ", _SAUT)) and texte.startswith(" "):
            texte = texte[1:]
        if texte:
            if result and (result[-1].gras, result[-1].italique) == (s.gras, s.italique):
                result[-1] = Segment(result[-1].texte + texte, s.gras, s.italique)
            else:
                result.append(Segment(texte, s.gras, s.italique))
    while result and not result[0].texte.strip(" "):
        result.pop(0)
    while result and not result[-1].texte.strip(" "):
        result.pop()
    if result:
        result[0] = Segment(result[0].texte.lstrip(" "), result[0].gras, result[0].italique)
        result[-1] = Segment(result[-1].texte.rstrip(" "), result[-1].gras, result[-1].italique)
    return tuple(Segment(s.texte.replace(_SAUT, "\n"), s.gras, s.italique) for s in result if s.texte)


def _paragraphe(segments: list[Segment], style: str | None) -> Paragraphe | None:
    propres = _nettoyer(segments)
    return Paragraphe(propres, style) if propres else None


def _texte(e: _Element) -> str:
    return "".join(s.texte for s in _nettoyer(_segments(e, False, False)))


def _couverture(e: _Element) -> list[Bloc]:
    result: list[Bloc] = []
    for enfant in e.enfants:
        if not isinstance(enfant, _Element) or _cache(enfant):
            continue
        if enfant.tag in ("h1", "p"):
            style = "titre" if enfant.tag == "h1" else "sous-titre" if "couverture-periode" in enfant.classes else None
            paragraphe = _paragraphe(_segments(enfant, False, False), style)
            if paragraphe is not None:
                result.append(paragraphe)
        else:
            result.extend(_couverture(enfant))
    return result


def _liste(e: _Element, style: str | None) -> Liste:
    elements = []
    for li in e.enfants:
        if isinstance(li, _Element) and li.tag == "li" and not _cache(li):
            contenu = _blocs(li, None)
            if contenu:
                elements.append(tuple(contenu))
    return Liste(e.tag == "ol", tuple(elements), style)


def _tableau(e: _Element, style: str | None) -> Tableau:
    lignes: list[tuple[tuple[Bloc, ...], ...]] = []
    entete = 0

    def rangees(parent: _Element, en_tete: bool) -> None:
        nonlocal entete
        for enfant in parent.enfants:
            if not isinstance(enfant, _Element) or _cache(enfant):
                continue
            if enfant.tag in ("thead", "tbody", "tfoot"):
                rangees(enfant, enfant.tag == "thead")
            elif enfant.tag == "tr":
                cellules = tuple(tuple(_blocs(c, None)) for c in enfant.enfants
                                 if isinstance(c, _Element) and c.tag in ("td", "th"))
                lignes.append(cellules)
                entete += en_tete

    rangees(e, False)
    return Tableau(tuple(lignes), entete, style)


def _signatures(e: _Element) -> Tableau:
    """The signature boxes, two by row: « Pour … », the quality, the name, and room to sign."""
    boites: list[tuple[Bloc, ...]] = []
    for li in e.enfants:
        if isinstance(li, _Element) and li.tag == "li":
            boites.append(tuple(_blocs(li, None)))
    lignes = tuple(tuple(boites[i:i + 2]) + (((),) if len(boites[i:i + 2]) == 1 else ())
                   for i in range(0, len(boites), 2))
    return Tableau(lignes, 0, "signatures")


def _definitions(e: _Element) -> list[Bloc]:
    result: list[Bloc] = []
    for enfant in e.enfants:
        if isinstance(enfant, _Element) and enfant.tag in ("dt", "dd"):
            paragraphe = _paragraphe(_segments(enfant, enfant.tag == "dt", False), None)
            if paragraphe is not None:
                result.append(paragraphe)
    return result
