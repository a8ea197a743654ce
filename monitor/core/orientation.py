"""Sensor orientation with VQF (Laidig & Seel 2023), streamed batch by batch.

D. Laidig and T. Seel, "VQF: Highly accurate IMU orientation estimation with bias
estimation and magnetic disturbance rejection", Information Fusion 91:187-204, 2023.

Only the 6D (gyroscope + accelerometer) estimate is used: the inclination is what the angles
need, and it does not drift; heading does, and no angle here depends on it. VQF processes
samples strictly in order, so cutting the stream into batches does not change the result.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
from vqf import VQF

from monitor.core.rotations import quaternion_product, rotate_vectors, rownorm, up_in_sensor_frame
from monitor.core.samples import GRAVITY_M_S2


@dataclass
class OrientationOutput:
    time_s: np.ndarray
    up: np.ndarray            # earth vertical (up) in the sensor frame, unit vectors (N, 3)
    gyr_rad_s: np.ndarray     # bias-corrected angular rate (N, 3)
    rest: np.ndarray          # VQF rest detection (N,)
    quat: np.ndarray          # 6D orientation, sensor -> earth, w x y z (N, 4)


# VQF learns the gyroscope bias up to 2 deg/s per axis (its clip, also used to tell rest
# from a slow steady turn). Commodity MEMS gyroscopes are specified up to 3-5 deg/s zero-rate
# offset: beyond the clip VQF never learns it and never detects rest, and the residual stays
# in the angular rate (where, e.g., the heel raise's stillness test sees a turn). So a large
# offset is measured once, at the first stillness (every set starts in its start posture),
# and taken off before VQF, which then follows what is left. Still means: the rate does not
# vary beyond noise, and the gravity reading does not change (a slow steady turn would
# tilt it), for a whole window.
OFFSET_WINDOW_S = 1.0
OFFSET_GIVE_UP_S = 20.0          # no stillness this long: no offset taken off
# Smaller offsets are left to VQF: a slow turn about the vertical (a leg lying on a table
# rolling outwards) does not tilt the gravity reading and could pass for an offset.
OFFSET_MIN_RAD_S = 0.026         # 1.5 deg/s on some axis
OFFSET_MAX_SD_RAD_S = 0.03       # per axis, over the window
OFFSET_MAX_RAD_S = 0.15          # 8.6 deg/s: a steadier, larger rate is a turn
OFFSET_MAX_TILT_M_S2 = 0.1       # gravity reading, first vs last quarter of the window
OFFSET_SETTLE_TAU_ACC_S = 0.3    # VQF's accelerometer time constant right after ...
OFFSET_SETTLE_S = 1.0            # ... the offset was taken off, for this long
OFFSET_SETTLE_MOVING_RAD_S = 0.1  # or until the sensor turns faster than this


# Lost samples (Bluetooth notifications that never came): VQF steps at the nominal rate, so
# a missing sample would be a missing share of the rotation, and over a set the angle would
# be off by degrees (5 % of the samples lost: 4-7 deg of range of motion). Short gaps are
# filled by linear interpolation between the samples on either side (the turn of a leg is
# smooth over a few tens of milliseconds); the filled samples only feed the filter and are
# not passed on. A longer silence is not guessed at: the sensor may have turned any way
# meanwhile, so what the filter knew of its inclination is void. VQF keeps its inclination
# on the accelerometer low-passed in the gyroscope-integrated (almost inertial) frame; that
# low-pass starts afresh after the silence, averaging the specific force since (gravity
# plus a linear acceleration that averages out as the window grows: exact at once for a
# sensor at rest, within a degree or two of a moving leg's acceleration otherwise) until
# its time constant has passed, as when the filter starts. Carried on from before, it
# pulled the inclination towards a direction of gravity seen before the silence for
# seconds (a set kept repetition by repetition: ROM 6-7 deg off in simulated lunges).
FILL_MIN_PERIODS = 1.75          # an interval this many sample periods long has a gap
FILL_MAX_S = 0.5                 # gaps up to this long are filled
RESTART_STILL_M_S2 = 0.3         # after a longer one, a sample this close to gravity (and
                                 # not turning) is taken as still


class OrientationTracker:
    """VQF 6D orientation of one sensor at a fixed nominal sample rate."""

    def __init__(self, sample_rate_hz: float, fill_gaps: bool = True) -> None:
        self.sample_rate_hz = float(sample_rate_hz)
        self.fill_gaps = fill_gaps           # off only to measure what filling gains
        self._vqf = VQF(1.0 / self.sample_rate_hz)
        self.offset_rad_s: np.ndarray | None = None
        self._win = max(4, round(OFFSET_WINDOW_S * self.sample_rate_hz))
        self._give_up = round(OFFSET_GIVE_UP_S * self.sample_rate_hz)
        self._seen = 0
        self._gyr_win: deque = deque(maxlen=self._win)
        self._acc_win: deque = deque(maxlen=self._win)
        self._settle_left = 0
        self._tau_acc = float(self._vqf.params["tauAcc"])
        self._last: tuple[float, np.ndarray, np.ndarray] | None = None
        self.filled = 0              # samples filled in so far (lost samples)
        self._relevel_pending = False

    def update(self, time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray) -> OrientationOutput:
        gyr = np.ascontiguousarray(gyr, dtype=np.float64)
        acc = np.ascontiguousarray(acc, dtype=np.float64)
        time_s = np.asarray(time_s, dtype=np.float64)
        if len(time_s) == 0:
            empty = np.empty((0, 3))
            return OrientationOutput(time_s, empty, empty, np.empty(0, bool), np.empty((0, 4)))
        if self.fill_gaps:
            long_gaps = self._long_gaps(time_s)
            acc_f, gyr_f, own = self._fill_gaps(time_s, acc, gyr)
        else:
            long_gaps, acc_f, gyr_f, own = np.empty(0, dtype=int), acc, gyr, None
        if long_gaps.size:
            # After a silence too long to fill, the inclination is off by whatever the
            # sensor turned meanwhile: it follows gravity as seen from then on, and is
            # levelled once more at the next stillness.
            at = long_gaps if own is None else own[long_gaps]
            cuts = [0, *at.tolist(), len(acc_f)]
            parts = []
            for k in range(len(cuts) - 1):
                if k > 0:                    # each later part follows a silence
                    # Levelled once more at the next stillness unless it starts still.
                    self._relevel_pending = not self._restart_inclination(
                        acc_f[cuts[k]], gyr_f[cuts[k]])
                if cuts[k + 1] > cuts[k]:
                    parts.append(self._update_filled(acc_f[cuts[k]:cuts[k + 1]],
                                                     gyr_f[cuts[k]:cuts[k + 1]]))
            out = OrientationOutput(*(np.concatenate([getattr(q, f) for q in parts])
                                      for f in ("time_s", "up", "gyr_rad_s", "rest", "quat")))
        else:
            out = self._update_filled(acc_f, gyr_f)
        if own is None:
            return OrientationOutput(time_s, out.up, out.gyr_rad_s, out.rest, out.quat)
        return OrientationOutput(time_s, out.up[own], out.gyr_rad_s[own], out.rest[own],
                                 out.quat[own])

    def _restart_inclination(self, acc: np.ndarray, gyr: np.ndarray) -> bool:
        """After a silence: the inclination taken afresh from the first sample's specific
        force ``acc``. Returns whether that sample was still (angular rate ``gyr`` and the
        size of the specific force those of a sensor at rest).

        Still, the specific force is gravity: the accelerometer's low-pass is set as after
        a long rest there (a short or fresh average would follow the linear acceleration
        of the movement that comes next: a step-up's lower leg 4 deg off). Moving, it
        starts afresh: VQF initialises a filter whose state is not a number by averaging
        its input for one time constant, so the inclination follows the specific force
        averaged since the silence (gravity, and a linear acceleration that averages out
        as the window grows) and is levelled once more at the next stillness.

        The inclination is set here rather than left to the filter's correction: VQF reads
        each correction as the gyroscope's error over one sample and would learn a bias of
        up to its clip (2 deg/s) from a large one."""
        state = self._vqf.state
        earth = rotate_vectors(np.asarray(state["gyrQuat"]), acc)     # almost inertial frame
        seen = rotate_vectors(np.asarray(state["accQuat"]), earth)
        norm = float(np.linalg.norm(seen))
        if norm == 0 or not np.isfinite(norm):
            return False
        x, y, z = seen / norm
        w = np.sqrt(max(0.0, (z + 1.0) / 2.0))
        # The shortest rotation that takes this direction to the vertical (as VQF's own
        # correction; no turn about the vertical).
        level = (np.array([w, 0.5 * y / w, -0.5 * x / w, 0.0]) if w > 1e-6
                 else np.array([0.0, 1.0, 0.0, 0.0]))
        q = quaternion_product(level, np.asarray(state["accQuat"]))
        state["accQuat"] = q / np.linalg.norm(q)
        offset = self.offset_rad_s if self.offset_rad_s is not None else 0.0
        still = (float(np.linalg.norm(gyr - offset - self._vqf.getBiasEstimate()[0]))
                 <= OFFSET_SETTLE_MOVING_RAD_S
                 and abs(norm - GRAVITY_M_S2) <= RESTART_STILL_M_S2)
        if still:
            b = np.asarray(self._vqf.coeffs["accLpB"])
            a = np.asarray(self._vqf.coeffs["accLpA"])
            state["accLpState"] = np.concatenate(
                [VQF.filterInitialState(float(v), b, a) for v in earth])
            state["lastAccLp"] = earth
        else:
            state["accLpState"] = np.full(len(state["accLpState"]), np.nan)
        self._vqf.state = state
        return still

    def _long_gaps(self, time_s: np.ndarray) -> np.ndarray:
        """Indices of this batch's samples that follow a silence too long to fill."""
        prev = np.concatenate([[self._last[0] if self._last is not None else time_s[0]],
                               time_s[:-1]])
        return np.flatnonzero(time_s - prev > FILL_MAX_S + 1.0 / self.sample_rate_hz)

    def _fill_gaps(self, time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """The samples with short gaps filled in; the indices of this batch's own samples
        (None when nothing was filled)."""
        last = self._last
        self._last = (float(time_s[-1]), acc[-1].copy(), gyr[-1].copy())
        if last is None and len(time_s) < 2:
            return acc, gyr, None
        period = 1.0 / self.sample_rate_hz
        first_t = time_s[0] if last is None else last[0]
        if (time_s[-1] - first_t < FILL_MIN_PERIODS * period
                or np.diff(time_s).max(initial=time_s[0] - first_t)
                < FILL_MIN_PERIODS * period):
            return acc, gyr, None            # no gap (the usual case, checked cheaply)
        if last is None:
            t_prev, a_prev, g_prev = time_s[:-1], acc[:-1], gyr[:-1]
            t_next, a_next, g_next = time_s[1:], acc[1:], gyr[1:]
            first = 1                        # the batch's first sample has no gap before it
        else:
            t_prev = np.concatenate([[last[0]], time_s[:-1]])
            a_prev = np.vstack([last[1], acc[:-1]])
            g_prev = np.vstack([last[2], gyr[:-1]])
            t_next, a_next, g_next = time_s, acc, gyr
            first = 0
        dt = t_next - t_prev
        missing = np.where((dt >= FILL_MIN_PERIODS * period) & (dt <= FILL_MAX_S + period),
                           np.rint(dt / period).astype(int) - 1, 0)
        if not missing.any():
            return acc, gyr, None
        self.filled += int(missing.sum())
        # Before each sample that follows a gap go its filled samples, at fractions
        # 1/(m+1) ... m/(m+1) of the way from the previous sample.
        counts = np.ones(len(time_s), dtype=int)
        counts[first:] += missing
        total = int(counts.sum())
        own = np.cumsum(counts) - 1
        acc_f = np.empty((total, 3))
        gyr_f = np.empty((total, 3))
        acc_f[own], gyr_f[own] = acc, gyr
        for j in np.flatnonzero(missing):
            m = int(missing[j])
            i = own[j + first]
            w = (np.arange(1, m + 1) / (m + 1))[:, None]
            acc_f[i - m:i] = a_prev[j] + w * (a_next[j] - a_prev[j])
            gyr_f[i - m:i] = g_prev[j] + w * (g_next[j] - g_prev[j])
        return acc_f, gyr_f, own

    def _update_filled(self, acc: np.ndarray, gyr: np.ndarray) -> OrientationOutput:
        time_s = np.zeros(len(acc))          # not used below: the caller puts the times back
        if self.offset_rad_s is None:
            k = self._find_offset(gyr, acc)
            if self.offset_rad_s is not None and self.offset_rad_s.any():
                gyr = np.concatenate([gyr[:k], gyr[k:] - self.offset_rad_s])
                first = self._run(gyr[:k], acc[:k])
                # From here on VQF sees the rate without the offset and learns the rest of
                # the bias afresh (what it learnt of the offset so far is wrong now). The
                # offset has tilted its estimate meanwhile (by up to the offset times the
                # accelerometer time constant): with the sensor still right here, a short
                # time constant for a moment takes that out quickly instead of as a slow
                # drift that looks like the first repetition starting.
                self._vqf.setBiasEstimate(np.zeros(3), -1.0)
                self._vqf.setTauAcc(OFFSET_SETTLE_TAU_ACC_S)
                self._settle_left = round(OFFSET_SETTLE_S * self.sample_rate_hz)
                rest = self._run(gyr[k:], acc[k:])
                out = {key: np.concatenate([first[key], rest[key]])
                       for key in ("quat6D", "bias", "restDetected")}
                return self._output(time_s, gyr, out)
        else:
            gyr = gyr - self.offset_rad_s
        return self._output(time_s, gyr, self._run(gyr, acc))

    def _run(self, gyr: np.ndarray, acc: np.ndarray) -> dict:
        """VQF over these samples, back to its usual time constant when the settling ends."""
        parts = []
        if self._relevel_pending and len(gyr):
            still = np.flatnonzero(rownorm(gyr) <= OFFSET_SETTLE_MOVING_RAD_S)
            n = int(still[0]) if still.size else len(gyr)
            if n:
                parts.append(self._vqf.updateBatch(np.ascontiguousarray(gyr[:n]),
                                                   np.ascontiguousarray(acc[:n])))
                gyr, acc = gyr[n:], acc[n:]
            if still.size:
                self._relevel_pending = False
                self._vqf.setTauAcc(OFFSET_SETTLE_TAU_ACC_S)
                self._settle_left = round(OFFSET_SETTLE_S * self.sample_rate_hz)
        if self._settle_left and len(gyr):
            # Only while the sensor stays still: during a movement a short time constant
            # would follow its accelerations.
            moving = np.flatnonzero(rownorm(gyr) > OFFSET_SETTLE_MOVING_RAD_S)
            n = min(self._settle_left, len(gyr), int(moving[0]) if moving.size else len(gyr))
            parts.append(self._vqf.updateBatch(np.ascontiguousarray(gyr[:n]),
                                               np.ascontiguousarray(acc[:n])))
            self._settle_left = 0 if n < min(self._settle_left, len(gyr)) else (
                self._settle_left - n)
            if not self._settle_left:
                self._vqf.setTauAcc(self._tau_acc)
            gyr, acc = gyr[n:], acc[n:]
        if len(gyr) or not parts:
            parts.append(self._vqf.updateBatch(np.ascontiguousarray(gyr),
                                               np.ascontiguousarray(acc)))
        return {key: np.concatenate([p[key] for p in parts])
                for key in ("quat6D", "bias", "restDetected")}

    @staticmethod
    def _output(time_s: np.ndarray, gyr: np.ndarray, out: dict) -> OrientationOutput:
        quat = out["quat6D"]
        return OrientationOutput(time_s=time_s, up=up_in_sensor_frame(quat),
                                 gyr_rad_s=gyr - out["bias"], rest=out["restDetected"],
                                 quat=quat)

    def _find_offset(self, gyr: np.ndarray, acc: np.ndarray) -> int:
        """Look for the first stillness sample by sample; returns the index in this batch
        after which the offset applies (the batch's length if not found)."""
        q = max(1, self._win // 4)
        for i in range(len(gyr)):
            self._gyr_win.append(gyr[i])
            self._acc_win.append(acc[i])
            self._seen += 1
            if self._seen >= self._give_up:
                self.offset_rad_s = np.zeros(3)
                return i + 1
            if len(self._gyr_win) < self._win:
                continue
            g = np.asarray(self._gyr_win)
            if g.std(axis=0).max() > OFFSET_MAX_SD_RAD_S:
                continue
            mean = g.mean(axis=0)
            a = np.asarray(self._acc_win)
            if (np.linalg.norm(mean) <= OFFSET_MAX_RAD_S and np.linalg.norm(
                    a[:q].mean(axis=0) - a[-q:].mean(axis=0)) <= OFFSET_MAX_TILT_M_S2):
                big = np.abs(mean).max() >= OFFSET_MIN_RAD_S
                self.offset_rad_s = mean if big else np.zeros(3)
                self._gyr_win.clear()
                self._acc_win.clear()
                return i + 1
        return len(gyr)
