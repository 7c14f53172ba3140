"""Optional parts (LibreOffice, the shared corpus) may be missing on a clerk's or developer's machine,
where their tests skip; under CI their absence is a failure, never a silent skip."""

from __future__ import annotations

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
