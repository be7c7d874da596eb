"""Stage 6: lay the HTML out as a tagged PDF/UA-1 (WeasyPrint).

This is the only module that imports WeasyPrint; ``pactc check`` never
reaches it.
"""

from __future__ import annotations

import gc
import logging
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from weasyprint import HTML, Document
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

from . import table_scope
from .fetcher import ConfinedFetcher

table_scope.install()


@cache
def _fonts() -> FontConfiguration:
    # One font configuration per process, as WeasyPrint allows: the vendored fonts are registered with
    # Fontconfig and Pango once, and their shaping caches stay warm from one document to the next.
    return FontConfiguration()


@contextmanager
def _collector_paused() -> Iterator[None]:
    # A layout makes millions of objects that live as long as its document: the collector's passes over
    # them cost about 4 % of the time and free nothing. One full pass first (the previous document's
    # cycles), then none until this document is laid out and written.
    enabled = gc.isenabled()
    if enabled:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _source_date(date: str) -> Iterator[None]:
    # fontTools' subsetting stamps the clock into fonts unless SOURCE_DATE_EPOCH is set.
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = datetime.fromisoformat(date).replace(tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class Pdf(NamedTuple):
    """A laid-out PDF, the URLs the fetcher refused, and the fiches set tighter (id → class)."""

    octets: bytes
    refused: list[str]
    serrage: dict[str, str]


#: How much tighter a fiche that spills a few lines onto a page of its own is set, step by step.
SERRAGES = ("serree", "tres-serree")


def render_pdf(html: str, *, base: Path, roots: list[Path], date: str, identifier: bytes,
               serrage: Mapping[str, str] | None = None) -> Pdf:
    """The PDF of ``html``, the URLs the fetcher refused, and the fiches it set tighter.

    ``base`` resolves relative URLs; only files under ``roots`` are read.
    ``date`` (AAAA-MM-JJ) stamps the PDF so that builds are reproducible.
    ``serrage`` is the tightening found by an earlier layout of this very HTML
    with this very engine (the build's cache says so): it is applied at once,
    and the book is laid out once instead of twice.
    """
    fetcher = ConfinedFetcher(roots)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    base_url = base.resolve().as_uri() + "/"
    fiches = set(re.findall(r'<section class="fiche[^"]*" id="([^"]+)"', html))
    applied = {fiche: level for fiche, level in (serrage or {}).items() if fiche in fiches and level in SERRAGES}
    with _source_date(date), _collector_paused():
        document = HTML(string=_serrer(html, applied), base_url=base_url,
                        url_fetcher=fetcher).render(font_config=_fonts())
        if serrage is None:
            # A fiche that spills a few lines onto a page of its own is set tighter (two steps at most).
            for tighter in SERRAGES:
                runovers = _short_runovers(document, fiches)
                if not runovers:
                    break
                applied.update(dict.fromkeys(runovers, tighter))
                document = HTML(string=_serrer(html, applied), base_url=base_url,
                                url_fetcher=fetcher).render(font_config=_fonts())
        pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier, custom_metadata=True)
    assert pdf is not None
    return Pdf(pdf, fetcher.refused, applied)


def _serrer(html: str, serrage: Mapping[str, str]) -> str:
    """``html`` with each fiche of ``serrage`` given its class."""
    for fiche, level in serrage.items():
        html = re.sub(rf'<section class="fiche[^"]*" id="{re.escape(fiche)}"',
                      f'<section class="fiche {level}" id="{fiche}"', html)
    return html


#: A page whose content ends above this fraction of its height is « nearly empty ».
NEARLY_EMPTY = 0.2


def _short_runovers(document: Document, fiches: set[str]) -> list[str]:
    """The ids of the fiches whose last page holds only a few lines (their run-over)."""
    current = ""
    found: list[str] = []
    for page in document.pages:
        # A fiche's section spans its pages; its heading (« <id>-titre ») is on its first page only.
        starts = [anchor[:-len("-titre")] for anchor in page.anchors
                  if anchor.endswith("-titre") and anchor[:-len("-titre")] in fiches]
        if starts:
            current = starts[-1]
            continue
        box = page._page_box  # WeasyPrint has no public API for where a page's content ends
        used = (_content_bottom(box) - box.content_box_y()) / max(1.0, box.height)
        if current and used < NEARLY_EMPTY and current not in found:
            found.append(current)
    return found


def _content_bottom(page_box: Any) -> float:
    """The lowest edge of the text and images laid out on a page (running heads aside)."""
    bottom = 0.0
    stack = list(page_box.children)
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.MarginBox):
            continue
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
            bottom = max(bottom, box.position_y + box.height)
            continue
        stack.extend(getattr(box, "children", ()))
    return bottom
