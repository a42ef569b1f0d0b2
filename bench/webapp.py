"""The web app's start-up and page times over a batch folder. Not a test.

    .venv/bin/python bench/webapp.py [OUT]

OUT: a batch output folder (default: corpora/ batched into a temporary
folder). The app is served by uvicorn on 127.0.0.1 at a free port and each
page fetched twice: the first fetch of a search runs it, the second is served
from the app's per-query cache (paging and facets reuse it).
"""
from __future__ import annotations

import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

PAGES = ["/search?q=" + quote("补贴"), "/search?q=" + quote("补贴") + "&kind=figure", "/search?q=" + quote("的"),
         "/search?q=" + quote("农村 OR 城市 -公交"), "/search", "/tracker", "/entities", "/conflicts"]


def main() -> None:
    from webapp_harness import Server, build_batch

    from reply_extractor.serve import create_app
    if len(sys.argv) > 1:
        out = Path(sys.argv[1])
    else:
        out = build_batch(Path(tempfile.mkdtemp()) / "out")
    t = time.perf_counter()
    app = create_app(out)
    print(f"{out}: start-up (read records, facets, entities, tracker) {time.perf_counter() - t:.2f} s")
    with Server(app) as server:
        for page in PAGES:
            times = []
            for _ in range(2):
                t = time.perf_counter()
                with urllib.request.urlopen(server.url + page) as r:
                    size = len(r.read())
                times.append(time.perf_counter() - t)
            print(f"{page:60s} first {times[0] * 1000:7.1f} ms  again {times[1] * 1000:7.1f} ms  {size / 1024:6.1f} KiB")


if __name__ == "__main__":
    main()
