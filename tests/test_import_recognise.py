"""Each element of a reply is recognised: checked field by field against the invented corpus's
ground truth (tests/corpus/manifest.yaml) and on the seeds and the shared corpus.

Web pages of the invented corpus carry ASCII punctuation where their letters have full-width
marks; their text fields are compared after NFKC.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from drafter.importer.convert import read_letter
from drafter.importer.locate import NotAReply
from drafter.importer.source import read_source
from tests.conftest import SHARED_CORPUS

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"
SEEDS = REPO / "seeds"
SHARED = SHARED_CORPUS

FIELDS = ["kind", "proposers", "proposer_count", "proposer_role", "handling", "lead_unit", "session", "number",
          "proposal_title", "wenhao", "handling_type", "title", "salutation", "signature", "date", "contact",
          "disclosure", "cc", "headings", "subheadings", "items", "signer"]


def nfkc(value):
    if isinstance(value, str):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    if isinstance(value, list):
        return [nfkc(v) for v in value]
    if isinstance(value, dict):
        return {k: nfkc(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def recognised(path: Path):
    return read_letter(read_source(path))[1]


@lru_cache(maxsize=1)
def manifest() -> dict:
    path = CORPUS / "manifest.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


def expected_fields(rel: str) -> dict:
    entries = manifest()
    entry = entries[rel]
    return dict(entries[entry["same_as"]]) if "same_as" in entry else entry


CASES = [(rel, field) for rel in sorted(manifest()) for field in FIELDS
         if field in expected_fields(rel) or field == "proposer_count"]


@pytest.mark.parametrize("rel,field", CASES, ids=[f"{r.replace('/', '-')[:-4]}-{f}" for r, f in CASES])
def test_element_is_recognised_as_the_manifest_says(rel, field):
    want = expected_fields(rel).get(field)
    got = getattr(recognised(CORPUS / rel), field)
    if field in ("cc", "headings", "subheadings") and want is None:
        want = []
    if isinstance(want, dt.date):
        want = f"{want.year}年{want.month}月{want.day}日"
    if isinstance(want, int) and field not in ("items", "proposer_count"):
        want = str(want)
    if rel.startswith("pages/"):
        want, got = nfkc(want), nfkc(got)
    assert got == want


def test_seed_000_header_and_signature_block():
    r = recognised(next(SEEDS.glob("000_*.txt")))
    assert (r.kind, r.handling_type, r.wenhao) == ("政协提案", "A", "临科函字〔2024〕4号")
    assert (r.proposers, r.proposer_role, r.salutation) == (["赵洁"], "委员", "赵洁委员:")
    assert r.proposal_title == "关于引育“专精特新”,加力提速工业经济高质量发展的建议"
    assert (r.signature, r.date) == ("临沂市科学技术局", "2024年6月18日")
    assert r.headings == ["工作开展情况", "下步工作思路"]
    assert r.items == 8


def test_seed_003_title_gives_meeting_number_and_kind():
    r = recognised(next(SEEDS.glob("003_*.txt")))
    assert (r.session, r.number, r.kind) == ("市政协十四届一次会议", "313", "政协提案")
    assert r.proposers == ["中国共产党组"] and r.proposer_role == "党派团体"
    assert r.co_units == ["市委组织部", "市经信局"]


@pytest.mark.parametrize("name", ["002", "004"])
def test_press_pages_are_not_replies(name):
    with pytest.raises(NotAReply) as info:
        recognised(next(SEEDS.glob(f"{name}_*.txt")))
    assert "不是提案或建议的答复" in str(info.value)


@pytest.mark.needs("shared")
class TestSharedCorpus:
    """Elements of real replies whose forms the invented corpus does not have."""

    def r(self, name: str):
        return recognised(SHARED / "replies" / f"{name}.txt")

    def test_class_glued_to_wenhao_without_parentheses(self):
        r = self.r("09")
        assert (r.wenhao, r.handling_type, r.proposers) == ("湘教提复字〔2019〕来信号", "B", ["戴治"])

    def test_wenhao_and_signer_on_one_line(self):
        r = self.r("12")
        assert (r.wenhao, r.signer, r.handling_type, r.kind) == ("宁交函〔2021〕141号", "姜涛", "C", "人大建议")

    def test_mangled_and_chinese_numeral_dates(self):
        assert self.r("08").date == "20211022"
        assert self.r("33").date == "二○一二年六月十四日"
        assert self.r("17").date == "二〇二二年八月三十日"

    def test_group_and_joint_proposers(self):
        assert (self.r("14").proposers, self.r("14").proposer_role) == (["雨露乡委员小组"], "集体")
        r = self.r("06")
        assert (r.proposers, r.proposer_count, r.kind) == (["李红"], 8, "人大建议")

    def test_co_handling_opinion_addressed_to_the_lead_unit(self):
        r = self.r("27")
        assert (r.handling, r.lead_unit, r.proposers, r.proposer_role) == ("协办", "市市场监督管理局", ["九三学社"],
                                                                              "党派团体")

    def test_no_salutation_proposers_from_the_opening(self):
        r = self.r("33")
        assert r.salutation is None and r.proposers[0] == "任木兰" and r.proposer_role == "代表"

    def test_contact_and_cc_in_their_local_forms(self):
        r = self.r("16")
        assert r.contact == {"name": "张雷", "phone": "56155520"}
        assert r.cc == ["市督查局", "市政协提案委"]
        assert self.r("13").cc == ["市人大常委会选举任免代表工作委员会", "市政府办公室"]


def test_new_profile_is_named_after_the_signature_or_the_title():
    from drafter.importer.convert import new_profile_text

    seed000 = recognised(next(SEEDS.glob("000_*.txt")))
    seed003 = recognised(next(SEEDS.glob("003_*.txt")))  # no signature: the unit in the title
    assert "name: 临沂市科学技术局" in new_profile_text(seed000, Path("000.txt"))
    assert "name: 余姚市科学技术局" in new_profile_text(seed003, Path("003.txt"))
