"""Replay and re-analysis of stored sets through the same pipeline as live.

The set row keeps what the live pipeline was built from (exercise, sensors with placement,
segment and rate, the primary sensor, the calibration), and the chunks keep the samples
exactly as the pipeline saw them, in the order they arrived. Feeding them back gives the
same repetitions (replay identity); a newer detector gives new numbers, stored under its own
algorithm version next to the old ones.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from calibration.mounting import Mounting
from monitor.core.exercises import get_exercise
from monitor.signal.pipeline import Pipeline
from monitor.signal.reps import ALGORITHM_VERSION, RepCompleted, flag_against_targets
from recordings.store import Store, StoreError


def set_config(store: Store, set_id: int) -> dict:
    row = store.set_config(set_id)
    if row is None:
        raise StoreError(f"no set {set_id} in {store.path}")
    sensors = json.loads(row[1] or "{}")
    return {"exercise": row[0], "sensors": sensors.get("sensors", {}),
            "primary": sensors.get("primary"), "calibration": json.loads(row[2] or "{}"),
            "targets": json.loads(row[3] or "{}")}


def flagged(store: Store, set_id: int, pipe: Pipeline, reps: list[RepCompleted]
            ) -> list[RepCompleted]:
    """The repetitions with the flags the live set gave them (same rule, same targets)."""
    return flag_against_targets(reps, pipe.exercise, set_config(store, set_id)["targets"],
                                pipe.model.calibrated)


def pipeline_for_set(store: Store, set_id: int, keep_series: bool = False) -> Pipeline:
    cfg = set_config(store, set_id)
    if not cfg["sensors"] or cfg["primary"] is None:
        raise StoreError(f"set {set_id} has no sensor configuration: it cannot be replayed")
    ex = get_exercise(cfg["exercise"]) if cfg["exercise"] else None
    used = {lab: info for lab, info in cfg["sensors"].items() if info.get("measured", True)}
    segs = {lab: info["segment"] for lab, info in used.items()}
    rates = {lab: float(info["rate_hz"]) for lab, info in used.items()}
    mountings = {lab: Mounting.from_json(m) for lab, m in cfg["calibration"].items()}
    return Pipeline(segs, rates, ex, cfg["primary"], mountings, keep_series=keep_series)


def replay_set(store: Store, set_id: int, speed: float | None = None,
               on_reps: Callable[[list[RepCompleted]], None] | None = None,
               keep_series: bool = False) -> Pipeline:
    """Feed a stored set through a fresh pipeline; ``speed`` 1.0 = real time, None = at once."""
    pipe = pipeline_for_set(store, set_id, keep_series=keep_series)
    t_start = time.monotonic()
    t0 = None
    for sensor, batch in store.iter_chunks(set_id):
        if speed is not None:
            t0 = batch.time_s[0] if t0 is None else t0
            wait = (batch.time_s[-1] - t0) / speed - (time.monotonic() - t_start)
            if wait > 0:
                time.sleep(wait)
        reps = pipe.feed(sensor, batch.time_s, batch.acc_m_s2, batch.gyr_rad_s)
        if reps and on_reps:
            on_reps(reps)
    reps = pipe.finish()
    if reps and on_reps:
        on_reps(reps)
    return pipe


def reanalyse_set(store: Store, set_id: int) -> list[RepCompleted]:
    """Re-run the current detector on a stored set and store its reps under its version."""
    pipe = replay_set(store, set_id)
    reps = flagged(store, set_id, pipe, pipe.events)
    have = store.reps(set_id, algorithm=ALGORITHM_VERSION)
    if not have:
        for r in reps:
            store.add_rep(set_id, r.to_json(), ALGORITHM_VERSION)
    return reps


class Replayer:
    """Replay a stored set at any speed, with pause and seek, for the live view.

    The caller drives it from its own timer: :meth:`advance` by the wall-clock time that
    passed (multiplied by :attr:`speed` unless paused); :meth:`seek` jumps to a time (going
    back rebuilds the pipeline and runs it forward, which is fast). New repetitions come back
    from both, exactly as they were shown live.
    """

    def __init__(self, store: Store, set_id: int, keep_series: bool = True) -> None:
        self.store = store
        self.set_id = set_id
        self.keep_series = keep_series
        self._chunks = list(store.iter_chunks(set_id))
        if not self._chunks:
            raise StoreError(f"set {set_id} has no samples to replay")
        self.start_s = min(float(b.time_s[0]) for _, b in self._chunks)
        self.end_s = max(float(b.time_s[-1]) for _, b in self._chunks)
        self.speed = 1.0
        self.paused = False
        self._reset()

    def _reset(self) -> None:
        self.pipeline = pipeline_for_set(self.store, self.set_id, keep_series=self.keep_series)
        self._targets = set_config(self.store, self.set_id)["targets"]
        self._next = 0
        self.position_s = self.start_s

    @property
    def finished(self) -> bool:
        return self._next >= len(self._chunks)

    def advance(self, wall_s: float) -> list[RepCompleted]:
        if self.paused:
            return []
        return self._run_to(self.position_s + wall_s * self.speed)

    def seek(self, time_s: float) -> list[RepCompleted]:
        time_s = min(max(time_s, self.start_s), self.end_s)
        if time_s < self.position_s:
            self._reset()
        return self._run_to(time_s)

    def _run_to(self, time_s: float) -> list[RepCompleted]:
        out: list[RepCompleted] = []
        while self._next < len(self._chunks):
            sensor, b = self._chunks[self._next]
            if b.time_s[-1] > time_s:
                break
            out += self.pipeline.feed(sensor, b.time_s, b.acc_m_s2, b.gyr_rad_s)
            self._next += 1
        if self.finished:
            out += self.pipeline.finish()
        self.position_s = min(time_s, self.end_s)
        return flag_against_targets(out, self.pipeline.exercise, self._targets,
                                    self.pipeline.model.calibrated)
