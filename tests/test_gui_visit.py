"""A whole visit in the app that follows the patient's programme, and the next visit where
the therapist accepts the advice. Time is driven by the test (a fake clock), so nothing here
depends on how fast the machine is."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from monitor.cli import main  # noqa: E402
from monitor.core.dosing import Load  # noqa: E402
from monitor.ui.app import make_app  # noqa: E402
from monitor.ui.main_window import MainWindow  # noqa: E402
from recordings.store import Store  # noqa: E402
from recordings.treatment import adherence, advice, programme, reason_text  # noqa: E402

DAY = 86400.0


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def app(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    make_app(lang="en")
    return qapp


def window(store, clock):
    win = MainWindow(store, demo_speed=10.0)
    win.clock = clock
    win.resize(1366, 768)
    win.show()
    return win


def run_set(win, clock, reps=3):
    """Start a set, feed the simulated sensors by advancing the clock, stop it."""
    c = win.controller
    c.demo_reps = reps
    win.start_set()
    assert c.state == "running"
    for _ in range(2000):
        clock.t += 0.05
        win.tick()
        if c.source.finished:
            break
    assert c.source.finished
    return win.stop_set()


def add_to_programme(win, exercise, sets, reps, load, band=None, rest_s=None):
    pv = win.patient_view
    pv.add_exercise.setCurrentIndex(pv.add_exercise.findData(exercise))
    pv.add_btn.click()
    assert pv._selected_exercise() == exercise
    pv.sets_box.setValue(sets)
    pv.reps_box.setValue(reps)
    pv.load_edit.setText(load)
    if band is not None:
        pv.range_lo.setValue(band[0])
        pv.range_hi.setValue(band[1])
    if rest_s is not None:
        pv.rest_box.setValue(rest_s)
    pv.item_save.click()


def press(win, *keys):
    """Keys as the therapist types them: to the widget that has the keyboard."""
    for k in keys:
        QTest.keyClick(win.focusWidget() or win, k)


def test_a_visit_following_the_programme_then_the_advice_accepted(app, qtbot, tmp_path,
                                                                   capsys):
    db = tmp_path / "m.db"
    store = Store(db)
    clock = Clock()
    win = window(store, clock)
    qtbot.addWidget(win)

    # Intake: a new patient, details and goals on the Patient tab, a programme of three.
    win.patient_edit.setText("P0100")
    win.moment.setCurrentIndex(win.moment.findData("intake"))
    assert win.open_patient()
    assert "New patient P0100" in win.statusBar().currentMessage()
    pv = win.patient_view
    pv.joint.setCurrentIndex(pv.joint.findData("knee"))
    pv.side.setCurrentIndex(pv.side.findData("right"))
    pv.birth_year.setValue(1956)
    pv.sex.setCurrentIndex(pv.sex.findData("f"))
    pv.save_btn.click()
    pv.goal_text.setText("climb the stairs to the bedroom")
    pv.goal_add.click()
    pv.goal_measure.setCurrentIndex(pv.goal_measure.findData("rom:knee_extension_seated"))
    pv.goal_target.setValue(70)
    pv.goal_add.click()
    assert pv.goals_table.rowCount() == 2
    add_to_programme(win, "knee_extension_seated", 2, 3, "8 kg", band=(20, 90), rest_s=30)
    add_to_programme(win, "straight_leg_raise", 1, 3, "red band")
    add_to_programme(win, "sit_to_stand", 1, 3, "bodyweight")
    p = store.patient("P0100")
    assert (p["joint"], p["side"], p["birth_year"], p["sex"]) == ("knee", "right", 1956, "f")
    assert [i.exercise for i in programme(store, "P0100")] == [
        "knee_extension_seated", "straight_leg_raise", "sit_to_stand"]
    assert programme(store, "P0100")[1].dose.load == Load("band", "red")

    # An earlier training visit, a week ago (recorded headless), met the knee extension's dose.
    for _ in range(2):
        assert main(["record", "--demo", "--fast", "--reps", "3", "--patient", "P0100",
                     "--exercise", "knee_extension_seated", "--effort", "5", "--pain", "2",
                     "--db", str(db)]) == 0
    capsys.readouterr()
    earlier = next(s for s in store.sessions("P0100") if s.label is None).id
    store.db.execute("UPDATE sessions SET started_at = started_at - 7 * 86400 WHERE id=?",
                     (earlier,))

    # Today's visit opens on the programme's first exercise and asks the pain first.
    assert win.open_patient()
    bar = win.live_view.visit_bar
    assert bar.isVisible()
    assert bar.position.text() == "Exercise 1 of 3 · set 1 of 2 · 8 kg"
    assert win.exercise.currentData() == "knee_extension_seated"
    assert win.load_edit.text() == "8 kg" and win.band_lo.value() == 20
    rating = win.live_view.rating
    assert rating.isVisible() and "morning after the last session" in rating.prompt.text()
    press(win, Qt.Key.Key_2)                          # next morning: 2
    assert "before the session" in rating.prompt.text()
    press(win, Qt.Key.Key_1, Qt.Key.Key_Return)       # before: 1 (1 waits for a 0, Enter)
    assert not rating.isVisible()

    win.connect_demo()
    win.calibrate()
    assert win.controller.calibration.accepted
    assert run_set(win, clock)["rep_count"] == 3
    assert rating.isVisible() and rating.prompt.text() == "Effort of this set?"
    press(win, Qt.Key.Key_5)
    # The rest between sets counts down and sounds when it is over.
    assert bar.position.text() == "Exercise 1 of 3 · set 2 of 2 · 8 kg"
    assert bar.rest.text() == "Rest 0:30"
    clock.t += 12
    win.tick()
    assert bar.rest.text() == "Rest 0:18"
    assert "rest" not in win.sound.played
    clock.t += 20
    win.tick()
    assert bar.rest.text() == "Rest over: next set"
    assert win.sound.played.count("rest") == 1
    assert run_set(win, clock)["rep_count"] == 3
    press(win, Qt.Key.Key_6)                          # effort 6
    assert rating.prompt.text() == "Pain during Seated knee extension?"
    press(win, Qt.Key.Key_2)
    assert bar.position.text() == "Exercise 1 of 3 done"
    assert bar.next_btn.isVisible()

    # The next exercise: its dose from the programme, a fresh view.
    bar.next_btn.click()
    assert win.exercise.currentData() == "straight_leg_raise"
    assert bar.position.text() == "Exercise 2 of 3 · set 1 of 1 · red band"
    assert win.live_view.counter.text() == "0" and win.live_view.table.rowCount() == 0
    win.calibrate()
    assert run_set(win, clock)["rep_count"] == 3
    rating.skip.click()                               # effort skipped
    rating.buttons[6].click()                         # pain 6: above the model's 5
    bar.next_btn.click()
    assert win.exercise.currentData() == "sit_to_stand"
    win.calibrate()
    assert run_set(win, clock)["rep_count"] == 3
    press(win, Qt.Key.Key_4)
    press(win, Qt.Key.Key_1, Qt.Key.Key_0)            # pain 10 (1 then 0)
    assert bar.position.text() == "Programme done: 3 exercises"

    # What was done against what was prescribed is saved with the session.
    today = win.controller.session_id
    saved = store.adherence(today)["exercises"]
    assert saved == adherence(store, "P0100", today)
    assert [(a["exercise"], a["prescribed"]["sets"], a["done"]["sets"], a["done"]["reps"])
            for a in saved] == [("knee_extension_seated", 2, 2, [3, 3]),
                                ("straight_leg_raise", 1, 1, [3]),
                                ("sit_to_stand", 1, 1, [3])]
    assert [a["done"]["efforts"] for a in saved] == [[5, 6], [None], [4]]
    pain = [(e["kind"], e["value"], e["exercise"]) for e in store.pain("P0100")
            if e["session_id"] == today]
    assert pain == [("before", 1, None), ("after", 2, "knee_extension_seated"),
                    ("after", 6, "straight_leg_raise"), ("after", 10, "sit_to_stand")]
    assert [e["value"] for e in store.pain("P0100")
            if e["session_id"] == earlier and e["kind"] == "next_morning"] == [2]

    # The advice after this visit: the knee extension was met twice in a row at 8 kg.
    by = {a.exercise: a for a in advice(store, "P0100")}
    assert by["knee_extension_seated"].suggestion == "increase"
    assert by["straight_leg_raise"].suggestion == "decrease"
    assert by["sit_to_stand"].suggestion == "decrease"
    assert "Outside the pain-monitoring model" in pv.pain_label.text()

    # The next visit, two days later: the advice is accepted on the Patient tab.
    store.db.execute("UPDATE sessions SET started_at = started_at - 2 * 86400 WHERE id=?",
                     (today,))
    win.moment.setCurrentIndex(win.moment.findData(None))      # a training visit
    assert win.open_patient()
    assert win.controller.session_id != today
    assert "morning after the last session" in rating.prompt.text()
    press(win, Qt.Key.Key_1)                          # settled by the next morning
    press(win, Qt.Key.Key_2)
    win.tabs.setCurrentWidget(pv)
    accept = pv.findChild(type(pv.add_btn), "accept_knee_extension_seated")
    assert accept is not None
    accept.click()
    assert programme(store, "P0100")[0].dose.load == Load("kg", 8.5)
    history = store.programme_history("P0100")
    assert reason_text(history[-1]["reason"]).startswith("increase: both sets of 3 reached")
    # The live view's dose follows at once.
    assert win.load_edit.text() == "8.5 kg"
    assert bar.position.text() == "Exercise 1 of 3 · set 1 of 2 · 8.5 kg"
    win.close()


def test_typed_targets_are_the_patients_at_the_next_visit(app, qtbot, tmp_path):
    store = Store(tmp_path / "m.db")
    clock = Clock()
    win = window(store, clock)
    qtbot.addWidget(win)
    win.patient_edit.setText("P0200")
    assert win.open_patient()
    win.connect_demo()
    win.calibrate()
    win.band_lo.setValue(25)
    win.load_edit.setText("2.5 kg")
    win.load_edit.editingFinished.emit()
    win.tempo_boxes[0].setValue(3.0)
    assert run_set(win, clock)["rep_count"] == 3
    (item,) = programme(store, "P0200")
    assert item.exercise == "knee_extension_seated"
    assert item.dose.load == Load("kg", 2.5) and item.dose.target_deg[0] == 25
    assert item.dose.tempo_s[0] == 3.0
    win.close()
    win = window(store, clock)
    qtbot.addWidget(win)
    win.patient_edit.setText("P0200")
    assert win.open_patient()
    assert (win.band_lo.value(), win.load_edit.text(), win.tempo_boxes[0].value()) == (
        25, "2.5 kg", 3.0)
    # An unreadable load is said, not taken.
    win.load_edit.setText("heavy")
    win.load_edit.editingFinished.emit()
    assert "not understood" in win.statusBar().currentMessage()
    assert win.controller.targets.load == Load("kg", 2.5)
    win.close()


def test_switching_exercise_or_patient_leaves_nothing_of_the_last_set(app, qtbot, tmp_path):
    store = Store(tmp_path / "m.db")
    clock = Clock()
    win = window(store, clock)
    qtbot.addWidget(win)
    win.patient_edit.setText("P0300")
    assert win.open_patient()
    win.start_set()                                   # no sensors yet: a notice
    assert "connect the sensors first" in win.live_view.banner.text()
    win.connect_demo()
    assert win.live_view.banner.isHidden()            # its cause is gone, so is the notice
    assert run_set(win, clock)["rep_count"] == 3      # uncalibrated: counted, said so
    assert "Not calibrated" in win.live_view.banner.text()
    win.calibrate()
    assert win.live_view.banner.isHidden()
    assert win.live_view.counter.text() == "3" and win.live_view.summary.text()
    win.exercise.setCurrentIndex(win.exercise.findData("squat"))
    assert win.live_view.counter.text() == "0"
    assert win.live_view.table.rowCount() == 0 and not win.live_view.summary.text()
    # An empty set is kept but says it is not in the history.
    win.calibrate()
    win.controller.demo_reps = 3
    win.start_set()
    summary = win.stop_set()
    assert summary["rep_count"] == 0
    assert "not shown in the history" in win.live_view.summary.text()
    (session,) = store.sessions("P0300")
    assert [s["exercise"] for s in store.sets(session.id)] == ["knee_extension_seated"]
    # Replay names the set by exercise, moment and number, with its own targets.
    (st,) = store.sets(session.id)
    win.replay(st["id"])
    assert "Replay: Seated knee extension, intake" in win.live_view.banner.text()
    assert "set 1 of 1" in win.live_view.banner.text()
    win.patient_edit.setText("P0301")
    assert win.open_patient()
    assert win.live_view.counter.text() == "0" and win.live_view.replay_bar.isHidden()
    win.close()
