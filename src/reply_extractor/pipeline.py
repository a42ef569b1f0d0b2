"""readers -> Document -> extractors -> Reply. The whole pipeline in one place."""
from __future__ import annotations

import os
import re
from pathlib import Path

from . import layout, readers
from .document import Document
from .extractors import (commitments, figures, measures, mentions, meta, policies,
                         programs, rankings)
from .record import Reply
from .split import split_replies


NOT_A_REPLY = "not_a_reply"
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}")
_SENTENCE_MARKS = re.compile(r"[。，；！？、]")
_META_SIGNS = ("issuer", "title", "doc_number", "proposal_no", "proposal_title", "reply_date")
_ITEM_SIGNS = ("measures", "figures", "rankings", "commitments", "policies", "programs")


def _as_document(source: str | os.PathLike | Document) -> Document:
    """The Document of a path, a Document, or (for callers written before
    `extract_text`) a string that is plainly text rather than a file name."""
    if isinstance(source, Document):
        return source
    if isinstance(source, str) and not source.strip():
        raise ValueError("nothing to extract: an empty string (give a path, or the reply's text "
                         "to extract_text)")
    if isinstance(source, str) and not _looks_like_path(source):
        return Document.from_text(source)
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"expected a path or a Document, not {type(source).__name__} "
                        "(text goes to extract_text)")
    path = Path(source)
    if path.is_dir():
        raise IsADirectoryError(f"{path}: is a folder; extract reads one file "
                                "(`reply-extractor batch FOLDER --out OUT` reads a folder)")
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file (to extract text, use extract_text)")
    return readers.read(path)


def _looks_like_path(s: str) -> bool:
    """One short line with a file extension or a folder separator: a path
    (even a mistyped one), not a reply's text."""
    if "\n" in s or len(s) > 4096 or _SENTENCE_MARKS.search(s):
        return False
    try:
        return bool(_EXTENSION.fullmatch(Path(s).suffix)) or "/" in s or "\\" in s or Path(s).exists()
    except (OSError, ValueError):
        return False


def has_reply_content(reply: Reply) -> bool:
    """Whether anything of a reply was found: a letterhead field, a number, a
    measure, a figure, a commitment, a policy or a programme."""
    meta = reply.meta
    return (any(getattr(meta, f) for f in _META_SIGNS) or bool(meta.session)
            or any(getattr(reply, name) for name in _ITEM_SIGNS))


def is_not_a_reply(record: dict) -> bool:
    """Whether a record (Reply.to_dict()) carries the not_a_reply warning: the
    input held no reply content. `batch` counts such records apart."""
    return any(str(w).startswith(NOT_A_REPLY + ":") for w in record.get("warnings") or [])


def extract_document(doc: Document, doc_id: str | None = None, part: int | None = None) -> Reply:
    """Run every extractor over one reply's document."""
    reply = Reply(doc_id=doc_id or doc.doc_id, text=doc.text)
    reply.source = {"path": str(doc.source) if doc.source else None,
                    "format": doc.format, "encoding": doc.encoding}
    if part is not None:
        reply.source["part"] = part
    if doc.offsets is not None:   # text differs from the file as read: say how
        reply.source["reflowed"] = doc.reflowed
        reply.source["offset_map"] = doc.offsets.to_list()
        reply.offsets = doc.offsets
    reply.blocks = [b.to_dict() for b in doc.blocks]
    reply.meta = meta.extract(doc, reply)
    reply.measures = measures.extract(doc, reply)
    reply.parts = measures.parts(doc, reply)
    reply.figures = figures.extract(doc, reply)
    reply.rankings = rankings.extract(doc, reply)
    reply.commitments = commitments.extract(doc, reply)
    reply.policies = policies.extract(doc, reply)
    reply.programs = programs.extract(doc, reply)
    reply.mentions = mentions.extract(doc, reply)
    _drop_the_suggestions_own(doc, reply)
    figures.attach_regions(reply)
    _keep_within_budget(reply)
    if not has_reply_content(reply):
        reply.warnings.append(f"{NOT_A_REPLY}: no reply content found (no letterhead, title, proposal, "
                              "date, numbered measure, figure, commitment, policy or programme)")
    return reply


def _drop_the_suggestions_own(doc: Document, reply: Reply) -> None:
    """Items read in the suggestion's text shown above the reply (建议内容：…)
    are the proposer's: dropped, or kept at a later mention in the reply."""
    zone = layout.restated_suggestion(doc.text)
    if zone is None:
        return

    def outside(span) -> bool:
        return not zone[0] <= span[0] < zone[1]

    renumber = {old: new for new, old in enumerate(i for i, f in enumerate(reply.figures) if outside(f.span))}
    for kind in ("measures", "figures", "rankings", "commitments", "policies", "programs"):
        setattr(reply, kind, [item for item in getattr(reply, kind) if _moved_out(item, outside, doc.text)])
    for c in reply.commitments:  # targets index the figures kept
        c.targets = [renumber[t] for t in c.targets if t in renumber]


def _moved_out(item, outside, text: str) -> bool:
    """Whether `item` has a mention outside the zone; the first such becomes its span."""
    later = [s for s in getattr(item, "other_spans", ()) if outside(s)]
    if not outside(item.span):
        if not later:
            return False
        item.span, item.surface = tuple(later[0]), text[later[0][0]:later[0][1]]
        later = later[1:]
    if hasattr(item, "other_spans"):
        item.other_spans = later
    return True


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


def part_id(doc_id: str, n: int) -> str:
    """The id of a file's n-th reply (from 1): the file's own id for the first."""
    return doc_id if n == 1 else f"{doc_id}-{n}"


def extract_all(source: str | os.PathLike | Document) -> list[Reply]:
    """Every reply in a file: usually one; a page listing several yields one each,
    the first with the file's doc_id (`<stem>`: whoever looks a file up by its
    stem finds its first reply), the next ones `<stem>-2`, `<stem>-3` ….
    FileNotFoundError for a missing path."""
    doc = _as_document(source)
    parts = split_replies(doc)
    if len(parts) == 1:
        replies = [extract_document(parts[0], doc.doc_id)]
    else:
        replies = [extract_document(p, part_id(doc.doc_id, i), part=i) for i, p in enumerate(parts, 1)]
    for reply in replies:  # the converter or OCR the file went through, said of every part
        reply.source.update(readers.source_details(doc))
    return replies


def extract(source: str | os.PathLike | Document) -> Reply:
    """The record of the reply in a file (a path) or a Document.

    A missing path raises FileNotFoundError and a folder IsADirectoryError;
    text goes to `extract_text`. A file holding several replies gives the
    first here; use `extract_all`.
    """
    return extract_all(source)[0]


def extract_text(text: str, doc_id: str | None = None) -> Reply:
    """The record of a reply given as its text. Text with no reply content (an
    empty string, an English note) gives a record with a `not_a_reply` warning."""
    if not isinstance(text, str):
        raise TypeError(f"extract_text takes the text itself, not {type(text).__name__}")
    doc = Document.from_text(text)
    return extract_document(split_replies(doc)[0] if text.strip() else doc, doc_id or doc.doc_id)
