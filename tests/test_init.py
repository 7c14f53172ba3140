"""`drafter init`: a new office set up from an empty folder, with no file made by hand.

It writes a commented profile.yaml holding exactly what the clerk gave, an empty commented
facts.yaml, a .gitignore for generated files and drafts, and runs `git init` when the folder is not
in a repository; it asks at a terminal for what the options left out, and it never rewrites an
existing profile.yaml or facts.yaml.
"""

from __future__ import annotations

import builtins
import io
import sys
from pathlib import Path

import docx
import pytest

from drafter.cli.main import main
from drafter.sheets.load import load_facts, load_profile
from drafter.workspace import git as gitops
from drafter.workspace import office
from drafter.workspace.office import GITIGNORE_LINES, OfficeInfo
from tests.conftest import run_drafter

LINYI = ["--name", "临沂市科学技术局", "--contact-name", "李明", "--contact-phone", "0539-8312345"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".git/" not in p.relative_to(folder).as_posix() + "/"}


def _fill(sheet: Path) -> None:
    """What a clerk types into a new sheet at the least: title, proposer, date."""
    text = sheet.read_text(encoding="utf-8")
    for old, new in (('proposal_title: ""', "proposal_title: 关于加快科技成果转化的建议"),
                     ("proposers: []", "proposers: [赵洁]"), ('date: ""', "date: 2024-06-18")):
        assert old in text
        text = text.replace(old, new, 1)
    sheet.write_text(text, encoding="utf-8")


# ---- the whole journey on the command line ---------------------------------------------------

@pytest.mark.needs("git")
def test_empty_folder_to_a_rendered_reply_with_no_file_made_by_hand(tmp_path):
    folder = tmp_path / "临沂市科技局"
    r = run_drafter("init", folder, *LINYI)
    assert r.returncode == 0, r.stderr
    assert "已在" in r.stdout and "下一步" in r.stdout

    assert {p.name for p in folder.iterdir()} == {"profile.yaml", "facts.yaml", ".gitignore", ".git"}
    assert gitops.repo_root(folder).resolve() == folder.resolve()

    r = run_drafter("new", folder / "001-赵洁.yaml")
    assert r.returncode == 0, r.stderr
    _fill(folder / "001-赵洁.yaml")
    r = run_drafter("render", folder / "001-赵洁.yaml")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    r = run_drafter("check", folder)
    assert r.returncode == 0, r.stdout + r.stderr

    paragraphs = [(p.style.name, p.text) for p in docx.Document(folder / "001-赵洁.docx").paragraphs]
    assert ("Salutation", "赵洁委员：") in paragraphs
    assert ("Normal", "再次感谢您对我市科技工作的关心和支持！") in paragraphs
    assert ("Signature", "临沂市科学技术局") in paragraphs
    assert ("Date", "2024年6月18日") in paragraphs
    assert ("Note", "（联系人：李明，联系电话：0539-8312345）") in paragraphs
    # the generated Word file is ignored by git; the sheet and the setup files are not
    status = {p.name for p in gitops.status(folder)}
    assert status == {"profile.yaml", "facts.yaml", ".gitignore", "001-赵洁.yaml"}


def test_the_profile_holds_exactly_what_was_given_and_the_facts_library_is_empty(tmp_path):
    info = OfficeInfo(name="沂水县科学技术局", short_name="县科技局", city="沂水县", wenhao_prefix="沂科函字",
                      work="科技工作", contact_name="王芳", contact_phone="0539-2251234")
    office.create_office(tmp_path, info, git=False)
    profile = load_profile(tmp_path / "profile.yaml")
    assert (profile.name, profile.short_name, profile.city, profile.wenhao_prefix, profile.work) == (
        "沂水县科学技术局", "县科技局", "沂水县", "沂科函字", "科技工作")
    assert (profile.contact.name, profile.contact.phone) == ("王芳", "0539-2251234")
    assert profile.cc == {"政协提案": ["县政协提案委", "县政府督查室"], "人大建议": ["县人大常委会人代工委", "县政府督查室"]}
    assert profile.disclosure == "主动公开" and profile.letterhead is False
    facts = load_facts(tmp_path / "facts.yaml")
    assert facts.items == {} and facts.title == "沂水县科学技术局事实库"


@pytest.mark.parametrize("value", ["临沂市科学技术局（筹）", "a: b", "# 不是注释", "0539", "yes", "否", "'引号'",
                                   '"双引号"', "[方括号]", "{花括号}", "- 破折", "尾部冒号:", "  前后空格  "])
def test_any_one_line_value_reads_back_unchanged(tmp_path, value):
    info = OfficeInfo(name=value.strip() or "局", short_name=value, city=value, wenhao_prefix=value, work=value,
                      contact_name=value, contact_phone=value)
    office.create_profile(tmp_path, info)
    profile = load_profile(tmp_path / "profile.yaml")
    read = [profile.short_name, profile.city, profile.wenhao_prefix, profile.work, profile.contact.phone]
    assert read == [value.strip()] * 5  # a profile's one-line fields are read without outer spaces


def test_both_files_are_commented_for_the_clerk(tmp_path):
    office.create_office(tmp_path, OfficeInfo(name="临沂市科学技术局"), git=False)
    profile = (tmp_path / "profile.yaml").read_text(encoding="utf-8")
    for line in ("name: 临沂市科学技术局", "# contact: {name:", "# fonts:", "# templates:", "# output_dir:"):
        assert line in profile
    assert all("#" in line for line in profile.splitlines() if line and not line.startswith("  "))
    facts = (tmp_path / "facts.yaml").read_text(encoding="utf-8")
    assert "{{ facts.名称 }}" in facts and "#   value:" in facts and "#   text:" in facts


def test_the_gitignore_keeps_generated_files_and_drafts_out(tmp_path):
    office.create_office(tmp_path, OfficeInfo(name="临沂市科学技术局"), git=False)
    lines = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    for pattern in ("*.docx", "*.pdf", ".*.draft", ".drafter-build.json", ".venv/"):
        assert pattern in lines


def test_an_existing_gitignore_is_kept_and_completed_once(tmp_path):
    (tmp_path / ".gitignore").write_text("笔记/\n*.docx", encoding="utf-8")
    office.create_office(tmp_path, OfficeInfo(name="临沂市科学技术局"), git=False)
    text = (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert text.startswith("笔记/\n*.docx\n")
    assert text.count("*.docx") == 1
    assert all(line in text.splitlines() for line in GITIGNORE_LINES)
    assert office.ensure_gitignore(tmp_path) == []


# ---- suggestions ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("临沂市科学技术局", {"city": "临沂市", "short_name": "市科技局", "wenhao_prefix": "临科函", "work": "科技工作"}),
    ("沂水县科技局", {"city": "沂水县", "short_name": "县科技局", "wenhao_prefix": "沂科函", "work": "科技工作"}),
    ("临沂市民政局", {"city": "临沂市"}),
    ("科学技术局", {"short_name": "市科技局", "work": "科技工作"}),
])
def test_suggestions_are_read_off_the_full_name(name, expected):
    assert office.suggest(name) == expected


def test_yes_fills_blanks_from_the_suggestions_and_keeps_what_was_given(tmp_path, capsys):
    assert main(["init", str(tmp_path / "新"), "--name", "临沂市科学技术局", "--wenhao-prefix", "临科函字",
                 "--no-git", "--yes"]) == 0
    profile = load_profile(tmp_path / "新" / "profile.yaml")
    assert (profile.city, profile.short_name, profile.wenhao_prefix, profile.contact) == (
        "临沂市", "市科技局", "临科函字", None)


# ---- git -------------------------------------------------------------------------------------------

@pytest.mark.needs("git")
def test_no_git_and_a_folder_inside_a_repository_get_no_new_repository(tmp_path):
    plain = tmp_path / "plain"
    assert run_drafter("init", plain, "--name", "临沂市科学技术局", "--no-git").returncode == 0
    assert not (plain / ".git").exists() and not gitops.is_repo(plain)

    outer = tmp_path / "outer"
    outer.mkdir()
    gitops.init(outer)
    inner = outer / "科技局"
    assert run_drafter("init", inner, "--name", "临沂市科学技术局").returncode == 0
    assert not (inner / ".git").exists()
    assert gitops.repo_root(inner).resolve() == outer.resolve()


def test_without_git_installed_the_rest_is_set_up_and_the_clerk_is_told(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(gitops, "available", lambda: False)
    assert main(["init", str(tmp_path / "局"), "--name", "临沂市科学技术局"]) == 0
    out, err = capsys.readouterr()
    assert "没有找到 git" in err
    assert {p.name for p in (tmp_path / "局").iterdir()} == {"profile.yaml", "facts.yaml", ".gitignore"}


# ---- never rewrites, never half-writes --------------------------------------------------------

@pytest.mark.parametrize("present", ["profile.yaml", "facts.yaml"])
def test_an_existing_profile_or_facts_file_stops_init_before_anything_is_written(tmp_path, present):
    (tmp_path / present).write_text("name: 已有的局\n", encoding="utf-8")
    before = _files(tmp_path)
    r = run_drafter("init", tmp_path, *LINYI)
    assert r.returncode == 2
    assert f"已有 {present}，未做任何改动" in r.stderr and "Traceback" not in r.stderr
    assert _files(tmp_path) == before
    assert not (tmp_path / ".git").exists()


@pytest.mark.needs("git")
def test_init_on_a_folder_already_set_up_has_nothing_to_do(tmp_path):
    assert run_drafter("init", tmp_path, *LINYI).returncode == 0
    before = _files(tmp_path)
    r = run_drafter("init", tmp_path, "--name", "别的局")
    assert r.returncode == 0 and "无需改动" in r.stdout
    assert _files(tmp_path) == before


def test_without_a_name_and_no_terminal_to_ask_it_is_a_usage_error(tmp_path):
    r = run_drafter("init", tmp_path / "新单位", input="")
    assert r.returncode == 2 and "缺少单位全称" in r.stderr and "--name" in r.stderr
    assert not (tmp_path / "新单位").exists()


@pytest.mark.parametrize("args", [["--name", "临沂市\n科学技术局"], ["--name", "局", "--city", "临沂\t市"]])
def test_a_value_of_more_than_one_line_is_refused(tmp_path, args):
    r = run_drafter("init", tmp_path / "新单位", *args, "--no-git")
    assert r.returncode == 2 and "只能是一行文字" in r.stderr
    assert not (tmp_path / "新单位").exists()


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    (tmp_path / "局").write_text("", encoding="utf-8")
    r = run_drafter("init", tmp_path / "局", "--name", "临沂市科学技术局")
    assert r.returncode == 2 and "不是文件夹" in r.stderr


# ---- at a terminal: it asks --------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _answering(monkeypatch, answers: list[str]) -> list[str]:
    """Make stdin a terminal and input() return answers in turn; returns the prompts shown."""
    prompts: list[str] = []
    queue = list(answers)

    def answer(prompt=""):
        prompts.append(prompt)
        if not queue:
            raise EOFError
        return queue.pop(0)

    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(builtins, "input", answer)
    return prompts


@pytest.mark.needs("git")
def test_at_a_terminal_it_asks_in_chinese_for_what_is_missing(tmp_path, capsys, monkeypatch):
    # full name typed; city, short name and 工作领域 accepted with Enter; 机关代字 changed;
    # contact typed; git: Enter (yes)
    prompts = _answering(monkeypatch, ["临沂市科学技术局", "", "临科函字", "", "李明", "0539-8312345", ""])
    assert main(["init", str(tmp_path / "局"), "--city", "临沂市"]) == 0
    assert prompts == ["单位全称：", "单位简称［市科技局］：", "机关代字（文号前缀）［临科函］：",
                       "工作领域（“感谢您对我市科技工作的关心和支持”）［科技工作］：",
                       "联系人（印在附注里，可不填）：", "联系电话（可不填）：",
                       "建立 git 仓库，保存每次修改的记录？［是/否，默认 是］："]
    profile = load_profile(tmp_path / "局" / "profile.yaml")
    assert (profile.short_name, profile.wenhao_prefix, profile.work, profile.contact.name) == (
        "市科技局", "临科函字", "科技工作", "李明")
    assert gitops.is_repo(tmp_path / "局")


def test_at_a_terminal_the_full_name_is_asked_again_until_given_and_git_can_be_declined(tmp_path, capsys,
                                                                                          monkeypatch):
    prompts = _answering(monkeypatch, ["", "临沂市科学技术局", "", "", "", "", "", "", "否"])
    assert main(["init", str(tmp_path / "局")]) == 0
    assert prompts[:2] == ["单位全称：", "单位全称："]
    assert "单位全称必须填写" in capsys.readouterr().out
    assert not (tmp_path / "局" / ".git").exists()


def test_ending_the_input_cancels_with_nothing_written(tmp_path, capsys, monkeypatch):
    _answering(monkeypatch, ["临沂市科学技术局"])  # then Ctrl+D / Ctrl+Z
    assert main(["init", str(tmp_path / "局")]) == 1
    assert "已取消" in capsys.readouterr().err
    assert not (tmp_path / "局").exists()


def test_the_init_help_names_every_option_in_chinese():
    r = run_drafter("init", "--help")
    for option in ("--name", "--short-name", "--city", "--wenhao-prefix", "--work", "--contact-name",
                   "--contact-phone", "--no-git", "--yes"):
        assert option in r.stdout
    assert "单位全称" in r.stdout and "机关代字" in r.stdout


def test_git_init_failure_is_reported_without_a_traceback(tmp_path, monkeypatch, capsys):
    def refuse(folder):
        raise gitops.GitError("fatal: 无法建立仓库")

    monkeypatch.setattr(gitops, "init", refuse)
    monkeypatch.setattr(gitops, "available", lambda: True)
    code = main(["init", str(tmp_path / "局"), "--name", "临沂市科学技术局"])
    err = capsys.readouterr().err
    assert code == 1 and "建立 git 仓库失败：fatal: 无法建立仓库" in err and "Traceback" not in err
    assert (tmp_path / "局" / "profile.yaml").is_file()  # the files stay


@pytest.mark.needs("git")
def test_an_office_without_git_gets_it_later_with_its_files_untouched(tmp_path):
    """Both files there, git not yet: init adds the repository (and .gitignore lines) only."""
    assert run_drafter("init", tmp_path, *LINYI, "--no-git").returncode == 0
    (tmp_path / ".gitignore").unlink()
    before = _files(tmp_path)
    r = run_drafter("init", tmp_path)
    assert r.returncode == 0 and "未改动" in r.stdout and "git 仓库" in r.stdout
    assert gitops.repo_root(tmp_path).resolve() == tmp_path.resolve()
    after = _files(tmp_path)
    assert {k: v for k, v in after.items() if k != ".gitignore"} == before
