"""Half-width punctuation next to Chinese text becomes full-width (GB/T 15834, gbt9704 R8.1).

Text pasted from the web arrives with ASCII , : ; ( ) ! ? between Chinese characters. Numbers,
dates, times, 文号, URLs and Latin text keep their marks: "1,000", "10:30", "(A)" stay.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’《》〔〕【】—…"
_IS_CJK = re.compile(f"[{_CJK}]")
_SIMPLE = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}


def _cjk(ch: str) -> bool:
    return bool(ch) and bool(_IS_CJK.match(ch))


def _pairs(text: str) -> dict[int, int]:
    """Matching ASCII parentheses: index of '(' -> index of ')'."""
    stack, out = [], {}
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            out[stack.pop()] = i
    return out


def to_fullwidth(text: str) -> str:
    """Convert ASCII punctuation in Chinese context to full-width; leave everything else."""
    if not text or not any(ch in text for ch in ",:;!?()"):
        return text
    chars = list(text)
    n = len(chars)
    for i, ch in enumerate(chars):
        if ch not in _SIMPLE:
            continue
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch in ",:" and prev.isdigit() and nxt.isdigit():
            continue  # 1,000 and 10:30
        if ch == ":" and nxt == "/":
            continue  # http://
        if _cjk(prev) or (_cjk(nxt) and not prev.isascii()) or (_cjk(nxt) and ch != ":") or (
            prev in "）)”》" and ch != ":"
        ):
            chars[i] = _SIMPLE[ch]
        elif prev and prev.isascii() and prev.isalnum() and _cjk(nxt):
            chars[i] = _SIMPLE[ch]  # "A类6人:" style: Latin/digit then Chinese
        elif not nxt and _cjk(prev):
            chars[i] = _SIMPLE[ch]
    pairs = _pairs(text)
    if len(pairs) > 8:
        # Many pairs (deeply nested ones would make searching each inside quadratic in the
        # length): where the Chinese characters are, once; each pair is then a binary search.
        cjk = [m.start() for m in _IS_CJK.finditer(text)]
        encloses = lambda a, b: bisect_left(cjk, b) > bisect_left(cjk, a)  # noqa: E731
    else:
        encloses = lambda a, b: _IS_CJK.search(text, a, b) is not None  # noqa: E731
    for open_, close in pairs.items():
        before = text[open_ - 1] if open_ > 0 else ""
        after = text[close + 1] if close + 1 < n else ""
        if encloses(open_ + 1, close) or _cjk(before) or _cjk(after):
            chars[open_], chars[close] = "（", "）"
    return "".join(chars)
