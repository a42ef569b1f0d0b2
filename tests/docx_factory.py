"""Build .docx files with Word auto-numbering, tables, headers and footers.

python-docx can write paragraphs, tables and headers but not numbering
definitions, so this module adds w:abstractNum / w:num entries to
word/numbering.xml and attaches them to paragraphs either directly (w:numPr in
the paragraph) or through a paragraph style (w:numPr in the style, as Word's
built-in "List Number" does). The numbers are then *not* in the paragraph text,
exactly as in a real Word file.

Example::

    from docx_factory import DocxBuilder, Level

    b = DocxBuilder()
    b.paragraph("慈溪市某某局")
    heads = b.add_list([Level("chineseCounting", "%1、"),
                        Level("chineseCounting", "（%2）")], style="List Number")
    b.numbered("强化顶层设计。", heads)            # 一、强化顶层设计。
    b.numbered("完善政策。", heads, level=1)        # （一）完善政策。
    b.table([["乡镇", "数量（个）"], ["东山镇", "18"]])
    b.footer("联系人：张三")
    b.save(tmp_path / "reply.docx")

Or in one call: ``make_docx(path, ["plain", ("heading", 0), ...], levels=[...])``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn


@dataclass(frozen=True)
class Level:
    """One level of a list: Word number format (w:numFmt, e.g. "decimal",
    "chineseCounting", "upperRoman", "bullet"), level text template (w:lvlText,
    e.g. "%1、", "（%1）", "%1.%2"; %N is the counter of level N-1, so level 1
    of a list writes "（%2）"), start value and suffix after the number
    ("tab", "space", "nothing"; None leaves Word's default, a tab)."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str | None = None


class DocxBuilder:
    """A .docx under construction; add content in reading order, then save()."""

    def __init__(self):
        self.doc = docx.Document()
        self._numbering = self.doc.part.numbering_part.element
        ids = [int(n.get(qn("w:abstractNumId"))) for n in self._numbering.iter(qn("w:abstractNum"))]
        self._next_abstract = max(ids, default=-1) + 1
        nums = [int(n.get(qn("w:numId"))) for n in self._numbering.iter(qn("w:num"))]
        self._next_num = max(nums, default=0) + 1
        self._abstract_of: dict[int, int] = {}
        self._styled: dict[int, str] = {}

    # -- styles and lists ------------------------------------------------
    def add_style(self, name: str, based_on: str | None = "Normal") -> str:
        """A paragraph style (created if missing), optionally based on another;
        numbering set on the base style reaches it through w:basedOn."""
        styles = self.doc.styles
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if based_on:
            style.base_style = styles[based_on]
        return name

    def add_list(self, levels: list[Level], style: str | None = None,
                 link_levels_to_style: bool = False) -> int:
        """Define a numbered list and return its numId.

        style: put the numbering on this paragraph style (created if missing;
        built-ins like "List Number" are reused) instead of on each paragraph.
        link_levels_to_style: also name the style in level 0's w:pStyle, as
        Word's own templates do.
        """
        aid = self._next_abstract
        self._next_abstract += 1
        lvls = "".join(self._level_xml(i, lv, style if link_levels_to_style and i == 0 else None)
                       for i, lv in enumerate(levels))
        kind = "singleLevel" if len(levels) == 1 else "hybridMultilevel"
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
                             f'<w:multiLevelType w:val="{kind}"/>{lvls}</w:abstractNum>')
        # abstractNum elements must precede every w:num.
        first_num = self._numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self._numbering.append(abstract)
        num_id = self._add_num(aid)
        if style:
            self.add_style(style, based_on=None if self._exists(style) else "Normal")
            ppr = self.doc.styles[style].element.get_or_add_pPr()
            for old in ppr.findall(qn("w:numPr")):
                ppr.remove(old)
            _insert_numpr(ppr, parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/>'
                                         '</w:numPr>'))
            self._styled[num_id] = style
        return num_id

    def restart(self, list_id: int, level: int = 0, start: int = 1) -> int:
        """A new numId continuing the same list definition but restarting
        `level` at `start` (w:lvlOverride/w:startOverride). Paragraphs must then
        use it directly (the style still points to the old numId)."""
        num_id = self._add_num(self._abstract_of[list_id],
                               f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/>'
                               f'</w:lvlOverride>')
        return num_id

    # -- content -----------------------------------------------------------
    def paragraph(self, text: str = "", style: str | None = None):
        return self.doc.add_paragraph(text, style=style)

    def numbered(self, text: str, list_id: int, level: int = 0, direct: bool | None = None):
        """An auto-numbered paragraph. Through the list's style when it has one
        (level > 0 adds only w:ilvl to the paragraph), else directly with
        w:numPr; direct=True forces the latter."""
        style = self._styled.get(list_id)
        if direct is None:
            direct = style is None
        p = self.doc.add_paragraph(text, style=None if direct else style)
        if direct:
            self._set_numpr(p, list_id, level)
        elif level:
            self._set_numpr(p, None, level)
        return p

    def table(self, rows: list[list[str]]):
        """A table; a cell text with "\\n" gets one paragraph per line."""
        ncols = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=ncols)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                first, *more = value.split("\n")
                cell.paragraphs[0].text = first
                for line in more:
                    cell.add_paragraph(line)
        return table

    def header(self, text: str) -> None:
        self.doc.sections[0].header.paragraphs[0].text = text

    def footer(self, text: str) -> None:
        self.doc.sections[0].footer.paragraphs[0].text = text

    def save(self, path: Path | str) -> Path:
        path = Path(path)
        self.doc.save(str(path))
        return path

    # -- XML helpers ---------------------------------------------------------
    def _exists(self, style: str) -> bool:
        try:
            self.doc.styles[style]
            return True
        except KeyError:
            return False

    def _add_num(self, aid: int, overrides: str = "") -> int:
        num_id = self._next_num
        self._next_num += 1
        self._numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                                         f'<w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'))
        self._abstract_of[num_id] = aid
        return num_id

    @staticmethod
    def _level_xml(ilvl: int, lv: Level, style: str | None) -> str:
        style_xml = f'<w:pStyle w:val="{style.replace(" ", "")}"/>' if style else ""
        suffix = f'<w:suff w:val="{lv.suffix}"/>' if lv.suffix else ""
        return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{lv.start}"/>'
                f'<w:numFmt w:val="{lv.fmt}"/>{style_xml}{suffix}'
                f'<w:lvlText w:val="{lv.text}"/><w:lvlJc w:val="left"/></w:lvl>')

    @staticmethod
    def _set_numpr(p, num_id: int | None, level: int) -> None:
        ppr = p._p.get_or_add_pPr()
        num = f'<w:numId w:val="{num_id}"/>' if num_id is not None else ""
        _insert_numpr(ppr, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>{num}'
                                     '</w:numPr>'))


# Children of w:pPr that the schema puts before w:numPr (Word rejects files
# whose elements are out of order).
_BEFORE_NUMPR = tuple(qn(t) for t in ("w:pStyle", "w:keepNext", "w:keepLines",
                                      "w:pageBreakBefore", "w:framePr", "w:widowControl"))


def _insert_numpr(ppr, numpr) -> None:
    before = [c for c in ppr if c.tag in _BEFORE_NUMPR]
    if before:
        before[-1].addnext(numpr)
    else:
        ppr.insert(0, numpr)


def make_docx(path: Path | str, content: list, levels: list[Level] | None = None,
              style: str | None = "List Number", header: str | None = None,
              footer: str | None = None) -> Path:
    """One-call builder. `content` items: a str (plain paragraph), a tuple
    (text, level) for a numbered paragraph of the one list defined by `levels`
    (through `style`, or directly when style is None), or a list of rows
    (a table)."""
    b = DocxBuilder()
    list_id = b.add_list(levels or [Level()], style=style)
    for item in content:
        if isinstance(item, str):
            b.paragraph(item)
        elif isinstance(item, tuple):
            b.numbered(item[0], list_id, level=item[1])
        else:
            b.table(item)
    if header:
        b.header(header)
    if footer:
        b.footer(footer)
    return b.save(path)
