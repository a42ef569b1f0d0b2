"""What a figure measures (metric) and its direction/base. Periods are read by
period.py, the nouns read after or around a number (9家银行, 给予20万元奖励,
入选…名单) by nouns.py.

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
from dataclasses import dataclass
from functools import cache, lru_cache

from ... import nlp
from ...regions import division_names, is_town, region_prefix_len
from ...rules import alternation, any_of, load as load_rules
from .data import load

CLAUSE_DELIMS = "，,。；;：:！？!?\n\t、"
SENTENCE_DELIMS = "。；;！？!?\n"
QUOTES = re.compile(r"[“”\"《》「」〈〉\s\u200b]")
_SCOPE_ONLY = re.compile(r"(?:单|每)[\u4e00-\u9fff]{1,4}")
_TRAILING_CUES = re.compile(r"(?:约|近|超|逾|达|为|约为)+$")
_TRAILING_CUE_ENDS = frozenset("约近超逾达为")
_LEAD_TOKEN = re.compile(r"[\d.]+|[年月日的了含由从]")
_PARALLEL = re.compile(r"[和及与](?!其)|在.{2,6}从$")
_ALL_HAN = re.compile(r"[\u4e00-\u9fff]*")


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
    return Words(frozenset(m["lead_strip"]), frozenset(m["tail_strip"] + m["tail_adverbs"]), m["direction"], m["max_chars"], tuple(m["object_verbs"]), frozenset(m["generic"]),
                 frozenset(m["after_stop"]))


@cache
def drop_inside() -> frozenset:
    """Tokens never part of a metric wherever they stand: qualifier cues, link verbs."""
    return frozenset(load().metric["link_verbs"]) | {c for c, _ in load().before if len(c) > 1}


@cache
def _rate_re() -> re.Pattern:
    heads = [u.surface for u in load().units if all_han(u.surface)] + load().metric["rate_nouns"]
    return re.compile(rf"每(?:{alternation(heads)})")


def strip_rates(prefix: str) -> str:
    """县道每公里补助 -> 县道补助; 每千人口 is a measure of its own and stays."""
    return _rate_re().sub("", prefix) if "每" in prefix else prefix


def is_comparison(prefix: str, core: str) -> bool:
    """高于全国平均水平 / 比全国平均水平低: a gap to a standard, whose subject came before."""
    if core.endswith(_standards()) and any(c in prefix for c in load().metric["comparisons"]):
        return True
    gap = next((w for w in load().metric["gap_words"] if core.endswith(w)), None)
    return core.startswith("比") and gap is not None and core[1:-len(gap)].endswith(_standards())


@cache
def _standards() -> tuple[str, ...]:
    return tuple(load().metric["standards"])


def comparison_word(prefix: str) -> str:
    return next((c for c in load().metric["comparisons"] if c in prefix), "")


def is_scope_only(core: str) -> bool:
    """单家企业 / 每个项目: the unit a sum applies to, not what the sum is."""
    return bool(_SCOPE_ONLY.fullmatch(core))


def names_a_measure(core: str) -> bool:
    """经营性收入 (a noun: the sum measures it) vs 可申请 / 每平方米 (a verb or a rate)."""
    if re.search(r"每[\u4e00-\u9fff]{1,3}$", core):
        return False
    return not core.endswith(words().object_verbs)


def is_generic(core: str) -> bool:
    return core in words().generic


def without_place(metric: str) -> str:
    """A metric without the place opening it (城区每万人全科医生 -> 每万人全科医生), when
    something is left: what another place's figure measures too."""
    area = next((a for a in sorted(load().metric["area_words"], key=len, reverse=True) if metric.startswith(a)), "")
    cut = len(area) or region_prefix_len(metric) or _unheld_prefix_len(metric)
    return metric[cut:] if len(metric) - cut >= 2 else metric


def _unheld_prefix_len(metric: str) -> int:
    """The length of a township or a rest of places opening `metric` (漷县镇新建驿站),
    not cut inside a level word (新建乡|镇中心幼儿园), or 0."""
    return next((n for n in range(min(12, len(metric) - 2), 1, -1)
                 if metric[n] not in "乡镇村街" and unheld_place(metric[:n]) == metric[:n]), 0)


@lru_cache(maxsize=4096)
def is_place_only(core: str) -> bool:
    """城区 / 当雄县、尼木县 / 郊区的: only where the counted things are."""
    names, areas = division_names(), load().metric["area_words"]

    def place(p: str) -> bool:
        return p in areas or (len(p) >= 3 and p in names) or is_town(p)

    if _rest_of_places(core):  # 其余乡镇合计 (570户): the places not named
        return True

    # 、 lists places; 和/及/与 may, unless the name holds one (太和县, 南和区)
    parts = [p for p in core.removesuffix("的").split("、") if p]
    return bool(parts) and all(place(p) or all(place(q) for q in re.split("[和及与]", p) if q) for p in parts)


def unheld_place(core: str) -> str:
    """The place of a place-only core that no region holds: a township, street
    or village (漷县镇), or the rest of the places (其余乡镇合计 -> 其余乡镇); else ""."""
    core = core.removesuffix("的")
    return _rest_of_places(core) or (core if is_town(core) else "")


def _rest_of_places(core: str) -> str:
    """其余乡镇（街道）合计 -> 其余乡镇（街道）: the places not named, summed; else ""."""
    m = _rest_re().match(core)
    # (the folded text has half-width brackets, the list full-width ones)
    area = m.group("area").replace("(", "（").replace(")", "）") if m else ""
    return core[:m.end("area")] if area in load().metric["rest_areas"] else ""


@cache
def _rest_re() -> re.Pattern:
    return re.compile(load().metric["rest_of_places"])


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


# (led by the characters its alternatives start with, so re skips the others)
_TIME = re.compile(r"(?=[截到至在于\d今去明前近过最未自从十年月])(?:"
                   r"(?:自|从)[^，。；,;]{1,12}?以来|(?:自|从)\d{4}年(?:\d{1,2}月份?)?起|"  # 自2021年实施以来, 从2020年起
                   r"(?:在|于)?十[一二三四五六七八九]五(?:期间|时期|以来|末)|"  # “十四五”期间
                   r"(?:截至|截止|到|至|在|于)?(?:今年|明年)?(?:\d{1,2}月底|年底|年末|年初)(?:前|以前)|"  # 于年底前
                   r"(?:截至|截止|到|至|在|于)?(?:\d{4}年(?:\d{1,2}(?:[-—至]\d{1,2})?月(?:\d{1,2}日)?)?"
                   r"(?:年?底|末|初|以来|前|全年|度)?|今年|去年|明年|前年|近年来|"
                   r"(?:近|过去|最近|今后|未来)[一二三四五六七八九十两\d]+年(?:来|内|间)?))")
_FORMERLY = ("原来", "过去", "以前", "原先")
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|另外|此外|同时"
                   r"|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、]|[一二三四五六七八九十]+、|[\u2460-\u2473])")  # (①…⑳)


@cache
def _cues() -> tuple[tuple[str, str], ...]:
    """The cues stripped from a phrase, each with what replaces it (约占 keeps its 占)."""
    shares = tuple(load().metric["shares"])
    return tuple((c, next((w for w in shares if c.endswith(w)), ""))
                 for c, _ in load().before if len(c) > 1)


@cache
def _any_cue() -> re.Pattern:
    """Found where any of _cues() is: most phrases hold none, and one search
    rules them all out."""
    return re.compile(alternation([c for c, _ in _cues()]))


@cache
def _any_base() -> re.Pattern:
    return re.compile(any_of(p.pattern for p in load().base))


def _without_base(s: str) -> str:
    """`s` with the base patterns (同比, 比2020年) removed in turn; when none
    occurs, nothing to remove (one search instead of one substitution each)."""
    if _any_base().search(s) is None:
        return s
    for p in load().base:
        s = p.sub("", s)
    return s


@cache
def _tail_adverb() -> re.Pattern:
    m = load().metric
    return re.compile(f"(?:{alternation(m['tail_adverbs'])})[{m['tail_adverb_links']}]?$")


def _status_word(toks: list[str]) -> bool:
    """在 or 即 opening a status word jieba cut in pieces (在|保|户数, 在|岗|职工,
    即|办件), not a preposition (在|全市) or 'namely' (即|每周)."""
    m = load().metric
    return len(toks) > 1 and (toks[0] == "在" and len(toks) > 2 and toks[1] in m["status_after_zai"]
                              or toks[0] == "即" and toks[1] in m["status_after_ji"])


def core_phrase(prefix: str) -> tuple[str, list[str]]:
    """The noun phrase of a clause prefix, and the words stripped from its right end."""
    w = words()
    lead, tail = w.lead, w.tail
    s = QUOTES.sub("", prefix.strip())
    if _any_cue().search(s):
        for cue, kept in _cues():  # 不低于 / 最高 never name the measured thing; 约占 keeps its 占
            if cue in s:
                s = s.replace(cue, kept)
    s = _without_base(s)  # 同比 / 比2020年: kept in `base`, not in the metric
    s = _TIME.sub("", s)
    enum = _ENUM.match(s)  # anchored at the start: one at most
    if enum:
        s = s[enum.end():]
    # 约 of 合约 is a word, 约 of 占比约 a cue (and only a phrase ending in a cue's
    # last character ends in a cue: no whitespace is left to stand after it)
    if s[-1:] in _TRAILING_CUE_ENDS and not s.endswith(load().not_cues):
        s = _TRAILING_CUES.sub("", s)
    # an opening bracket never closed: the phrase starts inside it ((含特长生310人),
    # after the noun it qualifies when one stands right before it: 院际会诊（省外
    # 副主任医师以上250元） is a 院际会诊 fee
    for o, c in ("（）", "()") if "（" in s or "(" in s else ():
        if o in s and c not in s[s.rindex(o):]:
            head = s[:s.rindex(o)]
            head = head if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", head) else ""
            s = head + s[s.rindex(o) + 1:]
    s = _tail_adverb().sub("", s)  # 机械化率仅为: jieba cuts 率仅
    toks = nlp.words(s)
    while toks and (toks[0] in lead or _LEAD_TOKEN.fullmatch(toks[0])) and not _status_word(toks):
        toks.pop(0)
    dropped = []
    while toks and (toks[-1] in tail or toks[-1] in "由从" or (
            toks[-1] in _FORMERLY and len(toks) > 1 and toks[-2] in "由从")):
        dropped.insert(0, toks.pop())  # (由原来的15项: the baseline's frame)
    while toks and toks[0] in lead and not _status_word(toks):
        toks.pop(0)
    # 报销比例从三级医院66.21%: the subject, before the scope the baseline is read in
    cut = next((i for i, t in enumerate(toks) if t == "从" and len("".join(toks[:i])) >= 4), None) \
        if "从" in toks else None
    if cut is not None and all_han("".join(toks[cut + 1:])) and len("".join(toks[cut + 1:])) <= 6:
        toks = toks[:cut]
    inside = drop_inside()
    if inside.isdisjoint(toks):  # most phrases: nothing to drop
        return "".join(toks), dropped
    # a link verb before a noun suffix is part of a noun (兑现率, 完成额)
    kept = [t for i, t in enumerate(toks)
            if t not in inside or (i + 1 < len(toks) and toks[i + 1][0] in "率额量数值比金款")]
    return "".join(kept), dropped


def is_parallel_scope(prefix: str, core: str) -> bool:
    """和二级医院68.82% / 在二级医院从64.68%: the same measure in another scope."""
    return bool(_PARALLEL.match(prefix.strip())) and 0 < len(core) <= 6


def is_action_only(core: str) -> bool:
    """建成 / 认定 alone: a verb whose object (the subject of the count) came before."""
    cut = nlp.pos_cut(core)
    # 带动就业: two verbs are a verb and its object, a clause with its own subject
    return 0 < len(cut) <= 2 and all(w.flag in ("v", "vd", "vi") for w in cut) and (
        len(cut) == 1 or len(cut[-1].word) == 1)


def all_han(t: str) -> bool:
    return _ALL_HAN.fullmatch(t) is not None


def direction_of(window: str) -> str | None:
    """The change word that governs a figure at the end of `window`: the last one,
    with only particles, bounds or a rate frame after it (同比增长12.3%, 提高到每亩);
    a change word inside a name (增加值, 质量提升行动11个) governs nothing."""
    if _any_direction().search(window) is None:
        return None  # no change word in it (nine windows in ten): one search says so
    best, best_pos = None, -1
    for word, d in _direction_items():
        i = window.rfind(word)
        if i > best_pos and _governs(window[i + len(word):]):
            best, best_pos = d, i
    return best


@cache
def _any_direction() -> re.Pattern:
    return re.compile(alternation(list(words().direction)))


@cache
def _direction_items() -> tuple[tuple[str, str], ...]:
    return tuple(words().direction.items())


@cache
def _gap() -> tuple[re.Pattern, tuple[str, ...]]:
    g = load_rules("figures")["direction_gap"]
    return re.compile(g["pattern"]), tuple(g["name_kinds"])


def _governs(gap: str) -> bool:
    pattern, kinds = _gap()
    m = pattern.match(gap)
    return m is not None and not (m.group("object") or "").endswith(kinds)


def base_of(window: str) -> str | None:
    if _any_base().search(window) is None:
        return None
    for p in load().base:
        m = p.search(window)
        if m:
            return m.group()
    return None


def is_change_only(core: str) -> bool:
    """A phrase that names only a change or a share (同比增长, 提高, 占比) needs a subject."""
    s = _without_base(core)
    if not set(s) <= _change_chars():
        return False  # a character no change word has stays whatever is removed
    for w in _change_words():
        s = s.replace(w, "")
    return len(s) == 0


@cache
def _change_chars() -> frozenset[str]:
    return frozenset("".join(_change_words()))


@cache
def _change_words() -> list[str]:
    extra = ["了", "幅度", "的", "均", "比", "到", "至", "降", "升", "增"] + load().metric["shares"] \
        + load().metric["neutral_changes"] + load().metric["change_adverbs"]
    return sorted(list(words().direction) + extra, key=len, reverse=True)


def fit(s: str, limit: int | None = None) -> str:
    """At most `limit` characters, dropping whole words from the left."""
    limit = limit or words().max_chars
    if len(s) <= limit:
        return s
    toks = nlp.words(s)
    total, first = sum(map(len, toks)), 0
    while first < len(toks) and total > limit:  # a running total: linear in the words
        total -= len(toks[first])
        first += 1
    return "".join(toks[first:]) or s[-limit:]
