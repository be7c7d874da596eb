"""Properties: the loader never crashes, and any valid pact checks clean and renders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pactc.diagnostics import Severity
from pactc.dossier import check_source
from pactc.load import load_bytes
from pactc.project import Source
from pactc.render.html import render_html

from .strategies import pactes


@given(st.binary(max_size=400))
def test_loader_never_raises_on_bytes(raw: bytes) -> None:
    loaded = load_bytes(raw, Path("x.yaml"), "x.yaml")
    assert (loaded.data is None) == bool(loaded.diagnostics)


@given(st.text(alphabet=st.sampled_from("ab:-[]{}&*!|>'\"# \n\t,?%@`"), max_size=200))
def test_loader_never_raises_on_yaml_like_text(text: str) -> None:
    loaded = load_bytes(text.encode("utf-8"), Path("x.yaml"), "x.yaml")
    for d in loaded.diagnostics:
        assert d.code.startswith("PCT") and d.line >= 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pactes())
def test_any_valid_pact_checks_clean_and_renders(tmp_path: Path, pacte: dict[str, Any]) -> None:
    path = tmp_path / "pacte.yaml"
    path.write_text(yaml.safe_dump(pacte, allow_unicode=True, sort_keys=False), "utf-8")
    result = check_source(Source("genere", tmp_path, path))
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert errors == []
    assert result.pacte is not None
    html = render_html(result.pacte, font_base="fonts").html
    assert html.startswith("<!DOCTYPE html>") and 'lang="fr"' in html
    for partner in pacte["partenaires"]:
        if result.pacte.a_un_chapitre(result.pacte.partenaires_par_id[partner["id"]]):
            assert f'id="{partner["id"]}"' in html


def _mutate(data: Any, draw: st.DrawFn, depth: int = 0) -> Any:
    """A random mutation somewhere in ``data``: a wrong type, a dropped key, a bad reference…"""
    if isinstance(data, dict) and data and depth < 6:
        key = draw(st.sampled_from(sorted(data)))
        action = draw(st.sampled_from(["descend", "drop", "replace", "add"]))
        copy = dict(data)
        if action == "descend":
            copy[key] = _mutate(copy[key], draw, depth + 1)
        elif action == "drop":
            del copy[key]
        elif action == "replace":
            copy[key] = draw(_junk)
        else:
            copy[draw(st.text(min_size=1, max_size=8))] = draw(_junk)
        return copy
    if isinstance(data, list) and data and depth < 6:
        i = draw(st.integers(0, len(data) - 1))
        copy = list(data)
        copy[i] = _mutate(copy[i], draw, depth + 1) if draw(st.booleans()) else draw(_junk)
        return copy
    return draw(_junk)


_junk = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 3000) | st.text(max_size=12) | st.sampled_from(
        ["pole-emploi", "2018-02-30", "#lien", "[x](#inconnu)", "a_developper", "RSA", "x" * 70]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pactes(), st.data())
def test_checks_never_crash_on_mutated_pacts(tmp_path: Path, pacte: dict[str, Any], data: st.DataObject) -> None:
    mutated = _mutate(pacte, data.draw)
    path = tmp_path / "pacte.yaml"
    path.write_text(yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False), "utf-8")
    result = check_source(Source("mute", tmp_path, path))  # must not raise
    for d in result.diagnostics:
        assert d.code.startswith("PCT") and d.message


REAL = sorted(p.parent for p in (Path(__file__).parent.parent / "pactes").glob("*/pacte.yaml"))
_hostile_text = st.lists(st.sampled_from(list("aé «»*_[]()#<>&\"'`|\\-:;!?%0123456789\n") + [
    "<script>", "javascript:", "](#inconnu)", "![x](/etc/passwd)", "RSA", "\u00a0", "€", "9" * 20]),
    max_size=12).map("".join)


#: Keys whose value is free text (so that a hostile rewrite keeps the pact valid and reaches rendering).
_TEXT_KEYS = {"texte", "titre", "intro", "conclusion", "libelle", "nom", "qualite", "description", "presentation",
              "contexte", "items", "sous_titre", "slogan", "definition", "missions", "composition", "suivi", "pour"}


def _text_leaves(data: Any) -> list[tuple[Any, ...]]:
    """The paths of the free-text strings of ``data``."""
    return [p for p in _leaves(data) if any(isinstance(k, str) and k in _TEXT_KEYS for k in p[-3:])]


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths of every string of ``data``."""
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in _leaves(v, path + (k,))]
    if isinstance(data, list):
        return [leaf for i, v in enumerate(data) for leaf in _leaves(v, path + (i,))]
    return [path] if isinstance(data, str) else []


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy: Any = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = _replace(copy[head], rest, value)
    return copy


def mutate_real(folder: Path, draw: st.DrawFn, target: Path) -> None:
    """A real pact (and its programme) with a few strings rewritten hostile, or one structural mutation."""
    for name in ("pacte.yaml", "pdi.yaml"):
        if not (folder / name).is_file():
            continue
        data = yaml.safe_load((folder / name).read_text("utf-8"))
        if draw(st.integers(0, 4)) > 0:
            leaves = _text_leaves(data)
            for _ in range(draw(st.integers(1, 4))):
                data = _replace(data, draw(st.sampled_from(leaves)), draw(_hostile_text))
        else:
            data = _mutate(data, draw)
        (target / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


# Bounded for CI (no shrinking: a failure prints its seed); benchmarks/fuzz.py runs it for minutes.
@settings(max_examples=25, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(REAL), st.data())
def test_mutated_real_pacts_check_and_render_without_crashing(tmp_path: Path, folder: Path,
                                                              data: st.DataObject) -> None:
    """Mutated real pacts go through check and, when they check clean, through rendering: the HTML of every
    document each time, the PDF on a sample. Nothing the checks let through may crash a renderer."""
    import shutil
    import tempfile

    from pactc.build import render_document

    target = Path(tempfile.mkdtemp(dir=tmp_path, prefix="mute-"))  # one folder per example (tmp_path is shared)
    shutil.rmtree(tmp_path / "build", ignore_errors=True)
    mutate_real(folder, data.draw, target)
    result = check_source(Source("mute", target, target / "pacte.yaml"))  # must not raise
    if result.failed(False) or result.pacte is None:
        return
    from pactc.documents import documents_for

    pdf = data.draw(st.integers(0, 9)) == 0
    assert result.dossier is not None
    for doc in documents_for(result.dossier):
        files, problems, _ = render_document(Source("mute", target, target / "pacte.yaml"), result.dossier,
                                             doc.name, tmp_path / "build", pdf)  # must not raise
        assert files and all(p.code.startswith("PCT") for p in problems)
