"""The facts library as templates and sheet texts see it: `facts.名称` prints as value+unit (or the
passage's text); `.value`, `.unit`, `.as_of`, `.source`… read its fields. Plain data only."""

from __future__ import annotations

from drafter.compose.plain import FactLibrary, Record, by_identity
from drafter.model.facts import Fact, Facts


def fact_record(fact: Fact, printed: str | None = None) -> Record:
    """One fact as a template sees it."""
    return Record({
        "name": fact.name,
        "value": fact.value,
        "unit": fact.unit,
        "text": fact.text,
        "as_of": fact.as_of.isoformat() if fact.as_of else None,
        "source": fact.source,
        "note": fact.note,
        "is_passage": fact.is_passage,
    }, str(fact) if printed is None else printed)


@by_identity
def fact_library(facts: Facts) -> FactLibrary:
    """`facts` for templates and sheet texts."""
    return FactLibrary({name: fact_record(fact) for name, fact in facts.items.items()})
