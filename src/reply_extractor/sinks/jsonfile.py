"""Records as JSON files: atomic writes and reading a batch output folder back."""
from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Iterator


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
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None)


def _file_mode() -> int:
    """What open() would give a new file: 0666 less the umask (mkstemp gives 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def write_atomic(path: Path, content: str | bytes, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, then rename over it: a reader
    never sees half a file, and a crash leaves the old file in place.
    `durable=False` skips the fsyncs (for data derived again on the next run,
    rewritten by the thousand)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.replace(tmp, path)
        if durable:
            _sync_dir(path.parent)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _sync_dir(folder: Path) -> None:
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


def write_json(path: Path, obj, pretty: bool = True, durable: bool = True) -> None:
    write_atomic(path, dumps(obj, pretty) + "\n", durable)


def is_record(obj) -> bool:
    return isinstance(obj, dict) and "schema_version" in obj and "doc_id" in obj and "text" in obj


def iter_records(out: Path) -> Iterator[tuple[Path, dict]]:
    """(path, record) for every reply record in a batch output folder, by name."""
    for path in sorted(Path(out).glob("*.json")):
        try:
            obj = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if is_record(obj):
            yield path, obj
