"""Layout helpers shared by extractors: lines, body bounds, numbering labels.

Numbering label styles live in data/numbering.toml, the reply's parts
(salutation, body labels, closing lines) in data/meta_layout.toml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .dates import is_date_line
from .document import Document
from .rules import load as load_rules, longest_first
from .textutil import INLINE_SPACE, fold, is_inline_space, folded, line_bounds, lines, strip_span

def numbering() -> dict:
    return load_rules("numbering")


def layout_rules() -> dict:
    return load_rules("meta_layout")


@cache
def spaced_label(label: str) -> str:
    """Regex for a label whose characters may be separated by spaces ("提 案 人")."""
    return f"{INLINE_SPACE}*".join(re.escape(c) for c in label)


line_of = line_bounds


def is_blank(ch: str) -> bool:
    return ch.isspace() or ch in "\u200b\ufeff"


def at_line_start(text: str, pos: int) -> bool:
    """Only spacing (or a stray [bookmark: …] marker) between the line start and pos."""
    s, _ = line_of(text, pos)
    before = re.sub(r"\[bookmark:[^\]]*\]", "", text[s:pos])
    return all(is_blank(c) for c in before)


# ---- the parts of a reply -------------------------------------------------

@dataclass(frozen=True)
class Salutation:
    start: int
    end: int
    names: tuple[int, int]      # span of the names part
    count: str | None
    role: str


@cache
def _salutation_re() -> re.Pattern:
    return re.compile(layout_rules()["salutation"])


@cache
def _salutation_without_colon() -> tuple[re.Pattern, re.Pattern]:
    """The salutation pattern with its colon optional, and what the next line must hold."""
    relaxed = layout_rules()["salutation"].replace(r"[：:]\s*$", r"[：:]?\s*$")
    return re.compile(relaxed), re.compile(layout_rules()["salutation_without_colon_next"])


@lru_cache(maxsize=8)  # meta, measures and split all ask for the same document's
def find_salutation(text: str, limit: int = 40) -> Salutation | None:
    """The salutation line among the first `limit` non-empty lines."""
    pat = _salutation_re()
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
    return glued_salutation(text) or _salutation_without_colon_line(text, limit)


def _salutation_without_colon_line(text: str, limit: int) -> Salutation | None:
    """"孟某代表" alone on its line, the answer opening on the next (…收悉)."""
    pat, nxt = _salutation_without_colon()
    spans = [(s, e) for s, e in lines(text) if text[s:e].strip()][:limit]
    for (s, e), (ns, ne) in zip(spans, spans[1:]):
        m = pat.match(fold(text[s:e]))
        if m and nxt.search(text, ns, ne):
            return Salutation(s, e, (s + m.start("names"), s + m.end("names")), m.group("count"), m.group("role"))
    return None


@cache
def _glued_salutation_re() -> re.Pattern:
    return re.compile(layout_rules()["glued_salutation"]["pattern"])


@lru_cache(maxsize=8)
def glued_salutation(text: str) -> Salutation | None:
    """A salutation glued after a labelled header field on the same line
    ("…发布日期：2023年09月01日林志远委员：您提出的…"): the names start where the
    label's value ends (a date, a 文号, a status word or an agency name)."""
    cfg = layout_rules()["glued_salutation"]
    pat, _ = _glued_re()
    ftext = folded(text)
    for m in _glued_salutation_re().finditer(ftext, 0, min(len(text), cfg["max_offset"])):
        ls, _ = line_of(text, m.start())
        hits = list(pat.finditer(ftext, ls, m.end()))
        if not hits or any(h.start() <= m.start() < h.end() for h in hits):
            continue
        names_end = m.start()
        start = _glued_names_start(text, hits[-1].end(), names_end)
        if start is None:
            continue
        names_start = start
        for w in cfg["honorifics"]:
            if text.startswith(w, start):
                names_start = start + len(w)
        return Salutation(start, m.end(), (names_start, names_end), m.group("count"), m.group("role"))
    return None


def _glued_names_start(text: str, value_start: int, names_end: int) -> int | None:
    """Where the names open in a label value running on into them, or None when
    no name of 2+ characters can be told apart from the value."""
    cfg = layout_rules()["glued_salutation"]
    ftext = folded(text)
    k = names_end
    while k > value_start and re.match(cfg["name_char"], ftext[k - 1]):
        k -= 1
    value = ftext[value_start:k]
    for w in cfg["honorifics"]:  # 尊敬的 opens the salutation whatever precedes it
        h = ftext.rfind(w, value_start, names_end)
        if h >= 0:
            return h
    title_end = _title_end_before(ftext, k, names_end)
    if title_end is not None:  # 名称：关于…的答复赵红梅、孙建国代表：
        return title_end
    if value and ftext[k] in cfg["value_end_chars"] and re.search(r"\d$", value):
        k += 1       # 2023年09月01日 / 〔2023〕88号: the value's last character
    run = ftext[k:names_end]
    if k == value_start:  # the whole value is words: 有效林志远, 某某部林志远
        for w in sorted(cfg["value_words"], key=len, reverse=True):
            if run.startswith(w):
                k += len(w)
                break
        else:
            first = run.split("、")[0]
            cut = max((first.rfind(suf) + len(suf) for suf in load_rules("meta")["issuer"]["suffixes"]
                       if first.rfind(suf) >= 2), default=-1)
            if cut < 0 or not 2 <= len(first) - cut <= 4:
                return None
            k += cut
    first = ftext[k:names_end].split("、")[0]
    return k if len(first) >= 2 else None


def _title_end_before(ftext: str, lo: int, names_end: int) -> int | None:
    """The end of a reply title's closing word (…的答复) in ftext[lo:names_end]
    with only a first name of 2-4 characters and more names after it."""
    best = None
    for w in load_rules("meta")["title"]["markers"]:
        h = ftext.rfind(w, lo, names_end)
        if h >= 0 and (best is None or h + len(w) > best):
            best = h + len(w)
    if best is None or not 2 <= len(ftext[best:names_end].split("、")[0]) <= 4:
        return None
    return best


@cache
def _body_label_re() -> re.Pattern:
    labels = longest_first(layout_rules()["body_labels"])
    alts = "|".join(spaced_label(l) for l in labels)
    return re.compile(rf"(?:{alts}){INLINE_SPACE}*[：:]")


@cache
def _restated_label_re() -> re.Pattern:
    alts = "|".join(spaced_label(l) for l in longest_first(layout_rules()["restated_labels"]))
    return re.compile(rf"(?:{alts}){INLINE_SPACE}*[：:]")


def restated_suggestion(text: str) -> tuple[int, int] | None:
    """[start, end) of the suggestion's own text shown before the reply
    ("建议内容：…" up to "答复内容：" or the salutation), if the page shows it."""
    ftext = folded(text)
    m = _restated_label_re().search(ftext)
    if m is None:
        return None
    ends = [b.start() for b in [_body_label_re().search(ftext, m.end())] if b]
    sal = find_salutation(text)
    if sal is not None and sal.start > m.end():
        ends.append(sal.start)
    return (m.start(), min(ends)) if ends else None


def body_label_end(text: str) -> int | None:
    m = _body_label_re().search(folded(text))
    return m.end() if m else None


def body_bounds(doc: Document) -> tuple[int, int]:
    """[start, end) of the reply body: after the salutation (or a glued body
    label such as 办复内容：), before the closing courtesy and signature."""
    return _body_bounds(doc.text)


@lru_cache(maxsize=8)
def _body_bounds(text: str) -> tuple[int, int]:
    sal = find_salutation(text)
    if sal:
        start = sal.end
    else:
        start = body_label_end(text) or 0
    return start, closing_start(text, start)


def reply_opening_end(text: str, start: int, end: int) -> int:
    """Past the opening sentence "…现答复如下：" when the body has one: what comes
    before it (thanks, a restatement of the suggestion) holds no sections."""
    ftext = folded(text)
    limit = min(end, start + max(600, (end - start) // 3))
    for w in layout_rules()["reply_openers"]:
        k = ftext.find(w, start, limit)
        if k >= 0:
            e = k + len(w)
            while e < end and ftext[e] in "：:。，, \t":
                e += 1
            return e
    return start


def opens_title(line: str) -> bool:
    """"关于…" or "青川市商务局关于…": a reply title's first line (an agency name may
    open it)."""
    meta = load_rules("meta")
    line = line.strip()
    if line.startswith(tuple(meta["title"]["preferred_starts"])):
        return True
    k = line.find(meta["title"]["issuer_split"])
    agency = line[:k]
    return (2 < k <= meta["issuer"]["max_len"] and agency.endswith(tuple(meta["issuer"]["suffixes"]))
            and not re.search(r"[\s，,。；;：:、\d]", agency))


@cache
def _chrome_words() -> tuple[str, ...]:
    return tuple(fold(w) for w in layout_rules()["chrome_words"])


@lru_cache(maxsize=8)
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
        chrome = "。" not in line and any(w in line for w in _chrome_words())
        if line.startswith(prefixes) or short_plain or courtesy or chrome or is_date_line(text[s:e]):
            end = s
            continue
        break
    return end


# ---- glued labelled fields (案 由：… 提 案 人：…) -----------------------------

@dataclass
class Field:
    label: str
    start: int      # value span (stripped)
    end: int


@cache
def _glued_re() -> tuple[re.Pattern, list[str]]:
    """The labelled-field pattern (one group per label) and the labels, by group index."""
    labels = sorted(load_rules("meta")["glued"]["labels"], key=len, reverse=True)
    alts = "|".join(f"(?P<l{i}>{spaced_label(l)})" for i, l in enumerate(labels))
    # the lookahead on the labels' first characters lets the scan skip every other
    # position at once instead of trying each alternative there (25x faster)
    firsts = re.escape("".join(sorted({l[0] for l in labels})))
    return re.compile(rf"(?=[{firsts}])(?:{alts}){INLINE_SPACE}*[:：]"), labels


@cache
def _label_chars() -> frozenset[str]:
    """What a labelled field's match holds before its colon, besides spacing: label characters."""
    return frozenset("".join(load_rules("meta")["glued"]["labels"]))


_COLON = re.compile("[:：]")


def _label_matches(ftext: str, limit: int):
    """pat.finditer(ftext, 0, limit) of _glued_re(), searched only in the run of
    label characters before each colon (every match ends at one): the same
    matches, without trying the labels at every label character of the text."""
    pat, _ = _glued_re()
    chars = _label_chars()
    after = 0  # the previous colon's end: runs never reach back past it
    for colon in _COLON.finditer(ftext, 0, limit):
        c = colon.start()
        start = c
        while start > after and (ftext[start - 1] in chars or is_inline_space(ftext[start - 1])):
            start -= 1
        yield from pat.finditer(ftext, start, c + 1)
        after = c + 1


def glued_fields(text: str) -> list[Field]:
    """Labelled fields up to (and including) the first body label."""
    pat, labels = _glued_re()
    ftext = folded(text)
    hits = []
    body = set(layout_rules()["body_labels"])
    # a salutation glued after the header fields closes them: the body follows
    sal = glued_salutation(text)
    limit = sal.start if sal else len(text)
    kinds = tuple(load_rules("meta")["glued"]["kind_led_labels"])
    for m in _label_matches(ftext, limit):
        name, start = labels[int(m.lastgroup[1:])], m.start()
        kind = next((k for k in kinds if name.startswith(k)), "")
        rest = name[len(kind):]
        if kind and rest in labels and ftext[max(0, start - 4):start].rstrip().endswith("的"):
            # …发展的建议编号：42: the title's kind, then 编号
            name, start = rest, ftext.index(rest[0], start + len(kind))
        hits.append((start, m.end(), name))
        if name in body:
            break
    out = []
    for i, (s, e, name) in enumerate(hits):
        if name in body:
            out.append(Field(name, e, e))
            break
        stop = hits[i + 1][0] if i + 1 < len(hits) else limit
        nl = text.find("\n", e, stop)
        vs, ve = strip_span(text, e, stop if nl < 0 else nl)
        out.append(Field(name, vs, ve))
    return out
