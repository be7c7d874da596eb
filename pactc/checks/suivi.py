"""Checks of the monitoring data: indicators, observed values, fiches' progress."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator

from ..diagnostics import Severity
from ..model import Dossier
from ..model.suivi import NATURES, STATUTS, Suivi
from .registry import Finding, check


def _suivi(dossier: Dossier) -> Suivi | None:
    return dossier.suivi


@check("PCT090", "indicateur-inconnu")
def unknown_indicator(dossier: Dossier) -> Iterator[Finding]:
    """Une valeur saisie désigne un indicateur que indicateurs.yaml ne définit pas.

    Chaque ligne de valeurs.csv nomme, dans la colonne « indicateur »,
    l'identifiant d'un indicateur défini dans indicateurs.yaml.

    Correction : corrigez l'identifiant, ou définissez l'indicateur.
    """
    suivi = _suivi(dossier)
    if suivi is None or suivi.valeurs is None:
        return
    connus = {i.id for i in suivi.indicateurs}
    for o in suivi.observations:
        if o.indicateur not in connus:
            yield Finding(suivi.valeurs, o.ligne.ou("indicateur"), f"indicateur inconnu « {o.indicateur} »",
                          "indicateurs définis : " + ", ".join(sorted(connus)) if connus else None)


@check("PCT091", "fiche-de-suivi-inconnue")
def unknown_fiche(dossier: Dossier) -> Iterator[Finding]:
    """Un indicateur ou une ligne d'avancement désigne une fiche que le PDI n'a pas.

    Le suivi porte sur les fiches actions du PDI du même dossier, désignées
    par leur identifiant.

    Correction : corrigez l'identifiant de la fiche (voir pdi.yaml).
    """
    suivi = _suivi(dossier)
    if suivi is None:
        return
    fiches = {f.id for f in dossier.programme.fiches} if dossier.programme else set()
    for indicateur in suivi.indicateurs:
        if indicateur.fiche not in fiches:
            yield Finding(suivi.source, indicateur.chemin + ("fiche",), f"fiche inconnue « {indicateur.fiche} »"
                          + ("" if dossier.programme else " : le dossier n'a pas de PDI (pdi.yaml)"))
    for a in suivi.avancements:
        if a.fiche not in fiches and suivi.avancement is not None:
            yield Finding(suivi.avancement, a.ligne.ou("fiche"), f"fiche inconnue « {a.fiche} »")


@check("PCT092", "periode-hors-programme")
def period_outside(dossier: Dossier) -> Iterator[Finding]:
    """Une année de suivi tombe hors de la période du programme.

    Les valeurs, les cibles et l'avancement portent sur les années du PDI
    (sa période), et la valeur de référence sur une année qui la précède au
    plus de dix ans.

    Correction : vérifiez l'année (colonne « periode », date, ou cible).
    """
    suivi, programme = _suivi(dossier), dossier.programme
    if suivi is None or programme is None:
        return
    debut, fin = programme.debut, programme.fin
    for o in suivi.observations:
        if o.annee is not None and not debut <= o.annee <= fin and suivi.valeurs is not None:
            yield Finding(suivi.valeurs, o.ligne.ou("periode"),
                          f"année {o.annee} hors de la période du programme ({debut}-{fin})")
    for a in suivi.avancements:
        if a.date[:4].isdigit() and not debut <= int(a.date[:4]) <= fin + 1 and suivi.avancement is not None:
            yield Finding(suivi.avancement, a.ligne.ou("date"),
                          f"date {a.date} hors de la période du programme ({debut}-{fin}, et l'année qui suit)")
    for indicateur in suivi.indicateurs:
        for k, (annee, _) in enumerate(indicateur.cibles):
            if not debut <= annee <= fin:
                yield Finding(suivi.source, indicateur.chemin + ("cibles", k, "annee"),
                              f"cible pour {annee}, hors de la période du programme ({debut}-{fin})")


@check("PCT093", "indicateur-sans-cible", Severity.WARNING)
def no_target(dossier: Dossier) -> Iterator[Finding]:
    """Un indicateur chiffré n'a aucune cible.

    Sans cible, le bilan ne peut pas dire si l'indicateur est en bonne voie.

    Correction : ajoutez sous ``cibles`` au moins la cible de la dernière
    année du programme.
    """
    suivi = _suivi(dossier)
    if suivi is None:
        return
    for indicateur in suivi.indicateurs:
        if indicateur.numerique and not indicateur.cibles:
            yield Finding(suivi.source, indicateur.chemin, f"l'indicateur « {indicateur.libelle} » n'a aucune cible")


@check("PCT094", "valeur-de-suivi-invalide")
def invalid_value(dossier: Dossier) -> Iterator[Finding]:  # noqa: C901 — one test per column of the two tables
    """Une cellule de suivi n'a pas la forme attendue.

    Une valeur d'indicateur chiffré est un nombre (« 12 », « 12,5 »,
    « 1 234 ») ; un taux est entre 0 et 100 ; la période est une année
    (AAAA) ; la nature est réalisé, cible ou estimation ; un statut est non
    démarrée, en cours, réalisée, suspendue ou abandonnée (« en retard » ne se
    saisit pas : le bilan le calcule) ; une date s'écrit AAAA-MM-JJ ; la part
    réalisée est un pourcentage entre 0 et 100.

    Correction : corrigez la cellule indiquée.
    """
    suivi = _suivi(dossier)
    if suivi is None:
        return
    for o in suivi.observations if suivi.valeurs else ():
        assert suivi.valeurs is not None
        indicateur = suivi.indicateur(o.indicateur)
        if o.annee is None:
            yield Finding(suivi.valeurs, o.ligne.ou("periode"), f"période « {o.periode} » : écrivez une année (AAAA)")
        if o.nature not in NATURES:
            yield Finding(suivi.valeurs, o.ligne.ou("nature"), f"nature « {o.ligne.valeur('nature')} » inconnue",
                          "natures admises : réalisé, cible, estimation")
        if indicateur is not None and indicateur.numerique:
            if o.nombre is None:
                yield Finding(suivi.valeurs, o.ligne.ou("valeur"),
                              f"« {o.valeur} » n'est pas un nombre (l'indicateur est un {indicateur.nature})")
            elif indicateur.nature == "taux" and not 0 <= o.nombre <= 100:
                yield Finding(suivi.valeurs, o.ligne.ou("valeur"), f"taux {o.valeur} hors de 0 à 100")
        if o.saisi_le and not _date(o.saisi_le):
            yield Finding(suivi.valeurs, o.ligne.ou("saisi_le"), f"date « {o.saisi_le} » : écrivez AAAA-MM-JJ")
    for a in suivi.avancements if suivi.avancement else ():
        assert suivi.avancement is not None
        if a.statut not in STATUTS:
            hint = "le retard se calcule d'après le calendrier de la fiche" if a.statut == "en_retard" else None
            yield Finding(suivi.avancement, a.ligne.ou("statut"), f"statut « {a.ligne.valeur('statut')} » inconnu",
                          hint or "statuts admis : " + ", ".join(STATUTS.values()))
        if not _date(a.date):
            yield Finding(suivi.avancement, a.ligne.ou("date"), f"date « {a.date} » : écrivez AAAA-MM-JJ")
        if a.ligne.valeur("part_realisee") and (a.part is None or not 0 <= a.part <= 100):
            yield Finding(suivi.avancement, a.ligne.ou("part_realisee"),
                          f"part réalisée « {a.ligne.valeur('part_realisee')} » : un pourcentage de 0 à 100")


def _date(texte: str) -> bool:
    try:
        datetime.date.fromisoformat(texte)
    except ValueError:
        return False
    return len(texte) == 10


def aujourd_hui() -> datetime.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` (so that a check gives the same answer in a rebuild)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()


@check("PCT095", "donnees-perimees", Severity.WARNING)
def stale(dossier: Dossier) -> Iterator[Finding]:
    """Les dernières données de suivi d'une fiche sont anciennes.

    Quand la dernière saisie d'une fiche (avancement ou valeur, colonne
    « saisi_le ») date de plus de ``perimees_apres_mois`` mois (12 par défaut,
    dans indicateurs.yaml) à la date du bilan (``bilan_au``, sinon aujourd'hui),
    le bilan risque de décrire une situation dépassée. Seules les fiches en
    cours d'exécution (jusqu'à l'année qui suit leur fin) sont concernées.

    Correction : mettez le suivi à jour, ou réglez ``perimees_apres_mois``.
    """
    suivi = _suivi(dossier)
    if suivi is None or dossier.programme is None:
        return
    # Stale as of the bilan's date when the data set one, else as of today.
    today = datetime.date.fromisoformat(suivi.bilan_au) if suivi.bilan_au else aujourd_hui()
    limite = (today - datetime.timedelta(days=round(30.44 * suivi.perimees_apres_mois))).isoformat()
    for fiche in dossier.programme.fiches:
        lignes = [a for a in suivi.avancements if a.fiche == fiche.id and _date(a.date)]
        dates = [a.date for a in lignes]
        dates += [o.saisi_le for o in suivi.observations if _date(o.saisi_le)
                  and (i := suivi.indicateur(o.indicateur)) is not None and i.fiche == fiche.id]
        # Only a fiche still running (or just over) needs fresh data.
        if not dates or max(dates) >= limite or not fiche.annees or max(fiche.annees) < today.year - 1:
            continue
        message = (f"{fiche.libelle} : dernière saisie le {max(dates)}, il y a plus de "
                   f"{suivi.perimees_apres_mois} mois")
        if lignes and suivi.avancement is not None:
            yield Finding(suivi.avancement, max(lignes, key=lambda a: a.date).ligne.position, message)
        else:
            yield Finding(suivi.source, ("indicateurs",), message)


@check("PCT096", "abandon-sans-motif")
def abandoned_without_reason(dossier: Dossier) -> Iterator[Finding]:
    """Une fiche est déclarée abandonnée sans motif.

    Abandonner une action du programme se justifie : le bilan à mi-parcours
    reprend le motif.

    Correction : remplissez la colonne « motif » de la ligne.
    """
    suivi = _suivi(dossier)
    if suivi is None or suivi.avancement is None:
        return
    for a in suivi.avancements:
        if a.statut == "abandonnee" and not a.motif:
            yield Finding(suivi.avancement, a.ligne.ou("motif"), f"« {a.fiche} » abandonnée le {a.date} sans motif")


@check("PCT097", "statut-regressif", Severity.WARNING)
def status_going_back(dossier: Dossier) -> Iterator[Finding]:
    """Une fiche réalisée redevient non démarrée, en cours ou suspendue.

    Ce peut être une correction légitime, mais c'est le plus souvent une
    ligne mal datée ou attribuée à la mauvaise fiche.

    Correction : vérifiez la date et la fiche de la ligne ; si la reprise est
    voulue, dites-le dans le commentaire.
    """
    suivi = _suivi(dossier)
    if suivi is None or suivi.avancement is None:
        return
    for fiche in {a.fiche for a in suivi.avancements}:
        lignes = sorted((a for a in suivi.avancements if a.fiche == fiche), key=lambda a: a.date)
        for avant, apres in zip(lignes, lignes[1:], strict=False):
            if avant.statut == "realisee" and apres.statut in ("non_demarree", "en_cours", "suspendue") \
                    and not apres.commentaire:
                yield Finding(suivi.avancement, apres.ligne.ou("statut"),
                              f"« {fiche} » réalisée le {avant.date}, puis {STATUTS[apres.statut]} le {apres.date}")
