"""Font classes in the PDF (drafter.layout.fonts, drafter.layout.pdf): every GB/T class the .docx
names prints with the best installed face of its class, written into the ODT LibreOffice prints
from, and the clerk is told once, in Chinese."""

from __future__ import annotations

import re

from drafter.layout import fonts as F
from drafter.layout.parts import FontSet
from drafter.layout.pdf import fix_odt_part
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
    got = faces(F.plan([FontSet()], installed=DEBIAN))
    assert got == {
        "方正小标宋简体": F.Face("Noto Serif CJK SC", bold=True),  # 小标宋: a heavy serif
        "仿宋_GB2312": F.Face("Noto Serif CJK SC"),
        "黑体": F.Face("Noto Sans CJK SC"),
        "楷体_GB2312": F.Face("AR PL KaitiM GB"),  # Arphic's GB2312 楷, the nearest to 楷体_GB2312
        "宋体": F.Face("Noto Serif CJK SC"),
    }
    assert not any("JP" in f.family or "TW" in f.family for f in got.values())


def test_on_windows_the_real_fonts_are_used_under_their_installed_names():
    got = faces(F.plan([FontSet()], installed=WINDOWS))
    assert got["仿宋_GB2312"] == F.Face("仿宋") and got["楷体_GB2312"] == F.Face("楷体")
    assert got["方正小标宋简体"] == F.Face("宋体", bold=True)  # no 小标宋 nor 华文中宋: the bold of the serif
    assert "黑体" not in got and "宋体" not in got  # installed: nothing to replace


def test_an_installed_font_is_never_replaced():
    assert F.plan([FontSet()], installed=DEBIAN | {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"},
                  ).substitutions == ()


def test_a_profile_font_outside_the_lists_is_replaced_by_its_role_class():
    got = faces(F.plan([FontSet(heading1="华康黑体W9")], installed=DEBIAN))
    assert got["华康黑体W9"] == F.Face("Noto Sans CJK SC")


def test_several_documents_name_each_missing_font_once():
    p = F.plan([FontSet(), FontSet(), FontSet(body="仿宋")], installed=DEBIAN)
    names = [s.requested for s in p.substitutions]
    assert len(names) == len(set(names)) and "仿宋" in names


def test_nothing_of_a_class_installed_is_said_plainly():
    p = F.plan([FontSet()], installed=frozenset({"DejaVu Sans"}))
    assert all(s.face is None for s in p.substitutions)
    assert "本机没有这一类中文字体" in p.note()


def test_the_clerk_is_told_once_in_chinese_which_substitutes_print():
    note = F.plan([FontSet()], installed=DEBIAN).note()
    assert note.startswith("提示：")
    assert "标题 方正小标宋简体→Noto Serif CJK SC（粗体）" in note and "正文 仿宋_GB2312→Noto Serif CJK SC" in note
    assert "README" in note
    assert F.FontPlan().note() is None
    assert "无法读取本机字体列表" in F.FontPlan(unknown=True).note()


PLAN = F.plan([FontSet()], installed=DEBIAN)
# What LibreOffice 7.4 writes for a drafter .docx (abridged): declarations for Latin (style:name
# without suffix) and East Asian text, and the names repeated on the styles' text properties.
ODT_PART = (
    '<office:font-face-decls>'
    '<style:font-face style:name="仿宋_GB2312" svg:font-family="仿宋_GB2312" style:font-family-generic="roman"/>'
    '<style:font-face style:name="仿宋_GB23121" svg:font-family="仿宋_GB2312" style:font-family-generic="system"/>'
    '<style:font-face style:name="方正小标宋简体1" svg:font-family="方正小标宋简体" style:font-family-generic="system"/>'
    '<style:font-face style:name="DejaVu Sans" svg:font-family="&apos;DejaVu Sans&apos;"/>'
    '</office:font-face-decls>'
    '<style:style style:name="Standard"><style:paragraph-properties style:punctuation-wrap="hanging" '
    'style:text-autospace="ideograph-alpha"/><style:text-properties style:font-name="仿宋_GB2312" '
    'fo:font-family="仿宋_GB2312" style:font-name-asian="仿宋_GB23121" style:font-family-asian="仿宋_GB2312"/>'
    '</style:style>'
    '<style:style style:name="Title"><style:text-properties style:font-name-asian="方正小标宋简体1" '
    'style:font-family-asian="方正小标宋简体" fo:font-size="22pt"/></style:style>'
).encode("utf-8")


def test_libreoffice_lays_out_as_word_no_autospace_no_hanging_punctuation():
    fixed = fix_odt_part(ODT_PART, PLAN).decode("utf-8")
    assert 'style:text-autospace="none"' in fixed and "ideograph-alpha" not in fixed  # w:autoSpaceDE=0
    assert 'style:punctuation-wrap="simple"' in fixed and "hanging" not in fixed      # w:overflowPunct=0


def test_the_substitutes_replace_the_missing_names_latin_text_in_half_width():
    fixed = fix_odt_part(ODT_PART, PLAN).decode("utf-8")
    assert not re.search(r'(svg:font-family|fo:font-family|style:font-family-asian)="仿宋_GB2312"', fixed)
    # Latin text (the declaration style:font-name points at, fo:font-family) asks for half-width forms,
    # so digits are as wide as in 仿宋_GB2312; Chinese text keeps full-width punctuation.
    assert ('style:name="仿宋_GB2312" svg:font-family="&apos;Noto Serif CJK SC:hwid&apos;"' in fixed)
    assert ('style:name="仿宋_GB23121" svg:font-family="&apos;Noto Serif CJK SC&apos;"' in fixed)
    assert 'fo:font-family="&apos;Noto Serif CJK SC:hwid&apos;"' in fixed
    assert 'style:font-family-asian="&apos;Noto Serif CJK SC&apos;"' in fixed
    assert "&apos;DejaVu Sans&apos;" in fixed  # fonts the .docx does not name are left alone


def test_the_xiaobiaosong_substitute_prints_bold_only_where_the_title_font_is_used():
    fixed = fix_odt_part(ODT_PART, PLAN).decode("utf-8")
    title = fixed[fixed.index('style:name="Title"'):]
    standard = fixed[fixed.index('style:name="Standard"'):fixed.index('style:name="Title"')]
    assert 'fo:font-weight="bold"' in title and 'style:font-weight-asian="bold"' in title
    assert "font-weight" not in standard


def test_nothing_to_substitute_changes_only_the_layout_switches():
    fixed = fix_odt_part(ODT_PART, F.FontPlan())
    assert fixed == ODT_PART.replace(b'"ideograph-alpha"', b'"none"').replace(b'"hanging"', b'"simple"')


def test_the_roles_are_read_from_the_docx_styles(tmp_path):
    profile = PROFILE + "fonts: {title: 华文中宋, body: 仿宋, heading1: 黑体, heading2: 楷体, page_number: 宋体}\n"
    docx = render(load_reply(write_workspace(tmp_path, profile=profile))).docx
    assert F.fonts_of_docx(docx) == FontSet("华文中宋", "仿宋", "黑体", "楷体", "宋体")
    assert F.fonts_of_docx(b"not a zip") == FontSet()


def test_on_windows_the_font_registry_names_the_installed_families(monkeypatch):
    import sys
    import types

    values = {"HKLM": ["SimSun & NSimSun (TrueType)", "仿宋 (TrueType)", "KaiTi (TrueType)", "Arial (TrueType)"],
              "HKCU": ["方正小标宋简体 (TrueType)"]}

    class Key:
        def __init__(self, root):
            self.names = values[root]

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def enum_value(key, i):
        if i >= len(key.names):
            raise OSError("no more")
        return key.names[i], "file.ttf", 1

    fake = types.SimpleNamespace(HKEY_LOCAL_MACHINE="HKLM", HKEY_CURRENT_USER="HKCU",
                                 OpenKey=lambda root, path: Key(root), EnumValue=enum_value)
    monkeypatch.setitem(sys.modules, "winreg", fake)
    assert F._windows_families() == frozenset({"SimSun", "NSimSun", "仿宋", "KaiTi", "Arial", "方正小标宋简体"})
