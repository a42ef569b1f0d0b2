"""Records as JSON files: atomic writes and reading a batch output folder back."""
from __future__ import annotations

import errno
import functools
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Iterator


def describe_os_error(path, e: OSError) -> str:
    """One line naming the path and saying, in words, why it cannot be written or read."""
    path = e.filename if getattr(e, "filename", None) else path
    reasons = {errno.ENOSPC: "no space left on the device; free some and run again "
                             "(`batch --resume` goes on where it stopped)",
               errno.EDQUOT: "disk quota exceeded",
               errno.EROFS: "the file system is read-only",
               errno.EACCES: "permission denied", errno.EPERM: "permission denied",
               errno.ENOTDIR: "a file is in the way (a folder was expected there)",
               errno.EEXIST: "a file is in the way (a folder was expected there)",
               errno.EISDIR: "is a folder (a file was expected)",
               errno.ENOENT: "no such file or folder",
               errno.ENAMETOOLONG: "the name is too long"}
    return f"{path}: {reasons.get(e.errno, e.strerror or str(e))}"


def dumps(obj, pretty: bool = False) -> str:
    """`obj` as json.dumps writes it (ensure_ascii=False; indent=2 when pretty)."""
    if pretty:
        fast = _pretty_bytes(obj)
        if fast is not None:
            return fast.decode("utf-8")
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None)


# How json writes the floats orjson writes otherwise (1e-05, 1e+16) and NaN,
# Infinity: a JSON text without a match holds none of them (a match inside a
# string only costs the slower encoder).
ODD_NUMBER = re.compile(r"\d[eE][-+]?\d|NaN|Infinity")
_ODD_FORMS = bytes(ord("0") if chr(b).isdigit() and b < 128 else ord("e") if chr(b) in "eE"
                   else ord("+") if chr(b) in "+-" else ord(" ") for b in range(256))


def has_odd_number(raw: bytes) -> bool:
    """Whether a JSON text (as UTF-8 bytes) may hold what ODD_NUMBER finds:
    the same test, by a byte translation and substring searches (a regex
    tried at every position of a record costs more than parsing it)."""
    if b"NaN" in raw or b"Infinity" in raw:
        return True
    forms = raw.translate(_ODD_FORMS)
    return b"0e0" in forms or b"0e+0" in forms




def _pretty_bytes(obj, odd_floats: bool = True) -> bytes | None:
    """json.dumps(obj, ensure_ascii=False, indent=2) written by orjson (json's
    indented encoder is pure Python, ~30x slower), or None where orjson would
    write other bytes: floats that Python writes with an exponent (1e-05;
    orjson writes 0.00001), NaN and infinities, and what orjson refuses (ints
    past 64 bits, keys that are not strings). `odd_floats=False`: the caller
    knows there are none (the object was read from a text ODD_NUMBER does not
    match), which saves walking it."""
    try:
        import orjson
    except ImportError:
        return None
    if odd_floats and _has_odd_float(obj):
        return None
    try:
        return orjson.dumps(obj, option=orjson.OPT_INDENT_2)
    except TypeError:
        return None


def _has_odd_float(x) -> bool:
    t = type(x)
    if t is dict:
        return any(map(_has_odd_float, x.values()))
    if t is list or t is tuple:
        return any(map(_has_odd_float, x))
    if t is float:
        return not (x == 0 or 1e-4 <= abs(x) < 1e16)  # NaN fails both comparisons
    return False


def _file_mode() -> int:
    """What open() would give a new file: 0666 less the umask (mkstemp gives 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def write_atomic(path: Path, content: str | bytes | Iterable[bytes], durable: bool = True) -> None:
    """Write to a temporary file beside `path`, then rename over it: a reader
    never sees half a file, and a crash leaves the old file in place.
    `durable=False` skips the fsyncs (for data derived again on the next run,
    rewritten by the thousand)."""
    tmp = write_temporary(path, content, durable)
    try:
        publish(tmp, path, durable)
    except BaseException:
        discard(tmp)
        raise


def write_temporary(path: Path, content: str | bytes | Iterable[bytes], durable: bool = True) -> str:
    """The first half of write_atomic: `content` (or its chunks, written as they
    come) in a temporary file beside
    `path` (`.<name>.<random>.tmp`, flushed to the disk when `durable`);
    its name. publish() puts it in place; a batch removes the ones a killed
    run left."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    chunks = [content] if isinstance(content, (str, bytes)) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            f.flush()
            if durable:
                os.fsync(f.fileno())
    except BaseException:
        discard(tmp)
        raise
    return tmp


def publish(tmp: str, path: Path, durable: bool = True) -> None:
    """The second half of write_atomic: rename the temporary file over `path`
    (and make the rename durable)."""
    os.replace(tmp, path)
    if durable:
        sync_dir(Path(path).parent)


def flush_to_disk(paths: list[str]) -> None:
    """Files written earlier (and closed), by name, made durable: what
    write_temporary(durable=True) does, done later, e.g. in another thread.
    On Linux one syncfs of each file system they lie on, whatever their
    number (one journal commit instead of one a file); elsewhere an fsync each."""
    syncfs = _syncfs()
    if syncfs is None:
        for path in paths:
            _fsync_file(path)
        return
    synced: set[int] = set()
    for path in paths:
        device = os.stat(path).st_dev
        if device in synced:
            continue
        fd = os.open(path, os.O_RDONLY)
        try:
            if syncfs(fd) != 0:
                import ctypes
                err = ctypes.get_errno()
                if err not in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
                    raise OSError(err, os.strerror(err), path)
                for other in paths:  # a file system without syncfs: an fsync each
                    if os.stat(other).st_dev == device:
                        _fsync_file(other)
        finally:
            os.close(fd)
        synced.add(device)


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@functools.cache
def _syncfs():
    """libc's syncfs (Linux), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes
        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None


def discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def sync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders can't be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_json(path: Path, obj, pretty: bool = True, durable: bool = True, odd_floats: bool = True) -> None:
    write_atomic(path, json_bytes(obj, pretty, odd_floats), durable)


def json_bytes(obj, pretty: bool = True, odd_floats: bool = True) -> bytes:
    """What write_json writes: json.dumps's text (see dumps) and a newline, as UTF-8."""
    fast = _pretty_bytes(obj, odd_floats) if pretty else None
    return fast + b"\n" if fast is not None else (dumps(obj, pretty) + "\n").encode("utf-8")


def write_json_list(path: Path, items: Iterable) -> None:
    """write_json(path, list(items)), byte for byte, each item encoded and
    written as it comes (an item's lines are its pretty JSON indented one
    level; a string in JSON never holds a raw newline)."""
    def chunks():
        sep = b"[\n  "
        for item in items:
            yield sep + (_pretty_bytes(item) or dumps(item, True).encode("utf-8")).replace(b"\n", b"\n  ")
            sep = b",\n  "
        yield b"[]\n" if sep.startswith(b"[") else b"\n]\n"
    write_atomic(path, chunks())


def is_record(obj) -> bool:
    return isinstance(obj, dict) and "schema_version" in obj and "doc_id" in obj and "text" in obj


# 19 digits in a row may be an int past 64 bits, which orjson reads as a float.
# Looked for as a run of 19 zeros in the number forms (has_odd_number's
# translation: every ASCII digit a zero, and no other byte a zero): a
# translate and a substring search, ~8x faster than \d{19}.
_LONG_DIGITS = b"0" * 19


def loads(data: str | bytes):
    """json.loads, by orjson where it reads the same objects (twice as fast;
    floats parse to the same doubles), by json otherwise (ints of 19 digits or
    more, NaN, Infinity, and any error, which json then words). Bytes are
    read as UTF-8 (a file's bytes need no decoding first)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if _LONG_DIGITS not in raw.translate(_ODD_FORMS):
        try:
            import orjson
            return orjson.loads(raw)
        except (ImportError, ValueError):  # orjson.JSONDecodeError is a ValueError
            pass
    return json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)


def iter_records(out: Path) -> Iterator[tuple[Path, dict]]:
    """(path, record) for every reply record in a batch output folder, by name."""
    for path in sorted(Path(out).glob("*.json")):
        try:
            obj = loads(path.read_bytes())
        except (OSError, ValueError):
            continue
        if is_record(obj):
            yield path, obj
