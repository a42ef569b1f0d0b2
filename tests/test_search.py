"""The SQLite index and search: ranked hits with highlighted snippets, 1- and
2-character queries, malformed queries as clear errors, re-indexing without
duplicates. Small records are invented; the corpus tests read the dev corpus."""
import json
import sqlite3

import pytest

from reply_extractor.cli import main
from reply_extractor.search import SearchError, highlight, match_expression, search
from reply_extractor.sinks.jsonfile import write_json
from reply_extractor.sinks.sqlite_index import FTS_KINDS, build_index, fts_row_count

from corpus import SHARED, write_linked_batch

REPLIES = {
    "elevator": ("青溪市住房和城乡建设局", "2023-06-19",
                 "关于老旧小区改造的答复\n一、推进加装电梯。今年全市新开工加装电梯150台。\n"
                 "下一步，我局将继续推进既有住宅加装电梯工作。"),
    "talent": ("青溪市人力资源和社会保障局", "2022-07-01",
               "关于人才引进的答复\n一、实施“青溪英才计划”。2022年城镇新增就业3.28万人。\n"
               "下一步，我局将扩大青溪英才计划资助范围。"),
    "roads": ("青溪市交通运输局", "2023-05-31",
              "关于农村公交的答复\n一、建设“四好农村路”。新改建农村公路45公里。\n"
              "下一步，我局将优化公交线网，2023年底前开通预约公交。"),
}


def make_record(doc_id, issuer, date, body):
    text = f"{issuer}\n{body}"

    def span(s):
        i = text.index(s)
        return [i, i + len(s)]

    heading_line = body.split("\n")[1]
    commitment = body.split("\n")[2]
    figures = []
    for surface, value, unit in (("150台", 150, "台"), ("3.28万人", 32800, "人"), ("45公里", 45, "公里")):
        if surface in text:
            figures.append({"span": span(surface), "surface": surface, "value": value, "unit": unit,
                            "kind": "count", "metric": None, "period": None, "region": None})
    return {
        "schema_version": "1.0", "doc_id": doc_id, "text": text,
        "meta": {"issuer": issuer, "title": body.split("\n")[0], "reply_date": date},
        "measures": [{"span": span(heading_line[:8]), "surface": heading_line[:8], "heading": heading_line[2:8],
                      "ordinal": 1, "section_span": span(heading_line)}],
        "figures": figures, "rankings": [],
        "commitments": [{"span": span(commitment), "surface": commitment, "text": commitment}],
        "policies": [], "programs": [], "mentions": [], "warnings": [],
    }


@pytest.fixture
def out(tmp_path):
    for doc_id, (issuer, date, body) in REPLIES.items():
        write_json(tmp_path / f"{doc_id}.json", make_record(doc_id, issuer, date, body))
    build_index(tmp_path)
    return tmp_path


def db(out):
    return out / "replies.sqlite"


def top(out, query, **kw):
    hits = search(db(out), query, **kw)
    return hits[0].doc_id if hits else None


# (query, kind, expected top doc_id, provenance)
TOP_HITS = [
    ("加装电梯", "replies", "elevator", "a jieba word"),
    ("青溪英才计划", "replies", "talent", "a programme name jieba splits"),
    ("农村公路", "replies", "roads", "two words"),
    ("预约公交", "commitments", "roads", "a commitment"),
    ("新增就业", "figures", "talent", "a figure's sentence"),
    ("加装", "measures", "elevator", "a measure's section"),
]


@pytest.mark.parametrize("query,kind,expected,why", TOP_HITS)
def test_top_hit(out, query, kind, expected, why):
    assert top(out, query, kind=kind) == expected, why


def test_hit_carries_span_snippet_issuer_and_title(out):
    hit = search(db(out), "加装电梯")[0]
    text = json.loads((out / "elevator.json").read_text("utf-8"))["text"]
    assert text[hit.span[0]:hit.span[1]] == "加装电梯"
    assert "【加装电梯】" in hit.snippet
    assert hit.issuer == "青溪市住房和城乡建设局" and hit.title == "关于老旧小区改造的答复"
    assert hit.kind == "reply" and hit.score > 0


@pytest.mark.parametrize("query,expected", [
    ("梯", "elevator"),      # one character
    ("电梯", "elevator"),    # two characters
    ("公交", "roads"),
    ("英才", "talent"),      # inside a longer jieba word
])
def test_one_and_two_character_queries(out, query, expected):
    assert top(out, query) == expected


@pytest.mark.parametrize("query", [
    '"加装电梯', "加装电梯)", "(", "AND", "OR OR", "NEAR(电梯", "电梯*", "col:电梯", "^电梯", "'", "-电梯", "{words}",
])
def test_malformed_queries_never_raise_sqlite_errors(out, query):
    try:
        search(db(out), query)
    except SearchError:
        pass  # a clear error is fine; a traceback is not


@pytest.mark.parametrize("query", ["", "   ", "（）", "\"\"", "。，"])
def test_queries_without_words_are_clear_errors(out, query):
    with pytest.raises(SearchError):
        search(db(out), query)


def test_fts_syntax_is_searched_as_text(out):
    assert top(out, '"加装电梯') == "elevator"
    assert top(out, "电梯 AND") is None or top(out, "电梯 AND") == "elevator"


def test_filters(out):
    assert {h.doc_id for h in search(db(out), "下一步", year=2022)} == {"talent"}
    assert {h.doc_id for h in search(db(out), "下一步", issuer="交通运输")} == {"roads"}


def test_reindexing_replaces_never_duplicates(out):
    build_index(out)
    rec = json.loads((out / "roads.json").read_text("utf-8"))
    rec["text"] = rec["text"].replace("预约公交", "定制公交")
    rec["commitments"][0]["text"] = rec["commitments"][0]["text"].replace("预约公交", "定制公交")
    write_json(out / "roads.json", rec)
    build_index(out)
    con = sqlite3.connect(db(out))
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("replies", "passages", "measures")}
    counts |= {f"passages_fts_{k}": fts_row_count(con, k) for k in FTS_KINDS}
    kinds = dict(con.execute("SELECT kind, count(*) FROM passages GROUP BY kind").fetchall())
    con.close()
    assert counts["replies"] == 3 and counts["measures"] == 3
    assert kinds == {"reply": 3, "commitment": 3, "figure": 3}
    assert counts["passages"] == sum(n for t, n in counts.items() if t.startswith("passages_fts_"))
    assert top(out, "定制公交", kind="commitments") == "roads"
    assert top(out, "预约公交", kind="commitments") is None


def test_removed_record_leaves_the_index(out):
    (out / "talent.json").unlink()
    build_index(out)
    assert top(out, "英才") is None


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(SearchError, match="no index"):
        search(tmp_path / "none.sqlite", "电梯")


def test_match_expression_quotes_everything():
    expr = match_expression('电梯" OR x')
    assert expr.count('"') % 2 == 0 and "OR x" not in expr.replace('"', "")


def test_highlight_marks_every_match_near_the_first():
    snippet, first = highlight("甲乙丙电梯丁电梯", "电梯")
    assert snippet == "甲乙丙【电梯】丁【电梯】" and first == (3, 5)


def test_cli_search(out, capsys):
    assert main(["search", "加装电梯", "--db", str(db(out)), "--json", "--limit", "1"]) == 0
    hit = json.loads(capsys.readouterr().out.splitlines()[0])
    assert hit["doc_id"] == "elevator" and hit["span"] and "【" in hit["snippet"]
    assert main(["search", "（", "--db", str(db(out))]) == 2
    assert "no letters or digits" in capsys.readouterr().err
    assert main(["search", "电梯", "--db", str(out / "missing.sqlite")]) == 2


# --- the dev corpus ---------------------------------------------------------

@pytest.fixture(scope="module")
def dev_db(tmp_path_factory):
    return build_index(write_linked_batch(SHARED / "corpus" / "dev", tmp_path_factory.mktemp("devindex")))


# (query, expected top reply, provenance: the dev README's table of documents)
CORPUS_TOP = [
    ("加装电梯", "cixi-zjj-2023-058"),
    ("甬江青才", "ningbo-rsj-2023-156"),
    ("农村公交", "cixi-jtj-2023-019"),
    ("小微企业园", "cixi-jxj-2023-088"),
    ("科技特派员", "cixi-kjj-2023-066"),
]


@pytest.mark.parametrize("query,expected", CORPUS_TOP)
def test_dev_corpus_top_hits(dev_db, query, expected):
    assert search(dev_db, query)[0].doc_id == expected


def test_dev_corpus_short_queries(dev_db):
    assert search(dev_db, "甬", limit=3)  # one character
    assert {h.doc_id for h in search(dev_db, "姚江", limit=5)} >= {"yuyao-jxj-2022-061"}


def test_two_batch_folders_share_one_index_without_clobbering(tmp_path):
    """review: replies.doc_id was the primary key and deletes went by doc_id only,
    so a second folder with a reply of the same name replaced the first one's rows."""
    shared = tmp_path / "index.sqlite"
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, body in ((a, REPLIES["elevator"]), (b, REPLIES["roads"])):
        folder.mkdir()
        write_json(folder / "same.json", make_record("same", *body))
        build_index(folder, shared)
    build_index(a, shared)  # again: replaces a's rows only
    con = sqlite3.connect(shared)
    counts = dict(con.execute("SELECT source_dir, count(*) FROM passages GROUP BY source_dir").fetchall())
    replies = con.execute("SELECT count(*) FROM replies").fetchone()[0]
    con.close()
    assert len(counts) == 2 and replies == 2
    hits = {h.issuer for h in search(shared, "下一步")}
    assert hits == {REPLIES["elevator"][0], REPLIES["roads"][0]}


def test_an_index_of_an_older_schema_is_rebuilt(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    con = sqlite3.connect(out / "replies.sqlite")
    con.execute("CREATE TABLE replies (doc_id TEXT PRIMARY KEY, source_dir TEXT, digest TEXT)")
    con.execute("CREATE TABLE passages (id INTEGER PRIMARY KEY, doc_id TEXT, kind TEXT)")
    con.commit()
    con.close()
    write_json(out / "elevator.json", make_record("elevator", *REPLIES["elevator"]))
    build_index(out)
    assert top(out, "加装电梯") == "elevator"


# --- issue 11: query syntax, every kind, whole items, exit codes ------------

def test_search_takes_the_batch_folder(out):
    assert top(out, "加装电梯") == "elevator"  # the folder, not only its replies.sqlite
    assert search(out, "加装电梯")[0].doc_id == search(db(out), "加装电梯")[0].doc_id


@pytest.mark.parametrize("query,expected", [
    ("电梯 OR 公交", {"elevator", "roads"}),
    ("下一步 -电梯", {"talent", "roads"}),
    ('"农村公路"', {"roads"}),
    ("“农村公路”", {"roads"}),           # full-width quotes are quotes too
    ('"公路农村"', set()),               # a phrase keeps its order
    ("英才 OR 电梯 -加装", {"talent"}),
])
def test_query_syntax(out, query, expected):
    assert {h.doc_id for h in search(out, query, limit=10)} == expected


def test_only_exclusions_is_a_clear_error(out):
    with pytest.raises(SearchError, match="only leaves words out"):
        search(out, "-电梯")


def test_item_hits_carry_the_whole_item_and_a_snippet_centred_on_it(out):
    (hit,) = search(out, "新增就业", kind="figures")
    assert hit.item["surface"] == "3.28万人" and hit.item["value"] == 32800 and hit.item["unit"] == "人"
    assert "【3.28万人】" in hit.snippet
    d = hit.to_dict()
    assert d["item"]["surface"] == "3.28万人" and d["year"] == 2022


def test_two_figures_of_one_sentence_print_differently(tmp_path):
    rec = make_record("two", "青溪市示例局", "2023-01-01",
                      "关于补贴的答复\n一、发放补贴。今年发放租房补贴150台和补贴3.28万人。\n下一步，我局将继续。")
    write_json(tmp_path / "two.json", rec)
    build_index(tmp_path)
    hits = search(tmp_path, "补贴", kind="figures")
    assert len(hits) == 2 and hits[0].snippet != hits[1].snippet
    assert {h.item["surface"] for h in hits} == {"150台", "3.28万人"}


@pytest.mark.parametrize("kind,query,surface", [
    ("programs", "英才", "“青溪英才计划”"),
    ("meta", "交通运输局", "青溪市交通运输局"),
    ("rankings", "全市", "位居全市第1"),
    ("policies", "规划", "《青溪市交通规划》"),
])
def test_every_kind_is_searchable(tmp_path, kind, query, surface):
    text = "青溪市交通运输局\n关于的答复\n落实《青溪市交通规划》，实施“青溪英才计划”，公路里程位居全市第1。"

    def span(s):
        i = text.index(s)
        return [i, i + len(s)]
    rec = {"schema_version": "1.0", "doc_id": "k", "text": text,
           "meta": {"issuer": "青溪市交通运输局", "reply_date": "2023-01-01",
                    "evidence": [{"span": span("青溪市交通运输局"), "surface": "青溪市交通运输局", "field": "issuer"}]},
           "measures": [], "figures": [], "commitments": [], "mentions": [], "warnings": [],
           "rankings": [{"span": span("位居全市第1"), "surface": "位居全市第1", "rank": 1, "scope": "全市"}],
           "policies": [{"span": span("《青溪市交通规划》"), "surface": "《青溪市交通规划》", "name": "青溪市交通规划"}],
           "programs": [{"span": span("“青溪英才计划”"), "surface": "“青溪英才计划”", "name": "青溪英才计划"}]}
    write_json(tmp_path / "k.json", rec)
    build_index(tmp_path)
    hits = search(tmp_path, query, kind=kind)
    assert [h.item["surface"] for h in hits] == [surface]


def test_a_reply_with_no_date_and_year(tmp_path):
    undated = make_record("plain", "青溪市示例局", None, "关于电梯的答复\n一、加装电梯。\n下一步，我局将继续。")
    named = make_record("qingxi-2021-007", "青溪市示例局", None, "关于电梯的答复\n一、加装电梯。\n下一步，我局将继续。")
    for rec in (undated, named):
        write_json(tmp_path / f"{rec['doc_id']}.json", rec)
    build_index(tmp_path)
    hits = search(tmp_path, "电梯", year=2021)
    assert [h.doc_id for h in hits] == ["qingxi-2021-007"] and hits[0].year_inferred  # from the file name
    assert hits.undated == 1                      # the other is counted, not silently dropped
    assert [h.doc_id for h in search(tmp_path, "电梯", year="none")] == ["plain"]


def test_cli_search_exit_codes_and_output(out, capsys):
    assert main(["search", "新增就业", str(out), "--kind", "figures"]) == 0
    printed = capsys.readouterr().out
    assert "3.28万人" in printed and "value 32800" in printed and "unit 人" in printed
    assert main(["search", "没有这个词", str(out)]) == 1
    assert main(["search", "没有这个词", str(out), "--json"]) == 1
    assert capsys.readouterr().out == ""
    assert main(["search", "新增就业", str(out), "--kind", "figures", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["item"]["unit"] == "人"
    assert main(["search", "--db", str(db(out)), "--", "-电梯"]) == 2  # nothing to look for
    assert main(["search", "电梯"]) == 2
    assert "say where to search" in capsys.readouterr().err


def test_cli_search_of_a_folder_with_no_records_exits_1(tmp_path, capsys):
    assert main(["search", "电梯", str(tmp_path)]) == 1
    assert "no records" in capsys.readouterr().err


def test_a_large_index_ranks_its_newest_shard_first(tmp_path, monkeypatch):
    # passages go to FTS shards of consecutive ids; with a limit the newest shard
    # is ranked first, the older ones after; all hits (no limit) are ranked at once
    from reply_extractor.sinks import sqlite_index
    monkeypatch.setattr(sqlite_index, "SHARD_IDS", 3)  # a reply and its passages fill about one
    for doc_id, (issuer, date, body) in REPLIES.items():
        write_json(tmp_path / f"{doc_id}.json", make_record(doc_id, issuer, date, body))
    build_index(tmp_path)
    con = sqlite3.connect(db(tmp_path))
    assert len(sqlite_index.fts_shards(con, "reply")) == 3
    assert sqlite_index.fts_row_count(con, "reply") == 3
    con.close()
    everywhere = {h.doc_id for h in search(db(tmp_path), "下一步", limit=None)}
    assert everywhere == {"elevator", "talent", "roads"}
    hits = search(db(tmp_path), "下一步", limit=3)
    assert hits[0].doc_id == "talent" and {h.doc_id for h in hits} == everywhere  # talent.json is indexed last
    assert top(tmp_path, "加装电梯") == "elevator" and top(tmp_path, "预约公交", kind="commitments") == "roads"


def test_a_measure_search_reads_only_the_records_with_a_matching_measure(out):
    # 下一步 is in every reply, but in no measure's section: no record is read
    read = []

    def records(source_dir, doc_id):
        read.append(doc_id)
        return json.loads((out / f"{doc_id}.json").read_text("utf-8"))

    assert search(db(out), "下一步", kind="measures", records=records) == [] and read == []
    hits = search(db(out), "加装", kind="measures", records=records)
    assert [h.doc_id for h in hits] == ["elevator"] and read == ["elevator"]


def test_items_are_matched_as_the_index_matches_them():
    """review: a query's one-character word (对) matched anywhere in an item,
    where the index looks for it beside its neighbour (加大对)."""
    from reply_extractor.search import _word_parts, parse_query
    q = parse_query("加大对农户补贴")
    assert _word_parts("加大对农户补贴") == ("加大对", "农户", "补贴")
    assert q.matches("今年加大对农户补贴的力度")
    assert not q.matches("加大投入，对农户发放补贴")  # all four words, 加大对 nowhere
    assert q.matches("加大对农户的补贴")  # each part, apart
