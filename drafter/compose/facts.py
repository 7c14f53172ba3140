"""The facts library as templates and sheet texts see it: `facts.名称` prints as value+unit (or the
passage's text); `.value`, `.unit`, `.as_of`, `.source`… read its fields. Plain data only.

A fact may cite other facts (`text: 全市共有{{ facts.高企数 }}……`): the cited facts are rendered
first and the citing one is rendered against them, so no `{{ }}` markup reaches a reply. A cycle
(甲 cites 乙 cites 甲) is an InputError naming the cycle and the facts file line.
"""

from __future__ import annotations

from functools import lru_cache

from drafter.compose.budget import budget_scope
from drafter.compose.citations import ALL_FACTS, facts_in_ast
from drafter.compose.plain import FactLibrary, Record, by_identity
from drafter.errors import InputError, Where
from drafter.model.facts import Fact, Facts

_TEXT_FIELDS = ("value", "unit", "text")


def fact_record(fact: Fact, texts: dict[str, str] | None = None) -> Record:
    """One fact as a template sees it; texts: its value, unit and text as rendered (default: as written)."""
    t = texts or {k: getattr(fact, k) for k in _TEXT_FIELDS}
    printed = t["text"] if fact.is_passage else f"{t['value']}{t['unit']}"
    return Record({
        "name": fact.name,
        "value": t["value"],
        "unit": t["unit"],
        "text": t["text"],
        "as_of": fact.as_of.isoformat() if fact.as_of else None,
        "source": fact.source,
        "note": fact.note,
        "is_passage": fact.is_passage,
    }, printed)


@lru_cache(maxsize=1024)
def _parsed_citations(text: str) -> frozenset[str]:
    from drafter.compose.environment import text_env

    out: set[str] = set()
    facts_in_ast(text_env().parse(text), out)
    return frozenset(out)


def cited_in(text: str) -> frozenset[str]:
    """The facts a text cites (ALL_FACTS for a use of `facts` that names none); a text that does
    not parse (a syntax slip, or past the budget: parsing is clocked) cites nothing here, and
    rendering it reports the error."""
    if "{" not in text:
        return frozenset()
    from drafter.compose.environment import RENDER_ERRORS

    try:
        return _parsed_citations(text)
    except RENDER_ERRORS:
        return frozenset()


def fact_citations(facts: Facts) -> dict[str, frozenset[str]]:
    """name -> the facts of the library its value, unit or text cite (directly); reading all the
    texts of a library shares one budget (the reply's, when it is being composed)."""
    names = frozenset(facts.items)
    out = {}
    with budget_scope():
        for name, fact in facts.items.items():
            cited = frozenset().union(*(cited_in(getattr(fact, k)) for k in _TEXT_FIELDS))
            out[name] = names if ALL_FACTS in cited else cited & names
    return out


def _where(facts: Facts, name: str, field: str) -> Where:
    """The facts file position of a fact's field (the file is read again: this is the error path)."""
    from drafter.sheets.load import read_located

    try:
        located = read_located(facts.path)
    except InputError:
        return Where(facts.path, None, None, f"{name}.{field}")
    group = "passages" if ("passages", name) in located.spans else "figures"
    return located.where((group, name, field))


@by_identity
def fact_library(facts: Facts) -> FactLibrary:
    """`facts` for templates and sheet texts, with facts that cite facts rendered."""
    from drafter.compose.environment import render_text

    citations = fact_citations(facts)
    done: dict[str, Record] = {}

    def resolve(name: str, chain: list[str]) -> None:
        if name in done:
            return
        if name in chain:
            cycle = chain[chain.index(name):] + [name]
            raise InputError(f"事实互相引用，形成循环：{' → '.join(cycle)}", _where(facts, cycle[0], "text"),
                             "请把其中一条改为直接写出的数值或文字")
        fact = facts.items[name]
        for cited in sorted(citations[name]):
            resolve(cited, chain + [name])
        texts = None
        if any("{" in getattr(fact, k) for k in _TEXT_FIELDS):
            library = {"facts": FactLibrary(dict(done))}
            texts = {}
            for k in _TEXT_FIELDS:
                try:
                    texts[k] = render_text(getattr(fact, k), library, Where(facts.path))
                except InputError as exc:
                    raise InputError(exc.message, _where(facts, name, k), exc.hint) from None
        done[name] = fact_record(fact, texts)

    try:
        for name in facts.items:
            resolve(name, [])
    except RecursionError:
        raise InputError("事实之间层层引用，层次过深", Where(facts.path)) from None
    return FactLibrary({name: done[name] for name in facts.items})
