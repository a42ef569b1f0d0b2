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

import gc
import json
import marshal
import multiprocessing as mp
import os
import re
from collections import Counter, defaultdict
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from . import normalize as nz
from . import regions
from .extractors import mentions as mention_finder
from .extractors import programs as program_finder
from .extractors.quotes import QUOTE_MARKS
from .regions import Place
from .rules import alternation
from .sinks.jsonfile import has_odd_number, is_record, loads, write_json, write_json_list

ENTITIES_FILE = "entities.json"
CONFLICTS_FILE = "conflicts.json"


# The fields linking sets (per item list), and the others it reads.
LINKED = {"programs": ("canonical_id",), "policies": ("canonical_id",),
          "mentions": ("canonical_id", "adcode", "name")}
READ = {"programs": ("name", "surface", "kind", "span"), "policies": ("name", "surface", "issuer", "span")}
GLOBAL = ("programs", "policies")  # linked across replies (mentions need only their own reply)
_ABSENT = ...  # a field the record does not have (told apart from null; the same in every process)


def _linked_fields(rec: dict, fields=tuple(LINKED)) -> list:
    return [[tuple(it.get(k, _ABSENT) for k in LINKED[field]) if isinstance(it, dict) else None
             for it in rec.get(field) or []]
            for field in fields]


def _apply(light: dict, rec: dict) -> bool:
    """Copy the ids linking set on `light` onto the full record, and the
    programmes it added (add_bare_programs); whether any changed."""
    changed = False
    for field, keys in LINKED.items():
        for src, dst in zip(light.get(field) or [], rec.get(field) or []):
            if not (isinstance(src, dict) and isinstance(dst, dict)):
                continue
            for k in keys:
                if k in src and (k not in dst or dst[k] != src[k]):
                    dst[k] = src[k]
                    changed = True
    added = (light.get("programs") or [])[len(rec.get("programs") or []):]
    if added:
        rec["programs"] = sorted((rec.get("programs") or []) + added, key=lambda p: tuple(p.get("span") or ()))
        changed = True
    return changed


# Files worth spreading over worker processes (reading and writing JSON is done in Python).
PARALLEL_FILES = 400


def _rewrite(todo: list[tuple[Path, dict]]) -> list[int]:
    """Set the linked ids in each record file; [how many changed]."""
    changed = 0
    for path, ids in todo:
        try:
            raw = Path(path).read_bytes()
            rec = loads(raw)
        except (OSError, ValueError):
            continue  # gone or replaced meanwhile: the next batch links it
        if _apply(ids, rec):  # sets strings only: no float json and orjson would write apart
            write_json(Path(path), rec, durable=False, odd_floats=has_odd_number(raw))
            changed += 1
    return [changed]


def _in_workers(func, items: list, chunk: int = 100):
    """func(chunk) for chunks of `items`, each chunk's result in order; spread
    over worker processes for many items (the first chunk in this process, so
    that the workers inherit the tables and caches it loads)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(items) < PARALLEL_FILES or workers < 2 or "fork" not in mp.get_all_start_methods():
        yield func(items)
        return
    from concurrent.futures import ProcessPoolExecutor
    chunks = [items[i:i + chunk] for i in range(0, len(items), chunk)]
    yield func(chunks[0])
    pool = ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"))
    try:
        yield from pool.map(func, chunks[1:])
    except BaseException:  # Ctrl-C, SIGTERM: the chunks not started are dropped, not waited for
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def map_record(path, rec: dict) -> tuple:
    """What linking keeps of a record (a few hundred bytes; no text, blocks or
    whole items): (path, light, before, issuer, mention_rows, mention_ids, keyed).

    `light`: its doc_id and, of its programmes and policies, the fields linking
    reads (their ids are set on these); `before`: those ids as read;
    `mention_rows`: its mentions' entity rows (mentions are linked here: they
    need nothing but their own reply); `mention_ids`: the mentions' ids when
    any changed, else None; `keyed`: its figures that can conflict."""
    issuer = record_issuer(rec)
    doc_id = rec.get("doc_id")
    light = {"doc_id": doc_id, "mentions": [],
             **{field: [_slim(it, READ[field] + LINKED[field]) for it in rec.get(field) or []] for field in GLOBAL}}
    mentions = [_slim(m, ("surface", "kind", "span", *LINKED["mentions"])) for m in rec.get("mentions") or []]
    was = _linked_fields({"mentions": mentions}, ("mentions",))
    _link_mentions({"mentions": mentions}, issuer)
    ids = None
    if _linked_fields({"mentions": mentions}, ("mentions",)) != was:
        ids = [{k: m[k] for k in LINKED["mentions"] if k in m} if isinstance(m, dict) else m for m in mentions]
    return (path, light, _linked_fields(light, GLOBAL), issuer,
            list(_entity_rows(doc_id, "mentions", mentions)), ids, keyed_figures(rec, issuer))


def _slim(item, keys: tuple) -> dict:
    return {k: item[k] for k in keys if k in item} if isinstance(item, dict) else item


def _map(paths: list[Path]) -> list[tuple]:
    out = []
    for path in paths:
        try:
            rec = loads(Path(path).read_bytes())
        except (OSError, ValueError):
            continue
        if is_record(rec):
            out.append(map_record(path, rec))
    return out


def link_directory(out: Path) -> dict:
    """Assign canonical ids in every record of OUT and write entities.json and
    conflicts.json. Returns summary counts.

    A map, a reduce and a write back (docs/scaling.md): the map reads each
    record and keeps only what linking reads (map_record; in worker processes
    for large folders); programmes and policies are linked on that, across
    replies; the write back rewrites the records whose ids changed. Those
    rewrites skip the per-file fsync (each is still atomic: a crash leaves the
    old record, and the next batch links it again)."""
    out = Path(out)
    collecting = gc.isenabled()
    gc.disable()  # a heap of small objects that all live to the end: the collector would rescan it
    try:
        reduce = Reduce()
        for part in _in_workers(_map, sorted(out.glob("*.json"))):
            for mapped in part:
                reduce.add(mapped)
        return reduce.finish(out)
    finally:
        if collecting:
            gc.enable()


class Reduce:
    """Linking across replies, fed map_record's output record by record (in
    the order of their files' names), then finished: ids set, changed records
    rewritten, entities.json and conflicts.json written."""

    def __init__(self):
        self.paths, self.lights, self.before, self.issuers = [], [], [], []
        self.mention_ids: dict[int, list] = {}  # record number -> its mentions' new ids
        self.figures: dict[tuple, list] = {}  # comparison key -> its figures (keyed_figures)
        self.groups: dict[str, tuple] = {}  # entity groups, the mentions' filled as records come

    def add(self, mapped: tuple) -> None:
        path, light, before, issuer, mention_rows, mention_ids, keyed = mapped
        if mention_ids is not None:
            self.mention_ids[len(self.paths)] = mention_ids
        self.paths.append(path)
        self.lights.append(light)
        self.before.append(before)
        self.issuers.append(issuer)
        _group_rows(self.groups, mention_rows)
        for key, source in keyed:
            group = self.figures.get(key)
            if group is None:  # the first of equal keys is kept (each map chunk sends its own copies)
                group = self.figures[key] = []
            group.append(source)

    def finish(self, out: Path) -> dict:
        lights = self.lights
        _link_programs(lights)
        _link_policies(lights, self.issuers)
        add_bare_programs(self.paths, lights)
        todo = [(path, {**light, "mentions": self.mention_ids.get(i) or []})
                for i, (path, light, before) in enumerate(zip(self.paths, lights, self.before))
                if i in self.mention_ids or _linked_fields(light, GLOBAL) != before]
        changed = sum(sum(part) for part in _in_workers(_rewrite, todo))
        # ids of programmes and policies never come from a mention: their groups
        # are apart from the mentions' (each group's mentions stay in record order)
        _group_rows(self.groups, (row for light in lights for field in ("policies", "programs")
                                  for row in _entity_rows(light["doc_id"], field, light[field])))
        groups = [self.groups[cid] for cid in sorted(self.groups)]
        kinds = Counter(g[0].split(":", 1)[0] for g in groups)
        write_json_list(out / ENTITIES_FILE, (_entity(g) for g in groups))
        conflicts = _conflicts(self.figures)
        write_json(out / CONFLICTS_FILE, conflicts)
        return {"records": len(self.paths), "rewritten": changed, "entities": len(groups),
                **{f"{k}_entities": n for k, n in sorted(kinds.items())}, "conflicts": len(conflicts)}


# --- a programme quoted in one reply, bare in another ---------------------------

_BARE: re.Pattern | None = None  # the batch's quoted forms, for the scanning workers (forked)
_FORMS: dict[str, tuple[str, str, str | None]] = {}  # form -> (canonical id, name, kind)


def add_bare_programs(paths: list, lights: list[dict]) -> None:
    """A programme one reply of the batch quotes and another writes bare
    (“瓯越英才”计划 / 瓯越英才计划): the bare mention joins the latter's
    programmes, with the same id (added at the end of its light record's list;
    _apply puts it in its place). Reads the records' texts once more."""
    global _BARE, _FORMS
    forms: dict[str, tuple[str, str, str | None]] = {}
    for light in lights:
        for p in light.get("programs") or []:
            if isinstance(p, dict) and p.get("canonical_id") and (p.get("surface") or "")[:1] in QUOTE_MARKS:
                name, kind = _name(p), p.get("kind")
                for form in program_finder.batch_forms(name, kind):
                    forms.setdefault(form, (p["canonical_id"], name, kind if form != name else None))
    if not forms:
        return
    _BARE, _FORMS = re.compile(alternation(forms)), forms
    # (the ids each reply holds as this link sets them: a record read back still has the old ones)
    held = [frozenset(p.get("canonical_id") for p in light.get("programs") or [] if isinstance(p, dict))
            for light in lights]
    try:
        for part in _in_workers(_bare_in, list(zip(range(len(paths)), paths, held))):
            for i, items in part:
                lights[i]["programs"] = (lights[i].get("programs") or []) + items
    finally:
        _BARE, _FORMS = None, {}


def _bare_in(numbered: list[tuple[int, Path, frozenset]]) -> list[tuple[int, list[dict]]]:
    """(record number, programme items to add) of the records writing a form bare
    (given with the ids of the programmes each holds)."""
    out = []
    for i, path, held in numbered:
        try:
            rec = loads(Path(path).read_bytes())
        except (OSError, ValueError):
            continue
        text = rec.get("text") if is_record(rec) else None
        if not text or _BARE.search(text) is None:
            continue
        own = rec.get("programs") or []
        have = set(held)
        taken = [tuple(it["span"]) for field in ("programs", "policies") for it in rec.get(field) or []
                 if isinstance(it, dict) and it.get("span")]
        taken += [tuple(sp) for p in own if isinstance(p, dict) for sp in p.get("other_spans") or []]
        items = []
        for form, start, end in program_finder.bare_mentions(text, _BARE, taken):
            cid, name, kind = _FORMS[form]
            if cid in have:
                continue  # one mention a programme and reply
            have.add(cid)
            items.append({"span": [start, end], "surface": text[start:end], "name": name, "action": None,
                          "canonical_id": cid, "kind": kind, "other_spans": [], "established_by": None})
        if items:
            out.append((i, items))
    return out


# --- ids ---------------------------------------------------------------------

def link_records(records: list[dict], issuers: list[Place | None] | None = None) -> None:
    """Set canonical_id on the policies, programmes and mentions of `records`
    (in place), consistently across all of them."""
    if issuers is None:
        issuers = [record_issuer(r) for r in records]
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
    national = tuple(nz.rules()["policy"]["national_openers"])
    for n, (i, j, key) in enumerate(keyed):  # a ministry's unprefixed title is the country's
        if key.scope is None and key.title.startswith(national):  # and so is 《全国…规划》
            key = nz.PolicyKey(regions.COUNTRY.name, key.title)
            keyed[n] = (i, j, key)
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
        resolved = _resolve_mention(surface, m.get("kind") == "agency", issuer)
        if resolved:  # a place that cannot be told (no issuer region) leaves the id None
            m["canonical_id"], m["adcode"], m["name"] = resolved


@lru_cache(maxsize=65536)
def _resolve_mention(surface: str, agency: bool, issuer: Place | None) -> tuple | None:
    """(id, adcode, name) of a mention that is wholly one agency or region;
    the same few thousand surfaces recur across a folder."""
    found = (mention_finder.find_agencies(surface, issuer) if agency
             else mention_finder.find_regions(surface, issuer))
    whole = [f for f in found if f.span == (0, len(surface))]
    return (whole[0].canonical_id, whole[0].adcode, whole[0].name) if whole else None


def record_issuer(rec: dict) -> Place | None:
    """The issuer's place of a record (mention_finder.issuer_place): looked up
    once per issuer and session region; the text is read only when those do
    not tell the place."""
    meta = rec.get("meta") or {}
    if isinstance(meta, dict):
        session = meta.get("session")
        key = (meta.get("issuer"), session.get("region") if isinstance(session, dict) else None)
        if all(isinstance(k, str) or k is None for k in key):
            place = _named_issuer(*key)
            if place is not None or not rec.get("text"):
                return place
    return mention_finder.issuer_place(meta, rec.get("text"))


@lru_cache(maxsize=65536)
def _named_issuer(issuer: str | None, region: str | None) -> Place | None:
    return mention_finder.issuer_place({"issuer": issuer, "session": {"region": region}})


# --- entities ----------------------------------------------------------------

def collect_entities(records: list[dict]) -> list[dict]:
    """Every canonical entity with its kind, preferred name, variants (as written)
    and mentions."""
    groups: dict[str, tuple] = {}
    _group_rows(groups, (row for rec in records for field in ("policies", "programs", "mentions")
                         for row in _entity_rows(rec.get("doc_id"), field, rec.get(field) or [])))
    return [_entity(groups[cid]) for cid in sorted(groups)]


def _entity_rows(doc_id, field: str, items: list):
    """(id, name, variant, doc_id, span, surface) of each item with an id."""
    for item in items:
        cid = item.get("canonical_id")
        if cid:
            name = _display(item)
            variant = nz.name_form(item.get("surface") or "") if field == "mentions" else name
            yield cid, name, variant, doc_id, tuple(item.get("span") or ()), item.get("surface")


def _group_rows(groups: dict[str, tuple], rows) -> None:
    """Add entity rows to their groups: (id, name counts, variants, mentions),
    a mention kept as (doc_id, surface, *span), marshalled (a folder holds
    hundreds of thousands)."""
    for cid, name, variant, doc_id, span, surface in rows:
        g = groups.get(cid)
        if g is None:
            g = groups[cid] = (cid, Counter(), set(), [])
        g[1][name] += 1
        g[2].add(variant)
        mention = (doc_id, surface, *span)
        try:
            mention = marshal.dumps(mention)
        except ValueError:  # a value marshal cannot write: kept as it is
            pass
        g[3].append(mention)


def _entity(group: tuple) -> dict:
    cid, names, variants, mentions = group
    mentions = [marshal.loads(m) if isinstance(m, bytes) else m for m in mentions]
    scope = cid.split(":", 1)[1].split("/", 1)[0] if cid.startswith("policy:") and "/" in cid else ""
    return {"id": cid, "kind": cid.split(":", 1)[0],
            "name": min(names, key=lambda n: (not n.startswith(scope), -names[n], len(n), n)),
            "variants": sorted(v for v in variants if v),
            "documents": len({m[0] for m in mentions}),
            "mentions": [{"doc_id": m[0], "span": list(m[2:]), "surface": m[1]} for m in mentions]}


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


# What a conflict lists of each figure, in this order. A folder holds a few
# hundred thousand figures that can conflict and only a few end in a conflict:
# until then each is kept marshalled (one bytes object, ~150 bytes).
SOURCE_FIELDS = ("doc_id", "index", "span", "surface", "value", "value_max", "unit", "metric", "period")


def keyed_figures(rec: dict, issuer: Place | None) -> list[tuple[tuple, bytes | tuple]]:
    """(comparison key, source) of each figure of `rec` that can conflict."""
    out = []
    doc_id = rec.get("doc_id")
    for idx, f in enumerate(rec.get("figures") or []):
        key = _figure_key(f, issuer)
        if key:
            source = (doc_id, idx, f.get("span"), f.get("surface"), f.get("value"), f.get("value_max"),
                      f.get("unit"), f.get("metric"), f.get("period"))
            try:
                source = marshal.dumps(source)
            except ValueError:  # a value marshal cannot write: kept as it is
                pass
            out.append((key, source))
    return out


def conflicts_of(keyed) -> list[dict]:
    """The conflicts among (key, source) pairs."""
    groups: dict[tuple, list] = {}
    for key, source in keyed:
        groups.setdefault(key, []).append(source)
    return _conflicts(groups)


def _conflicts(groups: dict[tuple, list]) -> list[dict]:
    """The conflicts among the figures grouped by comparison key: per key, the
    distinct values per reply, then across replies (linear in the group)."""
    conflicts = []
    for key in sorted(groups):
        metric, region, period, unit, kind = key[:5]
        items = [marshal.loads(s) if isinstance(s, bytes) else s for s in groups[key]]
        per_doc: dict = defaultdict(set)
        for it in items:
            per_doc[it[0]].add(_value_of(it))
        items = [it for it in items if len(per_doc[it[0]]) == 1]
        # each reply left has one value: two distinct values are two replies disagreeing
        if len({_value_of(it) for it in items}) > 1:  # one entry per metric, with every reply that reports it
            conflicts.append({"metric": metric, "region": region, "period": period, "unit": unit, "kind": kind,
                              "sources": [dict(zip(SOURCE_FIELDS, it)) for it in items]})
    return conflicts


def _value_of(source: tuple) -> tuple:
    """(value, value_max) as Decimals: equal values compare (and hash) equal."""
    def dec(v):
        return None if v is None else Decimal(str(v))
    return dec(source[4]), dec(source[5])


def _figure_key(f: dict, issuer: Place | None) -> tuple | None:
    if f.get("value") is None:
        return None
    p, per = f.get("period"), f.get("per")
    fields = (f.get("metric"), None if p in (None, "") else str(p), f.get("qualifier"), f.get("region"),
              f.get("unit") or "", f.get("kind") or "", f.get("base") or "", f.get("direction") or "",
              "null" if per is None else json.dumps(per, ensure_ascii=False))
    try:
        return _key_of(*fields, issuer)
    except TypeError:  # a field of an unexpected type (a list): not cached
        return _key_of.__wrapped__(*fields, issuer)


@lru_cache(maxsize=65536)
def _key_of(metric, period, qualifier, region, unit, kind, base, direction, per, issuer) -> tuple | None:
    """The comparison key of a figure with a value; the same metrics, periods
    and regions recur across a folder, so each combination is worked out once."""
    rules = nz.rules()["conflict"]
    metric = _metric_key(metric)
    period = _period(period)
    if (len(metric) < rules["min_metric"] or metric.startswith(tuple(rules["dependent_heads"]))
            or qualifier in rules["skip_qualifiers"] or not period):
        return None
    region = _figure_region(region, issuer)
    if region is None:
        return None
    return (metric, region.name, period, unit, kind, base, direction, per)


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

