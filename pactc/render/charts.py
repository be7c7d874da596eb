"""SVG charts drawn from the data: the « qui fait quoi » matrix and the fiches' timeline.

Vector graphics only (no raster image, no JavaScript), readable in black and
white: pilots are dark cells with « P », associates light cells with « A »;
active years are dark bars. Each chart carries a title and a description for
assistive technologies, and its text is real text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from .livret import Livret

WIDTH = 640  # CSS px: the A4 text column
FONT = 'font-family="Lato" font-size="10"'
INK, LIGHT, RULE = "#1d2733", "#f4ece8", "#b9a79f"


def _lines(text: str, width: int) -> list[str]:
    """``text`` cut into at most two lines of about ``width`` characters (ellipsis past that)."""
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return lines


def _short(text: str, width: int) -> str:
    """The first line of ``text``, with an ellipsis when it goes on."""
    lines = _lines(text, width)
    return lines[0] + ("…" if len(lines) > 1 else "")


def _label(x: float, y: float, text: str, width: int, *, anchor: str = "start", weight: str = "400") -> Markup:
    lines = _lines(text, width)
    first = y - (len(lines) - 1) * 6
    spans = Markup("").join(Markup('<tspan x="{}" y="{}">{}</tspan>').format(x, first + 12 * i, line)
                            for i, line in enumerate(lines))
    return Markup('<text text-anchor="{}" font-weight="{}" {}>{}</text>').format(anchor, weight, Markup(FONT), spans)


def _open(name: str, height: int, title: str, description: str) -> list[Markup]:
    """An accessible SVG's opening: its size, and the title and description assistive technologies read."""
    return [Markup('<svg xmlns="http://www.w3.org/2000/svg" role="img" class="graphique" width="{w}" height="{h}" '
                   'viewBox="0 0 {w} {h}" aria-labelledby="{n}-titre {n}-desc">').format(w=WIDTH, h=height, n=name),
            Markup('<title id="{}-titre">{}</title>').format(name, title),
            Markup('<desc id="{}-desc">{}</desc>').format(name, description)]


def matrix_svg(livret: Livret) -> Markup:
    """Partners × top-level axes: how many fiches each partner pilots (P) and joins (A) per axis."""
    label_width = 250
    columns = len(livret.colonnes) or 1
    cell = (WIDTH - label_width) / columns
    head, row = 46, 30
    height = head + row * len(livret.matrice) + 2
    parts = _open("matrice", height, "Qui fait quoi : partenaires et axes",
                  "Pour chaque partenaire (ligne) et chaque axe (colonne), le nombre de fiches pilotées (P) et de "
                  "fiches où le partenaire est associé (A).")
    for j, root in enumerate(livret.colonnes):
        x = label_width + cell * j + cell / 2
        parts.append(_label(x, 22, root.libelle or root.titre, max(6, int(cell / 6)), anchor="middle", weight="700"))
    for i, line in enumerate(livret.matrice):
        y = head + row * i
        parts.append(Markup('<line x1="0" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="0.5"/>').format(
            y, WIDTH, y, RULE))
        parts.append(_label(4, y + row / 2 + 3, line.partenaire.nom, 42))
        for j, (pilot, joined) in enumerate(line.cellules):
            x = label_width + cell * j
            if pilot or joined:
                fill, colour = (INK, "#ffffff") if pilot else (LIGHT, INK)
                parts.append(Markup('<rect class="case" x="{:.1f}" y="{}" width="{:.1f}" height="{}" fill="{}" '
                                    'stroke="{}" stroke-width="0.5"/>').format(x + 2, y + 3, cell - 4, row - 6, fill,
                                                                               RULE))
                text = " · ".join(t for t in (f"P {pilot}" if pilot else "", f"A {joined}" if joined else "") if t)
                parts.append(Markup('<text class="valeur" x="{:.1f}" y="{}" text-anchor="middle" fill="{}" '
                                    'font-weight="700" {}>{}</text>').format(x + cell / 2, y + row / 2 + 4, colour,
                                                                             Markup(FONT), text))
    parts.append(Markup('<line x1="0" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="0.5"/>').format(
        height - 2, WIDTH, height - 2, RULE))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _runs(years: tuple[int, ...]) -> list[tuple[int, int]]:
    """Consecutive years as (first, last) runs: 2014, 2015, 2017 → (2014, 2015), (2017, 2017)."""
    runs: list[tuple[int, int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def timeline_svg(livret: Livret) -> Markup:
    """One row per dated fiche, one column per year of the programme; a dark bar for each run of active years.

    Fiches without a calendar are not drawn (the book lists them apart): a row with no bar would
    read as a fiche scheduled in the first year.
    """
    label_width = 230
    years = livret.annees
    column = (WIDTH - label_width) / max(1, len(years))
    head, row = 24, 22
    fiches = livret.datees
    height = head + row * len(fiches) + 2
    parts = _open("calendrier", height, "Calendrier des fiches",
                  "Une ligne par fiche datée ; une barre sombre couvre les années où la fiche est active.")
    first_year = years[0] if years else 0
    for j, year in enumerate(years):
        x = label_width + column * j
        parts.append(Markup('<text x="{:.1f}" y="15" text-anchor="middle" font-weight="700" {}>{}</text>').format(
            x + column / 2, Markup(FONT), year))
        parts.append(Markup('<line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}" stroke="{}" stroke-width="0.5"/>').format(
            x, head - 4, x, height, RULE))
    for i, fiche in enumerate(fiches):
        y = head + row * i
        reference = livret.references[fiche.id]
        # The label column holds about 40 characters at this size: the title is cut to what is left.
        parts.append(Markup('<text x="4" y="{}" {}><tspan font-weight="700">{}</tspan> {}</text>').format(
            y + row / 2 + 4, Markup(FONT), reference,
            _short(fiche.titre.replace("*", ""), max(8, 38 - len(reference)))))
        active = fiche.annees
        for start, end in _runs(tuple(y_ for y_ in active if y_ in years)):
            x = label_width + column * (start - first_year)
            parts.append(Markup('<rect class="barre" data-debut="{}" data-fin="{}" x="{:.1f}" y="{}" width="{:.1f}" '
                                'height="{}" fill="{}"/>').format(start, end, x + 2, y + 5,
                                                                  column * (end - start + 1) - 4, row - 10, INK))
        parts.append(Markup('<line x1="0" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="0.3"/>').format(
            y + row, WIDTH, y + row, RULE))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)

