"""``pactc serve``: rebuild on save and serve ``build/`` on localhost, with automatic reload.

The pages on disk are the real outputs; only the copies sent to the browser
carry a small script that waits on the server for a build newer than the page
(a request the server answers the moment a rebuild is done) and reloads the
page then. The watcher looks at the sources a hundred times a second. When the last build found errors,
the copies also carry an overlay that lists them (file:line:column and
message); it goes away with the rebuild that fixes them. A PDF asked for while
the preview builds without PDFs is built on demand, so a link never opens a
stale file.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from functools import partial
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from .build import BuildResult, build_all
from .diagnostics import Severity
from .project import Source, discover

VERSION_PATH = "/__pactc__/version"
#: Answers as soon as the build version differs from ``?depuis=N`` (or after ATTENTE_MAX seconds): the page
#: learns of a rebuild the moment it is done, rather than at its next poll.
WAIT_PATH = "/__pactc__/attendre"
ATTENTE_MAX = 25.0
#: The names a browser on this machine uses for it: any other Host header is a rebinding attempt.
_LOCAL_NAMES = {"localhost", "127.0.0.1", "[::1]"}


def reload_script(cle: str, version: int) -> str:
    """The script the preview adds to each page: wait until what the page shows is rebuilt, then show it.

    ``cle`` is the page's département (its first path segment), or "" for the site's own pages. The new
    page's body replaces the old one in place (the reader keeps their place in the text, fonts and styles
    stay loaded); a change of the page's head (its styles) reloads it whole.
    """
    return ("<script>(function(){var v='" + str(version) + "';function f(){fetch('" + WAIT_PATH + "?cle="
            + quote(cle) + "&depuis='+v,{cache:'no-store'}).then(function(r){return r.text()}).then(function(t)"
            "{if(t===v){f();return}return fetch(location.href,{cache:'no-store'}).then(function(r){return r.text()})"
            ".then(function(h){var d=new DOMParser().parseFromString(h,'text/html');"
            "if(d.head.innerHTML!==document.head.innerHTML){location.reload();return}"
            "document.body.replaceWith(d.body);v=t;f()})}).catch(function(){setTimeout(f,1000)})}f()})();</script>")


class Preview:
    """A watcher that rebuilds on change, and a localhost server for the outputs."""

    def __init__(self, paths: tuple[str, ...], out: Path, *, port: int = 8000, pdf: bool = False,
                 interval: float = 0.01, on_build: Callable[[BuildResult], None] | None = None) -> None:
        self.paths, self.out, self.pdf, self.interval = paths, out, pdf, interval
        self.on_build = on_build or (lambda result: None)
        self.version = 0
        #: Per département (and "" for the site's pages): bumped as soon as its files are written.
        self.versions: dict[str, int] = {}
        self.last: BuildResult | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._nouvelle_version = threading.Condition()
        self._pdf_built: set[str] = set()
        self._decouverte: tuple[float, list[Source]] = (-10.0, [])
        self._sert = False
        handler = partial(_Handler, self, directory=str(out))
        out.mkdir(parents=True, exist_ok=True)
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)  # localhost only
        self.port = self.server.server_address[1]

    def _stamp(self) -> dict[Path, float]:
        # The folders are looked at again once a second (a new dossier, a new file); in between, only the
        # files known are, which costs a few stat calls a hundred times a second.
        maintenant = time.monotonic()
        if maintenant - self._decouverte[0] > 1.0:
            self._decouverte = (maintenant, discover(self.paths)[0])
        sources = self._decouverte[1]
        stamps: dict[Path, float] = {}
        for source in sources:
            files = [source.pacte, source.pdi, source.avenants]
            if source.suivi is not None:
                files.extend(sorted(source.suivi.parent.iterdir()))
            for path in files:
                if path is not None and path.exists():
                    stamps[path] = path.stat().st_mtime_ns
        return stamps

    def rebuild(self) -> BuildResult:
        """Build now, and tell the browsers."""
        with self._lock:
            avant = self.overlay()
            # A département's pages reload the moment its files are written, before the rest of the build
            # (the national pages) is done.
            self.last = build_all(self.paths, self.out, pdf=self.pdf, jobs=1, progress=self._progres)
            self._pdf_built.clear()
            tout = bool(avant or self.overlay())  # an overlay to show or to take away: every page
            self._annoncer(*(self.versions if tout else ()), "")
        self.on_build(self.last)
        return self.last

    def _progres(self, document: str, status: str) -> None:
        if status == "écrit" and "/" not in document:
            self._annoncer(document)

    def _annoncer(self, *cles: str) -> None:
        with self._nouvelle_version:
            if "" in cles:
                self.version += 1
            for cle in cles:
                self.versions[cle] = self.versions.get(cle, 0) + 1
            self._nouvelle_version.notify_all()

    def attendre(self, cle: str, depuis: str, delai: float = ATTENTE_MAX) -> int:
        """The version of ``cle``'s pages, as soon as it is not ``depuis`` (or after ``delai`` seconds)."""
        with self._nouvelle_version:
            self._nouvelle_version.wait_for(
                lambda: str(self.versions.get(cle, 0)) != depuis or self._stop.is_set(), delai)
            return self.versions.get(cle, 0)

    def build_pdf_of(self, slug: str) -> None:
        """Build the PDFs of ``slug`` now, when the preview builds without them (once per rebuild)."""
        if self.pdf or slug in self._pdf_built:
            return
        sources, _ = discover(self.paths)
        chosen = tuple(str(s.folder) for s in sources if s.slug == slug)
        if chosen:
            with self._lock:
                build_all(chosen, self.out, pdf=True, jobs=1)
                self._pdf_built.add(slug)

    def overlay(self) -> str:
        """The error overlay for the last build (empty when it had no error)."""
        if self.last is None:
            return ""
        errors = [d for d in self.last.diagnostics if d.severity is Severity.ERROR]
        if not errors and not self.last.not_built:
            return ""
        items = "".join(f"<li><code>{escape(d.file)}:{d.line}:{d.column}</code> {escape(d.code)} "
                        f"{escape(d.message)}</li>" for d in errors)
        items += "".join(f"<li>non compilé : {escape(doc)} (erreurs dans <code>{escape(file)}</code>)</li>"
                         for doc, file in self.last.not_built)
        return (f'<div id="pactc-erreurs" role="alert" style="position:fixed;left:0;right:0;bottom:0;'
                f'max-height:45vh;overflow:auto;background:#fff4f2;color:#5a1408;border-top:3px solid #a3260f;'
                f'padding:1em 1.5em;font:15px/1.4 sans-serif;z-index:2147483647">'
                f'<p style="margin:0 0 .5em;font-weight:bold">pactc : {len(errors)} erreur(s) — la page montre '
                f'la dernière version compilée sans erreur</p><ul style="margin:0;padding-left:1.2em">'
                f'{items}</ul></div>')

    def _watch(self) -> None:
        seen = self._stamp()
        while not self._stop.wait(self.interval):
            try:
                now = self._stamp()
                if now != seen:
                    seen = now
                    self.rebuild()
            except Exception:  # noqa: BLE001 — the watcher outlives any one failed build (disk full, bad file)
                continue

    def start(self) -> None:
        """Build once, then serve and watch in background threads."""
        try:
            self.rebuild()
        except Exception:  # noqa: BLE001 — a first failed build must not stop the preview either
            self._annoncer("")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self._sert = True
        threading.Thread(target=self._watch, daemon=True).start()

    def stop(self) -> None:
        """Stop watching and serving."""
        self._stop.set()
        with self._nouvelle_version:
            self._nouvelle_version.notify_all()
        if self._sert:  # shutdown() waits for serve_forever(), which never ran if start() was not called
            self.server.shutdown()
        self.server.server_close()

    def wait(self) -> None:
        """Block until interrupted."""
        while not self._stop.is_set():
            time.sleep(0.2)


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, preview: Preview, *args: object, **kwargs: object) -> None:
        self.preview = preview
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet server
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if not self._allowed():
            return
        if self.path == VERSION_PATH:
            self._send(str(self.preview.version).encode(), "text/plain; charset=utf-8")
            return
        if self.path.startswith(WAIT_PATH + "?"):
            query = parse_qs(urlsplit(self.path).query)
            cle, depuis = query.get("cle", [""])[0][:200], query.get("depuis", [""])[0][:12]
            self._send(str(self.preview.attendre(cle, depuis)).encode(), "text/plain; charset=utf-8")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".pdf":
            # Built on demand when the preview runs without PDFs: a link never opens a stale file.
            slug = path.parent.name
            self.preview.build_pdf_of(slug)
        if path.suffix == ".html" and path.is_file():
            parts = [p for p in unquote(urlsplit(self.path).path).split("/") if p]
            cle = parts[0] if len(parts) > 1 else ""
            script = reload_script(cle, self.preview.versions.get(cle, 0))
            page = path.read_text("utf-8").replace("</body>", self.preview.overlay() + script + "</body>", 1)
            self._send(page.encode("utf-8"), "text/html; charset=utf-8")
            return
        super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        if self._allowed():
            super().do_HEAD()

    def _allowed(self) -> bool:
        """Only localhost names (no DNS rebinding), no NUL or odd path, no hidden file, no listing."""
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
        if name not in _LOCAL_NAMES:
            self.send_error(421, "hôte refusé : pactc serve ne répond qu'à localhost")
            return False
        decoded = unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        if "\x00" in decoded or "\\" in decoded or any(part.startswith(".") for part in decoded.split("/") if part):
            self.send_error(404)
            return False
        return True

    def end_headers(self) -> None:
        # The vendored fonts and assets do not change while the preview runs: a reload need not ask again.
        if self.path.startswith("/_assets/"):
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """No directory listings: a folder without index.html is simply not found."""
        self.send_error(404)
        return None

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)
