"""The only gate through which WeasyPrint reads anything.

It serves ``file:`` URLs that resolve (symlinks included) inside the pact's
folder or the package's assets, and nothing else: no network, no ``data:``
payloads pointing elsewhere, no path outside those folders. Refused URLs are
recorded so that the build can report them.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
    """Serve local files from ``roots`` only."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, timeout=1)
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []

    def allows(self, url: str) -> Path | None:
        """The file ``url`` designates if it may be served, else None."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            return None
        return path if path.is_file() else None

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """Serve ``url`` or refuse it (WeasyPrint then skips the resource)."""
        path = self.allows(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"ressource refusée : {url}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".ttf":
            kind = "font/ttf"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
