"""Shared setup for the `drafter build` specifications (no tests here).

A workspace is a copy of the repository's examples plus a bureau of small sheets whose facts
and templates the tests control exactly:

    测试局/profile.yaml, facts.yaml (甲 乙 丙 段落)
    测试局/a.yaml     cites 甲
    测试局/b.yaml     cites 乙
    测试局/ab.yaml    cites 甲 and 乙
    测试局/none.yaml  cites no fact
    测试局/二组/tpl.yaml  uses the clerk's template 二组/自定义.j2, which cites 丙
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from drafter.build.manifest import MANIFEST_NAME
from drafter.cli.main import main

REPO = Path(__file__).resolve().parents[1]
BUILTIN = REPO / "drafter" / "templates"

PROFILE = """\
name: 测试市科学技术局
short_name: 市科技局
city: 测试市
work: 科技工作
contact:
  name: 李明
  phone: 0539-8312345
"""

FACTS = """\
# 测试用事实库
title: 测试事实库
figures:
  甲:
    value: "100"
    unit: 家
  乙:
    value: "200"
    unit: 家
  丙:
    value: "300"
    unit: 项
passages:
  段落:
    text: 全市科技工作稳步推进。
"""


def sheet(intro: str, number: str = "101", extra: str = "") -> str:
    return f"""\
kind: 政协提案
session: 市政协十五届三次会议
number: "{number}"
proposal_title: 关于科技创新的建议
proposers: [张三]
date: 2024-06-18
intro: {intro}
sections:
  - heading: 工作开展情况
    paragraphs: 我局持续推进相关工作。
{extra}"""


SHEETS = {
    "测试局/a.yaml": sheet("全市科技型企业{{ facts.甲 }}。", "101"),
    "测试局/b.yaml": sheet("全市高新技术企业{{ facts['乙'] }}。", "102"),
    "测试局/ab.yaml": sheet('合计{{ facts.甲 }}和{{ facts["乙"] }}。', "103"),
    "测试局/none.yaml": sheet("全市科技工作稳步推进。", "104"),
    "测试局/二组/tpl.yaml": sheet("使用自定义模板。", "105", "template: 自定义.j2\n"),
}

TEMPLATE = BUILTIN.joinpath("政协提案答复.j2").read_text("utf-8").replace(
    "{% extends \"_base.j2\" %}", "{% extends \"_base.j2\" %}\n{# 自定义：结束语引用事实 #}") \
    .replace("再次感谢", "全年完成{{ facts.丙 }}。再次感谢")


def workspace(tmp_path: Path) -> Path:
    """tmp_path/ws: the examples (as they are now) and the 测试局 bureau. Returns the folder."""
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "examples", ws, ignore=shutil.ignore_patterns("*.docx", "*.pdf", ".drafter*"))
    bureau = ws / "测试局"
    (bureau / "二组").mkdir(parents=True)
    (bureau / "profile.yaml").write_text(PROFILE, "utf-8")
    (bureau / "facts.yaml").write_text(FACTS, "utf-8")
    for rel, text in SHEETS.items():
        (ws / rel).write_text(text, "utf-8")
    (bureau / "二组" / "自定义.j2").write_text(TEMPLATE, "utf-8")
    return ws


def drafter(capsys, *args) -> tuple[int, str, str]:
    """Run the drafter command; (exit status, stdout, stderr)."""
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def set_fact(ws: Path, name: str, value: str) -> None:
    path = ws / "测试局" / "facts.yaml"
    text, n = re.subn(rf'(\n  {name}:\n    value: )"[^"]*"', rf'\g<1>"{value}"', path.read_text("utf-8"))
    assert n == 1, name
    path.write_text(text, "utf-8")


def files(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under root: bytes and modification time (to see that nothing was touched)."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def docx_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.docx"))}


def changed(before: dict, after: dict) -> set[str]:
    """Files created, modified (bytes or mtime) or deleted between two snapshots."""
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def manifest(outdir: Path) -> dict:
    return json.loads((outdir / MANIFEST_NAME).read_text("utf-8"))


def docx(rel_sheet: str) -> str:
    return str(Path(rel_sheet).with_suffix(".docx").as_posix())
