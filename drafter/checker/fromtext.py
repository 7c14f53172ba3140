"""A plain reply text (one paragraph per line) as a checker Document.

The parts of a letter are recognised from their shape: header lines (办理类型, 文号, title) above
the salutation, the date near the end with the signature above it and notes (联系人, 抄送) below,
the closing formula just before the signature. Everything between salutation and closing is
the body; its first paragraph is the opening. This is deliberately simple: it is for checking
texts, not for importing them (that is drafter.importer's job). The words are the importer's too
(drafter.model.conventions, `C`), matched here in the printed text: full-width colons and
brackets, and labels that letters space out to line up (类　别).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from drafter.checker.document import Document, Unit
from drafter.checker.textutil import CHINESE_DATE, MONTH_DAY_DIGITS, parse_cn_int
from drafter.compose.punctuation import to_fullwidth
from drafter.model import conventions as C
from drafter.model.handling_types import DEFAULT_SCHEME, SCHEMES

_COLON = C.PRINTED_COLON
# labels printed letter-spaced to line up (类　别：B, 联 系 人：); the others only written solid
_SPACED = ("类别", "密级", "缓急", "联系人", "经办人", "电话", "抄送", "抄报")
_HT_LABELS = C.alternation(C.HANDLING_TYPE_LABELS, _SPACED)
_LP, _RP = C.PRINTED_PARENS
# header lines: the class and the signer (shared), disclosure, 密级 and 缓急 (GB/T 9704 版头)
META = re.compile("^(" + C.alternation(C.HANDLING_TYPE_LABELS + C.SIGNER_LABELS + ("是否同意公开", "公开属性", "公开方式")
                                       + ("密级", "缓急", "紧急程度"), _SPACED) + f"){_COLON}")
CLASS_LINE = re.compile(rf"^{_LP}?\s*([{C.CLASS_LETTERS}{C.WIDE_CLASS_LETTERS}])\s*{_RP}?\s*类?$")
PUBLIC_LINE = re.compile(f"^(公开|{C.alternation(C.DISCLOSURE_VALUES)})$")
_WH_OPEN = C.char_class(C.openers(C.WENHAO_BRACKETS + C.WIDE_BRACKETS))
_WH_CLOSE = C.char_class(C.closers(C.WENHAO_BRACKETS + C.WIDE_BRACKETS))
WENHAO = re.compile(rf"[{_WH_OPEN}]\s*\d{{2,4}}\s*[{_WH_CLOSE}]\s*(?:第\s*)?[^\s，。；]{{0,8}}?号")
CLASS_IN = re.compile(rf"(?:{_HT_LABELS}){_COLON}\s*{_LP}?\s*([{C.CLASS_LETTERS}])")
CLASS_AFTER_WENHAO = re.compile(rf"号\s*{_LP}?\s*([A-D])\s*类")   # Latin letters only
_YEAR = rf"(?:\d{{2,4}}|[{C.CN_YEAR_DIGITS}]{{2,4}})"
_MONTH_DAY = rf"(?:\d{{1,2}}|[{MONTH_DAY_DIGITS}]{{1,3}})"
DATE_LINE = re.compile("^" + C.date_shape(_YEAR, _MONTH_DAY, _MONTH_DAY, C.PRINTED_GAP) + "$")
_CC_LABELS = C.alternation(C.CC_LABELS, _SPACED)
CC = re.compile(f"^({_CC_LABELS}){_COLON}")
# note lines: the shared contact, unit and record labels; 附 and 注 only with their colon; of the signer
# and class labels only these four (a 领导签批, 类别 or 办理结果 line is not a note here)
NOTE = re.compile(rf"^(?:{_LP}.*{_RP}$|(" + C.alternation(C.CONTACT_LABELS + C.UNIT_LABELS + C.RECORD_LABELS
                                                        + ("领导签发", "签发人", "办复类别", "办理类型"), _SPACED)
                  + rf"|附{_COLON}|注{_COLON}))")
# the closing: stock formulas and words anywhere in the line (the importer wants the formulas at its start)
CLOSING = re.compile(C.alternation(C.CLOSING_FORMULAS + C.CLOSING_WORDS) + "|感谢|敬请|此致|敬礼|函复$|多提宝贵|欢迎.*提出")
OPENING_HINT = re.compile(C.alternation(C.OPENING_FORMULAS + ("已交", "提出的")))
SALUTATION_END = re.compile(f"({C.alternation(C.ROLE_WORDS + ('同志', '委员会', '党组') + C.GROUP_WORDS)})$")
MARKER = re.compile("^(?:" + "|".join(C.level_markers(f"([{C.CN_NUMERALS}]+)", r"(\d+)")) + ")")
SENTENCE_PUNCT = re.compile(r"[。，；！？,;!?]")


_FLAT_BREAK = re.compile(r"\s+")
_ARABIC_DATE = C.date_shape(r"\d{4}", r"\d{1,2}", r"\d{1,2}", C.PRINTED_GAP)
# what opens a paragraph of a flattened letter: salutation, signer, 抄送, contacts, a date (a year in
# Chinese numerals here without the Latin O that date lines accept)
_STARTERS = re.compile("^(?:尊敬的|" + C.alternation(("签发人", "抄送", "抄报", "联系", "承办", "单位负责人", "主题词"), _SPACED)
                       + rf"|{_ARABIC_DATE}|[{C.CN_YEAR_DIGITS.replace('O', '')}]{{4}}\s*年)")
_BREAK_AFTER = re.compile(f"({C.alternation(C.ROLE_WORDS)}|同志|如下|以下)：$")   # a salutation, or 如下：


def _split_flattened(line: str) -> list[tuple[int, str]]:
    """A letter flattened into one line (web copies) split back at its paragraph breaks:
    white space after 。！？, after a salutation or 如下：, or before a date or a note label."""
    stripped = line.strip()
    if not stripped:
        return []
    col0 = len(line) - len(line.lstrip())
    if len(stripped) < 200 or len(re.findall(r"[。！？：]\s+\S", stripped)) < 2:
        return [(col0, stripped)]
    out, start = [], 0
    for m in _FLAT_BREAK.finditer(stripped):
        before, after = stripped[start:m.start()], stripped[m.end():]
        if (before[-1:] in "。！？" or _STARTERS.match(after) or _BREAK_AFTER.search(before)
                or DATE_LINE.match(before)):
            out.append((col0 + start, before))
            start = m.end()
    out.append((col0 + start, stripped[start:]))
    return [(c, t) for c, t in out if t]


def _level(text: str) -> int:
    m = MARKER.match(text)
    if not m:
        return 0
    return next(i for i, g in enumerate(m.groups(), 1) if g)


def _is_heading(text: str) -> bool:
    """A numbered line that is a heading on its own: short, no sentence inside."""
    if not _level(text):
        return False
    return len(text) <= 40 and not re.search(r"[。；;！!]", text[:-1]) and not text.endswith(("；", ";"))


_ARABIC_DATE_PARTS = re.compile("^" + C.date_shape(r"(\d{4})", r"(\d{1,2})", r"(\d{1,2})", C.PRINTED_GAP))
_CN_DATE_PARTS = re.compile("^" + CHINESE_DATE)


def _parse_date(text: str) -> dt.date | None:
    m = _ARABIC_DATE_PARTS.match(text)
    if m:
        try:
            return dt.date(*(int(g) for g in m.groups()))
        except ValueError:
            return None
    m = _CN_DATE_PARTS.match(text)
    if m:
        try:
            year = int(C.arabic_year(m.group(1)))
            return dt.date(year, parse_cn_int(m.group(2)), parse_cn_int(m.group(3)))
        except (KeyError, ValueError, TypeError):
            return None
    return None


def infer_kind(title: str, opening: str, salutation: str) -> tuple[str | None, str | None]:
    """政协提案 or 人大建议 from the title, else the opening, else the salutation."""
    m = re.search(r"号\s*(?:代表)?(提案|建议)", title)
    if m:
        return C.KIND_OF_WORD[m.group(1)], "title"
    if "政协" in title or "提案" in title:
        return "政协提案", "title"
    if "人大" in title or "人民代表大会" in title or "建议" in title:
        return "人大建议", "title"
    m = (re.search(r"》(?:\s*[（(][^）)]*[）)])?\s*的?(提案|建议)", opening) or re.search(r"的(提案|建议)(?:已)?收悉", opening)
         or re.search(r"(提案)》", opening))
    if m:
        return C.KIND_OF_WORD[m.group(1)], "opening"
    if "政协" in opening:
        return "政协提案", "opening"
    if "人大" in opening or "人民代表大会" in opening:
        return "人大建议", "opening"
    m = re.search(f"({C.alternation(C.ROLE_WORDS)}){_COLON}?$", salutation)
    if m:
        return C.KIND_OF_WORD[m.group(1)], "salutation"
    return None, None


def document_from_text(paragraphs: list[str], *, path: Path | None = None, kind: str | None = None,
                       proposal_title: str | None = None, handling_type: str | None = None,
                       scheme: str = DEFAULT_SCHEME, today: dt.date | None = None,
                       ascii_punctuation: bool = False) -> Document:
    entries = []  # (line number, column0, text)
    for number, raw in enumerate(paragraphs, 1):
        line = raw.rstrip("\r\n")
        if ascii_punctuation:
            line = to_fullwidth(line)
        for col0, text in _split_flattened(line):
            entries.append((number, col0, text))
    roles = [""] * len(entries)

    # Salutation: the first short line ending in a colon (or in 委员/代表 with the colon missing).
    sal = None
    for i, (_, _, text) in enumerate(entries[:14]):
        if META.match(text) or OPENING_HINT.search(text[:-1] if text.endswith(("：", ":")) else text) and len(text) > 60:
            continue
        if text.endswith(("：", ":")) and len(text) <= 120 and not re.search(r"答复如下|函复如下|如下[：:]$", text):
            sal = i
            break
        if SALUTATION_END.search(text) and len(text) <= 60 and "关于" not in text and i + 1 < len(entries):
            sal = i
            break
    if sal is not None:
        header_end = sal
    else:  # no salutation: header lines are the short ones without a sentence in them
        header_end = 0
        while header_end < len(entries) and header_end < 8:
            text = entries[header_end][2]
            if not (META.match(text) or CLASS_LINE.match(text) or PUBLIC_LINE.match(text) or (
                    len(text) <= 40 and not re.search(r"[。，；！？]", text))):
                break
            header_end += 1
    for i in range(header_end):
        text = entries[i][2]
        if META.match(text) or CLASS_LINE.match(text) or PUBLIC_LINE.match(text):
            roles[i] = "meta"
        elif WENHAO.search(text) and len(text) <= 40 and "关于" not in text:
            roles[i] = "wenhao"
        else:
            roles[i] = "title"
    if sal is not None:
        roles[sal] = "salutation"

    # The end: notes and 抄送 after the date, signature and closing before it.
    date_i = None
    for i in range(len(entries) - 1, header_end, -1):
        if DATE_LINE.match(entries[i][2]):
            date_i = i
            break
    end = len(entries)
    if date_i is not None:
        roles[date_i] = "date"
        for i in range(date_i + 1, len(entries)):
            roles[i] = "cc" if CC.match(entries[i][2]) else "note"
        end = date_i
    i = end - 1
    body_start = (sal + 1) if sal is not None else header_end
    while i >= body_start:
        text = entries[i][2]
        if CC.match(text):
            roles[i] = "cc"
        elif NOTE.match(text):
            roles[i] = "note"
        elif len(text) <= 30 and not SENTENCE_PUNCT.search(text) and not _level(text) and not CLOSING.search(text):
            roles[i] = "signature"
        else:
            break
        i -= 1
    closing_floor = max(body_start + 1, i - 2)
    while i >= closing_floor and CLOSING.search(entries[i][2]) and not _level(entries[i][2]):
        roles[i] = "closing"
        i -= 1
    body_end = i + 1
    for j in range(body_start, body_end):
        text = entries[j][2]
        if j == body_start:
            roles[j] = "opening"
        elif NOTE.match(text) and not _level(text):
            roles[j] = "note"
        elif _is_heading(text):
            roles[j] = "heading"
        else:
            roles[j] = "paragraph"

    units = []
    for (number, col0, text), role in zip(entries, roles):
        units.append(Unit(role or "paragraph", text, level=_level(text) if role == "heading" else 0,
                          line=number, column0=col0))
    title = "".join(u.text for u in units if u.role == "title")
    opening = next((u.text for u in units if u.role == "opening"), "")
    salutation = next((u.text for u in units if u.role == "salutation"), "")
    source = "given" if kind else None
    if not kind:
        kind, source = infer_kind(title, opening, salutation)

    ht_unit = None
    if handling_type is None:
        for u in units:
            if u.role in ("meta", "wenhao", "note", "title"):
                m = CLASS_IN.search(u.text) or (CLASS_AFTER_WENHAO.search(u.text) if u.role == "wenhao" else None) \
                    or (CLASS_LINE.match(u.text) if u.role == "meta" else None)
                if m:
                    handling_type, ht_unit = m.group(1).translate(str.maketrans("ＡＢＣＤ", "ABCD")), u
                    break
    date_unit = next((u for u in units if u.role == "date"), None)
    return Document(
        units=units, path=path, kind=kind, kind_source=source, proposal_title=proposal_title,
        handling_type=handling_type, handling_type_unit=ht_unit,
        handling_labels=dict(SCHEMES.get(scheme, SCHEMES[DEFAULT_SCHEME])), handling_scheme=scheme,
        date=_parse_date(date_unit.text) if date_unit else None, today=today or dt.date.today(),
        ascii_punctuation=ascii_punctuation,
    )
