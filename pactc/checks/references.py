"""Reference checks: every id used somewhere must be defined."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping

from ..load import LoadedFile
from ..model import Dossier, Pacte, Programme, rubriques
from .ids import identified
from .registry import Finding, check, finding

Chemin = tuple[str | int, ...]
Reference = tuple[str, Chemin, LoadedFile]


def suggestion(wrong: str, known: Iterable[str]) -> str:
    """« — vouliez-vous dire « x » ? » when a known id is close to ``wrong``."""
    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    return f" — vouliez-vous dire « {close[0]} » ?" if close else ""


def _known_list(known: Iterable[str]) -> str:
    names = sorted(known)
    shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
    return f"identifiants connus : {shown}" if names else "aucun n'est défini"


def _listed(refs: tuple[str, ...], chemin: tuple[str | int, ...], src: LoadedFile) -> Iterator[Reference]:
    for i, ref in enumerate(refs):
        yield ref, chemin + (i,), src


def partner_references(dossier: Dossier) -> Iterator[Reference]:
    """Every partner id used in the pact and its PDI, with where (path and file) it is used."""
    pacte = dossier.pacte
    src = pacte.source
    for e in pacte.engagements:
        yield from _listed(e.partenaires, e.chemin + ("partenaires",), src)
    for s in pacte.signatures:
        yield s.partenaire, s.chemin + ("partenaire",), src
    for inst in pacte.instances:
        yield from _listed(inst.presidence, inst.chemin + ("presidence",), src)
        yield from _listed(inst.membres, inst.chemin + ("membres",), src)
    for n in pacte.tous_les_noeuds():
        yield from _listed(n.partenaires, n.chemin + ("partenaires",), src)
    for blocs in pacte.sequences_de_blocs():
        for r in rubriques(blocs):
            yield from _listed(r.partenaires, r.chemin + ("partenaires",), src)
    if dossier.programme is not None:
        yield from _programme_partner_references(dossier)


def _programme_partner_references(dossier: Dossier) -> Iterator[Reference]:
    programme = dossier.programme
    assert programme is not None
    pdi = programme.source
    for s in programme.signatures:
        yield s.partenaire, s.chemin + ("partenaire",), pdi
    for n in programme.tous_les_noeuds():
        yield from _listed(n.partenaires, n.chemin + ("partenaires",), pdi)
    for f in programme.fiches:
        if f.pilote:
            yield f.pilote, f.chemin + ("pilote",), pdi
        yield from _listed(f.partenaires_associes, f.chemin + ("partenaires_associes",), pdi)
        if f.financement:
            yield from _listed(f.financement.financeurs, f.chemin + ("financement", "financeurs"), pdi)
    for blocs in programme.sequences_de_blocs():
        for r in rubriques(blocs):
            yield from _listed(r.partenaires, r.chemin + ("partenaires",), pdi)


@check("PCT021", "partenaire-inconnu")
def unknown_partner(dossier: Dossier) -> Iterator[Finding]:
    """Une référence vise un partenaire qui n'existe pas.

    Engagements, signatures, instances, axes et rubriques du pacte, et
    pilotes, partenaires associés, financeurs et signatures des fiches du PDI,
    désignent les partenaires du pacte par leur identifiant. Une faute de
    frappe rendrait l'engagement ou la fiche orphelin.

    Correction : corrigez l'identifiant (le message propose le plus proche),
    ou ajoutez le partenaire à la liste ``partenaires``.
    """
    pacte = dossier.pacte
    known = {p.id for p in pacte.partenaires}
    for ref, chemin, source in partner_references(dossier):
        if ref not in known:
            yield finding(source, chemin, f"partenaire inconnu « {ref} »{suggestion(ref, known)}",
                          hint=_known_list(known))


@check("PCT022", "axe-inconnu")
def unknown_axis(dossier: Dossier) -> Iterator[Finding]:
    """Une référence vise un axe qui n'existe pas.

    Les engagements (clé ``axes``), le planning et les fiches du PDI (clé
    ``axe``) désignent des nœuds de l'arbre des axes par leur identifiant.
    Une fiche peut viser l'arbre du PDI ou celui du pacte.

    Correction : corrigez l'identifiant ou ajoutez l'axe à l'arbre ``axes``.
    """
    pacte = dossier.pacte
    known = set(pacte.noeuds_par_id)
    refs: list[Reference] = []
    for e in pacte.engagements:
        refs.extend((ref, e.chemin + ("axes", i), pacte.source) for i, ref in enumerate(e.axes))
    if pacte.planning:
        refs.extend((l.axe, l.chemin + ("axe",), pacte.source) for l in pacte.planning.lignes)
    if dossier.programme:
        known |= {n.id for n in dossier.programme.tous_les_noeuds()}
        refs.extend((f.axe, f.chemin + ("axe",), dossier.programme.source) for f in dossier.programme.fiches)
    for ref, chemin, source in refs:
        if ref not in known:
            yield finding(source, chemin, f"axe inconnu « {ref} »{suggestion(ref, known)}",
                          hint=_known_list(known))


_NOT_TEXT = frozenset({
    "id", "partenaires", "presidence", "membres", "axes", "axe", "territoires", "partenaire", "categorie",
    "role", "style", "inclure", "statut", "niveau", "date", "type", "code", "numerotation",
})

_LINK = re.compile(r"\]\(#([^)\s]*)\)")


def markdown_fields(document: Pacte | Programme) -> Iterator[tuple[str, Chemin]]:
    """Every text of a document's source, with its path (walked over the model's frozen source)."""

    def walk(value: object, chemin: Chemin) -> Iterator[tuple[str, Chemin]]:
        if isinstance(value, str):
            yield value, chemin
        elif isinstance(value, Mapping):
            for key, child in value.items():
                # Top-level "partenaires", "axes"… hold entities; deeper down they hold ids.
                if not chemin or key not in _NOT_TEXT:
                    yield from walk(child, chemin + (key,))
        elif isinstance(value, tuple):
            for i, child in enumerate(value):
                yield from walk(child, chemin + (i,))

    yield from walk(document.champs, ())


def programme_markdown_fields(programme: Programme | None) -> Iterator[tuple[str, Chemin]]:
    """Every text of the PDI, with its path (empty without a PDI)."""
    if programme is not None:
        yield from markdown_fields(programme)


@check("PCT023", "lien-interne-casse")
def broken_internal_link(dossier: Dossier) -> Iterator[Finding]:
    """Un lien interne ``[texte](#identifiant)`` ne mène nulle part.

    Un lien Markdown qui commence par ``#`` renvoie à une partie, un
    partenaire, un axe ou une instance du pacte, par son identifiant.

    Correction : utilisez l'identifiant exact de la cible.
    """
    pacte = dossier.pacte
    known = {ident for ident, _, _, _ in identified(dossier)}
    texts = [(text, chemin, pacte.source) for text, chemin in markdown_fields(pacte)]
    if dossier.programme:
        texts += [(text, chemin, dossier.programme.source)
                  for text, chemin in programme_markdown_fields(dossier.programme)]
    for text, chemin, source in texts:
        for match in _LINK.finditer(text):
            target = match.group(1)
            if target not in known:
                yield finding(source, chemin,
                              f"lien interne vers « #{target} » : aucune partie, aucun partenaire ni axe ne porte "
                              f"cet identifiant{suggestion(target, known)}")


@check("PCT024", "territoire-inconnu")
def unknown_territory(dossier: Dossier) -> Iterator[Finding]:
    """Une référence vise un territoire qui n'existe pas.

    Partenaires, instances, axes et fiches du PDI peuvent nommer des
    territoires par leur identifiant ; ceux-ci doivent figurer dans la liste
    ``territoires`` du pacte.

    Correction : corrigez l'identifiant ou ajoutez le territoire.
    """
    pacte = dossier.pacte
    known = set(pacte.territoires_par_id)
    owners: list[tuple[object, LoadedFile]] = [
        (o, pacte.source) for o in (*pacte.partenaires, *pacte.instances, *pacte.tous_les_noeuds())]
    if dossier.programme:
        owners += [(o, dossier.programme.source)
                   for o in (*dossier.programme.fiches, *dossier.programme.tous_les_noeuds())]
    for owner, source in owners:
        for i, ref in enumerate(owner.territoires):  # type: ignore[attr-defined]
            if ref not in known:
                yield finding(source, owner.chemin + ("territoires", i), # type: ignore[attr-defined]
                              f"territoire inconnu « {ref} »{suggestion(ref, known)}", hint=_known_list(known))


@check("PCT025", "categorie-inconnue")
def unknown_category(dossier: Dossier) -> Iterator[Finding]:
    """Un partenaire est rangé dans une catégorie qui n'existe pas.

    La clé ``categorie`` d'un partenaire désigne une entrée de la liste
    ``categories`` du pacte.

    Correction : corrigez l'identifiant ou déclarez la catégorie.
    """
    pacte = dossier.pacte
    known = set(pacte.categories_par_id)
    for p in pacte.partenaires:
        if p.categorie not in known:
            yield finding(pacte, p.chemin + ("categorie",),
                          f"catégorie inconnue « {p.categorie} »{suggestion(p.categorie, known)}",
                          hint=_known_list(known))
