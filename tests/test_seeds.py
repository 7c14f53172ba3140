"""The seed examples reproduce the published replies they were taken from.

Each example under examples/ that copies a seed (seeds/000, 001, 003) is loaded, composed and
written to .docx; the .docx is read back with python-docx and compared with the seed text.
Punctuation width does not count (both sides are NFKC-normalised: the seeds carry half-width
marks from scraping, the renderer prints full-width), and web debris (runs of ``|``) is dropped
from the seeds. The title (generated from proposal_title, which the published copies print
elsewhere on the page) is left out by style; every other paragraph the published copy lacks (a
signature from the profile, a date the example adds so that it is a complete reply) is named per
seed in ADDED and must appear exactly there, after the seed's own text.
"""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import docx
import pytest

from drafter.compose.render import compose
from drafter.layout.docx import write_docx
from drafter.sheets.load import find_sheets, load_reply

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
EXAMPLES = ROOT / "examples"

LINYI = EXAMPLES / "临沂市科技局"
SHEET_000 = LINYI / "000-赵洁-专精特新.yaml"
SHEET_001 = EXAMPLES / "淄博市科技局" / "001-王亮-民营企业数字化.yaml"
SHEET_003 = EXAMPLES / "余姚市科技局" / "003-中国共产党组-产业创新能力.yaml"
SHEET_XINYI = EXAMPLES / "新沂市科技局" / "2024-陈红等3位代表-科技型中小企业.yaml"

# Paragraphs an example prints that its published seed lacks (besides the title): the signature
# from the profile and the date the example adds, in the order they close the reply. Each added
# date is an invented value, marked "示例补充（原文无）" on its line in the sheet.
ADDED = {
    "000": [],
    "001": ["淄博市科学技术局", "2024年6月28日"],
    "003": ["余姚市科学技术局", "2022年5月20日"],
}
ADDED_DATES = {SHEET_001: "2024-06-28", SHEET_003: "2022-05-20"}

_DEBRIS = re.compile(r"\|+")
_SPACE = re.compile(r"\s+")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def seed_text(number: str) -> str:
    """The seed file whose name starts with number, without its web debris (runs of |)."""
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return _DEBRIS.sub("", path.read_text(encoding="utf-8"))


def seed_lines(number: str) -> list[str]:
    """The seed's non-empty lines, stripped and NFKC-normalised."""
    return [nfkc(line.strip()) for line in seed_text(number).split("\n") if line.strip()]


def docx_paragraphs(sheet: Path) -> list[tuple[str, str]]:
    """(style name, text) of the non-empty paragraphs of the .docx the sheet renders to."""
    data = write_docx(compose(load_reply(sheet)))
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]


def docx_lines(sheet: Path, *, without_styles: set[str]) -> list[str]:
    """The rendered paragraphs' text, NFKC-normalised, leaving out the given styles."""
    return [nfkc(text.strip()) for style, text in docx_paragraphs(sheet) if style not in without_styles]


# ---- seeds reproduced paragraph by paragraph ------------------------------------------------

def test_seed_000_linyi_reply_is_reproduced_paragraph_by_paragraph():
    """临沂 000: every line of the published reply (办理类型, 文号, salutation … signature, date)
    is one paragraph of the .docx, in order; only the title is extra (the seed lacks it)."""
    assert docx_lines(SHEET_000, without_styles={"Title"}) == seed_lines("000") + ADDED["000"]


def test_seed_001_zibo_reply_is_reproduced_paragraph_by_paragraph():
    """淄博 001: the truncated published reply (salutation to 二、下一步打算 三是) is reproduced
    in order, followed by exactly the signature taken from the profile and the date the example
    adds; nothing else is added (no closing, 附注 or 抄送)."""
    assert docx_lines(SHEET_001, without_styles={"Title"}) == seed_lines("001") + ADDED["001"]


def test_seed_003_yuyao_run_on_reply_is_reproduced_character_by_character():
    """余姚 003: the seed is one run-on web paragraph, so the reply's text is compared as one
    string with all white space removed; every character appears in order, title included,
    followed by exactly the signature from the profile and the date the example adds."""
    rendered = "".join(text for _, text in docx_paragraphs(SHEET_003))
    expected = seed_text("003") + "".join(ADDED["003"])
    assert _SPACE.sub("", nfkc(rendered)) == _SPACE.sub("", nfkc(expected))


@pytest.mark.parametrize("sheet", find_sheets(EXAMPLES), ids=lambda path: path.parent.name)
def test_every_example_is_a_complete_reply_with_signature_and_date(sheet):
    """A clerk copying any example starts from a whole reply: its body is closed by a signature
    directly followed by a date written 年月日 (only 附注 and 抄送 may come after them)."""
    styles = [style for style, _ in docx_paragraphs(sheet)]
    texts = [text for _, text in docx_paragraphs(sheet)]
    assert styles.count("Signature") == 1 and styles.count("Date") == 1
    at = styles.index("Signature")
    assert styles[at + 1] == "Date"
    assert texts[at].endswith("科学技术局")
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", texts[at + 1])
    assert set(styles[at + 2:]) <= {"Note", "Carbon Copy"}


@pytest.mark.parametrize("sheet", list(ADDED_DATES), ids=lambda path: path.parent.name)
def test_a_date_the_published_reply_lacks_is_marked_as_invented_in_the_sheet(sheet):
    """The dates added to seeds that had none carry the 示例补充（原文无） mark on their line."""
    (line,) = [line for line in sheet.read_text(encoding="utf-8").splitlines() if line.startswith("date:")]
    assert line.startswith(f"date: {ADDED_DATES[sheet]}")
    assert "示例补充（原文无）" in line


@pytest.mark.parametrize("slip", ["引育引育", "③拓展", "通过 “俄罗斯"])
def test_seed_000_keeps_the_published_slips_for_the_proofreading_checker(slip):
    """The real slips of the published 000 reply survive rendering unchanged."""
    assert any(slip in text for _, text in docx_paragraphs(SHEET_000))


def test_seed_000_cites_at_least_eight_figures_from_the_facts_library():
    """The 000 sheet takes its key figures from facts.yaml by name, at least eight of them."""
    cited = set(re.findall(r"\{\{\s*facts\.(\w+)\s*\}\}", SHEET_000.read_text(encoding="utf-8")))
    reply = load_reply(SHEET_000)
    figures = {name for name in cited if not reply.facts[name].is_passage}
    assert len(figures) >= 8


# ---- the invented 新沂 reply ---------------------------------------------------------------

def test_xinyi_npc_reply_renders_with_its_notes_and_carbon_copy():
    """新沂 (人大建议, 3 代表, 类型 B): the reply renders with the handling-type line, the
    joint salutation, the 公开 and 联系人 附注 and the 抄送 line naming two units."""
    paragraphs = docx_paragraphs(SHEET_XINYI)
    texts = [text for _, text in paragraphs]
    by_style = {}
    for style, text in paragraphs:
        by_style.setdefault(style, []).append(text)
    assert texts[0] == "办理类型：B"
    assert "陈红等3位代表：" in texts
    assert "（此件公开发布）" in by_style["Note"]
    assert any(t.startswith("（联系人：") and "联系电话：" in t for t in by_style["Note"])
    (cc,) = by_style["Carbon Copy"]
    assert cc == "抄送：市人大常委会人代工委，市政府督查室。"


def test_xinyi_reply_cites_xinyi_figures_not_linyi_ones():
    """The 新沂 reply's figures come from the 新沂 facts library (517 科技型中小企业 in 2023),
    never from the 临沂 one (1404)."""
    body = "".join(text for _, text in docx_paragraphs(SHEET_XINYI))
    assert "入库国家科技型中小企业517家" in body
    assert "1404" not in body


# ---- facts drive the text ------------------------------------------------------------------

def test_editing_a_figure_in_the_facts_library_changes_the_rendered_reply(tmp_path):
    """Copy the 临沂 folder, change 高新技术企业数 from 2104 to 2300 in facts.yaml and render
    again: the sentence that said 2104家 now says 2300家, and 2104 is gone."""
    folder = tmp_path / "临沂市科技局"
    shutil.copytree(LINYI, folder)
    facts = folder / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    entry = re.compile(r'(高新技术企业数:\n(?:\s+.*\n)*?\s+value: )"2104"')
    assert len(entry.findall(text)) == 1
    facts.write_text(entry.sub(r'\1"2300"', text), encoding="utf-8")

    before = "".join(text for _, text in docx_paragraphs(SHEET_000))
    after = "".join(text for _, text in docx_paragraphs(folder / SHEET_000.name))
    assert "高新技术企业达到2104家" in before
    assert "高新技术企业达到2300家" in after
    assert "2104" not in after
