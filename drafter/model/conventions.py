"""The vocabulary of replies: labels, role words, markers, date and 文号 shapes — shared by the
importer and the checker.

What the words are comes from the shared docs' reply-conventions.md (cited as §n below) and from
GB/T 9704. The two sides read different text, so this module holds words and regex fragments, not
compiled patterns:

* the importer (drafter.importer.patterns) matches ``key(text)``: NFKC, white space removed, so
  ：（）［］ arrive as ASCII ``: ( ) [ ]`` and nothing is ever spaced out;
* the checker (drafter.checker) matches the text as printed: full-width punctuation (ASCII in web
  copies), and labels may be letter-spaced to line up (类　别).

Each side builds its patterns from these pieces with its own punctuation (``KEY_COLON`` or
``PRINTED_COLON``, ``KEY_PARENS`` or ``PRINTED_PARENS``, a ``gap`` of ``""`` or ``r"\\s*"``).
Where one side reads more (the importer accepts every label variant it has seen published), the
extra words are named on that side, next to the shared core they extend.
"""

import re

# ---- punctuation the two sides see ----------------------------------------------------------------

KEY_COLON = "[:]"                 # key(text): NFKC turned ： into :
PRINTED_COLON = r"\s*[：:]"       # printed: full-width, or ASCII in web copies, perhaps after a space
KEY_PARENS = (r"\(", r"\)")
PRINTED_PARENS = ("[（(]", "[）)]")
PRINTED_GAP = r"\s*"              # between the letters of a spaced-out label, or the parts of a date


def alternation(words, spaced=(), gap: str = PRINTED_GAP) -> str:
    """``a|b|c`` of literal words, in the order given (put a word before its own prefix: 附件 before
    附). A word in ``spaced`` may have ``gap`` between its letters (类　别, 联 系 人)."""
    return "|".join(gap.join(map(re.escape, w)) if w in spaced else re.escape(w) for w in words)


def char_class(chars: str) -> str:
    """chars as the inside of ``[...]``."""
    return "".join("\\" + c if c in "\\]^-[" else c for c in chars)


# ---- numerals (§6, §8) ----------------------------------------------------------------------------

CN_NUMERALS = "一二三四五六七八九十"          # headings 一、（一）, items 一是/第一, months and days
CN_ZEROS = "〇○零O"                            # a year's zero as letters print it ("O" for 〇 is a slip, §12)
CN_YEAR_DIGITS = CN_ZEROS + "一二三四五六七八九"   # 二〇二四年


def arabic_year(text: str) -> str:
    """二〇二四 → "2024", digit by digit (KeyError on a letter that is not a year digit)."""
    values = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0", "O": "0"}
    return "".join(values[c] for c in text)


# ---- dates (§8: 2024年6月18日, Arabic numerals, no leading zeros; GB/T 9704 §7.3.5) -------------------

def date_shape(year: str, month: str, day: str, gap: str = "") -> str:
    """年 月 日 around the three part patterns (with whatever groups the caller wants); ``gap`` stands
    between every two pieces (the checker's ``PRINTED_GAP``: 2024 年 6 月 18 日)."""
    return f"{year}{gap}年{gap}{month}{gap}月{gap}{day}{gap}日"


ARABIC_DATE = date_shape(r"\d{4}", r"\d{1,2}", r"\d{1,2}")                      # 2024年6月18日
CHINESE_DATE = date_shape(f"[{CN_YEAR_DIGITS}]{{4}}", f"[{CN_NUMERALS}]{{1,3}}",
                          f"[{CN_NUMERALS}]{{1,3}}")                            # 二〇二四年六月十八日


# ---- 文号 (§2; GB/T 9704 §7.2.5: 临科函字〔2024〕4号) --------------------------------------------------

WENHAO_BRACKETS = ("〔〕", "[]", "【】", "()", "﹝﹞")   # around the year: 〔〕 is right; copies show the others
WIDE_BRACKETS = ("（）", "［］")                         # full-width ( and [ (key() folds them into the ASCII ones)


def openers(pairs) -> str:
    """The opening brackets of bracket pairs ("〔〕", "[]" → "〔[")."""
    return "".join(p[0] for p in pairs)


def closers(pairs) -> str:
    """The closing brackets of bracket pairs ("〔〕", "[]" → "〕]")."""
    return "".join(p[1] for p in pairs)


# ---- handling-type mark (§3) ------------------------------------------------------------------------

HANDLING_TYPE_LABELS = ("办理类型", "类别", "办复类别", "办理结果")   # 办理类型：A, 类　别：B, 办复类别：B
CLASS_LETTERS = "A-D甲乙丙丁"      # inside [...]: A–D, or 甲乙丙丁 (scheme jia-yi-bing has 甲乙丙)
WIDE_CLASS_LETTERS = "Ａ-Ｄ"       # full-width letters as typed (key() folds them)

# ---- 签发 (§8) ----------------------------------------------------------------------------------------

SIGNER_LABELS = ("签发人", "领导签发", "领导签批")   # 签发人：××× above the 文号; 领导签发：××× after the date

# ---- 附注, contact, 抄送 (§9) ---------------------------------------------------------------------------

CONTACT_LABELS = ("联系人", "联系电话", "联系单位", "联系科室", "单位联系电话", "电话", "经办人", "承办人", "承办单位",
                  "承办负责人", "单位负责人")
UNIT_LABELS = ("主办单位", "会办单位", "协办单位")      # the 主办 and 协办 units named in a note
RECORD_LABELS = ("主题词", "校对", "附件")              # 版记 and attachment lines
CC_LABELS = ("抄送", "抄报", "送")                      # 抄送：…；抄报：…
DISCLOSURE_VALUES = ("主动公开", "依申请公开", "不予公开")   # 公开属性 (§9, §11)

# ---- proposers and salutation (§1, §4) ----------------------------------------------------------------

ROLE_WORDS = ("委员", "代表")                           # 赵洁委员： / ××代表：
KIND_ROLE = {"政协提案": "委员", "人大建议": "代表"}     # the role word a kind calls its proposers
KIND_WORD = {"政协提案": "提案", "人大建议": "建议"}     # what a kind calls the proposal
KIND_OF_WORD = {w: k for mapping in (KIND_ROLE, KIND_WORD) for k, w in mapping.items()}   # 委员, 提案 → 政协提案

PARTIES = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "台盟")   # democratic parties (党派 proposals)
PEOPLES_BODIES = ("工商联", "总工会", "妇联", "科协")                   # 人民团体
GROUP_WORDS = ("联络组", "小组", "界别")                                # groups of 委员 (××街道政协联络组)
GOV_UNIT_WORDS = ("局", "办公室", "政府", "中心")                       # a government unit (协办 letters greet the 主办)

# ---- opening and closing formulas (§5, §7) ------------------------------------------------------------

OPENING_FORMULAS = ("收悉", "答复如下", "函复如下", "函告如下")   # …的提案收悉，现答复如下：
CLOSING_FORMULAS = ("如有不妥", "特此", "专此", "此复")           # stock endings: 如有不妥，请批评指正 · 此复
CLOSING_WORDS = ("批评指正", "建言献策")                          # anywhere in a closing line

# ---- heading markers (§6; GB/T 9704 §7.3.3: 一、 → （一） → 1. → （1）) ------------------------------------


def level_markers(cn: str, ar: str, *, dunhao: str = "、", dot: str = "[.．]",
                  parens: tuple[str, str] = PRINTED_PARENS) -> tuple[str, str, str, str]:
    """The four heading levels 一、 （一） 1. （1） as regex fragments around the numeral patterns
    ``cn`` and ``ar`` (with whatever groups the caller wants); ``dunhao`` follows a level-1 numeral,
    ``dot`` a level-3 one, ``parens`` enclose levels 2 and 4."""
    lp, rp = parens
    return cn + dunhao, lp + cn + rp, ar + dot + r"(?!\d)", lp + ar + rp


# ---- Chinese numerals (heading and item markers: 一、 （十二） 一百零一是) -------------------------

_CN_DIGITS = "零一二三四五六七八九"


def _cn_below_10000(n: int) -> str:
    """1..9999 with 零 for the gaps: 1010 -> 一千零一十."""
    out, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if gap else "") + _CN_DIGITS[digit] + unit
            gap = False
        elif out:
            gap = True
    return out


def cn_number(n: int) -> str:
    """0 -> 零, 10 -> 十, 12 -> 十二, 110 -> 一百一十, 10001 -> 一万零一: any whole number (a
    sheet may have 100 sections, and a template may ask for any `|cn`)."""
    n = int(n)
    if n < 0:
        return "负" + cn_number(-n)
    return _cn(n, leading=True) if n else "零"


def _cn(n: int, leading: bool) -> str:
    for value, unit in ((10**8, "亿"), (10**4, "万")):
        if n >= value:
            high, low = divmod(n, value)
            rest = "" if low == 0 else ("零" if low < value // 10 else "") + _cn(low, leading=False)
            return _cn(high, leading) + unit + rest
    out = _cn_below_10000(n)
    return out[1:] if leading and out.startswith("一十") else out  # 十二, but 一百一十二
