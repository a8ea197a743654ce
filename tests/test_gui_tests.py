"""A measurement moment in the app: a test done with the sensors (protocol, clock, its own
end, the result large and against the norm), tests and questionnaires entered by hand, and
the same number on every tab and in the report. Time is driven by the test."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pypdfium2")
pytestmark = pytest.mark.gui

from pdf_text import page_texts  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from monitor.ui.app import make_app  # noqa: E402
from monitor.ui.main_window import MainWindow  # noqa: E402
from recordings.store import Store  # noqa: E402


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def run_demo_set(win, clock) -> dict:
    """Calibrate, then one set of the demo sensors to its end at the window's clock."""
    win.calibrate()
    win.start_set()
    ticks = 0
    while not win.controller.source.finished and ticks < 4000:
        clock.t += 0.05
        win.tick()
        ticks += 1
    return win.stop_set()


def open_window(qtbot, tmp_path, monkeypatch, lang):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    make_app(lang=lang)
    store = Store(tmp_path / "m.db")
    store.save_patient("P7", birth_year=1958, sex="f", joint="knee", side="left")
    clock = Clock()
    win = MainWindow(store, lang=lang, demo_speed=10.0)
    win.clock = clock
    win.resize(1366, 768)
    win.show()
    qtbot.addWidget(win)
    win.patient_edit.setText("P7")
    win.moment.setCurrentIndex(win.moment.findData("intake"))
    assert win.open_patient()
    while win.controller.visit.questions:
        win.answer(None)
    return win, store, clock


def text_of_pdf(path) -> str:
    return " ".join(page_texts(path))


def test_a_chair_stand_test_with_the_sensors(qapp, qtbot, tmp_path, monkeypatch):
    win, store, clock = open_window(qtbot, tmp_path, monkeypatch, "en")
    tv = win.tests_view
    tv.table.selectRow(tv._ids.index("chair_stand_30s"))
    assert "more than halfway up at 30 seconds counts" in tv.protocol.text()
    tv.run_btn.click()
    assert win.exercise.currentData() == "chair_stand_30s"
    assert win.tabs.currentWidget() is win.live_view
    # The protocol above the live view, a countdown, no prescribed tempo.
    assert "arms crossed on the chest" in win.live_view.banner.text()
    bar = win.live_view.visit_bar
    assert bar.position.text() == "30-second chair stand" and bar.clock.text() == "0:30"
    assert win.live_view.counter_caption.text() == "stands"
    assert win.live_view.tempo.isHidden()
    win.connect_demo()
    win.controller.demo_reps = 16
    win.calibrate()
    win.start_set()
    for _ in range(20):                     # 1 s at ten times the speed: 10 s of the set
        clock.t += 0.05
        win.tick()
    # The demo patient starts to move about 3 s after Start: the test is timed from there
    # (Start was pressed early), and so runs its clock: 10 s into the set, 22-23 s left.
    first_move = win.controller.live.reps[0].start_s - win.controller.live.first_time_s
    assert 2.0 < first_move < 4.0
    assert bar.clock.text() in ("0:22", "0:23")
    ticks = 0
    while win.controller.state != "idle" and ticks < 3000:
        clock.t += 0.05
        win.tick()
        ticks += 1
    # It stopped by itself at 30 s and the stand under way.
    assert win.controller.state == "idle" and "Test complete" in \
        win.statusBar().currentMessage()
    tr = win.last_summary["test_result"]
    result = tr["count"]
    assert 5 <= result == len(tr["stand_times_s"]) + tr["last_counted_halfway"]
    assert all(t <= 30.0 for t in tr["stand_times_s"])
    (st,) = store.sets(win.controller.session_id)
    # It ran 30 s from the first movement and the stand under way (not 30 s from Start).
    assert first_move + 32.0 <= store.set_duration(st["id"]) <= first_move + 34.0
    assert tr["timed_from"] == "first_movement"
    assert win.live_view.counter.text() == str(result)
    summary = win.live_view.summary.text()
    assert f"30-second chair stand: {result} stands" in summary
    assert "women 65-69, Rikli & Jones 1999" in summary
    # The same number on the Tests tab, in the history and in the report.
    row = tv.table.item(tv._ids.index("chair_stand_30s"), 1).text()
    assert row == f"{result} stands"
    assert "women 65-69" in tv.table.item(tv._ids.index("chair_stand_30s"), 2).text()
    win.history.exercise.setCurrentIndex(win.history.exercise.findData("chair_stand_30s"))
    assert win.history.table.item(0, 3).text() == f"{result} stands"
    battery = win.history.battery
    assert battery.item(0, 1).text() == f"{result} stands"
    pdf = tmp_path / "r.pdf"
    win.report(str(pdf))
    text = text_of_pdf(pdf)
    assert f"30-second chair stand {result} stands" in text
    # The test's own table has no dose columns (sets, load, effort) to squeeze it, and
    # no repetition count beside the result to contradict it.
    assert "· 1 session " in text
    section = text[text.rindex("chair stand test moment"):]
    assert section.startswith("chair stand test moment date ROM best / mean up / down (s)"
                              f" pain result intake {time.strftime('%Y-%m-%d')}"), section[:120]
    row = section.split("(s) pain result ")[1]
    assert row.split(" stands")[0].endswith(f" {result}"), row[:80]


def test_a_timed_up_and_go_ends_seated_again(qapp, qtbot, tmp_path, monkeypatch):
    """The TUG stops by itself once the patient sits again (not at the first step, which
    bends the knee as well), with the sensors strapped as they were calibrated."""
    from monitor.signal.simulate_gait import simulate_protocol

    win, store, clock = open_window(qtbot, tmp_path, monkeypatch, "en")
    win.connect_demo()
    win.run_test("timed_up_and_go")
    win.calibrate()
    win.start_set()
    ticks = 0
    while win.controller.state != "idle" and ticks < 3000:
        clock.t += 0.05
        win.tick()
        ticks += 1
        if ticks == 60:                     # 3 s at ten times the speed: walking
            assert win.controller.state == "running"
    assert "Test complete" in win.statusBar().currentMessage()
    (st,) = store.sets(win.controller.session_id)
    truth = simulate_protocol("timed_up_and_go", rate_hz=50, seed=st["id"]).truth
    # Ended once seated (a second near the sitting angle and still), within 1.5 s.
    assert truth.end_s <= store.set_duration(st["id"]) <= truth.end_s + 1.5
    tr = win.last_summary["test_result"]
    assert abs(tr["time_s"] - (truth.end_s - truth.start_s)) <= 0.3
    assert tr["phases"]["walk_out"] is not None


def test_tests_and_questionnaires_by_hand_in_dutch(qapp, qtbot, tmp_path, monkeypatch):
    win, store, _clock = open_window(qtbot, tmp_path, monkeypatch, "nl")
    tv = win.tests_view
    tv.table.selectRow(tv._ids.index("timed_up_and_go"))
    assert "Stoel met armleuningen" in tv.protocol.text()
    tv.value.setValue(14.2)
    tv.enter_btn.click()
    row = tv._ids.index("timed_up_and_go")
    assert tv.table.item(row, 1).text() == "14,2 s (ingevoerd)"
    norm_cell = tv.table.item(row, 2).text()
    assert "gemiddeld 8,1 s (leeftijd 60-69, Bohannon 2006): langzamer dan gemiddeld" in \
        norm_cell and "13,5 s of meer: valrisico" in norm_cell     # as in every view
    tv.table.selectRow(tv._ids.index("knee_rom_test"))
    assert not tv.side.isHidden()
    tv.side.setCurrentIndex(tv.side.findData("left"))
    tv.value.setValue(104)
    tv.enter_btn.click()
    tv.side.setCurrentIndex(tv.side.findData("right"))
    tv.value.setValue(130)
    tv.enter_btn.click()
    rom = tv.table.item(tv._ids.index("knee_rom_test"), 1).text()
    assert "links 104°" in rom and "rechts 130°" in rom and "symmetrie 80 %" in rom
    tv.nprs_now.setValue(6)
    tv.subscales["koos_pain"].setValue(55)
    tv.psfs_new.setText("fietsen")
    tv.psfs_add.click()
    tv._psfs_spins[next(iter(tv._psfs_spins))].setValue(4)
    tv.save_scores.click()
    scores = {s["instrument"]: s["value"] for s in store.scores("P7")}
    assert scores == {"nprs_now": 6.0, "koos_pain": 55.0, "psfs": 4.0}
    assert "hoos_pain" not in tv.subscales                  # a knee patient: KOOS only
    # Out of range: said, not saved.
    tv.table.selectRow(tv._ids.index("five_times_sit_to_stand"))
    tv.value.setValue(-5)
    tv.enter_btn.click()
    assert not [r for r in store.test_results("P7") if r["test"] == "five_times_sit_to_stand"]


def test_history_says_which_way_a_meaningful_change_went(qapp, qtbot, tmp_path, monkeypatch):
    """A shorter TUG and less pain are better: said in words, not with an arrow up that
    reads as "went up"."""
    from recordings.measurements import enter_result, enter_score

    win, store, _clock = open_window(qtbot, tmp_path, monkeypatch, "nl")
    intake = win.controller.session_id
    enter_result(store, "P7", intake, "timed_up_and_go", 12.3)
    enter_score(store, "P7", intake, "nprs_now", 6)
    later = store.new_session("P7", "week 6")
    enter_result(store, "P7", later, "timed_up_and_go", 9.8)
    enter_score(store, "P7", later, "nprs_now", 3)
    win.history.set_patient(store, "P7", "nl")
    battery = win.history.battery
    rows = {battery.item(i, 0).text(): i for i in range(battery.rowCount())}
    tug = battery.item(rows["Timed Up and Go"], 2)
    assert tug.text() == "9,8 s · beter"
    assert "verbetering" in tug.toolTip()
    assert battery.item(rows["Pijn nu (NPRS)"], 2).text() == "3 · beter"
    assert battery.item(rows["Timed Up and Go"], 1).text() == "12,3 s"
