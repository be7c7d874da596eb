"""Every reference by id in a dossier, and every id it defines, with the file and path of each.

The checks use them to find dangling references (PCT021, PCT022, PCT024,
PCT025); the language server uses them for completion, hover, go to
definition, find references and rename. One enumeration serves both, so a new
kind of reference is checked and navigable at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..load import LoadedFile, Path_
from .document import rubriques
from .dossier import Dossier

#: The kinds of entity a reference can name.
GENRES = ("partenaire", "axe", "territoire", "categorie")


@dataclass(frozen=True)
class Renvoi:
    """A use of an id: which kind of entity it names, where it is written."""

    genre: str
    ident: str
    source: LoadedFile
    chemin: Path_


@dataclass(frozen=True)
class Cible:
    """A definition of an id: its kind, where its ``id:`` is written, and how a reader names it."""

    genre: str
    ident: str
    source: LoadedFile
    chemin: Path_
    libelle: str


def _listed(genre: str, refs: tuple[str, ...], chemin: Path_, src: LoadedFile) -> Iterator[Renvoi]:
    for i, ref in enumerate(refs):
        yield Renvoi(genre, ref, src, chemin + (i,))


def renvois(dossier: Dossier) -> Iterator[Renvoi]:
    """Every reference of the pact and its programme, in file order per kind."""
    yield from _partenaires(dossier)
    yield from _axes(dossier)
    yield from _territoires(dossier)
    pacte = dossier.pacte
    for p in pacte.partenaires:
        yield Renvoi("categorie", p.categorie, pacte.source, p.chemin + ("categorie",))


def _partenaires(dossier: Dossier) -> Iterator[Renvoi]:
    pacte = dossier.pacte
    src = pacte.source
    for e in pacte.engagements:
        yield from _listed("partenaire", e.partenaires, e.chemin + ("partenaires",), src)
    for s in pacte.signatures:
        yield Renvoi("partenaire", s.partenaire, src, s.chemin + ("partenaire",))
    for inst in pacte.instances:
        yield from _listed("partenaire", inst.presidence, inst.chemin + ("presidence",), src)
        yield from _listed("partenaire", inst.membres, inst.chemin + ("membres",), src)
    for n in pacte.tous_les_noeuds():
        yield from _listed("partenaire", n.partenaires, n.chemin + ("partenaires",), src)
    for blocs in pacte.sequences_de_blocs():
        for r in rubriques(blocs):
            yield from _listed("partenaire", r.partenaires, r.chemin + ("partenaires",), src)
    yield from _partenaires_du_programme(dossier)


def _partenaires_du_programme(dossier: Dossier) -> Iterator[Renvoi]:
    programme = dossier.programme
    if programme is None:
        return
    pdi = programme.source
    for s in programme.signatures:
        yield Renvoi("partenaire", s.partenaire, pdi, s.chemin + ("partenaire",))
    for n in programme.tous_les_noeuds():
        yield from _listed("partenaire", n.partenaires, n.chemin + ("partenaires",), pdi)
    for f in programme.fiches:
        if f.pilote:
            yield Renvoi("partenaire", f.pilote, pdi, f.chemin + ("pilote",))
        yield from _listed("partenaire", f.partenaires_associes, f.chemin + ("partenaires_associes",), pdi)
        if f.financement:
            yield from _listed("partenaire", f.financement.financeurs, f.chemin + ("financement", "financeurs"), pdi)
    for blocs in programme.sequences_de_blocs():
        for r in rubriques(blocs):
            yield from _listed("partenaire", r.partenaires, r.chemin + ("partenaires",), pdi)


def _axes(dossier: Dossier) -> Iterator[Renvoi]:
    pacte = dossier.pacte
    for e in pacte.engagements:
        yield from _listed("axe", e.axes, e.chemin + ("axes",), pacte.source)
    if pacte.planning:
        for ligne in pacte.planning.lignes:
            yield Renvoi("axe", ligne.axe, pacte.source, ligne.chemin + ("axe",))
    if dossier.programme:
        for f in dossier.programme.fiches:
            yield Renvoi("axe", f.axe, dossier.programme.source, f.chemin + ("axe",))


def _territoires(dossier: Dossier) -> Iterator[Renvoi]:
    pacte = dossier.pacte
    owners: list[tuple[tuple[str, ...], Path_, LoadedFile]] = [
        (p.territoires, p.chemin, pacte.source) for p in pacte.partenaires]
    owners += [(i.territoires, i.chemin, pacte.source) for i in pacte.instances]
    owners += [(n.territoires, n.chemin, pacte.source) for n in pacte.tous_les_noeuds()]
    if dossier.programme:
        programme = dossier.programme
        owners += [(f.territoires, f.chemin, programme.source) for f in programme.fiches]
        owners += [(n.territoires, n.chemin, programme.source) for n in programme.tous_les_noeuds()]
    for territoires, chemin, source in owners:
        yield from _listed("territoire", territoires, chemin + ("territoires",), source)


def cibles(dossier: Dossier) -> Iterator[Cible]:
    """Every id a reference can name, with the name a reader knows it by."""
    pacte = dossier.pacte
    for p in pacte.partenaires:
        yield Cible("partenaire", p.id, pacte.source, p.chemin + ("id",), p.nom)
    for document in dossier.documents():
        for n in document.tous_les_noeuds():
            yield Cible("axe", n.id, document.source, n.chemin + ("id",),
                        f"{n.libelle} — {n.titre}" if n.libelle else n.titre)
    for t in pacte.territoires:
        yield Cible("territoire", t.id, pacte.source, t.chemin + ("id",), t.nom)
    for c in pacte.categories:
        yield Cible("categorie", c.id, pacte.source, c.chemin + ("id",), c.libelle)
