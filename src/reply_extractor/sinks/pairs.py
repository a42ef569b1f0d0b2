"""The `bi` rendering the search index holds: overlapping character pairs.

Within each run of letters and digits (`re`'s \\w), each character gives the
pair it starts, and the run's last character is given alone: `ab bc c` for
`abc`. Any word of two or more characters is then an exact phrase of
consecutive pairs, and one character a prefix.

A reply's text is rendered once (`TextPairs`), by array operations over its
code points rather than a Python object per pair — indexing is dominated by
the reply texts —; a passage that is a span of the text takes a slice of that
rendering. Both renderings give the same tokens as `pairs`; only the runs of
spaces between them differ, which the FTS tokenizer ignores.
"""
from __future__ import annotations

import re
from functools import lru_cache

# At each letter or digit: the pair it starts, or itself when it ends its run.
_PAIR = re.compile(r"(?=(\w\w?))\w")
SPACE = 32


def pairs(text: str) -> str:
    """The `bi` rendering of a (folded) text: `ab bc c` for `abc`."""
    return " ".join(_PAIR.findall(text))


@lru_cache(maxsize=1)
def _word_table():
    """Whether each code point of the Basic Multilingual Plane is a letter or
    digit as `re`'s \\w has it (str.isalnum() or the underscore)."""
    import numpy as np
    points = range(0x10000)
    return np.fromiter((chr(c).isalnum() or c == 0x5F for c in points), dtype=bool, count=len(points))


def load_word_table() -> None:
    """Import numpy and build the table now (a batch does it before its
    workers fork, so that they share both)."""
    _word_table()


class TextPairs:
    """The rendering of a whole (folded) text, made once, sliced per span.

    Each character becomes three code points — itself (or a space when it is
    not a letter or digit), the next character when both are letters or
    digits (else a space), a space — so that a span's rendering is a slice of
    the whole with its last character unpaired."""

    def __init__(self, text: str):
        self.text = text
        self.utf32 = self._render(text)

    @staticmethod
    def _render(text: str) -> bytes | None:
        import numpy as np
        try:
            points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        except UnicodeEncodeError:  # a lone surrogate: rendered pair by pair instead
            return None
        if points.size and int(points.max()) >= 0x10000:  # beyond the table: rare, by regex
            return None
        word = _word_table()[points]
        grid = np.full((points.size, 3), SPACE, dtype=np.uint32)
        grid[:, 0] = np.where(word, points, SPACE)
        both = word[:-1] & word[1:]
        grid[:-1, 1] = np.where(both, points[1:], SPACE)
        return grid.tobytes()

    def span(self, start: int, end: int) -> str:
        """The rendering of text[start:end]."""
        if self.utf32 is None:
            return pairs(self.text[start:end])
        if end <= start:
            return ""
        # rows start..end-2 whole, the last row's own character only (its run ends here)
        return self.utf32[12 * start: 12 * (end - 1) + 4].decode("utf-32-le")
