"""Numbered action sections of the reply body (一、 / （一） / 1. / 一是 …).

Labels come from labels.find_labels (text labels and Word auto-numbers). A
stack of open lists turns them into a tree: a label continues a list already
open (its number is the next one, or 1 to restart), or opens a nested list when
it is a new style numbered 1; anything else is not a section label. A unit
marker such as "（区法院）" closes every list. Headings are cut by the rules in
data/numbering.toml.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .. import labels as numbering_labels, layout
from ..document import Document
from ..record import Measure, Part
from ..textutil import fold, line_bounds, strip_span


@dataclass
class _List:
    style: str
    kind: str
    last: int
    level: int
    items: list = field(default_factory=list)   # indexes into the node list


@dataclass
class _Node:
    label: numbering_labels.Label
    level: int
    parent: int | None
    ordinal: int
    path: str
    end: int = 0
    unit: str | None = None
    mixed: bool = False  # an item of another style going on with a careless list (一是… 二、…)


def _cfg() -> dict:
    return layout.numbering()


def _in_plan_paragraph(text: str, pos: int, body_start: int) -> bool:
    """Whether pos lies in a paragraph that opens with 下一步 / 今后 … (plans, not sections)."""
    s, _ = line_bounds(text, pos)
    s = max(s, body_start)
    openers = tuple(_cfg()["closing"]["plan_openers"])
    para = fold(text[s:pos]).lstrip(" \t\u200b")
    # glued pages: the plan sentence may start mid-line, after a stop
    last = para[max(para.rfind("。"), para.rfind("；"), para.rfind(";")) + 1:].lstrip()
    if para.startswith(openers) or last.startswith(openers):
        return True
    # the list opens the line after a plan sentence announcing it
    # ("下一步，我们将重点从三个方面发力：\n一是拟于近期组织…，…。"): plans; items that
    # are heading sentences of their own ("一是强化申报指导。" + a paragraph) stay sections
    if not para.strip() and s > body_start and not _heading_line(text, pos):
        ps, pe = line_bounds(text, s - 1)
        prev = fold(text[max(ps, body_start):pe]).strip()
        last = prev[max(prev.rfind("。"), prev.rfind("；"), prev.rfind(";")) + 1:].lstrip()
        return last.startswith(openers) and prev.endswith(":")
    return False


def _heading_line(text: str, pos: int) -> bool:
    """Whether the line from the label at pos is one short heading sentence (一是强化申报指导。)."""
    line = fold(text[pos:line_bounds(text, pos)[1]]).strip().rstrip("。")
    return 0 < len(line) <= _cfg()["heading"]["max_inline_sub"] and not any(c in line for c in "。，,；;：:")


def _run_in(lst: _List, nodes: list[_Node]) -> bool:
    return lst.kind == "inline" or not any(nodes[i].label.line_start for i in lst.items)


def _tree(doc: Document, start: int, end: int, markers: list[tuple[int, int, str]]) -> list[_Node]:
    """The labels of the body as a tree; each answering-unit marker in `markers`
    starts a new one."""
    text = doc.text
    labels = numbering_labels.find_labels(doc, start, end)
    events = sorted([(l.start, 0, l) for l in labels] + [(m[0], 1, m) for m in markers],
                    key=lambda e: (e[0], e[1]))
    stack: list[_List] = []
    nodes: list[_Node] = []
    top_count = 0
    unit = None
    for k, (pos, is_marker, obj) in enumerate(events):
        if is_marker:
            stack.clear()
            unit = obj[2]
            continue
        lab: numbering_labels.Label = obj
        mixes = _mixes(stack, lab)
        # a paragraph-opening block label closes the run-in lists (一是…, or 1.… inside
        # a sentence) of earlier paragraphs: they cannot hold a new paragraph
        if lab.kind == "block" and lab.line_start and not mixes:
            while stack and _run_in(stack[-1], nodes) and \
                    line_bounds(text, nodes[stack[-1].items[-1]].label.start)[0] != line_bounds(text, pos)[0]:
                stack.pop()
        same = [i for i in range(len(stack) - 1, -1, -1) if stack[i].style == lab.style]
        # the innermost open list of its style that it continues (an outer one
        # resuming after a nested list of the same style), else the innermost
        idx = next((i for i in same if stack[i].last + 1 == lab.number), same[0] if same else None)
        if idx is not None and lab.number == 1 and stack[idx].last >= 1 and idx == len(stack) - 1 \
                and _resumes(events, k, lab.style, stack[idx].last + 1):
            # 一是…二是 一是…四是 三是…: a list of the same style nested in item 2,
            # the outer list going on after it
            stack.append(_List(lab.style, lab.kind, 0, len(stack)))
        elif idx is not None and lab.number == 1 and idx < len(stack) - 1 and _follows_item(events, k, stack[-1], nodes):
            # 一是… 三是…（一）提升X。一是…: right after a deeper item's heading, a list
            # numbered 1 again is that item's sub-list, not the outer list restarting
            stack.append(_List(lab.style, lab.kind, 0, len(stack)))
        elif idx is not None and lab.number in (stack[idx].last + 1, 1):
            del stack[idx + 1:]
            if lab.number == 1:
                stack[idx] = _List(lab.style, lab.kind, 0, stack[idx].level)
        elif idx is None and lab.number == 1:
            # a level is the run of one style: 一、 coming after （一） items heads
            # them all, it does not nest under the first marker seen
            while stack and _ranks_above(lab.style, stack[-1].style):
                stack.pop()
            stack.append(_List(lab.style, lab.kind, 0, len(stack)))
        elif not (mixes or _numbered_carelessly(events, k, stack, idx, lab)):
            continue
        cur = stack[-1]
        cur.last = lab.number
        parent = stack[-2].items[-1] if len(stack) > 1 and stack[-2].items else None
        if parent is None:
            top_count += 1
            ordinal, path = top_count, str(top_count)
        else:
            siblings = [n for n in nodes if n.parent == parent]
            ordinal = len(siblings) + 1
            path = f"{nodes[parent].path}.{ordinal}"
        nodes.append(_Node(lab, cur.level, parent, ordinal, path, unit=unit, mixed=lab.style != cur.style))
        cur.items.append(len(nodes) - 1)
    # a section runs to the next label at its level or above (or a unit marker)
    cuts = sorted(m[0] for m in markers)
    for i, n in enumerate(nodes):
        n.end = end
        for m in nodes[i + 1:]:
            if m.level <= n.level:
                n.end = m.label.start
                break
        n.end = min([n.end] + [c for c in cuts if c > n.label.start])
        if n.label.kind == "inline":
            n.end = min(n.end, line_bounds(text, n.label.start)[1])
    return nodes


def _mixes(stack: list[_List], lab) -> bool:
    """Whether `lab` goes on with the innermost open list in another style: a
    careless list (一是… 二、… 三是…, run in or a paragraph each) numbered on,
    with no list of its own style open."""
    mixing = _cfg()["mixing"]
    if not stack or not stack[-1].items or any(lst.style == lab.style for lst in stack):
        return False
    return (stack[-1].style, lab.style) == (mixing["list"], mixing["joining"]) and stack[-1].last + 1 == lab.number


def _numbered_carelessly(events: list, k: int, stack: list[_List], idx: int | None, lab) -> bool:
    """一、二、四、 or 三、 twice: a paragraph-opening top-level section numbered one on
    too far, or again, in the innermost list of its style, the next of its style
    (if any) going on from it."""
    if idx is None or idx != len(stack) - 1 or lab.kind != "block" or not lab.line_start \
            or _cfg()["rank"].get(lab.style) != 0 or lab.number not in (stack[idx].last, stack[idx].last + 2):
        return False
    nxt = next((obj for _, is_marker, obj in events[k + 1:] if not is_marker and obj.style == lab.style), None)
    return nxt is None or nxt.number == lab.number + 1


def _follows_item(events: list, k: int, lst: _List, nodes: list[_Node]) -> bool:
    """Whether the label before events[k] is the last item of `lst`."""
    prev = events[k - 1][2] if k and not events[k - 1][1] else None
    return bool(lst.items) and prev is nodes[lst.items[-1]].label


def _ranks_above(new: str, open_style: str) -> bool:
    """Whether style `new` comes before `open_style` in the usual order of block
    labels (data/numbering.toml [rank]); run-in styles (一是) rank nowhere."""
    rank = _cfg()["rank"]
    return new in rank and open_style in rank and rank[new] < rank[open_style]


def _resumes(events: list, k: int, style: str, number: int) -> bool:
    """Whether, after the run 1, 2, 3 … of `style` starting at events[k], the next
    label of that style is `number`: the outer list resumes there."""
    expect = 1
    for pos, is_marker, obj in events[k:]:
        if is_marker:
            return False
        if obj.style != style:
            continue
        if obj.number == expect:
            expect += 1
            continue
        return obj.number == number and expect > 2
    return False


def _heading(doc: Document, lab: numbering_labels.Label, sec_end: int, strict: bool) -> tuple[int, int] | None:
    """Span of the heading after `lab`, or None when the item has no heading."""
    h = _cfg()["heading"]
    text, folded = doc.text, doc.folded
    s = lab.end
    while s < sec_end and layout.is_blank(text[s]) and text[s] != "\n":
        s += 1
    line_end = min(line_bounds(text, s)[1], sec_end)
    if lab.kind == "block" and lab.line_start and "。" not in text[s:line_end] \
            and line_end - s <= h["max_line"]:
        a, b = strip_span(text, s, line_end)
        while b > a and folded[b - 1] in "：:?？":  # 问题一：如何…？ heads with its question
            b -= 1
        return (a, b) if b > a else None
    e = s
    # a glued page keeps its paragraph breaks as spaces: one ends a heading there
    # ("一、人才引进方面 实验区成立以来…"), outside quotes and titles
    depth = 0
    while e < line_end and folded[e] not in h["stops"]:
        depth += (folded[e] in "《“") - (folded[e] in "》”")
        if folded[e] == " " and not lab.line_start and depth <= 0 and e - s >= 2:
            break
        e += 1
    if strict:
        # a heading sentence: short, closed by 。/；, and stating no figures (digits in
        # quotes are a name: “543”考核机制); alone on its line it may be longer
        alone = lab.line_start and e < line_end and not text[e + 1:line_bounds(text, s)[1]].strip()
        limit = h["max_line"] if alone else h["max_inline_sub"]
        ok = (0 < e - s <= limit and e < line_end and folded[e] in "。；;"
              and not any(c.isdigit() for c in re.sub(r"“[^”]*”", "", folded[s:e])))
        return (s, e) if ok else None
    if lab.kind == "inline" or e - s > h["max_sentence"]:
        c = folded.find("，", s, e)
        c2 = folded.find(",", s, e)
        c = min(x for x in (c, c2, e) if x >= 0)
        e = c
    e = _glue_cut(text, s, e, lab.line_start)
    a, b = strip_span(text, s, e)
    return (a, b) if b > a else None


def _glue_cut(text: str, s: int, e: int, line_start: bool) -> int:
    """End of a heading glued to its text: before a cue (关于/我局/根据 …) or after 事宜.
    Labels inside a line (glued pages) are cut sooner than paragraph-opening ones."""
    h = _cfg()["heading"]
    if e - s <= (h["glue_min"] if line_start else h["glue_min_inline"]):
        return e
    seg = text[s:e]
    quoted = [False] * len(seg)
    depth = 0
    for i, ch in enumerate(seg):
        if ch in "《“":
            depth += 1
        quoted[i] = depth > 0
        if ch in "》”" and depth:
            depth -= 1
    best = e
    for w in h["glue_end_words"]:
        k = seg.find(w, 4)
        while k >= 0 and quoted[k]:
            k = seg.find(w, k + 1)
        if k >= 0:
            best = min(best, s + k + len(w))
    for w in h["glue_cues"]:
        k = seg.find(w, 4)
        while k >= 0 and quoted[k]:
            k = seg.find(w, k + 1)
        if k >= 0:
            best = min(best, s + k)
    folded = fold(seg)
    for p in h["glue_cue_patterns"]:
        for m in re.finditer(p, folded):
            if m.start() >= 4 and not quoted[m.start()]:
                best = min(best, s + m.start())
                break
    return best


def extract(doc: Document, reply=None) -> list[Measure]:
    text = doc.text
    start, end = layout.body_bounds(doc)
    start = layout.reply_opening_end(text, start, end)
    markers = numbering_labels.unit_markers(doc, start, end)
    nodes = _tree(doc, start, end, markers)
    # letters with paragraph-opening section labels: 一是… lists outside them are not
    # sections; where units answer in turn (parts), each answer is a letter of its own
    part_starts = [s for s, _, _ in markers]
    lettered = {bisect_right(part_starts, n.label.start) for n in nodes
                if n.parent is None and n.label.kind == "block" and n.label.line_start and not n.mixed}
    out: list[Measure] = []
    dropped: set[int] = set()  # inline lists whose first item has no heading
    problems = {i for i, n in enumerate(nodes) if _heads_problems(text, n.label)}
    for i, n in enumerate(nodes):
        lab = n.label
        if (n.parent is not None and n.parent in problems) or (
                lab.kind == "inline" and (i if lab.number == 1 else _first_of_list(nodes, i)) in problems):
            problems.add(i)  # (and its own items below it)
            continue  # 二、存在的困难 一是… / …面临一些问题：一是…: the problems listed, no measures
        if lab.kind == "inline" or not lab.line_start:
            # 一是…二是… in a 下一步 paragraph are plans (commitments), not sections;
            # the list's first item decides for the whole list
            first = i if lab.number == 1 else _first_of_list(nodes, i)
            if first == i and _in_plan_paragraph(text, lab.start, start):
                dropped.add(i)
            if first in dropped or (n.parent is None and bisect_right(part_starts, lab.start) in lettered):
                continue
        # run-in lower levels need a heading sentence of their own ("一是建立资源池。");
        # paragraph-opening items are sections even under a 下一步 heading (the
        # numbered items of a plans section: blind real gold), their heading cut at ，
        strict = n.parent is not None and (lab.kind == "inline" or not lab.line_start)
        span = _heading(doc, lab, n.end, strict)
        if span is None:
            if lab.number == 1 and (lab.kind == "inline" or strict):
                dropped.add(i)
            continue
        a, b = span
        b, unit = _trailing_unit(text, a, b)
        out.append(Measure(span=(a, b), surface=text[a:b], ordinal=n.ordinal,
                           heading=text[a:b].replace("\u200b", "").strip(), label=lab.text.strip(),
                           level=n.level, section_span=(lab.start, n.end), path=n.path,
                           unit=unit or n.unit))
    return out


def _heads_problems(text: str, lab) -> bool:
    """A section label whose heading names problems (二、存在的困难), or the first
    item of a list a sentence opens as problems (…仍面临一些问题：一是…)."""
    line = fold(text[lab.end:line_bounds(text, lab.end)[1]])[:16]
    if any(w in line for w in _cfg()["closing"]["problem_headings"]):
        return True
    before = fold(text[line_bounds(text, lab.start)[0]:lab.start])[-24:]
    return lab.number == 1 and re.search(_cfg()["closing"]["problem_lead"], before) is not None


def _trailing_unit(text: str, a: int, b: int) -> tuple[int, str | None]:
    """A heading closed by its answering unit and a colon ("…用地县自然资源局："):
    the heading's new end and the unit."""
    if b >= len(text) or fold(text[b]) != ":":
        return b, None
    m = re.search(_cfg()["heading"]["trailing_unit"], text[a:b])
    if not m or m.start() < 4:
        return b, None
    return a + m.start(), m.group(0)


def _first_of_list(nodes: list[_Node], i: int) -> int | None:
    """Index of item 1 of the list node i belongs to."""
    n = nodes[i]
    for j in range(i - 1, -1, -1):
        m = nodes[j]
        if m.parent == n.parent and m.label.style == n.label.style and m.label.number == 1:
            return j
    return None


def parts(doc: Document, reply=None) -> list[Part]:
    """Each unit's answer on a page where units answer in turn, "（区公安局）…
    （区审批局）…": from its marker to the next one or the end of the body."""
    start, end = layout.body_bounds(doc)
    markers = numbering_labels.unit_markers(doc, start, end)
    out = []
    for i, (s, e, unit) in enumerate(markers):
        a = doc.text.index(unit, s, e)
        stop = markers[i + 1][0] if i + 1 < len(markers) else end
        out.append(Part(span=(a, a + len(unit)), surface=unit, unit=unit, section_span=(s, stop)))
    return out
