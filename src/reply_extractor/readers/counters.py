"""List numbers as drawn in front of numbered paragraphs: Word's number formats
(ST_NumberFormat: chineseCounting, upperRoman …), which the .docx reader
renders, and the CSS list-style types an HTML <ol> maps onto them."""
from __future__ import annotations

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _chinese_counting(n: int, digits: str = _CN_DIGITS, units: str = "十百千",
                      zero: bool = True, drop_leading_one: bool = True) -> str:
    """Chinese counting numerals below 10000: 11 -> 十一, 105 -> 一百零五."""
    if n == 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    out, pending_zero = [], False
    parts = [(n // 1000, units[2]), (n // 100 % 10, units[1]), (n // 10 % 10, units[0]),
             (n % 10, "")]
    for d, unit in parts:
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero and zero:
            out.append("零" if digits is _CN_DIGITS else digits[0])
        pending_zero = False
        out.append(digits[d] + unit)
    s = "".join(out)
    if drop_leading_one and 10 <= n < 20:
        s = s[1:]  # 十一, not 一十一
    return s


def _alpha(n: int, upper: bool) -> str:
    """A..Z, then AA, BB ... as Word does."""
    if n <= 0:
        return str(n)
    letter = chr((n - 1) % 26 + (65 if upper else 97))
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                       (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                       (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _enclosed(n: int, ranges: tuple[tuple[int, int, int], ...]) -> str:
    for lo, hi, base in ranges:
        if lo <= n <= hi:
            return chr(base + n - lo)
    return str(n)


_CIRCLED = ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1))


def format_number(n: int, fmt: str) -> str:
    """Render `n` in Word number format `fmt` (ST_NumberFormat)."""
    if fmt in ("chineseCounting", "taiwaneseCounting"):
        return _chinese_counting(n) if n < 100 else "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand"):
        return _chinese_counting(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "japaneseCounting":
        return _chinese_counting(n, zero=False, drop_leading_one=False).replace(
            "一十", "十").replace("一百", "百").replace("一千", "千") if n else "〇"
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese_counting(n, digits=_CN_LEGAL, units="拾佰仟", drop_leading_one=False)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("upperLetter", "lowerLetter"):
        return _alpha(n, fmt == "upperLetter")
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, _CIRCLED)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, ((1, 20, 0x2474),))
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, ((1, 20, 0x2488),))
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal and anything we do not know


# CSS list-style-type -> (Word number format, the text after the number as a
# browser draws it); types with no number (disc, none …) are left out.
CSS_LIST_STYLES = {
    "decimal": ("decimal", "."), "decimal-leading-zero": ("decimalZero", "."),
    "cjk-ideographic": ("chineseCounting", "、"), "simp-chinese-informal": ("chineseCounting", "、"),
    "trad-chinese-informal": ("chineseCounting", "、"), "cjk-decimal": ("ideographDigital", "、"),
    "simp-chinese-formal": ("chineseLegalSimplified", "、"),
    "lower-alpha": ("lowerLetter", "."), "lower-latin": ("lowerLetter", "."),
    "upper-alpha": ("upperLetter", "."), "upper-latin": ("upperLetter", "."),
    "lower-roman": ("lowerRoman", "."), "upper-roman": ("upperRoman", "."),
    "cjk-heavenly-stem": ("ideographTraditional", "、"), "cjk-earthly-branch": ("ideographZodiac", "、"),
}
# <ol type="…"> -> CSS list-style-type
OL_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}


def css_label(n: int, list_style: str) -> str | None:
    """The marker a browser draws before item `n` of a list of this style, or None."""
    style = CSS_LIST_STYLES.get(list_style)
    return format_number(n, style[0]) + style[1] if style else None


def int_attr(value: str | None, default: int | None = None) -> int | None:
    """A list's number attribute (w:start, <ol start>, <li value>) as an integer,
    or `default` when it is missing or malformed."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
