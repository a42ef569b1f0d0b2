"""Published formats against their twins, and their speed. Not a test.

    .venv/bin/python bench/formats.py [--sets dev-docx,dev] [--shared ../shared] [--keep DIR]

For each gold set, every reply (.docx or .txt) is converted with LibreOffice
to Word 97 .doc and to PDF (text layer), and the PDF rendered at 300 dpi into
a scanned PDF (no text layer). Each variant folder goes through
`reply-extractor batch` and is scored with the shared score.py against the
same gold; the table shows overall F1 and metadata accuracy per variant and
the difference from the twin. The done-when bounds are 0.01 (.doc, .pdf) and
0.05 (scan).

Then: seconds to read a 10-page PDF made of those replies' pages (median of
5), and to OCR one scanned page (median of 3, with the machine's load), as
`readers.read` does them.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from format_fixtures import convert, scan  # noqa: E402

BOUNDS = {"doc": 0.01, "pdf": 0.01, "scan": 0.05}


def make_variants(corpus: Path, work: Path) -> dict[str, Path]:
    twins = sorted(p for p in corpus.iterdir() if p.suffix in (".docx", ".txt"))
    folders = {"twin": corpus, "doc": work / "doc", "pdf": work / "pdf", "scan": work / "scan"}
    convert(twins, "doc", folders["doc"])
    pdfs = convert(twins, "pdf", folders["pdf"])
    for pdf in pdfs:
        scan(pdf, folders["scan"] / pdf.name)
    return folders


def score(folder: Path, gold: Path, scorer: Path, out: Path) -> dict:
    cli = Path(sys.executable).with_name("reply-extractor")
    subprocess.run([str(cli), "batch", str(folder), "--out", str(out), "--no-index"],
                   capture_output=True, check=False)
    res = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", str(out), "--json"],
                         check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def timed_reads(path: Path, times: int):
    """The document read from `path` and the seconds each of `times` reads took."""
    from reply_extractor.readers import read
    runs = []
    for _ in range(times):
        t = time.perf_counter()
        doc = read(path)
        runs.append(time.perf_counter() - t)
    return doc, runs


def timings(pdfs: list[Path], work: Path) -> None:
    """A 10-page PDF made of the converted replies' pages (repeated as needed),
    read 5 times; then the OCR of one scanned page."""
    import pypdfium2 as pdfium

    from reply_extractor.readers import read
    ten = pdfium.PdfDocument.new()
    while len(ten) < 10:
        for pdf in pdfs:
            src = pdfium.PdfDocument(str(pdf))
            ten.import_pages(src, list(range(min(len(src), 10 - len(ten)))))
            if len(ten) >= 10:
                break
    long = work / "ten-pages.pdf"
    ten.save(str(long))
    read(long)  # imports
    doc, runs = timed_reads(long, 5)
    print(f"text PDF of 10 pages ({len(doc.text)} characters): read in {statistics.median(runs):.2f} s "
          f"(median of 5)")
    one = pdfium.PdfDocument.new()
    one.import_pages(pdfium.PdfDocument(str(pdfs[0])), [0])
    one.save(str(work / "one.pdf"))
    scanned = scan(work / "one.pdf", work / "one-scan.pdf")
    doc, runs = timed_reads(scanned, 3)
    print(f"scanned page at 300 dpi: OCR in {statistics.median(runs):.1f} s (median of 3, fastest "
          f"{min(runs):.1f} s; load average {os.getloadavg()[0]:.1f}; mean confidence "
          f"{doc.ocr['mean_confidence']})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="dev-docx,dev", help="comma-separated gold sets (default dev-docx,dev)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep", type=Path, help="keep the converted files and records here")
    ap.add_argument("--no-timings", action="store_true")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="rx-formats-"))
    scorer = args.shared / "eval" / "score.py"
    print("| set | variant | overall F1 | Δ vs twin | bound | metadata | Δ |")
    print("|---|---|---|---|---|---|---|")
    pdfs: list[Path] = []
    try:
        for name in args.sets.split(","):
            corpus, gold = args.shared / "corpus" / name, args.shared / "eval" / name
            folders = make_variants(corpus, work / name)
            pdfs += sorted(folders["pdf"].glob("*.pdf"))
            base = None
            for variant, folder in folders.items():
                res = score(folder, gold, scorer, work / name / f"out-{variant}")
                f1, meta = res["overall"]["f1"], res["meta_accuracy"]
                if base is None:
                    base = (f1, meta)
                    print(f"| {name} | {variant} | {f1:.3f} | | | {meta:.3f} | |")
                    continue
                d_f1, d_meta = f1 - base[0], meta - base[1]
                ok = "ok" if d_f1 >= -BOUNDS[variant] else "OVER"
                print(f"| {name} | {variant} | {f1:.3f} | {d_f1:+.3f} | {BOUNDS[variant]} {ok} | "
                      f"{meta:.3f} | {d_meta:+.3f} |", flush=True)
        if not args.no_timings and pdfs:
            timings(pdfs, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
