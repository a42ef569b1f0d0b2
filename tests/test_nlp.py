"""The shared spaCy pipeline: offsets into the text as read, cue words kept whole."""
from __future__ import annotations

import pytest

from reply_extractor import nlp
from reply_extractor.textutil import fold


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
    ("水利投资完成额居全国第七位。", ["额", "居"], "held-out class: HMM glued 额居, no dictionary word"),
    ("跨省结算率居中部六省第二。", ["率", "居"], "held-out class: HMM glued 率居"),
    ("综合得分居全市第一。", ["分", "居"], "held-out class: dictionary word 分居 split"),
    ("建设宜居家园，做好工作安排，位居前列。", ["宜居", "安排", "前列"], "dictionary words ending in a cue kept"),
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


@pytest.mark.parametrize("text, words, provenance", [
    ("我局拟向上级申请资金。", ["拟", "向"], "segmentation.toml glued_prefixes: 拟 + a function word"),
    ("我局拟对方案作出调整。", ["拟"], "glued_prefixes: whatever function word follows"),
    ("请各单位拟定工作方案。", ["拟定"], "a real word starting with 拟 stays whole"),
    ("在年度考核中居全省首位。", ["中", "居"], "field_close: 中 glued to a ranking cue"),
])
def test_glued_cues_split_by_rule(text, words, provenance):
    toks = [t.text for t in nlp.tokens(text)]
    assert all(w in toks for w in words), toks


def test_one_jieba_dictionary_for_everything():
    """review: jieba was initialised 3-4 times per process (a private Tokenizer in
    figures, posseg, the search index): ~1.2 s of start-up and a second dictionary."""
    import jieba
    import jieba.posseg

    assert nlp.jieba() is jieba.dt
    nlp.pos_cut("我市建成公园")
    assert nlp._pos_tokenizer() is jieba.posseg.dt and jieba.posseg.dt.tokenizer is jieba.dt
    from reply_extractor.extractors import programs
    from reply_extractor.extractors.figures import context as figures_context
    for module in (figures_context, programs):
        assert not hasattr(module, "_jieba") and not hasattr(module, "_quiet_jieba")


def test_pos_cut_and_words():
    assert [(w.word, w.flag) for w in nlp.pos_cut("建成公园")] == [("建成", "v"), ("公园", "n")]
    assert nlp.words(" 建成 公园 ") == ["建成", "公园"]
    assert nlp.words("") == [] and nlp.pos_cut("") == []
    assert nlp.word_freq("公园") > 0 and nlp.word_freq("青溪英才") == 0


def test_long_texts_are_allowed():
    """review: make_doc raised spaCy E088 past 1,000,000 characters."""
    assert nlp.nlp().max_length >= 10_000_000


@pytest.mark.parametrize("text, runs, provenance", [
    ("加装电梯，ＡＢＣ１２３！", ["加装电梯", "abc123"], "width and case folded"),
    ("“青溪英才”计划", ["青溪英才", "计划"], "quotes split runs"),
])
def test_search_helpers(text, runs, provenance):
    assert nlp.runs(text) == runs
    assert nlp.search_form("ＡＢ") == "ab"
    assert nlp.bigrams("电梯加装") == ["电梯", "梯加", "加装"] and nlp.bigrams("梯") == ["梯"]
    assert all(w.strip() for w in nlp.search_words(text))


# ---- the shared light tokens against spaCy's Doc and Matcher ----------------

def _sample_texts():
    """The project's own sample replies, every format."""
    from corpus import ROOT

    from reply_extractor import readers
    return [readers.read(p).text for p in sorted((ROOT / "corpora").iterdir()) if p.suffix != ".md"]


def test_tokens_lay_out_words_as_spacys_doc():
    """Same words, offsets and attributes as the spaCy Doc that extraction used to build."""
    for text in [*_sample_texts(), "a  b\n\n 第１位  ，三十二", " 开头 空格 ", ""]:
        light = nlp.tokens(text)
        doc = nlp.nlp().make_doc(fold(text)) if text else None
        if doc is None:
            assert len(light) == 0
            continue
        assert [(t.text, t.idx, t.is_punct, t.like_num, t.is_space) for t in light] == \
               [(t.text, t.idx, t.is_punct, t.like_num, t.is_space) for t in doc]
        for a, b in [(0, 5), (3, 9), (1, len(text)), (len(text) - 3, len(text))]:
            for mode in ("strict", "contract", "expand"):
                mine, theirs = light.char_span(a, b, mode), doc.char_span(a, b, alignment_mode=mode)
                assert (mine is None) == (theirs is None), (a, b, mode)
                if mine is not None:
                    assert (mine.start, mine.end, mine.text) == (theirs.start, theirs.end, theirs.text)


def test_matcher_finds_what_spacys_matcher_finds():
    from spacy.matcher import Matcher

    from reply_extractor.extractors.commitments.cues import cue_matcher

    cue_matcher.cache_clear()
    captured = {}
    real = nlp.matcher
    try:
        nlp.matcher = lambda patterns: captured.setdefault("p", patterns) and real(patterns)
        mine = cue_matcher()
    finally:
        nlp.matcher = real
        cue_matcher.cache_clear()
    theirs = Matcher(nlp.nlp().vocab)
    for label, pats in captured["p"].items():
        theirs.add(label, pats)
    for text in _sample_texts():
        doc = nlp.nlp().make_doc(fold(text))
        expected = sorted((doc.vocab.strings[m], s, e) for m, s, e in theirs(doc))
        assert sorted(mine(nlp.tokens(text))) == expected


def test_like_num_reads_numerals():
    assert all(nlp.Token(None, 0, w, 0).like_num for w in ["2021", "十二", "三百二十", "1,000", "3/4", "拾壹"])
    assert not any(nlp.Token(None, 0, w, 0).like_num for w in ["两", "百", "年", "第一", ""])


def test_jieba_and_cpca_load_without_pkg_resources():
    import subprocess
    import sys

    code = ("import sys; from reply_extractor import batch; batch.warm_up(); "
            "print('pkg_resources' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_pos_tags_are_jiebas():
    from reply_extractor.nlp import pos_cut
    assert [tuple(p) for p in pos_cut("慈溪市经济和信息化局将加大资金支持")][:2] == [("慈溪市", "ns"), ("经济", "n")]


# ---- the cut done window by window ------------------------------------------

AWKWARD = ["a  b\n\n 第１位  ，三十二", " 开头 空格 ", "", "。。\n\n  将\r\n推进；  x", "我局将\n加强。\n\n二、 位居第一",
           "到 2025 年，力争。正\n推进！？!?;x"]


def test_window_by_window_cut_is_the_whole_cut():
    """jieba cuts each run of Han characters, letters and digits alone, so the
    words of the sentences laid end to end are the words of the whole text."""
    for text in [*_sample_texts(), *AWKWARD]:
        ft = fold(text)
        whole = nlp.Tokens(ft, nlp.segment(ft))
        lazy = nlp.LazyTokens(ft)
        assert (lazy.full().words, lazy.full().starts) == (whole.words, whole.starts)
        for a, b in [(0, 5), (3, 9), (1, len(text)), (len(text) - 3, len(text)), (7, 8)]:
            span = whole.char_span(a, b, "contract")
            assert nlp.LazyTokens(ft).words_in(a, b) == ([] if span is None or a >= b
                                                         else whole.words[span.start:span.end])


def test_partial_tokens_refuse_to_read_what_was_not_cut():
    lazy = nlp.LazyTokens(fold("我局将会同市财政局研究。明年完成改造。我们将继续推进。"))
    assert len(lazy) == 3
    part = lazy.view([0, 2])          # the middle sentence left out: one gap token
    assert lazy._cut.keys() == {0, 2}
    gap = part.words.index(nlp.GAP)
    assert part[gap - 1].text == "。" and part[gap + 1].idx == lazy.bounds[2]
    with pytest.raises(nlp.NeedsWholeCut):
        part[gap]
    with pytest.raises(nlp.NeedsWholeCut):
        part.char_span(10, 15)
    assert part.words_in(12, 18) == ["明年", "完成", "改造"]  # cut on demand, shared


def test_matcher_on_the_windows_where_a_match_may_start():
    """A view of the windows the matcher's regex names finds every match of the
    whole text, or says it cannot (NeedsWholeCut)."""
    from reply_extractor.extractors.commitments.cues import cue_matcher

    matcher = cue_matcher()
    for text in [*_sample_texts(), *AWKWARD]:
        lazy = nlp.LazyTokens(fold(text))
        whole = [(lab, lazy.full().starts[s], lazy.full().starts[e - 1]) for lab, s, e in matcher(lazy.full())]
        fresh = nlp.LazyTokens(fold(text))
        part = fresh.view(matcher.windows(fresh))
        try:
            found = [(lab, part.starts[s], part.starts[e - 1]) for lab, s, e in matcher(part)]
        except nlp.NeedsWholeCut:
            continue
        assert found == whole
