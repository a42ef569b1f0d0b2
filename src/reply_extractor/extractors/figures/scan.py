"""Find quantities in running text: numeral + magnitude + unit, with qualifiers,
ranges (5至8万元) and series sharing a unit (15、10、5万元). One quantity is read
by quantity.py; 百分之八十, 翻一番 and implied units by special.py.

Works on `fold(text)` (same length as the text) so every offset is an offset
into the document text. Returns `Hit`s; attribution happens elsewhere.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ...numbers import MAGNITUDES as MAG, PLAIN_DIGITS as CN_DIGITS
from ...positions import Protected
from ...regions import division_names
from ...rules import any_of
from ..programs_unquoted import short_place_names
from .data import load
from .quantity import (MAG_SET, NUMERAL_RE, Hit, Quantity, chinese_point, match_unit, numeral_pattern,
                       prefix_qualifier, read_quantity, suffix_qualifier)
from .special import doublings, implied_unit, per_hundred, word_shares

YEAR = range(1900, 2101)
_LABEL_YEAR = re.compile(r"\d{1,2}\.(?:19|20)\d\d")
_YEAR = re.compile(r"(?:19|20)\d\d")


def protected_spans(ft: str) -> list[tuple[int, int]]:
    """Quoted phrases and titles: numbers inside them are names, not figures."""
    spans = []
    for open_, pattern in _quote_patterns():
        if open_ not in ft:
            continue  # (most replies hold one or two kinds of quote)
        for m in pattern.finditer(ft):
            if open_ not in ("《", '"') and _cited_passage(m.group()):
                continue
            spans.append((m.start(), m.end()))
    return spans


@cache
def _quote_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(opening mark, pattern of the quote it opens) of each kind of quote: curly,
    a title in 《》 (which may be longer), corner, angle and straight quotes."""
    marks = (("“", "”", 40), ("《", "》", 120), ("「", "」", 40), ("〈", "〉", 60))
    return tuple((o, re.compile(re.escape(o) + "[^" + re.escape(c + o) + "\n]{0,%d}" % limit + re.escape(c)))
                 for o, c, limit in marks) + (('"', re.compile(r'"[^"\n]{0,40}"')),)


def _cited_passage(quoted: str) -> bool:
    """“…保持高于全省平均水平，年均增长18%以上”: a passage of text quoted from a
    document (long, with a comma), whose figures are stated, not a name."""
    return len(quoted) >= 22 and "，" in quoted


def _excluded_before(ft: str, start: int) -> bool:
    """An exclusion (data: exclude.before) ends right before the numeral at `start`."""
    if not load().exclude_before_ends.match(ft, start - 1, start):
        return False  # no exclusion ends with that character (most numerals): no search
    # searched in place (pos, endpos), not on a slice: every pattern ends at `$`,
    # which endpos satisfies, and their lookbehinds stay inside the six characters
    return _exclude_before_re().search(ft, max(0, start - 6), start) is not None


@cache
def _exclude_before_re() -> re.Pattern:
    """The exclusions before a numeral as one pattern: one search, not one a pattern."""
    return _one_of(load().exclude_before)


@cache
def _exclude_after_re() -> re.Pattern:
    return _one_of(load().exclude_after)


@cache
def _date_after_re() -> re.Pattern:
    return _one_of(load().date_after)


def _one_of(patterns: tuple[re.Pattern, ...]) -> re.Pattern:
    """A pattern matching where any of `patterns` matches (same search/match answer)."""
    return re.compile(any_of(p.pattern for p in patterns))


def _is_date(ft: str, q: Quantity) -> bool:
    if q.unit and q.unit.unit != "年":
        return False
    after = ft[q.num_end:q.num_end + 4]
    if q.unit is None:
        return _date_after_re().match(after) is not None
    # N年: a year (2021年) unless a small count of years (3年); 近5年来 is a period
    data = load()
    return (not q.chinese and q.value == q.value.to_integral_value() and int(q.value) in YEAR) \
        or after[1:2] in ("度", "级", "代", "底", "初", "末") \
        or bool(data.years_span_before.search(ft[max(0, q.start - 2):q.start])) \
        or bool(data.years_span_after.match(ft[q.end:q.end + 2]))


def scan(ft: str, start: int = 0, end: int | None = None,
         protected: Protected | None = None) -> list[Hit]:
    """Every figure in ft[start:end]; `protected`: Protected(protected_spans(ft)) if
    the caller has it."""
    data = load()
    end = len(ft) if end is None else end
    if protected is None:
        protected = Protected(protected_spans(ft))
    hits: list[Hit] = []
    pos = start
    pending: list[Quantity] = []  # unit-less numbers of a series (15、10、5万元)
    # (bound once: the loop runs for every numeral of the text)
    next_numeral = _figure_numeral_re().search  # (bound once: it runs for every numeral)
    while True:
        m = next_numeral(ft, pos, end)  # (a fifth of the numerals, bare words, passed over)
        if not m:
            break
        at, pos = m.span()
        if at in protected or _excluded_before(ft, at):
            pending = []
            continue
        q = read_quantity(ft, m)
        if q is None:
            pending = []
            continue
        pos = max(pos, q.end)
        if _is_date(ft, q) or _label_and_year(ft, q):
            pending = []
            continue
        if q.unit is None:
            # maybe the first end of a range or a member of a series
            nxt = ft[q.end:q.end + 1]
            if nxt and nxt in data.range_joiners:
                m2 = NUMERAL_RE.match(ft, q.end + 1)
                q2 = read_quantity(ft, m2) if m2 else None
                if q2 and q2.unit and not _is_date(ft, q2) and q.chinese == q2.chinese:
                    lo = q.value
                    if not q.has_mag and q2.has_mag:
                        lo = lo * _magnitude_of(ft, q2)
                    hit = _finish(ft, q.start, q2, lo, q2.value, "range")
                    if hit:
                        hits.append(hit)
                    pos = max(pos, q2.end)
                    pending = []
                    continue
            implied = implied_unit(ft, q) if q.has_mag else None
            if implied:
                q.unit = implied
                hit = _finish(ft, q.start, q, q.value, None, q.qualifier)
                if hit:
                    hits.append(hit)
                pending = []
                continue
            if nxt and nxt in data.series_joiners and not q.chinese:
                if pending and not _joined(ft, pending[-1].end, q.start):
                    pending = []
                pending.append(q)
                continue
            pending = []
            continue
        if q.unit.surface == "个":  # 3.4个、2.9个百分点: the unit written whole once, at the last
            q.unit = _whole_unit_after(ft, q) or q.unit
        if q.unit.surface in data.cn_ordinal_units and (q.chinese or _YEAR.fullmatch(ft[q.start:q.num_end])):
            pending = []
            continue  # 十四届人大, 2024届毕业生: a session or a class, not sessions counted
        if q.chinese and (q.value == 1 and not q.has_mag or _lexical(ft, q) or _place_name(ft, q)
                          or data.vague_before.search(ft[max(0, q.start - 1):q.start])
                          or q.unit.surface != "个" and ft[q.end:q.end + 1] in data.cn_place_after
                          and ft[q.end:q.end + 1] or data.cn_name_ends.match(ft, q.end)):
            pending = []
            continue
        # range with units on both sides or unit on the first: 300万元至800万元, 4000元至6000元
        nxt = ft[q.end:q.end + 1]
        if nxt and nxt in data.range_joiners:
            m2 = NUMERAL_RE.match(ft, q.end + 1)
            q2 = read_quantity(ft, m2) if m2 else None
            if q2 and q2.unit and q2.unit.unit == q.unit.unit and not _is_date(ft, q2):
                hit = _finish(ft, q.start, q2, q.value, q2.value, "range")
                if hit:
                    hits.append(hit)
                pos = max(pos, q2.end)
                pending = []
                continue
        hit = _finish(ft, q.start, q, q.value, None, q.qualifier)
        if hit is None:
            pending = []
            continue
        if pending and _joined(ft, pending[-1].end, q.start):
            mag = _magnitude_of(ft, q) if q.has_mag else Decimal(1)
            for p in pending:
                v = p.value if p.has_mag else p.value * mag
                hits.append(Hit(p.start, p.num_end, v, q.unit, None, hit.qualifier, hit.per))
        pending = []
        hits.append(hit)
    special = per_hundred(ft, protected) + doublings(ft, protected) + word_shares(ft, protected)
    hits += [h for h in special if start <= h.start < end]
    hits.sort(key=lambda h: h.start)
    return hits


def _whole_unit_after(ft: str, q: Quantity):
    """The unit of the next member of a series when it starts with q's (3.4个、2.9个百分点;
    1.2个和0.8个百分点), else None."""
    if not ft[q.end:q.end + 1] or ft[q.end:q.end + 1] not in load().series_joiners:
        return None
    m = NUMERAL_RE.match(ft, q.end + 1)
    q2 = read_quantity(ft, m) if m else None
    if q2 and q2.unit and len(q2.unit.surface) > len(q.unit.surface) and q2.unit.surface.startswith(q.unit.surface):
        return q2.unit
    return None


@cache
def _may_follow_word_numeral() -> frozenset[str]:
    """What may follow a numeral in Chinese words for it to be read: the first
    character of a unit, 余/多 before one, or a range joiner (三至五万元)."""
    data = load()
    return frozenset(u.surface[0] for u in data.units) | frozenset(data.between) | frozenset(data.range_joiners)


@cache
def _figure_numeral_re() -> re.Pattern:
    """NUMERAL_RE passing over the bare word numerals (_bare_word_numeral): after
    a plain digit, a run of plain digits followed by neither a magnitude word nor
    what may follow a numeral. (A bare word between the members of a series
    breaks it all the same: no plain digit is a series joiner.)"""
    follow = "".join(map(re.escape, sorted(_may_follow_word_numeral())))
    cn, mag = CN_DIGITS, "".join(MAG)
    point = chinese_point(follow)
    return numeral_pattern(rf"(?!(?<=[{cn}])[{cn}]*(?![{cn}{mag}{follow}]|{point}))", point)


def _bare_word_numeral(ft: str, m: re.Match) -> bool:
    """一 of 一是, 三 of 三农: Chinese numerals with no magnitude word and nothing
    after them that could make a quantity (no unit, 余, range) -- what
    read_quantity would read as no figure, ruled out without reading them."""
    raw = m.group()
    # an Arabic numeral starts with a digit; a Chinese one holds none (CN_DIGITS are no isdigit())
    if raw[0].isdigit() or not MAG_SET.isdisjoint(raw):
        return False
    return ft[m.end():m.end() + 1] not in _may_follow_word_numeral()


def _label_and_year(ft: str, q: Quantity) -> bool:
    """3.2020年，…: a list label "3." before a year, not 3.202 years."""
    return ft.startswith("年", q.num_end) and _LABEL_YEAR.fullmatch(ft[q.start:q.num_end]) is not None


def _place_name(ft: str, q: Quantity) -> bool:
    """三元区, or 三元 listed among places (三元、梅列、清流): a place name written
    with a numeral and a measure word, not a quantity."""
    surface = ft[q.start:q.end]
    if any(ft.startswith(surface + c, q.start) and surface + c in division_names() for c in "区县市镇乡"):
        return True
    listed = ft[q.end:q.end + 1] in "、，" or ft[q.start - 1:q.start] == "、"
    return listed and surface in short_place_names()


def _joined(ft: str, a: int, b: int) -> bool:
    return 0 < b - a <= 2 and all(c in load().series_joiners for c in ft[a:b])


def _magnitude_of(ft: str, q: Quantity) -> Decimal:
    """The magnitude a range's upper end lends its bare lower end: the magnitude
    words after its last digit (8万元 -> 万, 5千万元 -> 千万, 三千万元 -> 千万;
    十万 has no digit, so only 万), and any after 余/多."""
    numeral = ft[q.start:q.num_end]
    digits = [i for i, c in enumerate(numeral) if c.isdigit() or c in CN_DIGITS]
    if digits:
        tail = numeral[digits[-1] + 1:]
    else:
        tail = "".join(c for c in numeral if c in "万萬亿億")
    mult = Decimal(1)
    for c in tail:
        mult *= MAG[c]
    for c in ft[q.num_end:q.end]:  # 3至5余万元
        if c in "万萬亿億":
            mult *= MAG[c]
    return mult


def _lexical(ft: str, q: Quantity) -> bool:
    window = ft[q.start:q.start + 8]
    return any(window.startswith(w) for w in load().lexical)


def _finish(ft: str, start: int, q: Quantity, value: Decimal, value_max: Decimal | None,
            qualifier: str | None) -> Hit | None:
    """Suffix qualifier, rate (人/班), exclusions after the unit; the Hit itself."""
    data = load()
    pos = q.end
    pers = []
    while ft.startswith("/", pos) and pos + 1 < len(ft) and "\u4e00" <= ft[pos + 1] <= "\u9fff":
        per_unit = match_unit(ft, pos + 1, False)  # 元/平方米, 人/班, 元/人/月
        pers.append(per_unit.surface if per_unit else ft[pos + 1])
        pos += 1 + len(pers[-1])
    per = "/".join(pers) or None
    suf, pos2 = suffix_qualifier(ft, pos, q.unit)
    after = ft[pos:pos + 6]
    if _exclude_after_re().match(after):
        return None
    if data.group_after.match(after) and data.group_before.search(ft[max(0, start - 2):start]):
        return None
    qual = qualifier or suf or prefix_qualifier(ft, start)
    if qualifier == "range":
        qual = "range"
    end = pos2 if suf else pos
    if value_max is not None and value_max <= value:
        return None
    return Hit(start, end, value, q.unit, value_max, qual, per)
