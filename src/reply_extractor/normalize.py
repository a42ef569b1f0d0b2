"""Linking keys for names: the same policy, programme, agency or metric written
in different ways gets one key, and things that merely look alike keep apart.

Keys are readable (they become ids such as `program:甬江英才`). Merging is
conservative: only spelling noise is removed (quotes, brackets, spacing, width,
的, year ranges in brackets, generic tails such as 计划/工程/行动 when the rest
is still distinctive), never words that could tell two things apart.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .textutil import squeeze

# Quotation marks around a programme's own name: “甬江英才”工程 -> 甬江英才.
_QUOTED = re.compile(r"[“\"「『‘']([^“”\"「」『』‘’']+)[”\"」』’']")
_QUOTE_CHARS = "“”\"「」『』‘’'《》〈〉<>【】"
# Punctuation that never tells two names apart.
_PUNCT = re.compile(r"[\s、，,。.：:；;！!？?·•・—–\-_/\\|（）()\[\]]")
# A bracketed remark that dates or drafts a document rather than naming it:
# （2022—2024年）, (2021-2035年), （修订）, （征求意见稿）, （2023年修订）.
_REMARK = re.compile(r"[（(][^（）()]*?(?:\d{4}|修订|征求意见稿|送审稿|草案)[^（）()]*[）)]")


@cache
def rules() -> dict:
    return tomllib.loads(resources.files(__package__).joinpath("data/normalize.toml").read_text("utf-8"))


def fold(s: str) -> str:
    """NFKC (full-width digits and letters to half-width) and no inner spacing."""
    return squeeze(unicodedata.normalize("NFKC", s or "")).strip()


def bare(s: str) -> str:
    """Without quotes, brackets or punctuation."""
    s = fold(s)
    s = "".join(c for c in s if c not in _QUOTE_CHARS)
    return _PUNCT.sub("", s)


def strip_generic_tail(core: str, min_rest: int | None = None) -> str:
    """Drop generic tails (计划, 工程, 系列, 培育工程 …) while what is left stays
    distinctive (at least `min_rest` characters): 甬江英才计划 -> 甬江英才, but
    千万工程 stays (千万 alone says nothing)."""
    program = rules()["program"]
    min_rest = min_rest or program["min_core"]
    tails = sorted(program["generic_tails"], key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for t in tails:
            if core.endswith(t) and len(core) - len(t) >= min_rest:
                core = core[: -len(t)]
                changed = True
                break
    return core


def program_key(name: str, kind: str | None = None) -> str:
    """The linking key of a programme name.

    A name with exactly one quoted part is keyed on that part: the quotes mark
    the programme's own name, the words around it are a place (宁波“甬江英才”),
    a qualifier (国家级专精特新“小巨人”企业) or a generic kind (“246”产业集群).
    `kind` is the type word written after the quotes (计划 in “星火”计划): a core
    too short to stand alone keeps it, as 星火计划 written whole keeps its tail.
    """
    s = fold(name)
    quoted = _QUOTED.findall(s)
    core = bare(quoted[0] if len(quoted) == 1 else s)
    if kind and len(core) < rules()["program"]["min_core"]:
        core += bare(fold(kind))
    return strip_generic_tail(core) or bare(s)


def abbreviation_links(items) -> dict[str, str]:
    """Abbreviated programme names of a batch mapped to the key of the one full
    name they abbreviate: 百千万工程 -> 百县千镇万村高质量发展 when the batch has
    百县千镇万村高质量发展工程. `items` are (name, kind) pairs, kind the type word
    written after the quotes or None; the type word is the name's own ending,
    else the kind's (“百千万”工程).

    An abbreviation takes the first character of each of several parallel
    components of equal length (百县|千镇|万村高质量发展, 千村示范|万村整治) and
    keeps the same type word (工程 … 工程). It is linked only when exactly one
    name of the batch fits, so 千万工程 stays apart when both 千村示范万村整治工程
    and 千村精品万村美丽工程 are present, and never joins a name whose type word
    differs (千万工程 vs 千村精品万村美丽建设) or that has none.
    """
    rule = rules()["program"]["abbreviation"]
    tails = sorted(rule["tails"], key=len, reverse=True)
    ending = lambda s: next((t for t in tails if s.endswith(t) and len(s) > len(t)), None)
    split = {}
    for name, kind in set(items):
        b = bare(name)
        if tail := ending(b):
            split[name] = (b[: -len(tail)], tail)
        elif kind and (tail := ending("_" + bare(kind))):
            split[name] = (b, tail)
    links = {}
    for short, (abbr, tail) in split.items():
        if not rule["min_chars"] <= len(abbr) <= rule["max_chars"]:
            continue
        fits = {program_key(long) for long, (core, t) in split.items()
                if t == tail and long != short and _abbreviates(abbr, core)}
        if len(fits) == 1:
            links[short] = fits.pop()
    return links


def _abbreviates(abbr: str, core: str) -> bool:
    """`abbr` is the first character of each of len(abbr) components of `core`
    of one length (the last component may be longer)."""
    n = len(abbr)
    for width in range(2, len(core) // n + 1):
        if all(core[i * width] == c for i, c in enumerate(abbr)):
            return True
    return False


@dataclass(frozen=True)
class PolicyKey:
    scope: str | None   # issuing region or body as written (慈溪市, 国家税务总局); None if implied
    title: str          # the title without scope, 关于, 的, quotes and dating remarks

    def id(self, scope: str | None = None) -> str:
        sc = self.scope or scope
        return f"policy:{sc}/{self.title}" if sc else f"policy:{self.title}"


def policy_key(name: str, region_prefix=None) -> PolicyKey:
    """Split a policy title into its issuing scope and its normalised title.

    `region_prefix(s)` returns the length of a region name at the start of `s`
    (0 if none); the scope is that region, or the body written before 关于
    (国家税务总局关于…的公告). Without either the scope is implied by the issuer.
    """
    s = _REMARK.sub("", fold(name))
    s = bare(s)
    scope = None
    n = region_prefix(s) if region_prefix else 0
    if n and len(s) - n >= 4:
        scope, s = s[:n], s[n:]
    head, sep, rest = s.partition("关于")
    if sep and len(rest) >= 4:
        if head and head[0] in "市区县省":  # 市政府关于…: relative to the issuer's place
            s = head + rest
        else:
            if head and scope is None and len(head) <= 20:
                scope = head
            s = rest
    elif s.startswith("关于"):
        s = s[2:]
    s = s.replace("的", "")
    return PolicyKey(scope, s)


def metric_key(metric: str | None) -> str:
    """A figure metric for comparing across replies: no spacing, punctuation or 的,
    and without leading place or time words (全市, 我市, 2022年, 去年)."""
    if not metric:
        return ""
    s = bare(metric).replace("的", "")
    lead = _metric_lead()
    while True:
        m = lead.match(s)
        if not m or m.end() == 0 or m.end() >= len(s):
            return s
        s = s[m.end():]


@cache
def _metric_lead() -> re.Pattern:
    return re.compile(rules()["metric"]["leading_pattern"])


# --- agencies --------------------------------------------------------------

@cache
def _agency_data() -> dict:
    return tomllib.loads(resources.files(__package__).joinpath("data/agencies.toml").read_text("utf-8"))


@cache
def _agency_table() -> tuple[dict[str, str], dict]:
    """(official name by joiner-free alias, the [rules] of agencies.toml)."""
    data = _agency_data()
    arules = dict(data["rules"])
    table = {}
    for entry in data["agency"]:
        for alias in [entry["name"], *entry.get("aliases", [])]:
            table[_drop_joiners(alias, arules)] = entry["name"]
    arules["national"] = frozenset(e["name"] for e in data["agency"] if e.get("level") == "national")
    return table, arules


def agency_is_national(core: str | None) -> bool:
    """A ministry of the State Council (教育部, 国家发展和改革委员会)."""
    return bool(core) and core in _agency_table()[1]["national"]


def _drop_joiners(s: str, arules: dict) -> str:
    for j in arules["joiners"]:
        s = s.replace(j, "")
    return s


@cache
def agency_aliases() -> tuple[str, ...]:
    """Every listed agency core as it may be written, longest first."""
    data = _agency_data()
    names = {a for e in data["agency"] for a in [e["name"], *e.get("aliases", [])]}
    return tuple(sorted(names, key=len, reverse=True))


def agency_core(core: str) -> str | None:
    """The official name of an agency core as written (经信局 -> 经济和信息化局),
    the core itself when it is an unlisted but well-formed agency name
    (片区管理局), or None when it is not an agency name."""
    table, arules = _agency_table()
    c = fold(core)
    hit = table.get(_drop_joiners(c, arules))
    if hit:
        return hit
    if any(ch in c for ch in arules["stop_chars"]) or c.endswith(tuple(arules["not_endings"])):
        return None
    for suf in arules["suffixes"]:
        if c.endswith(suf) and 2 <= len(c) - len(suf) <= 10:
            return c
    return None


def agency_min_bare_length() -> int:
    return _agency_table()[1]["min_bare_length"]


def agency_suffixes() -> list[str]:
    return list(_agency_table()[1]["suffixes"])


# --- regions -----------------------------------------------------------------
# Region names and adcodes come from reply_extractor.regions (cpca's national
# administrative-division table) when it is there; until then a minimal reading
# of the same cpca table stands in.

@dataclass(frozen=True)
class Place:
    adcode: str   # six digits: 330282; "" for a place the division table lacks
    name: str     # full name: 慈溪市

    @property
    def key(self) -> str:
        """What ids use: the adcode, or the name when there is none."""
        return self.adcode or self.name


# The country, as the national level of the division table (全国, 教育部).
COUNTRY = Place("100000", "中国")
_COUNTRY_NAMES = ("中国", "中华人民共和国")


@cache
def division_names() -> dict[str, Place]:
    """Full names of administrative divisions -> Place (names shared by several
    divisions, such as 鼓楼区, are left out: they cannot be resolved alone)."""
    import cpca
    seen: dict[str, list[Place]] = {}
    for code, info in cpca.ad_2_addr_dict.items():
        seen.setdefault(info.name, []).append(Place(code[:6], info.name))
    names = {n: ps[0] for n, ps in seen.items()
             if len(ps) == 1 and len(n) >= 2 and n not in ("市辖区", "省直辖县级行政区划")}
    return names | {n: COUNTRY for n in _COUNTRY_NAMES}


@cache
def _by_adcode() -> dict[str, Place]:
    return {p.adcode: p for p in division_names().values()}


def place_by_adcode(adcode: str | None) -> Place | None:
    return _by_adcode().get(adcode or "")


def region_prefix_len(s: str) -> int:
    """Length of the full region name that starts `s` (慈溪市加快… -> 3), else 0.
    Two-character names (新县, 和县) are left out: too many titles start so."""
    names = division_names()
    for n in range(min(12, len(s)), 2, -1):
        if s[:n] in names:
            return n
    return 0


def _shared_resolver():
    try:
        from . import regions  # the shared cpca-based resolver
    except ImportError:
        return None
    return regions


def place_of(name: str | None) -> Place | None:
    """The most specific region named in `name` (an issuer, a figure's region)."""
    if not name:
        return None
    regions = _shared_resolver()
    if regions is not None:
        try:
            p = _as_place(regions.region_of(name))
        except Exception:  # the resolver must never stop linking
            p = None
        if p and _short(p.name) in fold(name):  # not a guess from a bare 县 or 区
            return p
    s = fold(name)
    names = division_names()
    best = None
    for i in range(len(s)):
        for n in range(min(12, len(s) - i), 1, -1):
            p = names.get(s[i:i + n])
            if p and (best is None or _depth(p) > _depth(best)):
                best = p
    return best


def _short(name: str) -> str:
    """A region name without its level word: 慈溪市 -> 慈溪 (at least 2 characters)."""
    for suf in sorted(rules()["region"]["suffixes"], key=len, reverse=True):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def _depth(p: Place) -> int:
    return 0 if p.adcode.endswith("0000") else 1 if p.adcode.endswith("00") else 2


def _as_place(r) -> Place | None:
    """A region as reply_extractor.regions gives it (a Region with adcode and
    name, or a bare name), as a Place."""
    if r is None:
        return None
    if isinstance(r, Place):
        return r
    if isinstance(r, str):
        return division_names().get(r)
    code, name = getattr(r, "adcode", None), getattr(r, "name", None)
    if not code:
        return division_names().get(name or "")
    code = str(code)[:6]
    known = place_by_adcode(code)
    return Place(code, name or (known.name if known else code))


def resolve_relative(word: str, issuer: Place | None) -> Place | None:
    """我市/本市/全市/市 -> the issuer's region at that level (慈溪市 for a 慈溪
    bureau; for a district bureau 市 is the city above it); 全省/省 -> province."""
    if issuer is None or not word:
        return None
    if not issuer.adcode:  # a place the division table lacks: only itself
        return issuer if issuer.name.endswith(word[-1]) else None
    regions = _shared_resolver()
    if regions is not None:
        try:
            p = _as_place(regions.resolve_relative(word, issuer.name))
        except Exception:  # a resolver error must not stop linking
            p = None
        if p:
            return p
    level = word[-1]
    code = issuer.adcode
    chain = [code, code[:4] + "00", code[:2] + "0000"]
    for c in chain:
        p = place_by_adcode(c) or (issuer if c == issuer.adcode else None)
        if p and p.name.endswith(level):
            return p
    if level in "区县" and not issuer.adcode.endswith("00"):
        return issuer  # a county-level issuer's 区/县 is its own, whatever its title
    return None
