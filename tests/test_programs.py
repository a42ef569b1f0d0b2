"""Named programmes in quotes, as example tables. Phrases are invented; the
provenance says which phenomenon (seen in the dev/real corpus or the brief) each
row stands for."""
from pathlib import Path

import pytest

from reply_extractor.document import Document
from reply_extractor.extractors import programs
from reply_extractor.record import Reply

SHARED = Path(__file__).parents[1] / ".." / "shared"


def run(text: str):
    found = programs.extract(Document.from_text(text), Reply("t", text))
    for p in found:
        assert text[p.span[0]:p.span[1]] == p.surface
    return found


# (text, expected names in order, provenance)
NAMES = [
    ("深入实施“青溪英才”计划，引进人才30名。", ["青溪英才"], "dev: “X”计划, name is the quoted text"),
    ("依托“青溪英才计划”引进人才。", ["青溪英才计划"], "dev: the type word inside the quotes stays"),
    ("推行“一站办结”改革和“青溪好米”品牌。", ["一站办结", "青溪好米"], "dev: two programmes"),
    ("开展“双提升”行动，“双提升”行动成效明显。", ["双提升"], "dev: one item per name"),
    ("依托“青溪英才计划”，扩大“青溪英才”计划资助。", ["青溪英才计划"],
     "dev: “X计划” and “X”计划 are one programme in one reply"),
    ("推出“惠企贷”“人才贷”等专属产品。", ["惠企贷", "人才贷"], "dev: adjacent quotes"),
    ("设立“‘青’字号”服务站。", ["‘青’字号"], "brief: nested ‘’ kept in the name"),
    ("推出「青溪码」服务平台。", ["青溪码"], "corner brackets"),
    ('推出"青溪码"服务平台。', ["青溪码"], "straight quotes"),
    # slogans and emphasis that the gold leaves unannotated
    ("解决企业“不想改、不敢改、改不起”等问题。", [], "dev: a slogan of clauses + 等问题"),
    ("推动园区由“建成”向“管好”“用好”转变。", [], "dev: states of a change, 由“A”向“B”转变"),
    ("存在“校冷企热”的现象。", [], "dev: “…”的现象"),
    ("按照“谁投资、谁受益”的原则分担。", [], "dev: “…”的原则"),
    ("缓解了家长“接送难”。", [], "held-out sample: a complaint ending in 难"),
    ("缓解了群众“入园热”。", [], "dev: a complaint ending in 热"),
    ("存在“慢就业”“懒就业”现象。", [], "dev: the follower applies to the whole run"),
    ("防范项目“停工”风险。", [], "real: “…”风险"),
    ("实行“一户一档、一户一策”精准帮扶。", [], "dev: clauses with no type word after them"),
    ("结合“再动员、再部署”活动开展排查。", ["再动员、再部署"], "real: clauses + 活动 name a campaign"),
    ("通过基层工作的“小切口”，做好民生的“大文章”。", [], "real: figures of speech after 的"),
    ("某公司“高纯金属靶材制备关键技术及产业化应用”项目获奖。", [], "dev: a long work title"),
    ("“十四五”以来，累计完成投资。", [], "held-out sample: a quoted period"),
    ("打通服务群众“最后一公里”，破解“卡脖子”难题。", [], "stock figures of speech"),
    ("他说：“我们一定办好。”", [], "quoted speech"),
]


@pytest.mark.parametrize("text,names,provenance", NAMES, ids=[r[2] for r in NAMES])
def test_names(text, names, provenance):
    assert [p.name for p in run(text)] == names


# (text, surface, kind, action, provenance)
SUFFIXES = [
    ("深入实施“青溪英才”计划。", "“青溪英才”计划", "计划", "深入实施", "brief: suffix in span and kind"),
    ("积极对接“青溪工匠”培育工程。", "“青溪工匠”培育工程", "培育工程", "对接", "dev: modifier + type word"),
    ("推出“惠企贷”专属产品。", "“惠企贷”专属产品", "专属产品", "推出", "dev"),
    ("对标“135”产业集群发展。", "“135”", None, None, "dev: no type word, surface is the quotes"),
    ("参与“和美乡村”建设和“共富工坊”建设。", "“和美乡村”建设", "建设", None, "dev: 和 ends the type phrase"),
]


@pytest.mark.parametrize("text,surface,kind,action,provenance", SUFFIXES, ids=[r[4] for r in SUFFIXES])
def test_suffix_and_span(text, surface, kind, action, provenance):
    p = run(text)[0]
    assert (p.surface, p.kind, p.action) == (surface, kind, action)


def test_quoted_title_is_left_to_policies():
    assert run("按照“关于做好民宿安全管理工作的通知”要求开展检查。") == []


def test_repeats_go_to_other_spans():
    text = "推行“一码通办”。扩大“一码通办”范围。"
    (p,) = run(text)
    assert p.other_spans == [[text.rindex("“"), text.rindex("”") + 1]]


def test_quotes_inside_a_policy_title_count():
    """real: 《关于推行“交房即交证”的通知》 names the programme too."""
    assert [p.name for p in run("联合发布《关于推行“交房即交证”的通知》。")] == ["交房即交证"]


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="shared corpus not present")
def test_spans_on_shared_corpus():
    """Every programme found in the shared corpus satisfies surface == text[span]."""
    for path in sorted((SHARED / "corpus").glob("*/*.txt")):
        run(path.read_text(encoding="utf-8"))
