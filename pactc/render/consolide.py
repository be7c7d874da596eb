"""The consolidated pact (« version consolidée au … ») as files, and each avenant it links to."""

from __future__ import annotations

from pathlib import Path

from ..avenant.historique import Consolidation
from ..resources import shipped_path
from .html import VueConsolidee, content_id, render_html
from .typography import date_fr


def nom_du_fichier(date: str) -> str:
    """``consolide-2021-04-01``: the consolidated version's file name, without extension."""
    return f"consolide-{date}"


def lien_avenant(rang: int) -> str:
    """The file of avenant n° ``rang`` beside the consolidated version."""
    return f"avenant-{rang}.html"


def vue(consolidation: Consolidation, *, liens: bool) -> VueConsolidee:
    """What the pact's page adds for a consolidated version; ``liens``: mentions link to the avenants' pages."""
    mentions = {ident: tuple((texte, lien_avenant(rang) if liens else "") for texte, rang in textes)
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

        fonts = (shipped_path("assets") / "fonts").resolve().as_uri()
        printable = render_html(pacte, font_base=fonts, consolidee=vue(consolidation, liens=False))
        files["pdf"], _ = render_pdf(printable.html, base=Path.cwd(), roots=[shipped_path("assets")],
                                     date=printable.date, identifier=content_id(printable.html.encode("utf-8")))
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
