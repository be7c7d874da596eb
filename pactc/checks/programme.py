"""PDI checks: the programme belongs to its pact, calendars hold, fiches are complete."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Severity
from ..model import Dossier
from .registry import Finding, check, finding


@check("PCT026", "pdi-d-un-autre-pacte")
def programme_of_another_pact(dossier: Dossier) -> Iterator[Finding]:
    """Le PDI déclare mettre en œuvre un autre pacte que celui de son dossier.

    La clé ``pdi.pacte`` du fichier ``pdi.yaml`` doit reprendre l'identifiant
    ``pacte.id`` du fichier ``pacte.yaml`` placé à côté : c'est ce lien qui
    permet de vérifier les partenaires et les axes des fiches.

    Correction : recopiez l'identifiant du pacte dans ``pdi.pacte``.
    """
    pacte = dossier.pacte
    programme = dossier.programme
    if programme is not None and programme.pacte != pacte.meta.id:
        yield finding(programme.source, ("pdi", "pacte"),
                      f"ce PDI met en œuvre « {programme.pacte} », mais le pacte du dossier est « {pacte.meta.id} » : "
                      f"écrivez « pacte: {pacte.meta.id} »")


@check("PCT043", "calendrier-incoherent")
def incoherent_calendar(dossier: Dossier) -> Iterator[Finding]:
    """Le calendrier d'une fiche finit avant de commencer, ou sort de la période du PDI.

    Les années d'une fiche (``debut``, ``fin``, ``annees``) doivent être
    ordonnées et comprises dans la période du programme.

    Correction : corrigez les années de la fiche, ou la période du PDI.
    """
    programme = dossier.programme
    if programme is None:
        return
    for fiche in programme.fiches:
        cal = fiche.calendrier
        if cal is None:
            continue
        where = fiche.chemin + ("calendrier",)
        if cal.debut is not None and cal.fin is not None and cal.fin < cal.debut:
            yield finding(programme.source, where + ("fin",),
                          f"{fiche.libelle} : le calendrier finit en {cal.fin}, avant de commencer en {cal.debut}")
            continue
        outside = [y for y in cal.toutes_les_annees if not programme.debut <= y <= programme.fin]
        if outside:
            yield finding(programme.source, where,
                          f"{fiche.libelle} : {annees_en_mots(outside)} hors de la période du programme "
                          f"({programme.debut}-{programme.fin})")


def annees_en_mots(annees: list[int]) -> str:
    """« l'année 2022 », « les années 2021 à 2099 », « les années 2012, 2014 et 2021 à 2023 »: runs as ranges."""
    runs: list[list[int]] = []
    for annee in sorted(set(annees)):
        if runs and annee == runs[-1][-1] + 1:
            runs[-1].append(annee)
        else:
            runs.append([annee])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]} et {r[1]}" if len(r) == 2 else f"{r[0]} à {r[-1]}"
             for r in runs]
    if len(annees) == 1:
        return f"l'année {parts[0]}"
    return "les années " + (parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1])


@check("PCT044", "periodes-disjointes", Severity.WARNING)
def programme_outside_pact_period(dossier: Dossier) -> Iterator[Finding]:
    """Le programme et le pacte qu'il dit mettre en œuvre n'ont aucune année commune.

    Un PDI met en œuvre un pacte : leurs périodes se recouvrent. Un
    programme entièrement antérieur (ou postérieur) au pacte en est un autre
    génération ; le livret le dit sur sa couverture au lieu d'affirmer
    qu'il le met en œuvre.

    Correction : vérifiez les deux périodes ; si le programme est bien d'une
    autre génération, l'avertissement le rappelle au lecteur.
    """
    pacte = dossier.pacte
    programme = dossier.programme
    if programme is None or programme.fin >= pacte.meta.debut and programme.debut <= pacte.meta.fin:
        return
    when = "antérieur" if programme.fin < pacte.meta.debut else "postérieur"
    yield finding(programme.source, ("pdi", "periode"),
                  f"le programme ({programme.debut}-{programme.fin}) et le pacte ({pacte.meta.debut}-{pacte.meta.fin}) "
                  f"n'ont aucune année commune : programme {when} au pacte")


@check("PCT070", "fiche-a-completer", Severity.NOTE)
def fiche_to_complete(dossier: Dossier) -> Iterator[Finding]:
    """Une fiche ne renseigne pas encore tous ses champs de suivi (rapport de complétude).

    Pilote, partenaires associés, publics, calendrier, indicateurs,
    financement, statut et modalités de suivi : ce que la source ne donne
    pas reste vide et s'imprime « À définir ». Cette note, qui ne fait
    jamais échouer, liste pour chaque fiche les champs à compléter.

    Correction : complétez les champs quand l'information est connue ;
    n'inventez rien.
    """
    programme = dossier.programme
    if programme is None:
        return
    for fiche in programme.fiches:
        missing = fiche.champs_manquants
        if missing:
            yield finding(programme.source, fiche.chemin + ("id",),
                          f"{fiche.libelle} « {fiche.id} » : à définir — {', '.join(missing)}")
