"""The documentation of diagnostic codes is generated from the code and complete."""

from __future__ import annotations

import re
from pathlib import Path

from pactc.codes import all_codes, diagnostics_markdown

from .conftest import ROOT, golden


def test_diagnostics_doc_is_up_to_date(regen: bool) -> None:
    golden(ROOT / "docs" / "diagnostics.md", diagnostics_markdown(), regen)


def test_every_emitted_code_is_documented() -> None:
    emitted = set()
    for path in (ROOT / "pactc").rglob("*.py"):
        emitted |= set(re.findall(r'"(PCT\d{3})"', path.read_text("utf-8")))
    documented = {c.code for c in all_codes()}
    assert emitted <= documented, emitted - documented
    assert all(len(c.doc.splitlines()) >= 3 and "Correction" in c.doc for c in all_codes())
