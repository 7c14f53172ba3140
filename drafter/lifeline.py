"""Worker processes end with the process that started them.

A pool's workers wait for work on a pipe that their siblings also hold open, so when the parent
is killed outright (SIGKILL, the task manager) nothing tells them: they would stay, re-parented,
holding the console. Each worker therefore watches its parent's sentinel (a pipe end under fork
and forkserver, the parent's process handle under spawn on Windows) and leaves at once when it
fires. Pool initializers call `die_with_parent()`.
"""

from __future__ import annotations

import os
import threading


def die_with_parent() -> None:
    """In a multiprocessing child: end this process as soon as its parent ends."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is None or getattr(parent, "sentinel", None) is None:
        return

    def watch() -> None:
        from multiprocessing.connection import wait

        wait([parent.sentinel])
        os._exit(1)  # no clean-up: the parent that would want the results is gone

    threading.Thread(target=watch, name="drafter-lifeline", daemon=True).start()
