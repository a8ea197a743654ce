"""The language changed inside the app: the patient, the visit and the connected sensors
stay; refused during a set; remembered."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")
pytestmark = pytest.mark.gui

from test_gui_tests import open_window, run_demo_set  # noqa: E402

from monitor.ui.app import make_app  # noqa: E402
from monitor.ui.settings import app_settings  # noqa: E402


@pytest.mark.slow
def test_switching_the_language_keeps_the_patient_the_visit_and_the_sensors(
        qapp, qtbot, tmp_path, monkeypatch):
    win, store, clock = open_window(qtbot, tmp_path, monkeypatch, "en")
    win.connect_demo()
    win.controller.demo_reps = 4
    controller = win.controller
    assert win.tabs.tabText(3) == "History"
    first = run_demo_set(win, clock)
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
    assert nl.patient_edit.text() == "P7" and nl.moment.currentData() == "intake"
    assert nl.moment.currentText() == "intake"
    assert nl.controller is controller and nl.controller.session_id == controller.session_id
    assert "verbonden" in nl.sensor_list.text()
    assert nl.history.table.rowCount() == 1
    # Recording goes on in the new window, into the same moment.
    nl.controller.demo_reps = 5
    second = run_demo_set(nl, clock)
    assert second["rep_count"] == 5
    assert nl.live_view.counter.text() == "5"
    assert len(store.sessions("P7")) == 1
    # (the set stopped at once was empty: not kept)
    assert [s["summary"]["rep_count"] for s in store.sets(controller.session_id)] == [4, 5]
    # Remembered: the next start is in Dutch.
    assert app_settings().value("ui/language") == "nl"
    _app, lang = make_app()
    assert lang == "nl"
    # And back.
    nl.language_switched.connect(switched.append)
    nl.lang_box.setCurrentIndex(nl.lang_box.findData("en"))
    en = switched[-1]
    qtbot.addWidget(en)
    assert en.tabs.tabText(3) == "History" and en.controller is controller
    make_app(lang="en")
