"""Breaking a long title into lines (GB/T 9704 R4.1): at most 20 characters of 2号 a line, lines
kept in a trapezoid or diamond, words kept whole, never a break inside 《》, “” or a number."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right

MAX_UNITS = 40  # 20 full-width characters of 2号 on the 156 mm line (half-width counts 1)
# Places a title is read in chunks: after these words a break falls naturally.
_AFTER = ("关于", "会议", "局", "委员会", "政府", "对")
_BEFORE = ("第", "的答复", "的复函", "的函", "提案", "建议")


def _units(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _forbidden(text: str) -> set[int]:
    """Break positions (index of the first character of the next line) that would split a unit."""
    bad: set[int] = set()
    depth = 0
    for i, ch in enumerate(text):
        if ch in "《“（(〔":
            depth += 1
        elif ch in "》”）)〕":
            depth = max(0, depth - 1)
        if depth > 0 and i + 1 < len(text):
            bad.add(i + 1)
        if i + 1 < len(text) and ch.isascii() and ch.isalnum() and text[i + 1].isascii() and text[i + 1].isalnum():
            bad.add(i + 1)
        if i + 1 < len(text) and text[i + 1] in "，。、：；！？》”）〕":
            bad.add(i + 1)  # no line starts with closing punctuation
    return bad


def _prefix_units(text: str) -> list[int]:
    """units(text[:i]) for every i, computed once (titles are scored at every cut)."""
    out = [0]
    for ch in text:
        out.append(out[-1] + (2 if unicodedata.east_asian_width(ch) in "WFA" else 1))
    return out


def _penalty(text: str, cut: int) -> int:
    before, after = text[:cut], text[cut:]
    natural = any(before.endswith(w) for w in _AFTER) or any(after.startswith(w) for w in _BEFORE)
    return 0 if natural else 24


def title_lines(text: str) -> list[str]:
    """The title's lines; one line when it fits."""
    units = _units(text)
    # One line when it fits; kept whole when even three lines cannot hold it (the search for
    # the best cuts below is quadratic in the length, and a sheet's title can be any length).
    if units <= MAX_UNITS or units > 3 * MAX_UNITS:
        return [text]
    bad = _forbidden(text)
    pre = _prefix_units(text)
    total = pre[-1]
    best: tuple[int, list[str]] | None = None
    cuts = [i for i in range(1, len(text)) if i not in bad]
    # Two lines (trapezoid: the upper one not longer than the lower) …
    for c in cuts:
        ua, ub = pre[c], total - pre[c]
        if ua <= MAX_UNITS and ub <= MAX_UNITS:
            score = abs(ub - ua) + _penalty(text, c) + (4 if ua > ub else 0)
            if best is None or score < best[0]:
                best = (score, [text[:c], text[c:]])
    if best:
        return best[1]
    # … or three (diamond: the middle one the longest). Only the second cuts that leave the
    # middle and last lines within MAX_UNITS are tried (a range of cuts: pre only grows).
    at = [pre[c] for c in cuts]
    penalty = {c: _penalty(text, c) for c in cuts}
    for i, c1 in enumerate(cuts):
        if pre[c1] > MAX_UNITS:
            break
        for c2 in cuts[max(i + 1, bisect_left(at, total - MAX_UNITS)):bisect_right(at, pre[c1] + MAX_UNITS)]:
            widths = [pre[c1], pre[c2] - pre[c1], total - pre[c2]]
            score = (max(widths) - min(widths)) + penalty[c1] + penalty[c2]
            score += 4 if widths[1] < max(widths[0], widths[2]) else 0
            if best is None or score < best[0]:
                best = (score, [text[:c1], text[c1:c2], text[c2:]])
    return best[1] if best else [text]
