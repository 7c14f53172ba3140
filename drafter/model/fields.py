"""A small declarative schema: typed fields with Chinese labels, defaults and did-you-mean.

Every value is checked against its field and every error is reported with the file, line and
field it came from. Scalars arrive as strings (see sheets.yamlio) and are typed here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable

from drafter.errors import InputError
from drafter.sheets.yamlio import Key, Located

# C0 controls other than tab and newline cannot be stored in a .docx (XML 1.0 forbids them).
# U+FDD0–U+FDEF are Unicode noncharacters: compose uses three of them to mark where text came from.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufdd0-\ufdef\ufffe\uffff]")


class FieldError(Exception):
    """A value does not fit its field; the caller adds where."""


class Context:
    """Collects errors while building objects from a Located document."""

    def __init__(self, located: Located):
        self.located = located
        self.errors: list[InputError] = []

    def error(self, key: Key, message: str, hint: str | None = None, *, at_key: bool = False) -> None:
        where = self.located.where(key)
        if at_key and key in self.located.key_spans:
            span = self.located.key_spans[key]
            where = dataclasses.replace(where, line=span.line, column=span.column)
        self.errors.append(InputError(message, where, hint))


Parser = Callable[[Any, Context, Key], Any]


WIDGETS = ("line", "list", "date", "choice", "text", "lines")


@dataclass(frozen=True)
class Field:
    """One field of an object: its parser, whether it is required, its default, and how a clerk
    meets it. This is the one place for a field's words: the form's label and hint, error
    messages, problem locations, the comments of generated YAML and the README all read them.

    widget: how a form edits it — line (one line), list (names separated by 、), date, choice
    (one of `choices`), text (paragraphs; a blank line starts a new one), lines (one entry a line).
    choices: (what the clerk sees, value written) for a choice.
    """

    parse: Parser
    label: str
    required: bool = False
    default: Any = None
    attr: str | None = None  # Python attribute name when it differs from the YAML key
    hint: str = ""
    widget: str = "line"
    placeholder: str = ""
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def described(self) -> str:
        """The label with its hint: "办理期限（不填则为交办后三个月，协办一个月）"."""
        return f"{self.label}（{self.hint}）" if self.hint else self.label


def same(*words: str) -> tuple[tuple[str, str], ...]:
    """Choices shown as they are written."""
    return tuple((w, w) for w in words)


# ---- scalar parsers -------------------------------------------------------------------

def text(value: Any, ctx: Context, key: Key) -> str:
    """Any scalar as a string; control characters are rejected."""
    if isinstance(value, (dict, list)):
        raise FieldError("应为一段文字，不是" + ("列表" if isinstance(value, list) else "一组字段"))
    value = "" if value is None else str(value)
    bad = _CONTROL.search(value)
    if bad:
        raise FieldError(f"含有 Word 无法保存的控制字符 U+{ord(bad.group()):04X}，请删除")
    return value


def line(value: Any, ctx: Context, key: Key) -> str:
    """A one-line string: surrounding white space trimmed, inner line breaks joined."""
    return " ".join(part.strip() for part in text(value, ctx, key).split("\n") if part.strip())


def paragraphs(value: Any, ctx: Context, key: Key) -> list[str]:
    """A paragraph or a list of paragraphs; blank lines inside one value also separate them."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for i, item in enumerate(items):
        sub = key + (i,) if isinstance(value, list) else key
        raw = text(item, ctx, sub)
        for block in re.split(r"\n\s*\n", raw):
            joined = "".join(part.strip() for part in block.split("\n"))
            if joined:
                out.append(joined)
    return out


YES_WORDS = frozenset({"true", "yes", "on", "是", "y", "1"})
NO_WORDS = frozenset({"false", "no", "off", "否", "n", "0"})


def yes_no(word: Any) -> bool | None:
    """True for 是/yes/true…, False for 否/no/false…, None for anything else."""
    word = str(word).strip().lower()
    return True if word in YES_WORDS else False if word in NO_WORDS else None


def boolean(value: Any, ctx: Context, key: Key) -> bool:
    """是/否 (or true/false, yes/no)."""
    answer = yes_no(line(value, ctx, key))
    if answer is None:
        raise FieldError(f"应为“是”或“否”，而不是“{value}”")
    return answer


_DATE_PATTERNS = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
]
_MONTH_PATTERNS = [
    re.compile(r"^(\d{4})-(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月$"),
    re.compile(r"^(\d{4})年?$"),
]


def parse_date_text(raw: str) -> dt.date:
    """'2024-06-18' or '2024年6月18日' (or / and . separators) -> date; FieldError otherwise."""
    for pattern in _DATE_PATTERNS:
        m = pattern.match(raw.strip())
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return dt.date(y, mo, d)
            except ValueError:
                raise FieldError(f"日期“{raw}”不存在（{y}年{mo}月没有{d}日）") from None
    raise FieldError(f"日期“{raw}”格式不对，应写成 2024-06-18 或 2024年6月18日")


def date_cn(d: dt.date | None) -> str:
    """2024年6月18日: Arabic numerals, no leading zeros (GB/T 9704 R4.9); the inverse of
    parse_date_text's Chinese form."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def date(value: Any, ctx: Context, key: Key) -> dt.date:
    return parse_date_text(line(value, ctx, key))


def month(value: Any, ctx: Context, key: Key) -> dt.date:
    """An as-of date: a day, a month ('2024-06', '2024年6月') or a year; kept as its first day."""
    raw = line(value, ctx, key)
    for pattern in _MONTH_PATTERNS:
        m = pattern.match(raw)
        if m:
            y = int(m.group(1))
            mo = int(m.group(2)) if m.lastindex and m.lastindex >= 2 else 1
            if not 1 <= mo <= 12:
                raise FieldError(f"月份“{mo}”不存在")
            return dt.date(y, mo, 1)
    return parse_date_text(raw)


def choice(*options: str, aliases: dict[str, str] | None = None) -> Parser:
    """One of the given words (aliases map other spellings to them)."""
    aliases = aliases or {}

    def parse(value: Any, ctx: Context, key: Key) -> str:
        word = line(value, ctx, key)
        word = aliases.get(word, word)
        if word not in options:
            raise FieldError(f"“{word}”不是可选值，应为：{'、'.join(options)}")
        return word

    return parse


def list_of(item: Parser, *, allow_single: bool = True) -> Parser:
    """A list of values; a single scalar counts as a one-item list when allow_single."""

    def parse(value: Any, ctx: Context, key: Key) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            if allow_single and not isinstance(value, dict):
                return [item(value, ctx, key)]
            raise FieldError("应为列表（每项一行，以“- ”开头）")
        out = []
        for i, entry in enumerate(value):
            parsed = _parse_field(item, entry, ctx, key + (i,))
            if parsed is not _FAILED:
                out.append(parsed)
        return out

    return parse


def obj(cls: type, fields: dict[str, Field], *, shorthand: str | None = None) -> Parser:
    """A mapping built into dataclass cls; `shorthand` names the field a bare scalar fills."""

    def parse(value: Any, ctx: Context, key: Key) -> Any:
        if shorthand and value is not None and not isinstance(value, (dict, list)):
            value = {shorthand: value}
        if not isinstance(value, dict):
            raise FieldError("应为一组字段（“名称: 值”，每行一个）")
        return build(cls, fields, value, ctx, key)

    return parse


def check_settings(value: Any, ctx: Context, key: Key) -> list[str]:
    """`check: {disable: [rule, …]}` (or the bare list) in a sheet or a profile."""
    rules = value.get("disable") if isinstance(value, dict) else value
    return list_of(line)(rules, ctx, key + ("disable",) if isinstance(value, dict) else key)


# ---- building objects -----------------------------------------------------------------

_FAILED = object()


def _parse_field(parser: Parser, value: Any, ctx: Context, key: Key) -> Any:
    try:
        return parser(value, ctx, key)
    except FieldError as exc:
        ctx.error(key, str(exc))
        return _FAILED


def build(cls: type, fields: dict[str, Field], data: dict, ctx: Context, key: Key = ()) -> Any:
    """Build cls from a mapping: unknown keys (with a did-you-mean), missing and bad values
    all go to ctx.errors; what could be built is returned so later checks can go on."""
    values: dict[str, Any] = {}
    for name in data:
        if name not in fields:
            close = difflib.get_close_matches(str(name), list(fields), n=1, cutoff=0.6)
            hint = f"是不是“{close[0]}”（{fields[close[0]].label}）？" if close else None
            known = "、".join(fields)
            ctx.error(key + (name,), f"未知字段“{name}”", hint or f"可用字段：{known}", at_key=True)
    for name, spec in fields.items():
        attr = spec.attr or name
        present = name in data and data[name] not in (None, "")
        if spec.required and (not present or data[name] == []):
            if name in data:
                ctx.error(key + (name,), f"不能为空（{spec.label}）")
            else:
                ctx.error(key, f"缺少必填字段“{name}”（{spec.label}）")
        if not present:
            values[attr] = spec.default() if callable(spec.default) else spec.default
            continue
        parsed = _parse_field(spec.parse, data[name], ctx, key + (name,))
        values[attr] = None if parsed is _FAILED else parsed
    obj_ = cls(**values)
    if hasattr(obj_, "present"):
        obj_.present = frozenset(data)
    return obj_
