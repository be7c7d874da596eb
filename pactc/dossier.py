"""load → validate → build the model → check, for one pact."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .checks import run_checks
from .diagnostics import Diagnostic, has_errors
from .load import LoadedFile, load_file
from .model import Dossier, Pacte, build_avenants, build_model, build_programme, build_suivi
from .model.suivi import COLONNES_AVANCEMENT, COLONNES_VALEURS, OBLIGATOIRES_AVANCEMENT, OBLIGATOIRES_VALEURS
from .project import Source, display_path
from .schema import validate
from .tableur import Tableau, lire_tableau


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
                        None if avenants_file is None else load_file(avenants_file, display_path(avenants_file)),
                        _suivi_files(source))


@dataclass(frozen=True)
class SuiviFiles:
    """The monitoring files of a dossier, read: the definitions and the two CSV tables."""

    indicateurs: LoadedFile
    valeurs: Tableau | None
    avancement: Tableau | None


def _suivi_files(source: Source) -> SuiviFiles | None:
    path = source.suivi
    if path is None:
        return None
    tables = []
    for name, columns, required in (("valeurs.csv", COLONNES_VALEURS, OBLIGATOIRES_VALEURS),
                                    ("avancement.csv", COLONNES_AVANCEMENT, OBLIGATOIRES_AVANCEMENT)):
        csv = path.parent / name
        tables.append(lire_tableau(csv, display_path(csv), columns, required) if csv.is_file() else None)
    return SuiviFiles(load_file(path, display_path(path)), tables[0], tables[1])


def check_loaded(source: Source, pacte_file: LoadedFile, pdi_file: LoadedFile | None,
                 avenants_file: LoadedFile | None = None, suivi: SuiviFiles | None = None) -> CheckResult:
    """Validate, build and check already-loaded files (from disk, or from a git revision)."""
    loaded = _validated(pacte_file, "pacte")
    loaded_pdi = None if pdi_file is None else _validated(pdi_file, "pdi")
    loaded_avenants = None if avenants_file is None else _validated(avenants_file, "avenants")
    loaded_suivi = None if suivi is None else _validated(suivi.indicateurs, "suivi")
    tables = [] if suivi is None else [t for t in (suivi.valeurs, suivi.avancement) if t is not None]
    problems = [*loaded.diagnostics, *(loaded_pdi.diagnostics if loaded_pdi else ()),
                *(loaded_avenants.diagnostics if loaded_avenants else ()),
                *(loaded_suivi.diagnostics if loaded_suivi else ()), *(d for t in tables for d in t.diagnostics)]
    if problems:
        # The model needs schema-valid data; integrity checks wait for the fix.
        return CheckResult(source, None, tuple(sorted(problems)))
    dossier = Dossier(build_model(loaded, source.slug),
                      None if loaded_pdi is None else build_programme(loaded_pdi),
                      None if loaded_avenants is None else build_avenants(loaded_avenants),
                      None if loaded_suivi is None or suivi is None
                      else build_suivi(loaded_suivi, suivi.valeurs, suivi.avancement))
    return CheckResult(source, dossier, tuple(run_checks(dossier)))


def _validated(loaded: LoadedFile, schema: str) -> LoadedFile:
    """``loaded`` with the schema's diagnostics added."""
    if loaded.data is None:
        return loaded
    return replace(loaded, diagnostics=tuple(validate(loaded, schema)))
