"""Broken and hostile input: the right diagnostic at the right place, no traceback, nothing half-written,
nothing leaked from the machine."""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from pactc.build import build_all
from pactc.cli import main
from pactc.load import MAX_BYTES, load_bytes

from .conftest import PACTES

BAD = Path(__file__).parent / "bad"
HOSTILE = Path(__file__).parent / "hostile"
EXPECTED = {
    name: (code, file, int(pos.split(":")[0]), int(pos.split(":")[1]))
    for name, code, file, pos in (line.split() for line in (BAD / "ATTENDUS.txt").read_text("utf-8").splitlines()
                                  if line and not line.startswith("#"))
}
SECRETS = [Path("/etc/passwd"), Path("/etc/hostname")]


def test_the_corpus_has_at_least_forty_cases_each_with_its_expectation() -> None:
    folders = {p.name for p in BAD.iterdir() if p.is_dir()}
    assert len(folders) >= 40
    assert folders == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_reports_the_code_at_its_position_without_traceback(name: str) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", str(BAD / name)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    code, file, line, column = EXPECTED[name]
    import json

    found = [(d["code"], Path(d["file"]).name, d["line"], d["column"])
             for d in json.loads(result.output)["diagnostics"]]
    assert (code, file, line, column) in found


#: Cases whose error is in a file the pact does not need: the pact is built, the rest held back.
SECONDARY = {"pdi.yaml", "valeurs.csv", "avancement.csv", "indicateurs.yaml", "avenants.yaml"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_build_fails_and_writes_only_what_the_error_does_not_touch(name: str, tmp_path: Path) -> None:
    out = tmp_path / "build"
    earlier = out / name / "pacte.html"
    earlier.parent.mkdir(parents=True)
    earlier.write_bytes(b"version precedente")
    result = CliRunner().invoke(main, ["build", "-q", "--no-pdf", "--out", str(out), str(BAD / name)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert EXPECTED[name][0] in result.output
    if EXPECTED[name][1] in SECONDARY:
        # Documents fail alone: an error in the programme (or monitoring) data leaves the pact built.
        assert earlier.read_bytes() != b"version precedente" and "non compilé" in result.output
        # the programme's book is held back by an error in the programme, not by one in the monitoring data
        book = ["fiches.html"] if (BAD / name / "pdi.yaml").exists() and EXPECTED[name][1] != "pdi.yaml" else []
        assert sorted(p.name for p in (out / name).iterdir()) == sorted(["pacte.html", "pacte.json", *book])
    else:
        assert earlier.read_bytes() == b"version precedente"
        assert sorted(p.name for p in (out / name).iterdir()) == ["pacte.html"]


def test_oversized_file_is_refused_before_parsing() -> None:
    loaded = load_bytes(b"a: " + b"x" * (MAX_BYTES + 1), Path("x"), "x")
    assert loaded.data is None and loaded.diagnostics[0].code == "PCT007"


def _all_output_bytes(out: Path) -> bytes:
    data = b""
    for path in sorted(out.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".pdf"):
            raw = path.read_bytes()
            data += raw
            # PDF streams are compressed: inflate them too, so no secret hides there.
            for match in re.finditer(rb"stream\r?\n(.*?)endstream", raw, re.S):
                try:
                    data += zlib.decompress(match.group(1))
                except zlib.error:
                    pass
    return data


def test_hostile_markdown_builds_but_nothing_dangerous_gets_through(tmp_path: Path) -> None:
    out = tmp_path / "build"
    result = CliRunner().invoke(main, ["build", "-q", "--out", str(out), str(HOSTILE / "markdown")])
    assert result.exit_code == 0, result.output
    html = (out / "markdown" / "pacte.html").read_text("utf-8").lower()
    assert "<script" not in html and "<iframe" not in html and "<object" not in html and "<img" not in html
    assert 'href="javascript' not in html and 'href="file' not in html
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", html)  # no event handler on any real tag
    assert not re.search(r'<[a-z]+[^>]* (src|href)="(?!#|https?://|mailto:)', html)
    everything = _all_output_bytes(out)
    for secret in SECRETS:
        if secret.is_file():
            content = secret.read_bytes().strip()
            if len(content) > 8:
                assert content not in everything, secret
    assert b"root:x:0:0" not in everything


class _Fetching:
    """Exercise the fetcher the way WeasyPrint calls it."""

    def __init__(self, root: Path) -> None:
        from pactc.render.fetcher import ConfinedFetcher

        self.fetcher = ConfinedFetcher([root])

    def served(self, url: str) -> bool:
        try:
            self.fetcher.fetch(url)
        except ValueError:
            return False
        return True


def test_fetcher_serves_only_files_inside_its_roots(tmp_path: Path) -> None:
    root = tmp_path / "pacte"
    root.mkdir()
    (root / "logo.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_bytes(b"secret")
    fetching = _Fetching(root)
    assert fetching.served((root / "logo.png").as_uri())
    refused = ["file:///etc/passwd", (root / ".." / "secret.txt").as_uri(), "http://exemple.invalid/x.png",
               "https://exemple.invalid/x.css", "ftp://exemple.invalid/x", "data:text/plain,coucou",
               (root / "absent.png").as_uri(), "file://autre-machine/etc/passwd"]
    for url in refused:
        assert not fetching.served(url), url
    assert len(fetching.fetcher.refused) == len(refused)


def test_fetcher_refuses_a_symlink_that_leaves_its_root(tmp_path: Path) -> None:
    root = tmp_path / "pacte"
    root.mkdir()
    (tmp_path / "secret.txt").write_bytes(b"secret")
    (root / "lien.txt").symlink_to(tmp_path / "secret.txt")
    assert not _Fetching(root).served((root / "lien.txt").as_uri())


def test_windows_files_check_and_build_exactly_like_unix_files(tmp_path: Path) -> None:
    unix, windows = tmp_path / "unix" / "allier", tmp_path / "windows" / "allier"
    shutil.copytree(PACTES / "allier", unix)
    shutil.copytree(PACTES / "allier", windows)
    for name in ("pacte.yaml", "pdi.yaml"):
        text = (windows / name).read_bytes()
        (windows / name).write_bytes(b"\xef\xbb\xbf" + text.replace(b"\n", b"\r\n"))
    outs = []
    for folder in (unix, windows):
        out = folder.parent / "build"
        result = CliRunner().invoke(main, ["build", "-q", "--no-pdf", "--out", str(out), str(folder)])
        assert result.exit_code == 0, result.output
        outs.append(out / "allier")
    for name in ("pacte.html", "pacte.json", "fiches.html"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    # Broken the same way, both report the same line and column.
    for folder in (unix, windows):
        pact = folder / "pacte.yaml"
        pact.write_bytes(pact.read_bytes().replace(b"partenaires: [pole-emploi]", b"partenaires: [pole-emploie]", 1))
    reports = [CliRunner().invoke(main, ["check", str(f)]).output.split("pacte.yaml", 1)[1].split(" error")[0]
               for f in (unix, windows)]
    assert reports[0] == reports[1]


def test_dates_come_from_metadata_or_source_date_epoch(tmp_path: Path, monkeypatch) -> None:
    from pypdf import PdfReader

    out = tmp_path / "build"
    result = CliRunner().invoke(main, ["build", "-q", "--out", str(out), str(PACTES / "allier")])
    assert result.exit_code == 0
    info = PdfReader(out / "allier" / "pacte.pdf").metadata
    assert info["/CreationDate"].startswith("D:20181025")
    herault = tmp_path / "herault"
    shutil.copytree(PACTES / "herault", herault)  # no signature date: SOURCE_DATE_EPOCH decides
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    result = CliRunner().invoke(main, ["build", "-q", "--out", str(out), str(herault)])
    assert result.exit_code == 0
    assert PdfReader(out / "herault" / "pacte.pdf").metadata["/CreationDate"].startswith("D:20170714")


def test_internal_error_is_a_short_french_message_and_debug_shows_the_traceback(monkeypatch) -> None:
    import pactc.dossier as checker

    def boom(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(checker, "check_source", boom)
    quiet = CliRunner().invoke(main, ["check", str(PACTES / "allier")])
    assert quiet.exit_code == 2
    assert "erreur interne" in quiet.output and "Signalez" in quiet.output and "Traceback" not in quiet.output
    loud = CliRunner().invoke(main, ["--debug", "check", str(PACTES / "allier")])
    assert loud.exit_code == 2 and "Traceback" in loud.output


#: A build that dies for good at its N-th file rename: the temporary file is written, the rename never happens.
KILLED_AT = """
import os, sys
from pathlib import Path
from pactc.build import build_all
real, count, target = os.replace, [0], int(sys.argv[3])
def dying_replace(src, dst):
    count[0] += 1
    if count[0] == target:
        os._exit(137)  # like SIGKILL: no cleanup, no finally
    real(src, dst)
os.replace = dying_replace
build_all((sys.argv[1],), Path(sys.argv[2]), jobs=1)
"""


# The rebuild renames, in order: the cache without the département, pacte.html, pacte.json, pacte.pdf,
# then the cache with it again.
@pytest.mark.parametrize("kill_at", [1, 2, 4, 5])
def test_a_killed_build_leaves_old_or_new_outputs_never_a_truncated_file(tmp_path: Path, kill_at: int) -> None:
    """Killed at a deterministic point (the N-th rename), through a hook on os.replace: no sleep, no race."""
    import subprocess
    import sys

    from pypdf import PdfReader

    pacts = tmp_path / "pactes"
    shutil.copytree(PACTES / "herault", pacts / "herault")
    out = tmp_path / "build"
    assert not build_all((str(pacts),), out, jobs=1).failed  # a complete earlier build
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (pacts / "herault" / "pacte.yaml").write_text(
        (pacts / "herault" / "pacte.yaml").read_text("utf-8").replace("Governance", "Gouvernance"), "utf-8")
    killed = subprocess.run([sys.executable, "-c", KILLED_AT, str(pacts), str(out), str(kill_at)], check=False)
    assert killed.returncode == 137
    for path in (p for p in out.rglob("*") if p.is_file() and not p.name.endswith(".tmp")):
        if path.suffix == ".pdf":
            assert len(PdfReader(path).pages) > 0, path
        if path.suffix == ".html":
            assert path.read_text("utf-8").rstrip().endswith("</html>"), path
        assert path.read_bytes() == before.get(path, path.read_bytes()) or path in before  # old or new, whole
    assert [p for p in out.rglob("*.tmp")]  # the kill left its temporary file behind
    # Restore the source: the cache must not call the half-written département « à jour ».
    (pacts / "herault" / "pacte.yaml").write_text(
        (pacts / "herault" / "pacte.yaml").read_text("utf-8").replace("Gouvernance", "Governance"), "utf-8")
    again = build_all((str(pacts),), out, jobs=1)
    assert not again.failed
    assert not [p for p in out.rglob("*.tmp")]
    # The cache and the digest memo are the build's bookkeeping, not outputs.
    tenue = {".pactc-cache.json", ".pactc-empreintes.json"}
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name not in tenue}
    assert after == {p: b for p, b in before.items() if p.name not in tenue}


@pytest.mark.parametrize("target", ["..", "."])
def test_build_from_inside_a_pact_folder_writes_only_under_out(target: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    pacts = tmp_path / "pactes"
    shutil.copytree(PACTES / "herault", pacts / "herault")
    monkeypatch.chdir(pacts / "herault")
    out = tmp_path / "sortie"
    result = CliRunner().invoke(main, ["build", "-q", "--no-pdf", "--out", str(out), target])
    assert result.exit_code == 0, result.output
    assert (out / "herault" / "pacte.html").is_file() and (out / "index.html").is_file()
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(out)
               and not p.is_relative_to(pacts)]
    assert outside == []
    assert sorted(p.name for p in pacts.rglob("*") if p.is_file()) == ["pacte.yaml", "pdi.yaml"]


def test_a_folder_name_that_is_not_a_slug_is_refused_and_never_linked(tmp_path: Path) -> None:
    pacts = tmp_path / "pactes"
    shutil.copytree(PACTES / "herault", pacts / "javascript:alert(1)")
    shutil.copytree(PACTES / "herault", pacts / "herault")
    out = tmp_path / "build"
    result = CliRunner().invoke(main, ["build", "-q", "--no-pdf", "--out", str(out), str(pacts)])
    assert result.exit_code == 1 and "PCT017" in result.output
    assert not (out / "javascript:alert(1)").exists()
    assert "javascript:" not in (out / "index.html").read_text("utf-8")


def test_one_departement_failing_to_render_never_stops_the_others(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from pactc import build as build_module

    real = build_module.render_document

    def flaky(source, pacte, name, out, *sorties):  # type: ignore[no-untyped-def]
        if source.slug == "herault":
            raise OverflowError("int too large to convert to float")
        return real(source, pacte, name, out, *sorties)

    monkeypatch.setattr(build_module, "render_document", flaky)
    out = tmp_path / "build"
    result = build_all((str(PACTES / "herault"), str(PACTES / "allier")), out, pdf=False, jobs=1)
    # one PCT061 per document of the Hérault: its pact, its fiches and its open data
    assert result.failed and [d.code for d in result.diagnostics if d.code == "PCT061"] == ["PCT061"] * 3
    assert (out / "allier" / "pacte.html").is_file() and not (out / "herault").exists()


def test_a_value_cannot_forge_workflow_commands_or_terminal_output(tmp_path: Path) -> None:
    folder = tmp_path / "forge"
    folder.mkdir()
    pact = (PACTES / "herault" / "pacte.yaml").read_text("utf-8")
    (folder / "pacte.yaml").write_text(pact.replace(
        "pacte:\n", 'pacte:\n  "x\\n::add-mask::secret\\n::error file=a.yaml::faux\\u202egnp.exe": 1\n', 1), "utf-8")
    github = CliRunner().invoke(main, ["check", "--format", "github", str(folder)])
    commands = [line for line in github.output.splitlines() if line.startswith("::")]
    assert all(line.startswith(("::error ", "::warning ", "::notice ", "::stop-commands::", "::pactc-"))
               for line in commands), commands
    assert not any("add-mask" in line for line in commands if not line.startswith("::error "))
    plain = CliRunner().invoke(main, ["check", str(folder)]).output
    assert "\u202e" not in plain and "<U+202E>" in plain
    assert all(not line.startswith("::") for line in plain.splitlines())
    assert "x\\n::add-mask::secret" in plain  # the line break is shown, not obeyed


def _build_cli(out: Path, *paths: Path) -> object:
    return CliRunner().invoke(main, ["build", "-q", "--no-pdf", "--out", str(out), *map(str, paths)])


@pytest.mark.parametrize("obstacle", ["departement-est-un-fichier", "index-est-un-dossier", "cache-est-un-dossier"])
def test_a_file_or_folder_in_the_way_is_a_clear_message_not_an_internal_error(obstacle: str, tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    if obstacle == "departement-est-un-fichier":
        (out / "herault").write_text("un fichier", "utf-8")
    elif obstacle == "index-est-un-dossier":
        (out / "index.html").mkdir()
    else:
        (out / ".pactc-cache.json").mkdir()
    result = _build_cli(out, PACTES / "herault", PACTES / "allier")
    assert result.exit_code == 1, result.output
    assert "PCT062" in result.output and "erreur interne" not in result.output
    assert (out / "allier" / "pacte.html").is_file()  # the other département is built
    if obstacle == "departement-est-un-fichier":
        assert (out / "herault").read_text("utf-8") == "un fichier"


def test_a_full_disk_leaves_no_half_set_and_earlier_outputs_intact(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import pactc.files as files

    out = tmp_path / "build"
    assert _build_cli(out, PACTES / "herault").exit_code == 0
    before = {p: p.read_bytes() for p in (out / "herault").rglob("*") if p.is_file()}
    pacts = tmp_path / "pactes"
    shutil.copytree(PACTES / "herault", pacts / "herault")
    (pacts / "herault" / "pacte.yaml").write_text(
        (pacts / "herault" / "pacte.yaml").read_text("utf-8").replace("Governance", "Gouvernance"), "utf-8")
    real_fdopen, calls = files.os.fdopen, [0]

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls[0] += 1
        if calls[0] == 2:  # the second file of the set does not fit
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fdopen(*args, **kwargs)

    monkeypatch.setattr(files.os, "fdopen", full)
    result = _build_cli(out, pacts / "herault")
    monkeypatch.setattr(files.os, "fdopen", real_fdopen)
    assert result.exit_code == 1 and "PCT062" in result.output and "le disque est plein" in result.output
    assert {p: p.read_bytes() for p in (out / "herault").rglob("*") if p.is_file()} == before
    assert not list(out.rglob("*.tmp"))
    # On a first build, a full disk leaves no half set either.
    first = tmp_path / "premier"
    calls[0] = 0
    monkeypatch.setattr(files.os, "fdopen", full)
    assert _build_cli(first, pacts / "herault").exit_code == 1
    monkeypatch.setattr(files.os, "fdopen", real_fdopen)
    assert not (first / "herault").exists() or not any((first / "herault").iterdir())


def test_a_build_never_removes_the_temporary_files_of_a_build_still_running(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "build"
    assert _build_cli(out, PACTES / "herault").exit_code == 0
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        alive = out / "herault" / f".pacte.html.{sleeper.pid}.abc.tmp"
        dead = out / "herault" / ".pacte.html.999999999.abc.tmp"
        alive.write_bytes(b"en cours")
        dead.write_bytes(b"abandonne")
        assert _build_cli(out, PACTES / "herault").exit_code == 0
        assert alive.exists() and not dead.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_foreign_file_in_the_output_folder_is_ignored(tmp_path: Path) -> None:
    out = tmp_path / "build"
    (out / "autre").mkdir(parents=True)
    (out / "autre" / "pacte.json").write_text('{"ceci": "n\'est pas un pacte"}', "utf-8")
    result = _build_cli(out, PACTES / "herault")
    assert result.exit_code == 0, result.output
    assert "autre" not in (out / "index.html").read_text("utf-8")


def test_a_read_only_output_folder_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import pactc.files as files

    def read_only(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files.tempfile, "mkstemp", read_only)  # as root, chmod would not stop the writes
    result = _build_cli(tmp_path / "build", PACTES / "herault")
    assert result.exit_code == 1
    assert "PCT062" in result.output and "lecture seule" in result.output and "erreur interne" not in result.output
