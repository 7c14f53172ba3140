"""Doubled words: 引育引育, 关于《关于…》, and the same verb twice in one clause."""

from __future__ import annotations

import re

from drafter.checker.document import PROSE, Document
from drafter.checker.lexicon import CLAUSE_VERBS, REDUPLICATION_OK, SPOKEN_VERB_REDUPLICATION

DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,6})\1")
# Single characters that are never right doubled in a reply (张家川: 第十三届届三次会议).
SINGLE_DOUBLES = re.compile(r"届届|第第|号号")
GUANYU = re.compile(r"关于\s*[《“]\s*关于")
_VERBS = re.compile("|".join(CLAUSE_VERBS))
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?\n]")
_PARALLEL_BEFORE = "、和与及并或"
_NOUN_SUFFIX = "体会国社部者方处站"
CHECKED = PROSE | {"title", "salutation"}


def check(doc: Document) -> None:
    joined = doc.joined(CHECKED)
    text = joined.text
    for m in DOUBLED.finditer(text):
        word = m.group(1)
        if len(set(word)) == 1:
            continue  # 哈哈哈哈: one character, not a word
        if word in REDUPLICATION_OK or (len(word) == 2 and word[0] in "一两"):
            continue  # 雪白雪白, 一项一项
        if word in SPOKEN_VERB_REDUPLICATION:
            joined.emit(doc, "doubled-word.repeat", f"“{word}{word}”是口语的动词重叠，答复中一般只写“{word}”",
                        m.start(), m.end(), word, severity="hint")
        else:
            joined.emit(doc, "doubled-word.repeat", f"“{word}”重复了一次", m.start() + len(word), m.end(), "")
    for m in SINGLE_DOUBLES.finditer(text):
        joined.emit(doc, "doubled-word.repeat", f"“{m.group()[0]}”重复了一次", m.start() + 1, m.end(), "")
    if text.count("关于") > 1:
        for m in GUANYU.finditer(text):
            joined.emit(doc, "doubled-word.guanyu", "“关于”重复：标题本身以“关于”开头，书名号前的“关于”应删去",
                        m.start(), m.start() + 2, "")
    seen: dict[str, int] = {}
    for v in _VERBS.finditer(text):
        verb, at = v.group(), v.start()
        if text[v.end():v.end() + 1] in _NOUN_SUFFIX:
            continue  # 联合体, 组织部: part of a noun, not the verb
        before = seen.get(verb)
        seen[verb] = at
        if before is None or at - before > 20 or text[at - 1] in _PARALLEL_BEFORE:
            continue
        if _CLAUSE_END.search(text, before, at):
            continue
        joined.emit(doc, "doubled-word.clause", f"同一分句里“{verb}”出现了两次，请删去一处", at, at + len(verb))
