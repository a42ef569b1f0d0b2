"""Named programmes, campaigns, talent schemes and brands, written in quotes.

Every outermost quoted phrase (“…”, 「…」, "…"; an inner ‘…’ stays in the
name) is a candidate. It is dropped when the text treats it as a slogan, a
complaint or a figure of speech (the lists are in data/programs.toml):
“校热企冷”的现象, “就业难”, 由“建好”向“管好”转变, a list of clauses with no
type word after it (“一人一档、一人一策”), a long work title, or 的“大文章”。

name = the quoted text (spacing squeezed). A type word right after the
quotes (“上林英才”计划) goes to `kind` and into the span, not into the name, so
“上林英才”计划 and “上林英才计划” keep names a linker can equate by dropping
a trailing kind. One item per name; repeats go to `other_spans`, and so do
later unquoted repeats of a quoted name (“青溪英才”计划 … 青溪英才计划).

A phrase the text does not introduce as an initiative (no type word inside or
after it, no 实施/开展/推行 … before it) must also read like a name: plan
periods (“十四五”), verb-led or negated phrases (“不敢转”, “有编不补”), idioms
and everyday words (“特长生”) are left out; see [slogan.pos] in the data.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from .. import nlp
from ..numbers import NUMERAL
from ..record import Program
from ..rules import alternation, load as load_rules, pattern as rule_pattern
from ..textutil import fold
from . import programs_unquoted as unquoted
from .quotes import QUOTE_MARKS, dedupe, is_quoted_title, name_of, outermost, scan

SEPARATORS = "、"  # what may stand between quotes of one run: “慢就业”“缓就业”


@cache
def rules() -> dict:
    return load_rules("programs")


@cache
def _patterns() -> dict[str, re.Pattern]:
    r = rules()
    alt = alternation
    breaks = re.escape(r["modifier_breaks"])
    sl = r["slogan"]
    return {
        # (two type words may run on: “一起益企”中小企业服务行动, “千企百亿”信贷投放专项行动)
        "kind": re.compile(f"^[^{breaks}]{{0,{r['max_modifier']}}}(?:{alt(r['kinds'])}){{1,2}}"),
        "kind_word": re.compile(f"(?:{alt(r['kinds'])})$"),
        "short_name": re.compile(f"[（(](?:{alt(r['short_name_leads'])})?[：:]?$"),
        "action": re.compile(f"(?P<verb>{alt(r['actions'])})(?:{alt(sl['action_levels'])})?$"),
        "slogan_follower": re.compile(f"^(?:{alt(sl['follower_lead'])})?(?:{alt(sl['followers'])})"),
        "modified_follower": re.compile(
            f"^(?:{alt(sl['follower_lead'])})?[^{breaks}]{{0,{sl['max_follower_modifier']}}}"
            f"(?:{alt(sl['modified_followers'])})"),
        "idea_follower": re.compile(
            f"^(?:{alt(sl['follower_lead'])})?[^{breaks}]{{0,{sl['max_follower_modifier']}}}"
            f"(?:{alt(sl['idea_followers'])})"),
        "problem_lead": re.compile(f"(?:{alt(sl['problem_leads'])})了?$"),
        "period": re.compile(sl["period_pattern"]),
        "quantity": _quantity_pattern(r["quantity"]),
        # “无废细胞”1.2万余个: things counted are a named sort, not a slogan
        "counted": re.compile(f"^(?:{NUMERAL})[余多]?(?:{alt(r['counted_units'])})"),
        "topic": [(re.compile(f"(?:{alt(f['leads'])})(?:“[^”]{{1,40}}”(?:{alt(r['topic']['joiners'])}))*$"),
                   re.compile(f"^(?:(?:{alt(r['topic']['joiners'])})“[^”]{{1,40}}”)*(?:{alt(f['heads'])})"))
                  for f in r["topic"]["frames"]],
        "enumerator": re.compile(sl["enumerator_pattern"]),
        "award_tier": re.compile(sl["award_tier"]),
        "layout": re.compile(sl["layout_pattern"]),
        "honour": re.compile(sl["honour_pattern"]),
        "suggestion_before": re.compile(sl["suggestion_before"]),
        "coded": re.compile(sl["coded_pattern"]),
        "clause_carrier": re.compile(f"(?:{alt(sl['clause_carriers'])})$"),
        # “全福游、有全福”“清新福建、平潭蓝”的文化旅游品牌: the run is named a brand
        "run_brand": re.compile(f"^(?:“[^”]{{1,20}}”)*的?[^{breaks}]{{0,{sl['brand_max_modifier']}}}"
                                f"(?:{alt(sl['brand_heads'])})"),
        "run_kind": re.compile(f"^(?:{alt(sl['follower_lead'])})?[^{breaks}]{{0,{r['max_modifier']}}}"
                               f"(?:{alt(r['kinds'])})"),
    }


def _quantity_pattern(q: dict) -> re.Pattern:
    """A whole phrase that is a number (or range) with a lead, a bound, or a
    unit after digits (千人, 百家 in words may name a programme: “千人”计划),
    or a run of durations in digits (“5天4夜”)."""
    alt = alternation
    num = f"(?:{NUMERAL})(?:(?:{alt(q['range_joiners'])})(?:{NUMERAL}))?"
    lead, unit, bound, span = (f"(?:{alt(q[k])})" for k in ("leads", "units", "bounds", "duration_units"))
    # (a run of durations in digits is one too: “5天4夜”; “4个100%” may name a target)
    return re.compile(f"^(?:{lead}{num}{unit}?{bound}?|{num}{unit}?{bound}|(?=\\d){num}{unit}|(?:(?=\\d){num}{span}){{2,}})$")


def key(name: str) -> str:
    """Identity of a name within one reply: no quotes or spacing, no trailing
    type word (“甬江英才计划” and “甬江英才”工程 are one programme)."""
    k = re.sub(r"[\s“”‘’「」『』\"'·]", "", name)
    stripped = _patterns()["kind_word"].sub("", k)
    return stripped if len(stripped) >= 2 else k


def extract(doc, reply) -> list[Program]:
    text = doc.text
    quotes = outermost(scan(text, QUOTE_MARKS, max_len=60))
    runs = _runs(text, quotes)
    found: list[Program] = []
    unsure: list[Program] = []  # phrases left out unless the reply names them elsewhere
    problems: set[str] = set()  # names the reply treats as a problem somewhere (整治“活人墓”)
    for run in runs:
        if _topic(text, run):
            items = [_program(text, q, last=False) for q in run]
            items = [p for p in items if p is not None]
            kept = [p for p in items if _topic_name(p.name)]
            unsure.extend(p for p in items if p not in kept)
            found.extend(kept)
            continue
        after = text[run[-1].close + 1:run[-1].close + 12]
        if _slogan_run(after) and not (after.startswith(tuple(rules()["slogan"]["coded_followers"]))
                                       and _coded_run(text, run)) and not _named_idea(text, run, after) \
                and not all(_marked(name_of(text[q.inner[0]:q.inner[1]])) for q in run):
            continue  # (a product named before its 风险补偿资金池 stays a product: “潍企贷”)
        if _patterns()["problem_lead"].search(text[max(0, run[0].open - 6):run[0].open]):
            problems.update(key(name_of(text[q.inner[0]:q.inner[1]])) for q in run)
            continue  # 破解“不愿转”, 杜绝“形象工程”
        items = [_program(text, q, last=(i == len(run) - 1)) for i, q in enumerate(run)]
        items = [p for p in items if p is not None and not _patterns()["period"].match(p.name)
                 and not (p.kind is None and _patterns()["quantity"].match(fold(p.name)))]
        if not _introduced(text, run, items):
            kept = _name_like(items)
            unsure.extend(p for p in items if p not in kept)
            items = kept
        found.extend(items)
    _drop_transitions(text, runs, found)
    found[:] = [p for p in found if key(p.name) not in problems]
    named = {key(p.name) for p in found}
    found.extend(p for p in unsure if key(p.name) in named)  # 推行“一码通办”… “一码通办”范围
    found.extend(_bare(text, getattr(reply, "policies", None), found))
    found.sort(key=lambda p: p.span[0])
    programs = dedupe(found, key=lambda p: key(p.name), merge=_take_kind)  # repeats -> other_spans
    programs = _fold_verb_led(programs)
    programs = _fold_short_names(text, programs)
    _add_unquoted_repeats(text, programs)
    return programs


def _fold_short_names(text: str, programs: list[Program]) -> list[Program]:
    """A quoted short name given in brackets right after a programme's full name
    (…特设岗位计划（以下简称“特岗计划”）) is a mention of that programme."""
    by_end = {p.span[1]: p for p in programs}
    out = []
    for p in programs:
        m = _patterns()["short_name"].search(text, max(0, p.span[0] - 8), p.span[0])
        full = by_end.get(m.start()) if m else None
        if full is not None and full is not p:
            full.other_spans.append(list(p.span))
            continue
        out.append(p)
    return out


def _bare(text: str, policies, quoted: list[Program]) -> list[Program]:
    """Names written without quotes (programs_unquoted). A coordinated form whose
    parts the reply names already (河湖长制 after 河长制 and 湖长制) is a repeat of
    them, not a programme of its own."""
    by_key = {key(p.name): p for p in quoted}
    out = []
    for p in unquoted.find(text, policies, by_key, key):
        if _parts_named(p.name, set(by_key) | {key(q.name) for q in out}):
            continue
        if re.search(f"”[^{_NAME_BREAKS}]{{0,8}}{re.escape(p.name)}", text):
            continue  # the rest of a quoted name's full form: “一链一策一批”中小微企业融资促进行动
        out.append(p)
    return out


_NAME_BREAKS = "，。；、“”（）,;()"


def _parts_named(name: str, keys: set[str]) -> bool:
    """河湖长制 with 河长制 and 湖长制 both named: each head character plus the shared tail."""
    for n in range(2, len(name) - 1):
        head, tail = name[:-n], name[-n:]
        if len(head) >= 2 and all(h + tail in keys for h in head):
            return True
    return False


def _runs(text: str, quotes) -> list[list]:
    """Quotes standing next to each other (“慢就业”“缓就业”, “A”、“B”) form one run."""
    runs: list[list] = []
    for q in quotes:
        if runs and text[runs[-1][-1].close + 1:q.open].strip(SEPARATORS) == "" \
                and q.open - runs[-1][-1].close <= 2:
            runs[-1].append(q)
        else:
            runs.append([q])
    return runs


def _topic(text: str, run) -> bool:
    """The run is the topic of a section answering one point of the suggestion:
    关于“不停航办证”问题, 关于“A”和“B”方面. The 问题 there is not a complaint."""
    before = text[max(0, run[0].open - 80):run[0].open]
    after = text[run[-1].close + 1:run[-1].close + 80]
    return any(lead.search(before) and head.match(after) for lead, head in _patterns()["topic"])


def _topic_name(name: str) -> bool:
    """A point of a suggestion quoted as a topic is the request itself (“为社区干部
    办理医社保”, “政府出台相关政策”) or the problem raised (关于“校热企冷”问题);
    it is a programme here only when its form marks it as a name (“不停航办证”,
    “1+X”, “…工程”) and no verb of request stands in it. Others count when the
    reply names them elsewhere."""
    sl = rules()["slogan"]
    if any(v in name for v in rules()["topic"]["request_verbs"]) and not name.endswith(tuple(sl["service_endings"])):
        return False
    return _marked(name) or _patterns()["kind_word"].search(name) is not None


def _slogan_run(after: str) -> bool:
    """The phrases of a run name a phenomenon, principle or idea (“…”的现象, “…”原则,
    “…”等突出问题, “…”发展理念 — but not “…”政策要求, where a type word comes first)."""
    pat = _patterns()
    m = pat["slogan_follower"].match(after) or pat["idea_follower"].match(after)
    if m and _whole_word_at_end(after, m.end()):
        return True
    modified = pat["modified_follower"].match(after)
    kind = pat["run_kind"].match(after)
    return bool(modified) and (kind is None or kind.end() > modified.end())


def _whole_word_at_end(after: str, end: int) -> bool:
    """Whether the follower matched up to `end` is a word of its own, not the
    head of a longer one (“泉心守护”心理健康服务平台: 心理健康, not 心理)."""
    pos = 0
    for w in nlp.words(after[:end + 6]):
        pos += len(w)
        if pos >= end:
            return pos == end
    return True


def _named_idea(text: str, run, after: str) -> bool:
    """A single noun-like name right before 理念 (“全域森林康养”理念) names the
    approach a programme follows; a maxim (“以产引才，以才促产”理念, “警力跟着
    警情走”的理念) stays a slogan."""
    if len(run) != 1 or not after.startswith(tuple(rules()["slogan"]["named_idea_followers"])):
        return False
    name = name_of(text[run[0].inner[0]:run[0].inner[1]])
    return not any(c in name for c in rules()["slogan"]["clause_marks"]) and len(name) >= 4 \
        and all(tag.startswith("n") for _, tag in _tagged(name))


def _coded_run(text: str, run) -> bool:
    """Every phrase of the run is a numeral-coded name (“三提三效”, “三线一单”,
    “四不两直”): such a code names a campaign or a scheme even when its
    requirements follow (落实“三提三效”要求)."""
    coded = _patterns()["coded"]
    return all(coded.match(name_of(text[q.inner[0]:q.inner[1]])) for q in run)


def _introduced(text: str, run, items: list[Program]) -> bool:
    """The text presents the run as an initiative: a type word after it (also
    after 等: “科创贷”“人才贷”等专属产品), a verb such as 实施 before it, or a type
    word ending a name inside the quotes (“国培计划”), or a count right after
    it (“无废细胞”1.2万余个)."""
    pat = _patterns()
    end = run[-1].close + 1
    return (pat["run_kind"].match(text[end:end + 14]) is not None
            or pat["counted"].match(fold(text[end:end + 14])) is not None
            or any(p.action or p.kind for p in items)
            or any(pat["kind_word"].search(p.name) for p in items))


def _name_like(items: list[Program]) -> list[Program]:
    """Of a run nobody introduces, the phrases that read like names. One
    everyday word drops the whole run: coordinated quotes are of one sort."""
    verdicts = [_reads_as(p.name) for p in items]
    if "word" in verdicts:
        return []
    return [p for p, v in zip(items, verdicts) if v == "name"]


def _reads_as(name: str) -> str:
    """What a phrase reads as, from jieba's words and parts of speech: a "name",
    a "slogan" (verb-led, negated, an idiom, a numeral term such as “两病”) or a
    "word" (an everyday dictionary word). Coded names (“246”, “1+X”, “园区+运营商”) are names."""
    if _marked(name):
        return "name"
    if len(name) == 2 and name[0] in rules()["slogan"]["abbreviation_numerals"]:
        return "slogan"  # “两病”, “三高”: a term abbreviated, not a programme
    pos = rules()["slogan"]["pos"]
    words = _tagged(name)
    if not words:
        return "name"
    first, tag = words[0]
    if tag in pos["verb_initial"] or (tag in pos["adverb_initial"] and len(first) >= 2) \
            or any(w in pos["negations"] for w, _ in words):
        return "slogan"
    if len(words) == 2 and tag.startswith("v") and words[1][0] in pos["resultative_endings"]:
        return "slogan"  # 发展|好: a verbal noun and its result
    if len(words) == 1:
        if words[0][1] in pos["idioms"]:
            return "slogan"
        if _word_freq(words[0][0]) >= pos["common_word_freq"]:
            return "word"
    return "name"


def _marked(name: str) -> bool:
    """The form of the phrase marks it as a name, whatever its first word: a code
    (“246”, “1+X”), a financial product (“劝耕贷”), a service reform (“不停航办证”,
    “一码通办”), a system of rules (“告知承诺制”) or a festival (“开渔节”)."""
    sl = rules()["slogan"]
    return bool(re.search(r"[0-9A-Za-z+＋]", fold(name))) \
        or (len(name) >= 3 and name.endswith(tuple(sl["product_endings"]))) \
        or (len(name) >= 4 and name.endswith(tuple(sl["service_endings"]))) \
        or (len(name) >= 3 and name.endswith(tuple(sl["named_endings"]))
            and not name.endswith(tuple(sl["not_named_endings"])))


@cache
def _tagged(name: str) -> tuple[tuple[str, str], ...]:
    return tuple((w.word, w.flag) for w in nlp.pos_cut(name) if w.word.strip())


def _word_freq(word: str) -> int:
    return nlp.word_freq(word)


def _program(text: str, q, last: bool) -> Program | None:
    sl = rules()["slogan"]
    s, e = q.inner
    raw = text[s:e]
    name = name_of(raw)
    if len(name) < sl["min_length"] or not re.search(r"[\w\u4e00-\u9fff]", name):
        return None
    if _patterns()["enumerator"].match(name):
        return None  # “3.停车配建要求”: a clause quoted from a document
    if any(c in name for c in sl["sentence_marks"]) or is_quoted_title(name):
        return None
    end = q.close + 1
    kind_m = _patterns()["kind"].match(text[end:end + 12]) if last else None
    multi = any(c in name for c in sl["clause_marks"])
    if kind_m is None and any(c in name for c in sl["description_marks"]):
        return None  # “祖国大陆离台湾最近的地方”: a description, not a name
    # (开展“A、B、C” carries a scheme out; 实施“A、B”的…机制 carries out the mechanism the slogan describes)
    carried = _patterns()["clause_carrier"].search(text[max(0, q.open - 6):q.open]) and not text.startswith("的", end)
    if multi and kind_m is None and not carried and not _patterns()["run_brand"].match(text[end:end + 60]):
        return None  # a slogan of several clauses
    if not multi and len(name) > sl["max_length"] and not (
            len(name) <= sl["max_length_with_kind"] and _patterns()["kind_word"].search(name)):
        return None  # the title of a work, not a programme
    if any(name.endswith(w) for w in sl["problem_endings"]) and len(name) <= sl["problem_max_length"]:
        return None  # “就业难”
    if text[q.open - 1:q.open] == "的" and text[end:end + 1] and text[end] in sl["figure_marks"] \
            and not (_patterns()["kind_word"].search(name) or _marked(name)):
        return None  # …的“大文章”。 (…开发的“莆田市智慧农机平台”， is a name: its type word says so)
    if name in sl["figures_of_speech"] or name in sl["manner_words"]:
        return None  # 打通“最后一公里”, 开展“一对一”帮扶
    if _patterns()["suggestion_before"].search(text, max(0, q.open - 8), q.open) \
            and text.startswith(tuple(sl["suggestion_after"]), end):
        return None  # 关于您提出的“…”的建议: the proposer's point quoted back
    if _patterns()["award_tier"].match(name) or _patterns()["honour"].search(name):
        return None  # 入选“十佳”, 获评“全省文旅融合先进单位”
    if _patterns()["layout"].match(name):
        return None  # 构建“一核两带多组团”格局
    if "、" in name and all(len(part) == 1 for part in name.split("、")):
        return None  # “查、测、溯、治”四步工作法, “吃、住、行”: steps or parts, not a name
    if len(steps := re.split("[—-]+", name)) >= 3 and all(1 <= len(p) <= 4 for p in steps):
        return None  # “种苗—种植—加工—销售”全链条: the stages of a chain
    if name.startswith(tuple(sl["wrongdoing_heads"])) and not name.startswith(tuple(sl["not_wrongdoing"])):
        return None  # 打击“不合理低价游”: a wrongdoing
    if kind_m is None and name.endswith(tuple(sl["organisation_endings"])):
        return None  # “河洛文化研究中心”: an organisation (“强村公司”模式 is a programme)
    if kind_m is None and _is_statement(name):
        return None  # “绿水青山就是金山银山”: a maxim
    span_end = end + (kind_m.end() if kind_m else 0)
    kind = kind_m.group(0) if kind_m else None
    action = _patterns()["action"].search(text[max(0, q.open - 6):q.open])
    return Program(span=(q.open, span_end), surface=text[q.open:span_end], name=name,
                   action=action.group("verb") if action else None, kind=kind)


def _is_statement(name: str) -> bool:
    """A copula with words on both sides: the phrase is a clause (a maxim)."""
    words = [w for w, _ in _tagged(name)]
    copulas = set(rules()["slogan"]["copulas"])
    return any(w in copulas for w in words[1:-1])


def _drop_transitions(text: str, runs, found: list[Program]) -> None:
    """由“建好”向“管好”“用好”转变: both ends of a change are states."""
    sl = rules()["slogan"]
    drop = set()
    for a, b in zip(runs, runs[1:]):
        lead = text[a[0].open - 1:a[0].open]
        middle = text[a[-1].close + 1:b[0].open]
        if lead in sl["transition_from"] and middle in sl["transition_to"]:
            drop.update(q.open for q in a + b)
    found[:] = [p for p in found if p.span[0] not in drop]


def _fold_verb_led(items: list[Program]) -> list[Program]:
    """“建设东南五台山” beside “东南五台山”: the act of building a programme named
    elsewhere is a mention of it."""
    verbs = tuple(sorted(rules()["actions"], key=len, reverse=True))
    by_key = {key(p.name): p for p in items}
    out = []
    for p in items:
        verb = next((v for v in verbs if p.name.startswith(v)), None)
        other = by_key.get(key(p.name[len(verb):])) if verb else None
        if other is not None and other is not p:
            other.other_spans.append(list(p.span))
            continue
        out.append(p)
    return out


def _take_kind(first: Program, later: Program) -> None:
    """A later mention's type word completes a first one without it."""
    if first.kind is None:
        first.kind = later.kind


def _add_unquoted_repeats(text: str, items: list[Program]) -> None:
    """A quoted name repeated later without quotes (“青溪英才计划” … 青溪英才计划)
    is the same programme: record the repeat in `other_spans`."""
    min_len = rules()["unquoted_repeat_min_length"]
    taken = [tuple(p.span) for p in items] + [tuple(s) for p in items for s in p.other_spans]
    for p in items:
        if len(p.name) >= min_len:
            spans = unquoted_spans(text, p.name, taken, start=p.span[1])
            p.other_spans.extend(spans)
            taken.extend(map(tuple, spans))  # (the few names of a reply: rebuilt per name)


def batch_forms(name: str, kind: str | None) -> list[str]:
    """The forms of a programme quoted in one reply (“瓯越英才”计划) that another
    reply of the batch may write bare: with its type word and without, each
    holding a place's name (瓯越, 大罗山: a local programme's mark; a phrase of
    common words, 乡村振兴 or 长期护理保险制度试点, is written bare as a noun)."""
    forms = ([name + kind] if kind else []) + [name]
    return [f for f in forms if len(f) >= rules()["unquoted_repeat_min_length"] and _names_a_place(f)]


def _names_a_place(form: str) -> bool:
    return any(nlp.word_tag(w) in rules()["batch_name_tags"] for w in nlp.words(form))


def bare_mentions(text: str, pattern: re.Pattern, taken=(), start: int = 0) -> list[tuple[str, int, int]]:
    """(form, start, end) of each form `pattern` finds in `text` from `start`
    without quotes around it, outside the `taken` spans (across a batch: an
    alternation of batch_forms, longest first)."""
    found = []
    index = _SpanIndex(taken)
    for m in pattern.finditer(text, start):
        at, end = m.span()
        if index.cuts(at, end) or text[at - 1:at] in QUOTE_MARKS or text[end:end + 1] in QUOTE_MARKS.values():
            continue
        found.append((m.group(), at, end))
        index.add(at, end)
    return found


def unquoted_spans(text: str, name: str, taken=(), start: int = 0) -> list[list[int]]:
    """Where `name` stands in `text` without quotes around it and outside the
    `taken` spans, from `start` (a reply's later mentions of a name it quoted)."""
    return [[a, b] for _, a, b in bare_mentions(text, rule_pattern(re.escape(name)), taken, start)]


class _SpanIndex:
    """Spans sorted by start, so a page naming one programme thousands of times
    is checked in logarithmic time per mention."""

    def __init__(self, spans=()):
        spans = sorted(tuple(sp) for sp in spans)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self.longest = max((b - a for a, b in spans), default=0)

    def add(self, a: int, b: int) -> None:
        i = bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)
        self.longest = max(self.longest, b - a)

    def cuts(self, at: int, end: int) -> bool:
        """Whether [at, end) starts or ends inside a span of the index."""
        lo = bisect_left(self.starts, at - self.longest)
        hi = bisect_left(self.starts, end)
        return any(a <= at < b or a < end <= b
                   for a, b in zip(self.starts[lo:hi], self.ends[lo:hi]))
