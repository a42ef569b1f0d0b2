"""`reply-extractor review FILE_OR_OUT_DIR [--out PATH]`: HTML pages for review.

A reply file is extracted and its page written to FILE.html (the name with
.html appended, so reply.txt and reply.docx do not collide) or --out.
A batch output folder gets OUT/review/<doc_id>.html for every record plus
an index.html (or those under --out DIR).
"""
from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("review", help="write HTML pages showing what was extracted, for review",
                              description=__doc__.split("\n\n", 1)[1])
    p.add_argument("path", metavar="FILE_OR_OUT_DIR", help="a reply file, or a batch output folder")
    p.add_argument("--out", metavar="PATH",
                   help="file: the page to write; folder: the folder for the pages")
    p.set_defaults(func=run)


def _fail(message: str, code: int = 2) -> int:
    print(f"reply-extractor review: {message}", file=sys.stderr)
    return code


def run(args) -> int:
    from ..sinks.jsonfile import write_atomic
    from ..sinks.review import render_review, render_reviews, write_reviews

    path = Path(args.path)
    if path.is_dir():
        pages = write_reviews(path, Path(args.out) if args.out else None)
        if not pages:
            return _fail(f"{path}: no records found (expected the output folder of `batch`)", 1)
        print(f"{len(pages) - 1} page(s); index: {pages[-1]}")
        return 0
    if not path.exists():
        return _fail(f"{path}: no such file or folder")

    from ..pipeline import extract_all
    from ..readers import ReadError
    try:
        records = [r.to_dict() for r in extract_all(path)]
    except (ReadError, FileNotFoundError) as e:
        return _fail(str(e))
    page = render_review(records[0]) if len(records) == 1 else render_reviews(records, path.name)
    target = Path(args.out) if args.out else path.with_name(path.name + ".html")
    write_atomic(target, page)
    print(target)
    return 0
