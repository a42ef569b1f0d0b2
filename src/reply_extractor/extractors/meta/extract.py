"""Metadata of a reply: issuer, title, 文号, category, date, what it answers.

Rules are data (data/meta.toml); this module finds the reply's parts (header,
salutation, body, closing: see layout.py), applies the rules to the part each
field lives in, and records every value read as Evidence with its span.
"""
from __future__ import annotations

import re

from ... import labels as numbering_labels, layout
from ...dates import find_dates
from ...document import Document
from ...numbers import parse_int
from ...record import Evidence, Meta
from ...textutil import INLINE_SPACE, fold, squeeze, strip_span
from . import people, session
from .data import pattern as _re, rules


# Before an agency name glued to what precedes it (a phone number, a sentence's
# end); after a date glued to the page chrome that follows it (【打印本页】).
_NAME_BOUNDARY = re.compile(r"[\d。；;：:)\]】]")
_CHROME_OPENERS = ("【", "[", "<", "(", "（")
HEADER_LINES = 4   # letterhead lines (agency, 文号, category) looked at above the title
# Two agencies signing one line, set apart by spacing (a joint reply): the first.
_JOINT = re.compile(r"^(\S{3,})(?:[ \t]{2,}|\u3000+)\S{3,}$")


# ---- the extractor -------------------------------------------------------------

class _Reader:
    def __init__(self, doc: Document):
        self.doc, self.text, self.folded = doc, doc.text, doc.folded
        self.meta = Meta()
        self.kind_from_role = False   # the kind was only guessed from 代表/委员
        self.lead_shared = False      # the 主办/承办 label lists several units
        self.title_kind: tuple[str, tuple[int, int]] | None = None   # "《…的建议》（12号）"
        self._date_lines: dict[int, tuple[int, int, str] | None] = {}  # by lower bound
        self.sal = layout.find_salutation(self.text)
        fields = layout.glued_fields(self.text)
        self.fields = fields if len(fields) >= 2 else []
        self.body_start, self.body_end = layout.body_bounds(doc)

    def note(self, field: str, start: int, end: int) -> None:
        start, end = strip_span(self.text, start, end)
        if end > start:
            self.meta.evidence.append(Evidence((start, end), self.text[start:end], field=field))

    def field(self, *names: str) -> layout.Field | None:
        return next((f for f in self.fields if f.label in names and f.end > f.start), None)

    # regions
    def head_end(self, title_end: int | None) -> int:
        if self.sal:
            return self.sal.start
        ends = [self.fields[-1].end] if self.fields else []
        if title_end is not None:
            # no salutation found (九三学社绵阳市委员会：, 区商务局：): the lines after the
            # title up to the first one holding a sentence (文号, category) are the
            # head too, also below a page's field lines
            line_end = layout.line_of(self.text, title_end)[1]
            sentence = self.text.find("。", line_end)
            ends.append(max(line_end, self.text.rfind("\n", 0, sentence) + 1) if sentence != -1 else line_end)
        return max(ends, default=0)

    def closing(self) -> int:
        return self.body_end

    # fields
    def run(self) -> Meta:
        m = self.meta
        title = self.find_title()
        head_end = self.head_end(title[1] if title else None)
        self.find_issuer(title, head_end)
        self.find_doc_number(head_end)
        self.find_category(head_end)
        self.find_date()
        self.find_proposal(title, head_end)
        people.proposers(self)
        people.proposal_title(self)
        self.find_kind_cues()
        session.session(self, title, head_end)
        self.find_contact()
        self.find_cc_signer(head_end)
        self.find_feedback()
        return m

    def first_field(self, *names: str) -> layout.Field | None:
        """The field of the first of `names` (in their order of trust) given a value."""
        return next(filter(None, (self.field(n) for n in names)), None)

    def find_title(self) -> tuple[int, int] | None:
        cfg = rules()["title"]
        f = self.first_field(*cfg["labels"])
        # a page's 标题 field names the reply when it reads as one (…的答复); a page
        # title such as …办理情况的公开 gives way to the reply's own title line
        best = _once(self.text, f.start, f.end) if f else None
        if best is None or not squeeze(self.text[f.start:f.end]).endswith(tuple(cfg["markers"])):
            best = self._title_line(cfg) or best
        if best is None:  # a title glued to the page's breadcrumb and fields
            limit = self.sal.start if self.sal else min(len(self.text), 600)
            m = _re(cfg["glued"]).search(self.text, 0, limit)
            best = m.span() if m else None
        if best:
            self.meta.title = squeeze(self.text[best[0]:best[1]].replace("\n", ""))
            self.note("title", *best)
        return best

    def _title_line(self, cfg) -> tuple[int, int] | None:
        """The reply's title among the lines above the salutation: "关于…答复…" or a
        line ending in a marker, a 文号 in brackets after it and a crawler's
        "title:" before it left out."""
        limit = self.sal.start if self.sal else min(len(self.text), 600)
        spans = [(s, e) for s, e in layout.lines(self.text) if e <= limit or s < limit]
        best = None
        for i, (s, e) in enumerate(spans):
            number = _re(cfg["number_after"]).search(self.text, s, e)
            if number:  # …的答复（新林草函〔2024〕112号）
                e = number.start()
            key = _re(cfg["key_before"]).match(self.text, s, e)
            if key:     # title: 遵义市…的答复
                s = key.end()
            line = self.text[s:e].strip()
            if not line or "。" in line or len(line) > cfg["max_len"] or _re(cfg["breadcrumb"]).search(line):
                continue
            # "关于…答复…" or a line ending in a marker; not "答复类别：A"
            if line.rstrip("：:").endswith(tuple(cfg["markers"])) or (
                    line.startswith(tuple(cfg["preferred_starts"])) and any(k in line for k in cfg["markers"])):
                start = s
                # a long title broken over two lines: take the line above too
                if i and spans[i - 1][1] > spans[i - 1][0] and not layout.opens_title(line):
                    prev = self.text[slice(*spans[i - 1])].strip()
                    if layout.opens_title(prev) and not any(k in prev for k in cfg["markers"]):
                        start = spans[i - 1][0]
                # "河南省某厅\n关于…的答复": the agency opening the title on a line
                # of its own (below the letterhead, not the letterhead itself)
                if i and start == s and line.startswith(tuple(cfg["preferred_starts"])):
                    ps, pe = spans[i - 1]
                    first = next(a for a, b in spans if self.text[a:b].strip())
                    if pe > ps and ps > first and self._agency(ps, pe):
                        start = ps
                cand = strip_span(self.text, start, e)
                opens = layout.opens_title(self.text[start:e])
                if opens or best is None:
                    best = cand
                    if opens:
                        break
        return best

    def _agency(self, s: int, e: int) -> tuple[int, int] | None:
        """The agency name on line [s, e) (letterhead suffixes dropped), if it is one."""
        cfg = rules()["issuer"]
        s, e = strip_span(self.text, s, e)
        line = self.text[s:e]
        for suf in cfg["strip_suffixes"]:
            if line.endswith(suf) and len(line) > len(suf) + 2:
                e -= len(suf)
                s, e = strip_span(self.text, s, e)
                line = self.text[s:e]
        name = squeeze(line)
        if (2 < len(name) <= cfg["max_len"] and name.endswith(tuple(cfg["suffixes"]))
                and not re.search(r"[。，,；;：:\d]", fold(name)) and not layout.is_date_line(line)):
            # 南昌市农业农村局　　南昌市财政局: a joint reply, the lead signs first
            first = _JOINT.match(line)
            if first and squeeze(first.group(1)).endswith(tuple(cfg["suffixes"])):
                return s, s + first.end(1)
            return s, e
        return None

    def _unit_fields(self):
        """(field, role) of each field naming handling units before the body (one
        after it is the site's 主办单位 in a page footer): lead (主办/承办),
        assisting (协办), separate (分办)."""
        cfg = rules()["issuer"]
        roles = [("lead", cfg["unit_labels"]), ("assisting", cfg["assisting_unit_labels"]),
                 ("separate", cfg["multi_unit_labels"])]
        for f in self.fields:
            role = next((r for r, labels in roles if f.label in labels), None)
            if role is not None and f.start < self.body_end:
                yield f, role

    def find_units(self) -> list[tuple[str, int, int]]:
        """The units a glued page names to handle the suggestion, as (role, start,
        end), noted in meta.units."""
        out = []
        for f, role in self._unit_fields():
            if f.end <= f.start:
                continue
            names = _unit_names(self.text, f.start, f.end)
            self.lead_shared |= role == "lead" and len(names) > 1
            for i, (a, b) in enumerate(names):
                # several 主办/承办 units: the first leads, the others assist
                r = "assisting" if role == "lead" and i else role
                out.append((r, a, b))
                self.meta.units.append({"name": squeeze(self.text[a:b]), "role": r})
                self.note("units", a, b)
        return out

    def find_issuer(self, title, head_end: int) -> None:
        cfg = rules()["issuer"]
        span = lead = None
        f = self.first_field(*cfg["issuing_labels"])
        units = self.find_units() if self.fields else []
        if f and self._agency(f.start, f.end):
            span = self._agency(f.start, f.end)
        elif units:
            lead = next(((a, b) for r, a, b in units if r == "lead"), None)
            answering = self._answering_unit(units)
            if answering:
                span = answering              # of the units listed, only this one answers
            elif len(units) == 1 or lead and not self.lead_shared:
                span = lead or units[0][1:]   # the one unit, or one 主办 unit with 协办 units beside it
            elif lead is None:
                return                        # units answering separately (分办): no issuer
            # else the first of several 承办 units, unless a signature names the issuer
        elif any(role != "assisting" and f.end > f.start for f, role in self._unit_fields()):
            return                            # units written but none read: no issuer
        top = title[0] if title else head_end
        above = [(s, e) for s, e in layout.lines(self.text) if e <= top and s < e]
        # order of trust: the agency before 关于 in the title, the letterhead just
        # above the title, the signature, then any agency line higher up (page chrome)
        near = [ln for ln in above if self.text[ln[0]:ln[1]].strip()][-HEADER_LINES:]
        if span is None and title:
            t = self.text[title[0]:title[1]]
            k = t.find(rules()["title"]["issuer_split"])
            if k > 2:
                span = self._agency(title[0], title[0] + k)
                span = span and self._in_full(span, near)
        if span is None:
            span = next(filter(None, (self._agency(*ln) for ln in reversed(near))), None)
        if span is None:
            closing = [ln for ln in layout.lines(self.text) if ln[0] >= self.closing()]
            span = next(filter(None, (self._agency(*ln) for ln in closing)), None)
        if span is None:
            span = self._signature_above_date()
        if span is None:
            span = self._print_footer()
        if span is None:
            span = self._reporter()
        if span is None and lead is None:
            span = next(filter(None, (self._agency(*ln) for ln in above)), None)
        span = span or lead
        if span in {unit[1:] for unit in units}:  # a box's short name (市住房和城乡建设局): the signature's full one
            closing = [ln for ln in layout.lines(self.text) if ln[0] >= self.closing()]
            span = self._in_full(span, closing)
        if span:
            span = self._agency_of_print_office(*span)
            self.meta.issuer = squeeze(self.text[span[0]:span[1]])
            self.note("issuer", *span)

    def _in_full(self, span: tuple[int, int], lines) -> tuple[int, int]:
        """The letterhead among `lines` naming the agency of `span` in full
        (中华人民共和国生态环境部 for the title's 生态环境部), else `span`."""
        short = squeeze(self.text[span[0]:span[1]])
        for ln in lines:
            full = self._agency(*ln)
            name = squeeze(self.text[full[0]:full[1]]) if full else ""
            if len(name) > len(short) and name.endswith(short):
                return full
        return span

    def _answering_unit(self, units) -> tuple[int, int] | None:
        """The one unit of several listed whose part makes up the reply: the
        body is marked "（区资源生态局）…" for it alone."""
        if len(units) < 2:
            return None
        markers = numbering_labels.unit_markers(self.doc, self.body_start, self.body_end)
        named = {squeeze(self.text[a:b]) for _, a, b in units}
        answering = {unit for _, _, unit in markers}
        if len(answering) != 1 or not answering <= named:
            return None
        s, e, unit = markers[0]
        a = self.text.index(unit, s, e)
        return a, a + len(unit)

    def _signature_above_date(self) -> tuple[int, int] | None:
        """The agency signing just above (or before) the reply's date line, wherever
        the closing part ends (page chrome may follow it)."""
        hit = self._last_date_line(self.body_start)
        if not hit:
            return None
        ls, _ = layout.line_of(self.text, hit[0])
        if self.text[ls:hit[0]].strip():
            return self._agency_before(ls, hit[0])
        prev = [ln for ln in layout.lines(self.text[:ls]) if self.text[ln[0]:ln[1]].strip()]
        return next(filter(None, (self._agency(*ln) for ln in reversed(prev[-2:]))), None)

    def _print_footer(self) -> tuple[int, int] | None:
        """The agency opening a 印发 footer line ("某局办公室 2023年6月16日印发")."""
        lo = self.closing()
        word = rules()["issuer"]["print_word"]
        for s, e, _ in reversed(find_dates(self.text[lo:])):
            s, e = lo + s, lo + e
            if self.text[e:].lstrip().startswith(word):
                ls, _ = layout.line_of(self.text, s)
                if self.text[ls:s].strip():
                    return self._agency(ls, s)
        return None

    def _agency_of_print_office(self, s: int, e: int) -> tuple[int, int]:
        """"某局办公室" printing the letter (a 印发 date follows) -> 某局."""
        cfg = rules()["issuer"]
        office = cfg["print_office"]
        name = self.text[s:e]
        if not name.endswith(office) or not name[:-len(office)].endswith(tuple(cfg["print_office_parents"])):
            return s, e
        rest = self.text[e:e + 40].lstrip()
        dates = find_dates(rest)
        if dates and dates[0][0] == 0 and rest[dates[0][1]:].lstrip().startswith(cfg["print_word"]):
            return s, e - len(office)
        return s, e

    def _regions(self, head_end: int) -> list[tuple[int, int]]:
        return [(0, head_end), (self.closing(), len(self.text))]

    def find_doc_number(self, head_end: int) -> None:
        pat = _re(rules()["doc_number"]["pattern"])
        f = self.first_field(*rules()["doc_number"]["labels"])
        for a, b in ([(f.start, f.end)] if f else []) + self._regions(head_end):
            m = pat.search(self.folded, a, b)
            if m:
                self.meta.doc_number = squeeze(self.text[m.start("v"):m.end("v")])
                self.note("doc_number", m.start("v"), m.end("v"))
                return

    def find_category(self, head_end: int) -> None:
        cfg = rules()["category"]
        for a, b in self._regions(head_end):
            for p in cfg["patterns"]:
                m = _re(p).search(self.folded, a, b)
                if m:
                    v = m.group("v").upper()
                    written = next((c for opening, c in cfg["phrases"].items() if v.startswith(opening)), None)
                    self.meta.category = written or cfg["map"].get(v, v)
                    self.note("category", m.start("v"), m.end("v"))
                    return

    def find_date(self) -> None:
        # a glued page's labelled 答复时间/答复日期 field; else the last date line of
        # the closing part (contact, 抄送, footer or page chrome lines may follow it);
        # when chrome hid the closing part, of the body's tail; else a date glued
        # at the very end of the text ("…感谢您的关心。2025.06.20")
        hit = self._labelled_date() or self._report_date()
        for lo in (self.closing(), self.body_start):
            hit = hit or self._last_date_line(lo)
        hit = hit or self._trailing_date() or self._head_date()
        if hit:
            self.meta.reply_date = hit[2]
            self.note("reply_date", hit[0], hit[1])

    def _labelled_date(self) -> tuple[int, int, str] | None:
        """The date opening the value of a 答复时间/答复日期 label, wherever the
        label stands (header fields, a table's row, or glued after the body at the page's end)."""
        labels = "|".join(layout.spaced_label(w) for w in rules()["glued"]["date_labels"])
        for m in re.finditer(rf"(?:{labels}){INLINE_SPACE}*[:：\t]{INLINE_SPACE}*", self.folded):
            dates = find_dates(self.text[m.end():m.end() + 20])
            if dates and dates[0][0] == 0:
                s, e, iso = dates[0]
                return m.end() + s, m.end() + e, iso
        return None

    def _report_date(self) -> tuple[int, int, str] | None:
        """The date of a report's subtitle above the salutation (——…在…会议上)."""
        m = self._head_line(rules()["date"]["report_line"])
        dates = find_dates(self.text[m.start("date"):m.end("date")]) if m else []
        if not dates:
            return None
        a, b, iso = dates[0]
        return m.start("date") + a, m.start("date") + b, iso

    def _reporter(self) -> tuple[int, int] | None:
        """The agency of a report's reporter line (某市人民政府副市长　彭某) above the salutation."""
        m = self._head_line(rules()["issuer"]["reporter_pattern"])
        return m.span("agency") if m else None

    def _head_line(self, pattern: str) -> re.Match | None:
        """The first line above the salutation (or the body) matching `pattern` from its start."""
        limit = self.sal.start if self.sal else self.body_start
        for s, e in layout.lines(self.text):
            if s >= limit:
                return None
            m = _re(pattern).match(self.text, s, e)
            if m:
                return m
        return None

    def _head_date(self) -> tuple[int, int, str] | None:
        """A date on a line of its own above the salutation (under the title),
        when the closing gives none."""
        limit = self.sal.start if self.sal else self.body_start
        for s, e in layout.lines(self.text):
            if s >= limit:
                break
            if layout.is_date_line(self.text[s:e].strip()) and (dates := find_dates(self.text[s:e])):
                return s + dates[0][0], s + dates[0][1], dates[0][2]
        return None

    def _trailing_date(self) -> tuple[int, int, str] | None:
        end = len(self.text.rstrip())
        tail = max(0, end - 30)
        dates = find_dates(self.text[tail:end])
        if dates and tail + dates[-1][1] == end:
            s, e, iso = dates[-1]
            if self.text[:tail + s].endswith(tuple(rules()["date"]["not_preceded_by"])):
                return None
            return tail + s, tail + e, iso
        return None

    def _last_date_line(self, lo: int) -> tuple[int, int, str] | None:
        """The last date in text[lo:] that opens its line (or follows the issuer)
        and is not the date of something else ("…2023年6月16日印发")."""
        if lo not in self._date_lines:
            self._date_lines[lo] = self._find_last_date_line(lo)
        return self._date_lines[lo]

    def _find_last_date_line(self, lo: int) -> tuple[int, int, str] | None:
        not_before = tuple(rules()["date"]["not_followed_by"])
        for s, e, iso in reversed(find_dates(self.text[lo:])):
            s, e = lo + s, lo + e
            ls, le = layout.line_of(self.text, s)
            before, after = self.text[ls:s], self.text[e:le].strip()
            if after.startswith(not_before):
                continue
            if not before.strip() or self._agency(ls, s):
                return s, e, iso
            if (not after or after.startswith(_CHROME_OPENERS)) and self._agency_before(ls, s):
                return s, e, iso  # a page on one line: …联系电话：…某局2026年6月29日【打印本页】
        return None

    def _agency_before(self, ls: int, s: int) -> tuple[int, int] | None:
        """The agency named on line [ls, s), or, on a line holding more (a page
        glued on one line), right before s after a number or a punctuation mark."""
        whole = self._agency(ls, s)
        if whole or s - ls <= 2:
            return whole
        lo = max(ls, s - rules()["issuer"]["max_len"] - 1)
        cut = max((m.end() for m in _NAME_BOUNDARY.finditer(self.folded, lo, s)), default=None)
        return self._agency(cut, s) if cut is not None and cut > ls else None

    def find_proposal(self, title, head_end: int) -> None:
        cfg = rules()["proposal"]
        regions = ([title] if title else []) + [(0, max(head_end, min(len(self.text), 200)))]
        for a, b in regions:
            for p in cfg["patterns"]:
                m = _re(p).search(self.folded, a, b)
                if m:
                    self.meta.proposal_kind = m.group("kind")
                    self.note("proposal_kind", m.start("kind"), m.end("kind"))
                    n = parse_int(m.group("no"))
                    if n is not None:
                        self.meta.proposal_no = str(n)
                        self.note("proposal_no", m.start("no"), m.end("no"))
                    return
        # the number in brackets in the opening sentence: "…的提案（第2020057号）收悉",
        # "《…》（2021056号）已收悉" (the kind, when written, beside it)
        limit = min(len(self.text), max(head_end, self.body_start) + cfg["acknowledged_within"])
        for p in cfg["acknowledged"]:
            m = _re(p).search(self.folded, 0, limit)
            if m:
                k = next((g for g in ("kind2", "kind3", "kind") if m.group(g)), None)
                kind = m.group(k) if k else None
                if k == "kind" and self.folded[m.end(k):m.end(k) + 1] in ("》", "”", '"'):
                    # the last word of the quoted title: weakest of the cues
                    self.title_kind = kind, m.span(k)
                    kind = None
                if kind:
                    self.meta.proposal_kind = kind
                    self.note("proposal_kind", m.start(k), m.end(k))
                self.meta.proposal_no = str(int(m.group("no")))
                self.note("proposal_no", m.start("no"), m.end("no"))
                if kind:
                    return
                break
        if title:
            m = _re(cfg["kind_only"]).search(self.folded, *title)
            if m:
                self.meta.proposal_kind = m.group("kind")
                self.note("proposal_kind", m.start("kind"), m.end("kind"))

    def find_kind_cues(self) -> None:
        """The kind, when neither number nor role told it: the body calling the
        suggestion by its kind, whom the reply is copied to, the title's last word."""
        if self.meta.proposal_kind:
            return
        cfg = rules()["proposal"]
        body = self.text[self.body_start:self.body_end]
        for kind, words in cfg["body_cues"].items():
            at = min((k for k in (body.find(w) for w in words) if k >= 0), default=-1)
            if at >= 0:
                w = next(w for w in words if body.startswith(w, at))
                k = self.body_start + at + w.index(kind)
                return self._set_kind(kind, k, k + len(kind))
        m = _re(rules()["cc"]["pattern"]).search(self.folded, self.closing())
        if m:
            cc = self.text[m.start("v"):m.end("v")]
            kinds = {kind for kind, words in cfg["cc_cues"].items() if any(w in cc for w in words)}
            if len(kinds) == 1:
                kind = kinds.pop()
                w = next(w for w in cfg["cc_cues"][kind] if w in cc)
                k = m.start("v") + cc.index(w)
                return self._set_kind(kind, k, k + len(w))
        if self.title_kind:
            self._set_kind(self.title_kind[0], *self.title_kind[1])

    def _set_kind(self, kind: str, start: int, end: int) -> None:
        self.meta.proposal_kind = kind
        self.note("proposal_kind", start, end)

    def find_feedback(self) -> None:
        """The legislator's verdict given by a feedback label (代表反馈：基本满意)."""
        cfg = rules()["glued"]
        f = self.first_field(*cfg["feedback_labels"])
        if not f:
            return
        for v in cfg["feedback_values"]:
            if self.text.startswith(v, f.start):
                self.meta.feedback = v
                self.note("feedback", f.start, f.start + len(v))
                return

    def find_contact(self) -> None:
        cfg = rules()["contact"]
        for key in ("name", "phone"):
            ms = list(_re(cfg[key]).finditer(self.folded, self.closing()))
            ms = ms or list(_re(cfg[key]).finditer(self.folded))
            if ms:
                m = ms[0]
                value = self.text[m.start("v"):m.end("v")].strip()
                self.meta.contact[key] = fold(value) if key == "phone" else value
                self.note(f"contact.{key}", m.start("v"), m.end("v"))

    def find_cc_signer(self, head_end: int) -> None:
        m = _re(rules()["cc"]["pattern"]).search(self.folded, self.closing())
        if m:
            seps = rules()["cc"]["separators"]
            pos = m.start("v")
            for i in range(m.start("v"), m.end("v") + 1):
                if i == m.end("v") or self.text[i] in seps:
                    a, b = strip_span(self.text, pos, i)
                    while b > a and self.text[b - 1] in "。.":
                        b -= 1
                    if b > a:
                        self.meta.cc.append(self.text[a:b])
                        self.note("cc", a, b)
                    pos = i + 1
        m = _re(rules()["signer"]["pattern"]).search(self.folded)
        if m:
            self.meta.signer = self.text[m.start("v"):m.end("v")]
            self.note("signer", m.start("v"), m.end("v"))


def _once(text: str, start: int, end: int) -> tuple[int, int]:
    """A field's value, or its first half when it is written twice running (a
    page's 名称 field glued to the same title above the letter)."""
    half = (end - start) // 2
    if half and text[start:start + half] == text[start + half:end]:
        return start, start + half
    return start, end


def _unit_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the unit names listed in text[start:end] ("区公安局、区交建局"),
    splitting names written with no separator ("区资源生态局区交建局")."""
    cfg = rules()["issuer"]
    out, pos = [], start
    for i in range(start, end + 1):
        if i == end or text[i] in cfg["unit_separators"]:
            a, b = strip_span(text, pos, i)
            while a < b:
                cut = next((k + len(suf) for k in range(a + 2, b) for suf in cfg["unit_glued_ends"]
                            if text.startswith(suf, k) and k + len(suf) < b - 2
                            and text[k + len(suf)] in cfg["unit_glued_starts"]), None)
                if cut is None:
                    out.append((a, b))
                    break
                out.append((a, cut))
                a = cut
            pos = i + 1
    return out


def extract(doc: Document, reply=None) -> Meta:
    return _Reader(doc).run()
