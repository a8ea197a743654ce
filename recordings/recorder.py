"""Recording a live set: samples into the pipeline and, off the caller's thread, into the store.

:class:`SetRecorder` owns a writer thread with its own connection to the database. The
caller (the UI thread, the BLE consumer, the command line) only queues work; the thread
commits raw sample chunks at least every ``FLUSH_INTERVAL_S`` (well inside the 0.5 s the
product promises), so a killed process loses at most the last half second.

- Another program holding the database (a backup, a second workstation, a database tool)
  does not end the set, however long it lasts: the samples wait in memory, the recorder
  says so (``waiting_since``), and everything is written as soon as the database is free.
- A database server lost mid-set (the network, the server restarting) does not end the set
  either: the recorder goes on into the local offline spool (``recordings/spool.py``,
  crash-safe), says so (``offline_since``, ``spooled``), tries the server again every
  ``RECONNECT_S`` and uploads what waits, exactly once, as soon as it answers.
- Any other storage error (a full disk, a read-only or damaged file, a failing disk) stops
  the recording: ``error`` says why, ``on_error`` is called once, and everything committed
  until then stays. The thread never dies on an error it did not foresee: that too stops
  the recording in words.

:class:`LiveSet` ties the pipeline to the recorder: each batch is stored exactly as the
pipeline sees it (float32 motion values), so replaying the stored samples later gives
exactly the repetitions, ROM and tempo shown live.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import queue
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Final, TypeAlias

import numpy as np

from monitor.core.battery import is_test
from monitor.core.messages import Message
from monitor.core.samples import ImuBatch, ImuRecording
from monitor.signal.pipeline import Pipeline
from monitor.signal.reps import (
    ALGORITHM_VERSION,
    RepCompleted,
    flag_against_targets,
    summarize,
)
from recordings.spool import Spool, SpoolWriter, apply_action, new_uid, upload
from recordings.store import (
    Store,
    StoreBusyError,
    StoreError,
    StoreOfflineError,
    chunk_row,
    quantize,
)

log = logging.getLogger(__name__)

FLUSH_INTERVAL_S: Final = 0.25
# The writer asks SQLite to wait this long for another program's lock; a lock held longer
# is reported (``waiting_since``) while the writer keeps trying. Short, so that the state
# is known within about a second and the writer never sits inside SQLite for long.
WRITER_BUSY_S: Final = 1.0
# Batches per commit at most (1 s of four sensors at 200 Hz in notifications of 5 samples).
COMMIT_BATCHES: Final = 160
# While the server is away, it is tried again this often (a new connection waits at most
# CONNECT_TIMEOUT_S, on the writer thread: the recording goes on meanwhile).
RECONNECT_S: Final = 2.0


@dataclass
class _Samples:
    sensor: str
    batch: ImuBatch
    arrival: np.ndarray | None


@dataclass
class _Rep:
    data: dict


@dataclass
class _Finish:
    summary: dict
    # Further writes once the summary is written, in order (each done once, on the writer:
    # like everything else they wait for another program's lock), as data that the offline
    # spool can keep: see spool.apply_action.
    then: list[list] = field(default_factory=list)


# What the writer thread writes to: a connection of the store, or (while the database server
# cannot be reached) the offline spool, which keeps the same writes for later.
Writer: TypeAlias = Store | SpoolWriter


# Recorders whose samples are not all written yet: at interpreter exit their writers get
# the chance to finish (a daemon thread would otherwise be stopped with samples in memory).
_LIVE: weakref.WeakSet[SetRecorder] = weakref.WeakSet()


def _drain_at_exit() -> None:
    for rec in list(_LIVE):
        rec.wait_written(announce=True)


atexit.register(_drain_at_exit)


class SharedWriter:
    """One connection to an SQLite store for the recorders of a group, who train at once.

    SQLite lets one connection write at a time. Each recorder with a connection of its own
    waits for the others' commits in SQLite's busy handler, which sleeps in steps of up to
    0.1 s however soon the database is free: with several participants on a busy machine a
    recorder fell seconds behind what it was handed. Sharing one connection, the recorders
    take turns on a lock that passes at once, and the database has one writer (one
    write-ahead log's worth of durable commits, never a lock between the group's own sets).

    The connection is opened at the first write and closed once the group has ended and
    its last recorder has written everything (:meth:`close`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._conn: Store | None = None
        self._users = 0
        self._closing = False

    def connection(self) -> Store:
        """The shared connection (opened now if not yet; a StoreError says why not)."""
        with self._lock:
            if self._conn is None:
                self._conn = self.store.writer(WRITER_BUSY_S)
            return self._conn

    def attach(self) -> None:
        with self._lock:
            self._users += 1

    def detach(self) -> None:
        with self._lock:
            self._users -= 1
            self._close_if_unused()

    def close(self) -> None:
        """The group has ended: closed now, or when its last recorder has finished."""
        with self._lock:
            self._closing = True
            self._close_if_unused()

    def _close_if_unused(self) -> None:
        if self._closing and self._users <= 0 and self._conn is not None:
            self._conn.close()
            self._conn = None


class SetRecorder:
    """Writes one set to the store from a background thread (with a connection of its own,
    or the group's ``shared`` one)."""

    def __init__(self, store: Store, set_id: int,
                 on_error: Callable[[StoreError], None] | None = None,
                 shared: SharedWriter | None = None) -> None:
        self.store = store
        self.set_id = set_id
        # Only an SQLite store's connection is shared (a server takes concurrent writers).
        self._shared = shared if getattr(store, "backend", "sqlite") == "sqlite" else None
        if self._shared is not None:
            self._shared.attach()
        self.on_error = on_error
        self.error: StoreError | None = None
        # Monotonic time since which another program holds the database (None: it does not).
        self.waiting_since: float | None = None
        # Monotonic time since which the database server cannot be reached (None: it can),
        # and the commits of this set waiting in the offline spool.
        self.offline_since: float | None = None
        self.spooled = 0
        self.spool_path = getattr(store, "spool_path", None)
        self.samples_written = 0
        # A commit to a server carries a unique id (exactly once, see spool.py), made
        # before it is first tried and kept until it succeeded.
        self._with_uids = getattr(store, "backend", "sqlite") != "sqlite"
        self._uids: dict[str, str] = {}
        self._part_n = 0
        self._spool: Spool | None = None
        self._last_try = 0.0
        self._q: queue.Queue[_Samples | _Rep | _Finish] = queue.Queue()
        self.passes = 0                     # times the writer thread woke up
        # Per sensor, the time of its last sample committed (read by other threads).
        self.committed_s: dict[str, float] = {}
        self._idle = threading.Event()      # nothing queued or pending (all written)
        self._idle.set()
        self._done = threading.Event()      # the summary is written (or recording failed)
        self._thread = threading.Thread(target=self._run, name=f"recorder-{set_id}",
                                        daemon=True)
        self._thread.start()
        _LIVE.add(self)

    # -- the caller's side -----------------------------------------------------------------
    def add_samples(self, sensor: str, batch: ImuBatch, arrival: np.ndarray | None = None
                    ) -> None:
        if self.error is None:
            self._q.put(_Samples(sensor, batch, arrival))
            self._idle.clear()

    def add_rep(self, rep: dict) -> None:
        if self.error is None:
            self._q.put(_Rep(rep))
            self._idle.clear()

    def finish(self, summary: dict, timeout_s: float | None = 10.0,
               then: list[list] | None = None) -> bool:
        """Queue the summary after everything else (and then the writes ``then``) and wait
        up to ``timeout_s`` (None: until written). True when the set is completely written
        (or recording failed); False while another program still holds the database: the
        writer goes on and writes everything once it is free."""
        self._q.put(_Finish(summary, list(then or [])))
        self._idle.clear()
        return self.wait(timeout_s)

    def wait(self, timeout_s: float | None) -> bool:
        """Wait for the set's summary to be written (True), or ``timeout_s`` (False)."""
        if self.waiting_since is not None and timeout_s is not None:
            timeout_s = min(timeout_s, 0.05)       # don't block the caller on a lock
        return self._done.wait(timeout_s)

    def wait_written(self, announce: bool = False) -> None:
        """Block until everything queued so far is written or recording failed."""
        said = False
        while not self._idle.wait(1.0):
            if not self._thread.is_alive():
                return
            if announce and self.waiting_since is not None and not said:
                print(f"monitor: waiting until {self.store.path} is free to save the last "
                      f"samples of set {self.set_id}", file=sys.stderr, flush=True)
                said = True

    @property
    def backlog(self) -> int:
        """Batches waiting to be written (grows only while the database cannot be written)."""
        return self._q.qsize() + self._pending_count

    @property
    def status(self) -> str:
        """recording | waiting (another program holds the database) | offline (the server
        cannot be reached: recording into the local spool) | failed | finished"""
        if self.error is not None:
            return "failed"
        if self._done.is_set():
            return "finished"
        if self.offline_since is not None:
            return "offline"
        return "waiting" if self.waiting_since is not None else "recording"

    # -- the writer thread -----------------------------------------------------------------
    _pending_count = 0
    _summary_written = False

    def _run(self) -> None:
        samples: list[_Samples] = []
        reps: list[dict] = []
        finish: _Finish | None = None
        writer: Writer | None = None
        last_flush = time.monotonic()
        while True:
            self.passes += 1
            # With something to write (or a server to try again), wake when it is due; with
            # nothing, sleep until something comes (a silent sensor costs no processor).
            pending = bool(samples or reps) or self.offline_since is not None
            timeout = (max(0.0, FLUSH_INTERVAL_S - (time.monotonic() - last_flush))
                       if pending else None)
            items: list[_Samples | _Rep | _Finish] = []
            with contextlib.suppress(queue.Empty):
                items.append(self._q.get(timeout=timeout))
            while True:                  # take everything already queued in one go
                try:
                    items.append(self._q.get_nowait())
                except queue.Empty:
                    break
            for item in items:
                if isinstance(item, _Samples):
                    samples.append(item)
                elif isinstance(item, _Rep):
                    reps.append(item.data)
                else:
                    finish = item
            self._pending_count = len(samples)
            due = time.monotonic() - last_flush >= FLUSH_INTERVAL_S or finish is not None
            if self.error is None and due and (samples or reps or finish is not None
                                               or self.offline_since is not None):
                try:
                    if self.offline_since is not None:
                        writer = self._back_online(writer)
                    if writer is None:
                        writer = (self._shared.connection() if self._shared is not None
                                  else self.store.writer(WRITER_BUSY_S))
                    self._write(writer, samples, reps, finish)
                    self.waiting_since = None
                except StoreOfflineError as exc:
                    # The server is away: the set goes on into the local spool.
                    writer = self._go_offline(writer, exc)
                    if writer is not None:
                        try:
                            self._write(writer, samples, reps, finish)
                        except StoreError as again:
                            self._fail(again)
                except StoreBusyError:
                    # What was written stays written; the rest is tried again, however long
                    # the other program holds on.
                    if self.waiting_since is None:
                        self.waiting_since = time.monotonic()
                except StoreError as exc:
                    self._fail(exc)
                except Exception as exc:       # never die silently with the set
                    self._fail(StoreError(Message(
                        "saving to {path} failed: {detail}", path=self.store.path,
                        detail=f"{type(exc).__name__}: {exc}")))
                last_flush = time.monotonic()
            if self.error is not None:
                samples.clear()          # nothing more can be written
                reps.clear()
            self._pending_count = len(samples)
            if finish is not None and ((self._summary_written and not finish.then)
                                       or self.error is not None):
                if self._shared is not None:
                    self._shared.detach()
                elif writer is not None:
                    # Closed before the caller hears that the set is written: the last
                    # connection to close folds the write-ahead log into the database.
                    writer.close()
                if self._spool is not None:
                    self._spool.close()
                _LIVE.discard(self)
                self._idle.set()
                self._done.set()
                return
            if not samples and not reps and finish is None and self._q.empty():
                self._idle.set()

    def _write(self, writer: Writer, samples: list[_Samples], reps: list[dict],
               finish: _Finish | None) -> None:
        """Write in order: samples, repetitions, then (when asked) the summary. Each part
        that succeeds is removed from its list, so a retry after a lock does not repeat it."""
        spooling = isinstance(writer, SpoolWriter)
        while samples:
            # A backlog (after a lock, or a writer that fell behind) goes in bounded
            # commits: on a full disk, what fits is kept. A commit tried before is tried
            # again as it was (same samples, same id).
            part = samples[:self._part_n or COMMIT_BATCHES]
            self._part_n = len(part)
            writer.add_chunk_rows([chunk_row(self.set_id, p.sensor, p.batch, p.arrival)
                                   for p in part], self._uid("chunks"))
            self._done_uid("chunks")
            self._part_n = 0
            self.samples_written += sum(len(p.batch) for p in part)
            for p in part:               # committed: survives the app being killed now
                if len(p.batch):
                    self.committed_s[p.sensor] = max(self.committed_s.get(p.sensor, -1e9),
                                                     float(p.batch.time_s[-1]))
            self.spooled += spooling
            del samples[:len(part)]
        if reps:
            writer.add_reps(self.set_id, reps, ALGORITHM_VERSION, self._uid("reps"))
            self._done_uid("reps")
            self.spooled += spooling
            reps.clear()
        if finish is not None and not self._summary_written:
            if isinstance(writer, SpoolWriter):
                writer.finish_set(self.set_id, finish.summary, uid=self._uid("finish"))
            else:
                writer.finish_set(self.set_id, finish.summary)
            self._done_uid("finish")
            self.spooled += spooling
            self._summary_written = True
            log.info("set %s saved: %s samples, %s repetitions", self.set_id,
                     self.samples_written, finish.summary.get("rep_count"))
        while finish is not None and finish.then:
            action, uid = finish.then[0], self._uid("then")
            if isinstance(writer, SpoolWriter):
                writer.action(self.set_id, action, uid)
            elif uid is not None:
                writer.once(uid, self.set_id,
                            partial(apply_action, set_id=self.set_id, action=action))
            else:
                apply_action(writer, self.set_id, action)
            self._done_uid("then")
            self.spooled += spooling
            finish.then.pop(0)

    def _uid(self, part: str) -> str | None:
        if not self._with_uids:
            return None
        return self._uids.setdefault(part, new_uid())

    def _done_uid(self, part: str) -> None:
        self._uids.pop(part, None)

    def _go_offline(self, writer: Writer | None, exc: StoreOfflineError
                    ) -> SpoolWriter | None:
        """Switch to the local spool (None: there is none for this store: recording
        stops, in words)."""
        if isinstance(writer, Store) and self._shared is None:
            writer.close()
        if self.spool_path is None:
            self._fail(exc)
            return None
        if self.offline_since is None:
            self.offline_since = time.monotonic()
            self._last_try = time.monotonic()
        try:
            if self._spool is None:
                self._spool = Spool(self.spool_path)
        except StoreError as failed:
            self._fail(failed)
            return None
        return SpoolWriter(self._spool, str(self.store.path))

    def _back_online(self, writer: Writer | None) -> Writer | None:
        """While offline: every RECONNECT_S, try the server; when it answers, upload what
        waits in the spool and write there again."""
        spool = self._spool
        if spool is None:
            # (Offline without a spool: recording stopped when it could not be opened.)
            return writer
        if time.monotonic() - self._last_try < RECONNECT_S:
            return writer
        self._last_try = time.monotonic()
        try:
            fresh = self.store.writer(WRITER_BUSY_S)
        except StoreOfflineError:
            return writer
        try:
            upload(spool, fresh)
        except StoreOfflineError:
            fresh.close()
            return writer
        except BaseException:
            fresh.close()
            raise
        if spool.count(str(self.store.path))[0]:
            # Another process is uploading this spool just now: write into it meanwhile.
            fresh.close()
            return writer
        self.offline_since = None
        self.spooled = 0
        return fresh

    def _fail(self, exc: StoreError) -> None:
        log.error("set %s: storing stopped: %s", self.set_id, exc)
        self.error = exc
        self.waiting_since = None
        if self.on_error is not None:
            # The caller's handler must not stop the writer.
            with contextlib.suppress(Exception):
                self.on_error(exc)


class LiveSet:
    """A set being performed: the pipeline plus its recording."""

    def __init__(self, pipeline: Pipeline, recorder: SetRecorder | None,
                 targets: dict | None = None) -> None:
        self.pipeline = pipeline
        self.recorder = recorder
        self.targets = targets
        self.reps: list[RepCompleted] = []
        self.first_time_s: float | None = None     # the set's first sample: its "go"
        self.last_time_s: float | None = None
        # A walking test (or the TUG) is measured on the whole recording at its end: its
        # samples are kept here too (a few minutes at most).
        self.placements: dict[str, str] = {}
        self._kept: dict[str, list[ImuBatch]] | None = None

    def feed(self, sensor: str, batch: ImuBatch, arrival: np.ndarray | None = None
             ) -> list[RepCompleted]:
        """Process (and store) a batch; returns the repetitions it completed, flagged."""
        batch = quantize(batch)
        if len(batch) and (self.first_time_s is None or batch.time_s[0] < self.first_time_s):
            self.first_time_s = float(batch.time_s[0])
        if len(batch) and (self.last_time_s is None or batch.time_s[-1] > self.last_time_s):
            self.last_time_s = float(batch.time_s[-1])
        if self.recorder is not None:
            self.recorder.add_samples(sensor, batch, arrival)
        if self._kept is not None:
            self._kept.setdefault(sensor, []).append(batch)
        reps = self.pipeline.feed(sensor, batch.time_s, batch.acc_m_s2, batch.gyr_rad_s)
        return self._record(reps)

    def _record(self, reps: list[RepCompleted]) -> list[RepCompleted]:
        # Flagged once, against this set's targets; stored and shown with these flags.
        reps = flag_against_targets(reps, self.pipeline.exercise, self.targets,
                                    self.pipeline.model.calibrated)
        self.reps.extend(reps)
        if self.recorder is not None:
            for r in reps:
                self.recorder.add_rep(r.to_json())
        return reps

    def finish(self, extra: dict | None = None, timeout_s: float | None = 10.0) -> dict:
        """End the set; ``extra`` is stored with its summary (e.g. what each sensor's link
        delivered: samples lost, gaps, a clock restart). The summary is written after
        everything else; this waits up to ``timeout_s`` for the writer (None: until
        written; never while another program holds the database: then the writer goes on
        by itself, see SetRecorder.finish)."""
        from monitor.signal.analysis import protocol_result, timed_result

        self._record(self.pipeline.finish())
        summary = summarize(self.reps).to_json()
        ex = self.pipeline.exercise
        if ex is not None and ex.kind != "repetitions":
            start = timed_test_start(self.first_time_s, self.reps)
            if self._kept is not None:
                rec = ImuRecording({lab: ImuBatch.concat(b) for lab, b in self._kept.items()},
                                   dict(self.placements), ex.id)
                summary["test_result"] = protocol_result(ex, rec, self.reps, self.pipeline,
                                                         start)
            else:
                summary["test_result"] = timed_result(ex, self.reps, self.pipeline, start)
            if summary["test_result"] is not None:
                summary["test_result"]["timed_from"] = "go" if start is not None else \
                    "first_movement"
        summary.update(extra or {})
        if self.recorder is not None:
            then: list[list] = []
            if ex is not None and is_test(ex.id):
                # A test of the battery: its result is the moment's test result, stored
                # once here, whichever way the set was recorded.
                then.append(["test_result", ex.id, summary])
            if not self.reps and (ex is None or ex.kind == "repetitions"):
                # Stopped before the first repetition: kept (nothing recorded is thrown
                # away), marked, and left out of the history, progress and advice.
                then.append(["status", "empty"])
            self.recorder.finish(summary, timeout_s, then)
        return summary


# A timed test starts on "go", when the therapist presses Start and the set begins; if the
# patient only starts moving more than this long after that, Start was pressed early (the
# sensors were running before "go") and the test is timed from the first movement instead.
GO_GRACE_S = 2.0


def timed_test_start(go_s: float | None, reps: list[RepCompleted]) -> float | None:
    """The start of a timed test: "go" (None: the first movement, the sensors' start)."""
    if go_s is None or not reps or reps[0].start_s - go_s > GO_GRACE_S:
        return None
    return go_s


def open_live_set(store: Store, session_id: int, exercise_id: str | None,
                  sensors: dict[str, dict], primary: str,
                  mountings: dict | None = None, targets: dict | None = None,
                  on_error: Callable[[StoreError], None] | None = None,
                  keep_series: bool = False, measured: list[str] | None = None,
                  prescription: dict | None = None, shared: SharedWriter | None = None
                  ) -> tuple[LiveSet, int]:
    """Create the set row (with everything replay needs) and its live pipeline + recorder.

    ``sensors`` maps label -> {"placement", "segment", "rate_hz"}; all of them are
    recorded, the ``measured`` ones (default: all) feed the pipeline. ``shared``: the
    group's connection (see SharedWriter).
    """
    measured = list(sensors) if measured is None else measured
    sensors = {lab: {**s, "measured": lab in measured} for lab, s in sensors.items()}
    from monitor.core.exercises import get_exercise

    ex = get_exercise(exercise_id) if exercise_id else None
    mountings = mountings or {}
    set_id = store.new_set(
        session_id, exercise_id, {lab: s["placement"] for lab, s in sensors.items()},
        targets=targets, sensors={"sensors": sensors, "primary": primary},
        calibration={lab: m.to_json() for lab, m in mountings.items()},
        prescription=prescription)
    used = {lab: s for lab, s in sensors.items() if s["measured"]}
    # A range test's result is the furthest the angle went: the series is kept for it.
    keep_series = keep_series or (ex is not None and ex.kind == "range_test")
    pipe = Pipeline({lab: s["segment"] for lab, s in used.items()},
                    {lab: float(s["rate_hz"]) for lab, s in used.items()}, ex, primary,
                    mountings, keep_series=keep_series)
    live = LiveSet(pipe, SetRecorder(store, set_id, on_error, shared), targets)
    if ex is not None and (ex.kind in ("walk", "stairs") or ex.id == "timed_up_and_go"):
        live._kept = {}
        live.placements = {lab: s["placement"] for lab, s in sensors.items()}
    return live, set_id
