"""load → validate → build the model → check, for one pact."""

from __future__ import annotations

from dataclasses import dataclass

from .checks import run_checks
from .diagnostic import Diagnostic, has_errors
from .load import load_file
from .model import Pacte, build_model
from .project import Source
from .schema import validate


@dataclass(frozen=True)
class CheckResult:
    """What checking one pact gave: its model (when valid enough) and every diagnostic."""

    source: Source
    pacte: Pacte | None
    diagnostics: tuple[Diagnostic, ...]

    def failed(self, strict: bool = False) -> bool:
        """True when this pact must not be built."""
        return self.pacte is None or has_errors(list(self.diagnostics), strict)


def check_source(source: Source) -> CheckResult:
    """Run every stage up to the integrity checks on ``source``, collecting all problems."""
    loaded = load_file(source.pacte, source.display)
    if loaded.data is None:
        return CheckResult(source, None, loaded.diagnostics)
    schema_problems = validate(loaded)
    if schema_problems:
        # The model needs schema-valid data; integrity checks wait for the fix.
        return CheckResult(source, None, tuple(schema_problems))
    pacte = build_model(loaded, source.slug)
    return CheckResult(source, pacte, tuple(run_checks(pacte)))
