"""Read one quantity in running text: a numeral (arabic, Chinese or mixed, 1.2万,
三千), its magnitude words, its unit (the longest unit of data/figures.toml
that follows), 角/分, and the qualifiers around it (不低于, 余, 以上).

Works on `fold(text)` (same length as the text) so every offset is an offset
into the document text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ...numbers import MAGNITUDES as MAG, PLAIN_DIGITS as CN_DIGITS, parse_number
from ...rules import alternation
from .data import Unit, load

MAG_CHARS = "".join(MAG)
# Magnitude characters a numeral may give up to the unit after it (1860万千瓦时:
# 千 begins 千瓦时): no unit starts with more than two.
MAX_MAG_CUT = 2
ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"


# A Chinese numeral's decimal part, read only before a magnitude word (二点六亿)
# or, in the figures scanner, what may follow a numeral (零点五个百分点, 一点五倍):
# 三点建议, 八点三十分 and 一点一滴 hold no decimal.
def chinese_point(follow: str = "") -> str:
    return rf"(?:点[{CN_DIGITS}]+(?=[万萬亿億{follow}])[{MAG_CHARS}]*)"


CHINESE_POINT = chinese_point()


def numeral_pattern(chinese_guard: str = "", point: str = CHINESE_POINT) -> re.Pattern:
    """An Arabic numeral (ARABIC, magnitude words, digits after them) or a Chinese
    one, `chinese_guard` (a lookahead) tested after a Chinese numeral's first
    character. That first character is read by a class of its own, so that re
    scans the text for it in C (a pattern led by a lookahead or a group is tried
    at every position); a lookbehind then says which kind of numeral it starts,
    and the rest of ARABIC follows (its first digit already read)."""
    return re.compile(rf"[\d{CN_DIGITS}{MAG_CHARS}](?:"
                      rf"(?<=\d)(?:\d{{0,2}}(?:,\d{{3}})+(?!\d)|\d*)(?:\.\d+)?"
                      rf"[{MAG_CHARS}]*(?:(?<=[{MAG_CHARS}])\d+(?:[{MAG_CHARS}]+\d*)?)?"
                      rf"|{chinese_guard}[{CN_DIGITS}{MAG_CHARS}]*{point}?)")


NUMERAL_RE = numeral_pattern()
MAG_SET = frozenset(MAG_CHARS)
_ONE = Decimal(1)
_BIG_NUMERAL = re.compile("[百千万萬亿億佰仟]")
_SUBUNIT = re.compile(r"(\d)角(?:(\d)分)?|(\d)分")
DELIMS = "，,。；;：:！？!?\n\t、（）()“”\"《》"
SPACES = " \u3000\u00a0"


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


@dataclass(slots=True)
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


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    value: Decimal
    unit: Unit
    value_max: Decimal | None = None
    qualifier: str | None = None
    per: str | None = None


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


def match_unit(ft: str, pos: int, wordlike: bool) -> Unit | None:
    """The unit at `pos`; `wordlike`: after a numeral that may be part of a word
    (a Chinese one, not a decimal), which arabic_only units refuse."""
    if pos >= len(ft):
        return None
    for u in _units_by_first_char().get(ft[pos], ()):
        if ft.startswith(u.surface, pos):
            if wordlike and u.arabic_only and not ft.startswith(u.chinese_keeps, pos + len(u.surface)):
                return None
            nxt = ft[pos + len(u.surface): pos + len(u.surface) + 1]
            if nxt and nxt in u.word_after and not ft.startswith(u.word_after_keeps, pos + len(u.surface)):
                return None
            return u
    return None


def read_quantity(ft: str, m: re.Match) -> Quantity | None:
    """The numeral matched by `m` plus 余/多, trailing magnitude words and unit."""
    raw = m.group()
    chinese = not raw[0].isdigit()  # an Arabic numeral starts with a digit
    lone_qual = None
    if chinese and not _acceptable_cn(raw):
        lone_qual = _lone_magnitude_cue(ft, m.start(), raw)
        if lone_qual is None and not _lone_magnitude_before_unit(ft, m.start(), raw):
            return None
    between = load().between
    start = m.start()
    # Magnitude characters at the end may begin the unit instead (1860万千瓦时:
    # 千 belongs to 千瓦时), so also try the numeral without them.
    cuts = [len(raw)]
    while cuts[-1] > 1 and raw[cuts[-1] - 1] in MAG_SET and len(raw) - cuts[-1] < MAX_MAG_CUT:
        cuts.append(cuts[-1] - 1)
    fallback = best = None
    for cut in cuts:
        num = raw[:cut]
        value = parse_number(num)
        if value is None:
            continue
        pos = start + cut
        qual, mult = None, _ONE
        has_mag = not MAG_SET.isdisjoint(num)
        # a decimal or a numeral of hundreds and more is no word: 五十八点二岁, 四百六十对, 一万间
        wordlike = chinese and "点" not in num and not (len(num) > 1 and _BIG_NUMERAL.search(num))
        wordlike = wordlike and not ft.endswith(load().stretch_before, 0, start)  # 为期三年: a stretch
        # 三千余万元 / 3.6亿余元 / 1.2万余人次 / 900多份
        if ft[pos:pos + 1] in between:  # ("" is no key: the end of the text)
            after_q, mags = pos + 1, ""
            while after_q < len(ft) and ft[after_q] in "万萬亿億":
                mags += ft[after_q]
                after_q += 1
            if match_unit(ft, after_q, wordlike):
                qual = between[ft[pos]]
                for c in mags:
                    mult *= MAG[c]
                has_mag = has_mag or bool(mags)
                pos = after_q
        unit = match_unit(ft, pos, wordlike)
        if unit is None and not chinese and ft[pos:pos + 1] in SPACES:
            spaced = match_unit(ft, pos + 1, chinese)  # 12.3 %: a symbol after a space
            if spaced and not _is_han(spaced.surface[0]):
                unit, pos = spaced, pos + 1
        if unit is None:
            if fallback is None:  # built only if no reading has a unit
                fallback = (pos, value, has_mag)
            continue
        end = pos + len(unit.surface)
        value = value * mult
        if qual is None:  # 6个多月: the bound written inside the unit
            qual = next((between[c] for c in unit.surface if c in between), None)
        if unit.surface == "元":
            sub = _SUBUNIT.match(ft, end)
            if sub:  # 123元1角1分
                jiao, fen, fen_only = sub.groups()
                value += Decimal(jiao or 0) / 10 + Decimal(fen or fen_only or 0) / 100
                end = sub.end()
        q = Quantity(start, end, value, chinese, has_mag, unit, qual, start + cut)
        # the reading that covers most text wins: 0.6|百分点 over 0.6百|分; on a tie
        # the longer unit (tried later): 120万|千瓦 over 120万千|瓦
        if best is None or q.end >= best.end:
            best = q
    if lone_qual:  # 近万人: no unit, no number (万人计划 stays a word)
        if best is None:
            return None
        best.qualifier = best.qualifier or lone_qual
    if best is None and fallback is not None:
        pos, value, has_mag = fallback
        return Quantity(start, pos, value, chinese, has_mag, None, None, pos)
    return best


def _lone_magnitude_cue(ft: str, start: int, raw: str) -> str | None:
    """The qualifier of a lone magnitude word after its cue (近万人, 上万人次, 逾千家), or None."""
    if len(raw) != 1 or raw not in MAG:
        return None
    data = load()
    for cue, qual in data.lone_cues:
        if ft.endswith(cue, 0, start) and not ft.endswith(data.lone_not_after, 0, start - len(cue)):
            return qual
    return None


def _lone_magnitude_before_unit(ft: str, start: int, raw: str) -> bool:
    """万余人, 千余家: a lone magnitude word, 余/多 and a unit (not 成千余人, nor the 万
    of "2 万多项"; 数万余人 the scan drops as vague)."""
    end = start + len(raw)
    before = ft[max(0, start - 8):start].rstrip(SPACES)[-1:]
    return (len(raw) == 1 and raw in MAG and ft[end:end + 1] in load().between
            and not (before.isdigit() or before in CN_DIGITS)
            and not ft.endswith(load().lone_unit_not_after, 0, start)
            and match_unit(ft, end + 1, True) is not None)


@cache
def _after_cues_by_char() -> dict[str, tuple[tuple[str, str], ...]]:
    """The cues of load().after starting with each character, in their order there."""
    out: dict[str, list[tuple[str, str]]] = {}
    for cue, qual in load().after:
        out.setdefault(cue[0], []).append((cue, qual))
    return {c: tuple(cs) for c, cs in out.items()}


def suffix_qualifier(ft: str, pos: int, unit: Unit) -> tuple[str | None, int]:
    # only the cues starting with the character at pos can start there
    for cue, qual in _after_cues_by_char().get(ft[pos:pos + 1], ()):
        if ft.startswith(cue, pos):
            return qual, pos + len(cue)
    # 2年内 / 3个工作日内: 内 only bounds durations (3项内容 is not a bound)
    if unit.kind == "duration" and ft.startswith("内", pos):
        return "at_most", pos + 1
    return None, pos


@cache
def _any_before_cue() -> re.Pattern:
    return re.compile(alternation(cue for cue, _ in load().before))


def prefix_qualifier(ft: str, start: int) -> str | None:
    data = load()
    # wide enough to hold a whole cue ending near_gap characters before the number
    left, lowest = start, max(0, start - data.near_gap - 4)
    # the window below lies in ft[lowest:start]: no cue there (most figures), none in it
    if _any_before_cue().search(ft, lowest, start) is None:
        return None
    while left > lowest:
        c = ft[left - 1]
        if c in DELIMS or c.isdigit():
            break
        left -= 1
    window = ft[left:start]
    best, best_pos = None, -1
    present = [(cue, qual) for cue, qual in data.before if cue in window]  # (few are)
    for cue, qual in present:
        i = window.rfind(cue)
        if len(window) - (i + len(cue)) > data.near_gap:
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
