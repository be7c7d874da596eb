"""The build end to end: outputs, PDF structure, wording, golden text, determinism."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from pactc.build import build_all
from pactc.dossier import check_source
from pactc.project import discover
from pactc.render.livret import build_livret

from .conftest import PACTES, accessibility_findings, golden
from .rendered_text import html_text, letters, pdf_text

SLUGS = sorted(p.parent.name for p in PACTES.glob("*/pacte.yaml"))
BOOKS = sorted(p.parent.name for p in PACTES.glob("*/pdi.yaml"))
GOLDEN = Path(__file__).parent / "golden"


def dossier(slug: str):
    (source,), _ = discover((str(PACTES / slug),))
    return check_source(source).dossier


def model(slug: str):
    return dossier(slug).pacte


@pytest.mark.parametrize("slug", SLUGS)
def test_outputs_exist(built: Path, slug: str) -> None:
    for name in ("pacte.html", "pacte.pdf", "pacte.json"):
        assert (built / slug / name).stat().st_size > 1000
    index = (built / "index.html").read_text("utf-8")
    assert f'href="{slug}/pacte.pdf"' in index


@pytest.mark.parametrize("slug", SLUGS)
def test_pdf_is_tagged_french_with_bookmarks_and_title(built: Path, slug: str) -> None:
    reader = PdfReader(built / slug / "pacte.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert len(reader.outline) >= 3
    assert reader.metadata.title == model(slug).meta.intitule
    assert reader.pages[0].mediabox.width == pytest.approx(595.27, abs=1)  # A4


@pytest.mark.parametrize("slug", SLUGS)
def test_table_of_contents_page_numbers_are_right(built: Path, slug: str) -> None:
    reader = PdfReader(built / slug / "pacte.pdf")
    toc = reader.pages[1].extract_text()
    assert toc.lstrip().startswith("Sommaire") or "Sommaire" in toc.splitlines()[1]
    entries = re.findall(r"^(.+?)[ .]*\.{3,}[ .]*(\d+)$", toc, re.M)
    assert len(entries) >= 3
    for title, page in entries[:4]:
        text = letters(reader.pages[int(page) - 1].extract_text())
        assert letters(title.strip()[:25]) in text, (title, page)


def _furniture(slug: str) -> list[str]:
    meta = model(slug).meta
    return [meta.titre.replace("'", "’")[:20], f"{meta.departement} ("]


def test_allier_pdf_carries_every_engagement_axis_and_signatory_in_its_wording(built: Path) -> None:
    pacte = model("allier")
    text = letters(pdf_text(built / "allier" / "pacte.pdf", _furniture("allier")))
    wanted = [e.texte for e in pacte.engagements] + [i.texte for e in pacte.engagements for i in e.items]
    wanted += [n.titre for n in pacte.tous_les_noeuds()]
    wanted += [s.qualite for s in pacte.signatures] + [s.nom for s in pacte.signatures if s.nom]
    wanted += [s.pour for s in pacte.signatures if s.pour]
    # 34 engagements: the source gives the « entreprises du territoire » statements, not engagements.
    assert len(pacte.engagements) == 34 and len(pacte.signatures) == 4 and len(pacte.axes) == 5
    missing = [w for w in wanted if letters(re.sub(r"[*_]", "", w)) not in text]
    assert missing == []


@pytest.mark.parametrize("slug", SLUGS)
def test_golden_rendered_text(built: Path, slug: str, regen: bool) -> None:
    golden(GOLDEN / f"{slug}.txt", html_text((built / slug / "pacte.html").read_text("utf-8")), regen)


def test_structure_is_data() -> None:
    cantal = json.loads(_json("cantal"))
    assert len(cantal["signatures"]) == 17
    deux_sevres = json.loads(_json("deux-sevres"))
    assert len(deux_sevres["axes"]) == 3
    assert sum(len(o["enfants"]) for o in deux_sevres["axes"]) == 14
    assert [a["libelle"] for a in deux_sevres["axes"][2]["enfants"]] == ["Axe 12", "Axe 13", "Axe 14"]
    assert len(json.loads(_json("herault"))["axes"]) == 5
    assert len(json.loads(_json("allier"))["axes"]) == 5


def _json(slug: str) -> str:
    from pactc.render.resolved import resolved_json

    return resolved_json(dossier(slug)).decode("utf-8")


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    again = build_all((str(PACTES / "allier"),), tmp_path)
    assert not again.failed
    for name in ("pacte.pdf", "pacte.html", "pacte.json"):
        assert (tmp_path / "allier" / name).read_bytes() == (built / "allier" / name).read_bytes(), name


def test_templates_and_code_name_no_departement() -> None:
    root = Path(__file__).resolve().parent.parent
    names = ["allier", "hérault", "herault", "deux-sèvres", "deux-sevres", "cantal"]
    templates = (p for p in root.glob("templates/**/*") if p.is_file() and "__pycache__" not in p.parts)
    for path in [*root.glob("pactc/**/*.py"), *templates]:
        text = path.read_text("utf-8").lower()
        assert not [n for n in names if n in text], path


@pytest.mark.parametrize("slug", BOOKS)
def test_fiches_book_is_tagged_and_each_fiche_starts_a_page(built: Path, slug: str) -> None:
    reader = PdfReader(built / slug / "fiches.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr" and "/StructTreeRoot" in root
    book = build_livret(dossier(slug))
    starts = [letters(page.extract_text())[:400] for page in reader.pages]
    for fiche in book.imprimees:
        label = letters(fiche.libelle + re.sub(r"[*_]", "", fiche.titre)[:30])
        assert any(label in start for start in starts), fiche.id
    text = letters(pdf_text(built / slug / "fiches.pdf", []))
    html = (built / slug / "fiches.html").read_text("utf-8")
    annexes = {"index-partenaires": bool(book.index), "qui-fait-quoi": bool(book.matrice),
               "calendrier": bool(book.datees), "completude": True}
    assert {name: f'id="pactc-{name}"' in html for name in annexes} == annexes
    assert letters("Complétude des fiches") in text
    assert "À définir" not in html  # an unknown field is left out, never printed as if it were content


@pytest.mark.parametrize("slug", BOOKS)
def test_books_say_what_they_are_and_leave_no_page_nearly_empty(built: Path, slug: str) -> None:
    programme = dossier(slug).programme
    reader = PdfReader(built / slug / "fiches.pdf")
    cover = reader.pages[0].extract_text().lower()
    if programme.est_un_programme:
        assert "document de travail" not in cover
    else:
        assert "document de travail" in cover and "n’est pas un programme départemental d’insertion" in cover
        assert "programme départemental d’insertion et" not in cover
        assert len(reader.pages) <= 20
    lines = [len([l for l in page.extract_text().splitlines() if l.strip()]) for page in reader.pages]
    # running head, foot and page number aside, every page but the cover carries real content
    assert [i + 1 for i, n in enumerate(lines[1:], 1) if n < 6] == []


@pytest.mark.parametrize("slug", BOOKS)
def test_golden_fiches_text(built: Path, slug: str, regen: bool) -> None:
    golden(GOLDEN / f"{slug}-fiches.txt", html_text((built / slug / "fiches.html").read_text("utf-8")), regen)


def test_allier_fiches_carry_every_objective_action_and_piste(built: Path) -> None:
    programme = dossier("allier").programme
    text = letters(pdf_text(built / "allier" / "fiches.pdf", ["Programme Départemental", "Allier (03)"]))
    assert len(programme.fiches) == 16
    wanted = [f.titre for f in programme.fiches] + [o.titre for f in programme.fiches for o in f.objectifs]
    wanted += [a.texte for f in programme.fiches for o in f.objectifs for a in o.actions]
    wanted += [p.texte for f in programme.fiches for p in f.pistes_phares]
    missing = [w for w in wanted if letters(re.sub(r"[*_]", "", w)) not in text]
    assert missing == []


def test_completeness_is_reported_by_check_and_in_the_json() -> None:
    result_notes = [d for d in check_source(discover((str(PACTES / "allier"),))[0][0]).diagnostics
                    if d.code == "PCT070"]
    assert len(result_notes) == 16
    data = json.loads(_json("allier"))
    assert data["pdi"]["fiches"][0]["champs_a_definir"][0] == "pilote"


def test_removing_a_partner_that_a_fiche_uses_fails_at_the_fiche_line(tmp_path: Path) -> None:
    import shutil

    from click.testing import CliRunner

    from pactc.cli import main

    folder = tmp_path / "deux-sevres"
    shutil.copytree(PACTES / "deux-sevres", folder)
    programme = dossier("deux-sevres").programme
    fiche = next(f for f in programme.fiches if f.partenaires_associes)
    partner = fiche.partenaires_associes[0]
    pact = (folder / "pacte.yaml").read_text("utf-8")
    start = pact.index(f"  - id: {partner}\n")
    end = pact.index("\n  - ", start + 5)
    (folder / "pacte.yaml").write_text(pact[:start] + pact[end + 1:], "utf-8")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    line = programme.source.position(fiche.chemin + ("partenaires_associes", 0)).line
    assert re.search(rf"pdi\.yaml:{line}:\d+: error PCT021 partenaire inconnu « {partner} »", result.output)


def test_every_pdf_passes_the_independent_accessibility_checker(built: Path) -> None:
    pdfs = sorted(built.glob("*/*.pdf"))
    # a pact per département, a book per programme, and the bilan of the Allier's (example) monitoring
    assert len(pdfs) == len(SLUGS) + len(BOOKS) + 1
    assert {str(p.relative_to(built)): accessibility_findings(p) for p in pdfs} == {
        str(p.relative_to(built)): [] for p in pdfs}


def test_every_internal_link_has_a_target(built: Path) -> None:
    for page in sorted(built.glob("*/*.html")):
        html = page.read_text("utf-8")
        targets = set(re.findall(r'\bid="([^"]+)"', html))
        dangling = sorted(set(re.findall(r'href="#([^"]+)"', html)) - targets)
        assert dangling == [], page.relative_to(built)


def test_a_programme_error_leaves_the_pact_built(tmp_path: Path) -> None:
    """Documents fail alone: the fiches book is held back and said so, the pact is written."""
    from click.testing import CliRunner

    from pactc.cli import main

    sources = tmp_path / "pactes" / "allier"
    shutil.copytree(PACTES / "allier", sources)
    pdi = sources / "pdi.yaml"
    pdi.write_text(pdi.read_text("utf-8").replace("    axe: pdile-axe-1\n", "    axe: axe-inexistant\n", 1), "utf-8")
    out = tmp_path / "build"
    result = CliRunner().invoke(main, ["build", "--no-pdf", "--out", str(out), str(sources)])
    assert result.exit_code == 1
    assert "non compilé : allier/fiches (erreurs dans" in result.stderr
    assert "non compilé : allier/bilan" in result.stderr
    assert (out / "allier" / "pacte.html").is_file() and not (out / "allier" / "fiches.html").exists()
    # the next build says it again: a dossier with errors is never « à jour »
    again = CliRunner().invoke(main, ["build", "--no-pdf", "--out", str(out), str(sources)])
    assert again.exit_code == 1 and "non compilé : allier/fiches" in again.stderr
