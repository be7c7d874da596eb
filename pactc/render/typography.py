"""French typography: non-breaking spaces, apostrophes, dates, ordinals."""

from __future__ import annotations

import re

NNBSP = "\u202f"  # espace fine insécable, before ; ! ? and inside « »
NBSP = "\u00a0"  # espace insécable, before :

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")

_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f]*([;!?])(?=\s|$|[»)\"'’])")
# A colon followed by a space or the end: not "10:30" nor "http://".
_BEFORE_COLON = re.compile(r"(?<=\S)[ \u00a0\u202f]*:(?=\s|$)")
_OPEN_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_QUOTE = re.compile(r"[ \u00a0\u202f]*»")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def french(text: str) -> str:
    """``text`` with French spacing around punctuation and typographic apostrophes."""
    text = _APOSTROPHE.sub("’", text)
    text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    text = _CLOSE_QUOTE.sub(NNBSP + "»", text)
    text = _BEFORE_HIGH.sub(lambda m: _glue(m.group(1)), text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    return text


def _glue(mark: str) -> str:
    return NNBSP + mark


def date_fr(iso: str) -> str:
    """« 25 octobre 2018 » from ``2018-10-25``; the first of the month is « 1er »."""
    year, month, day = (int(part) for part in iso.split("-"))
    day_text = "1er" if day == 1 else str(day)
    return f"{day_text}{NBSP}{MONTHS[month - 1]} {year}"
