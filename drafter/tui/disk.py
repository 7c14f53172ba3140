"""Saving beside git, for every screen that edits one YAML file (the editor, 单位信息, 事实库).

Saving carries only the clerk's changes onto the file as it is on disk now (workspace.session,
sheets.merge). A field changed on both sides opens one ConflictDialog per field: 保留我的 and
保留磁盘上的 decide it and save; 两者都看 puts both versions into the field, unsaved, for the clerk to
edit. Esc saves nothing. A file deleted or left unreadable on disk is written again only if the clerk
says so.

Noticing a pull: every 2 s, while the screen is in front, a worker thread asks the session whether
the file changed (a stat; the file is read and hashed only when the stat moved, see workspace.watch).
Textual's own FileMonitor compares mtimes only, so it would miss a second write in one clock tick and
report a `touch` or a checkout of identical content as a change. With nothing unsaved the screen
reloads; with unsaved changes they are carried onto the new version when no field clashes, else the
clerk is told that saving will ask.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message

from drafter.errors import InputError, os_reason
from drafter.sheets.edit import EditError
from drafter.sheets.merge import BOTH, MINE, THEIRS, Conflict, both_values
from drafter.sheets.yamlio import dotted
from drafter.tui import fields as F
from drafter.tui import messages as msg
from drafter.tui.crash import guarded
from drafter.tui.screens.ask import Ask
from drafter.tui.screens.conflict import ConflictDialog
from drafter.workspace.session import SaveResult

_ONE_LINE = ("line", "date")


def spec_at(form: str, key: tuple) -> F.Spec | None:
    """The form row that edits key in a "sheet", "profile" or "facts" file (None: no single row)."""
    if form == "facts":
        specs = [] if len(key) < 3 else [F.Spec(key[:2] + s.key, s.label, s.kind)
                                          for s in (F.PASSAGE if key[0] == "passages" else F.FACT)]
    elif form == "profile":
        specs = F.PROFILE
    else:
        specs = F.BASIC + F.OPENING + F.OTHER
        for i in range(len(key) - 1, 0, -1):
            if isinstance(key[i], int) and key[i - 1] in ("sections", "items"):
                node = key[:i + 1]
                specs = F.item_specs(node) if key[i - 1] == "items" else F.section_specs(node)
                break
    return next((s for s in specs if s.key == tuple(key)), None)


class DiskAware:
    """Mixin for a Screen editing `self.session` (a SheetSession) with `self.keeper` (a DraftKeeper),
    in `self.workbench` (tui/workbench.py).

    The screen provides: `form` ("sheet" | "profile" | "facts"), `after_save(result)`, `reload_form()`
    (show the session's data again), `drop_mine()` (the clerk kept the disk's deleted or unreadable file:
    leave without saving), and may override `field_label(key)` and `focus_field(key)`.
    """

    form = "sheet"
    _disk_polling = False
    _draft_failed = False
    _disk_told: str | None = None

    class DiskChecked(Message):
        """A poll found the file's content hash on disk (None: the file is gone)."""

        def __init__(self, digest: str | None) -> None:
            super().__init__()
            self.digest = digest

    # ---- drafts -------------------------------------------------------------------------
    def keep_draft(self) -> None:
        """Keep a crash-safe draft with the text the edits are relative to (its base)."""
        session = self.session
        try:
            self.keeper.keep(session.text() if session.dirty else None,
                             session.disk_text if session.base_known else None)
        except (InputError, EditError):  # no text to keep just now: the next tick tries again
            pass
        except OSError as exc:  # the safety net is down: say so once, and keep trying
            if not self._draft_failed:
                self._draft_failed = True
                self.notify(f"无法保存草稿（{os_reason(exc)}）：异常退出时未保存的修改可能丢失，请及时按 Ctrl+S 保存。",
                            severity="warning", title="草稿未保存", timeout=15)

    # ---- noticing changes on disk -------------------------------------------------------
    def watch_disk(self) -> None:
        self._disk_polling = False
        self._disk_told = None
        self.set_interval(self.workbench.disk_poll, self.poll_disk)

    def poll_disk(self) -> None:
        if self.app.screen is not self or self._disk_polling:
            return  # a dialog in front (the clerk is deciding something), or a poll still running
        self._disk_polling = True
        self.run_worker(self._disk_worker, thread=True, group="disk")

    def _disk_unknown(self, message: str) -> None:
        self.post_message(self.DiskChecked(self.session.base_hash))

    @guarded("查看磁盘上的文件", fallback=_disk_unknown)
    def _disk_worker(self) -> None:
        try:
            digest = self.session.disk_hash()
        except OSError:
            digest = self.session.base_hash  # cannot tell: say nothing
        self.post_message(self.DiskChecked(digest))

    # A named handler (not @on): Textual finds it through the MRO, so it works from a mixin.
    def on_disk_aware_disk_checked(self, message: DiskChecked) -> None:
        message.stop()
        self._disk_polling = False
        if message.digest == self.session.base_hash or message.digest == self._disk_told:
            return
        self._disk_told = message.digest
        self.disk_changed(message.digest is None)

    def disk_changed(self, gone: bool = False) -> None:
        """The file changed on disk: reload, or carry the unsaved changes onto it, or tell the clerk."""
        session, name = self.session, session_name(self)
        if gone:
            self.notify(f"{name} 已从磁盘上删除（可能来自 git pull）。保存时会询问是否重新写入。",
                        severity="warning", title="文件已删除", timeout=10)
            return
        try:
            if not session.dirty:
                session.reload()
                self.reload_form()
                self.notify(f"{name} 在磁盘上有更新（可能来自 git pull），已重新载入。", title="已重新载入")
                return
            conflicts = session.rebase(both=self.both_value)
        except InputError as exc:
            self.notify(f"{name} 在磁盘上被改动，现在无法读取：{exc.message}。你的修改未保存，仍在这里。",
                        severity="error", title="磁盘上的文件有误", timeout=15)
            return
        if not conflicts:
            self._disk_told = None
            self.reload_form()
            self.notify(f"{name} 在磁盘上有更新，已合并进来；你未保存的修改都还在。", title="已合并磁盘上的修改")
        else:
            labels = "、".join(f"【{self.field_label(c.path)}】" for c in conflicts[:3])
            self.notify(f"{name} 在磁盘上有更新，{labels}与你未保存的修改冲突：保存时会请你选择保留哪一个。",
                        severity="warning", title="磁盘上的文件有更新", timeout=15)

    # ---- saving -------------------------------------------------------------------------
    def save_merging(self, then=None, choices: dict | None = None) -> bool:
        """Save the clerk's changes onto the file as it is now. True when saved at once; with conflicts
        the clerk is asked first and `then()` runs once the file is saved."""
        try:
            result = self.session.save(choices, both=self.both_value)
        except (InputError, EditError) as exc:
            self.notify(f"保存失败：{exc}", severity="error", title="未保存")
            return False
        except OSError as exc:
            self.notify(f"保存失败：{os_reason(exc)}（{exc.filename or self.session.path.name}）", severity="error",
                        title="未保存")
            return False
        if result.conflicts:
            self._ask(result, dict(choices or {}), then)
            return False
        self.keeper.discard()
        self._disk_told = None
        if result.written:
            self.post_message(msg.FileSaved(self.session.path))
        self.after_save(result)
        return True

    def _ask(self, result: SaveResult, choices: dict, then) -> None:
        if result.conflicts[0].path == ():
            self._ask_whole(result, choices, then)
            return
        conflicts, answers = result.conflicts, {}

        def ask(i: int) -> None:
            if i == len(conflicts):
                self._decided(conflicts, {**choices, **answers}, then)
                return
            c = conflicts[i]
            spec = spec_at(self.form, c.path)
            dialog = ConflictDialog(c, self.field_label(c.path), number=i + 1, total=len(conflicts),
                                    both=spec is None or spec.kind != "choice")
            self.app.push_screen(dialog, lambda answer: answered(i, answer))

        def answered(i: int, answer: str | None) -> None:
            if answer is None:
                self.notify("还有冲突没有选择，未保存；你的修改仍在这里。", severity="warning", title="未保存")
                return
            answers[conflicts[i].id] = answer
            ask(i + 1)

        ask(0)

    def _decided(self, conflicts: list[Conflict], choices: dict, then) -> None:
        both = [c for c in conflicts if choices.get(c.id) == BOTH]
        if not both:
            if self.save_merging(then, choices) and then:
                then()
            return
        try:  # "show both": nothing is saved; the field holds both versions for the clerk to edit
            left = self.session.rebase(choices, both=self.both_value)
        except InputError as exc:
            self.notify(f"磁盘上的文件现在无法读取：{exc.message}", severity="error", title="未保存")
            return
        if left:  # the file changed again meanwhile
            self._ask(SaveResult(False, True, left), choices, then)
            return
        self._disk_told = None
        self.reload_form()
        self.focus_field(both[0].path)
        labels = "、".join(f"【{self.field_label(c.path)}】" for c in both)
        self.notify(f"两个版本都放进了{labels}，请改成要保留的内容后按 Ctrl+S 保存。", title="两者都看", timeout=12)

    def _ask_whole(self, result: SaveResult, choices: dict, then) -> None:
        name = session_name(self)
        if result.gone:
            title = "文件已从磁盘上删除"
            message = f"{name}\n已从磁盘上删除（可能来自 git pull 或别人的操作）。"
            buttons = [(MINE, "保留我的（重新写入）", "primary"), (THEIRS, "保留磁盘上的（不保存，关闭）", "error")]
        else:
            title = "磁盘上的文件无法读取"
            message = (f"{name}\n在你打开之后被改动，现在无法读取：{result.unreadable}\n"
                       "（可能是 git 合并留下的冲突标记）")
            buttons = [(MINE, "保留我的（覆盖它）", "primary"), (THEIRS, "保留磁盘上的（放弃我的修改）", "error")]

        def done(answer: str | None) -> None:
            if answer == MINE:
                if self.save_merging(then, {**choices, (): MINE}) and then:
                    then()
            elif answer == THEIRS:
                self.keeper.discard()
                self.drop_mine()
            else:
                self.notify("未保存；你的修改仍在这里。", severity="warning")

        self.app.push_screen(Ask(title, message, buttons + [("cancel", "取消", "default")], focus="cancel"), done)

    # ---- what the screen may override ---------------------------------------------------
    def both_value(self, path: tuple, mine: Any, theirs: Any) -> Any:
        """Both versions in one value the field can show: one-line fields join them with ／."""
        spec = spec_at(self.form, path)
        if spec is not None and spec.kind in _ONE_LINE and isinstance(mine, str) and isinstance(theirs, str):
            return f"{mine}／{theirs}"
        return both_values(mine, theirs)

    def field_label(self, key: tuple) -> str:
        spec = spec_at(self.form, key)
        if spec is not None:
            return spec.label if self.form != "facts" else f"{key[1]}·{spec.label}"
        if self.form == "facts" and len(key) >= 2:
            return str(key[1])
        return dotted(key) or "整个文件"

    def focus_field(self, key: tuple) -> None:
        spec = spec_at(self.form, key)
        found = self.query(f"#{spec.id}") if spec is not None else []
        if found:
            found.first().focus()


def session_name(screen) -> str:
    return screen.workbench.rel(screen.session.path)
