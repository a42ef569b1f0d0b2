"""Word auto-numbering: the labels ("一、", "（二）", "3.") Word draws in front of
numbered paragraphs but that are not in the paragraph text.

A paragraph gets numbering from its own w:numPr or through its style chain
(w:pStyle -> style w:numPr, following w:basedOn). numId leads to a w:num, which
points to a w:abstractNum (possibly via w:numStyleLink) and may override start
values per level. Counters live per list; numbering a level resets the levels
below it (unless w:lvlRestart says otherwise).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from docx.oxml.ns import qn as _qn

from .counters import format_number, int_attr

_VAL = _qn("w:val")
qn = lru_cache(maxsize=None)(_qn)  # "w:tag" -> "{namespace}tag", worked out once per tag


def child(el, *tags: str):
    """The element at the path of `tags` under `el` (None if absent): one C-level
    find a step, where a "w:a/w:b" path goes through ElementPath in Python."""
    for tag in tags:
        if el is None:
            return None
        el = el.find(qn(tag))
    return el


_STYLE_BY_ID = None


def style_element(styles_el, sid: str | None):
    """The w:style with this styleId (the last, as Word reads duplicates), found
    by XPath in libxml2 rather than by walking every style in Python."""
    global _STYLE_BY_ID
    if styles_el is None or not sid:
        return None
    by_id = getattr(styles_el, "style_by_id", None)  # readers/docx.py's styles part read lazily
    if by_id is not None:
        return by_id(sid)
    if _STYLE_BY_ID is None:
        from lxml import etree
        from docx.oxml.ns import nsmap
        _STYLE_BY_ID = etree.XPath("w:style[@w:styleId=$sid]", namespaces={"w": nsmap["w"]})
    found = _STYLE_BY_ID(styles_el, sid=sid)
    return found[-1] if found else None


def _val(el, tag: str) -> str | None:
    """w:val of child `tag` of `el` (None when either is absent)."""
    if el is None:
        return None
    child = el.find(qn(tag))
    return None if child is None else child.get(_VAL)


class _Styles(dict):
    """styleId -> Style, each read from its w:style element on first use."""

    def __init__(self, styles_el):
        super().__init__()
        self._styles_el = styles_el

    def __missing__(self, sid: str) -> "Style":
        st = style_element(self._styles_el, sid)
        if st is None:
            raise KeyError(sid)
        num_pr = child(st, "w:pPr", "w:numPr")
        style = self[sid] = Style(based_on=_val(st, "w:basedOn"), num_id=int_attr(_val(num_pr, "w:numId")),
                                  ilvl=int_attr(_val(num_pr, "w:ilvl")))
        return style

    def __contains__(self, sid) -> bool:
        if dict.__contains__(self, sid):
            return True
        try:
            self[sid]
            return True
        except KeyError:
            return False

    def get(self, sid, default=None):
        return self[sid] if sid in self else default


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"          # tab | space | nothing
    restart: int | None = None   # w:lvlRestart (None = after any higher level)
    legal: bool = False          # w:isLgl: show higher levels as decimal
    style: str | None = None     # w:pStyle: the style linked to this level


def _parse_level(lvl) -> Level:
    lv = Level()
    lv.start = int_attr(_val(lvl, "w:start"), 1)
    lv.fmt = _val(lvl, "w:numFmt") or "decimal"
    text = lvl.find(qn("w:lvlText"))
    lv.text = "" if text is None else (text.get(_VAL) or "")
    lv.suffix = _val(lvl, "w:suff") or "tab"
    lv.restart = int_attr(_val(lvl, "w:lvlRestart"))
    legal = lvl.find(qn("w:isLgl"))
    lv.legal = legal is not None and legal.get(_VAL, "true") not in ("0", "false", "off")
    lv.style = _val(lvl, "w:pStyle")
    return lv


@dataclass
class Style:
    based_on: str | None = None
    num_id: int | None = None
    ilvl: int | None = None


@dataclass
class _Num:
    abstract_id: int
    overrides: dict[int, Level] = field(default_factory=dict)  # full lvl overrides
    starts: dict[int, int] = field(default_factory=dict)       # startOverride values


class Numbering:
    """Resolves and renders the numbering of paragraphs in document order."""

    def __init__(self, numbering_el=None, styles_el=None):
        self.abstracts: dict[int, dict[int, Level]] = {}
        self.abstract_links: dict[int, str] = {}   # abstractNumId -> numStyleLink
        self.nums: dict[int, _Num] = {}
        self.styles: dict[str, Style] = {}
        self._counters: dict[object, dict[int, int]] = {}
        self._started: set[int] = set()
        if styles_el is not None:
            self._parse_styles(styles_el)
        if numbering_el is not None:
            self._parse_numbering(numbering_el)

    # -- parsing ---------------------------------------------------------
    def _parse_styles(self, root) -> None:
        # a document defines hundreds of styles and uses a few: each is read
        # when a paragraph first asks for it
        self.styles = _Styles(root)

    def _parse_numbering(self, root) -> None:
        for an in root.iter(qn("w:abstractNum")):
            aid = int_attr(an.get(qn("w:abstractNumId")))
            if aid is None:
                continue
            self.abstracts[aid] = {int_attr(lvl.get(qn("w:ilvl")), 0): _parse_level(lvl)
                                   for lvl in an.iter(qn("w:lvl"))}
            link = _val(an, "w:numStyleLink")
            if link:
                self.abstract_links[aid] = link
        for num in root.iter(qn("w:num")):
            nid, aid = int_attr(num.get(qn("w:numId"))), int_attr(_val(num, "w:abstractNumId"))
            if nid is None or aid is None:
                continue
            entry = _Num(aid)
            for ov in num.iter(qn("w:lvlOverride")):
                ilvl = int_attr(ov.get(qn("w:ilvl")), 0)
                start = int_attr(_val(ov, "w:startOverride"))
                if start is not None:
                    entry.starts[ilvl] = start
                lvl = ov.find(qn("w:lvl"))
                if lvl is not None:
                    entry.overrides[ilvl] = _parse_level(lvl)
            self.nums[nid] = entry

    # -- resolution --------------------------------------------------------
    def _style_numpr(self, style_id: str | None) -> tuple[int | None, int | None]:
        """(numId, ilvl) a paragraph style gives, following basedOn."""
        num_id = ilvl = None
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            st = self.styles.get(style_id)
            if st is None:
                break
            num_id = st.num_id if num_id is None else num_id
            ilvl = st.ilvl if ilvl is None else ilvl
            if num_id is not None and ilvl is not None:
                break
            style_id = st.based_on
        return num_id, ilvl

    def _levels(self, num_id: int) -> tuple[object, dict[int, Level]] | None:
        """(counter key, levels) of a w:num, with overrides applied."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid, seen = num.abstract_id, set()
        # An abstractNum that is only a w:numStyleLink takes its levels from the
        # list the numbering style points to.
        while aid in self.abstract_links and aid not in seen:
            seen.add(aid)
            linked_num, _ = self._style_numpr(self.abstract_links[aid])
            target = self.nums.get(linked_num) if linked_num is not None else None
            if target is None:
                break
            aid = target.abstract_id
        levels = dict(self.abstracts.get(aid, {}))
        levels.update(num.overrides)
        for ilvl, start in num.starts.items():
            lv = levels.get(ilvl)
            if lv is not None:
                levels[ilvl] = Level(**{**lv.__dict__, "start": start})
        # Word continues a list across w:num elements sharing an abstractNum,
        # unless the w:num restarts it with overrides.
        key = ("num", num_id) if (num.starts or num.overrides) else ("abs", aid)
        return key, levels

    def resolve(self, p) -> tuple[int, int, str | None] | None:
        """(numId, ilvl, style id) of a w:p element, or None if not numbered."""
        ppr = p.find(qn("w:pPr"))
        style_id = _val(ppr, "w:pStyle")
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id = int_attr(_val(num_pr, "w:numId"))
        ilvl = int_attr(_val(num_pr, "w:ilvl"))
        s_num, s_ilvl = self._style_numpr(style_id)
        if num_id is None:
            num_id = s_num
            if ilvl is None:
                ilvl = s_ilvl
        if not num_id:  # absent, or numId 0: numbering explicitly removed
            return None
        if ilvl is None:
            ilvl = self._linked_level(num_id, style_id)
        return num_id, ilvl, style_id

    def _linked_level(self, num_id: int, style_id: str | None) -> int:
        """The level whose w:pStyle names the paragraph's style (or one it is
        based on); level 0 otherwise."""
        found = self._levels(num_id)
        if found is None:
            return 0
        chain, sid = [], style_id
        while sid and sid not in chain:
            chain.append(sid)
            sid = self.styles[sid].based_on if sid in self.styles else None
        for sid in chain:
            for ilvl, lv in found[1].items():
                if lv.style == sid:
                    return ilvl
        return 0

    # -- rendering ---------------------------------------------------------
    def label(self, p) -> tuple[str | None, int, str] | None:
        """Advance the counters for w:p `p` and return (label, level, suffix);
        label is None for bullets and format "none". None if not numbered."""
        resolved = self.resolve(p)
        if resolved is None:
            return None
        num_id, ilvl, _ = resolved
        found = self._levels(num_id)
        if found is None:
            return None
        key, levels = found
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(key, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl <= restart - 1):
                del counters[deeper]
        if level.fmt == "bullet" or level.fmt == "none":
            return None, ilvl, level.suffix
        text = level.text
        for n in range(9, 0, -1):  # %10 does not exist; go down so %1 is not eaten by %1x
            tag = f"%{n}"
            if tag not in text:
                continue
            lv = levels.get(n - 1, Level())
            value = counters.get(n - 1, lv.start)
            fmt = "decimal" if level.legal and n - 1 < ilvl else lv.fmt
            text = text.replace(tag, format_number(value, fmt))
        return (text or None), ilvl, level.suffix
