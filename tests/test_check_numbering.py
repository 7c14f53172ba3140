"""Numbering: 一、（一）1.（1） in order, 一是/二是 lists complete, no stray markers, levels in order,
standard forms — each rule with a case that fires and one that must not."""

from __future__ import annotations

from test_check_support import check_letter, rules


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


# ---- level markers -------------------------------------------------------------------------------

def test_a_gap_in_the_first_level_is_an_error_with_the_missing_number_as_fix():
    found = check_letter("一、基本情况", "全县现有农村客运班线47条。", "二、已开展的工作", "完成隐患整治38处。",
                         "四、下一步打算", "我局将实施窄路拓宽。")
    [gap] = only(found, "numbering.gap")
    assert gap.severity == "error"
    assert gap.found == "四、" and gap.fix == "三、"
    assert "缺少“三、”" in gap.message


def test_consecutive_first_level_headings_are_fine():
    found = check_letter("一、基本情况", "全县现有农村客运班线47条。", "二、已开展的工作", "完成隐患整治38处。")
    assert rules(found) == []


def test_a_repeated_second_level_number_is_an_error():
    found = check_letter("一、工作开展情况", "（一）实施管网改造。完成改造管网62公里。", "（二）加强漏损管控。漏损率降至10.2%。",
                         "（二）提升应急供水能力。新建备用水源连通管道8公里。")
    [repeat] = only(found, "numbering.repeat")
    assert repeat.found == "（二）" and repeat.fix == "（三）"
    assert repeat.line == 8  # the third body paragraph of the letter


def test_second_level_numbers_restart_under_each_first_level_heading():
    found = check_letter("一、工作开展情况", "（一）实施管网改造。完成改造62公里。", "（二）加强漏损管控。漏损率下降。",
                         "二、下一步打算", "（一）加快改造。年内完成。", "（二）强化管理。建立机制。")
    assert rules(found) == []


def test_a_lone_first_numbered_item_is_a_warning():
    found = check_letter("一、工作开展情况", "我局完成了老旧管网改造62公里。")
    [single] = only(found, "numbering.single")
    assert single.severity == "warning" and single.found == "一、"


def test_levels_upside_down_are_an_error():
    found = check_letter("一、工作开展情况", "1.实施管网改造。完成改造62公里。", "（一）加强漏损管控。漏损率下降。",
                         "（二）提升应急能力。新建连通管道。", "2.加快改造。年内完成。")
    assert "numbering.level" in rules(found)


def test_skipping_a_level_is_allowed():
    found = check_letter("一、工作开展情况", "1.实施管网改造。完成改造62公里。", "2.加强漏损管控。漏损率下降。",
                         "二、下一步打算", "我局将继续争取专项债券资金支持。")
    assert rules(found) == []


# ---- non-standard forms ----------------------------------------------------------------------------

def test_arabic_number_with_a_dunhao_under_a_heading_is_reported_with_the_dot_form():
    found = check_letter("一、工作开展情况", "（二）加强要素保障。具体做法如下：", "1、设立产业发展基金。县财政每年安排1000万元。",
                         "2、开展用工对接。帮助企业招用工人620余人。")
    forms = only(found, "numbering.form")
    assert [(f.found, f.fix) for f in forms] == [("1、", "1."), ("2、", "2.")]


def test_a_flat_dunhao_list_with_no_levels_above_is_left_alone():
    # Common and readable; only as a level-3 heading (under 一、/（一）) is it reported.
    found = check_letter("我局开展了集中整治，具体情况如下：", "1、开展拉网式排查。检查经营主体312家。",
                         "2、严厉查处违法行为。立案查处9起。", "3、推动长效监管。推行“阳光厨房”。")
    assert rules(found) == []


def test_a_chinese_numeral_with_a_dot_should_take_a_dunhao():
    found = check_letter("一.工作开展情况", "我局完成了改造。", "二.下一步打算", "我局将继续推进。")
    assert [(f.found, f.fix) for f in only(found, "numbering.form")] == [("一.", "一、"), ("二.", "二、")]


def test_a_circled_number_opening_a_paragraph_is_not_a_level():
    found = check_letter("一、工作开展情况", "①实施管网改造。完成改造62公里。", "②加强漏损管控。漏损率下降。")
    assert [(f.found, f.fix) for f in only(found, "numbering.form")] == [("①", "（1）"), ("②", "（2）")]


# ---- 一是/二是 lists --------------------------------------------------------------------------------

def test_an_inline_list_in_order_is_fine():
    found = check_letter("我局采取了以下措施：一是丰富服务内容；二是引入社会资源；三是落实经费保障。")
    assert rules(found) == []


def test_a_skipped_item_is_a_gap():
    [gap] = only(check_letter("我局采取了以下措施：一是丰富服务内容；三是落实经费保障。"), "numbering.gap")
    assert gap.found == "三是" and gap.fix == "二是"


def test_a_repeated_item_marker_is_reported_and_the_next_number_offered():
    found = check_letter("下一步，我局将重点做好以下工作：一是扩大研发补助覆盖面；一是加强政策宣传解读。")
    [repeat] = only(found, "numbering.repeat")
    assert repeat.found == "一是" and repeat.fix == "二是" and repeat.column > 20


def test_a_list_starting_at_two_is_a_gap():
    assert "numbering.gap" in rules(check_letter("我局将重点做好以下工作：二是扩大研发补助覆盖面。"))


def test_a_list_with_one_item_is_a_warning():
    found = check_letter("我局将重点做好以下工作：一是扩大研发补助覆盖面。", "同时加强政策宣传解读。")
    assert rules(found) == ["numbering.single"]


def test_items_opening_paragraphs_run_on_and_restart_after_a_heading():
    found = check_letter("一、工作开展情况", "一是健全政策体系。出台若干措施。", "二是搭建对接平台。组织路演24场。",
                         "二、下一步打算", "一是完善激励机制。推动赋权试点。", "二是提升服务能力。建设交易中心。")
    assert rules(found) == []


def test_an_item_list_continued_from_an_inline_start_into_paragraphs_is_one_list():
    found = check_letter("我局主要做了以下工作：一是健全政策体系，出台若干措施。", "二是搭建对接平台，组织路演24场。")
    assert rules(found) == []


def test_yi_shi_inside_a_word_is_not_a_marker():
    assert rules(check_letter("全市统一是基本要求，我局已完成系统对接。")) == []


# ---- stray markers -----------------------------------------------------------------------------------

def test_a_circled_number_inside_an_inline_list_becomes_the_next_item():
    found = check_letter("我局引导企业加大研发投入。一是实施研发投入后补助。二是开展科技金融服务。③建设研发服务平台。")
    [stray] = only(found, "numbering.stray")
    assert stray.severity == "error" and stray.found == "③" and stray.fix == "三是"


def test_a_circled_number_inside_an_item_whose_next_item_exists_is_deleted():
    # seed 000: "二是引育集聚…。③拓展人才引进渠道…" followed by a paragraph "三是…"
    found = check_letter("一是强化企业培育。持续壮大科技型企业。", "二是引育科技人才。构建引育体系。③拓展人才引进渠道。",
                         "三是引进转化科技成果。启动挑战赛。")
    [stray] = only(found, "numbering.stray")
    assert stray.found == "③" and stray.fix == ""


def test_an_arabic_marker_inside_an_item_list_is_stray():
    found = check_letter("一是强化企业培育；二是引育科技人才；3、拓展人才引进渠道。")
    assert [f.found for f in only(found, "numbering.stray")] == ["3、"]


def test_yi_fang_mian_then_di_san_mixes_series():
    # seed 001: 一方面…另一方面…第三
    found = check_letter("一方面，以企业为主导建设创新平台505家。另一方面，以政府为主导布局公共服务平台。"
                         "第三，完善技术转移服务体系。")
    [stray] = only(found, "numbering.stray")
    assert stray.found == "第三" and "混用" in stray.message


def test_a_complete_nested_circled_list_inside_an_item_is_fine():
    found = check_letter("一是完善支持政策，包括①研发补助②贷款贴息③人才奖励。", "二是优化服务。建立专员制度。")
    assert rules(found) == []


def test_a_lone_circled_number_in_prose_is_stray():
    [stray] = only(check_letter("我局组织开展了专项检查。③对问题企业下达整改通知。"), "numbering.stray")
    assert stray.found == "③" and stray.fix == ""
