"""Font classes in the PDF (drafter.layout.fonts): every GB/T class the .docx names prints with the
best installed face of its class, LibreOffice is told so through its replacement table (and, on
Linux, a fontconfig file), and the clerk is told once, in Chinese."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

from drafter.layout import fonts as F
from drafter.layout.parts import FontSet
from drafter.layout.pdf import for_libreoffice
from drafter.pipeline import render
from drafter.sheets.load import load_reply
from tests.replies import PROFILE, write_workspace

DEBIAN = frozenset({"Noto Serif CJK SC", "Noto Serif CJK JP", "Noto Sans CJK SC", "Noto Sans CJK JP",
                    "AR PL KaitiM GB", "AR PL UKai CN", "AR PL UKai TW", "DejaVu Sans"})
WINDOWS = frozenset({"SimSun", "NSimSun", "宋体", "FangSong", "仿宋", "KaiTi", "楷体", "SimHei", "黑体",
                     "Microsoft YaHei"})


def faces(p: F.FontPlan) -> dict[str, F.Face | None]:
    return {s.requested: s.face for s in p.substitutions}


def test_on_a_plain_linux_each_class_gets_a_free_face_with_chinese_forms():
    got = faces(F.plan([FontSet()], installed=DEBIAN, fontconfig=True))
    assert got == {
        "方正小标宋简体": F.Face("Noto Serif CJK SC", bold=True),  # 小标宋: a heavy serif
        "仿宋_GB2312": F.Face("Noto Serif CJK SC"),
        "黑体": F.Face("Noto Sans CJK SC"),
        "楷体_GB2312": F.Face("AR PL KaitiM GB"),  # Arphic's GB2312 楷, the nearest to 楷体_GB2312
        "宋体": F.Face("Noto Serif CJK SC"),
    }
    assert not any("JP" in f.family or "TW" in f.family for f in got.values())


def test_on_windows_the_real_fonts_are_used_under_their_installed_names():
    got = faces(F.plan([FontSet()], installed=WINDOWS, fontconfig=False))
    assert got["仿宋_GB2312"] == F.Face("仿宋") and got["楷体_GB2312"] == F.Face("楷体")
    assert got["方正小标宋简体"] == F.Face("宋体")  # no 小标宋, no bold without fontconfig: the nearest serif
    assert "黑体" not in got and "宋体" not in got  # installed: nothing to replace


def test_an_installed_font_is_never_replaced():
    assert F.plan([FontSet()], installed=DEBIAN | {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"},
                  fontconfig=True).substitutions == ()


def test_a_profile_font_outside_the_lists_is_replaced_by_its_role_class():
    got = faces(F.plan([FontSet(heading1="华康黑体W9")], installed=DEBIAN, fontconfig=True))
    assert got["华康黑体W9"] == F.Face("Noto Sans CJK SC")


def test_several_documents_name_each_missing_font_once():
    p = F.plan([FontSet(), FontSet(), FontSet(body="仿宋")], installed=DEBIAN, fontconfig=True)
    names = [s.requested for s in p.substitutions]
    assert len(names) == len(set(names)) and "仿宋" in names


def test_nothing_of_a_class_installed_is_said_plainly():
    p = F.plan([FontSet()], installed=frozenset({"DejaVu Sans"}), fontconfig=True)
    assert all(s.face is None for s in p.substitutions)
    assert "本机没有这一类中文字体" in p.note()


def test_the_clerk_is_told_once_in_chinese_which_substitutes_print():
    note = F.plan([FontSet()], installed=DEBIAN, fontconfig=True).note()
    assert note.startswith("提示：")
    assert "标题 方正小标宋简体→Noto Serif CJK SC（粗体）" in note and "正文 仿宋_GB2312→Noto Serif CJK SC" in note
    assert "README" in note
    assert F.FontPlan().note() is None
    assert "无法读取本机字体列表" in F.FontPlan(unknown=True).note()


def test_the_profile_carries_a_replacement_table_libreoffice_applies_always():
    p = F.plan([FontSet()], installed=DEBIAN, fontconfig=True)
    root = ET.fromstring(F.registry_xcu(p))
    pairs = {}
    for node in root.iter("node"):
        props = {prop.get("{http://openoffice.org/2001/registry}name"): prop.findtext("value")
                 for prop in node.iter("prop")}
        assert props["Always"] == "true" and props["OnScreenOnly"] == "false"
        pairs[props["ReplaceFont"]] = props["SubstituteFont"]
    assert pairs == {"仿宋_GB2312": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC", "楷体_GB2312": "AR PL KaitiM GB",
                     "宋体": "Noto Serif CJK SC"}  # the bold title goes through fontconfig instead


def test_the_fontconfig_file_keeps_the_system_configuration_and_asks_for_bold(monkeypatch):
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    xml = F.fontconfig_xml(F.plan([FontSet()], installed=DEBIAN, fontconfig=True))
    root = ET.fromstring(xml.split("\n", 2)[2])  # past the DOCTYPE
    assert root.find("include").text == "/etc/fonts/fonts.conf"
    (match,) = root.findall("match")
    assert match.find("test/string").text == "方正小标宋简体"
    assert [e.get("name") for e in match.findall("edit")] == ["family", "weight"]
    assert F.fontconfig_xml(F.plan([FontSet()], installed=WINDOWS, fontconfig=False)) is None


def test_the_roles_are_read_from_the_docx_styles(tmp_path):
    profile = PROFILE + "fonts: {title: 华文中宋, body: 仿宋, heading1: 黑体, heading2: 楷体, page_number: 宋体}\n"
    docx = render(load_reply(write_workspace(tmp_path, profile=profile))).docx
    assert F.fonts_of_docx(docx) == FontSet("华文中宋", "仿宋", "黑体", "楷体", "宋体")
    assert F.fonts_of_docx(b"not a zip") == FontSet()


def test_libreoffice_gets_the_overflow_flag_it_reads_inverted_and_nothing_else_changes(tmp_path):
    docx = render(load_reply(write_workspace(tmp_path))).docx
    fixed = for_libreoffice(docx)
    a, b = zipfile.ZipFile(io.BytesIO(docx)), zipfile.ZipFile(io.BytesIO(fixed))
    assert a.namelist() == b.namelist()
    for name in a.namelist():
        if name != "word/styles.xml":
            assert a.read(name) == b.read(name)
    assert b'<w:overflowPunct w:val="0"/>' in a.read("word/styles.xml")
    assert b.read("word/styles.xml") == a.read("word/styles.xml").replace(
        b'<w:overflowPunct w:val="0"/>', b'<w:overflowPunct w:val="1"/>')
