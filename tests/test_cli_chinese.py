"""The clerk-facing command line is Chinese throughout, ends quietly when its reader goes away,
and tells its version.

Every subcommand is walked through its parser (new subcommands are covered without touching this
file): its --help and the usage errors argparse can produce for it must contain no English word
that drafter itself did not write (an option name, a choice, a help text), and none of argparse's
English phrases.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys

import pytest

from drafter.cli.main import build_parser, main
from drafter.cli.parser import ChineseParser
from tests.conftest import EXAMPLES, REPO

ENGLISH_PHRASES = ("usage", "positional arguments", "optional arguments", "options:", "show this help",
                   "error", "required", "invalid", "unrecognized", "expected", "argument", "ambiguous",
                   "not allowed", "choose from", "Traceback")
_WORD = re.compile(r"[A-Za-z]{2,}")
BAD_VALUE = "无此项"  # never an option name or a choice, and no ASCII letters


def _parsers() -> list[tuple[list[str], argparse.ArgumentParser]]:
    """(argv prefix, parser) for the top-level command and every subcommand."""
    top = build_parser()
    (sub,) = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    return [([], top)] + [([name], parser) for name, parser in sub.choices.items()]


PARSERS = _parsers()
IDS = [" ".join(["drafter", *prefix]) for prefix, _ in PARSERS]


def _own_words(parser: argparse.ArgumentParser) -> set[str]:
    """The ASCII words drafter wrote itself for this parser and the top-level one (which reports
    unrecognised arguments): names, choices, helps, metavars."""
    top = PARSERS[0][1]
    texts = [parser.prog, parser.description or "", parser.epilog or ""]
    for action in parser._actions + top._actions:
        texts += action.option_strings
        texts += [str(c) for c in (action.choices or ())]
        texts += [action.help or "", action.metavar if isinstance(action.metavar, str) else ""]
        texts += [choice.help or "" for choice in getattr(action, "_choices_actions", ())]  # subcommands
    return set(_WORD.findall(" ".join(texts)))


def _assert_chinese(text: str, parser: argparse.ArgumentParser) -> None:
    lowered = text.lower()
    assert not [p for p in ENGLISH_PHRASES if p.lower() in lowered], text
    foreign = set(_WORD.findall(text)) - _own_words(parser)
    assert not foreign, f"English words argparse added: {sorted(foreign)}\n{text}"


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    out, err = capsys.readouterr()
    return stopped.value.code, out, err


def _usage_errors(parser: argparse.ArgumentParser) -> list[list[str]]:
    """An argv for every kind of usage error the parser's arguments allow."""
    cases = [["--乱写"]]
    positionals = [a for a in parser._actions if not a.option_strings]
    if any(a.nargs in (None, "+") for a in positionals):
        cases.append([])
    for action in parser._actions:
        if action.option_strings and action.nargs != 0:
            cases.append([action.option_strings[-1]])                     # value missing
        if action.choices is not None:
            cases.append([*action.option_strings[-1:], BAD_VALUE])         # not one of the choices
        if action.option_strings and action.nargs == 0 and action.option_strings[-1].startswith("--"):
            cases.append([f"{action.option_strings[-1]}=1"])               # a flag given a value
    for group in parser._mutually_exclusive_groups:
        both = []
        for action in group._group_actions:
            both += [action.option_strings[-1]] + (["值"] if action.nargs != 0 else [])
        cases.append(both)
    return cases


@pytest.mark.parametrize(("prefix", "parser"), PARSERS, ids=IDS)
def test_help_is_chinese(prefix, parser, capsys):
    code, out, err = _run([*prefix, "--help"], capsys)
    assert code == 0 and err == ""
    assert out.startswith("用法：drafter")
    assert "显示本帮助并退出" in out and "选项：" in out
    _assert_chinese(out, parser)


def _cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _section_lines(help_text: str) -> list[str]:
    """The lines of the 参数 and 选项 sections (argument, then its help)."""
    out, inside = [], False
    for line in help_text.splitlines():
        if line in ("参数：", "选项："):
            inside = True
        elif not line.strip():
            inside = False
        elif inside:
            out.append(line)
    return out


@pytest.mark.parametrize(("prefix", "parser"), PARSERS, ids=IDS)
def test_help_lines_up_and_fits_an_80_column_console_in_terminal_cells(prefix, parser, capsys, monkeypatch):
    """Chinese metavars and help take two cells a character: every help text starts in one column
    and no line of the argument sections is wider than the console."""
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = _run([*prefix, "--help"], capsys)
    lines = _section_lines(out)
    assert lines
    columns = set()
    for line in lines:
        assert _cells(line) <= 80, line
        found = re.match(r"^( +\S(?:.*?\S)?)( {2,})(\S.*)$", line)
        if found and not line.startswith(" " * 8):  # an argument with its help on the same line
            columns.add(_cells(found.group(1) + found.group(2)))
        elif line.startswith(" " * 8):  # a help text continued, or begun under a long argument
            columns.add(_cells(line) - _cells(line.lstrip()))
    assert len(columns) == 1, (columns, out)


@pytest.mark.parametrize(("prefix", "parser"), PARSERS, ids=IDS)
def test_every_usage_error_is_chinese_with_exit_code_2(prefix, parser, capsys):
    cases = _usage_errors(parser)
    assert len(cases) >= 2
    for case in cases:
        code, out, err = _run([*prefix, *case], capsys)
        assert code == 2, case
        assert out == ""
        assert err.startswith("用法：drafter") and "：错误：" in err, (case, err)
        _assert_chinese(err, parser)


def test_the_messages_a_clerk_meets_most_read_naturally(capsys):
    assert "错误：缺少参数：事实单" in _run(["render"], capsys)[2]
    assert "错误：参数 -o/--output：后面需要一个值" in _run(["render", "-o"], capsys)[2]
    assert "无效的选择：'无此项'（可选：'提案', '建议'" in _run(["new", "--kind", "无此项", "a.yaml"], capsys)[2]
    assert "无法识别的参数：--乱写" in _run(["check", "--乱写"], capsys)[2]
    assert "参数 -j/--jobs：无效的值：'五'" in _run(["check", "-j", "五"], capsys)[2]


def test_argparse_messages_beyond_drafters_own_arguments_are_chinese_too(capsys):
    """Ambiguous abbreviations and fixed counts do not occur in drafter's subcommands today;
    a parser built the same way still says them in Chinese."""
    parser = ChineseParser(prog="drafter 试验")
    parser.add_argument("--name")
    parser.add_argument("--number")
    parser.add_argument("--pair", nargs=2)
    for argv, said in ((["--n", "1"], "选项 --n 不明确，可能是：--name, --number"),
                       (["--pair", "1"], "参数 --pair：后面需要 2 个值")):
        with pytest.raises(SystemExit) as stopped:
            parser.parse_args(argv)
        assert stopped.value.code == 2
        assert said in capsys.readouterr().err


def test_other_argparse_users_in_the_process_stay_english():
    """The translation is scoped to drafter's parsers (pytest's own argparse is not touched)."""
    build_parser().format_help()
    plain = argparse.ArgumentParser(prog="other")
    assert plain.format_help().startswith("usage: other")
    import gettext

    assert "len" not in vars(argparse) and argparse._ is gettext.gettext  # nothing of drafter's left behind


# ---- a real process --------------------------------------------------------------------------

def _env() -> dict:
    return dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")


def test_a_real_process_prints_chinese_usage_errors_on_stderr():
    r = subprocess.run([sys.executable, "-m", "drafter", "new", "--kind"], capture_output=True, text=True,
                       encoding="utf-8", env=_env(), timeout=60)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.splitlines()[-1] == "drafter new：错误：参数 --kind：后面需要一个值"


@pytest.mark.skipif(os.name == "nt", reason="POSIX pipe semantics (EPIPE)")
def test_check_piped_into_a_reader_that_stops_early_ends_quietly(tmp_path):
    """`drafter check … | head -n 1`: the reader takes one line and closes the pipe while drafter
    still has more than a pipe buffer to write; drafter ends without a word on stderr."""
    for n in range(40):  # 余姚 003 has 17 findings: 40 copies print well over 64 KB
        folder = tmp_path / f"余姚{n}"
        shutil.copytree(EXAMPLES / "余姚市科技局", folder)
    read_end, write_end = os.pipe()
    process = subprocess.Popen([sys.executable, "-m", "drafter", "check", str(tmp_path), "-j", "1"],
                               stdout=write_end, stderr=subprocess.PIPE, env=_env())
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        first = reader.readline()
    _, stderr = process.communicate(timeout=120)
    assert "余姚" in first.decode("utf-8")
    assert stderr.decode("utf-8") == ""
    assert process.returncode == 1


# ---- --version ---------------------------------------------------------------------------------

def test_version_comes_from_the_installed_package():
    from importlib.metadata import version

    r = subprocess.run([sys.executable, "-m", "drafter", "--version"], capture_output=True, text=True,
                       encoding="utf-8", env=_env(), timeout=60)
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout == f"drafter {version('drafter')}\n"


def test_version_falls_back_to_the_source_when_drafter_is_not_installed(monkeypatch):
    import importlib.metadata

    import drafter

    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    assert drafter.installed_version() == drafter.__version__


def test_the_version_is_written_in_one_place():
    """pyproject.toml takes the version from drafter.__version__ rather than repeating it."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "drafter.__version__"}
