"""Rendering PDFs: the stylesheet parsed once per process (issue 22), and an /ID that is the same on every machine."""

from __future__ import annotations

import pytest

pytest.importorskip("weasyprint")

from pactc.render import pdf  # noqa: E402
from pactc.resources import shipped_path  # noqa: E402

FONT = (shipped_path("assets") / "fonts" / "Lato-Regular.ttf").resolve().as_uri()


def page(css: str, body: str = "<p>Texte.</p>") -> str:
    return f"<!DOCTYPE html><html lang=\"fr\"><head><style>{css}</style></head><body>{body}</body></html>"


def test_the_stylesheet_is_parsed_once_and_given_apart() -> None:
    css = f'@font-face {{ font-family: "Lato"; src: url("{FONT}"); }} p {{ color: #123456; }}'
    body, sheets = pdf._stylesheet_apart(page(css))
    again, same = pdf._stylesheet_apart(page(css, "<p>Autre.</p>"))
    assert "<style>" not in body and len(sheets) == 1 and same[0] is sheets[0]


@pytest.mark.parametrize("css, body", [
    ("p { color: red !important; }", "<p>Texte.</p>"),            # would rank above author declarations
    ("p { color: red; }", '<p style="color: blue">Texte.</p>'),   # an author style attribute
    ('p { background: url("fond.png"); }', "<p>Texte.</p>"),      # reads something else than pactc's fonts
    ("p { color: red; }</style><style>h1 { color: blue; }", "<p>Texte.</p>"),  # two stylesheets
    ("p { color: red; }", "<svg><rect style='fill: blue'/></svg>"),
    ("p { color: red; }", '<style media="print">p { color: blue; }</style><p>Texte.</p>'),
])
def test_anything_else_stays_in_the_html(css: str, body: str) -> None:
    html = page(css, body)
    assert pdf._stylesheet_apart(html) == (html, [])


def test_the_pdf_id_does_not_depend_on_where_pactc_is_installed() -> None:
    """The printable HTML names pactc's fonts by their absolute address: the /ID leaves it out."""
    import io

    from pypdf import PdfReader

    from pactc.render.html import content_id

    css = f'@font-face {{ font-family: "Lato"; src: url("{FONT}"); }} p {{ font-family: "Lato"; }}'
    html = page(css)
    rendered = pdf.render_pdf(html, base=shipped_path("assets"), roots=[shipped_path("assets")], date="2020-01-01")
    first = PdfReader(io.BytesIO(rendered.octets)).trailer["/ID"][0]
    expected = content_id(html.replace(pdf._fonts_uri(), "").encode("utf-8")).decode("ascii")
    assert FONT.startswith(pdf._fonts_uri()) and first == expected
