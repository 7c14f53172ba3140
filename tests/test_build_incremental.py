"""`drafter build` re-renders a reply only when something it depends on changed.

What a reply depends on: its sheet, its profile, the facts it cites (not the whole library), its
template files (the template and what it extends), and drafter itself. All are compared by
content hash with the manifest in OUTDIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_build_support import (BUILTIN, changed, docx, docx_files, drafter, files, manifest,  # noqa: E402
                                set_fact, workspace)

from drafter.build.manifest import MANIFEST_NAME  # noqa: E402
from drafter.build.run import BUILT, UPTODATE, Options, build  # noqa: E402


@pytest.fixture
def built(tmp_path, capsys):
    """A workspace built once into tmp_path/out."""
    ws, out = workspace(tmp_path), tmp_path / "out"
    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out)
    assert code == 0, stderr
    return ws, out


def rebuilt(ws: Path, out: Path) -> set[str]:
    """Build again; the sheets (keys) that were re-rendered."""
    report = build(Options(ws, out))
    assert not report.failed, [o.message for o in report.outcomes if o.message]
    return {o.key for o in report.outcomes if o.status == BUILT}


def rendered(ws: Path, out: Path) -> set[str]:
    """Build again; the sheets that were re-rendered, whether or not their bytes changed."""
    report = build(Options(ws, out))
    return {o.key for o in report.outcomes if o.status != UPTODATE or o.entry is not None}


def test_first_build_writes_every_reply_mirroring_the_folders_and_a_manifest(built):
    ws, out = built
    sheets = sorted(p.relative_to(ws).with_suffix(".docx").as_posix() for p in ws.rglob("*.yaml")
                    if p.name not in ("profile.yaml", "facts.yaml"))
    assert sorted(docx_files(out)) == sheets
    recorded = manifest(out)
    assert sorted(recorded["sheets"]) == sorted(s[:-5] + ".yaml" for s in sheets)
    assert (out / MANIFEST_NAME).read_text("utf-8").count("\n") == len(sheets) + 4  # a line per sheet


def test_a_rebuild_of_unchanged_input_touches_nothing(built, capsys):
    ws, out = built
    before_out, before_ws = files(out), files(ws)
    code, stdout, _ = drafter(capsys, "build", ws, "-o", out)
    assert code == 0
    assert changed(before_out, files(out)) == set()  # same bytes, same mtimes, manifest included
    assert changed(before_ws, files(ws)) == set()
    assert "生成 0 份" in stdout and "失败 0 份" in stdout


def test_changing_one_fact_rebuilds_exactly_the_sheets_that_use_it(built):
    ws, out = built
    before = docx_files(out)
    set_fact(ws, "甲", "101")
    assert rebuilt(ws, out) == {"测试局/a.yaml", "测试局/ab.yaml"}
    after = docx_files(out)
    assert {k for k in after if after[k] != before[k]} == {docx("测试局/a.yaml"), docx("测试局/ab.yaml")}
    set_fact(ws, "乙", "201")
    assert rebuilt(ws, out) == {"测试局/b.yaml", "测试局/ab.yaml"}


def test_a_fact_cited_only_by_a_template_is_a_dependency_of_the_sheets_using_that_template(built):
    ws, out = built
    set_fact(ws, "丙", "301")
    assert rebuilt(ws, out) == {"测试局/二组/tpl.yaml"}


def test_editing_the_facts_library_without_changing_a_cited_fact_rebuilds_nothing(built):
    ws, out = built
    facts = ws / "测试局" / "facts.yaml"
    text = facts.read_text("utf-8")
    text = text.replace("# 测试用事实库", "# 测试用事实库（改了注释）")                 # a comment
    text = text.replace("figures:\n", 'figures:\n  新事实:\n    value: "1"\n')            # an unused fact
    text = text.replace('  丙:\n    value: "300"', '  丙:\n    value:   "300"')        # layout
    facts.write_text(text, "utf-8")
    assert rendered(ws, out) == set()
    # the new file hash is recorded, so the next check does not even parse the library again
    assert build(Options(ws, out, dry_run=True)).count("pending") == 0


def test_a_fact_deleted_from_the_library_rebuilds_and_fails_the_sheets_citing_it(built):
    ws, out = built
    facts = ws / "测试局" / "facts.yaml"
    facts.write_text(facts.read_text("utf-8").replace('  乙:\n    value: "200"\n    unit: 家\n', ""), "utf-8")
    report = build(Options(ws, out))
    failed = {o.key for o in report.outcomes if o.status == "failed"}
    assert failed == {"测试局/b.yaml", "测试局/ab.yaml"}


def test_changing_a_template_rebuilds_the_sheets_that_use_it(built):
    ws, out = built
    template = ws / "测试局" / "二组" / "自定义.j2"
    template.write_text(template.read_text("utf-8").replace("再次感谢", "衷心感谢"), "utf-8")
    assert rebuilt(ws, out) == {"测试局/二组/tpl.yaml"}


def test_a_base_template_placed_beside_a_clerks_template_shadows_the_built_in_one_and_rebuilds(built):
    ws, out = built
    base = BUILTIN.joinpath("_base.j2").read_text("utf-8").replace("@date {{ date }}", "@date {{ date }}\n@note 附")
    (ws / "测试局" / "二组" / "_base.j2").write_text(base, "utf-8")
    report = build(Options(ws, out, dry_run=True))
    reasons = {o.key: o.reasons for o in report.outcomes if o.status == "pending"}
    assert reasons == {"测试局/二组/tpl.yaml": ["模板 测试局/二组/_base.j2 新加入", "模板 builtin:_base.j2 不再使用"]}
    assert rebuilt(ws, out) == {"测试局/二组/tpl.yaml"}


def test_a_profile_change_rebuilds_the_sheets_that_use_it_and_a_comment_does_not(built):
    ws, out = built
    profile = ws / "测试局" / "profile.yaml"
    profile.write_text("# 单位信息\n" + profile.read_text("utf-8"), "utf-8")
    assert rendered(ws, out) == set()
    profile.write_text(profile.read_text("utf-8").replace("李明", "王芳"), "utf-8")
    assert rebuilt(ws, out) == {k for k in manifest(out)["sheets"] if k.startswith("测试局/")}


def test_a_new_profile_nearer_to_a_sheet_rebuilds_it(built):
    ws, out = built
    profile = (ws / "测试局" / "profile.yaml").read_text("utf-8").replace("李明", "赵六")
    (ws / "测试局" / "二组" / "profile.yaml").write_text(profile, "utf-8")
    assert rebuilt(ws, out) == {"测试局/二组/tpl.yaml"}


def test_editing_a_sheet_rebuilds_that_sheet_only(built):
    ws, out = built
    sheet = ws / "测试局" / "none.yaml"
    sheet.write_text(sheet.read_text("utf-8").replace("稳步推进", "扎实推进"), "utf-8")
    assert rebuilt(ws, out) == {"测试局/none.yaml"}


def test_a_deleted_reply_is_rebuilt(built):
    ws, out = built
    (out / "测试局" / "b.docx").unlink()
    assert rebuilt(ws, out) == {"测试局/b.yaml"}


def test_a_new_drafter_rebuilds_everything(built, monkeypatch):
    ws, out = built
    monkeypatch.setattr("drafter.build.run.drafter_fingerprint", lambda: "9.9.9+test")
    report = build(Options(ws, out, dry_run=True))
    assert all(o.reasons == ["drafter 程序已更新"] for o in report.outcomes)
    assert len(rendered(ws, out)) == len(report.outcomes)


def test_force_rebuilds_everything_and_gives_the_same_bytes(built, capsys):
    ws, out = built
    before = docx_files(out)
    code, stdout, _ = drafter(capsys, "build", ws, "-o", out, "--force")
    assert code == 0
    assert docx_files(out) == before
    report = build(Options(ws, out, force=True))
    assert all(o.entry is not None for o in report.outcomes)


def test_a_deleted_sheet_drops_out_of_the_manifest_and_its_reply_is_kept(built):
    ws, out = built
    (ws / "测试局" / "none.yaml").unlink()
    build(Options(ws, out))
    assert "测试局/none.yaml" not in manifest(out)["sheets"]
    assert (out / "测试局" / "none.docx").is_file()


def test_default_output_is_beside_each_sheet_with_the_manifest_in_the_folder(tmp_path, capsys):
    ws = workspace(tmp_path)
    code, _, err = drafter(capsys, "build", ws)
    assert code == 0, err
    assert (ws / "测试局" / "二组" / "tpl.docx").is_file()
    assert (ws / MANIFEST_NAME).is_file()
    before = files(ws)
    assert drafter(capsys, "build", ws)[0] == 0
    assert changed(before, files(ws)) == set()
    set_fact(ws, "乙", "999")
    assert rebuilt(ws, None) == {"测试局/b.yaml", "测试局/ab.yaml"}


def test_a_profile_output_dir_is_honoured_by_default(tmp_path, capsys):
    ws = workspace(tmp_path)
    profile = ws / "测试局" / "profile.yaml"
    profile.write_text(profile.read_text("utf-8") + "output_dir: 答复\n", "utf-8")
    assert drafter(capsys, "build", ws)[0] == 0
    assert (ws / "测试局" / "答复" / "a.docx").is_file()
    (ws / "测试局" / "答复" / "a.docx").unlink()
    assert rebuilt(ws, None) == {"测试局/a.yaml"}
