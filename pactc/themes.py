"""The controlled vocabulary of insertion themes, for tagging axes and engagements as data.

Themes are metadata: they are never printed in a pact (the signed text says
what it says). They let the open data and the national view count and compare
départements. Where one exists, each theme names the data·inclusion
« thématique » it corresponds to (values of ``Thematique`` in
gip-inclusion/data-inclusion-schema), so that both vocabularies can be joined;
data·inclusion describes services to people, so themes about how partners
work together (gouvernance, observation, entreprises, iae) have none.
"""

from __future__ import annotations

#: id → (label, data·inclusion thématique or "").
THEMES: dict[str, tuple[str, str]] = {
    "emploi": ("Emploi", "trouver-un-emploi"),
    "formation": ("Formation", "se-former"),
    "mobilite": ("Mobilité", "mobilite"),
    "logement": ("Logement", "logement-hebergement"),
    "sante": ("Santé", "sante"),
    "acces-aux-droits": ("Accès aux droits", "acces-aux-droits-et-citoyennete"),
    "lien-social": ("Lien social", "remobilisation--lien-social"),
    "iae": ("Insertion par l'activité économique", ""),
    "jeunes": ("Jeunes", ""),
    "numerique": ("Numérique", "numerique"),
    "accompagnement": ("Accompagnement des parcours", "accompagnement-social-et-professionnel-personnalise"),
    "entreprises": ("Entreprises et employeurs", ""),
    "observation": ("Observation, connaissance des publics et évaluation", ""),
    "gouvernance": ("Gouvernance et coordination", ""),
}


def libelle(theme: str) -> str:
    """The French label of a theme id (the id itself when unknown)."""
    return THEMES.get(theme, (theme, ""))[0]


#: id → label: the kinds of partners, so that départements can be compared (data, never printed).
TYPES_PARTENAIRES: dict[str, str] = {
    "etat": "État et services de l'État",
    "region": "Région",
    "departement": "Département",
    "service-public-emploi": "Pôle emploi – France Travail",
    "caf": "Caisse d'allocations familiales",
    "msa": "Mutualité sociale agricole",
    "assurance-maladie": "Assurance maladie",
    "ars": "Agence régionale de santé",
    "mission-locale": "Missions locales",
    "plie": "Plans locaux pour l'insertion et l'emploi",
    "ccas": "Action sociale communale (CCAS, CIAS)",
    "intercommunalite": "Communes, intercommunalités et pays",
    "chambre-consulaire": "Chambres consulaires",
    "ess": "Économie sociale et solidaire",
    "association": "Associations",
    "entreprise": "Entreprises",
    "autre": "Autres",
}
