"""Recording a live set: samples into the pipeline and, off the caller's thread, into the store.

:class:`SetRecorder` owns a writer thread. The caller (the UI thread, the BLE consumer, the
command line) only queues work; the thread commits raw sample chunks at least every
``FLUSH_INTERVAL_S`` (well inside the 0.5 s the product promises), so a killed process loses
at most the last half second. When the disk is full, recording stops with a clear message
and everything committed until then stays.

:class:`LiveSet` ties the pipeline to the recorder: each batch is stored exactly as the
pipeline sees it (float32 motion values), so replaying the stored samples later gives
exactly the repetitions, ROM and tempo shown live.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from monitor.core.battery import is_test
from monitor.core.samples import ImuBatch
from monitor.signal.pipeline import Pipeline
from monitor.signal.reps import (
    ALGORITHM_VERSION,
    RepCompleted,
    flag_against_targets,
    summarize,
)
from recordings.measurements import store_set_result
from recordings.store import Store, StoreError, quantize

FLUSH_INTERVAL_S = 0.25


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
    done: threading.Event = field(default_factory=threading.Event)


class SetRecorder:
    """Writes one set to the store from a background thread."""

    def __init__(self, store: Store, set_id: int,
                 on_error: Callable[[StoreError], None] | None = None) -> None:
        self.store = store
        self.set_id = set_id
        self.on_error = on_error
        self.error: StoreError | None = None
        self._q: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=f"recorder-{set_id}",
                                        daemon=True)
        self.samples_written = 0
        self._thread.start()

    def add_samples(self, sensor: str, batch: ImuBatch, arrival: np.ndarray | None = None
                    ) -> None:
        if self.error is None:
            self._q.put(_Samples(sensor, batch, arrival))

    def add_rep(self, rep: dict) -> None:
        if self.error is None:
            self._q.put(_Rep(rep))

    def finish(self, summary: dict, timeout_s: float = 10.0) -> None:
        """Flush everything, write the summary, stop the thread."""
        item = _Finish(summary)
        self._q.put(item)
        item.done.wait(timeout_s)
        self._thread.join(timeout_s)

    def _run(self) -> None:
        pending: list[_Samples] = []
        last_flush = time.monotonic()
        while True:
            timeout = max(0.0, FLUSH_INTERVAL_S - (time.monotonic() - last_flush))
            try:
                items = [self._q.get(timeout=timeout)]
            except queue.Empty:
                items = []
            while True:                  # take everything already queued in one go
                try:
                    items.append(self._q.get_nowait())
                except queue.Empty:
                    break
            for item in items:
                if isinstance(item, _Samples):
                    pending.append(item)
                elif isinstance(item, _Rep):
                    self._flush(pending)
                    pending = []
                    self._guard(lambda d=item.data: self.store.add_rep(self.set_id, d,
                                                                       ALGORITHM_VERSION))
                elif isinstance(item, _Finish):
                    self._flush(pending)
                    self._guard(lambda s=item.summary: self.store.finish_set(self.set_id, s))
                    item.done.set()
                    return
            if time.monotonic() - last_flush >= FLUSH_INTERVAL_S:
                self._flush(pending)
                pending = []
                last_flush = time.monotonic()

    @property
    def backlog(self) -> int:
        """Batches waiting to be written (grows only if the disk cannot keep up)."""
        return self._q.qsize()

    def _flush(self, pending: list[_Samples]) -> None:
        if not pending or self.error is not None:
            return
        items = [(self.set_id, p.sensor, p.batch, p.arrival) for p in pending]
        if self._guard(lambda: self.store.add_chunks(items)):
            self.samples_written += sum(len(p.batch) for p in pending)

    def _guard(self, action: Callable[[], object]) -> bool:
        if self.error is not None:
            return False
        try:
            action()
            return True
        except StoreError as exc:
            self.error = exc
            if self.on_error is not None:
                self.on_error(exc)
            return False


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

    def finish(self, extra: dict | None = None) -> dict:
        """End the set; ``extra`` is stored with its summary (e.g. what each sensor's link
        delivered: samples lost, gaps, a clock restart)."""
        from monitor.signal.analysis import timed_result

        self._record(self.pipeline.finish())
        summary = summarize(self.reps).to_json()
        ex = self.pipeline.exercise
        if ex is not None and ex.kind != "repetitions":
            start = timed_test_start(self.first_time_s, self.reps)
            summary["test_result"] = timed_result(ex, self.reps, self.pipeline, start)
            if summary["test_result"] is not None:
                summary["test_result"]["timed_from"] = "go" if start is not None else \
                    "first_movement"
        summary.update(extra or {})
        if self.recorder is not None:
            self.recorder.finish(summary)
            if is_test(ex.id if ex is not None else None) and self.recorder.error is None:
                # A test of the battery: its result is the moment's test result, stored
                # once here, whichever way the set was recorded.
                try:
                    store_set_result(self.recorder.store, self.recorder.set_id, ex.id,
                                     summary)
                except StoreError as exc:
                    self.recorder.error = exc
            if not self.reps and (ex is None or ex.kind == "repetitions") \
                    and self.recorder.error is None:
                # Stopped before the first repetition: kept (nothing recorded is thrown
                # away), marked, and left out of the history, progress and advice.
                try:
                    self.recorder.store.set_status(self.recorder.set_id, "empty")
                except StoreError as exc:
                    self.recorder.error = exc
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
                  prescription: dict | None = None) -> tuple[LiveSet, int]:
    """Create the set row (with everything replay needs) and its live pipeline + recorder.

    ``sensors`` maps label -> {"placement", "segment", "rate_hz"}; all of them are
    recorded, the ``measured`` ones (default: all) feed the pipeline.
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
    return LiveSet(pipe, SetRecorder(store, set_id, on_error), targets), set_id
