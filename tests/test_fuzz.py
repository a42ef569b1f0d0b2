"""Fuzzing as a test (Hypothesis): random Unicode, random mixes of numerals,
units, numbering markers and labels, random bytes and random edits to a
.docx's XML. Whatever comes in: no exception but ReadError, every span exact,
time linear in size. bench/fuzz.py runs the same properties far longer."""
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).parent))
import fuzzing  # noqa: E402

from reply_extractor.document import Document  # noqa: E402
from reply_extractor.pipeline import extract_all  # noqa: E402

CI = settings(max_examples=300, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@CI
@given(fuzzing.reply_text)
def test_every_extractor_takes_any_mix_of_reply_pieces(text):
    fuzzing.check_extract_text(text)


@CI
@given(st.text(max_size=300))
def test_every_extractor_takes_any_unicode(text):
    fuzzing.check_extract_text(text)


@CI
@given(fuzzing.text_bytes)
def test_the_txt_reader_takes_any_bytes(data):
    fuzzing.check_read_and_extract_bytes(data, ".txt")


@CI
@given(fuzzing.html_bytes)
def test_the_html_reader_takes_any_markup(data):
    fuzzing.check_read_and_extract_bytes(data, ".html")


@CI
@given(fuzzing.docx_mutation())
def test_the_docx_reader_takes_any_edit_of_its_xml(data):
    fuzzing.check_read_and_extract_bytes(data, ".docx")


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        extract_all(Document.from_text(text))
        best = min(best, time.perf_counter() - start)
    return best


def test_extraction_time_grows_linearly_with_the_text():
    """4x the text takes about 4x the time, nowhere near 16x (a quadratic step).
    Shapes that were quadratic once: one endless line, and many short lines."""
    unit_line = "全市新增示范企业12家投入资金350万元同比增长12.5%计划于2024年底前实现全覆盖位居全省第2“星火计划”"
    unit_lines = "一、加强统筹。2022年投入资金350万元。\n下一步，我局将继续推进。\n"
    extract_all(Document.from_text(unit_lines))  # loaded
    for unit in (unit_line, unit_lines):
        small = unit * (6000 // len(unit))
        ratio = _best_time(small * 4) / _best_time(small)
        assert ratio < 10, f"4x the text took {ratio:.1f}x the time"
