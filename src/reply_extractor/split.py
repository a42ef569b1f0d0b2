"""Split a file that holds several replies into one Document per reply.

A page may list several suggestions with their answers. A reply starts at
  - a title line "关于…的答复" or "某局关于…的答复" (with the letterhead lines
    just above it), when
    the file holds two or more of them, or
  - a glued "案 由：" / "事 由：" field (with a "N号提案" just before it), or
  - an assisting unit's opinion appended after the signature (附：…协办意见).
Conservative: fewer than two starts, or parts without a body of their own
(a salutation or 收悉 …, see meta.toml [split]), leave the document whole.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from . import layout
from .document import Document
from .rules import alternation, load as load_rules, longest_first
from .textutil import INLINE_SPACE, fold

MIN_BODY_CHARS = 60   # a part shorter than this (title aside) is page chrome, not a reply
HEADER_LINES = 3      # letterhead lines (agency, 文号) taken along above a title


def _rules() -> dict:
    return load_rules("meta")


def _title_starts(doc: Document) -> list[int]:
    text = doc.text
    cfg = _rules()["title"]
    prefixes = layout.layout_rules()["closing_prefixes"]
    spans = layout.lines(text)
    starts = []
    for i, (s, e) in enumerate(spans):
        line = text[s:e].strip()
        if (not layout.opens_title(line) or "。" in line
                or len(line) > cfg["max_len"] or not any(k in line for k in cfg["markers"])):
            continue
        start, taken = s, 0
        for ps, pe in reversed(spans[:i]):
            prev = fold(text[ps:pe]).strip()
            if not prev:
                continue
            if (taken >= HEADER_LINES or len(prev) > 40 or prev[-1] in "。！!？?；;"
                    or prev.startswith(tuple(prefixes)) or layout.is_date_line(prev)
                    or layout.find_salutation(prev)):
                break
            start, taken = ps, taken + 1
        starts.append(start)
    return starts


@cache
def _glued_start_re() -> re.Pattern:
    """A title label (案 由：, 标题：), with the "N号提案" written just before it."""
    labels = longest_first(_rules()["proposal_title"]["labels"] + _rules()["title"]["labels"])
    alts = "|".join(layout.spaced_label(l) for l in labels)
    kinds = alternation(_rules()["proposal"]["kinds"])
    return re.compile(rf"(?:\d+[ \t]*号[ \t]*(?:{kinds})[ \t]*)?(?:{alts}){INLINE_SPACE}*[:：]")


def _appendix_starts(doc: Document) -> list[int]:
    return [m.start() for m in re.finditer(_rules()["split"]["appendix_start"], doc.text)]


def _glued_starts(doc: Document) -> list[int]:
    return [m.start() for m in _glued_start_re().finditer(doc.folded)]


def _has_body(text: str) -> bool:
    """A reply of its own: a body past its title, answering a suggestion."""
    body = [ln for ln in text.split("\n") if ln.strip()]
    rest = "".join(body[1:]) if len(body) > 1 else "".join(body)
    return (len(re.sub(r"\s", "", rest)) >= MIN_BODY_CHARS and "。" in rest
            and (any(w in text for w in _rules()["split"]["reply_signs"]) or layout.find_salutation(text) is not None
                 or layout.body_label_end(text) is not None))  # 办复内容：… on a glued page


def _slice(doc: Document, a: int, b: int) -> Document:
    blocks = []
    for bl in doc.blocks:
        s, e = max(bl.start, a), min(bl.end, b)
        if s < e or (bl.start == bl.end and a <= bl.start < b):
            label = bl.label if bl.start >= a else None
            blocks.append(replace(bl, start=s - a, end=e - a, label=label))
    offsets = doc.offsets.sliced(a) if doc.offsets else None
    if offsets is None and a:   # the part's offsets into the file start at a
        from .reflow import OffsetMap
        offsets = OffsetMap([(0, a)])
    return Document(doc.text[a:b], blocks, source=doc.source, format=doc.format, encoding=doc.encoding,
                    offsets=offsets)


def split_replies(doc: Document) -> list[Document]:
    text = doc.text
    appendices = _appendix_starts(doc)
    for finder in (_glued_starts, _title_starts):
        starts = sorted(set(finder(doc) + appendices))
        if len(starts) < 2:
            continue
        bounds = [0] + starts[1:] + [len(text)]
        parts = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
        # a part with no body of its own (page chrome, a repeated title) joins the next one
        merged: list[list[int]] = []
        for a, b in parts:
            if merged and not _has_body(text[merged[-1][0]:merged[-1][1]]):
                merged[-1][1] = b
            else:
                merged.append([a, b])
        if len(merged) >= 2 and not _has_body(text[merged[-1][0]:merged[-1][1]]):
            last = merged.pop()  # (popped first: `merged[-2][1] = merged.pop()[1]` indexes after the pop)
            merged[-1][1] = last[1]
        if len(merged) >= 2:
            return [_slice(doc, a, b) for a, b in merged]
    return [doc]
