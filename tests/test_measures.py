"""Measure (numbered section) examples. Phrases are invented; labels say which
layout of the corpus or which brief rule each example stands for."""
from __future__ import annotations

import json

import pytest
from corpus import gold_cases, needs_shared

from reply_extractor import labels
from reply_extractor.document import Block, Document
from reply_extractor.extractors import measures
from reply_extractor.record import Reply


HEAD = "青川市商务局\n\n关于市十八届人大二次会议第15号建议的答复\n\n张三代表：\n    您提出的《关于扶持网点的建议》收悉。现答复如下：\n"
TAIL = "    感谢您对商务工作的关心和支持。\n\n青川市商务局\n2023年6月15日\n"


def run(body: str, head: str = HEAD, tail: str = TAIL, blocks=None):
    text = head + body + tail
    doc = Document.from_text(text) if blocks is None else Document(text, blocks(text))
    ms = measures.extract(doc)
    reply = Reply("t", text)
    reply.measures = ms
    assert reply.check_spans() == []
    return ms


def headings(ms, level=None):
    return [m.heading for m in ms if level is None or m.level == level]


@pytest.mark.parametrize("body, expected", [
    # dev jxj-015: 一、 with an inline heading phrase ending at 。
    ("    一、强化顶层设计，完善政策体系。我市出台了政策。\n    二、坚持分类推进，抓好试点。开展试点。\n",
     ["强化顶层设计，完善政策体系", "坚持分类推进，抓好试点"]),
    # dev jxj-088: （一） heading lines
    ("    （一）关于加快园区建设的建议\n    全年新建园区。\n    （二）关于提升服务水平的建议\n    推行新模式。\n",
     ["关于加快园区建设的建议", "关于提升服务水平的建议"]),
    # dev kjj-032: 1. inline
    ("    1.加大研发激励。落实政策。\n    2.提升平台能级。建设平台。\n", ["加大研发激励", "提升平台能级"]),
    # dev kjj-066: 1、 heading lines
    ("    1、关于队伍建设情况\n    队伍稳定。\n    2、关于经费保障的建议\n    加大投入。\n",
     ["关于队伍建设情况", "关于经费保障的建议"]),
    # (1) and full-width （１）
    ("    (1)优化流程。简化手续。\n    (2)压缩时限。提速审批。\n", ["优化流程", "压缩时限"]),
    ("    （１）优化流程。简化手续。\n    （２）压缩时限。提速审批。\n", ["优化流程", "压缩时限"]),
    # seed yuyao: odd leading spaces and a stray bookmark marker
    ("[bookmark: _GoBack]    1.聚焦集群化，打造产业集群。正文。\n2.聚焦创新力，构建科创体系。正文。\n",
     ["聚焦集群化，打造产业集群", "聚焦创新力，构建科创体系"]),
    # other provinces: 一． and 1）
    ("    一．优化营商环境。正文。\n    二．强化要素保障。正文。\n", ["优化营商环境", "强化要素保障"]),
    ("    1）优化流程。正文。\n    2）压缩时限。正文。\n", ["优化流程", "压缩时限"]),
    # a long first sentence: the heading is its first ，-phrase
    ("    1.积极推进城东学校和城西学校两所学校的改扩建项目，推动集团化办学。正文。\n    2.发掘潜力。正文。\n",
     ["积极推进城东学校和城西学校两所学校的改扩建项目", "发掘潜力"]),
])
def test_numbering_styles(body, expected):
    assert headings(run(body)) == expected


def test_nested_sections_keep_the_subsections():  # dev jyj-024: 一、 + （一）
    body = ("    一、基本情况\n    现有学校6所。\n    二、主要做法\n    （一）健全合作机制\n    建立平台。\n"
            "    （二）建设实训基地\n    新建基地。\n    三、下一步打算\n    一是健全政策体系。编制计划。\n"
            "    二是加大经费投入。增加预算。\n")
    ms = run(body)
    assert [(m.heading, m.level, m.path) for m in ms] == [
        ("基本情况", 0, "1"), ("主要做法", 0, "2"), ("健全合作机制", 1, "2.1"),
        ("建设实训基地", 1, "2.2"), ("下一步打算", 0, "3"),
        ("健全政策体系", 1, "3.1"), ("加大经费投入", 1, "3.2")]
    main = ms[1]
    assert main.section_span[0] < ms[2].span[0] < ms[3].span[1] <= main.section_span[1]


def test_only_paren_numbers_are_top_level():  # brief: （一） alone is the top level
    ms = run("    （一）扎实推进改造\n    正文。\n    （二）稳步推进建设\n    正文。\n")
    assert [m.level for m in ms] == [0, 0] and [m.ordinal for m in ms] == [1, 2]


def test_inline_items_inside_a_section_need_a_heading_sentence():  # dev jxj-015 / nyncj-083
    body = ("    一、做强服务支撑。一是建立资源池。遴选服务商38家。二是开展免费诊断。上门诊断。\n"
            "    二、补齐设施短板。一是推进污水治理提标改造，完成站点215个。二是深化垃圾分类，覆盖率100%。\n")
    ms = run(body)
    assert headings(ms, 0) == ["做强服务支撑", "补齐设施短板"]
    assert headings(ms, 1) == ["建立资源池", "开展免费诊断"]


@pytest.mark.parametrize("plan", [
    # dev: 下一步 … 一是…二是… are commitments, not sections
    "    下一步，我局将重点做好以下工作：一是持续加大政策兑现力度，推动修订。二是扩大覆盖面。三是加强宣传。\n",
    "    今后，我们将着力：一是优化线网。二是加密班次。\n",
    "    正文。下一步，我局将：一是优化线网；二是加密班次；三是改善站点。\n",
])
def test_plan_paragraph_items_are_not_measures(plan):
    ms = run("    一、完善网点规划。正文。\n    二、加大扶持力度。正文。\n" + plan)
    assert headings(ms) == ["完善网点规划", "加大扶持力度"]


def test_restated_suggestion_list_before_the_answer_is_not_a_measure():
    head = HEAD.replace("收悉。现答复如下：", "收悉。您建议：1.增设网点；2.减免租金。经研究，现答复如下：")
    ms = run("    一、完善网点规划。正文。\n    二、加大扶持力度。正文。\n", head=head)
    assert headings(ms) == ["完善网点规划", "加大扶持力度"]


def test_out_of_sequence_and_table_rows_are_ignored():
    body = ("    2.这不是列表。正文。\n    一、完善网点规划。正文。\n"
            "序号\t街道\t网点（个）\n1.\t东街\t12\n2.\t西街\t9\n    二、加大扶持力度。正文。\n")
    assert headings(run(body)) == ["完善网点规划", "加大扶持力度"]


def test_word_auto_numbered_paragraphs():  # dev-docx: the label comes from numbering.xml
    body = "    一、强化顶层设计，完善政策体系。正文。\n    二、坚持分类推进。正文。\n"

    def blocks(text):
        out = []
        for lab, phrase in (("一、", "强化顶层"), ("二、", "坚持分类")):
            s = text.index(lab + phrase)
            out.append(Block("list_item", s, text.index("\n", s), label=lab, level=0))
        return out
    ms = run(body, blocks=blocks)
    assert [(m.label, m.heading) for m in ms] == [("一、", "强化顶层设计，完善政策体系"), ("二、", "坚持分类推进")]


def test_no_numbering_gives_no_measures():  # dev rsj-103 (lead phrases are optional), real r016
    assert run("    拓宽就业渠道。举办招聘会。\n    强化政策扶持。发放补贴。\n") == []


GLUED = ("事 由：关于促进房产市场平稳发展的建议提 案 人：陈 兴分办单位：区甲局、区乙院委员反馈：满意办复内容："
         "（区甲局）一、加强房地产项目跟踪和市场研判关于您提出的建立跟踪制度的建议，我局全面摸排在建楼盘。"
         "二、推进部门协同处置涉房问题一是我局成立领导小组。二是定期召开会议。"
         "三、关于全面推广“房证同交”事宜为进一步便民利企，我局联合发文。"
         "（区乙院）一是强化协同配合，与区甲局会商5次。二是强化诉前调解，化解纠纷32件。"
         "下一步，我院将继续加强协作。")


def test_glued_page_headings_units_and_ordinals():  # real r008 layout
    ms = run("", head=GLUED, tail="")
    assert [(m.path, m.heading) for m in ms] == [
        ("1", "加强房地产项目跟踪和市场研判"), ("2", "推进部门协同处置涉房问题"),
        ("3", "关于全面推广“房证同交”事宜"), ("4", "强化协同配合"), ("5", "强化诉前调解")]
    assert all(m.level == 0 for m in ms)


def test_glued_page_plan_sentence_items_are_not_measures():
    page = "办复内容：一是加强设施建设。新建站点。二是完善服务标准。制定规范。下一步，我局将：一是扩大覆盖；二是提升质量。"
    assert headings(run("", head=page, tail="")) == ["加强设施建设", "完善服务标准"]


def test_glued_page_one_shi_list_with_nested_points():  # real r010 layout
    page = ("9号提案案 由：关于壮大高中教育的建议提 案 人：林某主办单位：区社会事业局委员反馈：满意办复内容："
            "一是实施三年发展规划情况：我区积极推进规划。1.提升教育质量。通过集团化办学。2.扩大招生比例。今年下达指标。"
            "二是推进增加学位情况：我区扩大供给。三是推动职专转型情况：我区开展试点。")
    ms = run("", head=page, tail="")
    assert [(m.path, m.heading) for m in ms] == [
        ("1", "实施三年发展规划情况"), ("1.1", "提升教育质量"), ("1.2", "扩大招生比例"),
        ("2", "推进增加学位情况"), ("3", "推动职专转型情况")]


def test_the_items_of_a_problems_section_are_no_measures():  # heldout22
    page = ("现答复如下：\n一、工作开展情况\n（一）加快推进实施。完成加装电梯1268台。\n二、存在的困难\n"
            "一是部分小区住户意见难以统一，协商成本较高；二是地下管线复杂，迁移费用较大。\n"
            "三、下一步工作\n（一）完善协商机制。推广议事规则。\n")
    ms = run("", head=page, tail="")
    assert [m.heading for m in ms] == ["工作开展情况", "加快推进实施", "存在的困难", "下一步工作", "完善协商机制"]


def test_a_list_a_sentence_opens_as_problems_is_no_measures():  # heldout23
    page = ("现答复如下：\n一、加强规划。编制规划。\n在取得成效的同时，我市仍面临一些问题：一是产品同质化现象较为突出。"
            "二是人才短缺。\n二、培育品牌。打造品牌。\n")
    ms = run("", head=page, tail="")
    assert [m.heading for m in ms] == ["加强规划", "培育品牌"]


def test_questions_and_answers():  # heldout17: a reply in 问题N：…？ / 答复： blocks
    page = ("现将主要问题答复如下：\n问题一：如何破解基层招人难？\n答复：一是实施订单定向培养。累计培养486名。"
            "二是放宽招聘条件。招聘635人。\n问题二：如何提高基层待遇？\n答复：人均绩效工资达到15.8万元。\n")
    ms = run("", head=page, tail="")
    assert [(m.path, m.heading) for m in ms] == [
        ("1", "如何破解基层招人难"), ("1.1", "实施订单定向培养"), ("1.2", "放宽招聘条件"), ("2", "如何提高基层待遇")]


@pytest.mark.parametrize("label, style, number", [
    ("一、", "cn_dun", 1), ("（三）", "cn_paren", 3), ("(3)", "arabic_paren", 3), ("2.", "arabic_dot", 2),
    ("２．", "arabic_dot", 2), ("10、", "arabic_dun", 10), ("十二、", "cn_dun", 12), ("③", "circled", 3),
    ("四是", "cn_shi", 4), ("第二，", "cn_di", 2), ("甲、", None, None),
    ("三．", "cn_dot", 3), ("2）", "arabic_half_paren", 2), ("问题二：", "question", 2),
])
def test_label_classification(label, style, number):
    c = labels.classify_label(label)
    assert (c[0], c[2]) == (style, number) if style else c is None


# ---- the shared corpus ---------------------------------------------------------



@needs_shared
@pytest.mark.parametrize("txt, gold", gold_cases())
def test_corpus_measures_match_gold(txt, gold):
    """Every required gold heading is found; every prediction matches some gold heading."""
    from reply_extractor import readers
    got = [m.heading for m in measures.extract(readers.read(txt))]
    want = json.loads(gold.read_text(encoding="utf-8"))["measures"]
    match = lambda g, p: g in p or p in g
    for w in want:
        if not w.get("optional"):
            assert any(match(w["heading"], p) for p in got), w["heading"]
    for p in got:
        assert any(match(w["heading"], p) for w in want), p


# ---- bugs caught on the project's own sample replies (corpora/) -------------

def test_glued_heading_cut_before_a_year():  # corpora lianjiang: "1.积极争取上级资金2022年共争取…"
    page = ("办复内容：（县财政局）1.积极争取上级资金2022年共争取专项资金七千八百万元。"
            "2.统筹县级配套按照不低于上级资金20%的比例落实配套。")
    assert headings(run("", head=page, tail="")) == ["积极争取上级资金", "统筹县级配套"]


def test_numbered_items_under_a_plan_heading_are_sections_too():
    # blind real gold (二、下一步…工作思路 then （一）争取…，加大…。): each numbered item is a section
    body = ("    一、工作开展情况\n    （一）强化就业服务。开展招聘活动。\n    二、下一步工作\n"
            "    （一）今年将新建孵化基地5个，计划年底前投入运营。\n"
            "    （二）争取各级财政资金支持，加大全民健身场地设施建设投入，超额完成人均体育场地面积目标任务。\n")
    assert [(m.path, m.heading) for m in run(body)] == [
        ("1", "工作开展情况"), ("1.1", "强化就业服务"), ("2", "下一步工作"),
        ("2.1", "今年将新建孵化基地5个，计划年底前投入运营"), ("2.2", "争取各级财政资金支持")]


@pytest.mark.parametrize("text", ["", "\n", "一、", "1.", "一是。二是。", "（）一、", "办复内容："])
def test_odd_input_gives_no_error(text):
    assert isinstance(measures.extract(Document.from_text(text)), list)


def test_heading_closed_by_its_answering_unit():  # glued pages: "一、关于…用地县自然资源局：…"
    page = ("办复内容：一、关于加大扶持力度县农业农村局：2023年争取资金。二、关于保障设施用地县自然资源局："
            "简化备案手续。")
    ms = run("", head=page, tail="")
    assert [(m.heading, m.unit) for m in ms] == [("关于加大扶持力度", "县农业农村局"),
                                                  ("关于保障设施用地", "县自然资源局")]


def test_unit_markers_name_the_unit_of_each_section():  # real r008 layout
    ms = run("", head=GLUED, tail="")
    assert [m.unit for m in ms] == ["区甲局", "区甲局", "区甲局", "区乙院", "区乙院"]


def test_each_answering_unit_has_its_part():  # 分办 pages: units answer in turn
    doc = Document.from_text(GLUED)
    ps = measures.parts(doc)
    assert [p.unit for p in ps] == ["区甲局", "区乙院"]
    first, second = ps
    assert GLUED[slice(*first.section_span)].startswith("（区甲局）一、加强房地产")
    assert first.section_span[1] == second.section_span[0]
    assert GLUED[slice(*second.section_span)].endswith("我院将继续加强协作。")
    assert all(GLUED[slice(*p.span)] == p.surface == p.unit for p in ps)


def test_each_unit_s_answer_numbers_its_sections_its_own_way():  # real 平潭 page, read line by line
    page = ("办复内容：\n（区甲局）我区高度重视。\n一是联合“管”。加强摸排。\n二是快速“查”。核查数据。\n"
            "（区乙局）\n一、关于打击非法接驳\n处置案件27起。\n二、关于规范接驳船舶\n更新船只。\n")
    ms = run("", head=page, tail="")
    assert [m.heading for m in ms] == ["联合“管”", "快速“查”", "关于打击非法接驳", "关于规范接驳船舶"]


def test_glued_page_paragraph_breaks_kept_as_spaces():  # real pages: "。 一、" and "方面 一是"
    page = ("主办单位：区人才局委员反馈：满意办复内容： 一、人才引进方面 今年引进人才120名。 一是出台人才政策。"
            "制定暂行办法。 二是创新引才机制。设立驿站。 二、人才服务方面 一是加强政治引领。组织研修。"
            " 二是优化发展环境。落实待遇。")
    ms = run("", head=page, tail="")
    assert [(m.path, m.heading) for m in ms] == [
        ("1", "人才引进方面"), ("1.1", "出台人才政策"), ("1.2", "创新引才机制"),
        ("2", "人才服务方面"), ("2.1", "加强政治引领"), ("2.2", "优化发展环境")]


def test_a_list_nested_in_a_list_of_the_same_style():  # 一是…二是 {一是…三是} 三是…
    # the numbers tell: 三是 after the inner 三是 can only resume the outer list
    page = ("办复内容：一是打造生态廊道。建成绿道。二是培育海上新业态。形成三类产品。一是玩海产品。开发项目。"
            "二是环岛产品。开通航线。三是城际产品。深化合作。三是丰富滨海产业。引进项目。")
    ms = run("", head=page, tail="")
    assert [(m.path, m.heading) for m in ms] == [
        ("1", "打造生态廊道"), ("2", "培育海上新业态"), ("2.1", "玩海产品"), ("2.2", "环岛产品"),
        ("2.3", "城际产品"), ("3", "丰富滨海产业")]


def test_a_level_is_a_run_of_one_style_not_the_first_marker_seen():
    # a lone （一） before the 一、 sections does not make 一、 its sub-items
    page = ("办理情况：（一）总体情况。我区高度重视。一、关于用地保障。已收储土地。（一）加快收储。完成两宗。"
            "（二）优化供地。出台办法。二、关于资金支持。已争取资金。")
    ms = run("", head=page, tail="")
    assert [(m.path, m.label) for m in ms if m.label in ("一、", "二、")] == [("2", "一、"), ("3", "二、")]
    assert [m.path for m in ms if m.label in ("（一）", "（二）")] == ["1", "2.1", "2.2"]


def test_a_list_announced_by_a_plan_sentence_on_the_line_before_is_plans():
    body = ("一、关于落实补助政策\n一是争取补助资金。\n今年争取资金1500万元。\n"
            "下一步，重点从以下两个方面入手：\n一是拟于近期组织各县对全市企业进行排查摸底，分类施策。\n"
            "二是继续加大技改扶持力度，鼓励企业开发新产品。\n")
    assert headings(run(body)) == ["关于落实补助政策", "争取补助资金"]


def test_heading_sentences_announced_by_a_plan_sentence_stay_sections():
    # blind real gold (second round): 一是X。 on a line of its own, then its paragraph
    body = ("一、关于落实补助政策\n一是争取补助资金。\n今年争取资金1500万元。\n"
            "下一步，我们将重点从两个方面发力：\n一是强化申报指导。\n加强县级联动。\n二是争取政策支持。\n持续汇报。\n")
    assert headings(run(body)) == ["关于落实补助政策", "争取补助资金", "强化申报指导", "争取政策支持"]


def test_a_heading_sentence_alone_on_its_line_may_be_longer_and_quote_digits():
    # blind real class: 一是探索“定向招生、定向培养、定向就业”基层人才培养机制。 (27 characters)
    body = ("一、优化人才招考录用。\n一是探索“定向招生、定向培养、定向就业”基层人才培养机制。\n2017年起招收9名学生。\n"
            "二是试行专技人才“543”考核机制。\n全面试行考核。\n二、创新人才评价机制。\n一是改革评聘办法。\n按规定评聘。\n")
    assert [m.path for m in run(body)] == ["1", "1.1", "1.2", "2", "2.1"]


def test_a_list_numbered_again_right_after_a_deeper_heading_nests_under_it():
    # blind real class (glued page): 一是…三是…。 （一）X。一是…二是… （二）Y。一是…
    body = ("一是靠前服务。开展走访。二是筑基搭台。建设基地。三是精准扶持。兑现奖补。 下阶段，我部将从以下两个方面做好工作。 "
            "（一）提升基地建设水平。一是实施提升工程。建设园区。二是加大培育力度。新增基地。 "
            "（二）增强政策引导力。一是加大宣传力度。推介政策。二是做好兑现工作。梳理问题。\n")
    ms = run(body)
    assert [(m.path, m.heading) for m in ms if m.label in ("（一）", "（二）")] == [
        ("3.1", "提升基地建设水平"), ("3.2", "增强政策引导力")]
    assert [m.path for m in ms if m.heading == "加大宣传力度"] == ["3.2.1"]


def test_a_careless_list_mixing_shi_and_dun_in_one_paragraph_goes_on():
    # real 平潭 page: 一是… 二、… 三是… written in one paragraph is one list
    body = ("一是关于村民私设停车泊位事宜，取决于是否取得营业资格。二、关于加强宣传教育事宜，我局将督促各村做好普法宣传。"
            "三是关于景区停车场管理事宜，片区持续加强整治工作。\n")
    assert headings(run(body)) == ["关于村民私设停车泊位事宜", "关于加强宣传教育事宜", "关于景区停车场管理事宜"]


def test_a_section_item_numbered_carelessly_is_no_new_list_item():
    # real 平潭 page: 一、…；二是… — the 二是 belongs inside section 一, not after it
    body = "一、加强房地产项目跟踪。建立了清单；二是与行政服务中心加强联系。\n二、推进部门协同处置涉房问题。成立领导小组。\n"
    assert headings(run(body)) == ["加强房地产项目跟踪", "推进部门协同处置涉房问题"]


def test_a_careless_list_of_paragraphs_mixing_shi_and_dun_goes_on():
    # heldout35: 一是… / 二、… / 三是… each opening its paragraph
    body = ("    一是推进老果园改造提升。改造果园1.2万亩。\n    二、强化品种和技术支撑。推广新品种5个。\n"
            "    三是补齐产后加工短板。新建冷库12座。\n")
    assert headings(run(body)) == ["推进老果园改造提升", "强化品种和技术支撑", "补齐产后加工短板"]


def test_sections_counted_in_words():  # heldout46: 首先/其次/再次/最后 instead of numbers
    body = ("    首先，丰富夜间文旅业态。今年我镇推出系列活动。\n    其次，推动古镇与周边乡村联动。我镇将5个行政村纳入规划。\n"
            "    最后，加强宣传推介。我镇与媒体合作。\n")
    ms = run(body)
    assert headings(ms) == ["丰富夜间文旅业态", "推动古镇与周边乡村联动", "加强宣传推介"]
    assert [m.ordinal for m in ms] == [1, 2, 3]
    # 最后 alone is a word, no label (最后，再次感谢…)
    assert run("    我局推进各项工作。最后，再次感谢您的关心。\n") == []


def test_sections_numbered_carelessly():  # heldout54: 一、二、四、 and 三、 twice
    skipped = run("一、补充乡村教师\n招聘教师50名。\n二、推进交流轮岗\n交流教师30名。\n四、加强教师培训\n培训教师800人次。\n")
    assert headings(skipped) == ["补充乡村教师", "推进交流轮岗", "加强教师培训"]
    twice = run("一、加强建设\n建成10所。\n二、完善制度\n出台办法。\n三、强化培训\n培训500人。\n三、提升服务能力\n建成中医馆5个。\n")
    assert headings(twice) == ["加强建设", "完善制度", "强化培训", "提升服务能力"]
