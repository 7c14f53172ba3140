"""What the elements of a reply look like (docs reply-conventions.md §2–§9), as regular expressions.

Every pattern is matched against `key(text)`: NFKC (so ，：（） read as , : ( )) with white space
removed, because published copies differ from the letters exactly in width and spacing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_WS = re.compile(r"\s+")


def key(text: str) -> str:
    """The form patterns are matched against: NFKC, no white space."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


CN_DIGITS = "〇○零O一二三四五六七八九"
CN_NUM = "一二三四五六七八九十"


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

CLASS_VALUE = r"\(?(?P<cls>[A-DＡ-Ｄ甲乙丙丁])类?\)?"
HT_LABELS = r"办理类型|答复类型|办理类别|办复类别|办复类型|答复类别|办理结果|类别|类型"
HT = re.compile(rf"^(?P<label>{HT_LABELS})[:]{CLASS_VALUE}$")
HT_BARE = re.compile(rf"^\(?(?P<cls>[A-D甲乙丙丁])类\)?$")
SIGNER = re.compile(r"^(?P<label>签发人|签发|领导签发|签批人|领导签批|领导签字|审签人)[:](?P<name>[^:]{0,12})$")
WENHAO = re.compile(
    r"^(?:文号[:])?(?P<wh>[^\s:()（）]{0,16}?(?:[:])?[〔\[【(﹝]\d{4}[〕\]】)﹞][^\s]{0,8}?号)"
    r"(?P<rest>.{0,20})$")
WENHAO_CLASS = re.compile(rf"^(?P<paren>\()?(?P<cls>[A-D甲乙丙丁])类(?(paren)\))$")
DISCLOSURE_META = re.compile(r"^是否(?:同意)?公开[:]\(?(?P<yes>是|否)\)?$")
DISCLOSURE_BARE = re.compile(r"^(?P<d>公开|主动公开|依申请公开|不予公开|不公开)$")
DISCLOSURE_NOTE = re.compile(r"^\(此件(?P<d>公开发布|主动公开|依申请公开|不予公开)\)$")
DISCLOSURE_ZHU = re.compile(r"^注[:]“?(?P<d>主动公开|依申请公开|不予公开)”?。?$")
BANTOU = re.compile(r"^.{2,30}(文件)$")

ORG_SUFFIX = (r"(局|委员会|委|人民政府|政府|办公室|厅|中心|院|处|办|管委会|公司|街道办事处|镇|乡|街道|部|站|所|队|会"
              r"|支社|区委|市委|县委|党组|小组)")
ORG = re.compile(rf"^(?!关于)[\u4e00-\u9fff()]{{2,40}}{ORG_SUFFIX}$")

TITLE_END = re.compile(r"(答复|复函|答复函|答复的函|的函|会办意见|协办意见|办理意见|办理情况的报告)(\(摘要\))?$")
TITLE_START = re.compile(r"^(关于|对)")
TITLE_ORG_START = re.compile(r"^[\u4e00-\u9fff()]{2,40}?(关于|对)")

# ---- salutation and opening ---------------------------------------------------------------

ROLE_WORDS = r"政协委员|人大代表|委员|代表"
SAL_PERSON = re.compile(
    r"^(?P<honor>尊敬的)?(?P<names>[\u4e00-\u9fff·、,]{1,200}?)"
    r"(?:等(?P<count>\d+|[一二三四五六七八九十]+)?[位名个]?)?(?P<role>" + ROLE_WORDS + r")(?:们)?[:]?$")
SAL_ORG = re.compile(r"^(?P<honor>尊敬的)?(?P<org>[\u4e00-\u9fff()·]{2,40})[:]$")
PARTY = re.compile(r"民革|民盟|民建|民进|农工党|农工民主党|致公党|九三学社|台盟|中国共产党|党组|工商联|总工会|团市委|团县委|"
                   r"妇联|科协|侨联|青联|党派")
GROUP = re.compile(r"委员小组|联络组|小组|界别|代表团|专门委员会|委员会$|组$")
GOV_UNIT = re.compile(r"(局|厅|办公室|人民政府|政府|管委会|管理委员会|中心|办|部|站)$")

OPENING = re.compile(r"收悉|答复如下|函复如下|回复如下|复函如下|意见如下|函告如下|如下[:]|交由?我(局|委|们|单位|办|厅|部|镇|府|中心)"
                     r"|交我(局|委|们)|研究办理|已转交|会办意见|协办意见")
OPENING_LEAD = re.compile(r"提出(的|了)?.{0,80}(建议|提案)")
GREETING = re.compile(r"^您好[!]?$")
_TRAILING_GREETING = re.compile(r"(?<=:)(?:您好|你好|您们好|你们好)[!,。]?$")


def strip_greeting(k: str) -> str:
    """张三委员:您好! → 张三委员: (a greeting on the salutation's line)."""
    return _TRAILING_GREETING.sub("", k)

# ---- body -----------------------------------------------------------------------------------

H_CN = re.compile(r"^(?P<n>[一二三四五六七八九十]{1,3})(?P<sep>[、.．])")
H_PCN = re.compile(r"^\((?P<n>[一二三四五六七八九十]{1,3})\)")
H_AR = re.compile(r"^(?P<n>\d{1,2})(?P<sep>[.])(?!\d)")
H_AR2 = re.compile(r"^(?P<n>\d{1,2})(?P<sep>、)")
H_PAR = re.compile(r"^\((?P<n>\d{1,2})\)")
ITEM_SHI = re.compile(r"^(?P<n>[一二三四五六七八九十]{1,3})是")
ITEM_FANGMIAN = re.compile(r"^(?P<w>一方面|另一方面),")
ITEM_DI = re.compile(r"^第(?P<n>[一二三四五六七八九十]{1,3}),")
INLINE_SHI = re.compile(r"(?:^|(?<=[。;:,!?\s]))(?P<n>[一二三四五六七八九十]{1,3})是")
SENTENCE_END = "。;:!?"

# ---- closing and tail -------------------------------------------------------------------------

CLOSING = re.compile(
    r"^(再次|衷心|诚挚|真诚|非常|十分|最后,)?感谢|^最后|^以上(答复|意见)|^如有不妥|^特此|^专此|^此复|^谢谢|^望您|^希望(您|你们|各位)"
    r"|^欢迎|^对以上答复|^您对(我们的)?答复|批评指正|宝贵意见|多提|建言献策|征询意见表|回执|意见反馈|特此函复|供参考|^在此")
THANKS = re.compile(r"感谢.{0,40}(关心|支持|关注|厚爱|理解|监督)")
NOTE = re.compile(
    r"^\(?(联系人|联系电话|联系单位|联系科室|单位联系电话|电话|经办人|承办人|承办单位|承办负责人|主办单位|会办单位|协办单位|单位负责人"
    r"|抄送|抄报|送|印发|主题词|校对|附件|附|注|领导签发|领导签批|签发人|签发|联系方式)")
CC = re.compile(r"^(?P<label>抄送|抄报|送)[:](?P<list>.+?)$")
CONTACT_EXACT = re.compile(r"^\(联系人:(?P<name>[^,()]+),联系电话:(?P<phone>[^()]+)\)$")
PHONE = re.compile(r"(?:\+?86-?)?(?:0\d{2,3}[-—─–]?\s*)?\d{7,8}|1[3-9]\d{9}|0\d{9,11}")
DATE_CANON = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
DATE_CN = re.compile(rf"^(?P<y>[{CN_DIGITS}]{{4}})年(?P<m>[一二三四五六七八九十]{{1,3}})月(?P<d>[一二三四五六七八九十]{{1,3}})日$")
DATE_DIGITS = re.compile(r"^(?:19|20)\d{4,6}$")
DATE_SEP = re.compile(r"^(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})$")
SIG_DATE = re.compile(rf"^(?P<org>[\u4e00-\u9fff()]{{2,40}}{ORG_SUFFIX})(?P<date>\d{{4}}年\d{{1,2}}月\d{{1,2}}日"
                      rf"|[{CN_DIGITS}]{{4}}年[一二三四五六七八九十]{{1,3}}月[一二三四五六七八九十]{{1,3}}日)$")
DATE_ANY = re.compile(rf"(\d{{4}}年\d{{1,2}}月\d{{1,2}}日|[{CN_DIGITS}]{{4}}年[一二三四五六七八九十]{{1,3}}月[一二三四五六七八九十]{{1,3}}日)")

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
        digits = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0", "O": "0"}
        try:
            year = int("".join(digits[c] for c in m["y"]))
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
    return d is not None and key(text) == f"{d.year}年{d.month}月{d.day}日"
