"""`drafter templates`: the built-in templates ship inside the package, and a clerk copies them into
the workspace to customise them; the profile then points at the copies (only its templates lines change)."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from drafter.compose.loader import BUILTIN_TEMPLATES
from drafter.compose.render import compose
from drafter.sheets.load import load_reply
from tests.conftest import REPO
from tests.replies import PROFILE, write_workspace

BUILT_IN = sorted(p.name for p in BUILTIN_TEMPLATES.glob("*.j2"))


def test_the_built_in_templates_are_package_data():
    assert BUILTIN_TEMPLATES == (REPO / "drafter" / "templates").resolve()
    assert BUILT_IN == ["_base.j2", "人大建议答复.j2", "政协提案答复.j2"]
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'drafter = ["templates/*.j2"]' in pyproject


def test_the_top_level_templates_folder_is_an_identical_copy_for_reading():
    top = REPO / "templates"
    assert sorted(p.name for p in top.glob("*.j2")) == BUILT_IN
    for name in BUILT_IN:
        assert (top / name).read_bytes() == (BUILTIN_TEMPLATES / name).read_bytes(), \
            f"templates/{name} differs from drafter/templates/{name}: copy the package's file over it"


def changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:1] in "+-"]


def test_copy_puts_the_templates_in_the_workspace_and_points_the_profile_at_them(tmp_path, drafter_cli):
    profile = "# 单位信息（注释要保留）\n" + PROFILE + "cc:                 # 默认抄送\n  政协提案: [市政协提案委]\n"
    sheet = write_workspace(tmp_path, profile=profile)
    before = (tmp_path / "profile.yaml").read_text(encoding="utf-8")
    proc = drafter_cli("templates", "--copy", tmp_path / "模板")
    assert proc.returncode == 0, proc.stderr
    assert "已复制 3 个模板" in proc.stdout
    for name in BUILT_IN:
        assert (tmp_path / "模板" / name).read_bytes() == (BUILTIN_TEMPLATES / name).read_bytes()
    after = (tmp_path / "profile.yaml").read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["+ templates:", "+   政协提案: 模板/政协提案答复.j2",
                                            "+   人大建议: 模板/人大建议答复.j2"]
    # The reply now renders through the copy: an edit to the copied base shows.
    base = tmp_path / "模板" / "_base.j2"
    base.write_text(base.read_text(encoding="utf-8").replace("@closing {{ p }}", "@closing 【{{ p }}】"),
                    encoding="utf-8")
    assert "【再次感谢您对我市科技工作的关心和支持！】" in [b.full_text for b in compose(load_reply(sheet))]


def test_copy_uncomments_a_templates_placeholder_and_keeps_alias_keys(tmp_path, drafter_cli):
    write_workspace(tmp_path, profile=PROFILE + "templates: {提案: 旧.j2}   # 模板\n")
    proc = drafter_cli("templates", "--copy", "模板", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "profile.yaml").read_text(encoding="utf-8")
    assert "templates: {提案: 模板/政协提案答复.j2, 人大建议: 模板/人大建议答复.j2}   # 模板" in text
    assert "原为 旧.j2" in proc.stdout


def test_copying_twice_changes_nothing(tmp_path, drafter_cli):
    write_workspace(tmp_path)
    assert drafter_cli("templates", "--copy", tmp_path / "模板").returncode == 0
    profile = (tmp_path / "profile.yaml").read_bytes()
    proc = drafter_cli("templates", "--copy", tmp_path / "模板")
    assert proc.returncode == 0 and "未改动" in proc.stdout
    assert (tmp_path / "profile.yaml").read_bytes() == profile


def test_an_edited_copy_is_not_overwritten_without_force(tmp_path, drafter_cli):
    write_workspace(tmp_path)
    (tmp_path / "模板").mkdir()
    (tmp_path / "模板" / "_base.j2").write_text("我改过的骨架\n", encoding="utf-8")
    profile = (tmp_path / "profile.yaml").read_bytes()
    proc = drafter_cli("templates", "--copy", tmp_path / "模板")
    assert proc.returncode == 2 and "_base.j2" in proc.stderr and "--force" in proc.stderr
    assert (tmp_path / "模板" / "_base.j2").read_text(encoding="utf-8") == "我改过的骨架\n"
    assert sorted(p.name for p in (tmp_path / "模板").iterdir()) == ["_base.j2"]
    assert (tmp_path / "profile.yaml").read_bytes() == profile
    assert drafter_cli("templates", "--copy", tmp_path / "模板", "--force").returncode == 0
    assert (tmp_path / "模板" / "_base.j2").read_bytes() == (BUILTIN_TEMPLATES / "_base.j2").read_bytes()


def test_the_copy_must_go_inside_the_workspace(tmp_path, drafter_cli):
    write_workspace(tmp_path / "ws")
    proc = drafter_cli("templates", "--copy", tmp_path / "外面")
    assert proc.returncode == 2 and "单位信息" in proc.stderr and "Traceback" not in proc.stderr
    proc = drafter_cli("templates", "--copy", "../外面", cwd=tmp_path / "ws")
    assert proc.returncode == 2 and "之内" in proc.stderr
    assert not (tmp_path / "外面").exists()


def test_listing_names_the_built_in_templates(drafter_cli):
    proc = drafter_cli("templates")
    assert proc.returncode == 0
    assert all(name in proc.stdout for name in BUILT_IN) and "--copy" in proc.stdout


def test_an_example_renders_the_same_from_a_copy_of_the_built_in_templates(drafter_cli, examples):
    workspace = examples / "淄博市科技局"
    assert drafter_cli("templates", "--copy", workspace / "模板").returncode == 0
    (sheet,) = workspace.glob("0*.yaml")
    before = [b.full_text for b in compose(load_reply(sheet))]
    shutil.rmtree(workspace / "模板")
    (workspace / "profile.yaml").write_text(
        (workspace / "profile.yaml").read_text(encoding="utf-8").split("templates:")[0], encoding="utf-8")
    assert before == [b.full_text for b in compose(load_reply(sheet))]
