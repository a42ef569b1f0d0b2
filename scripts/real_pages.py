"""Survey the unannotated real pages (../shared/corpus/real-pages): every record
keeps the span invariant and validates against the schema; how many pages name
an issuer, a reply date, a proposal number, a feedback verdict; and whether each
莆田 crawler .txt gives as many items as its published .html twin.

    .venv/bin/python scripts/real_pages.py [--pages ../shared/corpus/real-pages] [-v]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import jsonschema

from reply_extractor.pipeline import extract_all

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("measures", "figures", "rankings", "commitments", "policies", "programs")
META = ("issuer", "reply_date", "proposal_no", "doc_number", "feedback")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "corpus" / "real-pages")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per file")
    args = ap.parse_args()
    schema = json.loads((ROOT / "schemas" / "reply.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    counts: dict[Path, Counter] = {}
    have: dict[str, Counter] = {}
    bad = 0
    for path in sorted(args.pages.rglob("*")):
        if path.suffix not in (".txt", ".html"):
            continue
        c = Counter()
        folder = path.parent.name + (" (html)" if path.suffix == ".html" else "")
        replies = extract_all(path)
        for r in replies:
            problems = r.check_spans() + [e.message for e in validator.iter_errors(r.to_dict())]
            if problems:
                bad += 1
                print(f"{path}: {problems[:3]}", file=sys.stderr)
            for k in KINDS:
                c[k] += len(getattr(r, k))
            for k in META:
                c[k] += bool(getattr(r.meta, k, None))
        c["records"] = len(replies)
        counts[path] = c
        h = have.setdefault(folder, Counter())
        h["pages"] += 1
        h.update({k: c[k] > 0 for k in META})
        if args.verbose:
            print(path.relative_to(args.pages), dict(c))
    print(f"{len(counts)} files, {bad} records breaking the span invariant or the schema")
    for folder, h in sorted(have.items()):
        print(f"{folder:16} " + "  ".join(f"{k} {h[k]}/{h['pages']}" for k in META))
    twins = [(p, p.with_suffix(".html")) for p in counts if p.suffix == ".txt" and p.with_suffix(".html") in counts]
    if twins:
        same = Counter()
        for txt, html in twins:
            for k in KINDS:
                same[k] += counts[txt][k] == counts[html][k]
            diff = {k: (counts[txt][k], counts[html][k]) for k in KINDS if counts[txt][k] != counts[html][k]}
            if diff and args.verbose:
                print(f"  {txt.stem}: txt vs html {diff}")
        print(f"txt vs html twins ({len(twins)}): same count of " +
              ", ".join(f"{k} {same[k]}/{len(twins)}" for k in KINDS))
        print("  totals txt/html: " + ", ".join(
            f"{k} {sum(counts[t][k] for t, _ in twins)}/{sum(counts[h][k] for _, h in twins)}" for k in KINDS))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
