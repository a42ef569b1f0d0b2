"""Figures found and attributed: scan finds quantities in running text, table
reads numeric table cells under headers with units, context attributes each
figure (metric, direction, base) with nouns and period. Word lists live in
data/figures.toml.
"""
from __future__ import annotations

import re
from functools import cache

from ... import nlp
from ...dates import reply_year
from ...numbers import normalize
from ...record import Figure
from ...textutil import fold, fold_keep_comma, with_thousand_groups
from . import context as ctx, nouns
from .data import load
from .period import Periods, period_of
from ...positions import Protected, Stops
from .quantity import Hit
from .scan import protected_spans, scan
from .table import row_contexts, table_cells


def _para_start(text: str, pos: int) -> int:
    i = text.rfind("\n", 0, pos)
    return i + 1


def _folded(doc) -> str:
    """The folded text, but a full-width comma stays one: it separates list items,
    never thousands (15，100万元), unless the digits around it are full-width too
    (８，９３０名: a text typed in full-width throughout)."""
    text = doc.text
    folded = doc.folded if hasattr(doc, "folded") else None  # (kept on the document)
    if "，" not in text:
        return with_thousand_groups(text, folded if folded is not None else fold(text))
    if folded is not None and "," not in text:  # then every "," of the folded text was a "，"
        return with_thousand_groups(text, folded.replace(",", "，"))
    return fold_keep_comma(text)


def extract(doc, reply=None) -> list[Figure]:
    text = doc.text
    ft = _folded(doc)
    year = reply_year(reply)
    figures: list[Figure] = []
    table = {c.start: c for c in table_cells(ft, text)}
    rows = row_contexts(ft, text)
    protected = Protected(protected_spans(ft))
    periods = Periods(ft, year, protected)
    sentences, clauses = Stops(ft), _clause_stops(ft)
    hits = [h for h in scan(ft, protected=protected) if h.start not in table]
    items: list[tuple[int, object]] = [(h.start, h) for h in hits] + [(c.start, c) for c in table.values()]
    items.sort(key=lambda x: x[0])

    prev_end, prev_metric, prev_sentence = 0, None, -1
    prev_fig: Figure | None = None
    unit_metrics: dict[str, str] = {}  # the last metric of each unit in the sentence
    sources: list[str] = []
    for _, it in items:
        if isinstance(it, Hit):
            fig = _from_hit(text, ft, it)
            sent = sentences.start(it.start)
            if sent != prev_sentence:
                # 其中，正定镇14个…: a sentence of parts measures the total the one before counted
                carried = unit_metrics if _PARTS_OPEN.match(ft, sent) else {}
                prev_metric, prev_fig, unit_metrics = None, None, carried
            sources.append(_attribute(fig, ft, it, prev_end if sent == prev_sentence else sent,
                                      prev_metric, sent, prev_fig, clauses, unit_metrics.get(fig.unit)))
            row = rows.get(it.start)
            if row is not None:  # a cell of its own: 镇村公交线路 | 89条 (under 2024年 or 增幅)
                # measures its row; under a header naming a measure (甘肃 | 93% under 完成率), that
                if row.period or not row.head or ctx.is_change_only(row.head) or row.head_span is None:
                    fig.metric, fig.metric_span = row.label, row.label_span
                else:
                    fig.metric, fig.metric_span = row.head, row.head_span
                fig.in_table, fig.period = True, row.period
            prev_sentence, prev_end, prev_fig = sent, it.end, fig
            prev_metric = fig.metric or prev_metric
            if fig.metric:
                unit_metrics[fig.unit] = fig.metric
        else:
            fig = Figure(span=(it.start, it.end), surface=text[it.start:it.end],
                         value=normalize(it.value), unit=it.unit.unit, kind=it.unit.kind,
                         metric=it.metric or None, in_table=True, period=it.period)
            fig.metric_span = it.metric_span
            sources.append("table")
        if not fig.in_table:
            fig.period = periods.of(_para_start(ft, fig.span[0]), fig.span[0])
        elif fig.period is None:
            fig.period = _table_period(ft, fig.span[0], year)
        figures.append(fig)
    _share_in_series(ft, figures, sources)
    _respective_changes(ft, figures)
    return figures


_JOINERS = ("和", "及", "与", "、", "以及")
_FIELD_FRAME = re.compile(r"[\s]*(?:其中|在)?([\u4e00-\u9fff]{2,12}?)中[，,]")  # 省级重点村中，…
_SHARES = ("percent", "percentage_point")  # a place's share is its own measure
_EVENT_MAX = 16  # 为期X的Y: Y read whole up to this many characters
_PART_OPEN = re.compile(r"[（(](?=其中[^（()）]*$)")
_PARTS_OPEN = re.compile(r"\s*其中[，,：:]")
# A count with no noun, followed by the state its things are in (6个已竣工, 3家正在建设).
_STATUS_AFTER = re.compile(r"(?:已经|均已|已|正在|尚未|未)([\u4e00-\u9fff]{2})(?=[，,。；;、）)]|$)")


def _trend_subject(ft: str, clauses: Stops, cs: int, sent: int) -> str:
    """The subject of a trend named by the clause just before (在校生逐年增加，), in
    the sentence, or ""."""
    if cs - 1 <= sent:  # the figure's clause opens the sentence
        return ""
    before = ft[max(sent, clauses.start(cs - 1)):cs - 1].strip()
    m = _trend_clause().match(before)
    return ctx.fit(ctx.core_phrase(m.group("noun"))[0]) if m else ""


@cache
def _trend_clause() -> re.Pattern:
    return re.compile(ctx.load().metric["trend_clause"])


def _giving_verb(prefix: str) -> str:
    """The verb of giving that ends a clause's prefix (已发放, 累计发放), or ""."""
    words = nlp.words(prefix.strip())
    return words[-1] if words and words[-1] in ctx.words().object_verbs else ""


def _past(prefix: str, noun: str) -> int:
    """Where `noun` ends at the start of `prefix`, quotes skipped (“放心餐厅”和 ->
    after ”), or 0 when the prefix does not open with it."""
    i = k = 0
    while k < len(noun) and i < len(prefix):
        if prefix[i] in "“”":
            i += 1
        elif prefix[i] == noun[k]:
            i, k = i + 1, k + 1
        else:
            return 0
    if k < len(noun):
        return 0
    return i + 1 if prefix.startswith("”", i) else i


def _table_period(ft: str, pos: int, year: int | None) -> str | None:
    """A table's period from its caption: the nearest line above with a year."""
    start = pos
    for _ in range(8):
        if start <= 0:
            return None
        start = ft.rfind("\n", 0, start - 1)
        line_end = ft.find("\n", start + 1)
        p = period_of(ft, start + 1, line_end if line_end >= 0 else len(ft), year)
        if p:
            return p
    return None


def _from_hit(text: str, ft: str, h: Hit) -> Figure:
    return Figure(span=(h.start, h.end), surface=text[h.start:h.end], value=normalize(h.value),
                  unit=h.unit.unit, kind=h.unit.kind,
                  value_max=normalize(h.value_max) if h.value_max is not None else None,
                  qualifier=h.qualifier, per=h.per)


def _attribute(fig: Figure, ft: str, h: Hit, floor: int, prev_metric: str | None,
               sent: int = 0, prev_fig: Figure | None = None, clauses: Stops | None = None,
               unit_metric: str | None = None) -> str:
    """Set metric/direction/base; return where the metric came from (for series).

    In order: a payment named after the sum (给予20万元奖励); a change with the
    noun after it (增加376个学位); a scope (单家企业), a bare change (同比增长),
    a generic word (总数) or a bare verb (累计建成) completed by the previous
    figure's subject; the clause's own phrase, with the noun after a count
    unit (9家银行); else the previous figure's metric. Rate frames (每公里, 每生)
    are no part of a metric; a sum whose clause names only a scope or a verb
    takes the payment named earlier in the sentence (给予生活补助，初中每生1250元)
    or its use (安排2亿元用于技改); a count may be named by the list it entered
    (68个村入选…重点村)."""
    clauses = clauses or _clause_stops(ft)
    clause = clauses.start(h.start)  # the whole clause, where the metric's span is looked for
    cs = max(clause, min(floor, h.start))  # = clauses.start(h.start, floor)
    prefix = ft[cs:h.start]
    if part := _PART_OPEN.search(prefix):  # 202名台胞申请（其中105名已入住）: a part, in brackets
        cs, prefix = cs + part.end(), prefix[part.end():]
    # 4个方面提出14条举措: the 方面 after the previous count is that count's noun
    if prev_fig is not None and cs == prev_fig.span[1] and prev_fig.kind == "count":
        noun = nouns.after_phrase(ft, cs)
        rest = prefix[_past(prefix, noun):] if noun else prefix
        rest_core = ctx.core_phrase(rest)[0]
        if rest_core and not ctx.is_change_only(rest_core):  # 56人以上大班额比例降至: keep
            prefix = rest
        elif noun and rest.strip() in _JOINERS:  # 60家“放心餐厅”和120家…: that noun is the first count's
            prefix = rest
    core, dropped = ctx.core_phrase(prefix)
    rated = ctx.strip_rates(prefix)
    has_rate = rated != prefix and not ctx.is_scope_only(core)
    if has_rate:  # 县道每公里补助 -> 县道补助; 提高到每亩 -> 提高
        core, dropped = ctx.core_phrase(rated)
    window = ft[max(cs, h.start - 8):h.start]
    fig.direction = ctx.direction_of(window)
    fig.base = ctx.base_of(prefix)
    benefit = nouns.benefit_after(ft, h.end) if fig.kind in ("money", "percent") else ""
    if not benefit and fig.kind == "percent":
        benefit = nouns.share_as(ft, h.end)
    if benefit and fig.kind == "money" and not benefit.startswith("的") \
            and core.endswith(tuple(ctx.load().metric["benefit"])):
        benefit = ""  # 获得贷款贴息1357万元扶持企业: the payment is named right before the sum
    if benefit.startswith("的"):  # X元的Y: Y only when nothing before names the measure
        gives = any(w in ctx.words().object_verbs for w in dropped)  # 给予…的资助
        scope = has_rate and not nouns.names_a_payment(core)  # 村道每公里2000元的标准安排养护资金
        benefit = "" if core and ctx.names_a_measure(core) and not gives and not scope else benefit[1:]
    # 9家银行 / 全区50%以上医疗机构: the noun after a count, or after a sum or share with none before
    # (选取50%公益性公墓墓穴: a share written before its noun)
    share_of = fig.kind == "percent" and nouns.noun_follows(ft, h.end)
    # 实施500万元以上技改项目 / 380伏以下接入项目: a bound figure grading the noun after it
    grades = fig.surface.endswith(_bound_cues()) and fig.kind not in ("duration", "age")
    # 设立总额3000万元的专项资金 / 建立1亿元的风险补偿资金池: a size word or a verb of
    # setting up alone before, the thing it sizes after 的
    sized = fig.kind == "money" and ft.startswith("的", h.end) and bool(core) and (
        core.endswith(tuple(ctx.words().generic)) or core.endswith(tuple(ctx.load().metric["sizing_verbs"])))
    after = nouns.after_phrase(ft, h.end) if not benefit and (
        fig.kind in ("count", "age") or fig.kind not in ("duration", "age") and not core or share_of or grades
        or sized) else ""
    source = "core"
    earlier = ""
    if fig.kind == "money" and not benefit and not after and (not core or (
            ctx.is_scope_only(core) and not nouns.names_a_payment(core)) or (
            has_rate and len(core) <= 4 and not nouns.names_a_payment(core)
            and not (prev_metric and ctx.is_change_only(core)))):
        earlier = nouns.share_as(ft, h.end, comma=True) or nouns.benefit_before(ft, sent, cs)
    elif fig.kind == "money" and not benefit and core in ctx.load().metric["benefit"]:
        # 设立制造业专项资金，共安排资金42.6亿元: the bare 资金 is the one named before
        named = nouns.benefit_before(ft, sent, cs)
        earlier = named if named.endswith(core) and len(named) > len(core) else ""
        core = "" if earlier else core
    # 每3至5年参加一轮研修: a recurring stretch is measured for what recurs
    trail = nouns.trailing_noun(ft, h.end) if fig.kind == "duration" and (
        prefix.endswith("每") or ctx.is_scope_only(core) or has_rate and not core) else ""
    listed = nouns.selected_into(ft, h.end, after) if fig.kind == "count" else ""  # after: its noun
    # 设置60天待遇等待期 / 3年服务期协议: a stretch naming the term it is; 为期三年的跟踪帮扶:
    # what lasts that long
    term = _term_after(ft, h.end) if fig.kind == "duration" else ""
    if fig.kind == "duration" and not term and prefix.endswith(ctx.load().stretch_before) \
            and ft.startswith("的", h.end):  # the whole event when short (…云端精准产销会)
        rest = ft[h.end + 1:clauses.end(h.end + 1)]
        term = rest if 0 < len(rest) <= _EVENT_MAX else nouns.after_phrase(ft, h.end + 1)
    parallel = bool(core and prev_metric and prev_fig is not None and prev_fig.kind == fig.kind
                    and ctx.is_parallel_scope(prefix, core))
    if parallel and fig.kind not in ("percent", "percentage_point") and len(core.lstrip("和及与")) >= 2:
        core, parallel = core.lstrip("和及与"), False  # 耕地17亩和林地30亩: an amount of another thing
    if benefit:
        metric, source = benefit, "after"
    elif listed:
        metric, source = listed, "after"
    elif trail:  # 每人每3至5年参加一轮研修: what recurs is named after
        metric, source = trail, "after"
    elif term:
        metric, source = term, "after"
    elif fig.kind == "age" and after:  # 80周岁以上独居老人: an age bounds the group after it
        metric, source = after, "after"
    elif earlier:
        # 给予生活补助，初中每生每年1250元 / 设立专项资金，每年安排2亿元 / 安排2亿元用于技改
        metric, source = ctx.fit(core + earlier), "after"
    elif parallel:  # 比例从三级医院66.21%和二级医院68.82%
        metric, source = _subject(prev_metric), "inherited"
    elif core and prev_metric and ctx.is_comparison(prefix, core):  # 水平高于全省平均水平
        metric, source = ctx.fit(_subject(prev_metric) + ctx.comparison_word(prefix) + core, limit=26), "inherited"
    elif core and after and ctx.is_change_only(core):
        metric = ctx.fit(core + after)
    elif sized and after:
        metric, source = _sized_thing(ft, h.end) or after, "after"
    elif core and prev_metric and ctx.is_scope_only(core) and fig.kind == "money":
        metric, source = ctx.fit(core + _subject(prev_metric)), "inherited"
    elif core and prev_metric and (ctx.is_change_only(core) or ctx.is_generic(core) or (
            fig.kind == "count" and not after and ctx.is_action_only(core))):
        metric, source = ctx.fit(_subject(prev_metric) + core, limit=26), "inherited"
    elif core and after and fig.kind == "count" and _counts_the_list(ft, cs, prefix, fig.value):
        metric, source = after, "after"  # 布哈河、沙柳河2座水质自动站: the names are the things counted
    elif core and after:
        metric = ctx.fit(core, limit=max(2, 16 - len(after))) + after
    elif core and (prev_metric or unit_metric) and fig.kind not in _SHARES and not after and (
            # a township or the rest of the places (漷县镇5家, 其余乡镇合计570户: 其余 is no
            # part of a core) is no region a figure can hold: the metric names it
            (town := ctx.unheld_place(core) or ctx.unheld_place(prefix.strip())) or ctx.is_place_only(core)):
        # 新建幼儿园6所，其中城区4所已完工 / 高标准农田24.6万亩，其中当阳市7.2万亩: where they are;
        # what they are was measured before
        # (the total counted in the same unit: 幼儿园46所，新增学位1.38万个，其中临泉县14所)
        whole = ctx.without_place(unit_metric or prev_metric)  # 城区每万人拥有全科医生5.3名，县域仅为2.9名
        if ctx.is_place_only(whole):  # 正定镇14个、新城铺镇11个: the place before named nothing either
            metric = ctx.fit(core)
        else:
            metric = _in_state(ft, h.end, whole, prev_fig) if fig.kind == "count" else whole
            metric = town + ctx.fit(metric, limit=max(4, ctx.words().max_chars - len(town))) if town else metric
            source = "inherited"
    elif core and fig.kind not in _SHARES and not after and ctx.is_place_only(core) \
            and (field := _FIELD_FRAME.match(ft, ctx.sentence_start(ft, h.start))):
        metric = field.group(1)  # 省级重点村中，赤水市12个、湄潭县9个: the field the places share
    elif core:
        metric = ctx.fit(core)
    elif after:
        metric, source = after, "after"
    elif prev_metric and fig.kind not in ("duration", "age"):  # 最长3年 is no part of it
        metric = _in_state(ft, h.end, prev_metric, prev_fig) if fig.kind == "count" else prev_metric
        source = "inherited"
    elif fig.kind == "count" and (verb := _giving_verb(prefix)):
        metric = verb  # 目前已发放114本: what was done is all the clause says
    elif subject := _trend_subject(ft, clauses, cs, sent):
        metric, source = subject, "before"  # 在校生逐年增加，2025年达到3.46万人
    else:
        metric, source = None, "inherited"
    # 60岁以上老年人口占31.6%: an age right before names the group measured
    if metric and prev_fig is not None and prev_fig.kind == "age" and prev_fig.span[1] == cs \
            and len(prev_fig.surface) + len(metric) <= 30:
        metric = ft[prev_fig.span[0]:prev_fig.span[1]] + metric  # folded, like the rest
    if metric:
        fig.metric = metric = _without_broken_bracket(metric)
        fig.metric_span = _span_in_clause(ft, metric, clause, clauses.end(h.end))
    return source


_ALTERNATIVES = re.compile(r"[（(][\u4e00-\u9fff]{1,4}(?:、[\u4e00-\u9fff]{1,4}){1,3}[）)]")


def _without_broken_bracket(metric: str) -> str:
    """A metric cut inside a bracket (区)建成…, 、三阶段)完成…) starts after it."""
    close = metric.find(")")
    if close < 0 or -1 < metric.find("(") < close:
        return metric
    return metric[close + 1:].lstrip("、，, ") or metric


def _clause_stops(ft: str) -> Stops:
    """The clause marks of `ft`, but the 、 of a short bracket of alternatives
    (项目县（市、区）9个), which joins no clauses."""
    clauses = Stops(ft, ctx.CLAUSE_DELIMS)
    if "、" in ft and _ALTERNATIVES.search(ft):
        inside = {m.start() + i for m in _ALTERNATIVES.finditer(ft) for i, c in enumerate(m.group()) if c == "、"}
        clauses.stops = [p for p in clauses.stops if p not in inside]
    return clauses


_LISTED = re.compile(r"(?:[\u4e00-\u9fff]{2,8}、)+$")


def _counts_the_list(ft: str, cs: int, prefix: str, value) -> bool:
    """布哈河、沙柳河2座 / 北京、上海等5个城市: the count is of the names listed
    right before it (as many, or at least as many after 等)."""
    listed = _LISTED.search(ft, max(0, cs - 60), cs)
    if listed is None or not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", prefix):
        return False
    names = listed.group(0).count("、") + 1
    return value == names or (prefix.endswith("等") and value >= names)


@cache
def _term_re() -> re.Pattern:
    return re.compile(r"的?([\u4e00-\u9fff]{0,4}?(?:%s))" % "|".join(ctx.load().metric["terms"]))


def _term_after(ft: str, end: int) -> str:
    """The term a duration is, written right after it (60天待遇等待期 -> 待遇等待期)."""
    m = _term_re().match(ft, end)
    return m.group(1) if m else ""


def _in_state(ft: str, end: int, prev_metric: str, prev_fig: Figure | None) -> str:
    """The previous figure's metric, for a count that has no noun of its own;
    with the state its things are in when one follows (…分解点15个，目前6个已竣工:
    how many of them are in that state)."""
    status = _STATUS_AFTER.match(ft, end)
    if not status:
        return prev_metric
    before = _STATUS_AFTER.match(ft, prev_fig.span[1]) if prev_fig is not None else None
    subject = _subject(prev_metric).removesuffix(before.group(1) if before else "")
    return ctx.fit(subject + status.group(1), limit=26)


def _span_in_clause(ft: str, metric: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the metric is written in the figure's clause ft[start:end] (before
    the figure, or after it: 给予20万元奖励); None when it was assembled from
    pieces or taken from an earlier figure."""
    idx = ft.rfind(metric, start, end)
    return (idx, idx + len(metric)) if idx >= 0 else None


def _share_in_series(ft: str, figs: list[Figure], sources: list[str]) -> None:
    """15万元、10万元、2万元补助: members of a series share the metric named after the
    last (补助) or before the first, the first one's bound (最高8万元、5万元) and
    its direction (分别增长12%、15%)."""
    for i, j in _series(ft, figs):
        if j > i and not figs[i].in_table:
            group = figs[i:j + 1]
            if sources[j] == "after" and group[-1].metric:
                metric, span = group[-1].metric, group[-1].metric_span
            else:
                metric, span = group[0].metric, group[0].metric_span
            for k, f in enumerate(group):
                if metric and (sources[i + k] != "core" or sources[j] == "after"):
                    f.metric, f.metric_span = metric, span
                if f.qualifier is None and group[0].qualifier in ("at_most", "at_least", "approx"):
                    f.qualifier = group[0].qualifier
                if f.direction is None:
                    f.direction = group[0].direction  # 分别增长12%、15%


def _series(ft: str, figs: list[Figure]):
    """(first, last) index of each run of figures of one unit written as a series
    (15万元、10万元; 1.8个百分点和4.5个百分点), single figures as runs of one."""
    joiners = load().series_joiners
    i = 0
    while i < len(figs):
        j = i
        while (j + 1 < len(figs) and figs[j + 1].unit == figs[i].unit and not figs[j + 1].in_table
               and _series_gap(ft[figs[j].span[1]:figs[j + 1].span[0]], joiners)):
            j += 1
        yield i, j
        i = j + 1


def _sized_thing(ft: str, end: int) -> str:
    """设立规模20亿元的新能源电池产业发展基金: the whole name after 的, up to the
    clause's end or the next 的 (a name is no noun phrase jieba reads whole)."""
    m = re.match(r"的((?:(?!的)[\u4e00-\u9fff]){2,20}?)(?=[，,。；;：:、的]|$)", ft[end:end + 24])
    return m.group(1) if m else ""


def _respective_changes(ft: str, figs: list[Figure]) -> None:
    """A达到91.3%，B达到58.7%，同比分别提高1.8个百分点和4.5个百分点: a series of
    changes after 分别 measures, one by one, the levels written right before it
    in the same sentence."""
    for i, j in _series(ft, figs):
        n = j - i + 1
        if n >= 2 and i >= n:
            levels = figs[i - n:i]
            changes = figs[i:j + 1]
            lead = ft[levels[-1].span[1]:figs[i].span[0]]
            word = next((w for w in _direction_words() if w in lead), None)
            points = figs[i].unit == "个百分点"  # a change in points is of a percentage
            if ("分别" in lead and word and all(f.direction for f in changes)
                    and not any(c in ft[levels[0].span[0]:figs[j].span[1]] for c in "。！？；\n")
                    and all(f.metric and f.direction is None and not f.in_table and (f.unit == "%" or not points)
                            for f in levels)):
                for level, change in zip(levels, changes):
                    change.metric, change.metric_span = _subject(level.metric) + word, None


@cache
def _direction_words() -> list[str]:
    """The words saying a quantity changed (增长, 提高 …), longest first."""
    return sorted(ctx.words().direction, key=len, reverse=True)


def _series_gap(gap: str, joiners: str) -> bool:
    """What may stand between members of a series: joiners (15万元、10万元), or a joiner
    and a scope with its rate (县道每公里1万元、乡道每公里5000元)."""
    if 0 < len(gap) <= 2 and all(c in joiners for c in gap):
        return True
    rated = ctx.strip_rates(gap)
    return rated != gap and _joiner_and_scope(joiners).fullmatch(rated) is not None


@cache
def _joiner_and_scope(joiners: str) -> re.Pattern:
    return re.compile(rf"[{re.escape(joiners)}][\u4e00-\u9fff]{{0,4}}")


@cache
def _bound_cues() -> tuple[str, ...]:
    """The qualifier cues written after a figure (以上, 以下)."""
    return tuple(q for q, _ in ctx.load().after)


@cache
def _change_words() -> list[str]:
    return sorted(list(ctx.words().direction) + ["达到", "降", "升"], key=len, reverse=True)


def _subject(metric: str) -> str:
    """The thing a previous metric measured, without its own change words (增加值增长 -> 增加值)."""
    for w in _change_words():
        if metric.endswith(w) and len(metric) > len(w):
            return metric[: -len(w)]
    return metric
