"""Markdown to safe HTML, with French typography and glossary abbreviations.

Raw HTML is off, images are off (a pact has none, and an image is a file
read), and links may only be internal (``#id``), ``https:``, ``http:`` or
``mailto:``: ``javascript:``, ``file:`` and relative paths render as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import escape

from .typography import french

_SAFE_LINK = re.compile(r"^(#[a-z0-9-]+|https?://[^\s]+|mailto:[^\s]+)$", re.IGNORECASE)


@dataclass
class Abbreviations:
    """The glossary's acronyms, marked up as ``<abbr title>``.

    The acronym is never spelled out in the sentence: the body of a pact is the
    signed text, and an expansion written into it would change what was signed.
    Print readers have the glossary.
    """

    definitions: dict[str, str]

    def __post_init__(self) -> None:
        words = sorted(self.definitions, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])") if words else None

    def split(self, text: str) -> list[Token]:
        """``text`` as text and ``<abbr>`` tokens."""
        tokens: list[Token] = []
        position = 0
        for match in self.pattern.finditer(text) if self.pattern else ():
            word = match.group(1)
            tokens.append(_text(text[position:match.start()]))
            definition = self.definitions[word]
            tokens.append(_html(f'<abbr title="{escape(definition)}">{escape(word)}</abbr>'))
            position = match.end()
        tokens.append(_text(text[position:]))
        return [t for t in tokens if t.content]


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _html(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def _typography(state: StateCore) -> None:
    abbreviations: Abbreviations | None = state.env.get("abbreviations")
    for token in state.tokens:
        if token.type == "inline" and token.children:
            children: list[Token] = []
            inside_link = 0
            for child in token.children:
                inside_link += child.type == "link_open"
                inside_link -= child.type == "link_close"
                if child.type == "text":
                    child.content = french(child.content)
                    if abbreviations and not inside_link:
                        children.extend(abbreviations.split(child.content))
                        continue
                children.append(child)
            token.children = children


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("table")
    md.disable("image")
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url))  # type: ignore[method-assign]
    md.core.ruler.push("french_typography", _typography)
    return md


def block(text: str, abbreviations: Abbreviations | None = None) -> str:
    """Markdown paragraphs, lists and tables as HTML."""
    return str(_parser().render(text, {"abbreviations": abbreviations}))


def inline(text: str, abbreviations: Abbreviations | None = None) -> str:
    """One line of Markdown (emphasis, links) as HTML, without a wrapping paragraph."""
    return str(_parser().renderInline(text, {"abbreviations": abbreviations}))
