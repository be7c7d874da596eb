"""The registry of output documents: what each one applies to, which files it writes, how it renders.

Adding a document (an avenant, a bilan, an open-data package) is one module
under ``render/`` plus one entry here: the build, its cache, its progress
lines and the list of expected outputs all read this registry. Rendering
modules are imported only when a document is rendered, so ``pactc check``
never loads Jinja2 or WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import Dossier


@dataclass(frozen=True)
class Rendu:
    """A rendered document: its printable HTML (fonts from the package), its date, and other files."""

    html: str
    date: str
    #: Other files the document writes beside its HTML and PDF (name → bytes), e.g. ``pacte.json``.
    annexes: dict[str, bytes]


@dataclass(frozen=True)
class Document:
    """An output document of a dossier."""

    name: str
    #: True when the dossier has what this document needs (a programme, for the fiches book).
    applies_to: Callable[[Dossier], bool]
    #: The file names written besides ``<name>.html`` and ``<name>.pdf``, for a given dossier.
    annex_names: Callable[[Dossier], tuple[str, ...]]
    #: Renders the dossier: (dossier, font URL base, SOURCE_DATE_EPOCH date) → Rendu.
    render: Callable[[Dossier, str, str | None], Rendu]
    #: The parts of the dossier it is made from: an error in one of them holds it back, and only it.
    depend_de: tuple[str, ...] = ("pacte",)
    #: The parts without which the document does not exist (by default, all it is made from).
    requiert: tuple[str, ...] | None = None
    #: False for a document that is data, not a printable text: its HTML page only presents the files.
    imprimable: bool = True

    def files(self, dossier: Dossier, pdf: bool, bureautique: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Every file name this document writes for ``dossier``: with or without its PDF, and its
        word-processor files (``odt``, ``docx``) when asked for."""
        return (f"{self.name}.html", *self.annex_names(dossier),
                *((f"{self.name}.pdf",) if pdf and self.imprimable else ()),
                *((f"{self.name}.{fmt}" for fmt in bureautique) if self.imprimable else ()))


def _pacte(dossier: Dossier, font_base: str, epoch: str | None) -> Rendu:
    from .render.html import render_html
    from .render.resolved import resolved_json

    rendered = render_html(dossier.pacte, font_base=font_base, epoch_date=epoch)
    return Rendu(rendered.html, rendered.date, {"pacte.json": resolved_json(dossier)})


def _fiches(dossier: Dossier, font_base: str, epoch: str | None) -> Rendu:
    from .render.fiches import render_fiches

    rendered = render_fiches(dossier, font_base=font_base, epoch_date=epoch)
    return Rendu(rendered.html, rendered.date, {})


def _consolide(dossier: Dossier, font_base: str, epoch: str | None) -> Rendu:
    import datetime

    from .render.consolide import publier

    html, date, annexes = publier(dossier, font_base, epoch or datetime.date.today().isoformat())
    return Rendu(html, date, annexes)


def _pages_de_l_historique(dossier: Dossier) -> tuple[str, ...]:
    from .avenant.historique import pages_des_versions

    return ("historique.html", *pages_des_versions(dossier))


def _bilan(dossier: Dossier, font_base: str, epoch: str | None) -> Rendu:
    import datetime

    from .render.bilan import bilan_csv, render_bilan

    assert dossier.suivi is not None
    # The bilan published is the one the data ask for (the mid-term review's date), else today's.
    date = dossier.suivi.bilan_au or epoch or datetime.date.today().isoformat()
    return Rendu(render_bilan(dossier, date, font_base=font_base), date, {"bilan.csv": bilan_csv(dossier, date)})


def _donnees(dossier: Dossier, font_base: str, epoch: str | None) -> Rendu:
    from .opendata import paquet_du_dossier
    from .render.donnees import render_donnees

    files = paquet_du_dossier(dossier)
    return Rendu(render_donnees(dossier, files, font_base=font_base), "",
                 {f"donnees/{name}": data for name, data in files.items()})


def _fichiers_des_donnees(dossier: Dossier) -> tuple[str, ...]:
    from .opendata import noms_des_fichiers

    return tuple(f"donnees/{name}" for name in noms_des_fichiers())


def a_un_historique(dossier: Dossier) -> bool:
    """True when an avenant has been signed: the pact in force is then a consolidated version."""
    return dossier.avenants is not None and any(a.date_signature for a in dossier.avenants.avenants)


DOCUMENTS: tuple[Document, ...] = (
    Document("pacte", lambda dossier: True, lambda dossier: ("pacte.json",), _pacte),
    Document("fiches", lambda dossier: dossier.programme is not None, lambda dossier: (), _fiches,
             ("pacte", "pdi")),
    Document("consolide", a_un_historique, _pages_de_l_historique, _consolide, ("pacte", "avenants")),
    Document("bilan", lambda dossier: dossier.suivi is not None and dossier.programme is not None,
             lambda dossier: ("bilan.csv",), _bilan, ("pacte", "pdi", "suivi")),
    Document("donnees", lambda dossier: True, _fichiers_des_donnees, _donnees, ("pacte", "pdi", "suivi"),
             requiert=("pacte",), imprimable=False),
)


def document(name: str) -> Document:
    """The registered document called ``name``."""
    return next(d for d in DOCUMENTS if d.name == name)


def documents_for(dossier: Dossier) -> tuple[Document, ...]:
    """The documents a dossier has."""
    return tuple(d for d in DOCUMENTS if d.applies_to(dossier))


def retenus(parties: dict[str, str], presentes: set[str]) -> dict[str, str]:
    """Documents held back by parts in error (part → a file with errors): name → the file to fix.

    ``presentes`` are the parts the dossier has files for: a document is held back only if the parts
    it requires are there (a dossier without monitoring data has no bilan to hold back, but always has
    its open data, made from whichever parts it has).
    """
    return {d.name: next(parties[p] for p in d.depend_de if p in parties) for d in DOCUMENTS
            if set(d.depend_de if d.requiert is None else d.requiert) <= presentes
            and any(p in parties for p in d.depend_de)}

