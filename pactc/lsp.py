"""``pactc lsp``: the Language Server Protocol server, over stdio, built on pygls.

Diagnostics are pactc's own (French, with code, position and hint), for the
whole dossier of the file being edited, published after a short pause in
typing. References by id (partners, axes, territories, categories) get
completion with names, hover, go to definition, find references and rename;
the outline shows parts, partners and axes with their computed numbers; code
actions apply « vouliez-vous dire » and add a missing acronym to the glossary.
No PDF stack is needed.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from . import __version__
from .diagnostics import Diagnostic, Severity
from .editeur import Analyse, Lieu, analyser, dossier_de, est_un_id, genre_attendu, mot_a, position_lsp
from .model import Noeud, Section

#: The pause in typing after which a dossier is checked again (seconds).
DELAI = 0.25
_SEVERITES = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
              Severity.NOTE: lsp.DiagnosticSeverity.Information}
_SUGGESTION = re.compile(r"vouliez-vous dire « ([^»]+) »")
_SIGLE = re.compile(r"sigle « ([^»]+) » absent du glossaire")
_SIGNATAIRE = re.compile(r"le partenaire signataire « ([^»]+) » ne signe pas")


def chemin(uri: str) -> Path:
    """The file of a ``file://`` URI."""
    return Path(unquote(urlparse(uri).path)).resolve()


class Serveur(LanguageServer):
    """The language server, with the editor's buffers and a pending check per dossier."""

    def __init__(self) -> None:
        super().__init__("pactc", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.buffers: dict[Path, str] = {}
        self.en_attente: dict[Path, asyncio.Task[None]] = {}
        self.publies: dict[Path, set[Path]] = {}

    def analyse(self, path: Path) -> Analyse | None:
        """The dossier of ``path``, checked with the editor's buffers."""
        return analyser(path, self.buffers)

    def sous_le_curseur(self, uri: str, position: lsp.Position) -> tuple[Analyse, tuple[str, str]] | None:
        """The checked dossier of ``uri``, and the reference (kind, id) at ``position``, if there is one."""
        path = chemin(uri)
        analyse = self.analyse(path)
        found = analyse.a(path, position.line, position.character) if analyse else None
        return (analyse, found) if analyse is not None and found is not None else None

    def plus_tard(self, path: Path) -> None:
        """Check the dossier of ``path`` after a pause in typing (a newer change cancels this one)."""
        dossier = dossier_de(path) or path.parent
        pending = self.en_attente.get(dossier)
        if pending is not None:
            pending.cancel()
        self.en_attente[dossier] = asyncio.get_event_loop().create_task(self._publier(path, dossier))

    async def _publier(self, path: Path, dossier: Path) -> None:
        await asyncio.sleep(DELAI)
        analyse = await asyncio.get_event_loop().run_in_executor(None, self.analyse, path)
        fichiers = set(analyse.fichiers) if analyse else {path}
        for fichier in fichiers | self.publies.get(dossier, set()):
            diagnostics = [_diagnostic(d, analyse) for d in analyse.diagnostics_de(fichier)] if analyse else []
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=fichier.as_uri(), diagnostics=diagnostics))
        self.publies[dossier] = fichiers


def _diagnostic(d: Diagnostic, analyse: Analyse) -> lsp.Diagnostic:
    pos = position_lsp(d)
    end = pos.column + 1
    for path, text in analyse.textes.items():
        if analyse.fichiers[path].display == d.file:
            lines = text.split("\n")
            if pos.line < len(lines):
                word = re.match(r"[^\s,\]\}]+", lines[pos.line][pos.column:])
                end = pos.column + (len(word.group(0)) if word else 1)
    message = d.message + (f"\naide : {d.hint}" if d.hint else "")
    return lsp.Diagnostic(range=lsp.Range(start=lsp.Position(line=pos.line, character=pos.column),
                                          end=lsp.Position(line=pos.line, character=end)),
                          message=message, severity=_SEVERITES[d.severity], code=d.code, source="pactc")


def _range(lieu: Lieu) -> lsp.Range:
    return lsp.Range(start=lsp.Position(line=lieu.line, character=lieu.start),
                     end=lsp.Position(line=lieu.line, character=lieu.end))


def serveur() -> Serveur:  # noqa: C901 — one nested handler per protocol feature, registered on one server
    """The server with every feature registered."""
    ls = Serveur()

    @ls.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def ouvert(server: Serveur, params: lsp.DidOpenTextDocumentParams) -> None:
        path = chemin(params.text_document.uri)
        server.buffers[path] = params.text_document.text
        server.plus_tard(path)

    @ls.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def modifie(server: Serveur, params: lsp.DidChangeTextDocumentParams) -> None:
        path = chemin(params.text_document.uri)
        for change in params.content_changes:
            if isinstance(change, lsp.TextDocumentContentChangeWholeDocument):
                server.buffers[path] = change.text
        server.plus_tard(path)

    @ls.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    async def ferme(server: Serveur, params: lsp.DidCloseTextDocumentParams) -> None:
        path = chemin(params.text_document.uri)
        server.buffers.pop(path, None)
        server.plus_tard(path)

    @ls.feature(lsp.TEXT_DOCUMENT_COMPLETION)
    def completion(server: Serveur, params: lsp.CompletionParams) -> lsp.CompletionList:
        path = chemin(params.text_document.uri)
        text = server.buffers.get(path, "")
        genre = genre_attendu(text, params.position.line)
        analyse = server.analyse(path) if genre else None
        if analyse is None or genre is None:
            return lsp.CompletionList(is_incomplete=False, items=[])
        mot, debut = mot_a(text, params.position.line, params.position.character)
        zone = lsp.Range(start=lsp.Position(line=params.position.line, character=debut), end=params.position)
        items = [lsp.CompletionItem(label=c.ident, detail=c.libelle, kind=lsp.CompletionItemKind.Reference,
                                    text_edit=lsp.TextEdit(range=zone, new_text=c.ident))
                 for c, _ in analyse.definitions if c.genre == genre and c.ident.startswith(mot)]
        return lsp.CompletionList(is_incomplete=False, items=items)

    @ls.feature(lsp.TEXT_DOCUMENT_HOVER)
    def survol(server: Serveur, params: lsp.HoverParams) -> lsp.Hover | None:
        here = server.sous_le_curseur(params.text_document.uri, params.position)
        cible = here[0].cible(*here[1]) if here else None
        if cible is None:
            return None
        c, _ = cible
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown,
                                                    value=f"**{c.libelle}**\n\n{c.genre} « {c.ident} »"))

    @ls.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(server: Serveur, params: lsp.DefinitionParams) -> lsp.Location | None:
        here = server.sous_le_curseur(params.text_document.uri, params.position)
        cible = here[0].cible(*here[1]) if here else None
        if cible is None:
            return None
        return lsp.Location(uri=cible[1].path.as_uri(), range=_range(cible[1]))

    @ls.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def references(server: Serveur, params: lsp.ReferenceParams) -> list[lsp.Location]:
        here = server.sous_le_curseur(params.text_document.uri, params.position)
        if here is None:
            return []
        analyse, found = here
        lieux = analyse.usages_de(*found)
        cible = analyse.cible(*found)
        if params.context.include_declaration and cible is not None:
            lieux = [cible[1], *lieux]
        return [lsp.Location(uri=lieu.path.as_uri(), range=_range(lieu)) for lieu in lieux]

    @ls.feature(lsp.TEXT_DOCUMENT_RENAME)
    def renommer(server: Serveur, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
        if not est_un_id(params.new_name):
            raise ValueError(f"« {params.new_name} » n'est pas un identifiant : minuscules sans accent, chiffres "
                             "et tirets")
        here = server.sous_le_curseur(params.text_document.uri, params.position)
        if here is None:
            return None
        analyse, found = here
        cible = analyse.cible(*found)
        lieux = ([cible[1]] if cible else []) + analyse.usages_de(*found)
        changes: dict[str, list[lsp.TextEdit]] = {}
        for lieu in lieux:
            changes.setdefault(lieu.path.as_uri(), []).append(lsp.TextEdit(range=_range(lieu),
                                                                           new_text=params.new_name))
        return lsp.WorkspaceEdit(changes=changes)

    @ls.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symboles(server: Serveur, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        path = chemin(params.text_document.uri)
        analyse = server.analyse(path)
        if analyse is None or analyse.resultat.dossier is None:
            return []
        return _symboles(analyse, path)

    @ls.feature(lsp.TEXT_DOCUMENT_CODE_ACTION)
    def actions(server: Serveur, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        path = chemin(params.text_document.uri)
        return _actions(params, path, server.buffers.get(path, ""))

    return ls


def _symboles(analyse: Analyse, path: Path) -> list[lsp.DocumentSymbol]:
    dossier = analyse.resultat.dossier
    assert dossier is not None
    document = next((d for d in dossier.documents() if d.source.path == path), None)
    if document is None:
        return []
    source = document.source

    def symbole(nom: str, chemin_: tuple[str | int, ...], kind: lsp.SymbolKind,
                enfants: list[lsp.DocumentSymbol]) -> lsp.DocumentSymbol:
        pos = source.position(chemin_)
        here = lsp.Range(start=lsp.Position(line=max(pos.line - 1, 0), character=max(pos.column - 1, 0)),
                         end=lsp.Position(line=max(pos.line - 1, 0), character=max(pos.column - 1, 0)))
        return lsp.DocumentSymbol(name=nom, kind=kind, range=here, selection_range=here, children=enfants)

    def partie(s: Section) -> lsp.DocumentSymbol:
        return symbole(f"{s.numero}. {s.titre}" if s.numero else s.titre, s.chemin, lsp.SymbolKind.Namespace,
                       [partie(x) for x in s.sections])

    def noeud(n: Noeud) -> lsp.DocumentSymbol:
        return symbole(f"{n.libelle} — {n.titre}" if n.libelle else n.titre, n.chemin, lsp.SymbolKind.Class,
                       [noeud(x) for x in n.enfants])

    result = [partie(s) for s in document.sections]
    if document is dossier.pacte:
        result += [symbole(p.nom, p.chemin, lsp.SymbolKind.Object, []) for p in dossier.pacte.partenaires]
    result += [noeud(n) for n in document.axes]
    if dossier.programme is not None and document is dossier.programme:
        result += [symbole(f"{f.libelle} — {f.titre}", f.chemin, lsp.SymbolKind.Function, [])
                   for f in dossier.programme.fiches]
    return result


def _actions(params: lsp.CodeActionParams, path: Path, text: str) -> list[lsp.CodeAction]:
    """« Vouliez-vous dire » applied, and a missing acronym added to the glossary."""
    result = []
    uri = params.text_document.uri
    for d in params.context.diagnostics:
        message = d.message or ""
        proposition = _SUGGESTION.search(message)
        if proposition:
            edit = lsp.TextEdit(range=d.range, new_text=proposition.group(1))
            result.append(lsp.CodeAction(title=f"Remplacer par « {proposition.group(1)} »",
                                         kind=lsp.CodeActionKind.QuickFix, diagnostics=[d], is_preferred=True,
                                         edit=lsp.WorkspaceEdit(changes={uri: [edit]})))
        sigle = _SIGLE.search(message)
        if sigle:
            entree = f"  - sigle: {sigle.group(1)}\n    definition: À compléter d'après le texte signé\n"
            result.append(lsp.CodeAction(title=f"Ajouter « {sigle.group(1)} » au glossaire",
                                         kind=lsp.CodeActionKind.QuickFix, diagnostics=[d],
                                         edit=lsp.WorkspaceEdit(changes={uri: [_a_la_fin_de(text, "glossaire",
                                                                                            entree)]})))
        signataire = _SIGNATAIRE.search(message)
        if signataire:
            entree = f"  - partenaire: {signataire.group(1)}\n    qualite: À compléter d'après le texte signé\n"
            result.append(lsp.CodeAction(title=f"Ajouter la signature de « {signataire.group(1)} »",
                                         kind=lsp.CodeActionKind.QuickFix, diagnostics=[d],
                                         edit=lsp.WorkspaceEdit(changes={uri: [_a_la_fin_de(text, "signatures",
                                                                                            entree)]})))
    return result


def _a_la_fin_de(text: str, cle: str, entree: str) -> lsp.TextEdit:
    """``entree`` at the end of the top-level list ``cle:`` (created at the end of the file when absent)."""
    lines = text.split("\n")
    start = next((k for k, line in enumerate(lines) if line.startswith(f"{cle}:")), None)
    if start is None:
        end = len(lines)
        prefix = "" if text.endswith("\n") or not text else "\n"
        at = lsp.Position(line=end, character=0)
        return lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=f"{prefix}{cle}:\n{entree}")
    # Just after the block's last line (blank lines after it belong to what follows).
    last = start
    for k in range(start + 1, len(lines)):
        if not lines[k].strip():
            continue
        if not lines[k].startswith((" ", "-")):
            break
        last = k
    at = lsp.Position(line=last + 1, character=0)
    return lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=entree)


def main(*_: Any) -> None:
    """Serve over stdio until the client exits."""
    serveur().start_io()
