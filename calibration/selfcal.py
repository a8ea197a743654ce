"""Calibration from the movement itself: no alignment by the therapist needed.

- The rest direction of gravity comes from the still period in the start posture.
- The movement axis is the principal axis of the (bias-corrected) angular rate while the
  segment moves: a hinge-like exercise rotates each segment about one axis (the same idea as
  the joint-axis estimation of Seel, Schauer & Raisch, "Joint axis and position estimation
  from inertial measurement data by exploiting kinematic constraints", IEEE CCA 2012, reduced
  to one segment).
- Its sign makes the first excursion go the way the exercise says (or positive, when the
  exercise is unknown); the distal axis follows from the start posture's known inclination.

:class:`AxisLearner` does this online, sample by sample, for live use and for counting any
movement (``--exercise none``); :func:`calibrate_sensor` does it offline on a recording.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from calibration.mounting import Mounting, rotation_about

STILL_RATE_RAD_S = 0.15      # below this the sensor counts as still (8.6 deg/s)
MOVING_RATE_RAD_S = 0.3      # above this a sample informs the movement axis (17 deg/s)
MIN_ROTATION_RAD = np.radians(40.0)  # rotation seen before an axis is trusted
SIGN_WINDOW_S = 30.0                 # the largest excursion in this window fixes the sign


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v)
    return v / n if n > 0 else v


def rest_down(up: np.ndarray, gyr: np.ndarray, rate_hz: float, max_s: float = 2.0
              ) -> np.ndarray:
    """Gravity direction (down) in the sensor frame during the initial still period."""
    still = np.linalg.norm(gyr, axis=1) < STILL_RATE_RAD_S
    n_max = max(1, int(max_s * rate_hz))
    first_move = np.flatnonzero(~still[:n_max])
    n = first_move[0] if first_move.size else min(n_max, len(up))
    n = max(n, 1)
    return _unit(-up[:n].mean(axis=0))


def signed_rotation(axis: np.ndarray, down_ref: np.ndarray, up: np.ndarray) -> np.ndarray:
    """Segment rotation (rad) about ``axis`` since the reference, from gravity directions.

    The world's down direction turns by -delta in the sensor frame when the segment turns
    by +delta about the axis.
    """
    ref = _unit(down_ref - axis * (axis @ down_ref))
    down = -up
    y = np.cross(down, ref) @ axis
    x = down @ ref
    return np.arctan2(y, x)


@dataclass
class AxisEstimate:
    axis: np.ndarray
    quality: float            # share of the rotation about the principal axis (0..1)
    rotation_rad: float       # accumulated rotation that informed it


def principal_axis(gyr: np.ndarray) -> AxisEstimate | None:
    moving = np.linalg.norm(gyr, axis=1) > MOVING_RATE_RAD_S
    g = gyr[moving]
    if len(g) < 3:
        return None
    cov = g.T @ g
    w, v = np.linalg.eigh(cov)
    return AxisEstimate(axis=v[:, -1], quality=float(w[-1] / max(w.sum(), 1e-12)),
                        rotation_rad=float(np.abs(g @ v[:, -1]).sum()))


class AxisLearner:
    """Online estimate of one sensor's movement axis and rest direction.

    Feed orientation output in order; :attr:`ready` turns true once enough movement was
    seen. Then :meth:`angle_deg` gives the rotation from the rest posture about the axis,
    signed so that the first excursion is positive. Everything depends on samples only, not
    on how they were batched.
    """

    def __init__(self, rate_hz: float) -> None:
        self.rate_hz = rate_hz
        self._cov = np.zeros((3, 3))
        self._rot = 0.0
        self._down_sum = np.zeros(3)
        self._rest_done = False
        self._down_ref: np.ndarray | None = None
        self.axis: np.ndarray | None = None
        self.quality = 0.0
        self._n = 0

    @property
    def ready(self) -> bool:
        return self.axis is not None

    def update(self, up: np.ndarray, gyr: np.ndarray) -> None:
        """Learn from samples (before the axis is fixed; afterwards this is a no-op)."""
        if self.ready or len(up) == 0:
            return
        rate = np.linalg.norm(gyr, axis=1)
        if not self._rest_done:
            moving = np.flatnonzero(rate >= STILL_RATE_RAD_S)
            n_still = moving[0] if moving.size else len(up)
            max_n = int(2.0 * self.rate_hz) - self._n
            n_still = max(0, min(n_still, max_n))
            self._down_sum += -up[:n_still].sum(axis=0)
            if n_still < len(up):
                self._rest_done = True
                if not self._down_sum.any():
                    self._down_sum = -up[0].copy()
            self._down_ref = _unit(self._down_sum)
        self._n += len(up)
        mov = rate > MOVING_RATE_RAD_S
        g = gyr[mov]
        self._cov += g.T @ g
        self._rot += float(rate[mov].sum()) / self.rate_hz
        if self._rot >= MIN_ROTATION_RAD:
            w, v = np.linalg.eigh(self._cov)
            self.axis = v[:, -1]
            self.quality = float(w[-1] / max(w.sum(), 1e-12))

    def orient_sign(self, up_history: np.ndarray) -> None:
        """Make the largest excursion so far positive (a small positioning blip before the
        first repetition must not decide the direction)."""
        psi = signed_rotation(self.axis, self._down_ref, up_history)
        if psi.size and psi[np.argmax(np.abs(psi))] < 0:
            self.axis = -self.axis

    def angle_deg(self, up: np.ndarray) -> np.ndarray:
        return np.degrees(signed_rotation(self.axis, self._down_ref, up))

    def mounting(self) -> Mounting:
        """The mounting this learner implies (distal = rest direction of gravity)."""
        return Mounting(axis=self.axis, distal=_unit(self._down_ref - self.axis
                                                     * (self.axis @ self._down_ref)),
                        source="self-calibrated", quality=self.quality)


def calibrate_sensor(up: np.ndarray, gyr: np.ndarray, rate_hz: float, expected_sign: int,
                     start_deg: float, max_motion_s: float = 90.0) -> Mounting | None:
    """Offline calibration of one sensor from a recording that starts in the start posture.

    ``expected_sign`` is the direction the segment angle takes in the first phase of the
    exercise (+1 / -1), ``start_deg`` the segment's angle in the start posture. Returns None
    when the segment hardly moves (its angle cannot be measured, only assumed).
    """
    down_ref = rest_down(up, gyr, rate_hz)
    n = min(len(gyr), int(max_motion_s * rate_hz))
    est = principal_axis(gyr[:n])
    if est is None or est.rotation_rad / rate_hz < MIN_ROTATION_RAD:
        return None
    axis = est.axis
    psi = signed_rotation(axis, down_ref, up[:min(n, int(SIGN_WINDOW_S * rate_hz))])
    if psi.size and np.sign(psi[np.argmax(np.abs(psi))]) != (expected_sign or 1):
        axis = -axis
    ref = _unit(down_ref - axis * (axis @ down_ref))
    distal = rotation_about(axis, ref, np.radians(start_deg))
    return Mounting(axis=axis, distal=distal, source="self-calibrated", quality=est.quality)
