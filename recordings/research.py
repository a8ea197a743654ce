"""Read a session store into pandas DataFrames, for analysis (read-only).

    >>> from recordings.research import open_research
    >>> with open_research("monitor.db") as db:
    ...     reps = db.repetitions(patient="P001")
    ...     reps.groupby("label")["rom_deg"].mean()

The store is opened read-only (SQLite ``mode=ro``): nothing is written, created or migrated,
and a store the app is writing at the same time can be read (its write-ahead log lets the
reader see every committed set and sample; what the app commits later is seen by the next
call). A store of an older schema is read from a copy in memory, brought up to date there;
the file stays as it is. A store written by a newer version is refused in words.

Column names carry their units (``_s`` seconds, ``_deg`` degrees, ``_m_s2`` m/s^2,
``_rad_s`` rad/s, ``_ut`` microtesla, ``_hz`` hertz); times of day (``started_at``) are
timezone-aware UTC timestamps. ``docs/schema.md`` describes the tables underneath.
pandas is an optional dependency: ``pip install 'legimu-monitor[research]'``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor.core.errors import MonitorError
from recordings.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Store,
    StoreDamagedError,
    StoreError,
    StoreMissingError,
    _check_file,
    _open_error,
    _stat,
)

if TYPE_CHECKING:
    import pandas as pd

REP_COLUMNS = ("index", "start_s", "peak_s", "end_s", "min_deg", "max_deg", "rom_deg",
               "concentric_s", "hold_s", "eccentric_s", "rest_s", "time_under_tension_s",
               "reported_s", "rise_cm", "axis_fit")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise StoreError("reading a store into DataFrames needs pandas: pip install "
                         "'legimu-monitor[research]'") from exc
    return pandas


class ReadOnlyStore(Store):
    """A :class:`Store` opened without the right to write: its read methods, nothing else
    (a write raises the store's read-only error)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.max_size_bytes = None
        self.busy_timeout_s = 10.0
        import threading

        self.lock = threading.RLock()
        st = _stat(self.path)
        if st is None:
            raise StoreMissingError(f"no session database at {self.path}: check the path")
        _check_file(self.path, st)
        try:
            self.db = sqlite3.connect(self.path.absolute().as_uri() + "?mode=ro", uri=True,
                                      check_same_thread=False, timeout=self.busy_timeout_s,
                                      isolation_level=None)
            app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.Error as exc:
            raise _open_error(exc, self.path) from exc
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables > 0 and version == 0):
            self.db.close()
            raise StoreDamagedError(f"{self.path} is an SQLite database of another program, "
                                    "not a session database")
        if version > SCHEMA_VERSION:
            self.db.close()
            raise StoreDamagedError(
                f"{self.path} was written by a newer version of the monitor (schema "
                f"{version}; this one reads up to {SCHEMA_VERSION}): update legimu-monitor "
                "to read it")
        if version < SCHEMA_VERSION:
            self._upgrade_in_memory(version)

    def _upgrade_in_memory(self, version: int) -> None:
        """An older store: copied into memory and migrated there (the file is not touched)."""
        from recordings.store import MIGRATIONS, _statements

        memory = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        try:
            self.db.backup(memory)
        except sqlite3.Error as exc:
            raise _open_error(exc, self.path) from exc
        finally:
            self.db.close()
        for v in range(version, SCHEMA_VERSION):
            memory.execute("BEGIN")
            for stmt in _statements(MIGRATIONS[v]):
                memory.execute(stmt)
            memory.execute(f"PRAGMA user_version={v + 1}")
            memory.execute("COMMIT")
        self.db = memory

    def __enter__(self) -> ReadOnlyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Research:
    """DataFrames from a store opened read-only (see the module's docstring)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.store = ReadOnlyStore(path)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Research:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- people and moments ----------------------------------------------------------------
    def patients(self) -> pd.DataFrame:
        """One row per patient: ``code``, ``joint``, ``side``, ``birth_year``, ``sex``
        (f/m/x), ``intake_date``, ``sessions`` (count), ``last_visit``."""
        pd = _pandas()
        rows = self.store.patients()
        df = pd.DataFrame(rows, columns=["code", "joint", "side", "birth_year", "sex",
                                         "intake_date", "sessions", "last_visit"])
        df["last_visit"] = _times(pd, df["last_visit"])
        return df

    def sessions(self, patient: str | None = None) -> pd.DataFrame:
        """One row per session (measurement moment): ``session_id``, ``patient``,
        ``started_at``, ``label``, ``exercises`` (comma-separated ids), ``duration_s``
        (recorded time), ``rep_count``."""
        pd = _pandas()
        rows = [{"session_id": s.id, "patient": s.patient, "started_at": s.started_at,
                 "label": s.label, "exercises": s.exercise, "duration_s": s.duration_s,
                 "rep_count": s.rep_count} for s in self.store.sessions(patient)]
        df = pd.DataFrame(rows, columns=["session_id", "patient", "started_at", "label",
                                         "exercises", "duration_s", "rep_count"])
        df["started_at"] = _times(pd, df["started_at"])
        return df

    # -- sets and repetitions --------------------------------------------------------------
    def _sets(self, patient: str | None, session: int | None) -> list[tuple[Any, dict]]:
        out = []
        for s in self.store.sessions(patient):
            if session is not None and s.id != session:
                continue
            out += [(s, st) for st in self.store.sets(s.id)]
        return out

    def set_summaries(self, patient: str | None = None, session: int | None = None
                      ) -> pd.DataFrame:
        """One row per set (the sets the app shows; a set stopped before its first
        repetition is left out): ``set_id``, ``session_id``, ``patient``, ``label``,
        ``exercise``, ``started_at``, ``ended_at``, ``effort`` (0-10), the summary the app
        saved (``rep_count``, ``rom_mean_deg``, ``rom_sd_deg``, ``rom_min_deg``,
        ``rom_max_deg``, ``duration_mean_s``, ``tempo_cv``, ``time_under_tension_s``,
        ``reps_below_target``, ``reps_too_fast``, ...), the targets (``target_rom_low_deg``,
        ``target_rom_high_deg``, ``target_reps``) and ``note``."""
        pd = _pandas()
        rows = []
        for s, st in self._sets(patient, session):
            row = {"set_id": st["id"], "session_id": s.id, "patient": s.patient,
                   "label": s.label, "exercise": st["exercise"],
                   "started_at": st["started_at"], "ended_at": st["ended_at"],
                   "effort": st["effort"]}
            for key, value in (st["summary"] or {}).items():
                if isinstance(value, (int, float, str, bool)) or value is None:
                    row[key] = value
            band = st["targets"].get("rom_band_deg") or [None, None]
            row["target_rom_low_deg"], row["target_rom_high_deg"] = band[0], band[1]
            row["target_reps"] = st["targets"].get("reps_per_set")
            row["note"] = st["notes"]
            rows.append(row)
        df = pd.DataFrame(rows, columns=None if rows else [
            "set_id", "session_id", "patient", "label", "exercise", "started_at", "ended_at",
            "effort", "rep_count", "target_rom_low_deg", "target_rom_high_deg",
            "target_reps", "note"])
        for col in ("started_at", "ended_at"):
            df[col] = _times(pd, df[col])
        return df

    def repetitions(self, patient: str | None = None, session: int | None = None
                    ) -> pd.DataFrame:
        """One row per repetition: ``set_id``, ``session_id``, ``patient``, ``label``,
        ``exercise``, ``index`` (1, 2, ... in the set), ``start_s``, ``peak_s``, ``end_s``
        (seconds on the set's clock, the ``time_s`` of its samples), ``min_deg``,
        ``max_deg``, ``rom_deg`` (of the exercise's angle, ``angle``), ``concentric_s``,
        ``hold_s``, ``eccentric_s``, ``rest_s``, ``time_under_tension_s``, ``flags``
        (comma-separated) and the detector version ``algorithm``."""
        pd = _pandas()
        from monitor.core.exercises import catalogue

        rows = []
        for s, st in self._sets(patient, session):
            ex = catalogue().get(st["exercise"]) if st["exercise"] else None
            for r in self.store.reps(st["id"]):
                row = {"set_id": st["id"], "session_id": s.id, "patient": s.patient,
                       "label": s.label, "exercise": st["exercise"],
                       "angle": ex.angle if ex else None}
                row.update({k: r.get(k) for k in REP_COLUMNS})
                row["flags"] = ",".join(r.get("flags") or [])
                rows.append(row)
        return pd.DataFrame(rows, columns=["set_id", "session_id", "patient", "label",
                                           "exercise", "angle", *REP_COLUMNS, "flags"])

    def samples(self, set_id: int) -> pd.DataFrame:
        """The raw samples of one set, as recorded (sensor frame), one row per sample in
        time order per sensor: ``sensor`` (label), ``placement``, ``time_s`` (the set's
        clock), ``acc_x_m_s2`` .. ``acc_z_m_s2`` (specific force, gravity included),
        ``gyr_x_rad_s`` .. ``gyr_z_rad_s`` and, where recorded, ``mag_x_ut`` ..
        ``mag_z_ut``."""
        pd = _pandas()
        import numpy as np

        info = [st for st in self._all_sets() if st["id"] == set_id]
        if not info:
            raise StoreError(f"no set {set_id} in {self.store.path}")
        placements = info[0]["placements"]
        frames = []
        for label, b in self.store.set_samples(set_id).items():
            cols: dict[str, Any] = {"sensor": label,
                                    "placement": placements.get(label),
                                    "time_s": b.time_s}
            for k, a in enumerate("xyz"):
                cols[f"acc_{a}_m_s2"] = b.acc_m_s2[:, k]
            for k, a in enumerate("xyz"):
                cols[f"gyr_{a}_rad_s"] = b.gyr_rad_s[:, k]
            if b.mag_ut is not None:
                for k, a in enumerate("xyz"):
                    cols[f"mag_{a}_ut"] = b.mag_ut[:, k]
            frames.append(pd.DataFrame(cols))
        if not frames:
            return pd.DataFrame(columns=["sensor", "placement", "time_s",
                                         *[f"acc_{a}_m_s2" for a in "xyz"],
                                         *[f"gyr_{a}_rad_s" for a in "xyz"]])
        df = pd.concat(frames, ignore_index=True)
        df["time_s"] = df["time_s"].astype(np.float64)
        return df

    def _all_sets(self) -> list[dict]:
        return [st for _s, st in self._sets(None, None)]

    # -- the measurement battery -----------------------------------------------------------
    def test_results(self, patient: str | None = None) -> pd.DataFrame:
        """One row per current test result: ``patient``, ``session_id``, ``label``,
        ``test`` (the battery's id), ``side``, ``value`` in ``unit`` (stands, s, deg),
        ``source`` (sensor or manual), ``set_id`` (the recorded set, if any),
        ``recorded_at``."""
        pd = _pandas()
        from monitor.core.battery import battery_test

        codes = [patient] if patient is not None else [p["code"] for p in
                                                       self.store.patients()]
        labels = {s.id: s.label for s in self.store.sessions(patient)}
        rows = []
        for code in codes:
            for r in self.store.test_results(code):
                try:
                    unit = battery_test(r["test"]).get("unit")
                except MonitorError:           # a test this version does not know
                    unit = None
                rows.append({"patient": code, "session_id": r["session_id"],
                             "label": labels.get(r["session_id"]), "test": r["test"],
                             "side": r["side"], "value": r["value"], "unit": unit,
                             "source": r["source"], "set_id": r["set_id"],
                             "recorded_at": r["recorded_at"],
                             "data": json.dumps(r["data"])})
        df = pd.DataFrame(rows, columns=["patient", "session_id", "label", "test", "side",
                                         "value", "unit", "source", "set_id", "recorded_at",
                                         "data"])
        df["recorded_at"] = _times(pd, df["recorded_at"])
        return df


def _times(pd: Any, column: Any) -> Any:
    return pd.to_datetime(column.astype("float64"), unit="s", utc=True)


def open_research(path: str | os.PathLike) -> Research:
    """Open the store at ``path`` read-only for DataFrames (use as a context manager)."""
    return Research(path)
