"""Confusable words (reply-conventions §12): 拉进距离 → 拉近距离, 截止目前 → 截至目前, 布署 → 部署…"""

from __future__ import annotations

import re

from drafter.checker.document import PROSE, Document
from drafter.checker.lexicon import CONFUSABLES

_RIGHT = {wrong: right for wrong, right, _ in CONFUSABLES}
_ANY = re.compile("|".join(f"(?:{re.escape(wrong)}" + (f"(?={after}))" if after else ")") for wrong, _, after in CONFUSABLES))
CHECKED = PROSE | {"title"}


def check(doc: Document) -> None:
    joined = doc.joined(CHECKED)
    for m in _ANY.finditer(joined.text):
        wrong = m.group()
        joined.emit(doc, "wording.confusable", f"“{wrong}”应为“{_RIGHT[wrong]}”", m.start(), m.end(), _RIGHT[wrong])
