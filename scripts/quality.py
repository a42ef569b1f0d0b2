"""Score the extractor on the gold sets; write results/quality.md and the README's table.

    .venv/bin/python scripts/quality.py [--shared ../shared] [--out results/quality.md]

Runs `reply-extractor batch` (records, linking; no index) on each corpus set,
scores the records with the shared score.py, and writes one table per set.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_SETS = ["dev", "dev-docx", "real"]
# The project's own held-out sets (eval/heldoutN): written by annotators who did
# not see the extractor's code; see each set's README for how blind it still is.
OWN_SETS = ["heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18", "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24", "heldout25", "heldout26", "heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32", "heldout33", "heldout34", "heldout35", "heldout36", "heldout37", "heldout38", "heldout39", "heldout40", "heldout41", "heldout42", "heldout43", "heldout44", "heldout45", "heldout46", "heldout47", "heldout48", "heldout49", "heldout50", "heldout51", "heldout52", "heldout53", "heldout54", "heldout55", "heldout56", "heldout57", "heldout58", "heldout59", "heldout60", "heldout61", "heldout62", "heldout63", "heldout64", "heldout65", "heldout66", "heldout67", "heldout68", "heldout69", "heldout70", "heldout71"]
# Gold for real published pages kept in ../shared/corpus/real-pages/<folder> (the
# pages stay there; eval/realpages-<folder>/gold holds only the annotations), scored
# per form: (row name, gold set, folder, file suffix).
REAL_PAGE_SETS = [("realpages-pingtan", "realpages-pingtan", "pingtan", ".txt"),
                  ("realpages-putian (crawler text)", "realpages-putian", "putian", ".txt"),
                  ("realpages-putian (html)", "realpages-putian", "putian", ".html"),
                  ("realpages-sanming (crawler text)", "realpages-sanming", "sanming", ".txt"),
                  # Second blind round (other pages of the same portals, annotated after the
                  # first round's fixes): its first score is the check on overfitting.
                  ("realpages2-pingtan", "realpages2-pingtan", "pingtan", ".txt"),
                  ("realpages2-putian (crawler text)", "realpages2-putian", "putian", ".txt"),
                  ("realpages2-sanming (crawler text)", "realpages2-sanming", "sanming", ".txt")]
CATS = ["measures", "figures", "rankings", "commitments", "policies", "programs", "overall"]


def score_set(scorer: Path, corpus: Path, gold: Path) -> dict:
    with tempfile.TemporaryDirectory() as out:
        cli = Path(sys.executable).with_name("reply-extractor")
        subprocess.run([str(cli), "batch", str(corpus), "--out", out, "--no-index"],
                       check=False, capture_output=True)
        res = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", out, "--json"],
                             check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def score_pages(scorer: Path, folder: Path, suffix: str, gold: Path) -> dict | None:
    """Score the pages of `folder` that have gold, read in the form `suffix`;
    gold of pages without that form is left out."""
    pairs = [(folder / (g.name.removesuffix(".gold.json") + suffix), g) for g in sorted(gold.glob("*.gold.json"))]
    pairs = [(page, g) for page, g in pairs if page.is_file()]
    if not pairs:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        corpus, gold_dir = Path(tmp, "corpus"), Path(tmp, "gold")
        corpus.mkdir()
        gold_dir.mkdir()
        for page, g in pairs:
            shutil.copy(page, corpus / page.name)
            shutil.copy(g, gold_dir / g.name)
        return score_set(scorer, corpus, gold_dir)


def summary_table(results: list[tuple[str, dict]]) -> list[str]:
    """One line per set: F1 per category, metadata, attribution, linking."""
    lines = ["| set | " + " | ".join(CATS[:-1]) + " | overall F1 | metadata | metric attribution | linking F1 |",
             "|---" * (len(CATS) + 4) + "|"]
    for name, res in results:
        cells = [fmt(res["categories"][c]["f1"]) for c in CATS[:-1]] + [fmt(res["overall"]["f1"])]
        cells += [fmt(res["meta_accuracy"]), fmt(res["figure_metric_accuracy"]),
                  fmt((res.get("linking") or {}).get("f1"))]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def update_readme(readme: Path, lines: list[str]) -> None:
    """Replace the table between the quality markers of the README."""
    text = readme.read_text(encoding="utf-8")
    start = text.index("\n", text.index("<!-- quality:start")) + 1
    end = text.index("<!-- quality:end -->")
    readme.write_text(text[:start] + "\n".join(lines) + "\n" + text[end:], encoding="utf-8")


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
    ap.add_argument("--only", help="score only the sets whose name contains this (no files written)")
    args = ap.parse_args()
    if not (args.shared / "eval" / "score.py").exists():
        print(f"no score.py under {args.shared}; nothing to score", file=sys.stderr)
        return 1
    lines = ["# Extraction quality on the shared gold sets", "",
             f"Produced by `scripts/quality.py` on {dt.date.today().isoformat()}: "
             "`reply-extractor batch` then `score.py` per set.", ""]
    scorer = args.shared / "eval" / "score.py"
    jobs = [(f"shared/{name}", lambda name=name: score_set(scorer, args.shared / "corpus" / name,
                                                          args.shared / "eval" / name))
            for name in SHARED_SETS]
    jobs += [(f"eval/{name}", lambda name=name: score_set(scorer, ROOT / "eval" / name / "corpus",
                                                         ROOT / "eval" / name / "gold"))
             for name in OWN_SETS if (ROOT / "eval" / name / "gold").is_dir()]
    jobs += [(f"eval/{name}", lambda gold_set=gold_set, folder=folder, suffix=suffix: score_pages(
                scorer, args.shared / "corpus" / "real-pages" / folder, suffix, ROOT / "eval" / gold_set / "gold"))
             for name, gold_set, folder, suffix in REAL_PAGE_SETS if (ROOT / "eval" / gold_set / "gold").is_dir()]
    if args.only:
        jobs = [(name, job) for name, job in jobs if args.only in name]
    results = [(name, res) for name, job in jobs if (res := job()) is not None]
    if args.only:
        print("\n".join(summary_table(results)))
        return 0
    for name, res in results:
        lines += table(name, res)
    update_readme(ROOT / "README.md", summary_table(results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
