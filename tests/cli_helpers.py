"""Running a `monitor` command inside the test process (fast; no interpreter start-up)."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import monitor
from monitor import cli as _cli
from monitor.cli import main

# What `python -m monitor` has as sys.argv[0] (the crash report names the command from it).
_ENTRY = str(Path(monitor.__file__).with_name("__main__.py"))


@contextlib.contextmanager
def _left_as_found(args):
    """What `main()` changes for the rest of a process, put back afterwards: the language of
    the output, the log file's handler (and the levels it set), the stores and notes of the
    command, sys.argv and the Qt platform variable (set by `report` without a display)."""
    from monitor import crashlog
    from monitor.core import i18n, places

    lang = i18n.language()
    loggers = {name: (logging.getLogger(name).level, list(logging.getLogger(name).handlers))
               for name in crashlog.LOGGED_PACKAGES}
    argv, qpa = sys.argv, os.environ.get("QT_QPA_PLATFORM")
    sys.argv = [_ENTRY, *args]
    try:
        yield
    finally:
        sys.argv = argv
        i18n.set_language(lang)
        added = set()
        for name, (level, handlers) in loggers.items():
            logger = logging.getLogger(name)
            for h in list(logger.handlers):
                if h not in handlers:
                    logger.removeHandler(h)
                    added.add(h)
            logger.setLevel(level)
        for h in added:
            h.close()
        _cli._close_stores()
        _cli._OPENED.clear()
        places.NOTES.clear()
        if qpa is None:
            os.environ.pop("QT_QPA_PLATFORM", None)
        else:
            os.environ["QT_QPA_PLATFORM"] = qpa


def _main(args) -> int:
    """`main(args)` with the exit code a process would have (argparse exits by SystemExit)."""
    with _left_as_found(args):
        try:
            return main(list(args))
        except SystemExit as exc:
            if exc.code is None:
                return 0
            if isinstance(exc.code, int):
                return exc.code
            print(exc.code, file=sys.stderr)
            return 1


def cli(capsys, *args):
    """Run a command; (exit code, parsed JSON or the text printed, stderr)."""
    code = _main(args)
    out, err = capsys.readouterr()
    try:
        return code, json.loads(out), err
    except json.JSONDecodeError:
        return code, out, err


@dataclass
class Ran:
    """What a run of `monitor` gave, named as subprocess.run names it."""

    returncode: int
    stdout: str
    stderr: str


def run_in_process(*args, timeout=None) -> Ran:
    """`subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True,
    text=True)` inside this process: the exit code and the text of stdout and stderr (the
    time limit of a process is not needed here and ignored; an environment or a working
    folder is set with monkeypatch). Any argument is made a string.
    A thread that dies or an error nobody can raise is told on that stderr, as Python tells
    it in a process of its own (pytest would otherwise take it as a warning)."""
    args = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    hooks = threading.excepthook, sys.unraisablehook
    threading.excepthook, sys.unraisablehook = threading.__excepthook__, sys.__unraisablehook__
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = _main(args)
    finally:
        threading.excepthook, sys.unraisablehook = hooks
    return Ran(code, out.getvalue(), err.getvalue())


def add_patients(db, *codes):
    """The patients, added to the database ``db`` (created if need be) as `monitor patient
    add` adds them: `monitor record` and `monitor import` record only for known patients."""
    from recordings.store import Store

    store = Store(db)
    try:
        for code in codes:
            if store.patient(code) is None:
                store.save_patient(code)
    finally:
        store.close()
    return db
