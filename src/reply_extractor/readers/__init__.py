"""Readers turn a file into a Document. `read(path)` picks one by extension."""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..document import Document


class ReadError(Exception):
    """A file that cannot be read as a reply. `kind` is a short machine label
    (unsupported, empty, too_large, corrupt, encoding, binary, io, internal);
    str() names file and reason."""

    def __init__(self, path: Path | str, kind: str, reason: str):
        self.path, self.kind, self.reason = Path(path), kind, reason
        super().__init__(f"{path}: {reason}")


SUPPORTED = (".txt", ".docx", ".html", ".htm")
# A reply is a few pages; anything this big is not one (and would only exhaust memory).
MAX_BYTES = 50 * 1024 * 1024
# Budget: characters of text per file. Extraction is linear, but a 20 MB text
# dump would still take minutes; a long page of replies is far below this.
MAX_CHARS = 400_000
# What a damaged file makes the parsers raise; anything else is a reader bug.
DAMAGED_FILE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, etree.LxmlError, KeyError,
                       ValueError, UnicodeError)


def read(path: Path | str) -> Document:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(path, "unsupported", f"unsupported file type {suffix or '(none)'!r}; "
                        f"expected one of {', '.join(SUPPORTED)}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(path, "too_large", f"file is {size / 2**20:.0f} MiB; a reply is at most "
                            f"{MAX_BYTES // 2**20} MiB")
        if suffix == ".txt" and size > 4 * MAX_CHARS:  # 4 bytes a character at most
            raise ReadError(path, "too_large", f"file is {size / 2**20:.0f} MiB of text; a file of "
                            f"replies holds at most {MAX_CHARS:,} characters")
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(path, "io", f"cannot read file: {e.strerror or e}") from e
    if not data.strip():
        raise ReadError(path, "empty", "file is empty")
    try:
        doc = _READERS[suffix](path, data)
    except ReadError:
        raise
    except DAMAGED_FILE_ERRORS as e:
        raise ReadError(path, "corrupt", f"damaged {suffix} file: {type(e).__name__}: {e}") from e
    except Exception as e:  # a reader bug: still a clean error, but not blamed on the file
        raise ReadError(path, "internal", f"the {suffix} reader failed on this file "
                        f"({type(e).__name__}: {e}); please report it") from e
    if not doc.text.strip():
        raise ReadError(path, "empty", "no text in the file")
    if len(doc.text) > MAX_CHARS:
        raise ReadError(path, "too_large", f"{len(doc.text):,} characters of text; a file of "
                        f"replies holds at most {MAX_CHARS:,}")
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
