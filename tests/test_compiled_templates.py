"""Compiled templates kept between runs (Jinja's bytecode cache): never stale, never in the way."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from pactc.render import html as html_module


def test_the_environment_keeps_its_compiled_templates_under_names_of_its_own() -> None:
    cache = html_module.environment().bytecode_cache
    assert isinstance(cache, html_module._CompiledTemplates)
    assert cache.pattern.startswith("pactc-") and cache.pattern.endswith("-%s.cache")


def test_another_pactc_never_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """The names carry pactc's version and the environment's settings, which shape the compiled code."""
    mine = html_module._compiled_templates()
    monkeypatch.setattr(html_module, "__version__", "99.0.0")
    other = html_module._compiled_templates()
    assert mine is not None and other is not None and mine.pattern != other.pattern


def test_a_template_changed_since_is_compiled_again(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("un", "utf-8")
    cache = html_module._CompiledTemplates(directory=str(tmp_path / "cache"), pattern="essai-%s.cache")
    (tmp_path / "cache").mkdir()
    first = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
    assert first.get_template("t.j2").render() == "un"
    assert list((tmp_path / "cache").iterdir())
    (tmp_path / "t.j2").write_text("deux", "utf-8")
    again = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
    assert again.get_template("t.j2").render() == "deux"


def test_a_cache_that_cannot_be_written_never_fails_a_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    (tmp_path / "t.j2").write_text("{{ 1 + 1 }}", "utf-8")
    cache = html_module._CompiledTemplates(directory=str(tmp_path), pattern="essai-%s.cache")
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full)
    env = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
    assert env.get_template("t.j2").render() == "2"
