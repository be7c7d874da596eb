"""The compiled documents carry all of their source's content, in its wording.

Every sentence (30 letters or more) of each source text in ../shared/seeds must appear in the
rendered text of the pact or of its fiches book, letters and digits compared (layout, hyphenation
and typography aside). The few sentences that legitimately do not (tables of contents, headings
whose numbers are now computed, fixed labels of the book) are listed, reviewed, in
tests/coverage/<document>.absent.txt: any other missing sentence fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT, golden
from .rendered_text import letters

SEEDS = ROOT.parent / "shared" / "seeds"
HERE = Path(__file__).parent
DOCUMENTS = {
    "allier": ("000_0428a654555d86c0.txt", ["allier"]),
    "allier-pdile": ("002_038585da03406cdf.txt", ["allier-fiches"]),
    "herault": ("001_fe1c4b3e5fa7ee2b.txt", ["herault", "herault-fiches"]),
    "deux-sevres": ("003_fce13251b57f28e7.txt", ["deux-sevres", "deux-sevres-fiches"]),
    "cantal": ("004_fabb6ed11a613ef2.txt", ["cantal", "cantal-fiches"]),
}


def sentences(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        line = re.sub(r"<[^>]+>", "", line)
        line = re.sub(r"\^\{([^}]*)\}", r"\1", line)
        for chunk in re.split(r"(?<=[.;:!?])\s+", line):
            chunk = re.sub(r"^\s*[-#*]*\s*([a-z0-9]{1,2}[.)])?\s*", "", chunk)
            if len(letters(chunk)) >= 30:
                found.append(chunk.strip())
    return found


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_every_source_sentence_is_in_the_output(document: str, regen: bool) -> None:
    seed, goldens = DOCUMENTS[document]
    if not (SEEDS / seed).is_file():
        pytest.skip(f"sources absentes : {SEEDS / seed}")
    rendered = letters("".join((HERE / "golden" / f"{g}.txt").read_text("utf-8") for g in goldens))
    source = (SEEDS / seed).read_bytes().decode("utf-8", "replace")
    missing = sorted({s for s in sentences(source) if letters(s) not in rendered})
    golden(HERE / "coverage" / f"{document}.absent.txt", "".join(f"{s}\n" for s in missing), regen)
