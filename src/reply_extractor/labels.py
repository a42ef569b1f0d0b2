"""Numbering labels (一、 / （一） / 1. / ① / 一是) and answering-unit markers
("（区法院）") in a reply: where they stand and what they number. The label
styles are data/numbering.toml [[style]]."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .document import Document
from .layout import at_line_start, numbering
from .numbers import parse_int
from .textutil import fold, line_bounds

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@cache
def _style_patterns() -> list[tuple[str, str, re.Pattern]]:
    return [(s["name"], s["kind"], re.compile(s["pattern"])) for s in numbering()["style"]]


@cache
def _word_numbers() -> dict[str, dict[str, int]]:
    """Style name -> the number each of its words stands for (首先 -> 1), for
    styles counting in words; 0: the number after the label before."""
    return {s["name"]: s["numbers"] for s in numbering()["style"] if "numbers" in s}


@dataclass
class Label:
    start: int          # label start
    end: int            # label end (heading starts here, after spacing)
    style: str
    kind: str           # block | inline
    number: int
    line_start: bool
    text: str           # the label as written (or as Word numbers it)


def _number(s: str) -> int | None:
    if s in CIRCLED:
        return CIRCLED.index(s) + 1
    return parse_int(s)


def classify_label(label: str) -> tuple[str, str, int] | None:
    """(style, kind, number) of a label string such as "（三）" or "2."."""
    f = fold(label).strip()
    for name, kind, pat in _style_patterns():
        m = pat.fullmatch(f)
        if m and (n := _number(m.group("n"))):
            return name, kind, n
    return None


def find_labels(doc: Document, start: int = 0, end: int | None = None) -> list[Label]:
    """Every numbering label in text[start:end] at a paragraph start or after a
    sentence stop, plus the labels of Word auto-numbered paragraphs."""
    text = doc.text
    end = len(text) if end is None else end
    ftext = doc.folded
    after = numbering()["position"]["after"]
    found: dict[int, Label] = {}
    rows = [(b.start, b.end) for b in doc.blocks if b.kind == "table_row"]
    for b in doc.blocks:
        if b.kind == "list_item" and b.label and start <= b.start < end:
            c = classify_label(b.label)
            style, kind, n = c if c else (f"word{b.level or 0}", "block", 0)
            found[b.start] = Label(b.start, b.start + len(b.label), style, kind, n, True, b.label)
    for name, kind, pat in _style_patterns():
        for m in pat.finditer(ftext, start, end):
            s = m.start()
            if s in found:
                continue
            if _in_table(rows, text, s):
                continue
            ls = at_line_start(text, s)
            if not ls and not _after_stop(ftext, s, after):
                continue
            words = _word_numbers().get(name)
            n = words.get(m.group("n")) if words else _number(m.group("n"))
            if not n and not words:
                continue
            found[s] = Label(s, m.end(), name, kind, n or 0, ls, text[s:m.end()])
    # Word labels with no recognisable style are numbered by their order; 最后 comes
    # after the label of its style before it (alone it is no label).
    labels = sorted(found.values(), key=lambda l: l.start)
    counters: dict[str, int] = {}
    last: dict[str, int] = {}
    kept = []
    for l in labels:
        if l.number == 0 and l.style in _word_numbers():
            if l.style not in last:
                continue
            l.number = last[l.style] + 1
        elif l.number == 0:
            counters[l.style] = counters.get(l.style, 0) + 1
            l.number = counters[l.style]
        last[l.style] = l.number
        kept.append(l)
    return _drop_overlaps(kept)


def _after_stop(ftext: str, pos: int, after: str) -> bool:
    """A sentence stop just before pos, spacing aside; or a space after a heading:
    a glued page keeps its paragraph breaks as spaces ("…的二十大。 一、关于…",
    "二、人才管理服务方面 一是加强…")."""
    k = pos
    while k > 0 and ftext[k - 1] in " \t":
        k -= 1
    if k == 0:
        return False
    return ftext[k - 1] in after or (k < pos and "\u4e00" <= ftext[k - 1] <= "\u9fff")


def _in_table(rows: list[tuple[int, int]], text: str, pos: int) -> bool:
    """Inside a table row: a table_row block, or a line of tab-separated cells."""
    if any(a <= pos < b for a, b in rows):
        return True
    s, e = line_bounds(text, pos)
    return text.count("\t", s, e) >= 2


def _drop_overlaps(labels: list[Label]) -> list[Label]:
    out: list[Label] = []
    for l in labels:
        if out and l.start < out[-1].end:
            continue
        out.append(l)
    return out


@cache
def _unit_re() -> re.Pattern:
    return re.compile(numbering()["unit_marker"]["pattern"])


def unit_markers(doc: Document, start: int, end: int) -> list[tuple[int, int, str]]:
    """Answering-unit markers "（区法院）" at a paragraph start or after a stop."""
    after = numbering()["position"]["after"]
    text, ftext = doc.text, doc.folded
    out = []
    for m in _unit_re().finditer(ftext, start, end):
        s = m.start()
        if at_line_start(text, s) or _after_stop(ftext, s, after):
            out.append((s, m.end(), m.group("unit")))
    return out
