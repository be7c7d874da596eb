"""``donnees.html``: the page presenting a dossier's open-data package (its tables, files, licence and limits)."""

from __future__ import annotations

from markupsafe import Markup

from ..model import Dossier
from ..opendata import LICENCE, SCHEMA_VERSION, TABLES, contenu
from .html import render_template, stylesheet
from .markdown import Abbreviations


def lignes_par_table(files: dict[str, bytes]) -> dict[str, int]:
    """How many rows each table of a package holds (its CSV lines, header excluded)."""
    return {name: _rows(files[f"{name}.csv"]) for name in TABLES}


def _rows(data: bytes) -> int:
    import csv
    import io

    return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8")))) - 1


def render_donnees(dossier: Dossier, files: dict[str, bytes], *, font_base: str) -> str:
    """The page of a dossier's package, linking ``donnees/*``."""
    suivi = dossier.suivi
    return render_template(
        "donnees.html.j2", Abbreviations({}), titre=dossier.pacte.meta.titre,
        departement=dossier.pacte.meta.departement,
        tables=[(name, TABLES[name]["title"], n) for name, n in lignes_par_table(files).items()],
        contenu=contenu(False), licence=LICENCE, version=SCHEMA_VERSION, prefixe="donnees/",
        suivi_exemple=suivi is not None and suivi.exemple, css=Markup(stylesheet(font_base)))
