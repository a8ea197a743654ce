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

STILL_RATE_RAD_S = 0.1
MIN_STILL_S = 0.4
MIN_TURN_DEG = 5.0
INCONSISTENT_DEG = 10.0   # median disagreement above this: the sensor is not trustworthy
QUIET_WINDOW_S = 0.25
STILL_ACC_M_S2 = 0.3       # |specific force| this close to gravity's
QUIET_SPREAD_RAD_S = 0.03  # the rate varies less than this (1.7 deg/s) over the window


def rest_offset(gyr: np.ndarray, rate_hz: float) -> np.ndarray:
    """The gyroscope's zero-rate offset: its median reading where it does not vary (a
    quarter of a second at a time). Commodity gyroscopes are off by up to 3-5 deg/s per
    axis, more than a still-threshold on the rate itself allows for."""
    n = max(3, int(QUIET_WINDOW_S * rate_hz))
    if len(gyr) < n:
        return np.zeros(3)
    kernel = np.ones(n) / n
    mean = np.stack([np.convolve(gyr[:, k], kernel, "same") for k in range(3)], axis=1)
    mean_sq = np.stack([np.convolve(gyr[:, k] ** 2, kernel, "same") for k in range(3)],
                       axis=1)
    spread = np.sqrt(np.maximum(mean_sq - mean * mean, 0.0).sum(axis=1))
    quiet = spread < QUIET_SPREAD_RAD_S
    if quiet.sum() < MIN_STILL_S * rate_hz:
        return np.zeros(3)
    return np.median(gyr[quiet], axis=0)


def _still_segments(gyr: np.ndarray, acc: np.ndarray, rate_hz: float) -> list[np.ndarray]:
    # Not turning, and the specific force is gravity alone (a body rising onto a step with
    # the shank upright turns little but accelerates).
    still = np.linalg.norm(gyr - rest_offset(gyr, rate_hz), axis=1) < STILL_RATE_RAD_S
    g = np.linalg.norm(acc, axis=1)
    if still.any():
        still &= np.abs(g - np.median(g[still])) < STILL_ACC_M_S2
    idx = np.flatnonzero(still)
    if idx.size == 0:
        return []
    runs = np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1)
    return [r for r in runs if len(r) >= MIN_STILL_S * rate_hz]


def _matrix(q: np.ndarray) -> np.ndarray:
    """Rotation matrix of a unit quaternion (w, x, y, z)."""
    w, x, y, z = q
    return np.array([[1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
                     [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
                     [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)]])


def gyro_accel_disagreement_deg(time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray,
                                rate_hz: float, max_pairs: int = 30) -> float | None:
    """Median angle (deg) between gyro-predicted and measured gravity after each movement.

    None when the recording has too few still moments separated by movement to tell.
    """
    segs = _still_segments(gyr, acc, rate_hz)
    if len(segs) < 2:
        return None
    # Strapdown integration of the gyroscope alone (accelerometer correction switched off),
    # after removing its bias as seen while still: a commodity gyroscope's bias (up to about
    # 1 deg/s) would otherwise add degrees between two still moments far apart.
    bias = np.concatenate([gyr[s] for s in segs]).mean(axis=0)
    strap = VQF(1.0 / rate_hz, tauAcc=1e9, restBiasEstEnabled=False,
                motionBiasEstEnabled=False)
    quat = strap.updateBatch(np.ascontiguousarray(gyr - bias), np.ascontiguousarray(acc))[
        "quat6D"]
    errors = []
    for s0, s1 in itertools.pairwise(segs):
        a0 = acc[s0].mean(axis=0)
        a1 = acc[s1].mean(axis=0)
        a0 /= np.linalg.norm(a0)
        a1 /= np.linalg.norm(a1)
        # Where the gyroscope says gravity went: the strapdown rotation from the first still
        # moment to the second carries its direction in the sensor frame along (the whole
        # direction, not only how far it turned: a gyroscope axis that reads wrong turns it
        # the wrong way).
        r0 = _matrix(quat[s0[len(s0) // 2]])
        r1 = _matrix(quat[s1[len(s1) // 2]])
        predicted = r1.T @ (r0 @ a0)
        turn = np.degrees(np.arccos(np.clip(a0 @ a1, -1, 1)))
        if turn < MIN_TURN_DEG and np.degrees(np.arccos(np.clip(a0 @ predicted, -1, 1))) \
                < MIN_TURN_DEG:
            continue
        errors.append(float(np.degrees(np.arccos(np.clip(predicted @ a1, -1, 1)))))
        if len(errors) >= max_pairs:
            break
    if not errors:
        return None
    return float(np.median(errors))


SCALE_BLOCK_S = 60.0
SCALE_ENOUGH_S = 5.0       # this much turning is plenty to tell the gyroscope's units
SCALE_MAX_BLOCKS = 5       # looked for in the first five minutes
SCALE_TURN_RAD_S = 0.2     # samples where gravity should turn at least this fast count


def gyro_scale(acc: np.ndarray, gyr: np.ndarray, rate_hz: float) -> float | None:
    """How fast gravity turns in the sensor frame per unit the gyroscope predicts (about 1).

    The direction of gravity in the sensor frame turns as d(a)/dt = -w x a. The median
    ratio over the samples where the prediction is clear (low-passed to 3 Hz, so that the
    segment's own acceleration matters little): real recordings give 0.2-2.5 (a sensor far
    from the joint feels its own acceleration); a gyroscope in deg/s gives 1/57. None when
    the sensor hardly turns.
    """
    from scipy.signal import butter, sosfiltfilt

    cut = min(3.0, 0.4 * rate_hz)
    sos = butter(2, cut / (rate_hz / 2), output="sos")
    block = max(int(SCALE_BLOCK_S * rate_hz), 64)
    ratios: list[np.ndarray] = []
    count = 0
    for i in range(0, min(len(acc), SCALE_MAX_BLOCKS * block), block):
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
        ratios.append(np.sum(d[m] * p[m], axis=1) / np.sum(p[m] * p[m], axis=1))
        count += int(m.sum())
        if count >= SCALE_ENOUGH_S * rate_hz:
            break
    if count < 0.5 * rate_hz:
        return None
    # The median of the samples' ratios: a few impossible samples (a glitch) do not decide.
    return float(np.median(np.concatenate(ratios)))


# Plausible readings: the median acceleration is about gravity; the gyroscope's turning
# matches what the accelerometer sees within these factors (gyro_scale).
ACC_MEDIAN_M_S2 = (4.0, 25.0)
GYRO_SCALE = (0.05, 20.0)


def unit_problem(acc: np.ndarray, gyr: np.ndarray, rate_hz: float) -> tuple[str, str] | None:
    """Readings in other units than m/s^2 and rad/s, or from a faulty sensor: (the first
    column concerned, what is wrong in words), or None when they are plausible."""
    g = float(np.median(np.linalg.norm(acc, axis=1)))
    if not ACC_MEDIAN_M_S2[0] <= g <= ACC_MEDIAN_M_S2[1]:
        if g < 0.3:
            why = "the accelerometer reads (almost) nothing: faulty or not switched on?"
        elif g <= 2.5:
            why = "is it in g? It must be in m/s^2 (1 g = 9.81 m/s^2)"
        else:
            why = "not m/s^2 (mg or cm/s^2?) or a faulty accelerometer"
        return "acc_x", (f"acceleration has a median magnitude of {g:.3g} (gravity is "
                         f"9.81 m/s^2); {why}")
    k = gyro_scale(acc, gyr, rate_hz)
    if k is None or GYRO_SCALE[0] <= k <= GYRO_SCALE[1]:
        return None
    if abs(k) < GYRO_SCALE[0]:
        in_deg = gyro_scale(acc, np.radians(gyr), rate_hz)
        why = ("is it in deg/s? It must be in rad/s"
               if in_deg is None or GYRO_SCALE[0] <= in_deg <= GYRO_SCALE[1]
               else "not rad/s or a faulty gyroscope")
        how = f"{1.0 / max(abs(k), 1e-12):.3g} times as far as"
    elif k < 0:
        why = "the axes of the gyroscope and the accelerometer do not match"
        how = "the other way than"
    else:
        why = "not rad/s or a faulty gyroscope"
        how = f"only 1/{k:.3g} as far as"
    return "gyr_x", (f"the gyroscope turns {how} the accelerometer sees gravity turn; {why}")
