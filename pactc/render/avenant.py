"""The avenant as files: HTML for screens, PDF to sign, Markdown for the legal service's word processor."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..avenant.redaction import Phrase, ordinal_article, ponctuation
from ..avenant.texte import TexteAvenant, represente
from ..model import Dossier
from .html import render_template, stylesheet
from .markdown import Abbreviations


def numero_article_html(n: int) -> Markup:
    """« Article 1<sup>er</sup> » on the page, « Article 2 »…"""
    return Markup("Article 1<sup>er</sup>") if n == 1 else Markup("Article {}").format(n)


def render_avenant_html(texte: TexteAvenant, revise: Dossier, *, font_base: str = "") -> str:
    """The avenant as one HTML page."""
    pacte = revise.pacte
    return render_template(
        "avenant.html.j2", Abbreviations({g.sigle: g.definition for g in pacte.glossaire}),
        a=texte, partenaires=pacte.partenaires_par_id, numero_article=numero_article_html, represente=represente,
        ponctuation=ponctuation,
        css=Markup(stylesheet(font_base or "_assets/fonts")))


def render_avenant_markdown(texte: TexteAvenant, revise: Dossier) -> str:
    """The avenant in Markdown, which reads as plain text too: one paragraph per line of the act."""
    lines = [f"# {texte.titre}", ""]
    if texte.est_un_projet:
        lines[0:0] = ["**Projet**", ""]
    if texte.objet:
        lines += [f"Objet : {texte.objet}", ""]
    lines += ["Entre :", ""]
    for k, partie in enumerate(texte.parties):
        qui = f", {represente(partie.nom)} par {partie.representant}" if partie.representant else ""
        lines += [f"{partie.nom}{qui}{' ;' if k < len(texte.parties) - 1 else ','}", ""]
        if k == len(texte.parties) - 2:
            lines += ["et", ""]
    lines += ["ci-après dénommés « les parties »,", ""]
    for k, visa in enumerate(texte.visas):
        lines += [f"{visa}{' ;' if k < len(texte.visas) - 1 else ','}", ""]
    lines += ["Il est convenu ce qui suit :", ""]
    for n, article in enumerate(texte.articles, 1):
        lines += [f"## {ordinal_article(n)}{f' — {article.titre}' if article.titre else ''}", ""]
        for phrase in article.phrases:
            lines += _phrase(phrase)
    fait = f"Fait à {texte.fait_a or '…'}, le {texte.date_signature or '…'}"
    if texte.exemplaires:
        fait += f", en {texte.exemplaires} exemplaires originaux"
    lines += ["## Signatures", "", fait + ".", ""]
    for s in texte.signatures:
        pour = s.pour or f"Pour {revise.pacte.partenaires_par_id[s.partenaire].nom}"
        lines += [" \\\n".join(x.replace("\n", " ") for x in (pour, s.qualite, s.nom or "") if x), ""]
    return "\n".join(lines).rstrip() + "\n"


def _phrase(phrase: Phrase) -> list[str]:
    head = f"{phrase.item} " if phrase.item else ""
    if not phrase.citation:
        return [f"{head}{phrase.texte}{phrase.fin}", ""]
    quoted = [f"> « {line}" for line in phrase.citation]
    quoted[-1] += f" »{ponctuation(phrase.citation, phrase.fin)}"
    return [f"{head}{phrase.texte}", "", *[q for line in quoted for q in (line, ">")][:-1], ""]


def avenant_outputs(texte: TexteAvenant, revise: Dossier, *, html: bool, pdf: bool,
                    markdown: bool) -> dict[str, bytes]:
    """The avenant's files, for the formats asked: ``{"html": …, "pdf": …, "md": …}``."""
    files: dict[str, bytes] = {}
    if html:
        files["html"] = render_avenant_html(texte, revise).encode("utf-8")
    if markdown:
        files["md"] = render_avenant_markdown(texte, revise).encode("utf-8")
    if pdf:
        from ..resources import fonts_uri, shipped_path
        from .pdf import render_pdf

        fonts = fonts_uri()
        printable = render_avenant_html(texte, revise, font_base=fonts)
        date = texte.date_signature or revise.pacte.meta.date_signature or f"{revise.pacte.meta.debut}-01-01"
        files["pdf"] = render_pdf(printable, base=Path.cwd(), roots=[shipped_path("assets")], date=date).octets
    return files
