"""The reply sheet (答复事实单): one proposal, its metadata and the reply's content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from drafter.model import fields as f
from drafter.model.forms import Form, forms
from drafter.model.profile import CONTACT_FIELDS, DISCLOSURES, KIND_ALIASES, KINDS, Contact

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
    "lead": f.Field(f.line, "要点句（如“完善企业梯度培育体系。”）", default=""),
    "text": f.Field(lambda v, c, k: "".join(f.paragraphs(v, c, k)), "展开文字", default=""),
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
    "heading": f.Field(f.line, "标题（不含“一、”等序号）", default=""),
    "numbered": f.Field(f.boolean, "是否自动加序号", default=True),
    "paragraphs": f.Field(f.paragraphs, "段落", default=list),
    "items": f.Field(f.list_of(f.obj(Item, ITEM_FIELDS, shorthand="text")), "一是/二是要点", default=list),
    "item_style": f.Field(f.choice(*ITEM_STYLES), "要点序号样式", default="一是"),
    "after": f.Field(f.paragraphs, "要点之后的段落", default=list),
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
    "profile": f.Field(f.line, "单位信息文件（相对路径）"),
    "facts": f.Field(f.line, "事实库文件（相对路径）"),
    "template": f.Field(f.line, "模板文件（相对路径）"),
    "kind": f.Field(f.choice(*KINDS, aliases=KIND_ALIASES), "类型（政协提案 或 人大建议）", required=True),
    "session": f.Field(f.line, "会议（如 市政协十四届一次会议）", default=""),
    "number": f.Field(_number, "提案/建议编号", default=""),
    "proposal_title": f.Field(f.line, "提案/建议标题", required=True),
    "proposers": f.Field(f.list_of(f.line), "提出人", required=True),
    "proposer_role": f.Field(f.choice(*ROLES), "提出人身份（委员/代表/党派团体/集体）"),
    "handling": f.Field(f.choice("主办", "协办", aliases=HANDLING_ALIASES), "主办或协办", default="主办"),
    "lead_unit": f.Field(f.line, "主办单位（协办时答复对象）", default=""),
    "co_units": f.Field(f.list_of(f.line), "协办单位", default=list),
    "handling_type": f.Field(f.line, "办理类型（如 A）", default=""),
    "handling_type_placement": f.Field(f.choice("header", "after_wenhao", "after_date", "none"),
                                       "办理类型标注位置（不填则按单位信息）"),
    "header_lines": f.Field(f.list_of(f.line), "文号上方的其他版头行（如 是否同意公开：是）", default=list),
    "notes": f.Field(f.list_of(f.line), "日期之后的其他附注行（原样印出）", default=list),
    "wenhao": f.Field(f.line, "文号（如 临科函字〔2024〕4号）", default=""),
    "signer": f.Field(f.line, "签发人", default=""),
    "date": f.Field(f.date, "答复日期"),
    "assigned_date": f.Field(f.date, "交办日期"),
    "deadline": f.Field(f.date, "办理期限（不填则为交办后三个月，协办一个月）"),
    "submitted": f.Field(f.date, "提交日期（答复已正式送出的日期；填写后台账状态为“已提交”）"),
    "title": f.Field(f.line, "答复标题（不填则自动生成，填“无”则不印）", default=""),
    "salutation": f.Field(f.line, "称呼（不填则自动生成，填“无”则不印）", default=""),
    "opening": f.Field(f.paragraphs, "开头语（不填则用模板的）", default=list),
    "intro": f.Field(f.paragraphs, "引言段落", default=list),
    "sections": f.Field(f.list_of(f.obj(Section, SECTION_FIELDS, shorthand="heading"), allow_single=False),
                        "正文各部分", default=list),
    "closing": f.Field(f.paragraphs, "结束语（不填则用单位默认的）"),
    "signature": f.Field(f.line, "署名（不填则用单位信息，填“无”则不印）", default=""),
    "disclosure": f.Field(f.choice(*DISCLOSURES, "无", aliases=DISCLOSURE_ALIASES), "公开属性"),
    "contact": f.Field(lambda v, c, k: None if v in NONE_WORDS else f.obj(Contact, CONTACT_FIELDS)(v, c, k),
                       "联系人（填“无”则不印）"),
    "cc": f.Field(f.list_of(f.line), "抄送单位"),
    "forms": f.Field(forms, "印法：办理类型、公开属性、联系人、署名等与模板不同的写法和位置", default=dict),
    "check": f.Field(f.check_settings, "校对设置（disable: 关闭的规则）", default=list, attr="check_disable"),
}
