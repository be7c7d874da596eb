"""Reading a version of a pact: from a folder, a file, or a git revision (``REV:path``)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..dossier import CheckResult, check_loaded, check_source
from ..load import load_bytes
from ..project import AVENANTS_FILE, DEFAULT_ROOT, PACT_FILE, PDI_FILE, Source, discover


class RevisionError(Exception):
    """A version could not be read (unknown revision, no pact at that path)."""


@dataclass(frozen=True)
class Version:
    """One side of a comparison: its label and the checked pacts it holds, by département."""

    label: str
    results: dict[str, CheckResult]


def is_revision_spec(spec: str) -> bool:
    """True for ``REV:path`` (and not for an existing path, nor a Windows drive like ``C:\\``)."""
    if Path(spec).exists() or ":" not in spec:
        return False
    rev = spec.split(":", 1)[0]
    return bool(rev) and not (len(rev) == 1 and rev.isalpha())


def _git(*args: str, binary: bool = False) -> bytes:
    try:
        proc = subprocess.run(["git", *args], capture_output=True)
    except OSError as exc:
        raise RevisionError("git est introuvable : installez-le pour comparer des révisions") from exc
    if proc.returncode != 0:
        raise RevisionError("git a refusé la commande : ce dossier est-il un dépôt git ?")
    return proc.stdout


def _revision(rev: str) -> None:
    """Refuse an unknown revision with a French message (never git's own words)."""
    proc = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], capture_output=True)
    if proc.returncode != 0:
        raise RevisionError(f"révision « {rev} » inconnue : donnez un commit, une branche ou une étiquette "
                            "(par exemple HEAD~1 ou origin/main), ou le chemin d'un dossier de pactes")


def _existe(rev: str) -> bool:
    """True when ``rev`` names a commit in the current repository."""
    try:
        proc = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], capture_output=True)
    except OSError:
        return False
    return proc.returncode == 0


def _toplevel() -> Path:
    return Path(_git("rev-parse", "--show-toplevel").decode().strip())


def _repo_path(path: str) -> PurePosixPath:
    """``path`` (relative to the working directory) as a path from the repository root."""
    absolute = (Path.cwd() / path).resolve()
    try:
        return PurePosixPath(absolute.relative_to(_toplevel().resolve()).as_posix())
    except ValueError as exc:
        raise RevisionError(f"« {path} » n'est pas dans le dépôt git") from exc


def _show(rev: str, path: PurePosixPath) -> bytes | None:
    proc = subprocess.run(["git", "show", f"{rev}:{path.as_posix()}"], capture_output=True)
    return proc.stdout if proc.returncode == 0 else None


def _from_revision(rev: str, folder: PurePosixPath) -> CheckResult | None:
    if folder.name == PACT_FILE:
        folder = folder.parent
    raw = _show(rev, folder / PACT_FILE)
    if raw is None:
        return None
    display = f"{rev}:{folder / PACT_FILE}"
    source = Source(folder.name, Path(folder.as_posix()), Path(folder.as_posix()) / PACT_FILE)
    pdi, avenants = (None if (data := _show(rev, folder / name)) is None
                     else load_bytes(data, source.folder / name, f"{rev}:{folder / name}")
                     for name in (PDI_FILE, AVENANTS_FILE))
    return check_loaded(source, load_bytes(raw, source.pacte, display), pdi, avenants)


def read_version(spec: str) -> Version:
    """The pacts named by ``spec``: a path, ``REV:path``, or a bare revision (every département)."""
    if is_revision_spec(spec):
        rev, path = spec.split(":", 1)
        _revision(rev)
        result = _from_revision(rev, _repo_path(path or "."))
        if result is None:
            raise RevisionError(f"aucun pacte à « {path} » dans la révision {rev}")
        return Version(spec, {result.source.slug: result})
    if Path(spec).exists():
        sources, problems = discover((spec,))
        if problems or not sources:
            raise RevisionError(f"aucun pacte à « {spec} »")
        return Version(spec, {s.slug: check_source(s) for s in sources})
    # A bare revision: every département under pactes/ in that revision. A name with « / » may be a
    # branch (origin/main, feature/x): git decides, and only then is it said to be a missing path.
    if ("/" in spec or "\\" in spec or spec.endswith((".yaml", ".yml"))) and not _existe(spec):
        raise RevisionError(f"« {spec} » n'existe pas : donnez le chemin d'un pacte, d'un dossier de pactes, "
                            "ou une révision git")
    _revision(spec)
    root = _repo_path(str(DEFAULT_ROOT))
    proc = subprocess.run(["git", "ls-tree", "--name-only", f"{spec}:{root.as_posix()}"], capture_output=True)
    # A revision before the first pact (the first pull request of a new repository) holds no département.
    listing = proc.stdout.decode().split() if proc.returncode == 0 else []
    results = {}
    for name in sorted(listing):
        result = _from_revision(spec, root / name)
        if result is not None:
            results[name] = result
    return Version(spec, results)
