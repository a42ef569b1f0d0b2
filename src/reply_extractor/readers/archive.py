"""Replies inside archives: .zip (standard library), .7z (the `7z` command of
p7zip, where installed) and .rar (the `rars` package where installed, else
the `7z` command: Debian's p7zip lists RAR archives but has no codec to
unpack them).

A member is addressed by a path that does not exist on disk: the archive's
path joined with the member's name (`in/replies.zip/2023/a.doc`), so a batch
can name, sort and report it like any file; `read_member` reads its bytes.
Nothing is extracted to disk: members are read into memory, each capped at
the reader's size limit whatever the archive claims, which defeats zip bombs
(a member that inflates past the cap is refused, as is an archive whose
members claim more in total than a batch would ever read). Member names that
climb out of the archive (`../x`, `/etc/x`, `C:\\x`) are refused too.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import MAX_BYTES, SUPPORTED, ReadError

ARCHIVES = (".zip", ".7z", ".rar")
MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # all members together, as the archive declares them
MAX_RATIO = 200  # inflation past this (on members over 1 MiB) is a bomb, not a document
TIMEOUT_S = 120


@dataclass
class Listing:
    """What an archive holds: reply members (names), and the members left out
    with the reason (kind "skipped" for other file types, "refused" for unsafe
    names and bombs)."""
    members: list[str]
    left_out: list[tuple[str, str, str]]  # (name, kind, reason)


def is_archive(path: Path) -> bool:
    return path.suffix.lower() in ARCHIVES


def member_path(archive: Path, name: str) -> Path:
    return archive.joinpath(*PurePosixPath(name).parts)


def split_member(path: Path) -> tuple[Path, str] | None:
    """(archive, member name) when `path` points inside an archive file."""
    lowered = str(path).lower()
    if not any(f"{suffix}{os.sep}" in lowered for suffix in ARCHIVES):
        return None  # no folder in the path is named like an archive (the walk costs ~30 µs)
    for parent in path.parents:
        if is_archive(parent) and parent.is_file():
            return parent, path.relative_to(parent).as_posix()
    return None


def list_members(archive: Path) -> Listing:
    """The archive's members, sorted; raises ReadError when the archive itself
    cannot be opened or is a bomb."""
    suffix = archive.suffix.lower()
    entries = (_zip_entries(archive) if suffix == ".zip" else _rar_entries(archive) if _use_rars(archive)
               else _7z_entries(archive))
    if len(entries) > MAX_MEMBERS:
        raise ReadError(archive, "refused", f"{len(entries)} members; at most {MAX_MEMBERS} are read")
    total = sum(size for _, size, _ in entries)
    if total > MAX_TOTAL_BYTES:
        raise ReadError(archive, "refused", f"members would inflate to {total / 2**20:.0f} MiB "
                        "(a zip bomb?); not opened")
    members, left_out = [], []
    for name, size, packed in sorted(entries):
        parts = PurePosixPath(name).parts
        if not parts or any(p.startswith(".") or p == "__MACOSX" for p in parts if p != ".."):
            continue  # hidden files and macOS resource forks
        reason = _unsafe(name)
        if reason:
            left_out.append((name, "refused", reason))
        elif size > MAX_BYTES or (size > 2**20 and packed and size / packed > MAX_RATIO):
            left_out.append((name, "refused", f"inflates to {size / 2**20:.0f} MiB from "
                             f"{packed / 2**10:.0f} KiB (a zip bomb?); not read"))
        elif is_archive(Path(name)):
            left_out.append((name, "skipped", "an archive inside an archive is not opened"))
        elif Path(name).suffix.lower() not in SUPPORTED:
            left_out.append((name, "skipped", f"unsupported file type {Path(name).suffix.lower() or '(none)'!r}"))
        else:
            members.append(name)
    return Listing(members, left_out)


def read_member(archive: Path, name: str) -> bytes:
    """The member's bytes, at most MAX_BYTES (a member that inflates past that is refused)."""
    where = member_path(archive, name)
    if archive.suffix.lower() == ".zip":
        with _open_zip(archive) as z:
            info = next((i for i in z.infolist() if _zip_name(i) == name), None)
            if info is None:
                raise ReadError(where, "io", "no such member in the archive")
            if info.flag_bits & 0x1:
                raise ReadError(where, "encrypted", "the member is password-protected")
            try:
                with z.open(info) as f:
                    data = f.read(MAX_BYTES + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as e:
                raise ReadError(where, "corrupt", f"damaged archive member: {e}") from e
    elif _use_rars(archive):
        data = _rar_read(archive, name, where)
    else:
        data = _7z_read(archive, name, where)
    if len(data) > MAX_BYTES:
        raise ReadError(where, "refused", f"inflates past {MAX_BYTES // 2**20} MiB (a zip bomb?); not read")
    return data


def _unsafe(name: str) -> str | None:
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return f"absolute member name {name!r} (path traversal); not read"
    if ".." in re.split(r"[\\/]", name):
        return f"member name {name!r} climbs out of the archive (path traversal); not read"
    return None


# -- zip ---------------------------------------------------------------------
def _open_zip(archive: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        raise ReadError(archive, "corrupt", f"not a readable zip archive: {e}") from e


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The member name as written: zips made on Chinese Windows store names in
    GBK without the UTF-8 flag, which zipfile decodes as cp437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _zip_entries(archive: Path) -> list[tuple[str, int, int]]:
    with _open_zip(archive) as z:
        return [(_zip_name(i), i.file_size, i.compress_size) for i in z.infolist() if not i.is_dir()]


# -- rar through rars ------------------------------------------------------------
def _use_rars(archive: Path) -> bool:
    if archive.suffix.lower() != ".rar" or os.environ.get("REPLY_EXTRACTOR_RARS") == "0":
        return False
    try:
        import rars  # noqa: F401
    except ImportError:
        return False
    return True


def _open_rar(archive: Path):
    import rars
    try:
        return rars.RarFile(str(archive))
    except (rars.Error, OSError, ValueError) as e:
        raise ReadError(archive, "corrupt", f"not a readable RAR archive: {e}") from e


def _rar_entries(archive: Path) -> list[tuple[str, int, int]]:
    with _open_rar(archive) as rar:
        return [(i.filename, i.file_size, i.compress_size) for i in rar.infolist() if not i.is_dir()]


def _rar_read(archive: Path, name: str, where: Path) -> bytes:
    import rars
    with _open_rar(archive) as rar:
        info = next((i for i in rar.infolist() if i.filename == name), None)
        if info is None:
            raise ReadError(where, "io", "no such member in the archive")
        if info.is_encrypted:
            raise ReadError(where, "encrypted", "the member is password-protected")
        try:
            with rar.open(name) as f:
                return f.read(MAX_BYTES + 1)
        except (rars.Error, OSError, ValueError) as e:
            raise ReadError(where, "corrupt", f"damaged archive member: {e}") from e


# -- 7z (and rar without rars) through the 7z command ---------------------------
def _7z() -> str | None:
    override = os.environ.get("REPLY_EXTRACTOR_7Z")
    if override is not None:
        return override or None
    return shutil.which("7z") or shutil.which("7za")


def _require_7z(archive: Path) -> str:
    tool = _7z()
    if tool is None:
        raise ReadError(archive, "needs_converter", f"cannot open {archive.suffix} archives: install "
                        "p7zip (Debian: apt-get install p7zip-full)")
    return tool


def _7z_entries(archive: Path) -> list[tuple[str, int, int]]:
    tool = _require_7z(archive)
    try:
        proc = subprocess.run([tool, "l", "-slt", "-p-", "--", str(archive)], capture_output=True,
                              timeout=TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ReadError(archive, "timeout", f"listing the archive took over {TIMEOUT_S} s") from None
    if proc.returncode != 0:
        said = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(archive, "corrupt", "not a readable archive" + (f" ({said[-1]})" if said else ""))
    entries, block = [], {}
    text = proc.stdout.decode("utf-8", "replace")
    body = text.split("\n----------\n", 1)[-1]
    for line in body.splitlines() + [""]:
        if not line.strip():
            if "Path" in block and block.get("Folder") != "+" and "D" not in block.get("Attributes", "")[:1]:
                entries.append((block["Path"], int(block.get("Size") or 0),
                                int(block.get("Packed Size") or 0)))
            block = {}
            continue
        key, _, value = line.partition(" = ")
        block[key.strip()] = value
    return entries


def _7z_read(archive: Path, name: str, where: Path) -> bytes:
    tool = _require_7z(archive)
    proc = subprocess.Popen([tool, "x", "-so", "-p-", "--", str(archive), name], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        data = proc.stdout.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            proc.kill()  # a bomb: stop inflating it
        _, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise ReadError(where, "timeout", f"extracting took over {TIMEOUT_S} s") from None
    if proc.returncode != 0 and len(data) <= MAX_BYTES:
        said = err.decode("utf-8", "replace").strip().splitlines()
        if archive.suffix.lower() == ".rar" and "Unsupported Method" in err.decode("utf-8", "replace"):
            raise ReadError(where, "needs_converter", "this 7z has no RAR codec: install the rars package "
                            "(pip install rars)")
        raise ReadError(where, "corrupt", "could not extract the member" + (f" ({said[-1]})" if said else ""))
    return data
