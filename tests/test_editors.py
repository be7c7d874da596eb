"""The editors' day: scaffolding, schema output, live preview, schemas in other validators."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pactc.cli import main

from .conftest import PACTES, ROOT


def test_new_scaffolds_a_pact_that_checks_and_builds(tmp_path: Path) -> None:
    root = tmp_path / "pactes"
    made = CliRunner().invoke(main, ["new", "Deux-Sèvres", "--code", "79", "--debut", "2026", "--dans", str(root)])
    assert made.exit_code == 0, made.output
    folder = root / "deux-sevres"
    assert (folder / "pacte.yaml").read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/pacte.schema.json")
    checked = CliRunner().invoke(main, ["check", "--strict", str(folder)])
    assert checked.exit_code == 0, checked.output
    built = CliRunner().invoke(main, ["build", "-q", "--out", str(tmp_path / "build"), str(folder)])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "build" / "deux-sevres" / "pacte.pdf").is_file()
    assert (tmp_path / "build" / "deux-sevres" / "fiches.pdf").is_file()
    again = CliRunner().invoke(main, ["new", "Deux-Sèvres", "--code", "79", "--dans", str(root)])
    assert again.exit_code == 2 and "existe déjà" in again.output


@pytest.mark.parametrize("code", ["3", "96", "AB", "977"])
def test_new_refuses_a_bad_code(tmp_path: Path, code: str) -> None:
    result = CliRunner().invoke(main, ["new", "Nulle part", "--code", code, "--dans", str(tmp_path)])
    assert result.exit_code == 2 and not any(tmp_path.iterdir())


@pytest.mark.parametrize("name", ["pacte", "pdi", "avenants"])
def test_schema_command_prints_the_schema(name: str) -> None:
    result = CliRunner().invoke(main, ["schema", name])
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8"))


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


@contextlib.contextmanager
def _preview(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """``pactc serve`` on a copy of the Hérault pact: (its folder, the port)."""
    from pactc.serve import Preview

    folder = tmp_path / "pactes" / "herault"
    shutil.copytree(PACTES / "herault", folder)
    preview = Preview((str(folder),), tmp_path / "build", port=0, interval=0.1)
    preview.start()
    try:
        yield folder, preview.port
    finally:
        preview.stop()


def test_serve_rebuilds_on_save_and_tells_the_browser(tmp_path: Path) -> None:
    import threading

    from pactc.serve import WAIT_PATH

    with _preview(tmp_path) as (folder, port):
        base = f"http://127.0.0.1:{port}"
        page = _get(f"{base}/herault/pacte.html")
        first = re.search(r"var v='(\d+)'", page)
        assert first and f"{WAIT_PATH}?cle=herault&depuis=" in page and "Deux défis" in page
        assert WAIT_PATH not in (tmp_path / "build" / "herault" / "pacte.html").read_text("utf-8")
        # The page's request waits for the rebuild of its département, and is answered as soon as it is written.
        answer: list[str] = []
        waiting = threading.Thread(target=lambda: answer.append(
            _get(f"{base}{WAIT_PATH}?cle=herault&depuis={first.group(1)}")))
        waiting.start()
        time.sleep(0.3)
        assert not answer  # nothing changed yet: still waiting
        pact = folder / "pacte.yaml"
        pact.write_text(pact.read_text("utf-8").replace("Deux défis", "Trois défis"), "utf-8")
        waiting.join(20)
        assert answer and answer[0] != first.group(1)
        assert "Trois défis" in _get(f"{base}/herault/pacte.html")
        assert "index.html" in _get(base + "/") or "Pactes" in _get(base + "/")


def test_check_jsonschema_accepts_the_repository_and_rejects_the_invalid_examples() -> None:
    checker = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    if not Path(checker).exists():
        pytest.fail("check-jsonschema must be installed (test extra)")
    schemas = ROOT / "schemas"
    pacts = sorted(str(p) for p in PACTES.glob("*/pacte.yaml"))
    pdis = sorted(str(p) for p in PACTES.glob("*/pdi.yaml"))
    avenants = sorted(str(p) for p in (Path(__file__).parent / "checks").glob("PCT08*/avenants.yaml"))
    for schema, files in (("pacte", pacts), ("pdi", pdis), ("avenants", avenants)):
        proc = subprocess.run([checker, "--schemafile", str(schemas / f"{schema}.schema.json"), *files],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    invalid = sorted((Path(__file__).parent / "examples" / "invalid").glob("*.yaml"))
    for path in invalid:
        proc = subprocess.run([checker, "--schemafile", str(schemas / "pacte.schema.json"), str(path)],
                              capture_output=True, text=True)
        assert proc.returncode == 1, path.name


def _status(port: int, path: str, host: str = "localhost") -> int:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def test_serve_answers_only_localhost_and_never_lists_or_leaks(tmp_path: Path) -> None:
    with _preview(tmp_path) as (_, port):
        assert _status(port, "/herault/pacte.html") == 200
        assert _status(port, "/herault/pacte.html", f"127.0.0.1:{port}") == 200
        assert _status(port, "/herault/pacte.html", "attaquant.example") == 421  # DNS rebinding
        assert _status(port, "/herault/pacte.html", f"localhost.attaquant.example:{port}") == 421
        assert _status(port, "/.pactc-cache.json") == 404
        assert _status(port, "/herault/%00pacte.html") == 404
        assert _status(port, "/_assets/") == 404  # no directory listing
        assert _status(port, "/_assets/fonts/") == 404


def test_serve_shows_errors_in_the_page_until_they_are_fixed(tmp_path: Path) -> None:
    from pactc.serve import VERSION_PATH

    # An earlier build of another département in the same folder: the preview must not list it.
    other = tmp_path / "pactes" / "cantal"
    shutil.copytree(PACTES / "cantal", other)
    from pactc.build import build_all

    build_all((str(other),), tmp_path / "build", pdf=False)
    with _preview(tmp_path) as (folder, port):
        base = f"http://127.0.0.1:{port}"
        assert "pactc-erreurs" not in _get(f"{base}/herault/pacte.html")
        index = _get(base + "/")
        assert "herault/pacte.html" in index and "cantal/" not in index

        def wait_for_rebuild(first: str) -> None:
            deadline = time.monotonic() + 20
            while _get(base + VERSION_PATH) == first and time.monotonic() < deadline:
                time.sleep(0.1)

        pact = folder / "pacte.yaml"
        good = pact.read_text("utf-8")
        first = _get(base + VERSION_PATH)
        pact.write_text(good.replace("  titre:", "  titre: [", 1), "utf-8")  # a YAML slip
        wait_for_rebuild(first)
        page = _get(f"{base}/herault/pacte.html")
        assert 'id="pactc-erreurs"' in page and 'role="alert"' in page
        assert "pacte.yaml:" in page and "PCT001" in page  # file:line:column, code and message
        first = _get(base + VERSION_PATH)
        pact.write_text(good, "utf-8")
        wait_for_rebuild(first)
        assert "pactc-erreurs" not in _get(f"{base}/herault/pacte.html")


def test_serve_builds_a_pdf_on_demand_rather_than_open_a_stale_one(tmp_path: Path) -> None:
    with _preview(tmp_path) as (folder, port):
        stale = tmp_path / "build" / "herault" / "pacte.pdf"
        stale.write_bytes(b"%PDF-1.7 ancien")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/herault/pacte.pdf", timeout=120) as response:
            data = response.read()
        assert data.startswith(b"%PDF") and b"ancien" not in data
