"""The command line: exit codes, output formats, no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pactc.cli import main

from .conftest import PACTES, ROOT

CHECKS = Path(__file__).parent / "checks"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_check_repository_is_clean() -> None:
    code, out = run("check", str(PACTES))
    assert code == 0, out
    assert " error " not in out


def test_misspelled_partner_exits_1_with_position_code_and_suggestion(tmp_path: Path) -> None:
    source = PACTES / "allier" / "pacte.yaml"
    text = source.read_text("utf-8")
    needle = "partenaires: [pole-emploi]"
    assert needle in text
    line = text[: text.index(needle)].count("\n") + 1
    column = text[: text.index(needle)].split("\n")[-1].__len__() + len("partenaires: [") + 1
    copy = tmp_path / "allier"
    copy.mkdir()
    (copy / "pacte.yaml").write_text(text.replace(needle, "partenaires: [pole-emploie]", 1), "utf-8")
    code, out = run("check", str(copy))
    assert code == 1
    assert (f"pacte.yaml:{line}:{column}: error PCT021 partenaire inconnu « pole-emploie » — "
            "vouliez-vous dire « pole-emploi » ?") in out


def test_json_format_lists_diagnostics() -> None:
    code, out = run("check", "--format", "json", str(CHECKS / "PCT021.ko.yaml"))
    assert code == 1
    data = json.loads(out)
    assert data["errors"] == 1
    assert data["diagnostics"][0]["code"] == "PCT021"
    assert set(data["diagnostics"][0]) == {"code", "severity", "file", "line", "column", "message", "hint"}


def test_github_format_prints_annotations_then_the_plain_list() -> None:
    code, out = run("check", "--format", "github", str(CHECKS / "PCT021.ko.yaml"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("::error file=") and ",line=27,col=19,title=PCT021::" in lines[0]
    assert any(": error PCT021 " in l for l in lines[1:])


def test_github_annotation_escapes_newlines_and_percent() -> None:
    from pactc.diagnostics import Diagnostic, Severity
    from pactc.reporters import github

    out = github([Diagnostic("a,b.yaml", 1, 2, "PCT001", Severity.ERROR, "100 % faux\nsuite")])
    assert out.splitlines()[0] == "::error file=a%2Cb.yaml,line=1,col=2,title=PCT001::100 %25 faux%0Asuite"


def test_warnings_fail_only_with_strict() -> None:
    case = str(CHECKS / "PCT030.ko.yaml")
    assert run("check", case)[0] == 0
    assert run("check", "--strict", case)[0] == 1


def test_missing_path_is_an_error_not_a_crash() -> None:
    code, out = run("check", "nulle-part")
    assert code == 1
    assert "PCT008" in out


def test_usage_error_exits_2() -> None:
    assert run("check", "--format", "xml")[0] == 2


@pytest.mark.parametrize("case", ["PCT021.ko.yaml"])
def test_build_of_broken_pact_exits_1_and_writes_nothing_for_it(tmp_path: Path, case: str) -> None:
    folder = tmp_path / "cas"
    folder.mkdir()
    shutil.copy(CHECKS / case, folder / "pacte.yaml")
    code, out = run("build", "--no-pdf", "--out", str(tmp_path / "out"), str(folder))
    assert code == 1
    assert "PCT021" in out
    assert not (tmp_path / "out" / "cas").exists()


def test_bad_yaml_never_prints_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "pacte.yaml"
    bad.write_bytes(b"pacte: [\n\x00\xff")
    proc = subprocess.run([sys.executable, "-m", "pactc", "check", str(bad)], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr


def test_check_imports_neither_weasyprint_nor_the_renderer() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from pactc.cli import main\n"
        "r = CliRunner().invoke(main, ['check', 'pactes'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = [m for m in ('weasyprint', 'jinja2', 'pactc.render', 'markdown_it') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_python_dash_m_works() -> None:
    proc = subprocess.run([sys.executable, "-m", "pactc", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "pactc" in proc.stdout


def test_installed_package_finds_its_schemas_templates_and_fonts(tmp_path: Path) -> None:
    # Run outside the repository so that the installed package, not the source tree, is imported.
    code = (
        "from pactc.resources import shipped_path\n"
        "for folder, name in [('schemas', 'pacte.schema.json'), ('templates', 'pacte.html.j2'),"
        " ('templates', 'pacte.css'), ('assets', 'fonts/Lato-Regular.ttf')]:\n"
        "    assert (shipped_path(folder) / name).is_file(), (folder, name)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_gitlab_format_is_a_code_quality_report() -> None:
    code, out = run("check", "--format", "gitlab", str(CHECKS / "PCT021.ko.yaml"))
    assert code == 1
    (entry,) = [e for e in json.loads(out) if e["check_name"] == "PCT021"]
    assert entry["severity"] == "major" and entry["location"]["lines"]["begin"] == 27
    assert set(entry) == {"description", "check_name", "fingerprint", "severity", "location"}
    moved = json.loads(run("check", "--format", "gitlab", str(CHECKS / "PCT021.ko.yaml"))[1])
    assert moved[0]["fingerprint"] == json.loads(out)[0]["fingerprint"]


def test_a_closed_pipe_is_not_an_internal_error(capsys) -> None:
    """« pactc historique … | head » closes the pipe early: pactc stops quietly (141, like a shell)."""
    import pytest

    from pactc.cli import _guarded

    def reader_gone() -> int:
        raise BrokenPipeError

    with pytest.raises(SystemExit) as stop:
        _guarded(reader_gone)
    assert stop.value.code == 141
    assert "erreur interne" not in capsys.readouterr().err


def test_help_is_entirely_french() -> None:
    """Click's own words are translated too: no « Show this message », « Usage: », « Error: »…"""
    from click.testing import CliRunner

    from pactc.cli import main

    english = ("Show this message", "Show the version", "Usage:", "Commands:", "Error:",
               "Try '", "No such option", "default:", "COMMAND [ARGS]", " OLD", "PATHS")
    runner = CliRunner()
    pages = [runner.invoke(main, ["--help"]).output]
    for name, command in main.commands.items():
        pages.append(runner.invoke(main, [name, "--help"]).output)
        for sub in getattr(command, "commands", {}):
            pages.append(runner.invoke(main, [name, sub, "--help"]).output)
    pages.append(runner.invoke(main, ["check", "--nope"]).output)
    for page in pages:
        assert not [w for w in english if w in page], page
    assert "Utilisation :" in pages[0] and "Affiche cette aide." in pages[0]


def test_a_first_check_shows_no_warning_and_says_what_it_hides() -> None:
    from click.testing import CliRunner

    from pactc.cli import main

    first = CliRunner().invoke(main, ["check"])
    assert first.exit_code == 0 and "warning" not in first.output and "note PCT" not in first.output
    assert "avertissement(s) accepté(s)" in first.output and "pactc check --tous" in first.output
    everything = CliRunner().invoke(main, ["check", "--tous"])
    assert "warning PCT050" in everything.output and "note PCT070" in everything.output
    strict = CliRunner().invoke(main, ["check", "--strict"])
    assert strict.exit_code == 0  # acknowledged warnings do not fail --strict
