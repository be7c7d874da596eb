"""Every integrity check: one failing and one passing case, and its documentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pactc.checks import CHECKS
from pactc.dossier import check_source
from pactc.project import Source

HERE = Path(__file__).parent / "checks"
CODES = sorted(c.code for c in CHECKS)
EXPECTED = re.compile(r"^# attendu: (PCT\d{3}) (\d+):(\d+)")


def diagnostics(path: Path):
    """Check a single pact file, or a folder holding pacte.yaml and pdi.yaml or avenants.yaml."""
    pacte = path / "pacte.yaml" if path.is_dir() else path
    return check_source(Source(path.name, pacte.parent, pacte)).diagnostics


def case(code: str, kind: str) -> Path:
    """The case file (pact alone) or folder (pact and PDI) of ``code``."""
    single = HERE / f"{code}.{kind}.yaml"
    return single if single.exists() else HERE / f"{code}.{kind}"


def expectation(path: Path) -> tuple[str, str, int, int]:
    """(code, file name, line, column) announced by the case's '# attendu:' header.

    A case whose problem is in a CSV (which cannot carry a comment) says it in a file ``ATTENDU``:
    « PCTnnn fichier ligne:colonne ».
    """
    if (path / "ATTENDU").exists():
        code, name, where = (path / "ATTENDU").read_text("utf-8").split()
        line, column = where.split(":")
        return code, Path(name).name, int(line), int(column)
    carrier = next((path / name for name in ("avenants.yaml", "pdi.yaml") if (path / name).exists()), path)
    match = EXPECTED.match(carrier.read_text("utf-8"))
    assert match, f"{carrier} must start with '# attendu: PCTnnn ligne:colonne'"
    return match[1], carrier.name, int(match[2]), int(match[3])


KO_CASES = sorted([*HERE.glob("*.ko.yaml"), *HERE.glob("*.ko")])


@pytest.mark.parametrize("path", KO_CASES, ids=[p.name for p in KO_CASES])
def test_failing_case_reports_the_code_at_its_position(path: Path) -> None:
    code, name, line, column = expectation(path)
    found = [(d.code, Path(d.file).name, d.line, d.column) for d in diagnostics(path)]
    assert (code, name, line, column) in found


@pytest.mark.parametrize("code", CODES)
def test_every_check_has_a_failing_case(code: str) -> None:
    assert case(code, "ko").exists()


@pytest.mark.parametrize("code", CODES)
def test_passing_case_does_not_report_the_code(code: str) -> None:
    path = case(code, "ok")
    pacte = path / "pacte.yaml" if path.is_dir() else path
    result = check_source(Source(path.name, pacte.parent, pacte))
    # The check really ran: the case got as far as a model (with its programme when there is one).
    assert result.pacte is not None
    assert result.dossier is not None
    assert (result.dossier.programme is not None) == (path.is_dir() and (path / "pdi.yaml").exists())
    assert [d for d in result.diagnostics if d.code == code] == []


@pytest.mark.parametrize("code", CODES)
def test_check_is_documented_in_french(code: str) -> None:
    check = next(c for c in CHECKS if c.code == code)
    summary, _, body = check.doc.partition("\n")
    assert summary.endswith(".") and len(summary) > 20
    assert "Correction" in body


def test_codes_are_unique_and_stable() -> None:
    assert len(CODES) == len(set(CODES))
    assert all(re.fullmatch(r"PCT\d{3}", code) for code in CODES)


def test_every_case_belongs_to_a_check() -> None:
    assert {p.name.split(".")[0].split("-")[0] for p in HERE.iterdir()} == set(CODES)


def test_unknown_partner_message_suggests_the_closest_id() -> None:
    (diag,) = [d for d in diagnostics(HERE / "PCT021.ko.yaml") if d.code == "PCT021"]
    assert diag.message == "partenaire inconnu « pole-emploie » — vouliez-vous dire « pole-emploi » ?"
    assert diag.hint and "pole-emploi" in diag.hint


def test_every_check_code_is_stamped_by_the_registry_and_documented() -> None:
    from pactc.codes import REGISTRY
    from pactc.codes_doc import all_codes

    all_codes()
    for c in CHECKS:
        assert REGISTRY[c.code].stage == "vérification" and REGISTRY[c.code].severity == c.severity
        assert "Correction" in REGISTRY[c.code].doc
    # A check yields findings; it never writes a code (nor a severity) of its own.
    for path in (HERE.parent.parent / "pactc" / "checks").glob("*.py"):
        if path.name == "registry.py":
            continue
        body = "\n".join(line for line in path.read_text("utf-8").splitlines() if not line.startswith("@check("))
        assert not re.search(r'"PCT\d{3}"', body), path.name
        assert "severity=" not in body, path.name


def test_every_emitted_diagnostic_has_its_registered_severity() -> None:
    from pactc.codes import REGISTRY
    from pactc.codes_doc import all_codes

    all_codes()
    seen = set()
    for path in KO_CASES + sorted(HERE.glob("*.ok.yaml")):
        for d in diagnostics(path):
            assert d.severity == REGISTRY[d.code].severity, (path.name, d.code, d.severity)
            seen.add(d.code)
    assert seen >= {c.code for c in CHECKS}


def test_years_outside_a_period_are_said_as_ranges() -> None:
    from pactc.checks.programme import annees_en_mots

    assert annees_en_mots(list(range(2021, 2100))) == "les années 2021 à 2099"
    assert annees_en_mots([2022]) == "l'année 2022"
    assert annees_en_mots([2012, 2014, 2021, 2022, 2023]) == "les années 2012, 2014 et 2021 à 2023"
