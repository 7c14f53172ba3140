"""Three-way merge (drafter.sheets.merge): the clerk's changes go onto the file as it is on disk now.

base = the file when the clerk opened it, mine = the clerk's data, theirs = the file after a git pull.
No change on either side is lost; lines the clerk did not change stay byte for byte as on disk; a
field changed on both sides is a conflict carrying both values, decided only by an explicit choice.
"""

from __future__ import annotations

import copy
import difflib
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drafter.sheets.merge import BOTH, MINE, MISSING, THEIRS, both_values, merge_data, merge_text
from drafter.sheets.yamlio import load_yaml
from tests.test_sheet_edit import leaves, set_at

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "临沂市科技局" / "000-赵洁-专精特新.yaml"
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")

BASE = """\
# 答复事实单
kind: 政协提案          # 政协提案 或 人大建议
number: "069"
proposers: [赵洁, 王亮]
wenhao: 临科函字〔2024〕4号
sections:
  - heading: 工作开展情况
    items:
      - lead: 完善企业梯度培育体系。
        text: 第一条。
      - lead: 深化产学研协同创新。   # 要点二
        text: 第二条。
  - heading: 下步工作思路
cc: [市政协提案委]
"""


def data(text: str):
    return load_yaml(text).data


def changed_lines(old: str, new: str) -> list[str]:
    """The lines of old that new replaced or removed (insertions touch none)."""
    a, b = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [a[i] for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("replace", "delete") for i in range(i1, i2)]


def edited(text: str, **changes) -> dict:
    out = data(text)
    for key, value in changes.items():
        out[key] = value
    return out


# --- examples ------------------------------------------------------------------------------------

def test_different_fields_changed_on_each_side_are_both_kept_and_nothing_else_moves():
    mine = data(BASE)
    mine["wenhao"] = "临科函字〔2024〕7号"
    mine["sections"][0]["items"][0]["text"] = "第一条（改）。"
    theirs = BASE.replace('"069"', '"070"').replace("第二条。", "第二条（磁盘）。").replace("# 要点二", "# 要点二（磁盘）")
    result = merge_text(BASE, mine, theirs)
    assert result.conflicts == []
    assert result.text == theirs.replace("4号", "7号").replace("第一条。", "第一条（改）。")


def test_same_field_changed_to_different_values_is_a_conflict_with_both_values():
    mine = edited(BASE, wenhao="临科函字〔2024〕7号")
    theirs = BASE.replace("4号", "9号")
    result = merge_text(BASE, mine, theirs)
    assert result.text is None  # nothing to write until the clerk decides
    [conflict] = result.conflicts
    assert (conflict.path, conflict.base, conflict.mine, conflict.theirs) == \
        (("wenhao",), "临科函字〔2024〕4号", "临科函字〔2024〕7号", "临科函字〔2024〕9号")
    assert result.data["wenhao"] == "临科函字〔2024〕9号"  # undecided: the disk's value stays

    def decided(choice):
        return merge_text(BASE, mine, theirs, choices={conflict.id: choice}).text

    assert decided(MINE) == BASE.replace("4号", "7号")
    assert decided(THEIRS) == theirs
    assert data(decided(BOTH))["wenhao"] == "临科函字〔2024〕7号\n临科函字〔2024〕9号"


def test_same_change_on_both_sides_is_no_conflict():
    mine = edited(BASE, wenhao="临科函字〔2024〕7号")
    theirs = BASE.replace("4号", "7号")
    result = merge_text(BASE, mine, theirs)
    assert result.conflicts == [] and result.text == theirs


def test_unchanged_by_the_clerk_means_the_disk_wins_everywhere():
    theirs = BASE.replace("工作开展情况", "工作情况").replace("[市政协提案委]", "[市政协提案委, 市政府督查室]")
    assert merge_text(BASE, data(BASE), theirs).text == theirs


def test_deleted_on_one_side_and_changed_on_the_other_is_a_conflict():
    mine = data(BASE)
    del mine["wenhao"]
    theirs = BASE.replace("4号", "9号")
    [conflict] = merge_text(BASE, mine, theirs).conflicts
    assert conflict.mine is MISSING and conflict.theirs == "临科函字〔2024〕9号"
    assert "wenhao" not in data(merge_text(BASE, mine, theirs, choices={conflict.id: MINE}).text)
    assert data(merge_text(BASE, mine, theirs, choices={conflict.id: BOTH}).text)["wenhao"] == "临科函字〔2024〕9号"


def test_a_deletion_the_disk_did_not_touch_is_applied():
    mine = data(BASE)
    del mine["cc"]
    theirs = BASE.replace('"069"', '"070"')
    assert merge_text(BASE, mine, theirs).text == theirs.replace("cc: [市政协提案委]\n", "")


def test_list_of_names_merges_separate_edits_and_is_one_field_when_they_clash():
    mine = edited(BASE, proposers=["赵洁", "王亮", "李四"])
    assert data(merge_text(BASE, mine, BASE.replace("王亮", "王良")).text)["proposers"] == ["赵洁", "王良", "李四"]
    [conflict] = merge_text(BASE, mine, BASE.replace("王亮", "王亮, 张三")).conflicts
    assert conflict.path == ("proposers",)
    assert (conflict.mine, conflict.theirs) == (["赵洁", "王亮", "李四"], ["赵洁", "王亮", "张三"])
    both = merge_text(BASE, mine, BASE.replace("王亮", "王亮, 张三"), choices={conflict.id: BOTH}).text
    assert data(both)["proposers"] == ["赵洁", "王亮", "李四", "张三"]


def test_items_merge_one_by_one_and_new_items_at_the_same_place_are_asked_about():
    mine = data(BASE)
    items = mine["sections"][0]["items"]
    items[1]["text"] = "第二条（改）。"
    items.append({"lead": "我加的要点。", "text": "我的。"})
    theirs = BASE.replace("第一条。", "第一条（磁盘）。")
    merged = data(merge_text(BASE, mine, theirs).text)
    assert [i["text"] for i in merged["sections"][0]["items"]] == ["第一条（磁盘）。", "第二条（改）。", "我的。"]

    theirs = BASE.replace("        text: 第二条。\n", "        text: 第二条。\n      - lead: 他加的要点。\n        text: 他的。\n")
    [conflict] = merge_text(BASE, mine, theirs).conflicts
    assert conflict.insertion and conflict.path == ("sections", 0, "items", 2)
    assert conflict.mine == [{"lead": "我加的要点。", "text": "我的。"}]
    assert conflict.theirs == [{"lead": "他加的要点。", "text": "他的。"}]
    both = data(merge_text(BASE, mine, theirs, choices={conflict.id: BOTH}).text)
    assert [i["lead"] for i in both["sections"][0]["items"]] == \
        ["完善企业梯度培育体系。", "深化产学研协同创新。", "我加的要点。", "他加的要点。"]


def test_an_item_deleted_on_disk_is_not_brought_back_by_an_edit_elsewhere():
    mine = data(BASE)
    mine["sections"][0]["items"][0]["text"] = "第一条（改）。"
    theirs = BASE.replace("      - lead: 深化产学研协同创新。   # 要点二\n        text: 第二条。\n", "")
    merged = data(merge_text(BASE, mine, theirs).text)
    assert merged["sections"][0]["items"] == [{"lead": "完善企业梯度培育体系。", "text": "第一条（改）。"}]


def test_a_renamed_key_is_renamed_on_disk_and_keeps_the_disks_new_value():
    base = "figures:\n  企业数: {value: \"10\", unit: 家}   # 上半年\n  其他: {value: \"1\"}\n"
    mine = {"figures": {"入库企业数": {"value": "10", "unit": "家"}, "其他": {"value": "2"}}}
    theirs = base.replace('"10"', '"12"')
    result = merge_text(base, mine, theirs, renames=[(("figures", "企业数"), "入库企业数")])
    assert result.conflicts == []
    assert result.text == "figures:\n  入库企业数: {value: \"12\", unit: 家}   # 上半年\n  其他: {value: \"2\"}\n"


def test_a_renamed_key_deleted_on_disk_is_a_conflict():
    base = "figures:\n  企业数: {value: \"10\"}\n  其他: {value: \"1\"}\n"
    mine = {"figures": {"入库企业数": {"value": "10"}, "其他": {"value": "1"}}}
    theirs = "figures:\n  其他: {value: \"1\"}\n"
    [conflict] = merge_text(base, mine, theirs, renames=[(("figures", "企业数"), "入库企业数")]).conflicts
    assert conflict.path == ("figures", "入库企业数") and conflict.theirs is MISSING


def test_unknown_base_asks_about_every_difference():
    mine = edited(BASE, wenhao="临科函字〔2024〕7号")
    theirs = BASE.replace('"069"', '"070"')
    result = merge_text(None, mine, theirs)
    assert {c.path for c in result.conflicts} == {("wenhao",), ("number",)}


def test_both_values_keeps_everything_once():
    assert both_values("甲", "乙") == "甲\n乙"
    assert both_values(["a", "b"], ["b", "c"]) == ["a", "b", "c"]
    assert both_values(MISSING, "乙") == "乙" and both_values("甲", MISSING) == "甲"
    assert both_values({"name": "李明"}, {"name": "王芳", "phone": "1"}) == {"name": "李明\n王芳", "phone": "1"}


# --- properties ----------------------------------------------------------------------------------

def get_at(tree, key):
    for part in key:
        tree = tree[part]
    return tree


EXAMPLE_DATA = data(EXAMPLE_TEXT)
LEAVES = list(leaves(EXAMPLE_DATA))
LISTS = sorted({k[:i] for k in LEAVES for i in range(1, len(k)) if isinstance(k[i], int)})
VALUE = st.one_of(st.sampled_from(["069", "no", "第一行\n第二行\n", "a: b", "x #y", "", "中文，标点：", "{{ facts.x }}"]),
                  st.text(st.characters(blacklist_categories=("Cs",)), max_size=10))


def related(a: tuple, b: tuple) -> bool:
    return a[:len(b)] == b or b[:len(a)] == a


@st.composite
def edits(draw, taken=()):
    """Changes to the example sheet: leaves set, mapping keys deleted or added, items appended to lists;
    none touching a path in `taken`."""
    out = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["set", "set", "delete", "add", "append"]))
        if kind in ("set", "delete"):
            key = draw(st.sampled_from(LEAVES))
            if kind == "delete":
                key = next((key[:i] for i in range(len(key), 0, -1) if isinstance(key[i - 1], str)), None)
                if key is None or key == ("kind",):
                    continue
            op = (kind, key, draw(VALUE))
        elif kind == "add":
            parent = draw(st.sampled_from([(), ("sections", 0), ("sections", 1, "items", 0)]))
            op = ("add", parent + (draw(st.sampled_from(["note_x", "新字段", "after"])),), draw(VALUE))
        else:  # the path of the new item: appending touches nothing else in the list
            key = draw(st.sampled_from(LISTS))
            op = ("append", key + (len(get_at(EXAMPLE_DATA, key)),), draw(VALUE))
        if any(related(op[1], other[1]) for other in out + list(taken)):
            continue
        out.append(op)
    return out


def apply(tree, ops):
    tree = copy.deepcopy(tree)
    for kind, key, value in ops:
        if kind in ("set", "add"):
            set_at(tree, key, value)
        elif kind == "delete":
            del get_at(tree, key[:-1])[key[-1]]
        else:
            key = key[:-1]
            get_at(tree, key).append({"lead": value, "text": value} if isinstance(get_at(tree, key)[0], dict) else value)
    return tree


def effective(ops, base):
    """The ops that change something (setting a leaf to its own value is no change)."""
    return [op for op in ops if not (op[0] == "set" and get_at(base, op[1]) == op[2])]


SETTINGS = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_property_changes_to_different_fields_are_all_kept(draw):
    theirs_ops = draw.draw(edits())
    mine_ops = draw.draw(edits(taken=theirs_ops))
    theirs_text = merge_text(EXAMPLE_TEXT, apply(EXAMPLE_DATA, theirs_ops), EXAMPLE_TEXT).text
    result = merge_text(EXAMPLE_TEXT, apply(EXAMPLE_DATA, mine_ops), theirs_text)
    assert result.conflicts == []
    assert data(result.text) == apply(apply(EXAMPLE_DATA, theirs_ops), mine_ops)  # every change, both sides


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(LEAVES), VALUE), min_size=1, max_size=4, unique_by=lambda t: t[0]),
       st.lists(st.tuples(st.sampled_from(LEAVES), VALUE), min_size=1, max_size=4, unique_by=lambda t: t[0]))
def test_property_lines_the_clerk_did_not_change_stay_byte_for_byte(mine_sets, theirs_sets):
    theirs_sets = [(k, v) for k, v in theirs_sets if k not in dict(mine_sets)]
    theirs_text = merge_text(EXAMPLE_TEXT, apply(EXAMPLE_DATA, [("set", k, v) for k, v in theirs_sets]),
                             EXAMPLE_TEXT).text
    result = merge_text(EXAMPLE_TEXT, apply(EXAMPLE_DATA, [("set", k, v) for k, v in mine_sets]), theirs_text)
    located = load_yaml(theirs_text)
    allowed = set()
    for key, _ in mine_sets:
        span, key_span = located.spans[key], located.key_spans.get(key)
        allowed.update(theirs_text.splitlines()[(key_span or span).line - 1:span.end_line])
    assert set(changed_lines(theirs_text, result.text)) <= allowed


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(LEAVES), VALUE, VALUE), min_size=1, max_size=5, unique_by=lambda t: t[0]))
def test_property_conflicts_are_exactly_the_fields_both_sides_changed_differently(sets):
    mine = apply(EXAMPLE_DATA, [("set", k, m) for k, m, _ in sets])
    theirs = apply(EXAMPLE_DATA, [("set", k, t) for k, _, t in sets])
    theirs_text = merge_text(EXAMPLE_TEXT, theirs, EXAMPLE_TEXT).text
    result = merge_text(EXAMPLE_TEXT, mine, theirs_text)
    expected = {k for k, m, t in sets if m != t and get_at(EXAMPLE_DATA, k) not in (m, t)}
    # a clash inside a list of plain values is reported for the whole list
    reported = {c.path for c in result.conflicts}
    assert {next(p for p in reported if related(p, k)) for k in expected} == reported
    assert all(any(related(c.path, k) for k in expected) for c in result.conflicts)
    for c in result.conflicts:
        assert (c.mine, c.theirs) == (get_at(mine, c.path), get_at(theirs, c.path))
    for choice, winner in ((MINE, mine), (THEIRS, theirs)):
        decided = merge_text(EXAMPLE_TEXT, mine, theirs_text, choices={c.id: choice for c in result.conflicts})
        assert decided.conflicts == []
        merged = data(decided.text)
        for key, m, t in sets:
            assert get_at(merged, key) == (get_at(winner, key) if key in expected or any(
                related(c.path, key) for c in result.conflicts) else (m if m != get_at(EXAMPLE_DATA, key) else t))


def documents(leaf):
    return st.recursive(leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["k", "名称", "lead", "text", "069", "no"]), inner, max_size=4), max_leaves=12)


DOC = documents(st.sampled_from(["a", "b", "甲", "069", "第一行\n第二行\n"]))


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOC, DOC, DOC, st.sampled_from([MINE, THEIRS, BOTH]))
def test_property_any_three_versions_merge_symmetrically_and_every_conflict_can_be_decided(base, mine, theirs, choice):
    result = merge_data(base, mine, theirs)
    if mine == base:
        assert result.data == theirs and not result.conflicts
    if theirs == base or mine == theirs:
        assert result.data == mine and not result.conflicts
    for c in result.conflicts:
        assert c.mine != c.theirs
    decided = merge_data(base, mine, theirs, {c.id: choice for c in result.conflicts})
    assert decided.conflicts == []
    mirror = {MINE: THEIRS, THEIRS: MINE, BOTH: BOTH}[choice]
    swapped = merge_data(base, theirs, mine, {c.id: mirror for c in merge_data(base, theirs, mine).conflicts})
    if choice != BOTH:  # "both" puts mine first, so it is symmetric only up to order
        assert swapped.data == decided.data


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOC, DOC, DOC)
def test_property_merged_text_reads_back_as_the_merged_data(base, mine, theirs):
    import yaml

    def dump(value):
        return "# 说明\n" + yaml.safe_dump({"root": value}, allow_unicode=True, sort_keys=False)

    result = merge_text(dump(base), {"root": mine}, dump(theirs), choices=None)
    assume(not result.conflicts)
    assert data(result.text) == result.data
    assert result.text.startswith("# 说明\n")
