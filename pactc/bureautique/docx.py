"""Blocks as a DOCX file (python-docx): Word's heading styles and table of contents, real lists and tables.

python-docx is the maintained library for writing and reading DOCX in Python
(FACTS.md); it leaves out what Word computes on opening: the table of contents
is a TOC field over the heading styles, marked dirty so that Word and
LibreOffice fill it in when the file is opened or converted.
"""

from __future__ import annotations

import io

from docx import Document as _nouveau_document
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from .blocs import STYLES, Bloc, Liste, Paragraphe, SautDePage, Segment, Sommaire, Tableau, Titre

POLICE = "Lato"  # the PDF's typeface; a word processor without it substitutes its own
_DATE_FIXE = "2000-01-01T00:00:00Z"


def ecrire_docx(blocs: tuple[Bloc, ...], *, titre: str, date: str,
                proprietes: dict[str, str] | None = None) -> bytes:
    """The DOCX file of ``blocs``, with ``proprietes`` as custom properties; same input, same bytes."""
    document = _nouveau_document()
    _styles(document)
    coeur = document.core_properties
    coeur.title, coeur.language, coeur.author = titre, "fr-FR", "pactc"
    coeur.last_modified_by, coeur.revision = "pactc", 1
    import datetime

    moment = datetime.datetime.fromisoformat((date or _DATE_FIXE[:10]) + "T00:00:00")
    coeur.created = coeur.modified = moment
    corps: _Conteneur = _Conteneur(document)
    corps.entrees = [(b.niveau, b.texte) for b in blocs
                     if isinstance(b, Titre) and b.niveau <= 3]
    for bloc in blocs:
        corps.ajouter(bloc)
    _mettre_a_jour_a_l_ouverture(document)
    out = io.BytesIO()
    document.save(out)
    return _zip_stable(out.getvalue(), proprietes or {})


def _styles(document: Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = POLICE, Pt(10.5)
    # French as the language of every run, for the spelling checker and hyphenation.
    for nom in ("Normal",):
        rpr = styles[nom].element.get_or_add_rPr()
        langue = OxmlElement("w:lang")
        langue.set(qn("w:val"), "fr-FR")
        langue.set(qn("w:eastAsia"), "fr-FR")
        rpr.append(langue)
    defauts = styles.element.find(qn("w:docDefaults"))
    if defauts is not None:
        rpr_defaut = defauts.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr_defaut is not None:
            for vieux in rpr_defaut.findall(qn("w:lang")):
                rpr_defaut.remove(vieux)
            langue = OxmlElement("w:lang")
            langue.set(qn("w:val"), "fr-FR")
            rpr_defaut.append(langue)
    for semantique, base in (("partenaire", "Heading 2"), ("axe", "Heading 2")):
        style = styles.add_style(STYLES[semantique], WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
    engagement = styles.add_style(STYLES["engagement"], WD_STYLE_TYPE.PARAGRAPH)
    engagement.base_style = styles["List Number"]
    categorie = styles.add_style(STYLES["categorie"], WD_STYLE_TYPE.PARAGRAPH)
    categorie.base_style = styles["List Bullet"]
    en_ligne = styles.add_style(STYLES["axe-en-ligne"], WD_STYLE_TYPE.PARAGRAPH)
    en_ligne.base_style = styles["Normal"]
    rubrique = styles.add_style(STYLES["rubrique"], WD_STYLE_TYPE.PARAGRAPH)
    rubrique.base_style = styles["Heading 4"]
    for nom in ("Title", "Subtitle", *(f"Heading {n}" for n in range(1, 7))):
        styles[nom].font.name = POLICE
    noms = {s.name for s in styles}
    for niveau in (1, 2, 3):
        if f"toc {niveau}" not in noms:
            toc = styles.add_style(f"toc {niveau}", WD_STYLE_TYPE.PARAGRAPH)
            toc.base_style = styles["Normal"]
            toc.paragraph_format.left_indent = Pt(12 * (niveau - 1))
            toc.paragraph_format.space_after = Pt(2)


class _Conteneur:
    """Where blocks go: the document's body or a table cell."""

    def __init__(self, parent: Document | _Cell) -> None:
        self.parent = parent
        self.premier = isinstance(parent, _Cell)  # a new cell already holds an empty paragraph
        #: The headings the table of contents lists (level, text), written into it beforehand.
        self.entrees: list[tuple[int, str]] = []

    def _paragraphe(self, style: str | None = None) -> Paragraph:
        if self.premier:
            self.premier = False
            paragraphe = self.parent.paragraphs[0]
            if style:
                paragraphe.style = style
            return paragraphe
        return self.parent.add_paragraph(style=style)

    def ajouter(self, bloc: Bloc, niveau_liste: int = 0, style_liste: str | None = None) -> None:
        if isinstance(bloc, Titre):
            niveau = min(bloc.niveau, 6)
            style = STYLES[bloc.style] if bloc.style in ("partenaire", "rubrique") else f"Heading {niveau}"
            _runs(self._paragraphe(style), bloc.segments)
        elif isinstance(bloc, Paragraphe):
            style_du_paragraphe = STYLES[bloc.style] if bloc.style in ("titre", "sous-titre", "axe-en-ligne") \
                and bloc.style else style_liste
            _runs(self._paragraphe(style_du_paragraphe), bloc.segments)
        elif isinstance(bloc, Liste):
            self._liste(bloc, niveau_liste)
        elif isinstance(bloc, Tableau):
            self._tableau(bloc)
        elif isinstance(bloc, SautDePage):
            self._paragraphe().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(bloc, Sommaire):
            titre = self._paragraphe("Title")
            titre.add_run(bloc.titre)
            self._sommaire()
            self._paragraphe().add_run().add_break(WD_BREAK.PAGE)

    def _sommaire(self) -> None:
        """A TOC field over heading levels 1 to 3, already holding the headings (without page numbers:
        Word fills them in when it updates the field on opening; LibreOffice with Outils › Mettre à jour)."""
        entrees = self.entrees or [(1, "")]
        for k, (niveau, texte) in enumerate(entrees):
            paragraphe = self._paragraphe(f"toc {niveau}")
            if k == 0:
                _champ(paragraphe, "begin", 'TOC \\o "1-3" \\h \\z \\u')
            paragraphe.add_run(texte)
            if k == len(entrees) - 1:
                _champ(paragraphe, "end", None)

    def _liste(self, liste: Liste, niveau: int) -> None:
        base = "List Number" if liste.ordonnee else "List Bullet"
        style = STYLES[liste.style] if liste.style in ("engagement", "categorie") else \
            base + (f" {niveau + 1}" if 0 < niveau < 3 else "")
        numero = _nouvelle_numerotation(self.parent, style) if liste.ordonnee else None
        for element in liste.elements:
            premier = True
            for bloc in element:
                if isinstance(bloc, Paragraphe) and premier:
                    paragraphe = self._paragraphe(style)
                    if numero is not None:
                        paragraphe._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = numero
                    _runs(paragraphe, bloc.segments)
                    premier = False
                elif isinstance(bloc, Liste):
                    self._liste(bloc, niveau + 1)
                elif isinstance(bloc, Paragraphe):
                    _runs(self._paragraphe("List Continue" if "List Continue" in _noms(self.parent) else None),
                          bloc.segments)
                else:
                    self.ajouter(bloc, niveau + 1)

    def _tableau(self, tableau: Tableau) -> None:
        if not tableau.lignes:
            return
        colonnes = max(len(ligne) for ligne in tableau.lignes)
        table = self.parent.add_table(rows=len(tableau.lignes), cols=colonnes)
        if tableau.style != "signatures":
            table.style = "Table Grid"
        for i, ligne in enumerate(tableau.lignes):
            for j, cellule in enumerate(ligne):
                _remplir(table.cell(i, j), cellule, signature=tableau.style == "signatures")
            if i < tableau.entete:
                _ligne_d_entete(table.rows[i])
            # A row is never cut across pages: a signature box, or a row of the comparatif, stays whole.
            table.rows[i]._tr.get_or_add_trPr().append(_element("w:cantSplit"))
        if tableau.style:
            _marquer(table, STYLES[tableau.style])


def _remplir(cellule: _Cell, blocs: tuple[Bloc, ...], *, signature: bool) -> None:
    conteneur = _Conteneur(cellule)
    for bloc in blocs:
        conteneur.ajouter(bloc)
    if signature and blocs:
        for _ in range(4):  # room to sign, as on the PDF's signature page
            conteneur.ajouter(Paragraphe((Segment("\u00a0"),)))


def _document_de(cellule: _Cell) -> Document:
    document: Document = cellule.part.document  # type: ignore[attr-defined]  # a cell's part is the DocumentPart
    return document


def _nouvelle_numerotation(parent: Document | _Cell, style: str) -> int | None:
    """A numbering of its own for a numbered list, restarting at 1 (Word continues a style's numbering
    from one list to the next otherwise)."""
    document = parent if isinstance(parent, Document) else _document_de(parent)
    element = document.styles[style].element
    while element is not None:
        ppr = element.pPr
        if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
            break
        base = element.basedOn
        element = document.styles.element.get_by_id(base.val) if base is not None else None
    else:
        return None
    numbering = document.part.numbering_part.element
    ancien = next(n for n in numbering.num_lst if n.numId == ppr.numPr.numId.val)
    nouveau = numbering.add_num(ancien.abstractNumId.val)
    nouveau.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(nouveau.numId)


def _noms(parent: Document | _Cell) -> set[str]:
    document = parent if isinstance(parent, Document) else _document_de(parent)
    return {s.name for s in document.styles if s.name}


def _runs(paragraphe: Paragraph, segments: tuple[Segment, ...]) -> None:
    for segment in segments:
        morceaux = segment.texte.split("\n")
        for k, morceau in enumerate(morceaux):
            run = paragraphe.add_run(morceau)
            run.bold = segment.gras or None
            run.italic = segment.italique or None
            if k < len(morceaux) - 1:
                run.add_break()


def _ligne_d_entete(ligne: object) -> None:
    tr_pr = ligne._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    entete = OxmlElement("w:tblHeader")
    entete.set(qn("w:val"), "true")
    tr_pr.append(entete)


def _marquer(table: object, nom: str) -> None:
    """Name a table by its caption (w:tblCaption), which Word shows as alt text and the importer reads."""
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    legende = OxmlElement("w:tblCaption")
    legende.set(qn("w:val"), nom)
    tbl_pr.append(legende)


def _champ(paragraphe: Paragraph, bout: str, instruction: str | None) -> None:
    """The start (with its instruction) or the end of a field, as runs of ``paragraphe``."""
    if bout == "begin":
        for element in _element("w:fldChar", fldCharType="begin", dirty="true"), \
                _element("w:instrText", texte=instruction), _element("w:fldChar", fldCharType="separate"):
            paragraphe.add_run()._r.append(element)
    else:
        paragraphe.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


def _element(tag: str, texte: str | None = None, **attributs: str) -> object:
    element = OxmlElement(tag)
    for nom, valeur in attributs.items():
        element.set(qn(f"w:{nom}"), valeur)
    if texte is not None:
        element.set(qn("xml:space"), "preserve")
        element.text = texte
    return element


def _mettre_a_jour_a_l_ouverture(document: Document) -> None:
    reglages = document.settings.element
    maj = OxmlElement("w:updateFields")
    maj.set(qn("w:val"), "true")
    reglages.append(maj)


_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def _zip_stable(data: bytes, proprietes: dict[str, str]) -> bytes:
    """The same archive with fixed entry dates (equal documents are equal bytes), and ``proprietes`` as
    custom document properties (docProps/custom.xml, which python-docx does not write)."""
    import zipfile
    from xml.sax.saxutils import escape, quoteattr

    source = zipfile.ZipFile(io.BytesIO(data))
    contenus = {info.filename: source.read(info.filename) for info in source.infolist()}
    if proprietes:
        items = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{rang}" '
                        f"name={quoteattr(nom)}><vt:lpwstr>{escape(valeur)}</vt:lpwstr></property>"
                        for rang, (nom, valeur) in enumerate(sorted(proprietes.items()), 2))
        contenus["docProps/custom.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                           f'<Properties xmlns="{_CUSTOM}" xmlns:vt="{_VT}">{items}</Properties>'
                                           ).encode()
        types = contenus["[Content_Types].xml"].decode("utf-8")
        types = types.replace("</Types>", '<Override PartName="/docProps/custom.xml" ContentType='
                              '"application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
        contenus["[Content_Types].xml"] = types.encode("utf-8")
        liens = contenus["_rels/.rels"].decode("utf-8")
        liens = liens.replace("</Relationships>", f'<Relationship Id="rIdPactc" Type="{_REL_CUSTOM}" '
                              'Target="docProps/custom.xml"/></Relationships>')
        contenus["_rels/.rels"] = liens.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as cible:
        for nom, contenu in contenus.items():
            copie = zipfile.ZipInfo(nom, date_time=(2000, 1, 1, 0, 0, 0))
            copie.compress_type = zipfile.ZIP_DEFLATED
            cible.writestr(copie, contenu)
    return out.getvalue()
