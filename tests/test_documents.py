"""The registry of output documents: a new document is one module plus one entry."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pactc import build as build_module
from pactc import documents
from pactc.build import CACHE_FILE, build_all
from pactc.documents import Document, Rendu
from pactc.model import Dossier

from .conftest import PACTES


def _resume(dossier: Dossier, font_base: str, epoch: str | None) -> Rendu:
    html = ('<!DOCTYPE html><html lang="fr"><head><title>Résumé</title></head>'
            f"<body><p>{dossier.pacte.meta.titre}</p></body></html>")
    return Rendu(html, "2018-01-01", {"resume.txt": dossier.pacte.meta.titre.encode()})


def test_a_new_document_is_one_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = Document("resume", lambda dossier: dossier.programme is None, lambda dossier: ("resume.txt",), _resume)
    monkeypatch.setattr(documents, "DOCUMENTS", (*documents.DOCUMENTS, entry))
    result = build_all((str(PACTES / "herault"), str(PACTES / "allier")), tmp_path, pdf=False, jobs=1)
    assert not result.failed
    assert "herault/resume" not in result.rendered  # Hérault has a programme: the entry does not apply
    assert not (tmp_path / "herault" / "resume.html").exists()
    cache = json.loads((tmp_path / CACHE_FILE).read_text("utf-8"))
    assert cache["herault"]["documents"] == ["pacte", "fiches", "donnees"]


def test_a_new_document_is_built_and_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = tmp_path / "pactes" / "allier"
    sources.mkdir(parents=True)
    shutil.copy(PACTES / "allier" / "pacte.yaml", sources / "pacte.yaml")  # a pact without programme
    entry = Document("resume", lambda dossier: dossier.programme is None, lambda dossier: ("resume.txt",), _resume)
    monkeypatch.setattr(documents, "DOCUMENTS", (*documents.DOCUMENTS, entry))
    out = tmp_path / "build"
    assert not build_all((str(sources),), out, pdf=False, jobs=1).failed
    assert (out / "allier" / "resume.html").is_file() and (out / "allier" / "resume.txt").read_bytes()
    again = build_all((str(sources),), out, pdf=False, jobs=1)
    assert again.rendered == ()  # up to date: the registry also says which files to expect
    (out / "allier" / "resume.txt").unlink()
    assert "allier/resume" in build_all((str(sources),), out, pdf=False, jobs=1).rendered


def test_a_build_killed_while_writing_leaves_no_cache_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "build"
    real = build_module.write_all_atomic

    def killed(files: dict[Path, bytes]) -> list[Path]:
        first = dict(list(files.items())[:1])
        real(first)
        raise KeyboardInterrupt  # the user pressed Ctrl-C after the first file

    monkeypatch.setattr(build_module, "write_all_atomic", killed)
    with pytest.raises(KeyboardInterrupt):
        build_all((str(PACTES / "herault"),), out, pdf=False, jobs=1)
    monkeypatch.setattr(build_module, "write_all_atomic", real)
    cache = json.loads((out / CACHE_FILE).read_text("utf-8")) if (out / CACHE_FILE).exists() else {}
    assert "herault" not in cache
    assert "herault/pacte" in build_all((str(PACTES / "herault"),), out, pdf=False, jobs=1).rendered
