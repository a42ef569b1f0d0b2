"""Extraction speed and memory over the sample corpora. Not a test.

    .venv/bin/python bench/benchmark.py [--repeat N] [--no-shared] [PATH ...]

Files: every reply file (.txt .docx .html .htm) in corpora/ and, when present,
in ../shared/corpus/*/ — or the files and folders given as PATH.

Reports:
- the first call (imports, data files, any model loading) on its own;
- documents per second over N timed passes (default 3), in total and per
  format (txt, docx, html);
- peak memory: the process's ru_maxrss, and the tracemalloc peak of one
  extra pass over all files (run apart, as tracing slows extraction down).

Numbers are wall-clock on a shared machine: compare runs made side by side.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = (".txt", ".docx", ".html", ".htm")


def reply_files(paths: list[Path]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file())
        elif p.suffix.lower() in SUFFIXES:
            out.append(p)
    return out


def default_paths(shared: bool) -> list[Path]:
    paths = [ROOT / "corpora"]
    corpus = ROOT.parent / "shared" / "corpus"
    if shared and corpus.is_dir():
        paths += sorted(p for p in corpus.iterdir() if p.is_dir())
    return paths


def fmt_of(path: Path) -> str:
    return "html" if path.suffix.lower() in (".html", ".htm") else path.suffix.lower().lstrip(".")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the corpora)")
    ap.add_argument("--repeat", "-n", type=int, default=3, help="timed passes (default 3)")
    ap.add_argument("--no-shared", action="store_true", help="only corpora/, not ../shared/corpus")
    args = ap.parse_args(argv)

    files = reply_files(args.paths or default_paths(not args.no_shared))
    if not files:
        print("no reply files found", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    from reply_extractor.pipeline import extract_all
    extract_all(files[0])
    first_call = time.perf_counter() - t0

    per_format: dict[str, list[float]] = defaultdict(list)   # seconds per document extraction
    records = 0
    failures: dict[Path, str] = {}
    for _ in range(args.repeat):
        for f in files:
            t = time.perf_counter()
            try:
                records += len(extract_all(f))
            except Exception as e:                          # a benchmark reports, it does not stop
                failures[f] = f"{type(e).__name__}: {e}"
                continue
            per_format[fmt_of(f)].append(time.perf_counter() - t)

    tracemalloc.start()
    for f in files:
        if f not in failures:
            extract_all(f)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss   # KiB on Linux

    print(f"files: {len(files)}  passes: {args.repeat}  records per pass: {records // max(args.repeat, 1)}")
    print(f"first call (imports, data, models): {first_call:.3f} s")
    print()
    print(f"{'format':<8}{'docs':>7}{'total s':>10}{'ms/doc':>10}{'docs/s':>10}")
    all_times = []
    for name in sorted(per_format):
        times = per_format[name]
        all_times += times
        print(f"{name:<8}{len(times):>7}{sum(times):>10.3f}{1000 * sum(times) / len(times):>10.1f}"
              f"{len(times) / sum(times):>10.1f}")
    if all_times:
        total = sum(all_times)
        print(f"{'all':<8}{len(all_times):>7}{total:>10.3f}{1000 * total / len(all_times):>10.1f}"
              f"{len(all_times) / total:>10.1f}")
    print()
    print(f"peak RSS (ru_maxrss): {maxrss_kib / 1024:.1f} MiB")
    print(f"tracemalloc peak, one pass over all files: {traced_peak / 2**20:.1f} MiB")
    print()
    print("pathological input (time must grow linearly with length):")
    for label, text in stress_texts():
        start = time.perf_counter()
        extract_all(text)
        print(f"  {label:<46}{len(text):>8} chars {time.perf_counter() - start:>8.2f} s")
    for f, err in failures.items():
        print(f"FAILED {f}: {err}", file=sys.stderr)
    return 1 if failures else 0


def stress_texts():
    """One endless sentence of commitments at two lengths, a ranking cue repeated
    with no punctuation, and a run of magnitude words."""
    for n in (4_000, 20_000):
        yield f"one sentence of 将 cues x{n}", "我局将推进" * n + "。"
    yield "ranking phrase x1300, no punctuation", "增速位居宁波第2位" * 1300
    yield "3000 x 万 after a number", "投入1" + "万" * 3000 + "元。"


if __name__ == "__main__":
    sys.exit(main())
