"""The workbench's stylesheet, kept in Python so that it ships inside the package (a .tcss file
would need package-data in pyproject.toml)."""

CSS = """
/* drafter workbench: compact rows so a whole form fits 80×24. */

TitleBar {
    height: 1;
    width: 100%;
    background: $primary;
    color: $text;
    text-style: bold;
}

#filter {
    height: 1;
    margin: 0 0 0 0;
    border: none;
}

#sheets {
    height: 1fr;
}

#list-status, #problem-bar, #hint-bar {
    height: 1;
    width: 100%;
    padding: 0 1;
}

#list-status, #hint-bar {
    color: $text-muted;
}

#problem-bar {
    background: $boost;
}

/* ---- form rows ---- */
.form-scroll {
    height: 1fr;
    padding: 0 1;
}

FieldRow {
    height: auto;
    margin: 0 0 0 0;
}

.row-label {
    width: 14;
    padding: 0 1 0 0;
    text-align: right;
    color: $text-muted;
}

FieldRow.-invalid .row-label {
    color: $error;
    text-style: bold;
}

.row-body {
    width: 1fr;
    height: auto;
}

.row-error {
    display: none;
    color: $error;
    width: 100%;
}

.row-error.-shown {
    display: block;
}

FieldRow Input, FieldRow Select {
    width: 1fr;
}

FieldRow Input {
    height: 1;  /* fixed: an auto-sized Input asks for a full layout pass on every keystroke */
}

FieldRow TextArea {
    height: 4;
    border: none;
    padding: 0 1;
    background: $boost;
}

FieldRow TextArea:focus {
    border: none;
    background: $surface-lighten-1;
}

FieldRow TextArea.h3 { height: 3; }
FieldRow TextArea.h5 { height: 5; }
FieldRow TextArea.h6 { height: 6; }
FieldRow TextArea.h10 { height: 10; }

.detail-help {
    color: $text-muted;
    padding: 0 1;
    height: auto;
}

/* ---- editor ---- */
#main {
    height: 1fr;
}

#form {
    width: 1fr;
    height: 1fr;
}

#form > ContentSwitcher {
    height: 1fr;
}

TabPane {
    padding: 0;
    height: 1fr;
}

#body {
    height: 1fr;
}

#outline-box {
    width: 32;
    height: 1fr;
    border-right: vkey $panel-lighten-2;
}

EditorScreen.wide #outline-box {
    width: 40;
}

#outline {
    height: 1fr;
}

#outline-tools {
    height: 1;
}

#outline-tools Button {
    min-width: 4;
    margin: 0 1 0 0;
}

#detail {
    width: 1fr;
}

#preview-pane {
    display: none;
    height: 1fr;
}

EditorScreen.wide #preview-pane {
    display: block;
    width: 70;
    border-left: vkey $panel-lighten-2;
}

EditorScreen.wide.no-preview #preview-pane {
    display: none;
}

EditorScreen.preview-only #form {
    display: none;
}

EditorScreen.preview-only #preview-pane {
    display: block;
    width: 1fr;
    align-horizontal: center;
}

#preview-title {
    height: 1;
    width: 100%;
    background: $panel;
    padding: 0 1;
}

#paper {
    height: 1fr;
    width: 100%;
}

EditorScreen.has-errors #problem-bar {
    background: $error 20%;
}

/* ---- dialogs ---- */
.dialog-screen {
    align: center middle;
}

.dialog {
    width: 64;
    height: auto;
    max-height: 90%;
    border: thick $primary;
    background: $surface;
    padding: 0 1;
}

.dialog-wide {
    width: 90%;
    max-width: 110;
}

.dialog-tall {
    height: 90%;
}

.dialog-title {
    width: 100%;
    text-style: bold;
    padding: 0 0 1 0;
}

.dialog-message {
    height: auto;
    padding: 0 0 1 0;
}

.dialog-message.warn {
    color: $warning;
}

.dialog-buttons {
    height: auto;
    align: center middle;
    padding: 1 0 0 0;
}

.dialog-buttons Button {
    margin: 0 2;
}

.dialog .row {
    height: auto;
    margin: 0 0 1 0;
}

.dialog .row Input, .dialog .row Select {
    width: 1fr;
}

#commit-files {
    height: auto;
    max-height: 12;
    margin: 0 0 1 0;
}

#problem-list, #help-table, #diff-scroll {
    height: 1fr;
}

/* ---- facts ---- */
#fact-filter {
    height: 1;
}

#facts-body {
    height: 1fr;
}

#fact-table {
    height: 1fr;
}

#fact-form {
    height: auto;
    max-height: 50%;
    border-top: hkey $panel-lighten-2;
}

.fact-ref {
    color: $accent;
    padding: 0 0 0 15;
}

#raw-error {
    height: auto;
}

#raw-text {
    height: 1fr;
}
"""
