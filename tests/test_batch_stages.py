"""A batch shows one progress display over all its stages and counts inputs
that hold no reply."""
from pathlib import Path

import pytest

from reply_extractor.batch import run_batch

CORPORA = Path(__file__).parent.parent / "corpora"


def test_one_progress_display_names_every_stage(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    reply = next(CORPORA.glob("*.txt"))
    (src / reply.name).write_bytes(reply.read_bytes())
    run_batch(src, tmp_path / "out", jobs=1, progress=True, review=True)
    shown = capsys.readouterr().err
    for stage in ("extract", "link", "index", "review"):
        assert f"{stage}:" in shown, stage
    assert "4/4" in shown  # one file, then the three steps after it


def test_a_note_that_is_no_reply_is_written_and_counted_apart(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "memo.txt").write_text("Meeting moved to Thursday. Bring the slides.\n", encoding="utf-8")
    result = run_batch(src, tmp_path / "out", jobs=1, progress=False, index=False)
    assert result.records == 1 and result.not_a_reply == 1
    assert "1 not a reply" in result.summary()


def test_a_folder_with_no_reply_files_says_so_and_exits_1(tmp_path, capsys):
    from reply_extractor.cli import main
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.pptx").write_bytes(b"PK\x03\x04")
    assert main(["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 1
    assert "no reply files" in capsys.readouterr().err


def test_workers_stage_records_and_leave_no_temporary_file(tmp_path):
    """Workers write each record to a temporary file that the batch renames:
    a batch with two workers writes what one worker writes, and nothing else."""
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        run_batch(CORPORA, out, jobs=jobs, progress=False, index=False)
        assert not list(out.glob(".*"))
        outs[jobs] = {p.name: p.read_bytes() for p in out.glob("*.json")}
    assert outs[1] == outs[2] and len(outs[1]) == 9 + 2  # the records, entities.json, conflicts.json


def test_a_group_whose_sync_fails_reports_each_file_and_keeps_no_temporary_file(tmp_path, monkeypatch):
    import errno

    from reply_extractor import batch

    out = tmp_path / "out"
    out.mkdir()
    stage = batch.StagingExtract(out, set())
    reply = next(CORPORA.glob("*.txt"))
    results = [(reply, stage(reply, "one")), (reply, stage(reply, "two")),
               (Path("bad.txt"), ([], {"file": "bad.txt", "kind": "unreadable", "message": "x"}))]
    assert len(list(out.glob(".*"))) == 2  # staged, not yet durable

    def full(paths):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(batch, "flush_to_disk", full)
    settled = stage.settle(results)
    assert [error["kind"] for _, error in settled] == ["output", "output", "unreadable"]
    assert "space" in settled[0][1]["message"] and not list(out.glob(".*"))


def test_staged_files_made_durable_with_one_sync_of_their_file_system(tmp_path, monkeypatch):
    from reply_extractor.sinks import jsonfile

    files = []
    for n in range(3):
        files.append(str(tmp_path / f"f{n}"))
        Path(files[-1]).write_text("x")
    calls = []
    monkeypatch.setattr(jsonfile, "_syncfs", lambda: lambda fd: calls.append(fd) or 0)
    jsonfile.flush_to_disk(files)
    assert len(calls) == 1
    fsynced = []
    monkeypatch.setattr(jsonfile, "_syncfs", lambda: None)  # elsewhere than Linux
    monkeypatch.setattr(jsonfile.os, "fsync", lambda fd: fsynced.append(fd))
    jsonfile.flush_to_disk(files)
    assert len(fsynced) == 3
    import ctypes
    import errno
    monkeypatch.setattr(ctypes, "get_errno", lambda: errno.EIO)
    monkeypatch.setattr(jsonfile, "_syncfs", lambda: lambda fd: -1)
    with pytest.raises(OSError):
        jsonfile.flush_to_disk(files)
    fsynced.clear()
    monkeypatch.setattr(ctypes, "get_errno", lambda: errno.ENOSYS)  # no syncfs there: an fsync each
    jsonfile.flush_to_disk(files)
    assert len(fsynced) == 3
