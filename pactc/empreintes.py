"""File digests that are not recomputed while a file's size and modification time stay the same.

A build with nothing to do must answer fast: it compares the sources and the
toolchain (templates, fonts, code) with what the last build saw. Reading and
hashing each file every time is what it would cost otherwise. A file's digest
is kept with its size and its modification time in nanoseconds; any change
of either (an edit, a ``git checkout``, a copy) makes it read again, so the
memo never vouches for content it has not hashed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .files import WriteError, write_atomic


class Empreintes:
    """A memo of file digests, stored in ``path`` (under the build folder)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.connues: dict[str, list[object]] = {}
        self.change = False
        if path is not None:
            try:
                data = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                data = {}
            if isinstance(data, dict):
                self.connues = {k: v for k, v in data.items() if isinstance(v, list) and len(v) == 3}

    def de(self, path: Path) -> str:
        """The SHA-256 of ``path``'s bytes."""
        etat = os.stat(path)
        cle = str(path.resolve())
        connue = self.connues.get(cle)
        if connue is not None and connue[0] == etat.st_size and connue[1] == etat.st_mtime_ns \
                and isinstance(connue[2], str):
            return connue[2]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        self.connues[cle] = [etat.st_size, etat.st_mtime_ns, digest]
        self.change = True
        return digest

    def enregistrer(self) -> None:
        """Keep the memo for the next build (a read-only folder only costs the next build some reading)."""
        if self.path is not None and self.change:
            try:
                write_atomic(self.path, json.dumps(self.connues, sort_keys=True).encode())
            except WriteError:
                pass
            self.change = False
