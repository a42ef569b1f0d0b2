"""batch --engine dask: the same records, errors, links and index as a local run
(a LocalCluster of threads in this process stands in for a real cluster)."""
import shutil
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask[distributed] not installed (pip install -e '.[dask]')")
fsspec = pytest.importorskip("fsspec")

from distributed import Client, LocalCluster  # noqa: E402

from reply_extractor.batch import run_batch  # noqa: E402
from reply_extractor.engines import dask_engine  # noqa: E402

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    for f in CORPORA.iterdir():
        if f.suffix != ".md":
            shutil.copy(f, src / f.name)
    (src / "broken.docx").write_bytes(b"not a zip")  # an error both runs must report alike
    return src


@pytest.fixture(scope="module")
def local_run(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    run_batch(inputs, out, jobs=1)
    return out


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix in (".json", ".jsonl")}


def _index_rows(db: Path) -> list:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT doc_id, kind, idx, start, \"end\", body FROM passages ORDER BY doc_id, kind, idx").fetchall()
    rows += con.execute("SELECT doc_id, issuer, title, text_zlib FROM replies ORDER BY doc_id").fetchall()
    con.close()
    return rows


def test_dask_run_writes_what_a_local_run_writes(client, inputs, local_run, tmp_path):
    out = tmp_path / "dask"
    result = dask_engine.run_batch(str(inputs), str(out), client)
    assert result.failed == 1 and result.records == len(list(local_run.glob("*.json"))) - 2
    assert _files(out) == _files(local_run)  # records, errors.jsonl, entities, conflicts: byte for byte
    assert _index_rows(out / "replies.sqlite") == _index_rows(local_run / "replies.sqlite")


def test_file_urls_are_local_paths(client, inputs, local_run, tmp_path):
    out = tmp_path / "dask"
    dask_engine.run_batch(inputs.as_uri(), out.as_uri(), client, index=False)
    assert _files(out) == _files(local_run)


def test_memory_urls_in_and_out(client, inputs):
    fs = fsspec.filesystem("memory")
    for f in ("changsha-jyj-2023-118.txt", "shouguang-kjj-2023-066.docx"):
        fs.pipe(f"/replies/in/sub/{f}", (inputs / f).read_bytes())
    result = dask_engine.run_batch("memory://replies/in", "memory://replies/out", client, index=False)
    assert result.records == 2 and not result.errors
    names = sorted(Path(p).name for p in fs.find("/replies/out"))
    assert "changsha-jyj-2023-118.json" in names and "errors.jsonl" in names
    import json
    rec = json.loads(fs.cat("/replies/out/changsha-jyj-2023-118.json"))
    assert rec["source"]["path"] == fs.unstrip_protocol("/replies/in/sub/changsha-jyj-2023-118.txt")
    assert rec["figures"]


def test_cli_needs_a_scheduler_for_dask(tmp_path, capsys):
    from reply_extractor.cli import main
    with pytest.raises(SystemExit) as e:
        main(["batch", str(CORPORA), "--out", str(tmp_path / "o"), "--engine", "dask"])
    assert e.value.code == 2 and "--scheduler" in capsys.readouterr().err


def test_relative_inputs_are_named_as_a_local_run_names_them(client, inputs, tmp_path, monkeypatch):
    """Workers run in other folders: they read the absolute path, the records
    keep the path as given (bug caught: every file failed with a relative path)."""
    monkeypatch.chdir(inputs.parent)
    local, dask_out = tmp_path / "local", tmp_path / "dask"
    run_batch(Path(inputs.name), local, jobs=1, index=False)
    dask_engine.run_batch(inputs.name, str(dask_out), client, index=False)
    assert _files(dask_out) == _files(local)
