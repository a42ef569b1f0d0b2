"""Exports of a batch folder: CSV or Parquet tables (one per kind of item), the
same tables in one SQLite file for SQL, or an Elasticsearch/OpenSearch bulk
file with its index mapping.

The bulk file is NDJSON: an action line {"index": {"_index", "_id"}} then the
document, for every reply and every item, ending with a newline. `_id` is
stable (`<doc_id>`, `<doc_id>:<kind>:<n>`), so loading it again overwrites
instead of duplicating. Text fields are pre-segmented with jieba (words joined
by spaces) and the mapping analyses them with the whitespace analyzer, so no
Chinese analysis plugin is needed; the raw text is kept beside them.
"""
from __future__ import annotations

import json
import math
from decimal import Decimal
from pathlib import Path

from ..frames import DECIMAL_COLUMNS, ITEM_TABLES, TABLES, collect_rows, columns_of, exact_decimal, load_frames
from .jsonfile import iter_records, write_atomic

FORMATS = ("csv", "parquet", "sqlite", "es-bulk")
TABLES_FILE = "tables.sqlite"
INDEX_NAME = "reply-extractor"
BULK_FILE = "replies.bulk.ndjson"
MAPPING_FILE = "replies.mapping.json"
# Fields whose words are searched: item kind -> fields pre-segmented into `<field>_seg`.
SEGMENTED = {"reply": ["text", "title", "proposal_title"], "measures": ["heading"],
             "commitments": ["text"], "figures": ["metric"], "rankings": ["scope", "metric"],
             "policies": ["name"], "programs": ["name"], "mentions": ["name"]}


class ExportError(ValueError):
    pass


class NothingToExport(ExportError):
    """The folder holds no records (empty, or not the output of `batch`)."""


def export(out: Path, fmt: str, dest: Path | None = None) -> list[Path]:
    """Write the export of OUT in `fmt`; returns the files written.

    dest: a folder (default OUT/export) for csv and parquet; for es-bulk the
    bulk file path or a folder to hold it, the mapping file beside it."""
    out = Path(out)
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if not out.is_dir():
        raise ExportError(f"{out} is not a folder of records")
    if next(iter_records(out), None) is None:
        raise NothingToExport(f"{out}: no records here (empty, or not the output folder of `batch`); "
                              "nothing exported")
    if fmt == "es-bulk":
        return write_bulk(out, dest)
    folder = Path(dest) if dest else out / "export"
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":  # the csv module: no pandas to load for plain tables
        return _write_csv(out, folder)
    if fmt == "sqlite":
        return [_write_sqlite(out, folder / TABLES_FILE)]
    written = []
    for table, df in load_frames(out).items():
        path = folder / f"{table}.{fmt}"
        write_atomic(path, _to_parquet(df))  # values as decimal128  # a reader never sees half a table
        written.append(path)
    return written


def _to_parquet(df) -> bytes:
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq
    df = _uniform_columns(df)
    table = pa.Table.from_pandas(df, preserve_index=False)
    for col in DECIMAL_COLUMNS:
        if col in df.columns:
            table = table.set_column(table.schema.get_field_index(col), col, _decimal_array(df[col]))
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def _decimal_array(values):
    """Decimals as one decimal128 column wide enough for every value."""
    import pyarrow as pa
    decs = [v for v in values if isinstance(v, Decimal)]
    scale = max([max(0, -v.as_tuple().exponent) for v in decs] + [0])
    digits = max([len(v.as_tuple().digits) + scale + max(0, v.as_tuple().exponent) for v in decs] + [1])
    precision = min(38, max(digits, scale + 1))
    return pa.array([v if isinstance(v, Decimal) else None for v in values], type=pa.decimal128(precision, scale))


def _write_csv(out: Path, folder: Path) -> list[Path]:
    """One CSV per table: columns in order of first appearance, a missing cell
    empty, lists and dicts as written by str() (as pandas writes them), values
    as exact decimal text; UTF-8 with a BOM, so Excel on a Chinese Windows reads
    it as UTF-8."""
    import csv
    import io

    written = []
    for table, rows in collect_rows(out).items():
        columns = columns_of(table, rows)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_csv_cell(c, r.get(c)) for c in columns])
        path = folder / f"{table}.csv"
        write_atomic(path, "\ufeff" + buf.getvalue())  # a reader never sees half a table
        written.append(path)
    return written


# The linker's tables in the SQL export: (table, columns).
LINK_TABLES = (
    ("entities", ("id", "kind", "name", "variants", "documents")),
    ("entity_mentions", ("entity_id", "doc_id", "start", "end", "surface")),
    ("conflicts", ("metric", "region", "period", "unit", "doc_a", "value_a", "surface_a", "start_a",
                   "doc_b", "value_b", "surface_b", "start_b")),
)


def link_rows(out: Path) -> dict[str, list[tuple]]:
    """Rows of LINK_TABLES from OUT/entities.json and conflicts.json (none
    when the batch ran without --link)."""
    from ..linker import CONFLICTS_FILE, ENTITIES_FILE
    from .jsonfile import loads

    def read(name):
        try:
            return loads((Path(out) / name).read_bytes())
        except (OSError, ValueError):
            return []
    rows: dict[str, list[tuple]] = {name: [] for name, _ in LINK_TABLES}
    for e in read(ENTITIES_FILE):
        rows["entities"].append((e.get("id"), e.get("kind"), e.get("name"),
                                 json.dumps(e.get("variants") or [], ensure_ascii=False), e.get("documents")))
        for m in e.get("mentions") or []:
            span = m.get("span") or [None, None]
            rows["entity_mentions"].append((e.get("id"), m.get("doc_id"), span[0], span[1], m.get("surface")))
    for c in read(CONFLICTS_FILE):
        a, b = (c.get("sources") or [{}, {}])[:2]
        rows["conflicts"].append((c.get("metric"), c.get("region"), c.get("period"), c.get("unit"),
                                  a.get("doc_id"), str(a.get("value")), a.get("surface"), (a.get("span") or [None])[0],
                                  b.get("doc_id"), str(b.get("value")), b.get("surface"), (b.get("span") or [None])[0]))
    return rows


def _write_sqlite(out: Path, path: Path) -> Path:
    """Every table in one SQLite file — the search index, replies.sqlite, keeps
    only what search reads: the CSV's columns, keyed by (doc_id, idx), values
    as numbers beside their exact decimal text (value_text), and the linker's
    entities, their mentions and the conflicting figures. Written to a
    temporary file and renamed: a reader never sees half of it."""
    import os
    import sqlite3
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        with con:
            for table, rows in collect_rows(out).items():
                columns = columns_of(table, rows)
                _sql_table(con, table, columns, [tuple(map(r.get, columns)) for r in rows])
            links = link_rows(out)
            for table, columns in LINK_TABLES:
                _sql_table(con, table, columns, links[table])
        con.close()
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return path


def _sql_table(con, table: str, columns, rows: list[tuple]) -> None:
    """A table of `columns` holding `rows`, indexed by doc_id where it has one."""
    names = ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
    con.execute(f'CREATE TABLE "{table}" ({names})')
    con.executemany(f'INSERT INTO "{table}" VALUES ({", ".join("?" * len(columns))})', rows)
    if "doc_id" in columns:
        con.execute(f'CREATE INDEX "{table}_doc" ON "{table}" (doc_id)')


def _csv_cell(column: str, value) -> str:
    if value is None:
        return ""
    return str(exact_decimal(value)) if column in DECIMAL_COLUMNS else value


def _uniform_columns(df):
    """Parquet wants one type per column: a text column that also holds
    numbers (a period written 2022 in one record, "2022年" in another) becomes text."""
    df = df.copy()
    for col in df.columns:
        if df[col].dtype == object:
            types = {type(v) for v in df[col] if v is not None and not (isinstance(v, float) and math.isnan(v))}
            if len(types) > 1:
                df[col] = [None if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
                           for v in df[col]]
    return df


def _clean(v):
    """JSON-safe cell: NaN and infinities as null."""
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    return v


def _segmented(doc: dict, kind: str) -> dict:
    from ..nlp import search_words
    for f in SEGMENTED.get(kind, []):
        if isinstance(doc.get(f), str) and doc[f]:
            doc[f"{f}_seg"] = " ".join(search_words(doc[f]))
    return doc


def bulk_lines(out: Path, index: str = INDEX_NAME):
    """(action, source) pairs for every reply and item of OUT."""
    rows = collect_rows(Path(out))
    replies = {r["doc_id"]: r for r in rows["replies"]}
    for doc_id, r in replies.items():
        src = _segmented({k: _clean(v) for k, v in r.items()}, "reply")
        src["item_kind"] = "reply"
        yield {"index": {"_index": index, "_id": doc_id}}, src
    for table in ITEM_TABLES:
        for row in rows[table]:
            src = {k: _clean(v) for k, v in row.items()}
            src["item_kind"] = table
            if table in ("figures", "mentions"):  # their own `kind` would clash across tables
                src[f"{table[:-1]}_kind"] = src.pop("kind", None)
            reply = replies.get(row["doc_id"], {})
            src.setdefault("issuer", reply.get("issuer"))
            src["year"] = reply.get("year")
            yield {"index": {"_index": index, "_id": f"{row['doc_id']}:{table}:{row['idx']}"}}, _segmented(src, table)


def mapping() -> dict:
    """The index settings and mappings for the bulk file."""
    seg = {"type": "text", "analyzer": "whitespace"}
    kw = {"type": "keyword"}
    props = {
        "doc_id": kw, "item_kind": kw, "issuer": kw, "year": {"type": "integer"},
        "reply_date": {"type": "date", "format": "yyyy-MM-dd", "ignore_malformed": True},
        "doc_number": kw, "proposal_kind": kw, "proposal_no": kw, "category": kw,
        "title": {"type": "text", "index": False}, "text": {"type": "text", "index": False},
        "idx": {"type": "integer"}, "start": {"type": "integer"}, "end": {"type": "integer"},
        "surface": kw,
        "value": {"type": "double"}, "value_max": {"type": "double"},
        "value_text": kw, "value_max_text": kw, "unit": kw, "figure_kind": kw, "mention_kind": kw,
        "qualifier": kw, "direction": kw, "period": kw, "region": kw, "adcode": kw,
        "rank": {"type": "integer"}, "top_n": {"type": "integer"},
        "horizon": kw, "deadline": {"type": "date", "ignore_malformed": True},
        "canonical_id": kw, "action": kw,
    }
    for fields in SEGMENTED.values():
        for f in fields:
            props[f"{f}_seg"] = seg
    return {"settings": {"number_of_shards": 1},
            "mappings": {"dynamic": True, "properties": props}}


def write_bulk(out: Path, dest: Path | None = None, index: str = INDEX_NAME) -> list[Path]:
    dest = Path(dest) if dest else Path(out) / "export"
    bulk = dest if dest.suffix in (".ndjson", ".json", ".jsonl") else dest / BULK_FILE
    bulk.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for action, src in bulk_lines(out, index):
        lines.append(json.dumps(action, ensure_ascii=False))
        lines.append(json.dumps(src, ensure_ascii=False, default=str))
    write_atomic(bulk, "".join(line + "\n" for line in lines))
    mapping_path = bulk.with_name(MAPPING_FILE)
    write_atomic(mapping_path, json.dumps(mapping(), ensure_ascii=False, indent=2) + "\n")
    return [bulk, mapping_path]


__all__ = ["export", "write_bulk", "mapping", "bulk_lines", "ExportError", "NothingToExport", "FORMATS", "TABLES"]
