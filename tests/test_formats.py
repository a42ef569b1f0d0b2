"""Published formats: Word 97 .doc and .wps (LibreOffice, antiword), PDF with a
text layer, scanned PDF and images (Tesseract), archives, standard input.

Fixtures are made from the project's own corpora/ once per session:
LibreOffice converts a .docx reply to .doc and .pdf, and the PDF rendered at
300 dpi becomes a scan. Tests that need LibreOffice or Tesseract skip, saying
so, where they are not installed (.ci/run installs them).
"""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from reply_extractor.batch import run_batch
from reply_extractor.cli import main
from reply_extractor.document import Document
from reply_extractor.pipeline import extract
from reply_extractor.readers import ReadError, read, read_bytes, sniff, source_details
from reply_extractor.readers import convert as convert_mod
from reply_extractor.readers.archive import list_members, read_member
from reply_extractor.readers.ocr import tesseract
from reply_extractor.readers.pagelines import Line, Page, build_document, join_glyphs
from reply_extractor.readers.pdf import _body_char, _without_stamped

sys.path.insert(0, str(Path(__file__).parent))
from docx_factory import DocxBuilder  # noqa: E402
from format_fixtures import convert, page_image, scan, soffice  # noqa: E402

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
DOCX_REPLY = CORPORA / "shouguang-kjj-2023-066.docx"
TXT_REPLIES = sorted(CORPORA.glob("*.txt"))

needs_office = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed "
                                  "(Debian: libreoffice-writer-nogui)")
needs_tesseract = pytest.mark.skipif(tesseract() is None, reason="Tesseract with chi_sim not installed "
                                     "(Debian: tesseract-ocr tesseract-ocr-chi-sim)")
needs_antiword = pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword not installed")
needs_7z = pytest.mark.skipif(shutil.which("7z") is None, reason="7z not installed (Debian: p7zip-full)")


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> dict[str, Path]:
    """One corpus reply as .docx and as LibreOffice made it into .doc and .pdf,
    plus a multi-page .docx with a running header and page numbers as .pdf."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed (Debian: libreoffice-writer-nogui)")
    work = tmp_path_factory.mktemp("published")
    long_docx = _long_reply_docx(work / "long.docx")
    doc, = convert([DOCX_REPLY], "doc", work)
    pdf, long_pdf = convert([DOCX_REPLY, long_docx], "pdf", work)
    return {"docx": DOCX_REPLY, "doc": doc, "pdf": pdf, "long_pdf": long_pdf}


@pytest.fixture(scope="session")
def scanned(published, tmp_path_factory) -> Path:
    """The first page of the .pdf as a scan (300 dpi image, no text layer)."""
    work = tmp_path_factory.mktemp("scanned")
    import pypdfium2 as pdfium
    one_page = pdfium.PdfDocument(str(published["pdf"]))
    first = pdfium.PdfDocument.new()
    first.import_pages(one_page, [0])
    first.save(str(work / "page1.pdf"))
    return scan(work / "page1.pdf", work / "scan.pdf")


def _long_reply_docx(path: Path) -> Path:
    """Three pages or so of one reply's text, with a running header and a page
    number field in the footer."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    b = DocxBuilder()
    b.header("青溪县农业农村局文件")
    footer = b.doc.sections[0].footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    b.paragraph("关于加快发展乡村民宿产业的建议的答复")
    for i in range(1, 13):
        b.paragraph(f"（{'一二三四五六七八九十'[i % 10]}）第{i}项工作。" + "我县持续完善民宿扶持政策，对新评定的等级民宿给予奖励，"
                    f"全年新增民宿{40 + i}家，带动农户增收{i}.5万元，游客满意度达到9{i % 10}.5%。" * 3)
    return b.save(path)


# -- .doc and .wps -------------------------------------------------------------
@needs_office
def test_doc_reads_like_its_docx_twin(published):
    doc = read(published["doc"])
    twin = read(published["docx"])
    assert squeeze(doc.text) == squeeze(twin.text)
    assert doc.format == "doc" and source_details(doc) == {"converter": "libreoffice"}
    assert [b.label for b in doc.blocks if b.label] == [b.label for b in twin.blocks if b.label]


@needs_office
def test_wps_goes_through_libreoffice(published, tmp_path):
    # WPS Office's .wps is an OLE2 file like .doc; LibreOffice tells them apart by content.
    wps = tmp_path / "reply.wps"
    wps.write_bytes(published["doc"].read_bytes())
    record = extract(wps).to_dict()
    assert record["source"]["format"] == "wps" and record["figures"]


@needs_antiword
@needs_office
def test_doc_without_libreoffice_falls_back_to_antiword(published, monkeypatch):
    monkeypatch.setenv("REPLY_EXTRACTOR_SOFFICE", "")
    doc = read(published["doc"])
    assert source_details(doc) == {"converter": "antiword"}
    twin = read(published["docx"])
    # antiword drops Word's auto-numbers and the page footer, nothing else.
    body = "".join(twin.text[b.start + len(b.label or ""):b.end] for b in twin.blocks
                   if b.kind not in ("header", "footer"))
    assert squeeze(doc.text) == squeeze(body)
    assert any(b.kind == "table_row" for b in doc.blocks) == any(b.kind == "table_row" for b in twin.blocks)


def test_no_converter_names_the_package(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLY_EXTRACTOR_SOFFICE", "")
    monkeypatch.setenv("REPLY_EXTRACTOR_ANTIWORD", "")
    for name in ("reply.doc", "reply.wps"):
        f = tmp_path / name
        f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
        with pytest.raises(ReadError) as err:
            read(f)
        assert err.value.kind == "needs_converter"
        assert "libreoffice-writer-nogui" in str(err.value) and name in str(err.value)


def test_a_doc_that_is_really_a_docx_or_html_is_read_as_such(tmp_path):
    f = tmp_path / "saved-as.doc"
    f.write_bytes(DOCX_REPLY.read_bytes())
    assert squeeze(read(f).text) == squeeze(read(DOCX_REPLY).text)
    page = tmp_path / "page.doc"
    page.write_text("<html><body><p>青溪县农业农村局</p><p>关于民宿的建议的答复</p></body></html>", encoding="utf-8")
    assert "青溪县农业农村局" in read(page).text


FAKE_HUNG_CONVERTER = """#!/bin/sh
# Stands in for soffice: starts a child that would outlive it, then hangs.
sleep 300 &
echo $! > "{pids}"
echo $$ >> "{pids}"
sleep 300
"""


def _fake_converter(tmp_path: Path) -> tuple[Path, Path]:
    pids = tmp_path / "pids"
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_HUNG_CONVERTER.format(pids=pids))
    fake.chmod(0o755)
    return fake, pids


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (killed, not yet reaped by its parent) counts as gone.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def test_a_hung_converter_is_killed_at_its_timeout(tmp_path, monkeypatch):
    fake, pids = _fake_converter(tmp_path)
    monkeypatch.setenv("REPLY_EXTRACTOR_SOFFICE", str(fake))
    monkeypatch.setattr(convert_mod, "TIMEOUT_S", 1.0)
    f = tmp_path / "hostile.doc"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    start = time.monotonic()
    with pytest.raises(ReadError) as err:
        read(f)
    assert time.monotonic() - start < 10
    assert err.value.kind == "timeout" and "hostile.doc" in str(err.value)
    for pid in map(int, pids.read_text().split()):  # the converter and its child
        assert not _alive(pid)


def test_batch_goes_on_past_a_hung_converter(tmp_path, monkeypatch):
    fake, _ = _fake_converter(tmp_path)
    monkeypatch.setenv("REPLY_EXTRACTOR_SOFFICE", str(fake))
    monkeypatch.setenv("REPLY_EXTRACTOR_CONVERT_TIMEOUT", "1")
    monkeypatch.setattr(convert_mod, "TIMEOUT_S", 1.0)
    src = tmp_path / "in"
    src.mkdir()
    (src / "hung.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    shutil.copy(TXT_REPLIES[0], src)
    result = run_batch(src, tmp_path / "out", jobs=1, index=False, link=False, progress=False)
    assert result.records == 1
    assert [(Path(e["file"]).name, e["kind"]) for e in result.errors] == [("hung.doc", "timeout")]


# -- PDF with a text layer -------------------------------------------------------
@needs_office
def test_pdf_reads_like_its_docx_twin(published):
    pdf, twin = read(published["pdf"]), read(published["docx"])
    assert pdf.format == "pdf"
    # Same paragraphs, same table rows: lines broken by the page width are joined again.
    assert [squeeze(twin.text[b.start:b.end]) for b in twin.blocks if b.kind != "header"] == \
           [squeeze(pdf.text[b.start:b.end]) for b in pdf.blocks if b.kind != "header"]
    assert [b.kind for b in pdf.blocks].count("table_row") == [b.kind for b in twin.blocks].count("table_row")


@needs_office
def test_pdf_record_finds_what_the_docx_record_finds(published):
    a, b = extract(published["pdf"]).to_dict(), extract(published["docx"]).to_dict()
    for kind in ("figures", "measures", "commitments", "policies"):
        assert [squeeze(x.get("surface") or x.get("text") or x.get("heading") or "") for x in a[kind]] == \
               [squeeze(x.get("surface") or x.get("text") or x.get("heading") or "") for x in b[kind]], kind
    assert a["meta"]["issuer"] == b["meta"]["issuer"] and a["meta"]["reply_date"] == b["meta"]["reply_date"]


@needs_office
def test_pdf_running_header_kept_once_page_numbers_dropped(published):
    doc = read(published["long_pdf"])
    import pypdfium2 as pdfium
    assert len(pdfium.PdfDocument(str(published["long_pdf"]))) >= 2
    assert doc.text.count("青溪县农业农村局文件") == 1
    assert doc.blocks[0].kind == "header"
    lines = doc.text.split("\n")
    assert not [ln for ln in lines if ln.strip().isdigit()]
    # Twelve numbered paragraphs, each whole although they run over pages.
    assert sum(1 for ln in lines if "项工作。" in ln) == 12
    assert all(ln.endswith("%。") for ln in lines if "项工作。" in ln)


@needs_office
def test_a_pdf_with_a_text_layer_is_never_ocrd(published, monkeypatch):
    from reply_extractor.readers import ocr

    def no_ocr(*a, **k):
        raise AssertionError("OCR called on a PDF with a text layer")
    monkeypatch.setattr(ocr, "read_scanned_pdf", no_ocr)
    assert read(published["pdf"]).format == "pdf"


def _char(text, x0, top, size=12.0, color=(0, 0, 0), matrix=None):
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size,
            "upright": True, "non_stroking_color": color, "matrix": matrix or (1, 0, 0, 1, x0, 800 - top)}


def test_seal_and_watermark_characters_are_not_body_text():
    body = [_char(c, 90 + 12 * i, 700) for i, c in enumerate("青溪县农业农村局")]
    ring = [_char("专", 100, 690, matrix=(0.7, 0.7, -0.7, 0.7, 0, 0))]        # rotated: a seal's ring
    faint = [_char("样", 200, 400, size=60, color=(0.9, 0.9, 0.9))]           # light grey watermark
    stamp = [_char("章", 110, 702, color=(1, 0, 0))]                          # red, over the signature
    letterhead = [_char("文", 300, 60, size=30, color=(0.9, 0.1, 0.1))]       # red letterhead stands alone
    chars = [c for c in body + ring + faint + stamp + letterhead if _body_char(c)]
    kept = _without_stamped(chars)
    assert "".join(c["text"] for c in kept) == "青溪县农业农村局文"


def test_page_width_lines_are_joined_into_paragraphs():
    def line(x0, x1, top, text, size=12.0):
        return Line(x0, x1, top, top + size, size, text)
    lines = [
        line(150, 460, 60, "关于加快发展乡村民宿产业和乡村旅游融合发展的建议的", 16),  # centred title over two lines
        line(290, 322, 80, "答复", 16),
        line(114, 522, 120, "我县持续完善民宿扶持政策，对新评定的等级民宿给予"),  # first-line indent
        line(90, 521, 136, "奖励，全年新增民宿42家，游客增长23.5%，带动农户增收"),
        line(90, 470, 152, "1.5万元。"),                                           # ends short: paragraph ends
        line(90, 520, 168, "一、完善政策。全年兑现奖补资金，惠及经营主体，总额"),   # hanging indent
        line(108, 490, 184, "达到"),
        line(108, 300, 200, "12345678万元。"),                                     # a number that did not fit
        line(400, 521, 230, "2023年6月1日"),                                        # set right: not joined
        line(90, 300, 246, "联系人：张三"),
    ]
    doc = build_document([Page(612, 792, lines)])
    assert doc.text.split("\n") == [
        "关于加快发展乡村民宿产业和乡村旅游融合发展的建议的答复",
        "我县持续完善民宿扶持政策，对新评定的等级民宿给予奖励，全年新增民宿42家，游客增长23.5%，带动农户增收1.5万元。",
        "一、完善政策。全年兑现奖补资金，惠及经营主体，总额达到12345678万元。",
        "2023年6月1日",
        "联系人：张三",
    ]


def test_glyph_gaps():
    # A font switch between 第 and 58 leaves a narrow gap: no space. A wide
    # gap in Chinese text prints a full-width space; Latin words get a space.
    assert join_glyphs([(0, 12, 12, "第"), (13, 26, 12, "58"), (27, 39, 12, "号")]) == "第58号"
    assert join_glyphs([(0, 12, 12, "号"), (36, 48, 12, "答")]) == "号\u3000\u3000答"
    assert join_glyphs([(0, 20, 12, "Page"), (24, 30, 12, "3")]) == "Page 3"


# -- scans and images ------------------------------------------------------------
@needs_tesseract
@needs_office
def test_scanned_pdf_is_ocrd_and_says_so(scanned, published):
    doc = read(scanned)
    record = extract(doc).to_dict()
    twin = read(published["docx"])
    assert record["source"]["format"] == "ocr" and record["figures"]
    info = source_details(doc)["ocr"]
    assert info["engine"] == "tesseract" and info["language"] == "chi_sim" and 60 < info["mean_confidence"] <= 100
    first_line = twin.text.split("\n")[0]
    assert first_line in doc.text  # the issuer, set large, reads back exactly


@needs_tesseract
@needs_office
def test_image_is_ocrd(published, tmp_path):
    png = page_image(published["pdf"], tmp_path / "page.png")
    doc = read(png)
    assert doc.format == "ocr" and source_details(doc)["ocr"]["pages"] == 1
    assert read(published["docx"]).text.split("\n")[0] in doc.text


def test_scan_rules_are_erased_and_their_grid_kept():
    """A ruled table's lines are whitened before OCR and its grid kept; a
    dash (——) is shorter than any rule and stays."""
    from PIL import Image, ImageDraw

    from reply_extractor.readers.scanprep import prepare
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    for y in (1000, 1060, 1120, 1180):
        draw.line((300, y, 2100, y), fill=0, width=3)
    for x in (300, 900, 1500, 2100):
        draw.line((x, 1000, x, 1180), fill=0, width=3)
    draw.line((300, 500, 400, 500), fill=0, width=4)  # a dash
    grey, grids = prepare(page)
    ink = [[grey.getpixel((x, y)) for x, y in points] for points in
           ([(1200, 1060), (900, 1150), (300, 1100)], [(350, 500)])]
    assert min(ink[0]) == 255 and max(ink[1]) < 100
    grid, = grids
    assert [round(y) for y in grid.rows] == [1000, 1060, 1120, 1180]
    assert [round(x) for x in grid.cols] == [300, 900, 1500, 2100]
    assert grid.cell(1000, 1090) == (1, 1) and grid.cell(1000, 1300) is None


def test_a_year_range_dash_is_told_from_a_hyphen_by_its_length():
    """Tesseract reads — and - alike; 2024—2035年 and 2024-2025 are both printed."""
    import numpy as np
    from reply_extractor.readers.scanprep import has_long_dash

    def word(dash: int) -> np.ndarray:
        ink = np.zeros((32, 120), bool)
        ink[2:30, 10:13] = ink[2:30, 100:103] = True  # the digits' strokes either side
        ink[15:18, 40:40 + dash] = True               # the dash at mid-height
        return ink
    assert has_long_dash(word(25), 0, 0, 120, 32)
    assert not has_long_dash(word(10), 0, 0, 120, 32)


def test_red_seal_is_taken_out_before_ocr():
    """Red ink goes; black text under it stays (where both inks meet the
    pixel is dark, not red)."""
    from PIL import Image, ImageDraw

    from reply_extractor.readers.scanprep import prepare
    page = Image.new("RGB", (600, 400), "white")
    draw = ImageDraw.Draw(page)
    for x in range(100, 500, 40):
        draw.rectangle((x, 150, x + 30, 200), fill=(20, 20, 20))  # a line of text
    draw.ellipse((200, 50, 400, 350), outline=(220, 30, 40), width=12)  # the seal's ring
    draw.rectangle((150, 100, 160, 110), fill=(235, 120, 120))  # pale red (ink thinning out)
    draw.rectangle((250, 160, 260, 170), fill=(60, 10, 10))  # red stamped over the text
    grey, _ = prepare(page)
    assert grey.getpixel((300, 55)) == 255 and grey.getpixel((155, 105)) == 255
    assert grey.getpixel((120, 175)) < 60 and grey.getpixel((255, 165)) < 60 and grey.getpixel((230, 199)) < 60


@needs_tesseract
@needs_office
def test_scanned_table_reads_as_table_rows(tmp_path):
    """A ruled table in a scan becomes table rows, cells joined by a tab, as
    the .docx and PDF readers give it (not the lines read as 丨 or |)."""
    b = DocxBuilder()
    b.paragraph("关于加快老旧小区改造的建议的答复")
    b.paragraph("二〇二三年各街道改造完成情况如下表：")
    table = b.table([["街道", "改造小区（个）", "惠及住户（户）"],
                     ["东山街道", "18", "4860"], ["西塘街道", "15", "3920"]])
    table.style = "Table Grid"
    b.paragraph("改造中，我们同步实施雨污分流等工程，居民满意度达到95.6%。")
    pdf, = convert([b.save(tmp_path / "table.docx")], "pdf", tmp_path)
    doc = read(scan(pdf, tmp_path / "table-scan.pdf"))
    rows = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "table_row"]
    assert rows[1:] == ["东山街道\t18\t4860", "西塘街道\t15\t3920"]
    assert "|" not in doc.text and "95.6%" in doc.text


@needs_tesseract
@needs_office
def test_a_red_seal_over_the_signature_does_not_hide_it(published, tmp_path):
    """A seal stamped over the issuer's name (inks multiply, as on paper)."""
    from PIL import Image, ImageChops, ImageDraw
    png = page_image(published["pdf"], tmp_path / "page.png")
    page = Image.open(png).convert("RGB")
    seal = Image.new("RGB", page.size, "white")
    draw = ImageDraw.Draw(seal)
    w = page.width
    draw.ellipse((w // 2 - 350, 80, w // 2 + 350, 780), outline=(210, 40, 40), width=18)
    draw.regular_polygon((w // 2, 430, 120), 5, fill=(210, 40, 40))
    ImageChops.multiply(page, seal).save(png)
    assert read(published["docx"]).text.split("\n")[0] in read(png).text


def test_without_tesseract_a_scan_needs_ocr(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLY_EXTRACTOR_TESSERACT", "")
    from PIL import Image
    png = tmp_path / "scan.png"
    Image.new("L", (200, 100), 255).save(png)
    image_pdf = tmp_path / "scan.pdf"
    Image.new("L", (200, 100), 255).save(image_pdf)
    for f in (png, image_pdf):
        with pytest.raises(ReadError) as err:
            read(f)
        assert err.value.kind == "needs_ocr" and "tesseract-ocr-chi-sim" in str(err.value)


# -- archives ----------------------------------------------------------------------
class _GbkName(zipfile.ZipInfo):
    """A member name stored as zips made on Chinese Windows store it: GBK
    bytes without the UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _zip(path: Path, members: dict[str, bytes], gbk_names: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            info = (_GbkName if gbk_names else zipfile.ZipInfo)(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return path


def test_batch_reads_the_replies_inside_a_zip(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    a, b = TXT_REPLIES[:2]
    _zip(src / "莆田答复.zip", {f"2023/{a.name}": a.read_bytes(), f"答复二{b.suffix}": b.read_bytes(),
                              "附件/说明.xlsx": b"PK\x03\x04", "inner.zip": b"PK\x05\x06" + b"\x00" * 18},
         gbk_names=True)
    result = run_batch(src, tmp_path / "out", jobs=1, index=False, link=False, progress=False)
    out = tmp_path / "out"
    assert result.records == 2 and not result.errors
    ids = {json.loads(p.read_text(encoding="utf-8"))["doc_id"] for p in out.glob("*.json")}
    assert ids == {f"莆田答复/{a.stem}", "莆田答复/答复二"}
    assert (out / f"莆田答复__{a.stem}.json").exists() and (out / "莆田答复__答复二.json").exists()
    record = json.loads((out / "莆田答复__答复二.json").read_text(encoding="utf-8"))
    assert record["source"]["path"] == str(src / "莆田答复.zip" / "答复二.txt")
    skipped = [json.loads(ln) for ln in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(Path(e["file"]).name, e["kind"]) for e in skipped} == {("说明.xlsx", "skipped"), ("inner.zip", "skipped")}
    assert all(e["message"] for e in skipped)


def test_two_archives_of_one_name_never_overwrite(tmp_path):
    src = tmp_path / "in"
    for folder in ("x", "y"):
        (src / folder).mkdir(parents=True)
        _zip(src / folder / "r.zip", {TXT_REPLIES[0].name: TXT_REPLIES[0].read_bytes()})
    result = run_batch(src, tmp_path / "out", jobs=1, index=False, link=False, progress=False)
    stem = TXT_REPLIES[0].stem
    assert result.records == 2
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == [f"x__r.zip__{stem}.json",
                                                                         f"y__r.zip__{stem}.json"]


def test_zip_bombs_and_path_traversal_are_refused(tmp_path):
    zeros = b"\x00" * (60 * 2**20)  # inflates past the 50 MiB a reply may have
    archive = _zip(tmp_path / "hostile.zip", {"../../etc/evil.txt": b"x", "/abs.txt": b"x", "C:\\win.txt": b"x",
                                              "bomb.txt": zeros, "ok.txt": TXT_REPLIES[0].read_bytes()})
    listing = list_members(archive)
    assert listing.members == ["ok.txt"]
    refused = {name: reason for name, kind, reason in listing.left_out if kind == "refused"}
    assert set(refused) == {"../../etc/evil.txt", "/abs.txt", "C:\\win.txt", "bomb.txt"}
    assert "traversal" in refused["../../etc/evil.txt"] and "bomb" in refused["bomb.txt"]
    # A member that lies about its size is cut at the cap all the same.
    result = run_batch(tmp_path / "hostile.zip", tmp_path / "out", jobs=1, index=False, link=False, progress=False)
    assert result.records == 1 and {e["kind"] for e in result.errors} == {"refused"}
    assert not list(tmp_path.rglob("evil.txt"))


def test_zip_member_larger_than_declared_is_cut(tmp_path, monkeypatch):
    from reply_extractor.readers import archive
    monkeypatch.setattr(archive, "MAX_BYTES", 1000)
    z = _zip(tmp_path / "a.zip", {"big.txt": "答复".encode() * 1000})
    with pytest.raises(ReadError) as err:
        read_member(z, "big.txt")
    assert err.value.kind == "refused"


@needs_7z
def test_batch_reads_a_7z_archive(tmp_path):
    src = tmp_path / "in"
    (src / "pack").mkdir(parents=True)
    shutil.copy(TXT_REPLIES[0], src / "pack")
    subprocess.run(["7z", "a", str(tmp_path / "answers.7z"), str(src / "pack" / TXT_REPLIES[0].name)],
                   check=True, capture_output=True)
    result = run_batch(tmp_path / "answers.7z", tmp_path / "out", jobs=1, index=False, link=False, progress=False)
    assert result.records == 1 and not result.errors
    assert (tmp_path / "out" / f"answers__{TXT_REPLIES[0].stem}.json").exists()


@pytest.mark.parametrize("fmt", ["rar50", "rar29"])
def test_batch_reads_a_rar_archive(tmp_path, fmt):
    """RAR 5 and RAR 2.9/4 (as WinRAR writes them), written and read by rars."""
    rars = pytest.importorskip("rars", reason="rars (.rar reader and writer; extra 'rar') not installed")
    builder = rars.RarBuilder(format=fmt)
    builder.add_bytes(TXT_REPLIES[0].read_bytes(), f"答复/{TXT_REPLIES[0].name}")
    (tmp_path / "答复.rar").write_bytes(builder.to_bytes())
    result = run_batch(tmp_path / "答复.rar", tmp_path / "out", jobs=1, index=False, link=False, progress=False)
    assert result.records == 1 and not result.errors
    record = json.loads((tmp_path / "out" / f"答复__{TXT_REPLIES[0].stem}.json").read_text("utf-8"))
    assert record["doc_id"] == f"答复/{TXT_REPLIES[0].stem}"


@needs_7z
def test_a_rar_that_7z_cannot_unpack_names_what_to_install(tmp_path, monkeypatch):
    rars = pytest.importorskip("rars", reason="rars (.rar writer; extra 'rar') not installed")
    builder = rars.RarBuilder(format="rar50")
    builder.add_bytes(TXT_REPLIES[0].read_bytes(), TXT_REPLIES[0].name)
    (tmp_path / "a.rar").write_bytes(builder.to_bytes())
    monkeypatch.setenv("REPLY_EXTRACTOR_RARS", "0")  # as without rars: 7z alone
    try:
        data = read_member(tmp_path / "a.rar", TXT_REPLIES[0].name)
    except ReadError as err:
        assert err.kind == "needs_converter" and "rars" in str(err)
    else:
        assert data == TXT_REPLIES[0].read_bytes()  # a 7z with the RAR codec


# -- standard input and sniffing ------------------------------------------------------
class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_extract_dash_reads_stdin(monkeypatch, capsys, encoding):
    text = (CORPORA / "wuyuan-wlj-2023-027.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", _Stdin(text.encode(encoding)))
    assert main(["extract", "-"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["text"].startswith(text.split("\n")[0]) and record["figures"]


def test_extract_dash_reads_a_docx_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", _Stdin(DOCX_REPLY.read_bytes()))
    assert main(["extract", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["source"]["format"] == "docx"


def test_extract_dash_refuses_an_archive(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(sys, "stdin", _Stdin(_zip(tmp_path / "a.zip", {"a.txt": b"x"}).read_bytes()))
    assert main(["extract", "-"]) == 1  # an input extract cannot read, as for any other
    assert "batch" in capsys.readouterr().err


@pytest.mark.parametrize("data, suffix", [
    (b"%PDF-1.7\n", ".pdf"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", ".doc"), (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff\xe0", ".jpg"), (b"II*\x00", ".tif"), (b"<!DOCTYPE html><html>", ".html"),
    ("答复".encode("gb18030"), ".txt"), (b"Rar!\x1a\x07\x00", ".rar"), (b"7z\xbc\xaf\x27\x1c", ".7z"),
])
def test_sniff(data, suffix):
    assert sniff(data) == suffix


def test_read_bytes_with_a_name_hint():
    doc = read_bytes("青溪县农业农村局\n关于民宿的建议的答复".encode("utf-8"), "reply.txt")
    assert isinstance(doc, Document) and doc.doc_id == "reply"


# -- a batch of every format -------------------------------------------------------------
@needs_office
def test_batch_of_every_published_format(published, scanned, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(published["doc"], src / "a.doc")
    shutil.copy(published["doc"], src / "b.wps")
    shutil.copy(published["pdf"], src / "c.pdf")
    if tesseract():
        shutil.copy(scanned, src / "d-scan.pdf")
    _zip(src / "e.zip", {t.name: t.read_bytes() for t in TXT_REPLIES[:2]} | {"../x.txt": b"x"})
    # Hostile and broken files.
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage")
    (src / "broken.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000))
    (src / "broken.zip").write_bytes(b"PK\x03\x04 truncated")
    (src / "empty.png").write_bytes(b"")
    (src / "notes.pptx").write_bytes(b"PK")
    result = run_batch(src, tmp_path / "out", jobs=1, index=False, link=False, progress=False)
    good = 3 + (1 if tesseract() else 0) + 2
    assert result.records == good
    failed = {Path(e["file"]).name for e in result.errors}
    assert failed == {"broken.pdf", "broken.doc", "broken.zip", "empty.png", "x.txt"}
    assert [Path(e["file"]).name for e in result.skipped] == ["notes.pptx"]
    listed = (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8")
    assert all(name in listed for name in failed | {"notes.pptx"})


def test_ocr_place_names_misread_by_one_character_are_restored():
    from reply_extractor.readers.ocr import fix_place_names
    text = "慈溪市住房和城乡建设局。枇溪市人民政府，兰溪路。"
    fixed = fix_place_names(text)
    assert fixed == "慈溪市住房和城乡建设局。慈溪市人民政府，兰溪路。" and len(fixed) == len(text)
    # Two names on the page that the misreading could be: left alone.
    both = "慈溪市与兰溪市。枇溪市。"
    assert fix_place_names(both) == both
    # Without the name printed, its prefecture on the page tells which one.
    assert fix_place_names("宁波市所辖楷溪市。") == "宁波市所辖慈溪市。"
    # Words one character from a name are words, not misreadings.
    words = "宁波市：渔业集聚区，建设市场，推动建设市县乡村，我市四处奔波，主城区，永安等县。"
    assert fix_place_names(words) == words


@pytest.mark.parametrize("ocr, printed", [
    ("推出“科创贷”“人才贷“等产品", "推出“科创贷”“人才贷”等产品"),  # a closing quote read as opening
    ("坚持”改不改、怎么改“由居民说了算", "坚持“改不改、怎么改”由居民说了算"),
    ('他说："好。"然后', "他说：“好。”然后"),
    ("“246”产业集群", "“246”产业集群"),
    ("深化“标准化+“战略", "深化“标准化+”战略"),
    # the closing quote after 余姚 was lost: the next pair is not turned round
    ("深化“质优余姚建设，2021年，照明灯具产业入选全省新一轮质量提升行动特色产业名单，新增“品字标”企业16家",
     "深化“质优余姚建设，2021年，照明灯具产业入选全省新一轮质量提升行动特色产业名单，新增“品字标”企业16家"),
])
def test_ocr_quotes_paired_over_a_paragraph(ocr, printed):
    from reply_extractor.readers.ocr import pair_quotes
    assert pair_quotes(ocr) == printed


@pytest.mark.parametrize("ocr, printed", [
    ("2 ，关于加密偏远村公交班次的建议", "2.关于加密偏远村公交班次的建议"),
    ("占比88 .5%，增长18 ,4%，2,15万人，共1,200人", "占比88.5%，增长18.4%，2.15万人，共1,200人"),
    ("菩科[2023] 22号", "菩科〔2023〕22号"),
    ("《行动方案〈2022一2024年)》", "《行动方案（2022—2024年）》"),
    ('推出“科创贷"“人才贷"等产品,全年', "推出“科创贷”“人才贷”等产品，全年"),
    ("天于市十八届人大二次会议", "关于市十八届人大二次会议"),
    ("二O二三年六月二十日", "二〇二三年六月二十日"),
    ("提升质量。2，扩大招生。3 ，推进", "提升质量。2.扩大招生。3.推进"),  # list numbers inside a line
    ("分别为70%5、65%5、60%", "分别为70%、65%、60%"),  # a stray digit read after %
])
def test_ocr_slips_undone(ocr, printed):
    from reply_extractor.readers.ocr import clean_ocr_line
    assert clean_ocr_line(ocr) == printed
