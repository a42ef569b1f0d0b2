"""Agency and region mentions, each resolved to a region code so that mentions
of one agency written differently link: 市经信局 / 慈溪市经济和信息化局 /
慈溪市经信局 in a 慈溪 reply are all agency:330282/经济和信息化局.

An agency mention is <region prefix><agency name>: the prefix is a region's
full name, a bare level word (市, 区, 县, 省: the issuer's region at that level)
or nothing (the issuer's own region). Region mentions are full names of
divisions, relative words (我市, 全省) and, for places near the issuer, short
names (宁波, 余姚 in a 慈溪 reply).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from .. import normalize as nz
from .. import regions
from ..regions import Place
from ..record import Mention
from ..rules import alternation
from ..textutil import fold

_LEVELS = "市区县省"
# A level word preceded by these is the end of an ordinary word, not a prefix
# (城市管理, 园区, 片区, 小区 …).
_NOT_PREFIX_BEFORE = set("城都超社园地景小街片郊山新辖专校厂库矿营")
_HAN = "\u4e00-\u9fff"


@cache
def _generic_pattern() -> re.Pattern:
    return re.compile(f"[{_LEVELS}]([{_HAN}]{{2,10}}?(?:{alternation(nz.agency_suffixes())}))")


@cache
def _alias_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(a) for a in nz.agency_aliases()))  # order as listed


def issuer_place(meta, text: str | None = None) -> Place | None:
    """The issuer's region: from the issuer's name, else the session's region,
    else the place the issuer's name starts with, else the county or city the
    text names most often (a page whose header lacks the place)."""
    get = meta.get if isinstance(meta, dict) else (lambda k, d=None: getattr(meta, k, d))
    place = regions.place_of(get("issuer"))
    if place is None:
        session = get("session") or {}
        place = regions.place_of(session.get("region") if isinstance(session, dict) else None)
    return (place or _national_issuer(get("issuer")) or _unlisted_place(get("issuer"))
            or (_most_named_place(text) if text else None))


def _national_issuer(issuer: str | None) -> Place | None:
    """The country for a ministry (中华人民共和国教育部, 工业和信息化部)."""
    found = find_agencies(issuer or "", None)
    if found and found[0].span[0] == 0 and found[0].adcode == regions.COUNTRY.adcode:
        return regions.COUNTRY
    return None


def _most_named_place(text: str) -> Place | None:
    counts: dict[Place, int] = {}  # insertion order = first mention first
    for m in find_regions(text, None):
        p = regions.place_by_adcode(m.adcode)
        if p and not p.adcode.endswith("0000") and p != regions.COUNTRY and len(m.surface) >= 3:
            counts[p] = counts.get(p, 0) + 1
    order = list(counts)
    return max(counts, key=lambda p: (counts[p], -_depth_rank(p), -order.index(p))) if counts else None


def _depth_rank(p: Place) -> int:
    return 1 if p.adcode.endswith("00") else 0


def _unlisted_place(issuer: str | None) -> Place | None:
    """The place an issuer names before its agency core when the division table
    does not know it (平潭综合实验区 in 平潭综合实验区社会事业局)."""
    s = nz.name_form(issuer or "")
    for n in range(2, len(s) - 1):
        if s[n - 1] in _LEVELS and nz.agency_core(s[n:]):
            return Place("", s[:n])
    return None


def _prefix(text: str, start: int, issuer: Place | None) -> tuple[int, Place | None, str | None]:
    """(prefix start, region named, level word) for a name starting at `start`."""
    names = regions.division_names()
    for n in range(min(12, start), 1, -1):
        p = names.get(text[start - n:start])
        if p and _plausible_full_name(p, n, issuer):
            return start - n, p, None
    if start > 0 and text[start - 1] in _LEVELS:
        if start < 2 or text[start - 2] not in _NOT_PREFIX_BEFORE:
            return start - 1, None, text[start - 1]
    return start, None, None


def _agency_id(place: Place | None, core: str) -> str | None:
    return f"agency:{place.key}/{core}" if place else None


def find_agencies(text: str, issuer: Place | None, folded: str | None = None) -> list[Mention]:
    """Agency mentions; `folded`: fold(text) if the caller has it."""
    t = fold(text) if folded is None else folded
    found: list[tuple[int, int, str, Place | None]] = []
    for m in _alias_pattern().finditer(t):
        core = nz.agency_core(m.group())
        ps, place, level = _prefix(t, m.start(), issuer)
        if ps == m.start() and len(m.group()) < nz.agency_min_bare_length():
            continue
        if nz.agency_is_national(core):  # a ministry is the country's whatever its prefix
            place = regions.COUNTRY
            if not (ps < m.start() and t[ps:m.start()] in regions._COUNTRY_NAMES):
                ps = m.start()
        found.append((ps, m.end(), core, place or (regions.resolve_relative(level, issuer) if level else issuer)))
    for m in _generic_pattern().finditer(t):
        core = nz.agency_core(m.group(1))
        if not core or any(c in _LEVELS for c in m.group(1)):  # 市发改委和区发改局: two names
            continue
        ps, place, level = _prefix(t, m.start(1), issuer)
        if ps == m.start(1):
            continue
        found.append((ps, m.end(), core, place or regions.resolve_relative(level, issuer)))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out, last_end = [], -1
    for s, e, core, place in found:
        if s < last_end:
            continue
        last_end = e
        name = f"{place.name}{core}" if place and place != regions.COUNTRY else core
        out.append(Mention(span=(s, e), surface=text[s:e], name=name, kind="agency",
                           canonical_id=_agency_id(place, core), adcode=(place.adcode or None) if place else None))
    return out


@cache
def short_names() -> dict[str, list[Place]]:
    """Short names (宁波 for 宁波市) of every division, ambiguous ones included."""
    rules = regions.short_name_rules()
    sufs = sorted(rules["suffixes"], key=len, reverse=True)
    out: dict[str, list[Place]] = {}
    for name, p in regions.division_names().items():
        for suf in sufs:
            if name.endswith(suf) and len(name) - len(suf) >= rules["min_short"]:
                out.setdefault(name[: -len(suf)], []).append(p)
                break
    return out


def _near(p: Place, issuer: Place | None) -> bool:
    """Provinces anywhere; cities in the issuer's province; counties in its city."""
    if p.adcode.endswith("0000"):
        return True
    if issuer is None:
        return False
    if p.adcode.endswith("00"):
        return p.adcode[:2] == issuer.adcode[:2]
    return p.adcode[:4] == issuer.adcode[:4]


def _plausible_full_name(p: Place, length: int, issuer: Place | None) -> bool:
    """Provinces and cities anywhere; counties and two-character names only in the
    issuer's province (新建区 in 新建区域性… is a word, not 南昌's district)."""
    same_province = issuer is not None and p.adcode[:2] == issuer.adcode[:2]
    if length < 3:
        return same_province
    return p.adcode.endswith("00") or same_province or issuer is None


_MAX_NAME = 12  # longest region name or word tried


@cache
def _region_words() -> tuple[dict[str, tuple], dict[str, list[int]], re.Pattern]:
    """Every region word, full division names, relative words (我市) and short names
    (宁波): word -> (division or None, is relative, short-name divisions); the
    lengths of the words opening with each pair of characters, longest first;
    and a pattern of the first characters, so the scan jumps over positions
    where no word starts."""
    names = regions.division_names()
    relative = set(regions.relative_words("province", "city", "county"))
    shorts = short_names()
    table = {}
    for w in set(names) | relative | set(shorts):
        if 2 <= len(w) <= _MAX_NAME:
            table[w] = (names.get(w), w in relative, shorts.get(w, []))
    # the lengths of the words starting with each pair of characters, longest
    # first: a position whose pair opens no word is passed at one lookup
    lengths: dict[str, list[int]] = {}
    for w in table:
        lengths.setdefault(w[:2], []).append(len(w))
    lengths = {k: sorted(set(v), reverse=True) for k, v in lengths.items()}
    firsts = "".join(sorted({w[0] for w in table}))
    return table, lengths, re.compile(f"[{re.escape(firsts)}]")


def find_regions(text: str, issuer: Place | None, folded: str | None = None) -> list[Mention]:
    """Region mentions; `folded`: fold(text) if the caller has it."""
    t = fold(text) if folded is None else folded
    table, lengths, first = _region_words()
    out, i = [], 0
    while i < len(t):
        m = first.search(t, i)
        if m is None:
            break
        i = m.start()
        hit = None
        for n in lengths.get(t[i:i + 2], ()):
            entry = table.get(t[i:i + n]) if i + n <= len(t) else None
            if entry is None:
                continue
            w, (p, relative, shorts) = t[i:i + n], entry
            if p and _plausible_full_name(p, n, issuer):
                hit = (n, p)
                break
            if relative:
                r = regions.resolve_relative(w, issuer)
                if r:
                    hit = (n, r)
                    break
            cands = [c for c in shorts if _near(c, issuer)]
            if len(cands) == 1:
                hit = (n, cands[0])
                break
        if hit:
            n, p = hit
            out.append(Mention(span=(i, i + n), surface=text[i:i + n], name=p.name, kind="region",
                               canonical_id=f"region:{p.key}", adcode=p.adcode or None))
            i += n
        else:
            i += 1
    return out


def find(text: str, issuer: Place | None, folded: str | None = None) -> list[Mention]:
    """Agency mentions, then region mentions outside them, in text order."""
    folded = fold(text) if folded is None else folded
    agencies = find_agencies(text, issuer, folded)
    starts = [m.span[0] for m in agencies]  # in order, never overlapping

    def inside_agency(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and pos < agencies[i].span[1]

    places = [r for r in find_regions(text, issuer, folded) if not inside_agency(r.span[0])]
    return sorted(agencies + places, key=lambda m: m.span)


def extract(doc, reply) -> list[Mention]:
    folded = doc.folded if hasattr(doc, "folded") else None
    return find(doc.text, issuer_place(reply.meta, doc.text), folded)
