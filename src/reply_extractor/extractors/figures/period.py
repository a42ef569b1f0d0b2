"""When a figure holds (its period): the nearest time expression before it in
its paragraph, 2022年 -> "2022", 2023年1-6月 -> "2023-01/2023-06", 去年 -> the
reply's year minus one. Years inside titles and quotes do not count."""
from __future__ import annotations

import re
from bisect import bisect_left

from ...positions import Protected

# The years relative to the reply's own.
_RELATIVE = {"今年": 0, "当年": 0, "去年": -1, "上年": -1, "明年": 1, "前年": -2}
# 2022年, 2023年1-6月, or one of _RELATIVE. Led by a character class (the first
# character of either), so that re scans the text for it in C; the lookbehind then
# says which of the two it starts.
_YEAR = re.compile(r"[\d今去明前上当](?:(?<=\d)\d{3}年(?:(?P<m1>\d{1,2})(?:[-—至](?P<m2>\d{1,2}))?月)?"
                   r"|(?<=[今去明前上当])年)")


def _period(m: re.Match, reply_year: int | None) -> str | None:
    s = m.group()
    if s in _RELATIVE:
        return None if reply_year is None else str(reply_year + _RELATIVE[s])
    y, m1, m2 = s[:4], m.group("m1"), m.group("m2")
    if m1 and m2:
        return f"{y}-{int(m1):02d}/{y}-{int(m2):02d}"
    return y


def _counts_as_period(ft: str, m: re.Match, skip: Protected) -> bool:
    if ft[m.start() - 1:m.start()] in ("比", "较"):  # 比2020年提高: a base, not the period
        return False
    return m.start() not in skip


def period_of(ft: str, para_start: int, pos: int, reply_year: int | None,
              skip=()) -> str | None:
    """The nearest time expression before `pos` in its paragraph, as YYYY or
    YYYY-MM/YYYY-MM; years inside titles and quotes (`skip`: spans or a
    Protected) do not count."""
    skip = skip if isinstance(skip, Protected) else Protected(list(skip))
    last = None
    for m in _YEAR.finditer(ft, para_start, pos):
        if _counts_as_period(ft, m, skip):
            last = m
    return _period(last, reply_year) if last else None


class Periods:
    """period_of for many positions of one text: the time expressions are found
    once, and each lookup bisects (a one-line page holds hundreds of figures)."""

    def __init__(self, ft: str, reply_year: int | None, skip=()):
        skip = skip if isinstance(skip, Protected) else Protected(list(skip))
        self.ft, self.year, self.skip = ft, reply_year, skip
        self.found = list(_YEAR.finditer(ft))
        self.starts = [m.start() for m in self.found]
        self.counts = [_counts_as_period(ft, m, skip) for m in self.found]
        self.periods = [_period(m, reply_year) if c else None for m, c in zip(self.found, self.counts)]

    def of(self, para_start: int, pos: int) -> str | None:
        """period_of(ft, para_start, pos, …), the same answer."""
        ft = self.ft
        i = bisect_left(self.starts, pos) - 1
        if i >= 0 and self.found[i].end() > pos:
            # a match running past pos: what the text up to pos alone holds there
            last = None
            for m in _YEAR.finditer(ft, max(para_start, self.starts[i]), pos):
                if _counts_as_period(ft, m, self.skip):
                    last = m
            if last:
                return _period(last, self.year)
            i -= 1
        while i >= 0 and self.starts[i] >= para_start:
            if self.counts[i]:
                return self.periods[i]
            i -= 1
        return None
