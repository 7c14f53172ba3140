"""Where a reply's .docx stands against its sheet: the list's Word column and the 台账's status.

workspace.generate works a sheet's Freshness out; the TUI and the ledger show its label. Code
compares members, never the Chinese words.
"""

from __future__ import annotations

from enum import Enum


class Freshness(Enum):
    CURRENT = "current"   # drafter's own .docx, equal to what the sheet renders now
    STALE = "stale"       # drafter's own .docx, older than the sheet
    EDITED = "edited"     # drafter wrote it, then it was finished in Word (never overwritten)
    FOREIGN = "foreign"   # a .docx drafter did not write
    MISSING = "missing"   # no .docx yet
    FAILED = "failed"     # the sheet has errors: no .docx can be made

    @property
    def label(self) -> str:
        """The word a clerk reads (the list's Word column)."""
        return _LABELS[self]

    @property
    def generated(self) -> bool:
        """Does this .docx count as the reply (status 已生成, workspace.progress)?"""
        return self in (Freshness.CURRENT, Freshness.EDITED)


_LABELS = {Freshness.CURRENT: "最新", Freshness.STALE: "待更新", Freshness.EDITED: "Word改过",
           Freshness.FOREIGN: "非本工具", Freshness.MISSING: "未生成", Freshness.FAILED: "无法生成"}
