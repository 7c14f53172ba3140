"""的/地/得 in the fixed phrases replies use (list and reasoning in checker.lexicon)."""

from __future__ import annotations

import re

from drafter.checker.document import PROSE, Document
from drafter.checker.lexicon import (ADVERBIAL_PHRASES, ADVERBS_AFTER, DE_COMPLEMENT_AFTER, DE_COMPLEMENT_VERBS,
                                     NOUN_USE_AFTER, VERBS_AFTER)

_PHRASE_DE = re.compile("(" + "|".join(sorted(ADVERBIAL_PHRASES, key=len, reverse=True)) + ")的")
_ADVERB = re.compile("|".join(sorted(ADVERBS_AFTER, key=len, reverse=True)))
_VERB = re.compile("|".join(sorted(VERBS_AFTER, key=len, reverse=True)))
_COMPLEMENT = re.compile("(" + "|".join(DE_COMPLEMENT_VERBS) + ")的(" + "|".join(
    re.escape(w) for w in sorted(DE_COMPLEMENT_AFTER, key=len, reverse=True)) + ")")


def adverbial_de(text: str) -> list[tuple[int, str]]:
    """Offsets of 的 that should be 地, with the phrase before them."""
    out = []
    for m in _PHRASE_DE.finditer(text):
        phrase, de_at = m.group(1), m.end() - 1
        rest = text[m.end():m.end() + 8]
        if _ADVERB.match(rest):
            out.append((de_at, phrase))
            continue
        v = _VERB.match(rest)
        if not v:
            continue
        after = rest[v.end():v.end() + 1]
        if after and after not in NOUN_USE_AFTER and not after.isspace():
            out.append((de_at, phrase))
    return out


def check(doc: Document) -> None:
    for unit in doc.units:
        if unit.role not in PROSE:
            continue
        text = unit.text
        if "的" not in text:
            continue
        for at, phrase in adverbial_de(text):
            doc.emit("de-di-de.phrase", f"“{phrase}”修饰后面的动词，应用“地”：“{phrase}地”", unit, at, at + 1, "地")
        for m in _COMPLEMENT.finditer(text):
            at = m.start(2) - 1
            doc.emit("de-di-de.phrase", f"动词后接程度补语用“得”：“{m.group(1)}得{m.group(2).rstrip('。，')}”",
                     unit, at, at + 1, "得")
