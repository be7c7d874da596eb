"""Fiches set tighter, and the build's memory of it: a rebuild lays a book out once (issue 22)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pactc import build as build_module
from pactc.build import _known_tightening, _toolchain, layout_key, render_document
from pactc.dossier import check_source
from pactc.project import discover

from .conftest import PACTES

pytest.importorskip("weasyprint")


def test_the_allier_book_records_the_fiche_it_set_tighter(built: Path) -> None:
    """The Allier's book has a fiche that spills a few lines onto a page of its own: the cache says which."""
    from pactc.render.pdf import SERRAGES

    cache = json.loads((built / ".pactc-cache.json").read_text("utf-8"))
    entry = cache["allier"]["mise_en_page"]["fiches"]
    assert entry["fiches"], "aucune fiche resserrée dans le livret de l'Allier"
    html = (built / "allier" / "fiches.html").read_text("utf-8")
    for fiche, level in entry["fiches"].items():
        assert level in SERRAGES and f'<section class="fiche" id="{fiche}"' in html
    # A book without run-over records that too, so that its rebuild needs no second look either.
    assert cache["herault"]["mise_en_page"]["fiches"]["fiches"] == {}


def test_a_recorded_layout_gives_the_same_pdf_in_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pactc.render.pdf as pdf_module

    layouts: list[str] = []

    class Counting(pdf_module.HTML):  # type: ignore[misc, name-defined]
        def render(self, *args: Any, **kwargs: Any) -> Any:
            layouts.append("x")
            return super().render(*args, **kwargs)

    monkeypatch.setattr(pdf_module, "HTML", Counting)
    source = discover((str(PACTES / "allier"),))[0][0]
    dossier = check_source(source).dossier
    assert dossier is not None
    first = render_document(source, dossier, "fiches", tmp_path, True, toolchain="outils")
    assert len(layouts) == 2 and first.mise_en_page is not None and first.mise_en_page["fiches"]
    layouts.clear()
    again = render_document(source, dossier, "fiches", tmp_path, True, toolchain="outils",
                            mise_en_page=first.mise_en_page)
    assert len(layouts) == 1
    assert again.files == first.files and again.mise_en_page == first.mise_en_page


def test_a_layout_recorded_for_another_html_or_other_tools_is_ignored() -> None:
    key = layout_key("outils", "<html>")
    entry = {"cle": key, "fiches": {"f": "serree"}}
    assert _known_tightening(entry, layout_key("outils", "<html>")) == {"f": "serree"}
    assert _known_tightening(entry, layout_key("outils", "<html> ")) is None
    assert _known_tightening(entry, layout_key("autres outils", "<html>")) is None
    assert _known_tightening({"cle": key, "fiches": ["f"]}, key) is None
    assert _known_tightening(None, key) is None


def test_another_pdf_engine_makes_the_pdfs_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    """A WeasyPrint, Pango or HarfBuzz upgrade may break lines elsewhere: the PDFs are not « à jour »."""
    import weasyprint

    from pactc import moteur

    assert f"weasyprint={weasyprint.__version__};" in moteur.identite_moteur()
    before = _toolchain(True)
    assert before != _toolchain(False)
    monkeypatch.setattr(moteur, "identite_moteur", lambda: "weasyprint=99;pango=9;harfbuzz=9")
    assert _toolchain(True) != before
    assert _toolchain(False) == build_module.toolchain_hash()
