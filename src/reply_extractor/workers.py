"""The local engine of `batch`: worker processes the batch owns and watches.

Each worker extracts one file at a time, with the next ones already in its
pipe (IN_FLIGHT), and sends back what `extract` gives (records or an error
entry), settled in groups by a thread (`extract.settle`: records made
durable, one sync for the group). The parent watches every worker:
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
import queue
import selectors
import signal
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import Callable

# A worker is replaced after this many files (caches and fragmentation stay bounded).
RECYCLE_AFTER = 200
# A worker whose resident memory passes this is killed and its file reported.
MAX_WORKER_RSS = 1536 * 2**20
TICK = 0.1  # seconds between looks at the workers' time and memory
# Files a worker holds at once: those whose records it makes durable and
# sends (a group), the one it extracts, and the next.
IN_FLIGHT = 12
# A worker's results are settled in groups: those finished within this many
# seconds of the group's first, at most GROUP_SIZE (so that the worker still
# holds a file to extract while its group waits): one sync of the disk for
# several files, and one wake-up of the sending thread.
GROUP_WINDOW = 0.03
GROUP_SIZE = IN_FLIGHT - 2

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
    settle = getattr(extract, "settle", None)
    outbox = _Outbox(conn, settle) if settle else None
    try:
        while True:
            if outbox and not conn.poll():  # nothing to do next: send what is held now
                outbox.hurry.set()
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return
            if task is None or os.getppid() != parent_pid:
                return
            if outbox:
                outbox.hurry.clear()  # busy again: a hurry set while it waited is stale
            path, name = task
            start = time.perf_counter()
            result = extract(path, name)
            if outbox:
                outbox.put(path, result, start)
            else:
                _send(conn, path, result, start)
    finally:
        if outbox:
            outbox.close()


def _send(conn, path, result, start: float) -> None:
    records, error = result
    try:
        conn.send((records, error, time.perf_counter() - start))
    except (OSError, ValueError) as e:  # cannot send it: say so instead of dying mute
        conn.send(([], {"file": str(path), "kind": "internal",
                        "message": f"result could not be sent: {type(e).__name__}: {e}"}, 0.0))


class _Outbox:
    """A worker's results, settled (`extract.settle`: the records made durable)
    and sent in order by a thread while the worker goes on with its next
    files; settled in groups (GROUP_WINDOW)."""

    def __init__(self, conn, settle):
        self.conn, self.settle = conn, settle
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.hurry = threading.Event()  # the worker waits for files: do not wait for more results
        self.thread = threading.Thread(target=self._run, name="outbox", daemon=True)
        self.thread.start()

    def put(self, path, result, start: float) -> None:
        self.queue.put((path, result, start))

    def close(self) -> None:
        """Send what is left, then stop."""
        self.queue.put(None)
        self.thread.join()

    def _group(self) -> list:
        """The next results to settle together; None last when told to stop.
        The thread waits out the window, or until the worker has nothing left
        to extract, rather than on the queue: the files finished meanwhile
        join the group without waking it."""
        group = [self.queue.get()]
        if group[0] is not None:
            self.hurry.wait(GROUP_WINDOW)
        self.hurry.clear()
        while group[-1] is not None and len(group) < GROUP_SIZE:
            try:
                group.append(self.queue.get_nowait())
            except queue.Empty:
                break
        return group

    def _run(self) -> None:
        while True:
            group = self._group()
            items = [item for item in group if item is not None]
            try:
                if items:
                    settled = self.settle([(path, result) for path, result, _ in items])
                    for (path, _, start), result in zip(items, settled):
                        _send(self.conn, path, result, start)
            except (OSError, ValueError):  # nothing can reach the parent: die, so it sees a crash
                os._exit(1)
            if group[-1] is None:
                return


class _Worker:
    def __init__(self, ctx, extract, close_fds):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, extract, os.getpid(), close_fds),
                                   daemon=True)
        self.process.start()
        child.close()
        self.tasks: deque[Task] = deque()  # sent, not answered yet; the first is being worked on
        self.started = 0.0                 # when the first of them was begun
        self.given = 0

    def give(self, task: Task) -> None:
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append(task)
        self.given += 1
        self.conn.send(task)

    def wants(self, pending: int, jobs: int) -> bool:
        """Whether to send it one more file: a first one, or a next one while
        there are more files left than workers (at the end a file waits for
        the first idle worker, not behind a slow one)."""
        if self.given >= RECYCLE_AFTER:
            return False
        return not self.tasks or (len(self.tasks) < IN_FLIGHT and pending > jobs)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=2)
        self.conn.close()

    def retire(self) -> None:
        """Tell it to exit once idle; reaped later (`reaped`) so the batch need not wait."""
        try:
            self.conn.send(None)
        except OSError:
            pass

    def reaped(self, wait: float = 0.0) -> bool:
        self.process.join(timeout=wait)
        if self.process.exitcode is None and wait:
            self.process.kill()
            self.process.join(timeout=2)
        if self.process.exitcode is None:
            return False
        self.conn.close()
        return True


def _context():
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context("spawn")


def run_local(tasks: list[Task], extract, on_done: OnDone, jobs: int = 1,
              timeout: float | None = None, close_fds: tuple[int, ...] = ()) -> None:
    """Run `extract(path, name)` for every task in `jobs` worker processes and
    call `on_done(path, records, error, seconds)` in this process as each
    finishes. Raises whatever interrupts it (KeyboardInterrupt) after killing
    the workers.

    Each worker holds IN_FLIGHT files: its next one is already in its pipe
    when it finishes one, so it never waits for this process (which, with as
    many workers as cores, has no core of its own and answers late). A worker
    that dies, or is stopped for time or memory, holding several files leaves
    unknown which one did it (the results of the first may still have been
    on their way): each is tried again alone, and only a file that fails
    alone is reported."""
    ctx = _context()
    pending = deque(tasks)
    workers: list[_Worker] = []
    retiring: list[_Worker] = []
    watched = selectors.DefaultSelector()
    suspects: set = set()  # files of a worker that failed holding several: each goes alone

    def feed(w: _Worker) -> None:
        while pending and w.wants(len(pending), len(workers)):
            if suspects and w.tasks and (pending[0] in suspects or any(t in suspects for t in w.tasks)):
                return
            w.give(pending.popleft())

    def start() -> _Worker:
        w = _Worker(ctx, extract, close_fds)
        watched.register(w.conn, selectors.EVENT_READ, w)
        watched.register(w.process.sentinel, selectors.EVENT_READ, w)
        return w

    def replace(i: int, w: _Worker, kill: bool = False) -> _Worker:
        watched.unregister(w.conn)
        watched.unregister(w.process.sentinel)
        if kill:
            w.kill()
        else:  # done with its files: told to exit, reaped later
            w.retire()
            retiring.append(w)
        workers[i] = start()
        return workers[i]

    try:
        for _ in range(min(jobs, len(pending))):
            workers.append(start())
        checked = time.monotonic()
        while pending or any(w.tasks for w in workers):
            for w in workers:
                feed(w)
            ready = {key.fileobj for key, _ in watched.select(timeout=TICK)}
            now = time.monotonic()
            look = now - checked >= TICK  # limits looked at every TICK, not at every result
            if look:
                checked = now
            retiring[:] = [r for r in retiring if not r.reaped()]
            for i, w in enumerate(workers):
                if not w.tasks:
                    continue
                path = w.tasks[0][0]
                failure = None
                if w.conn in ready:
                    try:
                        records, error, seconds = w.conn.recv()
                    except (EOFError, OSError):
                        failure = ("crashed", f"the worker died ({_exit_reason(w.process)})")
                    else:
                        suspects.discard(w.tasks.popleft())
                        w.started = now  # on its next file already, if it has one
                        if not w.tasks and w.given >= RECYCLE_AFTER:
                            w = replace(i, w)
                        feed(w)  # its next files first: it goes on while this one is handled
                        on_done(path, records, error, seconds)
                        continue
                elif w.process.sentinel in ready:
                    failure = ("crashed", f"the worker died ({_exit_reason(w.process)})")
                elif look and timeout and now - w.started > timeout:
                    failure = ("timeout", f"gave up after {timeout:g} s (the per-file time limit)")
                elif look and _rss(w.process.pid) > MAX_WORKER_RSS:
                    failure = ("memory", f"used more than {MAX_WORKER_RSS // 2**20} MiB of memory")
                if failure and len(w.tasks) > 1:
                    suspects.update(w.tasks)  # which one failed is not known: each again, alone
                    pending.extendleft(reversed(w.tasks))
                    w = replace(i, w, kill=True)
                    feed(w)
                elif failure:
                    seconds = now - w.started
                    suspects.discard(w.tasks.popleft())
                    w = replace(i, w, kill=True)
                    feed(w)
                    on_done(path, [], {"file": str(path), "kind": failure[0], "message": failure[1]},
                            seconds)
    finally:
        for w in workers:
            if not w.tasks and not sys.exc_info()[0]:
                w.retire()  # all told first: they exit (~40 ms each) side by side
                retiring.append(w)
            else:
                w.kill()
        for w in retiring:
            w.reaped(wait=1)
        watched.close()


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
