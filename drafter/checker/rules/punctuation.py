"""Punctuation (GB/T 15834): half-width marks in Chinese text, unpaired marks, 顿号 between
Arabic numerals, a paragraph without its final stop, spaces inside Chinese text, ranges
written with a hyphen.

Half-width marks are judged by the composer's own converter (compose.punctuation): whatever it
would change is reported, so the checker and the printed reply agree. In a sheet that
conversion has already happened, so only marks it leaves alone can remain.
"""

from __future__ import annotations

import re

from drafter.checker.document import Document, Unit
from drafter.checker.textutil import CJK, CJK_CHARS, quoted_spans
from drafter.compose.punctuation import to_fullwidth

PAIRS = {"“": "”", "《": "》", "（": "）", "〔": "〕", "【": "】", "‘": "’", "(": ")"}
CLOSERS = {v: k for k, v in PAIRS.items()}
SAME_CLASS = {"(": "（", ")": "）"}
NAMES = {"“": "引号", "”": "引号", "‘": "引号", "’": "引号", "《": "书名号", "》": "书名号", "（": "括号", "）": "括号",
         "(": "括号", ")": "括号", "〔": "六角括号", "〕": "六角括号", "【": "方头括号", "】": "方头括号"}

HALFWIDTH_ROLES = frozenset({"meta", "title", "salutation", "opening", "paragraph", "heading", "item", "closing",
                             "signature", "note", "cc"})
PROSE_ROLES = frozenset({"opening", "paragraph", "heading", "item", "closing"})
ASCII_PERIOD = re.compile(rf"(?<=[{CJK_CHARS}])\.(?![\d.A-Za-z])")
NUMBER_DUNHAO = re.compile(r"\d+(?:\.\d+)?(?:、\d+(?:\.\d+)?)+(?![\d.])")
YEAR_RANGE = re.compile(r"(?<![\d\-－])((?:19|20)\d{2})\s*[-－]\s*((?:19|20)\d{2})(?![\d\-－])")
FINAL_OK = "。！？!?…；;：:"
CLOSE_AFTER_STOP = "”’）)》」"


def check(doc: Document) -> None:
    for unit in doc.units:
        if unit.role in ("opening", "paragraph", "item", "closing"):
            _final_stop(doc, unit)
        if unit.role in HALFWIDTH_ROLES and not doc.ascii_punctuation and not doc.is_sheet:
            _halfwidth(doc, unit)  # a sheet's text was converted when it was composed
    suspicious = [u for u in doc.units if u.role in HALFWIDTH_ROLES and _maybe_unbalanced(u.text)]
    if suspicious:
        _unbalanced(doc, _Lines(suspicious))
    halfwidth = doc.joined(HALFWIDTH_ROLES)
    if "." in halfwidth.text:
        for m in ASCII_PERIOD.finditer(halfwidth.text):
            halfwidth.emit(doc, "punctuation.halfwidth", "中文句末用了半角“.”，应为句号“。”", m.start(), m.end(), "。")
    prose = doc.joined(PROSE_ROLES)
    text = prose.text
    if "、" in text:
        _dunhao(doc, prose)
    if " " in text or "\u3000" in text or "\u00a0" in text:
        _space(doc, prose)
    if "-" in text or "－" in text:
        for m in YEAR_RANGE.finditer(text):
            prose.emit(doc, "punctuation.range", f"年份范围用连接号“—”，不用“{text[m.end(1):m.start(2)].strip()}”",
                       m.start(), m.end(), f"{m.group(1)}—{m.group(2)}")


_PAIR_LIST = [("“", "”"), ("《", "》"), ("〔", "〕"), ("【", "】"), ("‘", "’")]


def _maybe_unbalanced(text: str) -> bool:
    """A cheap test: counts differ, a closer comes first, or a pair mixes widths."""
    for a, b in _PAIR_LIST:
        n = text.count(a)
        if n != text.count(b) or (n and (text.find(b) < text.find(a) or text.rfind(b) < text.rfind(a))):
            return True
    full = text.count("（")
    half = text.count("(")
    if full or half:
        if full != text.count("）") or half != text.count(")"):
            return True
        if full and (text.find("）") < text.find("（") or text.rfind("）") < text.rfind("（")):
            return True
    return False


class _Lines:
    """Some units joined like Document.joined, for the bracket scan."""

    def __init__(self, units):
        from drafter.checker.document import Joined

        starts, pos = [], 0
        for u in units:
            starts.append(pos)
            pos += len(u.text) + 1
        self._joined = Joined("\n".join(u.text for u in units), units, starts)
        self.text = self._joined.text

    def emit(self, *args, **kw):
        self._joined.emit(*args, **kw)

def _halfwidth(doc: Document, unit: Unit) -> None:
    text = unit.text
    converted = to_fullwidth(text)
    if converted != text:
        for i, (a, b) in enumerate(zip(text, converted)):
            if a != b:
                doc.emit("punctuation.halfwidth", f"中文里用了半角“{a}”，应为全角“{b}”", unit, i, i + 1, b)


_BRACKETS = re.compile(r"[“”《》（）〔〕【】‘’()\n]")


def _unbalanced(doc: Document, joined) -> None:
    """Pairs within each unit (the joined text's line breaks separate units)."""
    text = joined.text
    stack: list[tuple[str, int]] = []

    def emit(message: str, at: int, fix: str | None = None, rule: str = "punctuation.unbalanced") -> None:
        joined.emit(doc, rule, message, at, at + 1, fix)

    def unclosed() -> None:
        for ch, at in stack:
            if ch != "(":  # an ASCII "(" in Latin text, e.g. "(A)" lists, is not ours to judge
                emit(f"“{ch}”没有对应的“{PAIRS[ch]}”", at)
        stack.clear()

    for m in _BRACKETS.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\n":
            unclosed()
        elif ch in PAIRS:
            stack.append((ch, i))
        else:
            want = CLOSERS[ch]
            cls = SAME_CLASS.get(ch, ch)
            match = next((k for k in range(len(stack) - 1, -1, -1)
                          if SAME_CLASS.get(PAIRS[stack[k][0]], PAIRS[stack[k][0]]) == cls), None)
            if match is None:
                if ch != ")":  # "A)" in Latin text
                    emit(f"多了一个“{ch}”：前面没有与它成对的“{want}”", i)
                continue
            opener, at = stack[match]
            for lost, lost_at in stack[match + 1:]:
                emit(f"“{lost}”没有对应的“{PAIRS[lost]}”", lost_at)
            del stack[match:]
            if opener != want and not doc.ascii_punctuation:
                # （…) or (…）: one of the pair is half-width
                if ch == ")":
                    emit("括号一半是全角一半是半角：应为全角“）”", i, "）", "punctuation.halfwidth")
                else:
                    emit("括号一半是全角一半是半角：应为全角“（”", at, "（", "punctuation.halfwidth")
    unclosed()


def _dunhao(doc: Document, prose) -> None:
    text = prose.text
    for m in NUMBER_DUNHAO.finditer(text):
        if m.start() and (text[m.start() - 1].isdigit() or text[m.start() - 1] in ".、"):
            continue
        unit, at = prose.at(m.start())
        if at == 0 or at == unit.generated_prefix:
            continue  # "1、2、…" opening a paragraph is a (non-standard) marker, reported by numbering
        numbers = m.group().split("、")
        after = text[m.end():m.end() + 1]
        fix = None
        if all(len(n) == 4 and n.isdigit() for n in numbers) and after == "年" and len(numbers) == 2:
            fix = "—".join(numbers)
        prose.emit(doc, "punctuation.dunhao-digits",
                   f"阿拉伯数字之间不用顿号：“{m.group()}”表示范围时用“—”或“～”，并列时各数带上单位（如“2月、3月”）",
                   m.start(), m.end(), fix)


_SPACE_RUN = re.compile(r"[ \u3000\u00a0]+")
_BEFORE_SPACE = re.compile(rf"[{CJK_CHARS}，。、；：！？“”（）《》\d]")
_AFTER_SPACE = re.compile(rf"[{CJK_CHARS}\d“”（）《》]")


def _space(doc: Document, prose) -> None:
    text = prose.text
    for m in _SPACE_RUN.finditer(text):
        before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        if not before or not after or not _BEFORE_SPACE.match(before) or not _AFTER_SPACE.match(after):
            continue
        if before.isdigit() and not CJK.match(after):
            continue  # "3 5" and "2024 年": only a digit before a Chinese character counts
        unit, at = prose.at(m.start())
        if any(s < at < e for s, e in quoted_spans(unit.text)):
            continue  # a space inside 《》 belongs to the cited document's title
        prose.emit(doc, "punctuation.space", "中文之间多了空格", m.start(), m.end(), "")


def _final_stop(doc: Document, unit: Unit) -> None:
    text = unit.text.rstrip()
    if not text or text[-1] in FINAL_OK:
        return
    if text[-1] in CLOSE_AFTER_STOP and len(text) > 1 and text[-2] in FINAL_OK:
        return
    if unit.role == "paragraph" and len(text) <= 20 and not re.search(r"[，。；,]", text):
        return  # a short line without a sentence in it: an unnumbered heading, not a paragraph
    doc.emit("punctuation.final-stop", "段落末尾缺少句号", unit, len(text), len(text), "。")
