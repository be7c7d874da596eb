"""The registry of integrity checks: each has a stable code, a name, a severity and a docstring.

A check yields :class:`Finding` objects (where, what, how to fix) and nothing
else; the registry stamps each one with the check's code and severity, in the
spirit of yamllint's rules, so that neither is ever written twice or drifts.
Codes are never renumbered. The first line of a check's docstring is its
summary; the rest documents the problem and its fix (it feeds ``docs/``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..codes import Code, declare
from ..diagnostics import Diagnostic, Severity
from ..load import LoadedFile, Position
from ..model import Dossier, Pacte
from ..tableur import Tableau


@dataclass(frozen=True)
class Finding:
    """A problem a check found: in which file, where, what it is and how to fix it.

    In a YAML file the place is a path of keys (``chemin``); in a CSV table, a cell's position.
    """

    source: LoadedFile | Tableau
    chemin: tuple[str | int, ...] | Position
    message: str
    hint: str | None = None

    def diagnostic(self, code: str, severity: Severity) -> Diagnostic:
        """The finding as a diagnostic with ``code`` and ``severity``, at its line and column."""
        if isinstance(self.source, Tableau):
            assert isinstance(self.chemin, Position)
            return self.source.diagnostic(self.chemin, code, self.message, hint=self.hint, severity=severity)
        assert isinstance(self.chemin, tuple)
        return self.source.diagnostic(self.chemin, code, self.message, hint=self.hint, severity=severity)


CheckFunction = Callable[[Dossier], Iterator[Finding]]


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

    def run(self, dossier: Dossier) -> list[Diagnostic]:
        """Every problem this check finds in ``dossier``, stamped with the check's code and severity."""
        return [f.diagnostic(self.code, self.severity) for f in self.function(dossier)]


CHECKS: list[Check] = []


def check(code: str, name: str, severity: Severity = Severity.ERROR) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under ``code`` (declared once, in the one registry of codes)."""

    def register(function: CheckFunction) -> CheckFunction:
        declare(Code(code, name, "vérification", (function.__doc__ or "").strip(), severity))
        CHECKS.append(Check(code, name, severity, function))
        return function

    return register


def finding(where: Pacte | LoadedFile, chemin: tuple[str | int, ...], message: str,
            hint: str | None = None) -> Finding:
    """A finding at ``chemin`` in the pact's file, or in the given file (the PDI's)."""
    return Finding(where.source if isinstance(where, Pacte) else where, chemin, message, hint)
