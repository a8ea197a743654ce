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
