"""Shared fixtures: the repository's paths and the golden-file switch."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACTES = ROOT / "pactes"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", help="réécrit les fichiers de référence")


@pytest.fixture
def regen(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


def golden(path: Path, actual: str, regen: bool) -> None:
    """Compare ``actual`` with the golden file ``path`` (or rewrite it with --regen-golden)."""
    if regen or not path.exists():
        path.write_text(actual, "utf-8")
        if not regen:
            pytest.fail(f"fichier de référence créé : {path.name} — relisez-le puis relancez")
    assert actual == path.read_text("utf-8"), f"le rendu diffère de {path.name} (--regen-golden pour mettre à jour)"


def accessibility_findings(pdf: Path) -> list[str]:
    """What pdfua (an independent checker of the machine-checkable part of PDF/UA-1) finds in ``pdf``."""
    import json
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", str(pdf)],
                         capture_output=True, text=True, check=False)
    report = json.loads(run.stdout)
    return [f"{f['rule_id']} p.{f.get('location', {}).get('page')} {f['message']}" for f in report["findings"]]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every pact and book of the repository, built once for the whole session (in each test worker):
    PDF, ODT and DOCX included, in parallel. Tests read it, never write into it."""
    from pactc.build import build_all

    out = tmp_path_factory.mktemp("build")
    result = build_all((str(PACTES),), out, bureautique=("odt", "docx"))
    assert not result.failed, [d.message for d in result.diagnostics]
    return out
