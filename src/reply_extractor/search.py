"""Ranked search over the index built by sinks.sqlite_index.

The query is plain text, never FTS syntax: it is segmented with jieba like the
indexed text, and every term is quoted, so quotes, brackets, AND/OR/NEAR or
`*` in a query are searched for as text (or ignored when they are only
punctuation) instead of breaking the query. A passage matches when it has all
the query's words, or contains each run of the query as an exact substring
(through the character-pair column; a single character through the character
column), so one- and two-character queries work. BM25 ranks, words weighing
more than character pairs.
"""
from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from .nlp import bigrams, runs, search_form, search_words

KINDS = {"replies": "reply", "measures": "measure", "commitments": "commitment", "figures": "figure"}
HIGHLIGHT = ("【", "】")
SNIPPET_CONTEXT = 40
# BM25 weights of the FTS columns words, uni, bi.
WEIGHTS = (1.0, 0.2, 0.5)


class SearchError(ValueError):
    """A query or index that cannot be searched; str() says why, for users."""


@dataclass
class Hit:
    doc_id: str
    kind: str
    score: float
    span: tuple[int, int]
    snippet: str
    issuer: str | None = None
    title: str | None = None
    idx: int | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def match_expression(query: str) -> str:
    """The FTS5 MATCH expression for a plain-text query; SearchError when the
    query has nothing to search for."""
    parts = runs(query)
    if not parts:
        raise SearchError("the query has no letters or digits to search for" if query.strip()
                          else "empty query")
    substrings = " AND ".join(
        f"uni:{_phrase([r])}" if len(r) == 1 else f"bi:{_phrase(bigrams(r))}" for r in parts)
    terms = search_words(query, for_query=True)
    if not terms:
        return substrings
    by_words = " AND ".join(f"words:{_phrase([t])}" for t in terms)
    return f"({by_words}) OR ({substrings})"


def search(db_path, query: str, kind: str = "replies", issuer: str | None = None,
           year: int | None = None, limit: int = 10) -> list[Hit]:
    """The best `limit` passages of `kind` for `query`, best first."""
    if kind not in KINDS:
        raise SearchError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if limit < 1:
        raise SearchError("limit must be at least 1")
    db_path = Path(db_path)
    if not db_path.is_file():
        raise SearchError(f"no index at {db_path} (build it with `reply-extractor batch`)")
    expr = match_expression(query or "")
    sql = ["SELECT p.doc_id, p.kind, p.idx, p.start, p.\"end\", p.body, r.issuer, r.title,",
           f"bm25(passages_fts, {', '.join(map(str, WEIGHTS))}) AS rank",
           "FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid",
           "LEFT JOIN replies r ON r.source_dir = p.source_dir AND r.doc_id = p.doc_id",
           "WHERE passages_fts MATCH ? AND p.kind = ?"]
    args: list = [expr, KINDS[kind]]
    if issuer:
        sql.append("AND r.issuer LIKE ?")
        args.append(f"%{issuer}%")
    if year:
        sql.append("AND r.year = ?")
        args.append(int(year))
    sql.append("ORDER BY rank, p.doc_id, p.idx LIMIT ?")
    args.append(int(limit))
    try:
        con = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = con.execute(" ".join(sql), args).fetchall()
        finally:
            con.close()
    except sqlite3.Error as e:
        raise SearchError(f"cannot search {db_path}: {e}") from None
    hits = []
    for doc_id, k, idx, start, end, body, iss, title, rank in rows:
        snippet, first = highlight(body or "", query)
        # a reply hit points at its first match; an item hit at the item
        span = first if k == "reply" and first else (start, end)
        hits.append(Hit(doc_id, k, round(-rank, 4), span, snippet, iss, title, idx))
    return hits


def _needles(query: str, folded_body: str) -> list[str]:
    """What to mark in a snippet: the query's runs where the body has them,
    else its words."""
    whole = [r for r in runs(query) if r in folded_body]
    found = whole or [w for w in search_words(query, for_query=True) if w in folded_body]
    return sorted(set(found), key=len, reverse=True)


def highlight(body: str, query: str, context: int = SNIPPET_CONTEXT,
              marks: tuple[str, str] = HIGHLIGHT) -> tuple[str, tuple[int, int] | None]:
    """A snippet of `body` around the first match of the query, every match
    marked; and the span of that first match in `body` (None if not found)."""
    folded = search_form(body)  # same length as body for CJK text and ASCII
    if len(folded) != len(body):
        folded = body.lower()
    hits: list[tuple[int, int]] = []
    for n in _needles(query, folded):
        pos = folded.find(n)
        while pos >= 0:
            if not any(s < pos + len(n) and pos < e for s, e in hits):
                hits.append((pos, pos + len(n)))
            pos = folded.find(n, pos + 1)
    if not hits:
        snippet = body[: 2 * context].replace("\n", " ")
        return snippet + ("…" if len(body) > 2 * context else ""), None
    # centre on the earliest match of the longest needle found (the whole query
    # rather than one of its words)
    longest = max(e - s for s, e in hits)
    first = min(h for h in hits if h[1] - h[0] == longest)
    hits.sort()
    lo, hi = max(0, first[0] - context), min(len(body), first[1] + context)
    out, pos = [], lo
    for s, e in hits:
        if s < lo or e > hi:
            continue
        out += [body[pos:s], marks[0], body[s:e], marks[1]]
        pos = e
    out.append(body[pos:hi])
    snippet = ("…" if lo > 0 else "") + "".join(out) + ("…" if hi < len(body) else "")
    return snippet.replace("\n", " "), first
