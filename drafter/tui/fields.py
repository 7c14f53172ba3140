"""Which rows each form shows (their words come from the model's schema), and how a widget's text
maps back to YAML data.

Pure data and conversions (no Textual), so they are unit-tested on their own. Unchanged
display text always maps back to the exact original value: opening a sheet and looking at it
never changes the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from drafter.model import fields as mf
from drafter.model.handling_types import DEFAULT_SCHEME, SCHEMES
from drafter.model.schema import field_at

Key = tuple

# kind (the schema field's widget): how a value is shown and edited
#   line   one-line Input            list   Input, names separated by 、
#   date   Input checked as a date   choice Select (blank = the default, removes the key)
#   text   TextArea (blank line = new paragraph)     lines  TextArea, one entry per line


@dataclass(frozen=True)
class Spec:
    """One form row. Its words and kind come from the model's schema (see `spec`); only how it
    looks on screen (height, the blank choice's prompt) is decided here."""

    key: Key
    label: str
    kind: str = "line"
    choices: tuple[tuple[str, str], ...] = ()  # (what the clerk sees, value written)
    hint: str = ""
    placeholder: str = ""
    blank: str = "（默认）"  # the Select prompt, meaning "not set"
    height: int = 4
    default: str | None = None  # a choice's default: shown as the blank prompt, not offered twice

    @property
    def id(self) -> str:
        return "f-" + "-".join(re.sub(r"[^A-Za-z0-9_]", lambda m: f"_{ord(m.group()):x}", str(p)) for p in self.key)


def spec(key: Key, *, form: str = "sheet", at: Key = (), blank: str | None = None, height: int = 4,
         choices: tuple[tuple[str, str], ...] | None = None) -> Spec:
    """The form row for the schema field at `at + key` (the row's key is `key`, relative to the form's
    base). A choice with a default shows it once, as the blank prompt "是（默认）", and does not offer it
    again; `blank` names what an empty choice means when there is no default."""
    field = field_at(at + key, form)
    if field is None:
        raise KeyError(f"no schema field at {at + key}")
    options = field.choices if choices is None else choices
    default = _default_word(field.default)
    if field.widget == "choice" and default is not None and any(v == default for _, v in options):
        shown = next(label for label, v in options if v == default)
        options = tuple(o for o in options if o[1] != default)
        blank = f"{shown}（默认）"
    return Spec(key, field.label, field.widget, options, field.hint, field.placeholder,
                blank if blank is not None else "（默认）", height, default)


def _default_word(default: Any) -> str | None:
    if isinstance(default, bool):
        return "是" if default else "否"
    return default if isinstance(default, str) and default else None


_SEP = re.compile(r"[、,，;；\n]+")


def to_display(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "list":
        return "、".join(str(v) for v in value if v is not None) if isinstance(value, list) else str(value)
    if kind == "text":
        if isinstance(value, list):
            return "\n\n".join(str(v).rstrip("\n") for v in value if v is not None)
        return str(value).rstrip("\n") if not isinstance(value, dict) else ""
    if kind == "lines":
        return "\n".join(str(v) for v in value if v is not None) if isinstance(value, list) else str(value)
    if isinstance(value, (list, dict)):
        return ""
    return str(value)


def from_display(text: str, kind: str, original: Any) -> Any:
    """The YAML value for what the clerk typed (the original itself when nothing changed)."""
    if text == to_display(original, kind):
        return original
    if kind == "list":
        names = [n.strip() for n in _SEP.split(text) if n.strip()]
        if isinstance(original, str) and len(names) == 1:
            return names[0]
        return names
    if kind == "lines":
        return [n.strip() for n in text.split("\n") if n.strip()]
    if kind == "text":
        if isinstance(original, list):
            parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
            return parts
        body = text.strip("\n")
        if "\n" in body:
            return body + "\n"  # keeps the `|` block style in the file
        return body
    return text.strip()


_JOINERS = {"text": "\n\n", "lines": "\n", "list": "、"}


def display_offset(kind: str, value: Any, rest: Key, offset: int | None) -> int | None:
    """Where character `offset` of the value at row key + rest is in the row's displayed text
    (to_display), or None when it cannot be told (then the cursor stays where it is)."""
    if offset is None:
        return None
    if not rest:
        return offset if isinstance(value, str) else None
    if isinstance(value, list) and len(rest) == 1 and isinstance(rest[0], int) and kind in _JOINERS:
        shown = [to_display(v, kind if kind != "list" else "line") for v in value if v is not None]
        if rest[0] >= len(shown):
            return None
        joiner = _JOINERS[kind]
        return sum(len(t) + len(joiner) for t in shown[: rest[0]]) + offset
    return None


def check_value(spec: Spec, text: str) -> str | None:
    """An immediate check of one field, before the whole sheet is composed (a date that does not exist)."""
    if spec.kind == "date" and text.strip():
        try:
            mf.parse_date_text(text.strip())
        except mf.FieldError as exc:
            return str(exc)
    return None


def handling_choices(profile) -> tuple[tuple[str, str], ...]:
    """办理类型 letters with their meaning under the profile's scheme."""
    labels = dict(SCHEMES[DEFAULT_SCHEME])
    if profile is not None:
        labels = dict(profile.handling_types.labels)
    return tuple((f"{k}　{v}", k) for k, v in labels.items())


BASIC = [
    spec(("kind",), blank="请选择"),
    spec(("session",)),
    spec(("number",)),
    spec(("proposal_title",)),
    spec(("proposers",)),
    spec(("proposer_role",), blank="（按类型：委员/代表）"),
    spec(("handling",)),
    spec(("lead_unit",)),
    spec(("co_units",)),
    spec(("handling_type",), blank="（不标注）"),
    spec(("wenhao",)),
    spec(("date",)),
    spec(("assigned_date",)),
    spec(("deadline",)),
    spec(("submitted",)),
    spec(("signer",)),
]

OPENING = [
    spec(("title",)),
    spec(("salutation",)),
    spec(("opening",), height=4),
    spec(("intro",), height=5),
    spec(("closing",), height=4),
    spec(("signature",)),
]

OTHER = [
    spec(("disclosure",), blank="（按单位信息）"),
    spec(("contact", "name")),
    spec(("contact", "phone")),
    spec(("cc",)),
    spec(("notes",), height=3),
    spec(("header_lines",), height=3),
    spec(("handling_type_placement",), blank="（按单位信息）"),
    spec(("template",)),
    spec(("profile",)),
    spec(("facts",)),
]


def section_specs(key: Key) -> list[Spec]:
    return [
        spec(key + ("heading",)),
        spec(key + ("numbered",)),
        spec(key + ("item_style",)),
        spec(key + ("paragraphs",), height=4),
        spec(key + ("after",), height=3),
    ]


def item_specs(key: Key) -> list[Spec]:
    return [spec(key + ("lead",), height=3), spec(key + ("text",), height=10)]


PROFILE = [
    spec(("name",), form="profile"),
    spec(("short_name",), form="profile"),
    spec(("city",), form="profile"),
    spec(("wenhao_prefix",), form="profile"),
    spec(("signature",), form="profile"),
    spec(("work",), form="profile"),
    spec(("contact", "name"), form="profile"),
    spec(("contact", "phone"), form="profile"),
    spec(("letterhead",), form="profile"),
    spec(("letterhead_text",), form="profile"),
    spec(("handling_types", "scheme"), form="profile"),
    spec(("handling_types", "label"), form="profile"),
    spec(("handling_types", "placement"), form="profile"),
    spec(("disclosure",), form="profile", blank="（不印）"),
    spec(("output_dir",), form="profile"),
    spec(("fonts", "title"), form="profile"),
    spec(("fonts", "body"), form="profile"),
    spec(("fonts", "heading1"), form="profile"),
    spec(("fonts", "heading2"), form="profile"),
]

# a fact's rows, relative to the fact (the facts form puts ("figures", name) in front)
FACT = [spec((name,), form="facts", at=("figures", "_")) for name in ("value", "unit", "as_of", "source", "note")]
PASSAGE = [spec(("text",), form="facts", at=("passages", "_"), height=6)] + \
    [spec((name,), form="facts", at=("passages", "_")) for name in ("as_of", "source", "note")]
