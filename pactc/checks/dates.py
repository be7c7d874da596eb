"""Period and date checks."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Severity
from ..model import Dossier, Pacte
from .registry import Finding, check, finding

#: A pact signed more than this many years before its period starts is suspicious.
EARLY_YEARS = 2


@check("PCT040", "periode-incoherente")
def incoherent_period(dossier: Dossier) -> Iterator[Finding]:
    """La période du pacte finit avant de commencer.

    ``periode.fin`` doit être supérieure ou égale à ``periode.debut``, dans
    le pacte comme dans le PDI.

    Correction : vérifiez les deux années (par exemple 2018 et 2021).
    """
    pacte = dossier.pacte
    m = pacte.meta
    if m.fin < m.debut:
        yield finding(pacte, ("pacte", "periode", "fin"),
                      f"la période finit en {m.fin}, avant de commencer en {m.debut} : inversez ou corrigez les années")
    programme = dossier.programme
    if programme is not None and programme.fin < programme.debut:
        yield finding(programme.source, ("pdi", "periode", "fin"),
                      f"la période du programme finit en {programme.fin}, avant de commencer en {programme.debut} : "
                      "inversez ou corrigez les années")


def _signature_dates(pacte: Pacte) -> list[tuple[str, tuple[str | int, ...]]]:
    """Every signature date of the pact, with its path."""
    dates: list[tuple[str, tuple[str | int, ...]]] = []
    if pacte.meta.date_signature:
        dates.append((pacte.meta.date_signature, ("pacte", "signature", "date")))
    dates.extend((s.date, s.chemin + ("date",)) for s in pacte.signatures if s.date)
    return dates


@check("PCT041", "date-hors-periode")
def date_outside_period(dossier: Dossier) -> Iterator[Finding]:
    """Une date de signature tombe après la fin de la période du pacte.

    Un pacte se signe avant ou pendant sa période d'application. Une date
    postérieure est presque toujours une faute de frappe sur l'année.

    Correction : vérifiez l'année de la date et celles de la période.
    """
    pacte = dossier.pacte
    for value, chemin in _signature_dates(pacte):
        if int(value[:4]) > pacte.meta.fin:
            yield finding(pacte, chemin,
                          f"date {value} postérieure à la fin de la période ({pacte.meta.fin}) : corrigez l'année")


@check("PCT045", "signature-bien-avant-periode", Severity.WARNING)
def signature_long_before_period(dossier: Dossier) -> Iterator[Finding]:
    """Une date de signature tombe plus de deux ans avant le début de la période.

    C'est possible (un pacte signé longtemps à l'avance), mais c'est le plus
    souvent une faute de frappe sur l'année. Ce code était auparavant la
    variante « avertissement » de PCT041 : un code n'a qu'une gravité.

    Correction : vérifiez l'année de la date et celles de la période.
    """
    pacte = dossier.pacte
    for value, chemin in _signature_dates(pacte):
        if int(value[:4]) < pacte.meta.debut - EARLY_YEARS:
            yield finding(pacte, chemin,
                          f"date {value} très antérieure au début de la période ({pacte.meta.debut}) : "
                          "vérifiez l'année")


@check("PCT042", "planning-hors-periode")
def planning_outside_period(dossier: Dossier) -> Iterator[Finding]:
    """Le planning indicatif déborde de ses propres bornes ou de la période.

    Les années de chaque ligne doivent être comprises entre ``planning.debut``
    et ``planning.fin``, elles-mêmes comprises dans la période du pacte.

    Correction : corrigez les années, ou les bornes du planning.
    """
    pacte = dossier.pacte
    plan = pacte.planning
    if plan is None:
        return
    m = pacte.meta
    if plan.fin < plan.debut or plan.debut < m.debut or plan.fin > m.fin:
        yield finding(pacte, ("planning", "debut"),
                      f"planning {plan.debut}-{plan.fin} incohérent avec la période du pacte {m.debut}-{m.fin}")
    for line in plan.lignes:
        for i, year in enumerate(line.annees):
            if not plan.debut <= year <= plan.fin:
                yield finding(pacte, line.chemin + ("annees", i),
                              f"année {year} hors du planning ({plan.debut}-{plan.fin})")
