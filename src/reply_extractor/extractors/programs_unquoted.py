"""Programmes a reply names without quotes: 紧密型县域医共体, 河湖长制,
新时代余姚工匠培育工程, 全国乡村旅游重点村.

Five sources, each kept narrow because a bare phrase is far more often a
common noun (技能人才培育工程, 老旧小区改造) than a name:

- the gazetteer of national programmes (data/programs_national.toml), each
  with the document that established it (`established_by`);
- the X长制 family of responsibility systems (河长制, 田长制, 路长制);
- a name introduced by a verb (实施/启动/创建/入选 …) that ends in a type word
  (…工程/…计划/…行动/…共同体/…示范县/…试点) and carries a proper element:
  a place name (余姚) or a national marker (新时代, 全国, 国家, 中国);
- a plan carried out as a campaign (2019—2021年实施绿岛花城建设三年行动计划):
  a name ending like a plan document, with no issuing place at its start
  (余姚市…三年行动计划 is a policy, policies.py's), after a verb that carries
  it out (实施, 开展, 启动) and not inside a title (关于实施…行动计划的意见);
- a proper name given in apposition after a dash to a description ending in
  the same type word (设立综合服务平台——航家科技供应链服务平台);
- a campaign whose name ends in a scale word and a type word (…振兴千万行动,
  百千万工程), wherever it stands: the form itself marks a name.

Phrases inside 《》 or quotes or inside a cited policy are left out.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from .. import nlp, regions
from ..positions import Protected
from ..record import Program
from ..rules import alternation, load as load_rules
from ..textutil import clause_start
from .quotes import QUOTE_MARKS, TITLE_MARKS, scan


@dataclass(frozen=True)
class National:
    name: str
    source: str


@cache
def _rules() -> dict:
    return load_rules("programs")["unquoted"]


@cache
def _gazetteer() -> tuple[re.Pattern, dict[str, National]]:
    by_spelling: dict[str, National] = {}
    for e in load_rules("programs_national")["programme"]:
        entry = National(e["name"], e["source"])
        for spelling in [e["name"], *e.get("aliases", [])]:
            by_spelling[spelling] = entry
    return re.compile(alternation(by_spelling)), by_spelling


@cache
def _patterns() -> dict[str, re.Pattern]:
    r = _rules()
    alt = alternation
    return {
        "system": re.compile(r["system_pattern"]),
        "introduced": re.compile(
            f"(?P<verb>{alt(r['verbs'])})(?:{alt(r['aspect_marks'])})?"
            f"(?P<name>[\u4e00-\u9fff]{{{r['min_chars']},{r['max_chars']}}}?"
            f"(?:{alt(r['kinds'])}))(?=[^\u4e00-\u9fff]|(?:{alt(r['followers'])})|$)"),
        "plan_document": re.compile(f"(?:{alt(r['plan_document_endings'])})$"),
        "apposition": re.compile(
            f"(?:{alt(r['apposition_kinds'])})(?:{alt(r['apposition_dashes'])})"
            f"(?P<name>[\u4e00-\u9fff]{{{r['min_chars']},{r['max_chars']}}}?(?:{alt(r['apposition_kinds'])}))"
            f"(?![\u4e00-\u9fff]|{alt(r['apposition_dashes'])})"),
        # 科技助力乡村产业振兴千万行动: a scale word (千万, 百千万) before the type word
        # names a campaign wherever it stands; the name runs from a clause or list break
        "scale": re.compile(f"(?:^|(?<=[、，。；：:\\s（(]))(?P<name>[\u4e00-\u9fff]{{{r['min_chars']},{r['max_chars']}}}?"
                            f"(?:{r['scale_pattern']}))(?=[^\u4e00-\u9fff]|等|$)"),
        "scale_word": re.compile(r["scale_pattern"]),  # none in the text: no "scale" match
        "leading_verb": re.compile(f"^(?:{alt(r['verbs'])})(?:{alt(r['aspect_marks'])})?"),
        "trailing_adverbs": re.compile(f"(?:{alt(r['subject_clause']['adverbs'])})$"),
        "marker": re.compile(f"^(?:{r['edition_pattern']})?(?:{alt(r['national_markers'])})|{alt(r['era_markers'])}"),
    }


@cache
def short_place_names() -> frozenset[str]:
    """Place names as replies write them inside a name: 余姚, 宁波, 浙江."""
    suffixes = sorted(regions.short_name_rules()["suffixes"], key=len, reverse=True)
    out = set()
    for full in regions.division_names():
        for suf in suffixes:
            if full.endswith(suf) and len(full) - len(suf) >= 2:
                out.add(full[: -len(suf)])
                break
    return frozenset(out - set(_rules()["not_places"]))


def _has_proper_element(name: str) -> bool:
    if _patterns()["marker"].search(name):
        return True
    places = short_place_names()
    return any(name[i:i + n] in places for n in (2, 3) for i in range(len(name) - n + 1))


def _blocked(text: str, policies) -> Protected:
    """Spans no bare name is read from: quotes, 《》 titles, cited policies."""
    spans = [p.outer for marks in (QUOTE_MARKS, TITLE_MARKS) for p in scan(text, marks)]
    spans += [tuple(p.span) for p in policies or ()]
    return Protected(spans)


def _inside(spans: Protected, a: int, b: int) -> bool:
    """Whether [a, b) overlaps one of the spans."""
    return a in spans or bisect_left(spans.starts, a) < bisect_left(spans.starts, b)


def find(text: str, policies=(), quoted: dict[str, Program] | None = None,
         key=lambda name: name) -> list[Program]:
    """Bare programme names in `text`, one item per programme (later mentions in
    `other_spans`). `quoted` maps key(name) -> the programme found in quotes: a
    gazetteer name already quoted (“电子商务进农村综合示范”) only gets its source."""
    quoted = quoted or {}
    blocked = _blocked(text, policies)
    pattern, entries = _gazetteer()
    mentions: dict[str, list[tuple[int, int]]] = {}  # programme -> spans, in order
    source: dict[str, str | None] = {}
    for m in pattern.finditer(text):
        entry = entries[m.group(0)]
        spellings = [sp for sp, e in entries.items() if e == entry]
        hit = next((quoted[key(sp)] for sp in spellings if key(sp) in quoted), None)
        if hit is not None:
            hit.established_by = hit.established_by or entry.source
            continue
        mentions.setdefault(entry.name, []).append(m.span())
        source[entry.name] = entry.source
    national = Protected([sp for v in mentions.values() for sp in v])
    for m in _patterns()["system"].finditer(text):
        if key(m.group(0)) not in quoted and m.start() not in national:  # 河长制 of the gazetteer
            mentions.setdefault(m.group(0), []).append(m.span())
    cited = [key(p.name) for p in policies or () if getattr(p, "name", None)]
    for m in _patterns()["introduced"].finditer(text):
        name = m.group("name")
        if key(name) in quoted:
            continue
        if _patterns()["plan_document"].search(name):
            if not _plan_campaign(text, m, cited, key):
                continue
        elif not _has_proper_element(name) and not _carried_out_by_subject(text, m):
            continue
        mentions.setdefault(name, []).append(m.span("name"))
    appositions = set()
    for m in _patterns()["apposition"].finditer(text):
        if key(m.group("name")) not in quoted and not _in_chain(text, m.start()):
            mentions.setdefault(m.group("name"), []).append(m.span("name"))
            appositions.add(m.group("name"))
    scale_matches = _patterns()["scale"].finditer(text) if _patterns()["scale_word"].search(text) else ()
    for m in scale_matches:
        cut = _patterns()["leading_verb"].match(m.group("name"))
        a = m.start("name") + (cut.end() if cut else 0)
        name = text[a:m.end("name")]
        if key(name) not in quoted and len(name) >= _rules()["scale_min_chars"]:
            mentions.setdefault(name, []).append((a, m.end("name")))
            appositions.add(name)  # named by its form: no verb needed
    found = []
    for spans in mentions.values():
        spans = [sp for sp in spans if not _inside(blocked, *sp)]
        first = next((sp for sp in spans if text[sp[0]:sp[1]] in appositions or _introduced(text, *sp)), None)
        if first is None:
            continue  # named only in passing (纳入林长制考核, 家庭医生签约服务老人…)
        a, b = first
        name = text[a:b]
        found.append(Program(span=(a, b), surface=name, name=name, action=_action_before(text, a),
                             established_by=source.get(_entry_name(name)),
                             other_spans=[list(sp) for sp in spans if sp != first]))
    out: list[Program] = []
    for p in sorted(found, key=lambda p: (p.span[0], -p.span[1])):
        if not any(q.span[0] < p.span[1] and p.span[0] < q.span[1] for q in out):
            out.append(p)  # 河长制 inside 河湖长制 … is that one
    return out


def _plan_campaign(text: str, m: re.Match, cited: list[str], key) -> bool:
    """A plan-like name (…三年行动计划) carried out as a campaign: a carrying-out
    verb, no issuing place at its start (that is a policy), not a cited policy's
    name, not inside a title (关于实施…行动计划的实施意见)."""
    r = _rules()
    name = m.group("name")
    verb = m.group("verb")
    campaign_verb = verb in r["plan_campaign_verbs"] or (
        verb in r["action_campaign_verbs"] and name.endswith("行动"))
    if not campaign_verb or _starts_with_place(name) or not _plan_theme(name):
        return False
    if text[max(0, m.start() - 2):m.start()].endswith("关于") or text[m.end():].startswith("的"):
        return False
    k = key(name)
    return not any(k in c for c in cited)


def _carried_out_by_subject(text: str, m: re.Match) -> bool:
    """A name with no place or national marker (新型职业农民培育工程, 企业成长培育计划)
    counts when the reply itself opens a clause carrying it out: 我市启动实施…,
    一是实施…, 。实施…, 我局开展…专项整治行动. A verb inside a longer phrase
    (大力实施技能人才培育工程, 在…区域开展…行动), a name counted or measured right
    after (…提质改造工程120公里), a section about it (关于实施…) and a bare head
    with no theme of its own (专项整治行动, 新一轮…计划) stay common nouns."""
    r = _rules()["subject_clause"]
    name = m.group("name")
    if m.group("verb") not in _rules()["plan_campaign_verbs"] or not name.endswith(tuple(r["kinds"])):
        return False
    if re.match(r"\s*[0-9０-９]", text[m.end():m.end() + 3]) or name.startswith(tuple(r["pointers"])) \
            or any(c in name for c in r["conjunctions"]):
        return False
    head = max((h for h in r["generic_heads"] if name.endswith(h)), key=len, default="")
    if len(name) - len(head) < r["theme_min_chars"]:
        return False
    before = text[max(0, m.start() - 12):m.start()]
    before = _patterns()["trailing_adverbs"].sub("", before)
    if before.endswith("关于"):
        return False
    return not before or bool(re.search(r["opener_pattern"], before))


def _plan_theme(name: str) -> bool:
    """The plan names a theme of its own (绿岛花城建设, 城市更新), not only its
    period or a pointer (实施好三年行动计划, 上述行动计划, 新一轮三年行动计划)."""
    r = _rules()
    ending = max((e for e in r["plan_document_endings"] if name.endswith(e)), key=len, default="")
    theme = name[:len(name) - len(ending)]
    words = nlp.pos_cut(theme)
    return len(theme) >= r["plan_theme_min_chars"] and bool(words) \
        and words[0].flag.startswith(tuple(r["plan_theme_first_tags"]))


def _in_chain(text: str, at: int) -> bool:
    """The dash links steps of a chain (孵化平台—加速平台—产业平台), not a
    description and its name: another dash stands earlier in the clause."""
    clause = text[clause_start(text, at, "，。；：、,;:！？", limit=40):at]
    return any(d in clause for d in _rules()["apposition_dashes"])


def _starts_with_place(name: str) -> bool:
    if regions.region_prefix_len(name):
        return True
    return any(name[:n] in short_place_names() for n in (2, 3))


def _entry_name(spelling: str) -> str | None:
    entry = _gazetteer()[1].get(spelling)
    return entry.name if entry else None


def _introduced(text: str, a: int, b: int) -> bool:
    """The reply carries the programme out (实施…, 开展…工作, 组织实施的…), and
    does not count or build it as a kind of thing (创建…产业园18个, …建设)."""
    if _action_before(text, a) is None:
        return False
    after = text[b:b + 6]
    return not (after.startswith(tuple(_rules()["thing_followers"]))
                or re.match(_rules()["count_after"], after))


def _action_before(text: str, at: int) -> str | None:
    """The verb right before a name, or before the names listed ahead of it
    (全面推行河长制、湖长制), or before a place or level that qualifies it."""
    m = _verb_before().search(text[max(0, at - 40):at])
    return m.group(1) if m else None


@cache
def _verb_before() -> re.Pattern:
    # a place or level may stand between (申报莆田市蓝色海湾整治行动, 实施省级…)
    level = f"(?:[\u4e00-\u9fff]{{2,3}}[省市县区]|{alternation(_rules()['levels'])})?"
    return re.compile(f"({alternation(_rules()['verbs'])})(?:{alternation(_rules()['aspect_marks'])})?的?{level}(?:[\u4e00-\u9fff]{{2,14}}[、和及与]){{0,3}}$")

