"""A batch folder as tables: one row per reply, one table per kind of item.

`load_frames(OUT)` gives pandas DataFrames (replies, measures, figures,
rankings, commitments, policies, programs, mentions); the SQLite index and the
exports are built from the same rows (`record_rows`), so every output has the
same columns. Spans become `start`/`end` columns; lists and objects become
JSON text; a figure's value is an exact Decimal in the frames (a number in the
SQLite index) and also kept as exact text.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from .sinks.jsonfile import iter_records

ITEM_TABLES = ("measures", "figures", "rankings", "commitments", "policies", "programs", "mentions")
TABLES = ("replies", *ITEM_TABLES)

_YEAR_IN_DOC_NUMBER = re.compile(r"[〔\[［(（](\d{4})[〕\]］)）]")


def reply_year(meta: dict) -> int | None:
    """The year of the reply: its date, else the year in its document number."""
    date = meta.get("reply_date") or ""
    if re.match(r"\d{4}", date):
        return int(date[:4])
    m = _YEAR_IN_DOC_NUMBER.search(meta.get("doc_number") or "")
    return int(m.group(1)) if m else None


_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def year_from_name(*names) -> int | None:
    """A year written in a file name or doc_id (portals and archives name files
    by date: henan-jtt-2023-0562, 20230718_reply.docx): the fallback for a reply
    whose text gives no date and no document number."""
    for name in names:
        m = _YEAR_IN_NAME.search(Path(str(name or "")).name)
        if m:
            return int(m.group(1))
    return None


def record_year(rec: dict) -> tuple[int | None, bool]:
    """(year, inferred): the reply's year from its date or document number, else
    (marked inferred) from its file name."""
    year = reply_year(rec.get("meta") or {})
    if year:
        return year, False
    hint = year_from_name((rec.get("source") or {}).get("path"), rec.get("doc_id"))
    return hint, hint is not None


def reply_row(rec: dict) -> dict:
    meta = rec.get("meta") or {}
    session = meta.get("session") or {}
    contact = meta.get("contact") or {}
    source = rec.get("source") or {}
    return {
        "doc_id": rec.get("doc_id"),
        "issuer": meta.get("issuer"),
        "title": meta.get("title"),
        "doc_number": meta.get("doc_number"),
        "proposal_kind": meta.get("proposal_kind"),
        "proposal_no": meta.get("proposal_no"),
        "proposal_title": meta.get("proposal_title"),
        "proposers": "、".join(meta.get("proposers") or []),
        "session_body": session.get("body"),
        "session_region": session.get("region"),
        "session_term": session.get("term"),
        "session_meeting": session.get("meeting"),
        "reply_date": meta.get("reply_date"),
        "year": reply_year(meta),
        "category": meta.get("category"),
        "contact_name": contact.get("name"),
        "contact_phone": contact.get("phone"),
        "signer": meta.get("signer"),
        "source_path": source.get("path"),
        "source_format": source.get("format"),
        "text": rec.get("text"),
    }


def _cell(key: str, value):
    """(column, value) pairs for one item field."""
    if key.endswith("span") and isinstance(value, (list, tuple)) and len(value) == 2:
        stem = "" if key == "span" else key[: -len("span")]
        return [(f"{stem}start", value[0]), (f"{stem}end", value[1])]
    if key.endswith("span") and value is None and key != "span":
        stem = key[: -len("span")]
        return [(f"{stem}start", None), (f"{stem}end", None)]
    if isinstance(value, (list, dict)):
        return [(key, json.dumps(value, ensure_ascii=False))]
    return [(key, value)]


def _exact(v) -> str | None:
    """A JSON number as exact decimal text (3.28 stays 3.28, 30000000 stays 30000000)."""
    if v is None:
        return None
    return format(Decimal(repr(v)) if isinstance(v, float) else Decimal(v), "f")


def item_row(doc_id: str, index: int, item: dict) -> dict:
    row = {"doc_id": doc_id, "idx": index}
    for k, v in item.items():
        if isinstance(v, (list, tuple, dict)) or (v is None and k != "span" and k.endswith("span")):
            row.update(_cell(k, v))
        else:  # most fields: the value as it is
            row[k] = v
    if "value" in item:
        row["value_text"] = _exact(item.get("value"))
        row["value_max_text"] = _exact(item.get("value_max"))
    return row


def item_rows(rec: dict, table: str) -> list[dict]:
    """The rows of one item table a record contributes."""
    return [item_row(rec.get("doc_id"), i, it) for i, it in enumerate(rec.get(table) or []) if isinstance(it, dict)]


def record_rows(rec: dict) -> dict[str, list[dict]]:
    """The rows one record contributes to each table."""
    return {"replies": [reply_row(rec)], **{table: item_rows(rec, table) for table in ITEM_TABLES}}


def columns_of(table: str, rows: list[dict]) -> list[str]:
    """A table's columns: every key of its rows in order of first appearance
    (the key columns alone when it has no rows)."""
    return list(dict.fromkeys(c for r in rows for c in r)) or (["doc_id"] if table == "replies" else ["doc_id", "idx"])


def collect_rows(out: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for _, rec in iter_records(Path(out)):
        for table, rs in record_rows(rec).items():
            rows[table].extend(rs)
    return rows


DECIMAL_COLUMNS = ("value", "value_max")


def exact_decimal(v) -> Decimal | None:
    """A JSON number as the exact Decimal it was written as (3.28, not 3.2799…)."""
    text = _exact(v)
    return Decimal(text) if text is not None else None


def load_frames(out: Path) -> dict:
    """The records of a batch folder as DataFrames, one per table (empty tables
    keep their key columns). Figure values are exact `Decimal`s (object columns),
    as in the records; `value_text` holds the same as text."""
    import pandas as pd

    frames = {}
    for table, rs in collect_rows(Path(out)).items():
        for row in rs:
            for col in DECIMAL_COLUMNS:
                if col in row:
                    row[col] = exact_decimal(row[col])
        df = pd.DataFrame(rs)
        if df.empty:
            df = pd.DataFrame(columns=["doc_id"] if table == "replies" else ["doc_id", "idx"])
        frames[table] = df
    return frames
