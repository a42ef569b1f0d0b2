"""The index stays usable: WAL mode, one transaction a kill only rolls back, a
read-only open that survives a killed writer, a second writer that waits."""
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

from reply_extractor.search import search
from reply_extractor.sinks import sqlite_index
from reply_extractor.sinks.jsonfile import write_json
from reply_extractor.sinks.sqlite_index import build_index, connect, open_for_reading

from test_search import REPLIES, make_record


def _batch(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for doc_id, (issuer, date, body) in REPLIES.items():
        write_json(out / f"{doc_id}.json", make_record(doc_id, issuer, date, body))
    return out, build_index(out)


def test_index_is_written_in_wal_mode_in_bulk(tmp_path):
    _, db = _batch(tmp_path)
    con = open_for_reading(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    kinds = dict(con.execute("SELECT kind, count(*) FROM passages GROUP BY kind").fetchall())
    assert kinds == {"reply": 3, "commitment": 3, "figure": 3}  # measures: spans of the reply
    # bodies are read from the reply's (compressed) text: the figure's sentence
    pid = con.execute("SELECT id FROM passages WHERE kind = 'figure' AND doc_id = 'roads'").fetchone()[0]
    assert sqlite_index.passage_body(con, pid) == "新改建农村公路45公里。"
    con.close()


WRITER = """
import sqlite3, sys, os
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
con.execute("DELETE FROM passage_rows")
con.execute("DELETE FROM replies")
print("ready", flush=True)
sys.stdin.read()
"""


def test_a_killed_writer_leaves_the_last_whole_index(tmp_path):
    _, db = _batch(tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert [h.doc_id for h in search(db, "加装电梯")][:1] == ["elevator"]
    con = open_for_reading(db)
    assert con.execute("SELECT count(*) FROM replies").fetchone()[0] == 3
    con.close()


def test_a_second_writer_waits_and_says_so(tmp_path):
    _, db = _batch(tmp_path)
    said, locked = [], threading.Event()

    def hold_the_lock():
        holder = connect(db)
        locked.set()
        time.sleep(0.5)
        holder.execute("COMMIT")
        holder.close()

    threading.Thread(target=hold_the_lock).start()
    locked.wait(10)
    con = connect(db, wait=30, say=said.append)
    con.execute("COMMIT")
    con.close()
    assert said and "another batch" in said[0]


def test_figure_passages_are_bounded(tmp_path):
    text = "我市" + "，".join(f"第{i}项工作稳步推进" for i in range(60)) + "，投入资金3.5亿元，" + "效果良好，" * 40 + "。"
    start = text.index("3.5亿元")
    s, e = sqlite_index.figure_passage(text, start, start + 6)
    assert e - s <= sqlite_index.MAX_FIGURE_PASSAGE and s <= start and start + 6 <= e
    assert text[s:e].startswith("投入资金")
