"""One old reply → sheet YAML, checked by rendering it back and comparing the text."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError, Where, raise_all
from drafter.importer import patterns as P
from drafter.importer.build import build_sheet, plain_sheet
from drafter.importer.locate import locate
from drafter.importer.recognise import Letter, Recognised, recognise, split_regions
from drafter.importer.segment import Skipped, clean, segment
from drafter.importer.source import Line, Source
from drafter.importer.yaml_out import profile_yaml, sheet_yaml
from drafter.model import fields as f
from drafter.model.facts import Facts
from drafter.model.profile import PROFILE_FIELDS, Profile, finish

_WS = re.compile(r"\s+")


def compare_key(text: str) -> str:
    """Text as the round trip compares it: NFKC, no white space."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")


def _sample(text: str, width: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width] + "…"


def left_out_warnings(source: Source) -> list[tuple[int | None, str]]:
    """One warning per piece of the source that has no place in a sheet (footnotes, comments…)."""
    out = []
    for piece in source.left_out:
        if piece.quiet:
            continue
        shown = f"：“{_sample(piece.text)}”" if piece.text else ""
        out.append((piece.no, f"已略去{piece.what}{shown}（答复事实单中没有对应的位置，请对照原文处理）"))
    return out


def witness_warnings(source: Source, reached: list[str], skipped: list[Skipped]) -> list[tuple[int | None, str]]:
    """Check the import against the source's own text (read apart from the lines): every
    character must have reached the sheet (the lines in `reached`), been skipped with a report, or
    be left out with a warning; none may come twice. A difference becomes a warning that quotes
    the line it is in."""
    if source.own_text is None:
        return []

    def key(text: str) -> str:
        return _INVISIBLE.sub("", compare_key(text))

    others = [s.text for s in skipped] + [piece.text for piece in source.left_out]
    own = Counter(key(source.own_text))
    accounted = Counter(key("".join(reached + others))) - Counter(key("".join(source.generated)))
    out = []
    if own - accounted:
        whole = key("".join(reached + others))
        line = next((x for x in source.own_text.split("\n") if key(x) and key(x) not in whole), "")
        out.append((None, f"原文有 {sum((own - accounted).values())} 个字没有导入"
                          f"{f'（“{_sample(line)}”）' if line else ''}，请对照原文补上（这是导入程序的缺陷，请报告开发者）"))
    if accounted - own:
        whole = key(source.own_text)
        line = next((x for x in reached if key(x) and whole.count(key(x)) < sum(key(y) == key(x) for y in reached)), "")
        out.append((None, f"有 {sum((accounted - own).values())} 个字在导入结果中重复出现"
                          f"{f'（“{_sample(line)}”）' if line else ''}，请对照原文删去（这是导入程序的缺陷，请报告开发者）"))
    return out


@dataclass
class Converted:
    yaml_text: str
    recognised: Recognised
    letter: Letter
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    fallback: bool = False
    letterhead_in_sheet: bool = False   # the 红头 kept as a header line (the profile prints another)

    def expected_text(self) -> str:
        """The reply's text as read from the input (what the rendered body must say)."""
        return "".join(x.text for x in self.letter.all_lines())


def profile_from_text(text: str, path: Path) -> Profile:
    """A Profile parsed from YAML text (as load_profile would read it from path)."""
    from drafter.sheets.yamlio import load_yaml

    located = load_yaml(text, path)
    ctx = f.Context(located)
    profile = f.build(Profile, PROFILE_FIELDS, located.data, ctx)
    raise_all(ctx.errors)
    profile = finish(profile)
    profile.path = Path(path)
    return profile


def new_profile_text(rec: Recognised, source: Path) -> str:
    """A minimal profile named after the reply's signature (or the unit in its title)."""
    name = rec.signature
    if not name and rec.title:
        m = re.match(r"^(?P<org>[\u4e00-\u9fff（）()]{2,40}?)(?:关于|对)", P.key(rec.title))
        name = m["org"] if m and P.ORG.match(m["org"]) else None
    placement = None
    if rec.handling_type_label:
        placement = "header"
    return profile_yaml(name or "（请填写单位全称）", rec.handling_type_label, placement, source.name, rec.letterhead)


def render_text(yaml_text: str, sheet_path: Path, profile: Profile) -> str:
    """The text the sheet renders to (blocks in order), raising InputError if it does not load."""
    from drafter.compose.render import compose
    from drafter.sheets.load import Reply, parse_sheet
    from drafter.sheets.yamlio import load_yaml

    located = load_yaml(yaml_text, sheet_path)
    sheet = parse_sheet(located)
    blocks = compose(Reply(sheet, located, profile, Facts()))
    return "".join(b.full_text for b in blocks)


def letter_of(source: Source) -> tuple[Letter, list[Skipped]]:
    """The reply inside the source, cut into regions."""
    lines, skipped = clean(source.lines)
    lines = segment(lines)
    located = locate(lines, source.path)
    letter = split_regions(located.lines)
    if source.letterhead:
        first_no = located.lines[0].no if located.lines else 1
        letter.letterhead = Line(source.letterhead, max(1, first_no - 1), red=True)
    return letter, sorted(skipped + located.skipped, key=lambda s: s.no)


def read_letter(source: Source) -> tuple[Letter, Recognised, list[Skipped]]:
    """The reply in source, its regions and recognised values (NotAReply if there is none)."""
    letter, skipped = letter_of(source)
    rec = recognise(letter)
    if letter.letterhead:
        rec.letterhead = letter.letterhead.text.strip()
    return letter, rec, skipped


def convert(source: Source, sheet_path: Path, profile: Profile, read=None) -> Converted:
    """Recognise the reply in source and build its sheet, verified against the input text."""
    letter, rec, skipped = read or read_letter(source)
    in_sheet = bool(letter.letterhead) and not (profile.letterhead and compare_key(profile.letterhead_text)
                                                == compare_key(letter.letterhead.text))
    if in_sheet:  # the profile prints no 红头, or another one: keep this one as the first header line
        letter.header.insert(0, letter.letterhead)
    built = build_sheet(letter, rec, profile)
    data = dict(built.data)
    if in_sheet:
        built.comments["header_lines"] = "原文红头与单位信息里的红头不同，按原样保留在版头行"
    header = [f"答复事实单：由 drafter import 从 {source.path.name} 导入。请核对后再用于新的答复。",
              "原文的文字都已收入本文件；与模板印法不同的行按原样保留（见各字段说明）。"]
    result = Converted(sheet_yaml(data, built.comments, header), rec, letter, built.warnings, skipped,
                       letterhead_in_sheet=in_sheet)
    expected = compare_key(result.expected_text())
    try:
        ok = compare_key(render_text(result.yaml_text, sheet_path, profile)) == expected
    except InputError:
        ok = False
    if not ok:
        data = plain_sheet(letter, rec, profile)
        result.yaml_text = sheet_yaml(data, {"opening": "结构未能完全还原，原文逐段保存在这里"}, header)
        result.fallback = True
        first = letter.all_lines()[0].no if letter.all_lines() else None
        result.warnings.append((first, "答复结构未能完全识别，已把全文按原段落保存（请手工整理）"))
        got = compare_key(render_text(result.yaml_text, sheet_path, profile))
        if got != expected:
            raise InputError("导入结果无法还原原文（导入程序的缺陷，请报告开发者），未导入", Where(source.path))
    result.warnings += left_out_warnings(source)
    reached = [x.text for x in letter.all_lines()] + ([] if in_sheet else [source.letterhead])
    result.warnings += witness_warnings(source, reached, skipped)
    return result
