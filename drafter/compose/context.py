"""What a template sees: the sheet with its facts resolved, defaults filled, numbering done.

Everything here is plain data (plain.py): strings, numbers, booleans, None, lists and read-only
Records; no model object, path or method that touches the file system reaches a template.

Numbering (一、（一）1.（1）, 一是/二是) and the proposer's forms of address are mechanics
computed here; the formulas that use them (title, salutation, opening, closing) live in the
templates, where a clerk can change them.
"""

from __future__ import annotations

import re

from drafter.compose.environment import cn_number, escape_parts, render_text
from drafter.compose.facts import fact_library
from drafter.compose.marks import with_marks
from drafter.compose.markup import MAX_BLOCKS
from drafter.compose.plain import Record, by_identity, plain
from drafter.compose.provenance import sourced
from drafter.errors import InputError
from drafter.model.conventions import KIND_ROLE as ROLE_WORD, KIND_WORD
from drafter.model.fields import date_cn
from drafter.model.sheet import NONE_WORDS, Section
from drafter.sheets.load import Reply



def heading_marker(level: int, n: int) -> str:
    """GB/T 9704 §7.3.3 level markers: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def item_prefix(style: str, n: int, total: int) -> str:
    """一是 / 一方面，另一方面， / 第一，"""
    if style == "一是":
        return f"{cn_number(n)}是"
    if style == "一方面" and total <= 2:
        return "一方面，" if n == 1 else "另一方面，"
    if style == "一方面":  # a third point has no 一方面 form: the whole list counts 第一，第二，第三，
        return f"第{cn_number(n)}，"
    if style == "第一":
        return f"第{cn_number(n)}，"
    return ""


def we_word(org_name: str) -> str:
    """How the unit names itself: 临沂市科学技术局 -> 我局, 卫生健康委员会 -> 我委."""
    for ending, word in (("局", "我局"), ("委员会", "我委"), ("委", "我委"), ("厅", "我厅"), ("办", "我办"),
                         ("镇人民政府", "我镇"), ("乡人民政府", "我乡"), ("人民政府", "我府"), ("院", "我院")):
        if org_name.endswith(ending):
            return word
    return "我单位"


def proposer_record(names: list[str], role: str) -> Record:
    """The proposer(s) as a reply addresses them: names, role, count, is_group, address
    (赵洁委员 / 王亮、李明委员 / 张三等3位委员 / 民革临沂市委会) and pronoun (您 / 你们 / 贵会)."""
    count = len(names)
    is_group = role in ("党派团体", "集体")
    if is_group or not names:
        address = "、".join(names)
    elif count == 1:
        address = f"{names[0]}{role}"
    elif count == 2:
        address = f"{'、'.join(names)}{role}"
    else:
        address = f"{names[0]}等{count}位{role}"
    if is_group:
        name = names[0] if names else ""
        pronoun = next((word for ending, word in (("党组", "贵党组"), ("会", "贵会"), ("委", "贵委"))
                        if name.endswith(ending)), "你们")
    else:
        pronoun = "您" if count <= 1 else "你们"
    return Record({"names": list(names), "role": role, "count": count, "is_group": is_group,
                   "address": address, "pronoun": pronoun})


_plain_profile = by_identity(plain)


def paragraph_count(sections: list[Section]) -> int:
    """Headings, paragraphs and items in sections and below (what becomes a block each)."""
    return sum(1 + len(s.paragraphs) + len(s.items) + len(s.after) + paragraph_count(s.sections) for s in sections)


_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def build_context(reply: Reply, *, lenient: bool = False) -> dict:
    """The template context for reply (plain data only); sheet texts are rendered against the facts here."""
    sheet, profile, located = reply.sheet, reply.profile, reply.located
    # A sheet longer than any reply can be is refused here, by its size, before the work (and the
    # clock) that would otherwise blame the template for it.
    count = paragraph_count(sheet.sections) + len(sheet.opening) + len(sheet.intro)
    if count > MAX_BLOCKS:
        raise InputError(f"答复正文的段落太多（{count:,} 段，上限 {MAX_BLOCKS:,} 段）", located.where(("sections",)),
                         "请检查是否误粘贴了大段内容，或拆成几份答复")
    facts = fact_library(reply.facts)
    env = {"facts": facts}

    def t(value: str, key: tuple, file=None) -> str:
        if "{" not in value:  # most texts cite nothing: skip looking up their position
            return sourced(value, key, value, file)
        try:
            return sourced(render_text(value, env, located.where(key)), key, value, file)
        except InputError:
            if not lenient:
                raise
            return sourced(_EXPRESSION.sub("", value), key, value, file)

    def ts(values: list[str], key: tuple, file=None) -> list[str]:
        return [t(v, key + (i,), file) for i, v in enumerate(values)]

    def section_views(sections: list[Section], level: int, key: tuple) -> list[Record]:
        views, n = [], 0
        for i, s in enumerate(sections):
            k = key + (i,)
            numbered = s.numbered and bool(s.heading)
            n += 1 if numbered else 0
            # an item with neither lead nor text is not printed, and not counted (二是 follows 一是)
            kept = [(j, it) for j, it in enumerate(s.items) if it.lead.strip() or it.text.strip()]
            items = [Record({"prefix": item_prefix(s.item_style, number, len(kept)),
                             "lead": escape_parts(t(it.lead, k + ("items", j, "lead"))),
                             "text": escape_parts(t(it.text, k + ("items", j, "text")))})
                     for number, (j, it) in enumerate(kept, 1)]
            views.append(Record({
                "level": min(level, 4), "marker": heading_marker(min(level, 4), n) if numbered else "",
                "heading": escape_parts(t(s.heading, k + ("heading",))), "paragraphs": ts(s.paragraphs, k + ("paragraphs",)),
                "items": items, "after": ts(s.after, k + ("after",)),
                "sections": section_views(s.sections, level + 1, k + ("sections",))}))
        return views

    role = sheet.proposer_role or ROLE_WORD[sheet.kind]
    proposer = proposer_record(list(sheet.proposers), role)
    present = sheet.present
    contact = sheet.contact if "contact" in present else profile.contact
    if contact is not None and not (contact.name or contact.phone):
        contact = None
    disclosure = sheet.disclosure if "disclosure" in present else profile.disclosure
    cc = sheet.cc if sheet.cc is not None else profile.cc.get(sheet.kind, [])
    closing = sheet.closing if sheet.closing is not None else profile.closing.get(sheet.kind)
    closing_file = None if sheet.closing is not None else profile.path
    signature = None if sheet.signature in NONE_WORDS else (
        sourced(sheet.signature, ("signature",)) if sheet.signature else sourced(profile.signature, ("signature",),
                                                                                  file=profile.path))
    ht = profile.handling_types
    proposal_title_text = t(sheet.proposal_title, ("proposal_title",))
    date = date_cn(sheet.date)
    return with_marks(reply, facts, {
        "we": we_word(profile.name),
        "place_we": f"我{profile.city[-1]}" if profile.city else "",
        "sheet": plain(sheet),
        "profile": _plain_profile(profile),
        "facts": facts,
        "kind": sheet.kind,
        "kind_word": KIND_WORD[sheet.kind],
        # "《关于…的建议》的提案" reads oddly when the title already names a proposal.
        "kind_suffix": "" if proposal_title_text.endswith(("建议", "提案", "议案")) else f"的{KIND_WORD[sheet.kind]}",
        "role_word": ROLE_WORD[sheet.kind],
        "proposer": proposer,
        "is_co": sheet.handling == "协办",
        "proposal_title": proposal_title_text,
        "title": None if sheet.title in NONE_WORDS else t(sheet.title, ("title",)),
        "salutation": None if sheet.salutation in NONE_WORDS else t(sheet.salutation, ("salutation",)),
        "opening": ts(sheet.opening, ("opening",)),
        "intro": ts(sheet.intro, ("intro",)),
        "sections": section_views(sheet.sections, 1, ("sections",)),
        "closing": None if closing is None else ts(closing, ("closing",), closing_file),
        "signature": signature,
        "header_lines": ts(sheet.header_lines, ("header_lines",)),
        "notes": ts(sheet.notes, ("notes",)),
        "date": sourced(date, ("date",), str(sheet.date)) if date else date,
        "handling_type": sourced(sheet.handling_type, ("handling_type",)) if sheet.handling_type else "",
        "handling_type_label": ht.label,
        "handling_type_placement": (sheet.handling_type_placement or ht.placement) if sheet.handling_type else "none",
        "disclosure": None if disclosure in (None, "无") else disclosure,
        "contact": plain(contact),
        "cc": [c for c in cc if c],
        "signer": sourced(sheet.signer, ("signer",)) if sheet.signer else None,
        "wenhao": sourced(sheet.wenhao, ("wenhao",)) if sheet.wenhao else "",
    })
