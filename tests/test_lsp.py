"""``pactc lsp`` driven over stdio as an editor does, on a copy of a real pact."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from pactc.lsp import DELAI

from .conftest import PACTES
from .lsp_client import Client


@pytest.fixture
def session(tmp_path: Path):
    folder = tmp_path / "pactes" / "allier"
    shutil.copytree(PACTES / "allier", folder)
    client = Client(tmp_path)
    client.start(tmp_path)
    yield client, folder
    assert client.stop() == 0


def _open(client: Client, path: Path) -> str:
    uri = path.resolve().as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                            "text": path.read_text("utf-8")}})
    return uri


def _find(text: str, needle: str, after: str = "") -> tuple[int, int]:
    """0-based line and character of ``needle`` (after the first ``after``)."""
    start = text.index(after) if after else 0
    index = text.index(needle, start)
    line = text.count("\n", 0, index)
    return line, index - (text.rfind("\n", 0, index) + 1)


def test_a_misspelled_partner_is_reported_within_the_debounce_delay(session) -> None:
    client, folder = session
    pact = folder / "pacte.yaml"
    uri = _open(client, pact)
    assert [d for d in client.diagnostics(uri) if d["severity"] == 1] == []
    text = pact.read_text("utf-8").replace("partenaires: [pole-emploi]", "partenaires: [pole-emploie]", 1)
    sent = time.monotonic()
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": text}]})
    found = client.diagnostics(uri, where=lambda ds: any(d["code"] == "PCT021" for d in ds))
    elapsed = time.monotonic() - sent
    (d,) = [d for d in found if d["code"] == "PCT021"]
    line, character = _find(text, "pole-emploie")
    assert d["range"]["start"] == {"line": line, "character": character}
    assert "vouliez-vous dire « pole-emploi »" in d["message"] and d["source"] == "pactc"
    assert elapsed < DELAI + 2.0, elapsed  # the pause, then one check of the whole dossier
    # the quick fix replaces it
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}})
    (fix,) = [a for a in actions if a["title"] == "Remplacer par « pole-emploi »"]
    assert fix["edit"]["changes"][uri][0]["newText"] == "pole-emploi"


def test_completion_hover_definition_references_rename_and_outline(session) -> None:
    client, folder = session
    pact = folder / "pacte.yaml"
    text = pact.read_text("utf-8")
    uri = _open(client, pact)
    client.diagnostics(uri)
    # completion inside « partenaires: [ » offers the pact's partners, with their names
    line, character = _find(text, "pole-emploi]", "  - id: pe-referent-unique")
    items = client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                      "position": {"line": line, "character": character}})["items"]
    assert {i["label"] for i in items} >= {"conseil-departemental", "etat", "pole-emploi", "conseil-regional"}
    assert next(i for i in items if i["label"] == "pole-emploi")["detail"] == "Pôle Emploi"
    position = {"line": line, "character": character + 2}
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    assert "Pôle Emploi" in hover["contents"]["value"]
    definition = client.request("textDocument/definition", {"textDocument": {"uri": uri}, "position": position})
    target_line, target_char = _find(text, "pole-emploi", "  - id: pole-emploi")
    assert definition["uri"] == uri and definition["range"]["start"] == {"line": target_line,
                                                                         "character": target_char}
    assert text.split("\n")[target_line].strip() == "- id: pole-emploi"
    refs = client.request("textDocument/references", {"textDocument": {"uri": uri}, "position": position,
                                                     "context": {"includeDeclaration": False}})
    assert len(refs) == text.count("[pole-emploi]") + text.count("partenaire: pole-emploi") + \
        text.count(", pole-emploi]") + text.count("[pole-emploi,") + text.count(" pole-emploi,")
    # rename changes the definition and every use, in every file of the dossier, and nothing else
    edit = client.request("textDocument/rename", {"textDocument": {"uri": uri}, "position": position,
                                                 "newName": "france-travail"})
    renamed = text
    edits = sorted(edit["changes"][uri], key=lambda e: (e["range"]["start"]["line"],
                                                        e["range"]["start"]["character"]), reverse=True)
    lines = renamed.split("\n")
    for e in edits:
        r = e["range"]
        row = lines[r["start"]["line"]]
        assert row[r["start"]["character"]:r["end"]["character"]] == "pole-emploi"
        lines[r["start"]["line"]] = row[:r["start"]["character"]] + e["newText"] + row[r["end"]["character"]:]
    renamed = "\n".join(lines)
    assert len(edits) == len(refs) + 1 and "pole-emploi" not in renamed.replace("Pôle Emploi", "")
    assert renamed.count("france-travail") == len(edits)
    assert set(edit["changes"]) <= {uri, (folder / "pdi.yaml").resolve().as_uri()}
    # the outline: parts, partners, axes with their numbers
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    names = [s["name"] for s in symbols]
    assert "Préambule" in names and "Pôle Emploi" in names
    assert any(n.startswith("Axe 2 — ") for n in names)


def test_the_pdi_is_checked_against_the_pact(session) -> None:
    client, folder = session
    pdi = folder / "pdi.yaml"
    uri = _open(client, pdi)
    client.diagnostics(uri)
    text = pdi.read_text("utf-8").replace("    axe: pdile-axe-1\n", "    axe: pdile-axe-9\n", 1)
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": text}]})
    found = client.diagnostics(uri, where=lambda ds: any(d["code"] == "PCT022" for d in ds))
    assert any("pdile-axe-9" in d["message"] for d in found)


def test_an_invalid_file_never_crashes_the_server(session) -> None:
    client, folder = session
    pact = folder / "pacte.yaml"
    uri = _open(client, pact)
    client.diagnostics(uri)
    for garbage in ("pacte: [\n", "\x00\x01", "- a\n- b\n", "pacte:\n  titre: : :\n", ""):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                                 "contentChanges": [{"text": garbage}]})
        client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": {"line": 0, "character": 0}})
        client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                  "position": {"line": 0, "character": 0}})
        client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert client.proc.poll() is None


def test_quick_fixes_add_an_acronym_to_the_glossary_and_a_missing_signature(session) -> None:
    client, folder = session
    pact = folder / "pacte.yaml"
    text = pact.read_text("utf-8")
    uri = _open(client, pact)
    client.diagnostics(uri)
    gone = text.replace("  - partenaire: pole-emploi\n", "  - partenaire: pole-emploi-supprime\n", 1)
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": gone}]})
    found = client.diagnostics(uri, where=lambda ds: any(d["code"] == "PCT030" for d in ds))
    (d,) = [d for d in found if d["code"] == "PCT030"]
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                                        "context": {"diagnostics": [d]}})
    (fix,) = [a for a in actions if a["title"] == "Ajouter la signature de « pole-emploi »"]
    (edit,) = fix["edit"]["changes"][uri]
    assert edit["newText"].startswith("  - partenaire: pole-emploi\n")
    assert gone.split("\n")[edit["range"]["start"]["line"] - 1].startswith("  ")  # inside the signatures list
    sigle = {"range": d["range"], "message": "sigle « ZZZ » absent du glossaire : ajoutez-le", "code": "PCT050"}
    (add,) = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                                       "context": {"diagnostics": [sigle]}})
    assert "  - sigle: ZZZ\n" in add["edit"]["changes"][uri][0]["newText"]
