"""Small reply workspaces written on the fly, for tests that must not depend on the examples."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

PROFILE = """\
name: 临沂市科学技术局
short_name: 市科技局
city: 临沂市
work: 科技工作
contact: {name: 李明, phone: 0539-8312345}
letterhead: 否
"""

SHEET = """\
kind: 政协提案
session: 市政协十五届三次会议
number: "069"
proposal_title: 关于加快科技成果转化的建议
proposers: [赵洁]
handling_type: A
wenhao: 临科函字〔2024〕4号
date: 2024-06-18
intro: 近年来，市科技局持续优化科技创新环境，汇集科技创新资源。
sections:
  - heading: 工作开展情况
    items:
      - lead: 完善企业梯度培育体系。
        text: 全市高新技术企业达到{{ facts.高新技术企业数 }}，科技型企业队伍逐渐壮大。
      - lead: 深化产学研协同创新。
        text: 组织产业服务团77支，服务企业500余家。
    sections:
      - heading: 成果转化
        paragraphs: 建设中试示范基地。
        sections:
          - heading: 基地布局
            sections:
              - heading: 第一批基地
                paragraphs: 首批基地已经投用。
  - heading: 下步工作思路
    paragraphs: 下一步，我们将继续加大工作力度。
disclosure: 主动公开
cc: [市政协提案委, 市政府督查室]
"""

FACTS = """\
figures:
  高新技术企业数: {value: "2104", unit: 家, as_of: 2024-06, source: 统计}
"""


def write_workspace(root: Path, *, sheet: str = SHEET, profile: str = PROFILE, facts: str = FACTS,
                    name: str = "reply.yaml") -> Path:
    """profile.yaml, facts.yaml and one sheet in root; returns the sheet's path."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "profile.yaml").write_text(dedent(profile), encoding="utf-8")
    (root / "facts.yaml").write_text(dedent(facts), encoding="utf-8")
    path = root / name
    path.write_text(dedent(sheet), encoding="utf-8")
    return path


def long_sheet(paragraphs: int = 40) -> str:
    """A sheet whose body runs to several pages (for page-count and keystroke benchmarks)."""
    body = "".join(f"    - 第{i}段：全市科技型中小企业持续壮大，研发投入稳步增长，创新平台建设成效明显，"
                   f"科技成果转化服务体系不断完善，产学研合作日益紧密，为高质量发展提供有力支撑。\n"
                   for i in range(1, paragraphs + 1))
    return SHEET.replace("    paragraphs: 下一步，我们将继续加大工作力度。\n",
                         "    paragraphs:\n" + body)
