"""The main window: patient and exercise, sensors, calibration, live view, history."""

from __future__ import annotations

import json
import time

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from monitor.core.errors import MonitorError
from monitor.core.exercises import catalogue
from monitor.core.messages import Message
from monitor.live import LiveController
from monitor.ui.history_view import HistoryView
from monitor.ui.live_view import LiveView
from monitor.ui.messages import say, say_error
from monitor.ui.report import write_report
from monitor.ui.sound import SoundCues
from monitor.ui.widgets import LegAnimation
from recordings.privacy import patient_code_concern
from recordings.replay import Replayer
from recordings.store import Store

REDRAW_MS = 16            # about 60 frames per second, whatever the sample rate
MOMENTS = ["intake", "week 6", "week 12", "follow-up"]


class MainWindow(QMainWindow):
    def __init__(self, store: Store, lang: str = "en", demo_speed: float = 1.0) -> None:
        super().__init__()
        self.store = store
        self.lang = lang
        self.demo_speed = demo_speed
        self.controller: LiveController | None = None
        self.replayer: Replayer | None = None
        self.last_summary: dict | None = None
        self.sound = SoundCues()
        self._target_cued = False
        self._said: set[str] = set()       # notices already shown during this set
        self.frames = 0
        self.setWindowTitle(self.tr("Exercise monitor"))

        # -- top bar: patient, moment, exercise, language, sound ------------------------
        self.patient_edit = QLineEdit()
        self.patient_edit.setPlaceholderText(self.tr("patient code, e.g. P0012"))
        self.moment = QComboBox()
        self.moment.setEditable(True)
        self.moment.addItems([self.tr(m) for m in MOMENTS])
        self.exercise = QComboBox()
        for ex in catalogue().values():
            self.exercise.addItem(ex.display_name(lang), ex.id)
        self.exercise.currentIndexChanged.connect(self._exercise_changed)
        self.open_btn = QPushButton(self.tr("Open patient"))
        self.open_btn.clicked.connect(self.open_patient)
        self.sound_box = QCheckBox(self.tr("sound"))
        self.sound_box.setChecked(True)
        self.sound_box.toggled.connect(lambda on: setattr(self.sound, "enabled", on))
        self.speech_box = QCheckBox(self.tr("speak counts"))
        self.speech_box.toggled.connect(lambda on: setattr(self.sound, "speech_enabled", on))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Patient")))
        top.addWidget(self.patient_edit, 1)
        top.addWidget(QLabel(self.tr("Moment")))
        top.addWidget(self.moment)
        top.addWidget(QLabel(self.tr("Exercise")))
        top.addWidget(self.exercise, 2)
        top.addWidget(self.open_btn)
        top.addWidget(self.sound_box)
        top.addWidget(self.speech_box)

        # -- left: sensors and calibration ----------------------------------------------
        self.sensor_list = QLabel(self.tr("No sensors connected."))
        self.sensor_list.setWordWrap(True)
        self.sensor_list.setTextFormat(Qt.TextFormat.RichText)
        self.demo_btn = QPushButton(self.tr("Connect demo sensors"))
        self.demo_btn.clicked.connect(self.connect_demo)
        self.scan_btn = QPushButton(self.tr("Scan for sensors"))
        self.scan_btn.clicked.connect(self.scan)
        self.found_box = QWidget()
        self.found_layout = QVBoxLayout(self.found_box)
        self.found_layout.setContentsMargins(0, 0, 0, 0)
        self.connect_btn = QPushButton(self.tr("Connect selected"))
        self.connect_btn.clicked.connect(self.connect_selected)
        self.connect_btn.hide()
        self.hub = None
        self._scan_future = None
        self._connecting: list = []
        self._placement_boxes: list = []
        self.calib_btn = QPushButton(self.tr("Calibrate"))
        self.calib_btn.clicked.connect(self.calibrate)
        self.reuse_btn = QPushButton(self.tr("Use last calibration"))
        self.reuse_btn.setToolTip(
            self.tr("Checks in a still pose that the sensors sit as they did"))
        self.reuse_btn.clicked.connect(self.reuse_calibration)
        self.reuse_btn.hide()
        self.leg = LegAnimation()
        self.calib_steps = QLabel(self._steps_text(None))
        self.calib_steps.setWordWrap(True)
        self.calib_steps.setTextFormat(Qt.TextFormat.RichText)
        sensors_box = QGroupBox(self.tr("Sensors"))
        sl = QVBoxLayout(sensors_box)
        sl.addWidget(self.sensor_list)
        sl.addWidget(self.scan_btn)
        sl.addWidget(self.found_box)
        sl.addWidget(self.connect_btn)
        sl.addWidget(self.demo_btn)
        calib_box = QGroupBox(self.tr("Calibration"))
        cl = QVBoxLayout(calib_box)
        cl.addWidget(self.leg)
        cl.addWidget(self.calib_steps)
        cl.addWidget(self.calib_btn)
        cl.addWidget(self.reuse_btn)
        # Targets for this patient and exercise (defaults from the catalogue).
        self.band_lo, self.band_hi = QSpinBox(), QSpinBox()
        for box in (self.band_lo, self.band_hi):
            box.setRange(-90, 180)
            box.setSuffix("°")
        self.tempo_boxes = [QDoubleSpinBox() for _ in range(4)]
        for box in self.tempo_boxes:
            box.setRange(0.0, 20.0)
            box.setSingleStep(0.5)
            box.setDecimals(1)
        self.reps_box, self.sets_box = QSpinBox(), QSpinBox()
        self.reps_box.setRange(1, 100)
        self.sets_box.setRange(1, 20)
        targets_box = QGroupBox(self.tr("Targets"))
        tl = QGridLayout(targets_box)
        tl.addWidget(QLabel(self.tr("range")), 0, 0)
        tl.addWidget(self.band_lo, 0, 1)
        tl.addWidget(self.band_hi, 0, 2)
        tl.addWidget(QLabel(self.tr("tempo up / hold / down / rest (s)")), 1, 0, 1, 3)
        tempo_row = QHBoxLayout()
        for box in self.tempo_boxes:
            tempo_row.addWidget(box)
        tl.addLayout(tempo_row, 2, 0, 1, 3)
        tl.addWidget(QLabel(self.tr("reps x sets")), 3, 0)
        tl.addWidget(self.reps_box, 3, 1)
        tl.addWidget(self.sets_box, 3, 2)
        for box in (self.band_lo, self.band_hi, *self.tempo_boxes, self.reps_box,
                    self.sets_box):
            box.valueChanged.connect(self.apply_targets)
        for box in (self.band_lo, self.band_hi, self.reps_box, self.sets_box):
            box.setMaximumWidth(80)         # room for the labels (longer in Dutch)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("note for this set"))
        left = QWidget()
        left.setMaximumWidth(330)
        ll = QVBoxLayout(left)
        ll.addWidget(sensors_box)
        ll.addWidget(calib_box)
        ll.addWidget(targets_box)
        ll.addWidget(QLabel(self.tr("Note")))
        ll.addWidget(self.note)
        ll.addStretch(1)

        # -- centre: live and history --------------------------------------------------
        self.live_view = LiveView()
        self.live_view.start_clicked.connect(self.start_set)
        self.live_view.pause_clicked.connect(self.pause_set)
        self.live_view.stop_clicked.connect(self.stop_set)
        self.live_view.replay_toggled.connect(self._replay_toggle)
        self.live_view.replay_speed.connect(self._replay_speed)
        self.live_view.replay_seek.connect(self._replay_seek)
        self.history = HistoryView()
        self.history.replay_requested.connect(self.replay)
        self.history.report_requested.connect(self.ask_report)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.live_view, self.tr("Live"))
        self.tabs.addTab(self.history, self.tr("History"))
        # The left column scrolls on small screens instead of squeezing its panels.
        left_scroll = QScrollArea()
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(340)
        left_scroll.setMaximumWidth(360)
        split = QSplitter()
        split.addWidget(left_scroll)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 4)
        central = QWidget()
        cv = QVBoxLayout(central)
        cv.addLayout(top)
        cv.addWidget(split, 1)
        self.setCentralWidget(central)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, activated=self.space)

        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.tick)
        self._last_tick = time.monotonic()
        self.timer.start()
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1500, 950)

    # -- patient / session ----------------------------------------------------------------
    def open_patient(self) -> bool:
        code = self.patient_edit.text().strip()
        if not code:
            self.statusBar().showMessage(self.tr("Type a patient code first (no names "
                                                 "needed), e.g. P0012."), 8000)
            return False
        try:
            self.controller = LiveController(self.store, code, self.exercise.currentData(),
                                             self.moment.currentText())
        except MonitorError as exc:
            self.statusBar().showMessage(say_error(exc), 10000)
            return False
        self._show_targets()
        self._configure_view(calibrated=False)
        ex = self.controller.exercise
        self.leg.set_exercise(ex.sim, ex.sim.get("body", ex.start_posture.body))
        self.leg.step = 0
        self.leg.play(True)
        self.history.set_patient(self.store, code, self.lang)
        earlier = len(self.store.sessions(code)) - 1
        concern = patient_code_concern(code) if earlier == 0 else None
        if concern is not None:                 # a new patient whose code identifies them
            self.statusBar().showMessage(say(concern.capitalized()), 30000)
            self._show_sensors()
            return True
        if earlier == 0:
            text = self.tr("Patient {code}: first session").format(code=code)
        elif earlier == 1:
            text = self.tr("Patient {code}: 1 earlier session").format(code=code)
        else:
            text = self.tr("Patient {code}: {n} earlier sessions").format(code=code, n=earlier)
        self.statusBar().showMessage(text, 8000)
        self._show_sensors()
        return True

    def _exercise_changed(self) -> None:
        """Another exercise in the same session: the next sets are of it."""
        c = self.controller
        ex_id = self.exercise.currentData()
        if c is None or ex_id is None or ex_id == c.exercise.id:
            return
        if c.state != "idle":
            # Not in the middle of a set: the set stays what it was started as.
            self.exercise.blockSignals(True)
            self.exercise.setCurrentIndex(self.exercise.findData(c.exercise.id))
            self.exercise.blockSignals(False)
            self.statusBar().showMessage(self.tr("Stop the set first to change the exercise."),
                                         8000)
            return
        c.set_exercise(ex_id)
        self._show_targets()
        self._configure_view(calibrated=False)
        ex = c.exercise
        self.leg.set_exercise(ex.sim, ex.sim.get("body", ex.start_posture.body))
        self.leg.step = 0
        self.calib_steps.setText(self._steps_text(None))
        self._show_sensors()
        self.statusBar().showMessage(
            self.tr("Next sets: {exercise}. Calibrate, or use the last calibration.").format(
                exercise=ex.display_name(self.lang)), 8000)

    def connect_demo(self) -> None:
        if self.controller is None and not self.open_patient():
            return
        self.controller.connect_demo(speed=self.demo_speed)
        self._show_sensors()

    # -- Bluetooth sensors ---------------------------------------------------------------
    def scan(self) -> None:
        from devices.ble import BleHub

        if self.hub is None:
            self.hub = BleHub()
        self.scan_btn.setEnabled(False)
        self.scan_btn.setText(self.tr("Scanning..."))
        self._scan_future = self.hub.scan_async(4.0)

    def _scan_done(self) -> None:
        fut, self._scan_future = self._scan_future, None
        self.scan_btn.setEnabled(True)
        self.scan_btn.setText(self.tr("Scan for sensors"))
        try:
            found = fut.result()
        except MonitorError as exc:
            self.statusBar().showMessage(say_error(exc), 15000)
            return
        for box in self._placement_boxes:
            box[1].setParent(None)
        self._placement_boxes = []
        if not found:
            self.statusBar().showMessage(self.tr("No sensors found: switch them on and bring "
                                                 "them closer."), 10000)
        for f in found:
            row = QWidget()
            lay = QHBoxLayout(row)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(QLabel(f"{f.name} ({f.family}, {f.rssi} dBm)"), 1)
            combo = QComboBox()
            combo.addItem(self.tr("not used"), None)
            for placement in ("right_thigh", "right_shank", "left_thigh", "left_shank"):
                combo.addItem(placement.replace("_", " "), placement)
            lay.addWidget(combo)
            self.found_layout.addWidget(row)
            self._placement_boxes.append((f, row, combo))
        self.connect_btn.setVisible(bool(found))

    def assign(self, address: str, placement: str) -> None:
        for f, _, combo in self._placement_boxes:
            if f.address == address:
                combo.setCurrentIndex(combo.findData(placement))

    def connect_selected(self) -> None:
        if self.controller is None and not self.open_patient():
            return
        chosen = [(f, combo.currentData()) for f, _, combo in self._placement_boxes
                  if combo.currentData()]
        if not chosen:
            self.statusBar().showMessage(self.tr("Choose where each sensor sits first."),
                                         8000)
            return
        self._connecting = [(placement, *self.hub.connect_async(f, placement))
                            for f, placement in chosen]
        self.connect_btn.setEnabled(False)
        self.statusBar().showMessage(self.tr("Connecting..."), 5000)

    def _connect_done(self) -> None:
        pending, self._connecting = self._connecting, []
        self.connect_btn.setEnabled(True)
        links = {}
        for placement, link, fut in pending:
            try:
                fut.result()
                links[placement] = link
            except MonitorError as exc:
                self.statusBar().showMessage(say_error(exc), 15000)
        if links:
            self.controller.connect_ble(links)
            self._show_sensors()

    def calibrate(self) -> None:
        if self.controller is None or not self.controller.sensors:
            self.statusBar().showMessage(self.tr("Connect the sensors first."), 8000)
            return
        c = self.controller
        if c.ble_links and c.state == "idle":
            c.start_calibration()
            self.calib_btn.setText(self.tr("Done"))
            self.calib_steps.setText(self._steps_text(None) + "<br><b>"
                                     + self.tr("Recording... press Done when finished.")
                                     + "</b>")
            return
        if c.ble_links and c.state == "calibrating":
            report = c.finish_calibration()
            self.calib_btn.setText(self.tr("Calibrate"))
        else:
            report = c.calibrate_demo()
        self.calib_steps.setText(self._steps_text(report))
        self.leg.step = 1 if not report.accepted else 0
        self.leg.still = None
        self._configure_view(calibrated=report.accepted)

    def _configure_view(self, calibrated: bool) -> None:
        c = self.controller
        ex = c.exercise
        angle_words = {"knee_flexion_deg": self.tr("knee flexion"),
                       "hip_flexion_deg": self.tr("hip flexion"),
                       "hip_extension_deg": self.tr("hip extension"),
                       "hip_abduction_deg": self.tr("hip abduction"),
                       "shank_inclination_deg": self.tr("lower-leg tilt"),
                       "thigh_inclination_deg": self.tr("thigh tilt"),
                       "movement_deg": self.tr("movement")}
        words = angle_words.get(ex.angle, ex.angle.replace("_deg", "").replace("_", " "))
        self.live_view.configure(words + " (°)",
                                 c.targets.rom_band_deg, c.targets.tempo_s,
                                 calibrated=calibrated, outward=ex.outward_sign,
                                 reps_target=c.targets.reps_per_set)

    def _show_targets(self) -> None:
        t = self.controller.targets
        widgets = (self.band_lo, self.band_hi, *self.tempo_boxes, self.reps_box,
                   self.sets_box)
        for w in widgets:
            w.blockSignals(True)
        self.band_lo.setValue(int(t.rom_band_deg[0]))
        self.band_hi.setValue(int(t.rom_band_deg[1]))
        for box, v in zip(self.tempo_boxes, t.tempo_s, strict=True):
            box.setValue(v)
        self.reps_box.setValue(t.reps_per_set)
        self.sets_box.setValue(t.sets)
        for w in widgets:
            w.blockSignals(False)

    def apply_targets(self) -> None:
        c = self.controller
        if c is None:
            return
        lo, hi = sorted((self.band_lo.value(), self.band_hi.value()))
        c.targets.rom_band_deg = (float(lo), float(hi))
        c.targets.tempo_s = tuple(b.value() for b in self.tempo_boxes)
        c.targets.reps_per_set = self.reps_box.value()
        c.targets.sets = self.sets_box.value()
        self._configure_view(calibrated=bool(c.mountings))

    def _steps_text(self, report) -> str:
        ex = self.controller.exercise if self.controller is not None else None
        if ex is not None and ex.count_on == "rise":
            move = self.tr("2. Rise onto the toes and lower slowly three times.")
        elif ex is not None and ex.counts_any_movement:
            move = self.tr("2. Do the exercise's movement slowly three times.")
        elif ex is not None and ex.plane == "frontal":
            move = self.tr("2. Move the leg out to the side and back slowly three times.")
        else:
            move = self.tr("2. Bend and stretch the joint slowly three times.")
        steps = [self.tr("1. Put the leg in the start posture and hold it still (2 s)."), move]
        html = "<br>".join(steps)
        if report is not None:
            colour = "#009E73" if report.accepted else "#D55E00"
            html += (f"<br><b style='color:{colour}'>"
                     + self.tr("Quality {q:.0%}").format(q=report.quality) + "</b><br>"
                     + "<br>".join(say(g) for g in report.guidance))
        return html

    def reuse_calibration(self) -> None:
        c = self.controller
        if c is None or not c.sensors:
            return
        if c.state != "idle":
            return
        c.start_quick_check()
        self.leg.step = 0
        self.calib_steps.setText("<b>" + self.tr(
            "Quick check: hold the leg still in the start posture (2 s).") + "</b>")

    def _quick_check_done(self, ok: bool, problems: list[str]) -> None:
        if ok:
            self.calib_steps.setText("<b style='color:#009E73'>" + self.tr(
                "Last calibration fits: ready.") + "</b>")
            self._configure_view(calibrated=True)
        else:
            self.calib_steps.setText("<b style='color:#D55E00'>"
                                     + "<br>".join(say(p) for p in problems)
                                     + "</b>")

    def _show_sensors(self) -> None:
        c = self.controller
        if c is not None and c.sensors:
            # A calibration for any movement describes that movement only: it is not kept.
            self.reuse_btn.setVisible(bool(c.stored_mountings())
                                      and not c.exercise.counts_any_movement)
        if c is None or not c.sensors:
            self.sensor_list.setText(self.tr("No sensors connected."))
            return
        lines = []
        status_words = {"connecting": self.tr("connecting"), "connected": self.tr("connected"),
                        "reconnecting": self.tr("reconnecting"), "lost": self.tr("lost"),
                        "closed": self.tr("closed")}
        rejected = (c.live.pipeline.rejected_samples
                    if c.live is not None and c.live.pipeline is not None else {})
        for label, s in c.sensors.items():
            colour = {"connected": "#009E73", "reconnecting": "#E69F00"}.get(s.status,
                                                                              "#D55E00")
            battery = "" if s.battery_pct is None else f" · {s.battery_pct}%"
            rssi = "" if s.rssi_dbm is None else f" · {s.rssi_dbm} dBm"
            loss = "" if not s.lost_pct else " · " + self.tr("{p:.1f}% lost").format(
                p=s.lost_pct)
            bad = "" if not rejected.get(label) else (
                "<br><span style='color:#D55E00'>" + self.tr(
                    "{n} impossible readings left out: check the sensor").format(
                        n=rejected[label]) + "</span>")
            lines.append(f"<b>{say(Message(s.placement.replace('_', ' ')))}</b>: {s.name} "
                         f"({s.family}){battery}{rssi}<br><span style='color:{colour}'>● "
                         f"{status_words.get(s.status, s.status)}</span> · "
                         + self.tr("{n} samples").format(n=s.samples) + loss + bad)
        self.sensor_list.setText("<br>".join(lines))

    # -- sets -----------------------------------------------------------------------------
    def space(self) -> None:
        if self.controller is None or self.controller.state == "idle":
            self.start_set()
        else:
            self.pause_set()

    def start_set(self) -> None:
        c = self.controller
        if c is None or not c.sensors:
            self.live_view.show_message(self.tr("Open a patient and connect the sensors "
                                                "first."))
            return
        if not c.mountings:
            self.live_view.show_message(self.tr("Not calibrated: repetitions are counted, "
                                                "angles are shown as uncalibrated."))
        else:
            self.live_view.show_message("")
        self.replayer = None
        self._said: set[str] = set()
        try:
            c.start_set()
        except MonitorError as exc:         # the database cannot take a new set
            self.live_view.show_message(say_error(exc))
            return
        model = c.live.pipeline.model if c.live is not None else None
        ex = c.exercise
        if (model is not None and model.calibrated and ex.angle_needs_both
                and model.secondary is None):
            # The angle needs thigh and shank; with one of them it rests on an assumption.
            # (With both strapped on, the other one may still go unused: a segment that the
            # exercise keeps still is not calibrated, its posture is assumed.)
            what = ex.single_sensor.get(self.lang, ex.single_sensor["en"])
            segments = {s.segment for s in c.sensors.values()}
            text = (self.tr("Angle: {what}.") if {"thigh", "shank"} <= segments
                    else self.tr("Only one sensor on this leg: {what}."))
            self.live_view.show_message(text.format(what=what))
        elif model is not None and c.live.pipeline.supported_segment is not None:
            # The thigh on the chair is measured by its sensor without a calibration of its
            # own (it does not move while calibrating); its rest posture is the assumption.
            sup = ex.start_posture.supported_text
            self.live_view.show_message(self.tr("Angle: {what}.").format(
                what=sup.get(self.lang, sup["en"])))
        self.live_view.set_reps([])
        self.live_view.set_summary(None)
        self.live_view.set_running(c.state)

    def pause_set(self) -> None:
        if self.controller is not None:
            self.controller.pause()
            self.live_view.set_running(self.controller.state)

    def stop_set(self) -> dict | None:
        c = self.controller
        if c is None or c.state == "idle":
            return None
        set_id = c.set_id
        summary = c.stop_set()
        if self.note.text().strip() and set_id is not None:
            try:
                self.store.set_note(set_id, self.note.text().strip())
                self.note.clear()
            except MonitorError as exc:
                self.statusBar().showMessage(say_error(exc), 15000)
        self.last_summary = summary
        self.live_view.set_reps(c.reps)
        self.live_view.set_summary(summary)
        self.live_view.set_running(c.state)
        self.history.set_patient(self.store, c.patient, self.lang)
        return summary

    # -- replay ---------------------------------------------------------------------------
    def replay(self, set_id: int) -> None:
        if self.controller is not None and self.controller.state != "idle":
            self.stop_set()
        self.replayer = Replayer(self.store, set_id)
        self.replayer.speed = self.demo_speed
        self.replayer.pipeline.listener = self._replay_trace
        self._replay_reps: list = []
        self._replay_t: list = []
        self._replay_deg: list = []
        self.live_view.set_reps([])
        self.live_view.show_message(self.tr("Replay of set {n}").format(n=set_id))
        self.live_view.show_replay(self.replayer.end_s - self.replayer.start_s)
        self.tabs.setCurrentWidget(self.live_view)

    def _replay_toggle(self) -> None:
        if self.replayer is not None:
            self.replayer.paused = not self.replayer.paused

    def _replay_speed(self, factor: float) -> None:
        if self.replayer is not None:
            self.replayer.speed = factor

    def _replay_seek(self, t: float) -> None:
        rp = self.replayer
        if rp is None:
            return
        target = rp.start_s + t
        going_back = target < rp.position_s
        new = rp.seek(target)
        self._replay_reps = new if going_back else self._replay_reps + new
        if going_back:
            self._replay_t, self._replay_deg = [], []
        self.live_view.set_reps(self._replay_reps)

    def _replay_trace(self, t, deg) -> None:
        self._replay_t.append(t)
        self._replay_deg.append(deg)

    # -- report ---------------------------------------------------------------------------
    def ask_report(self) -> None:
        if self.controller is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"),
                                              f"report-{self.controller.patient}.pdf",
                                              "PDF (*.pdf)")
        if path:
            self.report(path)

    def report(self, path: str) -> None:
        try:
            write_report(self.store, self.controller.patient, path, self.lang)
            self.statusBar().showMessage(self.tr("Report saved: {p}").format(p=path), 8000)
        except OSError as exc:
            self.statusBar().showMessage(self.tr("The report could not be saved: {e}").format(
                e=exc), 10000)

    # -- the redraw timer -----------------------------------------------------------------
    def tick(self) -> None:
        if self._scan_future is not None and self._scan_future.done():
            self._scan_done()
        if self._connecting and all(f.done() for _, _, f in self._connecting):
            self._connect_done()
        now = time.monotonic()
        dt, self._last_tick = now - self._last_tick, now
        self.frames += 1
        if self.replayer is not None:
            new = self.replayer.advance(dt)
            if new:
                self._replay_reps += new
                self.live_view.set_reps(self._replay_reps)
            if self._replay_t:
                t = np.concatenate(self._replay_t)[-4000:]
                d = np.concatenate(self._replay_deg)[-4000:]
                self._replay_t, self._replay_deg = [t], [d]
                self.live_view.update_trace(t, d)
                self.live_view.gauge.set_angle(float(d[-1]))
            self.live_view.set_replay_position(self.replayer.position_s - self.replayer.start_s,
                                               self.replayer.paused)
            if self.replayer.finished:
                self.live_view.show_message(self.tr("Replay finished: {n} repetitions").format(
                    n=len(self._replay_reps)))
                self.replayer = None
                self.live_view.show_replay(None)
            return
        c = self.controller
        if c is None or c.state == "idle":
            return
        if c.state == "calibrating" and c.checking:
            result = c.quick_check_step()
            if result is not None:
                self._quick_check_done(*result)
            return
        if c.state == "calibrating":
            c.poll()
            p = c.calibration_progress()
            self.leg.still = p["still"]
            self.leg.step = 0 if p["seconds"] < 2.0 else 1
            still = ("<span style='color:#009E73'>● " + self.tr("still") + "</span>"
                     if p["still"] else "<span style='color:#E69F00'>● "
                     + self.tr("moving") + "</span>")
            self.calib_steps.setText(
                self._steps_text(None) + "<br><b>" + self.tr("Recording {s:.0f} s").format(
                    s=p["seconds"]) + "</b> " + still + "<br>" + self.tr(
                    "movement so far: {r:.0f}° (aim for 150° or more)").format(
                    r=p["rotation_deg"]))
            return
        new = c.poll()
        for msg in c.messages:
            self.live_view.show_message(say(msg))
        c.messages.clear()
        if c.store_failed:
            self.stop_set()          # the set cannot be saved: it ends here, visibly
            return
        if new:
            self.live_view.set_reps(c.reps)
            for _ in new:
                self.sound.rep(len(c.reps))
            # Two full-size repetitions in a row off the calibrated axis: the sensor has
            # probably turned on its strap (one alone can be a twist of the leg, and small
            # repetitions wobble off the axis more).
            usual = float(np.median([r.rom_deg for r in c.reps]))
            last = c.reps[-2:]
            if len(last) == 2 and all("sensor_moved" in r.flags and r.rom_deg >= 0.7 * usual
                                      for r in last):
                self.live_view.show_message(self.tr(
                    "A sensor seems to have moved on its strap. After this set: tighten it, "
                    "then use the quick check (Use last calibration) or calibrate again."))
            # Two repetitions in a row where the segment the angle takes to stay still
            # moved (a thigh lifting off the chair): say so, once per set.
            measured = c.live is not None and c.live.pipeline.supported_segment == "thigh"
            thigh_text = (self.tr(
                "The thigh lifts or turns during the repetitions (the hip helps); the knee "
                "angle includes it. Support the thigh if only the knee should work.")
                if measured else self.tr(
                "The thigh lifts or turns during the repetitions: the knee angle takes it "
                "to stay on the chair, so it reads larger. Support the thigh."))
            for flag, text in (("thigh_moved", thigh_text),
                               ("shank_moved", self.tr(
                    "The lower leg moves during the repetitions: the knee angle takes it to "
                    "stay upright, so it is less exact."))):
                if (len(last) == 2 and all(flag in r.flags for r in last)
                        and flag not in self._said):
                    self._said.add(flag)
                    self.live_view.show_message(text)
            self._target_cued = False
        # A distinct tone the moment the angle reaches the end of the target range.
        if c.poll_extreme_deg is not None and not self._target_cued and c.mountings:
            end = c.target_end_deg()
            if c.exercise.outward_sign * (c.poll_extreme_deg - end) >= -2.0:
                self.sound.target()
                self._target_cued = True
        t, deg = c.trace.view()
        self.live_view.update_trace(t, deg)
        self.live_view.gauge.set_angle(c.latest_deg)
        if self.frames % 15 == 0:
            c.refresh_sensor_status()
            self._show_sensors()

    def closeEvent(self, event) -> None:
        if self.controller is not None and self.controller.state != "idle":
            self.stop_set()
        if self.hub is not None:
            self.hub.close()
            self.hub = None
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)

    def summary_json(self) -> str:
        return json.dumps(self.last_summary or {"rep_count": 0})
