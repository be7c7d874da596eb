"""The loader: positions, refusals, encodings, YAML 1.1 pitfalls."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactc.load import load_bytes

P = Path("x.yaml")


def load(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(raw, P, "x.yaml")


def codes(loaded) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in loaded.diagnostics]


def test_positions_point_at_values() -> None:
    loaded = load("a:\n  b: 1\n  c:\n    - x\n    - y\n")
    assert loaded.position(("a", "b")).line == 2
    assert loaded.position(("a", "b")).column == 6
    assert loaded.position(("a", "c", 1)).line == 5
    assert loaded.position(("a", "c", 1)).column == 7


def test_unknown_path_falls_back_to_nearest_ancestor() -> None:
    loaded = load("a:\n  b: 1\n")
    assert loaded.position(("a", "b", "zz", 3)).line == 2


def test_implicit_yaml11_types_stay_strings() -> None:
    loaded = load("a: NO\nb: 2018-10-25\nc: yes\nd: 1.10\ne: 01\nf: true\ng: 12\nh: on\n")
    assert loaded.data == {"a": "NO", "b": "2018-10-25", "c": "yes", "d": 1.1, "e": "01", "f": True,
                           "g": 12, "h": "on"}


def test_quoted_numbers_stay_strings() -> None:
    assert load('code: "03"\n').data == {"code": "03"}


def test_duplicate_key_is_refused_with_position() -> None:
    loaded = load("a: 1\nb: 2\na: 3\n")
    assert loaded.data is None
    assert codes(loaded) == [("PCT003", 3, 1)]
    assert "ligne 1" in loaded.diagnostics[0].message


@pytest.mark.parametrize("text,line", [("a: &x 1\nb: *x\n", 1), ("a: 1\nb: *x\n", 2)])
def test_anchors_and_aliases_are_refused(text: str, line: int) -> None:
    loaded = load(text)
    assert loaded.data is None
    assert loaded.diagnostics[0].code == "PCT004"
    assert loaded.diagnostics[0].line == line


def test_alias_bomb_is_refused_instantly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20))
    loaded = load(bomb)
    assert loaded.data is None and loaded.diagnostics[0].code == "PCT004"


def test_python_tags_are_refused() -> None:
    loaded = load("a: !!python/object/apply:os.system ['true']\n")
    assert loaded.data is None
    assert codes(loaded)[0][0] in ("PCT005", "PCT001")


def test_custom_tag_is_refused() -> None:
    loaded = load("a: !secret 1\n")
    assert codes(loaded) == [("PCT005", 1, 4)]


def test_not_utf8_is_reported_with_position() -> None:
    loaded = load(b"a: 1\nb: caf\xe9\n")
    assert loaded.data is None
    assert codes(loaded) == [("PCT002", 2, 7)]


def test_bom_and_crlf_load_like_unix_files() -> None:
    unix = load("a:\n  b: 1\nc: x\n")
    windows = load(b"\xef\xbb\xbfa:\r\n  b: 1\r\nc: x\r\n")
    assert windows.data == unix.data
    assert windows.positions == unix.positions


def test_tab_indentation_is_a_clear_syntax_error() -> None:
    loaded = load("a:\n\tb: 1\n")
    assert loaded.data is None
    assert loaded.diagnostics[0].code == "PCT001"
    assert loaded.diagnostics[0].line == 2
    assert "tabulation" in loaded.diagnostics[0].message


@pytest.mark.parametrize("text", ["", "# rien\n", "- a\n- b\n", "juste du texte\n"])
def test_document_must_be_a_mapping(text: str) -> None:
    loaded = load(text)
    assert loaded.data is None
    assert loaded.diagnostics[0].code == "PCT006"


def test_two_documents_are_refused() -> None:
    assert load("a: 1\n---\nb: 2\n").diagnostics[0].code == "PCT006"


def test_deep_nesting_is_refused() -> None:
    loaded = load("a: " + "[" * 200 + "]" * 200 + "\n")
    assert loaded.data is None
    assert loaded.diagnostics[0].code == "PCT007"


_MINIMAL = (Path(__file__).parent / "minimal.yaml").read_text("utf-8")


@pytest.mark.parametrize(("name", "before", "after", "line", "expected"), [
    ("une espace de trop", "  titre: Pacte d'exemple\n", "   titre: Pacte d'exemple\n", 8,
     "indentation ligne 8 : 3 espaces ici, 2 attendus"),
    ("une espace de trop dans une liste", "    nom: Conseil départemental\n", "     nom: Conseil départemental\n",
     20, "indentation ligne 20 : 5 espaces ici, 4 attendus"),
    ("une espace de moins", "  titre: Pacte d'exemple\n", " titre: Pacte d'exemple\n", 8,
     "indentation ligne 8 : 1 espace ici, 2 attendus"),
    ("un tiret oublié", "  - id: pole-emploi\n", "  id: pole-emploi\n", 22, "tiret manquant ligne 22"),
])
def test_common_indentation_slips_are_named_as_such(name: str, before: str, after: str, line: int,
                                                   expected: str) -> None:
    loaded = load(_MINIMAL.replace(before, after, 1))
    (diag,) = loaded.diagnostics
    assert diag.code == "PCT001" and diag.line == line and expected in diag.message, (name, diag)


def test_a_dash_forgotten_inside_a_list_item_is_hinted() -> None:
    loaded = load(_MINIMAL.replace("  - id: pole-emploi\n", "    id: pole-emploi\n", 1))
    (diag,) = loaded.diagnostics
    assert diag.code == "PCT003" and diag.hint and "« - »" in diag.hint


@pytest.mark.parametrize("word", ["oui", "non", "vrai"])
def test_oui_non_for_a_boolean_says_true_or_false(word: str) -> None:
    from pactc.schema import validate

    loaded = load(_MINIMAL.replace("    signataire: true\n", f"    signataire: {word}\n", 1))
    (diag,) = [d for d in validate(loaded) if d.code == "PCT012"]
    assert diag.hint and "true (pour oui) ou false (pour non)" in diag.hint
