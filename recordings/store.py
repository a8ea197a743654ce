"""The session store: one database holding patients, sessions, sets, repetitions,
calibrations and the raw samples of every sensor.

Two backends behind one interface (:func:`open_store` picks one from ``--db``): this module's
:class:`Store` on an SQLite file (the default, embedded), and :class:`recordings.pg.PgStore`
on a PostgreSQL server shared by a practice's workstations. The SQL below is the SQLite
dialect; the PostgreSQL backend runs the same statements through a small translation (see
``recordings/pg.py``). The SQLite file:

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
from typing import Concatenate, Final, Literal, ParamSpec, TypeVar

import numpy as np

from monitor.core import places
from monitor.core.errors import MonitorError, SystemRefusedError
from monitor.core.messages import Message
from monitor.core.samples import ImuBatch

APPLICATION_ID = 0x4C494D55            # "LIMU"
SCHEMA_VERSION = 6
SQLITE_MAGIC = b"SQLite format 3\x00"
# A command waits this long for another program that holds the database (a backup, a second
# workstation writing) before it says so; the recorder never gives up (see recorder.py).
BUSY_TIMEOUT_S: Final = 10.0
# Opening checks the structure of the small tables always, and of the whole file when it is
# small enough to read in well under a second even from a cold disk (32 MB: 0.05 s cached,
# about 0.7 s cold at 50 MB/s). Damage in a larger file's samples is found when they are read.
FULL_CHECK_MAX_BYTES: Final = 32 * 2**20
LARGE_TABLES: Final = ("chunks",)       # the raw samples: checked as they are read

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


class StoreOfflineError(StoreError, SystemRefusedError):
    """The database server cannot be reached (or the connection to it was lost)."""


class StoreAccessError(StoreError, SystemRefusedError):
    """The database server refused the user: authentication failed, or no permission."""


def is_server_target(target: str | os.PathLike | None) -> bool:
    """Does ``--db`` name a PostgreSQL server (a ``postgresql://`` URL, or ``postgresql:``
    for libpq's PG* environment variables and service file) rather than an SQLite file?"""
    if target is None or isinstance(target, Path):
        return False
    text = os.fspath(target)
    return text.startswith(("postgresql:", "postgres:"))


def open_store(target: str | os.PathLike | None, max_size_bytes: int | None = None, *,
               create: bool = True, busy_timeout_s: float = BUSY_TIMEOUT_S,
               check: bool = True, spool: str | os.PathLike | None = None) -> Store:
    """The session store ``--db`` names: an SQLite file (default: in the user's data
    folder), or a PostgreSQL server (see :func:`is_server_target`). ``spool``: a server's
    offline spool (see PgStore; an SQLite file needs none)."""
    if target is not None and is_server_target(target):
        from recordings.pg import PgStore

        return PgStore(os.fspath(target), max_size_bytes, create=create,
                       busy_timeout_s=busy_timeout_s, check=check, spool=spool)
    return Store(Path(target) if target else default_db_path(), max_size_bytes,
                 create=create, busy_timeout_s=busy_timeout_s, check=check)


def default_db_path() -> Path:
    """The session database in the platform's data folder (``monitor.core.places``; an
    earlier version's folder is moved there first)."""
    return places.data_dir() / "monitor.db"


def _make_private(folder: Path) -> None:
    """The product's own data folder is the user's only (it may predate that rule)."""
    try:
        st = os.stat(folder)
        if places.is_own(st) and stat.S_IMODE(st.st_mode) & 0o077:
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
    # 4 -> 5: what a workstation uploaded from its offline spool (and, on a server, every
    # commit of a recording): one row per unique id, written in the same transaction as the
    # rows it brought, so a commit retried after a lost connection is applied exactly once.
    # And the sets by session: a patient's history looked every session's sets up by
    # reading all sets (160 ms for a patient of a practice with 20 000 sets).
    """
    CREATE TABLE uploads (
        uid TEXT PRIMARY KEY,
        set_id INTEGER REFERENCES sets(id),
        uploaded_at REAL NOT NULL
    );
    CREATE INDEX sets_by_session ON sets(session_id, id)
    """,
    # 5 -> 6: small groups: a group session links the session of each participant (their
    # sets stay in their own record), the name shown on their tile, and which sensor was
    # last worn by whom where (offered again at the next group session).
    """
    CREATE TABLE group_sessions (
        id INTEGER PRIMARY KEY,
        started_at REAL NOT NULL,
        label TEXT,
        ended_at REAL
    );
    CREATE TABLE group_members (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES group_sessions(id),
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        position INTEGER NOT NULL,
        shown_as TEXT
    );
    CREATE TABLE sensor_assignments (
        id INTEGER PRIMARY KEY,
        sensor TEXT NOT NULL,
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        placement TEXT NOT NULL,
        assigned_at REAL NOT NULL
    );
    CREATE INDEX group_members_by_group ON group_members(group_id, position);
    CREATE INDEX sensor_assignments_by_sensor ON sensor_assignments(sensor, assigned_at)
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


_P = ParamSpec("_P")
_R = TypeVar("_R")
_S = TypeVar("_S", bound="Store")


def _translated(method: Callable[Concatenate[_S, _P], _R]
                ) -> Callable[Concatenate[_S, _P], _R]:
    """SQLite's errors on this store as StoreErrors with words for the user."""

    @wraps(method)
    def call(self: _S, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            translated = translate_error(exc, self.path)
            if translated is None:
                raise
            raise translated from exc

    return call


class Store:
    """Open (creating or migrating) a session database.

    ``create=False`` is for commands that only read: a database that does not exist is
    an error, and nothing (no folder, no file) is created. Opening checks the file's
    structure (see ``FULL_CHECK_MAX_BYTES``) before anything is written to it, so a damaged
    file is refused and left as it was.
    """

    backend = "sqlite"
    # An SQLite file on this computer needs no offline spool (see recordings/spool.py).
    spool_path: Path | None = None

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
        if self.path.parent in (places.platform_data_dir(), places.legacy_data_dir()):
            _make_private(self.path.parent)           # the product's own data folder
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
            if (self.path.parent in (places.platform_data_dir(), places.legacy_data_dir())
                    or not self.path.parent.exists()):
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
            if places.is_own(os.stat(self.path)):
                os.chmod(self.path, 0o600)
        except OSError:
            pass                          # a file of another user, read only: it stays so

    def _check_structure(self) -> None:
        """PRAGMA quick_check: of the whole file when it is small, else of every table but
        the raw samples (those are checked as they are read)."""
        db = self.db
        size = self.path.stat().st_size
        if size <= FULL_CHECK_MAX_BYTES:
            targets = [""]
        else:
            have = [r[0] for r in db.execute("SELECT name FROM sqlite_master "
                                              "WHERE type='table'")]
            targets = [f"({t})" for t in have if t not in LARGE_TABLES]
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
    def _write(self, sql: str, params: tuple = ()) -> None:
        self._execute(sql, params)

    def _insert(self, sql: str, params: tuple = ()) -> int:
        """An INSERT of one row; returns the new row's id."""
        return inserted_id(self._execute(sql, params), self.path)

    def _execute(self, sql: str, params: tuple) -> int | None:
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
        return self._insert("INSERT INTO patients(code, created_at) VALUES (?, ?)",
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
                return self._insert("INSERT INTO sessions(patient_id, started_at, label) "
                                    "VALUES (?,?,?)", (pid, now, label))
            except sqlite3.IntegrityError:      # another workstation opened it just now
                return self.new_session(patient_code, label, started_at)

    def new_set(self, session_id: int, exercise: str | None, placements: dict[str, str],
                targets: dict | None = None, sensors: dict | None = None,
                calibration: dict | None = None, started_at: float | None = None,
                prescription: dict | None = None) -> int:
        """``prescription``: what the programme asked of this set (dose, which set of how
        many, the programme item), for adherence and the progression advice."""
        return self._insert(
            "INSERT INTO sets(session_id, exercise, started_at, placements, targets, sensors, "
            "calibration, prescription) VALUES (?,?,?,?,?,?,?,?)",
            (session_id, exercise, started_at or time.time(), json.dumps(placements),
             json.dumps(targets or {}), json.dumps(sensors or {}),
             json.dumps(calibration or {}),
             None if prescription is None else json.dumps(prescription)))

    def add_chunk(self, set_id: int, sensor: str, batch: ImuBatch,
                  arrival_s: np.ndarray | None = None) -> None:
        self.add_chunks([(set_id, sensor, batch, arrival_s)])

    def add_chunks(self, items: list[tuple[int, str, ImuBatch, np.ndarray | None]],
                   uid: str | None = None) -> None:
        """Insert raw sample chunks in one transaction (one commit). With ``uid`` (unique
        per commit) the same commit tried again (after a lost connection, from the offline
        spool) is applied once."""
        self.add_chunk_rows([chunk_row(set_id, sensor, b, arrival)
                             for set_id, sensor, b, arrival in items], uid)

    def add_chunk_rows(self, rows: list[tuple], uid: str | None = None) -> None:
        """Insert chunks encoded by :func:`chunk_row` in one transaction."""
        with self.lock:
            try:
                # IMMEDIATE: wait for another program's write lock here, before any work.
                self.db.execute("BEGIN IMMEDIATE")
                if uid is None or self._claim(uid, rows[0][0] if rows else None):
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

    def add_reps(self, set_id: int, reps: list[dict], algorithm: str,
                 uid: str | None = None) -> None:
        """Insert repetitions in one transaction (``uid``: see add_chunks)."""
        with self.lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
                if uid is None or self._claim(uid, set_id):
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

    def _claim(self, uid: str, set_id: int | None) -> bool:
        """Inside a write transaction: record the commit ``uid``; False when it was applied
        before (then the caller writes nothing)."""
        if self.db.execute("SELECT 1 FROM uploads WHERE uid=?", (uid,)).fetchone():
            return False
        self.db.execute("INSERT INTO uploads(uid, set_id, uploaded_at) VALUES (?,?,?)",
                        (uid, set_id, time.time()))
        return True

    def once(self, uid: str, set_id: int | None, action: Callable[[Store], object]) -> bool:
        """Run ``action`` (writes on this store) and record ``uid`` in one transaction,
        unless ``uid`` was applied before. True when it ran now."""
        with self.lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
                ran = self._claim(uid, set_id)
                if ran:
                    action(self)
                self.db.execute("COMMIT")
                return ran
            except sqlite3.Error as exc:
                if self.db.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.db.execute("ROLLBACK")
                raise _translate(exc, self.path) from exc
            except BaseException:
                if self.db.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.db.execute("ROLLBACK")
                raise

    def set_note(self, set_id: int, note: str) -> None:
        self._write("UPDATE sets SET notes=? WHERE id=?", (note, set_id))

    def save_calibration(self, patient_code: str, placement: str, sensor: str,
                         data: dict, quality: float) -> int:
        pid = self.patient_id(patient_code)
        return self._insert("INSERT INTO calibrations(patient_id, placement, sensor, "
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
               " (SELECT group_concat(DISTINCT exercise) FROM sets WHERE session_id=s.id "
               "   AND status <> 'empty'), "
               " (SELECT max(c.t0) - min(c.t0) FROM chunks c JOIN sets t ON t.id=c.set_id "
               "   WHERE t.session_id=s.id) "
               "FROM sessions s JOIN patients p ON p.id=s.patient_id ")
        params: tuple = ()
        if patient_code is not None:
            sql += "WHERE p.code=? "
            params = (patient_code,)
        sql += "ORDER BY s.started_at, s.id"
        return [SessionInfo(r[0], r[1], r[2], r[3], r[4], self._session_duration(r[0]),
                            self._session_reps(r[0]))
                for r in self.db.execute(sql, params).fetchall()]

    def _session_reps(self, session_id: int) -> int:
        """The moment's repetitions: those of the exercises whose repetitions count (not
        the steps of a walking test or the TUG, see Exercise.counts_repetitions); a test
        counted in stands adds its stands (not a stand begun after its 30 s)."""
        from monitor.core.exercises import catalogue

        total = 0
        for exercise, summary, n in self.db.execute(
                "SELECT t.exercise, t.summary, (SELECT count(*) FROM reps r WHERE "
                "r.set_id=t.id) FROM sets t WHERE t.session_id=?", (session_id,)).fetchall():
            ex = catalogue().get(exercise) if exercise else None
            if ex is not None and not ex.counts_repetitions:
                continue
            try:
                result = (json.loads(summary) if summary else {}).get("test_result")
            except (ValueError, AttributeError):
                result = None
            if (ex is not None and ex.kind != "repetitions" and isinstance(result, dict)
                    and isinstance(result.get("count"), int)):
                total += result["count"]
            else:
                total += n
        return total

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

    @_translated
    def set_config(self, set_id: int) -> tuple | None:
        """The set's exercise, sensors, calibration and targets as stored (JSON), None if
        there is no such set."""
        return self.db.execute("SELECT exercise, sensors, calibration, targets FROM sets "
                               "WHERE id=?", (set_id,)).fetchone()

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
        return self._insert("INSERT INTO goals(patient_id, created_at, text, measure, op, "
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
        params: tuple[str | float, ...]
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
            if row is not None and self._unused_today(row[0], when):
                # Changed again the same day before any set was done with it (added, then
                # its dose set): one version, not a day of drafts.
                self._write("UPDATE programme SET dose=?, position=? WHERE id=?",
                            (json.dumps(dose), position, row[0]))
                return row[0]
            try:
                self.db.execute("BEGIN IMMEDIATE")
                if row is not None:
                    self.db.execute("UPDATE programme SET valid_to=? WHERE id=?", (when, row[0]))
                cur = self.db.execute(
                    "INSERT INTO programme(patient_id, exercise, position, dose, valid_from, "
                    "reason) VALUES (?,?,?,?,?,?)",
                    (pid, exercise, position, json.dumps(dose), when, reason))
                self.db.execute("COMMIT")
                return inserted_id(cur.lastrowid, self.path)
            except sqlite3.OperationalError as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise _translate(exc, self.path) from exc

    def _unused_today(self, item_id: int, when: float) -> bool:
        """A programme version made on the day of ``when`` that no set was done against."""
        start = self.db.execute("SELECT valid_from FROM programme WHERE id=?",
                                (item_id,)).fetchone()[0]
        day = time.strftime("%Y-%m-%d", time.localtime(start))
        if day != time.strftime("%Y-%m-%d", time.localtime(when)):
            return False
        used = self.db.execute("SELECT count(*) FROM sets WHERE prescription IS NOT NULL AND "
                               "json_extract(prescription, '$.item') = ?",
                               (item_id,)).fetchone()[0]
        return used == 0

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
        return self._insert("INSERT INTO pain(patient_id, session_id, exercise, kind, value, "
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

    # -- small groups ----------------------------------------------------------------------
    def new_group(self, label: str | None = None, started_at: float | None = None) -> int:
        return self._insert("INSERT INTO group_sessions(started_at, label) VALUES (?,?)",
                            (started_at or time.time(), label))

    def add_group_member(self, group_id: int, session_id: int, position: int,
                         shown_as: str | None = None) -> int:
        return self._insert("INSERT INTO group_members(group_id, session_id, position, "
                            "shown_as) VALUES (?,?,?,?)",
                            (group_id, session_id, position, shown_as))

    def end_group(self, group_id: int, ended_at: float | None = None) -> None:
        self._write("UPDATE group_sessions SET ended_at=? WHERE id=?",
                    (ended_at or time.time(), group_id))

    @_translated
    def group_members(self, group_id: int) -> list[dict]:
        """The participants of a group session in tile order: patient code, their session,
        the name shown on their tile."""
        return [{"patient": r[0], "session": r[1], "position": r[2], "shown_as": r[3]}
                for r in self.db.execute(
            "SELECT p.code, m.session_id, m.position, m.shown_as FROM group_members m "
            "JOIN sessions s ON s.id=m.session_id JOIN patients p ON p.id=s.patient_id "
            "WHERE m.group_id=? ORDER BY m.position, m.id", (group_id,)).fetchall()]

    @_translated
    def groups_of(self, session_id: int) -> list[int]:
        """The group sessions a participant's session took part in."""
        return [r[0] for r in self.db.execute(
            "SELECT group_id FROM group_members WHERE session_id=? ORDER BY group_id",
            (session_id,)).fetchall()]

    def remember_assignment(self, sensor: str, code: str, placement: str,
                            when: float | None = None) -> None:
        self._write("INSERT INTO sensor_assignments(sensor, patient_id, placement, "
                    "assigned_at) VALUES (?,?,?,?)",
                    (sensor.upper(), self.patient_id(code), placement, when or time.time()))

    @_translated
    def assignments(self) -> dict[str, tuple[str, str]]:
        """Sensor address -> (patient code, placement) of its latest assignment."""
        out: dict[str, tuple[str, str]] = {}
        for sensor, code, placement in self.db.execute(
                "SELECT a.sensor, p.code, a.placement FROM sensor_assignments a "
                "JOIN patients p ON p.id=a.patient_id ORDER BY a.assigned_at, a.id"):
            out[sensor] = (code, placement)
        return out

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
                return inserted_id(cur.lastrowid, self.path)
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
            return self._insert("INSERT INTO questionnaires(patient_id, session_id, "
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
        return self._insert("INSERT INTO psfs_activities(patient_id, text, created_at) "
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


def inserted_id(rowid: int | None, path: Path | str) -> int:
    """The id of the row an INSERT just made (the database always gives one; should it
    not, that is said instead of handing on an empty id)."""
    if rowid is None:
        raise StoreError(Message("saving to {path} failed: {detail}", path=path,
                                 detail="the database gave no id for the new row"))
    return rowid


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 200 else text[:200] + "..."


# -- recovering a damaged database ----------------------------------------------------------
RECOVERED_PATIENT: Final = "RECOVERED"


def _rows_from(db: sqlite3.Connection, table: str, columns: list[str]
               ) -> Iterator[tuple]:
    """Every row of ``table`` that can still be read, in id order; damaged stretches of the
    file are stepped over (found by probing ids beyond them, doubling, then halving)."""
    cols = ", ".join(columns)
    sql = f"SELECT {cols} FROM {table} WHERE id > ? ORDER BY id"
    probe_sql = f"SELECT {cols} FROM {table} WHERE id >= ? ORDER BY id LIMIT 1"

    def readable(start: int) -> tuple | Literal[False] | None:
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


def _tables_in_order(db: sqlite3.Connection) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """The schema's tables, each after the tables its rows refer to, with its references:
    (column, table referred to, may the column be empty)."""
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                      "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    refs = {}
    for t in names:
        nullable = {c[1]: not c[3] for c in db.execute(f"PRAGMA table_info({t})")}
        refs[t] = [(fk[3], fk[2], nullable[fk[3]])
                   for fk in db.execute(f"PRAGMA foreign_key_list({t})") if fk[2] != t]
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [t for t in names if t not in ordered
                 and all(parent in ordered for _, parent, _ in refs[t])]
        if not ready:                       # a cycle: take the rest as they are
            ready = [t for t in names if t not in ordered]
        ordered += ready
    return [(t, refs[t]) for t in ordered]


def recover_database(damaged: str | os.PathLike, out: str | os.PathLike) -> dict[str, int]:
    """Copy every row that can still be read from a damaged session database into a new
    one (``out`` must not exist; ``damaged`` is only read). Returns the rows kept per table.

    A row whose owner was lost is kept where that can be meaningful: sessions, sets, test
    results and the like under the patient code ``RECOVERED`` (and its session "recovered");
    an optional reference to a lost row is emptied; repetitions and samples of a lost set
    (they cannot be replayed without it) are left out.
    """
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
        for table, refs in _tables_in_order(dst.db):
            ids[table] = set()
            if table not in have:
                continue
            new_cols = [c[1] for c in dst.db.execute(f"PRAGMA table_info({table})")]
            cols = [c for c in new_cols if c in have[table]]
            ref_at = [(cols.index(col), parent, nullable) for col, parent, nullable in refs
                      if col in cols]
            insert = (f"INSERT INTO {table}({', '.join(cols)}) VALUES "
                      f"({', '.join('?' * len(cols))})")
            for found in _rows_from(src, table, cols):
                row = list(found)
                if not _reattach(dst, row, ref_at, ids):
                    continue
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


def _reattach(dst: Store, row: list, refs: list[tuple[int, str, bool]],
              ids: dict[str, set[int]]) -> bool:
    """Point the row's references to lost rows elsewhere (see recover_database); False when
    the row cannot be kept."""
    for k, parent, nullable in refs:
        if row[k] is None or row[k] in ids.get(parent, ()):
            continue
        if nullable:
            row[k] = None
        elif parent in ("patients", "sessions"):
            row[k] = _recovered_owner(dst, parent, ids)
        else:
            return False
    return True


def _recovered_owner(dst: Store, parent: str, ids: dict[str, set[int]]) -> int:
    """The patient RECOVERED (or its session "recovered") that keeps rows whose owner row
    was lost."""
    row = dst.db.execute("SELECT id FROM patients WHERE code=?", (RECOVERED_PATIENT,)
                         ).fetchone()
    if row is None:
        pid = inserted_id(dst.db.execute("INSERT INTO patients(code, created_at) VALUES (?, ?)",
                                     (RECOVERED_PATIENT, time.time())).lastrowid, dst.path)
        ids["patients"].add(pid)
    else:
        pid = row[0]
    if parent == "patients":
        return pid
    row = dst.db.execute("SELECT id FROM sessions WHERE patient_id=? AND label=?",
                         (pid, "recovered")).fetchone()
    if row is not None:
        return row[0]
    sid = inserted_id(dst.db.execute("INSERT INTO sessions(patient_id, started_at, label) VALUES "
                                 "(?, ?, 'recovered')", (pid, time.time())).lastrowid, dst.path)
    ids["sessions"].add(sid)
    return sid


def chunk_row(set_id: int, sensor: str, b: ImuBatch, arrival: np.ndarray | None) -> tuple:
    """A chunk of raw samples as the store keeps it: (set_id, sensor, t0, n, time, imu, mag,
    counter, arrival), the arrays as little-endian bytes."""
    imu = np.hstack([b.acc_m_s2, b.gyr_rad_s]).astype("<f4")
    return (set_id, sensor, float(b.time_s[0]), len(b),
            np.asarray(b.time_s, "<f8").tobytes(), imu.tobytes(),
            None if b.mag_ut is None else b.mag_ut.astype("<f4").tobytes(),
            None if b.counter is None else np.asarray(b.counter, "<f8").tobytes(),
            None if arrival is None else np.asarray(arrival, "<f8").tobytes())


def quantize(batch: ImuBatch) -> ImuBatch:
    """The batch exactly as the store keeps it (float32 motion values).

    The live pipeline processes this, so that replaying the stored samples gives exactly
    the repetitions recorded live.
    """
    acc = batch.acc_m_s2.astype("<f4").astype(np.float64)
    gyr = batch.gyr_rad_s.astype("<f4").astype(np.float64)
    mag = None if batch.mag_ut is None else batch.mag_ut.astype("<f4").astype(np.float64)
    return ImuBatch(np.asarray(batch.time_s, np.float64), acc, gyr, mag, batch.counter)
