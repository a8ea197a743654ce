"""The language changed inside the app: the patient, the visit and the connected sensors
stay; refused during a set; remembered."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QSettings  # noqa: E402

from monitor.ui.app import make_app  # noqa: E402
from monitor.ui.main_window import MainWindow  # noqa: E402
from recordings.store import Store  # noqa: E402


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def run_set(win, clock) -> dict:
    win.calibrate()
    win.start_set()
    ticks = 0
    while not win.controller.source.finished and ticks < 4000:
        clock.t += 0.05
        win.tick()
        ticks += 1
    return win.stop_set()


def test_switching_the_language_keeps_the_patient_the_visit_and_the_sensors(
        qapp, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    make_app(lang="en")
    store = Store(tmp_path / "m.db")
    win = MainWindow(store, lang="en", demo_speed=20.0)
    clock = win.clock = Clock()
    win.resize(1366, 768)
    win.show()
    qtbot.addWidget(win)
    win.patient_edit.setText("P0007")
    win.moment.setCurrentIndex(win.moment.findData("week 6"))
    assert win.open_patient()
    win.connect_demo()
    win.controller.demo_reps = 4
    controller = win.controller
    assert win.tabs.tabText(3) == "History"
    first = run_set(win, clock)
    assert first["rep_count"] == 4

    # During a set the language stays (a set is not interrupted for it).
    win.calibrate()
    win.start_set()
    win.lang_box.setCurrentIndex(win.lang_box.findData("nl"))
    assert win.lang_box.currentData() == "en" and win.lang == "en"
    assert "Stop the set first" in win.statusBar().currentMessage()
    win.stop_set()

    switched = []
    win.language_switched.connect(switched.append)
    win.lang_box.setCurrentIndex(win.lang_box.findData("nl"))
    (nl,) = switched
    qtbot.addWidget(nl)
    assert nl.lang == "nl" and nl.lang_box.currentData() == "nl"
    # The interface speaks Dutch, the same patient, moment, exercise and sensors.
    assert [nl.tabs.tabText(i) for i in range(4)] == ["Live", "Patiënt", "Testen", "Verloop"]
    assert nl.open_btn.text() == "Patiënt openen"
    assert nl.patient_edit.text() == "P0007" and nl.moment.currentData() == "week 6"
    assert nl.moment.currentText() == "week 6"
    assert nl.controller is controller and nl.controller.session_id == controller.session_id
    assert "verbonden" in nl.sensor_list.text()
    assert nl.history.table.rowCount() == 1
    # Recording goes on in the new window, into the same moment.
    nl.controller.demo_reps = 5
    second = run_set(nl, clock)
    assert second["rep_count"] == 5
    assert nl.live_view.counter.text() == "5"
    assert len(store.sessions("P0007")) == 1
    # (the set stopped at once was empty: not kept)
    assert [s["summary"]["rep_count"] for s in store.sets(controller.session_id)] == [4, 5]
    # Remembered: the next start is in Dutch.
    assert QSettings().value("ui/language") == "nl"
    _app, lang = make_app()
    assert lang == "nl"
    # And back.
    nl.language_switched.connect(switched.append)
    nl.lang_box.setCurrentIndex(nl.lang_box.findData("en"))
    en = switched[-1]
    qtbot.addWidget(en)
    assert en.tabs.tabText(3) == "History" and en.controller is controller
    make_app(lang="en")
