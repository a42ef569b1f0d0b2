"""Readers turn a file into a Document. `read(path)` picks one by extension;
`read_bytes(data, name_hint)` reads bytes (standard input, an archive member),
by the hint's extension or else by what the bytes look like."""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..document import Document


class ReadError(Exception):
    """A file that cannot be read as a reply. `kind` is a short machine label
    (unsupported, empty, too_large, corrupt, encrypted, encoding, binary, io,
    needs_converter, needs_ocr, timeout, internal);
    str() names file and reason."""

    def __init__(self, path: Path | str, kind: str, reason: str):
        self.path, self.kind, self.reason = Path(path), kind, reason
        super().__init__(f"{path}: {reason}")


SUPPORTED = (".txt", ".docx", ".html", ".htm", ".doc", ".wps", ".pdf", ".png", ".jpg", ".jpeg",
             ".tif", ".tiff")
IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
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
    return _read_data(path, data, suffix)


def read_bytes(data: bytes, name_hint: str | Path | None = None) -> Document:
    """The Document of a reply given as bytes. `name_hint` (a file name) gives
    the format by its extension and becomes the source; without a supported
    extension the format is sniffed from the bytes."""
    path = Path(name_hint) if name_hint else None
    suffix = path.suffix.lower() if path else ""
    if suffix not in SUPPORTED:
        suffix = sniff(data)
        if suffix not in SUPPORTED:
            where = path or Path("<stdin>")
            raise ReadError(where, "unsupported", f"a {suffix.lstrip('.')} archive, not a reply; "
                            "give it to `batch`, which reads the replies inside")
    path = path or Path(f"stdin{suffix}")
    if len(data) > MAX_BYTES:
        raise ReadError(path, "too_large", f"{len(data) / 2**20:.0f} MiB; a reply is at most "
                        f"{MAX_BYTES // 2**20} MiB")
    return _read_data(path, data, suffix)


def sniff(data: bytes) -> str:
    """The file extension `data` looks like: .pdf .docx .doc (Word 97/WPS, both
    OLE2) .png .jpg .tif .html, archives .zip .rar .7z, else .txt."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else ".zip"
    for magic, suffix in ((_OLE2, ".doc"), (b"{\\rtf", ".doc"), (b"\x89PNG", ".png"),
                          (b"\xff\xd8\xff", ".jpg"), (b"II*\x00", ".tif"), (b"MM\x00*", ".tif"),
                          (b"Rar!\x1a\x07", ".rar"), (b"7z\xbc\xaf\x27\x1c", ".7z")):
        if head.startswith(magic):
            return suffix
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered[:1024]:
        return ".html"
    return ".txt"


def _read_data(path: Path, data: bytes, suffix: str) -> Document:
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


def source_details(doc: Document) -> dict:
    """What the record's `source` should say beyond path, format and encoding:
    the converter a .doc/.wps went through, and for OCR the engine and mean
    confidence. (Readers set these as attributes of the Document.)"""
    details = {}
    if getattr(doc, "converter", None):
        details["converter"] = doc.converter
    if getattr(doc, "ocr", None):
        details["ocr"] = dict(doc.ocr)
    return details


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


def _read_word97(path: Path, data: bytes) -> Document:
    from .convert import read_word97
    return read_word97(path, data)


def _read_pdf(path: Path, data: bytes) -> Document:
    from .pdf import read_pdf
    return read_pdf(path, data)


def _read_image(path: Path, data: bytes) -> Document:
    from .ocr import read_image
    return read_image(path, data)


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_READERS = {".txt": _read_txt, ".docx": _read_docx, ".html": _read_html, ".htm": _read_html,
            ".doc": _read_word97, ".wps": _read_word97, ".pdf": _read_pdf,
            **{suffix: _read_image for suffix in IMAGES}}
