"""Commitments as example tables: invented sentences -> found or not, horizon,
deadline; the 把-sense of 将 rejected; items inheriting a lead-in's horizon.
Provenance in the last column."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from reply_extractor.document import Document
from reply_extractor.extractors import commitments
from reply_extractor.record import Figure, Meta, Reply

from corpus import SHARED


def run(text: str, reply_date: str | None = "2023-06-15", figures=()):
    doc = Document.from_text(text)
    reply = Reply(doc_id="t", text=text, meta=Meta(reply_date=reply_date), figures=list(figures))
    found = commitments.extract(doc, reply)
    for c in found:
        assert text[c.span[0]:c.span[1]] == c.surface == c.text
        assert len(c.text) <= 400
    return found


def texts(text: str, **kw) -> list[str]:
    return [c.text for c in run(text, **kw)]


# (sentence, provenance): each is one commitment, the whole sentence.
COMMITMENTS = [
    ("下一步，我局将会同市财政局进一步加大支持力度。", "brief: 下一步 … 将"),
    ("下步，我们将加快建设数据平台。", "brief: 下步"),
    ("今后我们将继续深化园区星级评定。", "brief: 今后 … 将"),
    ("接下来，我们将在5个试点村推行新的服务模式。", "brief: 接下来"),
    ("今年将新建示范村20个以上。", "brief: 今年将"),
    ("年内新开工加装电梯150台。", "brief: 年内"),
    ("计划于2024年底前建成投用6所学校。", "brief: 计划于…前"),
    ("2026年底前，推动乡村旅游接待人次年均增长10%左右。", "heldout16: a sentence opening with a deadline to come"),
    ("2025年6月底前，完成全部老旧小区改造。", "a deadline with its month"),
    ("“十五五”期间，我局将谋划建设市域公交智能调度中心。", "heldout19: 将 before 谋划"),
    ("现修订工作基本完成，近期将印发实施。", "real 平潭 page: 将 before 印发"),
    ("户均热费支出下降8.3%，我们将认真总结试点经验，逐步扩大实施范围。", "heldout18: jieba glues 认真总结"),
    ("抓紧制定乡村旅游人才认定办法，对认定的人才给予支持。", "heldout19: urgency opening a clause"),
    ("同时，我局着手搭建全市统一的住房租赁监管服务平台。", "heldout19: 着手"),
    ("力争到2025年全市研发投入占比达到4%。", "brief: 力争到2025年"),
    ("2023年计划实施学校建设项目15个。", "corpus README: a plan for the current year"),
    ("我局正在研究制定具体操作细则。", "corpus README: 正在研究制定"),
    ("我局正在抓紧编制三年行动计划。", "brief: 抓紧编制"),
    ("我局将会同市财政局作进一步研究论证。", "corpus README: 将会同"),
    ("我局将按职责积极做好不动产登记相关工作。", "real corpus shape: 将按职责"),
    ("我局拟于今年下半年出台实施办法。", "brief: 拟"),
    ("目前方案已完成修订，正准备报主管部门审核。", "real corpus shape: 正+verb after work done"),
    ("近期，我市在研究制定新一轮人才政策。", "corpus shape: 在研究 without 正"),
    ("到2028年，全区优质高中招生比例不低于70%。", "real corpus shape: a target year"),
    ("为了更好服务企业正在研究制定配套细则。", "invented: 为了 is no past 了"),
    ("针对上述问题，我部将加强与有关部门的沟通协调。", "bug caught: jieba glued 部将"),
    ("下一步，我委将进一步完善考核办法。", "bug caught: jieba glued 委将"),
    ("我局将与市财政局共同研究补助标准。", "invented: 将与…共同"),
    ("今后三年，计划每年新增省级产业园10个左右。", "invented: 计划每年 under 今后三年"),
    ("我局拟深入了解企业用工需求。", "invented: 了解 is no past 了"),
    ("待建设方案确定后，陆续启动后续社区方案编制。", "real corpus shape: 待…后"),
    ("下一步我局计划将旧城区规划纳入编制计划。", "real corpus shape: 计划将 (把-sense under a plan)"),
    ("我委还将把农贸市场改造纳入民生实事统筹推进。", "held-out class: 还将把 (把 after 将: future)"),
    ("我局也将把该项工作列入年度重点任务。", "held-out class: 也将把"),
    ("我们仍将把稳就业作为首要任务。", "held-out class: 仍将把"),
    ("我局将继续把农村公路建设纳入重点工程。", "held-out class: 将继续把"),
    ("项目将于2025年6月底前完成。", "held-out class variant: 将于…前"),
    ("该工程拟于明年开工建设。", "held-out class variant: 拟于明年"),
    ("预计年底前完成主体工程。", "held-out class variant: 预计 + a time"),
    ("争取在2026年前全面建成。", "held-out class variant: 争取 + a time"),
    ("今后三年，我们将新建停车泊位3000个。", "held-out class variant: 今后三年"),
    ("下阶段，我局将加大督查力度。", "held-out class variant: 下阶段"),
    ("我们会同市财政局将进一步完善补助政策。", "held-out class variant: 会同…将"),
    ("我局将积极争取将老字号项目纳入市级服务业发展引导资金支持范围。",
     "heldout6: jieba glues 积极争取, two words of will_next"),
    ("我委将积极协调州财政局，研究提高边远山区乡村医生补助标准。",
     "heldout26: jieba's HMM glues 我委将 into one word"),
    ("我局将定期与区商务局会商，共同研究解决建议办理中遇到的困难。",
     "heldout26: 将 + an adverb of time, then 与: not the 把-sense"),
    ("同时，我们将每季度与市住房公积金管理中心会商一次资金运行情况。", "heldout19: 将 + 每季度, then 与"),
    ("您提出的建议正是我局下一步工作的重点，我局将会同市财政局加大支持力度。",
     "the proposal judged, then a 将 of the agency's own: still a promise"),
    ("经测算，全市分散供水户约1.8万户，资金需求较大，我局将会同市财政局积极争取中央和省级资金。",
     "heldout14: after an estimate, the agency in the 将's own clause makes it a plan"),
]


@pytest.mark.parametrize("text, provenance", COMMITMENTS)
def test_commitment_found(text, provenance):
    assert texts(text) == [text]


# (sentence, provenance): none is a commitment.
NOT_COMMITMENTS = [
    ("我部联合财政部印发《农村公路建设实施方案》，明确将新增专项债券的一部分用于农村公路建设。",
     "heldout26: what a document issued says (明确将…), not a plan"),
    ("群众遇到用电问题，可随时拨打95598供电服务热线反映。", "heldout26: a hotline offered to the public"),
    ("因此，您提出的关于提升公共体育服务水平的建议，也正是体育部门应该做、正在做和必须做好的重点工作。",
     "real page: the proposal judged to be the agency's own work"),
    ("2022年，我局将37家企业纳入数字化改造重点培育库。", "corpus README: 把-sense 将"),
    ("我局将公交服务质量纳入公交企业年度考核。", "corpus README: 把-sense 将"),
    ("我局将研究成果纳入标准体系。", "a noun glued from a will_next word (研究成果) is the 把-sense object"),
    ("原计划三年完成提标改造站点300个，目前已完成286个，剩余14个站点正在施工。",
     "heldout9: work under way after work done; 原计划 is a past plan, no plan marker"),
    ("我市将学校建设列入年度民生实事项目。", "corpus shape: 将…列入"),
    ("我市将未来社区作为城市更新的重要载体。", "corpus shape: 将…作为"),
    ("我市已将科技特派员服务情况纳入年度考核。", "corpus shape: 已将"),
    ("现将有关情况答复如下。", "corpus shape: the reply formula"),
    ("今年我们已在新选派的特派员中增设8个岗位。", "corpus README: 今年我们已…"),
    ("再次感谢您对我市工作的关心，恳请您继续关注和支持我局工作。", "corpus README: closing courtesy"),
    ("欢迎今后继续提出宝贵意见。", "corpus shape: courtesy with 今后"),
    ("这与我局正在推进的工作高度契合。", "bug caught: attributive 正在…的"),
    ("个别政策条款需要在今后的政策调整中加以改进。", "corpus shape: 今后 not opening a clause"),
    ("我市实施“下一步将做强产业”专项行动。", "brief: 将 inside quoted text"),
    ("2021年，我市申报的《关于将数字化改造纳入补助的意见》获批。", "brief: 将 inside 《》"),
    ("对离校2年内未就业的高校毕业生给予补贴。", "bug caught: 2年内 is a duration"),
    ("我局已于2022年起草了《意见》（代拟稿）。", "invented: 代拟/起草 hold no cue"),
    ("平潭三中设置了一个试点班，计划招生52人，实际入学52人。", "real corpus shape: a past plan"),
    ("2021年计划实施项目10个，实际完成12个。", "invented: a past year's plan"),
    ("您建议我局将补贴标准提高到每亩200元。", "invented: the proposal reported"),
    ("我局联合市财政局争取到上级资金3000万元。", "invented: 争取到 is work done"),
    ("二十年来，我市始终坚持一张蓝图绘到底。", "corpus shape: past work"),
    ("我厅指导各地将美丽乡村建设与人居环境整治统筹推进。", "invented: 将A与B统筹推进 is 把-sense"),
    ("兹将办理情况报告如下。", "invented: 兹将 formula"),
    ("国务院印发的《意见》明确提出，到2030年乡村教师待遇明显提高。", "invented: a target cited from another document"),
    ("目前，相关政策正处于征求意见阶段。", "invented: 正处于 is a state"),
    ("该项目预计可带动就业500人。", "invented: 预计 without a time is an estimate"),
    ("我局积极争取上级资金3000万元。", "invented: 争取 without a time is effort, not a plan"),
    ("该项目预计于2021年投产，现已达产。", "invented: 预计 + a past year"),
    ("2022年底前，全市建成充电站20座。", "a deadline gone by opening a sentence: a report"),
    ("全市已于2024年底前完成改造。", "a deadline inside a report of work done"),
    ("去年计划改造的300张家庭养老床位已全部建成。", "heldout19: last year's plan, done"),
    ("目前，公司已对新道路方案进行立项，并着手办理相关前期手续。", "real 平潭 page: 着手 in a report of work done"),
    ("二、及早推动落实，着手开展仲裁委成立有关具体事项", "real 三明 page: a heading"),
]


@pytest.mark.parametrize("text, provenance", NOT_COMMITMENTS)
def test_not_a_commitment(text, provenance):
    assert texts(text) == []


def test_items_inherit_the_lead_in():
    text = ("    下一步，我局将认真吸收您的意见，重点做好以下工作：一是持续加大政策兑现力度。"
            "二是进一步扩大覆盖面，引导更多金融机构参与。三是加强人才保障。\n"
            "    再次感谢您的关心和支持。")
    found = run(text)
    assert [c.text for c in found] == ["一是持续加大政策兑现力度。",
                                       "二是进一步扩大覆盖面，引导更多金融机构参与。",
                                       "三是加强人才保障。"]
    assert {c.horizon for c in found} == {"下一步"}


def test_the_numbered_items_right_after_a_next_step_sentence_are_its_plans():
    # blind real class: 下一步，我局将…。一是…。二是…。⏎三是…。 (no lead-in colon)
    text = ("下一步，我局将坚持问题导向，进一步优化执业环境。一是积极向上提出关于规范完善公民代理及预防打击司法掮客的立法建议。"
            "二是加强与市场监管等部门的联动配合，适时开展联合执法。\n"
            "三是强化行业管理，依法严肃查处违法违规行为。\n感谢您对我们工作的关心和支持。")
    assert texts(text) == ["下一步，我局将坚持问题导向，进一步优化执业环境。",
                           "一是积极向上提出关于规范完善公民代理及预防打击司法掮客的立法建议。",
                           "二是加强与市场监管等部门的联动配合，适时开展联合执法。",
                           "三是强化行业管理，依法严肃查处违法违规行为。"]


@pytest.mark.parametrize("text, promise", [
    # blind real classes
    ("6月10日我局拟组织渔业企业参加博览会，展示特色水产品。", "6月10日我局拟组织渔业企业参加博览会，展示特色水产品。"),
    ("此外，2023年规划新增52个农村5G基站。", "此外，2023年规划新增52个农村5G基站。"),
    ("感谢你对渔业发展的关心和支持，在下一步工作中，我局将认真落实要求，发展深远海养殖。",
     "在下一步工作中，我局将认真落实要求，发展深远海养殖。"),
])
def test_plans_found_where_jieba_glues_or_thanks_come_first(text, promise):
    assert texts(text) == [promise]


def test_an_attributive_ni_after_a_preposition_is_no_plan():
    assert texts("由各片区对拟开展居家健康管理人员的居住条件进行考察。") == []


def test_problems_left_stated_in_a_plans_section_are_no_plan():
    # heldout35: a 议案 report's 下一步打算 opens with the problems left
    text = ("三、下一步打算\n虽然议案办理取得了阶段性成效，但仍存在资金缺口较大等问题。"
            "下一步，我们将重点抓好以下工作：一是加快剩余管网建设，确保年底前完成改造任务。\n")
    assert not any("仍存在" in t for t in texts(text))


def test_a_plan_item_ends_before_another_agencys_sentence():
    # heldout31/35: …每年创建不少于10个。省住房和城乡建设厅已明确… is that agency's own sentence
    text = ("下一步，我们将重点抓好以下工作：一是加快管网建设，确保年底前完成改造任务。"
            "二是持续开展创建，每年创建不少于10个。省住房和城乡建设厅已明确将我市列入试点城市。\n")
    assert "二是持续开展创建，每年创建不少于10个。" in texts(text)


@pytest.mark.parametrize("text", [
    # blind real classes: a prospect, a state of work, a cue qualifying a 在…中 frame
    "随着人口老龄化程度加深，医保基金收支平衡将面临更大的压力。",
    "目前各项工作正在抓紧推进中。",
    # held-out class: a list being gathered is a state; the forecast after it is no plan
    "目前第三批场景清单正在征集中，预计2026年全区新增落地场景将达到40个以上。",
    # heldout33: an estimate's subject stated before the forecast word that leads the 将
    "据测算，试点全面推开后，预计将惠及新就业形态劳动者超过3000万人。",
    "在2023年度市人社局拟核准我局所属12个事业单位20名招聘计划中，6个岗位限制为男性。",
])
def test_prospects_states_and_frames_are_no_plans(text):
    assert texts(text) == []


def test_a_lead_in_opening_with_a_purpose_is_a_promise():
    body = ("为进一步推进康养产业发展，充分用好振兴政策，我们将重点做好以下几个方面工作：\n"
            "一、完善机制，合力推动工作落实。\n一是强化部门协作。\n下一步，将充分发挥工作组作用，主动对接。\n")
    assert [c.text for c in commitments_of(body)][0] == \
        "为进一步推进康养产业发展，充分用好振兴政策，我们将重点做好以下几个方面工作："


def test_a_next_step_sentence_closed_by_a_full_stop_leads_the_items_right_after_it():
    # blind real class (glued page): 下一步，拟从三个方面作一步夯实强化。一是X。Y。二是…
    body = ("（一）关于加强人员业务能力。我区防控仍存在漏洞。下一步，拟从两个方面作进一步夯实强化。"
            "一是优化入网格。将防控工作纳入网格化管理，建立五级网格。二是加强培训。要求各片区每月开展一次培训。\n")
    # (the sentence announcing the items promises nothing itself: heldout18, heldout20)
    assert [c.text for c in commitments_of(body)] == [
        "一是优化入网格。将防控工作纳入网格化管理，建立五级网格。", "二是加强培训。要求各片区每月开展一次培训。"]


def test_a_full_stop_lead_in_with_no_next_step_leads_nothing():
    # (为提高录取率，更好地将生源留在本地，我局着重在三个方面发力。 then work done)
    body = ("为提高录取率，更好地将生源留在本地，我局着重在两个方面发力。\n"
            "1.提升教育质量。近年来我局深入研究生源分布情况。\n2.扩大招生比例。今年下达招生指标3826人。\n")
    assert commitments_of(body) == []


def test_passing_a_result_on_is_no_plan():
    assert texts("及时对代理资格进行审查，并将审查结果告知当事人。") == []


def test_semicolon_items_are_separate():
    text = "下一步，我们将从以下几方面着力：一是优化线网；二是扩大预约公交覆盖范围；三是争取上级资金支持。"
    assert texts(text) == ["一是优化线网；", "二是扩大预约公交覆盖范围；", "三是争取上级资金支持。"]


def test_section_headed_next_steps():
    text = ("三、下一步打算\n"
            "    一是健全政策体系。积极争取将经费标准提高到每生每年2500元。\n"
            "    感谢你们的关心和支持。")
    assert texts(text) == ["一是健全政策体系。", "积极争取将经费标准提高到每生每年2500元。"]


def test_continuation_after_a_plan():
    text = "下一步，我们将研究建立监测指标体系。同时，继续深化青年就业行动。2022年共举办招聘会116场。"
    found = run(text)
    assert [c.text for c in found] == ["下一步，我们将研究建立监测指标体系。", "同时，继续深化青年就业行动。"]
    assert found[1].horizon == "下一步"


# (sentence, horizon, deadline, provenance) for a reply dated 2023-06-15
DEADLINES = [
    ("计划于2024年底前完成改造任务。", "2024年底前", "2024-12-31", "brief: 2024年底前"),
    ("计划于2023年10月底前完成平台上线。", "2023年10月底前", "2023-10-31", "corpus shape"),
    ("计划于6月底前完成招标。", "6月底前", "2023-06-30", "brief: year from the reply date"),
    ("力争年内覆盖全市所有镇。", "年内", "2023-12-31", "brief: 年内"),
    ("2023年内出台运维管理办法。", "年内", "2023-12-31", "heldout31: the reply's own year before 年内"),
    ("力争今年年底前投入运行。", "今年年底前", "2023-12-31", "corpus shape"),
    ("计划于今年9月底前提请印发。", "今年9月底前", "2023-09-30", "corpus shape"),
    ("计划于今年第三季度前出台指引。", "今年第三季度前", "2023-09-30", "corpus shape"),
    ("我局拟于今年下半年出台办法。", "今年下半年", "2023-12-31", "corpus shape"),
    ("力争2024年上半年提请审议。", "2024年上半年", "2024-06-30", "sample corpora shape"),
    ("计划于２０２３年１２月３１日前完成整改销号。", "２０２３年１２月３１日前", "2023-12-31", "full-width date"),
    ("该项目将于2024年6月建成投用。", "2024年6月", "2024-06-30", "invented"),
    ("我们将在明年补贴政策调整中统筹考虑。", "明年", "2024-12-31", "corpus shape"),
    ("力争到2025年培育示范户300户。", "到2025年", "2025-12-31", "brief: 力争到2025年"),
    ("今年将新建示范村20个。", "今年", "2023-12-31", "brief: 今年将"),
    ("下一步，我局将深化改革。", "下一步", None, "no date stated"),
    ("今后三年，我们将再建设产业学院6个。", "今后三年", None, "corpus shape"),
]


# (text, commitments expected): quotes pair within a line, with nesting
STRAY_QUOTES = [
    ("您提出的“关于加快智慧城市建设的问题。\n我局将加快推进数据平台建设。\n下一步，我局将持续开展“数字赋能”行动。",
     ["我局将加快推进数据平台建设。", "下一步，我局将持续开展“数字赋能”行动。"],
     "review item 4: a stray “ must not hide later commitments"),
    ("我局将组织““双创”活动周”系列活动。", ["我局将组织““双创”活动周”系列活动。"],
     "invented: nested quotes, the cue outside them"),
    ("市里印发了《“将来社区”建设方案》。", [], "invented: 将 inside a quoted title"),
]


@pytest.mark.parametrize("text, expected, provenance", STRAY_QUOTES)
def test_quotes_pair_within_a_line(text, expected, provenance):
    assert texts(text) == expected


@pytest.mark.parametrize("text, horizon, deadline, provenance", DEADLINES)
def test_horizon_and_deadline(text, horizon, deadline, provenance):
    (c,) = run(text)
    assert (c.horizon, c.deadline) == (horizon, deadline)


def test_relative_deadline_without_reply_date_uses_the_text_year():
    text = "2022年，全市新增企业12家。计划于6月底前完成招标。"
    (c,) = run(text, reply_date=None)
    assert c.deadline == "2022-06-30"


def test_actor():
    (c,) = run("下一步，我局将会同市财政局加大支持力度。")
    assert c.actor == "我局"
    (c,) = run("自然资源部门将通过建立“一张图”加强存量资源调查。")
    assert c.actor == "自然资源部门"


def test_targets_are_figures_inside():
    text = "2022年新增企业12家。今年将新建示范村20个以上。"
    fig_past = Figure(span=(9, 12), surface=text[9:12], value=Decimal(12), unit="家")
    start = text.index("20个")
    fig_plan = Figure(span=(start, start + 3), surface="20个", value=Decimal(20), unit="个")
    (c,) = run(text, figures=[fig_past, fig_plan])
    assert c.targets == [1]


def test_long_sentence_is_cut_to_400():
    text = "下一步，我们将" + "加强协同配合，" * 80 + "做好各项工作。"
    (c,) = run(text)
    assert len(c.text) <= 400 and c.text.startswith("下一步")


def test_empty_and_odd_input():
    assert run("") == []
    assert run("将") == []
    assert run("：：：；；") == []


@pytest.mark.skipif(not (SHARED / "eval" / "dev").is_dir(), reason="shared gold corpus not present")
def test_dev_corpus_required_keys_found():
    """Each required gold key of the dev set lies in one predicted commitment."""
    from reply_extractor import pipeline

    for gold_path in sorted((SHARED / "eval" / "dev").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        src = SHARED / "corpus" / "dev" / f"{gold['doc_id']}.txt"
        predicted = [c.text for c in pipeline.extract(src).commitments]
        for g in gold.get("commitments", []):
            if not g.get("optional"):
                assert any(g["key"] in t for t in predicted), (gold["doc_id"], g["key"])


# held-out class: 正在 + a verb of work under way after work done is a state, not a
# plan; planning verbs (研究制定, 抓紧编制) and a plan marker keep it a plan.
@pytest.mark.parametrize("text, expected", [
    ("全市已加装电梯96部，另有40部正在施工。", []),
    ("目前已建成充电桩200个，其余50个正在建设中。", []),
    ("一期工程已完工，二期工程正在加紧施工。", []),
    ("截至目前，已累计完成改造项目85个。剩余15个项目正有序推进。", []),
    ("一期工程已完工，二期工程正在加紧施工，预计年底前完工。", ["一期工程已完工，二期工程正在加紧施工，预计年底前完工。"]),
    ("我局已完成选址，正在办理用地手续，计划明年开工。", ["我局已完成选址，正在办理用地手续，计划明年开工。"]),
    ("全市已建成示范小区12个。我局正在研究制定加装电梯补助办法。", ["我局正在研究制定加装电梯补助办法。"]),
    ("全市已建成示范小区12个。我局正在抓紧编制城市更新规划。", ["我局正在抓紧编制城市更新规划。"]),
    ("该项目正在施工。", ["该项目正在施工。"]),
])
def test_heldout_work_under_way_is_no_commitment(text, expected):
    assert texts(text) == expected


# held-out class: closing formulas of a letter or report are never commitments,
# even after a plans section.
@pytest.mark.parametrize("closing", ["专此报告。", "特此报告。", "特此函复。", "以上报告，请予审议。",
                                     "专此函复。", "特此答复。", "此复。"])
def test_heldout_closing_formula_is_no_commitment(closing):
    text = f"三、下一步打算\n    我局将继续推进加装电梯工作。\n    {closing}\n"
    assert texts(text) == ["我局将继续推进加装电梯工作。"]


@pytest.mark.parametrize("text", [
    "原计划于2024年底前出台的《青川市医疗救助办法（修订）》，因需与国家政策衔接，已于2025年3月印发实施。",
    "原定将于去年10月开工的老店镇片区项目，因招投标程序调整，已于今年3月开工。",
    "原计划将于去年三季度建成的产业园二期，因规划调整已于今年4月投入运营。",
])
def test_the_old_plan_is_no_promise(text):  # heldout15: 原计划/原定 and what became of it
    assert texts(text) == []


def test_a_plans_section_opening_with_thanks_for_the_suggestion():  # heldout11
    text = ("（四）下一步工作安排\n您的建议对我们改进工作很有帮助。按照《行动方案》要求，我镇将重点做好以下工作：\n"
            "一是年内新建停车场3处。\n")
    assert "您的建议对我们改进工作很有帮助。" not in texts(text)


def test_the_proposal_restated_in_a_plans_section_is_no_promise():  # heldout19
    text = ("三、下一步打算\n我局将加快建设社区养老服务设施。您建议将配建达标率纳入年度考核，这一建议很有针对性。\n")
    assert texts(text) == ["我局将加快建设社区养老服务设施。"]


def test_a_glued_body_label_is_no_lead_in():  # real 平潭 page: 办理情况： after a promise
    text = "现修订工作基本完成，近期将印发实施。办理情况：新修订后的《暂行办法》明确了申请受理依据。"
    assert texts(text) == ["现修订工作基本完成，近期将印发实施。"]


def test_a_sentence_announcing_the_items_after_it_is_no_promise_itself():  # heldout18, heldout20
    text = ("下一步，我局将重点抓好三项工作。一是年内完成管网改造120公里。"
            "二是制定出台《供热质量考核办法》，将用户满意度权重提高到40%。\n")
    assert texts(text) == ["一是年内完成管网改造120公里。", "二是制定出台《供热质量考核办法》，将用户满意度权重提高到40%。"]
    # …with a clause of its own it is one (realpages2: 将充分吸收您的建议，从以下三个方面…)
    text = "下阶段，我部将充分吸收您的建议，从以下三个方面做好服务工作。一是年内新建基地。\n"
    assert texts(text)[0] == "下阶段，我部将充分吸收您的建议，从以下三个方面做好服务工作。"
    # (heldout62: 重点推进以下工作 announces too)
    text = "下一步，我局将会同各街镇重点推进以下工作。一是年内新增泊位3000个。二是年底前完善路内停车收费政策，引导错时停车。\n"
    assert texts(text) == ["一是年内新增泊位3000个。", "二是年底前完善路内停车收费政策，引导错时停车。"]


def test_a_task_list_with_leads_and_deadlines():  # heldout19: a 议案 reply's tasks
    text = ("二、重点任务及责任分工\n"
            "1.深化审批制度改革。全面推行“证照联办”，年内压缩办理时限20%。牵头单位：市行政审批服务局，完成时限：2025年12月底前。\n"
            "2.推进“高效办成一件事”。新增8个集成服务场景。牵头单位：市大数据局，完成时限：2025年9月底前。\n")
    found = run(text, reply_date="2025-06-15")
    assert [(c.text[:9], c.deadline) for c in found] == [("全面推行“证照联办", "2025-12-31"), ("新增8个集成服务场", "2025-09-30")]
    assert all("完成时限" in c.text for c in found)  # the task with its fields, one promise each


def test_a_table_of_tasks_and_deadlines_is_a_promise_a_row():  # heldout24: a Word table of 下一步 tasks
    from reply_extractor.document import Block
    lines = ["下一步，我局将重点推进以下工作：", "序号\t工作任务\t责任单位\t完成时限",
             "1\t完成2家社区卫生服务中心改扩建\t区卫生健康局\t2025年12月底前",
             "2\t招聘基层医务人员不少于100名\t区卫生健康局\t2025年10月底前", "感谢您的关心。"]
    text = "\n".join(lines)
    blocks, pos = [], 0
    for line in lines:
        blocks.append(Block("table_row" if "\t" in line else "paragraph", pos, pos + len(line)))
        pos += len(line) + 1
    doc = Document(text, blocks)
    found = commitments.extract(doc, Reply(doc_id="t", text=text, meta=Meta(reply_date="2025-06-15")))
    rows = [c for c in found if "\t" in c.text]
    assert [(c.text.split("\t")[1], c.deadline) for c in rows] == [
        ("完成2家社区卫生服务中心改扩建", "2025-12-31"), ("招聘基层医务人员不少于100名", "2025-10-31")]


def test_the_letterhead_s_fields_promise_nothing():  # heldout11: a category described as 列入计划解决
    text = ("关于区十八届人大四次会议第112号建议的答复\n精武政函〔2024〕18号\n答复类型：B（正在解决或列入计划解决）\n"
            "刘秀梅代表：\n您提出的建议收悉。现答复如下：\n下一步，我镇将新建停车场3处。\n")
    assert texts(text) == ["下一步，我镇将新建停车场3处。"]


def test_report_request_inside_a_plan_still_counts():  # bug caught: 提请审议 is no closing
    assert texts("力争2024年上半年提请审议。") == ["力争2024年上半年提请审议。"]


def test_deadline_comes_from_a_later_time_expression_than_the_horizon():
    # held-out class (lead's own check): 下一步 opens the sentence, the date comes later
    text = "下一步，我部将会同有关部门，力争到2025年底前完成重点中小河流治理任务。"
    got = commitments.extract(Document.from_text(text), Reply("t", text))
    assert [(c.horizon, c.deadline) for c in got] == [("下一步", "2025-12-31")]


# ---- projections: a forecast of a thing is no commitment ----------------------

@pytest.mark.parametrize("text, expected", [
    ("预计到2025年，全国退役动力电池将超过50万吨。", []),
    ("预计到2030年全省老年人口将突破1000万。", []),
    ("据测算，到2026年全市充电需求将达到每年3亿千瓦时。", []),
    ("经预测，明年全区粮食产量将稳定在20万吨以上。", []),
    ("我局估计今年全市新增就业将超过2万人。", []),
    # the agency's own plan stays a commitment
    ("预计年底前完成主体工程。", ["预计年底前完成主体工程。"]),
    ("我局预计年底前将出台实施细则。", ["我局预计年底前将出台实施细则。"]),
    ("预计明年我部将修订管理办法。", ["预计明年我部将修订管理办法。"]),
    # a forecast clause does not hide the plan in the next one
    ("预计到2025年产能将超过10万吨，我局将同步建设回收网点。",
     ["预计到2025年产能将超过10万吨，我局将同步建设回收网点。"]),
])
def test_heldout_projection_is_no_commitment(text, expected):  # held-out class: projections
    assert texts(text) == expected


def test_heldout_projection_in_a_plans_section_is_not_inherited():  # held-out class: projections
    text = "下一步工作打算：\n一是加快建设回收网点。预计到2025年，全国退役电池将超过50万吨。二是加强监管。\n"
    assert texts(text) == ["一是加快建设回收网点。", "二是加强监管。"]


@pytest.mark.parametrize("text", [
    "今年计划推进“机器换人”项目300个。",     # held-out class: a plan for the current year
    "明年计划新建养老服务中心5家。",
])
def test_a_plan_for_this_or_next_year_is_a_commitment(text):
    got = commitments.extract(Document.from_text(text), Reply("t", text))
    assert [c.text for c in got] == [text]


# --- items of a plans section, as a promise tracker needs them (issue 7) -------

def commitments_of(body: str):
    from reply_extractor import extract
    reply = extract(f"青溪县发展和改革局\n\n关于第1号建议的答复\n\n{body}\n")
    for c in reply.commitments:
        assert reply.text[c.span[0]:c.span[1]] == c.text
    return reply.commitments


def test_each_item_of_a_plans_section_is_one_commitment_with_the_sentence_after_its_heading():
    body = ("一、基本情况\n2023年全县新增企业30家。\n"
            "二、下一步工作打算\n"
            "（一）拓展销售渠道。组织食品企业开展产销对接，带动本地产品销售。支持企业参加展会。\n"
            "（二）加大扶持力度。落实相关奖励政策，推进食品项目加快建设。\n")
    assert [c.text for c in commitments_of(body)] == [
        "（一）拓展销售渠道。组织食品企业开展产销对接，带动本地产品销售。",
        "（二）加大扶持力度。落实相关奖励政策，推进食品项目加快建设。"]


def test_a_plans_heading_may_name_its_topic():
    # blind real class: 五、下一步全民健身工作思路 (a topic between 下一步 and 工作思路)
    body = ("一、基本情况\n2023年全县新增企业30家。\n"
            "二、下一步招商工作思路\n"
            "（一）争取各级财政资金支持，加大园区设施建设投入。\n"
            "（二）进一步完善服务机制，探索委托社会力量招商。\n")
    assert [c.text for c in commitments_of(body)] == [
        "（一）争取各级财政资金支持，加大园区设施建设投入。", "（二）进一步完善服务机制，探索委托社会力量招商。"]


def test_an_item_reporting_a_past_year_is_no_promise_but_its_next_step_is():
    # blind real class: items under a lead-in that report what was done, then 下一步，将…
    body = ("为推进产业发展，我们将重点做好以下几个方面工作：\n一、完善机制，合力推动工作落实。\n"
            "一是强化部门协作。\n2019年，我市成立产业工作组，抽调精干力量集中办公；市相关部门协同推进。"
            "下一步，将充分发挥工作组作用，主动与各部门沟通对接。\n"
            "二是加强政策衔接。\n2021年围绕绿色经济，我市将加快康养产业作为重要内容。\n"
            "领导署名：王五\n青溪县发展和改革局\n2022年5月5日\n")
    assert [c.text for c in commitments_of(body)] == ["为推进产业发展，我们将重点做好以下几个方面工作：",
                                                      "下一步，将充分发挥工作组作用，主动与各部门沟通对接。"]


def test_a_page_glued_on_one_line_reads_the_same():
    body = ("一是基本情况。2023年全县新增企业30家。二是下一步工作计划。1.拓展销售渠道。组织企业开展产销对接。"
            "2.加大扶持力度。落实相关奖励政策。")
    assert [c.text for c in commitments_of(body)] == [
        "1.拓展销售渠道。组织企业开展产销对接。", "2.加大扶持力度。落实相关奖励政策。"]


def test_a_lead_in_stating_aims_is_a_promise_and_its_counted_items_too():
    # blind real gold (second round): 从三个方面发力，切实完善…： then 一是X。 + a paragraph each
    text = ("一、关于落实补助政策\n一是争取补助资金。\n今年争取资金1500万元。\n"
            "下一步，我们将重点从两个方面发力，切实完善补助政策，全力提振造林积极性：\n"
            "一是强化申报指导。\n持续加强市县联动，指导各县做好项目申报。\n"
            "二是争取政策支持。\n持续向省厅汇报，争取优化补助政策。\n")
    assert [c.text for c in commitments_of(text)] == ["下一步，我们将重点从两个方面发力，切实完善补助政策，全力提振造林积极性：",
                           "一是强化申报指导。\n持续加强市县联动，指导各县做好项目申报。",
                           "二是争取政策支持。\n持续向省厅汇报，争取优化补助政策。"]


def test_items_after_a_lead_in_name_the_body_put_in_charge():
    body = ("三、关于招商工作\n结合您的建议，我区将由区投促委牵头，重点做好以下工作：\n"
            "（一）加强招商对接。围绕主导产业开展精准招商。\n（二）强化要素保障。优先保障项目用地。\n")
    found = commitments_of(body)
    assert [c.text for c in found] == ["（一）加强招商对接。围绕主导产业开展精准招商。",
                                       "（二）强化要素保障。优先保障项目用地。"]
    assert {c.actor for c in found} == {"区投促委"}


@pytest.mark.parametrize("sentence, actor", [
    ("市委编办将研究调整相关机构职能。", "市委编办"),
    ("国家医保局正在研究制定支付标准。", "国家医保局"),
])
def test_another_body_that_will_act_is_the_actor(sentence, actor):
    [c] = run(sentence)
    assert c.actor == actor


@pytest.mark.parametrize("text, provenance", [
    ("习近平总书记强调，要将生态保护放在首位。", "issue 7: a leader's words"),
    ("我们将继续努力，为建设美丽青溪作出新的更大贡献。", "issue 7: a closing slogan"),
    ("我们将携手各方共创美好未来。", "issue 7: a closing slogan"),
])
def test_leader_quotes_and_slogans_are_no_commitments(text, provenance):
    assert texts(text) == [], provenance


def test_a_quota_reported_with_the_decision_is_no_plan():
    assert texts("今年，我区下达了招生指标3826人，其中公办高中拟招特长生88人，民办学校拟招222人。") == []
    assert texts("目前已完成初稿，拟于下月印发实施。") == ["目前已完成初稿，拟于下月印发实施。"]


@pytest.mark.parametrize("text, provenance", [
    ("通过对条例的深入解读，将有利于各级部门更好地理解条例。", "real page: 将有利于, an effect foreseen"),
    ("对林权属于村集体的，可将其中的经济补偿统筹为村级集体收入。", "real page: 可将, the 把-sense of a rule"),
    ("广大林业工作者将不忘初心、牢记使命，进一步加强城乡绿化。", "real page: a closing slogan"),
])
def test_effects_rules_and_slogans_with_a_future_word_are_no_commitments(text, provenance):
    assert texts(text) == [], provenance


def test_a_continuation_that_reports_work_done_is_no_plan():
    text = "下一步，我局将加快推进垃圾分类。此外，我区焚烧发电厂基本实现了生活垃圾日产日清。"
    assert texts(text) == ["下一步，我局将加快推进垃圾分类。"]
    text = "下一步，我们将研究建立监测体系。同时，继续深化人才行动，让更多青年来得了、留得住。"
    assert len(texts(text)) == 2  # 来得了 in a later clause reports nothing


def test_the_promises_are_the_leaves_of_a_plans_section():
    body = ("一、基本情况\n全县新增企业30家。\n二、下一步工作打算\n"
            "（一）完善机制，合力推动工作落实。\n"
            "一是强化部门协作。\n建立联席会议制度，每季度会商一次。\n"
            "二是加强政策衔接。\n多方收集政策信息，及时兑现扶持资金。\n"
            "（二）加大人才培养。\n"
            "一是实施专家引智计划。\n邀请康养专家到基地开展指导。\n")
    assert [c.text for c in commitments_of(body)] == [
        "一是强化部门协作。\n建立联席会议制度，每季度会商一次。",
        "二是加强政策衔接。\n多方收集政策信息，及时兑现扶持资金。",
        "一是实施专家引智计划。\n邀请康养专家到基地开展指导。"]


def test_an_item_after_a_lead_in_whose_body_runs_over_two_paragraphs_is_one_promise():
    # crawler text: the item's heading stands on its own line, its body on two more
    body = ("一、工作开展情况\n全县新增企业30家。\n二、下一步工作措施\n下一步我局将围绕产业升级，做好以下工作：\n"
            "一是做好企业培育。\n加强科技企业遴选和储备，建立梯次培育机制。\n"
            "执行研发费用补助政策，落实税收优惠。\n"
            "二是做好平台提质。\n完善孵化载体，构建创业孵化链条。\n")
    assert [c.text for c in commitments_of(body)] == [
        "一是做好企业培育。\n加强科技企业遴选和储备，建立梯次培育机制。",
        "二是做好平台提质。\n完善孵化载体，构建创业孵化链条。"]


@pytest.mark.parametrize("text, expected", [
    ("近年来，市科技局将更多科技资源引向创新型企业。", []),               # 将 + a noun phrase: 把-sense
    ("成立工作专班，利用宣传册等方式，将政策措施送达企业。", []),
    ("稽查队还将中心城区的网吧进行分片包干管理。", []),
    ("今后三年将每年改造危桥不低于400座。", ["今后三年将每年改造危桥不低于400座。"]),  # 每年 is no object
    ("我局将组建工作专班。", ["我局将组建工作专班。"]),
])
def test_a_noun_phrase_after_jiang_is_its_object(text, expected):
    assert texts(text) == expected


def test_a_semicolon_inside_brackets_ends_no_sentence():
    text = "近期，我局正会同财政局对企业提出的方案（即：均价为5万元；含骨灰楼堂为6万元）进行研究，并细化方案后报管委会审定。"
    assert texts(text) == [text]


def test_items_of_a_lead_in_of_work_under_way_are_no_plans():
    text = ("我局正积极会同相关部门，开展如下工作：一是积极广泛宣传。近年来，我局持续开展殡葬改革宣传。"
            "二是科学规划建设。为加强规划管理，我局编制了专项规划。")
    assert texts(text) == []


def test_a_lead_in_with_no_future_word_reports_work_done():
    body = ("我局督促物业服务企业落实消防安全责任，并做好以下几点工作：\n"
            "一、加大宣传引导。\n要求各物业服务企业定期开展宣传教育。\n"
            "二、落实巡查制度。\n要求物业服务企业开展消防通道巡查。\n")
    assert commitments_of(body) == []


def test_an_item_with_a_sentence_before_its_sub_items_is_a_promise_and_its_done_work_is_not():
    body = ("一、基本情况\n全市装备制造企业120家。\n二、下一步发展路径\n"
            "（一）发展高端机床。\n引进培育智能装备企业，提升传统装备产品性能。\n"
            "（二）打造人才队伍。\n市政府高度重视装备制造业，积极打造装备制造业人才基地，不断强化人才支持。\n"
            "一是强化人才培养。\n制定出台了人才培育意见，支持企业开展职业技能培训。\n"
            "二是强化柔性引才。\n鼓励企业在大中城市建立人才飞地。\n")
    assert [c.text for c in commitments_of(body)] == [
        "（一）发展高端机床。\n引进培育智能装备企业，提升传统装备产品性能。",
        "（二）打造人才队伍。\n市政府高度重视装备制造业，积极打造装备制造业人才基地，不断强化人才支持。",
        "二是强化柔性引才。\n鼓励企业在大中城市建立人才飞地。"]


def test_a_promise_before_the_thanks_in_one_sentence_is_kept():
    text = "对于您的建议，我们也将积极向上级部门反映，感谢您对医疗保障事业的关心和支持。"
    assert texts(text) == ["对于您的建议，我们也将积极向上级部门反映"]


@pytest.mark.parametrize("text", [
    "您提出的“调整规划”的建议可待下一轮国土规划修编时进行完善。",   # 可待…时: a deferral
    "区金控集团拟在岚设立船舶运输综合服务平台。",                   # jieba glues 拟在岚
    "到2021年底前，全区50%以上医疗机构要建成老年友善型医疗机构。",   # the reply's own year, by its end
    "计划建设后厨智能辅助监管系统，自动识别违规操作。",
])
def test_deferrals_glued_cues_and_targets_within_the_year_are_commitments(text):
    assert texts(text, reply_date="2021-06-15") == [text]


def test_a_quotation_after_a_colon_is_no_list_of_plans():
    text = ("我区只能按指标划定基本农田。《土地管理法》第三十五条规定：“基本农田经依法划定后，任何单位不得擅自占用。"
            "重点建设项目选址确需占用的，必须经国务院批准。”")
    assert texts(text) == []


def test_an_ordinal_item_heading_takes_no_horizon_from_the_item_before():
    # real page class: 首先 reports work done and ends on a promise; 其次，X：… is the next item
    text = ("首先，我局推动村民规范收费，统一制作收费公示标牌。此外，我局还将引导村民办理登记手续。"
            "其次，文明宣传：加强对游客的宣传教育，引导游客在正规停车场停车。")
    assert texts(text) == ["此外，我局还将引导村民办理登记手续。"]


@pytest.mark.parametrize("text", [
    "实施青年人才专项行动，争取连续三年每年吸引500名青年来区就业。",  # real page class
    "争取用两年时间建成区级养老服务中心。",
])
def test_striving_over_a_stretch_ahead_is_a_plan(text):
    assert texts(text) == [text]


def test_the_last_item_of_a_list_ends_before_a_sentence_with_its_own_subject():  # heldout26
    text = ("三、下一步工作打算\n下一步，我局将积极配合主办单位做好建议办理工作。一是继续落实扶持政策，出台三年行动方案。"
            "二是支持建设产地仓，争取项目资金不低于2000万元。我局将定期与区商务局会商，确保代表建议落地见效。\n")
    found = texts(text)
    assert "二是支持建设产地仓，争取项目资金不低于2000万元。" in found
    assert "我局将定期与区商务局会商，确保代表建议落地见效。" in found


def test_a_sentence_only_announcing_its_items_after_a_framing_clause_is_no_promise():  # heldout29
    text = ("下一步，我厅将结合你们的建议，重点做好以下工作。一是加快提质改造，2026年底前完成改造1200公里。"
            "二是强化资金保障，力争争取中央资金不低于10亿元。\n")
    found = texts(text)
    assert "下一步，我厅将结合你们的建议，重点做好以下工作。" not in found
    assert any(t.startswith("一是加快提质改造") for t in found)
    # with a clause of its own it stays a promise (realpages2)
    own = "下一步，我局将充分吸收您的建议，从以下三个方面加强工作。一是完善政策。二是加大投入。三是强化督导。\n"
    assert any(t.startswith("下一步，我局将充分吸收您的建议") for t in texts(own))


def test_tasks_numbered_1_dot_before_a_year_are_the_plans_items():  # heldout30: 1.2027年6月底前
    text = ("下一步，市政府将重点抓好以下任务：\n1.2027年6月底前，完成剩余53个老旧小区雨污分流改造。\n"
            "2.2027年12月底前，建成2座污水处理厂扩容工程。\n")
    found = run(text, reply_date="2026-11-25")
    assert [c.text for c in found] == ["1.2027年6月底前，完成剩余53个老旧小区雨污分流改造。",
                                       "2.2027年12月底前，建成2座污水处理厂扩容工程。"]
    assert [c.deadline for c in found] == ["2027-06-30", "2027-12-31"]


def test_sentences_after_an_announcing_sentence_closed_by_a_full_stop_are_its_items():  # heldout39
    text = ("下一步，我委将着力做好以下工作。近期，重点推动乡镇卫生院绩效改革试点。"
            "同时，加强基层卫生人才培养。\n衷心感谢您对卫生健康事业的关心。\n")
    found = texts(text, reply_date="2026-08-20")
    assert "近期，重点推动乡镇卫生院绩效改革试点。" in found
    assert "同时，加强基层卫生人才培养。" in found
    # (heldout70: items that are plans of their own: the announcement is none)
    text = "下一步，我局将会同相关部门着力推进以下工作。2026年底前新增场景不少于20个。我们将加快推进数据授权运营试点。\n"
    assert texts(text, reply_date="2026-06-12") == ["2026年底前新增场景不少于20个。", "我们将加快推进数据授权运营试点。"]


def test_labelled_lines_below_an_announcing_sentence_with_its_partners_are_its_items():  # heldout40
    text = ("下一步，我委将继续会同相关部门，重点做好以下工作。\n"
            "一是2026年秋季学期开学前出台《课后服务校外人员管理办法》，规范校外人员准入。\n"
            "二是积极协调区财政局，研究将课后服务经费标准提高至每生每学期700元。\n")
    found = texts(text, reply_date="2026-05-20")
    assert any(t.startswith("一是2026年秋季学期开学前出台") for t in found)
    assert any(t.startswith("二是积极协调区财政局") for t in found)


@pytest.mark.parametrize("text", [
    "明年第三季度前，我局将完成平台与“渝快办”的对接。",  # heldout39: 与 inside a noun (A与B的对接)
    "第三季度，我们将上线管网漏损智能分析模块。",          # heldout39: jieba tags 上线 a noun
    "2026年，全省保护性耕作实施面积计划稳定在3500万亩以上。",  # heldout40: a level to hold
])
def test_future_plans_read_as_plans(text):
    assert texts(text, reply_date="2026-06-12") == [text]


@pytest.mark.parametrize("text", [
    "我局将产业发展与乡村振兴有机结合。",                    # the 把-sense: 将A与B结合
    "分类：乙类（所提问题正在解决或列入计划解决）\n",            # heldout40: a category's explanation
    "本件答复为B类（所提问题正在解决或列入计划解决）。",
    "这一问题确实存在，我们正在着力解决。",                               # heldout45, heldout40: a state
    "你们反映的“老无所养”问题正逐步解决。",                               # heldout35
    "省财政将新建项目省级补助标准由每亩500元提高到每亩650元。",           # heldout45: 将 + object + 由…提高到
])
def test_look_alikes_of_plans_are_none(text):
    assert texts(text, reply_date="2026-06-12") == []


def test_an_agencys_own_sentence_after_a_long_view_opener_ends_the_item_before_it():  # heldout41
    text = ("今后，我厅将重点抓好三方面工作。一是年内出台三年行动方案。二是争取每年新建储备库不少于20座。"
            "三是到2030年，基本建成饲草体系。从长期看，我们还将推动饲草产业纳入重点产业链统筹推进。\n")
    found = texts(text, reply_date="2026-07-10")
    assert "三是到2030年，基本建成饲草体系。" in found
    assert "从长期看，我们还将推动饲草产业纳入重点产业链统筹推进。" in found


def test_an_assisting_units_opinion_appended_after_the_signature_is_a_part_of_its_own():  # heldout45
    from reply_extractor import extract_text
    from reply_extractor.document import Document
    from reply_extractor.split import split_replies
    text = ("江苏省文化和旅游厅关于省政协十三届四次会议第0305号提案的答复\n顾某委员：\n您提出的提案收悉。现答复如下：\n"
            "一、加强保护。我厅今年将出台大运河文化遗产保护办法，沿线各市同步建立保护名录，落实属地管理责任。\n"
            "江苏省文化和旅游厅\n2026年6月30日\n附：省财政厅协办意见\n省文化和旅游厅：\n"
            "顾某委员等提出的第0305号提案收悉。作为协办单位，我厅提出如下意见：\n"
            "1.关于资金支持。近年来省财政累计安排大运河文化带建设相关资金18.6亿元，支持沿线遗产保护。\n"
            "江苏省财政厅\n2026年6月12日\n")
    parts = split_replies(Document.from_text(text))
    assert len(parts) == 2 and parts[1].text.startswith("附：省财政厅协办意见")
    assert extract_text(parts[0].text).meta.reply_date == "2026-06-30"


def test_a_sentence_naming_its_topic_then_who_acts_is_a_promise_of_its_own():  # heldout45
    text = ("下一步，我厅将重点做好以下工作：（一）加大资金支持力度，提高补助比例。（二）我们将继续扩充服务商资源库，"
            "力争年内入库服务商达到500家。对提案中提到的县域服务能力薄弱问题，我们将推动每个重点县域特色产业集群至少对接2家专业服务商。\n")
    found = texts(text, reply_date="2026-06-20")
    assert "对提案中提到的县域服务能力薄弱问题，我们将推动每个重点县域特色产业集群至少对接2家专业服务商。" in found


def test_a_half_width_full_stop_between_chinese_ends_a_sentence():  # heldout54: a careless reply
    text = "我局计划启动改造老旧小区21个,力争于11月底前全面完工.我局将积极探索片区化、连片式改造模式.\n"
    assert texts(text, reply_date="2026-06-20") == ["我局计划启动改造老旧小区21个,力争于11月底前全面完工.",
                                                    "我局将积极探索片区化、连片式改造模式."]
    assert texts("全年投入3.5亿元，我局将继续推进。\n") == ["全年投入3.5亿元，我局将继续推进。"]  # a decimal point


def test_will_with_a_partner_jieba_glued_to_its_county():  # heldout60: 会同县 is a county too
    assert texts("我局还将会同县财政局研究建立互助养老服务站长效运营补助机制。") == [
        "我局还将会同县财政局研究建立互助养老服务站长效运营补助机制。"]


def test_an_items_whole_sentence_takes_no_next_line():  # heldout63: 1）2）3） items, then 同时，我们将…
    text = ("下一步，我局将重点做好以下几项工作：\n1）今年将启动新一轮镇村公交线网优化。\n"
            "2）计划于2026年12月底前完成全区剩余180座老旧候车亭的改造提升。\n"
            "同时，我们将严格落实《公共交通条例》的有关规定。\n")
    assert texts(text)[-2:] == ["2）计划于2026年12月底前完成全区剩余180座老旧候车亭的改造提升。",
                                "同时，我们将严格落实《公共交通条例》的有关规定。"]


def test_will_glued_to_the_fen_of_fen_niandu():  # heldout63: jieba cuts 将分|年度
    assert texts("剩余学校将分年度逐步完成建设。") == ["剩余学校将分年度逐步完成建设。"]


@pytest.mark.parametrize("text", [
    "我们还委托第三方机构开展跟踪调查，把调查结果作为招生计划安排的重要依据。",  # heldout66
    "我局计划建设的3个项目已全部开工。",
])
def test_a_plan_word_qualifying_a_noun_is_no_promise(text):
    assert texts(text) == []
