"""Handling type (办理类型): the letter exists in the scheme, and the text fits its meaning.

What a letter means depends on the profile's scheme (列入规划 is B nationally, C in some
cities), so the checker reads the scheme's label, not the letter:

* "solved" (已经解决/基本解决/采纳): the body must say something was done; a body written
  entirely in the future tense is reported;
* "planned" (正在解决/列入计划/规划): the body must state a plan (将/计划/列入…), and a plan
  with no time (年底, 2025年, 下半年…) gets a hint;
* "not now" (条件限制/留作参考/不可行/以后解决): the body must give a reason (因/由于/受…限制…).
"""

from __future__ import annotations

import re

from drafter.checker.document import Document

SENTENCE = re.compile(r"[^。！？；;]+")
FUTURE = re.compile(r"将|拟|计划|下一步|下步|力争|争取|预计|打算|准备|今后|逐步|列入|纳入|待|启动")
DONE = re.compile(r"已|了|完成|建成|出台|印发|累计|截至|截止|目前|现有|共有|先后|兑现|达到|取得|获得|成立|实现|"
                  r"建立|开展|组织|举办|落实|发放|投入|新增|培育|引进|改造|整治|采纳|解决")
PLAN = re.compile(r"将|拟|计划|列入|纳入|规划|下一步|下步|力争|争取|正在|启动|推进|逐步|待")
TIMEFRAME = re.compile(r"(?:19|20)\d{2}\s*年|年底|年内|年末|年初|月底|月份|上半年|下半年|今年|明年|后年|近期|近年|本年|"
                       r"季度|个月|周内|日前|之前|以前|期间|“十[四五六]五”|十[四五六]五|届时|尽快|年度")
REASON = re.compile(r"因|由于|受|限制|条件|暂不|暂时|难以|无法|不能|尚不|尚未|不具备|不符合|规定|权限|职责|事权|"
                    r"超出|需待|有待|不足|紧张|困难|制约|不宜|不予|不可行")


# a list of measures: 一是加大…，二是与…对接 (a plan, unless it says the measures were taken)
MEASURE = re.compile(r"[一二三四五六七八九十]是(?:要|将)?(?:加大|加强|加快|推动|推进|对接|完善|落实|争取|协调|做好|开展|实施|建立|"
                     r"健全|优化|提升|强化|继续|持续|进一步|积极|主动|深化|扩大|支持|引导|督促|指导|研究|谋划|探索|配合|衔接|与|向|对|在)")
PAST = re.compile(r"已|了|累计|截至|截止|先后|此前|去年|上年")


def plan_sentences(paragraphs: list[str]) -> list[str]:
    """The sentences a reviewer reads as the plan: those that say 将/计划/推进…, measures listed
    as 一是加大…二是与…对接, and the sentences that follow them in their paragraph (年底前出台…,
    2025年建成…) unless they tell what was done."""
    plans = []
    for text in paragraphs:
        in_plan = False
        for m in SENTENCE.finditer(text):
            sentence = m.group()
            if PLAN.search(sentence) or MEASURE.search(sentence) and not PAST.search(sentence):
                in_plan = True
                plans.append(sentence)
            elif in_plan and not PAST.search(sentence):
                plans.append(sentence)
    return plans


def meaning(label: str) -> str | None:
    """solved | planned | not-now for a scheme label."""
    if re.search(r"限制|参考|不能|难以|不可行|以后解决|待以后", label):
        return "not-now"
    if re.search(r"正在|列入|计划|规划|启动|部分解决", label):
        return "planned"
    if re.search(r"已经解决|基本解决|采纳|已通过", label):
        return "solved"
    return None


def check(doc: Document) -> None:
    letter = doc.handling_type
    if not letter:
        return
    unit = doc.handling_type_unit
    key = ("handling_type",) if doc.is_sheet else None
    where = dict(unit=None, key=key) if doc.is_sheet or unit is None else dict(unit=unit, start=0, end=len(unit.text))
    labels = doc.handling_labels
    if labels and letter not in labels:
        doc.emit("handling-type.unknown",
                 f"办理类型“{letter}”不在本单位的方案（{doc.handling_scheme}：{'、'.join(labels)}）里", **where)
        return
    kind = meaning(labels.get(letter, ""))
    if kind is None:
        return
    sentences = [s.group() for u in doc.body() for s in SENTENCE.finditer(u.text)]
    if not sentences:
        return
    label = labels[letter]
    if kind == "solved":
        if not any(DONE.search(s) and not FUTURE.search(s) for s in sentences):
            doc.emit("handling-type.fit", f"办理类型为 {letter}（{label}），但正文全是打算，没有写已经办成的事", **where)
    elif kind == "planned":
        plans = plan_sentences([u.text for u in doc.body()])
        if not plans:
            doc.emit("handling-type.fit", f"办理类型为 {letter}（{label}），但正文没有写解决的计划或安排", **where)
        elif not any(TIMEFRAME.search(s) for s in plans):
            doc.emit("handling-type.timeframe", f"办理类型为 {letter}（{label}），计划没有写明时间（如年底前、2025年）", **where)
    elif kind == "not-now":
        if not any(REASON.search(s) for s in sentences):
            doc.emit("handling-type.fit", f"办理类型为 {letter}（{label}），但正文没有说明暂时不能解决的原因", **where)
