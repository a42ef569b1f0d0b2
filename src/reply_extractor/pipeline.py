"""readers -> Document -> extractors -> Reply. The whole pipeline in one place."""
from __future__ import annotations

import os
from pathlib import Path

from . import readers
from .document import Document
from .extractors import (commitments, figures, measures, mentions, meta, policies,
                         programs, rankings)
from .record import Reply
from .split import split_replies


def _as_document(source: str | os.PathLike | Document) -> Document:
    if isinstance(source, Document):
        return source
    if isinstance(source, os.PathLike):
        return readers.read(Path(source))
    if isinstance(source, str) and _names_a_file(source):
        return readers.read(Path(source))
    return Document.from_text(str(source))


def _names_a_file(s: str) -> bool:
    """A one-line string with a reply file's extension that exists: a path, not text."""
    if "\n" in s or Path(s).suffix.lower() not in readers.SUPPORTED:
        return False
    try:
        return Path(s).is_file()
    except OSError:  # too long for a file name: text after all
        return False


def extract_document(doc: Document, doc_id: str | None = None, part: int | None = None) -> Reply:
    """Run every extractor over one reply's document."""
    reply = Reply(doc_id=doc_id or doc.doc_id, text=doc.text)
    reply.source = {"path": str(doc.source) if doc.source else None,
                    "format": doc.format, "encoding": doc.encoding}
    if part is not None:
        reply.source["part"] = part
    reply.blocks = [b.to_dict() for b in doc.blocks]
    reply.meta = meta.extract(doc, reply)
    reply.measures = measures.extract(doc, reply)
    reply.figures = figures.extract(doc, reply)
    reply.rankings = rankings.extract(doc, reply)
    reply.commitments = commitments.extract(doc, reply)
    reply.policies = policies.extract(doc, reply)
    reply.programs = programs.extract(doc, reply)
    reply.mentions = mentions.extract(doc, reply)
    figures.attach_regions(reply)
    _keep_within_budget(reply)
    return reply


# Budget: items kept per kind in one reply. A real reply has a few hundred at
# most; a table dump or a generated page can have 10^5, whose record (and index
# rows, and links) would dwarf everything else. The record says when it was hit.
MAX_ITEMS = 2000
ITEM_KINDS = ("measures", "figures", "rankings", "commitments", "policies", "programs", "mentions")


def _keep_within_budget(reply: Reply, limit: int | None = None) -> None:
    limit = limit or MAX_ITEMS
    for kind in ITEM_KINDS:
        items = getattr(reply, kind)
        if len(items) > limit:
            reply.warnings.append(f"{len(items)} {kind} found; kept the first {limit} "
                                  "(the per-reply limit)")
            setattr(reply, kind, items[:limit])
        for item in getattr(reply, kind):
            others = getattr(item, "other_spans", None)
            if others and len(others) > limit:
                item.other_spans = others[:limit]
    n_figures = len(reply.figures)
    for c in reply.commitments:  # targets index the figures kept
        if any(t >= n_figures for t in c.targets):
            c.targets = [t for t in c.targets if t < n_figures]


def extract_all(source: str | os.PathLike | Document) -> list[Reply]:
    """Every reply in a file: usually one; a page listing several yields one each,
    with doc_id `<stem>-<n>`."""
    doc = _as_document(source)
    parts = split_replies(doc)
    if len(parts) == 1:
        return [extract_document(parts[0], doc.doc_id)]
    return [extract_document(p, f"{doc.doc_id}-{i}", part=i) for i, p in enumerate(parts, 1)]


def extract(source: str | os.PathLike | Document) -> Reply:
    """The record of a reply given as a path, a Document or the text itself.

    A file holding several replies gives the first here; use `extract_all`.
    """
    return extract_all(source)[0]
