"""The pact in force on a date (« version consolidée »), from the revisions its history records.

The text in force is the text of the last version in force on that date, read
from its git revision: nothing is re-applied, so the consolidated text is, word
for word, the text the parties signed with that avenant. Each unit an avenant
changed carries a mention (« Modifié par l'avenant n° 2 du … »), computed by
comparing each version with the one before it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..diff.versions import RevisionError, read_version
from ..dossier import check_loaded
from ..load import LoadedFile
from ..model import Dossier
from ..model.frozen import thaw
from ..project import Source
from ..render.typography import date_fr
from .acte import build_acte
from .fusion import reprendre
from .historique import (
    Consolidation,
    HistoriqueError,
    VersionDuPacte,
    mentions,
    signees,
    situation,
    versions,
)


def consolider(chemin: str, date: str) -> Consolidation:
    """The pact of the département at ``chemin`` (its working copy holds the history) as in force on ``date``."""
    courant = _seul(chemin)
    toutes = versions(courant)
    etat = situation(courant, date)
    dossiers = [_texte(version, toutes, courant, chemin) for version in etat.appliquees]
    actes = [(version, build_acte(d)) for version, d in zip(etat.appliquees, dossiers, strict=True)]
    notes = dict(mentions(actes))
    reprises = _reprises(etat.appliquees, dossiers, toutes, courant, chemin, date, notes)
    en_vigueur = _fusionner(dossiers[-1], reprises) if reprises else dossiers[-1]
    return Consolidation(date, en_vigueur, etat, tuple(dossiers), toutes, notes)


def _reprises(appliquees: tuple[VersionDuPacte, ...], dossiers: list[Dossier], toutes: tuple[VersionDuPacte, ...],
              courant: Dossier, chemin: str, date: str,
              notes: dict[str, tuple[tuple[str, int], ...]]) -> list[tuple[str, Dossier]]:
    """The units whose text in force on ``date`` is another version's, and that version; ``notes`` updated.

    A change an applied avenant defers past ``date`` is not in force yet: the unit keeps the text of the
    version before that avenant. A change the next avenant brings into force early already is.
    """
    reprises: list[tuple[str, Dossier]] = []
    for k, version in enumerate(appliquees[1:], 1):
        for ids, quand in version.avenant.particulieres if version.avenant else ():
            if quand <= date:
                continue
            for ident in ids:
                plus_tard = [r for _, r in notes.get(ident, ()) if r > version.rang]
                if plus_tard:
                    raise HistoriqueError(
                        f"« {ident} » : l'avenant n° {plus_tard[0]} le modifie alors que la modification de "
                        f"l'avenant n° {version.rang} n'est pas encore en vigueur le {date_fr(date)}")
                reprises.append((ident, dossiers[k - 1]))
                notes[ident] = tuple((f"Modification par l’{_min(version.intitule)} : en vigueur le "
                                      f"{date_fr(quand)}", r) if r == version.rang else (t, r)
                                     for t, r in notes.get(ident, ()))
    suivant = next((v for v in toutes if v.rang == appliquees[-1].rang + 1), None)
    if suivant is not None and suivant.avenant is not None and suivant.date_signature \
            and suivant.date_signature <= date:
        for ids, quand in suivant.avenant.particulieres:
            if quand > date:
                continue
            texte = _texte(suivant, toutes, courant, chemin)
            for ident in ids:
                reprises.append((ident, texte))
                notes[ident] = (*notes.get(ident, ()), (f"Modifié par l’{_min(suivant.intitule)}, en vigueur le "
                                                        f"{date_fr(quand)} pour cette unité", suivant.rang))
    return reprises


def _min(intitule: str) -> str:
    return intitule[0].lower() + intitule[1:]


def _fusionner(base: Dossier, reprises: list[tuple[str, Dossier]]) -> Dossier:
    """``base`` with each unit taken from its other version, checked like any pact."""
    data = thaw(base.pacte.champs)
    for ident, source in reprises:
        try:
            reprendre(data, thaw(source.pacte.champs), ident)
        except ValueError as exc:
            raise HistoriqueError(f"entrée en vigueur particulière impossible : {exc}") from exc
    loaded = LoadedFile(base.pacte.source.path, f"{base.pacte.source.display} (version consolidée)", data)
    path = base.pacte.source.path
    result = check_loaded(Source(base.slug, path.parent, path), loaded, None, None)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if result.dossier is None or errors:
        raise HistoriqueError("le texte en vigueur, avec ses entrées en vigueur particulières, n'est pas cohérent : "
                              + " ; ".join(d.message for d in errors[:3]))
    return Dossier(result.dossier.pacte, base.programme, base.avenants)


def chronique(chemin: str) -> tuple[tuple[VersionDuPacte, ...], dict[str, tuple[tuple[str, int], ...]]]:
    """Every version of the pact, and per unit what each signed avenant changed (drafts left out)."""
    toutes, textes = textes_signes(chemin)
    actes = [(v, build_acte(d)) for v, d in textes]
    return toutes, mentions(actes)


def textes_signes(chemin: str) -> tuple[tuple[VersionDuPacte, ...], list[tuple[VersionDuPacte, Dossier]]]:
    """Every version of the pact, and the text of each signed one (read at its revision)."""
    courant = _seul(chemin)
    toutes = versions(courant)
    return toutes, [(v, _texte(v, toutes, courant, chemin)) for v in signees(toutes)]


def _seul(chemin: str) -> Dossier:
    try:
        lue = read_version(chemin)
    except RevisionError as exc:
        raise HistoriqueError(str(exc)) from exc
    resultats = list(lue.results.values())
    if len(resultats) != 1:
        raise HistoriqueError("donnez le dossier d'un seul département (par exemple pactes/<département>)")
    if resultats[0].dossier is None:
        raise HistoriqueError(f"le pacte de « {chemin} » a des erreurs : corrigez-les d'abord (pactc check)")
    return resultats[0].dossier


def _texte(version: VersionDuPacte, toutes: tuple[VersionDuPacte, ...], courant: Dossier, chemin: str) -> Dossier:
    """The dossier as ``version`` words it: read at its revision (the working copy for the latest one)."""
    if version.revision is None:
        if version == toutes[-1]:
            return courant  # the latest version, not tagged yet: the working copy holds it
        cle = "signature_initiale.revision" if version.rang == 0 else f"la révision de l'avenant n° {version.rang}"
        raise HistoriqueError(f"{version.libelle} n'a pas de révision enregistrée dans avenants.yaml ({cle}) : "
                              "sans elle, son texte ne peut pas être retrouvé")
    return _seul(f"{version.revision}:{chemin}")


# ---------------------------------------------------------------- checking the recorded revisions


def verifier_revisions(dossier: Dossier, dossier_git: Path) -> list[Diagnostic]:
    """PCT084/PCT085: each recorded revision exists, and holds the version recorded there.

    ``dossier_git`` is the département's folder, as a path inside the git repository.
    """
    fichier = dossier.avenants
    if fichier is None:
        return []
    found: list[Diagnostic] = []
    toutes = versions(dossier)
    for version in toutes:
        if version.revision is None:
            if version != toutes[-1] and (version.rang == 0 or version.date_signature):
                # Only the latest version may live in the working copy alone.
                chemin = ("signature_initiale",) if version.rang == 0 else version.avenant.chemin \
                    if version.avenant else ()
                found.append(fichier.source.diagnostic(
                    chemin, "PCT084", f"{version.libelle} n'a pas de révision enregistrée : son texte ne peut pas "
                    "être retrouvé pour la version consolidée",
                    hint="ajoutez revision: <étiquette git du texte signé> (git tag <étiquette> <commit>)",
                    severity=Severity.ERROR))
            continue
        chemin = ("signature_initiale", "revision") if version.rang == 0 else \
            (*version.avenant.chemin, "revision") if version.avenant else ()
        if not _existe(version.revision):
            found.append(fichier.source.diagnostic(
                chemin, "PCT084", f"la révision « {version.revision} » n'existe pas dans ce dépôt git",
                hint=f"créez l'étiquette sur le commit du texte signé : git tag {version.revision} <commit>",
                severity=Severity.ERROR))
            continue
        probleme = _probleme(version, dossier_git)
        if probleme:
            found.append(fichier.source.diagnostic(chemin, "PCT085", probleme, severity=Severity.ERROR))
    return found


def _existe(revision: str) -> bool:
    try:
        proc = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
                              capture_output=True)
    except OSError:
        return False
    return proc.returncode == 0


def _probleme(version: VersionDuPacte, dossier_git: Path) -> str | None:
    """Why the text at the revision is not this version's, or None when it is."""
    try:
        lue = read_version(f"{version.revision}:{dossier_git.as_posix()}")
    except RevisionError as exc:
        return f"la révision « {version.revision} » ne se lit pas : {exc}"
    resultat = next(iter(lue.results.values()))
    if resultat.dossier is None:
        return f"le pacte de la révision « {version.revision} » a des erreurs : il ne peut pas être une version signée"
    avenants = resultat.dossier.avenants.avenants if resultat.dossier.avenants else ()
    signes = [a for a in avenants if a.date_signature]
    if version.rang == 0:
        if signes:
            return (f"la révision « {version.revision} » contient déjà l'avenant n° {signes[-1].numero} signé : "
                    "ce n'est pas le pacte tel que signé à l'origine")
        return None
    assert version.avenant is not None
    la = next((a for a in avenants if a.numero == version.rang), None)
    if la is None or la.objet != version.avenant.objet:
        return (f"la révision « {version.revision} » n'enregistre pas l'avenant n° {version.rang} "
                f"(« {version.avenant.objet} ») : est-ce bien le texte qu'il rédige ?")
    if any(a.numero > version.rang and a.date_signature for a in avenants):
        return f"la révision « {version.revision} » contient déjà un avenant suivant, signé"
    return None


def empreinte(source_avenants: Path | None, aujourd_hui: str) -> str:
    """What the version in force depends on besides the files: today's place in the history, and the commits
    the recorded revisions point to (a tag moved is a different text). Empty without a history."""
    from ..load import load_file
    from ..model import build_avenants
    from ..schema import validate

    if source_avenants is None:
        return ""
    loaded = load_file(source_avenants, str(source_avenants))
    # An unreadable or invalid file has diagnostics, and then no history to fingerprint.
    if loaded.diagnostics or validate(loaded, "avenants"):
        return "invalide"
    fichier = build_avenants(loaded)
    parts = [f"{a.numero}:{(a.en_vigueur_le or '9') <= aujourd_hui}:{(a.date_signature or '9') <= aujourd_hui}"
             for a in fichier.avenants]
    for revision in [fichier.revision_initiale, *(a.revision for a in fichier.avenants)]:
        if revision:
            proc = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
                                  capture_output=True, check=False)
            parts.append(proc.stdout.decode().strip())
    return ";".join(parts)
