"""Word processors: every document exports to ODT and DOCX with real structure, and LibreOffice opens them."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pactc.cli import main

from .conftest import PACTES
from .fidelity import DOCUMENTS, SEEDS, compare, seed_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FICHIERS = [f"{slug}/{doc}.{fmt}" for slug in ("allier", "cantal", "deux-sevres", "herault")
            for doc in ("pacte", "fiches") for fmt in ("odt", "docx")]


@pytest.fixture(scope="module")
def exporte(built: Path) -> Path:
    """The session's build of the repository, which writes ODT and DOCX too."""
    return built


def _unique(name: str) -> str:
    """« allier/pacte.odt » → « allier-pacte-odt »: a name no other export shares, once converted to PDF."""
    return name.replace("/", "-").replace(".", "-")


def _docx_paragraphes(path: Path) -> list[tuple[str, str]]:
    import docx

    document = docx.Document(str(path))
    result = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                # a cell reads as one block, as a signature box does on the page
                result.append(("cellule", " ".join(p.text for p in cell.paragraphs)))
    return result


def _odt_paragraphes(path: Path) -> list[str]:
    from odfdo import Document

    document = Document(str(path))
    hors_tableaux = [str(p).strip() for p in document.body.get_elements("//text:p | //text:h")
                     if not any(a.tag == "table:table-cell" for a in _ancetres(p))]
    cellules = [" ".join(str(p) for p in c.get_elements("text:p")) for c in document.body.get_elements(
        "//table:table-cell")]
    return hors_tableaux + cellules


def _ancetres(element: Any) -> list[Any]:
    result = []
    parent = element.parent
    while parent is not None:
        result.append(parent)
        parent = parent.parent
    return result


def test_every_printable_document_is_exported_and_the_export_is_reproducible(exporte: Path, tmp_path: Path) -> None:
    for name in FICHIERS:
        assert (exporte / name).is_file(), name
    again = tmp_path / "encore"
    CliRunner().invoke(main, ["build", "-q", "--no-pdf", "--odt", "--docx", "--out", str(again), str(PACTES)])
    for name in FICHIERS:
        assert (again / name).read_bytes() == (exporte / name).read_bytes(), name
    assert not list(exporte.glob("*/donnees.odt")), "the open data is not a text to export"


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_the_exported_text_holds_every_signed_sentence_whole(exporte: Path, document: str, fmt: str) -> None:
    seed, folder, page = DOCUMENTS[document]
    if not (SEEDS / seed).is_file():
        pytest.fail(f"sources absentes : {SEEDS / seed}")
    path = exporte / folder / page.replace(".html", f".{fmt}")
    lines = [t for _, t in _docx_paragraphes(path)] if fmt == "docx" else _odt_paragraphes(path)
    as_html = "<html><body><main>" + "".join(f"<p>{html.escape(t)}</p>" for t in lines) + "</main></body></html>"
    assert compare(seed_text(document), as_html).missing == [], "phrases signées absentes ou coupées"


def test_docx_structure_headings_lists_tables_language_and_table_of_contents(exporte: Path) -> None:
    import docx

    path = exporte / "cantal" / "pacte.docx"
    paragraphes = _docx_paragraphes(path)
    styles = [s for s, _ in paragraphes]
    page = (exporte / "cantal" / "pacte.html").read_text("utf-8").split("</nav>", 1)[1]
    assert styles.count("Heading 1") == page.count("<h2") and styles.count("Heading 2") == page.count("<h3")
    assert ("Heading 2", "Orientation 1 — Renforcer l’accompagnement socioprofessionnel") in paragraphes
    assert sum(s == "pactc Engagement" for s in styles) == 7  # the seven common engagements, as a numbered list
    document = docx.Document(str(path))
    legendes = [t._tbl.tblPr.find(f"{W}tblCaption") for t in document.tables]
    noms = {c.get(f"{W}val") for c in legendes if c is not None}
    assert noms == {"pactc Signatures", "pactc Glossaire"}
    signatures = next(t for t, c in zip(document.tables, legendes, strict=True)
                      if c is not None and "Signatures" in c.get(f"{W}val"))
    assert "Pour Etat" in signatures.cell(0, 0).text and "Le Préfet du Cantal" in signatures.cell(0, 0).text
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert 'TOC \\o "1-3"' in xml and "w:dirty" in xml
    assert 'w:val="fr-FR"' in zipfile.ZipFile(path).read("word/styles.xml").decode("utf-8")
    assert document.core_properties.language == "fr-FR"
    assert ("toc 2", "Orientation 1 — Renforcer l’accompagnement socioprofessionnel") in paragraphes


def test_odt_structure_headings_filled_table_of_contents_lists_tables_language(exporte: Path) -> None:
    from odfdo import Document

    document = Document(str(exporte / "allier" / "pacte.odt"))
    titres = [str(h).strip() for h in document.body.headers]
    assert "Préambule" in titres and len(titres) > 20
    sommaire = document.body.get_toc()
    assert sommaire is not None
    entrees = [str(p).strip() for p in sommaire.body.get_elements("text:p")] if sommaire.body is not None else []
    assert "Préambule" in entrees and not any(e[:1].isdigit() and ". " in e[:6] for e in entrees)
    assert document.body.get_lists() and document.body.get_tables()
    styles = zipfile.ZipFile(exporte / "allier" / "pacte.odt").read("styles.xml").decode("utf-8")
    assert 'fo:language="fr"' in styles and 'style:num-format="1"' not in styles.split("text:outline-style")[1]
    assert document.meta.language == "fr-FR"


def test_the_avenant_and_the_comparatif_export_too(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "revision-cantal"
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(fixture / "signee"), str(fixture / "revisee"), "--odt",
                                  str(tmp_path / "comparatif.odt"), "--docx", str(tmp_path / "comparatif.docx")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["avenant", str(fixture / "signee"), str(fixture / "revisee"),
                                  "--odt", str(tmp_path / "avenant.odt"), "--docx", str(tmp_path / "avenant.docx")])
    assert result.exit_code == 0, result.output
    texte = " ".join(t for _, t in _docx_paragraphes(tmp_path / "avenant.docx"))
    assert "Article 1er" in texte and "deviennent respectivement" in texte
    odt = " ".join(_odt_paragraphes(tmp_path / "avenant.odt"))
    assert "Union Départementale des Associations Familiales du Cantal" in odt
    assert (tmp_path / "comparatif.docx").stat().st_size > 0 and (tmp_path / "comparatif.odt").stat().st_size > 0


def test_libreoffice_opens_and_converts_every_export(exporte: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice absent : lancez .ci/test-tools (paquet Debian libreoffice-writer-nogui)")
    from pypdf import PdfReader

    profil = (tmp_path / "profil").as_uri()
    # One LibreOffice for every file (its start-up is most of the time): each file under a name of its own.
    copies = tmp_path / "copies"
    copies.mkdir()
    for name in FICHIERS:
        shutil.copy(exporte / name, copies / f"{_unique(name)}.{name.rsplit('.', 1)[1]}")
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation={profil}", "--convert-to", "pdf",
                           "--outdir", str(tmp_path / "pdf"), *sorted(str(p) for p in copies.iterdir())],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in FICHIERS:
        pdf = tmp_path / "pdf" / f"{_unique(name)}.pdf"
        assert pdf.is_file(), name + proc.stdout + proc.stderr
        reader = PdfReader(pdf)
        assert len(reader.pages) >= 2, name
        first_pages = " ".join(page.extract_text() for page in reader.pages[:3])
        assert "Sommaire" in first_pages, name


def test_the_table_of_contents_works_once_the_word_processor_updates_it(exporte: Path, tmp_path: Path) -> None:
    """Opened in LibreOffice and updated (Outils › Mettre à jour › Tout, as Word does on opening): every entry
    has its dotted leader and its page number, in both formats."""
    import socket

    python = Path("/usr/bin/python3")
    if not python.exists() or subprocess.run([str(python), "-c", "import uno"], capture_output=True).returncode:
        pytest.fail("python3-uno absent : lancez .ci/test-tools (paquet Debian python3-uno)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pairs = []
    for fmt in ("odt", "docx"):
        pairs += [str(exporte / "cantal" / f"pacte.{fmt}"), str(tmp_path / f"{fmt}.pdf")]
    proc = subprocess.run([str(python), str(Path(__file__).parent / "lo_sommaire.py"), str(port),
                           (tmp_path / "profil").as_uri(), *pairs], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    from pypdf import PdfReader

    for fmt in ("odt", "docx"):
        sommaire = PdfReader(tmp_path / f"{fmt}.pdf").pages[1].extract_text()
        lignes = [ligne for ligne in sommaire.splitlines() if "Orientation 1" in ligne or "UNE APPROCHE" in ligne]
        assert lignes and all(re.search(r"\.{5,}\s*\d+$", ligne) for ligne in lignes), (fmt, sommaire[:500])
