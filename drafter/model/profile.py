"""The organisation profile (单位信息): who signs, which fonts, which conventions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.model import fields as f
from drafter.model.forms import Form, forms
from drafter.model.handling_types import DEFAULT_SCHEME, SCHEMES, scheme_choices

KINDS = ("政协提案", "人大建议")
PLACEMENTS = (("文号上方", "header"), ("文号之后", "after_wenhao"), ("日期之后", "after_date"), ("不印", "none"))
KIND_ALIASES = {"提案": "政协提案", "建议": "人大建议", "政协": "政协提案", "人大": "人大建议"}


@dataclass
class Contact:
    name: str = ""
    phone: str = ""
    unit: str = ""


CONTACT_FIELDS = {
    "name": f.Field(f.line, "联系人"),
    "phone": f.Field(f.line, "联系电话"),
    "unit": f.Field(f.line, "联系单位", default="", hint="科室"),
}


@dataclass
class Fonts:
    """Font names per role; GB/T 9704 fixes the classes, the profile names the files."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    page_number: str = "宋体"


FONT_FIELDS = {
    "title": f.Field(f.line, "标题字体", default="方正小标宋简体", hint="小标宋"),
    "body": f.Field(f.line, "正文字体", default="仿宋_GB2312", hint="仿宋"),
    "heading1": f.Field(f.line, "一级标题字体", default="黑体", hint="黑体"),
    "heading2": f.Field(f.line, "二级标题字体", default="楷体_GB2312", hint="楷体"),
    "page_number": f.Field(f.line, "页码字体", default="宋体", hint="宋体"),
}


@dataclass
class HandlingTypes:
    """Which 办理类型 scheme is in force and where the mark is printed."""

    scheme: str = DEFAULT_SCHEME
    labels: dict[str, str] = field(default_factory=lambda: dict(SCHEMES[DEFAULT_SCHEME]))
    label: str = "办理类型"
    placement: str = "header"  # header | after_wenhao | after_date | none


def _labels(value, ctx, key):
    if not isinstance(value, dict) or not value:
        raise f.FieldError("应为“类型: 含义”的一组字段，如 A: 所提问题已经解决或者基本解决的")
    return {str(k): f.line(v, ctx, key + (k,)) for k, v in value.items()}


HANDLING_FIELDS = {
    "scheme": f.Field(f.choice(*SCHEMES, "custom"), "办理类型方案", default=DEFAULT_SCHEME, widget="choice",
                      choices=scheme_choices(), hint="各地 A/B/C/D 等类型的含义不同"),
    "labels": f.Field(_labels, "各类型的含义", hint="scheme: custom 时填写"),
    "label": f.Field(f.line, "办理类型名称", default="办理类型", hint="印在答复上，如“办理类型”"),
    "placement": f.Field(f.choice(*(v for _, v in PLACEMENTS)), "办理类型位置", default="header", widget="choice",
                         choices=PLACEMENTS),
}


def _handling_types(value, ctx, key):
    ht = f.obj(HandlingTypes, HANDLING_FIELDS, shorthand="scheme")(value, ctx, key)
    if ht.labels is None:
        if ht.scheme == "custom":
            raise f.FieldError("scheme 为 custom 时必须填写 labels")
        ht.labels = dict(SCHEMES[ht.scheme])
    return ht


def _per_kind(item):
    def parse(value, ctx, key):
        if not isinstance(value, dict):
            raise f.FieldError("应按答复类型分别填写：政协提案: …，人大建议: …")
        out = {}
        for k, v in value.items():
            kind = KIND_ALIASES.get(str(k), str(k))
            if kind not in KINDS:
                ctx.error(key + (k,), f"“{k}”不是答复类型，应为 政协提案 或 人大建议", at_key=True)
                continue
            out[kind] = item(v, ctx, key + (k,))
        return out

    return parse


@dataclass
class Profile:
    path: Path | None = None
    name: str = ""
    short_name: str = ""
    city: str = ""
    wenhao_prefix: str = ""
    signature: str = ""
    work: str = ""
    contact: Contact | None = None
    fonts: Fonts = field(default_factory=Fonts)
    letterhead: bool = False
    letterhead_text: str = ""
    handling_types: HandlingTypes = field(default_factory=HandlingTypes)
    disclosure: str | None = None
    cc: dict[str, list[str]] = field(default_factory=dict)
    closing: dict[str, list[str]] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    output_dir: str | None = None
    forms: dict[str, Form] = field(default_factory=dict)
    check_disable: list[str] = field(default_factory=list)
    present: frozenset = frozenset()


DISCLOSURES = ("主动公开", "依申请公开", "不予公开")

PROFILE_FIELDS = {
    "name": f.Field(f.line, "单位全称", required=True),
    "short_name": f.Field(f.line, "单位简称", default=""),
    "city": f.Field(f.line, "所在市县", default="", hint="用于“我市”"),
    "wenhao_prefix": f.Field(f.line, "文号前缀", default="", hint="机关代字"),
    "signature": f.Field(f.line, "默认署名", default="", hint="不填则用单位全称"),
    "work": f.Field(f.line, "工作领域", default="", hint="用于结束语，如“科技工作”"),
    "contact": f.Field(f.obj(Contact, CONTACT_FIELDS), "默认联系人"),
    "fonts": f.Field(f.obj(Fonts, FONT_FIELDS), "字体", default=Fonts),
    "letterhead": f.Field(f.boolean, "信函格式红头", default=False, widget="choice", choices=f.same("是", "否"),
                          hint="是：按信函格式印红头"),
    "letterhead_text": f.Field(f.line, "红头文字", default="", hint="不填则用单位全称"),
    "handling_types": f.Field(_handling_types, "办理类型方案", default=HandlingTypes),
    "disclosure": f.Field(f.choice(*DISCLOSURES), "默认公开属性", widget="choice", choices=f.same(*DISCLOSURES)),
    "cc": f.Field(_per_kind(f.list_of(f.line)), "默认抄送", default=dict, hint="按类型"),
    "closing": f.Field(_per_kind(f.paragraphs), "默认结束语", default=dict, hint="按类型"),
    "templates": f.Field(_per_kind(f.line), "模板文件", default=dict, hint="按类型"),
    "output_dir": f.Field(f.line, "输出文件夹", hint="相对路径；不填则放在答复事实单旁边"),
    "forms": f.Field(forms, "印法", default=dict, hint="办理类型、公开属性、联系人、署名等的本单位写法和位置"),
    "check": f.Field(f.check_settings, "校对设置", default=list, attr="check_disable", hint="disable: 关闭的规则"),
}


def finish(profile: Profile) -> Profile:
    """Fill fields whose defaults derive from other fields."""
    profile.signature = profile.signature or profile.name
    profile.letterhead_text = profile.letterhead_text or profile.name
    return profile
