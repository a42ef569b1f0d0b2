"""Exact numbers from Arabic, Chinese and mixed numerals, as Decimal.

    parse_number("320.2亿") == Decimal("32020000000")
    parse_number("三千余万") is None   # 余 is a qualifier: strip it first
    parse_number("1.2万") == Decimal("12000"); parse_number("3万4千") == 34000
    parse_number("二〇二三") == 2023; parse_number("十八") == 18
    parse_number("二点六亿") == Decimal("260000000")
"""
from __future__ import annotations

import re
from decimal import Context, Decimal, InvalidOperation, localcontext
from functools import lru_cache

from .textutil import fold

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2,
             "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
             "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "万亿": 10**12}

DIGIT_CHARS = "".join(CN_DIGITS)
# The digits and magnitude words of everyday running text (no financial forms
# 壹贰, no 拾佰): what the figures scanner reads as a numeral.
PLAIN_DIGITS = "零〇一二两三四五六七八九"
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
UNIT_CHARS = "".join(SMALL_UNITS) + "万萬亿億"
# One numeral as it appears in running text: Arabic (with , separators and a
# decimal part) and/or Chinese digits and magnitude words.
NUMERAL = (rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?[{UNIT_CHARS}]*"
           rf"(?:[\d{DIGIT_CHARS}]+[{UNIT_CHARS}]*)*"
           rf"|[{DIGIT_CHARS}{UNIT_CHARS}]+)")
NUMERAL_RE = re.compile(NUMERAL)

# Exact arithmetic room: values up to 10^40 with their decimals stay exact.
PRECISION = 60
# An Arabic numeral with more integer digits is an identifier (an ID or account
# number), not a quantity; a value beyond 10^MAX_EXPONENT is no quantity either
# (万万万… repeated).
MAX_INTEGER_DIGITS = 20
MAX_EXPONENT = 40
_ONE = Decimal(1)

_TOKEN = re.compile(rf"\d+(?:\.\d+)?|万亿|[{DIGIT_CHARS}]|[{UNIT_CHARS}]")
# A Chinese decimal, with or without its magnitude: 二点六亿 (2.6亿), 十二点五万,
# 八点六 (of 百分之八点六). The digits after 点 are read one by one (点六五 = .65).
CHINESE_DECIMAL = re.compile(rf"([{DIGIT_CHARS}{''.join(SMALL_UNITS)}]+)点([{DIGIT_CHARS}]+)((?:万亿|[万萬亿億])*)")


# The context of every computation here: the default one with PRECISION digits
# (what localcontext() with prec=PRECISION gives under the default context),
# passed to the operations rather than entered for each number.
_CONTEXT = Context(prec=PRECISION)


@lru_cache(maxsize=4096)
def parse_number(s: str) -> Decimal | None:
    """The value of one numeral, or None when `s` is not wholly a numeral (or is
    an identifier-length or astronomically large one). Kept per numeral (a
    Decimal is immutable): years and small counts recur in every reply."""
    if s.isascii() and s.isdigit():  # 2023, 120: what the steps below make of it
        return Decimal(s) if len(s) <= MAX_INTEGER_DIGITS else None
    if _PLAIN.fullmatch(s):
        value = _parse_plain(s)
    else:
        with localcontext(_CONTEXT):
            value = _parse(s)
    if value is None or value.adjusted() > MAX_EXPONENT:
        return None
    return normalize(value)


# Most numerals are plain ASCII digits (2023, 12.5): read without tokenising.
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _parse_plain(s: str) -> Decimal | None:
    """_parse(s) for a numeral matching _PLAIN, the same value in the same context."""
    if len(s.partition(".")[0]) > MAX_INTEGER_DIGITS:
        return None
    return _CONTEXT.add(Decimal(0), Decimal(s))


def _parse(s: str) -> Decimal | None:
    s = fold(s).replace(",", "").strip()
    if not s:
        return None
    if "点" in s:
        return _parse_chinese_decimal(s)
    tokens = _TOKEN.findall(s)
    if "".join(tokens) != s:
        return None
    # Chinese digits with no magnitude word read positionally: 二〇二三 -> 2023.
    if len(tokens) > 1 and all(t in CN_DIGITS for t in tokens):
        if len(tokens) > MAX_INTEGER_DIGITS:
            return None
        return Decimal("".join(str(CN_DIGITS[t]) for t in tokens))
    total = Decimal(0)
    section = Decimal(0)
    number: Decimal | None = None
    last_unit = None  # the last magnitude applied, for colloquial 一千二 / 13万2
    for t in tokens:
        if t in CN_DIGITS:
            number = Decimal(CN_DIGITS[t]) if number is None or t not in "〇零○" else number
            if t in "〇零○":
                number = None
                last_unit = None  # 一千零五: the 五 is units, not hundreds
        elif t[0].isdigit():
            if number is not None:
                return None  # two Arabic numbers in a row
            if len(t.partition(".")[0]) > MAX_INTEGER_DIGITS:
                return None
            try:
                number = Decimal(t)
            except InvalidOperation:
                return None
        elif t in SMALL_UNITS:
            u = SMALL_UNITS[t]
            section += (number if number is not None else Decimal(1)) * u
            number, last_unit = None, u
        else:
            u = BIG_UNITS[t]
            if number is None and section == 0 and last_unit is not None:
                return None  # 万万 / 亿万…: a magnitude of nothing
            section += number if number is not None else Decimal(0)
            if section == 0 and total == 0:
                section = Decimal(1)  # a bare 万 / 亿
            if total and total < u:
                total = (total + section) * u
            else:
                total += section * u
            section, number, last_unit = Decimal(0), None, u
    if number is not None:
        # A trailing digit right after a magnitude is one step below it (一千二 = 1200).
        if last_unit and last_unit >= 100 and number < 10 and number == number.to_integral_value():
            number *= Decimal(last_unit) / 10
        section += number
    return total + section


def _parse_chinese_decimal(s: str) -> Decimal | None:
    m = CHINESE_DECIMAL.fullmatch(s)
    if not m:
        return None
    whole, magnitude = _parse(m.group(1)), (_parse(m.group(3)) if m.group(3) else Decimal(1))
    if whole is None or magnitude is None or whole != whole.to_integral_value():
        return None
    fraction = Decimal("0." + "".join(str(CN_DIGITS[c]) for c in m.group(2)))
    return (whole + fraction) * magnitude


def normalize(d: Decimal) -> Decimal:
    """Drop a trailing exponent/zeros without scientific notation (1.20E+3 -> 1200)."""
    if d.adjusted() >= PRECISION:  # too long to write out: left as it is
        return d
    if d == d.to_integral_value(context=_CONTEXT):
        return d.quantize(_ONE, context=_CONTEXT)
    return d.normalize(_CONTEXT)


def parse_int(s: str) -> int | None:
    d = parse_number(s)
    if d is None or d != d.to_integral_value():
        return None
    return int(d)
