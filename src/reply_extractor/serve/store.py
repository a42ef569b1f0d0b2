"""A batch output folder read once at start-up, shaped for the web pages.

Records, entities and conflicts come from OUT as `batch` wrote them; what the
pages need beyond that (each item's facets, every entity's mentions, the
promise tracker's rows and its "reported on in" links) is built here in
memory. replies.sqlite is only read (by search).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..frames import record_year
from ..items import ITEM_KINDS, context_span, item_year, record_items, title_of
from ..search import NotABatchFolder
from ..sinks.jsonfile import iter_records

DUE_SOON = timedelta(days=90)  # a deadline this close is "due"
FACETS = ("kind", "issuer", "year", "region", "proposal_kind", "category")
_TITLE_NOISE = re.compile(r"^关于|的?(建议|提案|意见)$|[“”《》\"\s]")


@dataclass
class Reply:
    doc_id: str
    record: dict
    issuer: str | None
    title: str | None
    year: int | None
    year_inferred: bool
    date: str | None

    @property
    def meta(self) -> dict:
        return self.record.get("meta") or {}

    @property
    def when(self) -> str:
        """The reply's date as a sortable key ('' when unknown)."""
        return self.date or (f"{self.year}" if self.year else "")


@dataclass
class Promise:
    """One commitment in the tracker."""
    reply: Reply
    idx: int
    item: dict
    deadline: date | None
    entities: set[str] = field(default_factory=set)   # programmes and policies it names
    metrics: set[str] = field(default_factory=set)    # metrics of the figures it promises
    reported_in: list[tuple[Reply, str]] = field(default_factory=list)  # (later reply, why)

    def status(self, today: date) -> str:
        if self.deadline is None:
            return "no deadline"
        if self.deadline < today:
            return "overdue"
        return "due" if self.deadline - today <= DUE_SOON else "not yet due"


class Store:
    def __init__(self, out: Path):
        self.out = Path(out)
        if not self.out.is_dir():
            raise NotABatchFolder(f"{self.out}: no such folder")
        self.replies: dict[str, Reply] = {}
        for _, rec in iter_records(self.out):
            meta = rec.get("meta") or {}
            year, inferred = record_year(rec)
            self.replies[rec["doc_id"]] = Reply(rec["doc_id"], rec, meta.get("issuer"),
                                                meta.get("title") or meta.get("proposal_title"),
                                                year, inferred, meta.get("reply_date"))
        if not self.replies:
            raise NotABatchFolder(f"{self.out}: no records here (empty, or not the output folder of `batch`)")
        self.entities = self._entities()
        self.conflicts = _load(self.out / "conflicts.json", [])
        self.facets = {(r.doc_id, k, i): self._facets(r, k, it)
                       for r in self.replies.values() for k, i, it in record_items(r.record)}
        self.promises = self._promises()

    # ------------------------------------------------------------ lookups

    def record(self, source_dir: str, doc_id: str) -> dict | None:
        """The loader search() uses: records come from memory, not from disk."""
        r = self.replies.get(doc_id)
        return r.record if r else None

    def has_index(self) -> bool:
        return (self.out / "replies.sqlite").is_file()

    # ------------------------------------------------------------ facets

    def _facets(self, r: Reply, kind: str, item: dict) -> dict:
        meta = r.meta
        region = None
        if kind == "figure":
            region = item.get("region")
        elif kind == "ranking":
            region = item.get("scope_region")
        elif kind == "mention" and item.get("kind") == "region":
            region = item.get("name")
        region = region or (meta.get("session") or {}).get("region")
        year = item_year(kind, item, r.year)
        return {"kind": kind, "issuer": r.issuer or "(unknown)", "year": str(year) if year else "(unknown)",
                "region": region or "(unknown)", "proposal_kind": meta.get("proposal_kind") or "(unknown)",
                "category": meta.get("category") or "(unknown)"}

    # ------------------------------------------------------------ entities

    def _entities(self) -> dict[str, dict]:
        """canonical id -> {id, kind, name, variants, mentions: [(reply, kind, idx, item, span)]}."""
        known = {e["id"]: e for e in _load(self.out / "entities.json", []) if isinstance(e, dict) and e.get("id")}
        out: dict[str, dict] = {}
        for r in self.replies.values():
            for kind, i, it in record_items(r.record, ("policy", "program", "mention")):
                cid = it.get("canonical_id")
                if not cid:
                    continue
                e = out.get(cid)
                if e is None:
                    k = known.get(cid, {})
                    e = out[cid] = {"id": cid, "kind": cid.split(":", 1)[0],
                                    "name": k.get("name") or title_of(kind, it).strip("《》"),
                                    "variants": k.get("variants") or [], "mentions": []}
                for span in [it["span"], *(it.get("other_spans") or [])]:  # later mentions too
                    e["mentions"].append((r, kind, i, it, tuple(span)))
        for e in out.values():
            e["documents"] = len({m[0].doc_id for m in e["mentions"]})
        return out

    # ------------------------------------------------------------ promises

    def _promises(self) -> list[Promise]:
        promises = []
        for r in self.replies.values():
            rec = r.record
            figures = rec.get("figures") or []
            for i, c in enumerate(rec.get("commitments") or []):
                s, e = c["span"]
                p = Promise(r, i, c, _date(c.get("deadline")))
                for _, _, it in record_items(rec, ("policy", "program")):
                    spans = [it["span"], *(it.get("other_spans") or [])]
                    if it.get("canonical_id") and any(s <= a and b <= e for a, b in spans):
                        p.entities.add(it["canonical_id"])
                targets = [figures[t] for t in c.get("targets") or [] if isinstance(t, int) and t < len(figures)]
                targets += [f for f in figures if s <= f["span"][0] and f["span"][1] <= e]
                p.metrics = {f["metric"] for f in targets if f.get("metric")}
                promises.append(p)
        self._link_promises(promises)
        promises.sort(key=lambda p: (p.deadline or date.max, p.reply.doc_id, p.idx))
        return promises

    def _link_promises(self, promises: list[Promise]) -> None:
        """Fill each promise's `reported_in`: later replies of the batch that speak
        of its programme or policy, report the metric it promised, or answer a
        proposal on the same topic. Inverted indexes keep this near linear."""
        by_entity: dict[str, set[str]] = {}
        by_metric: dict[str, set[str]] = {}
        by_pair: dict[str, set[str]] = {}
        topics = {}
        for r in self.replies.values():
            for _, _, it in record_items(r.record, ("policy", "program")):
                if it.get("canonical_id"):
                    by_entity.setdefault(it["canonical_id"], set()).add(r.doc_id)
            for f in r.record.get("figures") or []:
                if f.get("metric"):
                    by_metric.setdefault(f["metric"], set()).add(r.doc_id)
            topics[r.doc_id] = _topic(r.meta.get("proposal_title"))
            for pair in topics[r.doc_id]:
                by_pair.setdefault(pair, set()).add(r.doc_id)
        same_topic: dict[str, set[str]] = {}
        for p in promises:
            doc = p.reply.doc_id
            if doc not in same_topic:
                shared = Counter(d for pair in topics[doc] for d in by_pair[pair] if d != doc)
                same_topic[doc] = {d for d, n in shared.items() if _similar(topics[doc], topics[d])}
            reasons: dict[str, list[str]] = {}
            for cid in sorted(p.entities):
                for d in by_entity.get(cid, ()):
                    reasons.setdefault(d, []).append("names " + self.entities.get(cid, {}).get("name", cid))
            for m in sorted(p.metrics):
                for d in by_metric.get(m, ()):
                    reasons.setdefault(d, []).append("reports " + m)
            for d in same_topic[doc]:
                reasons.setdefault(d, []).append("answers a proposal on the same topic")
            later = [(self.replies[d], "; ".join(why)) for d, why in reasons.items()
                     if d != doc and _later(self.replies[d], p.reply)]
            p.reported_in = sorted(later, key=lambda x: (x[0].when, x[0].doc_id))

    def agencies(self) -> list[str]:
        return sorted({p.reply.issuer for p in self.promises if p.reply.issuer})

    def context(self, r: Reply, kind: str, item: dict) -> tuple[int, int]:
        return context_span(r.record.get("text") or "", kind, item)


def _load(path: Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def _date(s) -> date | None:
    try:
        return date.fromisoformat(str(s)[:10]) if s else None
    except ValueError:
        return None


def _later(a: Reply, b: Reply) -> bool:
    """Whether reply a was written after reply b (by date, else by year)."""
    if a.date and b.date:
        return a.date > b.date
    return bool(a.year and b.year and a.year > b.year)


def _topic(title: str | None) -> set[str]:
    """Character pairs of a proposal's title without 关于…的建议."""
    t = _TITLE_NOISE.sub("", title or "")
    return {t[i:i + 2] for i in range(len(t) - 1)}


def _similar(a: set[str], b: set[str]) -> bool:
    """Most of the shorter title's character pairs are in the other (at least three)."""
    shared = len(a & b)
    return shared >= 3 and shared / min(len(a), len(b)) >= 0.6


__all__ = ["Store", "Promise", "Reply", "FACETS", "ITEM_KINDS"]
