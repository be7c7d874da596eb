"""The one registry of diagnostic codes: each declared once, with its stage, severity and documentation.

The codes of the reading, schema and build stages are declared here; each
integrity check declares its own through :func:`pactc.checks.registry.check`,
with its docstring as documentation. Whoever emits a code takes its severity
from here. Codes are never renumbered; a code never has two severities.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostic import Severity


@dataclass(frozen=True)
class Code:
    """A diagnostic code, its stage, documentation (first line = summary) and severity."""

    code: str
    name: str
    stage: str
    doc: str
    severity: Severity = Severity.ERROR


#: Every declared code, by code.
REGISTRY: dict[str, Code] = {}


def declare(code: Code) -> Code:
    """Declare ``code``; declaring the same code twice is a programming error."""
    if code.code in REGISTRY:
        raise ValueError(f"code {code.code} déjà déclaré")
    REGISTRY[code.code] = code
    return code


def severity_of(code: str) -> Severity:
    """The declared severity of ``code``."""
    return REGISTRY[code].severity


STAGE_CODES = (
    Code("PCT001", "yaml-illisible", "lecture", """Le fichier n'est pas du YAML valide.

    Une indentation incohérente, une tabulation, un deux-points oublié ou un
    crochet non fermé empêchent la lecture. La position indique où la lecture
    a échoué ; l'erreur est souvent juste avant.

    Correction : indentez avec des espaces (jamais de tabulations) et
    vérifiez la ligne indiquée et celle qui la précède."""),
    Code("PCT002", "encodage", "lecture", """Le fichier n'est pas encodé en UTF-8.

    Correction : dans l'éditeur, enregistrez le fichier en « UTF-8 » (VS Code :
    barre d'état, encodage, « Enregistrer avec l'encodage »). Le BOM UTF-8 et
    les fins de ligne Windows sont acceptés."""),
    Code("PCT003", "cle-en-double", "lecture", """Une clé est écrite deux fois dans la même table.

    En YAML ordinaire, la seconde écraserait silencieusement la première.

    Correction : supprimez l'une des deux clés ou fusionnez leurs valeurs."""),
    Code("PCT004", "ancre-ou-alias", "lecture", """Le fichier utilise une ancre (&nom) ou un alias (*nom).

    Les ancres et alias rendent le fichier difficile à relire et permettent
    des documents piégés qui explosent en mémoire.

    Correction : recopiez la valeur à chaque endroit où elle sert."""),
    Code("PCT005", "etiquette-refusee", "lecture", """Le fichier utilise une étiquette YAML (!!python/…, !type).

    Correction : retirez l'étiquette ; écrivez la valeur simplement."""),
    Code("PCT006", "document-mal-forme", "lecture", """Le fichier est vide, n'est pas une table de clés, ou contient plusieurs documents.

    Correction : le fichier commence par « pacte: » au premier niveau et ne
    contient qu'un seul document (un seul « --- » au plus, en tête)."""),
    Code("PCT007", "taille-excessive", "lecture", """Le fichier est trop volumineux ou trop profondément imbriqué.

    Correction : découpez le contenu ; aucun pacte réel n'approche ces limites."""),
    Code("PCT008", "pacte-introuvable", "lecture", """Le chemin donné à pactc ne contient aucun pacte.

    Correction : donnez un fichier pacte.yaml, le dossier d'un département
    (pactes/<département>) ou le dossier pactes/."""),
    Code("PCT010", "cle-inconnue", "schéma", """Une clé n'existe pas à cet endroit.

    Une faute de frappe ne doit jamais être ignorée en silence : le message
    propose la clé la plus proche et l'aide liste les clés admises.

    Correction : corrigez l'orthographe de la clé (sans accent, en minuscules)."""),
    Code("PCT011", "cle-obligatoire", "schéma", """Une clé obligatoire manque.

    Correction : ajoutez la clé indiquée à la table désignée."""),
    Code("PCT012", "mauvais-type", "schéma", """Une valeur n'a pas le bon type (texte, nombre, liste, table, booléen).

    Correction : les années s'écrivent sans guillemets (2018), les codes et
    les dates avec ("03", "2018-10-25"), les booléens true ou false."""),
    Code("PCT013", "valeur-invalide", "schéma", """Une valeur n'est pas admise : date impossible, identifiant mal formé, choix hors liste.

    Correction : suivez le format indiqué par le message (date AAAA-MM-JJ
    réelle, identifiant en minuscules sans accent avec tirets, valeur de la
    liste proposée)."""),
    Code("PCT014", "taille-ou-forme", "schéma", """Une valeur est trop longue, une liste vide ou trop longue, ou un bloc mal formé.

    Correction : respectez les limites indiquées ; un bloc de contenu a
    exactement une clé (texte, liste, tableau, chiffres, rubrique ou inclure)."""),
    Code("PCT015", "schema-autre", "schéma", """La valeur ne respecte pas le schéma pour une autre raison.

    Correction : lisez le message et l'aide au survol dans l'éditeur."""),
    Code("PCT060", "ressource-refusee", "compilation", """Le rendu a voulu lire une ressource interdite.

    Seuls les fichiers du dossier du pacte et les ressources de pactc sont
    lus ; aucun accès réseau, aucun fichier ailleurs sur la machine.

    Correction : retirez la référence au fichier ou à l'adresse en cause."""),
)


for _code in STAGE_CODES:
    declare(_code)


def all_codes() -> list[Code]:
    """Every code, sorted (importing the checks declares theirs)."""
    from . import checks  # noqa: F401  (registration)

    return sorted(REGISTRY.values(), key=lambda c: c.code)


def _dedent(doc: str) -> str:
    lines = doc.splitlines()
    return "\n".join([lines[0].strip()] + [line[4:] if line.startswith("    ") else line.strip() for line in lines[1:]])


def _example(code: str, cases: list[Path]) -> list[str]:
    """A failing example of ``code`` taken from the test cases: the YAML around the problem and the message."""
    from .checker import check_source
    from .project import PACT_FILE, Source

    for case in cases:
        pacte = case / PACT_FILE if case.is_dir() else case
        diagnostics = [d for d in check_source(Source(case.name, pacte.parent, pacte)).diagnostics if d.code == code]
        if not diagnostics or not diagnostics[0].line:
            continue
        d = diagnostics[0]
        where = Path(d.file)
        try:
            lines = where.read_bytes().decode("utf-8", "replace").splitlines()
        except OSError:
            continue
        first = max(0, d.line - 3)
        excerpt = [f"{n + 1:>4} | {text[:110]}" for n, text in enumerate(lines[first:d.line + 1], start=first)]
        return ["", "Exemple (`" + where.name + "`) :", "", "```", *excerpt, "```", "", "Diagnostic :", "", "```",
                f"{where.name}:{d.line}:{d.column}: {d.severity.value} {d.code} {d.message}", "```"]
    return []


def diagnostics_markdown(examples: Path | None = None) -> str:
    """``docs/diagnostics.md``: every code with its documentation, generated from the code itself.

    With ``examples`` (the test suite's folder), each code also shows a real failing case and the
    message pactc gives for it.
    """
    from .checks.registry import CHECKS as registered

    severities = {c.code: c.severity.value for c in registered}
    out = ["# Les diagnostics de pactc", "",
           "Ce fichier est généré à partir du code et des cas de test "
           "(`python -m pactc.codes tests > docs/diagnostics.md`) :",
           "ne le modifiez pas à la main.", "",
           "Chaque diagnostic s'affiche ainsi : `fichier:ligne:colonne: gravité CODE message`. "
           "Une **erreur** empêche la compilation ; un **avertissement** ne la bloque que "
           "sous `--strict` ; une **note** (rapport de complétude) ne la bloque jamais.", "",
           "| code | nom | étape | gravité | résumé |", "|---|---|---|---|---|"]
    for c in all_codes():
        summary = _dedent(c.doc).split("\n")[0]
        severity = {"warning": "avertissement", "note": "note"}.get(severities.get(c.code, ""), "erreur")
        out.append(f"| [{c.code}](#{c.code.lower()}) | {c.name} | {c.stage} | {severity} | {summary} |")
    cases = _cases(examples) if examples else {}
    for c in all_codes():
        out += ["", f"## {c.code}", "", f"`{c.name}` — étape : {c.stage}", "", _dedent(c.doc)]
        out += _example(c.code, cases.get(c.code, []))
    return "\n".join(out) + "\n"


def _cases(tests: Path) -> dict[str, list[Path]]:
    """Failing cases per code: tests/checks/<code>.ko*, then tests/bad/<case> from its ATTENDUS list."""
    found: dict[str, list[Path]] = {}
    for case in sorted((tests / "checks").glob("PCT*.ko*")):
        found.setdefault(case.name.split(".")[0].split("-")[0], []).append(case)
    manifest = tests / "bad" / "ATTENDUS.txt"
    if manifest.is_file():
        for line in manifest.read_text("utf-8").splitlines():
            if line and not line.startswith("#"):
                name, code = line.split()[:2]
                found.setdefault(code, []).append(tests / "bad" / name)
    return found


if __name__ == "__main__":
    import sys

    print(diagnostics_markdown(Path(sys.argv[1]) if len(sys.argv) > 1 else None), end="")
