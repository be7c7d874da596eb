"""The semantic diff: properties, git revisions, and the Cantal revision fixture."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pactc.cli import main
from pactc.diff.changes import Diff, diff_models
from pactc.dossier import check_loaded, check_source
from pactc.load import load_bytes
from pactc.project import Source, discover

from .conftest import PACTES, accessibility_findings
from .strategies import pactes, slug

FIXTURE = Path(__file__).parent / "fixtures" / "revision-cantal"
MIRROR = {"added": "removed", "removed": "added"}


def model(data: dict[str, Any]):
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    result = check_loaded(Source("x", Path("x"), Path("x/pacte.yaml")), load_bytes(raw, Path("x"), "x"), None)
    assert result.dossier is not None, result.diagnostics
    return result.dossier


def ops(d: Diff) -> list[tuple[str, str, str]]:
    return sorted((c.op, c.kind, c.id) for c in d.changes)


@settings(max_examples=30, deadline=None)
@given(pactes())
def test_diff_of_a_pact_with_itself_is_empty(data: dict[str, Any]) -> None:
    assert diff_models(model(data), model(copy.deepcopy(data))).changes == ()


@st.composite
def edited(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], tuple[str, str, str]]:
    """A pact, the same pact with one edit, and the change that edit must produce."""
    a = draw(pactes())
    b = copy.deepcopy(a)
    used = {p["id"] for p in a["partenaires"]} | {e["id"] for e in a["engagements"]} | {x["id"] for x in a["axes"]}
    choices = ["add-partner"]
    if a["engagements"]:
        choices += ["edit-engagement", "remove-engagement", "reid-engagement"]
    if a["axes"]:
        choices += ["rename-axis"]
    edit = draw(st.sampled_from(choices))
    if edit == "add-partner":
        new = draw(slug.filter(lambda s: s not in used))
        b["partenaires"].append({"id": new, "nom": "Nouveau partenaire", "categorie": "autre-cat"})
        return a, b, ("added", "partenaire", new)
    i = draw(st.integers(0, len(a["engagements"]) - 1))
    engagement = b["engagements"][i]
    if edit == "edit-engagement":
        engagement["texte"] += " (révisé)"
        return a, b, ("modified", "engagement", engagement["id"])
    if edit == "remove-engagement":
        del b["engagements"][i]
        return a, b, ("removed", "engagement", engagement["id"])
    if edit == "reid-engagement":
        new = draw(slug.filter(lambda s: s not in used))
        engagement["id"] = new
        return a, b, ("reidentified", "engagement", new)
    axis = b["axes"][draw(st.integers(0, len(b["axes"]) - 1))]
    axis["titre"] += " (révisé)"
    return a, b, ("renamed", "axe", axis["id"])


@settings(max_examples=40, deadline=None)
@given(edited())
def test_each_generated_edit_is_reported_once_and_alone(case: tuple[dict, dict, tuple[str, str, str]]) -> None:
    a, b, expected = case
    assert ops(diff_models(model(a), model(b))) == [expected]


@settings(max_examples=40, deadline=None)
@given(edited())
def test_diff_mirrors(case: tuple[dict, dict, tuple[str, str, str]]) -> None:
    a, b, _ = case
    forward, backward = diff_models(model(a), model(b)), diff_models(model(b), model(a))
    assert len(forward.changes) == len(backward.changes)
    for change in forward.changes:
        op = MIRROR.get(change.op, change.op)
        ident = change.old_id if change.op == "reidentified" else change.id
        twin = [c for c in backward.changes if c.op == op and c.kind == change.kind and c.id == ident]
        assert len(twin) == 1
        if change.op != "reidentified":
            assert twin[0].before == change.after and twin[0].after == change.before


def test_cantal_revision_fixture_reports_each_kind_of_change() -> None:
    result = CliRunner().invoke(main, ["diff", "--format", "json", str(FIXTURE / "signee"), str(FIXTURE / "revisee")])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.output)["changes"]
    found = {(c["op"], c["kind"], c["id"]) for c in changes}
    assert ("modified", "engagement", "engagement-evaluer") in found
    assert ("added", "partenaire", "udaf") in found
    assert ("added", "signature", "udaf") in found
    assert ("removed", "axe", "theme-postures-professionnelles") in found
    assert ("moved", "axe", "theme-evaluation") in found
    assert ("renumbered", "axe", "orientation-outiller-professionnels") in found
    reworded = next(c for c in changes if c["id"] == "engagement-evaluer")
    assert ["+", " chaque année l'efficacité, l'efficience"] in reworded["redline"]["texte"] or any(
        seg[0] == "+" and "chaque année" in seg[1] for seg in reworded["redline"]["texte"])
    assert set(changes[0]) >= {"op", "kind", "id", "path", "fields", "before", "after", "departement"}


def test_tableau_comparatif_marks_changes_in_words_not_only_colour(tmp_path: Path) -> None:
    html, pdf = tmp_path / "t.html", tmp_path / "t.pdf"
    result = CliRunner().invoke(main, ["diff", str(FIXTURE / "signee"), str(FIXTURE / "revisee"),
                                       "--html", str(html), "--pdf", str(pdf)])
    assert result.exit_code == 0, result.output
    page = html.read_text("utf-8")
    for mark in ("(nouveau)", "(supprimé)", "(modifié)", "(déplacé)", "(renuméroté)", "<del>", "<ins>",
                 "Version signée", "Version révisée", "Résumé de la révision", "[suppression : "):
        assert mark in page, mark
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert "Tableau comparatif" in reader.pages[0].extract_text()
    assert accessibility_findings(pdf) == []


def test_exit_code_flag() -> None:
    same = CliRunner().invoke(main, ["diff", "--exit-code", str(FIXTURE / "signee"), str(FIXTURE / "signee")])
    assert same.exit_code == 0 and "aucune différence" in same.output
    changed = CliRunner().invoke(main, ["diff", "--exit-code", str(FIXTURE / "signee"), str(FIXTURE / "revisee")])
    assert changed.exit_code == 1


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_diff_reads_git_revisions(tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "depot"
    (repo / "pactes" / "cantal").mkdir(parents=True)
    (repo / "pactes" / "cantal" / "pacte.yaml").write_bytes((FIXTURE / "signee" / "pacte.yaml").read_bytes())
    (repo / "pactes" / "allier").mkdir()
    (repo / "pactes" / "allier" / "pacte.yaml").write_bytes((PACTES / "allier" / "pacte.yaml").read_bytes())
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "signé")
    (repo / "pactes" / "cantal" / "pacte.yaml").write_bytes((FIXTURE / "revisee" / "pacte.yaml").read_bytes())
    _git(repo, "commit", "-qam", "révisé")
    monkeypatch.chdir(repo)
    one = CliRunner().invoke(main, ["diff", "--format", "json", "HEAD~1:pactes/cantal", "HEAD:pactes/cantal"])
    assert one.exit_code == 0, one.output
    data = json.loads(one.output)
    assert data["old"] == "HEAD~1:pactes/cantal" and len(data["changes"]) == 8
    every = CliRunner().invoke(main, ["diff", "--format", "json", "HEAD~1", "HEAD"])
    assert every.exit_code == 0, every.output
    # the département's name comes from the pact's metadata, not from its folder
    assert {c["departement"] for c in json.loads(every.output)["changes"]} == {"Cantal"}
    worktree = CliRunner().invoke(main, ["diff", "HEAD~1:pactes/cantal"])
    assert worktree.exit_code == 0 and "8 changements" in worktree.output
    bad = CliRunner().invoke(main, ["diff", "nimporte:pactes/cantal", "HEAD:pactes/cantal"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_a_diff_script_can_trust_exit_codes_messages_and_json(tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "cassee"
    broken.mkdir()
    (broken / "pacte.yaml").write_text("pacte: [", "utf-8")
    invalid = CliRunner().invoke(main, ["diff", "--format", "json", "--exit-code", str(FIXTURE / "signee"),
                                        str(broken)])
    assert invalid.exit_code == 2  # a version is invalid: not « differences »
    assert json.loads(invalid.stdout)["diagnostics"][0]["code"] == "PCT001"
    missing = CliRunner().invoke(main, ["diff", str(FIXTURE / "signee"), str(tmp_path / "absent" / "pactes")])
    assert missing.exit_code == 2 and "n'existe pas" in missing.output and "rev-parse" not in missing.output
    # A new repository's first pull request: the base revision has no pactes/ yet.
    repo = tmp_path / "depot"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "LISEZMOI").write_text("dépôt neuf", "utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "premier commit")
    (repo / "pactes" / "cantal").mkdir(parents=True)
    (repo / "pactes" / "cantal" / "pacte.yaml").write_bytes((FIXTURE / "signee" / "pacte.yaml").read_bytes())
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "le pacte")
    monkeypatch.chdir(repo)
    first = CliRunner().invoke(main, ["diff", "--format", "json", "HEAD~1", "HEAD"])
    assert first.exit_code == 0, first.output
    assert {c["op"] for c in json.loads(first.stdout)["changes"]} == {"added"}
    unknown = CliRunner().invoke(main, ["diff", "inconnue", "HEAD"])
    assert unknown.exit_code == 2 and "révision « inconnue » inconnue" in unknown.output


def test_tableau_comparatif_names_units_as_a_reader_does_never_by_id(tmp_path: Path) -> None:
    from .rendered_text import html_text

    page = tmp_path / "t.html"
    result = CliRunner().invoke(main, ["diff", str(FIXTURE / "signee"), str(FIXTURE / "revisee"), "--html", str(page)])
    assert result.exit_code == 0, result.output
    text = html_text(page.read_text("utf-8"))
    for ident in ("orientation-coordonner-mutualiser", "theme-evaluation", "engagement-evaluer", "(udaf)",
                  "Pacte pacte", '{"debut"'):
        assert ident not in text, ident
    assert "Signature de l’Union Départementale des Associations Familiales du Cantal" in text
    assert "Pacte — métadonnées du pacte" in text and "Édition : révision à mi-parcours 2017" in text
    # the cover names the signed act and the revision by what they are; paths are a technical footnote
    act = "Pacte Territorial pour l’Insertion 2015-2020 — CANTAL\u00a0: Insertion et Territoire"
    assert f"Version signée : {act}, signé le 5\u00a0février 2015" in text  # French spacing: no-break spaces
    assert f"Version révisée : {act}, édition révision à mi-parcours 2017" in text
    assert "Version signée : tests/" not in text


def _allier_revision(tmp_path: Path) -> tuple[Path, Path, str]:
    """Two copies of the Allier dossier (signed, revised) and the revised copy's PDI text, to edit."""
    import shutil

    before, after = tmp_path / "signee", tmp_path / "revisee"
    shutil.copytree(PACTES / "allier", before)
    shutil.copytree(PACTES / "allier", after)
    return before, after, (after / "pdi.yaml").read_text("utf-8")


def test_a_fiche_moved_to_another_axis_is_one_move_not_also_a_modification(tmp_path: Path) -> None:
    before, after, pdi = _allier_revision(tmp_path)
    moved = pdi.replace("    axe: pdile-axe-1\n", "    axe: pdile-axe-2\n", 1)
    assert moved != pdi
    (after / "pdi.yaml").write_text(moved, "utf-8")
    result = CliRunner().invoke(main, ["diff", "--format", "json", str(before), str(after)])
    assert result.exit_code == 0, result.output
    changes = [c for c in json.loads(result.stdout)["changes"] if c["id"] == "pdile-1-1-observer-mutations"]
    assert [c["op"] for c in changes] == ["moved"]
    # The programme is not signed: its changes are apart from the pact's, in the JSON and in the table.
    assert {c["document"] for c in json.loads(result.stdout)["changes"]} == {"programme"}
    page = tmp_path / "t.html"
    assert CliRunner().invoke(main, ["diff", str(before), str(after), "--html", str(page)]).exit_code == 0
    html = page.read_text("utf-8")
    assert "<h2>Programme — " in html and "ne relèvent pas de l’avenant" in html


def test_a_changed_action_is_named_with_its_parents(tmp_path: Path) -> None:
    from .rendered_text import html_text

    before, after, pdi = _allier_revision(tmp_path)
    changed = pdi.replace("S'appuyer sur les travaux de la plateforme", "S'appuyer chaque année sur les travaux de la "
                          "plateforme", 1)
    assert changed != pdi
    (after / "pdi.yaml").write_text(changed, "utf-8")
    page = tmp_path / "t.html"
    assert CliRunner().invoke(main, ["diff", str(before), str(after), "--html", str(page)]).exit_code == 0
    text = html_text(page.read_text("utf-8"))
    assert "Action Axe 1 — Orientation 1 — objectif 1 — action a (modifié)" in text
    assert "pdile-1-1" not in text


def test_a_move_that_renumbers_reports_both_numbers_once(tmp_path: Path) -> None:
    before, after, pdi = _allier_revision(tmp_path)
    # The last fiche of axis 1 (Orientation 3) moves to axis 5, where it becomes Orientation 1.
    start = pdi.index("  - id: pdile-1-3-prevenir-degradation")
    end = pdi.index("  - id: pdile-2-1-gestion-droits")
    fiche = pdi[start:end].replace("    axe: pdile-axe-1\n", "    axe: pdile-axe-5\n")
    rest = pdi[:start] + pdi[end:]
    anchor = rest.index("  - id: pdile-5-1-instances-techniques")
    (after / "pdi.yaml").write_text(rest[:anchor] + fiche + rest[anchor:], "utf-8")
    result = CliRunner().invoke(main, ["diff", "--format", "json", str(before), str(after)])
    assert result.exit_code == 0, result.output
    moved = [c for c in json.loads(result.stdout)["changes"] if c["id"] == "pdile-1-3-prevenir-degradation"]
    assert len(moved) == 1 and moved[0]["op"] == "moved"
    assert moved[0]["numero"] == {"before": "Orientation 3", "after": "Orientation 1"}


def test_allier_revision_comparatif_reports_each_change_once_by_name_never_by_id(tmp_path: Path) -> None:
    """The realistic revision (tests/scenarios/allier.py): every change once, full labels, no id printed."""
    from pactc.avenant.acte import build_acte

    from .rendered_text import html_text
    from .scenarios import allier

    before, after = allier.write(tmp_path)
    result = CliRunner().invoke(main, ["diff", "--format", "json", str(before), str(after)])
    changes = json.loads(result.stdout)["changes"]
    assert len({(c["kind"], c["id"]) for c in changes}) == len(changes)  # each unit once
    assert {(c["op"], c["kind"]) for c in changes} >= {
        ("added", "partenaire"), ("added", "engagement"), ("added", "signature"), ("modified", "engagement"),
        ("renumbered", "axe"), ("moved", "fiche")}
    page = tmp_path / "t.html"
    assert CliRunner().invoke(main, ["diff", str(before), str(after), "--html", str(page)]).exit_code == 0
    text = html_text(page.read_text("utf-8"))
    sources, _ = discover((str(after),))
    dossier = check_source(sources[0]).dossier
    assert dossier is not None and dossier.programme is not None
    ids = {u.cle.split(":", 1)[1] for u, _ in build_acte(dossier).parcours() if ":" in u.cle}
    ids |= {f.id for f in dossier.programme.fiches} | {n.id for n in dossier.programme.tous_les_noeuds()}
    printed = {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)}
    assert printed == set()
    for label in ("Engagement n° 1 de la Caisse d’allocations familiales de l’Allier (nouveau)",
                  "Partenaires : Caisse d’allocations familiales de l’Allier",
                  "modifié par l’avenant n° 1 (projet)"):
        assert label in text, label
