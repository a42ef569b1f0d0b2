"""Length-preserving text folding, so matches on folded text keep their offsets."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

# Full-width ASCII (！ .. ～) to half-width, ideographic space to space: one
# character for one, so an offset into the folded text is an offset into the
# original.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
# Zero-width characters stay in `text` (spans must address the text as read)
# but are folded to a plain space so patterns do not trip on them.
for _zw in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
    _WIDTH[_zw] = 0x20


def _folder(table: dict[int, int]):
    """str.translate(table) as a regex substitution: translate looks up every
    character of a Chinese text in the dict (4x slower on a reply), the regex
    visits only the few full-width ones."""
    chars = {chr(c): chr(to) for c, to in table.items()}
    marks = re.compile("[" + re.escape("".join(sorted(chars))) + "]")
    swap = chars.__getitem__
    return lambda text: marks.sub(lambda m: swap(m.group()), text)


_fold = _folder(_WIDTH)


def fold(text: str) -> str:
    """Half-width digits/letters/punctuation; same length as `text`."""
    return _fold(text)


# The same folding with the full-width comma kept: figures read it as a list
# separator, never as a thousands separator (15，100万元).
_WIDTH_KEEP_COMMA = {c: to for c, to in _WIDTH.items() if c != ord("，")}
_fold_keep_comma = _folder(_WIDTH_KEEP_COMMA)


def fold_keep_comma(text: str) -> str:
    """fold(text), but a full-width comma stays one (it lists: 15，100万元) unless it
    groups thousands between full-width digits (８，９３０名, a text typed in full
    width throughout); a space grouping thousands before a unit (1 200户) is
    read as a comma. Same length as `text`."""
    return with_thousand_groups(text, _fold_keep_comma(text))


_WIDE_THOUSANDS = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")
# 1 200户, 8 460户: one space between a group of 1-3 digits and one of 3, a unit after
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}( )\d{3}(?=[\u4e00-\u9fff%])")


def _line_at(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[text.rfind("\n", 0, pos) + 1:end if end >= 0 else len(text)]


def with_thousand_groups(text: str, kept: str) -> str:
    """`kept` (text folded, full-width commas kept) with the marks grouping
    thousands read as commas: a full-width comma between full-width digits, a
    space between digit groups before a unit (not in a table's row, whose cells
    spaces set apart)."""
    hits = [m.start() for m in _WIDE_THOUSANDS.finditer(text)] if "，" in text else []
    if " " in text:
        hits += [m.start(1) for m in _SPACED_THOUSANDS.finditer(text) if not is_table_row(_line_at(text, m.start()))]
    if not hits:
        return kept
    chars = list(kept)
    for i in hits:
        chars[i] = ","
    return "".join(chars)


@lru_cache(maxsize=8)
def folded(text: str) -> str:
    """fold(text) computed once for a whole document's text (layout, meta,
    measures, split and commitments all fold the same text)."""
    return fold(text)


# A blank within a line (space, tab, ideographic space …), for patterns. re
# compiles a class holding a character above U+00FF, such as [ \t\u3000], into
# a 64K bitmap (~0.1 ms); this category test takes ~10 µs, which counts where a
# label repeats it between every two characters.
INLINE_SPACE = r"[^\S\n\r\f\v]"


def is_inline_space(ch: str) -> bool:
    """INLINE_SPACE as a test of one character."""
    return ch.isspace() and ch not in "\n\r\f\v"

SENTENCE_END = "。！？!?；;\n"

# Budgets: the sentence or clause around a position reaches at most this far on
# each side. Real ones are far shorter; a page that is one endless sentence must
# not make every item read (and rescan) all of it.
MAX_SENTENCE = 1000
MAX_CLAUSE = 400


@lru_cache(maxsize=64)
def stop_marks(text: str, ends: str) -> list[int]:
    """Offsets of every stop mark of `ends` in `text`, found once per text: the
    bounds below bisect them instead of walking characters (a reply that is one
    long sentence would make that quadratic). Cached and shared: read only."""
    return [m.start() for m in _marks_re(ends).finditer(text)] if ends else []


@lru_cache(maxsize=None)
def _marks_re(ends: str) -> re.Pattern:
    return re.compile("[" + re.escape(ends) + "]")


def _after_stop(text: str, pos: int, ends: str, reach: int = MAX_SENTENCE) -> int:
    """Just after the last stop mark before `pos` (0 when there is none), at most
    `reach` characters back."""
    stops = stop_marks(text, ends)
    i = bisect_left(stops, pos)
    return max(stops[i - 1] + 1 if i else 0, pos - reach)


def _next_stop(text: str, pos: int, ends: str, reach: int = MAX_SENTENCE) -> int:
    """The first stop mark at or after `pos` (len(text) when there is none), at
    most `reach` characters on."""
    stops = stop_marks(text, ends)
    i = bisect_left(stops, pos)
    return min(stops[i] if i < len(stops) else len(text), pos + reach)


def sentence_bounds(text: str, pos: int, ends: str = SENTENCE_END) -> tuple[int, int]:
    """The [start, end) of the sentence around `pos`, end including its stop mark."""
    start = _after_stop(text, pos, ends)
    end = _next_stop(text, pos, ends)
    if end < len(text) and text[end] != "\n":
        end += 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding whitespace (incl. ideographic space)."""
    while start < end and (text[start].isspace() or text[start] in "\u200b\ufeff"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\u200b\ufeff"):
        end -= 1
    return start, end


_SPACES = re.compile(r"[ \t\u3000\u00a0\u200b\ufeff]+")


def squeeze(s: str) -> str:
    """Drop inner spacing ("任 帅" -> "任帅") for values that are names or titles."""
    return _SPACES.sub("", s)


CLAUSE_END = "，,。；;！？!?：:\n"


def clause_start(text: str, pos: int, ends: str = CLAUSE_END, limit: int | None = None) -> int:
    """Where the clause holding `pos` starts (after the last stop mark before it),
    looking back at most `limit` characters."""
    start = _after_stop(text, pos, ends, MAX_CLAUSE)
    return start if limit is None else max(start, pos - limit, 0)


def clause_end(text: str, pos: int, ends: str = CLAUSE_END, limit: int | None = None) -> int:
    """Where the clause holding `pos` ends (its first stop mark at or after
    `pos`), looking on at most `limit` characters."""
    end = _next_stop(text, pos, ends, MAX_CLAUSE)
    return end if limit is None else min(end, pos + limit, len(text))


def clause_bounds(text: str, pos: int, ends: str = CLAUSE_END) -> tuple[int, int]:
    """The [start, end) of the clause around `pos`, stop marks excluded (at most
    MAX_CLAUSE characters each side)."""
    return clause_start(text, pos, ends), _next_stop(text, pos, ends, MAX_CLAUSE)


def lines(text: str) -> list[tuple[int, int]]:
    """[start, end) of every line, newline excluded."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """The [start, end) of the line holding `pos`, newline excluded."""
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def name_form(s: str) -> str:
    """NFKC (full-width digits and letters to half-width) and no inner spacing:
    a name as compared (the length may change, unlike fold)."""
    return squeeze(unicodedata.normalize("NFKC", s or "")).strip()


# Between the cells of a table written as text lines: a tab, or a run of
# ideographic spaces or of two or more spaces with text on both sides
# (indentation is no gap). Each branch opens with its literal, so that re
# scans for it in C.
CELL_GAP = re.compile(r"\t|\u3000(?<=\S\u3000)\u3000*(?=\S)| (?<=\S )(?: )+(?=\S)")


def is_table_row(line: str) -> bool:
    """A line of tab-separated cells, or of three or more cells set apart by
    spaces (项目名称　投资（万元）　完成率); two, such as a 文号 and a category
    on one letterhead line, make no table."""
    return has_table_row(line)


def has_table_row(text: str) -> bool:
    """Whether any line of `text` is a table row (is_table_row), found from
    its gaps alone: most texts have none, or one on a letterhead line."""
    if "\t" in text:
        return True
    last_line, count = None, 0
    for m in CELL_GAP.finditer(text):
        line = text.rfind("\n", 0, m.start())
        count = count + 1 if line == last_line else 1
        last_line = line
        if count >= 2:
            return True
    return False


def cell_spans(line: str, start: int = 0) -> list[tuple[int, int]]:
    """The cells of a table row: the text between its gaps, offset by `start`."""
    out, pos = [], 0
    for m in CELL_GAP.finditer(line):
        out.append((start + pos, start + m.start()))
        pos = m.end()
    out.append((start + pos, start + len(line)))
    return out
