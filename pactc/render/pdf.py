"""Stage 6: lay the HTML out as a tagged PDF/UA-1 (WeasyPrint).

This is the only module that imports WeasyPrint; ``pactc check`` never
reaches it.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from weasyprint import HTML

from . import table_scope
from .fetcher import ConfinedFetcher

table_scope.install()


@contextmanager
def _source_date(date: str) -> Iterator[None]:
    # fontTools' subsetting stamps the clock into fonts unless SOURCE_DATE_EPOCH is set.
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = datetime.fromisoformat(date).replace(tzinfo=timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def render_pdf(html: str, *, base: Path, roots: list[Path], date: str, identifier: bytes) -> tuple[bytes, list[str]]:
    """The PDF bytes of ``html`` and the URLs the fetcher refused.

    ``base`` resolves relative URLs; only files under ``roots`` are read.
    ``date`` (AAAA-MM-JJ) stamps the PDF so that builds are reproducible.
    """
    fetcher = ConfinedFetcher(roots)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    with _source_date(date):
        document = HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher)
        pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier, custom_metadata=True)
    assert pdf is not None
    return pdf, fetcher.refused
