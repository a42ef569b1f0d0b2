"""Printed pages (a PDF's text layer, or OCR of a scan) -> Document.

Both PDF readers hand over positioned lines per page; this module drops the
running headers, footers and page numbers, joins the lines that were only
broken by the page width back into paragraphs, and builds the Document.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..document import Block, Document

# Page numbers as printed: "3", "- 3 -", "—3—", "第3页", "第 3 页 共 5 页", "3/5", "Page 3 of 5".
_PAGE_NUMBER = re.compile(r"[-—–－‐\s]*(\d+|[IVXivx]+)[-—–－‐\s]*|第\s*\d+\s*页(\s*[,，/／]?\s*共\s*\d+\s*页)?"
                          r"|\d+\s*[/／]\s*\d+|(page|p\.)\s*\d+(\s*of\s*\d+)?|共\s*\d+\s*页\s*第\s*\d+\s*页",
                          re.I)
# Share of the page height at the top and at the bottom where running lines live.
MARGIN = 0.12
# A numbered heading starts a paragraph even when the line before runs to the margin.
_LABEL = re.compile(r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)"
                    r"|[一二三四五六七八九十]是")
# The gap Word leaves after a list number (一、<tab>) prints as space: not text.
_LABEL_GAP = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])[\u3000 ]+")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass
class Line:
    """One printed line; coordinates in points (PDF) or pixels (OCR), top down."""
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # character height: what "a character wide" means on this line
    text: str
    kind: str = "paragraph"  # or "table_row" (cells joined by a tab)


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line]


def build_document(pages: list[Page], **kw) -> Document:
    """Headers/footers kept once (headers first, footers last, as the .docx
    reader does), page numbers dropped, body lines reflowed into paragraphs."""
    headers, footers = split_running_lines(pages)
    texts: list[tuple[str, str]] = [(t, "header") for t in headers]
    body = [line for page in pages for line in page.lines]
    for para, kind in reflow(body, pages):
        texts.append((para, kind))
    texts += [(t, "footer") for t in footers]
    parts, blocks, pos = [], [], 0
    for text, kind in texts:
        if not text.strip():
            continue
        if parts:
            parts.append("\n")
            pos += 1
        blocks.append(Block(kind, pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
    return Document("".join(parts), blocks, **kw)


def split_running_lines(pages: list[Page]) -> tuple[list[str], list[str]]:
    """Take page numbers and running headers/footers out of each page's lines
    (in place); return the distinct header and footer texts, each once.

    A line is running when it sits in the top or bottom margin of its page and
    the same text (digits aside) sits in a margin of another page too. On a
    one-page document only page numbers can be told apart from the body."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))

    def margin_lines(page: Page) -> list[tuple[Line, str]]:
        lines = [ln for ln in page.lines if ln.kind == "paragraph"]
        top = [(ln, "header") for ln in lines[:2] if ln.bottom <= page.height * MARGIN]
        bottom = [(ln, "footer") for ln in lines[-2:] if ln.top >= page.height * (1 - MARGIN)]
        return top + bottom

    seen = Counter(k for page in pages for k in {key(ln) for ln, _ in margin_lines(page)})
    headers: list[str] = []
    footers: list[str] = []
    for page in pages:
        for line, where in margin_lines(page):
            text = line.text.strip()
            if _PAGE_NUMBER.fullmatch(text):
                page.lines.remove(line)
            elif len(pages) > 1 and seen[key(line)] >= 2:
                page.lines.remove(line)
                kept = headers if where == "header" else footers
                if text not in kept:
                    kept.append(text)
    return headers, footers


def reflow(lines: list[Line], pages: list[Page]) -> list[tuple[str, str]]:
    """(text, block kind) per paragraph or table row. A line continues the
    paragraph of the line before when that one is full (it runs to the right
    edge of the text, or the words that open this line would not have fitted
    on it) and this one does not open a paragraph itself (first-line indent,
    a numbered heading, a blank line or a change of type size between).

    Kept apart from the rest so the project's shared reflow can replace it."""
    body = [ln for ln in lines if ln.kind == "paragraph"]
    if not body:
        return [(ln.text, ln.kind) for ln in lines]
    left = _edge([ln.x0 for ln in body], low=True)
    right = _edge([ln.x1 for ln in body], low=False)
    body_size = sorted(ln.size for ln in body)[len(body) // 2]
    out: list[tuple[str, str]] = []
    prev: Line | None = None
    for i, line in enumerate(lines):
        if line.kind != "paragraph":
            out.append((line.text, line.kind))
            prev = None
            continue
        text = _LABEL_GAP.sub(r"\1", line.text.strip())
        after = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].kind == "paragraph" else None
        if prev is not None and out and _continues(prev, line, after, left, right, text, body_size):
            joined = out[-1][0]
            sep = " " if re.search(r"[A-Za-z]$", joined) and re.match(r"[A-Za-z]", text) else ""
            out[-1] = (joined + sep + text, "paragraph")
        else:
            out.append((text, "paragraph"))
        prev = line
    return out


def _continues(prev: Line, line: Line, after: Line | None, left: float, right: float, text: str,
               body_size: float) -> bool:
    size = max(prev.size, line.size, 1e-6)
    if abs(prev.size - line.size) > 0.25 * size:
        return False  # a title over body text, or body text under a heading
    if line.top > prev.bottom and line.top - prev.bottom > 1.5 * size:
        return False  # a blank line between (same page; a new page starts above)
    if size > 1.1 * body_size and _centred_pair(prev, line, left, right, size):
        return True  # a title (set larger than the body) broken over two centred lines
    if prev.x0 > left + 3 * size:
        return False  # the line before is centred or set right (a signature, a date)
    # Room left on the line before: two characters and a bit are normal (a
    # character kept with the punctuation after it, justification slack), more
    # only when this line opens with a number or word that would not fit there.
    opening = re.match(r"[0-9A-Za-z%.,:/+\-]+", text)
    room = right - prev.x1
    if room > 2.6 * size and not (opening and room < (len(opening.group()) * 0.6 + 1.5) * size):
        return False  # the line before stops short: its paragraph ends there
    if _LABEL.match(text):
        return False
    # First-line indent: this line starts right of the one after it (or of the margin).
    ref = after.x0 if after is not None and abs(after.size - line.size) <= 0.25 * size else left
    return line.x0 <= ref + 0.8 * size or line.x0 <= prev.x0 + 0.8 * size


def _centred_pair(prev: Line, line: Line, left: float, right: float, size: float) -> bool:
    middle = (left + right) / 2
    return (abs((prev.x0 + prev.x1) / 2 - middle) < size and abs((line.x0 + line.x1) / 2 - middle) < size
            and prev.x1 - prev.x0 > 0.6 * (right - left) and line.x0 > left + size)


def _edge(values: list[float], low: bool) -> float:
    """The body's left (or right) edge: the position most lines share, to the
    nearest point, ignoring the odd centred or indented line."""
    rounded = Counter(round(v) for v in values)
    top = max(rounded.values())
    common = [v for v, n in rounded.items() if n >= max(2, top // 3)] or list(rounded)
    return min(common) if low else max(common)


def join_glyphs(glyphs: list[tuple[float, float, float, str]], wide: float = 0.8,
                latin: float = 0.2) -> str:
    """The text of one line from (x0, x1, size, text) pieces in reading order:
    a gap of about a character becomes an ideographic space between Chinese
    text (as a Word file's 　 prints), a small gap a space between Latin words;
    the narrow gaps a font switch leaves (第 58 号) are not spaces at all.
    `wide` and `latin`: the gaps, in characters, that count as a space in
    Chinese and in Latin text (OCR word boxes hug the ink, so justified text
    and full-width digits look gappy there)."""
    out: list[str] = []
    prev = None
    for x0, x1, size, text in glyphs:
        if prev is not None and text.strip() and out and out[-1].strip():
            gap = x0 - prev[1]
            cjk = bool(_CJK.match(text) or _CJK.search(prev[3][-1:]))
            if cjk and gap >= wide * size:
                out.append("\u3000" * min(4, max(1, round(gap / size))))
            elif not cjk and gap >= latin * size:
                out.append(" ")
        out.append(text)
        prev = (x0, x1, size, text)
    return "".join(out)


def cell_text(lines: list[str]) -> str:
    """A table cell's lines joined (a space only between Latin words), tabs made spaces."""
    out = ""
    for p in (p.strip() for p in lines):
        if p:
            out += (" " if out and out[-1].isascii() and out[-1].isalpha() and p[0].isascii() and p[0].isalpha()
                    else "") + p
    return out.replace("\t", " ")
