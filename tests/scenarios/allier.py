"""A realistic mid-term revision of the Allier pact, for the tableau comparatif and the avenant.

The revised copy rewords engagements (a few words; a whole one), deletes an item
of a list, adds a partner with an engagement and a signature, swaps two axes,
and moves a fiche of the PDILE to another axis. It is written as edits of
``pactes/allier`` so that it follows the real source; an edit that no longer
applies fails loudly. The new partner and its wording are invented for the
test: they are not in the signed pact.

``python -m tests.scenarios.allier DEST`` writes ``DEST/signee`` and ``DEST/revisee``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

PACTES = Path(__file__).resolve().parents[2] / "pactes"

#: (what the signed text says, what the revised text says): each must occur exactly once.
PACT_EDITS = (
    # a few words of an engagement reworded
    ("mobilisation des contrats emploi et compétence,", "mobilisation des parcours emploi compétences (PEC),"),
    # an engagement rewritten
    ("      Participer, dans le cadre du dispositif RSA, aux équipes pluridisciplinaires et aux opérations "
     "d'orientation et de réorientation notamment dans le cadre de diagnostics partagés,\n",
     "      Réunir chaque trimestre, avec le Département, les équipes pluridisciplinaires chargées des "
     "réorientations des bénéficiaires du RSA,\n"),
    # an item deleted
    ("      - la validation des acquis de l'expérience (VAE) ;\n", ""),
    # a new partner, after Pôle Emploi
    ("  - id: entreprises\n",
     "  - id: caf\n"
     "    nom: Caisse d'allocations familiales de l'Allier\n"
     "    categorie: signataire\n"
     "    representant:\n"
     "      qualite: Le Directeur\n"
     "  - id: entreprises\n"),
    # its engagement, after Pôle Emploi's
    ("  # En transversal (tous les signataires)\n",
     "  - id: caf-travail-social\n"
     "    partenaires: [caf]\n"
     "    texte: |-\n"
     "      Mobiliser son offre de travail social en faveur des allocataires du RSA, en lien avec les "
     "référents du Département.\n"
     "\n"
     "  # En transversal (tous les signataires)\n"),
    # its signature
    ("    nom: \"Eric Schall\\nDirecteur pôle emploi Allier\"\n",
     "    nom: \"Eric Schall\\nDirecteur pôle emploi Allier\"\n"
     "  - partenaire: caf\n"
     "    pour: Pour la Caisse d'allocations familiales de l'Allier,\n"
     "    qualite: Le Directeur\n"),
    # axes 2 and 3 swapped
    ("  - id: axe-prevenir-reperer\n    titre: Prévenir, repérer et permettre l'expression des besoins\n"
     "  - id: axe-informer-coordonner-cooperer\n    themes: [gouvernance]\n"
     "    titre: Informer, coordonner et coopérer\n",
     "  - id: axe-informer-coordonner-cooperer\n    themes: [gouvernance]\n"
     "    titre: Informer, coordonner et coopérer\n"
     "  - id: axe-prevenir-reperer\n    titre: Prévenir, repérer et permettre l'expression des besoins\n"),
)
#: The first fiche of the PDILE's axis 1 moves to axis 2.
PDI_EDITS = (("    axe: pdile-axe-1\n", "    axe: pdile-axe-2\n"),)

AVENANTS = """\
# yaml-language-server: $schema=../../schemas/avenants.schema.json
avenants:
  - numero: 1
    objet: Révision à mi-parcours du Pacte Territorial d'Insertion
    deliberations:
      - instance: la commission permanente du Conseil départemental de l'Allier
        date: "2020-06-15"
        numero: CP-2020-061
    signature:
      lieu: Moulins
      exemplaires: 5
"""


def _edit(text: str, edits: tuple[tuple[str, str], ...], *, first_only: bool = False) -> str:
    for before, after in edits:
        count = text.count(before)
        if count != 1 and not (first_only and count):
            raise ValueError(f"l'édition ne s'applique plus ({count} occurrences) : {before[:60]!r}")
        text = text.replace(before, after, 1)
    return text


def write(dest: Path) -> tuple[Path, Path]:
    """The signed copy and the revised copy of the Allier dossier, under ``dest``."""
    signee, revisee = dest / "signee", dest / "revisee"
    shutil.copytree(PACTES / "allier", signee)
    shutil.copytree(PACTES / "allier", revisee)
    pacte = revisee / "pacte.yaml"
    pacte.write_text(_edit(pacte.read_text("utf-8"), PACT_EDITS), "utf-8")
    pdi = revisee / "pdi.yaml"
    pdi.write_text(_edit(pdi.read_text("utf-8"), PDI_EDITS, first_only=True), "utf-8")
    (revisee / "avenants.yaml").write_text(AVENANTS, "utf-8")
    return signee, revisee


if __name__ == "__main__":
    write(Path(sys.argv[1]))
