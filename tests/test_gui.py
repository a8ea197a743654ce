"""The desktop application, offscreen with pytest-qt: the whole demo flow, the views built
from plain models, and a plotting soak test."""

import numpy as np
import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QSettings  # noqa: E402

from monitor.signal.reps import RepCompleted  # noqa: E402
from monitor.ui.app import check_qt, make_app  # noqa: E402
from monitor.ui.live_view import LiveView  # noqa: E402
from monitor.ui.main_window import MainWindow  # noqa: E402
from recordings.store import Store  # noqa: E402


@pytest.fixture
def app(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    # In English whatever a test before chose (Qt keeps the settings' folder it first saw).
    make_app(lang="en")
    return qapp


def test_qt_is_a_version_that_does_not_crash():
    assert check_qt() is None


@pytest.mark.slow
def test_full_demo_flow(app, qtbot, tmp_path):
    store = Store(tmp_path / "m.db")
    win = MainWindow(store, demo_speed=25.0)
    clock = win.clock = _Clock()
    qtbot.addWidget(win)
    win.resize(1366, 768)                  # a clinic laptop's screen
    win.show()
    # Create the patient, connect the simulated sensors, calibrate.
    win.patient_edit.setText("P0042")
    win.moment.setCurrentText("intake")
    assert win.open_patient()
    assert win.statusBar().currentMessage().startswith("New patient P0042: fill in the "
                                                       "details")
    win.connect_demo()
    assert "connected" in win.sensor_list.text()
    win.calibrate()
    assert win.controller.calibration.accepted
    assert "Quality" in win.calib_steps.text()
    # Targets: 10 repetitions, the knee to within 10 deg of straight.
    win.reps_box.setValue(10)
    win.band_lo.setValue(10)
    assert win.controller.targets.rom_band_deg[0] == 10
    assert "of 10" in win.live_view.counter_caption.text()
    # Record a set of 10 repetitions.
    win.start_set()
    assert win.controller.state == "running"
    _run_until(win, clock, lambda: win.controller.source.finished)
    win.note.setText("felt easy")
    summary = win.stop_set()
    assert summary["rep_count"] == 10
    assert win.live_view.counter.text() == "10"
    assert win.live_view.table.rowCount() == 10
    # Every column of the repetition table is in view, none behind a scroll bar.
    qtbot.wait(50)
    assert win.live_view.table.horizontalScrollBar().maximum() == 0
    assert win.sound.played.count("tick") == 10
    # The target tone sounded once for every repetition that reached the target (10 deg).
    reached = sum(r.min_deg <= 10 + 2.0 for r in win.controller.reps)
    assert win.sound.played.count("target") == reached
    # Saved, and in the history.
    (session,) = store.sessions("P0042")
    assert session.rep_count == 10 and session.label == "intake"
    (st,) = store.sets(session.id)
    assert st["notes"] == "felt easy"
    assert win.history.table.rowCount() == 1
    for k in range(win.history.chart_metric.count()):       # every progress chart draws
        win.history.chart_metric.setCurrentIndex(k)
    # The overlay draws the selected set, and goes with it when another list is shown.
    win.history.table.selectRow(0)
    win.history.overlay_btn.click()
    assert win.history.overlay_plot.getPlotItem().listDataItems()
    win.history.set_patient(store, "P0042", "en")
    assert not win.history.overlay_plot.getPlotItem().listDataItems()
    # Replay shows the same repetitions.
    stored = store.reps(st["id"])
    win.replay(st["id"])
    assert not win.live_view.replay_bar.isHidden()
    win._replay_speed(50.0)
    _run_until(win, clock, lambda: len(win._replay_reps) >= 3, step_s=0.02)
    win._replay_toggle()                                   # pause
    assert win.replayer.paused
    win._replay_seek(0.0)                                  # back to the start
    assert win._replay_reps == []
    win._replay_toggle()                                   # play on
    _run_until(win, clock, lambda: win.replayer is None)
    assert [r.to_json() for r in win._replay_reps] == stored
    assert win.live_view.counter.text() == "10"
    # The report.
    pdf = tmp_path / "report.pdf"
    win.report(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000
    win.report("/dev/full")                                # a full disk: said, not hidden
    assert "could not be saved" in win.statusBar().currentMessage()
    win.close()


def test_heel_raise_demo_counts_on_the_rise_and_shows_it(app, qtbot, tmp_path):
    store = Store(tmp_path / "m.db")
    win = MainWindow(store, demo_speed=25.0)
    clock = win.clock = _Clock()
    qtbot.addWidget(win)
    win.show()
    win.exercise.setCurrentIndex(win.exercise.findData("heel_raise"))
    win.patient_edit.setText("P7")
    assert win.open_patient()
    win.connect_demo()
    win.calibrate()
    # Only the shank's angle is reported: the thigh needs no calibration movement.
    assert win.controller.calibration.accepted, win.controller.calibration.guidance
    win.start_set()
    _run_until(win, clock, lambda: win.controller.source.finished)
    summary = win.stop_set()
    assert summary["rep_count"] == 10
    assert "rise" in win.live_view.last_rep.text()
    (session,) = store.sessions("P7")
    (st,) = store.sets(session.id)
    rises = [r["rise_cm"] for r in store.reps(st["id"])]
    assert len(rises) == 10 and all(2.0 < r < 10.0 for r in rises)
    # Progress over measurement moments includes the rise.
    from recordings.progress import progress

    (p,) = progress(store, "P7", "heel_raise")
    assert p.best_rise_cm == max(rises)
    win.history.chart_metric.setCurrentIndex(win.history.chart_metric.findData("rise"))
    assert "rise" in win.history.progress_plot.getAxis("left").labelText
    win.close()


def test_an_exercise_not_in_the_list_is_counted_as_any_movement(app, qtbot, tmp_path):
    store = Store(tmp_path / "m.db")
    win = MainWindow(store, demo_speed=25.0)
    clock = win.clock = _Clock()
    qtbot.addWidget(win)
    win.show()
    win.exercise.setCurrentIndex(win.exercise.findData("any_movement"))
    win.patient_edit.setText("P8")
    assert win.open_patient()
    win.connect_demo()
    win.calibrate()
    assert win.controller.calibration.accepted, win.controller.calibration.guidance
    assert "Measured with the shank sensor" in win.calib_steps.text()
    # It describes this movement only: not kept as the patient's calibration.
    assert not win.controller.stored_mountings()
    assert not win.reuse_btn.isVisible()
    win.start_set()
    _run_until(win, clock, lambda: win.controller.source.finished)
    assert win.stop_set()["rep_count"] == 10
    assert win.live_view.table.rowCount() == 10
    # The set is in the history under its own name, with its range of motion.
    assert win.history.exercise.currentData() == "any_movement"
    assert win.history.table.rowCount() == 1
    assert float(win.history.table.item(0, 5).text().split(" / ")[0]) > 40  # best ROM
    # Best and mean ROM on one axis, which says what they measure.
    assert win.history.progress_plot.getAxis("left").labelText == "ROM (°)"
    win.close()


def test_another_exercise_in_the_same_session(app, qtbot, tmp_path):
    # The therapist picks the next exercise in the list: the next set is of that exercise,
    # in the same session, with its own targets and calibration.
    store = Store(tmp_path / "m.db")
    win = MainWindow(store, demo_speed=25.0)
    clock = win.clock = _Clock()
    qtbot.addWidget(win)
    win.show()
    win.patient_edit.setText("P9")
    assert win.open_patient()
    win.connect_demo()
    win.calibrate()
    win.start_set()
    # Not while a set runs: the set stays what it was started as.
    win.exercise.setCurrentIndex(win.exercise.findData("squat"))
    assert win.controller.exercise.id == "knee_extension_seated"
    assert win.exercise.currentData() == "knee_extension_seated"
    _run_until(win, clock, lambda: win.controller.source.finished)
    win.stop_set()
    win.exercise.setCurrentIndex(win.exercise.findData("squat"))
    assert win.controller.exercise.id == "squat"
    assert not win.controller.mountings            # calibrate again for the squat
    assert (win.band_lo.value(), win.band_hi.value()) == tuple(
        sorted(win.controller.exercise.target_deg))
    win.calibrate()
    assert win.controller.calibration.accepted
    win.start_set()
    _run_until(win, clock, lambda: win.controller.source.finished)
    assert win.stop_set()["rep_count"] == 10
    (session,) = store.sessions("P9")
    assert [st["exercise"] for st in store.sets(session.id)] == ["knee_extension_seated",
                                                                 "squat"]
    win.close()


def test_a_sensor_turning_on_its_strap_asks_for_a_check(app, qtbot, tmp_path):
    store = Store(tmp_path / "m.db")
    win = MainWindow(store, demo_speed=25.0)
    clock = win.clock = _Clock()
    qtbot.addWidget(win)
    win.patient_edit.setText("P8")
    assert win.open_patient()
    win.connect_demo()
    win.calibrate()
    win.controller.demo_slip_deg = 35.0     # the shank sensor turns on its strap mid-set
    win.start_set()
    _run_until(win, clock, lambda: win.controller.source.finished)
    assert any("sensor_moved" in r.flags for r in win.controller.reps)
    assert "moved on its strap" in win.live_view.banner.text()
    win.stop_set()
    win.close()


def test_a_thigh_lifting_during_knee_extensions_is_pointed_out(app, qtbot, tmp_path):
    # The thigh sensor sees it lift: the knee angle includes it, and the therapist hears
    # that the hip helps (the knee alone was to work).
    store = Store(tmp_path / "m.db")
    win = MainWindow(store, demo_speed=25.0)
    clock = win.clock = _Clock()
    qtbot.addWidget(win)
    win.patient_edit.setText("P10")
    assert win.open_patient()
    win.connect_demo()
    win.calibrate()
    win.controller.demo_hip_helps_deg = 15.0
    win.start_set()
    _run_until(win, clock, lambda: win.controller.source.finished)
    reps = win.controller.reps
    assert sum("thigh_moved" in r.flags for r in reps) >= 8
    assert "thigh lifts" in win.live_view.banner.text()
    assert "angle includes it" in win.live_view.banner.text()
    # The demo extends the knee from 90 to about 8 deg: with the lift measured, the full
    # reps' range is the knee's (about 80 deg), not knee plus hip (about 95 deg).
    full = [r.rom_deg for r in reps if r.rom_deg > 60]
    assert 72.0 <= float(np.median(full)) <= 86.0
    win.stop_set()
    win.close()


def test_one_sensor_for_a_two_sensor_angle_says_what_it_assumes(app, qtbot, tmp_path):
    store = Store(tmp_path / "m.db")
    win = MainWindow(store, demo_speed=25.0)
    clock = win.clock = _Clock()
    qtbot.addWidget(win)
    win.patient_edit.setText("P9")
    assert win.open_patient()
    win.connect_demo()
    del win.controller.sensors["thigh"]          # only the shank sensor is there
    win.calibrate()
    assert win.controller.calibration.accepted
    win.start_set()
    assert "Only one sensor" in win.live_view.banner.text()
    assert "thigh stays horizontal" in win.live_view.banner.text()
    _run_until(win, clock, lambda: win.controller.source.finished)
    assert win.stop_set()["rep_count"] == 10
    # Both sensors: the thigh rests on the chair during the calibration, so it is measured
    # without one (its lift from its tilt); its rest posture is what the angle assumes, and
    # the live view says so without claiming a sensor is missing.
    win.open_patient()
    win.connect_demo()
    win.calibrate()
    win.start_set()
    assert win.live_view.banner.text().startswith("Angle: knee angle from both sensors")
    assert "thigh to rest horizontal" in win.live_view.banner.text()
    win.stop_set()
    # A hip angle needs the thigh only: with both sensors there is nothing to say.
    win.exercise.setCurrentIndex(win.exercise.findData("straight_leg_raise"))
    win.open_patient()
    win.connect_demo()
    win.calibrate()
    win.start_set()
    assert "Only one sensor" not in win.live_view.banner.text()
    win.stop_set()
    win.close()


def _rep(i: int, rom: float, flags=()) -> RepCompleted:
    return RepCompleted(index=i, start_s=i * 5.0, peak_s=i * 5 + 2.5, end_s=i * 5 + 4.5,
                        min_deg=90 - rom, max_deg=90.0, rom_deg=rom, concentric_s=2.0,
                        hold_s=0.5, eccentric_s=2.0, rest_s=0.5, reported_s=i * 5 + 4.6,
                        flags=tuple(flags))


def test_live_view_from_plain_values(app, qtbot):
    view = LiveView()
    qtbot.addWidget(view)
    view.configure("knee flexion (°)", (10, 90), (2, 1, 2, 1), calibrated=True, outward=-1)
    view.set_reps([_rep(1, 80), _rep(2, 45, ["below_target_range"])])
    assert view.counter.text() == "2"
    assert view.table.item(1, 5).text() == "short of target"
    assert "45°" in view.last_rep.text()
    view.set_summary({"rep_count": 2, "rom_mean_deg": 62.5, "rom_sd_deg": 17.5,
                      "time_under_tension_s": 9.0, "reps_below_target": 1,
                      "reps_too_fast": 0})
    assert "2 repetitions" in view.summary.text()
    view.set_running("running")
    assert not view.start_btn.isEnabled() and view.stop_btn.isEnabled()


def test_plotting_soak(app, qtbot):
    """Redraw a live trace 480 times, as 8 s at 60 Hz would (guards the PySide6/pyqtgraph
    crash). A fixed number of frames, each painted, however fast the machine is."""
    view = LiveView()
    qtbot.addWidget(view)
    view.show()
    t = np.arange(4000) / 200.0
    for frame in range(480):
        shift = frame / 60.0
        view.update_trace(t + shift, 45 + 40 * np.sin(t + shift))
        view.gauge.set_angle(float(45 + 40 * np.sin(shift)))
        view.repaint()                         # painted now, not when the loop gets to it
        app.processEvents()
    x, y = view.curve.getData()
    assert x[-1] == pytest.approx(t[-1] + 479 / 60.0)
    assert y[-1] == pytest.approx(45 + 40 * np.sin(t[-1] + 479 / 60.0))


def test_dutch_interface(qapp, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    make_app(lang="nl")
    try:
        win = MainWindow(Store(tmp_path / "m.db"), lang="nl")
        qtbot.addWidget(win)
        assert win.open_btn.text() == "Patiënt openen"
        assert win.live_view.start_btn.text() == "Start  (spatie)"
        assert win.exercise.itemText(0) == "Kniestrekking in zit"
        # The calibration's guidance comes from the pure packages in English words, and is
        # shown in Dutch; every message they can give has its translation.
        win.patient_edit.setText("P1")
        win.open_patient()
        win.connect_demo()
        sensors = win.sensor_list.text()
        assert "rechteronderbeen" in sensors and "verbonden" in sensors
        assert "metingen" in sensors and "samples" not in sensors
        win.calibrate()
        assert "Kalibratie is goed." in win.calib_steps.text()
        assert "Calibration" not in win.calib_steps.text()
        from PySide6.QtCore import QCoreApplication

        from monitor.core.messages import Message
        from monitor.ui.messages import CONTEXT, TEMPLATES, WORDS, say
        for text in TEMPLATES + WORDS:
            assert QCoreApplication.translate(CONTEXT, text) != text, text
        swapped = Message("The thigh and shank sensors seem swapped: the one on the "
                          "{segment} moves most; check the placements.", segment="thigh")
        assert "die op het bovenbeen beweegt" in say(swapped)
        from devices.ble import BluetoothOffError
        from monitor.ui.messages import say_error
        assert say_error(BluetoothOffError()).startswith("Bluetooth staat uit.")
        from monitor.core.errors import InputFileError
        bad = InputFileError("f.csv", Message("{value} is not a number", value="'x'"), line=2,
                             column="acc_x")
        assert say_error(bad) == "f.csv, regel 2, kolom 'acc_x': 'x' is geen getal"
        assert str(bad) == "f.csv, line 2, column 'acc_x': 'x' is not a number"
        # Any movement: its name, calibration advice and angle in Dutch too.
        win.exercise.setCurrentIndex(win.exercise.findData("any_movement"))
        assert win.exercise.currentText().startswith("Elke beweging")
        win.open_patient()
        win.connect_demo()
        win.calibrate()
        assert "Gemeten met de sensor op het onderbeen" in win.calib_steps.text()
        assert win.live_view.gauge.label == "beweging (°)"
    finally:
        make_app(lang="en")


class _Clock:
    """The app's clock, driven by the test (nothing depends on the machine's speed)."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _run_until(win, clock, done, step_s: float = 0.05, limit: int = 4000) -> None:
    for _ in range(limit):
        if done():
            return
        clock.t += step_s
        win.tick()
    raise AssertionError("did not happen within the time driven")


def test_last_calibration_is_offered_and_checked_next_time(app, qtbot, tmp_path):
    store = Store(tmp_path / "m.db")
    win = MainWindow(store, demo_speed=25.0)
    clock = win.clock = _Clock()
    qtbot.addWidget(win)
    win.patient_edit.setText("P0007")
    win.open_patient()
    win.connect_demo()
    assert win.reuse_btn.isHidden()             # nothing stored yet
    win.calibrate()
    # Next measurement moment: the same sensors, strapped on the same way.
    win.moment.setCurrentText("week 6")
    win.open_patient()
    win.connect_demo()
    assert not win.reuse_btn.isHidden()
    win.reuse_calibration()
    # The quick check records from the sensors until they were still for 2 s.
    assert "hold the leg still" in win.calib_steps.text()
    _run_until(win, clock, lambda: "fits" in win.calib_steps.text())
    assert win.controller.mountings and win.controller.state == "idle"
    # A calibration that does not fit (another patient's, or the strap moved) is refused.
    other = dict(win.controller.mountings)
    from calibration.mounting import Mounting

    for lab, m in other.items():
        s = win.controller.sensors[lab]
        wrong = Mounting(axis=m.distal, distal=m.axis)
        store.save_calibration("P0007", s.placement, s.address, wrong.to_json(), 1.0)
    win.controller.mountings = {}
    win.reuse_calibration()
    _run_until(win, clock, lambda: "calibrate again" in win.calib_steps.text())
    assert not win.controller.mountings
    win.close()


def test_calibration_animation_from_the_catalogue(app, qtbot):
    from monitor.core.exercises import get_exercise
    from monitor.ui.widgets import LegAnimation

    leg = LegAnimation()
    qtbot.addWidget(leg)
    ex = get_exercise("knee_extension_seated")
    leg.set_exercise(ex.sim, ex.sim["body"])
    leg.step = 1
    leg.play(True)
    first = leg.grab().toImage()
    qtbot.waitUntil(lambda: leg.phase > 0.05, timeout=60000)    # the leg moves
    assert leg.grab().toImage() != first
    leg.play(False)


@pytest.mark.qt_no_exception_capture
def test_a_defect_in_a_handler_is_said_and_the_set_goes_on(app, qtbot, tmp_path,
                                                          monkeypatch):
    import sys
    import threading

    from PySide6.QtCore import QTimer

    from monitor.ui.app import install_crash_handler
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)       # restored afterwards
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    store = Store(tmp_path / "m.db")
    win = MainWindow(store, demo_speed=10.0)
    qtbot.addWidget(win)
    install_crash_handler(win)
    win.show()
    win.patient_edit.setText("P1")
    win.open_patient()
    win.connect_demo()
    win.calibrate()
    win.start_set()

    def broken_slot():
        raise RuntimeError("planted defect")

    QTimer.singleShot(0, broken_slot)                            # on the main thread
    qtbot.waitUntil(lambda: "planted defect" in win.statusBar().currentMessage(),
                    timeout=60000)
    worker = threading.Thread(target=broken_slot, name="ble")    # on another thread
    worker.start()
    worker.join()
    reports = list((tmp_path / "state" / "legimu-monitor" / "log" / "crash-reports").iterdir())
    assert len(reports) == 2 and all("RuntimeError" in r.read_text() for r in reports)
    # The set is still being counted and is saved as usual.
    qtbot.waitUntil(lambda: win.live_view.counter.text() not in ("", "0"), timeout=30000)
    win.stop_set()
    assert store.sessions("P1") and store.sessions("P1")[0].rep_count >= 1
    win.close()


def test_every_message_of_the_pure_packages_can_be_translated():
    # Messages are made in calibration/ and monitor/ (pure, no Qt); the interface lists
    # their templates for the translation tool. A new message missing from that list would
    # stay English in the Dutch interface.
    import ast
    from pathlib import Path

    from monitor.ui.messages import TEMPLATES
    root = Path(__file__).resolve().parent.parent
    found = []
    for path in [*root.glob("calibration/*.py"), *root.glob("monitor/*.py"),
                 *root.glob("monitor/core/*.py"), *root.glob("monitor/signal/*.py"),
                 *root.glob("recordings/*.py"),
                 *root.glob("devices/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Message"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found.append(node.args[0].value)
    assert len(found) >= 25
    # Problems that always come with a tip of their own are never shown themselves.
    shown = [t for t in found
             if not any(k in t for k in ("still pose", "barely moved", "clean bend"))]
    for t in shown:
        sentence = t[0].upper() + t[1:] + ("" if t.endswith(".") else ".")
        assert t in TEMPLATES or sentence in TEMPLATES, t
