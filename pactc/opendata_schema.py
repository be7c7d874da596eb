"""The open-data schema as a publishable artefact (``schemas/opendata/``), laid out as schema.data.gouv.fr expects.

A data-package schema: ``datapackage.json`` lists one resource per table,
each with its Table Schema (``<table>/schema.json``) and a valid example
(``exemple/<table>.csv``, compiled from the fictitious dossier in
``exemple/source/``). ``README.md`` is generated from the same definitions;
``CHANGELOG.md`` is written by hand. The tests compare these files with this
generator (``--regen-golden`` rewrites them) and validate them with frictionless.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Dossier
from .opendata import LICENCE, SCHEMA_VERSION, TABLES, csv_des_tables, table_schema
from .themes import THEMES

#: The date of this schema version (schema.data.gouv.fr's ``lastModified``).
SCHEMA_DATE = "2026-12-01T00:00:00Z"
_DESCRIPTION = ("Les Pactes territoriaux d'insertion (art. L.263-2 du code de l'action sociale et des familles) et "
                "leurs programmes départementaux d'insertion : partenaires, engagements, axes, instances de "
                "gouvernance, signatures, fiches actions, indicateurs et valeurs de suivi.")


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def schema_publie(name: str) -> dict[str, Any]:
    """A table's schema with the metadata schema.data.gouv.fr reads."""
    schema = table_schema(name)
    return {**{k: schema[k] for k in ("$schema", "name", "title")}, "description": TABLES[name]["title"] + ". "
            + _DESCRIPTION, "countryCode": "FR", "created": "2026-12-01T00:00:00Z", "lastModified": SCHEMA_DATE,
            "version": SCHEMA_VERSION,
            "contributors": [{"title": "pactc", "role": "author"}],
            **{k: v for k, v in schema.items() if k not in ("$schema", "name", "title", "version")}}


def artefact(exemple: Dossier) -> dict[str, bytes]:
    """Every generated file of ``schemas/opendata/`` (path → bytes), the example compiled from ``exemple``."""
    files: dict[str, bytes] = {}
    for name, data in csv_des_tables([exemple]).items():
        files[f"exemple/{name}.csv"] = data
        files[f"{name}/schema.json"] = _json(schema_publie(name))
    files["datapackage.json"] = _json({
        "profile": "tabular-data-package", "name": "pactes-territoriaux-insertion",
        "title": "Pactes territoriaux d'insertion", "description": _DESCRIPTION, "version": SCHEMA_VERSION,
        "licenses": [LICENCE], "countryCode": "FR",
        "created": "2026-12-01T00:00:00Z", "lastModified": SCHEMA_DATE,
        "resources": [{"name": name, "title": TABLES[name]["title"], "path": f"exemple/{name}.csv",
                       "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                       "profile": "tabular-data-resource", "schema": f"{name}/schema.json"} for name in TABLES]})
    files["README.md"] = _readme().encode()
    return files


def _readme() -> str:
    lines = ["# Pactes territoriaux d'insertion — schéma des données ouvertes", "",
             "<!-- Fichier généré par pactc (pactc/opendata_schema.py) : ne pas modifier à la main. -->", "",
             _DESCRIPTION, "",
             f"Version {SCHEMA_VERSION} du {SCHEMA_DATE[:10]}. Licence : {LICENCE['title']}.", "",
             "Un paquet de données Frictionless (`datapackage.json`) de tables CSV en UTF-8. Les clés sont les "
             "identifiants des éléments préfixés par celui du pacte (`pti-exemple:pole-emploi`) ; les clés "
             "étrangères sont déclarées. Les dates sont au format AAAA-MM-JJ, les nombres ont un point décimal, une "
             "valeur absente est une cellule vide. Les noms des signataires ne sont publiés qu'à la demande "
             "(`pactc opendata --noms`).", "",
             "Produit par `pactc opendata` (ou par `pactc build`, dans `build/donnees/` et "
             "`build/<département>/donnees/`). L'exemple `exemple/*.csv` est compilé d'un pacte fictif "
             "(`exemple/source/`).", "",
             "## Thèmes", "",
             "Les colonnes `themes` contiennent des identifiants de ce vocabulaire, séparés par « ; ».",
             "", "| Thème | Libellé | Thématique data·inclusion |", "|---|---|---|"]
    lines += [f"| `{k}` | {label} | {f'`{di}`' if di else '—'} |" for k, (label, di) in THEMES.items()]
    for name, spec in TABLES.items():
        lines += ["", f"## `{name}` — {spec['title']}", ""]
        if spec["primaryKey"]:
            lines.append(f"Clé primaire : {', '.join(f'`{k}`' for k in spec['primaryKey'])}.")
        for fk in spec["foreignKeys"]:
            ref = fk["reference"]
            lines.append(f"Clé étrangère : `{fk['fields']}` → `{ref['resource']}.{ref['fields']}`.")
        lines += ["", "| Colonne | Type | Obligatoire | Description |", "|---|---|---|---|"]
        for f in spec["fields"]:
            c = f.get("constraints", {})
            extra = f" Motif : `{c['pattern']}`." if "pattern" in c else \
                (f" Valeurs : {', '.join(f'`{v}`' for v in c['enum'])}." if "enum" in c else "")
            lines.append(f"| `{f['name']}` | {f['type']} | {'oui' if c.get('required') else 'non'} | "
                         f"{f['description']}{extra} |")
    return "\n".join(lines) + "\n"
