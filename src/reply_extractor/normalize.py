"""Linking keys for names: the same policy, programme, agency or metric written
in different ways gets one key, and things that merely look alike keep apart.

Agency names are read by agencies.py (re-exported here); places are in
regions.py. Keys are readable (they become ids such as `program:甬江英才`). Merging is
conservative: only spelling noise is removed (quotes, brackets, spacing, width,
的, year ranges in brackets, generic tails such as 计划/工程/行动 when the rest
is still distinctive), never words that could tell two things apart.
"""
from __future__ import annotations

from collections import defaultdict

import re
from dataclasses import dataclass
from functools import cache

from .agencies import (agency_aliases, agency_core, agency_is_national, agency_min_bare_length,
                       agency_suffixes)
from .rules import load as load_rules
from .textutil import name_form

__all__ = [  # the key functions, and the agency names linker and mentions read here
    "PolicyKey", "abbreviation_links", "bare", "generic_prefix_links", "issuer_scope", "metric_key", "name_form", "policy_key",
    "program_key", "rules", "strip_generic_tail",
    "agency_aliases", "agency_core", "agency_is_national", "agency_min_bare_length", "agency_suffixes",
]

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
    """data/normalize.toml (region words are in data/regions.toml)."""
    return load_rules("normalize")




def bare(s: str) -> str:
    """Without quotes, brackets or punctuation."""
    s = name_form(s)
    s = "".join(c for c in s if c not in _QUOTE_CHARS)
    return _PUNCT.sub("", s)


@cache
def _longest_first(table: str, key: str) -> tuple[str, ...]:
    return tuple(sorted(rules()[table][key], key=len, reverse=True))


def strip_generic_tail(core: str, min_rest: int | None = None) -> str:
    """Drop generic tails (计划, 工程, 系列, 培育工程 …) while what is left stays
    distinctive (at least `min_rest` characters): 甬江英才计划 -> 甬江英才, but
    千万工程 stays (千万 alone says nothing)."""
    min_rest = min_rest or rules()["program"]["min_core"]
    tails = _longest_first("program", "generic_tails")
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
    s = name_form(name)
    quoted = _QUOTED.findall(s)
    core = bare(quoted[0] if len(quoted) == 1 else s)
    if kind and len(core) < rules()["program"]["min_core"]:
        core += bare(name_form(kind))
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
    # candidates share the type word and the first character: looked up, not scanned
    by_head: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for long, (core, t) in split.items():
        if core:
            by_head[(t, core[0])].append((long, core))
    links = {}
    for short, (abbr, tail) in split.items():
        if not rule["min_chars"] <= len(abbr) <= rule["max_chars"]:
            continue
        fits = {program_key(long) for long, core in by_head.get((tail, abbr[:1]), ())
                if long != short and _abbreviates(abbr, core)}
        if len(fits) == 1:
            links[short] = fits.pop()
    return links


def generic_prefix_links(keys) -> dict[str, str]:
    """Programme keys of a batch mapped to the one longer key that is a generic
    prefix plus the key (明厨亮灶 -> 互联网+明厨亮灶); a key that several longer
    keys end with (明厨亮灶 after both 智慧 and 阳光) stays as it is."""
    prefixes = tuple(bare(name_form(p)) or name_form(p) for p in rules()["program"]["generic_prefix"]["prefixes"])
    keys = set(k for k in keys if k)
    min_core = rules()["program"]["min_core"]
    # every proper suffix of every key, with how many keys end with it (and one
    # of them): linear in the keys' length, not pairs of keys
    ending: dict[str, int] = defaultdict(int)
    one: dict[str, str] = {}
    for k in keys:
        for n in range(1, len(k) - min_core + 1):
            ending[k[n:]] += 1
            one[k[n:]] = k
    links = {}
    for short in keys:
        if len(short) < min_core:
            continue
        if ending.get(short) == 1 and (long := one[short])[: -len(short)] in prefixes:
            links[short] = long
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
    s = _REMARK.sub("", name_form(name))
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
                scope = _official_body(head)
            s = rest
    elif s.startswith("关于"):
        s = s[2:]
    s = s.replace("的", "")
    return PolicyKey(scope, s)


def issuer_scope(issuer: str | None, region_prefix=None) -> str | None:
    """The scope an issuing body written before a 《》 gives its title, the same
    one policy_key gives the body written inside (国务院办公厅《关于X》 keys like
    《国务院办公厅关于X》): its region if it starts with one (某省人民政府 -> 某省),
    None for a level word relative to the issuer (市政府), else the body."""
    s = bare(name_form(issuer or ""))
    if not s:
        return None
    n = region_prefix(s) if region_prefix else 0
    if n:
        return s[:n]
    return None if s[0] in "市区县省" else _official_body(s)


def _official_body(body: str) -> str:
    """A ministry by its official name (国家发改委 -> 国家发展和改革委员会); other bodies as written."""
    core = agency_core(body)
    return core if agency_is_national(core) else body


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
