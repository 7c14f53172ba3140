"""Patterns seen on replies nobody tuned the importer or the checker for (issue 14), one test per
pattern, on letters written here in the shape of the shared corpus (web copies: ASCII , : ( ) as
the store keeps them). Each letter is imported (and must render back to its text), its sheet is
proofread, and the letter itself is proofread as plain text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from drafter.checker import check_reply, check_text
from drafter.compose.render import compose
from drafter.importer.batch import Importer
from drafter.sheets.load import Loader
from test_check_support import sheet
from test_import_roundtrip import import_and_render, key, unescape

TODAY = dt.date(2025, 1, 10)


def imported(tmp_path: Path, text: str):
    """Import text as a clerk would (a profile is made from it), check it renders back word for
    word; return the import result, the loaded reply and the sheet data."""
    source = tmp_path / "reply.txt"
    source.write_text(text, encoding="utf-8")
    got, result = import_and_render(source, tmp_path / "out")
    assert key(unescape(got)) == key(text)
    reply = Loader().load(result.target)
    return result, reply, yaml.safe_load(result.target.read_text(encoding="utf-8"))


def as_plain_text(text: str) -> list:
    return check_text(text, ascii_punctuation=True, today=TODAY)


def letter(*, header: str = "", salutation: str = "王强代表:", opening: str | None = None, body: str,
           closing: str = "感谢您对水利工作的关心和支持!", tail: str = "东川市水利局\n2024年6月20日") -> str:
    opening = opening if opening is not None else "您提出的《关于加强农村饮水安全保障的建议》收悉,现答复如下:"
    title = "东川市水利局关于市十七届人大三次会议第45号建议的答复"
    return "\n".join(x for x in (header, title, salutation, opening, body, closing, tail) if x) + "\n"


# ---- 1. openings without 收悉 / 现答复如下 ------------------------------------------------------------

HANDED_OVER = ("您在市十七届人大三次会议期间提出的关于加强农村饮水安全保障的建议,经市人大常委会确定由我局主办。"
               "我局高度重视,组织水务、卫健等部门开展实地调研,召开座谈会听取意见。")
PARTY_HANDED_OVER = ("贵委提出的《关于支持科技型小微企业融资的提案》,经市政协提案委员会审查立案后转由我局主办,"
                     "我局会同市金融办进行了专题调研。")


@pytest.mark.parametrize("salutation,opening,proposer", [
    ("王强代表:", HANDED_OVER, "王强"),
    ("王强代表", HANDED_OVER, "王强"),                       # the colon left out
    ("九三学社东川市委:", PARTY_HANDED_OVER, "九三学社东川市委"),
    ("九三学社东川市委", PARTY_HANDED_OVER, "九三学社东川市委"),
], ids=["person", "person-no-colon", "party", "party-no-colon"])
def test_a_reply_that_opens_by_telling_how_it_was_handled_is_imported_with_a_warning(
        tmp_path, salutation, opening, proposer):
    text = letter(salutation=salutation, opening=opening,
                  body="一、工作开展情况\n全市农村自来水普及率达到98%,新建改造供水工程36处。\n"
                       "二、下一步工作打算\n我局将于2025年底前完成剩余12个村的管网改造。")
    result, reply, data = imported(tmp_path, text)
    assert data["proposers"] == [proposer]
    assert data["salutation"] == salutation
    assert [s["heading"] for s in data["sections"]] == ["工作开展情况", "下一步工作打算"]
    assert any("开头语不常见" in w for w in result.warnings)
    findings = [f.rule for f in check_reply(reply, today=TODAY)]
    assert findings == ([] if salutation.endswith(":") else ["formal.salutation"])  # the missing colon is real


# ---- 2. 附注 lines written where the closing is ----------------------------------------------------

SIGNATURE = "东川县住房和城乡建设局(局办公室)"
BODY = "我局已在城区新建停车场3处,新增泊位420个。下一步将在2025年底前再建停车场2处。"
TAILS = {
    "before-the-signature": ["办复类别:B", "联系人:周敏  联系电话:0571-6123456", "(此件主动公开)", SIGNATURE,
                             "2024年8月2日"],
    "after-the-date": [SIGNATURE, "2024年8月2日", "办复类别:B类", "(联系人及电话:周敏 0571-6123456)",
                       "(此件主动公开)"],
    "head-and-after-the-date": [SIGNATURE, "2024年8月2日", "联系人:周敏;联系电话:0571-6123456", "(此件公开发布)"],
    "split-contact-before-the-signature": ["类别:B类", "联系单位:城建科", "联系电话:0571-6123456", "公开", SIGNATURE,
                                           "2024年8月2日"],
}


@pytest.mark.parametrize("name", list(TAILS))
def test_class_contact_disclosure_and_signature_written_at_the_end_land_in_their_fields(tmp_path, name):
    header = "类别:B" if name == "head-and-after-the-date" else ""
    text = letter(header=header, body=BODY, closing="感谢您对城市建设工作的关心和支持!", tail="\n".join(TAILS[name]))
    _, reply, data = imported(tmp_path, text)
    assert data["handling_type"] == "B"
    assert data["disclosure"] == "主动公开"
    assert data["contact"]["phone"] == "0571-6123456"
    assert data["contact"].get("name", "周敏") == "周敏" and data["contact"].get("unit", "城建科") == "城建科"
    assert data["closing"] == ["感谢您对城市建设工作的关心和支持!"]
    assert "notes" not in data and "header_lines" not in data
    blocks = compose(reply)
    assert [b.text for b in blocks if b.kind.value == "signature"] == [SIGNATURE.replace("(", "（").replace(")", "）")]
    # word for word and in order: the round trip above; nothing for the proofreader to ask
    assert check_reply(reply, today=TODAY) == []
    assert as_plain_text(text) == []


def test_a_changed_contact_prints_in_the_letter_s_own_wording(tmp_path):
    text = letter(body=BODY, tail="\n".join(TAILS["before-the-signature"]))
    _, reply, _ = imported(tmp_path, text)
    reply.sheet.contact.phone = "0571-6999999"
    notes = [b.text for b in compose(reply) if b.kind.value == "note"]
    assert "联系人：周敏  联系电话：0571-6999999" in notes


# ---- 3. an item number run into a year or a figure ---------------------------------------------------

def test_an_item_number_directly_followed_by_a_year_or_a_figure_is_the_item(tmp_path):
    body = ("一、工作开展情况\n1.2017年以来的政策扶持\n县政府先后出台扶持政策6项,兑现奖补资金1200万元。\n"
            "2.2020年以来的服务体系\n建成科技企业孵化器3家,服务企业210家。\n"
            "二、下一步打算\n1.300家企业纳入培育库,实行一企一策。\n2.加大科技金融支持,全年新增贷款5亿元。")
    text = letter(body=body)
    _, reply, data = imported(tmp_path, text)
    under_first = data["sections"][0]["sections"][0]["sections"]
    assert [s["heading"] for s in under_first] == ["2017年以来的政策扶持", "2020年以来的服务体系"]
    assert "numbered" not in under_first[0]  # the template numbers them 1. 2. again
    assert [f.rule for f in check_reply(reply, today=TODAY)] == []
    assert as_plain_text(text) == []
    # a decimal opening a paragraph is still a number, not an item
    assert as_plain_text(letter(body="1.5亿元专项资金已全部拨付到位。")) == []


# ---- 4. a new paragraph starts a new list --------------------------------------------------------------

NEW_LISTS = {
    "yi-shi": ("经调研,当前主要存在以下问题:一是资金投入不足;二是专业人才短缺。",
               "针对上述问题,我局采取了以下措施:一是加大财政投入;二是引进专业人才。"),
    "yi-shi-paragraphs": ("一是资金投入不足。", "二是专业人才短缺。", "针对上述问题,我局采取了以下措施。",
                          "一是加大财政投入。", "二是引进专业人才。"),
    "run-into-the-clause": ("当前主要存在以下问题:一是资金投入不足;二是专业人才短缺。",
                            "我局采取的措施一是加大财政投入;二是引进专业人才。"),
    "yi-fang-mian": ("一方面,资金投入不足;另一方面,专业人才短缺。", "为此,一方面,加大财政投入;另一方面,引进专业人才。"),
    "di-yi": ("存在问题:第一,资金投入不足;第二,专业人才短缺。", "下一步:第一,加大财政投入;第二,引进专业人才。"),
}


@pytest.mark.parametrize("name", list(NEW_LISTS))
def test_a_new_paragraph_that_starts_a_new_list_is_a_new_list(tmp_path, name):
    text = letter(body="\n".join(NEW_LISTS[name]))
    _, reply, _ = imported(tmp_path, text)
    assert check_reply(reply, today=TODAY) == []
    assert as_plain_text(text) == []
    # a list restarted inside one sentence's paragraph is still a repeat
    [repeat] = as_plain_text(letter(body="我局一是加大财政投入;二是引进专业人才;二是优化服务。"))
    assert (repeat.rule, repeat.found, repeat.fix) == ("numbering.repeat", "二是", "三是")


# ---- 5. the plan of a B reply read as a reviewer reads it ------------------------------------------------

def test_a_plan_of_measures_or_with_dates_is_a_plan_with_a_time(tmp_path):
    problem = "您反映的城区停车难问题确实存在,主要原因是停车设施建设滞后。"
    measures = "为此,我局一是加大公共停车场建设力度,在老城区新建停车场2处;二是与自然资源部门对接,在新建小区配建停车位。"
    dated = "下一步,我局将加快停车场建设。年底前出台停车设施管理办法,2025年新增泊位500个。"
    b = {"handling_type": "B"}
    b = dict(b, ascii_punctuation=True)
    assert [f.rule for f in check_text(letter(body=problem + "\n" + measures), today=TODAY, **b)] \
        == ["handling-type.timeframe"]  # a plan, though without a time
    assert check_text(letter(body=problem + "\n" + dated), today=TODAY, **b) == []
    assert [f.rule for f in check_text(letter(body=problem), today=TODAY, **b)] == ["handling-type.fit"]
    text = letter(header="类别:B", body=problem + "\n" + measures + "\n" + dated)
    _, reply, data = imported(tmp_path, text)
    assert data["handling_type"] == "B"
    assert check_reply(reply, today=TODAY) == []


# ---- 6. empty 一是 items ---------------------------------------------------------------------------------

EMPTY_ITEM = """\
sections:
  - heading: 工作开展情况
    items:
      - lead: 完善企业培育体系。
        text: 今年全市高新技术企业达到{{ facts.高企数 }}。
      - lead: ""
        text: ""
      - 深化产学研合作，签订合作项目120项。
  - heading: 下一步打算
    paragraphs: 年内继续实施梯次培育行动。
"""


def test_an_empty_item_is_not_printed_and_is_reported(tmp_path):
    path = sheet(tmp_path, EMPTY_ITEM)
    reply = Loader().load(path)
    items = [b for b in compose(reply) if b.kind.value == "item"]
    assert [b.prefix for b in items] == ["一是", "二是"]
    assert items[1].text == "深化产学研合作，签订合作项目120项。"
    [empty] = check_reply(reply, today=TODAY)
    assert (empty.rule, empty.key) == ("numbering.empty", ("sections", 0, "items", 1))
    assert empty.line == path.read_text(encoding="utf-8").splitlines().index('      - lead: ""') + 1
    # in a plain letter: an item marker with nothing after it
    [plain] = as_plain_text(letter(body="我局一是加大财政投入;二是;三是引进专业人才。"))
    assert (plain.rule, plain.found) == ("numbering.empty", "二是")

