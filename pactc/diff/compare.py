"""Comparing two versions: read both sides, check them, diff every département they hold."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic, Severity
from ..model import Dossier
from .changes import Diff, diff_models
from .versions import RevisionError, Version, is_revision_spec, read_version


@dataclass(frozen=True)
class Comparison:
    """The diffs per département, the models they came from, and any blocking diagnostic."""

    diffs: list[Diff]
    models: dict[tuple[str, str], Dossier]
    diagnostics: tuple[Diagnostic, ...]
    date: str


def compare(old: str, new: str | None) -> Comparison:
    """Compare version ``old`` with ``new`` (default: the working copy of the same path)."""
    if new is None:
        if not is_revision_spec(old):
            raise RevisionError("donnez deux versions à comparer (ou REV:chemin pour comparer à la copie de travail)")
        new = old.split(":", 1)[1] or "."
    before, after = read_version(old), read_version(new)
    problems = tuple(d for version in (before, after) for r in version.results.values()
                     for d in r.diagnostics if d.severity is Severity.ERROR)
    if problems:
        return Comparison([], {}, problems, "1970-01-01")
    models: dict[tuple[str, str], Dossier] = {}
    for side, version in (("old", before), ("new", after)):
        for slug, result in version.results.items():
            assert result.dossier is not None
            models[(slug, side)] = result.dossier
    slugs = _pairs(before, after)
    diffs = [diff_models(models.get((a, "old")), models.get((b, "new")), old_label=before.label,
                         new_label=after.label, departement=_name(models.get((b, "new")) or models.get((a, "old"))))
             for a, b in slugs]
    dates = [d.pacte.meta.date_signature for (slug, side), d in models.items()
             if side == "new" and d.pacte.meta.date_signature]
    return Comparison(diffs, models, (), max(dates) if dates else "1970-01-01")


def _name(dossier: Dossier | None) -> str:
    """The département's name, from the pact's metadata (never the folder's name)."""
    return "" if dossier is None else dossier.pacte.meta.departement


def _pairs(before: Version, after: Version) -> list[tuple[str, str]]:
    # One pact on each side: compare them whatever their folder names (a renamed copy, a fixture).
    if len(before.results) == 1 and len(after.results) == 1:
        return [(next(iter(before.results)), next(iter(after.results)))]
    return [(slug, slug) for slug in sorted(set(before.results) | set(after.results))]
