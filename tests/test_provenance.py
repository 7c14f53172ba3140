"""One source of text: compose records where every printed character came from (a sheet field and
the offset in it, or a template file and line), and the checker reads compose's text with that
mapping instead of rebuilding the text itself."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from drafter.checker import check_reply
from drafter.checker.fromsheet import Trace, document_from_reply
from drafter.compose.provenance import FieldOrigin, TemplateOrigin
from drafter.compose.render import compose
from drafter.errors import InputError
from drafter.sheets.load import Loader, find_sheets
from test_check_support import CLEAN_BODY, TODAY, check_sheet, column_of, line_of, sheet

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_SHEETS = sorted(p for ws in (REPO / "examples").iterdir() if ws.is_dir() for p in find_sheets(ws))


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize("path", EXAMPLE_SHEETS, ids=lambda p: p.stem[:12])
def test_every_printed_character_says_where_it_came_from(path):
    reply = Loader().load(path)
    trace = Trace(reply)
    for block in compose(reply):
        printed = block.prefix + block.lead + block.text
        covered = [False] * len(printed)
        for s in block.sources:
            covered[s.start:s.end] = [True] * (s.end - s.start)
            if isinstance(s.origin, TemplateOrigin):
                continue
            assert isinstance(s.origin, FieldOrigin)
            # the printed characters are the field's text as rendered, at the recorded offset
            assert nfkc(printed[s.start:s.end]) == nfkc(s.origin.rendered[s.at:s.at + s.end - s.start])
            if s.origin.file is None and s.origin.value == s.origin.rendered:
                # and, traced back, the very characters of the YAML value
                for piece in trace.pieces(s.origin, s.start, s.end, s.at):
                    if piece.exact:
                        value = reply.located.data
                        for part in piece.key:
                            value = value[part]
                        got = value[piece.value_start:piece.value_start + piece.end - piece.start]
                        assert nfkc(got) == nfkc(printed[piece.start:piece.end])
        assert all(covered), (block.kind, printed, [c for c, ok in zip(printed, covered) if not ok])


def test_template_text_names_its_template_line(examples):
    reply = Loader().load(next((examples / "临沂市科技局").glob("000-*.yaml")))
    reply.sheet.opening = []  # the template's opening formula
    opening = next(b for b in compose(reply) if "收悉" in b.text)
    [line] = {s.origin for s in opening.sources if isinstance(s.origin, TemplateOrigin) and
              "收悉" in opening.text[s.start:s.end]}
    source = (REPO / "drafter" / "templates" / line.name).read_text(encoding="utf-8").splitlines()
    assert "收悉，现答复如下：" in source[line.line - 1]


def test_the_checker_reads_the_text_compose_printed(tmp_path):
    # a template of the clerk's own, printing the intro with its own wording around it
    path = sheet(tmp_path, "intro: 市科技局持续优化创新环境，引育引育人才。\n" + CLEAN_BODY)
    (tmp_path / "模板.j2").write_text(
        '{% extends "政协提案答复.j2" %}{% block default_opening %}经研究，现就您的提案答复如下：{% endblock %}',
        encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    path.write_text("template: 模板.j2\n" + text, encoding="utf-8")
    reply = Loader().load(path)
    doc = document_from_reply(reply, compose(reply), TODAY)
    assert [u.text for u in doc.units] == [b.full_text if b.kind.value != "cc" else b.text for b in compose(reply)]
    assert "经研究，现就您的提案答复如下：" in [u.text for u in doc.units]
    [doubled] = [f for f in check_reply(reply, today=TODAY) if f.rule == "doubled-word.repeat"]
    assert (doubled.key, doubled.line, doubled.column) == (("intro",), line_of(path, "引育引育"),
                                                          column_of(path, "引育引育") + 2)


def test_a_finding_in_a_later_paragraph_of_one_yaml_text_points_at_its_line(tmp_path):
    body = "intro: |\n  市科技局持续优化创新环境。\n\n  第二段写到了引育引育人才，\n  和第三行。\n" + CLEAN_BODY
    path = sheet(tmp_path, body)
    [doubled] = check_sheet(path)
    assert (doubled.rule, doubled.key) == ("doubled-word.repeat", ("intro",))
    assert (doubled.line, doubled.column) == (line_of(path, "引育引育"), column_of(path, "引育引育") + 2)
    value = Loader().load(path).located.data["intro"]
    assert value[doubled.offset:doubled.offset + len(doubled.found)] == doubled.found


def test_a_finding_after_a_cited_fact_points_at_the_clerk_s_own_characters(tmp_path):
    path = sheet(tmp_path, "intro: 全市高新技术企业达到{{ facts.高企数 }}，引育引育人才。\n" + CLEAN_BODY)
    [doubled] = check_sheet(path)
    assert (doubled.line, doubled.column) == (line_of(path, "引育引育"), column_of(path, "引育引育") + 2)


def test_a_reply_with_an_undefined_fact_is_still_read_from_compose(tmp_path):
    path = sheet(tmp_path, "intro: 企业达到{{ facts.高企 }}，引育引育人才。\n" + CLEAN_BODY)
    with pytest.raises(InputError):
        compose(Loader().load(path))
    rules = {f.rule: f for f in check_sheet(path)}
    assert set(rules) == {"facts.undefined", "doubled-word.repeat"}
    assert rules["doubled-word.repeat"].column == column_of(path, "引育引育") + 2


def test_the_noncharacters_compose_marks_text_with_are_refused_in_a_sheet(tmp_path):
    path = sheet(tmp_path, "intro: 市科技局\ufdd1持续优化创新环境。\n" + CLEAN_BODY)
    with pytest.raises(InputError) as err:
        Loader().load(path)
    assert "U+FDD1" in str(err.value.errors[0] if hasattr(err.value, "errors") else err.value)


def test_blocks_read_without_their_sources_print_the_same(examples):
    reply = Loader().load(next((examples / "临沂市科技局").glob("000-*.yaml")))
    blocks = compose(reply)
    assert all("\ufdd0" not in b.full_text and "\ufdd1" not in b.full_text for b in blocks)
    assert check_reply(reply, blocks, today=dt.date(2025, 1, 1)) == check_reply(reply, today=dt.date(2025, 1, 1))


def test_a_template_that_prints_the_marker_characters_itself_cannot_misplace_text(tmp_path):
    # a hostile template writes the noncharacters compose marks text with; the reply still composes
    path = sheet(tmp_path, "intro: 市科技局持续优化创新环境，引育引育人才。\n" + CLEAN_BODY)
    (tmp_path / "坏.j2").write_text('{% extends "政协提案答复.j2" %}{% block default_opening %}'
                                   '{{ "\\ufdd0\\u0041" }}\ufdd1\ufdd2现答复如下：{% endblock %}', encoding="utf-8")
    path.write_text("template: 坏.j2\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    reply = Loader().load(path)
    blocks = compose(reply)
    assert all(not set(b.full_text) & {"\ufdd0", "\ufdd1", "\ufdd2"} for b in blocks)
    [doubled] = [f for f in check_reply(reply, blocks, today=TODAY) if f.rule == "doubled-word.repeat"]
    assert (doubled.key, doubled.line) == (("intro",), line_of(path, "引育引育"))
