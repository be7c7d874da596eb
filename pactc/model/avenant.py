"""The avenants of a pact: the data of each amending act (``avenants.yaml``).

The articles of an avenant are not data: pactc writes them from the signed and
revised versions (:mod:`pactc.avenant`). What the file holds is what only the
département knows: the avenant's number and object, the délibérations that
authorise it, where and when it is signed, when it comes into force.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..load import LoadedFile, Path_
from .frozen import Champs, freeze


@dataclass(frozen=True)
class Deliberation:
    """A délibération cited in the visas."""

    instance: str
    date: str
    numero: str | None
    chemin: Path_


@dataclass(frozen=True)
class Avenant:
    """One amending act's own data."""

    numero: int
    objet: str
    version_signee: str | None
    deliberations: tuple[Deliberation, ...]
    lieu_signature: str | None
    date_signature: str | None
    exemplaires: int | None
    entree_en_vigueur: str | None
    chemin: Path_
    #: The git revision that holds the pact as this avenant words it.
    revision: str | None = None
    effet_retroactif: bool = False
    #: Units whose change comes into force on another date: ((ids…), date).
    particulieres: tuple[tuple[tuple[str, ...], str], ...] = ()

    @property
    def est_un_projet(self) -> bool:
        """True until the avenant has a signing date."""
        return self.date_signature is None

    @property
    def en_vigueur_le(self) -> str | None:
        """When it comes into force: the stated date, else its signature (None for a draft)."""
        return self.entree_en_vigueur or self.date_signature


@dataclass(frozen=True)
class Avenants:
    """The file of a pact's avenants."""

    source: LoadedFile
    avenants: tuple[Avenant, ...]
    #: The git revision that holds the pact as first signed.
    revision_initiale: str | None = None

    def numero(self, numero: int | None) -> Avenant | None:
        """Avenant ``numero``, or the last one when ``numero`` is None."""
        if numero is None:
            return self.avenants[-1] if self.avenants else None
        return next((a for a in self.avenants if a.numero == numero), None)


def build_avenants(loaded: LoadedFile) -> Avenants:
    """The avenants of a schema-valid ``avenants.yaml``."""
    assert loaded.data is not None
    data: Champs = freeze(loaded.data)
    initiale = data.get("signature_initiale", {})
    return Avenants(loaded, tuple(_avenant(a, ("avenants", i)) for i, a in enumerate(data["avenants"])),
                    initiale.get("revision"))


def _avenant(a: Champs, chemin: Path_) -> Avenant:
    signature = a.get("signature", {})
    return Avenant(
        a["numero"], a["objet"], a.get("version_signee"),
        tuple(Deliberation(d["instance"], d["date"], d.get("numero"), chemin + ("deliberations", j))
              for j, d in enumerate(a.get("deliberations", ()))),
        signature.get("lieu"), signature.get("date"), signature.get("exemplaires"), a.get("entree_en_vigueur"),
        chemin, a.get("revision"), a.get("effet_retroactif", False),
        tuple((tuple(p["unites"]), p["date"]) for p in a.get("entrees_en_vigueur_particulieres", ())))
