"""drafter init [FOLDER]: set up a new office folder (profile.yaml, facts.yaml, .gitignore, git).

Takes the bureau's details as options; at a terminal it asks for the ones not given (Enter keeps
the suggestion in brackets). Never rewrites an existing profile.yaml or facts.yaml.
"""

from __future__ import annotations

import sys
from pathlib import Path

from drafter.cli.common import err, say

HELP = "在新文件夹里建立单位信息、事实库、.gitignore 和 git 仓库（新单位从这里开始）"


def configure(p) -> None:
    from drafter.workspace.office_info import INFO_FIELDS

    p.add_argument("folder", type=Path, nargs="?", default=Path("."), metavar="文件夹",
                   help="单位的工作文件夹（默认当前文件夹；不存在则新建）")
    for spec in INFO_FIELDS:
        p.add_argument(spec.option, dest=spec.attr, default="", metavar=spec.label.split("（")[0],
                       help=f"{spec.label}，如 {spec.example}")
    p.add_argument("--no-git", action="store_true", help="不建立 git 仓库")
    p.add_argument("-y", "--yes", action="store_true",
                   help="不逐项询问：未给出的项按单位全称推断（如 市科技局、临沂市），其余留空")


def _ask(label: str, default: str) -> str:
    shown = f"［{default}］" if default else ""
    answer = input(f"{label}{shown}：").strip()
    return answer or default


def _ask_yes(question: str) -> bool:
    from drafter.model.fields import yes_no

    while True:
        answer = input(f"{question}［是/否，默认 是］：").strip()
        if not answer:
            return True
        decided = yes_no(answer)
        if decided is not None:
            return decided
        say("请回答 是 或 否")


def _interview(info, *, ask_git: bool) -> bool | None:
    """Ask at the terminal for every field the options left blank (info is filled in place), then
    whether to `git init` when ask_git; returns that answer (None when not asked)."""
    from drafter.workspace.office import INFO_FIELDS, suggest

    say("建立新单位的工作文件夹。直接按回车采用方括号里的建议。")
    for spec in INFO_FIELDS:
        if getattr(info, spec.attr):
            continue
        guess = suggest(info.name).get(spec.attr, "")
        while True:
            value = _ask(spec.label, guess)
            if value or not spec.required:
                break
            say(f"{spec.label}必须填写，如 {spec.example}")
        setattr(info, spec.attr, value)
    return _ask_yes("建立 git 仓库，保存每次修改的记录？") if ask_git else None


def _report(created, folder: Path) -> int:
    if created.written:
        say(f"已在“{folder}”建立：")
        say("  profile.yaml（单位信息，可在终端界面按 F8 修改）")
        say("  facts.yaml（事实库，目前是空的，可按 F9 添加）")
    else:
        say(f"“{folder}”里已有单位信息和事实库（未改动），补上了：")
    if created.gitignore:
        say(f"  .gitignore（不提交 Word、PDF、草稿等生成的文件：{' '.join(created.gitignore)}）")
    if created.git_initialised:
        say("  git 仓库")
    if created.git_missing:
        err("提示：没有找到 git，未建立仓库；安装 git 后再运行一次 drafter init 即可补建。")
    if created.git_error:
        err(f"{folder}: 错误：建立 git 仓库失败：{created.git_error}（其他文件已建好；可稍后再运行一次 drafter init）")
        return 1
    if created.written:
        say(f"下一步：drafter tui {folder}（按 Ctrl+N 新建第一份答复），"
            f"或 drafter new {folder / '第一份答复.yaml'}")
        say(f"收到交办清单后：drafter intake 交办清单.xlsx --into {folder}（每件提案/建议新建一份事实单），"
            f"汇总上报：drafter report {folder}")
    return 0


def run(args) -> int:
    from drafter.errors import InputError, Where
    from drafter.workspace.office import OfficeExists, OfficeInfo, complete_office, completed, create_office, plan

    folder = Path(args.folder)
    git = not args.no_git
    steps = plan(folder, git=git)
    if steps.nothing_to_do:
        say(f"“{folder}”已经设置好了（单位信息、事实库、.gitignore 和 git 仓库都已存在），无需改动。")
        return 0
    if len(steps.existing) == 2:  # an office already: only the .gitignore lines and git are missing
        return _report(complete_office(folder, git=git), folder)
    if steps.existing:
        raise OfficeExists.of(folder, steps.existing)
    info = OfficeInfo(**{name: getattr(args, name) for name in OfficeInfo.__dataclass_fields__})
    if sys.stdin.isatty() and not args.yes:
        try:
            answer = _interview(info, ask_git=steps.git_init and steps.git_available)
        except EOFError:
            err("已取消，未做任何改动。")
            return 1
        git = git if answer is None else answer
    elif not info.name.strip():
        raise InputError("缺少单位全称", Where(folder), "请加上 --name，如 --name 临沂市科学技术局")
    return _report(create_office(folder, completed(info), git=git), folder)
