"""Which facts a sheet text cites, and which files a template renders through."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_build_support import BUILTIN, REPO  # noqa: E402

from drafter.build.deps import ALL_FACTS, facts_in_sheet, facts_in_text, template_closure  # noqa: E402


def cited(text: str) -> set[str]:
    out: set[str] = set()
    facts_in_text(text, out)
    return out


def test_facts_are_found_by_attribute_and_by_key():
    assert cited("有{{ facts.企业数 }}家，{{ facts['高新 企业'] }}，{{facts [\"乙\"]}}") == {"企业数", "高新 企业", "乙"}
    assert cited("{{ facts.甲.value }}{{ facts.甲.unit }}") == {"甲"}


def test_text_outside_template_tags_is_not_a_citation():
    assert cited("事实库（facts.yaml）里的 facts 数据") == set()
    assert cited("{{ sheet.facts }}{{ myfacts.x }}") == set()


def test_a_use_of_facts_that_cannot_be_named_depends_on_the_whole_library():
    assert cited("{% for f in facts %}{{ f }}{% endfor %}") == {ALL_FACTS}
    assert cited("{{ facts[name] }}") == {ALL_FACTS}


def test_every_string_of_a_sheet_is_searched():
    data = {"intro": ["{{ facts.甲 }}"], "sections": [{"items": [{"text": "{{ facts.乙 }}"}]}], "number": "1"}
    assert facts_in_sheet(data) == {"甲", "乙"}


def test_a_built_in_template_closure_includes_the_base_it_extends():
    closure = template_closure(BUILTIN / "政协提案答复.j2", BUILTIN)
    assert set(closure.files) == {(BUILTIN / "政协提案答复.j2").resolve(), (BUILTIN / "_base.j2").resolve()}


def test_a_clerks_template_citing_facts_and_including_dynamically(tmp_path):
    (tmp_path / "a.j2").write_text('{% extends "_base.j2" %}{% block default_title %}{{ facts.丙 }}{% endblock %}',
                                   "utf-8")
    (tmp_path / "b.j2").write_text("{% include name %}", "utf-8")
    closure = template_closure(tmp_path / "a.j2", tmp_path)
    assert closure.facts == {"丙"}
    assert (BUILTIN / "_base.j2").resolve() in closure.files
    dynamic = template_closure(tmp_path / "b.j2", tmp_path)
    assert (tmp_path / "a.j2").resolve() in dynamic.files and (BUILTIN / "人大建议答复.j2").resolve() in dynamic.files


def test_drafters_fingerprint_covers_the_code_that_renders_and_nothing_else():
    from drafter.build.deps import render_modules

    names = {p.relative_to(REPO / "drafter").as_posix() for p in render_modules()}
    assert {"pipeline.py", "output.py", "layout/docx.py", "layout/zipwriter.py", "compose/render.py",
            "sheets/load.py", "model/facts.py"} <= names
    assert not any(n.startswith(("cli/", "tui/", "build/", "checker/", "importer/")) for n in names)
