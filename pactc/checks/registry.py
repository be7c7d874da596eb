"""The registry of integrity checks: each has a stable code, a name and a docstring.

Codes are never renumbered. The first line of a check's docstring is its
summary; the rest documents the problem and its fix (it feeds ``docs/``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..diagnostic import Diagnostic, Severity
from ..load import LoadedFile
from ..model import Pacte

CheckFunction = Callable[[Pacte], Iterator[Diagnostic]]


@dataclass(frozen=True)
class Check:
    """An integrity check and its identity."""

    code: str
    name: str
    severity: Severity
    function: CheckFunction

    @property
    def doc(self) -> str:
        """The check's docstring, its documentation."""
        return (self.function.__doc__ or "").strip()

    def run(self, pacte: Pacte) -> list[Diagnostic]:
        """Every problem this check finds in ``pacte``."""
        return list(self.function(pacte))


CHECKS: list[Check] = []


def check(code: str, name: str, severity: Severity = Severity.ERROR) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under ``code``."""

    def register(function: CheckFunction) -> CheckFunction:
        if any(c.code == code for c in CHECKS):
            raise ValueError(f"code {code} already registered")
        CHECKS.append(Check(code, name, severity, function))
        return function

    return register


def at(where: Pacte | LoadedFile, chemin: tuple[str | int, ...], code: str, message: str,
       hint: str | None = None, severity: Severity = Severity.ERROR) -> Diagnostic:
    """A diagnostic placed at ``chemin`` in the pact's file, or in the given file (the PDI's)."""
    source = where.source if isinstance(where, Pacte) else where
    return source.diagnostic(chemin, code, message, hint=hint, severity=severity)
