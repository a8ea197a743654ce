"""Custom-painted widgets: the angle gauge with its target band, and the tempo bars."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from monitor.ui import style


class AngleGauge(QWidget):
    """A half-dial showing the current angle, the target band and the last turning point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.range_deg = (0.0, 120.0)
        self.band_deg = (0.0, 90.0)
        self.angle_deg: float | None = None
        self.label = ""
        self.calibrated = True
        self.setMinimumSize(QSize(320, 220))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_angle(self, deg: float | None) -> None:
        self.angle_deg = deg
        self.update()

    def _pos(self, deg: float, rect: QRectF, radius: float) -> QPointF:
        lo, hi = self.range_deg
        frac = min(1.0, max(0.0, (deg - lo) / (hi - lo)))
        a = math.pi * (1.0 - frac)
        c = QPointF(rect.center().x(), rect.bottom() - 30)
        return QPointF(c.x() + radius * math.cos(a), c.y() - radius * math.sin(a))

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(40, 30, -40, -10)
        radius = min(rect.width() / 2, rect.height() - 50)
        c = QPointF(rect.center().x(), rect.bottom() - 30)
        arc = QRectF(c.x() - radius, c.y() - radius, 2 * radius, 2 * radius)
        lo, hi = self.range_deg

        def span(a: float, b: float) -> tuple[int, int]:
            fa = (min(a, b) - lo) / (hi - lo)
            fb = (max(a, b) - lo) / (hi - lo)
            start = 180.0 * (1.0 - min(1, max(0, fb)))
            return int(start * 16), int(180.0 * (min(1, max(0, fb)) - min(1, max(0, fa))) * 16)

        p.setPen(QPen(style.GREY, 18, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        p.drawArc(arc, 0, 180 * 16)
        p.setPen(QPen(style.GREEN, 18, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        p.drawArc(arc, *span(*self.band_deg))
        p.setPen(QPen(style.INK, 1))
        p.setFont(style.font(11))
        step = next((s for s in (5, 10, 20, 30, 45, 60) if (hi - lo) / s <= 6), 90)
        for tick in range(math.ceil(lo / step) * step, int(hi) + 1, step):
            pos = self._pos(tick, rect, radius + 22)
            p.drawText(QRectF(pos.x() - 20, pos.y() - 10, 40, 20),
                       Qt.AlignmentFlag.AlignCenter, f"{tick}")
        if self.angle_deg is not None:
            tip = self._pos(self.angle_deg, rect, radius - 4)
            p.setPen(QPen(style.BLUE, 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            p.drawLine(c, tip)
            p.setBrush(QBrush(style.BLUE))
            p.drawEllipse(c, 9, 9)
        p.setPen(QPen(style.INK))
        p.setFont(style.font(34, bold=True))
        # Rounded first, so that -0.3 reads 0°, never "-0°".
        text = "--" if self.angle_deg is None else f"{round(self.angle_deg) + 0:d}°"
        p.drawText(QRectF(rect.left(), c.y() - radius * 0.62, rect.width(), 60),
                   Qt.AlignmentFlag.AlignCenter, text)
        p.setFont(style.font(11))
        sub = self.label if self.calibrated else self.tr("{angle} (uncalibrated)").format(
            angle=self.label)
        p.drawText(QRectF(rect.left(), c.y() + 2, rect.width(), 24),
                   Qt.AlignmentFlag.AlignCenter, sub)
        p.end()


class TempoBars(QWidget):
    """Per-repetition bars of concentric / hold / eccentric time, against the prescription."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prescribed = (2.0, 1.0, 2.0)
        self.reps: list[tuple[float, float, float]] = []
        self.setMinimumHeight(150)

    def set_reps(self, reps: list[tuple[float, float, float]]) -> None:
        self.reps = reps[-12:]
        self.update()

    def caption(self) -> str:
        return self.tr("Tempo per repetition: up (blue), hold (yellow), down (orange); "
                       "dashed line: prescribed")

    def layout_rects(self) -> tuple[QRectF, QRectF]:
        """Where the caption goes (as tall as its wrapped lines need at this width) and the
        bars below it."""
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        need = QFontMetricsF(style.font(10)).boundingRect(
            QRectF(0, 0, self.width(), 10_000), flags, self.caption())
        top = max(44.0, need.height() + 6.0)
        return QRectF(0, 0, self.width(), top), QRectF(self.rect()).adjusted(72, top, -10, -10)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        caption, r = self.layout_rects()
        total = max([sum(self.prescribed)] + [sum(x) for x in self.reps]) * 1.15
        rows = [(self.tr("target"), self.prescribed)] + [(f"#{i + 1}", x) for i, x in enumerate(
            self.reps)]
        h = min(22.0, r.height() / max(1, len(rows)))
        p.setFont(style.font(10))
        for k, (name, phases) in enumerate(rows):
            y = r.top() + k * h
            p.setPen(QPen(style.INK))
            p.drawText(QRectF(0, y, 66, h), Qt.AlignmentFlag.AlignRight
                       | Qt.AlignmentFlag.AlignVCenter, name)
            x = r.left()
            for phase, dur in zip(("concentric", "hold", "eccentric"), phases, strict=True):
                w = r.width() * dur / total
                p.fillRect(QRectF(x, y + 2, w, h - 4), style.PHASE_COLOURS[phase])
                x += w
        x_target = r.left() + r.width() * sum(self.prescribed) / total
        p.setPen(QPen(style.INK, 2, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(x_target, r.top()), QPointF(x_target, r.bottom()))
        p.setPen(QPen(style.INK))
        p.drawText(caption, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                   self.caption())
        p.end()


class LegAnimation(QWidget):
    """A stick-figure leg that shows what to do: hold the start posture, then bend and
    stretch slowly (from the exercise's own start and turning angles). The highlighted
    segment is the one that moves; a green or orange dot says whether the sensors are still.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QTimer

        self.setMinimumSize(QSize(220, 150))
        self.hip = (90.0, 90.0)              # hip flexion: start, turn
        self.knee = (90.0, 10.0)             # knee flexion: start, turn
        self.body = "seated"
        self.rise = 0.0                      # body lift at the turn, in thigh lengths
        self.phase = 0.0
        self.step = 0                        # 0 hold still, 1 bend and stretch
        self.still: bool | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(40)
        self._timer.timeout.connect(self._advance)

    def set_exercise(self, sim: dict, body: str) -> None:
        self.hip = tuple(sim.get("hip_flexion", [0, 0]))
        self.knee = tuple(sim.get("knee_flexion", [0, 0]))
        self.rise = sim.get("rise_m", [0, 0])[1] / 0.42
        self.body = body
        self.update()

    def play(self, on: bool) -> None:
        if on:
            self._timer.start()
        else:
            self._timer.stop()

    def _advance(self) -> None:
        self.phase = (self.phase + 0.04 / 4.0) % 1.0      # one movement in 4 s
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        u = 0.0 if self.step == 0 else 0.5 - 0.5 * math.cos(2 * math.pi * self.phase)
        hip = self.hip[0] + u * (self.hip[1] - self.hip[0])
        knee = self.knee[0] + u * (self.knee[1] - self.knee[0])
        # Body orientation: angle of the thigh's neutral (straight down) on screen.
        base = {"supine": 90.0, "prone": 90.0, "side_lying": 90.0}.get(self.body, 0.0)
        seg = min(w, h) * 0.36
        hx, hy = w * 0.35, h * 0.3
        if self.body == "standing":
            # Thigh and shank one above the other: fit both above the caption.
            hy = h * 0.12
            seg = min(seg, (h - 28 - hy) / (2.0 + self.rise))
            hy += self.rise * seg
        hy -= u * self.rise * seg
        a_thigh = math.radians(base + hip)
        kx, ky = hx + seg * math.sin(a_thigh), hy + seg * math.cos(a_thigh)
        a_shank = a_thigh - math.radians(knee)
        ax, ay = kx + seg * math.sin(a_shank), ky + seg * math.cos(a_shank)
        moving_thigh = abs(self.hip[1] - self.hip[0]) > abs(
            (self.hip[1] - self.knee[1]) - (self.hip[0] - self.knee[0]))
        for (x0, y0, x1, y1), moving in (((hx, hy, kx, ky), moving_thigh),
                                         ((kx, ky, ax, ay), not moving_thigh)):
            colour = style.BLUE if moving and self.step == 1 else style.GREY
            p.setPen(QPen(colour, 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            p.drawLine(QPointF(x0, y0), QPointF(x1, y1))
        p.setBrush(QBrush(style.INK))
        p.setPen(Qt.PenStyle.NoPen)
        for x, y in ((hx, hy), (kx, ky)):
            p.drawEllipse(QPointF(x, y), 6, 6)
        if self.still is not None:
            p.setBrush(QBrush(style.GREEN if self.still else style.ORANGE))
            p.drawEllipse(QPointF(w - 20, 20), 10, 10)
        p.setPen(QPen(style.INK))
        p.setFont(style.font(10, bold=True))
        if self.step == 0:
            text = self.tr("hold still")
        elif self.rise:
            text = self.tr("rise onto the toes slowly")
        else:
            text = self.tr("bend and stretch slowly")
        p.drawText(QRectF(0, h - 22, w, 20), Qt.AlignmentFlag.AlignCenter, text)
        p.end()
