"""The session store: one SQLite database holding patients, sessions, sets, repetitions,
calibrations and the raw samples of every sensor.

- Crash safety: WAL journal with synchronous=FULL; the recorder commits raw sample chunks at
  least every 0.5 s, so a killed process or a power cut loses at most that.
- The schema is versioned (``PRAGMA user_version``) and migrated forward on open; the file
  carries the product's ``application_id`` so a foreign SQLite file is recognised and never
  touched. A file that is not SQLite at all is refused with a clear message.
- The database file is readable by the user only (mode 0600).

Raw samples are stored per sensor in chunks: time as float64 (seconds, session clock),
acc/gyr (and mag) as float32, optional sensor counter and host arrival time as float64.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from monitor.core.errors import MonitorError
from monitor.core.messages import Message
from monitor.core.samples import ImuBatch

APPLICATION_ID = 0x4C494D55            # "LIMU"
SCHEMA_VERSION = 4
SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(MonitorError):
    """The session database cannot be used (with a message saying why and what to do)."""


class StoreFullError(StoreError):
    """The disk (or the database's size limit) is full: recording stopped, data kept."""


def default_db_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "legimu-monitor" / "monitor.db"


# Each migration takes the database from version i to i + 1.
MIGRATIONS: list[str] = [
    # 0 -> 1: the first schema.
    """
    CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT,
        created_at REAL NOT NULL
    );
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        started_at REAL NOT NULL,
        label TEXT,
        notes TEXT
    );
    CREATE TABLE sets (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        exercise TEXT,
        started_at REAL NOT NULL,
        ended_at REAL,
        targets TEXT,
        sensors TEXT,
        calibration TEXT,
        summary TEXT,
        notes TEXT
    );
    CREATE TABLE reps (
        id INTEGER PRIMARY KEY,
        set_id INTEGER NOT NULL REFERENCES sets(id),
        idx INTEGER NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE chunks (
        id INTEGER PRIMARY KEY,
        set_id INTEGER NOT NULL REFERENCES sets(id),
        sensor TEXT NOT NULL,
        t0 REAL NOT NULL,
        n INTEGER NOT NULL,
        time BLOB NOT NULL,
        imu BLOB NOT NULL,
        mag BLOB,
        counter BLOB,
        arrival BLOB
    );
    CREATE INDEX chunks_by_set ON chunks(set_id, sensor, t0);
    CREATE INDEX reps_by_set ON reps(set_id, idx);
    CREATE INDEX sessions_by_patient ON sessions(patient_id, started_at);
    """,
    # 1 -> 2: calibrations, and which algorithm version produced the repetitions.
    """
    CREATE TABLE calibrations (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        placement TEXT NOT NULL,
        sensor TEXT NOT NULL,
        created_at REAL NOT NULL,
        quality REAL,
        data TEXT NOT NULL
    );
    ALTER TABLE reps ADD COLUMN algorithm TEXT NOT NULL DEFAULT 'unknown';
    ALTER TABLE sets ADD COLUMN placements TEXT;
    CREATE INDEX calibrations_by_patient ON calibrations(patient_id, placement, created_at);
    """,
    # 2 -> 3: the treatment record (patient details, goals, the programme with every change
    # dated, pain, effort and what each set was prescribed), and one session per
    # measurement moment (sessions of a patient that share a label are merged into the
    # first; their sets move with them).
    """
    ALTER TABLE patients ADD COLUMN joint TEXT;
    ALTER TABLE patients ADD COLUMN side TEXT;
    ALTER TABLE patients ADD COLUMN birth_year INTEGER;
    ALTER TABLE patients ADD COLUMN sex TEXT;
    ALTER TABLE patients ADD COLUMN intake_date TEXT;
    ALTER TABLE patients ADD COLUMN notes TEXT;
    ALTER TABLE sessions ADD COLUMN adherence TEXT;
    ALTER TABLE sets ADD COLUMN effort INTEGER;
    ALTER TABLE sets ADD COLUMN prescription TEXT;
    ALTER TABLE sets ADD COLUMN status TEXT NOT NULL DEFAULT 'done';
    CREATE TABLE goals (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        created_at REAL NOT NULL,
        text TEXT NOT NULL,
        measure TEXT,
        op TEXT,
        target REAL,
        removed_at REAL
    );
    CREATE TABLE programme (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        exercise TEXT NOT NULL,
        position INTEGER NOT NULL,
        dose TEXT NOT NULL,
        valid_from REAL NOT NULL,
        valid_to REAL,
        reason TEXT
    );
    CREATE TABLE pain (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        session_id INTEGER REFERENCES sessions(id),
        exercise TEXT,
        kind TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
        recorded_at REAL NOT NULL
    );
    CREATE INDEX goals_by_patient ON goals(patient_id);
    CREATE INDEX programme_by_patient ON programme(patient_id, valid_to, position);
    CREATE INDEX pain_by_patient ON pain(patient_id, recorded_at);
    UPDATE sessions SET label = NULL WHERE trim(label) = '';
    UPDATE sets SET session_id = (
        SELECT min(o.id) FROM sessions o JOIN sessions s ON s.id = sets.session_id
        WHERE o.patient_id = s.patient_id AND lower(trim(o.label)) = lower(trim(s.label)))
        WHERE session_id IN (SELECT id FROM sessions WHERE label IS NOT NULL);
    DELETE FROM sessions WHERE label IS NOT NULL AND EXISTS (
        SELECT 1 FROM sessions o WHERE o.patient_id = sessions.patient_id
        AND lower(trim(o.label)) = lower(trim(sessions.label)) AND o.id < sessions.id);
    CREATE UNIQUE INDEX one_session_per_moment ON sessions(patient_id, lower(trim(label)))
        WHERE label IS NOT NULL
    """,
    # 3 -> 4: the measurement battery: test results (from a recorded set, or entered by
    # hand), questionnaire scores, and the activities of the Patient-Specific Functional
    # Scale named at the intake.
    """
    CREATE TABLE test_results (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        test TEXT NOT NULL,
        side TEXT,
        value REAL,
        data TEXT NOT NULL,
        set_id INTEGER REFERENCES sets(id),
        source TEXT NOT NULL,
        recorded_at REAL NOT NULL,
        replaced_at REAL
    );
    CREATE TABLE questionnaires (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        instrument TEXT NOT NULL,
        item INTEGER,
        value REAL NOT NULL,
        recorded_at REAL NOT NULL,
        replaced_at REAL
    );
    CREATE TABLE psfs_activities (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        text TEXT NOT NULL,
        created_at REAL NOT NULL,
        removed_at REAL
    );
    CREATE INDEX test_results_by_session ON test_results(session_id, test);
    CREATE INDEX questionnaires_by_session ON questionnaires(session_id, instrument)
    """,
]
assert len(MIGRATIONS) == SCHEMA_VERSION


@dataclass
class SessionInfo:
    id: int
    patient: str
    started_at: float
    label: str | None
    exercise: str | None
    duration_s: float
    rep_count: int

    def to_json(self) -> dict:
        return {"id": self.id, "patient": self.patient,
                "started_at": time.strftime("%Y-%m-%dT%H:%M:%S",
                                            time.localtime(self.started_at)),
                "label": self.label, "exercise": self.exercise,
                "duration_s": round(self.duration_s, 3), "rep_count": self.rep_count}


def _check_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, before SQLite touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head != SQLITE_MAGIC:
        raise StoreError(Message("{path} is not a session database (not an SQLite file); it "
                                 "was not changed. Choose another file with --db.", path=path))


class Store:
    """Open (creating or migrating) a session database."""

    def __init__(self, path: str | os.PathLike, max_size_bytes: int | None = None) -> None:
        self.path = Path(path)
        _check_file(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new = not self.path.exists()
            if new:
                fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
            self.db = sqlite3.connect(self.path, check_same_thread=False, timeout=10.0,
                                      isolation_level=None)
        except OSError as exc:
            raise StoreError(Message("cannot create the session database {path}: {detail}",
                                     path=self.path, detail=exc.strerror)) from exc
        self.lock = threading.RLock()
        try:
            self._prepare(max_size_bytes)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(Message("{path} cannot be opened as a session database "
                                     "({detail}); it was not changed", path=self.path,
                                     detail=exc)) from exc

    def _prepare(self, max_size_bytes: int | None) -> None:
        db = self.db
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables > 0 and version == 0):
            raise sqlite3.DatabaseError("an SQLite database of another program")
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"written by a newer version (schema {version})")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        if max_size_bytes is not None:
            page = db.execute("PRAGMA page_size").fetchone()[0]
            db.execute(f"PRAGMA max_page_count={max(1, max_size_bytes // page)}")
        for v in range(version, SCHEMA_VERSION):
            db.execute("BEGIN IMMEDIATE")
            for stmt in _statements(MIGRATIONS[v]):
                db.execute(stmt)
            db.execute(f"PRAGMA user_version={v + 1}")
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db.execute("COMMIT")
        os.chmod(self.path, 0o600)

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # -- writing ---------------------------------------------------------------------------
    def _write(self, sql: str, params: tuple = ()) -> int:
        with self.lock:
            try:
                cur = self.db.execute(sql, params)
            except sqlite3.OperationalError as exc:
                raise _translate(exc, self.path) from exc
            return cur.lastrowid

    def patient_id(self, code: str, create: bool = True) -> int:
        row = self.db.execute("SELECT id FROM patients WHERE code=?", (code,)).fetchone()
        if row:
            return row[0]
        if not create:
            raise StoreError(f"no patient with code {code!r}")
        return self._write("INSERT INTO patients(code, created_at) VALUES (?, ?)",
                           (code, time.time()))

    def new_session(self, patient_code: str, label: str | None = None,
                    started_at: float | None = None) -> int:
        """The session of this measurement moment, created the first time.

        One moment, one session, however often it is opened: a label (``intake``,
        ``week 6``; compared without case and surrounding spaces) names the same session
        every time; without a label, the visits of one day share a session.
        """
        label = normalize_label(label)
        now = started_at or time.time()
        pid = self.patient_id(patient_code)
        with self.lock:
            if label is not None:
                row = self.db.execute(
                    "SELECT id FROM sessions WHERE patient_id=? AND label IS NOT NULL AND "
                    "lower(trim(label))=lower(?) ORDER BY id LIMIT 1", (pid, label)).fetchone()
            else:
                day = time.strftime("%Y-%m-%d", time.localtime(now))
                row = next((r for r in self.db.execute(
                    "SELECT id, started_at FROM sessions WHERE patient_id=? AND label IS NULL "
                    "ORDER BY id DESC", (pid,)).fetchall()
                    if time.strftime("%Y-%m-%d", time.localtime(r[1])) == day), None)
            if row is not None:
                return row[0]
            try:
                return self._write("INSERT INTO sessions(patient_id, started_at, label) "
                                   "VALUES (?,?,?)", (pid, now, label))
            except sqlite3.IntegrityError:      # another workstation opened it just now
                return self.new_session(patient_code, label, started_at)

    def new_set(self, session_id: int, exercise: str | None, placements: dict[str, str],
                targets: dict | None = None, sensors: dict | None = None,
                calibration: dict | None = None, started_at: float | None = None,
                prescription: dict | None = None) -> int:
        """``prescription``: what the programme asked of this set (dose, which set of how
        many, the programme item), for adherence and the progression advice."""
        return self._write(
            "INSERT INTO sets(session_id, exercise, started_at, placements, targets, sensors, "
            "calibration, prescription) VALUES (?,?,?,?,?,?,?,?)",
            (session_id, exercise, started_at or time.time(), json.dumps(placements),
             json.dumps(targets or {}), json.dumps(sensors or {}),
             json.dumps(calibration or {}),
             None if prescription is None else json.dumps(prescription)))

    def add_chunk(self, set_id: int, sensor: str, batch: ImuBatch,
                  arrival_s: np.ndarray | None = None) -> None:
        self.add_chunks([(set_id, sensor, batch, arrival_s)])

    def add_chunks(self, items: list[tuple[int, str, ImuBatch, np.ndarray | None]]) -> None:
        """Insert raw sample chunks in one transaction (one commit)."""
        rows = []
        for set_id, sensor, b, arrival in items:
            imu = np.hstack([b.acc_m_s2, b.gyr_rad_s]).astype("<f4")
            rows.append((set_id, sensor, float(b.time_s[0]), len(b),
                         np.asarray(b.time_s, "<f8").tobytes(), imu.tobytes(),
                         None if b.mag_ut is None else b.mag_ut.astype("<f4").tobytes(),
                         None if b.counter is None else np.asarray(b.counter, "<f8").tobytes(),
                         None if arrival is None else np.asarray(arrival, "<f8").tobytes()))
        with self.lock:
            try:
                self.db.execute("BEGIN")
                self.db.executemany(
                    "INSERT INTO chunks(set_id, sensor, t0, n, time, imu, mag, counter, "
                    "arrival) VALUES (?,?,?,?,?,?,?,?,?)", rows)
                self.db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise _translate(exc, self.path) from exc

    def add_rep(self, set_id: int, rep: dict, algorithm: str) -> None:
        self._write("INSERT INTO reps(set_id, idx, data, algorithm) VALUES (?,?,?,?)",
                    (set_id, rep["index"], json.dumps(rep), algorithm))

    def finish_set(self, set_id: int, summary: dict, ended_at: float | None = None) -> None:
        self._write("UPDATE sets SET ended_at=?, summary=? WHERE id=?",
                    (ended_at or time.time(), json.dumps(summary), set_id))

    def set_note(self, set_id: int, note: str) -> None:
        self._write("UPDATE sets SET notes=? WHERE id=?", (note, set_id))

    def save_calibration(self, patient_code: str, placement: str, sensor: str,
                         data: dict, quality: float) -> int:
        pid = self.patient_id(patient_code)
        return self._write("INSERT INTO calibrations(patient_id, placement, sensor, "
                           "created_at, quality, data) VALUES (?,?,?,?,?,?)",
                           (pid, placement, sensor, time.time(), quality, json.dumps(data)))

    def latest_calibration(self, patient_code: str, placement: str, sensor: str
                           ) -> dict | None:
        row = self.db.execute(
            "SELECT c.data FROM calibrations c JOIN patients p ON p.id=c.patient_id "
            "WHERE p.code=? AND c.placement=? AND c.sensor=? ORDER BY c.created_at DESC, "
            "c.id DESC LIMIT 1", (patient_code, placement, sensor)).fetchone()
        return json.loads(row[0]) if row else None

    # -- reading ---------------------------------------------------------------------------
    def sessions(self, patient_code: str | None = None) -> list[SessionInfo]:
        sql = ("SELECT s.id, p.code, s.started_at, s.label, "
               " (SELECT group_concat(DISTINCT exercise) FROM sets WHERE session_id=s.id "
               "   AND status <> 'empty'), "
               " (SELECT max(c.t0) - min(c.t0) FROM chunks c JOIN sets t ON t.id=c.set_id "
               "   WHERE t.session_id=s.id), "
               " (SELECT count(*) FROM reps r JOIN sets t ON t.id=r.set_id "
               "   WHERE t.session_id=s.id) "
               "FROM sessions s JOIN patients p ON p.id=s.patient_id ")
        params: tuple = ()
        if patient_code is not None:
            sql += "WHERE p.code=? "
            params = (patient_code,)
        sql += "ORDER BY s.started_at, s.id"
        return [SessionInfo(r[0], r[1], r[2], r[3], r[4], self._session_duration(r[0]), r[6])
                for r in self.db.execute(sql, params).fetchall()]

    def _session_duration(self, session_id: int) -> float:
        total = 0.0
        for (set_id,) in self.db.execute("SELECT id FROM sets WHERE session_id=?",
                                         (session_id,)).fetchall():
            total += self.set_duration(set_id)
        return total

    def set_duration(self, set_id: int) -> float:
        row = self.db.execute("SELECT min(t0) FROM chunks WHERE set_id=?", (set_id,)).fetchone()
        if row[0] is None:
            return 0.0
        last = self.db.execute("SELECT time FROM chunks WHERE set_id=? ORDER BY t0 DESC "
                               "LIMIT 1", (set_id,)).fetchone()[0]
        return float(np.frombuffer(last, "<f8")[-1] - row[0])

    def sets(self, session_id: int, include_empty: bool = False) -> list[dict]:
        """The session's sets in the order they were done. A set stopped before its first
        repetition (status ``empty``) is left out unless asked for: it is kept, not shown."""
        rows = self.db.execute(
            "SELECT id, exercise, started_at, ended_at, placements, targets, summary, notes, "
            "effort, prescription, status FROM sets WHERE session_id=? ORDER BY id",
            (session_id,)).fetchall()
        return [{"id": r[0], "exercise": r[1], "started_at": r[2], "ended_at": r[3],
                 "placements": json.loads(r[4] or "{}"), "targets": json.loads(r[5] or "{}"),
                 "summary": json.loads(r[6]) if r[6] else None, "notes": r[7],
                 "effort": r[8], "prescription": json.loads(r[9]) if r[9] else None,
                 "status": r[10]}
                for r in rows if include_empty or r[10] != "empty"]

    def reps(self, set_id: int, algorithm: str | None = None) -> list[dict]:
        sql = "SELECT data FROM reps WHERE set_id=?"
        params: tuple = (set_id,)
        if algorithm is not None:
            sql += " AND algorithm=?"
            params = (set_id, algorithm)
        return [json.loads(r[0]) for r in self.db.execute(sql + " ORDER BY idx, id", params)]

    def iter_chunks(self, set_id: int) -> Iterator[tuple[str, ImuBatch]]:
        """Raw sample chunks of a set in the order they were stored."""
        for sensor, n, tb, imu, mag, counter in self.db.execute(
                "SELECT sensor, n, time, imu, mag, counter FROM chunks WHERE set_id=? "
                "ORDER BY id", (set_id,)):
            t = np.frombuffer(tb, "<f8").astype(np.float64)
            v = np.frombuffer(imu, "<f4").reshape(n, 6).astype(np.float64)
            yield sensor, ImuBatch(t, np.ascontiguousarray(v[:, :3]),
                                   np.ascontiguousarray(v[:, 3:]),
                                   None if mag is None else np.frombuffer(mag, "<f4").reshape(
                                       n, 3).astype(np.float64),
                                   None if counter is None else np.frombuffer(counter, "<f8"))

    def set_samples(self, set_id: int) -> dict[str, ImuBatch]:
        per: dict[str, list[ImuBatch]] = {}
        for sensor, b in self.iter_chunks(set_id):
            per.setdefault(sensor, []).append(b)
        return {k: ImuBatch.concat(v) for k, v in per.items()}

    # -- the treatment record --------------------------------------------------------------
    PATIENT_FIELDS = ("joint", "side", "birth_year", "sex", "intake_date", "notes")

    def save_patient(self, code: str, **fields: object) -> int:
        """Create the patient, or update the given fields (``None`` leaves a field as is)."""
        unknown = set(fields) - set(self.PATIENT_FIELDS)
        if unknown:
            raise ValueError(f"unknown patient fields {sorted(unknown)}")
        pid = self.patient_id(code)
        given = {k: v for k, v in fields.items() if v is not None}
        if given:
            cols = ", ".join(f"{k}=?" for k in given)
            self._write(f"UPDATE patients SET {cols} WHERE id=?", (*given.values(), pid))
        return pid

    def patient(self, code: str) -> dict | None:
        row = self.db.execute(
            "SELECT code, created_at, joint, side, birth_year, sex, intake_date, notes "
            "FROM patients WHERE code=?", (code,)).fetchone()
        if row is None:
            return None
        return dict(zip(("code", "created_at", *self.PATIENT_FIELDS), row, strict=True))

    def patients(self, search: str | None = None) -> list[dict]:
        """Every patient (code order), with the number of sessions and the last visit."""
        sql = ("SELECT p.code, p.joint, p.side, p.birth_year, p.sex, p.intake_date, "
               " (SELECT count(*) FROM sessions s WHERE s.patient_id=p.id), "
               " (SELECT max(started_at) FROM sessions s WHERE s.patient_id=p.id) "
               "FROM patients p ")
        params: tuple = ()
        if search:
            sql += "WHERE p.code LIKE ? ESCAPE '\\' "
            params = ("%" + search.replace("\\", "\\\\").replace("%", "\\%")
                      .replace("_", "\\_") + "%",)
        return [{"code": r[0], "joint": r[1], "side": r[2], "birth_year": r[3], "sex": r[4],
                 "intake_date": r[5], "sessions": r[6], "last_visit": r[7]}
                for r in self.db.execute(sql + "ORDER BY p.code", params).fetchall()]

    def add_goal(self, code: str, text: str, measure: str | None = None,
                 op: str | None = None, target: float | None = None,
                 created_at: float | None = None) -> int:
        pid = self.patient_id(code)
        return self._write("INSERT INTO goals(patient_id, created_at, text, measure, op, "
                           "target) VALUES (?,?,?,?,?,?)",
                           (pid, created_at or time.time(), text, measure, op, target))

    def remove_goal(self, goal_id: int, when: float | None = None) -> None:
        self._write("UPDATE goals SET removed_at=? WHERE id=?", (when or time.time(), goal_id))

    def goals(self, code: str) -> list[dict]:
        return [{"id": r[0], "created_at": r[1], "text": r[2], "measure": r[3], "op": r[4],
                 "target": r[5]} for r in self.db.execute(
            "SELECT g.id, g.created_at, g.text, g.measure, g.op, g.target FROM goals g "
            "JOIN patients p ON p.id=g.patient_id WHERE p.code=? AND g.removed_at IS NULL "
            "ORDER BY g.id", (code,)).fetchall()]

    def programme(self, code: str, at: float | None = None) -> list[dict]:
        """The patient's programme (now, or as it was at epoch time ``at``), in order."""
        if at is None:
            cond, params = "r.valid_to IS NULL", (code,)
        else:
            cond = "r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to > ?)"
            params = (code, at, at)
        return [{"id": r[0], "exercise": r[1], "position": r[2], "dose": json.loads(r[3]),
                 "valid_from": r[4], "reason": r[5]} for r in self.db.execute(
            "SELECT r.id, r.exercise, r.position, r.dose, r.valid_from, r.reason "
            "FROM programme r JOIN patients p ON p.id=r.patient_id "
            f"WHERE p.code=? AND {cond} ORDER BY r.position, r.id", params).fetchall()]

    def programme_history(self, code: str) -> list[dict]:
        """Every version of every programme item (when it held, what it prescribed, why)."""
        return [{"id": r[0], "exercise": r[1], "position": r[2], "dose": json.loads(r[3]),
                 "valid_from": r[4], "valid_to": r[5], "reason": r[6]}
                for r in self.db.execute(
            "SELECT r.id, r.exercise, r.position, r.dose, r.valid_from, r.valid_to, r.reason "
            "FROM programme r JOIN patients p ON p.id=r.patient_id WHERE p.code=? "
            "ORDER BY r.valid_from, r.id", (code,)).fetchall()]

    def set_programme_item(self, code: str, exercise: str, dose: dict,
                           position: int | None = None, reason: str | None = None,
                           when: float | None = None) -> int:
        """Add the exercise to the programme or change its dose; the old version is kept
        with the date it ended. Nothing is written when nothing changed."""
        when = when or time.time()
        pid = self.patient_id(code)
        with self.lock:
            row = self.db.execute(
                "SELECT id, position, dose FROM programme WHERE patient_id=? AND exercise=? "
                "AND valid_to IS NULL", (pid, exercise)).fetchone()
            if row is not None and json.loads(row[2]) == dose and (
                    position is None or position == row[1]):
                return row[0]
            if position is None:
                if row is not None:
                    position = row[1]
                else:
                    last = self.db.execute(
                        "SELECT max(position) FROM programme WHERE patient_id=? AND "
                        "valid_to IS NULL", (pid,)).fetchone()[0]
                    position = 0 if last is None else last + 1
            try:
                self.db.execute("BEGIN IMMEDIATE")
                if row is not None:
                    self.db.execute("UPDATE programme SET valid_to=? WHERE id=?", (when, row[0]))
                cur = self.db.execute(
                    "INSERT INTO programme(patient_id, exercise, position, dose, valid_from, "
                    "reason) VALUES (?,?,?,?,?,?)",
                    (pid, exercise, position, json.dumps(dose), when, reason))
                self.db.execute("COMMIT")
                return cur.lastrowid
            except sqlite3.OperationalError as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise _translate(exc, self.path) from exc

    def remove_programme_item(self, code: str, exercise: str, when: float | None = None
                              ) -> None:
        pid = self.patient_id(code)
        self._write("UPDATE programme SET valid_to=? WHERE patient_id=? AND exercise=? AND "
                    "valid_to IS NULL", (when or time.time(), pid, exercise))

    def add_pain(self, code: str, kind: str, value: int, session_id: int | None = None,
                 exercise: str | None = None, recorded_at: float | None = None) -> int:
        """Pain on the 0-10 numeric rating scale: ``before`` the session, ``after`` an
        exercise, or at the ``next_morning`` after the session ``session_id``."""
        if kind not in ("before", "after", "next_morning"):
            raise ValueError(f"unknown kind of pain entry {kind!r}")
        if not (isinstance(value, int) and 0 <= value <= 10):
            raise ValueError(f"pain is 0-10, not {value!r}")
        pid = self.patient_id(code)
        return self._write("INSERT INTO pain(patient_id, session_id, exercise, kind, value, "
                           "recorded_at) VALUES (?,?,?,?,?,?)",
                           (pid, session_id, exercise, kind, value,
                            recorded_at or time.time()))

    def pain(self, code: str) -> list[dict]:
        return [{"id": r[0], "session_id": r[1], "exercise": r[2], "kind": r[3],
                 "value": r[4], "recorded_at": r[5], "session_started_at": r[6]}
                for r in self.db.execute(
            "SELECT a.id, a.session_id, a.exercise, a.kind, a.value, a.recorded_at, "
            "s.started_at FROM pain a JOIN patients p ON p.id=a.patient_id "
            "LEFT JOIN sessions s ON s.id=a.session_id WHERE p.code=? "
            "ORDER BY a.recorded_at, a.id", (code,)).fetchall()]

    def set_effort(self, set_id: int, effort: int | None) -> None:
        if effort is not None and not (isinstance(effort, int) and 0 <= effort <= 10):
            raise ValueError(f"effort is 0-10, not {effort!r}")
        self._write("UPDATE sets SET effort=? WHERE id=?", (effort, set_id))

    def set_status(self, set_id: int, status: str) -> None:
        """``done``, or ``empty`` (stopped before its first repetition: kept, not shown)."""
        if status not in ("done", "empty"):
            raise ValueError(f"unknown set status {status!r}")
        self._write("UPDATE sets SET status=? WHERE id=?", (status, set_id))

    def set_info(self, set_id: int) -> dict:
        """A set with its context: exercise, targets, summary, the session's label and
        start, and which set of that exercise it was in the session (k of n)."""
        row = self.db.execute(
            "SELECT t.session_id, t.exercise, t.targets, t.summary, s.label, s.started_at "
            "FROM sets t JOIN sessions s ON s.id=t.session_id WHERE t.id=?",
            (set_id,)).fetchone()
        if row is None:
            raise StoreError(f"no set {set_id} in {self.path}")
        same = [r[0] for r in self.db.execute(
            "SELECT id FROM sets WHERE session_id=? AND exercise IS ? AND status <> 'empty' "
            "ORDER BY id", (row[0], row[1])).fetchall()]
        return {"session": row[0], "exercise": row[1],
                "targets": json.loads(row[2] or "{}"),
                "summary": json.loads(row[3]) if row[3] else None, "label": row[4],
                "session_started_at": row[5],
                "number": same.index(set_id) + 1 if set_id in same else len(same) + 1,
                "of": max(len(same), 1)}

    def set_adherence(self, session_id: int, adherence: dict) -> None:
        self._write("UPDATE sessions SET adherence=? WHERE id=?",
                    (json.dumps(adherence), session_id))

    def adherence(self, session_id: int) -> dict | None:
        row = self.db.execute("SELECT adherence FROM sessions WHERE id=?",
                              (session_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    # -- the measurement battery -----------------------------------------------------------
    def save_test_result(self, code: str, session_id: int, test: str, value: float | None,
                         data: dict, source: str = "sensor", set_id: int | None = None,
                         side: str | None = None) -> int:
        """A test's result at a session. A newer result of the same test and side at the
        same session replaces the older one (kept, marked replaced): one number per test
        and moment, whichever view shows it."""
        if source not in ("sensor", "manual"):
            raise ValueError(f"unknown result source {source!r}")
        pid = self.patient_id(code)
        now = time.time()
        with self.lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.execute("UPDATE test_results SET replaced_at=? WHERE session_id=? AND "
                                "test=? AND side IS ? AND replaced_at IS NULL",
                                (now, session_id, test, side))
                cur = self.db.execute(
                    "INSERT INTO test_results(patient_id, session_id, test, side, value, data, "
                    "set_id, source, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    (pid, session_id, test, side, value, json.dumps(data), set_id, source,
                     now))
                self.db.execute("COMMIT")
                return cur.lastrowid
            except sqlite3.OperationalError as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise _translate(exc, self.path) from exc

    def test_results(self, code: str, session_id: int | None = None) -> list[dict]:
        """The current results of the patient's tests (per session, test and side)."""
        sql = ("SELECT r.id, r.session_id, r.test, r.side, r.value, r.data, r.set_id, "
               "r.source, r.recorded_at FROM test_results r JOIN patients p "
               "ON p.id=r.patient_id WHERE p.code=? AND r.replaced_at IS NULL")
        params: tuple = (code,)
        if session_id is not None:
            sql += " AND r.session_id=?"
            params = (code, session_id)
        return [{"id": r[0], "session_id": r[1], "test": r[2], "side": r[3], "value": r[4],
                 "data": json.loads(r[5]), "set_id": r[6], "source": r[7],
                 "recorded_at": r[8]}
                for r in self.db.execute(sql + " ORDER BY r.session_id, r.id", params)]

    def save_score(self, code: str, session_id: int, instrument: str, value: float,
                   item: int | None = None) -> int:
        """A questionnaire score at a session (``item``: the PSFS activity); a newer one
        replaces the older."""
        pid = self.patient_id(code)
        now = time.time()
        with self.lock:
            self._write("UPDATE questionnaires SET replaced_at=? WHERE session_id=? AND "
                        "instrument=? AND item IS ? AND replaced_at IS NULL",
                        (now, session_id, instrument, item))
            return self._write("INSERT INTO questionnaires(patient_id, session_id, "
                               "instrument, item, value, recorded_at) VALUES (?,?,?,?,?,?)",
                               (pid, session_id, instrument, item, value, now))

    def scores(self, code: str, session_id: int | None = None) -> list[dict]:
        sql = ("SELECT q.session_id, q.instrument, q.item, q.value, q.recorded_at FROM "
               "questionnaires q JOIN patients p ON p.id=q.patient_id WHERE p.code=? AND "
               "q.replaced_at IS NULL")
        params: tuple = (code,)
        if session_id is not None:
            sql += " AND q.session_id=?"
            params = (code, session_id)
        return [{"session_id": r[0], "instrument": r[1], "item": r[2], "value": r[3],
                 "recorded_at": r[4]}
                for r in self.db.execute(sql + " ORDER BY q.session_id, q.id", params)]

    def add_psfs_activity(self, code: str, text: str) -> int:
        pid = self.patient_id(code)
        return self._write("INSERT INTO psfs_activities(patient_id, text, created_at) "
                           "VALUES (?,?,?)", (pid, text, time.time()))

    def remove_psfs_activity(self, activity_id: int) -> None:
        self._write("UPDATE psfs_activities SET removed_at=? WHERE id=?",
                    (time.time(), activity_id))

    def psfs_activities(self, code: str) -> list[dict]:
        return [{"id": r[0], "text": r[1]} for r in self.db.execute(
            "SELECT a.id, a.text FROM psfs_activities a JOIN patients p ON "
            "p.id=a.patient_id WHERE p.code=? AND a.removed_at IS NULL ORDER BY a.id",
            (code,)).fetchall()]


def normalize_label(label: str | None) -> str | None:
    """A measurement moment's label as typed, without extra spaces; empty means none."""
    if label is None:
        return None
    label = " ".join(str(label).split())
    return label or None


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _translate(exc: sqlite3.OperationalError, path: Path) -> StoreError:
    msg = str(exc).lower()
    if "full" in msg:
        return StoreFullError(Message("the disk holding {path} is full: recording stopped; "
                                      "everything recorded until now is saved. Free some space "
                                      "to record again.", path=path))
    if "readonly" in msg or "read-only" in msg:
        return StoreError(Message("{path} is read-only: nothing can be saved", path=path))
    return StoreError(Message("saving to {path} failed: {detail}", path=path, detail=exc))


def quantize(batch: ImuBatch) -> ImuBatch:
    """The batch exactly as the store keeps it (float32 motion values).

    The live pipeline processes this, so that replaying the stored samples gives exactly
    the repetitions recorded live.
    """
    acc = batch.acc_m_s2.astype("<f4").astype(np.float64)
    gyr = batch.gyr_rad_s.astype("<f4").astype(np.float64)
    mag = None if batch.mag_ut is None else batch.mag_ut.astype("<f4").astype(np.float64)
    return ImuBatch(np.asarray(batch.time_s, np.float64), acc, gyr, mag, batch.counter)
