"""The 114 real pages of ../shared/corpus/real-pages (crawler text, published
HTML, glued disclosure pages): every record keeps the span invariant and
validates against the schema; skipped when the shared folder is absent."""
from functools import cache

import pytest

from corpus import SHARED
from reply_extractor.pipeline import extract_all
from test_schema import errors_of

PAGES = SHARED / "corpus" / "real-pages"
FILES = sorted(p for p in PAGES.rglob("*") if p.suffix in (".txt", ".html")) if PAGES.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason="../shared/corpus/real-pages not present")


@cache
def replies(path):
    return extract_all(path)


def test_every_real_page_keeps_spans_and_validates():
    bad = []
    for path in FILES:
        for reply in replies(path):
            problems = reply.check_spans() + errors_of(reply.to_dict())
            if problems:
                bad.append(f"{path.name}: {problems[:2]}")
    assert bad == []


def test_glued_pages_give_feedback_units_and_the_lead_unit_as_issuer():
    pages = [p for p in FILES if p.parent.name == "pingtan"]
    with_lead = with_issuer = with_feedback = labelled = 0
    for path in pages:
        reply = replies(path)[0]
        text = reply.text
        labelled += "反馈：" in text
        with_feedback += reply.meta.feedback is not None
        if any(u["role"] == "lead" for u in reply.meta.units):
            with_lead += 1
            with_issuer += reply.meta.issuer == next(u["name"] for u in reply.meta.units if u["role"] == "lead")
    assert with_feedback == labelled
    assert with_issuer == with_lead > 0
