"""Set tighter a fiche that spills a few lines onto a page of its own, laying out again only from it.

A fiche starts on a new page. When its last page holds only a few lines
(less than :data:`NEARLY_EMPTY` of the page), it is set tighter (the classes
of :data:`SERRAGES`, two steps at most) so that it ends a page earlier.

Laying the whole book out again for that would double its cost. WeasyPrint
already knows how to lay a document out again from a given page: it does so
when a page number a sommaire points to changes. :func:`install` hooks its
first pagination (``weasyprint.layout.make_all_pages``): once the pages are
made, the hook finds the fiches that run over, gives their elements the
tighter class, builds their boxes again (styles and boxes of the document,
which cost a fraction of a layout), puts them in the place of the old ones in
the box tree, and lets WeasyPrint make the pages again from the first page of
the first of them. The pages before it are kept as they are: nothing on them
depends on what follows, except the sommaire's page numbers, which WeasyPrint
updates itself. The result is the same PDF, byte for byte, as a layout of the
tightened HTML from scratch (tested); when the hook cannot run (another
WeasyPrint), :mod:`pactc.render.pdf` does exactly that.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import weasyprint
from weasyprint import layout
from weasyprint.css import get_all_computed_styles
from weasyprint.css.targets import TargetCollector
from weasyprint.formatting_structure import boxes
from weasyprint.formatting_structure.build import build_formatting_structure

#: How much tighter a fiche that runs over is set, step by step (classes of pacte.css).
SERRAGES = ("serree", "tres-serree")

#: A page whose content ends above this fraction of its height is « nearly empty ».
NEARLY_EMPTY = 0.2

#: The WeasyPrint releases whose layout internals this module was tested with (major versions).
TESTED = ("70",)

_SECTION = re.compile(r'<section class="fiche[^"]*" id="([^"]+)"')


def fiches_of(html: str) -> set[str]:
    """The ids of the fiches of a printable HTML document."""
    return set(_SECTION.findall(html))


def serrer(html: str, serrage: Mapping[str, str]) -> str:
    """``html`` with each fiche of ``serrage`` given its class."""
    for fiche, level in serrage.items():
        html = re.sub(rf'<section class="fiche[^"]*" id="{re.escape(fiche)}"',
                      f'<section class="fiche {level}" id="{fiche}"', html)
    return html


def short_runovers(pages: Iterable[Any], fiches: set[str]) -> list[str]:
    """The fiches whose last page holds only a few lines, in the order of the book (``pages``: page boxes)."""
    current = ""
    found: list[str] = []
    for page in pages:
        # A fiche's heading (« <id>-titre ») is on its first page only.
        starts = [anchor[:-len("-titre")] for anchor in _anchors(page)
                  if anchor.endswith("-titre") and anchor[:-len("-titre")] in fiches]
        if starts:
            current = starts[-1]
            continue
        used = (_content_bottom(page) - page.content_box_y()) / max(1.0, page.height)
        if current and used < NEARLY_EMPTY and current not in found:
            found.append(current)
    return found


def _anchors(box: Any) -> Iterator[str]:
    # The anchors of a page, in the order WeasyPrint gathers them (weasyprint.anchors.gather_anchors).
    anchor = box.style["anchor"]
    if anchor:
        yield anchor
    for child in box.all_children():
        yield from _anchors(child)


def _content_bottom(page_box: Any) -> float:
    """The lowest edge of the text and images laid out on a page (running heads aside)."""
    bottom = 0.0
    stack = list(page_box.children)
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.MarginBox):
            continue
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
            bottom = max(bottom, box.position_y + box.height)
            continue
        stack.extend(getattr(box, "children", ()))
    return bottom


@dataclass
class Serrage:
    """One layout's request: the fiches of the book, and (filled in) those set tighter."""

    fiches: set[str]
    #: The user stylesheets the layout is given (see :func:`pactc.render.pdf.render_pdf`).
    stylesheets: list[Any] = field(default_factory=list)
    applied: dict[str, str] = field(default_factory=dict)
    #: True once the hook has run: the layout is complete, tightening included.
    done: bool = False


_REQUEST: ContextVar[Serrage | None] = ContextVar("serrage", default=None)


class SerrageImpossible(Exception):
    """The fiches could not be set tighter in place: the caller lays the tightened book out from scratch."""


def requested(request: Serrage) -> Callable[[], None]:
    """Ask the hook to tighten the next layout of this context; returns the function that withdraws it."""
    token = _REQUEST.set(request)
    return lambda: _REQUEST.reset(token)


def install() -> bool:
    """Hook WeasyPrint's first pagination (idempotent); False if this WeasyPrint has not the expected parts."""
    original = getattr(layout, "make_all_pages", None)
    if original is None or weasyprint.__version__.split(".")[0] not in TESTED:
        return False
    if getattr(original, "pactc_serrage", False):
        return True

    def make_all_pages(context: Any, root_box: Any, html: Any, pages: list[Any]) -> Iterator[Any]:
        request = _REQUEST.get()
        if request is None or pages or request.done:
            yield from original(context, root_box, html, pages)
            return
        made = list(original(context, root_box, html, pages))
        yield from _tighten(made, request, context, root_box, html, original)

    make_all_pages.pactc_serrage = True  # type: ignore[attr-defined]
    layout.make_all_pages = make_all_pages
    return True


def _tighten(pages: list[Any], request: Serrage, context: Any, root_box: Any, html: Any,
             original: Callable[..., Iterator[Any]]) -> list[Any]:
    """The pages of the book with its run-over fiches set tighter, laid out again from the first of them.

    Raises :class:`SerrageImpossible` when the layout is not one this was made
    for (footnotes, or WeasyPrint's state not as expected).
    """
    request.done = True
    for level in SERRAGES:
        runovers = short_runovers(pages, request.fiches)
        if not runovers:
            break
        if context.footnotes or context.reported_footnotes:
            raise SerrageImpossible("notes de bas de page")
        request.applied.update(dict.fromkeys(runovers, level))
        try:
            pages = _again(pages, runovers, request, context, root_box, html, original)
        except (AttributeError, LookupError, TypeError, ValueError) as exc:
            raise SerrageImpossible(f"{type(exc).__name__} : {exc}") from exc
    return pages


def _again(pages: list[Any], runovers: list[str], request: Serrage, context: Any, root_box: Any,
           html: Any, original: Callable[..., Iterator[Any]]) -> list[Any]:
    elements = _set_classes(html, request.applied)
    fresh = _boxes_again(html, context, request.stylesheets)
    first = min(_first_page(pages, fiche) for fiche in runovers)
    for fiche in runovers:
        _replace(root_box, fresh, elements[fiche])
    # What WeasyPrint's layout_document does between two paginations: the page count, then the pages
    # to make again (from the first tightened fiche on; the sommaire follows by itself).
    for entry in context.page_maker:
        entry[3][1]["pages"] = [len(pages)]
    context.page_maker[first][-1]["content_changed"] = True
    return list(original(context, root_box, html, pages))


def _set_classes(html: Any, applied: Mapping[str, str]) -> dict[str, Any]:
    """Give the sections of the tightened fiches their class; their elements by id."""
    elements = {}
    for element in html.etree_element.iter("section"):
        fiche = element.get("id")
        if fiche in applied:
            element.set("class", f"fiche {applied[fiche]}")
            elements[fiche] = element
    return elements


def _boxes_again(html: Any, context: Any, stylesheets: list[Any]) -> Any:
    """The box tree of the document as its elements now are, styled as WeasyPrint's render does it."""
    collector = TargetCollector()
    style_for = get_all_computed_styles(html, stylesheets, False, context.font_config, context.counter_style, {},
                                        [], [], collector, False)
    return build_formatting_structure(html.etree_element, style_for, context.get_image_from_uri, html.base_url,
                                      collector, context.counter_style, [])


def _first_page(pages: list[Any], fiche: str) -> int:
    anchor = f"{fiche}-titre"
    return next(index for index, page in enumerate(pages) if anchor in set(_anchors(page)))


def _replace(root: Any, fresh: Any, element: Any) -> None:
    """Put ``fresh``'s principal box of ``element`` in the place of ``root``'s."""
    new = _principal(fresh, element)
    parent, index = _parent_of(root, element)
    children = list(parent.children)
    children[index] = new
    parent.children = children


def _principal(box: Any, element: Any) -> Any:
    for child in box.descendants():
        if isinstance(child, boxes.Box) and child.element is element and child.element_tag == "section":
            return child
    raise LookupError("section absente de l'arbre des boîtes")


def _parent_of(box: Any, element: Any) -> tuple[Any, int]:
    stack = [box]
    while stack:
        parent = stack.pop()
        for index, child in enumerate(getattr(parent, "children", ())):
            if isinstance(child, boxes.Box):
                if child.element is element and child.element_tag == "section":
                    return parent, index
                stack.append(child)
    raise LookupError("section absente de l'arbre des boîtes")
