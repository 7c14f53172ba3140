"""The few git operations a clerk needs: is this a repository, what changed, show it, commit it.

Plain `git` through subprocess; every function degrades to "not a repository" when git is
missing. Paths may contain Chinese characters: quotepath is off and output is read as UTF-8.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_BASE = ["git", "-c", "core.quotepath=off", "-c", "color.ui=never"]


class GitError(Exception):
    """git ran and failed; the message is git's own (usually English) plus our Chinese summary."""


def _run(cwd: Path, *args: str, check: bool = True, extra: list[str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C.UTF-8", GIT_PAGER="cat")
    kwargs = {}
    if os.name == "nt":  # no console window flashing up from a TUI on Windows
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    try:
        proc = subprocess.run([*_BASE, *(extra or []), *args], cwd=cwd, capture_output=True, env=env,
                              timeout=60, **kwargs)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"无法运行 git：{exc}") from None
    if check and proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip() or proc.stdout.decode("utf-8", "replace").strip()
        raise GitError(detail)
    return proc


def repo_root(folder: Path) -> Path | None:
    """The top folder of the repository folder is in, or None (not a repository, or no git)."""
    try:
        proc = _run(Path(folder), "rev-parse", "--show-toplevel", check=False)
    except GitError:
        return None
    if proc.returncode != 0:
        return None
    return Path(proc.stdout.decode("utf-8", "replace").strip())


def is_repo(folder: Path) -> bool:
    return repo_root(folder) is not None


def available() -> bool:
    """git is installed (on PATH)."""
    return shutil.which("git") is not None


def init(folder: Path) -> None:
    """Make folder a new repository (GitError when git fails)."""
    _run(Path(folder), "init", "-q")


@dataclass(frozen=True)
class FileStatus:
    """One file's `git status --porcelain` code (XY)."""

    code: str

    @property
    def untracked(self) -> bool:
        return self.code == "??"

    @property
    def label(self) -> str:
        """A word for the list: 新文件 / 已修改 / 已删除 / 冲突."""
        x, y = self.code[0], self.code[1]
        if self.code == "??" or x == "A":
            return "新文件"
        if "U" in self.code or self.code in ("AA", "DD"):
            return "冲突"
        if "D" in (x, y):
            return "已删除"
        return "已修改"


def status(folder: Path) -> dict[Path, FileStatus]:
    """Changed files under folder (absolute paths) → status; {} when clean or not a repository."""
    root = repo_root(folder)
    if root is None:
        return {}
    proc = _run(Path(folder), "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".", check=False)
    if proc.returncode != 0:
        return {}
    out: dict[Path, FileStatus] = {}
    entries = proc.stdout.decode("utf-8", "replace").split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        code, name = entry[:2], entry[3:]
        if code[0] in "RC":  # a rename is followed by its old name
            i += 1
        out[(root / name).resolve()] = FileStatus(code)
    return out


def has_head(root: Path) -> bool:
    return _run(root, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode == 0


def diff(path: Path) -> str:
    """The file against the last commit (a new file: all of it as added). '' when unchanged."""
    path = Path(path).resolve()
    root = repo_root(path.parent)
    if root is None:
        return ""
    tracked = _run(root, "ls-files", "--error-unmatch", "--", str(path), check=False).returncode == 0
    if tracked and has_head(root):
        proc = _run(root, "diff", "HEAD", "--no-ext-diff", "--", str(path), check=False)
    else:
        proc = _run(root, "diff", "--no-index", "--no-ext-diff", "--", os.devnull, str(path), check=False)
    return proc.stdout.decode("utf-8", "replace")


def _identity(root: Path) -> list[str]:
    """A stand-in author when the clerk's git has none configured (a fresh Windows install)."""
    name = _run(root, "config", "user.name", check=False).stdout.strip()
    email = _run(root, "config", "user.email", check=False).stdout.strip()
    extra = []
    if not name:
        extra += ["-c", "user.name=答复起草"]
    if not email:
        extra += ["-c", "user.email=drafter@localhost"]
    return extra


def commit(folder: Path, paths: list[Path], message: str) -> str:
    """Commit exactly these files (new ones are added) with message; returns the short hash."""
    if not message.strip():
        raise GitError("提交说明不能为空")
    if not paths:
        raise GitError("没有选择要提交的文件")
    root = repo_root(folder)
    if root is None:
        raise GitError("这个文件夹不是 git 仓库")
    names = [str(Path(p).resolve()) for p in paths]
    _run(root, "add", "--", *names)
    _run(root, "commit", "-q", "-m", message, "--only", "--", *names, extra=_identity(root))
    return _run(root, "rev-parse", "--short", "HEAD").stdout.decode().strip()
