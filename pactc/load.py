"""Stage 1: read a YAML file safely, with a position for every value.

The loader refuses what PyYAML's ``safe_load`` lets through: duplicate keys
(the last one silently wins there), anchors and aliases (a billion-laughs
document loads instantly, then explodes in whatever walks it), and the YAML 1.1
implicit types (``NO`` → False, ``2018-10-25`` → date, ``01`` → 1). Only
integers, floats, null and the booleans ``true``/``false`` are resolved;
everything else stays a string and the schema types it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, Severity

#: A path into the document: mapping keys and list indexes.
Path_ = tuple[str | int, ...]

#: Documents larger than this are refused before parsing.
MAX_BYTES = 5_000_000
#: Nesting deeper than this is refused (PyYAML's composer is recursive).
MAX_DEPTH = 60


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core-schema scalars only: no dates, no yes/no/on/off booleans."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])

_STR_TAG = "tag:yaml.org,2002:str"
#: Control characters (C0 but tab and line breaks, DEL, C1): never text, and dangerous in a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver):
    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


@dataclass(frozen=True)
class Position:
    """1-based line and column of a value in its file."""

    line: int
    column: int


@dataclass(frozen=True)
class LoadedFile:
    """The result of loading one file: its data, where each value is, and what went wrong.

    ``data`` is None when the file could not be read as a YAML mapping.
    """

    path: Path
    display: str
    data: dict[str, Any] | None
    positions: dict[Path_, Position] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    #: Where each mapping key itself is written (``positions`` points at values).
    keys: dict[Path_, Position] = field(default_factory=dict)

    def position(self, path: Path_) -> Position:
        """The position of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Position(1, 1))

    def diagnostic(self, path: Path_, code: str, message: str, *, hint: str | None = None,
                   severity: Severity = Severity.ERROR, at_key: bool = False) -> Diagnostic:
        """A diagnostic placed at the value found at ``path`` (or at its key, with ``at_key``)."""
        pos = self.keys[path] if at_key and path in self.keys else self.position(path)
        return Diagnostic(self.display, pos.line, pos.column, code, severity, message, hint)


class _Problem(Exception):
    def __init__(self, code: str, message: str, mark: Any, hint: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    """Load ``path``; never raises for bad content, reports it as diagnostics."""
    shown = display if display is not None else str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return _failed(path, shown, "PCT001", f"lecture impossible : {exc.strerror or exc}", 0, 0)
    return load_bytes(raw, path, shown)


def load_bytes(raw: bytes, path: Path, display: str) -> LoadedFile:
    """Load YAML from ``raw`` bytes as if read from ``path``."""
    if len(raw) > MAX_BYTES:
        return _failed(path, display, "PCT007",
                       f"fichier trop volumineux ({len(raw)} octets, au plus {MAX_BYTES}) : "
                       "découpez le pacte ou retirez les données inutiles", 0, 0)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM is how Windows editors save UTF-8: accept it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return _failed(path, display, "PCT002",
                       f"le fichier n'est pas en UTF-8 (octet 0x{raw[exc.start]:02x} illisible) : "
                       "enregistrez-le en UTF-8 dans votre éditeur", line, col)
    # CRLF files must give the same columns as LF files.
    text = text.replace("\r\n", "\n")
    try:
        data, positions, keys = _build(text)
    except _Problem as problem:
        line = problem.mark.line + 1 if problem.mark else 0
        col = problem.mark.column + 1 if problem.mark else 0
        return _failed(path, display, problem.code, problem.message, line, col, problem.hint)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        col = mark.column + 1 if mark else 0
        return _failed(path, display, "PCT001", _syntax_message(exc, text), line, col,
                       "vérifiez l'indentation (des espaces, jamais de tabulations) et les deux-points")
    except yaml.YAMLError as exc:
        return _failed(path, display, "PCT001", f"YAML illisible : {exc}", 0, 0)
    if data is None:
        return _failed(path, display, "PCT006",
                       "le fichier est vide : il doit contenir un pacte (une table de clés)", 0, 0)
    if not isinstance(data, dict):
        pos = positions[()]
        return _failed(path, display, "PCT006",
                       "le document doit être une table de clés (pacte:, partenaires:…), "
                       "pas une liste ni un texte seul", pos.line, pos.column)
    return LoadedFile(path, display, data, positions, (), keys)


def _failed(path: Path, display: str, code: str, message: str, line: int, col: int,
            hint: str | None = None) -> LoadedFile:
    diag = Diagnostic(display, line, col, code, Severity.ERROR, message, hint)
    return LoadedFile(path, display, None, {}, (diag,))


# PyYAML's most frequent complaints, in plain French.
_PROBLEMS = (
    ("mapping values are not allowed", "deux-points inattendu : un texte qui contient « : » doit être mis "
                                       "entre guillemets, ou écrit en bloc après « |- »"),
    ("could not find expected ':'", "deux-points attendu après une clé : vérifiez la ligne et l'indentation"),
    ("expected <block end>", "indentation incohérente : alignez cette ligne sur celles du même niveau"),
    ("did not find expected key", "indentation incohérente ou guillemet non fermé : vérifiez cette ligne"),
    ("did not find expected '-' indicator", "élément de liste mal aligné : alignez les tirets « - »"),
    ("found unexpected end of stream", "fin de fichier inattendue : un guillemet ou un crochet n'est pas fermé"),
    ("found unknown escape character", "séquence d'échappement inconnue entre guillemets : doublez la barre "
                                       "oblique inverse ou utilisez des apostrophes"),
    ("while scanning a quoted scalar", "guillemet non fermé"),
    ("found character that cannot start any token", "caractère inattendu en début de valeur (@, ` ou %) : "
                                                   "mettez la valeur entre guillemets"),
)


def _syntax_message(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    problem = exc.problem or exc.context or "erreur"
    mark = exc.problem_mark
    at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    if at_tab or "\\t" in problem or "tab" in problem:
        return "tabulation dans l'indentation : le YAML s'indente avec des espaces"
    if mark is not None and "quoted scalar" not in problem and "escape" not in problem:
        slip = _indentation_slip(text, mark.line)
        if slip:
            return slip
    for english, french in _PROBLEMS:
        if english in problem or english in (exc.context or ""):
            return f"syntaxe YAML invalide : {french}"
    return f"syntaxe YAML invalide ({problem})"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _indentation_slip(text: str, index: int) -> str | None:
    """« indentation : 3 espaces ici, 2 attendus » or « tiret manquant »: the slip a syntax error comes from.

    The most frequent YAML errors of editors are one space too many or too few, or a list item
    without its dash. PyYAML reports them at the next line, in words about mapping values. Here
    the lines just before the error are re-indented to the indentations already in use above them,
    and re-parsed: the first one that makes the error go away (or go further down) is the slip.
    """
    lines = text.split("\n")
    for k in range(index, max(index - 3, -1), -1):  # the error line, or one of the two before it
        if k >= len(lines) or not lines[k].strip() or lines[k].lstrip().startswith("#"):
            continue
        ici = _indent(lines[k])
        above = [ln for ln in lines[:k] if ln.strip() and not ln.lstrip().startswith("#")]
        used = sorted({_indent(ln) for ln in above} | {_indent(ln) + 2 for ln in above if ln.lstrip().startswith("- ")})
        same = [ln for ln in above if _indent(ln) == ici]
        if same and same[-1].lstrip().startswith("- ") and not lines[k].lstrip().startswith("- "):
            fixed = lines[:k] + [" " * ici + "- " + lines[k].lstrip()] + lines[k + 1:]
            if _parses_past(fixed, index):
                return (f"tiret manquant ligne {k + 1} : un nouvel élément de liste commence par « - », "
                        "comme les éléments précédents")
        # The line after the slip is usually right: its indentation is tried first, then the nearest.
        below = [ln for ln in lines[k + 1:] if ln.strip() and not ln.lstrip().startswith("#")]
        suivante = _indent(below[0]) if below else -1
        for attendu in sorted((u for u in used if u != ici), key=lambda u: (u != suivante, abs(u - ici), u)):
            fixed = lines[:k] + [" " * attendu + lines[k].lstrip(" ")] + lines[k + 1:]
            if _parses_past(fixed, index):
                pluriel = "s" if ici > 1 else ""
                return (f"indentation ligne {k + 1} : {ici} espace{pluriel} ici, {attendu} attendu"
                        f"{'s' if attendu > 1 else ''} (alignez la ligne sur celles du même niveau)")
    return None


def _parses_past(lines: list[str], index: int) -> bool:
    """True when ``lines`` parse as YAML, or fail only after line ``index``."""
    try:
        for _ in yaml.parse("\n".join(lines), Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark is not None and mark.line > index + 1
    except yaml.YAMLError:
        return False
    return True


_FastParser: Any
try:  # libyaml's parser is an order of magnitude faster; the pure-Python one gives the same events
    from yaml._yaml import CParser as _FastParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FastParser = None


def _events(text: str) -> Iterator[yaml.Event]:
    if _FastParser is not None:
        parser: Any = _FastParser(text)
    else:  # pragma: no cover
        parser = _Loader(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()


_RESOLVER = _Resolver()


def _build(text: str) -> tuple[Any, dict[Path_, Position], dict[Path_, Position]]:  # noqa: C901 — a single pass over parser events is the point (speed, positions); each branch is one event kind
    """Compose the document straight from parser events: one pass, no node objects.

    Anchors and aliases are refused as they are met, duplicate keys too, and
    every value's position is recorded under its path.
    """
    positions: dict[Path_, Position] = {}
    keys: dict[Path_, Position] = {}
    # Each open collection: [container, path, pending key (mappings), key mark].
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0

    def place(value: Any, event: yaml.Event, is_collection: bool) -> Path_:
        nonlocal root
        mark: Any = event.start_mark  # parser events always carry their marks
        if not stack:
            root = value
            path: Path_ = ()
        else:
            frame = stack[-1]
            container, parent = frame[0], frame[1]
            if isinstance(container, list):
                path = parent + (len(container),)
                container.append(value)
            elif frame[2] is None:
                if is_collection or not isinstance(value, (str, int, float, bool)) or value is None:
                    raise _Problem("PCT001", "une clé doit être un nom simple", mark)
                key = str(value)
                if key in container:
                    first = keys[parent + (key,)]
                    hint = ("s'il s'agit d'un nouvel élément de liste, commencez sa première ligne par « - » "
                            "(tiret), comme les éléments précédents" if key == "id" else None)
                    raise _Problem("PCT003", f"clé « {key} » en double (déjà définie ligne {first.line}) : "
                                   "supprimez ou fusionnez l'une des deux", mark, hint)
                frame[2], frame[3] = key, mark
                keys[parent + (key,)] = Position(mark.line + 1, mark.column + 1)
                return tuple(parent)
            else:
                key, key_mark = str(frame[2]), frame[3]
                path = parent + (key,)
                container[key] = value
                frame[2] = None
                same_line = not is_collection and mark.line == key_mark.line
                at = mark if same_line else key_mark
                positions[path] = Position(at.line + 1, at.column + 1)
                return path
        positions[path] = Position(mark.line + 1, mark.column + 1)
        return path

    for event in _events(text):
        if isinstance(event, yaml.AliasEvent):
            raise _Problem("PCT004", "les alias YAML (*nom) sont refusés : recopiez la valeur", event.start_mark)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Problem("PCT004", f"les ancres YAML (&{anchor}) sont refusées : recopiez la valeur",
                           event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Problem("PCT006", "un seul document par fichier : retirez le second « --- »",
                               event.start_mark)
        elif isinstance(event, yaml.ScalarEvent):
            explicit = bool(event.tag) and event.tag != "!"
            if explicit and event.tag != _STR_TAG:
                # An explicit type (!!int, !<tag:…>, a %TAG handle) would decide the type instead of the schema.
                raise _Problem("PCT005", f"étiquette YAML « {event.tag} » refusée : retirez-la", event.start_mark,
                               "écrivez la valeur sans étiquette ; le schéma dit de quel type elle doit être")
            tag = _STR_TAG if explicit else _RESOLVER.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit)
            if tag not in _ALLOWED_TAGS:
                raise _Problem("PCT005", f"étiquette YAML « {tag} » refusée : retirez-la", event.start_mark,
                               "les étiquettes (!!python/…, !mon-type) ne sont pas admises")
            control = _CONTROL.search(event.value)
            if control:
                raise _Problem("PCT016", f"caractère de contrôle U+{ord(control.group()):04X} dans une valeur : "
                               "retirez-le", event.start_mark,
                               "il ne s'affiche pas et peut tromper un terminal ou un relecteur")
            place(_scalar_value(tag, event.value, event.start_mark), event, False)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.tag and event.tag not in _ALLOWED_TAGS and event.tag != "!":
                raise _Problem("PCT005", f"étiquette YAML « {event.tag} » refusée : retirez-la", event.start_mark,
                               "les étiquettes (!!python/…, !mon-type) ne sont pas admises")
            if len(stack) >= MAX_DEPTH:
                raise _Problem("PCT007", f"imbrication trop profonde (au plus {MAX_DEPTH} niveaux)",
                               event.start_mark)
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            path = place(container, event, True)
            stack.append([container, path, None, None])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
    return root, positions, keys


#: Numbers have at most this many digits: every real figure of a pact fits, and no conversion can blow up.
MAX_DIGITS = 15


def _scalar_value(tag: str, value: str, mark: Any) -> Any:
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value == "true"
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        digits = sum(c.isdigit() for c in value)
        if digits > MAX_DIGITS:
            raise _Problem("PCT009", f"nombre de {digits} chiffres : au plus {MAX_DIGITS}", mark,
                           "un nombre plus long n'est pas un montant ou une année ; entre guillemets, c'est un texte")
        number = int(value) if tag == "tag:yaml.org,2002:int" else float(value)
        if number != number or number in (float("inf"), float("-inf")):
            raise _Problem("PCT009", f"nombre non fini « {value} » : écrivez un nombre", mark)
        return number
    return value
