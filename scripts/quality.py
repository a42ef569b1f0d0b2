"""Score the extractor on the shared gold sets and write results/quality.md.

    .venv/bin/python scripts/quality.py [--shared ../shared] [--out results/quality.md]

Runs `reply-extractor batch` (records, linking; no index) on each corpus set,
scores the records with the shared score.py, and writes one table per set.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ["dev", "dev-docx", "real"]
CATS = ["measures", "figures", "rankings", "commitments", "policies", "programs", "overall"]


def score_set(shared: Path, name: str) -> dict:
    with tempfile.TemporaryDirectory() as out:
        cli = Path(sys.executable).with_name("reply-extractor")
        subprocess.run([str(cli), "batch", str(shared / "corpus" / name), "--out", out, "--no-index"],
                       check=False, capture_output=True)
        res = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--gold",
                              str(shared / "eval" / name), "--pred", out, "--json"],
                             check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def fmt(x) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def table(name: str, res: dict) -> list[str]:
    lines = [f"### {name} ({res['documents']} documents)", "",
             "| category | P | R | F1 | tp/fp/fn |", "|---|---|---|---|---|"]
    for cat in CATS:
        m = res["overall"] if cat == "overall" else res["categories"][cat]
        lines.append(f"| {cat} | {fmt(m['precision'])} | {fmt(m['recall'])} | {fmt(m['f1'])} | "
                     f"{m['tp']}/{m['fp']}/{m['fn']} |")
    lines.append(f"| metadata accuracy | | | {fmt(res['meta_accuracy'])} | |")
    lines.append(f"| figure metric attribution | | | {fmt(res['figure_metric_accuracy'])} | |")
    if res.get("linking"):
        L = res["linking"]
        lines.append(f"| cross-document linking | {fmt(L['precision'])} | {fmt(L['recall'])} | "
                     f"{fmt(L['f1'])} | {L['tp']}/{L['fp']}/{L['fn']} |")
    return lines + [""]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "results" / "quality.md")
    args = ap.parse_args()
    if not (args.shared / "eval" / "score.py").exists():
        print(f"no score.py under {args.shared}; nothing to score", file=sys.stderr)
        return 1
    lines = ["# Extraction quality on the shared gold sets", "",
             f"Produced by `scripts/quality.py` on {dt.date.today().isoformat()}: "
             "`reply-extractor batch` then `score.py` per set.", ""]
    for name in SETS:
        lines += table(name, score_set(args.shared, name))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
