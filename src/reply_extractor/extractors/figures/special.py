"""Quantities written without numeral + unit: 百分之八十 (80 %), 近四成 (40 %),
三分之二 (66.666667 %), 翻一番/翻两番 (2/4 倍), and a unit-less number whose
unit the noun before it implies (覆盖人口超100万 -> 人).
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ...numbers import PLAIN_DIGITS as CN_DIGITS, normalize, parse_number
from .data import Unit, load
from .quantity import ARABIC, DELIMS, Hit, Quantity, prefix_qualifier, suffix_qualifier

_PER_HUNDRED = re.compile(rf"百分之(?P<n>{ARABIC}|[{CN_DIGITS}十百]+(?:点[{CN_DIGITS}]+)?)")


def per_hundred(ft: str, protected) -> list[Hit]:
    """百分之八十 -> 80 %."""
    pct = _unit("%")
    out = []
    for m in _PER_HUNDRED.finditer(ft):
        v = parse_number(m.group("n"))
        if v is None or m.start() in protected:
            continue
        hit = Hit(m.start(), m.end(), v, pct, None, prefix_qualifier(ft, m.start()))
        out.append(_with_suffix(ft, hit))
    return out


def word_shares(ft: str, protected) -> list[Hit]:
    """近四成 -> 40 % at most; 半数以上 -> 50 % at least; 三分之二 -> 66.666667 % about (a share that is no
    finite decimal is rounded to six places, well within a millionth of the
    truth, and marked approx)."""
    pct = _unit("%")
    data = load()
    out = []
    fraction = data.fraction if data.fraction_mark in ft else None  # most replies hold none
    half = data.half if "半数" in ft else None
    for pattern, value in ((data.tenths, lambda m: parse_number(m.group("n")) * 10),
                           (fraction, lambda m: parse_number(m.group("n")) * 100
                            / parse_number(m.group("d"))),
                           (half, lambda m: Decimal(50))):
        for m in pattern.finditer(ft) if pattern else ():
            if m.start() in protected:
                continue
            v = value(m)
            exact = v.quantize(Decimal("0.000001"))
            qualifier = prefix_qualifier(ft, m.start()) or (None if exact == v else "approx")
            hit = Hit(m.start(), m.end(), normalize(exact), pct, None, qualifier)
            out.append(_with_suffix(ft, hit))
    return out


def doublings(ft: str, protected) -> list[Hit]:
    """翻一番 -> 2 倍, 翻两番 -> 4 倍, 翻番 -> 2 倍."""
    times = _unit("倍")
    out = []
    for m in load().doubling.finditer(ft):
        n = parse_number(m.group("n")) if m.group("n") else Decimal(1)
        if n is None or n > 10 or m.start() in protected:
            continue
        out.append(Hit(m.start(), m.end(), Decimal(2) ** int(n), times, None,
                       prefix_qualifier(ft, m.start())))
    return out


def implied_unit(ft: str, q: Quantity) -> Unit | None:
    """覆盖人口超100万: the unit the noun right before a unit-less number implies,
    when nothing but a clause mark or a bound (以上) follows the number; or
    the unit of the people it counts right after it (213万农村人口); or the
    unit of the sum whose cases a bracket lists (_bracketed_like)."""
    data = load()
    counted = data.implied_after.match(ft, q.end)
    if counted:
        return _unit(data.implied_after_unit[counted.group("noun")])
    after = ft[q.end:q.end + 1]
    if after and after not in DELIMS and not any(ft.startswith(c, q.end) for c, _ in data.after):
        return None
    left = q.start
    while left > 0 and ft[left - 1] not in DELIMS and q.start - left < 16:
        left -= 1
    before = ft[left:q.start]
    cues = _implied_cues()
    changed = True
    while changed:  # strip the cues between noun and number (人口超过 / 人口达到约)
        changed = False
        for c in cues:
            if before.endswith(c) and len(before) > len(c):
                before, changed = before[:-len(c)], True
                break
    for noun, unit in _implied_nouns():
        if before.endswith(noun):
            return next((u for u in data.units if u.surface == unit), None)
    return _bracketed_like(ft, q)


# 年产值20亿元以上的企业2家（青山纸业约25亿，…）: a bracket opened after a sum
_BRACKET_AFTER_SUM = re.compile(r"(?P<mag>[万亿])元[^（(）)。；]{0,24}[（(][^（(）)。；]{0,30}$")


def _bracketed_like(ft: str, q: Quantity) -> Unit | None:
    """A bare magnitude inside a bracket right after a sum of the same magnitude
    counts in its unit (年产值20亿元以上的企业2家（青山纸业约25亿）): the bracket
    lists the cases of that sum."""
    m = _BRACKET_AFTER_SUM.search(ft, max(0, q.start - 60), q.start)
    if m is None or ft[q.start:q.num_end][-1:] != m.group("mag"):
        return None
    return next((u for u in load().units if u.surface == "元"), None)


@cache
def _implied_cues() -> list[str]:
    return sorted([c for c, _ in load().before] + ["达到", "达", "为", "有", "共", "约", "超"],
                  key=len, reverse=True)


@cache
def _implied_nouns() -> list[tuple[str, str]]:
    return sorted(load().implied_unit.items(), key=lambda kv: -len(kv[0]))


@cache
def _unit(surface: str):
    return next(u for u in load().units if u.surface == surface)


def _with_suffix(ft: str, hit: Hit) -> Hit:
    """The hit stretched over a bound written after it (三成以上: at least)."""
    suf, end = suffix_qualifier(ft, hit.end, hit.unit)
    if suf:
        hit.qualifier, hit.end = suf, end
    return hit
