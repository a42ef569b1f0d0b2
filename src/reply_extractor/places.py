"""Places as linking ids need them: an adcode and a full name (cpca's national
administrative-division table). Where an issuer sits and what 全市/本区 mean
for it come from regions.py; this module turns those into Places."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import regions
from .rules import load as load_rules
from .textutil import name_form


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


def place_of(name: str | None) -> Place | None:
    """The most specific region named in `name` (an issuer, a figure's region)."""
    if not name:
        return None
    p = _as_place(regions.region_of(name))
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
    return tuple(sorted(load_rules("normalize")["region"]["suffixes"], key=len, reverse=True))


def _short(name: str) -> str:
    """A region name without its level word: 慈溪市 -> 慈溪 (at least 2 characters)."""
    for suf in _region_suffixes():
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
    p = _as_place(regions.resolve_relative(word, issuer.name))
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
