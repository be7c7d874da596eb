"""Every integrity check: one failing and one passing case, and its documentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pactc.checker import check_source
from pactc.checks import CHECKS
from pactc.project import Source

HERE = Path(__file__).parent / "checks"
CODES = sorted(c.code for c in CHECKS)
EXPECTED = re.compile(r"^# attendu: (PCT\d{3}) (\d+):(\d+)")


def diagnostics(path: Path):
    return check_source(Source(path.stem, path.parent, path)).diagnostics


@pytest.mark.parametrize("code", CODES)
def test_failing_case_reports_the_code_at_its_position(code: str) -> None:
    path = HERE / f"{code}.ko.yaml"
    match = EXPECTED.match(path.read_text("utf-8"))
    assert match and match[1] == code
    found = [(d.code, d.line, d.column) for d in diagnostics(path)]
    assert (code, int(match[2]), int(match[3])) in found


@pytest.mark.parametrize("code", CODES)
def test_passing_case_does_not_report_the_code(code: str) -> None:
    assert [d for d in diagnostics(HERE / f"{code}.ok.yaml") if d.code == code] == []


@pytest.mark.parametrize("code", CODES)
def test_check_is_documented_in_french(code: str) -> None:
    check = next(c for c in CHECKS if c.code == code)
    summary, _, body = check.doc.partition("\n")
    assert summary.endswith(".") and len(summary) > 20
    assert "Correction" in body


def test_codes_are_unique_and_stable() -> None:
    assert len(CODES) == len(set(CODES))
    assert all(re.fullmatch(r"PCT\d{3}", code) for code in CODES)


def test_every_case_file_belongs_to_a_check() -> None:
    assert {p.name.split(".")[0] for p in HERE.glob("*.yaml")} == set(CODES)


def test_unknown_partner_message_suggests_the_closest_id() -> None:
    (diag,) = [d for d in diagnostics(HERE / "PCT021.ko.yaml") if d.code == "PCT021"]
    assert diag.message == "partenaire inconnu « pole-emploie » — vouliez-vous dire « pole-emploi » ?"
    assert diag.hint and "pole-emploi" in diag.hint
