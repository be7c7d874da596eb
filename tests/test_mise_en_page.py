"""Fiches set tighter, and the build's memory of it: a rebuild lays a book out once (issue 22)."""

from __future__ import annotations

import json
import re
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
    from pactc.render.serrage import SERRAGES

    cache = json.loads((built / ".pactc-cache.json").read_text("utf-8"))
    entry = cache["allier"]["mise_en_page"]["fiches"]
    assert entry["fiches"], "aucune fiche resserrée dans le livret de l'Allier"
    html = (built / "allier" / "fiches.html").read_text("utf-8")
    for fiche, level in entry["fiches"].items():
        assert level in SERRAGES and f'<section class="fiche" id="{fiche}"' in html
    # A book without run-over records that too, so that its rebuild needs no second look either.
    assert cache["herault"]["mise_en_page"]["fiches"]["fiches"] == {}


def test_a_recorded_layout_gives_the_same_pdf_without_a_search(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import pactc.render.pdf as pdf_module
    from pactc.render import serrage

    layouts: list[str] = []
    searches: list[str] = []

    class Counting(pdf_module.HTML):  # type: ignore[misc, name-defined]
        def render(self, *args: Any, **kwargs: Any) -> Any:
            layouts.append("x")
            return super().render(*args, **kwargs)

    def counted(pages: Any, fiches: set[str]) -> list[str]:
        searches.append("x")
        return real(pages, fiches)

    real = serrage.short_runovers
    monkeypatch.setattr(pdf_module, "HTML", Counting)
    monkeypatch.setattr(serrage, "short_runovers", counted)
    source = discover((str(PACTES / "allier"),))[0][0]
    dossier = check_source(source).dossier
    assert dossier is not None
    first = render_document(source, dossier, "fiches", tmp_path, True, toolchain="outils")
    assert layouts == ["x"] and searches and first.mise_en_page is not None and first.mise_en_page["fiches"]
    layouts.clear()
    searches.clear()
    again = render_document(source, dossier, "fiches", tmp_path, True, toolchain="outils",
                            mise_en_page=first.mise_en_page)
    assert layouts == ["x"] and searches == []
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


def _printable_book(slug: str) -> str:
    """The HTML a département's fiches book gives WeasyPrint, as the build makes it."""
    from pactc.build import epoch_date
    from pactc.documents import document
    from pactc.resources import fonts_uri

    source = discover((str(PACTES / slug),))[0][0]
    dossier = check_source(source).dossier
    assert dossier is not None
    fonts = fonts_uri()
    return document("fiches").render(dossier, fonts, epoch_date()).html


@pytest.mark.parametrize("place", ["first", "where-it-is", "before-the-last"])
def test_a_fiche_set_tighter_in_place_gives_the_pdf_of_a_layout_from_scratch(place: str, built: Path) -> None:
    """The tightened fiche is laid out again in place, with the pages after it: the PDF is the one a
    layout of the tightened book from scratch gives, byte for byte, wherever the fiche is in the book."""
    from pactc.render.pdf import render_pdf
    from pactc.resources import shipped_path

    cache = json.loads((built / ".pactc-cache.json").read_text("utf-8"))
    fiche = next(iter(cache["allier"]["mise_en_page"]["fiches"]["fiches"]))
    html = _printable_book("allier")
    starts = [m.start() for m in re.finditer(r'<section class="fiche" id="', html)]
    # The fiche, and what follows it up to the next fiche (the next axis's text): it is that text that
    # spills onto a page of its own.
    begin = html.index(f'<section class="fiche" id="{fiche}"')
    end = next((s for s in starts if s > begin), None)
    assert end is not None and begin != starts[0]
    block = html[begin:end]
    if place != "where-it-is":
        rest = html[:begin] + html[end:]
        at = [m.start() for m in re.finditer(r'<section class="fiche" id="', rest)][0 if place == "first" else -1]
        html = rest[:at] + block + rest[at:]
    options: dict[str, Any] = {"base": PACTES / "allier", "roots": [PACTES / "allier", shipped_path("assets")],
                               "date": "2016-06-30", "identifier": b"0123456789abcdef"}
    in_place = render_pdf(html, **options)
    from_scratch = render_pdf(html, incremental=False, **options)
    assert in_place.serrage == from_scratch.serrage
    assert in_place.serrage, "aucune fiche resserrée : l'essai ne prouve rien"
    assert in_place.octets == from_scratch.octets


def test_when_the_book_cannot_be_tightened_in_place_it_is_laid_out_again_whole(
        built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another WeasyPrint state than expected (here: a box that cannot be found) falls back to the whole
    layout, and the PDF is the one the build made."""
    from pactc.render import serrage
    from pactc.render.html import content_id
    from pactc.render.pdf import render_pdf
    from pactc.render.resolved import resolved_json
    from pactc.resources import shipped_path

    def lost(*args: Any) -> Any:
        raise LookupError("section absente de l'arbre des boîtes")

    monkeypatch.setattr(serrage, "_boxes_again", lost)
    source = discover((str(PACTES / "allier"),))[0][0]
    dossier = check_source(source).dossier
    assert dossier is not None
    html = _printable_book("allier")
    rendered = render_pdf(html, base=source.folder, roots=[source.folder, shipped_path("assets")],
                          date=document_date(html), identifier=content_id(b"fiches", resolved_json(dossier)))
    assert rendered.serrage and rendered.octets == (built / "allier" / "fiches.pdf").read_bytes()


def document_date(html: str) -> str:
    """The date the printable HTML stamps (« dcterms.created »), which the build gives WeasyPrint."""
    found = re.search(r'name="dcterms.created" content="(\d{4}-\d{2}-\d{2})', html)
    assert found is not None
    return found.group(1)
