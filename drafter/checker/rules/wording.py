"""Confusable words (reply-conventions §12): 拉进距离 → 拉近距离, 截止目前 → 截至目前, 布署 → 部署…"""

from __future__ import annotations

import re

from drafter.checker.document import PROSE, Document
from drafter.checker.lexicon import CONFUSABLES

_PATTERNS = [(re.compile(re.escape(wrong) + (f"(?={after})" if after else "")), wrong, right)
             for wrong, right, after in CONFUSABLES]
_FIRST = "".join(sorted({wrong[0] for wrong, _, _ in CONFUSABLES}))


def check(doc: Document) -> None:
    for unit in doc.units:
        if unit.role not in PROSE and unit.role != "title":
            continue
        text = unit.text
        if not any(ch in text for ch in _FIRST):
            continue
        for pattern, wrong, right in _PATTERNS:
            for m in pattern.finditer(text):
                doc.emit("wording.confusable", f"“{wrong}”应为“{right}”", unit, m.start(), m.end(), right)
