"""Finding the pacts to work on: a folder ``pactes/<département>/`` each."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Severity

PACT_FILE = "pacte.yaml"
PDI_FILE = "pdi.yaml"
AVENANTS_FILE = "avenants.yaml"
SUIVI_DIR = "suivi"
SUIVI_FILE = "indicateurs.yaml"
DEFAULT_ROOT = Path("pactes")


@dataclass(frozen=True)
class Source:
    """One département's sources: its folder and its pact file."""

    slug: str
    folder: Path
    pacte: Path

    @property
    def display(self) -> str:
        """The pact file's path as shown in diagnostics: relative, with forward slashes."""
        return display_path(self.pacte)

    @property
    def pdi(self) -> Path | None:
        """The programme (PDI) file beside the pact, if there is one."""
        path = self.folder / PDI_FILE
        return path if self.pacte.name == PACT_FILE and path.is_file() else None

    @property
    def suivi(self) -> Path | None:
        """The monitoring definitions (``suivi/indicateurs.yaml``) beside the pact, if there are some."""
        path = self.folder / SUIVI_DIR / SUIVI_FILE
        return path if self.pacte.name == PACT_FILE and path.is_file() else None

    @property
    def avenants(self) -> Path | None:
        """The avenants file beside the pact, if there is one."""
        path = self.folder / AVENANTS_FILE
        return path if self.pacte.name == PACT_FILE and path.is_file() else None


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when possible, always with ``/``."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    if shown.startswith(".."):
        shown = str(path)
    return shown.replace(os.sep, "/")


def discover(paths: tuple[str, ...]) -> tuple[list[Source], list[Diagnostic]]:
    """The pacts named by ``paths`` (pact files, pact folders or folders of pacts).

    With no path, every pact under ``pactes/``. Paths that hold no pact are
    reported as PCT008 errors rather than silently skipped.
    """
    found: dict[Path, Source] = {}
    problems: list[Diagnostic] = []
    for raw in paths or (str(DEFAULT_ROOT),):
        path = Path(raw)
        if path.is_file() and path.name == PDI_FILE and (path.parent / PACT_FILE).is_file():
            sources = [_source(path.parent / PACT_FILE)]  # a PDI is checked with its pact
        elif path.is_file():
            sources = [_source(path)]
        elif (path / PACT_FILE).is_file():
            sources = [_source(path / PACT_FILE)]
        elif path.is_dir():
            sources = [_source(p) for p in sorted(path.glob(f"*/{PACT_FILE}"))]
        else:
            sources = []
        if not sources:
            problems.append(Diagnostic(display_path(path), 0, 0, "PCT008", Severity.ERROR,
                                       f"aucun pacte trouvé à « {raw} » : donnez un fichier pacte.yaml, "
                                       "le dossier d'un département ou le dossier pactes/"))
        for source in sources:
            problem = _slug_problem(source)
            if problem is not None:
                problems.append(problem)
                continue
            found[source.pacte.resolve()] = source
    return sorted(found.values(), key=lambda s: (s.slug, str(s.pacte))), problems


#: A département's folder name becomes the name of its output folder and of its links: a plain slug only.
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _source(pacte: Path) -> Source:
    folder = pacte.parent
    # The real name (« . » and « .. » are not names), so that outputs never land outside --out.
    return Source(folder.resolve().name, folder, pacte)


def _slug_problem(source: Source) -> Diagnostic | None:
    if _SLUG.match(source.slug):
        return None
    return Diagnostic(source.display, 0, 0, "PCT017", Severity.ERROR,
                      f"le dossier « {source.slug} » ne peut pas nommer un département compilé : renommez-le en "
                      "lettres minuscules sans accent, chiffres et tirets (ex. « haute-loire »)")
