"""What the book of fiches shows, computed from the model so that the template only loops.

The index by partner, the partner × axis matrix, the timeline, the grouped
completeness report and a working document's summary table. The charts and
the book's template both read a :class:`Livret`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Dossier, Fiche, Noeud, Pacte, Partenaire, Programme, inclusions, walk_nodes
from ..model.programme import FIELDS
from .labels import STATUTS


@dataclass(frozen=True)
class EntreeIndex:
    """A partner and the fiches it pilots or joins."""

    partenaire: Partenaire
    pilote: tuple[Fiche, ...]
    associe: tuple[Fiche, ...]


@dataclass(frozen=True)
class LigneMatrice:
    """A row of the « qui fait quoi » matrix: per top-level axis, fiches piloted and joined."""

    partenaire: Partenaire
    cellules: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class LigneSynthese:
    """A row of a working document's summary: a fiche, its axis, partners, years and status."""

    fiche: Fiche
    axe: str
    partenaires: tuple[str, ...]
    annees: str
    statut: str


@dataclass(frozen=True)
class Livret:
    """Everything the fiches template shows, already resolved."""

    programme: Programme
    axes: dict[str, Noeud]
    racines: dict[str, Noeud]
    colonnes: tuple[Noeud, ...]
    index: tuple[EntreeIndex, ...]
    matrice: tuple[LigneMatrice, ...]
    annees: tuple[int, ...]
    incompletes: tuple[Fiche, ...]
    signatures_placees: bool
    #: How each fiche is named in tables: « Orientation 1 » alone is ambiguous when numbering restarts per axis.
    references: dict[str, str]
    #: The fiches printed as sheets: all of a programme's; a working document's only when they say something.
    imprimees: tuple[Fiche, ...]

    def imprimee(self, fiche: Fiche) -> bool:
        """True when ``fiche`` is printed as a sheet (a link to it has a target)."""
        return fiche in self.imprimees
    #: The printed fiches of each root axis of the programme's own tree (printed under that axis).
    par_axe: dict[str, tuple[Fiche, ...]]
    #: Printed fiches whose axis is not in the programme's own tree (printed after its parts).
    hors_axes: tuple[Fiche, ...]
    datees: tuple[Fiche, ...]
    sans_calendrier: tuple[Fiche, ...]
    #: Completeness, grouped: the fields every incomplete fiche lacks, then what each lacks besides.
    manques_communs: tuple[str, ...]
    manques_propres: tuple[tuple[Fiche, tuple[str, ...]], ...]
    synthese: tuple[LigneSynthese, ...]
    #: False when the programme and its pact have no year in common (PCT044).
    periodes_communes: bool
    #: Per fiche, where it sits: (label, title) of its root axis, then of its own node when that says more.
    rappels: dict[str, tuple[tuple[str, str], ...]]


def _roots(trees: tuple[tuple[Noeud, ...], ...]) -> tuple[dict[str, Noeud], dict[str, Noeud]]:
    nodes: dict[str, Noeud] = {}
    roots: dict[str, Noeud] = {}
    for tree in trees:
        for root in tree:
            for node in walk_nodes((root,)):
                nodes.setdefault(node.id, node)
                roots.setdefault(node.id, root)
    return nodes, roots


def _reference(fiche: Fiche, racines: dict[str, Noeud], programme: Programme) -> str:
    root = racines.get(fiche.axe)
    if programme.numerotation_par_axe and root is not None and root.libelle:
        return f"{root.libelle} · {fiche.libelle}"
    return fiche.libelle


def build_livret(dossier: Dossier) -> Livret:
    """The resolved view of the dossier's programme."""
    pacte, programme = dossier.pacte, dossier.programme
    assert programme is not None
    # A fiche's axis resolves in the programme's own tree first, then in the pact's.
    axes, racines = _roots((programme.axes, pacte.axes))
    used_roots: list[Noeud] = []
    for fiche in programme.fiches:
        root = racines.get(fiche.axe)
        if root is not None and root not in used_roots:
            used_roots.append(root)
    index = []
    matrice = []
    for partner in pacte.partenaires:
        pilot = tuple(f for f in programme.fiches if f.pilote == partner.id)
        joined = tuple(f for f in programme.fiches if partner.id in f.partenaires_associes)
        if pilot or joined:
            index.append(EntreeIndex(partner, pilot, joined))
            matrice.append(LigneMatrice(partner, tuple(
                (sum(racines.get(f.axe) is root for f in pilot), sum(racines.get(f.axe) is root for f in joined))
                for root in used_roots)))
    incompletes = tuple(f for f in programme.fiches if f.champs_manquants)
    common = tuple(c for c in FIELDS.values() if incompletes and all(c in f.champs_manquants for f in incompletes))
    printed = tuple(f for f in programme.fiches if programme.est_un_programme or f.a_du_texte)
    own_roots = {root.id for root in programme.axes}
    return Livret(
        programme=programme, axes=axes, racines=racines, colonnes=tuple(used_roots), index=tuple(index),
        matrice=tuple(matrice), annees=tuple(range(programme.debut, programme.fin + 1)),
        incompletes=incompletes,
        references={f.id: _reference(f, racines, programme) for f in programme.fiches},
        imprimees=printed,
        par_axe={root.id: tuple(f for f in printed if racines.get(f.axe) is root) for root in programme.axes},
        hors_axes=tuple(f for f in printed if f.axe not in axes or racines[f.axe].id not in own_roots),
        datees=tuple(f for f in programme.fiches if f.annees),
        sans_calendrier=tuple(f for f in programme.fiches if not f.annees),
        manques_communs=common,
        manques_propres=tuple((f, extra) for f in incompletes
                              if (extra := tuple(c for c in f.champs_manquants if c not in common))),
        synthese=tuple(_synthese(f, axes, racines, pacte) for f in programme.fiches),
        periodes_communes=programme.fin >= pacte.meta.debut and programme.debut <= pacte.meta.fin,
        rappels={f.id: _rappel(f, axes, racines) for f in programme.fiches},
        signatures_placees=any(inc.partie == "signatures" for s in programme.toutes_les_sections()
                               for inc in inclusions(s.contenu)))




def _synthese(fiche: Fiche, axes: dict[str, Noeud], racines: dict[str, Noeud], pacte: Pacte) -> LigneSynthese:
    node, root = axes.get(fiche.axe), racines.get(fiche.axe)
    label = (node.libelle if node is not None else "") or (root.libelle if root is not None else "")
    axis = f"{label} — {fiche.titre}" if label else fiche.titre
    runs = _year_runs(fiche.annees)
    return LigneSynthese(fiche, axis, tuple(pacte.noms_partenaires(fiche.partenaires)), runs,
                         STATUTS.get(fiche.statut or "", ""))


def _year_runs(years: tuple[int, ...]) -> str:
    """« 2014–2016, 2018 » from the years a fiche is active."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}\u202f–\u202f{b}" for a, b in runs)


def _rappel(fiche: Fiche, axes: dict[str, Noeud], racines: dict[str, Noeud]) -> tuple[tuple[str, str], ...]:
    """Where a fiche sits, as (label, title) pairs: its root axis, then its node if that adds something."""
    root, node = racines.get(fiche.axe), axes.get(fiche.axe)
    if root is None or node is None:
        return ((fiche.axe, ""),)
    pairs = [(root.libelle, root.titre)]
    if node is not root and (node.libelle or node.titre != fiche.titre):
        pairs.append((node.libelle, node.titre if node.titre != fiche.titre else ""))
    return tuple(pairs)
