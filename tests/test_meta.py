"""Metadata examples. Every phrase here is invented; provenance labels say
which corpus layout or brief requirement each example stands for."""
from __future__ import annotations

import json
import re

import pytest
from corpus import gold_cases, needs_shared

from reply_extractor import layout
from reply_extractor.document import Document
from reply_extractor.extractors import meta
from reply_extractor.record import Meta, Reply



def read_meta(text: str):
    doc = Document.from_text(text)
    m = meta.extract(doc)
    reply = Reply("t", doc.text)
    reply.meta = m
    assert reply.check_spans() == []
    for ev in m.evidence:
        assert ev.surface == doc.text[ev.span[0]:ev.span[1]]
    return m


LETTER = """青川市商务局

{header}

{title}

{salutation}
    您提出的《关于扶持社区商业网点的建议》收悉。感谢您的关心。经认真研究，现答复如下：
    一、完善网点规划。我局已编制网点布局方案。
    二、加大扶持力度。对新建便民网点给予补助。
    再次感谢您对商务工作的关心和支持。

青川市商务局
{date}
"""


def letter(header="青商建〔2023〕5号　　答复类别：A", title="关于市十八届人大二次会议第15号建议的答复",
           salutation="尊敬的张三代表：", date="2023年6月15日"):
    return LETTER.format(header=header, title=title, salutation=salutation, date=date)


def test_a_label_may_be_spaced_within_its_line_not_across_lines():
    pattern = re.compile(layout.spaced_label("提案人"))
    for spaced in ["提案人", "提 案 人", "提\u3000案\t人", "提\xa0案人"]:
        assert pattern.fullmatch(spaced), spaced
    assert not pattern.fullmatch("提\n案人")


def test_letter_fields():  # the dev letter layout (慈溪 style)
    m = read_meta(letter())
    assert m.issuer == "青川市商务局"
    assert m.title == "关于市十八届人大二次会议第15号建议的答复"
    assert m.doc_number == "青商建〔2023〕5号"
    assert (m.category, m.reply_date) == ("A", "2023-06-15")
    assert (m.proposal_kind, m.proposal_no, m.proposers) == ("建议", "15", ["张三"])
    assert m.proposal_title == "关于扶持社区商业网点的建议"
    assert m.session == {"body": "人大", "region": "青川市", "term": 18, "meeting": 2}


@pytest.mark.parametrize("header, category", [
    ("青商建〔2023〕5号　　答复类别：A", "A"),          # dev: 答复类别：A
    ("答复类别：A类", "A"),                               # dev: A类
    ("答复类别：乙", "B"),                                # dev: 甲乙丙丁 → ABCD
    ("类别：C类　　　　青商建〔2023〕21号", "C"),         # dev: 类别 before the 文号
    ("青商建〔2023〕31号（B类）", "B"),                   # dev: (B类) after the 文号
    ("办理结果：甲类", "A"),                              # brief: 办理结果
    ("青商提[2024]21号　　　类别标记：B", "B"),
    ("答复类型：A（解决采纳）", "A"),
    ("办理类型：C", "C"),                                  # heldout9
    ("青商建〔2023〕9号　　本件为D类答复", "D"),          # brief: "B类答复"
    ("洛水建〔2024〕22号　　B类　　发布时间：2024-07-11", "B"),  # heldout14: a 类 set apart after the 文号
    ("A类\n青商建〔2023〕9号", "A"),                     # heldout14: a letterhead line of its own
    ("文号\t青商建〔2023〕9号\t答复类别\tB类", "B"),      # heldout18: an info table's cells
    ("青商建〔2023〕9号", None),                          # none given
])
def test_category(header, category):
    assert read_meta(letter(header=header)).category == category


@pytest.mark.parametrize("header, number", [
    ("青商建〔2023〕5号", "青商建〔2023〕5号"),
    ("青商函[2023]12号", "青商函[2023]12号"),
    ("青商（2023）第8号", "青商（2023）第8号"),
    ("答复类别：B", None),                                 # dev jtj: no 发文字号
])
def test_doc_number(header, number):
    assert read_meta(letter(header=header)).doc_number == number


def test_doc_number_cited_in_body_is_not_the_reply_s():  # bug class: a 文号 quoted in the body
    text = letter(header="答复类别：B").replace("我局已编制网点布局方案。", "依据《某某办法》（青政办〔2021〕3号）执行。")
    assert read_meta(text).doc_number is None


@pytest.mark.parametrize("date, iso", [
    ("2023年6月15日", "2023-06-15"),
    ("二〇二三年六月二十日", "2023-06-20"),                # dev: Chinese numerals
    ("２０２３年７月５日", "2023-07-05"),                    # full-width digits
    ("2023年12月1日", "2023-12-01"),
    ("", None),                                           # seed yuyao: no date
])
def test_reply_date(date, iso):
    assert read_meta(letter(date=date)).reply_date == iso


def test_body_dates_are_not_the_reply_date():
    m = read_meta(letter(date="").replace("我局已编制", "2023年3月1日起，我局已编制"))
    assert m.reply_date is None


@pytest.mark.parametrize("title, kind, no, session", [
    ("关于市十八届人大二次会议第15号建议的答复", "建议", "15",
     {"body": "人大", "region": "青川市", "term": 18, "meeting": 2}),
    ("关于青川市第十八届人民代表大会第二次会议第15号建议的答复", "建议", "15",
     {"body": "人大", "region": "青川市", "term": 18, "meeting": 2}),
    ("关于青川市人大十八届一次会议第61号建议的答复", "建议", "61",   # seed yuyao style
     {"body": "人大", "region": "青川市", "term": 18, "meeting": 1}),
    ("关于政协青川市十二届二次会议第24号提案的答复", "提案", "24",
     {"body": "政协", "region": "青川市", "term": 12, "meeting": 2}),
    ("对政协青川市第十二届委员会第二次会议第66号提案的答复", "提案", "66",
     {"body": "政协", "region": "青川市", "term": 12, "meeting": 2}),
    ("关于市十八届人大二次会议第十五号建议的答复", "建议", "15", None),   # Chinese number
    ("对市十五届人大三次会议第123号建议的答复", "建议", "123",
     {"body": "人大", "region": "青川市", "term": 15, "meeting": 3}),
    ("关于政协第十四届全国委员会第二次会议第01234号（经济发展类088号）提案答复的函", "提案", "1234",
     {"body": "政协", "region": "全国", "term": 14, "meeting": 2}),   # ministries
    ("关于十四届全国人大二次会议第5678号建议的答复", "建议", "5678",
     {"body": "人大", "region": "全国", "term": 14, "meeting": 2}),
])
def test_title_kind_number_session(title, kind, no, session):
    m = read_meta(letter(title=title))
    assert m.title == title
    assert (m.proposal_kind, m.proposal_no) == (kind, no)
    if session:
        assert m.session == session


@pytest.mark.parametrize("salutation, proposers", [
    ("尊敬的张三代表：", ["张三"]),
    ("张三代表：", ["张三"]),
    ("孙某华等5位代表：", ["孙某华"]),                      # dev: X等5位代表 (only X is known)
    ("李四、王五代表：", ["李四", "王五"]),
    ("尊敬的欧阳明月委员：", ["欧阳明月"]),
    ("各位代表：", []),                                     # no names given
    ("尊敬的张  三代表：", ["张三"]),                        # spaced name (squeezed)
    ("巴特尔委员、其木格委员：", ["巴特尔", "其木格"]),        # heldout11: the role after each name
])
def test_proposers(salutation, proposers):
    assert read_meta(letter(salutation=salutation)).proposers == proposers


@pytest.mark.parametrize("salutation, kind", [
    ("李四代表：", "建议"),      # 代表 make 建议
    ("李四委员：", "提案"),      # 委员 make 提案
])
def test_kind_from_role_when_title_has_none(salutation, kind):
    m = read_meta(letter(title="关于扶持社区商业网点有关问题的答复", salutation=salutation))
    assert m.proposal_kind == kind and m.proposal_no is None


def test_signer_is_not_a_proposer():  # dev kjj-032: 签发人 line in the header
    m = read_meta(letter(header="青商〔2023〕22号　　　签发人：吴某中\n答复类别：A类"))
    assert m.signer == "吴某中" and m.proposers == ["张三"] and m.category == "A"


def test_province_letter_with_title_prefix_issuer_contact_and_cc():  # brief: other provinces
    text = """浙交函〔2024〕7号　　签发：王建国

浙江省交通运输厅关于省十四届人大二次会议第321号建议的答复

李明、赵红代表：
    你们提出的关于完善县域客运网络的建议收悉。现答复如下：
    一、加快线网优化。今年已调整线路。
    感谢你们对交通工作的支持。

2024年7月2日
（联系人：周平，电话：0571-12345678）
抄送：省人大常委会代表工作委员会、省政府办公厅。
"""
    m = read_meta(text)
    assert m.issuer == "浙江省交通运输厅"
    assert m.doc_number == "浙交函〔2024〕7号" and m.signer == "王建国"
    assert m.session == {"body": "人大", "region": "浙江省", "term": 14, "meeting": 2}
    assert (m.proposal_no, m.proposers) == ("321", ["李明", "赵红"])
    assert m.proposal_title == "关于完善县域客运网络的建议"
    assert m.reply_date == "2024-07-02"
    assert m.contact == {"name": "周平", "phone": "0571-12345678"}
    assert m.cc == ["省人大常委会代表工作委员会", "省政府办公厅"]


@pytest.mark.parametrize("letterhead, title, issuer", [
    ("中华人民共和国生态环境部", "生态环境部关于十四届全国人大二次会议第815号建议的答复", "中华人民共和国生态环境部"),
    ("天津市西青区精武镇人民政府", "精武镇人民政府关于区十八届人大四次会议第112号建议的答复", "天津市西青区精武镇人民政府"),
    ("青川市商务局", "青川市交通运输局关于市十八届人大二次会议第15号建议的答复", "青川市交通运输局"),
])
def test_issuer_in_full_from_the_letterhead_over_the_title(letterhead, title, issuer):
    """heldout5, heldout11: the letterhead spelling the title's agency in full names it."""
    text = letter(title=title).replace("青川市商务局\n\n", letterhead + "\n\n", 1)
    assert read_meta(text).issuer == issuer


def test_issuer_from_signature_when_no_letterhead():
    text = letter().replace("青川市商务局\n\n", "", 1)
    assert read_meta(text).issuer == "青川市商务局"


@pytest.mark.parametrize("head, title", [
    ("title: 青川市交通运输局关于市十八届人大二次会议第15号建议的答复",         # heldout21: a crawler's key
     "青川市交通运输局关于市十八届人大二次会议第15号建议的答复"),
    ("青川市交通运输局关于市十八届人大二次会议第15号建议的答复（青交函〔2024〕112号）",  # its 文号 after it
     "青川市交通运输局关于市十八届人大二次会议第15号建议的答复"),
    ("标题：关于市十八届人大二次会议第15号建议办理情况的公开\n青川市交通运输局关于市十八届人大二次会议第15号建议的答复",
     "青川市交通运输局关于市十八届人大二次会议第15号建议的答复"),  # the page's title gives way to the reply's
])
def test_the_reply_s_own_title(head, title):
    assert read_meta(letter(title=head)).title == title


def test_handling_form_above_the_reply():  # heldout12: a 人大 portal's 代表建议办理情况 form
    page = ("关于优化公交线网的建议办理情况\n建议编号：256\n建议标题：关于优化公交线网的建议\n"
            "届次：市十七届人大四次会议\n领衔代表：吴卫东\n主办单位：青川市交通运输局\n答复内容：\n"
            "青川市交通运输局关于市十七届人大四次会议第256号建议的答复\n青交建〔2024〕58号\n吴卫东代表：\n"
            "您提出的《关于优化公交线网的建议》收悉。现答复如下：\n一、优化线网。新开线路24条。\n"
            "青川市交通运输局\n2024年6月28日\n")
    m = read_meta(page)
    assert m.title == "青川市交通运输局关于市十七届人大四次会议第256号建议的答复"   # not the 建议标题
    assert (m.proposal_title, m.proposers, m.doc_number) == ("关于优化公交线网的建议", ["吴卫东"], "青交建〔2024〕58号")


# ---- glued labelled pages (Pingtan layout) ----------------------------------

@pytest.mark.parametrize("page, expected", [
    # 政协 page: N号提案 glued before 案由, one 主办单位, spaced name
    ("12号提案案 由：关于完善社区养老服务的建议提 案 人：王 五主办单位：区民政局委员反馈：满意办复内容："
     "一是加强设施建设。新建站点三处。",
     dict(proposal_kind="提案", proposal_no="12", proposers=["王五"], issuer="区民政局",
          proposal_title="关于完善社区养老服务的建议")),
    # 人大 page: role word glued to the next label; of several 承办 units the first
    # leads and is the issuer; the verdict is 基本满意
    ("事 由：关于改善乡村道路的 建议提 案 人：李四代表承办单位：区交通局、区财政局代表反馈：基本满意办理情况："
     "已完成道路拓宽。",
     dict(proposal_kind="建议", proposal_no=None, proposers=["李四"], issuer="区交通局",
          proposal_title="关于改善乡村道路的建议", feedback="基本满意",
          units=[{"name": "区交通局", "role": "lead"}, {"name": "区财政局", "role": "assisting"}])),
    # 分办单位: the one unit named answers; 委员反馈 → 提案
    ("案 由：关于促进夜间经济的建议提 案 人：陈 兴分办单位：区商务局委员反馈：满意办复内容：（区商务局）已开展活动。",
     dict(proposal_kind="提案", proposers=["陈兴"], issuer="区商务局", feedback="满意")),
    # several units answering separately (分办), two written with no separator: no lead, no issuer
    ("案 由：关于盘活闲置农房的建议提 案 人：林 木分办单位：区农业农村局区资源局、区住建局委员反馈：不满意办复内容："
     "（区农业农村局）已摸底。（区资源局）已出台办法。",
     dict(issuer=None, feedback="不满意",
          units=[{"name": n, "role": "separate"} for n in ("区农业农村局", "区资源局", "区住建局")])),
])
def test_glued_page(page, expected):
    m = read_meta(page)
    for k, v in expected.items():
        assert getattr(m, k) == v, k
    assert m.title is None and m.reply_date is None and m.doc_number is None


def test_contact_in_footer_block():  # dev-docx kjj-032: contact only in the page footer
    body = letter()
    footer = "联系人：徐某娜；联系电话：0574-60000000"
    doc = Document.from_text(body + "\n" + footer)
    m = meta.extract(doc)
    assert m.contact == {"name": "徐某娜", "phone": "0574-60000000"}


# ---- the shared corpus, against its gold ------------------------------------



@needs_shared
@pytest.mark.parametrize("txt, gold", gold_cases())
def test_corpus_meta_matches_gold(txt, gold):
    from reply_extractor import readers
    m = meta.extract(readers.read(txt)).to_dict()
    for field, want in json.loads(gold.read_text(encoding="utf-8"))["meta"].items():
        got = m.get(field)
        if field == "session":
            assert all(got.get(k) == v for k, v in want.items()), field
        elif field == "proposers":
            assert sorted(got) == sorted(want)
        else:
            assert got == want, field


# ---- bugs caught on the project's own sample replies (corpora/) -------------

def test_bare_category_letter_closing_the_doc_number_line():  # corpora changsha
    assert read_meta(letter(header="青商建复〔2023〕41号　　　　　　　　B")).category == "B"


def test_category_line_is_not_the_title():  # corpora zunyi: "答复类别" holds 答复
    text = letter(header="青商建〔2023〕27号　　　答复类别：B类",
                  title="青川市商务局关于市五届人大三次会议第93号建议的答复")
    m = read_meta(text)
    assert m.title == "青川市商务局关于市五届人大三次会议第93号建议的答复"
    assert (m.category, m.session["term"]) == ("B", 5)


def test_district_region_under_a_zhou_city():  # corpora wujin: 常州市武进区 is not 常州 + 市…
    text = letter(title="关于区政协十七届二次会议第45号提案的答复").replace("青川市商务局", "常州市武进区农业农村局")
    assert read_meta(text).session == {"body": "政协", "region": "武进区", "term": 17, "meeting": 2}


def test_title_broken_over_two_lines():  # corpora sichuan
    text = letter(title="关于省政协十三届一次会议第0317号\n提案答复的函")
    m = read_meta(text)
    assert m.title == "关于省政协十三届一次会议第0317号提案答复的函"
    assert (m.proposal_kind, m.proposal_no) == ("提案", "317")


def test_title_glued_between_breadcrumb_and_page_fields():  # heldout7: crawler text of a portal page
    text = ("首页 > 政务公开 > 建议提案办理 > 人大代表建议关于市十五届人大二次会议第142号建议的答复"
            "发布时间：2023-07-14 09:32 来源：青川市农业农村局 浏览次数：562\n"
            "张三代表：\n你提出的《关于推广稻渔综合种养的建议》收悉，现答复如下：\n一、加强规划。\n"
            "青川市农业农村局\n2023年7月10日\n")
    m = read_meta(text)
    assert m.title == "关于市十五届人大二次会议第142号建议的答复"
    assert (m.proposal_kind, m.proposal_no) == ("建议", "142")


def test_a_whole_page_glued_on_one_line_with_a_disclosure_block():  # heldout42
    text = ("青川市农业农村局首页政务公开当前位置：首页 > 政务公开 > 建议提案办理"
            "关于市十六届人大五次会议第42号代表建议答复的函发布时间：2026-06-22 15:40:06浏览次数：376"
            "办理结果公开建议标题：关于推动我市预制菜产业高质量发展的建议编号：42届次：青川市第十六届人民代表大会第五次会议"
            "领衔人：何振邦主办单位：青川市农业农村局办理状态：已办结答复时间：2026-06-20答复内容：青农函〔2026〕118号"
            "关于市十六届人大五次会议第42号代表建议答复的函何振邦代表：您提出的《关于推动我市预制菜产业高质量发展的建议》"
            "收悉，现答复如下：一、加强规划引导。联系人：梁某，联系电话：0757-83036951青川市农业农村局2026年6月20日打印本页")
    m = read_meta(text)
    assert m.title == "关于市十六届人大五次会议第42号代表建议答复的函"
    assert m.proposal_title == "关于推动我市预制菜产业高质量发展的建议"  # not cut at 建议编号：
    assert (m.proposal_no, m.proposers) == ("42", ["何振邦"])


def test_a_people_s_congress_page_with_the_suggestion_s_box():  # heldout47
    text = ("建议号：第145号\n领衔代表：王建平\n联名代表：陈秀娟、楼国强\n"
            "宜昌市住房和城市更新局关于市八届人大六次会议第145号建议的答复\n宜市住更函〔2026〕45号\n"
            "王建平等3位代表：\n你们提出的《关于优化公交线路的建议》收悉。现答复如下：\n一、优化线网。\n")
    m = read_meta(text)
    assert m.proposers == ["王建平", "陈秀娟", "楼国强"]   # the co-signers of the box, the lead once
    assert m.session["region"] == "宜昌市"                 # not 住房和城市
    assert m.doc_number == "宜市住更函〔2026〕45号"


def test_a_doc_number_glued_after_the_title_starts_after_it():  # heldout47: a page on one line
    text = ("领衔代表：杨光荣代表意见：满意湄潭县农业农村局关于县十八届人大六次会议第58号建议的答复"
            "湄农函〔2026〕27号杨光荣代表：你们提出的《关于支持茶叶加工的建议》收悉。现答复如下：一、加大投入。")
    assert read_meta(text).doc_number == "湄农函〔2026〕27号"


def test_the_date_under_the_title_when_the_closing_gives_none():  # heldout46
    text = ("关于县政协十五届五次会议第57号提案的答复\n2026年6月18日\n王某委员：\n你们提出的提案收悉。现答复如下：\n"
            "一、丰富业态。今年我镇推出系列活动。\n再次感谢你们的关心。\n肥西县三河镇人民政府\n")
    assert read_meta(text).reply_date == "2026-06-18"


def test_a_joint_reply_is_issued_by_the_lead_signing_first():  # heldout49
    text = ("南昌市农业农村局　南昌市财政局\n关于市十六届人大五次会议第245号建议的答复\n李某代表：\n您提出的建议收悉。现答复如下：\n"
            "一、加大投入。\n南昌市农业农村局　　　　南昌市财政局\n2026年6月26日\n")
    assert read_meta(text).issuer == "南昌市农业农村局"


def test_the_delegation_before_the_lead_deputy_is_no_part_of_the_name():  # heldout49
    text = ("惠州市人民政府关于市十三届人大五次会议第3号议案办理情况的报告\n市人大常委会：\n"
            "市十三届人大五次会议期间，博罗县代表团刘振华等12名代表联名提出了《关于加快推进罗浮山片区文旅融合发展的议案》。\n")
    assert read_meta(text).proposers == ["刘振华"]


def test_a_cppcc_page_calls_its_reply_a_fu_wen():  # heldout53
    text = ("                                  A\n西安市文化和旅游局\n市文旅函〔2026〕86号        签发人：郑某\n\n"
            "关于市政协十五届五次会议第0045号提案的复文\n\n九三学社西安市委员会：\n贵委提出的《关于培育夜间文旅消费新场景的提案》收悉。"
            "现将有关情况复文如下：\n（一）打造夜游集聚区。\n西安市文化和旅游局\n2026年6月20日\n")
    m = read_meta(text)
    assert m.title == "关于市政协十五届五次会议第0045号提案的复文"
    assert (m.category, m.doc_number, m.proposers) == ("A", "市文旅函〔2026〕86号", ["九三学社西安市委员会"])


def test_a_salutation_without_its_colon_before_the_answer():  # heldout54
    text = ("威县教育局\n关于县十七届人大五次会议第18号建议的答复\n\n孟某华代表\n"
            "    您提出的《关于加强农村小规模学校师资配备的建议》收悉,经我局认真研究，现答复如下：\n一、多渠道补充乡村教师\n")
    assert read_meta(text).proposers == ["孟某华"]
    # not a line that happens to end in 代表 with no answer after it
    assert read_meta("关于第1号建议的答复\n王某代表\n一、加强管理。\n").proposers == []


def test_number_and_category_below_the_title_before_a_group_salutation():  # heldout10
    text = ("青川市科学技术局\n关于市政协八届三次会议第0157号提案的答复\n\n青科提〔2024〕23号\n\n"
            "答复类型：乙类\n\n九三学社青川市委员会：\n\n贵委提出的《关于加强科技成果转化的提案》收悉。"
            "现答复如下：\n一、加强平台建设。\n\n青川市科学技术局\n2024年5月30日\n")
    m = read_meta(text)
    assert (m.doc_number, m.category) == ("青科提〔2024〕23号", "B")


def test_full_width_phone_is_folded():
    m = read_meta(letter(date="2023年6月15日\n联系人：罗某　联系电话：０２８－８０５８９２１６"))
    assert m.contact == {"name": "罗某", "phone": "028-80589216"}


@pytest.mark.parametrize("text", ["", "\n\n", "一、", "尊敬的：", "案 由：提 案 人：", "关于的答复"])
def test_odd_input_gives_empty_values_not_errors(text):
    m = read_meta(text)
    assert m.proposers == [] and m.reply_date is None


def test_number_given_by_a_header_field():  # brief: other layouts — "建议编号：15"
    m = read_meta(letter(header="建议编号：88", title="关于扶持社区商业网点的答复"))
    assert (m.proposal_kind, m.proposal_no) == ("建议", "88")


def test_page_chrome_agency_above_the_letterhead_is_not_the_issuer():  # web pages
    text = "青川市人民政府\n首页\n政务公开\n建议提案办理\n\n\n" + letter().replace("青川市商务局\n\n", "青川市商务局\n\n", 1)
    text = text.replace("\n青川市商务局\n2023年6月15日", "\n2023年6月15日")  # no signature
    assert read_meta(text).issuer == "青川市商务局"


def test_signature_before_the_page_header_appended_at_the_end():  # docx header/footer text at the end
    text = letter().replace("青川市商务局\n\n", "", 1) + "\n青川市人民政府办公室\n"
    assert read_meta(text).issuer == "青川市商务局"


@pytest.mark.parametrize("title, kind, no, session", [
    # 第N号代表建议; region between 届 and 人民代表大会 / 委员会
    ("关于青川省十四届人大二次会议第1021号代表建议答复的函", "建议", "1021",
     {"body": "人大", "region": "青川省", "term": 14, "meeting": 2}),
    ("关于政协第十三届青川省委员会第二次会议第0123号提案的答复", "提案", "123",
     {"body": "政协", "region": "青川省", "term": 13, "meeting": 2}),
    ("关于第十四届青川省人民代表大会第一次会议第88号建议的答复", "建议", "88",
     {"body": "人大", "region": "青川省", "term": 14, "meeting": 1}),
])
def test_more_title_variants(title, kind, no, session):
    m = read_meta(letter(title=title))
    assert (m.proposal_kind, m.proposal_no, m.session) == (kind, no, session)


def test_lead_unit_with_assisting_units_is_the_issuer():  # glued pages: 主办 + 会办
    page = ("23号提案案 由：关于发展设施农业的提案提 案 人：段某委员主办单位：县农业农村局"
            "会办单位：县财政局、县自然资源局委员反馈：满意办复内容：一、关于加大扶持。正文。")
    assert read_meta(page).issuer == "县农业农村局"


# ---- held-out classes (an independent evaluation found these; phrases invented) ----

@pytest.mark.parametrize("closing, iso", [
    # held-out class: a parenthesised contact line after the date
    ("青川市商务局\n2023年6月15日\n（联系人：张三，电话：010-12345678）", "2023-06-15"),
    # held-out class: 此件公开发布, contact, 抄送 and a 印发 footer after the date
    ("青川市商务局\n2023年6月15日\n（此件公开发布）\n联系人：李四，联系电话：0571-87654321\n"
     "抄送：市人大常委会人代工委，市政府办公室。\n青川市商务局办公室　　2023年6月16日印发", "2023-06-15"),
    # held-out class: a page footer block (docx footer text at the end) after a body ending in the date
    ("2023年6月15日\n青川市商务局文件　青商建〔2023〕5号，请各单位认真阅读并遵照执行\n"
     "（联系人：李四，联系电话：0571-87654321，联系地址：青川市政务中心3号楼，邮编：310000）", "2023-06-15"),
    # held-out class: web-page chrome after the date
    ("青川市商务局\n2023年6月15日\n主办：青川市人民政府办公室　承办：青川市大数据中心　网站标识码：3302000001　"
     "浙ICP备12345678号-1\n【打印本页】【关闭窗口】", "2023-06-15"),
])
def test_reply_date_with_closing_lines_after_it(closing, iso):
    text = letter().replace("青川市商务局\n2023年6月15日\n", closing + "\n")
    m = read_meta(text)
    assert m.reply_date == iso
    assert m.issuer == "青川市商务局"


@pytest.mark.parametrize("salutation, proposers", [
    ("王丽、陈刚、赵明等委员：", ["王丽", "陈刚", "赵明"]),        # held-out class: 等 is no part of a name
    ("张三、李四等5位代表：", ["张三", "李四"]),                  # held-out class: 等N位
    ("张三等五位代表：", ["张三"]),                                # held-out class: Chinese count
    ("尊敬的努尔兰·赛力克代表：", ["努尔兰·赛力克"]),              # held-out class: middle-dot names
    ("王丽、古丽娜·吐尔逊委员：", ["王丽", "古丽娜·吐尔逊"]),
    ("王丽代表（领衔）、陈刚代表、赵明代表：", ["王丽", "陈刚", "赵明"]),       # heldout40: the lead marked
    ("张立军委员（领衔），刘佳、徐文斌委员（联名）：", ["张立军", "刘佳", "徐文斌"]),  # and the co-signers
])
def test_heldout_proposers(salutation, proposers):
    assert read_meta(letter(salutation=salutation)).proposers == proposers


@pytest.mark.parametrize("opening, proposers, kind", [
    # held-out class: no salutation; the names in the body's opening sentence
    ("由库尔班·吐尔逊等七名代表共同提交的《关于完善城郊公交线路的议案》已转我局办理。", ["库尔班·吐尔逊"], "议案"),
    ("您好！对于王丽、陈刚委员提出的《关于加强水利建设的提案》，我局高度重视。", ["王丽", "陈刚"], "提案"),
    ("由张三、李四等5位代表提出的《关于改善校园周边交通的建议》收悉。", ["张三", "李四"], "建议"),
    ("王丽、陈刚、赵明等委员提出的《关于加强水利建设的提案》收悉。", ["王丽", "陈刚", "赵明"], "提案"),
])
def test_heldout_proposers_in_the_body(opening, proposers, kind):
    text = f"青川市规划局\n\n关于城郊公共服务若干问题的办理结果\n\n{opening}现将有关情况答复如下。\n"
    m = read_meta(text)
    assert (m.proposers, m.proposal_kind) == (proposers, kind)


def test_heldout_proposers_led_by_you():  # held-out class: 您领衔提出的
    m = read_meta(letter(salutation="张三代表：").replace("您提出的", "您领衔提出的"))
    assert (m.proposers, m.proposal_title) == (["张三"], "关于扶持社区商业网点的建议")


@pytest.mark.parametrize("title, issuer", [
    # held-out class: the title line opens with the issuer's name: the whole line as written
    ("青川市人民政府关于市八届人大二次会议第11号议案办理结果的报告", "青川市人民政府"),
    ("青川市商务局关于市五届人大三次会议第93号建议答复的函", "青川市商务局"),
    ("青川市商务局关于政协青川市五届三次会议第12号提案办理结果的报告", "青川市商务局"),
    ("关于政协青川市五届三次会议第12号提案办理情况的报告", "青川市商务局"),
])
def test_heldout_title_opening_with_the_issuer(title, issuer):
    m = read_meta(letter(title=title))
    assert (m.title, m.issuer) == (title, issuer)


def test_heldout_title_with_the_agency_on_the_line_above():  # held-out class: agency line, then 关于…
    text = letter(title="青川省商务厅\n关于省十四届人大二次会议第7号建议的答复").replace("青川市商务局\n\n", "青川省商务厅\n\n", 1)
    m = read_meta(text)
    assert m.title == "青川省商务厅关于省十四届人大二次会议第7号建议的答复"
    assert m.issuer == "青川省商务厅"


def test_letterhead_directly_above_the_title_stays_out_of_it():  # docx: no blank lines
    text = "青川市商务局\n关于市十八届人大二次会议第15号建议的答复\n张三代表：\n您提出的建议收悉。\n"
    assert read_meta(text).title == "关于市十八届人大二次会议第15号建议的答复"


def test_heldout_title_opening_with_the_issuer_over_two_lines():  # held-out class: agency+关于, broken
    m = read_meta(letter(title="青川市交通运输局关于市八届人大二次会议第11号\n议案的答复"))
    assert m.title == "青川市交通运输局关于市八届人大二次会议第11号议案的答复"
    assert (m.issuer, m.proposal_kind, m.proposal_no) == ("青川市交通运输局", "议案", "11")


@pytest.mark.parametrize("text, found", [
    ("青川市商务局\n2023年6月15日", [(7, 17, "2023-06-15")]),            # brief: the closing date
    ("二〇二三年六月十五日", [(0, 10, "2023-06-15")]),                    # invented: Chinese numerals
    ("２０２３年６月１５日", [(0, 10, "2023-06-15")]),                    # invented: full-width digits
    ("发布于2023-06-15。", [(3, 13, "2023-06-15")]),
    ("2023年13月5日", []),                                              # no month 13
])
def test_find_dates(text, found):
    from reply_extractor.dates import find_dates
    assert find_dates(text) == found


@pytest.mark.parametrize("reply, year", [
    (Reply(doc_id="t", text="", meta=Meta(reply_date="2023-06-15")), 2023),
    (Reply(doc_id="t", text="", meta=Meta()), None),
    ({"reply_date": "2021-01-04"}, 2021),                               # a record's meta dict
    ({"meta": {"reply_date": None}}, None),
])
def test_reply_year(reply, year):
    from reply_extractor.dates import reply_year
    assert reply_year(reply) == year


# ---- held-out class: glued published pages with more labels -----------------

@pytest.mark.parametrize("page, issuer, iso", [
    # the issuer stops at the next glued label; the date comes from 答复时间
    ("提 案 人：张三案 由：关于加快老旧小区改造的建议主办单位：某市某局办理结果：已解决或采纳"
     "答复时间：2025-06-20答复内容：感谢您的建议。我局已完成改造小区30个。", "某市某局", "2025-06-20"),
    ("提案号：12号提 案 人：张三案 由：关于加快老旧小区改造的建议主办单位：某市住建局公开类型：全文公开"
     "答复日期：2025年6月20日委员反馈：满意答复内容：感谢您的建议。", "某市住建局", "2025-06-20"),
    ("案 由：关于加快老旧小区改造的建议提 案 人：张三承办单位：某区水利局办复时间：2025.06.20"
     "满意度：满意答复内容：感谢您的建议。", "某区水利局", "2025-06-20"),
    ("案 由：关于加快老旧小区改造的建议提 案 人：张三主办单位：某区教育局协办单位：某区财政局"
     "办理时间：2025年5月1日答复内容：感谢您的建议。", "某区教育局", None),
    # no closing: the date glued at the very end of the text
    ("案 由：关于加快老旧小区改造的建议提 案 人：张三承办单位：某市住建局答复内容：感谢您的建议。"
     "我局已完成改造小区30个。2025.06.20", "某市住建局", "2025-06-20"),
    ("案 由：关于加快老旧小区改造的建议提 案 人：张三承办单位：某市住建局答复内容：感谢您的建议。"
     "我局已完成改造小区30个。某市住建局2025年6月20日\n", "某市住建局", "2025-06-20"),
    # the date label glued after the body
    ("案 由：关于加快老旧小区改造的建议提 案 人：张三承办单位：某市住建局答复内容：感谢您的建议。"
     "答 复 日 期：2025年6月20日满意度：满意", "某市住建局", "2025-06-20"),
    # a date bounding something is no reply date
    ("案 由：关于加快老旧小区改造的建议提 案 人：张三承办单位：某市住建局答复内容：感谢您的建议。"
     "数据统计截至2025.06.20", "某市住建局", None),
])
def test_heldout_glued_page_more_labels(page, issuer, iso):  # held-out class: glued labels
    m = read_meta(page)
    assert (m.issuer, m.reply_date, m.proposers) == (issuer, iso, ["张三"])


# ---- held-out class: 议案 reports addressed to a body -----------------------

REPORT = """关于市十六届人大三次会议第5号议案办理情况的报告

{salutation}
    受市人民政府委托，现将{body}办理情况报告如下：
    一、基本情况
    全市已新建水厂2座。
    专此报告。

某市水利局
2025年6月20日
"""


@pytest.mark.parametrize("salutation, body, proposers", [
    ("各位代表：", "马建国等12名代表提出的《关于加快城乡供水一体化的议案》", ["马建国"]),
    ("第一代表团：", "由王某某等10位代表联名提出的《关于加快城乡供水一体化的议案》", ["王某某"]),
    ("主任、各位副主任、秘书长、各位委员：", "李某代表领衔提出的《关于加快城乡供水一体化的议案》", ["李某"]),
    ("各位代表：", "市人大代表马建国等12名代表提出的关于加快城乡供水一体化的议案", ["马建国"]),
    ("各位代表：", "马建国、李四等12名代表提出的《关于加快城乡供水一体化的议案》", ["马建国", "李四"]),
    ("各位代表：", "欧阳明月代表等10名代表提出的《关于加快城乡供水一体化的议案》", ["欧阳明月"]),
    ("各位代表：", "关羽等5名代表提出的《关于加快城乡供水一体化的议案》", ["关羽"]),
    ("各位代表：", "马建国等15位市人大代表联名提出的《关于加快城乡供水一体化的议案》", ["马建国"]),
    ("市人大常委会：", "王志强、刘芳2位代表分别领衔，共41名代表联名提出了《关于加快城乡供水一体化的议案》",
     ["王志强", "刘芳"]),                                                      # heldout13: several leads
    ("市住房和城乡建设局：", "你局转来的李振华代表在市十六届人大三次会议上提出的《关于加快城乡供水一体化的议案》",
     ["李振华"]),                                                              # heldout17: a 协办意见
])
def test_heldout_report_to_a_body_names_proposers_in_the_body(salutation, body, proposers):
    # held-out class: 议案 report greeting 各位代表/代表团/常委会; names from the body
    m = read_meta(REPORT.format(salutation=salutation, body=body))
    assert (m.proposers, m.proposal_kind, m.proposal_no) == (proposers, "议案", "5")
    assert m.proposal_title == "关于加快城乡供水一体化的议案"
    assert (m.issuer, m.reply_date) == ("某市水利局", "2025-06-20")


def test_heldout_board_greeting_tells_no_kind():  # held-out class: 常委会 委员 are no proposers
    text = REPORT.replace("第5号议案办理情况的报告", "供水工作情况的说明").format(
        salutation="主任、各位副主任、秘书长、各位委员：", body="有关问题的")
    m = read_meta(text)
    assert (m.proposers, m.proposal_kind) == ([], None)


# ---- information-disclosure pages: header fields glued with the body ---------

DISCLOSURE = ("索引号：000012345/2023-00456{extra}发文机关：某某部标题：关于政协第十四届全国委员会第一次会议"
              "第1234号（工交邮电类88号）提案答复的函{number_label}：某提函〔2023〕88号成文日期：2023年08月15日"
              "{tail}您提出的《关于加快建设充电设施的提案》收悉。经商有关部门，现答复如下：\n"
              "一是加快建设。我部将于年底前出台指导意见。\n")


@pytest.mark.parametrize("extra, number_label, tail, proposers", [
    ("", "发文字号", "发布日期：2023年09月01日林志远委员：", ["林志远"]),
    ("主题分类：交通运输", "文号", "发布日期：2023年09月01日林志远委员：", ["林志远"]),
    ("", "发文字号", "生成日期：2023-09-01公文时效：有效王五、赵六委员：", ["王五", "赵六"]),
    ("", "发文字号", "发布机构：某某部办公厅林志远委员：", ["林志远"]),
    ("", "发文字号", "发布日期：2023年09月01日尊敬的林志远委员：", ["林志远"]),
])
def test_heldout_disclosure_header_glued_with_the_salutation(extra, number_label, tail, proposers):
    # held-out class: published-page metadata header glued on one line with the body
    m = read_meta(DISCLOSURE.format(extra=extra, number_label=number_label, tail=tail))
    assert m.issuer == "某某部"
    assert m.title == "关于政协第十四届全国委员会第一次会议第1234号（工交邮电类88号）提案答复的函"
    assert m.doc_number == "某提函〔2023〕88号"
    assert m.reply_date == "2023-08-15"   # 成文日期, not the page's 发布日期
    assert m.proposers == proposers
    assert (m.proposal_kind, m.proposal_no) == ("提案", "1234")
    assert m.proposal_title == "关于加快建设充电设施的提案"


def test_heldout_disclosure_body_starts_after_the_glued_salutation():
    # held-out class: the header is no part of the body other extractors read
    from reply_extractor import layout
    text = DISCLOSURE.format(extra="", number_label="发文字号", tail="发布日期：2023年09月01日林志远委员：")
    start, _ = layout.body_bounds(Document.from_text(text))
    assert text[start:].startswith("您提出的")


def test_disclosure_page_on_one_line_with_a_name_field_and_a_glued_signature():
    # held-out class: a 名称 field glued to the same title above the letter, the
    # salutation glued to the title, the signature and date glued to the phone number
    m = read_meta("首页>政务公开>建议提案办理索引号：000014349/2026-00217信息分类：卫生健康\\建议提案"
                  "发布机构：某市卫生健康委员会生成日期：2026-07-02文号：某卫函〔2026〕87号是否有效：是"
                  "名称：关于市十届人大五次会议第87号建议的答复关于市十届人大五次会议第87号建议的答复"
                  "赵红梅、孙建国代表：你们提出的关于发展托育服务的建议收悉。现答复如下：1.加大供给。"
                  "新增托位4200个。感谢你们的关心和支持。联系人：马静　联系电话：0316-2213796"
                  "某市卫生健康委员会2026年6月29日【打印本页】【关闭窗口】主办单位：某市人民政府办公室")
    assert m.title == "关于市十届人大五次会议第87号建议的答复"
    assert m.proposers == ["赵红梅", "孙建国"]
    assert (m.issuer, m.reply_date) == ("某市卫生健康委员会", "2026-06-29")
    assert m.doc_number == "某卫函〔2026〕87号"


def test_a_date_glued_inside_a_sentence_of_a_one_line_page_is_not_the_reply_date():
    m = read_meta("关于第5号建议的答复张三代表：您提出的建议收悉。现答复如下：已完成改造。"
                  "市财政局2026年6月1日下达资金。")
    assert m.reply_date is None


def test_a_motion_report_dated_by_its_subtitle_and_issued_by_its_reporter():
    # heldout35: a 议案办理情况的报告 to a 常委会
    m = read_meta("关于市十六届人大五次会议第1号议案办理情况的报告\n\n"
                  "——2026年8月26日在某市第十六届人民代表大会常务委员会第二十九次会议上\n\n"
                  "某市人民政府副市长　彭立新\n\n主任、各位副主任、秘书长、各位委员：\n"
                  "　　受市人民政府委托，现将议案办理情况报告如下，请予审议。\n　　一、基本情况\n"
                  "　　该议案由周立军、谭美玲、黄志刚3名代表联名提出，经大会主席团决定列为大会议案。\n"
                  "　　以上报告，请予审议。\n")
    assert (m.issuer, m.reply_date) == ("某市人民政府", "2026-08-26")
    assert m.proposers == ["周立军", "谭美玲", "黄志刚"]


def test_proposers_each_with_their_role_after_the_session():
    # heldout35: a 协办意见 naming the proposers after the session
    m = read_meta("某市自然资源局\n关于市政协五届五次会议第112号提案的协办意见\n\n市住房和城乡建设局：\n"
                  "　　市政协五届五次会议程晓燕委员、吴国平委员提出的《关于加强传统村落保护利用的提案》（第112号）"
                  "由你局主办、我局协办。现将我局协办意见函告如下：\n　　一、强化规划引领。已完成。\n")
    assert m.proposers == ["程晓燕", "吴国平"]


def test_a_category_labelled_fen_lei_and_a_doc_number_under_the_letterhead():
    # heldout38: "分类：A类" above the 文号; 信息分类 names no category
    m = read_meta("分类：A类\n株文旅广体函〔2026〕41号\n某局关于市十六届人大五次会议第41号建议的答复\n"
                  "谭小平代表：\n您提出的建议收悉。现答复如下：已完成。\n")
    assert (m.category, m.doc_number) == ("A", "株文旅广体函〔2026〕41号")
    assert read_meta("信息分类：A类文件\n关于第1号建议的答复\n张三代表：\n您的建议收悉。\n").category is None


def test_a_proposal_title_without_brackets_before_its_number_and_shou_xi():
    # heldout38: "您提出的关于…的提案（第58号）收悉"
    m = read_meta("关于市政协七届五次会议第58号提案的答复\n王秋生委员：\n"
                  "您提出的关于提升基层医疗服务能力破解“看病难”问题的提案（第58号）收悉。现答复如下：已完成。\n")
    assert m.proposal_title == "关于提升基层医疗服务能力破解“看病难”问题的提案"


def test_publishing_agency_of_a_portal_is_not_the_issuer():
    # held-out class variant: 发布机构 names who published the page, not who replied
    m = read_meta("发布机构：某县人民政府办公室　　发布日期：2024-08-12\n\n关于第5号建议的答复\n\n"
                  "张三代表：\n    您提出的建议收悉。现答复如下：已完成改造。\n\n某县交通运输局\n2024年8月1日\n")
    assert m.issuer == "某县交通运输局"


@pytest.mark.parametrize("written, iso", [
    ("二ＯＯ九年五月二十六日", "2009-05-26"),   # zero as a full-width letter O
    ("二OO八年九月二日", "2008-09-02"),
    ("二○一一年六月三十日", "2011-06-30"),
])
def test_chinese_numeral_dates_with_zero_written_as_o(written, iso):
    from reply_extractor.dates import find_dates
    assert find_dates(written) == [(0, len(written), iso)]


def test_proposal_number_in_brackets_of_the_opening_sentence():
    text = ("中国某党某市委员会：\n您们提出的《关于推进城投企业转型的提案》（第2020057号）收悉，现将办理情况函复如下：\n"
            "一、盘活存量。已完成。\n某市国资委\n2020年8月7日")
    m = read_meta(text)
    assert (m.proposal_kind, m.proposal_no) == ("提案", "2020057")


# ---- real published replies: organisations, quoted titles, kind cues ----------
# (invented letters in the layout of municipal disclosure portals)

@pytest.mark.parametrize("org", ["民盟青川市委员会", "九三学社青川市委员会",
                                 "中国农工民主党某某省青川市委员会", "致公党青川市委员会",
                                 "民建青川市委", "青川市工商联", "共青团青川市委", "经济界别"])
def test_an_organisation_greeted_is_the_proposer(org):
    m = read_meta(f"{org}：\n你们提出的《关于加强古村落保护的建议》（第2023018号）收悉，现答复如下：\n"
                  "一、加强规划。\n青川市文化局\n2023年6月1日\n")
    assert m.proposers == [org]
    assert m.proposal_kind == "提案"       # party committees propose in the 政协


def test_an_agency_greeted_is_no_proposer():   # a 协办 opinion to the lead unit
    m = read_meta("青川市交通运输局：\n《关于增开公交线路的建议》（20230041号）已收悉，我单位的办理意见如下：\n"
                  "公交集团已调整线路。\n青川市国资委\n2023年5月2日\n")
    assert m.proposers == []


def test_an_organisation_as_a_labelled_proposer():
    m = read_meta("案由：关于发展夜间经济的建议提案人：民进青川市委会承办单位：区商务局办复内容：已推动。")
    assert m.proposers == ["民进青川市委会"]


@pytest.mark.parametrize("opening, title", [
    ("你提出的“关于加强网吧监管的建议”的提案（第2009271号）收悉", "关于加强网吧监管的建议"),
    ("你会提出“关于保护传统村落的建议”收悉", "关于保护传统村落的建议"),
    ("《关于做强中心城市的几点建议》（第211021号）收悉", "关于做强中心城市的几点建议"),
])
def test_proposal_title_in_quotes_or_without_的(opening, title):
    m = read_meta(f"张某委员：\n{opening}，现将办理情况函复如下：\n一、加强监管。\n青川市文化局\n2009年5月26日\n")
    assert m.proposal_title == title


def test_a_members_title_ending_in_建议_does_not_make_it_a_建议():
    m = read_meta("郑某某委员：\n你提出的《关于清理消防通道的建议》（2021056号）已收悉，现将办理情况函复如下：\n"
                  "一、加强宣传。\n青川市城市管理局\n2021年5月25日\n")
    assert m.proposal_kind == "提案"


def test_the_kind_written_in_the_brackets_beats_the_title_s_last_word():
    m = read_meta("王某委员：\n《关于成立仲裁中心的建议》（市政协十一届三次会议第20244010提案）已收悉，现答复如下：\n"
                  "一、拟定方案。\n青川市司法局\n2024年6月4日\n")
    assert m.proposal_kind == "提案"


@pytest.mark.parametrize("body, closing, kind", [
    ("针对提案中关于“增开班次”的建议，公交集团已调整线路。", "", "提案"),
    ("公交集团已调整线路。", "抄送：市政府督查室、市政协提案委，存档。\n", "提案"),
    ("公交集团已调整线路。", "抄送：市人大常委会代表工委、市政府督查室。\n", "建议"),
    ("公交集团已调整线路。", "", "建议"),     # only the title's last word is left
])
def test_kind_cues_when_no_role_is_given(body, closing, kind):
    m = read_meta("青川市交通运输局：\n《关于增开公交班次的建议》（20250041号）已收悉，我单位的办理意见如下：\n"
                  f"{body}\n青川市国资委\n2025年4月30日\n{closing}")
    assert m.proposal_kind == kind


@pytest.mark.parametrize("footer", ["青川市文化局办公室\n2009年5月26日\n印发\n",     # crawler lines
                                    "青川市文化局办公室 2009年5月26日印发\n"])    # one page line
def test_an_office_printing_for_its_bureau_gives_the_bureau(footer):
    m = read_meta("李某委员：\n你提出的“关于加强网吧监管的建议”的提案（第2009271号）收悉，现答复如下：\n"
                  "一、加强检查。\n联系人：王某\n二ＯＯ九年五月二十六日\n抄送：市政协提案委\n" + footer)
    assert m.issuer == "青川市文化局"


def test_a_government_office_prints_its_own_letters():
    m = read_meta("李某委员：\n你提出的“关于加强网吧监管的建议”的提案（第2009271号）收悉，现答复如下：\n"
                  "一、加强检查。\n二ＯＯ九年五月二十六日\n青川市人民政府办公室 2009年5月26日印发\n")
    assert m.issuer == "青川市人民政府办公室"


def test_term_and_meeting_without_the_body():
    m = read_meta("青川市工信局：\n《关于优化服务企业的建议》（八届三次第1161号提案）已收悉，现答复如下：\n"
                  "一、突出政策支撑。\n青川市科技局\n2024年3月15日\n")
    assert m.session == {"term": 8, "meeting": 3}


def test_of_several_listed_units_the_one_that_answers_is_the_issuer():
    m = read_meta("案 由：关于推动绿色发展的建议提 案 人：张某委员分办单位：区发展局、区交建局、区生态局"
                  "委员反馈：满意办复内容：（区生态局）我区地处海岛，生态需求突出。一、加强造林。")
    assert m.issuer == "区生态局"


def test_a_proposing_unit_label_names_the_organisation_as_written():
    m = read_meta("案 由：关于打造青年创业基地的建议提案单位：九三学社主办单位：区台湾工作部"
                  "委员反馈：满意办复内容：近年来，我区持续开拓交流渠道。")
    assert m.proposal_title == "关于打造青年创业基地的建议"
    assert m.proposers == ["九三学社"]
    assert m.proposal_kind == "提案"
    assert m.issuer == "区台湾工作部"


def test_a_labelled_proposer_with_a_count_of_co_signers():
    m = read_meta("事 由：关于完善养老服务的建议提 案 人：林某某等5名代表承办单位：区社会事业局"
                  "代表反馈：满意办理情况：一是做好家签服务。")
    assert m.proposers == ["林某某"]
    assert m.proposal_kind == "建议"


@pytest.mark.parametrize("opening, title", [
    ("您提出的关于《关于提升公共体育服务水平》的提案（第2020108号）收悉", "关于提升公共体育服务水平"),
    ("你提出的“提升水产养殖科技水平、助推渔业发展”（2022132号）已收悉", "提升水产养殖科技水平、助推渔业发展"),
])
def test_proposal_title_after_关于_or_quoted_without_关于(opening, title):
    m = read_meta(f"韩某委员：\n{opening}，现将办理情况函复如下：\n一、推广养殖模式。\n青川市海洋局\n2022年7月28日\n")
    assert m.proposal_title == title


def test_proposal_title_of_a_suggestion_submitted():
    m = read_meta("李某代表：\n您提交的《推进老旧小区改造的建议》（第1032号）收悉，现答复如下：\n"
                  "一、加快改造。\n青川市住建局\n2023年6月1日\n")
    assert m.proposal_title == "推进老旧小区改造的建议"


def test_a_member_and_a_party_committee_greeted_together_are_the_proposers():  # heldout26
    m = read_meta("对州政协十二届三次会议第86号提案的答复\n文号：青卫提字〔2024〕12号\n"
                  "金明哲委员、民建青溪州委会：\n你们提出的《关于提升山区医疗服务能力的提案》收悉。现答复如下：\n"
                  "一、加强培养。全州培训乡村医生126人次。\n青溪州卫生健康委员会\n2024年7月12日\n")
    assert m.proposers == ["金明哲", "民建青溪州委会"]
    assert m.proposal_kind == "提案"


def test_a_lead_office_greeted_is_no_proposer_and_the_body_names_them():  # heldout26: a 协办意见
    m = read_meta("索引号：115101/2024-00315　　发布日期：2024年06月20日\n答复类别：乙类　　发布机构：青溪区农业农村局\n\n"
                  "关于区十九届人大三次会议第87号建议的协办意见\n\n温农协〔2024〕9号\n\n区商务局：\n"
                  "　　杨晓东代表提出的《关于推动花木产业发展的建议》（第87号）由你局主办，我局协办。现将协办意见函告如下：\n"
                  "　　一、关于推动花木产业提档升级。全区花木种植面积稳定在12.6万亩。\n青溪区农业农村局\n2024年6月14日\n")
    assert m.proposers == ["杨晓东"]
    assert m.doc_number == "温农协〔2024〕9号"
    assert m.category == "B"


def test_the_sites_owner_in_the_page_footer_is_no_issuer():  # heldout29: a browser's save-as-text
    m = read_meta("兰州市卫生健康委员会关于市政协十五届五次会议第0135号提案的答复\n"
                  "发布时间：2026-07-03 10:26    来源：兰州市卫生健康委员会\n王某某委员：\n"
                  "您提出的《关于加强基层医疗服务的提案》收悉。现答复如下：\n"
                  "一、加强基层机构建设。全市建成社区卫生服务中心286个。\n"
                  "兰州市卫生健康委员会\n2026年6月26日\n【打印本页】  【关闭窗口】\n"
                  "上一篇：兰州市卫生健康委员会关于市政协十五届五次会议第0127号提案的答复\n"
                  "主办单位：兰州市人民政府办公室  承办单位：兰州市大数据服务中心\n"
                  "网站标识码：6201000003  备案号：陇ICP备05002519号-1\n")
    assert m.issuer == "兰州市卫生健康委员会"


def test_a_category_in_lenticular_brackets_under_the_doc_number():  # heldout30
    m = read_meta("北京市丰台区民政局\n丰民建〔2026〕12号\n【A类】\n关于区十七届人大五次会议第0112号建议的答复\n"
                  "王某某代表：\n您提出的《关于发展社区养老的建议》收悉。现答复如下：\n一、加强统筹。全区建成驿站86个。\n"
                  "北京市丰台区民政局\n2026年6月20日\n")
    assert m.category == "A"


def test_a_breadcrumb_is_no_title_and_a_doc_number_may_follow_the_title_unbracketed():  # heldout59
    m = read_meta("绵阳市人民政府\n首页 > 政府信息公开 > 建议提案办理 > 政协提案答复\n发布机构：绵阳市农业农村局\n"
                  "绵阳市农业农村局关于市政协九届五次会议第105号提案的答复 绵农函〔2026〕118号\n答复类别：B类\n"
                  "何某委员：\n您提出的《关于推动农田建设的提案》收悉。现答复如下：\n一、加强规划。全市建成农田398万亩。\n"
                  "绵阳市农业农村局\n2026年7月8日\n")
    assert m.title == "绵阳市农业农村局关于市政协九届五次会议第105号提案的答复"
    assert (m.issuer, m.doc_number) == ("绵阳市农业农村局", "绵农函〔2026〕118号")


def test_a_box_naming_the_lead_unit_short_gives_way_to_the_signatures_full_name():  # heldout59
    m = read_meta("关于加快老旧小区改造的提案办理答复\n提案号：58　提案人：张某　主办单位：市住房和城乡建设局　"
                  "协办单位：市自然资源和规划局\n张某委员：\n您提出的《关于加快老旧小区改造的提案》收悉，现答复如下：\n"
                  "一、改造进展。全市累计改造老旧小区173个。\n寿光市住房和城乡建设局\n2026年6月20日\n")
    assert m.issuer == "寿光市住房和城乡建设局"


@pytest.mark.parametrize("line, category", [
    ("办理结果代码：A", "A"),                       # heldout57: a ministry's code line
    ("答复类别：所提问题已经解决或者采纳", "A"),     # heldout58: the category written out
    ("办理结果：已解决或采纳", "A"),                # heldout3: a glued page's field
    ("答复类别：所提问题正在解决或者已列入计划逐步解决", "B"),
    ("答复类别：留作参考", "D"),
])
def test_a_category_coded_or_written_out(line, category):
    m = read_meta(f"关于第12号建议的答复\n{line}\n王某代表：\n您提出的建议收悉。现答复如下：\n"
                  "一、加强统筹。全市建成驿站86个。\n某市民政局\n2026年6月20日\n")
    assert m.category == category


def test_seconders_listed_after_the_lead_are_proposers_too():  # heldout47, heldout67
    m = read_meta("关于省十四届人大四次会议第123号建议的答复\n哈尔滨代表团：\n领衔代表：王德胜\n"
                  "附议代表：刘春燕　赵国庆　孙丽娜\n你们提出的《关于保护黑土地的建议》收悉。现答复如下：\n"
                  "一、加强推广。全省推广保护性耕作3000万亩。\n黑龙江省农业农村厅\n2026年6月20日\n")
    assert m.proposers == ["王德胜", "刘春燕", "赵国庆", "孙丽娜"]


def test_a_suggestion_made_between_sessions_has_a_term_and_no_meeting():  # heldout67
    m = read_meta("杭州市交通运输局关于市十四届人大常委会闭会期间第58号建议的答复\n沈某代表：\n"
                  "您提出的《关于优化公交接驳的建议》收悉。现答复如下：\n一、加密线路。新开线路37条。\n"
                  "杭州市交通运输局\n2026年6月20日\n")
    assert m.session == {"body": "人大", "region": "杭州市", "term": 14}


def test_a_doc_number_glued_to_the_title_on_a_crawler_line():  # heldout68
    m = read_meta("太谷区住房和城乡建设局关于区政协一届六次会议第029号提案的答复太住建函〔2026〕24号\n刘某委员：\n"
                  "您提出的《关于老旧小区改造的提案》收悉。现答复如下：\n一、加快改造。改造小区38个。\n"
                  "太谷区住房和城乡建设局\n2026年7月28日\n")
    assert (m.title, m.doc_number) == ("太谷区住房和城乡建设局关于区政协一届六次会议第029号提案的答复", "太住建函〔2026〕24号")
