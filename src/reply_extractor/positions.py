"""Position lookups over one text by bisection, for extractors that ask about
hundreds of positions of a long (often one-line) page: walking back from each
position, or testing each against every span, is quadratic.

- `Stops`: the start, end and bounds of the sentence or clause around a position
  (the same answers as textutil.sentence_bounds and the walk-back loops, and
  the same budget: at most MAX_SENTENCE characters each side).
- `Protected`: whether a position lies inside any of a set of spans.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from .textutil import MAX_SENTENCE, SENTENCE_END, stop_marks


class Stops:
    """The stop marks (`delims`) of one text, for the start and bounds of the
    sentence or clause around many positions by bisection: a one-line page holds
    hundreds of figures, and walking back from each is quadratic."""

    def __init__(self, text: str, delims: str = SENTENCE_END):
        self.text = text
        self.stops = stop_marks(text, delims)

    def start(self, pos: int, floor: int = 0) -> int:
        """After the last stop mark before `pos` (not before `floor`): sentence_start."""
        i = bisect_left(self.stops, pos) - 1
        return max(self.stops[i] + 1 if i >= 0 else 0, min(floor, pos), pos - MAX_SENTENCE)

    def end(self, pos: int) -> int:
        """The first stop mark at or after `pos` (len(text) if none)."""
        j = bisect_left(self.stops, pos)
        return min(self.stops[j] if j < len(self.stops) else len(self.text), pos + MAX_SENTENCE)

    def bounds(self, pos: int) -> tuple[int, int]:
        """textutil.sentence_bounds(text, pos), with these stop marks."""
        text = self.text
        start, end = self.start(pos), self.end(pos)
        if end < len(text) and text[end] != "\n":
            end += 1
        while start < end and text[start].isspace():
            start += 1
        return start, end


class Protected:
    """Quoted phrases and titles (protected_spans), merged, for lookups by bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]
