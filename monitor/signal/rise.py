"""How far a sensor rises and sinks: the signal that counts heel raises.

In a heel raise the lower leg hardly turns (a few degrees) but the whole body goes up by
several centimetres, so repetitions are counted on the vertical displacement of the shank
sensor rather than on an angle. It needs no calibration: the vertical is known from the
orientation filter.

Vertical acceleration = specific force along the earth's up direction minus the local
gravity reading (learnt while the sensor is still, so it absorbs the accelerometer's bias
along the vertical). It is integrated twice, with two safeguards that make double
integration usable for movements of a second or two:

- zero-velocity updates: whenever the sensor is still, its velocity is zero by definition.
  Still means: over the last ``STILL_S`` the rms turn and rms vertical acceleration are
  small, and the means show neither a steady turn nor a steady vertical acceleration. The
  means matter for slow heel raises (3 s up): their acceleration (about 0.04 m/s^2) is
  within a single sample's noise and their steady turn (the shank tilts forward by a few
  degrees, 1-3 deg/s) below a single sample's threshold, and a zero-velocity update in the
  middle of such a movement would erase it. A sensor whose means stay above the thresholds
  at rest (a gyroscope bias not yet learnt) is taken as still after ``FORCE_STILL_S``
  without a sample that turns or accelerates noticeably;
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

from collections import deque

import numpy as np

from monitor.core.samples import GRAVITY_M_S2

STILL_GYR_RAD_S = 0.04      # 2.3 deg/s, rms over the window
STILL_ACC_M_S2 = 0.08        # rms over the window
STILL_S = 0.15
STILL_MEAN_GYR_RAD_S = 0.014  # 0.8 deg/s, mean turn over the window
STILL_MEAN_ACC_M_S2 = 0.03   # mean vertical acceleration over the window
FORCE_STILL_S = 1.0
# The first sample of a recording is in movement if it turns faster than any gyroscope's
# offset (commodity sensors: up to 5 deg/s per axis) or its specific force is off gravity
# by more than a sensor's noise and offset.
START_MOVING_RAD_S = 0.2
START_MOVING_M_S2 = 0.3
# Before the gravity reading is known, a window whose vertical acceleration spreads by less
# than this many times STILL_ACC_M_S2 (rms about its mean) is steady enough to learn it
# from: a noisier sensor at rest spreads by up to about STILL_ACC_M_S2, a lower leg in the
# middle of a quick heel raise by several times that.
STEADY_SPREAD_OF_STILL = 2.0
LOST_S = 3.0                 # longer than a slow repetition's movement without a pause
GRAVITY_TIME_CONSTANT_S = 1.0
GRAVITY_FIRST_TIME_CONSTANT_S = 0.3
MAX_SEGMENT_S = 4.0
MAX_STEP_S = 0.5             # longest interval between samples integrated over (lost samples)
GAP_PERIODS = 1.75           # an interval this many sample periods long has lost samples
RESTART_GAP_S = 0.1          # samples lost for longer: the stillness window starts afresh


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
        self._need_still = max(2, round(STILL_S * self.rate_hz))
        self._need_force = max(self._need_still, round(FORCE_STILL_S * self.rate_hz))
        self._steady_seen = False
        self._ever_steady = False
        self._since_still = 0
        self._need_lost = round(LOST_S * self.rate_hz)
        # Sums over the last ``_need_still`` samples (vertical acceleration, angular rate,
        # and their squares).
        self._win: deque = deque()
        self._sum_a = 0.0
        self._sum_w = np.zeros(3)
        self._sum_a2 = 0.0
        self._sum_w2 = 0.0
        self._max_seg = max(1, round(MAX_SEGMENT_S * self.rate_hz))
        # Samples of the current movement, not yet passed on.
        self._seg_t: list[float] = []
        self._seg_h: list[float] = []
        self._seg_dt: list[float] = []
        self._t_prev: float | None = None
        # The current movement came out of a silence in movement (its velocity then is not
        # known), and the height it started from.
        self._seg_moving_start = False
        self._seg_h0 = 0.0
        self._w_prev = 0.0

    def update(self, time_s: np.ndarray, acc: np.ndarray, up: np.ndarray, gyr: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
        """Feed samples in order; returns (time, height_mm) of the samples now final."""
        a_up = np.einsum("ij,ij->i", np.asarray(acc, float), np.asarray(up, float))
        gyr = np.asarray(gyr, float)
        rate = np.linalg.norm(gyr, axis=1)
        out_t: list[float] = []
        out_h: list[float] = []
        n_win = self._need_still
        norm = np.linalg.norm(np.asarray(acc, float), axis=1)
        for t, a, w, wv, a_norm in zip(time_s.tolist(), a_up.tolist(), rate.tolist(), gyr,
                                       norm.tolist(), strict=True):
            # Integration over the time since the last sample: a lost sample's interval is
            # still part of the movement (at most MAX_STEP_S: beyond, nothing is known).
            self._t_prev_was_none = self._t_prev is None
            raw_dt = self._dt if self._t_prev is None else max(t - self._t_prev, 0.0)
            dt = min(raw_dt, MAX_STEP_S)
            self._t_prev = t
            if self._t_prev_was_none:
                # The recording may start in movement (cut out of a longer set): its
                # velocity then is not known either. (Judged more strictly than after a
                # silence: a gyroscope's offset is not known yet at the start.)
                self._t_prev_was_none = False
                self._seg_moving_start = (w >= START_MOVING_RAD_S
                                          or abs(a_norm - GRAVITY_M_S2) >= START_MOVING_M_S2)
            if raw_dt > MAX_STEP_S:
                # A silence too long to integrate over (a sensor out of range, or a set
                # kept only repetition by repetition): the movement before it ends there,
                # and the next starts afresh from zero velocity. (Integrating on would carry
                # the unknown velocity into every later repetition: none would be counted.)
                # Where the sensor was moving at either side of the silence, its velocity
                # there is not known (see _close_segment).
                if self._seg_t:
                    self._close_segment(out_t, out_h, self._w_prev >= STILL_GYR_RAD_S)
                self._v = 0.0
                self._a_prev = 0.0
                self._since_still = 0
                self._seg_moving_start = w >= STILL_GYR_RAD_S
                dt = 0.0             # nothing is integrated across the silence
            self._w_prev = w
            if dt > max(GAP_PERIODS * self._dt, RESTART_GAP_S):
                # Samples were lost for a while: the sensor may have started to move
                # meanwhile, so the stillness before the gap says nothing about now. (A
                # sample or two lost is too short for that; restarting the window then only
                # delays the report of a repetition that has just ended.)
                self._win.clear()
                self._sum_a = 0.0
                self._sum_w = np.zeros(3)
                self._sum_a2 = self._sum_w2 = 0.0
                self._still_n = 0
            if self._g is None:
                # The first reading is the local gravity only if the sensor is still then:
                # a recording that starts in movement (a repetition cut from a longer set)
                # reads its acceleration too (0.7 m/s^2 taken for gravity put a lower leg
                # 50 cm higher after each heel raise).
                self._g = a if (abs(a - GRAVITY_M_S2) < 1.0
                                and w < STILL_GYR_RAD_S) else GRAVITY_M_S2
            av = a - self._g
            self._win.append((av, wv, w))
            self._sum_a += av
            self._sum_w += wv
            self._sum_a2 += av * av
            self._sum_w2 += w * w
            if len(self._win) > n_win:
                old_a, old_w, old_r = self._win.popleft()
                self._sum_a -= old_a
                self._sum_w -= old_w
                self._sum_a2 -= old_a * old_a
                self._sum_w2 -= old_r * old_r
            # Calm: the window's rms turn and rms vertical acceleration are small (rms, not
            # every sample: a noisier sensor, or a higher rate, has more samples that stray).
            calm = (len(self._win) == n_win
                    and self._sum_w2 / n_win < STILL_GYR_RAD_S ** 2
                    and max(0.0, self._sum_a2) / n_win < STILL_ACC_M_S2 ** 2)
            if calm:
                self._still_n = max(self._still_n + 1, n_win)
            else:
                self._still_n = 0
                self._steady_seen = False
            quiet = (self._still_n >= n_win
                     and float(np.linalg.norm(self._sum_w)) / n_win < STILL_MEAN_GYR_RAD_S)
            # No zero-velocity update for a long time: the means cannot be trusted (the
            # gyroscope's residual bias exceeds them); fall back on quiet samples alone.
            lost = self._since_still > self._need_lost
            # The window as calm, judged on the spread of the vertical acceleration rather
            # than on its size (which needs the gravity reading).
            spread = (self._sum_a2 - self._sum_a * self._sum_a / n_win) / n_win
            steady_acc = (len(self._win) == n_win
                          and self._sum_w2 / n_win < STILL_GYR_RAD_S ** 2
                          and spread < (STEADY_SPREAD_OF_STILL * STILL_ACC_M_S2) ** 2)
            if not self._ever_steady and w < STILL_GYR_RAD_S and steady_acc:
                # Not yet found still once: the first reading (a single noisy sample, or
                # none taken: the recording started in movement) may be too far off for
                # any sample to look quiet, so every slowly turning sample whose vertical
                # acceleration stays steady teaches the gravity reading (not a slowly
                # turning lower leg in the middle of a heel raise).
                self._g += (a - self._g) * min(1.0, dt / GRAVITY_FIRST_TIME_CONSTANT_S)
            elif quiet or (self._still_n >= n_win and lost):
                # Not turning: the local gravity reading is learnt (a steady movement without
                # a turn reads gravity too, so this cannot be fooled into a wrong value).
                self._g += (a - self._g) * min(1.0, dt / GRAVITY_TIME_CONSTANT_S)
            still = quiet and abs(self._sum_a) / n_win < STILL_MEAN_ACC_M_S2
            # Quiet samples for a long time without ever looking steady: the means are off
            # (a gyroscope bias not learnt yet), not a movement. (After a steady hold the
            # means do tell: a slow movement that starts out of it is not forced still.)
            self._steady_seen = self._steady_seen or still
            self._ever_steady = self._ever_steady or still
            still = still or (self._still_n >= self._need_force and not self._steady_seen) or (
                lost and self._still_n >= n_win)
            if still:
                self._since_still = 0
                if self._seg_t:
                    self._close_segment(out_t, out_h)
                self._seg_moving_start = False
                self._v = 0.0
                self._a_prev = 0.0
                out_t.append(t)
                out_h.append(self._h * 1000.0)
                continue
            self._since_still += 1
            if not self._seg_t:
                self._seg_h0 = self._h
            # Trapezoidal integration (exact for piecewise-linear acceleration).
            v_new = self._v + 0.5 * (self._a_prev + av) * dt
            self._h += 0.5 * (self._v + v_new) * dt
            self._v = v_new
            self._a_prev = av
            self._seg_t.append(t)
            self._seg_h.append(self._h)
            self._seg_dt.append(dt)
            if len(self._seg_t) >= self._max_seg:
                # No pause for a long time: pass the movement on as it is.
                out_t.extend(self._seg_t)
                out_h.extend(h * 1000.0 for h in self._seg_h)
                self._seg_t, self._seg_h, self._seg_dt = [], [], []
        return np.asarray(out_t), np.asarray(out_h)

    def _close_segment(self, out_t: list[float], out_h: list[float],
                       end_moving: bool = False) -> None:
        """The sensor came to rest (or went silent): remove the drift of the movement that
        just ended.

        Out of a silence in movement, the velocity it started with is not known: at rest at
        its end, the velocity left over is that unknown start (taken off as a constant);
        silent in movement at its end too (a repetition cut out of a longer set), neither
        velocity is known, and the movement is taken to come back to the height it started
        from, as a heel raise does (the trend between its ends is taken off). Moving into a
        silence after a start at rest, nothing is known about its end: left as it is."""
        dt = np.asarray(self._seg_dt)
        if dt.sum() <= 0:
            # Only the first sample after a silence: nothing was integrated.
            self._seg_moving_start, end_moving = False, True
        if self._seg_moving_start or end_moving:
            h = np.asarray(self._seg_h)
            if self._seg_moving_start and not end_moving:
                h = h - self._v * np.cumsum(dt)
            elif self._seg_moving_start:
                h = h - (h[-1] - self._seg_h0) * np.cumsum(dt) / dt.sum()
            self._h = float(h[-1])
            out_t.extend(self._seg_t)
            out_h.extend((h * 1000.0).tolist())
            self._seg_t, self._seg_h, self._seg_dt = [], [], []
            return
        v_err = self._v                      # should be 0 now
        # Where the velocity error came from: a constant acceleration error (a bias) makes
        # it grow linearly over the movement; but where samples were lost the acceleration
        # in between is unknown, and that is where the error is (a sample lost in the
        # middle of a heel raise's descent takes a share of its acceleration with it).
        # Weights: a bias adds to the error at a steady rate; a gap, where the acceleration
        # was interpolated, adds what the interpolation missed, which grows with the cube of
        # its length (a sample or two: little; a few tenths of a second: nearly all of it).
        periods = dt / self._dt
        grows = np.where(periods > GAP_PERIODS, dt * periods * periods, dt)
        v_e = v_err * np.cumsum(grows) / grows.sum()
        corr = np.cumsum(0.5 * (np.concatenate([[0.0], v_e[:-1]]) + v_e) * dt)
        h = np.asarray(self._seg_h) - corr
        self._h = float(h[-1])
        out_t.extend(self._seg_t)
        out_h.extend((h * 1000.0).tolist())
        self._seg_t, self._seg_h, self._seg_dt = [], [], []

    def flush(self) -> tuple[np.ndarray, np.ndarray]:
        """End of the recording: pass on a movement still held back (ending in movement,
        like one that goes silent)."""
        out_t: list[float] = []
        out_h: list[float] = []
        if self._seg_t:
            self._close_segment(out_t, out_h, end_moving=True)
        return np.asarray(out_t), np.asarray(out_h)
