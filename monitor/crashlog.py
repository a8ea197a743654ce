"""Unexpected errors: a one-line message for the user, the details in a file to report.

Every error a user can cause has its own message (``monitor.core.errors``). Anything else is
a defect of the program; the user still gets words, not a traceback, and the traceback goes
to a crash report in the user's data folder.

Crash reports are meant to be sent to the developers, so they carry no patient data: the
command line keeps the command and its option names but only the values that cannot
identify anyone (an exercise id, a rate), and the patient code and measurement moment are
blanked wherever they appear in the text. The folder is the user's only (0700), each report
too (0600); when that folder cannot be written the report is not written anywhere else (a
shared folder such as /tmp would expose it).
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

HIDDEN = "<hidden>"
# Options whose values say nothing about a patient (kept in the report's command line).
_PLAIN_OPTIONS = frozenset({
    "--exercise", "--format", "--rate", "--reps", "--seed", "--seconds", "--lang",
    "--mounting", "--fast-reps", "--low-amplitude-reps", "--noise-scale", "--gyro-offset",
    "--knee-lock", "--hip-helps", "--hip-rotation", "--quit-after", "--joint", "--side",
    "--sets", "--participants", "--axes"})
_COMMANDS = frozenset({"analyze", "simulate", "scan", "sessions", "record", "export",
                       "import", "report", "patient", "patients", "programme", "advise",
                       "tests", "group", "db", "recover", "copy", "add"})


def crash_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "legimu-monitor" / "crash-reports"


def redacted_command(argv: list[str]) -> str:
    """The command line without anything that could identify a patient: file names,
    patient codes, labels and notes become <hidden>."""
    out = ["monitor"]
    keep_next = False
    for token in argv[1:]:
        if keep_next:
            out.append(token)
            keep_next = False
        elif token.startswith("-"):
            name, sep, _value = token.partition("=")
            if sep:
                out.append(f"{name}={_value if name in _PLAIN_OPTIONS else HIDDEN}")
            else:
                out.append(name)
                keep_next = name in _PLAIN_OPTIONS
        elif token in _COMMANDS:
            out.append(token)
        else:
            out.append(HIDDEN)
    return " ".join(out)


def _private_folder(folder: Path) -> None:
    missing = []
    for p in (folder, *folder.parents):
        if p.exists():
            break
        missing.append(p)
    for p in reversed(missing):
        try:
            p.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(p, 0o700)
    if folder.stat().st_uid == os.geteuid():
        os.chmod(folder, 0o700)


def write_crash_report(exc: BaseException, context: str = "",
                       private: list[str] | None = None) -> Path | None:
    """Write the traceback of ``exc`` to a new user-only file in the crash-report folder;
    its path, or None if that folder cannot be written. Every string in ``private`` (the
    patient code, the label) is blanked in the text."""
    text = (f"monitor crash report, {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
            f"python {sys.version.split()[0]} on {sys.platform}\n"
            f"context: {context or '-'}\n\n"
            + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    for value in sorted(private or [], key=len, reverse=True):
        if len(value.strip()) >= 2:
            text = text.replace(value, HIDDEN)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = crash_dir()
    try:
        _private_folder(folder)
        for n in range(1000):       # several in one second each get their own file
            path = folder / f"monitor-crash-{stamp}-{os.getpid()}-{n}.txt"
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            return path
    except OSError:
        return None
    return None


def describe(exc: BaseException, report: Path | None) -> str:
    """The user's message for an unexpected error."""
    where = (f"; details in {report}" if report else
             "; the details could not be saved (the data folder cannot be written)")
    detail = str(exc)
    if len(detail) > 300:
        detail = detail[:300] + "..."
    return (f"unexpected problem ({type(exc).__name__}: {detail}){where}. Recorded data is "
            "kept. Please report this with the details file.")
