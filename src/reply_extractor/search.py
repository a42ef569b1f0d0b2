"""Ranked search over the index built by sinks.sqlite_index, hits enriched from
the records in OUT.

Query syntax, for people rather than for FTS5:

- words are ANDed: `农村 公路`;
- `"…"` is a phrase, matched as written (`"农村公路"`);
- `OR` (or `|`) between alternatives: `租房补贴 OR 住房补贴`;
- `-word` leaves out what has the word: `补贴 -燃油`;
- anything else (brackets, `*`, `NEAR`, `col:`) is searched for as text, never
  passed to FTS5, so a query cannot break the search.

A word matches when the passage contains each of its jieba words as an exact
substring (through the index's character pairs: a word is a phrase of its
pairs; a lone character is glued to its neighbour, and a one-character query
is the prefix of a pair), so one- and two-character queries work and the
words of a query may lie apart. BM25 ranks (over the pairs, not normalised by
passage length: see sinks.sqlite_index). Over a large index, the
newest shard of a kind's passages is ranked first (see _ranked_rows).

Kinds: `replies` ranks whole replies; `figures` and `commitments` rank their
own passages in the index; `measures` (their sections are spans of the reply,
not indexed twice), `rankings`, `policies`, `programs`, `mentions` and `meta`
(and `all`) find the replies that match, then the items
whose sentence (or own fields: a figure's metric, a programme's name) matches.
Every item hit carries the whole item, read from OUT/<doc_id>.json, and a
snippet centred on the item.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .frames import year_from_name
from .items import ITEM_KINDS, KIND_OF_LIST, item_at, match_span, record_items, search_fields
from .nlp import bigrams, runs, search_form, search_words
from .sinks.jsonfile import loads

# CLI kind -> passage/item kind
KINDS = {"replies": "reply", **KIND_OF_LIST, "all": "all"}
INDEXED = {"reply", "commitment", "figure"}  # kinds with their own passages in the index
HIGHLIGHT = ("【", "】")
SNIPPET_CONTEXT = 40
DB_NAME = "replies.sqlite"


class SearchError(ValueError):
    """A query or index that cannot be searched; str() says why, for users."""


class NotABatchFolder(SearchError):
    """The folder holds no records of a batch (empty, or something else)."""


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
    item: dict | None = None
    year: int | None = None
    year_inferred: bool = False

    def to_dict(self) -> dict:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


class Hits(list):
    """Hits, best first, with what a filter left out: `undated` counts hits in
    replies of no known year that `year=` could not keep."""
    undated: int = 0


# ---------------------------------------------------------------- the query

@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False

    def fts(self) -> str:
        return _substrings(self.text) if self.phrase else match_expression(self.text)

    def found_in(self, folded: str) -> list[str]:
        """The parts of `folded` (search form) this term matches, as the index
        matches them (`fts`): each run of the term whole, else each of its
        words, a one-character word kept with its neighbour (`_word_parts`);
        empty when it does not match."""
        parts = runs(self.text)
        if self.phrase:
            m = re.search(r"\W*".join(map(re.escape, parts)), folded)
            return [m.group(0)] if m else []
        if all(p in folded for p in parts):
            return parts
        words = [w for run in parts for w in _word_parts(run)]
        if words and all(w in folded for w in words):
            return words
        return []


@dataclass
class Query:
    """Alternatives (OR) of (terms that must match, terms that must not)."""
    groups: list[tuple[list[Term], list[Term]]] = field(default_factory=list)

    def fts(self, with_exclusions: bool = True) -> str:
        alts = []
        for must, must_not in self.groups:
            expr = " AND ".join(f"({t.fts()})" for t in must)
            if with_exclusions and must_not:
                expr = f"({expr}) NOT ({' OR '.join(f'({t.fts()})' for t in must_not)})"
            alts.append(f"({expr})")
        return " OR ".join(alts)

    def matches(self, text: str) -> bool:
        folded = _fold(text)
        return any(all(t.found_in(folded) for t in must) and not any(t.found_in(folded) for t in must_not)
                   for must, must_not in self.groups)

    def needles(self, text: str) -> list[str]:
        """What to mark in `text`: the parts of every wanted term found there, longest first."""
        return self.needles_in(_fold(text))

    def needles_in(self, folded: str) -> list[str]:
        """needles() of a text already folded."""
        found = {p for must, _ in self.groups for t in must for p in t.found_in(folded)}
        return sorted(found, key=len, reverse=True)


# Characters NFKC leaves alone, changes to other punctuation, or (full-width
# letters and digits) to ASCII: ASCII, · × ÷, CJK ideographs, CJK, general and
# full-width punctuation, arrows and geometric shapes. A text of nothing else
# is matched against queries (runs of letters and digits) with only those
# letters and digits changed.
_NOT_PLAIN = re.compile("[^\u0000-\u007f\u00b7\u00d7\u00f7\u4e00-\u9fff\u3000-\u3037\u303b-\u303f\u2000-\u206f"
                        "\u2190-\u21ff\u25a0-\u25ff\uff01-\uff65]")
_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff3f\uff41-\uff5a]")  # and ＿


def _half_width(m: re.Match) -> str:
    return chr(ord(m.group()) - 0xFEE0)


def plain_fold(text: str) -> str | None:
    """The text as search_form (NFKC, lower case) makes its letters and digits,
    the same length, by a substitution — None when the text has characters
    NFKC would change otherwise than as punctuation (normalising a reply's
    whole text was most of a highlight's time, and of its indexing)."""
    if _NOT_PLAIN.search(text):
        return None
    return _FULL_WIDTH_ALNUM.sub(_half_width, text).lower()


def _fold(text: str) -> str:
    """The text as queries are matched in it."""
    folded = plain_fold(text)
    return search_form(text) if folded is None else folded


def same_length_fold(text: str) -> str:
    """The text with its letters and digits as in its search form, always of
    the text's length, so that offsets into it are offsets into the text (a
    substitution where that is all NFKC would change; else NFKC character by
    character, a character it would widen, ℃ or ㎡, kept as it is)."""
    folded = plain_fold(text)
    if folded is not None:
        return folded
    return "".join(f if len(f) == 1 else c for c in text for f in (search_form(c),))


_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_QUOTES = str.maketrans({"“": '"', "”": '"', "＂": '"', "「": '"', "」": '"'})


def parse_query(query: str) -> Query:
    """The Query of what a person typed; SearchError when nothing is left to look for."""
    q = (query or "").translate(_QUOTES)
    if q.count('"') % 2:  # an unbalanced quote is text, not syntax
        q = q.replace('"', " ")
    groups, must, must_not = [], [], []
    for m in _TOKEN.finditer(q):
        neg, phrase, word = m.group(1), m.group(2), m.group(3)
        if word in ("OR", "|"):
            groups.append((must, must_not))
            must, must_not = [], []
            continue
        if word in ("AND", "&"):
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            neg, word = "-", word[1:]
        term = Term(phrase, True) if phrase is not None else Term(word)
        if not runs(term.text):
            continue
        (must_not if neg else must).append(term)
    groups.append((must, must_not))
    kept = [g for g in groups if g[0]]
    if not kept:
        if any(g[1] for g in groups):
            raise SearchError("the query only leaves words out (-word); say what to look for too")
        raise SearchError("the query has no letters or digits to search for" if (query or "").strip()
                          else "empty query")
    return Query(kept)


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def _substrings(text: str) -> str:
    return " AND ".join(f"bi:{_phrase([r])}*" if len(r) == 1 else f"bi:{_phrase(bigrams(r))}"
                        for r in runs(text))


def match_expression(query: str) -> str:
    """The FTS5 MATCH expression for one plain-text term (every token quoted):
    each of its words as a substring (a phrase of its character pairs), so the
    words may lie apart; SearchError when it has nothing to search for."""
    if not runs(query):
        raise SearchError("the query has no letters or digits to search for" if query.strip()
                          else "empty query")
    return _substrings(" ".join(dict.fromkeys(p for r in runs(query) for p in _word_parts(r))))


@lru_cache(maxsize=1024)
def _word_parts(run: str) -> tuple[str, ...]:
    """A run of a query cut into its jieba words, a one-character word kept
    with its neighbour (a lone character would be a prefix query, matching
    every pair it starts)."""
    parts: list[str] = []
    for w in search_words(run, for_query=True) or [run]:
        if parts and (len(w) == 1 or len(parts[-1]) == 1):
            parts[-1] += w
        else:
            parts.append(w)
    return tuple(parts) if "".join(parts) == run else (run,)


# ---------------------------------------------------------------- where to search

def index_path(source) -> Path:
    """The index of a batch folder (OUT/replies.sqlite) or the .sqlite file itself;
    SearchError saying what is wrong otherwise."""
    source = Path(source)
    if source.is_dir():
        db = source / DB_NAME
        if db.is_file():
            return db
        if not any(source.glob("*.json")):
            raise NotABatchFolder(f"{source}: no records here (empty, or not the output folder of `batch`)")
        raise SearchError(f"{source}: no index {DB_NAME} (run `reply-extractor batch` without --no-index)")
    if not source.is_file():
        raise SearchError(f"no index at {source} (give the output folder of `batch` or its {DB_NAME})")
    return source


@lru_cache(maxsize=256)
def _load_record(path: str, mtime: float) -> dict | None:
    try:
        return loads(Path(path).read_bytes())
    except (OSError, ValueError):
        return None


def record_from_disk(source_dir: str, doc_id: str) -> dict | None:
    path = Path(source_dir) / f"{doc_id}.json"
    try:
        return _load_record(str(path), path.stat().st_mtime)
    except OSError:
        return None


# ---------------------------------------------------------------- search

def search(source, query: str, kind: str = "replies", issuer: str | None = None,
           year: int | str | None = None, limit: int | None = 10,
           records: Callable[[str, str], dict | None] | None = None) -> Hits:
    """The best `limit` hits of `kind` for `query` (None: all of them), best first.

    source: a batch output folder or its replies.sqlite. year: an int, or
    "none" for replies of no known year. records(source_dir, doc_id) gives a
    record (default: read from the folder the index was built from)."""
    if kind not in KINDS:
        raise SearchError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if limit is not None and limit < 1:
        raise SearchError("limit must be at least 1")
    db = index_path(source)
    q = parse_query(query)
    want = KINDS[kind]
    records = records or record_from_disk
    hits = Hits()
    try:
        from .sinks.sqlite_index import open_for_reading
        con = open_for_reading(db)  # read-only, and never stuck on what a killed batch left
        try:
            for source_dir, doc_id, idxs, start, end, body, rank, info in _ranked_rows(con, q, want, issuer, limit):
                if year is not None and not _year_ok(info, year):
                    hits.undated += info["year"] is None
                    continue
                score = round(-rank, 4)
                if want == "reply":
                    snippet, first = highlight(body or "", query, q=q)
                    hits.append(_hit(info, "reply", score, first or (start, end), snippet))
                elif want in INDEXED:
                    rec = records(source_dir, doc_id)
                    for idx, item in _passage_items(rec, want, idxs, q):
                        # a figure's passage is its sentence: the hit is the figure
                        span = tuple(item["span"]) if item and want == "figure" else (start, end)
                        if rec and item:
                            snippet = _item_snippet(rec, item, "")
                        else:  # no record: the passage from the index (a span of the reply's text)
                            snippet = _item_snippet(None, None, body if body is not None
                                                    else _reply_text(info)[start:end])
                        hits.append(_hit(info, want, score, span, snippet, idx, item))
                else:
                    if want == "measure" and not _measures_may_match(con, info, q):
                        continue  # the record need not be read
                    rec = records(source_dir, doc_id)
                    if rec:
                        hits.extend(_hit(info, k, score, tuple(it["span"]), item_snippet(rec["text"], it["span"]), i, it)
                                    for k, i, it in matching_items(rec, q, ITEM_KINDS if want == "all" else (want,)))
                if limit is not None and len(hits) >= limit:
                    break
        finally:
            con.close()
    except sqlite3.Error as e:
        raise SearchError(f"cannot search {db}: {e}") from None
    if limit is not None:
        del hits[limit:]
    return hits


def _passage_items(rec: dict | None, kind: str, idxs: list, q: Query) -> list[tuple[int | None, dict | None]]:
    """(index, item) of the items a passage stands for; of the figures sharing
    one sentence, those whose own fields (metric, surface) match come first."""
    items = [(i, item_at(rec, kind, i) if rec else None) for i in idxs]
    if len(items) > 1:
        items.sort(key=lambda p: not (p[1] and q.matches(search_fields(kind, p[1]))))
    return items


def matching_items(rec: dict, q: Query, kinds=ITEM_KINDS):
    """(kind, index, item) of the record's items whose passage or fields match."""
    text = rec.get("text") or ""
    for kind, i, it in record_items(rec, kinds):
        s, e = match_span(text, kind, it)
        if q.matches(text[s:e] + " " + search_fields(kind, it)):
            yield kind, i, it


def _hit(info: dict, kind: str, score: float, span, snippet: str, idx=None, item=None) -> Hit:
    return Hit(info["doc_id"], kind, score, tuple(span), snippet, info["issuer"], info["title"],
               idx, item, info["year"], info["inferred"])


def _reply_info(con: sqlite3.Connection, key: tuple[int, str], issuer: str | None) -> dict | None:
    """Issuer, title and year of a reply (the year from the date or document
    number, else from the file name, marked inferred); None when the issuer
    filter leaves it out."""
    sql = "SELECT doc_id, issuer, title, year, source_path, text_zlib FROM replies WHERE source = ? AND doc_id = ?"
    args = list(key)
    if issuer:
        sql += " AND issuer LIKE ?"
        args.append(f"%{issuer}%")
    row = con.execute(sql, args).fetchone()
    if row is None:
        return None
    doc_id, iss, title, yr, path, text = row
    hint = None if yr else year_from_name(path, doc_id)
    return {"source": key[0], "doc_id": doc_id, "issuer": iss, "title": title, "text_zlib": text,
            "year": yr or hint, "inferred": not yr and hint is not None}


def _reply_text(info: dict) -> str:
    """The reply's text, decompressed once, when a hit needs it."""
    if "text" not in info:
        from .sinks.sqlite_index import unpack_text
        info["text"] = unpack_text(info.pop("text_zlib", None))
    return info["text"]


def _measures_may_match(con: sqlite3.Connection, info: dict, q: Query) -> bool:
    """Whether one of the reply's measures may match the query, read from the
    index (its section of the reply's text, its label, heading and path: what
    matching_items reads in the record), so that a measure search reads only
    the records that have one. True when the index cannot tell."""
    try:
        cur = con.execute("SELECT * FROM measures WHERE source = ? AND doc_id = ?", (info["source"], info["doc_id"]))
    except sqlite3.Error:
        return True
    columns = [d[0] for d in cur.description]
    for row in cur:
        m = dict(zip(columns, row))
        s, e = m.get("section_start"), m.get("section_end")
        if not isinstance(s, int) or not isinstance(e, int):
            return True
        fields = " ".join(str(m[k]) for k in ("label", "heading", "path") if m.get(k) not in (None, "", "[]"))
        if q.matches(_reply_text(info)[s:e] + " " + fields):
            return True
    return False


def _year_ok(info: dict, year) -> bool:
    if str(year).lower() in ("none", "unknown", "undated"):
        return info["year"] is None
    return info["year"] == int(year)


def _ranked_rows(con: sqlite3.Connection, q: Query, want: str, issuer: str | None, limit: int | None):
    """(source_dir, doc_id, item indexes, start, end, body, rank, reply info)
    of the passages that match, best first. Staged: FTS5 ranks the passages of one
    kind alone and hands over a page of the best (ORDER BY rank LIMIT inside
    the FTS table); only that page's passages and replies are read. The next
    page, twice as long, is asked for only when the caller is still short of
    hits (filters, items that do not match). Within a page, equal ranks go by
    doc_id and item index.

    Bounded: a kind's passages are in shards of consecutive ids
    (sinks.sqlite_index.SHARD_IDS), and with a limit the newest shard is ranked
    first, then (only when it does not give enough hits) the one before, and
    so on: a common word costs one shard, not the whole index. An index of one
    shard, or a search for all hits (no limit), is ranked as a whole."""
    from .sinks.sqlite_index import fts_shards, fts_table, item_indexes

    kind = want if want in INDEXED else "reply"
    expr = q.fts() if want in INDEXED else q.fts(with_exclusions=False)
    shards = fts_shards(con, kind)
    first_page = -1 if limit is None else max(4 * limit, 50)
    infos: dict[tuple[int, str], dict | None] = {}
    tiers = [[s] for s in reversed(shards)] if limit is not None else [shards]
    for tier in tiers:
        page, offset = first_page, 0
        while True:
            ranked = []
            for shard in tier:
                table = fts_table(kind, shard)
                ranked += con.execute(f"SELECT rowid, bm25({table}) AS rank FROM {table} "
                                      f"WHERE {table} MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
                                      (expr, page, offset)).fetchall()
            if not ranked:
                break
            rank_of = dict(ranked)
            ids = list(rank_of)
            rows = []
            for chunk in range(0, len(ids), 500):
                part = ids[chunk:chunk + 500]
                rows += con.execute('SELECT id, source_dir, source, doc_id, idx, idxs, start, "end", body '
                                    f"FROM passages WHERE id IN ({', '.join('?' * len(part))})", part).fetchall()
            rows.sort(key=lambda r: (rank_of[r[0]], r[3], -1 if r[4] is None else r[4]))
            for pid, source_dir, source, doc_id, idx, idxs, start, end, body in rows:
                key = (source, doc_id)
                if key not in infos:
                    infos[key] = _reply_info(con, key, issuer)
                if infos[key] is not None:
                    if body is None and want == "reply":  # a span of the reply's text
                        body = _reply_text(infos[key])[start:end]
                    yield source_dir, doc_id, item_indexes(idx, idxs), start, end, body, rank_of[pid], infos[key]
            if page < 0 or len(ranked) < page:
                break
            offset += page
            page *= 2


# ---------------------------------------------------------------- snippets

def item_snippet(text: str, span, context: int = SNIPPET_CONTEXT, marks=HIGHLIGHT) -> str:
    """The text around an item, centred on it, the item marked."""
    s, e = span
    lo, hi = max(0, s - context), min(len(text), e + context)
    snippet = f"{text[lo:s]}{marks[0]}{text[s:e]}{marks[1]}{text[e:hi]}"
    return (("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else "")).replace("\n", " ")


def _item_snippet(rec: dict | None, item: dict | None, body: str) -> str:
    """The snippet of an item hit: from its record, else the passage's body."""
    if rec and item:
        return item_snippet(rec.get("text") or "", item["span"])
    return (body or "")[: 2 * SNIPPET_CONTEXT].replace("\n", " ")


def highlight(body: str, query: str, context: int = SNIPPET_CONTEXT,
              marks: tuple[str, str] = HIGHLIGHT, q: Query | None = None) -> tuple[str, tuple[int, int] | None]:
    """A snippet of `body` around the first match of the query, every match
    marked; and the span of that first match in `body` (None if not found)."""
    folded = same_length_fold(body)  # offsets into it are offsets into body
    try:
        q = q or parse_query(query)
        needles = q.needles_in(folded)
    except SearchError:
        needles = []
    hits: list[tuple[int, int]] = []
    for n in needles:
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
