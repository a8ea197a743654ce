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


PACKAGES = ("monitor", "devices", "calibration", "recordings")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_scipy_is_imported_on_first_use_only_through_the_one_at_a_time_loader():
    """A calibration fitting the knee axis (scipy.optimize) while the session's background
    warm-up imported scipy.signal failed with "cannot import name 'LinearOperator' from
    partially initialized module" (scipy 1.11): two threads must not import scipy at once.
    Every import of scipy inside a function goes through monitor.core.lazy.load; a module
    that imports scipy at its top (monitor.signal.gait) is imported after load() did."""
    import ast
    from pathlib import Path

    found = []
    for pkg in PACKAGES:
        for path in sorted(Path(ROOT, pkg).rglob("*.py")):
            tree = ast.parse(path.read_text(), str(path))
            top = set(map(id, tree.body))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                else:
                    continue
                if any(n == "scipy" or n.startswith("scipy.") for n in names):
                    found.append((path.relative_to(ROOT).as_posix(), id(node) in top))
    inside = [p for p, at_top in found if not at_top]
    assert not inside, f"scipy imported inside a function, not through lazy.load: {inside}"
    assert {p for p, _ in found} == {"monitor/signal/gait.py"}, found
    analysis = Path(ROOT, "monitor/signal/analysis.py").read_text()
    assert analysis.index('load("scipy.signal")') < analysis.index(
        "from monitor.signal import gait")


def test_an_import_waits_while_another_thread_imports():
    """monitor.core.lazy.load lets one thread import at a time: while another holds it, a
    load of a module not yet imported waits; a module already imported is returned at once."""
    import threading

    from monitor.core import lazy

    name = "monitor.core.lazy_probe_module_that_does_not_exist"
    done = threading.Event()
    failed: list[BaseException] = []

    def other() -> None:
        try:
            lazy.load(name)
        except ImportError as exc:       # it does not exist: what matters is when it ran
            failed.append(exc)
        done.set()

    with lazy._LOCK:
        t = threading.Thread(target=other)
        t.start()
        assert lazy.load("json") is sys.modules["json"]      # already there: no waiting
        assert not done.wait(0.2)                            # the other import waits ...
    t.join(timeout=30)
    assert done.is_set() and failed                          # ... and runs once released
