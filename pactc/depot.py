"""``pactc init``: a département's own repository, ready to write, check, preview and publish its pact.

A département does not work inside pactc's repository: it keeps its pact in a
repository of its own and uses pactc as a tool there. ``init`` writes what
that repository needs: the skeleton pact (through ``pactc new``), the schemas
the editor reads, the editor settings, a pre-commit hook and CI recipes that
install the very pactc that wrote them, a ``.gitignore`` and a short README.
``.pactc.json`` records that version and where it came from, so that
``pactc check`` can say when the repository lags behind the installed pactc.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .diagnostics import Diagnostic, Severity
from .files import write_atomic
from .resources import shipped_path

if TYPE_CHECKING:
    from .scaffold import Scaffold

MARQUE = ".pactc.json"
SCHEMAS = ("pacte", "pdi", "avenants", "suivi")


@dataclass(frozen=True)
class Depot:
    """What ``pactc init`` wrote."""

    racine: Path
    pacte: Scaffold | None
    fichiers: tuple[Path, ...]


def source_installee() -> str:
    """How pip can install the running pactc again: the git URL and commit, the archive, or the folder it came from.

    A pactc run from its source tree (an editable install, a clone) is installed from that folder.
    Otherwise PEP 610's ``direct_url.json`` says where the distribution was installed from; without
    it (an install from a package index), the version pin is enough.
    """
    arbre = Path(__file__).resolve().parent.parent
    if (arbre / "pyproject.toml").is_file() and (arbre / "pactc" / "__init__.py").is_file():
        return f"pactc @ {arbre.as_uri()}"
    try:
        texte = metadata.distribution("pactc").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        texte = None
    if not texte:
        return f"pactc=={__version__}"
    direct = json.loads(texte)
    url = direct.get("url", "")
    vcs = direct.get("vcs_info")
    if vcs:
        return f"pactc @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}"
    return f"pactc @ {url}"


def initialiser(racine: Path, nom: str | None, code: str | None, debut: int, fin: int, source: str,
                *, mise_a_jour: bool = False) -> Depot:
    """Make ``racine`` a département's repository (with ``mise_a_jour``: refresh the tool files only)."""
    from .scaffold import scaffold  # Jinja2: not loaded by « pactc check », which asks only for retards()

    made = None if mise_a_jour or nom is None or code is None else scaffold(racine / "pactes", nom, code, debut, fin)
    fichiers: list[Path] = []

    def ecrire(relatif: str, texte: str, *, garder: bool = False) -> None:
        path = racine / relatif
        if garder and path.exists():
            return  # the département's own file: never overwritten
        write_atomic(path, texte.encode("utf-8"))
        fichiers.append(path)

    for nom_schema in SCHEMAS:
        ecrire(f"schemas/{nom_schema}.schema.json",
               shipped_path("schemas").joinpath(f"{nom_schema}.schema.json").read_text("utf-8"))
    modeles = shipped_path("templates") / "depot"
    valeurs = {"{{VERSION}}": __version__, "{{SOURCE}}": source, "{{SOURCE_PDF}}": _avec_pdf(source)}
    for modele in sorted(modeles.rglob("*")):
        if modele.is_file() and modele.name != "__init__.py":
            relatif = modele.relative_to(modeles).as_posix().replace("dot-", ".")
            texte = modele.read_text("utf-8")
            for cle, valeur in valeurs.items():
                texte = texte.replace(cle, valeur)
            ecrire(relatif, texte, garder=relatif in ("README.md", ".gitignore"))
    ecrire(MARQUE, json.dumps({"pactc": __version__, "source": source}, ensure_ascii=False, indent=2) + "\n")
    return Depot(racine, made, tuple(fichiers))


def _avec_pdf(source: str) -> str:
    """The same pactc with its PDF extra: « pactc[pdf] @ … » or « pactc[pdf]==0.2.0 »."""
    return source.replace("pactc", "pactc[pdf]", 1)


def retards(racine: Path) -> list[Diagnostic]:
    """PCT099: the repository's schemas or pinned pactc are older than the pactc running now."""
    marque = racine / MARQUE
    if not marque.is_file():
        return []
    found = []
    try:
        epingle = json.loads(marque.read_text("utf-8")).get("pactc", "")
    except (OSError, ValueError):
        epingle = ""
    if epingle != __version__:
        found.append(Diagnostic(MARQUE, 1, 1, "PCT099", Severity.WARNING,
                                f"ce dépôt a été préparé pour pactc {epingle or '?'}, et pactc {__version__} "
                                "est installé", "mettez à jour les fichiers de l'outil : pactc init --mise-a-jour"))
    for nom in SCHEMAS:
        path = racine / "schemas" / f"{nom}.schema.json"
        shipped = shipped_path("schemas").joinpath(f"{nom}.schema.json").read_text("utf-8")
        if path.is_file() and path.read_text("utf-8") != shipped:
            found.append(Diagnostic(f"schemas/{nom}.schema.json", 1, 1, "PCT099", Severity.WARNING,
                                    f"le schéma {nom} du dépôt n'est pas celui de pactc {__version__} : l'éditeur "
                                    "aide avec des règles qui ne sont plus celles de pactc",
                                    "mettez-le à jour : pactc init --mise-a-jour"))
    return found
