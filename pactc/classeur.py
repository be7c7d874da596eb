"""A spreadsheet way in to monitoring: a workbook generated from the fiches, and its import back to CSV.

The workbook (XLSX, which LibreOffice and Excel both open) has a sheet for the
values, one row per indicator and year of the programme, already holding what
is known; a sheet for the fiches' progress; and a reference sheet of the
indicators. Lists of allowed values guide the entry. The import writes the two
CSV files back, in the French dialect, and the dossier is then checked like
any other: the same codes, at the CSV's lines and columns.

openpyxl is used because XLSX is a zip of XML parts that no standard library
module writes; it is pure Python and well kept.
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

from .model import Dossier
from .model.suivi import COLONNES_AVANCEMENT, COLONNES_VALEURS, NATURES, STATUTS

FEUILLE_VALEURS = "Valeurs"
FEUILLE_AVANCEMENT = "Avancement"


class ClasseurError(Exception):
    """A workbook that cannot be imported: not an XLSX, or a sheet or header missing."""


def modele(dossier: Dossier) -> bytes:
    """The workbook to fill for ``dossier`` (which has a programme and monitoring definitions)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    classeur = Workbook()
    lisez = classeur.active
    assert lisez is not None
    lisez.title = "Lisez-moi"
    for ligne in _consignes(dossier):
        lisez.append([ligne])
    feuilles = [_feuille(classeur, FEUILLE_VALEURS, COLONNES_VALEURS, _lignes_valeurs(dossier)),
                _feuille(classeur, FEUILLE_AVANCEMENT, COLONNES_AVANCEMENT, _lignes_avancement(dossier)),
                _feuille(classeur, "Indicateurs", ("id", "fiche", "libelle", "unite", "nature", "sens", "cibles"),
                         _lignes_indicateurs(dossier))]
    for feuille in feuilles:
        for cell in feuille[1]:
            cell.font = Font(bold=True)
        feuille.freeze_panes = "A2"
    # Lists of allowed values guide the entry (column C: the nature of a value, the status of a fiche).
    for feuille, choix in ((feuilles[0], NATURES.values()), (feuilles[1], STATUTS.values())):
        validation = DataValidation(type="list", formula1='"' + ",".join(choix) + '"', allow_blank=True)
        feuille.add_data_validation(validation)
        validation.add(f"C2:C{feuille.max_row + 200}")
    out = io.BytesIO()
    classeur.save(out)
    return out.getvalue()


def _feuille(classeur: Any, titre: str, colonnes: tuple[str, ...], lignes: list[list[Any]]) -> Any:
    feuille = classeur.create_sheet(titre)
    feuille.append(list(colonnes))
    for ligne in lignes:
        feuille.append(ligne)
    return feuille


def _lignes_valeurs(dossier: Dossier) -> list[list[Any]]:
    """One row per indicator and programme year, holding what is known; other observations below."""
    assert dossier.programme is not None and dossier.suivi is not None
    programme, suivi = dossier.programme, dossier.suivi
    connues = {(o.indicateur, o.periode, o.nature): o for o in suivi.observations}
    lignes = []
    for indicateur in suivi.indicateurs:
        for annee in range(programme.debut, programme.fin + 1):
            o = connues.get((indicateur.id, str(annee), "realise"))
            lignes.append([indicateur.id, annee, NATURES["realise"], _cellule(o.valeur) if o else None,
                           o.commentaire if o else None, o.source if o else None, o.saisi_le if o else None])
    for o in suivi.observations:
        if not (o.nature == "realise" and o.annee is not None and programme.debut <= o.annee <= programme.fin):
            lignes.append([o.indicateur, o.periode, NATURES.get(o.nature, o.nature), _cellule(o.valeur),
                           o.commentaire, o.source, o.saisi_le])
    return lignes


def _lignes_avancement(dossier: Dossier) -> list[list[Any]]:
    """The progress entered so far, then an empty row per fiche for the next entry."""
    assert dossier.programme is not None and dossier.suivi is not None
    lignes: list[list[Any]] = [[a.fiche, a.date, STATUTS.get(a.statut, a.statut), a.part, a.motif or None,
                                a.commentaire or None] for a in dossier.suivi.avancements]
    lignes += [[fiche.id, None, None, None, None, None] for fiche in dossier.programme.fiches]
    return lignes


def _lignes_indicateurs(dossier: Dossier) -> list[list[Any]]:
    assert dossier.suivi is not None
    return [[i.id, i.fiche, i.libelle, i.unite, i.nature, i.sens, " ; ".join(f"{a} : {v:g}" for a, v in i.cibles)]
            for i in dossier.suivi.indicateurs]


def _consignes(dossier: Dossier) -> list[str]:
    assert dossier.suivi is not None and dossier.programme is not None
    lignes = []
    if dossier.suivi.exemple:
        lignes.append("DONNÉES D'EXEMPLE FICTIVES : ce classeur ne décrit pas le programme réel.")
    lignes += [
        f"Suivi du programme : {dossier.programme.titre}",
        "Feuille « Valeurs » : une ligne par indicateur et par année ; saisissez la valeur réalisée "
        "(un nombre pour un indicateur chiffré, un texte pour un indicateur qualitatif), la source et la date "
        "de saisie (AAAA-MM-JJ). Ajoutez des lignes pour une cible ou une estimation.",
        "Feuille « Avancement » : ajoutez une ligne datée quand une fiche change d'état ; statuts : "
        + ", ".join(STATUTS.values()) + ". Une fiche abandonnée a un motif. « En retard » ne se saisit pas : "
        "le bilan le calcule d'après le calendrier.",
        "Puis : pactc suivi importer <dossier du département> <ce fichier>, qui réécrit valeurs.csv et "
        "avancement.csv et vérifie le tout.",
    ]
    return lignes


def _cellule(texte: str) -> Any:
    """A CSV cell as a spreadsheet cell: numbers as numbers (« 12,5 » → 12.5), the rest as text."""
    from .tableur import nombre

    valeur = nombre(texte)
    return valeur if valeur is not None and texte.strip() else texte or None


def importer(xlsx: bytes) -> tuple[bytes, bytes]:
    """The two CSV files (valeurs, avancement) of a filled workbook; rows left empty are skipped."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        classeur = load_workbook(io.BytesIO(xlsx), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as exc:
        raise ClasseurError(f"le fichier n'est pas un classeur XLSX lisible ({type(exc).__name__})") from exc
    fichiers = []
    for nom, colonnes, utiles in ((FEUILLE_VALEURS, COLONNES_VALEURS, ("valeur",)),
                                  (FEUILLE_AVANCEMENT, COLONNES_AVANCEMENT, ("date", "statut"))):
        if nom not in classeur.sheetnames:
            raise ClasseurError(f"le classeur n'a pas de feuille « {nom} »")
        lignes = list(classeur[nom].iter_rows(values_only=True))
        entete = [str(c).strip().lower() if c is not None else "" for c in (lignes[0] if lignes else ())]
        manquantes = [c for c in colonnes if c not in entete]
        if manquantes:
            raise ClasseurError(f"la feuille « {nom} » n'a pas la colonne « {manquantes[0]} » en première ligne")
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(colonnes)
        for ligne in lignes[1:]:
            cellules = {entete[k]: _texte(v) for k, v in enumerate(ligne) if k < len(entete)}
            if all(not cellules.get(c) for c in utiles):
                continue  # a row of the template nobody filled
            writer.writerow([cellules.get(c, "") for c in colonnes])
        fichiers.append(("\ufeff" + out.getvalue()).encode("utf-8"))
    return fichiers[0], fichiers[1]


def _texte(valeur: Any) -> str:
    """A spreadsheet cell as CSV text, the French way: « 12,5 », dates AAAA-MM-JJ."""
    if valeur is None:
        return ""
    if isinstance(valeur, datetime.datetime | datetime.date):
        return valeur.strftime("%Y-%m-%d")
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, int | float):
        return f"{valeur:g}".replace(".", ",") if valeur != int(valeur) else str(int(valeur))
    return str(valeur).strip()


def ecrire_csv(dossier_suivi: Path, valeurs: bytes, avancement: bytes) -> list[Path]:
    """Write the two CSV files atomically into the ``suivi`` folder."""
    from .files import write_atomic

    written = []
    for name, data in (("valeurs.csv", valeurs), ("avancement.csv", avancement)):
        write_atomic(dossier_suivi / name, data)
        written.append(dossier_suivi / name)
    return written
