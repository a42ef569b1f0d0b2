"""What the web app tests share: a small linked batch of invented replies
(tests/data/webapp) and the sample corpus, a server on 127.0.0.1 at a free
port, and a headless Chromium driven through Playwright.

The browser tests skip, saying why, when Playwright or Chromium is missing;
`.ci/run` installs Debian's chromium so CI runs them.
"""
from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEBAPP_REPLIES = ROOT / "tests" / "data" / "webapp"
ARTIFACTS = Path(os.environ.get("REPLY_EXTRACTOR_ARTIFACTS", ROOT / "tmp" / "artifacts"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser"):
        if name and (found := shutil.which(name)):
            return found
    return None


def browser_skip_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if chromium_path() is None:
        return "no chromium on this machine (apt-get install chromium; .ci/run does)"
    return None


def build_batch(out: Path) -> Path:
    """The invented follow-up replies plus the sample corpus, batched as a user would."""
    from reply_extractor.batch import run_batch
    src = out.parent / (out.name + "-src")
    src.mkdir()
    for folder in (WEBAPP_REPLIES, ROOT / "corpora"):
        for f in folder.iterdir():
            if f.suffix in (".txt", ".docx", ".html"):
                shutil.copy(f, src / f.name)
    result = run_batch(src, out, progress=False)
    assert not result.errors, result.errors
    return out


@functools.lru_cache(maxsize=None)
def shared_batch() -> Path:
    """build_batch once per test session (the HTTP and browser tests share it);
    removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="webapp-batch-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return build_batch(folder / "out")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn serving `app` on 127.0.0.1 in a thread."""

    def __init__(self, app):
        import uvicorn
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)
