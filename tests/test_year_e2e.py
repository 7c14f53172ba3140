"""A clerk's year, end to end, without touching a file by hand: `drafter init` makes the office,
`drafter intake` takes the 督查室's 60-row list, two replies are drafted and generated as the
TUI's editor does it, one is marked as sent, and `drafter report` hands back a 台账 the 督查室
can take: every proposal once, in number order, with its deadline, status and the summary."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from conftest import run_drafter
from office_lists import proposal_rows, write_xlsx
from openpyxl import load_workbook

from drafter.sheets.load import Loader, find_sheets
from drafter.workspace.generate import generate
from drafter.workspace.session import SheetSession

DRAFT = {
    ("handling_type",): "A",
    ("date",): "2024-06-18",
    ("intro",): "近年来，市科技局深入实施创新驱动发展战略，推动科技成果加快转化。",
    ("sections", 0, "items", 0, "lead"): "完善成果转化体系。",
    ("sections", 0, "items", 0, "text"): "出台成果转化若干措施，建设技术转移服务机构12家。",
    ("sections", 1, "items", 0, "lead"): "强化企业创新主体地位。",
    ("sections", 1, "items", 0, "text"): "年内新培育高新技术企业100家以上。",
}


def draft(path, loader, wenhao: str, **more) -> None:
    """Fill in a reply the way the editor does (field by field, minimal-diff save), then generate."""
    session = SheetSession(path, loader)
    for key, value in {**DRAFT, ("wenhao",): wenhao, **{(k,): v for k, v in more.items()}}.items():
        session.set(key, value)
    assert session.save()
    analysis = session.analyse()
    assert analysis.ok, [p.message for p in analysis.errors]
    generate(analysis)


def test_a_year_from_an_empty_office(tmp_path):
    office = tmp_path / "临沂市科技局"
    r = run_drafter("init", office, "--name", "临沂市科学技术局", "--short-name", "市科技局", "--city", "临沂市",
                    "--wenhao-prefix", "临科函字", "--work", "科技工作", "--contact-name", "李明",
                    "--contact-phone", "0539-8312345", "--yes")
    assert r.returncode == 0, r.stderr
    assert f"drafter intake 交办清单.xlsx --into {office}" in r.stdout and f"drafter report {office}" in r.stdout

    source = write_xlsx(proposal_rows(60), tmp_path / "2024年市政协提案交办清单.xlsx")
    r = run_drafter("intake", source, "--into", office)
    assert r.returncode == 0, r.stderr
    assert "共 60 行：新建 60 份，已有 0 份，出错 0 行" in r.stdout
    assert "共 60 行：新建 0 份，已有 60 份" in run_drafter("intake", source, "--into", office).stdout

    sheets = {p.name[:3]: p for p in find_sheets(office)}
    loader = Loader()
    draft(sheets["001"], loader, "临科函字〔2024〕4号", submitted="2024-06-20")
    draft(sheets["002"], loader, "临科函字〔2024〕5号")
    assert sheets["001"].with_suffix(".docx").is_file() and sheets["002"].with_suffix(".docx").is_file()

    r = run_drafter("report", office, "--as-of", "2024-07-01")
    assert r.returncode == 0, r.stderr
    book = load_workbook(office / "办理台账.xlsx")
    ws = book["办理台账"]
    assert ws["A1"].value == "临沂市科学技术局提案建议办理台账"
    lines = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert len(lines) == 60
    assert [line[0] for line in lines] == list(range(1, 61))
    assert [line[2] for line in lines] == [f"{n:03d}" for n in range(1, 61)]      # zeros kept, in order
    assert all(line[3] and line[4] and line[8] and line[9] for line in lines)    # title, proposer, dates
    assert lines[0][7:12] == ["临科函字〔2024〕4号", dt.datetime(2024, 3, 20), dt.datetime(2024, 6, 20),
                              dt.datetime(2024, 6, 18), "已提交"]
    assert lines[1][11] == "已生成" and lines[1][6] == "A"
    assert Counter(line[11] for line in lines) == {"未起草": 58, "已生成": 1, "已提交": 1}
    co_handled = [line for line in lines if line[5] == "协办"]
    assert len(co_handled) == 12 and all(line[13].startswith("主办单位：") for line in co_handled)

    summary = {(row[1].value): [c.value for c in row[2:]] for row in book["办理情况汇总"].iter_rows(min_row=4)}
    assert summary["件数"] == [60, 0, 60]
    assert summary["已提交"] == [1, 0, 1] and summary["未起草"] == [58, 0, 58]
    assert summary["按期答复"] == [2, 0, 2] and summary["逾期未答复"][2] + summary["未到期"][2] == 58
    assert summary["A"] == [2, 0, 2] and summary["协办"] == [12, 0, 12]
    assert summary["按期答复 ÷ 已答复"] == ["100.0%", None, "100.0%"]
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$3:$3"


def test_the_readme_shows_the_year_in_order():
    """init → intake → drafting and generating → marking as sent → the 台账, each step with its command."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### 一年的办理"):]
    section = section[:section.index("\n### ", 1)]
    steps = ["drafter init", "drafter intake 交办清单.xlsx", "生成 Word", "submitted:", "drafter report"]
    places = [section.find(step) for step in steps]
    assert -1 not in places and places == sorted(places), dict(zip(steps, places))
