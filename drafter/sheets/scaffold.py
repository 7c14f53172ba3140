"""A new, commented reply sheet for a clerk to fill in."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

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
        and not any(ch in text for ch in "\n\t\"'\r\x85\u2028\u2029\ufeff")
        and not text.replace(".", "", 1).replace("-", "").isdigit()
        and not text.endswith(":")
    )
    return text if plain_ok else _quoted(text)


def _quoted(text: str) -> str:
    # JSON leaves these raw; YAML 1.1 would read the first three as line breaks
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted.translate({ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029\ufeff"})


def flow_scalar(value: str) -> str:
    """yaml_scalar for an item of a flow list or mapping (`[a, b]`), where , [ ] { } end a plain value."""
    text = yaml_scalar(value)
    if text == str(value) and any(ch in text for ch in ",[]{}"):
        return _quoted(str(value))
    return text


def _line(key: str, value: str, comment: str, placeholder: str) -> str:
    """`key: value   # comment` when there is a value; the commented-out placeholder otherwise
    (the editor uncomments it when the clerk fills the field in)."""
    if not value:
        return placeholder
    head = f"{key}: {value}"
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in head)
    return f"{head}{' ' * max(1, 35 - width)}# {comment}"


def new_sheet_text(kind: str = "政协提案", *, proposers: list[str] | None = None, number: str = "",
                   proposal_title: str = "", session: str = "", proposer_role: str | None = None,
                   handling: str = "主办", lead_unit: str = "", co_units: list[str] | None = None,
                   assigned_date: dt.date | None = None, deadline: dt.date | None = None) -> str:
    """The YAML text of a new sheet, with a comment on every field (`drafter new`, the TUI's new
    sheet dialog and `drafter intake`, which fills in what the 交办 list says)."""
    kind = KIND_ALIASES.get(kind, kind)
    role = "委员" if kind == "政协提案" else "代表"
    names = ", ".join(flow_scalar(p) for p in (proposers or []))
    role_line = _line("proposer_role", proposer_role or "", "提出人身份：委员 / 代表 / 党派团体 / 集体",
                      f"# proposer_role: {role}                # {role}（默认）/ 党派团体 / 集体")
    lead_line = _line("lead_unit", yaml_scalar(lead_unit) if lead_unit else "", "主办单位（协办时答复对象）",
                      "# lead_unit: 市民政局")
    co_line = _line("co_units", "[" + ", ".join(flow_scalar(u) for u in co_units) + "]" if co_units else "",
                    "协办单位", "")
    assigned_line = _line("assigned_date", assigned_date.isoformat() if assigned_date else "", "交办日期（用于期限提醒）",
                          "# assigned_date: 2024-03-20        # 交办日期（用于期限提醒）")
    deadline_line = _line("deadline", deadline.isoformat() if deadline else "", "办理期限（不填则为交办后三个月，协办一个月）",
                          "# deadline: 2024-06-20             # 办理期限（不填则为交办后三个月，协办一个月）")
    units = lead_line + ("\n" + co_line if co_line else "")
    return f"""# 答复事实单（{kind}）。以 # 开头的是说明，可以删除；不需要的字段可以整行删除。
kind: {kind}                       # 政协提案 或 人大建议
{_line("session", yaml_scalar(session) if session else "", "会议", 'session: ""                         # 会议，如 市政协十五届三次会议')}
{_line("number", yaml_scalar(number) if number else "", "提案/建议编号", 'number: ""                          # 提案/建议编号，如 "069"')}
{_line("proposal_title", yaml_scalar(proposal_title) if proposal_title else "", "提案/建议标题（书名号里的文字）",
       'proposal_title: ""                  # 提案/建议标题（书名号里的文字）')}
{_line("proposers", f"[{names}]" if names else "", "提出人；多人时：[张三, 李四, 王五]",
       "proposers: []                   # 提出人；多人时：[张三, 李四, 王五]")}
{role_line}
handling: {handling}                     # 主办 或 协办（协办时答复主办单位，并填 lead_unit）
{units}
handling_type: ""                  # 办理类型，如 A / B / C（含义见单位信息）
wenhao: ""                         # 文号，如 临科函字〔2024〕4号
date: ""                           # 答复日期，如 2024-06-18
{assigned_line}
{deadline_line}
# submitted: 2024-06-25            # 提交日期：答复正式送出后填写（台账里状态为“已提交”）

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
