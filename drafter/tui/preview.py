"""The editor screen's live preview and proofreading: workers that compose the sheet (at every change)
and check it (once typing pauses), the paper they paint, and the problem bar and field errors.

Relies on the screen for: `session`, `workbench`, `analysis`, `_busy`, `_again`, `_changed_at`,
`_preview_budget`, `_check_timer`, `_checked_data`, `preview_ms`, `preview_serial`, `paper_text`,
`_bar_problem`, `base_key`, `_set_label(selector, markup)` and `_refresh_labels()`; it paints `#paper`,
`#preview-title` and `#problem-bar`.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Input, TextArea

from drafter.tui import fields as F
from drafter.tui.crash import guarded
from drafter.tui.labels import problem_bar, where
from drafter.tui.paper import CHARS_PER_LINE, page_count, render_paper
from drafter.tui.widgets.field_row import FieldRow
from drafter.tui.widgets.line import WrappingLine
from drafter.tui.widgets.paper import Paper
from drafter.workspace.session import Analysis, Problem

CHECK_DELAY = 0.4  # seconds of quiet typing before the checker runs
SLOW_PREVIEW = 0.5  # seconds: a preview still composing when the clerk types again is stopped


def error_paper(message: str, width: int = CHARS_PER_LINE - 2) -> Text:
    """Why there is no preview, wrapped to the paper's width (Paper does not wrap)."""
    lines = ["无法生成预览："]
    for part in message.split("\n"):
        lines += [part[i:i + width] for i in range(0, len(part), width)] or [""]
    return Text("\n".join(lines), style="red")


class LivePreview:
    """Mixin for the editor screen: the preview and checker workers, and what they show."""

    class PreviewReady(Message):
        """A worker composed a version of the sheet (posted, so a closed editor simply never gets it)."""

        def __init__(self, analysis: Analysis, paper, started: float | None, cancelled: bool = False) -> None:
            super().__init__()
            self.analysis, self.paper, self.started, self.cancelled = analysis, paper, started, cancelled

    class FindingsReady(Message):
        """A worker proofread a version of the sheet."""

        def __init__(self, analysis: Analysis) -> None:
            super().__init__()
            self.analysis = analysis

    def _check_failed(self, message: str) -> None:
        self.post_message(self.FindingsReady(Analysis("", errors=[Problem(message)])))

    @guarded("校对", fallback=_check_failed)
    def _check_worker(self) -> None:
        """The checker's findings for the current data (the form is usable before they arrive)."""
        data = self.session.snapshot()
        self._checked_data = data
        analysis = self.session.analyse(data, budget=self.workbench.render_budget())
        self.post_message(self.FindingsReady(analysis))

    def schedule(self) -> None:
        """Analyse the current data in a worker; while one runs, changes coalesce into one more."""
        if self._busy:
            self._again = True
            budget, since = self._preview_budget
            if budget is not None and time.monotonic() - since > SLOW_PREVIEW:
                budget.cancel()  # a slow template: stop it and compose the newer text instead
            return
        self._busy = True
        data = self.session.snapshot()
        started = self._changed_at
        self._changed_at = None
        budget = self.workbench.render_budget()
        self._preview_budget = (budget, time.monotonic())
        self.run_worker(lambda: self._analyse(data, started, budget), thread=True, group="analyse")

    def _preview_failed(self, message: str, data, started, budget) -> None:
        self.post_message(self.PreviewReady(Analysis("", errors=[Problem(message)]), None, started))

    @guarded("生成预览", fallback=_preview_failed)
    def _analyse(self, data, started, budget) -> None:
        analysis = self.session.analyse(data, check=False, budget=budget)
        paper = render_paper(analysis.blocks) if analysis.blocks is not None else None
        self.post_message(self.PreviewReady(analysis, paper, started, budget.cancelled))

    # Named handlers (not @on): Textual finds these through the MRO, so they work from a mixin.
    def on_live_preview_preview_ready(self, message: PreviewReady) -> None:
        message.stop()
        self._preview_budget = (None, 0.0)
        if message.cancelled:  # stopped for a newer version (or the app is closing)
            self._busy = False
            if self._again:
                self._again = False
                self.schedule()
            return
        self._apply(message.analysis, message.paper, message.started)

    def on_live_preview_findings_ready(self, message: FindingsReady) -> None:
        message.stop()
        self._apply_findings(message.analysis)

    def _schedule_check(self) -> None:
        """Proofread once typing pauses: the preview comes first and never waits for the checker."""
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, lambda: self.run_worker(
            self._check_worker, thread=True, exclusive=True, group="check"))

    def _apply(self, analysis: Analysis, paper, started) -> None:
        self.analysis = analysis
        if paper is not None:
            self.query_one("#paper", Paper).show(paper)
            pages = page_count(analysis.blocks)
            self._set_label("#preview-title", f"预览（约 {pages} 页，每行 28 字）")
            self.preview_serial += 1
            self.paper_text = paper.plain
        elif self.preview_serial == 0:  # nothing shown yet: the error takes the paper's place
            first = analysis.errors[0] if analysis.errors else None
            message = f"{where(first)}{first.describe()}" if first else "无法生成预览"
            self.query_one("#paper", Paper).show(error_paper(message))
            self._set_label("#preview-title", "[b red]预览（有错误）[/]")
        else:
            self._set_label("#preview-title", "[b red]预览（有错误，显示的是上次正确的版本）[/]")
        if started is not None:
            self.preview_ms.append((time.perf_counter() - started) * 1000)
        self._show_errors()
        self._refresh_labels()
        self._busy = False
        if self._again:
            self._again = False
            self.schedule()
        elif analysis.reply is not None:
            self._schedule_check()

    def _apply_findings(self, analysis: Analysis) -> None:
        if self._busy or self._again or (self.session.snapshot() != self._checked_data):
            return  # a newer version is on its way
        self.analysis = analysis
        self._show_errors()
        self._refresh_labels()

    def _show_errors(self) -> None:
        problems = self.analysis.problems if self.analysis else []
        shown: set[int] = set()
        for row in self.query(FieldRow):
            key = self.base_key + row.spec.key
            local = F.check_value(row.spec, _text_of(row))
            mine = [p for p in problems if p.key[: len(key)] == key and p.key]
            for p in mine:
                shown.add(id(p))
            msg = local or (mine[0].describe() if mine else None)
            row.show_error(msg)
        errors = [p for p in problems if p.blocking]
        bar = self.query_one("#problem-bar", WrappingLine)
        width = (bar.size.width or self.app.size.width) - 2  # the bar's padding
        markup, self._bar_problem = problem_bar(problems, width)
        self._set_label("#problem-bar", markup)
        bar.fit_rows(width)
        self.set_class(bool(errors), "has-errors")


def _text_of(row: FieldRow) -> str:
    try:
        w = row.widget
    except NoMatches:  # the row is not composed yet
        return ""
    return w.text if isinstance(w, TextArea) else (w.value if isinstance(w, Input) else "")
