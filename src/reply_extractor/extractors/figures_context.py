"""What a figure measures (metric), when (period), and its direction/base.

The metric is the noun phrase of the figure's clause: the text before the
number back to the clause start, with leading times/subjects and trailing
verbs/qualifiers stripped (2021年，我市十大产业链实现增加值320.2亿元 ->
十大产业链增加值); for "9家银行" the noun after the unit; for a payment the
noun after the sum (给予20万元奖励 -> 奖励); for a bare change (同比增长12.3%)
the metric of the previous figure in the sentence plus the change word.
The word lists are the [metric] tables of data/figures.toml.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from .. import nlp
from ..numbers import PLAIN_DIGITS
from ..rules import alternation
from .figures_data import load
from ..positions import Protected

CLAUSE_DELIMS = "，,。；;：:！？!?\n\t、"
SENTENCE_DELIMS = "。；;！？!?\n"
_QUOTES = re.compile(r"[“”\"《》「」〈〉\s\u200b]")


@dataclass(frozen=True)
class Words:
    lead: frozenset        # stripped at the left of a phrase (我市, 累计, 其中)
    tail: frozenset        # stripped at the right, between phrase and number (达到, 为)
    direction: dict        # 增长 -> increase
    max_chars: int
    object_verbs: tuple    # 可申请…的Y: the sum is their object
    generic: frozenset     # 总数: needs the subject of the previous figure
    after_stop: frozenset  # end the noun read after a unit


@cache
def words() -> Words:
    m = load().metric
    return Words(frozenset(m["lead_strip"]), frozenset(m["tail_strip"]), m["direction"], m["max_chars"], tuple(m["object_verbs"]), frozenset(m["generic"]),
                 frozenset(m["after_stop"]))


@cache
def _drop_inside() -> frozenset:
    """Tokens never part of a metric wherever they stand: qualifier cues, link verbs."""
    return frozenset(load().metric["link_verbs"]) | {c for c, _ in load().before if len(c) > 1}


@cache
def _benefit_re() -> re.Pattern:
    nouns = alternation(load().metric["benefit"])
    return re.compile(rf"^(?:[^，,。；;、]{{0,8}}?(?:给予|予以|的|不等的))?(?P<n>[\u4e00-\u9fff]{{0,8}}?(?:{nouns}))")


def benefit_after(text: str, end: int) -> str:
    """给予20万元奖励 / 每人1500元标准给予一次性扩岗补助 / 最高50万元的创业担保贷款:
    the payment or thing named after a sum."""
    j = end
    while j < len(text) and text[j] not in CLAUSE_DELIMS and j - end < 24:
        j += 1
    clause = _QUOTES.sub("", text[end:j])
    if clause.startswith("的") and len(clause) > 2:  # X元的Y: a Y of X yuan
        toks = nlp.words(clause[1:])
        if toks and toks[0] == "标准":  # 按8元的标准收取租金 -> 租金
            toks.pop(0)
            if toks and is_action_only(toks[0]):
                toks.pop(0)
        out = ""
        for t in toks:
            if len(out) + len(t) > 10 or not _all_han(t) or (out and t in words().after_stop):
                break
            out += t
        if len(out) >= 2:
            return "的" + out
    m = _benefit_re().match(clause)
    if not m:
        return ""
    n = _COUNT_LEAD.sub("", m.group("n"))  # 400元、600元、800元三档补助: the 三档 is no part of it
    for lead in ("标准", "给予", "予以", "的"):
        if lead in n:
            n = n[n.rindex(lead) + len(lead):]
    return n


_COUNT_LEAD = re.compile(rf"^[{PLAIN_DIGITS}十\d]+[档类级种个项批]")


def benefit_before(text: str, start: int, end: int) -> str:
    """对困难学生给予生活补助，初中每生每年1250元: the payment named earlier in the
    sentence (text[start:end]), with the nouns right before it."""
    nouns = load().metric["benefit"]
    seg = text[start:end]
    best = max((seg.rfind(n) + len(n) for n in nouns if n in seg), default=-1)
    if best < 0:
        return ""
    head = seg[:best]
    i = len(head)
    while i > 0 and head[i - 1] not in CLAUSE_DELIMS and len(head) - i < 16:
        i -= 1
    out = ""
    stop = set(words().object_verbs) | _drop_inside() | words().lead
    for w in reversed(nlp.pos_cut(_QUOTES.sub("", head[i:]))):
        verb = w.flag in ("v", "vd", "vi") and w.word not in nouns  # 加大|资金: a verb ends it
        if (w.word in stop or not _all_han(w.word) or w.flag in ("p", "c", "r", "d", "uj", "m")
                or (out and verb) or len(out) + len(w.word) > 8):
            break
        out = w.word + out
    return out if len(out) >= 2 else ""


@cache
def _rate_re() -> re.Pattern:
    heads = [u.surface for u in load().units if _all_han(u.surface)] + load().metric["rate_nouns"]
    return re.compile(rf"每(?:{alternation(heads)})")


def strip_rates(prefix: str) -> str:
    """县道每公里补助 -> 县道补助; 每千人口 is a measure of its own and stays."""
    return _rate_re().sub("", prefix)


def is_comparison(prefix: str, core: str) -> bool:
    """高于全国平均水平: a gap to a standard, whose subject came before."""
    m = load().metric
    return core.endswith(tuple(m["standards"])) and any(c in prefix for c in m["comparisons"])


def comparison_word(prefix: str) -> str:
    return next((c for c in load().metric["comparisons"] if c in prefix), "")


def trailing_noun(text: str, end: int) -> str:
    """The last noun of the rest of the clause (每3至5年参加一轮研修 -> 研修)."""
    j = end
    while j < len(text) and text[j] not in CLAUSE_DELIMS and j - end < 24:
        j += 1
    out = ""
    for w in reversed(nlp.pos_cut(_QUOTES.sub("", text[end:j]))):
        if not _all_han(w.word) or len(out) + len(w.word) > 8 or (
                out and w.flag not in ("n", "nz", "vn", "an", "ng")):
            break
        if not out and w.flag not in ("n", "nz", "vn", "an", "ng", "v"):
            break
        out = w.word + out
    return out if len(out) >= 2 else ""


_AS = re.compile(r"^(?:作为|用作|用于|列为|划为)(?P<n>[\u4e00-\u9fff]{2,10})")


def share_as(text: str, end: int, comma: bool = False) -> str:
    """N%作为定向生指标: a share named by what it is set aside as; with `comma`
    also past one comma (安排5000万元，用于生态修复)."""
    s = _QUOTES.sub("", text[end:end + 17])
    m = _AS.match(s[1:] if comma and s[:1] in "，," else s)
    if not m:
        return ""
    out = ""
    for t in nlp.words(m.group("n")):
        if t in words().after_stop or len(out) + len(t) > 10:
            break
        out += t
    return out


def is_scope_only(core: str) -> bool:
    """单家企业 / 每个项目: the unit a sum applies to, not what the sum is."""
    return bool(re.fullmatch(r"(?:单|每)[\u4e00-\u9fff]{1,4}", core))


def names_a_measure(core: str) -> bool:
    """经营性收入 (a noun: the sum measures it) vs 可申请 / 每平方米 (a verb or a rate)."""
    if re.search(r"每[\u4e00-\u9fff]{1,3}$", core):
        return False
    return not core.endswith(words().object_verbs)


def is_generic(core: str) -> bool:
    return core in words().generic


def clause_start(text: str, pos: int, floor: int = 0) -> int:
    i = pos
    while i > floor and text[i - 1] not in CLAUSE_DELIMS:
        i -= 1
    return i


def sentence_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in SENTENCE_DELIMS:
        i -= 1
    return i


_TIME = re.compile(r"(?:截至|截止|到|至|在|于)?(?:\d{4}年(?:\d{1,2}(?:[-—至]\d{1,2})?月(?:\d{1,2}日)?)?"
                       r"(?:年?底|末|初|以来|前|全年|度)?|今年|去年|明年|前年|近年来|"
                       r"(?:近|过去|最近|今后|未来)[一二三四五六七八九十两\d]+年(?:来|内|间)?)")
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|另外|此外|同时"
                   r"|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、]|[一二三四五六七八九十]+、)")


@cache
def _cues() -> tuple[str, ...]:
    return tuple(c for c, _ in load().before if len(c) > 1)


def core_phrase(prefix: str) -> tuple[str, list[str]]:
    """The noun phrase of a clause prefix, and the words stripped from its right end."""
    lead, tail = words().lead, words().tail
    s = _QUOTES.sub("", prefix.strip())
    shares = tuple(load().metric["shares"])
    for cue in _cues():  # 不低于 / 最高 never name the measured thing; 约占 keeps its 占
        s = s.replace(cue, next((w for w in shares if cue.endswith(w)), ""))
    for p in load().base:  # 同比 / 比2020年: kept in `base`, not in the metric
        s = p.sub("", s)
    s = _ENUM.sub("", _TIME.sub("", s))
    if not s.endswith(load().not_cues):  # 约 of 合约 is a word, 约 of 占比约 a cue
        s = re.sub(r"(?:约|近|超|逾|达|为|约为)+$", "", s)
    # an opening bracket never closed: the phrase starts inside it ((含特长生310人)
    for o, c in ("（）", "()"):
        if o in s and c not in s[s.rindex(o):]:
            s = s[s.rindex(o) + 1:]
    toks = nlp.words(s)
    while toks and (toks[0] in lead or re.fullmatch(r"[\d.]+|[年月日的了含由从]", toks[0])):
        toks.pop(0)
    dropped = []
    while toks and (toks[-1] in tail or toks[-1] in "由从"):
        dropped.insert(0, toks.pop())
    while toks and toks[0] in lead:
        toks.pop(0)
    inside = _drop_inside()
    # a link verb before a noun suffix is part of a noun (兑现率, 完成额)
    kept = [t for i, t in enumerate(toks)
            if t not in inside or (i + 1 < len(toks) and toks[i + 1][0] in "率额量数值比金款")]
    return "".join(kept), dropped


def is_action_only(core: str) -> bool:
    """建成 / 认定 alone: a verb whose object (the subject of the count) came before."""
    cut = nlp.pos_cut(core)
    # 带动就业: two verbs are a verb and its object, a clause with its own subject
    return 0 < len(cut) <= 2 and all(w.flag in ("v", "vd", "vi") for w in cut) and (
        len(cut) == 1 or len(cut[-1].word) == 1)


def after_phrase(text: str, end: int) -> str:
    """The noun right after a count unit (9家银行 -> 银行), up to a clause mark."""
    j = end
    while j < len(text) and text[j] not in CLAUSE_DELIMS and j - end < 24:
        j += 1
    s = _QUOTES.sub("", text[end:j])
    s = s.lstrip("的")
    if not s or not ("\u4e00" <= s[0] <= "\u9fff"):
        return ""
    cut = nlp.pos_cut(s)
    if not cut or cut[0].flag in ("p", "d", "c", "uj", "r", "u", "m", "mq", "q"):
        return ""  # 三档 / 每 / 在: no noun
    # a verb right before a preposition or a number is the predicate (压缩至8个), not a noun
    if cut[0].flag.startswith("v") and cut[0].flag != "vn" and len(cut) > 1 and (
            cut[1].flag == "p" or not _all_han(cut[1].word)):
        return ""
    out, prev_flag = "", ""
    for w in cut:
        t = w.word
        # a verb ends the noun, except right after an adjective (具体|举措)
        if (t in words().after_stop or len(out) + len(t) > 10 or not _all_han(t)
                or (out and w.flag in ("p", "d", "c"))
                or (out and w.flag in ("v", "vi") and prev_flag != "a")):
            break
        out += t
        prev_flag = w.flag
    return out


def _all_han(t: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in t)


def direction_of(window: str) -> str | None:
    best, best_pos = None, -1
    for word, d in words().direction.items():
        i = window.rfind(word)
        if i > best_pos:
            best, best_pos = d, i
    return best


def base_of(window: str) -> str | None:
    for p in load().base:
        m = p.search(window)
        if m:
            return m.group()
    return None


def is_change_only(core: str) -> bool:
    """A phrase that names only a change or a share (同比增长, 提高, 占比) needs a subject."""
    s = core
    for p in load().base:
        s = p.sub("", s)
    for w in _change_words():
        s = s.replace(w, "")
    return len(s) == 0


@cache
def _change_words() -> list[str]:
    extra = ["了", "幅度", "的", "均", "比", "到", "至", "降", "升", "增"] + load().metric["shares"]
    return sorted(list(words().direction) + extra, key=len, reverse=True)


def fit(s: str, limit: int | None = None) -> str:
    """At most `limit` characters, dropping whole words from the left."""
    limit = limit or words().max_chars
    if len(s) <= limit:
        return s
    toks = nlp.words(s)
    while toks and sum(map(len, toks)) > limit:
        toks.pop(0)
    return "".join(toks) or s[-limit:]


_YEAR = re.compile(r"(\d{4})年(?:(\d{1,2})(?:[-—至](\d{1,2}))?月)?|(今年|去年|明年|前年|上年|当年)")


def _period(m: re.Match, reply_year: int | None) -> str | None:
    if m.group(4):
        if reply_year is None:
            return None
        off = {"今年": 0, "当年": 0, "去年": -1, "上年": -1, "明年": 1, "前年": -2}[m.group(4)]
        return str(reply_year + off)
    y, m1, m2 = m.group(1), m.group(2), m.group(3)
    if m1 and m2:
        return f"{y}-{int(m1):02d}/{y}-{int(m2):02d}"
    return y


def _counts_as_period(ft: str, m: re.Match, skip: Protected) -> bool:
    if ft[m.start() - 1:m.start()] in ("比", "较"):  # 比2020年提高: a base, not the period
        return False
    return m.start() not in skip


def period_of(ft: str, para_start: int, pos: int, reply_year: int | None,
              skip=()) -> str | None:
    """The nearest time expression before `pos` in its paragraph, as YYYY or
    YYYY-MM/YYYY-MM; years inside titles and quotes (`skip`: spans or a
    Protected) do not count."""
    skip = skip if isinstance(skip, Protected) else Protected(list(skip))
    last = None
    for m in _YEAR.finditer(ft, para_start, pos):
        if _counts_as_period(ft, m, skip):
            last = m
    return _period(last, reply_year) if last else None


class Periods:
    """period_of for many positions of one text: the time expressions are found
    once, and each lookup bisects (a one-line page holds hundreds of figures)."""

    def __init__(self, ft: str, reply_year: int | None, skip=()):
        skip = skip if isinstance(skip, Protected) else Protected(list(skip))
        self.ft, self.year, self.skip = ft, reply_year, skip
        self.found = list(_YEAR.finditer(ft))
        self.starts = [m.start() for m in self.found]
        self.counts = [_counts_as_period(ft, m, skip) for m in self.found]

    def of(self, para_start: int, pos: int) -> str | None:
        """period_of(ft, para_start, pos, …), the same answer."""
        ft = self.ft
        i = bisect_left(self.starts, pos) - 1
        if i >= 0 and self.found[i].end() > pos:
            # a match running past pos: what the text up to pos alone holds there
            last = None
            for m in _YEAR.finditer(ft, max(para_start, self.starts[i]), pos):
                if _counts_as_period(ft, m, self.skip):
                    last = m
            if last:
                return _period(last, self.year)
            i -= 1
        while i >= 0 and self.starts[i] >= para_start:
            if self.counts[i]:
                return _period(self.found[i], self.year)
            i -= 1
        return None


def names_a_payment(core: str) -> bool:
    """县道补助 / 专项资金: the phrase already ends in a payment noun."""
    return core.endswith(tuple(load().metric["benefit"]) + ("标准", "金额", "费用"))


@cache
def _selection_verbs() -> tuple[str, ...]:
    return tuple(sorted(load().metric["selection_verbs"], key=len, reverse=True))


def selected_into(text: str, end: int) -> str:
    """68个村入选全国乡村旅游重点村 / 4人入选“甬江英才计划”: the list a count is counted in."""
    j = end
    while j < len(text) and text[j] not in CLAUSE_DELIMS and j - end < 30:
        j += 1
    rest = _QUOTES.sub("", text[end:j])
    verbs = _selection_verbs()
    noun = after_phrase(text, end)
    if noun and not noun.startswith(verbs) and rest.startswith(noun):
        rest = rest[len(noun):]
    verb = next((v for v in verbs if rest.startswith(v)), "")
    if not verb:
        return ""
    name = re.sub(r"(?:名单|名录|行列)$", "", rest[len(verb):])
    return fit(name, limit=12) if len(name) >= 2 and _all_han(name) else ""
