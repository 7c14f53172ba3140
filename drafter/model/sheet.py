"""The reply sheet (答复事实单): one proposal, its metadata and the reply's content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from drafter.model import fields as f
from drafter.model.forms import Form, forms
from drafter.model.profile import CONTACT_FIELDS, DISCLOSURES, KIND_ALIASES, KINDS, PLACEMENTS, Contact

ROLES = ("委员", "代表", "党派团体", "集体")
ITEM_STYLES = ("一是", "一方面", "第一", "无")
MAX_LEVEL = 4
NONE_WORDS = ("无", "不印", "none")
HANDLING_ALIASES = {"会办": "协办", "分办": "主办"}
DISCLOSURE_ALIASES = {"公开": "主动公开"}


@dataclass
class Item:
    """一是…: a lead sentence and the text that follows it, one paragraph."""

    lead: str = ""
    text: str = ""
    present: frozenset = frozenset()


ITEM_FIELDS = {
    "lead": f.Field(f.line, "要点句", default="", hint="如“完善企业梯度培育体系。”", widget="text"),
    "text": f.Field(lambda v, c, k: "".join(f.paragraphs(v, c, k)), "展开文字", default="",
                    hint="单个换行会连成一段；可引用事实库数据", widget="text"),
}


@dataclass
class Section:
    """A numbered part of the body (一、 (一) 1. (1)), its paragraphs, items and subsections."""

    heading: str = ""
    numbered: bool = True
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    item_style: str = "一是"
    sections: list["Section"] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    present: frozenset = frozenset()


SECTION_FIELDS: dict[str, f.Field] = {
    "heading": f.Field(f.line, "小节标题", default="", hint="不含“一、”等序号"),
    "numbered": f.Field(f.boolean, "自动编号", default=True, widget="choice", choices=f.same("是", "否"),
                        hint="否：标题照原样印出，不加序号"),
    "paragraphs": f.Field(f.paragraphs, "段落", default=list, hint="要点之前的段落；空一行为新段落", widget="text"),
    "items": f.Field(f.list_of(f.obj(Item, ITEM_FIELDS, shorthand="text")), "要点", default=list,
                     hint="一是……二是……"),
    "item_style": f.Field(f.choice(*ITEM_STYLES), "要点样式", default="一是", widget="choice",
                          choices=f.same(*ITEM_STYLES), hint="一是 / 一方面 / 第一 / 无"),
    "after": f.Field(f.paragraphs, "要点之后的段落", default=list, hint="空一行为新段落", widget="text"),
}
SECTION_FIELDS["sections"] = f.Field(
    f.list_of(f.obj(Section, SECTION_FIELDS, shorthand="heading"), allow_single=False), "下一级小节", default=list)


@dataclass
class Sheet:
    path: Path | None = None
    profile: str | None = None
    facts: str | None = None
    template: str | None = None
    kind: str = "政协提案"
    session: str = ""
    number: str = ""
    proposal_title: str = ""
    proposers: list[str] = field(default_factory=list)
    proposer_role: str | None = None
    handling: str = "主办"
    lead_unit: str = ""
    co_units: list[str] = field(default_factory=list)
    handling_type: str = ""
    handling_type_placement: str | None = None
    header_lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    wenhao: str = ""
    signer: str = ""
    date: dt.date | None = None
    assigned_date: dt.date | None = None
    deadline: dt.date | None = None
    submitted: dt.date | None = None
    title: str = ""
    salutation: str = ""
    opening: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[str] | None = None
    signature: str = ""
    disclosure: str | None = None
    contact: Contact | None = None
    cc: list[str] | None = None
    forms: dict[str, Form] = field(default_factory=dict)
    check_disable: list[str] = field(default_factory=list)
    present: frozenset = frozenset()


def _number(value, ctx, key):
    raw = f.line(value, ctx, key)
    for mark in ("第", "号"):
        raw = raw.replace(mark, "")
    return raw


SHEET_FIELDS = {
    "profile": f.Field(f.line, "单位信息文件", hint="相对路径；不填则向上查找 profile.yaml"),
    "facts": f.Field(f.line, "事实库文件", hint="相对路径；不填则向上查找 facts.yaml"),
    "template": f.Field(f.line, "模板文件", hint="相对路径；不填则按单位信息或内置模板"),
    "kind": f.Field(f.choice(*KINDS, aliases=KIND_ALIASES), "类型", required=True, hint="政协提案 或 人大建议",
                    widget="choice", choices=f.same(*KINDS)),
    "session": f.Field(f.line, "会议", default="", placeholder="如：市政协十五届三次会议"),
    "number": f.Field(_number, "提案/建议编号", default="", placeholder="如：069"),
    "proposal_title": f.Field(f.line, "提案/建议标题", required=True,
                              placeholder="书名号里的文字，如：关于……的建议"),
    "proposers": f.Field(f.list_of(f.line), "提出人", required=True, hint="多人用“、”分隔", widget="list",
                         placeholder="如：赵洁、王亮"),
    "proposer_role": f.Field(f.choice(*ROLES), "提出人身份", hint="委员/代表/党派团体/集体；不填则按类型",
                             widget="choice", choices=f.same(*ROLES)),
    "handling": f.Field(f.choice("主办", "协办", aliases=HANDLING_ALIASES), "主办/协办", default="主办",
                        widget="choice", choices=f.same("主办", "协办"), hint="协办时答复主办单位（lead_unit）"),
    "lead_unit": f.Field(f.line, "主办单位", default="", hint="协办件填写：答复对象", placeholder="如：市发展改革委"),
    "co_units": f.Field(f.list_of(f.line), "协办单位", default=list, hint="多个用“、”分隔", widget="list"),
    "handling_type": f.Field(f.line, "办理类型", default="", hint="如 A，含义按单位信息的办理类型方案",
                             widget="choice"),
    "handling_type_placement": f.Field(f.choice(*(v for _, v in PLACEMENTS)), "办理类型位置",
                                       hint="不填则按单位信息", widget="choice", choices=PLACEMENTS),
    "header_lines": f.Field(f.list_of(f.line), "版头行", default=list, hint="文号上方，每行一条，如“是否同意公开：是”",
                            widget="lines"),
    "notes": f.Field(f.list_of(f.line), "附注行", default=list, hint="日期之后原样印出，每行一条", widget="lines"),
    "wenhao": f.Field(f.line, "文号", default="", placeholder="如：临科函字〔2024〕4号"),
    "signer": f.Field(f.line, "签发人", default=""),
    "date": f.Field(f.date, "答复日期", widget="date", placeholder="如：2024-06-18 或 2024年6月18日"),
    "assigned_date": f.Field(f.date, "交办日期", widget="date", placeholder="如：2024-03-20"),
    "deadline": f.Field(f.date, "办理期限", hint="不填则为交办后三个月（协办一个月）", widget="date",
                        placeholder="如：2024-06-20"),
    "submitted": f.Field(f.date, "提交日期", hint="答复正式送出后填写；台账状态即为“已提交”", widget="date",
                         placeholder="如：2024-06-25"),
    "title": f.Field(f.line, "答复标题", default="", hint="不填则自动生成；填“无”则不印"),
    "salutation": f.Field(f.line, "称呼", default="", hint="不填则自动生成，如“赵洁委员：”；填“无”则不印"),
    "opening": f.Field(f.paragraphs, "开头语", default=list, hint="不填则用模板的开头语", widget="text"),
    "intro": f.Field(f.paragraphs, "引言", default=list, hint="空一行为新段落；单个换行会连成一段", widget="text"),
    "sections": f.Field(f.list_of(f.obj(Section, SECTION_FIELDS, shorthand="heading"), allow_single=False),
                        "正文", default=list, hint="自动编号 一、（一）1.（1）"),
    "closing": f.Field(f.paragraphs, "结束语", hint="不填则用单位信息里的结束语", widget="text"),
    "signature": f.Field(f.line, "署名", default="", hint="不填则用单位名称；填“无”则不印"),
    "disclosure": f.Field(f.choice(*DISCLOSURES, "无", aliases=DISCLOSURE_ALIASES), "公开属性",
                          hint="不填则按单位信息", widget="choice", choices=f.same(*DISCLOSURES, "无")),
    "contact": f.Field(lambda v, c, k: None if v in NONE_WORDS else f.obj(Contact, CONTACT_FIELDS)(v, c, k),
                       "联系人", hint="不填则用单位信息里的联系人；填“无”则不印"),
    "cc": f.Field(f.list_of(f.line), "抄送", hint="多个用“、”分隔；不填则按单位信息", widget="list"),
    "forms": f.Field(forms, "印法", default=dict,
                     hint="办理类型、公开属性、联系人、署名等与模板不同的写法和位置"),
    "check": f.Field(f.check_settings, "校对设置", default=list, attr="check_disable", hint="disable: 关闭的规则"),
}
