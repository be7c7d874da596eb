"""The open-data twin of a pact: a Frictionless Data Package of UTF-8 CSV tables, and its schema.

One package per dossier (``build/<département>/donnees/``) and one for all of
them (``build/donnees/``): pacts, partners, engagements and their partners,
the axes trees, governance bodies, signatures, fiches, and, where monitoring
data exist, indicators and values. Keys are the ids prefixed by the pact's id;
foreign keys are declared. Dates are ISO, numbers use a decimal point, a
missing value is an empty cell. Signatories' names are personal data: they are
left out unless asked for. The Table Schemas are data too (:data:`TABLES`),
written to ``schemas/opendata/`` for schema.data.gouv.fr and checked by the
tests against what is generated.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from . import __version__
from .model import Dossier, Item, Noeud
from .themes import THEMES, TYPES_PARTENAIRES

SCHEMA_VERSION = "0.1.0"
LICENCE = {"name": "etalab-2.0", "title": "Licence Ouverte / Open Licence version 2.0",
           "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}
_COG = "^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$"
_CLE = "^[a-z0-9]+(-[a-z0-9]+)*:[a-z0-9]+(-[a-z0-9]+)*$"


def _f(name: str, kind: str, description: str, *, required: bool = False, pattern: str | None = None,
       enum: list[str] | None = None) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if pattern:
        constraints["pattern"] = pattern
    if enum:
        constraints["enum"] = enum
    if constraints:
        field["constraints"] = constraints
    if kind == "date":
        field["format"] = "%Y-%m-%d"
    return field


def _cle(name: str, description: str, *, required: bool = True) -> dict[str, Any]:
    return _f(name, "string", description, required=required, pattern=_CLE)


def _fk(fields: str | list[str], resource: str, ref: str | list[str]) -> dict[str, Any]:
    return {"fields": fields, "reference": {"resource": resource, "fields": ref}}


#: Every table: its fields, primary key and foreign keys (the Table Schemas, as data).
TABLES: dict[str, dict[str, Any]] = {
    "pactes": {
        "title": "Pactes territoriaux d'insertion",
        "fields": [_f("pacte", "string", "Identifiant du pacte.", required=True),
                   _f("departement_code", "string", "Code officiel géographique du département.", required=True,
                      pattern=_COG),
                   _f("departement", "string", "Nom du département.", required=True),
                   _f("type", "string", "Type de document (PTI…).", required=True),
                   _f("titre", "string", "Titre du pacte.", required=True),
                   _f("debut", "integer", "Première année d'application.", required=True),
                   _f("fin", "integer", "Dernière année d'application.", required=True),
                   _f("date_signature", "date", "Date de signature (AAAA-MM-JJ)."),
                   _f("lieu_signature", "string", "Lieu de signature.")],
        "primaryKey": ["pacte"], "foreignKeys": []},
    "partenaires": {
        "title": "Partenaires des pactes",
        "fields": [_cle("partenaire", "Clé du partenaire : identifiant du pacte, deux-points, identifiant."),
                   _f("pacte", "string", "Identifiant du pacte.", required=True),
                   _f("nom", "string", "Nom du partenaire.", required=True),
                   _f("sigle", "string", "Sigle."),
                   _f("categorie", "string", "Catégorie (libellé du pacte)."),
                   _f("type", "string", "Type de partenaire (vocabulaire commun à tous les pactes).",
                      enum=list(TYPES_PARTENAIRES)),
                   _f("siren", "string", "SIREN (9 chiffres, clé de Luhn vérifiée par pactc check).",
                      pattern="^[0-9]{9}$")],
        "primaryKey": ["partenaire"], "foreignKeys": [_fk("pacte", "pactes", "pacte")]},
    "engagements": {
        "title": "Engagements des partenaires",
        "fields": [_cle("engagement", "Clé de l'engagement."),
                   _f("pacte", "string", "Identifiant du pacte.", required=True),
                   _f("rang", "integer", "Rang dans la liste des engagements du pacte.", required=True),
                   _f("commun", "boolean", "Pris par toutes les parties (« engagement commun n° … »).", required=True),
                   _cle("titulaire", "Clé du partenaire sous lequel le pacte le numérote (vide s'il est commun).",
                        required=False),
                   _f("numero", "integer", "Numéro imprimé : « engagement commun n° … » ou « engagement n° … » "
                      "du titulaire.", required=True),
                   _f("texte", "string", "Texte de l'engagement tel que signé (Markdown : paragraphes, puis "
                      "éléments de liste « - »).", required=True),
                   _f("themes", "string", "Thèmes d'insertion, séparés par « ; ».")],
        "primaryKey": ["engagement"],
        "foreignKeys": [_fk("pacte", "pactes", "pacte"), _fk("titulaire", "partenaires", "partenaire")]},
    "engagements_partenaires": {
        "title": "Partenaires de chaque engagement",
        "fields": [_cle("engagement", "Clé de l'engagement."), _cle("partenaire", "Clé du partenaire.")],
        "primaryKey": ["engagement", "partenaire"],
        "foreignKeys": [_fk("engagement", "engagements", "engagement"),
                        _fk("partenaire", "partenaires", "partenaire")]},
    "axes": {
        "title": "Arbres des axes (pacte et programme)",
        "fields": [_cle("axe", "Clé du nœud."),
                   _f("pacte", "string", "Identifiant du pacte.", required=True),
                   _f("document", "string", "pacte ou programme.", required=True, enum=["pacte", "programme"]),
                   _cle("parent", "Clé du nœud parent (vide pour un axe de premier niveau).", required=False),
                   _f("niveau", "string", "Nom du niveau (Axe, Orientation…).", required=True),
                   _f("numero", "string", "Numéro calculé (« Axe 2 »), vide si le niveau n'est pas numéroté."),
                   _f("titre", "string", "Titre.", required=True),
                   _f("themes", "string", "Thèmes d'insertion, séparés par « ; ».")],
        "primaryKey": ["axe"], "foreignKeys": [_fk("pacte", "pactes", "pacte"), _fk("parent", "axes", "axe")]},
    "instances": {
        "title": "Instances de gouvernance",
        "fields": [_cle("instance", "Clé de l'instance."),
                   _f("pacte", "string", "Identifiant du pacte.", required=True),
                   _f("nom", "string", "Nom.", required=True), _f("niveau", "string", "Niveau.", required=True)],
        "primaryKey": ["instance"], "foreignKeys": [_fk("pacte", "pactes", "pacte")]},
    "signatures": {
        "title": "Signatures",
        "fields": [_f("pacte", "string", "Identifiant du pacte.", required=True),
                   _f("rang", "integer", "Rang dans la page des signatures.", required=True),
                   _cle("partenaire", "Clé du partenaire signataire."),
                   _f("qualite", "string", "Qualité du signataire.", required=True),
                   _f("nom", "string", "Nom du signataire (donnée personnelle : vide sauf option --noms)."),
                   _f("date", "date", "Date de cette signature, si elle diffère de celle du pacte.")],
        "primaryKey": ["pacte", "rang"],
        "foreignKeys": [_fk("pacte", "pactes", "pacte"), _fk("partenaire", "partenaires", "partenaire")]},
    "fiches": {
        "title": "Fiches actions des programmes",
        "fields": [_cle("fiche", "Clé de la fiche."), _f("pacte", "string", "Identifiant du pacte.", required=True),
                   _f("numero", "string", "Numéro calculé (« Fiche 3 »).", required=True),
                   _f("titre", "string", "Titre.", required=True),
                   _cle("axe", "Clé du nœud d'axe de la fiche."),
                   _cle("pilote", "Clé du partenaire pilote.", required=False),
                   _f("statut", "string", "Statut de la fiche."),
                   _f("calendrier_debut", "integer", "Première année prévue."),
                   _f("calendrier_fin", "integer", "Dernière année prévue."),
                   _f("montant", "number", "Montant prévu, en euros (point décimal)."),
                   _f("themes", "string", "Thèmes d'insertion de son axe et des axes parents, séparés par « ; ».")],
        "primaryKey": ["fiche"],
        "foreignKeys": [_fk("pacte", "pactes", "pacte"), _fk("axe", "axes", "axe"),
                        _fk("pilote", "partenaires", "partenaire")]},
    "indicateurs": {
        "title": "Indicateurs suivis",
        "fields": [_cle("indicateur", "Clé de l'indicateur."), _cle("fiche", "Clé de la fiche suivie."),
                   _f("libelle", "string", "Libellé.", required=True), _f("unite", "string", "Unité."),
                   _f("nature", "string", "nombre, taux ou qualitatif.", required=True,
                      enum=["nombre", "taux", "qualitatif"]),
                   _f("sens", "string", "hausse ou baisse.", enum=["hausse", "baisse"])],
        "primaryKey": ["indicateur"], "foreignKeys": [_fk("fiche", "fiches", "fiche")]},
    "valeurs": {
        "title": "Valeurs observées des indicateurs",
        "fields": [_cle("indicateur", "Clé de l'indicateur."), _f("annee", "integer", "Année.", required=True),
                   _f("nature", "string", "realise, cible ou estimation.", required=True,
                      enum=["realise", "cible", "estimation"]),
                   _f("valeur", "string", "Valeur (nombre à point décimal, ou texte pour un indicateur qualitatif).",
                      required=True),
                   _f("saisi_le", "date", "Date de saisie.")],
        "primaryKey": [], "foreignKeys": [_fk("indicateur", "indicateurs", "indicateur")]},
}


def table_schema(name: str) -> dict[str, Any]:
    """The Table Schema of table ``name``, as published."""
    spec = TABLES[name]
    schema: dict[str, Any] = {"$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
                              "name": name, "title": spec["title"], "version": SCHEMA_VERSION,
                              "licenses": [LICENCE], "fields": spec["fields"], "missingValues": [""]}
    if spec["primaryKey"]:
        schema["primaryKey"] = spec["primaryKey"]
    if spec["foreignKeys"]:
        schema["foreignKeys"] = spec["foreignKeys"]
    return schema


def _cle_de(pacte: str, ident: str) -> str:
    return f"{pacte}:{ident}"


def lignes(dossier: Dossier, *, noms: bool = False) -> dict[str, list[dict[str, Any]]]:  # noqa: C901 — one block per table
    """The rows of every table for one dossier."""
    pacte = dossier.pacte
    m = pacte.meta
    pid = m.id
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["pactes"].append({"pacte": pid, "departement_code": m.code_departement, "departement": m.departement,
                           "type": m.type, "titre": m.titre, "debut": m.debut, "fin": m.fin,
                           "date_signature": m.date_signature, "lieu_signature": m.lieu_signature})
    categories = pacte.categories_par_id
    for p in pacte.partenaires:
        rows["partenaires"].append({"partenaire": _cle_de(pid, p.id), "pacte": pid, "nom": p.nom, "sigle": p.sigle,
                                    "categorie": categories[p.categorie].libelle if p.categorie in categories
                                    else p.categorie, "type": p.champs.get("type"), "siren": p.champs.get("siren")})
    for rang, e in enumerate(pacte.engagements, 1):
        numero, titulaire = pacte.numero_engagement(e)
        rows["engagements"].append({"engagement": _cle_de(pid, e.id), "pacte": pid, "rang": rang,
                                    "commun": titulaire is None, "numero": numero,
                                    "titulaire": _cle_de(pid, titulaire) if titulaire else None,
                                    "texte": texte_markdown(e.texte, e.items), "themes": ";".join(e.themes)})
        rows["engagements_partenaires"] += [{"engagement": _cle_de(pid, e.id), "partenaire": _cle_de(pid, x)}
                                            for x in e.partenaires]
    for document, nom in ((pacte, "pacte"), *(((dossier.programme, "programme"),) if dossier.programme else ())):
        rows["axes"] += [_axe(pid, n, parent, nom) for n, parent in _parcours(document.axes, None)]
    rows["instances"] += [{"instance": _cle_de(pid, i.id), "pacte": pid, "nom": i.nom, "niveau": i.niveau}
                          for i in pacte.instances]
    rows["signatures"] += [{"pacte": pid, "rang": rang, "partenaire": _cle_de(pid, s.partenaire), "qualite": s.qualite,
                            "nom": s.nom if noms else None, "date": s.date}
                           for rang, s in enumerate(pacte.signatures, 1)]
    if dossier.programme is not None:
        # A fiche hangs from an axis of its programme or, when the programme has none, of the pact.
        themes_des_axes = {n.id: themes for axes in (pacte.axes, dossier.programme.axes)
                           for n, themes in _themes_herites(axes, ())}
        for f in dossier.programme.fiches:
            rows["fiches"].append({
                "fiche": _cle_de(pid, f.id), "pacte": pid, "numero": f.libelle, "titre": f.titre,
                "axe": _cle_de(pid, f.axe), "pilote": _cle_de(pid, f.pilote) if f.pilote else None,
                "statut": f.statut, "calendrier_debut": min(f.annees) if f.annees else None,
                "calendrier_fin": max(f.annees) if f.annees else None,
                "montant": f.financement.montant if f.financement else None,
                "themes": ";".join(themes_des_axes.get(f.axe, ()))})
    # Monitoring data marked as an example are invented: they are never published as a département's data.
    if dossier.suivi is not None and not dossier.suivi.exemple:
        for i in dossier.suivi.indicateurs:
            rows["indicateurs"].append({"indicateur": _cle_de(pid, i.id), "fiche": _cle_de(pid, i.fiche),
                                        "libelle": i.libelle, "unite": i.unite, "nature": i.nature, "sens": i.sens})
        for o in dossier.suivi.observations:
            valeur = nombre(o.nombre) if o.nombre is not None else o.valeur
            rows["valeurs"].append({"indicateur": _cle_de(pid, o.indicateur), "annee": o.annee, "nature": o.nature,
                                    "valeur": valeur, "saisi_le": o.saisi_le or None})
    return rows


def texte_markdown(texte: str | None, items: tuple[Item, ...]) -> str:
    """A passage and its list, whole and in order, as Markdown (list items as « - » lines, nested ones indented)."""
    parts = [texte.strip()] if texte and texte.strip() else []
    if items:
        parts.append("\n".join(_liste(items, "")))
    return "\n\n".join(parts)


def _liste(items: tuple[Item, ...], retrait: str) -> Iterator[str]:
    for i in items:
        yield f"{retrait}- {i.texte.strip()}"
        yield from _liste(i.items, retrait + "  ")


def _themes_herites(noeuds: Iterable[Noeud], herites: tuple[str, ...]) -> Iterable[tuple[Noeud, tuple[str, ...]]]:
    for n in noeuds:
        themes = herites + tuple(t for t in n.themes if t not in herites)
        yield n, themes
        yield from _themes_herites(n.enfants, themes)


def _parcours(noeuds: Iterable[Noeud], parent: Noeud | None) -> Iterable[tuple[Noeud, Noeud | None]]:
    for n in noeuds:
        yield n, parent
        yield from _parcours(n.enfants, n)


def _axe(pid: str, n: Noeud, parent: Noeud | None, document: str) -> dict[str, Any]:
    return {"axe": _cle_de(pid, n.id), "pacte": pid, "document": document,
            "parent": _cle_de(pid, parent.id) if parent else None, "niveau": n.niveau.nom, "numero": n.libelle,
            "titre": n.titre, "themes": ";".join(n.themes)}


def _csv(name: str, rows: list[dict[str, Any]]) -> bytes:
    fields = [f["name"] for f in TABLES[name]["fields"]]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow(["" if row.get(k) is None else _cell(row[k]) for k in fields])
    return out.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return nombre(value)
    return str(value)


def noms_des_fichiers() -> tuple[str, ...]:
    """The files of a package, in the order they are listed."""
    return ("datapackage.json", *(f"{name}.csv" for name in TABLES), *(f"schemas/{name}.json" for name in TABLES))


def csv_des_tables(dossiers: Iterable[Dossier], *, noms: bool = False) -> dict[str, bytes]:
    """Every table of ``dossiers`` as UTF-8 CSV (header line, then one line per row)."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for dossier in dossiers:
        for name, rows in lignes(dossier, noms=noms).items():
            tables[name] += rows
    return {name: _csv(name, rows) for name, rows in tables.items()}


def concatener(parts: Iterable[dict[str, bytes]]) -> dict[str, bytes]:
    """The tables of several packages as one: each table's header once, then the rows of each in turn."""
    result = {name: _csv(name, []) for name in TABLES}
    for part in parts:
        for name in TABLES:
            result[name] += part[name].split(b"\n", 1)[1]
    return result


def nombre(value: float) -> str:
    """A number with a decimal point, exact and never in scientific notation (1234567.5, 10000)."""
    if value.is_integer():
        return str(int(value))
    # The shortest text that reads back as the same float, written out in full.
    return format(Decimal(repr(value)), "f")


def paquet(tables: dict[str, bytes], *, nom: str, titre: str, description: str) -> dict[str, bytes]:
    """The data package of ``tables`` (name → CSV): ``datapackage.json``, the CSVs and ``schemas/<table>.json``."""
    files: dict[str, bytes] = {"datapackage.json": b""}
    resources = []
    for name in TABLES:
        files[f"{name}.csv"] = tables[name]
        resources.append({"name": name, "path": f"{name}.csv", "title": TABLES[name]["title"], "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource",
                          "schema": f"schemas/{name}.json"})
    for name in TABLES:
        files[f"schemas/{name}.json"] = _json(table_schema(name))
    descriptor = {"profile": "tabular-data-package", "name": nom, "title": titre, "description": description,
                  "version": SCHEMA_VERSION, "licenses": [LICENCE], "resources": resources,
                  "sources": [{"title": f"Sources YAML des pactes, compilées par pactc {__version__}"}],
                  "keywords": ["insertion", "pacte territorial d'insertion", "PTI", "PDI"],
                  "x-themes": {k: v[0] for k, v in THEMES.items()}, "x-types-partenaires": TYPES_PARTENAIRES}
    files["datapackage.json"] = _json(descriptor)
    return files


def paquet_du_dossier(dossier: Dossier, *, noms: bool = False) -> dict[str, bytes]:
    """The data package of one dossier."""
    m = dossier.pacte.meta
    return paquet(csv_des_tables([dossier], noms=noms), nom=m.id, titre=m.titre,
                  description=f"{m.type} {m.debut}-{m.fin} du département {m.departement} ({m.code_departement}) "
                  f"en données ouvertes : {contenu(noms)}")


def paquet_national(tables: dict[str, bytes], departements: int, *, noms: bool = False) -> dict[str, bytes]:
    """The national package: the tables of every département, concatenated."""
    return paquet(tables, nom="pactes-territoriaux-insertion", titre="Pactes territoriaux d'insertion",
                  description=f"{departements} département(s) en données ouvertes : {contenu(noms)}")


def contenu(noms: bool) -> str:
    """What a package holds, in words."""
    return ("partenaires, engagements, axes, instances, signatures, fiches actions et, lorsque le département les "
            "publie, indicateurs et valeurs de suivi. "
            + ("Les noms des signataires y figurent." if noms else "Les noms des signataires n'y figurent pas."))


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
