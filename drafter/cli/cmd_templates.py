"""drafter templates [--copy FOLDER [--force]]: list the built-in templates, or copy them into the
workspace for customising and point the profile's `templates:` at the copies."""

from __future__ import annotations

import os
from pathlib import Path

from drafter.cli.common import say
from drafter.errors import InputError, Where

HELP = "查看内置模板，或复制到工作文件夹里修改（--copy 文件夹）"


def configure(p) -> None:
    p.add_argument("--copy", type=Path, metavar="文件夹",
                   help="把内置模板复制到这个文件夹（须在单位信息文件所在的文件夹之内），并让单位信息的 templates 指向副本")
    p.add_argument("--force", action="store_true", help="文件夹里已有同名但内容不同的模板时也覆盖")


def builtin_templates() -> dict[str, bytes]:
    """name -> bytes of every built-in template (package data)."""
    from importlib.resources import files

    folder = files("drafter") / "templates"
    return {item.name: item.read_bytes() for item in sorted(folder.iterdir(), key=lambda i: i.name)
            if item.name.endswith(".j2")}


def run(args) -> int:
    if args.copy is None:
        return _list()
    return copy_templates(Path(args.copy), force=args.force)


def _list() -> int:
    from drafter.compose.loader import BUILTIN_TEMPLATES
    from drafter.compose.render import DEFAULT_TEMPLATES

    say(f"内置模板（{BUILTIN_TEMPLATES}）：")
    used = {name: kind for kind, name in DEFAULT_TEMPLATES.items()}
    for name in builtin_templates():
        say(f"  {name}" + (f"    {used[name]}答复" if name in used else "    共用的骨架"))
    say("要修改模板：drafter templates --copy 模板   （复制到本单位的“模板”文件夹，并让单位信息使用副本）")
    return 0


def _profile_for(target: Path) -> Path:
    """The profile.yaml of the workspace: the one above the current folder, else the one above target."""
    from drafter.sheets.load import PROFILE_NAME, find_upward

    start = target.resolve()
    while not start.is_dir() and start != start.parent:
        start = start.parent
    profile = find_upward(Path.cwd(), PROFILE_NAME) or find_upward(start, PROFILE_NAME)
    if profile is None:
        raise InputError(f"找不到单位信息文件 {PROFILE_NAME}：模板要复制到单位信息文件所在的文件夹（或其子文件夹）里",
                         Where(target))
    return profile


def copy_templates(target: Path, *, force: bool = False) -> int:
    """Copy the built-in templates into target (inside a workspace) and point the workspace's
    profile at the copies, changing only its `templates:` lines."""
    from drafter.compose.render import DEFAULT_TEMPLATES
    from drafter.model.profile import KIND_ALIASES
    from drafter.sheets.edit import save_sheet
    from drafter.sheets.load import read_located
    from drafter.textio import atomic_write

    profile = _profile_for(target)
    root = profile.parent.resolve()
    if not target.resolve().is_relative_to(root):
        raise InputError("模板文件夹必须在单位信息文件所在的文件夹之内", Where(target),
                         f"单位信息文件：{profile}")
    if target.exists() and not target.is_dir():
        raise InputError("这是一个文件，不是文件夹", Where(target))
    located = read_located(profile)
    named = located.data.get("templates")
    if named is not None and not isinstance(named, dict):
        raise InputError("应按答复类型分别填写：政协提案: …，人大建议: …", located.where(("templates",)))

    templates = builtin_templates()
    clashes = [target / name for name, data in templates.items()
               if (target / name).is_file() and (target / name).read_bytes() != data]
    if clashes and not force:
        raise InputError("已有同名模板且内容不同，未覆盖：" + "、".join(p.name for p in clashes), Where(target),
                         "确认要用内置模板覆盖时加 --force")
    written = []
    for name, data in templates.items():
        dest = target / name
        if not (dest.is_file() and dest.read_bytes() == data):
            atomic_write(dest, data)
            written.append(name)

    new = dict(named or {})
    changes = []
    for kind, name in DEFAULT_TEMPLATES.items():
        rel = Path(os.path.relpath(target.resolve() / name, root)).as_posix()
        key = next((k for k in new if KIND_ALIASES.get(str(k), str(k)) == kind), kind)
        if new.get(key) != rel:
            changes.append(f"{kind} → {rel}" + (f"（原为 {new[key]}）" if new.get(key) else ""))
        new[key] = rel
    save_sheet(profile, {**located.data, "templates": new})

    say(f"已复制 {len(written)} 个模板到 {target}：{'、'.join(written)}" if written
        else f"{target} 里的模板与内置模板相同，未改动")
    say(f"单位信息 {profile} 的 templates 已指向副本：" + "；".join(changes) if changes
        else f"单位信息 {profile} 已在使用这些副本")
    say("修改副本即可改变答复的写法；每行开头的 @标记 决定版面（见 _base.j2 开头的说明）。")
    return 0
