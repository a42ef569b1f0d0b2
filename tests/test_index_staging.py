"""A batch's workers prepare each record's index rows beside extraction; the
index step only writes them. The index comes out the same as one built from
the records alone, and prepared rows that no longer match their record
(rewritten by the link step, edited, damaged) are never used."""
import sqlite3

from reply_extractor.batch import run_batch
from reply_extractor.readers import SUPPORTED
from reply_extractor.pipeline import extract_all
from reply_extractor.sinks import sqlite_index
from reply_extractor.sinks.jsonfile import json_bytes, loads, write_json
from reply_extractor.sinks.index_staging import STAGING
from reply_extractor.sinks.sqlite_index import build_index, prepare, stage_prepared

from corpus import ROOT, SHARED


def table_dump(db) -> dict:
    con = sqlite3.connect(db)
    names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%'")]
    dump = {n: sorted(map(repr, con.execute(f'SELECT * FROM "{n}"'))) for n in names
            if "_fts_" not in n or n.endswith(("_data", "_idx"))}  # FTS: its stored segments
    con.close()
    return dump


def test_rows_prepared_in_memory_are_the_rows_of_the_written_record():
    files = [p for folder in (ROOT / "corpora", SHARED / "corpus" / "dev", SHARED / "corpus" / "real-pages")
             if folder.is_dir() for p in sorted(folder.iterdir()) if p.suffix in SUPPORTED]
    for path in files:
        for reply in extract_all(path):
            rec = reply.to_dict()
            assert prepare(rec, "d") == prepare(loads(json_bytes(rec)), "d"), path.name


def test_a_batch_indexes_what_an_index_of_its_records_holds(tmp_path):
    out = tmp_path / "out"
    result = run_batch(ROOT / "corpora", out, jobs=1, progress=False)
    assert result.records and not (out / STAGING).exists()  # used, then removed
    batch_index = table_dump(out / "replies.sqlite")
    for p in out.glob("replies.sqlite*"):
        p.unlink()
    build_index(out)
    assert table_dump(out / "replies.sqlite") == batch_index


def _staged_record(out, doc_id, text):
    rec = {"schema_version": "1.0", "doc_id": doc_id, "text": text, "meta": {"title": text}}
    path = out / f"{doc_id}.json"
    write_json(path, rec)
    stage_prepared(out, path, str(path), rec, path.read_bytes())
    return rec


def test_rows_of_a_record_rewritten_since_are_not_used(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    rec = _staged_record(out, "a", "关于加装电梯的答复")
    write_json(out / "a.json", dict(rec, text="关于农村公路的答复"))  # a new file: the link step's rewrite
    con = sqlite3.connect(build_index(out))
    assert con.execute("SELECT title FROM replies").fetchall() == [("关于加装电梯的答复",)]
    text = sqlite_index.reply_text(con, 1, "a")
    assert text == "关于农村公路的答复"


def test_a_frame_cut_short_by_a_killed_worker_is_dropped(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _staged_record(out, "a", "关于加装电梯的答复")
    [rows] = (out / STAGING).glob("*.rows")
    rows.write_bytes(rows.read_bytes()[:-5])
    con = sqlite3.connect(build_index(out))
    assert sqlite_index.reply_text(con, 1, "a") == "关于加装电梯的答复"
    assert not (out / STAGING).exists()


def test_damaged_rows_are_read_from_the_record_instead(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _staged_record(out, "a", "关于加装电梯的答复")
    [rows] = (out / STAGING).glob("*.rows")
    data = bytearray(rows.read_bytes())
    data[-40:] = b"\xff" * 40  # the marshalled rows damaged, the frame whole
    rows.write_bytes(bytes(data))
    con = sqlite3.connect(build_index(out))
    assert sqlite_index.reply_text(con, 1, "a") == "关于加装电梯的答复"


def test_characters_nfkc_widens_leave_later_passages_in_place():
    """℃ and ㎡ become two characters in NFKC: the reply's folded text keeps its
    length, so a figure's passage after them is still rendered from its own span."""
    from reply_extractor.sinks.pairs import pairs
    text = "气温达到35℃，住房面积90㎡。农村公路建设完成120公里。"
    s = text.index("农村")
    rec = {"doc_id": "a", "text": text, "meta": {}, "figures": [{"span": [s + 8, s + 13], "metric": "农村公路"}]}
    figure = [r for r in sqlite_index._fts_rows(rec, sqlite_index._passages(rec))][1]
    assert figure.split() == pairs("农村公路建设完成120公里").split()
