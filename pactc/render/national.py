"""The national site: ``index.html`` (départements, documents, themes), a page per theme, and partners compared."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..national import VueNationale
from ..opendata import TABLES
from ..themes import THEMES, TYPES_PARTENAIRES
from .html import render_template, stylesheet
from .markdown import Abbreviations


def render_index(entries: list[tuple[str, dict[str, Any], bool, bool, bool, bool]], vue: VueNationale,
                 lignes: dict[str, int], avec_donnees: set[str]) -> str:
    """The home page: each département's documents, the theme tables and the national package."""
    return render_template("index.html.j2", Abbreviations({}), entries=entries, vue=vue, themes=THEMES,
                           avec_donnees=avec_donnees,
                           tables=[(name, TABLES[name]["title"], lignes[name]) for name in TABLES],
                           css=Markup(stylesheet("_assets/fonts")))


def render_theme(theme: str, vue: VueNationale) -> str:
    """The page of one theme: the engagements and actions of every pact tagged with it, side by side."""
    engagements, fiches = vue.par_theme[theme]
    return render_template("theme.html.j2", Abbreviations({}), theme=theme, libelle=THEMES[theme][0],
                           thematique=THEMES[theme][1], vue=vue, engagements=engagements, fiches=fiches,
                           css=Markup(stylesheet("../_assets/fonts")))


def render_partenaires(vue: VueNationale) -> str:
    """The partners of every pact by the categories each pact states."""
    sans_type = [("", "Type non renseigné")] if any(t == "" for t, _ in vue.types) else []
    return render_template("partenaires.html.j2", Abbreviations({}), vue=vue,
                           types=[*TYPES_PARTENAIRES.items(), *sans_type],
                           css=Markup(stylesheet("_assets/fonts")))
