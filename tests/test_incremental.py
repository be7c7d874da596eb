"""Parallel and incremental builds: render only what changed, and the same bytes either way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import pactc.build as build_module
from pactc.build import build_all

from .conftest import PACTES


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "pactes"
    for slug in ("allier", "herault"):
        shutil.copytree(PACTES / slug, root / slug)
    return root


def test_noop_rebuild_renders_nothing(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    first = build_all((str(sources),), out, pdf=False)
    assert sorted(first.rendered) == ["allier/bilan", "allier/donnees", "allier/fiches", "allier/pacte",
                                      "herault/donnees", "herault/fiches", "herault/pacte"]
    again = build_all((str(sources),), out, pdf=False)
    assert again.rendered == () and again.written == ()


def test_editing_one_pact_rebuilds_only_its_outputs(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build_all((str(sources),), out, pdf=False)
    pact = sources / "herault" / "pacte.yaml"
    pact.write_text(pact.read_text("utf-8").replace("Deux défis", "Deux grands défis"), "utf-8")
    again = build_all((str(sources),), out, pdf=False)
    assert sorted(again.rendered) == ["herault/donnees", "herault/fiches", "herault/pacte"]
    # the Hérault's files, and the national site computed from every département's data
    national = {"index.html", "partenaires.html"}
    assert all("herault" in str(p) or p.name in national or p.parent.name in ("themes", "donnees", "schemas")
               for p in again.written)
    assert not [p for p in again.written if "allier" in str(p)]
    assert "Deux grands défis" in (out / "herault" / "pacte.html").read_text("utf-8")


def test_a_broken_avenants_file_is_seen_by_a_rebuild(sources: Path, tmp_path: Path) -> None:
    """The cache key covers every file of the dossier: an avenants.yaml with a problem fails the next build."""
    out = tmp_path / "build"
    assert not build_all((str(sources),), out, pdf=False).failed
    (sources / "allier" / "avenants.yaml").write_text(
        "avenants:\n  - numero: 2\n    objet: Révision\n", "utf-8")
    again = build_all((str(sources),), out, pdf=False)
    assert [d.code for d in again.diagnostics if d.code.startswith("PCT08")] == ["PCT080"]


def test_a_changed_template_rebuilds_everything(sources: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "build"
    build_all((str(sources),), out, pdf=False)
    monkeypatch.setattr(build_module, "toolchain_hash", lambda: "autre-gabarit")
    again = build_all((str(sources),), out, pdf=False)
    assert len(again.rendered) == 7  # pact, fiches and open data of both, and the Allier's (example) bilan


def test_deleted_output_is_rebuilt(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build_all((str(sources),), out, pdf=False)
    (out / "allier" / "pacte.html").unlink()
    again = build_all((str(sources),), out, pdf=False)
    assert "allier/pacte" in again.rendered and (out / "allier" / "pacte.html").is_file()


def test_sequential_and_parallel_builds_are_byte_identical(sources: Path, tmp_path: Path, built: Path) -> None:
    one, two = tmp_path / "j1", built  # the session's build ran in parallel
    assert not build_all((str(sources / "allier"),), one, jobs=1).failed
    for name in ("pacte.pdf", "fiches.pdf", "pacte.html", "fiches.html", "pacte.json"):
        assert (one / "allier" / name).read_bytes() == (two / "allier" / name).read_bytes(), name


def test_a_broken_pact_leaves_its_earlier_outputs_intact(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build_all((str(sources),), out, pdf=False)
    before = (out / "herault" / "pacte.html").read_bytes()
    pact = sources / "herault" / "pacte.yaml"
    pact.write_text(pact.read_text("utf-8").replace("categorie: signataires-protocole", "categorie: inconnue", 1),
                    "utf-8")
    again = build_all((str(sources),), out, pdf=False)
    assert again.failed
    assert (out / "herault" / "pacte.html").read_bytes() == before
    assert not list(out.rglob("*.tmp"))


def test_an_edit_that_keeps_the_size_is_seen(sources: Path, tmp_path: Path) -> None:
    """The digest memo trusts size and modification time: an edit of the same length changes the latter."""
    out = tmp_path / "build"
    build_all((str(sources),), out, pdf=False)
    pact = sources / "herault" / "pacte.yaml"
    text = pact.read_text("utf-8")
    assert "Deux défis" in text
    pact.write_text(text.replace("Deux défis", "Deux Défis"), "utf-8")  # same length, same size in bytes
    again = build_all((str(sources),), out, pdf=False)
    assert sorted(again.rendered) == ["herault/donnees", "herault/fiches", "herault/pacte"]
    assert "Deux Défis" in (out / "herault" / "pacte.html").read_text("utf-8")


def test_a_touched_but_unchanged_file_rebuilds_nothing(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build_all((str(sources),), out, pdf=False)
    pact = sources / "herault" / "pacte.yaml"
    os.utime(pact, ns=(pact.stat().st_atime_ns, pact.stat().st_mtime_ns + 10**9))  # as a git checkout would
    again = build_all((str(sources),), out, pdf=False)
    assert again.rendered == () and again.written == ()  # read again, found the same
