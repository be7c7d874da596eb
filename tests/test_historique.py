"""Versions in force: the consolidated pact at a date, its history, and the checks of recorded revisions.

The repository is built by tests/scenarios/historique.py: the Allier pact as signed, then two
FICTITIOUS avenants (signed 2020-09-01 in force 2020-10-01; signed 2021-03-01 in force 2021-06-01).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pactc.avenant.consolidation import chronique, consolider
from pactc.avenant.historique import HistoriqueError
from pactc.cli import main
from pactc.diff.versions import read_version
from pactc.render.resolved import resolved_json

from .scenarios import historique

CHEMIN = "pactes/allier"


@pytest.fixture(scope="module")
def depot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return historique.depot(tmp_path_factory.mktemp("historique"))


@pytest.fixture
def dans_le_depot(depot: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(depot)
    return depot


def _plain(text: str) -> str:
    """``text`` with its no-break spaces (French typography) read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _texte(revision: str) -> bytes:
    dossier = next(iter(read_version(f"{revision}:{CHEMIN}").results.values())).dossier
    assert dossier is not None
    return resolved_json(dossier)


@pytest.mark.parametrize(("date", "revision", "a_venir"), [
    ("2019-06-01", "pacte-signe", []),
    ("2020-09-15", "pacte-signe", [1]),     # avenant 1 signed, not yet in force
    ("2020-12-01", "avenant-1", []),        # between the two avenants
    ("2021-04-01", "avenant-1", [2]),       # avenant 2 signed, in force on 2021-06-01: listed, not applied
    ("2021-07-01", "avenant-2", []),
])
def test_the_version_at_a_date_is_the_text_of_the_right_revision(dans_le_depot: Path, date: str, revision: str,
                                                                 a_venir: list[int]) -> None:
    consolidation = consolider(CHEMIN, date)
    assert resolved_json(consolidation.dossier) == _texte(revision)
    assert [v.rang for v in consolidation.situation.a_venir] == a_venir
    others = {r for r in ("pacte-signe", "avenant-1", "avenant-2") if r != revision}
    assert all(_texte(r) != _texte(revision) for r in others)  # the three texts do differ


def test_a_date_before_the_signature_is_a_clear_error(dans_le_depot: Path) -> None:
    with pytest.raises(HistoriqueError, match="pas encore signé"):
        consolider(CHEMIN, "2018-01-01")
    result = CliRunner().invoke(main, ["consolider", CHEMIN, "--au", "2018-01-01"])
    assert result.exit_code == 2 and "pas encore signé" in result.stderr and "Traceback" not in result.output
    bad = CliRunner().invoke(main, ["consolider", CHEMIN, "--au", "2018-02-30"])
    assert bad.exit_code == 2 and "AAAA-MM-JJ" in bad.stderr


def test_two_avenants_on_the_same_day_apply_in_the_order_of_their_numbers(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    repo = historique.depot(tmp_path, meme_jour=True)
    monkeypatch.chdir(repo)
    consolidation = consolider(CHEMIN, "2020-09-01")
    assert [v.rang for v in consolidation.situation.appliquees] == [0, 1, 2]
    assert resolved_json(consolidation.dossier) == _texte("avenant-2")
    # neither is lost: each unit names the avenant that changed it
    assert [rang for _, rang in consolidation.mentions["cd-contrats-emploi-competence"]] == [1]
    assert [rang for _, rang in consolidation.mentions["region-former-pour-l-emploi"]] == [2]
    assert consolider(CHEMIN, "2020-08-31").situation.en_vigueur.rang == 0


def test_the_consolidated_pages_say_what_changed_and_link_the_avenants(dans_le_depot: Path, tmp_path: Path) -> None:
    from .conftest import accessibility_findings

    out = tmp_path / "sortie"
    result = CliRunner().invoke(main, ["consolider", CHEMIN, "--au", "2021-04-01", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "À venir : Avenant n° 2 du 1er mars 2021" in _plain(result.output)
    html = _plain((out / "consolide-2021-04-01.html").read_text("utf-8"))
    assert "Version consolidée au 1er avril 2021" in html
    assert '<a href="avenant-1.html">Modifié par l’avenant n° 1 du 1er septembre 2020</a>' in html
    assert "Versions du pacte" in html and "à venir" in html
    assert "avenant n° 2" not in html.split("Versions du pacte")[0].lower()  # not applied
    assert "À l’engagement n° 3 du Conseil départemental" in _plain((out / "avenant-1.html").read_text("utf-8"))
    assert accessibility_findings(out / "consolide-2021-04-01.pdf") == []


def test_history_per_unit_in_text_and_json(dans_le_depot: Path) -> None:
    import json

    versions, changements = chronique(CHEMIN)
    assert [v.libelle for v in versions] == ["Pacte signé", "Avenant n° 1", "Avenant n° 2"]
    assert [_plain(t) for t, _ in changements["axe-prevenir-reperer"]] == \
        ["Renuméroté par l’avenant n° 1 du 1er septembre 2020"]
    result = CliRunner().invoke(main, ["historique", CHEMIN, "--format", "json",
                                       "--unite", "comite-pilotage-insertion"])
    data = json.loads(_plain(result.output))
    assert [v["revision"] for v in data["versions"]] == ["pacte-signe", "avenant-1", "avenant-2"]
    assert data["unites"] == {"comite-pilotage-insertion": [
        {"avenant": 2, "changement": "Modifié par l’avenant n° 2 du 1er mars 2021"}]}
    text = CliRunner().invoke(main, ["historique", CHEMIN, "--unite", "axe-observer-connaitre-piloter"]).output
    assert "inchangé depuis la signature" in text


def test_check_verifies_the_recorded_revisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = historique.depot(tmp_path)
    monkeypatch.chdir(repo)
    clean = CliRunner().invoke(main, ["check", CHEMIN, "--format", "json"])
    assert "PCT084" not in clean.output and "PCT085" not in clean.output
    avenants = repo / CHEMIN / "avenants.yaml"
    avenants.write_text(avenants.read_text("utf-8").replace("revision: avenant-2", "revision: avenant-deux"), "utf-8")
    missing = CliRunner().invoke(main, ["check", CHEMIN])
    assert missing.exit_code == 1 and "PCT084" in missing.output and "git tag avenant-deux" in missing.output
    avenants.write_text(avenants.read_text("utf-8").replace("revision: avenant-deux", "revision: avenant-2"), "utf-8")
    subprocess.run(["git", "tag", "-f", "avenant-1", "pacte-signe"], check=True, capture_output=True)
    moved = CliRunner().invoke(main, ["check", CHEMIN])
    assert moved.exit_code == 1 and "PCT085" in moved.output and "avenant n° 1" in moved.output


def test_without_avenants_the_consolidated_version_is_the_signed_pact(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    consolidation = consolider("pactes/cantal", "2016-01-01")
    assert consolidation.mentions == {} and [v.rang for v in consolidation.versions] == [0]
    assert consolidation.situation.en_vigueur.rang == 0


def _epoch(day: str) -> str:
    import datetime

    return str(int(datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC).timestamp()))


def test_the_build_publishes_the_version_in_force_and_the_history(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from pactc.build import build_all

    repo = historique.depot(tmp_path)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2021-04-01"))
    out = repo / "build"
    first = build_all((CHEMIN,), out, pdf=False)
    assert not first.failed, first.diagnostics
    page = _plain((out / "allier" / "consolide.html").read_text("utf-8"))
    assert "Version consolidée au 1er octobre 2020" in page  # avenant 1 in force since then; 2 is to come
    assert "marchés publics de formation" not in page  # avenant 2's wording is not in force
    assert "marchés publics de formation" in (out / "allier" / "version-2.html").read_text("utf-8")
    assert 'href="historique.html#avenant-1"' in page and "à venir" in page
    history = _plain((out / "allier" / "historique.html").read_text("utf-8"))
    assert 'id="avenant-1"' in history and 'id="avenant-2"' not in history and "révision git « avenant-1 »" in history
    # every signed version's own text is published, the one to come included
    textes = []
    for rang in range(3):
        assert f'href="version-{rang}.html"' in history
        textes.append(_plain((out / "allier" / f"version-{rang}.html").read_text("utf-8")))
        assert "Version consolidée" not in textes[-1] and "Modifié par" not in textes[-1]
    assert ["parcours emploi compétences" in t for t in textes] == [False, True, True]
    assert ["marchés publics de formation" in t for t in textes] == [False, False, True]
    index = (out / "index.html").read_text("utf-8")
    assert "allier/consolide.html" in index and "allier/historique.html" in index
    # The cache knows the date: once avenant 2 is in force, the consolidated version is rebuilt.
    assert build_all((CHEMIN,), out, pdf=False).rendered == ()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2021-07-01"))
    again = build_all((CHEMIN,), out, pdf=False)
    assert "allier/consolide" in again.rendered
    assert "Version consolidée au 1er juin 2021" in _plain((out / "allier" / "consolide.html").read_text("utf-8"))


def test_a_build_refuses_a_history_whose_revision_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pactc.build import build_all

    repo = historique.depot(tmp_path)
    monkeypatch.chdir(repo)
    subprocess.run(["git", "tag", "-d", "avenant-1"], check=True, capture_output=True)
    result = build_all((CHEMIN,), repo / "build", pdf=False)
    assert result.failed and [d.code for d in result.diagnostics if d.code.startswith("PCT08")] == ["PCT084"]


def test_a_unit_may_come_into_force_on_its_own_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Avenant 1 defers one engagement's change to 2021-01-01; avenant 2 brings the governance change early."""
    repo = historique.depot(tmp_path, particulieres=True)
    monkeypatch.chdir(repo)

    def engagement(consolidation: object, ident: str) -> str:
        pacte = consolidation.dossier.pacte  # type: ignore[attr-defined]
        return next(e.texte for e in pacte.engagements if e.id == ident)

    def gouvernance(consolidation: object) -> str:
        return consolidation.dossier.pacte.instances[0].texte or ""  # type: ignore[attr-defined]

    signed = next(iter(read_version(f"pacte-signe:{CHEMIN}").results.values())).dossier
    assert signed is not None
    old = next(e.texte for e in signed.pacte.engagements if e.id == "pe-equipes-pluridisciplinaires")
    early = consolider(CHEMIN, "2020-12-01")
    assert engagement(early, "pe-equipes-pluridisciplinaires") == old  # deferred: still the signed text
    assert "parcours emploi compétences" in engagement(early, "cd-contrats-emploi-competence")  # the rest applies
    assert "en vigueur le 1er\u00a0janvier 2021" in early.mentions["pe-equipes-pluridisciplinaires"][0][0]
    later = consolider(CHEMIN, "2021-02-01")
    assert engagement(later, "pe-equipes-pluridisciplinaires").startswith("Réunir chaque trimestre")
    assert resolved_json(later.dossier) == _texte("avenant-1")
    anticipated = consolider(CHEMIN, "2021-05-01")  # avenant 2 in force on 2021-06-01, its governance part now
    assert "supervision conjointe" in gouvernance(anticipated)
    assert "marchés publics de formation" not in engagement(anticipated, "region-former-pour-l-emploi")
    assert [v.rang for v in anticipated.situation.a_venir] == [2]
    assert "supervision conjointe" in gouvernance(consolider(CHEMIN, "2021-07-01"))
    assert "supervision conjointe" not in gouvernance(consolider(CHEMIN, "2021-04-01"))


def test_the_avenant_states_its_particular_entries_into_force(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = historique.depot(tmp_path, particulieres=True)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["avenant", f"pacte-signe:{CHEMIN}", f"avenant-1:{CHEMIN}"])
    assert result.exit_code == 0, result.output
    assert ("Toutefois, la modification de l’engagement n° 2 de Pôle Emploi entre en vigueur le 1er janvier 2021."
            in _plain(result.stdout))
