"""Compiled regular expressions kept on disk between runs.

About a quarter of a batch's start goes to compiling patterns: `re` parses
each rule's pattern again in every process and, for each class holding CJK
characters, fills its bitmap one code point at a time. What it compiles to
(the `_sre` code, a list of integers, and the group names) is plain data:
`cached()` keeps it in a file in the user's cache folder, keyed by the
pattern, its flags and the Python build, and hands it back to `_sre.compile`,
which checks the code as it checks any. A file from another Python, a
damaged file or a pattern not seen before: the pattern is compiled as usual.
"""
from __future__ import annotations

import marshal
import os
import sys
import tempfile
from array import array
from contextlib import contextmanager

import _sre

try:
    from re import _compiler  # Python 3.11 and later
except ImportError:  # 3.10
    import sre_compile as _compiler

# The cache holds what the runs that wrote it compiled; past this many
# patterns it starts again from the last run's (a pattern built from a set,
# in another order in each process, cannot make it grow without end).
MAX_PATTERNS = 5000
_CODE = "I" if _sre.CODESIZE == 4 else "H"  # array type of one code unit
_BUILD = f"{sys.implementation.cache_tag}-{sys.version}-{_sre.MAGIC}-{_sre.CODESIZE}"


def cache_file() -> str | None:
    """$REPLY_EXTRACTOR_CACHE (empty: no cache), else reply-extractor/ in
    $XDG_CACHE_HOME or ~/.cache: the user's own folder, which no other user
    can fill with patterns."""
    folder = os.environ.get("REPLY_EXTRACTOR_CACHE")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "reply-extractor")
    if not folder:
        return None
    return os.path.join(folder, f"patterns.{sys.implementation.cache_tag}.marshal")


class _Recorder:
    """Stands for `_sre` in `re._compiler` while a pattern compiles: keeps the
    arguments `_sre.compile` is given (the compiled form)."""

    def __init__(self):
        self.args: tuple | None = None

    def __getattr__(self, name):
        return getattr(_sre, name)

    def compile(self, *args):
        self.args = args
        return _sre.compile(*args)


def _load(path: str | None) -> dict:
    if path is None:
        return {}
    try:
        with open(path, "rb") as f:
            build, table = marshal.load(f)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return table if build == _BUILD and isinstance(table, dict) else {}


def _save(path: str | None, table: dict) -> None:
    if path is None:
        return
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".patterns.")
        with os.fdopen(fd, "wb") as f:
            marshal.dump((_BUILD, table), f)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass


@contextmanager
def cached(path: str | None = "default"):
    """Within the block, patterns `re` compiles come from the cache file
    (`cache_file()` by default; None: no file) when it holds them; those it
    did not hold are added to it at the end."""
    path = cache_file() if path == "default" else path
    table = _load(path)
    used: dict = {}  # this run's patterns, found or compiled
    real = _compiler.compile

    def compile(p, flags=0):
        key = (p, flags)
        kept = type(p) in (str, bytes)  # (not a subclass, e.g. lxml's strings: marshal refuses them)
        hit = table.get(key) if kept else None
        if hit is not None:
            try:
                flags_out, code, groups, groupindex, indexgroup = hit
                compiled = _sre.compile(p, flags_out, array(_CODE, code).tolist(), groups, groupindex, indexgroup)
            except (TypeError, ValueError, RuntimeError):
                del table[key]  # not what this Python compiles: compile it
            else:
                used[key] = hit
                return compiled
        recorder = _Recorder()
        _compiler._sre = recorder
        try:
            compiled = real(p, flags)
        finally:
            _compiler._sre = _sre
        if recorder.args is not None and kept:
            try:
                flags_out, code, groups, groupindex, indexgroup = recorder.args[1:]
                # the code as bytes: read back as one block, not an object an integer
                used[key] = (int(flags_out), array(_CODE, code).tobytes(), int(groups), dict(groupindex),
                             tuple(indexgroup))
            except (TypeError, ValueError, OverflowError):
                pass  # another Python's _sre.compile: this pattern is not kept
        return compiled

    _compiler.compile = compile
    try:
        yield
    finally:
        _compiler.compile = real
        if any(key not in table for key in used):
            _save(path, {**(table if len(table) + len(used) <= MAX_PATTERNS else {}), **used})
