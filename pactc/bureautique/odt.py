"""Blocks as an ODT file (odfdo): the format the RGI recommends, with headings, a filled table of contents,
real lists and tables, and French as the document language.

odfdo is maintained and writes ODF from Python (FACTS.md; odfpy has not been
released since 2020); it fills a table of contents from the headings itself,
so the file opens with its sommaire in place.
"""

from __future__ import annotations

import io
import re
import zipfile

from odfdo import TOC, Cell, Document, Element, Header, List, ListItem, Paragraph, Row, Span, Style, Table

from .blocs import STYLES, Bloc, Liste, Paragraphe, SautDePage, Segment, Sommaire, Tableau, Titre

POLICE = "Lato"


def ecrire_odt(blocs: tuple[Bloc, ...], *, titre: str, date: str,
               proprietes: dict[str, str] | None = None) -> bytes:
    """The ODT file of ``blocs``; the same blocks and date give the same bytes."""
    document = Document("text")
    _styles(document)
    corps = document.body
    corps.clear()
    sommaires: list[TOC] = []
    compteur = [0]
    for bloc in blocs:
        for element in _elements(bloc, 0, compteur):
            corps.append(element)
            if isinstance(element, TOC):
                sommaires.append(element)
    for sommaire in sommaires:
        sommaire.fill(document)
        # odfdo writes each entry as « 2.1. Titre »; the pact's headings carry their own numbers, if any.
        for entree in sommaire.body.get_elements("text:p") if sommaire.body is not None else ():
            texte = str(entree)
            sans = re.sub(r"^\d+(?:\.\d+)*\.? ", "", texte, count=1)
            if sans != texte:
                entree.text = sans
    meta = document.meta
    meta.title = titre
    meta.language = "fr-FR"
    import datetime

    moment = datetime.datetime.fromisoformat((date or "2000-01-01") + "T00:00:00")
    meta.creation_date = moment
    meta.date = moment
    meta.generator = "pactc"
    for nom, valeur in sorted((proprietes or {}).items()):
        meta.set_user_defined_metadata(nom, valeur)
    out = io.BytesIO()
    document.save(out)
    return _zip_stable(out.getvalue())


def _styles(document: Document) -> None:
    defaut = document.get_style("paragraph", "Standard")
    if isinstance(defaut, Style):
        defaut.set_properties({"fo:language": "fr", "fo:country": "FR", "style:font-name": POLICE}, area="text")
    for nom, bold, italic in (("pactc_gras", True, False), ("pactc_italique", False, True),
                              ("pactc_gras_italique", True, True)):
        document.insert_style(Style("text", name=nom, bold=bold, italic=italic), automatic=True)
    for semantique, parent in (("partenaire", "Heading_20_2"), ("engagement", "List"), ("categorie", "List"),
                               ("axe", "Heading_20_2"), ("axe-en-ligne", "Text_20_body"),
                               ("rubrique", "Heading_20_4")):
        style = Style("paragraph", name=STYLES[semantique].replace(" ", "_20_"), display_name=STYLES[semantique],
                      parent_style=parent)
        document.insert_style(style)
    for nom, puce in (("pactc_puces", True), ("pactc_numeros", False)):
        document.insert_style(_style_de_liste(nom, puce))
    document.insert_style(Style("paragraph", name="pactc_saut", break_before="page"), automatic=True)
    # A row is never cut across pages: a signature box, or a row of the comparatif, stays whole.
    ligne = Style("table-row", name="pactc_ligne")
    ligne.set_properties({"fo:keep-together": "always"}, area="table-row")
    document.insert_style(ligne, automatic=True)


def _elements(bloc: Bloc, niveau_liste: int, compteur: list[int]) -> list[Element]:
    if isinstance(bloc, Titre):
        style = STYLES[bloc.style].replace(" ", "_20_") if bloc.style in ("partenaire", "rubrique") else \
            f"Heading_20_{min(bloc.niveau, 6)}"
        titre = Header(min(bloc.niveau, 6))
        titre.style = style  # odfdo's constructor does not set it
        _runs(titre, bloc.segments)
        return [titre]
    if isinstance(bloc, Paragraphe):
        style = {"titre": "Title", "sous-titre": "Subtitle",
                 "axe-en-ligne": STYLES["axe-en-ligne"].replace(" ", "_20_")}.get(bloc.style or "", "Text_20_body")
        paragraphe = Paragraph()
        paragraphe.style = style
        _runs(paragraphe, bloc.segments)
        return [paragraphe]
    if isinstance(bloc, Liste):
        return [_liste(bloc, niveau_liste, compteur)]
    if isinstance(bloc, Tableau):
        return [_tableau(bloc, compteur)] if bloc.lignes else []
    if isinstance(bloc, SautDePage):
        return [Paragraph(style="pactc_saut")]
    if isinstance(bloc, Sommaire):
        return [TOC(bloc.titre, outline_level=3, protected=False), Paragraph(style="pactc_saut")]
    return []


def _style_de_liste(nom: str, puce: bool) -> str:
    """A list style whose items are indented, the mark hanging before the text (odfdo's default has none)."""
    niveaux = []
    for niveau in range(1, 4):
        marge = 0.6 * niveau + 0.1
        alignement = (f'<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
                      f'<style:list-level-label-alignment text:label-followed-by="listtab" '
                      f'text:list-tab-stop-position="{marge:.2f}cm" fo:text-indent="-0.5cm" '
                      f'fo:margin-left="{marge:.2f}cm"/></style:list-level-properties>')
        if puce:
            marque = "•–◦"[niveau - 1]
            niveaux.append(f'<text:list-level-style-bullet text:level="{niveau}" text:bullet-char="{marque}">'
                           f"{alignement}</text:list-level-style-bullet>")
        else:
            niveaux.append(f'<text:list-level-style-number text:level="{niveau}" style:num-suffix="." '
                           f'style:num-format="{"1a1"[niveau - 1]}">{alignement}</text:list-level-style-number>')
    return f'<text:list-style style:name="{nom}">{"".join(niveaux)}</text:list-style>'


def _liste(liste: Liste, niveau: int, compteur: list[int]) -> List:
    resultat = List(style="pactc_numeros" if liste.ordonnee else "pactc_puces")
    style = STYLES[liste.style].replace(" ", "_20_") if liste.style in ("engagement", "categorie") else "List"
    for element in liste.elements:
        item = ListItem()
        for bloc in element:
            if isinstance(bloc, Paragraphe):
                paragraphe = Paragraph(style=style)
                _runs(paragraphe, bloc.segments)
                item.append(paragraphe)
            elif isinstance(bloc, Liste):
                item.append(_liste(bloc, niveau + 1, compteur))
            else:
                for e in _elements(bloc, niveau + 1, compteur):
                    item.append(e)
        resultat.append(item)
    return resultat


def _tableau(tableau: Tableau, compteur: list[int]) -> Table:
    compteur[0] += 1
    colonnes = max(len(ligne) for ligne in tableau.lignes)
    nom = STYLES[tableau.style] if tableau.style else f"Tableau {compteur[0]}"
    if tableau.style:
        nom = f"{nom} {compteur[0]}"
    table = Table(nom, width=colonnes, height=0)
    for ligne in tableau.lignes:
        rangee = Row(style="pactc_ligne")
        for j in range(colonnes):
            cellule = Cell()
            for bloc in (ligne[j] if j < len(ligne) else ()):
                for e in _elements(bloc, 0, compteur):
                    cellule.append(e)
            if tableau.style == "signatures" and j < len(ligne) and ligne[j]:
                for _ in range(4):  # room to sign
                    cellule.append(Paragraph("\u00a0"))
            rangee.append(cellule)
        table.append(rangee)
    return table


def _runs(paragraphe: Paragraph, segments: tuple[Segment, ...]) -> None:
    for segment in segments:
        style = ("pactc_gras_italique" if segment.italique else "pactc_gras") if segment.gras else \
            "pactc_italique" if segment.italique else None
        if style:
            paragraphe.append(Span(segment.texte, style=style))
        else:
            paragraphe.append_plain_text(segment.texte) if hasattr(paragraphe, "append_plain_text") else \
                paragraphe.append(segment.texte)


def _sans_numeros_de_plan(styles: bytes) -> bytes:
    """No outline numbering: the template numbers headings « 2.1.1 », which the pact does not print."""
    texte = styles.decode("utf-8")
    debut, fin = texte.find("<text:outline-style"), texte.find("</text:outline-style>")
    if debut < 0 or fin < 0:
        return styles
    plan = re.sub(r' (?:loext:num-list-format|style:num-suffix|style:num-prefix)="[^"]*"', "", texte[debut:fin])
    plan = re.sub(r'style:num-format="[^"]*"', 'style:num-format=""', plan)
    return (texte[:debut] + plan + texte[fin:]).encode("utf-8")


def _modeles_du_sommaire(contenu: bytes) -> bytes:
    """Entry templates for the table of contents (odfdo writes them empty, and an update then empties it):
    each entry is a link to its heading, its text, a dotted tab and its page number."""
    def modele(m: re.Match[str]) -> str:
        return (f'<text:table-of-content-entry-template text:outline-level="{m.group(1)}" '
                f'text:style-name="{m.group(2)}"><text:index-entry-link-start/><text:index-entry-text/>'
                '<text:index-entry-tab-stop style:type="right" style:leader-char="."/>'
                "<text:index-entry-page-number/><text:index-entry-link-end/></text:table-of-content-entry-template>")

    texte = re.sub(r'<text:table-of-content-entry-template text:outline-level="(\d+)" text:style-name="([^"]+)"/>',
                   modele, contenu.decode("utf-8"))
    return texte.encode("utf-8")


def _zip_stable(data: bytes) -> bytes:
    """The same archive with fixed entry dates; ``mimetype`` first and stored, as ODF requires."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as cible:
        noms = sorted(source.namelist(), key=lambda n: (n != "mimetype", n))
        for nom in noms:
            copie = zipfile.ZipInfo(nom, date_time=(2000, 1, 1, 0, 0, 0))
            copie.compress_type = zipfile.ZIP_STORED if nom == "mimetype" else zipfile.ZIP_DEFLATED
            contenu = source.read(nom)
            if nom == "styles.xml":
                contenu = _sans_numeros_de_plan(contenu)
            if nom == "content.xml":
                contenu = _modeles_du_sommaire(contenu)
            cible.writestr(copie, contenu)
    return out.getvalue()
