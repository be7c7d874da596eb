"""The national view: every département's open data read back, counted by theme and compared.

The national package is the départements' packages concatenated, and the
national pages are computed from it, so what a reader sees is exactly what
the published data say. Themes are counted as tagged: an engagement by its
own themes, a fiche action by the themes of its axis and of the axes above it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from .opendata import TABLES, concatener
from .themes import THEMES, TYPES_PARTENAIRES


def tables_des_departements(out: Path, slugs: list[str]) -> dict[str, dict[str, bytes]]:
    """Each département's tables as written by its build (slug → table → CSV), for those that have them."""
    result: dict[str, dict[str, bytes]] = {}
    for slug in slugs:
        folder = out / slug / "donnees"
        if all((folder / f"{name}.csv").is_file() for name in TABLES):
            result[slug] = {name: (folder / f"{name}.csv").read_bytes() for name in TABLES}
    return result


def tables_nationales(par_departement: dict[str, dict[str, bytes]]) -> dict[str, bytes]:
    """The national tables: every département's rows, in the order of their slugs."""
    return concatener(par_departement[slug] for slug in sorted(par_departement))


def lire(tables: dict[str, bytes]) -> dict[str, list[dict[str, str]]]:
    """Tables as rows of strings (an empty cell is an empty string)."""
    return {name: list(csv.DictReader(io.StringIO(data.decode("utf-8")))) for name, data in tables.items()}


@dataclass(frozen=True)
class EngagementNational:
    """An engagement as the theme pages list it: its département, its number as the pact prints it, its text."""

    slug: str
    departement: str
    numero: str
    texte: str


@dataclass(frozen=True)
class FicheNationale:
    """A fiche action as the theme pages list it."""

    slug: str
    departement: str
    numero: str
    titre: str


@dataclass(frozen=True)
class Departement:
    """A column of the national view."""

    slug: str
    pacte: str
    nom: str
    code: str


@dataclass(frozen=True)
class VueNationale:
    """What the national pages show."""

    departements: tuple[Departement, ...]
    #: (theme, département pacte id) → count.
    engagements: dict[tuple[str, str], int]
    actions: dict[tuple[str, str], int]
    par_theme: dict[str, tuple[tuple[EngagementNational, ...], tuple[FicheNationale, ...]]]
    #: département pacte id → ((category as the pact states it, [partner names]), …).
    categories: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    #: (partner type, département pacte id) → partner names; the type "" when the pact gives none.
    types: dict[tuple[str, str], tuple[str, ...]]

    def total(self, comptes: dict[tuple[str, str], int], theme: str) -> int:
        """The national total of a theme."""
        return sum(n for (t, _), n in comptes.items() if t == theme)


def vue_nationale(par_departement: dict[str, dict[str, bytes]]) -> VueNationale:
    """Count and list every département's engagements and actions by theme."""
    departements: list[Departement] = []
    engagements: Counter[tuple[str, str]] = Counter()
    actions: Counter[tuple[str, str]] = Counter()
    listes: dict[str, tuple[list[EngagementNational], list[FicheNationale]]] = {t: ([], []) for t in THEMES}
    categories: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    par_type: dict[tuple[str, str], list[str]] = defaultdict(list)
    for slug in sorted(par_departement):
        t = lire(par_departement[slug])
        for p in t["pactes"]:
            d = Departement(slug, p["pacte"], p["departement"], p["departement_code"])
            departements.append(d)
            noms = {x["partenaire"]: x["nom"] for x in t["partenaires"] if x["pacte"] == d.pacte}
            for e in (x for x in t["engagements"] if x["pacte"] == d.pacte):
                numero = (f"Engagement commun n° {e['numero']}" if e["commun"] == "true"
                          else f"Engagement n° {e['numero']} — {noms[e['titulaire']]}")
                for theme in _themes(e["themes"]):
                    engagements[theme, d.pacte] += 1
                    listes[theme][0].append(EngagementNational(slug, d.nom, numero, e["texte"]))
            for f in (x for x in t["fiches"] if x["pacte"] == d.pacte):
                for theme in _themes(f["themes"]):
                    actions[theme, d.pacte] += 1
                    listes[theme][1].append(FicheNationale(slug, d.nom, f["numero"], f["titre"]))
            groupes: dict[str, list[str]] = defaultdict(list)
            for x in (x for x in t["partenaires"] if x["pacte"] == d.pacte):
                groupes[x["categorie"] or "Sans catégorie"].append(x["nom"])
                par_type[x["type"] if x["type"] in TYPES_PARTENAIRES else "", d.pacte].append(x["nom"])
            categories[d.pacte] = tuple((c, tuple(n)) for c, n in groupes.items())
    return VueNationale(tuple(departements), dict(engagements), dict(actions),
                        {t: (tuple(e), tuple(f)) for t, (e, f) in listes.items()}, categories,
                        {k: tuple(v) for k, v in par_type.items()})


def _themes(cell: str) -> list[str]:
    # Unknown themes cannot reach here (the schema refuses them), but a hand-edited CSV could hold one.
    return [t for t in cell.split(";") if t in THEMES]
