"""Unexpected errors: a one-line message for the user, the details in a file to report.

Every error a user can cause has its own message (``monitor.core.errors``). Anything else is
a defect of the program; the user still gets words, not a traceback, and the traceback goes
to a crash report in the data folder beside the session database.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path


def crash_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "legimu-monitor" / "crash-reports"


def write_crash_report(exc: BaseException, context: str = "") -> Path | None:
    """Write the traceback of ``exc`` to a new file; its path, or None if nothing is writable."""
    text = (f"monitor crash report, {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
            f"python {sys.version.split()[0]} on {sys.platform}\n"
            f"context: {context or '-'}\n\n"
            + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for folder in (crash_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for n in range(1000):       # several in one second each get their own file
                path = folder / f"monitor-crash-{stamp}-{os.getpid()}-{n}.txt"
                try:
                    with path.open("x", encoding="utf-8") as f:
                        f.write(text)
                    return path
                except FileExistsError:
                    continue
        except OSError:
            continue
    return None


def describe(exc: BaseException, report: Path | None) -> str:
    """The user's message for an unexpected error."""
    where = f"; details in {report}" if report else ""
    return (f"unexpected problem ({type(exc).__name__}: {exc}){where}. Recorded data is kept. "
            "Please report this with the details file.")
