"""The patient's record: details, goals, the programme with its doses, progression advice.

Everything written here is dated in the store (a programme change keeps the old dose with the
day it ended), so the history and the report can show when the load went up and why.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from monitor.core.dosing import Dose, Load, parse_tempo
from monitor.core.errors import MonitorError
from monitor.core.exercises import catalogue, get_exercise
from monitor.ui.messages import decimal, say, say_error
from recordings.store import Store
from recordings.treatment import (
    accept,
    advice,
    goal_status,
    goal_text,
    goal_value_text,
    pain_status,
    programme,
)

MEASURE_TESTS = ("chair_stand_30s", "five_times_sit_to_stand", "timed_up_and_go",
                 "knee_rom_test")


def _day(t: float | None) -> str:
    return "" if t is None else time.strftime("%Y-%m-%d", time.localtime(t))


class PatientView(QWidget):
    """Details, goals, programme and advice of the open patient."""

    programme_changed = Signal()          # the live view reloads the dose of its exercise
    details_saved = Signal()              # year of birth, sex, joint: the norms follow
    message = Signal(str)                 # for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.patient: str | None = None
        self.lang = "en"

        # -- details ---------------------------------------------------------------------
        self.code = QLabel("")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.joint = QComboBox()
        for key, text in ((None, "—"), ("knee", self.tr("knee")), ("hip", self.tr("hip")),
                          ("knee,hip", self.tr("knee and hip"))):
            self.joint.addItem(text, key)
        self.side = QComboBox()
        for key, text in ((None, "—"), ("left", self.tr("left")), ("right", self.tr("right")),
                          ("both", self.tr("both"))):
            self.side.addItem(text, key)
        self.birth_year = QSpinBox()
        self.birth_year.setRange(1899, time.localtime().tm_year)
        self.birth_year.setSpecialValueText("—")          # 1899: not given
        self.sex = QComboBox()
        for key, text in ((None, "—"), ("f", self.tr("female")), ("m", self.tr("male")),
                          ("x", self.tr("other / not said"))):
            self.sex.addItem(text, key)
        self.intake = QLineEdit()
        self.intake.setPlaceholderText("YYYY-MM-DD")
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("notes (no names or other identifying data)"))
        self.save_btn = QPushButton(self.tr("Save details"))
        self.save_btn.clicked.connect(self.save_details)
        details = QGroupBox(self.tr("Patient"))
        form = QFormLayout(details)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Joint"), self.joint)
        form.addRow(self.tr("Side"), self.side)
        form.addRow(self.tr("Year of birth"), self.birth_year)
        form.addRow(self.tr("Sex"), self.sex)
        form.addRow(self.tr("Intake"), self.intake)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.save_btn)
        self.pain_label = QLabel("")
        self.pain_label.setWordWrap(True)
        form.addRow(self.pain_label)

        # -- goals -----------------------------------------------------------------------
        self.goals_table = QTableWidget(0, 2)
        self.goals_table.setHorizontalHeaderLabels([self.tr("goal"), self.tr("status")])
        self.goals_table.verticalHeader().setVisible(False)
        self.goals_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.goals_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.goals_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.goals_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.goals_table.setWordWrap(True)
        self.goal_text = QLineEdit()
        self.goal_text.setPlaceholderText(self.tr("goal in words, e.g. climb the stairs "
                                                  "to the bedroom"))
        self.goal_measure = QComboBox()
        self.goal_measure.currentIndexChanged.connect(self._measure_changed)
        self.goal_target = QDoubleSpinBox()
        self.goal_target.setRange(0, 200)
        self.goal_target.setDecimals(1)
        self.goal_target.setEnabled(False)
        self.goal_add = QPushButton(self.tr("Add goal"))
        self.goal_add.clicked.connect(self.add_goal)
        self.goal_remove = QPushButton(self.tr("Remove goal"))
        self.goal_remove.clicked.connect(self.remove_goal)
        goals = QGroupBox(self.tr("Goals"))
        gl = QGridLayout(goals)
        gl.addWidget(self.goals_table, 0, 0, 1, 3)
        gl.addWidget(self.goal_text, 1, 0, 1, 3)
        gl.addWidget(self.goal_measure, 2, 0, 1, 2)
        gl.addWidget(self.goal_target, 2, 2)
        gl.addWidget(self.goal_remove, 3, 0)
        gl.addWidget(self.goal_add, 3, 2)
        self._goal_ids: list[int] = []

        # -- programme -------------------------------------------------------------------
        self.prog_table = QTableWidget(0, 3)
        self.prog_table.setHorizontalHeaderLabels([
            self.tr("exercise"), self.tr("dose"), self.tr("since")])
        self.prog_table.verticalHeader().setVisible(False)
        self.prog_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.prog_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.prog_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.prog_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.prog_table.itemSelectionChanged.connect(self._show_item)
        self.add_exercise = QComboBox()
        self._fill_lists()
        self.add_btn = QPushButton(self.tr("Add to programme"))
        self.add_btn.clicked.connect(self.add_item)
        self.remove_btn = QPushButton(self.tr("Remove"))
        self.remove_btn.clicked.connect(self.remove_item)
        self.up_btn = QPushButton("▲")
        self.down_btn = QPushButton("▼")
        self.up_btn.setToolTip(self.tr("Earlier in the visit"))
        self.down_btn.setToolTip(self.tr("Later in the visit"))
        self.up_btn.clicked.connect(lambda: self.move_item(-1))
        self.down_btn.clicked.connect(lambda: self.move_item(1))
        self.sets_box, self.reps_box = QSpinBox(), QSpinBox()
        self.sets_box.setRange(1, 20)
        self.reps_box.setRange(1, 100)
        self.load_edit = QLineEdit()
        self.load_edit.setPlaceholderText(self.tr("8 kg, red band, bodyweight"))
        self.tempo_edit = QLineEdit()
        self.tempo_edit.setPlaceholderText("2/1/2/1")
        self.range_lo, self.range_hi = QSpinBox(), QSpinBox()
        for box in (self.range_lo, self.range_hi):
            box.setRange(-90, 180)
            box.setSuffix("°")
        self.rest_box = QSpinBox()
        self.rest_box.setRange(0, 900)
        self.rest_box.setSuffix(" s")
        self.item_save = QPushButton(self.tr("Save dose"))
        self.item_save.clicked.connect(self.save_item)
        sr = QHBoxLayout()
        sr.addWidget(self.sets_box)
        sr.addWidget(QLabel("x"))
        sr.addWidget(self.reps_box)
        rng = QHBoxLayout()
        rng.addWidget(self.range_lo)
        rng.addWidget(self.range_hi)
        dose = QFormLayout()
        dose.addRow(self.tr("sets x reps"), sr)
        dose.addRow(self.tr("load"), self.load_edit)
        dose.addRow(self.tr("tempo up/hold/down/rest"), self.tempo_edit)
        dose.addRow(self.tr("range"), rng)
        dose.addRow(self.tr("rest between sets"), self.rest_box)
        dose.addRow(self.item_save)
        prog = QGroupBox(self.tr("Programme"))
        pl = QVBoxLayout(prog)
        pl.addWidget(self.prog_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_exercise, 1)
        row.addWidget(self.add_btn)
        pl.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.remove_btn)
        row.addWidget(self.up_btn)
        row.addWidget(self.down_btn)
        row.addStretch(1)
        pl.addLayout(row)
        pl.addLayout(dose)

        # -- advice ----------------------------------------------------------------------
        self.advice_box = QGroupBox(self.tr("Advice after the last visit (you decide)"))
        self.advice_layout = QVBoxLayout(self.advice_box)
        self._advices: list = []

        left = QWidget()
        left.setMaximumWidth(420)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(details)
        ll.addWidget(goals, 1)
        right = QVBoxLayout()
        right.addWidget(prog, 3)
        right.addWidget(self.advice_box, 2)
        inner = QWidget()
        lay = QHBoxLayout(inner)
        lay.addWidget(left, 2)
        lay.addLayout(right, 3)
        for combo in (self.add_exercise, self.goal_measure):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._items: list = []
        self.setEnabled(False)

    # -- loading --------------------------------------------------------------------------
    def _fill_lists(self) -> None:
        """The exercise lists in the interface's language."""
        self.goal_measure.blockSignals(True)
        self.goal_measure.clear()
        self.goal_measure.addItem(self.tr("in words only"), None)
        for ex_id in MEASURE_TESTS:
            self.goal_measure.addItem(get_exercise(ex_id).display_name(self.lang),
                                      f"test:{ex_id}")
        self.goal_measure.addItem(self.tr("pain during exercise (at most)"), "pain")
        for ex in catalogue().values():
            if ex.kind == "repetitions" and not ex.counts_any_movement:
                self.goal_measure.addItem(self.tr("ROM: {name}").format(
                    name=ex.display_name(self.lang)), f"rom:{ex.id}")
        self.goal_measure.blockSignals(False)
        self.add_exercise.clear()
        for ex in catalogue().values():
            if ex.kind == "repetitions":
                self.add_exercise.addItem(ex.display_name(self.lang), ex.id)

    def set_patient(self, store: Store, code: str, lang: str = "en") -> None:
        if lang != self.lang:
            self.lang = lang
            self._fill_lists()
        self.store, self.patient, self.lang = store, code, lang
        self.setEnabled(True)
        p = store.patient(code) or {}
        self.code.setText(code)
        for box, key in ((self.joint, "joint"), (self.side, "side"), (self.sex, "sex")):
            i = box.findData(p.get(key))
            box.setCurrentIndex(max(0, i))
        self.birth_year.setValue(p.get("birth_year") or self.birth_year.minimum())
        self.intake.setText(p.get("intake_date") or "")
        self.notes.setText(p.get("notes") or "")
        self.refresh()

    def _opened(self) -> tuple[Store, str]:
        """The store and the patient shown (the view is disabled until set_patient)."""
        if self.store is None or self.patient is None:
            raise RuntimeError("no patient opened")
        return self.store, self.patient

    def refresh(self) -> None:
        if self.store is None or self.patient is None:
            return
        self._show_goals()
        self._show_programme()
        self._show_advice()
        outside = pain_status(self.store, self.patient)
        if outside:
            self.pain_label.setText("<b style='color:#D55E00'>" + self.tr(
                "Outside the pain-monitoring model:") + "</b><br>"
                + "<br>".join(say(m) for m in outside))
        else:
            self.pain_label.setText(self.tr("Pain within the pain-monitoring model."))

    def needs_details(self) -> bool:
        """Year of birth and sex are missing (needed for the test norms)."""
        p = (self.store.patient(self.patient) if self.store and self.patient else None) or {}
        return not p.get("birth_year") or not p.get("sex")

    # -- details ----------------------------------------------------------------------------
    def save_details(self) -> None:
        store, code = self._opened()
        intake = self.intake.text().strip()
        if intake:
            try:
                time.strptime(intake, "%Y-%m-%d")
            except ValueError:
                self.message.emit(self.tr("Intake date: give it as YYYY-MM-DD."))
                return
        year = self.birth_year.value()
        store.save_patient(
            code, joint=self.joint.currentData(), side=self.side.currentData(),
            birth_year=None if year == self.birth_year.minimum() else year,
            sex=self.sex.currentData(), intake_date=intake or None,
            notes=self.notes.text().strip() or None)
        self.details_saved.emit()
        self.message.emit(self.tr("Details of {code} saved.").format(code=code))

    # -- goals ------------------------------------------------------------------------------
    def _measure_changed(self) -> None:
        measure = self.goal_measure.currentData()
        self.goal_target.setEnabled(measure is not None)
        if measure == "pain":
            self.goal_target.setRange(0, 10)
            self.goal_target.setValue(3)
        elif measure is not None:
            self.goal_target.setRange(0, 200)

    def add_goal(self) -> None:
        store, code = self._opened()
        text = self.goal_text.text().strip()
        measure = self.goal_measure.currentData()
        if not text and measure is None:
            self.message.emit(self.tr("Type the goal first."))
            return
        op = None
        target = None
        if measure is not None:
            target = float(self.goal_target.value())
            timed = measure in ("test:five_times_sit_to_stand", "test:timed_up_and_go")
            op = "<=" if measure == "pain" or timed else ">="
            if not text:
                text = f"{self.goal_measure.currentText()} {'≤' if op == '<=' else '≥'} " \
                       f"{target:g}"
        store.add_goal(code, text, measure, op, target)
        self.goal_text.clear()
        self.goal_measure.setCurrentIndex(0)
        self._show_goals()

    def remove_goal(self) -> None:
        store, _code = self._opened()
        row = self.goals_table.currentRow()
        if 0 <= row < len(self._goal_ids):
            store.remove_goal(self._goal_ids[row])
            self._show_goals()

    def _show_goals(self) -> None:
        store, code = self._opened()
        goals = goal_status(store, code)
        self._goal_ids = [g["id"] for g in goals]
        self.goals_table.setRowCount(len(goals))
        for i, g in enumerate(goals):
            self.goals_table.setItem(i, 0, QTableWidgetItem(goal_text(g, self.lang)))
            self.goals_table.setItem(i, 1, QTableWidgetItem(self.goal_words(g)))
        self.goals_table.resizeRowsToContents()

    def goal_words(self, g: dict) -> str:
        if not g["measure"]:
            return self.tr("in words")
        if not g["moments"]:
            return self.tr("not measured yet")
        last = g["moments"][-1]
        where = (QCoreApplication.translate("MainWindow", last["label"]) if last["label"]
                 else self.tr("training visit"))
        value = goal_value_text(g["measure"], last["value"], self.lang)
        return (self.tr("met ({value}, {moment})") if last["met"] else
                self.tr("not met ({value}, {moment})")).format(value=value, moment=where)

    # -- programme --------------------------------------------------------------------------
    def _show_programme(self) -> None:
        store, code = self._opened()
        items = programme(store, code)
        selected = self._selected_exercise()
        self._items = items
        self.prog_table.setRowCount(len(items))
        for i, it in enumerate(items):
            d = it.dose
            cells = [get_exercise(it.exercise).display_name(self.lang), d.text(self.lang),
                     _day(it.valid_from)]
            for j, c in enumerate(cells):
                self.prog_table.setItem(i, j, QTableWidgetItem(c))
        row = next((i for i, it in enumerate(items) if it.exercise == selected),
                   0 if items else -1)
        if row >= 0:
            self.prog_table.selectRow(row)
        self._show_item()
        self._show_advice()                   # the advice follows the programme

    def _selected_exercise(self) -> str | None:
        row = self.prog_table.currentRow()
        return self._items[row].exercise if 0 <= row < len(self._items) else None

    def _show_item(self) -> None:
        row = self.prog_table.currentRow()
        have = 0 <= row < len(self._items)
        for w in (self.sets_box, self.reps_box, self.load_edit, self.tempo_edit,
                  self.range_lo, self.range_hi, self.rest_box, self.item_save,
                  self.remove_btn, self.up_btn, self.down_btn):
            w.setEnabled(have)
        if not have:
            return
        d = self._items[row].dose
        self.sets_box.setValue(d.sets)
        self.reps_box.setValue(d.reps)
        self.load_edit.setText(d.load.text(self.lang))
        self.tempo_edit.setText("/".join(decimal(f"{t:g}") for t in d.tempo_s))
        self.range_lo.setValue(round(d.target_deg[0]))
        self.range_hi.setValue(round(d.target_deg[1]))
        self.rest_box.setValue(round(d.rest_s))

    def add_item(self) -> None:
        from recordings.treatment import prescribe

        store, code = self._opened()
        ex_id = self.add_exercise.currentData()
        if any(it.exercise == ex_id for it in self._items):
            self.message.emit(self.tr("Already in the programme."))
            return
        prescribe(store, code, ex_id, reason="added to the programme")
        self._show_programme()
        self.prog_table.selectRow(len(self._items) - 1)
        self.programme_changed.emit()

    def remove_item(self) -> None:
        store, code = self._opened()
        ex_id = self._selected_exercise()
        if ex_id is not None:
            store.remove_programme_item(code, ex_id)
            self._show_programme()
            self.programme_changed.emit()

    def move_item(self, step: int) -> None:
        store, code = self._opened()
        row = self.prog_table.currentRow()
        other = row + step
        if not (0 <= row < len(self._items) and 0 <= other < len(self._items)):
            return
        a, b = self._items[row], self._items[other]
        now = time.time()
        store.set_programme_item(code, a.exercise, a.dose.to_json(),
                                 position=b.position, reason="order", when=now)
        store.set_programme_item(code, b.exercise, b.dose.to_json(),
                                 position=a.position, reason="order", when=now)
        self._show_programme()
        self.prog_table.selectRow(other)
        self.programme_changed.emit()

    def save_item(self) -> None:
        store, code = self._opened()
        ex_id = self._selected_exercise()
        if ex_id is None:
            return
        try:
            load = Load.parse(self.load_edit.text())
            tempo = parse_tempo(self.tempo_edit.text())
            lo, hi = sorted((float(self.range_lo.value()), float(self.range_hi.value())))
            dose = Dose(self.sets_box.value(), self.reps_box.value(), load, tempo, (lo, hi),
                        float(self.rest_box.value()))
        except MonitorError as exc:
            self.message.emit(say_error(exc))
            return
        store.set_programme_item(code, ex_id, dose.to_json(),
                                 reason="changed in the programme")
        self._show_programme()
        self.programme_changed.emit()
        self.message.emit(self.tr("Programme saved."))

    # -- advice -----------------------------------------------------------------------------
    def _show_advice(self) -> None:
        store, code = self._opened()
        while self.advice_layout.count():
            item = self.advice_layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()
        self._advices = advice(store, code)
        if not self._advices:
            self.advice_layout.addWidget(QLabel(self.tr("No programme yet: add exercises "
                                                        "above.")))
            return
        words = {"increase": self.tr("increase"), "hold": self.tr("hold"),
                 "decrease": self.tr("decrease")}
        colours = {"increase": "#009E73", "hold": "#1a1a1a", "decrease": "#D55E00"}
        for adv in self._advices:
            row = QWidget()
            lay = QHBoxLayout(row)
            lay.setContentsMargins(0, 0, 0, 0)
            change = "" if adv.proposed == adv.current else \
                f" → {adv.proposed.text(self.lang)}"
            text = QLabel(
                f"<b>{get_exercise(adv.exercise).display_name(self.lang)}</b>: "
                f"<b style='color:{colours[adv.suggestion]}'>{words[adv.suggestion]}</b> "
                f"({adv.current.text(self.lang)}{change})<br>"
                + "<br>".join("· " + say(r) for r in adv.reasons))
            text.setWordWrap(True)
            lay.addWidget(text, 1)
            if adv.proposed != adv.current:
                btn = QPushButton(self.tr("Accept"))
                btn.setObjectName(f"accept_{adv.exercise}")
                btn.clicked.connect(lambda _=False, a=adv: self.accept_advice(a))
                lay.addWidget(btn, 0, Qt.AlignmentFlag.AlignTop)
            self.advice_layout.addWidget(row)
        self.advice_layout.addStretch(1)

    def accept_advice(self, adv) -> None:
        store, code = self._opened()
        accept(store, code, adv)
        self.refresh()
        self.programme_changed.emit()
        self.message.emit(self.tr("{exercise}: {dose} from now on.").format(
            exercise=get_exercise(adv.exercise).display_name(self.lang),
            dose=adv.proposed.text(self.lang)))
