"""`reply-extractor search QUERY --db OUT/replies.sqlite`: ranked hits with the
reply, the span and a highlighted snippet."""
from __future__ import annotations

import argparse
import json
import sys


def _bounded(low: int, high: int):
    """An argparse type: a whole number in [low, high] (argparse says usage error otherwise)."""
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, not {text}")
        return n
    return parse


def register(subparsers) -> None:
    p = subparsers.add_parser("search", help="search the index a batch built (OUT/replies.sqlite)")
    p.add_argument("query", help="words to look for (plain text; 1 character is enough)")
    p.add_argument("--db", required=True, help="the index, e.g. OUT/replies.sqlite")
    p.add_argument("--kind", default="replies", choices=["replies", "commitments", "figures", "measures"],
                   help="what to rank: whole replies (default) or items")
    p.add_argument("--issuer", help="only replies whose issuer contains this")
    p.add_argument("--year", type=_bounded(1900, 2999), help="only replies of this year")
    p.add_argument("--limit", type=_bounded(1, 100_000), default=10, help="at most this many hits (default 10)")
    p.add_argument("--json", action="store_true", help="print hits as JSON lines")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..search import SearchError, search
    try:
        hits = search(args.db, args.query, kind=args.kind, issuer=args.issuer, year=args.year,
                      limit=args.limit)
    except SearchError as e:
        print(f"reply-extractor search: {e}", file=sys.stderr)
        return 2
    if args.json:
        for h in hits:
            print(json.dumps(h.to_dict(), ensure_ascii=False))
        return 0 if hits else 1  # the exit-code convention: 1 when there are no hits
    if not hits:
        print("no hits", file=sys.stderr)
        return 1
    tty = sys.stdout.isatty()
    for n, h in enumerate(hits, 1):
        snippet = h.snippet.replace("【", "\033[1;31m").replace("】", "\033[0m") if tty else h.snippet
        where = f"{h.kind} {h.idx}" if h.idx is not None else h.kind
        print(f"{n}. {h.doc_id}  [{where}, chars {h.span[0]}-{h.span[1]}]  score {h.score:g}")
        about = "  ".join(x for x in (h.issuer, h.title) if x)
        if about:
            print(f"   {about}")
        print(f"   {snippet}")
    return 0
