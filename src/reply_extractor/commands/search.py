"""`reply-extractor search QUERY OUT`: ranked hits, each with its reply, the item
found (a figure's value, unit, metric and period; a commitment's deadline …)
and a snippet centred on it.

Query: words are ANDed; "a phrase" in quotes; A OR B; -word leaves out.
Exit status: 0 hits found, 1 no hits, 2 usage error (bad query, no index).
"""
from __future__ import annotations

import argparse
import json
import sys

from ..search import KINDS


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


def _year(text: str) -> str:
    """An argparse type: a year in [1900, 2999], or none/unknown."""
    if text.lower() in ("none", "unknown") or text.isdigit() and 1900 <= int(text) <= 2999:
        return text
    raise argparse.ArgumentTypeError(f"expected a year between 1900 and 2999, or 'none', not {text!r}")


def register(subparsers) -> None:
    p = subparsers.add_parser("search", help="search a batch output folder (its replies.sqlite index)",
                              description=__doc__.split("\n\n", 1)[1])
    p.add_argument("query", help='words to look for: 补贴  "农村公路"  租房补贴 OR 住房补贴  补贴 -燃油')
    p.add_argument("out", nargs="?", metavar="OUT", help="the batch output folder, or its replies.sqlite")
    p.add_argument("--db", help="the index (an alias for OUT)")
    p.add_argument("--kind", default="replies", choices=list(KINDS),
                   help="what to find: whole replies (default), one kind of item, or all items")
    p.add_argument("--issuer", help="only replies whose issuer contains this")
    p.add_argument("--year", type=_year, help="only replies of this year (from the date, else the document number, "
                                  "else the file name); 'none' for replies of no known year")
    p.add_argument("--limit", type=_bounded(1, 100_000), default=10, help="at most this many hits (default 10)")
    p.add_argument("--json", action="store_true", help="one JSON object per hit, with the whole item")
    p.set_defaults(func=run)


def _fail(message: str, code: int = 2) -> int:
    print(f"reply-extractor search: {message}", file=sys.stderr)
    return code


def run(args) -> int:
    from ..search import NotABatchFolder, SearchError, search
    source = args.out or args.db
    if not source:
        return _fail("say where to search: reply-extractor search QUERY OUT (a batch output folder)")
    try:
        hits = search(source, args.query, kind=args.kind, issuer=args.issuer, year=args.year,
                      limit=args.limit)
    except NotABatchFolder as e:
        return _fail(str(e), 1)
    except SearchError as e:
        return _fail(str(e))
    if hits.undated:
        print(f"note: {hits.undated} matching passage(s) are in replies of no known year, left out by "
              "--year (list them with --year none)", file=sys.stderr)
    if not hits:
        print("no hits", file=sys.stderr)
        return 1
    if args.json:
        for h in hits:
            print(json.dumps(h.to_dict(), ensure_ascii=False))
        return 0
    tty = sys.stdout.isatty()
    for n, h in enumerate(hits, 1):
        print(_format(n, h, tty))
    return 0


def _format(n: int, h, tty: bool) -> str:
    from ..items import facts, title_of
    snippet = h.snippet.replace("【", "\033[1;31m").replace("】", "\033[0m") if tty else h.snippet
    where = f"{h.kind} {h.idx}" if h.idx is not None else h.kind
    year = f"{h.year}{'?' if h.year_inferred else ''}" if h.year else "no year"
    lines = [f"{n}. {h.doc_id}  [{where}, chars {h.span[0]}-{h.span[1]}]  {year}  score {h.score:g}"]
    about = "  ".join(x for x in (h.issuer, h.title) if x)
    if about:
        lines.append(f"   {about}")
    if h.item is not None:
        said = "; ".join(f"{k} {v}" for k, v in facts(h.kind, h.item))
        lines.append(f"   {title_of(h.kind, h.item)}" + (f"  ({said})" if said else ""))
    lines.append(f"   {snippet}")
    return "\n".join(lines)
