"""Give PDF table header cells the /Scope that PDF/UA-1 §7.5 asks for.

WeasyPrint 68–70 tags ``<th>`` as /TH and links data cells to headers with
/Headers, but writes no /Scope, so checkers (pdfua UA-15-003) and some screen
readers cannot tell a column header from a row header. WeasyPrint has no hook
for structure attributes, so this wraps its private tree builder once: every
/TH element gets ``/Scope /Column`` or ``/Row`` from the HTML ``scope``
attribute (``col`` when absent, as in a ``<thead>``). If a WeasyPrint release
renames the builder, the wrapper is skipped and the accessibility test fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from weasyprint.pdf import tags

_SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}


def install() -> None:
    """Wrap WeasyPrint's structure-tree builder (idempotent)."""
    original = getattr(tags, "_build_box_tree", None)
    if original is None or getattr(original, "pactc_scope", False):
        return

    def build(box: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        for element in original(box, *args, **kwargs):
            if element.get("S") == "/TH" and box.element is not None and "A" in element:
                scope = _SCOPES.get(box.element.attrib.get("scope", "col"), "/Column")
                element["A"]["Scope"] = scope  # pydyf writes strings starting with « / » as names
            yield element

    build.pactc_scope = True  # type: ignore[attr-defined]
    tags._build_box_tree = build
