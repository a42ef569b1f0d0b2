"""A scanned page made ready for OCR (numpy on the page image).

- A red seal is taken out by its colour: real scans carry one, stamped over
  the issuer's name and the date, and Tesseract reads its ring and star as
  stray characters or loses the text under it. Black text under the seal stays
  (a pixel where the two inks overlap is dark, not red).
- Ruling lines (a table's grid, a frame, an underline) are found as long
  straight runs of dark pixels and erased, so Tesseract does not read them
  as 丨 | 一 or let them cut characters. Where vertical and horizontal rules
  make a grid of at least two columns, the grid is kept: the words OCR finds
  inside become table rows, cell by cell, as the PDF reader gives them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# A pixel darker than this is ink (0 black, 255 white).
INK = 160
# Red ink: the red channel this much above both others (a seal, a red stamp).
RED_MARGIN = 50


@dataclass
class Grid:
    """A ruled table: the y of its horizontal rules and the x of its vertical
    ones, in pixels, each sorted."""
    rows: list[float]
    cols: list[float]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the cell holding the point, None outside the grid."""
        if not (self.rows[0] <= y <= self.rows[-1] and self.cols[0] <= x <= self.cols[-1]):
            return None
        row = sum(1 for r in self.rows[1:-1] if y > r)
        col = sum(1 for c in self.cols[1:-1] if x > c)
        return row, col


def prepare(image) -> tuple[object, list[Grid]]:
    """(grey PIL image ready for OCR, tables found on it). `image`: a PIL
    image in any mode; one in colour has its red ink removed first."""
    from PIL import Image
    if image.mode not in ("L", "1", "I;16", "I"):
        image = without_red(image.convert("RGB"))
    grey = np.array(image.convert("L"))
    grids = erase_rules(grey)
    return Image.fromarray(grey), grids


def without_red(rgb):
    """The grey page of an RGB page (PIL), red ink turned white."""
    from PIL import ImageChops
    r, g, b = rgb.split()
    redness = ImageChops.subtract(r, ImageChops.lighter(g, b))  # 0 where not red
    grey = rgb.convert("L")
    grey.paste(255, mask=redness.point(lambda v: 255 if v > RED_MARGIN else 0))
    return grey


def erase_rules(grey: np.ndarray) -> list[Grid]:
    """Whiten the ruling lines of `grey` (in place); return the tables they make.

    A rule is a run of ink longer than a character's stroke: 1/15 of the page
    width across (a dash —— is shorter), 1/30 of its height down (a table's
    vertical rule runs through two rows at least). The grey fringe beside a
    rule goes with it."""
    height, width = grey.shape
    ink = grey < INK
    across = _runs(ink, max(120, width // 15))
    down_t = _runs(np.ascontiguousarray(ink.T), max(100, height // 30))
    grey[across] = 255
    grey[down_t.T] = 255
    return _grids(_segments(across), _segments(down_t))


def _runs(ink: np.ndarray, length: int, fringe: int = 2) -> np.ndarray:
    """The pixels lying in a horizontal run of ink at least `length` long,
    and `fringe` rows above and below it (the rule's grey edge)."""
    h, w = ink.shape
    padded = np.zeros((h, w + 2), np.int8)
    padded[:, 1:-1] = ink
    edges = np.diff(padded, axis=1).ravel()  # +1 where a run starts, -1 just after it ends
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    long = ends - starts >= length
    mask = np.zeros_like(ink)
    for start, end in zip(starts[long], ends[long]):
        row, col = divmod(int(start), w + 1)
        mask[max(0, row - fringe):row + fringe + 1, col:int(end) - row * (w + 1)] = True
    return mask


def _segments(mask: np.ndarray) -> list[tuple[float, float, float]]:
    """(position, start, end) of each rule in a mask of horizontal runs: rows
    next to each other are one rule (its thickness); one row band may hold
    rules that do not touch (two tables side by side)."""
    rows = np.flatnonzero(mask.any(axis=1))
    out: list[tuple[float, float, float]] = []
    if not len(rows):
        return out
    bands = np.split(rows, np.flatnonzero(np.diff(rows) > 2) + 1)
    for band in bands:
        cols = np.flatnonzero(mask[band[0]:band[-1] + 1].any(axis=0))
        for piece in np.split(cols, np.flatnonzero(np.diff(cols) > 2) + 1):
            out.append((float(band.mean()), float(piece[0]), float(piece[-1])))
    return out


def _grids(across: list[tuple[float, float, float]], down: list[tuple[float, float, float]]) -> list[Grid]:
    """Tables: vertical rules that overlap in height form one table when there
    are three or more (two columns); its horizontal rules are those inside."""
    down = sorted(down, key=lambda r: r[1])
    groups: list[list[tuple[float, float, float]]] = []
    for rule in down:
        for group in groups:
            top, bottom = min(r[1] for r in group), max(r[2] for r in group)
            if min(bottom, rule[2]) - max(top, rule[1]) > 0.5 * (rule[2] - rule[1]):
                group.append(rule)
                break
        else:
            groups.append([rule])
    grids = []
    for group in groups:
        if len(group) < 3:
            continue
        left, right = min(r[0] for r in group), max(r[0] for r in group)
        top, bottom = min(r[1] for r in group), max(r[2] for r in group)
        slack = 0.02 * (right - left) + 4
        rows = sorted({top, bottom} | {y for y, x0, x1 in across
                                       if top - slack <= y <= bottom + slack
                                       and min(x1, right) - max(x0, left) > 0.5 * (right - left)})
        rows = _merge_close(rows, 8)
        cols = _merge_close(sorted(r[0] for r in group), 8)
        if len(rows) >= 2 and len(cols) >= 3:
            grids.append(Grid(rows, cols))
    return grids


def _merge_close(values: list[float], gap: float) -> list[float]:
    out: list[float] = []
    for v in values:
        if out and v - out[-1] <= gap:
            out[-1] = (out[-1] + v) / 2
        else:
            out.append(v)
    return out


# A dash at least this share of the line's height long is a dash (—), not a
# hyphen (-): Tesseract reads both as -, and a year range is printed with
# either (2024—2035年, 2024-2025), so the ink tells which.
LONG_DASH = 0.5


def has_long_dash(ink: np.ndarray, left: int, top: int, width: int, height: int) -> bool:
    """Whether the word's box holds a dash as long as LONG_DASH of its
    height: a run of columns whose ink is one thin horizontal band (the
    strokes of the digits around it are taller)."""
    box = ink[top:top + height, left:left + width]
    if not box.size:
        return False
    has_ink = box.any(axis=0)
    first = np.where(has_ink, box.argmax(axis=0), 0)
    last = np.where(has_ink, box.shape[0] - 1 - box[::-1].argmax(axis=0), 0)
    thin = has_ink & (last - first <= height * 0.15)
    run = longest = 0
    for t in thin:
        run = run + 1 if t else 0
        longest = max(longest, run)
    return longest >= LONG_DASH * height
