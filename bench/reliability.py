"""Reliability and batch-engine figures, measured (not a test):

- the hostile set of tests/hostile.py at full size: batch wall time and peak
  memory of the whole process tree, with and without the index step;
- how long Ctrl-C (SIGINT) takes to stop a batch while loading, extracting and
  linking;
- `--jobs 1` against `--jobs 2` and `--jobs auto` on copies of corpora/, and
  peak memory as the number of replies grows.

    .venv/bin/python bench/reliability.py [--copies 300] [--skip hostile,signals,jobs]
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import hostile  # noqa: E402

from reply_extractor.readers import read  # noqa: E402

CLI = [sys.executable, "-m", "reply_extractor.cli"]


def _pss(pid: int) -> int:
    """Proportional set size: resident memory with pages shared between processes
    (forked workers share the loaded models) counted once overall, in bytes."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants (sum of PSS), in bytes."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += _pss(p)
            for t in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (t / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            pass
    return total


def run_batch(src: Path, out: Path, *opts: str, interrupt_when=None) -> dict:
    """Run `batch` in a subprocess; wall time, peak tree RSS, exit status, and
    the stop time when `interrupt_when(out)` turns true and SIGINT is sent."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([*CLI, "batch", str(src), "--out", str(out), *opts],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, sent = 0, None
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        if interrupt_when and sent is None and interrupt_when(out):
            proc.send_signal(signal.SIGINT)
            sent = time.perf_counter()
        time.sleep(0.02)
    end = time.perf_counter()
    stdout, stderr = proc.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"seconds": end - start, "cpu": cpu, "peak_mib": peak / 2**20, "code": proc.returncode,
            "stop_seconds": None if sent is None else end - sent, "stdout": stdout, "stderr": stderr}


def log_events(out: Path) -> list[str]:
    try:
        return [json.loads(line)["event"] for line in (out / "batch.log").read_text().splitlines()]
    except (OSError, ValueError):
        return []


def copies(folder: Path, n: int) -> Path:
    """n copies of every reply of corpora/, each made distinct."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [f for f in sorted((ROOT / "corpora").iterdir()) if f.suffix in (".txt", ".docx", ".html")]
    made = 0
    while made < n:
        for f in sources:
            if made >= n:
                break
            target = folder / f"{f.stem}-{made}{f.suffix}"
            if f.suffix == ".txt":
                doc = read(f)
                target.write_bytes((doc.text + f"\n（编号{made}）\n").encode(doc.encoding or "utf-8"))
            else:
                target.write_bytes(f.read_bytes())
            made += 1
    return folder


def bench_hostile(tmp: Path) -> None:
    src = tmp / "hostile"
    good, bad, skipped = hostile.build(src)
    print(f"\nhostile set: {len(good)} good, {len(bad)} bad, {len(skipped)} skipped (tests/hostile.py, full size)")
    for label, opts in (("batch --no-index", ["--no-index"]), ("batch (link + index)", [])):
        r = run_batch(src, tmp / "hostile-out", *opts)
        out = tmp / "hostile-out"
        listed = {Path(json.loads(l)["file"]).name for l in (out / "errors.jsonl").read_text().splitlines()}
        records = {Path(json.loads(p.read_text())["source"]["path"]).name for p in out.glob("*.json")
                   if p.stem not in ("entities", "conflicts")}
        print(f"  {label:22} {r['seconds']:6.1f} s (CPU {r['cpu']:5.1f} s)  peak {r['peak_mib']:6.0f} MiB (PSS, all processes)  "
              f"exit {r['code']}  good extracted {len(records & good)}/{len(good)}  "
              f"bad named {len(listed & (bad | skipped))}/{len(bad | skipped)}")


def bench_signals(tmp: Path) -> None:
    src = copies(tmp / "sig-in", 60)
    print("\nCtrl-C (SIGINT) to exit, --jobs 2:")
    moments = {
        "while loading models": lambda out: "start" in log_events(out),
        "while extracting": lambda out: log_events(out).count("file") >= 5,
        "while linking/indexing": lambda out: "end" in log_events(out),
    }
    for label, when in moments.items():
        r = run_batch(src, tmp / "sig-out", "--jobs", "2", interrupt_when=when)
        line = r["stderr"].strip().splitlines()[-1] if r["stderr"].strip() else ""
        stop = f"{r['stop_seconds']:.2f} s" if r["stop_seconds"] is not None else "(finished first)"
        print(f"  {label:24} stopped in {stop}, exit {r['code']}, "
              f"traceback: {'yes' if 'Traceback' in r['stderr'] else 'no'}; {line[:90]}")


def bench_jobs(tmp: Path, n: int) -> None:
    print(f"\n--jobs on copies of corpora/ (extraction only: --no-index --no-link):")
    small = ROOT / "corpora"
    for jobs in ("1", "2", "auto"):
        r = run_batch(small, tmp / "jobs-out", "--no-index", "--no-link", "--jobs", jobs)
        print(f"  9 files,     --jobs {jobs:4}  {r['seconds']:6.1f} s (CPU {r['cpu']:5.1f} s)  peak {r['peak_mib']:5.0f} MiB")
    src = copies(tmp / "jobs-in", n)
    times = {}
    for jobs in ("1", "2", "auto"):
        r = run_batch(src, tmp / "jobs-out", "--no-index", "--no-link", "--jobs", jobs)
        times[jobs] = r["seconds"]
        print(f"  {n} files, --jobs {jobs:4}  {r['seconds']:6.1f} s (CPU {r['cpu']:5.1f} s)  peak {r['peak_mib']:5.0f} MiB"
              + (f"  ({times['1'] / r['seconds']:.2f}x --jobs 1)" if jobs != "1" else ""))
    src4 = copies(tmp / "jobs-in4", 4 * n)
    r = run_batch(src4, tmp / "jobs-out", "--no-index", "--no-link", "--jobs", "2")
    print(f"  {4 * n} files, --jobs 2     {r['seconds']:6.1f} s (CPU {r['cpu']:5.1f} s)  peak {r['peak_mib']:5.0f} MiB "
          "(memory flat in the number of replies)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=300)
    ap.add_argument("--skip", default="", help="comma-separated: hostile, signals, jobs")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory(prefix="rx-bench-") as d:
        tmp = Path(d)
        if "hostile" not in skip:
            bench_hostile(tmp)
        if "signals" not in skip:
            bench_signals(tmp)
        if "jobs" not in skip:
            bench_jobs(tmp, args.copies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
