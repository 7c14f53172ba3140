"""Doubled words: 引育引育, 关于《关于…》, and the same verb twice in one clause."""

from __future__ import annotations

import re

from drafter.checker.document import PROSE, Document
from drafter.checker.lexicon import CLAUSE_VERBS, REDUPLICATION_OK, SPOKEN_VERB_REDUPLICATION
from drafter.checker.textutil import CJK_CHARS

DOUBLED = re.compile(rf"([{CJK_CHARS}]{{2,8}})\1")
# Single characters that are never right doubled in a reply (张家川: 第十三届届三次会议).
SINGLE_DOUBLES = re.compile(r"届届|第第|号号")
GUANYU = re.compile(r"关于\s*[《“]\s*关于")
_CLAUSE = re.compile(r"[^，。；：！？,;:!?]+")
_VERBS = re.compile("|".join(CLAUSE_VERBS))
_PARALLEL_BEFORE = "、和与及并或"
_NOUN_SUFFIX = "体会国社部者方处站"
CHECKED = PROSE | {"title", "salutation"}


def check(doc: Document) -> None:
    for unit in doc.units:
        if unit.role not in CHECKED:
            continue
        text = unit.text
        for m in DOUBLED.finditer(text):
            word = m.group(1)
            if len(set(word)) == 1:
                continue  # 哈哈哈哈: one character, not a word
            if word in REDUPLICATION_OK or (len(word) == 2 and word[0] in "一两"):
                continue  # 雪白雪白, 一项一项
            start, end = m.start(), m.end()
            if word in SPOKEN_VERB_REDUPLICATION:
                doc.emit("doubled-word.repeat", f"“{word}{word}”是口语的动词重叠，答复中一般只写“{word}”",
                         unit, start, end, word, severity="hint")
            else:
                doc.emit("doubled-word.repeat", f"“{word}”重复了一次", unit, start + len(word), end, "")
        for m in SINGLE_DOUBLES.finditer(text):
            doc.emit("doubled-word.repeat", f"“{m.group()[0]}”重复了一次", unit, m.start() + 1, m.end(), "")
        for m in GUANYU.finditer(text):
            doc.emit("doubled-word.guanyu", "“关于”重复：标题本身以“关于”开头，书名号前的“关于”应删去",
                     unit, m.start(), m.start() + 2, "")
        for clause in _CLAUSE.finditer(text):
            seen: dict[str, int] = {}
            for v in _VERBS.finditer(clause.group()):
                verb, at = v.group(), clause.start() + v.start()
                if text[at + len(verb):at + len(verb) + 1] in _NOUN_SUFFIX:
                    continue  # 联合体, 组织部: part of a noun, not the verb
                if verb in seen and at - seen[verb] <= 20 and text[at - 1] not in _PARALLEL_BEFORE:
                    doc.emit("doubled-word.clause", f"同一分句里“{verb}”出现了两次，请删去一处",
                             unit, at, at + len(verb))
                seen.setdefault(verb, at)
