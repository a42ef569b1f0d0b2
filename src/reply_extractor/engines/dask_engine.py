"""`batch --engine dask --scheduler ADDRESS`: reading and extraction spread over
the workers of a Dask distributed cluster.

Each file is one task running batch.extract_file on a worker; the batch (on
this machine) takes the results back in input order and writes records,
errors.jsonl, links and index exactly as a local run does. Inputs and OUT may
be local folders or fsspec URLs (file://, s3:// with s3fs installed,
memory:// …): a remote input is fetched by the worker that extracts it, and a
remote OUT is written in a local staging folder and uploaded when the batch
is done. Workers need this package installed (the same version).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

# Tasks in flight per worker thread: enough to keep workers busy, few enough
# that results do not pile up on the client.
TASKS_PER_THREAD = 4


def _is_local(url: str) -> bool:
    return "://" not in str(url) or str(url).startswith("file://")


def _local_path(url: str) -> Path:
    """A local path or file:// URL as a Path."""
    import fsspec

    if "://" not in str(url):
        return Path(url)
    _, path = fsspec.core.url_to_fs(str(url))
    return Path(path)


def _extract(source: str, shown: str, name: str):
    """On a worker: the records of one file (batch.extract_file), read from
    `source` (an absolute path, since a worker's folder is not the client's,
    or a URL) and named `shown` in the records and errors, as a local run
    names it. A remote input is copied to a temporary file of the same name
    first."""
    from ..batch import extract_file

    if "://" not in source:
        records, error = extract_file(Path(source), name)
    else:
        import fsspec

        with tempfile.TemporaryDirectory(prefix="reply-extractor-") as tmp:
            copy = Path(tmp) / PurePosixPath(source).name
            with fsspec.open(source, "rb") as src, open(copy, "wb") as dst:
                shutil.copyfileobj(src, dst)
            records, error = extract_file(copy, name)
    for rec in records:
        rec.setdefault("source", {})["path"] = shown
    if error:
        error["file"] = shown
    return records, error


class DaskFiles:
    """batch.run_batch's `map_files`: (path, (records, error)) for every input,
    in input order, extracted on the cluster. `remote` maps a local stand-in
    path to the URL a worker reads."""

    def __init__(self, client, remote: dict[Path, str] | None = None):
        self.client = client
        self.remote = remote or {}

    def __call__(self, inputs: list[Path], names: dict[Path, str]):
        threads = sum(self.client.nthreads().values()) or 1
        window = max(1, threads * TASKS_PER_THREAD)
        pending: list = []
        for path in inputs:
            source = self.remote.get(path) or os.path.abspath(path)
            shown = self.remote.get(path) or str(path)
            pending.append((path, self.client.submit(_extract, source, shown, names[path], pure=False)))
            if len(pending) >= window:
                yield self._result(*pending.pop(0))
        while pending:
            yield self._result(*pending.pop(0))

    @staticmethod
    def _result(path: Path, future):
        try:
            return path, future.result()
        except Exception as e:  # a worker died or the task could not run
            return path, ([], {"file": str(path), "kind": "internal",
                               "message": f"worker failed: {type(e).__name__}: {e}"})
        finally:
            future.release()


def _stand_ins(src: str, staging: Path) -> dict[Path, str]:
    """Empty local files named like the remote inputs (the batch names records
    and orders inputs by them); each mapped to the URL a worker reads."""
    import fsspec

    from ..readers import SUPPORTED

    fs, root = fsspec.core.url_to_fs(src)
    root = root.rstrip("/")
    found = {}
    for p in sorted(fs.find(root)):
        rel = PurePosixPath(p).relative_to(PurePosixPath(root)) if p != root else PurePosixPath(PurePosixPath(p).name)
        if any(part.startswith(".") for part in rel.parts) or PurePosixPath(p).suffix.lower() not in SUPPORTED:
            continue
        local = staging.joinpath(*rel.parts)
        local.parent.mkdir(parents=True, exist_ok=True)
        local.touch()
        found[local] = fs.unstrip_protocol(p)
    return found


def run_batch(src: str, out: str, scheduler, **options):
    """A batch of `src` into `out` (paths or fsspec URLs) with extraction on the
    Dask cluster at `scheduler` (an address such as tcp://host:8786, or a
    distributed.Client). Other options as batch.run_batch."""
    from distributed import Client

    from .. import batch

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    work = Path(tempfile.mkdtemp(prefix="reply-extractor-dask-"))
    try:
        remote: dict[Path, str] = {}
        if _is_local(src):
            local_src = _local_path(src)
        else:
            local_src = work / "in"
            local_src.mkdir()
            remote = _stand_ins(str(src), local_src)
        local_out = _local_path(out) if _is_local(out) else work / "out"
        result = batch.run_batch(local_src, local_out, map_files=DaskFiles(client, remote), **options)
        if not _is_local(out):
            import fsspec

            fs, root = fsspec.core.url_to_fs(str(out))
            fs.makedirs(root, exist_ok=True)
            for f in sorted(local_out.rglob("*")):
                if f.is_file():
                    fs.put_file(str(f), f"{root.rstrip('/')}/{f.relative_to(local_out).as_posix()}")
            result.out = out
        return result
    finally:
        if client is not scheduler:
            client.close()
        shutil.rmtree(work, ignore_errors=True)
