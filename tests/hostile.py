"""A hostile batch input, built from generators: files that once hung, exhausted
memory or crashed a batch, beside good replies that must still come out.

`build(folder)` writes them all and returns (good names, bad names, skipped
names). Used by tests/test_hostile.py and bench/fuzz.py; run as a script to
write the set somewhere for a manual try:

    python tests/hostile.py /tmp/hostile && reply-extractor batch /tmp/hostile --out /tmp/h-out
"""
from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

REPLY = """慈溪市示例局

示例〔2023〕7号　　答复类别：A

关于市十八届人大二次会议第7号建议的答复

尊敬的王小明代表：
    您提出的《关于改善示例工作的建议》收悉。现答复如下：
    一、加强统筹。2022年，全市新增示范企业12家，投入资金350万元，同比增长12.5%。
    二、完善机制。出台《慈溪市示例工作实施办法》，实施“星火计划”，位居宁波第2。
    下一步，我局将继续加大支持力度，计划于2024年底前实现全覆盖。

慈溪市示例局
2023年6月1日
"""

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def paragraphs_xml(lines) -> str:
    return "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{ln}</w:t></w:r></w:p>" for ln in lines)


def docx_bytes(body_xml: str, prolog: str = "") -> bytes:
    """A minimal .docx whose word/document.xml body is `body_xml` (with an
    optional DOCTYPE or other prolog before the root)."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
                f"<w:document {_W}><w:body>{body_xml}</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document)
    return buf.getvalue()


def good_docx() -> bytes:
    return docx_bytes(paragraphs_xml(REPLY.replace("王小明", "周八").splitlines()))


def zip_bomb_docx() -> bytes:
    """Under 1 MB packed, about 80 M characters of XML unpacked."""
    unit = "<w:p><w:r><w:t>全市新增示范企业12家，投入资金350万元。</w:t></w:r></w:p>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'.encode())
            chunk = (unit * 2000).encode()
            for _ in range(80_000_000 // len(chunk) + 1):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return buf.getvalue()


def deep_docx(depth: int = 100_000) -> bytes:
    return docx_bytes("<w:sdt><w:sdtContent>" * depth + paragraphs_xml(["深处。"])
                      + "</w:sdtContent></w:sdt>" * depth)


def xxe_docx() -> bytes:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return docx_bytes(paragraphs_xml(REPLY.splitlines()) + paragraphs_xml(["&xxe;"]), prolog)


def entity_bomb_docx() -> bytes:
    ents = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return docx_bytes(paragraphs_xml(["&a9;"]), f"<!DOCTYPE w:document [{ents}]>")


def encrypted_docx() -> bytes:
    """What Word writes for a password-protected .docx: an OLE2 compound file."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000 + "EncryptedPackage".encode("utf-16-le")


def truncated_docx() -> bytes:
    data = good_docx()
    return data[: len(data) * 2 // 3]


def xml_mutant_docx() -> bytes:
    return docx_bytes("<w:p><w:r><w:t>未闭合" + "<w:r>" * 50)


def deep_html(depth: int = 100_000) -> bytes:
    return ("<html><body>" + "<div>" * depth + "<p>深处的文字。</p>" + "</div>" * depth
            + "</body></html>").encode()


def entity_bomb_html() -> bytes:
    ents = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE html [{ents}]><html><body><p>&a9;</p>'
            "</body></html>").encode()


def xxe_html() -> bytes:
    return ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            f"<html><body><div class=\"TRS_Editor\"><p>&xxe;</p>"
            + "".join(f"<p>{ln}</p>" for ln in REPLY.splitlines()) + "</div></body></html>").encode()


def good_html() -> bytes:
    body = "".join(f"<p>{ln}</p>" for ln in REPLY.replace("王小明", "吴九").splitlines())
    return (f'<html><head><meta charset="utf-8"><title>答复</title></head><body>'
            f'<div class="TRS_Editor">{body}</div></body></html>').encode()


def one_long_line(chars: int = 300_000) -> bytes:
    unit = "全市新增示范企业12家投入资金350万元同比增长12.5%并计划于2024年底前实现全覆盖位居全省第2"
    return (unit * (chars // len(unit) + 1))[:chars].encode()


def many_numbers(megabytes: float = 0.6) -> bytes:
    unit = "新增12家、350万元、12.5%、3.46万人、5至8万元；"
    n = int(megabytes * 2**20 / len(unit.encode()))
    return (REPLY + unit * n).encode()


def huge(megabytes: int = 20) -> bytes:
    block = REPLY.encode()
    return block * (megabytes * 2**20 // len(block) + 1)


def lone_surrogates_utf16() -> bytes:
    return "\ufeff".encode("utf-16-le") + REPLY.encode("utf-16-le") + b"\x00\xd8\x41\x00" * 20


def build(folder: Path, scale: float = 1.0) -> tuple[set[str], set[str], set[str]]:
    """Write the hostile set into `folder`. Returns the file names that must be
    extracted, those that must be reported as failed, and those skipped.
    `scale` < 1 shrinks the long files that must still be extracted (for tests;
    they stay past every per-reply budget)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    r = REPLY.encode()
    good = {
        "good.txt": r,
        "good-gbk.txt": REPLY.replace("王小明", "李四").encode("gb18030"),
        "good.docx": good_docx(),
        "good.html": good_html(),
        "bom-utf8.txt": b"\xef\xbb\xbf" + REPLY.replace("王小明", "赵六").encode(),
        "bom-utf16le.txt": REPLY.replace("王小明", "钱七").encode("utf-16"),
        "bom-utf16be.txt": b"\xfe\xff" + REPLY.replace("王小明", "孙八").encode("utf-16-be"),
        "cr-only.txt": REPLY.replace("\n", "\r").encode(),
        "one-long-line.txt": one_long_line(int(300_000 * scale)),
        "many-numbers.txt": many_numbers(0.6 * scale),
        "xxe.docx": xxe_docx(),
        "xxe.html": xxe_html(),
        "entity-bomb.html": entity_bomb_html(),  # the HTML parser leaves entities unexpanded
    }
    bad = {
        "deep.html": deep_html(),
        "mixed-controls.txt": REPLY.replace("，", "\x0b，\x1b").encode(),
        "utf16-lone-surrogates.txt": lone_surrogates_utf16(),
        "utf8-surrogates.txt": r + b"\xed\xa0\x80\xed\xbf\xbf",
        "nuls.txt": REPLY.replace("。", "。\x00").encode(),
        "empty.txt": b"",
        "blank.txt": b" \n\r\n\t ",
        "zip-bomb.docx": zip_bomb_docx(),
        "entity-bomb.docx": entity_bomb_docx(),
        "deep.docx": deep_docx(),
        "encrypted.docx": encrypted_docx(),
        "truncated.docx": truncated_docx(),
        "xml-mutant.docx": xml_mutant_docx(),
        "notzip.docx": b"plain text pretending to be a docx",
        "binary.txt": bytes(range(256)) * 64,
        "zip-named.txt": good_docx(),
        "huge.txt": huge(),
        # an OLE header and nothing else: the .doc reader (or its missing converter) fails it
        "legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
    }
    skipped = {"unsupported.pdfx": b"%PDF-1.7"}
    for name, data in {**good, **bad, **skipped}.items():
        (folder / name).write_bytes(data)
    (folder / "dir.docx").mkdir(exist_ok=True)
    loop = folder / "loop"
    if not loop.is_symlink():
        os.symlink(folder, loop)
    skipped_names = set(skipped) | {"dir.docx", "loop"}
    return set(good), set(bad), skipped_names


if __name__ == "__main__":
    g, b, s = build(Path(sys.argv[1]))
    print(f"{len(g)} good, {len(b)} bad, {len(s)} skipped in {sys.argv[1]}")
