"""PDF replies. A text layer is read with pdfplumber (pdfminer.six); a PDF
without one (a scan) goes to OCR. A PDF with a text layer is never OCR'd.

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
from .pagelines import Line, Page, build_document, join_glyphs

MAX_PAGES = 500
# Fewer printable characters than this per page on average: no text layer (a scan).
MIN_CHARS_PER_PAGE = 20


def read_pdf(path: Path, data: bytes) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ReadError(path, "encrypted", "the PDF is password-protected") from e
    except Exception as e:  # pdfminer raises many kinds on a damaged file
        raise ReadError(path, "corrupt", f"damaged PDF: {type(e).__name__}: {e}") from e
    with pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise ReadError(path, "too_large", f"{len(pdf.pages)} pages; a reply is at most {MAX_PAGES}")
        try:
            pages = [_read_page(p) for p in pdf.pages]
        except ReadError:
            raise
        except Exception as e:
            raise ReadError(path, "corrupt", f"damaged PDF page: {type(e).__name__}: {e}") from e
    chars = sum(len(ln.text.strip()) for page in pages for ln in page.lines)
    if chars < MIN_CHARS_PER_PAGE * max(1, len(pages)) / 4 and chars < 200:
        from .ocr import read_scanned_pdf
        return read_scanned_pdf(path, data)
    return build_document(pages, source=path, format="pdf")


def _read_page(page) -> Page:
    chars = [c for c in page.chars if _body_char(c)]
    chars = _without_stamped(chars)
    lines: list[Line] = []
    tables = page.find_tables() if len(page.edges) >= 4 else []
    boxes = [t.bbox for t in tables]
    if boxes:
        chars = [c for c in chars if not any(_inside(c, b) for b in boxes)]
        for table in tables:
            lines += _table_rows(table)
    lines += _group_lines(chars)
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
    return Page(float(page.width), float(page.height), lines)


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
    """A cell's lines joined (a space only between Latin words), tabs made spaces."""
    if not text:
        return ""
    pieces = [p.strip() for p in text.split("\n") if p.strip()]
    out = ""
    for p in pieces:
        out += (" " if out and out[-1].isascii() and out[-1].isalpha() and p[0].isascii() and p[0].isalpha()
                else "") + p
    return out.replace("\t", " ")
