"""Stage 3: the model. A pact and its programme, typed, frozen and numbered, sharing one base.

``document`` holds what both are made of (blocks, parts, the axes tree,
signatures, builders, walkers); ``pacte`` and ``programme`` build on it.
"""

from __future__ import annotations

from .avenant import Avenant, Avenants, Deliberation, build_avenants
from .document import (
                       Bloc,
                       Chiffre,
                       Chiffres,
                       Document,
                       Graphique,
                       Inclure,
                       Item,
                       Liste,
                       Niveau,
                       Noeud,
                       Rubrique,
                       Section,
                       Signature,
                       Tableau,
                       Texte,
                       format_number,
                       inclusions,
                       rubriques,
                       walk_nodes,
                       walk_sections,
)
from .dossier import Dossier
from .pacte import (
                       Categorie,
                       Contact,
                       Engagement,
                       EntreeGlossaire,
                       Instance,
                       Jalon,
                       LignePlanning,
                       Meta,
                       Pacte,
                       Partenaire,
                       Planning,
                       Representant,
                       Territoire,
                       build_model,
)
from .programme import Action, Calendrier, Fiche, Financement, Indicateur, Objectif, Piste, Programme, build_programme
from .suivi import Suivi, build_suivi

__all__ = [
    "Avenant", "Avenants", "Deliberation", "build_avenants", "Suivi", "build_suivi",
    "Action", "Bloc", "Calendrier", "Categorie", "Chiffre", "Chiffres", "Contact", "Document", "Dossier", "Engagement",
    "EntreeGlossaire", "Fiche", "Financement", "Graphique", "Inclure", "Indicateur", "Instance", "Item", "Jalon",
    "LignePlanning", "Liste", "Meta", "Niveau", "Noeud", "Objectif", "Pacte", "Partenaire", "Piste", "Planning",
    "Programme", "Representant", "Rubrique", "Section", "Signature", "Tableau", "Territoire", "Texte",
    "build_model", "build_programme", "format_number", "inclusions", "rubriques", "walk_nodes", "walk_sections",
]
