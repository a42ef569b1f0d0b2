"""Split a file that holds several replies into one Document per reply."""
from __future__ import annotations

from .document import Document


def split_replies(doc: Document) -> list[Document]:
    return [doc]
