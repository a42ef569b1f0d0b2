"""Self-contained HTML pages for a human to review what was extracted.

The reply text is shown with every item highlighted where it was found
(spaCy displaCy, "ent" style, offsets given by hand), followed by tables of
the metadata with its evidence, figures, rankings, commitments, policies and
programmes. displaCy's entity style cannot nest, so the page is layered:
commitment sentences form the outer layer (a coloured underline around the
sentence) and the shorter items are highlighted inside them. An item that
overlaps another of its layer is listed in the tables only, and the page says
how many such spans there are. Later mentions of a policy or programme
(`other_spans`) are highlighted like the first.

    render_review(record) -> str          one record (a Reply.to_dict())
    render_section(record, entity_href)   the same as a fragment, for the web app
    render_reviews(records, title) -> str several records on one page
    write_reviews(out) -> list[Path]      pages for a batch output folder
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

from .jsonfile import iter_records, write_atomic

COLORS = {
    "FIGURE": "#a6e3a1",
    "RANKING": "#f9c97a",
    "COMMITMENT": "#89b4fa",
    "POLICY": "#f5a3c7",
    "PROGRAM": "#cba6f7",
    "MEASURE": "#94e2d5",
    "META": "#d9d9d9",
    "MENTION": "#e6e6b8",
}
# Which item wins when two of the inner layer overlap: metadata and names
# before numbers, section headings last (they often contain the others).
_INNER_PRIORITY = ("META", "POLICY", "PROGRAM", "RANKING", "FIGURE", "MENTION", "MEASURE")

# Compact template (no whitespace inside: the text is shown with pre-wrap).
# The highlight links to the item's table row (and the row back to the first highlight).
_ENT_TEMPLATE = ('<a class="item-link" href="#row-{key}"{id_attr}><mark class="entity ent-{label}" '
                 'style="background: {bg}" title="{title}">{text}<span class="ent-label">{label}</span></mark></a>')

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:72em;
color:#222;line-height:1.6;padding:0 1em}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
.reply-text{white-space:pre-wrap;border:1px solid #ddd;padding:1em;background:#fcfcfc;line-height:2.4}
mark.entity{padding:.1em .25em;border-radius:.3em}
.ent-label{font-size:.62em;font-weight:bold;margin-left:.3em;vertical-align:middle;color:#333}
.commitment{border-bottom:3px solid #89b4fa;background:rgba(137,180,250,.12)}
table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}
.legend span{display:inline-block;padding:.1em .5em;margin-right:.4em;border-radius:.3em;font-size:.85em}
.note{color:#666;font-size:.9em}.warn{color:#a33}
a.item-link{color:inherit;text-decoration:none}a.item-link:hover mark{outline:2px solid #555}
:target mark,tr:target td,.commitment:target{outline:3px solid #e64553;background-color:#fff3b0}
"""


def _e(value: Any) -> str:
    """Escaped text of a value; lists and dicts as compact JSON-ish text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, dict)):
        if not value:
            return ""
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return html.escape("、".join(value))
        return html.escape(json.dumps(value, ensure_ascii=False))
    return html.escape(str(value))


# ---------------------------------------------------------------- highlighting

def _title_of(label: str, item: dict) -> str:
    g = item.get
    if label == "FIGURE":
        parts = [str(g("value")), g("unit") or ""]
        if g("value_max") is not None:
            parts[0] += f"–{g('value_max')}"
        extra = [x for x in (g("qualifier"), g("direction"), g("metric"), g("period")) if x]
        return " ".join(p for p in parts if p) + (f" ({'; '.join(extra)})" if extra else "")
    if label == "RANKING":
        return f"rank {g('rank')} in {g('scope') or '?'}" + (f" (top {g('top_n')})" if g("top_n") else "")
    if label == "COMMITMENT":
        return "; ".join(f"{k}: {g(k)}" for k in ("horizon", "deadline", "actor") if g(k)) or "commitment"
    if label == "MEASURE":
        return f"{g('label') or ''} {g('heading') or ''}".strip()
    if label == "META":
        return str(g("field") or "meta")
    return str(g("name") or g("surface") or "") + (f" [{g('canonical_id')}]" if g("canonical_id") else "")


_KEY_PREFIX = {"META": "meta", "MEASURE": "measure", "FIGURE": "figure", "RANKING": "ranking",
               "COMMITMENT": "commitment", "POLICY": "policy", "PROGRAM": "program",
               "MENTION": "mention"}


def _spanned(record: dict) -> list[tuple[int, int, str, str, dict]]:
    """(start, end, LABEL, key, item) for every usable span of every item; key
    (`figure-3`) names the item's table row; a later mention's key ends in `~n`."""
    text = record.get("text") or ""
    out = []
    lists = [("META", (record.get("meta") or {}).get("evidence") or [])]
    lists += [(label, record.get(name) or []) for label, name in
              (("MEASURE", "measures"), ("FIGURE", "figures"), ("RANKING", "rankings"),
               ("COMMITMENT", "commitments"), ("POLICY", "policies"), ("PROGRAM", "programs"),
               ("MENTION", "mentions"))]
    for label, items in lists:
        for i, it in enumerate(items):
            if not isinstance(it, dict):
                continue
            # later mentions of the same policy/programme are highlighted too
            for n, span in enumerate([it.get("span")] + list(it.get("other_spans") or [])):
                if not (isinstance(span, (list, tuple)) and len(span) == 2):
                    continue
                s, e = span
                if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
                    out.append((s, e, label, f"{_KEY_PREFIX[label]}-{i}" + (f"~{n}" if n else ""), it))
    return out


def _layers(spanned):
    """Split into non-overlapping outer (commitments) and inner layers, plus
    the number of items left out of the highlighting."""
    def overlaps(a, chosen):
        return any(a[0] < b[1] and b[0] < a[1] for b in chosen)

    outer = []
    for it in sorted((x for x in spanned if x[2] == "COMMITMENT"), key=lambda x: (x[0], -x[1])):
        if not overlaps(it, outer):
            outer.append(it)

    def crosses_outer(it):
        return any(it[0] < o[1] and o[0] < it[1] and not (o[0] <= it[0] and it[1] <= o[1]) for o in outer)

    inner = []
    rest = sorted((x for x in spanned if x[2] != "COMMITMENT"),
                  key=lambda x: (_INNER_PRIORITY.index(x[2]), x[0], x[1] - x[0]))
    for it in rest:
        if not overlaps(it, inner) and not crosses_outer(it):
            inner.append(it)
    return sorted(outer), sorted(inner, key=lambda x: x[:2]), len(spanned) - len(outer) - len(inner)


def _displacy(text: str, ents: list[tuple[int, int, str, str, dict]], offset: int) -> str:
    from spacy import displacy
    doc = {"text": text, "title": None,
           "ents": [{"start": s - offset, "end": e - offset, "label": label,
                     "params": {"title": html.escape(_title_of(label, it), quote=True),
                                "key": key.split("~")[0],
                                "id_attr": "" if "~" in key else f' id="item-{key}"'}}
                    for s, e, label, key, it in ents]}
    out = displacy.render(doc, style="ent", manual=True, jupyter=False,
                          options={"colors": COLORS, "template": _ENT_TEMPLATE})
    # strip displaCy's block wrapper so chunks can sit inline
    return re.sub(r"^\s*<div[^>]*>|</div>\s*$", "", out)


def highlight(record: dict) -> tuple[str, int]:
    """The reply text as HTML with items highlighted; and how many were not shown.
    Each highlight links to its row in the tables (`#row-figure-3`) and the first
    one of an item is the row's target (`#item-figure-3`)."""
    text = record.get("text") or ""
    outer, inner, hidden = _layers(_spanned(record))
    cuts = sorted({0, len(text), *(o[0] for o in outer), *(o[1] for o in outer)})
    by_start = {o[0]: o for o in outer}
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        chunk = _displacy(text[a:b], [i for i in inner if a <= i[0] and i[1] <= b], a)
        o = by_start.get(a)
        if o is not None and o[1] == b:
            title = html.escape(_title_of("COMMITMENT", o[4]), quote=True)
            chunk = (f'<span class="commitment" id="item-{o[3]}" title="{title}">{chunk}'
                     f'<a class="item-link" href="#row-{o[3]}"><span class="ent-label" '
                     f'style="background:{COLORS["COMMITMENT"]}">COMMITMENT</span></a></span>')
        parts.append(chunk)
    return "".join(parts), hidden


# ---------------------------------------------------------------- tables

_META_FIELDS = ("issuer", "title", "doc_number", "proposal_kind", "proposal_no", "proposers",
                "proposal_title", "session", "reply_date", "category", "contact", "cc", "signer")

_TABLES = (
    ("Measures", "measures", ("label", "heading", "level", "path", "unit")),
    ("Figures", "figures", ("surface", "value", "value_max", "unit", "per", "kind", "qualifier", "direction",
                            "base", "metric", "period", "region", "in_table")),
    ("Rankings", "rankings", ("surface", "rank", "top_n", "scope", "scope_region", "metric",
                              "consecutive_years")),
    ("Commitments", "commitments", ("text", "horizon", "deadline", "actor", "targets")),
    ("Policies", "policies", ("name", "action", "bracketed", "canonical_id")),
    ("Programmes", "programs", ("name", "action", "canonical_id")),
    ("Mentions", "mentions", ("surface", "name", "kind", "canonical_id", "adcode")),
)


def _table_rows(columns, rows, numeric, row_ids=None) -> str:
    out = []
    for n, row in enumerate(rows):
        rid = f' id="{row_ids[n]}"' if row_ids else ""
        out.append(f"<tr{rid}>" + "".join(f'<td class="num">{v}</td>' if c in numeric else f"<td>{v}</td>"
                                         for c, v in zip(columns, row)) + "</tr>")
    return "".join(out)


def _table(columns: Iterable[str], rows: list[list[str]], numeric: set[str] = frozenset(),
           row_ids: list[str] | None = None, css: str = "") -> str:
    columns = list(columns)
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = _table_rows(columns, rows, numeric, row_ids)
    cls = f' class="{css}"' if css else ""
    return f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _meta_table(meta: dict) -> str:
    evidence: dict[str, list[str]] = {}
    for ev in meta.get("evidence") or []:
        evidence.setdefault(ev.get("field") or "", []).append(
            f"{_e(ev.get('surface'))} <span class=\"note\">{_e(ev.get('span'))}</span>")
    fields = list(_META_FIELDS) + [k for k in meta if k not in _META_FIELDS and k != "evidence"]
    fields += [k for k in evidence if k not in fields]
    rows = [[_e(f), _e(meta.get(f)), "<br>".join(evidence.get(f, []))] for f in fields]
    table = _table(("field", "value", "evidence"), rows)
    # the evidence spans, one row each, so a META highlight has a row to go to
    ev = meta.get("evidence") or []
    if ev:
        table += "<h3>Evidence</h3>" + _item_table(ev, ("field", "surface"), "meta")
    return table


def _cell(column: str, value, entity_href) -> str:
    if column == "canonical_id" and value and entity_href:
        return f'<a href="{html.escape(entity_href(value), quote=True)}">{_e(value)}</a>'
    if column in ("value", "value_max"):
        from ..items import exact
        return _e(exact(value))
    return _e(value)


def _item_table(items: list[dict], columns: tuple[str, ...], prefix: str, entity_href=None) -> str:
    """The items as rows `row-<prefix>-<i>`; the # cell links to the item in the text."""
    if not items:
        return '<p class="note">none</p>'
    cols = ("#",) + columns + ("span",)
    rows = [[f'<a href="#item-{prefix}-{i}">{i}</a>'] + [_cell(c, it.get(c), entity_href) for c in columns]
            + [_e(it.get("span"))] for i, it in enumerate(items)]
    return _table(cols, rows, numeric={"#", "value", "value_max", "rank", "top_n"},
                  row_ids=[f"row-{prefix}-{i}" for i in range(len(items))], css=f"items items-{prefix}")


# ---------------------------------------------------------------- pages

def _counts(record: dict) -> dict[str, int]:
    return {name: len(record.get(name) or []) for _, name, _ in _TABLES}


def _section(record: dict, entity_href=None) -> str:
    """One record: highlighted text, warnings, metadata and a table per kind.
    entity_href(canonical_id) -> URL links canonical ids (the web app's entity pages)."""
    meta = record.get("meta") or {}
    marked, hidden = highlight(record)
    legend = "".join(f'<span style="background:{c}">{k}</span>' for k, c in COLORS.items())
    counts = ", ".join(f"{n} {k}" for k, n in _counts(record).items())
    src = record.get("source") or {}
    parts = [
        f"<section id=\"{_e(record.get('doc_id'))}\">",
        f"<h1>{_e(record.get('doc_id'))}: {_e(meta.get('title') or meta.get('proposal_title') or '')}</h1>",
        f'<p class="note">source: {_e(src.get("path"))} ({_e(src.get("format"))}, {_e(src.get("encoding"))}); '
        f"{_e(counts)}</p>",
        f'<p class="legend">{legend}</p>',
    ]
    if hidden:
        parts.append(f'<p class="note">{hidden} span(s) overlap another highlighted item '
                     "and are listed only in the tables below.</p>")
    parts.append(f'<div class="reply-text">{marked}</div>')
    warnings = record.get("warnings") or []
    parts.append(f"<h2>Warnings ({len(warnings)})</h2>" + ("<ul class=\"warnings\">" + "".join(
        f'<li class="warn">{_e(w)}</li>' for w in warnings) + "</ul>" if warnings else '<p class="note">none</p>'))
    parts.append("<h2>Metadata</h2>" + _meta_table(meta))
    for heading, name, columns in _TABLES:
        items = record.get(name) or []
        parts.append(f"<h2>{heading} ({len(items)})</h2>"
                     + _item_table(items, columns, name[:-1] if name != "policies" else "policy", entity_href))
    parts.append("</section>")
    return "\n".join(parts)


STYLE = _CSS  # for pages that embed a review section (the web app's reply page)


def render_section(record: dict, entity_href=None) -> str:
    """One record's review as an HTML fragment (no page around it)."""
    return _section(record, entity_href)


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{_e(title)}</title><style>{_CSS}</style></head>\n<body>\n{body}\n</body></html>\n")


def render_review(record: dict) -> str:
    """A self-contained HTML review page for one record (Reply.to_dict())."""
    return _page(f"review: {record.get('doc_id')}", _section(record))


def render_reviews(records: list[dict], title: str) -> str:
    """Several records (e.g. the replies of one file) on one page."""
    return _page(f"review: {title}", "\n<hr>\n".join(_section(r) for r in records))


def _filename(doc_id: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", doc_id or "record") + ".html"


def render_index(entries: list[tuple[str, dict]]) -> str:
    """An index page linking (filename, record) pages, with item counts."""
    names = [name for _, name, _ in _TABLES]
    rows = []
    for filename, rec in entries:
        meta = rec.get("meta") or {}
        counts = _counts(rec)
        rows.append([f'<a href="{html.escape(quote(filename), quote=True)}">{_e(rec.get("doc_id"))}</a>',
                     _e(meta.get("issuer")), _e(meta.get("title") or meta.get("proposal_title")),
                     _e(meta.get("proposal_title"))]
                    + [str(counts[n]) for n in names] + [str(len(rec.get("warnings") or []))])
    table = _table(["doc_id", "issuer", "title", "on the proposal", *names, "warnings"], rows,
                   numeric={*names, "warnings"})
    return _page("review index", f"<h1>Review: {len(entries)} replies</h1>\n{table}")


def write_reviews(out: Path, review_dir: Path | None = None) -> list[Path]:
    """For every record in batch output folder `out`, write
    `<review_dir>/<doc_id>.html` (default review_dir: out/review), then
    `index.html` linking them. Returns the pages written, index last; an empty
    list when `out` holds no records."""
    review_dir = Path(review_dir) if review_dir else Path(out) / "review"
    written, entries = [], []
    for _, record in iter_records(Path(out)):
        filename = _filename(str(record.get("doc_id")))
        path = review_dir / filename
        write_atomic(path, render_review(record))
        written.append(path)
        entries.append((filename, record))
    if entries:
        index = review_dir / "index.html"
        write_atomic(index, render_index(entries))
        written.append(index)
    return written
