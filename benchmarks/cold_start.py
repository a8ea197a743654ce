"""The desktop app's start: from starting the process to its first window shown and painted.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/cold_start.py [--repeat 5]
                                                                  [--compare OTHER_CHECKOUT]

Each run is a new process (`monitor --db NEW.db`, as the desktop starts it, on an empty
database in a temporary folder, the settings in a temporary folder too) whose main window
reports the moment it was first shown and the moment its first paint ended (the window is
usable from then on); the process then quits. Measured from just before the process is
started, so Python's own start-up and every import count. Printed per checkout: the median
and best wall-clock time to the first paint and the CPU time the process had used by then
(steadier on a machine busy with other work). With --compare, another checkout runs in
turns with this one (same Python environment, same machine load).

Python may keep compiled modules (PYTHONDONTWRITEBYTECODE is dropped for the runs, as an
installed app keeps them). The files Python and Qt read are in the page cache after the
first run (as on a laptop where the app was used before); a first start after booting reads
them from disk.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

import monitor.ui.app as app_module

marks = {}


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "painted" not in marks:
            QTimer.singleShot(0, done)
        return False


def done():
    if "painted" not in marks:
        marks["painted"] = time.time()
        marks["cpu"] = time.process_time()
        print(json.dumps(marks), flush=True)
        QApplication.instance().quit()


class Probe(app_module.MainWindow):
    def showEvent(self, event):
        super().showEvent(event)
        if "shown" not in marks:
            marks["shown"] = time.time()
            self._probe = FirstPaint()
            QApplication.instance().installEventFilter(self._probe)


app_module.MainWindow = Probe
from monitor.cli import main
main(sys.argv[1:])
"""


def without_bytecode_off() -> dict[str, str]:
    """The environment, with Python allowed to keep compiled modules (as an installed app
    does after its first start; PYTHONDONTWRITEBYTECODE would compile every module at every
    start, most of a second)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def one_start(tree: Path, tmp: Path) -> dict:
    env = {**without_bytecode_off(), "PYTHONPATH": str(tree),
           "XDG_CONFIG_HOME": str(tmp / "config"), "XDG_DATA_HOME": str(tmp / "data"),
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    db = tmp / "start.db"
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", PROBE, "--db", str(db)], env=env, cwd=tree,
                         capture_output=True, text=True, timeout=120)
    line = next((x for x in out.stdout.splitlines() if x.startswith('{"shown"')), None)
    if line is None:
        raise SystemExit(f"the app did not show a window:\n{out.stdout}\n{out.stderr}")
    m = json.loads(line)
    return {"shown": m["shown"] - t0, "painted": m["painted"] - t0, "cpu": m["cpu"]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--compare", type=Path, help="another checkout to run in turns")
    args = ap.parse_args()
    trees = ([args.compare.resolve()] if args.compare else []) + [ROOT]
    results: dict[Path, list[dict]] = {t: [] for t in trees}
    with tempfile.TemporaryDirectory() as d:
        for k in range(args.repeat + 1):
            for tree in trees:
                tmp = Path(d) / f"{tree.name}-{k}"
                tmp.mkdir()
                r = one_start(tree, tmp)
                if k:                      # the first run of each fills the page cache
                    results[tree].append(r)
    print(f"start to first painted window, {args.repeat} runs each (load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for tree in trees:
        rs = results[tree]
        painted = [r["painted"] for r in rs]
        print(f"  {tree}: median {statistics.median(painted):.2f} s, best {min(painted):.2f} s"
              f" (shown at {statistics.median(r['shown'] for r in rs):.2f} s); CPU by then "
              f"median {statistics.median(r['cpu'] for r in rs):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
