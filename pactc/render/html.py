"""Stage 5: render a pact to a standalone, accessible HTML page (Jinja2)."""

from __future__ import annotations

import hashlib
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache
from markupsafe import Markup, escape

from .. import __version__
from ..model import Pacte
from ..resources import shipped_path
from .labels import PARTS
from .markdown import Abbreviations, block, inline
from .outline import build_outline, part_anchor, places_signatures, signature_pages
from .typography import date_fr, french


@dataclass(frozen=True)
class Rendered:
    """A rendered HTML document and the date stamped in its metadata."""

    html: str
    date: str


#: The glossary of the document being rendered (the Markdown filters read it).
_ABBREVIATIONS: ContextVar[Abbreviations | None] = ContextVar("abbreviations", default=None)


def _md(text: str) -> Markup:
    return Markup(block(text, _ABBREVIATIONS.get()))


def _mdi(text: str) -> Markup:
    return Markup(inline(text, _ABBREVIATIONS.get()))


def _mdx(text: str) -> Markup:
    # Inline unless the text has several paragraphs (list items, engagements).
    return _md(text) if "\n\n" in text.strip() else _mdi(text)


def render_template(name: str, abbreviations: Abbreviations, **context: object) -> str:
    """Render template ``name`` with ``abbreviations`` as the glossary of its Markdown."""
    token = _ABBREVIATIONS.set(abbreviations)
    try:
        return environment().get_template(name).render(**context).lstrip()
    finally:
        _ABBREVIATIONS.reset(token)


class _CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, which never fails a build: an entry it cannot write is skipped."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only or full temporary folder: the template is compiled again next time


def _compiled_templates() -> BytecodeCache | None:
    """Compiled templates kept between runs: compiling them takes 0.15 s, loading them 4 ms.

    Jinja keeps them in a folder of the user's own in the temporary directory
    (it checks the owner and the permissions), and checks each against its
    template's source, its own version and Python's. The names carry pactc's
    version and this module (the environment's settings shape the compiled
    code): a cache written by another pactc is never read.
    """
    settings = hashlib.sha256(f"{__version__}\0{Path(__file__).read_text('utf-8')}".encode()).hexdigest()[:16]
    try:
        return _CompiledTemplates(pattern=f"pactc-{settings}-%s.cache")
    except (OSError, RuntimeError):  # no safe temporary folder: compile every time
        return None


@cache
def environment() -> Environment:
    """The Jinja2 environment: autoescaped, strict about undefined names."""
    env = Environment(
        loader=FileSystemLoader(str(shipped_path("templates"))),
        autoescape=select_autoescape(["html", "xml", "j2"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_compiled_templates(),
    )
    env.filters["md"] = _md
    env.filters["mdi"] = _mdi
    env.filters["mdx"] = _mdx
    env.filters["fr"] = lambda text: escape(french(text))
    env.filters["date_fr"] = date_fr
    env.filters["euros"] = euros
    env.filters["kind"] = lambda obj: type(obj).__name__.lower()
    env.filters["signature_pages"] = signature_pages
    env.tests["place_signatures"] = places_signatures
    env.globals["PARTS"] = PARTS
    env.globals["generator"] = f"pactc {__version__}"
    env.globals["part_anchor"] = part_anchor
    # Only a consolidated version has mentions; every other page renders the same macros without.
    env.globals["mentions"] = {}
    env.globals["consolidee"] = None
    return env


def euros(amount: float) -> Markup:
    """« 12 500 € »: thin no-break spaces between thousands and before the sign."""
    try:
        text = f"{amount:,.0f}".replace(",", "\u202f")
    except (OverflowError, ValueError):  # the schema bounds amounts; never crash a build on one
        text = str(amount)
    return Markup(escape(text) + "\u202f€")


def stylesheet(font_base: str) -> str:
    """The print stylesheet with fonts loaded from ``font_base``."""
    css = (shipped_path("templates") / "pacte.css").read_text("utf-8")
    return css.replace("{{FONTS}}", font_base)


def document_date(pacte: Pacte, epoch_date: str | None) -> str:
    """The date stamped in the document: the signature date, else SOURCE_DATE_EPOCH, else the period start."""
    if pacte.meta.date_signature:
        return pacte.meta.date_signature
    if epoch_date:
        return epoch_date
    return f"{pacte.meta.debut}-01-01"


@dataclass(frozen=True)
class VueConsolidee:
    """What a consolidated version adds to the pact's page: its date, the mentions, the table of versions.

    ``mentions`` maps an entity id to « Modifié par l'avenant n° 2 du … » lines; ``liens`` an avenant's
    mention to the page of that avenant; ``versions`` gives the annex rows (label, object, signed,
    in force, status).
    """

    date: str
    mentions: dict[str, tuple[tuple[str, str], ...]]
    versions: tuple[tuple[str, str, str, str, str], ...]
    a_venir: tuple[str, ...] = ()


def render_html(pacte: Pacte, *, font_base: str, epoch_date: str | None = None,
                consolidee: VueConsolidee | None = None) -> Rendered:
    """The pact as one HTML page. ``font_base`` is where the page finds the vendored fonts.

    With ``consolidee``, the page is the version in force on its date: the cover says so, each
    unit an avenant changed carries its mention, and an annex lists the versions.
    """
    date = consolidee.date if consolidee else document_date(pacte, epoch_date)
    abbreviations = Abbreviations({g.sigle: g.definition for g in pacte.glossaire})
    html = render_template("pacte.html.j2", abbreviations,
        pacte=pacte,
        doc=pacte,
        meta=pacte.meta,
        outline=build_outline(pacte),
        partenaires=pacte.partenaires_par_id,
        noeuds=pacte.noeuds_par_id,
        territoires=pacte.territoires_par_id,
        css=Markup(stylesheet(font_base)),
        date=date,
        consolidee=consolidee,
        mentions=consolidee.mentions if consolidee else {},
    )
    # The macros defined above the page leave blank lines: render_template strips them.
    return Rendered(html, date)


def content_id(*parts: bytes) -> bytes:
    """A stable identifier derived from content (for the PDF /ID)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.hexdigest()[:32].encode("ascii")
