"""The one diagnostic type every stage reports, and the list that collects them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.Enum):
    """How serious a diagnostic is. Errors fail; warnings fail only with --strict."""

    ERROR = "error"
    WARNING = "warning"
    #: Information (a completeness report): never fails, not even with --strict.
    NOTE = "note"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem found in a source file, at a 1-based line and column.

    ``line`` and ``column`` are 0 when the problem concerns the whole file.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str
    hint: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``--format json``."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }


def has_errors(diagnostics: list[Diagnostic], strict: bool = False) -> bool:
    """True when ``diagnostics`` must fail the run (warnings count under ``strict``)."""
    return any(d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING) for d in diagnostics)
