"""The Textual application: a list of sheets, an editor, and the dialogs between them."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Iterable

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from drafter.compose.budget import Budget
from drafter.errors import InputError
from drafter.sheets.edit import EditError
from drafter.sheets.load import FACTS_NAME, PROFILE_NAME, Loader
from drafter.sheets.scaffold import new_sheet_text
from drafter.textio import atomic_write_text
from drafter.tui import messages as msg
from drafter.tui.keys import Section, help_rows, key_label
from drafter.tui.screens.ask import Ask, unsaved_question
from drafter.tui.screens.commit import CommitDialog
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.facts import FactsScreen
from drafter.tui.screens.help import HelpScreen
from drafter.tui.screens.init_office import InitOffice
from drafter.tui.screens.new_sheet import NewSheet
from drafter.tui.screens.profile import ProfileScreen
from drafter.tui.screens.raw import RawScreen
from drafter.tui.screens.sheet_list import SheetListScreen
from drafter.tui.screens.yaml_form import YamlFormScreen
from drafter.tui.widgets.outline import Outline
from drafter.tui.workbench import Workbench
from drafter.workspace import git
from drafter.workspace.drafts import discard_draft, find_drafts, read_draft
from drafter.workspace.office import (OfficeInfo, create_facts, create_office, create_profile, ensure_gitignore,
                                      needs_setup)
from drafter.workspace.paths import file_kind, new_facts_home, office_folders
from drafter.workspace.session import SheetSession


class DrafterApp(App[int]):
    """drafter's workbench on one workspace folder."""

    CSS_PATH = Path(__file__).with_name("drafter.tcss")  # absolute: subclasses elsewhere (bench, tests) find it too
    TITLE = "答复起草"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "帮助"),
        Binding("question_mark", "help", "帮助", show=False),
        Binding("ctrl+q", "quit", "退出", priority=True),
        Binding("ctrl+p", "command_palette", "命令", priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, folder: Path, *, pdf: bool | None = None, draft_interval: float = 2.0,
                 offer_drafts: bool = True, git: bool | None = None, blink: bool = True):
        super().__init__()
        self.workbench = Workbench(Path(folder), Loader(), draft_interval=draft_interval, blink=blink, pdf=pdf)
        self.offer_drafts = offer_drafts
        self._git = git

    # The workbench's settings, as the CLI, tests and benchmarks set them on the app.
    @property
    def folder(self) -> Path:
        return self.workbench.folder

    @property
    def loader(self) -> Loader:
        return self.workbench.loader

    @property
    def git_enabled(self) -> bool:
        return self.workbench.git_enabled

    @git_enabled.setter
    def git_enabled(self, value: bool) -> None:
        self.workbench.git_enabled = value

    @property
    def disk_poll(self) -> float:
        return self.workbench.disk_poll

    @disk_poll.setter
    def disk_poll(self, value: float) -> None:
        self.workbench.disk_poll = value

    @property
    def render_seconds(self) -> float | None:
        return self.workbench.render_seconds

    @render_seconds.setter
    def render_seconds(self, value: float | None) -> None:
        self.workbench.render_seconds = value

    @property
    def pdf_enabled(self) -> bool:
        return self.workbench.pdf_enabled

    def on_mount(self) -> None:
        self.git_enabled = git.is_repo(self.folder) if self._git is None else self._git
        self.push_screen(SheetListScreen(self.workbench, unsaved=self.draft_sheets))
        if needs_setup(self.folder):
            self.call_after_refresh(self.set_up_office)
        if self.offer_drafts:
            self.call_after_refresh(self._offer_drafts)

    # ---- templates run off the UI thread ----------------------------------------------
    def render_budget(self) -> Budget:
        """A time and size budget for one render in a worker thread (Workbench.render_budget)."""
        return self.workbench.render_budget()

    def cancel_renders(self) -> None:
        self.workbench.cancel_renders()

    def exit(self, *args, **kwargs) -> None:
        self.cancel_renders()
        super().exit(*args, **kwargs)

    def on_unmount(self) -> None:
        self.cancel_renders()  # however the app ends, its worker threads must not outlive it for long

    # ---- paths --------------------------------------------------------------------------
    def display_path(self, path: Path) -> str:
        return self.workbench.display_path(path)

    def rel(self, path: Path) -> str:
        return self.workbench.rel(path)

    def draft_sheets(self) -> set[Path]:
        out = {d.sheet.resolve() for d in find_drafts(self.folder)}
        editor = self.editor()
        if editor is not None and editor.session.dirty:
            out.add(editor.session.path.resolve())
        return out

    def list_screen(self) -> SheetListScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, SheetListScreen):
                return screen
        return None

    def editor(self) -> EditorScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen):
                return screen
        return None

    def sheet_changed(self, path: Path) -> None:
        screen = self.list_screen()
        if screen is not None:
            screen.update_path(path)

    # ---- what the screens ask for and tell (tui/messages.py) ----------------------------
    @on(msg.OpenSheet)
    def _open_sheet_asked(self, message: msg.OpenSheet) -> None:
        self.open_sheet(message.path)

    @on(msg.OpenForm)
    def _open_form_asked(self, message: msg.OpenForm) -> None:
        self.open_form(message.kind, message.path, message.then, pick=message.pick)

    @on(msg.SetUpOffice)
    def _set_up_office_asked(self, message: msg.SetUpOffice) -> None:
        self.set_up_office(message.then)

    @on(msg.OfferFacts)
    def _offer_facts_asked(self, message: msg.OfferFacts) -> None:
        self.offer_facts(message.near, message.then)

    @on(msg.NewSheet)
    def _new_sheet_asked(self, message: msg.NewSheet) -> None:
        self.new_sheet(message.near)

    @on(msg.Commit)
    def _commit_asked(self, message: msg.Commit) -> None:
        self.action_commit()

    @on(msg.CloseEditor)
    def _close_editor_asked(self, message: msg.CloseEditor) -> None:
        editor = self.editor()
        if editor is not None:
            self.close_editor(editor)

    @on(msg.SheetChanged)
    def _sheet_changed(self, message: msg.SheetChanged) -> None:
        self.sheet_changed(message.path)

    @on(msg.FileSaved)
    def _file_saved(self, message: msg.FileSaved) -> None:
        screen = self.list_screen()
        if screen is not None:
            screen.wrote(message.path)

    @on(msg.ProfileChanged)
    @on(msg.FactsChanged)
    def _shared_file_changed(self, message: msg.ProfileChanged | msg.FactsChanged) -> None:
        """Every reply may read the profile or facts: the open editor previews again, the list
        assesses its rows again."""
        editor = self.editor()
        if editor is not None:
            editor.facts_changed()
        self._reload_list()

    # ---- opening and closing sheets -----------------------------------------------------
    def _offer_drafts(self) -> None:
        drafts = find_drafts(self.folder)
        if not drafts:
            return
        draft = drafts[0]
        more = f"\n（另有 {len(drafts) - 1} 份草稿，打开对应答复时会再提示）" if len(drafts) > 1 else ""
        message = (f"{self.rel(draft.sheet)}\n有一份未保存的草稿（{draft.when}），可能是上次异常退出留下的。{more}")

        def done(answer):
            if answer == "restore":
                kind = file_kind(draft.sheet)
                if kind == "sheet":
                    self.open_sheet(draft.sheet, draft_text=draft.text, draft_base=draft.base)
                else:
                    screen = self.list_screen()
                    self.open_form(kind, draft.sheet, (lambda _: screen.reload()) if screen else None,
                                   draft_text=draft.text, draft_base=draft.base, pick=False)
            elif answer == "discard":
                discard_draft(draft.sheet)
                screen = self.list_screen()
                if screen:
                    screen.reload()

        self.push_screen(Ask("发现未保存的草稿", message, [
            ("restore", "恢复草稿", "primary"), ("discard", "丢弃草稿", "error"), ("later", "以后再说", "default")]),
            done)

    def open_sheet(self, path: Path, draft_text: str | None = None, draft_base: str | None = None) -> None:
        if self.editor() is not None:
            self.notify("请先关闭正在编辑的答复", severity="warning")
            return
        if draft_text is None:
            draft = read_draft(path)
            if draft is not None:
                def done(answer):
                    if answer == "restore":
                        self.open_sheet(path, draft_text=draft.text, draft_base=draft.base)
                    elif answer == "discard":
                        discard_draft(path)
                        self.open_sheet(path, draft_text="")

                self.push_screen(Ask("发现未保存的草稿", f"{self.rel(path)}\n有一份未保存的草稿（{draft.when}）。", [
                    ("restore", "恢复草稿", "primary"), ("discard", "丢弃草稿", "error")]), done)
                return
        try:
            session = SheetSession(path, self.loader)
            if draft_text:
                session.restore(draft_text, draft_base)
        except InputError as exc:
            where = f"第 {exc.where.line} 行：" if exc.where.line else ""
            self.push_screen(RawScreen(Path(path), self.rel(path), where + exc.message + (f"（{exc.hint}）" if exc.hint else "")),
                             lambda _: self.sheet_changed(path))
            return
        self.push_screen(EditorScreen(session, self.workbench, restored=bool(draft_text)))

    def open_form(self, kind: str, path: Path, callback=None, *, draft_text: str | None = None,
                  draft_base: str | None = None, **kw) -> None:
        """Open the profile ("profile") or facts ("facts") screen on path, offering back a left-over draft."""
        if draft_text is None:
            draft = read_draft(path)
            if draft is not None:
                def done(answer):
                    if answer == "restore":
                        self.open_form(kind, path, callback, draft_text=draft.text, draft_base=draft.base, **kw)
                    elif answer == "discard":
                        discard_draft(path)
                        self.open_form(kind, path, callback, draft_text="", **kw)

                self.push_screen(Ask("发现未保存的草稿", f"{self.rel(path)}\n有一份未保存的草稿（{draft.when}）。", [
                    ("restore", "恢复草稿", "primary"), ("discard", "丢弃草稿", "error")]), done)
                return
        try:
            if kind == "facts":
                unsaved = self._unsaved_texts()
                screen = FactsScreen(path, self.workbench, draft_text=draft_text or None, draft_base=draft_base,
                                     pick=kw.get("pick", False), unsaved=unsaved)
            else:
                screen = ProfileScreen(path, self.workbench, draft_text=draft_text or None, draft_base=draft_base)
        except InputError as exc:
            where = f"第 {exc.where.line} 行：" if exc.where.line else ""
            def fixed(result) -> None:  # the text may have been corrected: every reply may read it anew
                self.post_message(msg.FactsChanged(path) if kind == "facts" else msg.ProfileChanged(path))
                if callback is not None:
                    callback(result)

            self.push_screen(RawScreen(Path(path), self.rel(path), where + exc.message +
                                       (f"（{exc.hint}）" if exc.hint else "")), fixed)
            return
        self.push_screen(screen, callback)

    def _unsaved_texts(self) -> dict[Path, str]:
        """The open editor's sheet as it would be saved now, when it has unsaved changes."""
        editor = self.editor()
        if editor is None or not editor.session.dirty:
            return {}
        try:
            return {editor.session.path: editor.session.text()}
        except (InputError, EditError):  # its text cannot be made now: the file on disk stands for it
            return {}

    # ---- a new office: profile, facts, git ------------------------------------------------
    def set_up_office(self, then=None) -> None:
        """Ask for the bureau's details and write profile.yaml (with an empty facts.yaml and a
        .gitignore when there is no facts.yaml yet) into the workspace folder; then offer git.
        then(path of the new profile) runs after it is written."""
        folder = self.folder
        whole = not (folder / FACTS_NAME).exists()

        def done(info: OfficeInfo | None) -> None:
            if info is None:
                self.notify("以后可按 F8 建立单位信息")
                return
            try:
                if whole:
                    create_office(folder, info, git=False)
                else:
                    create_profile(folder, info)
                    ensure_gitignore(folder)
            except InputError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            self.post_message(msg.ProfileChanged(folder / PROFILE_NAME))
            self.notify("已建立单位信息" + ("和事实库" if whole else "") + "。按 Ctrl+N 新建答复。")
            self._offer_git(lambda: then(folder / PROFILE_NAME) if then else None)

        self.push_screen(InitOffice(folder.name, "office" if whole else "profile"), done)

    def offer_facts(self, near: Path, then) -> None:
        """F9/F2 where no facts.yaml is found: offer to create an empty one beside the profile
        found from near (or in the workspace folder); then(path) once it exists."""
        folder, title = new_facts_home(near, self.folder, self.loader)

        def done(answer):
            if answer != "create":
                return
            try:
                path = create_facts(folder, title)
            except InputError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            self.notify(f"已建立事实库：{self.display_path(path)}")
            self.post_message(msg.FactsChanged(path))
            if then is not None:
                then(path)

        self.push_screen(Ask("还没有事实库", f"这里还没有事实库（facts.yaml）。\n在 {self.display_path(folder)} 建立一个空的事实库，"
                             "以后在里面添加数据和常用段落吗？",
                             [("create", "建立事实库", "primary"), ("cancel", "取消", "default")]), done)

    def _offer_git(self, then=None) -> None:
        """Ask before `git init` when the workspace is not a repository yet (and git is installed)."""
        def finish():
            if then:
                then()

        if self._git is False or git.repo_root(self.folder) is not None or not git.available():
            finish()
            return

        def done(answer):
            if answer == "git":
                try:
                    git.init(self.folder)
                except git.GitError as exc:
                    self.notify(f"建立 git 仓库失败：{exc}", severity="error", timeout=10)
                else:
                    self.git_enabled = True
                    self._reload_list()
                    self.notify("已建立 git 仓库：按 F7 提交修改")
            finish()

        self.push_screen(Ask("建立 git 仓库？", f"{self.folder.name} 还不是 git 仓库。建立仓库后，可以查看每份答复"
                             "改了什么（F6），并把修改提交保存（F7）。",
                             [("git", "建立仓库", "primary"), ("later", "暂不", "default")]), done)

    def _reload_list(self) -> None:
        screen = self.list_screen()
        if screen is not None:
            screen.reload()

    def close_editor(self, editor, then=None) -> None:
        """Leave the editor, asking first when there are unsaved changes."""
        def leave():
            editor.keeper.discard() if not editor.session.dirty else None
            self.pop_screen()
            self.sheet_changed(editor.session.path)
            screen = self.list_screen()
            if screen is not None:
                screen.show_path(editor.session.path)  # F6/F7/Enter next act on the reply just closed
            if then:
                then()

        if not editor.session.dirty:
            leave()
            return
        def done(answer):
            if answer == "save":
                if editor.action_save(then=leave):
                    leave()
            elif answer == "discard":
                editor.session.discard()
                editor.keeper.discard()
                leave()

        self.push_screen(unsaved_question(editor.rel), done)

    # ---- app actions --------------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_rows(help_sections())))

    def action_help_quit(self) -> None:
        self.notify("按 Ctrl+Q 退出", title="要退出吗？")

    async def action_quit(self) -> None:
        dirty = [s for s in self.screen_stack if isinstance(s, (EditorScreen, YamlFormScreen)) and s.session.dirty]
        if not dirty:
            self.exit(0)
            return
        names = "、".join(self.rel(s.session.path) for s in dirty)

        def save_next():  # one by one: a save may stop to ask about a conflict, then go on
            while dirty:
                if not dirty.pop(0).action_save(then=save_next):
                    return
            self.exit(0)

        def done(answer):
            if answer == "save":
                save_next()
            elif answer == "discard":
                for s in dirty:
                    s.session.discard()
                    s.keeper.discard()
                self.exit(0)

        self.push_screen(Ask("退出前保存修改？", f"{names}\n有未保存的修改。", [
            ("save", "保存并退出", "primary"), ("discard", "不保存，退出", "error"), ("cancel", "取消", "default")]),
            done)

    def action_new_sheet(self) -> None:
        screen = self.list_screen()
        row = screen.current_row() if screen else None
        self.new_sheet(row.path if row else None)

    def new_sheet(self, near: Path | None = None) -> None:
        """Ask for a new sheet's details, in near's folder by default; write it and open it."""
        if self.editor() is not None:
            self.notify("请先关闭正在编辑的答复", severity="warning")
            return
        folders = office_folders(self.folder)
        choices = [(self.rel(f) if f != self.folder else f"{self.folder.name}（工作文件夹）", f) for f in folders]
        default = Path(near).parent if near is not None else None
        self.push_screen(NewSheet(choices, default), self._create_sheet)

    def _create_sheet(self, values: dict | None) -> None:
        if not values:
            return
        path = Path(values["folder"]) / values["name"]
        atomic_write_text(path, new_sheet_text(values["kind"], proposers=values["proposers"], number=values["number"],
                                               proposal_title=values["title"]))
        self.notify(f"已新建：{self.display_path(path)}")
        self.sheet_changed(path)
        self.open_sheet(path, draft_text="")

    def action_commit(self) -> None:
        if not self.git_enabled:
            self.notify("这个文件夹不是 git 仓库", severity="warning")
            return
        status = git.status(self.folder)
        files = [(self.rel(p), p, st.label) for p, st in sorted(status.items()) if _committable(p)]
        if not files:
            self.notify("没有需要提交的修改")
            return
        editor = self.editor()
        note = "正在编辑的答复有未保存的修改：提交的是已保存的内容。" if editor and editor.session.dirty else ""

        def done(result):
            if not result:
                return
            paths, message = result
            try:
                short = git.commit(self.folder, paths, message)
            except git.GitError as exc:
                self.notify(f"提交失败：{exc}", severity="error")
                return
            self.notify(f"已提交 {len(paths)} 个文件（{short}）")
            screen = self.list_screen()
            if screen:
                screen.reload()

        self.push_screen(CommitDialog(files, note), done)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="搜索命令……", id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of the screen in front, with the key that does it."""
        seen = set()
        for owner, bindings in ((screen, screen.BINDINGS), (self, self.BINDINGS)):
            for b in bindings:
                if not b.description or b.action in seen or b.action in ("help_quit",):
                    continue
                if owner is screen and screen.check_action(b.action, ()) is False:
                    continue
                seen.add(b.action)
                yield SystemCommand(b.description, f"按键：{key_label(b.key)}", partial(owner.run_action, b.action))
        if isinstance(screen, EditorScreen):
            for b in Outline.BINDINGS:
                action = b.action.removeprefix("screen.")
                yield SystemCommand(f"正文：{b.description}", f"在正文结构中按 {key_label(b.key)}",
                                    partial(screen.run_action, action))
            for tab, name in (("tab-basic", "基本信息"), ("tab-body", "正文"), ("tab-opening", "开头结尾"),
                              ("tab-other", "附注与其他")):
                yield SystemCommand(f"切换到：{name}", "编辑页的标签", partial(screen.switch_tab, tab))
        if isinstance(screen, SheetListScreen):
            for title, help_text, callback in screen.palette_commands():
                yield SystemCommand(title, help_text, callback)
        yield SystemCommand("切换深色/浅色", "界面配色", self._toggle_dark)

    def _toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"


def help_sections() -> list[Section]:
    """The help table's sections: each screen's bindings and the keys Textual's widgets bring."""
    return [
        ("全局", DrafterApp.BINDINGS, []),
        ("答复列表", SheetListScreen.BINDINGS, ["输入文字：筛选列表", "↑/↓：选择", "Backspace：删去筛选的最后一字"]),
        ("编辑", EditorScreen.BINDINGS, ["Tab / Shift+Tab：下一项 / 上一项",
                                        "Ctrl+Z（在文字框里）：撤销输入的文字"]),
        ("正文结构", Outline.BINDINGS, ["↑/↓：选择小节或要点，右侧即可编辑",
                                      "Esc（在小节或要点的编辑框里）：回到正文结构"]),
        ("事实库", FactsScreen.BINDINGS, ["回车：插入 {{ facts.名称 }}（从编辑中按 F2 打开时）"]),
        ("单位信息", ProfileScreen.BINDINGS, []),
    ]


def run(folder: Path) -> int:
    """Open the workbench on folder; the exit status for the CLI."""
    app = DrafterApp(Path(folder))
    result = app.run()
    return result or 0


def _committable(path: Path) -> bool:
    """What the clerk commits: sheets, profile and facts, own templates, and the .gitignore
    `drafter init` wrote (drafts and other hidden files stay out)."""
    return path.name == ".gitignore" or (path.suffix in (".yaml", ".yml", ".j2") and not path.name.startswith("."))
