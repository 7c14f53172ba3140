"""The rule families. Each module has `check(doc)`, which emits raw findings on the Document."""

from drafter.checker.rules import deadline, dedide, doubled, facts, formal, handling, numbering, punctuation, wording

ALL_RULES = [numbering.check, doubled.check, punctuation.check, formal.check, handling.check, facts.check,
             dedide.check, wording.check, deadline.check]
