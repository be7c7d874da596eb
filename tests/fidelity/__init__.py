"""Is the compiled body the signed text? Three properties, measured against the source documents.

The sources are the plain-text conversions in ``../shared/seeds``. For each document:

1. **Complete and whole**: every sentence of the source body is found whole inside one block
   (paragraph, list item, table row, heading) of the compiled body, in its wording. Letters and
   digits are compared, so typography, hyphenation and layout do not count; a sentence split
   across two blocks, or with words inserted, is not found.
2. **Nothing added**: every sentence of the compiled body is found in the source (its table of
   contents included: headings the conversion lost survive only there), except the compiler's own
   labels, listed once in ``labels.txt``.
3. **Once**: no source sentence is printed more often than the source prints it.

The compiled body is the HTML's ``<main>`` and the cover's title, subtitle and slogan: the rest of
the cover, the sommaire (``nav``), computed numbers and labels (``.numero``, ``.mobilier``: « Axe 3 »,
« Pour l'État ») and the
books' annexes (``.annexe``: index, matrix, timeline, completeness, which repeat titles by design)
are furniture. A signature box is one block. The source's own table of contents (lines ending in
a page number) is not body either, and a source heading whose number the compiler computes
(« II 3 - Une politique… » printed as a heading « Une politique… » with its computed number) is
found when its words, without the number, are a compiled heading.

Run ``python -m tests.fidelity [département…]`` for a readable report while transcribing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

#: (name, seed file, département folder, compiled HTML file)
DOCUMENTS: dict[str, tuple[str, str, str]] = {
    "allier": ("000_0428a654555d86c0.txt", "allier", "pacte.html"),
    "allier-pdile": ("002_038585da03406cdf.txt", "allier", "fiches.html"),
    "herault": ("001_fe1c4b3e5fa7ee2b.txt", "herault", "pacte.html"),
    "deux-sevres": ("003_fce13251b57f28e7.txt", "deux-sevres", "pacte.html"),
    "cantal": ("004_fabb6ed11a613ef2.txt", "cantal", "pacte.html"),
}

#: A chunk shorter than this (letters and digits) is a label or a fragment of layout, not a sentence.
MIN_LETTERS = 25

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "caption", "div", "section", "ul", "ol",
           "table", "main", "address", "br", "dd", "dt", "blockquote"}
_FURNITURE_TAGS = {"nav", "footer", "style", "script", "head", "svg"}
_FURNITURE_CLASSES = {"numero", "mobilier", "annexe", "sr"}
_WHOLE_CLASSES = {"bloc-signature"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_VOID = {"br", "img", "meta", "link", "hr", "input", "wbr"}


def letters(text: str) -> str:
    """Only the letters and digits of ``text``, lower-cased."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\W_]+", "", text).lower()


class _Body(HTMLParser):
    """The blocks of text of ``<main>``, furniture left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (tag that opened the block, text)
        self.block_parts: list[list[str]] = []  # per block, its paragraphs (several in a signature box)
        self.mark = 0
        self.current: list[str] = []
        self.stack: list[tuple[str, bool, bool]] = []  # per open element: tag, furniture?, one block?
        self.in_main = 0
        self.body_tags: list[int] = []  # stack depths of the open body containers
        self.tag = ""
        self.parts: list[str] = []  # the paragraphs of the current whole block

    def _flush(self, tag: str = "") -> None:
        if any(whole for _, _, whole in self.stack):
            self.parts.append("".join(self.current[self.mark:]))
            self.current.append(" ")
            self.mark = len(self.current)
            return
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.blocks.append((self.tag, text))
            parts = [re.sub(r"\s+", " ", p).strip() for p in self.parts + ["".join(self.current[self.mark:])]]
            self.block_parts.append([p for p in parts if p] if self.parts else [text])
        self.current = []
        self.parts = []
        self.mark = 0
        self.tag = tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self.current.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in _BLOCKS:
            self._flush(tag)
        self.stack.append((tag, tag in _FURNITURE_TAGS or bool(classes & _FURNITURE_CLASSES),
                           bool(classes & _WHOLE_CLASSES)))
        if tag == "main" or (tag == "header" and "couverture" in classes):
            self.in_main += 1
            self.body_tags.append(len(self.stack))
        elif tag in ("td", "th"):
            self.current.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.stack:
            self.stack.pop()
        if tag in _BLOCKS:
            self._flush()
        if self.body_tags and self.body_tags[-1] == len(self.stack) + 1:
            self.body_tags.pop()
            self.in_main -= 1

    def handle_data(self, data: str) -> None:
        if self.in_main and not any(furniture for _, furniture, _ in self.stack):
            self.current.append(data)


def _parse(html: str) -> _Body:
    parser = _Body()
    parser.feed(html)
    parser._flush()
    return parser


def body_blocks(html: str) -> list[tuple[str, str]]:
    """The compiled body of an HTML output: (tag, text) per block; the tag says if it is a heading."""
    return _parse(html).blocks


_TOC_LINE = re.compile(r"((\t|\s{2,}|\.{3,})\s*(p\.?\s*)?|\sp\.?\s*)\d{1,3}\s*$")
_NUMBERING = re.compile(r"^\W*(?:(?:axe|orientation|objectif|partie|titre|fiche|[ivx]+|\d+|[a-z]|[\u2460-\u2473])"
                        r"(?:\s*[-–.)/°]?\s*\d+)?\s*(?:[-–.):/°]+|\s)\s*)+", re.IGNORECASE)


def _is_toc_entry(line: str) -> bool:
    # A contents line ends in a page number, or in one empty page-number cell (a table row of
    # several cells, such as a signature grid, is not one).
    return bool(_TOC_LINE.search(line.rstrip()) or (line.endswith("\t") and line.count("\t") == 1 and line.strip()))


def source_lines(text: str) -> list[str]:
    """The lines of a source conversion, markup and its table of contents removed.

    The table of contents is the run of lines from its first entry (a line ending in a page number,
    or in an empty page-number cell) to its last, when that run sits in the first third of the
    document; further entries elsewhere are dropped one by one.
    """
    raw = [re.sub(r"<[^>]+>", " ", line).replace("*", "") for line in text.splitlines()]
    marked = [i for i, line in enumerate(raw) if _is_toc_entry(line)]
    toc = set(marked)
    if marked and marked[-1] < len(raw) / 3:
        toc = set(range(marked[0], marked[-1] + 1))
    lines = []
    for i, line in enumerate(raw):
        if i in toc:
            continue
        line = re.sub(r"<[^>]+>", " ", line)
        line = re.sub(r"\^\{([^}]*)\}", r"\1", line)
        lines.extend(line.split("\t"))  # tables and signature grids came through as tab-separated cells
    return lines


def sentences(block: str) -> list[str]:
    """The sentences of one block (split after . ; : ! ?), list markers removed."""
    found = []
    for chunk in re.split(r"(?<=[.;:!?])\s+", block):
        chunk = re.sub(r"^\s*[-#*☞•→|]*\s*([a-z0-9]{1,2}[.)])?\s*", "", chunk).strip()
        if len(letters(chunk)) >= MIN_LETTERS:
            found.append(chunk)
    return found


def labels() -> list[str]:
    """The compiler's own labels (reviewed): letters of each, one per line of labels.txt."""
    path = HERE / "labels.txt"
    return [letters(l) for l in path.read_text("utf-8").splitlines() if l.strip() and not l.startswith("#")]


@dataclass(frozen=True)
class Report:
    """What breaks each property for one document."""

    missing: list[str]       # source sentences not found whole in one compiled block
    added: list[str]         # compiled sentences absent from the source
    repeated: list[tuple[str, int, int]]  # (sentence, times in source, times printed)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.added or self.repeated)


def compare(source_text: str, html: str) -> Report:  # noqa: C901 — the three properties side by side, as the docstring states them
    """The three properties of ``html``'s body against ``source_text``."""
    src_lines = source_lines(source_text)
    src_letters = "".join(letters(l) for l in src_lines)
    whole_source = letters(re.sub(r"<[^>]+>", " ", source_text))
    parsed = _parse(html)
    blocks = parsed.blocks
    block_letters = [letters(text) for _, text in blocks]
    heading_letters = {letters(text) for tag, text in blocks if tag in _HEADINGS}
    body_letters = "\n".join(block_letters)
    known_labels = labels()

    missing, repeated, seen = [], [], set()
    for line in src_lines:
        for s in sentences(line):
            key = letters(s)
            if key in seen:
                continue
            seen.add(key)
            if not any(key in b for b in block_letters):
                bare = letters(_NUMBERING.sub("", s))
                if not any(bare in h for h in heading_letters):
                    missing.append(s)
                continue
            printed, signed = body_letters.count(key), src_letters.count(key)
            if printed > signed:
                repeated.append((s, signed, printed))

    added = []
    for block in (part for parts in parsed.block_parts for part in parts):
        for s in sentences(block):
            key = letters(s)
            if key in whole_source:
                continue
            rest = key
            for label in known_labels:
                rest = rest.replace(label, "")
            if len(rest) >= MIN_LETTERS and rest not in whole_source:
                added.append(s)
    return Report(missing, sorted(set(added), key=added.index), repeated)


def seed_text(name: str) -> str:
    """The source text of document ``name``."""
    return (SEEDS / DOCUMENTS[name][0]).read_bytes().decode("utf-8", "replace")
