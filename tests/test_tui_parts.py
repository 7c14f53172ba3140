"""The TUI's pure parts: field conversions, the paper layout, the help table."""

from __future__ import annotations

import re

from rich.cells import cell_len

from drafter.model.blocks import Block, Kind
from drafter.tui.fields import Spec, check_value, from_display, to_display
from drafter.tui.screens.sheet_list import clip, columns
from drafter.tui.paper import layout, render_paper, wrap


def test_unchanged_display_keeps_the_original_value():
    for value, kind in [("069", "line"), (["赵洁", "王亮"], "list"), ("赵洁", "list"), ("一\n二\n", "text"),
                        (["段一", "段二"], "text"), (["甲", "乙"], "lines"), (None, "line")]:
        assert from_display(to_display(value, kind), kind, value) is value


def test_display_round_trips():
    assert from_display("赵洁、王亮，李明", "list", ["赵洁"]) == ["赵洁", "王亮", "李明"]
    assert from_display("王亮", "list", "赵洁") == "王亮"  # a scalar stays a scalar
    assert from_display("第一句。\n第二句。", "text", "旧\n") == "第一句。\n第二句。\n"  # keeps the | block
    assert from_display("一段", "text", None) == "一段"
    assert from_display("段一\n\n段二", "text", ["旧"]) == ["段一", "段二"]
    assert from_display(" A ", "line", "B") == "A"


def test_date_check_is_immediate():
    spec = Spec(("date",), "答复日期", "date")
    assert "不存在" in check_value(spec, "2024-02-30")
    assert "格式" in check_value(spec, "明天")
    assert check_value(spec, "2024年2月29日") is None
    assert check_value(spec, "") is None


def test_wrap_counts_cjk_cells_and_keeps_punctuation_off_line_starts():
    lines = wrap("一" * 30, 56)
    assert [cell_len(x) for x in lines] == [56, 4]
    lines = wrap("一" * 28 + "。二", 56)
    assert lines[0] == "一" * 27 and lines[1] == "一。二"  # 。 never starts a line nor hangs past it
    assert cell_len(wrap("abc", 56, 4)[0]) == 7


def test_layout_alignment():
    blocks = [Block(Kind.TITLE, "关于某事的答复"), Block(Kind.SALUTATION, "赵洁委员："),
              Block(Kind.HEADING, "工作情况", level=1, prefix="一、"),
              Block(Kind.ITEM, "展开。", prefix="一是", lead="要点。"),
              Block(Kind.SIGNATURE, "临沂市科学技术局"), Block(Kind.DATE, "2024年6月18日")]
    lines = [line for line, _ in layout(blocks, 56)]
    title = next(x for x in lines if "答复" in x)
    assert abs((56 - cell_len(title)) - (cell_len(title) - cell_len(title.strip()))) <= 1  # centred
    assert lines[2] == "赵洁委员："
    assert lines[3] == "    一、工作情况"
    assert lines[4] == "    一是要点。展开。"
    date = lines[-1]
    assert cell_len(date) == 56 - 8  # 右空四字
    signature = lines[-2]
    centre = lambda line: (cell_len(line) - cell_len(line.strip()) + cell_len(line)) / 2  # noqa: E731
    assert abs(centre(signature) - centre(date)) <= 1  # 署名 centred over the date
    assert "第 2 页" not in render_paper(blocks).plain


def test_pages_are_marked():
    blocks = [Block(Kind.PARAGRAPH, "字" * 26 * 5) for _ in range(10)]
    text = render_paper(blocks).plain
    assert "第 2 页" in text and "第 3 页" in text


def test_list_columns_fit_the_terminal():
    for width in (80, 100, 160):
        cols = columns(width, True)
        assert sum(w for _, _, w in cols) + 2 * len(cols) + 2 <= width
    assert cell_len(clip("关于加强数字化建设增强民营企业协同", 10)) <= 10
    assert clip("短", 10) == "短"


def test_help_lists_every_binding():
    from drafter.tui.app import help_sections
    from drafter.tui.keys import help_rows

    rows = help_rows(help_sections())
    described = {what for _, _, what in rows}
    for _, bindings, _ in help_sections():
        for b in bindings:
            if b.description:
                assert b.description in described
    assert all(not any(ch.isascii() and ch.isalpha() for ch in re.sub(r"Word|facts|F\d+", "", what))
               for _, _, what in rows), "help text is Chinese"


def test_opening_marks_do_not_end_a_line():
    lines = wrap("一" * 27 + "“专精特新”", 56)
    assert lines[0] == "一" * 27 and lines[1].startswith("“专")


def test_the_stylesheet_ships_as_package_data():
    """A non-editable install carries every run-time file of the TUI (here: its .tcss stylesheet)."""
    import fnmatch
    import tomllib
    from pathlib import Path

    import drafter.tui.app as app

    root = Path(app.__file__).parent
    config = tomllib.loads((root.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["drafter.tui"]
    assert (root / app.DrafterApp.CSS_PATH).is_file()
    for path in root.rglob("*"):
        if path.is_file() and path.suffix not in (".py", ".pyc"):
            rel = path.relative_to(root).as_posix()
            assert any(fnmatch.fnmatch(rel, g) for g in globs), f"{rel} is not package data"


def test_a_subclass_defined_without_a_source_file_finds_the_stylesheet(tmp_path):
    """The benchmark subclasses the app in `python -c`: the stylesheet is found all the same."""
    import asyncio

    namespace: dict = {}
    exec("from drafter.tui.app import DrafterApp\nclass Bench(DrafterApp):\n    pass\n", namespace)
    (tmp_path / "profile.yaml").write_text("name: 临沂市科学技术局\n", encoding="utf-8")  # an office: no first-run dialog

    from tests.replies import write_workspace

    write_workspace(tmp_path)  # a folder with a profile: no first-run setup dialog over the list

    async def flow():
        app = namespace["Bench"](tmp_path, pdf=False, git=False, offer_drafts=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.list_screen().query("#sheets")  # (an empty folder: the office dialog is on top)

    asyncio.run(flow())
