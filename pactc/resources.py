"""Where the files shipped with pactc (schemas, templates, assets) live."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def shipped(folder: str) -> Traversable:
    """The folder ``schemas``, ``templates`` or ``assets`` of the installed package.

    In an installed wheel ``schemas`` and ``templates`` are subpackages of
    ``pactc``; in a source checkout (or an editable install) they sit at the
    repository root, where editors and the yaml-language-server find them.
    """
    try:
        return resources.files(f"pactc.{folder}")
    except ModuleNotFoundError:
        return _ROOT.parent / folder


def shipped_path(folder: str) -> Path:
    """Like :func:`shipped`, as a real filesystem path (pip installs unzipped)."""
    return Path(str(shipped(folder)))


def fonts_uri() -> str:
    """The ``file:`` URI of pactc's fonts, as the HTML given to WeasyPrint names them (no final slash)."""
    return (shipped_path("assets") / "fonts").resolve().as_uri()
