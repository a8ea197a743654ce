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
