"""Dates as written in replies (2023年6月15日, 二〇二三年六月十五日, 2023-06-15)
and the reply's year. The patterns are the [date] table of data/meta.toml."""
from __future__ import annotations

import re
from functools import cache

from .numbers import parse_int
from .rules import load as load_rules
from .textutil import fold

_YEAR_RE = re.compile(r"\d{4}")
# Zero written as a letter O or a circle in Chinese-numeral years (二ＯＯ九年).
_ZEROS = str.maketrans({"O": "〇", "Ｏ": "〇", "o": "〇", "○": "〇", "零": "〇"})


@cache
def _patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in load_rules("meta")["date"]["patterns"])


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of every date written in `text`."""
    folded = fold(text)
    out = []
    for pat in _patterns():
        for m in pat.finditer(folded):
            y, mo, d = (parse_int(m.group(k).translate(_ZEROS)) for k in "ymd")
            if y and mo and d and 1 <= mo <= 12 and 1 <= d <= 31:
                out.append((m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}"))
    return sorted(out)


def is_date_line(line: str) -> bool:
    """The whole (stripped) line is one date."""
    t = line.strip()
    return any(a == 0 and b == len(t) for a, b, _ in find_dates(t))


def reply_year(reply) -> int | None:
    """The year of the reply's date (meta.reply_date, an ISO string), if known.
    `reply` is a Reply record or a meta dict."""
    meta = reply.get("meta", reply) if isinstance(reply, dict) else getattr(reply, "meta", None)
    date = meta.get("reply_date") if isinstance(meta, dict) else getattr(meta, "reply_date", None)
    return int(date[:4]) if date and _YEAR_RE.match(date) else None
