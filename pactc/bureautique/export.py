"""A rendered document as a word-processor file: ``odt`` or ``docx``."""

from __future__ import annotations

import json

from ..model import Dossier
from .blocs import blocs_du_html

FORMATS = ("odt", "docx")


#: The name of the document property that carries the pact's partners (see :func:`partenaires_du_pacte`).
PROPRIETE = "pactc-partenaires"


def partenaires_du_pacte(dossier: Dossier) -> str:
    """The pact's categories and partners (ids, names, types) as JSON, carried by the exported file as a
    document property: a partner the text names only in prose (« les partenaires institutionnels ») comes
    back with its id when the file is imported, and ids stay stable for ``pactc diff``. Never shown."""
    pacte = dossier.pacte
    return json.dumps({"categories": [{"id": c.id, "libelle": c.libelle, "signataire": c.signataire}
                                      for c in pacte.categories],
                       "partenaires": [{"id": p.id, "nom": p.nom, "categorie": p.categorie,
                                        **({"type": p.champs["type"]} if p.champs.get("type") else {})}
                                       for p in pacte.partenaires]}, ensure_ascii=False, sort_keys=True)


def exporter(html: str, fmt: str, *, titre: str, date: str, donnees: str | None = None) -> bytes:
    """The ``fmt`` file of a rendered document's printable HTML (with ``donnees`` as its pactc property)."""
    blocs = blocs_du_html(html)
    proprietes = {PROPRIETE: donnees} if donnees else {}
    if fmt == "docx":
        from .docx import ecrire_docx

        return ecrire_docx(blocs, titre=titre, date=date, proprietes=proprietes)
    if fmt == "odt":
        from .odt import ecrire_odt

        return ecrire_odt(blocs, titre=titre, date=date, proprietes=proprietes)
    raise ValueError(f"format de traitement de texte inconnu : {fmt}")
