"""The main window: patient and exercise, sensors, calibration, live view, history."""

from __future__ import annotations

import json
import time

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
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

from monitor.core.dosing import Load
from monitor.core.errors import MonitorError
from monitor.core.exercises import catalogue, get_exercise
from monitor.core.messages import Message
from monitor.live import LiveController
from monitor.ui.history_view import HistoryView
from monitor.ui.live_view import LiveView
from monitor.ui.messages import decimal, say, say_error
from monitor.ui.patient_view import PatientView
from monitor.ui.settings import app_settings
from monitor.ui.sound import SoundCues
from monitor.ui.tests_view import TestsView, change_words, norm_text, verdict_words
from monitor.ui.widgets import LegAnimation
from recordings.privacy import patient_code_concern
from recordings.replay import Replayer
from recordings.store import Store

REDRAW_MS = 16            # about 60 frames per second, whatever the sample rate
# The measurement moments (stored under these labels, shown in the interface's language);
# a training visit between them has no label (one session per day).
MOMENTS = [QT_TRANSLATE_NOOP("MainWindow", "intake"), QT_TRANSLATE_NOOP("MainWindow", "week 6"),
           QT_TRANSLATE_NOOP("MainWindow", "week 12"),
           QT_TRANSLATE_NOOP("MainWindow", "discharge"),
           QT_TRANSLATE_NOOP("MainWindow", "follow-up")]


# The interface's languages, each named in itself.
LANGUAGES = (("en", "English"), ("nl", "Nederlands"))


class MainWindow(QMainWindow):
    # The window that took over after a change of language (the sensors, the patient and
    # the visit go with it).
    language_switched = Signal(object)

    def __init__(self, store: Store, lang: str = "en", demo_speed: float = 1.0) -> None:
        super().__init__()
        self.store = store
        self.lang = lang
        self.demo_speed = demo_speed
        self.controller: LiveController | None = None
        self.replayer: Replayer | None = None
        self._battery_said: set[str] = set()       # battery warnings said before the set
        self.last_summary: dict | None = None
        self.sound = SoundCues()
        self._target_cued = 0              # target tones played during this set
        self._said: set[str] = set()       # notices already shown during this set
        self.frames = 0
        self.setWindowTitle(self.tr("Exercise monitor"))

        # -- top bar: patient, moment, exercise, language, sound ------------------------
        self.patient_edit = QLineEdit()
        self.patient_edit.setPlaceholderText(self.tr("code, e.g. P0012"))
        self.patient_edit.setMinimumWidth(
            self.patient_edit.fontMetrics().horizontalAdvance(
                self.patient_edit.placeholderText()) + 16)
        # The patient list with search: the codes containing what is typed.
        self.patient_completer = QCompleter([], self)
        self.patient_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.patient_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.patient_edit.setCompleter(self.patient_completer)
        self.patient_edit.returnPressed.connect(self.open_patient)
        self._refresh_patient_list()
        self.moment = QComboBox()
        self.moment.setEditable(True)
        self.moment.addItem(self.tr("training visit"), None)
        for m in MOMENTS:
            self.moment.addItem(self.tr(m), m)
        self.moment.setCurrentIndex(1)
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
        self.lang_box = QComboBox()
        for code, name in LANGUAGES:
            self.lang_box.addItem(name, code)
        self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(lang)))
        self.lang_box.setToolTip(self.tr("Language of the interface and the reports"))
        self.lang_box.currentIndexChanged.connect(
            lambda _i: self.switch_language(self.lang_box.currentData()))
        top.addWidget(self.lang_box)

        # -- left: sensors and calibration ----------------------------------------------
        self.sensor_list = QLabel(self.tr("No sensors connected."))
        self.sensor_list.setWordWrap(True)
        self.sensor_list.setTextFormat(Qt.TextFormat.RichText)
        self.demo_btn = QPushButton(self.tr("Connect demo sensors"))
        self.demo_btn.clicked.connect(self.connect_demo)
        self.group_btn = QPushButton(self.tr("Demo group (6 participants)"))
        self.group_btn.setToolTip(self.tr("A small group with simulated sensors: one tile "
                                          "per participant"))
        self.group_btn.clicked.connect(lambda: self.open_demo_group(6))
        self.group_window = None
        self.group_setup_btn = QPushButton(self.tr("Group session with sensors..."))
        self.group_setup_btn.setToolTip(self.tr("2-8 patients training at once, each with "
                                                "their own sensors"))
        self.group_setup_btn.clicked.connect(self.open_group_setup)
        self.group_setup = None
        self._demo_store: Store | None = None    # the demo group's database
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
        sl.addWidget(self.group_setup_btn)
        sl.addWidget(self.group_btn)
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
        self.load_edit = QLineEdit()
        self.load_edit.setPlaceholderText(self.tr("8 kg, red band, bodyweight"))
        self.load_edit.editingFinished.connect(self.apply_targets)
        self.rest_box = QSpinBox()
        self.rest_box.setRange(0, 900)
        self.rest_box.setSuffix(" s")
        targets_box = self.targets_box = QGroupBox(self.tr("Targets"))
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
        tl.addWidget(QLabel(self.tr("load")), 4, 0)
        tl.addWidget(self.load_edit, 4, 1, 1, 2)
        # The rest's label is the longest: it and its box share the whole row.
        rest_row = QHBoxLayout()
        rest_row.addWidget(QLabel(self.tr("rest between sets")))
        rest_row.addWidget(self.rest_box, 1)
        tl.addLayout(rest_row, 5, 0, 1, 3)
        for box in (self.band_lo, self.band_hi, *self.tempo_boxes, self.reps_box,
                    self.sets_box, self.rest_box):
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
        self.live_view.visit_bar.next_clicked.connect(self.next_exercise)
        self.live_view.visit_bar.skip_rest_clicked.connect(self.end_rest)
        self.live_view.rating.answered.connect(self.answer)
        self.history = HistoryView()
        self.history.replay_requested.connect(self.replay)
        self.history.report_requested.connect(self.ask_report)
        self.patient_view = PatientView()
        self.patient_view.programme_changed.connect(self._programme_changed)
        self.patient_view.message.connect(lambda t: self.statusBar().showMessage(t, 8000))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.live_view, self.tr("Live"))
        self.tests_view = TestsView()
        self.tests_view.run_requested.connect(self.run_test)
        self.tests_view.message.connect(lambda t: self.statusBar().showMessage(t, 8000))
        self.tests_view.changed.connect(lambda: self.history.refresh())
        self.patient_view.details_saved.connect(self._details_saved)
        self.tabs.addTab(self.patient_view, self.tr("Patient"))
        self.tabs.addTab(self.tests_view, self.tr("Tests"))
        self.tabs.addTab(self.history, self.tr("History"))
        # The left column scrolls on small screens instead of squeezing its panels.
        left_scroll = QScrollArea()
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(340)
        left_scroll.setMaximumWidth(360)
        self.left_column = left_scroll
        self.tabs.currentChanged.connect(lambda _i: self._fit_left_column())
        split = self.splitter = QSplitter()
        split.addWidget(left_scroll)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 4)
        central = QWidget()
        cv = QVBoxLayout(central)
        cv.addLayout(top)
        cv.addWidget(split, 1)
        self.setCentralWidget(central)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, activated=self.space)
        self._rest_cued = False
        self.clock = time.monotonic           # the visit's clock (a test may drive it)

        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.tick)
        self._last_tick: float | None = None
        self.timer.start()
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            # As large as the screen allows, up to 1500 x 950 (a clinic laptop's 1366 x 768
            # gets the whole screen, not a window running off it).
            screen = self.screen().availableGeometry() if self.screen() else None
            self.resize(min(1500, screen.width()) if screen else 1500,
                        min(950, screen.height()) if screen else 950)
        self._show_targets()
        self._guide()

    # -- patient / session ----------------------------------------------------------------
    def open_patient(self) -> bool:
        code = self.patient_edit.text().strip()
        if not code:
            self.statusBar().showMessage(self.tr("Type a patient code first (no names "
                                                 "needed), e.g. P0012."), 8000)
            return False
        if self.controller is not None and self.controller.state != "idle":
            self.statusBar().showMessage(self.tr("Stop the set first to open another "
                                                 "patient."), 8000)
            return False
        new = self.store.patient(code) is None
        try:
            if new:
                self.store.save_patient(code, intake_date=time.strftime("%Y-%m-%d"))
            has_programme = bool(self.store.programme(code))
            self.controller = LiveController(
                self.store, code, None if has_programme else self.exercise.currentData(),
                self._moment_label(), clock=self.clock)
        except MonitorError as exc:
            self.statusBar().showMessage(say_error(exc), 10000)
            return False
        self._show_patient(code)
        earlier = len(self.store.sessions(code)) - 1
        concern = patient_code_concern(code) if new else None
        if concern is not None:                 # a new patient whose code identifies them
            text = say(concern.capitalized())
        elif new:
            text = self.tr("New patient {code}: fill in the details and goals on the "
                           "Patient tab (year of birth and sex for the test norms)."
                           ).format(code=code)
        elif earlier == 0:
            text = self.tr("Patient {code}: first session").format(code=code)
        elif earlier == 1:
            text = self.tr("Patient {code}: 1 earlier session").format(code=code)
        else:
            text = self.tr("Patient {code}: {n} earlier sessions").format(code=code, n=earlier)
        self.statusBar().showMessage(text, 8000 if concern is None else 30000)
        return True

    def _show_patient(self, code: str) -> None:
        """Every view on the open patient and visit (self.controller)."""
        self._refresh_patient_list()
        self.live_view.clear()
        self.replayer = None
        self.live_view.show_replay(None)
        self._show_exercise()
        self.leg.play(True)
        self.history.set_patient(self.store, code, self.lang)
        self.patient_view.set_patient(self.store, code, self.lang)
        self.tests_view.set_session(self.store, code, self.controller.session_id,
                                    self._moment_label(), self.lang)
        self._show_visit()
        self._ask_next()
        self._show_pain_model()
        self._show_sensors()

    # -- language ---------------------------------------------------------------------------
    def switch_language(self, lang: str) -> MainWindow | None:
        """The interface in another language: a new window in it takes over the patient,
        the visit and the connected sensors (nothing is reconnected or lost); refused
        during a set or a replay. Remembered for the next start."""
        if lang == self.lang or lang is None:
            return None
        busy = (self.controller is not None and self.controller.state != "idle") or \
            self.replayer is not None
        if busy:
            self.lang_box.blockSignals(True)
            self.lang_box.setCurrentIndex(self.lang_box.findData(self.lang))
            self.lang_box.blockSignals(False)
            self.statusBar().showMessage(self.tr("Stop the set first to change the "
                                                 "language."), 8000)
            return None
        from monitor.ui.app import make_app

        make_app(lang=lang)                     # the translator, and remembered
        new = MainWindow(self.store, lang=lang, demo_speed=self.demo_speed)
        new.clock = self.clock
        new.restoreGeometry(self.saveGeometry())
        new.sound_box.setChecked(self.sound_box.isChecked())
        new.speech_box.setChecked(self.speech_box.isChecked())
        new.patient_edit.setText(self.patient_edit.text())
        for box in ("moment", "exercise"):
            mine, theirs = getattr(self, box), getattr(new, box)
            theirs.blockSignals(True)
            i = mine.currentIndex()
            if i >= 0 and mine.currentText() == mine.itemText(i):
                theirs.setCurrentIndex(i)
            else:
                theirs.setEditText(mine.currentText())       # a moment typed by hand
            theirs.blockSignals(False)
        new.hub, self.hub = self.hub, None
        new.last_summary = self.last_summary
        if self.controller is not None:
            new.controller, self.controller = self.controller, None
            new._show_patient(new.controller.patient)
        new.tabs.setCurrentIndex(self.tabs.currentIndex())
        new.show()
        self.timer.stop()
        self.close()
        self.deleteLater()
        self.language_switched.emit(new)
        return new

    def _moment_label(self) -> str | None:
        """The label of the chosen moment (stored in English), a typed one, or None for a
        training visit."""
        text = self.moment.currentText().strip()
        i = self.moment.findText(text)
        if i >= 0:
            return self.moment.itemData(i)
        return text or None

    def _refresh_patient_list(self) -> None:
        self.patient_completer.model().setStringList(
            [p["code"] for p in self.store.patients()])

    def _show_exercise(self) -> None:
        """The controller's exercise in the list, its targets, its start posture."""
        c = self.controller
        ex = c.exercise
        self.exercise.blockSignals(True)
        self.exercise.setCurrentIndex(self.exercise.findData(ex.id))
        self.exercise.blockSignals(False)
        self._show_targets()
        self._configure_view(calibrated=bool(c.mountings))
        self.leg.set_exercise(ex.sim, ex.sim.get("body", ex.start_posture.body))
        self.leg.step = 0
        self.calib_steps.setText(self._steps_text(None))
        self._show_test_mode()

    # -- a test of the measurement battery -----------------------------------------------
    def _test_caption(self, test: dict) -> str:
        return {"count": self.tr("stands"), "time_s": self.tr("seconds"),
                "flexion_deg": self.tr("degrees of flexion")}[test["result"]]

    def _details_saved(self) -> None:
        """Year of birth, sex or joint changed: the norms and questionnaires follow."""
        c = self.controller
        if c is not None:
            self.tests_view.set_session(self.store, c.patient, c.session_id,
                                        self._moment_label(), self.lang)
            self.history.refresh()

    def run_test(self, test_id: str) -> None:
        """A test picked on the Tests tab: the live view takes it (protocol, clock)."""
        c = self.controller
        if c is None or c.state != "idle":
            return
        self.exercise.setCurrentIndex(self.exercise.findData(test_id))
        self.tabs.setCurrentWidget(self.live_view)

    def _show_test_mode(self) -> None:
        """A test: its protocol above the live view, its clock, what the counter counts."""
        c = self.controller
        t = c.test if c is not None else None
        self.live_view.set_test_mode(None if t is None else self._test_caption(t),
                                     counts=t is None or t["result"] == "count")
        if t is None:
            self.live_view.visit_bar.show_clock(None)
            self._clear_banner("test")
            return
        lang = "nl" if self.lang == "nl" else "en"
        self._banner("test", "<b>" + t["name"][lang] + "</b> — " + t["protocol"][lang]
                     + "<br>" + self.tr("Sensors: {what}.").format(what=t["sensors"][lang]))
        self.live_view.visit_bar.show_position(t["name"][lang], False)
        self.live_view.visit_bar.show_clock(
            t["time_limit_s"] if t["clock"] == "countdown" else 0.0,
            countdown=t["clock"] == "countdown")
        if t["clock"] == "none":
            self.live_view.visit_bar.show_clock(None)

    def _show_test_result(self, summary: dict) -> None:
        """The test's result, large, and in words against the norm and the intake."""
        from monitor.core.battery import change_text, result_value, value_text
        from recordings.measurements import battery_table

        c = self.controller
        t = c.test
        value = result_value(t["id"], summary.get("test_result"))
        if value is None:
            self.live_view.show_result("–", self.tr("not measured: the sensors did not see "
                                                    "the test completed"))
            return
        lang = "nl" if self.lang == "nl" else "en"
        number = value_text(t["id"], value, lang).split(" ")[0]
        self.live_view.show_result(number, self._test_caption(t))
        row = next((r for r in battery_table(self.store, c.patient, lang)
                    if r["session"] == c.session_id), None)
        judged = None
        if row is not None:
            judged = next((j for name, j in row["tests"].items()
                           if name.split(":")[0] == t["id"] and j.get("details") is not None
                           and j["value"] == value), None)
        words = [t["name"][lang] + ": " + value_text(t["id"], value, lang)]
        if judged and judged["norm"]:
            n = judged["norm"]
            words.append(self.tr("norm {norm}: {verdict}").format(
                norm=norm_text(n, lang), verdict=verdict_words(n["verdict"])))
        elif judged and judged["no_norm_message"]:
            m = judged["no_norm_message"]
            words.append(say(Message(m["template"], **m["params"])))
        if judged and judged["change"]:
            words.append(self.tr("since the first measurement: {delta}, {what}").format(
                delta=change_text(t["id"], judged["change"]["delta"], lang),
                what=change_words(judged["change"]["meaningful"])))
        self.live_view.summary.setText("; ".join(words))

    # -- the visit: programme position, rest, ratings ------------------------------------
    def _show_visit(self) -> None:
        c = self.controller
        if c is not None and c.test is not None:
            # A test is not part of the programme: the bar names the test and its clock.
            lang = "nl" if self.lang == "nl" else "en"
            self.live_view.visit_bar.show_position(c.test["name"][lang], False)
            self.live_view.visit_bar.show_rest(None)
            return
        pos = c.visit_position() if c is not None else None
        if pos is None:
            self.live_view.visit_bar.show_position("", False)
            self.live_view.visit_bar.show_rest(None)
            return
        if pos["programme_done"]:
            text = self.tr("Programme done: {n} exercises").format(n=pos["exercises"])
        elif pos["done"]:
            text = self.tr("Exercise {k} of {n} done").format(k=pos["exercise_number"],
                                                               n=pos["exercises"])
        else:
            text = self.tr("Exercise {k} of {n} · set {s} of {m} · {load}").format(
                k=pos["exercise_number"], n=pos["exercises"], s=pos["set_number"],
                m=pos["sets"], load=pos["load"].text(self.lang))
        self.live_view.visit_bar.show_position(
            text, pos["exercises"] > 1 and not pos["programme_done"] and c.state == "idle")
        self.live_view.visit_bar.show_rest(c.rest_remaining_s())

    def _show_pain_model(self) -> None:
        """A patient outside the pain-monitoring model: said above the live view."""
        from recordings.treatment import pain_status

        outside = pain_status(self.store, self.controller.patient)
        if outside:
            self._banner("pain", self.tr("Outside the pain-monitoring model: {why}. Consider "
                                         "a lower load or range.").format(
                why="; ".join(say(m) for m in outside)))
        else:
            self._clear_banner("pain")

    def _ask_next(self) -> None:
        """Show the first open question of the visit (or hide the rating bar)."""
        c = self.controller
        q = c.visit.questions[0] if c is not None and c.visit.questions else None
        bar = self.live_view.rating
        if q is None:
            bar.hide()
            return
        pain_hint = self.tr("0 = no pain, 10 = worst imaginable pain (numeric rating "
                            "scale); 0-5 is acceptable during training")
        effort_hint = self.tr("Borg CR10: 0 nothing at all, 3 moderate, 5 hard, 7 very "
                              "hard, 10 maximal")
        if q.kind == "pain_next_morning":
            bar.ask(self.tr("How was the pain the morning after the last session?"),
                    pain_hint)
        elif q.kind == "pain_before":
            bar.ask(self.tr("Pain now, before the session?"), pain_hint)
        elif q.kind == "effort":
            bar.ask(self.tr("Effort of this set?"), effort_hint)
        else:
            bar.ask(self.tr("Pain during {exercise}?").format(
                exercise=get_exercise(q.exercise).display_name(self.lang)), pain_hint)

    def answer(self, value) -> None:
        c = self.controller
        if c is None:
            return
        try:
            c.answer(value)
        except (MonitorError, ValueError) as exc:
            self.statusBar().showMessage(say_error(exc), 10000)
        self._ask_next()
        self.patient_view.refresh()
        self.history.refresh()
        if self.controller.state == "idle":
            self._show_pain_model()

    def end_rest(self) -> None:
        if self.controller is not None:
            self.controller.visit.end_rest()
            self._show_visit()

    def next_exercise(self) -> None:
        c = self.controller
        if c is None or c.state != "idle":
            return
        ex_id = c.next_exercise()
        if ex_id is None:
            self.statusBar().showMessage(self.tr("All exercises of the programme are done."),
                                         8000)
            return
        self.live_view.clear()
        self._show_exercise()
        self._show_visit()
        self._show_sensors()
        self.statusBar().showMessage(
            self.tr("Next: {exercise}. Calibrate, or use the last calibration.").format(
                exercise=c.exercise.display_name(self.lang)), 8000)

    def _programme_changed(self) -> None:
        """The programme was edited on the Patient tab: the next set uses the new dose."""
        c = self.controller
        if c is None:
            return
        c.visit.refresh()
        if c.state == "idle":
            c.targets = c._patient_targets()
            self._show_targets()
            self._configure_view(calibrated=bool(c.mountings))
        self._show_visit()

    def _exercise_changed(self) -> None:
        """Another exercise in the same session: the next sets are of it."""
        c = self.controller
        ex_id = self.exercise.currentData()
        if c is None and ex_id is not None:
            self._show_targets()
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
        self.live_view.clear()
        self._show_exercise()
        self._show_visit()
        ex = c.exercise
        self._show_sensors()
        self.statusBar().showMessage(
            self.tr("Next sets: {exercise}. Calibrate, or use the last calibration.").format(
                exercise=ex.display_name(self.lang)), 8000)

    def connect_demo(self) -> None:
        if self.controller is None and not self.open_patient():
            return
        self.controller.connect_demo(speed=self.demo_speed)
        self._show_sensors()
        self._clear_banner("sensors")

    def open_demo_group(self, participants: int = 6):
        """A demo group (monitor.group.demo_group) in a window of its own."""
        from monitor.group import demo_group
        from recordings.store import default_db_path

        # The demo's participants go into the demo database (as with --demo), never into
        # the practice's history.
        demo_path = default_db_path().with_name("demo.db")
        store = self.store
        if getattr(store, "path", None) != demo_path:
            if self._demo_store is None:
                self._demo_store = Store(demo_path)
            store = self._demo_store
        group = demo_group(store, participants, clock=self.clock, speed=self.demo_speed)
        return self.open_group(group)

    def open_group_setup(self):
        """Set up a group with real sensors (monitor.ui.group_setup); it opens in the group
        window when started."""
        from devices.ble import BleHub
        from monitor.ui.group_setup import GroupSetup

        if self.hub is None:
            self.hub = BleHub()
        if self.group_setup is not None:
            self.group_setup.close()
        self.group_setup = GroupSetup(self.store, self.hub, self.lang, self._moment_label())
        self.group_setup.formed.connect(self.open_group)
        self.group_setup.show()
        return self.group_setup

    def open_group(self, group):
        """Show a group session (monitor.group.GroupSession) in the group window."""
        from monitor.ui.group_view import GroupWindow

        if self.group_window is not None:
            self.group_window.close()
        self.group_window = GroupWindow(group, self.lang)
        self.group_window.show()
        self.group_window.timer.start()
        return self.group_window

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
            self._clear_banner("sensors")
            self._warn_battery()

    def _warn_battery(self) -> bool:
        """A sensor whose battery may not last the set: said before the set starts."""
        warnings = self.controller.battery_warnings() if self.controller else []
        self._battery_said = {say(w) for w in warnings}
        if warnings:
            text = " ".join(say(w) for w in warnings)
            self._guide()                       # the warning, above the next step
            if text not in self.live_view.banner.text():
                self.live_view.show_message(text)
            self.statusBar().showMessage(text, 15000)
        return bool(warnings)

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
        if report.accepted:
            self._clear_banner("calibration")

    def _angle_words(self, ex) -> str:
        if ex is None:
            return self.tr("movement")
        angle_words = {"knee_flexion_deg": self.tr("knee flexion"),
                       "hip_flexion_deg": self.tr("hip flexion"),
                       "hip_extension_deg": self.tr("hip extension"),
                       "hip_abduction_deg": self.tr("hip abduction"),
                       "shank_inclination_deg": self.tr("lower-leg tilt"),
                       "thigh_inclination_deg": self.tr("thigh tilt"),
                       "movement_deg": self.tr("movement")}
        return angle_words.get(ex.angle, ex.angle.replace("_deg", "").replace("_", " "))

    def _configure_view(self, calibrated: bool) -> None:
        c = self.controller
        ex = c.exercise
        words = self._angle_words(ex)
        self.live_view.configure(words + " (°)",
                                 c.targets.rom_band_deg, c.targets.tempo_s,
                                 calibrated=calibrated, outward=ex.outward_sign,
                                 reps_target=c.targets.reps_per_set)

    def _show_targets(self) -> None:
        if self.controller is None:
            # Before a patient is open: the catalogue's dose of the chosen exercise, greyed
            # (not 0 / 0 / 0.0), to be the patient's once one is opened.
            from monitor.core.dosing import default_dose
            from monitor.live import Targets

            ex_id = self.exercise.currentData()
            t = Targets.of(default_dose(get_exercise(ex_id)))
            self.targets_box.setEnabled(False)
        else:
            t = self.controller.targets
            self.targets_box.setEnabled(True)
        widgets = (self.band_lo, self.band_hi, *self.tempo_boxes, self.reps_box,
                   self.sets_box, self.rest_box)
        for w in widgets:
            w.blockSignals(True)
        self.band_lo.setValue(int(t.rom_band_deg[0]))
        self.band_hi.setValue(int(t.rom_band_deg[1]))
        for box, v in zip(self.tempo_boxes, t.tempo_s, strict=True):
            box.setValue(v)
        self.reps_box.setValue(t.reps_per_set)
        self.sets_box.setValue(t.sets)
        self.rest_box.setValue(round(t.rest_s))
        self.load_edit.setText(t.load.text(self.lang))
        self.load_edit.setStyleSheet("")
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
        c.targets.rest_s = float(self.rest_box.value())
        try:
            c.targets.load = Load.parse(self.load_edit.text())
            self.load_edit.setStyleSheet("")
        except MonitorError as exc:
            self.load_edit.setStyleSheet("border: 2px solid #D55E00;")
            self.statusBar().showMessage(say_error(exc), 10000)
        self._configure_view(calibrated=bool(c.mountings))
        self._show_visit()

    def _steps_text(self, report) -> str:
        ex = self.controller.exercise if self.controller is not None else None
        if ex is not None and ex.count_on == "rise":
            move = self.tr("2. Rise onto the toes and lower slowly three times.")
        elif ex is not None and ex.counts_any_movement:
            move = self.tr("2. Do the exercise's movement slowly three times.")
        elif ex is not None and ex.plane == "frontal":
            move = self.tr("2. Move the leg out to the side and back slowly three times.")
        elif ex is not None and ex.angle.startswith("hip_"):
            move = self.tr("2. Lift and lower the leg slowly three times.")
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

    def _quick_check_done(self, ok: bool, problems: list[Message]) -> None:
        if ok:
            self.calib_steps.setText("<b style='color:#009E73'>" + self.tr(
                "Last calibration fits: ready.") + "</b>")
            self._configure_view(calibrated=True)
            self._clear_banner("calibration")
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
                        "reconnecting": self.tr("reconnecting"),
                        "adapter_removed": self.tr("no Bluetooth adapter"),
                        "bluetooth_off": self.tr("Bluetooth off"),
                        "closed": self.tr("closed")}
        rejected = (c.live.pipeline.rejected_samples
                    if c.live is not None and c.live.pipeline is not None else {})
        from devices.ble import LOW_BATTERY_PCT  # here: bleak and asyncio slow the start

        for label, s in c.sensors.items():
            colour = {"connected": "#009E73", "reconnecting": "#E69F00"}.get(s.status,
                                                                              "#D55E00")
            battery = "" if s.battery_pct is None else f" · {s.battery_pct}%"
            if s.battery_pct is not None and s.battery_pct <= LOW_BATTERY_PCT:
                battery = (" · <span style='color:#D55E00'>" + self.tr(
                    "battery low: {p}%").format(p=s.battery_pct) + "</span>")
            rssi = "" if s.rssi_dbm is None else f" · {s.rssi_dbm} dBm"
            loss = "" if not s.lost_pct else " · " + self.tr("{p}% lost").format(
                p=decimal(f"{s.lost_pct:.1f}"))
            n_bad = rejected.get(label, 0)
            bad = "" if not n_bad else (
                "<br><span style='color:#D55E00'>" + (
                    self.tr("1 impossible reading left out: check the sensor") if n_bad == 1
                    else self.tr("{n} impossible readings left out: check the sensor").format(
                        n=n_bad)) + "</span>")
            family = self.tr("simulated") if s.family == "simulated" else s.family
            lines.append(f"<b>{say(Message(s.placement.replace('_', ' ')))}</b>: {s.name} "
                         f"({family}){battery}{rssi}<br><span style='color:{colour}'>● "
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
            self._banner("sensors", self.tr("Open a patient and connect the sensors "
                                            "first."))
            return
        # A sensor whose battery may not last the set is said first, and stays said.
        battery = " ".join(say(w) for w in c.battery_warnings())
        if not c.mountings:
            text = self.tr("Not calibrated: repetitions are counted, angles are shown as "
                           "uncalibrated.")
        else:
            text = ""
        key = "calibration" if text else None
        if self.replayer is not None:
            self.replayer = None
            self.live_view.show_replay(None)
            self._configure_view(calibrated=bool(c.mountings))
        self.live_view.rating.hide()
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
                    else self.tr("Only one sensor on this leg: {what}.")).format(what=what)
        elif model is not None and c.live.pipeline.supported_segment is not None:
            # The thigh on the chair is measured by its sensor without a calibration of its
            # own (it does not move while calibrating); its rest posture is the assumption.
            sup = ex.start_posture.supported_text
            text = self.tr("Angle: {what}.").format(what=sup.get(self.lang, sup["en"]))
        self._banner(key, " ".join(t for t in (battery, text) if t))
        self.live_view.set_reps([])
        self.live_view.set_summary(None)
        self.live_view.set_running(c.state)
        self._fit_left_column()
        self._rest_cued = False
        self._target_cued = 0
        self._show_visit()

    def _banner(self, key: str | None, text: str) -> None:
        """A notice above the live view; ``key`` names the condition that clears it."""
        self._banner_key = key
        if self.live_view.banner.text() != text or self.live_view.banner.isHidden() == \
                bool(text):
            self.live_view.show_message(text)

    def _fit_left_column(self) -> None:
        """Sensors, calibration and targets beside the live view when they can be used; the
        other tabs and a running set (read from across the room) get the whole width."""
        c = self.controller
        running = c is not None and c.state in ("running", "paused")
        show = self.tabs.currentWidget() is self.live_view and not running
        if show != self.left_column.isVisibleTo(self):
            self.left_column.setVisible(show)
            # The splitter lays its two sides out again at once (shown again, the column
            # was drawn over the live view until the next resize).
            self.splitter.refresh()
            self.centralWidget().layout().activate()

    def _guide(self) -> None:
        """The next step, always in view until a set runs: open a patient, connect the
        sensors, calibrate, start. Other notices are not covered by it."""
        key = getattr(self, "_banner_key", None)
        if key not in (None, "guide") or (key is None and self.live_view.banner.text()):
            return
        c = self.controller
        if c is not None and (c.state != "idle" or self.replayer is not None):
            return
        if c is None:
            text = self.tr("Step 1 of 4: type the patient's code (no names) above and press "
                           "Enter or Open patient.")
        elif not c.sensors:
            text = self.tr("Step 2 of 4: strap the sensors on and connect them (Scan for "
                           "sensors), or connect the demo sensors.")
        elif not c.mountings:
            text = self.tr("Step 3 of 4: calibrate (hold the leg still, then bend and "
                           "stretch it three times), or use the last calibration.")
        elif self.last_summary is None:
            text = self.tr("Step 4 of 4: press Start (or the space bar) when the patient is "
                           "ready.")
        else:
            self._clear_banner("guide")
            return
        if c is not None and c.sensors:
            # A sensor whose battery may not last the set stays said above the next step
            # (it comes with the connection, or with the sensor's first data).
            battery = " ".join(say(w) for w in c.battery_warnings())
            text = f"{battery} {text}" if battery else text
        self._banner("guide", text)

    def _clear_banner(self, key: str) -> None:
        if getattr(self, "_banner_key", None) == key:
            self._banner(None, "")

    def pause_set(self) -> None:
        if self.controller is not None:
            self.controller.pause()
            self.live_view.set_running(self.controller.state)
            self._fit_left_column()

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
        self._fit_left_column()
        if c.test is not None:
            self._show_test_result(summary)
            self.tests_view.refresh()
        self.history.set_patient(self.store, c.patient, self.lang)
        self.patient_view.refresh()
        self._show_visit()
        self._ask_next()
        pos = c.visit_position()
        if pos is not None and pos["done"] and not pos["programme_done"]:
            self.statusBar().showMessage(self.tr(
                "All sets of {exercise} done: press Next exercise.").format(
                    exercise=c.exercise.display_name(self.lang)), 10000)
        return summary

    # -- replay ---------------------------------------------------------------------------
    def replay(self, set_id: int) -> None:
        if self.controller is not None and self.controller.state != "idle":
            self.stop_set()
        try:
            self.replayer = Replayer(self.store, set_id)
        except MonitorError as exc:
            self.statusBar().showMessage(say_error(exc), 10000)
            return
        self.replayer.speed = self.demo_speed
        self.replayer.pipeline.listener = self._replay_trace
        self._replay_reps: list = []
        self._replay_t: list = []
        self._replay_deg: list = []
        self.live_view.clear()
        self._configure_replay(set_id)
        self.live_view.show_replay(self.replayer.end_s - self.replayer.start_s)
        self.tabs.setCurrentWidget(self.live_view)

    def _configure_replay(self, set_id: int) -> None:
        """The replayed set's own exercise, targets and context, not the current ones."""
        info = self.store.set_info(set_id)
        ex = self.replayer.pipeline.exercise
        targets = info["targets"] or {}
        band = tuple(targets.get("rom_band_deg") or (sorted(ex.target_deg) if ex else (0, 90)))
        tempo = tuple(targets.get("tempo_s") or (ex.tempo_s if ex else (2, 1, 2, 1)))
        name = ex.display_name(self.lang) if ex else self.tr("any movement")
        from monitor.core.battery import battery_test, is_test

        test = battery_test(ex.id) if ex is not None and is_test(ex.id) else None
        self.live_view.set_test_mode(None if test is None else self._test_caption(test),
                                     counts=test is None or test["result"] == "count")
        self.live_view.configure(self._angle_words(ex) + " (°)", band, tempo,
                                 calibrated=self.replayer.pipeline.model.calibrated,
                                 outward=ex.outward_sign if ex else 1,
                                 reps_target=targets.get("reps_per_set"))
        moment = info["label"] or self.tr("training visit")
        when = time.strftime("%Y-%m-%d", time.localtime(info["session_started_at"]))
        self._banner("replay", self.tr("Replay: {exercise}, {moment} ({date}), set {k} of "
                                       "{n}").format(exercise=name, moment=self.tr(moment),
                                                     date=when, k=info["number"],
                                                     n=info["of"]))
        self._replay_summary = info["summary"]
        self.live_view.visit_bar.show_position("", False)

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
        from monitor.ui.report import write_report  # here: not needed to start the app

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
        now = self.clock()
        # The time since the last redraw (on the window's clock; a stall counts as at most
        # half a second, so a replay does not jump).
        dt = 0.0 if self._last_tick is None else min(0.5, max(0.0, now - self._last_tick))
        self._last_tick = now
        self.frames += 1
        if self.frames % 5 == 1:
            self._guide()
            self._fit_left_column()
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
                n = len(self._replay_reps)
                self.live_view.show_message(
                    self.tr("Replay finished: 1 repetition") if n == 1 else
                    self.tr("Replay finished: {n} repetitions").format(n=n))
                self.live_view.set_summary(self._replay_summary)
                self.replayer = None
                self.live_view.show_replay(None)
            return
        c = self.controller
        if c is not None and c.state == "idle":
            remaining = c.rest_remaining_s()
            if remaining is not None:
                self.live_view.visit_bar.show_rest(remaining)
                if remaining <= 0 and not self._rest_cued:
                    self._rest_cued = True
                    self.sound.rest_over()
        if c is not None and c.state in ("idle", "calibrating"):
            # What happens to the Bluetooth links, said at once (during a set, poll does).
            changes = c.watch_links()
            c.messages.clear()
            for msg in changes:
                self.live_view.show_message(say(msg))
                self.statusBar().showMessage(say(msg), 15000)
            if changes:
                self._show_sensors()
            # A battery level read after the connection (a sensor answers it a moment
            # later): said as soon as it is known, once, before the set.
            if c.ble_links and {say(w) for w in c.battery_warnings()} - self._battery_said:
                self._warn_battery()
                self._show_sensors()
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
            self.statusBar().showMessage(say(msg), 15000)
        if c.messages:
            self._show_sensors()
        c.messages.clear()
        if c.store_failed:
            self.stop_set()          # the set cannot be saved: it ends here, visibly
            return
        t = c.test
        if t is not None and c.state in ("running", "paused"):
            elapsed = c.test_elapsed_s() or 0.0
            if t["clock"] == "countdown":
                self.live_view.visit_bar.show_clock(t["time_limit_s"] - elapsed, True)
            elif t["clock"] == "stopwatch":
                self.live_view.visit_bar.show_clock(elapsed)
            if c.test_done():
                self.live_view.set_reps(c.reps)
                self.stop_set()
                self.statusBar().showMessage(self.tr("Test complete: the result is saved "
                                                     "with this measurement moment."), 10000)
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
        # A distinct tone the moment the angle reaches the end of the target range.
        while self._target_cued < c.target_cues:
            self.sound.target()
            self._target_cued += 1
        t, deg = c.trace.view()
        self.live_view.update_trace(t, deg)
        self.live_view.gauge.set_angle(c.latest_deg)
        if self.frames % 15 == 0:
            c.refresh_sensor_status()
            self._show_sensors()

    def closeEvent(self, event) -> None:
        if self.controller is not None and self.controller.state != "idle":
            self.stop_set()
        # A group still open ends first: its sets are saved before its sensors go.
        for w in (self.group_setup, self.group_window):
            if w is not None:
                w.close()
        if self.hub is not None:
            self.hub.close()
            self.hub = None
        app_settings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)

    def summary_json(self) -> str:
        return json.dumps(self.last_summary or {"rep_count": 0})
