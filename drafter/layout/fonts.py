"""Which installed font prints each GB/T 9704 font class when LibreOffice makes the PDF.

The .docx names the official fonts (the profile's: 方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体).
Where one is missing, LibreOffice would fall back to one face for everything (on Debian a
Japanese sans), so the title, body and headings all look alike. Here each missing font gets the
best installed face of its class: the same font under another name (仿宋_GB2312 → 仿宋 on Windows),
else the closest free font with Simplified Chinese glyph forms. layout.pdf writes the choice into
the ODT LibreOffice prints from (font declarations, the bold of the 小标宋 substitute, half-width
digits), which works with a clerk's LibreOffice on any system. LibreOffice's own replacement table
cannot carry a weight or an OpenType feature, and a fontconfig file only works on Linux.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable
from xml.etree import ElementTree as ET

from drafter.layout.parts import W_NS, FontSet


@dataclass(frozen=True)
class Face:
    """An installed family, optionally in bold."""

    family: str
    bold: bool = False

    def label(self) -> str:
        return f"{self.family}（粗体）" if self.bold else self.family


@dataclass(frozen=True)
class FontClass:
    name: str                  # the GB/T class, as a clerk calls it
    official: tuple[str, ...]  # the font itself under its names (Chinese, English, GB2312 editions)
    free: tuple[Face, ...]     # free faces of the class with SC glyph forms, best first


def _faces(*families: str, bold: bool = False) -> tuple[Face, ...]:
    return tuple(Face(f, bold) for f in families)


_SERIF = ("Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", "思源宋体")
_SANS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "思源黑体")

CLASSES = {
    "title": FontClass("小标宋", ("方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "FZXiaoBiaoSong-B05S",
                                 "华文中宋", "STZhongsong"),
                       _faces(*_SERIF, "宋体", "SimSun", "AR PL SungtiL GB", bold=True)),
    "body": FontClass("仿宋", ("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "方正仿宋_GBK", "方正仿宋简体",
                              "华文仿宋", "STFangsong"),
                      _faces(*_SERIF, "宋体", "SimSun", "AR PL SungtiL GB", "AR PL UMing CN")),
    "heading1": FontClass("黑体", ("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "华文黑体", "STHeiti"),
                          _faces(*_SANS, "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "微软雅黑", "Microsoft YaHei")),
    "heading2": FontClass("楷体", ("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "方正楷体_GBK", "方正楷体简体",
                                  "华文楷体", "STKaiti"),
                          _faces("AR PL KaitiM GB", "AR PL UKai CN", "LXGW WenKai", "霞鹜文楷")),
    "page_number": FontClass("宋体", ("宋体", "SimSun", "NSimSun", "新宋体", "华文宋体", "STSong", "方正书宋_GBK"),
                             _faces(*_SERIF, "AR PL SungtiL GB", "AR PL UMing CN")),
}
ROLE_LABELS = {"title": "标题", "body": "正文", "heading1": "一级标题", "heading2": "二级标题", "page_number": "页码"}
# Styles of the .docx that carry each role's font (layout.parts.styles_xml).
_ROLE_STYLES = {"title": "Title", "body": "Normal", "heading1": "Heading1", "heading2": "Heading2",
                "page_number": "Footer"}


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """Every font family name the system offers (English and localised), or None when the list
    cannot be read. Read once per process."""
    if sys.platform == "win32":
        return _windows_families()
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run([fc_list, "--format", "%{family}\\n"], capture_output=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    names = {name.strip() for line in out.decode("utf-8", "replace").splitlines() for name in line.split(",")}
    return frozenset(n for n in names if n)


def _windows_families() -> frozenset[str] | None:
    """Names from the font registry ("SimSun & NSimSun (TrueType)"), machine-wide and per user."""
    try:
        import winreg
    except ImportError:
        return None
    names: set[str] = set()
    key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(root, key_path) as key:
                i = 0
                while True:
                    try:
                        value = winreg.EnumValue(key, i)[0]
                    except OSError:
                        break
                    i += 1
                    base = re.sub(r"\s*\([^)]*\)\s*$", "", value)
                    names.update(part.strip() for part in base.split("&") if part.strip())
        except OSError:
            continue
    return frozenset(names) if names else None


@dataclass(frozen=True)
class Substitution:
    role: str
    requested: str
    face: Face | None  # None: nothing of the class is installed

    def describe(self) -> str:
        target = self.face.label() if self.face else "（本机没有这一类中文字体，由 LibreOffice 自选）"
        return f"{ROLE_LABELS[self.role]} {self.requested}→{target}"


@dataclass(frozen=True)
class FontPlan:
    """The substitutes one conversion uses, keyed by the font name the .docx asks for."""

    substitutions: tuple[Substitution, ...] = ()
    unknown: bool = False  # the installed fonts could not be listed: LibreOffice chooses alone

    def note(self) -> str | None:
        """One line in Chinese for the clerk, or None when every font is installed."""
        if self.unknown:
            return "提示：无法读取本机字体列表，PDF 中缺少的公文字体由 LibreOffice 自行替代（见 README“PDF 字体”）"
        if not self.substitutions:
            return None
        return ("提示：PDF 中本机未安装的字体已替代：" + "；".join(s.describe() for s in self.substitutions)
                + "。Word 文件仍写原字体名；安装公文字体见 README“PDF 字体”")


def choose(role: str, requested: str, installed: frozenset[str]) -> Face | None:
    """The face that prints role when requested is missing: the font under another name, else
    the best free face of its class. None when nothing of the class is installed."""
    cls = CLASSES[role]
    if requested in cls.official:
        for name in cls.official:
            if name in installed:
                return Face(name)
    for face in cls.free:
        if face.family in installed:
            return face
    return None


def plan(fontsets: Iterable[FontSet], installed: frozenset[str] | None = None) -> FontPlan:
    """The substitutions for documents using these font sets (each missing name once)."""
    if installed is None:
        installed = installed_families()
        if installed is None:
            return FontPlan(unknown=True)
    seen: dict[str, Substitution] = {}
    for fonts in fontsets:
        for role in CLASSES:
            name = getattr(fonts, role)
            if name in installed or name in seen:
                continue
            seen[name] = Substitution(role, name, choose(role, name, installed))
    return FontPlan(tuple(seen.values()))


def fonts_of_docx(docx: bytes) -> FontSet:
    """The font each role uses in a .docx drafter wrote (its styles; a clerk's edits in Word count)."""
    ns = {"w": W_NS}
    found: dict[str, str] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            root = ET.fromstring(z.read("word/styles.xml"))
    except (zipfile.BadZipFile, KeyError, ET.ParseError):
        return FontSet()
    by_id = {s.get(f"{{{W_NS}}}styleId"): s for s in root.findall("w:style", ns)}
    for role, style_id in _ROLE_STYLES.items():
        style = by_id.get(style_id)
        fonts = style.find("w:rPr/w:rFonts", ns) if style is not None else None
        name = fonts.get(f"{{{W_NS}}}eastAsia") if fonts is not None else None
        if name:
            found[role] = name
    return FontSet(**found)


def has_halfwidth_feature(family: str) -> bool:
    """Pan-CJK faces (Noto CJK, Source Han) draw Latin proportionally unless asked for their
    half-width forms (OpenType hwid), as the GB2312 fonts the .docx names draw them."""
    return family.startswith(("Noto Serif CJK", "Noto Sans CJK", "Noto Serif SC", "Noto Sans SC", "Source Han"))
