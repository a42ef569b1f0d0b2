"""The embedded search index of a batch folder: OUT/replies.sqlite.

Tables mirror the record (replies, measures, figures, rankings, commitments,
policies, programs, mentions; columns as in reply_extractor.frames) plus
entities and conflicts from the linker. Searchable passages (the reply text,
each measure's heading and section, each commitment, each figure's sentence)
are in `passages`, with an FTS5 table `passages_fts` over three renderings of
each passage:

- `words`: jieba words (search mode, so long words also yield their parts),
  separated by spaces for FTS5's unicode61 tokenizer; ranked with BM25.
- `uni`: single characters, so a one-character query finds something.
- `bi`: overlapping character pairs within each run of letters, so any query
  of two or more characters is also matched as an exact substring (a phrase
  of consecutive pairs), whatever jieba makes of it.

Indexing is by (source_dir, doc_id), so several batch folders can share one
database: a reply indexed again replaces its rows, and a reply whose record did
not change (same digest) is skipped. An index written under an older schema
(PRAGMA user_version) is dropped and rebuilt: it only mirrors OUT.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from ..frames import ITEM_TABLES, record_rows
from ..nlp import bigrams, runs, search_words, unigrams
from ..textutil import sentence_bounds
from .jsonfile import iter_records

DB_NAME = "replies.sqlite"


def segment(text: str) -> tuple[str, str, str]:
    """The three FTS renderings of a passage: words, characters, character pairs."""
    return (" ".join(search_words(text)), " ".join(unigrams(text)),
            " ".join(b for r in runs(text) for b in bigrams(r)))


SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS replies (
    source_dir TEXT NOT NULL, doc_id TEXT NOT NULL, digest TEXT, PRIMARY KEY (source_dir, doc_id));
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY, source_dir TEXT NOT NULL, doc_id TEXT NOT NULL, kind TEXT NOT NULL,
    idx INTEGER, start INTEGER, "end" INTEGER, body TEXT);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(source_dir, doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(words, uni, bi);
CREATE TABLE IF NOT EXISTS entities (
    source_dir TEXT, id TEXT, kind TEXT, name TEXT, variants TEXT, documents INTEGER,
    PRIMARY KEY (source_dir, id));
CREATE TABLE IF NOT EXISTS entity_mentions (
    source_dir TEXT, entity_id TEXT, doc_id TEXT, start INTEGER, "end" INTEGER, surface TEXT);
CREATE TABLE IF NOT EXISTS conflicts (
    source_dir TEXT, metric TEXT, region TEXT, period TEXT, unit TEXT,
    doc_a TEXT, value_a TEXT, surface_a TEXT, start_a INTEGER,
    doc_b TEXT, value_b TEXT, surface_b TEXT, start_b INTEGER);
"""


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(con: sqlite3.Connection) -> set[str]:
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _ensure_table(con: sqlite3.Connection, table: str, columns) -> None:
    """The item table with (at least) `columns`; created or widened as needed."""
    con.execute(f"CREATE TABLE IF NOT EXISTS {_q(table)} (source_dir TEXT, doc_id TEXT)")
    have = {r[1] for r in con.execute(f"PRAGMA table_info({_q(table)})")}
    for c in columns:
        if c not in have:
            con.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(c)}")
            have.add(c)
    con.execute(f"CREATE INDEX IF NOT EXISTS {_q(table + '_doc')} ON {_q(table)}(source_dir, doc_id)")


def _insert(con: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    """Insert rows (dicts, keys = columns) into `table`, widening it once."""
    if not rows:
        return
    columns = list(dict.fromkeys(c for row in rows for c in row))
    _ensure_table(con, table, columns)
    con.executemany(f"INSERT INTO {_q(table)} ({', '.join(map(_q, columns))}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    [[row.get(c) for c in columns] for row in rows])


def _passages(rec: dict) -> list[tuple[str, int | None, int, int, str, str]]:
    """(kind, item index, start, end, body, boost) of each searchable passage.
    `boost` is indexed once more as words: a figure's metric, so that among the
    figures of one sentence the one whose metric matches ranks first."""
    text = rec.get("text") or ""
    out = [("reply", None, 0, len(text), text, rec.get("meta", {}).get("title") or "")]
    for i, m in enumerate(rec.get("measures") or []):
        s, e = m.get("section_span") or m.get("span") or (0, 0)
        out.append(("measure", i, s, e, text[s:e] or m.get("heading") or "", m.get("heading") or ""))
    for i, c in enumerate(rec.get("commitments") or []):
        s, e = c.get("span") or (0, 0)
        out.append(("commitment", i, s, e, c.get("text") or text[s:e], ""))
    for i, f in enumerate(rec.get("figures") or []):
        s, e = f.get("span") or (0, 0)
        ss, se = sentence_bounds(text, s) if text else (s, e)
        out.append(("figure", i, s, e, text[ss:max(se, e)], f.get("metric") or ""))
    return out


def _delete_doc(con: sqlite3.Connection, source_dir: str, doc_id: str) -> None:
    key = (source_dir, doc_id)
    con.execute("DELETE FROM passages_fts WHERE rowid IN "
                "(SELECT id FROM passages WHERE source_dir = ? AND doc_id = ?)", key)
    con.execute("DELETE FROM passages WHERE source_dir = ? AND doc_id = ?", key)
    tables = _tables(con)
    for table in ("replies", *ITEM_TABLES):
        if table in tables:
            con.execute(f"DELETE FROM {_q(table)} WHERE source_dir = ? AND doc_id = ?", key)


def index_record(con: sqlite3.Connection, rec: dict, source_dir: str = "", digest: str = "") -> None:
    """(Re)index one record: its old rows go, its new rows come."""
    doc_id = rec["doc_id"]
    _delete_doc(con, source_dir, doc_id)
    rows = record_rows(rec)
    reply = dict(rows.pop("replies")[0], source_dir=source_dir, digest=digest)
    _insert(con, "replies", [reply])
    for table, rs in rows.items():
        _ensure_table(con, table, ["idx"])
        _insert(con, table, [dict(r, source_dir=source_dir) for r in rs])
    for kind, idx, s, e, body, boost in _passages(rec):
        cur = con.execute('INSERT INTO passages (source_dir, doc_id, kind, idx, start, "end", body) '
                          "VALUES (?, ?, ?, ?, ?, ?, ?)", (source_dir, doc_id, kind, idx, s, e, body))
        by_words, by_char, by_pair = segment(body)
        if boost:
            by_words += " " + " ".join(search_words(boost))
        con.execute("INSERT INTO passages_fts (rowid, words, uni, bi) VALUES (?, ?, ?, ?)",
                    (cur.lastrowid, by_words, by_char, by_pair))


def _digest(rec: dict) -> str:
    return hashlib.sha1(json.dumps(rec, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _load_json(path: Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def _index_links(con: sqlite3.Connection, out: Path, source_dir: str) -> None:
    from ..linker import CONFLICTS_FILE, ENTITIES_FILE
    con.execute("DELETE FROM entities WHERE source_dir = ?", (source_dir,))
    con.execute("DELETE FROM entity_mentions WHERE source_dir = ?", (source_dir,))
    con.execute("DELETE FROM conflicts WHERE source_dir = ?", (source_dir,))
    for e in _load_json(out / ENTITIES_FILE, []):
        con.execute("INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?, ?)",
                    (source_dir, e.get("id"), e.get("kind"), e.get("name"),
                     json.dumps(e.get("variants") or [], ensure_ascii=False), e.get("documents")))
        for m in e.get("mentions") or []:
            span = m.get("span") or [None, None]
            con.execute("INSERT INTO entity_mentions VALUES (?, ?, ?, ?, ?, ?)",
                        (source_dir, e.get("id"), m.get("doc_id"), span[0], span[1], m.get("surface")))
    for c in _load_json(out / CONFLICTS_FILE, []):
        a, b = (c.get("sources") or [{}, {}])[:2]
        con.execute("INSERT INTO conflicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (source_dir, c.get("metric"), c.get("region"), c.get("period"), c.get("unit"),
                     a.get("doc_id"), str(a.get("value")), a.get("surface"), (a.get("span") or [None])[0],
                     b.get("doc_id"), str(b.get("value")), b.get("surface"), (b.get("span") or [None])[0]))


def connect(db_path: Path) -> sqlite3.Connection:
    """The index database, with the current schema (an older one is dropped)."""
    con = sqlite3.connect(str(db_path))
    if con.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        with con:
            for table in _tables(con):
                if not table.startswith(("sqlite_", "passages_fts_")):
                    con.execute(f"DROP TABLE IF EXISTS {_q(table)}")
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    con.executescript(SCHEMA)
    return con


def build_index(out: Path, db_path: Path | None = None) -> Path:
    """Index every record of OUT into `db_path` (default OUT/replies.sqlite).
    Changed records replace their old rows; records gone from OUT are dropped;
    unchanged ones are left as they are."""
    out = Path(out)
    db_path = Path(db_path) if db_path else out / DB_NAME
    source_dir = str(out.resolve())
    con = connect(db_path)
    try:
        with con:
            stored = dict(con.execute("SELECT doc_id, digest FROM replies WHERE source_dir = ?", (source_dir,)))
            seen = set()
            for _, rec in iter_records(out):
                doc_id = rec["doc_id"]
                seen.add(doc_id)
                digest = _digest(rec)
                if stored.get(doc_id) != digest:
                    index_record(con, rec, source_dir, digest)
            for gone in set(stored) - seen:
                _delete_doc(con, source_dir, gone)
            _index_links(con, out, source_dir)
    finally:
        con.close()
    return db_path
