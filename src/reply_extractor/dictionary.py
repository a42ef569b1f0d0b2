"""jieba's dictionary held as a trie: its 349,000 words in a marisa trie, each
word's frequency and part-of-speech tag in arrays indexed by the trie's word id.

jieba keeps the dictionary as a dict of every word and every prefix of one
(584,000 entries): ~0.2 s to load in each process, ~70 MB, and pages a forked
worker copies as soon as it reads them (reference counts). The trie loads in
about a millisecond from its cache file, and its pages are only ever read.

jieba reads its dictionary through `FREQ` (get, in, []), `get_DAG` and `calc`,
and jieba.posseg through `word_tag_tab.get`: `Dictionary.install` puts this
one in their place with the same answers, so the segmentation is jieba's own
(tests compare both on sample texts). Nothing here adds or removes words.
"""
from __future__ import annotations

from array import array
from math import log

# In the cache file's name: a version of this code reads only its own format.
CACHE_FORMAT = 1
NO_TAG = 255  # in the tag array: a word with a frequency and no tag


class Dictionary:
    """Word frequencies and tags of one jieba dictionary file. As `FREQ`:
    `word in d` is true of every word and every prefix of a word, `d.get(w)`
    is a word's frequency, 0 for a prefix that is no word, else the default."""

    def __init__(self, trie_bytes: bytes, freq: bytes, tags: bytes, tag_names: list[str], total: int,
                 longest: int):
        import marisa_trie

        self.trie = marisa_trie.Trie().frombytes(trie_bytes)
        self.freq = array("q", freq)
        self.tag_ids, self.tag_names = tags, tag_names
        self.total, self.longest = total, longest  # the longest word, in characters
        self.log_total = log(total) if total > 0 else 0.0
        self.tags = WordTags(self)

    # ---- built from a tokenizer's dictionary file, cached on disk

    @classmethod
    def of(cls, tokenizer) -> "Dictionary":
        """The dictionary of this jieba tokenizer's file, from its cache in
        the temp folder (written on first use, from jieba's own reading)."""
        return cls(*_cached(tokenizer, lambda: _build(tokenizer)))

    def install(self, tokenizer) -> None:
        """Make `tokenizer` (a jieba.Tokenizer) read its words from here."""
        tokenizer.FREQ, tokenizer.total = self, self.total
        tokenizer.get_DAG, tokenizer.calc = self.dag, self.route
        tokenizer.initialized = True

    # ---- FREQ, as jieba reads it

    def __contains__(self, word: str) -> bool:
        return word in self.trie or self._prefix(word)

    def get(self, word: str, default=None):
        wid = self.trie.get(word)
        if wid is not None:
            return self.freq[wid]
        return 0 if self._prefix(word) else default

    def _prefix(self, word: str) -> bool:
        """`word` begins a word of the dictionary (jieba's FREQ holds each as 0)."""
        return bool(word) and next(self.trie.iterkeys(word), None) is not None

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __len__(self) -> int:
        return len(self.trie)

    # ---- segmentation: jieba's get_DAG and calc

    def dag(self, sentence: str) -> "_Dag":
        """jieba's get_DAG: for each position, where the words starting there
        end (or the position itself); the best route is found in the same
        pass, from the end, and `route` hands it over."""
        prefixes, freq, longest, log_total = self.trie.iter_prefixes_with_ids, self.freq, self.longest, self.log_total
        n = len(sentence)
        ends_at: list = [None] * n
        best_route = {n: (0, 0)}
        for k in range(n - 1, -1, -1):
            ends, best = [], None
            for word, wid in prefixes(sentence[k:k + longest]):
                f = freq[wid]
                if f:
                    x = k + len(word) - 1
                    ends.append(x)
                    step = (log(f) - log_total + best_route[x + 1][0], x)
                    if best is None or step > best:
                        best = step
            if best is None:  # no word starts here: the character alone, as jieba scores it
                ends, best = [k], (log(1) - log_total + best_route[k + 1][0], k)
            ends_at[k] = ends
            best_route[k] = best
        dag = _Dag(enumerate(ends_at))  # in jieba's order: cut_all walks it
        dag.best_route = best_route
        return dag

    def route(self, sentence: str, dag: dict, route: dict) -> None:
        """jieba's calc: the best route through `dag` into `route`."""
        found = getattr(dag, "best_route", None)
        if found is not None:
            route.update(found)
            return
        n = len(sentence)
        route[n] = (0, 0)
        for idx in range(n - 1, -1, -1):
            route[idx] = max((log(self.get(sentence[idx:x + 1]) or 1) - self.log_total + route[x + 1][0], x)
                             for x in dag[idx])


class _Dag(dict):
    best_route: dict


class WordTags:
    """The part-of-speech tag of each word, as jieba.posseg reads its
    `word_tag_tab` (`.get(word, default)`; `update` with a user dictionary's tags)."""

    def __init__(self, words: Dictionary):
        self.words = words
        self.added: dict[str, str] = {}

    def get(self, word: str, default=None):
        if self.added:
            found = self.added.get(word)
            if found is not None:
                return found
        wid = self.words.trie.get(word)
        tag = NO_TAG if wid is None else self.words.tag_ids[wid]
        return default if tag == NO_TAG else self.words.tag_names[tag]

    def update(self, tags: dict) -> None:
        self.added.update(tags)


def _build(tokenizer) -> tuple:
    """The cache's payload from jieba's own reading of the dictionary file:
    its frequencies (Tokenizer.gen_pfdict) and tags (POSTokenizer.load_word_tag)."""
    from types import SimpleNamespace

    import marisa_trie
    from jieba.posseg import POSTokenizer

    freq_of, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tagged = SimpleNamespace()
    POSTokenizer.load_word_tag(tagged, tokenizer.get_dict_file())
    tag_of = tagged.word_tag_tab
    words = set(tag_of) | {w for w, f in freq_of.items() if f}
    trie = marisa_trie.Trie(words)
    names = sorted(set(tag_of.values()))
    if len(names) > NO_TAG:
        raise ValueError(f"more than {NO_TAG} part-of-speech tags")
    number = {name: i for i, name in enumerate(names)}
    freq, tags = array("q", bytes(8 * len(trie))), bytearray(len(trie))
    for word, wid in trie.iteritems():
        freq[wid] = freq_of.get(word, 0)
        tags[wid] = number[tag_of[word]] if word in tag_of else NO_TAG
    return trie.tobytes(), freq.tobytes(), bytes(tags), names, total, max(map(len, words), default=1)


def _cached(tokenizer, build) -> tuple:
    """`build()` cached in the temp folder beside jieba's own cache: used only
    when written from this very dictionary file (path, size, mtime), written
    whole or not at all."""
    import marshal
    import os
    import tempfile
    from hashlib import md5

    import jieba as jb

    dict_path = os.path.abspath(tokenizer.dictionary or os.path.join(os.path.dirname(jb.__file__),
                                                                      jb.DEFAULT_DICT_NAME))
    stat = os.stat(dict_path)
    key = [dict_path, stat.st_size, stat.st_mtime_ns, CACHE_FORMAT]
    cache_dir = tokenizer.tmp_dir or tempfile.gettempdir()
    cache = os.path.join(cache_dir, f"reply_extractor.dictionary.{CACHE_FORMAT}."
                                    f"{md5(dict_path.encode()).hexdigest()}.marshal")
    try:
        with open(cache, "rb") as f:
            cached_key, payload = marshal.load(f)
        if cached_key == key:
            return payload
    except (OSError, ValueError, EOFError, TypeError):
        pass
    payload = build()
    try:
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".reply_extractor.dictionary.")
        with os.fdopen(fd, "wb") as f:
            marshal.dump((key, payload), f)
        os.replace(tmp, cache)
    except (OSError, ValueError):
        pass
    return payload
