"""numbers.parse_number: exact Decimal values from Arabic, Chinese and mixed numerals."""
from decimal import Decimal

import pytest

from reply_extractor.numbers import parse_int, parse_number

CASES = [
    # (numeral, value, provenance)
    ("320.2亿", "32020000000", "corpus: 320.2亿元"),
    ("3541.07万", "35410700", "DESIGN-NOTES peers: 3541.07万元"),
    ("1,100万", "11000000", "DESIGN-NOTES peers: 1,100万"),
    ("13万2", "132000", "DESIGN-NOTES peers: 13万2"),
    ("3万4千", "34000", "issue: mixed"),
    ("1.2万", "12000", "issue: mixed"),
    ("１２.３", "12.3", "corpus: full-width digits"),
    ("３.４６万", "34600", "corpus: full-width digits"),
    ("1.57", "1.57", "DESIGN-NOTES peers: no float artefacts (1.5699999999999998)"),
    ("两千万", "20000000", "corpus: 两千万元"),
    ("一千二百", "1200", "issue: 一千二百户"),
    ("一千二", "1200", "colloquial"),
    ("一千零五", "1005", "zero inside"),
    ("百亿", "10000000000", "corpus: 超过百亿元"),
    ("十八", "18", "session numbers"),
    ("二〇二三", "2023", "date year"),
    ("1.3万亿", "1300000000000", "held-out class: 万亿 before a physical unit (1.3万亿斤)"),
    ("2.86万亿", "2860000000000", "held-out class: 万亿"),
    ("二点六亿", "260000000", "heldout6: a Chinese decimal (二点六亿元), misread as 六亿 before"),
    ("十二点五万", "125000", "a Chinese decimal after a tens numeral"),
    ("三点零五万", "30500", "digits after 点 read one by one"),
    ("八点六", "8.6", "heldout9: the decimal of 百分之八点六"),
]


@pytest.mark.parametrize("numeral,value,why", CASES)
def test_parse_number(numeral, value, why):
    got = parse_number(numeral)
    assert got == Decimal(value), why
    assert isinstance(got, Decimal)


@pytest.mark.parametrize("s", ["", "元", "三千余万", "12a", "三点", "八点三十"])
def test_not_a_numeral(s):
    assert parse_number(s) is None


def test_parse_int():
    assert parse_int("二十") == 20
    assert parse_int("1.5") is None


# (numeral, provenance): never a quantity, and never an exception
NOT_QUANTITIES = [
    ("1" * 30, "review: a 30-digit numeral raised decimal.InvalidOperation"),
    ("123456789012345678901", "an identifier: 21 integer digits"),
    ("1" * 30 + ".5", "an identifier with a decimal part"),
    ("一二三四五六七八九〇一二三四五六七八九〇一", "21 Chinese digits read positionally"),
    ("万" * 3000 + "亿", "pathological: a run of magnitude words"),
]


@pytest.mark.parametrize("numeral, provenance", NOT_QUANTITIES)
def test_identifiers_and_monsters_are_no_numbers(numeral, provenance):
    assert parse_number(numeral) is None


@pytest.mark.parametrize("numeral, value, provenance", [
    ("12345678901234567890", "12345678901234567890", "20 integer digits: still exact"),
    ("1234567890123456789.5万", "12345678901234567895000", "beyond the default 28-digit precision"),
])
def test_long_numerals_stay_exact(numeral, value, provenance):
    assert parse_number(numeral) == Decimal(value)
    assert str(parse_number(numeral)) == value


def test_normalize_leaves_huge_values_alone():
    from reply_extractor.numbers import normalize
    assert normalize(Decimal("1E+70")) == Decimal("1E+70")
    assert str(normalize(Decimal("1.20E+3"))) == "1200"
