"""Markdown to safe HTML, with French typography.

Raw HTML is off, images are off (a pact has none, and an image is a file
read), and links may only be internal (``#id``), ``https:``, ``http:`` or
``mailto:``: ``javascript:``, ``file:`` and relative paths render as plain text.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from .typography import french

_SAFE_LINK = re.compile(r"^(#[a-z0-9-]+|https?://[^\s]+|mailto:[^\s]+)$", re.IGNORECASE)


def _typography(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "text":
                    child.content = french(child.content)


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("table")
    md.disable("image")
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url))  # type: ignore[method-assign]
    md.core.ruler.push("french_typography", _typography)
    return md


def block(text: str) -> str:
    """Markdown paragraphs, lists and tables as HTML."""
    return _parser().render(text)


def inline(text: str) -> str:
    """One line of Markdown (emphasis, links) as HTML, without a wrapping paragraph."""
    return _parser().renderInline(text)
