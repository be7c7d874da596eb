"""French words the avenant's articles need: ordinals in words, articles, « de » contracted.

Legislative drafting counts alinéas in words (« au deuxième alinéa »), names
units with their article (« l'axe 2 », « la partie II ») and contracts « de le »
into « du ». These helpers do it once, for every article.
"""

from __future__ import annotations

_UNITS = ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
          "treize", "quatorze", "quinze", "seize")
_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}

#: Nouns of the pact's units and levels that are feminine (the rest are masculine).
FEMININE = frozenset({
    "partie", "sous-partie", "orientation", "action", "priorité", "ambition", "fiche", "mesure", "instance",
    "thématique", "finalité", "dimension", "piste", "stratégie", "mission",
})
#: First words of institution names, by the article they take.
_NAME_FEMININE = frozenset({
    "agence", "association", "caisse", "chambre", "mission", "mutualité", "région", "union", "direction",
    "préfecture", "fédération", "maison", "communauté", "métropole", "délégation", "commune", "ville",
})
_NAME_MASCULINE = frozenset({
    "conseil", "département", "comité", "plan", "syndicat", "ccas", "groupe", "groupement", "centre", "service",
    "fonds", "réseau", "collectif", "pays", "secrétariat",
})
_VOWELS = tuple("aeiouyàâéèêëîïôöûüAEIOUYÀÂÉÈÊËÎÏÔÖÛÜhH")


def cardinal(n: int) -> str:
    """A number from 1 to 99 in words, in the traditional spelling (« vingt et un », « soixante-dix »)."""
    if not 0 < n < 100:
        raise ValueError(f"{n} hors de 1..99")
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    if n >= 80:
        rest = n - 80
        return "quatre-vingts" if rest == 0 else "quatre-vingt-" + cardinal(rest)
    if n >= 70:
        rest = n - 60
        return "soixante et onze" if rest == 11 else "soixante-" + cardinal(rest)
    tens, unit = divmod(n, 10)
    word = _TENS[tens * 10]
    if unit == 0:
        return word
    return f"{word} et un" if unit == 1 else f"{word}-{_UNITS[unit]}"


def ordinal(n: int) -> str:
    """« premier », « deuxième », « vingt et unième »: the ordinal of ``n`` in words."""
    if n == 1:
        return "premier"
    word = cardinal(n)
    if word.endswith("cinq"):
        return word + "uième"
    if word.endswith("neuf"):
        return word[:-1] + "vième"
    if word.endswith("quatre-vingts"):
        word = word[:-1]
    return (word[:-1] if word.endswith("e") else word) + "ième"


def rang_alinea(n: int, total: int) -> str:
    """How an article names alinéa ``n`` of ``total``: « premier », « deuxième »… « avant-dernier », « dernier »."""
    if total > 1 and n == total:
        return "dernier"
    if total > 3 and n == total - 1:
        return "avant-dernier"
    return ordinal(n)


def avec_article(nom: str) -> str:
    """« l'axe », « la partie », « le thème »: a unit's noun with its definite article."""
    if nom.startswith(_VOWELS):
        return "l’" + nom
    return ("la " if nom.split(" ")[0] in FEMININE else "le ") + nom


def feminin(nom: str) -> bool:
    """True when the unit's noun is feminine (« la partie … est supprimée »)."""
    return nom.split(" ")[0] in FEMININE


def de(groupe: str) -> str:
    """« de » before a named unit, contracted: « du thème », « de la partie », « de l'axe »."""
    if groupe.startswith("le "):
        return "du " + groupe[3:]
    if groupe.startswith("les "):
        return "des " + groupe[4:]
    return "de " + groupe


def de_partenaire(nom: str) -> str:
    """« du Conseil départemental », « de la Caisse… », « de l'État », « de Pôle emploi »: « de » before a name."""
    first = nom.split(" ")[0].lower().rstrip(",")
    if first in ("le", "la", "les", "l'", "l’") or first.startswith(("l'", "l’")):
        return de(nom[0].lower() + nom[1:])
    if first.endswith("s") and first[:-1] in (_NAME_MASCULINE | _NAME_FEMININE | {"partenaire", "intercommunalité"}):
        return "des " + nom
    if nom.startswith(_VOWELS):
        return "de l’" + nom
    if first in _NAME_FEMININE:
        return "de la " + nom
    if first in _NAME_MASCULINE:
        return "du " + nom
    return "de " + nom


def accord(mot: str, feminine: bool) -> str:
    """« supprimé » or « supprimée », « rédigé » or « rédigée »."""
    return mot + "e" if feminine else mot
