"""Monitoring: the French spreadsheet dialect, the bilan, the workbook round trip, and generated data sets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactc.cli import main
from pactc.dossier import check_source
from pactc.model.suivi import COLONNES_VALEURS, en_retard
from pactc.project import Source, discover
from pactc.render.bilan import bilan, bilan_csv, render_bilan
from pactc.tableur import lire_octets, nombre

from .conftest import PACTES, accessibility_findings

ROOT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).parent / "checks" / "PCT090.ok"  # a pact, a PDI and a clean monitoring set


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


# ---------------------------------------------------------------- the French spreadsheet dialect


@pytest.mark.parametrize(("raw", "separateur"), [
    ("\ufeffindicateur;periode;valeur\nind-a;2019;12,5\n".encode(), ";"),          # Excel FR: BOM, ; and comma
    (b"indicateur;periode;valeur\r\nind-a;2019;12,5\r\n", ";"),             # LibreOffice, no BOM
    (b"indicateur,periode,valeur\nind-a,2019,12.5\n", ","),                 # English dialect
    ("indicateur;periode;valeur\nind-a;2019;12,5\n".encode("cp1252"), ";"),         # an older Excel
])
def test_french_spreadsheet_csv_is_read(raw: bytes, separateur: str) -> None:
    table = lire_octets(raw, Path("v.csv"), "v.csv", ("indicateur", "periode", "valeur"), ("indicateur",))
    assert table.diagnostics == () and table.separateur == separateur
    (ligne,) = table.lignes
    assert ligne.valeur("indicateur") == "ind-a" and nombre(ligne.valeur("valeur")) == 12.5
    assert ligne.ou("valeur").line == 2 and ligne.ou("valeur").column == len("ind-a;2019;") + 1


def test_quoted_cells_keep_separators_quotes_and_line_breaks() -> None:
    raw = b'a;b\n"un ; deux";"il dit ""oui""\nsur deux lignes"\nx;y\n'
    table = lire_octets(raw, Path("t.csv"), "t.csv", ("a", "b"), ("a",))
    assert [(line.valeur("a"), line.valeur("b")) for line in table.lignes] == [
        ("un ; deux", 'il dit "oui"\nsur deux lignes'), ("x", "y")]
    assert table.lignes[1].position.line == 4


@pytest.mark.parametrize(("texte", "valeur"), [("12", 12.0), ("12,5", 12.5), ("1 234,5", 1234.5),
                                               ("1\u202f234", 1234.0), ("45 %", 45.0), ("-3", -3.0),
                                               ("abc", None), ("12,5,3", None), ("", None)])
def test_numbers_as_french_spreadsheets_write_them(texte: str, valeur: float | None) -> None:
    assert nombre(texte) == valeur


# ---------------------------------------------------------------- the bilan


def _allier():
    sources, _ = discover((str(PACTES / "allier"),))
    result = check_source(sources[0])
    assert result.dossier is not None and result.dossier.suivi is not None
    return result.dossier


def test_late_is_computed_from_the_calendar_never_stored() -> None:
    assert en_retard((2014, 2015), "en_cours", "2016-06-30")
    assert not en_retard((2014, 2015), "en_cours", "2015-06-30")
    assert en_retard((2015, 2016), "non_demarree", "2016-01-10")
    assert not en_retard((2014, 2015), "realisee", "2020-01-01")
    assert not en_retard((2014, 2015), "abandonnee", "2020-01-01")
    assert not en_retard((), "en_cours", "2020-01-01")


def test_the_example_bilan_says_where_each_fiche_stands() -> None:
    dossier = _allier()
    vue = bilan(dossier, "2016-06-30")
    etats = {f.fiche.id: f.statut_en_mots for f in vue.fiches}
    assert etats["pdile-1-1-observer-mutations"] == "en cours, en retard"      # calendar 2014-2015
    assert etats["pdile-2-1-gestion-droits"] == "en cours"                       # calendar to 2017
    assert etats["pdile-3-2-mobilite-sante"] == "suspendue"
    assert etats["pdile-4-4-liens-entreprises"] == "abandonnée"
    assert etats["pdile-1-2-faire-connaitre-faire-exprimer"] == "non renseigné"
    delai = next(i for f in vue.fiches for i in f.indicateurs if i.indicateur.id == "delai-instruction")
    assert delai.etat == "en_deca" and [ligne.ecart for ligne in delai.lignes][:2] == [2.0, 1.5]  # goal: down
    iae = next(i for f in vue.fiches for i in f.indicateurs if i.indicateur.id == "salaries-iae")
    assert iae.etat == "atteint"
    assert any("aucun avancement saisi" in m for m in vue.manquantes)


def test_a_bilan_is_rebuilt_as_it_was_on_an_earlier_date() -> None:
    dossier = _allier()
    earlier = bilan(dossier, "2015-06-30")
    mutations = next(f for f in earlier.fiches if f.fiche.id == "pdile-1-1-observer-mutations")
    assert mutations.part == 40 and not mutations.retard           # the 2016 entry did not exist yet
    diagnostics = next(i for i in mutations.indicateurs if i.indicateur.id == "diagnostics-territoriaux")
    assert [ligne.realise for ligne in diagnostics.lignes] == [2.0, None]  # 2015's value was entered in 2016


def test_the_bilan_page_and_csv_say_status_in_words_and_mark_example_data() -> None:
    dossier = _allier()
    html = _plain(render_bilan(dossier, "2016-06-30", font_base=""))
    assert "Données d’exemple fictives" in html
    assert "État : en cours, en retard" in html and 'role="img"' in html and "<title" in html
    rows = bilan_csv(dossier, "2016-06-30").decode("utf-8-sig").splitlines()
    assert rows[0] == "fiche;libelle;statut;en_retard;indicateur;annee;cible;realise;estimation;ecart;etat"
    assert any(r.startswith("pdile-2-1-gestion-droits;") and ";2015;35;36,5;;1,5;" in r for r in rows)


def test_the_example_bilan_is_built_by_the_main_job(built: Path) -> None:
    from .rendered_text import letters, pdf_text

    pdf = built / "allier" / "bilan.pdf"
    assert pdf.is_file() and (built / "allier" / "bilan.csv").is_file()
    assert accessibility_findings(pdf) == []
    text = letters(pdf_text(pdf, []))
    assert letters("Données d’exemple fictives") in text and letters("Au 30 juin 2016") in text
    assert "allier/bilan.html" in (built / "index.html").read_text("utf-8")


# ---------------------------------------------------------------- the workbook


def _copie(tmp_path: Path) -> Path:
    dossier = tmp_path / "allier"
    shutil.copytree(PACTES / "allier", dossier)
    return dossier


def _rows(path: Path) -> list[str]:
    return sorted(path.read_text("utf-8-sig").replace("\r\n", "\n").splitlines())


def test_workbook_round_trip_keeps_the_data(tmp_path: Path) -> None:
    dossier = _copie(tmp_path)
    before = {name: _rows(dossier / "suivi" / name) for name in ("valeurs.csv", "avancement.csv")}
    classeur = tmp_path / "suivi.xlsx"
    assert CliRunner().invoke(main, ["suivi", "modele", str(dossier), "--out", str(classeur)]).exit_code == 0
    result = CliRunner().invoke(main, ["suivi", "importer", str(dossier), str(classeur)])
    assert result.exit_code == 0, result.output
    assert {name: _rows(dossier / "suivi" / name) for name in before} == before


def test_a_filled_workbook_is_imported_and_checked(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    dossier = _copie(tmp_path)
    classeur = tmp_path / "suivi.xlsx"
    CliRunner().invoke(main, ["suivi", "modele", str(dossier), "--out", str(classeur)])
    wb = load_workbook(classeur)
    valeurs = wb["Valeurs"]
    row = next(r for r in valeurs.iter_rows(min_row=2) if r[0].value == "aides-mobilite" and r[1].value == 2016)
    row[3].value, row[6].value = 162.5, "2017-01-10"
    wb.save(classeur)
    ok = CliRunner().invoke(main, ["suivi", "importer", str(dossier), str(classeur)])
    assert ok.exit_code == 0, ok.output
    assert "aides-mobilite;2016;réalisé;162,5;;;2017-01-10" in _rows(dossier / "suivi" / "valeurs.csv")
    row[3].value = "beaucoup"
    wb.save(classeur)
    bad = CliRunner().invoke(main, ["suivi", "importer", str(dossier), str(classeur)])
    assert bad.exit_code == 1 and "PCT094" in bad.output and "valeurs.csv:" in bad.output
    broken = tmp_path / "pas-un-classeur.xlsx"
    broken.write_bytes(b"ceci n'est pas un classeur")
    refused = CliRunner().invoke(main, ["suivi", "importer", str(dossier), str(broken)])
    assert refused.exit_code == 2 and "XLSX" in refused.stderr and "Traceback" not in refused.output


# ---------------------------------------------------------------- an independent validator


def test_frictionless_validates_the_csv_files_against_their_table_schemas(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from frictionless import Resource, Schema, formats

    def valid(folder: Path, name: str, schema: str) -> bool:
        descriptor = json.loads((ROOT / "schemas" / f"{schema}.tableschema.json").read_text("utf-8"))
        descriptor.pop("$comment")
        monkeypatch.chdir(folder)  # frictionless reads relative paths only
        resource = Resource(path=name, schema=Schema.from_descriptor(descriptor),
                            control=formats.CsvControl(delimiter=";"))
        return bool(resource.validate().valid)

    suivi = PACTES / "allier" / "suivi"
    assert valid(suivi, "valeurs.csv", "valeurs") and valid(suivi, "avancement.csv", "avancement")
    (tmp_path / "avancement.csv").write_text("fiche;date;statut\nune-fiche;2016-13-01;en retard\n", "utf-8")
    assert not valid(tmp_path, "avancement.csv", "avancement")


# ---------------------------------------------------------------- generated monitoring sets


CELLS = st.sampled_from(["bassins-observes", "inconnu", "2018", "2030", "18", "réalisé", "cible", "estimation",
                         "truc", "2", "2,5", "deux", "", "2019-01-15", "2019-13-40", '"a;b"', "en cours",
                         "abandonnée", "réalisée", "en retard", "fiche-observer", "-1", "150", "1 234,5"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(valeurs=st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=6),
       avancement=st.lists(st.lists(CELLS, min_size=0, max_size=8), max_size=6),
       separateur=st.sampled_from([";", ","]), bom=st.booleans())
def test_a_generated_monitoring_set_checks_clean_and_renders_or_gives_diagnostics(
        tmp_path_factory: pytest.TempPathFactory, valeurs: list[list[str]], avancement: list[list[str]],
        separateur: str, bom: bool) -> None:
    folder = tmp_path_factory.mktemp("suivi") / "cas"
    shutil.copytree(BASE, folder)
    for name, entete, rows in (("valeurs.csv", COLONNES_VALEURS, valeurs),
                               ("avancement.csv", ("fiche", "date", "statut", "part_realisee", "motif",
                                                   "commentaire"), avancement)):
        text = "\n".join(separateur.join(r) for r in [list(entete), *rows]) + "\n"
        (folder / "suivi" / name).write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    result = check_source(Source("cas", folder, folder / "pacte.yaml"))  # never raises
    errors = [d for d in result.diagnostics if d.severity.value == "error"]
    if result.dossier is not None and not errors:
        assert "<main>" in render_bilan(result.dossier, "2020-06-30", font_base="")
        bilan_csv(result.dossier, "2020-06-30")
    else:
        assert result.diagnostics and all(d.line >= 0 and d.code.startswith("PCT") for d in result.diagnostics)
