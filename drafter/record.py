"""The input record: one hash of everything a reply's .docx is made from, kept inside the .docx.

Every .docx drafter writes carries it (docProps/custom.xml, layout.parts.INPUTS_PROPERTY), whoever
writes it: `drafter render`, `drafter build`, the TUI. So whether a reply's .docx is current for its
sheet — the 台账's 已生成 — is known from one small zip member and this hash, without composing the
reply again. A file without the record (an older drafter's) is composed and compared as before.

The record covers what `drafter build` compares (build.deps), so a reply build leaves alone still
carries a matching record: the sheet's data (not its comments or layout), its profile's content,
the facts it cites, the template files it renders through (named relative to the workspace, so a
clone elsewhere still matches), and drafter's rendering code.
"""

from __future__ import annotations

import json
from pathlib import Path


class Inputs:
    """Computes input records. Caches template closures and profile/facts hashes for its own
    lifetime — make one per build, report or render, never keep one while files may change."""

    def __init__(self, fingerprint: str | None = None):
        self._fingerprint = fingerprint
        self._templates: dict[tuple, tuple] = {}
        self._closures: dict[tuple[Path, Path], object] = {}
        self._digests: dict[tuple[str, int], tuple[object, object]] = {}

    def record(self, reply) -> str | None:
        """The reply's input record; None when it cannot be told (a template that does not load:
        such a reply does not render either)."""
        from jinja2 import TemplateError

        from drafter.build.deps import (digest, drafter_fingerprint, fact_digests, facts_in_sheet, object_digest,
                                        used_digests)
        from drafter.compose.render import template_path, workspace_root
        from drafter.errors import InputError

        sheet, profile = reply.sheet, reply.profile
        # what template_path reads, the profile held so that its id stays its own
        where = (Path(sheet.path).parent, sheet.template, sheet.kind, id(profile))
        try:
            if where not in self._templates:
                self._templates[where] = (template_path(reply), workspace_root(reply), profile)
            template, root, _ = self._templates[where]
            closure, files = self._closure(template, root)
        except (InputError, TemplateError, OSError, RecursionError):
            return None
        data = reply.located.data
        cited = facts_in_sheet(data) | closure.facts
        parts = {
            "drafter": self._fingerprint or drafter_fingerprint(),
            # key order kept: the sheet is data as written, not a set of fields
            "sheet": json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str),
            "profile": self._held("profile", reply.profile, object_digest),
            "facts": used_digests(self._held("facts", reply.facts, fact_digests), cited),
            "template": files,
        }
        return digest(json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))

    def _closure(self, template: Path, root: Path):
        """The template's closure and its files as the record names them."""
        key = (template, root)  # as template_path gives it: resolved once, not per reply
        if key not in self._closures:
            closure = closure_of(Path(template).resolve(), root)
            self._closures[key] = closure, sorted((_template_name(path, root), h) for path, h in closure.files.items())
        return self._closures[key]

    def _held(self, kind: str, obj, make):
        # Keyed by identity while holding the object (a Loader hands out one object per file
        # content), so an id is never reused for another object.
        key = (kind, id(obj))
        if key not in self._digests:
            self._digests[key] = (obj, make(obj))
        return self._digests[key][1]


_CLOSURES: dict = {}
_CLOSURES_KEPT = 64


def closure_of(template: Path, root: Path):
    """build.deps.template_closure, kept between calls (parsing templates costs more than
    composing a reply, and the TUI asks for every reply it shows). A kept closure is used again
    only while its search folders are unchanged (a template added or removed changes a folder's
    mtime, as for compose's own environments) and every file in it has the same content."""
    from drafter.build.deps import digest, template_closure
    from drafter.compose.environment import BUILTIN_TEMPLATES

    stamps = []
    for folder in (template.parent, BUILTIN_TEMPLATES):
        try:
            stamps.append(folder.stat().st_mtime_ns)
        except OSError:
            stamps.append(-1)
    key = (template, root, tuple(stamps))
    kept = _CLOSURES.get(key)
    if kept is not None and all(_hash_of(path, digest) == h for path, h in kept.files.items()):
        return kept
    closure = template_closure(template, root)
    if len(_CLOSURES) >= _CLOSURES_KEPT:
        _CLOSURES.clear()
    _CLOSURES[key] = closure
    return closure


def _hash_of(path: Path, digest) -> str | None:
    """The file's hash as template_closure takes it (of the text, as Jinja reads it)."""
    from drafter.errors import InputError
    from drafter.textio import read_text

    try:
        return digest(read_text(path).encode("utf-8"))
    except InputError:
        return None


def _template_name(path: Path, root: Path) -> str:
    """A template file as the record names it: under the workspace, built in, or (never for a
    template compose accepts) absolute."""
    from drafter.compose.environment import BUILTIN_TEMPLATES

    for base, prefix in ((root, ""), (BUILTIN_TEMPLATES.resolve(), "builtin:")):
        if path.is_relative_to(base):
            return prefix + path.relative_to(base).as_posix()
    return path.as_posix()
