"""The light text markup templates emit, parsed into blocks.

One block per line, ``@kind text``; a line without ``@`` continues the block above it; blank
lines are ignored. Parts of a block are separated by ``|``:

    @meta 办理类型：A
    @wenhao 临科函字〔2024〕4号
    @title 临沂市科学技术局关于……的答复
    @salutation 赵洁委员：
    @p 您提出的……收悉，现答复如下：
    @h1 一、|工作开展情况              (heading: prefix|text; @h1 … @h4)
    @item 一是|完善企业梯度培育体系。|聚焦……   (item: prefix|lead|text)
    @closing 再次感谢您对我市科技工作的关心和支持！
    @signature 临沂市科学技术局
    @date 2024年6月18日
    @note （此件公开发布）
    @cc 市政协提案委，市政府督查室。

Sheet values reach templates as single lines (the schema joins them), so sheet text cannot
start a block; heading and item parts are escaped (\\| \\\\) by the context that provides them.
"""

from __future__ import annotations

import re

from drafter.compose.punctuation import to_fullwidth
from drafter.errors import InputError, Where
from drafter.model.blocks import Block, Kind

_TAGS = {
    "meta": Kind.META, "wenhao": Kind.WENHAO, "title": Kind.TITLE, "salutation": Kind.SALUTATION,
    "p": Kind.PARAGRAPH, "item": Kind.ITEM, "closing": Kind.CLOSING, "signature": Kind.SIGNATURE,
    "date": Kind.DATE, "note": Kind.NOTE, "cc": Kind.CC,
    "h1": Kind.HEADING, "h2": Kind.HEADING, "h3": Kind.HEADING, "h4": Kind.HEADING,
}
_LINE = re.compile(r"^@([a-z0-9]+)(?:\s(.*))?$")
_SPLIT = re.compile(r"(?<!\\)\|")
_UNESCAPE = re.compile(r"\\([\\|])")
# Kinds whose text is normalised to full-width punctuation; 文号 and dates are left as written.
_NORMALISED = {Kind.META, Kind.TITLE, Kind.SALUTATION, Kind.PARAGRAPH, Kind.HEADING, Kind.ITEM,
               Kind.CLOSING, Kind.SIGNATURE, Kind.NOTE, Kind.CC}


def _parts(raw: str) -> list[str]:
    return [_UNESCAPE.sub(r"\1", part) for part in _SPLIT.split(raw)]


def parse_markup(source: str, origin: Where | None = None) -> list[Block]:
    """Turn template output into blocks; an unknown @tag is an error naming the line."""
    pending: list[tuple[str, str, int]] = []
    for number, raw_line in enumerate(source.split("\n"), 1):
        stripped = raw_line.strip()
        if not stripped:
            continue
        m = _LINE.match(stripped)
        if m:
            tag = m.group(1)
            if tag not in _TAGS:
                where = Where(origin.path if origin else None, number)
                known = "、".join("@" + t for t in _TAGS)
                raise InputError(f"模板输出了未知的块标记“@{tag}”", where, f"可用：{known}")
            pending.append((tag, m.group(2) or "", number))
        elif pending:
            tag, text, number0 = pending[-1]
            pending[-1] = (tag, text + stripped, number0)
        else:
            where = Where(origin.path if origin else None, number)
            raise InputError("模板输出的第一行必须以块标记（如 @p）开头", where)
    return [block for block in (_block(tag, raw) for tag, raw, _ in pending) if block is not None]


def _block(tag: str, raw: str) -> Block | None:
    kind = _TAGS[tag]
    # Only heading and item lines are split on | (their parts were escaped by the context).
    parts = _parts(raw) if kind in (Kind.HEADING, Kind.ITEM) else [raw]
    if kind is Kind.HEADING:
        prefix, text = (parts[0], "".join(parts[1:])) if len(parts) > 1 else ("", parts[0])
        block = Block(kind, text.strip(), level=int(tag[1]), prefix=prefix.strip())
    elif kind is Kind.ITEM:
        parts += [""] * (3 - len(parts))
        block = Block(kind, "".join(parts[2:]).strip(), prefix=parts[0].strip(), lead=parts[1].strip())
    else:
        block = Block(kind, raw.strip())
    if not (block.text or block.lead or block.prefix):
        return None
    if kind in _NORMALISED:
        block = Block(block.kind, to_fullwidth(block.text), block.level, to_fullwidth(block.prefix),
                      to_fullwidth(block.lead))
    return block
