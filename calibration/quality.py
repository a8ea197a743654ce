"""Data-quality checks on a sensor's own samples.

Gyroscope-accelerometer consistency: between two still moments the gyroscope alone predicts
how the direction of gravity turns in the sensor frame; the accelerometer measures it. A
sensor that is loose on its strap (sliding or rolling against the skin), faulty or
mis-configured disagrees with itself, and angles from it cannot be trusted. The check needs
no calibration and no knowledge of the exercise.
"""

from __future__ import annotations

import itertools

import numpy as np
from vqf import VQF

from monitor.core.rotations import up_in_sensor_frame

STILL_RATE_RAD_S = 0.1
MIN_STILL_S = 0.4
MIN_TURN_DEG = 5.0
INCONSISTENT_DEG = 10.0   # median disagreement above this: the sensor is not trustworthy


def _still_segments(gyr: np.ndarray, rate_hz: float) -> list[np.ndarray]:
    still = np.linalg.norm(gyr, axis=1) < STILL_RATE_RAD_S
    idx = np.flatnonzero(still)
    if idx.size == 0:
        return []
    runs = np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1)
    return [r for r in runs if len(r) >= MIN_STILL_S * rate_hz]


def gyro_accel_disagreement_deg(time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray,
                                rate_hz: float, max_pairs: int = 30) -> float | None:
    """Median angle (deg) between gyro-predicted and measured gravity after each movement.

    None when the recording has too few still moments separated by movement to tell.
    """
    segs = _still_segments(gyr, rate_hz)
    if len(segs) < 2:
        return None
    # Strapdown integration of the gyroscope alone (accelerometer correction switched off),
    # after removing its bias as seen while still: a commodity gyroscope's bias (up to about
    # 1 deg/s) would otherwise add degrees between two still moments far apart.
    bias = np.concatenate([gyr[s] for s in segs]).mean(axis=0)
    strap = VQF(1.0 / rate_hz, tauAcc=1e9, restBiasEstEnabled=False,
                motionBiasEstEnabled=False)
    up = up_in_sensor_frame(strap.updateBatch(np.ascontiguousarray(gyr - bias),
                                              np.ascontiguousarray(acc))["quat6D"])
    errors = []
    for s0, s1 in itertools.pairwise(segs):
        a0 = acc[s0].mean(axis=0)
        a1 = acc[s1].mean(axis=0)
        a0 /= np.linalg.norm(a0)
        a1 /= np.linalg.norm(a1)
        # Gravity turned (in the sensor frame) as the strapdown up vector did.
        u0, u1 = up[s0[len(s0) // 2]], up[s1[len(s1) // 2]]
        turn_gyr = np.degrees(np.arccos(np.clip(u0 @ u1, -1, 1)))
        turn_acc = np.degrees(np.arccos(np.clip(a0 @ a1, -1, 1)))
        if max(turn_gyr, turn_acc) < MIN_TURN_DEG:
            continue
        # Predicted a1: rotate a0 by the rotation that takes u0 to u1 is not unique; compare
        # the turning angles and the full prediction through the strapdown orientation.
        errors.append(abs(turn_gyr - turn_acc))
        if len(errors) >= max_pairs:
            break
    if not errors:
        return None
    return float(np.median(errors))


SCALE_BLOCK_S = 60.0
SCALE_ENOUGH_S = 5.0       # this much turning is plenty to tell the gyroscope's units
SCALE_TURN_RAD_S = 0.2     # samples where gravity should turn at least this fast count


def gyro_scale(acc: np.ndarray, gyr: np.ndarray, rate_hz: float) -> float | None:
    """How fast gravity turns in the sensor frame per unit the gyroscope predicts (about 1).

    The direction of gravity in the sensor frame turns as d(a)/dt = -w x a. Least squares
    over the samples where the prediction is clear (low-passed to 3 Hz, so that the
    segment's own acceleration matters little): real recordings give 0.2-2.5 (a sensor far
    from the joint feels its own acceleration); a gyroscope in deg/s gives 1/57. None when
    the sensor hardly turns.
    """
    from scipy.signal import butter, sosfiltfilt

    cut = min(3.0, 0.4 * rate_hz)
    sos = butter(2, cut / (rate_hz / 2), output="sos")
    block = max(int(SCALE_BLOCK_S * rate_hz), 64)
    num = den = 0.0
    count = 0
    for i in range(0, len(acc), block):
        a = acc[i:i + block]
        if len(a) < 64:
            break
        norm = np.linalg.norm(a, axis=1, keepdims=True)
        if not np.all(norm > 1e-6):
            continue
        a = sosfiltfilt(sos, a / norm, axis=0)
        w = sosfiltfilt(sos, gyr[i:i + block], axis=0)
        d = np.gradient(a, 1.0 / rate_hz, axis=0)
        p = -np.cross(w, a)
        m = np.linalg.norm(p, axis=1) > SCALE_TURN_RAD_S
        num += float(np.sum(d[m] * p[m]))
        den += float(np.sum(p[m] * p[m]))
        count += int(m.sum())
        if count >= SCALE_ENOUGH_S * rate_hz:
            break
    if count < 0.5 * rate_hz or den <= 0:
        return None
    return num / den
