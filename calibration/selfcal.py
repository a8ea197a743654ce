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

import math
from dataclasses import dataclass

import numpy as np

from calibration.mounting import Mounting, rotation_about
from monitor.core.rotations import (
    quaternion_conjugate,
    quaternion_product,
    rotate_vectors,
    rowdot,
)

STILL_RATE_RAD_S = 0.15      # below this the sensor counts as still (8.6 deg/s)
MOVING_RATE_RAD_S = 0.12     # above this a sample informs the movement axis (7 deg/s)
# Offline, with the whole start of a recording at hand, slower movement informs the axis
# too (a thigh that moves 5 deg while the knee bends).
SLOW_MOVING_RATE_RAD_S = 0.05
MIN_ROTATION_RAD = np.radians(40.0)  # rotation seen before an axis is trusted
# A segment the exercise turns by a few degrees only: slower turns count (still well above
# a gyroscope's noise of a few tenths of a deg/s) and less turning in all is needed.
SMALL_MOVING_RATE_RAD_S = 0.02
SMALL_MIN_ROTATION_RAD = np.radians(15.0)
SIGN_WINDOW_S = 30.0                 # the largest excursion in this window fixes the sign
MIN_PART_TURN_DEG = 1.0              # a stretch of movement turning less does not vote
OUTLIER_AXIS_DEG = 15.0              # rate-squared vs angle-weighted axis (see principal_axis)
# A movement axis this close to the vertical at rest: gravity hardly turns about it (not at
# all when exactly vertical), so the turn is taken from the orientation (heading) instead.
VERTICAL_AXIS_DEG = 10.0
# Counting any movement, the segment may turn about several axes at once (a lying leg raise
# that also swings out and rolls): about its main axis it may then go out and back twice in
# one repetition. Where it does so within more than WHOLE_DOUBLED_SHARE of the excursions of
# the whole rotation from the rest posture (at least WHOLE_MIN_EXCURSIONS of them), the
# whole rotation is measured instead.
WHOLE_DOUBLED_SHARE = 0.5
WHOLE_MIN_EXCURSIONS = 2
EXCURSION_MIN_DEG = 5.0        # an excursion (the smallest any movement counted)...
EXCURSION_RETURN = 0.6         # ... goes out this far, then this share of the way back
# The whole rotation includes the turn about the vertical, which only the gyroscope sees
# (it drifts: up to 1 deg/s in real recordings before the filter has learnt its bias).
# What the heading does while the segment is still (below HEADING_STILL_RAD_S) is drift,
# and is not counted; where the segment rests in its rest posture (gravity within
# HEADING_POSTURE_DEG of where it was at rest), the heading is taken as the rest's, with
# the time constant HEADING_FOLLOW_S (what drifted during the movements, or a leg put down
# turned a little). Not at a hold away from the rest posture: a lower leg held turned out
# at the top of a heel raise tilts by a few degrees only.
HEADING_FOLLOW_S = 1.0
HEADING_STILL_RAD_S = 0.05
HEADING_POSTURE_DEG = 2.0
LEVER_MIN_RATE_RAD_S = 0.5     # samples turning this fast show the centripetal acceleration
LEVER_MIN_MOVING_S = 0.5       # ... and this many seconds of them are needed
LEVER_MIN_M = 0.05             # a sensor on a leg sits this far from the joint at least
LEVER_MAX_M = 0.6              # ... and at most


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


def is_vertical(axis: np.ndarray, down: np.ndarray) -> bool:
    """Is the movement axis within ``VERTICAL_AXIS_DEG`` of gravity's direction?"""
    return abs(float(axis @ _unit(down))) >= np.cos(np.radians(VERTICAL_AXIS_DEG))


def any_perpendicular(axis: np.ndarray) -> np.ndarray:
    """A unit vector perpendicular to ``axis`` (from the sensor axis least along it)."""
    e = np.eye(3)[int(np.argmin(np.abs(axis)))]
    return _unit(e - axis * (axis @ e))


def gyro_turn(axis: np.ndarray, gyr: np.ndarray, rate_hz: float) -> np.ndarray:
    """Turn (rad) about ``axis`` since the first sample, integrated from the angular rate."""
    return np.cumsum(rowdot(gyr, axis)) / rate_hz


def lever_arm(time_s: np.ndarray, acc: np.ndarray, up: np.ndarray, gyr: np.ndarray,
              axis: np.ndarray) -> np.ndarray | None:
    """Where the sensor sits from the joint its segment turns about (m, sensor frame, the
    part across the axis), for a segment turning about a joint that stays put.

    A point at r from the pivot accelerates by alpha (a x r) - omega^2 r: least squares over
    the faster samples (rate about the axis above LEVER_MIN_RATE_RAD_S), gravity taken off
    with the orientation's vertical and the sensor's own gravity reading at rest. The
    result points from the joint along the segment (off by the sensor's distance from the
    bone: 5-25 deg for a sensor on the front of the shin or the side of the thigh). None
    when the movement is too slow or the fit implausible (not a fixed pivot).
    """
    rate_hz = (len(time_s) - 1) / max(float(time_s[-1] - time_s[0]), 1e-9)
    w = rowdot(gyr, axis)
    moving = np.abs(w) > LEVER_MIN_RATE_RAD_S
    still = np.linalg.norm(gyr, axis=1) < STILL_RATE_RAD_S
    if moving.sum() < LEVER_MIN_MOVING_S * rate_hz or not still.any():
        return None
    g = float(np.median(np.linalg.norm(acc[still], axis=1)))
    lin = acc - g * up
    alpha = np.gradient(w, time_s)
    e1 = any_perpendicular(axis)
    e2 = np.cross(axis, e1)
    w2, al = w[moving] ** 2, alpha[moving]
    a = np.concatenate([np.stack([-w2, -al], axis=1), np.stack([al, -w2], axis=1)])
    y = np.concatenate([rowdot(lin[moving], e1), rowdot(lin[moving], e2)])
    (r1, r2), *_ = np.linalg.lstsq(a, y, rcond=None)
    r = r1 * e1 + r2 * e2
    length = float(np.linalg.norm(r))
    return r if LEVER_MIN_M <= length <= LEVER_MAX_M else None


def signed_rotation(axis: np.ndarray, down_ref: np.ndarray, up: np.ndarray) -> np.ndarray:
    """Segment rotation (rad) about ``axis`` since the reference, from gravity directions.

    The world's down direction turns by -delta in the sensor frame when the segment turns
    by +delta about the axis.
    """
    ref = _unit(down_ref - axis * (axis @ down_ref))
    down = -up
    y = rowdot(np.cross(down, ref), axis)
    x = rowdot(down, ref)
    return np.arctan2(y, x)


@dataclass
class AxisEstimate:
    axis: np.ndarray
    quality: float            # share of the rotation about the principal axis (0..1)
    rotation_rad: float       # accumulated rotation that informed it


def principal_axis(gyr: np.ndarray, moving_rate_rad_s: float = MOVING_RATE_RAD_S,
                   rate_hz: float | None = None) -> AxisEstimate | None:
    """Main rotation axis of the moving samples.

    The axis that carries most of the squared angular rate is the efficient estimate for
    clean movement. A brief fast turn about another axis - a sensor adjusted on its strap
    during a recording - can dominate that square, though, when the exercise itself turns the
    segment only a little (a heel raise: a few degrees). Weighing each sample by the angle it
    turns (|g| dt) instead is robust to that; when the two estimates disagree by more than
    ``OUTLIER_AXIS_DEG``, such a burst is present and the robust one is used. (On clean
    recordings they agree within a few degrees: 8 deg at most on the moving segments of the
    UCI recordings, 0.4 deg on the simulator.)
    With ``rate_hz`` given, stretches that turn by less than ``MIN_PART_TURN_DEG`` do not
    vote: a gyroscope offset not yet taken off lifts noise above the threshold in many
    short stretches that all point along the offset.
    """
    moving = np.linalg.norm(gyr, axis=1) > moving_rate_rad_s
    g = gyr[moving]
    if len(g) < 3:
        return None
    w, v = np.linalg.eigh(g.T @ g)
    gw = g / np.sqrt(np.linalg.norm(g, axis=1))[:, None]
    w_a, v_a = np.linalg.eigh(gw.T @ gw)
    cos_out = np.cos(np.radians(OUTLIER_AXIS_DEG))
    if abs(float(v[:, -1] @ v_a[:, -1])) < cos_out:
        w, v = w_a, v_a
    shared = _shared_axis(gyr, moving, rate_hz)
    if shared is not None and abs(float(v[:, -1] @ shared[1][:, -1])) < cos_out:
        w, v = shared
    return AxisEstimate(axis=v[:, -1], quality=float(w[-1] / max(w.sum(), 1e-12)),
                        rotation_rad=float(np.abs(g @ v[:, -1]).sum()))


def _shared_axis(gyr: np.ndarray, moving: np.ndarray, rate_hz: float | None = None
                 ) -> tuple[np.ndarray, np.ndarray] | None:
    """Eigen-decomposition of the movements that share one axis, if most of them do.

    Every stretch of movement (a repetition's phases, a strap being adjusted) votes with its
    own main axis; the axis most movements share wins, whatever their size. One large turn
    about another axis - a sensor adjusted on its strap during a set of small movements,
    larger than all of them together - is outvoted where the squared rate and the turned
    angle are not. None with fewer than three movements or no majority.
    """
    edges = np.flatnonzero(np.diff(np.concatenate([[0], moving.astype(np.int8), [0]])))
    parts = [gyr[a:b] for a, b in zip(edges[0::2], edges[1::2], strict=True) if b - a >= 3]
    if rate_hz is not None:
        least = np.radians(MIN_PART_TURN_DEG) * rate_hz
        parts = [p for p in parts if np.linalg.norm(p, axis=1).sum() >= least]
    if len(parts) < 3:
        return None
    grams = [p.T @ p for p in parts]
    axes = np.array([np.linalg.eigh(m)[1][:, -1] for m in grams])
    agree = np.abs(axes @ axes.T) >= np.cos(np.radians(OUTLIER_AXIS_DEG))
    support = agree.sum(axis=1)
    best = int(np.argmax(support))
    if support[best] * 2 <= len(parts):
        return None
    return np.linalg.eigh(sum(m for m, ok in zip(grams, agree[best], strict=True) if ok))


def _between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The shortest rotation (quaternion) that takes unit vector ``a`` to unit vector ``b``."""
    c = float(np.clip(a @ b, -1.0, 1.0))
    if c < -1.0 + 1e-12:
        return np.array([0.0, *any_perpendicular(a)])
    v = np.cross(a, b)
    q = np.array([1.0 + c, *v])
    return q / np.linalg.norm(q)


class RestRotation:
    """The whole rotation (deg, 0..180) of a sensor from its rest orientation, sample by
    sample: for a segment that turns about several axes at once, where no one axis
    carries the movement.

    The rest orientation has the rest posture's direction of gravity (``up_rest``, sensor
    frame) and, to begin with, the heading of the first orientation seen. It turns with the
    sensor's heading while the sensor is still (drift of the gyroscope's bias about the
    vertical), and takes on the sensor's heading where the segment rests in its rest
    posture (HEADING_FOLLOW_S): what drifted during the movements, or a leg put down
    turned a little, is its new rest. The result depends on the samples only, never on how
    they were batched.
    """

    def __init__(self, rate_hz: float, up_rest: np.ndarray) -> None:
        self.up_rest = _unit(np.asarray(up_rest, dtype=float))
        self._gain = min(1.0, 1.0 / (rate_hz * HEADING_FOLLOW_S))
        self._posture_cos = float(np.cos(np.radians(HEADING_POSTURE_DEG)))
        self._ref_conj: np.ndarray | None = None
        self._heading = 0.0       # rad, the rest's heading from the first orientation's
        self._twist: float | None = None    # the last sample's heading, likewise

    def update(self, quat: np.ndarray, up: np.ndarray, gyr: np.ndarray) -> np.ndarray:
        """Angles (deg) for orientations ``quat`` (sensor to earth, w x y z), with the
        earth's up ``up`` and the angular rate ``gyr`` (rad/s) in the sensor frame."""
        if len(quat) == 0:
            return np.empty(0)
        if self._ref_conj is None:
            u0 = _unit(np.asarray(up[0], dtype=float))
            ref = quaternion_product(quat[0], _between(self.up_rest, u0))
            self._ref_conj = quaternion_conjugate(ref)
        # The rotation from the rest to each orientation, in the earth frame: a swing about
        # a horizontal axis after a twist about the vertical (the heading's part).
        x = quaternion_product(quat, self._ref_conj)
        twist = 2.0 * np.arctan2(x[:, 3], x[:, 0])
        swing_w = np.sqrt(x[:, 0] ** 2 + x[:, 3] ** 2)
        rate = np.sqrt(gyr[:, 0] ** 2 + gyr[:, 1] ** 2 + gyr[:, 2] ** 2)
        still = rate < HEADING_STILL_RAD_S
        at_rest = still & (rowdot(up, self.up_rest) >= self._posture_cos)
        heading = np.empty(len(quat))
        h, gain, last = self._heading, self._gain, self._twist
        two_pi = 2.0 * math.pi
        for i, (tw, st, rest) in enumerate(zip(twist.tolist(), still.tolist(),
                                               at_rest.tolist(), strict=True)):
            if st and last is not None:
                h += math.remainder(tw - last, two_pi)
            if rest:
                h += gain * math.remainder(tw - h, two_pi)
            heading[i] = h
            last = tw
        self._heading, self._twist = h, last
        w = np.clip(swing_w * np.abs(np.cos(0.5 * (twist - heading))), 0.0, 1.0)
        return np.degrees(2.0 * np.arccos(w))


def integrated_orientation(up: np.ndarray, gyr: np.ndarray, rate_hz: float) -> np.ndarray:
    """Orientations (sensor to earth, w x y z) from the angular rate, levelled to the
    earth-up directions ``up`` at every sample (what the orientation filter gives, up to
    its heading), for a calibration that has only those."""
    n = len(gyr)
    out = np.empty((n, 4))
    if n == 0:
        return out
    half = 0.5 * np.asarray(gyr, dtype=float) / rate_hz
    ang = np.linalg.norm(half, axis=1)
    s = np.where(ang > 1e-12, np.sin(ang) / np.where(ang > 1e-12, ang, 1.0), 1.0)
    steps = np.column_stack([np.cos(ang), half * s[:, None]]).tolist()
    w, x, y, z = _between(_unit(up[0]), np.array([0.0, 0.0, 1.0])).tolist()
    for i, (dw, dx, dy, dz) in enumerate(steps):
        out[i] = (w, x, y, z)
        w, x, y, z = (w * dw - x * dx - y * dy - z * dz, w * dx + x * dw + y * dz - z * dy,
                      w * dy - x * dz + y * dw + z * dx, w * dz + x * dy - y * dx + z * dw)
    # Level each: the shortest earth-frame turn that puts its up where gravity says.
    seen = rotate_vectors(out, _unit_rows(up))
    z_axis = np.array([0.0, 0.0, 1.0])
    level = np.array([_between(v, z_axis) for v in seen])
    q = quaternion_product(level, out)
    return q / np.linalg.norm(q, axis=1)[:, None]


def _unit_rows(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=1)
    return v / np.where(n > 0, n, 1.0)[:, None]


def excursions(x: np.ndarray, min_deg: float = EXCURSION_MIN_DEG,
               back: float = EXCURSION_RETURN) -> list[tuple[int, int]]:
    """Where ``x`` (deg) goes out (up) by at least ``min_deg`` from its lowest level since
    the last excursion and comes ``back`` that share of the way: (index where it left
    that level, index where it was back) of each; the repetitions a signal shows, roughly
    as the repetition detector sees them."""
    out: list[tuple[int, int]] = []
    moving = False
    base = peak = float(x[0]) if len(x) else 0.0
    i_base = 0
    for i, v in enumerate(x.tolist()):
        if not moving:
            if v < base:
                base, i_base = v, i
            elif v - base >= min_deg:
                moving, peak = True, v
        elif v > peak:
            peak = v
        elif v <= peak - back * (peak - base):
            out.append((i_base, i))
            moving, base, i_base = False, v, i
    return out


def turns_about_several_axes(main_deg: np.ndarray, whole_deg: np.ndarray) -> bool:
    """Does the movement turn about several axes at once, so that the turn about its main
    axis (``main_deg``, positive outwards) goes out and back twice for most excursions of
    the whole rotation from the rest posture (``whole_deg``)?

    Each excursion of the whole rotation owns the main axis' excursions that end from its
    start to the next one's start: one where the main axis carries the movement, two where
    it doubles (many where the whole rotation never came back: a heading that drifted)."""
    whole = excursions(whole_deg)
    if len(whole) < WHOLE_MIN_EXCURSIONS:
        return False
    ends = np.array([b for _a, b in excursions(main_deg)])
    starts = [a for a, _b in whole] + [len(whole_deg)]
    owned = np.histogram(ends, bins=starts)[0] if ends.size else np.zeros(len(whole))
    return int(np.sum(owned == 2)) > WHOLE_DOUBLED_SHARE * len(whole)


class AxisLearner:
    """Online estimate of one sensor's movement axis and rest direction.

    Feed orientation output in order with :meth:`update`; it returns the angles of every
    sample it could not place before, once enough movement was seen (then :attr:`ready`), and
    the angles of new samples afterwards. The angle is the rotation from the rest posture
    about the movement axis, signed so that the largest early excursion is positive. The
    result depends on the samples only, never on how they were batched: sums run in sample
    order and the buffer is trimmed sample-exactly.
    """

    def __init__(self, rate_hz: float, buffer_s: float = 120.0) -> None:
        self.rate_hz = rate_hz
        self._max_n = int(buffer_s * rate_hz)
        self._rot = 0.0
        self._up = np.empty((0, 3))
        self._gyr = np.empty((0, 3))
        self._t = np.empty(0)
        self._quat = np.empty((0, 4))
        self._quat_ref: np.ndarray | None = None   # first orientation seen
        self._down_ref: np.ndarray | None = None
        self.axis: np.ndarray | None = None
        self.about_vertical = False
        self.quality = 0.0
        self.ready_at_s: float | None = None      # time of the sample that fixed the axis

    @property
    def ready(self) -> bool:
        return self.axis is not None

    def update(self, t: np.ndarray, up: np.ndarray, gyr: np.ndarray, quat: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
        """Returns (time, angle_deg) of the samples that now have an angle. ``quat``: the
        orientations (w x y z), for a movement about the vertical."""
        if self._quat_ref is None and len(quat):
            self._quat_ref = np.array(quat[0], dtype=float)
        if self.ready:
            return t, self.angle_deg(up, quat)
        rate = np.linalg.norm(gyr, axis=1)
        moving = np.where(rate > MOVING_RATE_RAD_S, rate, 0.0) / self.rate_hz
        total = np.cumsum(np.concatenate([[self._rot], moving]))[1:]
        self._t = np.concatenate([self._t, t])
        self._up = np.concatenate([self._up, up])
        self._gyr = np.concatenate([self._gyr, gyr])
        self._quat = np.concatenate([self._quat, quat])
        hit = np.flatnonzero(total >= MIN_ROTATION_RAD)
        if hit.size == 0:
            self._rot = float(total[-1])
            if len(self._t) > self._max_n:
                self._t, self._up, self._gyr, self._quat = (
                    self._t[-self._max_n:], self._up[-self._max_n:],
                    self._gyr[-self._max_n:], self._quat[-self._max_n:])
            return np.empty(0), np.empty(0)
        # Enough movement: fix the axis on the samples up to the crossing, exactly.
        n_fix = len(self._t) - len(t) + int(hit[0]) + 1
        lo = max(0, n_fix - self._max_n)
        self.ready_at_s = float(self._t[n_fix - 1])
        self._down_ref = rest_down(self._up[lo:n_fix], self._gyr[lo:n_fix], self.rate_hz)
        est = principal_axis(self._gyr[lo:n_fix], rate_hz=self.rate_hz)
        assert est is not None                    # it turned by MIN_ROTATION_RAD
        self.axis = est.axis
        self.quality = est.quality
        self.about_vertical = is_vertical(est.axis, self._down_ref)
        if self.about_vertical:
            psi = gyro_turn(est.axis, self._gyr[lo:n_fix], self.rate_hz)
        else:
            psi = signed_rotation(est.axis, self._down_ref, self._up[lo:n_fix])
        if psi[np.argmax(np.abs(psi))] < 0:
            self.axis = -est.axis
        t_out, up_out, q_out = self._t[lo:], self._up[lo:], self._quat[lo:]
        # The buffers are not needed any more (the axis is fixed): let them go.
        self._t, self._up, self._gyr, self._quat = (np.empty(0), np.empty((0, 3)),
                                                    np.empty((0, 3)), np.empty((0, 4)))
        return t_out, self.angle_deg(up_out, q_out)

    def angle_deg(self, up: np.ndarray, quat: np.ndarray) -> np.ndarray:
        assert self.axis is not None and self._down_ref is not None, "not ready"
        if self.about_vertical:
            assert self._quat_ref is not None
            return self.mounting().turn_deg(quat, self._quat_ref)
        return np.degrees(signed_rotation(self.axis, self._down_ref, up))

    def mounting(self) -> Mounting:
        """The mounting this learner implies (distal = rest direction of gravity)."""
        assert self.axis is not None and self._down_ref is not None, "not ready"
        distal = self._down_ref - self.axis * (self.axis @ self._down_ref)
        if self.about_vertical:
            distal = any_perpendicular(self.axis)
        return Mounting(axis=self.axis, distal=_unit(distal), source="self-calibrated",
                        quality=self.quality, about_vertical=self.about_vertical)


def calibrate_sensor(up: np.ndarray, gyr: np.ndarray, rate_hz: float, expected_sign: int,
                     start_deg: float, max_motion_s: float = 90.0,
                     axis: np.ndarray | None = None, source: str = "self-calibrated",
                     small_movement: bool = False, down_ref: np.ndarray | None = None,
                     allow_vertical: bool = False, quat: np.ndarray | None = None
                     ) -> Mounting | None:
    """Offline calibration of one sensor from a recording that starts in the start posture.

    ``expected_sign`` is the direction the segment angle takes in the first phase of the
    exercise (+1 / -1), ``start_deg`` the segment's angle in the start posture. ``axis``, if
    given, is a movement axis found otherwise (the knee axis from both sensors, see
    :mod:`calibration.hinge`); by default it is this sensor's main rotation axis. Returns
    None when the segment hardly moves (its angle cannot be measured, only assumed).
    ``small_movement``: the exercise turns this segment by a few degrees only (the thigh in
    a standing knee flexion); its slow turns count and less turning in all is needed.
    ``down_ref``: gravity direction in the start posture, if known better than from the
    stillness at the beginning of the recording.
    ``allow_vertical``: for counting any movement, an axis along gravity gives a mounting
    ``about_vertical`` (its angle is the turn since a reference orientation, signed so that
    the largest early excursion is positive); otherwise the axis is taken as it is. Also
    for counting any movement: a movement about several axes at once, whose turn about the
    main axis goes out and back twice per repetition (:func:`turns_about_several_axes`),
    gives a ``whole_rotation`` mounting (its angle is the whole rotation from the rest
    posture, :class:`RestRotation`). ``quat``: the orientations (sensor to earth), if
    known; otherwise they are integrated from the angular rate.
    """
    if down_ref is None:
        down_ref = rest_down(up, gyr, rate_hz)
    n = min(len(gyr), int(max_motion_s * rate_hz))
    slow = SMALL_MOVING_RATE_RAD_S if small_movement else SLOW_MOVING_RATE_RAD_S
    need = SMALL_MIN_ROTATION_RAD if small_movement else MIN_ROTATION_RAD
    est = principal_axis(gyr[:n], slow, rate_hz)
    if est is None or est.rotation_rad / rate_hz < need:
        return None
    axis = est.axis if axis is None else _unit(axis)
    n_sign = min(n, int(SIGN_WINDOW_S * rate_hz))
    if allow_vertical:
        if is_vertical(axis, down_ref):
            main = gyro_turn(axis, gyr[:n], rate_hz)
        else:
            main = signed_rotation(axis, down_ref, up[:n])
        if main[:n_sign].size and main[np.argmax(np.abs(main[:n_sign]))] < 0:
            main = -main
        q = integrated_orientation(up[:n], gyr[:n], rate_hz) if quat is None else quat[:n]
        whole = RestRotation(rate_hz, -down_ref).update(q, up[:n], gyr[:n])
        if turns_about_several_axes(np.degrees(main), whole):
            return Mounting(axis=axis, distal=_unit(down_ref), source=source,
                            quality=est.quality, whole_rotation=True)
    if allow_vertical and is_vertical(axis, down_ref):
        psi = gyro_turn(axis, gyr[:n_sign], rate_hz)
        if psi.size and psi[np.argmax(np.abs(psi))] < 0:
            axis = -axis
        return Mounting(axis=axis, distal=any_perpendicular(axis), source=source,
                        quality=est.quality, about_vertical=True)
    psi = signed_rotation(axis, down_ref, up[:n_sign])
    if psi.size and np.sign(psi[np.argmax(np.abs(psi))]) != (expected_sign or 1):
        axis = -axis
    ref = _unit(down_ref - axis * (axis @ down_ref))
    distal = rotation_about(axis, ref, np.radians(start_deg))
    return Mounting(axis=axis, distal=distal, source=source, quality=est.quality)


def reversed_direction(m: Mounting, start_deg: float) -> Mounting:
    """The same mounting with the movement's positive direction the other way round (the
    segment angle in the start posture stays ``start_deg``)."""
    ref = rotation_about(m.axis, m.distal, -np.radians(start_deg))
    axis = -m.axis
    return Mounting(axis=axis, distal=rotation_about(axis, ref, np.radians(start_deg)),
                    source=m.source, quality=m.quality)

