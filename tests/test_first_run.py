"""A first start as a new user meets it: no display (over ssh, in a console)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("PySide6")


def run_without_display(tmp_path, *args):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True,
                          text=True, timeout=120, env=env)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
def test_no_display_is_said_in_words_not_a_core_dump(tmp_path):
    r = run_without_display(tmp_path, "--demo")
    assert r.returncode == 4, r.stderr
    assert "no display" in r.stderr and "QT_QPA_PLATFORM=offscreen" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    # A screenshot needs no screen: it is taken offscreen.
    shot = tmp_path / "demo.png"
    r = run_without_display(tmp_path, "--demo", "--quit-after", "2", "--screenshot",
                            str(shot))
    assert r.returncode == 0, r.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_scanning_without_the_bluetooth_service_says_what_to_do(tmp_path, monkeypatch):
    """No system bus (BlueZ not installed or not running): one sentence a therapist can
    act on, not "[Errno 2] No such file or directory"."""
    from devices.ble import BleHub, NoBluetoothServiceError

    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    hub = BleHub()
    try:
        with pytest.raises(NoBluetoothServiceError) as err:
            hub.scan(0.5)
    finally:
        hub.close()
    text = str(err.value)
    assert "Bluetooth service is not running" in text and "Errno" not in text


def test_the_next_step_is_always_in_view_until_the_first_set(qapp, qtbot, tmp_path,
                                                              monkeypatch):
    pytest.importorskip("pytestqt")
    from PySide6.QtCore import QSettings

    from monitor.ui.app import make_app
    from monitor.ui.main_window import MainWindow
    from recordings.store import Store

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    make_app(lang="en")
    win = MainWindow(Store(tmp_path / "m.db"), lang="en", demo_speed=20.0)
    clock = [1000.0]
    win.clock = lambda: clock[0]
    win.resize(1366, 768)
    win.show()
    qtbot.addWidget(win)

    def step() -> str:
        for _ in range(6):
            clock[0] += 0.05
            win.tick()
        return win.live_view.banner.text() if win.live_view.banner.isVisible() else ""

    assert step().startswith("Step 1 of 4: type the patient's code")
    # The targets before a patient: the exercise's catalogue dose, greyed (not 0 / 0).
    assert not win.targets_box.isEnabled()
    assert (win.band_lo.value(), win.band_hi.value(), win.reps_box.value()) == (10, 90, 10)
    win.patient_edit.setText("P0003")
    assert win.open_patient()
    assert win.targets_box.isEnabled()
    assert step().startswith("Step 2 of 4: strap the sensors on")
    win.connect_demo()
    assert step().startswith("Step 3 of 4: calibrate")
    win.calibrate()
    ticks = 0
    while win.controller.state == "calibrating" and ticks < 2000:
        step()
        ticks += 1
    assert win.controller.mountings
    assert step().startswith("Step 4 of 4: press Start")
    small = win.live_view.last_rep.font().pointSizeF(), win.live_view.banner.font()
    assert win.left_column.isVisible()
    win.start_set()
    assert not step().startswith("Step")
    # During the set what is read from across the room grows and takes the whole width.
    assert not win.left_column.isVisible()
    assert win.live_view.last_rep.font().pointSizeF() > small[0]
    assert win.live_view.banner.font().pointSizeF() > small[1].pointSizeF()
    win.stop_set()
    assert not step().startswith("Step")           # after the first set: the visit's own
    assert win.left_column.isVisible()
    assert win.live_view.last_rep.font().pointSizeF() == small[0]
    # The other tabs have no use for the sensors and targets: the whole width.
    win.tabs.setCurrentWidget(win.history)
    assert not win.left_column.isVisible()
