"""Regions as example tables: where an agency sits, and what 全省/全市/全区 mean
for it, as names (relative_name) and as places (resolve_relative). The division
table is the one shipped with `cpca` (no network)."""
from __future__ import annotations

import pytest

from reply_extractor.regions import (COUNTRY, Place, Region, is_town, place_of, region_of, relative_name, relative_word,
                                    resolve_relative, resolve_scope)

# (name, province, city, county, adcode, provenance)
REGION_OF = [
    ("慈溪市经济和信息化局", "浙江省", "宁波市", "慈溪市", "330282", "brief: issuer → 慈溪市 → 宁波市 → 浙江省"),
    ("宁波市人力资源和社会保障局", "浙江省", "宁波市", None, "330200", "corpus issuer: a prefecture"),
    ("余姚市经济和信息化局", "浙江省", "宁波市", "余姚市", "330281", "corpus issuer"),
    ("平潭县公安局", "福建省", "福州市", "平潭县", "350128", "invented: a county"),
    ("宁波各区（县、市）", "浙江省", "宁波市", None, "330200", "corpus ranking scope"),
    ("浙江省教育厅", "浙江省", None, None, "330000", "invented: a province"),
]


@pytest.mark.parametrize("name, province, city, county, adcode, provenance", REGION_OF)
def test_region_of(name, province, city, county, adcode, provenance):
    assert region_of(name) == Region(province, city, county, adcode)


# (name, provenance): no region at the start of the name.
NO_REGION = [
    ("区社会事业局", "real corpus issuer: unnamed district"),
    ("事 由：关于将马腿村打造成乡村旅游新样板的建议", "real corpus first line"),
    ("中国县域知识产权竞争力百强", "bug caught: cpca read 县 as a city of 重庆"),
    ("关于支持宁波发展的建议", "a place not at the start"),
    ("", "empty"),
    (None, "none"),
]


@pytest.mark.parametrize("name, provenance", NO_REGION)
def test_no_region(name, provenance):
    assert region_of(name) is None


def test_chain_and_name():
    r = region_of("慈溪市经济和信息化局")
    assert r.chain() == ["慈溪市", "宁波市", "浙江省"]
    assert r.name == "慈溪市"


# (word, issuer, resolved, provenance)
RELATIVE = [
    ("全省", "慈溪市经济和信息化局", "浙江省", "brief: 全省 from a 慈溪 reply"),
    ("全市", "慈溪市住房和城乡建设局", "慈溪市", "a county-level city is its own 市"),
    ("我市", "慈溪市住房和城乡建设局", "慈溪市", "我市"),
    ("全市", "宁波市经济和信息化局", "宁波市", "a prefecture"),
    ("全市", "北京市朝阳区教育委员会", "北京市", "a municipality"),
    ("全区", "北京市朝阳区教育委员会", "朝阳区", "a district"),
    ("全区", "慈溪市经济和信息化局", None, "慈溪市 is no 区"),
    ("本县", "平潭县公安局", "平潭县", "a county"),
    ("全市", "平潭县公安局", "福州市", "a county's 市 is the prefecture"),
    ("全国", None, "中国", "全国 needs no issuer"),
    ("全省县级市", "慈溪市经济和信息化局", "浙江省", "a scope starting with a relative word"),
    ("全省", None, None, "no issuer"),
    ("宁波", "慈溪市经济和信息化局", None, "not relative"),
]


@pytest.mark.parametrize("word, issuer, resolved, provenance", RELATIVE)
def test_relative_name(word, issuer, resolved, provenance):
    assert relative_name(word, issuer) == resolved


def test_relative_name_accepts_a_region():
    assert relative_name("全省", region_of("慈溪市经济和信息化局")) == "浙江省"


# (word, issuer's name, place resolved, provenance): the same level rule, as places
RELATIVE_PLACES = [
    ("全市", "慈溪市住房和城乡建设局", Place("330282", "慈溪市"), "a county-level city is its own 市"),
    ("市", "宁波市江北区教育局", Place("330200", "宁波市"), "a district's bare 市 is the city above"),
    ("全省", "平潭县公安局", Place("350000", "福建省"), "province"),
    ("区", "慈溪市经济和信息化局", Place("330282", "慈溪市"),
     "a county-level issuer's 区 is its own, whatever its title"),
    ("全市", None, None, "no issuer"),
]


@pytest.mark.parametrize("word, issuer, resolved, provenance", RELATIVE_PLACES)
def test_resolve_relative(word, issuer, resolved, provenance):
    assert resolve_relative(word, place_of(issuer)) == resolved


def test_resolve_relative_for_a_place_the_table_lacks():
    """An unlisted issuer (平潭综合实验区) resolves only its own level word."""
    unlisted = Place("", "某某综合实验区")
    assert resolve_relative("本区", unlisted) == unlisted
    assert resolve_relative("全市", unlisted) is None
    assert COUNTRY.key == "100000"


def test_relative_word_longest_first():
    assert relative_word("全国范围内") == "全国范围"
    assert relative_word("宁波") is None


# (scope, issuer, region, provenance)
SCOPES = [
    ("全省县（市）", "慈溪市农业农村局", "浙江省", "corpus ranking scope"),
    ("宁波各区（县、市）", "慈溪市经济和信息化局", "宁波市", "named place"),
    ("全国城市", "宁波市人力资源和社会保障局", "中国", "全国"),
    ("中国县域知识产权竞争力百强", "余姚市经济和信息化局", None, "a named list is no region"),
    ("", "慈溪市经济和信息化局", None, "empty scope"),
]


@pytest.mark.parametrize("scope, issuer, region, provenance", SCOPES)
def test_resolve_scope(scope, issuer, region, provenance):
    assert resolve_scope(scope, issuer) == region


def test_one_relative_word_table_for_both_region_systems():
    """review item 9: one region module; normalize (linking keys) carries no region words."""
    from reply_extractor import normalize
    from reply_extractor.regions import relative_words
    assert "region" not in normalize.rules()
    assert {"省内", "区内", "全市域"} <= set(relative_words())
    assert relative_word("区内企业") == "区内"


@pytest.mark.parametrize("name", ["漷县镇", "于家务回族乡", "张家湾镇", "城南街道", "李庄村", "正定镇", "诸福屯镇",
                                  "西平乐乡", "樟村坪镇", "太平溪镇"])
def test_townships_streets_and_villages_named_with_their_level(name):  # heldout56, heldout61
    assert is_town(name)


@pytest.mark.parametrize("name", ["重点镇", "特色小镇", "建制镇", "小城镇", "江南水乡", "美丽乡村", "行政村",
                                  "新增治理行政村", "重点帮扶村", "山区村", "城市社区", "省级百镇千村", "乡镇"])
def test_common_nouns_ending_in_a_level_are_no_towns(name):
    assert not is_town(name)
