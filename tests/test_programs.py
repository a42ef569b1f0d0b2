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
    ("精准扶持，让青年人才“发展好”。", [], "real page class: a verbal noun and its result (发展|好) is a goal"),
    ("成立了“青溪姓氏研究会”和“河源文化研究中心”。", [], "real pages: quoted organisations"),
    ("按照全国“扫黄办”统一部署开展检查。", [], "real pages: an agency's orders"),
    ("关于“青山陵园”区域旧墓拆迁。", [], "real pages: a quoted place"),
    ("积极推广“强村公司”模式。", ["强村公司"], "dev: an organisation word before a type word"),
    ("依托信息系统变“人找政策”为“政策找人”。", [], "real pages: 变“A”为“B”, states of a change"),
    ("从“融资端”转型为“投资端”。", [], "real pages: 从“A”转型为“B”"),
    ("龙华镇素有“青山下状元地”美誉。", [], "real pages: an epithet"),
    ("实现“碳中和”目标。", [], "real pages: a goal"),
    ("无证经营的“黑网吧”只能由工商部门取缔。", [], "real pages: 黑 heads a wrongdoing"),
    ("豪华墓、大墓、“活人墓”均属违规，要全面整治“活人墓”。", [],
     "real pages: a name the reply treats as a problem anywhere"),
    ("积极组织申报省“创业之星”“创新之星”。", ["创业之星", "创新之星"],
     "real pages: a level word between the verb and the quotes"),
    ("在“东南青山”下设立养老中心；建设“东南青山”的议案已获推动，各方助力建设“东南青山”。",
     ["东南青山"], "real pages: “建设X” is a mention of X"),
    ("连续两年获得“省级竹材（笋）精深加工示范县建设项目”，每年补助资金1300万元。",
     ["省级竹材（笋）精深加工示范县建设项目"], "real pages: a long name ending in its type word"),
    ("存在“慢就业”“懒就业”现象。", [], "dev: the follower applies to the whole run"),
    ("防范项目“停工”风险。", [], "real: “…”风险"),
    ("实行“一户一档、一户一策”精准帮扶。", [], "dev: clauses with no type word after them"),
    # issue 7, real pages: the quoted topic of a section answering one point
    ("四、关于“不停航办证”问题。目前该政策仅在部分地区试点。", ["不停航办证"],
     "real pages: a service reform as the topic; its 问题 is no complaint"),
    ("三、关于“校热企冷”问题。我局高度重视。", [], "a problem raised as the topic stays a problem"),
    ("三、关于“三医联动”问题。我市深化“三医联动”改革。", ["三医联动"],
     "a topic the reply names as an initiative elsewhere"),
    ("关于“为社区干部办理医社保”方面。目前已为社区主干办理社保。", [],
     "real pages: the request itself, led by a preposition"),
    ("关于“提高社工待遇”和“实行社区干部职业化制度”方面。", [],
     "real pages: requests led by verbs; the type word inside introduces nothing"),
    ("推动更多人才服务事项“一码通办”。", ["一码通办"], "dev: a service reform, whatever its first word"),
    ("探索人才奖补“免申即享”，大力推行审批“告知承诺制”。", ["免申即享", "告知承诺制"],
     "real pages: a service reform and a system of rules, verb-led"),
    ("成功举办了“开渔节”“海岛丰收节”。", ["开渔节", "海岛丰收节"], "real pages: festivals"),
    ("二、关于“建立健全村居评理室”的建议。我部全力推进“阳光调解”工程。", ["阳光调解"],
     "real pages: the quoted request of a suggestion, 关于“X”的建议"),
    ("针对“运用好青溪文化交流”建议，我部将做好以下几点。", [], "real pages: 针对“X”建议, a request"),
    ("一是关于“政府出台相关政策”的建议。", [], "real pages: a request, though noun-led"),
    ("猴岩岛已打造成“大陆离海岛最近的地方”，策划“青溪的前世今生”展陈。", [],
     "real pages: quotes holding 的 are descriptions"),
    ("办法明确了“原有住宅属危房需要拆除重建的”方可申请建房。", [], "real pages: a condition quoted from a rule"),
    ("导则中“3.停车配建要求”明确。", [], "real pages: a numbered clause quoted from a document"),
    ("实现“0”省级传承人突破，以“澳”而得名。", [], "real pages: one character is no name"),
    ("推出“5天4夜”“3天2夜”精品线路。", [], "real pages: durations, not names"),
    ("结合“再动员、再部署”活动开展排查。", ["再动员、再部署"], "real: clauses + 活动 name a campaign"),
    ("通过基层工作的“小切口”，做好民生的“大文章”。", [], "real: figures of speech after 的"),
    ("某公司“高纯金属靶材制备关键技术及产业化应用”项目获奖。", [], "dev: a long work title"),
    ("“十四五”以来，累计完成投资。", [], "held-out sample: a quoted period"),
    ("打通服务群众“最后一公里”，破解“卡脖子”难题。", [], "stock figures of speech"),
    ("他说：“我们一定办好。”", [], "quoted speech"),
    # held-out error classes (invented phrases standing for each class)
    ("围绕“十四五”规划目标推进。", [], "held-out class: plan period label before 规划"),
    ("“十三五”期间完成投资。", [], "held-out class: plan period label before 期间"),
    ("《青溪县“十四五”教育发展规划》印发实施。", [], "held-out class: plan period inside a title"),
    ("部分企业“不愿改”“不敢改”。", [], "held-out class: negated verb phrases, a run"),
    ("个别学校“有岗不招”，影响教学。", [], "held-out class: a negated complaint"),
    ("一些地方“照搬照抄”，效果不好。", [], "held-out class: a verb-led colloquialism"),
    ("严禁学校“抢生源”。", [], "held-out class: a short verb phrase"),
    ("乡镇要“跳出种田抓种田”。", [], "held-out class: a verb-led motto"),
    ("提倡“一刀切”。", [], "held-out class: an idiom"),
    ("坚决杜绝“形象工程”。", [], "held-out class: a problem verb before the quotes"),
    ("“重评比轻服务”等突出问题仍然存在。", [], "held-out class: 等 + modifier + 问题 after"),
    ("少数干部“等靠要”思想严重。", [], "held-out class: a mindset (…思想)"),
    ("招收体育“特长生”“创新班”学生。", [], "real class: an everyday word in quotes takes its run along"),
    # … and the names that must stay
    ("推广“青溪厨师”“青溪家政”劳务品牌。", ["青溪厨师", "青溪家政"], "held-out class: names + type word"),
    ("“青溪厨师”“青溪家政”带动就业五千人。", ["青溪厨师", "青溪家政"], "held-out class: noun-like names alone"),
    ("在“青溪驿站”免费入住。", ["青溪驿站"], "dev: a noun-like name with no verb or type word"),
    ("深入实施“不见面审批”改革。", ["不见面审批"], "negated, but introduced by 实施 and 改革"),
    ("推进“腾房换业”，盘活存量。", ["腾房换业"], "verb-led, but introduced by 推进"),
    ("参加“国培计划”培训。", ["国培计划"], "held-out class: a type word inside the quotes"),
    ("落实“双减”政策要求。", ["双减"], "dev: a type word before 要求 keeps the programme"),
    ("对照“1+N”体系。", ["1+N"], "dev: coded names"),
    ("“百千万工程”三年行动取得进展。", ["百千万工程"], "held-out class: abbreviation name"),
    ("“才聚青溪”吸引大学生五百人。", ["才聚青溪"], "dev: a lone first character tagged as adverb (才)"),
    ("“和美青溪”成为新名片。", ["和美青溪"], "a lone first character tagged as conjunction (和)"),
    ("“不动产一件事”办理时间缩短。", ["不动产一件事"], "不 inside a word is no negation"),
    # held-out classes: maxims, wrongdoings and abbreviated terms are no programmes
    ("牢固树立“绿水青山就是金山银山”的发展理念。", [], "held-out class: a maxim with a copula"),
    ("深入践行“青山常在就是绿色财富”，推动发展。", [], "held-out class: a copula clause, verb before"),
    ("坚持“房子是用来住的、不是用来炒的”，稳地价。", [], "held-out class: a motto of clauses"),
    ("践行“城市共建、城市共享”重要理念。", [], "held-out class: a motto of clauses, no type word"),
    ("践行“城市共建、城市共享”工作理念。", [], "held-out class: a motto + idea word after a type word"),
    ("严厉打击“不合理低价游”，规范市场。", [], "held-out class: 不合理… is a wrongdoing"),
    ("开展“不合理低价游”专项整治行动。", [], "held-out class: a wrongdoing even with a type word"),
    ("查处“天价药”，规范收费。", [], "held-out class: 天价… is a wrongdoing"),
    ("清理“霸王条款”，保护消费者。", [], "held-out class: 霸王… is a wrongdoing"),
    ("坚决整治“违规收费”行为。", [], "held-out class: 违规… is a wrongdoing"),
    ("做好“两病”患者管理。", [], "held-out class: numeral + one character is a term"),
    ("关注“三高”人群。", [], "held-out class: numeral + one character is a term"),
    ("提高“两率”。", [], "held-out class: numeral + one character is a term"),
    ("实施“两癌”筛查。", ["两癌"], "held-out class: … unless a verb introduces it"),
    ("实施农业“双强”行动。", ["双强"], "held-out class: … or a type word follows"),
    ("实施“千万工程”。", ["千万工程"], "held-out class: real programme kept"),
    ("推进“四好农村路”建设。", ["四好农村路"], "held-out class: real programme kept"),
    ("建设“无废城市”。", ["无废城市"], "held-out class: real programme kept"),
    ("全面推行“林长制”。", ["林长制"], "held-out class: real programme kept"),
    ("深化“放管服”改革。", ["放管服"], "held-out class: real programme kept"),
    # held-out class: a quoted quantity is a condition, never a programme
    ("申请人须“年满18周岁”。", [], "held-out class: quoted quantity 年满N周岁"),
    ("面向“16周岁以上”的学员开展培训。", [], "held-out class: quoted quantity N周岁以上"),
    ("实施“3年以上”工龄补贴。", [], "held-out class: quoted quantity N年以上, even after 实施"),
    ("对“50万元以下”的项目简化审批。", [], "held-out class: quoted quantity N万元以下"),
    ("服务期限“3至5年”。", [], "held-out class: quoted range with a unit"),
    ("实施“千人”计划。", ["千人"], "held-out class: numeral in words with a type word stays a name"),
    ("委托第三方开发的“青溪市智慧农机平台”，实现全程监管。", ["青溪市智慧农机平台"],
     "realpages2: after 的 and before a comma, a type word still marks a name"),
    ("做好乡村振兴的“大文章”。", [], "a figure of speech after 的"),
    ("我市率先开展“定向招生、定向培养、定向使用”培养乡村医生。", ["定向招生、定向培养、定向使用"],
     "realpages2: a scheme of several clauses that a verb carries out"),
    ("坚持“一人一档、一人一策”精准帮扶。", [], "several clauses, nothing carries them out: a slogan"),
    ("实施“结余留用、合理超支分担”的激励约束机制。", [],
     "heldout57: a verb before a slogan describing the mechanism after 的 carries out the mechanism"),
    ("对违规行为实行“零容忍”，关爱“空巢”“留守”老人。", [], "heldout59, 61: a stance and the people served"),
    ("践行“全域乡村康养”理念，打造康养线路。", ["全域乡村康养"], "realpages2: a noun-like name before 理念"),
    ("坚持“警力跟着警情走”理念。", [], "a maxim before 理念 stays a slogan"),
    ("围绕“山海游、有海福”“清新福建、岚岛蓝”的文化旅游品牌建设，打造特色街区。",
     ["山海游、有海福", "清新福建、岚岛蓝"], "realpages2: slogans of several clauses called a brand"),
    ("给予获证人员500元的职业技能培训“取证补贴”，支持劳动者。", ["取证补贴"],
     "realpages2: a subsidy named after 的 is a product, not a figure of speech"),
    ("我局将认真落实“两提两效”要求。", ["两提两效"], "realpages2: a numeral-coded name before its requirements"),
    ("按照“一事一议”原则解决。", [], "a numeral-coded principle stays a principle"),
    ("推进“246”产业集群建设。", ["246"], "held-out class: a bare number may name a programme"),
    ("采取“查、测、溯、治”四步工作法，排查入海排污口。", [], "heldout6: steps of one character each"),
    ("有12个农村客运品牌入选“十佳”及优秀案例名单。", [], "heldout6: an award tier, not a programme"),
    ("跻身全国“百强”县行列。", [], "an award tier: 百强"),
    ("关于您提出的“建立苹果目标价格保险制度”的建议。我厅已开展试点。", [],
     "heldout10: the proposer's point quoted back, not a programme"),
    ("依托“泉心守护”心理健康服务平台开展服务。", ["泉心守护"], "heldout12: 心理健康 is no 心理 after a slogan"),
    ("扩大“潍企贷”风险补偿资金池规模。", ["潍企贷"], "heldout19: a loan product before its 风险补偿 fund"),
    ("防范“套路贷”风险。", [], "a wrongdoing's 风险 stays a risk"),
    ("组织专家开展“一对一”帮扶，提供“点对点”服务，更好服务“三农”。", [],
     "heldout28: quoted manner words and catchwords name no programme"),
    ("构建“一核两带多组团”的冰雪旅游格局，形成“一带三区”布局。", [],
     "heldout31: a spatial layout of numbered parts is no programme"),
    ("完善“县乡村”三级管护体系。", [], "heldout68: a run of administrative levels is no programme"),
    ("筛选推广“状元红”“兴化桂圆”等优良品种5个。", [], "heldout35: quoted varieties are no programmes"),
    ("围绕“种苗—种植—加工—销售”全链条推进。", [], "heldout28: the stages of a chain are no programme"),
    ("湄潭翠芽入选“中国十大名茶”，我局获评“全省文旅融合先进单位”。", [], "heldout38: honour titles are no programmes"),
    ("“游云南”APP累计下载量突破1.3亿次。", ["游云南"], "heldout28: an app named in quotes"),
    ("一是深入实施农村义务教育阶段学校教师特设岗位计划（以下简称“特岗计划”）。",
     ["农村义务教育阶段学校教师特设岗位计划"], "heldout33: a bracketed short name is the same programme"),
    ("（1）开展融资促进行动。会同金融管理部门开展“一链一策一批”中小微企业融资促进行动。",
     ["一链一策一批"], "heldout33: the bare tail of a quoted name's full form is no programme of its own"),
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
    ("持续开展“一起益企”中小企业服务行动。", "“一起益企”中小企业服务行动", "中小企业服务行动", "开展",
     "heldout33: two type words run on"),
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


def test_an_unintroduced_phrase_counts_when_the_reply_names_it_elsewhere():
    """dev: 推行“一码通办” … “一码通办”范围 — the bare second mention is a repeat."""
    text = "推行“一码通办”。扩大“一码通办”范围。"
    (p,) = run(text)
    assert p.action == "推行" and len(p.other_spans) == 1


# (text, name, unquoted repeats expected in other_spans, provenance)
UNQUOTED_REPEATS = [
    ("实施“青溪英才计划”，青溪英才计划已引进人才。", "青溪英才计划", 1,
     "held-out class: a quoted name repeated without quotes"),
    ("推行“一码通办”，一码通办事项达100项。", "一码通办", 1, "four characters are enough"),
    ("开展“双减”工作，双减成效明显。", "双减", 0, "too short: may occur inside other words"),
]


@pytest.mark.parametrize("text,name,repeats,provenance", UNQUOTED_REPEATS, ids=[r[3] for r in UNQUOTED_REPEATS])
def test_unquoted_repeats(text, name, repeats, provenance):
    (p,) = run(text)
    assert p.name == name and len(p.other_spans) == repeats
    for s, e in p.other_spans:
        assert text[s:e] == name


def test_unquoted_spans_for_a_batch_step():
    """held-out class: a name quoted in one reply and bare in another (the linker's job)."""
    text = "我省入选青溪数字化转型城市试点，“青溪数字化转型城市试点”资金到位。"
    assert programs.unquoted_spans(text, "青溪数字化转型城市试点") == [[4, 15]]


# Abbreviations across a batch: ([(name, kind), ...], expected links, provenance)
ABBREVIATIONS = [
    ([("青山工程", None), ("青县山镇高质量发展工程", None)], {"青山工程": "青县山镇高质量发展"},
     "held-out class: first characters of parallel components, same type word"),
    ([("百千万", "工程"), ("百县千镇万村高质量发展", "工程")], {"百千万": "百县千镇万村高质量发展"},
     "held-out class: type words written after the quotes"),
    ([("千万工程", None), ("千村示范、万村整治", "工程")], {"千万工程": "千村示范万村整治"},
     "dev: 千万工程 is 千村示范、万村整治 工程"),
    ([("千万工程", None), ("千村示范、万村整治", "工程"), ("千村精品、万村美丽", "工程")], {},
     "ambiguous in the batch: no link"),
    ([("千万工程", None), ("千村精品、万村美丽", "建设")], {}, "dev: other type word, no link"),
    ([("千万工程", None), ("“千村精品、万村美丽”", None)], {}, "dev: no type word, no link"),
    ([("千万工程", None), ("百千万工程", None), ("百县千镇万村高质量发展工程", None)],
     {"百千万工程": "百县千镇万村高质量发展"}, "held-out class: 千万 is not 百千万 nor its components"),
    ([("青山计划", None), ("青年人才山区计划", None)], {}, "山 does not start a component of equal length"),
]


@pytest.mark.parametrize("items,links,provenance", ABBREVIATIONS, ids=[r[2] for r in ABBREVIATIONS])
def test_abbreviation_links(items, links, provenance):
    from reply_extractor.normalize import abbreviation_links

    assert abbreviation_links(items) == links


@pytest.mark.parametrize("text, name", [
    # held-out class: a verb-led coined name counted right after its quotes
    ("各地累计建成“无废细胞”1.2万余个。", "无废细胞"),
    ("全市建成“清风驿站”36个。", "清风驿站"),
])
def test_a_count_after_the_quotes_introduces_a_named_sort(text, name):
    assert name in [p.name for p in programs.extract(Document.from_text(text), Reply("t", text))]


# --- names written without quotes (programs_unquoted) --------------------------

# (text, expected names in order, provenance)
BARE = [
    ("我局组织开展整县（市、区）屋顶分布式光伏开发试点工作。", ["整县（市、区）屋顶分布式光伏开发试点"],
     "held-out sample: a national programme carried out, from the gazetteer"),
    ("全面推行河长制、湖长制，压实管护责任。", ["河长制", "湖长制"],
     "issue 7: a list after one verb"),
    ("全面推行田长制，守牢耕地红线。", ["田长制"], "the X长制 family beyond the gazetteer"),
    ("实施新时代青溪工匠培育工程，每年评选工匠50名。", ["新时代青溪工匠培育工程"],
     "issue 7: a name introduced by a verb, with an era marker"),
    ("实施中国非遗传承人研修培训计划，举办研修班10期。", ["中国非遗传承人研修培训计划"],
     "held-out sample: a national name carried out"),
    ("我市正在创建全国文明城市，城区面貌明显改善。", ["全国文明城市"], "real pages: a city title sought, from the gazetteer"),
    ("我市是国家卫生城市。", [], "a title held, not a campaign carried out"),
    # a name only in passing, counted or built, is a topic or a kind of thing
    ("我局将林下经济发展情况纳入林长制考核。", [], "held-out sample: 纳入…考核, a topic"),
    ("全县已有12个乡镇开展紧密型县域医共体建设。", [], "held-out sample: …建设, a thing built"),
    ("全省累计创建国家现代农业产业园18个。", [], "held-out sample: counted, a kind of thing"),
    ("家庭医生签约服务老人超过4万人。", [], "held-out sample: no verb carries it out"),
    ("大力实施技能人才培育工程。", [], "dev: a common noun, no proper element"),
    ("印发《关于实施农村义务教育学生营养改善计划的意见》。", [], "inside a title: a policy, not a programme"),
    ("实施余姚市规上企业研发机构全覆盖三年行动计划。", [], "dev: a plan document, policies.py's"),
    # issue 7, real pages: a plan carried out as a campaign, with no issuing place
    ("2019—2021年实施绿谷花城建设三年行动计划，绿谷花城建设三年行动计划于2021年收官。",
     ["绿谷花城建设三年行动计划"], "real pages: a plan without issuing place, carried out"),
    ("会同有关部门印发关于实施县域高中发展提升行动计划的实施意见。", [],
     "held-out sample: the plan inside an unbracketed title"),
    ("我局正在研究制定滨江区设施农业高质量发展三年行动计划。", [], "held-out sample: drafted, a policy"),
    ("认真实施好三年行动计划，全面实施上述行动计划，启动实施新一轮三年行动计划。", [],
     "a plan named by its period or a pointer has no theme of its own"),
    ("2020年实施了城市更新三年行动。", ["城市更新三年行动"], "an aspect mark after the verb is no part of the name"),
    ("我市深入落实全面振兴新突破三年行动，培育专精特新企业。", ["全面振兴新突破三年行动"],
     "heldout28: 落实 carries out a campaign named …行动"),
    ("认真落实高标准农田建设三年行动计划。", [], "落实 a plan document (…计划) is no campaign"),
    ("将继续实施农村人居环境整治提升五年行动。", ["农村人居环境整治提升五年行动"],
     "heldout31: a five-year campaign carried out"),
    ("2024年起组织实施全市高标准农田建设三年攻坚行动。", ["全市高标准农田建设三年攻坚行动"],
     "heldout31: a three-year 攻坚 campaign carried out"),
    # issue 7, real pages: a proper name after a dash, with the description's type word
    ("区金控集团拟设立综合服务平台——青禾数智供应链服务平台，整合货源。", ["青禾数智供应链服务平台"],
     "real pages: apposition after a dash"),
    ("构建孵化平台—加速平台—产业平台。", [], "a chain of steps, not an apposition"),
    # realpages2: a name with no place carried out by the reply's own clause
    ("（三）组织实施新型渔民培育工程。2018年开始，我市启动实施新型渔民培育工程。", ["新型渔民培育工程"],
     "realpages2: an item opened by the verb, the acting body before it"),
    ("一是继续实施青年农场主培训工程，二是开展农资打假专项整治行动。", ["青年农场主培训工程", "农资打假专项整治行动"],
     "realpages2: 一是/二是 open the clause; an adverb may stand before the verb"),
    ("我局开展专项整治行动，并在重点区域开展秸秆回收行动，启动万人技能提升计划。", [],
     "a bare head, a verb inside a longer phrase, a clause after a comma: common nouns"),
    ("今年实施农村公路提质改造工程。实施道路提质改造工程120公里。", [],
     "a work measured right after, a verb not opening the clause"),
    ("（一）开展涉企收费治理和专项行动", [], "a conjunction: two things, not one name"),
    ("推进漳州市近海养殖转型升级行动，扎实推进第二次全国林木种质资源普查工作。",
     ["漳州市近海养殖转型升级行动", "第二次全国林木种质资源普查"],
     "realpages2: 推进 carries a named campaign out; a census with its edition before 全国"),
    ("结合田间实训、科技赋能乡村人才振兴千万行动等形式开展指导。", ["科技赋能乡村人才振兴千万行动"],
     "realpages2: a scale word before the type word names a campaign, even in a list"),
    ("持续开展全区非遗资源普查、抢救和数字化工程，推进理论研究振兴工程。", [],
     "资源, 振兴 are place names only on a map: no proper element here"),
    ("推进民生工程——青溪水库除险加固工程，年内完工。", [], "a construction work named, not a programme"),
]


@pytest.mark.parametrize("text, names, provenance", BARE)
def test_names_written_without_quotes(text, names, provenance):
    assert [p.name for p in run(text)] == names, provenance


def test_a_national_name_carries_its_source_and_later_mentions():
    text = "团中央组织实施的大学生志愿服务西部计划统筹推进，2023年西部计划招募志愿者2.1万人。"
    [p] = run(text)
    assert p.name == "大学生志愿服务西部计划"
    assert "关于实施大学生志愿服务西部计划的通知" in p.established_by
    assert [text[a:b] for a, b in p.other_spans] == ["西部计划"]


def test_a_quoted_national_name_gets_the_source_only():
    text = "推进“电子商务进农村综合示范”工作，8个县获批国家电子商务进农村综合示范县。"
    [p] = run(text)
    assert p.name == "电子商务进农村综合示范" and p.established_by


def test_every_gazetteer_entry_names_its_source():
    from reply_extractor.rules import load
    for entry in load("programs_national")["programme"]:
        assert entry["name"] and "《" in entry["source"], entry


def test_a_quoted_product_is_a_name_whatever_its_first_word():
    assert [p.name for p in run("“劝耕贷”向种养主体发放贷款3.6亿元。")] == ["劝耕贷"]


def test_a_national_programme_named_without_quotes():  # heldout42, heldout45: 农村订单定向医学生免费培养项目
    from reply_extractor import extract_text
    reply = extract_text("我委继续实施农村订单定向医学生免费培养项目，今年招收定向医学生120名。")
    assert [(p.name, p.established_by is not None) for p in reply.programs] == [("农村订单定向医学生免费培养项目", True)]
