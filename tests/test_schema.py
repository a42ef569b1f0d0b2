"""schemas/reply.schema.json describes every record the pipeline produces.

Each file of our own corpora/ and of the shared corpus is extracted and every
record checked against the schema and the span invariant.
"""
import json
from pathlib import Path

import jsonschema
import pytest

from reply_extractor.pipeline import extract_all
from reply_extractor.readers import SUPPORTED

ROOT = Path(__file__).parents[1]
SCHEMA = json.loads((ROOT / "schemas" / "reply.schema.json").read_text(encoding="utf-8"))
from corpus import SHARED
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def reply_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in SUPPORTED)


OWN = reply_files(ROOT / "corpora")
SHARED_SETS = ("dev", "dev-docx", "real")
SHARED_FILES = [p for s in SHARED_SETS for p in reply_files(SHARED / "corpus" / s)] if SHARED.is_dir() else []


def errors_of(record: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(record)]


def check_file(path: Path):
    replies = extract_all(path)
    assert replies, "no record"
    for reply in replies:
        assert reply.check_spans() == []
        assert errors_of(reply.to_dict()) == []


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_our_corpora_has_the_promised_formats():
    suffixes = [p.suffix for p in OWN]
    assert len(OWN) >= 8 and suffixes.count(".docx") >= 2 and ".html" in suffixes


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.name)
def test_records_of_our_corpora_validate(path):
    check_file(path)


@pytest.mark.skipif(not SHARED_FILES, reason="shared corpus not present at ../shared/corpus")
@pytest.mark.parametrize("path", SHARED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_records_of_the_shared_corpus_validate(path):
    check_file(path)


@pytest.mark.parametrize("text", [
    "你好",                     # nothing to extract
    "",                         # empty string passed in
    "下一步，我局将于2023年底前完成。\n联系电话：0000-1234567",   # fragment, invented
])
def test_records_of_short_texts_validate(text):
    from reply_extractor import extract_text
    for reply in [extract_text(text)]:
        assert reply.check_spans() == []
        assert errors_of(reply.to_dict()) == []


@pytest.mark.parametrize("path, value, message", [
    (("figures",), [{"span": [0, 1], "surface": "x"}], "required"),
    (("meta", "category"), "甲", "is not one of"),
    (("meta", "reply_date"), "2023年6月1日", "is not valid"),
    (("blocks",), [{"kind": "paragraph", "span": [0, 1, 2]}], "is too long"),
])
def test_schema_rejects_malformed_records(path, value, message):
    record = extract_all("你好")[0].to_dict()
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert any(message in e for e in errors_of(record)), errors_of(record)


def test_figure_kinds_match_the_unit_table():
    """The kind enum must follow data/figures.toml, where kinds are defined."""
    import tomllib
    table = ROOT / "src" / "reply_extractor" / "data" / "figures.toml"
    units = tomllib.loads(table.read_text(encoding="utf-8")).get("units") if table.exists() else None
    if not units:
        pytest.skip("no [units] table in data/figures.toml")
    assert set(SCHEMA["$defs"]["figure"]["properties"]["kind"]["enum"]) == set(units)
