"""The signed pact as an act an avenant can amend: a tree of units made of alinéas.

An avenant amends units a reader can point at: a part, a partner, an
engagement, an axis or an orientation, a governance body, a signature block.
Each :class:`Unite` holds what the pact prints for it, as alinéas (every
paragraph and every list item is one, as legislative drafting counts them),
plus the few data the pact states about it (a partner's category and
representative). Units are matched by a stable key built from their id; their
names and numbers (« l'axe 2 », « l'engagement n° 3 du … ») are computed from
the version they belong to, and never compared.

The programme is not part of the act: the partners do not sign it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import (
    Bloc,
    Chiffres,
    Dossier,
    Graphique,
    Item,
    Liste,
    Noeud,
    Pacte,
    Rubrique,
    Section,
    Tableau,
    Texte,
)
from .langue import avec_article, de, de_partenaire, feminin

#: The data a unit may state, in the order it states them.
ATTRIBUTS = ("Sigle", "Catégorie", "Représentant", "Partenaires", "Pour", "Qualité", "Nom")
#: The containers of the act, in the order the avenant's articles follow.
CONTENEURS = ("parties", "partenaires", "engagements", "axes", "instances", "signatures")

_SPACES = re.compile(r"\s+")
_PARAGRAPHS = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Unite:
    """One amendable unit: its key, heading, alinéas, stated data and sub-units.

    ``nom`` (« l'axe 2 »), ``numero`` and ``espece`` (« axe ») name the unit in
    the version it comes from; they are computed, so equality ignores them.
    """

    cle: str
    genre: str
    titre: str | None = None
    alineas: tuple[str, ...] = ()
    attributs: tuple[tuple[str, str], ...] = ()
    enfants: tuple[Unite, ...] = ()
    nom: str = field(default="", compare=False)
    numero: str = field(default="", compare=False)
    espece: str = field(default="", compare=False)

    @property
    def feminin(self) -> bool:
        """True when the unit's noun is feminine (« la partie », « l'orientation »)."""
        return feminin(self.espece)

    def parcours(self) -> Iterator[tuple[Unite, Unite | None]]:
        """Every unit below this one with its parent, depth first, in document order."""
        for enfant in self.enfants:
            yield enfant, self
            yield from enfant.parcours()


def alineas_du_texte(texte: str | None) -> tuple[str, ...]:
    """The alinéas of a Markdown passage: its paragraphs, whitespace normalised."""
    if not texte:
        return ()
    return tuple(p for p in (_SPACES.sub(" ", part).strip() for part in _PARAGRAPHS.split(texte)) if p)


def alineas_des_items(items: tuple[Item, ...]) -> tuple[str, ...]:
    """Every list item is an alinéa, nested ones included."""
    result: list[str] = []
    for item in items:
        result.extend(alineas_du_texte(item.texte))
        result.extend(alineas_des_items(item.items))
    return tuple(result)


def alineas_des_blocs(blocs: tuple[Bloc, ...]) -> tuple[str, ...]:
    """The alinéas of a sequence of blocks: paragraphs, list lead-ins and items, table rows, figures."""
    result: list[str] = []
    for bloc in blocs:
        if isinstance(bloc, Texte):
            result.extend(alineas_du_texte(bloc.texte))
        elif isinstance(bloc, Liste):
            for texte in (bloc.titre, bloc.intro):
                result.extend(alineas_du_texte(texte))
            result.extend(alineas_des_items(bloc.items))
            result.extend(alineas_du_texte(bloc.conclusion))
        elif isinstance(bloc, Tableau):
            result.extend(alineas_du_texte(bloc.titre))
            result.append(" | ".join(bloc.colonnes))
            result.extend(" | ".join(ligne) for ligne in bloc.lignes)
        elif isinstance(bloc, Chiffres):
            for texte in (bloc.titre, bloc.intro):
                result.extend(alineas_du_texte(texte))
            result.extend(_SPACES.sub(" ", f"{c.valeur} {c.libelle}") for c in bloc.items)
        elif isinstance(bloc, Graphique):
            result.extend(alineas_du_texte(bloc.titre))
        elif isinstance(bloc, Rubrique):
            result.extend(alineas_du_texte(bloc.titre))
            result.extend(alineas_des_blocs(bloc.contenu))
    return tuple(result)


def build_acte(dossier: Dossier) -> Unite:
    """The pact of ``dossier`` as an amendable act (its programme is not part of it)."""
    pacte = dossier.pacte
    conteneurs = (
        Unite("parties", "conteneur", enfants=tuple(_partie(s, None) for s in pacte.sections)),
        Unite("partenaires", "conteneur", enfants=tuple(_partenaire(pacte, p.id) for p in pacte.partenaires)),
        # One list of engagements, in source order, each naming who takes it: whether one is printed
        # as common depends on who signs, which is layout, not a stipulation.
        Unite("engagements", "conteneur", enfants=tuple(_engagement(pacte, e.id) for e in pacte.engagements)),
        Unite("axes", "conteneur", enfants=tuple(_noeud(n, None) for n in pacte.axes)),
        Unite("instances", "conteneur", enfants=tuple(
            # What the pact prints of a body, in its order (its level, presidency and frequency are data).
            Unite(f"instance:{i.id}", "instance", i.titre or i.nom,
                  alineas_du_texte(i.composition) + alineas_du_texte(i.texte)
                  + alineas_du_texte(i.missions_intro) + alineas_des_items(i.missions)
                  + alineas_des_blocs(i.contenu),
                  nom=f"l’instance « {i.titre or i.nom} »", espece="instance")
            for i in pacte.instances)),
        Unite("signatures", "conteneur", enfants=_signatures(pacte)),
    )
    return Unite("acte", "acte", pacte.meta.titre, enfants=conteneurs, nom="le pacte")


def _partie(section: Section, parent: Unite | None) -> Unite:
    espece = "partie" if parent is None else "sous-partie"
    if section.numero:
        nom = f"{avec_article(espece)} {section.numero}"
    else:
        nom = f"{avec_article(espece)} « {section.titre} »"
    if parent is not None:
        nom = f"{nom} {de(parent.nom)}"
    unite = Unite(f"partie:{section.id}", "partie", section.titre,
                  alineas_du_texte(section.texte) + alineas_des_blocs(section.contenu),
                  nom=nom, numero=section.numero, espece=espece)
    return _avec_enfants(unite, tuple(_partie(s, unite) for s in section.sections))


def _noeud(noeud: Noeud, parent: Unite | None) -> Unite:
    espece = noeud.niveau.nom.lower()
    if noeud.marque:
        nom = f"{avec_article(espece)} {noeud.marque}"
    else:
        nom = f"{avec_article(espece)} « {noeud.titre} »"
    # A level numbered through the whole tree names a node alone; one that restarts needs its parent.
    if parent is not None and not (noeud.marque and noeud.niveau.continue_):
        nom = f"{nom} {de(parent.nom)}"
    unite = Unite(f"axe:{noeud.id}", "axe", noeud.titre,
                  alineas_du_texte(noeud.texte) + alineas_des_blocs(noeud.contenu),
                  nom=nom, numero=noeud.marque, espece=espece)
    return _avec_enfants(unite, tuple(_noeud(n, unite) for n in noeud.enfants))


def _avec_enfants(unite: Unite, enfants: tuple[Unite, ...]) -> Unite:
    return Unite(unite.cle, unite.genre, unite.titre, unite.alineas, unite.attributs, enfants, unite.nom,
                 unite.numero, unite.espece)


def _partenaire(pacte: Pacte, ident: str) -> Unite:
    p = pacte.partenaires_par_id[ident]
    categorie = pacte.categories_par_id.get(p.categorie)
    attributs: list[tuple[str, str]] = []
    if p.sigle:
        attributs.append(("Sigle", p.sigle))
    if categorie is not None:
        attributs.append(("Catégorie", categorie.libelle))
    if p.representant is not None:
        attributs.append(("Représentant", ", ".join(x for x in (p.representant.qualite, p.representant.nom) if x)))
    return Unite(
        f"partenaire:{p.id}", "partenaire", p.titre or p.nom,
        alineas_du_texte(p.presentation) + alineas_du_texte(p.contexte_legislatif)
        + alineas_du_texte(p.titre_engagements) + alineas_du_texte(p.engagements_intro)
        + alineas_du_texte(p.engagements_conclusion),
        tuple(attributs), nom=f"le partenaire « {p.nom} »", espece="partenaire")


def _engagement(pacte: Pacte, ident: str) -> Unite:
    """An engagement, named as the version prints it: « commun n° 2 », or « n° 3 » of its first partner."""
    e = next(x for x in pacte.engagements if x.id == ident)
    rang, titulaire = pacte.numero_engagement(e)
    if titulaire is None:
        nom = f"l’engagement commun n° {rang}"
    else:
        nom = f"l’engagement n° {rang} {de_partenaire(pacte.partenaires_par_id[titulaire].nom)}"
    return Unite(f"engagement:{e.id}", "engagement", None,
                 alineas_du_texte(e.texte) + alineas_des_items(e.items),
                 (("Partenaires", ", ".join(pacte.noms_partenaires(e.partenaires))),),
                 nom=nom, numero=str(rang), espece="engagement")


def _signatures(pacte: Pacte) -> tuple[Unite, ...]:
    seen: dict[str, int] = {}
    result = []
    for s in pacte.signatures:
        seen[s.partenaire] = seen.get(s.partenaire, 0) + 1
        suffix = "" if seen[s.partenaire] == 1 else f"#{seen[s.partenaire]}"
        # « Pour … » is the source's own line when it has one; otherwise the page model's label.
        pour = _SPACES.sub(" ", s.pour or f"Pour {pacte.partenaires_par_id[s.partenaire].nom}").strip()
        attributs = tuple((k, v) for k, v in (("Pour", pour), ("Qualité", s.qualite), ("Nom", s.nom or "")) if v)
        result.append(Unite(f"signature:{s.partenaire}{suffix}", "signature", None, (), attributs,
                            nom=f"le bloc de signature « {pour.rstrip(' ,')} »", espece="bloc de signature"))
    return tuple(result)


def index(acte: Unite) -> dict[str, tuple[Unite, Unite | None]]:
    """Every unit of the act by key, with its parent."""
    return {u.cle: (u, parent) for u, parent in acte.parcours()}
