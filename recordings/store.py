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

import contextlib
import json
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Final, TypeVar

import numpy as np

from monitor.core.errors import MonitorError, SystemRefusedError
from monitor.core.messages import Message
from monitor.core.samples import ImuBatch

APPLICATION_ID = 0x4C494D55            # "LIMU"
SCHEMA_VERSION = 2
SQLITE_MAGIC = b"SQLite format 3\x00"
# A command waits this long for another program that holds the database (a backup, a second
# workstation writing) before it says so; the recorder never gives up (see recorder.py).
BUSY_TIMEOUT_S: Final = 10.0
# Opening checks the structure of the small tables always, and of the whole file when it is
# small enough to read in well under a second even from a cold disk (32 MB: 0.05 s cached,
# about 0.7 s cold at 50 MB/s). Damage in a larger file's samples is found when they are read.
FULL_CHECK_MAX_BYTES: Final = 32 * 2**20
SMALL_TABLES: Final = ("patients", "sessions", "sets", "reps", "calibrations")

# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26


class StoreError(MonitorError):
    """The session database cannot be used (with a message saying why and what to do)."""


class StoreMissingError(StoreError):
    """A command that only reads was given a database that does not exist."""


class StoreDamagedError(StoreError):
    """Not a session database, one of a newer version, or a damaged one: refused, unchanged."""


class StoreFullError(StoreError, SystemRefusedError):
    """The disk (or the database's size limit) is full: recording stopped, data kept."""


class StoreReadOnlyError(StoreError, SystemRefusedError):
    """The database (or its folder) cannot be written."""


class StoreBusyError(StoreError, SystemRefusedError):
    """Another program holds the database."""


class StoreIOError(StoreError, SystemRefusedError):
    """The operating system failed to read or write the database (a failing or removed disk)."""


def default_db_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "legimu-monitor" / "monitor.db"


def _make_private(folder: Path) -> None:
    """The product's own data folder is the user's only (it may predate that rule)."""
    try:
        st = os.stat(folder)
        if st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) & 0o077:
            os.chmod(folder, 0o700)
    except OSError:
        pass


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) readable by the user only (0700)."""
    missing = []
    for p in (folder, *folder.parents):
        if p.exists():
            break
        missing.append(p)
    for p in reversed(missing):
        with contextlib.suppress(FileExistsError):
            p.mkdir(mode=0o700)
        os.chmod(p, 0o700)          # mkdir's mode is filtered by the umask


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


def _stat(path: Path) -> os.stat_result | None:
    """The file's status, None when it does not exist."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:       # a symlink loop, no permission to look, a name too long
        raise StoreIOError(f"the session database {path} cannot be opened: {exc.strerror}"
                           ) from exc


def _check_file(path: Path, st: os.stat_result) -> None:
    """Refuse a file that is not an SQLite database, before SQLite touches it."""
    if stat.S_ISDIR(st.st_mode):
        raise StoreDamagedError(f"{path} is a folder, not a session database: give the "
                                "database file with --db")
    if not stat.S_ISREG(st.st_mode):
        raise StoreDamagedError(f"{path} is not a session database (not a regular file); "
                                "it was not changed")
    if st.st_size == 0:
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StoreIOError(f"the session database {path} cannot be opened: {exc.strerror}"
                           ) from exc
    if head != SQLITE_MAGIC:
        raise StoreDamagedError(Message("{path} is not a session database (not an SQLite "
                                        "file); it was not changed. Choose another file with "
                                        "--db.", path=path))


_F = TypeVar("_F", bound=Callable)


def _translated(method: _F) -> _F:
    """SQLite's errors on this store as StoreErrors with words for the user."""

    @wraps(method)
    def call(self: Store, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            translated = translate_error(exc, self.path)
            if translated is None:
                raise
            raise translated from exc

    return call  # type: ignore[return-value]


class Store:
    """Open (creating or migrating) a session database.

    ``create=False`` is for commands that only read: a database that does not exist is
    an error, and nothing (no folder, no file) is created. Opening checks the file's
    structure (see ``FULL_CHECK_MAX_BYTES``) before anything is written to it, so a damaged
    file is refused and left as it was.
    """

    def __init__(self, path: str | os.PathLike, max_size_bytes: int | None = None, *,
                 create: bool = True, busy_timeout_s: float = BUSY_TIMEOUT_S,
                 check: bool = True) -> None:
        self.path = Path(path)
        self.max_size_bytes = max_size_bytes
        self.busy_timeout_s = busy_timeout_s
        self.lock = threading.RLock()
        st = _stat(self.path)
        if st is None and not create:
            raise StoreMissingError(f"no session database at {self.path}: check the path "
                                    "(record a set first, or give --db PATH)")
        if st is not None:
            _check_file(self.path, st)
        else:
            self._create_file()
        if self.path.parent == default_db_path().parent:
            _make_private(self.path.parent)
        try:
            self.db = sqlite3.connect(self.path.absolute().as_uri() + "?mode=rw", uri=True,
                                      check_same_thread=False, timeout=busy_timeout_s,
                                      isolation_level=None)
        except sqlite3.Error as exc:
            raise _open_error(exc, self.path) from exc
        try:
            self._prepare(check)
        except sqlite3.Error as exc:
            self.db.close()
            raise _open_error(exc, self.path) from exc
        except StoreError:
            self.db.close()
            raise

    def _create_file(self) -> None:
        try:
            if self.path.parent == default_db_path().parent or not self.path.parent.exists():
                private_folder(self.path.parent)
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
        except FileExistsError:
            pass                         # created meanwhile by another process: open it
        except OSError as exc:
            cls = StoreReadOnlyError if isinstance(exc, PermissionError) else StoreIOError
            raise cls(Message("cannot create the session database {path}: {detail}",
                              path=self.path, detail=exc.strerror)) from exc

    def _prepare(self, check: bool) -> None:
        db = self.db
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables > 0 and version == 0):
            raise sqlite3.DatabaseError("an SQLite database of another program")
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"written by a newer version (schema {version})")
        if check and tables > 0:
            self._check_structure()
        if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        if self.max_size_bytes is not None:
            page = db.execute("PRAGMA page_size").fetchone()[0]
            db.execute(f"PRAGMA max_page_count={max(1, self.max_size_bytes // page)}")
        for v in range(version, SCHEMA_VERSION):
            db.execute("BEGIN IMMEDIATE")
            for stmt in _statements(MIGRATIONS[v]):
                db.execute(stmt)
            db.execute(f"PRAGMA user_version={v + 1}")
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db.execute("COMMIT")
        try:
            if os.stat(self.path).st_uid == os.geteuid():
                os.chmod(self.path, 0o600)
        except OSError:
            pass                          # a file of another user, read only: it stays so

    def _check_structure(self) -> None:
        """PRAGMA quick_check: of the whole file when it is small, else of the small tables
        (the raw samples are checked as they are read)."""
        db = self.db
        size = self.path.stat().st_size
        if size <= FULL_CHECK_MAX_BYTES:
            targets = [""]
        else:
            have = {r[0] for r in db.execute("SELECT name FROM sqlite_master "
                                              "WHERE type='table'")}
            targets = [f"({t})" for t in SMALL_TABLES if t in have]
        for target in targets:
            rows = db.execute(f"PRAGMA quick_check{target}").fetchall()
            if rows != [("ok",)]:
                raise sqlite3.DatabaseError(f"database disk image is malformed: {rows[0][0]}")

    def writer(self, busy_timeout_s: float) -> Store:
        """Another connection to this database, for a writer thread (its own lock and busy
        timeout; the file was checked and migrated when this store was opened)."""
        return Store(self.path, self.max_size_bytes, create=False,
                     busy_timeout_s=busy_timeout_s, check=False)

    def close(self) -> None:
        """Close the connection. (A failure to fold the write-ahead log into the file on
        the way is harmless: the log is kept and read next time.)"""
        with self.lock, contextlib.suppress(sqlite3.Error):
            self.db.close()

    # -- writing ---------------------------------------------------------------------------
    def _write(self, sql: str, params: tuple = ()) -> int:
        with self.lock:
            try:
                cur = self.db.execute(sql, params)
            except sqlite3.Error as exc:
                raise _translate(exc, self.path) from exc
            return cur.lastrowid

    @_translated
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
                # IMMEDIATE: wait for another program's write lock here, before any work.
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany(
                    "INSERT INTO chunks(set_id, sensor, t0, n, time, imu, mag, counter, "
                    "arrival) VALUES (?,?,?,?,?,?,?,?,?)", rows)
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self.db.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.db.execute("ROLLBACK")
                raise _translate(exc, self.path) from exc

    def add_rep(self, set_id: int, rep: dict, algorithm: str) -> None:
        self.add_reps(set_id, [rep], algorithm)

    def add_reps(self, set_id: int, reps: list[dict], algorithm: str) -> None:
        """Insert repetitions in one transaction."""
        with self.lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany(
                    "INSERT INTO reps(set_id, idx, data, algorithm) VALUES (?,?,?,?)",
                    [(set_id, r["index"], json.dumps(r), algorithm) for r in reps])
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self.db.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.db.execute("ROLLBACK")
                raise _translate(exc, self.path) from exc

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

    @_translated
    def latest_calibration(self, patient_code: str, placement: str, sensor: str
                           ) -> dict | None:
        row = self.db.execute(
            "SELECT c.data FROM calibrations c JOIN patients p ON p.id=c.patient_id "
            "WHERE p.code=? AND c.placement=? AND c.sensor=? ORDER BY c.created_at DESC, "
            "c.id DESC LIMIT 1", (patient_code, placement, sensor)).fetchone()
        return json.loads(row[0]) if row else None

    # -- reading ---------------------------------------------------------------------------
    @_translated
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

    @_translated
    def set_duration(self, set_id: int) -> float:
        row = self.db.execute("SELECT min(t0) FROM chunks WHERE set_id=?", (set_id,)).fetchone()
        if row[0] is None:
            return 0.0
        last = self.db.execute("SELECT time FROM chunks WHERE set_id=? ORDER BY t0 DESC "
                               "LIMIT 1", (set_id,)).fetchone()[0]
        return float(np.frombuffer(last, "<f8")[-1] - row[0])

    @_translated
    def sets(self, session_id: int) -> list[dict]:
        rows = self.db.execute(
            "SELECT id, exercise, started_at, ended_at, placements, targets, summary, notes "
            "FROM sets WHERE session_id=? ORDER BY id", (session_id,)).fetchall()
        return [{"id": r[0], "exercise": r[1], "started_at": r[2], "ended_at": r[3],
                 "placements": json.loads(r[4] or "{}"), "targets": json.loads(r[5] or "{}"),
                 "summary": json.loads(r[6]) if r[6] else None, "notes": r[7]} for r in rows]

    @_translated
    def set_config(self, set_id: int) -> tuple[str | None, str | None, str | None] | None:
        """The set's exercise, sensors and calibration as stored (JSON), None if no such set."""
        return self.db.execute("SELECT exercise, sensors, calibration FROM sets WHERE id=?",
                               (set_id,)).fetchone()

    @_translated
    def reps(self, set_id: int, algorithm: str | None = None) -> list[dict]:
        sql = "SELECT data FROM reps WHERE set_id=?"
        params: tuple = (set_id,)
        if algorithm is not None:
            sql += " AND algorithm=?"
            params = (set_id, algorithm)
        return [json.loads(r[0]) for r in self.db.execute(sql + " ORDER BY idx, id", params)]

    def iter_chunks(self, set_id: int) -> Iterator[tuple[str, ImuBatch]]:
        """Raw sample chunks of a set in the order they were stored."""
        try:
            for sensor, n, tb, imu, mag, counter in self.db.execute(
                    "SELECT sensor, n, time, imu, mag, counter FROM chunks WHERE set_id=? "
                    "ORDER BY id", (set_id,)):
                t = np.frombuffer(tb, "<f8").astype(np.float64)
                v = np.frombuffer(imu, "<f4").reshape(n, 6).astype(np.float64)
                yield sensor, ImuBatch(t, np.ascontiguousarray(v[:, :3]),
                                       np.ascontiguousarray(v[:, 3:]),
                                       None if mag is None else np.frombuffer(
                                           mag, "<f4").reshape(n, 3).astype(np.float64),
                                       None if counter is None else np.frombuffer(counter,
                                                                                  "<f8"))
        except sqlite3.Error as exc:
            translated = translate_error(exc, self.path)
            if translated is None:
                raise
            raise translated from exc

    def set_samples(self, set_id: int) -> dict[str, ImuBatch]:
        per: dict[str, list[ImuBatch]] = {}
        for sensor, b in self.iter_chunks(set_id):
            per.setdefault(sensor, []).append(b)
        return {k: ImuBatch.concat(v) for k, v in per.items()}


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:                  # raised by the sqlite3 module itself, or a check above
        text = str(exc).lower()
        if "malformed" in text or "not a database" in text:
            return _SQLITE_CORRUPT
        return None
    return code & 0xFF


def translate_error(exc: sqlite3.Error, path: Path) -> StoreError | None:
    """Words for an SQLite error on the database ``path``; None for an error that is not
    about the file or the system (a defect of the program)."""
    code = _primary_code(exc)
    if code == _SQLITE_FULL:
        return StoreFullError(Message("the disk holding {path} is full: recording stopped; "
                                      "everything recorded until now is saved. Free some space "
                                      "to record again.", path=path))
    if code in (_SQLITE_READONLY, _SQLITE_PERM):
        return StoreReadOnlyError(Message("{path} is read-only: nothing can be saved",
                                          path=path))
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreBusyError(Message("{path} is in use by another program: close that "
                                      "program (or wait until it has finished) and try again",
                                      path=path))
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return StoreDamagedError(Message(
            "{path} is damaged ({detail}); it was not changed. Keep a copy of it and recover "
            "what can be read with: monitor db recover {path} NEW.db", path=path,
            detail=_short(exc)))
    if code in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        return StoreIOError(Message("reading or writing {path} failed ({detail}): the disk "
                                    "may be full, failing or removed", path=path,
                                    detail=_short(exc)))
    return None


def _translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """translate_error for a write: an error it does not know still stops the recording in
    words (with SQLite's own)."""
    return translate_error(exc, path) or StoreError(
        Message("saving to {path} failed: {detail}", path=path, detail=_short(exc)))


def _open_error(exc: sqlite3.Error, path: Path) -> StoreError:
    known = translate_error(exc, path)
    if known is not None:
        return known
    return StoreDamagedError(Message("{path} cannot be opened as a session database "
                                     "({detail}); it was not changed", path=path,
                                     detail=_short(exc)))


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 200 else text[:200] + "..."


# -- recovering a damaged database ----------------------------------------------------------
# Tables in the order their rows refer to each other, with the column that refers upwards.
_RECOVER_ORDER: Final = (("patients", None), ("sessions", "patient_id"),
                         ("sets", "session_id"), ("reps", "set_id"),
                         ("calibrations", "patient_id"), ("chunks", "set_id"))
RECOVERED_PATIENT: Final = "RECOVERED"


def _rows_from(db: sqlite3.Connection, table: str, columns: list[str]
               ) -> Iterator[tuple]:
    """Every row of ``table`` that can still be read, in id order; damaged stretches of the
    file are stepped over (found by probing ids beyond them, doubling, then halving)."""
    cols = ", ".join(columns)
    sql = f"SELECT {cols} FROM {table} WHERE id > ? ORDER BY id"
    probe_sql = f"SELECT {cols} FROM {table} WHERE id >= ? ORDER BY id LIMIT 1"

    def readable(start: int) -> tuple | bool | None:
        try:
            return db.execute(probe_sql, (start,)).fetchone()
        except sqlite3.DatabaseError:
            return False

    after = 0
    while True:
        try:
            for row in db.execute(sql, (after,)):
                yield row
                after = row[0]
            return
        except sqlite3.DatabaseError:
            pass
        bad, step = after, 1
        while True:                       # the first start beyond the damage that reads
            good = after + step
            if good > 2**62:
                return
            found = readable(good)
            if found is not False:
                break
            bad, step = good, step * 2
        while good - bad > 1:             # as close to the damage as can be read
            mid = (bad + good) // 2
            if readable(mid) is False:
                bad = mid
            else:
                good = mid
        first = readable(good)
        if not first:
            return
        yield first
        after = first[0]


def recover_database(damaged: str | os.PathLike, out: str | os.PathLike) -> dict[str, int]:
    """Copy every row that can still be read from a damaged session database into a new
    one (``out`` must not exist; ``damaged`` is only read). Returns rows kept per table and
    how many damaged stretches were stepped over. Sessions or sets whose owner row was lost
    are kept under the patient code ``RECOVERED``; repetitions and samples of a lost set
    cannot be replayed and are left out."""
    damaged, out = Path(damaged), Path(out)
    st = _stat(damaged)
    if st is None:
        raise StoreMissingError(f"no session database at {damaged}: check the path")
    _check_file(damaged, st)
    if out.exists():
        raise StoreError(f"{out} already exists: give a new file for the recovered database")
    try:
        src = sqlite3.connect(damaged.absolute().as_uri() + "?mode=ro", uri=True)
        have = {r[0]: [c[1] for c in src.execute(f"PRAGMA table_info({r[0]})")]
                for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreDamagedError(f"{damaged} is too damaged to recover anything "
                                f"({_short(exc)})") from exc
    dst = Store(out)
    kept: dict[str, int] = {}
    ids: dict[str, set[int]] = {}
    ok = False
    try:
        dst.db.execute("BEGIN")
        for table, parent_col in _RECOVER_ORDER:
            if table not in have:
                continue
            new_cols = [c[1] for c in dst.db.execute(f"PRAGMA table_info({table})")]
            cols = [c for c in new_cols if c in have[table]]
            parent = {"patient_id": "patients", "session_id": "sessions",
                      "set_id": "sets"}.get(parent_col or "")
            insert = (f"INSERT INTO {table}({', '.join(cols)}) VALUES "
                      f"({', '.join('?' * len(cols))})")
            ids[table] = set()
            for row in _rows_from(src, table, cols):
                row = list(row)
                if parent is not None and row[cols.index(parent_col)] not in ids[parent]:
                    if table in ("reps", "chunks"):
                        continue
                    row[cols.index(parent_col)] = _recovered_owner(dst, table, ids)
                dst.db.execute(insert, row)
                ids[table].add(row[0])
            kept[table] = len(ids[table])
        dst.db.execute("COMMIT")
        ok = dst.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.Error as exc:
        raise _translate(exc, out) from exc
    finally:
        src.close()
        dst.close()
    if not ok:
        raise StoreError(f"the recovered database {out} did not pass its integrity check")
    return kept


def _recovered_owner(dst: Store, table: str, ids: dict[str, set[int]]) -> int:
    """A patient (or a session of that patient) to keep rows whose owner row was lost."""
    row = dst.db.execute("SELECT id FROM patients WHERE code=?", (RECOVERED_PATIENT,)
                         ).fetchone()
    if row is None:
        pid = dst.db.execute("INSERT INTO patients(code, created_at) VALUES (?, ?)",
                             (RECOVERED_PATIENT, time.time())).lastrowid
        ids["patients"].add(pid)
    else:
        pid = row[0]
    if table in ("sessions", "calibrations"):
        return pid
    row = dst.db.execute("SELECT id FROM sessions WHERE patient_id=? AND label=?",
                         (pid, "recovered")).fetchone()
    if row is not None:
        return row[0]
    sid = dst.db.execute("INSERT INTO sessions(patient_id, started_at, label) VALUES "
                         "(?, ?, 'recovered')", (pid, time.time())).lastrowid
    ids["sessions"].add(sid)
    return sid


def quantize(batch: ImuBatch) -> ImuBatch:
    """The batch exactly as the store keeps it (float32 motion values).

    The live pipeline processes this, so that replaying the stored samples gives exactly
    the repetitions recorded live.
    """
    acc = batch.acc_m_s2.astype("<f4").astype(np.float64)
    gyr = batch.gyr_rad_s.astype("<f4").astype(np.float64)
    mag = None if batch.mag_ut is None else batch.mag_ut.astype("<f4").astype(np.float64)
    return ImuBatch(np.asarray(batch.time_s, np.float64), acc, gyr, mag, batch.counter)
