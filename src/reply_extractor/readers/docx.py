"""Word .docx replies.

The body is read in reading order (paragraphs and tables as they appear in the
XML), each table row becoming one "table_row" block with cells joined by a tab.
Word's auto-numbering labels ("一、", "（二）", "1.") are rendered and written
into the text at the start of their paragraph, as the printed reply shows them.
Page headers come first and footers last, as a reader meets them (a contact
line often lives in the footer).
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from ..document import Block, Document
from . import ReadError
from .numbering import Numbering, child, qn, style_element  # qn cached per tag

_W_P, _W_TBL, _W_TR, _W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_W_T, _W_TAB, _W_BR, _W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_W_TXBX = qn("w:txbxContent")
_W_HYPHEN = qn("w:noBreakHyphen")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text Word does not show as body text.
_SKIP = {qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr"), qn("w:instrText"),
         qn("w:delText"), _MC_FALLBACK, _W_TXBX, qn("w:footnoteReference"),
         qn("w:endnoteReference"), qn("w:commentReference")}
_CONTAINERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"),
               qn("w:moveTo"), qn("w:smartTag")}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A label ending in one of these is followed directly by the text ("一、强化…").
_LABEL_PUNCT = "、.．)）:：,，;；]】>》」』"
_HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"


def read_docx(path: Path, data: bytes) -> Document:
    parts = _light_parts(data)
    if parts is None:  # anything unusual: python-docx reads it (and names what is wrong)
        document = _open(path, data)
        try:
            parts = _docx_parts(document)
        except Exception as e:  # malformed XML inside an otherwise valid package
            raise ReadError(path, "corrupt", f"damaged .docx content: {type(e).__name__}: {e}") from e
    try:
        return _build(path, parts)
    except ReadError:
        raise
    except Exception as e:
        raise ReadError(path, "corrupt", f"damaged .docx content: {type(e).__name__}: {e}") from e


class _Parts:
    """What the reader reads of a package: the body, the styles and numbering
    parts' elements, and the header and footer parts' elements in section order."""

    def __init__(self, body, styles_el, numbering_el, headers: list, footers: list):
        self.body, self.styles_el, self.numbering_el = body, styles_el, numbering_el
        self.headers, self.footers = headers, footers


def _docx_parts(document) -> _Parts:
    part = document.part
    numbering_el = None
    try:
        numbering_el = part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        pass
    body = document.element.body
    rels = {rid: (rel.reltype, None if rel.is_external else rel.target_part)
            for rid, rel in part.rels.items()}
    return _Parts(body, part.styles.element, numbering_el,
                  [p.element for p in _parts_in_section_order(body, rels, _HEADER_REL)],
                  [p.element for p in _parts_in_section_order(body, rels, _FOOTER_REL)])


# The package read directly (zipfile + lxml with python-docx's parser settings):
# python-docx loads and parses every part of the package into its element classes,
# most of the time of reading a reply. Packages out of the ordinary (no styles
# part, another main content type, odd relationships) go to python-docx.
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STYLES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_NUMBERING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _light_parts(data: bytes) -> _Parts | None:
    if not data.startswith(b"PK"):
        return None
    try:
        from lxml import etree

        parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            _check_unpacked_size(Path("-"), z)  # too large: the full path says so, naming the file

            def xml(name: str):
                return etree.fromstring(z.read(name), parser)

            def rels_of(partname: str) -> dict[str, tuple[str, str | None]]:
                folder, _, base = partname.rpartition("/")
                rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
                if rels_name not in z.NameToInfo:
                    return {}
                out = {}
                for rel in xml(rels_name).iter(f"{{{_PKG_REL}}}Relationship"):
                    target = rel.get("Target") or ""
                    external = rel.get("TargetMode") == "External"
                    out[rel.get("Id")] = (rel.get("Type"), None if external else _resolve(folder, target))
                return out

            main = next((t for typ, t in rels_of("").values() if typ == _DOC_REL and t), None)
            if main is None or _content_type(xml("[Content_Types].xml"), main) != _MAIN_CT:
                return None
            rels = rels_of(main)
            styles = next((t for typ, t in rels.values() if typ == _STYLES_REL and t), None)
            numbering = next((t for typ, t in rels.values() if typ == _NUMBERING_REL and t), None)
            if styles is None or styles not in z.NameToInfo or (numbering and numbering not in z.NameToInfo):
                return None
            document = xml(main)
            body = document.find(qn("w:body"))
            if document.tag != qn("w:document") or body is None:
                return None
            pages = {}
            for rel_type in (_HEADER_REL, _FOOTER_REL):
                names = _parts_in_section_order(body, rels, rel_type)
                if any(n not in z.NameToInfo for n in names):
                    return None
                pages[rel_type] = [xml(n) for n in names]
            styles_data = z.read(styles)
            styles_el = _LazyStyles.of(styles_data, parser) or etree.fromstring(styles_data, parser)
            return _Parts(body, styles_el, xml(numbering) if numbering else None,
                          pages[_HEADER_REL], pages[_FOOTER_REL])
    except Exception:  # damaged or unusual: python-docx says what is wrong
        return None


_WML_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STYLES_ROOT = re.compile(rb"<w:styles\b([^<>]*)>")
_STYLE_TAG = re.compile(rb"<w:style\b([^<>]*?)(/?)>")
_STYLE_END = b"</w:style>"
_STYLE_ID = re.compile(rb"""\sw:styleId\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")
_NS_DECL = re.compile(rb"""\sxmlns(?::[\w.-]+)?\s*=\s*(?:"[^"<]*"|'[^'<]*')""")
_XML_DECL = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']""")


class _LazyStyles:
    """The styles part, each w:style element parsed when a paragraph first asks
    for it (`style_by_id`, what numbering.style_element looks up): a template's
    styles part is ~160 styles in 350 KB of XML, a reply uses three or four,
    and parsing all of it was most of reading a .docx. Anything unusual in the
    part (comments, CDATA, another prefix or encoding, a style inside a style,
    a fragment that does not parse back to the style asked for) reads the whole
    part instead, as before."""

    def __init__(self, data: bytes, parser, root_decls: bytes, spans: dict[str, tuple[int, int]]):
        self._data, self._parser, self._decls, self._spans = data, parser, root_decls, spans
        self._parsed: dict[str, object] = {}
        self._whole = None

    @classmethod
    def of(cls, data: bytes, parser) -> "_LazyStyles | None":
        declared = _XML_DECL.match(data)
        if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
            return None
        if b"<!--" in data or b"<![CDATA[" in data or b"<!DOCTYPE" in data or b"AlternateContent" in data:
            return None
        root = _STYLES_ROOT.search(data)
        if root is None or _WML_NS not in root.group(1):
            return None
        decls = b"".join(m.group() for m in _NS_DECL.finditer(root.group(1)))
        if not re.search(rb"""\sxmlns:w\s*=\s*["']""" + re.escape(_WML_NS) + rb"""["']""", decls):
            return None
        spans: dict[str, tuple[int, int]] = {}
        for tag in _STYLE_TAG.finditer(data, root.end()):
            end = tag.end()
            if not tag.group(2):
                close = data.find(_STYLE_END, end)
                if close < 0 or _STYLE_TAG.search(data, end, close):
                    return None
                end = close + len(_STYLE_END)
            ident = _STYLE_ID.search(tag.group(1))
            if ident:
                sid = ident.group(1) if ident.group(1) is not None else ident.group(2)
                if b"&" in sid:
                    return None
                spans[sid.decode("utf-8")] = (tag.start(), end)  # the last one of an id, as Word reads it
        return cls(data, parser, decls, spans)

    def style_by_id(self, sid: str):
        if self._whole is not None:
            return _style_in(self._whole, sid)
        if sid in self._parsed:
            return self._parsed[sid]
        span = self._spans.get(sid)
        found = None
        if span is not None:
            from lxml import etree
            try:
                wrapped = b"<w:styles" + self._decls + b">" + self._data[span[0]:span[1]] + b"</w:styles>"
                found = etree.fromstring(wrapped, self._parser)[0]
            except Exception:
                found = None
            if found is None or found.tag != qn("w:style") or found.get(qn("w:styleId")) != sid:
                return self._read_whole(sid)
        self._parsed[sid] = found
        return found

    def _read_whole(self, sid: str):
        from lxml import etree
        self._whole = etree.fromstring(self._data, self._parser)
        return _style_in(self._whole, sid)


def _style_in(styles_el, sid: str):
    from .numbering import style_element
    return style_element(styles_el, sid)


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a zip member name."""
    import posixpath

    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path)


def _content_type(types, partname: str) -> str | None:
    for o in types.iter(f"{{{_CT_NS}}}Override"):
        if (o.get("PartName") or "").lstrip("/").lower() == partname.lower():
            return o.get("ContentType")
    ext = partname.rpartition(".")[2].lower()
    for d in types.iter(f"{{{_CT_NS}}}Default"):
        if (d.get("Extension") or "").lower() == ext:
            return d.get("ContentType")
    return None


def _open(path: Path, data: bytes):
    if data.startswith(_OLE2):
        raise ReadError(path, "corrupt", "an old Word .doc (or encrypted) file, not a .docx; "
                        "save it as .docx")
    if not data.startswith(b"PK"):
        raise ReadError(path, "corrupt", "not a .docx (zip) file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            _check_unpacked_size(path, z)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError) as e:
        raise ReadError(path, "corrupt", "truncated or damaged .docx: the zip archive is "
                        f"incomplete or broken ({e})") from e
    # members are checked (CRC) as python-docx reads them, not all in advance
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise ReadError(path, "corrupt", "a zip file but not a .docx (no word/document.xml)")
    import docx
    from lxml.etree import XMLSyntaxError
    try:
        return docx.Document(io.BytesIO(data))
    except XMLSyntaxError as e:
        raise ReadError(path, "corrupt", f"damaged .docx: malformed XML ({e})") from e
    except (zipfile.BadZipFile, EOFError, zlib.error) as e:
        raise ReadError(path, "corrupt", f"truncated or damaged .docx (a damaged member: {e})") from e
    except Exception as e:
        reason = str(e) or type(e).__name__
        if "word/document.xml" not in names:
            reason = "no word/document.xml"
        raise ReadError(path, "corrupt", f"not a Word document: {reason}") from e


# Budget: unpacked sizes, checked from the zip directory before anything is
# inflated. A reply's document.xml is well under 1 MB; a zip bomb packs 80 MB of
# XML into less than one.
MAX_XML_PART = 16 * 2**20
MAX_UNPACKED = 256 * 2**20


def _check_unpacked_size(path: Path, z: zipfile.ZipFile) -> None:
    infos = z.infolist()
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise ReadError(path, "too_large", f"unpacks to {total / 2**20:.0f} MiB; a .docx reply "
                        f"unpacks to at most {MAX_UNPACKED // 2**20} MiB")
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART:
            raise ReadError(path, "too_large", f"{info.filename} unpacks to "
                            f"{info.file_size / 2**20:.0f} MiB of XML; a reply's is at most "
                            f"{MAX_XML_PART // 2**20} MiB")


class _Builder:
    """Collects text pieces and their blocks with running offsets."""

    def __init__(self):
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.pos = 0

    def add(self, text: str, kind: str, label: str | None = None, level: int | None = None,
            style: str | None = None) -> None:
        if self.parts:
            self.parts.append("\n")
            self.pos += 1
        self.parts.append(text)
        if text.strip():
            self.blocks.append(Block(kind, self.pos, self.pos + len(text), label, level, style))
        self.pos += len(text)

    def build(self, **kw) -> Document:
        return Document("".join(self.parts), self.blocks, **kw)


def _build(path: Path, parts: _Parts) -> Document:
    numbering = Numbering(parts.numbering_el, parts.styles_el)
    style_names = _StyleNames(parts.styles_el)
    out = _Builder()
    seen: set[str] = set()  # a text in both header and footer is read once
    _read_page_parts(parts.headers, out, style_names, "header", seen)
    _read_container(parts.body, out, numbering, style_names)
    _read_page_parts(parts.footers, out, style_names, "footer", seen)
    return out.build(source=path, format="docx", encoding=None)


class _StyleNames(dict):
    """styleId -> style name, looked up in the styles part on first use (a
    document defines hundreds of styles and uses a few)."""

    def __init__(self, styles_el):
        super().__init__()
        self._styles_el = styles_el

    def get(self, sid, default=None):
        if dict.__contains__(self, sid):
            return self[sid]
        found = style_element(self._styles_el, sid)
        if found is None:
            return default
        name = self[sid] = _style_name(found)
        return name


def _style_name(style_el) -> str | None:
    name = style_el.find(qn("w:name"))
    return None if name is None else name.get(qn("w:val"))


def _read_container(el, out: _Builder, numbering: Numbering | None, style_names: dict,
                    kind: str = "paragraph") -> None:
    """Paragraphs and tables of a body, header, cell or content control in order."""
    for child in el:
        if child.tag == _W_P:
            _read_paragraph(child, out, numbering, style_names, kind)
        elif child.tag == _W_TBL:
            _read_table(child, out, numbering, kind)
        elif child.tag in _CONTAINERS:
            _read_container(child, out, numbering, style_names, kind)


def _read_paragraph(p, out: _Builder, numbering: Numbering | None, style_names: dict,
                    kind: str) -> None:
    text = paragraph_text(p)
    label, level = None, None
    numbered = numbering.label(p) if numbering is not None else None
    if numbered is not None:
        label, level, suffix = numbered
        if label:
            text = label + _separator(label, suffix, text) + text.lstrip(" \t\u3000")
    style_el = child(p, "w:pPr", "w:pStyle")
    style = style_names.get(style_el.get(qn("w:val"))) if style_el is not None else None
    if style == "Normal":
        style = None
    if label and kind == "paragraph":
        out.add(text, "list_item", label, level, style)
    else:
        out.add(text, kind, style=style)
    # Text boxes anchored in the paragraph come right after it.
    for box in _text_boxes(p):
        _read_container(box, out, numbering, style_names, kind)


def _separator(label: str, suffix: str, text: str) -> str:
    if suffix == "nothing" or label[-1] in _LABEL_PUNCT or not text.strip():
        return ""
    return " "


def _text_boxes(p):
    boxes = []
    for box in p.iter(_W_TXBX):
        anc, skip = box.getparent(), False
        while anc is not None and anc is not p:
            if anc.tag == _MC_FALLBACK:
                skip = True
                break
            anc = anc.getparent()
        if not skip and not any(b in box.iterancestors() for b in boxes):
            boxes.append(box)
    return boxes


def paragraph_text(p) -> str:
    """The visible text of a w:p: runs, tabs, breaks; not deleted revisions,
    field codes, hidden runs or text-box content (read separately)."""
    pieces: list[str] = []
    _collect(p, pieces)
    return "".join(pieces)


_VAL = qn("w:val")


def _hidden(run) -> bool:
    vanish = child(run, "w:rPr", "w:vanish")
    return vanish is not None and vanish.get(_VAL, "true") not in ("0", "false", "off")


def _collect(el, pieces: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == _W_T:
            pieces.append(child.text or "")
        elif tag == _W_TAB:
            pieces.append("\t")
        elif tag in (_W_BR, _W_CR):
            if child.get(qn("w:type")) in (None, "textWrapping"):
                pieces.append("\n")
        elif tag == _W_HYPHEN:
            pieces.append("-")
        elif tag == qn("w:r") and _hidden(child):
            continue
        else:
            _collect(child, pieces)


def _read_table(tbl, out: _Builder, numbering: Numbering | None, kind: str) -> None:
    for tr in tbl.iter(_W_TR):
        if _enclosing_table(tr) is not tbl:
            continue  # rows of nested tables are part of their cell's text
        tcs = [tc for tc in tr if tc.tag == _W_TC]
        tcs += [tc for sdt in tr if sdt.tag == qn("w:sdt") for tc in sdt.iter(_W_TC)]
        cells = []
        for tc in tcs:  # a cell spanning columns (gridSpan): empty cells after it keep the grid
            cells += [_cell_text(tc, numbering)] + [""] * (_grid_span(tc) - 1)
        row = "\t".join(cells)
        if row.strip():
            out.add(row, "table_row" if kind == "paragraph" else kind)


def _enclosing_table(el):
    anc = el.getparent()
    while anc is not None and anc.tag != _W_TBL:
        anc = anc.getparent()
    return anc


def _grid_span(tc) -> int:
    span = child(tc, "w:tcPr", "w:gridSpan")
    try:
        return max(1, min(int(span.get(qn("w:val"))), 64)) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _cell_text(tc, numbering: Numbering | None) -> str:
    merge = child(tc, "w:tcPr", "w:vMerge")
    if merge is not None and merge.get(qn("w:val")) in (None, "continue"):
        return ""  # continuation of a vertically merged cell: shown empty
    inner = _Builder()
    _read_container(tc, inner, numbering, {}, "cell")
    text = " ".join(" ".join(s.split()) for s in inner.parts if s.strip() and s != "\n")
    return text.replace("\t", " ")


def _read_page_parts(elements: list, out: _Builder, style_names: dict, kind: str,
                     seen: set[str]) -> None:
    """The paragraphs of every section's page headers (or footers), each
    distinct text once: headers go before the body as a reader meets them,
    footers after it."""
    for element in elements:
        inner = _Builder()
        _read_container(element, inner, None, style_names, kind)
        whole = inner.build().text
        for block in inner.blocks:
            text = whole[block.start:block.end].strip()
            # Page numbers ("- 1 -", "第 1 页" is kept) carry no words: skip.
            if any(c.isalpha() for c in text) and text not in seen:
                seen.add(text)
                out.add(text, kind)


def _parts_in_section_order(body, rels: dict, rel_type: str) -> list:
    """Header/footer parts (rels: id -> (type, target part or None when
    external)), in the order the sections reference them."""
    tag = qn("w:headerReference") if rel_type == _HEADER_REL else qn("w:footerReference")
    order: list[str] = []
    for sect in body.iter(qn("w:sectPr")):
        for ref in sect.iter(tag):
            rid = ref.get(qn("r:id"))
            if rid and rid not in order:
                order.append(rid)
    order += [rid for rid, (typ, _) in rels.items() if typ == rel_type and rid not in order]
    parts = []
    for rid in order:
        typ, target = rels.get(rid, (None, None))
        if typ == rel_type and target is not None and target not in parts:
            parts.append(target)
    return parts
