"""Running the rules over a Document, placing findings in the file and applying silences."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from drafter.checker.document import Document, Raw
from drafter.checker.finding import Finding
from drafter.checker.positions import SourceMap
from drafter.checker.registry import RULES, is_known, matches, suggest
from drafter.checker.rules import ALL_RULES


def run_rules(doc: Document) -> None:
    for rule in ALL_RULES:
        rule(doc)


def _disabled(rule: str, selectors: Iterable[str]) -> bool:
    return any(matches(sel, rule) for sel in selectors)


def _excerpt(text: str, start: int, end: int) -> str:
    a, b = max(0, start - 8), min(len(text), end + 8)
    return text[a:b]


def place_text(doc: Document, raw: Raw) -> Finding:
    unit = raw.unit
    if unit is not None:
        line = unit.line or 1
        column = unit.column0 + raw.start + 1
        found = unit.text[raw.start:raw.end]
        context = _excerpt(unit.text, raw.start, raw.end)
    else:
        line, column, found, context = 1, 1, "", ""
    return Finding(doc.path, line, column, raw.severity, raw.rule, raw.message, raw.fix, (), found, None, context,
                   raw.advice)


def place_sheet(doc: Document, raw: Raw, smap: SourceMap) -> Finding:
    unit = raw.unit
    found, context = "", ""
    piece = None
    if unit is not None:
        found = unit.text[raw.start:raw.end]
        context = _excerpt(unit.text, raw.start, raw.end)
        piece = unit.piece_at(raw.start)
        if piece is None:
            key, offset = unit.key or ("kind",), None
        else:
            key = piece.key or unit.key or ("kind",)
            offset = piece.value_start + (raw.start - piece.start if piece.exact else 0)
    else:
        key, offset = raw.key or ("kind",), raw.offset
    if key not in smap.located.spans and key not in smap.located.key_spans:
        line, column, key = smap.field_start(key)
        offset = None
    else:
        line, column = smap.position(key, offset)
        if piece is not None and not piece.exact:
            offset = None  # numbering, a fact or template wording: not characters of the field's value
    return Finding(doc.path, line, column, raw.severity, raw.rule, raw.message, raw.fix, tuple(key), found, offset,
                   context, raw.advice, raw.removes and tuple(key) == tuple(raw.key or ()))


def _silenced_in_place(finding: Finding, smap: SourceMap) -> bool:
    """An ignore comment on the line of the field (or any field around it), the line above it,
    or the finding's own line."""
    ignores = smap.all_ignores()
    if not ignores:
        return False
    located = smap.located
    lines = {finding.line}
    key = tuple(finding.key)
    for n in range(1, len(key) + 1):
        prefix = key[:n]
        for spans in (located.key_spans, located.spans):
            span = spans.get(prefix)
            if span:
                lines.add(span.line)
    for line in list(lines):
        if smap.is_comment_line(line - 1):
            lines.add(line - 1)
    for line in lines:
        for _, selectors in ignores.get(line, []):
            if selectors is None or _disabled(finding.rule, selectors):
                return True
    return False


def finish(doc: Document, disabled: Iterable[str] = (), smap: SourceMap | None = None) -> list[Finding]:
    """Raw findings → placed, silenced, de-duplicated, sorted Findings."""
    disabled = list(disabled)
    findings: list[Finding] = []
    seen = set()
    for raw in doc.raws:
        if _disabled(raw.rule, disabled):
            continue
        finding = place_sheet(doc, raw, smap) if smap is not None else place_text(doc, raw)
        if smap is not None and _silenced_in_place(finding, smap):
            continue
        ident = (finding.rule, finding.line, finding.column, finding.message)
        if ident in seen:
            continue
        seen.add(ident)
        findings.append(finding)
    findings.sort(key=Finding.sort_key)
    return findings


# ---- entry points --------------------------------------------------------------------------------

def check_reply(reply, blocks=None, *, today: dt.date | None = None, disable: Iterable[str] = ()) -> list[Finding]:
    """Proofread a loaded reply. blocks: its composed blocks if the caller has them (else they
    are composed here; a reply that does not compose is still checked, field by field)."""
    from drafter.checker.fromsheet import document_from_reply
    from drafter.errors import InputError

    if blocks is None:
        from drafter.compose.render import compose

        try:
            blocks = compose(reply)
        except InputError:
            blocks = None
    doc = document_from_reply(reply, blocks, today)
    run_rules(doc)
    smap = SourceMap(reply.located)
    selectors = list(reply.sheet.check_disable) + list(reply.profile.check_disable) + list(disable)
    findings = finish(doc, selectors, smap)
    findings += _config_findings(reply, smap)
    findings.sort(key=Finding.sort_key)
    return findings


def _config_findings(reply, smap: SourceMap) -> list[Finding]:
    """Unknown rule ids in `check: disable` (sheet and profile) and in ignore comments."""
    out: list[Finding] = []
    rule = RULES["check.unknown-rule"]

    def bad(selector: str) -> str | None:
        if is_known(selector):
            return None
        close = suggest(selector)
        return f"规则编号“{selector}”不存在" + (f"，是不是“{close}”？" if close else "")

    data = reply.located.data or {}
    check = data.get("check")
    if check is not None:
        raw_list = check.get("disable") if isinstance(check, dict) else check
        base = ("check", "disable") if isinstance(check, dict) else ("check",)
        if isinstance(raw_list, str):
            raw_list, keys = [raw_list], [base]
        elif isinstance(raw_list, list):
            keys = [base + (i,) for i in range(len(raw_list))]
        else:
            raw_list, keys = [], []
        for value, key in zip(raw_list, keys):
            message = bad(str(value).strip()) if isinstance(value, str) else None
            if message:
                line, column = smap.position(key, 0)
                out.append(Finding(reply.sheet.path, line, column, rule.severity, rule.id, message, None, key))
    for line, entries in smap.all_ignores().items():
        for offset, selectors in entries:
            for selector in sorted(selectors or ()):
                message = bad(selector)
                if message:
                    _, column = smap.line_col(offset)
                    out.append(Finding(reply.sheet.path, line, column, rule.severity, rule.id, message, None, ()))
    profile = reply.profile
    if profile.check_disable and any(not is_known(s) for s in profile.check_disable):
        from drafter.sheets.load import read_located

        try:
            psmap = SourceMap(read_located(profile.path))
        except Exception:  # noqa: BLE001 - the profile loaded a moment ago; positions are a bonus
            psmap = None
        pdata = psmap.located.data if psmap else {}
        pcheck = pdata.get("check") if isinstance(pdata, dict) else None
        base = ("check", "disable") if isinstance(pcheck, dict) else ("check",)
        for i, selector in enumerate(profile.check_disable):
            message = bad(selector)
            if message:
                key = base + (i,)
                line, column = psmap.position(key, 0) if psmap else (1, 1)
                out.append(Finding(profile.path, line, column, rule.severity, rule.id, message, None, key))
    return out


def check_text(paragraphs: list[str] | str, *, path: Path | None = None, kind: str | None = None,
               proposal_title: str | None = None, handling_type: str | None = None, scheme: str | None = None,
               today: dt.date | None = None, ascii_punctuation: bool = False,
               disable: Iterable[str] = ()) -> list[Finding]:
    """Proofread a plain reply text: a list of paragraphs (or one string, one paragraph a line).

    Findings carry the paragraph's 1-based index as line. ascii_punctuation: the text had its
    full-width punctuation turned into ASCII by a copy (web pages, the shared corpus); it is
    converted back first and half-width punctuation is not reported.
    """
    from drafter.checker.fromtext import document_from_text
    from drafter.model.handling_types import DEFAULT_SCHEME

    from drafter.model.profile import KIND_ALIASES

    if isinstance(paragraphs, str):
        paragraphs = paragraphs.split("\n")
    kind = KIND_ALIASES.get(kind, kind) if kind else None
    doc = document_from_text(paragraphs, path=path, kind=kind, proposal_title=proposal_title,
                             handling_type=handling_type, scheme=scheme or DEFAULT_SCHEME, today=today,
                             ascii_punctuation=ascii_punctuation)
    run_rules(doc)
    selectors = list(disable) + (["punctuation.halfwidth"] if ascii_punctuation else [])
    return finish(doc, selectors)


def check_paths(paths: Iterable[Path], loader=None, *, today: dt.date | None = None) -> list[Finding]:
    """Proofread sheets and every sheet under folders. A sheet that cannot be read or composed
    yields an `input` finding (severity error) with its position; the rest of its findings
    are still reported when the sheet itself could be read."""
    from drafter.compose.render import compose
    from drafter.errors import InputError, InputErrors
    from drafter.sheets.load import Loader, expand_sheets

    loader = loader or Loader()
    findings: list[Finding] = []
    for path in expand_sheets(paths):
        try:
            reply = loader.load(path)
        except InputError as exc:
            findings += [input_finding(e) for e in (exc.errors if isinstance(exc, InputErrors) else [exc])]
            continue
        try:
            blocks = compose(reply)
            failed = []
        except InputError as exc:
            failed = [input_finding(e) for e in (exc.errors if isinstance(exc, InputErrors) else [exc])]
            blocks = None
        found = check_reply(reply, blocks, today=today)
        undefined = {f.line for f in found if f.rule == "facts.undefined"}
        findings += found + [f for f in failed if f.line not in undefined]  # the undefined fact is reported once
    findings.sort(key=Finding.sort_key)
    return findings


def input_finding(exc) -> Finding:
    """An InputError as a Finding (rule `input`), its dotted field turned back into a key."""
    where = exc.where
    message = exc.message + (f"（{exc.hint}）" if exc.hint else "")
    if where.field:
        message = f"字段“{where.field}”{message}"
    return Finding(where.path, where.line or 1, where.column or 1, "error", "input", message, None,
                   parse_dotted(where.field or ""))


def parse_dotted(field: str) -> tuple:
    """"sections[0].items[1].text" -> ("sections", 0, "items", 1, "text")."""
    import re

    out: list = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field):
        out.append(int(index) if index else name)
    return tuple(out)
