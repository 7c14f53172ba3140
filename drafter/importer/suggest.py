"""--suggest-facts: the figures in an imported reply, with context, and those a fact already holds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.errors import one_line
from drafter.importer import patterns as P
from drafter.model.facts import Facts

_UNITS = ("亿元|万元|千元|元|万亩|亩|平方公里|平方米|公里|千米|米|万人次|人次|万人|人|名|户|家|个|项|次|场|件|所|支|条|台|套|部|批"
          "|栋|处|张|笔|份|篇|辆|座|吨|万|亿|%|个百分点|倍|天|年|月|周|小时|分|万千瓦")
_NUMBER = re.compile(rf"(?<![\d.A-Za-z])(?P<value>\d+(?:\.\d+)?)(?P<approx>余|多)?(?P<unit>{_UNITS})?")
_SKIP_AFTER = re.compile(r"^(年|月|日|号|届|次会议)")


@dataclass
class Figure:
    line: int
    value: str
    unit: str
    context: str
    facts: list[str]   # names of facts with this value (and unit)


def figures(lines: list, facts: Facts, width: int = 14) -> list[Figure]:
    """Numbers with a unit (or a figure-like size) in the reply's lines; dates and 文号 left out."""
    by_value: dict[str, list] = {}
    for fact in facts.items.values():
        if not fact.is_passage and fact.value:
            by_value.setdefault(P.key(fact.value), []).append(fact)
    out = []
    for line in lines:
        text = line.text
        for m in _NUMBER.finditer(text):
            value, unit = m["value"], m["unit"] or ""
            if m["approx"] and not unit:
                continue
            after = text[m.end("value"):]
            if _SKIP_AFTER.match(after) or re.match(r"^\d{4}$", value) and not unit or "〔" in text[max(0, m.start() - 8):m.start()]:
                continue
            if not unit and len(value) < 3:
                continue
            matches = [f.name for f in by_value.get(value, []) if not f.unit or f.unit == unit or not unit]
            a, b = max(0, m.start() - width), min(len(text), m.end() + width)
            context = ("…" if a else "") + text[a:m.start()] + "【" + m.group(0) + "】" + text[m.end():b] + ("…" if b < len(text) else "")
            out.append(Figure(line.no, value, unit, context, matches))
    return out


def report(figs: list[Figure], path) -> list[str]:
    """Lines to print for --suggest-facts."""
    if not figs:
        return ["  数字：原文中没有可链接的数字"]
    out = [f"  数字：共 {len(figs)} 处（可在事实库 facts.yaml 中登记后用 {{{{ facts.名称 }}}} 引用）"]
    for fig in figs:
        out.append(f"    {one_line(path)}:{fig.line}: {fig.value}{fig.unit}  {fig.context}")
        for name in fig.facts:
            out.append(f"      = 与事实库中的“{name}”数值相同，可改写为 {{{{ facts.{name} }}}}")
    matched = sum(1 for fig in figs if fig.facts)
    out.append(f"  其中 {matched} 处与事实库中已有的数值相同")
    return out
