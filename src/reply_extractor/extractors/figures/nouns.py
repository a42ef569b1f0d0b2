"""The nouns a number names around it, when the words before it do not: the
noun after a count unit (9家银行 -> 银行), the payment after or before a sum
(给予20万元奖励 -> 奖励), what a share is set aside as (作为定向生指标), the
list a count is counted in (入选全国乡村旅游重点村)."""
from __future__ import annotations

import re
from functools import cache

from ... import nlp
from ...numbers import PLAIN_DIGITS
from ...rules import alternation
from ...textutil import clause_end, clause_start
from .context import (CLAUSE_DELIMS, QUOTES, all_han, drop_inside, fit, is_action_only,
                              words)
from .data import load

@cache
def _benefit_re() -> re.Pattern:
    nouns = alternation(load().metric["benefit"])
    return re.compile(rf"^(?:[^，,。；;、]{{0,8}}?(?:给予|予以|的|不等的))?(?P<n>[\u4e00-\u9fff]{{0,8}}?(?:{nouns}))")


def benefit_after(text: str, end: int) -> str:
    """给予20万元奖励 / 每人1500元标准给予一次性扩岗补助 / 最高50万元的创业担保贷款:
    the payment or thing named after a sum."""
    if _clause_ends_at(text, end):  # most figures: nothing after them in the clause
        return ""
    j = _clause_end(text, end, 24)
    clause = QUOTES.sub("", text[end:j])
    if clause.startswith("的") and len(clause) > 2:  # X元的Y: a Y of X yuan
        toks = nlp.words(clause[1:])
        if toks and toks[0] == "标准":  # 按8元的标准收取租金 -> 租金
            toks.pop(0)
            if toks and is_action_only(toks[0]):
                toks.pop(0)
        out = ""
        for t in toks:
            if len(out) + len(t) > 10 or not all_han(t) or (out and t in words().after_stop):
                break
            out += t
        if len(out) >= 2:
            return "的" + out
    m = _benefit_re().match(clause)
    if not m:
        return ""
    n = _COUNT_LEAD.sub("", m.group("n"))  # 400元、600元、800元三档补助: the 三档 is no part of it
    for lead in ("标准", "给予", "予以", "的", "以下", "以上"):  # 五元以上五十元以下罚款: the other bound
        if lead in n:
            n = n[n.rindex(lead) + len(lead):]
    return n


def _clause_ends_at(text: str, end: int) -> bool:
    """The clause ends right at `end` (_clause_end(text, end, …) == end): a clause
    mark or the end of the text, so nothing is read after a figure there."""
    return end >= len(text) or text[end] in CLAUSE_DELIMS


def _clause_end(text: str, end: int, limit: int) -> int:
    """The first clause mark at or after `end`, at most `limit` characters on."""
    return clause_end(text, end, CLAUSE_DELIMS, limit)


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
    i = clause_start(head, len(head), CLAUSE_DELIMS, limit=16)
    out = ""
    stop = set(words().object_verbs) | drop_inside() | words().lead
    for w in reversed(nlp.pos_cut(QUOTES.sub("", head[i:]))):
        verb = w.flag in ("v", "vd", "vi") and w.word not in nouns  # 加大|资金: a verb ends it
        if (w.word in stop or not all_han(w.word) or w.flag in ("p", "c", "r", "d", "uj", "m")
                or (out and verb) or len(out) + len(w.word) > 8):
            break
        out = w.word + out
    return out if len(out) >= 2 else ""


def trailing_noun(text: str, end: int) -> str:
    """The last noun of the rest of the clause (每3至5年参加一轮研修 -> 研修)."""
    j = _clause_end(text, end, 24)
    out = ""
    for w in reversed(nlp.pos_cut(QUOTES.sub("", text[end:j]))):
        if not all_han(w.word) or len(out) + len(w.word) > 8 or (
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
    s = QUOTES.sub("", text[end:end + 17])
    m = _AS.match(s[1:] if comma and s[:1] in "，," else s)
    if not m:
        return ""
    out = ""
    for t in nlp.words(m.group("n")):
        if t in words().after_stop or len(out) + len(t) > 10:
            break
        out += t
    return out


_NOUN_MAX = 12   # characters of a noun named as a figure's metric
_NOUN_SCAN = 20  # characters read to find its head
_PAIR_JOINERS = ("和", "及", "与")
_DESCRIBED = re.compile(r"[\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8}){1,4}的(?=[\u4e00-\u9fff])")
# 2项以上羽毛球、乒乓球、游泳等常规运动项目: examples listed, then the noun they are of
_EXAMPLES = re.compile(r"[\u4e00-\u9fff]{1,4}(?:、[\u4e00-\u9fff]{1,6}){1,6}等(?:不同的|各类|各种|多种)?(?=[\u4e00-\u9fff])")


def after_phrase(text: str, end: int) -> str:
    """The noun right after a count unit (9家银行 -> 银行), up to a clause mark."""
    if _clause_ends_at(text, end):
        return ""
    described = _DESCRIBED.match(text, end)
    if described:  # 23家综合效益好、市场潜力大的成长型企业: the noun the list of traits describes
        return after_phrase(text, described.end())
    examples = _EXAMPLES.match(text, end)
    if examples and (noun := after_phrase(text, examples.end())):
        return noun  # 2项羽毛球、乒乓球等常规运动项目: the noun the examples are of
    if text.startswith("“", end):  # 120家“明厨亮灶”餐厅: the quoted name, and the noun it heads
        close = text.find("”", end + 1, end + 1 + _NOUN_SCAN)
        if close > end + 1:
            return text[end + 1:close] + after_phrase(text, close + 1)
    j = _clause_end(text, end, 24)
    s = QUOTES.sub("", text[end:j])
    s = s.lstrip("的")
    grade = _grade().match(s)  # 12家4A级以上景区: a grade written in letters and digits opens the noun
    if grade and grade.end() < len(s):
        rest = after_phrase(s, grade.end())
        return s[:grade.end()] + rest if rest else ""
    if not s or not ("\u4e00" <= s[0] <= "\u9fff"):
        return ""
    cut = nlp.pos_cut(s)
    if cut and cut[0].word in _noun_openers() and len(cut) > 1 and cut[1].flag.startswith("n"):
        opener = cut[0].word  # 1486名各级河长: a pronoun of levels or kinds opening the noun
        rest = after_phrase(s, len(opener))
        return opener + rest if rest else ""
    if not cut or cut[0].flag in ("p", "d", "c", "uj", "r", "u", "m", "mq", "q"):
        return ""  # 三档 / 每 / 在: no noun
    # a verb right before a preposition or a number is the predicate (压缩至8个), not a noun
    if cut[0].flag.startswith("v") and cut[0].flag != "vn" and len(cut) > 1 and (
            cut[1].flag == "p" or not all_han(cut[1].word)):
        return ""
    out, prev_flag = "", ""
    parts: list[str] = []  # the words of `out`
    level_re, code_re = _inside_noun()
    i = at = 0  # at: where cut[i] starts in s (the words of the cut make up s)
    while i < len(cut):
        w = cut[i]
        t = w.word
        nxt = cut[i + 1] if i + 1 < len(cut) else None
        # 二级及以上医院 / 规模以下企业: a level bound inside the noun;
        # 5G基站: a short code of letters and digits before a noun
        skip = (level_re.match(s, at) or code_re.match(s, at)) if out else None
        if skip and len(out) + skip.end() - at <= _NOUN_SCAN:
            out += skip.group(0)
            parts.append(skip.group(0))
            i, at = _token_at(cut, i, at, skip.end())
            prev_flag = "n"
            continue
        # 19个市（州）/ 县（市、区）: a short bracket of alternatives closing the noun
        if out and t in "（(":
            close = s.find("）" if t == "（" else ")", at)
            if 0 < close - at <= 6 and re.fullmatch(r"[\u4e00-\u9fff、]+", s[at + 1:close]):
                out += s[at:close + 1]
                parts.append(s[at:close + 1])
                break
        # 限定的基本药物 / 查实的投诉举报案件: after a modifying verb and 的, the head noun
        if t == "的" and out and prev_flag.startswith("v") and not out.endswith(_heads()) \
                and nxt is not None and all_han(nxt.word) \
                and nxt.flag not in ("p", "d", "c", "uj", "r", "m", "mq", "q"):
            out, prev_flag, parts = "", "", []
            i, at = i + 1, at + len(t)
            continue
        # a verb ends the noun, except right after an adjective (具体|举措), or
        # when a noun head closes the phrase after it (中医非药物治疗项目, 仲裁员申请;
        # through verbs inside a compound noun: 家庭医生签约服务团队, _closed_by_head)
        # (通知书 is often tagged nr)
        nominal = nxt is None or (nxt.flag in ("n", "nz", "nr", "ng") and i + 2 == len(cut))
        if out and _grade_link(cut, i, prev_flag) and len(out) + len(t) <= _NOUN_SCAN:
            out += t  # 大型的网吧连锁公司: a grade, then the noun
            parts.append(t)
            i, at = i + 1, at + len(t)
            continue
        if out and t in _PAIR_JOINERS and nxt is not None and nxt.flag.startswith("n") and i + 2 == len(cut) \
                and len(out) <= 4 and len(nxt.word) <= 2:
            out += t + nxt.word  # 200多个国家和地区, 企业和机构: a pair of short nouns closing the clause
            parts += [t, nxt.word]
            break
        if (t in words().after_stop or len(out) + len(t) > _NOUN_SCAN or not all_han(t)
                or (out and w.flag in ("p", "d", "c"))
                or (out and w.flag in ("v", "vi") and prev_flag != "a" and not nominal
                    and not _closed_by_head(cut, i))):
            break
        out += t
        parts.append(t)
        prev_flag = w.flag
        i, at = i + 1, at + len(t)
    # a long noun keeps its head: 省级中小企业特色产业集群服务站 -> …产业集群服务站
    while len(out) > _NOUN_MAX and len(parts) > 1:
        out = out[len(parts.pop(0)):]
    return out


def _closed_by_head(cut, i: int) -> bool:
    """cut[i:] is the rest of one compound noun: verbs and nouns only, at most
    ten characters, ending in a head noun (健身|中心, 签约|服务|团队)."""
    rest = list(cut[i:])
    for k, w in enumerate(rest):  # the noun ends where its words do: 基地（其中…, 考察点的基础上, 中心和…
        if not all_han(w.word) or w.flag in ("uj", "c", "p"):
            rest = rest[:k]
            break
    text = "".join(w.word for w in rest)
    return (len(text) <= 10 and all(w.flag[:1] in ("v", "n") for w in rest[:-1])
            and not any(w.word in words().after_stop or w.word in _head_blockers() for w in rest)
            and text.endswith(_heads()))


@cache
def _noun_openers() -> frozenset[str]:
    return frozenset(load().metric["noun_openers"])


@cache
def _heads() -> tuple[str, ...]:
    return tuple(load().metric["noun_heads"])


@cache
def _head_blockers() -> frozenset[str]:
    return frozenset(load().metric["noun_head_blockers"])


def _grade_link(cut, i: int, prev_flag: str) -> bool:
    """cut[i] links a grade to the noun it grades: 的 after a non-predicate
    adjective (大型的网吧). Level bounds (规模以上, 大型及以上) are read by _inside_noun."""
    nxt = cut[i + 1] if i + 1 < len(cut) else None
    return cut[i].word == "的" and prev_flag == "b" and nxt is not None and (
        nxt.flag.startswith("n") or nxt.flag == "vn")


@cache
def _grade() -> re.Pattern:
    """A grade in letters and digits (4A级, AAAAA, 5星), with its level bound (以上)."""
    bounds = alternation(load().metric["noun_level_bounds"])
    return re.compile(rf"^(?:[0-9０-９]A|A{{2,5}}|[0-9０-９]+[星])级?(?:{bounds})?")


@cache
def _inside_noun() -> tuple[re.Pattern, re.Pattern]:
    """(level bound, code) read inside the noun after a count unit, before more of it."""
    m = load().metric
    # no ^: matched at a position (pattern.match(s, at)), where ^ would never hold
    return (re.compile(rf"(?:{alternation(m['noun_level_bounds'])})(?=[\u4e00-\u9fff])"),
            re.compile(rf"{m['noun_code']}(?=[\u4e00-\u9fff])"))


def _token_at(cut, i: int, at: int, end: int) -> tuple[int, int]:
    """(index, start) of the first token of `cut` at or after character `end`,
    from cut[i] starting at `at` (a run skipped ends at a token boundary: 及|以上, 5|G)."""
    while i < len(cut) and at < end:
        at += len(cut[i].word)
        i += 1
    return i, at


def noun_follows(text: str, end: int) -> bool:
    """A noun right after a figure (50%公益性公墓), not a verb (63%提高到) or 的."""
    if _clause_ends_at(text, end):
        return False
    cut = nlp.pos_cut(QUOTES.sub("", text[end:end + 6]))
    return bool(cut) and all_han(cut[0].word) and cut[0].flag in ("n", "nz", "ng")


def names_a_payment(core: str) -> bool:
    """县道补助 / 专项资金: the phrase already ends in a payment noun."""
    return core.endswith(_payment_nouns())


@cache
def _payment_nouns() -> tuple[str, ...]:
    return tuple(load().metric["benefit"]) + ("标准", "金额", "费用")


@cache
def _selection_verbs() -> tuple[str, ...]:
    m = load().metric
    return tuple(sorted(m["selection_verbs"] + m["obtain_verbs"], key=len, reverse=True))


@cache
def _any_selection_verb() -> re.Pattern:
    """Any of _selection_verbs(), longest first (as they are listed)."""
    return re.compile(alternation(_selection_verbs()))


def selected_into(text: str, end: int, noun: str | None = None) -> str:
    """68个村入选全国乡村旅游重点村 / 4人入选“甬江英才计划”: the list a count is counted in;
    82家企业申报研发经费投入补助 / 55家企业获省“科技贷”: what the counted applied for or got.
    `noun`: after_phrase(text, end) when the caller has it."""
    if _clause_ends_at(text, end):
        return ""
    j = _clause_end(text, end, 30)
    rest = QUOTES.sub("", text[end:j])
    verbs, any_verb = _selection_verbs(), _any_selection_verb()
    noun = after_phrase(text, end) if noun is None else noun
    first = any_verb.search(noun, 1)  # the first verb after the noun's first character
    noun = noun[:first.start()] if first else noun  # 企业申报研发经费: the noun ends at the verb
    if noun and not noun.startswith(verbs) and rest.startswith(noun):
        rest = rest[len(noun):]
    lead = any_verb.match(rest)  # the first of `verbs` (longest first) rest starts with
    if not lead:
        return ""
    verb = lead.group()
    got = re.sub(r"^(?:19|20)\d\d年度?", "", rest[len(verb):])  # 入选2022年度全国…名单: the list, not its year
    if verb in load().metric["obtain_verbs"]:  # 55家企业获省科技贷贷款1.8亿元: the Han words up to the sum
        got = re.match(r"[\u4e00-\u9fff]*", got).group(0)
    name = re.sub(r"(?:名单|名录|行列)$", "", got)
    if verb in load().metric["obtain_verbs"] and name in load().metric["benefit"]:
        return ""  # 11个停车场项目享受补助: a bare 补助 says less than the noun counted
    return fit(name, limit=12) if len(name) >= 2 and all_han(name) else ""
