"""Properties: the loader never crashes, and any valid pact checks clean and renders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactc.checker import check_source
from pactc.diagnostic import Severity
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
