"""Stage 4: integrity checks over the model. Importing this package registers them all."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..model import Dossier
from . import avenants, content, dates, glossary, ids, programme, references, signatures, suivi  # noqa: F401  (registration)
from .registry import CHECKS, Check

__all__ = ["CHECKS", "Check", "run_checks"]


def run_checks(dossier: Dossier) -> list[Diagnostic]:
    """Run every registered check on ``dossier`` and return all their diagnostics, sorted."""
    found: list[Diagnostic] = []
    for check in sorted(CHECKS, key=lambda c: c.code):
        found.extend(check.run(dossier))
    return sorted(set(found))
