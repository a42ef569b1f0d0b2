"""The items of a future-plan section, as a promise tracker reads them.

A section headed as plans (三、下一步工作计划, 下步打算, 工作重点) or the items led
in by 重点做好以下工作： / 将从如下方面… lists what the agency will do, one item
per promise. Each sub-item (（一）…, 1. …, 一是…) becomes one commitment whose
text is the item's heading and the sentence after it: the heading alone
("一是拓展销售渠道。") names an aim, the sentence after says what will be done.

Sections and items come from the measures extractor (reply.measures), so a
page glued on one line is read the same as a letter with line breaks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...rules import alternation, load as load_rules


@dataclass(frozen=True)
class PlanItem:
    start: int        # where the item's label starts
    end: int          # the end of the sentence after its heading (or of the item)
    section_end: int  # the end of the item's whole section
    horizon: str      # the plan section's horizon word (下一步), or the lead-in's
    lead: tuple[int, int] | None = None  # the lead-in sentence, when a lead-in led the item
    heading: bool = False  # the heading of an item whose sub-items are the promises


def _rules() -> dict:
    return load_rules("commitments")["plan_items"]


@cache
def _heading() -> re.Pattern:
    openers = alternation(load_rules("numbering")["closing"]["plan_openers"])
    return re.compile(_rules()["heading"].replace("{openers}", openers))


@cache
def _part_start() -> re.Pattern:
    return re.compile(load_rules("commitments")["part_start"])


@cache
def _lead_in() -> re.Pattern:
    return re.compile(_rules()["lead_in"])


def plan_sections(measures) -> list[tuple[object, str]]:
    """(measure, horizon word) of every section headed as plans."""
    out = []
    for m in measures:
        hit = _heading().match((m.heading or "").strip())
        if hit and m.section_span:
            out.append((m, hit.group("opener") or _rules()["default_horizon"]))
    return out


LEAD_LOOKBACK = 200  # a lead-in sentence is short; a page on one line must not be rescanned

COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _led_in(text: str, measures) -> list[tuple[list, str, tuple[int, int], int]]:
    """Runs of sibling items right after a lead-in (重点做好以下工作：…): as many as
    it announces (从以下两方面), and never past a list that starts again (一是 … 一是).
    Siblings are read from the measure tree, not from where a section ends: in
    crawler text an item's section may stop at its heading (一是做好X。 then its
    body on lines of its own). Each run comes with the end of its last item (the
    parent's end when the run takes the parent's last child)."""
    out = []
    by_start: dict[int, list] = {}
    for m in measures:
        by_start.setdefault(m.section_span[0], []).append(m)
    tree = _Children(measures)
    for hit in _lead_in().finditer(text):
        after = hit.end()
        first = next((by_start[at][0] for at in range(after, after + _rules()["lead_in_gap"] + 1)
                      if at in by_start), None)
        if first is None:
            continue
        said = re.search(_rules()["lead_in_count"], hit.group(0))
        count = COUNTS[said.group(1)] if said else None
        siblings = tree.siblings(first)
        run = [first]
        for m in siblings[siblings.index(first) + 1:] if first in siblings else ():
            if count is not None and len(run) >= count:
                break
            if m.level != first.level or m.label == first.label or m.section_span[1] <= m.section_span[0]:
                break
            run.append(m)
        last_end = run[-1].section_span[1]
        parent = tree.parent(first)
        if parent is not None and siblings and run[-1] is siblings[-1]:
            last_end = max(last_end, parent.section_span[1])
        floor = max(0, hit.start() - LEAD_LOOKBACK)
        lead_start = max(floor - 1, *(text.rfind(c, floor, hit.start()) for c in _rules()["sentence_ends"])) + 1
        if hit.group(0).endswith("。") and not re.match(load_rules("commitments")["horizon_open"],
                                                         text[lead_start:hit.end()].lstrip()):
            continue  # closed by 。, only 下阶段，我部将…从以下三个方面…。 leads items
        out.append((run, _rules()["default_horizon"], (lead_start, hit.end()), last_end))
    return out


def plan_items(text: str, measures) -> list[PlanItem]:
    """Every item of a plans section or of a lead-in, in text order. An item
    with items of its own (一、完善机制 … 一是强化部门协作) gives way to them: the
    promises are the leaves, and its heading becomes a `heading` item that
    yields no commitment."""
    measures = [m for m in measures or () if getattr(m, "section_span", None)]
    kids = _Children(measures)
    groups, unlisted = [], []
    for m, h in plan_sections(measures):
        if kids.of(m):
            groups.append((kids.of(m), h, m.section_span[1], None))
        else:
            unlisted.append((m, h))
    groups += [(run, h, last_end, lead) for run, h, lead, last_end in _led_in(text, measures)]
    items: dict[int, PlanItem] = {}
    for m, horizon in unlisted:  # items the measures did not list: labels in the body
        for start, label_end, end in labelled_items(text, m.span[1], m.section_span[1]):
            items[start] = PlanItem(start, _item_end(text, label_end, end), end, horizon)
    while groups:
        run, horizon, last_end, lead = groups.pop()
        for k, m in enumerate(run):
            start = m.section_span[0]
            # to the next item, or the end of the list (a measure's own span may stop at its heading)
            section_end = run[k + 1].section_span[0] if k + 1 < len(run) else max(m.section_span[1], last_end)
            if kids.of(m):
                first = kids.of(m)[0].section_span[0]
                if _has_body(text, m.span[1], first):  # （四）打造人才队伍。市委…积极打造…。一是…
                    items.setdefault(start, PlanItem(start, _item_end(text, m.span[1], first), first, horizon, lead))
                else:
                    items.setdefault(start, PlanItem(start, first, first, horizon, lead, heading=True))
                groups.append((kids.of(m), horizon, section_end, lead))
                continue
            items.setdefault(start, PlanItem(start, _item_end(text, m.span[1], section_end),
                                             section_end, horizon, lead))
    return sorted(items.values(), key=lambda i: i.start)


class _Children:
    """The sub-items of each measure, by its tree path ("2" -> "2.1", "2.2")."""

    def __init__(self, measures):
        self.by_parent: dict[str, list] = {}
        self.by_path = {m.path: m for m in measures if m.path}
        for m in measures:
            if m.path:
                self.by_parent.setdefault(self._parent_path(m), []).append(m)

    @staticmethod
    def _parent_path(m) -> str:
        return m.path.rsplit(".", 1)[0] if "." in m.path else ""

    def of(self, m) -> list:
        return self.by_parent.get(m.path or "\0", [])

    def siblings(self, m) -> list:
        """m and the items beside it under the same parent, in text order."""
        return self.by_parent.get(self._parent_path(m), []) if m.path else [m]

    def parent(self, m):
        return self.by_path.get(self._parent_path(m)) if m.path else None


@cache
def _label() -> re.Pattern:
    return re.compile(_rules()["item_label"])


def labelled_items(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, label end, item end) of the labelled items (1. / （一） / 一是) that
    open sentences in text[start:end], all of the first label's style."""
    hits = []
    for m in _label().finditer(text, start, end):
        if m.start() > start and text[m.start() - 1] not in _rules()["sentence_ends"] + " \u3000\t\r":
            continue  # a label opens a sentence, not the middle of one
        hits.append(m)
    if not hits:
        return []
    style = hits[0].lastgroup
    hits = [h for h in hits if h.lastgroup == style]
    bounds = [h.start() for h in hits[1:]] + [end]
    return [(h.start(), h.end(), b) for h, b in zip(hits, bounds)]


@cache
def _actor() -> re.Pattern:
    """A sentence opening with who acts (我局将…, 同时，市交通局拟…)."""
    return re.compile(load_rules("commitments")["actor"])


def _framed_actor(text: str, at: int) -> bool:
    """对提案中提到的…问题，我们将推动…: a clause naming the topic, then who acts."""
    frame = _frame_re().match(text, at, at + 60)
    return frame is not None and _actor().match(text[frame.end():frame.end() + 60]) is not None


@cache
def _frame_re() -> re.Pattern:
    return re.compile(load_rules("commitments")["topic_frame"])


def _has_body(text: str, heading_end: int, end: int) -> bool:
    """Whether a sentence follows the heading's own before `end` (its first sub-item)."""
    stops = _rules()["sentence_ends"]
    i = heading_end
    while i < end and text[i] not in stops:
        i += 1
    rest = text[i + 1:end].strip()
    return len(rest) >= _rules()["body_sentence_min"]


def heading_like(sentence: str) -> bool:
    """一是做好企业培育。: a short sentence of one clause names the item's aim."""
    return len(sentence) <= _rules()["heading_sentence_max"] and not any(c in sentence for c in "，,；;：:")


def _item_end(text: str, heading_end: int, section_end: int) -> int:
    """The end of the sentence after the heading's own (stop marks included),
    within the item's section."""
    stops = _rules()["sentence_ends"]
    i = heading_end
    # a heading alone in its sentence (一是强化部门协作。) takes the next line's sentence;
    # a whole sentence standing as the heading (3）计划于…完成…改造提升。) does not
    opened = max(text.rfind(c, 0, heading_end) for c in stops + "\n") + 1  # where its sentence opens
    heading_only = text[heading_end:heading_end + 1] in stops and heading_like(text[opened:heading_end])
    for sentence in range(2):  # the heading's sentence, then the next one
        if sentence:
            j = i
            while j < section_end and text[j] in " \u3000\t\r\n":
                j += 1
            heading_only = heading_only or heading_like(text[opened:i].rstrip("".join(stops)))
            if "\n" in text[i:j] and not heading_only:
                break  # the item's paragraph ends with its sentence (一是…，…。 then another paragraph)
            if _part_start().match(text, j):
                break  # （区公安局）: the next unit's answer, not this item's
            if not heading_only and (_actor().match(text[j:j + 60]) or _framed_actor(text, j)):
                break  # …提供品质保障。我局将定期会商…: a sentence of its own, with its own subject
            i = j
        while i < section_end and text[i] not in stops:
            i += 1
        if i < section_end:
            i += 1  # keep the stop mark
    while i > heading_end and text[i - 1] in "\n\r \u3000\t":
        i -= 1
    return min(i, section_end)
