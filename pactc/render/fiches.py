"""Stage 5 for the PDI: the book of fiches actions as one HTML page.

The views the book needs (index by partner, partner × axis matrix, timeline,
completeness) are computed here, so the template only loops.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..checks.content import inclusions
from ..markdown import Abbreviations
from ..model import Noeud, Pacte, Partenaire, walk_nodes
from ..programme import Fiche, Programme
from .charts import matrix_svg, timeline_svg
from .html import Rendered, document_date, render_template, stylesheet


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
    if programme.data["pdi"].get("numerotation_fiches") == "par_axe" and root is not None and root.libelle:
        return f"{root.libelle} · {fiche.libelle}"
    return fiche.libelle


def build_livret(pacte: Pacte) -> Livret:
    """The resolved view of the pact's programme."""
    programme = pacte.programme
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
    return Livret(
        programme=programme, axes=axes, racines=racines, colonnes=tuple(used_roots), index=tuple(index),
        matrice=tuple(matrice), annees=tuple(range(programme.debut, programme.fin + 1)),
        incompletes=tuple(f for f in programme.fiches if f.champs_manquants),
        references={f.id: _reference(f, racines, programme) for f in programme.fiches},
        signatures_placees=any(inc.partie == "signatures" for s in programme.toutes_les_sections()
                               for inc in inclusions(s.contenu)))


def render_fiches(pacte: Pacte, *, font_base: str, epoch_date: str | None = None) -> Rendered:
    """The book of fiches of the pact's programme as one HTML page."""
    programme = pacte.programme
    assert programme is not None
    date = programme.date_adoption or document_date(pacte, epoch_date)
    abbreviations = Abbreviations({g.sigle: g.definition for g in pacte.glossaire})
    livret = build_livret(pacte)
    html = render_template("fiches.html.j2", abbreviations,
        pacte=pacte, doc=programme, meta=pacte.meta, livret=livret, programme=programme,
        matrice_svg=matrix_svg(livret), calendrier_svg=timeline_svg(livret),
        partenaires=pacte.partenaires_par_id, noeuds=pacte.noeuds_par_id, territoires=pacte.territoires_par_id,
        css=Markup(stylesheet(font_base)), date=date,
        STATUTS={"a_definir": "À définir", "programmee": "Programmée", "en_cours": "En cours",
                 "realisee": "Réalisée", "abandonnee": "Abandonnée"},
    )
    return Rendered(html, date)
