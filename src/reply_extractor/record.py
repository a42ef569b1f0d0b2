"""The typed record of one reply: every extracted item with its span.

Every item has `span` (start, end) into `Reply.text` and a `surface` that is
exactly `text[start:end]`; `Reply.check_spans()` enforces it. Figures carry
`Decimal` values; they become JSON numbers only in `to_dict()`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from typing import Any

SCHEMA_VERSION = "1.0"


def json_number(d: Decimal | None):
    """A Decimal as a JSON number: int when integral, else the shortest float."""
    if d is None:
        return None
    if d == d.to_integral_value():
        return int(d)
    return float(d)


@dataclass
class Item:
    span: tuple[int, int]
    surface: str

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, Decimal):
                v = json_number(v)
            elif isinstance(v, tuple):
                v = list(v)
            elif isinstance(v, list):
                v = [x.to_dict() if isinstance(x, Item) else x for x in v]
            out[f.name] = v
        return out


@dataclass
class Evidence(Item):
    """Where a metadata value was read: the span of the value as written."""
    field: str = ""


@dataclass
class Measure(Item):
    """A numbered action section. span/surface = the heading as written."""
    ordinal: int = 0
    heading: str = ""
    label: str | None = None          # "一、", "（二）", "1." as written or as Word numbers it
    level: int = 0                    # 0 = top level; nested sections count up
    section_span: tuple[int, int] | None = None  # label + heading + body
    path: str | None = None           # position in the tree: "2" or "2.3" (unit lists continue "2" → "4")
    unit: str | None = None           # the answering unit, on pages where several reply in turn


@dataclass
class Part(Item):
    """One unit's answer on a page where several units answer in turn
    ("（区财政局）…（区行政审批局）…"). span/surface = the unit's name in its marker."""
    unit: str = ""
    section_span: tuple[int, int] = (0, 0)   # marker + the unit's answer, up to the next marker


@dataclass
class Figure(Item):
    value: Decimal = Decimal(0)
    unit: str = ""
    kind: str = ""                    # money | percent | percentage_point | count | amount | multiple | duration
    value_max: Decimal | None = None  # upper end of a range
    qualifier: str | None = None      # approx_more | at_least | at_most | approx | range
    direction: str | None = None      # increase | decrease
    base: str | None = None           # 同比 / 环比 / 比上年 …
    metric: str | None = None
    metric_span: tuple[int, int] | None = None
    period: str | None = None
    region: str | None = None
    in_table: bool = False
    per: str | None = None            # rate denominator: 54人/班 -> 班


@dataclass
class Ranking(Item):
    rank: int | None = None
    top_n: int | None = None
    scope: str = ""
    scope_region: str | None = None   # 全省 in a 慈溪 reply -> 浙江省
    metric: str | None = None
    consecutive_years: int | None = None


@dataclass
class Commitment(Item):
    text: str = ""
    horizon: str | None = None        # 下一步 / 今年 / 近期 / 2023年底前 …
    deadline: str | None = None       # ISO date when stated
    actor: str | None = None
    targets: list[int] = field(default_factory=list)  # indexes into Reply.figures


@dataclass
class Policy(Item):
    name: str = ""
    action: str | None = None         # 制定出台 / 修订 / 完善 / 实施 / 印发 …
    bracketed: bool = True            # cited in 《》 or named without
    canonical_id: str | None = None
    alias: str | None = None          # short name given in the text (以下简称《意见》)
    other_spans: list[list[int]] = field(default_factory=list)  # later mentions of the same name
    issuer: str | None = None         # body written just before the 《》: 国务院办公厅《…》


@dataclass
class Program(Item):
    name: str = ""
    action: str | None = None
    canonical_id: str | None = None
    kind: str | None = None           # the type word after the quotes: 计划 in “上林英才”计划
    other_spans: list[list[int]] = field(default_factory=list)  # later mentions of the same name
    established_by: str | None = None  # the national document behind a gazetteer name


@dataclass
class Mention(Item):
    """An agency or region mentioned in the text, for linking."""
    name: str = ""
    kind: str = ""                    # agency | region
    canonical_id: str | None = None
    adcode: str | None = None


@dataclass
class Meta:
    issuer: str | None = None
    title: str | None = None
    doc_number: str | None = None
    proposal_kind: str | None = None
    proposal_no: str | None = None
    proposers: list[str] = field(default_factory=list)
    proposal_title: str | None = None
    session: dict[str, Any] = field(default_factory=dict)  # body, region, term, meeting
    reply_date: str | None = None
    category: str | None = None
    contact: dict[str, Any] = field(default_factory=dict)  # name, phone
    cc: list[str] = field(default_factory=list)
    signer: str | None = None
    # handling-disclosure pages: the legislator's verdict on the reply (满意 / 基本满意 / 不满意)
    feedback: str | None = None
    # the units named to handle it: {"name", "role"}, role lead (主办/承办, the first of
    # several), assisting (协办/会办) or separate (分办: each answers its own part)
    units: list[dict[str, str]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence"] = [e.to_dict() for e in self.evidence]
        return d


@dataclass
class Reply:
    doc_id: str
    text: str
    source: dict[str, Any] = field(default_factory=dict)   # path, format, encoding, part
    blocks: list[dict] = field(default_factory=list)
    meta: Meta = field(default_factory=Meta)
    measures: list[Measure] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    rankings: list[Ranking] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)        # answering units' parts, when several
    warnings: list[str] = field(default_factory=list)
    # the reader's map from `text` back to the file as read (reflow.OffsetMap), if any
    offsets: Any = field(default=None, repr=False, compare=False)

    ITEM_LISTS = ("measures", "figures", "rankings", "commitments", "policies", "programs", "mentions")

    def items(self):
        """Every spanned item, metadata evidence included, as (list name, item)."""
        for e in self.meta.evidence:
            yield "meta", e
        for name in self.ITEM_LISTS:
            for it in getattr(self, name):
                yield name, it
        for it in self.parts:
            yield "parts", it

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of `text` as a span of the file's text as read: they differ
        when reading joined broken lines or normalised newlines
        (`source.reflowed`, `source.offset_map`)."""
        return self.offsets.original_span(start, end) if self.offsets else (start, end)

    def check_spans(self) -> list[str]:
        """Descriptions of items whose surface is not text[span]; empty when all agree."""
        bad = []
        for name, it in self.items():
            s, e = it.span
            if not (0 <= s <= e <= len(self.text)) or self.text[s:e] != it.surface:
                bad.append(f"{name}: {it.surface!r} at {list(it.span)}")
        return bad

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "doc_id": self.doc_id,
            "source": self.source,
            "text": self.text,
            "blocks": self.blocks,
            "meta": self.meta.to_dict(),
        }
        for name in self.ITEM_LISTS:
            d[name] = [it.to_dict() for it in getattr(self, name)]
        d["parts"] = [it.to_dict() for it in self.parts]
        d["warnings"] = list(self.warnings)
        return d
