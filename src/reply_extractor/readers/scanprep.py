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
        grey = without_red(np.asarray(image.convert("RGB")))
    else:
        grey = np.asarray(image.convert("L")).copy()
    grids = erase_rules(grey)
    return Image.fromarray(grey), grids


def without_red(rgb: np.ndarray) -> np.ndarray:
    """The grey page of an RGB page, red ink turned white."""
    a = rgb.astype(np.int16)
    red = a[..., 0] - np.maximum(a[..., 1], a[..., 2]) > RED_MARGIN
    grey = (0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]).astype(np.uint8)
    grey[red] = 255
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
    down = np.ascontiguousarray(_runs(np.ascontiguousarray(ink.T), max(100, height // 30)).T)
    grey[_widen(across, 0) | _widen(down, 1)] = 255
    return _grids(_segments(across), _segments(np.ascontiguousarray(down.T)))


def _widen(mask: np.ndarray, axis: int, by: int = 2) -> np.ndarray:
    out = mask.copy()
    for shift in range(1, by + 1):
        out |= np.roll(mask, shift, axis) | np.roll(mask, -shift, axis)
    return out


def _runs(ink: np.ndarray, length: int) -> np.ndarray:
    """The pixels lying in a horizontal run of ink at least `length` long."""
    h, w = ink.shape
    if w < length:
        return np.zeros_like(ink)
    c = np.zeros((h, w + 1), np.int32)
    np.cumsum(ink, axis=1, out=c[:, 1:])
    starts = np.zeros((h, w + length), np.int32)
    starts[:, length:length + w - length + 1] = (c[:, length:] - c[:, :-length]) == length
    covered = np.cumsum(starts, axis=1)
    return (covered[:, length:] - covered[:, :-length]) > 0


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
