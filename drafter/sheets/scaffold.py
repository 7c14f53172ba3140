"""A new, commented reply sheet for a clerk to fill in."""

from __future__ import annotations

import json

from drafter.model.profile import KIND_ALIASES


def yaml_scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly this string (quoted when it must be)."""
    text = str(value)
    plain_ok = (
        text
        and text.strip() == text
        and not text[0] in "!&*-?:,[]{}#|>@`'\"%"
        and ": " not in text and " #" not in text
        and text.lower() not in {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"}
        and not any(ch in text for ch in "\n\t\"'")
        and not text.replace(".", "", 1).replace("-", "").isdigit()
        and not text.endswith(":")
    )
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def new_sheet_text(kind: str = "政协提案", *, proposers: list[str] | None = None, number: str = "",
                   proposal_title: str = "", session: str = "") -> str:
    """The YAML text of a new sheet, with a comment on every field."""
    kind = KIND_ALIASES.get(kind, kind)
    role = "委员" if kind == "政协提案" else "代表"
    names = ", ".join(yaml_scalar(p) for p in (proposers or []))
    return f"""# 答复事实单（{kind}）。以 # 开头的是说明，可以删除；不需要的字段可以整行删除。
kind: {kind}                       # 政协提案 或 人大建议
session: {yaml_scalar(session) if session else '""'}                         # 会议，如 市政协十五届三次会议
number: {yaml_scalar(number) if number else '""'}                          # 提案/建议编号，如 "069"
proposal_title: {yaml_scalar(proposal_title) if proposal_title else '""'}                  # 提案/建议标题（书名号里的文字）
proposers: [{names}]                   # 提出人；多人时：[张三, 李四, 王五]
# proposer_role: {role}                # {role}（默认）/ 党派团体 / 集体
handling: 主办                     # 主办 或 协办（协办时答复主办单位，并填 lead_unit）
# lead_unit: 市民政局
handling_type: ""                  # 办理类型，如 A / B / C（含义见单位信息）
wenhao: ""                         # 文号，如 临科函字〔2024〕4号
date: ""                           # 答复日期，如 2024-06-18
# assigned_date: 2024-03-20        # 交办日期（用于期限提醒）

intro: ""                          # 开头语之后的引言段落（可删）

sections:                          # 正文各部分：自动编号 一、（一）1.（1）
  - heading: 工作开展情况
    items:                         # 一是……二是……
      - lead: ""                   # 要点句，如“完善企业梯度培育体系。”
        text: ""                   # 展开文字；数据可写成 {{{{ facts.名称 }}}} 引用事实库
  - heading: 下一步工作打算
    items:
      - lead: ""
        text: ""

# closing: 再次感谢您对我市科技工作的关心和支持！   # 不填则用单位信息里的结束语
# disclosure: 主动公开             # 主动公开 / 依申请公开 / 不予公开 / 无
# contact: {{name: 李明, phone: 0539-8312345}}      # 不填则用单位信息里的联系人；填“无”则不印
# cc: [市政协提案委, 市政府督查室]  # 抄送
"""
