"""Words for every extractor: one jieba dictionary and one spaCy pipeline per process.

- `jieba()`: the default jieba tokenizer, initialised once. spaCy's segmenter,
  the part-of-speech tagging (`pos_cut`, figures and programmes), plain word
  lists (`words`) and the search index (`search_words`) all use it, so the
  dictionary is loaded once and nothing edits it (no add_word/del_word).
- `tokens(text)`: the spaCy Doc extractors match token patterns on (Matcher),
  so a cue such as 居 or 拟 only fires as a word of its own and never inside
  居民 or 代拟. The Doc is built over `textutil.fold(text)`, which has the same
  length as `text`, so every token offset is an offset into `text`.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from functools import cache, lru_cache

from .rules import load as load_rules
from .textutil import fold

# spaCy refuses longer texts by default (E088, a memory guard for parsers); a
# blank pipeline only segments, and a reply is one Doc whatever its length.
MAX_TEXT_LENGTH = 50_000_000


@cache
def jieba():
    """jieba's default tokenizer, dictionary loaded once, quietly."""
    import jieba as jb

    jb.setLogLevel(logging.WARNING)  # silence "Building prefix dict" on stderr
    jb.dt.initialize()
    return jb.dt


@cache
def _pos_tokenizer():
    """jieba's default POS tokenizer: it wraps the default dictionary (a second
    POSTokenizer would read the word tags again, ~0.5 s)."""
    from jieba import posseg

    jieba()  # quiet and loaded first
    return posseg.dt


@lru_cache(maxsize=4096)
def _pos_cut(s: str) -> tuple:
    return tuple(_pos_tokenizer().cut(s))


def pos_cut(s: str) -> list:
    """jieba words of `s` with their part-of-speech flags (`.word`, `.flag`)."""
    return list(_pos_cut(s)) if s else []


@lru_cache(maxsize=4096)
def _words(s: str) -> tuple[str, ...]:
    return tuple(t for t in jieba().cut(s) if t.strip())


def words(s: str) -> list[str]:
    """jieba words of `s`, whitespace dropped."""
    return list(_words(s)) if s else []


def word_freq(word: str) -> int:
    """The word's frequency in jieba's dictionary (0 when absent)."""
    return jieba().FREQ.get(word) or 0


@cache
def nlp():
    """The blank "zh" pipeline with the jieba segmenter, built once per process."""
    import spacy

    jieba()
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    pipeline.tokenizer.jieba_seg = _segmenter()
    pipeline.max_length = MAX_TEXT_LENGTH
    return pipeline


class _Segmenter:
    """jieba's segmentation with glued words split into parts (data/segmentation.toml),
    done on the output so the shared dictionary is left as it is."""

    def __init__(self, data: dict):
        self.split = data.get("split", {})
        self.suffixes = tuple(data.get("glued_suffixes", []))
        self.keep = set(data.get("glued_keep", []))
        self.prefixes = tuple(data.get("glued_prefixes", []))
        self.prefix_next = data.get("glued_prefix_next", "")
        self.field_close = data.get("field_close", "")
        self.field_cues = set(data.get("field_close_cues", []))
        self.ordinal = data.get("ordinal_prefix", "")
        self.ordinal_keep = set(data.get("ordinal_keep", []))
        self.unknown_cues = tuple(data.get("unknown_glued_cues", []))

    def cut(self, text: str, cut_all: bool = False):
        for word in jieba().cut(text, cut_all=cut_all):
            if word in self.split:
                yield from self.split[word]
            elif len(word) == 2 and word.endswith(self.suffixes) and word not in self.keep:
                yield from word
            elif len(word) == 2 and word.startswith(self.prefixes) and word[1] in self.prefix_next:
                yield from word
            elif (self.field_close and len(word) > len(self.field_close)
                    and word.startswith(self.field_close)
                    and word[len(self.field_close):] in self.field_cues):
                yield self.field_close
                yield word[len(self.field_close):]
            elif (self.ordinal and len(word) > 1 and word.endswith(self.ordinal)
                    and word not in self.ordinal_keep):
                yield word[:-len(self.ordinal)]
                yield self.ordinal
            elif (len(word) > 1 and word.endswith(self.unknown_cues)
                    and not word_freq(word)):
                # jieba's HMM glued a cue to the word before it (额居, 率列): no
                # dictionary word, so the cue is a token of its own
                yield word[:-1]
                yield word[-1]
            else:
                yield word


def _segmenter() -> _Segmenter:
    data = load_rules("segmentation")
    for word, parts in data.get("split", {}).items():
        if "".join(parts) != word:
            raise ValueError(f"segmentation.toml: {parts} do not spell {word}")
    return _Segmenter(data)


# Texts are tokenised in pieces of at most this many characters: spaCy's
# alignment of words to text grows faster than linear on one long line.
TOKENIZE_CHUNK = 20_000
_CHUNK_BREAKS = "\n。！？!?；;，,"


def _chunks(text: str, size: int = TOKENIZE_CHUNK) -> list[str]:
    """`text` cut into consecutive pieces of about `size` characters, each ending
    at a line break or stop mark where there is one (and the spaces after it),
    so no token spans two pieces."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind(c) for c in _CHUNK_BREAKS) + 1
        if cut <= size // 2:
            cut = size
        while start + cut < len(text) and text[start + cut].isspace():
            cut += 1  # a run of spaces is one token: keep it whole
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


@lru_cache(maxsize=8)
def tokens(text: str):
    """The tokenised Doc of `text` (folded to half-width, same length). Cached, as
    several extractors tokenise the same reply. Long texts are tokenised piece by
    piece and joined, so the time stays linear."""
    folded = fold(text)
    if len(folded) <= TOKENIZE_CHUNK:
        return nlp().make_doc(folded)
    from spacy.tokens import Doc

    return Doc.from_docs([nlp().make_doc(c) for c in _chunks(folded)], ensure_whitespace=False)


def char_span(doc, start: int, end: int, mode: str = "expand"):
    """The Span covering characters [start, end); by default widened to whole tokens."""
    return doc.char_span(start, end, alignment_mode=mode)


def span_of(span) -> tuple[int, int]:
    """(start, end) character offsets of a spaCy Span or Token range."""
    return span.start_char, span.end_char


def next_word(doc, i: int, step: int = 1):
    """The nearest token from index i (exclusive) in direction `step` that is not
    whitespace, or None past the edge of the doc."""
    j = i + step
    while 0 <= j < len(doc):
        if not doc[j].is_space:
            return doc[j]
        j += step
    return None


def matcher(patterns: dict[str, list[list[dict]]]):
    """A spaCy Matcher over the shared vocabulary, one label per key of `patterns`."""
    from spacy.matcher import Matcher

    m = Matcher(nlp().vocab)
    for label, pats in patterns.items():
        m.add(label, pats)
    return m


# Search: queries and indexed passages are compared in one form, width- and
# case-folded (NFKC, lower case), and cut into words, runs and character pairs.
_RUN = re.compile(r"\w+")  # runs of letters/digits (Han characters included)


def search_form(s: str) -> str:
    """NFKC and lower case: the form queries and indexed text are compared in
    (may change the length of exotic characters, unlike textutil.fold)."""
    return unicodedata.normalize("NFKC", s or "").lower()


def search_words(text: str, for_query: bool = False) -> list[str]:
    """jieba words with at least one letter or digit; for indexing, search mode
    (long words also yield their parts)."""
    text = search_form(text)
    toks = jieba().cut(text) if for_query else jieba().cut_for_search(text)
    return [t.strip() for t in toks if _RUN.search(t)]


def runs(text: str) -> list[str]:
    """Maximal runs of letters/digits of the search form."""
    return _RUN.findall(search_form(text))


def unigrams(text: str) -> list[str]:
    return [c for r in runs(text) for c in r]


def bigrams(run: str) -> list[str]:
    """Overlapping character pairs of a run (the run itself when shorter)."""
    return [run] if len(run) < 2 else [run[i:i + 2] for i in range(len(run) - 1)]
