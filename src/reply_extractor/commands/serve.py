"""`reply-extractor serve OUT [--port N]`: browse a batch output folder in a
web browser: search (/search?q=…), replies with every item highlighted,
entities, conflicting figures and the promise tracker.

Listens on 127.0.0.1 only (this machine); stop it with Ctrl-C.
"""
from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="a local web app to search and browse a batch output folder",
                              description=__doc__.split("\n\n", 1)[1])
    p.add_argument("out", metavar="OUT", help="the batch output folder")
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    p.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from ..search import NotABatchFolder
    try:
        from ..serve import create_app
        app = create_app(Path(args.out))
    except NotABatchFolder as e:
        print(f"reply-extractor serve: {e}", file=sys.stderr)
        return 1
    import uvicorn
    print(f"serving {args.out} at http://127.0.0.1:{args.port}/search  (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
    return 0
