"""Reporters: print diagnostics as text, JSON or CI annotations. The library never prints."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable

from .diagnostics import Diagnostic, Severity

Reporter = Callable[[list[Diagnostic]], str]


#: Characters shown by name in the text reports: line breaks, control and bidirectional characters, so that
#: a value can neither start a line of its own, nor move the cursor, recolour or reorder a terminal.
_INVISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(value: str) -> str:
    """``value`` on one line, every control, separator and bidirectional character written as <U+XXXX>."""
    out = []
    for char in value:
        if char in _INVISIBLE:
            out.append(_INVISIBLE[char])
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"<U+{ord(char):04X}>")
        else:
            out.append(char)
    return "".join(out)


def text(diagnostics: list[Diagnostic]) -> str:
    """``file:line:col: severity CODE message`` lines, then a French summary; user values made visible."""
    lines = [f"{visible(d.file)}:{d.line}:{d.column}: {d.severity.value} {d.code} {visible(d.message)}"
             + (f"\n    aide : {visible(d.hint)}" if d.hint else "") for d in diagnostics]
    lines.append(summary(diagnostics))
    return "\n".join(lines)


def summary(diagnostics: list[Diagnostic]) -> str:
    """« 2 erreurs, 1 avertissement » or « aucun problème »."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    notes = len(diagnostics) - errors - warnings
    if not errors and not warnings:
        return "aucun problème" + (f" ({notes} note{'s' if notes > 1 else ''})" if notes else "")
    text = f"{errors} erreur{'s' if errors > 1 else ''}, {warnings} avertissement{'s' if warnings > 1 else ''}"
    return text + (f", {notes} note{'s' if notes > 1 else ''}" if notes else "")


def as_json(diagnostics: list[Diagnostic]) -> str:
    """A JSON object ``{"diagnostics": [...], "errors": n, "warnings": n}``."""
    count = {s: sum(d.severity is s for d in diagnostics) for s in Severity}
    return json.dumps({"diagnostics": [d.to_dict() for d in diagnostics], "errors": count[Severity.ERROR],
                       "warnings": count[Severity.WARNING], "notes": count[Severity.NOTE]},
                      ensure_ascii=False, indent=2)


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions annotations, then the plain list (GitHub shows only 10 of each).

    The plain list is printed between ``::stop-commands::`` and its token: even a line that a
    file name made start with ``::`` is then shown, never run as a workflow command.
    """
    lines = []
    for d in diagnostics:
        kind = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}[d.severity]
        props = [f"file={_escape(d.file, True)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={_escape(d.code, True)}")
        lines.append(f"::{kind} {','.join(props)}::{_escape(d.message)}")
    plain = text(diagnostics)
    token = "pactc-" + hashlib.sha256(plain.encode()).hexdigest()[:16]
    return "\n".join(lines + [f"::stop-commands::{token}", plain, f"::{token}::"])


def gitlab(diagnostics: list[Diagnostic]) -> str:
    """A GitLab Code Quality report: a JSON array; fingerprints ignore line numbers so issues track across edits."""
    severity = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTE: "info"}
    entries = []
    for d in diagnostics:
        fingerprint = hashlib.sha256(f"{d.file}|{d.code}|{d.message}".encode()).hexdigest()
        entries.append({"description": f"{d.code} {d.message}", "check_name": d.code, "fingerprint": fingerprint,
                        "severity": severity[d.severity],
                        "location": {"path": d.file, "lines": {"begin": max(d.line, 1)}}})
    return json.dumps(entries, ensure_ascii=False, indent=2)


REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "github": github, "gitlab": gitlab}
