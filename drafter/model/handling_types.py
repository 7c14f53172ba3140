"""Handling-type schemes (办理类型): the letters mean different things in different places.

A profile names one of these ids or defines its own labels (reply-conventions.md §3).
"""

SCHEMES: dict[str, dict[str, str]] = {
    "national-abcd": {
        "A": "所提问题已经解决或者基本解决的",
        "B": "所提问题正在解决或者列入规划逐步解决的",
        "C": "所提问题因目前条件限制或者其他原因需待以后解决的",
        "D": "所提问题留作参考的",
    },
    "zj-abc": {
        "A": "已经解决或基本解决",
        "B": "部分解决或已列入计划解决",
        "C": "因受条件限制留作参考或不可行",
    },
    "city-abcd-c-plan": {
        "A": "已经解决或基本解决，或已通过其他途径解决",
        "B": "正在解决或有关工作已启动",
        "C": "已列入规划计划逐步解决",
        "D": "因条件限制暂时难以解决留作参考，已向委员作出解释",
    },
    "jia-yi-bing": {
        "甲": "已经解决或基本解决",
        "乙": "正在解决以及列入计划逐步解决",
        "丙": "因受上级政策限制或客观条件制约，目前暂时不能解决",
    },
    "shenzhen-words": {
        "A": "已经解决或基本解决",
        "B": "正在解决或已列入计划解决",
        "C": "因条件限制或其他原因暂时不能解决",
        "D": "留作参考",
    },
}

DEFAULT_SCHEME = "national-abcd"

# What a clerk calls each scheme (the ids are for files, never shown).
SCHEME_NAMES: dict[str, str] = {
    "national-abcd": "全国通用 A/B/C/D 四类",
    "zj-abc": "A/B/C 三类（C 为留作参考）",
    "city-abcd-c-plan": "A/B/C/D 四类（C 为列入规划）",
    "jia-yi-bing": "甲/乙/丙三类",
    "shenzhen-words": "A/B/C/D 四类（C 为暂时不能解决）",
    "custom": "本单位自定（在 labels 中填写）",
}


def scheme_choices() -> tuple[tuple[str, str], ...]:
    """(Chinese name, id) of every built-in scheme, the default first."""
    ids = [DEFAULT_SCHEME] + [k for k in SCHEMES if k != DEFAULT_SCHEME]
    return tuple((SCHEME_NAMES[k], k) for k in ids)
