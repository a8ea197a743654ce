"""Render screenshots of every main view into docs/screenshots/ (referenced from the README).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]
Runs a demo patient through two measurement moments with simulated sensors (fast), then
grabs the live view during a set, the calibration panel, the history with progress and
overlay, a replay, and the first page of the PDF report (if pdftoppm is installed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from monitor.ui.app import make_app
from monitor.ui.main_window import MainWindow
from recordings.store import Store


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
    make_app(lang="en")
    tmp = Path(tempfile.mkdtemp())
    store = Store(tmp / "demo.db")
    win = MainWindow(store, demo_speed=8.0)
    win.resize(1500, 950)
    win.show()
    for moment, reps in (("intake", 6), ("week 6", 8)):
        win.patient_edit.setText("P0012")
        win.moment.setCurrentText(moment)
        win.open_patient()
        win.connect_demo()
        win.controller.demo_reps = reps
        win.calibrate()
        win.start_set()
        if moment == "week 6":
            pump(4.5)
            win.grab().save(str(out / "live.png"))
        while not win.controller.source.finished:
            pump(0.2)
        pump(0.3)
        win.stop_set()
    win.grab().save(str(out / "set_summary.png"))
    win.tabs.setCurrentWidget(win.history)
    win.history.overlay_btn.click()
    pump(0.3)
    win.grab().save(str(out / "history.png"))
    (set_id,) = [s["id"] for s in store.sets(store.sessions("P0012")[0].id)]
    win.replay(set_id)
    win.replayer.speed = 10.0
    pump(2.0)
    win.grab().save(str(out / "replay.png"))
    pdf = tmp / "report.pdf"
    win.report(str(pdf))
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                        str(out / "report")], check=True)
        page = out / "report-1.png"
        if page.exists():
            page.rename(out / "report.png")
    win.close()
    print("\n".join(str(p) for p in sorted(out.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
