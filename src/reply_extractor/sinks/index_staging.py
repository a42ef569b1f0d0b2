"""Index rows prepared where records are extracted, left for the index step.

A batch's worker prepares each record's index rows (sqlite_index.prepare:
the pairs rendering, the rows, the compressed text) beside extraction and
appends them to its own file, OUT/.index-staging/<pid>.rows, one frame a
record. The index step then only writes them (no record read back, no
rendering), in the batch process, while the costly part ran in parallel.

A frame: a header (lengths of the name and of the rows, the record file's
stamp), the record file's name, the marshalled rows. A frame is written with
one write() on a file opened for appending, so a worker killed mid-frame
leaves at most a short last frame, which the reader drops. The stamp (inode,
size, mtime of the record file as written; a rename keeps them) tells
whether the record is still the one the rows came from: a record rewritten
since (the link step) is read again instead. Only a cache: every failure
falls back to reading the record.
"""
from __future__ import annotations

import marshal
import os
import shutil
import struct
from pathlib import Path

STAGING = ".index-staging"
_HEADER = struct.Struct("<IIQQQ")  # name length, rows length, inode, size, mtime_ns
_files: dict[tuple[int, str], int] = {}  # (pid, folder) -> this process's open append file


def stamp(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_ino, st.st_size, st.st_mtime_ns


def stage(out: Path, record_path: Path, written: str, prepared: tuple) -> None:
    """Append `prepared` (the rows of the record in file `written`, which
    becomes `record_path`) to this process's staging file."""
    try:
        name = Path(record_path).name.encode("utf-8", "surrogateescape")
        rows = marshal.dumps(prepared)
        frame = _HEADER.pack(len(name), len(rows), *stamp(os.stat(written))) + name + rows
        os.write(_append_file(Path(out)), frame)
    except (OSError, ValueError, TypeError):
        pass


def _append_file(out: Path) -> int:
    key = (os.getpid(), str(out))  # a forked worker opens its own, never its parent's
    fd = _files.get(key)
    if fd is None:
        folder = out / STAGING
        folder.mkdir(exist_ok=True)
        fd = os.open(folder / f"{os.getpid()}.rows", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        _files[key] = fd
    return fd


class StagedRows:
    """The frames of every staging file of OUT, by record file name, read on demand."""

    def __init__(self, out: Path):
        # a name may have several frames (a file extracted again after its worker was killed)
        self.frames: dict[str, list[tuple[Path, int, int, tuple[int, int, int]]]] = {}
        folder = Path(out) / STAGING
        for path in sorted(folder.glob("*.rows")) if folder.is_dir() else ():
            self._scan(path)

    def _scan(self, path: Path) -> None:
        try:
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                at = 0
                while at + _HEADER.size <= size:
                    f.seek(at)
                    name_len, rows_len, *st = _HEADER.unpack(f.read(_HEADER.size))
                    end = at + _HEADER.size + name_len + rows_len
                    if end > size:  # a frame cut short by a killed worker
                        break
                    name = f.read(name_len).decode("utf-8", "surrogateescape")
                    self.frames.setdefault(name, []).append((path, at + _HEADER.size + name_len, rows_len, tuple(st)))
                    at = end
        except OSError:
            pass

    def get(self, path: Path, st: os.stat_result) -> tuple | None:
        """The rows prepared for this record file, if they are of it as it is now."""
        now = stamp(st)
        frame = next((f for f in self.frames.get(path.name, ()) if f[3] == now), None)
        if frame is None:
            return None
        try:
            with open(frame[0], "rb") as f:
                f.seek(frame[1])
                rows = marshal.loads(f.read(frame[2]))
        except (OSError, ValueError, EOFError, TypeError):
            return None
        return rows if isinstance(rows, tuple) and len(rows) == 6 else None


def clear(out: Path) -> None:
    """Remove OUT's staging files (used, or left by a killed run)."""
    for key in [k for k in _files if k[1] == str(Path(out))]:
        try:
            os.close(_files.pop(key))
        except OSError:
            pass
    shutil.rmtree(Path(out) / STAGING, ignore_errors=True)
