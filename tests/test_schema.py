"""The schema: folders of valid and invalid examples, each invalid one with its expected code and position."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from pactc.diagnostics import Severity
from pactc.dossier import check_source
from pactc.project import Source
from pactc.schema import load_schema

HERE = Path(__file__).parent
VALID = sorted((HERE / "examples" / "valid").glob("*.yaml"))
INVALID = sorted((HERE / "examples" / "invalid").glob("*.yaml"))
EXPECTED = re.compile(r"^# attendu: (PCT\d{3}) (\d+):(\d+)")


def check(path: Path):
    return check_source(Source(path.stem, path.parent, path))


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_examples_have_no_error(path: Path) -> None:
    result = check(path)
    assert result.pacte is not None
    assert [d for d in result.diagnostics if d.severity is Severity.ERROR] == []


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_examples_report_their_code_at_their_position(path: Path) -> None:
    match = EXPECTED.match(path.read_text("utf-8"))
    assert match, f"{path.name} must start with '# attendu: PCTnnn ligne:colonne'"
    code, line, column = match[1], int(match[2]), int(match[3])
    found = [(d.code, d.line, d.column) for d in check(path).diagnostics]
    assert (code, line, column) in found


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema("pacte")
    Draft202012Validator.check_schema(schema)
    assert schema["$id"].startswith("urn:")


def test_schema_has_no_remote_reference() -> None:
    text = json.dumps(load_schema("pacte"))
    refs = re.findall(r'"\$ref": "([^"]+)"', text)
    assert refs and all(ref.startswith("#/") for ref in refs)


def _properties(node: object, path: str = ""):
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}.{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{path}[{i}]")


@pytest.mark.parametrize("name", ["pacte", "pdi", "avenants", "suivi"])
def test_every_property_has_french_help_or_a_documented_reference(name: str) -> None:
    schema = load_schema(name)
    for where, prop in _properties(schema):
        target = prop
        if "$ref" in prop and "title" not in prop:
            ref = prop["$ref"]
            owner = schema if ref.startswith("#") else load_schema(ref.split(".schema.json")[0])
            target = owner["$defs"][ref.split("/")[-1]]
        assert "title" in target or "description" in target, f"{name} : {where} n'a ni titre ni description"


def test_every_object_refuses_unknown_keys() -> None:
    def objects(node: object):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for sub in node.values():
                yield from objects(sub)
        elif isinstance(node, list):
            for sub in node:
                yield from objects(sub)

    for obj in objects(load_schema("pacte")):
        assert obj.get("additionalProperties") is False, obj.get("title")


def test_repository_schema_is_the_shipped_schema() -> None:
    shipped = load_schema("pacte")
    assert json.loads((HERE.parent / "schemas" / "pacte.schema.json").read_text("utf-8")) == shipped
