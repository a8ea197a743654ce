"""Time alignment: sensor samples -> the session clock, with gap and loss statistics.

Sensors with their own timestamps (Movella DOT, Movesense, Polar): the sensor time is mapped
to the host clock by an offset that follows the lower envelope of (arrival - sensor time)
(transport only ever adds delay) and a slowly estimated drift. Sensors without (WitMotion,
MetaWear without accounter, Thingy): samples are spaced at the nominal rate from the first
arrival and pulled back to the arrival times when they run ahead, and a silence longer than
a few sample periods is a gap. Per sensor: effective rate, lost samples, longest gap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GAP_PERIODS = 3.0            # a silence longer than this many sample periods is a gap
DRIFT_WINDOW_S = 30.0
ARRIVAL_JITTER_S = 0.08      # notifications bunch up per connection interval (30-50 ms)


@dataclass
class LinkStats:
    samples: int = 0
    lost: int = 0
    gaps: int = 0
    longest_gap_s: float = 0.0
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
                "effective_rate_hz": round(self.effective_rate_hz, 2)}


class Aligner:
    """Assign session times to the samples of one sensor."""

    def __init__(self, rate_hz: float, session_start: float) -> None:
        self.rate_hz = rate_hz
        self.period = 1.0 / rate_hz
        self.t0 = session_start
        self.stats = LinkStats()
        self._last_t: float | None = None
        self._offset: float | None = None
        self._env: list[tuple[float, float]] = []       # (sensor time, arrival - sensor)
        self._drift = 0.0
        self._last_sensor: float | None = None

    def align(self, n: int, arrival: float, sensor_time_s: np.ndarray | None) -> np.ndarray:
        """Session times (s) for ``n`` samples that arrived together at ``arrival``."""
        if n == 0:
            return np.empty(0)
        if sensor_time_s is not None:
            t = self._from_sensor_time(np.asarray(sensor_time_s, float), arrival)
        else:
            t = self._from_arrival(n, arrival)
        self._account(t)
        return t

    def _from_sensor_time(self, st: np.ndarray, arrival: float) -> np.ndarray:
        d = arrival - st[-1]
        self._env.append((st[-1], d))
        self._env = [e for e in self._env if e[0] >= st[-1] - DRIFT_WINDOW_S]
        if self._offset is None or d < self._offset + self._drift * (st[-1] - self._env[0][0]):
            self._offset = d
        if len(self._env) > 20:
            # Drift: slope of the lower envelope over the window (two halves' minima).
            half = len(self._env) // 2
            a = min(self._env[:half], key=lambda e: e[1])
            b = min(self._env[half:], key=lambda e: e[1])
            if b[0] > a[0]:
                self._drift = 0.9 * self._drift + 0.1 * (b[1] - a[1]) / (b[0] - a[0])
        offset = min(self._offset, d)
        if self._last_sensor is not None:
            jump = st[0] - self._last_sensor
            if jump > GAP_PERIODS * self.period:
                self.stats.lost += max(0, round(jump * self.rate_hz) - 1)
        self._last_sensor = float(st[-1])
        return st + offset - self.t0

    def _from_arrival(self, n: int, arrival: float) -> np.ndarray:
        a = arrival - self.t0
        # Continue at the nominal rate unless the samples fell behind their arrival by more
        # than notification bunching explains (a connection interval or two): then a gap.
        behind = a - (self._last_t + n * self.period) if self._last_t is not None else 0.0
        if self._last_t is None or behind > GAP_PERIODS * self.period + ARRIVAL_JITTER_S:
            if self._last_t is not None:
                self.stats.lost += max(0, round((a - self._last_t) * self.rate_hz) - n)
            start = a - (n - 1) * self.period
        else:
            start = self._last_t + self.period
        t = start + np.arange(n) * self.period
        if t[-1] > a:                        # never ahead of the arrival
            t -= t[-1] - a
        if self._last_t is not None and t[0] <= self._last_t:
            t = t + (self._last_t + 1e-6 - t[0])       # keep time strictly increasing
        return t

    def _account(self, t: np.ndarray) -> None:
        s = self.stats
        if s.last_s is not None:
            gap = float(t[0] - s.last_s)
            if gap > GAP_PERIODS * self.period:
                s.gaps += 1
                s.longest_gap_s = max(s.longest_gap_s, gap)
        s.first_s = float(t[0]) if s.first_s is None else s.first_s
        s.last_s = float(t[-1])
        s.samples += len(t)
        self._last_t = float(t[-1])
