"""`drafter report`: the 办理台账 — one line per reply with its status and deadline, a summary a
督查室 can take, formatted for printing; statuses and deadlines as workspace.progress defines them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import run_drafter
from openpyxl import load_workbook

from drafter.ledger.collect import collect
from drafter.ledger.summary import summarise
from drafter.output import write_reply
from drafter.pipeline import load_and_render
from drafter.sheets.scaffold import new_sheet_text
from drafter.workspace.freshness import Freshness
from drafter.workspace.progress import has_body, progress_of

AS_OF = dt.date(2024, 7, 1)
PROFILE = "name: 测试市科学技术局\nshort_name: 市科技局\ncity: 测试市\nwork: 科技工作\ndisclosure: 主动公开\n"
BODY = """
intro: 近年来，我局持续推进科技创新工作。
sections:
  - heading: 工作开展情况
    items:
      - lead: 完善企业培育体系。
        text: 全年新认定高新技术企业一百家。
"""


def sheet(folder: Path, number: str, *, body: bool = False, kind: str = "提案", handling: str = "主办",
          assigned: dt.date | None = dt.date(2024, 3, 20), **fields: str) -> Path:
    """A sheet as intake makes it (the scaffold), perhaps drafted, with top-level fields set."""
    text = new_sheet_text(kind, proposers=["张三"], number=number, proposal_title=f"关于第{number}号的建议",
                          session="市政协十五届三次会议", handling=handling, assigned_date=assigned,
                          lead_unit="市发展改革委" if handling == "协办" else "")
    if body:
        text = text[:text.index("\nintro:")] + "\n" + BODY
    for key, value in fields.items():
        text, n = re.subn(rf"^(# )?{key}: .*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
        text += "" if n else f"{key}: {value}\n"
    path = folder / f"{number}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def generate(path: Path) -> Path:
    out = path.with_suffix(".docx")
    write_reply(out, load_and_render(path).docx)
    return out


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "科技局"
    folder.mkdir()
    (folder / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    return folder


def by_number(folder: Path) -> dict:
    return {r.number: r for r in collect(folder, jobs=1)}


# ---- statuses -----------------------------------------------------------------------------------

def test_the_four_statuses(office):
    sheet(office, "1")                                            # as taken in: no body
    sheet(office, "2", body=True)                                 # drafted, no Word file
    generate(sheet(office, "3", body=True))                       # generated, unchanged since
    stale = sheet(office, "4", body=True)
    generate(stale)
    stale.write_text(stale.read_text(encoding="utf-8").replace("一百家", "一百二十家"), encoding="utf-8")
    generate(sheet(office, "5", body=True, submitted="2024-06-25"))
    sheet(office, "6", submitted="2024-06-25")                    # sent, written outside drafter
    rows = by_number(office)
    assert {n: r.status for n, r in rows.items()} == {
        "1": "未起草", "2": "起草中", "3": "已生成", "4": "起草中", "5": "已提交", "6": "已提交"}


def test_a_docx_finished_in_word_counts_as_generated(office):
    path = sheet(office, "1", body=True)
    word_edit(generate(path))
    assert by_number(office)["1"].status == "已生成"
    path.write_text(path.read_text(encoding="utf-8").replace("一百家", "一百零二家"), encoding="utf-8")
    assert by_number(office)["1"].status == "已生成"   # drafter never overwrites it: that file is the reply


def test_a_sheet_with_errors_is_still_being_drafted(office):
    path = sheet(office, "1", body=True)
    generate(path)
    path.write_text(path.read_text(encoding="utf-8") + "proposer_role: 群众\n", encoding="utf-8")
    assert by_number(office)["1"].status == "起草中"


def test_headings_alone_are_not_a_draft():
    assert not has_body({"sections": [{"heading": "工作开展情况", "items": [{"lead": "", "text": ""}]}, "下一步"]})
    assert has_body({"sections": [{"heading": "甲", "sections": [{"heading": "乙", "paragraphs": ["文字"]}]}]})
    assert has_body({"sections": [{"items": ["一是文字。"]}]})
    assert has_body({"intro": ["", "引言"]})


# ---- the input record: 已生成 without composing ------------------------------------------------

def no_composing(monkeypatch) -> None:
    """Make composing a reply fail the test: the record must settle the status."""
    def refuse(*args, **kwargs):
        raise AssertionError("composed although the .docx's input record vouches for it")

    monkeypatch.setattr("drafter.workspace.generate.reply_freshness", refuse)
    monkeypatch.setattr("drafter.pipeline.compose", refuse)


def as_older_drafter_wrote(path: Path) -> Path:
    """The sheet's .docx exactly as drafter wrote it before the input record (issue 15)."""
    from drafter.layout.docx import write_docx
    from drafter.pipeline import page_setup

    rendered = load_and_render(path)
    out = path.with_suffix(".docx")
    out.write_bytes(write_docx(rendered.blocks, page_setup(rendered.reply.profile)))
    return out


def word_edit(out: Path) -> None:
    """Change a sentence in the .docx as Word would (the custom properties kept)."""
    with zipfile.ZipFile(out) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace("一百家".encode(), "一百零一家".encode())
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_every_way_of_generating_records_what_the_reply_was_made_from(office, monkeypatch):
    from drafter.build.run import Options, build
    from drafter.output import recorded_inputs
    from drafter.record import Inputs
    from drafter.sheets.load import Loader
    from drafter.workspace.generate import generate as tui_generate
    from drafter.workspace.session import analyse_text

    rendered = sheet(office, "1", body=True)
    r = run_drafter("render", rendered)
    assert r.returncode == 0, r.stderr
    built = sheet(office, "2", body=True)
    assert not build(Options(folder=office)).failed
    in_tui = sheet(office, "3", body=True)
    tui_generate(analyse_text(in_tui.read_text(encoding="utf-8"), in_tui, Loader()))
    for path in (rendered, built, in_tui):
        assert recorded_inputs(path.with_suffix(".docx")) == Inputs().record(Loader().load(path)), path.name
    no_composing(monkeypatch)
    assert [r.status for r in collect(office, jobs=1)] == ["已生成"] * 3


def test_a_change_after_generating_is_seen_without_composing_what_did_not_change(office, monkeypatch):
    """The record covers the sheet's data, its profile, the facts it cites and its template: a
    change to any of them makes the reply 起草中 until it is generated again; a comment does not."""
    drafted = [sheet(office, str(n), body=True, wenhao=f"测科函〔2024〕{n}号") for n in range(1, 5)]
    (office / "facts.yaml").write_text('figures:\n  企业数:\n    value: "100"\n    unit: 家\n', encoding="utf-8")
    cites = drafted[3]
    cites.write_text(cites.read_text(encoding="utf-8").replace("一百家", "{{ facts.企业数 }}"), encoding="utf-8")
    for path in drafted:
        generate(path)
    commented = drafted[0]
    commented.write_text("# 第二稿\n" + commented.read_text(encoding="utf-8"), encoding="utf-8")
    edited = drafted[1]
    edited.write_text(edited.read_text(encoding="utf-8").replace("一百家", "一百二十家"), encoding="utf-8")
    assert {n: r.status for n, r in by_number(office).items()} == {"1": "已生成", "2": "起草中", "3": "已生成",
                                                                    "4": "已生成"}
    (office / "facts.yaml").write_text('figures:\n  企业数:\n    value: "120"\n    unit: 家\n', encoding="utf-8")
    assert by_number(office)["4"].status == "起草中"
    generate(drafted[1])
    generate(drafted[3])
    with monkeypatch.context() as m:
        no_composing(m)
        assert {r.status for r in by_number(office).values()} == {"已生成"}
    (office / "profile.yaml").write_text(PROFILE.replace("测试市科学技术局", "测试市科技局"), encoding="utf-8")
    assert {r.status for r in by_number(office).values()} == {"起草中"}


def test_a_field_the_reply_does_not_print_leaves_it_generated(office):
    """Another record, the same document: composed once to tell, still 已生成."""
    path = sheet(office, "1", body=True)
    generate(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^assigned_date: .*$", "assigned_date: 2024-03-21", text, flags=re.MULTILINE),
                    encoding="utf-8")
    assert by_number(office)["1"].status == "已生成"


def test_a_docx_from_an_older_drafter_without_the_record_gets_its_status_by_composing(office):
    current = sheet(office, "1", body=True)
    as_older_drafter_wrote(current)
    stale = sheet(office, "2", body=True)
    as_older_drafter_wrote(stale)
    stale.write_text(stale.read_text(encoding="utf-8").replace("一百家", "一百二十家"), encoding="utf-8")
    finished = sheet(office, "3", body=True)
    word_edit(as_older_drafter_wrote(finished))
    assert {n: r.status for n, r in by_number(office).items()} == {"1": "已生成", "2": "起草中", "3": "已生成"}
    assert by_number(office)["1"].docx is Freshness.CURRENT


def test_records_made_by_another_version_of_drafter_do_not_vouch(office, monkeypatch):
    """drafter's own code is an input too: after an upgrade every reply is composed once more to tell."""
    current = sheet(office, "1", body=True)
    generate(current)
    stale = sheet(office, "2", body=True)
    generate(stale)
    stale.write_text(stale.read_text(encoding="utf-8").replace("一百家", "一百二十家"), encoding="utf-8")
    monkeypatch.setattr("drafter.build.deps.drafter_fingerprint", lambda: "9.9.9+another")
    from drafter.workspace import generate as writing

    composed, compose = [], writing.reply_freshness
    monkeypatch.setattr(writing, "reply_freshness",
                        lambda reply, inputs=None: composed.append(reply.path.name) or compose(reply, inputs))
    assert {n: r.status for n, r in by_number(office).items()} == {"1": "已生成", "2": "起草中"}
    assert sorted(composed) == ["1.yaml", "2.yaml"]


def test_an_older_drafter_s_file_is_told_current_from_its_bytes_alone(office):
    """drafter's archives are byte-stable: the same parts at the same places, the records aside."""
    from drafter.output import same_parts

    path = sheet(office, "1", body=True)
    old = as_older_drafter_wrote(path).read_bytes()
    new = load_and_render(path).docx
    assert old != new and same_parts(old, new)
    out = path.with_suffix(".docx")
    word_edit(out)
    assert not same_parts(out.read_bytes(), new)
    path.write_text(path.read_text(encoding="utf-8").replace("一百家", "一百二十家"), encoding="utf-8")
    assert not same_parts(old, load_and_render(path).docx)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_where_the_reply_goes_is_never_read(office):
    os.mkfifo(sheet(office, "1", body=True).with_suffix(".docx"))
    assert by_number(office)["1"].status == "起草中"


def test_a_copy_of_the_office_elsewhere_still_matches_its_records(office, tmp_path, monkeypatch):
    """Template files are recorded by their place in the workspace, not on this machine's disk."""
    import shutil

    (office / "我的模板.j2").write_text('{% extends "_base.j2" %}', encoding="utf-8")
    path = sheet(office, "1", body=True, template="我的模板.j2")
    generate(path)
    elsewhere = shutil.copytree(office, tmp_path / "另一台电脑" / "科技局")
    no_composing(monkeypatch)
    assert by_number(elsewhere)["1"].status == "已生成"


def test_many_replies_without_the_record_are_composed_in_worker_processes(office):
    for n in range(1, 66):
        as_older_drafter_wrote(sheet(office, str(n), body=True))
    stale = office / "7.yaml"
    stale.write_text(stale.read_text(encoding="utf-8").replace("一百家", "九十家"), encoding="utf-8")
    rows = collect(office, jobs=2)
    assert [r.number for r in rows][:3] == ["1", "2", "3"]
    assert [r.number for r in rows if r.status != "已生成"] == ["7"]


def test_a_large_folder_read_in_worker_processes_gets_the_same_statuses(office):
    for n in range(1, 161):
        path = sheet(office, str(n), body=n % 4 != 0)
        if n % 4 == 1:
            generate(path)
        elif n % 4 == 2:
            as_older_drafter_wrote(path)
    for stale in ("5", "6"):  # generated, then edited: one with the record, one without
        path = office / f"{stale}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("一百家", "九十家"), encoding="utf-8")
    apart, together = collect(office, jobs=2), collect(office, jobs=1)
    assert [(r.number, r.status) for r in apart] == [(r.number, r.status) for r in together]
    assert Counter(r.status for r in apart) == {"已生成": 78, "起草中": 42, "未起草": 40}


# ---- deadlines ----------------------------------------------------------------------------------

def test_deadlines_three_months_one_for_co_handling_or_the_sheet_s_own():
    assert progress_of({"assigned_date": "2024-03-20"}).due == dt.date(2024, 6, 20)
    assert progress_of({"assigned_date": "2024-03-20", "handling": "协办"}).due == dt.date(2024, 4, 20)
    assert progress_of({"assigned_date": "2024-03-20", "deadline": "2024年5月31日"}).due == dt.date(2024, 5, 31)
    assert progress_of({"assigned_date": "2024-11-30"}).due == dt.date(2025, 2, 28)
    assert progress_of({"assigned_date": "不是日期"}).due is None


@pytest.mark.parametrize("data,timing,label", [
    ({"assigned_date": "2024-03-20"}, "逾期未答复", "逾期 11 天"),
    ({"assigned_date": "2024-04-01"}, "未到期", "今天到期"),
    ({"assigned_date": "2024-04-21"}, "未到期", "剩 20 天"),
    ({"assigned_date": "2024-03-20", "date": "2024-06-18"}, "按期答复", "按期"),
    ({"assigned_date": "2024-03-20", "date": "2024-06-28"}, "逾期答复", "逾期答复"),
    ({"assigned_date": "2024-03-20", "submitted": "2024-06-10"}, "按期答复", "按期"),
    ({}, "无期限", ""),
])
def test_timing_and_the_list_s_deadline_label(data, timing, label):
    progress = progress_of(data)
    assert (progress.timing(AS_OF), progress.deadline_label(AS_OF)) == (timing, label)


# ---- the workbook -------------------------------------------------------------------------------

def make_year(office: Path) -> None:
    for n in ("100", "9", "069", "70", "100-1"):
        sheet(office, n)
    generate(sheet(office, "12", body=True, kind="建议", handling_type="B", wenhao="测科函〔2024〕5号",
                   date="2024-06-18"))
    sheet(office, "13", kind="建议", handling="协办", disclosure="不予公开")


def test_the_workbook_lists_every_reply_sorted_naturally_with_real_dates(office):
    make_year(office)
    r = run_drafter("report", office, "--as-of", "2024-07-01")
    assert r.returncode == 0, r.stderr
    book = load_workbook(office / "办理台账.xlsx")
    assert book.sheetnames == ["办理台账", "办理情况汇总"]
    ws = book["办理台账"]
    assert ws["A1"].value == "测试市科学技术局提案建议办理台账" and "A1:N1" in ws.merged_cells
    assert ws["A2"].value == "截至 2024年7月1日　共 7 件"
    header = [c.value for c in ws[3]]
    assert header == ["序号", "类别", "编号", "标题", "提出人", "主办/协办", "办理类型", "文号", "交办日期", "办理期限",
                      "答复日期", "状态", "逾期", "备注"]
    lines = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [(line[1], line[2]) for line in lines] == [("提案", "9"), ("提案", "069"), ("提案", "70"), ("提案", "100"),
                                                       ("提案", "100-1"), ("建议", "12"), ("建议", "13")]
    drafted = lines[5]
    assert drafted[6:12] == ["B", "测科函〔2024〕5号", dt.datetime(2024, 3, 20), dt.datetime(2024, 6, 20),
                             dt.datetime(2024, 6, 18), "已生成"]
    assert drafted[12] == "否" and lines[0][12] == "是" and lines[0][11] == "未起草"
    assert lines[6][5] == "协办" and lines[6][13].startswith("主办单位：市发展改革委；已逾期 72 天")
    assert ws.cell(9, 9).number_format == "yyyy-mm-dd"


def test_the_workbook_is_set_up_for_printing(office):
    make_year(office)
    run_drafter("report", office, "--as-of", "2024-07-01")
    book = load_workbook(office / "办理台账.xlsx")
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9   # A4
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$3:$3"
        assert ws.freeze_panes == "A4"
        assert "&P" in ws.oddFooter.center.text
    widths = {c: book["办理台账"].column_dimensions[c].width for c in "ADN"}
    assert widths["D"] > widths["A"] and book["办理台账"].auto_filter.ref == "A3:N10"
    # a wrapped title gets a row tall enough for its lines (neither Excel nor LibreOffice grows it)
    assert book["办理台账"].row_dimensions[4].height >= 14


def test_the_summary_counts(office):
    make_year(office)
    summary = summarise(collect(office, jobs=1), AS_OF)
    assert summary.columns == ["政协提案", "人大建议", "合计"]
    assert summary.count("件数", "件数") == 7
    assert (summary.count("办理状态", "未起草"), summary.count("办理状态", "已生成")) == (6, 1)
    assert summary.count("办理期限", "按期答复", "人大建议") == 1
    assert summary.count("办理期限", "逾期未答复") == 6
    assert (summary.count("办理类型", "B"), summary.count("办理类型", "未填")) == (1, 6)
    assert (summary.count("主办/协办", "主办"), summary.count("主办/协办", "协办", "人大建议")) == (6, 1)
    assert (summary.count("公开属性", "主动公开"), summary.count("公开属性", "不予公开")) == (6, 1)
    assert summary.on_time_rate == {"政协提案": "", "人大建议": "100.0%", "合计": "100.0%"}
    book = load_workbook(io.BytesIO(_report_bytes(office)))
    cells = [[c.value for c in row] for row in book["办理情况汇总"].iter_rows(min_row=3)]
    assert ["项目", "分项", "政协提案", "人大建议", "合计"] == cells[0]
    assert [None, "逾期未答复", 5, 1, 6] in cells and ["按期答复率", "按期答复 ÷ 已答复", None, "100.0%", "100.0%"] in cells


def _report_bytes(office: Path) -> bytes:
    r = run_drafter("report", office, "-o", office / "t.xlsx", "--as-of", "2024-07-01")
    assert r.returncode == 0, r.stderr
    return (office / "t.xlsx").read_bytes()


def test_csv_with_a_bom_for_excel(office):
    make_year(office)
    r = run_drafter("report", office, "-o", office / "台账.csv", "--as-of", "2024-07-01")
    assert r.returncode == 0, r.stderr
    data = (office / "台账.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "类别", "编号"] and rows[1][:3] == ["1", "提案", "9"]
    assert rows[6][8:12] == ["2024-03-20", "2024-06-20", "2024-06-18", "已生成"]


def test_a_broken_sheet_is_listed_and_named(office):
    make_year(office)
    (office / "坏.yaml").write_text("kind: 政协提案\nnumber: [\n", encoding="utf-8")
    r = run_drafter("report", office, "--as-of", "2024-07-01")
    assert r.returncode == 1 and "坏.yaml" in r.stderr and "Traceback" not in r.stderr
    ws = load_workbook(office / "办理台账.xlsx")["办理台账"]
    assert any(str(row[13].value or "").startswith("事实单有误") for row in ws.iter_rows(min_row=4))


@pytest.mark.parametrize("args,message", [
    (["--as-of", "2024-02-30"], "日期“2024-02-30”不存在"),
    (["-o", "台账.txt"], "输出文件名应以 .xlsx 结尾"),
    (["--format", "csv", "-o", "台账.xlsx"], "输出文件名应以 .csv 结尾"),
])
def test_bad_options(office, args, message):
    sheet(office, "1")
    r = run_drafter("report", office, *args)
    assert r.returncode == 2 and message in r.stderr


def test_an_empty_folder(tmp_path):
    r = run_drafter("report", tmp_path)
    assert r.returncode == 2 and "没有答复事实单" in r.stderr


# ---- the TUI list sees the same ------------------------------------------------------------------

def test_the_sheet_list_shares_statuses_deadlines_filters_and_counts(office):
    from drafter.sheets.load import Loader
    from drafter.workspace.listing import RowFilter, assess, scan, tally

    make_year(office)
    rows = scan(office)
    loader = Loader()
    for row in rows:
        assess(row, loader)
    ledger = {r.number: r.status for r in collect(office, jobs=1)}
    assert {r.number: r.status for r in rows} == ledger
    by_number_ = {r.number: r for r in rows}
    assert by_number_["9"].deadline_label(AS_OF) == "逾期 11 天" and by_number_["12"].deadline_label(AS_OF) == "按期"
    assert tally(rows, AS_OF) == {"未起草": 6, "起草中": 0, "已生成": 1, "已提交": 0, "逾期": 6}
    assert [r.number for r in rows if RowFilter(status="已生成").keeps(r, AS_OF)] == ["12"]
    overdue_co = RowFilter(overdue=True)
    assert sorted(r.number for r in rows if overdue_co.keeps(r, AS_OF)) == ["069", "100", "100-1", "13", "70", "9"]
    assert RowFilter("未起草", True).describe() == "仅逾期 · 未起草" and RowFilter().describe() == ""
