"""印法: how a reply prints its class mark, 签发人, 公开属性, contact and 署名 when its wording or place
differs from the template's (reply-conventions §3, §8, §9: letters print them in many forms).

`forms` (in a sheet, or in a profile as the unit's house style) maps a mark to its printed lines and
where they go::

    forms:
      handling_type: 办复类别：{{ value }}类                  # text only: the mark's usual place
      contact: {text: [联系单位：{{ unit }}, 联系电话：{{ phone }}], at: before_signature}
      notes: {at: after_date}                                # where the notes go among the marks

The values stay in their own fields (handling_type, signer, disclosure, contact, signature); the
form says how they are printed, with ``{{ }}`` where the value goes, so changing a value changes
the print. Marks placed in the same spot print in the order they are listed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.model import fields as f

# what each mark's form may name inside {{ }}
VARIABLES = {
    "handling_type": ("value",),
    "signer": ("name",),
    "disclosure": ("value", "yes", "public", "word"),
    "contact": ("name", "phone", "unit"),
    "signature": ("name",),
    "notes": (),
}
PLACES = ("header", "after_wenhao", "after_title", "before_signature", "after_date")
# where each mark may go (the first is where it goes when the form names no place)
ALLOWED = {
    "handling_type": ("header", "after_wenhao", "after_title", "before_signature", "after_date"),
    "signer": ("header", "before_signature", "after_date"),
    "disclosure": ("after_date", "header", "after_title", "before_signature"),
    "contact": ("after_date", "header", "before_signature"),
    "signature": (),
    "notes": ("after_date", "before_signature"),
}
LABELS = {"handling_type": "办理类型", "signer": "签发人", "disclosure": "公开属性", "contact": "联系人",
          "signature": "署名", "notes": "附注"}
PLACE_LABELS = {"header": "版头（文号上方）", "after_wenhao": "文号之后", "after_title": "标题之下",
                "before_signature": "署名之前", "after_date": "日期之后"}
# 附注 words for a disclosure value: （此件公开发布）, 是否同意公开：是, a bare 公开
DISCLOSURE_WORDS = {"主动公开": ("公开发布", "是", "公开"), "依申请公开": ("依申请公开", "否", "依申请公开"),
                    "不予公开": ("不予公开", "否", "不公开")}


@dataclass
class Form:
    """One mark's printed lines (sheet texts with {{ }} for the value; empty: the template's
    wording) and its place (None: the mark's usual place)."""

    text: list[str]
    at: str | None = None


def _form(name: str):
    allowed = ALLOWED[name]

    def parse(value, ctx: f.Context, key) -> Form:
        if isinstance(value, dict):
            unknown = [k for k in value if k not in ("text", "at")]
            if unknown:
                raise f.FieldError(f"未知字段“{unknown[0]}”，印法只有 text（印出的文字）和 at（位置）")
            text = f.list_of(f.line)(value.get("text"), ctx, key + ("text",)) if value.get("text") else []
            at = value.get("at")
            if at is not None:
                at = f.line(at, ctx, key + ("at",))
                if at not in allowed:
                    where = "、".join(f"{p}（{PLACE_LABELS[p]}）" for p in allowed) if allowed else "无（署名的位置不变）"
                    ctx.error(key + ("at",), f"“{at}”不是{LABELS[name]}可用的位置，可用：{where}")
                    at = None
            return Form(text, at)
        return Form(f.list_of(f.line)(value, ctx, key))

    return parse


def forms(value, ctx: f.Context, key) -> dict[str, Form]:
    """The `forms` mapping, in its order (the print order of marks sharing a place)."""
    if not isinstance(value, dict):
        raise f.FieldError("应为一组字段，如 contact: {text: 联系人：{{ name }}, at: before_signature}")
    out: dict[str, Form] = {}
    for name, entry in value.items():
        if name not in VARIABLES:
            known = "、".join(f"{k}（{LABELS[k]}）" for k in VARIABLES)
            ctx.error(key + (name,), f"未知的印法“{name}”", f"可用：{known}", at_key=True)
            continue
        try:
            out[name] = _form(name)(entry, ctx, key + (name,))
        except f.FieldError as exc:
            ctx.error(key + (name,), str(exc))
    return out
