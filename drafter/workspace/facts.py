"""Managing a facts library (事实库): names, renames, and which sheets cite a fact.

Pure functions (no Textual). Names follow drafter.model.facts: an identifier that does not start
with "_", unique across figures and passages (both are cited as `facts.名称`).
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path
from typing import Any, Iterable

from drafter.errors import InputError
from drafter.sheets.load import find_sheets
from drafter.sheets.yamlio import load_yaml
from drafter.textio import read_text
from drafter.workspace.paths import linked_file

GROUPS = ("figures", "passages")
GROUP_LABEL = {"figures": "数据", "passages": "段落"}
# Words Jinja reads as literals or operators: `facts.true` or `facts.in` would not name a fact.
_RESERVED = {"true", "false", "none", "True", "False", "None", "and", "or", "not", "in", "is", "if", "else",
             "for", "recursive", "loop", "self", "items", "keys", "values", "get"}
_JINJA = re.compile(r"\{[{%](.*?)[%}]\}", re.S)


def fact_names(data: Any) -> dict[str, str]:
    """name -> group for every fact in a library's plain data."""
    out: dict[str, str] = {}
    if isinstance(data, dict):
        for group in GROUPS:
            entries = data.get(group)
            if isinstance(entries, dict):
                for name in entries:
                    out.setdefault(str(name), group)
    return out


def check_name(name: str, data: Any, old: str | None = None) -> str | None:
    """Why name cannot be used for a new (or renamed) fact, in Chinese; None when it can."""
    name = name.strip()
    if not name:
        return "请填写名称"
    if name == old:
        return None
    if not name.isidentifier() or name.startswith("_"):
        return "名称只能含汉字、字母、数字和下划线，且不能以数字或下划线开头，不能有空格和标点"
    if keyword.iskeyword(name) or name in _RESERVED:
        return f"“{name}”是保留字，不能用作名称"
    taken = fact_names(data)
    if name in taken:
        return f"已有同名的{GROUP_LABEL.get(taken[name], '条目')}“{name}”，请换一个名称"
    return None


def renamed(mapping: dict, old: str, new: str) -> dict:
    """mapping with key old renamed to new, in the same place."""
    return {(new if k == old else k): v for k, v in mapping.items()}


def cites(text: str, name: str) -> bool:
    """Does a sheet's text cite facts.<name> (inside {{ }} or {% %})?"""
    pattern = re.compile(r"\bfacts\s*(?:\.\s*" + re.escape(name) + r"(?!\w)|\[\s*(['\"])" + re.escape(name) + r"\1\s*\])")
    return any(pattern.search(m.group(1)) for m in _JINJA.finditer(text))


def uses_library(sheet: Path, text: str, facts_path: Path) -> bool:
    """Does the sheet draw on this facts library (its `facts:` field, else the nearest facts.yaml)?"""
    try:
        data = load_yaml(text, sheet).data
    except InputError:
        return True  # cannot tell: count it, better a warning too many than a broken reply
    try:
        path = linked_file(Path(sheet), data, "facts")
    except InputError:  # a library outside the workspace: not this one
        return False
    if path is None:
        return False
    try:
        return Path(path).resolve() == Path(facts_path).resolve()
    except OSError:
        return False


def citing_sheets(facts_path: Path, name: str, folder: Path, *, texts: dict[Path, str] | None = None,
                  sheets: Iterable[Path] | None = None) -> list[Path]:
    """Sheets under folder that cite facts.<name> from this library.

    texts: unsaved text of open sheets (by resolved path), used instead of what is on disk.
    """
    texts = {Path(p).resolve(): t for p, t in (texts or {}).items()}
    out = []
    for sheet in (find_sheets(folder) if sheets is None else sheets):
        text = texts.get(Path(sheet).resolve())
        if text is None:
            try:
                text = read_text(sheet)
            except InputError:
                continue
        if cites(text, name) and uses_library(sheet, text, facts_path):
            out.append(Path(sheet))
    return out
