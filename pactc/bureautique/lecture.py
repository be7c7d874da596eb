"""Reading a DOCX or ODT file as a flat sequence of what it holds: headings, paragraphs, list items, tables.

Headings are read from heading styles (and their outline level) where the
document has them; in a document formatted by hand, a short paragraph set
entirely in bold, or in a larger size than the text, is read as a heading,
and manual bullets (« • », « - », « – ») as list items. Nothing is rewritten:
a paragraph's text is kept as it is, only a manual bullet is taken off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Lu:
    """One thing read: ``titre`` (with ``niveau``), ``paragraphe``, ``element`` (a list item, ``niveau`` from 0),
    ``tableau`` (``lignes``, and the table's name or caption), or ``sommaire`` (skipped)."""

    genre: str
    texte: str = ""
    niveau: int = 0
    style: str = ""
    numerote: bool = False
    lignes: tuple[tuple[str, ...], ...] = field(default=(), repr=False)
    legende: str = ""
    #: True when the heading was read from direct formatting, not a heading style.
    devine: bool = False
    #: The paragraph's leading bold words (an axis printed in line has its title there).
    gras_initial: str = ""


_PUCE = re.compile(r"^[•▪◦●\-–]\s+")
_TITRE_STYLE = re.compile(r"^(?:heading|titre)[ _]?(?:20_)?(\d)$", re.IGNORECASE)
_SOMMAIRE_STYLE = re.compile(r"^(?:toc|contents|table des matières|index)[ _]?(?:20_)?\d*", re.IGNORECASE)


def lire(path: Path) -> list[Lu]:
    """What ``path`` (.docx or .odt) holds, in reading order."""
    if path.suffix.lower() == ".docx":
        return _avec_titres_devines(list(_lire_docx(path)))
    if path.suffix.lower() == ".odt":
        return _avec_titres_devines(list(_lire_odt(path)))
    raise ValueError(f"format non reconnu : {path.suffix} (attendu : .docx ou .odt)")


# ---------------------------------------------------------------- DOCX


def _lire_docx(path: Path) -> Iterator[Lu]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    taille_normale = _taille_normale_docx(document)
    for enfant in document.element.body.iterchildren():
        if enfant.tag == f"{w}p":
            yield from _paragraphe_docx(Paragraph(enfant, document), taille_normale)
        elif enfant.tag == f"{w}tbl":
            table = Table(enfant, document)
            legende = enfant.find(f"{w}tblPr/{w}tblCaption")
            lignes = tuple(tuple("\n".join(p.text for p in cell.paragraphs).strip() for cell in _cellules(row))
                           for row in table.rows)
            yield Lu("tableau", lignes=lignes, legende=legende.get(f"{w}val") if legende is not None else "")


def _cellules(row: Any) -> list[Any]:
    # Merged cells repeat in python-docx's row.cells: keep each cell once.
    vues: list[Any] = []
    for cell in row.cells:
        if not vues or cell._tc is not vues[-1]._tc:
            vues.append(cell)
    return vues


def _taille_normale_docx(document: Any) -> float:
    size = document.styles["Normal"].font.size
    return size.pt if size is not None else 11.0


def _paragraphe_docx(p: Any, taille_normale: float) -> Iterator[Lu]:
    texte = p.text.strip()
    style = p.style.name if p.style is not None else ""
    if not texte:
        return
    if _SOMMAIRE_STYLE.match(style):
        yield Lu("sommaire", texte, style=style)
        return
    niveau = _niveau_de_titre_docx(p)
    if niveau is not None:
        yield Lu("titre", texte, niveau, style)
        return
    if style in ("Title", "Titre"):
        yield Lu("paragraphe", texte, style="Title")
        return
    num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
    style_num = _num_du_style(p.style)
    if num_pr is not None or style_num is not None or style.startswith(("List Bullet", "List Number")) \
            or style == "pactc Engagement":
        ilvl = num_pr.ilvl.val if num_pr is not None and num_pr.ilvl is not None else _niveau_du_style(style)
        numerote = "Number" in style or style == "pactc Engagement" or _numerote_docx(p, num_pr)
        yield Lu("element", texte, int(ilvl), style, numerote)
        return
    if _PUCE.match(texte):
        yield Lu("element", _PUCE.sub("", texte), 0, style)
        return
    runs = [r for r in p.runs if r.text.strip()]
    gras = bool(runs) and all(r.bold or (r.style is not None and r.style.font.bold) for r in runs)
    tailles = [r.font.size.pt for r in runs if r.font.size is not None]
    grand = bool(tailles) and min(tailles) >= taille_normale + 2
    initial = ""
    for run in p.runs:
        if not run.bold:
            break
        initial += run.text
    yield Lu("paragraphe", texte, style=style, niveau=(2 if grand else 0) + (1 if gras else 0),
             gras_initial=initial.strip())


def _niveau_de_titre_docx(p: Any) -> int | None:
    style = p.style
    while style is not None:
        m = _TITRE_STYLE.match(style.name or "")
        if m:
            return int(m.group(1))
        ppr = style.element.pPr
        if ppr is not None:
            niveau = ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl")
            if niveau is not None:
                return int(niveau.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")) + 1
        style = style.base_style
    return None


def _num_du_style(style: Any) -> int | None:
    while style is not None:
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
            return int(ppr.numPr.numId.val)
        style = style.base_style
    return None


def _niveau_du_style(style: str) -> int:
    m = re.search(r"(\d)$", style)
    return int(m.group(1)) - 1 if m and style.startswith("List") else 0


def _numerote_docx(p: Any, num_pr: Any) -> bool:
    if num_pr is None or num_pr.numId is None:
        return False
    try:
        numbering = p.part.numbering_part.element
    except (AttributeError, KeyError, NotImplementedError):
        return False
    num = next((n for n in numbering.num_lst if n.numId == num_pr.numId.val), None)
    if num is None:
        return False
    abstrait = next((a for a in numbering.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNum")
        if a.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNumId")
        == str(num.abstractNumId.val)), None)
    if abstrait is None:
        return False
    formats = abstrait.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numFmt")
    return bool(formats) and formats[0].get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") not in ("bullet", "none")


# ---------------------------------------------------------------- ODT


def _lire_odt(path: Path) -> Iterator[Lu]:
    from odfdo import Document

    document = Document(str(path))
    styles = _styles_odt(document)
    for enfant in document.body.children:
        yield from _element_odt(enfant, styles, 0)


def _styles_odt(document: Any) -> dict[str, tuple[str, bool, float | None]]:
    """Automatic style name → (parent style, bold, font size in pt)."""
    result: dict[str, tuple[str, bool, float | None]] = {}
    for style in document.get_styles():
        nom = getattr(style, "name", None)
        if not nom or not hasattr(style, "get_properties"):
            continue
        proprietes = style.get_properties(area="text") or {}
        taille = proprietes.get("fo:font-size", "")
        result[nom] = (getattr(style, "parent_style", None) or "", proprietes.get("fo:font-weight") == "bold",
                       float(taille[:-2]) if taille.endswith("pt") else None)
    return result


def _element_odt(e: Any, styles: dict[str, tuple[str, bool, float | None]], niveau: int) -> Iterator[Lu]:  # noqa: C901
    tag = e.tag
    if tag == "text:table-of-content":
        return
    if tag == "text:h":
        texte = str(e).strip()
        if texte:
            yield Lu("titre", texte, int(e.get_attribute("text:outline-level") or 1), _nom_style(e, styles))
    elif tag == "text:p":
        texte = str(e).strip()
        style = _nom_style(e, styles)
        if not texte:
            return
        if style == "Title":
            yield Lu("paragraphe", texte, style="Title")
        elif _PUCE.match(texte):
            yield Lu("element", _PUCE.sub("", texte), 0, style)
        else:
            brut = e.get_attribute("text:style-name") or ""
            _, gras, taille = styles.get(brut, ("", False, None))
            spans = e.get_elements("text:span")
            if spans and "".join(str(s) for s in spans).strip() == texte:
                gras = gras or all(styles.get(s.get_attribute("text:style-name") or "", ("", False, None))[1]
                                   for s in spans)
            grand = taille is not None and taille >= 13
            enfants = e.children
            initial = str(enfants[0]) if enfants and enfants[0].tag == "text:span" and styles.get(
                enfants[0].get_attribute("text:style-name") or "", ("", False, None))[1] else ""
            yield Lu("paragraphe", texte, style=style, niveau=(2 if grand else 0) + (1 if gras else 0),
                     gras_initial=initial.strip() if texte.startswith(initial.strip()) else "")
    elif tag == "text:list":
        numerote = "Numbering" in (e.get_attribute("text:style-name") or "")
        for item in e.children:
            if item.tag != "text:list-item":
                continue
            for enfant in item.children:
                if enfant.tag == "text:list":
                    yield from _element_odt(enfant, styles, niveau + 1)
                elif enfant.tag in ("text:p", "text:h") and str(enfant).strip():
                    yield Lu("element", str(enfant).strip(), niveau, _nom_style(enfant, styles), numerote)
    elif tag == "table:table":
        lignes = []
        for row in e.get_elements(".//table:table-row"):
            lignes.append(tuple("\n".join(str(p).strip() for p in cell.get_elements("text:p")).strip()
                                for cell in row.get_elements("table:table-cell")))
        yield Lu("tableau", lignes=tuple(lignes), legende=e.get_attribute("table:name") or "")
    elif tag in ("text:section", "text:soft-page-break"):
        for enfant in e.children:
            yield from _element_odt(enfant, styles, niveau)


def _nom_style(e: Any, styles: dict[str, tuple[str, bool, float | None]]) -> str:
    nom = e.get_attribute("text:style-name") or ""
    # An automatic style (« P3 ») stands for direct formatting over its parent: name the parent.
    while nom in styles and styles[nom][0] and re.fullmatch(r"[PT]\d+", nom):
        nom = styles[nom][0]
    return nom.replace("_20_", " ")


# ---------------------------------------------------------------- headings formatted by hand


_NUMERO_MANUEL = re.compile(r"^(?:([IVX]+)[.)]|(\d+)[.)]|(\d+\.\d+)\.?|([A-H])[.)])\s+\S")


def _avec_titres_devines(lus: list[Lu]) -> list[Lu]:
    """In a document without heading styles, short bold or large lines become headings, levelled by
    their size, then by manual numbering (« II. » above « 2. » above « 2.1 »)."""
    if any(lu.genre == "titre" for lu in lus):
        return lus
    result = []
    for lu in lus:
        court = len(lu.texte) <= 160 and not lu.texte.rstrip().endswith((".", ";", ","))
        if lu.genre == "paragraphe" and lu.niveau and court:
            niveau = 1 if lu.niveau >= 2 else 2
            m = _NUMERO_MANUEL.match(lu.texte)
            if m:
                niveau = 1 if m.group(1) else 2 if (m.group(2) or m.group(4)) else 3
            result.append(Lu("titre", lu.texte, niveau, lu.style, devine=True))
        else:
            result.append(lu)
    return result


def proprietes(path: Path) -> dict[str, str]:
    """The custom properties of a DOCX (docProps/custom.xml) or the user-defined metadata of an ODT."""
    import zipfile
    from xml.etree import ElementTree

    try:
        if path.suffix.lower() == ".docx":
            with zipfile.ZipFile(path) as archive:
                if "docProps/custom.xml" not in archive.namelist():
                    return {}
                racine = ElementTree.fromstring(archive.read("docProps/custom.xml"))
            return {p.get("name", ""): "".join(p.itertext()) for p in racine}
        from odfdo import Document

        return {k: str(v) for k, v in Document(str(path)).meta.get_user_defined_metadata().items()}
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
