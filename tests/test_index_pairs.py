"""The index's `bi` rendering: a reply rendered once and sliced per passage
gives exactly the pairs a passage rendered alone gives."""
import random
import re

import pytest

from reply_extractor.sinks.pairs import TextPairs, _word_table, pairs


def test_pairs_of_runs():
    assert pairs("ab，abc") == "ab b ab bc c"
    assert pairs("增长3.5%") == "增长 长3 3 5"


TEXTS = ["关于加装电梯的答复。今年新开工150台，同比增长3.5%。",
         "“四好农村路”：新改建45公里",
         "ＡＢ１２ x_y ①② 𠀀字",   # full-width, underscore, circled digits, a character past the BMP
         "",
         "。，、"]


@pytest.mark.parametrize("text", TEXTS)
def test_every_span_of_the_whole_rendering_gives_the_pairs_of_the_span(text):
    whole = TextPairs(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert whole.span(start, end).split() == pairs(text[start:end]).split(), (start, end)


def test_random_texts_agree():
    rng = random.Random(7)
    alphabet = "电梯加装增长率万元，。、 ab12_％%\n“”"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        whole = TextPairs(text)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert whole.span(start, end).split() == pairs(text[start:end]).split()


def test_the_letter_table_is_the_regex_word_class():
    table, word = _word_table(), re.compile(r"\w")
    assert all(bool(word.match(chr(c))) == table[c] for c in range(0, 0x10000, 7))
