"""The group view: one tile per participant, readable from three metres.

Built from a plain :class:`monitor.group.GroupSession`; :meth:`GroupView.tick` (the window's
redraw timer, or a test driving time) polls the group and redraws. A tile shows the name the
therapist chose, the exercise, set x of y, a big repetition count, the current angle against
the participant's target band and the flags; a participant who needs attention gets a thick
vermillion frame and a tinted tile. Clicking a tile opens that participant's full live view;
"Back to the group" (or Escape) returns in one click.

Sound: each participant has a tick of their own pitch (a pentatonic scale, so that any two
differ clearly), and the cues can be switched off.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from monitor.core.exercises import get_exercise
from monitor.group import GroupSession, Tile
from monitor.ui import style
from monitor.ui.live_view import LiveView
from monitor.ui.messages import say
from monitor.ui.sound import _sound_dir, _tone

try:
    from PySide6.QtMultimedia import QSoundEffect
except ImportError:  # pragma: no cover - Qt without multimedia
    QSoundEffect = None

# One pitch per participant: a major pentatonic scale over two octaves (no two neighbours a
# semitone apart, so each tick is told from the others).
PITCHES_HZ = (523.3, 587.3, 659.3, 784.0, 880.0, 1046.5, 1174.7, 1318.5)
ATTENTION_BG = "#fde3d3"
TILE_QSS = f"""
QFrame#tile {{ background: white; border: 3px solid #cccccc; border-radius: 10px; }}
QFrame#tile[state="idle"] {{ background: #f2f2f2; }}
QFrame#tile[attention="true"] {{ background: {ATTENTION_BG}; border: 7px solid #D55E00; }}
QLabel#flags {{ color: white; background: transparent; border-radius: 5px; padding: 2px 6px; }}
QLabel#flags[raised="true"] {{ background: #D55E00; }}
QPushButton#start, QPushButton#stop, QPushButton#calibrate {{ font-size: 16pt; }}
"""


class GroupSound:
    """A tick per counted repetition, in the participant's own pitch; switchable."""

    def __init__(self) -> None:
        self.enabled = True
        self.played: list[tuple[str, str]] = []      # (participant, cue): for tests, the log
        self._effects: dict[int, object] = {}
        d = _sound_dir()
        for k, hz in enumerate(PITCHES_HZ):
            path = d / f"group_tick_{k}.wav"
            if not path.exists():
                _tone(path, [hz], 0.09)
            if QSoundEffect is not None:
                e = QSoundEffect()
                e.setSource(QUrl.fromLocalFile(str(path)))
                e.setVolume(0.8)
                self._effects[k] = e

    def rep(self, code: str, position: int) -> None:
        if not self.enabled:
            return
        self.played.append((code, f"tick_{position % len(PITCHES_HZ)}"))
        e = self._effects.get(position % len(PITCHES_HZ))
        if e is not None:
            e.play()


class AngleBar(QWidget):
    """The current angle as a thick marker on a scale with the target band shaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.band_deg = (0.0, 90.0)
        self.angle_deg: float | None = None
        self.calibrated = True
        self.setMinimumHeight(34)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_state(self, band: tuple[float, float], angle: float | None, calibrated: bool
                  ) -> None:
        if (band, angle, calibrated) != (self.band_deg, self.angle_deg, self.calibrated):
            self.band_deg, self.angle_deg, self.calibrated = band, angle, calibrated
            self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        lo, hi = sorted(self.band_deg)
        pad = max(10.0, 0.25 * (hi - lo))
        a, b = min(0.0, lo - pad), hi + pad
        r = QRectF(self.rect()).adjusted(2, 6, -2, -6)

        def x(deg: float) -> float:
            return r.left() + (min(max(deg, a), b) - a) / (b - a) * r.width()

        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#e4e4e4"))
        p.drawRoundedRect(r, 5, 5)
        p.setBrush(QColor("#9fd9c4"))
        p.drawRect(QRectF(x(lo), r.top(), x(hi) - x(lo), r.height()))
        if self.angle_deg is not None and math.isfinite(self.angle_deg):
            inside = lo - 2 <= self.angle_deg <= hi + 2
            colour = style.INK if self.calibrated else style.GREY
            p.setPen(QPen(colour if inside else style.VERMILLION, 7))
            xm = x(self.angle_deg)
            p.drawLine(int(xm), int(r.top() - 4), int(xm), int(r.bottom() + 4))
        p.end()


class ParticipantTile(QFrame):
    clicked = Signal(str)

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.name = QLabel(code)
        self.name.setFont(style.font(22, bold=True))
        self.exercise = QLabel("")
        self.exercise.setFont(style.font(13))
        self.exercise.setWordWrap(True)
        self.set_label = QLabel("")
        self.set_label.setFont(style.font(15, bold=True))
        self.set_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.count = QLabel("0")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Its type follows the tile (resizeEvent): it must not hold the tile at the size of
        # a larger screen when the window is made smaller again.
        self.count.setMinimumSize(1, 1)
        self.of = QLabel("")
        self.of.setFont(style.font(14))
        self.of.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.of.setWordWrap(True)         # the calibration's instructions take two lines
        self.angle = QLabel("")
        self.angle.setFont(style.font(15, bold=True))
        self.bar = AngleBar()
        self.flags = QLabel("")
        self.flags.setObjectName("flags")
        self.flags.setFont(style.font(15, bold=True))
        self.flags.setWordWrap(True)
        self.flags.setAlignment(Qt.AlignmentFlag.AlignCenter)
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.set_label)
        angle_row = QHBoxLayout()
        angle_row.addWidget(self.angle)
        angle_row.addWidget(self.bar, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.setSpacing(2)
        lay.addLayout(head)
        lay.addWidget(self.exercise)
        lay.addWidget(self.count, 1)
        lay.addWidget(self.of)
        lay.addLayout(angle_row)
        lay.addWidget(self.flags)
        self.tile: Tile | None = None
        self._attention: bool | None = None

    def flag_words(self, flags: tuple[str, ...]) -> str:
        words = {"sensor_silent": self.tr("sensor silent"),
                 "low_battery": self.tr("low battery"),
                 "short_of_range": self.tr("short of range"),
                 "too_fast": self.tr("too fast"),
                 "hip_helping": self.tr("hip helping"),
                 "not_calibrated": self.tr("not calibrated")}
        return " · ".join(words.get(f, f) for f in flags)

    def show_tile(self, t: Tile, lang: str) -> None:
        if t == self.tile:
            return
        self.tile = t
        self.name.setText(t.shown_as)
        self.exercise.setText(get_exercise(t.exercise).display_name(lang))
        self.set_label.setText(self.tr("set {x} of {y}").format(x=t.set_number, y=t.sets))
        self.count.setText(str(t.rep_count))
        if t.calibration is not None:
            seconds, _still, turned = t.calibration
            self.of.setText(self.tr("calibrating {s} s: hold still, then 3 slow movements "
                                    "({deg}° so far)").format(s=round(seconds), deg=turned))
        else:
            self.of.setText(self.tr("of {n} repetitions").format(n=t.reps_target)
                            if t.reps_target else self.tr("repetitions"))
        self.angle.setText("–" if t.angle_deg is None else f"{round(t.angle_deg) + 0:d}°")
        self.bar.set_state(t.band_deg, t.angle_deg, t.calibrated)
        # The flag line is always there (a flag coming or going does not move the rest
        # of the tile); without a flag it is empty and transparent.
        self.flags.setText(self.flag_words(t.flags) or " ")
        if self.flags.property("raised") != bool(t.flags):
            self.flags.setProperty("raised", bool(t.flags))
            self.flags.style().unpolish(self.flags)
            self.flags.style().polish(self.flags)
        if t.attention != self._attention or self.property("state") != t.state:
            self._attention = t.attention
            self.setProperty("attention", t.attention)
            self.setProperty("state", t.state)
            self.style().unpolish(self)
            self.style().polish(self)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # The count as large as the tile allows: from three metres a digit needs some
        # 25 mm (about 70 pt on a laptop screen).
        h = max(20, int(self.height() * 0.34))
        f = style.font(10, bold=True)
        f.setPixelSize(h)
        self.count.setFont(f)
        # On a large screen the name and the set grow with the tile too.
        name = style.font(10, bold=True)
        name.setPixelSize(max(28, min(48, int(self.height() * 0.085))))
        self.name.setFont(name)
        small = style.font(10, bold=True)
        small.setPixelSize(max(20, min(32, int(self.height() * 0.06))))
        for label in (self.set_label, self.angle, self.flags):
            label.setFont(small)
        plain = style.font(10)
        plain.setPixelSize(max(17, min(28, int(self.height() * 0.05))))
        self.exercise.setFont(plain)
        self.of.setFont(plain)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.code)
        super().mousePressEvent(event)


class GroupView(QWidget):
    """Tiles of every participant; one participant's full live view on a click."""

    closed = Signal()

    def __init__(self, group: GroupSession, lang: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.lang = lang
        self.sound = GroupSound()
        self.frames = 0
        self.setStyleSheet(TILE_QSS)
        self.title = QLabel(self.tr("Group session: {n} participants").format(
            n=len(group.participants)))
        self.title.setFont(style.font(16, bold=True))
        self.title.setWordWrap(True)
        self.start_btn = QPushButton(self.tr("Start all"))
        self.start_btn.setObjectName("start")
        self.start_btn.clicked.connect(self.start_all)
        self.calib_btn = QPushButton(self.tr("Calibrate everyone"))
        self.calib_btn.setToolTip(self.tr("Everyone not exercising holds still in the start "
                                          "posture for 2 seconds, then makes 3 slow "
                                          "movements; then press Done."))
        self.calib_btn.setObjectName("calibrate")
        self.calib_btn.clicked.connect(self.calibrate_all)
        self.stop_btn = QPushButton(self.tr("Stop all"))
        self.stop_btn.setObjectName("stop")
        self.stop_btn.clicked.connect(self.stop_all)
        for b in (self.calib_btn, self.start_btn, self.stop_btn):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sound_box = QCheckBox(self.tr("sound"))
        self.sound_box.setToolTip(self.tr("sound cues (a pitch per participant)"))
        self.sound_box.setChecked(True)
        self.sound_box.toggled.connect(lambda on: setattr(self.sound, "enabled", on))
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.sound_box)
        head.addWidget(self.calib_btn)
        head.addWidget(self.start_btn)
        head.addWidget(self.stop_btn)

        self.tiles: dict[str, ParticipantTile] = {}
        grid_page = QWidget()
        grid = QGridLayout(grid_page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        n = len(group.participants)
        cols = n if n <= 3 else math.ceil(n / 2)
        for i, p in enumerate(group.participants):
            tile = ParticipantTile(p.code)
            tile.clicked.connect(self.open_participant)
            self.tiles[p.code] = tile
            grid.addWidget(tile, i // cols, i % cols)
        for c in range(cols):
            grid.setColumnStretch(c, 1)
        for r in range(math.ceil(n / cols)):
            grid.setRowStretch(r, 1)

        detail_page = QWidget()
        self.back_btn = QPushButton(self.tr("◀  Back to the group"))
        self.back_btn.setFont(style.font(16, bold=True))
        self.back_btn.clicked.connect(self.back_to_group)
        self.detail_title = QLabel("")
        self.detail_title.setFont(style.font(18, bold=True))
        self.live_view = LiveView()
        self.live_view.start_clicked.connect(lambda: self._detail_action("start"))
        self.live_view.pause_clicked.connect(lambda: self._detail_action("pause"))
        self.live_view.stop_clicked.connect(lambda: self._detail_action("stop"))
        self.detail_calib_btn = QPushButton(self.tr("Calibrate"))
        self.detail_calib_btn.clicked.connect(self._calibrate_open)
        self.detail_calib_note = QLabel("")
        self.detail_calib_note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.back_btn)
        top.addWidget(self.detail_title, 1)
        top.addWidget(self.detail_calib_note, 1)
        top.addWidget(self.detail_calib_btn)
        dl = QVBoxLayout(detail_page)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addLayout(top)
        dl.addWidget(self.live_view, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(grid_page)
        self.stack.addWidget(detail_page)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.stack, 1)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.back_to_group)
        self.open_code: str | None = None
        self._shown_reps: dict[str, int] = {}
        self.refresh()

    # -- actions --------------------------------------------------------------------------
    def start_all(self) -> None:
        self.group.start()
        self.refresh()

    def stop_all(self) -> None:
        self.group.stop()
        self.refresh()

    def calibrate_all(self) -> None:
        """Calibrate everyone who is not exercising at once; pressed again (Done): each is
        accepted or refused on their own, the refused stand out."""
        if self.group.calibrating:
            self.group.finish_calibration()
        else:
            self.group.start_calibration()
        self.refresh()

    def _calibrate_open(self) -> None:
        code = self.open_code
        if code is None:
            return
        if code in self.group.calibrating:
            self.group.finish_calibration(code)
        else:
            self.group.start_calibration(code)
        self._refresh_detail()

    def open_participant(self, code: str) -> None:
        p = self.group.participant(code)
        c = p.controller
        self.open_code = code
        self.detail_title.setText(f"{p.shown_as} · "
                                  + c.exercise.display_name(self.lang))
        self.live_view.clear()
        self.live_view.configure(self.tr("angle") + " (°)", c.targets.rom_band_deg,
                                 c.targets.tempo_s, calibrated=bool(c.mountings),
                                 outward=c.exercise.outward_sign,
                                 reps_target=c.targets.reps_per_set)
        self._shown_reps.pop(code, None)
        self.stack.setCurrentIndex(1)
        self._refresh_detail()

    def back_to_group(self) -> None:
        self.open_code = None
        self.stack.setCurrentIndex(0)
        self.refresh()

    def _detail_action(self, what: str) -> None:
        if self.open_code is None:
            return
        c = self.group.participant(self.open_code).controller
        if what == "start":
            self.group.start(self.open_code)
            self.live_view.clear()
        elif what == "pause":
            c.pause()
        else:
            self.group.stop(self.open_code)
        self._refresh_detail()

    # -- redraw ---------------------------------------------------------------------------
    def tick(self) -> None:
        """Poll the group and redraw (the window's timer, or a test driving time)."""
        new = self.group.poll()
        for code, reps in new.items():
            p = self.group.participant(code)
            for _ in reps:
                self.sound.rep(code, p.position)
        self.frames += 1
        self.refresh()

    def refresh(self) -> None:
        if self.open_code is not None:
            self._refresh_detail()
            return
        for t in self.group.tiles():
            self.tiles[t.code].show_tile(t, self.lang)
        running = any(p.controller.state in ("running", "paused")
                      for p in self.group.participants)
        self.stop_btn.setEnabled(running)
        idle = any(p.controller.state == "idle" and p.controller.sensors
                   for p in self.group.participants)
        self.start_btn.setEnabled(idle and not self.group.calibrating)
        calibrating = bool(self.group.calibrating)
        self.calib_btn.setText(self.tr("Done calibrating") if calibrating
                               else self.tr("Calibrate everyone"))
        self.calib_btn.setEnabled(calibrating or idle)

    def _refresh_detail(self) -> None:
        code = self.open_code
        if code is None:
            return
        c = self.group.participant(code).controller
        calibrating = c.state == "calibrating"
        self.detail_calib_btn.setText(self.tr("Done") if calibrating else self.tr("Calibrate"))
        self.detail_calib_btn.setEnabled(calibrating or c.state == "idle")
        result = self.group.calibration_results.get(code)
        if calibrating:
            self.detail_calib_note.setText(self.tr("Hold still in the start posture for 2 "
                                                   "seconds, then 3 slow movements."))
        elif result is not None:
            self.detail_calib_note.setText(" ".join(say(g) for g in result.guidance))
        else:
            self.detail_calib_note.setText("")
        self.live_view.set_running(c.state)
        if self._shown_reps.get(code) != len(c.reps):
            self._shown_reps[code] = len(c.reps)
            self.live_view.set_reps(c.reps)
        t, deg = c.trace.view()
        self.live_view.update_trace(t, deg)
        self.live_view.gauge.set_angle(c.latest_deg)

    def attention_codes(self) -> list[str]:
        """The participants whose tile stands out now."""
        return [code for code, tile in self.tiles.items()
                if tile.tile is not None and tile.tile.attention]


class GroupWindow(QWidget):
    """The group view in a window of its own, as large as the screen allows."""

    def __init__(self, group: GroupSession, lang: str = "en", clock=None) -> None:
        super().__init__()
        from PySide6.QtCore import QTimer

        self.setWindowTitle(self.tr("Group session"))
        self._ended = False
        self.view = GroupView(group, lang)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.view)
        self.timer = QTimer(self)
        self.timer.setInterval(33)                # 30 frames per second
        self.timer.timeout.connect(self.view.tick)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(1900, screen.width()) if screen else 1366,
                    min(1060, screen.height()) if screen else 768)

    def closeEvent(self, event) -> None:
        self.timer.stop()
        if not self._ended:                # the group ends once (saved, sensors released)
            self._ended = True
            self.view.group.end()
        super().closeEvent(event)
