"""`drafter intake`: a 交办 list as offices send it becomes one reply sheet per row — numbers keep
their leading zeros, dates are read in every shape, nothing is overwritten or made twice, and a
bad row is named by its row number while the others are still made."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_drafter
from office_lists import OfficeList, proposal_rows, write_csv, write_xlsx

from drafter.errors import InputError
from drafter.intake.create import intake
from drafter.sheets.load import find_sheets, load_reply, read_located
from drafter.sheets.yamlio import load_yaml

HEADER = ["序号", "提案号", "案由", "领衔人", "主办单位", "协办单位", "办理方式", "交办日期", "办理期限", "备注"]


def office(tmp_path: Path) -> Path:
    folder = tmp_path / "科技局"
    folder.mkdir()
    shutil.copy(EXAMPLES / "临沂市科技局" / "profile.yaml", folder / "profile.yaml")
    return folder


def sheets(folder: Path) -> dict[str, dict]:
    """number → the sheet's YAML data, for every sheet in folder."""
    out = {}
    for path in find_sheets(folder):
        data = read_located(path).data
        out[data["number"]] = data
    return out


def small_list(rows: list[list], header: list[str] = HEADER, title: list[str] | None = None) -> OfficeList:
    return OfficeList(["2024年市政协十五届三次会议提案交办清单"] if title is None else title, header, rows)


ROW = [1, "069", "关于加快科技成果转化的建议", "赵洁", "市科技局", "", "主办", "2024-03-20", "2024-06-20", ""]


def row(**changes) -> list:
    values = dict(zip(HEADER, ROW)) | changes
    return [values[h] for h in HEADER]


# ---- the shapes offices send ------------------------------------------------------------------------

def test_an_office_list_with_title_rows_extra_columns_and_mixed_cells(tmp_path):
    folder = office(tmp_path)
    source = write_xlsx(proposal_rows(12, start=65), tmp_path / "交办清单.xlsx")
    result = intake(source, folder)
    assert (len(result.created), result.existing, result.problems) == (12, [], [])
    made = sheets(folder)
    # 65 is stored as a number formatted "000", 66 as a plain number, 67 as text: all three digits
    assert sorted(made) == [f"{n:03d}" for n in range(65, 77)]
    first = made["065"]
    assert first["kind"] == "政协提案" and first["session"] == "市政协十五届三次会议"
    assert first["proposal_title"] == "关于加快科技成果转化的建议" and first["proposers"] == ["赵洁"]
    assert first["assigned_date"] == "2024-03-20" and first["deadline"] == "2024-06-20"
    # dates as a date cell (065), an Excel serial that lost its format (066), 2024年3月22日 text (067)
    assert [made[n]["assigned_date"] for n in ("065", "066", "067")] == ["2024-03-20", "2024-03-21", "2024-03-22"]
    assert made["069"]["proposers"] == ["周燕"]            # 周　燕, padded with a full-width space
    co = made["068"]
    assert (co["handling"], co["lead_unit"]) == ("协办", "市人力资源社会保障局")
    assert "co_units" not in co                             # the only 协办 unit is this bureau itself
    assert made["065"]["handling"] == "主办" and "lead_unit" not in made["065"]
    assert any("未使用的列：序号、附议人、备注" in n for n in result.notices)


def test_every_sheet_is_a_valid_commented_scaffold_like_drafter_new(tmp_path):
    folder = office(tmp_path)
    intake(write_xlsx(proposal_rows(3), tmp_path / "清单.xlsx"), folder)
    for n, path in enumerate(find_sheets(folder)):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# 答复事实单（政协提案）。")
        assert "# 提案/建议编号" in text and "#   " not in text.splitlines()[1]
        assert "# submitted: 2024-06-25" in text          # the placeholder the clerk fills in later
        reply = load_reply(path)                           # validates against the schema, finds the profile
        assert reply.sheet.deadline == dt.date(2024, 6, 20 + n)      # assigned 3-20, 3-21, 3-22


def test_file_names_follow_drafter_new(tmp_path):
    folder = office(tmp_path)
    intake(write_xlsx(small_list([row()]), tmp_path / "清单.xlsx"), folder)
    assert [p.name for p in find_sheets(folder)] == ["069-赵洁-加快科技成果转化.yaml"]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_lists_in_gbk_and_utf8_with_a_kind_column(tmp_path, encoding):
    folder = office(tmp_path)
    office_list = proposal_rows(4, kind_word="建议")
    office_list.rows[1][0] = "政协提案"
    source = write_csv(office_list, tmp_path / "清单.csv", encoding)
    result = intake(source, folder)
    assert len(result.created) == 4 and not result.problems
    made = sheets(folder)
    assert sorted(made) == ["001", "002", "003", "004"]      # "1" in the CSV, with "003" showing the width
    assert made["002"]["kind"] == "政协提案" and made["001"]["kind"] == "人大建议"
    assert made["002"]["assigned_date"] == "2024-03-21"      # the serial 45372, as Excel wrote it to CSV


def test_leading_zeros_from_a_number_format_with_words_around_it(tmp_path):
    office_list = small_list([row(提案号=5), row(提案号=12, 领衔人="王亮")])
    office_list.formats = {(0, 1): '"第"000"号"', (1, 1): '"第"000"号"'}
    folder = office(tmp_path)
    intake(write_xlsx(office_list, tmp_path / "清单.xlsx"), folder)
    assert sorted(sheets(folder)) == ["005", "012"]


def test_numbers_without_any_sign_of_their_width_stay_as_they_are(tmp_path):
    folder = office(tmp_path)
    intake(write_xlsx(small_list([row(提案号=7), row(提案号=123, 领衔人="王亮")]), tmp_path / "清单.xlsx"), folder)
    assert sorted(sheets(folder)) == ["123", "7"]


def test_a_workbook_with_a_sheet_per_kind_and_a_notes_sheet(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["本表由市政府督查室编制，请各单位按期办理。"])
    for title, number in (("政协提案", "069"), ("人大建议", "012")):
        ws = book.create_sheet(title)
        ws.append(HEADER)
        ws.append(row(提案号=number))
    book.save(tmp_path / "清单.xlsx")
    folder = office(tmp_path)
    result = intake(tmp_path / "清单.xlsx", folder)
    assert {(e.kind, e.number) for e, _ in result.created} == {("政协提案", "069"), ("人大建议", "012")}
    assert any("[说明]" in n and "没有找到表头" in n for n in result.notices)


def test_footer_and_blank_rows_are_not_proposals(tmp_path):
    office_list = small_list([row(), [None] * len(HEADER), ["合计：1件"] + [None] * (len(HEADER) - 1),
                              ["制表人：李明", None, None, None, None, None, None, "2024-03-20"] + [None] * 2])
    result = intake(write_xlsx(office_list, tmp_path / "清单.xlsx"), office(tmp_path))
    assert (len(result.created), result.problems) == (1, [])


def test_deadlines_written_as_a_term_count_from_the_assignment(tmp_path):
    folder = office(tmp_path)
    intake(write_xlsx(small_list([row(办理期限="交办后3个月"), row(提案号="070", 领衔人="王亮", 办理期限="2024年6月30日前")]),
                      tmp_path / "清单.xlsx"), folder)
    made = sheets(folder)
    assert (made["069"]["deadline"], made["070"]["deadline"]) == ("2024-06-20", "2024-06-30")


def test_handling_from_the_unit_columns_when_the_list_has_no_handling_column(tmp_path):
    header = ["提案号", "案由", "领衔人", "主办单位", "协办单位"]
    rows = [["069", "关于甲的建议", "赵洁", "临沂市科学技术局", "市财政局"],
            ["070", "关于乙的建议", "王亮", "市发展改革委", "市科技局、市财政局"]]
    folder = office(tmp_path)                  # its profile: 临沂市科学技术局, short name 市科技局
    intake(write_xlsx(small_list(rows, header), tmp_path / "清单.xlsx"), folder)
    made = sheets(folder)
    assert (made["069"]["handling"], made["069"]["co_units"]) == ("主办", ["市财政局"])
    assert (made["070"]["handling"], made["070"]["lead_unit"], made["070"]["co_units"]) == ("协办", "市发展改革委",
                                                                                         ["市财政局"])


def test_party_and_group_proposers(tmp_path):
    folder = office(tmp_path)
    intake(write_xlsx(small_list([row(领衔人="民盟临沂市委"), row(提案号="070", 领衔人="张三、李四、王五"),
                                  row(提案号="071", 领衔人="赵洁委员")]), tmp_path / "清单.xlsx"), folder)
    made = sheets(folder)
    assert (made["069"]["proposers"], made["069"]["proposer_role"]) == (["民盟临沂市委"], "党派团体")
    assert made["070"]["proposers"] == ["张三", "李四", "王五"] and "proposer_role" not in made["070"]
    assert made["071"]["proposers"] == ["赵洁"]


def test_text_that_yaml_would_misread_arrives_unchanged(tmp_path):
    title = '关于"科技": #创新 [平台] {建设} 的建议'
    folder = office(tmp_path)
    intake(write_xlsx(small_list([row(案由=title, 领衔人="null")]), tmp_path / "清单.xlsx"), folder)
    [path] = find_sheets(folder)
    data = load_yaml(path.read_text(encoding="utf-8")).data
    assert (data["proposal_title"], data["proposers"]) == (title, ["null"])


# ---- never twice, never over ------------------------------------------------------------------------

def test_running_twice_creates_nothing_new(tmp_path):
    folder = office(tmp_path)
    source = write_xlsx(proposal_rows(5), tmp_path / "清单.xlsx")
    intake(source, folder)
    before = {p: p.read_bytes() for p in find_sheets(folder)}
    again = intake(source, folder)
    assert (again.created, len(again.existing)) == ([], 5)
    assert {p: p.read_bytes() for p in find_sheets(folder)} == before


def test_a_renamed_sheet_is_still_recognised_by_kind_and_number(tmp_path):
    folder = office(tmp_path)
    source = write_xlsx(small_list([row()]), tmp_path / "清单.xlsx")
    intake(source, folder)
    [path] = find_sheets(folder)
    moved = folder / "已办" / "赵洁提案.yaml"
    moved.parent.mkdir()
    path.rename(moved)
    again = intake(source, folder)
    assert again.created == [] and again.existing[0][1] == moved


def test_an_existing_file_of_the_same_name_is_never_overwritten(tmp_path):
    folder = office(tmp_path)
    other = folder / "069-赵洁-加快科技成果转化.yaml"
    other.write_text("kind: 人大建议\nnumber: \"069\"\nproposal_title: 别的建议\nproposers: [赵洁]\n", encoding="utf-8")
    result = intake(write_xlsx(small_list([row()]), tmp_path / "清单.xlsx"), folder)
    assert other.read_text(encoding="utf-8").startswith("kind: 人大建议")
    assert [p.name for _, p in result.created] == ["069-赵洁-加快科技成果转化-2.yaml"]


def test_the_same_number_in_another_session_is_another_proposal(tmp_path):
    folder = office(tmp_path)
    (folder / "旧.yaml").write_text("kind: 政协提案\nsession: 市政协十五届二次会议\nnumber: \"069\"\n"
                                    "proposal_title: 去年的提案\nproposers: [赵洁]\n", encoding="utf-8")
    result = intake(write_xlsx(small_list([row()]), tmp_path / "清单.xlsx"), folder)
    assert len(result.created) == 1


def test_dry_run_writes_nothing(tmp_path):
    folder = office(tmp_path)
    result = intake(write_xlsx(proposal_rows(3), tmp_path / "清单.xlsx"), folder, dry_run=True)
    assert len(result.created) == 3 and find_sheets(folder) == []


# ---- bad rows, bad lists ----------------------------------------------------------------------------

def test_bad_rows_are_named_by_row_number_and_the_others_are_made(tmp_path):
    office_list = small_list([row(), row(提案号="070", 交办日期="2024-02-30"), row(提案号="071", 案由=""),
                              row(提案号="069", 领衔人="王亮"), row(提案号="072", 领衔人="孙霞")])
    folder = office(tmp_path)
    source = write_xlsx(office_list, tmp_path / "清单.xlsx")
    r = run_drafter("intake", source, "--into", folder)
    assert r.returncode == 1, r.stderr
    lines = r.stderr.splitlines()
    assert f"{source} 第 4 行（交办日期）：日期“2024-02-30”不存在（2024年2月没有30日）" in lines
    assert f"{source} 第 5 行（案由）：标题为空" in lines
    assert f"{source} 第 6 行（提案号）：编号 069 与第 3 行重复" in lines
    assert sorted(sheets(folder)) == ["069", "072"]
    assert "共 5 行：新建 2 份，已有 0 份，出错 3 行" in r.stdout
    assert "Traceback" not in r.stderr


def test_missing_columns_are_named(tmp_path):
    source = write_xlsx(small_list([["069", "关于甲的建议", "2024-03-20"]], ["编号", "标题", "交办日期"]),
                        tmp_path / "清单.xlsx")
    r = run_drafter("intake", source, "--into", office(tmp_path))
    assert r.returncode == 2
    assert "缺少“提出人”列（表头在第 2 行：编号、标题、交办日期）" in r.stderr and "--columns" in r.stderr


def test_ambiguous_columns_are_named_with_their_letters_and_columns_settles_them(tmp_path):
    header = ["编号", "标题", "提出人", "领衔人"]
    source = write_xlsx(small_list([["069", "关于甲的建议", "赵洁", "赵洁"]], header), tmp_path / "清单.xlsx")
    folder = office(tmp_path)
    r = run_drafter("intake", source, "--into", folder)
    assert r.returncode == 2 and find_sheets(folder) == []
    assert "“提出人”（C列）、“领衔人”（D列）都可能是“提出人”" in r.stderr
    r = run_drafter("intake", source, "--into", folder, "--columns", "提出人=领衔人")
    assert r.returncode == 0, r.stderr


def test_unusual_headers_by_name_or_letter(tmp_path):
    header = ["案件编码", "内容摘要", "姓名", "日期"]
    source = write_xlsx(small_list([["069", "关于甲的建议", "赵洁", "2024-03-20"]], header), tmp_path / "清单.xlsx")
    folder = office(tmp_path)
    r = run_drafter("intake", source, "--into", folder, "--columns", "编号=A,标题=内容摘要,提出人=C,交办日期=日期")
    assert r.returncode == 0, r.stderr
    assert sheets(folder)["069"]["assigned_date"] == "2024-03-20"


def test_a_subject_category_column_is_not_mistaken_for_the_kind(tmp_path):
    header = ["编号", "标题", "提出人", "类别"]
    source = write_xlsx(small_list([["069", "关于甲的建议", "赵洁", "经济建设类"]], header), tmp_path / "清单.xlsx")
    result = intake(source, office(tmp_path))
    assert [e.kind for e, _ in result.created] == ["政协提案"]      # from the title row, not 经济建设类


def test_no_kind_anywhere_asks_for_kind(tmp_path):
    source = write_xlsx(small_list([row()], title=["交办清单"]), tmp_path / "list.xlsx")
    result = intake(source, office(tmp_path))
    assert result.created == [] and "--kind" in result.problems[0].message
    (tmp_path / "b").mkdir()
    assert [e.kind for e, _ in intake(source, office(tmp_path / "b"), kind="建议").created] == ["人大建议"]


@pytest.mark.parametrize("name,content,message", [
    ("清单.xls", b"\xd0\xcf\x11\xe0 old excel", "旧版 Excel/WPS 表格格式"),
    ("清单.xlsx", b"not a zip at all", "无法作为 Excel 工作簿打开"),
    ("清单.docx", b"PK", "交办清单应为 Excel 工作簿（.xlsx）或 CSV 文件"),
])
def test_files_that_are_not_lists(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    r = run_drafter("intake", tmp_path / name, "--into", tmp_path)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr


def test_a_list_without_a_header_row(tmp_path):
    (tmp_path / "清单.csv").write_text("甲,乙\n丙,丁\n", encoding="utf-8")
    with pytest.raises(InputError, match="找不到表头行"):
        intake(tmp_path / "清单.csv", tmp_path)


# ---- hostile lists ----------------------------------------------------------------------------------

def test_cells_cannot_put_a_sheet_outside_the_folder(tmp_path):
    folder = office(tmp_path)
    source = tmp_path / "清单.csv"
    source.write_text("编号,标题,提出人\n../../../etc/passwd,关于..\\..\\x的建议,CON\n", encoding="utf-8")
    result = intake(source, folder, kind="提案")
    [(_, path)] = result.created
    assert path.parent == folder and path.resolve().is_relative_to(folder.resolve())
    assert not (tmp_path / "etc").exists()


def test_a_control_character_in_a_cell_fails_that_row_only(tmp_path):
    source = tmp_path / "清单.csv"
    source.write_text("编号,标题,提出人\n069,关于\x07的建议,赵洁\n070,关于乙的建议,王亮\n", encoding="utf-8")
    folder = office(tmp_path)
    result = intake(source, folder, kind="提案")
    assert [e.number for e, _ in result.created] == ["070"]
    [problem] = result.problems
    assert problem.row == 2 and "控制字符" in problem.message


def test_template_syntax_in_a_title_is_text_not_a_template(tmp_path):
    folder = office(tmp_path)
    source = tmp_path / "清单.csv"
    source.write_text("编号,标题,提出人\n069,关于{{ facts.__class__ }}的建议,赵洁\n", encoding="utf-8")
    intake(source, folder, kind="提案")
    [path] = find_sheets(folder)
    assert load_yaml(path.read_text(encoding="utf-8")).data["proposal_title"] == "关于{{ facts.__class__ }}的建议"


def test_a_write_the_disk_refuses_stops_intake_with_the_file_named_and_leaves_no_half_file(tmp_path, monkeypatch):
    """The sheets are written by a few threads at once; a refused write still ends intake with the
    system's error (the CLI prints it), every file there is whole, and a second run makes the rest."""
    import drafter.textio

    folder = office(tmp_path)
    source = write_xlsx(proposal_rows(30), tmp_path / "清单.xlsx")
    write = drafter.textio.atomic_write_text

    def refuse_one(path, text):
        if path.name.startswith("007-"):
            raise OSError(28, "No space left on device", str(path))
        write(path, text)

    monkeypatch.setattr(drafter.textio, "atomic_write_text", refuse_one)
    with pytest.raises(OSError) as refused:
        intake(source, folder)
    assert "007-" in refused.value.filename
    made = find_sheets(folder)
    assert 0 < len(made) < 30 and all(load_reply(p) for p in made)
    assert not [p for p in folder.iterdir() if p.suffix == ".tmp"]
    monkeypatch.setattr(drafter.textio, "atomic_write_text", write)
    again = intake(source, folder)
    assert len(again.created) == 30 - len(made) and len(find_sheets(folder)) == 30
