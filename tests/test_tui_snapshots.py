"""Snapshots of the list, the editor (every tab, with and without errors), the preview, the problems
list and the facts library, each at 80×24 and 160×48.

The workspace is written here (not copied from examples/, which change as seeds are added), the
checker is switched off (its rules grow), and nothing on screen depends on the clock or on
tmp_path: the title shows the folder's name only.
Update after an intended change: pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.tui.app import DrafterApp
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.facts import FactsScreen
from drafter.tui.screens.problems import ProblemsScreen

PROFILE = """\
# 单位信息
name: 临沂市科学技术局
short_name: 市科技局
city: 临沂市
wenhao_prefix: 临科函字
work: 科技工作
contact: {name: 李明, phone: 0539-8312345}
letterhead: 否
handling_types:
  scheme: national-abcd
disclosure: 主动公开
cc:
  政协提案: [市政协提案委, 市政府督查室]
  人大建议: [市人大常委会人代工委, 市政府督查室]
"""

FACTS = """\
title: 临沂市科技工作事实库
figures:
  高新技术企业数:
    value: "2104"
    unit: 家
    as_of: 2024-06
    source: 市科技局统计
  科技型中小企业入库数:
    value: "1404"
    unit: 家
    as_of: 2024-06
    source: 市科技局统计
"""

SHEET_ZX = """\
# 示例：政协提案答复
kind: 政协提案
session: 市政协十五届三次会议
number: "069"
proposal_title: 关于引育“专精特新”企业的建议
proposers: [赵洁]
handling_type: A
wenhao: 临科函字〔2024〕4号
date: 2024-06-18
intro: 近年来，市科技局持续优化科技创新环境，汇集科技创新资源。
sections:
  - heading: 工作开展情况
    items:
      - lead: 完善企业梯度培育体系。
        text: 全市培育入库国家科技型中小企业{{ facts.科技型中小企业入库数 }}，高新技术企业达到{{ facts.高新技术企业数 }}。
      - lead: 深化产学研协同创新。
        text: 组织产业服务团77支，开展“专家助企行”活动。
  - heading: 下一步工作打算
    items:
      - lead: 强化科技型企业梯次培育。
        text: 实施梯次培育行动，构建量质并举、有序成长的科技型企业发展梯队。
"""

SHEET_RD = """\
kind: 人大建议
session: 市十九届人大三次会议
number: "27"
proposal_title: 关于加大科技型中小企业培育扶持力度的建议
proposers: [陈红, 周建国, 孙丽]
handling_type: B
wenhao: 临科函字〔2024〕12号
date: 2024-05-20
sections:
  - heading: 办理情况
    paragraphs: 市科技局会同有关部门认真研究，现将办理情况答复如下。
"""

SHEET_BAD = """\
kind: 政协提案
session: 市政协十五届三次会议
number: "103"
proposal_title: 关于加快科技成果转化的建议
proposers: [王亮]
date: 2024-02-30
"""


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    import drafter.workspace.session as session

    monkeypatch.setattr(session, "run_checker", lambda reply, blocks: [])
    root = tmp_path / "examples"
    unit = root / "临沂市科技局"
    unit.mkdir(parents=True)
    (unit / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    (unit / "facts.yaml").write_text(FACTS, encoding="utf-8")
    (unit / "069-赵洁-引育专精特新企业.yaml").write_text(SHEET_ZX, encoding="utf-8")
    (unit / "027-陈红-科技型中小企业.yaml").write_text(SHEET_RD, encoding="utf-8")
    (unit / "103-王亮-科技成果转化.yaml").write_text(SHEET_BAD, encoding="utf-8")
    return root


def _app(root: Path) -> DrafterApp:
    return DrafterApp(root, pdf=False, git=False, offer_drafts=False, blink=False)


async def _settle(pilot, predicate) -> None:
    for _ in range(200):
        if predicate():
            break
        await pilot.pause(0.05)
    await pilot.pause(0.2)


async def _list_ready(pilot) -> None:
    app = pilot.app
    await _settle(pilot, lambda: app.list_screen() is not None and app.list_screen().rows
                  and all(r.problems is not None for r in app.list_screen().rows))


async def _open_069(pilot, tab: str | None = None) -> EditorScreen:
    await _list_ready(pilot)
    for ch in "069":
        await pilot.press(ch)
    await pilot.press("enter")
    app = pilot.app
    await _settle(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.paper_text)
    editor = app.screen
    if tab:
        editor.switch_tab(tab)
    return editor


SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_list(snap_compare, workspace, size):
    assert snap_compare(_app(workspace), terminal_size=size, run_before=_list_ready)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_editor(snap_compare, workspace, size):
    async def before(pilot):
        await _open_069(pilot)

    assert snap_compare(_app(workspace), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_editor_body_and_preview(snap_compare, workspace, size):
    async def before(pilot):
        editor = await _open_069(pilot, "tab-body")
        outline = editor.query_one("#outline")
        outline.focus()
        await pilot.pause()
        outline.move_cursor(outline.root.children[0].children[1])  # 二是…
        await _settle(pilot, lambda: editor.query("#f-sections-0-items-1-text"))
        if size[0] < 120:
            await pilot.press("f3")  # narrow: the preview takes the screen
        await pilot.pause(0.3)

    assert snap_compare(_app(workspace), terminal_size=size, run_before=before)


def test_inline_error(snap_compare, workspace):
    async def before(pilot):
        await _list_ready(pilot)
        for ch in "103":
            await pilot.press(ch)
        await pilot.press("enter")
        app = pilot.app
        await _settle(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.analysis is not None)
        await pilot.pause(0.3)

    assert snap_compare(_app(workspace), terminal_size=(80, 24), run_before=before)


async def _open_103(pilot) -> EditorScreen:
    """The sheet with an impossible date (2024-02-30): the editor shows the error."""
    await _list_ready(pilot)
    for ch in "103":
        await pilot.press(ch)
    await pilot.press("enter")
    app = pilot.app
    await _settle(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.analysis is not None)
    await pilot.pause(0.3)
    return app.screen


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_editor_with_an_error(snap_compare, workspace, size):
    assert snap_compare(_app(workspace), terminal_size=size, run_before=_open_103)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_problems_list(snap_compare, workspace, size):
    async def before(pilot):
        await _open_103(pilot)
        await pilot.press("f4")
        await _settle(pilot, lambda: isinstance(pilot.app.screen, ProblemsScreen))

    assert snap_compare(_app(workspace), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_editor_other_tabs(snap_compare, workspace, size):
    async def before(pilot):
        await _open_069(pilot, "tab-opening")
        await pilot.pause(0.3)

    assert snap_compare(_app(workspace), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_facts_library(snap_compare, workspace, size):
    async def before(pilot):
        await _list_ready(pilot)
        await pilot.press("f9")
        await _settle(pilot, lambda: isinstance(pilot.app.screen, FactsScreen)
                      and pilot.app.screen.query("#fact-form FieldRow"))

    assert snap_compare(_app(workspace), terminal_size=size, run_before=before)
