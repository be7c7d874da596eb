"""The build: check every pact, then render and write its documents, in parallel and only when needed.

Each document (a pact, a fiches book) is laid out in a worker process. A
content-hash cache under ``build/`` remembers, per département, the hash of
its sources, the templates, the assets and the pactc version: a no-op
rebuild renders nothing, editing one pact rebuilds only its own outputs, a
changed template rebuilds everything.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from . import __version__
from .checker import check_source
from .diagnostic import Diagnostic, Severity
from .model import Pacte
from .output import write_all_atomic, write_atomic
from .project import Source, discover
from .resolved import resolved_json
from .resources import shipped_path

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


def epoch_date() -> str | None:
    """SOURCE_DATE_EPOCH as AAAA-MM-JJ, when set (reproducible builds)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC).date().isoformat()


@cache
def toolchain_hash() -> str:
    """What every output depends on besides its sources: pactc, its templates and its assets."""
    digest = hashlib.sha256(__version__.encode())
    for folder in ("templates", "assets", "schemas"):
        root = shipped_path(folder)
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix != ".pyc":
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def source_hash(source: Source, pdf: bool, strict: bool = False) -> str:
    """The cache key of one département: its files, the toolchain, and the options that change outputs."""
    digest = hashlib.sha256(toolchain_hash().encode())
    digest.update(f"pdf={pdf};strict={strict};epoch={epoch_date()}".encode())
    for path in (source.pacte, source.pdi):
        if path is not None:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _expected_outputs(source: Source, out: Path, pdf: bool) -> list[Path]:
    names = ["pacte.html", "pacte.json"] + (["pacte.pdf"] if pdf else [])
    if source.pdi is not None:
        names += ["fiches.html"] + (["fiches.pdf"] if pdf else [])
    return [out / source.slug / name for name in names]


def render_document(source: Source, pacte: Pacte, document: str, out: Path,
                    pdf: bool) -> tuple[dict[Path, bytes], list[Diagnostic]]:
    """Render one document (``pacte`` or ``fiches``) of a checked pact in memory. Runs in a worker process."""
    from .render.fiches import render_fiches
    from .render.html import content_id, render_html
    render = render_html if document == "pacte" else render_fiches
    target = out / pacte.slug
    resolved = resolved_json(pacte)
    files: dict[Path, bytes] = {}
    if document == "pacte":
        files[target / "pacte.json"] = resolved
    # One rendering serves both outputs: the page on screen differs from the one given to WeasyPrint
    # only by where it finds the fonts.
    fonts = (shipped_path("assets") / "fonts").resolve().as_uri()
    printable = render(pacte, font_base=fonts, epoch_date=epoch_date())
    screen = printable.html.replace(f'url("{fonts}/', f'url("../{ASSETS_DIR}/fonts/')
    files[target / f"{document}.html"] = screen.encode()
    problems: list[Diagnostic] = []
    if pdf:
        from .render.pdf import render_pdf

        data, refused = render_pdf(printable.html, base=source.folder, roots=[source.folder, shipped_path("assets")],
                                   date=printable.date, identifier=content_id(document.encode(), resolved))
        files[target / f"{document}.pdf"] = data
        problems.extend(Diagnostic(source.display, 0, 0, "PCT060", Severity.ERROR,
                                   f"ressource refusée au rendu : « {url} » (seuls les fichiers du dossier "
                                   "du pacte sont lus)") for url in refused)
    return files, problems


def build_all(paths: tuple[str, ...], out: Path, *, strict: bool = False, pdf: bool = True,
              jobs: int | None = None, progress: Progress | None = None) -> BuildResult:
    """Check then build every pact named by ``paths`` into ``out``, with ``jobs`` worker processes."""
    report = progress or (lambda document, status: None)
    _remove_leftovers(out)
    sources, problems = discover(paths)
    diagnostics: list[Diagnostic] = list(problems)
    failed = bool(problems)
    cache_path = out / CACHE_FILE
    known = _read_cache(cache_path)
    todo: list[tuple[Source, Pacte, str]] = []
    keys: dict[str, str] = {}
    for source in sources:
        key = source_hash(source, pdf, strict)
        if known.get(source.slug) == key and all(p.is_file() for p in _expected_outputs(source, out, pdf)):
            # Same sources, same toolchain: it checked and built before, it would again.
            keys[source.slug] = key
            report(source.slug, "à jour")
            continue
        result = check_source(source)
        diagnostics.extend(result.diagnostics)
        if result.failed(strict):
            failed = True
            report(source.slug, "en erreur")
            continue
        keys[source.slug] = key
        assert result.pacte is not None
        todo.append((source, result.pacte, "pacte"))
        if result.pacte.programme is not None:
            todo.append((source, result.pacte, "fiches"))
    rendered, written, broken = _render_all(todo, out, pdf, jobs, diagnostics, report)
    failed = failed or bool(broken)
    for slug in broken:
        keys.pop(slug, None)
    written.extend(_write_assets(out))
    # The index only changes when a document was written (or when it is missing).
    if (written or not (out / "index.html").is_file()) and write_atomic(out / "index.html", _index(out)):
        written.append(out / "index.html")
    new_cache = {slug: key for slug, key in {**known, **keys}.items() if slug not in broken}
    write_atomic(cache_path, (json.dumps(new_cache, indent=1, sort_keys=True) + "\n").encode())
    return BuildResult(tuple(diagnostics), tuple(written), failed, tuple(rendered))


def _render_all(todo: list[tuple[Source, Pacte, str]], out: Path, pdf: bool, jobs: int | None,
                diagnostics: list[Diagnostic], report: Progress) -> tuple[list[str], list[Path], set[str]]:
    """Render every (source, document), then write each département's files once all of them are ready."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    remaining: dict[str, int] = {}
    for source, _, document in todo:
        remaining[source.slug] = remaining.get(source.slug, 0) + 1
        report(f"{source.slug}/{document}", "en cours")
    outputs: dict[str, dict[Path, bytes]] = {}
    broken: set[str] = set()
    rendered: list[str] = []
    written: list[Path] = []

    def collect(source: Source, document: str, files: dict[Path, bytes], problems: list[Diagnostic]) -> None:
        # A département's files are written as soon as all its documents are ready, then let go:
        # memory stays flat however many départements there are.
        diagnostics.extend(problems)
        rendered.append(f"{source.slug}/{document}")
        if problems:
            broken.add(source.slug)
        outputs.setdefault(source.slug, {}).update(files)
        remaining[source.slug] -= 1
        if remaining[source.slug] == 0:
            ready = outputs.pop(source.slug)
            if source.slug in broken:
                report(source.slug, "en erreur")
            else:
                written.extend(write_all_atomic(ready))
                report(source.slug, "écrit")

    if workers == 1:
        for source, pacte, document in todo:
            collect(source, document, *render_document(source, pacte, document, out, pdf))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [(source, document, pool.submit(render_document, source, pacte, document, out, pdf))
                       for source, pacte, document in todo]
            for source, document, future in futures:
                collect(source, document, *future.result())
    return rendered, written, broken


def _remove_leftovers(out: Path) -> None:
    """Delete temporary files a killed build left behind (finished files are never partial)."""
    if out.is_dir():
        for leftover in out.rglob(".*.tmp"):
            leftover.unlink(missing_ok=True)


def _read_cache(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _write_assets(out: Path) -> list[Path]:
    fonts = shipped_path("assets") / "fonts"
    files = {out / ASSETS_DIR / "fonts" / f.name: f.read_bytes()
             for f in sorted(fonts.iterdir()) if f.suffix in (".ttf", ".txt")}
    return write_all_atomic(files)


def _index(out: Path) -> bytes:
    from .render.index import render_index

    entries = []
    folders = sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("_")) if out.is_dir() else []
    for folder in folders:
        resolved = folder / "pacte.json"
        if resolved.is_file():
            data = json.loads(resolved.read_text("utf-8"))
            entries.append((folder.name, data["pacte"], (folder / "pacte.pdf").is_file(),
                            (folder / "fiches.html").is_file()))
    return render_index(entries).encode("utf-8")
