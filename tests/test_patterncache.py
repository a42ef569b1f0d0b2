"""Compiled patterns kept between runs (patterncache): a pattern read back
from the cache matches exactly as the one `re` compiles."""
import marshal
import re
import subprocess
import sys

from reply_extractor import patterncache
from reply_extractor.rules import alternation, longest_first

# Patterns of the kinds the rules hold: CJK classes, named groups, look-arounds, flags.
PATTERNS = [
    (r"(?P<num>\d+(?:\.\d+)?)(?P<unit>万元|亿元|元)", 0),
    (r"[\u4e00-\u9fff]{2,6}(?:局|委|办)(?![\u4e00-\u9fff])", 0),
    (r"^(?:一|二|三|四|五)、(?P<head>[^。\n]{2,30})", re.MULTILINE),
    (r"(?i)\bkm(?:2|²)\b", 0),
    (rb"\xef\xbb\xbf|charset=([\w-]+)", 0),
]
TEXT = "一、加强统筹\n全市投入350万元，示例局负责，面积20 KM2。"


def _fresh(pattern, flags):
    re.purge()  # past re's own cache of compiled patterns
    return re.compile(pattern, flags)


def test_a_cached_pattern_matches_as_a_compiled_one(tmp_path):
    cache = tmp_path / "patterns.marshal"
    with patterncache.cached(str(cache)):
        first = [_fresh(p, f) for p, f in PATTERNS]
    assert cache.exists()
    with patterncache.cached(str(cache)):
        again = [_fresh(p, f) for p, f in PATTERNS]
    for a, b in zip(first, again):
        assert a is not b
        assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
        subject = TEXT.encode() if isinstance(a.pattern, bytes) else TEXT
        assert [m.span() for m in a.finditer(subject)] == [m.span() for m in b.finditer(subject)]
        assert [m.groups() for m in a.finditer(subject)] == [m.groups() for m in b.finditer(subject)]


def test_a_hit_skips_the_compiler(tmp_path, monkeypatch):
    cache = str(tmp_path / "patterns.marshal")
    with patterncache.cached(cache):
        _fresh(*PATTERNS[1])
    calls = []
    real = re._parser.parse
    monkeypatch.setattr(re._parser, "parse", lambda *a: calls.append(a) or real(*a))
    with patterncache.cached(cache):
        _fresh(*PATTERNS[1])
    assert calls == []


def test_a_pattern_given_as_a_str_subclass_is_compiled_and_not_kept(tmp_path):
    """lxml hands out its strings as a subclass of str, which marshal cannot write."""
    class Text(str):
        pass

    cache = tmp_path / "patterns.marshal"
    with patterncache.cached(str(cache)):
        assert _fresh(Text(r"infinite-?scroll"), 0).search("an infinitescroll box")
        _fresh(*PATTERNS[0])
    assert cache.exists()  # the others are kept


def test_outside_the_block_re_is_itself_again(tmp_path):
    real = re._compiler.compile
    with patterncache.cached(str(tmp_path / "p.marshal")):
        assert re._compiler.compile is not real
    assert re._compiler.compile is real
    assert re._compiler._sre is patterncache._sre


def test_a_damaged_or_foreign_file_is_compiled_past(tmp_path):
    damaged = tmp_path / "damaged.marshal"
    damaged.write_bytes(b"\x00not marshal")
    foreign = tmp_path / "foreign.marshal"
    key = PATTERNS[0]
    foreign.write_bytes(marshal.dumps(("another python", {key: (0, b"\x01\x02", 0, {}, ())})))
    for path in (damaged, foreign):
        with patterncache.cached(str(path)):
            assert _fresh(*key).search(TEXT).group("unit") == "万元"


def test_wrong_code_in_the_file_is_refused_and_compiled(tmp_path):
    """_sre checks the code it is given: a file holding nonsense for a pattern
    (same build) gives way to compiling it."""
    path = tmp_path / "patterns.marshal"
    key = PATTERNS[0]
    path.write_bytes(marshal.dumps((patterncache._BUILD, {key: (32, b"\xff" * 16, 2, {"num": 1, "unit": 2},
                                                                 (None, "num", "unit"))})))
    with patterncache.cached(str(path)):
        assert _fresh(*key).search(TEXT).group("num") == "350"


def test_no_file_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REPLY_EXTRACTOR_CACHE", "")
    assert patterncache.cache_file() is None
    with patterncache.cached():
        assert _fresh(*PATTERNS[0]).search(TEXT)
    monkeypatch.setenv("REPLY_EXTRACTOR_CACHE", str(tmp_path))
    assert patterncache.cache_file().startswith(str(tmp_path))


def test_word_lists_give_the_same_pattern_in_every_process():
    """A pattern built from a set is the same string in two processes (hash
    seeds differ), so that the cache finds it."""
    code = ("from reply_extractor.rules import alternation;"
            "print(alternation({'万元', '亿元', '元', '万', '千米', '公里'}))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1
    assert longest_first(["元", "万元", "亿元", "元"]) == ["万元", "亿元", "元"]
    assert alternation(["元", "万元"]) == "万元|元"


def test_another_pythons_compiler_arguments_are_not_kept(tmp_path, monkeypatch):
    """A Python whose _sre.compile takes other arguments: patterns compile as
    usual and none is kept."""
    class Odd(patterncache._Recorder):
        def compile(self, *args):
            self.args = args + ("more",)
            return patterncache._sre.compile(*args)

    monkeypatch.setattr(patterncache, "_Recorder", Odd)
    cache = tmp_path / "patterns.marshal"
    with patterncache.cached(str(cache)):
        assert _fresh(*PATTERNS[0]).search(TEXT).group("unit") == "万元"
    assert not cache.exists()
