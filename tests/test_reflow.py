"""Reflow joins lines broken inside a sentence, a word or a number, keeps the
paragraph ends, and maps every offset back to the text as read."""
import pytest

from corpus import SHARED
from reply_extractor import extract
from reply_extractor.readers import read
from reply_extractor.document import Document
from reply_extractor.pipeline import extract_all
from reply_extractor.reflow import reflow, unglue

CRAWLED = (
    "王明、李华等代表\n：\n"
    "你们提出的关于加快建设城东\n物流园的建议（第\n0012\n号）收悉，现答复如下：\n"
    "一、\n关于用地保障\n"
    "根据《\n某省教育厅关于规范办学的通知\n》（闽教基〔\n2014\n〕\n17\n号）精神，园区已收储土地\n2\n633公顷，\n"
    "完成投资\n3.5\n亿元。\n"
    "二、关于资金支持\n下一步，我局将继续争取省级专项资金。\n"
    "联\n系\n人：陈立\n"
    "联系电话：\n0594-1234567\n"
    "某市商务局\n2023\n年\n6\n月\n20\n日"
)


def test_crawler_breaks_inside_numbers_and_words_are_joined():
    text, offsets = reflow(CRAWLED)
    assert "（第0012号）收悉" in text
    assert "（闽教基〔2014〕17号）" in text
    assert "收储土地2633公顷，完成投资3.5亿元。" in text
    assert "加快建设城东物流园的建议" in text
    assert offsets.joins > 10


def test_paragraph_ends_headings_and_signature_lines_stay():
    lines = reflow(CRAWLED)[0].split("\n")
    assert lines[0] == "王明、李华等代表："            # the salutation, its colon pulled up
    assert "一、关于用地保障" in lines                    # a label alone on its line heads the next
    assert "二、关于资金支持" in lines                    # a numbered heading opens a line
    assert lines[-4:] == ["联系人：陈立", "联系电话：0594-1234567", "某市商务局", "2023年6月20日"]


def test_a_number_cut_at_the_end_of_a_heading_line_is_joined():  # heldout34
    text = ("各位代表：\n您好！现答复如下：\n一、加强管理。已完成改造120个。\n"
            "二、加强基层人才队伍建设。2025年通过公开招聘等方式为基层补充卫技人员2\n"
            "13名，其中全科医生47名。\n三、下一步工作。\n")
    assert "补充卫技人员213名，其中" in reflow(text)[0]


def test_a_doc_number_under_the_agency_stays_a_line_of_its_own():  # heldout38
    text = ("桂林市临桂区住房和城乡建设局\n临住建函〔2026〕23号\n答复类别：B类\n\n"
            "关于区七届人大四次会议第23号建议的答复\n\n莫海燕代表：\n您提出的建议收悉。现答复如下：\n")
    assert "\n临住建函〔2026〕23号\n" in reflow(text)[0]


def test_a_title_broken_inside_its_brackets_is_joined():  # heldout11: crawler breaks every 38 characters
    raw = ("下一步，我局将重点抓好以下工作：\n"
           "四是明年6月底前出台《南丰县蜜桔产业高质量发展三年行动计划（2025—202\n"
           "7年）》，进一步明确扶持政策和资金安排。\n"
           "明确县区不再开展评价（国办函〔2021〕59号。\n感谢您的关心和支持。\n")
    lines = reflow(raw)[0].split("\n")
    assert "四是明年6月底前出台《南丰县蜜桔产业高质量发展三年行动计划（2025—2027年）》，进一步明确扶持政策和资金安排。" in lines
    assert "感谢您的关心和支持。" in lines      # a bracket never closed does not swallow what follows


def test_a_breadcrumb_stays_a_line_of_its_own():  # heldout14: the title broken below it
    raw = ("首页 > 政务公开 > 建议提案办理 > 人大代表建议\n江门市交通运输局关于市十六届人大五次会议第\n1058\n"
           "号代表建议答复的函\n发布日期：2025-06-20\n")
    assert reflow(raw)[0].split("\n")[:2] == ["首页 > 政务公开 > 建议提案办理 > 人大代表建议",
                                             "江门市交通运输局关于市十六届人大五次会议第1058号代表建议答复的函"]


def test_a_letter_s_heading_and_contact_lines_stay_lines():  # heldout11, heldout13: letters, not crawler text
    assert reflow("株洲市人力资源和社会保障局\n株洲市教育局\n\n关于市政协第12号提案的答复\n")[0] == \
        "株洲市人力资源和社会保障局\n株洲市教育局\n\n关于市政协第12号提案的答复\n"  # a joint letterhead
    raw = ("（四）下一步工作安排\n您的建议对我们改进工作很有帮助。我镇将重点做好以下几项工作：\n"
           "主办单位联系人：刘建民　　联系电话：0731-28681325\n会办单位联系人：彭湘云　　联系电话：0731-28632047\n")
    assert reflow(raw)[0] == raw


def test_html_entities_a_crawler_left_are_read_as_characters():  # heldout18
    raw = "&nbsp;&nbsp;打造&ldquo;南和菜&rdquo;品牌，出台《办法（2024&mdash;2026年）》。\n下一行。R&D 与 A&amp;B。\n"
    text, offsets = reflow(raw)
    assert text == "\xa0\xa0打造“南和菜”品牌，出台《办法（2024—2026年）》。\n下一行。R&D 与 A&B。\n"
    k = text.index("南和菜")
    assert raw[slice(*offsets.original_span(k, k + 3))] == "南和菜"
    assert raw[offsets.original(text.index("”"))] == "&"   # a replaced character maps to where it began


def test_every_offset_maps_back_to_the_text_as_read():
    text, offsets = reflow(CRAWLED)
    s = text.index("2633公顷")
    a, b = offsets.original_span(s, s + len("2633公顷"))
    assert CRAWLED[a:b] == "2\n633公顷"                 # the span takes in the joined break
    for i, ch in enumerate(text):
        if ch != "\n":
            assert CRAWLED[offsets.original(i)] == ch


def test_crlf_comes_out_as_lf_and_still_maps_back():
    raw = "张三代表：\r\n您提出的建议收悉。\r\n现答复如下：\r\n"
    text, offsets = reflow(raw)
    assert text == raw.replace("\r\n", "\n")
    k = text.index("现答复")
    assert raw[slice(*offsets.original_span(k, k + 3))] == "现答复"


def test_a_text_written_in_paragraphs_is_left_alone():
    letter = ("李四委员：\n您提出的关于发展夜间经济的提案收悉。现答复如下：\n"
              "一、加强规划引导\n2023年，我市出台夜间经济发展规划。\n"
              "某市商务局\n2023年6月20日")
    text, offsets = reflow(letter)
    assert text == letter and offsets.identity and offsets.joins == 0


def test_table_rows_and_indented_paragraphs_stay_apart():
    text = ("项目\t数量\n道路\t12\n"
            "　　今年共完成道路改造12条，\n　　惠及群众3万人。")
    assert reflow(text)[0] == text


def test_hard_wrapped_lines_of_one_width_run_on():
    para = ("我市高度重视农村公路建设工作，近年来持续加大投入力度，全面推进四好农村路建设，"
            "农村公路通达水平和通行条件明显改善，群众出行更加便捷安全，为乡村振兴提供了有力支撑")
    wrapped = "\n".join(para[i:i + 20] for i in range(0, len(para), 20)) + "。"
    assert reflow(wrapped)[0] == para + "。"


def test_the_record_says_it_was_reflowed_and_maps_spans_back(tmp_path):
    path = tmp_path / "crawled.txt"
    path.write_text(CRAWLED, encoding="utf-8")
    doc = read(path)
    assert doc.reflowed
    reply = extract(path)
    assert reply.source["reflowed"] is True
    assert reply.check_spans() == []
    assert reply.meta.proposal_no == "12"
    fig = next(f for f in reply.figures if f.surface.startswith("2633"))
    a, b = reply.original_span(*fig.span)
    assert CRAWLED[a:b].replace("\n", "") == fig.surface


PUTIAN = SHARED / "corpus" / "real-pages" / "putian"


@pytest.mark.skipif(not PUTIAN.is_dir(), reason="../shared real pages not present")
@pytest.mark.parametrize("stem", sorted(p.stem for p in PUTIAN.glob("*.html")) if PUTIAN.is_dir() else [])
def test_crawler_text_gives_the_items_of_its_published_page(stem):
    txt, html = extract(PUTIAN / f"{stem}.txt"), extract(PUTIAN / f"{stem}.html")
    assert [(m.path, m.heading) for m in txt.measures] == [(m.path, m.heading) for m in html.measures]
    for kind in ("figures", "rankings", "commitments", "programs"):
        # the crawler keeps a paragraph break after a heading's stop that the page runs on
        assert [_unspaced(i.surface) for i in getattr(txt, kind)] == \
            [_unspaced(i.surface) for i in getattr(html, kind)], kind


def _unspaced(s: str) -> str:
    return "".join(s.split())


def test_in_a_text_broken_all_over_short_phrases_run_on_but_headings_keep_their_body():
    crawled = ("李明委员：\n你提出的关于发展\n渔业的提案（\n2022132\n号）已收悉，现答复如下：\n"
               "一、\n关于推广养殖模式\n按照市委部署，全市推广面积达\n3\n万亩，同比增长\n5\n%。\n"
               "开展水产\n绿色健康养殖\n“五大行动”，加大投入品监管力度。\n"
               "二是\n提高\n养殖尾水\n治理水平\n。\n"
               "某市海洋与渔业局\n2022\n年\n7\n月\n28\n日")
    lines = reflow(crawled)[0].split("\n")
    assert "一、关于推广养殖模式" in lines                     # the heading keeps its own line
    assert "按照市委部署，全市推广面积达3万亩，同比增长5%。" in lines
    assert "开展水产绿色健康养殖“五大行动”，加大投入品监管力度。" in lines
    assert "二是提高养殖尾水治理水平。" in lines                # a heading cut into pieces
    assert lines[-2:] == ["某市海洋与渔业局", "2022年7月28日"]


def test_a_single_number_cut_in_two_is_joined():
    text = "张三代表：\n您提出的建议收悉。全市新建站点\n12\n个。\n某市商务局\n2023年6月20日"
    assert reflow(text)[0].split("\n") == ["张三代表：", "您提出的建议收悉。全市新建站点12个。", "某市商务局",
                                          "2023年6月20日"]


def test_each_reply_of_a_split_file_maps_back_into_the_file(tmp_path):
    from reply_extractor.pipeline import extract_all
    one = "关于第1号建议的答复\r\n张三代表：\r\n您提出的关于修缮道路的建议收悉。我局已完成道路修缮工程，共计投入资金120万元，修缮道路十二条，惠及沿线群众三万余人，今后将继续加强养护管理。\r\n某区交通局\r\n2023年5月6日\r\n"
    two = one.replace("第1号", "第2号").replace("张三", "李四").replace("120万元", "80万元")
    raw = one + two
    path = tmp_path / "two.txt"
    path.write_bytes(raw.encode("utf-8"))
    replies = extract_all(path)
    assert len(replies) == 2
    for reply in replies:
        fig = reply.figures[0]
        assert raw[slice(*reply.original_span(*fig.span))] == fig.surface


def test_table_rows_of_spaced_cells_stay_lines():
    """heldout8: crawler text keeps a table written as lines of cells set apart by
    ideographic spaces; its rows are not joined into one paragraph."""
    rows = ["项目名称　投资（万元）　完成率", "国家储备林建设　8600　104%", "森林抚育　2350　98%"]
    text, offsets = reflow(CRAWLED.replace("完成投资\n3.5\n亿元。\n", "完成投资\n3.5\n亿元。\n" + "\n".join(rows) + "\n"))
    assert "收储土地2633公顷，完成投资3.5亿元。" in text  # the crawler's breaks are still joined
    lines = text.split("\n")
    i = lines.index(rows[0])
    assert lines[i:i + 3] == rows


# A disclosure page saved on one line, its blocks set apart by spaces (heldout12).
ONE_LINE_PAGE = (
    "某市城市管理局 网站首页 机构概况 政务公开 当前位置：首页 > 政务公开 > 建议提案办理 "
    "关于市政协九届三次会议第8号提案的答复 发布时间：2024-08-05 16:42 浏览次数：【 267 】 "
    "案 由：关于推进城区垃圾分类 提升人居环境的提案 王某、李某委员： "
    "你们提出的《关于推进城区垃圾分类提升人居环境的提案》收悉。现答复如下： "
    "一、完善设施。" + "全市新建收集亭1870个，配置垃圾桶二万余组，推动“平安到家 敲门行动”扩面增效。" * 14
    + " 二、强化宣传。" + "组织入户宣传320场，居民知晓率达到93.5%。" * 14
    + " 联系人：易某 联系电话：0730-8269157 某市城市管理局 2024年7月26日 抄送：市政协提案委。 "
    "【打印此页】 主办：某市城市管理局 网站标识码：4306000041")


def test_a_page_saved_on_one_line_is_read_block_by_block():
    lines = unglue(ONE_LINE_PAGE).split("\n")
    assert len(unglue(ONE_LINE_PAGE)) == len(ONE_LINE_PAGE)   # one character for one: offsets stay
    for line in ["网站首页", "关于市政协九届三次会议第8号提案的答复", "王某、李某委员：", "联系人：易某",
                 "某市城市管理局", "2024年7月26日", "抄送：市政协提案委。"]:
        assert line in lines, line
    # spaced-out labels, and spaces inside a long run of text, are the writer's own
    assert any(line.startswith("案 由：关于推进城区垃圾分类 提升人居环境的提案") for line in lines)
    assert not any(line.startswith("敲门行动") for line in lines)
    reply = extract_all(Document.from_broken_text(ONE_LINE_PAGE))[0]
    assert (reply.meta.issuer, reply.meta.reply_date) == ("某市城市管理局", "2024-07-26")


def test_short_texts_and_texts_in_lines_are_not_unglued():
    assert unglue("张三代表： 您提出的建议收悉。 现答复如下：") == "张三代表： 您提出的建议收悉。 现答复如下："
    lines = "\n".join(["一、完善设施。 全市新建收集亭1870个。"] * 60)
    assert unglue(lines) == lines
