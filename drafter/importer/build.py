"""From a recognised letter to sheet data that renders back to the letter's text.

Each line of the letter goes to exactly one place of the sheet, in the order the template prints
them (_base.j2: header lines, 签发人, 文号, title, salutation, opening, intro, sections, closing,
signature, date, notes, 附注, 联系人, 抄送). What the template would print differently from the
letter (a class mark labelled 类别, a 联系人 line without parentheses, a date with leading zeros)
is kept verbatim in header_lines, notes or a paragraph, and said so in a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.importer import marks as M
from drafter.importer import patterns as P
from drafter.importer.locate import has_stock_opening
from drafter.importer.recognise import Elem, Letter, Recognised, is_date_line, is_note_line, is_org_line
from drafter.model import conventions as C
from drafter.model.forms import ALLOWED as FORM_PLACES
from drafter.model.profile import Profile
from drafter.model.sheet import ROLES

LEVEL_OF = {"cn": 1, "pcn": 2, "ar": 3, "par": 4}
ROLE_OF_KIND = {"政协提案": "委员", "人大建议": "代表"}
PLACEHOLDER = "（未识别，请填写）"


@dataclass
class Built:
    """Sheet data (keys in SHEET_FIELDS order), comments per top-level key, and warnings."""

    data: dict
    comments: dict[str, str] = field(default_factory=dict)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)


def jinja_safe(text: str) -> str:
    """Sheet texts are Jinja templates: keep {{ {% {# literal."""
    text = text.strip()
    if re.search(r"\{[{%#]", text):
        return "{% raw %}" + text.replace("{% endraw %}", "{% endraw %}{{ '{% endraw %}' }}{% raw %}") + "{% endraw %}"
    return text


def _t(line) -> str:
    return jinja_safe(line.text if hasattr(line, "text") else line)


# ---- body -----------------------------------------------------------------------------------------

@dataclass
class _Node:
    elem: Elem | None
    level: int
    content: list[Elem] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)


def _tree(body: list[Elem]) -> _Node:
    order: list[str] = []
    for e in body:
        if e.kind == "heading" and e.own_line and e.htype not in order:
            order.append(e.htype)
    root = _Node(None, 0)
    stack = [root]
    for e in body:
        if e.kind == "heading" and e.own_line:
            depth = order.index(e.htype) + 1
            while len(stack) > 1 and stack[-1].level >= depth:
                stack.pop()
            node = _Node(e, len(stack))
            stack[-1].children.append(node)
            stack.append(node)
        else:
            stack[-1].content.append(e)
    return root


def _numbered(children: list[_Node]) -> bool:
    """Whether the template's automatic markers reproduce these sibling headings exactly."""
    if not children:
        return False
    types = {c.elem.htype for c in children}
    if len(types) != 1:
        return False
    t = types.pop()
    if t not in LEVEL_OF or LEVEL_OF[t] != children[0].level:
        return False
    if t == "cn" and any(P.H_CN.match(P.key(c.elem.text))["sep"] != "、" for c in children):
        return False
    return all(c.elem.n == i for i, c in enumerate(children, 1)) and all(c.elem.rest for c in children)


def _item_runs(elems: list[Elem]) -> list[tuple[str, list[Elem]] | Elem]:
    """Group consecutive items numbered 1, 2, 3… of one style; other elements stay single."""
    out: list = []
    for e in elems:
        last = out[-1] if out and isinstance(out[-1], tuple) else None
        if e.kind == "item":
            if last and last[0] == e.style and e.n == len(last[1]) + 1 and (e.style != "一方面" or e.n <= 2):
                last[1].append(e)
                continue
            if e.n == 1:
                out.append((e.style, [e]))
                continue
        out.append(e)
    return out


def _item(e: Elem) -> dict:
    return {"lead": jinja_safe(e.lead), "text": jinja_safe(e.rest)} if e.lead else {"text": jinja_safe(e.rest)}


def _fill(content: list[Elem], has_children: bool) -> tuple[dict, list[dict]]:
    """A section's own paragraphs, items and after-paragraphs; leftovers as headless sections."""
    runs = _item_runs(content)
    own: dict = {}
    extra: list[dict] = []
    i = 0
    paras = []
    while i < len(runs) and not isinstance(runs[i], tuple):
        paras.append(_t(runs[i].line))
        i += 1
    if paras:
        own["paragraphs"] = paras
    if i < len(runs):
        style, items = runs[i]
        own["items"] = [_item(e) for e in items]
        if style != "一是":
            own["item_style"] = style
        i += 1
        rest = runs[i:]
        if rest and not has_children and all(not isinstance(r, tuple) for r in rest):
            own["after"] = [_t(r.line) for r in rest]
        elif rest:
            flat = [e for r in rest for e in (r[1] if isinstance(r, tuple) else [r])]
            sub, more = _fill(flat, False)
            extra = [sub] + more
    return own, extra


def _sections(node: _Node) -> list[dict]:
    """Section dicts for node's children. Children whose markers belong to a deeper level than
    their place (（一） with no 一、 above, 1. right under 一、) go under headless sections, so that
    the template numbers them at their own level."""
    kids = node.children
    gap = LEVEL_OF.get(kids[0].elem.htype, 0) - kids[0].level if kids else 0
    if gap > 0:
        _shift(kids, gap)
        if _numbered(kids):
            out = _section_dicts(kids)
            for _ in range(gap):
                out = [{"sections": out}]
            return out
        _shift(kids, -gap)
    return _section_dicts(kids)


def _section_dicts(kids: list[_Node]) -> list[dict]:
    numbered = _numbered(kids)
    out = []
    for child in kids:
        sec: dict = {"heading": jinja_safe(child.elem.rest if numbered else child.elem.text)}
        if not numbered:
            sec["numbered"] = "否"
        own, extra = _fill(child.content, bool(child.children))
        sec.update(own)
        subs = extra + _sections(child)
        if subs:
            sec["sections"] = subs
        # template order: heading, paragraphs, items, sections, after
        out.append({k: sec[k] for k in ("heading", "numbered", "paragraphs", "item_style", "items", "sections",
                                        "after") if k in sec})
    return out


def _shift(nodes: list[_Node], by: int) -> None:
    for node in nodes:
        node.level += by
        _shift(node.children, by)


def body_fields(body: list[Elem]) -> tuple[list[str], list[dict]]:
    """intro paragraphs and sections for the body."""
    root = _tree(body)
    own, extra = _fill(root.content, bool(root.children))
    intro = own.pop("paragraphs", [])
    return intro, ([own] if own else []) + extra + _sections(root)


# ---- marks: class, 签发人, 公开属性, contact, 署名 in the letter's own wording and place ----------

class _Forms:
    """The marks read from the letter: their values (for the sheet's own fields) and their
    forms (sheet `forms`), in reading order, which is the print order of marks sharing a place."""

    def __init__(self):
        self.values: dict[str, object] = {}
        self.forms: dict[str, dict] = {}

    def take(self, mark: M.Mark, at: str | None) -> bool:
        """Record mark printed at `at`; False when a mark of its kind was read already."""
        if mark.name in self.values:
            return False
        self.values[mark.name] = mark.value
        form: dict = {"text": list(mark.text) if len(mark.text) > 1 else mark.text[0]}  # readers refuse {{ in letters
        if at is not None and (mark.name == "handling_type" or at != FORM_PLACES[mark.name][0]):
            form["at"] = at
        self.forms[mark.name] = form if "at" in form else form["text"]
        return True

    def notes_at(self, at: str) -> None:
        self.forms["notes"] = {"at": at}


def read_mark(lines: list, i: int) -> tuple[M.Mark | None, int]:
    """The mark starting at lines[i] and how many lines it takes (a contact block may take several)."""
    text = lines[i].text
    if M.is_contact_line(text):
        n = 1
        while i + n < len(lines) and M.is_contact_line(lines[i + n].text):
            n += 1
        for size in range(n, 0, -1):  # the longest run of contact lines that reads as one contact
            mark = M.contact([x.text for x in lines[i:i + size]])
            if mark:
                return mark, size
        return None, 1
    for reader in (M.handling_type, M.disclosure, M.signer):
        mark = reader(text)
        if mark:
            return mark, 1
    return None, 1


def _sequence(lines: list, forms: _Forms, at: str) -> list:
    """lines as marks taken at `at` and free lines (Line objects), in order; a mark of a kind
    already taken stays a free line."""
    out: list = []
    i = 0
    while i < len(lines):
        mark, size = read_mark(lines, i)
        if mark and forms.take(mark, at):
            mark.lines = lines[i:i + size]
            out.append(mark)
        else:
            out += lines[i:i + size]
        i += size
    return out


def _runs(seq: list, forms: _Forms, leading: bool = False) -> tuple[list, list, list]:
    """seq as (marks before, free lines, marks after): the free lines print as one block, so the
    marks standing between them (or before them when `leading`) are given back as lines."""
    free = [i for i, x in enumerate(seq) if not isinstance(x, M.Mark)]
    if not free:
        return [] if leading else list(seq), [], list(seq) if leading else []
    first = 0 if leading else free[0]
    run = _release(seq[first:free[-1] + 1], forms)
    return list(seq[:first]), run, list(seq[free[-1] + 1:])


def _release(seq: list, forms: _Forms) -> list:
    """The lines of seq, its marks forgotten (their lines become text again)."""
    out = []
    for x in seq:
        if isinstance(x, M.Mark):
            forms.values.pop(x.name)
            forms.forms.pop(x.name)
            out += x.lines
        else:
            out.append(x)
    return out


# ---- header and signature block ------------------------------------------------------------------

def _header(lines: list, profile: Profile, built: Built, rec: Recognised, forms: _Forms) -> dict:
    """header_lines, signer, 文号 and the class mark, in the template's order."""
    out: dict = {}
    lines = list(lines)
    if lines:
        k = P.key(lines[-1].text)
        m = P.WENHAO.match(k)
        if m and (not m["rest"] or P.WENHAO_CLASS.match(m["rest"])):
            raw = lines.pop().text.strip()
            cm = P.WENHAO_CLASS.match(m["rest"]) if m["rest"] else None
            if cm and cm["paren"]:
                out["wenhao"] = re.sub(rf"\s*[（(]\s*[{C.CLASS_LETTERS}{C.WIDE_CLASS_LETTERS}]\s*类\s*[)）]\s*$", "", raw)
                out["handling_type"], out["handling_type_placement"] = cm["cls"], "after_wenhao"
            else:
                out["wenhao"] = raw
                if cm:
                    wh = re.sub(rf"\s*[{C.CLASS_LETTERS}{C.WIDE_CLASS_LETTERS}]\s*类\s*$", "", raw)
                    mark = M.wenhao_class(raw[len(wh):])
                    if mark and forms.take(mark, "after_wenhao"):
                        out["wenhao"] = wh
                    else:
                        out["handling_type"], out["handling_type_placement"] = cm["cls"], "none"
                        built.comments["wenhao"] = f"类别“{cm['cls']}类”与文号连写，按原样保留在文号里"
    if lines:
        m = P.SIGNER.match(P.key(lines[-1].text))
        if m and m["label"] == "签发人" and m["name"] and "signer" not in forms.values:
            lines.pop()
            out["signer"] = m["name"]
    if lines and "handling_type" not in out:
        k = P.key(lines[0].text)
        m = P.HT.match(k)
        exact = m and k == f"{P.key(profile.handling_types.label)}:{m['cls']}"
        top = 0
        while top < len(lines) and read_mark(lines, top)[0] and read_mark(lines, top)[1] == 1:
            top += 1
        if exact and top <= 1:
            lines.pop(0)
            out["handling_type"], out["handling_type_placement"] = m["cls"], "header"
        else:
            taken = _sequence(lines[:top], forms, "header")
            lines = [x for x in taken if not isinstance(x, M.Mark)] + lines[top:]
    if lines:
        out["header_lines"] = [_t(x) for x in lines]
        for x in lines:
            if _known_header(x.text):
                continue
            built.warnings.append((x.no, f"未能识别的版头文字，已按原样保留在 header_lines：“{_short(x.text)}”"))
    if rec.handling_type and "handling_type" not in out and "handling_type" not in forms.values:
        out["handling_type"], out["handling_type_placement"] = rec.handling_type, "none"
    return out


def _known_header(text: str) -> bool:
    k = P.key(text)
    return bool(P.HT.match(k) or P.HT_BARE.match(k) or P.SIGNER.match(k) or P.WENHAO.match(k)
                or P.DISCLOSURE_META.match(k) or P.DISCLOSURE_BARE.match(k) or P.BANTOU.match(k)
                or P.TITLE_END.search(k) or P.ORG.match(k))


def _short(text: str, n: int = 24) -> str:
    text = text.strip()
    return text if len(text) <= n else text[:n] + "…"


def _labelled_signature(tail: list) -> tuple[int, M.Mark] | None:
    """A 署名 written with its label (承办单位：××局), with the 会办/协办单位 lines under it."""
    for i, x in enumerate(tail):
        if not M.signature([x.text]):
            continue
        n = 1
        while i + n < len(tail) and re.match(r"^\s*(会办|协办|配合)单位\s*[:：]", tail[i + n].text):
            n += 1
        mark = M.signature([y.text for y in tail[i:i + n]])
        if mark:
            mark.lines = tail[i:i + n]
            return i, mark
    return None


def _tail(letter: Letter, profile: Profile, kind: str, built: Built, rec: Recognised, forms: _Forms) -> dict:
    """closing extras, marks before the signature, signature, date, marks and notes after it, 抄送."""
    out: dict = {}
    tail = list(letter.tail)
    date_i = next((i for i, x in enumerate(tail) if is_date_line(x.text)), None)
    sig_i = None
    sig_mark = None
    if date_i is not None and date_i > 0 and is_org_line(tail[date_i - 1].text) and not M.signature([tail[date_i - 1].text]):
        sig_i = date_i - 1
    elif date_i is None:
        sig_i = next((i for i, x in enumerate(tail) if is_org_line(x.text) and not is_note_line(x.text)), None)
        if sig_i is not None and any(not is_note_line(x.text) for x in tail[:sig_i]):
            sig_i = None
    if sig_i is None:
        found = _labelled_signature(tail[:date_i] if date_i is not None else tail)
        if found and all(is_note_line(x.text) or M.is_contact_line(x.text) for x in tail[:found[0]]):
            sig_i, sig_mark = found
    cut = sig_i if sig_i is not None else date_i if date_i is not None else len(tail)
    if sig_i is None and date_i is None:
        cut = 0  # no signature block: every line after the closing is a note
    pre, rest = tail[:cut], tail[cut:]
    before = _sequence(pre, forms, "before_signature")
    if sig_mark is not None:
        del rest[:len(sig_mark.lines)]
        forms.take(sig_mark, None)
        if sig_mark.value != profile.signature:
            out["signature"] = jinja_safe(sig_mark.value)
    elif sig_i is not None:
        sig = rest.pop(0).text.strip()
        if sig != profile.signature:
            out["signature"] = jinja_safe(sig)
    else:
        out["signature"] = "无"
    notes: list = []
    canonical_date = False
    if date_i is not None:
        d = rest.pop(0)
        if P.is_canonical_date(d.text):
            out["date"] = P.parse_date(d.text).isoformat()
            canonical_date = True
        else:
            notes.append(d)
            parsed = P.parse_date(d.text)
            known = f"（即 {parsed.isoformat()}）" if parsed else ""
            built.comments["notes"] = f"原文日期“{d.text.strip()}”{known}写法与规范不同，按原样保留在第一行"
    # from the end: 抄送, 联系人, 附注 in the template's exact forms
    finals: dict = {}
    for name, test in (("cc", _cc_exact), ("contact", _contact_exact), ("disclosure", _disclosure_exact)):
        if rest and name not in forms.values:
            value = test(rest[-1].text)
            if value is not None:
                finals[name] = value
                rest.pop()
    if rest and canonical_date:
        k = P.key(rest[0].text)
        m = P.HT.match(k)
        if m and k == f"{P.key(profile.handling_types.label)}:{m['cls']}" and "handling_type" not in forms.values:
            rest.pop(0)
            out["handling_type"], out["handling_type_placement"] = m["cls"], "after_date"
    after = _sequence(rest, forms, "after_date")
    head, run, _ = _runs(after, forms, leading=bool(notes))
    free_after = notes + run
    if run and head:
        _insert_notes(forms, head[-1].name, "after_date")
    head_b, run_b, _ = _runs(before, forms)
    closing_extra: list = []
    if run_b and not free_after and all(is_note_line(x.text) for x in run_b):
        free_after = run_b
        _insert_notes(forms, head_b[-1].name if head_b else None, "before_signature", first=not head_b)
    elif run_b:  # the closing prints before every mark placed before the signature
        closing_extra = _release(head_b, forms) + run_b
    if free_after:
        out["notes"] = [_t(x) for x in free_after]
        for x in free_after[len(notes):]:
            if not (is_note_line(x.text) or is_org_line(x.text) or P.DATE_ANY.search(P.key(x.text))):
                built.warnings.append((x.no, f"未能识别的落款后文字，已按原样保留在 notes：“{_short(x.text)}”"))
    out.update(finals)
    if "disclosure" not in out and "disclosure" not in forms.values and profile.disclosure:
        out["disclosure"] = "无"
    if "contact" not in out and "contact" not in forms.values and profile.contact:
        out["contact"] = "无"
    if "cc" not in out and profile.cc.get(kind):
        out["cc"] = []
    for x in closing_extra:
        if not (is_note_line(x.text) or is_org_line(x.text)):
            built.warnings.append((x.no, f"未能识别的落款前文字，已按原样保留在 closing：“{_short(x.text)}”"))
    out["_closing_extra"] = [_t(x) for x in closing_extra]
    return out


def _insert_notes(forms: _Forms, after_name: str | None, at: str, first: bool = False) -> None:
    """Put the notes entry into the forms right after after_name (or first among `at`'s marks)."""
    items = list(forms.forms.items())
    forms.forms.clear()
    placed = False
    for name, form in items:
        if first and not placed and _place(name, form) == at:
            forms.forms["notes"] = {"at": at}
            placed = True
        forms.forms[name] = form
        if name == after_name and not placed:
            forms.forms["notes"] = {"at": at}
            placed = True
    if not placed:
        forms.forms["notes"] = {"at": at}


def _place(name: str, form) -> str | None:
    if isinstance(form, dict) and "at" in form:
        return form["at"]
    return FORM_PLACES[name][0] if FORM_PLACES[name] else None


def _cc_exact(text: str) -> list[str] | None:
    k = P.key(text)
    m = re.match(r"^抄送:(?P<list>.+)。$", k)
    if not m:
        return None
    raw = re.sub(r"^\s*抄\s*送\s*[:：]\s*", "", text.strip())
    names = [n.strip() for n in re.split(r"[，,]", raw.rstrip().rstrip("。")) if n.strip()]
    return names if names and "抄送:" + ",".join(P.key(n) for n in names) + "。" == k else None


def _contact_exact(text: str) -> dict | None:
    m = P.CONTACT_EXACT.match(P.key(text))
    return {"name": m["name"], "phone": m["phone"]} if m else None


def _disclosure_exact(text: str) -> str | None:
    m = P.DISCLOSURE_NOTE.match(P.key(text))
    if not m:
        return None
    return {"公开发布": "主动公开", "依申请公开": "依申请公开", "不予公开": "不予公开"}.get(m["d"])


# ---- the sheet -------------------------------------------------------------------------------------------

def build_sheet(letter: Letter, rec: Recognised, profile: Profile) -> Built:
    """Sheet data for the letter, keys in SHEET_FIELDS order."""
    built = Built({})
    d: dict = {}
    kind = rec.kind
    d["kind"] = kind
    if rec.session:
        d["session"] = rec.session
    if rec.number:
        d["number"] = rec.number
    ptitle = rec.proposal_title
    if isinstance(ptitle, list):
        built.comments["proposal_title"] = "并案：" + "；".join(f"《{t}》" for t in ptitle)
        ptitle = ptitle[0]
    if not ptitle:
        ptitle = _topic(letter) or PLACEHOLDER
        built.comments["proposal_title"] = "原文未用书名号或引号标出提案/建议标题，此为推断，请核对"
    d["proposal_title"] = ptitle
    if rec.proposers:
        d["proposers"] = list(rec.proposers)
        if rec.proposer_count and rec.proposer_count > len(rec.proposers):
            built.comments["proposers"] = f"原文称“等{rec.proposer_count}位”，其余提出人未列出"
    else:
        d["proposers"] = [PLACEHOLDER]
        line = letter.salutation.no if letter.salutation else (letter.opening[0].no if letter.opening else None)
        built.warnings.append((line, "未能识别提出人，已填“（未识别，请填写）”"))
    role = rec.proposer_role
    if role and role in ROLES and role != ROLE_OF_KIND[kind]:
        d["proposer_role"] = role
    if rec.handling == "协办":
        d["handling"] = "协办"
        if rec.lead_unit:
            d["lead_unit"] = rec.lead_unit
    if rec.co_units:
        d["co_units"] = list(rec.co_units)

    header = list(letter.header)
    title_text = "".join(x.text.strip() for x in letter.title)
    forms = _Forms()
    if letter.after_title and letter.title:
        seq = _sequence(letter.after_title, forms, "after_title")
        if any(not isinstance(x, M.Mark) or x.name not in ("handling_type", "disclosure") for x in seq):
            _release(seq, forms)
            # lines under the title that are not marks: title and lines kept as they are
            header += letter.title + letter.after_title
            built.comments["header_lines"] = "原文标题下另有标注行，标题与标注按原样保留在 header_lines"
            title_text = ""
    head = _header(header, profile, built, rec, forms)
    tail = _tail(letter, profile, kind, built, rec, forms)
    ht = tail.pop("handling_type", None), tail.pop("handling_type_placement", None)
    if head.get("handling_type_placement") in (None, "none") and ht[0]:
        head["handling_type"], head["handling_type_placement"] = ht
    if "handling_type" in forms.values:
        head.pop("handling_type", None)
    for name in ("handling_type", "signer", "disclosure", "contact"):
        if name in forms.values:
            d[name] = forms.values[name]
    if forms.forms:
        d["forms"] = forms.forms
        built.comments["forms"] = "按原文的写法和位置；{{ }} 处印对应字段的值"
    if head.get("handling_type"):
        d["handling_type"] = head["handling_type"]
        placement = head["handling_type_placement"]
        if placement != profile.handling_types.placement:
            d["handling_type_placement"] = placement
    if head.get("header_lines"):
        d["header_lines"] = head["header_lines"]
    if tail.get("notes"):
        d["notes"] = tail["notes"]
    if head.get("wenhao"):
        d["wenhao"] = head["wenhao"]
    if head.get("signer"):
        d["signer"] = head["signer"]
    if tail.get("date"):
        d["date"] = tail["date"]
    d["title"] = jinja_safe(title_text) if title_text else "无"
    d["salutation"] = _t(letter.salutation) if letter.salutation else "无"
    opening = [_t(x) for x in letter.opening]
    body = list(letter.body)
    closing = [_t(x) for x in letter.closing] + tail.pop("_closing_extra")
    if not opening:
        if body:
            opening = [_t(body.pop(0).line)]
        elif closing:
            opening = [closing.pop(0)]
        elif letter.salutation:
            opening, d["salutation"] = [d["salutation"]], "无"
        else:
            opening = [d["title"]] if d["title"] != "无" else ["（原文无正文）"]
            d["title"] = "无"
    d["opening"] = opening
    if letter.salutation and letter.opening and not has_stock_opening(letter.opening):
        built.warnings.append((letter.opening[0].no, "开头语不常见（没有“收悉”“现答复如下”等说法），已按开头语导入，请核对"))
    intro, sections = body_fields(body)
    if intro:
        d["intro"] = intro
    if sections:
        d["sections"] = sections
    d["closing"] = closing
    for key in ("signature", "disclosure", "contact", "cc"):
        if key in tail and (key == "signature" or key not in forms.values):
            d[key] = tail[key]
    _verbatim_comments(d, rec, built)
    for e in body:
        k = P.key(e.text)
        if e.kind == "para" and len(k) <= 4 and not re.search(r"[。！？!?]$", k):
            built.warnings.append((e.line.no, f"未能识别的短行，已作为段落保留：“{e.text}”"))
    if body and not re.search(r"[。！？!?；;:：”）)]$", body[-1].text) and not letter.closing and not letter.tail:
        built.warnings.append((body[-1].line.no, "正文在此处中断，原文可能不完整"))
    built.data = d
    return built


def _verbatim_comments(d: dict, rec: Recognised, built: Built) -> None:
    """Say where recognised values are when the template cannot print them as the letter does."""
    if d.get("handling_type_placement") == "none":
        built.comments.setdefault("handling_type", f"原文的“{rec.handling_type}”类标注写法与模板不同，按原样保留在原处")
    head_text = "".join(d.get("header_lines", []))
    head, tail = [], []
    if rec.contact and "contact" not in d:
        tail.append("联系人" + "，".join(v for v in (rec.contact.get("name"), rec.contact.get("phone")) if v))
    if rec.disclosure and "disclosure" not in d:
        (head if "公开" in head_text else tail).append(f"公开属性（{rec.disclosure}）")
    if rec.cc and "cc" not in d:
        tail.append("抄送（" + "，".join(rec.cc) + "）")
    if rec.signer and "signer" not in d:
        (head if "签发" in head_text else tail).append(f"签发人（{rec.signer}）")
    if rec.wenhao and "wenhao" not in d and head_text:
        head.append(f"文号（{rec.wenhao}）")
    for key, kept in (("header_lines", head), ("notes" if d.get("notes") else "closing", tail)):
        if kept:
            note = "、".join(kept) + "：写法或位置与模板不同，按原样保留"
            built.comments[key] = "；".join(x for x in (built.comments.get(key), note) if x)


def _topic(letter: Letter) -> str | None:
    text = P.key("".join(x.text for x in letter.opening[:1]))
    m = re.search(r"提出(?:的)?(?P<t>关于.{2,60}?的(?:建议|提案))", text) or re.search(r"提出(?:的)?(?P<t>.{2,40}?)的(?:建议|提案)",
                                                                                   text)
    return m["t"] if m else None


def plain_sheet(letter: Letter, rec: Recognised, profile: Profile) -> dict:
    """The last resort: every line as a paragraph of the opening, nothing else printed."""
    d = build_sheet(letter, rec, profile).data
    keep = {k: d[k] for k in ("kind", "session", "number", "proposal_title", "proposers", "proposer_role", "handling",
                              "lead_unit", "co_units") if k in d}
    lines = [_t(x) for x in letter.all_lines()]
    keep.update({"title": "无", "salutation": "无", "opening": lines or ["（原文无正文）"], "closing": [], "signature": "无"})
    if profile.disclosure:
        keep["disclosure"] = "无"
    if profile.contact:
        keep["contact"] = "无"
    keep["cc"] = []
    return keep

