"""Length-preserving text folding, so matches on folded text keep their offsets."""
from __future__ import annotations

import re

# Full-width ASCII (！ .. ～) to half-width, ideographic space to space: one
# character for one, so an offset into the folded text is an offset into the
# original.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
# Zero-width characters stay in `text` (spans must address the text as read)
# but are folded to a plain space so patterns do not trip on them.
for _zw in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
    _WIDTH[_zw] = 0x20


def fold(text: str) -> str:
    """Half-width digits/letters/punctuation; same length as `text`."""
    return text.translate(_WIDTH)


SENTENCE_END = "。！？!?；;\n"


def sentence_bounds(text: str, pos: int, ends: str = SENTENCE_END) -> tuple[int, int]:
    """The [start, end) of the sentence around `pos`, end including its stop mark."""
    start = pos
    while start > 0 and text[start - 1] not in ends:
        start -= 1
    end = pos
    while end < len(text) and text[end] not in ends:
        end += 1
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
