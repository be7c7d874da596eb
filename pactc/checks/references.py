"""Reference checks: every id used somewhere must be defined."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping

from ..load import LoadedFile
from ..model import Dossier, Pacte, Programme
from ..model.renvois import renvois
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


def partner_references(dossier: Dossier) -> Iterator[Reference]:
    """Every partner id used in the pact and its PDI, with where (path and file) it is used."""
    for r in renvois(dossier):
        if r.genre == "partenaire":
            yield r.ident, r.chemin, r.source


def _unknown(dossier: Dossier, genre: str, known: set[str], nom: str) -> Iterator[Finding]:
    for r in renvois(dossier):
        if r.genre == genre and r.ident not in known:
            yield finding(r.source, r.chemin, f"{nom} inconnu{'e' if genre == 'categorie' else ''} « {r.ident} »"
                          f"{suggestion(r.ident, known)}", hint=_known_list(known))


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
    yield from _unknown(dossier, "partenaire", {p.id for p in dossier.pacte.partenaires}, "partenaire")


@check("PCT022", "axe-inconnu")
def unknown_axis(dossier: Dossier) -> Iterator[Finding]:
    """Une référence vise un axe qui n'existe pas.

    Les engagements (clé ``axes``), le planning et les fiches du PDI (clé
    ``axe``) désignent des nœuds de l'arbre des axes par leur identifiant.
    Une fiche peut viser l'arbre du PDI ou celui du pacte.

    Correction : corrigez l'identifiant ou ajoutez l'axe à l'arbre ``axes``.
    """
    known = set(dossier.pacte.noeuds_par_id)
    if dossier.programme:
        known |= {n.id for n in dossier.programme.tous_les_noeuds()}
    # The pact's own references may only name the pact's tree; a fiche may name either.
    pacte_only = set(dossier.pacte.noeuds_par_id)
    for r in renvois(dossier):
        if r.genre != "axe":
            continue
        allowed = known if dossier.programme is not None and r.source is dossier.programme.source else pacte_only
        if r.ident not in allowed:
            yield finding(r.source, r.chemin, f"axe inconnu « {r.ident} »{suggestion(r.ident, allowed)}",
                          hint=_known_list(allowed))


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


#: The texts of the last dossier walked: four checks read them, the walk is done once.
_TEXTES: list[tuple[object, list[tuple[str, Chemin, LoadedFile]]]] = []


def textes(dossier: Dossier) -> list[tuple[str, Chemin, LoadedFile]]:
    """Every text of the pact and of its PDI, with its path and its file, walked once per dossier."""
    if _TEXTES and _TEXTES[0][0] is dossier:
        return _TEXTES[0][1]
    pacte = dossier.pacte
    result = [(text, chemin, pacte.source) for text, chemin in markdown_fields(pacte)]
    if dossier.programme is not None:
        result += [(text, chemin, dossier.programme.source) for text, chemin in markdown_fields(dossier.programme)]
    _TEXTES[:] = [(dossier, result)]
    return result


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
    known = {ident for ident, _, _, _ in identified(dossier)}
    for text, chemin, source in textes(dossier):
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
    yield from _unknown(dossier, "territoire", set(dossier.pacte.territoires_par_id), "territoire")


@check("PCT025", "categorie-inconnue")
def unknown_category(dossier: Dossier) -> Iterator[Finding]:
    """Un partenaire est rangé dans une catégorie qui n'existe pas.

    La clé ``categorie`` d'un partenaire désigne une entrée de la liste
    ``categories`` du pacte.

    Correction : corrigez l'identifiant ou déclarez la catégorie.
    """
    yield from _unknown(dossier, "categorie", set(dossier.pacte.categories_par_id), "catégorie")
