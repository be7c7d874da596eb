"""Printing diffs: a terminal summary and list, or the stable JSON document."""

from __future__ import annotations

import json
from typing import Any

from .changes import KINDS, OP_NAMES, OPS, Diff

OP_MARKS = {"added": "+", "removed": "-", "renamed": "~", "reidentified": "~", "modified": "~", "moved": ">",
            "renumbered": "#"}


def _short(value: Any, limit: int = 70) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def inline_redline(segments: list[tuple[str, str]]) -> str:
    """``[-supprimé-]{+inséré+}`` marks, as ``git diff --word-diff`` prints them."""
    return "".join(text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}" for op, text in segments)


def text(diffs: list[Diff]) -> str:  # noqa: C901 — one branch per kind of change, printed in order
    """A summary of counts per kind of entity, then every change."""
    lines: list[str] = []
    for d in diffs:
        lines.append(f"== {d.departement or '?'} : {d.old} → {d.new}")
        if not d.changes:
            lines.append("aucune différence")
            continue
        for kind, ops in sorted(d.counts().items(), key=lambda kv: list(KINDS).index(kv[0])):
            parts = ", ".join(f"{n} {OP_NAMES[op]}{'s' if n > 1 and op not in ('reidentified',) else ''}"
                              for op, n in sorted(ops.items(), key=lambda kv: OPS.index(kv[0])))
            lines.append(f"  {KINDS[kind]:<14} {parts}")
        lines.append("")
        for c in d.changes:
            head = f"{OP_MARKS[c.op]} {OP_NAMES[c.op]:<19} {KINDS[c.kind]:<12} {c.path}"
            if c.op == "reidentified":
                head += f" (ancien identifiant : {c.old_id})"
            elif c.op in ("moved", "renumbered"):
                head += f" : {c.before} → {c.after}"
                if c.numeros:
                    head += f" ({c.numeros[0]} → {c.numeros[1]})"
            elif c.fields:
                head += f" ({', '.join(c.fields)})"
            lines.append(head)
            for name, segments in c.redlines.items():
                lines.append(f"      {name} : {_short(inline_redline(segments), 400)}")
            for name in c.fields:
                if c.op in ("modified", "renamed") and name not in c.redlines:
                    lines.append(f"      {name} : {_short(c.before.get(name))} → {_short(c.after.get(name))}")
    total = sum(len(d.changes) for d in diffs)
    lines.append(f"{total} changement{'s' if total > 1 else ''}")
    return "\n".join(lines)


def as_json(diffs: list[Diff]) -> str:
    """The documented JSON document: ``{"old", "new", "changes": [...]}``; changes name their département."""
    old = diffs[0].old if diffs else ""
    new = diffs[0].new if diffs else ""
    changes = [change for d in diffs for change in d.to_dict()["changes"]]
    return json.dumps({"old": old, "new": new, "changes": changes}, ensure_ascii=False, indent=2)
