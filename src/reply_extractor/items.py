"""The items of a record as one list, and what a person needs to see of each.

Search hits, the web app and the CLI all show an item the same way: its kind,
what it says (a figure's exact value, unit, metric and period; a commitment's
horizon and deadline; a programme's name …) and the sentence it stands in.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from .textutil import clause_bounds, sentence_bounds

# record list -> the kind of one of its items; "meta" is the metadata evidence
KIND_OF_LIST = {"figures": "figure", "rankings": "ranking", "commitments": "commitment",
                "policies": "policy", "programs": "program", "measures": "measure",
                "mentions": "mention", "meta": "meta"}
LIST_OF_KIND = {v: k for k, v in KIND_OF_LIST.items()}
ITEM_KINDS = tuple(KIND_OF_LIST.values())
LABELS = {"figure": "数字 figure", "ranking": "排名 ranking", "commitment": "承诺 commitment",
          "policy": "政策 policy", "program": "项目 programme", "measure": "措施 measure",
          "mention": "提及 mention", "meta": "元数据 meta"}

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def record_items(rec: dict, kinds=ITEM_KINDS) -> Iterator[tuple[str, int, dict]]:
    """(kind, index in its list, item) for every spanned item of the record."""
    for list_name, kind in KIND_OF_LIST.items():
        if kind not in kinds:
            continue
        items = ((rec.get("meta") or {}).get("evidence") if list_name == "meta" else rec.get(list_name)) or []
        for i, it in enumerate(items):
            if isinstance(it, dict) and _valid_span(it.get("span"), rec):
                yield kind, i, it


def item_at(rec: dict, kind: str, idx: int) -> dict | None:
    name = LIST_OF_KIND.get(kind)
    items = ((rec.get("meta") or {}).get("evidence") if name == "meta" else rec.get(name or "")) or []
    return items[idx] if 0 <= idx < len(items) else None


def _valid_span(span, rec: dict) -> bool:
    n = len(rec.get("text") or "")
    return (isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int) for x in span)
            and 0 <= span[0] <= span[1] <= n)


def context_span(text: str, kind: str, item: dict) -> tuple[int, int]:
    """The passage an item is read in: a measure's section, else the sentence(s)
    around the item (a commitment spanning sentences keeps them all)."""
    s, e = item["span"]
    if kind == "measure" and item.get("section_span"):
        return tuple(item["section_span"])
    if not text:
        return s, e
    lo, _ = sentence_bounds(text, s)
    _, hi = sentence_bounds(text, max(s, e - 1))
    return min(lo, s), max(hi, e)


def match_span(text: str, kind: str, item: dict) -> tuple[int, int]:
    """The passage a query must match for the item to be found: a figure's or a
    ranking's own clause (so 3200套 in 筹集住房3200套，发放补贴2860万元 is not a
    figure about 补贴), else the passage it is read in."""
    if kind in ("figure", "ranking") and text:
        s, e = item["span"]
        lo, _ = clause_bounds(text, s)
        _, hi = clause_bounds(text, max(s, e - 1))
        return min(lo, s), max(hi, e)
    return context_span(text, kind, item)


def exact(v) -> str | None:
    """A JSON number as exact decimal text: 3.28 stays 3.28, 3e10 becomes 30000000000."""
    if v is None or isinstance(v, bool):
        return None
    try:
        d = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    except (ArithmeticError, ValueError):
        return str(v)
    return format(d, "f")


def title_of(kind: str, item: dict) -> str:
    """The item in a few words: its name, heading or surface."""
    if kind == "measure":
        return f"{item.get('label') or ''}{item.get('heading') or item.get('surface') or ''}"
    if kind in ("policy",):
        return f"《{item.get('name')}》" if item.get("bracketed", True) else str(item.get("name") or "")
    if kind in ("program", "mention"):
        return str(item.get("name") or item.get("surface") or "")
    return str(item.get("surface") or "")


def facts(kind: str, item: dict) -> list[tuple[str, str]]:
    """(label, value) pairs that say what the item states, empty ones left out."""
    g = item.get
    if kind == "figure":
        value = exact(g("value"))
        if g("value_max") is not None:
            value = f"{value}–{exact(g('value_max'))}"
        pairs = [("value", value), ("unit", g("unit") + (f"/{g('per')}" if g("per") else "") if g("unit") else None),
                 ("qualifier", g("qualifier")), ("direction", g("direction")), ("base", g("base")),
                 ("metric", g("metric")), ("period", g("period")), ("region", g("region"))]
    elif kind == "ranking":
        pairs = [("rank", g("rank")), ("top", g("top_n")), ("scope", g("scope")),
                 ("region", g("scope_region")), ("metric", g("metric")),
                 ("years running", g("consecutive_years"))]
    elif kind == "commitment":
        pairs = [("horizon", g("horizon")), ("deadline", g("deadline")), ("actor", g("actor"))]
    elif kind in ("policy", "program"):
        pairs = [("name", g("name")), ("action", g("action")), ("type", g("kind") if kind == "program" else None),
                 ("issued by", g("issuer") if kind == "policy" else None), ("entity", g("canonical_id"))]
    elif kind == "measure":
        pairs = [("label", g("label")), ("heading", g("heading")), ("path", g("path"))]
    elif kind == "mention":
        pairs = [("name", g("name")), ("kind", g("kind")), ("entity", g("canonical_id"))]
    else:  # meta evidence
        pairs = [("field", g("field"))]
    return [(k, str(v)) for k, v in pairs if v not in (None, "", [])]


def search_fields(kind: str, item: dict) -> str:
    """Text of the item's own fields, searched besides its sentence (a figure's
    metric, a policy's canonical name)."""
    return " ".join(v for _, v in facts(kind, item))


def year_in(s) -> int | None:
    m = _YEAR.search(str(s or ""))
    return int(m.group(1)) if m else None


def item_year(kind: str, item: dict, reply_year: int | None) -> int | None:
    """The year an item is about: a figure's period, a commitment's deadline,
    else the reply's year."""
    own = None
    if kind == "figure":
        own = year_in(item.get("period"))
    elif kind == "commitment":
        own = year_in(item.get("deadline"))
    return own or reply_year
