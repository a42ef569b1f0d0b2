"""Exports of a batch folder: CSV and Parquet tables readable by pandas, an
Elasticsearch bulk file (action/source lines, stable ids, trailing newline)
with a valid mapping, and load_frames."""
import json

import pandas as pd
import pytest

from reply_extractor.cli import main
from reply_extractor.frames import TABLES, load_frames
from reply_extractor.sinks.export import ExportError, export
from reply_extractor.sinks.jsonfile import write_json

TEXT = "青溪市示例局\n一、加强统筹。2022年新增示范企业12家，投入资金3.28万元，占比12.5%。\n下一步，我局将继续推进。"


def record(doc_id, text=TEXT):
    def span(s):
        i = text.index(s)
        return [i, i + len(s)]
    return {
        "schema_version": "1.0", "doc_id": doc_id, "text": text,
        "meta": {"issuer": "青溪市示例局", "title": "示例", "reply_date": "2023-06-01",
                 "proposers": ["王小明", "李华"], "session": {"body": "人大", "term": 18}},
        "measures": [{"span": span("一、加强统筹"), "surface": "一、加强统筹", "heading": "加强统筹",
                      "ordinal": 1, "label": "一、", "level": 0, "section_span": span("一、加强统筹。")}],
        "figures": [
            {"span": span("12家"), "surface": "12家", "value": 12, "unit": "家", "kind": "count",
             "metric": "新增示范企业", "metric_span": span("新增示范企业"), "period": "2022"},
            {"span": span("3.28万元"), "surface": "3.28万元", "value": 32800, "unit": "元", "kind": "money",
             "metric": "投入资金", "metric_span": None, "period": 2022},
            {"span": span("12.5%"), "surface": "12.5%", "value": 12.5, "unit": "%", "kind": "percent",
             "metric": None, "period": None},
        ],
        "rankings": [],
        "commitments": [{"span": span("下一步，我局将继续推进。"), "surface": "下一步，我局将继续推进。",
                         "text": "下一步，我局将继续推进。", "horizon": "下一步", "targets": [0]}],
        "policies": [], "programs": [{"span": span("示范企业"), "surface": "示范企业", "name": "示范企业",
                                      "canonical_id": "program:示范企业"}],
        "mentions": [{"span": [0, 6], "surface": "青溪市示例局", "name": "青溪市示例局", "kind": "agency",
                      "canonical_id": None, "adcode": None}],
        "warnings": [],
    }


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    for d in ("a", "b"):
        write_json(folder / f"{d}.json", record(d))
    return folder


def test_load_frames_gives_every_table(out):
    frames = load_frames(out)
    assert set(frames) == set(TABLES)
    assert list(frames["replies"]["doc_id"]) == ["a", "b"]
    figs = frames["figures"]
    assert len(figs) == 6 and {"doc_id", "idx", "start", "end", "value", "unit", "value_text"} <= set(figs.columns)
    assert list(figs["value_text"][:3]) == ["12", "32800", "12.5"]
    assert frames["rankings"].empty and "doc_id" in frames["rankings"].columns


def test_csv_tables_read_back(out, tmp_path):
    paths = export(out, "csv", tmp_path / "csv")
    assert sorted(p.stem for p in paths) == sorted(TABLES)
    figs = pd.read_csv(tmp_path / "csv" / "figures.csv")
    assert figs["value"].tolist()[:3] == [12, 32800, 12.5]
    assert pd.read_csv(tmp_path / "csv" / "replies.csv")["proposers"][0] == "王小明、李华"


def test_parquet_tables_read_back(out, tmp_path):
    """A period written as text in one figure and as a number in another still exports."""
    export(out, "parquet", tmp_path / "pq")
    figs = pd.read_parquet(tmp_path / "pq" / "figures.parquet")
    assert len(figs) == 6 and figs["unit"].tolist()[:3] == ["家", "元", "%"]
    assert pd.read_parquet(tmp_path / "pq" / "commitments.parquet")["horizon"][0] == "下一步"


def test_sqlite_tables_answer_sql(out, tmp_path):
    """Every item's columns and the linker's tables, for SQL (the search index
    keeps only what search reads)."""
    import sqlite3

    from reply_extractor.linker import link_directory
    link_directory(out)
    [path] = export(out, "sqlite", tmp_path / "sql")
    con = sqlite3.connect(path)
    tables = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(TABLES) | {"entities", "entity_mentions", "conflicts"}
    mentioned = con.execute("SELECT e.name, m.doc_id FROM entity_mentions m JOIN entities e ON e.id = m.entity_id "
                            "WHERE e.kind = 'program' ORDER BY m.doc_id").fetchall()
    assert mentioned == [("示范企业", "a"), ("示范企业", "b")]
    rows = con.execute("SELECT r.issuer, f.value_text, f.unit FROM figures f JOIN replies r USING (doc_id) "
                       "WHERE f.doc_id = 'a' ORDER BY f.idx").fetchall()
    assert [r[1:] for r in rows] == [("12", "家"), ("32800", "元"), ("12.5", "%")]
    assert not list(tmp_path.joinpath("sql").glob(".*.tmp"))


def test_es_bulk_lines_alternate_and_end_with_newline(out, tmp_path):
    bulk, mapping_path = export(out, "es-bulk", tmp_path / "es")
    raw = bulk.read_text("utf-8")
    assert raw.endswith("\n")
    lines = [json.loads(line) for line in raw.splitlines()]
    assert len(lines) % 2 == 0
    actions, sources = lines[0::2], lines[1::2]
    assert all(set(a) == {"index"} and a["index"]["_id"] for a in actions)
    assert all("index" not in s and s["doc_id"] in ("a", "b") for s in sources)
    ids = [a["index"]["_id"] for a in actions]
    assert len(ids) == len(set(ids)) and "a:figures:1" in ids and "a" in ids
    fig = next(s for a, s in zip(actions, sources) if a["index"]["_id"] == "a:figures:1")
    assert fig["value"] == 32800 and fig["unit"] == "元" and fig["figure_kind"] == "money"
    reply = sources[ids.index("a")]
    assert "加强 统筹" in reply["text_seg"]  # pre-segmented with jieba

    mapping = json.loads(mapping_path.read_text("utf-8"))
    props = mapping["mappings"]["properties"]
    assert props["value"]["type"] in ("double", "scaled_float") and props["unit"]["type"] == "keyword"
    assert props["text_seg"]["analyzer"] == "whitespace"

    # stable ids: exporting again gives the same lines
    export(out, "es-bulk", tmp_path / "es")
    assert bulk.read_text("utf-8") == raw


def test_cli_export(out, tmp_path, capsys):
    assert main(["export", str(out), "--format", "csv", "--dest", str(tmp_path / "c")]) == 0
    assert "figures.csv" in capsys.readouterr().out
    assert main(["export", str(tmp_path / "nowhere"), "--format", "csv"]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_unknown_format_is_an_error(out):
    with pytest.raises(ExportError):
        export(out, "xlsx")


# --- exact values and files Excel reads (issue 11) ---------------------------

def test_csv_has_a_bom_and_exact_decimal_values(out, tmp_path):
    export(out, "csv", tmp_path / "csv")
    raw = (tmp_path / "csv" / "figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel on a Chinese Windows reads UTF-8
    rows = raw.decode("utf-8-sig").splitlines()
    header = rows[0].split(",")
    values = [r.split(",")[header.index("value")] for r in rows[1:4]]
    assert values == ["12", "32800", "12.5"]  # never 12.0


def test_parquet_values_are_decimal128(out, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    from decimal import Decimal
    export(out, "parquet", tmp_path / "pq")
    table = pq.read_table(tmp_path / "pq" / "figures.parquet")
    assert pa.types.is_decimal(table.schema.field("value").type)
    assert table.column("value").to_pylist()[:3] == [Decimal("12"), Decimal("32800"), Decimal("12.5")]


def test_load_frames_values_are_decimals(out):
    from decimal import Decimal
    values = load_frames(out)["figures"]["value"].tolist()[:3]
    assert values == [Decimal("12"), Decimal("32800"), Decimal("12.5")]
    assert all(isinstance(v, Decimal) for v in values)


@pytest.mark.parametrize("make", ["empty", "other files"])
def test_export_of_a_folder_with_no_records_says_so_and_exits_1(tmp_path, capsys, make):
    folder = tmp_path / "f"
    folder.mkdir()
    if make == "other files":
        (folder / "notes.json").write_text('{"a": 1}', encoding="utf-8")
        (folder / "x.txt").write_text("hello", encoding="utf-8")
    assert main(["export", str(folder), "--format", "csv"]) == 1
    assert "no records" in capsys.readouterr().err
    assert not (folder / "export").exists()
