"""History: the patient's sessions by measurement moment, progress charts, overlay, replay."""

from __future__ import annotations

import time

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from monitor.core.exercises import catalogue
from monitor.ui import style
from recordings.progress import overlay, progress
from recordings.store import Store


def _signed(value: float) -> str:
    v = round(value)
    return "±0" if v == 0 else f"{v:+d}"


class HistoryView(QWidget):
    replay_requested = Signal(int)          # set id
    report_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.patient: str | None = None
        self.lang = "en"
        self.exercise = QComboBox()
        self.exercise.currentIndexChanged.connect(self.refresh)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([
            self.tr("moment"), self.tr("date"), self.tr("sets"), self.tr("reps"),
            self.tr("best ROM (°)"), self.tr("mean ROM (°)"), self.tr("change (°)")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.metric = QComboBox()
        for key, label in (("rom", self.tr("range of motion")), ("reps", self.tr("repetitions")),
                           ("tempo", self.tr("tempo (up / down)")),
                           ("tut", self.tr("time under tension")),
                           ("rise", self.tr("rise (heel raise)"))):
            self.metric.addItem(label, key)
        self.metric.currentIndexChanged.connect(self.refresh)
        self.progress_plot = pg.PlotWidget()
        self.progress_plot.setLabel("left", self.tr("ROM (°)"))
        self.progress_plot.addLegend()
        self.overlay_plot = pg.PlotWidget()
        self.overlay_plot.setLabel("bottom", self.tr("time from first repetition"), units="s")
        self.overlay_plot.addLegend()
        self.replay_btn = QPushButton(self.tr("Replay selected"))
        self.overlay_btn = QPushButton(self.tr("Overlay first and selected"))
        self.report_btn = QPushButton(self.tr("Report (PDF)..."))
        self.replay_btn.clicked.connect(self._replay)
        self.overlay_btn.clicked.connect(self._overlay)
        self.report_btn.clicked.connect(self.report_requested)
        self.info = QLabel("")
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Exercise")))
        head.addWidget(self.exercise, 1)
        head.addWidget(QLabel(self.tr("Chart")))
        head.addWidget(self.metric)
        head.addWidget(self.replay_btn)
        head.addWidget(self.overlay_btn)
        head.addWidget(self.report_btn)
        plots = QHBoxLayout()
        plots.addWidget(self.progress_plot)
        plots.addWidget(self.overlay_plot)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.table, 1)
        lay.addLayout(plots, 1)
        lay.addWidget(self.info)
        self._rows: list = []
        self._top = 0.0

    def set_patient(self, store: Store, patient: str, lang: str = "en") -> None:
        self.store, self.patient, self.lang = store, patient, lang
        used = {s.exercise for s in store.sessions(patient) if s.exercise}
        ids = sorted({e for u in used for e in u.split(",")})
        self.exercise.blockSignals(True)
        self.exercise.clear()
        for ex_id in ids:
            self.exercise.addItem(catalogue()[ex_id].display_name(lang), ex_id)
        self.exercise.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        if self.store is None or self.patient is None or self.exercise.count() == 0:
            self.table.setRowCount(0)
            return
        ex_id = self.exercise.currentData()
        rows = progress(self.store, self.patient, ex_id)
        self._rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [r.label or "", time.strftime("%Y-%m-%d %H:%M",
                                                   time.localtime(r.started_at)),
                     str(r.sets), str(r.reps),
                     "" if r.best_rom_deg is None else f"{r.best_rom_deg:.0f}",
                     "" if r.mean_rom_deg is None else f"{r.mean_rom_deg:.0f}",
                     "" if r.change_best_rom_deg is None else _signed(r.change_best_rom_deg)]
            for j, c in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(c))
        self.progress_plot.clear()
        self._plot_metric(rows, self.metric.currentData() or "rom")
        axis = self.progress_plot.getAxis("bottom")
        axis.setTicks([[(i, r.label or str(r.session)) for i, r in enumerate(rows)]])
        top = self._top if self._top else 10.0
        self.progress_plot.setYRange(0, max(1.0, top * 1.15), padding=0)
        self.progress_plot.setXRange(-0.5, max(0.5, len(rows) - 0.5), padding=0)
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(len(rows) - 1)

    def _plot_metric(self, rows: list, metric: str) -> None:
        """Best and mean ROM, repetitions, tempo or time under tension per session."""
        series = {
            "rom": [(self.tr("best ROM (°)"), "best_rom_deg", style.BLUE, "o"),
                    (self.tr("mean ROM (°)"), "mean_rom_deg", style.ORANGE, "s")],
            "reps": [(self.tr("repetitions"), "reps", style.BLUE, "o")],
            "tempo": [(self.tr("up (s)"), "mean_concentric_s", style.BLUE, "o"),
                      (self.tr("down (s)"), "mean_eccentric_s", style.ORANGE, "s")],
            "tut": [(self.tr("time under tension (s)"), "time_under_tension_s", style.GREEN,
                     "o")],
            "rise": [(self.tr("best rise (cm)"), "best_rise_cm", style.BLUE, "o"),
                     (self.tr("mean rise (cm)"), "mean_rise_cm", style.ORANGE, "s")],
        }[metric]
        self._top = 0.0
        for name, attr, colour, symbol in series:
            have = [i for i, r in enumerate(rows) if getattr(r, attr) is not None]
            vals = [float(getattr(rows[i], attr)) for i in have]
            if have:
                # Sessions without a value get a tick on the axis, not a point.
                self.progress_plot.plot(have, vals, pen=pg.mkPen(colour, width=2),
                                        symbol=symbol, symbolBrush=colour, name=name)
                self._top = max(self._top, max(vals))
        # The axis names what both series measure (best and mean ROM: ROM).
        axis_label = {"rom": self.tr("ROM (°)"), "reps": self.tr("repetitions"),
                      "tempo": self.tr("phase duration (s)"),
                      "tut": self.tr("time under tension (s)"),
                      "rise": self.tr("rise (cm)")}[metric]
        self.progress_plot.setLabel("left", axis_label)

    def _selected_set(self) -> int | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self._rows) or self.store is None:
            return None
        ex_id = self.exercise.currentData()
        sets = [s for s in self.store.sets(self._rows[row].session) if s["exercise"] == ex_id]
        return sets[0]["id"] if sets else None

    def _replay(self) -> None:
        set_id = self._selected_set()
        if set_id is not None:
            self.replay_requested.emit(set_id)

    def _overlay(self) -> None:
        sel = self._selected_set()
        if sel is None or not self._rows or self.store is None:
            return
        ex_id = self.exercise.currentData()
        first = [s for s in self.store.sets(self._rows[0].session) if s["exercise"] == ex_id]
        if not first:
            return
        curves = overlay(self.store, first[0]["id"], sel)
        self.overlay_plot.clear()
        for (set_id, (t, deg)), colour in zip(curves.items(), (style.BLUE, style.ORANGE),
                                              strict=False):
            self.overlay_plot.plot(t, deg, pen=pg.mkPen(colour, width=1),
                                   name=self.tr("set {n}").format(n=set_id))
