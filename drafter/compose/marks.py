"""The marks a sheet prints in its own wording or place (model.forms): rendered lines per place.

A mark listed in `forms` (the sheet's, over the profile's) is printed from here, at its place, in
the order the forms list them; the template's own wording for it is switched off in the context.
Marks not listed print as the template says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.compose.environment import render_text
from drafter.compose.provenance import sourced
from drafter.errors import Where
from drafter.model.forms import ALLOWED, DISCLOSURE_WORDS, Form

_DEFAULT_TEXT = {
    "signer": "签发人：{{ name }}",
    "disclosure": "（此件{{ word }}）",
    "contact": "（联系人：{{ name }}，联系电话：{{ phone }}）",
}


@dataclass
class Marks:
    """Rendered lines per place, the 署名 lines, and which marks the template must not print."""

    places: dict[str, list[str]] = field(default_factory=lambda: {p: [] for p in ALLOWED["handling_type"]})
    signature: list[str] = field(default_factory=list)
    formed: frozenset = frozenset()

    def as_context(self) -> dict:
        return {**self.places, "signature": self.signature}


def effective_forms(reply) -> dict[str, tuple[Form, Where | None, tuple]]:
    """The profile's forms with the sheet's over them: name -> (form, where it is written, key)."""
    out: dict[str, tuple[Form, Where | None, tuple]] = {}
    profile = reply.profile
    for name, form in profile.forms.items():
        out[name] = (form, Where(profile.path, None, None, f"forms.{name}"), ())
    for name, form in reply.sheet.forms.items():
        out.pop(name, None)
        out[name] = (form, None, ("forms", name))
    return out


def compute(reply, facts, values: dict) -> Marks:
    """Marks for reply; values holds what the context resolved (contact, disclosure, signature,
    notes, handling type and its label and placement), so defaults agree with the template."""
    marks = Marks()
    formed = set()
    for name, (form, where, key) in effective_forms(reply).items():
        lines = _lines(name, form, reply, facts, values, where, key)
        if lines is None:
            continue  # nothing to print (no value), the template has nothing to print either
        formed.add(name)
        if name == "signature":
            marks.signature = lines
            continue
        at = form.at or _usual_place(name, values)
        if at is not None:
            marks.places[at] += lines
    marks.formed = frozenset(formed)
    return marks


def _usual_place(name: str, values: dict) -> str | None:
    if name == "handling_type":
        placement = values["handling_type_placement"]
        return None if placement == "none" else placement
    return ALLOWED[name][0]


def _variables(name: str, reply, values: dict) -> dict | None:
    sheet = reply.sheet
    if name == "handling_type":
        return {"value": sheet.handling_type} if sheet.handling_type else None
    if name == "signer":
        return {"name": sheet.signer} if sheet.signer else None
    if name == "disclosure":
        value = values["disclosure"]
        if not value:
            return None
        word, yes, public = DISCLOSURE_WORDS[value]
        return {"value": value, "word": word, "yes": yes, "public": public}
    if name == "contact":
        contact = values["contact"]  # the context's plain record of the contact, or None
        return None if contact is None else {k: contact.get(k) or "" for k in ("name", "phone", "unit")}
    if name == "signature":
        return None if values["signature"] is None else {"name": values["signature"]}
    return {} if values["notes"] else None


def _lines(name: str, form: Form, reply, facts, values: dict, where: Where | None, key: tuple) -> list[str] | None:
    variables = _variables(name, reply, values)
    if variables is None:
        return None
    if name == "notes":
        return list(values["notes"])
    context = {"facts": facts, **variables}
    here = where or reply.located.where(key)
    if not form.text:  # the template's wording: it stands for the mark's own field
        text = _default_text(name, form, values)
        return [sourced(render_text(text, context, here).strip(), (name,), text)]
    file = None if where is None else reply.profile.path
    return [sourced(render_text(text, context, here).strip(), ("forms", name, "text", i), text, file)
            for i, text in enumerate(form.text)]


def _default_text(name: str, form: Form, values: dict) -> str:
    if name == "handling_type":
        if (form.at or values["handling_type_placement"]) == "after_wenhao":
            return "（{{ value }}类）"
        return values["handling_type_label"] + "：{{ value }}"
    if name == "signature":
        return "{{ name }}"
    return _DEFAULT_TEXT[name]


def with_marks(reply, facts, values: dict) -> dict:
    """The template context with `marks` (lines per place, 署名 lines) added and the formed marks'
    own entries switched off, so the template prints each mark once."""
    marks = compute(reply, facts, values)
    out = dict(values)
    out["marks"] = marks.as_context()
    if "handling_type" in marks.formed:
        out["handling_type_placement"] = "none"
    if "disclosure" in marks.formed:
        out["disclosure"] = None
    if "contact" in marks.formed:
        out["contact"] = None
    if "signer" in marks.formed:
        out["signer"] = None
    if "notes" in marks.formed:
        out["notes"] = []
    if "signature" in marks.formed:
        out["signature"] = None
    return out

