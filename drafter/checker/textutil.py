"""Small text helpers the rules share: character classes and Chinese numerals."""

from __future__ import annotations

import re

from drafter.model import conventions as C
from drafter.model.conventions import cn_number  # noqa: F401 (the rules' numerals, beside parse_cn_int)

CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_CHARS}]")
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# dates in Chinese numerals as the checker reads them: spaced or not, and months and days with zero
# letters too (the importer's months and days are 一…十 only); three groups: year, month, day
MONTH_DAY_DIGITS = C.CN_NUMERALS + "零〇○"
CHINESE_DATE = C.date_shape(f"([{C.CN_YEAR_DIGITS}]{{4}})", f"([{MONTH_DAY_DIGITS}]{{1,3}})",
                            f"([{MONTH_DAY_DIGITS}]{{1,3}})", C.PRINTED_GAP)


def parse_cn_int(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十三 -> 23, 一百零五 -> 105, 三千 -> 3000; None if not a numeral."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (current or 1) * CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def quoted_spans(text: str, opener: str = "《", closer: str = "》") -> list[tuple[int, int]]:
    """Start and end offsets of each closed opener…closer run (outermost only)."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == opener:
            if depth == 0:
                start = i
            depth += 1
        elif ch == closer and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans


