"""Optional parts (LibreOffice, the shared corpus) may be missing on a clerk's or developer's machine,
where their tests skip; under CI their absence is a failure, never a silent skip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import conftest


@pytest.fixture
def missing(monkeypatch):
    monkeypatch.setitem(conftest.REQUIREMENTS, "nothing", (lambda: False, "a part that is not here"))


def test_a_missing_part_skips_locally(missing, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not available"):
        conftest.require("nothing")


def test_a_missing_part_fails_under_ci(missing, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required under CI"):
        conftest.require("nothing")


def test_a_present_part_lets_the_test_run(monkeypatch):
    monkeypatch.setitem(conftest.REQUIREMENTS, "here", (lambda: True, "a part that is here"))
    monkeypatch.setenv("CI", "true")
    assert conftest.require("here") is None


def test_the_shared_corpus_path_is_written_once_beside_the_checkout():
    """One place names ../shared/corpus; the corpus tests import it from there."""
    assert conftest.SHARED_CORPUS == conftest.REPO.parent / "shared" / "corpus"
    tests = Path(conftest.__file__).parent
    for path in tests.glob("test_*.py"):
        if path.name != Path(__file__).name:
            assert '"shared" / "corpus"' not in path.read_text(encoding="utf-8"), path.name


EMPTY = """\
import pytest

@pytest.mark.parametrize("source", [])
def test_each_source(source):
    assert source
"""


def _pytest_on(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess:
    """pytest on a file whose parameter set is empty, with this conftest."""
    shutil.copy(conftest.__file__, tmp_path / "conftest.py")
    (tmp_path / "test_empty.py").write_text(EMPTY, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)


def test_an_empty_parameter_set_skips_locally(tmp_path):
    r = _pytest_on(tmp_path, ci=False)
    assert r.returncode == 0 and "1 skipped" in r.stdout, r.stdout


def test_an_empty_parameter_set_fails_under_ci(tmp_path):
    r = _pytest_on(tmp_path, ci=True)
    assert r.returncode == 1 and "1 error" in r.stdout, r.stdout
    assert "parameter set is empty under CI" in r.stdout
