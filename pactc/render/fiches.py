"""Stage 5 for the PDI: the book of fiches actions as one HTML page (views from :mod:`.livret`)."""

from __future__ import annotations

from markupsafe import Markup

from ..model import Dossier
from .charts import matrix_svg, timeline_svg
from .html import Rendered, document_date, render_template, stylesheet
from .labels import PROGRAMMES, STATUTS
from .livret import build_livret
from .markdown import Abbreviations


def render_fiches(dossier: Dossier, *, font_base: str, epoch_date: str | None = None) -> Rendered:
    """The book of fiches of the dossier's programme as one HTML page."""
    pacte, programme = dossier.pacte, dossier.programme
    assert programme is not None
    date = programme.date_adoption or document_date(pacte, epoch_date)
    abbreviations = Abbreviations({g.sigle: g.definition for g in pacte.glossaire})
    livret = build_livret(dossier)
    html = render_template("fiches.html.j2", abbreviations,
        pacte=pacte, doc=programme, meta=pacte.meta, livret=livret, programme=programme,
        matrice_svg=matrix_svg(livret), calendrier_svg=timeline_svg(livret),
        partenaires=pacte.partenaires_par_id, noeuds=pacte.noeuds_par_id, territoires=pacte.territoires_par_id,
        css=Markup(stylesheet(font_base)), date=date,
        STATUTS=STATUTS, PROGRAMMES=PROGRAMMES,
    )
    return Rendered(html, date)
