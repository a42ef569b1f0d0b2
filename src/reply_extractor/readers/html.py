"""Government web pages (.html / .htm): the reply's main text only.

Decoding follows the page's declared charset (BOM, <meta charset>, http-equiv,
XML declaration) and falls back to detection: many pages declare one charset
and are saved in another (GB2312 / GBK pages are common).

The main text is taken from the content container such pages use (TRS_Editor,
zoom, article/content blocks, see data/html_reader.toml) when there is one,
else from trafilatura, else from the element holding the most Chinese text in
its own paragraphs. Navigation, breadcrumbs, share bars and footers stay out.
The page title is put first when the body does not start with it.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ..document import Block, Document
from ..rules import load as load_rules
from . import ReadError
from .counters import OL_TYPES, css_label, int_attr
from .txt import decode_text, normalize_newlines

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
# Labels pages use for charsets, mapped to the codec that reads them all.
_CODEC = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
          "cp936": "gb18030", "gb18030": "gb18030", "big5": "cp950", "utf8": "utf-8",
          "unicode": "utf-16"}
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
               "dd", "table", "tr", "section", "article", "blockquote", "pre", "center",
               "header", "address", "hr", "tbody", "thead", "tfoot", "caption", "figure",
               "figcaption", "main", "form"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
# A data-table cell holds a word or a number; longer means a layout table.
_LONG_CELL = 100
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|--|—{1,2}| - )\s*")


@cache
def _hints() -> dict:
    return {k: set(v) for k, v in load_rules("html_reader").items() if k != "info_keeps"}


def read_html(path: Path, data: bytes) -> Document:
    html, encoding = decode_html(path, data)
    try:
        lines, title = main_text(html)
    except ReadError:
        raise
    except Exception as e:  # lxml/trafilatura on pathological markup
        raise ReadError(path, "corrupt", f"cannot parse the page: {type(e).__name__}: {e}") from e
    if not any(text.strip() for text, _ in lines):
        raise ReadError(path, "empty", "no main text found in the page")
    # (a line only naming it, 附件：…的答复.pdf, is no title line)
    if title and not any(_squash(title) in _squash(text) and not _ATTACHMENT.match(text) for text, _ in lines[:3]):
        lines.insert(0, (title, "title"))
    return _document(lines, source=path, format="html", encoding=encoding)


_ATTACHMENT = re.compile(r"\s*(?:附件|相关附件|附件下载)\s*\d*\s*[:：]")


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _document(lines: list[tuple[str, str]], **kw) -> Document:
    parts, blocks, pos = [], [], 0
    for text, kind in lines:
        if parts:
            parts.append("\n")
            pos += 1
        style = None
        if kind == "title":
            kind, style = "paragraph", "title"
        parts.append(text)
        blocks.append(Block(kind, pos, pos + len(text), style=style))
        pos += len(text)
    return Document("".join(parts), blocks, **kw)


# -- decoding ------------------------------------------------------------
def decode_html(path: Path | str, data: bytes) -> tuple[str, str]:
    """(text, encoding): the declared charset when it decodes strictly, else
    the text reader's detection."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        head = data[:4096]
        m = _CHARSET.search(head) or _XML_ENCODING.search(head)
        if m:
            label = m.group(1).decode("ascii", "ignore").lower()
            codec = _CODEC.get(label, label)
            try:
                return data.decode(codec), label
            except (UnicodeDecodeError, LookupError):
                pass  # declared wrongly: detect instead
    return decode_text(path, data)


# -- main text -------------------------------------------------------------
def main_text(html: str) -> tuple[list[tuple[str, str]], str | None]:
    """The page's main text as (line, block kind) pairs, and its title."""
    import lxml.html

    tree = lxml.html.fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True))
    if _number_lists(tree):  # trafilatura reads the numbers too
        html = lxml.html.tostring(tree, encoding="unicode")
    titled = _title_found(tree)
    title = titled[0] if titled else None
    _drop_unseen(tree)
    info = _info_tables(tree)
    container = _known_container(tree)
    if container is None:
        container = _pre_container(tree)
    container_lines = _lines(container) if container is not None else []
    if container_lines and titled and titled[1] is not None:
        container_lines = _header_lines(titled[1], container, container_lines) + container_lines
    if container_lines and _cjk(container_lines) >= 30:
        trafilatura_lines = _trafilatura(html)
        # A container missing many of the sentences trafilatura finds was the
        # wrong one (short lines such as info tables do not count).
        inside = _squash("".join(t for t, _ in container_lines))
        missing = sum(len(_CJK.findall(t)) for t, kind in trafilatura_lines
                      if kind == "paragraph" and "。" in t and _squash(t) not in inside)
        if missing > 0.3 * _cjk(container_lines):
            return _with_info(trafilatura_lines, info), title
        return _with_info(container_lines, info), title
    lines = _trafilatura(html)
    densest = _densest(tree)
    fallback = _lines(densest) if densest is not None else []
    # trafilatura returns a page-layout table as one long "row": use the
    # fallback then, and when it found much less than the fallback.
    glued = any(kind == "table_row" and max(map(len, t.split("\t"))) > _LONG_CELL
                for t, kind in lines)
    if fallback and (glued or _cjk(lines) < 0.5 * _cjk(fallback)):
        lines = fallback
    return _with_info(lines, info), title


# Lines between a title and the body container read as the reply's header:
# at most this many, each at most this long (a 文号, a category line).
_HEADER_LINES, _HEADER_LINE_MAX = 3, 100


def _header_lines(title_el, container, container_lines) -> list[tuple[str, str]]:
    """The short lines under the title when the title stands outside the body's
    container, just before it (a layout table's rows: the title, then
    江宁交复〔2026〕23号　答复类别：A类): the reply's header, read with its body.
    A line of several labelled fields is the page's, not the reply's."""
    title = _squash(title_el.text_content())
    if (title_el.getparent() is None or any(a is container for a in title_el.iterancestors())
            or any(title in _squash(t) for t, _ in container_lines[:3])):
        return []
    common = next((a for a in container.iterancestors() if any(t is a for t in title_el.iterancestors())), None)
    if common is None:
        return []
    lines = _lines(common)
    squashed = [_squash(t) for t, _ in lines]
    first = _squash(container_lines[0][0])
    start = next((i for i, t in enumerate(squashed) if t == title), None)
    # (a body cell of few paragraphs reads as one row of the common table)
    end = next((i for i in range(start + 1, len(lines)) if squashed[i].startswith(first)), None) \
        if start is not None else None
    if end is None:
        return []
    between = lines[start + 1:end]
    if len(between) > _HEADER_LINES or any(len(t) > _HEADER_LINE_MAX for t, _ in between):
        return []
    return [(t, "paragraph") for t, kind in between
            if "\t" not in t and len(_LABEL.findall(t)) < 2]  # (a one-cell row is a line)


# A labelled field (发布时间：, 主办单位：): two or more on a line make a box of the
# page's (the publication's data, the suggestion's), not a line of the reply.
_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}[ \u3000]*[：:]")


def _info_tables(tree) -> dict[str, str]:
    """Label -> value of the fields a page shows around the article: 信息公开
    tables or definition lists (索引号, 发布机构, 文号, 成文日期 …) and short lines of
    labelled fields (提案编号：093　　答复类型：A类　　发布日期：…)."""
    labels = _hints()["info_labels"]
    fields: dict[str, str] = {}
    rows = [[c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
            for table in tree.iter("table") if table.find(".//table") is None  # not a layout table
            for row in table.iter("tr")]
    rows += [[c for c in dl if isinstance(c.tag, str) and c.tag in ("dt", "dd")] for dl in tree.iter("dl")]
    for row in rows:
        cells = [_squash(c.text_content()) for c in row]
        for label, value in zip(cells, cells[1:]):
            label = label.rstrip(":：")
            if label in labels and value and value.rstrip(":：") not in labels:
                fields.setdefault(label, value)
        for cell in cells:  # a cell holding its label too (文号：农办议〔2026〕112号)
            if len(cell) <= _INFO_LINE_MAX:
                for m in _info_field_re().finditer(cell):
                    fields.setdefault(m["label"], m["value"])
    for ul in tree.iter("ul", "ol"):  # a list of fields, one an item (first: a div holding it glues them)
        found = {m["label"]: m["value"] for li in ul if isinstance(li.tag, str) and li.tag == "li"
                 for m in _info_field_re().finditer(_SPACED_LABEL.sub("", li.text_content()))}
        if len(found) >= 2:
            for label, value in found.items():
                fields.setdefault(label, value)
    for el in tree.iter("div", "p"):
        text = el.text_content()
        if len(text) <= _INFO_LINE_MAX:
            found = {m["label"]: m["value"] for m in _info_field_re().finditer(_SPACED_LABEL.sub("", text))}
            if len(found) >= 2:
                for label, value in found.items():
                    fields.setdefault(label, value)
    return fields if len(fields) >= 2 else {}


_INFO_LINE_MAX = 300
# A label spaced out to align with longer ones (文　　号：): read without its spaces.
_SPACED_LABEL = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff][：:])")


@cache
def _info_field_re() -> re.Pattern:
    labels = "|".join(sorted(_hints()["info_labels"], key=len, reverse=True))
    return re.compile(rf"(?P<label>{labels})[ \t\u3000]*[:：][ \t\u3000]*(?P<value>[^\s:：]+)")


def _with_info(lines: list[tuple[str, str]], info: dict[str, str]) -> list[tuple[str, str]]:
    """The fields the page's info tables alone give (a 文号, a category), as
    field lines above the main text (the reply's own header may lack them)."""
    text = _squash("".join(t for t, _ in lines))
    extra = []
    for group in load_rules("html_reader")["info_keeps"]:
        label = next((lb for lb in group if info.get(lb)), None)
        if label and _squash(info[label]) not in text:
            extra.append((f"{label}：{info[label]}", "paragraph"))
    return extra + lines


# A style-sheet rule giving <ol> (or <ol class="x">) a list-style type.
_OL_RULE = re.compile(r"(?:^|[\s}>,])ol(?:\.([\w-]+))?\s*(?:,[^{}]*)?\{[^}]*?list-style(?:-type)?\s*:\s*([\w-]+)",
                      re.I)
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([\w-]+)", re.I)


def _number_lists(tree) -> bool:
    """Write into each <ol> item the number a browser draws before it (一、, 1.,
    a.), as the .docx reader writes Word's numbering: measures numbered by the
    page's lists are numbered in the text. Whether any item was numbered."""
    sheet: dict[str | None, str] = {}  # class (None: every <ol>) -> list-style type
    for style in tree.iter("style"):
        for m in _OL_RULE.finditer(style.text or ""):
            sheet[m.group(1)] = m.group(2).lower()
    numbered = False
    for ol in tree.iter("ol"):
        style = _list_style(ol, sheet)
        n = int_attr(ol.get("start"), 1)
        for li in ol:
            if li.tag != "li":
                continue
            n = int_attr(li.get("value"), n)
            label = css_label(n, style)
            if label:
                li.text = label + (li.text or "")
                numbered = True
            n += 1
    return numbered


def _list_style(ol, sheet: dict) -> str:
    """An <ol>'s list-style type: its style attribute, its type, the style sheet."""
    m = _LIST_STYLE.search(ol.get("style") or "")
    if m:
        return m.group(1).lower()
    if ol.get("type") in OL_TYPES:
        return OL_TYPES[ol.get("type")]
    for cls in (ol.get("class") or "").split():
        if cls in sheet:
            return sheet[cls]
    return sheet.get(None, "decimal")


def _cjk(lines: list[tuple[str, str]]) -> int:
    return sum(len(_CJK.findall(t)) for t, _ in lines)


def _title_found(tree) -> tuple[str, object] | None:
    """The reply's title and the element holding it (None for a meta tag's or
    the page's <title>): the first heading-like text that reads like one
    (关于…的答复; one ending as a reply's title does wins over a box's heading
    such as 代表建议), else the page's ArticleTitle meta, else a bold line that
    ends as a reply's title does (<b>对…第86号提案的答复</b> in a layout
    table's cell). Site banners are skipped."""
    cues = _hints()["title_cues"]
    meta = cued = None
    for xpath in ('//meta[@name="ArticleTitle"]/@content', '//meta[@name="articletitle"]/@content',
                  "//h1", "//h2", '//*[contains(@class, "tit")]', "//title", "//b | //strong"):
        if xpath.startswith("//b") and cued:
            return cued
        for found in tree.xpath(xpath):
            text = found if isinstance(found, str) else found.text_content()
            text = _SPACE.sub(" ", text).strip()
            if xpath == "//title":
                text = _TITLE_SPLIT.split(text)[0]
            if len(_CJK.findall(text)) < 4 or len(text) > 120:
                continue
            element = None if isinstance(found, str) or xpath == "//title" else found
            if xpath.startswith("//b"):  # bold lines are mostly the body's own leads
                if text.endswith(_title_endings()):
                    return text, element
                continue
            if any(cue in text for cue in cues):
                # a box's heading (代表建议) reads like one too: the reply's own
                # title (…的答复) wins over it
                if text.endswith(_title_endings()):
                    return text, element
                cued = cued or (text, element)
            if "@content" in xpath and meta is None:
                meta = (text, None)
    return cued or meta


@cache
def _title_endings() -> tuple[str, ...]:
    """How a reply's title ends (…的答复, …的复函, …的协办意见): meta's title markers."""
    return tuple(load_rules("meta")["title"]["markers"])


def _words(el) -> set[str]:
    attrs = f"{el.get('id') or ''} {el.get('class') or ''}".lower()
    return {w for w in re.split(r"[\s\-_]+", attrs) if w}


def _values(el) -> set[str]:
    return {v.strip().lower() for v in (el.get("id"), *(el.get("class") or "").split()) if v}


def _drop_unseen(tree) -> None:
    """Remove elements that are never text, hidden, or page chrome."""
    hints = _hints()
    page_cjk = len(_CJK.findall(tree.text_content()))
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        style = (el.get("style") or "").replace(" ", "").lower()
        # Chrome holds little text: a "header_content" wrapper around the
        # article is not chrome.
        chrome = (_words(el) & hints["chrome_words"] and not _values(el) & hints["main_exact"]
                  and len(_CJK.findall(el.text_content())) < 0.3 * page_cjk)
        if (el.tag in hints["skip_tags"] or "display:none" in style
                or "visibility:hidden" in style or chrome):
            el.drop_tree()


def _known_container(tree):
    """The most specific element named like a content container that holds
    most of the Chinese text of any such element."""
    hints = _hints()
    scored = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        exact = bool(_values(el) & hints["main_exact"])
        if exact or _words(el) & hints["main_words"]:
            scored.append((el, len(_CJK.findall(el.text_content())), exact))
    if not scored:
        return None
    best = max(n for _, n, _ in scored)
    if best == 0:
        return None
    # Prefer an exact container name, then the deepest element that still holds
    # 80% of the text: wide "content" wrappers also hold the page chrome.
    good = [(el, n, exact) for el, n, exact in scored if n >= 0.8 * best]
    exact = [g for g in good if g[2]]
    pool = exact or good
    return max(pool, key=lambda g: (len(list(g[0].iterancestors())), g[1]))[0]


def _pre_container(tree):
    """The element around a <pre> block holding most of the page's Chinese text
    (a reply published as preformatted text), or None."""
    page = len(_CJK.findall(tree.text_content()))
    for pre in tree.iter("pre"):
        if page and len(_CJK.findall(pre.text_content())) >= 0.6 * page:
            return pre.getparent() if pre.getparent() is not None else pre
    return None


def _densest(tree):
    """The element with the most Chinese text in its own paragraphs and text."""
    best, best_n = None, 0
    holders = _block_holders(tree)
    for el in tree.iter("div", "td", "article", "section", "body", "main"):
        own = (el.text or "") + "".join((c.text_content() if c.tag in ("p", "span", "font", "strong", "b", "br")
                                         or (c.tag == "div" and c not in holders) else "") + (c.tail or "")
                                        for c in el if isinstance(c.tag, str))
        n = len(_CJK.findall(own))
        if n > best_n:
            best, best_n = el, n
    return best


def _block_holders(tree) -> set:
    """The elements holding a block (div, p, table, list …) somewhere inside: a
    <div> that holds none is a paragraph (old pages: <div>&nbsp;<font>…</font></div>).
    One pass: each ancestor is marked once."""
    holders: set = set()
    for block in tree.iter("div", "p", "table", "ul", "ol", "section", "article"):
        up = block.getparent()
        while up is not None and up not in holders:
            holders.add(up)
            up = up.getparent()
    return holders


def _lines(root) -> list[tuple[str, str]]:
    """Flatten an element into text lines: one per block element or <br>, one
    "table_row" per table row with cells joined by a tab."""
    out: list[tuple[str, str]] = []
    buf: list[str] = []

    def flush():
        line = _clean("".join(buf))
        buf.clear()
        if line:
            out.append((line, "paragraph"))

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "pre":  # preformatted text: its own lines, hard-wrapped ones joined
            flush()
            out.extend((line, "paragraph") for line in _pre_lines(el.text_content()))
            return
        if tag == "tr":
            flush()
            tds = [c for c in el if isinstance(c.tag, str) and c.tag in ("td", "th")]
            cells = [_lines(c) for c in tds]
            if any(_is_layout(c) for c in cells):  # a page-layout table: cells are text
                out.extend(line for c in cells for line in c)
                return
            row = []
            for td, c in zip(tds, cells):  # a cell spanning columns: empty cells after it keep the grid
                span = min(int_attr(td.get("colspan"), 1) or 1, 64)
                row += [" ".join(line for line, _ in c).replace("\t", " ")] + [""] * (span - 1)
            if any(row):
                out.append(("\t".join(row), "table_row"))
            return
        if tag == "br":
            flush()
        elif tag in _BLOCK_TAGS:
            flush()
        if el.text and tag != "br":
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if tag in _BLOCK_TAGS:
            flush()

    walk(root)
    flush()
    return out


def _pre_lines(text: str) -> list[str]:
    """The lines of a <pre> block as a person reads them: lines broken at the
    block's width inside sentences and numbers joined (reflow.py)."""
    from ..reflow import reflow
    lines = (_clean(line) for line in reflow(normalize_newlines(text))[0].split("\n"))
    return [line for line in lines if line]


def _is_layout(cell_lines: list[tuple[str, str]]) -> bool:
    """Data cells hold a word or a number; a cell with several lines or a long
    text is a page-layout table holding the article."""
    return (sum(k == "paragraph" for _, k in cell_lines) > 2
            or any(len(t) > _LONG_CELL for t, _ in cell_lines))


def _clean(s: str) -> str:
    s = s.replace("\xa0", " ")
    return _SPACE.sub(" ", s).strip(" \u3000")


def _trafilatura(html: str) -> list[tuple[str, str]]:
    try:
        import trafilatura
        from lxml import etree
    except ImportError:
        return []
    try:
        xml = trafilatura.extract(html, output_format="xml", include_tables=True,
                                  include_comments=False, include_images=False,
                                  favor_recall=True, deduplicate=False)
    except Exception:  # trafilatura is a best effort here, never fatal
        return []
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    if main is None:
        return []
    out: list[tuple[str, str]] = []
    for el in main.iter("p", "head", "item", "row", "quote", "code"):
        if el.tag == "row":
            cells = [_clean(" ".join(c.itertext())) for c in el.iter("cell")]
            if any(cells):
                out.append(("\t".join(cells), "table_row"))
            continue
        if any(a.tag in ("row", "item", "p", "head") for a in el.iterancestors()):
            continue  # counted with its enclosing block
        for line in normalize_newlines("".join(_text_with_breaks(el))).split("\n"):
            line = _clean(line)
            if line:
                out.append((line, "paragraph"))
    return out


def _text_with_breaks(el):
    if el.text:
        yield el.text
    for child in el:
        if child.tag == "lb":
            yield "\n"
        else:
            yield from _text_with_breaks(child)
        if child.tail:
            yield child.tail
