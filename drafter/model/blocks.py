"""The document model between templates and Word: a flat list of layout blocks.

Templates produce blocks (through the markup in compose.markup); the .docx writer, the TUI
preview and the checker consume them; the importer recovers them from old replies. Blocks know
nothing about proposals and nothing about Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(str, Enum):
    META = "meta"            # a header line above the 文号: 办理类型：A, 签发人：×××
    WENHAO = "wenhao"        # 发文字号
    TITLE = "title"          # 标题 (one block may wrap over several lines)
    SALUTATION = "salutation"  # 主送: ×××委员：
    PARAGRAPH = "paragraph"  # 正文 paragraph
    HEADING = "heading"      # 层次标题, level 1–4; prefix holds 一、 / （一） / 1. / （1）
    ITEM = "item"            # 一是…: prefix + lead sentence + text, one paragraph
    CLOSING = "closing"      # closing formula paragraph (laid out as body text)
    SIGNATURE = "signature"  # 署名
    DATE = "date"            # 成文日期
    NOTE = "note"            # 附注: （此件公开发布）, （联系人：…）
    CC = "cc"                # 抄送 names (版记)


BODY_KINDS = frozenset({Kind.PARAGRAPH, Kind.HEADING, Kind.ITEM, Kind.CLOSING})


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str = ""
    level: int = 0
    prefix: str = ""
    lead: str = ""
    # where the printed text (prefix + lead + text) came from: compose.provenance.Source runs
    sources: tuple = field(default=(), compare=False, repr=False)

    @property
    def full_text(self) -> str:
        """The block as it reads on paper."""
        if self.kind is Kind.CC:
            return f"抄送：{self.text}"
        return f"{self.prefix}{self.lead}{self.text}"
