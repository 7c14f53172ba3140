"""Every complete reply of the shared corpus imports with its class mark, contact, 公开属性 and 署名 in
their own sheet fields (not left in the closing, the notes or the header lines), and still renders
back to its text word for word.

What each letter carries is the corpus README's table (columns Class mark, 联系人 / 附注, 公开 mark,
Signature), written down here as which marks a reply has; the values themselves are read from the
letters, never copied here.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml

from drafter.compose.render import compose
from drafter.sheets.load import Loader
from test_import_roundtrip import SHARED, import_and_render, key, shared, unescape

# reply -> marks it prints: handling type letter (h:X), contact (c), 公开属性 (d), 署名 (s)
MARKS = {
    "01": "", "02": "", "03": "", "04": "c", "05": "", "06": "h:A c d s", "07": "c", "08": "s",
    "09": "h:B c s", "10": "c d", "11": "s", "12": "h:C c s", "13": "h:C c d", "14": "s", "15": "h:B c", "16": "c",
    "17": "s", "18": "s", "19": "s", "20": "s", "21": "c s", "22": "h:B c s", "23": "c s", "24": "c s", "25": "c",
    "26": "", "27": "c d s", "28": "h:A s", "29": "c s", "30": "c s", "31": "c", "32": "", "33": "c s",
}
# words that mark a class, contact or disclosure line; none may be left in a free-text field
MARK_WORDS = re.compile(r"联\s*系\s*(?:人|电\s*话|单\s*位|科\s*室|方\s*式)|经\s*办\s*人|承办人|电\s*话\s*[:：]|类\s*别|办复|办理结果|[(（]此件|公开[:：]|^公开$|^[A-D]类$")


def nfkc(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_the_table_covers_every_reply_of_the_corpus():
    if SHARED.is_dir():
        assert sorted(MARKS) == sorted(p.stem for p in shared("replies"))


@pytest.mark.needs("shared")
@pytest.mark.parametrize("source", shared("replies"), ids=lambda p: p.stem)
def test_published_reply_keeps_its_marks_in_their_own_fields(source, tmp_path):
    text = source.read_text(encoding="utf-8")
    got, result = import_and_render(source, tmp_path)
    assert key(unescape(got)) == key(text)
    data = yaml.safe_load(result.target.read_text(encoding="utf-8"))
    reply = Loader().load(result.target)
    marks = dict(m.split(":") if ":" in m else (m, "") for m in MARKS[source.stem].split())
    letter = nfkc(text)

    if "h" in marks:
        assert data.get("handling_type") == marks["h"]
    if "d" in marks:
        assert data.get("disclosure") == "主动公开"
    if "c" in marks:
        contact = data.get("contact")
        assert isinstance(contact, dict) and (contact.get("name") or contact.get("phone"))
        assert all(nfkc(v) in letter for v in contact.values())
    signatures = [b.text for b in compose(reply) if b.kind.value == "signature"]
    if "s" in marks:
        assert data.get("signature") != "无" and signatures
        assert all(nfkc(s) in letter for s in signatures)
    else:
        assert signatures == []

    free = [t for name in ("closing", "notes", "header_lines") for t in data.get(name) or []]
    assert [t for t in free if MARK_WORDS.search(t.strip())] == []
