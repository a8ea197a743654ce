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
SCHEMA_VERSION = 2
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
        pid = self.patient_id(patient_code)
        return self._write("INSERT INTO sessions(patient_id, started_at, label) VALUES (?,?,?)",
                           (pid, started_at or time.time(), label))

    def new_set(self, session_id: int, exercise: str | None, placements: dict[str, str],
                targets: dict | None = None, sensors: dict | None = None,
                calibration: dict | None = None, started_at: float | None = None) -> int:
        return self._write(
            "INSERT INTO sets(session_id, exercise, started_at, placements, targets, sensors, "
            "calibration) VALUES (?,?,?,?,?,?,?)",
            (session_id, exercise, started_at or time.time(), json.dumps(placements),
             json.dumps(targets or {}), json.dumps(sensors or {}),
             json.dumps(calibration or {})))

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
               " (SELECT group_concat(DISTINCT exercise) FROM sets WHERE session_id=s.id), "
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

    def sets(self, session_id: int) -> list[dict]:
        rows = self.db.execute(
            "SELECT id, exercise, started_at, ended_at, placements, targets, summary, notes "
            "FROM sets WHERE session_id=? ORDER BY id", (session_id,)).fetchall()
        return [{"id": r[0], "exercise": r[1], "started_at": r[2], "ended_at": r[3],
                 "placements": json.loads(r[4] or "{}"), "targets": json.loads(r[5] or "{}"),
                 "summary": json.loads(r[6]) if r[6] else None, "notes": r[7]} for r in rows]

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
