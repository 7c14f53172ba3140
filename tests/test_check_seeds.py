"""The seed examples: the known slips are found, and everything else found is a real issue.

Each seed example copies a published reply with its slips left in (their sheets say which).
Every finding is listed here with the text it points at; a new finding fails the test until
someone decides whether it is real (then it is listed) or a false alarm (then a rule changes).
"""

from __future__ import annotations

import pytest

from drafter.checker import check_paths
from test_check_support import column_of, line_of

LINYI = "临沂市科技局/000-赵洁-专精特新.yaml"
ZIBO = "淄博市科技局/001-王亮-民营企业数字化.yaml"
YUYAO = "余姚市科技局/003-中国共产党组-产业创新能力.yaml"

EXPECTED = {
    LINYI: [
        ("numbering.stray", "③拓展"),                 # known slip: a stray ③ in a 一是/二是 list
        ("doubled-word.repeat", "引育引育"),           # known slip
        ("doubled-word.guanyu", "关于《关于"),         # 您提出的关于《关于…》: one 关于 too many
        ("doubled-word.clause", "部门联合出台"),       # 联合市财政、市税务部门联合出台
        ("punctuation.space", "通过 “俄罗斯"),         # a stray space
        ("de-di-de.phrase", "一如既往的继续"),         # 一如既往地继续支持
    ],
    ZIBO: [
        ("numbering.stray", "第三，完善"),             # 一方面…另一方面…第三
    ],
    YUYAO: [
        ("formal.opening", "的建议已收悉"),            # a 政协提案 called 建议 in the opening
        ("numbering.form", "1、企业创新"),             # “1、” for “1.” as level-3 headings
        ("numbering.form", "2、人才项目"),
        ("numbering.form", "3、创新平台"),
        ("numbering.form", "1、实施创新平台"),
        ("numbering.form", "2、实施创新主体"),
        ("numbering.form", "3、实施关键"),
        ("numbering.form", "4、实施科技合作"),
        ("numbering.form", "5、实施创新生态"),
        ("punctuation.range", "（2020-2022）》，加大"),  # 2020—2022
        ("punctuation.range", "（2020-2022）》，对全市"),
        ("punctuation.space", "注册 企业"),            # web line-break debris
        ("punctuation.space", "500 家"),
        ("wording.confusable", "拉进科技"),            # 拉近…距离
    ],
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_finding_on_a_seed_is_a_known_real_issue(examples, name):
    found = check_paths([examples / name])
    remaining = list(found)
    for rule, snippet in EXPECTED[name]:
        match = next((f for f in remaining if f.rule == rule and snippet in f.context), None)
        assert match is not None, f"missing {rule} at {snippet!r}"
        remaining.remove(match)
    assert remaining == [], "unexpected: " + "; ".join(f.format() for f in remaining)


def test_both_known_slips_of_seed_000_are_found_where_they_are(examples):
    path = examples / LINYI
    found = {f.rule: f for f in check_paths([path])}
    stray, doubled = found["numbering.stray"], found["doubled-word.repeat"]
    assert (stray.line, stray.column, stray.found) == (line_of(path, "③拓展人才"), column_of(path, "③拓展人才"), "③")
    assert (doubled.line, doubled.column) == (line_of(path, "全年引育引育"), column_of(path, "全年引育引育") + 4)
    assert stray.key[-1] == "text" and stray.key[0] == "sections"


@pytest.mark.parametrize("name", list(EXPECTED))
def test_a_fix_can_be_applied_where_the_finding_says(examples, name):
    """For the TUI: the offset inside the field's value holds exactly the text found."""
    from drafter.sheets.load import Loader

    data = Loader().load(examples / name).located.data
    for f in check_paths([examples / name]):
        if f.offset is None:
            continue
        value = data
        for part in f.key:
            value = value[part]
        assert value[f.offset:f.offset + len(f.found)] == f.found, f.format()
