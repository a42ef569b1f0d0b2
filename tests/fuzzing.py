"""Hypothesis strategies and properties for fuzzing the readers and extractors.

Shared by tests/test_fuzz.py (a few hundred examples each, in CI) and
bench/fuzz.py (the long run). Each `check_*` function is one property: it
raises AssertionError (or the bug's own exception) when the property fails.
"""
from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import strategies as st

from reply_extractor import readers
from reply_extractor.document import Document
from reply_extractor.pipeline import extract_all

# Pieces replies are made of: numerals, units, numbering, labels and cue words
# the extractors look for, so random mixes reach deep into every extractor.
NUMERALS = ["12", "3.46", "１２", "３.４６", "一", "二十", "三千余", "二〇二三", "两", "百分之八",
            "1,200", "0", "9999999999999", "五至八", "5-8", "1/3", "三分之二", "八成", "〇", "万", "亿"]
UNITS = ["元", "万元", "亿元", "%", "％", "个百分点", "人", "万人", "家", "个", "公里", "吨", "亩",
         "年", "月", "日", "号", "倍", "次", "项", "余", "多", "近", "以上", "左右", "约"]
MARKERS = ["一、", "（一）", "(1)", "1.", "1、", "一是", "二是", "第一，", "①", "\n", "\n\n", "　　",
           "\t", " ", "\r", "\r\n"]
LABELS = ["答复类别：A", "联系人：", "联系电话：", "抄送：", "尊敬的", "代表：", "委员：", "关于",
          "的答复", "建议", "提案", "第7号", "市十八届人大二次会议", "政协", "〔2023〕", "2023年6月1日",
          "现答复如下：", "收悉", "下一步，", "我局将", "计划于2024年底前", "位居全省第2", "前十",
          "连续三年", "同比增长", "下降", "《", "》", "“", "”", "「", "」", "（", "）", "；", "。", "，",
          "省", "市", "县", "慈溪市", "宁波", "全省", "我市", "实施", "出台", "印发", "计划", "工程"]
WORDS = ["加强", "统筹", "示范企业", "资金", "投入", "新增", "完成", "推进", "建设", "全覆盖",
         "道路", "补贴", "学校", "学位", "医疗", "农村", "数字化", "改造"]

piece = st.one_of(
    st.sampled_from(NUMERALS), st.sampled_from(UNITS), st.sampled_from(MARKERS),
    st.sampled_from(LABELS), st.sampled_from(WORDS),
    st.text(max_size=8),  # any Unicode, controls and surrogates' neighbours included
    st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), max_size=6),
)
reply_text = st.lists(piece, max_size=120).map("".join)


def check_extract_text(text: str) -> None:
    """Every extractor on the text: no exception, every span exactly its surface,
    a record that serialises."""
    for reply in extract_all(Document.from_text(text)):
        assert reply.check_spans() == [], reply.check_spans()
        record = reply.to_dict()
        assert record["text"] == reply.text


_TMP = Path(tempfile.mkdtemp(prefix="rx-fuzz-"))


def check_read_bytes(data: bytes, suffix: str) -> None:
    """A reader given any bytes returns a Document or raises ReadError; nothing else."""
    path = _TMP / f"input{suffix}"
    path.write_bytes(data)
    try:
        doc = readers.read(path)
    except readers.ReadError as e:
        assert e.kind and e.reason
        return
    for b in doc.blocks:
        assert 0 <= b.start <= b.end <= len(doc.text)


def check_read_and_extract_bytes(data: bytes, suffix: str) -> None:
    check_read_bytes(data, suffix)
    path = _TMP / f"input{suffix}"
    try:
        replies = extract_all(path)
    except readers.ReadError:
        return
    for reply in replies:
        assert reply.check_spans() == []


_DOC_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body>"
            "<w:p><w:r><w:t>关于市十八届人大二次会议第7号建议的答复</w:t></w:r></w:p>"
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
            "<w:r><w:t>加强统筹。投入资金350万元，</w:t></w:r><w:r><w:tab/><w:t>同比增长12%。</w:t></w:r></w:p>"
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>乡镇</w:t></w:r></w:p></w:tc>"
            "<w:tc><w:p><w:r><w:t>18</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            "<w:p><w:r><w:t>下一步，我局将继续推进。</w:t></w:r><w:r><w:br/></w:r></w:p>"
            "</w:body></w:document>")
_NUMBERING = ('<?xml version="1.0" encoding="UTF-8"?>'
              '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
              '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
              '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
_CT = ('<?xml version="1.0" encoding="UTF-8"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.wordprocessingml.document.main+xml"/>'
       '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.wordprocessingml.numbering+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_DOC_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/numbering" Target="numbering.xml"/></Relationships>')
PARTS = {"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/_rels/document.xml.rels": _DOC_RELS,
         "word/document.xml": _DOC_XML, "word/numbering.xml": _NUMBERING}

XML_BITS = ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tab/>", "<w:br/>", "<w:tbl>",
            "<w:tr>", "<w:tc>", "</w:tc>", "<w:numPr><w:numId w:val=\"1\"/></w:numPr>", "&amp;", "&#0;",
            "&#xD800;", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "&e;",
            '"', "'", "<", ">", "\x00", "一、", "350万元", "w:val=\"-1\"", "w:ilvl=\"99\"",
            "w:numId=\"999999999999\"", "<w:lvlText w:val=\"%9%1\"/>", "<w:start w:val=\"-5\"/>"]


@st.composite
def docx_mutation(draw) -> bytes:
    """A small valid .docx with random edits to one of its XML parts: cut,
    duplicated or replaced slices, inserted markup bits or random text."""
    parts = dict(PARTS)
    name = draw(st.sampled_from(sorted(parts)))
    xml = parts[name]
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(xml)))
        j = draw(st.integers(i, min(len(xml), i + 40)))
        op = draw(st.sampled_from(["cut", "dup", "insert", "replace"]))
        if op == "cut":
            xml = xml[:i] + xml[j:]
        elif op == "dup":
            xml = xml[:j] + xml[i:j] + xml[j:]
        else:
            bit = draw(st.one_of(st.sampled_from(XML_BITS), st.text(max_size=6)))
            xml = xml[:i] + bit + (xml[i:] if op == "insert" else xml[j:])
    parts[name] = xml
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, content in parts.items():
            z.writestr(n, content.encode("utf-8", "surrogatepass"))
    data = buf.getvalue()
    if draw(st.booleans()) and draw(st.booleans()):  # sometimes damage the zip itself
        k = draw(st.integers(0, len(data) - 1))
        data = data[:k] + bytes([data[k] ^ 0xFF]) + data[k + 1:]
    return data


html_bytes = st.lists(st.one_of(
    st.sampled_from(["<html>", "<body>", "<div class=\"TRS_Editor\">", "<p>", "</p>", "</div>", "<br>",
                     "<table><tr><td>", "</td></tr></table>", "<script>", "</script>", "<meta charset=\"gbk\">",
                     "<title>答复</title>", "&nbsp;", "&#12345;", "<!--", "-->"]),
    reply_text.map(lambda s: s[:40])), max_size=60).map(
        lambda xs: "".join(xs).encode("utf-8", "surrogatepass"))

text_bytes = st.one_of(
    st.binary(max_size=400),
    reply_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
    reply_text.map(lambda s: s.encode("gb18030", "replace")),
    reply_text.map(lambda s: s.encode("utf-16", "surrogatepass")),
    st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""]), st.binary(max_size=200))
    .map(lambda t: t[0] + t[1]),
)
