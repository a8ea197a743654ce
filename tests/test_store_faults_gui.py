"""The app when the store fails during a set, and when a patient code identifies someone
(offscreen, pytest-qt, real SQLite and a real second process holding the lock)."""

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QSettings  # noqa: E402
from test_store_faults import LockHolder  # noqa: E402

from monitor.ui.app import make_app  # noqa: E402
from monitor.ui.main_window import MainWindow  # noqa: E402
from recordings.store import Store  # noqa: E402


@pytest.fixture
def app(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    make_app(lang="en")             # whatever a test before chose
    return qapp


def _window(qtbot, store, speed=4.0):
    win = MainWindow(store, demo_speed=speed)
    qtbot.addWidget(win)
    win.show()
    win.patient_edit.setText("P0042")
    assert win.open_patient()
    win.connect_demo()
    win.calibrate()
    return win


def test_a_lock_during_a_set_is_shown_and_nothing_is_lost(app, qtbot, tmp_path):
    db = tmp_path / "m.db"
    store = Store(db)
    win = _window(qtbot, store)
    win.start_set()
    holder = LockHolder(db)
    try:
        qtbot.wait(300)
        holder.lock()
        qtbot.waitUntil(lambda: "in use by another program" in win.live_view.banner.text(),
                        timeout=30000)
        assert win.controller.state == "running"
        holder.release()
        qtbot.waitUntil(lambda: "free again" in win.live_view.banner.text(), timeout=30000)
    finally:
        holder.close()
    c = win.controller
    set_id = c.set_id
    win.stop_set()
    stored = store.set_samples(set_id)
    assert {lab: len(b) for lab, b in stored.items()} == {lab: s.samples
                                                          for lab, s in c.sensors.items()}
    win.close()


def test_a_storage_error_stops_the_set_visibly(app, qtbot, tmp_path):
    # The raw samples' table is damaged on disk as the set starts: the set stops, the
    # banner says why, and the app goes on (before: it went on "recording" into nothing).
    db = tmp_path / "m.db"
    store = Store(db)
    win = _window(qtbot, store)
    win.start_set()
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = store.db.execute("SELECT rootpage FROM sqlite_master WHERE name='chunks'"
                               ).fetchone()
    with open(db, "r+b") as f:
        f.seek((root - 1) * 4096)
        f.write(b"\xa5" * 4096)
    qtbot.waitUntil(lambda: win.controller.state == "idle", timeout=30000)
    assert "is damaged" in win.live_view.banner.text()
    assert win.live_view.start_btn.isEnabled()
    win.close()


def test_a_new_patient_code_like_a_name_is_said(app, qtbot, tmp_path):
    win = MainWindow(Store(tmp_path / "m.db"))
    qtbot.addWidget(win)
    win.patient_edit.setText("Jan de Vries, born 1950-03-02")
    assert win.open_patient()                    # kept as typed, the user is told
    assert "looks like a name and a date of birth" in win.statusBar().currentMessage()
    win.patient_edit.setText("P0012")
    assert win.open_patient()
    assert win.statusBar().currentMessage().startswith("New patient P0012:")
    win.close()
