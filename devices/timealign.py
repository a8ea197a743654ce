"""Time alignment: sensor samples -> the session clock, with honest gap and loss statistics.

Sensors with their own timestamps (Movella DOT, Movesense, Polar, MetaWear with accounters):
the sensor time is mapped to the host clock by an offset that follows the lower envelope of
(arrival - sensor time) (transport only ever adds delay) and a slowly estimated drift. The
sensor time also says what the radio mixed up:

- a repeated sample (a notification delivered twice) has a sensor time already seen: dropped
  and counted as a duplicate, never stored twice;
- a packet overtaken by the next one leaves a hole that the late packet fills: the samples
  after a hole wait (briefly, see ``REORDER_HOLD_S``) and are released in sensor-time order;
  an in-order stream is released at once;
- a sensor that reboots restarts its clock: its time goes back by its uptime (or runs far
  behind or ahead of its arrivals on the new connection). That is detected, and the new clock
  is anchored afresh where the old one ended (by arrival), so session time never goes back.

Sensors without (WitMotion, MetaWear without accounter, Thingy): samples are spaced at the
nominal rate from the first arrival and pulled back to the arrival times when they run ahead,
and a silence longer than a few sample periods is a gap.

Statistics (per sensor, from the start of a set when :meth:`Aligner.start_set` is called):
samples, samples lost (holes in the data, a silence at the start or the end of the set
included), gaps, the longest gap, duplicates dropped, samples put back in order, samples that
came too late to be put back (dropped; their place counts as lost), clock restarts.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Final

import numpy as np

# A step between two samples longer than this many sample periods (three or more samples
# missing; half a period spare for jitter) is a gap.
GAP_PERIODS: Final = 3.0
DRIFT_WINDOW_S: Final = 30.0
ARRIVAL_JITTER_S: Final = 0.08   # notifications bunch up per connection interval (30-50 ms)
# Out-of-order packets: the samples behind a hole wait for the missing ones at most this long
# (arrival time) or for this many further packets, whichever comes first. BLE delivers in order
# on one link; what overtakes comes from a sensor's own queue, a packet or two. A hole longer
# than this in sensor time is a silence, not a reorder, and does not wait at all.
REORDER_HOLD_S: Final = 0.25
REORDER_PACKETS: Final = 2
# A clock that goes back by more than this, that runs ahead of the arrivals by more than this,
# or (on a new connection) behind them by more than this has restarted: transport delays are
# tens of milliseconds, and a link that held notifications back for a second would have
# timed out (supervision timeout 0.42-6 s, and then it is a new connection).
CLOCK_RESTART_S: Final = 1.0
# A silence at the start or the end of a set shorter than this is notifications on their way.
EDGE_SILENCE_S: Final = 0.5
DRIFT_EVERY_S: Final = 1.0   # the drift is estimated again after this much sensor time
# A sensor's clock runs within this of the host's (crystals: 20-100 ppm; 0.2 % leaves room).
# What looks like more is the host taking the notifications late (busy), not the clock: a
# half-window of late arrivals must not move the sensor's time (seen on a loaded machine:
# 0.4 s late for a second shifted every later sample 0.4 s on, 200 Hz read as 164 Hz).
MAX_DRIFT: Final = 0.002
_RECENT: Final = 256         # sensor times remembered to tell a duplicate from a late sample


@dataclass
class LinkStats:
    samples: int = 0
    lost: int = 0
    gaps: int = 0
    longest_gap_s: float = 0.0
    duplicates: int = 0          # repeated samples dropped
    reordered: int = 0           # samples that came out of order, put back in place
    late: int = 0                # samples that came after their place was passed (dropped)
    restarts: int = 0            # the sensor's clock restarted (a reboot), bridged
    first_s: float | None = None
    last_s: float | None = None

    @property
    def effective_rate_hz(self) -> float:
        if self.first_s is None or self.last_s is None or self.last_s <= self.first_s:
            return 0.0
        return (self.samples - 1) / (self.last_s - self.first_s)

    @property
    def lost_pct(self) -> float:
        total = self.samples + self.lost
        return 100.0 * self.lost / total if total else 0.0

    def to_json(self) -> dict:
        return {"samples": self.samples, "lost": self.lost, "lost_pct": round(self.lost_pct, 2),
                "gaps": self.gaps, "longest_gap_s": round(self.longest_gap_s, 3),
                "effective_rate_hz": round(self.effective_rate_hz, 2),
                "duplicates": self.duplicates, "reordered": self.reordered, "late": self.late,
                "clock_restarts": self.restarts}


@dataclass
class _Chunk:
    """Samples waiting for a hole before them to fill (sensor-time streams)."""

    st: np.ndarray
    arrival: float
    payload: tuple[np.ndarray, ...]
    filled_hole: bool = False


class Aligner:
    """Session times for the samples of one sensor, in order, each sample once.

    :meth:`push` takes what one notification decoded to (its sensor times, if the protocol
    has them, and any per-sample arrays such as acceleration and angular rate); :meth:`pop`
    returns the samples that are ready, in time order, with their session times.
    """

    def __init__(self, rate_hz: float, session_start: float) -> None:
        self.rate_hz = float(rate_hz)
        self.period = 1.0 / self.rate_hz
        self.t0 = session_start
        self.stats = LinkStats()
        self._ready: list[tuple[np.ndarray, tuple[np.ndarray, ...]]] = []
        self._last_t: float | None = None          # session time of the last released sample
        self._stats_from: float | None = None      # session time the statistics count from
        # Sensor-time streams.
        self._offset: float | None = None          # host - sensor at the anchor
        self._offset_st = 0.0                      # sensor time of that anchor
        self._env: deque[tuple[float, float]] = deque()  # (sensor time, arrival - sensor)
        self._drift = 0.0
        self._drift_next_st = -np.inf
        self._rel_st: float | None = None          # sensor time of the last released sample
        self._max_st: float | None = None          # latest sensor time seen (this clock)
        self._recent: deque[float] = deque(maxlen=_RECENT)
        self._pending: list[_Chunk] = []
        self._new_connection = False
        self._has_clock = False                    # the sensor's own time seen
        self._skipped = 0                          # samples known lost (no clock)

    # -- input -----------------------------------------------------------------------------
    def new_connection(self) -> None:
        """The next samples come over a new connection (after a drop or a reboot)."""
        self._new_connection = True

    def push(self, arrival: float, sensor_time_s: np.ndarray | None,
             payload: tuple[np.ndarray, ...], n: int | None = None) -> None:
        """Samples that arrived together at ``arrival`` (host monotonic seconds)."""
        n = len(payload[0]) if payload else int(n or 0)
        if n == 0:
            return
        if sensor_time_s is None:
            known_lost = self._skipped
            t = self._from_arrival(n, arrival)
            self._release(t, payload, None, known_lost)
            self._new_connection = False
            return
        st = np.asarray(sensor_time_s, float)
        self._has_clock = True
        if self._restarted(st, arrival):
            self._flush_pending()
            self._restart()
        self._new_connection = False
        self._track_offset(st, arrival)
        keep = self._not_seen(st)
        if not keep.all():
            st = st[keep]
            payload = tuple(p[keep] for p in payload)
            if len(st) == 0:
                return
        self._insert(_Chunk(st, arrival, payload))
        self._release_pending(arrival)

    def skip(self, n: int) -> None:
        """``n`` samples the sensor sent are known to be lost here (a frame cut short):
        counted, and for a sensor timed by arrival their place in time is kept."""
        if n > 0 and not self._has_clock:
            self._skipped += n              # counted where the next sample is placed

    def pop(self, now: float | None = None
            ) -> tuple[np.ndarray, tuple[np.ndarray, ...]] | None:
        """Samples ready (session times, payload arrays); ``now`` (host seconds) lets samples
        that waited for a hole go when the wait is over."""
        if now is not None:
            self._release_pending(now)
        if not self._ready:
            return None
        ready, self._ready = self._ready, []
        t = np.concatenate([r[0] for r in ready])
        payload = tuple(np.concatenate([r[1][k] for r in ready])
                        for k in range(len(ready[0][1])))
        return t, payload

    def align(self, n: int, arrival: float, sensor_time_s: np.ndarray | None) -> np.ndarray:
        """Session times of ``n`` samples that arrived together (no hold, no payload)."""
        self.push(arrival, sensor_time_s, (np.arange(n, dtype=float),))
        self._flush_pending()
        out = self.pop()
        return np.empty(0) if out is None else out[0]

    # -- sets ------------------------------------------------------------------------------
    def start_set(self, now: float) -> None:
        """Statistics from now on (host seconds): a set starts."""
        self.stats = LinkStats()
        self._stats_from = now - self.t0

    def finish_set(self, now: float) -> tuple[np.ndarray, tuple[np.ndarray, ...]] | None:
        """The set ends (host seconds): everything still waiting is released, and a silence
        at the end counts as a gap with its samples lost."""
        self._flush_pending()
        out = self.pop()
        end = now - self.t0
        last = max((v for v in (self._last_t, self._stats_from) if v is not None),
                   default=None)
        if last is not None and end - last > max(EDGE_SILENCE_S, GAP_PERIODS * self.period):
            self._count_hole(end - last + self.period)
        return out

    # -- sensor time -----------------------------------------------------------------------
    def _offset_at(self, st: float) -> float:
        assert self._offset is not None          # anchored before it is asked
        return self._offset + self._drift * (st - self._offset_st)

    def _restarted(self, st: np.ndarray, arrival: float) -> bool:
        if self._offset is None or self._max_st is None:
            return False
        if st[0] < self._max_st - CLOCK_RESTART_S:
            return True                                   # the clock went back
        behind = arrival - (st[-1] + self._offset_at(float(st[-1])))
        if behind < -CLOCK_RESTART_S:
            return True                                   # it jumped ahead of its arrivals
        # Far behind its arrival on a fresh connection: it restarted while we were away
        # (a delay that long on a busy link is a stall, and only a new connection is sure).
        return self._new_connection and behind > CLOCK_RESTART_S

    def _restart(self) -> None:
        self.stats.restarts += 1
        self._offset = None
        self._env.clear()
        self._rel_st = None
        self._max_st = None
        self._recent.clear()

    def _track_offset(self, st: np.ndarray, arrival: float) -> None:
        s, d = float(st[-1]), arrival - float(st[-1])
        self._max_st = s if self._max_st is None else max(self._max_st, s)
        self._env.append((s, d))
        while self._env and self._env[0][0] < s - DRIFT_WINDOW_S:
            self._env.popleft()
        if self._offset is None or d < self._offset_at(s):
            self._offset, self._offset_st = d, s
        if len(self._env) > 20 and s >= self._drift_next_st:
            # Drift: slope of the lower envelope over the window (two halves' minima).
            self._drift_next_st = s + DRIFT_EVERY_S
            env = list(self._env)
            half = len(env) // 2
            a = min(env[:half], key=lambda e: e[1])
            b = min(env[half:], key=lambda e: e[1])
            if b[0] > a[0]:
                slope = (b[1] - a[1]) / (b[0] - a[0])
                self._drift = 0.9 * self._drift + 0.1 * min(MAX_DRIFT, max(-MAX_DRIFT, slope))
            if b[0] > self._offset_st:
                # Anchored on the recent envelope: the drift is never extrapolated far (an
                # error of 100 ppm would be 0.36 s after an hour). Later than before by no
                # more than a clock can drift meanwhile: the rest is the host being late.
                ceiling = self._offset_at(b[0]) + MAX_DRIFT * (b[0] - self._offset_st)
                self._offset, self._offset_st = min(b[1], ceiling), b[0]

    def _not_seen(self, st: np.ndarray) -> np.ndarray:
        """Mask of the samples not had before; a repeat counts as a duplicate, a sample older
        than the last released one that is no repeat as late."""
        tol = 0.25 * self.period
        keep = np.ones(len(st), bool)
        known = np.array(list(self._recent) + [float(x) for c in self._pending for x in c.st])
        for i, s in enumerate(st):
            if len(known) and np.min(np.abs(known - s)) < tol:
                keep[i] = False
                self.stats.duplicates += 1
            elif self._rel_st is not None and s < self._rel_st + 0.5 * self.period:
                keep[i] = False
                self.stats.late += 1
            else:
                known = np.append(known, s)
        return keep

    def _insert(self, chunk: _Chunk) -> None:
        pos = len(self._pending)
        while pos > 0 and self._pending[pos - 1].st[0] > chunk.st[0]:
            pos -= 1
        if pos < len(self._pending):
            chunk.filled_hole = True                  # it was overtaken: put back in place
        self._pending.insert(pos, chunk)

    def _release_pending(self, now: float) -> None:
        while self._pending:
            head = self._pending[0]
            if self._rel_st is not None:
                hole = float(head.st[0]) - self._rel_st
                if hole > 1.5 * self.period and hole <= REORDER_HOLD_S \
                        and len(self._pending) <= REORDER_PACKETS \
                        and now - head.arrival < REORDER_HOLD_S:
                    return                            # the missing samples may still come
            self._pending.pop(0)
            self._emit(head)

    def _flush_pending(self) -> None:
        while self._pending:
            self._emit(self._pending.pop(0))

    def _emit(self, c: _Chunk) -> None:
        if c.filled_hole:
            self.stats.reordered += len(c.st)
        t = c.st + self._offset_at(float(c.st[-1])) - self.t0
        if self._last_t is not None:
            # Never back, and at least half the sensor's own step forward: when the offset
            # estimate improves (a lower transport delay seen), time is compressed until it
            # has caught up rather than stepping back.
            prev_st = self._rel_st
            steps = np.diff(np.concatenate([[prev_st], c.st])) if prev_st is not None \
                else np.concatenate([[self.period], np.diff(c.st)])
            h = np.cumsum(0.5 * steps)
            t = h + np.maximum.accumulate(np.maximum(t - h, self._last_t))
        sensor_step = None if self._rel_st is None else float(c.st[0]) - self._rel_st
        self._rel_st = float(c.st[-1])
        self._recent.extend(float(x) for x in c.st)
        self._release(t, c.payload, sensor_step)

    # -- arrival time ----------------------------------------------------------------------
    def _from_arrival(self, n: int, arrival: float) -> np.ndarray:
        a = arrival - self.t0
        # Continue at the nominal rate (past samples known lost) unless the samples fell
        # behind their arrival by more than notification bunching explains (a connection
        # interval or two): then a gap.
        skipped, self._skipped = self._skipped, 0
        behind = a - (self._last_t + (n + skipped) * self.period) \
            if self._last_t is not None else 0.0
        if self._last_t is None or behind > GAP_PERIODS * self.period + ARRIVAL_JITTER_S:
            start = a - (n - 1) * self.period
        else:
            start = self._last_t + (1 + skipped) * self.period
        t = start + np.arange(n) * self.period
        if t[-1] > a:                        # never ahead of the arrival
            t -= t[-1] - a
        if self._last_t is not None and t[0] <= self._last_t:
            t = t + (self._last_t + 1e-6 - t[0])       # keep time strictly increasing
        return t

    # -- output and statistics -------------------------------------------------------------
    def _release(self, t: np.ndarray, payload: tuple[np.ndarray, ...],
                 sensor_step: float | None, known_lost: int = 0) -> None:
        s = self.stats
        prev = self._last_t
        if prev is None or (self._stats_from is not None and prev < self._stats_from):
            # The first samples of the set: a silence since its start is a gap.
            if self._stats_from is not None:
                silence = float(t[0]) - self._stats_from
                if silence > max(EDGE_SILENCE_S, GAP_PERIODS * self.period):
                    self._count_hole(silence + self.period)
        else:
            # The step before this chunk, on the sensor's clock where it has one.
            step = sensor_step if sensor_step is not None else float(t[0]) - prev
            if step > 1.5 * self.period or known_lost:
                self._count_hole(step, known_lost)
        s.first_s = float(t[0]) if s.first_s is None else s.first_s
        s.last_s = float(t[-1])
        s.samples += len(t)
        self._last_t = float(t[-1])
        self._ready.append((t, payload))

    def _count_hole(self, step_s: float, known_lost: int = 0) -> None:
        """A step of ``step_s`` between two samples: the samples in between are lost (at
        least those known to be)."""
        s = self.stats
        s.lost += max(known_lost, round(step_s * self.rate_hz) - 1)
        if step_s > (GAP_PERIODS + 0.5) * self.period:
            s.gaps += 1
            s.longest_gap_s = max(s.longest_gap_s, step_s)
