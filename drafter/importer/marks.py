"""Reading the marks a letter prints around its body (class mark, 签发人, 公开属性, contact, 署名)
into their values and their printed forms (model.forms): the value goes to its own field, the line
becomes a form with ``{{ }}`` where the value stood, so it prints back word for word.

Each reader returns None when the line is not that mark or the form would not print the line back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.importer import patterns as P
from drafter.model import conventions as C
from drafter.model.forms import DISCLOSURE_WORDS


@dataclass
class Mark:
    """One recognised mark: its name (as in model.forms), its value and its printed lines."""

    name: str               # handling_type | signer | disclosure | contact | signature
    value: object           # the letter, the name, the disclosure word, or the contact dict
    text: list[str]         # the form: the printed lines with {{ }} for the value
    lines: list = None      # the source Lines it was read from


def fill(text: str, variables: dict) -> str:
    """A form's text with its {{ name }} filled (what render_text does for these plain names)."""
    return re.sub(r"\{\{ (\w+) \}\}", lambda m: str(variables.get(m.group(1), "")), text)


def _checked(name: str, value, variables: dict, lines: list[str], forms: list[str]) -> Mark | None:
    if any(re.search(r"\{[{%#]", line) for line in lines):
        return None  # Jinja syntax in the letter: kept as literal text elsewhere
    if [_bare(fill(f, variables)) for f in forms] != [_bare(line) for line in lines]:
        return None  # white space aside (letters space names out: 张 雷), the form prints the line
    return Mark(name, value, forms)


def _bare(text: str) -> str:
    return re.sub(r"\s", "", text)


def _replace(text: str, start: int, end: int, var: str) -> str:
    return text[:start] + "{{ " + var + " }}" + text[end:]


# ---- class mark (§3) ---------------------------------------------------------------------------

_LETTER = re.compile(f"[{C.CLASS_LETTERS}{C.WIDE_CLASS_LETTERS}]")


def handling_type(text: str) -> Mark | None:
    """办理类型：A, 类别：A类, 办理结果：（C）, a bare A类."""
    k = P.key(text)
    m = P.HT.match(k) or P.HT_BARE.match(k)
    if not m:
        return None
    value = P.key(m["cls"])
    printed = text.strip()
    at = max((x for x in _LETTER.finditer(printed) if P.key(x.group()) == value), key=lambda x: x.start(), default=None)
    if at is None:
        return None
    return _checked("handling_type", value, {"value": value}, [printed], [_replace(printed, at.start(), at.end(), "value")])


def wenhao_class(suffix: str) -> Mark | None:
    """The class written after the 文号 without brackets (…〔2019〕12号B类)."""
    m = re.fullmatch(rf"\s*([{C.CLASS_LETTERS}{C.WIDE_CLASS_LETTERS}])\s*类\s*", suffix)
    if not m:
        return None
    value = P.key(m.group(1))
    return _checked("handling_type", value, {"value": value}, [suffix], [_replace(suffix.strip(), 0, 1, "value")])


# ---- 签发人 (§8) -----------------------------------------------------------------------------------

def signer(text: str) -> Mark | None:
    """签发人：×××, 领导签发：×××."""
    m = P.SIGNER.match(P.key(text))
    if not m or not m["name"]:
        return None
    return _named("signer", text, m["name"])


def _named(name: str, text: str, value: str) -> Mark | None:
    """A form that prints value where the line has it (perhaps spaced out: 张 雷)."""
    printed = text.strip()
    found = list(re.finditer(r"\s*".join(map(re.escape, value)), printed))
    if len(found) != 1:
        return None
    at = found[0]
    return _checked(name, value, {"name": value}, [printed], [_replace(printed, at.start(), at.end(), "name")])


# ---- 公开属性 (§9, §11) ----------------------------------------------------------------------------

_DISCLOSURE_OF = {"公开": "主动公开", "公开发布": "主动公开", "主动公开": "主动公开", "是": "主动公开",
                  "依申请公开": "依申请公开", "不予公开": "不予公开", "不公开": "不予公开", "否": "不予公开"}


def disclosure(text: str) -> Mark | None:
    """（此件公开发布）, 是否同意公开：是, 注：“主动公开”。, a bare 公开."""
    k = P.key(text)
    m = P.DISCLOSURE_META.match(k)
    word = m["yes"] if m else None
    if word is None:
        m = P.DISCLOSURE_BARE.match(k) or P.DISCLOSURE_NOTE.match(k) or P.DISCLOSURE_ZHU.match(k)
        word = m["d"] if m else None
    if word is None or word not in _DISCLOSURE_OF:
        return None
    value = _DISCLOSURE_OF[word]
    printed_word, yes, public = DISCLOSURE_WORDS[value]
    variables = {"value": value, "word": printed_word, "yes": yes, "public": public}
    var = {"是": "yes", "否": "yes", "公开": "public", "不公开": "public", "公开发布": "word"}.get(word, "value")
    printed = text.strip()
    at = printed.rfind(word) if var != "yes" else printed.rfind(word, printed.find("公开") + 2)
    if at < 0:
        return None
    return _checked("disclosure", value, variables, [printed], [_replace(printed, at, at + len(word), var)])


# ---- contact (§9) --------------------------------------------------------------------------------

def _spaced_label(word: str) -> str:
    return r"\s*".join(map(re.escape, word))


# label -> what its value holds: n(ame), p(hone), u(nit); longest first
_CONTACT_LABELS = [
    ("联系科室、人员及电话", "up"), ("联系单位及电话", "up"), ("联系人及联系电话", "np"), ("联系人及电话", "np"),
    ("单位联系电话", "p"), ("联系电话", "p"), ("联系方式", "p"), ("联系单位", "u"), ("联系科室", "u"),
    ("联系人", "n"), ("经办人", "n"), ("承办人", "n"), ("电话", "p"),
]
_LABEL = re.compile("(" + "|".join(_spaced_label(w) for w, _ in _CONTACT_LABELS) + r")\s*[:：]\s*")
_HOLDS = {re.sub(r"\s", "", w): h for w, h in _CONTACT_LABELS}
_NAME = re.compile(r"[\u4e00-\u9fff·](?:\s?[\u4e00-\u9fff·]){1,5}")
_UNIT = re.compile(r"[\u4e00-\u9fff（）()]{2,30}?(?=[\s,，;；、)）\d]|$)")
_SEPARATORS = " \t\u3000,，;；、()（）"


def is_contact_line(text: str) -> bool:
    return bool(_LABEL.search(text))


def contact(lines: list[str]) -> Mark | None:
    """One or more consecutive contact lines: 联系人：××× 联系电话：…, （联系单位及电话：…，…）."""
    printed = [line.strip() for line in lines]
    found: dict[str, tuple[int, int, int, str]] = {}   # var -> (line, start, end, value)
    for i, text in enumerate(printed):
        labels = list(_LABEL.finditer(text))
        if not labels:
            return None
        for j, m in enumerate(labels):
            end = labels[j + 1].start() if j + 1 < len(labels) else len(text)
            if not _values(text, m.end(), end, _HOLDS[_bare(m.group(1))], i, found):
                return None
    if not ("name" in found or "phone" in found):
        return None
    forms = list(printed)
    for var, (i, start, end, _) in sorted(found.items(), key=lambda kv: -kv[1][2]):
        forms[i] = _replace(forms[i], start, end, var)
    value = {var: found[var][3] for var in ("name", "phone", "unit") if var in found}
    return _checked("contact", value, value, printed, forms)


def _values(text: str, start: int, end: int, holds: str, line: int, found: dict) -> bool:
    """Read the values a label holds from text[start:end] into found; False when they are not
    all there, or something else is."""
    pos = start
    for what in holds:
        lead = pos + len(text[pos:end]) - len(text[pos:end].lstrip(_SEPARATORS))
        rest = text[lead:end]
        if what == "p":
            m = _PHONE.match(rest.translate(_DASHES))
            var, span = "phone", (m.start(), m.end()) if m else None
        elif what == "n":
            m = _NAME.match(rest)
            var, span = "name", (m.start(), m.end()) if m else None
        else:
            m = _UNIT.match(rest)
            var, span = "unit", (m.start(), m.end()) if m else None
        if span is None or var in found:
            return False
        found[var] = (line, lead + span[0], lead + span[1], _bare(rest[span[0]:span[1]]))
        pos = lead + span[1]
    return not text[pos:end].strip(_SEPARATORS + "。.")


_DASHES = str.maketrans("—─–", "---")
# the longest phone form first (a mobile number is not an 8-digit number and three more)
_PHONE = re.compile(r"(?:1[3-9]\d{9}|0\d{9,11}|(?:\+?86-?)?(?:0\d{2,3}-?\s*)?\d{7,8})(?!\d)")


# ---- 署名 with a label (§8: 承办单位：××区人民政府) ---------------------------------------------------

_SIGNING = re.compile(r"^\s*(承\s*办\s*单\s*位|答\s*复\s*单\s*位|主\s*办\s*单\s*位)\s*[:：]\s*(?P<org>[\u4e00-\u9fff（）()]{2,40}?)"
                      r"(?=\s|单位负责人|$)")


def signature(lines: list[str]) -> Mark | None:
    """承办单位：××局 (a 署名 with its label), with the lines after it that belong to it (会办单位：…)."""
    if not lines:
        return None
    m = _SIGNING.match(lines[0])
    if not m or not P.ORG.match(P.key(m["org"])):
        return None
    printed = [line.strip() for line in lines]
    first = printed[0]
    shift = len(lines[0]) - len(lines[0].lstrip())
    forms = [_replace(first, m.start("org") - shift, m.end("org") - shift, "name")] + printed[1:]
    return _checked("signature", m["org"], {"name": m["org"]}, printed, forms)
