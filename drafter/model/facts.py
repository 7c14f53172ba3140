"""The facts library (事实库): named figures and passages that replies cite by name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from drafter.model import fields as f


@dataclass
class Fact:
    """A figure (value + unit) or a passage (text); prints as what a reply should say."""

    name: str = ""
    value: str = ""
    unit: str = ""
    text: str = ""
    as_of: dt.date | None = None
    source: str = ""
    note: str = ""

    @property
    def is_passage(self) -> bool:
        return bool(self.text) and not self.value

    def __str__(self) -> str:
        return self.text if self.is_passage else f"{self.value}{self.unit}"


FIGURE_FIELDS = {
    "value": f.Field(f.line, "数值", required=True),
    "unit": f.Field(f.line, "单位", default="", hint="如 家、亿元、%"),
    "as_of": f.Field(f.month, "截至", hint="数据截至的月份；检查时提示过期数据", placeholder="如 2024-06"),
    "source": f.Field(f.line, "来源", default="", hint="如 2024年统计公报"),
    "note": f.Field(f.line, "备注", default=""),
}
PASSAGE_FIELDS = {
    "text": f.Field(lambda v, c, k: "".join(f.paragraphs(v, c, k)), "段落文字", required=True, widget="text"),
    "as_of": f.Field(f.month, "截至", hint="数据截至的月份；检查时提示过期数据", placeholder="如 2024-06"),
    "source": f.Field(f.line, "来源", default="", hint="如 2024年统计公报"),
    "note": f.Field(f.line, "备注", default=""),
}


@dataclass
class Facts:
    path: Path | None = None
    title: str = ""
    items: dict[str, Fact] = field(default_factory=dict)
    present: frozenset = frozenset()

    def __getitem__(self, name: str) -> Fact:
        return self.items[name]


def _named(fields_: dict[str, f.Field], shorthand: str):
    def parse(value, ctx, key):
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise f.FieldError("应为“名称: 内容”的一组条目")
        out = {}
        for name, body in value.items():
            name = str(name)
            if not name.isidentifier() or name.startswith("_"):
                ctx.error(key + (name,), f"名称“{name}”不能用作引用名：只能含汉字、字母、数字和下划线，且不以数字开头",
                          at_key=True)
                continue
            fact = f.obj(Fact, fields_, shorthand=shorthand)(body, ctx, key + (name,))
            fact.name = name
            out[name] = fact
        return out

    return parse


FACTS_FIELDS = {
    "title": f.Field(f.line, "事实库名称", default=""),
    "figures": f.Field(_named(FIGURE_FIELDS, "value"), "数据（数值、单位、截至日期、来源）", default=dict),
    "passages": f.Field(_named(PASSAGE_FIELDS, "text"), "常用段落", default=dict),
}


@dataclass
class _RawFacts:
    title: str = ""
    figures: dict = field(default_factory=dict)
    passages: dict = field(default_factory=dict)
    present: frozenset = frozenset()
