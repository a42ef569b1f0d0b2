"""The document model every reader produces and every extractor reads.

A `Document` is one plain string (`text`) plus the `blocks` it was built from,
each block knowing its character offsets into `text`. Extractors only ever see
`text` and `blocks`, never XML or HTML, so spans are always offsets into the
exact string stored in the record.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .textutil import fold, folded

if TYPE_CHECKING:
    from .reflow import OffsetMap


@dataclass(frozen=True)
class Block:
    """A paragraph-like unit of the document.

    kind: "paragraph", "list_item" (Word auto-numbered), "table_row",
          "header" or "footer".
    label: the rendered number of an auto-numbered paragraph ("一、", "（1）"),
           already part of `text` at [start, start + len(label)); else None.
    level: list nesting level (0 = top) for auto-numbered paragraphs, else None.
    """

    kind: str
    start: int
    end: int
    label: str | None = None
    level: int | None = None
    style: str | None = None

    def to_dict(self) -> dict:
        d = {"kind": self.kind, "span": [self.start, self.end]}
        if self.label is not None:
            d["label"] = self.label
        if self.level is not None:
            d["level"] = self.level
        if self.style:
            d["style"] = self.style
        return d


@dataclass
class Document:
    text: str
    blocks: list[Block] = field(default_factory=list)
    source: Path | None = None
    format: str = "text"  # "txt" | "docx" | "html" | "text" (a string passed in)
    encoding: str | None = None
    # where `text` came from in the file as read, when reading changed it (line
    # breaks joined by reflow, CRLF made LF); None: offsets are the file's own
    offsets: "OffsetMap | None" = None
    # (text, fold(text)) of the last `folded` call; recomputed if `text` is replaced
    _fold_cache: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def folded(self) -> str:
        """textutil.fold(text): half-width, same length as `text`, computed once.
        Read it instead of folding the whole text again; `text` itself is never changed."""
        cache = self._fold_cache
        if cache is None or cache[0] is not self.text:
            cache = self._fold_cache = (self.text, folded(self.text))  # shared with layout's
        return cache[1]

    @property
    def reflowed(self) -> bool:
        """Whether reading joined lines broken inside sentences (see reflow.py)."""
        return bool(self.offsets and self.offsets.joins)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span [start, end) of `text` as a span of the file's text as read
        (decoded, before newlines were normalised and broken lines joined)."""
        if self.offsets is None:
            return start, end
        return self.offsets.original_span(start, end)

    @property
    def doc_id(self) -> str:
        return self.source.stem if self.source else "text"

    @classmethod
    def from_lines(cls, lines: list[str], **kw) -> "Document":
        """Join lines with newlines and make one paragraph block per line."""
        blocks, pos = [], 0
        for i, line in enumerate(lines):
            if line.strip():
                blocks.append(Block("paragraph", pos, pos + len(line)))
            pos += len(line) + (1 if i < len(lines) - 1 else 0)
        return cls("\n".join(lines), blocks, **kw)

    @classmethod
    def from_text(cls, text: str, **kw) -> "Document":
        return cls.from_lines(text.split("\n"), **kw)

    @classmethod
    def from_broken_text(cls, text: str, **kw) -> "Document":
        """A Document of text whose lines may break inside sentences and numbers
        (crawler output, a PDF's page-width lines): reflowed (reflow.py), with
        the map from its `text` back to `text` as given."""
        from .reflow import reflow
        joined, offsets = reflow(text)
        return cls.from_text(joined, offsets=None if offsets.identity else offsets, **kw)
