"""One sheet being edited: a plain-data copy of the YAML, validated and composed on demand.

The form edits `data` (dicts, lists and strings, as sheets.yamlio reads them); every check runs
the real path a saved file would take — minimal-diff text → load_yaml → Loader → compose — so
what the clerk sees is what `drafter render` will make of the saved file.
"""

from __future__ import annotations

import copy
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import InputError, InputErrors
from drafter.sheets.load import Loader, Reply
from drafter.sheets.merge import MINE, Conflict, merge_text
from drafter.sheets.yamlio import Located, load_yaml
from drafter.textio import read_text
from drafter.sheets import edit
from drafter.workspace.datapath import Key, delete_at, get_at, parse_dotted, set_at
from drafter.workspace.facts import renamed
from drafter.workspace.undo import MISSING, Change, UndoHistory
from drafter.workspace.watch import FileWatch, text_hash

_MISSING = re.compile(r"缺少必填字段“([^”]+)”")


@dataclass
class Problem:
    """An error (blocks generation) or a checker finding, tied to a sheet field when possible.

    fix is the 建议 as the clerk reads it. A finding whose 建议 is mechanical carries what applying
    it takes (see workspace.quickfix): `replacement` for the characters `found` at `offset` in the
    value at `key`, or `removes` (delete the field at key). `place` is where it is, in the reply's
    own numbering ("正文·一、工作开展情况·二是…·展开文字"); `column` the 1-based column of the
    offending characters in the file."""

    message: str
    key: Key = ()
    severity: str = "error"  # error | warning | info
    file: Path | None = None
    line: int | None = None
    rule: str | None = None
    fix: str | None = None
    hint: str | None = None
    column: int | None = None
    found: str = ""
    offset: int | None = None
    replacement: str | None = None
    removes: bool = False
    place: str = ""

    @property
    def blocking(self) -> bool:
        return self.severity == "error" and self.rule is None

    def describe(self) -> str:
        text = self.message
        if self.hint:
            text += f"（{self.hint}）"
        if self.fix:
            text += f"　建议：{self.fix}"
        return text


CHECKER_CRASH = "checker.crash"


@dataclass
class Analysis:
    """The outcome of checking one version of a sheet."""

    text: str
    reply: Reply | None = None
    blocks: list | None = None
    errors: list[Problem] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.blocks is not None

    @property
    def problems(self) -> list[Problem]:
        return self.errors + self.findings

def problems_from(exc: InputError, sheet_path: Path | None) -> list[Problem]:
    """An InputError (or several) as problems keyed by the sheet field they name."""
    out = []
    for err in exc.errors if isinstance(exc, InputErrors) else [exc]:
        where = err.where
        same_file = where.path is None or sheet_path is None or _same(where.path, sheet_path)
        key: Key = ()
        if same_file:
            key = parse_dotted(where.field)
            m = _MISSING.search(err.message)
            if m:
                key = key + (m.group(1),)
        out.append(Problem(err.message, key, "error", None if same_file else where.path, where.line, hint=err.hint))
    return out


def _same(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return str(a) == str(b)


def run_checker(reply: Reply, blocks: list) -> list[Problem]:
    """The checker's findings (issue 6) as problems.

    A checker defect never takes the editor down, and never passes for "no problems": it becomes a
    problem "检查器出错" naming the log file with the details (drafter.crashlog)."""
    from drafter.checker import check_reply

    try:
        findings = check_reply(reply, blocks)
    except InputError as exc:
        return problems_from(exc, reply.path)
    except Exception as exc:  # noqa: BLE001 - a checker defect: logged, and shown as a problem
        return [checker_failed(exc, reply.path)]
    out = []
    for f in findings:
        key = tuple(f.key or ())
        other = f.path is not None and reply.path is not None and not _same(f.path, reply.path)
        severity = "info" if f.severity == "hint" else f.severity  # the checker's hint is the TUI's info
        exact = not other and f.offset is not None  # characters the clerk typed, at offset in the value
        out.append(Problem(f.message, () if other else key, severity, f.path if other else None, f.line,
                           f.rule or "check", f.suggestion, column=f.column, found=f.found,
                           offset=f.offset if exact else None, replacement=f.fix if exact else None,
                           removes=f.removes and not other))
    return out


_CRASH_LOGS: dict[tuple, Path] = {}  # one log per distinct checker failure: the editor re-checks on every pause


def checker_failed(exc: BaseException, path: Path | None) -> Problem:
    """An unexpected exception inside the checker, logged (once for the same failure of the same sheet);
    the problem says where the log is."""
    from drafter.crashlog import write_log

    ident = (type(exc).__name__, str(exc), str(path))
    try:
        log = _CRASH_LOGS.get(ident)
        if log is None or not log.is_file():
            log = _CRASH_LOGS[ident] = write_log(exc, f"checker: {path}")
        where = f"详细信息已记录在 {log}"
    except OSError as log_exc:
        where = f"无法写入日志（{log_exc.strerror or type(log_exc).__name__}）"
    return Problem(f"检查器出错（drafter 内部错误 {type(exc).__name__}），本稿未能校对；{where}，请把该文件发给维护人员",
                   (), "error", rule=CHECKER_CRASH)


def analyse_text(text: str, path: Path, loader: Loader, *, check: bool = True, budget=None) -> Analysis:
    """Parse, validate and compose a sheet's text, collecting every problem instead of raising.
    `budget` (compose.budget.Budget): the template's time and size budget, to cancel() it from another
    thread; a fresh default one if None."""
    from drafter.compose.render import compose

    result = Analysis(text)
    located = None
    try:
        located = load_yaml(text, path)
        if not isinstance(located.data, dict):
            raise InputError("文件顶层应为“字段: 值”的形式")
        result.reply = loader.from_located(located)
        result.blocks = compose(result.reply, budget)
    except InputError as exc:
        result.errors = problems_from(exc, path)
        _place(result.errors, located.data if located is not None else None)
        return result
    if check:
        result.findings = run_checker(result.reply, result.blocks)
        _place(result.findings, located.data)
    return result


def _place(problems: list[Problem], data: Any) -> None:
    """Each problem's location in the reply's own numbering (problems in other files have none)."""
    from drafter.checker.places import place

    for p in problems:
        if p.file is None and p.key and not p.place:
            p.place = place(data if isinstance(data, dict) else {}, p.key)


@dataclass
class SaveResult:
    """What a save did. With conflicts nothing was written: decide each (by Conflict.id) and save again.

    merged: the file had changed on disk since it was opened, and the clerk's changes were merged into
    it. gone: the file was deleted on disk (a conflict at the root: "mine" writes it again).
    unreadable: the file on disk is not readable YAML now (a conflict at the root: "mine" overwrites it,
    "theirs" leaves it as it is); the message says why."""

    written: bool
    merged: bool = False
    conflicts: list[Conflict] = field(default_factory=list)
    gone: bool = False
    unreadable: str | None = None

    def __bool__(self) -> bool:
        return self.written


class _Snapshot(dict):
    """A copy of a session's data with `same` (see SheetSession._same_entries) attached."""

    same: dict | None = None


def _origins(base: Any, memo: dict) -> dict[int, tuple[Any, Key]]:
    """{id(copy): (copy, key in base)} for every mapping and list of base that deepcopy(base, memo)
    copied (the copy is kept, so its id cannot be reused while this map lives)."""
    out: dict[int, tuple[Any, Key]] = {}

    def walk(node: Any, key: Key) -> None:
        if not isinstance(node, (dict, list)):
            return
        twin = memo.get(id(node))
        if twin is not None:
            out[id(twin)] = (twin, key)
        for k, v in (node.items() if isinstance(node, dict) else enumerate(node)):
            walk(v, key + (k,))

    walk(base, ())
    return out


class SheetSession:
    """The editing state of one YAML file (a sheet, or a profile or facts library).

    `disk_text` is the text the clerk's edits are relative to (the file as it was opened or last saved,
    or a restored draft's base); the file may have changed on disk since. Saving carries only the
    clerk's changes onto the file as it is then (sheets.merge), and stops to ask about fields changed
    on both sides.
    """

    def __init__(self, path: Path, loader: Loader | None = None):
        self.path = Path(path)
        self.loader = loader or Loader()
        self._lock = threading.Lock()
        self._text_cache: tuple[Any, str] | None = None
        self._watch = FileWatch(self.path)
        # Structural edits and quick fixes, undoable within the session (workspace.undo).
        self.history = UndoHistory(lambda: self.data, self._lock)
        self.reload()

    # ---- state ---------------------------------------------------------------------------
    def reload(self, text: str | None = None, *, keep_history: bool = False) -> None:
        """Read the file from disk; `text` (a draft made from this very file) replaces the editable data.
        The undo history is forgotten (its places may not hold in the new data) unless `keep_history`
        (the file now holds exactly the data the history was recorded on)."""
        if not keep_history:
            self.history.clear()
        self._set_base(read_text(self.path))
        memo: dict = {}
        self.data: Any = copy.deepcopy(self.located.data, memo)
        self._origin = _origins(self.located.data, memo)
        if text is not None and text != self.disk_text:
            self.data = copy.deepcopy(load_yaml(text, self.path).data) or {}
            self._origin = {}
        self.renames: list[tuple[Key, str]] = []  # mapping keys renamed since the last save

    def _set_base(self, text: str, *, known: bool = True) -> None:
        self.disk_text = text
        self.located: Located = load_yaml(text, self.path)
        if self.located.data is None:
            self.located.data = {}
        self.base_hash = text_hash(text)
        self.base_known = known  # False: a draft whose base was not kept (every difference is asked about)
        self._text_cache = None

    def restore(self, text: str, base: str | None) -> None:
        """Take up a crash-safe draft: `text` is what the clerk had, `base` the text it was edited from
        (None: not known). If the file changed on disk since, saving merges as for any change on disk."""
        self.reload()  # also forgets the undo history
        if base != self.disk_text:
            try:
                self._set_base(base, known=True) if base is not None else self._set_base(self.disk_text, known=False)
            except InputError:
                self._set_base(self.disk_text, known=False)
        self.data = copy.deepcopy(load_yaml(text, self.path).data) or {}
        self._origin = {}  # a draft's entries are matched to the file by content

    def disk_hash(self) -> str | None:
        """The content hash of the file on disk now (None: it is gone). Cheap: it stats the file and
        reads it only when the stat moved."""
        return self._watch.current()

    def disk_changed(self) -> bool:
        """Has the file's content on disk changed from the text the edits are relative to?"""
        return self.disk_hash() != self.base_hash

    def base_text(self) -> str:
        """The base text with the pending key renames applied (only the key tokens change)."""
        try:
            return edit.rename_keys(self.disk_text, self.renames, self.path)
        except (edit.EditError, InputError):
            return self.disk_text  # the data change carries the renames

    def rename_key(self, key: Key, new: str) -> Key:
        """Rename the mapping key at key (keeping its place); returns the new key."""
        with self._lock:
            parent = get_at(self.data, key[:-1])
            if not isinstance(parent, dict) or key[-1] not in parent or key[-1] == new:
                return key
            set_at(self.data, key[:-1], renamed(parent, key[-1], new))
            self.renames.append((tuple(key), new))
            self._text_cache = None
        return key[:-1] + (new,)

    @property
    def dirty(self) -> bool:
        return self.data != self.located.data

    def get(self, key: Key, default: Any = None) -> Any:
        return get_at(self.data, key, default)

    def original(self, key: Key, default: Any = None) -> Any:
        return get_at(self.located.data, key, default)

    def set(self, key: Key, value: Any) -> None:
        """Set the value at key; inside an undo step (self.history.step) the change is recorded."""
        with self._lock:
            before = get_at(self.data, key, MISSING)
            if value is None and before in (None, MISSING):
                return
            set_at(self.data, key, value)
            if self.history.recording:
                self.history.note(Change("set", tuple(key), copy.deepcopy(before), copy.deepcopy(value)))

    def snapshot(self) -> Any:
        """A deep copy of the data. It remembers which list entries are the file's own ones (an
        added item is not the entry that was at its place), for text() to keep their lines."""
        with self._lock:
            data = copy.deepcopy(self.data)
            if isinstance(data, dict):
                data = _Snapshot(data)
                data.same = self._same_entries()
            return data

    def _same_entries(self) -> dict[Key, dict[int, int]]:
        """{key of a list: {index now: index in the file}} for the entries of lists of sections, items
        and other mappings that are the very entries read from the file (by identity: the structural
        edits move these objects, never copy them)."""
        out: dict[Key, dict[int, int]] = {}
        origin = self._origin

        def own(node: Any) -> Key | None:
            found = origin.get(id(node))
            return found[1] if found is not None and found[0] is node else None

        def walk(node: Any, key: Key) -> None:
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, key + (k,))
            elif isinstance(node, list):
                home = own(node)
                pairs = {}
                for j, item in enumerate(node):
                    place = own(item) if home is not None else None
                    if place is not None and place[:-1] == home:
                        pairs[j] = place[-1]
                    walk(item, key + (j,))
                if pairs:
                    out[key] = pairs

        walk(self.data, ())
        return out

    def text(self, data: Any = None) -> str:
        """The file's text as it would be saved now (minimal diff against the disk text)."""
        data = self.snapshot() if data is None else data
        if data == self.located.data:
            return self.disk_text
        cache = self._text_cache
        renames = list(self.renames)
        same = getattr(data, "same", None)
        if cache is not None and cache[0] == (data, renames, same):
            return cache[1]
        text = edit.apply_changes(self.base_text() if renames else self.disk_text, data, self.path, same=same)
        self._text_cache = ((copy.deepcopy(data), renames, same), text)
        return text

    def analyse(self, data: Any = None, *, check: bool = True, budget=None) -> Analysis:
        """Validate and compose the given (or current) data. Safe to call from a worker thread; a
        `budget` given can stop the template from another thread (see analyse_text)."""
        data = self.snapshot() if data is None else data
        try:
            text = self.text(data)
        except InputError as exc:
            return Analysis("", errors=problems_from(exc, self.path))
        return analyse_text(text, self.path, self.loader, check=check, budget=budget)

    def save(self, choices: dict[tuple, str] | None = None, both=None) -> SaveResult:
        """Write the clerk's changes (only changed lines) onto the file as it is on disk now.

        If it changed on disk since it was opened, only the fields the clerk changed are applied to it;
        fields changed on both sides come back as conflicts, and nothing is written until `choices`
        ({Conflict.id: "mine" | "theirs" | "both"}) decides every one. `both(path, mine, theirs)` makes
        the value for "both" (default: sheets.merge.both_values).
        """
        data = self.snapshot()
        try:
            theirs = read_text(self.path)
        except InputError as exc:
            if self.path.exists():
                return self._save_over_unreadable(data, exc, choices)
            return self._save_gone(data, choices)
        unchanged = text_hash(theirs) == self.base_hash
        if unchanged and not self.dirty:
            return SaveResult(False)
        if unchanged and self.base_known:
            text, merged = self.text(data), False
        else:
            try:
                result = merge_text(self.disk_text if self.base_known else None, data, theirs, choices=choices,
                                    renames=self.renames, path=self.path, both=both)
            except InputError as exc:
                return self._save_over_unreadable(data, exc, choices)
            if result.conflicts:
                return SaveResult(False, True, result.conflicts)
            text, merged = result.text, True
            if text == theirs:  # nothing of the clerk's left to write: take the disk's version
                self.reload()
                return SaveResult(False, True)
        edit.write_like(self.path, text)
        self.reload(keep_history=not merged)
        self._watch.seen(self.base_hash)
        return SaveResult(True, merged)

    def resolve(self, choices: dict[tuple, str], both=None) -> SaveResult:
        """Save again with the clerk's decisions on the conflicts a save reported."""
        return self.save(choices, both)

    def _save_whole(self, data: Any, choices: dict | None, **flags) -> SaveResult:
        """The file on disk cannot be merged with: write the clerk's whole version only if asked to."""
        choice = (choices or {}).get(())
        if choice != MINE:
            conflict = Conflict((), (), self.located.data, data, None)
            return SaveResult(False, False, [] if choice else [conflict], **flags)
        edit.write_like(self.path, self.text(data))
        self.reload(keep_history=True)
        return SaveResult(True, False, **flags)

    def _save_gone(self, data: Any, choices: dict | None) -> SaveResult:
        return self._save_whole(data, choices, gone=True)

    def _save_over_unreadable(self, data: Any, exc: InputError, choices: dict | None) -> SaveResult:
        return self._save_whole(data, choices, unreadable=str(exc))

    def rebase(self, choices: dict[tuple, str] | None = None, both=None) -> list[Conflict]:
        """Carry the clerk's unsaved changes onto the file as it is on disk now, without writing: the
        edits become relative to the disk's text. Returns the conflicts (and changes nothing) unless
        choices decide them all."""
        theirs = read_text(self.path)
        data = self.snapshot()
        result = merge_text(self.disk_text if self.base_known else None, data, theirs, choices=choices,
                            renames=self.renames, path=self.path, both=both)
        if result.conflicts:
            return result.conflicts
        with self._lock:
            self._set_base(theirs)
            self.data = result.data if result.data is not None else {}
            self._origin = {}
        self.history.clear()  # the disk's changes may have moved the places the history recorded
        return []

    def discard(self) -> None:
        self.reload()

    # ---- the body: sections and items ---------------------------------------------------
    def node(self, key: Key, shorthand: str) -> dict:
        """The mapping at key, expanding a shorthand entry (`- 标题`) into {shorthand: 标题}."""
        value = self.get(key)
        if not isinstance(value, dict):
            value = {} if value is None else {shorthand: value}
            self.set(key, value)
        return value

    def outline(self) -> list[tuple[Key, str]]:
        """Every section and item as (key, "section" | "item"), in document order."""
        out: list[tuple[Key, str]] = []

        def walk(sections: Any, key: Key) -> None:
            if not isinstance(sections, list):
                return
            for i, s in enumerate(sections):
                k = key + (i,)
                out.append((k, "section"))
                if isinstance(s, dict):
                    items = s.get("items")
                    if isinstance(items, list):
                        out.extend((k + ("items", j), "item") for j in range(len(items)))
                    walk(s.get("sections"), k + ("sections",))

        walk(self.get(("sections",)), ("sections",))
        return out

    def add_section(self, after: Key | None = None, *, child_of: Key | None = None,
                    focus: Key | None = None) -> Key:
        """A new section after `after` (a section key), or the last child of `child_of`. One undo
        step; `focus`: where the cursor was (it goes back there on undo)."""
        new = {"heading": "", "items": [{"lead": "", "text": ""}]}
        with self.history.step("加小节", focus) as step:
            if child_of is not None:
                self.node(child_of, "heading")
                key = self._insert(child_of + ("sections",), None, new)
            elif after is not None:
                key = self._insert(after[:-1], after[-1] + 1, new)
            else:
                key = self._insert(("sections",), None, new)
            step.focus_after = key
        return key

    def add_item(self, section: Key, after: int | None = None, *, focus: Key | None = None) -> Key:
        """A new empty item in `section`, after item number `after` (else last). One undo step."""
        with self.history.step("加要点", focus) as step:
            self.node(section, "heading")
            key = self._insert(section + ("items",), None if after is None else after + 1, {"lead": "", "text": ""})
            step.focus_after = key
        return key

    def _insert(self, list_key: Key, index: int | None, value: Any) -> Key:
        with self._lock:
            items = get_at(self.data, list_key)
            if not isinstance(items, list):
                before = get_at(self.data, list_key, MISSING)
                items = [] if items is None else [items]
                set_at(self.data, list_key, items)
                self.history.note(Change("set", tuple(list_key), copy.deepcopy(before), copy.deepcopy(items)))
            index = len(items) if index is None else max(0, min(index, len(items)))
            items.insert(index, value)
            self.history.note(Change("insert", tuple(list_key) + (index,), after=value))
            return list_key + (index,)

    def remove(self, key: Key) -> None:
        """Remove the value at key (a field, or a section or item of a list). Recorded for undo only
        inside a step: see delete() for the clerk's Delete key."""
        with self._lock:
            parent = get_at(self.data, key[:-1])
            if isinstance(parent, list) and isinstance(key[-1], int) and 0 <= key[-1] < len(parent):
                self.history.note(Change("remove", tuple(key), before=parent[key[-1]]))
            elif isinstance(parent, dict) and key[-1] in parent:
                self.history.note(Change("set", tuple(key), copy.deepcopy(parent[key[-1]]), MISSING))
            delete_at(self.data, key)

    def delete(self, key: Key) -> Key | None:
        """Delete a section or item (one undo step); returns where the cursor belongs now (neighbour)."""
        label = "删除要点" if len(key) >= 2 and key[-2] == "items" else "删除小节"
        with self.history.step(label, key) as step:
            self.remove(key)
            step.focus_after = self.neighbour(key)
        return step.focus_after

    def neighbour(self, key: Key) -> Key | None:
        """Where the cursor goes once the entry at key is gone: the previous sibling, else the parent
        section (None: the body itself). Never the entry that slid into key's place, so a second
        Delete does not take away something the clerk has not looked at."""
        siblings = self.get(key[:-1])
        siblings = siblings if isinstance(siblings, list) else []
        if 0 < key[-1] <= len(siblings):
            return key[:-1] + (key[-1] - 1,)
        parent = key[:-2]
        return parent if len(parent) >= 2 else None

    def move(self, key: Key, delta: int) -> Key:
        """Move a section or item up (-1) or down (+1) among its siblings (one undo step); returns
        its new key."""
        with self.history.step("上移" if delta < 0 else "下移", key) as step, self._lock:
            items = get_at(self.data, key[:-1])
            i, j = key[-1], key[-1] + delta
            if not isinstance(items, list) or not 0 <= j < len(items):
                return key
            items[i], items[j] = items[j], items[i]
            self.history.note(Change("swap", tuple(key), other=j))
            step.focus_after = key[:-1] + (j,)
            return key[:-1] + (j,)
