"""Checking the text of a profile (单位信息) or facts library (事实库) as the clerk edits it.

The forms ask here after every change; the problems name the field they belong to, so each shows
under its own row. The same rules the loader applies when a reply is composed.
"""

from __future__ import annotations

from pathlib import Path

from drafter.errors import InputError
from drafter.model import fields as mf
from drafter.model.facts import FACTS_FIELDS, _RawFacts
from drafter.model.profile import PROFILE_FIELDS, Profile
from drafter.sheets.yamlio import load_yaml
from drafter.workspace.session import Problem, problems_from

_SCHEMA = {"profile": (Profile, PROFILE_FIELDS), "facts": (_RawFacts, FACTS_FIELDS)}


def validate(kind: str, text: str, path: Path) -> list[Problem]:
    """Every problem in a "profile" or "facts" file's text (empty: it reads)."""
    cls, fields = _SCHEMA[kind]
    try:
        located = load_yaml(text, path)
        ctx = mf.Context(located)
        mf.build(cls, fields, located.data or {}, ctx)
    except InputError as exc:
        return problems_from(exc, path)
    return [p for e in ctx.errors for p in problems_from(e, path)]


def validate_profile(text: str, path: Path) -> list[Problem]:
    return validate("profile", text, path)


def validate_facts(text: str, path: Path) -> list[Problem]:
    return validate("facts", text, path)
