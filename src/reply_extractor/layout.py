"""Layout helpers shared by extractors: lines, body bounds, numbering labels.

Numbering label styles live in data/numbering.toml, the reply's parts
(salutation, body labels, closing lines) in data/meta_layout.toml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .document import Document
from .numbers import parse_int
from .rules import load as load_rules
from .textutil import fold

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@cache
def load(name: str) -> dict:
    return load_rules(name)


def numbering() -> dict:
    return load("numbering.toml")


def layout_rules() -> dict:
    return load("meta_layout.toml")


@cache
def _style_patterns() -> list[tuple[str, str, re.Pattern]]:
    return [(s["name"], s["kind"], re.compile(s["pattern"])) for s in numbering()["style"]]


@cache
def spaced_label(label: str) -> str:
    """Regex for a label whose characters may be separated by spaces ("提 案 人")."""
    return r"[ \t\u3000]*".join(re.escape(c) for c in label)


def lines(text: str) -> list[tuple[int, int]]:
    """[start, end) of every line, newline excluded."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def line_of(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def is_blank(ch: str) -> bool:
    return ch.isspace() or ch in "\u200b\ufeff"


def at_line_start(text: str, pos: int) -> bool:
    """Only spacing (or a stray [bookmark: …] marker) between the line start and pos."""
    s, _ = line_of(text, pos)
    before = re.sub(r"\[bookmark:[^\]]*\]", "", text[s:pos])
    return all(is_blank(c) for c in before)


# ---- the parts of a reply -------------------------------------------------

@dataclass
class Salutation:
    start: int
    end: int
    names: tuple[int, int]      # span of the names part
    count: str | None
    role: str


def find_salutation(text: str, limit: int = 40) -> Salutation | None:
    """The salutation line among the first `limit` non-empty lines."""
    pat = re.compile(layout_rules()["salutation"])
    seen = 0
    for s, e in lines(text):
        line = text[s:e]
        if not line.strip():
            continue
        seen += 1
        if seen > limit:
            break
        m = pat.match(fold(line))
        if m:
            return Salutation(s, e, (s + m.start("names"), s + m.end("names")),
                              m.group("count"), m.group("role"))
    return None


@cache
def _body_label_re() -> re.Pattern:
    alts = "|".join(spaced_label(l) for l in layout_rules()["body_labels"])
    return re.compile(rf"(?:{alts})[ \t\u3000]*[：:]")


def body_label_end(text: str) -> int | None:
    m = _body_label_re().search(fold(text))
    return m.end() if m else None


def body_bounds(doc: Document) -> tuple[int, int]:
    """[start, end) of the reply body: after the salutation (or a glued body
    label such as 办复内容：), before the closing courtesy and signature."""
    text = doc.text
    sal = find_salutation(text)
    if sal:
        start = sal.end
    else:
        start = body_label_end(text) or 0
    return start, closing_start(text, start)


def reply_opening_end(text: str, start: int, end: int) -> int:
    """Past the opening sentence "…现答复如下：" when the body has one: what comes
    before it (thanks, a restatement of the suggestion) holds no sections."""
    folded = fold(text)
    limit = min(end, start + max(600, (end - start) // 3))
    for w in layout_rules()["reply_openers"]:
        k = folded.find(w, start, limit)
        if k >= 0:
            e = k + len(w)
            while e < end and folded[e] in "：:。，, \t":
                e += 1
            return e
    return start


def opens_title(line: str) -> bool:
    """"关于…" or "青川市商务局关于…": a reply title's first line (an agency name may
    open it)."""
    meta = load("meta.toml")
    line = line.strip()
    if line.startswith(tuple(meta["title"]["preferred_starts"])):
        return True
    k = line.find(meta["title"]["issuer_split"])
    agency = line[:k]
    return (2 < k <= meta["issuer"]["max_len"] and agency.endswith(tuple(meta["issuer"]["suffixes"]))
            and not re.search(r"[\s，,。；;：:、\d]", agency))


def is_date_line(line: str) -> bool:
    from .extractors.meta import find_dates  # meta owns the date patterns
    t = line.strip()
    return any(a == 0 and b == len(t) for a, b, _ in find_dates(t))


def closing_start(text: str, body_start: int = 0) -> int:
    """Where the closing part begins: trailing courtesy, signature, date, contact, cc."""
    cfg = numbering()["closing"]
    prefixes = tuple(layout_rules()["closing_prefixes"])
    end = len(text)
    spans = [(s, e) for s, e in lines(text) if s >= body_start]
    for s, e in reversed(spans):
        line = fold(text[s:e]).strip()
        if not line:
            continue
        short_plain = len(line) <= 40 and not re.search(r"[。，；,;]", line)
        courtesy = len(line) <= cfg["courtesy_max"] and any(w in line for w in cfg["courtesy"])
        chrome = "。" not in line and any(fold(w) in line for w in layout_rules()["chrome_words"])
        if line.startswith(prefixes) or short_plain or courtesy or chrome or is_date_line(text[s:e]):
            end = s
            continue
        break
    return end


# ---- numbering labels ------------------------------------------------------

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
    folded = fold(text)
    after = numbering()["position"]["after"]
    found: dict[int, Label] = {}
    for b in doc.blocks:
        if b.kind == "list_item" and b.label and start <= b.start < end:
            c = classify_label(b.label)
            style, kind, n = c if c else (f"word{b.level or 0}", "block", 0)
            found[b.start] = Label(b.start, b.start + len(b.label), style, kind, n, True, b.label)
    for name, kind, pat in _style_patterns():
        for m in pat.finditer(folded, start, end):
            s = m.start()
            if s in found:
                continue
            if _in_table(doc, text, s):
                continue
            ls = at_line_start(text, s)
            if not ls:
                prev = folded[s - 1] if s > 0 else ""
                if prev not in after:
                    continue
            n = _number(m.group("n"))
            if not n:
                continue
            found[s] = Label(s, m.end(), name, kind, n, ls, text[s:m.end()])
    # Word labels with no recognisable style are numbered by their order.
    labels = sorted(found.values(), key=lambda l: l.start)
    counters: dict[str, int] = {}
    for l in labels:
        if l.number == 0:
            counters[l.style] = counters.get(l.style, 0) + 1
            l.number = counters[l.style]
    return _drop_overlaps(labels)


def _in_table(doc: Document, text: str, pos: int) -> bool:
    """Inside a table row: a table_row block, or a line of tab-separated cells."""
    if any(b.kind == "table_row" and b.start <= pos < b.end for b in doc.blocks):
        return True
    s, e = line_of(text, pos)
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


def unit_markers(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Answering-unit markers "（区法院）" at a paragraph start or after a stop."""
    after = numbering()["position"]["after"]
    folded = fold(text)
    out = []
    for m in _unit_re().finditer(folded, start, end):
        s = m.start()
        if at_line_start(text, s) or (s > 0 and folded[s - 1] in after):
            out.append((s, m.end(), m.group("unit")))
    return out
