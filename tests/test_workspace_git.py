"""drafter.workspace.git on throw-away repositories (never the project's own)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from drafter.workspace import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "临沂市科技局").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "config", "user.name", "测试"], check=True)
    subprocess.run(["git", "-C", str(root), "config", "user.email", "t@example.invalid"], check=True)
    sheet = root / "临沂市科技局" / "069-赵洁.yaml"
    sheet.write_text("kind: 政协提案\nnumber: \"069\"\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", "初稿"], check=True)
    return root


def test_not_a_repository(tmp_path: Path):
    plain = tmp_path / "plain"
    plain.mkdir()
    assert not git.is_repo(plain)
    assert git.status(plain) == {}
    assert git.diff(plain / "x.yaml") == ""
    with pytest.raises(git.GitError):
        git.commit(plain, [plain / "x.yaml"], "说明")


def test_status_diff_and_commit(tmp_path: Path):
    root = _repo(tmp_path)
    folder = root / "临沂市科技局"
    sheet = folder / "069-赵洁.yaml"
    assert git.is_repo(folder)
    assert git.repo_root(folder).resolve() == root.resolve()
    assert git.status(root) == {}

    sheet.write_text("kind: 政协提案\nnumber: \"070\"\n", encoding="utf-8")
    new = folder / "071-王亮.yaml"
    new.write_text("kind: 人大建议\n", encoding="utf-8")
    status = git.status(root)
    assert status[sheet.resolve()].label == "已修改"
    assert status[new.resolve()].label == "新文件"

    diff = git.diff(sheet)
    assert '-number: "069"' in diff and '+number: "070"' in diff
    assert "+kind: 人大建议" in git.diff(new)  # untracked: shown as all added

    short = git.commit(root, [sheet], "更新069号提案编号")
    assert short
    status = git.status(root)
    assert sheet.resolve() not in status  # committed
    assert new.resolve() in status         # not chosen, left alone
    log = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%s"], capture_output=True, text=True,
                         encoding="utf-8").stdout.strip()
    assert log == "更新069号提案编号"

    git.commit(root, [new], "新增071号建议")
    assert git.status(root) == {}


def test_commit_needs_a_message(tmp_path: Path):
    root = _repo(tmp_path)
    with pytest.raises(git.GitError):
        git.commit(root, [root / "临沂市科技局" / "069-赵洁.yaml"], "  ")


def test_commit_without_configured_identity(tmp_path: Path, monkeypatch):
    root = _repo(tmp_path)
    subprocess.run(["git", "-C", str(root), "config", "--unset", "user.name"], check=True)
    subprocess.run(["git", "-C", str(root), "config", "--unset", "user.email"], check=True)
    monkeypatch.setenv("HOME", str(tmp_path))  # no global identity either
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(var, raising=False)
    sheet = root / "临沂市科技局" / "069-赵洁.yaml"
    sheet.write_text("kind: 政协提案\n", encoding="utf-8")
    assert git.commit(root, [sheet], "无身份也能提交")
