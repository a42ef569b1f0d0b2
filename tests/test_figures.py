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
    ("诊断报告900多份。", "900多份", "900", "份", "approx_more", "corpus"),
    ("产值超过百亿元。", "百亿元", "10000000000", "元", "at_least", "corpus"),
    ("培养300人以上的人才。", "300人以上", "300", "人", "at_least", "corpus"),
    ("费用控制在3元以下。", "3元以下", "3", "元", "at_most", "corpus"),
    ("失业率控制在1.9%以内。", "1.9%以内", "1.9", "%", "at_most", "corpus"),
    ("单个项目最高补助300万元。", "300万元", "3000000", "元", "at_most", "corpus"),
    ("亩均税收不低于15万元。", "15万元", "150000", "元", "at_least", "corpus"),
    ("增长近30%。", "30%", "30", "%", "approx", "corpus"),
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
    ("办理时限压缩至8个工作日。", "8个工作日", "8", "工作日", None, "duration"),
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
    ("2021年，2023年6月，5月17日，2022年底前完成。", "years and dates"),
    ("位居宁波第2，第一条，第61号建议。", "ordinals and identifiers"),
    ("慈经信〔2023〕15号。联系电话：0574-63081276。", "文号, phone"),
    ("打造“246”产业集群，落实“4个五百万”政策。", "quoted names"),
    ("印发《2023年十项重点工作方案》。", "titles"),
    ("实施十大产业链，制定三年行动计划。", "lexical Chinese numerals"),
    ("张三等5位代表：", "the X in X等5位代表"),
    ("市十八届人大二次会议。", "session numbers"),
    ("一是加强统一领导，进一步推进一体化，一批企业，十分重视。", "lexical 一"),
    ("保持两位数增长，推进二期项目。", "两位数, 二期"),
    ("坚持四个全面。", "set phrase"),
    ("入选第一、二、三批名单，第1-3批。", "ordinals in a series"),
    ("数十家企业，几百人。", "vague Chinese numerals"),
    ("打造4A级景区，建设5G基站。", "grades and codes"),
]


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


def test_table_units_in_row_headers_and_years_in_columns():
    """corpora/shouguang-like: 指标 | 2021年 | 2022年 with the unit in each row label."""
    text = "表1　主要指标\n指标\t2021年\t2022年\n研发经费投入（亿元）\t21.3\t24.9\n高新技术企业（家）\t128\t163"
    got = [(f.value, f.unit, f.metric, f.period) for f in run(text)]
    assert (Decimal(2490000000), "元", "研发经费投入", "2022") in got
    assert (Decimal(128), "家", "高新技术企业", "2021") in got


def test_table_unit_from_caption():
    text = "各镇投资情况（单位：万元）\n镇名\t投资额\n甲镇\t1,200"
    f = one(text)
    assert (f.value, f.unit, f.metric) == (Decimal(12000000), "元", "投资额")


METRICS = [
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
]


@pytest.mark.parametrize("text,hints,why", METRICS)
def test_metric(text, hints, why):
    figs = run(text)
    assert len(figs) == len(hints)
    for f, h in zip(figs, hints):
        assert h in f.metric, (f.surface, f.metric, why)
        assert len(f.metric) <= 30


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
