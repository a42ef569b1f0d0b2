"""Readers turn a file into a Document. `read(path)` picks one by extension."""
from __future__ import annotations

from pathlib import Path

from ..document import Document


class ReadError(Exception):
    """A file that cannot be read as a reply. `kind` is a short machine label
    (unsupported, empty, corrupt, encoding, io); str() names file and reason."""

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
    if suffix == ".txt":
        from .txt import read_txt
        return read_txt(path, data)
    if suffix == ".docx":
        from .docx import read_docx
        return read_docx(path, data)
    from .html import read_html
    return read_html(path, data)
