"""Undo and redo for the edits a clerk makes in one go (add, move, delete, a quick fix).

Each step keeps the few changes it made (an insertion, a removal, a swap, a value replaced), not a
copy of the whole sheet: undoing a deletion puts the removed part back where it was and leaves the
text typed since elsewhere alone. Steps are undone newest first, so every recorded list index is
still right when its step is undone. Typing is not recorded here (text boxes have their own undo).

Core module: no Textual.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from drafter.workspace.datapath import Key, delete_at, get_at, set_at

LIMIT = 200  # steps kept; the oldest go first


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # "there was no value at this key"


@dataclass(frozen=True)
class Change:
    """One change to the data. kind: "set" (before/after: copies of the value at key, MISSING for
    none), "insert" (after: the entry inserted at list index key[-1]), "remove" (before: the entry
    removed from list index key[-1]), "swap" (the list entries at key[-1] and `other` traded places).
    Inserted and removed entries are the objects themselves, so they keep their identity."""

    kind: str
    key: Key
    before: Any = MISSING
    after: Any = MISSING
    other: int | None = None


@dataclass
class Step:
    """What the clerk did, in their words (label, e.g. "删除要点"), where the cursor belongs after
    undoing (`focus`) or redoing it (`focus_after`), and its changes in the order they were made."""

    label: str
    focus: Key | None = None
    focus_after: Key | None = None
    changes: list[Change] = field(default_factory=list)


def _place(data: Any, key: Key, value: Any) -> None:
    if value is MISSING:
        delete_at(data, key)
    else:
        set_at(data, key, copy.deepcopy(value))


def _forward(data: Any, change: Change) -> None:
    if change.kind == "set":
        _place(data, change.key, change.after)
    elif change.kind == "insert":
        get_at(data, change.key[:-1]).insert(change.key[-1], change.after)
    elif change.kind == "remove":
        del get_at(data, change.key[:-1])[change.key[-1]]
    elif change.kind == "swap":
        items, i, j = get_at(data, change.key[:-1]), change.key[-1], change.other
        items[i], items[j] = items[j], items[i]


def _backward(data: Any, change: Change) -> None:
    if change.kind == "set":
        _place(data, change.key, change.before)
    elif change.kind == "insert":
        del get_at(data, change.key[:-1])[change.key[-1]]
    elif change.kind == "remove":
        # The very entry that was removed (not a copy): it is still the file's entry for saving, and
        # what was typed into it before a redo removed it again comes back with it.
        get_at(data, change.key[:-1]).insert(change.key[-1], change.before)
    elif change.kind == "swap":
        _forward(data, change)


class UndoHistory:
    """The undo and redo stacks of one editing session.

    `data` returns the live data the changes apply to; `lock` (a context manager) guards it, as the
    session's worker threads take snapshots. Mutators record their changes with `note()` while a
    `step()` is open; outside a step nothing is recorded (typing)."""

    def __init__(self, data: Callable[[], Any], lock, limit: int = LIMIT):
        self._data = data
        self._lock = lock
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._open: Step | None = None

    # ---- recording -----------------------------------------------------------------------
    @contextmanager
    def step(self, label: str, focus: Key | None = None) -> Iterator[Step]:
        """Group the changes made inside the block into one undoable step. Nested steps join the
        outer one. A step that changed nothing is not kept. Set `focus_after` on the yielded step to
        say where the cursor belongs once it is done (or redone)."""
        if self._open is not None:
            yield self._open
            return
        self._open = Step(label, focus)
        try:
            yield self._open
        finally:
            done, self._open = self._open, None
            if done.changes:
                self._undo.append(done)
                del self._undo[: -self.limit]
                self._redo.clear()

    def note(self, change: Change) -> None:
        """Record a change just made (ignored outside a step)."""
        if self._open is not None:
            self._open.changes.append(change)

    @property
    def recording(self) -> bool:
        return self._open is not None

    # ---- undoing -------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def peek(self) -> Step | None:
        """The step Ctrl+Z would undo, without undoing it."""
        return self._undo[-1] if self._undo else None

    def undo(self) -> Step | None:
        """Undo the newest step; returns it (label, focus) or None when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo.pop()
        with self._lock:
            data = self._data()
            for change in reversed(step.changes):
                _backward(data, change)
        self._redo.append(step)
        return step

    def redo(self) -> Step | None:
        """Do the last undone step again; None when there is nothing to redo."""
        if not self._redo:
            return None
        step = self._redo.pop()
        with self._lock:
            data = self._data()
            for change in step.changes:
                _forward(data, change)
        self._undo.append(step)
        return step

    def clear(self) -> None:
        """Forget every step (the data was replaced from disk: the recorded places no longer hold)."""
        self._undo.clear()
        self._redo.clear()
