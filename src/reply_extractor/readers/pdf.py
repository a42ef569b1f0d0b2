"""PDF replies. A text layer is read with pdfplumber (pdfminer.six) where a
page has tables, else with PDFium (pypdfium2); a PDF without one (a scan)
goes to OCR. A PDF with a text layer is never OCR'd.

Per page: characters that are not body text are dropped first — rotated ones
(a seal's ring of text, a diagonal watermark), near-white ones (a faint
watermark) and red ones printed over other text (a seal stamped on the
signature); tables found by their ruling lines become table rows (cells
joined by a tab, as in the .docx reader); the remaining characters are grouped
into lines top to bottom. pagelines.py then drops running headers, footers and
page numbers and joins lines broken by the page width.
"""
from __future__ import annotations

import bisect
import io
from pathlib import Path

from ..document import Document
from . import ReadError
from .pagelines import Line, Page, build_document, cell_text, join_glyphs

MAX_PAGES = 500
# Fewer printable characters than this per page on average: no text layer (a scan).
MIN_CHARS_PER_PAGE = 20


def read_pdf(path: Path, data: bytes) -> Document:
    """Pages with ruling lines (tables) are read with pdfplumber, which finds
    the tables; the others with PDFium's text page (pypdfium2, installed with
    pdfplumber), ten times faster, into the same character records."""
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise ReadError(path, "encrypted", "the PDF is password-protected") from e
        raise ReadError(path, "corrupt", f"damaged PDF: {e}") from e
    try:
        if len(pdf) > MAX_PAGES:
            raise ReadError(path, "too_large", f"{len(pdf)} pages; a reply is at most {MAX_PAGES}")
        pages: list[Page | None] = []
        for page in pdf:
            if _has_drawing(page):
                pages.append(None)  # read below with pdfplumber
            else:
                pages.append(_page_of(_pdfium_chars(page), [], page.get_width(), page.get_height()))
    finally:
        pdf.close()
    ruled = [i for i, page in enumerate(pages) if page is None]
    if ruled:
        pages = _with_plumbed_pages(path, data, pages, ruled)
    chars = sum(len(ln.text.strip()) for page in pages for ln in page.lines)
    if chars < MIN_CHARS_PER_PAGE * max(1, len(pages)) / 4 and chars < 200:
        from .ocr import read_scanned_pdf
        return read_scanned_pdf(path, data)
    return build_document(pages, source=path, format="pdf")


def _with_plumbed_pages(path: Path, data: bytes, pages: list, ruled: list[int]) -> list[Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i in ruled:
                page = pdf.pages[i]
                tables = page.find_tables() if len(page.edges) >= 4 else []
                pages[i] = _page_of(page.chars, tables, float(page.width), float(page.height))
    except ReadError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ReadError(path, "encrypted", "the PDF is password-protected") from e
    except Exception as e:  # pdfminer raises many kinds on a damaged file
        raise ReadError(path, "corrupt", f"damaged PDF: {type(e).__name__}: {e}") from e
    return pages


def _has_drawing(page) -> bool:
    import pypdfium2.raw as raw
    return next(iter(page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH])), None) is not None


def _pdfium_chars(page) -> list[dict]:
    """The page's characters as pdfplumber describes them (text, x0, x1, top,
    bottom, size, matrix, non_stroking_color), from PDFium's loose boxes."""
    import ctypes
    import math

    import pypdfium2.raw as raw
    height = page.get_height()
    text_page = page.get_textpage()
    tp, box = text_page.raw, raw.FS_RECTF()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    chars = []
    try:
        for i in range(text_page.count_chars()):
            if raw.FPDFText_IsGenerated(tp, i):
                continue  # spaces and line ends PDFium adds itself
            text = chr(raw.FPDFText_GetUnicode(tp, i))
            if not text.strip() or not raw.FPDFText_GetLooseCharBox(tp, i, box):
                continue
            angle = raw.FPDFText_GetCharAngle(tp, i)
            cos, sin = (1.0, 0.0) if angle <= 0 else (math.cos(angle), math.sin(angle))
            raw.FPDFText_GetFillColor(tp, i, r, g, b, a)
            chars.append({"text": text, "x0": box.left, "x1": box.right, "top": height - box.top,
                          "bottom": height - box.bottom, "size": raw.FPDFText_GetFontSize(tp, i),
                          "matrix": (cos, sin, -sin, cos, 0, 0), "upright": True,
                          "non_stroking_color": (r.value / 255, g.value / 255, b.value / 255)})
    finally:
        text_page.close()
    return chars


def _page_of(chars: list[dict], tables: list, width: float, height: float) -> Page:
    chars = _without_stamped([c for c in chars if _body_char(c)])
    lines: list[Line] = []
    boxes = [t.bbox for t in tables]
    if boxes:
        chars = [c for c in chars if not any(_inside(c, b) for b in boxes)]
        for table in tables:
            lines += _table_rows(table)
    lines += _group_lines(chars)
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
    return Page(width, height, lines)


def _body_char(c: dict) -> bool:
    if not c.get("text", "").strip():
        return False
    a, b, cc, d, _, _ = c.get("matrix") or (1, 0, 0, 1, 0, 0)
    if abs(b) > 1e-3 or abs(cc) > 1e-3 or a <= 0 or d <= 0 or not c.get("upright", True):
        return False  # rotated or mirrored: seal ring, diagonal watermark
    return not _near_white(c.get("non_stroking_color"))


def _rgb(color) -> tuple[float, float, float] | None:
    if not isinstance(color, (tuple, list)) or not all(isinstance(v, (int, float)) for v in color):
        return None
    if len(color) == 1:
        return (color[0],) * 3
    if len(color) == 3:
        return tuple(color)
    if len(color) == 4:  # CMYK
        c, m, y, k = color
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _near_white(color) -> bool:
    rgb = _rgb(color)
    return rgb is not None and min(rgb) >= 0.8


def _red(color) -> bool:
    rgb = _rgb(color)
    return rgb is not None and rgb[0] >= 0.5 and rgb[1] <= 0.4 and rgb[2] <= 0.4


def _without_stamped(chars: list[dict]) -> list[dict]:
    """Red characters lying over other text are a seal, not the reply (a red
    letterhead stands alone and stays)."""
    red = [c for c in chars if _red(c.get("non_stroking_color"))]
    if not red:
        return chars
    others = sorted((c for c in chars if not _red(c.get("non_stroking_color"))), key=lambda c: c["top"])
    tops = [c["top"] for c in others]
    stamped = set()
    for r in red:
        i = bisect.bisect_left(tops, r["top"] - 2 * max(r["size"], 1))
        while i < len(others) and others[i]["top"] < r["bottom"]:
            o = others[i]
            if o["x0"] < r["x1"] and r["x0"] < o["x1"] and o["bottom"] > r["top"]:
                stamped.add(id(r))
                break
            i += 1
    return [c for c in chars if id(c) not in stamped]


def _inside(c: dict, box) -> bool:
    x0, top, x1, bottom = box
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _group_lines(chars: list[dict]) -> list[Line]:
    """Characters that overlap vertically by more than half a height form one
    line, read left to right."""
    lines: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines:
            cur = lines[-1]
            bottom = max(x["bottom"] for x in cur[-3:])
            height = min(c["bottom"] - c["top"], cur[0]["bottom"] - cur[0]["top"]) or 1
            if bottom - c["top"] > 0.5 * height:
                cur.append(c)
                continue
        lines.append([c])
    out = []
    for cs in lines:
        cs.sort(key=lambda c: c["x0"])
        size = sorted(c["size"] for c in cs)[len(cs) // 2]
        text = join_glyphs([(c["x0"], c["x1"], c["size"], c["text"]) for c in cs])
        out.append(Line(min(c["x0"] for c in cs), max(c["x1"] for c in cs), min(c["top"] for c in cs),
                        max(c["bottom"] for c in cs), size, text))
    return out


def _table_rows(table) -> list[Line]:
    rows = []
    for row, cells in zip(table.rows, table.extract()):
        text = "\t".join(_cell(c) for c in cells)
        if text.strip():
            x0, top, x1, bottom = row.bbox
            rows.append(Line(x0, x1, top, bottom, 0.0, text, kind="table_row"))
    return rows


def _cell(text: str | None) -> str:
    return cell_text(text.split("\n")) if text else ""
