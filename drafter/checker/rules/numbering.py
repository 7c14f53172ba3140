"""Numbering: 一、（一）1.（1） sequences, 一是/二是 lists, stray markers, levels, non-standard forms.

Two kinds of numbering are checked over the body in reading order:

* level markers opening a paragraph (GB/T 9704 §7.3.3: 一、 → （一） → 1. → （1））: each level
  counts from 一/1 under its parent, without gaps or repeats, and a level never appears above
  its parent's level (一、 then 1. then （一） is upside down);
* lists inside the text: 一是/二是…, 一方面/另一方面, 第一，第二，…; a list runs over the
  following paragraphs until a heading (in a sheet: until the next section), so items may open
  paragraphs or follow each other inside one. A new "一是" starts a new list after a list of two
  or more items, or inside a later paragraph; right after a lone "一是" it is a repeat. A marker
  of another series inside a list (③, 3、, 第三，) is stray unless it starts a nested list of its
  own (①…②…).

"1、" for "1." is reported where it stands for the level-3 marker: on a heading, or under 一、
or （一）. A flat "1、2、3、" list of paragraphs with nothing above it is common and left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.checker.document import BODY, Document, Unit
from drafter.checker.textutil import CIRCLED, cn_number, parse_cn_int
from drafter.model import conventions as C

_CN = C.CN_NUMERALS
# groups 1–4: the four levels (as fromtext.MARKER); 5–7: 1、 ① 一. (non-standard forms)
LEVEL = re.compile(
    "^(?:" + "|".join(C.level_markers(f"([{_CN}]+)", r"(\d+)"))
    + rf"|(\d+)[、，,](?!\d)|([{CIRCLED}])|([{_CN}]+)[.．，,](?![{_CN}]))"
)
SERIES_NAME = {"shi": "一是/二是", "fang": "一方面/另一方面", "di": "第一/第二"}


def level_marker(level: int, n: int) -> str:
    return {1: f"{cn_number(n)}、", 2: f"（{cn_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def token_text(kind: str, n: int) -> str:
    if kind == "shi":
        return f"{cn_number(n)}是"
    if kind == "fang":
        return "一方面" if n == 1 else "另一方面"
    if kind == "di":
        return f"第{cn_number(n)}"
    if kind == "circled":
        return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)
    return f"{n}、"


@dataclass
class Token:
    kind: str      # shi | fang | di | arabic | circled
    n: int
    start: int
    end: int


# words ending in 一 before 是 that are not the first of a list
_NOT_A_LIST = frozenset({"统一", "唯一", "之一", "同一", "单一", "万一", "划一", "专一", "第一", "不一", "如一", "归一"})
_CLAUSE_BEFORE = set("。；：！？，;:!?, \t\n")
_SHI = re.compile(rf"([{_CN}]+)是(?![否非的])")
_FANG = re.compile(r"另一方面|一方面")
_DI = re.compile(rf"第([{_CN}]+)(?=[，,、])")
_ARABIC = re.compile(r"(\d{1,2})、(?!\d)")
_CIRCLED = re.compile(f"[{CIRCLED}]")


def _clause_start(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _CLAUSE_BEFORE


def tokens(text: str) -> list[Token]:
    """List markers in a paragraph, in order (一是 …, 一方面, 第一，, 3、 at a clause start; ①)."""
    out = []
    if "是" in text:
        weak = None  # an 一是 run into its clause (…道路一是需…；二是…): a list start only if 二是 follows
        for m in _SHI.finditer(text):
            start = m.start()
            # "统一是" is not "一是": the numeral must open the clause.
            while start < m.end(1) and not _clause_start(text, start):
                start += 1
            if start >= m.end(1):
                if m.group(1).endswith("一") and text[m.end() - 3:m.end() - 1] not in _NOT_A_LIST:
                    weak = Token("shi", 1, m.end() - 2, m.end())
                continue
            n = parse_cn_int(text[start:m.end(1)])
            if n and n <= 20:
                if weak is not None and n == 2 and "\n" not in text[weak.end:start]:
                    out.append(weak)
                weak = None
                out.append(Token("shi", n, start, m.end()))
    if "方面" in text:
        for m in _FANG.finditer(text):
            if _clause_start(text, m.start()):
                out.append(Token("fang", 2 if m.group().startswith("另") else 1, m.start(), m.end()))
    if "第" in text:
        for m in _DI.finditer(text):
            n = parse_cn_int(m.group(1))
            if n and n <= 20 and _clause_start(text, m.start()):
                out.append(Token("di", n, m.start(), m.end()))
    if "、" in text:
        for m in _ARABIC.finditer(text):
            if _clause_start(text, m.start()) and not (m.start() and text[m.start() - 1].isdigit()):
                out.append(Token("arabic", int(m.group(1)), m.start(), m.end()))
    for m in _CIRCLED.finditer(text):
        out.append(Token("circled", CIRCLED.index(m.group()) + 1, m.start(), m.end()))
    if len(out) > 1:
        out.sort(key=lambda t: t.start)
    return out


def _nested_ok(toks: list[Token], kind: str) -> bool:
    """A series of kind inside one paragraph that starts at 1 and counts up: a nested list."""
    ns = [t.n for t in toks if t.kind == kind]
    return bool(ns) and ns[0] == 1 and len(ns) >= 2 and all(b == a + 1 for a, b in zip(ns, ns[1:]))


@dataclass
class _List:
    kind: str
    last: int
    first: Token
    first_unit: Unit
    last_unit_index: int


@dataclass
class _Series:
    level: int
    last: int
    unit: Unit
    start: int
    end: int
    depth: int
    count: int = 1


def check(doc: Document) -> None:
    body = doc.body()
    led = _digit_led(body)
    _levels(doc, body, led)
    _lists(doc, body, led)
    if doc.is_sheet:
        _empty_items(doc, (doc.reply.located.data or {}).get("sections"), ("sections",))


def _blank(value) -> bool:
    return not (isinstance(value, str) and value.strip())


def _empty_item(item) -> bool:
    if isinstance(item, str):
        return _blank(item)
    return isinstance(item, dict) and _blank(item.get("lead")) and _blank(item.get("text"))


def _empty_section(sec) -> bool:
    """Nothing of it would be printed: no heading, paragraphs or subsections, only empty items."""
    if isinstance(sec, str):
        return _blank(sec)
    if not isinstance(sec, dict) or not _blank(sec.get("heading")):
        return False
    lists = [sec.get(name) for name in ("paragraphs", "after", "sections")]
    if any(isinstance(v, list) and v or isinstance(v, str) and v.strip() for v in lists):
        return False
    items = sec.get("items")
    return all(_empty_item(it) for it in (items if isinstance(items, list) else [items] if items else []))


def _empty_items(doc: Document, sections, key: tuple) -> None:
    """Items (and whole sections) with nothing in them, as `s`/`c`/`a` create them: the composer
    leaves them out and numbers on without them, so the clerk is told where they are and offered
    to delete them."""
    if not isinstance(sections, list):
        return
    for i, sec in enumerate(sections):
        if _empty_section(sec):
            doc.emit("numbering.empty", f"第{i + 1}个小节是空的（没有标题和内容），不会印出（后面的小节依次前移）",
                     key=key + (i,), advice="删去这个空小节，或写上标题和内容", removes=True)
            continue
        if not isinstance(sec, dict):
            continue
        items = sec.get("items")
        for j, item in enumerate(items if isinstance(items, list) else []):
            if _empty_item(item):
                doc.emit("numbering.empty", f"第{j + 1}个要点没有内容，不会印出（后面的要点依次前移）",
                         key=key + (i, "items", j), offset=None, advice="删去这个空要点，或写上要点句和展开文字",
                         removes=True)
        _empty_items(doc, sec.get("sections"), key + (i, "sections"))


_EMPTY_AFTER = re.compile(r"\s*(?:[，。；,;]|[：:]?\s*$)")


# ---- level markers --------------------------------------------------------------------------

_DIGIT_LED = re.compile(r"^(\d{1,2})[.．](?=\d)")
_YEAR_LED = re.compile(r"^\d{1,2}[.．](?:19|20)\d{2}\s*年")


def _digit_led(body: list[Unit]) -> dict[int, tuple[int, int, int, str]]:
    """Units opening with an item number run into a year or a figure (1.2017年，… 2.300家…), by
    id: a marker, not a decimal, when a year follows or the number continues the 1. 2. list."""
    out: dict[int, tuple[int, int, int, str]] = {}
    numbers = []
    for unit in body:
        m = LEVEL.match(unit.text)
        d = _DIGIT_LED.match(unit.text) if not m else None
        numbers.append((int(m.group(3)), False) if m and m.group(3) else (0, False) if m and (m.group(1) or m.group(2))
                       else (int(d.group(1)), True) if d else None)
    last = 0
    for i, (unit, found) in enumerate(zip(body, numbers)):
        if found is None:
            continue
        if found == (0, False):  # 一、 or （一）: a new part, whose 1. 2. list starts again
            last = 0
            continue
        n, led = found
        if led:
            following = next((x for x in numbers[i + 1:] if x is not None), None)
            if _YEAR_LED.match(unit.text) or n == last + 1 and (n > 1 or following is not None and following[0] == 2):
                out[id(unit)] = (3, n, len(_DIGIT_LED.match(unit.text).group()), "")
            else:
                continue
        last = n
    return out


def _marker(unit: Unit, led: dict | None = None) -> tuple[int, int, int, str] | None:
    """(level, number, end, form) of the marker opening a unit; form is '' when standard."""
    m = LEVEL.match(unit.text)
    if not m:
        return (led or {}).get(id(unit))
    g = m.groups()
    if g[0]:
        return 1, parse_cn_int(g[0]) or 0, m.end(), ""
    if g[1]:
        return 2, parse_cn_int(g[1]) or 0, m.end(), ""
    if g[2]:
        return 3, int(g[2]), m.end(), "" if m.group(0)[-1] == "." else "dot"
    if g[3]:
        return 4, int(g[3]), m.end(), ""
    if g[4]:
        return 3, int(g[4]), m.end(), "dunhao"
    if g[5]:
        return 4, CIRCLED.index(g[5]) + 1, m.end(), "circled"
    return 1, parse_cn_int(g[6]) or 0, m.end(), "cn-dot"


def _levels(doc: Document, body: list[Unit], led: dict) -> None:
    series: dict[int, _Series] = {}
    # For each open parent (by level; 0 is the document), the first child level seen under it.
    first_child: dict[int, int] = {}

    def close(levels) -> None:
        for lv in sorted(levels):
            s = series.pop(lv, None)
            first_child.pop(lv, None)
            if s and s.count == 1 and s.last == 1:
                marker = level_marker(lv, 1)
                doc.emit("numbering.single", f"只有“{marker}”一项，没有“{level_marker(lv, 2)}”：只有一项时不必编号",
                         s.unit, s.start, s.end)

    for unit in body:
        found = _marker(unit, led)
        if not found:
            if unit.role == "heading":  # an unnumbered heading (sheet: numbered: 否) starts a new part
                close([lv for lv, s in series.items() if s.depth >= (unit.level or 1)])
            continue
        level, n, end, form = found
        generated = unit.generated_prefix >= end
        # A flat "1、2、3、" list of paragraphs with no 一、/（一） above it is common and readable;
        # as a heading, or under 一、/（一）, it stands for the level-3 "1." and is reported.
        flat = form == "dunhao" and unit.role != "heading" and not any(lv in series for lv in (1, 2))
        if form and not generated and not flat:
            _form(doc, unit, level, n, end, form)
        depth = unit.level if unit.role == "heading" and unit.level else 99
        close([lv for lv in series if lv > level])
        parent = max((lv for lv in series if lv < level), default=0)
        child = first_child.setdefault(parent, level)
        if child > level and parent < level:
            above = level_marker(child, 1)
            doc.emit("numbering.level", f"“{unit.text[:end]}”出现在“{above}”一级之下：层次应为 一、→（一）→1.→（1）",
                     unit, 0, end)
        s = series.get(level)
        expected = (s.last + 1) if s else 1
        marker = unit.text[:end]
        if n == expected or generated:
            pass
        elif s and n <= s.last:
            doc.emit("numbering.repeat", f"序号“{marker}”与前面重复或倒退，这里应为“{level_marker(level, expected)}”",
                     unit, 0, end, level_marker(level, expected) if not form else None)
            n = expected
        else:
            missing = "、".join(level_marker(level, k) for k in range(expected, min(n, expected + 3)))
            doc.emit("numbering.gap", f"序号跳号：“{marker}”之前缺少“{missing}”", unit, 0, end,
                     level_marker(level, expected) if not form else None)
        if s:
            s.last, s.count = n, s.count + 1
        else:
            series[level] = _Series(level, n, unit, 0, end, depth)
    close(list(series))


def _form(doc: Document, unit: Unit, level: int, n: int, end: int, form: str) -> None:
    marker = unit.text[:end]
    if form == "dunhao":
        doc.emit("numbering.form", f"阿拉伯数字序号后应用下脚点“.”，不用“{marker[-1]}”", unit, 0, end, f"{n}.")
    elif form == "dot":
        doc.emit("numbering.form", "阿拉伯数字序号后应用半角下脚点“.”", unit, 0, end, f"{n}.")
    elif form == "circled":
        doc.emit("numbering.form", f"“{marker}”不作层次序号：第四层用“（{n}）”", unit, 0, end, f"（{n}）")
    elif form == "cn-dot":
        doc.emit("numbering.form", f"汉字序号后应用顿号“、”，不用“{marker[-1]}”", unit, 0, end, f"{cn_number(n)}、")


# ---- lists inside the text --------------------------------------------------------------------

def _lists(doc: Document, body: list[Unit], led: dict) -> None:
    lst: _List | None = None
    prev_scope = object()

    def close() -> None:
        nonlocal lst
        if lst and lst.last == 1 and lst.kind in ("shi", "fang"):
            second = token_text(lst.kind, 2)
            doc.emit("numbering.single", f"只有“{token_text(lst.kind, 1)}”，没有“{second}”：只有一项时不必用“{SERIES_NAME[lst.kind]}”",
                     lst.first_unit, lst.first.start, lst.first.end)
        lst = None

    per_unit = _tokens_by_unit(doc)
    for ui, unit in enumerate(body):
        if doc.is_sheet and unit.scope != prev_scope:
            close()
        prev_scope = unit.scope
        marker = _marker(unit, led)
        if unit.role == "heading" or (marker and marker[3] in ("", "dunhao", "dot")):
            close()
        toks = per_unit[ui]
        later_shi = {t.n for t in toks if t.kind == "shi"}
        inner: str | None = None  # a nested series accepted inside this paragraph
        for ti, tok in enumerate(toks):
            if tok.kind == "shi" and tok.start >= unit.generated_prefix and _EMPTY_AFTER.match(unit.text, tok.end):
                doc.emit("numbering.empty", f"“{unit.text[tok.start:tok.end]}”后面没有内容", unit, tok.start, tok.end)
            at_start = tok.start == 0 or (marker is not None and tok.start == marker[2])
            if lst is not None and lst.kind != tok.kind:
                if tok.kind == inner or _nested_ok(toks, tok.kind):
                    inner = tok.kind
                    continue
                if lst.kind == "fang" and tok.start < unit.generated_prefix:
                    doc.emit("numbering.stray", "“一方面/另一方面”只能列两项，第三项印成了“第三”：请把这一部分的 item_style 改为"
                             "“第一”或“一是”", unit, tok.start, tok.end)
                    continue
                if inner == "fang" and tok.kind == "di" and tok.n == 3:
                    doc.emit("numbering.stray", f"“一方面…另一方面”之后又出现“{unit.text[tok.start:tok.end]}”，序号体系混用："
                             "改用“第一…第二…第三”或“一是…二是…三是”", unit, tok.start, tok.end)
                    continue
                if tok.kind in ("shi", "fang", "di") and tok.n == 1 and (at_start or lst.last_unit_index != ui):
                    close()
                else:
                    _stray(doc, unit, tok, lst, toks, ti)
                    continue
            if tok.kind in ("circled", "arabic") and lst is None:
                if _nested_ok(toks, tok.kind):
                    continue
                if tok.kind == "circled":
                    doc.emit("numbering.stray", f"孤立的序号“{unit.text[tok.start:tok.end]}”：前面没有“①”",
                             unit, tok.start, tok.end, "")
                continue
            if lst is None:
                if tok.n == 1:
                    lst = _List(tok.kind, 1, tok, unit, ui)
                elif tok.kind == "shi":
                    doc.emit("numbering.gap", f"“{token_text('shi', tok.n)}”之前没有“一是”", unit, tok.start, tok.end)
                    lst = _List(tok.kind, tok.n, tok, unit, ui)
                continue
            same_unit = lst.last_unit_index == ui
            expected = lst.last + 1
            if tok.n == expected:
                lst.last, lst.last_unit_index = tok.n, ui
            elif tok.n == 1 and not same_unit and (not at_start or lst.last > 1):
                close()  # a new list: after a finished one, or opened inside a later paragraph
                lst = _List(tok.kind, 1, tok, unit, ui)
            elif tok.n <= lst.last:
                fix = token_text(tok.kind, expected) if tok.kind == "shi" and expected not in later_shi else None
                doc.emit("numbering.repeat", f"“{token_text(tok.kind, tok.n)}”重复：前面已有，这里应为“{token_text(tok.kind, expected)}”",
                         unit, tok.start, tok.end, fix)
                lst.last, lst.last_unit_index = expected, ui
            else:
                missing = token_text(tok.kind, expected)
                doc.emit("numbering.gap", f"“{token_text(tok.kind, tok.n)}”之前缺少“{missing}”", unit, tok.start, tok.end,
                         missing if tok.kind == "shi" else None)
                lst.last, lst.last_unit_index = tok.n, ui
    close()


def _tokens_by_unit(doc: Document) -> list[list[Token]]:
    """tokens() of every body unit, found in one pass over the joined body text."""
    joined = doc.joined(BODY)
    out: list[list[Token]] = [[] for _ in joined.units]
    starts = joined.starts
    i = 0
    for tok in tokens(joined.text):
        while i + 1 < len(starts) and starts[i + 1] <= tok.start:
            i += 1
        base = starts[i]
        out[i].append(Token(tok.kind, tok.n, tok.start - base, tok.end - base))
    return out


def _stray(doc: Document, unit: Unit, tok: Token, lst: _List, toks: list[Token], ti: int) -> None:
    written = unit.text[tok.start:tok.end]
    name = SERIES_NAME[lst.kind]
    expected = lst.last + 1
    fix = ""
    if lst.kind == "shi" and tok.n == expected and lst.first_unit is unit and not any(
            t.kind == "shi" and t.n == expected for t in toks[ti + 1:]):
        fix = token_text("shi", expected)
        lst.last = expected
    if lst.kind == "fang":
        doc.emit("numbering.stray", f"“一方面…另一方面”之后又出现“{written}”，序号体系混用：改用“第一…第二…第三”或“一是…二是…三是”",
                 unit, tok.start, tok.end)
        return
    if tok.kind in ("circled", "arabic"):
        message = f"“{name}”列举中混入了“{written}”"
    else:
        message = f"“{name}”列举中混入了另一种序号“{written}”"
    doc.emit("numbering.stray", message + ("，应为“" + fix + "”" if fix else "，应删去或改写"), unit, tok.start, tok.end,
             fix if tok.kind != "di" else None)
