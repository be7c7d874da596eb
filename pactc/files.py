"""Atomic file output: a failed build never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: bytes) -> bool:
    """Write ``content`` to ``path`` through a temporary file and a rename.

    Returns False (and leaves the file untouched) when it already holds exactly
    ``content``, so unchanged outputs keep their timestamps.
    """
    if path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp creates 0600; outputs are for everyone
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def write_all_atomic(files: dict[Path, bytes]) -> list[Path]:
    """Write several files, each atomically, only once all of them are ready in memory."""
    return [path for path, content in files.items() if write_atomic(path, content)]
