"""A rendered document as a word-processor file: ``odt`` or ``docx``."""

from __future__ import annotations

from .blocs import blocs_du_html

FORMATS = ("odt", "docx")


def exporter(html: str, fmt: str, *, titre: str, date: str) -> bytes:
    """The ``fmt`` file of a rendered document's printable HTML."""
    blocs = blocs_du_html(html)
    if fmt == "docx":
        from .docx import ecrire_docx

        return ecrire_docx(blocs, titre=titre, date=date)
    if fmt == "odt":
        from .odt import ecrire_odt

        return ecrire_odt(blocs, titre=titre, date=date)
    raise ValueError(f"format de traitement de texte inconnu : {fmt}")
