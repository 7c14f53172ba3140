"""The light text markup templates emit, parsed into blocks.

One block per line, ``@kind text``; a line without ``@`` continues the block above it; blank
lines are ignored. Parts of a block are separated by ``|``:

    @meta 办理类型：A
    @wenhao 临科函字〔2024〕4号
    @title 临沂市科学技术局关于……的答复
    @salutation 赵洁委员：
    @p 您提出的……收悉，现答复如下：
    @h1 一、|工作开展情况              (heading: prefix|text; @h1 … @h4)
    @item 一是|完善企业梯度培育体系。|聚焦……   (item: prefix|lead|text)
    @closing 再次感谢您对我市科技工作的关心和支持！
    @signature 临沂市科学技术局
    @date 2024年6月18日
    @note （此件公开发布）
    @cc 市政协提案委，市政府督查室。

Sheet values reach templates as single lines (the schema joins them), so sheet text cannot
start a block; heading and item parts are escaped (\\| \\\\) by the context that provides them.
"""

from __future__ import annotations

import re

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from drafter.compose.provenance import Run, Source, strip_marks, unmark
from drafter.compose.punctuation import to_fullwidth
from drafter.errors import InputError, Where
from drafter.model.blocks import Block, Kind

_TAGS = {
    "meta": Kind.META, "wenhao": Kind.WENHAO, "title": Kind.TITLE, "salutation": Kind.SALUTATION,
    "p": Kind.PARAGRAPH, "item": Kind.ITEM, "closing": Kind.CLOSING, "signature": Kind.SIGNATURE,
    "date": Kind.DATE, "note": Kind.NOTE, "cc": Kind.CC,
    "h1": Kind.HEADING, "h2": Kind.HEADING, "h3": Kind.HEADING, "h4": Kind.HEADING,
}
_LINE = re.compile(r"^@([a-z0-9]+)(?:\s(.*))?$")
_SPLIT = re.compile(r"(?<!\\)\|")
# Characters XML 1.0 (so Word) cannot hold: C0 controls but tab and newline, lone surrogates,
# U+FFFE/U+FFFF. Sheet fields refuse them when loaded; a template can still print "\u0000".
_UNSAVABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Blocks in one reply: a real one has 20–100; laying out and checking each costs ~30 µs in Python.
MAX_BLOCKS = 2_000
# Kinds whose text is normalised to full-width punctuation; 文号 and dates are left as written.
_NORMALISED = {Kind.META, Kind.TITLE, Kind.SALUTATION, Kind.PARAGRAPH, Kind.HEADING, Kind.ITEM,
               Kind.CLOSING, Kind.SIGNATURE, Kind.NOTE, Kind.CC}


def parse_markup(source: str, origin: Where | None = None, origins: list | None = None) -> list[Block]:
    """Turn template output into blocks; an unknown @tag is an error naming the line. With the
    origins compose recorded, the output's provenance markers give each block its `sources`
    (worked out when first read: the .docx writer never needs them)."""
    marked = None
    if origins is not None:
        marked = Marked(source, origins)
        source = strip_marks(source)
    bad = _UNSAVABLE.search(source)
    if bad:
        around = source[max(0, bad.start() - 12):bad.start()].rsplit("\n", 1)[-1]
        raise InputError(f"模板输出了 Word 文件不能保存的字符 U+{ord(bad.group()):04X}（在“{around}”之后）",
                         Where(origin.path if origin else None), "请检查模板、事实单、事实库和单位信息里的转义写法（如 \\u0000）")
    # [tag, text parts, line number, segments: (offset in source, length, offset in text), text length]: a
    # block's lines are joined once (adding each to a growing string is quadratic in 100,000 lines)
    pending: list[list] = []
    pos = 0
    for number, line in enumerate(source.split("\n"), 1):
        line_start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        m = _LINE.match(stripped)
        if m:
            tag = m.group(1)
            if tag not in _TAGS:
                where = Where(origin.path if origin else None, number)
                known = "、".join("@" + t for t in _TAGS)
                raise InputError(f"模板输出了未知的块标记“@{tag}”", where, f"可用：{known}")
            if len(pending) >= MAX_BLOCKS:
                raise InputError(f"模板输出的段落超过上限（{MAX_BLOCKS:,} 段），已停止（模板循环输出过多，或事实单过长）",
                                 Where(origin.path if origin else None, number))
            text = m.group(2) or ""
            at = line_start + lead + (m.start(2) if m.group(2) is not None else len(stripped))
            pending.append([tag, [text], number, [(at, len(text), 0)], len(text)])
        elif pending:
            block = pending[-1]
            block[3].append((line_start + lead, len(stripped), block[4]))
            block[1].append(stripped)
            block[4] += len(stripped)
        else:
            where = Where(origin.path if origin else None, number)
            raise InputError("模板输出的第一行必须以块标记（如 @p）开头", where)
    blocks = []
    for tag, parts, _, segments, _ in pending:
        raw = "".join(parts)
        block = _block(tag, raw, Sources(marked, tag, raw, segments) if marked is not None else ())
        if block is not None:
            blocks.append(block)
    return blocks


class Marked:
    """The template output with its markers and the origins they name; read once, when the first
    block's sources are asked for."""

    def __init__(self, source: str, origins: list):
        self.source, self.origins = source, origins
        self._runs: list[Run] | None = None
        self._starts: list[int] = []

    def runs(self, segments: list[tuple[int, int, int]]) -> list[Run]:
        """The runs in a block's segments of the output, as offsets in the block's raw text."""
        if self._runs is None:
            self._runs = []
            unmark(self.source, self.origins, self._runs)
            self._starts = [r.start for r in self._runs]
        runs, out = self._runs, []
        for at, length, offset in segments:
            end = at + length
            i = max(bisect_right(self._starts, at) - 1, 0)
            while i < len(runs) and runs[i].start < end:
                r = runs[i]
                a, b = max(r.start, at), min(r.end, end)
                if a < b:
                    out.append(Run(a - at + offset, b - at + offset, r.origin, r.at + (a - r.start)))
                i += 1
        return out


class Sources(Sequence):
    """A block's provenance.Source runs (offsets in prefix + lead + text), worked out on first use."""

    def __init__(self, marked: Marked, tag: str, raw: str, segments: list):
        self._args = (marked, tag, raw, segments)
        self._items: tuple | None = None

    def _get(self) -> tuple:
        if self._items is None:
            marked, tag, raw, segments = self._args
            kind = _TAGS[tag]
            runs = marked.runs(segments)
            if kind is Kind.HEADING or kind is Kind.ITEM:
                parts = _parts(kind, raw, indexed=True)
                self._items = _sources(runs, [i for _, part_index in parts for i in part_index])
            else:  # the text is raw, stripped: offsets shift by what was stripped on the left
                left, right = len(raw) - len(raw.lstrip()), len(raw.rstrip())
                self._items = tuple(Source(max(r.start, left) - left, min(r.end, right) - left, r.origin,
                                           r.at + max(left - r.start, 0))
                                    for r in runs if max(r.start, left) < min(r.end, right))
        return self._items

    def __getitem__(self, i):
        return self._get()[i]

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return f"Sources({self._get()!r})"


def _part(raw: str, ranges: list[tuple[int, int]], unescape: bool, indexed: bool) -> tuple[str, list[int]]:
    """The text of raw's ranges joined (\\| and \\\\ unescaped) and stripped, and (indexed) the raw
    offset of each of its characters."""
    chars: list[str] = []
    index: list[int] = []
    for a, b in ranges:
        if unescape and "\\" in raw[a:b]:
            i = a
            while i < b:
                if raw[i] == "\\" and i + 1 < b and raw[i + 1] in "\\|":
                    i += 1
                chars.append(raw[i])
                index.append(i)
                i += 1
        else:
            chars.append(raw[a:b])
            if indexed:
                index.extend(range(a, b))
    text = "".join(chars)
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return text[left:right], index[left:right] if indexed else index


def _parts(kind: Kind, raw: str, indexed: bool = False) -> list[tuple[str, list[int]]]:
    """[prefix, lead, text] of a block's raw markup (with each one's raw offsets when indexed).
    Only heading and item lines are split on | (their parts were escaped by the context)."""
    split = kind in (Kind.HEADING, Kind.ITEM)
    cuts = [m.start() for m in _SPLIT.finditer(raw)] if split and "|" in raw else []
    bounds = list(zip([0] + [c + 1 for c in cuts], cuts + [len(raw)]))
    none: tuple[str, list[int]] = ("", [])
    if kind is Kind.HEADING and len(bounds) > 1:
        return [_part(raw, bounds[:1], True, indexed), none, _part(raw, bounds[1:], True, indexed)]
    if kind is Kind.ITEM:
        bounds += [(len(raw), len(raw))] * (3 - len(bounds))
        return [_part(raw, bounds[:1], True, indexed), _part(raw, bounds[1:2], True, indexed),
                _part(raw, bounds[2:], True, indexed)]
    return [none, none, _part(raw, bounds, split, indexed)]


def _sources(runs: list[Run], index: list[int]) -> tuple[Source, ...]:
    """The runs of raw text as Sources of the printed text whose characters sit at index."""
    out = []
    for r in runs:
        first = bisect_left(index, r.start)
        end = bisect_left(index, r.end)
        if first >= end:
            continue
        at = r.at + (index[first] - r.start)
        if index[end - 1] - index[first] == end - 1 - first:  # nothing dropped in between: one piece
            out.append(Source(first, end, r.origin, at))
            continue
        o = first
        while o < end:  # split where an escape was dropped (offsets in the origin go on by one a character)
            stop = o + 1
            while stop < end and index[stop] == index[stop - 1] + 1:
                stop += 1
            out.append(Source(o, stop, r.origin, at + (o - first)))
            o = stop
    return tuple(out)


def _block(tag: str, raw: str, sources=()) -> Block | None:
    kind = _TAGS[tag]
    if kind is Kind.HEADING or kind is Kind.ITEM:
        (prefix, _), (lead, _), (text, _) = _parts(kind, raw)
    else:
        prefix, lead, text = "", "", raw.strip()
    if not (text or lead or prefix):
        return None
    if kind in _NORMALISED:  # one character for one: the sources' offsets stay right
        prefix, lead, text = to_fullwidth(prefix), to_fullwidth(lead), to_fullwidth(text)
    return Block(kind, text, int(tag[1]) if kind is Kind.HEADING else 0, prefix, lead, sources)
