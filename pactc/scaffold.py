"""``pactc new``: a valid, buildable skeleton pact and PDI, with commented examples."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .files import write_atomic
from .resources import shipped_path

CODE = re.compile(r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$")


class ScaffoldError(Exception):
    """The skeleton cannot be created (bad code, folder already there)."""


@dataclass(frozen=True)
class Scaffold:
    """What ``pactc new`` wrote."""

    folder: Path
    files: tuple[Path, ...]


def slugify(name: str) -> str:
    """« Côte-d’Or » → « cote-d-or »: the folder and id form of a name."""
    ascii_name = unicodedata.normalize("NFKD", re.sub(r"['’]", " ", name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def scaffold(root: Path, nom: str, code: str, debut: int, fin: int) -> Scaffold:
    """Create ``root/<slug>/pacte.yaml`` and ``pdi.yaml`` for département ``nom`` (INSEE ``code``)."""
    if not CODE.match(code):
        raise ScaffoldError(f"code de département « {code} » invalide : deux chiffres (\"03\"), 2A, 2B ou 971 à 976")
    if fin < debut:
        raise ScaffoldError(f"la période finit ({fin}) avant de commencer ({debut})")
    slug = slugify(nom)
    if not slug:
        raise ScaffoldError(f"nom de département « {nom} » inutilisable")
    folder = root / slug
    if (folder / "pacte.yaml").exists():
        raise ScaffoldError(f"{folder / 'pacte.yaml'} existe déjà : rien n'a été modifié")
    # YAML, not HTML: no autoescape; values go in as JSON strings, which YAML reads as quoted scalars.
    env = Environment(loader=FileSystemLoader(str(shipped_path("templates") / "nouveau")),
                      undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    values = {
        "slug": slug, "code": code, "debut": debut, "fin": fin, "nom_yaml": json.dumps(nom, ensure_ascii=False),
        "titre_pacte": json.dumps(f"Pacte Territorial d'Insertion — {nom}", ensure_ascii=False),
        "titre_pdi": json.dumps(f"Programme Départemental d'Insertion — {nom}", ensure_ascii=False),
        "nom_cd": json.dumps(f"Conseil départemental ({nom})", ensure_ascii=False),
    }
    files = []
    for name in ("pacte.yaml", "pdi.yaml"):
        path = folder / name
        write_atomic(path, env.get_template(f"{name}.j2").render(**values).encode("utf-8"))
        files.append(path)
    return Scaffold(folder, tuple(files))
