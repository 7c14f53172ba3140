"""Shared fixtures: the bundled examples, a scratch copy of them, and the CLI as a clerk runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
# The shared corpus of real replies, beside the checkout (the one place its path is written).
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def _libreoffice() -> bool:
    from drafter.layout.pdf import find_soffice

    return find_soffice() is not None and shutil.which("pdftotext") is not None


REQUIREMENTS = {
    "shared": (lambda: SHARED_CORPUS.is_dir(), f"the shared corpus ({SHARED_CORPUS})"),
    "libreoffice": (_libreoffice, "LibreOffice and pdftotext"),
    "git": (lambda: shutil.which("git") is not None, "git"),
}


def under_ci() -> bool:
    return os.environ.get("CI") == "true"


def require(name: str) -> None:
    """Skip when an optional part is missing locally; under CI (CI=true) its absence fails."""
    available, what = REQUIREMENTS[name]
    if available():
        return
    if under_ci():
        pytest.fail(f"{what} is required under CI (.ci/run provides it)")
    pytest.skip(f"{what} not available")


_EMPTY_PARAMETER_SET = "got empty parameter set"  # the reason pytest gives the skip it adds


def pytest_configure(config):
    config.addinivalue_line("markers", "needs(name): the test needs an optional part (see REQUIREMENTS)")
    config.addinivalue_line("markers", "empty_under_ci(reason): parameter set came out empty under CI")


def pytest_collection_modifyitems(config, items):
    """Under CI, a parametrised test whose parameter set came out empty fails instead of skipping:
    the set is empty because its data is missing (the shared corpus, say), not because there is
    nothing to test."""
    if not under_ci():
        return
    for item in items:
        empty = [m for m in item.own_markers
                 if m.name == "skip" and str(m.kwargs.get("reason", "")).startswith(_EMPTY_PARAMETER_SET)]
        if empty:
            item.own_markers[:] = [m for m in item.own_markers if m not in empty]
            item.add_marker(pytest.mark.empty_under_ci(empty[0].kwargs["reason"]))


def pytest_runtest_setup(item):
    empty = item.get_closest_marker("empty_under_ci")
    if empty is not None:
        pytest.fail(f"parameter set is empty under CI ({empty.args[0]})", pytrace=False)
    for mark in item.iter_markers("needs"):
        require(mark.args[0])


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A private copy of examples/ (tests never change the repository's files)."""
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("*.docx", "*.pdf", ".*"))
    return target


def run_drafter(*args: str | os.PathLike, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """`python -m drafter ARGS` in a fresh process, as a clerk would run it."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", env=env, input=input, timeout=120)


@pytest.fixture
def drafter_cli():
    return run_drafter
