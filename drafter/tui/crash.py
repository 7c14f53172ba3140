"""An unexpected error in a worker thread: logged (drafter.crashlog), shown to the clerk, app kept.

Textual ends the whole app with a traceback when a worker raises. Every worker body here expects
and handles its own errors (unreadable files, refused writes…); what is left is a defect in drafter.
Its details go to a log file, the clerk reads one Chinese line saying what failed and where the log
is, and the screen (with any unsaved work) stays.
"""

from __future__ import annotations

import functools
from typing import Callable

from textual.dom import DOMNode

from drafter.crashlog import internal_error


def report(node: DOMNode, exc: BaseException, doing: str) -> str:
    """Log exc and show the clerk what failed and where the details are; the line shown. Call it from
    a worker thread."""
    message = f"{doing}时出错：{internal_error(exc, context=doing).removeprefix('错误：')}"
    try:
        node.app.call_from_thread(node.notify, message, severity="error", title="内部错误", timeout=30)
    except RuntimeError:  # the app is closing: there is nothing left to show it on (the log has it)
        pass
    return message


def guarded(doing: str, fallback: Callable[..., None] | None = None):
    """For a worker's body (a method run in a thread): an exception it did not handle goes to report();
    then fallback(self, message, *args, **kwargs) (the body's arguments), if given, puts the screen
    back in a usable state."""
    def wrap(body):
        @functools.wraps(body)
        def run(self, *args, **kwargs):
            try:
                return body(self, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - a defect: logged and shown, never a traceback
                message = report(self, exc, doing)
                if fallback is not None:
                    fallback(self, message, *args, **kwargs)
                return None
        return run
    return wrap
