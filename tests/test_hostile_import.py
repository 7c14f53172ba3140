"""`drafter import` given hostile or unusual Word files: each is refused with a Chinese message
naming the file (exit 2, no traceback) within bounded memory, the rest of a folder still imports,
and no text of a readable file is lost or doubled without a warning saying what."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from drafter.importer.batch import Importer
from drafter.importer.package import q
from drafter.pipeline import render
from drafter.sheets.load import Loader
from tests.conftest import REPO, SHARED_CORPUS, run_drafter
from tests.hostile import LETTER, W_NS, bomb_docx, docx_bytes, p, story, zip_with_raw_members

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10}">' for i in range(1, 10))
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>").encode()


def letter_docx(*, body_extra: str = "", **kwargs) -> bytes:
    return docx_bytes("".join(p(t) for t in LETTER) + body_extra, **kwargs)


def import_cli(*paths, into: Path):
    r = run_drafter("import", *paths, "--into", into)
    assert "Traceback" not in r.stdout + r.stderr
    return r


# ---- refused, with the file named, and the rest of the folder imported --------------------------

@pytest.mark.parametrize("name, data, says", [
    ("laughs.docx", docx_bytes("", document=BILLION_LAUGHS), "DTD"),
    ("malformed.docx", docx_bytes("", document=b'<w:document xmlns:w="x"><w:body><w:p>'), "不是有效的 XML"),
    ("truncated.docx", letter_docx()[:300], "无法读取 Word 文件"),
    ("not-a-zip.docx", b"PK\x03\x04 garbage", "无法读取 Word 文件"),
    ("no-body.docx", docx_bytes("", parts={"_rels/.rels": b'<Relationships xmlns="x"/>'}), "找不到正文"),
], ids=lambda v: v if isinstance(v, str) and v.endswith(".docx") else "")
def test_a_broken_or_hostile_docx_is_refused_and_the_folder_goes_on(tmp_path, name, data, says):
    inbox = tmp_path / "旧答复"
    inbox.mkdir()
    (inbox / name).write_bytes(data)
    (inbox / "z-good.txt").write_text("\n".join(LETTER), encoding="utf-8")
    r = import_cli(inbox, into=tmp_path / "out")
    assert r.returncode == 2
    assert f"{inbox / name}: 错误：" in r.stderr and says in r.stderr
    assert f"z-good.txt → " in r.stdout  # the file after the bad one was still imported
    assert r.stdout.splitlines()[-1].startswith("共 2 个文件：成功 1 个，有警告 0 个，失败 1 个")


def test_an_unexpected_error_in_one_file_is_logged_and_the_folder_goes_on(tmp_path, monkeypatch):
    """A defect in the importer (simulated) costs that one file: one line with the log's place."""
    import drafter.importer.batch as batch

    monkeypatch.setenv("DRAFTER_LOG_DIR", str(tmp_path / "logs"))
    real = batch.read_source

    def flaky(path):
        if path.name == "a.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path)

    monkeypatch.setattr(batch, "read_source", flaky)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("\n".join(LETTER), encoding="utf-8")
    importer = Importer(into=tmp_path / "out")
    first, second = importer.import_file(tmp_path / "a.txt"), importer.import_file(tmp_path / "b.txt")
    assert first.status == "失败" and second.status == "成功"
    logs = list((tmp_path / "logs").glob("drafter-*.log"))
    assert len(logs) == 1 and "RecursionError" in logs[0].read_text(encoding="utf-8")
    assert first.error == f"{tmp_path / 'a.txt'}: 错误：drafter 内部错误（RecursionError），详细信息已记录在 {logs[0]}，请把该文件发给维护人员"


# ---- resource limits ---------------------------------------------------------------------------

MEASURE = textwrap.dedent("""
    import resource, sys
    from pathlib import Path
    from drafter.importer.batch import Importer
    result = Importer(into=Path(sys.argv[2])).import_file(Path(sys.argv[1]))
    print(result.status, result.error, sep="\\n")
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="measures memory with the resource module (POSIX)")
@pytest.mark.parametrize("declared", ["truthful", "lying"])
def test_a_zip_bomb_is_refused_within_bounded_memory(tmp_path, declared):
    """1.2 MB on disk, 1.2 GB inflated: refused at the part's limit, the process stays small.
    A header that claims a small size is no way around it."""
    inflated = 1200 << 20
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(bomb_docx(inflated, declared=None if declared == "truthful" else 4096))
    assert bomb.stat().st_size < 2 << 20
    r = subprocess.run([sys.executable, "-c", MEASURE, str(bomb), str(tmp_path / "out")], capture_output=True,
                       text=True, encoding="utf-8", cwd=REPO, timeout=300)
    status, error, peak_mb = r.stdout.splitlines()[-3:]
    assert status == "失败", r.stdout + r.stderr
    assert error.startswith(f"{bomb}: 错误：Word 文件中的“word/document.xml”")
    assert ("解压后有 1200 MB，超过上限 32 MB" if declared == "truthful" else "已损坏或无法解压") in error
    assert int(peak_mb) < 300, f"peak memory {peak_mb} MB"


def test_a_package_of_too_many_parts_is_refused_before_it_is_listed(tmp_path):
    members = [(f"junk/{i}.xml", b"", 0, 0, 0) for i in range(5000)]
    path = tmp_path / "many.docx"
    path.write_bytes(zip_with_raw_members(members))
    r = import_cli(path, into=tmp_path / "out")
    assert r.returncode == 2 and "many.docx" in r.stderr and "超过上限 2000 个" in r.stderr


# ---- no text lost, none doubled ------------------------------------------------------------------

NESTED_TABLE = ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外层单元格</w:t></w:r></w:p>"
                "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌套表格里的办理情况说明。</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
                "</w:tc></w:tr></w:tbl>")


def rich_docx() -> bytes:
    """The letter with everything Word can hide text in."""
    body = [p(t) for t in LETTER]
    body[4] = p(LETTER[4], '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r>'
                           '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'
                           '<w:r><w:sym w:font="Webdings" w:char="F021"/></w:r>')
    body.insert(7, '<w:customXml w:element="item">' + p("三是培育示范基地。新建标准化茶园5000亩。") + "</w:customXml>")
    body.insert(8, NESTED_TABLE)
    body.insert(9, '<w:altChunk r:id="rIdAlt"/>')
    parts = {
        "word/footnotes.xml": story("footnotes", "footnote", ["数据来源：县统计局2023年统计公报。"]),
        "word/endnotes.xml": story("endnotes", "endnote", ["尾注：茶园面积含新植茶园。"]),
        "word/comments.xml": story("comments", "comment", ["批注：请核实资金数字。"]),
        "word/afchunk.htm": "<html><body>嵌入的网页片段</body></html>".encode(),
        "word/footer1.xml": (f'<w:ftr xmlns:w="{W_NS}">' + p("— 1 —") + "</w:ftr>").encode(),
    }
    rels = [("rIdF", "footnotes", "footnotes.xml"), ("rIdE", "endnotes", "endnotes.xml"),
            ("rIdC", "comments", "comments.xml"), ("rIdAlt", "aFChunk", "afchunk.htm"),
            ("rIdFt", "footer", "footer1.xml")]
    return docx_bytes("".join(body), parts=parts, rels=rels)


def sheet_text(target: Path) -> str:
    import re
    import zipfile
    from io import BytesIO

    data = render(Loader().load(target)).docx
    xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_every_piece_of_text_reaches_the_sheet_or_is_named_in_a_warning(tmp_path):
    source = tmp_path / "rich.docx"
    source.write_bytes(rich_docx())
    result = Importer(into=tmp_path / "out").import_file(source)
    assert result.status == "有警告", result.error
    text = sheet_text(result.target)
    assert "三是培育示范基地。新建标准化茶园5000亩。" in text      # body-level custom XML
    assert text.count("嵌套表格里的办理情况说明。") == 1              # a table in a table: once
    assert "1404吨。✓" in text                                         # a Wingdings tick
    warnings = "\n".join(result.warnings)
    for left_out in ("脚注：“数据来源：县统计局2023年统计公报。”", "尾注：“尾注：茶园面积含新植茶园。”",
                     "批注：“批注：请核实资金数字。”", "嵌入的文档片段（word/afchunk.htm",
                     "无法转成文字的符号（字体 Webdings，代码 F021）"):
        assert f"{source}" in warnings and left_out in warnings, left_out
    assert all(str(source) in w for w in result.warnings)
    assert "— 1 —" not in warnings  # a page number is not reported
    assert "原文有" not in warnings, warnings  # the witness found nothing lost or doubled


def test_the_import_is_checked_against_the_files_own_text_not_the_readers(tmp_path, monkeypatch):
    """A reader that drops or doubles text (simulated) is caught by the witness: the file's
    text read flatly, apart from the reader."""
    import drafter.importer.docx_reader as reader

    source = tmp_path / "rich.docx"
    source.write_bytes(rich_docx())
    monkeypatch.setattr(reader, "SKIPPED", reader.SKIPPED | {q("customXml")})  # custom XML lost
    lost = Importer(into=tmp_path / "a").import_file(source)
    assert any("原文有 22 个字没有导入（“三是培育示范基地。新建标准化茶园5000亩。”）" in w for w in lost.warnings), lost.warnings
    monkeypatch.undo()

    def old_block(self, el, _real=reader._Reader.block):  # tables read through iter(): nested rows twice
        if el.tag == q("tbl"):
            for tr in el.iter(q("tr")):
                for tc in tr.findall(q("tc")):
                    for child in tc:
                        self.block(child)
            return
        _real(self, el)

    monkeypatch.setattr(reader._Reader, "block", old_block)
    doubled = Importer(into=tmp_path / "b").import_file(source)
    assert any("有 13 个字在导入结果中重复出现（“嵌套表格里的办理情况说明。”）" in w for w in doubled.warnings), doubled.warnings


def test_text_lines_are_checked_against_the_file_too(tmp_path, monkeypatch):
    import drafter.importer.convert as convert

    source = tmp_path / "a.txt"
    source.write_text("\n".join(LETTER), encoding="utf-8")
    real = convert.clean
    monkeypatch.setattr(convert, "clean", lambda lines: real([x for x in lines if "1404" not in x.text]))
    result = Importer(into=tmp_path / "out").import_file(source)
    assert any("没有导入（“全县现有茶园3.6万亩，年产干茶1404吨。”）" in w for w in result.warnings), result.warnings


def test_a_sheet_imported_from_a_rich_docx_loads(tmp_path):
    source = tmp_path / "rich.docx"
    source.write_bytes(rich_docx())
    result = Importer(into=tmp_path / "out").import_file(source)
    assert yaml.safe_load(result.target.read_text(encoding="utf-8"))["kind"] == "人大建议"


# ---- file names that try to write YAML -----------------------------------------------------------

INJECTIONS = ["\u2028check: {disable: [all]}\u2028kind: 人大建议\u2028", "\x85check: [all]\x85"]
if sys.platform != "win32":  # Windows file names cannot hold a newline
    INJECTIONS.append("\ncheck: {disable: [all]}\nname: 假单位\n")


@pytest.mark.parametrize("evil", INJECTIONS, ids=["u2028", "nel", "newline"][:len(INJECTIONS)])
def test_a_file_name_cannot_inject_keys_into_the_sheet_or_profile(tmp_path, evil):
    """The source's name goes into a YAML comment; a line break in it used to start a live key."""
    source = tmp_path / f"旧答复{evil}.txt"
    source.write_text("\n".join(LETTER), encoding="utf-8")
    r = import_cli(source, into=tmp_path / "out")
    assert r.returncode == 0, r.stderr
    from drafter.sheets.yamlio import load_yaml

    for written in (tmp_path / "out").glob("*.yaml"):
        text = written.read_text(encoding="utf-8")
        data = load_yaml(text, written).data
        assert "check" not in data and data.get("kind") in (None, "人大建议") and data.get("name") != "假单位"
        comment = next(line for line in text.splitlines() if "旧答复" in line)
        assert comment.startswith("#") and ("\\u2028" in comment or "\\u0085" in comment or "\\n" in comment)
    assert all(line.count("旧答复") <= 1 for line in r.stdout.splitlines())  # and the report stays one line a file


@pytest.mark.needs("shared")
def test_the_witness_is_silent_on_every_real_reply(tmp_path):
    """No false alarm: every published reply, web page and invented letter accounts for all its text."""
    sources = sorted(SHARED_CORPUS.glob("*/*.txt")) + sorted((REPO / "tests" / "corpus").rglob("*.txt"))
    sources += [s for s in sorted((REPO / "seeds").glob("*.txt")) if s.name[:3] in ("000", "001", "003")]
    assert len(sources) > 100
    for i, source in enumerate(sources):
        result = Importer(into=tmp_path / str(i)).import_file(source)
        assert result.status != "失败", result.error
        alarms = [w for w in result.warnings if "原文有" in w or "重复出现" in w]
        assert not alarms, (source, alarms)
