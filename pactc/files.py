"""Atomic file output: a failed build never leaves a half-written file, nor half a document's files.

Environment failures (disk full, read-only folder, a file where a folder should
be) are :class:`WriteError`: the build reports them as a diagnostic naming the
path, in French, never as an internal error.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

#: What the usual environment failures mean, in French.
_REASONS = {
    errno.ENOSPC: "le disque est plein",
    errno.EDQUOT: "le quota de disque est atteint",
    errno.EROFS: "le système de fichiers est en lecture seule",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
    errno.EEXIST: "un fichier porte déjà ce nom là où un dossier est attendu",
    errno.ENAMETOOLONG: "le chemin est trop long",
}


class WriteError(Exception):
    """A file could not be written: where, and why in French."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        self.reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
        super().__init__(f"écriture impossible de « {path} » : {self.reason}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _unchanged(path: Path, content: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def write_atomic(path: Path, content: bytes) -> bool:
    """Write ``content`` to ``path`` through a temporary file and a rename.

    Returns False (and leaves the file untouched) when it already holds exactly
    ``content``, so unchanged outputs keep their timestamps.
    """
    return bool(write_all_atomic({path: content}))


def write_all_atomic(files: dict[Path, bytes]) -> list[Path]:
    """Write several files in two phases: every temporary file first, then the renames.

    If any temporary file cannot be written (disk full…), none of the files is
    touched: a document never ends up with half of its files new.
    """
    staged: list[tuple[str, Path]] = []
    current = Path()
    try:
        for path, content in files.items():
            current = path
            if _unchanged(path, content):
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            # The writer's process id is in the name: another build can tell a live write from an abandoned one.
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                                 dir=path.parent)
            staged.append((temporary, path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp creates 0600; outputs are for everyone
        for temporary, path in staged:
            current = path
            os.replace(temporary, path)
    except OSError as exc:
        _discard(staged)
        raise WriteError(current, exc) from exc
    except BaseException:
        _discard(staged)
        raise
    return [path for _, path in staged]


def abandoned(temporary: Path) -> bool:
    """True when the process that wrote ``temporary`` is gone (killed): its file will never be renamed."""
    parts = temporary.name.split(".")
    pid = next((int(p) for p in reversed(parts[:-2]) if p.isdigit()), None)
    if pid is None:
        return True  # written by an older pactc: no owner to wait for
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, but another user's
        return False
    return False


def _discard(staged: list[tuple[str, Path]]) -> None:
    for temporary, _ in staged:
        Path(temporary).unlink(missing_ok=True)
