"""Figures in tables: a bare number in a cell takes its unit from its column
header (完成投资（万元） over 9200 -> 92000000 元; 改造小区（个） over 18 -> 18 个).

Table rows are lines whose cells are joined by tabs: the .txt twins write them
so, and the .docx reader gives table_row blocks the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .figures_data import Unit
from .figures_scan import MAG, match_unit

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


def _column(cell: str) -> Column | None:
    m = _HEADER_UNIT.match(cell.strip())
    if not m:
        return None
    return _unit_column(m.group("name").strip(), m.group("unit").strip())


_YEAR_HEAD = re.compile(r"(\d{4})\s*年?(?:度|末|底)?")


def _caption_name(line: str) -> str:
    """表2 各镇投资情况（单位：万元） -> 各镇投资情况."""
    s = re.sub(r"[（(]?单位\s*[:：][^）)]*[）)]?", "", line.strip())
    s = re.sub(r"^(?:附?表\s*\d+[.、:：\s]*)", "", s)
    return s.strip()[:20]


def _cells(ft: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for part in ft[start:end].split("\t"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


def table_cells(ft: str) -> list[TableCell]:
    """Every numeric cell under a header that names a unit."""
    found = []
    columns: list[Column | None] | None = None
    caption_unit = None  # 单位：万元 above a table applies to columns without their own
    caption = ""
    pos = 0
    for line in ft.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if "\t" not in line:
            columns = None
            m = _CAPTION_UNIT.search(line)
            caption_unit = m.group("unit") if m else (caption_unit if not line.strip() else None)
            caption = _caption_name(line) if line.strip() else caption
            continue
        cells = _cells(ft, start, end)
        if not any(_CELL_NUMBER.match(ft[s:e]) for s, e in cells) and columns is None:
            header = [_column(ft[s:e]) for s, e in cells]
            if caption_unit:
                header = [h or (_unit_column(ft[s:e].strip(), caption_unit) if i else None)
                          for i, (h, (s, e)) in enumerate(zip(header, cells))]
            if any(header):
                columns = header
                continue
        if not columns:
            continue
        label = ft[cells[0][0]:cells[0][1]].strip()
        for i, (s, e) in enumerate(cells):
            col = columns[i] if i < len(columns) else None
            if col is None or not _CELL_NUMBER.match(ft[s:e]):
                continue
            while s < e and ft[s].isspace():
                s += 1
            while e > s and ft[e - 1].isspace():
                e -= 1
            value = Decimal(ft[s:e].replace(",", "")) * col.scale
            year = _YEAR_HEAD.fullmatch(col.name)
            if year:  # a column per year: the metric is the table's subject
                found.append(TableCell(s, e, value, col.unit, caption or label, label, year.group(1)))
            else:
                found.append(TableCell(s, e, value, col.unit, col.name, label))
    return found
