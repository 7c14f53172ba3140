"""Ctrl+G: check the sheet, write its Word file (and PDF), never overwriting a finished one unasked.

The checking and the writing run in worker threads; what they find comes back as a message or a
notification. A .docx edited in Word, or not drafter's, is overwritten only after the clerk says so.
"""

from __future__ import annotations

from textual import work
from textual.message import Message

from drafter.errors import InputError
from drafter.output import OutputProblem, OverwriteRefused, State
from drafter.tui import messages as msg
from drafter.tui.crash import guarded
from drafter.tui.labels import where
from drafter.tui.paper import render_paper
from drafter.tui.screens.ask import Ask
from drafter.workspace.generate import NotReady, PdfNotMade, generate, make_pdf, pdf_font_note
from drafter.workspace.session import Analysis


class WordGeneration:
    """Mixin for the editor screen. The screen provides `session`, `workbench`, `flush_typing()`,
    `action_save(then)`,
    `_apply(analysis, paper, started)` (show an analysis) and `_focus_key(key, offset)` (go to a field)."""

    class Checked(Message):
        """A worker composed and proofread the sheet before generating its Word file."""

        def __init__(self, analysis: Analysis) -> None:
            super().__init__()
            self.analysis = analysis

    def action_generate(self) -> None:
        self.flush_typing()  # Ctrl+G is handled as it arrives: take the last keystrokes in first
        if self.session.dirty and not self.action_save(then=self.action_generate):
            return
        self._check_then_generate()

    @work(thread=True, exclusive=True, group="generate")
    @guarded("生成前的检查")
    def _check_then_generate(self) -> None:
        analysis = self.session.analyse(budget=self.workbench.render_budget())
        self.post_message(self.Checked(analysis))

    # A named handler (not @on): Textual finds it through the MRO, so it works from a mixin.
    def on_word_generation_checked(self, message: Checked) -> None:
        message.stop()
        analysis = message.analysis
        self._apply(analysis, render_paper(analysis.blocks) if analysis.blocks else None, None)
        if not analysis.ok:
            first = analysis.errors[0] if analysis.errors else None
            self.notify(f"有错误，未生成 Word 文件。{where(first) if first else ''}{first.describe() if first else ''}",
                        severity="error", title="无法生成")
            if first is not None:
                self._focus_key(first.key, first.offset)
            return
        self._generate(analysis, False)

    @work(thread=True, exclusive=True, group="generate")
    @guarded("生成 Word 文件")
    def _generate(self, analysis: Analysis, force: bool) -> None:
        try:
            done = generate(analysis, force=force)
        except OverwriteRefused as exc:
            self.app.call_from_thread(self._confirm_overwrite, analysis, exc)
            return
        except (NotReady, OutputProblem, InputError) as exc:
            self.app.call_from_thread(self.notify, f"生成失败：{exc}", severity="error", title="未生成")
            return
        shown = self.workbench.display_path(done.path)
        note = "已生成 Word 文件" if done.written else "Word 文件已是最新，未改动"
        self.app.call_from_thread(self.notify, f"{note}：{shown}", title="生成完成", timeout=8)
        self.post_message(msg.SheetChanged(self.session.path))
        if done.written and self.workbench.pdf_enabled:
            try:
                pdf = make_pdf(done)
            except (PdfNotMade, OSError) as exc:
                self.app.call_from_thread(self.notify, f"PDF 未生成：{exc}", severity="warning")
                return
            self.app.call_from_thread(self.notify, f"已生成 PDF：{self.workbench.display_path(pdf)}", timeout=8)
            fonts = pdf_font_note(done)  # the substitute fonts, said once (as build --pdf)
            if fonts and fonts not in self.workbench.hints_said:
                self.workbench.hints_said.add(fonts)
                self.app.call_from_thread(self.notify, fonts, title="PDF 字体", timeout=20)

    def _confirm_overwrite(self, analysis: Analysis, exc) -> None:
        why = "在 Word 中修改过" if exc.state is State.EDITED else "不是本工具生成的"
        message = (f"{self.workbench.display_path(exc.path)}\n这个 Word 文件{why}。覆盖后，在 Word 里做的修改将丢失。\n"
                   "建议先把它另存一份，再覆盖。")

        def done(answer):
            if answer == "overwrite":
                self._generate(analysis, True)

        self.app.push_screen(Ask("覆盖 Word 文件？", message,
                                 [("keep", "不覆盖", "primary"), ("overwrite", "覆盖", "error")]), done)
