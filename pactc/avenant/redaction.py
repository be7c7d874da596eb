"""The avenant in words: its articles written in the formulas of French legislative drafting.

Each operation becomes an article that names the amended unit as the signed
version numbers it (« L'engagement n° 3 du Conseil départemental
est ainsi rédigé : »), quotes the new wording between « », and counts
alinéas in words. Articles follow the order of the signed text. The wording
is the avenant's own; the quotations are the revised version's words,
unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .acte import Unite, index
from .langue import accord, cardinal, de, ordinal, rang_alinea
from .operations import (
    AlineaRedige,
    AlineasInseres,
    AlineaSupprime,
    Changement,
    Deplacement,
    Insertion,
    Intitule,
    Modification,
    Mots,
    Operation,
    Redaction,
    Renumerotation,
    Suppression,
)

#: How the avenant names a container when it inserts into it without a neighbour to name.
CONTENEURS = {"parties": "le pacte", "partenaires": "la liste des partenaires",
              "engagements": "les engagements", "axes": "le pacte", "instances": "le pacte",
              "signatures": "la page des signatures"}

_LINK = re.compile(r"\[([^\]]*)\]\(#[^)]*\)")


@dataclass(frozen=True)
class Phrase:
    """One paragraph of an article: a sentence, then the wording it quotes, then its closing mark."""

    texte: str
    citation: tuple[str, ...] = ()
    fin: str = "."
    #: « 1° », « 2° »… when the article lists several changes to one unit.
    item: str = ""


@dataclass(frozen=True)
class Article:
    """One article: its paragraphs (numbers are given when the avenant is laid out)."""

    phrases: tuple[Phrase, ...]
    titre: str = ""


def majuscule(texte: str) -> str:
    """The sentence with its first letter in capitals (« L'axe 2 », « Au deuxième alinéa »)."""
    return texte[:1].upper() + texte[1:]


def cite(texte: str) -> str:
    """Wording as quoted: internal links read as their text (the anchors are the source's, not the act's)."""
    return _LINK.sub(r"\1", texte)


def a(groupe: str) -> str:
    """« à » before a named unit, contracted: « au partenaire », « à la partie », « à l'axe »."""
    if groupe.startswith("le "):
        return "au " + groupe[3:]
    if groupe.startswith("les "):
        return "aux " + groupe[4:]
    return "à " + groupe


def pluriel(espece: str) -> str:
    """« axes », « sous-parties », « blocs de signature »."""
    first, _, rest = espece.partition(" ")
    first = first if first.endswith(("s", "x")) else first + "s"
    return f"{first} {rest}".strip()


def enumeration(mots: list[str]) -> str:
    """« 2 », « 2 et 3 », « 2, 3 et 4 »."""
    return mots[0] if len(mots) == 1 else ", ".join(mots[:-1]) + " et " + mots[-1]


def articles(signe: Unite, revise: Unite, ops: tuple[Operation, ...],
             places: dict[str, int] | None = None) -> tuple[Article, ...]:
    """The amending articles, in the order of the signed text.

    ``places`` gives, for the containers the pact prints inside a part (its axes, partners,
    governance, signatures), the rank of that part: their articles come with the part's.
    """
    avant, apres = index(signe), index(revise)
    rang = {cle: k for k, cle in enumerate(avant)}
    written: list[tuple[tuple[float, int, float], Article]] = []
    for op in ops:
        article = _article(op, avant, apres)
        if article is not None:
            here = _position(op, rang)
            written.append(((_partie_de(_cle_de(op), avant, places or {}), 0, here), article))
    written.sort(key=lambda pair: pair[0])
    return tuple(article for _, article in written)


def _cle_de(op: Operation) -> str:
    if isinstance(op, Insertion):
        return op.apres or op.parent
    if isinstance(op, Renumerotation):
        return op.numeros[0][0]
    return op.cle


def _partie_de(cle: str, avant: dict[str, tuple[Unite, Unite | None]], places: dict[str, int]) -> float:
    """The rank of the top-level part that prints ``cle`` (a part itself, or a unit included in one)."""
    chain = [cle]
    while chain[-1] in avant and avant[chain[-1]][1] is not None:
        parent = avant[chain[-1]][1]
        assert parent is not None
        chain.append(parent.cle)
    if "parties" in chain:
        top = chain[chain.index("parties") - 1] if chain.index("parties") > 0 else None
        parties = [u.cle for u in avant["parties"][0].enfants] if "parties" in avant else []
        return float(parties.index(top)) if top in parties else 0.0
    container = next((c for c in chain if c in places), None)
    return float(places[container]) + 0.5 if container is not None else float("inf")


def _position(op: Operation, rang: dict[str, int]) -> float:
    if isinstance(op, Insertion):
        if op.apres is not None and op.apres in rang:
            return rang[op.apres] + 0.5
        return rang.get(op.parent, len(rang)) + 0.25
    if isinstance(op, Renumerotation):
        return max(rang[cle] for cle, _, _ in op.numeros) + 0.75
    return rang.get(op.cle, len(rang))


def _article(op: Operation, avant: dict[str, tuple[Unite, Unite | None]],
             apres: dict[str, tuple[Unite, Unite | None]]) -> Article | None:
    if isinstance(op, Suppression):
        unite = avant[op.cle][0]
        return Article((Phrase(f"{majuscule(unite.nom)} est {accord('supprimé', unite.feminin)}"),))
    if isinstance(op, Redaction):
        unite = avant[op.cle][0]
        sauf = f", à l’exception de ses {pluriel(unite.enfants[0].espece)}," if unite.enfants else ""
        # The unit's wording is quoted; its stated data only where they change.
        nouvelle = replace(apres[op.cle][0], attributs=tuple(x for x in op.attributs if x not in unite.attributs))
        return Article((Phrase(f"{majuscule(unite.nom)}{sauf} est ainsi {accord('rédigé', unite.feminin)} :",
                               _contenu(nouvelle, avec_enfants=False)),))
    if isinstance(op, Modification):
        return _modification(avant[op.cle][0], op.changements)
    if isinstance(op, Insertion):
        return _insertion(op, avant, apres)
    if isinstance(op, Deplacement):
        return _deplacement(op, avant, apres)
    return _renumerotation(op, avant, apres)


# ---------------------------------------------------------------- inserted wording


def _entete(unite: Unite) -> str | None:
    if unite.genre == "axe" and unite.titre:
        return f"{majuscule(unite.espece)} {unite.numero} — {unite.titre}" if unite.numero else unite.titre
    if unite.genre == "partie" and unite.titre:
        return f"{unite.numero}. {unite.titre}" if unite.numero else unite.titre
    return unite.titre


def _contenu(unite: Unite, *, avec_enfants: bool = True) -> tuple[str, ...]:
    """What a unit prints, line by line: heading, stated data, alinéas, then its sub-units."""
    lignes: list[str] = []
    entete = _entete(unite)
    if entete:
        lignes.append(entete)
    if unite.genre == "signature":
        lignes.extend(valeur for _, valeur in unite.attributs)
    else:
        lignes.extend(f"{nom} : {valeur}" for nom, valeur in unite.attributs)
    lignes.extend(unite.alineas)
    if avec_enfants:
        for enfant in unite.enfants:
            lignes.extend(_contenu(enfant))
    return tuple(cite(ligne) for ligne in lignes)


def _insertion(op: Insertion, avant: dict[str, tuple[Unite, Unite | None]],
               apres: dict[str, tuple[Unite, Unite | None]]) -> Article:
    nouveaux = [apres[u.cle][0] for u in op.unites]
    premier = nouveaux[0]
    if op.apres is not None:
        lieu = f"Après {_nom_actuel(op.apres, avant, apres)}"
    else:
        parent = avant[op.parent][0] if op.parent in avant else apres[op.parent][0]
        suivant = _suivant(op, apres, avant)
        if suivant is not None:
            lieu = f"Avant {avant[suivant][0].nom}"
        elif parent.genre == "conteneur":
            lieu = f"Dans {CONTENEURS.get(parent.cle, 'le pacte')}"
        else:
            lieu = f"Dans {parent.nom}"
    fem = premier.feminin
    if len(nouveaux) == 1:
        numero = f" {premier.numero}" if premier.numero and premier.genre != "engagement" else ""
        quoi = f"il est {accord('inséré', fem)} {'une' if fem else 'un'} {premier.espece}{numero}"
        texte = f"{lieu}, {quoi} ainsi {accord('rédigé', fem)} :"
    else:
        quoi = f"sont {accord('inséré', fem)}s {cardinal(len(nouveaux))} {pluriel(premier.espece)}"
        texte = f"{lieu}, {quoi} ainsi {accord('rédigé', fem)}s :"
    citation = tuple(ligne for u in nouveaux for ligne in _contenu(_nouveaux_seulement(u, avant)))
    return Article((Phrase(texte, citation),))


def _nouveaux_seulement(unite: Unite, avant: dict[str, tuple[Unite, Unite | None]]) -> Unite:
    return replace(unite, enfants=tuple(_nouveaux_seulement(e, avant) for e in unite.enfants if e.cle not in avant))


def _suivant(op: Insertion, apres: dict[str, tuple[Unite, Unite | None]],
             avant: dict[str, tuple[Unite, Unite | None]]) -> str | None:
    parent = apres[op.parent][0]
    cles = [e.cle for e in parent.enfants]
    k = cles.index(op.unites[-1].cle) + 1
    return next((c for c in cles[k:] if c in avant), None)


def _nom_actuel(cle: str, avant: dict[str, tuple[Unite, Unite | None]],
                apres: dict[str, tuple[Unite, Unite | None]]) -> str:
    """A unit as the signed version names it, or, for a unit this avenant inserts, as it will be named."""
    return avant[cle][0].nom if cle in avant else apres[cle][0].nom


# ---------------------------------------------------------------- moves and numbers


def _deplacement(op: Deplacement, avant: dict[str, tuple[Unite, Unite | None]],
                 apres: dict[str, tuple[Unite, Unite | None]]) -> Article | None:
    ancien, ancien_parent = avant[op.cle]
    nouveau = apres[op.cle][0]
    meme_parent = ancien_parent is not None and ancien_parent.cle == op.parent
    if meme_parent and ancien.numero and nouveau.numero:
        return None  # a numbered unit moved among its siblings: the renumbering article says it
    if nouveau.numero and not meme_parent:
        return Article((Phrase(f"{majuscule(ancien.nom)} devient {nouveau.nom}"),))
    fem = ancien.feminin
    if op.apres is not None:
        lieu = f"après {_nom_actuel(op.apres, avant, apres)}"
    else:
        parent = avant[op.parent][0] if op.parent in avant else apres[op.parent][0]
        lieu = f"en tête {de(CONTENEURS.get(parent.cle, parent.nom) if parent.genre == 'conteneur' else parent.nom)}"
    return Article((Phrase(f"{majuscule(ancien.nom)} est {accord('placé', fem)} {lieu}"),))


def _renumerotation(op: Renumerotation, avant: dict[str, tuple[Unite, Unite | None]],
                    apres: dict[str, tuple[Unite, Unite | None]]) -> Article:
    # In the order of the signed numbers: « les orientations 5 et 6 deviennent respectivement 6 et 5 ».
    cles = [cle for cle, _, _ in op.numeros]
    ordre = {u.cle: k for k, u in enumerate(avant[op.parent][0].enfants)} if op.parent in avant else {}
    cles.sort(key=lambda c: ordre.get(c, 0))
    anciens = [avant[cle][0] for cle in cles]
    nouveaux = [apres[cle][0] for cle in cles]
    if len(anciens) == 1:
        return Article((Phrase(f"{majuscule(anciens[0].nom)} devient {nouveaux[0].nom}"),))
    compact_avant = _compact(anciens)
    compact_apres = _compact(nouveaux)
    if compact_avant and compact_apres:
        texte = f"{majuscule(compact_avant)} deviennent respectivement {compact_apres}"
    else:
        texte = (f"{majuscule(enumeration([u.nom for u in anciens]))} deviennent respectivement "
                 f"{enumeration([u.nom for u in nouveaux])}")
    return Article((Phrase(texte),))


def _compact(unites: list[Unite]) -> str | None:
    """« les axes 2 et 3 », « les engagements n° 3 et 4 du … »: one noun for several numbers, when they share it."""
    formes = set()
    numeros = []
    for u in unites:
        match = re.match(rf"^(?:l’|le |la ){re.escape(u.espece)} (n° )?{re.escape(u.numero)}(.*)$", u.nom)
        if match is None:
            return None
        formes.add((match.group(1) or "", match.group(2)))
        numeros.append(u.numero)
    if len(formes) != 1:
        return None
    (marque, suite), = formes
    return f"les {pluriel(unites[0].espece)} {marque}{enumeration(numeros)}{suite}"


# ---------------------------------------------------------------- changes inside a unit


def _modification(unite: Unite, changements: tuple[Changement, ...]) -> Article:
    total = len(unite.alineas)
    if len(changements) == 1:
        return Article((_changement(changements[0], unite, total, seul=True),))
    chapeau = Phrase(f"{majuscule(unite.nom)} est ainsi {accord('modifié', unite.feminin)} :", fin="")
    items = []
    for k, c in enumerate(changements, 1):
        phrase = _changement(c, unite, total, seul=False)
        items.append(Phrase(majuscule(phrase.texte), phrase.citation, " ;" if k < len(changements) else ".",
                            f"{k}°"))
    return Article((chapeau, *items))


def _remplacement(avant: str, apres: str) -> str:
    """« le mot : « a » est remplacé par les mots : « b c » », « les mots : « a b » sont supprimés »."""
    un = " " not in avant
    if apres.startswith(avant) and len(apres) > len(avant):
        # Words added after others: « après le mot : « 2016 », sont insérés les mots : « , puis … » ».
        ajout = apres[len(avant):].strip(" ")
        ou = f"le mot : « {avant} »" if un else f"les mots : « {avant} »"
        quoi = f"est inséré le mot : « {ajout} »" if " " not in ajout else f"sont insérés les mots : « {ajout} »"
        return f"après {ou}, {quoi}"
    sujet = f"le mot : « {avant} » est" if un else f"les mots : « {avant} » sont"
    if not apres:
        return f"{sujet} {'supprimé' if un else 'supprimés'}"
    objet = f"le mot : « {apres} »" if " " not in apres else f"les mots : « {apres} »"
    return f"{sujet} {'remplacé' if un else 'remplacés'} par {objet}"


def _au(rang: str) -> str:
    return f"à l’{rang} alinéa" if rang[0] in "aeiou" else f"au {rang} alinéa"


def _le(rang: str) -> str:
    return f"l’{rang} alinéa" if rang[0] in "aeiou" else f"le {rang} alinéa"


def _changement(c: Changement, unite: Unite, total: int, *, seul: bool) -> Phrase:  # noqa: C901 — one formula per kind of change
    de_unite = f" {de(unite.nom)}" if seul else ""
    if isinstance(c, Intitule):
        if c.texte is None:
            return Phrase(f"L’intitulé{de_unite} est supprimé")
        return Phrase(f"L’intitulé{de_unite} est ainsi rédigé :", (cite(c.texte),))
    if isinstance(c, Mots):
        if total > 1:
            lieu = _au(rang_alinea(c.alinea + 1, total)) + (f" {de(unite.nom)}" if seul else "")
        else:
            lieu = a(unite.nom) if seul else ""
        remplace = _remplacement(cite(c.avant), cite(c.apres))
        return Phrase(majuscule(f"{lieu}, {remplace}" if lieu else remplace))
    if isinstance(c, AlineaRedige):
        return Phrase(majuscule(f"{_le(rang_alinea(c.alinea + 1, total))}{de_unite} est ainsi rédigé :"),
                      (cite(c.texte),))
    if isinstance(c, AlineaSupprime):
        return Phrase(majuscule(f"{_le(rang_alinea(c.alinea + 1, total))}{de_unite} est supprimé"))
    if isinstance(c, AlineasInseres):
        n = len(c.textes)
        quoi = "un alinéa ainsi rédigé" if n == 1 else f"{cardinal(n)} alinéas ainsi rédigés"
        citation = tuple(cite(t) for t in c.textes)
        if c.apres == total - 1:
            qui = majuscule(unite.nom) if seul else "Il"
            if not seul and unite.feminin:
                qui = "Elle"
            return Phrase(f"{qui} est {accord('complété', unite.feminin)} par {quoi} :", citation)
        verbe = "il est inséré" if n == 1 else "sont insérés"
        if c.apres < 0:
            return Phrase(f"Au début{de_unite}, {verbe} {quoi} :", citation)
        return Phrase(majuscule(f"après {_le(rang_alinea(c.apres + 1, total))}{de_unite}, {verbe} {quoi} :"),
                      citation)
    if c.valeur is None:
        return Phrase(f"La mention « {c.nom} »{de_unite} est supprimée")
    return Phrase(f"La mention « {c.nom} »{de_unite} est ainsi rédigée :", (f"{c.nom} : {cite(c.valeur)}",))


def ordinal_article(n: int) -> str:
    """« Article 1er », « Article 2 »: how French acts number their articles."""
    return "Article 1er" if n == 1 else f"Article {n}"


__all__ = ["Article", "Phrase", "articles", "cite", "majuscule", "ordinal", "ordinal_article", "ponctuation"]


def ponctuation(citation: tuple[str, ...], fin: str) -> str:
    """What follows the closing » : nothing when the quotation already ends its sentence with a period."""
    if fin == "." and citation and citation[-1].rstrip().endswith((".", "!", "?", "…")):
        return ""
    return fin
