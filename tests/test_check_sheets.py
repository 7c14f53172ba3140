"""Checking reply sheets: findings point at the YAML field (line, column, key), facts and
deadlines are checked against the sheet, and findings can be silenced per workspace, per
sheet and in place."""

from __future__ import annotations

import datetime as dt

from drafter.checker import check_paths, check_reply
from drafter.compose.render import compose
from drafter.sheets.load import Loader
from test_check_support import CLEAN_BODY, SHEET_HEAD, check_sheet, column_of, line_of, rules, sheet


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


NEXT = ("  - heading: 下一步打算\n    items:\n      - lead: 强化培育。\n        text: 年内继续实施培育行动。\n"
        "      - lead: 优化环境。\n        text: 用好转化贷款政策。\n")


def body(text: str) -> str:
    """Sections: 工作开展情况 with the given items, then a clean 下一步打算."""
    return "sections:\n  - heading: 工作开展情况\n    items:\n" + text + NEXT


# ---- positions ---------------------------------------------------------------------------------------

def test_the_clean_sheet_is_clean(tmp_path):
    assert check_sheet(sheet(tmp_path)) == []


def test_a_finding_in_a_one_line_value_points_at_the_characters(tmp_path):
    path = sheet(tmp_path, body("      - lead: 完善体系。\n        text: 全年引育引育科技人才。\n"
                                "      - lead: 深化合作。\n        text: 组织对接活动。\n"))
    [f] = check_sheet(path)
    assert f.rule == "doubled-word.repeat"
    assert (f.line, f.column) == (line_of(path, "引育引育"), column_of(path, "引育引育") + 2)
    assert f.key == ("sections", 0, "items", 0, "text")
    assert path.read_text(encoding="utf-8") and f.offset == len("全年引育")


def test_a_finding_in_a_block_scalar_points_at_its_line(tmp_path):
    path = sheet(tmp_path, body("      - lead: 完善体系。\n        text: |\n          聚焦企业培育，出台行动方案。\n"
                                "          全年引育引育科技人才。\n      - lead: 深化合作。\n        text: 组织对接活动。\n"))
    [f] = check_sheet(path)
    assert (f.line, f.column) == (line_of(path, "引育引育"), column_of(path, "引育引育") + 2)


def test_a_finding_in_a_quoted_value(tmp_path):
    path = sheet(tmp_path, 'intro: "近年来，全年引育引育科技人才。"\n' + CLEAN_BODY)
    [f] = check_sheet(path)
    assert (f.line, f.column, f.key) == (line_of(path, "引育引育"), column_of(path, "引育引育") + 2, ("intro",))


def test_a_finding_after_an_inserted_fact_still_points_at_its_characters(tmp_path):
    path = sheet(tmp_path, body("      - lead: 完善体系。\n        text: 高新技术企业达到{{ facts.高企数 }}，引育引育人才。\n"
                                "      - lead: 深化合作。\n        text: 组织对接活动。\n"))
    [f] = check_sheet(path)
    assert f.column == column_of(path, "引育引育") + 2


def test_a_finding_in_template_text_points_at_the_field_that_overrides_it(tmp_path):
    # The default title comes from the template; a wrong number in a clerk's title points at title.
    path = sheet(tmp_path, "title: 测试市科学技术局关于市政协十五届三次会议第13号提案的答复\n" + CLEAN_BODY)
    [f] = check_sheet(path)
    assert (f.rule, f.key, f.line, f.fix) == ("formal.title", ("title",), line_of(path, "title: 测试市"), "12")


def test_the_fix_replaces_exactly_what_was_found(tmp_path):
    path = sheet(tmp_path, "salutation: 张三代表：\n" + CLEAN_BODY)
    [f] = check_sheet(path)
    value = Loader().load(path).located.data["salutation"]
    assert value[f.offset:f.offset + len(f.found)] == "代表" and f.fix == "委员"


# ---- facts -----------------------------------------------------------------------------------------

def test_an_undefined_fact_is_reported_where_it_is_cited_even_though_the_reply_does_not_compose(tmp_path):
    path = sheet(tmp_path, body("      - lead: 完善体系。\n        text: 企业达到{{ facts.高企 }}。\n"
                                "      - lead: 深化合作。\n        text: 组织对接活动。\n"))
    [f] = check_sheet(path)
    assert (f.rule, f.severity) == ("facts.undefined", "error")
    assert (f.line, f.column) == (line_of(path, "{{ facts.高企 }}"), column_of(path, "{{ facts.高企 }}"))
    assert "高企数" in f.message  # did you mean


def test_check_paths_reports_an_unreadable_sheet_as_an_input_finding(tmp_path):
    path = sheet(tmp_path, "salutaton: 张三委员：\n" + CLEAN_BODY)
    [f] = check_paths([path])
    assert (f.rule, f.severity, f.key) == ("input", "error", ("salutaton",))
    assert f.line == line_of(path, "salutaton")


def test_a_fact_older_than_the_reply_year_by_more_than_a_year(tmp_path):
    path = sheet(tmp_path, "intro: 到2025年高新技术企业达到{{ facts.旧目标 }}。\n" + CLEAN_BODY)
    [f] = check_sheet(path)
    assert (f.rule, f.key) == ("facts.stale", ("intro",))
    assert "2021年6月" in f.message


def test_a_fact_from_last_year_is_not_stale(tmp_path):
    head = SHEET_HEAD.replace("date: 2024-06-18", "date: 2022-06-18")
    path = sheet(tmp_path, "intro: 到2025年高新技术企业达到{{ facts.旧目标 }}。\n" + CLEAN_BODY, head=head)
    assert check_sheet(path, today=dt.date(2022, 7, 1)) == []


def test_a_literal_figure_equal_to_a_fact_suggests_citing_it(tmp_path):
    path = sheet(tmp_path, "intro: 近年来，全市高新技术企业达到2104家。\n" + CLEAN_BODY)
    [f] = check_sheet(path)
    assert (f.rule, f.severity, f.found, f.fix) == ("facts.literal", "hint", "2104家", "{{ facts.高企数 }}")


def test_the_same_number_with_another_unit_is_not_the_fact(tmp_path):
    assert check_sheet(sheet(tmp_path, "intro: 近年来，全市培训学员2104人。\n" + CLEAN_BODY)) == []


def test_one_figure_written_two_ways(tmp_path):
    # 贷款额 prints as 3.5亿元
    path = sheet(tmp_path, "intro: 近年来，全市发放科技贷款35000万元。\n" + CLEAN_BODY)
    [f] = only(check_sheet(path), "facts.two-ways")
    assert (f.severity, f.found, f.fix) == ("warning", "35000万元", "3.5亿元")


def test_thousands_separators_against_plain_digits(tmp_path):
    path = sheet(tmp_path, "intro: 全市共有企业1,404家，其中1404家已入库。\n" + CLEAN_BODY)
    assert rules(check_sheet(path)) == ["facts.two-ways"]


# ---- deadline ------------------------------------------------------------------------------------------

def test_a_reply_more_than_three_months_after_assignment(tmp_path):
    path = sheet(tmp_path, "assigned_date: 2024-01-10\n" + CLEAN_BODY)
    [f] = check_sheet(path)
    assert (f.rule, f.severity, f.key) == ("deadline.overdue", "warning", ("date",))
    assert "2024年4月10日" in f.message


def test_a_reply_within_three_months(tmp_path):
    assert check_sheet(sheet(tmp_path, "assigned_date: 2024-04-01\n" + CLEAN_BODY)) == []


def test_a_co_handling_opinion_is_due_in_one_month(tmp_path):
    path = sheet(tmp_path, "handling: 协办\nlead_unit: 市发展改革委\nassigned_date: 2024-05-01\n" + CLEAN_BODY)
    assert only(check_sheet(path), "deadline.overdue")


def test_no_reply_date_and_past_the_deadline(tmp_path):
    head = SHEET_HEAD.replace("date: 2024-06-18\n", "")
    path = sheet(tmp_path, "assigned_date: 2024-03-01\n" + CLEAN_BODY, head=head)
    found = {(f.rule, f.key) for f in check_sheet(path, today=dt.date(2024, 7, 1))}
    assert found == {("deadline.unanswered", ("assigned_date",)), ("formal.date", ())}
    assert [f.rule for f in check_sheet(path, today=dt.date(2024, 5, 1))] == ["formal.date"]  # undated: an error


def test_a_sheet_without_a_date_is_an_error_naming_the_field(tmp_path):
    path = sheet(tmp_path, CLEAN_BODY, head=SHEET_HEAD.replace("date: 2024-06-18\n", ""))
    [f] = check_sheet(path)
    assert (f.rule, f.severity) == ("formal.date", "error")
    assert "成文日期" in f.message and "date" in f.message


def test_the_sheet_s_own_deadline_wins_over_three_months(tmp_path):
    # 督查室 lists often set their own 办理期限: 2024-06-18 is late against 5-31, although it is
    # within three months of 4-01.
    path = sheet(tmp_path, "assigned_date: 2024-04-01\ndeadline: 2024-05-31\n" + CLEAN_BODY)
    [f] = check_sheet(path)
    assert (f.rule, f.key) == ("deadline.overdue", ("date",))
    assert "办理期限 2024年5月31日" in f.message and "晚了 18 天" in f.message


def test_a_deadline_without_an_assignment_date_is_checked(tmp_path):
    head = SHEET_HEAD.replace("date: 2024-06-18\n", "")
    path = sheet(tmp_path, "deadline: 2024-06-30\n" + CLEAN_BODY, head=head)
    [f] = only(check_sheet(path, today=dt.date(2024, 7, 2)), "deadline.unanswered")
    assert f.key == ("deadline",)
    assert [f.rule for f in check_sheet(path, today=dt.date(2024, 6, 30))] == ["formal.date"]  # undated


def test_a_reply_dated_before_the_proposal_was_assigned(tmp_path):
    path = sheet(tmp_path, "assigned_date: 2024-06-20\n" + CLEAN_BODY)
    [f] = check_sheet(path)
    assert (f.rule, f.severity) == ("formal.date", "error")


# ---- the proposal's title ------------------------------------------------------------------------------

def test_the_title_quoted_in_the_opening_is_the_sheet_s(tmp_path):
    path = sheet(tmp_path, "opening: 您提出的《关于加强科技创新工作的建议》收悉，现答复如下：\n" + CLEAN_BODY)
    [f] = check_sheet(path)
    assert (f.rule, f.found, f.fix) == ("formal.title", "关于加强科技创新工作的建议", "关于加强科技创新的建议")


# ---- silencing -------------------------------------------------------------------------------------------

SLIPPED = body("      - lead: 完善体系。\n        text: 全年引育引育科技人才，一如既往的支持企业。\n"
               "      - lead: 深化合作。\n        text: 组织对接活动。\n")


def test_a_sheet_switches_a_family_off(tmp_path):
    path = sheet(tmp_path, "check:\n  disable: [doubled-word]\n" + SLIPPED)
    assert rules(check_sheet(path)) == ["de-di-de.phrase"]


def test_a_sheet_switches_one_rule_off(tmp_path):
    path = sheet(tmp_path, "check:\n  disable: [de-di-de.phrase]\n" + SLIPPED)
    assert rules(check_sheet(path)) == ["doubled-word.repeat"]


def test_a_workspace_switches_rules_off_in_its_profile(tmp_path):
    from test_check_support import PROFILE

    path = sheet(tmp_path, SLIPPED, profile=PROFILE + "check:\n  disable: [doubled-word, de-di-de]\n")
    assert check_sheet(path) == []


def test_an_ignore_comment_on_the_field_s_line(tmp_path):
    path = sheet(tmp_path, SLIPPED.replace("一如既往的支持企业。", "一如既往的支持企业。  # drafter: ignore[doubled-word]"))
    assert rules(check_sheet(path)) == ["de-di-de.phrase"]


def test_an_ignore_comment_with_several_rules_or_none(tmp_path):
    path = sheet(tmp_path, SLIPPED.replace("一如既往的支持企业。", "一如既往的支持企业。  # drafter: ignore[doubled-word, de-di-de]"))
    assert check_sheet(path) == []
    path = sheet(tmp_path, SLIPPED.replace("一如既往的支持企业。", "一如既往的支持企业。  # drafter: ignore"))
    assert check_sheet(path) == []


def test_an_ignore_comment_on_the_line_above(tmp_path):
    path = sheet(tmp_path, SLIPPED.replace("        text: 全年", "        # drafter: ignore[doubled-word]\n        text: 全年"))
    assert rules(check_sheet(path)) == ["de-di-de.phrase"]


def test_an_ignore_comment_on_a_list_item_covers_its_fields(tmp_path):
    path = sheet(tmp_path, SLIPPED.replace("      - lead: 完善体系。", "      - lead: 完善体系。  # drafter: ignore"))
    assert check_sheet(path) == []


def test_an_ignore_comment_on_a_block_scalar_s_header_line(tmp_path):
    text = body("      - lead: 完善体系。\n        text: |  # drafter: ignore[doubled-word]\n          全年引育引育科技人才。\n"
                "      - lead: 深化合作。\n        text: 组织对接活动。\n")
    assert check_sheet(sheet(tmp_path, text)) == []


def test_a_hash_inside_a_block_scalar_is_text_not_a_comment(tmp_path):
    text = body("      - lead: 完善体系。\n        text: |\n          全年引育引育科技人才。 # drafter: ignore\n"
                "      - lead: 深化合作。\n        text: 组织对接活动。\n")
    assert "doubled-word.repeat" in rules(check_sheet(sheet(tmp_path, text)))


def test_an_unknown_rule_id_is_itself_reported(tmp_path):
    path = sheet(tmp_path, "check:\n  disable: [doubled-words]\n" + CLEAN_BODY)
    [f] = check_sheet(path)
    assert (f.rule, f.line) == ("check.unknown-rule", line_of(path, "doubled-words"))
    assert "doubled-word" in f.message  # did you mean


def test_blocks_from_the_caller_give_the_same_findings(tmp_path):
    path = sheet(tmp_path, SLIPPED)
    reply = Loader().load(path)
    assert check_reply(reply, compose(reply)) == check_reply(reply)


def test_three_items_in_the_yi_fang_mian_style_are_counted_di_yi_di_er_di_san(tmp_path):
    # 一方面/另一方面 has only two members: a third point makes the whole list 第一，第二，第三，
    text = CLEAN_BODY.replace("    items:\n      - lead: 完善企业培育体系。", "    item_style: 一方面\n    items:\n"
                              "      - 组织专家服务团。\n      - lead: 完善企业培育体系。", 1)
    path = sheet(tmp_path, text)
    assert check_sheet(path) == []
    from drafter.compose.render import compose
    from drafter.sheets.load import load_reply

    prefixes = [b.prefix for b in compose(load_reply(path)) if b.kind.value == "item"][:3]
    assert prefixes == ["第一，", "第二，", "第三，"]


def test_an_unknown_rule_in_an_ignore_comment_or_the_profile_is_reported(tmp_path):
    from test_check_support import PROFILE

    path = sheet(tmp_path, SLIPPED.replace("一如既往的支持企业。", "一如既往的支持企业。  # drafter: ignore[doubled-wrod]"),
                 profile=PROFILE + "check:\n  disable: [numbering.gaps]\n")
    unknown = [f for f in check_sheet(path) if f.rule == "check.unknown-rule"]
    assert sorted((f.path.name, f.line) for f in unknown) == [
        ("profile.yaml", line_of(tmp_path / "profile.yaml", "numbering.gaps")),
        ("sheet.yaml", line_of(path, "doubled-wrod"))]


def test_an_item_not_yet_written_is_reported_once_and_not_proofread(tmp_path):
    text = CLEAN_BODY.replace("      - lead: 深化产学研合作。\n        text: 组织高校院所与企业对接，签订合作项目120项。\n",
                              "      - lead: 深化产学研合作。\n        text: 组织高校院所与企业对接，签订合作项目120项。\n"
                              "      - lead: \"\"\n        text: \"\"\n")
    path = sheet(tmp_path, text)
    [empty] = check_sheet(path)
    assert (empty.rule, empty.severity, empty.key) == ("numbering.empty", "warning", ("sections", 0, "items", 2))
    assert empty.line == line_of(path, 'lead: ""')


def test_checking_many_sheets_in_parallel_gives_the_serial_results_in_order(tmp_path):
    import shutil

    from drafter.checker.batch import PARALLEL_FROM, check_many
    from tests.conftest import EXAMPLES

    shutil.copytree(EXAMPLES, tmp_path / "ex")
    folder = next(p for p in (tmp_path / "ex").iterdir() if p.name == "临沂市科技局")
    source = next(folder.glob("000-*.yaml"))
    paths = []
    for i in range(PARALLEL_FROM):
        copy = folder / f"{i:03d}.yaml"
        text = source.read_text(encoding="utf-8")
        copy.write_text(text if i % 7 else text.replace("date: 2024-06-18", "date: 2024-02-30"), encoding="utf-8")
        paths.append(copy)
    serial = [(p, [str(e) for e in errs], [f.format() for f in found]) for p, errs, found in check_many(paths, jobs=1)]
    parallel = [(p, [str(e) for e in errs], [f.format() for f in found]) for p, errs, found in check_many(paths, jobs=2)]
    assert parallel == serial
    assert sum(1 for _, errs, _ in serial if errs) == len(range(0, PARALLEL_FROM, 7))
    assert any("2024-02-30" in e for _, errs, _ in parallel for e in errs)  # where and field survive pickling
