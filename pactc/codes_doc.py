"""``docs/diagnostics.md``: every code's documentation, with a real failing example and its message.

Kept apart from :mod:`pactc.codes` (the registry every stage imports) because
it needs the checks and the checker, which themselves import the registry.
"""

from __future__ import annotations

from pathlib import Path

from . import checks  # noqa: F401  (importing the checks declares their codes)
from .codes import REGISTRY, Code


def all_codes() -> list[Code]:
    """Every code, sorted."""
    return sorted(REGISTRY.values(), key=lambda c: c.code)


def _dedent(doc: str) -> str:
    lines = doc.splitlines()
    return "\n".join([lines[0].strip()] + [line[4:] if line.startswith("    ") else line.strip() for line in lines[1:]])


def _example(code: str, cases: list[Path]) -> list[str]:
    """A failing example of ``code`` taken from the test cases: the YAML around the problem and the message."""
    from .dossier import check_source
    from .project import PACT_FILE, Source

    for case in cases:
        pacte = case / PACT_FILE if case.is_dir() else case
        diagnostics = [d for d in check_source(Source(case.name, pacte.parent, pacte)).diagnostics if d.code == code]
        if not diagnostics or not diagnostics[0].line:
            continue
        d = diagnostics[0]
        where = Path(d.file)
        try:
            lines = where.read_bytes().decode("utf-8", "replace").splitlines()
        except OSError:
            continue
        first = max(0, d.line - 3)
        excerpt = [f"{n + 1:>4} | {text[:110]}" for n, text in enumerate(lines[first:d.line + 1], start=first)]
        return ["", "Exemple (`" + where.name + "`) :", "", "```", *excerpt, "```", "", "Diagnostic :", "", "```",
                f"{where.name}:{d.line}:{d.column}: {d.severity.value} {d.code} {d.message}", "```"]
    return []


def diagnostics_markdown(examples: Path | None = None) -> str:
    """``docs/diagnostics.md``: every code with its documentation, generated from the code itself.

    With ``examples`` (the test suite's folder), each code also shows a real failing case and the
    message pactc gives for it.
    """
    from .checks.registry import CHECKS as registered

    severities = {c.code: c.severity.value for c in registered}
    out = ["# Les diagnostics de pactc", "",
           "Ce fichier est généré à partir du code et des cas de test "
           "(`python -m pactc.codes tests > docs/diagnostics.md`) :",
           "ne le modifiez pas à la main.", "",
           "Chaque diagnostic s'affiche ainsi : `fichier:ligne:colonne: gravité CODE message`. "
           "Une **erreur** empêche la compilation ; un **avertissement** ne la bloque que "
           "sous `--strict` ; une **note** (rapport de complétude) ne la bloque jamais.", "",
           "| code | nom | étape | gravité | résumé |", "|---|---|---|---|---|"]
    for c in all_codes():
        summary = _dedent(c.doc).split("\n")[0]
        severity = {"warning": "avertissement", "note": "note"}.get(severities.get(c.code, ""), "erreur")
        out.append(f"| [{c.code}](#{c.code.lower()}) | {c.name} | {c.stage} | {severity} | {summary} |")
    cases = _cases(examples) if examples else {}
    for c in all_codes():
        out += ["", f"## {c.code}", "", f"`{c.name}` — étape : {c.stage}", "", _dedent(c.doc)]
        out += _example(c.code, cases.get(c.code, []))
    return "\n".join(out) + "\n"


def _cases(tests: Path) -> dict[str, list[Path]]:
    """Failing cases per code: tests/checks/<code>.ko*, then tests/bad/<case> from its ATTENDUS list."""
    found: dict[str, list[Path]] = {}
    for case in sorted((tests / "checks").glob("PCT*.ko*")):
        found.setdefault(case.name.split(".")[0].split("-")[0], []).append(case)
    manifest = tests / "bad" / "ATTENDUS.txt"
    if manifest.is_file():
        for line in manifest.read_text("utf-8").splitlines():
            if line and not line.startswith("#"):
                name, code = line.split()[:2]
                found.setdefault(code, []).append(tests / "bad" / name)
    return found


if __name__ == "__main__":
    import sys

    print(diagnostics_markdown(Path(sys.argv[1]) if len(sys.argv) > 1 else None), end="")
