"""What ``pactc avenant`` does before writing files: read both versions, pick the avenant, write it."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..diff.changes import KINDS, Diff
from ..diff.compare import compare
from ..diff.versions import RevisionError, is_revision_spec, read_version
from ..model import Dossier
from .historique import unites_touchees
from .operations import Suppression
from .texte import TexteAvenant, rediger_avenant

#: Changes of the pact that no article writes: they are reported, never silently dropped.
HORS_ACTE = ("pacte", "categorie", "territoire", "jalon", "planning", "glossaire")
#: The diff's kinds of entity that are units of the act, and the prefix of their keys there.
_CLES = {"section": "partie", "partenaire": "partenaire", "engagement": "engagement", "axe": "axe",
         "instance": "instance", "signature": "signature"}


class AvenantError(Exception):
    """A user error, said in French: no signed version, several départements, unknown avenant."""


@dataclass(frozen=True)
class Prepared:
    """The avenant written, the revised dossier it amends to, and what to tell the user."""

    texte: TexteAvenant | None
    revise: Dossier | None
    notes: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


def prepare(old: str, new: str | None, numero: int | None) -> Prepared:
    """Read the two versions and write the avenant (its numero-th, else its last, in ``avenants.yaml``)."""
    if new is None and not is_revision_spec(old):
        old, new = _signed_revision(old, numero), old
    try:
        comparison = compare(old, new)
    except RevisionError as exc:
        raise AvenantError(str(exc)) from exc
    if comparison.diagnostics:
        return Prepared(None, None, (), comparison.diagnostics)
    signes = [d for (_, side), d in comparison.models.items() if side == "old"]
    revises = [d for (_, side), d in comparison.models.items() if side == "new"]
    if len(signes) != 1 or len(revises) != 1:
        raise AvenantError("un avenant modifie un seul pacte : donnez le dossier d'un département "
                           "(par exemple pactes/<département>), pas un dossier de plusieurs pactes")
    signe, revise = signes[0], revises[0]
    avenant = revise.avenants.numero(numero) if revise.avenants else None
    if numero is not None and avenant is None:
        raise AvenantError(f"avenants.yaml n'a pas d'avenant n° {numero}")
    texte = rediger_avenant(signe, revise, avenant)
    return Prepared(texte, revise, _notes(comparison.diffs, texte, avenant is None))


def _signed_revision(path: str, numero: int | None) -> str:
    version = read_version(path)
    results = [r for r in version.results.values() if r.dossier is not None]
    dossier = results[0].dossier if len(results) == 1 else None
    avenants = dossier.avenants if dossier is not None else None
    avenant = avenants.numero(numero) if avenants else None
    if avenant is None or avenant.version_signee is None:
        raise AvenantError("donnez la version signée à modifier (par exemple : pactc avenant "
                           f"pacte-signe:{path} {path}), ou indiquez-la dans avenants.yaml (version_signee)")
    return f"{avenant.version_signee}:{path}"


def _notes(diffs: list[Diff], texte: TexteAvenant, sans_donnees: bool) -> tuple[str, ...]:
    notes = [*texte.remarques,
             f"Auto-vérification : les {len(texte.operations)} opérations de l'avenant, appliquées à la version "
             f"signée, redonnent la version révisée ({texte.unites} unités comparées)."]
    hors = [c for d in diffs for c in d.changes if c.document == "pacte" and c.kind in HORS_ACTE]
    if hors:
        kinds = sorted({"métadonnées du pacte" if c.kind == "pacte" else KINDS[c.kind] for c in hors})
        notes.append(f"Attention : {len(hors)} changement(s) hors du texte des articles ({', '.join(kinds)}) ; "
                     "ils figurent au tableau comparatif (pactc diff), pas dans l'avenant.")
    ecrites = set(unites_touchees(texte.operations))
    ecrites |= {op.cle for op in texte.operations if isinstance(op, Suppression)}
    donnees = sorted({f"{KINDS[c.kind]} « {c.id} »" for d in diffs for c in d.changes
                      if c.document == "pacte" and c.kind in _CLES and f"{_CLES[c.kind]}:{c.id}" not in ecrites})
    if donnees:
        notes.append(f"Changements de données que le pacte n'imprime pas (hors avenant) : {', '.join(donnees)} ; "
                     "voir le tableau comparatif.")
    programme = sum(1 for d in diffs for c in d.changes if c.document == "programme")
    if programme:
        notes.append(f"Le programme a {programme} changement(s) : il n'est pas signé par les parties et ne relève "
                     "pas de l'avenant.")
    if sans_donnees:
        notes.append("Sans avenants.yaml, l'avenant n'a ni numéro, ni objet, ni délibération : c'est un projet.")
    return tuple(notes)
