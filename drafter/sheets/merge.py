"""Three-way merge of a YAML file, field by field: the clerk's edits carried onto the file as it is now.

* base   — the data the clerk started from (the file when it was opened or last saved, or a draft's base);
* mine   — the clerk's data now;
* theirs — the data on disk now (after a ``git pull``, or another editor's save).

Only what differs between base and mine is carried onto theirs; everything else stays as theirs has
it. Mappings merge key by key. Lists pair their items by content (:func:`drafter.sheets.edit.pair_items`)
and merge item by item; a new item goes after the item it followed. A list of plain values (names,
paragraphs, 抄送) is one field: a clash anywhere in it is one conflict for the whole list.

A value changed on both sides to different values — or changed on one side and deleted on the other,
or new items put at the same place on both sides — is a :class:`Conflict`. It is reported with both
values and decided only by an explicit choice (``"mine"``, ``"theirs"`` or ``"both"``); until then the
merged data holds theirs there, so nothing from disk is lost while the clerk decides.

:func:`merge_text` writes the result with the minimal-diff editor onto the text on disk, so every line
the clerk did not change stays byte for byte as the disk has it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from drafter.sheets.edit import apply_changes, pair_items, rename_keys
from drafter.sheets.yamlio import load_yaml

MINE, THEIRS, BOTH = "mine", "theirs", "both"
CHOICES = (MINE, THEIRS, BOTH)


class _Marker:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


MISSING: Any = _Marker("MISSING")  # a key that is absent, a list item that was deleted
UNKNOWN: Any = _Marker("UNKNOWN")  # a base nobody kept (a draft from before bases were saved): equals nothing


@dataclass(frozen=True)
class Conflict:
    """One field changed on both sides. `id` is stable between merges of the same three versions (give
    it back in `choices`); `path` is where the value sits in the merged data. MISSING marks a side that
    deleted the value. For new items put at the same place on both sides, mine and theirs are the lists
    of items each side put there."""

    id: tuple
    path: tuple
    base: Any
    mine: Any
    theirs: Any
    insertion: bool = False


@dataclass
class Merged:
    data: Any
    conflicts: list[Conflict] = field(default_factory=list)  # those no choice decided


def both_values(mine: Any, theirs: Any) -> Any:
    """Both sides' values kept, mine first (the "show both" choice): texts joined by a line break,
    lists joined without repeats, mappings merged key by key."""
    if mine is MISSING or mine is None:
        return theirs
    if theirs is MISSING or theirs is None or theirs == mine:
        return mine
    if isinstance(mine, str) and isinstance(theirs, str):
        return mine.rstrip("\n") + "\n" + theirs
    if isinstance(mine, dict) and isinstance(theirs, dict):
        out = dict(mine)
        for key, value in theirs.items():
            out[key] = both_values(out[key], value) if key in out else value
        return out
    mine_list = mine if isinstance(mine, list) else [mine]
    theirs_list = theirs if isinstance(theirs, list) else [theirs]
    return mine_list + [v for v in theirs_list if v not in mine_list]


class _Merger:
    def __init__(self, choices: Mapping[tuple, str], renamed: set[tuple], both: Callable[[tuple, Any, Any], Any]):
        self.choices = choices
        self.renamed = {path[:i] for path in renamed for i in range(len(path) + 1)}  # and what holds them
        self.both = both
        self.conflicts: list[Conflict] = []

    def value(self, b: Any, m: Any, t: Any, bpath: tuple, opath: tuple) -> Any:
        if m == b and bpath not in self.renamed:
            return t
        if t == b or m == t:
            return m
        if isinstance(m, dict) and isinstance(t, dict):
            return self.mapping(b if isinstance(b, dict) or b is UNKNOWN else {}, m, t, bpath, opath)
        if isinstance(m, list) and isinstance(t, list):
            return self.sequence(b if isinstance(b, list) or b is UNKNOWN else [], m, t, bpath, opath)
        return self.conflict(Conflict(bpath, opath, b, m, t))

    def conflict(self, c: Conflict) -> Any:
        choice = self.choices.get(c.id)
        if choice == MINE:
            return c.mine
        if choice == THEIRS:
            return c.theirs
        if choice == BOTH:
            return self.both(c.path, c.mine, c.theirs)
        self.conflicts.append(c)
        return c.theirs

    def mapping(self, b: Any, m: dict, t: dict, bpath: tuple, opath: tuple) -> dict:
        out = {}
        for key in _key_order(m, t):
            bv = UNKNOWN if b is UNKNOWN else b.get(key, MISSING)
            v = self.value(bv, m.get(key, MISSING), t.get(key, MISSING), bpath + (key,), opath + (key,))
            if v is not MISSING:
                out[key] = v
        return out

    def sequence(self, b: Any, m: list, t: list, bpath: tuple, opath: tuple) -> Any:
        base = [] if b is UNKNOWN else b
        if any(isinstance(v, (dict, list)) for v in base + m + t):
            return self.items(base, m, t, bpath, opath)
        inner = _Merger({}, set(), self.both)  # a list of plain values is one field
        merged = inner.items(base, m, t, bpath, opath)
        return self.conflict(Conflict(bpath, opath, b, m, t)) if inner.conflicts else merged

    def items(self, b: list, m: list, t: list, bpath: tuple, opath: tuple) -> list:
        in_m = {old: new for new, old in pair_items(b, m).items()}
        in_t = {old: new for new, old in pair_items(b, t).items()}
        new_m, new_t = _insertions(in_m, m), _insertions(in_t, t)
        out: list = []

        def gap(after: int) -> None:
            mine, theirs = new_m.get(after, []), new_t.get(after, [])
            if mine == theirs or not theirs:
                out.extend(mine)
            elif not mine:
                out.extend(theirs)
            else:
                out.extend(self.conflict(Conflict(bpath + (("new after", after),), opath + (len(out),),
                                                  MISSING, mine, theirs, insertion=True)))

        gap(-1)
        for i, bv in enumerate(b):
            mv = m[in_m[i]] if i in in_m else MISSING
            tv = t[in_t[i]] if i in in_t else MISSING
            v = self.value(bv, mv, tv, bpath + (i,), opath + (len(out),))
            if v is not MISSING:
                out.append(v)
            gap(i)
        return out


def _key_order(m: dict, t: dict) -> list:
    """Theirs' keys in their order; a key only mine has goes after the key it follows in mine."""
    order = list(t)
    for i, key in enumerate(m):
        if key in t:
            continue
        before = next((k for k in reversed(list(m)[:i]) if k in order), None)
        order.insert(0 if before is None else order.index(before) + 1, key)
    return order


def _insertions(pairs: dict[int, int], new: list) -> dict[int, list]:
    """The items of `new` paired with no base item, grouped by the base item they follow (-1: first)."""
    after, out = -1, {}
    back = {v: k for k, v in pairs.items()}
    for j, item in enumerate(new):
        if j in back:
            after = back[j]
        else:
            out.setdefault(after, []).append(item)
    return out


def merge_data(base: Any, mine: Any, theirs: Any, choices: Mapping[tuple, str] | None = None, *,
               renamed: Iterable[tuple] = (), both: Callable[[tuple, Any, Any], Any] | None = None) -> Merged:
    """Merge mine's changes (against base) into theirs. `choices` decides conflicts by id; `renamed`
    lists paths (in mine) of mapping keys the clerk renamed, which count as changed even when the value
    is not; `both(path, mine, theirs)` makes the "both" value (default :func:`both_values`)."""
    merger = _Merger(choices or {}, {tuple(p) for p in renamed}, both or (lambda _p, m, t: both_values(m, t)))
    data = merger.value(base, mine, theirs, (), ())
    return Merged(None if data is MISSING else data, merger.conflicts)


@dataclass
class TextMerge:
    data: Any
    conflicts: list[Conflict]
    text: str | None  # the merged file, when no conflict is left undecided
    theirs_text: str  # the text the result was written onto (theirs, with the clerk's key renames)


def _renamed_paths(renames: Iterable[tuple[tuple, str]]) -> set[tuple]:
    out: set[tuple] = set()
    for key, new in renames:
        out.discard(tuple(key))
        out.add(tuple(key)[:-1] + (new,))
    return out


def merge_text(base_text: str | None, mine: Any, theirs_text: str, *, choices: Mapping[tuple, str] | None = None,
               renames: Iterable[tuple[tuple, str]] = (), path: Path | None = None,
               both: Callable[[tuple, Any, Any], Any] | None = None) -> TextMerge:
    """Merge the clerk's data `mine` (edited from `base_text`, with key `renames`) into the file text
    `theirs_text`. base_text None: the base is unknown, so every field where mine and theirs differ is a
    conflict. Raises InputError when a text is not readable YAML."""
    renames = list(renames)
    theirs_text = rename_keys(theirs_text, renames, path)
    base = UNKNOWN if base_text is None else load_yaml(rename_keys(base_text, renames, path), path).data
    theirs = load_yaml(theirs_text, path).data
    merged = merge_data(base, mine, theirs, choices, renamed=_renamed_paths(renames), both=both)
    text = None if merged.conflicts else apply_changes(theirs_text, merged.data, path)
    return TextMerge(merged.data, merged.conflicts, text, theirs_text)
