"""Finding the reply inside a web page: from its header block to its last note.

The anchor is the salutation (××委员：) followed by an opening (…收悉，现答复如下：), or, for letters
without a salutation, the opening itself. From there the reply extends back over its header block
(title, 文号, 签发人, 类别…) and forward to the first line of site chrome (打印本页, ICP备…).
A page heading above the header block (the title repeated by the site, 发布时间…) is chrome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.errors import InputError, Where
from drafter.importer import patterns as P
from drafter.importer.segment import Skipped
from drafter.importer.source import Line


class NotAReply(InputError):
    """The file holds no reply to a proposal (a news page, a report)."""


@dataclass
class Located:
    lines: list[Line]          # the reply's lines, blank ones removed
    skipped: list[Skipped]     # chrome before and after it


def salutation_match(text: str):
    """The salutation pattern that fits this line, if any (person or organisation)."""
    k = P.strip_greeting(P.key(text))
    if not k or len(k) > 220:
        return None
    m = P.SAL_PERSON.match(k)
    if m and (k.endswith(":") or len(k) <= 40):
        return m
    m = P.SAL_ORG.match(k)
    if m and (re.search(P.ORG_SUFFIX + "$", m["org"]) or P.PARTY.search(m["org"])
                                                             or P.GROUP.search(m["org"])) \
            and not P.CHROME_LINE.search(k) and not P.CHROME_END.search(k) and not P.NOTE.match(k) and not P.HT.match(k) \
            and not P.SIGNER.match(k) and not P.DISCLOSURE_META.match(k):
        return m
    m = P.SAL_PARTY_BARE.match(k)
    if m and P.PARTY.search(m["org"]) and re.search(P.ORG_SUFFIX + "$", m["org"]) and not P.TITLE_END.search(k):
        return m
    return None


def is_opening(text: str) -> bool:
    return bool(P.OPENING.search(P.key(text)))


def _find_anchor(lines: list[Line]) -> int | None:
    """Index of the salutation, or of the opening when there is none."""
    for i, line in enumerate(lines):
        if salutation_match(line.text):
            following = [ln for ln in lines[i + 1:i + 4] if ln.text.strip()]
            if following and any(is_opening(ln.text) for ln in following[:2]):
                return i
    for i, line in enumerate(lines):
        k = P.key(line.text)
        if P.OPENING.search(k) and (P.OPENING_LEAD.search(k) or "答复如下" in k or "函复如下" in k):
            j = i - 1
            while j >= 0 and not lines[j].text.strip():
                j -= 1
            if j >= 0 and P.OPENING_LEAD.search(P.key(lines[j].text)) and not P.TITLE_END.search(P.key(lines[j].text)):
                return j  # "…代表提出的17号代表建议：" then "现答复如下："
            back = [k for k in range(max(0, i - 6), i) if lines[k].text.strip()][-3:]
            for k in back:  # a salutation followed by thanks before the opening proper
                if salutation_match(lines[k].text):
                    return k
            return i
    return _salutation_anchor(lines)


_ADDRESSED = re.compile(r"您|你们|你|贵(会|党|委|组)|委员|代表")
_PROPOSAL_WORD = re.compile(r"建议|提案|意见")


def _salutation_anchor(lines: list[Line]) -> int | None:
    """A reply without the stock opening (收悉, 现答复如下): a salutation naming 委员, 代表 or a
    party, followed by prose that speaks to them about their proposal (交我局办理…)."""
    for i, line in enumerate(lines):
        m = salutation_match(line.text)
        if not m or "role" not in m.groupdict() and not P.PARTY.search(P.key(line.text)):
            continue
        following = next((ln for ln in lines[i + 1:i + 4] if ln.text.strip()), None)
        if following is None:
            return None
        k = P.key(following.text)
        if len(k) >= 20 and re.search("[。,;]", k) and _ADDRESSED.search(k) and _PROPOSAL_WORD.search(k):
            return i
    return None


def has_stock_opening(lines: list[Line]) -> bool:
    """Whether the opening says 收悉/现答复如下 (or hands over to an answer) as most replies do."""
    return any(P.OPENING.search(P.key(ln.text)) for ln in lines)


def header_kind(text: str) -> str | None:
    """How a line above the salutation belongs to the header block (None: it does not)."""
    k = P.key(text)
    if not k:
        return "blank"
    if P.CHROME_LINE.search(k) or P.CHROME_END.search(k) or "|" in k:
        return None
    if P.HT.match(k) or P.DISCLOSURE_META.match(k) or P.SIGNER.match(k) or P.BANTOU.match(k):
        return "meta"
    if P.HT_BARE.match(k) or P.DISCLOSURE_BARE.match(k):
        return "mark"
    m = P.WENHAO.match(k)
    if m and _wenhao_rest_ok(m["rest"]):
        return "meta"
    if len(k) <= 60 and "。" not in k:
        if P.TITLE_END.search(k):
            return "title_end"
        if P.ORG.match(k) or k.endswith("关于"):
            return "org"
        if len(k) <= 40 and not any(c in k for c in ",;:!?"):
            return "title_part"
    return None


def _wenhao_rest_ok(rest: str) -> bool:
    return not rest or bool(P.WENHAO_CLASS.match(rest)) or bool(P.SIGNER.match(rest))


def _header_start(lines: list[Line], anchor: int) -> int:
    """Walk back from the anchor over the header block; return its first index."""
    start = anchor
    seen_meta = False
    title: list[str] = []     # title lines collected, bottom up
    title_done = False
    i = anchor - 1
    while i >= 0:
        kind = header_kind(lines[i].text)
        if kind == "blank":
            i -= 1
            continue
        if kind == "mark" and not title and not seen_meta:
            start = i
        elif kind == "meta":
            seen_meta = True
            start = i
        elif kind in ("title_end", "title_part", "org") and not seen_meta and not title_done:
            if not title:
                if kind != "title_end":
                    break
                title.append(P.key(lines[i].text))
            else:
                if kind == "title_end":
                    break  # a second title above the first: the site's page heading
                joined = "".join(reversed(title))
                started = P.TITLE_START.match(joined) or P.TITLE_ORG_START.match(joined)
                if started:
                    if kind == "org" or P.key(lines[i].text).endswith("关于"):
                        title.append(P.key(lines[i].text))
                        title_done = True
                    else:
                        break
                else:
                    title.append(P.key(lines[i].text))
            start = i
        else:
            break
        i -= 1
    return start


def _end(lines: list[Line], anchor: int) -> int:
    """Index after the reply's last line."""
    end = len(lines)
    for i in range(anchor + 1, len(lines)):
        k = P.key(lines[i].text)
        if len(k) <= 80 and P.CHROME_END.search(k):
            end = i
            break
    while end > anchor + 1 and (not P.key(lines[end - 1].text) or P.CHROME_LINE.search(P.key(lines[end - 1].text))
                                and not P.DATE_CANON.match(P.key(lines[end - 1].text))):
        end -= 1
    return end


def _chrome(text: str) -> bool:
    k = P.key(text)
    return bool(k) and bool(P.CHROME_LINE.search(k) or len(k) <= 80 and P.CHROME_END.search(k))


def locate(lines: list[Line], path=None) -> Located:
    """The reply's lines; chrome around it reported as skipped. NotAReply when there is none."""
    anchor = _find_anchor(lines)
    if anchor is None:
        raise NotAReply("不是提案或建议的答复：没有找到称呼（如“××委员：”）和“收悉”“现答复如下”等开头语，未导入",
                        Where(path))
    start, end = _header_start(lines, anchor), _end(lines, anchor)
    if not any(_chrome(ln.text) for ln in lines[:start]):
        start = 0  # no sign of a web page above: unrecognised lines belong to the letter
    skipped = [Skipped(ln.no, ln.text, "chrome") for ln in lines[:start] + lines[end:] if ln.text.strip()]
    return Located([ln for ln in lines[start:end] if ln.text.strip()], skipped)
