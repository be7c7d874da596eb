"""Stage 2: validate loaded data against our JSON Schemas, positions included.

Schemas are resolved from a local registry of ``urn:`` ids, so nothing is ever
fetched from the network, and formats (dates, e-mails) are enforced.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match
from referencing import Registry, Resource

from .diagnostics import Diagnostic
from .load import LoadedFile
from .resources import shipped

SCHEMA_NAMES = ("pacte", "pdi", "avenants", "suivi")


@cache
def schema_text(name: str) -> str:
    """The raw JSON text of schema ``name`` (``pacte``…), as shipped in the package."""
    return shipped("schemas").joinpath(f"{name}.schema.json").read_text("utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Schema ``name`` as a dict."""
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema


@cache
def _validator(name: str) -> Draft202012Validator:
    # Our own schemas only, under their urn: ids and their file names (the PDI schema refers to
    # "pacte.schema.json" so that editors resolve it beside the file): nothing is ever fetched.
    registry: Registry = Registry()
    for other in SCHEMA_NAMES:
        resource = Resource.from_contents(load_schema(other))
        registry = registry.with_resources([(f"urn:pactc:schema:{other}", resource),
                                            (f"{other}.schema.json", resource)])
    schema = {**load_schema(name), "$id": f"urn:pactc:schema:{name}"}
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate(loaded: LoadedFile, name: str = "pacte") -> list[Diagnostic]:
    """Every schema violation of ``loaded``, each at the file:line:col of the bad value."""
    if loaded.data is None:
        return []
    validator = _validator(name)
    diagnostics = []
    for error in validator.iter_errors(loaded.data):
        diagnostics.append(_diagnostic(loaded, _most_precise(error)))
    return sorted(set(diagnostics))


def _most_precise(error: ValidationError) -> ValidationError:
    # A failed oneOf/anyOf hides the useful error in its context.
    if error.context:
        return best_match(error.context) or error
    return error


def _schema_of(error: ValidationError) -> Mapping[str, Any]:
    """The (sub)schema an error comes from: always a mapping in our schemas."""
    return error.schema if isinstance(error.schema, Mapping) else {}


def _diagnostic(loaded: LoadedFile, error: ValidationError) -> Diagnostic:  # noqa: C901 — one branch per JSON Schema keyword, each a French message
    path = tuple(error.absolute_path)
    where = _describe(path)
    validator = error.validator
    schema = _schema_of(error)
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(schema.get("properties", {})))  # type: ignore[arg-type]
        key = extra[0]
        allowed = sorted(schema.get("properties", {}))
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"clés admises : {', '.join(allowed)}"
        message = f"clé inconnue « {key} »{where}"
        if close:
            message += f" — vouliez-vous dire « {close[0]} » ?"
        return loaded.diagnostic(path + (key,), "PCT010", message, hint=hint, at_key=True)
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return loaded.diagnostic(path, "PCT011", f"clé obligatoire « {missing} » absente{where}",
                                 hint=f"ajoutez « {missing}: … »")
    if validator == "type":
        expected = _TYPES.get(str(error.validator_value), str(error.validator_value))
        found = _type_name(error.instance)
        return loaded.diagnostic(path, "PCT012", f"type inattendu{where} : il faut {expected} ; trouvé : {found}",
                                 hint=_type_hint(error.validator_value, error.instance))
    if validator in ("enum", "const"):
        options: list[Any] = list(error.validator_value) if validator == "enum" else [error.validator_value]  # type: ignore[arg-type]
        value = error.instance
        close = difflib.get_close_matches(str(value), [str(o) for o in options], n=1)
        message = f"valeur « {value} » non admise{where} : choisissez parmi {', '.join(map(str, options))}"
        if close:
            message += f" — vouliez-vous dire « {close[0]} » ?"
        return loaded.diagnostic(path, "PCT013", message)
    if validator in ("pattern", "format"):
        return loaded.diagnostic(path, "PCT013", _format_message(error, where))
    if validator in ("minProperties", "maxProperties"):
        return loaded.diagnostic(path, "PCT014", f"bloc mal formé{where} : un bloc a exactement une clé "
                                 "(texte, liste, tableau, chiffres, rubrique ou inclure)")
    if validator in ("maxLength", "maxItems"):
        return loaded.diagnostic(path, "PCT014", f"trop long{where} : au plus {error.validator_value} "
                                 f"{'caractères' if validator == 'maxLength' else 'éléments'}")
    if validator in ("minLength", "minItems"):
        return loaded.diagnostic(path, "PCT014", f"vide{where} : il faut au moins {error.validator_value} "
                                 f"{'caractère' if validator == 'minLength' else 'élément'}")
    if validator in ("minimum", "maximum"):
        bound = "au moins" if validator == "minimum" else "au plus"
        return loaded.diagnostic(path, "PCT013", f"valeur {error.instance} hors limites{where} : {bound} "
                                 f"{error.validator_value}")
    if validator == "uniqueItems":
        return loaded.diagnostic(path, "PCT013", f"élément répété{where} : retirez le doublon")
    return loaded.diagnostic(path, "PCT015", f"valeur invalide{where} : {error.message}")


_TYPES = {"string": "un texte", "integer": "un nombre entier", "number": "un nombre",
          "object": "une table de clés", "array": "une liste", "boolean": "true ou false",
          "null": "une valeur vide"}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int):
        return f"le nombre {value}"
    if isinstance(value, float):
        return f"le nombre {value}"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "une table de clés"
    return "une valeur vide"


def _type_hint(expected: object, found: object = "") -> str | None:
    if found is None:
        return "la valeur est vide : écrivez-la après les deux-points, ou retirez la clé"
    if expected == "string":
        return "mettez la valeur entre guillemets si elle ressemble à un nombre"
    if expected == "integer":
        return "écrivez le nombre sans guillemets"
    if expected == "boolean" and isinstance(found, str) and found.strip().lower() in (
            "oui", "non", "vrai", "faux", "yes", "no", "o", "n"):
        return f"écrivez true (pour oui) ou false (pour non), sans guillemets, et non « {found} »"
    return None


def _format_message(error: ValidationError, where: str) -> str:
    value = error.instance
    schema = _schema_of(error)
    if schema.get("format") == "date" or "AAAA" in str(schema.get("description", "")):
        return (f"date « {value} » invalide{where} : écrivez une date réelle au format AAAA-MM-JJ "
                "entre guillemets, par exemple \"2018-10-25\"")
    if error.validator == "pattern" and schema.get("pattern", "").startswith("^[a-z0-9]+(-"):
        return (f"identifiant « {value} » invalide{where} : lettres minuscules sans accent, chiffres "
                "et tirets seulement (ex. « pole-emploi »)")
    if error.validator == "format":
        return f"valeur « {value} » invalide{where} (format {schema.get('format')} attendu)"
    return f"valeur « {value} » mal formée{where}"


def _describe(path: tuple[str | int, ...]) -> str:
    if not path:
        return ""
    parts = []
    for item in path:
        parts.append(f"[{item + 1}]" if isinstance(item, int) else f".{item}")
    return f" (dans {''.join(parts).lstrip('.')})"
