"""Scanning paired marks with nesting: 《…〈…〉…》 titles and “…‘…’…” quotes.

Marks are paired with a stack, so an inner pair (〈〉 in 《》, ‘’ in “”, or a
same-kind 《《》》 written by mistake) stays inside its outer pair. A pair may
cross one line break that cuts a sentence (a hard-wrapped line), never a
paragraph end (a break after 。！？；：) nor two breaks, and an opener left
unclosed is dropped, so one stray mark does not swallow the rest of the text. Straight quotes (") carry no
direction (nor does the full-width ＂): within a line they alternate open/close.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, TypeVar

from ..rules import load as load_rules
from ..textutil import squeeze

T = TypeVar("T")

TITLE_MARKS = {"《": "》", "〈": "〉"}
PARAGRAPH_END = "。！？；：!?;:"
QUOTE_MARKS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "＂": "＂"}


@dataclass(frozen=True)
class Pair:
    open: int      # offset of the opening mark
    close: int     # offset of the closing mark
    mark: str      # the opening mark
    depth: int     # 0 = outermost within its family of marks

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close

    @property
    def outer(self) -> tuple[int, int]:
        return self.open, self.close + 1

    def contains(self, other: "Pair") -> bool:
        return self.open < other.open and other.close < self.close


def scan(text: str, marks: dict[str, str], max_len: int = 200) -> list[Pair]:
    """Every well-formed pair of `marks` in `text`, in order of the opening mark.

    Pairs whose content is longer than `max_len` characters are dropped (an
    opener whose closer is missing tends to pair with a far later mark).
    """
    # several extractors scan the same reply for the same marks: scan it once.
    # The limit only drops pairs (the marks pair the same whatever it is).
    return [p for p in _scan(text, tuple(marks.items())) if p.close - p.open - 1 <= max_len]


@lru_cache(maxsize=32)
def _scan(text: str, mark_items: tuple[tuple[str, str], ...]) -> tuple[Pair, ...]:
    marks = dict(mark_items)
    closers = {c: o for o, c in marks.items()}
    stack: list[tuple[str, int]] = []
    found: list[Pair] = []
    line_start = 0
    for hit in _marks_re(mark_items).finditer(text):  # only the marks and line breaks
        i, ch = hit.start(), hit.group()
        if ch == "\n":
            stack = [(m, at) for m, at in stack if at >= line_start and _wrapped(text, i)]
            line_start = i + 1
            continue
        is_open, is_close = ch in marks, ch in closers
        if is_open and is_close:  # a straight quote: closes when one is open
            is_open = not any(m == ch for m, _ in stack)
            is_close = not is_open
        if is_open:
            stack.append((ch, i))
        elif is_close:
            opener = closers[ch]
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == opener), None)
            if depth is None:
                continue  # a stray closer
            start = stack[depth][1]
            del stack[depth:]  # openers left unclosed inside are dropped
            found.append(Pair(start, i, opener, depth))
    found.sort(key=lambda p: p.open)
    return tuple(found)


@lru_cache(maxsize=None)
def _marks_re(mark_items: tuple[tuple[str, str], ...]) -> re.Pattern:
    chars = {"\n"} | {c for pair in mark_items for c in pair}
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def _wrapped(text: str, newline: int) -> bool:
    """The line break at `newline` cuts a sentence (not after 。 or a blank line)."""
    j = newline - 1
    while j >= 0 and text[j] in " \t\r\u3000":
        j -= 1
    return j >= 0 and text[j] != "\n" and text[j] not in PARAGRAPH_END


def name_of(raw: str) -> str:
    """The text between marks as a name: line breaks and spacing removed."""
    return squeeze(raw.replace("\r", "").replace("\n", "")).strip()


def outermost(pairs: list[Pair]) -> list[Pair]:
    """The pairs not nested inside another pair of the list."""
    return [p for p in pairs if not any(q.contains(p) for q in pairs)]


def is_quoted_title(name: str) -> bool:
    """“关于…的通知” written in quotes instead of 《》: a document title, not a
    programme or a slogan (the suffixes are data/policies.toml [bare])."""
    bare = load_rules("policies")["bare"]
    return (name.startswith("关于") and len(name) >= bare["min_length"]
            and any(name.endswith(w) for w in bare["suffixes"]))


def dedupe(items: list[T], key: Callable[[T], str], merge: Callable[[T, T], None] | None = None) -> list[T]:
    """One item per key, in order; a later item with the same key becomes an
    `other_spans` entry of the first (and `merge(first, later)` may copy fields)."""
    seen: dict[str, T] = {}
    out = []
    for it in items:
        k = key(it)
        if k in seen:
            seen[k].other_spans.append(list(it.span))
            if merge:
                merge(seen[k], it)
            continue
        seen[k] = it
        out.append(it)
    return out
