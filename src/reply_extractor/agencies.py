"""Agency names of Chinese local government (data/agencies.toml): the official
form of a core as written (经信局 -> 经济和信息化局), or the core itself when it
is an unlisted but well-formed agency name (片区管理局)."""
from __future__ import annotations

from functools import cache

from .rules import load as load_rules, longest_first
from .textutil import name_form


def _agency_data() -> dict:
    return load_rules("agencies")


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
    return tuple(longest_first(names))


def agency_core(core: str) -> str | None:
    """The official name of an agency core as written (经信局 -> 经济和信息化局),
    the core itself when it is an unlisted but well-formed agency name
    (片区管理局), or None when it is not an agency name."""
    table, arules = _agency_table()
    c = name_form(core)
    hit = table.get(_drop_joiners(c, arules))
    if hit:
        return hit
    if (any(ch in c for ch in arules["stop_chars"]) or any(w in c for w in arules["stop_words"])
            or c.endswith(tuple(arules["not_endings"]))):
        return None
    for suf in arules["suffixes"]:
        if c.endswith(suf) and 2 <= len(c) - len(suf) <= 10:
            return c
    return None


def agency_min_bare_length() -> int:
    return _agency_table()[1]["min_bare_length"]


def agency_suffixes() -> list[str]:
    return list(_agency_table()[1]["suffixes"])
