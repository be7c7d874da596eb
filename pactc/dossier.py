"""load → validate → build the model → check, for one pact."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .checks import run_checks
from .diagnostics import Diagnostic, has_errors
from .load import LoadedFile, load_file
from .model import Dossier, Pacte, build_avenants, build_model, build_programme
from .project import Source, display_path
from .schema import validate


@dataclass(frozen=True)
class CheckResult:
    """What checking one département gave: its dossier (when valid enough) and every diagnostic."""

    source: Source
    dossier: Dossier | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def pacte(self) -> Pacte | None:
        """The dossier's pact, when it got that far."""
        return None if self.dossier is None else self.dossier.pacte

    def failed(self, strict: bool = False) -> bool:
        """True when this dossier must not be built."""
        return self.dossier is None or has_errors(list(self.diagnostics), strict)


def check_source(source: Source) -> CheckResult:
    """Run every stage up to the integrity checks on ``source``, collecting all problems."""
    programme_file, avenants_file = source.pdi, source.avenants
    return check_loaded(source, load_file(source.pacte, source.display),
                        None if programme_file is None else load_file(programme_file, display_path(programme_file)),
                        None if avenants_file is None else load_file(avenants_file, display_path(avenants_file)))


def check_loaded(source: Source, pacte_file: LoadedFile, pdi_file: LoadedFile | None,
                 avenants_file: LoadedFile | None = None) -> CheckResult:
    """Validate, build and check already-loaded files (from disk, or from a git revision)."""
    loaded = _validated(pacte_file, "pacte")
    loaded_pdi = None if pdi_file is None else _validated(pdi_file, "pdi")
    loaded_avenants = None if avenants_file is None else _validated(avenants_file, "avenants")
    problems = [*loaded.diagnostics, *(loaded_pdi.diagnostics if loaded_pdi else ()),
                *(loaded_avenants.diagnostics if loaded_avenants else ())]
    if problems:
        # The model needs schema-valid data; integrity checks wait for the fix.
        return CheckResult(source, None, tuple(sorted(problems)))
    dossier = Dossier(build_model(loaded, source.slug),
                      None if loaded_pdi is None else build_programme(loaded_pdi),
                      None if loaded_avenants is None else build_avenants(loaded_avenants))
    return CheckResult(source, dossier, tuple(run_checks(dossier)))


def _validated(loaded: LoadedFile, schema: str) -> LoadedFile:
    """``loaded`` with the schema's diagnostics added."""
    if loaded.data is None:
        return loaded
    return replace(loaded, diagnostics=tuple(validate(loaded, schema)))
