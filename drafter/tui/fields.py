"""What the form shows for each sheet field, and how a widget's text maps back to YAML data.

Pure data and conversions (no Textual), so they are unit-tested on their own. Unchanged
display text always maps back to the exact original value: opening a sheet and looking at it
never changes the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from drafter.model import fields as mf
from drafter.model.handling_types import SCHEMES
from drafter.model.profile import DISCLOSURES, KINDS
from drafter.model.sheet import ITEM_STYLES, ROLES

Key = tuple

# kind: how a value is shown and edited
#   line   one-line Input            list   Input, names separated by 、
#   date   Input checked as a date   choice Select (blank = the default, removes the key)
#   text   TextArea (blank line = new paragraph)     lines  TextArea, one entry per line


@dataclass(frozen=True)
class Spec:
    key: Key
    label: str
    kind: str = "line"
    choices: tuple[tuple[str, str], ...] = ()  # (what the clerk sees, value written)
    hint: str = ""
    placeholder: str = ""
    blank: str = "（默认）"  # the Select prompt, meaning "not set"
    height: int = 4

    @property
    def id(self) -> str:
        return "f-" + "-".join(re.sub(r"[^A-Za-z0-9_]", lambda m: f"_{ord(m.group()):x}", str(p)) for p in self.key)


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
    labels = dict(SCHEMES["national-abcd"])
    if profile is not None:
        labels = dict(profile.handling_types.labels)
    return tuple((f"{k}　{v}", k) for k, v in labels.items())


YESNO = (("是", "是"), ("否", "否"))

BASIC = [
    Spec(("kind",), "类型", "choice", tuple((k, k) for k in KINDS), blank="请选择"),
    Spec(("session",), "会议", placeholder="如：市政协十五届三次会议"),
    Spec(("number",), "编号", placeholder="如：069"),
    Spec(("proposal_title",), "提案/建议标题", placeholder="书名号里的文字，如：关于……的建议"),
    Spec(("proposers",), "提出人", "list", hint="多人用“、”分隔", placeholder="如：赵洁、王亮"),
    Spec(("proposer_role",), "提出人身份", "choice", tuple((r, r) for r in ROLES), blank="（按类型：委员/代表）"),
    Spec(("handling",), "主办/协办", "choice", (("主办", "主办"), ("协办", "协办")), blank="主办（默认）"),
    Spec(("lead_unit",), "主办单位", hint="协办件填写：答复对象", placeholder="如：市发展改革委"),
    Spec(("co_units",), "协办单位", "list", hint="多个用“、”分隔"),
    Spec(("handling_type",), "办理类型", "choice", (), blank="（不标注）"),
    Spec(("wenhao",), "文号", placeholder="如：临科函字〔2024〕4号"),
    Spec(("date",), "答复日期", "date", placeholder="如：2024-06-18 或 2024年6月18日"),
    Spec(("assigned_date",), "交办日期", "date", placeholder="如：2024-03-20"),
    Spec(("deadline",), "办理期限", "date", hint="不填则为交办后三个月（协办一个月）", placeholder="如：2024-06-20"),
    Spec(("submitted",), "提交日期", "date", hint="答复正式送出后填写；台账状态即为“已提交”", placeholder="如：2024-06-25"),
    Spec(("signer",), "签发人"),
]

OPENING = [
    Spec(("title",), "答复标题", hint="不填则自动生成；填“无”则不印"),
    Spec(("salutation",), "称呼", hint="不填则自动生成，如“赵洁委员：”；填“无”则不印"),
    Spec(("opening",), "开头语", "text", hint="不填则用模板的开头语", height=4),
    Spec(("intro",), "引言", "text", hint="空一行为新段落；单个换行会连成一段", height=5),
    Spec(("closing",), "结束语", "text", hint="不填则用单位信息里的结束语", height=4),
    Spec(("signature",), "署名", hint="不填则用单位名称；填“无”则不印"),
]

OTHER = [
    Spec(("disclosure",), "公开属性", "choice", tuple((d, d) for d in (*DISCLOSURES, "无")), blank="（按单位信息）"),
    Spec(("contact", "name"), "联系人", hint="不填则用单位信息里的联系人"),
    Spec(("contact", "phone"), "联系电话"),
    Spec(("cc",), "抄送", "list", hint="多个用“、”分隔；不填则按单位信息"),
    Spec(("notes",), "附注行", "lines", hint="日期之后原样印出，每行一条", height=3),
    Spec(("header_lines",), "版头行", "lines", hint="文号上方，每行一条，如“是否同意公开：是”", height=3),
    Spec(("handling_type_placement",), "办理类型位置", "choice",
         (("文号上方", "header"), ("文号之后", "after_wenhao"), ("日期之后", "after_date"), ("不印", "none")),
         blank="（按单位信息）"),
    Spec(("template",), "模板文件", hint="相对路径；不填则按单位信息或内置模板"),
    Spec(("profile",), "单位信息文件", hint="相对路径；不填则向上查找 profile.yaml"),
    Spec(("facts",), "事实库文件", hint="相对路径；不填则向上查找 facts.yaml"),
]


def section_specs(key: Key) -> list[Spec]:
    return [
        Spec(key + ("heading",), "小节标题", hint="不含“一、”等序号"),
        Spec(key + ("numbered",), "自动编号", "choice", YESNO, blank="是（默认）"),
        Spec(key + ("item_style",), "要点样式", "choice", tuple((s, s) for s in ITEM_STYLES), blank="一是（默认）"),
        Spec(key + ("paragraphs",), "段落", "text", hint="要点之前的段落；空一行为新段落", height=4),
        Spec(key + ("after",), "要点之后的段落", "text", height=3),
    ]


def item_specs(key: Key) -> list[Spec]:
    return [
        Spec(key + ("lead",), "要点句", "text", hint="如“完善企业梯度培育体系。”", height=3),
        Spec(key + ("text",), "展开文字", "text", hint="F2 插入事实库数据；单个换行会连成一段", height=10),
    ]


PROFILE = [
    Spec(("name",), "单位全称"),
    Spec(("short_name",), "单位简称"),
    Spec(("city",), "所在市县", hint="用于“我市”"),
    Spec(("wenhao_prefix",), "文号前缀"),
    Spec(("signature",), "默认署名", hint="不填则用单位全称"),
    Spec(("work",), "工作领域", hint="用于结束语，如“科技工作”"),
    Spec(("contact", "name"), "默认联系人"),
    Spec(("contact", "phone"), "联系电话"),
    Spec(("letterhead",), "信函格式红头", "choice", YESNO, blank="否（默认）"),
    Spec(("letterhead_text",), "红头文字", hint="不填则用单位全称"),
    Spec(("handling_types", "scheme"), "办理类型方案", "choice",
         tuple((f"{k}（{'、'.join(v)}）", k) for k, v in SCHEMES.items()), blank="national-abcd（默认）"),
    Spec(("handling_types", "label"), "办理类型名称", hint="印在答复上，如“办理类型”"),
    Spec(("handling_types", "placement"), "办理类型位置", "choice",
         (("文号上方", "header"), ("文号之后", "after_wenhao"), ("日期之后", "after_date"), ("不印", "none")),
         blank="文号上方（默认）"),
    Spec(("disclosure",), "默认公开属性", "choice", tuple((d, d) for d in DISCLOSURES), blank="（不印）"),
    Spec(("output_dir",), "输出文件夹", hint="相对路径；不填则放在答复事实单旁边"),
    Spec(("fonts", "title"), "标题字体"),
    Spec(("fonts", "body"), "正文字体"),
    Spec(("fonts", "heading1"), "一级标题字体"),
    Spec(("fonts", "heading2"), "二级标题字体"),
]

FACT = [
    Spec(("value",), "数值"),
    Spec(("unit",), "单位", hint="如 家、亿元、%"),
    Spec(("as_of",), "截至", placeholder="如 2024-06"),
    Spec(("source",), "来源"),
    Spec(("note",), "备注"),
]
PASSAGE = [
    Spec(("text",), "段落文字", "text", height=6),
    Spec(("as_of",), "截至", placeholder="如 2024-06"),
    Spec(("source",), "来源"),
    Spec(("note",), "备注"),
]
