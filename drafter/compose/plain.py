"""Plain data for templates: what a template or a sheet text may see.

Templates and sheet texts arrive through `git pull`, so the values they see must not carry methods
that reach the file system, processes or the network (a `pathlib.Path` would let
`{{ profile.path.parent.joinpath("/etc/hostname").read_text() }}` print any file). Everything handed
to Jinja is converted here, by an allowlist: str, int, float, bool, None, lists, and `Record`, a
read-only mapping that holds only those. Anything else raises TypeError, so a new model field of an
unexpected type is caught by the tests instead of leaking into templates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import weakref
from collections.abc import Mapping
from functools import lru_cache

SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(SCALARS)

# Model fields that are bookkeeping, not reply content: the file a sheet came from, which keys it set.
HIDDEN_FIELDS = frozenset({"path", "present"})


class Record(Mapping):
    """A read-only mapping of plain values. Templates read it as `record.key` or `record["key"]`;
    the environment looks keys up before attributes, so a key called `items` is the data, not
    the Mapping method. `text` is what `{{ record }}` prints (a fact prints as value+unit)."""

    __slots__ = ("_data", "_text")

    def __init__(self, data: dict, text: str | None = None):
        self._data = data
        self._text = text

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key) -> bool:
        return key in self._data

    def __str__(self) -> str:
        return self._text if self._text is not None else str(self._data)

    def __repr__(self) -> str:
        return f"Record({self._data!r})"

    def __eq__(self, other) -> bool:
        if isinstance(other, Record):
            return self._data == other._data and self._text == other._text
        return NotImplemented

    __hash__ = None


class FactLibrary(Record):
    """`facts` in templates and sheet texts (its own type so that an unknown name reads as an
    undefined fact in error messages, not as a missing field)."""

    __slots__ = ()


def plain(value):
    """value as plain template data (dates become ISO strings, dataclasses and dicts Records)."""
    kind = type(value)
    if kind in _SCALAR_TYPES or isinstance(value, SCALARS):
        return value
    if kind is list or kind is tuple:
        return [plain(v) for v in value]
    if isinstance(value, Record):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return Record({str(k): plain(v) for k, v in value.items()})
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return Record({name: plain(getattr(value, name)) for name in _shown_fields(kind)})
    raise TypeError(f"{kind.__name__} is not plain template data")


@lru_cache(maxsize=None)
def _shown_fields(cls) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in HIDDEN_FIELDS)


def by_identity(convert):
    """convert(obj), remembered for the last few objects by identity. For model objects that are
    never changed after loading (the Loader hands out the same Profile and Facts for unchanged
    files), so that a TUI keystroke does not convert them again."""
    cache: dict[int, tuple] = {}

    def cached(obj):
        hit = cache.get(id(obj))
        if hit is not None and hit[0]() is obj:
            return hit[1]
        value = convert(obj)
        if len(cache) >= 16:
            cache.pop(next(iter(cache)), None)
        cache[id(obj)] = (weakref.ref(obj), value)
        return value

    cached.__doc__ = convert.__doc__
    return cached

