"""Stage 4: integrity checks over the model. Importing this package registers them all."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..model import Pacte
from . import content, dates, glossary, ids, programme, references, signatures  # noqa: F401  (registration)
from .registry import CHECKS, Check

__all__ = ["CHECKS", "Check", "run_checks"]


def run_checks(pacte: Pacte) -> list[Diagnostic]:
    """Run every registered check on ``pacte`` and return all their diagnostics, sorted."""
    found: list[Diagnostic] = []
    for check in sorted(CHECKS, key=lambda c: c.code):
        found.extend(check.run(pacte))
    return sorted(set(found))
