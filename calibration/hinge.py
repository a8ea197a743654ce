"""Knee axis from the thigh and shank gyroscopes together (hinge-joint constraint).

For a hinge joint the two segments' angular rates differ only by a rotation about the joint
axis, so at every instant the part of each segment's angular rate that is perpendicular to
the axis has the same size seen from either segment:

    | g_thigh x j_thigh | = | g_shank x j_shank |

(T. Seel, T. Schauer, J. Raisch, "Joint axis and position estimation from inertial
measurement data by exploiting kinematic constraints", IEEE CCA 2012; T. Seel, J. Raisch,
T. Schauer, "IMU-based joint angle measurement for gait analysis", Sensors 14(4), 2014).
:func:`estimate_joint_axes` finds the two unit axes (each in its own sensor frame) that make
this hold best, by Levenberg-Marquardt least squares over their spherical coordinates
(``scipy.optimize.least_squares`` with the analytic Jacobian). It needs no heading and no
magnetometer.

The constraint only pins the axes down when the movement is rich enough: if the thigh stays
still (seated knee extension) or the leg moves as one rigid piece (straight-leg raise), or
thigh and shank turn in proportion in one plane (a planar squat), a whole family of axes
satisfies it. The estimate says so (``identifiable``) instead of returning an arbitrary
member; the caller then keeps the per-segment movement axes of :mod:`calibration.selfcal`,
which are exact for planar movement. When it is identifiable, the size of the remaining
residual tells whether the two sensors move like the two sides of one knee at all (a sensor
on the other leg does not).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from monitor.core.lazy import load
from monitor.core.rotations import rotate_vectors, rotate_vectors_inverse

MOVING_RAD_S = 0.1            # samples where either segment turns faster than this count
MAX_SAMPLES = 4000
# Identifiability: turning the axes by PROBE_DEG in the least sensitive direction must raise
# the rms residual by this share of the rms angular rate.
PROBE_DEG = 5.0
MIN_CURVATURE = 0.015
# Refit without samples turning off the knee axis faster than this many times the median
# (and at least the floor): a strap being adjusted.
OFF_AXIS_SPREAD = 4.0
OFF_AXIS_FLOOR_RAD_S = 0.1
AGREEMENT_DEG = 15.0  # knee axis vs a segment's own main axis: farther means a misled fit
NOT_ONE_KNEE = 0.6   # rms residual / rms rate above this: clearly not one hinge joint
# (real knees measured at up to 0.46 in the UCI recordings: soft tissue, 25 Hz sampling)


def _axis(phi: float, theta: float) -> np.ndarray:
    return np.array([np.cos(phi) * np.cos(theta), np.cos(phi) * np.sin(theta), np.sin(phi)])


def _angles(v: np.ndarray) -> tuple[float, float]:
    v = v / np.linalg.norm(v)
    return float(np.arcsin(np.clip(v[2], -1, 1))), float(np.arctan2(v[1], v[0]))


def _skew(v: np.ndarray) -> np.ndarray:
    """The matrix S with ``g @ S`` = the cross product of each row of g with v."""
    return np.array([[0.0, -v[2], v[1]], [v[2], 0.0, -v[0]], [-v[1], v[0], 0.0]])


def _perpendicular_rate(g: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """g x j per row of g, and its length (a matrix product: np.cross costs several times
    as much on these sizes, and the fit evaluates it thousands of times)."""
    c = g @ _skew(j)
    return c, np.sqrt(np.einsum("ij,ij->i", c, c))


def _residual(g1: np.ndarray, g2: np.ndarray, j1: np.ndarray, j2: np.ndarray) -> np.ndarray:
    return _perpendicular_rate(g1, j1)[1] - _perpendicular_rate(g2, j2)[1]


def _axis_derivatives(phi: float, theta: float) -> tuple[np.ndarray, np.ndarray]:
    """d axis / d phi and d axis / d theta of :func:`_axis`."""
    return (np.array([-np.sin(phi) * np.cos(theta), -np.sin(phi) * np.sin(theta), np.cos(phi)]),
            np.array([-np.cos(phi) * np.sin(theta), np.cos(phi) * np.cos(theta), 0.0]))


def _perpendicular_rate_slopes(g: np.ndarray, c: np.ndarray, n: np.ndarray,
                               directions: tuple[np.ndarray, ...]) -> list[np.ndarray]:
    """The change of |g x j| per row of g as j moves along each of ``directions``: the
    gradient (g x j) x g / |g x j| dotted with d, which is (g x j) . (g x d) / |g x j|
    (``c``, ``n``: g x j and its length)."""
    inv = 1.0 / np.maximum(n, 1e-12)
    return [np.einsum("ij,ij->i", c, g @ _skew(d)) * inv for d in directions]


def _principal(g: np.ndarray) -> np.ndarray:
    return np.linalg.eigh(g.T @ g)[1][:, -1]


def _turn(j: np.ndarray, t: np.ndarray) -> np.ndarray:
    """``j`` turned by the tangent vector ``t`` (perpendicular to j; length = angle in rad)."""
    a = float(np.linalg.norm(t))
    return j if a == 0 else np.cos(a) * j + np.sin(a) * t / a


def _perpendiculars(j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    helper = np.eye(3)[int(np.argmin(np.abs(j)))]
    p = np.cross(j, helper)
    p /= np.linalg.norm(p)
    return p, np.cross(j, p)


@dataclass(frozen=True)
class JointAxes:
    thigh_axis: np.ndarray          # unit knee axis in the thigh sensor's frame
    shank_axis: np.ndarray          # unit knee axis in the shank sensor's frame
    residual: float                 # rms constraint residual / rms angular rate (0 = ideal)
    identifiable: bool              # the movement pins both axes down
    samples: int

    @property
    def one_knee(self) -> bool:
        """False when the two sensors clearly do not move like one hinge joint."""
        return not self.identifiable or self.residual <= NOT_ONE_KNEE


def estimate_joint_axes(gyr_thigh: np.ndarray, gyr_shank: np.ndarray) -> JointAxes | None:
    """Knee axis in both sensor frames from time-aligned angular rates (rad/s, (N, 3) each).

    Returns None when neither segment moved. The sign of each axis is arbitrary here (the
    constraint does not see it); callers orient it by the movement (see ``selfcal``).
    """
    g1 = np.asarray(gyr_thigh, float)
    g2 = np.asarray(gyr_shank, float)
    moving = np.maximum(np.linalg.norm(g1, axis=1), np.linalg.norm(g2, axis=1)) > MOVING_RAD_S
    g1, g2 = g1[moving], g2[moving]
    if len(g1) < 20:
        return None
    if len(g1) > MAX_SAMPLES:
        pick = np.linspace(0, len(g1) - 1, MAX_SAMPLES).astype(int)
        g1, g2 = g1[pick], g2[pick]
    scale = float(np.sqrt(np.mean(np.sum(g1 ** 2 + g2 ** 2, axis=1)) / 2.0))

    last: dict[bytes, tuple] = {}

    def perpendicular(p: np.ndarray) -> tuple:
        # The fit asks for the residual and its Jacobian at the same point: computed once.
        key = p.tobytes()
        if key not in last:
            last.clear()
            last[key] = (*_perpendicular_rate(g1, _axis(p[0], p[1])),
                         *_perpendicular_rate(g2, _axis(p[2], p[3])))
        return last[key]

    def fun(p: np.ndarray) -> np.ndarray:
        _, n1, _, n2 = perpendicular(p)
        return (n1 - n2) / scale

    def jac(p: np.ndarray) -> np.ndarray:
        c1, n1, c2, n2 = perpendicular(p)
        s1 = _perpendicular_rate_slopes(g1, c1, n1, _axis_derivatives(p[0], p[1]))
        s2 = _perpendicular_rate_slopes(g2, c2, n2, _axis_derivatives(p[2], p[3]))
        return np.column_stack([s1[0], s1[1], -s2[0], -s2[1]]) / scale

    # Levenberg-Marquardt (MINPACK through scipy), imported here: only a thigh and a shank
    # that both move need it, and the command line's start-up does not pay for it otherwise.
    least_squares = load("scipy.optimize").least_squares

    # Start from each segment's own main rotation axis, and from a few spread-out guesses
    # (the cost has mirror-image and local minima).
    starts = [(_principal(g1), _principal(g2))]
    for v in np.eye(3):
        starts.append((v, _principal(g2)))
        starts.append((_principal(g1), v))
    fits = [least_squares(fun, np.array([*_angles(j1), *_angles(j2)]), jac=jac,
                          method="lm", xtol=1e-12, ftol=1e-12, gtol=1e-12)
            for j1, j2 in starts]
    # The first of the lowest (the order of the starts decides between equals).
    x = min(fits, key=lambda f: float(f.fun @ f.fun)).x
    j1, j2 = _axis(*x[:2]), _axis(*x[2:])
    rms = float(np.sqrt(np.mean(fun(x) ** 2)))

    # Identifiability: the curvature of the mean squared residual in every direction of
    # turning the two axes (a 4-D tangent space; central differences of PROBE_DEG). A flat
    # direction means a family of axis pairs fits equally well.
    p1, q1 = _perpendiculars(j1)
    p2, q2 = _perpendiculars(j2)
    h = np.radians(PROBE_DEG)

    def cost(d: np.ndarray) -> float:
        k1 = _turn(j1, d[0] * p1 + d[1] * q1)
        k2 = _turn(j2, d[2] * p2 + d[3] * q2)
        return float(np.mean((_residual(g1, g2, k1, k2) / scale) ** 2))

    c0 = rms ** 2
    e = np.eye(4) * h
    hess = np.zeros((4, 4))
    for i in range(4):
        hess[i, i] = (cost(e[i]) - 2 * c0 + cost(-e[i])) / h ** 2
        for k in range(i + 1, 4):
            hess[i, k] = hess[k, i] = (cost(e[i] + e[k]) - cost(e[i] - e[k])
                                       - cost(-e[i] + e[k]) + cost(-e[i] - e[k])) / (4 * h * h)
    weakest = float(np.linalg.eigvalsh(hess)[0])
    # rms residual (share of the rms rate) that a PROBE_DEG error in that direction causes
    rise = float(np.sqrt(max(0.5 * weakest, 0.0)) * h)
    return JointAxes(thigh_axis=j1, shank_axis=j2, residual=rms,
                     identifiable=bool(rise > MIN_CURVATURE), samples=len(g1))


def joint_axes_from_streams(t_thigh: np.ndarray, gyr_thigh: np.ndarray, t_shank: np.ndarray,
                            gyr_shank: np.ndarray) -> JointAxes | None:
    """:func:`estimate_joint_axes` for two sensors with their own clocks and rates: the
    shank's angular rate is interpolated at the thigh's sample times where both overlap."""
    if len(t_thigh) < 2 or len(t_shank) < 2:
        return None
    keep = (t_thigh >= t_shank[0]) & (t_thigh <= t_shank[-1])
    t = t_thigh[keep]
    g2 = np.stack([np.interp(t, t_shank, gyr_shank[:, k]) for k in range(3)], axis=1)
    return estimate_joint_axes(gyr_thigh[keep], g2)


def oriented_like(axis: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """``axis`` with the sign that points it the same way as ``reference``."""
    return axis if float(axis @ reference) >= 0 else -axis


def knee_axes(segments: dict[str, str], gyrs: dict[str, np.ndarray],
              times: dict[str, np.ndarray] | None, plane: str = "sagittal"
              ) -> JointAxes | None:
    """The knee axis from a thigh and a shank sensor, if both are there (else None)."""
    by_seg = {seg: lab for lab, seg in segments.items()}
    if plane != "sagittal" or times is None or not {"thigh", "shank"} <= set(by_seg):
        return None
    th, sh = by_seg["thigh"], by_seg["shank"]
    if th not in times or sh not in times:
        return None
    return joint_axes_from_streams(times[th], gyrs[th], times[sh], gyrs[sh])


def usable_knee_axes(knee: JointAxes | None, segments: dict[str, str],
                     own_axes: dict[str, np.ndarray], max_deg: float = AGREEMENT_DEG
                     ) -> dict[str, np.ndarray]:
    """The knee axis in each sensor's frame (signed like its own main axis), or nothing.

    The knee axis refines each segment's own main axis by a few degrees; far from either
    (more than ``max_deg``), the fit was misled - a sensor turned on its strap during the
    recording turns it about another axis - and the segments' own axes are to be kept.
    Empty unless the axes are identifiable and agree for every sensor in ``own_axes``.
    """
    if knee is None or not knee.identifiable:
        return {}
    out = {}
    for label, own in own_axes.items():
        joint = oriented_like(knee.thigh_axis if segments[label] == "thigh"
                              else knee.shank_axis, own)
        if np.degrees(np.arccos(np.clip(joint @ own, -1.0, 1.0))) > max_deg:
            return {}
        out[label] = joint
    return out


def shank_axis_with_moving_thigh(t_thigh: np.ndarray, quat_thigh: np.ndarray,
                                 gyr_thigh: np.ndarray, t_shank: np.ndarray,
                                 quat_shank: np.ndarray, gyr_shank: np.ndarray,
                                 step_deg: float = 1.0) -> tuple[np.ndarray, float] | None:
    """The knee axis in the shank sensor's frame where the thigh moves too (a little).

    The shank turns about the knee axis relative to the thigh: take the thigh's rotation off
    the shank's and what is left turns about one fixed axis in the shank frame. That needs
    the thigh's rotation seen from the shank, i.e. the two sensors' relative orientation;
    each sensor's 6D orientation (gravity + gyroscope) is known up to its heading, so one
    angle is missing: the heading of one relative to the other. It is the one that makes
    the rest turn about a single axis best (the thigh's lift and roll, wrongly turned,
    would show as turning off that axis). Cheap: the scatter of the rest is quadratic in
    the heading's cosine and sine, so each candidate costs a 3x3 eigen-decomposition.

    Returns (axis, share of the remaining rotation about it) or None without movement.
    Where the thigh does not move, every heading fits alike and the axis is the shank's own
    main one; where it does, the shank's own main axis is tilted by the thigh's roll (5 deg
    for an 8-deg roll during an 80-deg knee extension) and this one is not.
    """
    if len(t_thigh) < 2 or len(t_shank) < 2:
        return None
    keep = (t_shank >= t_thigh[0]) & (t_shank <= t_thigh[-1])
    ts, qs, gs = t_shank[keep], quat_shank[keep], gyr_shank[keep]
    # q and -q are the same orientation: make the sequence continuous before interpolating.
    flips = np.sum(quat_thigh[1:] * quat_thigh[:-1], axis=1) < 0
    sign = np.concatenate([[1.0], np.cumprod(np.where(flips, -1.0, 1.0))])
    quat_thigh = quat_thigh * sign[:, None]
    qt = np.stack([np.interp(ts, t_thigh, quat_thigh[:, k]) for k in range(4)], axis=1)
    qt /= np.linalg.norm(qt, axis=1)[:, None]
    gt = np.stack([np.interp(ts, t_thigh, gyr_thigh[:, k]) for k in range(3)], axis=1)
    moving = np.maximum(np.linalg.norm(gt, axis=1), np.linalg.norm(gs, axis=1)) > MOVING_RAD_S
    if moving.sum() < 20:
        return None
    qs, gs, qt, gt = qs[moving], gs[moving], qt[moving], gt[moving]
    we = rotate_vectors(qt, gt)                    # thigh rate in its earth frame
    zero = np.zeros(len(we))
    a = np.stack([we[:, 0], we[:, 1], zero], axis=1)
    b = np.stack([-we[:, 1], we[:, 0], zero], axis=1)
    c = np.stack([zero, zero, we[:, 2]], axis=1)
    # Thigh rate in the shank frame for heading offset h: cos h * P + sin h * Q + R.
    p_, q_, r_ = (rotate_vectors_inverse(qs, v) for v in (a, b, c))
    d = gs - r_

    def fit(keep: np.ndarray) -> tuple[np.ndarray, float, float]:
        dk, pk, qk = d[keep], p_[keep], q_[keep]
        dd, pp, qq = dk.T @ dk, pk.T @ pk, qk.T @ qk
        dp, dq, pq = dk.T @ pk, dk.T @ qk, pk.T @ qk
        best: tuple[np.ndarray, float, float] = (np.zeros(3), -1.0, 0.0)
        for h in np.radians(np.arange(0.0, 360.0, step_deg)):
            ch, sh = np.cos(h), np.sin(h)
            scatter = (dd + ch * ch * pp + sh * sh * qq - ch * (dp + dp.T) - sh * (dq + dq.T)
                       + ch * sh * (pq + pq.T))
            w, v = np.linalg.eigh(scatter)
            share = float(w[-1] / max(np.trace(scatter), 1e-30))
            if share > best[1]:
                best = (v[:, -1], share, float(h))
        return best

    axis, share, h = fit(np.ones(len(d), bool))
    # Once more without the moments that turn far off that axis (a strap being adjusted
    # turns the sensor about the segment's long axis; squared rates let it pull).
    knee = d - np.cos(h) * p_ - np.sin(h) * q_
    off = np.linalg.norm(np.cross(knee, axis), axis=1)
    keep = off <= max(OFF_AXIS_FLOOR_RAD_S, OFF_AXIS_SPREAD * float(np.median(off)))
    if keep.sum() >= 20 and not keep.all():
        axis, share, _ = fit(keep)
    return axis, share

