"""Facts: undefined references, stale figures, figures typed instead of cited, and one figure
written two ways in the same reply."""

from __future__ import annotations

import difflib
import math
import re

from drafter.checker.document import Document

UNITS = ("平方公里", "平方米", "立方米", "千瓦时", "千瓦", "公里", "千米", "人次", "元", "人", "家", "个", "项", "亩", "吨",
         "米", "台", "套", "辆", "所", "户", "名", "篇", "次", "场", "期", "条", "座", "支", "件", "张", "头", "只", "株",
         "床", "间", "处", "批", "份", "册", "门", "%")
_UNIT = "|".join(re.escape(u) for u in UNITS)
QUANTITY = re.compile(rf"(?P<num>\d[\d,]*)(?:\.(?P<dec>\d+))?(?P<approx>余|多)?(?P<mult>万|亿)?(?P<unit>{_UNIT})")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_NOT_BEFORE = set("0123456789.,，ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
MULT = {None: 1, "万": 10000, "亿": 100000000}
PROSE = frozenset({"opening", "paragraph", "heading", "item", "closing"})


def check(doc: Document) -> None:
    if doc.is_sheet:
        _references(doc)
        _literals(doc)
    _two_ways(doc)


def _references(doc: Document) -> None:
    facts = doc.reply.facts
    year = (doc.date or doc.today).year
    for ref in doc.fact_refs:
        if ref.fact is None:
            close = difflib.get_close_matches(ref.name, list(facts.items), n=1, cutoff=0.5)
            hint = f"，是不是“{close[0]}”？" if close else "，请先在事实库（facts.yaml）里添加"
            doc.emit("facts.undefined", f"引用了事实库里没有的事实“{ref.name}”{hint}", key=ref.key, offset=ref.value_offset)
            continue
        as_of = getattr(ref.fact, "as_of", None)
        if as_of is not None and as_of.year < year - 1:
            doc.emit("facts.stale", f"事实“{ref.name}”截至{as_of.year}年{as_of.month}月，比答复年份（{year}年）早一年以上，"
                     "请核实有没有更新的数字", key=ref.key, offset=ref.value_offset)


def _value(num: str, dec: str | None, mult: str | None) -> tuple[int, int]:
    """An exact value as a reduced fraction (numerator, denominator): 1.2亿 == 12000万."""
    numerator = int(num.replace(",", "") + (dec or "")) * MULT[mult]
    denominator = 10 ** len(dec) if dec else 1
    g = math.gcd(numerator, denominator)
    return numerator // g, denominator // g


_LITERALS: dict[int, tuple[object, re.Pattern | None, dict[str, list[str]]]] = {}


def _literal_pattern(facts) -> tuple[re.Pattern | None, dict[str, list[str]]]:
    """One regex for every figure of a facts library as it would be typed ("1404家"), cached per
    library (the Loader keeps one Facts object per file)."""
    hit = _LITERALS.get(id(facts))
    if hit and hit[0] is facts:
        return hit[1], hit[2]
    names: dict[str, list[str]] = {}
    for name, fact in facts.items.items():
        value = (fact.value or "").strip()
        if fact.is_passage or not fact.unit or not re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", value):
            continue
        forms = {value + fact.unit.strip(), value.replace(",", "") + fact.unit.strip()}
        for form in forms:
            names.setdefault(form, []).append(name)
    pattern = None
    if names:
        alternatives = "|".join(re.escape(f) for f in sorted(names, key=len, reverse=True))
        pattern = re.compile(alternatives)
    if len(_LITERALS) > 32:
        _LITERALS.clear()
    _LITERALS[id(facts)] = (facts, pattern, names)
    return pattern, names


def _literals(doc: Document) -> None:
    pattern, index = _literal_pattern(doc.reply.facts)
    if pattern is None:
        return
    prose = doc.joined(PROSE)
    source = doc.reply.located.text
    text = prose.text
    for m in pattern.finditer(text):
        written = m.group()
        if (m.start() and text[m.start() - 1] in _NOT_BEFORE) or written not in source:
            continue  # not typed anywhere in the sheet: it was inserted from the facts library
        unit, at = prose.at(m.start())
        piece = unit.piece_at(at)
        if piece is None or not piece.exact or piece.end < at + len(written):
            continue  # inserted from the facts library, or template text
        names = index[written]
        if len(names) == 1:
            prose.emit(doc, "facts.literal", f"“{written}”与事实库里“{names[0]}”的数值相同，建议改为引用，数字更新时答复会同步",
                       m.start(), m.end(), f"{{{{ facts.{names[0]} }}}}")
        else:
            prose.emit(doc, "facts.literal", f"“{written}”与事实库里{'、'.join('“' + n + '”' for n in names)}的数值相同，建议改为引用",
                       m.start(), m.end())


def _quantities(text: str):
    """Arabic figures with a unit: (exact value, unit, as written, start, end). Figures in
    Chinese numerals are left alone: they are rare in replies and usually small."""
    for m in QUANTITY.finditer(text):
        num, dec, mult = m.group("num"), m.group("dec"), m.group("mult")
        if m.group("approx") or (m.start() and text[m.start() - 1] in _NOT_BEFORE) or not _THOUSANDS.fullmatch(num):
            continue
        # Only figures that identify themselves: large, decimal, or scaled by 万/亿.
        if dec or mult or len(num) >= 3:
            yield _value(num, dec, mult), m.group("unit"), m.group(), m.start(), m.end()


def _two_ways(doc: Document) -> None:
    """Occurrences of one value in different forms. The form to keep is the facts library's
    (a figure inserted by {{ }}), else the first one written; the others are reported."""
    prose = doc.joined(PROSE)
    groups: dict[tuple[tuple[int, int], str], list[tuple[str, int, int]]] = {}
    for value, base, written, start, end in _quantities(prose.text):
        groups.setdefault((value, base), []).append((written, start, end))
    for occurrences in groups.values():
        if len({w for w, _, _ in occurrences}) < 2:
            continue
        keep = next((w for w, s, _ in occurrences if _from_fact(prose, s)), occurrences[0][0])
        reported = set()
        for written, start, end in occurrences:
            if written != keep and written not in reported:
                reported.add(written)
                prose.emit(doc, "facts.two-ways", f"“{written}”与“{keep}”是同一个数，写法应统一", start, end, keep)


def _from_fact(prose, start: int) -> bool:
    unit, at = prose.at(start)
    if not unit.pieces or unit.line is not None:
        return False
    piece = unit.piece_at(at)
    return piece is not None and not piece.exact and piece.key is not None and bool(piece.key) and piece.key[0] != "kind"
