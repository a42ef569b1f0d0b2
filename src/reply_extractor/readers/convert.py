"""Word 97–2003 .doc and WPS Office .wps, read through a maintained converter.

LibreOffice (headless) turns the file into a .docx, so the .docx reader
(auto-numbering, tables, page headers) does the rest. Where LibreOffice is
missing, antiword reads a .doc's text (no auto-numbers). Without either the
error names the Debian package to install.

Every converter runs in a fresh temporary folder with its own LibreOffice
profile (so it never touches, or waits on, a user's running office), in its
own process group, under a timeout: a hostile or hung file is killed with all
its children and reported as kind `timeout`, and the batch goes on.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..document import Block, Document
from . import ReadError

TIMEOUT_S = float(os.environ.get("REPLY_EXTRACTOR_CONVERT_TIMEOUT", 120))
INSTALL_HINT = ("install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"
                " or, for .doc text only, antiword (apt-get install antiword)")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def soffice() -> str | None:
    """LibreOffice's command, or None. REPLY_EXTRACTOR_SOFFICE overrides it
    (tests point it at a fake converter)."""
    override = os.environ.get("REPLY_EXTRACTOR_SOFFICE")
    if override is not None:
        return override or None
    return shutil.which("soffice") or shutil.which("libreoffice")


def antiword() -> str | None:
    override = os.environ.get("REPLY_EXTRACTOR_ANTIWORD")
    if override is not None:
        return override or None
    return shutil.which("antiword")


def read_word97(path: Path, data: bytes) -> Document:
    """A .doc or .wps file. Files that are something else under that name
    (a .docx, an HTML page saved as .doc) go to their own reader."""
    fmt = path.suffix.lower().lstrip(".") or "doc"
    if data.startswith(b"PK"):
        from .docx import read_docx
        return dataclasses.replace(read_docx(path, data), format=fmt)
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"mime-version")) or b"<html" in head:
        from .html import read_html
        return dataclasses.replace(read_html(path, data), format=fmt)
    office = soffice()
    tool = antiword()
    if office:
        docx_bytes = run_converter(path, data, office)
        from .docx import read_docx
        doc = dataclasses.replace(read_docx(path, docx_bytes), format=fmt)
        doc.converter = "libreoffice"
    elif tool and fmt == "doc" and data.startswith(_OLE2):
        doc = _read_with_antiword(path, data, tool)
    else:
        doc = None
    if doc is not None:
        if not plausible_text(doc.text):
            raise ReadError(path, "corrupt", f"damaged or not a Word/WPS file: {doc.converter} "
                            "read no text from it, only noise")
        return doc
    if fmt == "wps":
        raise ReadError(path, "needs_converter", "no converter for WPS files: install LibreOffice "
                        "(Debian: apt-get install libreoffice-writer-nogui)")
    raise ReadError(path, "needs_converter", f"no converter for Word 97 .doc files: {INSTALL_HINT}")


def plausible_text(text: str) -> bool:
    """Whether `text` reads as a reply at all: a converter given a damaged
    file may import its bytes as text, which comes out as rare characters
    (Hangul, private use, symbols) instead of Chinese, Latin and punctuation."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return True
    usual = sum(1 for c in chars if c.isascii() or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
                or "\uff00" <= c <= "\uffef" or "\u2000" <= c <= "\u206f" or "\u2460" <= c <= "\u24ff")
    return usual >= 0.9 * len(chars)


def run_converter(path: Path, data: bytes, office: str, timeout: float | None = None) -> bytes:
    """The .docx bytes LibreOffice makes of `data`, converted in a throw-away
    folder and profile; killed (with its process group) at the timeout."""
    timeout = TIMEOUT_S if timeout is None else timeout
    with tempfile.TemporaryDirectory(prefix="rx-convert-") as tmp:
        tmp = Path(tmp)
        src = tmp / f"input{path.suffix.lower() or '.doc'}"
        src.write_bytes(data)
        outdir = tmp / "out"
        cmd = [office, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", "docx", "--outdir", str(outdir), str(src)]
        stdout, _ = run_killable(cmd, path, timeout, "LibreOffice")
        produced = outdir / "input.docx"
        if not produced.exists():
            said = stdout.decode("utf-8", "replace").strip().splitlines()
            raise ReadError(path, "corrupt", "LibreOffice could not convert the file"
                            + (f" ({said[-1]})" if said else ""))
        return produced.read_bytes()


def run_killable(cmd: list[str], path: Path, timeout: float, label: str) -> tuple[bytes, int]:
    """(stdout with stderr, exit code) of `cmd` run in its own process group;
    the whole group is killed when `timeout` seconds pass."""
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True)
    except OSError as e:
        raise ReadError(path, "needs_converter", f"cannot run {label} ({cmd[0]}): {e.strerror or e}") from e
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise ReadError(path, "timeout", f"{label} did not finish within {timeout:g} s; "
                        "the conversion was stopped") from None
    except BaseException:
        _kill_group(proc)
        raise
    return out, proc.returncode


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def _read_with_antiword(path: Path, data: bytes, tool: str) -> Document:
    """antiword's text: one line per paragraph (-w 0), tables as |cell|cell| rows."""
    with tempfile.TemporaryDirectory(prefix="rx-antiword-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        out, code = run_killable([tool, "-m", "UTF-8.txt", "-w", "0", str(src)], path,
                                 TIMEOUT_S, "antiword")
    if code != 0:
        said = out.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(path, "corrupt", "antiword could not read the file"
                        + (f" ({said[-1]})" if said else ""))
    lines, kinds = [], []
    for line in out.decode("utf-8", "replace").replace("\r", "").split("\n"):
        line = line.rstrip()
        if not line.strip():
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 2:
            lines.append("\t".join(cell.strip() for cell in line[1:-1].split("|")))
            kinds.append("table_row")
        else:
            lines.append(line.strip(" "))
            kinds.append("paragraph")
    blocks, pos = [], 0
    for line, kind in zip(lines, kinds):
        blocks.append(Block(kind, pos, pos + len(line)))
        pos += len(line) + 1
    doc = Document("\n".join(lines), blocks, source=path, format="doc")
    doc.converter = "antiword"
    return doc
