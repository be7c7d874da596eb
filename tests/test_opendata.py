"""The open-data twin: packages validated by the real frictionless, the published schema, themes, the national view."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pactc.cli import main
from pactc.dossier import check_source
from pactc.opendata import TABLES, nombre, paquet_du_dossier
from pactc.opendata_schema import artefact
from pactc.project import discover
from pactc.themes import THEMES, TYPES_PARTENAIRES

from .conftest import PACTES, golden

ROOT = Path(__file__).resolve().parent.parent
ARTEFACT = ROOT / "schemas" / "opendata"


def _validate(descriptor: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from frictionless import Package

    monkeypatch.chdir(descriptor.parent)  # frictionless reads the resources' relative paths only
    return Package(descriptor.name).validate()


def _errors(report: Any) -> list[str]:
    return [f"{task.name}: {error.type}: {error.note}" for task in report.tasks for error in task.errors]


@pytest.fixture(scope="module")
def build(built: Path) -> Path:
    """The session's build of the repository (its open data and national site among its outputs)."""
    return built


# ---------------------------------------------------------------- the packages, validated by frictionless


@pytest.mark.parametrize("package", ["donnees", "allier/donnees", "cantal/donnees", "deux-sevres/donnees",
                                     "herault/donnees"])
def test_frictionless_validates_each_package_and_the_national_one(build: Path, package: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    report = _validate(build / package / "datapackage.json", monkeypatch)
    assert report.valid, _errors(report)
    assert {task.name for task in report.tasks} == set(TABLES)


def test_a_broken_foreign_key_fails(build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "paquet"
    shutil.copytree(build / "donnees", copy)
    table = copy / "engagements_partenaires.csv"
    text = table.read_text("utf-8")
    first = text.splitlines()[1]
    table.write_text(text.replace(first, first.split(",")[0] + ",pti-allier-2018-2021:partenaire-inconnu", 1), "utf-8")
    report = _validate(copy / "datapackage.json", monkeypatch)
    assert not report.valid
    assert any(e.type == "foreign-key" for task in report.tasks for e in task.errors), _errors(report)


def test_the_national_package_is_the_departements_packages_together(build: Path) -> None:
    for name in TABLES:
        national = (build / "donnees" / f"{name}.csv").read_text("utf-8").splitlines()
        parts = [(build / slug / "donnees" / f"{name}.csv").read_text("utf-8").splitlines()
                 for slug in ("allier", "cantal", "deux-sevres", "herault")]
        assert national == [parts[0][0], *(line for part in parts for line in part[1:])]


def test_the_packages_state_licence_version_and_leave_out_names_and_placeholders(build: Path) -> None:
    descriptor = json.loads((build / "donnees" / "datapackage.json").read_text("utf-8"))
    assert descriptor["licenses"][0]["name"] == "etalab-2.0" and descriptor["version"] == "0.1.0"
    signatures = list(csv.DictReader(io.StringIO((build / "donnees" / "signatures.csv").read_text("utf-8"))))
    assert signatures and all(row["nom"] == "" for row in signatures)
    assert "VIGNON" not in (build / "cantal" / "donnees" / "signatures.csv").read_text("utf-8")
    for table in (build / "donnees").glob("*.csv"):
        assert not re.search("à définir", table.read_text("utf-8"), re.IGNORECASE), table.name
    # The Allier's monitoring data are an example: never published as the département's.
    assert (build / "allier" / "donnees" / "valeurs.csv").read_text("utf-8").count("\n") == 1
    assert "données d’exemple" in (build / "allier" / "donnees.html").read_text("utf-8")


def test_names_are_published_only_on_request(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["opendata", str(PACTES / "cantal"), "--out", str(tmp_path / "a")]).exit_code == 0
    assert "VIGNON" not in (tmp_path / "a" / "signatures.csv").read_text("utf-8")
    result = runner.invoke(main, ["opendata", str(PACTES / "cantal"), "--out", str(tmp_path / "b"), "--noms"])
    assert result.exit_code == 0, result.output
    assert "Richard VIGNON" in (tmp_path / "b" / "signatures.csv").read_text("utf-8")


def test_opendata_refuses_a_pact_with_errors(tmp_path: Path) -> None:
    shutil.copytree(PACTES / "herault", tmp_path / "herault")
    pact = tmp_path / "herault" / "pacte.yaml"
    pact.write_text(pact.read_text("utf-8").replace("categorie: signataires-protocole", "categorie: inconnue", 1),
                    "utf-8")
    result = CliRunner().invoke(main, ["opendata", str(tmp_path / "herault"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "PCT025" in result.stderr and not (tmp_path / "out").exists()


def test_the_engagements_carry_the_signed_text_whole_and_the_printed_number() -> None:
    sources, _ = discover((str(PACTES / "allier"),))
    dossier = check_source(sources[0]).dossier
    assert dossier is not None
    rows = {r["engagement"]: r for r in csv.DictReader(io.StringIO(
        paquet_du_dossier(dossier)["engagements.csv"].decode("utf-8")))}
    source = yaml.safe_load((PACTES / "allier" / "pacte.yaml").read_text("utf-8"))
    for e in source["engagements"]:
        row = rows[f"pti-allier-2018-2021:{e['id']}"]
        assert row["texte"].startswith(e["texte"].strip())
        for item in e.get("items", []):
            assert f"- {(item if isinstance(item, str) else item['texte']).strip()}" in row["texte"]
    pe = rows["pti-allier-2018-2021:pe-echanges-donnees"]
    assert (pe["numero"], pe["titulaire"], pe["commun"]) == ("3", "pti-allier-2018-2021:pole-emploi", "false")


# ---------------------------------------------------------------- the published schema


def test_the_published_schema_is_what_pactc_generates(regen: bool) -> None:
    sources, _ = discover((str(ARTEFACT / "exemple" / "source"),))
    result = check_source(sources[0])
    assert result.dossier is not None and not result.diagnostics
    files = artefact(result.dossier)
    for name, data in files.items():
        golden(ARTEFACT / name, data.decode("utf-8"), regen)
    expected = {str(p.relative_to(ARTEFACT)) for p in ARTEFACT.rglob("*") if p.is_file()
                and "source" not in p.parts and p.name != "CHANGELOG.md"}
    assert expected == set(files), "fichier de schemas/opendata/ que pactc ne produit pas, ou manquant"
    assert (ARTEFACT / "CHANGELOG.md").read_text("utf-8").count("## 0.1.0") == 1


def test_the_published_schema_and_its_example_are_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    from frictionless import Schema

    for name in TABLES:
        descriptor = json.loads((ARTEFACT / name / "schema.json").read_text("utf-8"))
        report = Schema.validate_descriptor(descriptor)
        assert report.valid, [e.note for e in report.errors]
        assert descriptor["version"] == "0.1.0" and descriptor["licenses"][0]["name"] == "etalab-2.0"
    broken = json.loads((ARTEFACT / "axes" / "schema.json").read_text("utf-8"))
    broken["fields"][0]["type"] = "chaine"
    assert not Schema.validate_descriptor(broken).valid
    report = _validate(ARTEFACT / "datapackage.json", monkeypatch)
    assert report.valid, _errors(report)
    assert all(task.stats["rows"] for task in report.tasks), "chaque table de l'exemple a au moins une ligne"


def test_a_schema_with_a_bad_value_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ARTEFACT, tmp_path / "opendata", ignore=shutil.ignore_patterns("source"))
    pactes = tmp_path / "opendata" / "exemple" / "pactes.csv"
    pactes.write_text(pactes.read_text("utf-8").replace(',"03",', ",99,").replace(",03,", ",99,"), "utf-8")
    report = _validate(tmp_path / "opendata" / "datapackage.json", monkeypatch)
    assert not report.valid and any(e.type == "constraint-error" for t in report.tasks for e in t.errors)


# ---------------------------------------------------------------- themes


def test_the_schema_vocabulary_is_the_themes_module() -> None:
    schema = json.loads((ROOT / "schemas" / "pacte.schema.json").read_text("utf-8"))
    for definition in ("noeud", "engagement"):
        assert schema["$defs"][definition]["properties"]["themes"]["items"]["enum"] == list(THEMES)
    assert schema["$defs"]["partenaire"]["properties"]["type"]["enum"] == list(TYPES_PARTENAIRES)


def test_an_unknown_theme_is_flagged_with_a_suggestion(tmp_path: Path) -> None:
    shutil.copytree(PACTES / "cantal", tmp_path / "cantal")
    pact = tmp_path / "cantal" / "pacte.yaml"
    pact.write_text(pact.read_text("utf-8").replace("themes: [iae]", "themes: [emplois]", 1), "utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "cantal")])
    assert result.exit_code == 1 and "emplois" in result.output and "emploi" in result.output


def test_themes_are_never_printed(build: Path, tmp_path: Path) -> None:
    for slug in ("cantal", "allier"):
        shutil.copytree(PACTES / slug, tmp_path / "sans" / slug)
        for name in ("pacte.yaml", "pdi.yaml"):
            source = tmp_path / "sans" / slug / name
            source.write_text(re.sub(r"(?m)^ *themes: \[.*\]\n", "", source.read_text("utf-8")), "utf-8")
            assert "themes:" not in source.read_text("utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "-q", "--no-pdf", "--out", str(out), str(tmp_path / "sans")])
    assert result.exit_code == 0, result.output
    for page in ("cantal/pacte.html", "cantal/fiches.html", "allier/pacte.html", "allier/fiches.html"):
        assert (out / page).read_bytes() == (build / page).read_bytes(), page


# ---------------------------------------------------------------- the national view, against the data


def _theme_counts_from_the_sources() -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]:
    """Counted straight from the YAML, independently of pactc: engagements by their themes, fiches by their axes'."""
    engagements: dict[tuple[str, str], int] = {}
    actions: dict[tuple[str, str], int] = {}
    for folder in sorted(p for p in PACTES.iterdir() if (p / "pacte.yaml").is_file()):
        pacte = yaml.safe_load((folder / "pacte.yaml").read_text("utf-8"))
        nom = pacte["pacte"]["departement"]["nom"]
        for e in pacte.get("engagements", []):
            for t in e.get("themes", []):
                engagements[t, nom] = engagements.get((t, nom), 0) + 1
        themes: dict[str, set[str]] = {}

        def walk(nodes: list[dict[str, Any]], above: set[str], themes: dict[str, set[str]] = themes) -> None:
            for n in nodes:
                themes[n["id"]] = above | set(n.get("themes", []))
                walk(n.get("enfants", []), themes[n["id"]], themes)

        walk(pacte.get("axes", []), set())
        if (folder / "pdi.yaml").is_file():
            pdi = yaml.safe_load((folder / "pdi.yaml").read_text("utf-8"))
            walk(pdi.get("axes", []), set())
            for f in pdi.get("fiches", []):
                for t in themes[f["axe"]]:
                    actions[t, nom] = actions.get((t, nom), 0) + 1
    return engagements, actions


def _table(page: str, caption: str) -> dict[tuple[str, str], int]:
    body = page.split(f">{caption}</caption>", 1)[1].split("</table>", 1)[0]
    head = [html.unescape(re.sub("<[^>]+>", "", c)).strip() for c in re.findall(r"<th scope=\"col\">(.*?)</th>",
                                                                                  body.split("</thead>")[0])]
    cells: dict[tuple[str, str], int] = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1], re.S):
        values = [html.unescape(re.sub(r"<span class=\"sr\">.*?</span>|<[^>]+>", "", c)).strip()
                  for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        label = next(k for k, v in THEMES.items() if v[0] == values[0])
        for departement, value in zip(head[1:-1], values[1:-1], strict=True):
            cells[label, departement.rsplit(" (", 1)[0]] = int(value)
    return cells


def test_the_theme_table_is_right_against_the_data(build: Path) -> None:
    page = (build / "index.html").read_text("utf-8")
    engagements, actions = _theme_counts_from_the_sources()
    shown_e = _table(page, "Engagements par thème et par département")
    shown_a = _table(page, "Fiches actions par thème et par département")
    assert {k: v for k, v in shown_e.items() if v} == engagements
    assert {k: v for k, v in shown_a.items() if v} == actions
    assert len(shown_e) == len(THEMES) * 4 and sum(engagements.values()) > 40 and sum(actions.values()) > 40


def test_each_theme_page_lists_the_engagements_with_departement_and_number(build: Path) -> None:
    page = html.unescape((build / "themes" / "logement.html").read_text("utf-8")).replace("’", "'")
    assert 'id="allier"' in page and "Engagement n° 5 — Services de l" in page
    assert "Favoriser l'accès des bénéficiaires du RSA et des publics en difficulté" in page
    assert 'href="../allier/pacte.html"' in page
    partenaires = html.unescape((build / "partenaires.html").read_text("utf-8"))
    assert "Cantal (15)" in partenaires and "Signataires" in partenaires


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_numbers_are_written_exactly_with_a_decimal_point(value: float) -> None:
    text = nombre(value)
    assert "e" not in text and "," not in text and float(text) == value


def test_the_partner_type_table_is_right_against_the_data(build: Path) -> None:
    """Counted from the YAML, independently of pactc: partners of each type in each pact."""
    expected: dict[tuple[str, str], int] = {}
    for folder in sorted(p for p in PACTES.iterdir() if (p / "pacte.yaml").is_file()):
        pacte = yaml.safe_load((folder / "pacte.yaml").read_text("utf-8"))
        for partenaire in pacte["partenaires"]:
            cle = (TYPES_PARTENAIRES[partenaire["type"]], pacte["pacte"]["departement"]["nom"])
            expected[cle] = expected.get(cle, 0) + 1
    page = html.unescape((build / "partenaires.html").read_text("utf-8"))
    body = page.split(">Partenaires par type et par département</caption>", 1)[1].split("</table>", 1)[0]
    head = [re.sub("<[^>]+>", "", c).rsplit(" (", 1)[0]
            for c in re.findall(r'<th scope="col">(.*?)</th>', body.split("</thead>")[0])][1:]
    shown = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1], re.S):
        cells = [re.sub("<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for departement, value in zip(head, cells[1:], strict=True):
            if int(value):
                shown[cells[0], departement] = int(value)
    assert shown == expected and sum(expected.values()) == 52
