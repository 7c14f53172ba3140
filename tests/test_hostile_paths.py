"""Hostile paths: links and hidden files that arrive through `git pull`. Nothing is written outside
the workspace (or the folder the clerk names with -o) and no template is read from a hidden file;
each refusal is a Chinese message naming the file, line and field, with exit code 1 or 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose.render import compose
from drafter.errors import InputError
from drafter.sheets.load import load_reply
from tests.replies import PROFILE, SHEET, write_workspace

SECRET = "机密内容"


def link(path: Path, target: Path) -> None:
    try:
        path.symlink_to(target, target_is_directory=target.is_dir())
    except OSError:
        pytest.skip("this system does not allow symbolic links")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the workspace (tmp_path/ws) holding a file that must stay as it is."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "reply.docx").write_text(SECRET, encoding="utf-8")
    (folder / "keep.txt").write_text(SECRET, encoding="utf-8")
    return folder


def untouched(folder: Path) -> bool:
    return sorted(p.name for p in folder.iterdir()) == ["keep.txt", "reply.docx"] and all(
        p.read_text(encoding="utf-8") == SECRET for p in folder.iterdir())


# ---- output_dir ---------------------------------------------------------------------------------

@pytest.mark.parametrize("output_dir,linked", [("答复", "答复"), ("a/b", "a")])
def test_an_output_dir_leading_out_through_a_link_is_refused(tmp_path, outside, drafter_cli, output_dir, linked):
    sheet = write_workspace(tmp_path / "ws", profile=PROFILE + f"output_dir: {output_dir}\n")
    link(tmp_path / "ws" / linked, outside)
    proc = drafter_cli("render", sheet)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"profile.yaml:{PROFILE.count(chr(10)) + 1}" in proc.stderr and "output_dir" in proc.stderr
    assert untouched(outside)
    proc = drafter_cli("build", tmp_path / "ws")
    assert proc.returncode == 1 and "output_dir" in proc.stdout + proc.stderr and untouched(outside)


@pytest.mark.parametrize("force", [False, True])
def test_a_word_file_that_is_a_link_out_is_replaced_never_written_through(tmp_path, outside, drafter_cli, force):
    sheet = write_workspace(tmp_path / "ws", profile=PROFILE + "output_dir: 答复\n")
    (tmp_path / "ws" / "答复").mkdir()
    link(tmp_path / "ws" / "答复" / "reply.docx", outside / "reply.docx")
    proc = drafter_cli("render", *(["--force"] if force else []), sheet)
    assert proc.returncode == (0 if force else 1) and "Traceback" not in proc.stderr
    assert untouched(outside)
    target = tmp_path / "ws" / "答复" / "reply.docx"
    assert target.is_symlink() != force  # --force put drafter's own file in the link's place


def test_render_o_onto_a_link_replaces_the_link(tmp_path, outside, drafter_cli):
    sheet = write_workspace(tmp_path / "ws")
    link(tmp_path / "ws" / "链接.docx", outside / "keep.txt")
    assert drafter_cli("render", "-o", tmp_path / "ws" / "链接.docx", sheet).returncode == 1
    proc = drafter_cli("render", "--force", "-o", tmp_path / "ws" / "链接.docx", sheet)
    assert proc.returncode == 0 and untouched(outside)
    assert not (tmp_path / "ws" / "链接.docx").is_symlink()


def test_build_o_does_not_follow_a_linked_subfolder_out(tmp_path, outside, drafter_cli):
    write_workspace(tmp_path / "ws")
    (tmp_path / "ws" / "子").mkdir()
    (tmp_path / "ws" / "子" / "r2.yaml").write_text(SHEET, encoding="utf-8")
    (tmp_path / "out").mkdir()
    link(tmp_path / "out" / "子", outside)
    proc = drafter_cli("build", "-o", tmp_path / "out", tmp_path / "ws")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "超出了输出文件夹" in out and "Traceback" not in out
    assert (tmp_path / "out" / "reply.docx").is_file() and untouched(outside)


def test_build_leaves_a_linked_manifest_and_linked_sheet_folders_alone(tmp_path, outside, drafter_cli):
    from drafter.build.manifest import MANIFEST_NAME

    write_workspace(tmp_path / "ws")
    write_workspace(outside / "别处", name="other.yaml")
    link(tmp_path / "ws" / MANIFEST_NAME, outside / "keep.txt")
    link(tmp_path / "ws" / "别处", outside / "别处")
    proc = drafter_cli("build", tmp_path / "ws")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "共 1 份答复" in proc.stdout  # the linked folder is not walked
    assert (outside / "keep.txt").read_text(encoding="utf-8") == SECRET
    assert not (tmp_path / "ws" / MANIFEST_NAME).is_symlink()
    assert not any((outside / "别处").glob("*.docx"))


# ---- templates in hidden files: .git/config holds a remote's token --------------------------------

def git_config(ws: Path) -> None:
    (ws / ".git").mkdir(parents=True, exist_ok=True)
    (ws / ".git" / "config").write_text('[remote "origin"]\n\turl = https://clerk:ghp_SECRET@example.com/x\n',
                                        encoding="utf-8")


@pytest.mark.parametrize("statement", [
    '{% include ".git/config" %}',
    '{% import ".git/config" as m %}{{ m }}',
    '{% include ".gi" ~ "t/config" %}',
    '{% include "链接.j2" %}',
])
def test_a_template_cannot_print_a_hidden_file_of_the_workspace(tmp_path, statement):
    sheet = write_workspace(tmp_path, sheet=SHEET + "template: 坏.j2\n")
    git_config(tmp_path)
    link(tmp_path / "链接.j2", tmp_path / ".git" / "config")
    (tmp_path / "坏.j2").write_text("@p 开头\n@p " + statement + "\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        compose(load_reply(sheet))
    err = exc.value
    assert err.where.path.name == "坏.j2" and err.where.line == 2
    assert "隐藏" in err.message and "SECRET" not in str(err)


@pytest.mark.parametrize("where", ["profile", "sheet"])
def test_a_template_named_in_a_hidden_folder_is_refused(tmp_path, where):
    named = ".git/x.j2"
    if where == "profile":
        sheet = write_workspace(tmp_path, profile=PROFILE + f"templates: {{政协提案: {named}}}\n")
    else:
        sheet = write_workspace(tmp_path, sheet=SHEET + f"template: {named}\n")
    git_config(tmp_path)
    (tmp_path / ".git" / "x.j2").write_text('@p {% include "config" %}\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        compose(load_reply(sheet))
    err = exc.value
    assert err.where.path.name == ("profile.yaml" if where == "profile" else "reply.yaml")
    assert err.where.line is not None and "隐藏" in err.message


def test_a_hidden_template_on_the_command_line_is_exit_2(tmp_path, drafter_cli):
    sheet = write_workspace(tmp_path, sheet=SHEET + "template: 坏.j2\n")
    git_config(tmp_path)
    (tmp_path / "坏.j2").write_text('@p {% include ".git/config" %}\n', encoding="utf-8")
    proc = drafter_cli("render", sheet)
    assert proc.returncode == 2 and "坏.j2:1" in proc.stderr and "隐藏" in proc.stderr
    assert "SECRET" not in proc.stderr and "Traceback" not in proc.stderr and not sheet.with_suffix(".docx").exists()


def test_templates_in_ordinary_subfolders_still_work(tmp_path):
    (tmp_path / "模板" / "公共").mkdir(parents=True)
    (tmp_path / "模板" / "公共" / "尾.j2").write_text("@p 附：说明\n", encoding="utf-8")
    (tmp_path / "模板" / "我的.j2").write_text('@p 正文\n{% include "公共/尾.j2" %}', encoding="utf-8")
    sheet = write_workspace(tmp_path, profile=PROFILE + "templates: {政协提案: 模板/我的.j2}\n")
    assert [b.text for b in compose(load_reply(sheet))] == ["正文", "附：说明"]


# ---- sheets, profiles and facts read through links or named paths --------------------------------

def secret_facts(folder: Path) -> Path:
    """A valid facts library outside the workspace whose text must never reach a reply."""
    path = folder / "facts.yaml"
    path.write_text(f"figures:\n  高新技术企业数: {{value: \"{SECRET}\", unit: 家}}\n", encoding="utf-8")
    return path


def refused(proc, name: str) -> bool:
    out = proc.stdout + proc.stderr
    return (proc.returncode == 2 and name in proc.stderr and "工作区之外" in proc.stderr
            and SECRET not in out and "Traceback" not in out)


@pytest.mark.parametrize("name", ["facts.yaml", "profile.yaml"])
def test_a_profile_or_facts_file_that_links_out_of_the_workspace_is_not_read(tmp_path, outside, drafter_cli, name):
    sheet = write_workspace(tmp_path / "ws", sheet=SHEET.replace("已经投用。", "已经投用{{ facts.高新技术企业数 }}。"))
    secret_facts(outside)
    if name == "profile.yaml":
        (outside / "profile.yaml").write_text(PROFILE.replace("name:", f"# {SECRET}\nname:", 1), encoding="utf-8")
    (tmp_path / "ws" / name).unlink()
    link(tmp_path / "ws" / name, outside / name)
    proc = drafter_cli("render", sheet)
    assert refused(proc, name) and not sheet.with_suffix(".docx").exists()
    assert untouched_but(outside, {"facts.yaml", "profile.yaml"})


def untouched_but(folder: Path, extra: set[str]) -> bool:
    return {p.name for p in folder.iterdir()} == {"keep.txt", "reply.docx"} | (extra & {p.name for p in folder.iterdir()})


@pytest.mark.parametrize("field", ["facts", "profile"])
def test_a_sheet_naming_a_profile_or_facts_file_outside_the_workspace_is_refused_at_that_line(tmp_path, outside, field):
    secret_facts(outside)
    (outside / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    sheet = write_workspace(tmp_path / "ws", sheet=SHEET + f"{field}: ../outside/{field}.yaml\n")
    with pytest.raises(InputError) as exc:
        load_reply(sheet)
    err = exc.value
    assert "工作区之外" in err.message and err.where.path == sheet
    assert err.where.line == SHEET.count("\n") + 1


def test_a_sheet_that_is_a_link_out_of_the_workspace_is_neither_rendered_nor_built(tmp_path, outside, drafter_cli):
    write_workspace(tmp_path / "ws")
    (outside / "other.yaml").write_text(SHEET.replace("第一批基地", SECRET), encoding="utf-8")
    link(tmp_path / "ws" / "linked.yaml", outside / "other.yaml")
    proc = drafter_cli("render", tmp_path / "ws" / "linked.yaml")
    assert refused(proc, "linked.yaml") and not (tmp_path / "ws" / "linked.docx").exists()
    proc = drafter_cli("build", tmp_path / "ws")
    assert proc.returncode == 1 and "linked.yaml" in proc.stdout + proc.stderr and SECRET not in proc.stdout + proc.stderr
    assert (tmp_path / "ws" / "reply.docx").exists() and not (tmp_path / "ws" / "linked.docx").exists()


def test_links_that_stay_inside_the_workspace_are_followed(tmp_path):
    sheet = write_workspace(tmp_path / "ws", sheet=SHEET.replace("已经投用。", "已经投用{{ facts.高新技术企业数 }}家。"))
    (tmp_path / "ws" / "数据").mkdir()
    (tmp_path / "ws" / "facts.yaml").rename(tmp_path / "ws" / "数据" / "facts.yaml")
    link(tmp_path / "ws" / "facts.yaml", tmp_path / "ws" / "数据" / "facts.yaml")
    link(tmp_path / "ws" / "同一份.yaml", sheet)
    texts = [b.text for b in compose(load_reply(tmp_path / "ws" / "同一份.yaml"))]
    assert any("已经投用2104家" in t for t in texts)
