"""The shared spaCy pipeline: a blank Chinese pipeline segmented by jieba.

Extractors match token patterns (spaCy `Matcher`) over `tokens(text)` instead of
raw characters, so a cue such as 居 or 拟 only fires as a word of its own and
never inside 居民 or 代拟. The Doc is built over `textutil.fold(text)`, which has
the same length as `text`, so every token offset is an offset into `text`.
"""
from __future__ import annotations

import logging
from functools import cache, lru_cache

from .rules import load as load_rules
from .textutil import fold


@cache
def nlp():
    """The blank "zh" pipeline with the jieba segmenter, built once per process."""
    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)  # silence "Building prefix dict" on stderr
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    pipeline.tokenizer.jieba_seg = _segmenter()
    return pipeline


class _Segmenter:
    """jieba's segmentation with a few words split into parts (data/segmentation.toml),
    done on the output so the global `jieba` other modules use (the search index)
    is left as it is."""

    def __init__(self, split: dict[str, list[str]], suffixes: list[str], keep: list[str],
                 ordinal: str = "", ordinal_keep: list[str] = ()):
        self.split, self.suffixes, self.keep = split, tuple(suffixes), set(keep)
        self.ordinal, self.ordinal_keep = ordinal, set(ordinal_keep)

    def cut(self, text: str, cut_all: bool = False):
        import jieba

        for word in jieba.cut(text, cut_all=cut_all):
            if word in self.split:
                yield from self.split[word]
            elif len(word) == 2 and word.endswith(self.suffixes) and word not in self.keep:
                yield from word
            elif (self.ordinal and len(word) > 1 and word.endswith(self.ordinal)
                    and word not in self.ordinal_keep):
                yield word[:-len(self.ordinal)]
                yield self.ordinal
            else:
                yield word


def _segmenter() -> _Segmenter:
    data = load_rules("segmentation")
    split = data.get("split", {})
    for word, parts in split.items():
        if "".join(parts) != word:
            raise ValueError(f"segmentation.toml: {parts} do not spell {word}")
    return _Segmenter(split, data.get("glued_suffixes", []), data.get("glued_keep", []),
                      data.get("ordinal_prefix", ""), data.get("ordinal_keep", []))


@lru_cache(maxsize=8)
def tokens(text: str):
    """The tokenised Doc of `text` (folded to half-width, same length). Cached, as
    several extractors tokenise the same reply."""
    return nlp().make_doc(fold(text))


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
