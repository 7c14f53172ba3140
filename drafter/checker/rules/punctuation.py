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
from drafter.checker.textutil import CJK_CHARS, quoted_spans
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
NUMBER_DUNHAO = re.compile(r"(?<![\d.、])\d+(?:\.\d+)?(?:、\d+(?:\.\d+)?)+(?![\d.])")
SPACE = re.compile(rf"(?<=[{CJK_CHARS}，。、；：！？“”（）《》])[ \u3000\u00a0]+(?=[{CJK_CHARS}\d“”（）《》])"
                   rf"|(?<=\d)[ \u3000\u00a0]+(?=[{CJK_CHARS}])")
YEAR_RANGE = re.compile(r"(?<![\d\-－])((?:19|20)\d{2})\s*[-－]\s*((?:19|20)\d{2})(?![\d\-－])")
FINAL_OK = "。！？!?…；;：:"
CLOSE_AFTER_STOP = "”’）)》」"


def check(doc: Document) -> None:
    for unit in doc.units:
        if unit.role in HALFWIDTH_ROLES:
            _halfwidth(doc, unit)
            _unbalanced(doc, unit)
        if unit.role in PROSE_ROLES:
            _dunhao(doc, unit)
            _space(doc, unit)
            _range(doc, unit)
        if unit.role in ("opening", "paragraph", "item", "closing"):
            _final_stop(doc, unit)


def _halfwidth(doc: Document, unit: Unit) -> None:
    text = unit.text
    if not doc.ascii_punctuation:
        converted = to_fullwidth(text)
        if converted != text:
            for i, (a, b) in enumerate(zip(text, converted)):
                if a != b:
                    doc.emit("punctuation.halfwidth", f"中文里用了半角“{a}”，应为全角“{b}”", unit, i, i + 1, b)
    for m in ASCII_PERIOD.finditer(text):
        doc.emit("punctuation.halfwidth", "中文句末用了半角“.”，应为句号“。”", unit, m.start(), m.end(), "。")


def _unbalanced(doc: Document, unit: Unit) -> None:
    text = unit.text
    if not any(ch in text for ch in "“”《》（）〔〕【】‘’()"):
        return
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in PAIRS:
            stack.append((ch, i))
        elif ch in CLOSERS:
            want = CLOSERS[ch]
            cls = SAME_CLASS.get(ch, ch)
            match = next((k for k in range(len(stack) - 1, -1, -1)
                          if SAME_CLASS.get(PAIRS[stack[k][0]], PAIRS[stack[k][0]]) == cls), None)
            if match is None:
                if ch == ")":
                    continue  # "A)" in Latin text
                doc.emit("punctuation.unbalanced", f"多了一个“{ch}”：前面没有与它成对的“{want}”", unit, i, i + 1)
                continue
            opener, at = stack[match]
            for lost, lost_at in stack[match + 1:]:
                doc.emit("punctuation.unbalanced", f"“{lost}”没有对应的“{PAIRS[lost]}”", unit, lost_at, lost_at + 1)
            del stack[match:]
            if opener != want and not doc.ascii_punctuation:
                # （…) or (…）: one of the pair is half-width
                if ch == ")":
                    doc.emit("punctuation.halfwidth", "括号一半是全角一半是半角：应为全角“）”", unit, i, i + 1, "）")
                else:
                    doc.emit("punctuation.halfwidth", "括号一半是全角一半是半角：应为全角“（”", unit, at, at + 1, "（")
    for ch, at in stack:
        if ch == "(":
            continue  # an ASCII "(" in Latin text, e.g. "(A)" lists, is not ours to judge
        doc.emit("punctuation.unbalanced", f"“{ch}”没有对应的“{PAIRS[ch]}”", unit, at, at + 1)


def _dunhao(doc: Document, unit: Unit) -> None:
    text = unit.text
    for m in NUMBER_DUNHAO.finditer(text):
        if m.start() == 0 or (m.start() == unit.generated_prefix):
            continue  # "1、2、…" opening a paragraph is a (non-standard) marker, reported by numbering
        numbers = m.group().split("、")
        after = text[m.end():m.end() + 1]
        fix = None
        if all(len(n) == 4 and n.isdigit() for n in numbers) and after == "年" and len(numbers) == 2:
            fix = "—".join(numbers)
        doc.emit("punctuation.dunhao-digits",
                 f"阿拉伯数字之间不用顿号：“{m.group()}”表示范围时用“—”或“～”，并列时各数带上单位（如“2月、3月”）",
                 unit, m.start(), m.end(), fix)


def _space(doc: Document, unit: Unit) -> None:
    text = unit.text
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        return
    titles = quoted_spans(text)
    for m in SPACE.finditer(text):
        if any(s < m.start() < e for s, e in titles):
            continue  # a space inside 《》 belongs to the cited document's title
        doc.emit("punctuation.space", "中文之间多了空格", unit, m.start(), m.end(), "")


def _range(doc: Document, unit: Unit) -> None:
    for m in YEAR_RANGE.finditer(unit.text):
        doc.emit("punctuation.range", f"年份范围用连接号“—”，不用“{unit.text[m.end(1):m.start(2)].strip()}”",
                 unit, m.start(), m.end(), f"{m.group(1)}—{m.group(2)}")


def _final_stop(doc: Document, unit: Unit) -> None:
    text = unit.text.rstrip()
    if not text or text[-1] in FINAL_OK:
        return
    if text[-1] in CLOSE_AFTER_STOP and len(text) > 1 and text[-2] in FINAL_OK:
        return
    if unit.role == "paragraph" and len(text) <= 20 and not re.search(r"[，。；,]", text):
        return  # a short line without a sentence in it: an unnumbered heading, not a paragraph
    doc.emit("punctuation.final-stop", "段落末尾缺少句号", unit, len(text), len(text), "。")
