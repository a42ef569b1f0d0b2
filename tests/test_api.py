"""The Python API and the CLI without surprises (issue 11): a mistyped path is
an error, not a reply; text goes through extract_text; input with no reply in
it is flagged not_a_reply."""
import pytest

import reply_extractor as rx
from reply_extractor.cli import main

from webapp_harness import ROOT

SAMPLE = ROOT / "corpora" / "henan-jtt-2023-0562.txt"


def test_a_missing_path_is_file_not_found():
    with pytest.raises(FileNotFoundError, match="typo.txt"):
        rx.extract("corpora/typo.txt")
    with pytest.raises(FileNotFoundError):
        rx.extract(ROOT / "corpora" / "typo.docx")


def test_an_empty_string_is_an_error_and_a_folder_is_named_as_one():
    with pytest.raises(ValueError, match="empty"):
        rx.extract("")
    with pytest.raises(IsADirectoryError, match="folder"):
        rx.extract(ROOT / "corpora")


def test_paths_and_text_each_have_their_function():
    by_path = rx.extract(str(SAMPLE))
    by_text = rx.extract_text(SAMPLE.read_text("gb18030"))
    assert by_path.meta.issuer == by_text.meta.issuer == "河南省交通运输厅"
    assert by_path.warnings == [] and not rx.is_not_a_reply(by_path.to_dict())


@pytest.mark.parametrize("text", ["", "This is an English note about the weather.", "你好"])
def test_text_without_a_reply_carries_the_not_a_reply_warning(text):
    record = rx.extract_text(text).to_dict()
    assert rx.is_not_a_reply(record)
    assert record["warnings"][0].startswith("not_a_reply:")


def test_cli_extract_says_what_is_wrong(tmp_path, capsys):
    assert main(["extract", str(ROOT / "corpora")]) == 2
    assert "is a folder" in capsys.readouterr().err  # not "unsupported file type '(none)'"
    assert main(["extract", str(tmp_path / "typo.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    english = tmp_path / "note.txt"
    english.write_text("This is an English note about the weather.\n", encoding="utf-8")
    assert main(["extract", str(english)]) == 1
    captured = capsys.readouterr()
    assert "not a reply" in captured.err and "not_a_reply" in captured.out


def test_items_of_the_suggestion_shown_above_the_reply_are_the_proposers():  # heldout42, heldout37
    from reply_extractor import extract_text
    text = ("建议内容：\n关于加快发展设施农业的建议\n我区设施农业起步早。建议区政府每年安排不少于2000万元专项资金，"
            "实施“江夏菜园子”工程。\n答复内容：\n王德胜代表：\n您提出的《关于加快发展设施农业的建议》收悉，现答复如下：\n"
            "一、强化政策扶持。2024年共兑现补贴资金3860万元。打造“江夏菜园子”区域公用品牌。\n")
    reply = extract_text(text)
    assert [f.surface for f in reply.figures] == ["3860万元"]
    assert [(p.name, text[p.span[0]:p.span[1]]) for p in reply.programs] == [("江夏菜园子", reply.programs[0].surface)]
    assert reply.programs[0].span[0] > text.index("答复内容")
