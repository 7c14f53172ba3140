"""Shared setup for the `drafter check` specifications (no tests here).

``letter(...)`` builds a complete, clean reply text around the paragraphs a test is about, so
each rule is seen in context; ``sheet(tmp_path, ...)`` writes a small workspace (profile,
facts, one sheet) and returns the sheet's path; ``check_sheet`` loads and proofreads it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafter.checker import check_reply, check_text
from drafter.sheets.load import Loader

TODAY = dt.date(2024, 7, 1)

PROFILE = """\
name: 测试市科学技术局
short_name: 市科技局
city: 测试市
work: 科技工作
"""

FACTS = """\
title: 测试事实库
figures:
  高企数:
    value: "2104"
    unit: 家
    as_of: 2024-06
  贷款额:
    value: "3.5"
    unit: 亿元
    as_of: 2024-06
  旧目标:
    value: "1500"
    unit: 家
    as_of: 2021-06
passages:
  总述:
    text: 市科技局深入实施创新驱动发展战略，不断推动产业转型升级。
    as_of: 2024-06
"""

SHEET_HEAD = """\
kind: 政协提案
session: 市政协十五届三次会议
number: "12"
proposal_title: 关于加强科技创新的建议
proposers: [张三]
wenhao: 测科函〔2024〕5号
date: 2024-06-18
"""

CLEAN_BODY = """\
sections:
  - heading: 工作开展情况
    items:
      - lead: 完善企业培育体系。
        text: 今年全市高新技术企业达到{{ facts.高企数 }}，科技型企业队伍逐渐壮大。
      - lead: 深化产学研合作。
        text: 组织高校院所与企业对接，签订合作项目120项。
  - heading: 下一步打算
    items:
      - lead: 强化企业培育。
        text: 年内继续实施梯次培育行动，壮大科技型企业队伍。
      - lead: 优化创新环境。
        text: 用好科技成果转化贷款政策，为企业发放贷款{{ facts.贷款额 }}以上。
"""


def letter(*body: str, kind: str = "政协提案", salutation: str | None = None, opening: str | None = None,
           wenhao: str = "测科函〔2024〕5号", date: str = "2024年6月18日", header: tuple[str, ...] = ()) -> list[str]:
    """A reply text: header, 文号, title, salutation, opening, body, closing, signature, date."""
    word, role = ("提案", "委员") if kind == "政协提案" else ("建议", "代表")
    return [
        *header,
        wenhao,
        f"测试市科学技术局关于市第十五届三次会议第12号{word}的答复",
        salutation if salutation is not None else f"张三{role}：",
        opening if opening is not None else f"您提出的《关于加强科技创新的建议》的{word}收悉，现答复如下：",
        *body,
        "感谢您对我市科技工作的关心和支持！",
        "测试市科学技术局",
        date,
    ]


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


def check_letter(*body: str, **kw) -> list:
    """check_text on letter(*body); keyword arguments go to letter() or to check_text()."""
    text_kw = {k: kw.pop(k) for k in list(kw) if k in ("handling_type", "scheme", "ascii_punctuation", "disable")}
    return check_text(letter(*body, **kw), today=TODAY, **text_kw)


def sheet(tmp_path: Path, body: str = CLEAN_BODY, *, head: str = SHEET_HEAD, facts: str = FACTS,
          profile: str = PROFILE, name: str = "sheet.yaml") -> Path:
    (tmp_path / "profile.yaml").write_text(profile, encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(facts, encoding="utf-8")
    path = tmp_path / name
    path.write_text(head + body, encoding="utf-8")
    return path


def check_sheet(path: Path, today: dt.date = TODAY) -> list:
    return check_reply(Loader().load(path), today=today)


def line_of(path: Path, needle: str) -> int:
    """1-based line number of the first line containing needle."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def column_of(path: Path, needle: str) -> int:
    line = path.read_text(encoding="utf-8").splitlines()[line_of(path, needle) - 1]
    return line.index(needle) + 1
