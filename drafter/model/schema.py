"""Which schema Field describes a key of a sheet, a profile or a facts library.

Every form, error message and problem location takes a field's words from here, so they agree.
"""

from __future__ import annotations

from drafter.model.facts import FACTS_FIELDS, FIGURE_FIELDS, PASSAGE_FIELDS
from drafter.model.fields import Field
from drafter.model.profile import CONTACT_FIELDS, FONT_FIELDS, HANDLING_FIELDS, PROFILE_FIELDS
from drafter.model.sheet import ITEM_FIELDS, SECTION_FIELDS, SHEET_FIELDS

# the fields of a mapping nested under a named field, per kind of file
_NESTED = {
    "sheet": {"contact": CONTACT_FIELDS, "sections": SECTION_FIELDS, "items": ITEM_FIELDS},
    "profile": {"contact": CONTACT_FIELDS, "fonts": FONT_FIELDS, "handling_types": HANDLING_FIELDS},
    "facts": {"figures": FIGURE_FIELDS, "passages": PASSAGE_FIELDS},
}
_TOP = {"sheet": SHEET_FIELDS, "profile": PROFILE_FIELDS, "facts": FACTS_FIELDS}


def field_at(key: tuple, form: str = "sheet") -> Field | None:
    """The Field for the value at key ("sections", 0, "items", 1, "lead") → 要点句; a list index
    at the end gives its list's field; None for a key the schema does not know."""
    fields = _TOP[form]
    nested = _NESTED[form]
    found: Field | None = None
    parent: str | None = None
    for i, part in enumerate(key):
        if isinstance(part, int) or (form == "facts" and i == 1 and parent in ("figures", "passages")):
            if parent in nested and parent in ("sections", "items", "figures", "passages"):
                fields = nested[parent]
            continue
        if fields is None or part not in fields:
            return None
        found = fields[part]
        parent = part
        fields = nested.get(part) if part in ("contact", "fonts", "handling_types") else None
        if part in ("sections", "items", "figures", "passages"):
            fields = None  # an index (or a fact's name) comes next
    return found


def field_table(form: str = "sheet") -> str:
    """The README's table of a file's fields (YAML key, label, what to write), from the schema.
    Regenerate with `python -m drafter.model.schema`."""
    rows = ["| 字段 | 名称 | 说明 |", "|---|---|---|"]

    def add(fields: dict[str, Field], prefix: str, nest: bool = True) -> None:
        for name, spec in fields.items():
            required = "必填；" if spec.required else ""
            rows.append(f"| `{prefix}{name}` | {spec.label} | {required}{spec.hint or spec.placeholder} |")
            if not nest:
                continue
            if form == "sheet" and name == "sections":
                add(SECTION_FIELDS, "sections[].", False)
                add(ITEM_FIELDS, "sections[].items[].", False)
            elif name in _NESTED[form]:
                add(_NESTED[form][name], f"{prefix}{name}.", False)

    add(_TOP[form], "")
    return "\n".join(rows)


if __name__ == "__main__":
    print(field_table())
