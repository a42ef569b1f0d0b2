"""Cited policy documents, as example tables. Phrases are invented; the
provenance says which phenomenon (seen in the dev/real corpus or the brief) each
row stands for."""

import pytest

from reply_extractor.document import Document
from reply_extractor.extractors import policies
from reply_extractor.record import Meta, Reply

from corpus import SHARED


def run(text: str, proposal_title: str | None = None):
    reply = Reply("t", text, meta=Meta(proposal_title=proposal_title))
    found = policies.extract(Document.from_text(text), reply)
    for p in found:
        assert text[p.span[0]:p.span[1]] == p.surface
    return found


# (text, expected names in order, provenance)
NAMES = [
    ("关于市九届人大二次会议第2033号建议的协办意见\n青溪县：\n来函收悉。", [],
     "real pages: the reply's own title naming a suggestion is no policy"),
    ("市政府制定印发了《青溪市第1号议案办理工作方案》，分解任务27项。", ["青溪市第1号议案办理工作方案"],
     "heldout13: a document made for handling a suggestion is a policy"),
    ("事由：关于在青溪片区规划、建设高速出口的建议提案人：王某", [],
     "real pages: a bare title inside the suggestion's title"),
    ("我们将按照黔东南州乡村振兴三年行动方案的部署，推动林下经济发展，切实把您的建议落到实处。",
     ["黔东南州乡村振兴三年行动方案"], "heldout65: 您的建议 in a later clause is not this title's"),
    ("我局将加装电梯纳入银川市城镇老旧小区改造三年行动方案，同步实施。",
     ["银川市城镇老旧小区改造三年行动方案"], "heldout65: a task put into a plan named with its place"),
    ("将心理健康教育纳入云南省教育强省建设规划纲要实施重点任务。",
     ["云南省教育强省建设规划纲要"], "heldout65: the plan's carrying out follows its name"),
    ("可纳入打造区域特色文化之一佛教文化予以统一规划。", [], "real pages: 打造区 is no district"),
    ("二、关于林地调整办法\n调整需按照《青溪县林地管理办法》执行。", ["青溪县林地管理办法"],
     "real pages: 关于… alone on its numbered line heads a section"),
    ("出台实施市级创新平台认定管理办法，建立培育库。", [],
     "real pages: 实施市 is a second verb, no place starting a title"),
    ("方言入选《诗经》《青溪古邑山歌》《青溪县志》，另据《青溪县方言保护办法》保护。",
     ["青溪县方言保护办法"], "real pages: books and songs in 《》 are works, not policies"),
    ("我县出台《青溪县民宿提质升级实施办法》，对新评定的民宿给予奖励。",
     ["青溪县民宿提质升级实施办法"], "dev: plain 《》 citation"),
    ("根据《关于印发〈青溪县农村公路养护办法〉的通知》要求，落实养护资金。",
     ["关于印发〈青溪县农村公路养护办法〉的通知"], "brief: nested 〈〉 kept as written"),
    ("省里印发了《关于印发《数字乡村行动方案》的通知》。",
     ["关于印发《数字乡村行动方案》的通知"], "same-kind nesting written by mistake"),
    ("我市编制《青溪市学校布局专项规划（2021—2035年）》。",
     ["青溪市学校布局专项规划（2021—2035年）"], "dev: year range inside the 《》 belongs to the name"),
    ("依据《某某总局关于征管事项的公告》（总局公告2019年第48号）办理。",
     ["某某总局关于征管事项的公告"], "real: 文号 after the 》 is not part of the name"),
    ("我局出台《 青溪县 人才新政 》。", ["青溪县人才新政"], "real: odd spaces squeezed in name only"),
    ("您提出的《关于加快民宿发展的建议》收悉。我县出台《青溪县民宿扶持办法》。",
     ["青溪县民宿扶持办法"], "dev: the suggestion's own title is meta, not a policy"),
    ("现就《关于优化公交线网的提案》答复如下。", [], "proposal title with 答复如下"),
    ("代拟了《青溪县放开落户条件的意见》（征求意见稿）（以下简称《意见》），《意见》明确……",
     ["青溪县放开落户条件的意见"], "real: 以下简称《意见》 is an alias, not a second policy"),
    ("先后出台《青溪县甲办法》和《青溪县乙方案》，并修订《青溪县甲办法》。",
     ["青溪县甲办法", "青溪县乙方案"], "dev: a title cited twice is one item"),
    ("根据县政府出台的关于加快推进文旅融合发展若干政策意见，对新建景区给予奖励。",
     ["关于加快推进文旅融合发展若干政策意见"], "dev: 关于… title cited without 《》"),
    ("同时实施青溪县规上企业研发机构全覆盖三年行动计划，推动企业创新。",
     ["青溪县规上企业研发机构全覆盖三年行动计划"], "dev: place + 三年行动计划 cited bare after a verb"),
    ("按照“关于做好民宿安全管理工作的通知”要求开展检查。",
     ["关于做好民宿安全管理工作的通知"], "a title written in quotes instead of 《》"),
    ("我局每年编制土地供应计划，报管委会审定。", [], "real: a plain noun + 计划 is no title"),
    ("我局正会同县财政局研究制定差异化补助标准。", [], "held-out sample: 会同县… is no place-led title"),
    ("关于马腿村旅游开发方案审批事宜，我局已组织论证。", [], "real: 方案 not at the end of the title"),
    ("关于城市更新规划，我局将加快编制。", [], "关于X， at clause start introduces a topic"),
    ("就该事项广泛征求意见，形成初稿。", [], "征求意见 is a speech act, not a document"),
    ("按照云南省“十四五”文化和旅游发展规划确定的目标任务，持续深化旅游革命。",
     ["云南省“十四五”文化和旅游发展规划"], "heldout28: a plan period in quotes inside a bare title, 确定 after it"),
]


@pytest.mark.parametrize("text,names,provenance", NAMES, ids=[r[2] for r in NAMES])
def test_names(text, names, provenance):
    assert [p.name for p in run(text)] == names


ACTIONS = [
    ("制定出台《青溪县科技项目资金管理办法》。", "制定出台", "dev: longest verb wins"),
    ("四部门联合发布《关于推行交房即交证的通知》。", "联合发布", "real"),
    ("2022年印发的《青溪县用地监管办法》规定……", "印发", "real: verb + 的 before the title"),
    ("我局正在研究制定《青溪县乡村建设三年行动方案》。", "研究制定", "dev"),
    ("推动《青溪县制造业政策意见》修订完善。", "修订完善", "dev: verb after the title"),
    ("全面落实《关于加快发展的若干政策意见》中的条款。", "落实", "dev"),
]


@pytest.mark.parametrize("text,action,provenance", ACTIONS, ids=[r[2] + " " + r[1] for r in ACTIONS])
def test_action(text, action, provenance):
    assert run(text)[0].action == action


def test_second_title_shares_the_verb():
    """dev: 出台《A》和《B》: B was also 出台."""
    found = run("我县先后出台《青溪县甲办法》和《青溪县乙方案》。")
    assert [p.action for p in found] == ["出台", "出台"]


def test_proposal_title_from_meta_is_skipped():
    """The title meta found is not a policy even without 提出的 before it."""
    text = "对《关于加强河道治理的建议》，我局高度重视。"
    assert run(text, proposal_title="关于加强河道治理的建议") == []


def test_bracketed_flag_and_alias():
    found = run("出台《青溪县落户办法》（以下简称《办法》）。实施青溪县人才安居三年行动计划，")
    assert [(p.name, p.bracketed, p.alias) for p in found] == [
        ("青溪县落户办法", True, "办法"), ("青溪县人才安居三年行动计划", False, None)]


def test_repeats_go_to_other_spans():
    text = "出台《青溪县甲办法》。修订《青溪县甲办法》。"
    (p,) = run(text)
    assert p.other_spans == [[text.rindex("《"), len(text) - 1]]


def test_unbalanced_marks_do_not_swallow_text():
    """A stray 《 without 》 on its line is ignored; the next line still works."""
    found = run("依据《青溪县旧办法，另行处理。\n出台《青溪县新办法》。")
    assert [p.name for p in found] == ["青溪县新办法"]


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="shared corpus not present")
def test_spans_on_shared_corpus():
    """Every policy found in the shared corpus satisfies surface == text[span]."""
    for path in sorted((SHARED / "corpus").glob("*/*.txt")):
        run(path.read_text(encoding="utf-8"))


WRAPPED = [
    ("我县出台《青溪县民宿提质\n升级实施办法》，对民宿奖励。", ["青溪县民宿提质升级实施办法"],
     "a title cut by a hard line wrap"),
    ("依据《青溪县旧办法。\n出台《青溪县新办法》。", ["青溪县新办法"],
     "a paragraph end is no wrap: the stray 《 stays unpaired"),
    ("执行〈青溪县河道管理办法〉规定。", ["青溪县河道管理办法"], "〈〉 used alone as title marks"),
]


@pytest.mark.parametrize("text,names,provenance", WRAPPED, ids=[r[2] for r in WRAPPED])
def test_wrapped_and_odd_marks(text, names, provenance):
    assert [p.name for p in run(text)] == names


def test_any_suggestion_title_is_not_a_policy():
    """CONTRACT: suggestions are meta; another deputy's 《…的提案》 is no document either."""
    assert run("此前第8号提案《关于整治河道的提案》也提出类似意见。") == []


def test_bare_title_with_an_inner_suffix_is_one_title():
    """方案 inside 关于印发…方案的通知 does not end a second, shorter title."""
    found = run("根据关于印发青溪县河道整治方案的通知，开展整治。")
    assert [p.name for p in found] == ["关于印发青溪县河道整治方案的通知"]


def test_quoted_title_rule_lives_in_quotes_and_stays_importable_from_policies():
    """review item 9: programs.py imports is_quoted_title from policies."""
    from reply_extractor.extractors import policies, quotes
    assert policies.is_quoted_title is quotes.is_quoted_title
    assert quotes.is_quoted_title("关于加快发展数字经济的实施意见")
    assert not quotes.is_quoted_title("数字经济")


# held-out class: the body written just before the 《》 is the title's issuer
ISSUERS = [
    ("根据国务院办公厅《关于推进示范服务发展的意见》，", "国务院办公厅", "national office before 《》"),
    ("贯彻落实中共中央办公厅《关于示范工作的通知》", "中共中央办公厅", "party office"),
    ("按照某某省人民政府《关于示范工作的实施意见》要求", "某某省人民政府", "province government"),
    ("印发了财政部《示范资金管理办法》", "财政部", "ministry after 印发了"),
    ("落实住房和城乡建设部《示范管理规定》", "住房和城乡建设部", "和 inside a ministry name"),
    ("参照国家发展改革委《示范产业目录》", "国家发展改革委", "commission abbreviation"),
    ("组织领导干部《学习纲要》学习", None, "干部 is no organ"),
    ("出台了一部《示范条例》", None, "一部 is a measure word"),
    ("我局《示范工作规程》已印发", None, "我局 is the replier itself, no body name"),
    ("学习《示范管理办法》", None, "no body before the title"),
    ("教育部等九部门《关于示范工作的意见》", None, "joint issuers are not one body"),
]


@pytest.mark.parametrize("text,issuer,provenance", ISSUERS, ids=[r[2] for r in ISSUERS])
def test_issuer_written_before_the_title(text, issuer, provenance):
    found = run(text)
    assert len(found) == 1 and found[0].issuer == issuer
