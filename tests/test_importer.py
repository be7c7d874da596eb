"""Import: pactc's own exports come back as the same pact, and a poorly styled document gives a draft that checks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from pactc.cli import main

from .conftest import PACTES
from .fidelity import DOCUMENTS, SEEDS, compare, seed_text

PACTS = ["allier", "cantal", "deux-sevres", "herault"]


@pytest.fixture(scope="module")
def exports(built: Path) -> Path:
    """The session's build of the repository, with its ODT and DOCX."""
    return built


@pytest.fixture(scope="module")
def reimportes(exports: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each pact exported in both formats, imported back, and built again."""
    root = tmp_path_factory.mktemp("reimportes")
    runner = CliRunner()
    for slug in PACTS:
        for fmt in ("docx", "odt"):
            folder = root / "sources" / f"{slug}-{fmt}"
            result = runner.invoke(main, ["importer", str(exports / slug / f"pacte.{fmt}"), "--departement",
                                          f"Essai {slug}", "--code", "15", "--out", str(folder)])
            assert result.exit_code == 0, result.output
    built = runner.invoke(main, ["build", "-q", "--no-pdf", "--out", str(root / "build"), str(root / "sources")])
    assert built.exit_code == 0, built.output
    return root


def _comptes(data: dict[str, Any]) -> dict[str, int]:
    def noeuds(ns: list[dict[str, Any]] | None) -> int:
        return sum(1 + noeuds(n.get("enfants")) for n in ns or [])

    return {"engagements": len(data.get("engagements", [])), "axes": noeuds(data.get("axes")),
            "signatures": len(data.get("signatures", [])), "glossaire": len(data.get("glossaire", [])),
            "partenaires": len(data.get("partenaires", []))}


@pytest.mark.parametrize("fmt", ["docx", "odt"])
@pytest.mark.parametrize("slug", PACTS)
def test_every_signed_sentence_comes_back_whole(reimportes: Path, slug: str, fmt: str) -> None:
    seed = DOCUMENTS[slug][0]
    if not (SEEDS / seed).is_file():
        pytest.fail(f"sources absentes : {SEEDS / seed}")
    html = (reimportes / "build" / f"{slug}-{fmt}" / "pacte.html").read_text("utf-8")
    assert compare(seed_text(slug), html).missing == [], "phrases signées perdues à l'aller-retour"


@pytest.mark.parametrize("fmt", ["docx", "odt"])
@pytest.mark.parametrize("slug", PACTS)
def test_engagements_axes_signatures_and_glossary_come_back(reimportes: Path, slug: str, fmt: str) -> None:
    original = _comptes(yaml.safe_load((PACTES / slug / "pacte.yaml").read_text("utf-8")))
    importe = _comptes(yaml.safe_load((reimportes / "sources" / f"{slug}-{fmt}" / "pacte.yaml").read_text("utf-8")))
    for kind in ("engagements", "axes", "signatures", "glossaire"):
        assert importe[kind] == original[kind], kind


@pytest.mark.parametrize("fmt", ["docx", "odt"])
@pytest.mark.parametrize("slug", PACTS)
def test_partners_come_back_with_their_ids(reimportes: Path, slug: str, fmt: str) -> None:
    """The text names them, or (for the Hérault's, named only in the prose of its categories) the
    property pactc writes into its exports does; their ids come back, so pactc diff compares by id."""
    original = yaml.safe_load((PACTES / slug / "pacte.yaml").read_text("utf-8"))
    importe = yaml.safe_load((reimportes / "sources" / f"{slug}-{fmt}" / "pacte.yaml").read_text("utf-8"))
    assert sorted(p["id"] for p in importe["partenaires"]) == sorted(p["id"] for p in original["partenaires"])
    assert {p["id"]: p["nom"] for p in importe["partenaires"]} == {p["id"]: p["nom"] for p in original["partenaires"]}


def test_without_pactc_s_property_no_partner_is_invented(exports: Path, tmp_path: Path) -> None:
    """A word processor that drops custom properties: the partners named in the text only, none guessed."""
    import zipfile

    stripped = tmp_path / "pacte.docx"
    with zipfile.ZipFile(exports / "herault" / "pacte.docx") as source, zipfile.ZipFile(stripped, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/custom.xml":
                continue
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = re.sub(rb"<(Relationship|Override)[^>]*custom[-.]?(properties|xml)[^>]*/>", b"", data)
            target.writestr(info, data)
    result = CliRunner().invoke(main, ["importer", str(stripped), "--departement", "Hérault", "--code", "34",
                                       "--out", str(tmp_path / "brouillon")])
    assert result.exit_code == 0, result.output
    noms = [p["nom"] for p in yaml.safe_load((tmp_path / "brouillon" / "pacte.yaml").read_text("utf-8"))
            ["partenaires"]]
    assert len(noms) == 10 and "Comités consultatifs" not in noms  # the first category's list, read as names
    check = CliRunner().invoke(main, ["check", str(tmp_path / "brouillon")])
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize("fmt", ["docx", "odt"])
@pytest.mark.parametrize("slug", PACTS)
def test_the_draft_checks_without_errors(reimportes: Path, slug: str, fmt: str) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", str(reimportes / "sources" / f"{slug}-{fmt}")])
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- a document formatted by hand


PARAGRAPHES = [
    ("titre", "PACTE TERRITORIAL D'INSERTION 2021-2026"),
    ("texte", "Le présent pacte associe le Département et ses partenaires pour l'insertion des personnes."),
    ("titre", "I. Le contexte"),
    ("texte", "Le département compte de nombreux allocataires du revenu de solidarité active."),
    ("puce", "les jeunes sans qualification ;"),
    ("puce", "les chômeurs de longue durée."),
    ("titre", "II. Les orientations"),
    ("titre2", "Axe 1 — Accompagner vers l'emploi"),
    ("texte", "Chaque personne bénéficie d'un accompagnement adapté à sa situation."),
    ("titre2", "Axe 2 — Lever les freins périphériques"),
    ("texte", "La mobilité et le logement sont traités avec les partenaires du territoire."),
    ("titre", "III. Signatures"),
]


def _document_mal_style(path: Path) -> None:
    """A DOCX as many are written: no heading styles, bold and sizes by hand, typed bullets, a glossary table."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    for genre, texte in PARAGRAPHES:
        paragraphe = document.add_paragraph()
        run = paragraphe.add_run(("• " if genre == "puce" else "") + texte)
        if genre.startswith("titre"):
            run.bold = True
            run.font.size = Pt(16 if genre == "titre" else 12)
    signatures = document.add_table(rows=1, cols=2)
    signatures.rows[0].cells[0].text = "Pour le Département\nLe Président"
    signatures.rows[0].cells[1].text = "Pour l'État\nLe Préfet"
    document.add_paragraph()
    glossaire = document.add_table(rows=2, cols=2)
    for cellule, texte in zip(glossaire.rows[0].cells + glossaire.rows[1].cells,
                              ["Sigle", "Définition", "RSA", "Revenu de solidarité active"], strict=True):
        cellule.text = texte
    document.save(str(path))


def test_a_poorly_styled_document_gives_a_draft_that_checks_with_review_notes(tmp_path: Path) -> None:
    source = tmp_path / "pacte-mal-style.docx"
    _document_mal_style(source)
    folder = tmp_path / "brouillon"
    result = CliRunner().invoke(main, ["importer", str(source), "--departement", "Corrèze", "--code", "19",
                                       "--out", str(folder)])
    assert result.exit_code == 0, result.output
    draft = (folder / "pacte.yaml").read_text("utf-8")
    data = yaml.safe_load(draft)
    for _, texte in PARAGRAPHES:  # every paragraph's words, unchanged (an axis heading less its computed number)
        assert texte.split(" — ")[-1] in draft, texte
    assert data["pacte"]["titre"] == "PACTE TERRITORIAL D'INSERTION 2021-2026"
    assert [s["titre"] for s in data["sections"]] == ["Page de couverture", "I. Le contexte", "II. Les orientations",
                                                     "III. Signatures"]
    assert [a["titre"] for a in data["axes"]] == ["Accompagner vers l'emploi", "Lever les freins périphériques"]
    noms = {p["id"]: p["nom"] for p in data["partenaires"]}
    assert [(noms[s["partenaire"]], s["qualite"]) for s in data["signatures"]] == [("le Département", "Le Président"),
                                                                                   ("l'État", "Le Préfet")]
    assert data["glossaire"] == [{"sigle": "RSA", "definition": "Revenu de solidarité active"}]
    assert data["pacte"]["periode"] == {"debut": 2021, "fin": 2026}
    check = CliRunner().invoke(main, ["check", "--tous", "--format", "json", str(folder)])
    assert check.exit_code == 0, check.output
    import json

    diagnostics = json.loads(check.output)["diagnostics"]
    assert diagnostics and {d["severity"] for d in diagnostics} == {"note"}
    assert {d["code"] for d in diagnostics} == {"PCT056"}
    assert re.search(r"gras|taille", " ".join(d["message"] for d in diagnostics))
