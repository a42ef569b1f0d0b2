"""Administrative regions: where an agency sits, what 全省/全市/本区 mean for it,
and the places linking ids are made of. One module, two views of one table
(the national administrative-division table shipped with `cpca`):

- `Region` is a reading of a name: `region_of("慈溪市经济和信息化局")` is
  Region(province="浙江省", city="宁波市", county="慈溪市", adcode="330282"),
  the region the name starts with and its parents.
- `Place` is one division as an id: Place("330282", "慈溪市"). `place_of`
  finds the most specific place a name mentions; `resolve_relative("全市",
  place)` is the place a relative word denotes for an issuer there.

`relative_name` is the level rule both views share: for that 慈溪 region 全省 is
"浙江省", 全市 "慈溪市" (a county-level city is its own 市), 全国 "中国".
The relative words, and the level words short names drop, are in data/regions.toml.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from .rules import load as load_rules
from .textutil import name_form


class Region(NamedTuple):
    province: str | None
    city: str | None
    county: str | None
    adcode: str | None

    @property
    def name(self) -> str | None:
        """The most specific level named."""
        return self.county or self.city or self.province

    def chain(self) -> list[str]:
        """From the most specific level up: ["慈溪市", "宁波市", "浙江省"]."""
        return [n for n in (self.county, self.city, self.province) if n]


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
def _data() -> dict:
    return load_rules("regions")


def short_name_rules() -> dict:
    """[short_names] of data/regions.toml: level words dropped, minimum length."""
    return _data()["short_names"]


# --- reading a name: Region ----------------------------------------------------

def _clean(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    value = str(value).strip()
    return None if not value or value in _data()["not_places"] else value


@lru_cache(maxsize=1024)
def region_of(name: str | None) -> Region | None:
    """The region `name` starts with (an agency, a place, "宁波各区（县、市）"), with
    its parent levels filled in; None when it does not start with a place name."""
    if not name:
        return None
    text = "".join(str(name).split())
    if not text:
        return None
    row = _cpca_row(text)
    province, city, county = _clean(row.get("省")), _clean(row.get("市")), _clean(row.get("区"))
    # Only a real place named at the very start counts: "关于…宁波…" is not located
    # in 宁波, and the 县 of "县海洋与渔业局" is no place.
    at_start = [name for name, key in ((province, "省_pos"), (city, "市_pos"), (county, "区_pos"))
                if row.get(key) == 0]
    if not any(at_start):
        return None
    adcode = _clean(row.get("adcode"))
    return Region(province, city, county, adcode)


def _cpca():
    """cpca, imported lazily (it loads its table on import; lightimport)."""
    from .lightimport import import_module
    return import_module("cpca")


def _cpca_row(text: str) -> dict:
    """cpca's reading of one name: the row `cpca.transform([text],
    pos_sensitive=True)` holds, without the DataFrame (importing pandas takes
    longer than the whole first extraction should)."""
    cpca = _cpca()

    one = getattr(cpca, "_get_one_addr", None)
    if one is None:  # another cpca: its public, pandas-backed way
        return cpca.transform([text], pos_sensitive=True).to_dict("records")[0]
    return dict(one(text, True, {}))


# --- townships, streets, villages -------------------------------------------------

@lru_cache(maxsize=4096)
def is_town(name: str) -> bool:
    """A township, street, village or community named with its level (漷县镇,
    于家务回族乡, 城南街道, 李庄村), not a common noun ending in one (重点镇, 特色小镇)."""
    from . import nlp  # (here, not at the top: the light commands import regions without jieba)

    cfg = _data()["towns"]
    level = next((lv for lv in cfg["levels"] if name.endswith(lv)), None)
    generic = next((w for w in cfg["generic_ends"] if name.endswith(w)), None)
    if level is None or generic and name[:-len(generic)] not in cfg["direction_names"]:
        return False  # (西集镇, 东城镇: a direction before the common noun names a town)
    stem = name[:-len(level)]
    if level in ("乡", "镇"):
        stem = _ethnic_groups().sub("", stem)
    if (not cfg["min_name"] <= len(stem) <= cfg["max_name"] or stem in cfg["not_names"]
            or not all("\u4e00" <= c <= "\u9fff" for c in stem)
            or any(c in stem[1:] for c in "镇乡") or "的" in stem):  # a slogan's levels (百镇千村), a phrase
        return False
    if nlp.word_freq(name) and nlp.word_tag(name) not in cfg["name_tags"]:
        return False  # a common word as a whole (建制镇, 行政村)
    if any(stem + s in division_names() for s in ("县", "市", "区", "旗")) and _name_like(stem, cfg, common=True):
        return True  # a county's name, not a common word (正定镇, not 新建乡)
    # a name: unknown to the dictionary or tagged as one, as a whole or in a part
    # (漷|县, 西平|乐); a phrase of common words is none (新增治理行政村, 重点帮扶村)
    return any(_name_like(w, cfg) and w not in cfg["not_names"]
               for w in ([stem] if nlp.word_freq(stem) else nlp.words(stem)))


def _name_like(word: str, cfg: dict, common: bool = False) -> bool:
    """Unknown or rare, or tagged as a name and not too common; with `common`, any
    word no commoner than a county's name may be (正定, a math word too)."""
    from . import nlp

    freq = nlp.word_freq(word)
    if common and freq <= cfg["county_name_max_freq"]:
        return True
    return freq <= cfg["rare_freq"] or (nlp.word_tag(word) in cfg["name_tags"] and freq <= cfg["name_max_freq"])


@cache
def _ethnic_groups() -> re.Pattern:
    return re.compile(f"(?:{'|'.join(_data()['towns']['ethnic_groups'])})+$")


# --- relative words --------------------------------------------------------------

@cache
def relative_words(*levels: str) -> tuple[str, ...]:
    """The relative region words of `levels` (default: all), longest first."""
    table = _data()["relative"]
    words = {w for k in (levels or ("province", "city", "county", "country")) for w in table[k]}
    return tuple(sorted(words, key=len, reverse=True))


def relative_word(text: str) -> str | None:
    """The relative region word `text` starts with (全省, 本市, 全国 …), longest first."""
    return next((w for w in relative_words() if text.startswith(w)), None)


def relative_name(word: str, issuer_region: Region | str | None) -> str | None:
    """The name of the region a relative word (or a scope starting with one,
    "全省县级市") denotes for an issuer in `issuer_region`; None when it cannot be told."""
    rel = relative_word(word or "")
    if rel is None:
        return None
    data = _data()
    levels = data["relative"]
    if rel in levels["country"]:
        return data["country_name"]
    region = region_of(issuer_region) if isinstance(issuer_region, str) else issuer_region
    if region is None:
        return None
    if rel in levels["province"]:
        return region.province
    if rel in levels["city"]:
        if region.province in data["municipalities"]:
            return region.province
        if region.county and region.county.endswith("市"):  # county-level city
            return region.county
        return region.city or region.province
    if rel in levels["county"] and region.county:
        # 全区 names a district, 全县 a county: never the county-level city 慈溪市.
        kind = rel.rstrip("内")[-1]
        return region.county if region.county.endswith(kind) else None
    return None


def resolve_relative(word: str, issuer: Place | None) -> Place | None:
    """我市/本市/全市/市 -> the issuer's region at that level (慈溪市 for a 慈溪
    bureau; for a district bureau 市 is the city above it); 全省/省 -> province."""
    if issuer is None or not word:
        return None
    if not issuer.adcode:  # a place the division table lacks: only itself
        return issuer if issuer.name.endswith(word[-1]) else None
    p = _as_place(relative_name(word, issuer.name))
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


def resolve_scope(scope: str, issuer_region: Region | str | None) -> str | None:
    """The region a ranking scope refers to: relative words resolved against the
    issuer ("全省县级市" -> 浙江省), named places looked up ("宁波各区（县、市）" -> 宁波市)."""
    if not scope:
        return None
    resolved = relative_name(scope, issuer_region)
    if resolved:
        return resolved
    region = region_of(scope)
    return region.name if region else None


# --- places as ids: Place --------------------------------------------------------

@cache
def division_names() -> dict[str, Place]:
    """Full names of administrative divisions -> Place (names shared by several
    divisions, such as 鼓楼区, are left out: they cannot be resolved alone)."""
    cpca = _cpca()
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


def place_of(name: str | None) -> Place | None:
    """The most specific region named in `name` (an issuer, a figure's region)."""
    if not name:
        return None
    p = _as_place(region_of(name))
    if p and _short(p.name) in name_form(name):  # not a guess from a bare 县 or 区
        return p
    s = name_form(name)
    names = division_names()
    best = None
    for i in range(len(s)):
        for n in range(min(12, len(s) - i), 1, -1):
            p = names.get(s[i:i + n])
            if p and (best is None or _depth(p) > _depth(best)):
                best = p
    return best


@cache
def _region_suffixes() -> tuple[str, ...]:
    return tuple(sorted(short_name_rules()["suffixes"], key=len, reverse=True))


def _short(name: str) -> str:
    """A region name without its level word: 慈溪市 -> 慈溪 (at least 2 characters)."""
    for suf in _region_suffixes():
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def _depth(p: Place) -> int:
    return 0 if p.adcode.endswith("0000") else 1 if p.adcode.endswith("00") else 2


def _as_place(r: Region | str | None) -> Place | None:
    """A Region (by its adcode, else its name) or a bare full name, as a Place."""
    if r is None:
        return None
    if isinstance(r, str):
        return division_names().get(r)
    if not r.adcode:
        return division_names().get(r.name or "")
    code = str(r.adcode)[:6]
    known = place_by_adcode(code)
    return Place(code, r.name or (known.name if known else code))
