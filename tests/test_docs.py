"""The documentation of diagnostic codes is generated from the code and complete."""

from __future__ import annotations

import re

from pactc.codes_doc import all_codes, diagnostics_markdown

from .conftest import ROOT, golden


def test_diagnostics_doc_is_up_to_date(regen: bool) -> None:
    golden(ROOT / "docs" / "diagnostics.md", diagnostics_markdown(ROOT / "tests"), regen)


def test_every_emitted_code_is_documented() -> None:
    emitted = set()
    for path in (ROOT / "pactc").rglob("*.py"):
        emitted |= set(re.findall(r'"(PCT\d{3})"', path.read_text("utf-8")))
    documented = {c.code for c in all_codes()}
    assert emitted == documented, (emitted ^ documented)
    assert all(len(c.doc.splitlines()) >= 3 and "Correction" in c.doc for c in all_codes())


def test_every_code_has_an_example_in_the_docs() -> None:
    text = diagnostics_markdown(ROOT / "tests")
    for c in all_codes():
        # no position (a path, a folder name, a rendering failure), or unreachable through valid input
        # PCT084/085 need a git repository with tags (tests/test_historique.py builds one), PCT063 a machine
        # without WeasyPrint, PCT099 a repository prepared by another pactc (tests/test_depot.py)
        if c.code in ("PCT008", "PCT015", "PCT017", "PCT060", "PCT061", "PCT062", "PCT063", "PCT084", "PCT085",
                      "PCT099"):
            continue
        section = text.split(f"## {c.code}", 1)[1].split("\n## ", 1)[0]
        assert "Exemple" in section and f" {c.code} " in section, c.code
