"""Time in commitments: the reply's year, the horizon as written (年底前,
2024年6月底前, 下一步) and the ISO deadline it gives, from the [[horizons]]
table of data/commitments.toml; text inside quotes and 《》 is masked first."""
from __future__ import annotations

import calendar
import re
from functools import cache

from ...dates import reply_year
from ...numbers import parse_int
from ...rules import any_of, load as load_rules


# A year the text reports on (not 2023年底前, 2021—2035年: targets and ranges).
_YEAR_RE = re.compile(r"(?<!\d)(\d{4})年(?!底前|前|—|-|–|至)")


def current_year(reply, ftext: str) -> int | None:
    """The reply's year: its date, else the latest year the text reports on."""
    if (year := reply_year(reply)) is not None:
        return year
    years = []
    for m in _YEAR_RE.finditer(ftext):
        if not re.search(load_rules("commitments")["year_not_current"], ftext[max(0, m.start() - 2):m.start()]):
            y = int(m.group(1))
            if 1990 <= y <= 2100:
                years.append(y)
    return max(years) if years else None


@cache
def _horizons() -> list[tuple[dict, re.Pattern]]:
    return [(h, re.compile(h["pattern"])) for h in load_rules("commitments")["horizons"]]


@cache
def _any_horizon() -> re.Pattern:
    """Found where any of the horizon patterns is."""
    return re.compile(any_of(h["pattern"] for h in load_rules("commitments")["horizons"]))


@cache
def _drop() -> re.Pattern:
    return re.compile(load_rules("commitments")["horizon_drop"])


def _last_day(year: int, month: int) -> str | None:
    if not (1 <= month <= 12):
        return None
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _deadline(kind: str | None, m: re.Match, year: int | None) -> str | None:
    if not kind:
        return None
    groups = [g for g in m.groups() if g]
    if kind == "date":
        y, mo, d = (int(g) for g in groups[:3])
        valid = 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1]
        return f"{y:04d}-{mo:02d}-{d:02d}" if valid else None
    if kind == "half":
        return _last_day(int(groups[0]), 6 if groups[1] == "上" else 12)
    if kind == "end_of_year":
        return f"{int(groups[0]):04d}-12-31"
    if kind == "end_of_month":
        return _last_day(int(groups[0]), int(groups[1]))
    if year is None:
        return None
    if kind == "end_of_this_year":
        return f"{year}-12-31"
    if kind == "end_of_next_year":
        return f"{year + 1}-12-31"
    if kind == "end_of_month_this_year":
        month = parse_int(groups[0])
        return _last_day(year, month) if month else None
    if kind == "quarter_this_year":
        q = parse_int(groups[0])
        return _last_day(year, 3 * q) if q and 1 <= q <= 4 else None
    if kind == "half_this_year":
        return _last_day(year, 6 if groups[0] == "上" else 12)
    return None


def masked(ftext: str, quoted: list[tuple[int, int]]) -> str:
    """`ftext` with quoted names blanked (same length): 《…（2022—2024年）》 and
    “未来社区” hold no horizon."""
    chars = list(ftext)
    for a, b in quoted:
        chars[a + 1:b] = "＿" * (b - a - 1)
    return "".join(chars)


def horizon(masked: str, text: str, start: int, end: int, year: int | None):
    """(horizon as written, ISO deadline): the first time expression in
    [start, end), and the first date any of them fixes."""
    if _any_horizon().search(masked, start, end) is None:
        return None, None  # most sentences hold none: one search says so
    found = []
    for h, pat in _horizons():
        m = pat.search(masked, start, end)
        if m:
            drop = _drop().match(m.group(0))
            begin = m.start() + (drop.end() if drop else 0)
            found.append((begin, -m.end(), h, m))
    if not found:
        return None, None
    found.sort(key=lambda x: (x[0], x[1]))  # earliest, then longest
    begin, _, h, m = found[0]
    # 下一步，…力争到2025年底前…: the horizon is the first time word, the deadline
    # the first expression in the sentence that fixes a date
    deadlines = (_deadline(h2.get("deadline"), m2, year) for _, _, h2, m2 in found)
    return text[begin:m.end()], next((d for d in deadlines if d), None)
