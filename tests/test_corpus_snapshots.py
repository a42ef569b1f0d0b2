"""Whole-record regression snapshots of the project's own sample replies.

A change in what the extractor finds shows up here as a diff of the YAML
snapshot in tests/test_corpus_snapshots/. Update on purpose only:
    .venv/bin/pytest tests/test_corpus_snapshots.py --force-regen
"""
from pathlib import Path

import pytest

from reply_extractor import extract_all
from reply_extractor.readers import SUPPORTED

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "corpora").rglob("*") if p.suffix.lower() in SUPPORTED)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_record_snapshot(path, data_regression):
    records = [r.to_dict() for r in extract_all(path)]
    for rec in records:
        rec["source"]["path"] = path.relative_to(ROOT).as_posix()  # not the clone's location
    data_regression.check({"records": records}, basename=path.name.replace(".", "_"))
