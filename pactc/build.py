"""The build: check every pact, then render and write HTML, PDF and JSON for the clean ones."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .checker import CheckResult, check_source
from .diagnostic import Diagnostic, Severity
from .output import write_all_atomic, write_atomic
from .project import discover
from .resolved import resolved_json
from .resources import shipped_path

ASSETS_DIR = "_assets"


@dataclass(frozen=True)
class BuildResult:
    """Every diagnostic of the build, the files written, and whether it failed."""

    diagnostics: tuple[Diagnostic, ...]
    written: tuple[Path, ...]
    failed: bool


def epoch_date() -> str | None:
    """SOURCE_DATE_EPOCH as AAAA-MM-JJ, when set (reproducible builds)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=timezone.utc).date().isoformat()


def render_outputs(result: CheckResult, out: Path, *, pdf: bool) -> tuple[dict[Path, bytes], list[Diagnostic]]:
    """Render one checked pact (and its fiches book) in memory: {path: bytes}, plus rendering problems."""
    from .render.fiches import render_fiches
    from .render.html import content_id, render_html

    pacte = result.pacte
    assert pacte is not None
    target = out / pacte.slug
    fonts = (shipped_path("assets") / "fonts").resolve().as_uri()
    relative_fonts = f"../{ASSETS_DIR}/fonts"
    documents = [("pacte", render_html)]
    if pacte.programme is not None:
        documents.append(("fiches", render_fiches))
    files = {target / "pacte.json": resolved_json(pacte)}
    problems: list[Diagnostic] = []
    for name, render in documents:
        files[target / f"{name}.html"] = render(pacte, font_base=relative_fonts, epoch_date=epoch_date()).html.encode()
        if not pdf:
            continue
        from .render.pdf import render_pdf

        printable = render(pacte, font_base=fonts, epoch_date=epoch_date(), for_print=True)
        data, refused = render_pdf(printable.html, base=result.source.folder,
                                   roots=[result.source.folder, shipped_path("assets")], date=printable.date,
                                   identifier=content_id(name.encode(), files[target / "pacte.json"]))
        files[target / f"{name}.pdf"] = data
        problems.extend(Diagnostic(result.source.display, 0, 0, "PCT060", Severity.ERROR,
                                   f"ressource refusée au rendu : « {url} » (seuls les fichiers du dossier "
                                   "du pacte sont lus)") for url in refused)
    return files, problems


def build_all(paths: tuple[str, ...], out: Path, *, strict: bool = False, pdf: bool = True) -> BuildResult:
    """Check then build every pact named by ``paths`` into ``out``."""
    sources, problems = discover(paths)
    diagnostics: list[Diagnostic] = list(problems)
    written: list[Path] = []
    failed = bool(problems)
    for source in sources:
        result = check_source(source)
        diagnostics.extend(result.diagnostics)
        if result.failed(strict):
            failed = True
            continue
        files, render_problems = render_outputs(result, out, pdf=pdf)
        diagnostics.extend(render_problems)
        if render_problems:
            failed = True
            continue
        written.extend(write_all_atomic(files))
    written.extend(_write_assets(out))
    index = _index(out)
    if write_atomic(out / "index.html", index):
        written.append(out / "index.html")
    return BuildResult(tuple(diagnostics), tuple(written), failed)


def _write_assets(out: Path) -> list[Path]:
    fonts = shipped_path("assets") / "fonts"
    files = {out / ASSETS_DIR / "fonts" / f.name: f.read_bytes()
             for f in sorted(fonts.iterdir()) if f.suffix in (".ttf", ".txt")}
    return write_all_atomic(files)


def _index(out: Path) -> bytes:
    from .render.index import render_index

    entries = []
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("_")) if out.is_dir() else []:
        resolved = folder / "pacte.json"
        if resolved.is_file():
            meta = json.loads(resolved.read_text("utf-8"))["pacte"]
            entries.append((folder.name, meta, (folder / "pacte.pdf").is_file()))
    return render_index(entries).encode("utf-8")
