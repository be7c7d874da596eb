"""Period and date checks."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Diagnostic, Severity
from ..model import Pacte
from .registry import at, check

#: A pact signed more than this many years before its period starts is suspicious.
EARLY_YEARS = 2


@check("PCT040", "periode-incoherente")
def incoherent_period(pacte: Pacte) -> Iterator[Diagnostic]:
    """La période du pacte finit avant de commencer.

    ``periode.fin`` doit être supérieure ou égale à ``periode.debut``, dans
    le pacte comme dans le PDI.

    Correction : vérifiez les deux années (par exemple 2018 et 2021).
    """
    m = pacte.meta
    if m.fin < m.debut:
        yield at(pacte, ("pacte", "periode", "fin"), "PCT040",
                 f"la période finit en {m.fin}, avant de commencer en {m.debut} : inversez ou corrigez les années")
    programme = pacte.programme
    if programme is not None and programme.fin < programme.debut:
        yield at(programme.source, ("pdi", "periode", "fin"), "PCT040",
                 f"la période du programme finit en {programme.fin}, avant de commencer en {programme.debut} : "
                 "inversez ou corrigez les années")


@check("PCT041", "date-hors-periode")
def date_outside_period(pacte: Pacte) -> Iterator[Diagnostic]:
    """Une date de signature tombe après la fin de la période du pacte.

    Un pacte se signe avant ou pendant sa période d'application. Une date
    postérieure est presque toujours une faute de frappe sur l'année. Une
    signature plus de deux ans avant le début de la période est signalée
    en avertissement.

    Correction : vérifiez l'année de la date et celles de la période.
    """
    m = pacte.meta
    dates: list[tuple[str, tuple[str | int, ...]]] = []
    if m.date_signature:
        dates.append((m.date_signature, ("pacte", "signature", "date")))
    dates.extend((s.date, s.chemin + ("date",)) for s in pacte.signatures if s.date)
    for value, chemin in dates:
        year = int(value[:4])
        if year > m.fin:
            yield at(pacte, chemin, "PCT041",
                     f"date {value} postérieure à la fin de la période ({m.fin}) : corrigez l'année")
        elif year < m.debut - EARLY_YEARS:
            yield at(pacte, chemin, "PCT041",
                     f"date {value} très antérieure au début de la période ({m.debut}) : vérifiez l'année",
                     severity=Severity.WARNING)


@check("PCT042", "planning-hors-periode")
def planning_outside_period(pacte: Pacte) -> Iterator[Diagnostic]:
    """Le planning indicatif déborde de ses propres bornes ou de la période.

    Les années de chaque ligne doivent être comprises entre ``planning.debut``
    et ``planning.fin``, elles-mêmes comprises dans la période du pacte.

    Correction : corrigez les années, ou les bornes du planning.
    """
    plan = pacte.planning
    if plan is None:
        return
    m = pacte.meta
    if plan.fin < plan.debut or plan.debut < m.debut or plan.fin > m.fin:
        yield at(pacte, ("planning", "debut"), "PCT042",
                 f"planning {plan.debut}-{plan.fin} incohérent avec la période du pacte {m.debut}-{m.fin}")
    for line in plan.lignes:
        for i, year in enumerate(line.annees):
            if not plan.debut <= year <= plan.fin:
                yield at(pacte, line.chemin + ("annees", i), "PCT042",
                         f"année {year} hors du planning ({plan.debut}-{plan.fin})")
