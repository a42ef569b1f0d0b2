"""Shortcuts taken for speed give what the plain way gives (issue 9): each is
checked against the plain computation on the sample replies and on made-up
or random strings."""
from __future__ import annotations

import random
from decimal import Decimal, localcontext

from corpus import ROOT

from reply_extractor import layout, numbers, readers
from reply_extractor.extractors.figures import scan as figure_scan
from reply_extractor.extractors.figures.quantity import NUMERAL_RE, read_quantity
from reply_extractor.textutil import _WIDTH, _WIDTH_KEEP_COMMA, fold, fold_keep_comma, folded

try:  # the parse of a pattern: what its matches can end with (the oracle of exclude.before_ends)
    from re import _constants as sre, _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants as sre
    import sre_parse


def _samples() -> list[str]:
    return [readers.read(p).text for p in sorted((ROOT / "corpora").iterdir()) if p.suffix != ".md"]


def _random_texts(alphabet: str, n: int = 2000, seed: int = 9) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(n)]


def test_fold_is_the_translation_table():
    for text in [*_samples(), "１２３，ＡＢ　（注）：\u200b！", ""]:
        assert fold(text) == text.translate(_WIDTH)
        assert fold_keep_comma(text) == text.translate(_WIDTH_KEEP_COMMA)


def test_labelled_fields_found_only_before_colons_are_all_of_them():
    pat, _ = layout._glued_re()
    chars = "".join(layout._label_chars())
    texts = [*_samples(), "提 案 人：张三承办单位：某局办理结果：满意", "提\u3000案\xa0人\t：", "案由::提案人：：",
             "办理情况：" * 30, *_random_texts(chars + ":：，。 \t\u3000\xa0\n")]
    for text in texts:
        ft = folded(text)
        for limit in (len(ft), len(ft) // 2):
            assert [(m.span(), m.lastgroup) for m in layout._label_matches(ft, limit)] == \
                   [(m.span(), m.lastgroup) for m in pat.finditer(ft, 0, limit)]


def test_integers_parse_as_the_general_path_does():
    for s in ["0", "000", "0123", "2023", "7", "12345678901234567890", "123456789012345678901"]:
        with localcontext() as ctx:
            ctx.prec = numbers.PRECISION
            plain = numbers._parse_plain(s)
            want = None if plain is None else numbers.normalize(plain)
        got = numbers.parse_number(s)
        assert (got is None and want is None) or got.as_tuple() == want.as_tuple(), s
    assert numbers.parse_number("1.50") == Decimal("1.5")


def test_numerals_skipped_unread_are_no_quantities():
    """一 of 一是: a Chinese numeral ruled out before reading reads as no figure."""
    alphabet = "一二三十百千万两零元个人年至余多是项家%，。、 2"
    for text in [*_samples(), *_random_texts(alphabet)]:
        for m in NUMERAL_RE.finditer(text):
            if figure_scan._bare_word_numeral(text, m):
                q = read_quantity(text, m)
                nxt = text[q.end:q.end + 1] if q else ""
                assert q is None or (q.unit is None and not q.has_mag
                                     and not (nxt and nxt in figure_scan.load().range_joiners))


def _styles_part() -> bytes:
    """The styles part of python-docx's template (Word's ~160 styles)."""
    import io
    import zipfile

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    return zipfile.ZipFile(buf).read("word/styles.xml")


def test_styles_parsed_one_at_a_time_are_the_styles_of_the_whole_part():
    from lxml import etree

    from reply_extractor.readers import docx as docx_reader
    from reply_extractor.readers.numbering import qn, style_element

    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    data = _styles_part()
    whole = etree.fromstring(data, parser)
    lazy = docx_reader._LazyStyles.of(data, parser)
    assert lazy is not None
    ids = [s.get(qn("w:styleId")) for s in whole.iter(qn("w:style"))]
    assert len(ids) > 100
    for sid in [*ids, "NoSuchStyle", ""]:
        mine, theirs = style_element(lazy, sid), style_element(whole, sid)
        assert (mine is None) == (theirs is None), sid
        if mine is not None:
            assert etree.tostring(mine, method="c14n") == etree.tostring(theirs, method="c14n")
    assert len(lazy._parsed) == len(ids) + 1 and lazy._whole is None  # one style at a time
    # a part out of the ordinary is read whole, as before
    assert docx_reader._LazyStyles.of(data.replace(b"<w:docDefaults>", b"<!-- x --><w:docDefaults>"),
                                      parser) is None



def test_figure_shortcuts_answer_as_the_plain_loops():
    """Cues and change words looked up by their first character, selection verbs
    as one pattern, a numeral parse kept per numeral: the answers of the loops
    over every word."""
    from reply_extractor.extractors.figures import context as ctx, nouns, quantity
    from reply_extractor.extractors.figures.data import load
    from reply_extractor.extractors.figures.scan import _bare_word_numeral

    def plain_suffix(ft, pos, unit):
        for cue, qual in load().after:
            if ft.startswith(cue, pos):
                return qual, pos + len(cue)
        if unit.kind == "duration" and ft.startswith("内", pos):
            return "at_most", pos + 1
        return None, pos

    def plain_direction(window):
        best, best_pos = None, -1
        for word, d in ctx.words().direction.items():
            i = window.rfind(word)
            if i > best_pos and ctx._governs(window[i + len(word):]):
                best, best_pos = d, i
        return best

    verbs = nouns._selection_verbs()
    chars = "".join(c for c, _ in load().after) + "".join(ctx.words().direction) + "".join(verbs) \
        + "内年人元个一二万亿十0123456789.，。"
    units = [u for u in load().units if u.kind == "duration"][:1] + [load().units[0]]
    for t in [*_samples(), *_random_texts(chars, n=3000)]:
        for pos in range(0, len(t) + 1, 3):
            for unit in units:
                assert quantity.suffix_qualifier(t, pos, unit) == plain_suffix(t, pos, unit)
        for window in (t[-12:], t[:8], t[:20]):
            assert ctx.direction_of(window) == plain_direction(window)
        first = nouns._any_selection_verb().search(t, 1)
        assert (first.start() if first else len(t)) == \
            min((i for v in verbs if (i := t.find(v, 1)) > 0), default=len(t))
        lead = nouns._any_selection_verb().match(t)
        assert (lead.group() if lead else "") == next((v for v in verbs if t.startswith(v)), "")
        for m in NUMERAL_RE.finditer(t):
            raw = m.group()
            bare = not any(c.isdigit() or c in numbers.MAGNITUDES for c in raw) \
                and t[m.end():m.end() + 1] not in figure_scan._may_follow_word_numeral()
            assert _bare_word_numeral(t, m) == bare
            assert numbers.parse_number(raw) == numbers.parse_number.__wrapped__(raw)


def test_patterns_led_by_their_first_characters_match_as_the_plain_ones():
    import re

    from reply_extractor.extractors.figures import period, table
    from reply_extractor.extractors.figures.quantity import ARABIC, CN_DIGITS, MAG_CHARS

    plain_numeral = re.compile(rf"{ARABIC}[{MAG_CHARS}]*(?:(?<=[{MAG_CHARS}])\d+(?:[{MAG_CHARS}]+\d*)?)?"
                               rf"|[{CN_DIGITS}{MAG_CHARS}]+")
    plain_year = re.compile(r"(\d{4})年(?:(\d{1,2})(?:[-—至](\d{1,2}))?月)?|(今年|去年|明年|前年|上年|当年)")

    def plain_period(m):  # a reply of 2023
        if m.group(4):
            return str(2023 + {"今年": 0, "当年": 0, "去年": -1, "上年": -1, "明年": 1, "前年": -2}[m.group(4)])
        y, m1, m2 = m.group(1), m.group(2), m.group(3)
        return f"{y}-{int(m1):02d}/{y}-{int(m2):02d}" if m1 and m2 else y
    chars = "0123456789.,年月-—至今去明前上当一二两三十百千万亿億零〇元个"
    for t in [*_samples(), *_random_texts(chars, n=3000)]:
        assert [(m.span(), m.groups()) for m in NUMERAL_RE.finditer(t)] == \
            [(m.span(), m.groups()) for m in plain_numeral.finditer(t)]
        assert [(m.span(), period._period(m, 2023)) for m in period._YEAR.finditer(t)] == \
            [(m.span(), plain_period(m)) for m in plain_year.finditer(t)]
        for pos in range(0, len(t), 5):
            assert bool(NUMERAL_RE.match(t, pos)) == bool(plain_numeral.match(t, pos))
        assert "\t" in t or table.table_cells(t) == []


def test_trailing_cues_stand_only_before_the_end_of_a_phrase_ending_in_one():
    from reply_extractor.extractors.figures import context as ctx

    for s in _random_texts("约近超逾达为合占比增长人元", n=3000):
        if s[-1:] not in ctx._TRAILING_CUE_ENDS:
            assert ctx._TRAILING_CUES.sub("", s) == s


def test_cue_and_exclusion_lookups_in_place_answer_as_on_the_slice():
    """A bound cue looked for in the reach before a number first, the exclusions
    before it searched in place (pos, endpos) rather than on a slice: the same
    answers as the plain ways."""
    from reply_extractor.extractors.figures import quantity, scan
    from reply_extractor.extractors.figures.data import load

    def plain_prefix(ft, start):  # prefix_qualifier without the reach tested first
        data = load()
        left, lowest = start, max(0, start - data.near_gap - 4)
        while left > lowest and ft[left - 1] not in quantity.DELIMS and not ft[left - 1].isdigit():
            left -= 1
        window = ft[left:start]
        best, best_pos = None, -1
        for cue, qual in load().before:
            i = window.rfind(cue)
            if i < 0 or len(window) - (i + len(cue)) > data.near_gap:
                continue
            end = i + len(cue)
            if cue in data.metric["comparisons"] and any(w in window[end:] for w in data.metric["standards"]):
                continue
            touching = end == len(window) or window[end:] in ("为", "于", "达", "达到", "在")
            if len(cue) == 1 and (not touching or window[:end].endswith(data.not_cues)):
                continue
            if end > best_pos:
                best, best_pos = qual, end
        return best

    chars = "".join(c for c, _ in load().before) + "届第前目当编号码电话：、和至-A.#〔\n，。一二3水平全省合"
    for t in [*_samples(), *_random_texts(chars, n=3000)]:
        for start in range(0, len(t) + 1, 2):
            assert quantity.prefix_qualifier(t, start) == plain_prefix(t, start), (t, start)
            assert scan._excluded_before(t, start) == \
                (scan._exclude_before_re().search(t[max(0, start - 6):start]) is not None), (t, start)


def test_a_text_without_the_fraction_mark_holds_no_fraction():
    from reply_extractor.extractors.figures.data import load

    data = load()
    for t in [*_samples(), *_random_texts("一二三四五六七八九十2345分之成百", n=3000)]:
        if data.fraction_mark not in t:
            assert data.fraction.search(t) is None


def test_a_clause_ending_at_a_figure_is_told_without_its_marks():
    """after_phrase, benefit_after, selected_into and noun_follows read nothing
    where the clause ends right after the figure: told by one character."""
    from reply_extractor.extractors.figures import nouns

    for t in [*_samples(), *_random_texts("，。；：、\n\t人家元个的奖励补助入选 5", n=1000)]:
        for end in range(len(t) + 1):
            assert nouns._clause_ends_at(t, end) == (nouns._clause_end(t, end, 24) == end), (t, end)


def test_the_scanner_passes_over_exactly_the_bare_word_numerals():
    """The scanner's numeral pattern finds the numerals NUMERAL_RE finds, less the
    bare words (一 of 一是) it used to rule out one by one; a bare word never joined
    a series either."""
    from reply_extractor.extractors.figures.data import load

    figure_numeral = figure_scan._figure_numeral_re()
    assert not set(load().series_joiners) & set(numbers.PLAIN_DIGITS)
    alphabet = "一二三十百千万两零〇元个人年至余多是项家%，。、 2-~"
    def first_read(text, pos):  # the old loop: search on past each bare word
        while (m := NUMERAL_RE.search(text, pos)) and figure_scan._bare_word_numeral(text, m):
            pos = m.end()
        return m.span() if m else None

    for text in [*_samples(), *_random_texts(alphabet, n=4000)]:
        for pos in range(0, len(text) + 1, 1 if len(text) < 50 else 7):
            m = figure_numeral.search(text, pos)
            assert (m.span() if m else None) == first_read(text, pos), (text, pos)


def _last_chars(items: list) -> set[str] | None:
    """The characters a match of the parsed pattern `items` can end with; None
    when that cannot be told here (a class by category or negated, a group with
    flags, a match that may be empty)."""
    if not items:
        return None
    op, av = items[-1]
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero width: the item before ends the match
        return _last_chars(items[:-1])
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        out = set()
        for kind, a in av:
            if kind is sre.LITERAL:
                out.add(chr(a))
            elif kind is sre.RANGE and a[1] - a[0] < 1000:
                out.update(map(chr, range(a[0], a[1] + 1)))
            else:
                return None
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.BRANCH) or op is sre.SUBPATTERN and not av[1]:
        subs = av[1] if op is sre.BRANCH else [av[-1]]
        out = set()
        for sub in subs:
            chars = _last_chars(sub.data)
            if chars is None:
                return None
            out |= chars
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0 or any(sub.getwidth()[0] == 0 for sub in subs):
            before = _last_chars(items[:-1])  # it may match nothing: the item before may end it
            if before is None:
                return None
            out |= before
        return out
    return None


def test_the_characters_an_exclusion_ends_with_are_every_one_its_patterns_can_end_with():
    """Only a numeral after a character some exclusion ends with is searched for
    one: the class of those characters (data: exclude.before_ends) against what
    the parsed patterns can end with."""
    import re

    from reply_extractor.extractors.figures.data import load

    data = load()
    parsed = {"\n"}
    for p in data.exclude_before:
        items = sre_parse.parse(p.pattern, p.flags).data
        assert items[-1] in ((sre.AT, sre.AT_END), (sre.AT, sre.AT_END_STRING)), p.pattern
        chars = _last_chars(items[:-1])
        assert chars is not None, p.pattern
        parsed |= chars
    declared = {chr(c) for c in range(0x10000) if data.exclude_before_ends.fullmatch(chr(c))}
    assert declared == parsed
    ends = declared
    assert ends is not None and {"届", "第", "前", "号", "：", "—", "\n"} <= ends and "人" not in ends

    def last(p):
        return _last_chars(sre_parse.parse(p).data)

    assert last("电话：?") == {"话", "："}
    assert last("(?:ab|c)d*") == {"b", "c", "d"}
    assert last("第(?:[0-9一]+[、和])+") == {"、", "和"}
    assert last("(?<!前后)前(?=x)") == {"前"}
    assert last("a?") is None and last(r"\d") is None and last("[^a]") is None
    for p in ("a$", "(?:ab|c)d*$", "第(?:[0-9一]+[、和])+$"):
        chars = last(p[:-1])
        for t in _random_texts("abcd第0一、和\n", n=500):
            if re.search(p, t):
                assert t.rstrip("\n")[-1:] in chars, (p, t)


def test_the_figures_text_taken_from_the_documents_folded_text_is_the_comma_keeping_fold():
    from reply_extractor.document import Document
    from reply_extractor.extractors.figures.extract import _folded

    for t in [*_samples(), *_random_texts("，,１２（）：；年元　\u200b一", n=2000)]:
        assert _folded(Document.from_text(t)) == fold_keep_comma(t), t
