"""The HTML review page: highlighted items, tables, escaping, the review command.

Records are built by hand over invented text, so these tests do not depend on
how well the extractors do.
"""
import json
from decimal import Decimal

import lxml.html
import pytest

from reply_extractor.cli import main
from reply_extractor.record import (Commitment, Evidence, Figure, Measure, Meta, Policy, Program,
                                    Ranking, Reply)
from reply_extractor.sinks.review import render_review, write_reviews

TEXT = ("示例县教育局\n"
        "关于第8号建议的答复\n"
        "    一、加强保障。2022年投入资金1.5亿元，增长12.3%，位居全市第2位。"
        "落实《示例县教育发展规划》，实施“春苗”计划。\n"
        "    下一步，我局将在2023年底前新建学校3所。<script>alert(1)</script>\n")


def span_of(surface, start=0):
    s = TEXT.index(surface, start)
    return (s, s + len(surface))


def item(cls, surface, **kw):
    return cls(span=span_of(surface), surface=surface, **kw)


def sample_reply() -> Reply:
    r = Reply(doc_id="sample<1>", text=TEXT, source={"path": None, "format": "text", "encoding": None})
    r.meta = Meta(issuer="示例县教育局", proposal_no="8",
                  evidence=[item(Evidence, "示例县教育局", field="issuer")])
    r.measures = [item(Measure, "加强保障", ordinal=1, heading="加强保障", label="一、")]
    r.figures = [item(Figure, "1.5亿元", value=Decimal("150000000"), unit="元", kind="money",
                      metric="投入资金"),
                 item(Figure, "12.3%", value=Decimal("12.3"), unit="%", kind="percent",
                      direction="increase"),
                 item(Figure, "3所", value=Decimal(3), unit="所", kind="count")]
    r.rankings = [item(Ranking, "位居全市第2位", rank=2, scope="全市")]
    r.policies = [item(Policy, "《示例县教育发展规划》", name="示例县教育发展规划")]
    r.programs = [item(Program, "“春苗”计划", name="春苗计划")]
    sentence = "下一步，我局将在2023年底前新建学校3所。"
    r.commitments = [item(Commitment, sentence, text=sentence, horizon="下一步", deadline="2023-12-31")]
    assert r.check_spans() == []
    return r


def highlighted(page) -> dict[str, str]:
    """surface -> label of every <mark> in the reply text."""
    tree = lxml.html.fromstring(page)
    out = {}
    for m in tree.iter("mark"):
        label = m.find("span").text
        out[(m.text or "")] = label
    return out


def test_every_item_is_highlighted_with_its_kind():
    page = render_review(sample_reply().to_dict())
    got = highlighted(page)
    assert got == {"示例县教育局": "META", "加强保障": "MEASURE", "1.5亿元": "FIGURE",
                   "12.3%": "FIGURE", "3所": "FIGURE", "位居全市第2位": "RANKING",
                   "《示例县教育发展规划》": "POLICY", "“春苗”计划": "PROGRAM"}


def test_commitment_wraps_the_items_inside_it():
    tree = lxml.html.fromstring(render_review(sample_reply().to_dict()))
    (c,) = tree.find_class("commitment")
    # labels are inline text: FIGURE after 3所, COMMITMENT at the end
    assert c.text_content() == "下一步，我局将在2023年底前新建学校3所FIGURE。COMMITMENT"
    assert [m.text for m in c.iter("mark")] == ["3所"]
    assert "deadline: 2023-12-31" in c.get("title")


def test_script_in_the_text_is_escaped_not_executed():
    page = render_review(sample_reply().to_dict())
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    tree = lxml.html.fromstring(page)
    assert "<script>alert(1)</script>" in tree.find_class("reply-text")[0].text_content()
    assert "sample&lt;1&gt;" in page                       # doc_id escaped too


def test_tables_list_values_and_metadata_evidence():
    tree = lxml.html.fromstring(render_review(sample_reply().to_dict()))
    cells = [td.text_content() for td in tree.iter("td")]
    assert "150000000" in cells and "投入资金" in cells and "2023-12-31" in cells
    assert "示例县教育发展规划" in cells and "春苗计划" in cells
    row = next(tr for tr in tree.iter("tr") if tr[0].text_content() == "issuer")
    assert row[1].text_content() == "示例县教育局" and "示例县教育局" in row[2].text_content()


def test_overlapping_items_are_counted_not_dropped_from_tables():
    r = sample_reply()
    r.figures.append(item(Figure, "2022年投入资金1.5亿元", value=Decimal(1), unit="元", kind="money"))
    page = render_review(r.to_dict())
    assert "1 span(s) overlap" in page
    assert "2022年投入资金1.5亿元" in [td.text_content() for td in lxml.html.fromstring(page).iter("td")]


def test_later_mentions_of_a_policy_are_highlighted_too():
    text = "落实《示例规划》。修订《示例规划》。"
    rec = Reply(doc_id="x", text=text).to_dict()
    rec["policies"] = [{"span": [2, 8], "surface": "《示例规划》", "name": "示例规划",
                        "other_spans": [[11, 17]]}]
    tree = lxml.html.fromstring(render_review(rec))
    assert [(m.text, m.find("span").text) for m in tree.iter("mark")] == [
        ("《示例规划》", "POLICY"), ("《示例规划》", "POLICY")]


def test_record_without_items_and_with_bad_spans_still_renders():
    rec = Reply(doc_id="empty", text="你好").to_dict()
    rec["figures"] = [{"span": [5, 99], "surface": "x"}, {"surface": "no span"}]
    tree = lxml.html.fromstring(render_review(rec))
    assert "你好" in tree.find_class("reply-text")[0].text_content()


def test_write_reviews_writes_pages_and_an_index(tmp_path):
    for i in (1, 2):
        rec = sample_reply().to_dict()
        rec["doc_id"] = f"reply-{i}"
        (tmp_path / f"reply-{i}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "summary.json").write_text("{}", encoding="utf-8")     # not a record: ignored
    pages = write_reviews(tmp_path)
    assert [p.name for p in pages] == ["reply-1.html", "reply-2.html", "index.html"]
    index = lxml.html.fromstring(pages[-1].read_text(encoding="utf-8"))
    assert [a.get("href") for a in index.iter("a")] == ["reply-1.html", "reply-2.html"]


def test_review_command_on_a_file(tmp_path, capsys):
    f = tmp_path / "reply.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert main(["review", str(f)]) == 0
    page = (tmp_path / "reply.txt.html").read_text(encoding="utf-8")
    assert "示例县教育局" in page and "<script>alert" not in page


def test_review_command_on_a_batch_folder(tmp_path, capsys):
    (tmp_path / "a.json").write_text(json.dumps(sample_reply().to_dict()), encoding="utf-8")
    assert main(["review", str(tmp_path), "--out", str(tmp_path / "pages")]) == 0
    assert (tmp_path / "pages" / "index.html").exists()


@pytest.mark.parametrize("argv_tail, why, code", [
    (["missing.txt"], "no such file", 2),
    (["."], "no records found", 1),  # like export, search and serve of a folder with no records
])
def test_review_command_errors(tmp_path, capsys, monkeypatch, argv_tail, why, code):
    monkeypatch.chdir(tmp_path)
    assert main(["review", *argv_tail]) == code
    assert why in capsys.readouterr().err


def test_several_replies_of_one_file_share_a_page():
    from reply_extractor.sinks.review import render_reviews
    a, b = sample_reply().to_dict(), sample_reply().to_dict()
    a["doc_id"], b["doc_id"] = "page-1", "page-2"
    tree = lxml.html.fromstring(render_reviews([a, b], "page.html"))
    assert [s.get("id") for s in tree.iter("section")] == ["page-1", "page-2"]


# --- issue 11: the reply's own title, mentions, warnings, text <-> rows ------

def test_index_is_titled_by_the_replys_own_title(tmp_path):
    rec = sample_reply().to_dict()
    rec["meta"]["title"] = "关于第8号建议的答复"
    rec["meta"]["proposal_title"] = "关于加强学校建设的建议"
    (tmp_path / "r.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    index = write_reviews(tmp_path)[-1]
    tree = lxml.html.fromstring(index.read_text("utf-8"))
    header = [th.text_content() for th in tree.iter("th")]
    row = [td.text_content() for td in tree.find(".//tbody").find("tr")]
    assert row[header.index("title")] == "关于第8号建议的答复"
    assert row[header.index("on the proposal")] == "关于加强学校建设的建议"


def test_mentions_and_warnings_are_shown():
    from reply_extractor.record import Mention
    r = sample_reply()
    r.mentions = [item(Mention, "示例县教育局", name="示例县教育局", kind="agency", canonical_id="agency:x/教育局")]
    r.warnings = ["not_a_reply: invented for the test"]
    tree = lxml.html.fromstring(render_review(r.to_dict()))
    headings = [h.text_content() for h in tree.iter("h2")]
    assert "Mentions (1)" in headings and "Warnings (1)" in headings
    assert "agency:x/教育局" in tree.find_class("items-mention")[0].text_content()
    assert tree.find_class("warnings")[0].text_content() == "not_a_reply: invented for the test"


def test_highlights_and_table_rows_link_both_ways():
    tree = lxml.html.fromstring(render_review(sample_reply().to_dict()))
    link = next(a for a in tree.find_class("item-link") if a.text_content().startswith("1.5亿元"))
    assert link.get("href") == "#row-figure-0" and link.get("id") == "item-figure-0"
    row = tree.get_element_by_id("row-figure-0")
    assert row.find(".//a").get("href") == "#item-figure-0"
    commitment = tree.find_class("commitment")[0]
    assert commitment.get("id") == "item-commitment-0"
    assert tree.get_element_by_id("row-commitment-0") is not None
