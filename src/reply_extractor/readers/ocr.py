"""Scanned PDFs and images (.png .jpg .tif): OCR with Tesseract's simplified
Chinese model (Debian: tesseract-ocr, tesseract-ocr-chi-sim).

Pages of a scanned PDF are rendered at 300 dpi with pypdfium2 (installed with
pdfplumber). Tesseract's TSV output gives each word's box and confidence;
the words become positioned lines, and pagelines.py turns them into
paragraphs as for a PDF with a text layer. The Document records that its
text came from OCR, with the mean word confidence (0–100).
"""
from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

from ..document import Document
from . import ReadError
from .convert import run_killable
from .pagelines import Line, Page, build_document, cell_text, join_glyphs
from .scanprep import INK, Grid, has_long_dash, prepare

LANG = "chi_sim"
DPI = 300
PAGE_TIMEOUT_S = float(os.environ.get("REPLY_EXTRACTOR_OCR_TIMEOUT", 120))
MAX_OCR_PAGES = 50
# Tesseract's page segmentation: the page as one block of text, so a list
# number stays on its line. (--psm 4, a column of varying sizes, misread fewer
# characters on the dev-docx scans but lost more on the dev ones: 0.944 F1
# against 0.956 there, 0.961 against 0.953 on dev-docx.)
PSM = "6"
# Pillow's guard against decompression bombs, made explicit: an A3 page at 600 dpi fits.
MAX_PIXELS = 80_000_000
INSTALL_HINT = "install Tesseract with its simplified-Chinese model (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim)"


def tesseract() -> str | None:
    """Tesseract's command when it has the chi_sim model, else None.
    REPLY_EXTRACTOR_TESSERACT overrides the command ("" = not installed)."""
    override = os.environ.get("REPLY_EXTRACTOR_TESSERACT")
    cmd = override if override is not None else shutil.which("tesseract")
    if not cmd:
        return None
    return cmd if LANG in _languages(cmd) else None


_LANGS: dict[str, set[str]] = {}


def _languages(cmd: str) -> set[str]:
    if cmd not in _LANGS:
        try:
            out, _ = run_killable([cmd, "--list-langs"], Path(cmd), 30, "tesseract")
            _LANGS[cmd] = {ln.strip() for ln in out.decode("utf-8", "replace").splitlines()[1:]}
        except ReadError:
            _LANGS[cmd] = set()
    return _LANGS[cmd]


def _require(path: Path, what: str) -> str:
    cmd = tesseract()
    if cmd is None:
        raise ReadError(path, "needs_ocr", f"{what} has no text layer and needs OCR: {INSTALL_HINT}")
    return cmd


def read_scanned_pdf(path: Path, data: bytes) -> Document:
    cmd = _require(path, "this PDF")
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as e:
        raise ReadError(path, "corrupt", f"damaged PDF: {e}") from e
    try:
        if len(pdf) > MAX_OCR_PAGES:
            raise ReadError(path, "too_large", f"a scan of {len(pdf)} pages; OCR reads at most {MAX_OCR_PAGES}")
        with tempfile.TemporaryDirectory(prefix="rx-ocr-") as tmp:
            images = []
            for i, page in enumerate(pdf):
                w, h = page.get_size()
                if w * h * (DPI / 72) ** 2 > MAX_PIXELS:
                    raise ReadError(path, "too_large", f"page {i + 1} is too large to render for OCR")
                # In colour, so that a red seal can be told from the text.
                images.append(_prepared(page.render(scale=DPI / 72).to_pil(), Path(tmp), i))
            return _ocr(path, cmd, images, "ocr")
    finally:
        pdf.close()


def read_image(path: Path, data: bytes) -> Document:
    cmd = _require(path, "an image")
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(data)) as im:
            frames = getattr(im, "n_frames", 1)
            if im.width * im.height > MAX_PIXELS:
                raise ReadError(path, "too_large", f"{im.width}×{im.height} pixels is too large for OCR")
            if frames > MAX_OCR_PAGES:
                raise ReadError(path, "too_large", f"{frames} pages; OCR reads at most {MAX_OCR_PAGES}")
            with tempfile.TemporaryDirectory(prefix="rx-ocr-") as tmp:
                images = []
                for i in range(frames):
                    im.seek(i)
                    images.append(_prepared(im, Path(tmp), i))
                return _ocr(path, cmd, images, "ocr")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as e:
        raise ReadError(path, "corrupt", f"not a readable image: {e}") from e


def _prepared(image, tmp: Path, i: int) -> tuple[Path, list[Grid]]:
    """The page ready for OCR (red seal and ruling lines taken out, see
    scanprep.py) saved in `tmp`, with the tables its rules make."""
    grey, grids = prepare(image)
    out = tmp / f"page-{i + 1:03d}.png"
    grey.save(out)
    return out, grids


def _ocr(path: Path, cmd: str, images: list[tuple[Path, list[Grid]]], fmt: str) -> Document:
    pages, confidences = [], []
    for image, grids in images:
        page, confs = _ocr_page(path, cmd, image, grids)
        pages.append(page)
        confidences += confs
    doc = build_document(pages, source=path, format=fmt)
    # Slips that show only once lines are joined (〈2022 | 一2024年）or
    # 【2022j | 86号 across a line break; quotes opened on one line and closed on the next), then
    # place names; all one character for one, so the blocks keep their offsets.
    text = _ANGLE_OPEN.sub(r"（\1", _YEAR_DASH.sub("—", doc.text))
    text = _JOINED_YEAR_BRACKETS.sub(r"〔\1〕", text)
    doc.text = fix_place_names("\n".join(pair_quotes(p) for p in text.split("\n")))
    total = sum(n for _, n in confidences)
    mean = sum(c * n for c, n in confidences) / total if total else 0.0
    doc.ocr = {"engine": "tesseract", "language": LANG, "pages": len(images),
               "mean_confidence": round(mean, 1)}
    return doc


def _ocr_page(path: Path, cmd: str, image: Path, grids: list[Grid]) -> tuple[Page, list[tuple[float, int]]]:
    """One page's lines and (confidence, characters) per word; the words
    inside a ruled table become its rows. One thread: Tesseract's own
    threads only slow it down on a busy machine."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    argv = [cmd, str(image), "stdout", "-l", LANG, "--dpi", str(DPI), "--psm", PSM, "tsv"]
    out, code = _run(argv, path, env)
    if code != 0:
        raise ReadError(path, "corrupt", "Tesseract could not read the image: "
                        + out.decode("utf-8", "replace").strip()[-200:])
    words: dict[tuple, list[tuple]] = {}
    cells: dict[tuple, dict[tuple, list[tuple]]] = {}
    width = height = 0.0
    confs = []
    ink = None
    for row in out.decode("utf-8", "replace").splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12:
            continue
        level, left, top, w, h = int(f[0]), *(float(v) for v in f[6:10])
        if level == 1:
            width, height = w, h
        if level != 5 or not f[11].strip():
            continue
        conf = float(f[10])
        text = f[11].strip()
        if _YEAR_HYPHEN.search(text):
            if ink is None:
                from PIL import Image
                import numpy as np
                with Image.open(image) as im:
                    ink = np.array(im.convert("L")) < INK
            if has_long_dash(ink, int(left), int(top), int(w), int(h)):
                text = _YEAR_HYPHEN.sub("—", text)
        word = (left, left + w, top, top + h, text)
        cell = next(((g, grid.cell(left + w / 2, top + h / 2)) for g, grid in enumerate(grids)
                     if grid.cell(left + w / 2, top + h / 2)), None)
        if cell:
            cells.setdefault(cell, {}).setdefault((f[2], f[3], f[4]), []).append(word)
        else:
            words.setdefault((f[2], f[3], f[4]), []).append(word)
        if conf >= 0:
            confs.append((conf, len(f[11].strip())))
    lines = [_line(ws) for ws in words.values()] + _table_rows(grids, cells)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return Page(width, height, lines), confs


def _line(ws: list[tuple]) -> Line:
    """One OCR'd line from its words (x0, x1, top, bottom, text)."""
    ws.sort()
    size = sorted(b - t for _, _, t, b, _ in ws)[len(ws) // 2]
    text = clean_ocr_line(join_glyphs([(x0, x1, size, t) for x0, x1, _, _, t in ws], wide=2.5, latin=1.0))
    return Line(ws[0][0], max(w[1] for w in ws), min(w[2] for w in ws), max(w[3] for w in ws), size, text)


def _table_rows(grids: list[Grid], cells: dict) -> list[Line]:
    """Each table row with text as a `table_row` line: cells joined by a tab,
    the lines of one cell joined (as the PDF reader gives a table)."""
    rows = []
    for g, grid in enumerate(grids):
        for r in range(len(grid.rows) - 1):
            texts = []
            for c in range(len(grid.cols) - 1):
                lines = sorted((_line(ws) for ws in cells.get((g, (r, c)), {}).values()),
                               key=lambda ln: (ln.top, ln.x0))
                texts.append(cell_text([ln.text for ln in lines]))
            if any(texts):
                rows.append(Line(grid.cols[0], grid.cols[-1], grid.rows[r], grid.rows[r + 1], 0.0,
                                 "\t".join(texts), kind="table_row"))
    return rows


_HALF_TO_FULL = str.maketrans(",;:?!()", "，；：？！（）")
_CJK_NEXT_TO = re.compile(r"(?<=[\u4e00-\u9fff])[,;:?!()]|[,;:?!()](?=[\u4e00-\u9fff])")


# Tesseract's usual misreadings of a reply's fixed forms: the year brackets of a
# 文号 (〔2023〕 read as [2023] or (2023j), a dash between years read as 一,
# 关于 (the first words of every title) read as 天于, 若干 (in policy titles) as 各干.
_YEAR_BRACKETS = re.compile(r"[\[(（〔【]\s*((?:19|20)\d\d)\s*[\])）〕】jJ]\s*(?=\d+\s*号)")
# The same once lines are joined (岚综管办【2022j | 86号), one character for one.
_JOINED_YEAR_BRACKETS = re.compile(r"[\[(（〔【]((?:19|20)\d\d)[\])）〕】jJ](?=\d+号)")
# A year range's dash read as a hyphen: undone where the page shows a long dash.
_YEAR_HYPHEN = re.compile(r"(?<=(?:19|20)\d\d)[-－](?=(?:19|20)\d\d)")
_YEAR_DASH = re.compile(r"(?<=(?:19|20)\d\d)一(?=(?:19|20)\d\d)")
# A decimal point read with a gap (88 .5%) or as a comma (18 ,4%, 2,15万; a
# thousands comma has no gap and three digits after it), a list number's point
# read as a comma at a line's or a sentence's start (2 ，关于, 。3 ，推进),
# the 〇 of a date in Chinese numerals read as a letter O or a digit 0.
_DECIMAL_POINT = re.compile(r"(\d) *[.．] *(?=\d)(\d)")
_DECIMAL_COMMA = re.compile(r"(\d)(?: +[,，] *| *[,，] +|[,，](?=\d{1,2}(?!\d)))(\d)")
_LIST_NUMBER = re.compile(r"(^|[。；！？])(\d{1,2}) *[.．,，] *(?=[\u4e00-\u9fff])")
# A percent sign read with a stray digit after it (70%5、): no number follows
# % directly in Chinese text, so a lone digit between % and punctuation goes.
_PERCENT_TAIL = re.compile(r"(?<=\d%)\d(?=[、，。；：）\u3000 ]|$)")
_ZERO = re.compile(r"(?<=[一二三四五六七八九〇])[Oo0Ｏ]|[Oo0Ｏ](?=[一二三四五六七八九〇]{1,3}年)")
_WORDS = {"天于": "关于", "各干": "若干"}
# 〈…） 《…） : an opening full-width parenthesis read as an angle bracket.
_ANGLE_OPEN = re.compile(r"[〈<《]([^〈〉<>()（）《》\n]{1,40}）)")
# A list label （一） whose closing parenthesis was lost in the gap after it.
_OPEN_LABEL = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[\u3000 ]+(?=[\u4e00-\u9fff])")


def clean_ocr_line(text: str) -> str:
    """One OCR'd line with Tesseract's usual slips undone (see the patterns
    above). Chinese punctuation comes out half-width (, ; : ( ) "); a reply
    prints it full-width, so it is written back so beside Chinese text, with
    straight quotes made opening and closing in turn."""
    text = _CJK_NEXT_TO.sub(lambda m: m.group().translate(_HALF_TO_FULL), text)
    text = _YEAR_BRACKETS.sub(r"〔\1〕", _YEAR_DASH.sub("—", text))
    text = _ANGLE_OPEN.sub(r"（\1", text)
    text = _OPEN_LABEL.sub(r"（\1）", text)
    text = _DECIMAL_POINT.sub(r"\1.\2", _DECIMAL_COMMA.sub(r"\1.\2", text))
    text = _PERCENT_TAIL.sub("", text)
    text = _LIST_NUMBER.sub(r"\1\2.", _ZERO.sub("〇", text))
    for wrong, right in _WORDS.items():
        text = text.replace(wrong, right)
    out, open_quote = [], False
    for c in text:
        if c in "“”\"":
            c = "”" if open_quote else "“"
            open_quote = not open_quote
        out.append(c)
    return "".join(out)


# A quoted name or slogan is shorter than this; a quote open longer lost its pair.
MAX_QUOTED = 30


def pair_quotes(paragraph: str) -> str:
    """Double quotes made opening or closing, one character for one:
    Tesseract prints “ for ” and the reverse, or a straight ". A quote after
    a word and before punctuation closes; one after punctuation (or at the
    start) and before a word opens, save after 。！？ inside an open quote;
    between two words it takes turns with the quote before it in the
    sentence (opening again when that one opened over MAX_QUOTED characters
    back)."""
    out, is_open, opened = list(paragraph), False, 0
    for i, c in enumerate(paragraph):
        if c in "。！？；" and paragraph[i + 1:i + 2] not in ("“", "”", '"'):
            is_open = False  # a quote lost by OCR does not turn the next sentence's round
        if c not in "“”\"":
            continue
        before = i > 0 and (paragraph[i - 1].isalnum() or paragraph[i - 1] in "+%）)》")
        after = i + 1 < len(paragraph) and (paragraph[i + 1].isalnum() or paragraph[i + 1] in "（(《")
        if before != after:
            # before a word it opens, unless a quote is open and this one
            # follows the sentence's end inside it (“好。”然后)
            is_open = after and not (is_open and i > 0 and paragraph[i - 1] in "。！？…")
        else:
            # a quote left open far back lost its closing one: this one opens
            is_open = not is_open or i - opened > MAX_QUOTED
        if is_open:
            opened = i
        out[i] = "“" if is_open else "”"
    return "".join(out)


def fix_place_names(text: str) -> str:
    """Division names that OCR misread by one character (枇溪市 for 慈溪市)
    are restored from the gazetteer (regions.division_names) when the page
    says which one is meant: of the names one character away, exactly one has
    the most support on the page — its own name printed correctly somewhere
    (best), else its prefecture's or province's name (宁波 for 慈溪市).

    A misreading is a stem one character off followed by the division's own
    suffix (市/县/区), or a bare stem one character off when the full name is
    printed on the page (乌鲁本齐 beside 乌鲁木齐市). It is left alone when it is a
    division name or stem itself (兰溪), a dictionary word (奔波) or ends in
    one (主城区, 我市).
    Each fix replaces one character by one, so offsets do not move."""
    from ..nlp import jieba
    from ..regions import division_names
    names = division_names()
    keys = _one_off_keys()
    freq = jieba().FREQ
    chars = list(text)

    def candidates(word: str) -> set[str]:
        found: set[str] = set()
        for i in range(len(word)):
            found |= keys.get(word[:i] + "?" + word[i + 1:], set())
        return found

    def misread(word: str) -> bool:
        """Not a name or stem, its stem not a word (集聚区, 建设市), nor
        ending in a word (我市, 山区)."""
        return (bool(_ALL_CJK.fullmatch(word)) and word not in names and word not in keys["stems"]
                and not freq.get(word[:-1]) and not any(freq.get(word[k:]) for k in range(len(word) - 1)))

    def starts_word(i: int) -> bool:
        """Whether a word starts at i (永安等县: 安等县 starts inside 永安)."""
        pos = max(0, i - 6)
        for w in jieba().cut(text[pos:i + 2], HMM=False):
            if pos >= i:
                return pos == i
            pos += len(w)
        return True

    # Stem + suffix: 枇溪市.
    for m in re.finditer("[市县区]", text):
        j = m.start()
        if any(text[j - n:j + 1] in names for n in range(2, 6) if j >= n):
            continue
        for n in range(5, 1, -1):
            word = text[j - n:j + 1] if j >= n else ""
            if word and misread(word) and starts_word(j - n):
                best = _best_supported({c for c in candidates(word[:-1]) if c.endswith(word[-1])}, text)
                if best:
                    chars[j - n:j + 1] = best
                    break
    # A bare stem of three characters or more, when the full name is printed:
    # 乌鲁本齐 beside 乌鲁木齐市 (two characters are too little to go on).
    printed = {n[:-1] for n in names if len(n) >= 4 and n[-1] in "市县区" and n in text}
    for stem in printed:
        for i in range(len(stem)):
            pattern = re.escape(stem[:i]) + r"[\u4e00-\u9fff]" + re.escape(stem[i + 1:])
            for m in re.finditer(pattern, text):
                if m.group() != stem and misread(m.group()) and not any(
                        c[:-1] in printed and c[:-1] != stem for c in candidates(m.group())):
                    chars[m.start():m.end()] = stem
    return "".join(chars)


_ALL_CJK = re.compile(r"[\u4e00-\u9fff]+")


@cache
def _one_off_keys() -> dict[str, set[str]]:
    """Stems of division names (3+ characters, ending 市/县/区) under every key
    with one character hidden: '?溪' -> {兰溪市, 慈溪市, …}; "stems" -> all
    stems of divisions of any level."""
    from ..regions import division_names
    keys: dict[str, set[str]] = {"stems": {n[:-1] for n in division_names() if len(n) >= 3}}
    for name in division_names():
        if len(name) >= 3 and name[-1] in "市县区":
            stem = name[:-1]
            for i in range(len(stem)):
                keys.setdefault(stem[:i] + "?" + stem[i + 1:], set()).add(name)
    return keys


def _best_supported(names: set[str], text: str) -> str | None:
    """The one name of `names` the text supports most (its full name printed:
    3, its stem: 2, its prefecture's or province's name: 1), None on a tie or
    none."""
    from ..regions import place_by_adcode, division_names
    scored = []
    for name in names:
        place = division_names()[name]
        score = 3 if name in text else 2 if name[:-1] in text else 0
        if not score:
            for code in {place.adcode[:4] + "00", place.adcode[:2] + "0000"} - {place.adcode}:
                parent = place_by_adcode(code)
                if parent and (parent.name in text or len(parent.name) >= 3 and parent.name[:-1] in text):
                    score = 1
        if score:
            scored.append((score, name))
    scored.sort(reverse=True)
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


def _run(argv: list[str], path: Path, env: dict) -> tuple[bytes, int]:
    import subprocess
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env,
                              timeout=PAGE_TIMEOUT_S, start_new_session=True)
    except subprocess.TimeoutExpired:
        raise ReadError(path, "timeout", f"OCR of a page took over {PAGE_TIMEOUT_S:g} s; stopped") from None
    except OSError as e:
        raise ReadError(path, "needs_ocr", f"cannot run Tesseract: {e}; {INSTALL_HINT}") from e
    return proc.stdout, proc.returncode
