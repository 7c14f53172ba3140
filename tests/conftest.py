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
SHARED = REPO.parent / "shared"


def _libreoffice() -> bool:
    from drafter.layout.pdf import find_soffice

    return find_soffice() is not None and shutil.which("pdftotext") is not None


REQUIREMENTS = {
    "shared": (lambda: (SHARED / "corpus").is_dir(), "the shared corpus (../shared/corpus)"),
    "libreoffice": (_libreoffice, "LibreOffice and pdftotext"),
    "git": (lambda: shutil.which("git") is not None, "git"),
}


def require(name: str) -> None:
    """Skip when an optional part is missing locally; under CI (CI=true) its absence fails."""
    available, what = REQUIREMENTS[name]
    if available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required under CI (.ci/run provides it)")
    pytest.skip(f"{what} not available")


def pytest_configure(config):
    config.addinivalue_line("markers", "needs(name): the test needs an optional part (see REQUIREMENTS)")


def pytest_runtest_setup(item):
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
