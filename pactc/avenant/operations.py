"""What an avenant does to the signed act, as operations on stable keys, and how to apply them.

:func:`operations` finds, from the signed act and the revised one, the
operations an avenant states: insertions, deletions, moves, units rewritten
whole, and units modified alinéa by alinéa or word by word. :func:`appliquer`
carries them out on the signed act. The avenant checks itself with both:
applying its operations to the signed version must give the revised version
exactly (see ``tests/test_avenant.py``).

Alinéa positions in a :class:`Modification` are those of the signed version,
as the articles state them; all of a unit's changes apply at once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from .acte import ATTRIBUTS, Unite, index

#: Above this share of changed words (or this many changes), a unit is rewritten whole.
PART_REDIGEE = 0.5
CHANGEMENTS_MAX = 4
#: Above this share of changed words, or this many separate spots, an alinéa is rewritten whole.
PART_ALINEA = 0.5
ENDROITS_MAX = 3

_SPACES = re.compile(r" {2,}")


# ---------------------------------------------------------------- operations


@dataclass(frozen=True)
class Insertion:
    """« Après …, il est inséré … ainsi rédigé » : new units, consecutive siblings, with their new sub-units."""

    parent: str
    apres: str | None
    unites: tuple[Unite, ...]
    #: The surviving sibling the insertion comes before, to word an insertion at the start.
    avant: str | None = None


@dataclass(frozen=True)
class Suppression:
    """« … est supprimé »."""

    cle: str


@dataclass(frozen=True)
class Deplacement:
    """A unit placed under another parent, or elsewhere among its siblings."""

    cle: str
    parent: str
    apres: str | None


@dataclass(frozen=True)
class Redaction:
    """« … est ainsi rédigé » : the unit's heading, alinéas and data replaced whole (its sub-units stay)."""

    cle: str
    titre: str | None
    alineas: tuple[str, ...]
    attributs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Intitule:
    """The unit's heading is replaced."""

    texte: str | None


@dataclass(frozen=True)
class Mots:
    """In alinéa ``alinea`` (0-based, signed numbering), the words ``avant`` become ``apres`` (empty: deleted)."""

    alinea: int
    avant: str
    apres: str


@dataclass(frozen=True)
class AlineaRedige:
    """Alinéa ``alinea`` is rewritten whole."""

    alinea: int
    texte: str


@dataclass(frozen=True)
class AlineasInseres:
    """Alinéas inserted after alinéa ``apres`` (-1: at the start)."""

    apres: int
    textes: tuple[str, ...]


@dataclass(frozen=True)
class AlineaSupprime:
    """Alinéa ``alinea`` is deleted."""

    alinea: int


@dataclass(frozen=True)
class Attribut:
    """A stated datum (a partner's representative, category…) changes; ``valeur`` None: it is removed."""

    nom: str
    valeur: str | None


Changement = Intitule | Mots | AlineaRedige | AlineasInseres | AlineaSupprime | Attribut


@dataclass(frozen=True)
class Modification:
    """« … est ainsi modifié : 1° … ; 2° … » (or one change alone), in the order of the text."""

    cle: str
    changements: tuple[Changement, ...]


@dataclass(frozen=True)
class Renumerotation:
    """« Les axes 2 et 3 deviennent respectivement les axes 3 et 2 »: the knock-on of the other operations.

    It states numbers the other operations imply; applying it changes nothing. Its numbers
    are read from both versions' computed numbering, never worked out here.
    """

    parent: str
    numeros: tuple[tuple[str, str, str], ...]  # (key, signed number, revised number)


Operation = Insertion | Suppression | Deplacement | Redaction | Modification | Renumerotation


# ---------------------------------------------------------------- finding them


def operations(signe: Unite, revise: Unite) -> tuple[Operation, ...]:
    """The operations that turn the signed act into the revised one, in the order of the revised text."""
    avant = index(signe)
    apres = index(revise)
    ops: list[Operation] = []
    for unite, parent in revise.parcours():
        if parent is None:
            continue
        ops.extend(_placement(unite, parent, avant, apres))
        if unite.cle in avant:
            change = _contenu(avant[unite.cle][0], unite)
            if change is not None:
                ops.append(change)
    ops = _grouper_insertions(ops)
    ops.extend(Suppression(cle) for cle, (_, parent) in avant.items()
               if cle not in apres and (parent is None or parent.cle in apres))
    ops.extend(_renumerotations(signe, revise, avant))
    return tuple(ops)


def _placement(unite: Unite, parent: Unite, avant: dict[str, tuple[Unite, Unite | None]],
               apres: dict[str, tuple[Unite, Unite | None]]) -> list[Operation]:
    freres = parent.enfants
    rang = freres.index(unite)
    precedent = freres[rang - 1].cle if rang else None
    if unite.cle not in avant:
        if parent.cle not in avant:
            return []  # inside a new unit: inserted with it
        return [Insertion(parent.cle, precedent, (_nouveau(unite, avant),))]
    ancien_parent = avant[unite.cle][1]
    if ancien_parent is None or ancien_parent.cle != parent.cle or unite.cle not in _stables(ancien_parent, parent):
        return [Deplacement(unite.cle, parent.cle, precedent)]
    return []


def _stables(ancien: Unite, nouveau: Unite) -> set[str]:
    """The siblings that keep their relative order: the longest common subsequence of both orders."""
    old = [u.cle for u in ancien.enfants]
    new_keys = {u.cle for u in nouveau.enfants}
    old = [k for k in old if k in new_keys]
    old_keys = set(old)
    new = [u.cle for u in nouveau.enfants if u.cle in old_keys]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return {k for block in matcher.get_matching_blocks() for k in old[block.a:block.a + block.size]}


def _nouveau(unite: Unite, avant: dict[str, tuple[Unite, Unite | None]]) -> Unite:
    """A new unit with only its new sub-units (the ones that existed are moved in by their own operation)."""
    return replace(unite, enfants=tuple(_nouveau(e, avant) for e in unite.enfants if e.cle not in avant))


def _grouper_insertions(ops: list[Operation]) -> list[Operation]:
    """Consecutive insertions under one parent become one: « sont insérés deux axes ainsi rédigés »."""
    result: list[Operation] = []
    for op in ops:
        last = result[-1] if result else None
        if (isinstance(op, Insertion) and isinstance(last, Insertion) and last.parent == op.parent
                and op.apres == last.unites[-1].cle):
            result[-1] = replace(last, unites=last.unites + op.unites)
        else:
            result.append(op)
    return result


def _contenu(a: Unite, b: Unite) -> Redaction | Modification | None:
    """How a surviving unit's own content changed: not at all, word by word, or whole."""
    if (a.titre, a.alineas, a.attributs) == (b.titre, b.alineas, b.attributs):
        return None
    changements: list[Changement] = []
    if a.titre != b.titre:
        changements.append(Intitule(b.titre))
    changements.extend(_alineas(a.alineas, b.alineas))
    old_attrs, new_attrs = dict(a.attributs), dict(b.attributs)
    changements.extend(Attribut(k, new_attrs.get(k)) for k in dict.fromkeys([*old_attrs, *new_attrs])
                       if old_attrs.get(k) != new_attrs.get(k))
    if _part_changee(a.alineas, b.alineas) > PART_REDIGEE or len(changements) > CHANGEMENTS_MAX:
        return Redaction(b.cle, b.titre, b.alineas, b.attributs)
    return Modification(b.cle, tuple(changements))


def _part_changee(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    words_a = " ".join(a).split(" ") if a else []
    words_b = " ".join(b).split(" ") if b else []
    if not words_a and not words_b:
        return 0.0
    return 1.0 - difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def _alineas(a: tuple[str, ...], b: tuple[str, ...]) -> list[Changement]:
    result: list[Changement] = []
    matcher = difflib.SequenceMatcher(None, list(a), list(b), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paires = min(i2 - i1, j2 - j1)
        for k in range(paires):
            result.extend(_dans_alinea(i1 + k, a[i1 + k], b[j1 + k]))
        result.extend(AlineaSupprime(i) for i in range(i1 + paires, i2))
        if j2 - j1 > paires:
            result.append(AlineasInseres(i1 + paires - 1, tuple(b[j1 + paires:j2])))
    return result


def _dans_alinea(rang: int, a: str, b: str) -> list[Changement]:
    """Word replacements when a few words change, else the alinéa rewritten."""
    old, new = a.split(" "), b.split(" ")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    endroits = _fusionner([op[1:] for op in matcher.get_opcodes() if op[0] != "equal"])
    if 1.0 - matcher.ratio() > PART_ALINEA or len(endroits) > ENDROITS_MAX:
        return [AlineaRedige(rang, b)]
    mots: list[Mots] = []
    for i1, i2, j1, j2 in endroits:
        if i1 == i2:  # a pure insertion: quote the word before (or after) so the place is unambiguous
            if i1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            else:
                i2, j2 = i2 + 1, j2 + 1
        while a.count(" ".join(old[i1:i2])) > 1 and (i1 > 0 or i2 < len(old)):
            if i1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            if i2 < len(old) and a.count(" ".join(old[i1:i2])) > 1:
                i2, j2 = i2 + 1, j2 + 1
        mots.append(_sans_ponctuation_commune(Mots(rang, " ".join(old[i1:i2]), " ".join(new[j1:j2]))))
    # The spots must read unambiguously one after the other; otherwise the alinéa is rewritten.
    try:
        if _remplacer(a, mots) == b:
            return list(mots)
    except ValueError:
        pass
    return [AlineaRedige(rang, b)]


def _fusionner(endroits: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Spots two words apart or less read as one: « les mots : « contrats emploi et compétence » »."""
    result: list[tuple[int, int, int, int]] = []
    for spot in endroits:
        if result and spot[0] - result[-1][1] <= 2:
            last = result[-1]
            result[-1] = (last[0], spot[1], last[2], spot[3])
        else:
            result.append(spot)
    return result


def _sans_ponctuation_commune(m: Mots) -> Mots:
    """« compétence, » → « compétences (PEC), » quotes its comma twice: the words only."""
    avant, apres = m.avant, m.apres
    while avant and apres and avant[-1] == apres[-1] and avant[-1] in ",;:." and len(avant) > 1 and len(apres) > 1:
        avant, apres = avant[:-1], apres[:-1]
    return Mots(m.alinea, avant, apres)


def _remplacer(texte: str, mots: list[Mots]) -> str:
    for m in mots:
        if texte.count(m.avant) != 1:
            raise ValueError(f"« {m.avant} » n'apparaît pas une seule fois")
        texte = texte.replace(m.avant, m.apres)
    # A deletion leaves two spaces where the words were: alinéas are normalised to one.
    return _SPACES.sub(" ", texte).strip()


def _renumerotations(signe: Unite, revise: Unite, avant: dict[str, tuple[Unite, Unite | None]]) -> list[Operation]:
    result: list[Operation] = []
    for parent in [revise, *(u for u, _ in revise.parcours())]:
        numeros = tuple((u.cle, avant[u.cle][0].numero, u.numero) for u in parent.enfants
                        if u.cle in avant and u.numero and avant[u.cle][0].numero
                        and avant[u.cle][0].numero != u.numero
                        and (p := avant[u.cle][1]) is not None and p.cle == parent.cle
                        and famille(avant[u.cle][0]) == famille(u))
        if numeros:
            result.append(Renumerotation(parent.cle, numeros))
    return result


def famille(unite: Unite) -> str:
    """What an engagement's number counts within: « commun », or its first partner's list.

    When a new party signs, an engagement of all the former parties is no longer common:
    it is printed with its first partner. Its stipulation (who takes it) has not changed,
    so no article renumbers it; :func:`pactc.avenant.texte.remarques` tells the user.
    """
    if unite.genre != "engagement":
        return ""
    return unite.nom.replace(f"n° {unite.numero}", "n°", 1)


# ---------------------------------------------------------------- applying them


class _Arbre:
    """The act being amended: units by key, each with the keys of its sub-units."""

    def __init__(self, acte: Unite) -> None:
        self.racine = acte.cle
        self.unites: dict[str, Unite] = {}
        self.enfants: dict[str, list[str]] = {}
        self.parents: dict[str, str] = {}
        self.ajouter(acte, None)

    def ajouter(self, unite: Unite, parent: str | None) -> None:
        self.unites[unite.cle] = unite
        self.enfants[unite.cle] = [e.cle for e in unite.enfants]
        if parent is not None:
            self.parents[unite.cle] = parent
        for enfant in unite.enfants:
            self.ajouter(enfant, unite.cle)

    def placer(self, cle: str, parent: str, apres: str | None) -> None:
        freres = self.enfants[parent]
        freres.insert(freres.index(apres) + 1 if apres is not None else 0, cle)
        self.parents[cle] = parent

    def retirer(self, cle: str) -> None:
        self.enfants[self.parents.pop(cle)].remove(cle)

    def construire(self, cle: str) -> Unite:
        return replace(self.unites[cle], enfants=tuple(self.construire(e) for e in self.enfants[cle]))


def appliquer(acte: Unite, ops: tuple[Operation, ...]) -> Unite:
    """The signed act with the operations carried out: insertions and moves, deletions, then contents.

    The operations may come in any order (the avenant's articles follow the signed text): a
    placement waits until the unit it comes after, and its parent, are in their final place.
    """
    arbre = _Arbre(acte)
    for placement in _ordre_des_placements([op for op in ops if isinstance(op, Insertion | Deplacement)]):
        if isinstance(placement, Insertion):
            apres = placement.apres
            for unite in placement.unites:
                arbre.ajouter(unite, placement.parent)
                arbre.placer(unite.cle, placement.parent, apres)
                apres = unite.cle
        else:
            arbre.retirer(placement.cle)
            arbre.placer(placement.cle, placement.parent, placement.apres)
    for op in ops:
        if isinstance(op, Suppression):
            arbre.retirer(op.cle)
        elif isinstance(op, Redaction):
            arbre.unites[op.cle] = replace(arbre.unites[op.cle], titre=op.titre, alineas=op.alineas,
                                           attributs=op.attributs)
        elif isinstance(op, Modification):
            arbre.unites[op.cle] = _modifier(arbre.unites[op.cle], op.changements)
    return arbre.construire(arbre.racine)


def _ordre_des_placements(ops: list[Insertion | Deplacement]) -> list[Insertion | Deplacement]:
    """The placements in an order where each one's anchor and parent are already where they end up."""
    attendus = {u.cle for op in ops if isinstance(op, Insertion) for u, _ in _avec_descendants(op.unites)}
    attendus |= {op.cle for op in ops if isinstance(op, Deplacement)}
    ordre: list[Insertion | Deplacement] = []
    restants = list(ops)
    while restants:
        pret = next((op for op in restants if op.apres not in attendus and op.parent not in attendus), None)
        if pret is None:
            raise ValueError("placements circulaires : l'avenant ne peut pas être appliqué")
        restants.remove(pret)
        ordre.append(pret)
        if isinstance(pret, Insertion):
            attendus -= {u.cle for u, _ in _avec_descendants(pret.unites)}
        else:
            attendus.discard(pret.cle)
    return ordre


def _avec_descendants(unites: tuple[Unite, ...]) -> list[tuple[Unite, Unite | None]]:
    return [pair for u in unites for pair in [(u, None), *u.parcours()]]


def _modifier(unite: Unite, changements: tuple[Changement, ...]) -> Unite:
    """One unit's changes, all stated against the signed alinéas, applied at once."""
    alineas: list[list[str]] = [[a] for a in unite.alineas]  # each signed alinéa, and what follows it
    debut: list[str] = []
    titre = unite.titre
    attributs = dict(unite.attributs)
    mots: dict[int, list[Mots]] = {}
    for c in changements:
        if isinstance(c, Intitule):
            titre = c.texte
        elif isinstance(c, Mots):
            mots.setdefault(c.alinea, []).append(c)
        elif isinstance(c, AlineaRedige):
            alineas[c.alinea][0] = c.texte
        elif isinstance(c, AlineaSupprime):
            alineas[c.alinea][0] = ""
        elif isinstance(c, AlineasInseres):
            (debut if c.apres < 0 else alineas[c.apres]).extend(c.textes)
        elif c.valeur is None:
            attributs.pop(c.nom, None)
        else:
            attributs[c.nom] = c.valeur
    for rang, liste in mots.items():
        alineas[rang][0] = _remplacer(alineas[rang][0], liste)
    supprimes = {c.alinea for c in changements if isinstance(c, AlineaSupprime)}
    texte = debut + [x for rang, groupe in enumerate(alineas) for k, x in enumerate(groupe)
                     if not (k == 0 and rang in supprimes)]
    ordre = {nom: rang for rang, nom in enumerate(ATTRIBUTS)}
    return replace(unite, titre=titre, alineas=tuple(texte),
                   attributs=tuple(sorted(attributs.items(), key=lambda kv: ordre.get(kv[0], len(ordre)))))
