"""Find quantities in running text: numeral + magnitude + unit, with qualifiers,
ranges (5至8万元) and series sharing a unit (15、10、5万元).

Works on `fold(text)` (same length as the text) so every offset is an offset
into the document text. Returns `Hit`s; attribution happens elsewhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ..numbers import MAGNITUDES as MAG, PLAIN_DIGITS as CN_DIGITS, parse_number
from ..positions import Protected
from .figures_data import Unit, load

MAG_CHARS = "".join(MAG)
# Magnitude characters a numeral may give up to the unit after it (1860万千瓦时:
# 千 begins 千瓦时): no unit starts with more than two.
MAX_MAG_CUT = 2
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
NUMERAL_RE = re.compile(rf"{_ARABIC}[{MAG_CHARS}]*(?:(?<=[{MAG_CHARS}])\d+(?:[{MAG_CHARS}]+\d*)?)?"
                        rf"|[{CN_DIGITS}{MAG_CHARS}]+")
_SUBUNIT = re.compile(r"(\d)角(?:(\d)分)?|(\d)分")
DELIMS = "，,。；;：:！？!?\n\t、（）()“”\"《》"
SPACES = " \u3000\u00a0"


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"
YEAR = range(1900, 2101)


@dataclass
class Quantity:
    """One numeral and what follows it, in folded-text offsets."""
    start: int
    end: int            # after the unit (and 角/分) if any
    value: Decimal
    chinese: bool
    has_mag: bool       # a magnitude word after the numeral (万/亿) or inside it
    unit: Unit | None
    qualifier: str | None = None  # from 余/多 between number and unit
    num_end: int = 0    # end of the numeral itself


@dataclass
class Hit:
    start: int
    end: int
    value: Decimal
    unit: Unit
    value_max: Decimal | None = None
    qualifier: str | None = None
    per: str | None = None


def _is_chinese_numeral(s: str) -> bool:
    return not any(c.isdigit() for c in s)


def _acceptable_cn(s: str) -> bool:
    """A Chinese numeral that is really a number: has a digit or 十, or is 百亿-like."""
    return any(c in CN_DIGITS or c == "十" for c in s) or len(s) >= 2


@cache
def _units_by_first_char() -> dict[str, tuple[Unit, ...]]:
    """The units starting with each character, longest first (as in load().units)."""
    out: dict[str, list[Unit]] = {}
    for u in load().units:
        out.setdefault(u.surface[0], []).append(u)
    return {c: tuple(us) for c, us in out.items()}


def match_unit(ft: str, pos: int, chinese: bool) -> Unit | None:
    if pos >= len(ft):
        return None
    for u in _units_by_first_char().get(ft[pos], ()):
        if ft.startswith(u.surface, pos):
            if chinese and u.arabic_only:
                return None
            nxt = ft[pos + len(u.surface): pos + len(u.surface) + 1]
            if nxt and nxt in u.word_after:
                return None
            return u
    return None


def read_quantity(ft: str, m: re.Match) -> Quantity | None:
    """The numeral matched by `m` plus 余/多, trailing magnitude words and unit."""
    raw = m.group()
    chinese = _is_chinese_numeral(raw)
    if chinese and not _acceptable_cn(raw):
        return None
    data = load()
    # Magnitude characters at the end may begin the unit instead (1860万千瓦时:
    # 千 belongs to 千瓦时), so also try the numeral without them.
    cuts = [len(raw)]
    while cuts[-1] > 1 and raw[cuts[-1] - 1] in MAG_CHARS and len(raw) - cuts[-1] < MAX_MAG_CUT:
        cuts.append(cuts[-1] - 1)
    fallback = best = None
    for cut in cuts:
        num = raw[:cut]
        value = parse_number(num)
        if value is None:
            continue
        pos = m.start() + cut
        qual, mult = None, Decimal(1)
        has_mag = any(c in MAG_CHARS for c in num)
        # 三千余万元 / 3.6亿余元 / 1.2万余人次 / 900多份
        if pos < len(ft) and ft[pos] in data.between:
            after_q, mags = pos + 1, ""
            while after_q < len(ft) and ft[after_q] in "万萬亿億":
                mags += ft[after_q]
                after_q += 1
            if match_unit(ft, after_q, chinese):
                qual = data.between[ft[pos]]
                for c in mags:
                    mult *= MAG[c]
                has_mag = has_mag or bool(mags)
                pos = after_q
        unit = match_unit(ft, pos, chinese)
        if unit is None and not chinese and ft[pos:pos + 1] in SPACES:
            spaced = match_unit(ft, pos + 1, chinese)  # 12.3 %: a symbol after a space
            if spaced and not _is_han(spaced.surface[0]):
                unit, pos = spaced, pos + 1
        if unit is None:
            if fallback is None:
                fallback = Quantity(m.start(), pos, value, chinese, has_mag, None, None, pos)
            continue
        end = pos + len(unit.surface)
        value = value * mult
        if unit.surface == "元":
            sub = _SUBUNIT.match(ft, end)
            if sub:  # 123元1角1分
                jiao, fen, fen_only = sub.groups()
                value += Decimal(jiao or 0) / 10 + Decimal(fen or fen_only or 0) / 100
                end = sub.end()
        q = Quantity(m.start(), end, value, chinese, has_mag, unit, qual, m.start() + cut)
        # the reading that covers most text wins: 0.6|百分点 over 0.6百|分; on a tie
        # the longer unit (tried later): 120万|千瓦 over 120万千|瓦
        if best is None or q.end >= best.end:
            best = q
    return best or fallback


def protected_spans(ft: str) -> list[tuple[int, int]]:
    """Quoted phrases and titles: numbers inside them are names, not figures."""
    spans = []
    for open_, close, limit in (("“", "”", 40), ("《", "》", 120), ("「", "」", 40), ("〈", "〉", 60)):
        for m in re.finditer(re.escape(open_) + "[^" + re.escape(close + open_) + "\n]{0,%d}" % limit
                             + re.escape(close), ft):
            spans.append((m.start(), m.end()))
    for m in re.finditer(r'"[^"\n]{0,40}"', ft):
        spans.append((m.start(), m.end()))
    return spans


def _inside(pos: int, spans: Protected) -> bool:
    return pos in spans


def _excluded_before(ft: str, start: int) -> bool:
    before = ft[max(0, start - 6):start]
    return any(p.search(before) for p in load().exclude_before)


def _is_date(ft: str, q: Quantity) -> bool:
    if q.unit and q.unit.unit != "年":
        return False
    after = ft[q.num_end:q.num_end + 4]
    if q.unit is None:
        return any(p.match(after) for p in load().date_after)
    # N年: a year (2021年) unless a small count of years (3年); 近5年来 is a period
    data = load()
    return (not q.chinese and q.value == q.value.to_integral_value() and int(q.value) in YEAR) \
        or after[1:2] in ("度", "级", "代", "底", "初", "末") \
        or bool(data.years_span_before.search(ft[max(0, q.start - 2):q.start])) \
        or bool(data.years_span_after.match(ft[q.end:q.end + 2]))


def _suffix_qualifier(ft: str, pos: int, unit: Unit) -> tuple[str | None, int]:
    for cue, qual in load().after:
        if ft.startswith(cue, pos):
            return qual, pos + len(cue)
    # 2年内 / 3个工作日内: 内 only bounds durations (3项内容 is not a bound)
    if unit.kind == "duration" and ft.startswith("内", pos):
        return "at_most", pos + 1
    return None, pos


def _prefix_qualifier(ft: str, start: int) -> str | None:
    data = load()
    left = start
    # wide enough to hold a whole cue ending near_gap characters before the number
    while (left > 0 and ft[left - 1] not in DELIMS and not ft[left - 1].isdigit()
           and start - left < data.near_gap + 4):
        left -= 1
    window = ft[left:start]
    best, best_pos = None, -1
    for cue, qual in data.before:
        i = window.rfind(cue)
        if i < 0 or len(window) - (i + len(cue)) > data.near_gap:
            continue
        end = i + len(cue)
        # 高于全国平均水平1.2个百分点: a gap to a standard, not a bound
        if cue in data.metric["comparisons"] and any(w in window[end:] for w in data.metric["standards"]):
            continue
        touching = end == len(window) or window[end:] in ("为", "于", "达", "达到", "在")
        if len(cue) == 1 and (not touching or window[:end].endswith(data.not_cues)):
            continue
        if end > best_pos:
            best, best_pos = qual, end
    return best


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
    while True:
        m = NUMERAL_RE.search(ft, pos, end)
        if not m:
            break
        pos = m.end()
        if _inside(m.start(), protected) or _excluded_before(ft, m.start()):
            pending = []
            continue
        q = read_quantity(ft, m)
        if q is None:
            pending = []
            continue
        pos = max(pos, q.end)
        if _is_date(ft, q):
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
            implied = _implied_unit(ft, q) if q.has_mag else None
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
        if q.chinese and (q.value == 1 and not q.has_mag or _lexical(ft, q)
                          or data.vague_before.search(ft[max(0, q.start - 1):q.start])
                          or q.unit.surface != "个" and ft[q.end:q.end + 1] in data.cn_place_after
                          and ft[q.end:q.end + 1]):
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
    hits += [h for h in per_hundred(ft, protected) + doublings(ft, protected) if start <= h.start < end]
    hits.sort(key=lambda h: h.start)
    return hits


_PER_HUNDRED = re.compile(rf"百分之(?P<n>{_ARABIC}|[{CN_DIGITS}十百]+)")


def per_hundred(ft: str, protected) -> list[Hit]:
    """百分之八十 -> 80 %."""
    pct = next(u for u in load().units if u.surface == "%")
    out = []
    for m in _PER_HUNDRED.finditer(ft):
        v = parse_number(m.group("n"))
        if v is None or _inside(m.start(), protected):
            continue
        hit = Hit(m.start(), m.end(), v, pct, None, _prefix_qualifier(ft, m.start()))
        suf, end = _suffix_qualifier(ft, m.end(), pct)
        if suf:
            hit.qualifier, hit.end = suf, end
        out.append(hit)
    return out


def doublings(ft: str, protected) -> list[Hit]:
    """翻一番 -> 2 倍, 翻两番 -> 4 倍, 翻番 -> 2 倍."""
    times = next(u for u in load().units if u.surface == "倍")
    out = []
    for m in load().doubling.finditer(ft):
        n = parse_number(m.group("n")) if m.group("n") else Decimal(1)
        if n is None or n > 10 or _inside(m.start(), protected):
            continue
        out.append(Hit(m.start(), m.end(), Decimal(2) ** int(n), times, None,
                       _prefix_qualifier(ft, m.start())))
    return out


def _implied_unit(ft: str, q: Quantity) -> Unit | None:
    """覆盖人口超100万: the unit the noun right before a unit-less number implies,
    when nothing but a clause mark or a bound (以上) follows the number."""
    data = load()
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
    return None


@cache
def _implied_cues() -> list[str]:
    return sorted([c for c, _ in load().before] + ["达到", "达", "为", "有", "共", "约", "超"],
                  key=len, reverse=True)


@cache
def _implied_nouns() -> list[tuple[str, str]]:
    return sorted(load().implied_unit.items(), key=lambda kv: -len(kv[0]))


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
    suf, pos2 = _suffix_qualifier(ft, pos, q.unit)
    after = ft[pos:pos + 6]
    if any(p.match(after) for p in data.exclude_after):
        return None
    if data.group_after.match(after) and data.group_before.search(ft[max(0, start - 2):start]):
        return None
    qual = qualifier or suf or _prefix_qualifier(ft, start)
    if qualifier == "range":
        qual = "range"
    end = pos2 if suf else pos
    if value_max is not None and value_max <= value:
        return None
    return Hit(start, end, value, q.unit, value_max, qual, per)
