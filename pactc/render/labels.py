"""Every label the compiler prints of its own, in one place: the templates only lay them out.

These are furniture (headings of computed parts, enum values as words, the
names of document types), never words of the signed text.
"""

from __future__ import annotations

#: The computed parts, in the order they are appended when a pact does not place them.
PARTS: dict[str, str] = {
    "historique": "Historique",
    "territoires": "Territoires",
    "axes": "Axes stratégiques",
    "partenaires": "Les partenaires et leurs engagements",
    "engagements_communs": "Engagements communs",
    "instances": "Gouvernance",
    "planning": "Planning indicatif",
    "signatures": "Signatures",
    "glossaire": "Glossaire",
    "contact": "Contact",
}

#: How a fiche's status reads.
STATUTS: dict[str, str] = {"a_definir": "À définir", "programmee": "Programmée", "en_cours": "En cours",
                           "realisee": "Réalisée", "abandonnee": "Abandonnée"}

#: The full name of each kind of programme (a working document is not one).
PROGRAMMES: dict[str, str] = {
    "PDI": "Programme Départemental d’Insertion",
    "PDILE": "Programme Départemental d’Insertion et de Lutte contre les Exclusions",
}
