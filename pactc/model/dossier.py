"""A dossier: a département's documents, checked and rendered together.

The pact and, when the folder has them, its programme and its avenants;
later its monitoring data. Checks take a dossier, so that each one covers
every document that has the thing it checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..load import LoadedFile
from .avenant import Avenants
from .document import Document
from .pacte import Pacte
from .programme import Programme
from .suivi import Suivi


@dataclass(frozen=True)
class Dossier:
    """A département's pact, its programme, its avenants and its monitoring data."""

    pacte: Pacte
    programme: Programme | None = None
    avenants: Avenants | None = None
    suivi: Suivi | None = None

    @property
    def slug(self) -> str:
        """The département's folder name (its output folder)."""
        return self.pacte.slug

    @property
    def source(self) -> LoadedFile:
        """The pact's file."""
        return self.pacte.source

    def documents(self) -> tuple[Document, ...]:
        """The dossier's documents: the pact, then its programme when there is one."""
        return (self.pacte,) if self.programme is None else (self.pacte, self.programme)
