"""Administrative regions: where an agency sits, and what 全省/全市/本区 mean for it.

`region_of("慈溪市经济和信息化局")` reads the region the name starts with from
the administrative-division table shipped with `cpca` and fills in its parents:
Region(province="浙江省", city="宁波市", county="慈溪市", adcode="330282").
`resolve_relative("全省", that)` is then "浙江省", `resolve_relative("全市", that)`
"慈溪市" (a county-level city is its own 市), and 全国 is "中国".
The relative words live in data/regions.toml.
"""
from __future__ import annotations

import math
from functools import cache, lru_cache
from typing import NamedTuple

from .rules import load as load_rules


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


@cache
def _data() -> dict:
    return load_rules("regions")


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
    import cpca  # imported lazily: it loads its table on import

    row = cpca.transform([text], pos_sensitive=True).to_dict("records")[0]
    province, city, county = _clean(row.get("省")), _clean(row.get("市")), _clean(row.get("区"))
    # Only a real place named at the very start counts: "关于…宁波…" is not located
    # in 宁波, and the 县 of "县海洋与渔业局" is no place.
    at_start = [name for name, key in ((province, "省_pos"), (city, "市_pos"), (county, "区_pos"))
                if row.get(key) == 0]
    if not any(at_start):
        return None
    adcode = _clean(row.get("adcode"))
    return Region(province, city, county, adcode)


@cache
def relative_words(*levels: str) -> tuple[str, ...]:
    """The relative region words of `levels` (default: all), longest first."""
    table = _data()["relative"]
    words = {w for k in (levels or ("province", "city", "county", "country")) for w in table[k]}
    return tuple(sorted(words, key=len, reverse=True))


def relative_word(text: str) -> str | None:
    """The relative region word `text` starts with (全省, 本市, 全国 …), longest first."""
    return next((w for w in relative_words() if text.startswith(w)), None)


def resolve_relative(word: str, issuer_region: Region | str | None) -> str | None:
    """The region a relative word (or a scope starting with one, "全省县级市")
    denotes for an issuer in `issuer_region`; None when it cannot be told."""
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


def resolve_scope(scope: str, issuer_region: Region | str | None) -> str | None:
    """The region a ranking scope refers to: relative words resolved against the
    issuer ("全省县级市" -> 浙江省), named places looked up ("宁波各区（县、市）" -> 宁波市)."""
    if not scope:
        return None
    resolved = resolve_relative(scope, issuer_region)
    if resolved:
        return resolved
    region = region_of(scope)
    return region.name if region else None
