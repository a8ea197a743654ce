"""Sensor orientation with VQF (Laidig & Seel 2023), streamed batch by batch.

D. Laidig and T. Seel, "VQF: Highly accurate IMU orientation estimation with bias
estimation and magnetic disturbance rejection", Information Fusion 91:187-204, 2023.

Only the 6D (gyroscope + accelerometer) estimate is used: the inclination is what the angles
need, and it does not drift; heading does, and no angle here depends on it. VQF processes
samples strictly in order, so cutting the stream into batches does not change the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from vqf import VQF

from monitor.core.rotations import up_in_sensor_frame


@dataclass
class OrientationOutput:
    time_s: np.ndarray
    up: np.ndarray            # earth vertical (up) in the sensor frame, unit vectors (N, 3)
    gyr_rad_s: np.ndarray     # bias-corrected angular rate (N, 3)
    rest: np.ndarray          # VQF rest detection (N,)
    quat: np.ndarray          # 6D orientation, sensor -> earth, w x y z (N, 4)


# VQF estimates the gyroscope bias up to this size per axis. Its default (2 deg/s) suits
# calibrated sensors; commodity MEMS gyroscopes are specified up to 3-5 deg/s zero-rate
# offset, and a bias beyond the clip is never learnt and keeps VQF from detecting rest
# (it then stays in the angular rate, where the heel raise's stillness test sees a turn).
BIAS_CLIP_DEG_S = 5.0


class OrientationTracker:
    """VQF 6D orientation of one sensor at a fixed nominal sample rate."""

    def __init__(self, sample_rate_hz: float) -> None:
        self.sample_rate_hz = float(sample_rate_hz)
        self._vqf = VQF(1.0 / self.sample_rate_hz, biasClip=BIAS_CLIP_DEG_S)

    def update(self, time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray) -> OrientationOutput:
        gyr = np.ascontiguousarray(gyr, dtype=np.float64)
        acc = np.ascontiguousarray(acc, dtype=np.float64)
        if len(time_s) == 0:
            empty = np.empty((0, 3))
            return OrientationOutput(time_s, empty, empty, np.empty(0, bool), np.empty((0, 4)))
        out = self._vqf.updateBatch(gyr, acc)
        quat = out["quat6D"]
        return OrientationOutput(time_s=time_s, up=up_in_sensor_frame(quat),
                                 gyr_rad_s=gyr - out["bias"], rest=out["restDetected"],
                                 quat=quat)
