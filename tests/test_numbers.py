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
]


@pytest.mark.parametrize("numeral,value,why", CASES)
def test_parse_number(numeral, value, why):
    got = parse_number(numeral)
    assert got == Decimal(value), why
    assert isinstance(got, Decimal)


@pytest.mark.parametrize("s", ["", "元", "三千余万", "12a"])
def test_not_a_numeral(s):
    assert parse_number(s) is None


def test_parse_int():
    assert parse_int("二十") == 20
    assert parse_int("1.5") is None
