"""The round trip: `drafter import` then `drafter render` gives the input reply's text, in order.

Texts are compared after NFKC with white space removed, so that punctuation width (web copies
carry ASCII , : ( ) where letters have ，：（）) and line breaks do not count; every character of
the reply must come back, in its place. Holds for the seeds, the 33 published replies of the
shared corpus (as letters and as the web pages they came from, reply found inside the page
chrome), the 6 cut-off pages, and the invented corpus in tests/corpus.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
import yaml

from drafter.importer.batch import Importer
from drafter.pipeline import render
from drafter.sheets.load import Loader
from tests.conftest import SHARED_CORPUS

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = SHARED_CORPUS
CORPUS = REPO / "tests" / "corpus"
needs_shared = pytest.mark.needs("shared")

# First line of the reply in each cut-off page (the rest of the file is the reply, cut short).
PARTIAL_START = {"01": 9, "02": 7, "03": 18, "04": 24, "05": 9, "06": 2}


def key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def docx_text(data: bytes) -> str:
    """The text of a rendered .docx: the letterhead (first-page header) and the body, in order."""
    with zipfile.ZipFile(BytesIO(data)) as z:
        names = z.namelist()
        parts = [z.read("word/document.xml").decode("utf-8")]
        head = z.read("word/header1.xml").decode("utf-8") if "word/header1.xml" in names else ""
    text = lambda xml: "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))  # noqa: E731
    return text(head) + text(parts[0])


def import_and_render(source: Path, folder: Path) -> tuple[str, object]:
    """Import source into folder (a profile is written there), render the sheet, return its text."""
    importer = Importer(into=folder)
    result = importer.import_file(source)
    assert result.status != "失败", result.error
    assert not result.converted.fallback, "the importer fell back to plain paragraphs"
    rendered = render(Loader().load(result.target))
    text = docx_text(rendered.docx)
    return (text.replace(rendered.reply.profile.letterhead_text, "", 1) if rendered.reply.profile.letterhead
            else text), result


def unescape(xml_text: str) -> str:
    return xml_text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"')


def check(source: Path, expected: str, tmp_path: Path):
    got, result = import_and_render(source, tmp_path)
    assert key(unescape(got)) == key(expected)
    return result


# ---- seeds ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["000", "001", "003"])
def test_seed_replies_render_back_to_their_text(name, tmp_path):
    source = next(SEEDS.glob(f"{name}_*.txt"))
    text = source.read_text(encoding="utf-8").replace("|", "")  # seed 003's table debris is not text
    check(source, text, tmp_path)


def test_seed_003_run_on_line_becomes_a_structured_letter(tmp_path):
    result = check(next(SEEDS.glob("003_*.txt")), next(SEEDS.glob("003_*.txt")).read_text("utf-8").replace("|", ""),
                   tmp_path)
    sheet = yaml.safe_load(result.target.read_text("utf-8"))
    assert sheet["title"] == "余姚市科学技术局关于市政协十四届一次会议第313号提案的答复"
    assert sheet["salutation"].rstrip(":：") == "中国共产党组"
    assert [s["heading"] for s in sheet["sections"]][:1] == ["科技创新总体情况"]
    assert any("跳过网页表格残留" in w for w in result.warnings)


# ---- the shared corpus of real replies -----------------------------------------------------------

def shared(folder: str) -> list[Path]:
    return sorted((SHARED / folder).glob("*.txt")) if SHARED.is_dir() else []


@needs_shared
@pytest.mark.parametrize("source", shared("replies"), ids=lambda p: p.stem)
def test_published_reply_renders_back_to_its_text(source, tmp_path):
    check(source, source.read_text(encoding="utf-8"), tmp_path)


@needs_shared
@pytest.mark.parametrize("source", shared("pages"), ids=lambda p: p.stem[:2])
def test_reply_is_found_inside_its_web_page(source, tmp_path):
    letter = SHARED / "replies" / f"{source.name[:2]}.txt"
    check(source, letter.read_text(encoding="utf-8"), tmp_path)


@needs_shared
@pytest.mark.parametrize("source", shared("partial"), ids=lambda p: p.stem[:2])
def test_cut_off_reply_renders_back_to_what_there_is(source, tmp_path):
    lines = source.read_text(encoding="utf-8").split("\n")
    result = check(source, "\n".join(lines[PARTIAL_START[source.name[:2]] - 1:]), tmp_path)
    chrome = [w for w in result.warnings if "网页内容" in w]
    assert chrome, "the page chrome above the reply is reported as skipped"


# ---- the invented corpus ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def manifest() -> dict:
    path = CORPUS / "manifest.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


@pytest.mark.parametrize("rel", sorted(manifest()), ids=lambda r: r.replace("/", "-")[:-4])
def test_invented_corpus_renders_back(rel, tmp_path):
    entry = manifest()[rel]
    letter = CORPUS / entry.get("same_as", rel)
    check(CORPUS / rel, letter.read_text(encoding="utf-8"), tmp_path)
