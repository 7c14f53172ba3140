"""Formal elements: 文号, dates, salutation and opening against the kind, the proposal's title
and number against the sheet (GB/T 9704 R3.3, R4.9; reply-conventions §2, §4, §5)."""

from __future__ import annotations

import re
import unicodedata

from drafter.checker.document import PROSE, Document, Unit
from drafter.checker.textutil import CHINESE_DATE, parse_cn_int, quoted_spans
from drafter.model import conventions as C
from drafter.model.conventions import KIND_ROLE, KIND_WORD
from drafter.model.fields import date_cn

# the year of a 文号 in any bracket letters use, full-width ones and braces too
_BRACKETS = C.WENHAO_BRACKETS + C.WIDE_BRACKETS + ("{}",)
_OPEN = C.openers(_BRACKETS)
_CLOSE = C.closers(_BRACKETS)
WENHAO = re.compile(
    rf"(?P<open>[{re.escape(_OPEN)}])\s*(?P<year>\d{{2,4}})\s*(?P<close>[{re.escape(_CLOSE)}])\s*"
    r"(?P<di>第\s*)?(?P<num>[^\s号，。；、（(]{0,8}?)\s*(?P<hao>号)?(?=$|[\s（(A-D，。；]|签发)"
)
# A 文号 cited in the body: issuer + bracketed year + number + 号, in brackets other than 〔〕.
_WRONG = tuple(pair for pair in C.WENHAO_BRACKETS + C.WIDE_BRACKETS if pair != "〔〕")
CITED_WENHAO = re.compile(rf"(?P<open>[{C.char_class(C.openers(_WRONG))}])\s*(?P<year>(?:19|20)\d{{2}})\s*"
                          rf"(?P<close>[{C.char_class(C.closers(_WRONG))}])\s*(?P<num>\d+)\s*号")
DATE_LEADING_ZERO = re.compile(r"(\d{4})\s*年\s*(0\d|\d{1,2})\s*月(?:\s*(0\d|\d{1,2})\s*日)?")
CN_DATE = re.compile(f"^{CHINESE_DATE}$")
# a body, not a person, named before 委员/代表 in a salutation: parties, 人民团体, groups, government units
GROUP_WORDS = re.compile(C.alternation(("党组", "委员会") + C.GROUP_WORDS + C.PARTIES + C.PEOPLES_BODIES + C.GOV_UNIT_WORDS
                                       + ("学社", "团委", "支部", "市委", "县委", "区委")))
OPENING_KIND = re.compile(r"》(?:\s*[（(][^）)]*[）)])?\s*(?:的)?\s*(提案|建议)")


def check(doc: Document) -> None:
    for unit in doc.units:
        if unit.role == "wenhao":
            _wenhao(doc, unit)
        if unit.role == "date" and not doc.is_sheet:
            _date_line(doc, unit)
        elif unit.role in ("opening", "paragraph", "item", "heading", "closing", "note", "signature"):
            _date_in_text(doc, unit)
        if unit.role == "salutation":
            _salutation(doc, unit)
        if unit.role == "opening":
            _opening(doc, unit)
        if unit.role == "title":
            _title(doc, unit)
    _cited_wenhao(doc)
    _date_value(doc)
    _proposal_title(doc)


# ---- 文号 ---------------------------------------------------------------------------------------

def _wenhao(doc: Document, unit: Unit) -> None:
    text = unit.text
    m = WENHAO.search(text)
    if not m:
        bare = re.search(r"(\d{4})\s*年?\s*(第\s*)?(\d+)\s*号", text)
        if bare:
            doc.emit("formal.wenhao", "文号的年份应放在六角括号“〔〕”里", unit, bare.start(), bare.end(),
                     f"〔{bare.group(1)}〕{int(bare.group(3))}号")
        return
    problems = []
    year = m.group("year")
    if m.group("open") != "〔" or m.group("close") != "〕":
        problems.append(f"年份应放在六角括号“〔〕”里，不用“{m.group('open')}{m.group('close')}”")
    if len(year) != 4:
        problems.append("年份应写全四位")
        year = ("20" + year) if len(year) == 2 else year
    num = m.group("num")
    if m.group("di"):
        problems.append("序号前不加“第”")
    if not re.fullmatch(r"\d+(?:-\d+)?", num):
        doc.emit("formal.wenhao", f"文号的序号“{num or '（空）'}”不是数字：可能是没有填的占位文字",
                 unit, m.start("num") if num else m.end("close"), m.end("num") if num else m.end("close"))
        return
    if num.startswith("0"):
        problems.append("序号不编虚位（不加“0”）")
        num = re.sub(r"^0+(?=\d)", "", num)
    if not m.group("hao"):
        problems.append("序号后应有“号”")
    if problems:
        fix = f"〔{year}〕{num}号"
        doc.emit("formal.wenhao", "文号格式不对：" + "；".join(problems), unit, m.start(), m.end(), fix)


def _cited_wenhao(doc: Document) -> None:
    prose = doc.joined(PROSE)
    if "号" not in prose.text:
        return
    for m in CITED_WENHAO.finditer(prose.text):
        if not m.start() or not "\u4e00" <= prose.text[m.start() - 1] <= "\u9fff":
            continue  # an issuer's name stands before a cited 文号
        prose.emit(doc, "formal.wenhao", f"引用的文号年份应放在六角括号“〔〕”里，不用“{m.group('open')}{m.group('close')}”",
                   m.start(), m.end(), f"〔{m.group('year')}〕{int(m.group('num'))}号", severity="warning")


# ---- dates --------------------------------------------------------------------------------------

def _cn_to_arabic(m: re.Match) -> str:
    year = C.arabic_year(m.group(1))
    return f"{year}年{parse_cn_int(m.group(2).replace('〇', '零'))}月{parse_cn_int(m.group(3).replace('〇', '零'))}日"


_ARABIC_DATE_LINE = re.compile("^" + C.date_shape(r"(\d{2,4})", r"(\d{1,2})", r"(\d{1,2})", C.PRINTED_GAP) + "$")


def _date_line(doc: Document, unit: Unit) -> None:
    text = unit.text
    m = CN_DATE.match(text)
    if m:
        try:
            fix = _cn_to_arabic(m)
        except (KeyError, TypeError):
            fix = None
        doc.emit("formal.date", "成文日期用阿拉伯数字（GB/T 9704）", unit, 0, len(text), fix)
        return
    m = _ARABIC_DATE_LINE.match(text)
    if not m:
        return
    y, mo, d = m.groups()
    problems = []
    if len(y) != 4:
        problems.append("年份应写全四位")
    if (len(mo) > 1 and mo.startswith("0")) or (len(d) > 1 and d.startswith("0")):
        problems.append("月、日不编虚位（不加“0”）")
    if re.search(r"\s", text):
        problems.append("中间不留空格")
    if problems:
        year = y if len(y) == 4 else "20" + y
        doc.emit("formal.date", "日期格式不对：" + "；".join(problems), unit, 0, len(text),
                 f"{year}年{int(mo)}月{int(d)}日")


CN_DATE_ANYWHERE = re.compile(CHINESE_DATE)


def _date_in_text(doc: Document, unit: Unit) -> None:
    text = unit.text
    if unit.role in ("note", "signature") and "年" in text:
        for m in CN_DATE_ANYWHERE.finditer(text):
            try:
                fix = _cn_to_arabic(m)
            except (KeyError, TypeError):
                fix = None
            doc.emit("formal.date", "成文日期用阿拉伯数字（GB/T 9704）", unit, m.start(), m.end(), fix)
    if "年0" not in text and "月0" not in text:
        return
    for m in DATE_LEADING_ZERO.finditer(text):
        mo, d = m.group(2), m.group(3)
        if mo.startswith("0") or (d and d.startswith("0")):
            fix = f"{m.group(1)}年{int(mo)}月" + (f"{int(d)}日" if d else "")
            doc.emit("formal.date", "日期的月、日不编虚位（不加“0”）", unit, m.start(), m.end(), fix, severity="warning")


def _date_value(doc: Document) -> None:
    if doc.date is None:
        _missing_date(doc)
        return
    unit = doc.first("date")
    key = ("date",) if doc.is_sheet else None
    if doc.date > doc.today:
        doc.emit("formal.date", f"答复日期 {date_cn(doc.date)} 在今天之后",
                 unit if unit and not doc.is_sheet else None, 0, len(unit.text) if unit and not doc.is_sheet else 0,
                 severity="warning", key=key)
    if doc.assigned_date and doc.date < doc.assigned_date:
        doc.emit("formal.date", f"答复日期早于交办日期（{date_cn(doc.assigned_date)}）", None, key=key)


def _missing_date(doc: Document) -> None:
    """A reply goes out dated (成文日期, GB/T 9704 R4.6, R4.9): a sheet without a date, or a letter
    signed but undated, is an error."""
    if doc.first("date") is not None:
        return  # a date line is there; its form is checked above
    signature = doc.first("signature")
    if doc.is_sheet:
        message = "答复没有成文日期：请填写 date（如 2024-06-18）" + ("，署名下方缺日期" if signature else "")
        doc.emit("formal.date", message, None, key=("date",))
    elif signature is not None:
        doc.emit("formal.date", "有署名而没有成文日期（GB/T 9704：署名下一行写成文日期）", signature, 0, len(signature.text))


# ---- salutation, opening, title ----------------------------------------------------------------

def _salutation(doc: Document, unit: Unit) -> None:
    text = unit.text
    body = text.rstrip("：: ")
    if not text.endswith(("：", ":")):
        doc.emit("formal.salutation", "称呼后应有冒号“：”", unit, len(text), len(text), "：")
    if doc.handling == "协办" or doc.proposer_role in ("党派团体", "集体") or not doc.kind:
        return
    if doc.kind_source == "salutation":
        return
    right = KIND_ROLE[doc.kind]
    wrong = KIND_ROLE["人大建议" if doc.kind == "政协提案" else "政协提案"]
    if body.endswith(wrong) and not (GROUP_WORDS.search(body[:-2]) and not doc.is_sheet):
        at = len(body) - 2
        what = "政协提案" if doc.kind == "政协提案" else "人大建议"
        doc.emit("formal.salutation", f"本件是{what}，称呼应为“{right}”，不是“{wrong}”", unit, at, at + 2, right)


def _opening(doc: Document, unit: Unit) -> None:
    if not doc.kind or doc.kind_source == "opening":
        return
    m = OPENING_KIND.search(unit.text)
    if not m:
        return
    right = KIND_WORD[doc.kind]
    if m.group(1) != right:
        doc.emit("formal.opening", f"本件是{doc.kind}，开头语应称“{right}”，不是“{m.group(1)}”",
                 unit, m.start(1), m.end(1), right)


def _title(doc: Document, unit: Unit) -> None:
    text = unit.text
    if doc.kind and doc.kind_source in ("sheet", "given"):
        m = re.search(r"号\s*(提案|建议)", text)
        right = KIND_WORD[doc.kind]
        if m and m.group(1) != right:
            doc.emit("formal.title", f"本件是{doc.kind}，标题应称“{right}”，不是“{m.group(1)}”",
                     unit, m.start(1), m.end(1), right, severity="error")
    if doc.number and doc.is_sheet:
        m = re.search(r"第\s*([0-9]+)\s*号", text)
        if m and m.group(1).lstrip("0") != doc.number.lstrip("0"):
            doc.emit("formal.title", f"标题里的编号“{m.group(1)}”与答复事实单的编号“{doc.number}”不一致",
                     unit, m.start(1), m.end(1), doc.number, severity="error")


def _proposal_title(doc: Document) -> None:
    """The title quoted in the clerk's opening is the sheet's proposal_title."""
    if not doc.proposal_title or not doc.is_sheet:
        return
    want = _norm(doc.proposal_title)
    for unit in doc.all("opening"):
        # the outermost quotation names the proposal: “关于制订《××条例》的提案” quotes a title in “”
        spans = sorted(quoted_spans(unit.text) + quoted_spans(unit.text, "“", "”"))
        if not spans:
            continue
        start, end = spans[0]
        quoted = unit.text[start + 1:end - 1]
        if _norm(quoted) != want:
            doc.emit("formal.title", f"开头语书名号里的标题与答复事实单的 proposal_title（《{doc.proposal_title}》）不一致",
                     unit, start + 1, end - 1, doc.proposal_title)
        return


def _norm(text: str) -> str:
    """A title as compared: punctuation width and spacing aside (the sheet's may be ASCII, the
    printed one is full-width)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
