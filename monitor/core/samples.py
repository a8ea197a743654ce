"""The sample model shared by drivers, files, the pipeline and the store.

Units: time in seconds (session clock), acceleration in m/s^2 (specific force, gravity
included), angular rate in rad/s, magnetic field in microtesla.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from monitor.core.rotations import rownorm

GRAVITY_M_S2 = 9.81
# Readings no sensor gives: a specific force below 0.5 m/s^2 (free fall: not in a clinic) or
# beyond 32 g, an angular rate beyond 4000 deg/s (sensors measure up to 2000).
VALID_ACC_M_S2 = (0.5, 32 * GRAVITY_M_S2)
VALID_GYR_RAD_S = 70.0


def possible_samples(time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray) -> np.ndarray:
    """Mask of the samples a sensor can have measured (garbage decoded, a glitch: not)."""
    with np.errstate(invalid="ignore"):
        a = rownorm(acc)
        return (np.isfinite(time_s) & (a >= VALID_ACC_M_S2[0]) & (a <= VALID_ACC_M_S2[1])
                & (rownorm(gyr) <= VALID_GYR_RAD_S))


@dataclass(frozen=True)
class ImuBatch:
    """Consecutive samples of one sensor.

    ``time_s`` has shape (N,), ``acc_m_s2`` and ``gyr_rad_s`` (N, 3). ``mag_ut`` (N, 3) and
    ``counter`` (N,) (the sensor's own sample counter or timestamp, unwrapped) are optional.
    """

    time_s: np.ndarray
    acc_m_s2: np.ndarray
    gyr_rad_s: np.ndarray
    mag_ut: np.ndarray | None = None
    counter: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = len(self.time_s)
        if self.acc_m_s2.shape != (n, 3) or self.gyr_rad_s.shape != (n, 3):
            raise ValueError("ImuBatch: acc and gyr must have shape (N, 3) matching time_s")
        if self.mag_ut is not None and self.mag_ut.shape != (n, 3):
            raise ValueError("ImuBatch: mag must have shape (N, 3)")

    def __len__(self) -> int:
        return len(self.time_s)

    def slice(self, start: int, stop: int) -> ImuBatch:
        return ImuBatch(
            self.time_s[start:stop],
            self.acc_m_s2[start:stop],
            self.gyr_rad_s[start:stop],
            None if self.mag_ut is None else self.mag_ut[start:stop],
            None if self.counter is None else self.counter[start:stop],
        )

    def split(self, sizes: list[int]) -> list[ImuBatch]:
        """Cut into consecutive batches of the given sizes (the rest forms a last batch)."""
        out, start = [], 0
        for size in sizes:
            if start >= len(self):
                break
            out.append(self.slice(start, start + size))
            start += size
        if start < len(self):
            out.append(self.slice(start, len(self)))
        return out

    @staticmethod
    def concat(batches: list[ImuBatch]) -> ImuBatch:
        has_mag = all(b.mag_ut is not None for b in batches) and batches
        has_counter = all(b.counter is not None for b in batches) and batches
        return ImuBatch(
            np.concatenate([b.time_s for b in batches]),
            np.concatenate([b.acc_m_s2 for b in batches]),
            np.concatenate([b.gyr_rad_s for b in batches]),
            np.concatenate([b.mag_ut for b in batches]) if has_mag else None,
            np.concatenate([b.counter for b in batches]) if has_counter else None,
        )

    def nominal_rate_hz(self) -> float:
        """Sample rate from the median interval (robust to a few gaps)."""
        if len(self) < 2:
            raise ValueError("need at least two samples to estimate a sample rate")
        dt = float(np.median(np.diff(self.time_s)))
        if dt <= 0:
            raise ValueError("time stamps do not increase")
        return 1.0 / dt


PLACEMENTS = frozenset(
    [f"{side}{seg}" for side in ("", "left_", "right_") for seg in ("thigh", "shank")]
    + ["pelvis"]
)


@dataclass
class ImuRecording:
    """Samples of one or more sensors, with what the sidecar says about them."""

    sensors: dict[str, ImuBatch]
    placements: dict[str, str] = field(default_factory=dict)
    exercise: str | None = None
    side: str | None = None
    source: str = ""

    @property
    def duration_s(self) -> float:
        starts = [b.time_s[0] for b in self.sensors.values() if len(b)]
        ends = [b.time_s[-1] for b in self.sensors.values() if len(b)]
        return float(max(ends) - min(starts)) if starts else 0.0
