"""Words for every extractor: one jieba dictionary, one segmentation per text.

- `jieba()`: the default jieba tokenizer, initialised once, reading its
  words from a trie (`dictionary.Dictionary`). The segmentation of `tokens`, the
  part-of-speech tagging (`pos_cut`, figures and programmes), plain word lists
  (`words`) and the search index (`search_words`) all use it, so the dictionary
  is loaded once and nothing edits it (no add_word/del_word).
- `tokens(text)`: the reply cut into words once (jieba, then the splits of
  data/segmentation.toml) and shared by every extractor: a light `Tokens`
  sequence with the slice of spaCy's Doc interface they use (`t.text`, `t.idx`,
  `t.i`, `is_punct`, `like_num`, `char_span`). A cue such as 居 or 拟 only fires
  as a word of its own and never inside 居民 or 代拟. Built over
  `textutil.fold(text)`, which has the same length as `text`, so every token
  offset is an offset into `text`.
- `matcher(patterns)`: fixed-length token patterns (spaCy's pattern format:
  ORTH, IN, NOT_IN, REGEX, IS_PUNCT) matched by a lookup on the first token —
  what spaCy's Matcher did for these patterns, at a fraction of the cost.
- spaCy keeps the jobs where it earns its cost: `spacy_doc(text)` gives a real
  Doc over the same segmentation (spans, token attributes, its Matcher for
  patterns with operators), and displaCy renders the review pages
  (sinks/review.py). Extraction itself no longer builds a spaCy Doc: making one
  and running its Matcher took about half of extraction's time.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_right
from functools import cache, lru_cache

from .rules import load as load_rules
from .textutil import fold, folded

# spaCy refuses longer texts by default (E088, a memory guard for parsers); a
# blank pipeline only segments, and a reply is one Doc whatever its length.
MAX_TEXT_LENGTH = 50_000_000


@cache
def jieba():
    """jieba's default tokenizer, quietly, reading its words from the trie of
    `dictionary.Dictionary` (loaded in ~1 ms; jieba's own cache of its prefix
    dictionary, a marshalled dict, takes ~0.6 s)."""
    jb = _import_jieba()
    jb.setLogLevel(logging.WARNING)  # silence "Building prefix dict" on stderr
    dt = jb.dt
    if not dt.initialized:
        with dt.lock:
            if not dt.initialized:
                from .dictionary import Dictionary
                Dictionary.of(dt).install(dt)
    return dt


def _import_jieba():
    """`import jieba`, without pkg_resources (lightimport)."""
    from .lightimport import import_module
    return import_module("jieba")


@cache
def _pos_tokenizer():
    """jieba's default POS tokenizer: it wraps the default dictionary (a second
    POSTokenizer would read the word tags again). Importing jieba.posseg reads
    the tag of each of the dictionary's 350,000 words from its text (~0.6 s);
    here the import reads nothing and the tags come from the dictionary's trie."""
    import sys

    from .dictionary import Dictionary

    tokenizer = jieba()  # quiet and loaded first
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"].dt
    import io

    tokenizer.get_dict_file = lambda: io.BytesIO(b"")  # what the import reads the tags from
    try:
        from jieba import posseg
    finally:
        del tokenizer.get_dict_file
    pos = posseg.dt
    if isinstance(tokenizer.FREQ, Dictionary):
        pos.word_tag_tab = tokenizer.FREQ.tags
    else:  # loaded by jieba itself, before this module
        pos.load_word_tag(tokenizer.get_dict_file())
    return pos


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


def word_tag(word: str) -> str | None:
    """The word's part-of-speech tag in jieba's dictionary (None when absent)."""
    return _pos_tokenizer().word_tag_tab.get(word)


@cache
def nlp():
    """The blank "zh" pipeline with the jieba segmenter, built once per process."""
    import spacy

    jieba()
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    pipeline.tokenizer.jieba_seg = _segmenter()  # spaCy's own make_doc cuts as `tokens` does
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
            elif word.endswith(self.suffixes) and word not in self.keep and (
                    len(word) == 2 or (len(word) > 2 and not word_freq(word))):
                # (longer: glued by jieba's HMM, no dictionary word: 我委将 -> 我委 | 将)
                yield word[:-1]
                yield word[-1]
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


@cache
def _segmenter() -> _Segmenter:
    data = load_rules("segmentation")
    for word, parts in data.get("split", {}).items():
        if "".join(parts) != word:
            raise ValueError(f"segmentation.toml: {parts} do not spell {word}")
    return _Segmenter(data)


def segment(text: str) -> list[str]:
    """The words of `text` as extractors see them: jieba's cut with the splits of
    data/segmentation.toml. Concatenated they spell `text`."""
    return [w for w in _segmenter().cut(text) if w]


class Token:
    """One word of a `Tokens`: its text, character offset `idx` and index `i`."""

    __slots__ = ("doc", "i", "text", "idx")

    def __init__(self, doc: "Tokens", i: int, text: str, idx: int):
        self.doc, self.i, self.text, self.idx = doc, i, text, idx

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return self.text

    @property
    def is_space(self) -> bool:
        return self.text.isspace()

    @property
    def is_punct(self) -> bool:
        return _is_punct(self.text)

    @property
    def like_num(self) -> bool:
        return _like_num(self.text)


@lru_cache(maxsize=4096)
def _is_punct(text: str) -> bool:
    """Every character is punctuation (Unicode category P*), as spaCy's is_punct."""
    return all(unicodedata.category(c).startswith("P") for c in text)


# Numerals as spaCy's Chinese like_num reads them: digits (with separators, a
# sign, a fraction), one-word numerals, and digit-magnitude chains (三百二十).
_SINGLE_NUMERALS = set("〇一二三四五六七八九十廿卅卌皕零壹贰叁肆伍陆柒捌玖拾") | {
    p + d for p in "十拾" for d in ("一二三四五六七八九" if p == "十" else "壹贰叁肆伍陆柒捌玖")}
_COUNT = "一二三四五六七八九壹贰叁肆伍陆柒捌玖"
_CHAINED_NUMERAL = re.compile(f"^(?:[{_COUNT}][十百千万亿兆拾佰仟])+[{_COUNT}]?$")


@lru_cache(maxsize=4096)
def _like_num(text: str) -> bool:
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    for sep in ",.，。":
        text = text.replace(sep, "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    return text in _SINGLE_NUMERALS or _CHAINED_NUMERAL.match(text) is not None


class _Labels:
    """`doc.vocab.strings[match_id]`: match ids are their labels already."""

    def __getitem__(self, key):
        return key


class _Vocab:
    strings = _Labels()


class Span:
    """Tokens [start, end) of a `Tokens`."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: "Tokens", start: int, end: int):
        self.doc, self.start, self.end = doc, start, max(start, end)

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self):
        return (self.doc[i] for i in range(self.start, self.end))

    def __getitem__(self, k):
        if isinstance(k, slice):
            a, b, _ = k.indices(len(self))
            return Span(self.doc, self.start + a, self.start + b)
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        return self.doc[self.start + k]

    @property
    def start_char(self) -> int:
        return self.doc.starts[self.start] if len(self) else 0

    @property
    def end_char(self) -> int:
        if not len(self):
            return 0
        return self.doc.starts[self.end - 1] + len(self.doc.words[self.end - 1])

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char] if len(self) else ""


class NeedsWholeCut(Exception):
    """A reader of a partial `Tokens` (`LazyTokens.view`) reached a part of the
    text that was not cut; the caller reads the whole cut instead."""


# What a gap of a partial Tokens holds in `words`: no pattern matches it.
GAP = "\x00"


def _layout(text: str, words, lo: int, hi: int, out_words: list, out_starts: list) -> None:
    """Lay out the words of text[lo:hi] as spaCy's Doc lays them out (see Tokens),
    appending to out_words/out_starts (offsets into `text`)."""
    pos = lo       # end of the last token (its trailing space included)
    offset = lo    # where the next segmented word starts
    for w in words:
        at, offset = offset, offset + len(w)
        if w.isspace():
            continue
        if at > pos:                  # whitespace between words: one token
            out_words.append(text[pos:at])
            out_starts.append(pos)
        out_words.append(w)
        out_starts.append(at)
        pos = at + len(w)
        if pos < hi and text[pos] == " ":
            pos += 1
    if pos < hi:
        out_words.append(text[pos:hi])
        out_starts.append(pos)


class Tokens:
    """A text cut into words, laid out as spaCy's Doc lays them out: whitespace
    words dropped, a single space after a word kept as that word's trailing
    space, any other whitespace a token of its own. Tokens cover the text.

    A partial Tokens (`LazyTokens.view`) holds some windows of the text; each
    run of windows left out is one GAP token, and reading one raises
    NeedsWholeCut."""

    vocab = _Vocab()

    def __init__(self, text: str, words: list[str] | None = None):
        self.text = text
        self.words: list[str] = []
        self.starts: list[int] = []
        self.gaps: frozenset[int] = frozenset()
        self.source: LazyTokens | None = None
        if words is not None:
            _layout(text, words, 0, len(text), self.words, self.starts)
        self._tokens: list[Token | None] = [None] * len(self.words)

    @classmethod
    def _of_pieces(cls, text: str, pieces: list, source: "LazyTokens | None") -> "Tokens":
        """Tokens of windows laid out apart ((words, starts) each) and gaps (None)."""
        toks = cls(text)
        gaps = []
        for i, piece in enumerate(pieces):
            if piece is None:  # stands at the start of the next window (or the text's end)
                gaps.append(len(toks.words))
                toks.words.append(GAP)
                nxt = pieces[i + 1] if i + 1 < len(pieces) else None
                toks.starts.append(nxt[1][0] - 1 if nxt and nxt[1] else len(text))
            else:
                toks.words += piece[0]
                toks.starts += piece[1]
        toks.gaps = frozenset(gaps)
        toks.source = source
        toks._tokens = [None] * len(toks.words)
        return toks

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, k):
        if isinstance(k, slice):
            a, b, _ = k.indices(len(self))
            return Span(self, a, b)
        if k < 0:
            k += len(self)
        tok = self._tokens[k]
        if tok is None:
            if k in self.gaps:
                raise NeedsWholeCut(k)
            tok = self._tokens[k] = Token(self, k, self.words[k], self.starts[k])
        return tok

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def token_at(self, char: int) -> int:
        """Index of the token whose text or trailing space holds `char`, or -1."""
        if not 0 <= char < len(self.text) or not self.words:
            return -1
        i = bisect_right(self.starts, char) - 1
        if self.gaps and (i < 0 or i in self.gaps or (
                i + 1 in self.gaps and char >= self.starts[i] + len(self.words[i]))):
            raise NeedsWholeCut(char)  # in a gap: not cut there
        return i

    def char_span(self, start: int, end: int, alignment_mode: str = "strict") -> Span | None:
        """Tokens of characters [start, end), aligned as spaCy's Doc.char_span does:
        "strict" (bounds on token edges), "contract" (tokens wholly inside) or
        "expand" (tokens touched); None when there are none."""
        first, last = self.token_at(start), self.token_at(end - 1)
        if first < 0 or last < 0:
            return None
        if alignment_mode == "strict":
            if start != self.starts[first] or end != self.starts[last] + len(self.words[last]):
                return None
        elif alignment_mode == "contract":
            if self.starts[first] < start:
                first += 1
            if end < self.starts[last] + len(self.words[last]):
                last -= 1
            if last < first:
                return None
        elif start == self.starts[first] + len(self.words[first]):
            first += 1  # expand: a trailing space is not part of the word before it
        if self.gaps and any(first <= g <= last for g in self.gaps):
            raise NeedsWholeCut(start)
        return Span(self, first, last + 1)

    def words_in(self, start: int, end: int) -> list[str]:
        """The words wholly inside characters [start, end) ("contract" alignment);
        of a partial Tokens, cut there if they were not."""
        if self.source is not None:
            return self.source.words_in(start, end)
        span = self.char_span(start, end, "contract")
        return [] if span is None else self.words[span.start:span.end]


# Window ends: after a clause or sentence stop or a line break (of the folded
# text; not "."), before a character that is no whitespace. jieba cuts each run
# of Han characters, letters, digits and .+#&_%- apart from the rest, a stop is
# a word of its own and the next word starts right after it (no trailing
# space), so the words of a text are the words of its windows, end to end.
_WINDOW_END = re.compile(r"(?<=[。!?;\n,:、])(?=\S)")


class LazyTokens:
    """The words of a text, cut window by window (clauses, see _WINDOW_END) as
    the extractors ask for them, each window once: the one shared cut of a
    reply, done only where a reader needs words. `view(windows)` is a Tokens of
    some windows (a gap between them), `words_in(a, b)` the words of a range,
    `full()` the Tokens of the whole text (the same as `Tokens(text, segment(text))`)."""

    def __init__(self, text: str):
        self.text = text  # folded
        self.bounds = [0, *(m.start() for m in _WINDOW_END.finditer(text)), len(text)]
        self._cut: dict[int, tuple[list[str], list[int]]] = {}
        self._views: dict[tuple[int, int], Tokens] = {}
        self._full: Tokens | None = None

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def window_of(self, char: int) -> int:
        return max(0, min(bisect_right(self.bounds, char) - 1, len(self) - 1))

    def windows(self, start: int, end: int) -> range:
        """The windows holding characters [start, end)."""
        return range(self.window_of(start), self.window_of(max(start, end - 1)) + 1)

    def _window(self, w: int) -> tuple[list[str], list[int]]:
        piece = self._cut.get(w)
        if piece is None:
            lo, hi = self.bounds[w], self.bounds[w + 1]
            words: list[str] = []
            starts: list[int] = []
            _layout(self.text, segment(self.text[lo:hi]), lo, hi, words, starts)
            piece = self._cut[w] = (words, starts)
        return piece

    def view(self, windows) -> Tokens:
        """A Tokens of the given windows, each run of windows between them a gap."""
        pieces: list = []
        last = -1
        for w in sorted(set(windows)):
            if not 0 <= w < len(self):
                continue
            if w > last + 1:
                pieces.append(None)
            pieces.append(self._window(w))
            last = w
        if last < len(self) - 1:
            pieces.append(None)
        return Tokens._of_pieces(self.text, pieces, self)

    def words_in(self, start: int, end: int) -> list[str]:
        """The words wholly inside characters [start, end)."""
        if start >= end or not self.text:
            return []
        ws = self.windows(start, end)
        try:
            doc = self._view_of(ws.start, ws.stop)
            span = doc.char_span(start, end, "contract")
        except NeedsWholeCut:  # a range ending on a window's edge: read the next one too
            doc = self._view_of(ws.start - 1, ws.stop + 1)
            span = doc.char_span(start, end, "contract")
        return [] if span is None else doc.words[span.start:span.end]

    def _view_of(self, first: int, stop: int) -> Tokens:
        """view(range(first, stop)), kept: a reply that is one long clause asks
        for words in it again and again."""
        key = (max(0, first), min(len(self), stop))
        doc = self._views.get(key)
        if doc is None:
            doc = self._views[key] = self.view(range(*key))
        return doc

    def full(self) -> Tokens:
        if self._full is None:
            self._full = Tokens._of_pieces(self.text, [self._window(w) for w in range(len(self))], None)
        return self._full


@lru_cache(maxsize=8)
def lazy_tokens(text: str) -> LazyTokens:
    """The words of a reply's text (folded, same length), cut window by window as
    extractors need them and shared by the extractors that read it."""
    return LazyTokens(folded(text))


def tokens(text: str) -> Tokens:
    """The words of `text` (folded to half-width, same length), segmented once
    and shared by the extractors that read the same reply."""
    return lazy_tokens(text).full()


def spacy_doc(text: str):
    """A spaCy Doc over the same words as `tokens(text)`: for spaCy's own tools
    (Matcher patterns with operators, spans, displaCy)."""
    from spacy.tokens import Doc

    t = tokens(text)
    spaces = [t.starts[i] + len(w) < (t.starts[i + 1] if i + 1 < len(t) else len(t.text))
              for i, w in enumerate(t.words)]
    return Doc(nlp().vocab, words=list(t.words), spaces=spaces)


def char_span(doc, start: int, end: int, mode: str = "expand"):
    """The Span covering characters [start, end); by default widened to whole tokens."""
    return doc.char_span(start, end, alignment_mode=mode)


def span_of(span) -> tuple[int, int]:
    """(start, end) character offsets of a Span or Token range."""
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


class TokenMatcher:
    """Fixed-length token patterns in spaCy's format, one label per key, found by
    looking up each token's text among the patterns' first tokens (patterns
    whose first token is a REGEX are tried on every token). Calling it on a
    `Tokens` or a `Span` gives [(label, start, end)] sorted by position, each
    match once, as spaCy's Matcher does (with the label as its own match id)."""

    def __init__(self, patterns: dict[str, list[list[dict]]]):
        # (label, tests of the tokens after the first) by first word; patterns whose
        # first token is no fixed word: (label, test of the first token, tests after)
        self.by_first: dict[str, list[tuple[str, list]]] = {}
        self.any_first: list[tuple[str, object, list]] = []
        for label, pats in patterns.items():
            for pat in pats:
                rest = [_word_test(spec) for spec in pat[1:]]
                first = pat[0].get("ORTH") if len(pat[0]) == 1 else None
                keys = [first] if isinstance(first, str) else (
                    first.get("IN") if isinstance(first, dict) and set(first) == {"IN"} else None)
                if keys is None:
                    self.any_first.append((label, _word_test(pat[0]), rest))
                else:
                    for key in keys:
                        self.by_first.setdefault(key, []).append((label, rest))
        self.starts = _starts_pattern([pat for pats in patterns.values() for pat in pats])

    def windows(self, lazy: "LazyTokens") -> set[int]:
        """The windows of a LazyTokens where a match may start: a view of them
        (`lazy.view`) gives the matches of the whole text."""
        if self.starts is None:
            return set(range(len(lazy)))
        text, bounds, out = lazy.text, lazy.bounds, set()
        for m in self.starts.finditer(text):
            at = m.start()
            w = lazy.window_of(at)
            out.add(w)
            # a match read with the word before or after it (将 at a line's end
            # looks on to the next line): the neighbouring window too
            if not text[bounds[w]:at].strip():
                out.add(w - 1)
            if len(text[at:bounds[w + 1]].strip()) <= 4:
                out.add(w + 1)
        return out

    def __call__(self, doclike) -> list[tuple[str, int, int]]:
        doc, lo, hi = (doclike.doc, doclike.start, doclike.end) if isinstance(doclike, Span) \
            else (doclike, 0, len(doclike))
        words = doc.words
        gaps = doc.gaps
        found = set()

        def complete(label, rest, i):
            end = i + 1 + len(rest)
            if end <= hi and all(test(word_at(j)) for test, j in zip(rest, range(i + 1, end))):
                found.add((i, end, label))

        def word_at(j):
            if j in gaps:
                raise NeedsWholeCut(j)  # a match reaching into text not cut
            return words[j]

        for i in range(lo, hi):
            if i in gaps:
                continue
            for label, rest in self.by_first.get(words[i], ()):
                complete(label, rest, i)
            for label, first, rest in self.any_first:
                if first(words[i]):
                    complete(label, rest, i)
        return [(label, s, e) for s, e, label in sorted(found)]


def _starts_pattern(patterns: list[list[dict]]) -> re.Pattern | None:
    """A regex found (zero-width) wherever one of the token patterns may match in
    the text: the words of a match are its characters, one after the other, with
    at most a space between two (a word's trailing space). A test it cannot
    spell ends the pattern there (what comes before it must still be there);
    None when a first token has none."""
    alternatives, firsts = [], set()
    for pat in patterns:
        firsts.add(_first_chars(pat[0]))
        parts = []
        for spec in pat:
            part = _spelled(spec, first=not parts)
            if part is None:
                break
            parts.append(part)
            if part.endswith("(?#open)"):
                break  # a regex not held to the word's end: nothing after it is sure
        if not parts:
            return None
        alternatives.append(" ?".join(parts))
    # a leading class of the first characters lets re skip every other position
    # at once instead of trying each alternative there
    lead = "" if None in firsts else "(?=[" + "".join(sorted(firsts)) + "])"
    return re.compile(lead + "(?=" + "|".join(f"(?:{a})" for a in alternatives) + ")")


def _first_chars(spec: dict) -> str | None:
    """The characters a word passing `spec` may start with, for a regex class
    (escaped); None when they cannot be told."""
    orth = spec.get("ORTH")
    if isinstance(orth, str) and orth:
        return re.escape(orth[0])
    if isinstance(orth, dict) and set(orth) == {"IN"} and all(orth["IN"]):
        return "".join(sorted({re.escape(w[0]) for w in orth["IN"]}))
    if isinstance(orth, dict) and set(orth) == {"REGEX"}:
        body = orth["REGEX"].removeprefix("^")
        if body.startswith("\\d"):
            return "\\d"
        if body and (body[0].isalnum() or "\u4e00" <= body[0] <= "\u9fff") and orth["REGEX"].startswith("^") \
                and body[1:2] not in ("*", "?", "{") and not _top_level_or(body):
            return re.escape(body[0])
    return None


def _top_level_or(rx: str) -> bool:
    """Whether a regex has a | outside groups and classes (a|b: either may start it)."""
    depth, i, in_class = 0, 0, False
    while i < len(rx):
        c = rx[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def _spelled(spec: dict, first: bool) -> str | None:
    """The characters of a word passing one token test, as a regex; None when
    they cannot be told (the pattern stops there)."""
    orth = spec.get("ORTH")
    if isinstance(orth, str):
        return re.escape(orth)
    if isinstance(orth, dict) and set(orth) == {"IN"}:
        return "(?:" + "|".join(re.escape(w) for w in sorted(orth["IN"], key=len, reverse=True)) + ")"
    if isinstance(orth, dict) and set(orth) == {"REGEX"}:
        rx = orth["REGEX"]
        anchored = rx.startswith("^")
        body = rx[1:] if anchored else rx
        closed = body.endswith("$") and not body.endswith("\\$")
        body = body[:-1] if closed else body
        if "^" in body or "$" in body or not (anchored or first):
            return None
        return f"(?:{body})" + ("" if closed else "(?#open)")
    return "[\\s\\S](?#open)"  # NOT_IN, IS_PUNCT: a word of any characters; nothing after it is sure


def _word_test(spec: dict):
    """A test of one token's text for a spaCy token spec (ORTH: a word, IN,
    NOT_IN or REGEX; IS_PUNCT)."""
    if "OP" in spec:
        raise ValueError(f"token patterns with operators need spaCy's Matcher: {spec}")
    tests = []
    for attr, want in spec.items():
        if attr == "ORTH" and isinstance(want, str):
            tests.append(want.__eq__)
        elif attr == "ORTH" and set(want) == {"IN"}:
            tests.append(frozenset(want["IN"]).__contains__)
        elif attr == "ORTH" and set(want) == {"NOT_IN"}:
            tests.append(lambda w, s=frozenset(want["NOT_IN"]): w not in s)
        elif attr == "ORTH" and set(want) == {"REGEX"}:
            tests.append(lambda w, r=re.compile(want["REGEX"]): r.search(w) is not None)
        elif attr == "IS_PUNCT":
            tests.append(lambda w, b=bool(want): _is_punct(w) == b)
        else:
            raise ValueError(f"unsupported token test: {attr}={want}")
    return tests[0] if len(tests) == 1 else (lambda w: all(t(w) for t in tests))


def matcher(patterns: dict[str, list[list[dict]]]) -> TokenMatcher:
    """A matcher of fixed-length token patterns, one label per key of `patterns`."""
    return TokenMatcher(patterns)


# Search: queries and indexed passages are compared in one form, width- and
# case-folded (NFKC, lower case), and cut into words, runs and character pairs.
RUN = _RUN = re.compile(r"\w+")  # runs of letters/digits (Han characters included)


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
