"""Cited policy documents: 《title》 mentions and titled plans cited bare.

A 《》 mention is a policy unless it is the suggestion being answered
(您提出的《关于…的建议》收悉) or a short name for a title cited before
(以下简称《意见》; a later bare 《办法》): that becomes the title's `alias`. Without 《》, only a strongly marked title counts: it starts
with 关于 or (after a verb) a place name, ends with a document-type suffix (办法,
三年行动计划, 若干政策意见 …), and is one clause (实施余姚市…三年行动计划).
One item per distinct name; repeats go to `other_spans`.
"""
from __future__ import annotations

import re
from functools import cache

from ..record import Policy
from ..rules import alternation, load as load_rules
from .. import nlp, textutil
from ..textutil import squeeze
from .quotes import QUOTE_MARKS, TITLE_MARKS, dedupe, is_quoted_title, name_of, outermost, scan

__all__ = ["extract", "key", "rules"]

ACTION_REACH = 14  # characters before a title searched for its verb


@cache
def rules() -> dict:
    return load_rules("policies")


@cache
def _patterns() -> dict[str, re.Pattern]:
    r, bare = rules(), rules()["bare"]
    alt = alternation
    return {
        "verb_before": re.compile(f"(?:{alt(r['action']['before'])})(?:{alt(r['action']['filler'])})?$"),
        "verb_after": re.compile(f"^(?:{alt(r['action']['after'])})"),
        "verb_start": re.compile(f"^(?:{alt(r['action']['before'])})"),
        "filler_end": re.compile(f"(?:{alt(r['action']['filler'])})$"),
        "suffix": re.compile(f"(?:{alt(bare['suffixes'])})(?=(?:{alt(bare['followers'])}))"),
        "issuer_lead": re.compile(f"(?:{alt(r['action']['before'])}|{alt(r['action']['filler'])}|{alt(r['issuer']['leads'])})"),
        "place": re.compile(f"^(?:[\u4e00-\u9fff]{{2,4}}?(?:{alt(bare['place_long_levels'])})"
                            f"|[\u4e00-\u9fff]{{2,3}}?(?:{alt(bare['place_levels'])}))"),
    }


def key(name: str) -> str:
    """Identity of a title for de-duplication: no brackets, quotes or spacing."""
    return re.sub(r"[\s《》〈〉“”‘’\"（）()、，·]", "", name)


def extract(doc, reply) -> list[Policy]:
    text = doc.text
    pairs = scan(text, TITLE_MARKS, max_len=150)
    titles = outermost(pairs)  # 〈〉 alone counts as 《》
    found: list[Policy] = []
    prev = None  # the last policy kept, for 出台《A》和《B》 and 以下简称《B》
    for pair in titles:
        s, e = pair.inner
        name = name_of(text[s:e])
        if not name or _is_proposal(text, pair, name, reply) or _is_work(name):
            continue
        if prev is not None and (_is_alias(text, prev, pair.open) or name in rules()["bare"]["suffixes"]):
            prev.alias = prev.alias or name
            continue
        policy = Policy(span=pair.outer, surface=text[pair.open:pair.close + 1], name=name,
                        bracketed=True)
        policy.action = _action(text, pair.open, pair.close + 1, prev)
        policy.issuer = _issuer(text, pair.open)
        found.append(policy)
        prev = policy
    spans = [p.outer for p in pairs]
    found += _bare_titles(text, spans)
    found += _quoted_titles(text)
    found.sort(key=lambda p: p.span)
    return dedupe(found, lambda p: key(p.name))


def _is_proposal(text: str, pair, name: str, reply) -> bool:
    """A suggestion, not a policy: the one answered (您提出的《…》收悉, or the
    title meta found) or any 《…的建议/提案》 (suggestions are not documents
    that govern anything)."""
    prop = rules()["proposal"]
    if any(name.endswith(w) for w in prop["endings"]) or _is_reply_title(name):
        return True
    own = getattr(getattr(reply, "meta", None), "proposal_title", None)
    if own and key(own) == key(name):
        return True
    before = text[max(0, pair.open - 6):pair.open]
    after = text[pair.close + 1:pair.close + 8].lstrip()
    return (any(before.endswith(c) for c in prop["cues_before"])
            or any(after.startswith(c) for c in prop["cues_after"]))


def _is_reply_title(name: str) -> bool:
    """关于…第1161号建议的协办意见: a reply to a suggestion, not a policy."""
    return any(re.search(p, name) for p in rules()["proposal"]["reply_title"])


def _is_work(name: str) -> bool:
    """《诗经》, 《莆田百家姓》, 《中国文物地图集·福建分册》: a book or a song, not a document
    that governs anything."""
    w = rules()["works"]
    core = re.sub(r"[（(][^（）()]*[）)]$", "", name)  # （2021—2035年）, （试行）
    if core.endswith(tuple(rules()["bare"]["suffixes"]) + tuple(w["document_endings"])):
        return False
    return core.endswith(tuple(w["endings"]))


def _is_alias(text: str, prev: Policy, start: int) -> bool:
    """《意见》 in （以下简称《意见》） right after a cited title. (A bare
    document type, 《意见》 or 《办法》, refers back to the last title anywhere.)"""
    between = text[prev.span[1]:start]
    return len(between) <= 20 and any(c in between for c in rules()["alias"]["cues_before"])


def _action(text: str, start: int, end: int, prev: Policy | None) -> str | None:
    """The verb that says what was done with the title at [start, end)."""
    clause_start = textutil.clause_start(text, start, rules()["action"]["clause_breaks"], ACTION_REACH)
    if prev is not None and prev.span[1] > clause_start:
        between = text[prev.span[1]:start].strip()
        if between in rules()["action"]["joiners"]:
            return prev.action
        clause_start = prev.span[1]
    pats = _patterns()
    m = pats["verb_before"].search(text[clause_start:start])
    if m:
        return pats["filler_end"].sub("", m.group(0)) or None
    m = pats["verb_after"].match(text[end:end + 8])
    return m.group(0) if m else None


def _issuer(text: str, start: int) -> str | None:
    """The issuing body written right before a 《》 title (国务院办公厅《关于…》):
    the run of Chinese characters before `start`, after the last action verb,
    when it ends with an organ word (部, 办公厅, 人民政府 …)."""
    iss = rules()["issuer"]
    s = start
    while s > 0 and start - s < iss["max_length"] + ACTION_REACH and "\u4e00" <= text[s - 1] <= "\u9fff":
        s -= 1
    run = text[s:start]
    leads = list(_patterns()["issuer_lead"].finditer(run))
    if leads:
        run = run[leads[-1].end():]
    if not (iss["min_length"] <= len(run) <= iss["max_length"]) or any(c in iss["stop_chars"] for c in run):
        return None
    if not run.endswith(tuple(iss["endings"])) or run.endswith(tuple(iss["not_endings"])):
        return None
    return run


def _bare_titles(text: str, bracketed: list[tuple[int, int]]) -> list[Policy]:
    """Titles cited without 《》: 关于/place/year … document-type suffix, one clause."""
    bare, pats = rules()["bare"], _patterns()
    out = []
    for m in pats["suffix"].finditer(text):
        end = m.end()
        if any(s <= m.start() < e for s, e in bracketed):
            continue
        clause = _bare_clause_start(text, m.start(), bare["breaks"], bare["max_length"])
        start = _title_start(text, clause, m.start())
        if start is None:
            continue
        title = text[start:end]
        if len(title) < bare["min_length"] or any(title.endswith(w) for w in bare["bad_endings"]):
            continue
        if title.startswith("关于") and start == clause and text[end:end + 1] in bare["topic_followers"]:
            continue  # 关于X，… introduces a topic
        if title.startswith("关于") and _is_heading(text, start, end):
            continue  # 二、关于生态公益林调整办法 heads a section
        if _is_reply_title(title) or re.match(rules()["proposal"]["suggestion_after"], text[end:end + 48]):
            continue  # the reply's own title, or part of the suggestion's
        p = Policy(span=(start, end), surface=title, name=squeeze(title), bracketed=False)
        p.action = _action(text, start, end, None)
        out.append(p)
    # 关于印发…方案的通知 also matched as 关于印发…方案: keep the longest
    return [p for p in out if not any(q is not p and q.span[0] <= p.span[0] and p.span[1] <= q.span[1]
                                      for q in out)]


def _verb_led(head: str) -> bool:
    """纳入打造区域…规划: a verb, not a place, opens it (打造区 is no district)."""
    words = nlp.pos_cut(head[:6])
    return bool(words) and words[0].flag.startswith("v") and words[0].flag != "vn"


def _bare_clause_start(text: str, pos: int, breaks: str, limit: int) -> int:
    """Where the clause holding text[pos] starts, looking back at most `limit`
    characters; a plan period in quotes (“十四五”) does not break it."""
    lo = max(0, pos - limit)
    start = textutil.clause_start(text, pos, breaks, limit)
    while start - 5 >= lo and _period_quote().search(text, start - 5, start):
        start = max(textutil.clause_start(text, start - 5, breaks), lo)
    return start


@cache
def _period_quote() -> re.Pattern:
    return re.compile(rules()["bare"]["period_quote"])


def _is_heading(text: str, start: int, end: int) -> bool:
    """The title fills its line after a numbering label."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end:len(text) if line_end < 0 else line_end]
    return not rest.strip(" \u3000。") and re.match(rules()["bare"]["heading_label"], text[line_start:start]) is not None


def _quoted_titles(text: str) -> list[Policy]:
    out = []
    for pair in outermost(scan(text, QUOTE_MARKS, max_len=150)):
        s, e = pair.inner
        name = name_of(text[s:e])
        if is_quoted_title(name):
            p = Policy(span=pair.outer, surface=text[pair.open:pair.close + 1], name=name, bracketed=False)
            p.action = _action(text, pair.open, pair.close + 1, None)
            out.append(p)
    return out


def _title_start(text: str, clause: int, suffix_at: int) -> int | None:
    """Where a bare title starts: 关于 at the clause start or after a verb or 的,
    or a place name after a verb or 的 (实施余姚市…计划); else None."""
    pats, bare = _patterns(), rules()["bare"]
    for s in range(clause, suffix_at):
        after_verb = s > clause and (text[s - 1] == "的" or pats["verb_before"].search(text[clause:s]))
        head = text[s:suffix_at]
        if head.startswith("关于") and (after_verb or s == clause) and not re.match("关于(?:您|你|贵)", head):
            return s
        # 出台实施市级…办法: a second verb is no place (实施市)
        place = pats["place"].match(head) if after_verb and not pats["verb_start"].match(head) else None
        if place and place.group(0)[-2:] not in bare["not_places"] and \
                not any(c in bare["not_in_place"] for c in place.group(0)) and not _verb_led(head):
            return s
    return None
