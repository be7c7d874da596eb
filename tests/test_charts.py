"""The SVG matrix and timeline: well-formed, and saying exactly what the data says."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from pactc.dossier import check_source
from pactc.project import discover
from pactc.render.charts import _runs, matrix_svg, timeline_svg
from pactc.render.fiches import render_fiches
from pactc.render.livret import build_livret

from .conftest import PACTES

SVG = "{http://www.w3.org/2000/svg}"
BOOKS = sorted(p.parent.name for p in PACTES.glob("*/pdi.yaml"))


def livret(slug: str):
    (source,), _ = discover((str(PACTES / slug),))
    dossier = check_source(source).dossier
    return dossier, build_livret(dossier)


@pytest.mark.parametrize("slug", BOOKS)
def test_timeline_is_well_formed_and_agrees_with_the_calendars(slug: str) -> None:
    _, book = livret(slug)
    root = ET.fromstring(str(timeline_svg(book)))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    bars = [(int(r.get("data-debut")), int(r.get("data-fin"))) for r in root.iter(f"{SVG}rect")
            if r.get("class") == "barre"]
    expected = [run for f in book.programme.fiches
                for run in _runs(tuple(y for y in (f.calendrier.toutes_les_annees if f.calendrier else ())
                                       if y in book.annees))]
    assert bars == expected
    # Only dated fiches are drawn; the others are listed apart, never shown in the first year's column.
    assert len(book.datees) + len(book.sans_calendrier) == len(book.programme.fiches)
    assert not [t for t in root.iter(f"{SVG}text") if t.get("class") == "a-definir"]


@pytest.mark.parametrize("slug", BOOKS)
def test_matrix_is_well_formed_and_agrees_with_the_fiches(slug: str) -> None:
    dossier, book = livret(slug)
    root = ET.fromstring(str(matrix_svg(book)))
    values = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "valeur"]
    expected = []
    for line in book.matrice:
        for pilot, joined in line.cellules:
            if pilot or joined:
                expected.append(" · ".join(x for x in (f"P {pilot}" if pilot else "", f"A {joined}" if joined else "")
                                           if x))
    assert values == expected
    # Each count is what the fiches say.
    for line in book.matrice:
        total_pilot = sum(p for p, _ in line.cellules)
        total_joined = sum(a for _, a in line.cellules)
        assert total_pilot == sum(f.pilote == line.partenaire.id for f in dossier.programme.fiches
                                  if f.axe in book.racines)
        assert total_joined == sum(line.partenaire.id in f.partenaires_associes for f in dossier.programme.fiches
                                   if f.axe in book.racines)


def test_the_book_embeds_the_charts_without_script_or_raster() -> None:
    dossier, _ = livret("deux-sevres")
    html = render_fiches(dossier, font_base="fonts").html
    assert html.count("<svg ") == 2
    assert "<script" not in html and not re.search(r"<img ", html)


def test_runs_group_consecutive_years() -> None:
    assert _runs((2017, 2014, 2015)) == [(2014, 2015), (2017, 2017)]
