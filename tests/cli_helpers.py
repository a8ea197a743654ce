"""Running a `monitor` command inside the test process (fast; no interpreter start-up)."""

from __future__ import annotations

import json

from monitor.cli import main


def cli(capsys, *args):
    """Run a command; (exit code, parsed JSON or the text printed, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    try:
        return code, json.loads(out), err
    except json.JSONDecodeError:
        return code, out, err


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
