"""Readers: .txt encodings, .docx auto-numbering/tables/headers, .html main text.

Example texts are invented. Word files are built in tmp_path with
tests/docx_factory.py, so the numbers are Word auto-numbering exactly as in a
real file (not in the paragraph text).
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from reply_extractor.document import Document
from reply_extractor.readers import ReadError, read
from reply_extractor.readers.counters import format_number

sys.path.insert(0, str(Path(__file__).parent))
from docx_factory import DocxBuilder, Level, make_docx  # noqa: E402

from corpus import SHARED
REPLY = ("青溪县农业农村局\n关于加快发展乡村民宿产业的建议的答复\n陈明远代表：\n"
         "一、完善扶持政策。对新评定的等级民宿给予最高30万元奖励，全年新增42家。\n"
         "（二）加强品牌建设，游客增长23.5%。\n")


def _check_blocks(doc: Document) -> None:
    """Every block addresses non-blank text; a label is where it says."""
    for b in doc.blocks:
        assert doc.text[b.start:b.end].strip(), b
        if b.label is not None:
            assert doc.text[b.start:b.start + len(b.label)] == b.label, b


# -- .txt ------------------------------------------------------------------
@pytest.mark.parametrize("codec, expected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),          # Windows Notepad's UTF-8 with BOM
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),                  # GB18030 is read as the superset of GBK
    ("gb2312", "gb18030"),
    ("utf-16", "utf-16"),                # with BOM
    ("utf-16-le", "utf-16-le"),          # no BOM: found from the NUL bytes
    ("utf-16-be", "utf-16-be"),
])
def test_txt_encodings(tmp_path, codec, expected):
    path = tmp_path / "reply.txt"
    path.write_bytes(REPLY.encode(codec))
    doc = read(path)
    assert doc.text == REPLY
    assert doc.encoding == expected
    assert doc.format == "txt"
    _check_blocks(doc)


@pytest.mark.parametrize("text, codec, expected", [
    # Short texts fool statistical detectors; strict decoding does not.
    ("你好", "gbk", "gb18030"),
    ("慈溪市一中", "gbk", "gb18030"),
    ("镕堃喆", "gbk", "gb18030"),                 # rare (non-GB2312) name characters
    ("中文", "big5", "big5"),                     # GBK would read these bytes as kana
    ("關於加強產業發展的建議答覆", "big5", "big5"),
    ("一二三一一一", "utf-16-le", "utf-16-le"),     # no ASCII: NULs only from 一 (U+4E00)
    ("plain ASCII 2023", "ascii", "utf-8"),
])
def test_txt_short_texts(tmp_path, text, codec, expected):
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode(codec))
    doc = read(path)
    assert (doc.text, doc.encoding) == (text, expected)


@pytest.mark.parametrize("raw, lines", [
    (b"a\r\nb\r\nc", ["a", "b", "c"]),        # Windows
    (b"a\rb\rc", ["a", "b", "c"]),            # old Mac
    (b"a\nb\x0cc", ["a", "b", "c"]),          # form feed = page break
    (b"a\nb\x1a", ["a", "b"]),                # DOS end-of-file mark
])
def test_txt_newlines_normalised(tmp_path, raw, lines):
    path = tmp_path / "nl.txt"
    path.write_bytes(raw)
    assert read(path).text.split("\n") == lines


@pytest.mark.parametrize("raw, kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (bytes(range(256)) * 4, "binary"),
    (b"\x01\x02\x03\x04\x05text\x06\x07\x08" * 10, "binary"),
    (bytes(range(0x80, 0x100)) * 3, "encoding"),   # no NULs, but no encoding fits
])
def test_txt_binary_rejected(tmp_path, raw, kind):
    path = tmp_path / "image.txt"
    path.write_bytes(raw)
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.kind == kind
    assert "image.txt" in str(err.value)


@pytest.mark.parametrize("raw", [b"", b"  \r\n\n "])
def test_empty_file(tmp_path, raw):
    path = tmp_path / "empty.txt"
    path.write_bytes(raw)
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.kind == "empty"


def test_txt_blocks_one_per_nonempty_line(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("标题\n\n正文第一段。\n  \n正文第二段。", encoding="utf-8")
    doc = read(path)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == ["标题", "正文第一段。", "正文第二段。"]
    assert {b.kind for b in doc.blocks} == {"paragraph"}


# -- Word number formats ---------------------------------------------------
@pytest.mark.parametrize("n, fmt, expected", [
    (1, "decimal", "1"), (12, "decimal", "12"), (3, "decimalZero", "03"),
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (35, "chineseCounting", "三十五"),
    (10, "chineseCountingThousand", "十"), (105, "chineseCountingThousand", "一百零五"),
    (110, "chineseCountingThousand", "一百一十"), (2003, "chineseCountingThousand", "二千零三"),
    (10, "ideographDigital", "一〇"), (3, "ideographDigital", "三"),
    (10, "japaneseCounting", "十"), (105, "japaneseCounting", "百五"),
    (3, "upperLetter", "C"), (27, "upperLetter", "AA"), (2, "lowerLetter", "b"),
    (4, "upperRoman", "IV"), (14, "lowerRoman", "xiv"),
    (1, "decimalEnclosedCircle", "①"), (20, "decimalEnclosedCircle", "⑳"),
    (21, "decimalEnclosedCircle", "㉑"), (3, "decimalEnclosedParen", "⑶"),
    (3, "decimalFullWidth", "３"), (2, "ideographTraditional", "乙"),
    (11, "chineseLegalSimplified", "壹拾壹"),
    (7, "someFutureFormat", "7"),      # unknown formats fall back to digits
])
def test_format_number(n, fmt, expected):
    assert format_number(n, fmt) == expected


# -- .docx auto-numbering ------------------------------------------------------
@pytest.mark.parametrize("fmt, template, labels", [
    # The four used by the dev-docx twins (README of shared/corpus/dev).
    ("chineseCounting", "%1、", ["一、", "二、", "三、"]),
    ("chineseCounting", "（%1）", ["（一）", "（二）", "（三）"]),
    ("chineseCountingThousand", "%1、", ["一、", "二、", "三、"]),
    ("decimal", "%1.", ["1.", "2.", "3."]),
    # Other formats Chinese replies use.
    ("decimal", "%1、", ["1、", "2、", "3、"]),
    ("decimal", "（%1）", ["（1）", "（2）", "（3）"]),
    ("ideographDigital", "%1、", ["一、", "二、", "三、"]),
    ("japaneseCounting", "%1、", ["一、", "二、", "三、"]),
    ("decimalEnclosedCircle", "%1", ["①", "②", "③"]),
    ("upperLetter", "%1.", ["A.", "B.", "C."]),
    ("lowerLetter", "%1)", ["a)", "b)", "c)"]),
    ("upperRoman", "%1.", ["I.", "II.", "III."]),
    ("lowerRoman", "%1.", ["i.", "ii.", "iii."]),
])
@pytest.mark.parametrize("style", ["List Number", None], ids=["via-style", "direct-numPr"])
def test_docx_numbering_formats(tmp_path, fmt, template, labels, style):
    path = make_docx(tmp_path / "n.docx", ["答复如下：", ("强化顶层设计。", 0),
                                           ("坚持分类推进。", 0), ("做强服务支撑。", 0), "感谢。"],
                     levels=[Level(fmt, template)], style=style)
    doc = read(path)
    _check_blocks(doc)
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.label for b in items] == labels
    assert [b.level for b in items] == [0, 0, 0]
    first = doc.text[items[0].start:items[0].end]
    # The label is glued to the text as in the .txt twins; a circled digit gets a space.
    assert first in (labels[0] + "强化顶层设计。", labels[0] + " 强化顶层设计。")
    assert doc.text.split("\n")[0] == "答复如下："


@pytest.mark.parametrize("fmt", ["bullet", "none"])
def test_docx_unlabelled_lists(tmp_path, fmt):
    path = make_docx(tmp_path / "b.docx", [("要点甲。", 0), ("要点乙。", 0)],
                     levels=[Level(fmt, "•" if fmt == "bullet" else "")])
    doc = read(path)
    assert doc.text == "要点甲。\n要点乙。"
    assert all(b.label is None for b in doc.blocks)


def test_docx_numbering_through_based_on_style(tmp_path):
    """numPr on a base style reaches paragraphs of a style based on it."""
    b = DocxBuilder()
    heads = b.add_list([Level("chineseCounting", "（%1）")], style="Measure Base")
    b.add_style("Measure Heading", based_on="Measure Base")
    b.paragraph("加强产业培育。", style="Measure Heading")
    b.paragraph("优化服务。", style="Measure Heading")
    assert heads
    doc = read(b.save(tmp_path / "s.docx"))
    assert doc.text == "（一）加强产业培育。\n（二）优化服务。"
    assert [b.style for b in doc.blocks] == ["Measure Heading"] * 2


def test_docx_numbering_level_linked_to_style(tmp_path):
    """Word's own templates also name the style in the level (w:pStyle)."""
    b = DocxBuilder()
    heads = b.add_list([Level("chineseCounting", "%1、")], style="Top Heading",
                       link_levels_to_style=True)
    b.numbered("基本情况", heads)
    b.numbered("主要做法", heads)
    assert read(b.save(tmp_path / "l.docx")).text == "一、基本情况\n二、主要做法"


def test_docx_nested_numbering_resets_lower_levels(tmp_path):
    b = DocxBuilder()
    lst = b.add_list([Level("chineseCounting", "%1、"), Level("chineseCounting", "（%2）"),
                      Level("decimal", "%3.")], style="List Number")
    for text, level in [("基本情况", 0), ("起步较早", 1), ("成效明显", 1), ("细项", 2),
                        ("主要做法", 0), ("政策扶持", 1), ("细项", 2), ("细项", 2)]:
        b.numbered(text, lst, level=level)
    doc = read(b.save(tmp_path / "nested.docx"))
    assert doc.text.split("\n") == ["一、基本情况", "（一）起步较早", "（二）成效明显", "1.细项",
                                    "二、主要做法", "（一）政策扶持", "1.细项", "2.细项"]
    assert [b.level for b in doc.blocks] == [0, 1, 1, 2, 0, 1, 2, 2]


def test_docx_multilevel_template(tmp_path):
    """"%1.%2" shows the parent's counter too."""
    b = DocxBuilder()
    lst = b.add_list([Level("decimal", "%1."), Level("decimal", "%1.%2")])
    for text, level in [("总体", 0), ("目标", 1), ("任务", 1), ("保障", 0), ("资金", 1)]:
        b.numbered(text, lst, level=level)
    doc = read(b.save(tmp_path / "ml.docx"))
    assert doc.text.split("\n") == ["1.总体", "1.1 目标", "1.2 任务", "2.保障", "2.1 资金"]


def test_docx_start_override_restarts(tmp_path):
    b = DocxBuilder()
    lst = b.add_list([Level("decimal", "%1、")])
    b.numbered("甲", lst)
    b.numbered("乙", lst)
    again = b.restart(lst, level=0, start=1)
    b.numbered("丙", again)
    b.numbered("丁", again)
    later = b.restart(lst, level=0, start=5)
    b.numbered("戊", later)
    doc = read(b.save(tmp_path / "r.docx"))
    assert doc.text.split("\n") == ["1、甲", "2、乙", "1、丙", "2、丁", "5、戊"]


@pytest.mark.parametrize("suffix, expected", [
    (None, "第一条 总则"),       # Word's default tab suffix becomes a space
    ("space", "第一条 总则"),
    ("nothing", "第一条总则"),
])
def test_docx_label_suffix(tmp_path, suffix, expected):
    path = make_docx(tmp_path / "x.docx", [("总则", 0)],
                     levels=[Level("chineseCounting", "第%1条", suffix=suffix)])
    assert read(path).text == expected


def test_docx_table_in_reading_order(tmp_path):
    b = DocxBuilder()
    b.paragraph("各镇完成情况见下表：")
    b.table([["镇（街道）", "改造小区（个）", "完成投资（万元）"],
             ["东山镇", "18", "9200"],
             ["南湖乡", "15\n（含续建）", "7650"]])
    b.paragraph("改造中，我们同步实施雨污分流。")
    doc = read(b.save(tmp_path / "t.docx"))
    _check_blocks(doc)
    assert doc.text.split("\n") == ["各镇完成情况见下表：",
                                    "镇（街道）\t改造小区（个）\t完成投资（万元）",
                                    "东山镇\t18\t9200",
                                    "南湖乡\t15 （含续建）\t7650",
                                    "改造中，我们同步实施雨污分流。"]
    assert [b.kind for b in doc.blocks] == ["paragraph", "table_row", "table_row", "table_row",
                                            "paragraph"]


def test_docx_cells_merged_across_columns_keep_the_grid(tmp_path):  # heldout44
    b = DocxBuilder()
    table = b.table([["乡镇", "白茶产值（亿元）", ""], ["", "2024年", "2025年"], ["溪龙乡", "9.6", "10.4"]])
    table.cell(0, 1).merge(table.cell(0, 2))   # one header over both years
    table.cell(0, 0).merge(table.cell(1, 0))   # the corner over both header rows
    doc = read(b.save(tmp_path / "t.docx"))
    assert doc.text.split("\n") == ["乡镇\t白茶产值（亿元）\t", "\t2024年\t2025年", "溪龙乡\t9.6\t10.4"]


def test_html_cells_spanning_columns_keep_the_grid(tmp_path):
    path = tmp_path / "t.html"
    path.write_text("<html><body><table><tr><td rowspan=2>乡镇</td><td colspan=2>民宿数量（家）</td></tr>"
                    "<tr><td>2024年</td><td>2025年</td></tr><tr><td>东山镇</td><td>51</td><td>58</td></tr>"
                    "</table><p>" + "下一步，我局将继续完善民宿管理服务体系。" * 3 + "</p></body></html>", encoding="utf-8")
    rows = [line for line in read(path).text.split("\n") if "\t" in line]
    assert rows[0] == "乡镇\t民宿数量（家）\t"


def test_docx_header_first_and_footer_last(tmp_path):
    b = DocxBuilder()
    b.paragraph("正文。")
    b.paragraph("抄送：市政府办公室。")
    b.header("青溪县农业农村局")
    b.footer("（联系人：李华；联系电话：0571-12345678）")
    doc = read(b.save(tmp_path / "hf.docx"))
    assert doc.text.split("\n") == ["青溪县农业农村局", "正文。", "抄送：市政府办公室。",
                                    "（联系人：李华；联系电话：0571-12345678）"]
    assert [b.kind for b in doc.blocks] == ["header", "paragraph", "paragraph", "footer"]


def test_docx_same_header_and_footer_text_once(tmp_path):
    b = DocxBuilder()
    b.paragraph("正文。")
    b.header("内部资料")
    b.footer("内部资料")
    assert read(b.save(tmp_path / "d.docx")).text == "内部资料\n正文。"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _good_docx(tmp_path) -> bytes:
    return make_docx(tmp_path / "good.docx", ["正文。"]).read_bytes()


def _without(data: bytes, member: str, replace: bytes | None = None) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {n: z.read(n) for n in z.namelist()}
    if replace is None:
        del members[member]
    else:
        members[member] = replace
    return _zip(members)


@pytest.mark.parametrize("make, reason", [
    (lambda good: "这是一个改了扩展名的文本文件".encode(), "not a .docx (zip) file"),
    (lambda good: good[: len(good) // 2], "truncated or damaged .docx"),
    (lambda good: good[:-40], "truncated or damaged .docx"),
    (lambda good: _zip({"readme.txt": b"hello"}), "no word/document.xml"),
    (lambda good: _without(good, "word/document.xml"), "no word/document.xml"),
    (lambda good: _without(good, "word/document.xml", b"<w:document><w:body>"), "malformed XML"),
    (lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Word .doc"),
], ids=["not-a-zip", "truncated-half", "truncated-tail", "zip-not-docx", "no-document-xml",
        "bad-xml", "ole2-doc"])
def test_docx_broken_files(tmp_path, make, reason):
    path = tmp_path / "broken.docx"
    path.write_bytes(make(_good_docx(tmp_path)))
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.kind == "corrupt"
    assert reason in err.value.reason


# -- .docx twins of the dev corpus ------------------------------------------
DEV_DOCX = SHARED / "corpus" / "dev-docx"
needs_corpus = pytest.mark.skipif(not DEV_DOCX.is_dir(), reason="shared corpus not present")
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])")


@needs_corpus
@pytest.mark.parametrize("name", sorted(p.stem for p in DEV_DOCX.glob("*.docx"))
                         if DEV_DOCX.is_dir() else [])
def test_dev_docx_matches_txt_twin(name):
    """Same lines as the .txt twin, up to spacing, blank lines and the footer's place."""
    doc = read(DEV_DOCX / f"{name}.docx")
    _check_blocks(doc)
    twin = (SHARED / "corpus" / "dev" / f"{name}.txt").read_text("utf-8")

    def lines(text):
        return Counter(re.sub(r"\s+", "", line) for line in text.split("\n") if line.strip())

    assert lines(doc.text) == lines(twin)
    headings = [b for b in doc.blocks if b.kind == "list_item"]
    assert len(headings) >= 3
    for b in headings:
        assert HEADING.match(doc.text[b.start:b.end]), doc.text[b.start:b.end]


# -- .html -----------------------------------------------------------------
GOV_PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>关于加快发展乡村民宿产业的建议的答复_青溪县人民政府门户网站</title>
<script>var siteId = 12; function share(){}</script>
<style>.nav{color:red}</style>
</head><body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a></div>
<div class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/zwgk/">政府信息公开</a></li>
<li><a href="/ztzl/">专题专栏</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 建议提案办理</div>
<div class="article">
<h1 class="title">关于加快发展乡村民宿产业的建议的答复</h1>
<div class="info">发布时间：2023-07-18 来源：县文旅局 字号：[<a href="#">大</a> <a href="#">小</a>]</div>
<div class="TRS_Editor">
<p>青文旅建〔2023〕9号　　答复类别：A类</p>
<p>陈明远代表：</p>
<p>　　您提出的《关于加快发展乡村民宿产业的建议》收悉。现将办理情况答复如下：</p>
<p>　　一、完善扶持政策。对新评定的等级民宿给予最高30万元奖励，全县新增等级民宿42家。</p>
<p>　　二、加强品牌建设。全县民宿接待游客128.6万人次，同比增长23.5%。</p>
<table border="1"><tr><td>乡镇</td><td>民宿数量（家）</td></tr>
<tr><td>东山镇</td><td>58</td></tr><tr><td>南湖乡</td><td>37</td></tr></table>
<p>　　下一步，我局将继续完善民宿管理服务体系，力争到2025年全县等级民宿达到150家以上。</p>
<p style="text-align:right">青溪县文化和旅游局</p>
<p style="text-align:right">2023年7月12日</p>
</div></div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/a/1.html">关于推进全域旅游发展的建议的答复</a></li></ul></div>
<div class="footer"><p>主办单位：青溪县人民政府办公室</p><p>网站标识码：3302990001</p></div>
</body></html>
"""
CHROME = ["首页", "当前位置", "网站首页", "分享到", "微博", "相关文章", "主办单位", "网站标识码",
          "发布时间", "siteId", "color:red"]


def _lines(doc: Document) -> list[str]:
    return doc.text.split("\n")


def test_html_gov_page_main_text_only(tmp_path):
    path = tmp_path / "reply.html"
    path.write_bytes(GOV_PAGE.encode("gbk"))
    doc = read(path)
    _check_blocks(doc)
    assert doc.format == "html" and doc.encoding == "gb2312"
    lines = _lines(doc)
    assert lines[0] == "关于加快发展乡村民宿产业的建议的答复"       # the page title first
    assert "陈明远代表：" in lines
    assert "一、完善扶持政策。对新评定的等级民宿给予最高30万元奖励，全县新增等级民宿42家。" in lines
    assert ["乡镇\t民宿数量（家）", "东山镇\t58", "南湖乡\t37"] == [
        doc.text[b.start:b.end] for b in doc.blocks if b.kind == "table_row"]
    assert lines[-2:] == ["青溪县文化和旅游局", "2023年7月12日"]
    for chrome in CHROME:
        assert chrome not in doc.text, chrome


def test_html_wrong_declared_charset(tmp_path):
    """Declared UTF-8, saved as GBK: detection takes over."""
    path = tmp_path / "wrong.htm"
    path.write_bytes(GOV_PAGE.replace("charset=gb2312", "charset=utf-8").encode("gbk"))
    doc = read(path)
    assert doc.encoding == "gb18030"
    assert "陈明远代表：" in _lines(doc)


def test_html_without_known_container(tmp_path):
    """No content-container class: trafilatura or the densest block still finds it."""
    page = GOV_PAGE.replace('class="TRS_Editor"', 'class="box1"').replace(
        'class="article"', 'class="wrap"')
    path = tmp_path / "plain.html"
    path.write_bytes(page.encode("utf-8"))
    doc = read(path)
    assert "二、加强品牌建设。全县民宿接待游客128.6万人次，同比增长23.5%。" in _lines(doc)
    for chrome in ("当前位置", "分享到", "主办单位", "相关文章"):
        assert chrome not in doc.text


def test_html_layout_table_with_br_lines(tmp_path):
    """Old pages put the article in a layout-table cell, lines split by <br>."""
    body = "<br>\n".join(["青文旅建〔2023〕9号", "陈明远代表：",
                          "您提出的《关于加快发展乡村民宿产业的建议》收悉。现将办理情况答复如下：",
                          "一、完善扶持政策。对新评定的等级民宿给予最高30万元奖励，全县新增等级民宿42家。",
                          "二、加强品牌建设。全县民宿接待游客128.6万人次，同比增长23.5%。",
                          "青溪县文化和旅游局", "2023年7月12日"])
    page = (f'<html><head><meta charset="utf-8"><title>答复</title></head><body>'
            f'<table width="1000"><tr><td width="200"><a href="/">栏目导航</a><br>'
            f'<a href="/x">政务公开</a></td><td>{body}</td></tr></table></body></html>')
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    doc = read(path)
    assert "陈明远代表：" in _lines(doc)
    assert "二、加强品牌建设。全县民宿接待游客128.6万人次，同比增长23.5%。" in _lines(doc)
    assert not any(b.kind == "table_row" for b in doc.blocks)


def _read_page(tmp_path, page: str, name: str = "page.html") -> Document:
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    doc = read(path)
    _check_blocks(doc)
    return doc


def _list_page(style: str, lists: str) -> str:
    return (f'<html><head><meta charset="utf-8"><style>{style}</style></head><body>'
            f'<div class="TRS_Editor"><p>陈明远代表：</p><p>您提出的《关于加快发展乡村民宿产业的建议》收悉。'
            f'现将办理情况答复如下：</p>{lists}<p>青溪县文化和旅游局</p></div></body></html>')


@pytest.mark.parametrize("style, lists, lines", [
    ("", "<ol><li>完善扶持政策。</li><li><strong>加强品牌建设。</strong>全县新增民宿42家。</li></ol>",
     ["1.完善扶持政策。", "2.加强品牌建设。全县新增民宿42家。"]),
    (".TRS_Editor ol{list-style-type:cjk-ideographic}.TRS_Editor ol.sub{list-style-type:decimal}",
     '<ol><li>完善扶持政策。<ol class="sub"><li>奖励等级民宿。</li><li>培训从业人员。</li></ol></li>'
     "<li>加强品牌建设。</li></ol>",
     ["一、完善扶持政策。", "1.奖励等级民宿。", "2.培训从业人员。", "二、加强品牌建设。"]),
    ("", '<ol type="a" start="3"><li>完善扶持政策。</li><li value="7">加强品牌建设。</li></ol>',
     ["c.完善扶持政策。", "g.加强品牌建设。"]),
    ("", '<ol style="list-style: none"><li>完善扶持政策。</li></ol><ul><li>加强品牌建设。</li></ul>',
     ["完善扶持政策。", "加强品牌建设。"]),
])
def test_html_list_numbers_drawn_by_the_browser_are_written_into_the_text(tmp_path, style, lists, lines):
    """heldout12: measures numbered by <ol> items, as a browser numbers them."""
    got = _lines(_read_page(tmp_path, _list_page(style, lists)))
    first = got.index(lines[0])
    assert got[first:first + len(lines)] == lines


_INFO_TABLE = ('<table class="xxgk_info"><tr><td>索 引 号：</td><td>014061502/2024-00318</td>'
               '<td>主题分类：</td><td>建议提案办理</td></tr><tr><td>发布机构：</td><td>青溪县文化和旅游局</td>'
               '<td>文&nbsp;&nbsp;号：</td><td>青文旅函〔2023〕9号</td></tr></table>')


@pytest.mark.parametrize("body_number, lines", [
    ("", ["文号：青文旅函〔2023〕9号"]),          # heldout12: the 文号 is in the info table only
    ("<p>青文旅函〔2023〕9号</p>", []),           # the reply writes it itself: nothing added
])
def test_html_info_table_gives_the_doc_number_the_reply_lacks(tmp_path, body_number, lines):
    page = _list_page("", "<p>一、完善扶持政策。全县新增民宿42家。</p>").replace(
        '<div class="TRS_Editor">', _INFO_TABLE + '<div class="TRS_Editor">' + body_number)
    doc = _read_page(tmp_path, page)
    assert [ln for ln in _lines(doc) if ln.startswith("文号")] == lines
    assert "索引号" not in doc.text and "014061502" not in doc.text


def test_html_definition_list_gives_the_doc_number_and_category(tmp_path):  # heldout21
    info = ("<dl><dt>索 引 号</dt><dd>11630100MB1234567X/2025-00317</dd><dt>文　　号</dt><dd>青文旅函〔2025〕58号</dd>"
            "<dt>答复类别</dt><dd>A类</dd></dl>")
    page = _list_page("", "<p>一、完善扶持政策。全县新增民宿42家。</p>").replace(
        '<div class="TRS_Editor">', info + '<div class="TRS_Editor">')
    lines = _lines(_read_page(tmp_path, page))
    assert "文号：青文旅函〔2025〕58号" in lines and "答复类别：A类" in lines


def test_html_info_line_gives_the_category_the_reply_lacks(tmp_path):  # heldout14: a 政协 portal's box
    info = ('<div class="artinfo">提案编号：093　　提案人：陈明远　　答复类型：A类　　'
            '发布日期：2024-07-22</div>')
    page = _list_page("", "<p>一、完善扶持政策。全县新增民宿42家。</p>").replace(
        '<div class="TRS_Editor">', info + '<div class="TRS_Editor">')
    doc = _read_page(tmp_path, page)
    assert "答复类型：A类" in _lines(doc) and "发布日期" not in doc.text


def test_html_reply_in_a_pre_block_is_read_as_a_person_reads_it(tmp_path):  # heldout14
    body = ("陈明远代表：\n您提出的《关于加快发展乡村民宿产业的建议》收悉。现将有关情况答复如下\n"
            "：近年来，全县新增等级民宿42家，接待游客128.6万人次，比上年提高6.5\n"
            "个百分点，组建管护队伍1\n200余人；落实维修养护资金8300万元，其中市级补\n"
            "助不低于2500万元，全年维修养护工程3400余处，群众报修问题平均处理时\n"
            "间缩短到24小时以内，群众满意度达到96.2%，较上年提高3.1个百分点。\n"
            "青溪县文化和旅游局\n2023年7月12日\n")
    page = (f'<html><head><meta charset="utf-8"></head><body><div id="top"><a href="/">首页</a></div>'
            f'<div class="con"><h1>关于加快发展乡村民宿产业的建议的答复</h1><pre>\n{body}</pre></div>'
            f'<div id="foot">版权所有</div></body></html>')
    doc = _read_page(tmp_path, page)
    lines = _lines(doc)
    assert "陈明远代表：" in lines and lines[-2:] == ["青溪县文化和旅游局", "2023年7月12日"]
    assert "比上年提高6.5个百分点，组建管护队伍1200余人；落实维修养护资金8300万元，其中市级补助不低于2500万元" in doc.text


def test_html_bold_title_in_a_layout_table_heads_the_text(tmp_path):  # heldout26
    """The body cell (id="zoom") holds the salutation on; the title is a bold
    line in the cell above it, a site banner in <title>."""
    page = ('<html><head><meta charset="utf-8"><title>青溪县卫生健康局</title></head><body>'
            '<table><tr><td>您现在的位置：首页 &gt;&gt; 建议提案办理</td></tr></table>'
            '<table><tr><td class="tt" align="center"><b>对县政协九届三次会议第12号提案的答复</b></td></tr>'
            '<tr><td id="zoom"><p>陈明远委员：</p><p>您提出的《关于加强乡村医生队伍建设的提案》收悉。现答复如下：</p>'
            '<p><strong>一、加强培养。</strong>全县培训乡村医生126人次，新招收定向医学生18人，为边远山区村卫生室配备设备42台。</p>'
            '<p>青溪县卫生健康局</p><p>2024年7月12日</p></td></tr></table></body></html>')
    lines = _lines(_read_page(tmp_path, page))
    assert lines[:2] == ["对县政协九届三次会议第12号提案的答复", "陈明远委员："]


def test_html_bold_leads_of_the_body_are_no_title(tmp_path):
    page = _list_page("", "<p><strong>一、关于加强乡村医生队伍建设的建议</strong></p><p>全县培训乡村医生126人次。</p>")
    assert "关于加强乡村医生队伍建设的建议" not in _lines(_read_page(tmp_path, page))[0]


def test_html_without_text(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><body><script>var a=1;</script><div></div></body></html>",
                    encoding="utf-8")
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.kind == "empty"


@pytest.mark.parametrize("name, raw, kind", [
    ("reply.txt", b"PK\x03\x04" + bytes(range(256)), "binary"),      # a .docx renamed .txt
    ("bom-only.txt", " \n".encode("utf-16"), "empty"),              # BOM, then only spacing
])
def test_txt_misnamed_or_blank(tmp_path, name, raw, kind):
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.kind == kind


def test_html_site_banner_is_not_the_title(tmp_path):
    page = GOV_PAGE.replace('<div class="top">',
                            '<h1 class="logo">青溪县人民政府门户网站</h1><div class="top">')
    page = page.replace('<h1 class="title">', '<h2 class="title">').replace("答复</h1>", "答复</h2>")
    path = tmp_path / "banner.html"
    path.write_bytes(page.encode("gbk"))
    doc = read(path)
    assert _lines(doc)[0] == "关于加快发展乡村民宿产业的建议的答复"
    assert "门户网站" not in doc.text


DEV_TXT = SHARED / "corpus" / "dev"


@pytest.mark.skipif(not DEV_TXT.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("codec", ["gb18030", "utf-16-le", "utf-8-sig"])
def test_dev_corpus_reencoded_reads_the_same(tmp_path, codec):
    """Every dev reply, saved in another encoding, reads back to the same text."""
    for src in sorted(DEV_TXT.glob("*.txt")):
        expected = read(src).text
        copy = tmp_path / src.name
        copy.write_bytes(expected.encode(codec))
        doc = read(copy)
        assert doc.text == expected, src.name
        assert doc.encoding == codec, src.name


def test_txt_trailing_nul_padding_is_ignored(tmp_path):
    path = tmp_path / "padded.txt"
    path.write_bytes("答复类别：A类\n".encode("gb18030") + bytes(7))
    assert read(path).text == "答复类别：A类\n"


def test_txt_utf8_with_one_broken_byte_stays_utf8(tmp_path):
    """A damaged UTF-8 copy is not re-read as GB18030 mojibake."""
    path = tmp_path / "damaged.txt"
    path.write_bytes("我局将继续推进产业集群建设。".encode("utf-8") + b"\xff" + "再次感谢。".encode("utf-8"))
    doc = read(path)
    assert doc.encoding == "utf-8"
    assert doc.text == "我局将继续推进产业集群建设。\ufffd再次感谢。"


def test_html_container_missing_text_falls_back(tmp_path):
    """A "content" block holding only a summary is not taken for the article."""
    page = GOV_PAGE.replace('<div class="article">',
                            '<div class="summary-content"><p>摘要：本文答复了代表关于加快发展乡村民宿'
                            '产业的建议，介绍了扶持政策、品牌建设和下一步工作安排。</p></div>'
                            '<div class="wrap">').replace('class="TRS_Editor"', 'class="box1"')
    path = tmp_path / "summary.html"
    path.write_bytes(page.encode("gbk"))
    doc = read(path)
    assert "陈明远代表：" in _lines(doc)
    assert "二、加强品牌建设。全县民宿接待游客128.6万人次，同比增长23.5%。" in _lines(doc)


def test_docx_page_number_footer_skipped(tmp_path):
    b = DocxBuilder()
    b.paragraph("正文。")
    b.footer("— 1 —")
    assert read(b.save(tmp_path / "pn.docx")).text == "正文。"


def test_html_box_of_the_suggestion_gives_the_reply_date(tmp_path):  # heldout47
    path = tmp_path / "t.html"
    path.write_text("<html><body><table><tr><th>建议号</th><td>第20260213号</td></tr>"
                    "<tr><th>领衔代表</th><td>覃丽萍</td></tr><tr><th>答复日期</th><td>2026年6月26日</td></tr></table>"
                    "<div><p>关于市十五届人大六次会议第213号建议的答复</p><p>覃丽萍代表：</p>"
                    "<p>" + "您提出的建议收悉。我局高度重视，认真研究办理。" * 4 + "</p></div></body></html>", encoding="utf-8")
    from reply_extractor import extract
    assert extract(path).meta.reply_date == "2026-06-26"


def test_html_paragraphs_as_divs_in_a_layout_table(tmp_path):  # heldout52: an old gb2312 page
    paras = "".join(f"<div>&nbsp;&nbsp;<font face='仿宋_GB2312'>第{i}段。我厅认真研究了建议所提问题，逐项提出了办理意见。</font></div>"
                    for i in range(1, 7))
    page = ("<html><head><meta charset=gb2312><title>答复</title></head><body><table width='900'><tr><td>"
            "<div class='nav'><font size='2'>当前位置：首页 &gt; 政务公开</font></div>"
            "<div align='center'><font size='4'><b>关于省十四届人大四次会议第94号建议的答复</b></font></div>"
            f"<div><font>张某、刘某代表：</font></div>{paras}</td></tr></table></body></html>")
    path = tmp_path / "t.html"
    path.write_bytes(page.encode("gb2312"))
    text = read(path).text
    assert "第1段" in text and "第6段" in text and "张某、刘某代表：" in text


def test_a_title_set_out_letter_by_letter_is_read_whole(tmp_path):  # heldout52: a WPS conversion
    path = tmp_path / "t.txt"
    path.write_text("\ufeff　　　关 于 自 治 区 十 四 届 人 大 四 次 会 议 第 1123 号 建 议 的 答 复\r\n\r\n"
                    "黄某代表：\r\n　　您提出的建议收悉。现答复如下：\r\n", encoding="utf-8")
    doc = read(path)
    assert "关于自治区十四届人大四次会议第1123号建议的答复" in doc.text
    i = doc.text.index("答复")  # offsets still point into the file as read
    assert doc.offsets.original(i) > i


def test_html_title_and_header_rows_above_the_body_cell_are_read(tmp_path):  # heldout59: a 区人大 page
    body = "<p>周某代表：</p><p>" + "您提出的建议收悉。我局高度重视，认真研究办理。" * 4 + "</p>"
    path = tmp_path / "t.html"
    path.write_text("<html><body><table><tr><td><table class='box'>"
                    "<tr><td colspan='4' class='boxtitle'>代表建议</td></tr>"
                    "<tr><td>建议编号</td><td>第23号</td><td>领衔代表</td><td>周某</td></tr></table></td></tr>"
                    "<tr><td><table><tr><td class='atitle'><b>关于区三届人大五次会议第23号建议的答复</b></td></tr>"
                    "<tr><td class='sub'>江宁交复〔2026〕23号　　答复类别：A类</td></tr>"
                    "<tr><td class='sub'>发布时间：2026-06-18　　浏览次数：52</td></tr>"
                    f"<tr><td class='content'>{body}</td></tr></table></td></tr></table></body></html>",
                    encoding="utf-8")
    lines = read(path).text.split("\n")
    # the reply's own title wins over the box's heading; the page's line of fields is left out
    assert lines[:3] == ["关于区三届人大五次会议第23号建议的答复", "江宁交复〔2026〕23号　　答复类别：A类", "周某代表："]


def _portal_page(tmp_path, above: str, title: str, salutation: str, body_class: str = "content",
                 first: str = ""):
    """A portal page: `above` the article (a box of fields), then the title and
    the body's container holding `first`, the salutation and four paragraphs."""
    body = "".join(f"<p>第{i}段。我局认真研究了建议所提问题，逐项提出了办理意见。</p>" for i in range(1, 5))
    path = tmp_path / "t.html"
    path.write_text(f"<html><body>{above}<div class='article'><h1>{title}</h1><div class='{body_class}'>"
                    f"{first}<p>{salutation}</p>{body}</div></div></body></html>", encoding="utf-8")
    return read(path)


def test_html_info_cells_holding_their_labels_give_the_doc_number(tmp_path):  # heldout57: a ministry's page
    doc = _portal_page(tmp_path, "<table class='box'><tr><td>索引号：MOA-2026-07-0231</td><td>分类：建议提案答复</td></tr>"
                                 "<tr><td>文号：农办议〔2026〕112号</td><td>公开属性：主动公开</td></tr></table>",
                       "关于第02356号提案答复的函", "杨某委员：")
    assert "文号：农办议〔2026〕112号" in doc.text


def test_html_an_attachment_link_naming_the_reply_is_no_title_line(tmp_path):  # heldout60
    doc = _portal_page(tmp_path, "", "浏阳市农业农村局关于第45号建议的答复", "罗某代表：",
                       first="<p>附件：<a href='a.pdf'>浏阳市农业农村局关于第45号建议的答复.pdf</a></p>")
    assert doc.text.split("\n")[0] == "浏阳市农业农村局关于第45号建议的答复"


def test_html_a_list_of_fields_with_a_spaced_label_gives_the_doc_number(tmp_path):  # heldout68
    doc = _portal_page(tmp_path, "<div class='infobox'><ul><li>答复日期：2026-08-05</li><li>建议编号：第52号</li>"
                                 "<li>文　　号：松卫健字〔2026〕19号</li></ul></div>",
                       "关于第52号建议的答复", "巴特尔代表：", body_class="TRS_Editor")
    assert "文号：松卫健字〔2026〕19号" in doc.text
