"""Stage 1 for monitoring data: CSV files as French spreadsheets write them, every cell with its position.

Spreadsheets in France save CSV with ``;`` between cells and a decimal comma,
in UTF-8 with or without a byte order mark (and, from older versions, in
Windows-1252). This reader accepts all of these, and ``,`` separators too.
Each cell keeps its line and column, so that a check can point at it as
precisely as in the YAML sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .load import Position

#: Numbers as spreadsheets write them: « 12,5 », « 1 234,5 », « -3 », « 12.5 », « 45 % ».
_NOMBRE = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f]?\d{3})*(?:[.,]\d+)?$|^[+-]?\d+(?:[.,]\d+)?$")
MAX_BYTES = 5_000_000
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Cellule:
    """One cell: its text (surrounding spaces removed) and where it starts."""

    texte: str
    position: Position


@dataclass(frozen=True)
class Ligne:
    """One data row, by column name."""

    cellules: dict[str, Cellule]
    position: Position

    def valeur(self, colonne: str) -> str:
        """The text of ``colonne`` (empty when the row has no such cell)."""
        cellule = self.cellules.get(colonne)
        return cellule.texte if cellule else ""

    def ou(self, colonne: str) -> Position:
        """Where ``colonne``'s cell is, or the row's start."""
        cellule = self.cellules.get(colonne)
        return cellule.position if cellule else self.position


@dataclass(frozen=True)
class Tableau:
    """A CSV file read: its rows, the separator found, and what went wrong."""

    path: Path
    display: str
    colonnes: tuple[str, ...]
    lignes: tuple[Ligne, ...]
    separateur: str
    diagnostics: tuple[Diagnostic, ...] = ()

    def diagnostic(self, position: Position, code: str, message: str, *, hint: str | None = None,
                   severity: Severity = Severity.ERROR) -> Diagnostic:
        """A diagnostic at ``position`` in this file."""
        return Diagnostic(self.display, position.line, position.column, code, severity, message, hint)


def nombre(texte: str) -> float | None:
    """The number a spreadsheet cell holds (« 12,5 » → 12.5, « 45 % » → 45), or None."""
    brut = texte.strip().removesuffix("%").strip()
    if not _NOMBRE.match(brut):
        return None
    brut = re.sub(r"[ \u00a0\u202f]", "", brut).replace(",", ".")
    return float(brut)


def lire_tableau(path: Path, display: str, attendues: tuple[str, ...], obligatoires: tuple[str, ...]) -> Tableau:
    """Read a CSV file whose header names columns among ``attendues`` (``obligatoires`` must be there)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return _echec(path, display, f"lecture impossible : {exc.strerror or exc}")
    return lire_octets(raw, path, display, attendues, obligatoires)


def lire_octets(raw: bytes, path: Path, display: str, attendues: tuple[str, ...],
                obligatoires: tuple[str, ...]) -> Tableau:
    """Read CSV bytes (see :func:`lire_tableau`)."""
    if len(raw) > MAX_BYTES:
        return _echec(path, display, f"fichier de plus de {MAX_BYTES // 1_000_000} Mo : découpez-le")
    texte = _decoder(raw)
    lignes_brutes = texte.splitlines()
    entete = next((i for i, ligne in enumerate(lignes_brutes) if ligne.strip()), None)
    if entete is None:
        return _echec(path, display, "fichier vide : la première ligne nomme les colonnes")
    separateur = ";" if lignes_brutes[entete].count(";") >= lignes_brutes[entete].count(",") else ","
    enregistrements = _enregistrements(lignes_brutes, separateur)
    if not enregistrements:
        return _echec(path, display, "fichier vide : la première ligne nomme les colonnes")
    (num, cellules_entete), *reste = enregistrements
    colonnes = tuple(c.texte.lower() for c in cellules_entete)
    problemes = [Diagnostic(display, num, c.position.column, "PCT098", Severity.ERROR,
                            f"colonne inconnue « {c.texte} »",
                            "colonnes admises : " + ", ".join(attendues))
                 for c in cellules_entete if c.texte.lower() not in attendues]
    problemes += [Diagnostic(display, num, 1, "PCT098", Severity.ERROR, f"colonne « {nom} » absente",
                             "la première ligne nomme les colonnes : " + ", ".join(attendues))
                  for nom in obligatoires if nom not in colonnes]
    if len(reste) > MAX_ROWS:
        problemes.append(Diagnostic(display, num, 1, "PCT098", Severity.ERROR,
                                    f"plus de {MAX_ROWS} lignes : découpez le fichier"))
        reste = reste[:MAX_ROWS]
    lignes = []
    for ligne, cellules in reste:
        if all(not c.texte for c in cellules):
            continue  # the blank rows spreadsheets leave at the end
        if len(cellules) > len(colonnes):
            extra = cellules[len(colonnes)]
            if any(c.texte for c in cellules[len(colonnes):]):
                problemes.append(Diagnostic(display, ligne, extra.position.column, "PCT098", Severity.ERROR,
                                            f"{len(cellules)} cellules pour {len(colonnes)} colonnes",
                                            f"le séparateur est « {separateur} » : une valeur qui en contient "
                                            "s'écrit entre guillemets"))
        lignes.append(Ligne({nom: cellule for nom, cellule in zip(colonnes, cellules, strict=False)},
                            Position(ligne, 1)))
    return Tableau(path, display, colonnes, tuple(lignes), separateur, tuple(problemes))


def _decoder(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _enregistrements(lignes: list[str], separateur: str) -> list[tuple[int, list[Cellule]]]:
    """Records with their cells and positions; a quoted cell may hold separators, quotes (doubled) and newlines."""
    result: list[tuple[int, list[Cellule]]] = []
    i = 0
    while i < len(lignes):
        debut = i + 1
        cellules: list[Cellule] = []
        texte, colonne, entre_guillemets, courant = lignes[i], 0, False, []
        col_cellule = 1
        while True:
            if colonne >= len(texte):
                if entre_guillemets and i + 1 < len(lignes):
                    i += 1
                    texte, colonne = lignes[i], 0
                    courant.append("\n")
                    continue
                cellules.append(Cellule("".join(courant).strip(), Position(debut, col_cellule)))
                break
            char = texte[colonne]
            if entre_guillemets:
                if char == '"' and colonne + 1 < len(texte) and texte[colonne + 1] == '"':
                    courant.append('"')
                    colonne += 2
                    continue
                if char == '"':
                    entre_guillemets = False
                else:
                    courant.append(char)
            elif char == '"' and not "".join(courant).strip():
                entre_guillemets = True
                courant = []
            elif char == separateur:
                cellules.append(Cellule("".join(courant).strip(), Position(debut, col_cellule)))
                courant = []
                col_cellule = colonne + 2
            else:
                courant.append(char)
            colonne += 1
        result.append((debut, cellules))
        i += 1
    return [r for r in result if any(c.texte for c in r[1])]


def _echec(path: Path, display: str, message: str) -> Tableau:
    return Tableau(path, display, (), (), ";", (Diagnostic(display, 1, 1, "PCT098", Severity.ERROR, message),))
