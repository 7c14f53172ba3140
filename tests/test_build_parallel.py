"""Rendering is deterministic: a parallel build (under spawn, as on Windows, or fork) writes the
same bytes as a serial one, and so does every rebuild."""

from __future__ import annotations

import multiprocessing
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_build_support import docx_files, manifest, sheet, workspace  # noqa: E402

from drafter.build.manifest import MANIFEST_NAME  # noqa: E402
from drafter.build.run import Options, build  # noqa: E402


def many(tmp_path: Path, n: int = 40) -> Path:
    """The workspace with n more sheets, so that every worker gets several chunks."""
    ws = workspace(tmp_path)
    extra = ws / "测试局" / "批量"
    extra.mkdir()
    for i in range(n):
        cite = ("{{ facts.甲 }}", "{{ facts.乙 }}", "无")[i % 3]
        (extra / f"{i:03d}.yaml").write_text(sheet(f"第{i}份，{cite}。", str(400 + i)), "utf-8")
    return ws


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_parallel_build_equals_the_serial_one_byte_for_byte(tmp_path, method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    ws = many(tmp_path)
    serial = build(Options(ws, tmp_path / "serial", jobs=1))
    parallel = build(Options(ws, tmp_path / "parallel", jobs=2, start_method=method, serial_below=0))
    assert not serial.failed and not parallel.failed
    assert [(o.key, o.status) for o in serial.outcomes] == [(o.key, o.status) for o in parallel.outcomes]
    a, b = docx_files(tmp_path / "serial"), docx_files(tmp_path / "parallel")
    assert len(a) == len(serial.outcomes) and a == b
    assert (tmp_path / "serial" / MANIFEST_NAME).read_bytes() == (tmp_path / "parallel" / MANIFEST_NAME).read_bytes()


def test_a_bad_sheet_in_a_worker_does_not_stop_its_chunk(tmp_path):
    ws = many(tmp_path, 30)
    (ws / "测试局" / "批量" / "005.yaml").write_text(sheet("{{ facts.不存在 }}", "9"), "utf-8")
    report = build(Options(ws, tmp_path / "out", jobs=2, start_method="spawn", serial_below=0))
    assert [o.key for o in report.outcomes if o.status == "failed"] == ["测试局/批量/005.yaml"]
    assert report.count("built") == len(report.outcomes) - 1


def test_building_the_same_input_in_another_place_gives_the_same_bytes(tmp_path):
    first = many(tmp_path / "1", 5)
    build(Options(first, tmp_path / "out1"))
    second = tmp_path / "2" / "elsewhere"
    shutil.copytree(first, second)
    build(Options(second, tmp_path / "out2"))
    assert docx_files(tmp_path / "out1") == docx_files(tmp_path / "out2")
    assert manifest(tmp_path / "out1")["sheets"] == manifest(tmp_path / "out2")["sheets"]  # paths are relative
