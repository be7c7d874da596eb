"""A pact with a history: a git repository holding the Allier pact as signed, then two avenants.

FICTITIOUS, FOR TESTS ONLY: the Allier pact was never amended by these avenants.
Their dates, objects and délibérations are invented (and say so); their edits
are those of :mod:`tests.scenarios.allier` for the first, and two more for the
second. The second avenant comes into force on 2021-06-01, after it is signed
(2021-03-01): on 2021-04-01 it is signed but « à venir ».

``python -m tests.scenarios.historique DEST`` builds the repository in DEST.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from . import allier

#: The second avenant's edits of the pact, after the first's.
SECOND = (
    ("«Former pour l'emploi » dans le cadre des marchés,",
     "«Former pour l'emploi » dans le cadre des marchés publics de formation,"),
    ("sous la supervision du Conseil départemental veillera", "sous la supervision conjointe du Conseil "
     "départemental et de l'Etat veillera"),
)

ENTETE = """\
# yaml-language-server: $schema=../../schemas/avenants.schema.json
# FICTIF, POUR LES TESTS : ces avenants n'existent pas.
signature_initiale:
  revision: pacte-signe
avenants:
"""
PREMIER = """\
  - numero: 1
    objet: Révision à mi-parcours (avenant fictif, pour les tests)
    revision: avenant-1
    deliberations:
      - instance: la commission permanente du Conseil départemental
        date: "2020-06-15"
        numero: CP-FICTIVE-1
    signature:
      lieu: Moulins
      date: "{signe}"
    entree_en_vigueur: "{vigueur}"
"""
DEUXIEME = """\
  - numero: 2
    objet: Ajustements de la gouvernance (avenant fictif, pour les tests)
    revision: avenant-2
    deliberations:
      - instance: la commission permanente du Conseil départemental
        date: "{delib}"
        numero: CP-FICTIVE-2
    signature:
      lieu: Moulins
      date: "{signe}"
    entree_en_vigueur: "{vigueur}"
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=pactc", "-c", "user.email=pactc@example.invalid",
                    "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
                   check=True, capture_output=True)


#: With ``particulieres``: avenant 1 defers one engagement's change to 2021-01-01, and avenant 2 brings the
#: governance body's change into force early, on 2021-04-15.
DIFFERE = """\
    entrees_en_vigueur_particulieres:
      - unites: [pe-equipes-pluridisciplinaires]
        date: "2021-01-01"
"""
ANTICIPE = """\
    entrees_en_vigueur_particulieres:
      - unites: [comite-pilotage-insertion]
        date: "2021-04-15"
"""


def depot(dest: Path, *, meme_jour: bool = False, particulieres: bool = False) -> Path:
    """The repository; ``meme_jour``: both avenants signed and in force on 2020-09-01."""
    repo = dest / "depot"
    folder = repo / "pactes" / "allier"
    signee, revisee = allier.write(dest / "scenario")
    shutil.copytree(signee, folder)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Pacte signé")
    _git(repo, "tag", "pacte-signe")

    un = PREMIER.format(signe="2020-09-01", vigueur="2020-09-01" if meme_jour else "2020-10-01")
    if particulieres:
        un += DIFFERE
    for name in ("pacte.yaml", "pdi.yaml"):
        shutil.copyfile(revisee / name, folder / name)
    # The new partner signs with the avenant, not on the pact's day: its block says when.
    pacte = folder / "pacte.yaml"
    pacte.write_text(allier._edit(pacte.read_text("utf-8"), ((
        "    pour: Pour la Caisse d'allocations familiales de l'Allier,\n    qualite: Le Directeur\n",
        "    pour: Pour la Caisse d'allocations familiales de l'Allier,\n    qualite: Le Directeur\n"
        "    date: \"2020-09-01\"\n    lieu: Moulins\n"),)), "utf-8")
    (folder / "avenants.yaml").write_text(ENTETE + un, "utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Avenant n° 1")
    _git(repo, "tag", "avenant-1")

    deux = DEUXIEME.format(delib="2020-06-15" if meme_jour else "2021-02-01",
                           signe="2020-09-01" if meme_jour else "2021-03-01",
                           vigueur="2020-09-01" if meme_jour else "2021-06-01") + (ANTICIPE if particulieres else "")
    pacte.write_text(allier._edit(pacte.read_text("utf-8"), SECOND), "utf-8")
    (folder / "avenants.yaml").write_text(ENTETE + un + deux, "utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Avenant n° 2")
    _git(repo, "tag", "avenant-2")
    return repo


if __name__ == "__main__":
    depot(Path(sys.argv[1]))
