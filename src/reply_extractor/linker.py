"""Link the replies of a batch folder: one `canonical_id` per real policy,
programme, agency and region across replies, the entity list, and the figures
on which two replies disagree.

`link_directory(OUT)` reads every record in OUT, so running it again after new
records were added re-links the whole folder consistently. A record file is
rewritten (atomically) only when its ids changed.

Ids are readable: program:甬江英才, policy:慈溪市/加快推进制造业高质量发展若干政策意见,
agency:330282/经济和信息化局, region:330282.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
from collections import Counter, defaultdict
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from . import normalize as nz
from . import regions
from .extractors import mentions as mention_finder
from .regions import Place
from .sinks.jsonfile import ODD_NUMBER, is_record, loads, write_json

ENTITIES_FILE = "entities.json"
CONFLICTS_FILE = "conflicts.json"


# What linking reads of a record, and the fields it sets (per item list).
LINKED = {"programs": ("canonical_id",), "policies": ("canonical_id",),
          "mentions": ("canonical_id", "adcode", "name")}


def _light(rec: dict) -> dict:
    """The parts of a record linking sets ids on (no text, blocks or figures):
    memory stays small however many replies a folder holds."""
    return {"doc_id": rec.get("doc_id"), **{field: rec.get(field) or [] for field in LINKED}}


def _linked_fields(rec: dict) -> list:
    return [[tuple(it.get(k, _ABSENT) for k in keys) if isinstance(it, dict) else None
             for it in rec.get(field) or []]
            for field, keys in LINKED.items()]


_ABSENT = object()  # a field the record does not have (told apart from null)


def _apply(light: dict, rec: dict) -> bool:
    """Copy the ids linking set on `light` onto the full record; whether any changed."""
    changed = False
    for field, keys in LINKED.items():
        for src, dst in zip(light.get(field) or [], rec.get(field) or []):
            if not (isinstance(src, dict) and isinstance(dst, dict)):
                continue
            for k in keys:
                if k in src and (k not in dst or dst[k] != src[k]):
                    dst[k] = src[k]
                    changed = True
    return changed


# Rewrites worth spreading over worker processes (pretty JSON is encoded in Python).
PARALLEL_REWRITES = 400


def _rewrite(todo: list[tuple[Path, dict]]) -> int:
    """Set the linked ids in each record file; how many changed."""
    changed = 0
    for path, ids in todo:
        try:
            text = Path(path).read_text(encoding="utf-8")
            rec = loads(text)
        except (OSError, ValueError):
            continue  # gone or replaced meanwhile: the next batch links it
        if _apply(ids, rec):  # sets strings only: no float json and orjson would write apart
            write_json(Path(path), rec, durable=False, odd_floats=bool(ODD_NUMBER.search(text)))
            changed += 1
    return changed


def _rewrite_all(todo: list[tuple[Path, dict]]) -> int:
    workers = min(os.cpu_count() or 1, 4)
    if len(todo) < PARALLEL_REWRITES or workers < 2 or "fork" not in mp.get_all_start_methods():
        return _rewrite(todo)
    from concurrent.futures import ProcessPoolExecutor
    chunks = [todo[i:i + 100] for i in range(0, len(todo), 100)]
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        return sum(pool.map(_rewrite, chunks))


def _map(paths: list[Path]) -> list[tuple]:
    """Per record: (path, what linking sets ids on, those fields as read, the
    issuer's place, the figures that can conflict), its mentions linked
    already (they need nothing but their own reply)."""
    out = []
    for path in paths:
        try:
            rec = loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not is_record(rec):
            continue
        light = _light(rec)
        old = _linked_fields(light)
        issuer = mention_finder.issuer_place(rec.get("meta") or {}, rec.get("text"))
        _link_mentions(light, issuer)
        out.append((path, light, old, issuer, keyed_figures(rec, issuer)))
    return out


def _map_all(paths: list[Path]) -> list[tuple]:
    """_map over all the paths, in order; spread over worker processes for
    large folders (the first chunk in this process, so that the workers
    inherit the region tables it loads)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < PARALLEL_REWRITES or workers < 2 or "fork" not in mp.get_all_start_methods():
        return _map(paths)
    from concurrent.futures import ProcessPoolExecutor
    chunks = [paths[i:i + 100] for i in range(0, len(paths), 100)]
    done = _map(chunks[0])
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        for part in pool.map(_map, chunks[1:]):
            done += part
    return done


def link_directory(out: Path) -> dict:
    """Assign canonical ids in every record of OUT and write entities.json and
    conflicts.json. Returns summary counts.

    Two passes over the files, so memory holds only what linking reads: the
    first keeps the items that get ids, the figures that can conflict and each
    reply's issuer (no text, no blocks); linking runs on that; the second rewrites the records whose ids
    changed. Those rewrites skip the per-file fsync (each is still atomic: a
    crash leaves the old record, and the next batch links it again)."""
    out = Path(out)
    paths, lights, issuers, keyed, before = [], [], [], [], []
    for path, light, old, issuer, figures in _map_all(sorted(out.glob("*.json"))):
        paths.append(path)
        lights.append(light)
        before.append(old)
        issuers.append(issuer)
        keyed += figures

    _link_programs(lights)  # mentions were linked in the map: they only need their reply
    _link_policies(lights, issuers)

    todo = [(path, {f: light[f] for f in LINKED}) for path, light, old in zip(paths, lights, before)
            if _linked_fields(light) != old]
    changed = _rewrite_all(todo)
    entities = collect_entities(lights)
    conflicts = conflicts_of(keyed)
    write_json(out / ENTITIES_FILE, entities)
    write_json(out / CONFLICTS_FILE, conflicts)
    kinds = Counter(e["kind"] for e in entities)
    return {"records": len(paths), "rewritten": changed, "entities": len(entities),
            **{f"{k}_entities": n for k, n in sorted(kinds.items())}, "conflicts": len(conflicts)}


# --- ids ---------------------------------------------------------------------

def link_records(records: list[dict], issuers: list[Place | None] | None = None) -> None:
    """Set canonical_id on the policies, programmes and mentions of `records`
    (in place), consistently across all of them."""
    if issuers is None:
        issuers = [mention_finder.issuer_place(r.get("meta") or {}, r.get("text")) for r in records]
    _link_programs(records)
    _link_policies(records, issuers)
    for rec, issuer in zip(records, issuers):
        _link_mentions(rec, issuer)


def _name(item: dict) -> str:
    return item.get("name") or item.get("surface") or ""


def _link_programs(records: list[dict]) -> None:
    programs = {(i, j): p for i, rec in enumerate(records) for j, p in enumerate(rec.get("programs") or [])}
    # an abbreviation (百千万工程) takes the key of the one full name it stands for
    full_key = nz.abbreviation_links((_name(p), p.get("kind")) for p in programs.values())
    keys = {ij: full_key.get(_name(p)) or nz.program_key(_name(p), p.get("kind")) for ij, p in programs.items()}
    # 明厨亮灶 takes the key of the one 互联网+明厨亮灶 of the batch
    prefixed = nz.generic_prefix_links(keys.values())
    keys = {ij: prefixed.get(k, k) for ij, k in keys.items()}
    known = set(keys.values())
    for (i, j), key in keys.items():
        records[i]["programs"][j]["canonical_id"] = f"program:{_drop_place_prefix(key, known)}" if key else None


def _drop_place_prefix(key: str, known: set[str]) -> str:
    """宁波甬江英才 -> 甬江英才 when the batch knows 甬江英才 on its own: a place
    name in front of a programme name is context, not part of the name."""
    for n in range(2, min(8, len(key) - 3) + 1):
        head, rest = key[:n], key[n:]
        if rest in known and (head in regions.division_names() or head in mention_finder.short_names()):
            return rest
    return key


def _link_policies(records: list[dict], issuers: list[Place | None]) -> None:
    keyed = [(i, j, _policy_key(p)) for i, rec in enumerate(records) for j, p in enumerate(rec.get("policies") or [])]
    # places the division table lacks are known from issuers and from titles
    # that name their scope before 关于; a title starting with one is scoped by it
    known = {k.scope for _, _, k in keyed if k.scope} | {p.name for p in issuers if p}
    prefixes = {n for n in known if len(n) >= 3}
    longest = max(map(len, prefixes), default=0)
    scopes_by_title: dict[str, set[str]] = defaultdict(set)
    for i, _, key in keyed:  # a ministry's unprefixed title is the country's
        if key.scope is None and issuers[i] == regions.COUNTRY:
            scopes_by_title[key.title].add(regions.COUNTRY.name)
    for n, (i, j, key) in enumerate(keyed):
        if key.scope is None:
            # the longest known place the title starts with (looked up by length, not scanned)
            head = next((key.title[:n] for n in range(min(longest, len(key.title) - 4), 2, -1)
                         if key.title[:n] in prefixes), None)
            if head:
                key = nz.PolicyKey(head, key.title[len(head):])
                keyed[n] = (i, j, key)
        if key.scope:
            scopes_by_title[key.title].add(key.scope)
    min_title = nz.rules()["policy"]["min_distinct_title"]
    for i, j, key in keyed:
        if not key.title:
            records[i]["policies"][j]["canonical_id"] = None
            continue
        scope = key.scope or _implied_scope(key.title, issuers[i], scopes_by_title[key.title])
        if scope is None and len(key.title) < min_title:
            scope = records[i].get("doc_id")  # 意见 alone: only this reply's
        records[i]["policies"][j]["canonical_id"] = key.id(scope)


def _policy_key(policy: dict) -> nz.PolicyKey:
    """The key of a cited title; a title without a scope of its own takes the
    one of the body written before its 《》 (国务院办公厅《关于X》)."""
    name, issuer = _name(policy), policy.get("issuer")
    key = nz.policy_key(name, regions.region_prefix_len)
    if key.scope is None and issuer:
        if nz.bare(nz.name_form(name)).strip("《》〈〉").startswith("关于"):  # 市政府《关于X》 = 《市政府关于X》
            return nz.policy_key(issuer + name.strip("《》〈〉"), regions.region_prefix_len)
        scope = nz.issuer_scope(issuer, regions.region_prefix_len)
        if scope:
            return nz.PolicyKey(scope, key.title)
    return key


def _implied_scope(title: str, issuer: Place | None, named: set[str]) -> str | None:
    """The issuing place of a policy cited without one: the issuer's region,
    unless the batch cites the same title only under one region above the
    issuer (a 慈溪 reply citing 宁波's policy without 宁波市; a province citing
    a ministry's plan that the ministry's own reply cites)."""
    if issuer is None:
        return next(iter(named)) if len(named) == 1 else None
    if issuer.name in named:
        return issuer.name
    above = []
    for scope in named:
        p = regions.place_of(scope)
        if p and p.adcode != issuer.adcode and _contains(p, issuer):
            above.append(scope)
    return above[0] if len(above) == 1 else issuer.name


def _contains(outer: Place, inner: Place) -> bool:
    if outer == regions.COUNTRY:
        return True
    if not (outer.adcode and inner.adcode):
        return False
    code = outer.adcode.rstrip("0")
    code = code + "0" * (len(code) % 2)  # whole levels: 33, 3302
    return inner.adcode.startswith(code)


def _link_mentions(rec: dict, issuer: Place | None) -> None:
    """Re-resolve each mention from its surface, so that ids follow the current
    rules and the issuer as now read."""
    for m in rec.get("mentions") or []:
        surface = m.get("surface") or ""
        found = (mention_finder.find_agencies(surface, issuer) if m.get("kind") == "agency"
                 else mention_finder.find_regions(surface, issuer))
        whole = [f for f in found if f.span == (0, len(surface))]
        if whole:  # a place that cannot be told (no issuer region) leaves the id None
            m["canonical_id"], m["adcode"], m["name"] = whole[0].canonical_id, whole[0].adcode, whole[0].name


# --- entities ----------------------------------------------------------------

def collect_entities(records: list[dict]) -> list[dict]:
    """Every canonical entity with its kind, preferred name, variants (as written)
    and mentions."""
    groups: dict[str, dict] = {}
    for rec in records:
        for field in ("policies", "programs", "mentions"):
            for item in rec.get(field) or []:
                cid = item.get("canonical_id")
                if not cid:
                    continue
                kind = cid.split(":", 1)[0]
                g = groups.setdefault(cid, {"id": cid, "kind": kind, "names": Counter(),
                                            "variants": set(), "mentions": []})
                g["names"][_display(item)] += 1
                g["variants"].add(nz.name_form(item.get("surface") or "") if field == "mentions" else _display(item))
                g["mentions"].append({"doc_id": rec.get("doc_id"), "span": list(item.get("span") or []),
                                      "surface": item.get("surface")})
    out = []
    for cid in sorted(groups):
        g = groups[cid]
        names = g["names"]
        scope = cid.split(":", 1)[1].split("/", 1)[0] if cid.startswith("policy:") and "/" in cid else ""
        g["name"] = min(names, key=lambda n: (not n.startswith(scope), -names[n], len(n), n))
        g["variants"] = sorted(v for v in g["variants"] if v)
        g["documents"] = len({m["doc_id"] for m in g["mentions"]})
        out.append({k: g[k] for k in ("id", "kind", "name", "variants", "documents", "mentions")})
    return out


def _display(item: dict) -> str:
    """A name as users read it: policy titles without 《》, programme names as written."""
    return nz.name_form(_name(item)).strip("《》〈〉")


# --- conflicts ---------------------------------------------------------------

def find_conflicts(records: list[dict], issuers: list[Place | None]) -> list[dict]:
    """Figures of different replies with the same normalised metric, region,
    period, unit and kind but different values: one entry per metric, listing
    every reply that reports it (those that agree included).

    Only specific metrics count (see [conflict] in data/normalize.toml), and a
    metric that carries several values within one reply is not identifying
    there, so it is left out for that reply."""
    return conflicts_of(pair for rec, issuer in zip(records, issuers) for pair in keyed_figures(rec, issuer))


def keyed_figures(rec: dict, issuer: Place | None) -> list[tuple[tuple, dict]]:
    """(comparison key, entry) of each figure of `rec` that can conflict."""
    out = []
    for idx, f in enumerate(rec.get("figures") or []):
        key = _figure_key(f, issuer)
        if key:
            out.append((key, {"doc_id": rec.get("doc_id"), "index": idx, "span": f.get("span"),
                              "surface": f.get("surface"), "value": f.get("value"),
                              "value_max": f.get("value_max"), "unit": f.get("unit"),
                              "metric": f.get("metric"), "period": f.get("period")}))
    return out


def conflicts_of(keyed) -> list[dict]:
    """The conflicts among (key, entry) pairs: grouped by key, then distinct values."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for key, entry in keyed:
        groups[key].append(entry)
    conflicts = []
    for key, items in sorted(groups.items(), key=lambda kv: kv[0]):
        metric, region, period, unit, kind = key[:5]
        # distinct values per reply, then across replies: linear in the group
        per_doc: dict = defaultdict(set)
        for it in items:
            per_doc[it["doc_id"]].add(_value_of(it))
        items = [it for it in items if len(per_doc[it["doc_id"]]) == 1]
        # each reply left has one value: two distinct values are two replies disagreeing
        if len({_value_of(it) for it in items}) > 1:  # one entry per metric, with every reply that reports it
            conflicts.append({"metric": metric, "region": region, "period": period,
                              "unit": unit, "kind": kind, "sources": items})
    return conflicts


def _value_of(item: dict) -> tuple:
    """(value, value_max) as Decimals: equal values compare (and hash) equal."""
    def dec(v):
        return None if v is None else Decimal(str(v))
    return dec(item["value"]), dec(item["value_max"])


def _figure_key(f: dict, issuer: Place | None) -> tuple | None:
    rules = nz.rules()["conflict"]
    metric = _metric_key(f.get("metric"))
    p = f.get("period")
    period = _period(None if p in (None, "") else str(p))
    if (len(metric) < rules["min_metric"] or metric.startswith(tuple(rules["dependent_heads"]))
            or f.get("qualifier") in rules["skip_qualifiers"] or not period or f.get("value") is None):
        return None
    region = _figure_region(f.get("region"), issuer)
    if region is None:
        return None
    return (metric, region.name, period, f.get("unit") or "", f.get("kind") or "",
            f.get("base") or "", f.get("direction") or "", json.dumps(f.get("per"), ensure_ascii=False))


@lru_cache(maxsize=65536)
def _metric_key(metric: str | None) -> str:
    """The metric as compared (normalised, no place in front); metrics repeat
    across a batch, so each is worked out once."""
    return _strip_place(nz.metric_key(metric))


def _figure_region(name: str | None, issuer: Place | None) -> Place | None:
    if not name:
        return issuer
    return regions.resolve_relative(name, issuer) or regions.place_of(name)


def _strip_place(metric: str) -> str:
    n = regions.region_prefix_len(metric)
    return metric[n:] if n and len(metric) - n >= 2 else metric


@lru_cache(maxsize=65536)
def _period(p) -> str | None:
    """The period as a comparable string: 2022, 2022-06, 2022Q1 … as written by
    the figures extractor, folded; None when unknown."""
    if p in (None, ""):
        return None
    s = nz.bare(str(p)).rstrip("年")
    return s or None

