"""Batch: every supported file under a folder -> one JSON record per reply in OUT.

Records are written atomically as they complete, so an interrupted batch
leaves whole records only. Files that fail are listed in OUT/errors.jsonl and
the batch goes on. After the records, the linker and the search index run over
the whole of OUT, so adding new replies to an existing OUT re-links them all.
"""
from __future__ import annotations

import glob
import json
import os
import re
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .readers import SUPPORTED, ReadError
from .readers.archive import is_archive, list_members, member_path, split_member
from .sinks.jsonfile import write_atomic, write_json, dumps

ERRORS_FILE = "errors.jsonl"
# Stems of the files the batch writes beside the records: a reply named so is
# written under its full name instead.
RESERVED = {"entities", "conflicts", "errors", "replies"}


@dataclass
class BatchResult:
    out: Path
    files: int = 0
    records: int = 0
    skipped: list[dict] = field(default_factory=list)  # errors.jsonl entries of kind "skipped"
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        line = (f"{self.files - self.failed} of {self.files} files extracted, {self.records} records "
                f"written to {self.out}, {self.failed} failed")
        if self.skipped:
            line += f", {len(self.skipped)} skipped (see {ERRORS_FILE})"
        return line + f" ({self.seconds:.1f} s)"


def collect_inputs(root: Path, out: Path | None = None) -> tuple[list[Path], list[dict]]:
    """(reply files, entries for the files left out), sorted. Archives are
    opened: each reply inside is an input, addressed as `<archive>/<member>`
    (readers/archive.py). Left out, each with its reason: other file types
    (kind "skipped"), unsafe archive members and unreadable archives (kind
    "refused", "corrupt" …). Hidden entries and the output folder are ignored."""
    root = Path(root)
    if root.is_file():
        files = [root]
    else:
        out_resolved = out.resolve() if out else None
        files = []
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                continue
            if out_resolved and out_resolved in path.resolve().parents:
                continue
            files.append(path)
    inputs, left_out = [], []
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
        else:
            left_out.append({"file": str(path), "kind": "skipped",
                             "message": f"not a reply file type ({suffix or 'no extension'}); "
                                        f"read are {', '.join(SUPPORTED)} and archives"})
    return inputs, left_out


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


def _records_of(out: Path, name: str, source: Path) -> set[Path]:
    """Records an earlier run wrote for this input: `name.json` and its parts
    `name-N.json`, as long as they say they came from `source`."""
    found = set()
    name = record_file(out, name).stem
    for p in out.glob(f"{glob.escape(name)}*.json"):
        if p.stem != name and not re.fullmatch(re.escape(name) + r"-\d+(~\d+)?", p.stem):
            continue
        try:
            rec = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(rec, dict) and (rec.get("source") or {}).get("path") == str(source):
            found.add(p)
    return found


def extract_file(path: Path, name: str) -> tuple[list[dict], dict | None]:
    """Records of one file, or an error entry. Runs in a worker process."""
    from .pipeline import extract_all
    try:
        doc = read_input(path)
        replies = extract_all(doc)
    except ReadError as e:
        return [], {"file": str(path), "kind": e.kind, "message": e.reason}
    except Exception as e:  # an extractor bug must not stop the batch
        detail = traceback.format_exc(limit=-3)
        return [], {"file": str(path), "kind": "internal", "message": f"{type(e).__name__}: {e}",
                    "detail": detail}
    records = []
    for i, reply in enumerate(replies, 1):
        rec = reply.to_dict()
        rec["doc_id"] = name if len(replies) == 1 else f"{name}-{i}"
        records.append(rec)
    return records, None


def read_input(path: Path):
    """The Document of a batch input: a file, or a reply inside an archive."""
    from .readers import read, read_bytes
    from .readers.archive import read_member
    inside = split_member(path) if not path.exists() else None
    if inside:
        return read_bytes(read_member(*inside), path)
    return read(path)


def default_jobs(n_files: int) -> int:
    # Worker start-up (jieba, spaCy) costs about a second; small batches run in-process.
    return max(1, min(os.cpu_count() or 1, n_files // 8))


def run_batch(src: Path, out: Path, jobs: int | None = None, progress: bool | None = None,
              index: bool = True, link: bool = True, review: bool = False,
              map_files=None) -> BatchResult:
    """`map_files(inputs, names)`, when given, extracts the files elsewhere (an
    engine of engines/, e.g. a Dask cluster) and yields (path, (records, error))
    in input order; the records are written here as a local run writes them."""
    start = time.perf_counter()
    src, out = Path(src), Path(out)
    if not src.exists():
        raise FileNotFoundError(f"{src}: no such file or folder")
    out.mkdir(parents=True, exist_ok=True)
    inputs, left_out = collect_inputs(src, out)
    names = output_names(inputs, src)
    refused = [e for e in left_out if e["kind"] != "skipped"]  # unsafe members, unreadable archives
    result = BatchResult(out=out, files=len(inputs) + len(refused), errors=refused,
                         skipped=[e for e in left_out if e["kind"] == "skipped"])
    jobs = jobs or default_jobs(len(inputs))
    show = sys.stderr.isatty() if progress is None else progress

    taken = set(names.values())  # every input's own name, so a part name never takes one

    def handle(path: Path, records: list[dict], error: dict | None) -> None:
        if error:
            result.errors.append(error)
            return
        stale = _records_of(out, names[path], path)
        for rec in records:
            if rec["doc_id"] != names[path]:  # a part of a page holding several replies
                rec["doc_id"] = _free_name(rec["doc_id"], taken)
            taken.add(rec["doc_id"])
            target = record_file(out, rec["doc_id"])
            write_json(target, rec)
            stale.discard(target)
            result.records += 1
        for old in stale:  # an earlier run split this file differently
            old.unlink(missing_ok=True)

    from tqdm import tqdm
    with tqdm(total=len(inputs), unit="file", disable=not show, desc="extract") as bar:
        if map_files is not None:
            for path, (records, error) in map_files(inputs, names):
                handle(path, records, error)
                bar.update()
        elif jobs <= 1:
            for path in inputs:
                handle(path, *extract_file(path, names[path]))
                bar.update()
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(extract_file, p, names[p]): p for p in inputs}
                for fut in as_completed(futures):
                    try:
                        handle(futures[fut], *fut.result())
                    except Exception as e:  # a worker died (out of memory, killed)
                        result.errors.append({"file": str(futures[fut]), "kind": "internal",
                                              "message": f"worker failed: {type(e).__name__}: {e}"})
                    bar.update()
    result.errors.sort(key=lambda e: e["file"])
    listed = sorted(result.errors + result.skipped, key=lambda e: e["file"])
    write_atomic(out / ERRORS_FILE, "".join(dumps(e) + "\n" for e in listed))
    _after_records(result, link=link, index=index, review=review)
    result.seconds = time.perf_counter() - start
    return result


def _after_records(result: BatchResult, link: bool, index: bool, review: bool) -> None:
    """Cross-reply steps over the whole of OUT. A failure here is reported but
    never touches the records already written."""
    from .linker import link_directory
    from .sinks.review import write_reviews
    from .sinks.sqlite_index import build_index
    steps = [("link", link_directory, link), ("index", build_index, index), ("review", write_reviews, review)]
    for label, step, wanted in steps:
        if not wanted:
            continue
        try:
            step(result.out)
        except Exception as e:  # reported in the summary; the records stay as written
            result.notes.append(f"{label} step failed: {type(e).__name__}: {e}")
