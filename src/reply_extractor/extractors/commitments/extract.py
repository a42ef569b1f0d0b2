"""Commitments: each sentence saying what the agency will do.

The cues (将, 拟, 力争, 计划于…, 年内 …) come from cues.py; a sentence holding one,
or opening with 下一步/今后 …, is a commitment. Context carries a plan onto sentences with no
cue of their own: the items after a lead-in ("重点做好以下工作：一是…。二是…。"),
a section headed 下一步打算, and a sentence continuing a plan (同时，继续深化…).
Cues inside quotes or 《》, work done (已将…), the closing courtesy and
attributive uses (我局正在推进的工作) are not commitments.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from ... import layout, nlp
from ...record import Commitment
from ...rules import alternation, load as load_rules, pattern as _rx
from ...textutil import lines
from . import plan
from .cues import (clause_end, clause_start, cue_matcher, find_cues, forecasts, has_word, past_in_clause,
                   quoted_spans, rules)
from .horizon import current_year as _current_year, horizon as _horizon, masked as _masked



@cache
def _section_heading() -> re.Pattern:
    """A heading whose section is all plans; group `opener` is its horizon word."""
    openers = alternation(load_rules("numbering")["closing"]["plan_openers"])
    return re.compile(rules()["section_heading"].replace("{openers}", openers))


@dataclass
class Sentence:
    start: int
    end: int                      # exclusive, stop mark included
    lead_in: bool = False         # ends with ：, introduces items
    cues: list[tuple[int, str]] = field(default_factory=list)  # (char offset, cue word)


# ---- sentences -------------------------------------------------------------

@cache
def _sentence_marks_re() -> re.Pattern:
    r = rules()
    chars = "“《「（(" + "”》」）)" + r["sentence_ends"] + r["lead_in_end"] + "."
    return re.compile("[" + re.escape("".join(sorted(set(chars)))) + "]")


def _han_full_stop(text: str, i: int, end: int) -> bool:
    """A half-width "." written as a full stop between Chinese (…全面完工.我局将…),
    not a decimal point or an abbreviation's."""
    return (i > 0 and "\u4e00" <= text[i - 1] <= "\u9fff"
            and (i + 1 >= end or "\u4e00" <= text[i + 1] <= "\u9fff" or text[i + 1] in "\n“"))


def _sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Split one paragraph [start, end) at sentence stops and lead-in colons."""
    r = rules()
    out, s, depth = [], start, 0
    for hit in _sentence_marks_re().finditer(text, start, end):  # only the marks that matter
        i, c = hit.start(), hit.group()
        if c in "“《「（(":
            depth += 1
        elif c in "”》」）)":
            depth = max(0, depth - 1)
        elif c == "." and not (depth == 0 and _han_full_stop(text, i, end)):
            continue
        elif (c in r["sentence_ends"] or c == ".") and (depth == 0 or c not in r["bracket_keeps"]) or \
                (c in r["lead_in_end"] and depth == 0 and not _ends_field_label(text, s, i)):
            depth = 0
            out.append(Sentence(s, i + 1, lead_in=c in r["lead_in_end"]))
            s = i + 1
            continue
    if s < end:
        out.append(Sentence(s, end))
    result = []
    for sent in out:
        a, b = sent.start, sent.end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            result.append(Sentence(a, b, sent.lead_in))
    return result


def _field_sentence(ftext: str, s: Sentence) -> bool:
    """A sentence of labelled fields (牵头单位：…，完成时限：…)."""
    return _field_label_re().match(ftext, s.start) is not None


def _due_field(ftext: str, s: Sentence) -> bool:
    """A sentence of labelled fields giving a deadline (…，完成时限：2025年9月底前。)."""
    return _field_sentence(ftext, s) and _rx(rules()["due_labels"]).search(ftext[s.start:s.end]) is not None


@cache
def _field_label_re() -> re.Pattern:
    return re.compile(rf"(?:{alternation(rules()['field_labels'])})[:：]")


def _ends_field_label(text: str, start: int, colon: int) -> bool:
    """Whether the colon at `colon` closes a field label alone in its clause
    (…，完成时限：2025年12月底前): the value follows, no list of plans."""
    k = colon
    while k > start and text[k - 1] not in "，,；;。":
        k -= 1
    return text[k:colon].strip() in rules()["field_labels"]


# ---- horizon, deadline, actor ----------------------------------------------

def _actor(text: str, pos: int) -> str | None:
    """Who will act: the body heading the cue's clause (市委编办将…), or the one
    the clause puts in charge (我区将由区投促委牵头…)."""
    led = _rx(rules()["not_plans"]["led_by"]).search(text[pos:clause_end(text, pos)])
    if led:
        return led.group(1)
    head = text[clause_start(text, pos):pos + 4]
    m = _rx(rules()["actor"]).match(head.strip())
    return m.group(1) if m else None


# ---- the extractor -----------------------------------------------------------

def _trim(text: str, s: Sentence, limit: int) -> tuple[int, int]:
    """At most `limit` characters: from the sentence start when its first cue lies
    within the limit, else from the cue's clause; cut at a clause boundary."""
    start, end = s.start, s.end
    if end - start <= limit:
        return start, end
    if s.cues and s.cues[0][0] - start >= limit:
        start = max(clause_start(text, s.cues[0][0]), s.start)
    end = min(end, start + limit)
    cut = max(text.rfind(c, start, end) for c in "，,；;")
    if cut > start + limit // 2:
        end = cut + 1
    return start, end


class _Reader:
    """Walks the paragraphs and sentences of a reply, keeping the context that
    makes a sentence with no cue of its own a plan."""

    def __init__(self, text: str, ftext: str, tdoc, cues, year: int | None, projections=(),
                 plan_bodies=()):
        self.text, self.ftext, self.tdoc, self.year = text, ftext, tdoc, year
        self.projections = projections
        self.plan_bodies = plan_bodies  # (start, end, horizon) of plan sections' bodies
        self.masked = _masked(self.ftext, quoted_spans(self.ftext))
        self.cues = cues  # sorted by offset
        self.cue_at = [c[0] for c in cues]

    def reports_done(self, s: Sentence, body: str) -> bool:
        """此外，我区…实现了…: the continuation's first clause reports work done
        (a 了 in a later clause, 来得了, is no report)."""
        at = s.start + _rx(rules()["continuations"]).match(body).end()
        while at < s.end and self.text[at] in "，,、 ":
            at += 1
        if has_word(self.tdoc, at, clause_end(self.text, at), past_in_clause()):
            return True
        # 同时为确保…，《方案》已为…预留了用地指标: 已 anywhere in it (a later 了 may be 来得了)
        return has_word(self.tdoc, s.start, s.end, rules()["past_words"])

    def plan_body(self, s: Sentence) -> str | None:
        """The horizon of the plans section (as the measures found it) holding a
        whole sentence; not a fragment of a line broken by a crawler."""
        if s.end - s.start < rules()["plan_items"]["body_sentence_min"] or \
                self.text[s.end - 1] not in "。！？；;!?":
            return None
        return next((h for a, b, h in self.plan_bodies if a <= s.start < b), None)

    def opens_past_year(self, body: str) -> bool:
        """Whether the sentence opens with a year before the reply's (2019年，我市成立…)."""
        m = _rx(rules()["year_open"]).match(body)
        return (m is not None and self.year is not None and int(m.group(1)) < self.year
                and not _rx(rules()["year_open_turns"]).search(body))

    def horizon(self, start: int, end: int):
        return _horizon(self.masked, self.text, start, end, self.year)

    def chosen(self):
        """(sentence, horizon inherited from its context) for each plan sentence."""
        r = rules()
        section = None  # horizon of a 下一步打算 section
        lead = None
        series = None  # horizon of a 下一步… sentence whose labelled items follow it
        series_on = False  # its items have started
        for p_start, p_end in lines(self.text):
            line = self.ftext[p_start:p_end].strip()
            if not line:
                continue
            if m := _section_heading().match(line):
                section = m.group("opener")
                continue
            if len(line) <= r["heading_max_chars"] and "。" not in line:
                section = None  # another heading: the plans section is over
            # horizon of a lead-in ("…以下工作："), of the last plan; a lead-in's items
            # may stand on lines of their own (…四个方面入手：⏎一是…⏎二是…)
            if not (lead and _item_label().match(line)):
                lead = None
            if not (series and series_on and _item_label().match(line)):
                series = None
            prev = None
            sentences = _sentences(self.text, p_start, p_end)
            for k, s in enumerate(sentences):
                if _field_sentence(self.ftext, s):
                    continue  # 牵头单位：…，完成时限：…: read with the task before it
                due = k + 1 < len(sentences) and _due_field(self.ftext, sentences[k + 1])
                if due:  # a task with its 完成时限: one promise, its deadline with it
                    s = Sentence(s.start, sentences[k + 1].end)
                s.cues = self.cues[bisect_left(self.cue_at, s.start):bisect_left(self.cue_at, s.end)]
                body = self.ftext[s.start:s.end]
                if courtesy := _rx(r["courtesy"]).search(body):
                    lead = prev = section = None
                    cut = s.start + courtesy.start()
                    while cut > s.start and self.text[cut - 1] in "，, ":
                        cut -= 1
                    if not (courtesy.start() and s.cues and s.cues[0][0] < cut):
                        # 感谢你…的关心和支持，在下一步工作中，我局将…: the promise after the thanks
                        after = clause_end(self.text, s.start + courtesy.end()) + 1
                        rest = self.ftext[after:s.end]
                        later = [c for c in s.cues if c[0] >= after]
                        if later and _rx(r["year_open_turns"]).search(rest) and not _rx(r["courtesy"]).search(rest):
                            yield Sentence(after, s.end, cues=later), None
                        continue
                    # 我们也将积极向上级部门反映，感谢您…: the promise before the thanks
                    s = Sentence(s.start, cut, cues=[c for c in s.cues if c[0] < cut])
                    yield s, None
                    continue
                if _rx(r["not_plans"]["slogan"]).search(body):
                    continue  # 为…作出新的更大贡献: a closing slogan
                if _rx(r["not_plans"]["category_note"]).search(body):
                    continue  # 乙类（所提问题正在解决或列入计划解决）: what the category means
                if not s.cues and body.startswith(tuple(r["reported"])):
                    prev = None
                    continue  # 您建议将…纳入…: the proposal restated, in a plans section too
                if _rx(r["part_start"]).match(body):
                    lead = prev = None
                if not s.cues and any(s.start <= a < s.end for a, _ in self.projections):
                    continue  # a forecast, even in a plans section or after a lead-in
                # 下一步，… opening a sentence with no cue: a plan unless it reports work done
                opens = bool(_rx(r["horizon_open"]).match(body)) and not has_word(
                    self.tdoc, s.start, s.end, past_in_clause())
                forward = bool(s.cues) or opens or due
                cue_word = s.cues[0][1] if s.cues else None
                if s.lead_in:
                    # 我局正积极会同相关部门，开展如下工作：… lists work under way, not plans
                    under_way = s.cues and not opens and all(w in r["progressive_words"] for _, w in s.cues)
                    # …第三十五条规定：“…”: a text cited, not items of a plan
                    cites = body.rstrip("：: ").endswith(tuple(r["cited_before"])) or \
                        self.text[s.end:s.end + 1] in r["quote_opens"]
                    announced = _plan_lead().search(body)  # 下一步措施，重点从以下四个方面入手：
                    ordinal = _rx(r["plan_items"]["ordinal_heading"]).match(body)
                    if cites or (ordinal and not forward and not announced):
                        lead = prev = None
                    elif (forward or prev or announced) and not under_way:
                        lead = self.horizon(s.start, s.end)[0] or prev or cue_word
                        # 将重点从三个方面发力，切实完善…，全力提振…： states aims of its own
                        if s.cues and announced and (_rx("[，,]").search(body[announced.end("announce"):])
                                                     or _rx(r["plan_items"]["lead_in_purpose"]).search(body)):
                            yield s, lead
                    continue
                if self.opens_past_year(body):
                    prev = None
                    continue  # 2021年围绕绿色经济，我市将…作为…: that year's report
                nxt = sentences[k + 1] if k + 1 < len(sentences) else None
                if nxt is not None and s.cues and _announces_items(body) \
                        and _rx(r["series_first"]).match(self.ftext[nxt.start:nxt.end]):
                    # 下一步，我局将重点抓好三项工作。一是…: announces the items, promises nothing itself
                    series, series_on = self.horizon(s.start, s.end)[0] or cue_word, False
                    prev = None
                    continue
                # 下一步，我局将着力推进以下工作。2026年底前新增…: unlabelled items, each a plan of
                # its own, follow in its paragraph: the announcement promises nothing itself
                announcing = nxt is not None and s.cues and _announces_items(body) and \
                    bisect_left(self.cue_at, nxt.start) < bisect_left(self.cue_at, nxt.end)
                labelled = _item_label().match(body) is not None
                # 下一步，我局将…。一是…。二是…: labelled items starting at 一 right after a
                # plan opening with its horizon, in its paragraph, are that plan's items
                if series and labelled and not series_on and _rx(r["series_first"]).match(body):
                    series_on = True
                # (a heading alone, 一是加强培训。, names an aim: the sentence after it says the plan)
                in_series = series if labelled and series_on and not plan.heading_like(body) else None
                inherited = lead or section or self.plan_body(s) or in_series
                if inherited and not forward and (_rx(r["past_open"]).match(body) or _rx(r["problems_left"]).search(body)):
                    inherited = None  # 近年来，我局持续… / 但仍存在…等问题: a report, even in a plans section
                if (not forward and not inherited and prev and _rx(r["continuations"]).match(body)
                        and not _rx(r["past_open"]).match(body)
                        and not self.reports_done(s, body)):
                    inherited = prev
                if forward or inherited:
                    if not announcing:
                        yield s, inherited
                    prev = self.horizon(s.start, s.end)[0] or inherited or cue_word
                else:
                    prev = None
                if s.cues and _announces_items(body):
                    # 下一步，我委将做好以下工作。近期，…。长期来看，…: its items are the
                    # sentences after it in its paragraph (or the labelled lines below
                    # it), as after a colon
                    lead = prev
                if opens and not labelled:
                    series, series_on = prev, False
                elif not labelled:
                    series = None


def _announces_items(body: str) -> bool:
    """A sentence closed by 。 that only announces the items after it (下一步，我局将重点
    抓好三项工作。), with no clause of its own (…将充分吸收您的建议，从以下三个方面…)
    beyond one that frames it (…将结合你们的建议，重点做好以下工作。)."""
    m = _plan_lead().search(body)
    if m is None or not body.rstrip().endswith("。"):
        return False
    opener = _rx(rules()["horizon_open"]).match(body)
    head = body[opener.end() if opener else 0:m.start("announce")].lstrip("，, ")
    *frames, _ = _rx("[，,]").split(head)  # the clauses before the announcing one
    framing = rules()["plan_items"]["announce_frame"]
    return all(_rx(framing).match(c) for c in frames) and not _rx("[，,]").search(body[m.end("announce"):])


@cache
def _plan_lead() -> re.Pattern:
    return re.compile(rules()["plan_items"]["lead_in"])


@cache
def _item_label() -> re.Pattern:
    return re.compile(rules()["plan_items"]["item_label"])


def extract(doc, reply) -> list[Commitment]:
    text = doc.text
    if not text.strip():
        return []
    # the reply's words are cut only in the sentences where a cue may stand (and
    # where a reading asks for words); all of them when a reading goes further
    words = nlp.lazy_tokens(text)
    try:
        return _extract(doc, reply, words.view(cue_matcher().windows(words)))
    except nlp.NeedsWholeCut:
        return _extract(doc, reply, words.full())


def _extract(doc, reply, tdoc) -> list[Commitment]:
    text = doc.text
    r = rules()
    year = _current_year(reply, doc.folded)
    projections = forecasts(text, tdoc)
    measures = getattr(reply, "measures", None) or []
    bodies = [(m.span[1], m.section_span[1], h) for m, h in plan.plan_sections(measures)]
    reader = _Reader(text, doc.folded, tdoc, sorted(find_cues(text, tdoc, year, projections)), year,
                     projections, bodies)
    figures = getattr(reply, "figures", None) or []
    salutation = layout.find_salutation(text)
    head_end = salutation.start if salutation else 0  # the letterhead: title, 文号, category
    by_start = sorted(range(len(figures)), key=lambda i: figures[i].span[0])
    figure_at = [figures[i].span[0] for i in by_start]

    def commitment(s: Sentence, inherited: str | None) -> Commitment:
        start, end = _trim(text, s, r["max_chars"])
        horizon, deadline = reader.horizon(start, end)
        cue_word = s.cues[0][1] if s.cues else None
        surface = text[start:end]
        return Commitment(
            span=(start, end), surface=surface, text=surface,
            horizon=horizon or inherited or cue_word, deadline=deadline,
            actor=next(filter(None, (_actor(text, pos) for pos, _ in s.cues)), None),  # 2025年底前，我局将…
            targets=sorted(i for i in by_start[bisect_left(figure_at, start):bisect_left(figure_at, end)]
                           if figures[i].span[1] <= end))

    # a cue of its own, or 下一步，… opening it: a promise apart from the item it stands in
    sentences = [(commitment(s, inherited), bool(s.cues) or bool(_rx(r["horizon_open"]).match(doc.folded[s.start:s.end])))
                 for s, inherited in reader.chosen()]
    items = plan.plan_items(text, measures)
    out = []
    for item in items:
        if item.heading:
            continue  # 一、完善机制: its sub-items are the promises
        sentence = _item_sentence(reader, item)
        if _body_reports_done(text, tdoc, item, reader, cued=bool(sentence.cues)):
            continue  # 三是强化人才培养。制定出台了《…》: work done, listed among the plans
        c = commitment(sentence, item.horizon)
        if c.actor is None and item.lead:  # 我区将由区投促委牵头，重点做好以下工作：
            c.actor = _lead_actor(text, item.lead)
        out.append(c)
    starts = [i.start for i in items]
    for c, own_cue in sentences:
        a, b = c.span
        k = bisect_left(starts, b) - 1  # the last item starting before the sentence ends
        if k >= 0 and a < items[k].end:
            continue  # the item's commitment holds it (items do not overlap)
        if k >= 0 and not own_cue and a < items[k].section_end:
            continue  # the rest of an item: one promise per item
        if b <= head_end:
            continue  # the letterhead's fields (答复类型：B（…列入计划解决）) promise nothing
        out.append(c)
    taken = [c.span for c in out]
    for a, b in _task_rows(doc):  # a table of tasks and their deadlines: a promise a row
        if not any(x < b and a < y for x, y in taken):
            out.append(commitment(Sentence(a, b), None))
    return sorted(out, key=lambda c: c.span)


def _task_rows(doc) -> list[tuple[int, int]]:
    """The rows of a table of tasks with their deadlines (序号 | 工作任务 | 责任单位 |
    完成时限), below its header row."""
    tasks, dues = _task_columns()
    rows: list[tuple[int, int]] = []
    header = False
    for b in getattr(doc, "blocks", ()):
        if b.kind != "table_row":
            header = False
            continue
        if not header:
            cells = {c.strip() for c in doc.text[b.start:b.end].split("\t")}
            header = bool(cells & tasks) and bool(cells & dues)
            continue
        rows.append((b.start, b.end))
    return rows


@cache
def _task_columns() -> tuple[frozenset[str], frozenset[str]]:
    r = rules()["task_table"]
    return frozenset(r["task_columns"]), frozenset(r["due_columns"])


def _lead_actor(text: str, lead: tuple[int, int]) -> str | None:
    led = _rx(rules()["not_plans"]["led_by"]).search(text[lead[0]:lead[1]])
    return led.group(1) if led else None


def _body_reports_done(text: str, tdoc, item, reader: _Reader, cued: bool) -> bool:
    """Whether the sentence after an item's heading opens with a past year
    (2019年，我市成立…; 2021年…我市将…作为…), or, for an item with no cue, its
    first clause reports work done (制定出台了…, 已建成…)."""
    stops = rules()["sentence_ends"]
    i = item.start
    while i < item.end and text[i] not in stops:
        i += 1
    while i < item.end and (text[i] in stops or text[i].isspace()):
        i += 1
    if i >= item.end:
        return False
    if reader.opens_past_year(reader.ftext[i:item.end]):
        return True
    return not cued and has_word(tdoc, i, min(clause_end(text, i), item.end), past_in_clause())


def _item_sentence(reader: _Reader, item) -> Sentence:
    """A plan item as one sentence with the cues it holds."""
    cues = reader.cues[bisect_left(reader.cue_at, item.start):bisect_left(reader.cue_at, item.end)]
    return Sentence(item.start, item.end, cues=cues)
