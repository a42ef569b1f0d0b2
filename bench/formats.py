"""Published formats against their twins, and their speed. Not a test.

    .venv/bin/python bench/formats.py [--sets dev-docx,dev] [--shared ../shared] [--keep DIR]

For each gold set, every reply (.docx or .txt) is converted with LibreOffice
to Word 97 .doc and to PDF (text layer), and the PDF rendered at 300 dpi into
a scanned PDF (no text layer). Each variant folder goes through
`reply-extractor batch` and is scored with the shared score.py against the
same gold; the table shows overall F1 and metadata accuracy per variant and
the difference from the twin. The done-when bounds are 0.01 (.doc, .pdf) and
0.05 (scan).

Then: seconds to read a 10-page PDF (median of 5), and to OCR one scanned
page, as `readers.read` does them.
"""
from __future__ import annotations

import argparse
import json
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


def timings(sample: Path, work: Path) -> None:
    from reply_extractor.readers import read
    # Ten pages: one reply's paragraphs repeated into a long .txt, converted once.
    text = sample.read_text(encoding="utf-8") if sample.suffix == ".txt" else read(sample).text
    long = work / "ten-pages.txt"
    body = (text + "\n") * 6
    long.write_text(body, encoding="utf-8")
    pdf = convert([long], "pdf", work / "long")[0]
    import pdfplumber
    with pdfplumber.open(pdf) as p:
        pages = len(p.pages)
    read(pdf)  # imports
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        read(pdf)
        runs.append(time.perf_counter() - t)
    print(f"text PDF of {pages} pages: read in {statistics.median(runs):.2f} s (median of 5; "
          f"{statistics.median(runs) / pages * 1000:.0f} ms a page)")
    one = convert([sample], "pdf", work / "one")[0]
    scanned = scan(one, work / "one-scan.pdf")
    import pypdfium2 as pdfium
    n = len(pdfium.PdfDocument(str(scanned)))
    t = time.perf_counter()
    doc = read(scanned)
    dt = time.perf_counter() - t
    print(f"scanned PDF of {n} page(s) at 300 dpi: OCR in {dt:.1f} s ({dt / n:.1f} s a page, "
          f"mean confidence {doc.ocr['mean_confidence']})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="dev-docx", help="comma-separated gold sets (default dev-docx)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep", type=Path, help="keep the converted files and records here")
    ap.add_argument("--no-timings", action="store_true")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="rx-formats-"))
    scorer = args.shared / "eval" / "score.py"
    print("| set | variant | overall F1 | Δ vs twin | bound | metadata | Δ |")
    print("|---|---|---|---|---|---|---|")
    sample = None
    try:
        for name in args.sets.split(","):
            corpus, gold = args.shared / "corpus" / name, args.shared / "eval" / name
            docx = sorted(corpus.glob("*.docx"))
            if sample is None and docx:
                sample = docx[0]
            folders = make_variants(corpus, work / name)
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
        if not args.no_timings and sample is not None:
            timings(sample, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
