"""How far a sensor rises and sinks: the signal that counts heel raises.

In a heel raise the lower leg hardly turns (a few degrees) but the whole body goes up by
several centimetres, so repetitions are counted on the vertical displacement of the shank
sensor rather than on an angle. It needs no calibration: the vertical is known from the
orientation filter.

Vertical acceleration = specific force along the earth's up direction minus the local
gravity reading (learnt while the sensor is still, so it absorbs the accelerometer's bias
along the vertical). It is integrated twice, with two safeguards that make double
integration usable for movements of a second or two:

- zero-velocity updates: whenever the sensor is still (slow rotation and no vertical
  acceleration for ``STILL_S``), its velocity is zero by definition;
- drift removal per movement: the velocity left over when the sensor comes to rest is the
  integrated error of that movement. Taking the error to have grown linearly over it (a
  constant bias, e.g. a sensor turned on its strap, which changes the bias's vertical share),
  the height of every sample of the movement is corrected before it is passed on.

The movement's samples are therefore held back until it ends (plus ``STILL_S``), which is
within the repetition detector's latency budget; a movement that never pauses is passed on
uncorrected after ``MAX_SEGMENT_S``. Processing is sample by sample, so the output does not
depend on how the input was batched.
"""

from __future__ import annotations

import numpy as np

from monitor.core.samples import GRAVITY_M_S2

STILL_GYR_RAD_S = 0.06      # 3.4 deg/s
STILL_ACC_M_S2 = 0.12
STILL_S = 0.1
GRAVITY_TIME_CONSTANT_S = 1.0
MAX_SEGMENT_S = 4.0


class RiseTracker:
    """Vertical displacement (mm) of one sensor from its orientation-filter output."""

    def __init__(self, rate_hz: float) -> None:
        self.rate_hz = float(rate_hz)
        self._dt = 1.0 / self.rate_hz
        self._g: float | None = None
        self._v = 0.0
        self._a_prev = 0.0
        self._h = 0.0
        self._still_n = 0
        self._need_still = max(1, round(STILL_S * self.rate_hz))
        self._max_seg = max(1, round(MAX_SEGMENT_S * self.rate_hz))
        # Samples of the current movement, not yet passed on.
        self._seg_t: list[float] = []
        self._seg_h: list[float] = []

    def update(self, time_s: np.ndarray, acc: np.ndarray, up: np.ndarray, gyr: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
        """Feed samples in order; returns (time, height_mm) of the samples now final."""
        a_up = np.einsum("ij,ij->i", np.asarray(acc, float), np.asarray(up, float))
        rate = np.linalg.norm(gyr, axis=1)
        out_t: list[float] = []
        out_h: list[float] = []
        dt = self._dt
        for t, a, w in zip(time_s.tolist(), a_up.tolist(), rate.tolist(), strict=True):
            if self._g is None:
                self._g = a if abs(a - GRAVITY_M_S2) < 1.0 else GRAVITY_M_S2
            av = a - self._g
            if w < STILL_GYR_RAD_S and abs(av) < STILL_ACC_M_S2:
                self._still_n += 1
            else:
                self._still_n = 0
            still = self._still_n >= self._need_still
            if still:
                self._g += (a - self._g) * min(1.0, dt / GRAVITY_TIME_CONSTANT_S)
                if self._seg_t:
                    self._close_segment(out_t, out_h)
                self._v = 0.0
                self._a_prev = 0.0
                out_t.append(t)
                out_h.append(self._h * 1000.0)
                continue
            # Trapezoidal integration (exact for piecewise-linear acceleration).
            v_new = self._v + 0.5 * (self._a_prev + av) * dt
            self._h += 0.5 * (self._v + v_new) * dt
            self._v = v_new
            self._a_prev = av
            self._seg_t.append(t)
            self._seg_h.append(self._h)
            if len(self._seg_t) >= self._max_seg:
                # No pause for a long time: pass the movement on as it is.
                out_t.extend(self._seg_t)
                out_h.extend(h * 1000.0 for h in self._seg_h)
                self._seg_t, self._seg_h = [], []
        return np.asarray(out_t), np.asarray(out_h)

    def _close_segment(self, out_t: list[float], out_h: list[float]) -> None:
        """The sensor came to rest: remove the drift of the movement that just ended."""
        n = len(self._seg_t)
        v_err = self._v                      # should be 0 now
        dur = n * self._dt
        k = np.arange(1, n + 1) * self._dt
        # Velocity error grew linearly (constant acceleration error v_err / dur), so the
        # height error is v_err * k^2 / (2 dur).
        corr = v_err * k * k / (2.0 * dur)
        h = np.asarray(self._seg_h) - corr
        self._h = float(h[-1])
        out_t.extend(self._seg_t)
        out_h.extend((h * 1000.0).tolist())
        self._seg_t, self._seg_h = [], []

    def flush(self) -> tuple[np.ndarray, np.ndarray]:
        """End of the recording: pass on a movement still held back."""
        t, h = np.asarray(self._seg_t), np.asarray(self._seg_h) * 1000.0
        self._seg_t, self._seg_h = [], []
        return t, h
