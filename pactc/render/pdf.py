"""Stage 6: lay the HTML out as a tagged PDF/UA-1 (WeasyPrint).

Only this module and its helpers (``fetcher``, ``table_scope``, ``serrage``)
import WeasyPrint; ``pactc check`` never reaches them.
"""

from __future__ import annotations

import gc
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration

from ..resources import fonts_uri, shipped_path
from . import table_scope
from .fetcher import ConfinedFetcher
from .html import content_id
from .serrage import SERRAGES, Serrage, SerrageImpossible, fiches_of, install, requested, serrer, short_runovers

table_scope.install()
_HOOKED = install()


_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r"""<[^>]*\sstyle\s*=""")
_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""")


def _stylesheet_apart(html: str) -> tuple[str, list[CSS]]:
    """``html`` without its stylesheet, and the stylesheet, parsed once per process.

    Every document pactc prints carries the same stylesheet in one ``<style>``
    element, which WeasyPrint would parse for each one (26 ms). Given to it as a
    user stylesheet instead, it cascades the same way: the user origin would rank
    differently from the author origin only against ``!important`` or ``style``
    attributes, which pactc's stylesheet and pages do not have, and which leave
    the HTML as it is. So does a stylesheet reading anything but pactc's fonts.
    """
    found = _STYLE.findall(html)
    if len(found) != 1 or html.count("<style") != 1 or "!important" in found[0] or _STYLE_ATTRIBUTE.search(html):
        return html, []
    if not all(url.startswith(_fonts_uri()) for url in _URL.findall(found[0])):
        return html, []
    return _STYLE.sub("", html, count=1), [_parsed(found[0])]


@cache
def _fonts_uri() -> str:
    """Where pactc's fonts are, as the printable HTML names them."""
    return fonts_uri() + "/"


@lru_cache(maxsize=4)
def _parsed(css: str) -> CSS:
    return CSS(string=css, font_config=_fonts(), url_fetcher=ConfinedFetcher([shipped_path("assets")]))


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


def _tightened(lay_out: Callable[..., Document], html: str, serrage: Mapping[str, str] | None,
               incremental: bool) -> tuple[Document, dict[str, str]]:
    """The laid-out document, its run-over fiches set tighter, and those fiches (see :func:`render_pdf`)."""
    fiches = fiches_of(html)
    applied = {fiche: level for fiche, level in (serrage or {}).items() if fiche in fiches and level in SERRAGES}
    if serrage is not None or not fiches:
        return lay_out(serrer(html, applied)), applied
    if incremental and _HOOKED:
        request = Serrage(fiches)
        try:
            return lay_out(html, request), request.applied
        except SerrageImpossible:
            pass
    document = lay_out(html)
    for tighter in SERRAGES:
        runovers = short_runovers((page._page_box for page in document.pages), fiches)
        if not runovers:
            break
        applied.update(dict.fromkeys(runovers, tighter))
        document = lay_out(serrer(html, applied))
    return document, applied


def render_pdf(html: str, *, base: Path, roots: list[Path], date: str, identifier: bytes | None = None,
               serrage: Mapping[str, str] | None = None, incremental: bool = True) -> Pdf:
    """The PDF of ``html``, the URLs the fetcher refused, and the fiches it set tighter.

    ``base`` resolves relative URLs; only files under ``roots`` are read.
    ``date`` (AAAA-MM-JJ) stamps the PDF so that builds are reproducible.
    ``identifier`` is the PDF's /ID; by default it is derived from ``html``
    less the address of pactc's fonts, which depends on where pactc is
    installed: the same document has the same /ID on every machine.
    A fiche that spills a few lines onto a page of its own is set tighter
    (:mod:`pactc.render.serrage`), the book being laid out again from that
    fiche on; ``incremental=False`` lays the whole tightened book out again
    instead (the same PDF: the reference the tests compare with).
    ``serrage`` is the tightening found by an earlier layout of this very HTML
    with this very engine (the build's cache says so): it is applied at once,
    with no search.
    """
    fetcher = ConfinedFetcher(roots)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    base_url = base.resolve().as_uri() + "/"

    def lay_out(text: str, request: Serrage | None = None) -> Document:
        body, sheets = _stylesheet_apart(text)
        withdraw = None
        if request is not None:
            request.stylesheets = sheets
            withdraw = requested(request)
        try:
            return HTML(string=body, base_url=base_url, url_fetcher=fetcher).render(font_config=_fonts(),
                                                                                    stylesheets=sheets)
        finally:
            if withdraw is not None:
                withdraw()

    with _source_date(date), _collector_paused():
        document, applied = _tightened(lay_out, html, serrage, incremental)
        if identifier is None:
            identifier = content_id(html.replace(_fonts_uri(), "").encode("utf-8"))
        pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier, custom_metadata=True)
    assert pdf is not None
    return Pdf(pdf, fetcher.refused, applied)
