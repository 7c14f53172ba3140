"""Every rule the checker knows: id, default severity and a one-line Chinese description.

Rule ids are ``family.name``. Switching a family off (``doubled-word``) switches off all its
rules; a single rule can be named too (``numbering.single``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


_RULES = [
    Rule("numbering.gap", "error", "序号跳号（一、二、四）或只有“二是”没有“一是”"),
    Rule("numbering.repeat", "error", "序号重复或倒退（（二）（二）、一是…一是）"),
    Rule("numbering.single", "warning", "只有一项的序号（只有“（一）”或只有“一是”）"),
    Rule("numbering.empty", "warning", "没有内容的要点或小节（一是/二是后面是空的）：答复里不会印出"),
    Rule("numbering.stray", "error", "列举中混入其他体系的序号（一是…二是…③、一方面…另一方面…第三）"),
    Rule("numbering.level", "error", "层次顺序颠倒（应为 一、→（一）→1.→（1））"),
    Rule("numbering.form", "error", "不规范的序号写法（“1、”应为“1.”，①②③不作层次序号）"),
    Rule("doubled-word.repeat", "warning", "词语重复（引育引育）"),
    Rule("doubled-word.guanyu", "warning", "“关于《关于…》”重复"),
    Rule("doubled-word.clause", "hint", "同一分句里同一动词用了两次（联合…联合出台）"),
    Rule("punctuation.halfwidth", "error", "中文里用了半角标点"),
    Rule("punctuation.unbalanced", "error", "引号、书名号、括号不成对"),
    Rule("punctuation.dunhao-digits", "warning", "阿拉伯数字之间用了顿号"),
    Rule("punctuation.final-stop", "warning", "段落末尾缺少句号"),
    Rule("punctuation.space", "warning", "中文之间多了空格"),
    Rule("punctuation.range", "warning", "数值范围用了连字符“-”"),
    Rule("formal.wenhao", "error", "文号格式（〔〕、四位年份、序号不编虚位、以“号”结尾）"),
    Rule("formal.date", "error", "日期格式（阿拉伯数字、不编虚位）、缺少成文日期、日期在将来或早于交办"),
    Rule("formal.salutation", "error", "称呼与类型不符（委员↔提案，代表↔建议）或缺少冒号"),
    Rule("formal.opening", "error", "开头语称“提案/建议”与类型不符"),
    Rule("formal.title", "warning", "开头语或标题里的提案/建议标题、编号与答复事实单不一致"),
    Rule("handling-type.unknown", "error", "办理类型不在本单位的方案里"),
    Rule("handling-type.fit", "warning", "正文与办理类型不符（A 类没写已办成的事，B 类没写计划，C/D 类没写原因）"),
    Rule("handling-type.timeframe", "hint", "B 类答复的计划没有写明时间"),
    Rule("facts.undefined", "error", "引用了事实库里没有的事实"),
    Rule("facts.stale", "warning", "引用的事实比答复年份早一年以上"),
    Rule("facts.literal", "hint", "直接写出的数字与事实库里的数值相同，建议改为引用"),
    Rule("facts.two-ways", "warning", "同一个数在一份答复里写法不同（1.2亿元/12000万元）"),
    Rule("de-di-de.phrase", "warning", "固定搭配里的“的/地/得”用错（一如既往的支持→一如既往地支持）"),
    Rule("wording.confusable", "warning", "易混词（拉进距离→拉近距离，截止目前→截至目前）"),
    Rule("deadline.overdue", "warning", "答复日期超过办理期限（事实单的 deadline，或交办后三个月、协办一个月）"),
    Rule("deadline.unanswered", "warning", "已过办理期限仍未填答复日期"),
    Rule("check.unknown-rule", "warning", "关闭或忽略的规则编号不存在"),
    Rule("input", "error", "答复事实单无法读取（格式、引用或模板错误）"),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}
FAMILIES: frozenset[str] = frozenset(r.family for r in _RULES)


def matches(selector: str, rule_id: str) -> bool:
    """`doubled-word` selects every doubled-word.* rule; `numbering.gap` selects only itself."""
    return rule_id == selector or rule_id.startswith(selector + ".")


def is_known(selector: str) -> bool:
    return selector in RULES or selector in FAMILIES


def suggest(selector: str) -> str | None:
    close = difflib.get_close_matches(selector, sorted(set(RULES) | FAMILIES), n=1, cutoff=0.6)
    return close[0] if close else None
