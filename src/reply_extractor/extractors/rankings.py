"""Rankings: a place within a field, "增速位居宁波第2", "连续三年位居全省前三".

CUE [SCOPE] RANK is found on the reply's shared jieba tokens (nlp.tokens; the
words from data/rankings.toml): one regex finds the clauses holding a cue and
a rank after it, then each cue token is read forward over at most
max_scope_tokens tokens. The cue must be a word of its own (居 but not 居民),
the scope stays inside one clause, and the rank is 第N, 首位/榜首 or 前N (a
top-N list: rank N, top_n N). Batches and serial numbers (第一批, 第3号, 第一方阵) are
rejected by the token after the rank. Shares (约占全省70%), prizes (二等奖) and
前列/名列前茅 carry no cue-and-rank pair and never match.
"""
from __future__ import annotations

import re
from functools import cache

from .. import nlp, regions
from ..numbers import parse_int
from ..positions import Stops
from ..record import Ranking
from .mentions import issuer_place, short_names
from ..rules import alternation, load as load_rules
from ..textutil import SENTENCE_END

CLAUSE_END = SENTENCE_END + "，,：:"


@cache
def rules() -> dict:
    return load_rules("rankings")


@cache
def _scope_not_end() -> tuple[str, ...]:
    return tuple(c for c in rules()["cues"] if c not in rules()["scope_may_end"])


@cache
def _rank_tests() -> dict:
    r = rules()
    number = re.compile(r["number_token"])
    return {"number": number, "ordinal": re.compile(r["ordinal_token"]),
            # 前 五名 / 第 二十名: jieba glues the number to its rank word
            "ranked_number": re.compile(r["number_token"][:-1] + "[位名强]?$"),
            # 前十, 前三位 as one token
            "top_word": re.compile("^前" + r["number_token"][1:-1] + "[位名强]?$"),
            "rank_words": set(r["rank_words"]), "cues": set(r["cues"]),
            "strong": re.compile(r["strong_token"]), "top_only": set(r["top_only_cues"])}


def _ranks_from(words: list[str], i: int, stop: int):
    """(label, end) of every rank that a cue at token i reaches before token `stop`,
    with any tokens between them as scope: 第N / 第 N / 首位 (ordinal), 前 N /
    前N (top)."""
    t = _rank_tests()
    for j in range(i + 1, stop):
        w = words[j]
        if t["ordinal"].search(w) or w in t["rank_words"]:
            yield "ordinal", j + 1
        if j >= i + 2 and t["ranked_number"].search(w):
            if words[j - 1] == "第":
                yield "ordinal", j + 1
            elif words[j - 1] == "前":
                yield "top", j + 1
        if t["top_word"].search(w):
            yield "top", j + 1


def _strong_list(words: list[str], i: int, clause_end: int) -> int | None:
    """The end of a list of the best N (百强县, 50强, 百强区行列) that a top-only
    cue at token i enters, unquoted, at the end of its clause; None if none."""
    t = _rank_tests()
    for j in range(i + 1, min(i + rules()["max_scope_tokens"] + 2, clause_end)):
        w = words[j]
        if w in _QUOTES:
            return None  # 入选“中国企业500强”: a name
        if not t["strong"].search(w):
            continue
        first = j - 1 if w.startswith("强") else j  # 500 | 强
        if first <= i or (first < j and not t["number"].search(words[first])) or words[first - 1] in ("第", "前"):
            return None
        end = j + 1
        if end < clause_end and words[end] in rules()["strong_after"]:
            end += 1
        return end if end == clause_end or _breaks_scope(words[end]) else None
    return None


def _strong_rank(tdoc, start: int, end: int) -> tuple[int, int, int | None]:
    """(first token, last token, N) of the list of the best N in a "strong" match."""
    t = _rank_tests()
    j = next(k for k in range(end - 1, start, -1) if t["strong"].search(tdoc[k].text))
    first = j - 1 if tdoc[j].text.startswith("强") else j
    digits = "".join(tdoc[k].text for k in range(first, j + 1))
    return first, j, parse_int(re.sub(r"强.*$", "", digits))


_QUOTES = {"“", "”", "\"", "《", "》", "「", "」"}


def _breaks_scope(token_text: str) -> bool:
    return _patterns()["break"].search(token_text) is not None


@cache
def _patterns() -> dict[str, re.Pattern]:
    r = rules()
    breaks = re.escape(r["scope_breaks"])
    return {"break": re.compile(f"[{breaks}]"), "clause": re.compile(f"[^{breaks}]+"),
            "trigger": re.compile(alternation(["第", "前", *r["rank_words"]]) + "|" + r["strong_trigger"]),
            "cue": re.compile(alternation(r["cues"])),
            "evaluation": _with_evaluation(r["evaluation"]),
            "evaluation_frame": _with_evaluation(r["evaluation_frame"]),
            "earlier_field": re.compile(r["earlier_field"])}


def _with_evaluation(pattern: str) -> re.Pattern:
    """`pattern` with {evaluation}, the evaluation named (在…评估中), filled in."""
    named = ("(?:在|根据|按照|据)(?:最新发布的)?([^，。；]{2,30}?(?:"
             + "|".join(rules()["evaluation_words"]) + "))(?:结果)?")
    return re.compile(pattern.replace("{evaluation}", named))


def _candidates(text: str) -> list[tuple[int, int]]:
    """[start, end) of the parts of clauses (between scope breaks) that may hold a
    ranking, from the first cue on: a rank (第, 前, 首位 …) follows a cue in the
    clause. Found on the characters: no words are needed to rule a clause out."""
    p = _patterns()
    out = []
    for m in p["clause"].finditer(text):
        cue = p["cue"].search(text, m.start(), m.end())
        if cue and p["trigger"].search(text, cue.end(), m.end()):
            out.append((cue.start(), m.end()))
    return out


def _clauses(tdoc, candidates):
    """The token spans of the candidate clauses."""
    for start, end in candidates:
        span = tdoc.char_span(start, end, alignment_mode="contract")
        if span is not None and len(span):
            yield span


def _matches(tdoc, candidates):
    """(label, start, end) in token indices: a cue token, at most max_scope_tokens
    tokens of scope and a rank of at most 2 tokens, within one clause."""
    limit = rules()["max_scope_tokens"]
    cues = _rank_tests()["cues"]
    found = []
    for span in _clauses(tdoc, candidates):
        for i in range(span.start, span.end):
            if tdoc.words[i] not in cues:
                continue
            for label, end in _ranks_from(tdoc.words, i, min(i + limit + 3, span.end)):
                if _rank_start(tdoc, i, end) - i - 1 <= limit:
                    found.append((label, i, end))
            if tdoc.words[i] in _rank_tests()["top_only"]:
                end = _strong_list(tdoc.words, i, span.end)
                if end is not None:
                    found.append(("strong", i, end))
    return sorted(set(found), key=lambda m: (m[1], m[2], m[0]))


def _rank_start(tdoc, start: int, end: int) -> int:
    """The first token of the rank (第, 前, 第N, 首位 …) of the match [start, end)."""
    r = rules()
    return next(i for i in range(end - 1, start, -1)
                if tdoc[i].text in ("第", "前") or re.match(r["ordinal_token"], tdoc[i].text)
                or tdoc[i].text in r["rank_words"] or tdoc[i].text.startswith("前"))


def _numeral_tail(token_text: str) -> bool:
    """A token that continues the numeral of a place: 百位 after 第一, 两位 after 第."""
    return re.match(rules()["number_token"][:-1] + "[位名]?$", token_text) is not None


def _rank_value(rank_text: str) -> int | None:
    words = rules()["rank_words"]
    if rank_text in words:
        return words[rank_text]
    if rank_text[-1:] in rules()["rank_suffixes"] and rank_text[:-1] in words:
        return words[rank_text[:-1]]  # 价值榜首位: jieba cut 榜首|位
    digits = re.sub(r"^[第前]|[位名强]$", "", rank_text)
    return parse_int(digits)


def _is_place(name: str) -> bool:
    """A division's full or short name (台州市, 台州)."""
    return regions.place_of(name) is not None or name in short_names()


def _issuer_region(doc, reply) -> str | None:
    """The issuer's region, read as the linker reads it (mentions.issuer_place)."""
    place = issuer_place(reply.meta, doc.text)
    return place.name if place else None


def _figure_metric(reply, start: int, end: int) -> str | None:
    """The metric of the last figure in [start, end): 机械化率达到92.4%，…，位列全省第一."""
    for f in reversed(getattr(reply, "figures", []) or []):
        if start <= f.span[0] and f.span[1] <= end and f.metric:
            return f.metric
    return None


def _metric(text: str, ft: str, reply, sent_start: int, clause_start: int, prefix: str,
            prefix_start: int) -> str | None:
    """What is ranked: the clause before the cue (增速位居…), else the evaluation the
    sentence names (在…评估中列…), else the metric of the figure just before
    (机械化率达到92.4%，位列全省第一). `ft`: the folded text; `prefix` starts at
    prefix_start."""
    r = rules()
    for where, start in ((prefix, prefix_start), (text[sent_start:clause_start], sent_start)):
        m = _patterns()["evaluation"].search(ft[start:start + len(where)])
        if m:
            return where[m.start(1):m.end(1)]
    if not prefix:
        return _figure_metric(reply, sent_start, clause_start)
    for word in r["metric_drop"]:
        prefix = prefix.removeprefix(word)
    if prefix and not re.match(r["subject_only"], prefix):
        return prefix
    return None


def _earlier_scope(text: str, tdoc, sent_start: int, cue_char: int) -> str:
    """The field of an earlier ranking-like phrase in the sentence, for one that
    names none: 居长江流域11省（市）前列，其中整改销号率位列第二 -> 长江流域11省（市）."""
    r = rules()
    scope = ""
    if _patterns()["cue"].search(tdoc.text, sent_start, cue_char) is None:
        return scope  # no cue written before it: no words needed
    if tdoc.source is not None:  # a partial cut: the sentence's words, cut if they were not
        tdoc = tdoc.source.view(tdoc.source.windows(sent_start, cue_char))
    span = nlp.char_span(tdoc, sent_start, cue_char)
    if span is None:
        return scope
    toks = list(span)
    for i, t in enumerate(toks):
        if t.text not in r["cues"]:
            continue
        for j in range(i + 1, min(i + 1 + r["max_scope_tokens"], len(toks))):
            w = toks[j].text
            if _breaks_scope(w):
                break
            if w in r["field_ends"] or w in ("第", "前") or re.match(r["ordinal_token"], w):
                if j > i + 1:
                    scope = text[toks[i + 1].idx:toks[j].idx].strip()
                break
    return scope


def _list_before(text: str, ft: str, sent_start: int, cue_char: int) -> str:
    """The last list the sentence enters before the cue: 入选“中国企业500强”，其中…位列第128名."""
    found = list(re.finditer(rules()["list_before"], ft[sent_start:cue_char]))
    if not found:
        return ""
    m = found[-1]
    g = 1 if m.group(1) else 2
    return text[sent_start + m.start(g):sent_start + m.end(g)]


def _describe(text: str, ft: str, reply, tdoc, cue_char: int, scope: str, sentences: Stops,
              clauses: Stops):
    """(scope, metric, consecutive years, span start) of the ranking whose cue is at cue_char.
    `ft`: the folded text, sliced rather than folding pieces again (quadratic on long lines)."""
    r = rules()
    sent_start, _ = sentences.bounds(cue_char)
    clause_start = clauses.start(cue_char, sent_start)
    raw = text[clause_start:cue_char]
    prefix = raw.strip()
    p0 = clause_start + len(raw) - len(raw.lstrip())  # prefix = text[p0:p0 + len(prefix)]
    if not scope:  # 在潍坊各县（市、区）中排名第一: the field precedes the cue
        m = re.search(r["field_before"], prefix)
        if m:
            scope, prefix = m.group(1), prefix[: m.start()].strip()
    if not scope:  # 报销比例全省排名第二: a region word right before the cue is the field
        rel = next((w for w in regions.relative_words() if prefix.endswith(w)), None)
        if rel and len(prefix) > len(rel):
            scope, prefix = rel, prefix[: -len(rel)].strip()
    if not scope:  # 区域创新能力在台州排名第2位: a place after 在 right before the cue
        m = re.search(r["place_before"], prefix)
        if m and _is_place(m.group(1)):
            scope, prefix = m.group(1), prefix[: m.start()].strip()
    years = None
    m = re.search(r["consecutive"], ft[p0:p0 + len(prefix)])
    if m:
        years = parse_int(m.group(1))
        prefix = prefix[: m.start()].strip()
    metric = _metric(text, ft, reply, sent_start, clause_start, prefix, p0)
    if scope.endswith(_scope_not_end()):  # 最靠前的一家位列 is no field
        scope = ""
    if not scope and metric:
        # 在全国口岸营商环境评价中排名第6位: the evaluation itself; else its region
        if metric.endswith(tuple(r["evaluation_ends"])) and metric not in r["evaluation_ends"]:
            scope = metric
        else:
            scope = regions.relative_word(metric) or ""
    if not scope:
        scope = _earlier_scope(text, tdoc, sent_start, cue_char)
    for pattern in ("earlier_field", "evaluation_frame"):  # the last one before the cue
        found = None if scope else list(_patterns()[pattern].finditer(ft[sent_start:clause_start]))
        if found:
            scope = text[sent_start + found[-1].start(1):sent_start + found[-1].end(1)]
    if not scope:
        scope = _list_before(text, ft, sent_start, cue_char)
    span_start = cue_char
    if (prefix and metric and prefix.endswith(metric)) or years:
        span_start = clause_start
        while text[span_start].isspace():
            span_start += 1
    return scope, metric, years, span_start


def extract(doc, reply) -> list[Ranking]:
    text = doc.text
    if not text:
        return []
    words = nlp.lazy_tokens(text)
    ft = doc.folded if hasattr(doc, "folded") else words.text
    candidates = _candidates(ft)
    if not candidates:
        return _bare_places(doc, reply, ft, [])
    # words are cut in the candidates' clauses and one window on (a rank may end
    # a line); in all of the text when a reading goes further
    windows = set()
    for start, end in candidates:
        cut = words.windows(start, end)
        windows.update(range(cut.start, cut.stop + 1))
    try:
        return _extract(doc, reply, ft, words.view(windows), candidates)
    except nlp.NeedsWholeCut:
        return _extract(doc, reply, ft, words.full(), candidates)


def _adjusted(tdoc, start: int, end: int, label: str) -> tuple[int | None, int]:
    """The cue that ranks and the end of the rank of a cue-and-rank match, or
    (None, end) when what follows the rank shows it is no place in a field."""
    r = rules()
    # 在全国百强县排名中位列第25位: the cue after 在…中 is the one that ranks
    inner = [i for i in range(start + 2, end) if tdoc[i].text in r["cues"]
             and tdoc[i - 1].text in r["field_close"]]
    if inner:
        start = inner[-1]
        if label == "ordinal" and tdoc[start].text in r["top_only_cues"]:
            return None, end
    # 入选数量居全国第5位: a top-only cue, then one that ranks: the latter ranks
    if tdoc[start].text in r["top_only_cues"]:
        later = [i for i in range(start + 1, end) if tdoc[i].text in r["cues"]
                 and tdoc[i].text not in r["top_only_cues"]]
        start = later[-1] if later else start
    # 排名跃居全国第十: of two cues in a row the last one ranks (the first is a noun)
    while (start + 2 < end and tdoc[start + 1].text in r["cues"]
           and not (label == "ordinal" and tdoc[start + 1].text in r["top_only_cues"])):
        start += 1
    # 第一|百位, 第|两位: jieba cut the numeral of the place apart; read it whole
    if label == "ordinal" and end < len(tdoc) and _numeral_tail(tdoc[end].text):
        end += 1
    nxt = nlp.next_word(tdoc, end - 1)
    if nxt is not None and nxt.text in r["rank_suffixes"] and nxt.i == end:
        end += 1
        nxt = nlp.next_word(tdoc, end - 1)
    if nxt is not None and any(nxt.text.startswith(w) for w in r["not_after"]):
        return None, end
    return start, end


def _token_end(tdoc, i: int) -> int:
    return tdoc[i].idx + len(tdoc[i])


def _extract(doc, reply, ft: str, tdoc, candidates) -> list[Ranking]:
    text = doc.text
    r = rules()
    # Several matches may share a rank (scope lengths vary): keep the widest cue per rank.
    best: dict[int, tuple[int, int, str]] = {}
    for label, start, end in _matches(tdoc, candidates):
        if label == "ordinal" and tdoc[start].text in r["top_only_cues"] and not (
                end < len(tdoc) and tdoc[end].text in r["rank_suffixes"]):
            continue  # 入围第三批: a top-only cue ranks with 第N only as a place (跻身…第28位)
        if end not in best or start < best[end][0]:
            best[end] = (start, end, label)

    issuer_region = None
    sentences, clauses = Stops(text, SENTENCE_END), Stops(text, CLAUSE_END)
    out: list[Ranking] = []
    taken: list[tuple[int, int]] = []
    for start, end, label in sorted(best.values()):
        if label == "strong":
            if any(tdoc[i].text in r["cues"] for i in range(start + 1, end)):
                continue
            rank_start, last, rank = _strong_rank(tdoc, start, end)
            scope_end = _token_end(tdoc, last)  # the list is the field: 跻身全国百强县行列 -> 全国百强县
        else:
            start, end = _adjusted(tdoc, start, end, label)
            if start is None:
                continue
            rank_start = _rank_start(tdoc, start, end)
            rank = _rank_value("".join(t.text for t in tdoc[rank_start:end]))
            scope_end = tdoc[rank_start].idx
        if rank is None or rank <= 0:
            continue
        has_scope = label == "strong" or rank_start > start + 1
        scope = text[tdoc[start + 1].idx:scope_end].strip() if has_scope else ""
        scope = scope.removeprefix("在").strip("“”\"'《》")
        if scope in r["scope_fillers"]:  # 排名分别为第6名
            scope = ""
        cue_char, end_char = tdoc[start].idx, tdoc[end - 1].idx + len(tdoc[end - 1])
        clause = text[clauses.start(cue_char):cue_char].strip()
        if re.match(r["condition_open"], clause):
            continue
        scope, metric, years, span_start = _describe(text, ft, reply, tdoc, cue_char, scope, sentences, clauses)
        if any(s < end_char and span_start < e for s, e in taken):
            continue
        if not scope and out and _same_run(text, out[-1].span[1], span_start):
            scope = out[-1].scope  # …在全县9个乡镇中排名第1；诸福屯镇…，排名第2: the field goes on
        taken.append((span_start, end_char))

        if issuer_region is None:
            issuer_region = _issuer_region(doc, reply) or False
        out.append(Ranking(
            span=(span_start, end_char), surface=text[span_start:end_char],
            rank=rank, top_n=rank if label in ("top", "strong") else None, scope=scope,
            scope_region=regions.resolve_scope(scope, issuer_region or None),
            metric=metric or None, consecutive_years=years))
        for m in _series(text, end_char):  # …第6名、第6名、第4名 / …第7位、中部城市首位
            rank = _rank_value(re.sub(r"\s", "", m.group("place")))
            if rank:
                own = m.groupdict().get("scope")
                span = (m.start("scope" if own else "place"), m.end("place"))
                out.append(Ranking(span=span, surface=text[span[0]:span[1]], rank=rank, top_n=None,
                                   scope=own or scope, metric=metric or None,
                                   scope_region=regions.resolve_scope(own, issuer_region or None) if own
                                   else out[-1].scope_region))
                taken.append(span)
    out += _bare_places(doc, reply, ft, taken, issuer_region, (sentences, clauses))
    return sorted(out, key=lambda k: k.span)


# A ranking naming no field shares the one before when only clauses closed by ；
# (no 。 and no line break) and at most this many characters lie between them.
_RUN_GAP = 60


def _same_run(text: str, end: int, start: int) -> bool:
    between = text[end:start]
    return len(between) <= _RUN_GAP and not any(c in between for c in "。！？!?\n")


def _bare_places(doc, reply, ft: str, taken: list[tuple[int, int]], issuer_region=None,
                 stops: tuple[Stops, Stops] | None = None) -> list[Ranking]:
    """完成率98.07%，全省第一: a clause of only a region and a place, after a figure
    (no cue word, so not among the candidates). `stops`: the text's (sentence,
    clause) stops when the caller has them."""
    text, r, out = doc.text, rules(), []
    sentences, clauses = stops or (Stops(text, SENTENCE_END), Stops(text, CLAUSE_END))
    for m in re.finditer(r["bare_place"], text):  # 完成率98.07%，全省第一
        if any(s < m.end(2) and m.start(1) < e for s, e in taken):
            continue
        rank = _rank_value(m.group(2))
        if not rank:
            continue
        sent_start, _ = sentences.bounds(m.start(1))
        metric = _metric(text, ft, reply, sent_start, clauses.start(m.start(1), sent_start), "", m.start(1))
        if issuer_region is None:
            issuer_region = _issuer_region(doc, reply) or False
        out.append(Ranking(span=(m.start(1), m.end(2)), surface=text[m.start(1):m.end(2)], rank=rank,
                           top_n=None, scope=m.group(1),
                           scope_region=regions.resolve_scope(m.group(1), issuer_region or None),
                           metric=metric or None))
    return out


def _series(text: str, end: int):
    """The places listed right after a ranking ending at `end` (、第6名、第4名), or
    in a field of their own (、中部城市首位); group "place", and "scope" for the latter."""
    same, own = _series_patterns()
    while (m := same.match(text, end) or own.match(text, end)) is not None:
        yield m
        end = m.end()


@cache
def _series_patterns() -> tuple[re.Pattern, re.Pattern]:
    r = rules()
    return re.compile(r["series_next"]), re.compile(r["scoped_next"])
