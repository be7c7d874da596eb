"""The build: check every pact, then render and write its documents, in parallel and only when needed.

Each document (a pact, a fiches book) is laid out in a worker process. A
content-hash cache under ``build/`` remembers, per département, the hash of
its sources, the templates, the assets and the pactc version: a no-op
rebuild renders nothing, editing one pact rebuilds only its own outputs, a
changed template rebuilds everything.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import __version__
from .diagnostics import Diagnostic, Severity, has_errors
from .empreintes import Empreintes
from .files import WriteError, abandoned, write_all_atomic, write_atomic
from .project import Source, discover, display_path
from .resources import fonts_uri, shipped_path

if TYPE_CHECKING:
    # The model, the checks and the renderers are imported when a dossier is checked or rendered:
    # a build with nothing to do (the preview's « à jour », CI's second step) never loads them.
    from .documents import Document
    from .model import Dossier

ASSETS_DIR = "_assets"
CACHE_FILE = ".pactc-cache.json"
#: Called with (document, status) as the build goes: « en cours », « écrit », « à jour », « en erreur ».
Progress = Callable[[str, str], None]


@dataclass(frozen=True)
class BuildResult:
    """Every diagnostic of the build, the files written, the documents rendered, and whether it failed."""

    diagnostics: tuple[Diagnostic, ...]
    written: tuple[Path, ...]
    failed: bool
    rendered: tuple[str, ...] = ()
    #: Documents held back by errors in the files they are made from: (« <département>/fiches », file to fix).
    not_built: tuple[tuple[str, str], ...] = ()


def pdf_available() -> bool:
    """True when WeasyPrint (the ``pdf`` extra) can be imported, Pango included."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def _sans_pdf() -> Diagnostic:
    return Diagnostic("pactc", 0, 0, "PCT063", Severity.ERROR,
                      "le rendu PDF demande l'extension pdf de pactc, qui n'est pas installée",
                      "installez-la (pip install \"pactc[pdf]\", et Pango : voir le README), ou "
                      "compilez sans PDF : pactc build --no-pdf")


def epoch_date() -> str | None:
    """SOURCE_DATE_EPOCH as AAAA-MM-JJ, when set (reproducible builds)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC).date().isoformat()


EMPREINTES_FILE = ".pactc-empreintes.json"


class _Memo:
    """The digests of the build under way, kept in its output folder (see :mod:`pactc.empreintes`)."""

    courantes = Empreintes(None)


def toolchain_hash() -> str:
    """What every output depends on besides its sources: pactc, its templates and its assets."""
    digest = hashlib.sha256(__version__.encode())
    for folder in ("templates", "assets", "schemas"):
        root = shipped_path(folder)
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix != ".pyc":
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(_Memo.courantes.de(path).encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(_Memo.courantes.de(path).encode())
    return digest.hexdigest()


def source_hash(source: Source, pdf: bool, strict: bool = False, bureautique: tuple[str, ...] = (),
                toolchain: str | None = None) -> str:
    """The cache key of one département: its files, the toolchain, and the options that change outputs."""
    digest = hashlib.sha256((toolchain or toolchain_hash()).encode())
    digest.update(f"pdf={pdf};strict={strict};epoch={epoch_date()};formats={','.join(bureautique)}".encode())
    # Every file of the dossier: an avenants.yaml brings its own diagnostics.
    for path in (source.pacte, source.pdi, source.avenants):
        if path is not None:
            digest.update(path.name.encode())
            digest.update(_Memo.courantes.de(path).encode())
    if source.suivi is not None:
        # Monitoring files; and the bilan (and its staleness checks) depend on the day when no date is set.
        for path in sorted(source.suivi.parent.glob("*.*")):
            digest.update(path.name.encode())
            digest.update(_Memo.courantes.de(path).encode())
        digest.update((epoch_date() or date.today().isoformat()).encode())
    if source.avenants is not None:
        # The version in force also depends on the date and on the commits the revisions name.
        from .avenant.consolidation import empreinte

        digest.update(empreinte(source.avenants, epoch_date() or date.today().isoformat()).encode())
    return digest.hexdigest()


class Travail(NamedTuple):
    """One document to render: its département, its name, and what the last build learnt laying it out."""

    source: Source
    dossier: Dossier
    document: str
    toolchain: str
    #: The cache's « mise_en_page » entry for this document (see :func:`render_document`).
    mise_en_page: Any


class Rendu(NamedTuple):
    """A rendered document: its files, its problems, and its layout entry for the cache."""

    files: dict[Path, bytes]
    problems: list[Diagnostic]
    mise_en_page: dict[str, Any] | None = None


def render_document(source: Source, dossier: Dossier, name: str, out: Path, pdf: bool,
                    bureautique: tuple[str, ...] = (), toolchain: str = "", mise_en_page: Any = None) -> Rendu:
    """Render the registered document ``name`` of a checked pact in memory. Runs in a worker process.

    ``mise_en_page`` is what the last build recorded after laying this document
    out (``{"cle": …, "fiches": {id: classe}}``): which fiches it set tighter.
    Its key is the printable HTML with the ``toolchain`` (pactc, its templates,
    assets and fonts, WeasyPrint, Pango, HarfBuzz), on which the layout
    depends wholly; when it still matches, the fiches are set tight at once and
    the book is laid out once instead of twice. The result is the same PDF.
    """
    from .documents import document as registered_document
    from .render.html import content_id
    from .render.resolved import resolved_json

    doc = registered_document(name)
    target = out / dossier.slug
    # One rendering serves both outputs: the page on screen differs from the one given to WeasyPrint
    # only by where it finds the fonts.
    fonts = fonts_uri()
    printable = doc.render(dossier, fonts, epoch_date())
    screen = printable.html.replace(f'url("{fonts}/', f'url("../{ASSETS_DIR}/fonts/')
    files: dict[Path, bytes] = {target / annex: data for annex, data in printable.annexes.items()}
    files[target / f"{name}.html"] = screen.encode()
    problems: list[Diagnostic] = []
    if doc.imprimable and bureautique:
        from .bureautique.export import exporter, partenaires_du_pacte

        for fmt in bureautique:
            files[target / f"{name}.{fmt}"] = exporter(printable.html, fmt, titre=dossier.pacte.meta.titre,
                                                       date=printable.date, donnees=partenaires_du_pacte(dossier))
    if pdf and doc.imprimable:
        from .render.pdf import render_pdf

        key = layout_key(toolchain, printable.html)
        known = _known_tightening(mise_en_page, key)
        laid_out = render_pdf(printable.html, base=source.folder, roots=[source.folder, shipped_path("assets")],
                              date=printable.date, identifier=content_id(name.encode(), resolved_json(dossier)),
                              serrage=known)
        files[target / f"{name}.pdf"] = laid_out.octets
        problems.extend(Diagnostic(source.display, 0, 0, "PCT060", Severity.ERROR,
                                   f"ressource refusée au rendu : « {url} » (seuls les fichiers du dossier "
                                   "du pacte sont lus)") for url in laid_out.refused)
        return Rendu(files, problems, {"cle": key, "fiches": laid_out.serrage})
    return Rendu(files, problems)


def build_all(paths: tuple[str, ...], out: Path, *, strict: bool = False, pdf: bool = True,
              jobs: int | None = None, progress: Progress | None = None,
              bureautique: tuple[str, ...] = ()) -> BuildResult:
    """Check then build every pact named by ``paths`` into ``out``, with ``jobs`` worker processes."""
    report = progress or (lambda document, status: None)
    _remove_leftovers(out)
    _Memo.courantes = Empreintes(out / EMPREINTES_FILE)
    try:
        return _build_all(paths, out, strict, pdf, jobs, report, bureautique)
    finally:
        _Memo.courantes.enregistrer()
        _Memo.courantes = Empreintes(None)


def _build_all(paths: tuple[str, ...], out: Path, strict: bool, pdf: bool, jobs: int | None, report: Progress,
               bureautique: tuple[str, ...]) -> BuildResult:
    sources, problems = discover(paths)
    diagnostics: list[Diagnostic] = list(problems)
    if pdf and importlib.util.find_spec("weasyprint") is None:
        return BuildResult((*diagnostics, _sans_pdf()), (), True)
    failed = bool(problems)
    toolchain = _toolchain(pdf)
    cache = Cache(out / CACHE_FILE)
    todo: list[Travail] = []
    fresh: dict[str, dict[str, Any]] = {}
    not_built: list[tuple[str, str]] = []
    for source in sources:
        key = source_hash(source, pdf, strict, bureautique, toolchain)
        entry = cache.entries.get(source.slug)
        laid_out = _layouts(entry)
        if entry and entry["cle"] == key and all((out / source.slug / f).is_file() for f in entry["fichiers"]):
            # Same sources, same toolchain: it checked and built before, it would again.
            report(source.slug, "à jour")
            continue
        from .documents import a_un_historique, documents_for, retenus
        from .dossier import check_source, parties_en_erreur, parties_presentes

        result = check_source(source)
        history = _history_problems(result.dossier, source)
        found = [*result.diagnostics, *history]
        diagnostics.extend(found)
        if result.dossier is None:
            failed = True
            report(source.slug, "en erreur")
            continue
        # Documents fail alone: an error in the programme holds back its book, not the pact.
        held = retenus(parties_en_erreur(source, found, strict), parties_presentes(source))
        docs = tuple(d for d in documents_for(result.dossier) if d.name not in held)
        not_built.extend((f"{source.slug}/{name}", file) for name, file in held.items()
                         if name != "consolide" or a_un_historique(result.dossier))
        if held or has_errors(found, strict):
            failed = True
        if not docs:
            report(source.slug, "en erreur")
            continue
        # A dossier with errors is never « à jour »: the next build checks it again and says so again.
        entry_key = key if not has_errors(found, strict) else f"incomplet:{key}"
        fresh[source.slug] = _cache_entry(entry_key, result.dossier, pdf, docs, bureautique)
        todo.extend(Travail(source, result.dossier, doc.name, toolchain, laid_out.get(doc.name)) for doc in docs)
    # Importing WeasyPrint (and Pango) takes a quarter of a second: only when there is a PDF to make.
    if pdf and todo and not pdf_available():
        return BuildResult((*diagnostics, _sans_pdf()), (), True)
    rendered, written, broken = _render_all(todo, out, (pdf, bureautique), jobs, diagnostics, report, cache, fresh)
    failed = failed or bool(broken)
    try:
        written.extend(_write_assets(out))
        # The national site only changes when a document was written (or when it is missing).
        if written or not (out / "index.html").is_file():
            written.extend(write_all_atomic(_site_national(cache, out, {s.slug for s in sources})))
    except WriteError as exc:
        diagnostics.append(write_failure(exc))
        failed = True
    return BuildResult(tuple(diagnostics), tuple(written), failed, tuple(rendered), tuple(not_built))


def _toolchain(pdf: bool) -> str:
    """:func:`toolchain_hash`, with the PDF engine when the build makes PDFs."""
    toolchain = toolchain_hash()
    if not pdf:
        return toolchain
    # Another WeasyPrint, Pango or HarfBuzz may break a line elsewhere: its PDFs are not « à jour ».
    from .moteur import identite_moteur

    return hashlib.sha256(f"{toolchain};{identite_moteur()}".encode()).hexdigest()


def _layouts(entry: dict[str, Any] | None) -> dict[str, Any]:
    """The layout entries a département's cache entry keeps, per document (see :func:`render_document`)."""
    found = (entry or {}).get("mise_en_page")
    return found if isinstance(found, dict) else {}


def layout_key(toolchain: str, html: str) -> str:
    """What a document's layout depends on: the HTML given to WeasyPrint, and the tools (fonts included)."""
    return hashlib.sha256(f"{toolchain}\0{html}".encode()).hexdigest()


def _known_tightening(entry: Any, key: str) -> dict[str, str] | None:
    """The fiches set tighter by the layout ``entry`` records, if it was made from this very ``key``."""
    if not isinstance(entry, dict) or entry.get("cle") != key or not isinstance(entry.get("fiches"), dict):
        return None
    return {fiche: level for fiche, level in entry["fiches"].items() if isinstance(level, str)}


def _history_problems(dossier: Dossier | None, source: Source) -> list[Diagnostic]:
    """The recorded revisions checked against git, for a dossier whose consolidated version is published."""
    from .documents import a_un_historique

    if dossier is None or not a_un_historique(dossier):
        return []
    from .avenant.consolidation import verifier_revisions

    return verifier_revisions(dossier, source.folder)


def write_failure(exc: WriteError) -> Diagnostic:
    """An output that could not be written, as a diagnostic naming the path (never an internal error)."""
    return Diagnostic(display_path(exc.path), 0, 0, "PCT062", Severity.ERROR,
                      f"écriture impossible de « {display_path(exc.path)} » : {exc.reason} ; "
                      "les fichiers précédents sont intacts")


class Cache:
    """What was built, per département: the key of its sources and what the index shows of it.

    An entry is removed before a département's files are written and recorded
    again only once they are all in place, each time atomically: a build
    killed in between leaves no entry, so the next build never calls « à jour »
    files it did not finish writing.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries = _read_cache(path)

    def forget(self, slug: str) -> None:
        """Drop ``slug``'s entry, on disk too."""
        if self.entries.pop(slug, None) is not None:
            self._save()

    def record(self, slug: str, entry: dict[str, Any]) -> None:
        """Record ``slug``'s entry, on disk too."""
        self.entries[slug] = entry
        self._save()

    def _save(self) -> None:
        text = json.dumps(self.entries, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        write_atomic(self.path, text.encode())


def _cache_entry(key: str, dossier: Dossier, pdf: bool, docs: tuple[Document, ...],
                 bureautique: tuple[str, ...] = ()) -> dict[str, Any]:
    """A département's cache entry: its key, the documents built, and what the index needs to list it."""
    m = dossier.pacte.meta
    return {"cle": key, "pdf": pdf, "documents": [d.name for d in docs],
            "fichiers": [name for d in docs for name in d.files(dossier, pdf, bureautique)],
            "pacte": {"titre": m.titre, "departement": {"nom": m.departement, "code": m.code_departement},
                      "periode": {"debut": m.debut, "fin": m.fin}}}


def _render_all(todo: list[Travail], out: Path, sorties: tuple[bool, tuple[str, ...]],
                jobs: int | None,
                diagnostics: list[Diagnostic], report: Progress, cache: Cache,
                fresh: dict[str, dict[str, Any]]) -> tuple[list[str], list[Path], set[str]]:
    """Render every (source, document), then write each département's files once all of them are ready."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    remaining: dict[str, int] = {}
    for source, _, document, _, _ in todo:
        remaining[source.slug] = remaining.get(source.slug, 0) + 1
        report(f"{source.slug}/{document}", "en cours")
    outputs: dict[str, dict[Path, bytes]] = {}
    broken: set[str] = set()
    rendered: list[str] = []
    written: list[Path] = []

    def collect(source: Source, document: str, rendu: Rendu) -> None:
        # A département's files are written as soon as all its documents are ready, then let go:
        # memory stays flat however many départements there are.
        diagnostics.extend(rendu.problems)
        rendered.append(f"{source.slug}/{document}")
        if rendu.problems:
            broken.add(source.slug)
        outputs.setdefault(source.slug, {}).update(rendu.files)
        fresh[source.slug].setdefault("mise_en_page", {})[document] = rendu.mise_en_page
        remaining[source.slug] -= 1
        if remaining[source.slug] == 0:
            ready = outputs.pop(source.slug)
            _confine(out, ready)
            try:
                cache.forget(source.slug)
                if source.slug not in broken:
                    written.extend(write_all_atomic(ready))
                    cache.record(source.slug, fresh[source.slug])
            except WriteError as exc:  # the user's environment: disk full, read-only, a file in the way
                diagnostics.append(write_failure(exc))
                broken.add(source.slug)
            report(source.slug, "en erreur" if source.slug in broken else "écrit")

    if workers == 1:
        for travail in todo:
            collect(travail.source, travail.document, render_safely(travail, out, *sorties))
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [(travail, pool.submit(render_safely, travail, out, *sorties)) for travail in todo]
            for travail, future in futures:
                collect(travail.source, travail.document, future.result())
    return rendered, written, broken


def render_safely(travail: Travail, out: Path, pdf: bool, bureautique: tuple[str, ...] = ()) -> Rendu:
    """:func:`render_document`, with a failure reported for its département: the others go on."""
    source, dossier, name, toolchain, mise_en_page = travail
    try:
        return render_document(source, dossier, name, out, pdf, bureautique, toolchain, mise_en_page)
    except Exception as exc:  # noqa: BLE001 — isolating one document's failure is the point
        return Rendu({}, [_render_failure(source, name, exc)])


def _render_failure(source: Source, document: str, exc: Exception) -> Diagnostic:
    """A document that could not be rendered: reported for its département, the others go on."""
    return Diagnostic(source.display, 0, 0, "PCT061", Severity.ERROR,
                      f"le document « {document} » n'a pas pu être produit ({type(exc).__name__} : {exc}) ; "
                      "les autres départements sont compilés. C'est une erreur de pactc : signalez-la avec ce "
                      "fichier")


def _confine(out: Path, files: dict[Path, bytes]) -> None:
    """Refuse to write anywhere but under ``out`` (a programming error if it ever happens)."""
    root = out.resolve()
    for path in files:
        if not path.resolve().is_relative_to(root) or path.resolve() == root:
            raise ValueError(f"écriture hors du dossier de sortie refusée : {path}")


def _remove_leftovers(out: Path) -> None:
    """Delete the temporary files a killed build left behind; never those of a build still running."""
    if out.is_dir():
        for leftover in out.rglob(".*.tmp"):
            if abandoned(leftover):
                try:
                    leftover.unlink(missing_ok=True)
                except OSError:
                    pass  # a read-only folder: the files are hidden, and harmless


def _read_cache(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    # Anything that is not an entry of this version's shape is ignored: it only costs a rebuild.
    return {k: v for k, v in data.items()
            if isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("cle"), str)
            and isinstance(v.get("pacte"), dict) and isinstance(v.get("documents"), list)
            and isinstance(v.get("fichiers"), list) and all(isinstance(f, str) for f in v["fichiers"])}


def _write_assets(out: Path) -> list[Path]:
    fonts = shipped_path("assets") / "fonts"
    files = {out / ASSETS_DIR / "fonts" / f.name: f.read_bytes()
             for f in sorted(fonts.iterdir()) if f.suffix in (".ttf", ".txt")}
    return write_all_atomic(files)


def _site_national(cache: Cache, out: Path, slugs: set[str]) -> dict[Path, bytes]:
    """The index, the theme pages, the partners page and the national package, from what the builds recorded.

    Only the départements this build covers are listed: outputs left in the folder by an earlier build
    of other sources are stale, and a preview of one département must not show them. The national
    package and pages are read from the départements' packages this build wrote or found up to date.
    """
    from .national import tables_des_departements, tables_nationales, vue_nationale
    from .opendata import paquet_national
    from .render.donnees import lignes_par_table
    from .render.national import render_index, render_partenaires, render_theme
    from .themes import THEMES

    entries = [(slug, e["pacte"], bool(e.get("pdf")), "fiches" in e["documents"], "consolide" in e["documents"],
                "bilan" in e["documents"])
               for slug, e in sorted(cache.entries.items()) if slug in slugs and (out / slug / "pacte.html").is_file()]
    par_departement = tables_des_departements(out, [slug for slug, *_ in entries
                                                    if "donnees" in cache.entries[slug]["documents"]])
    vue = vue_nationale(par_departement)
    paquet = paquet_national(tables_nationales(par_departement), len(par_departement))
    files = {out / "donnees" / name: data for name, data in paquet.items()}
    files[out / "index.html"] = render_index(entries, vue, lignes_par_table(paquet), set(par_departement)).encode()
    files[out / "partenaires.html"] = render_partenaires(vue).encode()
    files.update({out / "themes" / f"{theme}.html": render_theme(theme, vue).encode() for theme in THEMES})
    return files
