"""The two commands users run: `extract FILE` and `batch DIR --out OUT`."""
import json
import zipfile

import pytest

from reply_extractor.batch import run_batch
from reply_extractor.cli import main

REPLY = """慈溪市示例局

示例〔2023〕7号　　答复类别：A

关于市十八届人大二次会议第7号建议的答复

尊敬的王小明代表：
    您提出的《关于改善示例工作的建议》收悉。现答复如下：
    一、加强统筹。2022年，全市新增示范企业12家，投入资金350万元。
    下一步，我局将继续加大支持力度。

慈溪市示例局
2023年6月1日
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_prints_one_record_with_chinese_unescaped(tmp_path, capsys):
    f = tmp_path / "reply.txt"
    f.write_text(REPLY, encoding="utf-8")
    code, out, err = run(capsys, "extract", str(f))
    assert code == 0
    assert "慈溪市示例局" in out and "\\u" not in out
    record = json.loads(out)
    assert record["doc_id"] == "reply" and record["text"].startswith("慈溪市示例局")


def test_extract_pretty_indents(tmp_path, capsys):
    f = tmp_path / "reply.txt"
    f.write_text(REPLY, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(f), "--pretty")
    assert code == 0 and out.startswith("{\n  ")


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty"),
    ("notzip.docx", b"this is not a zip archive at all", "docx"),
    ("binary.txt", bytes(range(256)) * 8, "text"),
    ("slides.pptx", b"PK\x03\x04whatever", "unsupported"),
])
def test_extract_bad_input_names_file_and_reason_on_stderr(tmp_path, capsys, name, content, reason):
    f = tmp_path / name
    f.write_bytes(content)
    code, out, err = run(capsys, "extract", str(f))
    assert code == 1 and out == ""
    assert name in err and reason in err.lower()
    assert "Traceback" not in err


def test_extract_missing_file_is_a_usage_error(tmp_path, capsys):
    code, out, err = run(capsys, "extract", str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt" in err


def make_truncated_docx(path, tmp_path):
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>" * 200)
        z.writestr("word/document.xml", "<w:document/>" * 500)
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_batch_goes_on_past_bad_files(tmp_path, capsys):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "good.txt").write_text(REPLY, encoding="utf-8")
    (src / "sub" / "also-good.txt").write_text(REPLY.replace("王小明", "李四"), encoding="gb18030")
    (src / "empty.txt").write_bytes(b"")
    (src / "notzip.docx").write_bytes(b"plain text pretending")
    make_truncated_docx(src / "truncated.docx", tmp_path)
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (src / "notes.pptx").write_bytes(b"PK")
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "batch", str(src), "--out", str(out), "--no-index")
    assert code == 1
    assert (out / "good.json").exists() and (out / "also-good.json").exists()
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    failed = {e["file"].split("/")[-1]: e for e in errors if e["kind"] != "skipped"}
    assert set(failed) == {"empty.txt", "notzip.docx", "truncated.docx", "binary.txt"}
    skipped = [e for e in errors if e["kind"] == "skipped"]
    assert [e["file"].split("/")[-1] for e in skipped] == ["notes.pptx"]
    assert ".pptx" in skipped[0]["message"]
    assert all(e["kind"] and e["message"] for e in errors)
    assert "2 of 6 files extracted" in stdout and "4 failed" in stdout and "1 skipped" in stdout
    assert "notes.pptx" in err and "Traceback" not in err
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*"))


def test_batch_same_stem_never_overwrites(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(REPLY, encoding="utf-8")
    (src / "sub").mkdir()
    (src / "sub" / "a.txt").write_text(REPLY.replace("王小明", "李四"), encoding="utf-8")
    (src / "b.txt").write_text(REPLY, encoding="utf-8")
    result = run_batch(src, tmp_path / "out", index=False, link=False, progress=False)
    names = sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert result.records == 3
    assert names == ["a.txt.json", "b.json", "sub__a.txt.json"]
    ids = {json.loads((tmp_path / "out" / n).read_text(encoding="utf-8"))["doc_id"] for n in names}
    assert ids == {"a.txt", "b", "sub__a.txt"}


def test_batch_in_parallel_writes_the_same_records(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(4):
        (src / f"r{i}.txt").write_text(REPLY.replace("第7号", f"第{i + 1}号"), encoding="utf-8")
    serial = run_batch(src, tmp_path / "s", jobs=1, index=False, link=False, progress=False)
    parallel = run_batch(src, tmp_path / "p", jobs=2, index=False, link=False, progress=False)
    assert serial.records == parallel.records == 4
    for i in range(4):
        a = json.loads((tmp_path / "s" / f"r{i}.json").read_text(encoding="utf-8"))
        b = json.loads((tmp_path / "p" / f"r{i}.json").read_text(encoding="utf-8"))
        assert a == b


def test_batch_missing_folder_is_a_clear_error(tmp_path, capsys):
    code, _, err = run(capsys, "batch", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"))
    assert code == 2 and "nowhere" in err


def test_extract_all_lists_every_reply_of_a_multi_reply_file(tmp_path, capsys):
    second = REPLY.replace("第7号", "第8号").replace("王小明", "赵六").replace("示例〔2023〕7号", "示例〔2023〕8号")
    f = tmp_path / "page.txt"
    f.write_text(REPLY + "\n" + second, encoding="utf-8")
    code, out, err = run(capsys, "extract", str(f), "--all")
    records = json.loads(out)
    assert code == 0 and [r["meta"]["proposal_no"] for r in records] == ["7", "8"]
    code, out, err = run(capsys, "extract", str(f))
    assert json.loads(out)["meta"]["proposal_no"] == "7" and "holds 2 replies" in err


def test_batch_writes_one_record_per_reply_of_a_multi_reply_file(tmp_path):
    second = REPLY.replace("第7号", "第8号").replace("王小明", "赵六").replace("示例〔2023〕7号", "示例〔2023〕8号")
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.txt").write_text(REPLY + "\n" + second, encoding="utf-8")
    result = run_batch(src, tmp_path / "out", index=False, link=False, progress=False)
    assert result.records == 2
    # the first reply under the file's own stem (whoever looks the file up finds it), the next numbered
    out = tmp_path / "out"
    assert sorted(p.name for p in out.glob("page*.json")) == ["page-2.json", "page.json"]
    first, second = (json.loads((out / n).read_text(encoding="utf-8")) for n in ("page.json", "page-2.json"))
    assert (first["meta"]["proposal_no"], second["meta"]["proposal_no"]) == ("7", "8")
    assert (first["doc_id"], second["doc_id"]) == ("page", "page-2")


def test_batch_again_with_new_replies_relinks_and_reindexes_without_duplicates(tmp_path):
    import sqlite3
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(REPLY.replace("示范企业", "“星火计划”示范企业"), encoding="utf-8")
    out = tmp_path / "out"
    run_batch(src, out, progress=False)
    (src / "b.txt").write_text(REPLY.replace("第7号", "第9号").replace("示范企业", "“星火”计划企业"),
                               encoding="utf-8")
    run_batch(src, out, progress=False)
    run_batch(src, out, progress=False)
    with sqlite3.connect(out / "replies.sqlite") as db:
        assert sorted(r[0] for r in db.execute("select doc_id from replies")) == ["a", "b"]
    a, b = (json.loads((out / f"{n}.json").read_text(encoding="utf-8")) for n in "ab")
    assert a["programs"] and b["programs"]
    assert a["programs"][0]["canonical_id"] == b["programs"][0]["canonical_id"]
    assert (out / "entities.json").exists() and (out / "conflicts.json").exists()


def test_records_are_readable_like_any_new_file(tmp_path):
    """Atomic writes go through a private temporary file; the record must not stay private."""
    import os
    from reply_extractor.sinks.jsonfile import write_json
    write_json(tmp_path / "r.json", {"a": 1})
    probe = tmp_path / "probe"
    probe.write_text("x")
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == probe.stat().st_mode & 0o777
    assert os.access(tmp_path / "r.json", os.R_OK)


def test_extract_takes_one_long_line_of_text_for_text_not_a_path():
    import reply_extractor as rx
    reply = rx.extract("我局将加快推进道路建设。" * 30)  # longer than any file name may be
    assert reply.text.startswith("我局将") and reply.commitments


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    from reply_extractor import readers
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    f = tmp_path / "huge.txt"
    f.write_text(REPLY * 10, encoding="utf-8")
    with pytest.raises(readers.ReadError) as err:
        readers.read(f)
    assert err.value.kind == "too_large" and "huge.txt" in str(err.value)


def _two_replies() -> str:
    second = REPLY.replace("第7号", "第8号").replace("王小明", "赵六").replace("示例〔2023〕7号", "示例〔2023〕8号")
    return REPLY + "\n" + second


def test_batch_outputs_never_take_a_records_name(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "entities.txt").write_text(REPLY, encoding="utf-8")       # named like the linker's output
    (src / "a.txt").write_text(_two_replies(), encoding="utf-8")    # parts a-1, a-2 ...
    (src / "a-1.txt").write_text(REPLY, encoding="utf-8")           # ... and a file called a-1
    out = tmp_path / "out"
    result = run_batch(src, out, progress=False, index=False)
    records = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")
               if p.stem not in ("entities", "conflicts")}
    assert result.records == 4 and len(records) == 4
    assert {r["source"]["path"].split("/")[-1] for r in records.values()} == {"entities.txt", "a.txt", "a-1.txt"}
    assert isinstance(json.loads((out / "entities.json").read_text(encoding="utf-8")), list)


def test_batch_again_drops_the_parts_an_earlier_run_wrote_for_the_same_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    page = src / "page.txt"
    page.write_text(_two_replies(), encoding="utf-8")
    out = tmp_path / "out"
    run_batch(src, out, progress=False, index=False, link=False)
    assert sorted(p.name for p in out.glob("page*.json")) == ["page-2.json", "page.json"]
    page.write_text(REPLY, encoding="utf-8")  # now a single reply
    run_batch(src, out, progress=False, index=False, link=False)
    assert sorted(p.name for p in out.glob("page*.json")) == ["page.json"]


def test_extract_reports_an_extractor_bug_without_a_traceback(tmp_path, capsys, monkeypatch):
    from reply_extractor.extractors import rankings
    monkeypatch.setattr(rankings, "extract", lambda doc, reply: 1 / 0)
    f = tmp_path / "reply.txt"
    f.write_text(REPLY, encoding="utf-8")
    code, out, err = run(capsys, "extract", str(f))
    assert code == 1 and out == "" and "reply.txt" in err and "ZeroDivisionError" in err
    assert "Traceback" not in err
