"""Figures in tables: a bare number in a cell takes its unit from its column
header (完成投资（万元） over 9200 -> 92000000 元; 改造小区（个） over 18 -> 18 个).

Table rows are lines whose cells are joined by tabs (the .txt twins write them
so, and the .docx reader gives table_row blocks the same way) or set apart by
spaces, three cells or more (textutil.is_table_row).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from decimal import Decimal

from .data import Unit, load
from ...numbers import MAGNITUDES as MAG
from ...textutil import cell_spans, has_table_row, is_table_row
from .quantity import match_unit

_HEADER_UNIT = re.compile(r"^(?P<name>.*?)[（(](?P<unit>[^（）()]{1,8})[）)]\s*$")
_CELL_NUMBER = re.compile(r"^\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*$")


@dataclass
class Column:
    name: str
    unit: Unit
    scale: Decimal


@dataclass
class TableCell:
    start: int
    end: int
    value: Decimal
    unit: Unit
    metric: str
    row_label: str
    period: str | None = None   # from a column headed by a year (2022年)
    metric_span: tuple[int, int] | None = None  # where the metric is written


def _span_in(ft: str, name: str, line: tuple[int, int] | None) -> tuple[int, int] | None:
    """The metric's offsets within the line (header, row or caption) it was read from."""
    if not name or line is None:
        return None
    i = ft.find(name, *line)
    return (i, i + len(name)) if i >= 0 else None


_CAPTION_UNIT = re.compile(r"单位\s*[:：]\s*(?P<unit>[^\s）)，,。;；]{1,6})")


def _unit_column(name: str, u: str) -> Column | None:
    """A column named `name` whose cells count in `u` (万元 -> 元 × 10000)."""
    scale = Decimal(1)
    while u and u[0] in MAG and match_unit(u, 0, False) is None:
        scale *= MAG[u[0]]
        u = u[1:]
    unit = match_unit(u, 0, False)
    if unit is None or unit.surface != u:
        return None
    return Column(name, unit, scale)


def _header_name(cell: str) -> str:
    m = _HEADER_UNIT.match(cell.strip())
    return m.group("name").strip() if m else cell.strip()


def _column(cell: str) -> Column | None:
    m = _HEADER_UNIT.match(cell.strip())
    if not m:
        return _implied_column(cell.strip())
    return _unit_column(m.group("name").strip(), m.group("unit").strip())


def _implied_column(name: str) -> Column | None:
    """A header naming what it counts without a unit (受益户数, 培训人数, 接待量):
    the unit that noun implies (data/figures.toml [implied_unit]); never money,
    whose scale (元 or 万元) a header must say."""
    if not name or len(name) > 12 or re.search(r"\d", name):
        return None
    for noun, unit in _implied_units():
        if name.endswith(noun):
            return _unit_column(name, unit)
    return None


@cache
def _implied_units() -> list[tuple[str, str]]:
    """(noun, unit) of [implied_unit] but money's, longest noun first."""
    return sorted(((n, u) for n, u in load().implied_unit.items() if u != "元"), key=lambda nu: -len(nu[0]))


_YEAR_HEAD = re.compile(r"(\d{4})\s*年?(?:度|末|底)?")
_YEAR_STATUS_HEAD = re.compile(r"(\d{4})\s*年(?:度)?(?:完成|目标|计划|实际|预计|累计|情况|数据)")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _caption_name(line: str) -> str:
    """表2 各镇投资情况（单位：万元） -> 各镇投资情况."""
    s = re.sub(r"[（(]?单位\s*[:：][^）)]*[）)]?", "", line.strip())
    s = re.sub(r"^(?:附?表\s*\d+[.、:：\s]*)", "", s)
    return s.strip()[:20]


def table_cells(ft: str, text: str | None = None) -> list[TableCell]:
    """Every numeric cell whose unit is named by its column header (改造小区（个）),
    its row header (R&D经费投入（亿元）) or the caption (单位：万元). Rows and
    cells are found in `text` as read (folding makes an ideographic space one
    space), read in its folded form `ft`."""
    text = ft if text is None else text
    if not has_table_row(text):
        return []  # no table row (cells set apart by tabs or spaces): most replies
    found = []
    head: _Header | None = None   # the current table's column headers
    caption_unit = None
    caption = ""
    caption_line = None  # (start, end) of the caption line
    for start, end, cells, texts in _lines(ft, text):
        if cells is None:
            head = None
            folded_line = ft[start:end]
            m = _CAPTION_UNIT.search(folded_line)
            caption_unit = m.group("unit") if m else (caption_unit if not folded_line.strip() else None)
            if folded_line.strip():
                caption, caption_line = _caption_name(folded_line), (start, end)
            continue
        if not any(_CELL_NUMBER.match(t) for t in texts) and (head is None or head.open):
            head = _Header() if head is None else head
            head.add(texts, (start, end))  # a second header row: the years under a merged 产值（亿元）
            continue
        if head is not None:
            head.open = False
        row = _column(texts[0])
        for i, (s, e) in enumerate(cells):
            if i == 0 or not _CELL_NUMBER.match(texts[i]):
                continue
            name, own, year, head_line = head.at(i) if head else ("", None, None, None)
            col = own or row
            if col is None and caption_unit:
                col = _unit_column(name or texts[0], caption_unit)
            if col is None:
                continue
            while s < e and ft[s].isspace():
                s += 1
            while e > s and ft[e - 1].isspace():
                e -= 1
            value = Decimal(texts[i].replace(",", "")) * col.scale
            row_line = (start, end)
            if col is row:  # units per row: the row names the metric
                metric, where = row.name, row_line
            elif year and not (own and own.name and not _YEAR_HEAD.fullmatch(own.name)):
                # a column per year: the table's subject
                metric, where = (caption, caption_line) if caption else (texts[0], row_line)
            else:  # the column's own header (产值（亿元）, over the years when merged)
                metric = col.name
                where = head_line if own is not None and col.name == _header_name(name) else row_line
            found.append(TableCell(s, e, value, col.unit, metric, texts[0],
                                   year.group(1) if year else None, _span_in(ft, metric, where)))
    return found


class _Header:
    """A table's column headers, from one header row or several (a cell merged
    across columns above, 白茶产值（亿元）, and the years under it): per column,
    the header naming its unit, the year heading it, and their lines. A cell
    spanning columns is followed by empty cells (the readers keep the grid):
    in a header row, an empty cell takes the header on its left."""

    def __init__(self):
        self.names: list[str] = []
        self.columns: list[Column | None] = []
        self.years: list[re.Match | None] = []
        self.lines: list[tuple[int, int] | None] = []
        self.open = True  # no data row yet: another header row may follow

    def add(self, texts: list[str], line: tuple[int, int]) -> None:
        filled, last = [], ""
        for i, t in enumerate(texts):
            last = t or (last if i else "")
            filled.append(last)
        grow = len(filled) - len(self.names)
        if grow > 0:
            self.names += [""] * grow
            self.columns += [None] * grow
            self.years += [None] * grow
            self.lines += [None] * grow
        for i, t in enumerate(filled):
            if not t:
                continue
            col, year = _column(t), _YEAR_HEAD.fullmatch(t)
            if col is not None or not self.names[i]:
                self.names[i], self.lines[i] = t, line
                self.columns[i] = col or self.columns[i]
            self.years[i] = year or self.years[i]

    def at(self, i: int) -> tuple[str, Column | None, re.Match | None, tuple[int, int] | None]:
        if i >= len(self.names):
            return "", None, None, None
        return self.names[i], self.columns[i], self.years[i], self.lines[i]


def _lines(ft: str, text: str):
    """(start, end, cells, cell texts) of each line of `text`; cells and texts
    are None for a line that is no table row. Texts are read in `ft`."""
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not is_table_row(line):
            yield start, end, None, None
            continue
        cells = cell_spans(line, start)
        yield start, end, cells, [ft[a:b].strip() for a, b in cells]


@dataclass
class RowContext:
    label: str                      # the row's first cell (镇村公交线路), without its unit
    label_span: tuple[int, int]
    head: str                       # the cell's column header (2024年, 增幅, 完成率)
    head_span: tuple[int, int] | None
    period: str | None              # the year heading the cell's column (2024年)


def row_contexts(ft: str, text: str | None = None) -> dict[int, RowContext]:
    """For a figure written whole in a cell after a row's first (镇村公交线路 | 89条 |
    97条), by the cell's start: the row label that names what it measures and the
    year heading its column. The first row of a table is its header."""
    text = ft if text is None else text
    if not has_table_row(text):
        return {}
    out: dict[int, RowContext] = {}
    heads: list[str] | None = None
    for _, _, cells, texts in _lines(ft, text):
        if cells is None:
            heads = None
            continue
        if heads is None:
            heads, head_cells = texts, cells
            continue
        a, b = cells[0]
        m = _HEADER_UNIT.match(texts[0])  # 招聘特岗教师（万名）
        label = m.group("name").strip() if m else texts[0]
        if not label or not _HAN.search(label) or _CELL_NUMBER.match(label):
            continue  # (A级旅游景区 and “国培计划”培训人次 name rows too)
        while a < b and ft[a].isspace():
            a += 1
        for i, (cs, _) in enumerate(cells[1:], 1):
            while ft[cs:cs + 1].isspace():
                cs += 1
            head = heads[i] if i < len(heads) else ""
            year = _YEAR_HEAD.fullmatch(head) or _YEAR_STATUS_HEAD.fullmatch(head)  # 2025年完成, 2026年目标
            hs = ft.find(head, *head_cells[i]) if head else -1
            out[cs] = RowContext(label, (a, a + len(label)), head, (hs, hs + len(head)) if hs >= 0 else None,
                                 year.group(1) if year else None)
    return out
