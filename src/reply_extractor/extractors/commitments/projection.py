"""Projections are not commitments: "预计到2025年，全国退役动力电池将超过50万吨"
forecasts a thing, it does not say what the agency will do. A 将 after a
forecast word (预计/预测/估计/据测算, same sentence) whose subject is something
other than the agency (我部/我局/我们…) or a bare time is a projection; every cue
from the forecast word to the end of the 将's clause belongs to it. Rules are
the [projection] table of data/commitments.toml."""
from __future__ import annotations

import re
from functools import cache

from ...rules import load as load_rules
from ...textutil import clause_bounds, clause_start


def _cfg() -> dict:
    return load_rules("commitments")["projection"]


@cache
def _forecast_re() -> re.Pattern:
    words = sorted(_cfg()["forecast_words"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@cache
def _not_subject_re() -> re.Pattern:
    return re.compile(_cfg()["not_subject"])


@cache
def _agency_re() -> re.Pattern:
    return re.compile(_cfg()["agency_subject"])


def projection_spans(text: str, will_positions: list[int], sentence_ends: str) -> list[tuple[int, int]]:
    """[forecast word, end of the 将's clause) for each 将 (offsets given) that
    states a projection."""
    out = []
    for pos in will_positions:
        s = clause_start(text, pos, sentence_ends, limit=400)  # a sentence is at most 400 characters
        hits = list(_forecast_re().finditer(text, s, pos))
        if not hits:
            continue
        f = hits[-1]
        if any(f.end() <= w < pos for w in will_positions):
            continue  # the forecast is the earlier 将's (…将超过10万吨，我局将…)
        subject = _not_subject_re().sub("", text[f.end():pos])
        if not subject and len(hits) > 1:  # 据测算，试点全面推开后，预计将惠及…: the estimate's subject
            subject = _not_subject_re().sub("", text[hits[-2].end():f.start()])
        head = clause_start(text, pos)  # the 将's own clause, when it comes after the forecast's
        own = _not_subject_re().sub("", text[head:pos]) if head > f.end() else ""
        if not subject or _agency_re().match(subject) or _agency_re().match(own):
            continue  # 预计年底前将…, 预计明年我局将…, 经测算，…较大，我局将…: the agency's own plan
        out.append((f.start(), clause_bounds(text, pos)[1]))
    return out
