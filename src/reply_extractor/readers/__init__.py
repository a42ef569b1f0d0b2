"""Readers turn a file into a Document. `read(path)` picks one by extension."""
from __future__ import annotations

from pathlib import Path

from ..document import Document


class ReadError(Exception):
    """A file that cannot be read as a reply. `kind` is a short machine label
    (unsupported, empty, corrupt, encoding, binary, io); str() names file and reason."""

    def __init__(self, path: Path | str, kind: str, reason: str):
        self.path, self.kind, self.reason = Path(path), kind, reason
        super().__init__(f"{path}: {reason}")


SUPPORTED = (".txt", ".docx", ".html", ".htm")


def read(path: Path | str) -> Document:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(path, "unsupported", f"unsupported file type {suffix or '(none)'!r}; "
                        f"expected one of {', '.join(SUPPORTED)}")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(path, "io", f"cannot read file: {e.strerror or e}") from e
    if not data.strip():
        raise ReadError(path, "empty", "file is empty")
    try:
        doc = _READERS[suffix](path, data)
    except ReadError:
        raise
    except Exception as e:  # a reader bug or an input nobody foresaw: still a clean error
        raise ReadError(path, "corrupt", f"cannot read this {suffix} file: "
                        f"{type(e).__name__}: {e}") from e
    if not doc.text.strip():
        raise ReadError(path, "empty", "no text in the file")
    return doc


def _read_txt(path: Path, data: bytes) -> Document:
    if data.startswith(b"PK\x03\x04"):
        raise ReadError(path, "binary", "a zip archive (perhaps a .docx) named .txt")
    from .txt import read_txt
    return read_txt(path, data)


def _read_docx(path: Path, data: bytes) -> Document:
    from .docx import read_docx
    return read_docx(path, data)


def _read_html(path: Path, data: bytes) -> Document:
    from .html import read_html
    return read_html(path, data)


_READERS = {".txt": _read_txt, ".docx": _read_docx, ".html": _read_html, ".htm": _read_html}
