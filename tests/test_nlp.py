"""The shared spaCy pipeline: offsets into the text as read, cue words kept whole."""
from __future__ import annotations

import pytest

from reply_extractor import nlp


def test_tokens_keep_offsets_on_full_width_and_spaces():
    text = "增速位居宁波第２位。\n　　下一步，我局将\u200b会同 市财政局。"
    doc = nlp.tokens(text)
    assert len(doc.text) == len(text)
    for t in doc:
        assert len(t.text) == len(text[t.idx:t.idx + len(t.text)])
    assert [t.text for t in doc][:6] == ["增速", "位居", "宁波", "第", "2", "位"]


# (text, tokens that must appear, provenance)
SPLITS = [
    ("在全省中职学校办学水平评估中列全省第4位。", ["中", "列"], "bug caught: jieba glued 中列"),
    ("在年度评比中居首位。", ["居", "首位"], "bug caught: jieba glued 居首位"),
    ("我局拟于今年下半年出台办法。", ["拟", "于"], "bug caught: jieba glued 拟于"),
    ("今年下半年，我部将修订发布指标。", ["部", "将"], "bug caught: jieba glued 部将"),
    ("我们已做和即将要做的工作。", ["即将"], "即将 is a word of its own"),
    ("我市在口岸营商环境评价中排名第6位。", ["排名", "第", "6"], "held-out class: jieba glued 排名第"),
    ("在全国口岸营商环境评价中排第6。", ["中", "排", "第"], "held-out class: jieba glued 中排"),
    ("这是一座古老的府第，可谓书香门第。", ["府第", "书香门第"], "words ending in 第 kept"),
]


@pytest.mark.parametrize("text, words, provenance", SPLITS)
def test_cue_words_split(text, words, provenance):
    toks = [t.text for t in nlp.tokens(text)]
    assert all(w in toks for w in words), toks


def test_global_jieba_left_alone():
    import jieba

    nlp.nlp()
    assert "拟于" in jieba.lcut("我局拟于今年下半年出台办法。")


def test_char_span_and_next_word():
    doc = nlp.tokens("我局将 会同市财政局研究。")
    span = nlp.char_span(doc, 0, 3)
    assert nlp.span_of(span) == (0, 3)
    will = next(t for t in doc if t.text == "将")
    assert nlp.next_word(doc, will.i).text == "会同"
    assert nlp.next_word(doc, 0, -1) is None
