"""Join lines broken inside a sentence, a word or a number; keep paragraph ends.

Crawlers write a line break at every inline element ("第\\n0012\\n号",
"闽教基〔\\n2014\\n〕\\n17\\n号", "2\\n633公顷"), PDF viewers at every page-width line
end. `reflow(text)` decides break by break whether it ends a paragraph (after a
sentence stop, before a numbered heading, a salutation, a signature, a date or a
contact line, before an indented line) or runs on (a fragment of a number, a
bracket or punctuation opening the next line, a sentence begun and not ended),
and returns the joined text with an `OffsetMap` back to the text as read.
Newlines of every kind (CRLF, CR, U+2028 …) come out as "\\n" either way.
The rules are data/reflow.toml.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .dates import find_dates, is_date_line
from .layout import layout_rules, spaced_label
from .rules import load as load_rules, longest_first
from .textutil import fold, is_table_row

_NEWLINE = re.compile(r"\r\n|[\n\r\u2028\u2029\x85\f\v]")
_SPACE = " \t\u3000\u200b\ufeff"
_VIEW = 100   # characters of each end of a long paragraph the rules look at
_SHORT = 60   # longest salutation, signature or date line


@dataclass
class OffsetMap:
    """Where each character of a derived text came from in the text as read.

    `anchors` are (offset in the derived text, offset in the original) at the
    start of every run copied unchanged; between anchors offsets advance
    together. A text with no change has the single anchor (0, 0)."""

    anchors: list[tuple[int, int]] = field(default_factory=lambda: [(0, 0)])
    joins: int = 0          # line breaks joined by reflow

    @property
    def identity(self) -> bool:
        return self.anchors == [(0, 0)]

    def original(self, pos: int) -> int:
        """Offset in the original of the character at `pos` of the derived text."""
        i = bisect_right(self.anchors, (pos, float("inf"))) - 1
        new, old = self.anchors[max(i, 0)]
        return old + pos - new

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) of the derived text as a span of the original; a span
        across a joined break takes in the break."""
        if end <= start:
            return self.original(start), self.original(start)
        return self.original(start), self.original(end - 1) + 1

    def sliced(self, start: int) -> "OffsetMap":
        """The map of the derived text's tail text[start:] (a part of a split page)."""
        i = max(bisect_right(self.anchors, (start, float("inf"))) - 1, 0)
        new, old = self.anchors[i]
        anchors = [(0, old + start - new)] + [(n - start, o) for n, o in self.anchors[i + 1:]]
        return OffsetMap(anchors, self.joins)

    def to_list(self) -> list[list[int]]:
        return [list(a) for a in self.anchors]


# An HTML entity a crawler left in the text (&nbsp; &ldquo; &#8220;).
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,9});")


def has_entities(text: str) -> bool:
    return "&" in text and _ENTITY.search(text) is not None


def _unescape(s: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group()), s)


class _Builder:
    """Copies runs of the original into a new text, noting anchors; with
    `decode`, HTML entities are written as the characters they stand for."""

    def __init__(self, original: str, decode: bool = False):
        self.original, self.parts, self.length = original, [], 0
        self.anchors: list[tuple[int, int]] = []
        self._next_old = None     # original offset right after the last copied run
        self.decode = decode

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        if self.decode:
            self.decode = False   # (copy itself copies the runs between the entities)
            try:
                for m in _ENTITY.finditer(self.original, start, end):
                    char = html.unescape(m.group())
                    if char != m.group():
                        self.copy(start, m.start())
                        self.put(char, m.start())
                        start = m.end()
                self.copy(start, end)
            finally:
                self.decode = True
            return
        if self._next_old != start:
            self.anchors.append((self.length, start))
        self.parts.append(self.original[start:end])
        self.length += end - start
        self._next_old = end

    def put(self, s: str, at: int) -> None:
        """Write `s` (a replacement of the original's text at `at`)."""
        self.anchors.append((self.length, at))
        self.parts.append(s)
        self.length += len(s)
        self._next_old = None

    def result(self) -> tuple[str, list[tuple[int, int]]]:
        return "".join(self.parts), self.anchors or [(0, 0)]


def _cfg() -> dict:
    return load_rules("reflow")


@cache
def _fragment_re() -> re.Pattern:
    return re.compile(_cfg()["fragment"])


@cache
def _label_res() -> list[re.Pattern]:
    return [re.compile(s["pattern"]) for s in load_rules("numbering")["style"]]


@cache
def _closing_re() -> re.Pattern:
    """A signature-part line: contact, 抄送, 附件, 领导署名 … (labels may be spaced)."""
    words = layout_rules()["closing_prefixes"] + ["领导署名", "署名", "签发", "联 系 人"]
    return re.compile("(?:" + "|".join(spaced_label(w) for w in longest_first(words)) + ")")


_fold = fold

# The line predicates below are asked again and again of the same short lines
# (crawler text repeats 年, 月, 号 …): cached.


@lru_cache(maxsize=4096)
def _label_at(s: str) -> re.Match | None:
    f = _fold(s)
    for pat in _label_res():
        m = pat.match(f)
        if m:
            return m
    return None


@lru_cache(maxsize=4096)
def _label_only(s: str) -> bool:
    m = _label_at(s)
    return bool(m) and m.end() == len(s)


@lru_cache(maxsize=4096)
def _is_date_start(s: str) -> bool:
    ds = find_dates(s[:20])
    return bool(ds) and ds[0][0] == 0


@lru_cache(maxsize=4096)
def _is_date_line(s: str) -> bool:
    return is_date_line(s)


@lru_cache(maxsize=4096)
def _is_agency_line(s: str) -> bool:
    meta = load_rules("meta")["issuer"]
    for suf in meta["strip_suffixes"]:     # 某县人民政府（盖章）
        if s.endswith(suf) and len(s) > len(suf) + 2:
            s = s[:-len(suf)]
    return (2 < len(s) <= meta["max_len"] and s.endswith(tuple(meta["suffixes"]))
            and not re.search(r"[\s，,。；;：:、\d（()）]", _fold(s)))


@lru_cache(maxsize=4096)
def _is_salutation(s: str) -> bool:
    return bool(re.match(layout_rules()["salutation"], _fold(s)))


@lru_cache(maxsize=4096)
def _is_title(s: str) -> bool:
    """关于…的答复, 某局关于…的答复（某函〔2024〕12号）."""
    title = load_rules("meta")["title"]
    core = _number_after().sub("", s).rstrip(":：")
    return ("。" not in s and core.endswith(tuple(title["markers"]))
            and (s.startswith(tuple(title["preferred_starts"])) or title["issuer_split"] in s[:40]))


@cache
def _number_after() -> re.Pattern:
    return re.compile(load_rules("meta")["title"]["number_after"])


@lru_cache(maxsize=4096)
def _is_doc_number(s: str) -> bool:
    m = re.search(load_rules("meta")["doc_number"]["pattern"], _fold(s))
    return bool(m) and m.end() == len(s)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _ends_sentence(s: str) -> bool:
    cfg = _cfg()
    t = s.rstrip(cfg["closers"])
    return bool(t) and t[-1] in cfg["stops"]


class _Lines:
    """The text's lines (content stripped of edge spacing) and their breaks."""

    def __init__(self, text: str):
        self.text = text
        self.spans: list[tuple[int, int]] = []     # raw line [start, end)
        self.breaks: list[tuple[int, int]] = []    # newline [start, end) after each line but the last
        pos = 0
        for m in _NEWLINE.finditer(text):
            self.spans.append((pos, m.start()))
            self.breaks.append((m.start(), m.end()))
            pos = m.end()
        self.spans.append((pos, len(text)))
        # (read as a person reads them: HTML entities a crawler left decoded)
        show = _unescape if has_entities(text) else str
        self.content = [show(text[s:e]).strip(_SPACE + "\xa0") for s, e in self.spans]

    def ahead(self, i: int, width: int = 24) -> str:
        """Line i with the lines after it run together, up to `width` characters:
        what the next line reads as once its own fragments are joined."""
        out = ""
        for k in range(i, len(self.content)):
            c = self.content[k]
            if not c:
                break
            out += c
            if len(out) >= width:
                break
        return out

    def indented(self, i: int) -> bool:
        s, e = self.spans[i]
        raw = self.text[s:e]
        lead = len(raw) - len(raw.lstrip(_SPACE))
        return raw[:lead].count("\u3000") >= 1 or lead >= 2

    def wrap_width(self) -> int | None:
        """The common full-line width of hard-wrapped text, or None."""
        cfg = _cfg()
        lens = [len(c) for c in self.content if c]
        if len(lens) < cfg["wrap_min_lines"]:
            return None
        counts: dict[int, int] = {}
        for n in lens:
            counts[n] = counts.get(n, 0) + 1
        best = max(counts, key=lambda n: (sum(v for k, v in counts.items() if n - cfg["wrap_slack"] <= k <= n), n))
        full = sum(v for k, v in counts.items() if best - cfg["wrap_slack"] <= k <= best)
        if best >= 15 and full >= cfg["wrap_share"] * len(lens):
            return best
        return None


def _agency_ahead(lines: _Lines, i: int, para: str) -> bool:
    """Whether para and the next line or two make one agency name followed by a
    date (or the end): "莆田市\n人民政府国有资产监督管理委员\n会\n2025年4月30日"."""
    if len(para) > 30 or re.search(r"[，,。；;：:、\d]", _fold(para)):
        return False
    name = para
    for j in range(i + 1, min(i + 4, len(lines.content))):
        if not lines.content[j]:
            return False
        name += lines.content[j]
        if _is_agency_line(name) and (j + 1 >= len(lines.content) or _is_date_start(lines.ahead(j + 1))):
            return True
    return False


_CLOSE_SOON = re.compile("^[^《（。；\n]{0,20}[》）]")


def _left_open(para: str) -> bool:
    """Whether the paragraph so far leaves a 《 or a （ open (in its last
    characters: a title is shorter)."""
    tail = para[-120:]
    return tail.count("《") > tail.count("》") or tail.count("（") > tail.count("）")


def _join(lines: _Lines, i: int, para: str, width: int | None, eager: bool = False) -> bool:
    """Whether the break after line i runs on into line i + 1."""
    cfg = _cfg()
    left, right = lines.content[i], lines.content[i + 1]
    if not left or not right or lines.indented(i + 1) or is_table_row(left) or is_table_row(right):
        return False    # blank line, indented paragraph, table row
    ahead = lines.ahead(i + 1)
    if sum(map(left.count, cfg["unglue"]["breadcrumb_marks"])) >= 2:
        return False    # a breadcrumb (首页 > 政务公开 > …) is a line of its own
    # punctuation, a closing bracket or quote never opens a line; an open one never ends it
    if right[0] in cfg["continuation_starts"] or left[-1] in cfg["open_ends"]:
        return True
    if left.endswith(tuple(cfg["open_words"])) and not _label_only(left):
        return True     # "针对提案中关于\n“更改站名”的建议"
    if _left_open(para) and _CLOSE_SOON.search(right):
        return True     # "…三年行动计划（2025—202\n7年）》": a title or bracket closed just after
    # the signature part: contact lines, the signing agency, the date
    if _closing_re().match(ahead) or _is_salutation(right):
        return False
    if _is_agency_line(right) and (_is_date_start(lines.ahead(i + 2)) or i + 4 >= len(lines.content)):
        return False
    short = len(para) <= _SHORT     # a signature, date or salutation line is short
    if short and _is_agency_line(para) and (_is_date_start(ahead) or right[0].isdigit()):
        return False
    if short and _is_date_line(para) and len(para) > 6 or _is_date_line(right):
        return False    # a date alone on its line closes the reply
    if _agency_ahead(lines, i, para):
        return True     # a signature broken inside the agency's name
    if _is_agency_line(para) and _is_agency_line(right):
        return False    # two agencies heading or signing a joint reply, each on its line
    # a field with its value (联系电话：0594-2363266) ends its line
    field = re.match(cfg["field_start"], _fold(para[:12]))
    if field and field.end() < len(para) <= field.end() + cfg["field_value_max"] \
            and not re.search("[《（(“，,。]", para[field.end():]) and not _fragment_re().match(right):
        return False
    # the letterhead: agency, 文号, labelled fields (类别：A), the title
    field = re.match(cfg["field_start"], _fold(right))
    if _is_title(right) or short and (_is_doc_number(para) or _is_doc_number(right)) \
            or field and field.end() < len(right):
        return False  # (a 文号 is a line of its own, under the agency's too)
    # a numbered heading opens a paragraph; a label alone on its line heads the next
    if _label_at(right) and not (left[-1].isdigit() and right[0].isdigit()):
        return False
    if _label_only(left):
        return True
    if left[-1].isdigit() and right[0].isdigit():
        return True     # a number cut in two ("补充卫技人员2\n13名"), in a heading's line too
    if _ends_sentence(para) or short and _is_salutation(para):
        return False
    if para[-1] in "：:":
        # a short field label takes its value ("联系电话：\n0594-…"); an addressee
        # ("市交通运输局：") or an opening sentence ("…答复如下：") ends its line
        label = para[:-1]
        if _fold(label).replace(" ", "") in layout_rules()["body_labels"]:
            return False  # 答复内容：opens the reply, whose first line is a line of its own
        return (len(label) <= cfg["field_label_max"] and len(right) <= cfg["field_value_max"]
                and not _is_agency_line(label) and not re.search("[，,。；;]", right))
    fragment = _fragment_re()
    if fragment.match(right) or fragment.match(left):
        return True
    if width is not None and len(left) >= width - cfg["wrap_slack"]:
        return True     # a full line of hard-wrapped text runs on, a heading's or not
    label = _label_at(para[:12])
    body = para[label.end():] if label else ""
    if label and len(re.split("[，,]", body)[-1]) < cfg["heading_min"] and (
            not _ends_sentence(right) or len(right) <= cfg["heading_rest_max"]):
        return True     # "一、深化\n“放管服”改革", "二、加快转型升级，助推\n“343”…": the heading goes on
    # in a text broken all over, a long numbered line with a comma is a sentence
    sentence = eager and len(body) > 15 and re.search("[，,]", body)
    if label and not sentence:
        # a heading broken before its end, or a heading line with its body below
        # (in a text written in paragraphs, a heading line is a line of its own)
        if not eager and width is None:
            return False
        rest = lines.ahead(i + 1, cfg["heading_rest_max"] + 2)
        stop = re.search("[。；;！？!?，,]", rest)
        return bool(stop) and stop.group() not in "，," and stop.start() < cfg["heading_rest_max"]
    if para.rstrip(":：").endswith(tuple(load_rules("meta")["title"]["markers"])) \
            and not re.search("[，,。；;]", para):
        return False    # a title line
    # a number or a Latin word cut off the words before it ("已认定选派\n18名")
    if _is_han(left[-1]) and right[0].isascii() and right[0].isalnum():
        return True
    # a sentence begun and not ended, or a line as wide as the page
    if re.search("[，,、“《（(]", para) or len(para) >= cfg["run_on_min"]:
        return True
    # in a text broken all over, any other break not after a stop runs on
    return eager or width is not None and len(left) >= width - cfg["wrap_slack"]


def _decide(lines: _Lines, width: int | None, eager: bool) -> list[bool]:
    """Join or keep, break by break, the paragraph so far in view."""
    joins: list[bool] = []
    para = lines.content[0]
    for i in range(len(lines.breaks)):
        j = _join(lines, i, para, width, eager)
        joins.append(j)
        para = para + lines.content[i + 1] if j else lines.content[i + 1]
        if len(para) > 2 * _VIEW:   # the rules read a paragraph's ends only: keep the work linear
            para = para[:_VIEW] + para[-_VIEW:]
    return joins


@cache
def _unglue_res() -> tuple[re.Pattern, re.Pattern]:
    """A space setting two blocks of a page apart, and a block's opening (see unglue)."""
    cfg = _cfg()["unglue"]
    return re.compile(cfg["gap"]), re.compile(cfg["next_block"])


def unglue(text: str) -> str:
    """A page saved on one line, its blocks set apart by spaces (a crawler's
    text of the whole page): the space before each block becomes a line break,
    one character for one, so offsets stay. Only lines of unglue.min_line
    characters or more, with unglue.min_gaps such spaces. Which spaces end a
    block: see data/reflow.toml [unglue]; a space inside a longer run of text
    is the writer's own (…充电安全 推动…), and spaced-out labels (提 案 人：) stay."""
    cfg = _cfg()["unglue"]
    if len(text) < cfg["min_line"]:
        return text
    gap_re, next_block = _unglue_res()
    out, pos = [], 0
    for s, e in _Lines(text).spans:
        if e - s < cfg["min_line"]:
            continue
        gaps = [m.start() for m in gap_re.finditer(text, s, e)]
        if len(gaps) < cfg["min_gaps"]:
            continue
        block = s
        for g in gaps:
            left, before = text[g - 1], text[max(block, g - cfg["field_block"]):g]
            if left in cfg["breadcrumb_marks"] or (
                    _is_han(left) and (text[g - 2] in _SPACE + ":：" or _spaced_word_after(text, g))):
                continue  # within a breadcrumb, a spaced-out label or name (提 案 人：, 案 由：, ：陈 苏)
            if (left in cfg["block_ends"] or next_block.match(text, g)
                    or g - block <= cfg["short_block"]
                    or (left.isdigit() and g - block <= cfg["field_block"] and _COLON_RE.search(before))
                    or any(c in before for c in cfg["breadcrumb_marks"])):
                out += [text[pos:g], "\n"]
                pos = block = g + 1
    return "".join(out) + text[pos:] if out else text


def _spaced_word_after(text: str, gap: int) -> bool:
    """Whether the spaces at `gap` come before one character set apart from the
    next by a space or a colon (案 由：)."""
    j = gap
    while j < len(text) and text[j] in _SPACE:
        j += 1
    return j + 1 < len(text) and text[j + 1] in _SPACE + ":："


_COLON_RE = re.compile("[:：]")


_LETTER_GAP = re.compile(r"(?<=[\u4e00-\u9fff\d]) (?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) (?=\d)")


def _copy_line(out: "_Builder", text: str, s: int, e: int) -> None:
    """Copy text[s:e]; a title or heading set out letter by letter (关 于 … 的 答 复,
    as a converter leaves a spaced title) is copied without the spaces between its
    characters (the offsets map keeps where each came from)."""
    gaps = list(_LETTER_GAP.finditer(text, s, e)) if e - s <= _cfg()["letter_spaced"]["max_line"] else []
    if len(gaps) < _cfg()["letter_spaced"]["min_gaps"] or \
            len(gaps) < _cfg()["letter_spaced"]["min_share"] * len(text[s:e].strip()) / 2:
        out.copy(s, e)
        return
    for g in gaps:
        out.copy(s, g.start())
        s = g.end()
    out.copy(s, e)


def reflow(text: str) -> tuple[str, OffsetMap]:
    """(text with broken lines joined and newlines made "\\n", map back to `text`).

    Breaks are joined only when at least `min_joins` of them run on: a text
    written in paragraphs comes back unchanged but for its newlines. A page
    saved on one line is first broken into its blocks (unglue)."""
    text = unglue(text)
    lines = _Lines(text)
    width = lines.wrap_width()
    joins = _decide(lines, width, eager=False)
    if sum(joins) >= _cfg()["eager_min_joins"]:
        joins = _decide(lines, width, eager=True)
    if sum(joins) < _cfg()["min_joins"]:
        joins = [False] * len(joins)
    out = _Builder(text, decode=has_entities(text))
    for i, (s, e) in enumerate(lines.spans):
        if i == 0 or not joins[i - 1]:
            ls = s
        else:   # the run-on line starts at its content
            raw = text[s:e]
            ls = s + len(raw) - len(raw.lstrip(_SPACE))
        if i < len(joins) and joins[i]:
            raw = text[s:e]
            le = s + len(raw.rstrip(_SPACE))
            out.copy(ls, le)
            left, right = lines.content[i], lines.content[i + 1]
            if left and right and left[-1].isascii() and left[-1].isalpha() \
                    and right[0].isascii() and right[0].isalpha():
                out.put(" ", lines.breaks[i][0])     # two Latin words stay two words
        else:
            _copy_line(out, text, ls, e)
            if i < len(lines.breaks):
                bs, be = lines.breaks[i]
                if text[bs:be] == "\n":
                    out.copy(bs, be)
                else:
                    out.put("\n", bs)
    new, anchors = out.result()
    return new, OffsetMap(anchors, sum(joins))
