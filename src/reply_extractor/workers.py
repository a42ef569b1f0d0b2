"""The local engine of `batch`: worker processes the batch owns and watches.

Each worker takes one file at a time over its own pipe and sends back what
`extract` gives (records or an error entry). The parent watches every worker:
one that runs past the per-file time limit, grows past the memory limit or
dies is killed and replaced, and its file is reported (`timeout`, `memory`,
`crashed`); the batch goes on. Workers ignore Ctrl-C (the parent decides),
die with their parent (PR_SET_PDEATHSIG on Linux, a parent check elsewhere),
and are replaced after RECYCLE_AFTER files so caches cannot grow without end.

On Linux the models are loaded once in the parent and the workers are forked
from it, so a worker starts in milliseconds and shares the loaded pages.

Another engine plugs in by calling the same `extract` per file and the same
`on_done` for each result (see batch.ENGINES).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable

# A worker is replaced after this many files (caches and fragmentation stay bounded).
RECYCLE_AFTER = 200
# A worker whose resident memory passes this is killed and its file reported.
MAX_WORKER_RSS = 1536 * 2**20
TICK = 0.1  # seconds between looks at the workers

Task = tuple[Path, str]
OnDone = Callable[[Path, list, "dict | None", float], None]


def die_with_parent(parent_pid: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux); elsewhere
    the worker checks its parent between files."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the line above
        os._exit(1)


def _rss(pid: int) -> int:
    """Resident memory of a process in bytes (0 where /proc is absent)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _worker_main(conn, extract, parent_pid: int, close_fds: tuple[int, ...]) -> None:
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for fd in close_fds:  # e.g. the parent's lock on the output folder
        try:
            os.close(fd)
        except OSError:
            pass
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None or os.getppid() != parent_pid:
            return
        path, name = task
        start = time.perf_counter()
        records, error = extract(path, name)
        try:
            conn.send((records, error, time.perf_counter() - start))
        except (OSError, ValueError) as e:  # cannot send it: say so instead of dying mute
            conn.send(([], {"file": str(path), "kind": "internal",
                            "message": f"result could not be sent: {type(e).__name__}: {e}"}, 0.0))


class _Worker:
    def __init__(self, ctx, extract, close_fds):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, extract, os.getpid(), close_fds),
                                   daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.started = 0.0
        self.done = 0

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=2)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=1)
        self.kill()


def _context():
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context("spawn")


def run_local(tasks: list[Task], extract, on_done: OnDone, jobs: int = 1,
              timeout: float | None = None, close_fds: tuple[int, ...] = ()) -> None:
    """Run `extract(path, name)` for every task in `jobs` worker processes and
    call `on_done(path, records, error, seconds)` in this process as each
    finishes. Raises whatever interrupts it (KeyboardInterrupt) after killing
    the workers."""
    ctx = _context()
    pending = deque(tasks)
    workers: list[_Worker] = []
    try:
        for _ in range(min(jobs, len(pending))):
            workers.append(_Worker(ctx, extract, close_fds))
        while pending or any(w.task for w in workers):
            for w in workers:
                if w.task is None and pending:
                    w.give(pending.popleft())
            busy = [w for w in workers if w.task]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=TICK)
            now = time.monotonic()
            for i, w in enumerate(workers):
                if w.task is None:
                    continue
                path = w.task[0]
                failure = None
                if w.conn in ready:
                    try:
                        records, error, seconds = w.conn.recv()
                    except (EOFError, OSError):
                        failure = ("crashed", f"the worker died ({_exit_reason(w.process)})")
                    else:
                        w.task, w.done = None, w.done + 1
                        if w.done >= RECYCLE_AFTER:
                            w.stop()
                            w = workers[i] = _Worker(ctx, extract, close_fds)
                        if pending:  # its next file first: the worker goes on while this one is handled
                            w.give(pending.popleft())
                        on_done(path, records, error, seconds)
                        continue
                elif w.process.sentinel in ready:
                    failure = ("crashed", f"the worker died ({_exit_reason(w.process)})")
                elif timeout and now - w.started > timeout:
                    failure = ("timeout", f"gave up after {timeout:g} s (the per-file time limit)")
                elif _rss(w.process.pid) > MAX_WORKER_RSS:
                    failure = ("memory", f"used more than {MAX_WORKER_RSS // 2**20} MiB of memory")
                if failure:
                    seconds = now - w.started
                    w.kill()
                    w = workers[i] = _Worker(ctx, extract, close_fds)
                    if pending:
                        w.give(pending.popleft())
                    on_done(path, [], {"file": str(path), "kind": failure[0], "message": failure[1]},
                            seconds)
    finally:
        for w in workers:
            if w.task is None and not sys.exc_info()[0]:
                w.stop()
            else:
                w.kill()


def _exit_reason(process) -> str:
    process.join(timeout=0.5)
    code = process.exitcode
    if code is None:
        return "no answer"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"
