"""Unexpected errors and the log: a one-line message for the user, the details in files.

Every error a user can cause has its own message (``monitor.core.errors``). Anything else is
a defect of the program; the user still gets words, not a traceback, and the traceback goes
to a crash report in the platform's log folder (``monitor.core.places``).

Beside the crash reports: ``monitor.log``, the log of what the program did (started, sensors
connected and lost, sets saved, errors; rotated at 1 MB, 3 old files kept), and
``native-crash.log``, where :mod:`faulthandler` writes the Python stack of every thread when
the process dies in native code (a crash inside Qt or a driver) and no crash report could be
written. The log names sensors by family, address and placement and sets and sessions by
number; it never holds a patient's code, name or notes.

Crash reports are meant to be sent to the developers, so they carry no patient data: the
command line keeps the command and its option names but only the values that cannot
identify anyone (an exercise id, a rate), and the patient code and measurement moment are
blanked wherever they appear in the text. The folder is the user's only (0700), each report
too (0600); when that folder cannot be written the report is not written anywhere else (a
shared folder such as /tmp would expose it).
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import Final

from monitor.core import places
from monitor.core.version import VERSION

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


LOG_FILE: Final = "monitor.log"
NATIVE_CRASH_FILE: Final = "native-crash.log"
# A month of daily use logs well under 1 MB; four files keep the last months.
LOG_MAX_BYTES: Final = 1_000_000
LOG_BACKUPS: Final = 3
# Past this the native-crash file starts again (its old content kept as .old).
NATIVE_CRASH_MAX_BYTES: Final = 1_000_000
# The packages whose loggers write to the log file.
LOGGED_PACKAGES: Final = ("monitor", "devices", "recordings", "calibration")

log = logging.getLogger(__name__)
_native: dict[str, object] = {}       # the open native-crash file (kept for faulthandler)


def crash_dir() -> Path:
    return places.crash_dir()


def start_log(what: str) -> Path | None:
    """Log to the rotating file in the log folder from now on (``what``: the command or
    "app", said in the start line) and let a native crash leave its stack in
    ``native-crash.log``. The log file's path, or None where the folder cannot be written
    (then nothing is logged; the program works as before). Calling it again (another
    command in the same process) follows the folder's current place."""
    folder = places.log_dir()
    path = folder / LOG_FILE
    handler = _file_handler()
    if handler is None or Path(handler.baseFilename) != path:
        try:
            _private_folder(folder)
            _private_file(path)
            new = logging.handlers.RotatingFileHandler(
                path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
        except OSError:
            return None
        new.setFormatter(logging.Formatter(
            "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
        new.set_name("monitor-log")
        for name in LOGGED_PACKAGES:
            logger = logging.getLogger(name)
            logger.setLevel(logging.INFO)
            if handler is not None:
                logger.removeHandler(handler)
            logger.addHandler(new)
        if handler is not None:
            handler.close()
    _enable_faulthandler(folder / NATIVE_CRASH_FILE)
    # The system from uname (platform.platform() also asks `uname -p` in a child process).
    system = platform.uname()
    log.info("monitor %s started (%s) with Python %s on %s %s %s", VERSION, what,
             platform.python_version(), system.system, system.release, system.machine)
    return path


def _file_handler() -> logging.handlers.RotatingFileHandler | None:
    for h in logging.getLogger(LOGGED_PACKAGES[0]).handlers:
        if h.get_name() == "monitor-log" and isinstance(h, logging.handlers.RotatingFileHandler):
            return h
    return None


def _private_file(path: Path) -> None:
    """The file exists and is the user's only (0600) before a handler opens it."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
    os.close(fd)


def _enable_faulthandler(path: Path) -> None:
    old = _native.get("file")
    if old is not None and getattr(old, "name", None) == str(path) and faulthandler.is_enabled():
        return
    try:
        if path.exists() and path.stat().st_size > NATIVE_CRASH_MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".old"))
        _private_file(path)
        fh = open(path, "a", encoding="utf-8")     # noqa: SIM115 - open for the process
    except OSError:
        return
    faulthandler.enable(file=fh, all_threads=True)
    _native["file"] = fh
    if old is not None:
        old.close()


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
    if places.is_own(folder.stat()):
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
             "; the details could not be saved (the log folder cannot be written)")
    detail = str(exc)
    if len(detail) > 300:
        detail = detail[:300] + "..."
    return (f"unexpected problem ({type(exc).__name__}: {detail}){where}. Recorded data is "
            "kept. Please report this with the details file.")
