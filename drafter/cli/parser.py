"""argparse speaking Chinese: usage, section titles, -h and every error message.

argparse builds its user-facing strings through its module-level gettext functions (`argparse._`,
`argparse.ngettext`) at the moment it needs them. `ChineseParser` swaps those two for a lookup in
`MESSAGES` while one of its own methods runs, so every subcommand (and any formatter class a
subcommand picks) speaks Chinese without a process-wide gettext catalogue and without touching
other argparse users in the same process (pytest, for one).
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
import unicodedata
from contextlib import contextmanager

EXIT_BAD_INPUT = 2

# argparse's msgids (Python 3.11–3.14) → what a clerk reads. Keys must match argparse exactly.
MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",  # before Python 3.10
    "subcommands": "命令",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少参数：%s",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "这个选项不需要值：%r",
    "expected one argument": "后面需要一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少需要一个值",
    "expected %s argument": "后面需要 %s 个值",
    "expected %s arguments": "后面需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "多余的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "无效的选择：%(value)r，是不是 %(closest)r？（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可选：%(choices)s）",
    "%(prog)s: error: %(message)s": "%(prog)s：错误：%(message)s",
}


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextmanager
def chinese_messages():
    """argparse's messages in Chinese for the duration of the block (re-entrant)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _gettext, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _cells(text: str) -> int:
    """Terminal cells text takes: two for a wide (CJK) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _measure(obj) -> int:
    return _cells(obj) if isinstance(obj, str) else len(obj)


_NOT_AT_LINE_START = set("，。、；：？！）》」』”’")
_TOKEN = re.compile(r"[\x21-\x7e]+| +|.")  # runs of printable ASCII stay whole; any other character alone


def _wrap(text: str, width: int) -> list[str]:
    """text broken into lines of at most width cells, ASCII words kept whole, no line starting with
    closing punctuation (the character before it moves down with it)."""
    lines, line, used = [], "", 0
    for token in _TOKEN.findall(" ".join(text.split())):
        size = _cells(token)
        if used + size > width and line.strip():
            carried = line[-1] if token[0] in _NOT_AT_LINE_START and len(line) > 1 else ""
            lines.append(line[:len(line) - len(carried)].rstrip())
            line, used = carried, _cells(carried)
            if token.isspace():
                continue
        line += token
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _CellFormatter(argparse.HelpFormatter):
    """Measures and wraps by terminal cells, so Chinese metavars and help line up (mixed into the
    parser's formatter class; argparse's own `len` is swapped for `_measure` while formatting)."""

    def _format_action(self, action):
        text = super()._format_action(action)
        header = " " * self._current_indent + self._format_action_invocation(action)
        extra = _cells(header) - len(header)  # argparse padded by characters: take the surplus back
        if extra and action.help and text.startswith(header + " " * (extra + 2)):
            text = header + text[len(header) + extra:]
        return text

    def _split_lines(self, text, width):
        return _wrap(text, width)

    def _fill_text(self, text, width, indent):
        if isinstance(self, argparse.RawDescriptionHelpFormatter):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in _wrap(text, width - len(indent)))


@functools.cache
def _cell_formatter(base: type) -> type:
    return base if issubclass(base, _CellFormatter) else type(f"Cell{base.__name__}", (_CellFormatter, base), {})


_NO_LEN = object()


@contextmanager
def _measured_in_cells():
    """argparse's module-level len() counts terminal cells while help and usage are formatted."""
    saved = argparse.__dict__.get("len", _NO_LEN)
    argparse.len = _measure
    try:
        yield
    finally:
        if saved is _NO_LEN:
            del argparse.len
        else:
            argparse.len = saved


def _in_chinese(method):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        with chinese_messages():
            return method(*args, **kwargs)

    return wrapper


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and usage errors are Chinese; a usage error exits with 2."""

    __init__ = _in_chinese(argparse.ArgumentParser.__init__)
    add_subparsers = _in_chinese(argparse.ArgumentParser.add_subparsers)
    parse_args = _in_chinese(argparse.ArgumentParser.parse_args)
    parse_known_args = _in_chinese(argparse.ArgumentParser.parse_known_args)

    @_in_chinese
    def format_usage(self) -> str:
        with _measured_in_cells():
            return super().format_usage()

    @_in_chinese
    def format_help(self) -> str:
        with _measured_in_cells():
            text = super().format_help()
        # argparse ends section titles with an ASCII colon; Chinese text takes the full-width one.
        for group in self._action_groups:
            if group.title:
                text = text.replace(f"\n{group.title}:\n", f"\n{group.title}：\n")
        return text

    def _get_formatter(self):
        return _cell_formatter(self.formatter_class)(prog=self.prog)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}：错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)
