"""The live view: what the therapist reads from across the room while the patient exercises.

Built from a plain :class:`monitor.live.LiveController` (or a replay); redrawn by a timer,
never per sample. The trace uses preallocated buffers, ``setData`` and a 1-pixel opaque pen
(the fast path of pyqtgraph).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from monitor.signal.reps import RepCompleted
from monitor.ui import style
from monitor.ui.messages import decimal
from monitor.ui.widgets import AngleGauge, TempoBars

TRACE_WINDOW_S = 20.0


class VisitBar(QWidget):
    """Where the visit stands (exercise k of n, set k of n, load) and the rest between sets,
    large enough to read from across the room."""

    next_clicked = Signal()
    skip_rest_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.position = QLabel("")
        self.position.setObjectName("visit")
        self.position.setFont(style.font(16, bold=True))
        self.position.setWordWrap(True)          # a long Dutch line wraps, never widens
        self.position.setMinimumWidth(200)
        self.rest = QLabel("")
        self.rest.setObjectName("rest")
        self.rest.setFont(style.font(20, bold=True))
        self.clock = QLabel("")
        self.clock.setObjectName("clock")
        self.clock.setFont(style.font(20, bold=True))
        self.next_btn = QPushButton(self.tr("Next exercise"))
        self.next_btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_btn.clicked.connect(self.next_clicked)
        self.skip_btn = QPushButton(self.tr("End rest"))
        self.skip_btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.skip_btn.clicked.connect(self.skip_rest_clicked)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.position, 1)
        lay.addWidget(self.clock)
        lay.addWidget(self.rest)
        lay.addWidget(self.skip_btn)
        lay.addWidget(self.next_btn)
        self.show_rest(None)
        self.hide()

    def show_position(self, text: str, can_go_on: bool) -> None:
        self.position.setText(text)
        self.next_btn.setVisible(can_go_on)
        self.setVisible(bool(text))

    def show_clock(self, seconds: float | None, countdown: bool = False) -> None:
        """A test's clock: the time left (a countdown) or the time so far (a stopwatch)."""
        if seconds is None:
            self.clock.setText("")
            return
        secs = max(0.0, seconds)
        self.clock.setText(f"{int(secs) // 60}:{int(secs) % 60:02d}" if countdown
                           else decimal(f"{secs:.1f} s"))

    def show_rest(self, remaining_s: float | None) -> None:
        if remaining_s is None:
            self.rest.setText("")
            self.skip_btn.hide()
            return
        secs = round(remaining_s)
        self.rest.setText(self.tr("Rest {m}:{s:02d}").format(m=secs // 60, s=secs % 60)
                          if secs > 0 else self.tr("Rest over: next set"))
        self.skip_btn.setVisible(secs > 0)


class RatingBar(QWidget):
    """A 0-10 rating asked between sets (pain, effort): big buttons, keys 0-9 (1 then 0
    for 10), skippable."""

    answered = Signal(object)            # int 0-10, or None when skipped
    shown = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = QLabel("")
        self.prompt.setFont(style.font(15, bold=True))
        self.prompt.setWordWrap(True)
        self.hint = QLabel("")
        self.hint.setFont(style.font(11))
        self.buttons = []
        row = QHBoxLayout()
        for v in range(11):
            b = QPushButton(str(v))
            b.setObjectName("rating")
            b.setMinimumSize(46, 46)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, v=v: self.answered.emit(v))
            row.addWidget(b)
            self.buttons.append(b)
        self.skip = QPushButton(self.tr("Skip"))
        self.skip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.skip.clicked.connect(lambda: self.answered.emit(None))
        row.addWidget(self.skip)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.prompt)
        lay.addLayout(row)
        lay.addWidget(self.hint)
        self._pending_one = False
        self.setObjectName("ratingbar")
        # It takes the keyboard while it asks: the digits answer, Escape skips.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hide()

    def ask(self, prompt: str, hint: str) -> None:
        self.prompt.setText(prompt)
        self.hint.setText(hint)
        self._pending_one = False
        self.buttons[1].setDown(False)
        self.show()
        self.setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.shown.emit(True)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.shown.emit(False)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.key(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter()
        elif key == Qt.Key.Key_Escape:
            self.answered.emit(None)
        else:
            super().keyPressEvent(event)

    def key(self, digit: int) -> None:
        """A digit typed: 0-9 answer at once, except 1, which waits for a 0 (10) or for
        the next key / Enter (1)."""
        if self._pending_one:
            self._pending_one = False
            self.buttons[1].setDown(False)
            self.answered.emit(10 if digit == 0 else 1)
            if digit != 0 and self.isVisible():
                self.key(digit)              # the next question's answer
            return
        if digit == 1:
            self._pending_one = True
            self.buttons[1].setDown(True)
            return
        self.answered.emit(digit)

    def enter(self) -> None:
        if self._pending_one:
            self._pending_one = False
            self.buttons[1].setDown(False)
            self.answered.emit(1)


class LiveView(QWidget):
    start_clicked = Signal()
    pause_clicked = Signal()
    stop_clicked = Signal()
    replay_toggled = Signal()
    replay_speed = Signal(float)
    replay_seek = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = QLabel("0")
        self.counter.setObjectName("counter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counter.setMinimumWidth(260)
        self.counter_caption = QLabel(self.tr("repetitions"))
        self.counter_caption.setFont(style.font(18))
        self.counter_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.last_rep = QLabel("")
        self.last_rep.setFont(style.font(18, bold=True))
        self.last_rep.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.gauge = AngleGauge()
        self.tempo = TempoBars()

        pg.setConfigOptions(antialias=False, background="w", foreground="k")
        self.plot = pg.PlotWidget()
        self.plot.setMinimumHeight(150)
        # No grid: the grid is redrawn with the axes every frame and costs most of a frame.
        self.plot.setLabel("bottom", self.tr("time"), units="s")
        self.plot.setClipToView(True)
        self.plot.setDownsampling(auto=True, mode="peak")
        self.curve = self.plot.plot(pen=pg.mkPen(style.BLUE, width=1))
        self.band = pg.LinearRegionItem(values=(0, 90), orientation="horizontal",
                                        movable=False, brush=pg.mkBrush(0, 158, 115, 40),
                                        pen=pg.mkPen(None))
        self.plot.addItem(self.band)
        self.rep_marks = pg.ScatterPlotItem(size=12, brush=pg.mkBrush(style.VERMILLION),
                                            pen=pg.mkPen(None), symbol="t")
        self.plot.addItem(self.rep_marks)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("#"), self.tr("ROM (°)"),
                                              self.tr("up (s)"), self.tr("hold (s)"),
                                              self.tr("down (s)"), self.tr("note")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The numbers as narrow as they are, the note takes the rest: every column in view.
        header = self.table.horizontalHeader()
        for col in range(5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

        self.summary = QLabel("")
        self.summary.setFont(style.font(14))
        self.summary.setWordWrap(True)
        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.visit_bar = VisitBar()
        self.rating = RatingBar()

        self.start_btn = QPushButton(self.tr("Start  (space)"))
        self.start_btn.setObjectName("start")
        self.pause_btn = QPushButton(self.tr("Pause"))
        self.pause_btn.setObjectName("pause")
        self.stop_btn = QPushButton(self.tr("Stop"))
        self.stop_btn.setObjectName("stop")
        for b in (self.start_btn, self.pause_btn, self.stop_btn):
            b.setMinimumHeight(70)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.start_btn.clicked.connect(self.start_clicked)
        self.pause_btn.clicked.connect(self.pause_clicked)
        self.stop_btn.clicked.connect(self.stop_clicked)

        # Replay controls (shown while replaying a stored set).
        self.replay_bar = QWidget()
        rb = QHBoxLayout(self.replay_bar)
        rb.setContentsMargins(0, 0, 0, 0)
        self.replay_play = QPushButton(self.tr("Pause replay"))
        self.replay_play.clicked.connect(self.replay_toggled)
        self.replay_speed_box = QComboBox()
        for factor in (0.5, 1.0, 2.0, 4.0, 10.0):
            self.replay_speed_box.addItem(f"{factor:g}x", factor)
        self.replay_speed_box.setCurrentIndex(1)
        self.replay_speed_box.currentIndexChanged.connect(
            lambda i: self.replay_speed.emit(float(self.replay_speed_box.itemData(i))))
        self.replay_slider = QSlider(Qt.Orientation.Horizontal)
        self.replay_slider.setRange(0, 1000)
        self.replay_slider.sliderReleased.connect(
            lambda: self.replay_seek.emit(self.replay_slider.value() / 10.0))
        self.replay_time = QLabel("0.0 s")
        rb.addWidget(self.replay_play)
        rb.addWidget(QLabel(self.tr("speed")))
        rb.addWidget(self.replay_speed_box)
        rb.addWidget(self.replay_slider, 1)
        rb.addWidget(self.replay_time)
        self.replay_bar.hide()

        counter_box = QVBoxLayout()
        counter_box.addWidget(self.counter)
        counter_box.addWidget(self.counter_caption)
        counter_box.addWidget(self.last_rep)
        top = QHBoxLayout()
        top.addLayout(counter_box, 2)
        top.addWidget(self.gauge, 3)
        top.addWidget(self.tempo, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_btn)
        buttons.addWidget(self.pause_btn)
        buttons.addWidget(self.stop_btn)
        grid = QGridLayout(self)
        grid.addWidget(self.visit_bar, 0, 0, 1, 2)
        grid.addWidget(self.banner, 1, 0, 1, 2)
        grid.addLayout(top, 2, 0, 1, 2)
        grid.addWidget(self.plot, 3, 0)
        grid.addWidget(self.table, 3, 1)
        # Between sets a question (pain, effort) takes the place of the trace and the table:
        # the counter, the summary and the buttons stay where they are.
        grid.addWidget(self.rating, 3, 0, 1, 2)
        grid.addWidget(self.summary, 4, 0, 1, 2)
        grid.addLayout(buttons, 5, 0, 1, 2)
        grid.addWidget(self.replay_bar, 6, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(3, 1)
        self.rating.shown.connect(self._rating_shown)
        self.outward = 1
        self.test_caption: str | None = None     # a test of the battery (set_test_mode)
        self.set_running("idle")

    def _rating_shown(self, on: bool) -> None:
        """The rating of a set covers the plot and the table while it is shown."""
        self.plot.setVisible(not on)
        self.table.setVisible(not on)

    # -- model -> view ---------------------------------------------------------------------
    def configure(self, angle_label: str, band: tuple[float, float],
                  tempo: tuple[float, float, float, float], calibrated: bool,
                  outward: int = 1, reps_target: int | None = None) -> None:
        self.outward = outward
        self.reps_target = reps_target
        if self.test_caption is None:
            self.counter_caption.setText(
                self.tr("repetitions") if not reps_target else
                self.tr("of {n} repetitions").format(n=reps_target))
        else:
            self.counter_caption.setText(self.test_caption)
        self.gauge.label = angle_label
        self.gauge.band_deg = band
        # The dial spans the target band with some room either side, so that a small
        # movement (hip extension: 15 deg) moves the needle as visibly as a knee bend.
        pad = max(10.0, 0.25 * abs(band[1] - band[0]))
        self.gauge.range_deg = (min(0.0, min(band) - pad), max(band) + pad)
        self.gauge.calibrated = calibrated
        self.band.setRegion(band)
        self.tempo.prescribed = tempo[:3]
        self.plot.setLabel("left", angle_label)
        self.gauge.update()
        self.tempo.update()

    def set_test_mode(self, caption: str | None, counts: bool = True) -> None:
        """A test of the measurement battery: the counter counts what the test counts (no
        "of N repetitions", no prescribed tempo); a timed test (``counts`` False) shows its
        result there only at its end. None: a training exercise."""
        self.test_caption = caption
        self.counts = counts
        self.tempo.setVisible(caption is None)
        if caption is not None:
            self.counter_caption.setText(caption)
        else:                                  # a training exercise again
            n = getattr(self, "reps_target", None)
            self.counter_caption.setText(self.tr("repetitions") if not n else
                                         self.tr("of {n} repetitions").format(n=n))
        if not counts:
            self.counter.setText("–")

    def show_result(self, number: str, caption: str) -> None:
        """A test's result, large: the number where the count was."""
        self.counter.setText(number)
        self.counter_caption.setText(caption)

    def set_presenting(self, on: bool) -> None:
        """During a set, what the therapist reads from across the room grows: where the
        visit stands, the last repetition, the notice, the trace's axes (the counter, the
        gauge and the buttons are large already)."""
        if getattr(self, "_presenting", None) == on:
            return
        self._presenting = on
        self.visit_bar.position.setFont(style.font(24 if on else 16, bold=True))
        self.last_rep.setFont(style.font(28 if on else 18, bold=True))
        self.counter_caption.setFont(style.font(24 if on else 18))
        self.banner.setProperty("presenting", on)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setTickFont(style.font(14 if on else 10))
        # The angle's name is under the gauge; beside the lower trace it did not fit a
        # laptop's height ("knee flexion (" was cut).
        self.plot.getAxis("left").showLabel(not on)

    def set_running(self, state: str) -> None:
        self.set_presenting(state in ("running", "paused"))
        self.start_btn.setEnabled(state == "idle")
        self.pause_btn.setEnabled(state in ("running", "paused"))
        self.stop_btn.setEnabled(state in ("running", "paused"))
        self.pause_btn.setText(self.tr("Resume") if state == "paused" else self.tr("Pause"))

    def show_message(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def update_trace(self, t: np.ndarray, deg: np.ndarray) -> None:
        if len(t) == 0:
            return
        self.curve.setData(t, deg)
        self.plot.setXRange(t[-1] - TRACE_WINDOW_S, t[-1], padding=0)

    def set_reps(self, reps: list[RepCompleted]) -> None:
        if getattr(self, "counts", True):
            self.counter.setText(str(len(reps)))
        self.table.setRowCount(len(reps))
        for row, r in enumerate(reps):
            notes = [self._flag_text(f) for f in r.flags]
            if r.rise_cm is not None:
                notes.insert(0, self.tr("rise {cm} cm").format(cm=decimal(f"{r.rise_cm:.1f}")))
            note = ", ".join(notes)
            for col, text in enumerate([str(r.index), f"{r.rom_deg:.0f}",
                                        decimal(f"{r.concentric_s:.1f}"),
                                        decimal(f"{r.hold_s:.1f}"),
                                        decimal(f"{r.eccentric_s:.1f}"), note]):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
        if reps:
            self.table.scrollToBottom()
            last = reps[-1]
            text = self.tr("last: {rom:.0f}° in {t} s").format(
                rom=last.rom_deg, t=decimal(f"{last.end_s - last.start_s:.1f}"))
            if last.rise_cm is not None:
                text += ", " + self.tr("rise {cm} cm").format(cm=decimal(f"{last.rise_cm:.1f}"))
            self.last_rep.setText(text)
            self.rep_marks.setData([r.peak_s for r in reps],
                                   [r.max_deg if self.outward > 0 else r.min_deg
                                    for r in reps])
        else:
            self.last_rep.setText("")
            self.rep_marks.setData([], [])
        self.tempo.set_reps([(r.concentric_s, r.hold_s, r.eccentric_s) for r in reps])

    def _flag_text(self, flag: str) -> str:
        return {"below_target_range": self.tr("short of target"),
                "faster_than_prescribed": self.tr("too fast"),
                "sensor_moved": self.tr("sensor moved?"),
                "thigh_moved": self.tr("thigh moved"),
                "shank_moved": self.tr("lower leg moved"),
                "thigh_missing": self.tr("thigh sensor silent"),
                "shank_missing": self.tr("lower-leg sensor silent"),
                "pelvis_missing": self.tr("sensor silent"),
                "sensor_missing": self.tr("sensor silent")}.get(flag, flag)

    def show_replay(self, duration_s: float | None) -> None:
        """Show the replay controls for a set of this duration (None hides them)."""
        self.replay_bar.setVisible(duration_s is not None)
        if duration_s is not None:
            self.replay_slider.setRange(0, max(1, int(duration_s * 10)))
            self.replay_slider.setValue(0)

    def set_replay_position(self, t: float, paused: bool) -> None:
        if not self.replay_slider.isSliderDown():
            self.replay_slider.setValue(int(t * 10))
        self.replay_time.setText(decimal(f"{t:.1f} s"))
        self.replay_play.setText(self.tr("Play replay") if paused else self.tr("Pause replay"))

    def clear(self) -> None:
        """Nothing of an earlier set or exercise stays on screen."""
        self.set_reps([])
        self.set_summary(None)
        self.curve.setData([], [])
        self.gauge.set_angle(None)
        self.show_message("")

    def set_summary(self, summary: dict | None) -> None:
        if summary is not None and summary.get("rep_count") == 0:
            self.summary.setText(self.tr("No repetition in this set: it is kept, but not "
                                         "shown in the history."))
            return
        if not summary or not summary.get("rep_count"):
            self.summary.setText("")
            return
        n = summary["rep_count"]
        head = (self.tr("Set: 1 repetition") if n == 1 else
                self.tr("Set: {n} repetitions").format(n=n))
        self.summary.setText(head + ", " + self.tr(
            "ROM {rom:.0f}° ± {sd:.0f}°, {tut:.0f} s under tension; short of target: {low}, "
            "too fast: {fast}").format(
                rom=summary["rom_mean_deg"], sd=summary["rom_sd_deg"],
                tut=summary["time_under_tension_s"], low=summary["reps_below_target"],
                fast=summary["reps_too_fast"]))
