"""Readable text of rendered outputs, for golden files and wording checks."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "caption", "div", "section", "ul", "ol",
           "table", "header", "footer", "nav", "main", "address", "br"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "head"):
            self.skip += 1
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head"):
            self.skip -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The visible text of an HTML page, one block per line."""
    parser = _Text()
    parser.feed(html)
    lines = (re.sub(r"[ \t\n]+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def letters(text: str) -> str:
    """Only the letters and digits of ``text``, lower-cased: robust to layout, hyphenation and typography."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\W_]+", "", text).lower()


def pdf_text(path: Path, furniture: list[str]) -> str:
    """The text of a PDF, without running headers and footers."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(path).pages:
        lines = [line for line in page.extract_text().splitlines()
                 if not any(line.strip().startswith(f) for f in furniture)
                 and not re.match(r"^page \d+ / \d+$", line.strip())]
        pages.append("\n".join(lines))
    return "\n".join(pages)
