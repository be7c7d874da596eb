"""Checks of the avenants' own data (``avenants.yaml``)."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Severity
from ..model import Dossier
from .registry import Finding, check, finding


@check("PCT080", "avenant-mal-numerote")
def avenant_numbers(dossier: Dossier) -> Iterator[Finding]:
    """Les avenants ne sont pas numérotés 1, 2, 3… dans l'ordre.

    Un avenant porte le numéro suivant celui du précédent : le premier est le
    n° 1. Un numéro sauté ou répété rend les renvois ambigus (« l'avenant n° 2 »).

    Correction : numérotez les avenants 1, 2, 3… dans l'ordre du fichier.
    """
    if dossier.avenants is None:
        return
    for attendu, avenant in enumerate(dossier.avenants.avenants, 1):
        if avenant.numero != attendu:
            yield finding(dossier.avenants.source, avenant.chemin + ("numero",),
                          f"l'avenant n° {avenant.numero} devrait être le n° {attendu} (numérotez-les 1, 2, 3… "
                          "dans l'ordre)")


@check("PCT081", "avenant-date-incoherente")
def avenant_dates(dossier: Dossier) -> Iterator[Finding]:
    """Une date d'avenant précède ce qu'elle doit suivre.

    Un avenant se signe après le pacte qu'il modifie et après les
    délibérations qui l'autorisent ; il entre en vigueur au plus tôt à sa
    signature.

    Correction : vérifiez l'année et le mois de chaque date.
    """
    if dossier.avenants is None:
        return
    source = dossier.avenants.source
    signe_le = dossier.pacte.meta.date_signature
    for avenant in dossier.avenants.avenants:
        date = avenant.date_signature
        if date and signe_le and date < signe_le:
            yield finding(source, avenant.chemin + ("signature", "date"),
                          f"l'avenant est signé le {date}, avant le pacte qu'il modifie ({signe_le})")
        for d in avenant.deliberations:
            if date and d.date > date:
                yield finding(source, d.chemin + ("date",),
                              f"la délibération du {d.date} est postérieure à la signature de l'avenant ({date}) : "
                              "une délibération autorise la signature, elle la précède")
        vigueur = avenant.entree_en_vigueur
        if vigueur and date and vigueur < date and not avenant.effet_retroactif:
            yield finding(source, avenant.chemin + ("entree_en_vigueur",),
                          f"l'avenant entrerait en vigueur le {vigueur}, avant sa signature ({date}) : "
                          "corrigez la date, ou écrivez effet_retroactif: true si l'avenant le prévoit")


@check("PCT083", "avenants-dans-le-desordre")
def avenants_in_order(dossier: Dossier) -> Iterator[Finding]:
    """Un avenant est signé, ou entre en vigueur, avant celui qui le précède.

    Le numéro d'un avenant donne l'ordre dans lequel les textes se modifient :
    l'avenant n° 2 modifie le pacte tel que l'avenant n° 1 l'a rédigé. Il ne
    peut donc être signé ni entrer en vigueur avant lui ; deux avenants du
    même jour s'appliquent dans l'ordre de leurs numéros.

    Correction : vérifiez les dates, ou l'ordre des numéros.
    """
    if dossier.avenants is None:
        return
    precedent = None
    for avenant in dossier.avenants.avenants:
        if precedent is not None:
            for quoi, cle, a, b in (("signé", ("signature", "date"), precedent.date_signature, avenant.date_signature),
                                    ("en vigueur", ("entree_en_vigueur",), precedent.en_vigueur_le,
                                     avenant.en_vigueur_le)):
                if a and b and b < a:
                    yield finding(dossier.avenants.source, avenant.chemin + cle,
                                  f"l'avenant n° {avenant.numero} serait {quoi} le {b}, avant l'avenant "
                                  f"n° {precedent.numero} ({a}) qu'il suit")
        precedent = avenant


@check("PCT082", "avenant-signe-sans-deliberation", Severity.WARNING)
def avenant_without_deliberation(dossier: Dossier) -> Iterator[Finding]:
    """Un avenant signé ne cite aucune délibération.

    La signature d'un avenant par le Département est autorisée par une
    délibération (de l'assemblée ou de la commission permanente), que
    l'avenant vise.

    Correction : ajoutez la délibération sous ``deliberations`` (instance,
    date et numéro).
    """
    if dossier.avenants is None:
        return
    for avenant in dossier.avenants.avenants:
        if avenant.date_signature and not avenant.deliberations:
            yield finding(dossier.avenants.source, avenant.chemin,
                          f"l'avenant n° {avenant.numero} est signé mais ne vise aucune délibération")
