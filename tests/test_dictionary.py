"""jieba's dictionary as a trie: the same words, frequencies, tags and cuts as
jieba's own reading of its dictionary file."""
from __future__ import annotations

import random
from pathlib import Path

import jieba
import pytest
from jieba.posseg import POSTokenizer

from reply_extractor import nlp
from reply_extractor.dictionary import Dictionary

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


@pytest.fixture(scope="module")
def jiebas_own():
    """A tokenizer that reads the default dictionary as jieba itself does."""
    own = jieba.Tokenizer()
    own.initialize()
    tagger = POSTokenizer(own)
    tagger.load_word_tag(own.get_dict_file())
    return own, tagger


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def sample_texts() -> list[str]:
    texts = [_decoded(p.read_bytes()) for p in sorted(CORPORA.glob("*.txt"))]
    rng = random.Random(7)
    chars = "".join(texts)
    texts += ["".join(rng.choice(chars) for _ in range(300)) for _ in range(20)]  # odd neighbours
    return texts + ["", "A", "AT&T公司和B超", "长江大桥南京市长江大桥", "\u3000\n"]


def test_cuts_are_jiebas_own(jiebas_own):
    own, own_tagger = jiebas_own
    ours = nlp.jieba()
    assert isinstance(ours.FREQ, Dictionary)
    for text in sample_texts():
        assert list(ours.cut(text)) == list(own.cut(text))
        assert list(ours.cut(text, HMM=False)) == list(own.cut(text, HMM=False))
        assert list(ours.cut_for_search(text)) == list(own.cut_for_search(text))
        assert list(ours.cut(text, cut_all=True)) == list(own.cut(text, cut_all=True))
        assert [tuple(p) for p in nlp._pos_tokenizer().cut(text)] == [tuple(p) for p in own_tagger.cut(text)]


def test_frequencies_as_jieba_reads_them(jiebas_own):
    own, _ = jiebas_own
    ours = nlp.jieba().FREQ
    assert nlp.jieba().total == own.total
    words = random.Random(3).sample(sorted(own.FREQ), 3000) + ["没有的词", "", "长江大", "长"]
    for w in words:
        assert (w in ours) == (w in own.FREQ), w
        assert ours.get(w) == own.FREQ.get(w), w
        assert ours.get(w, -1) == own.FREQ.get(w, -1), w
    assert ours["长江大桥"] == own.FREQ["长江大桥"]
    with pytest.raises(KeyError):
        ours["没有的词"]


def test_built_from_a_dictionary_file_then_read_from_its_cache(tmp_path):
    """A dictionary of its own (a word given twice: the last line counts, as in
    jieba; a word of frequency 0 is still a word with a tag)."""
    dict_file = tmp_path / "dict.txt"
    dict_file.write_text("资金 40 n\n支持 200 v\n慈溪市 30 ns\n资金 50 n\n零频 0 a\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(str(dict_file))
    tokenizer.tmp_dir = str(tmp_path)
    built = Dictionary.of(tokenizer)
    assert list(tmp_path.glob("reply_extractor.dictionary.*"))
    read = Dictionary.of(tokenizer)  # from the cache file
    for d in (built, read):
        assert d.total == 320
        assert [d.get(w) for w in ["资金", "支持", "慈溪", "零频", "没有"]] == [50, 200, 0, 0, None]
        assert "慈溪" in d and "零" in d and "溪" not in d
        assert [d.tags.get(w, "x") for w in ["资金", "慈溪市", "零频", "慈溪"]] == ["n", "ns", "a", "x"]
    d.install(tokenizer)
    assert list(tokenizer.cut("支持资金")) == ["支持", "资金"]


def test_a_cache_from_another_dictionary_file_is_not_used(tmp_path):
    dict_file = tmp_path / "dict.txt"
    dict_file.write_text("资金 40 n\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(str(dict_file))
    tokenizer.tmp_dir = str(tmp_path)
    assert Dictionary.of(tokenizer).get("资金") == 40
    dict_file.write_text("资金 415 n\n", encoding="utf-8")  # another size: whatever the clock's grain
    assert Dictionary.of(tokenizer).get("资金") == 415
