"""Where a reply's page breaks fall, predicted from its paragraphs, and the end block fitted to them.

Every body line of a drafter .docx is an exact 579-twip line, 22 to a page (R2.2, R2.3), and the
lines of each paragraph are those of layout.linebreak, so the pages can be laid out here the way
LibreOffice lays them out: a paragraph splits at any line (no widow control), a paragraph that
keeps with the next moves whole to the next page when the next one cannot start on its page, and
the 版记 frame takes the foot of the page of its anchor (the empty paragraph after it).

Why: the end block (last body line, seal lines, 署名, 成文日期, 附注) must stay together (R4.10,
R4.11), and moved whole it can leave up to a page's worth of blank lines on the page before it.
fit_end_block decides, before anything is written, whether LibreOffice is to keep only the last
line of the last paragraph with the end block (as Word does) and whether the end block's lines are
to close up so that it fits on the page of the text above it (R4.10: 调整行距).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from drafter.layout import gbt9704 as G
from drafter.layout.linebreak import wrap


@dataclass
class Para:
    """What pagination needs of one paragraph."""

    lines: int = 1
    keep: bool = False         # keeps with the next paragraph (w:keepNext)
    pitch: int = G.LINE_PITCH  # exact line height, twips

    @property
    def height(self) -> int:
        return self.lines * self.pitch


@dataclass(frozen=True)
class Layout:
    starts: list[tuple[int, int]]  # (page, twips below the type area's top) of each paragraph's first line
    used: dict[int, int]           # twips printed on each page

    def blank_lines_before(self, index: int, capacity: Callable[[int, int], int]) -> int:
        """Empty body lines at the foot of the page before the one paragraph index starts on."""
        page = self.starts[index][0]
        if page == 1:
            return 0
        return (capacity(page - 1, -1) - self.used.get(page - 1, 0)) // G.LINE_PITCH


def _place(p: Para, index: int, page: int, y: int, capacity) -> tuple[int, int, dict[int, int]]:
    """Lines of one paragraph from (page, y): where it ends, and how far down each page it prints."""
    used: dict[int, int] = {}
    for _ in range(p.lines):
        if y and y + p.pitch > capacity(page, index):
            page, y = page + 1, 0
        y += p.pitch
        used[page] = y
    return page, y, used


def paginate(paras: Sequence[Para], capacity: Callable[[int, int], int]) -> Layout:
    """Lay paragraphs out on pages; capacity(page, paragraph index) is the height open to it."""
    n = len(paras)
    starts: list[tuple[int, int]] = [(1, 0)] * n
    ends: list[tuple[int, int]] = [(1, 0)] * n
    page, y, i, steps = 1, 0, 0, 0
    while i < n and steps < 20 * n + 100:
        steps += 1
        p = paras[i]
        if y and y + p.pitch > capacity(page, i):
            page, y = page + 1, 0
        starts[i] = (page, y)
        pg, yy, _ = _place(p, i, page, y, capacity)
        ends[i] = (pg, yy)
        nxt = paras[i + 1] if i + 1 < n else None
        if p.keep and nxt is not None and yy + nxt.pitch > capacity(pg, i + 1):
            j = i
            while j > 0 and paras[j - 1].keep and ends[j - 1][0] == starts[j][0]:
                j -= 1
            first_page, first_y = starts[j]
            # The chain moves whole to the next page, unless it already starts one (nothing to
            # gain); a chain paragraph split across pages stays (its last part keeps with the next).
            if first_y > 0 and first_page == pg:
                page, y, i = first_page + 1, 0, j
                continue
        page, y = pg, yy
        i += 1
    used: dict[int, int] = {}
    for k, (pg, yy) in enumerate(starts):
        for page_no, bottom in _place(paras[k], k, pg, yy, capacity)[2].items():
            used[page_no] = max(used.get(page_no, 0), bottom)
    return Layout(starts, used)


def cc_lines(text: str) -> int:
    """Printed lines of the 抄送 line: 4号, one character in from each side, wraps hanging after
    "抄送：" (R5.2)."""
    full = 2 * ((G.TEXT_WIDTH - 2 * G.CC_INDENT) // G.CHAR_SIHAO)  # half-width units on the first line
    first = wrap(text, full)
    rest = "".join(first[1:])
    return 1 + (len(wrap(rest, full - 6)) if rest else 0)


def _capacity(letterhead: bool, anchor: int, cc_height: int) -> Callable[[int, int], int]:
    def capacity(page: int, index: int) -> int:
        height = G.TEXT_HEIGHT - (G.LETTERHEAD_BODY_DROP if letterhead and page == 1 else 0)
        return height - cc_height if index == anchor else height
    return capacity


def fit_end_block(pars: list, letterhead: bool) -> None:
    """Fit the end block of pars (docx.Par, roles "body", "seal", "signature", "date", "note",
    "cc") to the predicted pages, in place: no more than G.MAX_BLANK_LINES_BEFORE_END blank lines
    before it. First by keeping only the last line of the last body paragraph with it (split_at,
    for LibreOffice), else by closing up its lines (squeezed pitch, R4.10)."""
    flow = [p for p in pars if p.role != "cc"]
    roles = [p.role for p in flow]
    if "signature" not in roles:
        return
    cc = next((p for p in pars if p.role == "cc"), None)
    cc_height = (cc.lines * G.LINE_PITCH + (0 if letterhead else G.CC_RULES_HEIGHT)) if cc else 0
    # The 版记 frame prints at the foot of the page of its anchor, the paragraph after it.
    anchor = roles.index("anchor") if "anchor" in roles else -1
    capacity = _capacity(letterhead, anchor, cc_height)
    sig = roles.index("signature")

    def blank(paras: list) -> int:
        layout = paginate(paras, capacity)
        return layout.blank_lines_before(paras.index(flow[sig]), capacity)

    if blank(flow) <= G.MAX_BLANK_LINES_BEFORE_END:
        return
    body = roles.index("body") if "body" in roles else None
    split = _last_line_split(flow[body]) if body is not None else None
    if split is not None:
        head = Para(flow[body].lines - 1, False, flow[body].pitch)
        tail = Para(1, True, flow[body].pitch)
        if blank(flow[:body] + [head, tail] + flow[body + 1:]) <= G.MAX_BLANK_LINES_BEFORE_END:
            flow[body].split_at = split
            return
    if not _squeeze(flow, body, sig, capacity):
        if split is not None:  # the nearer of two imperfect layouts
            head = Para(flow[body].lines - 1, False, flow[body].pitch)
            tail = Para(1, True, flow[body].pitch)
            if blank(flow[:body] + [head, tail] + flow[body + 1:]) < blank(flow):
                flow[body].split_at = split
        return
    if blank(flow) > G.MAX_BLANK_LINES_BEFORE_END:  # the prediction did not hold: undo
        for p in flow[sig - 2:]:
            p.pitch, p.squeezed = G.LINE_PITCH, False


def _last_line_split(par) -> int | None:
    """The character of par.text where its last printed line starts (None for one line)."""
    if par.lines < 2 or not par.text:
        return None
    last_line = wrap(par.text, 2 * G.CHARS_PER_LINE, 4)[-1]
    offset = len(par.text) - len(last_line)
    return offset if 0 < offset and par.text.endswith(last_line) else None


def _squeeze(flow: list, body: int | None, sig: int, capacity) -> bool:
    """Close up the end block (seal lines first, then 署名, date, 附注) so that it prints right under
    the last body paragraph, on its page. False when even the closest setting does not fit."""
    end = [i for i in range(sig - 2, len(flow)) if flow[i].role in ("seal", "signature", "date", "note")]
    if not end or end[0] == 0:
        return False
    before = paginate(flow[:end[0]], capacity)
    page, y = before.starts[-1]
    _pg, y_end, _ = _place(flow[end[0] - 1], end[0] - 1, page, y, capacity)
    room = capacity(_pg, -1) - y_end - G.SQUEEZE_SLACK
    seals = [i for i in end if flow[i].role == "seal"]
    text_lines = sum(flow[i].lines for i in end if flow[i].role != "seal")
    seal = min(G.LINE_PITCH, (room - text_lines * G.LINE_PITCH) // max(len(seals), 1))
    pitch = G.LINE_PITCH
    if seal < G.SEAL_LINE_MIN:
        seal = G.SEAL_LINE_MIN
        pitch = (room - len(seals) * seal) // max(text_lines, 1)
    if pitch < G.SQUEEZED_PITCH_MIN:
        return False
    for i in end:
        flow[i].pitch = seal if flow[i].role == "seal" else pitch
        flow[i].squeezed = True
    return True
