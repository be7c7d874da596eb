"""Which PDF engine lays the documents out, for the build cache, without importing it.

WeasyPrint breaks lines with Pango and shapes text with HarfBuzz: another
release of any of them may break a line elsewhere, so a PDF made with one is
not « à jour » for another. Importing WeasyPrint takes half a second, which a
no-op build cannot spend: this reads WeasyPrint's version from its package
and asks the two libraries for theirs (a few milliseconds).
"""

from __future__ import annotations

import ctypes
import importlib.util
import re
from functools import cache
from pathlib import Path

# The names WeasyPrint itself tries (weasyprint/text/ffi.py), across Linux, macOS and Windows.
_PANGO = ("libpango-1.0-0", "pango-1.0-0", "pango-1.0", "libpango-1.0.so.0", "libpango-1.0.dylib",
          "libpango-1.0-0.dll")
_HARFBUZZ = ("libharfbuzz-0", "harfbuzz", "harfbuzz-0.0", "libharfbuzz.so.0", "libharfbuzz.0.dylib",
             "libharfbuzz-0.dll")


@cache
def identite_moteur() -> str:
    """« weasyprint=70.0;pango=1.50.12;harfbuzz=6.0.0 », or ``?`` for a part that cannot be read."""
    return ";".join((f"weasyprint={_weasyprint()}", f"pango={_version_c(_PANGO, 'pango_version_string')}",
                     f"harfbuzz={_version_c(_HARFBUZZ, 'hb_version_string')}"))


def _weasyprint() -> str:
    spec = importlib.util.find_spec("weasyprint")
    if spec is None or spec.origin is None:
        return "absent"
    try:
        text = Path(spec.origin).read_text("utf-8")
    except OSError:
        return "?"
    found = re.search(r"""^VERSION\s*=.*?['"]([^'"]+)['"]""", text, re.MULTILINE)
    return found.group(1) if found else "?"


def _version_c(names: tuple[str, ...], function: str) -> str:
    for name in names:
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        version = getattr(library, function, None)
        if version is None:
            return "?"
        version.restype = ctypes.c_char_p
        value = version()
        return value.decode("ascii", "replace") if isinstance(value, bytes) else "?"
    return "?"
