"""``build/index.html``: a page linking every built document."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .html import render_template, stylesheet
from .markdown import Abbreviations


def render_index(entries: list[tuple[str, dict[str, Any], bool, bool, bool, bool]]) -> str:
    """The index page for ``(slug, pact metadata, has_pdf, has_fiches, has_history, has_bilan)`` entries."""
    return render_template("index.html.j2", Abbreviations({}), entries=entries,
                           css=Markup(stylesheet("_assets/fonts")))
