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
    texts = [*_samples(), "提 案 人：张三承办单位：某局办理结果：满意", "案由::提案人：：", "办理情况：" * 30,
             *_random_texts(chars + ":：，。 \n")]
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
