"""A batch survives hostile inputs, kills and signals, and says what happened."""
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reply_extractor import workers
from reply_extractor.batch import BatchError, LOG_FILE, run_batch
from reply_extractor.cli import main

sys.path.insert(0, str(Path(__file__).parent))
import hostile  # noqa: E402

CORPORA = Path(__file__).parent.parent / "corpora"


def read_errors(out: Path) -> dict[str, dict]:
    lines = (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    return {Path(e["file"]).name: e for e in map(json.loads, lines)}


def test_hostile_batch_extracts_every_good_file_and_names_every_bad_one(tmp_path):
    src = tmp_path / "hostile"
    good, bad, skipped = hostile.build(src, scale=0.2)
    out = tmp_path / "out"
    result = run_batch(src, out, jobs=2, index=False, progress=False, timeout=60)
    sources = {Path(json.loads(p.read_text(encoding="utf-8"))["source"]["path"]).name
               for p in out.glob("*.json") if p.stem not in ("entities", "conflicts")}
    assert sources == good
    errors = read_errors(out)
    assert set(errors) == bad | skipped
    assert all(e["message"] and Path(e["file"]).name in errors for e in errors.values())
    assert result.failed == len(bad) and not result.interrupted
    assert errors["zip-bomb.docx"]["kind"] == "too_large" and errors["huge.txt"]["kind"] == "too_large"
    capped = json.loads((out / "many-numbers.json").read_text(encoding="utf-8"))
    assert any("per-reply limit" in w for w in capped["warnings"])
    for xxe in out.glob("xxe*.json"):  # xxe.docx.json, xxe.html.json
        assert "root:" not in xxe.read_text(encoding="utf-8")


def _slow_or_crashing(path, name):
    if name == "slow":
        time.sleep(60)
    if name == "crash":
        os._exit(3)
    return [{"doc_id": name}], None


def test_a_stuck_file_is_reported_as_timeout_and_a_dead_worker_as_crashed():
    done = {}
    tasks = [(Path(n), n) for n in ("a", "slow", "b", "crash", "c", "d")]
    start = time.monotonic()
    workers.run_local(tasks, _slow_or_crashing, lambda p, r, e, s: done.__setitem__(p.name, (r, e)),
                      jobs=2, timeout=1.0)
    assert time.monotonic() - start < 20
    assert done["slow"][1]["kind"] == "timeout" and done["crash"][1]["kind"] == "crashed"
    assert all(done[n] == ([{"doc_id": n}], None) for n in "abcd")


def test_files_sent_ahead_to_a_worker_that_dies_go_to_the_next_one():
    done = {}
    tasks = [(Path(n), n) for n in ("crash", "x", "y", "z")]  # x is in the pipe when crash kills it
    workers.run_local(tasks, _slow_or_crashing, lambda p, r, e, s: done.__setitem__(p.name, (r, e)),
                      jobs=1, timeout=10)
    assert done["crash"][1]["kind"] == "crashed"
    assert all(done[n] == ([{"doc_id": n}], None) for n in "xyz")


class _Settling:
    """An extract with a settle step, as the batch's StagingExtract has (its
    records made durable): the worker settles and sends its results, in
    groups, from a thread while it goes on with the next files."""

    def __call__(self, path, name):
        if name == "crash":
            os._exit(3)
        return [name], None

    def settle(self, results):
        return [([f"{r} settled" for r in records], error) for _, (records, error) in results]


def test_a_worker_sends_its_results_settled_and_in_order_even_past_a_crash():
    done = []
    tasks = [(Path(n), n) for n in ("a", "b", "c", "crash", "d", "e", "f", "g")]
    workers.run_local(tasks, _Settling(), lambda p, r, e, s: done.append((p.name, r, e and e["kind"])),
                      jobs=1, timeout=10)
    assert done == [(n, [f"{n} settled"], None) for n in "abc"] + [("crash", [], "crashed")] + \
        [(n, [f"{n} settled"], None) for n in "defg"]


class _GroupSizes(_Settling):
    def __call__(self, path, name):
        if name == "a":  # the parent has sent the others meanwhile, however busy the machine
            time.sleep(0.2)
        return super().__call__(path, name)

    def settle(self, results):
        return [([f"{name} in a group of {len(results)}"], None) for name, _ in
                ((path.name, result) for path, result in results)]


def test_results_finished_together_are_settled_as_one_group(monkeypatch):
    """One sync of the disk for the files a worker finishes within the group's
    window (or before it runs out of files), at most GROUP_SIZE of them."""
    monkeypatch.setattr(workers, "GROUP_WINDOW", 1.0)  # the forked worker sees it
    done = []
    tasks = [(Path(n), n) for n in "abcdefgh"]
    workers.run_local(tasks, _GroupSizes(), lambda p, r, e, s: done.extend(r), jobs=1, timeout=30)
    assert workers.GROUP_SIZE < workers.IN_FLIGHT
    assert [d.split()[0] for d in done] == list("abcdefgh")
    assert int(done[0].split()[-1]) > 1  # "a" waited for the files the worker held


class _SlowSettling(_Settling):
    """Results still on their way (settling) when the next file kills the worker."""

    def settle(self, results):
        time.sleep(0.3)
        return super().settle(results)


def test_files_done_before_a_crash_are_not_blamed_for_it():
    done = []
    tasks = [(Path(n), n) for n in ("a", "b", "crash", "c")]
    workers.run_local(tasks, _SlowSettling(), lambda p, r, e, s: done.append((p.name, r, e and e["kind"])),
                      jobs=1, timeout=10)
    assert done == [("a", ["a settled"], None), ("b", ["b settled"], None), ("crash", [], "crashed"),
                    ("c", ["c settled"], None)]


class _SlowSettlingThenBig(_SlowSettling):
    def __call__(self, path, name):
        if name == "big":
            hoard = b"x" * (400 * 2**20)  # written, so resident
            time.sleep(5)
            del hoard
        return super().__call__(path, name)


def test_a_file_done_before_one_over_the_memory_limit_is_not_blamed(monkeypatch):
    monkeypatch.setattr(workers, "MAX_WORKER_RSS", workers._rss(os.getpid()) + 200 * 2**20)
    done = {}
    tasks = [(Path(n), n) for n in ("a", "big", "c")]
    workers.run_local(tasks, _SlowSettlingThenBig(), lambda p, r, e, s: done.__setitem__(p.name, (r, e and e["kind"])),
                      jobs=1, timeout=30)
    assert done == {"a": (["a settled"], None), "big": ([], "memory"), "c": (["c settled"], None)}


def _batch_cmd(src, out, *extra):
    return [sys.executable, "-m", "reply_extractor.cli", "batch", str(src), "--out", str(out),
            "--no-index", "--jobs", "2", *extra]


def _children(pid: int) -> set[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return {int(c) for t in tasks for c in (t / "children").read_text().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def _wait_for_log(out: Path, event: str, proc, count: int = 1, limit: float = 60) -> None:
    """Until the batch log holds `count` lines of `event` (or the batch ended)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        log = out / LOG_FILE
        if log.exists() and log.read_text(encoding="utf-8").count(f'"event": "{event}"') >= count:
            return
        time.sleep(0.01)


def _outputs(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())
            if p.suffix in (".json", ".jsonl")}


@pytest.fixture
def batch_input(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(2):
        for f in CORPORA.iterdir():
            if f.suffix in (".txt", ".docx", ".html"):
                (src / f"{f.stem}-{i}{f.suffix}").write_bytes(f.read_bytes())
    (src / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    return src


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
def test_kill_9_at_random_moments_then_resume_gives_the_uninterrupted_output(tmp_path, batch_input):
    reference = tmp_path / "reference"
    subprocess.run(_batch_cmd(batch_input, reference), capture_output=True, check=False)
    rng = random.Random(os.environ.get("PYTEST_SEED", "kill-9"))
    out = tmp_path / "out"
    files_done = 0
    for attempt in range(3):
        proc = subprocess.Popen(_batch_cmd(batch_input, out, "--resume"), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        if attempt == 0:  # while loading, or anywhere
            _wait_for_log(out, "start", proc)
            time.sleep(rng.uniform(0.0, 3.0))
        else:  # in the middle of extraction
            files_done += rng.randint(1, 6)
            _wait_for_log(out, "file", proc, count=files_done)
            time.sleep(rng.uniform(0.0, 0.2))
        kids = _children(proc.pid)
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 5
        while any(_alive(k) for k in kids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(k) for k in kids), "workers outlived their parent"
    done = subprocess.run(_batch_cmd(batch_input, out, "--resume"), capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr  # broken.docx failed, as before
    assert not list(out.glob(".*.tmp"))
    assert _outputs(out) == _outputs(reference)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_batch_within_two_seconds_with_a_summary(tmp_path, batch_input, sig):
    out = tmp_path / "out"
    proc = subprocess.Popen(_batch_cmd(batch_input, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    _wait_for_log(out, "file", proc)
    kids = _children(proc.pid)
    sent = time.monotonic()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 2.0
    assert proc.returncode == 130
    assert "Traceback" not in err and err.strip().count("\n") == 0, err
    assert err.startswith(f"interrupted by {sig.name}") and "--resume" in err
    assert not any(_alive(k) for k in kids)
    events = [json.loads(line)["event"] for line in (out / LOG_FILE).read_text(encoding="utf-8").splitlines()]
    assert events[0] == "start" and events[-1] == "end"


def test_a_rerun_removes_the_temporary_files_a_killed_run_left(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(hostile.REPLY, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".a.json.x1y2z3.tmp").write_text("{half")
    run_batch(src, out, index=False, link=False, progress=False)
    assert not list(out.glob(".*.tmp")) and (out / "a.json").exists()


def test_the_log_says_what_ran_and_how_each_file_ended(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(hostile.REPLY, encoding="utf-8")
    (src / "b.docx").write_bytes(b"nonsense")
    out = tmp_path / "out"
    run_batch(src, out, index=False, link=False, progress=False, jobs=1)
    start, *files, end = map(json.loads, (out / LOG_FILE).read_text(encoding="utf-8").splitlines())
    assert start["event"] == "start" and start["version"] and start["options"]["jobs"] == 1
    assert {(Path(f["file"]).name, f["status"]) for f in files} == {("a.txt", "ok"), ("b.docx", "corrupt")}
    assert end["event"] == "end" and end["failed"] == 1 and end["records"] == 1


def test_resume_skips_files_already_done_and_redoes_changed_ones(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(hostile.REPLY, encoding="utf-8")
    (src / "b.txt").write_text(hostile.REPLY.replace("王小明", "李四"), encoding="utf-8")
    out = tmp_path / "out"
    run_batch(src, out, index=False, link=False, progress=False)
    later = time.time() + 5
    os.utime(src / "b.txt", (later, later))  # edited after its record was written
    again = run_batch(src, out, index=False, link=False, progress=False, resume=True)
    assert again.resumed == 1 and again.done == 1 and again.records == 2
    assert "2 of 2 files extracted" in again.summary()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv", [
    ["batch", "corpora", "--out", "o", "--jobs", "0"],
    ["batch", "corpora", "--out", "o", "--jobs", "many"],
    ["batch", "corpora", "--out", "o", "--timeout", "-1"],
    ["search", "x", "--db", "d.sqlite", "--year", "99999999999999999999"],
    ["search", "x", "--db", "d.sqlite", "--limit", "99999999999999999999"],
    ["search", "x", "--db", "d.sqlite", "--limit", "0"],
])
def test_out_of_range_options_are_usage_errors(capsys, argv):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "Traceback" not in err and "usage:" in err


def test_an_output_that_is_a_file_or_under_one_is_a_clear_usage_error(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(hostile.REPLY, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for out, says in ((blocker, "is a file"), (blocker / "sub", "which is a file")):
        code, _, err = run(capsys, "batch", str(src), "--out", str(out))
        assert code == 2 and says in err and str(blocker) in err and "Traceback" not in err


def test_disk_full_stops_the_batch_with_a_clear_message(tmp_path, capsys, monkeypatch):
    import errno
    from reply_extractor import batch
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(hostile.REPLY, encoding="utf-8")

    def full(path, content, durable=True):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(batch, "write_temporary", full)
    code, _, err = run(capsys, "batch", str(src), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert code == 2 and "no space left" in err and "--resume" in err and "Traceback" not in err


def test_search_with_no_hits_exits_1_in_json_too(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(hostile.REPLY, encoding="utf-8")
    run_batch(src, tmp_path / "out", progress=False)
    db = str(tmp_path / "out" / "replies.sqlite")
    assert run(capsys, "search", "不存在的词语组合", "--db", db, "--json")[0] == 1
    assert run(capsys, "search", "示范企业", "--db", db, "--json")[0] == 0


def test_missing_input_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(BatchError):
        run_batch(tmp_path / "nowhere", tmp_path / "out")
    code, _, err = run(capsys, "batch", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"))
    assert code == 2 and "nowhere" in err


def test_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "130" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    assert "usage error" in capsys.readouterr().out


def test_a_second_batch_into_the_same_folder_waits_for_the_first(tmp_path, capsys):
    import fcntl
    import threading
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(hostile.REPLY, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    held = os.open(out, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a running batch holds it
    results = []
    second = threading.Thread(target=lambda: results.append(
        run_batch(src, out, index=False, link=False, progress=False, jobs=1)))
    second.start()
    time.sleep(1.0)
    assert not results and not (out / "a.json").exists()  # waiting
    os.close(held)
    second.join(timeout=60)
    assert results and results[0].records == 1
    assert "another batch is writing to" in capsys.readouterr().err
