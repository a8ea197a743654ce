"""History: the patient's sessions by measurement moment, progress charts, overlay, replay."""

from __future__ import annotations

import time

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from monitor.core.battery import battery_test, is_test, questionnaire_def, value_text
from monitor.core.dosing import Load
from monitor.core.exercises import catalogue
from monitor.ui import style
from monitor.ui.messages import decimal
from recordings.measurements import battery_table
from recordings.progress import overlay, pain_over_time, progress
from recordings.store import Store
from recordings.treatment import goal_status, goal_text, goal_value_text


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
        self.exercise.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.exercise.setMinimumContentsLength(22)
        # Best and mean ROM in one column, so that the table fits a laptop in Dutch too.
        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels([
            self.tr("moment"), self.tr("date"), self.tr("sets"), self.tr("reps"),
            self.tr("load"), self.tr("ROM best / mean (°)"), self.tr("change (°)"),
            self.tr("effort"), self.tr("pain")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart_metric = QComboBox()
        for key, label in (("rom", self.tr("range of motion")), ("reps", self.tr("repetitions")),
                           ("tempo", self.tr("tempo (up / down)")),
                           ("tut", self.tr("time under tension")),
                           ("rise", self.tr("rise (heel raise)")),
                           ("load", self.tr("load (kg)")),
                           ("adherence", self.tr("repetitions done of prescribed (%)"))):
            self.chart_metric.addItem(label, key)
        self.chart_metric.currentIndexChanged.connect(self.refresh)
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
        self.pain_plot = pg.PlotWidget()
        self.pain_plot.setLabel("left", self.tr("pain (0-10)"))
        self.pain_plot.addLegend()
        self.goals = QTableWidget(0, 1)
        self.goals.verticalHeader().setVisible(False)
        self.goals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.goals.setWordWrap(True)
        # Two rows, so that the tab fits a clinic laptop's screen in either language.
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Exercise")))
        head.addWidget(self.exercise, 1)
        head.addWidget(QLabel(self.tr("Chart")))
        head.addWidget(self.chart_metric)
        buttons = QHBoxLayout()
        buttons.addWidget(self.replay_btn)
        buttons.addWidget(self.overlay_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.report_btn)
        plots = QHBoxLayout()
        plots.addWidget(self.progress_plot)
        plots.addWidget(self.overlay_plot)
        charts = QWidget()
        charts.setLayout(plots)
        self.bottom = QTabWidget()
        self.bottom.addTab(charts, self.tr("Progress"))
        self.bottom.addTab(self.pain_plot, self.tr("Pain"))
        self.bottom.addTab(self.goals, self.tr("Goals"))
        self.battery = QTableWidget(0, 1)
        self.battery.verticalHeader().setVisible(False)
        self.battery.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.battery.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.battery.itemSelectionChanged.connect(self._plot_battery_row)
        # The selected test or questionnaire over the moments, next to the table.
        self.battery_plot = pg.PlotWidget()
        tests_tab = QWidget()
        tl = QHBoxLayout(tests_tab)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.battery, 3)
        tl.addWidget(self.battery_plot, 2)
        self.bottom.addTab(tests_tab, self.tr("Tests"))
        self._battery: list = []
        self._battery_names: list[str] = []
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addLayout(buttons)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.bottom, 1)
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
        # The overlay belongs to the sets it was drawn for: another exercise or patient
        # clears it (it showed a chair stand's curves under a knee extension).
        self.overlay_plot.clear()
        if self.store is not None and self.patient is not None:
            self._show_pain()
            self._show_goals()
            self._show_battery()
        if self.store is None or self.patient is None or self.exercise.count() == 0:
            self.table.setRowCount(0)
            return
        ex_id = self.exercise.currentData()
        rows = progress(self.store, self.patient, ex_id)
        self._rows = rows
        self.table.setHorizontalHeaderItem(3, QTableWidgetItem(
            self.tr("result") if is_test(ex_id) else self.tr("reps")))
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            sets = str(r.sets) if r.sets_prescribed is None else \
                f"{r.sets}/{r.sets_prescribed}"
            cells = [self._moment(r.label), time.strftime("%Y-%m-%d",
                                                           time.localtime(r.started_at)),
                     sets, self._count_or_result(ex_id, r),
                     "" if not r.loads else Load.texts(r.loads, self.lang),
                     "" if r.best_rom_deg is None else
                     f"{r.best_rom_deg:.0f} / {r.mean_rom_deg:.0f}",
                     "" if r.change_best_rom_deg is None else _signed(r.change_best_rom_deg),
                     "" if r.effort_max is None else f"{r.effort_max}/10",
                     "" if r.pain_after is None else f"{r.pain_after}/10"]
            for j, c in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(c))
        self.progress_plot.clear()
        self._plot_metric(rows, self.chart_metric.currentData() or "rom")
        axis = self.progress_plot.getAxis("bottom")
        axis.setTicks([[(i, self._moment(r.label) or time.strftime(
            "%d-%m", time.localtime(r.started_at))) for i, r in enumerate(rows)]])
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
            "load": [(self.tr("load (kg)"), "load_kg", style.BLUE, "o")],
            "adherence": [(self.tr("repetitions done of prescribed (%)"), "adherence_pct",
                           style.GREEN, "o")],
        }[metric]
        for r in rows:
            kg = [float(x["value"]) for x in r.loads or () if x and x.get("kind") == "kg"]
            r.load_kg = max(kg) if kg else None          # the heaviest set's
            wanted = (r.sets_prescribed or 0) * (r.reps_prescribed or 0)
            r.adherence_pct = 100.0 * r.reps / wanted if wanted else None
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
                      "rise": self.tr("rise (cm)"), "load": self.tr("load (kg)"),
                      "adherence": self.tr("done of prescribed (%)")}[metric]
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
            # Named by moment, date and which set of the exercise it was (not its row id).
            info = self.store.set_info(set_id)
            when = self._moment(info["label"]) or time.strftime(
                "%Y-%m-%d", time.localtime(info["session_started_at"]))
            self.overlay_plot.plot(t, deg, pen=pg.mkPen(colour, width=1),
                                   name=self.tr("{moment}, set {k}").format(
                                       moment=when, k=info["number"]))

    def _count_or_result(self, ex_id: str, r) -> str:
        """Repetitions; for a battery test its stored result (as every view shows it)."""
        if not is_test(ex_id):
            return str(r.reps)
        if not r.test_results:
            return "-"
        return "; ".join(decimal(value_text(ex_id, t["value"], self.lang))
                         for t in r.test_results)

    def _show_battery(self) -> None:
        """Every test and questionnaire per moment: the result, and its change since the
        first measurement when that is meaningful."""
        store, code = self._opened()
        table = battery_table(store, code, self.lang)
        self._battery = table
        names: list[str] = []
        for row in table:
            for name in [*row["tests"], *row["questionnaires"]]:
                if name not in names:
                    names.append(name)
        self.battery.setColumnCount(1 + len(table))
        self.battery.setHorizontalHeaderLabels(
            [self.tr("test")] + [self._moment(r["label"]) or r["date"] for r in table])
        self.battery.setRowCount(len(names))
        for i, name in enumerate(names):
            test, _, side = name.partition(":")
            if test == "knee_rom_lsi":
                label = self.tr("knee flexion symmetry")
            elif is_test(test):
                label = battery_test(test)["name"]["nl" if self.lang == "nl" else "en"]
            else:
                label = questionnaire_def(test)["name"]["nl" if self.lang == "nl" else "en"]
            if side:
                label += " (" + {"left": self.tr("left"), "right": self.tr("right")}.get(
                    side, side) + ")"
            self.battery.setItem(i, 0, QTableWidgetItem(label))
            for j, row in enumerate(table, start=1):
                cell = row["tests"].get(name) or row["questionnaires"].get(name)
                if cell is None:
                    continue
                text = decimal(cell["text"]) if "text" in cell else decimal(f"{cell['value']:g}")
                c = cell.get("change")
                better = c.get("meaningful") if c else None
                # A meaningful change since the first measurement in words (an arrow up
                # read as "went up" where a shorter time or less pain is the better).
                if better == "improvement":
                    text += " · " + self.tr("better")
                elif better == "decline":
                    text += " · " + self.tr("worse")
                item = QTableWidgetItem(text)
                if better in ("improvement", "decline"):
                    item.setForeground(style.GREEN if better == "improvement"
                                       else style.VERMILLION)
                    item.setToolTip(self.tr("meaningful improvement since the first "
                                            "measurement") if better == "improvement" else
                                    self.tr("meaningful decline since the first measurement"))
                self.battery.setItem(i, j, item)
        self.battery.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        self._battery_names = names
        if names:
            self.battery.selectRow(0)
        else:
            self.battery_plot.clear()

    def _plot_battery_row(self) -> None:
        """One test or questionnaire score over the moments, with its normal range."""
        row = self.battery.currentRow()
        self.battery_plot.clear()
        if not 0 <= row < len(self._battery_names):
            return
        name = self._battery_names[row]
        pts = []
        for i, moment in enumerate(self._battery):
            cell = moment["tests"].get(name) or moment["questionnaires"].get(name)
            if cell is not None and cell.get("value") is not None:
                pts.append((i, float(cell["value"]), cell.get("norm")))
        if not pts:
            return
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        band = next((p[2] for p in reversed(pts) if p[2] and "-" in p[2]["band"]), None)
        if band is not None:
            lo, hi = (float(v) for v in band["band"].split(" ")[0].split("-"))
            region = pg.LinearRegionItem(values=(lo, hi), orientation="horizontal",
                                         movable=False, brush=pg.mkBrush(0, 158, 115, 40),
                                         pen=pg.mkPen(None))
            self.battery_plot.addItem(region)
        self.battery_plot.plot(xs, ys, pen=pg.mkPen(style.BLUE, width=2), symbol="o",
                               symbolBrush=style.BLUE)
        self.battery_plot.getAxis("bottom").setTicks([[
            (i, self._moment(m["label"]) or m["date"][5:]) for i, m in enumerate(self._battery)]])
        self.battery_plot.setXRange(-0.5, max(0.5, len(self._battery) - 0.5), padding=0)
        head = self.battery.item(row, 0)
        self.battery_plot.setLabel("left", head.text() if head is not None else "")

    def _opened(self) -> tuple[Store, str]:
        """The store and the patient shown (set_patient)."""
        if self.store is None or self.patient is None:
            raise RuntimeError("no patient opened")
        return self.store, self.patient

    def _moment(self, label: str | None) -> str:
        """A moment's label in the interface's language; a training visit has none."""
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("MainWindow", label) if label else \
            self.tr("training visit")

    def _show_pain(self) -> None:
        store, code = self._opened()
        rows = pain_over_time(store, code)
        self.pain_plot.clear()
        for name, key, colour, symbol in (
                (self.tr("before the session"), "before", style.BLUE, "o"),
                (self.tr("after an exercise (highest)"), "after", style.VERMILLION, "s"),
                (self.tr("next morning"), "next_morning", style.ORANGE, "t")):
            have = [i for i, r in enumerate(rows) if r[key] is not None]
            if have:
                self.pain_plot.plot(have, [rows[i][key] for i in have],
                                    pen=pg.mkPen(colour, width=2), symbol=symbol,
                                    symbolBrush=colour, name=name)
        limit = pg.InfiniteLine(pos=5, angle=0, pen=pg.mkPen(style.GREY, width=1,
                                                             style=Qt.PenStyle.DashLine))
        self.pain_plot.addItem(limit)
        self.pain_plot.setYRange(0, 10, padding=0.05)
        self.pain_plot.setXRange(-0.5, max(0.5, len(rows) - 0.5), padding=0)
        self.pain_plot.getAxis("bottom").setTicks([[
            (i, self._moment(r["label"]) or time.strftime("%d-%m", time.localtime(
                r["started_at"]))) for i, r in enumerate(rows)]])

    def _show_goals(self) -> None:
        store, code = self._opened()
        goals = goal_status(store, code)
        sessions = [s for s in store.sessions(code) if s.label]
        self.goals.setColumnCount(1 + len(sessions))
        self.goals.setHorizontalHeaderLabels([self.tr("goal")] + [self._moment(s.label)
                                                                   for s in sessions])
        self.goals.setRowCount(len(goals))
        for i, g in enumerate(goals):
            self.goals.setItem(i, 0, QTableWidgetItem(goal_text(g, self.lang)))
            by = {m["session"]: m for m in g["moments"]}
            for j, sess in enumerate(sessions, start=1):
                m = by.get(sess.id)
                text = "" if m is None else (
                    ("✓ " if m["met"] else "✗ ")
                    + goal_value_text(g["measure"], m["value"], self.lang))
                self.goals.setItem(i, j, QTableWidgetItem(text))
        self.goals.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.goals.resizeRowsToContents()
