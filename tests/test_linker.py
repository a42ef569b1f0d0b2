"""Linking replies: one canonical id per real policy, programme, agency and
region across replies; look-alikes kept apart; conflicts between replies.

Records here are small hand-made dicts in the shape of Reply.to_dict(), with
invented names unless the row says it stands for a phenomenon of the dev corpus
(its README lists the variant spellings and the look-alikes)."""
import json
import os
from pathlib import Path

import pytest

from reply_extractor.extractors.mentions import find, issuer_place
from reply_extractor.linker import link_directory, link_records
from reply_extractor.normalize import policy_key, program_key
from reply_extractor.regions import place_of, region_prefix_len
from reply_extractor.sinks.jsonfile import write_json

from corpus import SHARED, write_linked_batch


def record(doc_id, issuer, policies=(), programs=(), figures=(), text=None):
    """A record whose items are found in its text (spans true to the text)."""
    names = list(policies) + list(programs)
    text = text or (issuer + "\n" + "；".join(names) + "。")

    def item(name):
        s = text.index(name)
        return {"span": [s, s + len(name)], "surface": name, "name": name.strip("《》"),
                "canonical_id": None}

    return {"schema_version": "1.0", "doc_id": doc_id, "text": text,
            "meta": {"issuer": issuer}, "measures": [], "figures": list(figures), "rankings": [],
            "commitments": [], "policies": [item(p) for p in policies],
            "programs": [item(p) for p in programs], "mentions": [], "warnings": []}


def ids(records, field):
    return [it["canonical_id"] for r in records for it in r[field]]


# --- programmes ----------------------------------------------------------------

# (spellings of one programme, in different replies; provenance)
SAME_PROGRAM = [
    (["“甬江英才计划”", "“甬江英才”工程", "甬江英才"], "dev README: ningbo-yongjiang-talent"),
    (["宁波“甬江英才”工程", "甬江英才计划"], "dev: a place before the quotes is context"),
    (["“上林工匠”", "“上林工匠”培育工程", "“上林工匠”系列人才"], "dev README: cixi-shanglin-craftsman"),
    (["“246”万千亿级产业集群", "“246”产业集群"], "dev README: the quoted core names it"),
    (["专精特新“小巨人”", "国家级专精特新“小巨人”企业"], "dev README: little-giant"),
    (["“青溪英才”系列计划", "青溪英才计划"], "invented: generic tails 系列计划/计划"),
    (["“互联网+示范亮灶”", "“示范亮灶”"], "held-out class: generic prefix 互联网+ dropped"),
    (["“智慧示范食堂”工程", "“示范食堂”"], "held-out class: generic prefix 智慧 dropped"),
    (["“阳光示范招生”", "“示范招生”", "“阳光示范招生”行动"], "held-out class: generic prefix 阳光 dropped"),
]


@pytest.mark.parametrize("spellings,why", SAME_PROGRAM)
def test_program_variants_share_an_id(spellings, why):
    recs = [record(f"d{i}", "慈溪市科学技术局", programs=[s]) for i, s in enumerate(spellings)]
    link_records(recs)
    assert len(set(ids(recs, "programs"))) == 1, why


# (two names that look alike but are different programmes; provenance)
LOOK_ALIKES = [
    ("“甬江英才计划”", "“甬江青才计划”", "dev README: talent vs youth talent"),
    ("“上林英才计划”", "“上林工匠”", "dev README: talent vs skilled workers"),
    ("“上林工匠”", "“甬上工匠”", "dev README"),
    ("“未来社区”", "“未来乡村”", "dev README"),
    ("“未来乡村”", "“未来工厂”", "dev README"),
    ("“千万工程”", "“千村精品、万村美丽”", "dev README"),
    ("“双倍增”行动", "优质企业“倍增”行动", "dev README"),
    ("千万工程", "千万行动", "invented: a short core keeps its tail (千万 alone says nothing)"),
]


def test_short_programme_name_with_two_prefixed_forms_stays_apart():
    """held-out class (conservative): 示范亮灶 is a suffix of two longer names, so of neither."""
    recs = [record(f"d{i}", "某某县市场监督管理局", programs=[n])
            for i, n in enumerate(["“互联网+示范亮灶”", "“智慧示范亮灶”", "“示范亮灶”"])]
    link_records(recs)
    assert len(set(ids(recs, "programs"))) == 3


@pytest.mark.parametrize("a,b", [("“示范乡村振兴”", "“乡村振兴”"), ("“数字示范”", "“示范”")])
def test_non_generic_prefix_or_too_short_name_stays_apart(a, b):
    """held-out class: only a listed generic prefix joins (示范 is no such word;
    a two-character short name says too little)."""
    recs = [record("d1", "某某县农业农村局", programs=[a]), record("d2", "某某县农业农村局", programs=[b])]
    link_records(recs)
    first, second = ids(recs, "programs")
    assert first != second


@pytest.mark.parametrize("a,b,why", LOOK_ALIKES)
def test_look_alike_programs_stay_apart(a, b, why):
    recs = [record("d1", "慈溪市农业农村局", programs=[a]), record("d2", "慈溪市农业农村局", programs=[b])]
    link_records(recs)
    first, second = ids(recs, "programs")
    assert first != second, why


@pytest.mark.parametrize("name,key", [
    ("“甬江英才计划”", "甬江英才"),
    ("“千村示范、万村整治”工程", "千村示范万村整治"),
    ("“水稻＋”模式", "水稻+"),
    ("千万工程", "千万工程"),
])
def test_program_keys_are_readable(name, key):
    assert program_key(name) == key


# --- policies --------------------------------------------------------------------

def test_policy_cited_three_ways_in_one_county_links():
    """dev README cixi-mfg-policy: with the place, without 《》, with 关于 and 的."""
    recs = [
        record("a", "慈溪市经济和信息化局", policies=["《慈溪市加快推进制造业高质量发展若干政策意见》"]),
        record("b", "慈溪市经济和信息化局", policies=["关于加快推进制造业高质量发展若干政策意见"]),
        record("c", "慈溪市科学技术局", policies=["《关于加快推进制造业高质量发展的若干政策意见》"]),
        record("d", "宁波市经济和信息化局", policies=["《宁波市加快推进制造业高质量发展的若干意见》"]),
    ]
    link_records(recs)
    a, b, c, d = ids(recs, "policies")
    assert a == b == c == "policy:慈溪市/加快推进制造业高质量发展若干政策意见"
    assert d == "policy:宁波市/加快推进制造业高质量发展若干意见"


def test_unprefixed_title_takes_the_issuers_place():
    """The same bare title from two counties is two documents."""
    recs = [record("a", "慈溪市教育局", policies=["《中小学校园安全管理办法》"]),
            record("b", "余姚市教育局", policies=["《中小学校园安全管理办法》"])]
    link_records(recs)
    a, b = ids(recs, "policies")
    assert a == "policy:慈溪市/中小学校园安全管理办法" and b == "policy:余姚市/中小学校园安全管理办法"


def test_unprefixed_title_links_to_the_one_above_the_issuer():
    """A county reply citing its city's document without the city's name."""
    recs = [record("a", "宁波市科学技术局", policies=["《宁波市科技创新券管理办法》"]),
            record("b", "慈溪市科学技术局", policies=["《科技创新券管理办法》"])]
    link_records(recs)
    a, b = ids(recs, "policies")
    assert a == b == "policy:宁波市/科技创新券管理办法"


def test_a_ministrys_unprefixed_title_is_national_for_a_province():
    """heldout shape: a ministry and a provincial department cite one national plan."""
    recs = [record("a", "中华人民共和国教育部", policies=["《示范教育发展提升行动计划》"]),
            record("b", "四川省教育厅", policies=["《示范教育发展提升行动计划》"]),
            record("c", "四川省教育厅", policies=["《示范教育招生管理办法》"])]
    link_records(recs)
    a, b, c = ids(recs, "policies")
    assert a == b == "policy:中国/示范教育发展提升行动计划"
    assert c == "policy:四川省/示范教育招生管理办法"


def test_a_title_opening_with_a_national_word_is_the_countrys_whoever_cites_it():
    """heldout34: a county and a district cite one national plan without its issuer."""
    recs = [record("a", "齐齐哈尔市农业农村局", policies=["《全国高标准农田建设规划（2021—2030年）》"]),
            record("b", "苏州市吴江区农业农村局", policies=["《全国高标准农田建设规划（2021—2030年）》"])]
    link_records(recs)
    a, b = ids(recs, "policies")
    assert a == b and a.startswith("policy:中国/")


# held-out class: the issuing body written before the 《》 scopes the title like
# the body written inside it (invented names)
ISSUER_OUTSIDE = [
    ("国务院办公厅", "《关于推进示范养老服务发展的意见》", "《国务院办公厅关于推进示范养老服务发展的意见》"),
    ("某某省人民政府", "《关于加快示范园区建设的通知》", "《某某省人民政府关于加快示范园区建设的通知》"),
    ("市政府", "《关于加快示范园区建设的通知》", "《市政府关于加快示范园区建设的通知》"),  # both from one city
    ("国家发改委", "《关于示范产业发展的指导意见》", "《国家发展和改革委员会关于示范产业发展的指导意见》"),
]


@pytest.mark.parametrize("issuer,outside,inside", ISSUER_OUTSIDE)
def test_issuer_before_the_title_keys_like_issuer_inside(issuer, outside, inside):
    """held-out class: 国务院办公厅《关于X》 in one reply, 《国务院办公厅关于X》 in another."""
    other = "宁波市教育局" if issuer.startswith("市") else "余姚市教育局"
    recs = [record("a", "宁波市民政局", policies=[outside]), record("b", other, policies=[inside])]
    recs[0]["policies"][0]["issuer"] = issuer
    link_records(recs)
    a, b = ids(recs, "policies")
    assert a == b, (a, b)


def test_different_issuers_before_one_title_stay_apart():
    """held-out class (distinct things): the same title from two bodies is two documents."""
    recs = [record("a", "某某县民政局", policies=["《示范养老服务管理办法》"]),
            record("b", "某某县民政局", policies=["《示范养老服务管理办法》"])]
    recs[0]["policies"][0]["issuer"] = "财政部"
    recs[1]["policies"][0]["issuer"] = "民政部"
    link_records(recs)
    a, b = ids(recs, "policies")
    assert a == "policy:财政部/示范养老服务管理办法" and b == "policy:民政部/示范养老服务管理办法"


@pytest.mark.parametrize("name,scope,title", [
    ("《慈溪市制造业数字化改造三年行动方案（2022—2024年）》", "慈溪市", "制造业数字化改造三年行动方案"),
    ("《示范区户籍管理办法（征求意见稿）》", None, "示范区户籍管理办法"),
    ("国家税务总局关于税收征管若干事项的公告", "国家税务总局", "税收征管若干事项公告"),
    ("浙江省城镇老旧小区改造三年行动计划", "浙江省", "城镇老旧小区改造三年行动计划"),
    ("《市政府关于加快示范园区建设的通知》", None, "市政府加快示范园区建设通知"),  # 市 is relative
])
def test_policy_key(name, scope, title):
    key = policy_key(name, region_prefix_len)
    assert (key.scope, key.title) == (scope, title)


# --- agencies and regions ------------------------------------------------------

def mention_ids(text, issuer):
    return [(m.surface, m.canonical_id) for m in find(text, place_of(issuer))]


@pytest.mark.parametrize("text,issuer,expected", [
    ("会同市经信局、慈溪市经济和信息化局和慈溪市经信局", "慈溪市人力资源和社会保障局",
     [("市经信局", "agency:330282/经济和信息化局"), ("慈溪市经济和信息化局", "agency:330282/经济和信息化局"),
      ("慈溪市经信局", "agency:330282/经济和信息化局")]),
    ("联合市人社局、市人力社保局", "慈溪市教育局",
     [("市人社局", "agency:330282/人力资源和社会保障局"), ("市人力社保局", "agency:330282/人力资源和社会保障局")]),
    ("市发改委和区发改局", "宁波市海曙区教育局",  # a district: 市 is the city above it
     [("市发改委", "agency:330200/发展和改革局"), ("区发改局", "agency:330203/发展和改革局")]),
    ("会同省人社厅、省教育厅，报教育部", "四川省教育厅",  # provincial 厅, a ministry
     [("省人社厅", "agency:510000/人力资源和社会保障厅"), ("省教育厅", "agency:510000/教育厅"),
      ("教育部", "agency:100000/教育部")]),
    ("市教育局与中华人民共和国教育部", "慈溪市教育局",  # a ministry is national whatever the issuer
     [("市教育局", "agency:330282/教育局"), ("中华人民共和国教育部", "agency:100000/教育部")]),
    ("企业出题、政府助题", "慈溪市经济和信息化局", []),  # 政府 alone is not an agency
    ("慈溪市中小学校布局专项规划", "慈溪市教育局", [("慈溪市", "region:330282")]),  # 布局 is a word
])
def test_agency_mentions(text, issuer, expected):
    assert [m for m in mention_ids(text, issuer) if m[1].startswith(("agency", "region"))] == expected


@pytest.mark.parametrize("text,issuer,expected", [
    ("我市新增企业", "慈溪市农业农村局", [("我市", "region:330282")]),
    ("位居全省第一", "慈溪市农业农村局", [("全省", "region:330000")]),
    ("宁波和余姚两地", "慈溪市农业农村局", [("宁波", "region:330200"), ("余姚", "region:330281")]),
    ("新建区域性服务中心", "慈溪市农业农村局", []),  # 新建区 is far away: a word here
])
def test_region_mentions(text, issuer, expected):
    assert mention_ids(text, issuer) == expected


def test_place_missing_from_the_division_table_scopes_by_its_name():
    """real corpus class: a 综合实验区 the division table lacks; its bureaus say 区住建局."""
    issuer = issuer_place({"issuer": "青川综合实验区社会事务局"})
    assert [m.canonical_id for m in find("协同区住建局", issuer)] == ["agency:青川综合实验区/住房和城乡建设局"]


def test_issuer_place_falls_back_to_the_place_the_text_names():
    """corpora: a handling page whose unit is written 县海洋与渔业局, without the county."""
    text = "主办单位：县海洋与渔业局\n我县自2021年起实施《青田县示例方案》，青田县全县推进；会同县财政局落实资金。"
    place = issuer_place({"issuer": "县海洋与渔业局"}, text)
    assert place is not None and place.name == "青田县"
    ids = [m.canonical_id for m in find(text, place) if m.kind == "agency"]
    assert ids == ["agency:331121/海洋与渔业局", "agency:331121/财政局"]  # 会同 = together with


def test_a_ministry_issues_for_the_country():
    issuer = issuer_place({"issuer": "中华人民共和国教育部"})
    assert issuer is not None and issuer.adcode == "100000"
    assert [m.canonical_id for m in find("会同国家发展改革委、财政部", issuer)] == [
        "agency:100000/国家发展和改革委员会", "agency:100000/财政部"]


def test_empty_names_get_no_id():
    rec = record("a", "慈溪市教育局", programs=["“”"])
    link_records([rec])
    assert rec["programs"][0]["canonical_id"] is None


# --- the batch folder --------------------------------------------------------------

def fig(text, surface, value, unit, metric, period="2022", kind="count", **kw):
    s = text.index(surface)
    return {"span": [s, s + len(surface)], "surface": surface, "value": value, "unit": unit,
            "kind": kind, "metric": metric, "period": period, "region": kw.pop("region", None), **kw}


def conflict_records():
    t1 = "慈溪市科学技术局\n2022年，全市新增国家高新技术企业186家，惠及企业614家。"
    t2 = "慈溪市经济和信息化局\n2022年，全市新增国家高新技术企业178家，惠及企业2100家。"
    t3 = "慈溪市人力资源和社会保障局\n2022年，城镇新增就业３.４６万人。"
    t4 = "慈溪市教育局\n2022年，全市城镇新增就业3.28万人，2021年城镇新增就业3.1万人。"
    r1 = record("kj", "慈溪市科学技术局", text=t1, figures=[
        fig(t1, "186家", 186, "家", "新增国家高新技术企业"), fig(t1, "614家", 614, "家", "惠及企业")])
    r2 = record("jx", "慈溪市经济和信息化局", text=t2, figures=[
        fig(t2, "178家", 178, "家", "全市新增国家高新技术企业"), fig(t2, "2100家", 2100, "家", "惠及企业")])
    r3 = record("rs", "慈溪市人力资源和社会保障局", text=t3, figures=[
        fig(t3, "３.４６万人", 34600, "人", "城镇新增就业")])
    r4 = record("jy", "慈溪市教育局", text=t4, figures=[
        fig(t4, "3.28万人", 32800, "人", "城镇新增就业"),
        fig(t4, "3.1万人", 31000, "人", "城镇新增就业", period="2021")])
    return [r1, r2, r3, r4]


def write_records(folder: Path, records):
    for r in records:
        write_json(folder / f"{r['doc_id']}.json", r)


def test_conflicts_pair_same_metric_region_period(tmp_path):
    """dev README: the two planted conflicts; 惠及企业 (a dependent count) and a
    different year are not conflicts."""
    write_records(tmp_path, conflict_records())
    summary = link_directory(tmp_path)
    conflicts = json.loads((tmp_path / "conflicts.json").read_text("utf-8"))
    assert summary["conflicts"] == len(conflicts) == 2
    found = {(c["metric"], c["region"], c["period"]): sorted(s["value"] for s in c["sources"]) for c in conflicts}
    assert found == {("新增国家高新技术企业", "慈溪市", "2022"): [178, 186],
                     ("城镇新增就业", "慈溪市", "2022"): [32800, 34600]}
    for c in conflicts:
        for s in c["sources"]:
            assert {"doc_id", "span", "surface", "value"} <= set(s)


def test_same_value_or_other_region_is_no_conflict(tmp_path):
    t1, t2 = "余姚市经济和信息化局\n新增就业100人", "慈溪市经济和信息化局\n新增就业120人"
    t3 = "慈溪市教育局\n新增就业120人"
    write_records(tmp_path, [
        record("a", "余姚市经济和信息化局", text=t1, figures=[fig(t1, "100人", 100, "人", "新增就业人数")]),
        record("b", "慈溪市经济和信息化局", text=t2, figures=[fig(t2, "120人", 120, "人", "新增就业人数")]),
        record("c", "慈溪市教育局", text=t3, figures=[fig(t3, "120人", 120, "人", "新增就业人数")])])
    assert link_directory(tmp_path)["conflicts"] == 0


def test_link_directory_writes_entities_and_is_incremental(tmp_path):
    first = [record("a", "慈溪市科学技术局", programs=["“甬江英才计划”"]),
             record("b", "宁波市人力资源和社会保障局", programs=["“甬江英才”工程", "“甬江青才计划”"])]
    write_records(tmp_path, first)
    summary = link_directory(tmp_path)
    assert summary["records"] == 2 and summary["rewritten"] == 2
    entities = {e["id"]: e for e in json.loads((tmp_path / "entities.json").read_text("utf-8"))}
    talent = entities["program:甬江英才"]
    assert talent["kind"] == "program" and talent["documents"] == 2
    assert {m["doc_id"] for m in talent["mentions"]} == {"a", "b"}
    assert "program:甬江青才" in entities

    # nothing changed: no record is rewritten
    stamp = os.stat(tmp_path / "a.json").st_mtime_ns
    assert link_directory(tmp_path)["rewritten"] == 0
    assert os.stat(tmp_path / "a.json").st_mtime_ns == stamp

    # a new reply joins the existing entity
    write_records(tmp_path, [record("c", "余姚市人力资源和社会保障局", programs=["甬江英才"])])
    summary = link_directory(tmp_path)
    assert summary["records"] == 3 and summary["rewritten"] == 1
    c = json.loads((tmp_path / "c.json").read_text("utf-8"))
    assert c["programs"][0]["canonical_id"] == "program:甬江英才"
    entities = {e["id"]: e for e in json.loads((tmp_path / "entities.json").read_text("utf-8"))}
    assert entities["program:甬江英才"]["documents"] == 3


def test_mentions_of_an_extracted_reply_are_linked(tmp_path):
    from reply_extractor import extract
    text = ("慈溪市示例局\n\n关于市十八届人大二次会议第9号建议的答复\n\n"
            "    我局会同市经信局、慈溪市经济和信息化局推进工作，全市新增企业12家。\n\n慈溪市示例局\n2023年6月1日\n")
    rec = extract(text).to_dict()
    rec["doc_id"] = "x"
    write_json(tmp_path / "x.json", rec)
    link_directory(tmp_path)
    rec = json.loads((tmp_path / "x.json").read_text("utf-8"))
    agencies = [m["canonical_id"] for m in rec["mentions"] if m["kind"] == "agency"]
    assert agencies.count("agency:330282/经济和信息化局") == 2
    for m in rec["mentions"]:
        assert rec["text"][m["span"][0]:m["span"][1]] == m["surface"]


# --- the dev corpus ------------------------------------------------------------------

@pytest.fixture(scope="module")
def dev_batch(tmp_path_factory):
    return write_linked_batch(SHARED / "corpus" / "dev", tmp_path_factory.mktemp("dev"))


def test_dev_corpus_planted_conflicts_found_without_flood(dev_batch):
    conflicts = json.loads((dev_batch / "conflicts.json").read_text("utf-8"))
    pairs = {(c["metric"], tuple(sorted(s["doc_id"] for s in c["sources"]))) for c in conflicts}
    assert ("新增国家高新技术企业", ("cixi-jxj-2023-015", "cixi-kjj-2023-032")) in pairs
    assert ("城镇新增就业", ("cixi-rsj-2023-047", "cixi-rsj-2023-103")) in pairs
    assert len(conflicts) <= 4


def test_dev_corpus_entities_cover_agencies_and_regions(dev_batch):
    entities = {e["id"]: e for e in json.loads((dev_batch / "entities.json").read_text("utf-8"))}
    jxj = entities["agency:330282/经济和信息化局"]
    assert jxj["documents"] >= 3 and "市经信局" in jxj["variants"]
    assert entities["region:330282"]["name"] == "慈溪市"


def test_region_scan_matches_the_character_by_character_reading():
    """review: find_regions tried 11 slices per character and rebuilt its tables
    per call; it now jumps between characters that start a region word. Same
    mentions as the slow reading on a mixed invented text (a repeat for length)."""
    from reply_extractor import regions
    from reply_extractor.extractors import mentions
    issuer = place_of("慈溪市农业农村局")
    text = "我市联合宁波、余姚和浙江省，全省第一；新建区域性中心在杭州市西湖区。" * 50
    names, shorts = regions.division_names(), mentions.short_names()
    relative = set(regions.relative_words("province", "city", "county"))
    slow, i = [], 0
    while i < len(text):
        hit = None
        for n in range(min(12, len(text) - i), 1, -1):
            w = text[i:i + n]
            p = names.get(w)
            if p and mentions._plausible_full_name(p, n, issuer):
                hit = (n, p)
                break
            if w in relative and regions.resolve_relative(w, issuer):
                hit = (n, regions.resolve_relative(w, issuer))
                break
            cands = [c for c in shorts.get(w, []) if mentions._near(c, issuer)]
            if len(cands) == 1:
                hit = (n, cands[0])
                break
        if hit:
            slow.append((i, i + hit[0], hit[1].key))
            i += hit[0]
        else:
            i += 1
    fast = [(m.span[0], m.span[1], m.canonical_id.removeprefix("region:"))
            for m in mentions.find_regions(text, issuer)]
    assert fast == slow and len(fast) >= 300


def test_three_replies_on_one_metric_make_one_conflict_listing_all_of_them():
    from reply_extractor.linker import find_conflicts
    recs = [{"doc_id": d, "meta": {"issuer": "慈溪市人力资源和社会保障局"},
             "figures": [{"value": v, "unit": "人", "kind": "count", "metric": "城镇新增就业",
                          "period": "2022", "region": "慈溪市", "span": [0, 1], "surface": "x"}]}
            for d, v in (("a", 32800), ("b", 34600), ("c", 32800))]
    conflicts = find_conflicts(recs, [None, None, None])
    assert len(conflicts) == 1
    assert [s["doc_id"] for s in conflicts[0]["sources"]] == ["a", "b", "c"]


def test_records_are_written_as_json_writes_them_whatever_the_values():
    import json as std_json
    from reply_extractor.sinks.jsonfile import dumps
    record = {"text": "第一\n\t“引号”\"\\\x00\u2028", "figures": [
        {"value": v} for v in (0.5, 1e-05, 0.0001, 1.5e16, 186000000, -0.0, float("nan"), 2**70)],
        "empty": [], "nested": {"a": {}}}
    assert dumps(record, pretty=True) == std_json.dumps(record, ensure_ascii=False, indent=2)


def test_linking_rewrites_records_with_exponent_floats_as_json_writes_them(tmp_path):
    import json as std_json
    from reply_extractor.linker import link_directory
    from reply_extractor.sinks.jsonfile import write_json
    rec = {"schema_version": "1", "doc_id": "a", "text": "实施乡村振兴战略",
           "figures": [{"value": 1e-05}, {"value": 2.5}],
           "programs": [{"name": "乡村振兴战略", "span": [2, 8]}], "policies": [], "mentions": []}
    write_json(tmp_path / "a.json", rec)
    link_directory(tmp_path)
    written = (tmp_path / "a.json").read_text("utf-8")
    assert written == std_json.dumps(std_json.loads(written), ensure_ascii=False, indent=2) + "\n"
    assert "1e-05" in written


def test_records_read_back_as_json_reads_them():
    import json as std_json
    from reply_extractor.sinks.jsonfile import loads
    for text in ('{"value": 1e-05, "spans": [[0, 3]], "x": null}', '{"value": NaN}',
                 '{"value": 123456789012345678901234567890}', '"\\u4e2d文"'):
        assert loads(text) == std_json.loads(text) or text == '{"value": NaN}'
        assert loads(text.encode("utf-8")) == std_json.loads(text) or text == '{"value": NaN}'  # a file's bytes


def test_the_byte_test_for_odd_numbers_finds_what_the_pattern_finds():
    from reply_extractor.sinks.jsonfile import ODD_NUMBER, has_odd_number
    for text in ('{"v": 1e-05}', '{"v": 2E+16}', '{"v": 3e7}', '{"v": NaN}', '{"v": -Infinity}',
                 '{"v": 0.5, "s": "e"}', '{"s": "1e"}', '{"s": "第1e段"}', '{"v": 15}'):
        assert has_odd_number(text.encode("utf-8")) == bool(ODD_NUMBER.search(text)), text


def test_entities_are_written_as_json_writes_the_whole_list(tmp_path):
    from reply_extractor.sinks.jsonfile import write_json, write_json_list
    for items in ([], [{}], [{"id": "甲", "mentions": [{"span": [1, 2]}], "variants": []}] * 2, [1e-05, "a\nb"]):
        write_json(tmp_path / "whole.json", items)
        write_json_list(tmp_path / "streamed.json", iter(items))
        assert (tmp_path / "whole.json").read_bytes() == (tmp_path / "streamed.json").read_bytes()


def test_a_batch_writes_the_ids_its_link_step_would_set(tmp_path):
    """Each file's replies are linked as they are extracted: linking the
    corpora's batch afterwards rewrites none of them."""
    from reply_extractor.batch import run_batch
    run_batch(Path(__file__).parent.parent / "corpora", tmp_path, jobs=2, index=False, link=False,
              progress=False)
    assert link_directory(tmp_path)["rewritten"] == 0


def test_a_programme_quoted_in_one_reply_and_bare_in_another_joins_the_second(tmp_path):  # heldout66
    from reply_extractor import extract
    head = "关于市十四届人大五次会议第{n}号建议的答复\n王某代表：\n您提出的建议收悉。现答复如下：\n"
    tail = "\n温州市{a}\n2026年6月1日\n"
    texts = {"a": head.format(n=1) + "一、引进人才。我局深入实施“瓯越英才”计划，引进人才120名。"
                  + tail.format(a="人力资源和社会保障局"),
             "b": head.format(n=2) + "一、支持研发。我局将企业研发骨干纳入瓯越英才计划支持范围，"
                  "乡村振兴工作持续推进。" + tail.format(a="科学技术局")}
    for doc_id, text in texts.items():
        rec = extract(text).to_dict()
        rec["doc_id"] = doc_id
        write_json(tmp_path / f"{doc_id}.json", rec)
    link_directory(tmp_path)
    b = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert [(p["surface"], p["name"], p["kind"], p["canonical_id"]) for p in b["programs"]] == [
        ("瓯越英才计划", "瓯越英才", "计划", "program:瓯越英才")]
    start, end = b["programs"][0]["span"]
    assert b["text"][start:end] == "瓯越英才计划"
    # linked again: nothing more to add, nothing rewritten
    assert link_directory(tmp_path)["rewritten"] == 0
