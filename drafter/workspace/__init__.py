"""The clerk's workspace, without any user interface: editing sessions, drafts, git, the sheet list.

The TUI (drafter.tui) is a thin door over this package; nothing here imports Textual.
"""
