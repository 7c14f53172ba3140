"""Recognising a reply's elements: its regions (header, title, salutation, opening, body, closing,
signature block) and the values they carry (kind, proposers, meeting, number, 文号, class…).

Built on docs reply-conventions.md, not on particular letters: the header block precedes the
title; the salutation names the proposer (or, for a 协办 opinion, the 主办 unit); the opening
quotes the proposal in 《》 or “”; the signature block is an organisation line over a date, with
附注 and 抄送 after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.importer import patterns as P
from drafter.importer.locate import header_kind, salutation_match
from drafter.importer.source import Line
from drafter.model import conventions as C


@dataclass
class Elem:
    """A body paragraph: plain text, a heading (own line or run-in) or a 一是 item."""

    kind: str                   # "para" | "heading" | "item"
    line: Line
    htype: str | None = None    # heading marker type: cn 一、 pcn （一） ar 1. ar2 1、 par （1） plain
    n: int | None = None        # the marker's number
    own_line: bool = False      # heading on a line of its own (else run into its paragraph)
    style: str | None = None    # item style: 一是 | 一方面 | 第一
    lead: str = ""
    rest: str = ""              # heading text after the marker; item text after the lead

    @property
    def text(self) -> str:
        return self.line.text.strip()


@dataclass
class Letter:
    """The reply's lines, by region, in order."""

    header: list[Line] = field(default_factory=list)
    title: list[Line] = field(default_factory=list)
    after_title: list[Line] = field(default_factory=list)
    salutation: Line | None = None
    opening: list[Line] = field(default_factory=list)
    body: list[Elem] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)
    tail: list[Line] = field(default_factory=list)
    letterhead: Line | None = None   # a red 红头 line of a .docx

    def all_lines(self) -> list[Line]:
        sal = [self.salutation] if self.salutation else []
        return (self.header + self.title + self.after_title + sal + self.opening + [e.line for e in self.body]
                + self.closing + self.tail)


@dataclass
class Recognised:
    """The values found in a reply (what a clerk would type into a sheet)."""

    kind: str = "政协提案"
    proposers: list[str] = field(default_factory=list)
    proposer_count: int | None = None
    proposer_role: str | None = None
    handling: str = "主办"
    lead_unit: str | None = None
    session: str | None = None
    number: str | None = None
    proposal_title: str | list[str] | None = None
    wenhao: str | None = None
    handling_type: str | None = None
    handling_type_label: str | None = None
    signer: str | None = None
    title: str | None = None
    salutation: str | None = None
    signature: str | None = None
    date: str | None = None          # as printed
    contact: dict | None = None      # {"name": …, "phone": …}
    disclosure: str | None = None
    cc: list[str] = field(default_factory=list)
    co_units: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)
    items: int = 0
    letterhead: str | None = None


# ---- classifying single lines -------------------------------------------------------------------

def is_date_line(text: str) -> bool:
    """A date line (any form letters and web copies print), or a signature and date on one line."""
    k = P.key(text)
    return P.parse_date(text) is not None or bool(P.DATE_CN.match(k)) or bool(P.SIG_DATE.match(k))


def is_org_line(text: str) -> bool:
    k = P.key(text)
    if len(k) > 40 or any(c in k for c in "。,;!?"):
        return False
    return bool(P.ORG.match(k)) or k.startswith("承办单位:") or k.startswith("答复单位:")


def is_note_line(text: str) -> bool:
    k = P.key(text)
    if P.CC.match(k) or P.DISCLOSURE_NOTE.match(k) or P.DISCLOSURE_ZHU.match(k) or P.HT.match(k):
        return True
    if P.SIGNER.match(k) or P.HT_BARE.match(k) or P.DISCLOSURE_BARE.match(k):
        return True
    m = P.NOTE.match(k)
    return bool(m) and ":" in k[: len(m.group(0)) + 10]


def is_closing_line(text: str) -> bool:
    """A closing formula: thanks, 此复, 如有不妥, a request for feedback (not 首先感谢, which opens)."""
    k = P.key(text)
    if k.startswith(("首先", "近年来", "下一步")):
        return False
    m = P.THANKS.search(k)
    return bool(P.CLOSING.search(k)) or (bool(m) and m.start() <= 12 and len(k) < 220)


# ---- the body ---------------------------------------------------------------------------------------

_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"]*\"")


def _heading_own_line(rest: str, line: Line) -> bool:
    """一、工作开展情况 stands alone; 一、加大监管力度。围绕…… runs into its paragraph."""
    if line.level:
        return True
    k = _QUOTED.sub("“”", P.key(rest))
    if not k or len(k) > 50:
        return False
    body = k[:-1]
    return not re.search(r"[。;!?:]", body) and ("," not in body or len(k) <= 24)


def classify_body(line: Line, next_line: Line | None) -> Elem:
    """What one body paragraph is."""
    text = line.text.strip()
    k = P.key(text)
    for htype, pattern in (("cn", P.H_CN), ("pcn", P.H_PCN), ("par", P.H_PAR), ("ar", P.H_AR), ("ar2", P.H_AR2)):
        m = pattern.match(k)
        if m:
            n = P.cn_value(m["n"]) if htype in ("cn", "pcn") else int(m["n"])
            if htype == "cn" and m.group("sep") != "、" and not line.level:
                break  # 一.  is not a GB/T 9704 marker; treat as text unless Word styled it
            rest = _after_marker(text, len(m.group(0)))
            return Elem("heading", line, htype, n, _heading_own_line(rest, line), rest=rest)
    m = P.ITEM_SHI.match(k)
    if m and P.cn_value(m["n"]):
        lead, body = split_lead(_after_marker(text, len(m.group(0))))
        return Elem("item", line, style="一是", n=P.cn_value(m["n"]), lead=lead, rest=body)
    m = P.ITEM_FANGMIAN.match(k)
    if m:
        lead, body = split_lead(_after_marker(text, len(m.group(0))))
        return Elem("item", line, style="一方面", n=1 if m["w"] == "一方面" else 2, lead=lead, rest=body)
    m = P.ITEM_DI.match(k)
    if m and P.cn_value(m["n"]):
        lead, body = split_lead(_after_marker(text, len(m.group(0))))
        return Elem("item", line, style="第一", n=P.cn_value(m["n"]), lead=lead, rest=body)
    if _plain_heading(text, line, next_line):
        return Elem("heading", line, "plain", None, True, rest=text)
    return Elem("para", line)


def _after_marker(text: str, key_len: int) -> str:
    """The printed text after a marker whose key form is key_len characters long."""
    count = 0
    for i, ch in enumerate(text):
        if count == key_len:
            return text[i:].strip()
        if not ch.isspace():
            count += len(P.key(ch)) or 1
    return ""


def split_lead(text: str) -> tuple[str, str]:
    """完善体系。聚焦…… → ("完善体系。", "聚焦……"): the lead sentence of an item."""
    m = re.search(r"[。；;：:！!？?]", text)
    if not m or m.end() > 60 or m.end() == len(text.rstrip()):
        return ("", text) if not m or m.end() > 60 else (text, "")
    return text[: m.end()], text[m.end():]


def _plain_heading(text: str, line: Line, next_line: Line | None) -> bool:
    """An unnumbered heading: short, no sentence punctuation, followed by more text."""
    if next_line is None:
        return False
    k = _QUOTED.sub("“”", P.key(text))
    if line.level:
        return True
    return 2 <= len(k) <= 24 and not re.search(r"[。,;:!?、()]", k) and not P.OPENING.search(k) \
        and not P.CLOSING.search(k)


# ---- regions ---------------------------------------------------------------------------------------

def split_regions(lines: list[Line]) -> Letter:
    """Cut the reply's lines into the letter's regions."""
    letter = Letter()
    sal = next((i for i, ln in enumerate(lines[:15]) if salutation_match(ln.text)
                and any(_opening_like(x.text) for x in lines[i + 1:i + 4])), None)
    if sal is None:
        sal = next((i for i, ln in enumerate(lines[:15]) if salutation_match(ln.text)), None)
    if sal is not None:
        pre, letter.salutation, post = lines[:sal], lines[sal], lines[sal + 1:]
    else:
        first = next((i for i, ln in enumerate(lines) if _opening_like(ln.text)), len(lines))
        # no salutation: the header ends where header-like lines stop
        cut = 0
        while cut < first and header_kind(lines[cut].text) not in (None,):
            cut += 1
        pre, post = lines[:cut], lines[cut:]
    _split_pre(pre, letter)
    if post:
        n_open = 2 if P.GREETING.match(P.key(post[0].text)) and len(post) > 1 else 1
        letter.opening, rest = post[:n_open], post[n_open:]
    else:
        rest = []
    tail_start = _tail_start(rest)
    closing_start = tail_start
    while closing_start > 0 and is_closing_line(rest[closing_start - 1].text):
        closing_start -= 1
    body = rest[:closing_start]
    letter.closing, letter.tail = rest[closing_start:tail_start], rest[tail_start:]
    letter.body = _digit_led(
        [classify_body(ln, body[i + 1] if i + 1 < len(body) else None) for i, ln in enumerate(body)])
    return letter


_DIGIT_LED = re.compile(r"^(\d{1,2})\.(?=\d)")
_YEAR_LED = re.compile(r"^\d{1,2}\.(?:19|20)\d{2}年")


def _digit_led(body: list[Elem]) -> list[Elem]:
    """1.2017年，… is item 1 (not the decimal 1.2017) when a year follows, or when its number
    continues or starts a 1. 2. list."""
    numbers = []
    for e in body:
        d = _DIGIT_LED.match(P.key(e.text)) if e.kind == "para" or e.htype == "plain" else None
        numbers.append(e.n if e.kind == "heading" and e.htype == "ar" else int(d.group(1)) if d else None)
    out, last = [], 0
    for i, (e, n) in enumerate(zip(body, numbers)):
        if e.kind == "heading" and e.htype in ("cn", "pcn"):
            last = 0  # a new part: its 1. 2. list starts again
        if n is not None and (e.kind == "para" or e.htype == "plain"):
            following = next((x for x in numbers[i + 1:] if x is not None), None)
            k = P.key(e.text)
            if _YEAR_LED.match(k) or n == last + 1 and (n > 1 or following == 2):
                rest = _after_marker(e.text, len(_DIGIT_LED.match(k).group()))
                e = Elem("heading", e.line, "ar", n, _heading_own_line(rest, e.line), rest=rest)
            else:
                n = None
        if n is not None:
            last = n
        out.append(e)
    return out


def _opening_like(text: str) -> bool:
    k = P.key(text)
    return bool(P.OPENING.search(k) or P.OPENING_LEAD.search(k) or P.GREETING.match(k) or P.THANKS.search(k))


def _split_pre(pre: list[Line], letter: Letter) -> None:
    """Header block, title (one or more lines) and marks between the title and the salutation."""
    i = len(pre)
    while i > 0 and header_kind(pre[i - 1].text) == "mark":
        i -= 1
    after = pre[i:]
    j = i
    if j > 0 and header_kind(pre[j - 1].text) == "title_end":
        j -= 1
        while j > 0:
            joined = "".join(P.key(x.text) for x in pre[j:i])
            kind = header_kind(pre[j - 1].text)
            started = P.TITLE_START.match(joined) or P.TITLE_ORG_START.match(joined)
            if kind in ("title_part", "org") and not started:
                j -= 1
            elif started and (kind == "org" or P.key(pre[j - 1].text).endswith("关于")):
                j -= 1
                break
            else:
                break
        letter.title, letter.after_title = pre[j:i], after
    else:
        j, letter.after_title = len(pre), []
        if after and not letter.title:
            j = i  # marks without a title belong to the header block
            letter.header = pre[:i] + after
            return
    letter.header = pre[:j]


def _tail_start(rest: list[Line]) -> int:
    """Where the signature block (signature, date, 附注, 抄送) begins."""
    n = len(rest)
    date_at = None
    for i in range(n - 1, max(-1, n - 16), -1):
        if is_date_line(rest[i].text):
            date_at = i
            break
    if date_at is not None:
        start = date_at
        if start > 0 and is_org_line(rest[start - 1].text):
            start -= 1
    else:
        start = n
        while start > 0 and (is_note_line(rest[start - 1].text) or is_org_line(rest[start - 1].text)) \
                and not is_closing_line(rest[start - 1].text):
            start -= 1
        return start
    while start > 0 and is_note_line(rest[start - 1].text) and not is_closing_line(rest[start - 1].text):
        start -= 1
    return start


# ---- values -----------------------------------------------------------------------------------------

def recognise(letter: Letter) -> Recognised:
    r = Recognised()
    header_keys = [P.key(x.text) for x in letter.header + letter.after_title]
    tail_lines = letter.closing + letter.tail
    r.title = "".join(x.text.strip() for x in letter.title) or None
    _header_values(header_keys, r)
    for line in tail_lines:
        k = P.key(line.text)
        m = P.HT.match(k) or P.HT_BARE.match(k)
        if m and not r.handling_type:
            r.handling_type, r.handling_type_label = m["cls"], m.groupdict().get("label")
        _disclosure(k, r)
        m = P.SIGNER.match(k)
        if m and not r.signer:
            r.signer = m["name"] or None
    if letter.salutation:
        r.salutation = letter.salutation.text.strip()
        _proposers_from_salutation(r.salutation, r)
    opening = "".join(P.key(x.text) for x in letter.opening[:2])
    if not r.proposers or r.handling == "协办":
        _proposers_from_opening(opening, r)
    r.proposal_title = proposal_title(" ".join(x.text for x in letter.opening[:2]))
    _session_number(P.key(r.title or ""), opening, r)
    if re.search(r"协办|会办", P.key(r.title or "") + opening[:80]):
        r.handling = "协办"
    r.kind = _kind(r, opening)
    if r.proposer_role in C.ROLE_WORDS:  # letters mix these up; the kind decides (conventions §4)
        r.proposer_role = C.KIND_ROLE[r.kind]
    _signature_block(letter, r)
    _contact_cc(tail_lines, r)
    _headings_items(letter, r)
    m = re.search(r"(?:结合|经商|会同|经与)(?P<units>[\u4e00-\u9fff、和]{2,60}?)(?:意见|共同研究|研究)", opening)
    if m:
        r.co_units = [u for u in re.split(r"[、和]", m["units"]) if u]
    return r


def _header_values(keys: list[str], r: Recognised) -> None:
    for k in keys:
        m = P.HT.match(k) or P.HT_BARE.match(k)
        if m and not r.handling_type:
            r.handling_type, r.handling_type_label = m["cls"], m.groupdict().get("label")
        m = P.SIGNER.match(k)
        if m and not r.signer:
            r.signer = m["name"] or None
        _disclosure(k, r)
        m = P.WENHAO.match(k)
        if m and not r.wenhao:
            r.wenhao = m["wh"]
            rest = m["rest"]
            cm = P.WENHAO_CLASS.match(rest)
            if cm and not r.handling_type:
                r.handling_type = cm["cls"]
            sm = P.SIGNER.match(rest)
            if sm and not r.signer:
                r.signer = sm["name"] or None


def _disclosure(k: str, r: Recognised) -> None:
    if r.disclosure:
        return
    m = P.DISCLOSURE_META.match(k)
    if m:
        r.disclosure = "主动公开" if m["yes"] == "是" else "不予公开"
        return
    m = P.DISCLOSURE_BARE.match(k) or P.DISCLOSURE_NOTE.match(k) or P.DISCLOSURE_ZHU.match(k)
    if m:
        word = m["d"]
        r.disclosure = {"公开": "主动公开", "公开发布": "主动公开", "不公开": "不予公开"}.get(word, word)


def _split_names(text: str) -> list[str]:
    return [n for n in re.split(r"[、,，\s]+", text) if n]


def _proposers_from_salutation(text: str, r: Recognised) -> None:
    k = P.strip_greeting(P.key(text))
    m = P.SAL_PERSON.match(k)
    if m and m["names"] not in ("各位", "各"):
        r.proposers = _split_names(m["names"])
        r.proposer_role = "委员" if "委员" in m["role"] else "代表"
        if m["count"]:
            r.proposer_count = int(m["count"]) if m["count"].isdigit() else P.cn_value(m["count"])
        return
    m = P.SAL_ORG.match(k) or P.SAL_PARTY_BARE.match(k)
    if m:
        org = m["org"]
        if P.GOV_UNIT.search(org) and not P.PARTY.search(org):
            r.handling, r.lead_unit = "协办", org
            return
        r.proposers = [org]
        r.proposer_role = "党派团体" if P.PARTY.search(org) else "集体" if P.GROUP.search(org) else "党派团体"


_BY_OPENING = re.compile(r"(?:^|[,。:;])(?:经研究,)?(?:现对|现就|对|就)?(?P<who>[\u4e00-\u9fff、·]{2,80}?)"
                         rf"(?:等(?P<count>\d+|[{C.CN_NUMERALS}]+)?[位名]?)?(?P<role>{C.alternation(C.ROLE_WORDS)})?"
                         r"(?:们)?(?:所)?提出的")


def _proposers_from_opening(opening: str, r: Recognised) -> None:
    m = _BY_OPENING.search(opening)
    if not m or m["who"] in ("您", "你", "你们", "您们", "贵会", "贵委", "贵党组", "各位", "委员", "代表"):
        return
    who = m["who"]
    if m["role"]:
        r.proposers = _split_names(who)
        r.proposer_role = m["role"]
        if m["count"]:
            r.proposer_count = int(m["count"]) if m["count"].isdigit() else P.cn_value(m["count"])
    elif P.PARTY.search(who) or P.GROUP.search(who):
        r.proposers = [who]
        r.proposer_role = "党派团体" if P.PARTY.search(who) else "集体"


def proposal_title(text: str) -> str | list[str] | None:
    """The text in the first 《》 (or “”) of the opening; several when 并案."""
    found: list[str] = []
    i, n = 0, len(text)
    head = re.split(r"收悉|答复如下|已交|交由|交我", text)[0]
    while i < len(head):
        ch = head[i]
        if ch in "《“\"":
            close = {"《": "》", "“": "”", "\"": "\""}[ch]
            depth, j = 1, i + 1
            while j < n:
                if text[j] == ch and ch != close:
                    depth += 1
                elif text[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            inner = text[i + 1:j].strip()
            if j >= len(head):  # unbalanced: the proposal runs up to 收悉
                inner = re.sub(r"的?提案$", "", head[i + 1:].strip())
            if inner:
                found.append(inner)
            i = j + 1
            continue
        i += 1
    if not found:
        return None
    books = re.findall(r"《([^《》]+)》", head)
    if len(found) > 1 and all(f in books for f in found[:2]) and re.search(r"》(和|及|与|、)《", head):
        return found
    return found[0]


_SESSION = re.compile(r"(?:关于|对)(?:对)?(?P<session>[^关对,。:]{2,40}?会议)上?(?:第)?(?P<num>[0-9A-Za-z、]+)?号?")
_NUMBER = re.compile(r"第(?P<num>[0-9A-Za-z][0-9A-Za-z、]*)号")


def _session_number(title: str, opening: str, r: Recognised) -> None:
    m = _SESSION.search(title)
    if m:
        r.session = m["session"]
        if m["num"]:
            r.number = m["num"]
    if not r.session:
        m = re.search(r"在(?P<s>[^,。:在]{2,40}?会议)上", opening) or re.search(r"\((?P<s>[^()]{2,40}?会议)第", opening)
        if m:
            r.session = m["s"]
    if not r.number:
        m = _NUMBER.search(title) or _NUMBER.search(opening) or re.search(r"(?P<num>\d+)号(?:提案|建议|代表建议)",
                                                                       title + opening)
        if m:
            r.number = m["num"]


def _kind(r: Recognised, opening: str) -> str:
    zx = rd = 0
    title = P.key(r.title or "")
    if "提案" in title:
        zx += 3
    elif "建议" in title:
        rd += 3
    session = r.session or ""
    zx += 3 * ("政协" in session)
    rd += 3 * ("人大" in session or "人民代表大会" in session)
    zx += 2 * (r.proposer_role == "委员")
    rd += 2 * (r.proposer_role == "代表")
    ptitle = r.proposal_title[0] if isinstance(r.proposal_title, list) else r.proposal_title or ""
    zx += 3 * P.key(ptitle).endswith("提案")   # 《关于…的提案》 (a 提案 may be titled …的建议, never the reverse)
    bare = re.sub(r"《[^》]*》|“[^”]*”", "", opening)
    zx += 2 * ("提案" in bare)
    rd += 1 * ("代表建议" in bare or "人大" in bare)
    return "人大建议" if rd > zx else "政协提案"


def _signature_block(letter: Letter, r: Recognised) -> None:
    tail = letter.tail
    for i, line in enumerate(tail):
        if is_date_line(line.text):
            m = P.SIG_DATE.match(P.key(line.text))
            if m:
                r.signature, r.date = m["org"], m["date"]
            else:
                r.date = line.text.strip()
            if i > 0 and is_org_line(tail[i - 1].text) and not r.signature:
                r.signature = _org_name(tail[i - 1].text)
            break
    if r.date is None:
        for line in tail + letter.closing:
            m = P.DATE_ANY.search(P.key(line.text))
            if m:
                r.date = m.group(1)
                break
    if r.signature is None:
        for line in tail:
            if is_org_line(line.text) or P.key(line.text).startswith(("承办单位:", "主办单位:")):
                r.signature = _org_name(line.text)
                break


def _org_name(text: str) -> str:
    k = P.key(text)
    m = re.match(r"^(?:承办单位|答复单位|主办单位):(?P<org>[\u4e00-\u9fff()]+?)(?:单位负责人.*)?$", k)
    return m["org"] if m else text.strip()


# 抄送： as printed (the list is taken from the printed text, not from its key)
_CC_PRINTED = re.compile(rf"^\s*({C.alternation(C.CC_LABELS, spaced=C.CC_LABELS)}){C.PRINTED_COLON}\s*")


def _contact_cc(lines: list[Line], r: Recognised) -> None:
    name = phone = None
    seen_contact = False
    for line in lines:
        k = P.key(line.text)
        m = P.CC.match(k)
        if m and not r.cc:
            raw = _CC_PRINTED.sub("", line.text.strip())
            raw = re.split(r"联系单位|联\s*系\s*人|经\s*办\s*人", raw)[0]
            r.cc = [c for c in re.split(r"[，,、；;\s]+", raw.strip().rstrip("。.")) if c]
            continue
        if not re.search(r"联系|电话|经办人|承办人", k):
            continue
        seen_contact = True
        nm = re.search(r"(?:联系人|经办人|承办人)(?:及(?:联系)?电话)?:(?P<name>[\u4e00-\u9fff]{2,4}?)(?=联系|电话|[,;:\d]|$)", k)
        if nm and not name:
            name = nm["name"]
        pm = re.search(r"电话[^:]{0,4}:(?P<p>.+)$", k) or (re.search(r"(?P<p>[\d\-—─–]{7,})", k) if nm else None)
        if pm and not phone:
            found = P.PHONE.search(pm["p"].replace("—", "-").replace("─", "-").replace("–", "-"))
            phone = found.group(0) if found else None
    if seen_contact and (name or phone):
        r.contact = {"name": name, "phone": phone}


def _headings_items(letter: Letter, r: Recognised) -> None:
    for e in letter.body:
        if e.kind != "heading" or e.htype not in ("cn", "pcn"):
            continue
        text = e.rest if e.own_line else re.split(r"。", e.rest)[0]
        text = text.strip().rstrip("。：:")
        (r.headings if e.htype == "cn" else r.subheadings).append(text)
    expected = 1
    for line in [x for x in letter.opening] + [e.line for e in letter.body]:
        for m in P.INLINE_SHI.finditer(P.key(line.text)):
            v = P.cn_value(m["n"])
            if v == expected or v == 1:
                r.items += 1
                expected = v + 1
