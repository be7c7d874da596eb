"""The consolidated pact (« version consolidée au … ») as files, and each avenant it links to."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..avenant.historique import Consolidation
from ..model import Dossier
from ..resources import fonts_uri, shipped_path
from .html import VueConsolidee, render_html
from .typography import date_fr


def nom_du_fichier(date: str) -> str:
    """``consolide-2021-04-01``: the consolidated version's file name, without extension."""
    return f"consolide-{date}"


def lien_avenant(rang: int) -> str:
    """The file of avenant n° ``rang`` beside the consolidated version."""
    return f"avenant-{rang}.html"


def vue(consolidation: Consolidation, *, liens: bool, ancre: bool = False) -> VueConsolidee:
    """What the pact's page adds for a consolidated version.

    ``liens``: mentions link to the avenants' pages (``avenant-N.html``), or with ``ancre`` to their
    place in the history page (``historique.html#avenant-N``).
    """
    def lien(rang: int) -> str:
        if not liens:
            return ""
        return f"historique.html#avenant-{rang}" if ancre else lien_avenant(rang)

    mentions = {ident: tuple((texte, lien(rang)) for texte, rang in textes)
                for ident, textes in consolidation.mentions.items()}
    lignes = tuple((v.libelle, v.objet or "—", date_fr(v.date_signature) if v.date_signature else "—",
                    date_fr(v.en_vigueur_le) if v.en_vigueur_le else "—", consolidation.statut(v))
                   for v in consolidation.versions)
    a_venir = tuple(f"{v.intitule}, en vigueur le {date_fr(v.en_vigueur_le)}" if v.en_vigueur_le else v.intitule
                    for v in consolidation.situation.a_venir)
    return VueConsolidee(consolidation.date, mentions, lignes, a_venir)


def consolide_outputs(consolidation: Consolidation, *, html: bool, pdf: bool) -> dict[str, bytes]:
    """``{"html": …, "pdf": …}`` for the formats asked. The HTML links each mention to its avenant's page."""
    pacte = consolidation.dossier.pacte
    files: dict[str, bytes] = {}
    if html:
        # Written beside the pact's own pages (build/<département>/), which find the fonts one level up.
        page = render_html(pacte, font_base="../_assets/fonts", consolidee=vue(consolidation, liens=True))
        files["html"] = page.html.encode("utf-8")
    if pdf:
        from .pdf import render_pdf

        fonts = fonts_uri()
        printable = render_html(pacte, font_base=fonts, consolidee=vue(consolidation, liens=False))
        files["pdf"] = render_pdf(printable.html, base=Path.cwd(), roots=[shipped_path("assets")],
                                  date=printable.date).octets
    return files


def ecrire_consolidation(consolidation: Consolidation, out: Path, *, pdf: bool) -> list[Path]:
    """Write the consolidated version and the page of each avenant applied into ``out``; the paths written."""
    from ..avenant.texte import rediger_avenant
    from ..files import write_atomic
    from .avenant import render_avenant_html

    written = []
    base = out / nom_du_fichier(consolidation.date)
    for kind, data in consolide_outputs(consolidation, html=True, pdf=pdf).items():
        path = base.with_suffix(f".{kind}")
        write_atomic(path, data)
        written.append(path)
    appliquees = consolidation.situation.appliquees
    for k in range(1, len(appliquees)):
        version = appliquees[k]
        texte = rediger_avenant(consolidation.textes[k - 1], consolidation.textes[k], version.avenant)
        path = out / lien_avenant(version.rang)
        write_atomic(path, render_avenant_html(texte, consolidation.textes[k]).encode("utf-8"))
        written.append(path)
    return written


def publier(dossier: Dossier, font_base: str, aujourd_hui: str) -> tuple[str, str, dict[str, bytes]]:
    """The version in force today, for the build: (printable HTML, its date, the history and version pages).

    The date printed is that of the version's entry into force: the text is the same from then
    until the next avenant comes into force, so the output changes only when the law does.
    """
    from ..avenant.consolidation import consolider, textes_signes
    from ..avenant.historique import page_de_version

    chemin = str(dossier.source.path.parent)
    consolidation = consolider(chemin, aujourd_hui)
    en_vigueur = consolidation.situation.en_vigueur
    depuis = en_vigueur.en_vigueur_le or aujourd_hui
    page = vue(consolidation, liens=True, ancre=True)
    page = VueConsolidee(depuis, page.mentions, page.versions, page.a_venir)
    rendered = render_html(consolidation.dossier.pacte, font_base=font_base, consolidee=page)
    annexes = {"historique.html": _historique(consolidation, page).encode("utf-8")}
    # Each signed version's own text, as it was signed (no mentions: it is that version, not a consolidation).
    for version, texte in textes_signes(chemin)[1]:
        annexes[page_de_version(version)] = render_html(texte.pacte, font_base="../_assets/fonts").html.encode()
    return rendered.html, depuis, annexes


def _historique(consolidation: Consolidation, page: VueConsolidee) -> str:
    from ..avenant.historique import page_de_version, signees
    from ..avenant.redaction import ponctuation
    from ..avenant.texte import rediger_avenant, represente
    from .avenant import numero_article_html
    from .html import render_template, stylesheet
    from .markdown import Abbreviations

    appliquees = consolidation.situation.appliquees
    avenants = [(appliquees[k].rang, rediger_avenant(consolidation.textes[k - 1], consolidation.textes[k],
                                                     appliquees[k].avenant))
                for k in range(1, len(appliquees))]
    pacte = consolidation.dossier.pacte
    return render_template(
        "historique.html.j2", Abbreviations({g.sigle: g.definition for g in pacte.glossaire}),
        intitule=pacte.meta.intitule, vue=page, avenants=avenants, partenaires=pacte.partenaires_par_id,
        revisions=[(v.intitule, v.revision, page_de_version(v)) for v in signees(consolidation.versions)],
        numero_article=numero_article_html, represente=represente, ponctuation=ponctuation,
        css=Markup(stylesheet("../_assets/fonts")))
