"""What a command imports: the command line never loads Qt, and `monitor analyze` of a set of
repetitions does not load the slow scipy modules (scipy.signal alone takes about a second),
nor does the app to show its window. Run in fresh processes: the imports of the test session
would hide them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from monitor.signal.simulate import simulate_session
from recordings.imu_csv import write_imu_csv

SLOW = ("scipy.signal", "scipy.interpolate", "scipy.optimize", "scipy.stats")
PROBE = """
import json, sys
from monitor.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def modules_after(*argv: str) -> tuple[int, set[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True,
                         text=True, env=env, timeout=300, check=True)
    last = json.loads(out.stdout.strip().splitlines()[-1])
    return last["code"], set(last["modules"])


def test_analyze_loads_neither_qt_nor_the_slow_scipy_modules(tmp_path):
    sim = simulate_session("knee_extension_seated", reps=5, rate_hz=100.0, seed=3)
    path = tmp_path / "set.csv"
    write_imu_csv(path, sim.recording)
    code, modules = modules_after("analyze", str(path), "--json")
    assert code == 0
    assert not {m for m in modules if m.split(".")[0] in ("PySide6", "pyqtgraph")}
    assert not modules & set(SLOW), modules & set(SLOW)
    assert "bleak" not in modules


@pytest.mark.gui
def test_the_app_shows_its_window_without_the_slow_scipy_modules_or_bleak(tmp_path):
    probe = """
import json, sys
from PySide6.QtCore import QTimer
import monitor.ui.app as app
shown = {}
class Probe(app.MainWindow):
    def showEvent(self, event):
        super().showEvent(event)
        if not shown:
            shown["modules"] = sorted(sys.modules)
app.MainWindow = Probe
from monitor.cli import main
main(sys.argv[1:])
print(json.dumps(shown))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", probe, "--db", str(tmp_path / "m.db"),
                          "--quit-after", "0"], capture_output=True, text=True, env=env,
                         timeout=300, check=True)
    modules = set(json.loads(out.stdout.strip().splitlines()[-1])["modules"])
    assert "PySide6.QtWidgets" in modules                 # the probe saw the window
    assert not modules & set(SLOW), modules & set(SLOW)
    assert "bleak" not in modules and "monitor.ui.report" not in modules
