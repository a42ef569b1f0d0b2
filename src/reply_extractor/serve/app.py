"""The web app's routes: search, reply, entities, conflicts, promise tracker."""
from __future__ import annotations

import html
import math
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..items import ITEM_KINDS, LABELS, exact, facts, title_of
from ..nlp import search_words
from ..search import Query, SearchError, matching_items, parse_query, search
from .store import FACETS, Store

PAGE_SIZE = 20
KIND_ORDER = {k: n for n, k in enumerate(("figure", "commitment", "program", "policy", "ranking",
                                          "measure", "mention", "meta"))}
FACET_LABELS = {"kind": "kind 类型", "issuer": "issuer 答复单位", "year": "year 年份",
                "region": "region 地区", "proposal_kind": "proposal 建议/提案", "category": "category 类别"}
STATUSES = ("overdue", "due", "not yet due", "no deadline")


def reply_url(doc_id: str, anchor: str = "") -> str:
    return f"/reply/{quote(doc_id)}" + (f"#{anchor}" if anchor else "")


def entity_url(cid: str) -> str:
    return f"/entity/{quote(cid, safe='')}"


def marked(text: str, lo: int, hi: int, span=None, needles=()) -> Markup:
    """text[lo:hi] as HTML: the item's span in <mark class="item">, the query's
    words in <mark class="q">."""
    marks = []
    if span:
        marks.append((max(lo, span[0]), min(hi, span[1]), "item"))
    window = text[lo:hi]
    low = window.lower()
    for n in needles:
        pos = low.find(n)
        while pos >= 0 and n:
            s, e = lo + pos, lo + pos + len(n)
            if not any(s < me and ms < e for ms, me, _ in marks):
                marks.append((s, e, "q"))
            pos = low.find(n, pos + 1)
    out, pos = [], lo
    for s, e, cls in sorted(marks):
        out += [html.escape(text[pos:s]), f'<mark class="{cls}">', html.escape(text[s:e]), "</mark>"]
        pos = e
    out.append(html.escape(text[pos:hi]))
    return Markup("".join(out).replace("\n", " "))


def create_app(out, today: date | None = None) -> Starlette:
    """The ASGI app over batch folder `out` (read once, now). `today` fixes the
    tracker's date (default: the real date at each request)."""
    store = Store(Path(out))
    search_words("预热")  # load jieba's dictionary now, not at the first search
    # the store does not change while serving: a query's hits are kept for paging and facets
    find = lru_cache(maxsize=64)(lambda q: _find(store, q, parse_query(q) if q else None))
    env = Environment(loader=PackageLoader("reply_extractor.serve", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.globals.update(reply_url=reply_url, entity_url=entity_url, labels=LABELS, facet_labels=FACET_LABELS,
                       title_of=title_of, facts=facts, exact=exact, store=store)

    def page(name: str, request: Request, status_code: int = 200, **ctx) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(request=request, path=request.url.path, **ctx),
                            status_code=status_code)

    async def home(request: Request):
        return RedirectResponse("/search")

    async def search_page(request: Request):
        params = request.query_params
        q = params.get("q", "").strip()
        chosen = {f: params.get(f) for f in FACETS if params.get(f)}
        error, hits, query = None, [], None
        try:
            query = parse_query(q) if q else None
            hits = find(q)
        except SearchError as e:
            error = str(e)
        keyed = [(h, store.facets.get((h[0].doc_id, h[1], h[2]), {})) for h in hits]
        shown = [h for h, f in keyed if all(f.get(k) == v for k, v in chosen.items())]
        facet_counts = {}
        for name in FACETS:
            counts: dict[str, int] = {}
            for h, f in keyed:
                if all(f.get(k) == v for k, v in chosen.items() if k != name):
                    counts[f.get(name)] = counts.get(f.get(name), 0) + 1
            facet_counts[name] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        pages = max(1, math.ceil(len(shown) / PAGE_SIZE))
        try:
            n = min(max(1, int(params.get("page", 1))), pages)
        except ValueError:
            n = 1
        rows = []
        for reply, kind, idx, item in shown[(n - 1) * PAGE_SIZE: n * PAGE_SIZE]:
            text = reply.record.get("text") or ""
            lo, hi = store.context(reply, kind, item)
            cut = hi - lo > 300  # a long section: the part around the item
            if cut:
                lo, hi = max(lo, item["span"][0] - 120), min(hi, item["span"][1] + 120)
            needles = query.needles(text[lo:hi]) if query else []
            rows.append({"reply": reply, "kind": kind, "idx": idx, "item": item,
                         "sentence": marked(text, lo, hi, item["span"], needles), "cut": (cut, cut)})

        def link(**change):
            p = {"q": q, **chosen, **change}
            return "/search?" + urlencode({k: v for k, v in p.items() if v not in (None, "")})

        def facet_link(name, value):  # toggles the facet, back to page 1
            return link(**{name: None if chosen.get(name) == value else value})

        return page("search.html", request, q=q, error=error, rows=rows, total=len(shown), all_hits=len(hits),
                    chosen=chosen, facet_counts=facet_counts, page_no=n, pages=pages, link=link,
                    facet_link=facet_link, clear_link=link(**{k: None for k in chosen}))

    async def reply_page(request: Request):
        from ..sinks.review import STYLE, render_section
        doc_id = request.path_params["doc_id"]
        reply = store.replies.get(doc_id)
        if reply is None:
            return page("missing.html", request, what=f"reply {doc_id}", status_code=404)
        promises = [p for p in store.promises if p.reply is reply]
        later = [p for p in store.promises if any(r is reply for r, _ in p.reported_in)]
        return page("reply.html", request, reply=reply, body=Markup(render_section(reply.record, entity_url)),
                    review_css=Markup(STYLE), promises=promises, follows=later)

    async def entities_page(request: Request):
        kind = request.query_params.get("kind", "")
        ents = [e for e in store.entities.values() if not kind or e["kind"] == kind]
        ents.sort(key=lambda e: (-e["documents"], -len(e["mentions"]), e["name"]))
        kinds = sorted({e["kind"] for e in store.entities.values()})
        return page("entities.html", request, ents=ents, kind=kind, kinds=kinds)

    async def entity_page(request: Request):
        cid = request.path_params["cid"]
        e = store.entities.get(cid)
        if e is None:
            return page("missing.html", request, what=f"entity {cid}", status_code=404)
        by_year: dict[str, list] = {}
        for reply, kind, idx, item, span in sorted(e["mentions"], key=lambda m: (m[0].when, m[0].doc_id, m[4])):
            text = reply.record.get("text") or ""
            lo, hi = store.context(reply, kind, {**item, "span": span})
            by_year.setdefault(str(reply.year) if reply.year else "year unknown", []).append(
                {"reply": reply, "kind": kind, "idx": idx, "item": item, "sentence": marked(text, lo, hi, span)})
        years = sorted(by_year.items(), key=lambda kv: kv[0])
        return page("entity.html", request, e=e, years=years)

    async def conflicts_page(request: Request):
        rows = []
        for c in store.conflicts:
            sides = []
            for s in c.get("sources") or []:
                reply = store.replies.get(s.get("doc_id"))
                if reply is None or not s.get("span"):
                    continue
                text = reply.record.get("text") or ""
                lo, hi = store.context(reply, "figure", s)
                sides.append({"reply": reply, "source": s, "value": exact(s.get("value")),
                              "sentence": marked(text, lo, hi, s["span"])})
            rows.append({"conflict": c, "sides": sides})
        return page("conflicts.html", request, rows=rows)

    async def tracker_page(request: Request):
        params = request.query_params
        try:
            now = date.fromisoformat(params["today"]) if params.get("today") else (today or date.today())
        except ValueError:
            now = today or date.today()
        agency, year, status = params.get("agency", ""), params.get("year", ""), params.get("status", "")
        rows = []
        for p in store.promises:
            st = p.status(now)
            if agency and p.reply.issuer != agency:
                continue
            if year and str(p.reply.year or "") != year and str(p.deadline.year if p.deadline else "") != year:
                continue
            if status and st != status:
                continue
            rows.append((p, st))
        counts = {s: sum(1 for p in store.promises if p.status(now) == s) for s in STATUSES}
        years = sorted({str(p.reply.year) for p in store.promises if p.reply.year}
                       | {str(p.deadline.year) for p in store.promises if p.deadline})
        return page("tracker.html", request, rows=rows, today=now, agency=agency, year=year, status=status,
                    agencies=store.agencies(), years=years, statuses=STATUSES, counts=counts)

    static = Path(__file__).with_name("static")
    return Starlette(routes=[
        Route("/", home),
        Route("/search", search_page),
        Route("/reply/{doc_id:path}", reply_page),
        Route("/entities", entities_page),
        Route("/entity/{cid:path}", entity_page),
        Route("/conflicts", conflicts_page),
        Route("/tracker", tracker_page),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ])


def _find(store: Store, q: str, query: Query | None) -> list[tuple]:
    """(reply, kind, idx, item) of every item matching the query, best reply
    first, then by kind and place in the text; every item when q is empty."""
    if query is None:
        found = [(r, k, i, it) for r in store.replies.values() for k, i, it in _items(r)]
    elif store.has_index():
        found = [(store.replies[h.doc_id], h.kind, h.idx, h.item)
                 for h in search(store.out, q, kind="all", limit=None, records=store.record)
                 if h.doc_id in store.replies and h.item is not None]
    else:  # no index: read every record
        found = [(r, k, i, it) for r in store.replies.values() for k, i, it in matching_items(r.record, query)]
    order = {}
    for r, *_ in found:
        order.setdefault(r.doc_id, len(order))
    return sorted(found, key=lambda h: (order[h[0].doc_id], KIND_ORDER.get(h[1], 99), h[3]["span"][0]))


def _items(reply):
    from ..items import record_items
    return record_items(reply.record, ITEM_KINDS)


def serve(out, port: int = 8000, host: str = "127.0.0.1") -> None:
    import uvicorn
    uvicorn.run(create_app(out), host=host, port=port, log_level="warning")
