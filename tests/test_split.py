"""Splitting files that hold several replies. Phrases are invented."""
from __future__ import annotations

from pathlib import Path

import pytest

from reply_extractor.document import Block, Document
from reply_extractor.split import split_replies

from corpus import SHARED


def reply(agency: str, no: int, name: str) -> str:
    return (f"{agency}\n\n青商建〔2023〕{no}号\n\n关于市十八届人大二次会议第{no}号建议的答复\n\n"
            f"{name}代表：\n    您提出的《关于改进第{no}项工作的建议》收悉。经认真研究，现答复如下：\n"
            "    一、完善工作机制。我局建立了联席会议制度，定期研究解决有关问题。\n"
            "    感谢您的关心和支持。\n\n"
            f"{agency}\n2023年6月{no}日\n联系人：王某　　联系电话：0574-60000000\n")


def test_single_reply_is_returned_unchanged():
    doc = Document.from_text(reply("青川市商务局", 5, "张三"))
    assert split_replies(doc) == [doc] and split_replies(doc)[0] is doc


def test_page_listing_several_letters():  # brief: a page listing several answers
    parts_in = [reply("青川市商务局", 5, "张三"), reply("青川市民政局", 8, "李四"), reply("青川市教育局", 9, "王五")]
    text = "\n".join(parts_in)
    doc = Document.from_text(text, source=Path("page.txt"), format="txt", encoding="utf-8")
    parts = split_replies(doc)
    assert len(parts) == 3
    # each part starts at its letterhead (the agency line above the 文号 and title)
    assert [p.text.split("\n")[0] for p in parts] == ["青川市商务局", "青川市民政局", "青川市教育局"]
    assert "".join(p.text for p in parts) == text
    for p in parts:
        assert (p.source, p.format, p.encoding) == (doc.source, "txt", "utf-8")
        for b in p.blocks:
            assert 0 <= b.start <= b.end <= len(p.text)
    # blocks re-offset: the first block of the second part is its agency line
    b = parts[1].blocks[0]
    assert parts[1].text[b.start:b.end] == "青川市民政局"


def test_glued_records_split_at_each_case_label():  # real Pingtan layout, two records in one file
    a = "12号提案案 由：关于完善养老服务的建议提 案 人：王 五主办单位：区民政局委员反馈：满意办复内容：一是加强设施建设。新建站点三处，服务老人一千余人次，运行情况良好。"
    b = "事 由：关于改善乡村道路的建议提 案 人：李四代表承办单位：区交通局代表反馈：满意办理情况：已完成道路拓宽，新修道路十二公里，群众出行更加便利，反映良好。"
    parts = split_replies(Document.from_text(a + "\n" + b))
    assert [p.text[:3] for p in parts] == ["12号", "事 由"]


def test_page_chrome_with_a_repeated_title_stays_whole():  # a web page repeating its title
    body = reply("青川市商务局", 5, "张三")
    text = "关于市十八届人大二次会议第5号建议的答复\n时间：2023-06-20\n\n" + body
    doc = Document.from_text(text)
    assert split_replies(doc) == [doc]


def test_word_labels_of_blocks_before_the_cut_are_dropped():
    text = reply("青川市商务局", 5, "张三") + "\n" + reply("青川市民政局", 8, "李四")
    k = text.index("一、完善", len(text) // 2)
    doc = Document(text, [Block("paragraph", 0, 6), Block("list_item", k, k + 10, label="一、", level=0)])
    second = split_replies(doc)[1]
    assert [(b.kind, b.label) for b in second.blocks] == [("list_item", "一、")]
    assert second.text[second.blocks[0].start:].startswith("一、")


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("path", sorted((SHARED / "corpus").glob("*/*.txt")), ids=lambda p: p.stem)
def test_corpus_files_hold_one_reply_each(path):
    from reply_extractor import readers
    assert len(split_replies(readers.read(path))) == 1


def test_last_reply_of_a_page_with_trailing_chrome():
    # held-out class: page chrome after the last reply's date hid its signature and date
    from reply_extractor.pipeline import extract_all
    page = (reply("青川市商务局", 5, "张三") + reply("青川市商务局", 8, "王丽、陈刚、赵明等")
            + "主办：青川市人民政府办公室　承办：青川市大数据中心　网站标识码：3302000001　浙ICP备12345678号-1\n"
            "【打印本页】【关闭窗口】\n")
    replies = extract_all(Document.from_text(page))
    assert len(replies) == 2
    last = replies[-1].meta
    assert (last.issuer, last.reply_date, last.proposers) == ("青川市商务局", "2023-06-08", ["王丽", "陈刚", "赵明"])


def test_titles_opening_with_the_agency_split_the_page():  # held-out class: 某局关于…的答复
    page = "".join(reply("青川市商务局", n, "张三").replace("\n\n关于", "\n\n青川市商务局关于") for n in (5, 8))
    parts = split_replies(Document.from_text(page))
    assert len(parts) == 2 and parts[1].text.startswith("青川市商务局\n")


def test_disclosure_page_with_a_title_label_stays_whole():
    # held-out class: published-page metadata header glued on one line with the body
    text = ("索引号：000012345/2023-00456发文机关：某某部标题：关于第1234号提案答复的函发文字号："
            "某提函〔2023〕88号成文日期：2023年08月15日林志远委员：您提出的《关于加快建设充电设施的提案》收悉。"
            "经商有关部门，现答复如下：\n一是加快建设。我部将于年底前出台指导意见，推动各地加快建设。\n")
    doc = Document.from_text(text)
    assert split_replies(doc) == [doc]


def test_a_trailing_part_with_no_body_joins_the_reply_before_it():
    # found by random texts: two parts, the second only a repeated title at the page's end
    text = reply("青川市商务局", 5, "张三") + "\n青川市民政局\n\n青商建〔2023〕8号\n\n关于市十八届人大二次会议第8号建议的答复\n"
    parts = split_replies(Document.from_text(text))
    assert "".join(p.text for p in parts) == text and len(parts) == 1


def test_the_suggestion_shown_above_its_reply_is_no_reply_of_its_own():  # heldout42
    title = "青川市人力资源和社会保障局关于市十六届人大五次会议第65号建议的答复"
    page = (f"青川市人力资源和社会保障局\n当前位置：首页 > 政务公开 > 建议提案办理\n{title}\n"
            "发布日期：2026-06-19　浏览次数：408\n建议内容：\n"
            "近年来，我市外出务工人员返乡创业意愿明显增强，约六成返乡人员有创业打算，但普遍面临融资难、"
            "场地贵、指导少等问题。建议：一是提高创业担保贷款额度；二是每个县区至少建成1个返乡创业园。\n"
            f"答复内容：\n{title}\n" + reply("青川市人力资源和社会保障局", 65, "王建峰").split("\n\n", 3)[3])
    assert len(split_replies(Document.from_text(page))) == 1
