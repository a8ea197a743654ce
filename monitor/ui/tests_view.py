"""The measurement moment: the test battery and the questionnaires, against norms and intake.

Each test shows its protocol and what it needs, is done with the sensors (in the live view,
which counts and times it) or entered by hand (a stopwatch, a goniometer), and its result is
judged against people of the patient's age and sex and against the first measurement. The
questionnaire scores of the moment are entered here too.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
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

from monitor.core.battery import battery_tests, change_text, questionnaire_def
from monitor.core.errors import MonitorError
from monitor.core.messages import Message
from monitor.ui.messages import decimal, say, say_error
from recordings.measurements import battery_table, enter_result, enter_score, known_instruments
from recordings.store import Store

MEANINGFUL = {"improvement": QT_TRANSLATE_NOOP("TestsView", "meaningful improvement"),
              "decline": QT_TRANSLATE_NOOP("TestsView", "meaningful decline"),
              "no_change": QT_TRANSLATE_NOOP("TestsView", "no meaningful change")}
# Where a result lies against its norm (monitor.core.battery.NormJudgement.verdict).
VERDICTS = {"below": QT_TRANSLATE_NOOP("TestsView", "below the normal range"),
            "within": QT_TRANSLATE_NOOP("TestsView", "within the normal range"),
            "above": QT_TRANSLATE_NOOP("TestsView", "above the normal range"),
            "worse_than_average": QT_TRANSLATE_NOOP("TestsView", "worse than average"),
            "average_or_better": QT_TRANSLATE_NOOP("TestsView", "average or better"),
            "above_the_mean": QT_TRANSLATE_NOOP("TestsView", "slower than the mean"),
            "at_or_below_the_mean": QT_TRANSLATE_NOOP("TestsView", "at or faster than the mean"),
            "enough": QT_TRANSLATE_NOOP("TestsView", "enough"),
            "not_enough": QT_TRANSLATE_NOOP("TestsView", "not enough")}
# The words of a norm's band and group, in Dutch.
NORM_WORDS_NL = (("at most", "hoogstens"), ("at least", "minstens"), ("mean", "gemiddeld"),
                 ("stands", "keer"), ("women", "vrouwen"), ("men", "mannen"),
                 ("age", "leeftijd"), ("everyone", "iedereen"))


def verdict_words(verdict: str) -> str:
    return QCoreApplication.translate("TestsView", str(VERDICTS.get(verdict, verdict)))


def change_words(meaningful: str | None) -> str:
    if meaningful is None:
        return QCoreApplication.translate("TestsView", "no threshold known")
    return QCoreApplication.translate("TestsView", str(MEANINGFUL[meaningful]))


def norm_text(norm: dict, lang: str) -> str:
    """A norm's band and group in the interface's language."""
    band, group = norm["band"], norm["group"]
    if lang == "nl":
        for en, nl in NORM_WORDS_NL:
            band = band.replace(en, nl)
            group = group.replace(en, nl)
        band = re.sub(r"(?<=\d)\.(?=\d)", ",", band)
    return f"{band} ({group}, {norm['source']})"


class TestsView(QWidget):
    """The battery of one measurement moment (the session open in the live view)."""

    run_requested = Signal(str)          # a test's id: do it with the sensors
    message = Signal(str)
    changed = Signal()                   # a result or score was saved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.patient: str | None = None
        self.session_id: int | None = None
        self.lang = "en"
        self.heading = QLabel("")
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("test"), self.tr("result"),
                                              self.tr("norm"), self.tr("since intake")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Rows as high as their wrapped text at the columns' width of the moment (a norm
        # and its verdict were cut to "onder het normale ..." when the window was laid out).
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.itemSelectionChanged.connect(self._show_protocol)
        self.protocol = QLabel("")
        self.protocol.setWordWrap(True)
        self.protocol.setTextFormat(Qt.TextFormat.RichText)
        self.run_btn = QPushButton(self.tr("Do it with the sensors"))
        self.run_btn.clicked.connect(self._run)
        self.value = QDoubleSpinBox()
        self.value.setRange(-30, 3600)
        self.value.setDecimals(1)
        self.side = QComboBox()
        self.side.addItem(self.tr("left leg"), "left")
        self.side.addItem(self.tr("right leg"), "right")
        self.enter_btn = QPushButton(self.tr("Save the result entered"))
        self.enter_btn.clicked.connect(self._enter)
        proto = QGroupBox(self.tr("Protocol"))
        pl = QVBoxLayout(proto)
        pl.addWidget(self.protocol, 1)
        pl.addWidget(self.run_btn)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("by hand:")))
        row.addWidget(self.value)
        row.addWidget(self.side)
        row.addWidget(self.enter_btn)
        pl.addLayout(row)

        # Questionnaires of this moment.
        self.nprs_now, self.nprs_worst = QSpinBox(), QSpinBox()
        for box in (self.nprs_now, self.nprs_worst):
            box.setRange(-1, 10)
            box.setSpecialValueText("—")
            box.setValue(-1)
        self.subscales: dict[str, QSpinBox] = {}
        self.scores_form = QFormLayout()
        self.scores_form.addRow(self.tr("Pain now (0-10)"), self.nprs_now)
        self.scores_form.addRow(self.tr("Worst pain last week (0-10)"), self.nprs_worst)
        self.psfs_box = QVBoxLayout()
        self.psfs_new = QLineEdit()
        self.psfs_new.setPlaceholderText(self.tr("an activity the patient finds hard, e.g. "
                                                 "cycling"))
        self.psfs_add = QPushButton(self.tr("Add activity"))
        self.psfs_add.clicked.connect(self._add_activity)
        self.save_scores = QPushButton(self.tr("Save the scores"))
        self.save_scores.clicked.connect(self._save_scores)
        q = QGroupBox(self.tr("Questionnaires"))
        ql = QVBoxLayout(q)
        ql.addLayout(self.scores_form)
        psfs_title = QLabel("<b>" + self.tr("Patient-Specific Functional Scale (0 = unable, "
                                            "10 = as before)") + "</b>")
        psfs_title.setWordWrap(True)
        ql.addWidget(psfs_title)
        ql.addLayout(self.psfs_box)
        add = QHBoxLayout()
        add.addWidget(self.psfs_new, 1)
        add.addWidget(self.psfs_add)
        ql.addLayout(add)
        ql.addWidget(self.save_scores)
        self._psfs_spins: dict[int, QSpinBox] = {}

        # The battery across the whole width; the protocol and the questionnaires below.
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.addWidget(self.heading)
        lay.addWidget(self.table, 1)
        below = QHBoxLayout()
        below.addWidget(proto, 1)
        below.addWidget(q, 1)
        lay.addLayout(below)
        self.table.setMinimumHeight(230)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._ids = [t["id"] for t in battery_tests()]
        self.setEnabled(False)

    def set_session(self, store: Store, patient: str, session_id: int, label: str | None,
                    lang: str = "en") -> None:
        self.store, self.patient, self.session_id, self.lang = (store, patient, session_id,
                                                                lang)
        self.label = label
        self.setEnabled(True)
        self._psfs_spins = {}                # nothing typed for another moment carries over
        joint = (store.patient(patient) or {}).get("joint")
        for _name, box in list(self.subscales.items()):
            self.scores_form.removeRow(box)
        self.subscales = {}
        for q in known_instruments(joint):
            if q.startswith(("koos", "hoos")):
                box = QSpinBox()
                box.setRange(-1, 100)
                box.setSpecialValueText("—")
                box.setValue(-1)
                self.subscales[q] = box
                self.scores_form.addRow(questionnaire_def(q)["name"][self._l()] + " (0-100)",
                                        box)
        self.refresh()
        if self.table.rowCount():
            self.table.selectRow(0)

    def _l(self) -> str:
        return "nl" if self.lang == "nl" else "en"

    def refresh(self) -> None:
        if self.store is None or self.patient is None:
            return
        p = self.store.patient(self.patient) or {}
        moment = QCoreApplication.translate("MainWindow", self.label) if self.label else \
            self.tr("training visit")
        who = []
        if p.get("birth_year"):
            who.append(self.tr("born {y}").format(y=p["birth_year"]))
        if p.get("sex"):
            who.append({"f": self.tr("female"), "m": self.tr("male")}.get(p["sex"],
                                                                        self.tr("other")))
        self.heading.setText("<b>" + self.tr("Measurement moment: {m}").format(m=moment)
                             + "</b> · " + (", ".join(who) if who else self.tr(
                                 "year of birth and sex not recorded: no norms")))
        table = battery_table(self.store, self.patient, self._l())
        row = next((r for r in table if r["session"] == self.session_id), None)
        self.table.setRowCount(len(self._ids))
        for i, test_id in enumerate(self._ids):
            t = next(t for t in battery_tests() if t["id"] == test_id)
            cells = [t["name"][self._l()], "", "", ""]
            if row is not None:
                found = [(name, j) for name, j in row["tests"].items()
                         if name.split(":")[0] == test_id]
                if found:
                    cells[1] = "; ".join(
                        decimal(j["text"]) if ":" not in name else
                        f"{self._side(name.split(':')[1])} {j['text']}" for name, j in found)
                    if any(j.get("source") == "manual" for _n, j in found):
                        cells[1] += " " + self.tr("(entered)")
                    def side(name: str) -> str:
                        return "" if ":" not in name else self._side(name.split(":")[1]) + ": "

                    cells[2] = "; ".join(side(n) + self._norm_words(j) for n, j in found)
                    cells[3] = "; ".join(side(n) + self._change_words(test_id, j)
                                         for n, j in found if j.get("change"))
                if test_id == "knee_rom_test" and "knee_rom_lsi" in row["tests"]:
                    cells[1] += " · " + self.tr("symmetry {p}").format(
                        p=row["tests"]["knee_rom_lsi"]["text"])
            for j, c in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(c))
        self.table.resizeRowsToContents()
        self._show_scores(row)

    def _side(self, side: str) -> str:
        return {"left": self.tr("left"), "right": self.tr("right")}.get(side, side)

    def _norm_words(self, j: dict) -> str:
        if j.get("norm"):
            n = j["norm"]
            text = f"{norm_text(n, self._l())}: {verdict_words(n['verdict'])}"
        else:
            text = say(Message(j["no_norm_message"]["template"],
                              **j["no_norm_message"]["params"])) if j.get("no_norm_message") \
                else ""
        if j.get("cutoff") and j["cutoff"]["reached"]:
            text += " · " + j["cutoff"]["text"][self._l()]
        return text

    def _change_words(self, test_id: str, j: dict) -> str:
        c = j["change"]
        return (f"{change_text(test_id, c['delta'], self._l())} · "
                f"{change_words(c['meaningful'])}")

    def _show_protocol(self) -> None:
        i = self.table.currentRow()
        if not 0 <= i < len(self._ids):
            return
        t = next(t for t in battery_tests() if t["id"] == self._ids[i])
        lang = self._l()
        self.protocol.setText(f"<b>{t['name'][lang]}</b><br>{t['protocol'][lang]}<br><i>"
                              + self.tr("Sensors: {what}.").format(what=t["sensors"][lang])
                              + "</i>")
        self.side.setVisible(bool(t.get("both_legs")))
        unit = {"count": self.tr("stands"), "time_s": "s", "flexion_deg": "°"}[t["result"]]
        self.value.setSuffix(" " + unit)
        self.value.setDecimals(0 if t["result"] == "count" else 1)
        self.value.setValue(0)                # nothing of another test carried over

    def _opened(self) -> tuple[Store, str, int]:
        """The store, patient and measurement moment shown (set_session)."""
        if self.store is None or self.patient is None or self.session_id is None:
            raise RuntimeError("no measurement moment opened")
        return self.store, self.patient, self.session_id

    def _selected(self) -> str | None:
        i = self.table.currentRow()
        return self._ids[i] if 0 <= i < len(self._ids) else None

    def _run(self) -> None:
        test = self._selected()
        if test is not None:
            self.run_requested.emit(test)

    def _enter(self) -> None:
        test = self._selected()
        if test is None or self.session_id is None:
            return
        try:
            store, code, session = self._opened()
            enter_result(store, code, session, test, float(self.value.value()),
                         side=self.side.currentData())
        except MonitorError as exc:
            self.message.emit(say_error(exc))
            return
        self.refresh()
        self.changed.emit()
        self.message.emit(self.tr("Result saved with this measurement moment."))

    # -- questionnaires ---------------------------------------------------------------------
    def _show_scores(self, row: dict | None) -> None:
        have = (row or {}).get("questionnaires", {})
        for box, key in ((self.nprs_now, "nprs_now"), (self.nprs_worst, "nprs_worst_week")):
            box.setValue(int(have[key]["value"]) if key in have else -1)
        for key, box in self.subscales.items():
            box.setValue(int(have[key]["value"]) if key in have else -1)
        self._show_activities()

    def _show_activities(self) -> None:
        """The PSFS activities with their scores (stored, or typed and not saved yet)."""
        store, code, session = self._opened()
        typed = {item: spin.value() for item, spin in self._psfs_spins.items()
                 if spin.value() >= 0}
        while self.psfs_box.count():
            item = self.psfs_box.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()
        self._psfs_spins = {}
        scores = {s["item"]: s["value"] for s in store.scores(code, session)
                  if s["instrument"] == "psfs"}
        scores.update(typed)
        for a in store.psfs_activities(code):
            w = QWidget()
            lay = QHBoxLayout(w)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(QLabel(a["text"]), 1)
            spin = QSpinBox()
            spin.setRange(-1, 10)
            spin.setSpecialValueText("—")
            spin.setValue(int(scores[a["id"]]) if a["id"] in scores else -1)
            lay.addWidget(spin)
            self.psfs_box.addWidget(w)
            self._psfs_spins[a["id"]] = spin

    def _add_activity(self) -> None:
        store, code, _session = self._opened()
        text = self.psfs_new.text().strip()
        if text:
            store.add_psfs_activity(code, text)
            self.psfs_new.clear()
            self._show_activities()         # what was typed in the other fields stays

    def _save_scores(self) -> None:
        store, code, session = self._opened()
        try:
            for box, key in ((self.nprs_now, "nprs_now"), (self.nprs_worst, "nprs_worst_week")):
                if box.value() >= 0:
                    enter_score(store, code, session, key, box.value())
            for key, box in self.subscales.items():
                if box.value() >= 0:
                    enter_score(store, code, session, key, box.value())
            for item, spin in self._psfs_spins.items():
                if spin.value() >= 0:
                    enter_score(store, code, session, "psfs", spin.value(), item=item)
        except MonitorError as exc:
            self.message.emit(say_error(exc))
            return
        self.refresh()
        self.changed.emit()
        self.message.emit(self.tr("Scores saved with this measurement moment."))
