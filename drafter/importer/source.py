"""Reading an old reply into numbered lines (.txt here, .docx in docx_reader)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError, Where
from drafter.textio import decode, read_bytes


@dataclass
class Line:
    """One line of the input: its text, where it was, and what Word said about it."""

    text: str
    no: int                      # 1-based line (.txt) or paragraph (.docx) number
    level: int | None = None     # heading level from a Word style or direct formatting
    red: bool = False            # printed in red (a 红头 letterhead)
    bold: bool = False
    numbered: bool = False       # the marker (一、 1.) came from Word's automatic numbering

    def with_text(self, text: str) -> "Line":
        return Line(text, self.no, self.level, self.red, self.bold, self.numbered)


@dataclass
class LeftOut:
    """Text of the source that does not become a line of the letter (a footnote, a comment)."""

    what: str                    # 脚注, 批注, 页眉文字… (Chinese, shown in the warning)
    text: str                    # the source's characters left out ("" when there are none to show)
    no: int | None = None        # the line (paragraph) it sits at, when it has one
    quiet: bool = False          # counted but not reported (a page number in a footer)


@dataclass
class Source:
    """An input file as lines, with notices about how it was read.

    own_text is the file's text read flatly and apart from the lines (every character, in file
    order, nothing interpreted): the importer checks that each character of it reached the sheet,
    was skipped with a report, or is in left_out — and that none came twice."""

    path: Path
    lines: list[Line]
    encoding: str = "utf-8"
    notices: list[str] = field(default_factory=list)
    letterhead: str = ""         # a red 红头 found in a .docx
    left_out: list[LeftOut] = field(default_factory=list)
    generated: list[str] = field(default_factory=list)   # text the reader added (numbering markers)
    own_text: str | None = None


SUFFIXES = (".txt", ".docx")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def read_source(path: Path) -> Source:
    """Read .txt (UTF-8, or GBK with a notice) or .docx."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from drafter.importer.docx_reader import read_docx

        return read_docx(path)
    if suffix not in (".txt", ".text", ""):
        raise InputError(f"不支持的文件类型“{path.suffix}”：只能导入 .txt 或 .docx", Where(path),
                         "旧版 .doc 文件请先在 Word 中“另存为” .docx")
    data = read_bytes(path)
    if data[:4] == b"PK\x03\x04":
        raise InputError("这是一个 Word（.docx）文件，但扩展名不是 .docx", Where(path), "请把扩展名改为 .docx 后再导入")
    text, encoding = decode(data, path, allow_gbk=True)
    notices = []
    if encoding == "gbk":
        notices.append(f"{path}: 提示：文件是 GBK（国标）编码，已按 GBK 读取")
    own = text
    text = _CONTROL.sub("", text)  # form feeds and the like: invisible, and a .docx cannot hold them
    lines = [Line(t, i) for i, t in enumerate(text.split("\n"), 1)]
    return Source(path, lines, encoding, notices, own_text=own)
