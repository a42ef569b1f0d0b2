"""The embedded search index of a batch folder: OUT/replies.sqlite.

It holds what search reads: a row per reply and per measure (columns as in
reply_extractor.frames) and the searchable passages. Every item's columns,
the linker's entities and conflicts, for SQL, are `export --format sqlite`
(sinks/export.py); hits carry their whole item from the record.
Searchable passages (the reply text,
each commitment, each sentence holding
figures — at most MAX_FIGURE_PASSAGE characters: a longer one gives the
figure's clause —, indexed once for all the figures it holds; a measure's
section is not indexed again: it is a span of the reply's text, and search
finds measures in the replies that match) are in
`passages` (a view of `passage_rows`: source_dir, doc_id, kind, idx = the
item's index in its list in the record, idxs = all of them when the passage
holds several figures, start, end, body), with FTS5 tables per kind of
passage and shard (`passages_fts_reply_0000`, `_commitment_0000`,
`_figure_0000`, then `_0001` … for each SHARD_IDS passage ids: a search of
one kind ranks only its own passages, ORDER BY rank LIMIT inside FTS5, the
newest shard first) over one rendering of each passage, `bi`: overlapping character pairs within each run
of letters, then the run's last character alone (`ab bc c` for `abc`). Any
word of two or more characters is then found as an exact substring (a phrase
of consecutive pairs), whatever jieba makes of it, and a one-character query
as a prefix (`bi:甬*`: a pair starting with it, or the character ending a
run). No jieba words are indexed: a query's words are each looked for as
substrings, which finds what the words did (and words jieba cuts otherwise
in the text), at no cost of segmenting the text.

Cost: a reply's text is rendered once, by array operations (sinks/pairs.py),
and a passage that is a span of it takes a slice of that rendering. A record's
rows are prepared apart from writing them (`prepare`), so a batch's workers
prepare them beside extraction (sinks/index_staging.py) and the index step
only writes them, with executemany, all in one transaction. The FTS tables are
contentless (the renderings are not stored) and keep no column sizes
(`columnsize=0`: BM25 reads no per-row size, which made ranking a common word
~5x slower; the price is that BM25 does not normalise by passage length), and
`passages` is a view holding only the bodies that are not spans of the reply's
text; the reply's text is stored once, compressed (`replies.text_zlib`,
`reply_text`, `passage_body`).

Always usable: the database is in WAL mode and a build is one transaction, so
a kill only rolls it back and readers keep the last whole index meanwhile;
`open_for_reading` opens it read-only even after a kill; a second batch
writing the same index waits for the first (saying so) instead of failing.

Indexing is by (source, doc_id) — `source` the key of the batch folder in
`sources` (source, source_dir) —, so several batch folders can share one
database: a reply indexed again replaces its rows, and a reply whose record
file did not change (same digest of its bytes) is skipped without parsing it.
An index written under an older schema (PRAGMA user_version) is dropped and
rebuilt: it only mirrors OUT.
"""
from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import sys
import zlib
from pathlib import Path

from ..frames import item_rows, reply_row
from ..textutil import clause_bounds, sentence_bounds
from . import index_staging
from .jsonfile import is_record, loads
from .pairs import TextPairs, pairs

DB_NAME = "replies.sqlite"
MAX_FIGURE_PASSAGE = 200
# How long a second writer waits for the index lock before giving up.
LOCK_WAIT_SECONDS = 600


def _folded(text: str) -> str:
    """The text folded as queries are matched, of its own length: a passage's
    rendering is a slice of its reply's at the passage's own offsets."""
    from ..search import same_length_fold
    return same_length_fold(text)


# The kinds of passages, each with its own FTS tables (fts_table(kind, shard)).
FTS_KINDS = ("reply", "commitment", "figure")
# A passage goes to the FTS table of its kind and shard, shard = (id - 1) // SHARD_IDS:
# consecutive ranges of passage ids (~6,000-10,000 replies each). FTS5 computes
# BM25 for every passage a query matches, and reads a phrase's whole doclist
# once more for its IDF: a table of bounded size keeps both bounded.
SHARD_IDS = 100_000


def fts_table(kind: str, shard: int = 0) -> str:
    return f"passages_fts_{kind}_{shard:04d}"


def shard_of(passage_id: int) -> int:
    return (passage_id - 1) // SHARD_IDS


def fts_shards(con: sqlite3.Connection, kind: str) -> list[int]:
    """The shards of a kind's FTS tables, oldest first."""
    prefix = fts_table(kind, 0)[:-4]
    names = con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? "
                        "AND sql LIKE 'CREATE VIRTUAL TABLE%'", (prefix + "%",)).fetchall()
    return sorted(int(n[len(prefix):]) for (n,) in names if n[len(prefix):].isdigit())


def _ensure_fts(con: sqlite3.Connection, kind: str, shard: int) -> str:
    table = fts_table(kind, shard)
    # The renderings are already folded and split into pairs: the `ascii`
    # tokenizer only cuts them at the spaces (any byte past ASCII is part of a
    # token), a third cheaper than unicode61 classifying every character again.
    con.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(bi, content='', columnsize=0, "
                "tokenize='ascii')")
    return table


SCHEMA_VERSION = 17
SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (source INTEGER PRIMARY KEY, source_dir TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS replies (
    id INTEGER PRIMARY KEY, source INTEGER NOT NULL, doc_id TEXT NOT NULL, digest TEXT,
    UNIQUE (source, doc_id));
CREATE TABLE IF NOT EXISTS passage_rows (
    id INTEGER PRIMARY KEY, reply INTEGER NOT NULL, kind TEXT NOT NULL,
    idx INTEGER, idxs TEXT, start INTEGER, "end" INTEGER, body TEXT, boost TEXT);
CREATE INDEX IF NOT EXISTS passage_rows_reply ON passage_rows(reply);
"""
# Passages are mostly spans of the reply's text (the reply, a figure sentence):
# `body` is stored only where it is not (a commitment's own wording); else
# `passage_body` reads it from the reply's text.
PASSAGES_VIEW = """
CREATE VIEW IF NOT EXISTS passages AS
SELECT p.id, s.source_dir, r.source, r.doc_id, p.kind, p.idx, p.idxs, p.start, p."end", p.body
FROM passage_rows p JOIN replies r ON r.id = p.reply LEFT JOIN sources s ON s.source = r.source;
"""


def pack_text(text: str | None) -> bytes | None:
    """A reply's text as stored in `replies.text_zlib` (zlib of its UTF-8: about
    half the size; a row of ~3 KB would also fill a page alone)."""
    return None if text is None else zlib.compress(text.encode("utf-8"), 6)


def unpack_text(blob: bytes | None) -> str:
    return zlib.decompress(blob).decode("utf-8") if blob else ""


def reply_text(con: sqlite3.Connection, source: int, doc_id: str) -> str:
    row = con.execute("SELECT text_zlib FROM replies WHERE source = ? AND doc_id = ?", (source, doc_id)).fetchone()
    return unpack_text(row[0]) if row else ""


def passage_body(con: sqlite3.Connection, passage_id: int) -> str | None:
    """The text of a passage: its stored body, or its span of the reply's text."""
    row = con.execute('SELECT source, doc_id, start, "end", body FROM passages WHERE id = ?',
                      (passage_id,)).fetchone()
    if row is None:
        return None
    source, doc_id, start, end, body = row
    return body if body is not None else reply_text(con, source, doc_id)[start:end]


def fts_row_count(con: sqlite3.Connection, kind: str) -> int:
    """Rows in a kind's FTS table. A contentless table without column sizes
    cannot be scanned; FTS5 keeps the count as the first varint of its
    "averages" record (rowid 1 of its %_data table)."""
    total = 0
    for shard in fts_shards(con, kind):
        row = con.execute(f"SELECT block FROM {fts_table(kind, shard)}_data WHERE id = 1").fetchone()
        n = 0
        for i, byte in enumerate((row or [b""])[0][:9]):
            if i == 8:  # SQLite varints: the ninth byte gives all 8 bits
                n = (n << 8) | byte
                break
            n = (n << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        total += n
    return total


def source_id(con: sqlite3.Connection, source_dir: str) -> int:
    """The key of a batch folder in `sources` (added when new): rows carry this
    small number rather than the folder's path, which would be repeated in
    every row and index entry of every table."""
    row = con.execute("SELECT source FROM sources WHERE source_dir = ?", (source_dir,)).fetchone()
    if row:
        return row[0]
    return con.execute("INSERT INTO sources (source_dir) VALUES (?)", (source_dir,)).lastrowid


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(con: sqlite3.Connection) -> set[str]:
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _ensure_table(con: sqlite3.Connection, table: str, columns) -> None:
    """The item table (or `replies`) with (at least) `columns`; created or
    widened as needed. An item table is kept in (source, doc_id, idx) order
    (WITHOUT ROWID): a reply's rows are found and deleted together with no
    index beside the table."""
    con.execute(f"CREATE TABLE IF NOT EXISTS {_q(table)} (source INTEGER, doc_id TEXT, idx INTEGER, "
                "PRIMARY KEY (source, doc_id, idx)) WITHOUT ROWID")
    have = {r[1] for r in con.execute(f"PRAGMA table_info({_q(table)})")}
    for c in columns:
        if c not in have:
            con.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(c)}")
            have.add(c)


# The tables of items the index keeps (search reads a measure's heading and span).
INDEX_TABLES = ("measures",)


def table_rows(rows: list[dict]) -> tuple[tuple[str, ...], list[tuple]]:
    """Rows (dicts) as (columns, one tuple of values a row)."""
    columns = tuple(dict.fromkeys(c for row in rows for c in row))
    return columns, [tuple(map(row.get, columns)) for row in rows]


def _insert(con: sqlite3.Connection, table: str, columns: tuple[str, ...], values: list[tuple],
            source: int, known: dict[str, set]) -> None:
    """Insert rows of `columns` (the batch folder's key `source` added) into
    `table`, created or widened first when `known` (its columns so far) says so."""
    if not values:
        return
    if not known.get(table, set()).issuperset(columns):
        _ensure_table(con, table, columns)
        known.setdefault(table, set()).update(columns)
    con.executemany(f"INSERT INTO {_q(table)} (source, {', '.join(map(_q, columns))}) "
                    f"VALUES ({int(source)}, {', '.join('?' for _ in columns)})", values)


def figure_passage(text: str, start: int, end: int) -> tuple[int, int]:
    """A figure's passage: its sentence, or when that is longer than
    MAX_FIGURE_PASSAGE characters its clause, cut to that many characters
    around the figure."""
    ss, se = sentence_bounds(text, start)
    se = max(se, end)
    if se - ss <= MAX_FIGURE_PASSAGE:
        return ss, se
    cs, ce = clause_bounds(text, start)
    cs, ce = max(cs, ss), max(min(ce + 1, se), end)
    if ce - cs > MAX_FIGURE_PASSAGE:
        room = max(0, MAX_FIGURE_PASSAGE - (end - start))
        cs = max(cs, start - room // 2)
        ce = min(ce, max(end, cs + MAX_FIGURE_PASSAGE))
    return cs, ce


def _passages(rec: dict) -> list[tuple[str, int | tuple[int, ...] | None, int, int, str | None, str]]:
    """(kind, item index, start, end, body, boost) of each searchable passage;
    body None when it is text[start:end]. `boost` is indexed besides the
    passage so that a search finds it there: a figure's metric, a reply's
    title — only where the passage does not hold it already (a metric is
    mostly words of its sentence). The figures of one sentence (or clause,
    see figure_passage) share one passage at its bounds, indexed once: its
    index is the tuple of their indexes, its boost their metrics."""
    text = rec.get("text") or ""
    title = rec.get("meta", {}).get("title") or ""
    out = [("reply", None, 0, len(text), None, "" if title in text else title)]
    for i, c in enumerate(rec.get("commitments") or []):
        s, e = c.get("span") or (0, 0)
        body = c.get("text")
        out.append(("commitment", i, s, e, None if body in (None, text[s:e]) else body, ""))
    groups: dict[tuple[int, int], tuple[list[int], list[str]]] = {}
    for i, f in enumerate(rec.get("figures") or []):
        s, e = f.get("span") or (0, 0)
        idxs, metrics = groups.setdefault(figure_passage(text, s, e) if text else (s, e), ([], []))
        idxs.append(i)
        if f.get("metric") and f["metric"] not in metrics:
            metrics.append(f["metric"])
    for (s, e), (idxs, metrics) in groups.items():
        out.append(("figure", tuple(idxs), s, e, None, " ".join(m for m in metrics if m not in text[s:e])))
    return out


def idx_columns(idx) -> tuple[int | None, str | None]:
    """(idx, idxs) columns of a passage: its (first) item index, and all of
    them, comma-separated, when it holds several items (figures of one sentence)."""
    if isinstance(idx, tuple):
        return idx[0], ",".join(map(str, idx)) if len(idx) > 1 else None
    return idx, None


def item_indexes(idx: int | None, idxs: str | None) -> list[int | None]:
    """The item indexes a passage row stands for (see idx_columns)."""
    return [int(i) for i in idxs.split(",")] if idxs else [idx]


def _fts_rows(rec: dict, passages) -> list[str]:
    """The FTS rendering of each passage of `rec` (its boost appended)."""
    whole = TextPairs(_folded(rec.get("text") or ""))
    rows = []
    for _, _, s, e, body, boost in passages:
        rendering = whole.span(s, e) if body is None else pairs(_folded(body))
        if boost:
            rendering += " " + pairs(_folded(boost))
        rows.append(rendering)
    return rows


def _delete_docs(con: sqlite3.Connection, source_dir: str, doc_ids: list[str]) -> None:
    """Every row of these replies. The FTS table is contentless, so its rows are
    deleted by giving their renderings again, rebuilt from the stored passages."""
    if not doc_ids:
        return
    tables = _tables(con)
    source = source_id(con, source_dir)
    present = set()  # replies indexed before: the others have no rows to delete (a first build)
    for i in range(0, len(doc_ids), 500):
        chunk = doc_ids[i:i + 500]
        present.update(d for (d,) in con.execute(
            f"SELECT doc_id FROM replies WHERE source = ? AND doc_id IN ({', '.join('?' * len(chunk))})",
            (source, *chunk)))
    for doc_id in doc_ids:
        if doc_id not in present:
            continue
        key = (source, doc_id)
        reply = con.execute("SELECT id FROM replies WHERE source = ? AND doc_id = ?", key).fetchone()
        rows = con.execute('SELECT id, kind, start, "end", body, boost FROM passage_rows '
                           "WHERE reply = ? ORDER BY id", reply).fetchall() if reply else []
        if rows:
            rec = {"text": reply_text(con, source, doc_id)}
            passages = [(kind, None, s, e, body, boost or "") for _, kind, s, e, body, boost in rows]
            fts = _fts_rows(rec, passages)
            by_table: dict[str, list] = {}
            for r, f in zip(rows, fts):
                by_table.setdefault(fts_table(r[1], shard_of(r[0])), []).append((r[0], f))
            for table, deletions in by_table.items():
                con.executemany(f"INSERT INTO {table} ({table}, rowid, bi) VALUES ('delete', ?, ?)", deletions)
        if reply:
            con.execute("DELETE FROM passage_rows WHERE reply = ?", reply)
        for table in ("replies", *INDEX_TABLES):
            if table in tables:
                con.execute(f"DELETE FROM {_q(table)} WHERE source = ? AND doc_id = ?", key)


def prepare(rec: dict, digest: str) -> tuple:
    """Everything a record adds to the index, as plain values (marshal writes
    them): (doc_id, digest, reply row as (columns, values), item rows by table as
    (columns, values), passage rows, their FTS renderings). The costly part of
    indexing a record: a batch's workers do it beside extraction (stage_prepared)."""
    reply = reply_row(rec)
    reply.update(digest=digest, text_zlib=pack_text(reply.pop("text", None)))
    tables = {t: table_rows(item_rows(rec, t)) for t in INDEX_TABLES}
    passages = _passages(rec)
    passage_rows = [(kind, *idx_columns(idx), s, e, body, boost or None) for kind, idx, s, e, body, boost in passages]
    return rec["doc_id"], digest, (tuple(reply), tuple(reply.values())), tables, passage_rows, _fts_rows(rec, passages)


def index_prepared(con: sqlite3.Connection, prepared: list[tuple], source_dir: str = "") -> None:
    """Write prepared records in bulk: their old rows go, one executemany per
    table (and set of columns) puts the new ones in."""
    if not prepared:
        return
    _delete_docs(con, source_dir, [p[0] for p in prepared])
    source = source_id(con, source_dir)
    rows: dict[tuple[str, tuple], list[tuple]] = {}
    passage_rows, fts_rows = [], {}
    next_id = (con.execute("SELECT max(id) FROM passage_rows").fetchone()[0] or 0) + 1
    reply_id = con.execute("SELECT max(id) FROM replies").fetchone()[0] or 0
    for _, _, (columns, values), tables, passages, fts in prepared:
        reply_id += 1
        rows.setdefault(("replies", ("id", *columns)), []).append((reply_id, *values))
        for table, (columns, values) in tables.items():
            rows.setdefault((table, columns), []).extend(values)
        for row, rendering in zip(passages, fts):
            passage_rows.append((next_id, reply_id, *row))
            fts_rows.setdefault((row[0], shard_of(next_id)), []).append((next_id, rendering))
            next_id += 1
    known: dict[str, set] = {}
    for (table, columns), values in rows.items():
        _insert(con, table, columns, values, source, known)
    con.executemany('INSERT INTO passage_rows (id, reply, kind, idx, idxs, start, "end", body, boost) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", passage_rows)
    for (kind, shard), rows_ in fts_rows.items():
        con.executemany(f"INSERT INTO {_ensure_fts(con, kind, shard)} (rowid, bi) VALUES (?, ?)", rows_)


def index_records(con: sqlite3.Connection, recs: list[tuple[dict, str]], source_dir: str = "") -> None:
    """Index records (with their digests) in bulk."""
    index_prepared(con, [prepare(rec, digest) for rec, digest in recs], source_dir)


def index_record(con: sqlite3.Connection, rec: dict, source_dir: str = "", digest: str = "") -> None:
    """(Re)index one record: its old rows go, its new rows come."""
    index_records(con, [(rec, digest)], source_dir)


def digest_of(data: bytes) -> str:
    """A record file's digest: a record is indexed again only when its file's
    bytes change (records are written the same way byte for byte)."""
    return hashlib.sha1(data).hexdigest()


def stage_prepared(out: Path, record_path: Path, written: str, rec: dict, data: bytes) -> None:
    """Prepare a record's index rows where it was extracted and leave them for
    the index step (sinks/index_staging.py). `written` is the file holding
    `data` that becomes `record_path`."""
    try:
        prepared = prepare(rec, digest_of(data))
    except (KeyError, TypeError, ValueError):
        return  # the index step reads the record instead
    index_staging.stage(out, record_path, written, prepared)


def _say(message: str) -> None:
    print(f"reply-extractor: {message}", file=sys.stderr)


def connect(db_path: Path, wait: float = LOCK_WAIT_SECONDS, say=_say) -> sqlite3.Connection:
    """The index database opened for writing, in WAL mode, with the current
    schema (an older one is dropped), and the write lock held: an open
    transaction (BEGIN IMMEDIATE) the caller commits. When another batch holds
    the lock, says so and waits up to `wait` seconds for it."""
    con = sqlite3.connect(str(db_path), timeout=0, isolation_level=None)
    try:
        try:
            _begin(con)
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise
            say(f"{db_path} is being written by another batch; waiting for it "
                f"(at most {wait:.0f} s)")
            con.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
            try:
                _begin(con)
            except sqlite3.OperationalError as e2:
                raise sqlite3.OperationalError(
                    f"{db_path} stayed locked by another batch for {wait:.0f} s") from e2
        if con.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            # FTS tables first: their shadow tables go with them
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND sql LIKE 'CREATE VIRTUAL TABLE%'").fetchall():
                con.execute(f"DROP TABLE IF EXISTS {_q(name)}")
            for name, kind in con.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')").fetchall():
                if not name.startswith("sqlite_"):
                    con.execute(f"DROP {'VIEW' if kind == 'view' else 'TABLE'} IF EXISTS {_q(name)}")
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for statement in (SCHEMA + PASSAGES_VIEW).split(";"):
            if statement.strip():
                con.execute(statement)
    except BaseException:
        con.close()
        raise
    return con


def _begin(con: sqlite3.Connection) -> None:
    """WAL mode (a kill rolls back; readers see the last commit), then the write lock."""
    if con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute("BEGIN IMMEDIATE")


def open_for_reading(db_path) -> sqlite3.Connection:
    """The index opened read-only, even after a writer was killed: where the
    file can be written, a read-write open first recovers what the kill left (a
    hot journal, a WAL); where it cannot, the last checkpointed state is read."""
    db_path = Path(db_path)
    uri = db_path.resolve().as_uri()
    writable = os.access(db_path, os.W_OK) and os.access(db_path.parent, os.W_OK)
    leftovers = [Path(f"{db_path}{s}") for s in ("-journal", "-wal")]
    if writable and any(p.exists() for p in leftovers):
        try:
            with sqlite3.connect(str(db_path), timeout=5) as con:
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # recovers
            con.close()
        except sqlite3.Error:
            pass  # another writer holds it: its readers see the last commit anyway
    con = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError:
        con.close()
    # a hot journal nobody can roll back here: the file as last written whole
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)


def build_index(out: Path, db_path: Path | None = None, batch_size: int = 200) -> Path:
    """Index every record of OUT into `db_path` (default OUT/replies.sqlite), in
    one transaction. Changed records replace their old rows; records gone from
    OUT are dropped; unchanged ones are left as they are."""
    out = Path(out)
    db_path = Path(db_path) if db_path else out / DB_NAME
    source_dir = str(out.resolve())
    con = connect(db_path)
    try:
        stored = dict(con.execute("SELECT doc_id, digest FROM replies WHERE source = ?",
                                  (source_id(con, source_dir),)))
        unchanged = {digest: doc_id for doc_id, digest in stored.items()}
        staged = index_staging.StagedRows(out)
        seen, pending = set(), []
        for path in sorted(out.glob("*.json")):
            try:
                st = path.stat()
                prepared = staged.get(path, st)
                if prepared is None:
                    data = path.read_bytes()
                    digest = digest_of(data)
                    if digest in unchanged:  # indexed as it is: no need to read it
                        seen.add(unchanged[digest])
                        continue
                    rec = loads(data)
                    if not is_record(rec):
                        continue
                    prepared = prepare(rec, digest)
            except (OSError, ValueError):
                continue
            doc_id = prepared[0]
            seen.add(doc_id)
            if stored.get(doc_id) != prepared[1]:
                pending.append(prepared)
            if len(pending) >= batch_size:  # bounded memory, still one transaction
                index_prepared(con, pending, source_dir)
                pending = []
        index_prepared(con, pending, source_dir)
        _delete_docs(con, source_dir, sorted(set(stored) - seen))
        con.execute("COMMIT")
        index_staging.clear(out)
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()
    return db_path
