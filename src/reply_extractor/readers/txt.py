"""Plain-text replies: detect the encoding, never assume it.

Order of attempts (first plausible one wins):
  1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32);
  2. UTF-16 without a BOM, recognised by NUL bytes sitting on one byte parity;
  3. strict UTF-8 (ASCII included);
  4. strict GB18030 (superset of GBK/GB2312), kept only if the ideographs are
     mostly common simplified ones: GB18030 decodes almost any byte string, so a
     Big5 file would otherwise come out as rare characters and kana;
  5. strict Big5 (cp950);
  6. charset-normalizer's best guess, then GB18030 as a last lenient try.
Statistical detectors alone are unreliable on short Chinese texts, hence the
strict attempts first and the detector only as a fallback.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from ..document import Document
from . import ReadError

# C0 controls that never occur in text; \t \n \r \f \v are fine, and \x1a is the
# old DOS end-of-file mark (stripped at the end).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Newline variants, all made "\n" (form feed = page break = a new line).
_NEWLINES = (("\r\n", "\n"), ("\r", "\n"), ("\u2028", "\n"), ("\u2029", "\n"),
             ("\x85", "\n"), ("\f", "\n"), ("\v", "\n"))


def read_txt(path: Path, data: bytes) -> Document:
    """The decoded text with its newlines normalised and lines broken inside a
    sentence or a number joined (reflow.py); `doc.original_span` maps back."""
    text, encoding = decode_text(path, data)
    return Document.from_broken_text(text.rstrip("\x1a"), source=path, format="txt", encoding=encoding)


def normalize_newlines(text: str) -> str:
    for old, new in _NEWLINES:
        text = text.replace(old, new)
    return text.rstrip("\x1a")


def decode_text(path: Path | str, data: bytes) -> tuple[str, str]:
    """(text, encoding name) of `data`, or ReadError(kind "binary"/"encoding")."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise ReadError(path, "encoding", f"starts with a {name} byte-order mark "
                                f"but is not valid {name}: {e.reason}") from e
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if b"\x00" not in data.rstrip(b"\x00"):
        data = data.rstrip(b"\x00")  # NUL padding some tools leave at the end
    if b"\x00" in data or _control_share(data) > 0.01:
        raise ReadError(path, "binary", "binary data, not text (contains NUL or control "
                        "bytes)")
    # Strict UTF-8 success on Chinese bytes is strong evidence on its own.
    for name, plausible in (("utf-8", _mostly_clean), ("gb18030", _plausible_simplified),
                            ("cp950", _plausible_any)):
        text = _strict(data, name)
        if text is not None and plausible(text):
            return text, "big5" if name == "cp950" else name
    # UTF-8 but for a stray broken byte or two (a damaged copy): keep it, with
    # U+FFFD where the damage is, rather than reading it all as GB18030.
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    if damaged <= max(2, len(text) // 1000) and _mostly_clean(text.replace("\ufffd", "")):
        return text, "utf-8"
    guess = _detector_guess(data)
    if guess:
        return guess
    text = _strict(data, "gb18030")
    if text is not None and _bad_share(text) < 0.01:
        return text, "gb18030"
    raise ReadError(path, "encoding", "cannot decode the text: not UTF-8, GB18030/GBK, "
                    "Big5 or UTF-16, and no other encoding fits")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text has NUL bytes (ASCII characters, and ideographs like 一
    U+4E00): try both byte orders and keep one that reads as a Chinese text.
    Binary data with NULs reads as noise of rare characters either way."""
    if len(data) < 2 or len(data) % 2 or b"\x00" not in data:
        return None
    best = None
    for name in ("utf-16-le", "utf-16-be"):
        text = _strict(data, name)
        if text is not None and _bad_share(text) < 0.01:
            score = _familiar_share(text)
            if best is None or score > best[0]:
                best = (score, text, name)
    return (best[1], best[2]) if best and best[0] > 0.9 else None


def _familiar_share(text: str) -> float:
    """Share of characters a Chinese reply is made of: ASCII, common ideographs,
    usual punctuation and symbols."""
    ok = sum(1 for c in text if c < "\x80" and not _is_bad(c) or _usual_symbol(c)
             or _is_hanzi(c) and _in_gb2312(c))
    return ok / max(len(text), 1)


def _control_share(data: bytes) -> float:
    return sum(1 for b in data if b in _CONTROL) / max(len(data), 1)


def _is_bad(ch: str) -> bool:
    """Characters that do not occur in a reply: controls, private use, the
    replacement character, surrogates, unassigned noise."""
    o = ord(ch)
    return (o in _CONTROL or 0x7F <= o < 0xA0 or 0xE000 <= o <= 0xF8FF
            or 0xD800 <= o <= 0xDFFF or o in (0xFFFD, 0xFFFE, 0xFFFF)
            or 0xF0000 <= o)


def _bad_share(text: str) -> float:
    return sum(map(_is_bad, text)) / max(len(text), 1)


def _is_hanzi(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF


def _mostly_clean(text: str) -> bool:
    return _bad_share(text) < 0.01


def _plausible_any(text: str) -> bool:
    return _bad_share(text) == 0


def _plausible_simplified(text: str) -> bool:
    """GB18030 read of a GB text: common (GB2312) ideographs dominate, and no
    kana/Cyrillic/box-drawing noise, which is what Big5 bytes become in GBK."""
    if not _plausible_any(text):
        return False
    hanzi = [c for c in text if _is_hanzi(c)]
    odd = sum(1 for c in text if ord(c) >= 0x80 and not _is_hanzi(c) and not _usual_symbol(c))
    if odd > 0.02 * len(text):
        return False
    if not hanzi:
        return True
    common = sum(1 for c in hanzi if _in_gb2312(c))
    return common >= 0.85 * len(hanzi)


def _usual_symbol(ch: str) -> bool:
    o = ord(ch)
    return (0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F
            or 0x2460 <= o <= 0x24FF or 0x2150 <= o <= 0x218F or 0x00A0 <= o <= 0x00FF
            or 0x2100 <= o <= 0x214F or 0x2190 <= o <= 0x22FF or 0x25A0 <= o <= 0x25FF
            or 0x2600 <= o <= 0x26FF or 0x3200 <= o <= 0x33FF or o in (0x2014, 0x2026)
            or 0x0391 <= o <= 0x03C9)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _detector_guess(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # the strict attempts above are enough on their own
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if _bad_share(text) >= 0.01:
        return None
    return text, best.encoding
