"""Plain-text replies (temporary UTF-8 only reader; replaced by the encoding-detecting one)."""
from __future__ import annotations

from pathlib import Path

from ..document import Document
from . import ReadError


def read_txt(path: Path, data: bytes) -> Document:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadError(path, "encoding", f"not UTF-8 text: {e}") from e
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document.from_text(text, source=path, format="txt", encoding="utf-8")
