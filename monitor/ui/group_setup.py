"""Setting up a group with real sensors: who takes part, which sensor each wears and where.

1. Participants: 2-8 patients of the practice, the name shown on their tile (a first name or
   the code), and what they train (their programme's next exercise, or one chosen here).
2. Sensors: a scan on every Bluetooth adapter; the sensors found are connected (spread over
   the adapters, at the rate they carry together: ``BleHub.planned_rate_hz``) and stream
   while they lie on the table. A sensor assigned at an earlier group session comes back
   assigned to the same patient and placement (``Store.assignments``).
3. "Shake or tap the sensor you are holding": the sensor that moves clearly more than every
   other (``monitor.group.SensorPicker``) is picked out of the list, and the therapist says
   who wears it and where.
4. "Start the group": each participant's sensors go to their own live session; sensors found
   but not used are disconnected; the assignment is remembered for the next time.

Everything slow (scanning, connecting) runs on the Bluetooth thread; :meth:`GroupSetup.tick`
(a timer, or a test driving it) picks up what is done.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from devices.ble import CapacityError
from monitor.core.errors import MonitorError
from monitor.core.exercises import catalogue, get_exercise
from monitor.group import MAX_PARTICIPANTS, MIN_PARTICIPANTS, GroupSession, SensorPicker
from monitor.ui import style
from monitor.ui.messages import say_error
from recordings.store import Store

if TYPE_CHECKING:
    from devices.ble import BleHub, FoundSensor, SensorLink

PLACES = ("right_thigh", "right_shank", "left_thigh", "left_shank")
PICKED_BG = QColor("#ffe08a")


class GroupSetup(QWidget):
    """Forms a group session with real sensors; ``formed`` carries it when started."""

    formed = Signal(object)

    def __init__(self, store: Store, hub: BleHub, lang: str = "en", label: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.hub = hub
        self.lang = lang
        self.label = label
        self.setWindowTitle(self.tr("Group session with sensors"))
        self.found: list[FoundSensor] = []         # in table order
        self.links: dict[str, SensorLink] = {}     # address -> its link (connected)
        self.picker = SensorPicker()
        self.picked: str | None = None
        self._scan: Future | None = None
        self._connect: tuple[list[FoundSensor], Future] | None = None
        self._rate_note = ""

        # 1. Participants.
        self.people = QTableWidget(0, 3)
        self.people.setHorizontalHeaderLabels(
            [self.tr("Patient"), self.tr("Name on the tile"), self.tr("Trains")])
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.people.verticalHeader().setVisible(False)
        self.add_btn = QPushButton(self.tr("Add participant"))
        self.add_btn.clicked.connect(lambda: self.add_participant())
        self.remove_btn = QPushButton(self.tr("Remove the last"))
        self.remove_btn.clicked.connect(self.remove_participant)
        people_box = QGroupBox(self.tr("1. Participants (2-8)"))
        pl = QVBoxLayout(people_box)
        pl.addWidget(self.people)
        row = QHBoxLayout()
        row.addWidget(self.add_btn)
        row.addWidget(self.remove_btn)
        row.addStretch(1)
        pl.addLayout(row)

        # 2./3. Sensors.
        self.scan_btn = QPushButton(self.tr("Scan and connect the sensors"))
        self.scan_btn.clicked.connect(self.scan)
        self.sensors = QTableWidget(0, 4)
        self.sensors.setHorizontalHeaderLabels(
            [self.tr("Sensor"), self.tr("Moving"), self.tr("Worn by"), self.tr("Where")])
        head = self.sensors.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.sensors.verticalHeader().setVisible(False)
        self.sensors.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.hint = QLabel(self.tr("Scan, then shake or tap the sensor you are holding: it "
                                   "lights up in the list. Say who wears it and where."))
        self.hint.setWordWrap(True)
        self.hint.setFont(style.font(13, bold=True))
        sensors_box = QGroupBox(self.tr("2. Sensors"))
        sl = QVBoxLayout(sensors_box)
        sl.addWidget(self.scan_btn)
        sl.addWidget(self.hint)
        sl.addWidget(self.sensors)

        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.start_btn = QPushButton(self.tr("Start the group"))
        self.start_btn.setObjectName("start")
        self.start_btn.setFont(style.font(14, bold=True))
        self.start_btn.clicked.connect(self.start)
        lay = QVBoxLayout(self)
        lay.addWidget(people_box, 2)
        lay.addWidget(sensors_box, 3)
        lay.addWidget(self.status)
        lay.addWidget(self.start_btn)

        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self.tick)
        self.resize(900, 720)
        for _ in range(MIN_PARTICIPANTS):
            self.add_participant()

    # -- participants ---------------------------------------------------------------------
    def add_participant(self, code: str | None = None, shown_as: str | None = None,
                        exercise: str | None = None) -> None:
        if self.people.rowCount() >= MAX_PARTICIPANTS:
            self.say(self.tr("A group has at most {n} participants.").format(
                n=MAX_PARTICIPANTS))
            return
        r = self.people.rowCount()
        self.people.insertRow(r)
        who = QComboBox()
        who.addItem(self.tr("(choose a patient)"), None)
        for p in self.store.patients():
            who.addItem(p["code"], p["code"])
        name = QLineEdit()
        name.setPlaceholderText(self.tr("first name or code"))
        trains = QComboBox()
        trains.addItem(self.tr("their programme"), None)
        for ex in catalogue().values():
            trains.addItem(ex.display_name(self.lang), ex.id)
        who.currentIndexChanged.connect(self._participants_changed)
        self.people.setCellWidget(r, 0, who)
        self.people.setCellWidget(r, 1, name)
        self.people.setCellWidget(r, 2, trains)
        if code is not None:
            who.setCurrentIndex(max(0, who.findData(code)))
        if shown_as:
            name.setText(shown_as)
        if exercise is not None:
            trains.setCurrentIndex(max(0, trains.findData(exercise)))
        self._participants_changed()

    def remove_participant(self) -> None:
        if self.people.rowCount() > MIN_PARTICIPANTS:
            self.people.removeRow(self.people.rowCount() - 1)
            self._participants_changed()

    def _item(self, row: int, col: int) -> QTableWidgetItem:
        item = self.sensors.item(row, col)
        assert item is not None
        return item

    def _combo(self, table: QTableWidget, row: int, col: int) -> QComboBox:
        return cast(QComboBox, table.cellWidget(row, col))

    def participants(self) -> list[tuple[str, str, str | None]]:
        """(code, name on the tile, exercise or None for the programme) of each row with a
        patient chosen."""
        out = []
        for r in range(self.people.rowCount()):
            code = self._combo(self.people, r, 0).currentData()
            if code:
                shown = cast(QLineEdit, self.people.cellWidget(r, 1)).text().strip() or code
                out.append((code, shown, self._combo(self.people, r, 2).currentData()))
        return out

    def _participants_changed(self) -> None:
        codes = [c for c, _, _ in self.participants()]
        dropped: list[str] = []
        for r in range(self.sensors.rowCount()):
            box = self._combo(self.sensors, r, 2)
            keep = box.currentData()
            if keep is not None and keep not in codes and keep not in dropped:
                dropped.append(keep)       # no longer in the group: their sensors are free
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("not used"), None)
            for c in codes:
                box.addItem(c, c)
            box.setCurrentIndex(max(0, box.findData(keep)))
            box.blockSignals(False)
            if keep is None:
                # A sensor this patient wore last time: theirs again once they are chosen.
                address = self._item(r, 0).data(Qt.ItemDataRole.UserRole)
                code, placement = self.store.assignments().get(address.upper(), (None, None))
                if code in codes:
                    self.assign(address, code, placement or "right_shank")
        if dropped:
            self.say(self.tr("The sensors of {who} are not used now: give them to someone, or "
                             "leave them unused.").format(who=", ".join(dropped)))

    # -- sensors --------------------------------------------------------------------------
    def scan(self) -> None:
        try:
            adapters = self.hub.use_all_adapters()
        except MonitorError as exc:
            self.say(say_error(exc))
            return
        self.scan_btn.setEnabled(False)
        self.say(self.tr("Scanning with {n} Bluetooth adapter(s)...").format(n=len(adapters)))
        self._scan = self.hub.scan_async(4.0)
        self.timer.start()

    def _scan_done(self) -> None:
        fut, self._scan = self._scan, None
        if fut is None:
            return
        try:
            found = fut.result()
        except MonitorError as exc:
            self.scan_btn.setEnabled(True)
            self.say(say_error(exc))
            return
        found = [f for f in found if f.address not in self.links]
        if not found and not self.links:
            self.scan_btn.setEnabled(True)
            self.say(self.tr("No sensors found: switch them on and bring them closer."))
            return
        total = len(self.links) + len(found)
        rates = {f.family: self.hub.planned_rate_hz(f.family, total) for f in found}
        lowered = sorted({round(r) for r in rates.values() if r is not None})
        text = self.tr("{n} sensors found: connecting...").format(n=len(found))
        self._rate_note = ""
        if lowered:
            self._rate_note = self.tr(
                "{n} sensors on {a} adapter(s): each streams at about {hz} Hz, which "
                "Bluetooth carries without losing samples.").format(
                n=total, a=len(self.hub.adapters or [None]),
                hz="/".join(str(r) for r in lowered))
        self.say(" ".join(t for t in (text, self._rate_note) if t))
        self._connect = (found, self.hub.connect_many_async(
            [(f, self._remembered(f)[1] or "right_shank") for f in found]))

    def _remembered(self, f: FoundSensor) -> tuple[str | None, str | None]:
        return self.store.assignments().get(f.address.upper(), (None, None))

    def _connect_done(self) -> None:
        if self._connect is None:
            return
        (found, fut), self._connect = self._connect, None
        self.scan_btn.setEnabled(True)
        try:
            results = fut.result()
        except MonitorError as exc:
            self.say(say_error(exc))
            return
        problems = []
        full = 0
        codes = [c for c, _, _ in self.participants()]
        for f, res in zip(found, results, strict=True):
            if isinstance(res, CapacityError):
                full += 1                  # said once below, with how many
                continue
            if isinstance(res, MonitorError):
                problems.append(say_error(res))
                continue
            res.start_set()                       # streams from now on (for the picking)
            self.links[f.address] = res
            self.found.append(f)
            self._add_sensor_row(f, codes)
        if full:
            problems.append(self.tr(
                "Bluetooth is full: {n} sensors found could not be connected (sensors per "
                "adapter: {where}). Switch off the sensors nobody will wear and scan again, "
                "or plug in another Bluetooth adapter.").format(
                n=full, where=", ".join(f"{a}: {k}" for a, k in self.hub.load().items())))
        if problems:
            problems = [self.tr("{n} sensors connected.").format(n=len(self.links)),
                        *dict.fromkeys(problems)]
        self.say(" ".join(problems) if problems else " ".join(t for t in (self.tr(
            "{n} sensors connected. Shake or tap the sensor you are holding.").format(
            n=len(self.links)), self._rate_note) if t))

    def _add_sensor_row(self, f: FoundSensor, codes: list[str]) -> None:
        r = self.sensors.rowCount()
        self.sensors.insertRow(r)
        link = self.links[f.address]
        item = QTableWidgetItem(f"{f.name} · {f.address} · {link.rate_hz:g} Hz")
        item.setToolTip(f"{f.name} ({f.family}) {f.address}, {link.adapter or ''}")
        item.setData(Qt.ItemDataRole.UserRole, f.address)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.sensors.setItem(r, 0, item)
        moving = QTableWidgetItem("")
        moving.setFlags(moving.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.sensors.setItem(r, 1, moving)
        who = QComboBox()
        who.addItem(self.tr("not used"), None)
        for c in codes:
            who.addItem(c, c)
        where = QComboBox()
        for place in PLACES:
            where.addItem(self._place_words(place), place)
        where.setCurrentIndex(where.findData("right_shank"))
        code, placement = self._remembered(f)
        if code in codes:                  # worn by the same patient last time
            who.setCurrentIndex(who.findData(code))
            where.setCurrentIndex(max(0, where.findData(placement)))
        self.sensors.setCellWidget(r, 2, who)
        self.sensors.setCellWidget(r, 3, where)
        who.currentIndexChanged.connect(lambda _i, a=f.address: self._worn_by_changed(a))

    def _worn_by_changed(self, address: str) -> None:
        """A sensor given to someone: placed where their exercise is measured, unless they
        have a sensor there already (then on the other segment of that leg)."""
        r = self.row_of(address)
        code = self._combo(self.sensors, r, 2).currentData()
        exercise = next((e for c, _, e in self.participants() if c == code), None)
        if code is None or exercise is None:
            return
        primary = get_exercise(exercise).primary
        taken = {p for a, (c, p) in self.assignment().items() if c == code and a != address}
        place = f"right_{primary}"
        if place in taken:
            place = "right_thigh" if primary == "shank" else "right_shank"
        where = self._combo(self.sensors, r, 3)
        where.setCurrentIndex(max(0, where.findData(place)))

    def _place_words(self, place: str) -> str:
        return {"right_thigh": self.tr("right thigh"), "right_shank": self.tr("right shank"),
                "left_thigh": self.tr("left thigh"), "left_shank": self.tr("left shank")
                }.get(place, place)

    def row_of(self, address: str) -> int:
        for r in range(self.sensors.rowCount()):
            if self._item(r, 0).data(Qt.ItemDataRole.UserRole) == address:
                return r
        raise KeyError(address)

    def assign(self, address: str, code: str | None, placement: str) -> None:
        r = self.row_of(address)
        who, where = self._combo(self.sensors, r, 2), self._combo(self.sensors, r, 3)
        who.setCurrentIndex(max(0, who.findData(code)))
        where.setCurrentIndex(max(0, where.findData(placement)))

    def assignment(self) -> dict[str, tuple[str, str]]:
        """address -> (patient code, placement) of every sensor given to someone."""
        out = {}
        for r in range(self.sensors.rowCount()):
            code = self._combo(self.sensors, r, 2).currentData()
            if code:
                out[self._item(r, 0).data(Qt.ItemDataRole.UserRole)] = (
                    code, self._combo(self.sensors, r, 3).currentData())
        return out

    # -- the timer ------------------------------------------------------------------------
    def tick(self) -> None:
        if self._scan is not None and self._scan.done():
            self._scan_done()
        if self._connect is not None and self._connect[1].done():
            self._connect_done()
        for address, link in self.links.items():
            b = link.drain()
            if b is not None and len(b):
                self.picker.feed(address, b.time_s, b.gyr_rad_s, b.acc_m_s2)
        energies = self.picker.energies()
        top = max(energies.values(), default=0.0)
        for address, e in energies.items():
            self._item(self.row_of(address), 1).setText(
                "●" * min(5, round(5 * e / top)) if top > 0.05 else "")
        picked = self.picker.picked()
        if picked is not None and picked != self.picked:
            self.picked = picked
            r = self.row_of(picked)
            for c in range(2):
                for rr in range(self.sensors.rowCount()):
                    self._item(rr, c).setBackground(
                        PICKED_BG if rr == r else QColor("white"))
            self.sensors.selectRow(r)
            self._combo(self.sensors, r, 2).setFocus()
            self.say(self.tr("Picked: {sensor}. Who wears it, and where?").format(
                sensor=self._item(r, 0).text()))

    def say(self, text: str) -> None:
        self.status.setText(text)

    # -- forming the group ----------------------------------------------------------------
    def start(self) -> GroupSession | None:
        people = self.participants()
        chosen = self.assignment()
        codes = [c for c, _, _ in people]
        problem = None
        if len(people) < MIN_PARTICIPANTS:
            problem = self.tr("Choose at least {n} patients.").format(n=MIN_PARTICIPANTS)
        elif len(set(codes)) < len(codes):
            problem = self.tr("A patient is in the list twice.")
        else:
            without = [c for c in codes if c not in {v[0] for v in chosen.values()}]
            places = list(chosen.values())
            if without:
                problem = self.tr("No sensor for {who} yet: shake a sensor and give it to "
                                  "them.").format(who=", ".join(without))
            elif len(set(places)) < len(places):
                twice = next(v for v in places if places.count(v) > 1)
                problem = self.tr("Two sensors are given to {who} at one place ({where})."
                                  ).format(who=twice[0], where=self._place_words(twice[1]))
            else:
                for code, _, exercise in people:
                    ex = get_exercise(exercise) if exercise else None
                    worn = {p.split("_")[1] for c, p in places if c == code}
                    if ex is not None and not ex.counts_any_movement and \
                            ex.primary not in worn:
                        problem = self.tr("{who} trains {exercise}, which is measured on the "
                                          "lower leg: give them a sensor there.").format(
                            who=code, exercise=ex.display_name(self.lang)) \
                            if ex.primary == "shank" else self.tr(
                            "{who} trains {exercise}, which is measured on the thigh: give "
                            "them a sensor there.").format(
                            who=code, exercise=ex.display_name(self.lang))
                        break
        if problem:
            self.say(problem)
            return None
        try:
            group = GroupSession(self.store, self.label)
            for code, shown, exercise in people:
                group.add(code, shown, exercise)
            own: dict[str, dict] = {}
            for address, (code, placement) in chosen.items():
                link = self.links[address]
                link.placement = placement
                own.setdefault(code, {})[placement] = link
                self.store.remember_assignment(address, code, placement)
            group.connect_ble(own)
        except MonitorError as exc:
            self.say(say_error(exc))
            return None
        self.timer.stop()
        used = [self.links[a] for a in chosen]
        unused = [link for a, link in self.links.items() if a not in chosen]
        if unused:
            self.hub.release(unused)
        hub = self.hub
        group.on_end = lambda: hub.release(used)
        self.links = {}
        self.formed.emit(group)
        self.close()
        return group

    def closeEvent(self, event) -> None:
        self.timer.stop()
        if self.links:                      # closed without starting: let them go
            self.hub.release(list(self.links.values()))
            self.links = {}
        super().closeEvent(event)
