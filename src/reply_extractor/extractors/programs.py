"""Named programmes, campaigns, talent schemes and brands, written in quotes.

Every outermost quoted phrase (“…”, 「…」, "…"; an inner ‘…’ stays in the
name) is a candidate. It is dropped when the text treats it as a slogan, a
complaint or a figure of speech (the lists are in data/programs.toml):
“校热企冷”的现象, “就业难”, 由“建好”向“管好”转变, a list of clauses with no
type word after it (“一人一档、一人一策”), a long work title, or 的“大文章”。

name = the quoted text (spacing squeezed). A type word right after the
quotes (“上林英才”计划) goes to `kind` and into the span, not into the name, so
“上林英才”计划 and “上林英才计划” keep names a linker can equate by dropping
a trailing kind. One item per name; repeats go to `other_spans`.
"""
from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from ..record import Program
from .policies import is_quoted_title
from .quotes import QUOTE_MARKS, name_of, outermost, scan

DATA = Path(__file__).resolve().parents[1] / "data" / "programs.toml"
SEPARATORS = "、"  # what may stand between quotes of one run: “慢就业”“缓就业”


@cache
def rules() -> dict:
    with DATA.open("rb") as f:
        return tomllib.load(f)


@cache
def _patterns() -> dict[str, re.Pattern]:
    r = rules()
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    breaks = re.escape(r["modifier_breaks"])
    sl = r["slogan"]
    return {
        "kind": re.compile(f"^[^{breaks}]{{0,{r['max_modifier']}}}(?:{alt(r['kinds'])})"),
        "kind_word": re.compile(f"(?:{alt(r['kinds'])})$"),
        "action": re.compile(f"(?:{alt(r['actions'])})$"),
        "slogan_follower": re.compile(f"^(?:{alt(sl['follower_lead'])})?(?:{alt(sl['followers'])})"),
    }


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
    for run in runs:
        if _slogan_run(text[run[-1].close + 1:run[-1].close + 12]):
            continue
        for i, q in enumerate(run):
            item = _program(text, q, last=(i == len(run) - 1))
            if item is not None:
                found.append(item)
    _drop_transitions(text, runs, found)
    return _dedupe(found)


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


def _slogan_run(after: str) -> bool:
    """The phrases of a run name a phenomenon or principle (“…”的现象, “…”原则)."""
    return bool(_patterns()["slogan_follower"].match(after))


def _program(text: str, q, last: bool) -> Program | None:
    sl = rules()["slogan"]
    s, e = q.inner
    raw = text[s:e]
    name = name_of(raw)
    if not name or not re.search(r"[\w\u4e00-\u9fff]", name):
        return None
    if any(c in name for c in sl["sentence_marks"]) or is_quoted_title(name):
        return None
    end = q.close + 1
    kind_m = _patterns()["kind"].match(text[end:end + 12]) if last else None
    multi = any(c in name for c in sl["clause_marks"])
    if multi and kind_m is None:
        return None  # a slogan of several clauses
    if not multi and len(name) > sl["max_length"]:
        return None  # the title of a work, not a programme
    if any(name.endswith(w) for w in sl["problem_endings"]) and len(name) <= sl["problem_max_length"]:
        return None  # “就业难”
    if text[q.open - 1:q.open] == "的" and text[end:end + 1] and text[end] in sl["figure_marks"]:
        return None  # …的“大文章”。
    if name in sl["figures_of_speech"]:
        return None  # 打通“最后一公里”
    span_end = end + (kind_m.end() if kind_m else 0)
    kind = kind_m.group(0) if kind_m else None
    action = _patterns()["action"].search(text[max(0, q.open - 6):q.open])
    return Program(span=(q.open, span_end), surface=text[q.open:span_end], name=name,
                   action=action.group(0) if action else None, kind=kind)


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


def _dedupe(items: list[Program]) -> list[Program]:
    """One item per programme; later mentions become `other_spans` of the first."""
    seen: dict[str, Program] = {}
    out = []
    for p in items:
        k = key(p.name)
        if k in seen:
            seen[k].other_spans.append(list(p.span))
            if seen[k].kind is None:
                seen[k].kind = p.kind
            continue
        seen[k] = p
        out.append(p)
    return out
