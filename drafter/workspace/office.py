"""Setting up a new office folder from nothing: profile.yaml, facts.yaml, .gitignore, git.

`drafter init` and the TUI's first-run screen both call `create_office`; the TUI's F8/F9 call
`create_profile` / `create_facts` when one of the two files is missing. Existing profile.yaml and
facts.yaml are never touched: `create_office` refuses when either exists (nothing written).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path

from drafter.errors import InputError, Where
from drafter.sheets.load import FACTS_NAME, PROFILE_NAME, find_upward
from drafter.sheets.scaffold import yaml_scalar
from drafter.textio import atomic_write_text, read_text
from drafter.workspace import git as gitops
from drafter.workspace.office_info import INFO_FIELDS, OfficeInfo

GITIGNORE_NAME = ".gitignore"

# What a clerk's office folder should not commit: generated files, drafts, Word's lock files,
# `drafter build`'s manifest, a local virtual environment.
GITIGNORE_LINES = ("*.docx", "*.pdf", ".*.draft", "~$*", ".drafter-build.json", ".venv/")


_LEVELS = "市州盟县区旗"
_PLACE = re.compile(rf"^(.+?[省{_LEVELS}])")
_SCIENCE = ("科学技术局", "科技局")


def suggest(name: str) -> dict[str, str]:
    """Likely values for the other fields, read off the full name (临沂市科学技术局 → 临沂市,
    市科技局, 临科函, 科技工作); {} for what cannot be guessed. The clerk confirms or changes them."""
    name = name.strip()
    out: dict[str, str] = {}
    place = _PLACE.match(name)
    if place and place.group(1) != name:
        out["city"] = place.group(1)
    if name.endswith(_SCIENCE):
        level = out["city"][-1] if "city" in out else "市"
        out["short_name"] = f"{level}科技局"
        out["work"] = "科技工作"
        if "city" in out:
            out["wenhao_prefix"] = f"{out['city'][0]}科函"
    return out


def completed(info: OfficeInfo) -> OfficeInfo:
    """info with its blank fields filled from `suggest` (what --yes and a non-interactive run use)."""
    guesses = suggest(info.name)
    values = {f.name: getattr(info, f.name).strip() or guesses.get(f.name, "") for f in fields(info)}
    return OfficeInfo(**values)


def validate(info: OfficeInfo, folder: Path | None = None) -> None:
    """Every value is one line of text; the full name is there. InputError naming the field."""
    for spec in INFO_FIELDS:
        value = getattr(info, spec.attr)
        if spec.required and not value.strip():
            raise InputError(f"请填写{spec.label}", Where(folder, field=spec.attr), f"如 {spec.example}")
        if any(unicodedata.category(ch) == "Cc" for ch in value):
            raise InputError(f"{spec.label}只能是一行文字", Where(folder, field=spec.attr))


def needs_setup(folder: Path) -> bool:
    """No profile.yaml at or above folder, nor in its subfolders two levels down: a new office
    (the TUI's first run offers `create_office`). A folder of offices (like examples/) is not."""
    folder = Path(folder)
    if find_upward(folder, PROFILE_NAME) is not None:
        return False
    return not any(any(folder.glob(pattern)) for pattern in (f"*/{PROFILE_NAME}", f"*/*/{PROFILE_NAME}"))


# ---- the file texts --------------------------------------------------------------------------

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _commented(entry: str, comment: str, column: int = 32) -> str:
    """`entry` then `# comment`, the comments of neighbouring lines starting in one column."""
    return f"{entry}{' ' * max(1, column - _width(entry))}# {comment}"


def profile_text(info: OfficeInfo) -> str:
    """A commented profile.yaml for info (the README's model), reading back as exactly info."""
    v = {f.name: yaml_scalar(getattr(info, f.name)) if getattr(info, f.name) else '""' for f in fields(info)}
    level = info.city[-1] if info.city and info.city[-1] in _LEVELS else "市"  # 市/县/区政协提案委
    if info.contact_name or info.contact_phone:
        contact = "\n".join([_commented("contact:", "默认联系人，印在附注里；答复事实单可改，填“无”则不印"),
                             _commented(f"  name: {v['contact_name']}", "联系人"),
                             _commented(f"  phone: {v['contact_phone']}", "联系电话")])
    else:
        contact = _commented("# contact: {name: 李明, phone: 0539-8312345}", "默认联系人，印在附注里")
    lines = [
        "# 单位信息（drafter init 生成）：本文件夹及下级文件夹里的答复事实单默认使用它。",
        "# 以 # 开头的是说明；去掉行首的 # 即可启用该项。也可以在终端界面按 F8 修改。",
        _commented(f"name: {v['name']}", "单位全称（标题、署名）"),
        _commented(f"short_name: {v['short_name']}", "简称（正文用）"),
        _commented(f"city: {v['city']}", "结束语里的“我市”"),
        _commented(f"wenhao_prefix: {v['wenhao_prefix']}", "文号前缀（机关代字）"),
        _commented(f"work: {v['work']}", "“感谢您对我市科技工作的关心和支持”"),
        _commented("# signature: …", "默认署名（不填则为全称）"),
        contact,
        _commented("# fonts:", "GB/T 9704 默认字体，可改为本机字体"),
        "#   title: 方正小标宋简体",
        "#   body: 仿宋_GB2312",
        "#   heading1: 黑体",
        "#   heading2: 楷体_GB2312",
        "#   page_number: 宋体",
        _commented("letterhead: 否", "是：印信函格式红头（红色单位名称、上下红色双线）"),
        _commented("handling_types:", "办理类型：各地含义不同，在这里配置"),
        _commented("  scheme: national-abcd",
                   "national-abcd / zj-abc / city-abcd-c-plan / jia-yi-bing / shenzhen-words / custom"),
        _commented("  label: 办理类型", "印出来的名称，如“类别”“办复类别”"),
        _commented("  placement: header", "header 首页右上 / after_wenhao / after_date / none 不印"),
        _commented("disclosure: 主动公开", "默认公开属性 → 附注“（此件公开发布）”"),
        _commented("cc:", "默认抄送（版记），请按本地实际修改"),
        f"  政协提案: [{level}政协提案委, {level}政府督查室]",
        f"  人大建议: [{level}人大常委会人代工委, {level}政府督查室]",
        _commented("# closing: {政协提案: 再次感谢您对我市科技工作的关心和支持！}", "默认结束语"),
        _commented("# templates: {政协提案: 模板/我局提案答复.j2}", "改用自己的模板"),
        _commented("# output_dir: 答复文件", "Word 文件统一放到这里（必须在本文件夹内）"),
        _commented("# check: {disable: [punctuation.halfwidth]}", "关闭某些检查规则"),
    ]
    return "\n".join(lines) + "\n"


def facts_text(title: str) -> str:
    """An empty, commented facts.yaml: one commented example figure and passage."""
    lines = [
        "# 事实库（drafter init 生成）：每个数据写一次，答复里写 {{ facts.名称 }} 引用，印出“数值+单位”。",
        "# 改一处，引用它的答复都随之更新。也可以在终端界面按 F9 添加。以 # 开头的是说明。",
        f"title: {yaml_scalar(title)}",
        _commented("figures:", "数据"),
        "  # 高新技术企业数:",
        _commented('  #   value: "2104"', "数值（照原样印出）"),
        "  #   unit: 家",
        _commented("  #   as_of: 2024-06", "截至日期（检查时提示过期数据）"),
        "  #   source: 临科函字〔2024〕4号",
        _commented("passages:", "常用段落，同样用 {{ facts.名称 }} 引用"),
        "  # 翅膀工程:",
        "  #   text: 全力实施发展“翅膀工程”，加大科技赋能力度。",
    ]
    return "\n".join(lines) + "\n"


# ---- writing ---------------------------------------------------------------------------------

def _create(path: Path, text: str) -> Path:
    if path.exists():
        raise InputError("文件已存在，未改动", Where(path))
    atomic_write_text(path, text)
    return path


def create_profile(folder: Path, info: OfficeInfo) -> Path:
    """Write folder/profile.yaml for info; InputError (nothing written) if it exists or info is bad."""
    validate(info, Path(folder))
    return _create(Path(folder) / PROFILE_NAME, profile_text(info))


def create_facts(folder: Path, title: str) -> Path:
    """Write an empty commented folder/facts.yaml; InputError if it exists."""
    return _create(Path(folder) / FACTS_NAME, facts_text(title))


def missing_gitignore_lines(folder: Path) -> list[str]:
    path = Path(folder) / GITIGNORE_NAME
    have = set(read_text(path).split("\n")) if path.is_file() else set()
    return [line for line in GITIGNORE_LINES if line not in have]


def ensure_gitignore(folder: Path) -> list[str]:
    """Add the lines .gitignore lacks (keeping what is there); returns the lines added."""
    path = Path(folder) / GITIGNORE_NAME
    missing = missing_gitignore_lines(folder)
    if missing:
        old = read_text(path) if path.is_file() else ""
        head = "" if not old else ("" if old.endswith("\n") else "\n") + "\n"
        block = "# drafter：生成的文件、草稿和临时文件不提交\n" + "\n".join(missing) + "\n"
        atomic_write_text(path, old + head + block)
    return missing


@dataclass
class Plan:
    """What init would do in a folder."""

    folder: Path
    existing: list[Path]        # profile.yaml / facts.yaml already there (never touched)
    gitignore: list[str]        # lines .gitignore lacks
    git_init: bool              # the folder is not in a repository and git was wanted
    git_available: bool

    @property
    def nothing_to_do(self) -> bool:
        return len(self.existing) == 2 and not self.gitignore and not (self.git_init and self.git_available)


def plan(folder: Path, *, git: bool = True) -> Plan:
    folder = Path(folder)
    existing = [folder / name for name in (PROFILE_NAME, FACTS_NAME) if (folder / name).exists()]
    in_repo = folder.is_dir() and gitops.repo_root(folder) is not None
    return Plan(folder, existing, missing_gitignore_lines(folder) if folder.is_dir() else list(GITIGNORE_LINES),
                git and not in_repo, gitops.available())


class OfficeExists(InputError):
    """profile.yaml or facts.yaml is already in the folder: init writes nothing."""

    @classmethod
    def of(cls, folder: Path, existing: list[Path]) -> "OfficeExists":
        names = "、".join(p.name for p in existing)
        return cls(f"已有 {names}，未做任何改动", Where(folder),
                   "drafter init 不会改写已有的单位信息和事实库；请在终端界面按 F8/F9 修改")


@dataclass
class Created:
    """What create_office / complete_office did, for the report."""

    written: list[Path]         # profile.yaml and facts.yaml written now ([] when both were there)
    gitignore: list[str]        # lines added to .gitignore
    git_initialised: bool
    git_missing: bool           # git was wanted but is not installed
    git_error: str = ""         # `git init` ran and failed (git's own words)


def complete_office(folder: Path, *, git: bool = True) -> Created:
    """The parts of an office that are not the clerk's data: .gitignore lines and `git init` when
    the folder is not in a repository yet (git=True). profile.yaml and facts.yaml are not touched."""
    steps = plan(folder, git=git)
    added = ensure_gitignore(folder)
    initialised, error = False, ""
    if steps.git_init and steps.git_available:
        try:
            gitops.init(folder)
            initialised = True
        except gitops.GitError as exc:
            error = str(exc)
    return Created([], added, initialised, steps.git_init and not steps.git_available, error)


def create_office(folder: Path, info: OfficeInfo, *, git: bool = True) -> Created:
    """Set folder up as a new office: profile.yaml and facts.yaml for info, then `complete_office`.
    Refuses with OfficeExists, writing nothing, when profile.yaml or facts.yaml exists; InputError
    for bad info. A failing `git init` is reported in the result (the files stay)."""
    folder = Path(folder)
    validate(info, folder)
    if folder.exists() and not folder.is_dir():
        raise InputError("这不是文件夹", Where(folder))
    existing = plan(folder, git=False).existing
    if existing:
        raise OfficeExists.of(folder, existing)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"无法建立文件夹：{exc.strerror}", Where(folder)) from None
    written = [create_profile(folder, info), create_facts(folder, f"{info.name}事实库")]
    done = complete_office(folder, git=git)
    done.written = written
    return done
