"""load → validate → build the model → check, for one pact."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from .checks import run_checks
from .diagnostics import Diagnostic, Severity, has_errors
from .load import LoadedFile, load_bytes, load_file
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
    #: Warnings the sources acknowledge (``avertissements_acceptes``): shown only on request.
    acceptes: tuple[Diagnostic, ...] = ()

    @property
    def pacte(self) -> Pacte | None:
        """The dossier's pact, when it got that far."""
        return None if self.dossier is None else self.dossier.pacte

    def failed(self, strict: bool = False) -> bool:
        """True when this dossier has an error (with ``strict``, a warning): its command fails."""
        return self.dossier is None or has_errors(list(self.diagnostics), strict)


def parties_presentes(source: Source) -> set[str]:
    """The parts of a dossier that have files: always « pacte », and « pdi », « avenants », « suivi » when there."""
    return {"pacte"} | {p for p, path in (("pdi", source.pdi), ("avenants", source.avenants),
                                          ("suivi", source.suivi)) if path is not None}


def parties_en_erreur(source: Source, diagnostics: list[Diagnostic], strict: bool = False) -> dict[str, str]:
    """The parts of a dossier (« pacte », « pdi », « avenants », « suivi ») that have errors, with a file of each."""
    fichiers = {"pacte": source.display}
    for nom, path in (("pdi", source.pdi), ("avenants", source.avenants)):
        if path is not None:
            fichiers[nom] = display_path(path)
    suivi: str | None = display_path(source.suivi.parent) + "/" if source.suivi is not None else None
    bloquants = [d for d in diagnostics if d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)]
    parties: dict[str, str] = {}
    for d in bloquants:
        partie = next((p for p, f in fichiers.items() if d.file == f), None)
        if partie is None and suivi is not None and d.file.startswith(suivi):
            partie = "suivi"
        parties.setdefault(partie or "pacte", d.file)
    return parties


def check_source(source: Source) -> CheckResult:
    """Run every stage up to the integrity checks on ``source``, collecting all problems."""
    programme_file, avenants_file = source.pdi, source.avenants
    return check_loaded(source, _charge(source.pacte, source.display),
                        None if programme_file is None else _charge(programme_file, display_path(programme_file)),
                        None if avenants_file is None else _charge(avenants_file, display_path(avenants_file)),
                        _suivi_files(source))


#: Files already loaded and validated in this process, by content (a long-lived process, the preview or the
#: language server, re-reads only the file that changed): (display, digest) → loaded; (id, schema) → validated.
_CHARGES: dict[tuple[str, bytes], LoadedFile] = {}
_VALIDES: dict[tuple[int, str], tuple[LoadedFile, LoadedFile]] = {}
_MEMOIRE = 64


def _charge(path: Path, display: str) -> LoadedFile:
    try:
        raw = path.read_bytes()
    except OSError:
        return load_file(path, display)  # which says why, as a diagnostic
    cle = (display, hashlib.sha256(raw).digest())
    loaded = _CHARGES.get(cle)
    if loaded is None or loaded.path != path:
        loaded = load_bytes(raw, path, display)
        if len(_CHARGES) >= _MEMOIRE:
            _CHARGES.clear()
            _VALIDES.clear()
        _CHARGES[cle] = loaded
    return loaded


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
    if loaded.diagnostics:
        # The model needs a schema-valid pact; integrity checks wait for the fix.
        problems = [*loaded.diagnostics, *(loaded_pdi.diagnostics if loaded_pdi else ()),
                    *(loaded_avenants.diagnostics if loaded_avenants else ()),
                    *(loaded_suivi.diagnostics if loaded_suivi else ()), *(d for t in tables for d in t.diagnostics)]
        return CheckResult(source, None, tuple(sorted(problems)))
    # A broken programme, avenants or monitoring file leaves that part out: the pact is still built,
    # and only the documents that need the broken part are held back (see documents.depend_de).
    problems = []
    programme = avenants = suivi_model = None
    if loaded_pdi is not None:
        problems.extend(loaded_pdi.diagnostics)
        programme = None if loaded_pdi.diagnostics else build_programme(loaded_pdi)
    if loaded_avenants is not None:
        problems.extend(loaded_avenants.diagnostics)
        avenants = None if loaded_avenants.diagnostics else build_avenants(loaded_avenants)
    if loaded_suivi is not None and suivi is not None:
        broken = [*loaded_suivi.diagnostics, *(d for t in tables for d in t.diagnostics)]
        problems.extend(broken)
        suivi_model = None if broken else build_suivi(loaded_suivi, suivi.valeurs, suivi.avancement)
    dossier = Dossier(build_model(loaded, source.slug), programme, avenants, suivi_model)
    found = sorted({*problems, *run_checks(dossier)})
    accepted = _acknowledged(dossier, source)
    kept = tuple(d for d in found if not (d.severity is Severity.WARNING and (d.file, d.code) in accepted))
    return CheckResult(source, dossier, kept, tuple(d for d in found if d not in kept))


def _acknowledged(dossier: Dossier, source: Source) -> set[tuple[str, str]]:
    """(file, code) of the warnings each document acknowledges: an acknowledgement covers its own file."""
    pairs = {(source.display, code) for code, _ in dossier.pacte.meta.avertissements_acceptes}
    if dossier.programme is not None:
        pairs |= {(dossier.programme.source.display, code) for code, _ in dossier.programme.avertissements_acceptes}
    return pairs


def _validated(loaded: LoadedFile, schema: str) -> LoadedFile:
    """``loaded`` with the schema's diagnostics added."""
    if loaded.data is None:
        return loaded
    deja = _VALIDES.get((id(loaded), schema))
    if deja is not None and deja[0] is loaded:
        return deja[1]
    valide = replace(loaded, diagnostics=tuple(validate(loaded, schema)))
    if any(loaded is charge for charge in _CHARGES.values()):
        _VALIDES[(id(loaded), schema)] = (loaded, valide)  # the memo keeps ``loaded`` alive: its id stays its own
    return valide
