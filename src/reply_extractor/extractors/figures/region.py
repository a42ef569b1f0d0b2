"""A figure's region: the place its sentence states as the scope of what is
counted (全市, 我省, 宁波市 …, as the mentions extractor resolved them), never a
place word that only qualifies a name. Run after the mentions are found."""
from __future__ import annotations

from bisect import bisect_right
from functools import cache

from ... import regions
from ...positions import Protected, Stops
from ...rules import load as load_rules
from ...textutil import SENTENCE_END
from ..quotes import QUOTE_MARKS, TITLE_MARKS, scan as scan_marks
from .context import CLAUSE_DELIMS


def attach_regions(reply) -> None:
    """Give each figure the region its sentence states before it (全市, 我省,
    宁波市 …, as the mentions extractor resolved them), if any: a figure only
    says where it holds when the text says so. A place that only qualifies a
    name is no such statement: inside quotes, titles, a ranking or a programme
    (“浙江制造”标准, 位居宁波第1), a level (宁波级), the level of a list entered
    (入选全省…名单) or the maker of an event (宁波“技能之星”大赛)."""
    text = reply.text
    qualifying = _qualifying_spans(reply)
    regions = sorted((m for m in reply.mentions if m.kind == "region"
                      and _reports(text, m, qualifying)), key=lambda m: m.span)
    ends = [m.span[1] for m in regions]  # mentions do not overlap: ends sorted too
    sentences = Stops(text, SENTENCE_END)
    for fig in reply.figures:
        start = sentences.bounds(fig.span[0])[0]
        i = bisect_right(ends, fig.span[0]) - 1  # the last region ending before the figure
        if i >= 0 and regions[i].span[0] >= start:
            fig.region = regions[i].name


def _qualifying_spans(reply) -> Protected:
    """Where a place word belongs to a name: quotes, 《》 titles, rankings, programmes."""
    text = reply.text
    spans = [p.outer for marks in (QUOTE_MARKS, TITLE_MARKS) for p in scan_marks(text, marks)]
    spans += [tuple(r.span) for r in getattr(reply, "rankings", None) or ()]
    for p in getattr(reply, "programs", None) or ():
        spans += [tuple(p.span)] + [tuple(s) for s in p.other_spans]
    return Protected(spans)


@cache
def _region_rules() -> dict:
    return load_rules("figures")["region"]


def _reports(text: str, mention, qualifying: Protected) -> bool:
    """Whether the place `mention` states where figures hold (全市累计…, 宁波市新增…)."""
    start, end = mention.span
    if start in qualifying:
        return False
    r = _region_rules()
    if text[end:end + 1] == r["level_suffix"]:
        return False  # 宁波级工程技术中心
    if text[max(0, start - 4):start].endswith(tuple(r["level_verbs"])):
        return False  # 入选全省…名单, 立项宁波市重大科技攻关项目
    if regions.relative_word(mention.surface):
        return True  # 全市, 我省: said to state a scope
    if text[end:end + 1] in QUOTE_MARKS:
        return False  # 宁波“技能之星”大赛
    stop = end  # the clause's end, its first number or a verb of entering a list
    while stop < len(text) and stop - end < 24 and text[stop] not in CLAUSE_DELIMS \
            and not text[stop].isdigit() and not text[stop:stop + 2] in r["level_verbs"]:
        stop += 1
    return not any(h in text[end:stop] for h in r["name_heads"])
