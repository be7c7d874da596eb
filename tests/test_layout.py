"""The package shows its pipeline: no import cycle, and each stage takes only from the ones before it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pactc"


def _imports() -> dict[str, set[str]]:
    """Module → the pactc modules it imports (TYPE_CHECKING and function-level imports included)."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package[:len(package) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                for candidate in [target] + [f"{target}.{alias.name}" for alias in node.names]:
                    if candidate in modules and candidate != name:
                        graph[name].add(candidate)
            elif isinstance(node, ast.Import):
                graph[name].update(alias.name for alias in node.names if alias.name in modules)
    return graph


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    stack = list(graph[start])
    while stack:
        module = stack.pop()
        if module not in seen:
            seen.add(module)
            stack.extend(graph[module])
    return seen


def test_no_import_cycle() -> None:
    graph = _imports()
    cycles = sorted(m for m in graph if m in _reachable(graph, m) and m != "pactc")
    assert cycles == []


def test_render_takes_nothing_from_checks_nor_from_printers() -> None:
    graph = _imports()
    for module, targets in graph.items():
        if module.startswith("pactc.render"):
            assert not {t for t in targets if t.startswith(("pactc.checks", "pactc.dossier", "pactc.diff.printers"))}, \
                module


def test_the_model_takes_nothing_from_later_stages() -> None:
    graph = _imports()
    for module in (m for m in graph if m.startswith("pactc.model")):
        later = {t for t in _reachable(graph, module)
                 if t.startswith(("pactc.checks", "pactc.render", "pactc.build", "pactc.diff", "pactc.cli"))}
        assert later == set(), module


def test_loaded_data_is_read_only_by_the_stages_before_the_model() -> None:
    """After the model is built, later stages read the model (and its frozen snapshots), never ``LoadedFile.data``."""
    allowed = {"pactc/load.py", "pactc/schema.py", "pactc/dossier.py", "pactc/model/pacte.py",
               "pactc/model/programme.py", "pactc/model/avenant.py", "pactc/model/suivi.py"}
    readers = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("data", "raw"):
                readers.add(path.relative_to(PACKAGE.parent).as_posix())
    assert readers <= allowed, sorted(readers - allowed)


def test_the_model_snapshot_cannot_be_changed() -> None:
    import pickle

    import pytest

    from pactc.dossier import check_source
    from pactc.project import discover

    sources, _ = discover((str(PACKAGE.parent / "pactes" / "allier"),))
    source = sources[0]
    dossier = check_source(source).dossier
    assert dossier is not None and dossier.programme is not None
    partenaire = dossier.pacte.partenaires[0]
    with pytest.raises(TypeError):
        partenaire.champs["nom"] = "autre"  # type: ignore[index]
    assert isinstance(partenaire.champs.get("territoires", ()), tuple)
    fiche = dossier.programme.fiches[0]
    assert pickle.loads(pickle.dumps(fiche)).champs == fiche.champs


def test_every_package_of_pactc_is_shipped() -> None:
    """An installed pactc (pip install from a tag) has every sub-package, not only those of the source tree."""
    import tomllib

    root = Path(__file__).resolve().parent.parent
    declared = set(tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(root).parts) for p in (root / "pactc").rglob("__init__.py")}
    assert found <= declared, sorted(found - declared)
