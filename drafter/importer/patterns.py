"""What the elements of a reply look like (docs reply-conventions.md §2–§9), as regular expressions.

Every pattern is matched against `key(text)`: NFKC (so ，：（） read as , : ( )) with white space
removed, because published copies differ from the letters exactly in width and spacing. The words
are the vocabulary the checker uses too (drafter.model.conventions, `C`), with the ASCII colon and
brackets of `key`; where the importer reads more variants than the checker, they are added here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from drafter.model import conventions as C
from drafter.model.fields import date_cn

_WS = re.compile(r"\s+")


def key(text: str) -> str:
    """The form patterns are matched against: NFKC, no white space."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def cn_value(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23 (what headings and 一是 items use)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if not text or any(c not in digits and c != "十" for c in text):
        return None
    if "十" not in text:
        return digits[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    t = 1 if not tens else digits.get(tens)
    o = 0 if not ones else digits.get(ones)
    if t is None or o is None or len(tens) > 1 or len(ones) > 1:
        return None
    return t * 10 + o


# ---- header block -------------------------------------------------------------------------

_COLON = C.KEY_COLON
_CLASS = f"[{C.CLASS_LETTERS}]"
CLASS_VALUE = rf"\(?(?P<cls>[{C.CLASS_LETTERS}{C.WIDE_CLASS_LETTERS}])类?\)?"
# every label letters print for the class (§3); the checker reads the shared four
HT_LABELS = C.alternation(C.HANDLING_TYPE_LABELS + ("答复类型", "办理类别", "办复类型", "答复类别", "类型"))
HT = re.compile(rf"^(?P<label>{HT_LABELS}){_COLON}{CLASS_VALUE}$")
HT_BARE = re.compile(rf"^\(?(?P<cls>{_CLASS})类\)?$")
# 签发 and the other signer labels letters print (§8); the checker reads the shared three
SIGNER_LABELS = C.SIGNER_LABELS + ("签发", "签批人", "领导签字", "审签人")
SIGNER = re.compile(rf"^(?P<label>{C.alternation(SIGNER_LABELS)}){_COLON}(?P<name>[^:]{{0,12}})$")
_WH_OPEN = C.char_class(C.openers(C.WENHAO_BRACKETS))     # key() has folded the full-width ones
_WH_CLOSE = C.char_class(C.closers(C.WENHAO_BRACKETS))
WENHAO = re.compile(
    rf"^(?:文号{_COLON})?(?P<wh>[^\s:()（）]{{0,16}}?(?:{_COLON})?[{_WH_OPEN}]\d{{4}}[{_WH_CLOSE}][^\s]{{0,8}}?号)"
    r"(?P<rest>.{0,20})$")
WENHAO_CLASS = re.compile(rf"^(?P<paren>\()?(?P<cls>{_CLASS})类(?(paren)\))$")
_DISCLOSURE = C.alternation(C.DISCLOSURE_VALUES)
DISCLOSURE_META = re.compile(rf"^是否(?:同意)?公开{_COLON}\(?(?P<yes>是|否)\)?$")
DISCLOSURE_BARE = re.compile(rf"^(?P<d>公开|{_DISCLOSURE}|不公开)$")
DISCLOSURE_NOTE = re.compile(rf"^\(此件(?P<d>公开发布|{_DISCLOSURE})\)$")
DISCLOSURE_ZHU = re.compile(rf"^注{_COLON}“?(?P<d>{_DISCLOSURE})”?。?$")
BANTOU = re.compile(r"^.{2,30}(文件)$")

ORG_SUFFIX = (r"(局|委员会|委|人民政府|政府|办公室|厅|中心|院|处|办|管委会|公司|街道办事处|镇|乡|街道|部|站|所|队|会"
              r"|支社|区委|市委|县委|党组|小组)")
# a unit, perhaps with the department that wrote the reply in brackets: ××局（局办公室）
ORG = re.compile(rf"^(?!关于)[\u4e00-\u9fff()]{{2,40}}{ORG_SUFFIX}(?:\([\u4e00-\u9fff]{{2,20}}\))?$")

TITLE_END = re.compile(r"(答复|复函|答复函|答复的函|的函|会办意见|协办意见|办理意见|办理情况的报告)(\(摘要\))?$")
TITLE_START = re.compile(r"^(关于|对)")
TITLE_ORG_START = re.compile(r"^[\u4e00-\u9fff()]{2,40}?(关于|对)")

# ---- salutation and opening ---------------------------------------------------------------

ROLE_WORDS = C.alternation(("政协委员", "人大代表") + C.ROLE_WORDS)
SAL_PERSON = re.compile(
    r"^(?P<honor>尊敬的)?(?P<names>[\u4e00-\u9fff·、,]{1,200}?)"
    rf"(?:等(?P<count>\d+|[{C.CN_NUMERALS}]+)?[位名个]?)?(?P<role>{ROLE_WORDS})(?:们)?{_COLON}?$")
SAL_ORG = re.compile(rf"^(?P<honor>尊敬的)?(?P<org>[\u4e00-\u9fff()·]{{2,40}}){_COLON}$")
# a party or 人民团体 greeted without the colon (民盟××市委): only with a PARTY name in it
SAL_PARTY_BARE = re.compile(r"^(?P<honor>尊敬的)?(?P<org>[\u4e00-\u9fff()·]{2,24})$")
# parties and 人民团体 (§1): the shared names, and those only the importer lists
PARTY = re.compile(C.alternation(C.PARTIES + ("农工民主党", "九三学社", "中国共产党", "党组") + C.PEOPLES_BODIES
                                 + ("团市委", "团县委", "侨联", "青联", "党派")))
# groups of proposers: the shared words, and 委员会/组 at the end of the name only
GROUP = re.compile(C.alternation(("委员小组",) + C.GROUP_WORDS + ("代表团", "专门委员会")) + "|委员会$|组$")
GOV_UNIT = re.compile(rf"({C.alternation(C.GOV_UNIT_WORDS + ('厅', '人民政府', '管委会', '管理委员会', '办', '部', '站'))})$")

OPENING = re.compile(rf"{C.alternation(C.OPENING_FORMULAS)}|回复如下|复函如下|意见如下|如下{_COLON}"
                     r"|交由?我(局|委|们|单位|办|厅|部|镇|府|中心)|交我(局|委|们)|研究办理|已转交|会办意见|协办意见")
OPENING_LEAD = re.compile(r"提出(的|了)?.{0,80}(建议|提案)")
GREETING = re.compile(r"^您好[!]?$")
_TRAILING_GREETING = re.compile(r"(?<=:)(?:您好|你好|您们好|你们好)[!,。]?$")


def strip_greeting(k: str) -> str:
    """张三委员:您好! → 张三委员: (a greeting on the salutation's line)."""
    return _TRAILING_GREETING.sub("", k)

# ---- body -----------------------------------------------------------------------------------

_CN_N = rf"(?P<n>[{C.CN_NUMERALS}]{{1,3}})"
_AR_N = r"(?P<n>\d{1,2})"
# the four levels; 一. and 一． are read too (classify_body keeps them only when Word styled the line)
H_CN, H_PCN, H_AR, H_PAR = (re.compile("^" + marker) for marker in C.level_markers(
    _CN_N, _AR_N, dunhao="(?P<sep>[、.．])", dot="(?P<sep>[.])", parens=C.KEY_PARENS))
H_AR2 = re.compile(rf"^{_AR_N}(?P<sep>、)")
ITEM_SHI = re.compile(rf"^{_CN_N}是")
ITEM_FANGMIAN = re.compile(r"^(?P<w>一方面|另一方面),")
ITEM_DI = re.compile(rf"^第{_CN_N},")
INLINE_SHI = re.compile(rf"(?:^|(?<=[。;:,!?\s])){_CN_N}是")
SENTENCE_END = "。;:!?"

# ---- closing and tail -------------------------------------------------------------------------

# here the stock formulas must open the line; the checker finds them anywhere in it
CLOSING = re.compile(
    r"^(再次|衷心|诚挚|真诚|非常|十分|最后,)?感谢|^最后|^以上(答复|意见)|"
    + "|".join("^" + re.escape(w) for w in C.CLOSING_FORMULAS)
    + r"|^谢谢|^望您|^希望(您|你们|各位)|^欢迎|^对以上答复|^您对(我们的)?答复|" + C.alternation(C.CLOSING_WORDS)
    + r"|宝贵意见|多提|征询意见表|回执|意见反馈|特此函复|供参考|^在此")
THANKS = re.compile(r"感谢.{0,40}(关心|支持|关注|厚爱|理解|监督)")
# note labels: the shared ones, 抄送 and the signer labels, and bare 附/注 (the checker wants their colon)
NOTE = re.compile(r"^\(?(" + C.alternation(
    C.CONTACT_LABELS + C.UNIT_LABELS + C.CC_LABELS + ("印发",) + C.RECORD_LABELS + ("附", "注") + C.SIGNER_LABELS
    + ("签发", "联系方式")) + ")")
CC = re.compile(rf"^(?P<label>{C.alternation(C.CC_LABELS)}){_COLON}(?P<list>.+?)$")
CONTACT_EXACT = re.compile(rf"^\(联系人{_COLON}(?P<name>[^,()]+),联系电话{_COLON}(?P<phone>[^()]+)\)$")
PHONE = re.compile(r"(?:\+?86-?)?(?:0\d{2,3}[-—─–]?\s*)?\d{7,8}|1[3-9]\d{9}|0\d{9,11}")
DATE_CANON = re.compile("^" + C.date_shape(r"(?P<y>\d{4})", r"(?P<m>\d{1,2})", r"(?P<d>\d{1,2})") + "$")
DATE_CN = re.compile("^" + C.date_shape(f"(?P<y>[{C.CN_YEAR_DIGITS}]{{4}})", f"(?P<m>[{C.CN_NUMERALS}]{{1,3}})",
                                        f"(?P<d>[{C.CN_NUMERALS}]{{1,3}})") + "$")
DATE_DIGITS = re.compile(r"^(?:19|20)\d{4,6}$")
DATE_SEP = re.compile(r"^(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})$")
SIG_DATE = re.compile(rf"^(?P<org>[\u4e00-\u9fff()]{{2,40}}{ORG_SUFFIX})(?P<date>{C.ARABIC_DATE}|{C.CHINESE_DATE})$")
DATE_ANY = re.compile(rf"({C.ARABIC_DATE}|{C.CHINESE_DATE})")

# ---- web-page chrome ----------------------------------------------------------------------------

CHROME_END = re.compile(
    r"扫一扫|打印本页|关闭窗口|分享到|ICP备|公网安备|网站标识码|版权所有|Copyright|^技术支持|技术支持:|^上一条|^下一条|^上一篇|^下一篇|附件下载"
    r"|^相关附件|文件下载|政策咨询|密码登录|还没有账号|立即注册|下载Word|下载PDF|【打印|网站地图|与我们联系|^主办单位:.*(地址|邮编|联系方式)"
    r"|^主办:.*承办:|^附件:$|^标签:|^打印:?$|^分享|您现在的位置|当前位置|^【关闭|^【字体|^\(?责任编辑|^编辑:|^审核:|返回顶部"
    r"|^【返回|^收藏|^【收藏|^相关链接|^相关文章|^相关阅读|^网站首页|^联系我们$|^设为首页|^加入收藏|找错|^手机版|^微信$|^微博$"
    r"|^附件\d*:.*\.(docx?|pdf|xlsx?|wps|zip|rar)$|^【打印】|^\[打印\]|^\[关闭\]")
CHROME_LINE = re.compile(
    r"^\|*$|^\|.*\|$|发布时间|发布日期|信息来源|^来源:|浏览次数|浏览:?\d|时间:\d{4}-|点击数|访问量|阅读次数|索引号|无障碍|长辈版|长者模式|^菜单$|^展开$|文章播报"
    r"|视力保护色|首页[>/]|^字号|^字体|^作者:|^日期:\d|^•|^[大中小\[\]]$")


def parse_date(text: str) -> dt.date | None:
    """A date as letters print it, including the mangled forms web copies show (20211022, 202387)."""
    k = key(text)
    m = DATE_CANON.match(k) or DATE_SEP.match(k)
    if m:
        try:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
    m = DATE_CN.match(k)
    if m:
        try:
            year = int(C.arabic_year(m["y"]))
            return dt.date(year, cn_value(m["m"]) or 0, cn_value(m["d"]) or 0)
        except (KeyError, ValueError):
            return None
    if DATE_DIGITS.match(k):
        year, rest = int(k[:4]), k[4:]
        found = []
        for cut in range(1, len(rest)):
            try:
                found.append(dt.date(year, int(rest[:cut]), int(rest[cut:])))
            except ValueError:
                continue
        valid = [d for d in found if len(str(d.month)) + len(str(d.day)) == len(rest)]
        return valid[0] if len(valid) == 1 else None
    return None


def is_canonical_date(text: str) -> bool:
    """Whether the renderer prints this date exactly so (2024年6月18日: no leading zeros)."""
    d = parse_date(text)
    return d is not None and key(text) == date_cn(d)
