"""The cues of commitments: where the text looks forward, found by a spaCy
Matcher on the jieba tokens (data/commitments.toml). Future 将 is told from
the 把-sense 将 by the word after it and the verb closing its clause (我局将会同…
/ 我委还将把… vs 我局将37家企业纳入…); 拟, 力争, 正在/正+verb, 计划于…, 预计/争取 + a
time, 年内, a deadline opening a sentence (2026年底前，…), urgency (抓紧制定…).
Cues inside quotes or 《》, in a clause reporting work done (已将…), in a
forecast, a leader's words or a target cited from another document, and
attributive uses (我局正在推进的工作) are dropped here; the clause helpers are
shared with the reading of sentences (extract.py).
"""
from __future__ import annotations

import re
from functools import cache

from ... import nlp, textutil
from ...positions import Protected
from ...rules import alternation, load as load_rules
from ...textutil import clause_bounds
from ..quotes import scan
from .projection import projection_spans


def rules() -> dict:
    return load_rules("commitments")


@cache
def past_in_clause() -> tuple[str, ...]:
    return (*rules()["past_words"], *rules()["past_in_clause_also"])


@cache
def cue_matcher():
    r = rules()
    return nlp.matcher({
        "will": [[{"ORTH": "将"}]],
        "cue": [[{"ORTH": {"IN": r["cue_words"]}}]],
        "progressive": [[{"ORTH": "正"}, {"ORTH": {"NOT_IN": r["progressive_not"]}, "IS_PUNCT": False}],
                        [{"ORTH": "在"}, {"ORTH": {"IN": r["progressive_in"]}}]],
        "plan": [[{"ORTH": "计划"}, {"ORTH": {"IN": r["plan_next"]}}]],
        "year_plan": [[{"ORTH": {"REGEX": r"^\d{4}$"}}, {"ORTH": "年"}, {"ORTH": {"IN": r["year_plan_words"]}}]],
        "this_year_plan": [[{"ORTH": {"IN": r["this_year_words"]}}, {"ORTH": {"IN": r["year_plan_words"]}}]],
        "year_target": [[{"ORTH": {"IN": r["target_year_before"]}}, {"ORTH": {"REGEX": r"^\d{4}$"}},
                         {"ORTH": {"IN": ["年", *r["year_end_words"]]}}]],
        # 2026年底前，推动…: a sentence opening with a deadline to come
        "deadline_open": [[{"ORTH": {"REGEX": r"^\d{4}$"}}, {"ORTH": {"IN": r["year_end_words"]}},
                           {"ORTH": {"IN": r["before_words"]}}],
                          [{"ORTH": {"REGEX": r"^\d{4}$"}}, {"ORTH": "年"}, {"ORTH": {"REGEX": r"^\d{1,2}$"}},
                           {"ORTH": {"IN": r["month_end_words"]}}, {"ORTH": {"IN": r["before_words"]}}]],
        # 抓紧制定…, 着手搭建…: a clause opening with urgency (judged in find_cues)
        "urgent": [[{"ORTH": {"IN": r["urgent_words"]}}]],
        # 拟在岚设立: jieba glues 拟 to the word after it
        "glued_cue": [[{"ORTH": {"REGEX": r["glued_cue"]}}]],
        "expect": [[{"ORTH": {"IN": r["expect_words"]}}, {"ORTH": {"IN": r["expect_next"]}}],
                   [{"ORTH": {"IN": r["expect_words"]}}, {"ORTH": {"REGEX": r"^\d{4}$"}}]],
    })


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotation marks and 《》 pairs of `text`:
    paired with nesting and within a line (quotes.scan), so one stray “ does not
    hide the rest of the reply."""
    return [(p.open, p.close) for p in scan(text, _marks())]


@cache
def _marks() -> dict[str, str]:
    return dict(rules()["quotes"])


def clause_end(text: str, pos: int) -> int:
    return clause_bounds(text, pos)[1]


# How far back a clause is read: real clauses are far shorter, and a page that
# is one endless clause must not make every cue rescan it.
CLAUSE_LOOKBACK = 300


def clause_start(text: str, pos: int) -> int:
    return textutil.clause_start(text, pos, limit=CLAUSE_LOOKBACK)


def has_word(tdoc, start: int, end: int, words) -> bool:
    """Whether a token in [start, end) is one of `words` (了 but not 了解 or 为了);
    cut into words only where one of them is written."""
    written = tdoc.text[start:end]
    if not any(w in written for w in words):
        return False
    return any(w in words for w in tdoc.words_in(start, end))


def _attributive(tdoc, i: int) -> bool:
    """正在推进的工作: the cue only qualifies a noun."""
    for j in range(i + 1, min(i + 4, len(tdoc))):
        t = tdoc[j].text
        if t == rules()["attributive"]:
            return True
        if tdoc[j].is_punct:
            return False
    return False


def _will_is_future(text: str, tdoc, i: int) -> bool:
    r = rules()
    prev, nxt = nlp.next_word(tdoc, i, -1), nlp.next_word(tdoc, i)
    if prev is not None and prev.text in r["will_past_before"]:
        return False
    if nxt is None or nxt.is_punct or nxt.text in r["will_effect_next"]:
        return False  # 将有利于…: an effect foreseen
    clause = text[tdoc[i].idx:clause_end(text, tdoc[i].idx)]
    if re.match(r["ba_from_to"], clause):
        return False  # 将新建项目补助标准由每亩500元提高到650元: an object, then its change
    if _will_next(nxt.text):
        return True
    if any(v in clause for v in r["ba_verbs"]):
        return False
    if any(w in clause and "的" not in clause[clause.index(w):] for w in r["ba_links"]):
        return False
    return not _object_follows(clause[1:])


def _will_next(word: str) -> bool:
    """A word of will_next, or two glued into one by jieba (积极争取, 持续推进), or
    an adverb glued to the verb after it (认真总结), or one glued to the level
    word of the place after it (会同县|财政局)."""
    nexts, levels = _will_next_words(), rules()["will_next_glued_levels"]
    return (word in nexts or word.startswith(tuple(rules()["will_adverbs"]))
            or any(word[:k] in nexts and (word[k:] in nexts or word[k:] in levels) for k in range(1, len(word))))


@cache
def _will_next_words() -> frozenset[str]:
    return frozenset(rules()["will_next"])


def _object_follows(rest: str) -> bool:
    """将更多资源引向… / 将政策措施送达…: a noun phrase after 将 is its object
    (the 把-sense); the future 将 is followed by a verb or an adverb."""
    r = rules()
    if rest.startswith(tuple(r["ba_object_words"])):
        return True
    words = nlp.pos_cut(rest[:12])
    return bool(words) and words[0].flag in r["ba_object_pos"]


def _past_year(tdoc, start: int, end: int, current_year: int | None) -> bool:
    """Whether the year right after a cue (预计于2020年) is before the reply's year."""
    for t in tdoc[start + 1:min(end + 2, len(tdoc))]:
        if t.like_num and len(t.text) == 4 and t.text.isdigit():
            return current_year is not None and int(t.text) < current_year
    return False


_last_matches: tuple = (None, [])


def _matches(tdoc) -> list:
    """The cue matches of a reply's tokens, found once for both readers of them
    (forecasts and cues)."""
    global _last_matches
    if _last_matches[0] is not tdoc:
        _last_matches = (tdoc, cue_matcher()(tdoc))
    return _last_matches[1]


def forecasts(text: str, tdoc) -> list[tuple[int, int]]:
    """Spans of the forecasts (预计到2025年…将超过…) in the text."""
    wills = [tdoc[s].idx for m, s, _ in _matches(tdoc) if tdoc.vocab.strings[m] == "will"]
    return projection_spans(text, wills, rules()["sentence_ends"])


def find_cues(text: str, tdoc, current_year: int | None,
          projections: list[tuple[int, int]] = ()) -> list[tuple[int, str]]:
    """(offset, cue word) of every forward-looking cue in the text."""
    r = rules()
    quoted = Protected([(a + 1, b) for a, b in quoted_spans(text)])  # strictly inside the marks
    forecast = Protected(list(projections))
    out = []
    for match_id, start, end in _matches(tdoc):
        label = tdoc.vocab.strings[match_id]
        tok = tdoc[start]
        pos = tok.idx
        if pos in quoted:
            continue
        if pos in forecast:
            continue  # 预计到2025年，全国退役电池将超过50万吨: a forecast
        clause_head = text[clause_start(text, pos):pos]
        if label != "will" and has_word(tdoc, pos - len(clause_head), pos, past_in_clause()):
            continue  # 已经计划…, 目前已…正在: the clause reports work done
        if any(p in clause_head for p in r["reported"]) and not re.search(r["reported_subject"], clause_head):
            continue  # 您建议我局将…: the proposal, not the reply (您提出的建议可待…: the reply's)
        before = text[max(0, pos - len(clause_head) - 8):pos - len(clause_head)].rstrip("，,：: ")
        if (not clause_head.strip() and before.endswith(tuple(r["cited_before"]))) or \
                (label == "year_target" and clause_head.strip().endswith(tuple(r["cited_before"]))):
            continue  # …明确提出，到2025年… / 方案明确到2023年底前…: a target cited from another document
        if clause_head.strip() in r["cited_before"] and "》" in text[_sentence_start(text, pos):pos - len(clause_head)]:
            continue  # 印发《…方案》，明确将…用于…: what the document says
        if _old_plan_re().search(text, pos - len(clause_head), pos + 2):
            continue  # 原计划于…出台的…，已于…印发: the old plan, kept or not
        if _after_leader_speech(text, pos):
            continue  # 习近平总书记强调，要将…: the leader's words
        if label == "will" and not _will_is_future(text, tdoc, start):
            continue
        if label in ("progressive", "cue", "plan") and tok.text in r["attributive_cues"] and _attributive(tdoc, start):
            continue  # 我局正在推进的工作
        if tok.text in ("正", "正在") and (_status(text, tdoc[start].idx + len(tok.text)) or re.match(
                r["progressive_state"], text[pos + len(tok.text):pos + len(tok.text) + 12])):
            continue  # 已加装96部，另有40部正在施工 / 正在抓紧推进中: a state of work, no plan
        if re.match(r["frame_clause"], text[clause_start(text, pos):clause_end(text, pos)].strip()):
            continue  # 在…拟核准的…计划中，…: the cue qualifies the frame
        if tok.text in r["not_plans"]["quota_cues"] and _reported_quota(text, tdoc, pos):
            continue  # 我区下达了招生指标…，公办高中拟招88人: a quota reported
        if tok.text in r["wait_cues"] and not any(w in text[pos:clause_end(text, pos)] for w in r["wait_close"]):
            continue  # 待 without …后: no plan waiting on a condition
        if label == "year_plan" and (current_year is None or int(tok.text) < current_year):
            continue
        if label == "urgent" and (len(clause_head.strip()) > 6 or _urgency_reports(text, pos)):
            continue  # at a clause's start, in a sentence reporting nothing done (我局抓紧…; not
            # 正在抓紧施工, 已…立项，并着手…, nor the heading 二、及早推动落实，着手…)
        if label == "deadline_open" and (current_year is None or int(tok.text) < current_year
                                         or clause_head.strip() or not _opens_sentence(text, pos)):
            continue  # only a deadline to come that opens its sentence: 2026年底前，推动…
        if label == "plan" and start >= 2 and tdoc[start - 1].text == r["year_word"] and tdoc[start - 2].like_num:
            continue  # 2021年计划实施…: year_plan judges it
        if label == "year_target" and _target_gone(tdoc, start, current_year):
            continue
        if tok.text in r["duration_cues"] and start > 0 and tdoc[start - 1].like_num:
            year = int(tdoc[start - 1].text) if re.fullmatch(r"(?:19|20)\d\d", tdoc[start - 1].text) else None
            if year is None or current_year is None or year < current_year:
                continue  # 2年内: a duration, not this year; 2026年内 in a reply of 2026 is a plan's time
        if label == "expect" and _past_year(tdoc, start, end, current_year):
            continue  # 预计2020年…: a time gone by
        if label in ("plan", "year_plan", "this_year_plan", "cue", "expect") and has_word(tdoc, pos, clause_end(text, pos), r["done_words"]):
            continue  # 计划招生52人，实际入学…了
        word = {"glued_cue": tok.text[0], "plan": "计划", "year_plan": "计划", "this_year_plan": "计划",
                "year_target": tdoc[start:end].text, "deadline_open": tdoc[start:end].text}.get(label, tok.text)
        out.append((pos, word))
    return out


def _target_gone(tdoc, start: int, current_year: int | None) -> bool:
    """到2021年… is a target only after the reply's year; 到2021年底前 also in it."""
    year = int(tdoc[start + 1].text)
    if current_year is None or year < current_year:
        return True
    if year > current_year:
        return False
    ends = rules()["year_end_words"]
    after = [t.text for t in tdoc[start + 2:start + 4]]
    return not (after and (after[0] in ends or (after[0] == "年" and len(after) > 1 and after[1] in ends)))


def _reported_quota(text: str, tdoc, pos: int) -> bool:
    """拟 with a count and no time in its clause, in a sentence whose first clause
    reports work done."""
    q = rules()["not_plans"]
    clause = text[pos:clause_end(text, pos)]
    if not re.search(q["quota_count"], clause) or re.search(q["quota_time"], clause[:4]):
        return False
    start = _sentence_start(text, pos)
    first_end = clause_end(text, start)
    if first_end - start < 3:  # 今年，…: a time before the first real clause
        first_end = clause_end(text, first_end + 1)
    return has_word(tdoc, start, min(first_end, pos), past_in_clause())


def _urgency_reports(text: str, pos: int) -> bool:
    """Whether the sentence before an urgent word reports work done or under way
    (正在抓紧…, 已…，并着手…) or is a heading (二、…，着手…)."""
    head = text[_sentence_start(text, pos):pos]
    return any(w in head for w in rules()["urgent_not_after"]) or re.match(rules()["part_start"], head.strip()) is not None


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether `pos` starts a sentence (nothing but spacing since its last stop)."""
    return not text[_sentence_start(text, pos):pos].strip()


def _sentence_start(text: str, pos: int) -> int:
    """After the last sentence stop before `pos`, looking back at most
    CLAUSE_LOOKBACK characters."""
    return textutil.clause_start(text, pos, "。！？；;\n", limit=CLAUSE_LOOKBACK)


def _after_leader_speech(text: str, pos: int) -> bool:
    start = _sentence_start(text, pos)
    return re.search(rules()["not_plans"]["leader_speech"], text[start:pos]) is not None


def _status(text: str, after: int) -> bool:
    """Whether the progressive ending at `after` reports work under way: a verb
    of construction or implementation, work done stated before it (its sentence
    or the one before, same paragraph), no plan marker in its sentence."""
    r = rules()
    rest = text[after:after + 12]
    for _ in range(2):
        adv = next((a for a in r["status_adverbs"] if rest.startswith(a)), None)
        rest = rest[len(adv):] if adv else rest
    if not rest.startswith(tuple(r["status_verbs"])):
        return False
    ends = r["sentence_ends"]
    line_start = text.rfind("\n", 0, after) + 1
    k = after
    while k > line_start and text[k - 1] not in ends:
        k -= 1
    s_start = k
    k = max(line_start, k - 1)
    while k > line_start and text[k - 1] not in ends:
        k -= 1
    s_end = after
    while s_end < len(text) and text[s_end] not in ends:
        s_end += 1
    if any(w in _old_plan_re().sub("", text[s_start:s_end]) for w in r["status_plan_markers"]):
        return False  # …正在施工，预计年底前完工; not 原计划三年完成…，剩余14个正在施工
    return any(w in text[k:clause_start(text, after - 1)] for w in r["status_done"])


@cache
def _old_plan_re() -> re.Pattern:
    """The old plan (原计划, 原定): a plan once made, marking no plan now."""
    return re.compile(alternation(rules()["not_plans"]["old_plan"]))
