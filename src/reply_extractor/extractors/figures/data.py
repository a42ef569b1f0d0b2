"""The figures word lists (data/figures.toml), loaded and compiled once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...rules import alternation, load as load_rules


@dataclass(frozen=True)
class Unit:
    surface: str      # as written
    unit: str         # as recorded
    kind: str
    arabic_only: bool
    word_after: str   # next characters that turn surface+char into a word
    word_after_keeps: tuple[str, ...] = ()  # …unless these words follow (2个人工湖: 人工, not 个人)
    chinese_keeps: tuple[str, ...] = ()     # words after an arabic_only unit that make it one after 两/三 too


@dataclass(frozen=True)
class FigureData:
    units: tuple[Unit, ...]           # longest surface first
    between: dict[str, str]
    after: tuple[tuple[str, str], ...]   # longest first
    before: tuple[tuple[str, str], ...]  # longest first
    near_gap: int
    not_cues: tuple[str, ...]
    range_joiners: str
    series_joiners: str
    stretch_before: tuple[str, ...]   # 为期三年: a Chinese numeral counting a stretch
    exclude_before: tuple[re.Pattern, ...]
    exclude_before_ends: re.Pattern
    exclude_after: tuple[re.Pattern, ...]
    group_before: re.Pattern
    group_after: re.Pattern
    vague_before: re.Pattern
    cn_place_after: str
    cn_ordinal_units: tuple[str, ...]
    cn_name_ends: re.Pattern
    years_span_before: re.Pattern
    years_span_after: re.Pattern
    date_after: tuple[re.Pattern, ...]
    lexical: tuple[str, ...]
    metric: dict
    base: tuple[re.Pattern, ...]
    doubling: re.Pattern
    tenths: re.Pattern                # 四成 -> 40 %
    fraction: re.Pattern              # 三分之二 -> 66.67 %
    fraction_mark: str                # in every fraction (分之)
    half: re.Pattern                  # 半数以上 -> 50 %
    implied_unit: dict[str, str]      # noun before a unit-less 100万 -> its unit
    implied_after: re.Pattern         # 213万农村人口: the counted people after it (group "noun")
    implied_after_unit: dict[str, str]
    lone_cues: tuple[tuple[str, str], ...]  # cue before a lone 万/千 (近万人) -> qualifier, longest first
    lone_not_after: tuple[str, ...]   # what before such a cue makes it a word (成千上万)
    lone_unit_not_after: tuple[str, ...]  # what before 万余人 makes it a word (成千余人)


@cache
def load() -> FigureData:
    raw = load_rules("figures")
    rules = raw["unit_rules"]
    alias = raw["unit_alias"]
    units = [Unit(s, alias.get(s, s), kind, s in rules["arabic_only"], rules["word_after"].get(s, ""),
                  tuple(rules.get("word_after_keeps", {}).get(s, ())),
                  tuple(rules.get("chinese_keeps", {}).get(s, ())))
             for kind, surfaces in raw["units"].items() for s in surfaces]
    units.sort(key=lambda u: -len(u.surface))
    q = raw["qualifiers"]
    by_len = lambda d: tuple(sorted(d.items(), key=lambda kv: -len(kv[0])))
    ex = raw["exclude"]
    comp = lambda xs: tuple(re.compile(x) for x in xs)
    return FigureData(
        units=tuple(units), between=q["between"], after=by_len(q["after"]),
        before=by_len(q["before"]), near_gap=q["near_gap"], not_cues=tuple(q["not_cues"]),
        range_joiners="".join(q["range_joiners"]), series_joiners="".join(q["series_joiners"]),
        stretch_before=tuple(q["stretch_before"]),
        exclude_before=comp(ex["before"]), exclude_before_ends=re.compile(ex["before_ends"]),
        exclude_after=comp(ex["after"]),
        group_before=re.compile(ex["group_before"]), group_after=re.compile(ex["group_after"]),
        vague_before=re.compile(ex["vague_before"]), cn_place_after=ex["cn_place_after"],
        cn_ordinal_units=tuple(ex["cn_ordinal_units"]),
        cn_name_ends=re.compile(ex["cn_name_ends"]),
        years_span_before=re.compile(ex["years_span_before"]),
        years_span_after=re.compile(ex["years_span_after"]),
        date_after=comp(ex["date_after"]), lexical=tuple(ex["lexical"]),
        metric=raw["metric"], base=comp(raw["metric"]["base"]),
        doubling=re.compile(raw["multiples"]["doubling"]),
        tenths=re.compile(raw["word_shares"]["tenths"]),
        fraction=re.compile(raw["word_shares"]["fraction"]),
        fraction_mark=raw["word_shares"]["fraction_mark"],
        half=re.compile(raw["word_shares"]["half"]),
        implied_unit=raw["implied_unit"],
        implied_after=re.compile(rf"[\u4e00-\u9fff]{{0,{raw['implied_unit_after']['max_modifier']}}}?"
                                 rf"(?P<noun>{alternation(raw['implied_unit_after']['nouns'])})"),
        implied_after_unit=raw["implied_unit_after"]["nouns"],
        lone_cues=by_len(raw["lone_magnitude"]["cues"]),
        lone_not_after=tuple(raw["lone_magnitude"]["not_after"]),
        lone_unit_not_after=tuple(raw["lone_magnitude"]["unit_not_after"]))
