"""Figures as example tables: invented phrases -> value / unit / qualifier, and the
span of each figure must give back its surface. Provenance in the last column."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from reply_extractor.document import Document
from reply_extractor.extractors import figures
from reply_extractor.record import Reply


def run(text: str):
    doc = Document.from_text(text)
    reply = Reply(doc_id="t", text=text)
    figs = figures.extract(doc, reply)
    for f in figs:
        assert text[f.span[0]:f.span[1]] == f.surface
        assert isinstance(f.value, Decimal)
    return figs


def one(text: str):
    figs = run(text)
    assert len(figs) == 1, [(f.surface, f.value) for f in figs]
    return figs[0]


# (text, surface, value, unit, qualifier, provenance)
SINGLE = [
    ("每年补助资金1300万，", "1300万", "13000000", "元", None, "real pages: a sum written without 元"),
    ("使用人口大致500万。", "500万", "5000000", "人", "approx", "real pages: 大致, a population"),
    ("提出“研发经费投入增速继续保持高于全省平均水平，年均增长18%以上”的目标。", "18%以上", "18", "%", "at_least",
     "real pages: a passage quoted from a plan states its figures"),
    ("找零123元1角1分。", "123元1角1分", "123.11", "元", None, "DESIGN-NOTES peers"),
    ("收入13万2千元。", "13万2千元", "132000", "元", None, "DESIGN-NOTES peers: 13万2"),
    ("投入资金1,100万元。", "1,100万元", "11000000", "元", None, "DESIGN-NOTES peers"),
    ("拨付资金3541.07万元。", "3541.07万元", "35410700", "元", None, "DESIGN-NOTES peers"),
    ("同比增长１２.３％。", "１２.３％", "12.3", "%", None, "corpus: full-width"),
    ("新增就业３.４６万人。", "３.４６万人", "34600", "人", None, "corpus: full-width"),
    ("补贴1.57万元。", "1.57万元", "15700", "元", None, "DESIGN-NOTES peers: float artefacts"),
    ("每人补助2000余元。", "2000余元", "2000", "元", "approx_more", "DESIGN-NOTES peers: no invented range"),
    ("覆盖率提高9.4个百分点。", "9.4个百分点", "9.4", "个百分点", None, "DESIGN-NOTES peers"),
    ("覆盖率提高0.6百分点。", "0.6百分点", "0.6", "个百分点", None, "issue: 百分点"),
    ("产值约占全省70%。", "70%", "70", "%", "approx", "DESIGN-NOTES peers: a share is a figure"),
    ("筹集资金三千余万元。", "三千余万元", "30000000", "元", "approx_more", "issue: Chinese"),
    ("兑现补助两千万元。", "两千万元", "20000000", "元", None, "corpus"),
    ("惠及一千二百户。", "一千二百户", "1200", "户", None, "issue: Chinese"),
    ("服务1.2万余人次。", "1.2万余人次", "12000", "人次", "approx_more", "corpus"),
    ("全年检查电梯296部次。", "296部次", "296", "部次", None, "held-out class: 部次 over 部"),
    ("连续举办19届林博会。", "19届", "19", "届", None, "real pages: sessions held, counted"),
    ("由原来的6个多月缩短。", "6个多月", "6", "个月", "approx_more", "heldout36: 多 inside the unit"),
    ("引水流量提高到18.5立方米/秒。", "18.5立方米/秒", "18.5", "立方米/秒", None, "heldout36: a flow"),
    ("耕地质量等级平均提升0.5个等级。", "0.5个等级", "0.5", "个等级", None, "heldout36: 个等级 over 个"),
    ("诊断报告900多份。", "900多份", "900", "份", "approx_more", "corpus"),
    ("产值超过百亿元。", "百亿元", "10000000000", "元", "at_least", "corpus"),
    ("培养300人以上的人才。", "300人以上", "300", "人", "at_least", "corpus"),
    ("费用控制在3元以下。", "3元以下", "3", "元", "at_most", "corpus"),
    ("失业率控制在1.9%以内。", "1.9%以内", "1.9", "%", "at_most", "corpus"),
    ("单个项目最高补助300万元。", "300万元", "3000000", "元", "at_most", "corpus"),
    ("亩均税收不低于15万元。", "15万元", "150000", "元", "at_least", "corpus"),
    ("增长近30%。", "30%", "30", "%", "at_most", "corpus; 近 = nearly, just under: at most (issue 3)"),
    ("用电量约1860万千瓦时。", "1860万千瓦时", "18600000", "千瓦时", "approx", "corpus: 千 of 千瓦时"),
    ("总动力52.6万千瓦。", "52.6万千瓦", "526000", "千瓦", None, "corpus"),
    ("面积426.3万平方米。", "426.3万平方米", "4263000", "平方米", None, "corpus"),
    ("吞吐量350万标箱。", "350万标箱", "3500000", "标箱", None, "invented"),
    ("投资2.5亿美元。", "2.5亿美元", "250000000", "美元", None, "issue: currency by name"),
    ("是全国平均的1.5倍。", "1.5倍", "1.5", "倍", None, "issue: multiples"),
    ("服务时间不少于60天。", "60天", "60", "天", "at_least", "corpus"),
    ("前后5次修稿。", "5次", "5", "次", None, "corpus: 前后 is not 前N"),
    ("公办学校54人/班。", "54人/班", "54", "人", None, "corpus: rate"),
    ("分别为15，100万元。", "100万元", "1000000", "元", None, "full-width comma is not a thousands mark"),
    ("另行补助5万1000元。", "5万1000元", "51000", "元", None, "bug caught: 5万1|000元"),
    ("产值1.2万亿元。", "1.2万亿元", "1200000000000", "元", None, "magnitude 万亿"),
    ("惠及居民两万八千余户。", "两万八千余户", "28000", "户", "approx_more", "corpora: Chinese + 余"),
    ("覆盖率达到百分之八十以上。", "百分之八十以上", "80", "%", "at_least", "percent in words"),
    ("办理时限压缩至8个工作日。", "8个工作日", "8", "个工作日", None, "duration: 个工作日 like 个月"),
    ("县级配套不低于上级资金20%。", "20%", "20", "%", "at_least", "bug caught: 低于 inside 不低于"),
    ("资金投入不低于每年每公里1万元。", "1万元", "10000", "元", "at_least", "cue a few words away"),
]


@pytest.mark.parametrize("text,surface,value,unit,qualifier,why", SINGLE)
def test_single_figure(text, surface, value, unit, qualifier, why):
    f = one(text)
    assert surface in f.surface, why
    assert f.value == Decimal(value), why
    assert f.unit == unit, why
    assert f.qualifier == qualifier, why


# Units and forms met on replies nobody tuned on (invented phrases).
# (text, surface, value, unit, kind, qualifier, provenance)
HELD_OUT_FORMS = [
    ("每月安排２个半天坐诊。", "２个半天", "2", "个半天", "duration", None,
     "held-out class: 个半天 is one unit, full-width digit"),
    ("地区生产总值比十年前翻一番。", "翻一番", "2", "倍", "multiple", None, "held-out class: multiples"),
    ("城乡居民收入翻两番。", "翻两番", "4", "倍", "multiple", None, "held-out class: multiples"),
    ("出口额翻了一番。", "翻了一番", "2", "倍", "multiple", None, "held-out class: multiples"),
    ("农产品加工产值实现翻番。", "翻番", "2", "倍", "multiple", None, "held-out class: multiples"),
    ("出口额增长1.5倍。", "1.5倍", "1.5", "倍", "multiple", None, "held-out class: multiples"),
    ("粮食总产量稳定在1.3万亿斤以上。", "1.3万亿斤以上", "1300000000000", "斤", "amount", "at_least",
     "held-out class: 万亿 with a physical unit"),
    ("亩均增产粮食100斤。", "100斤", "100", "斤", "amount", None, "held-out class: units"),
    ("全年开行中欧班列9580列。", "9580列", "9580", "列", "count", None, "held-out class: trains counted in 列"),
    ("开发文创产品320余款。", "320余款", "320", "款", "count", "approx_more", "held-out class: 款 of products"),
    ("电压等级380伏以下。", "380伏以下", "380", "伏", "amount", "at_most", "held-out class: volts"),
    ("室内温度最低18℃。", "18℃", "18", "℃", "amount", None, "held-out class: temperature; the unit as written (heldout7: ℃, not 摄氏度)"),
    ("新增装机容量120万千瓦。", "120万千瓦", "1200000", "千瓦", "amount", None,
     "held-out class: 万|千瓦, not 万千|瓦"),
    ("光伏装机容量3.5吉瓦。", "3.5吉瓦", "3.5", "吉瓦", "amount", None, "held-out class: units"),
    ("年发电量约2.6亿度。", "2.6亿度", "260000000", "度", "amount", "approx", "held-out class: 度 of electricity"),
    ("PM2.5年均浓度为29微克/立方米。", "29微克/立方米", "29", "微克/立方米", "amount", None,
     "held-out class: concentration; PM2.5 is a name"),
    ("旅客周转量12.6亿人公里。", "12.6亿人公里", "1260000000", "人公里", "amount", None, "held-out class: units"),
    ("完成两轮评估。", "两轮", "2", "轮", "count", None, "held-out class: units"),
    ("新增床位200床。", "200床", "200", "床", "count", None, "held-out class: units"),
    ("城镇调查失业率为5.3 %。", "5.3 %", "5.3", "%", "percent", None, "held-out class: space before %"),
    ("覆盖人口超100万。", "100万", "1000000", "人", "count", "at_least",
     "held-out class: magnitude without unit, noun implies 人"),
    ("全县户籍人口约86万。", "86万", "860000", "人", "count", "approx", "held-out class: implied unit"),
    ("接待游客达到2.9亿，", "2.9亿", "290000000", "人次", "count", None, "held-out class: implied unit"),
    ("千兆光网覆盖家庭超300万户。", "300万户", "3000000", "户", "count", "at_least", "held-out class: units"),
    ("高于全国平均水平1.2个百分点。", "1.2个百分点", "1.2", "个百分点", "percentage_point", None,
     "held-out class: a gap to a standard is no bound"),
    ("学校食堂全年供餐120万餐次。", "120万餐次", "1200000", "餐次", "count", None, "held-out class: 餐次"),
    ("全年办理婚姻登记5.6万对。", "5.6万对", "56000", "对", "count", None, "held-out class: 对 counts couples"),
    ("结对帮扶困难家庭300对，", "300对", "300", "对", "count", None, "held-out class: 对 counts pairs"),
    ("累计服务群众近万人。", "万人", "10000", "人", "count", "at_most", "held-out class: lone magnitude after 近"),
    ("吸引游客上万人次。", "万人次", "10000", "人次", "count", "at_least", "held-out class: lone magnitude after 上"),
    ("带动逾千家企业转型。", "千家", "1000", "家", "count", "approx_more", "held-out class: lone magnitude after 逾"),
    ("新建深水网箱120口，", "120口", "120", "口", "count", None, "blind real class: nets counted in 口"),
    ("购置冷链设备6台套以上。", "6台套以上", "6", "台套", "count", "at_least", "blind real class: 台套"),
    ("新上智能生产线3台/条。", "3台/条", "3", "台/条", "count", None, "blind real class: 台/条"),
    ("引进养殖平台2组。", "2组", "2", "组", "count", None, "blind real class: 组"),
    ("已办理信用贷款38笔，", "38笔", "38", "笔", "count", None, "blind real class: 笔"),
    ("累计发放证书96本。", "96本", "96", "本", "count", None, "blind real class: 本"),
    ("办理时限压缩到3个小时。", "3个小时", "3", "小时", "duration", None, "blind real class: 个小时"),
    ("计划利用三年时间完成改造。", "三年", "3", "年", "duration", None, "blind real class: N年时间 after a Chinese numeral"),
    ("目前5个已竣工。", "5个", "5", "个", "count", None, "blind real class: the 前 of 目前 is no top-N"),
    ("芦北、冠山2个人工湖。", "2个", "2", "个", "count", None, "blind real class: 个|人工, not 个人"),
    ("水库调蓄库容为36万m3。", "36万m3", "360000", "立方米", "amount", None, "blind real class: m3 typed flat"),
    ("投入入海河流治理资金二点六亿元，", "二点六亿元", "260000000", "元", "money", None,
     "heldout6: a Chinese decimal before its magnitude"),
    ("出动执法船艇210航次，", "210航次", "210", "航次", "count", None, "heldout6: voyages counted in 航次"),
    ("巩固提升了213万农村人口的供水保障水平。", "213万", "2130000", "人", "count", None,
     "heldout6: the people counted follow the number"),
    ("工程惠及50万群众。", "50万", "500000", "人", "count", None, "the people counted follow the number"),
    ("日均发班增加到183班。", "183班", "183", "班", "count", None, "heldout8: runs counted in 班 (after digits only)"),
    ("土壤有机质含量提高1.2克/千克。", "1.2克/千克", "1.2", "克/千克", "amount", None, "heldout8: a content per kilogram"),
    ("冷库容量增长百分之八点六。", "百分之八点六", "8.6", "%", "percent", None, "heldout9: 百分之 with a Chinese decimal"),
    ("占比提高零点五个百分点。", "零点五个百分点", "0.5", "个百分点", "percentage_point", None,
     "a Chinese decimal before a unit (read as 五个百分点 before)"),
    ("产值增长一点五倍。", "一点五倍", "1.5", "倍", "multiple", None, "a Chinese decimal before 倍"),
    ("新建道路三点二公里。", "三点二公里", "3.2", "公里", "amount", None, "a Chinese decimal before a physical unit"),
    ("从业人员平均年龄五十八点二岁。", "五十八点二岁", "58.2", "岁", "age", None,
     "a Chinese decimal before a unit read only after digits (三年行动 stays a word)"),
    ("新建人才公寓一万间。", "一万间", "10000", "间", "count", None,
     "heldout9: a Chinese numeral of hundreds and more before a unit read only after digits"),
    ("组建师徒四百六十对。", "四百六十对", "460", "对", "count", None, "heldout10: the same, of pairs"),
    ("关闭自备井一万一千余眼，", "一万一千余眼", "11000", "眼", "count", "approx_more", "heldout9: wells counted in 眼"),
    ("新增变电容量186万千伏安，", "186万千伏安", "1860000", "千伏安", "amount", None, "heldout13: kVA, not 千伏"),
    ("设计供水规模10万立方米/日。", "10万立方米/日", "100000", "立方米/日", "amount", None, "heldout13: a daily capacity"),
    ("带动电商从业人员万余人。", "万余人", "10000", "人", "count", "approx_more", "heldout11: a lone magnitude before 余 and a unit"),
    ("绒细度保持在15.5微米以内。", "15.5微米以内", "15.5", "微米", "amount", "at_most", "heldout11: micrometres"),
    ("累计免疫146万只次。", "146万只次", "1460000", "只次", "count", None, "heldout11: animals treated, counted per time"),
    ("机械作业面积超过300万亩次。", "300万亩次", "3000000", "亩次", "count", "at_least", "heldout15: area worked, per pass"),
    ("提供远程诊疗1.3万例。", "1.3万例", "13000", "例", "count", None, "heldout16: cases"),
    ("技能大赛获得金牌2枚。", "2枚", "2", "枚", "count", None, "heldout21: medals"),
    ("检查项目326个次。", "326个次", "326", "个次", "count", None, "heldout21: checks per item"),
    ("最大阵风达58.6米/秒。", "58.6米/秒", "58.6", "米/秒", "amount", None, "heldout20: a speed"),
    ("园区规划面积12.5km²。", "12.5km²", "12.5", "平方公里", "amount", None, "heldout22: km² is no km"),
    ("检查小型水库1800余座次。", "1800余座次", "1800", "座次", "count", "approx_more", "heldout19: checks per reservoir"),
    ("共享课程不少于800节。", "800节", "800", "节", "count", "at_least", "heldout16: lessons"),
    ("贷款利率上浮不超过50个基点。", "50个基点", "50", "个基点", "percentage_point", "at_most", "heldout16: basis points"),
]


@pytest.mark.parametrize("text,surface,value,unit,kind,qualifier,why", HELD_OUT_FORMS)
def test_held_out_forms(text, surface, value, unit, kind, qualifier, why):
    f = one(text)
    assert (f.surface, f.value, f.unit, f.kind, f.qualifier) == (surface, Decimal(value), unit, kind, qualifier), why


# (text, [(value, value_max)], unit, provenance)
RANGES = [
    ("补助5至8万元。", [("50000", "80000")], "元", "corpus: magnitude shared"),
    ("资助300万元至800万元。", [("3000000", "8000000")], "元", "corpus"),
    ("补助5万至10万元。", [("50000", "100000")], "元", "corpus"),
    ("支持3-5家企业。", [("3", "5")], "家", "issue"),
    ("比例10%至15%。", [("10", "15")], "%", "issue"),
    ("每亩50至80元。", [("50", "80")], "元", "corpus"),
    ("投资3至5千万元。", [("30000000", "50000000")], "元", "magnitude 千万 shared"),
    ("投资两至三千万元。", [("20000000", "30000000")], "元", "Chinese: 三千万 lends 千万"),
    ("补助五至十万元。", [("50000", "100000")], "元", "Chinese: 十万 lends only 万"),
    ("用时两至三年。", [], "年", "Chinese years: not a figure"),
    ("每周安排1至2个半天开展培训。", [("1", "2")], "个半天", "held-out class: 个半天 like 个工作日"),
]


@pytest.mark.parametrize("text,pairs,unit,why", RANGES)
def test_ranges(text, pairs, unit, why):
    figs = run(text)
    assert [(f.value, f.value_max) for f in figs] == [(Decimal(a), Decimal(b)) for a, b in pairs], why
    assert all(f.unit == unit and f.qualifier == "range" for f in figs)


SERIES = [
    ("分别给予15万元、10万元、5万元奖励。", ["150000", "100000", "50000"], "元", "奖励", "issue"),
    ("分别给予15、10、5万元补助。", ["150000", "100000", "50000"], "元", "补助", "issue: unit on last"),
    ("比例分别为70%、70%、60%。", ["70", "70", "60"], "%", None, "corpus"),
]


@pytest.mark.parametrize("text,values,unit,metric,why", SERIES)
def test_series(text, values, unit, metric, why):
    figs = run(text)
    assert [f.value for f in figs] == [Decimal(v) for v in values], why
    assert all(f.unit == unit for f in figs)
    if metric:
        assert all(metric in (f.metric or "") for f in figs)


NOT_FIGURES = [
    ("车间实行三班倒。", "班 counts only after digits: 三班倒 is a word"),
    ("全市供热服务满意度在全省13个市（地）中排名第5位。", "heldout7: the field of a ranking is no figure of its own"),
    ("增速在四个直辖市中排名第二。", "heldout6: the field of a ranking"),
    ("二次消费占旅游收入的比重较低，", "heldout7: 二次 before a noun is secondary, not a count"),
    ("针对您提出的三点建议，答复如下。", "点 after a numeral with no digit after it: no decimal"),
    ("会议于八点三十分开始。", "a clock time is no decimal"),
    ("要从一点一滴做起。", "an idiom, no decimal"),
    ("莆田市体育局\n20年5月29日", "blind real class: a date whose year lost its century"),
    ("建设牡蛎3倍体养殖繁育基地，推广三倍体牡蛎。", "blind real class: 倍体 is a word"),
    ("关于青山区莘口镇的耕地，三元区、梅列区和三元、清流。", "real pages: 三元区 is a place, not 3 元"),
    ("（八届三次第1161号提案）已收悉。", "real pages: 届…次 is a session"),
    ("报省政府审批。\n3.2020年，青山区开展整合优化。", "real pages: a list label before a year"),
    ("2021年，2023年6月，5月17日，2022年底前完成。", "years and dates"),
    ("位居宁波第2，第一条，第61号建议。", "ordinals and identifiers"),
    ("慈经信〔2023〕15号。联系电话：0574-63081276。", "文号, phone"),
    ("打造“246”产业集群，落实“4个五百万”政策。", "quoted names"),
    ("印发《2023年十项重点工作方案》。", "titles"),
    ("实施十大产业链，制定三年行动计划。", "lexical Chinese numerals"),
    ("连续三年将托育服务纳入区十件民生实事。", "heldout60: a year's list of 十件民生实事 is a name"),
    ("整治面包车超员、三轮汽车违法载人。", "heldout71: 三轮汽车 is a kind of vehicle"),
    ("张三等5位代表：", "the X in X等5位代表"),
    ("其中5列为试点，2列入重点。", "列 as a verb (列为, 列入) after a number"),
    ("入三伏天后，2款项已拨付。", "伏 after a Chinese numeral, 款 in 款项"),
    ("市十八届人大二次会议。", "session numbers"),
    ("一是加强统一领导，进一步推进一体化，一批企业，十分重视。", "lexical 一"),
    ("保持两位数增长，推进二期项目。", "两位数, 二期"),
    ("坚持四个全面。", "set phrase"),
    ("入选第一、二、三批名单，第1-3批。", "ordinals in a series"),
    ("数十家企业，几百人。", "vague Chinese numerals"),
    ("PM2.5浓度下降，执行GB 3095-2012标准。", "held-out class: names with digits"),
    ("营业收入超5万，增长明显。", "held-out class: magnitude without unit and no person noun"),
    ("制定翻番计划，高一年级12班。", "held-out class: 翻番计划 is a name, 12班 a class"),
    ("开展这一轮改革，第三轮督查。", "held-out class: 一轮 / 第三轮"),
    ("打造4A级景区，建设5G基站。", "grades and codes"),
    ("开展2对1结对帮扶。", "held-out class: N对M is a ratio of helpers, not pairs"),
    ("实施万人计划，群众成千上万人参与。", "held-out class: a lone magnitude without its cue is a word"),
    ("坚持百年大计，实现十年一遇。", "a lone 百 or 十 before a unit read only after digits"),
    ("一眼望去，3眼睛。", "眼 counts wells only after digits, and 眼睛 is a word"),
    ("例如加强管理，倡导3节约用水，遵循二十四节气。", "例如, 节约 and 节气 are words"),
    ("末班车统一延后至21时30分。", "heldout17: the minutes of a clock time"),
    ("参与群众数万余人，成千余人次。", "a lone magnitude after 数 or 成 is vague"),
    ("全国人大十四届二次会议，2024届高校毕业生。", "a session or a class numbered with 届 is no count"),
]


@pytest.mark.parametrize("text,surface", [
    ("组织专家向3家企业对接，", "3家"),      # 对接 is a verb
    ("10个部门对此高度重视。", "10个"),      # 对此 is a preposition
    ("与5所高校对口合作。", "5所"),
])
def test_dui_after_a_count_is_no_unit(text, surface):
    """held-out class: 对 after a counted noun starts a word, never the unit."""
    assert [f.surface for f in run(text)] == [surface]


@pytest.mark.parametrize("text,why", NOT_FIGURES)
def test_not_figures(text, why):
    assert run(text) == [], why


def test_table_takes_unit_from_header():
    text = ("表1　2022年改造完成情况\n镇（街道）\t改造小区（个）\t完成投资（万元）\n"
            "甲街道\t18\t9200\n合计\t46\t23500")
    figs = run(text)
    got = [(f.surface, f.value, f.unit) for f in figs]
    assert ("18", Decimal(18), "个") in got
    assert ("9200", Decimal(92000000), "元") in got
    assert all(f.in_table for f in figs)
    assert any(f.metric == "完成投资" and f.period == "2022" for f in figs)


def test_table_header_merged_over_the_years_below_it():  # heldout44: two header rows
    text = "乡镇（街道）\t白茶产值（亿元）\t\n\t2024年\t2025年\n溪龙乡\t9.6\t10.4\n"
    got = [(f.surface, f.value, f.unit, f.period, f.metric) for f in run(text)]
    assert got == [("9.6", Decimal(960000000), "元", "2024", "白茶产值"),
                   ("10.4", Decimal(1040000000), "元", "2025", "白茶产值")]


def test_table_header_naming_a_count_implies_its_unit():  # heldout27
    text = "逐年投入及受益情况见下表。\n年度\t投入资金（万元）\t受益户数\n2022年\t1850\t3260\n2023年\t2310\t4105"
    got = [(f.surface, f.value, f.unit, f.metric) for f in run(text)]
    assert ("3260", Decimal(3260), "户", "受益户数") in got
    assert ("1850", Decimal(18500000), "元", "投入资金") in got


def test_table_header_of_money_without_its_scale_is_no_column():
    """投入资金 over 1850: 元 or 万元? The header must say."""
    text = "年度\t投入资金\t受益户数\n2022年\t1850\t3260\n2023年\t2310\t4105"
    assert [f.unit for f in run(text)] == ["户", "户"]


def test_table_units_in_row_headers_and_years_in_columns():
    """corpora/shouguang-like: 指标 | 2021年 | 2022年 with the unit in each row label."""
    text = "表1　主要指标\n指标\t2021年\t2022年\n研发经费投入（亿元）\t21.3\t24.9\n高新技术企业（家）\t128\t163"
    got = [(f.value, f.unit, f.metric, f.period) for f in run(text)]
    assert (Decimal(2490000000), "元", "研发经费投入", "2022") in got
    assert (Decimal(128), "家", "高新技术企业", "2021") in got


def test_table_written_as_lines_of_cells_set_apart_by_spaces():
    """heldout8: a text reply's table, cells set apart by ideographic spaces (or
    two spaces); a letterhead line of two fields makes no table."""
    text = ("青商建〔2023〕27号　　　答复类别：B类\n重点项目完成情况如下：\n"
            "项目名称　投资（万元）　完成率\n国家储备林建设　8600　104%\n森林抚育  2350  98%\n")
    got = [(f.surface, f.value, f.unit, f.metric) for f in run(text)]
    assert ("8600", Decimal(86000000), "元", "投资") in got
    assert ("2350", Decimal(23500000), "元", "投资") in got
    assert ("104%", Decimal(104), "%") in [g[:3] for g in got]


def test_table_cells_with_their_own_units_measure_their_row_or_column():
    """heldout34: cells that carry their unit measure the row, in the year of their
    column (a change column too); under a header naming a measure, that header."""
    text = ("近两年主要指标如下：\n项目\t2024年\t2025年\t增幅\n镇村公交线路\t89条\t97条\t9.0%\n"
            "日均公交客运量\t33.8万人次\t36.1万人次\t6.8%\n\n省份\t治理河长（公里）\t完成率\n甘肃\t486\t93%\n")
    got = [(f.surface, f.metric, f.period) for f in run(text)]
    assert ("89条", "镇村公交线路", "2024") in got and ("97条", "镇村公交线路", "2025") in got
    assert ("9.0%", "镇村公交线路") in [g[:2] for g in got]
    assert ("36.1万人次", "日均公交客运量", "2025") in got
    assert ("93%", "完成率") in [g[:2] for g in got]
    for f in run(text):
        if f.metric_span:
            assert text[f.metric_span[0]:f.metric_span[1]] == f.metric


def test_bare_magnitudes_in_a_bracket_after_a_sum_count_in_its_unit():
    """real 三明 page: the cases of 年产值20亿元以上 listed in brackets without 元."""
    got = [(f.surface, f.value, f.unit) for f in run(
        "年产值20亿元以上的企业2家（青山纸业约25亿，八一永庆约23亿），其中（A区3万）。")]
    assert ("25亿", Decimal(2500000000), "元") in got and ("23亿", Decimal(2300000000), "元") in got
    assert not any(s == "3万" for s, _, _ in got)  # another magnitude: no sum of that kind


def test_table_columns_of_a_year_and_its_status_and_rows_led_by_letters():
    """heldout38: 指标 | 2025年完成 | 2026年目标, a row named A级旅游景区."""
    text = "主要指标如下表：\n指标\t2025年完成\t2026年目标\n接待游客\t4860万人次\t5200万人次\nA级旅游景区\t58家\t62家\n"
    got = [(f.surface, f.metric, f.period) for f in run(text)]
    assert ("5200万人次", "接待游客", "2026") in got and ("58家", "A级旅游景区", "2025") in got


def test_table_unit_from_caption():
    text = "各镇投资情况（单位：万元）\n镇名\t投资额\n甲镇\t1,200"
    f = one(text)
    assert (f.value, f.unit, f.metric) == (Decimal(12000000), "元", "投资额")


METRICS = [
    ("职工医保住院报销比例从三级医院66.21%和二级医院68.82%统一提高到70%。",
     ["住院报销比例", "住院报销比例", "住院报销比例"],
     "real pages: a baseline scope (从…), a parallel scope (和…) and 统一提高 keep the subject"),
    ("我局正会同有关部门对公司提出的选取50%公益性公墓墓穴由企业定价销售进行研究。", ["公益性公墓"],
     "real pages: a share written before its noun measures the noun"),
    ("其中：院际会诊（省外副主任医师以上250元）属于特殊项目。", ["院际会诊"],
     "real pages: a bracket qualifies the noun right before it"),
    ("最低工资标准从1350元调整为1500元。", ["最低工资", "最低工资"], "real pages: 调整为 needs the subject before"),
    ("到2021年底前，全区50%以上医疗机构要建成友善型机构。", ["医疗机构"], "real pages: a share of the noun after it"),
    ("新增37种中医非药物治疗项目。", ["治疗项目"], "real pages: a verb inside the noun after a count"),
    ("收到了来自各地的349份仲裁员申请，", ["仲裁员申请"], "real pages: a nominal verb closes the noun"),
    ("医保基金每次报销8元诊查费。", ["诊查费"], "real pages: a fee named after the sum"),
    ("2021年，我市十大产业链实现增加值320.2亿元，同比增长12.3%。", ["增加值", "增加值"], "brief"),
    ("目前已有9家银行参与。", ["银行"], "corpus-like: noun after the unit"),
    ("全市新增高新技术企业186家，总数达到1126家。", ["高新技术企业", "高新技术企业"], "generic 总数"),
    ("覆盖率达到82.6%，提高9.4个百分点。", ["覆盖率", "覆盖率"], "change inherits subject"),
    ("对符合条件的给予20万元奖励。", ["奖励"], "payment named after the sum"),
    ("可申请最高50万元的创业担保贷款。", ["创业担保贷款"], "X元的Y after a verb"),
    ("经营性收入50万元以上的行政村占比91%。", ["经营性收入", "行政村占比"], "X元以上的Y after a noun"),
    ("按10%给予补助，单家企业最高100万元。", ["补助", "补助"], "scope-only phrase inherits"),
    ("按计划总数的70%、60%作为定向生指标。", ["定向生", "定向生"], "share named by 作为"),
    ("较2021年提升6.8个百分点。", ["提升"], "base year kept out of the metric"),
    ("平均办理时限由20个工作日压缩至8个工作日。", ["办理时限", "办理时限"], "from-to"),
    ("分别按400元、600元、800元三档补助。", ["补助"] * 3, "held-out class: series with a count word"),
    ("生活补助标准分为每生每年400元、600元、800元三档。", ["生活补助"] * 3,
     "held-out class: series ending in a count word"),
    ("县道每公里补助10万元，乡道每公里补助5万元。", ["县道补助", "乡道补助"], "held-out class: rate frame"),
    ("对困难学生给予生活补助，初中每生每年1250元。", ["生活补助"], "held-out class: payment named earlier"),
    ("按照国道每公里每年2万元、省道每公里每年8000元的标准安排养护资金。", ["养护资金"] * 2,
     "held-out class: series of scoped rates"),
    ("改造补助标准由每亩2000元提高到每亩3000元。", ["补助标准", "补助标准"], "held-out class: rate + change"),
    ("全县60岁以上老年人口占31.6%。", ["", "60岁以上老年人口占"], "held-out class: 占 with an age group"),
    ("农业产值约占全省70%。", ["占全省"], "held-out class: 约占 keeps 占"),
    ("设立中小企业数字化转型专项资金，每年安排2亿元。", ["专项资金"], "held-out class: payment named earlier"),
    ("每年安排2亿元用于中小企业技术改造。", ["技术改造"], "held-out class: 用于X"),
    ("设立科技创新专项资金，共安排资金5亿元。", ["专项资金"], "held-out class: bare 资金 named earlier"),
    ("筹集三千余万元的资金用于学校建设。", ["资金"], "held-out class: X元的Y stops at 用于"),
    ("毛入学率达到92.5%，高于全国平均水平1.2个百分点。", ["毛入学率", "毛入学率"],
     "held-out class: gap to a standard"),
    ("从资金、土地等4个方面提出14条具体举措。", ["方面", "举措"], "held-out class: noun of the previous count"),
    ("大班额比例由9.4%降至4.1%，下降了5.3个百分点。", ["大班额比例"] * 3, "held-out class: 降至"),
    ("我们已将监控回看时长由15天延长至30天。", ["回看时长"] * 2, "held-out class: 将X由A延长至B"),
    ("已将申报材料由原来的15项精简至7项。", ["申报材料"] * 2, "held-out class: 由原来的, 精简至"),
    ("自2021年实施以来累计培养1.46万人。", ["培养"], "held-out class: 自…以来 is a time frame"),
    ("力争于年底前完成60家“放心餐厅”和120家“明厨亮灶”餐厅评定挂牌。", ["放心餐厅", "明厨亮灶餐厅"],
     "real pages: a quoted name heads the noun after a count; 和 ends the first count's"),
    ("全区共有4家台青就业创业基地（其中1家国家级基地）。", ["台青就业创业基地", "国家级基地"],
     "real pages: a compound noun closed by its head before a bracket"),
    ("向台胞发放“金融信用证书”，目前已发放114本。", ["发放"], "real pages: a count after a bare verb of giving"),
    ("获得省级贷款贴息1357万元扶持竹木企业。", ["贷款贴息"], "real pages: the payment named right before the sum"),
    ("用户覆盖200多个国家和地区。", ["国家和地区"], "heldout33: a pair of short nouns closing the clause"),
    ("普通线路执行1元票价。", ["票价"], "heldout36: a price named after the sum"),
    ("对全市23家综合效益好、市场潜力大、创新能力强的成长型企业实行挂包服务。", ["成长型企业"],
     "real pages: the noun a list of traits describes after a count"),
    ("新建竹山物理分解点15个，目前6个已竣工，1个已开工。", ["分解点", "分解点竣工", "分解点开工"],
     "real pages: how many of them are in the state written after the count"),
    ("建成2个智慧体育公园、1个全民健身中心和7个笼式足球场。", ["体育公园", "全民健身中心", "笼式足球场"],
     "real pages: a compound noun closed by its head before 和"),
    ("在保户数2302户，在岗乡村医生611人，在全市建成10个站点。", ["在保户数", "在岗乡村医生", "站点"],
     "real pages: the 在 of a status word stays, the preposition goes"),
    ("积极申报第一批地方政府专项债券14.8亿元项目资金。", ["专项债券"], "real pages: 债券 before the sum"),
    ("在提升打造44个三明林改精品示范考察点的基础上推进。", ["示范考察点"],
     "real pages: a compound noun closed by its head before 的"),
    ("“十四五”期间我区计划完成0.5万亩高效节水灌溉项目建设。", ["高效节水灌溉"],
     "real pages: a plan period is a time frame; an area's noun after it"),
    ("教师每人每3至5年参加一轮研修。", ["研修"], "held-out class: recurring duration"),
    ("全省共有68个村入选全国乡村旅游重点村。", ["重点村"], "held-out class: counted into a list"),
    ("全市有4人入选“甬江英才计划”。", ["英才计划"], "held-out class: counted into a list"),
    ("全市实施500万元以上技改项目862个。", ["技改项目", "技改项目"],
     "held-out class: a bound sum grades the noun after it"),
    ("现有企业58家，其中9家入选2022年度全国农业龙头企业名单。", ["企业", "龙头企业"],
     "held-out class: the list entered, without its year"),
    ("我局将129个项目纳入市级重点技改项目库。", ["技改项目库"], "held-out class: 纳入, like 列入"),
    ("在青山、绿水等12家4A级以上景区开展活动。", ["景区"], "held-out class: a grade in letters opens the noun"),
    ("园区原有耕地17亩和林地30亩被划入公益林。", ["耕地", "林地"],
     "real pages: amounts joined by 和 measure two things, not one measure in two scopes"),
    ("全年有82家企业申报研发投入补助，5家企业申报预补助。", ["研发投入补助", "预补助"],
     "real pages: what the counted applied for"),
    ("去年共有18家企业申请到“青溪贷”贷款1.2亿元。", ["青溪贷", ""], "real pages: what the counted got"),
    ("全市共有35家企业获省“科创贷”支持。", ["科创贷"], "real pages: 获 before a quoted name"),
    ("检查了青溪酒店等7家大型及以上餐馆，共出具3份责令整改通知书。", ["餐馆", "责令整改通知书"],
     "real pages: a grade (及以上) inside the noun; a noun head after verbs"),
    ("全市现有规模以上工业企业120家，加盟了3家大型的连锁公司。", ["规模以上工业企业", "连锁公司"],
     "real pages: 以上 and 的 after a grade word stay in the noun"),
    ("全县每千人口拥有床位6.8张。", ["每千人口床位"], "held-out class: 每千人口 is no rate frame"),
    ("发放创业担保贷款3.5亿元，扶持创业8600人，带动就业2.1万人。", ["创业担保贷款", "扶持创业", "带动就业"],
     "held-out class: a clause with its own verb and object keeps its metric"),
    ("全省建成水文站点１２３个、监测设施８２６座。", ["水文站点", "监测设施"],
     "held-out class: full-width counts"),
    ("全市建成雨量站４５处，监测设施８２６座，覆盖率达９８．５％。", ["雨量站", "监测设施", "覆盖率"],
     "held-out class: full-width counts in a series of clauses"),
    ("全市共有12家二级及以上医院。", ["二级及以上医院"], "blind real class: a level bound inside the noun"),
    ("为慢特病患者全额支付25种限定的基本药物。", ["基本药物"], "blind real class: the head after 的"),
    ("今年规划新增85个农村5G基站。", ["5G基站"], "blind real class: a code of letters inside the noun"),
    ("对首次购房的产业工人给予购房补贴，每户最高5万元。", ["购房补贴"],
     "heldout9: a sum per household takes the payment named before it"),
    ("计划在年底前建成15个省级中小企业特色产业集群服务站。", ["服务站"],
     "heldout9: a long noun keeps its head, not its first twelve characters"),
    ("目前，全省已有19个市（州）出台配套激励办法。", ["市(州)"], "heldout29: a short bracket of alternatives closes the noun"),
    ("全区共组建108个家庭医生签约服务团队。", ["家庭医生签约服务团队"],
     "real page: a verb inside a compound noun closed by its head (团队)"),
    ("尤溪等县新建7个竹山物理分解点，目前6个已竣工。", ["竹山物理分解点", ""], "real page: 分解|点"),
    ("全市428家小作坊接入市级智慧监管平台。", ["小作坊"], "a predicate with its object is no part of the noun"),
    ("市财政设立总额3000万元的县域商业发展专项资金。", ["县域商业发展专项资金"],
     "heldout27: a size word before the sum, the thing it sizes after 的"),
    ("联合保险公司建立1亿元的风险补偿资金池。", ["风险补偿资金池"], "real page: a verb of setting up alone before the sum"),
    ("研究设立规模5亿元的中小企业数字化转型引导基金的可行性。", ["中小企业数字化转型引导基金"],
     "heldout4: the name ends at the next 的"),
    ("全区婴幼儿入托率达到12.8%，比全市平均水平高出约2个百分点。",
     ["入托率", "入托率比全市平均水平高出"], "heldout27: 比…高出"),
    ("农村自来水普及率达到91.3%，规模化供水工程覆盖农村人口比例达到58.7%，同比分别提高1.8个百分点和4.5个百分点。",
     ["农村自来水普及率", "覆盖农村人口比例", "农村自来水普及率提高", "覆盖农村人口比例提高"],
     "heldout27: changes after 分别 measure the levels before them, one by one"),
    ("全市林产品加工企业达到412家，核桃油、油茶籽油年加工能力分别达到1.5万吨和0.8万吨。",
     ["林产品加工企业", "年加工能力", "年加工能力"], "levels after 分别达到 are no changes of the figures before"),
    ("但丘陵山区县综合机械化率仅为52.6%，比全国平均水平低21.7个百分点。",
     ["丘陵山区县综合机械化率", "丘陵山区县综合机械化率比全国平均水平低"],
     "heldout26: a gap written 比…平均水平低 keeps the subject before it"),
]

# The same sentences with full-width digits: attribution must not depend on width.
FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@pytest.mark.parametrize("text", [t for t, _, _ in METRICS])
def test_full_width_digits_attribute_like_half_width(text):
    half = [(f.span, f.value, f.unit, f.metric) for f in run(text)]
    full = [(f.span, f.value, f.unit, f.metric) for f in run(text.translate(FULL_WIDTH))]
    assert full == half


@pytest.mark.parametrize("text,hints,why", METRICS)
def test_metric(text, hints, why):
    figs = run(text)
    assert len(figs) == len(hints)
    for f, h in zip(figs, hints):
        assert h in (f.metric or ""), (f.surface, f.metric, why)
        assert len(f.metric or "") <= 30


def test_period_resolves_relative_years():
    doc = Document.from_text("今年新增企业12家。")
    reply = Reply(doc_id="t", text=doc.text)
    reply.meta.reply_date = "2023-06-01"
    assert figures.extract(doc, reply)[0].period == "2023"


def test_odd_input_gives_empty():
    assert run("") == []
    assert run("\u200b\t\n") == []


SHARED = Path(__file__).parents[1] / ".." / "shared"


@pytest.mark.skipif(not (SHARED / "eval" / "dev").is_dir(), reason="shared gold corpus not present")
def test_dev_gold_values_found():
    """Every required gold figure of the dev set is found (value and unit)."""
    from reply_extractor import extract
    missed = []
    for gpath in sorted((SHARED / "eval" / "dev").glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        rec = extract(SHARED / "corpus" / "dev" / f"{gold['doc_id']}.txt")
        got = {(float(v), f.unit) for f in rec.figures
               for v in ([f.value] + ([f.value_max] if f.value_max is not None else []))}
        for g in gold["figures"]:
            if not g.get("optional") and (float(g["value"]), g["unit"]) not in got:
                missed.append((gold["doc_id"], g["surface"]))
    assert not missed


def test_never_raises_on_scrambled_text():
    """Peers raised on odd input; scrambled numerals, units and marks must give spans or nothing."""
    import random
    rnd = random.Random(7)
    alphabet = "0123456789一二三四五六七八九十百千万亿余多元人个%％，。、至-—~/\t\n《》“”第年月日号以上约近超过最高两角分"
    for _ in range(300):
        run("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))))


@pytest.mark.parametrize("sentence, surface, region", [
    ("2022年，全市规上工业增加值862.4亿元。", "862.4亿元", "慈溪市"),        # relative word, from the issuer
    ("宁波市新增企业30家，其中慈溪9家。", "9家", "慈溪市"),                 # the nearest place named before
    ("宁波市新增企业30家。", "30家", "宁波市"),
    ("新增企业30家。", "30家", None),                                     # not stated: not guessed
    # issue 7: a place inside a name states nothing; the reporter is who counts
    ("发布“浙江制造”标准12项。", "12项", None),                             # inside quotes
    ("新增宁波级工程技术中心42家。", "42家", None),                          # a level word
    ("全市新增企业30家，宁波级研究院5家。", "5家", "慈溪市"),                 # ... the scope before it holds
    ("照明产业入选全省新一轮质量提升行动11个特色产业名单。", "11个", None),   # the level of a list entered
    ("立项宁波市重大科技攻关项目8个。", "8个", None),                         # the level of projects won
    ("新增注册商标6680件，居宁波第1。全市累计新增企业30家。", "30家", "慈溪市"),
    ("增速位居宁波第2，新增注册商标6680件。", "6680件", None),              # a ranking's scope
    ("开展了宁波市乡村振兴慈溪选拔赛，产生高技能人才500余名。", "500余名", None),  # an event's name
    ("全市举办各类职业技能竞赛52场。", "52场", "慈溪市"),                    # a relative word is a scope
])
def test_region_is_the_place_the_sentence_states(sentence, surface, region):
    from reply_extractor import extract
    reply = extract(f"慈溪市经济和信息化局\n\n关于第1号建议的答复\n\n{sentence}\n")
    assert {f.surface: f.region for f in reply.figures}[surface] == region


@pytest.mark.parametrize("sentence, surface, direction", [
    ("规上工业增加值同比增长12.3%。", "12.3%", "increase"),
    ("补助标准提高到每亩1000元。", "1000元", "increase"),              # a rate frame between
    ("全年减少碳排放约1.1万吨。", "1.1万吨", "decrease"),              # the verb's object between
    ("通关时间分别压缩至35小时和12小时。", "12小时", "decrease"),        # a series shares it
    ("全市规上工业增加值862.4亿元。", "862.4亿元", None),              # 增加值 is a noun
    ("入选全省新一轮质量提升行动11个特色产业名单。", "11个", None),      # 提升 inside a name
])
def test_direction_comes_from_the_verb_that_governs_the_figure(sentence, surface, direction):
    from reply_extractor import extract
    reply = extract(f"慈溪市经济和信息化局\n\n关于第1号建议的答复\n\n{sentence}\n")
    assert {f.surface: f.direction for f in reply.figures}[surface] == direction


# --- pathological input and long one-line pages (review: quadratic paths) ---

@pytest.mark.parametrize("text, provenance", [
    ("共计" + "万" * 3000 + "元。", "review: 3000 × 万 took 4 s (every cut of the magnitude run tried)"),
    ("账号" + "1" * 30 + "元，另有" + "2" * 30 + "万元。", "review: a 30-digit numeral raised InvalidOperation"),
    ("“" * 3000 + "投入1万元", "unclosed quotes"),
])
def test_pathological_input_gives_no_bogus_figure(text, provenance):
    assert run(text) == [] or all(f.value < 10**12 for f in run(text))


def one_line_page(n: int = 300) -> str:
    """An invented glued page: one line, hundreds of figures, periods, rankings."""
    return "".join(f"{2015 + i % 8}年，第{i}片区完成投资{i}.5亿元，同比增长{i % 9}.2%，惠及{i * 3}人；"
                   for i in range(1, n))


def test_periods_by_bisection_equal_the_scan_from_the_paragraph_start():
    from reply_extractor.extractors.figures import period as ctx
    from reply_extractor.extractors.figures.scan import protected_spans
    from reply_extractor.positions import Protected
    text = ("2020年比2019年增长5%，《2018年规划》中的目标。2021年1-6月投入3亿元\n"
            "去年新增200人，“2017年工程”完成；2022年，今年再增8%。" + one_line_page(40))
    skip = Protected(protected_spans(text))
    periods = ctx.Periods(text, 2023, skip)
    for pos in range(len(text) + 1):
        para = text.rfind("\n", 0, pos) + 1
        assert periods.of(para, pos) == ctx.period_of(text, para, pos, 2023, skip), pos


def test_stops_equal_walking_back():
    from reply_extractor.extractors.figures import context as ctx
    from reply_extractor.positions import Stops
    from reply_extractor.textutil import sentence_bounds
    text = "一、总体情况。\n  全市投入5亿元，增长3%；其中：\n\n省级1亿元！  " + one_line_page(5)
    sentences, clauses = Stops(text), Stops(text, ctx.CLAUSE_DELIMS)
    for pos in range(len(text)):
        assert sentences.start(pos) == ctx.sentence_start(text, pos)
        assert clauses.start(pos, 7) == ctx.clause_start(text, pos, 7)
        assert sentences.bounds(pos) == sentence_bounds(text, pos)


def test_a_long_one_line_page_reads_every_figure():
    text = one_line_page()
    figs = run(text)
    assert len([f for f in figs if f.unit == "元"]) == 299
    assert figs[0].period == "2016" and figs[-1].period == str(2015 + 299 % 8)


@pytest.mark.parametrize("text, metric, metric_surface, provenance", [
    ("全市新增就业2.1万人。", "新增就业", "新增就业", "the clause's own phrase"),
    ("对新认定的企业给予20万元奖励。", "奖励", "奖励", "named after the sum, same clause"),
    ("补助资金已拨付。全市安排资金3亿元，同比增长12%。", None, None,
     "review: a change metric assembled from an earlier figure has no span of its own"),
])
def test_metric_span_lies_in_the_figures_clause(text, metric, metric_surface, provenance):
    f = run(text)[0] if metric != None else run(text)[-1]
    if metric_surface is None:
        assert f.metric_span is None or text[f.metric_span[0]:f.metric_span[1]] == f.metric
        return
    assert f.metric == metric
    s, e = f.metric_span
    assert text[s:e] == metric_surface
    clause_start = max(text.rfind(c, 0, f.span[0]) for c in "，。") + 1
    assert clause_start <= s


def test_table_metric_span_points_at_its_header():
    text = "完成投资情况说明\n完成投资要点。\n镇街\t完成投资（万元）\n东镇\t9200\n西镇\t800"
    figs = [f for f in run(text) if f.in_table]
    assert figs and all(f.metric == "完成投资" for f in figs)
    header = text.index("完成投资（万元）")
    assert all(f.metric_span == (header, header + 4) for f in figs)


@pytest.mark.parametrize("text, surface, value, qualifier", [
    # shared-corpus class (optional in the gold): shares written in words
    ("采纳率超过八成。", "八成", "80", "at_least"),
    ("近四成企业参与。", "四成", "40", "at_most"),
    ("专家约占三分之二。", "三分之二", "66.666667", "approx"),
    ("补贴为缴费的三分之二。", "三分之二", "66.666667", "approx"),   # no finite decimal: approx
    ("覆盖四分之一以上的村。", "四分之一以上", "25", "at_least"),
    ("完成9成以上任务。", "9成以上", "90", "at_least"),
])
def test_shares_in_words_are_percentages(text, surface, value, qualifier):
    doc = Document.from_text(text)
    got = {f.surface: f for f in figures.extract(doc, Reply("t", text))}
    f = got[surface]
    assert (str(f.value), f.unit, f.qualifier) == (value, "%", qualifier)
    assert text[f.span[0]:f.span[1]] == surface


@pytest.mark.parametrize("text", ["坚持一成不变。", "统一成本核算。", "新增三成员单位。", "赴成都市考察。"])
def test_cheng_that_is_no_share(text):
    assert not figures.extract(Document.from_text(text), Reply("t", text))


def test_a_chinese_numeral_opening_a_programme_name_is_no_figure():  # heldout28
    assert [f.surface for f in run("全面实施千亿斤粮食产能建设工程，粮食总产量达到858.6亿斤。")] == ["858.6亿斤"]
    assert [f.surface for f in run("实施粤菜师傅、广东技工、南粤家政三项工程。")] == ["三项"]


@pytest.mark.parametrize("text, metric", [
    ("但丘陵山区县综合机械化率仅为52.6%。", "丘陵山区县综合机械化率"),   # heldout26
    ("而新补充人员年均仅八十人左右。", "新补充人员年均"),                 # heldout10
    ("小区绿化覆盖率仍在30%以上。", "小区绿化覆盖率"),                    # heldout17
])
def test_a_metric_drops_the_conjunction_before_it_and_the_adverb_after_it(text, metric):
    assert [f.metric for f in run(text)] == [metric]


@pytest.mark.parametrize("text, metrics", [
    # heldout39: a part of a whole named by where it is, or by nothing, in a state
    ("新建乡镇中心幼儿园6所，其中城区4所已完工，郊区2所正在施工。",
     ["新建乡镇中心幼儿园", "新建乡镇中心幼儿园完工", "新建乡镇中心幼儿园施工"]),
    ("新建乡镇中心幼儿园6所，其中当雄县、尼木县的4所已于5月完工投用。",
     ["新建乡镇中心幼儿园", "新建乡镇中心幼儿园"]),
    ("全市已加装电梯96部，另有40部正在施工。", ["加装电梯", "加装电梯施工"]),   # heldout3
    # heldout41: the names listed are the things counted; 站 closes the noun
    ("完成布哈河、沙柳河2座水质自动站的升级改造。", ["水质自动站"]),
    ("在北京、上海等5个城市开展试点。", ["城市"]),
])
def test_a_count_takes_the_thing_counted_not_where_it_is(text, metrics):
    assert [f.metric for f in run(text)] == metrics


def test_satellite_scenes_are_counted_in_jing():  # heldout41
    assert [(f.surface, f.value, f.unit) for f in run("共获取高分辨率影像1.2万景。")] == [("1.2万景", 12000, "景")]
    assert run("打造西湖十景。") == []


@pytest.mark.parametrize("text, surface, value, unit", [
    ("已赋码产品4.3亿袋。", "4.3亿袋", 430000000, "袋"),        # heldout47
    ("开展交叉执法检查14轮次。", "14轮次", 14, "轮次"),        # heldout51: not 14轮
])
def test_bags_and_rounds_are_counted(text, surface, value, unit):
    assert [(f.surface, f.value, f.unit) for f in run(text)] == [(surface, value, unit)]


@pytest.mark.parametrize("text, metric", [
    # realpages2-sanming: examples listed after a count, then the noun they are of
    ("具备2项以上羽毛球、乒乓球、游泳等常规运动项目。", "具备常规运动项目"),
    ("新增3家银行、保险等金融机构。", "金融机构"),
    # ... but not a sentence running on after the noun (慈溪 dev: 4家企业在德国、日本等地)
    ("目前已有4家企业在德国、日本等地设立海外研发中心。", "企业"),
    # realpages2-sanming, heldout20: a stretch naming the term it is
    ("通过设置60天待遇等待期等政策激励参保。", "待遇等待期"),
    ("依法给予3至6个月的宽限期。", "宽限期"),
    ("要求高级职称人员在3年聘期内做到“五个一”。", "聘期"),
])
def test_the_noun_a_count_or_a_stretch_names_after_it(text, metric):
    assert [f.metric for f in run(text)][0] == metric


def test_a_part_in_brackets_measures_the_whole_in_its_state():  # realpages2-pingtan
    assert [f.metric for f in run("已有202名台胞申请（其中105名已入住）。")] == ["台胞", "台胞入住"]


def test_a_number_before_a_glued_jie_ci_label_is_no_count():  # heldout42: 编号：42届次：…
    assert run("编号：42届次：青川市第十六届人民代表大会第五次会议") == []
    assert [f.surface for f in run("已连续举办19届林博会。")] == ["19届"]


@pytest.mark.parametrize("text, got", [
    # heldout43: a gap to the average measures the subject before it; a series writes its unit once
    ("2025年全市规上工业增加值同比增长8.3%，高于全国平均2.5个百分点。",
     [("8.3%", "%", "规上工业增加值增长"), ("2.5个百分点", "个百分点", "规上工业增加值高于平均")]),
    ("报销比例分别为85.2%、71.6%，分别高于全省平均3.4个、2.9个百分点。",
     [("85.2%", "%", "报销比例"), ("71.6%", "%", "报销比例"),
      ("3.4个", "个百分点", "报销比例高于平均"), ("2.9个百分点", "个百分点", "报销比例高于平均")]),
])
def test_gaps_to_the_average(text, got):
    assert [(f.surface, f.unit, f.metric) for f in run(text)] == got


@pytest.mark.parametrize("text, got", [
    # heldout42: after 为期 a Chinese numeral counts a stretch, and the stretch measures what lasts
    ("对入驻企业开展为期三年的跟踪帮扶。", [("三年", 3, "年", "跟踪帮扶")]),
    ("开展为期1年的对口帮扶。", [("1年", 1, "年", "对口帮扶")]),
    ("举办为期3天的莆田好枇杷云端精准产销会。", [("3天", 3, "天", "莆田好枇杷云端精准产销会")]),  # realpages2
    ("实施三年行动计划。", []),  # a name stays a name
])
def test_a_stretch_after_wei_qi(text, got):
    assert [(f.surface, f.value, f.unit, f.metric) for f in run(text)] == got


@pytest.mark.parametrize("text, metric", [
    # heldout50: the 、 of a bracket of alternatives joins no clauses
    ("全年约谈项目县（市、区）9个，通报批评3个。", "约谈项目县(市、区)"),
    # a metric cut inside a bracket starts after it
    ("今年年底前，将在每个县（市、区）至少建成1家公办托育综合服务中心。", "建成公办托育综合服务中心"),
])
def test_brackets_of_alternatives_in_a_metric(text, metric):
    assert run(text)[0].metric == metric


def test_seconds_and_milliseconds_are_durations():  # heldout43, heldout50
    got = [(f.surface, f.value, f.unit) for f in run("端到端时延控制在20毫秒以内，平均响应时间不足3秒。")]
    assert got == [("20毫秒以内", 20, "毫秒"), ("3秒", 3, "秒")]
    assert run("推行“秒批”服务，3秒办结。") == []  # 秒办 is a word


@pytest.mark.parametrize("text, got", [
    # heldout51: a penalty a law sets is the metric of its bounds
    ("对违法单位处五万元以上二十万元以下的罚款。", [("五万元以上", 50000, "罚款"), ("二十万元以下", 200000, "罚款")]),
    ("处警告或者五元以上五十元以下罚款。", [("五元以上", 5, "罚款"), ("五十元以下", 50, "罚款")]),
    # heldout52: a comma between full-width digits groups thousands; between half-width ones it lists
    ("专职教师达到８，９３０名。", [("８，９３０名", 8930, "专职教师")]),
    # heldout54: a space grouping thousands before a unit
    ("帮助1 200名农民工追回工资。", [("1 200名", 1200, "帮助农民工")]),
])
def test_penalties_and_full_width_thousands(text, got):
    assert [(f.surface, f.value, f.metric) for f in run(text)] == got



def test_a_totals_parts_named_by_place_measure_the_total():  # heldout56: amounts too, not only counts
    got = [f.metric for f in run("2025年全市新建高标准农田24.6万亩，其中当阳市7.2万亩、枝江市6.8万亩。")]
    assert got == ["新建高标准农田"] * 3

    # the field the places share, named before them (省级重点村中，赤水市12个、湄潭县9个)
    got = [f.metric for f in run("省级重点村中，赤水市12个、湄潭县9个、仁怀市7个。")]
    assert got == ["省级重点村"] * 3


def test_parts_named_by_township_and_the_rest_summed_measure_the_total_there():  # heldout56, heldout61
    # (no region holds a township: the metric names it)
    got = [f.metric for f in run("全区新建养老驿站18家，其中漷县镇5家、于家务回族乡4家、张家湾镇2家。")]
    assert got == ["新建养老驿站", "漷县镇新建养老驿站", "于家务回族乡新建养老驿站", "张家湾镇新建养老驿站"]
    got = [f.metric for f in run("全县完成户厕改造4860户，其中正定镇1120户、南牛乡720户，其余乡镇合计570户。")]
    assert got == ["户厕改造", "正定镇户厕改造", "南牛乡户厕改造", "其余乡镇户厕改造"]
    # a sentence of parts opening with 其中 measures the total counted just before
    got = [f.metric for f in run("全县完成污水治理的村达到68个。其中，正定镇14个，其余乡镇（街道）合计26个。")]
    assert got == ["污水治理的村", "正定镇污水治理的村", "其余乡镇(街道)污水治理的村"]

    # the total in the same unit, not the figure just before (新增学位1.38万个), and a
    # place whose name holds 和 (太和县)
    got = [f.metric for f in run("全市新建公办幼儿园46所，新增学位1.38万个，其中临泉县14所、太和县11所。")]
    assert got == ["新建公办幼儿园", "新增学位", "新建公办幼儿园", "新建公办幼儿园"]

    # another place's figure measures what the first did, without that place (城区… 县域…)
    got = [f.metric for f in run("城区每万人拥有全科医生5.3名，县域仅为2.9名。")]
    assert got == ["城区每万人全科医生", "每万人全科医生"]


def test_a_number_after_the_unit_it_counts_in():  # heldout45, heldout46: 诊疗人次达到1.12亿
    got = [(f.surface, f.value, f.unit) for f in run("线上观看人次超过120万，全年诊疗人次达到1.12亿。")]
    assert got == [("120万", 1200000, "人次"), ("1.12亿", 112000000, "人次")]


def test_an_age_bounds_the_group_after_it():  # heldout46: 60周岁及以上老年人口
    assert run("全区60周岁及以上老年人口达到23.6万人。")[0].metric == "老年人口"
    assert run("年满65岁的老年人可享受免费乘车。")[0].metric == "老年人"


@pytest.mark.parametrize("text, metric", [
    # heldout59: a part of the year is a time, and a clause naming only when measures the
    # trend named just before
    ("县城义务教育阶段在校生逐年增加，2025年秋季学期达到3.46万人。", "县城义务教育阶段在校生"),
    ("全市电动自行车保有量持续增长，目前已达586万辆。", "电动自行车保有量"),
    # the 前 of a deadline is no part of the metric
    ("力争年底前再新增公交专用道30公里以上。", "新增公交专用道"),
    ("汛期前对全市自动气象站328个开展巡检。", "自动气象站"),
])
def test_times_of_the_year_and_trends_before(text, metric):
    assert run(text)[0].metric == metric


@pytest.mark.parametrize("text, unit", [
    # heldout64, heldout22: the unit as written, one of each sector
    ("集装箱吞吐量286.4万标准箱。", "标准箱"),
    ("集装箱吞吐量56万TEU。", "TEU"),
    ("运营里程8240万车公里。", "车公里"),
    ("昼间等效声级53.4分贝。", "分贝"),
    ("马铃薯单产1850公斤/亩。", "公斤/亩"),
])
def test_sector_units_as_written(text, unit):
    assert [f.unit for f in run(text)] == [unit]


@pytest.mark.parametrize("text, metric", [
    ("我区共有9个案例入选。", "案例入选"),                 # heldout62: 个案 is no word here
    ("②建成低温分拣配送中心4个。", "建成低温分拣配送中心"),   # heldout63: a circled item number opens no metric
    ("全市即办件占比达到61.3%。", "即办件占比"),            # heldout70: the 即 of 即办件 is no 'namely'
    ("全区1486名各级河长全年累计巡河10.7万人次。", "各级河长"),  # a pronoun of levels opens the noun
    ("已有11个社会投资停车场项目享受补助。", "社会投资停车场项目"),  # a bare 补助 says less
])
def test_counted_nouns_after_the_count(text, metric):
    assert run(text)[0].metric == metric


def test_a_part_of_the_count_before_measures_what_it_counted():  # heldout62: 43个街乡中的41个
    assert [f.metric for f in run("覆盖全区43个街乡中的41个。")] == ["覆盖全区街乡", "街乡"]


def test_half_written_as_banshu_is_fifty_percent():  # heldout69
    got = [(f.surface, f.value, f.unit, f.qualifier) for f in run("低收入农户中半数以上的家庭得到产业帮扶。")]
    assert got == [("半数以上", 50, "%", "at_least")]
    assert run("已有一半数量的站点完成改造。") == []
