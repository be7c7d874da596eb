"""What the language server knows about a dossier being edited: diagnostics and ids, from the editor's buffers.

Nothing here speaks the protocol (:mod:`pactc.lsp` does): given the texts the
editor holds (and the files on disk for the others), it checks the whole
dossier of the file being edited, so that editing ``pdi.yaml`` re-checks its
references into ``pacte.yaml``, and it answers the questions behind
completion, hover, go to definition, references and rename. Positions are
0-based (line, character), as the protocol counts them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic
from .dossier import CheckResult, check_loaded
from .load import LoadedFile, Position, load_bytes
from .model.renvois import Cible, Renvoi, cibles, renvois
from .project import AVENANTS_FILE, PACT_FILE, PDI_FILE, Source, display_path

#: The key names whose values are references, by kind (for completion where the model has no value yet).
CLES = {"partenaires": "partenaire", "partenaire": "partenaire", "pilote": "partenaire", "presidence": "partenaire",
        "membres": "partenaire", "partenaires_associes": "partenaire", "financeurs": "partenaire",
        "axe": "axe", "axes": "axe", "territoires": "territoire", "categorie": "categorie"}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Lieu:
    """A place in a file: path, 0-based line, start and end characters."""

    path: Path
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Analyse:
    """A checked dossier, with the files it read and every id's definitions and uses."""

    resultat: CheckResult
    fichiers: dict[Path, LoadedFile]
    textes: dict[Path, str]
    definitions: tuple[tuple[Cible, Lieu], ...]
    usages: tuple[tuple[Renvoi, Lieu], ...]

    def diagnostics_de(self, path: Path) -> list[Diagnostic]:
        """The diagnostics of one file of the dossier."""
        wanted = self.fichiers.get(path)
        display = wanted.display if wanted is not None else display_path(path)
        return [d for d in self.resultat.diagnostics if d.file == display]

    def a(self, path: Path, line: int, character: int) -> tuple[str, str] | None:
        """The (kind, id) written at a position: a definition's ``id:`` value or a reference."""
        for cible, lieu in self.definitions:
            if lieu.path == path and lieu.line == line and lieu.start <= character <= lieu.end:
                return cible.genre, cible.ident
        for renvoi, lieu in self.usages:
            if lieu.path == path and lieu.line == line and lieu.start <= character <= lieu.end:
                return renvoi.genre, renvoi.ident
        return None

    def cible(self, genre: str, ident: str) -> tuple[Cible, Lieu] | None:
        """Where ``ident`` of ``genre`` is defined."""
        return next(((c, lieu) for c, lieu in self.definitions if c.genre == genre and c.ident == ident), None)

    def usages_de(self, genre: str, ident: str) -> list[Lieu]:
        """Every place ``ident`` of ``genre`` is used."""
        return [lieu for r, lieu in self.usages if r.genre == genre and r.ident == ident]


def dossier_de(path: Path) -> Path | None:
    """The département folder of a file being edited (the folder holding ``pacte.yaml``)."""
    for folder in (path.parent, path.parent.parent):
        if (folder / PACT_FILE).is_file():
            return folder
    return None


def analyser(path: Path, buffers: dict[Path, str]) -> Analyse | None:
    """Check the dossier of ``path`` using the editor's buffers where it has them."""
    folder = dossier_de(path)
    if folder is None:
        return None
    textes: dict[Path, str] = {}
    fichiers: dict[Path, LoadedFile] = {}
    for name in (PACT_FILE, PDI_FILE, AVENANTS_FILE):
        file = folder / name
        if file in buffers:
            textes[file] = buffers[file]
        elif file.is_file():
            textes[file] = file.read_text("utf-8", errors="replace")
        else:
            continue
        fichiers[file] = load_bytes(textes[file].encode("utf-8"), file, display_path(file))
    source = Source(folder.name, folder, folder / PACT_FILE)
    pacte = fichiers.get(folder / PACT_FILE)
    if pacte is None:
        return None
    resultat = check_loaded(source, pacte, fichiers.get(folder / PDI_FILE), fichiers.get(folder / AVENANTS_FILE))
    definitions: list[tuple[Cible, Lieu]] = []
    usages: list[tuple[Renvoi, Lieu]] = []
    if resultat.dossier is not None:
        for c in cibles(resultat.dossier):
            definitions.append((c, _lieu(c.source, c.chemin, c.ident, textes)))
        for r in renvois(resultat.dossier):
            usages.append((r, _lieu(r.source, r.chemin, r.ident, textes)))
    return Analyse(resultat, fichiers, textes, tuple(definitions), tuple(usages))


def _lieu(source: LoadedFile, chemin: tuple[str | int, ...], ident: str, textes: dict[Path, str]) -> Lieu:
    """Where the id is written: its value's position, widened to the id itself (quotes left out)."""
    pos = source.position(chemin)
    line = max(pos.line - 1, 0)
    text = textes.get(source.path, "").split("\n")
    start = max(pos.column - 1, 0)
    if line < len(text):
        found = text[line].find(ident, start)
        if found != -1:
            start = found
    return Lieu(source.path, line, start, start + len(ident))


def position_lsp(d: Diagnostic) -> Position:
    """A diagnostic's 0-based line and character (pactc counts from 1; 0 means « the whole file »)."""
    return Position(max(d.line - 1, 0), max(d.column - 1, 0))


def mot_a(text: str, line: int, character: int) -> tuple[str, int]:
    """The id-like word being typed at a position, and where it starts."""
    lines = text.split("\n")
    if line >= len(lines):
        return "", character
    current = lines[line][:character]
    match = re.search(r"[a-z0-9-]*$", current)
    return (match.group(0), character - len(match.group(0))) if match else ("", character)


def genre_attendu(text: str, line: int) -> str | None:
    """The kind of id expected at a line: its key (``partenaire:``), or the key of the list it is in."""
    lines = text.split("\n")
    for k in range(line, max(line - 30, -1), -1):
        if k >= len(lines):
            continue
        stripped = lines[k].strip().lstrip("- ").strip()
        key = stripped.split(":", 1)[0].strip() if ":" in stripped else None
        if key in CLES:
            return CLES[key]
        if k < line and key is not None and not stripped.startswith("-"):
            break
    return None


def est_un_id(texte: str) -> bool:
    """True for a valid id (lowercase letters, digits, hyphens)."""
    return bool(_ID.fullmatch(texte))
