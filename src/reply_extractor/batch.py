"""Batch: every supported file under a folder -> one JSON record per reply in OUT.

Records are written atomically as they complete, so an interrupted batch
leaves whole records only. The account of the run survives a crash too:
OUT/errors.jsonl gets a line as each file fails, and OUT/batch.log (JSON
lines) says what ran, with which version and options, then one line per file
as it finishes (its records, or why it failed) and a closing line. `resume`
skips the files the log shows done whose records are still there and newer
than the file. After the records, the linker and the search index run over
the whole of OUT, so adding new replies to an existing OUT re-links them all.

The work itself is done by an engine. The local one (workers.run_local:
processes with a time and memory limit per file) runs `StagingExtract` per
file: the worker extracts the file, links its replies among themselves and
writes each record to a temporary file; the batch process renames them into
place (`BatchWriter.commit`), so records are encoded and written in parallel
and never sent between processes. Another engine calls `extract_file` per file
and sends the records back to `BatchWriter.handle`, which writes them here
(engines/dask_engine.py).
"""
from __future__ import annotations

import errno
import json
import os
import re
import signal
import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .readers import SUPPORTED, ReadError
from .readers.archive import is_archive, list_members, member_path, split_member
from .sinks.jsonfile import (describe_os_error, discard, dumps, flush_to_disk, json_bytes, publish,
                             sync_dir, write_atomic, write_temporary)

ERRORS_FILE = "errors.jsonl"
LOG_FILE = "batch.log"
# Per-file wall-clock limit (seconds) in a batch; the worker is killed past it.
DEFAULT_TIMEOUT = 120.0
# Stems of the files the batch writes beside the records: a reply named so is
# written under its full name instead.
RESERVED = {"entities", "conflicts", "errors", "replies"}


class BatchError(Exception):
    """The batch cannot run or go on: the output folder cannot be written (not a
    folder, read-only, disk full) or the input is missing. str() says why."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM during a batch."""


@dataclass
class BatchResult:
    out: Path
    files: int = 0
    records: int = 0
    done: int = 0                       # files finished this run (extracted or failed)
    resumed: int = 0                    # files skipped by --resume: done by an earlier run
    skipped: list[dict] = field(default_factory=list)   # {"file", "kind", "message"}
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    interrupted: str | None = None      # the signal's name when stopped by one
    jobs: int = 0
    not_a_reply: int = 0                # records written that hold no reply content
    refused: int = 0                    # archive members and archives refused before extraction

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        extracted = self.done + self.resumed - (self.failed - self.refused)
        line = (f"{extracted} of {self.files} files extracted, {self.records} records "
                f"written to {self.out}, {self.failed} failed")
        if self.resumed:
            line += f" ({self.resumed} done by an earlier run)"
        if self.skipped:
            line += f", {len(self.skipped)} skipped (see {ERRORS_FILE})"
        if self.not_a_reply:
            line += f", {self.not_a_reply} not a reply (no reply content found)"
        line += f" ({self.seconds:.1f} s)"
        if self.interrupted:
            line = (f"interrupted by {self.interrupted}: " + line
                    + f"; {self.files - self.done - self.resumed} not done (batch --resume goes on)")
        return line


# Files a folder of replies usually holds beside them; passed over silently.
QUIET_SUFFIXES = (".md", ".json", ".jsonl", ".log")


def collect_inputs(root: Path, out: Path | None = None) -> tuple[list[Path], list[dict]]:
    """(reply files, entries for what was left out), sorted. Archives are opened:
    each reply inside is an input, addressed as `<archive>/<member>`
    (readers/archive.py). Left out, each with its reason: other file types,
    folders named like a reply, links to folders (not followed: no loops) and
    broken links (kind "skipped"); unsafe archive members and unreadable
    archives ("refused", "corrupt" …). Hidden entries and OUT are ignored."""
    root = Path(root)
    if root.is_file():
        files, left_out = [root], []
    else:
        files, left_out = _walk(root, out)
    inputs = []
    for path in files:
        suffix = path.suffix.lower()
        if suffix in SUPPORTED:
            inputs.append(path)
        elif is_archive(path):
            try:
                listing = list_members(path)
            except ReadError as e:
                left_out.append({"file": str(path), "kind": e.kind, "message": e.reason})
                continue
            inputs += [member_path(path, name) for name in listing.members]
            left_out += [{"file": str(member_path(path, name)), "kind": kind, "message": reason}
                         for name, kind, reason in listing.left_out]
        elif path == root or suffix not in QUIET_SUFFIXES:
            left_out.append(_skip(path, f"not a reply file type ({suffix or 'no extension'}); "
                                        f"read are {', '.join(SUPPORTED)} and archives"))
    inputs.sort()
    left_out.sort(key=lambda e: e["file"])
    return inputs, left_out


def _walk(root: Path, out: Path | None) -> tuple[list[Path], list[dict]]:
    """(files, skipped entries) under root; links to folders are not followed."""
    out_resolved = out.resolve() if out else None
    files, skipped = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        if out_resolved and (here.resolve() == out_resolved or out_resolved in here.resolve().parents):
            dirnames[:] = []
            continue
        for d in list(dirnames):
            if (here / d).is_symlink():
                dirnames.remove(d)
                skipped.append(_skip(here / d, "a link to a folder (not followed)"))
            elif Path(d).suffix.lower() in SUPPORTED:
                skipped.append(_skip(here / d, "a folder named like a reply file"))
        for name in sorted(filenames):
            path = here / name
            if name.startswith("."):
                continue
            if path.is_symlink() and not path.exists():
                skipped.append(_skip(path, "a broken or looping link"))
            else:
                files.append(path)
    return files, skipped


def _skip(path: Path, message: str) -> dict:
    return {"file": str(path), "kind": "skipped", "message": message}


def output_names(paths: list[Path], root: Path) -> dict[Path, str]:
    """`<stem>` for each file; files sharing a stem (a.txt and a.docx, or two
    folders) and files named like the batch's own outputs (entities.txt) get
    their relative path spelled out instead, so none overwrites another.
    A reply inside an archive is `<archive stem>/<member stem>` (its record
    file: OUT/<archive stem>__<member stem>.json, see record_file)."""
    members: dict[Path, list[Path]] = {}
    plain = []
    for p in paths:
        inside = split_member(p)
        if inside:
            members.setdefault(inside[0], []).append(p)
        else:
            plain.append(p)
    base = root if root.is_dir() else None
    names = _stem_names(plain, base)
    prefixes = _stem_names(list(members), base)  # two r.zip in two folders: x__r/…, y__r/…
    for archive, inner in members.items():
        for p, name in _stem_names(inner, archive).items():
            names[p] = f"{prefixes[archive]}/{name}"
    return names


def _stem_names(paths: list[Path], root: Path | None) -> dict[Path, str]:
    stems = Counter(p.stem for p in paths)
    names = {}
    for p in paths:
        if stems[p.stem] == 1 and p.stem.lower() not in RESERVED:
            names[p] = p.stem
        else:
            rel = p.relative_to(root) if root is not None else Path(p.name)
            names[p] = "__".join(rel.parts).replace(" ", "_")
    return names


def record_file(out: Path, doc_id: str) -> Path:
    """OUT/<doc_id>.json, with the `/` of an archive member's id written `__`
    (records all sit in OUT itself)."""
    return out / f"{doc_id.replace('/', '__')}.json"


def _free_name(name: str, taken: set[str]) -> str:
    """`name`, or `name~2`, `name~3` … when another input or part already has it."""
    candidate, n = name, 1
    while candidate in taken or candidate.lower() in RESERVED:
        n += 1
        candidate = f"{name}~{n}"
    return candidate


_PART = re.compile(r"(.+)-\d+(~\d+)?")


def existing_records(out: Path) -> dict[str, list[str]]:
    """Record names already in OUT, grouped by the input name they may belong to
    (`a` for a.json, a-1.json, a-2~2.json): listed once per run, not once per file."""
    groups: dict[str, list[str]] = {}
    try:
        entries = os.scandir(out)
    except OSError:
        return groups
    with entries:
        for entry in entries:
            if not entry.name.endswith(".json") or entry.name.startswith("."):
                continue
            stem = entry.name[:-5]
            groups.setdefault(stem, []).append(stem)
            m = _PART.fullmatch(stem)
            if m:
                groups.setdefault(m.group(1), []).append(stem)
    return groups


def _records_of(out: Path, name: str, source: Path, existing: dict[str, list[str]]) -> set[Path]:
    """Records an earlier run wrote for this input: `name.json` and its parts
    `name-N.json`, as long as they say they came from `source`."""
    found = set()
    for stem in existing.get(record_file(out, name).stem, ()):
        p = out / f"{stem}.json"
        try:
            rec = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(rec, dict) and (rec.get("source") or {}).get("path") == str(source):
            found.add(p)
    return found


def extract_file(path: Path | str, name: str) -> tuple[list[dict], dict | None]:
    """Records of one file, or an error entry; never raises. A plain function of
    plain arguments, so any engine can run it in any process."""
    from .linker import link_records
    from .pipeline import extract_all, part_id
    path = Path(path)
    try:
        replies = extract_all(read_input(path))
    except ReadError as e:
        return [], {"file": str(path), "kind": e.kind, "message": e.reason}
    except MemoryError:
        return [], {"file": str(path), "kind": "memory", "message": "ran out of memory"}
    except Exception as e:  # an extractor bug must not stop the batch
        detail = traceback.format_exc(limit=-3)
        return [], {"file": str(path), "kind": "internal", "message": f"{type(e).__name__}: {e}",
                    "detail": detail}
    records = []
    for i, reply in enumerate(replies, 1):
        rec = reply.to_dict()
        rec["doc_id"] = part_id(name, i)
        records.append(rec)
    try:  # the ids the file's own replies give: the batch's link step then changes few records
        link_records(records)
    except Exception:  # the link step sets them (and reports what fails there)
        pass
    return records, None


def read_input(path: Path):
    """The Document of a batch input: a file, or a reply inside an archive."""
    from .readers import read, read_bytes
    from .readers.archive import read_member
    inside = split_member(path) if not path.exists() else None
    if inside:
        return read_bytes(read_member(*inside), path)
    return read(path)


# An invented reply reaching most extractors' rules (patterns compiled on
# first use are compiled once here, not in every worker).
_SAMPLE = ("示例局关于市十六届人大二次会议第1号建议的答复\n王某某代表：\n"
           "您提出的《关于加快发展示例产业的建议》收悉。现答复如下：\n"
           "一、加强统筹。2022年全市投入资金350万元，同比增长12.5%，亩均补助200元/亩，"
           "位居全省第2。实施“示例提升工程”，出台《示例市产业发展规划（2021—2025年）》。\n"
           "二、下一步，我局将继续推进，计划于2024年底前完成。\n"
           "联系人：张某，联系电话：12345678\n示例局\n2023年6月1日")
# What a format's reader loads on its first file, beyond the pipeline: a
# sample read (a GB18030 text) or the modules it imports (trafilatura's ~180
# modules take ~0.15 s).
_WARM_READERS = {
    ".txt": lambda: _read_sample(_SAMPLE.encode("gb18030"), "warm-up.txt"),
    # (not a sample page: trafilatura would take one this short for a fragment
    # and load jusText's stop lists of 100 languages, ~0.2 s no real page needs)
    ".html": lambda: _import("reply_extractor.readers.html", "trafilatura"),
    ".docx": lambda: _import("reply_extractor.readers.docx"),
    ".pdf": lambda: _import("reply_extractor.readers.pdf", "pdfplumber", "pypdfium2"),
    ".png": lambda: _import("reply_extractor.readers.ocr", "PIL.Image", "pypdfium2"),
}
_WARM_READERS[".htm"] = _WARM_READERS[".html"]
for _suffix in (".jpg", ".jpeg", ".tif", ".tiff"):
    _WARM_READERS[_suffix] = _WARM_READERS[".png"]


def _read_sample(data: bytes, name: str) -> None:
    from .readers import read_bytes
    read_bytes(data, name)  # (the extractors were warmed on the sample already)


def _import(*modules: str) -> None:
    import importlib
    for name in modules:
        importlib.import_module(name)


def warm_up(suffixes=()) -> None:
    """Load the dictionaries and models (and every lazily built rule) now, and
    what the readers of these formats (file suffixes) load on their first
    file: forked workers then start ready, however often they are replaced.
    A reader that fails here loads in the workers instead."""
    from .patterncache import cached
    with cached():
        _warm(suffixes)


def _warm(suffixes) -> None:
    from . import linker, nlp  # noqa: F401  (linker: extract_file links each file's replies)
    from .document import Document
    from .pipeline import extract_all
    nlp.pos_cut("投入资金")  # jieba's part-of-speech tags: a second dictionary
    extract_all(Document.from_text(_SAMPLE))
    for warm in dict.fromkeys(_WARM_READERS.get(s.lower()) for s in suffixes):
        if warm is None:
            continue
        try:
            warm()
        except Exception:  # noqa: BLE001 - a missing optional library: the file's own error says it
            pass


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# `--jobs auto`: a worker per this many files, up to the CPUs. Workers are forked
# from a parent that has loaded the models, so a second one costs little, but
# a few dozen files take under a second to extract: one worker does them.
FILES_PER_WORKER = 16


def default_jobs(n_files: int) -> int:
    return max(1, min(cpu_count(), n_files // FILES_PER_WORKER))


# The error kind a worker reports when it cannot write to OUT: it stops the batch
# (BatchError) instead of being listed as a failed file.
OUTPUT_FAILED = "output"


def stage_records(out: Path, name: str, records: list[dict], taken: set[str],
                  durable: bool = True, prepare_index: bool = False) -> list[tuple[str, str, bool]]:
    """Name a file's records (a part of a page holding several replies gets a
    name no input or other part has) and write each to a temporary file beside
    its target, flushed to the disk (unless not `durable`: the caller flushes
    them before they are renamed): (doc_id, temporary file, not a reply) of
    each. Runs in the worker that extracted the file; the batch process then
    only renames the files into place (BatchWriter.commit). With
    `prepare_index`, each record's index rows are prepared here too
    (sqlite_index.stage_prepared), so that the index step only writes them.
    Raises OSError."""
    staged: list[tuple[str, str, bool]] = []
    try:
        for rec in records:
            if rec["doc_id"] != name:  # a part: parts of two files never share a name (x-1 is not y-1~2)
                rec["doc_id"] = _free_name(rec["doc_id"], taken)
            taken.add(rec["doc_id"])
            target, data = record_file(out, rec["doc_id"]), json_bytes(rec)
            tmp = write_temporary(target, data, durable)
            if prepare_index:
                from .sinks.sqlite_index import stage_prepared
                stage_prepared(out, target, tmp, rec, data)
            staged.append((rec["doc_id"], tmp, _not_a_reply(rec)))
    except BaseException:
        for _, tmp, _ in staged:
            discard(tmp)
        raise
    return staged


class StagingExtract:
    """What a local worker does with a file: extract it (extract_file) and
    stage its records (stage_records), so that records are encoded and
    written in parallel and never sent between processes. Called as
    extract_file is: (path, name) -> (staged records, error). The staged
    files reach the disk in `settle`, which the worker runs in a thread for
    a group of results before it sends them, while it extracts its next
    files (a sync waits ~0.5 ms, in which the core would otherwise stay idle)."""

    def __init__(self, out: Path, taken: set[str], prepare_index: bool = False):
        self.out, self.taken, self.prepare_index = out, set(taken), prepare_index

    def __call__(self, path: Path | str, name: str) -> tuple[list, dict | None]:
        records, error = extract_file(path, name)
        if error:
            return [], error
        try:
            return stage_records(self.out, name, records, self.taken, durable=False,
                                 prepare_index=self.prepare_index), None
        except OSError as e:
            return [], {"file": str(path), "kind": OUTPUT_FAILED, "message": _os_reason(self.out, e)}

    def settle(self, results: list[tuple[Path | str, tuple[list, dict | None]]]) -> list[tuple[list, dict | None]]:
        """Each (path, result) of a group, its staged files made durable (one
        sync for the group, before the batch process renames them into place),
        or the error that stopped it."""
        files = [tmp for _, (staged, _) in results for _, tmp, _ in staged]
        try:
            flush_to_disk(files)
        except OSError as e:
            for tmp in files:
                discard(tmp)
            reason = _os_reason(self.out, e)
            return [([], {"file": str(path), "kind": OUTPUT_FAILED, "message": reason}) if staged
                    else (staged, error) for path, (staged, error) in results]
        return [result for _, result in results]


# At most one fsync of OUT itself (making the renames of new records durable)
# this often; the records' contents are flushed as they are written, and the
# batch's end syncs the last renames.
SYNC_INTERVAL = 1.0


class BatchWriter:
    """What happens to each finished file, whatever engine ran it: its records
    put in place (atomically), the records an earlier run wrote for it and no
    longer wanted removed, a failure appended to errors.jsonl, a line in the log."""

    def __init__(self, out: Path, names: dict[Path, str], result: BatchResult, taken: set[str]):
        self.out, self.names, self.result, self.taken = out, names, result, taken
        self.existing = existing_records(out)
        self.errors_file = _open_append(out / ERRORS_FILE, truncate=True)
        self.log = _open_append(out / LOG_FILE)
        self.synced = time.monotonic()
        self.unsynced = False

    def handle(self, path: Path, records: list[dict], error: dict | None, seconds: float = 0.0) -> None:
        """A file's records as extracted (by an engine that sends them back):
        staged here, then committed."""
        staged = []
        if not error:
            try:
                staged = stage_records(self.out, self.names[Path(path)], records, self.taken)
            except OSError as e:
                raise BatchError(_os_reason(self.out, e)) from e
        self.commit(path, staged, error, seconds)

    def commit(self, path: Path, staged: list[tuple[str, str, bool]], error: dict | None,
               seconds: float = 0.0) -> None:
        """A file done: its staged records renamed into place, or its error listed."""
        path = Path(path)
        written: list[str] = []
        if error and error.get("kind") == OUTPUT_FAILED:
            raise BatchError(error["message"])
        if error:
            self.result.errors.append(error)
            _append(self.errors_file, error)
        else:
            # an OUT that held no records before this run holds none to replace
            stale = _records_of(self.out, self.names[path], path, self.existing) if self.existing else ()
            for doc_id, tmp, not_a_reply in staged:
                self.taken.add(doc_id)
                target = record_file(self.out, doc_id)
                try:
                    publish(tmp, target, durable=False)
                except OSError as e:
                    discard(tmp)
                    raise BatchError(_os_reason(target, e)) from e
                self.unsynced = True
                if not_a_reply:
                    self.result.not_a_reply += 1
                if stale:
                    stale.discard(target)
                written.append(doc_id)
                self.result.records += 1
            for old in stale:  # an earlier run split this file differently
                old.unlink(missing_ok=True)
            self.sync(at_most_every=SYNC_INTERVAL)
        self.result.done += 1  # counted once its records are all written
        self.event("file", file=str(path), status=error["kind"] if error else "ok",
                   records=written, seconds=round(seconds, 3), done=self.result.done + self.result.resumed,
                   of=self.result.files)

    def sync(self, at_most_every: float = 0.0) -> None:
        """Make the renames so far durable (one fsync of OUT for many records)."""
        if self.unsynced and time.monotonic() - self.synced >= at_most_every:
            sync_dir(self.out)
            self.synced, self.unsynced = time.monotonic(), False

    def event(self, event: str, **fields) -> None:
        _append(self.log, {"event": event, "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **fields})

    def close(self) -> None:
        self.sync()
        for f in (self.errors_file, self.log):
            try:
                f.close()
            except OSError:
                pass


def _not_a_reply(rec: dict) -> bool:
    from .pipeline import is_not_a_reply
    return is_not_a_reply(rec)


def _open_append(path: Path, truncate: bool = False):
    try:
        return open(path, "w" if truncate else "a", encoding="utf-8")
    except OSError as e:
        raise BatchError(_os_reason(path, e)) from e


def _append(f, obj: dict) -> None:
    """One JSON line, flushed to the system at once: it survives the process."""
    try:
        f.write(dumps(obj) + "\n")
        f.flush()
    except OSError as e:
        raise BatchError(_os_reason(Path(f.name), e)) from e


def _os_reason(path: Path, e: OSError) -> str:
    return describe_os_error(path, e)


def prepare_output(out: Path) -> None:
    """Make OUT a writable folder, or say clearly why it cannot be one."""
    for parent in [out, *out.parents]:
        if parent.exists() and not parent.is_dir():
            what = "is a file" if parent == out else f"is under {parent}, which is a file"
            raise BatchError(f"{out}: cannot write the output there: it {what}")
        if parent.exists():
            break
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BatchError(f"cannot create the output folder: {_os_reason(out, e)}") from e
    if not os.access(out, os.W_OK | os.X_OK):
        raise BatchError(f"{out}: the output folder is not writable")


def lock_output(out: Path) -> int | None:
    """Hold an exclusive lock on OUT for this batch (a second batch into the same
    folder waits, saying so). Returns the descriptor holding it."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        return None
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"reply-extractor: another batch is writing to {out}; waiting for it to finish "
              "(Ctrl-C to give up)", file=sys.stderr, flush=True)
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        pass  # a file system without locks
    return fd


def remove_stale_temporaries(out: Path) -> int:
    """Temporary files a killed run left (`.<name>.<random>.tmp` of atomic writes).
    Only called while holding the folder's lock: no other batch is writing."""
    n = 0
    for folder in (out, out / "review"):
        for tmp in folder.glob(".*.tmp"):
            try:
                tmp.unlink()
                n += 1
            except OSError:
                pass
    return n


def finished_earlier(out: Path, inputs: list[Path]) -> dict[Path, list[str]]:
    """Inputs an earlier run finished (per OUT/batch.log) whose records are all
    still in OUT and newer than the input: {input: its record names}."""
    done: dict[str, list[str] | None] = {}
    try:
        with open(out / LOG_FILE, encoding="utf-8") as f:
            for line in f:
                try:
                    ev = json.loads(line)
                except ValueError:
                    continue  # a line cut short by a crash
                if isinstance(ev, dict) and ev.get("event") == "file":
                    done[ev.get("file")] = ev.get("records") if ev.get("status") == "ok" else None
    except OSError:
        return {}
    found = {}
    for path in inputs:
        names = done.get(str(path))
        if not names:
            continue
        try:
            inside = split_member(path) if not path.exists() else None
            mtime = (inside[0] if inside else path).stat().st_mtime  # a member: its archive's
            if all(record_file(out, n).stat().st_mtime >= mtime for n in names):
                found[path] = names
        except OSError:
            continue
    return found


# Engines: name -> "module:function" with run_local's signature.
ENGINES = {"local": "reply_extractor.workers:run_local"}


def _engine(name: str):
    import importlib
    try:
        module, func = ENGINES[name].split(":")
    except KeyError:
        raise BatchError(f"unknown engine {name!r}; expected one of {', '.join(ENGINES)}") from None
    return getattr(importlib.import_module(module), func)


class _Signals:
    """SIGINT and SIGTERM raise Interrupted in the main thread while a batch runs."""

    def __enter__(self):
        self.saved = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.saved[sig] = signal.signal(sig, self._raise)
        return self

    @staticmethod
    def _raise(signum, frame):
        raise Interrupted(signal.Signals(signum).name)

    def __exit__(self, *exc):
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)
        return False


def run_batch(src: Path, out: Path, jobs: int | str | None = None, progress: bool | None = None,
              index: bool = True, link: bool = True, review: bool = False, resume: bool = False,
              timeout: float | None = DEFAULT_TIMEOUT, engine: str = "local",
              options: dict | None = None, map_files=None) -> BatchResult:
    """Extract every reply under `src` into `out`. Raises BatchError when the
    batch cannot run (missing input, unwritable output, disk full); an
    interrupt (Ctrl-C, SIGTERM) stops it and is reported in the result.

    `map_files(inputs, names)`, when given, extracts the files elsewhere (a
    cluster: engines/dask_engine.py) and yields (path, (records, error)) in
    input order; the records are written here as a local run writes them."""
    start = time.perf_counter()
    src, out = Path(src), Path(out)
    if not src.exists():
        raise BatchError(f"{src}: no such file or folder")
    if jobs is not None and jobs != "auto" and int(jobs) < 1:
        raise BatchError(f"--jobs must be at least 1 (or auto), not {jobs}")
    prepare_output(out)
    result = BatchResult(out=out)
    steps = [(label, wanted) for label, wanted in (("link", link), ("index", index), ("review", review))]
    bar = _progress_bar(progress)
    with _Signals():
        lock = None
        try:
            lock = lock_output(out)
            _run(src, out, result, jobs, bar, sum(w for _, w in steps), resume, timeout, engine,
                 options or {}, lock, map_files, prepare_index=index)
            if not result.interrupted:
                _after_records(result, link=link, index=index, review=review, bar=bar)
        except Interrupted as e:
            result.interrupted = str(e) or "SIGINT"
        finally:
            bar.close()
            if lock is not None:
                os.close(lock)
    result.seconds = time.perf_counter() - start
    return result


def _progress_bar(progress: bool | None):
    """One display over every stage of a batch: loading models, then one step
    per file extracted, then one per cross-reply step (link, index, review), the
    stage named in front. Shown on a terminal unless `progress` says otherwise."""
    show = sys.stderr.isatty() if progress is None else progress
    if not show:
        return _NoBar()
    import tqdm as tq
    tq.tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
    return tq.tqdm(total=0, unit="step", desc="loading models", file=sys.stderr)


class _NoBar:
    """The progress bar's methods, doing nothing (not on a terminal: tqdm is
    not even imported)."""

    def reset(self, total=None):
        pass

    def update(self, n=1):
        pass

    def set_description(self, desc=None):
        pass

    def close(self):
        pass


def _run(src, out, result, jobs, bar, after_steps, resume, timeout, engine, options, lock, map_files,
         prepare_index: bool = False) -> None:
    from . import __version__
    from .sinks import index_staging
    began = time.perf_counter()
    remove_stale_temporaries(out)
    index_staging.clear(out)  # rows a killed run prepared: its records are read instead
    inputs, left_out = collect_inputs(src, out)
    names = output_names(inputs, src)
    result.skipped = [e for e in left_out if e["kind"] == "skipped"]
    refused = [e for e in left_out if e["kind"] != "skipped"]  # unsafe members, unreadable archives
    result.errors += refused
    result.refused = len(refused)
    result.files = len(inputs) + len(refused)
    earlier = finished_earlier(out, inputs) if resume else {}
    todo = [p for p in inputs if p not in earlier]
    result.resumed = len(earlier)
    result.records = sum(len(v) for v in earlier.values())
    result.jobs = jobs = default_jobs(len(todo)) if jobs in (None, "auto") else int(jobs)
    taken = set(names.values()) | {n for v in earlier.values() for n in v}
    writer = BatchWriter(out, names, result, taken)
    writer.event("start", version=__version__, python=sys.version.split()[0], pid=os.getpid(),
                 src=str(src), out=str(out), options={"jobs": jobs, "resume": resume,
                                                      "timeout": timeout, "engine": engine, **options},
                 files=len(inputs), to_do=len(todo), skipped=len(result.skipped))
    for entry in refused:
        _append(writer.errors_file, entry)
        writer.event("refused", **entry)
    for entry in result.skipped:  # named in errors.jsonl too, but not counted as failed
        _append(writer.errors_file, entry)
        writer.event("skipped", **entry)
    bar.reset(total=len(inputs) + after_steps)
    bar.update(len(earlier))
    try:
        if todo and engine == "local" and map_files is None:  # workers are forked from this loaded process
            import gc
            collecting = gc.isenabled()
            gc.disable()  # what loads now lives to the end: collecting would only rescan it (~10 % of the start)
            try:
                warm_up({p.suffix for p in todo})
                if prepare_index:  # the workers render index pairs with numpy: loaded once, shared
                    from .sinks.pairs import load_word_table
                    load_word_table()
            finally:
                gc.freeze()  # the loaded models stay shared: the workers' collector leaves them be
                if collecting:
                    gc.enable()
        bar.set_description("extract")

        if map_files is not None:
            for path, (records, error) in map_files(todo, names):
                writer.handle(path, records, error)
                bar.update()
        else:
            def on_done(path, staged, error, seconds):
                writer.commit(path, staged, error, seconds)
                bar.update()

            _engine(engine)([(p, names[p]) for p in todo], StagingExtract(out, taken, prepare_index), on_done,
                            jobs=jobs, timeout=timeout or None, close_fds=(lock,) if lock is not None else ())
    except Interrupted as e:
        result.interrupted = str(e) or "SIGINT"
    finally:
        result.errors.sort(key=lambda e: e["file"])
        try:
            writer.event("end", files=result.files, done=result.done, resumed=result.resumed,
                         failed=result.failed, records=result.records, skipped=len(result.skipped),
                         interrupted=result.interrupted, seconds=round(time.perf_counter() - began, 3))
        except BatchError:
            pass  # the disk is full: the error that stopped the batch is the one to report
        writer.close()
        remove_stale_temporaries(out)  # of workers killed while writing (none is running now)
        try:  # the same lines, sorted, written whole
            listed = sorted(result.errors + result.skipped, key=lambda e: e["file"])
            write_atomic(out / ERRORS_FILE, "".join(dumps(e) + "\n" for e in listed))
        except OSError:
            pass  # the appended lines stay


def _after_records(result: BatchResult, link: bool, index: bool, review: bool, bar=None) -> None:
    """Cross-reply steps over the whole of OUT. A failure here is reported but
    never touches the records already written."""
    from .linker import link_directory
    from .sinks.review import write_reviews
    from .sinks.sqlite_index import build_index
    steps = [("link", link_directory, link), ("index", build_index, index), ("review", write_reviews, review)]
    for label, step, wanted in steps:
        if not wanted:
            continue
        if bar is not None:
            bar.set_description(label)
        try:
            step(result.out)
        except OSError as e:
            result.notes.append(f"{label} step failed: {_os_reason(result.out, e)}")
        except Exception as e:  # reported in the summary; the records stay as written
            result.notes.append(f"{label} step failed: {type(e).__name__}: {e}")
        if bar is not None:
            bar.update()
