"""Glossary checks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Severity
from ..model import Dossier
from .references import textes
from .registry import Finding, check, finding

# An acronym: two or more capitals (digits and inner hyphens allowed), e.g. RSA, CMU-C, E2C.
ACRONYM = re.compile(r"(?<![\w-])([A-ZÉÈ][A-Z0-9ÉÈ]+(?:-[A-Z0-9]+)*)(?![\w-])")
_ROMAN = re.compile(r"^[IVXLC]+$")
_LOWER = re.compile(r"[a-zà-ÿ]")
# Words that are capitalised for emphasis, never acronyms.
_EMPHASIS = frozenset({"ET", "OU", "DE", "DU", "DES", "LA", "LE", "LES", "EN", "AU", "AUX", "UN", "UNE", "NE",
                       "PAS", "OUI", "NON"})


_SHOUTED = re.compile(r"[A-ZÉÈÀÇ0-9'’-]{2,}(?: +[A-ZÉÈÀÇ0-9'’-]{2,})+")


def acronyms_in(text: str) -> Iterator[str]:
    """Acronyms used in ``text``.

    Lines written all in capitals (headings) and runs of several capitalised
    words (« ARTICLE II EN CAPITALES ») are shouting, not acronyms.
    """
    for line in text.splitlines():
        if not _LOWER.search(line):
            continue
        line = _SHOUTED.sub(" ", line)
        for match in ACRONYM.finditer(line):
            word = match.group(1)
            if not _ROMAN.match(word) and word not in _EMPHASIS and any(c.isalpha() for c in word):
                yield word


def _is_person_name(chemin: tuple[str | int, ...]) -> bool:
    # People's surnames are written in capitals (« Martine GUIBERT »): not acronyms.
    return chemin[-1:] == ("nom",) and (chemin[:1] == ("signatures",) or "representant" in chemin)


@check("PCT050", "sigle-hors-glossaire", Severity.WARNING)
def acronym_not_in_glossary(dossier: Dossier) -> Iterator[Finding]:
    """Un sigle employé dans le texte n'est pas défini dans le glossaire.

    Quand un pacte a un glossaire, le lecteur doit y trouver chaque sigle,
    dans le pacte comme dans les fiches de son programme. Le contrôle ne
    s'applique pas aux pactes sans glossaire. Chaque sigle est signalé une
    fois, à sa première occurrence.

    Correction : si la source définit ce sigle, ajoutez ``- sigle: … /
    definition: …`` au glossaire ; le glossaire d'un pacte signé fait partie
    du texte signé, n'y ajoutez pas de définition que la source ne donne pas.
    """
    pacte = dossier.pacte
    if not pacte.glossaire:
        return
    defined = {g.sigle.upper() for g in pacte.glossaire}
    defined |= {p.sigle.upper() for p in pacte.partenaires if p.sigle}
    reported: set[str] = set()
    for text, chemin, source in textes(dossier):
        if chemin[:1] in (("glossaire",), ("pacte",), ("pdi",)) or _is_person_name(chemin):
            continue
        for word in acronyms_in(text):
            if word.upper() not in defined and word not in reported:
                reported.add(word)
                yield finding(source, chemin,
                              f"sigle « {word} » absent du glossaire : ajoutez-le avec sa définition si la source "
                              "la donne")


@check("PCT052", "sigle-en-double")
def duplicate_acronym(dossier: Dossier) -> Iterator[Finding]:
    """Un sigle figure deux fois dans le glossaire.

    Correction : fusionnez les deux définitions en une seule entrée.
    """
    pacte = dossier.pacte
    seen: dict[str, int] = {}
    for entry in pacte.glossaire:
        key = entry.sigle.strip()
        if key in seen:
            yield finding(pacte, entry.chemin + ("sigle",),
                          f"sigle « {key} » déjà défini (entrée {seen[key]}) : fusionnez les deux entrées")
        else:
            seen[key] = entry.chemin[1] + 1  # type: ignore[operator]
