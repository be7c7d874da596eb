"""A synthetic national corpus: N départements, each a ~30-page pact and a ~30-fiche book.

Deterministic (seeded): the same N gives the same files. Used by benchmarks/run.py.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

SENTENCES = [
    "Le Département, chef de file de l'insertion, coordonne l'action des partenaires sur chaque bassin de vie.",
    "Les partenaires s'engagent à mobiliser leurs dispositifs de droit commun en faveur des publics fragiles.",
    "L'accompagnement social et professionnel des bénéficiaires du RSA est organisé au plus près des territoires.",
    "La mobilité, le logement et la santé constituent des freins majeurs au retour à l'emploi durable.",
    "Le comité de pilotage se réunit au moins une fois par an pour suivre l'avancement des actions.",
    "Les structures de l'insertion par l'activité économique offrent des parcours qualifiants aux personnes.",
    "Une attention particulière est portée aux jeunes sans qualification et aux chômeurs de longue durée.",
    "Le Fonds social européen cofinance les actions qui entrent dans le champ du programme opérationnel.",
]


#: Insertion themes the synthetic engagements and axes are tagged with (see pactc/themes.py).
THEMES = ["emploi", "formation", "mobilite", "logement", "sante", "acces-aux-droits", "lien-social", "iae", "jeunes",
          "numerique", "accompagnement", "entreprises", "observation", "gouvernance"]


def _text(rng: random.Random, sentences: int) -> str:
    paragraphs = []
    for _ in range(max(1, sentences // 4)):
        paragraphs.append(" ".join(rng.choice(SENTENCES) for _ in range(4)))
    return "\n\n".join(paragraphs)


def departement(n: int) -> tuple[dict, dict]:
    """The pact and PDI data of synthetic département number ``n``."""
    rng = random.Random(n)
    code = f"{(n % 95) + 1:02d}"
    partners = [{"id": f"partenaire-{i}", "nom": f"Partenaire {i} du département {n}", "categorie": "signataire",
                 "presentation": _text(rng, 6), "contexte_legislatif": _text(rng, 8),
                 "titre_engagements": "Ses engagements"} for i in range(8)]
    axes = [{"id": f"axe-{a}", "titre": f"Axe stratégique {a}", "texte": _text(rng, 8), "themes": [rng.choice(THEMES)],
             "enfants": [{"id": f"axe-{a}-{o}", "titre": f"Orientation {a}.{o}", "texte": _text(rng, 8)}
                         for o in range(3)]} for a in range(5)]
    pacte = {
        "pacte": {"id": f"pti-synthetique-{n}", "type": "PTI", "departement": {"code": code, "nom": f"Département {n}"},
                  "titre": f"Pacte Territorial d'Insertion synthétique n° {n}", "periode": {"debut": 2020, "fin": 2024},
                  "signature": {"date": "2020-03-01", "lieu": "Préfecture"}},
        "categories": [{"id": "signataire", "libelle": "Signataires", "signataire": True}],
        "sections": [{"id": f"partie-{s}", "titre": f"Partie {s}", "texte": _text(rng, 24)} for s in range(6)]
                    + [{"id": "engagements", "titre": "Les engagements", "contenu": [{"inclure": "partenaires"}]},
                       {"id": "strategie", "titre": "La stratégie", "contenu": [{"inclure": "axes"}]}],
        "partenaires": partners,
        "engagements": [{"id": f"engagement-{i}-{k}", "partenaires": [f"partenaire-{i}"], "texte": _text(rng, 2),
                         "themes": rng.sample(THEMES, rng.randint(0, 2))}
                        for i in range(8) for k in range(6)],
        "niveaux_axes": [{"nom": "Axe"}, {"nom": "Orientation", "numerotation": "a"}],
        "axes": axes,
        "signatures": [{"partenaire": p["id"], "qualite": "Le Président", "nom": f"Signataire {i}"}
                       for i, p in enumerate(partners)],
    }
    pdi = {
        "pdi": {"id": f"pdi-synthetique-{n}", "type": "PDI", "titre": f"Programme synthétique n° {n}",
                "periode": {"debut": 2020, "fin": 2024}, "pacte": pacte["pacte"]["id"]},
        "fiches": [{"id": f"fiche-{f}", "titre": f"Fiche action {f}", "axe": f"axe-{f % 5}-{f % 3}",
                    "contexte": _text(rng, 8), "pilote": f"partenaire-{f % 8}",
                    "partenaires_associes": [f"partenaire-{(f + 1) % 8}"], "calendrier": {"debut": 2020, "fin": 2022},
                    "indicateurs": [{"libelle": "Personnes accompagnées", "cible": 100, "unite": "personnes"}],
                    "objectifs": [{"id": f"fiche-{f}-objectif-{o}", "titre": "Objectif opérationnel",
                                   "actions": [{"id": f"fiche-{f}-objectif-{o}-action-{a}", "texte": _text(rng, 2)}
                                               for a in range(3)]} for o in range(2)]}
                   for f in range(30)],
    }
    return pacte, pdi


def write_corpus(root: Path, count: int) -> list[Path]:
    """Write ``count`` départements under ``root``; returns their folders."""
    folders = []
    for n in range(1, count + 1):
        folder = root / f"dep-{n:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        pacte, pdi = departement(n)
        (folder / "pacte.yaml").write_text(yaml.safe_dump(pacte, allow_unicode=True, sort_keys=False), "utf-8")
        (folder / "pdi.yaml").write_text(yaml.safe_dump(pdi, allow_unicode=True, sort_keys=False), "utf-8")
        folders.append(folder)
    return folders
