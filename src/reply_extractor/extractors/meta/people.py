"""Who made the suggestion and what it is called: the proposers (salutation,
labelled field or the body's opening sentence) and the proposal's title.

Functions take the meta reader (extract._Reader: text, folded, sal, fields,
body_start, meta, note) and fill its Meta.
"""
from __future__ import annotations

import re

from ... import layout
from ...textutil import squeeze, strip_span
from .data import pattern as _re, rules


def _set_kind_from_role(rd, role: str | None, span: tuple[int, int] | None) -> None:
    kind = (rules()["proposers"]["org_kind"] if role == "org"
            else rules()["proposal"]["role_kind"].get(role or ""))
    if kind and not rd.meta.proposal_kind:
        rd.meta.proposal_kind = kind
        rd.kind_from_role = True
        if span:
            rd.note("proposal_kind", *span)


def proposers(rd) -> None:
    cfg = rules()["proposers"]
    if rd.sal:
        s, e = rd.sal.names
        _add_names(rd, s, e)
        # "主任、各位副主任、秘书长、各位委员：" greets a 常委会, not the proposers:
        # its role tells no kind
        if rd.meta.proposers:
            role_at = rd.sal.names[1] + (len(rd.sal.count) if rd.sal.count else 0)
            _set_kind_from_role(rd, rd.sal.role, (role_at, role_at + len(rd.sal.role)))
            if cosigners := _cosigners(rd):  # 联名代表：李某、赵某 in the page's box
                _add_names(rd, *cosigners)
            return
    f = rd.field(*cfg["labels"])
    if f:
        s, e = f.start, f.end
        role = None
        for r in cfg["role_suffixes"]:
            if squeeze(rd.text[s:e]).endswith(r):
                role = r
                # drop the role word (allowing spaces inside the value)
                k = e
                for ch in reversed(r):
                    while k > s and layout.is_blank(rd.text[k - 1]):
                        k -= 1
                    if k > s and rd.text[k - 1] == ch:
                        k -= 1
                _set_kind_from_role(rd, r, (k, e))
                e = k
                break
        _add_names(rd, s, e)
        if rd.meta.proposers and f.label not in cfg["cosigner_labels"] and (cosigners := _cosigners(rd)):
            _add_names(rd, *cosigners)  # 领衔代表：王某 then 附议代表：李某 …
    f = None if rd.meta.proposers else rd.field(*cfg["org_labels"])
    if f:
        _add_names(rd, f.start, f.end, orgs=True)
        if rd.meta.proposers:
            _set_kind_from_role(rd, "org", (f.start, f.end))
    # a field block naming no proposer (a page's 文号 line) leaves the body to name them
    named_in_fields = any(f.label in cfg["labels"] or f.label in cfg["org_labels"] for f in rd.fields)
    if not rd.meta.proposers and not named_in_fields:
        _body_proposers(rd)
    if not rd.meta.proposers and not rd.sal and not named_in_fields:
        _org_salutation(rd)
    if rd.sal and not rd.meta.proposal_kind and not any(
            w in rd.text[slice(*rd.sal.names)] for w in cfg["board_titles"]):
        role_at = rd.sal.names[1] + (len(rd.sal.count) if rd.sal.count else 0)
        _set_kind_from_role(rd, rd.sal.role, (role_at, role_at + len(rd.sal.role)))
    for f in rd.fields:
        role = rules()["glued"]["role_labels"].get(f.label)
        if role:
            k = rd.folded.rfind(role, 0, f.start)
            _set_kind_from_role(rd, role, (k, k + len(role)) if k >= 0 else None)


def _cosigners(rd) -> tuple[int, int] | None:
    """Where the co-signers are named above the salutation (a field, or a line)."""
    cfg = rules()["proposers"]
    if f := rd.field(*cfg["cosigner_labels"]):
        return f.start, f.end
    m = _re(cfg["cosigner_line"]).search(rd.folded, 0, rd.sal.start if rd.sal else rd.body_start)
    return m.span("names") if m else None


def _body_proposers(rd) -> None:
    """"库尔班·吐尔逊等七名代表共同提出的…": the names in the body's opening sentence."""
    cfg = rules()["proposers"]
    a = rd.sal.start if rd.sal else rd.body_start
    m = _re(cfg["body_pattern"]).search(rd.folded, a, min(len(rd.text), a + cfg["body_chars"]))
    if m:
        _add_names(rd, _past_lead(rd, *m.span("names")), m.end("names"))
        if rd.meta.proposers:
            _set_kind_from_role(rd, m.group("role"), m.span("role"))


def _org_salutation(rd) -> None:
    """"致公党某市委员会：": a salutation addressing the organisation that made
    the proposal (a party committee, a 界别), on one of the first lines."""
    cfg = rules()["proposers"]
    seen = 0
    for s, e in layout.lines(rd.text):
        if not rd.text[s:e].strip():
            continue
        seen += 1
        if seen > cfg["org_salutation_lines"]:
            return
        m = _re(cfg["org_salutation"]).match(rd.folded, s, e)
        if m and _addresses_proposers(squeeze(m.group("org"))):
            _add_names(rd, *m.span("org"))
            if rd.meta.proposers:
                _set_kind_from_role(rd, "org", m.span("org"))
            return


def _addresses_proposers(line: str) -> bool:
    """A salutation of organisations, or of organisations and members with
    their role ("金明哲委员、民建延边州委会"): each item one or the other, one an
    organisation."""
    cfg = rules()["proposers"]
    items = [i for i in re.split(f"[{re.escape(cfg['separators'])}]", line) if i]
    orgs = [i for i in items if _re(cfg["org_pattern"]).match(i)]
    people = [i for i in items if any(i.endswith(r) and _re(cfg["name_pattern"]).match(i[:-len(r)])
                                      for r in cfg["role_suffixes"])]
    return bool(orgs) and len(orgs) + len(people) == len(items)


def _past_lead(rd, s: int, e: int) -> int:
    """Where the first name starts in "现将市人大代表马建国…": past the lead words
    and the role title before it (when a name of 2+ characters is left)."""
    cfg = rules()["proposers"]
    first_end = rd.text.find("、", s, e)
    first_end = e if first_end < 0 else first_end
    k = rd.text.rfind("的", s, first_end)
    if k >= 0 and first_end - k - 1 >= 2:
        s = k + 1  # 你局转来的李某: no name holds 的
    for w in cfg["title_words"]:
        k = rd.text.rfind(w, s, first_end)
        if k >= 0 and first_end - (k + len(w)) >= 2:
            s = k + len(w)
    for _ in range(2):   # 现将由…
        lead = next((w for w in sorted(cfg["lead_words"], key=len, reverse=True)
                     if rd.text.startswith(w, s) and first_end - s - len(w) >= 2), None)
        if not lead:
            break
        s += len(lead)
    return s


def _add_names(rd, s: int, e: int, orgs: bool = False) -> None:
    """The names listed in text[s:e]; `orgs`: a proposing-unit label's value,
    organisations taken as written."""
    cfg = rules()["proposers"]
    seps = cfg["separators"]
    parts = re.split(r"[\u3000 ]+", rd.text[s:e].strip())
    if len(parts) >= 2 and all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", p) for p in parts):
        seps += "\u3000 "  # 刘春燕　赵国庆　孙丽娜: names set apart by spaces
    pos = s
    for i in range(s, e + 1):
        if i == e or rd.text[i] in seps:
            a, b = strip_span(rd.text, pos, i)
            name = squeeze(rd.text[a:b])
            for lead in cfg["honorifics"]:  # 尊敬的张三
                if name.startswith(lead):
                    a, name = a + len(lead), name[len(lead):]
            if note := _re(cfg["name_note"]).search(name):  # 王某代表（领衔）
                b = _cut_end(rd.text, a, b, len(squeeze(name[note.start():])))
                name = name[:note.start()]
            # 赵明等 (委员), 薛某某等5名 (代表): 等 and its count close the list
            closing = _re(cfg["list_closing"]).search(name)
            if closing and closing.start() >= 2:
                b = _cut_end(rd.text, a, b, len(name) - closing.start())
                name = name[:closing.start()]
            # 巴特尔委员、其木格委员: each name may carry the role the line ends with
            role = next((r for r in cfg["role_suffixes"] if name.endswith(r)), None)
            if role and not orgs and len(name) - len(role) >= 2:
                b = _cut_end(rd.text, a, b, len(role))
                name = name[:-len(role)]
            if name in rd.meta.proposers:
                pass  # named twice (the salutation, then the page's box)
            elif (orgs and 2 <= len(name) <= 30) or _re(cfg["org_pattern"]).match(name) or (
                    _re(cfg["name_pattern"]).match(name) and name not in cfg["not_names"]
                    and not _re(cfg["not_name_words"]).search(name)):
                rd.meta.proposers.append(name)
                rd.note("proposers", a, b)
            pos = i + 1


def _cut_end(text: str, a: int, b: int, chars: int) -> int:
    """The end of text[a:b] without its last `chars` non-blank characters (and
    the blanks before them)."""
    while chars:
        b -= 1
        chars -= not layout.is_blank(text[b])
    return strip_span(text, a, b)[1]


def proposal_title(rd) -> None:
    cfg = rules()["proposal_title"]
    f = rd.field(*cfg["labels"])
    if f:
        rd.meta.proposal_title = squeeze(rd.text[f.start:f.end]).strip("《》")
        rd.note("proposal_title", f.start, f.end)
        if not rd.meta.proposal_kind:
            t = rd.meta.proposal_title
            for k in rules()["proposal"]["kinds"]:
                if t.endswith(k):
                    rd.meta.proposal_kind = k
                    rd.note("proposal_kind", f.end - len(k), f.end)
        return
    a = rd.sal.start if rd.sal else 0
    b = min(len(rd.text), max(rd.body_start, a) + 600)
    for p in cfg["patterns"]:
        m = _re(p).search(rd.folded, a, b)
        if m:
            rd.meta.proposal_title = squeeze(rd.text[m.start("v"):m.end("v")])
            rd.note("proposal_title", m.start("v"), m.end("v"))
            # 代表 also make 议案: the suggestion's own title tells better than the role
            kind = next((k for k in rules()["proposal"]["title_kind_over_role"]
                         if rd.meta.proposal_title.endswith(k)), None)
            if kind and rd.kind_from_role and rd.meta.proposal_kind == "建议":
                rd.meta.proposal_kind = kind
                rd.note("proposal_kind", m.end("v") - len(kind), m.end("v"))
            return
