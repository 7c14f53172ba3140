"""The checker on whole letters: clean invented letters stay (almost) silent, every deliberate
slip is found on its line, and on real published replies the real slips are found.

tests/corpus/manifest.yaml names the slips with its own rule names; SLIP_RULES maps them to the
checker's rule ids.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drafter.checker import check_text
from tests.conftest import SHARED_CORPUS

CORPUS = Path(__file__).parent / "corpus"
SHARED = SHARED_CORPUS / "replies"

SLIP_RULES = {
    "doubled-word": "doubled-word.repeat",
    "de-di-de": "de-di-de.phrase",
    "halfwidth-punct": "punctuation.halfwidth",
    "numbering-gap": "numbering.gap",
    "numbering-repeat": "numbering.repeat",
    "stray-marker": "numbering.stray",
    "nonstandard-marker": "numbering.form",
    "unbalanced-pair": "punctuation.unbalanced",
    "date-format": "formal.date",
    "wenhao-format": "formal.wenhao",
    "kind-mismatch": "formal.salutation",
}


def manifest() -> dict:
    return yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))


def check_file(path: Path, **kw):
    # Today's date: every letter in the corpora is dated in the past.
    return check_text(path.read_text(encoding="utf-8").splitlines(), path=path, **kw)


def letters() -> list[Path]:
    return sorted((CORPUS / "letters").glob("*.txt"))


def test_clean_letters_give_fewer_than_one_finding_per_letter_and_no_errors():
    findings = [f for path in letters() for f in check_file(path)]
    assert len(findings) < len(letters()), "\n".join(f.format() for f in findings)
    assert [f.format() for f in findings if f.severity == "error"] == []


SLIPS = [(name, slip) for name, entry in manifest().items() if name.startswith("slips/")
         for slip in entry.get("slips", [])]


@pytest.mark.parametrize("name,slip", SLIPS, ids=[f"{n}:{s['rule']}:{s['line']}" for n, s in SLIPS])
def test_every_deliberate_slip_is_found_on_its_line(name, slip):
    assert slip["rule"] in SLIP_RULES, f"the manifest names a new kind of slip: {slip['rule']}"
    rule = SLIP_RULES[slip["rule"]]
    found = [f for f in check_file(CORPUS / name) if f.rule == rule and f.line == slip["line"]]
    assert found, f"{rule} not found on line {slip['line']} ({slip['text']})"
    line = (CORPUS / name).read_text(encoding="utf-8").splitlines()[slip["line"] - 1]
    at = line.find(slip["text"])
    assert any(at <= f.column - 1 <= at + len(slip["text"]) for f in found), [f.format() for f in found]


def test_slip_letters_have_nothing_else_wrong():
    names = sorted({name for name, _ in SLIPS})
    expected = {(name, SLIP_RULES[s["rule"]], s["line"]) for name, s in SLIPS}
    extra = [f.format() for name in names for f in check_file(CORPUS / name)
             if (name, f.rule, f.line) not in expected]
    assert extra == []


@pytest.mark.needs("shared")
def test_real_slips_in_published_replies_are_found():
    # The store turned ，：；（）！ into ASCII: ascii_punctuation undoes that and does not blame the letters.
    found = {(p.name, f.rule) for p in sorted(SHARED.glob("*.txt")) for f in check_file(p, ascii_punctuation=True)}
    for known in [
        ("01.txt", "formal.salutation"),       # 李文学等委员 — no colon
        ("05.txt", "formal.salutation"),       # 代表 for a 政协提案
        ("09.txt", "formal.wenhao"),           # 〔2019〕来信号: a placeholder left in
        ("18.txt", "punctuation.unbalanced"),  # 三区三线”
        ("19.txt", "doubled-word.repeat"),     # 第十三届届三次
        ("20.txt", "formal.wenhao"),           # 【2024】
        ("21.txt", "punctuation.final-stop"),  # 特此函复
        ("31.txt", "formal.salutation"),       # 代表 for a 政协提案
        ("33.txt", "formal.date"),             # 二○一二年六月十四日
    ]:
        assert known in found, known


@pytest.mark.needs("shared")
def test_published_replies_do_not_drown_the_clerk():
    paths = sorted(SHARED.glob("*.txt"))
    findings = [f for p in paths for f in check_file(p, ascii_punctuation=True)]
    assert len(findings) < len(paths)
