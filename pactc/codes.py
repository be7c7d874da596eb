"""The one registry of diagnostic codes: each declared once, with its stage, severity and documentation.

The codes of the reading, schema and build stages are declared here; each
integrity check declares its own through :func:`pactc.checks.registry.check`,
with its docstring as documentation. Whoever emits a code takes its severity
from here. Codes are never renumbered; a code never has two severities.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity


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
    Code("PCT009", "nombre-hors-limites", "lecture", """Un nombre est trop long ou n'est pas fini (.inf, .nan).

    Un montant, une année ou une cible tient en quelques chiffres. Un nombre
    de plus de 15 chiffres, ou l'infini, ne peut être ni vérifié ni imprimé.

    Correction : écrivez le nombre réel ; s'il s'agit d'un texte (un numéro
    de dossier), mettez-le entre guillemets."""),
    Code("PCT016", "caractere-de-controle", "lecture", """Une valeur contient un caractère de contrôle invisible (NUL, ESC…).

    Ces caractères ne s'impriment pas ; dans un terminal ou une annotation
    de CI, ils peuvent masquer ou falsifier ce qui s'affiche.

    Correction : retirez le caractère (il vient souvent d'un copier-coller
    depuis un traitement de texte ou un PDF)."""),
    Code("PCT017", "dossier-mal-nomme", "lecture", """Le dossier d'un département n'a pas un nom utilisable.

    Le nom du dossier devient celui du dossier de sortie et des liens de
    l'index publié : il ne peut contenir que des lettres minuscules sans
    accent, des chiffres et des tirets.

    Correction : renommez le dossier (« Haute Loire » → « haute-loire »)."""),
    Code("PCT098", "tableur-illisible", "lecture", """Un fichier CSV de suivi ne se lit pas comme un tableau attendu.

    La première ligne nomme les colonnes (par exemple indicateur, periode,
    nature, valeur, commentaire, source, saisi_le) ; chaque ligne a au plus
    autant de cellules que de colonnes. Les cellules sont séparées par « ; »
    (comme l'enregistrent les tableurs français) ou par « , » ; une cellule
    qui contient le séparateur s'écrit entre guillemets.

    Correction : corrigez l'en-tête ou la ligne indiquée, ou enregistrez de
    nouveau le fichier depuis le tableur en « CSV (séparateur : point-virgule) »."""),
    Code("PCT099", "depot-en-retard", "lecture", """Le dépôt a été préparé pour une autre version de pactc.

    « pactc init » a copié dans le dépôt les schémas que lit l'éditeur et
    épinglé la version de pactc du crochet et de la CI. Quand pactc est mis à
    jour, ces fichiers décrivent encore l'ancienne version : l'éditeur aide
    alors avec des règles qui ne sont plus celles de pactc.

    Correction : pactc init --mise-a-jour, puis enregistrez les fichiers modifiés."""),
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
    Code("PCT061", "rendu-impossible", "compilation", """Un document d'un département n'a pas pu être produit.

    Les vérifications n'ont rien trouvé, mais le rendu a échoué : c'est une
    erreur de pactc, pas de votre pacte. Les autres départements sont
    compilés ; les fichiers précédents de celui-ci restent intacts.

    Correction : signalez-la aux mainteneurs avec le fichier en cause et la
    sortie de « pactc --debug build … »."""),
    Code("PCT062", "ecriture-impossible", "compilation", """Un fichier de sortie n'a pas pu être écrit.

    Le disque est plein, le dossier est en lecture seule, ou un fichier se
    trouve là où pactc attend un dossier (ou l'inverse). C'est votre
    environnement, pas votre pacte : les fichiers précédents restent
    intacts, et les autres départements sont compilés.

    Correction : libérez de la place, donnez les droits d'écriture sur le
    dossier de sortie (--out), ou retirez le fichier qui gêne."""),
    Code("PCT084", "revision-introuvable", "historique", """Une révision enregistrée dans avenants.yaml n'existe pas dans le dépôt git.

    Chaque version signée (le pacte d'origine, chaque avenant) est retrouvée
    par sa révision git : sans elle, pactc consolider ne peut pas reconstituer
    le texte en vigueur. Une étiquette (git tag) survit aux rebasages, un
    identifiant de commit non.

    Correction : créez l'étiquette sur le commit du texte signé
    (git tag <nom> <commit>, puis git push --tags), ou corrigez son nom."""),
    Code("PCT085", "revision-incoherente", "historique", """Le texte d'une révision enregistrée n'est pas celui de la version qu'elle doit garder.

    À la révision d'un avenant, avenants.yaml enregistre cet avenant (même
    numéro, même objet) et aucun avenant suivant signé ; à la révision du
    pacte d'origine, aucun avenant n'est encore signé ; le pacte de la
    révision est sans erreur.

    Correction : déplacez l'étiquette sur le bon commit
    (git tag -f <nom> <commit>), ou corrigez la révision dans avenants.yaml."""),
    Code("PCT063", "pdf-non-installe", "compilation", """Le rendu PDF n'est pas installé.

    pactc vérifie et compile en HTML sans rien d'autre ; les PDF demandent
    WeasyPrint et la bibliothèque Pango, installés par l'extension « pdf ».

    Correction : pip install "pactc[pdf]" (et Pango : voir le README pour
    Windows et macOS), ou compilez sans PDF avec pactc build --no-pdf."""),
    Code("PCT060", "ressource-refusee", "compilation", """Le rendu a voulu lire une ressource interdite.

    Seuls les fichiers du dossier du pacte et les ressources de pactc sont
    lus ; aucun accès réseau, aucun fichier ailleurs sur la machine.

    Correction : retirez la référence au fichier ou à l'adresse en cause."""),
)


for _code in STAGE_CODES:
    declare(_code)
