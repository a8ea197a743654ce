"""A segment resting on a support, measured without calibrating its sensor.

In a seated knee extension the thigh rests on the chair. Its sensor cannot be calibrated from
the exercise (a still thigh shows no movement axis), yet the knee angle needs the thigh: when
the hip helps, the thigh lifts off the chair by 5-20 deg and a knee angle that takes it to
stay horizontal reads that much too large. The lift can be measured all the same, from the
thigh sensor's gravity direction and the calibrated lower-leg sensor, with no heading:

- the thigh tilts from its rest posture by ``tau`` (angle between the earth-up direction in
  its sensor frame now and at rest), whatever the strap orientation;
- a thigh turns about the knee axis (a lift) or about a horizontal axis across it (rolling
  outward or inward); turning about the vertical tilts nothing. A roll tilts the knee axis
  out of the horizontal, a lift does not; the lower-leg sensor knows the knee axis (its
  calibrated movement axis), so it measures the roll as the change of the axis' elevation,
  ``rho``;
- for a thigh horizontal at rest (knee axis ``j``, long axis ``l``, third axis ``k`` up), the
  earth-up direction has components ``sin rho`` along ``j``, ``cos rho sin lift`` along
  ``l`` and ``cos rho cos lift`` along ``k``; so ``cos tau = cos rho cos lift`` exactly, and
  ``lift = arccos(cos tau / cos rho)``.

That magnitude is ill-conditioned where the thigh mostly rolls (a tenth of a degree of
difference between two 9-deg tilts reads as a 3-deg lift). So the thigh's knee axis is also
learnt, in its sensor frame, block by block as the set goes: it lies across the earth-up
direction at rest, and its elevation seen from the thigh sensor equals the one the lower-leg
sensor measures (``axis . up_thigh = axis_shank . up_shank``). Where the thigh tilts in
varying directions (lift and roll mixed differently from rep to rep), a least-squares fit of
that pins the axis down, sign included, and a few per cent of disagreement between the two
gravity readings does not turn it. Where the thigh tilts along one direction only (a lift, a
roll, or one fixed mix), the share of the tilt that raised the knee axis gives the axis'
angle from that direction, and of the candidate axes the one that fits the elevations' sign
and makes the lifts upward is taken (a pure lift leaves the sign open: a sensor facing
forward or backward tilts alike; a segment on a support can only lift from it). That share
is only as good as the two gravity readings agree, a few per cent: where the thigh mostly
rolls, a small lift is measured only to within a few degrees. (The angular rates hold the
same share through the hinge constraint, but that estimate moves with the lower leg's axis
error times the knee's speed over the roll's: 0.25 deg of axis error took it from 1.0 to
0.97, an axis 14 deg off; worse on the simulated sets, so not used.) With the axis, the
thigh's inclination is measured about it like any calibrated segment's; until the movement
has shown a few degrees of tilt, the magnitude formula stands in.

Measured (``benchmarks/accuracy_sim.py``, thigh section; random strap orientations, the lift
and roll varying from rep to rep): where the thigh lifts (15-20 deg, rolling up to 12 deg),
each rep's range within 0.5 deg (95th percentile; 20 deg off without the thigh sensor);
where it mostly rolls (10-12 deg, lifting 0-5 deg), within 2.5 deg (5.6 deg without).
"""

from __future__ import annotations

import numpy as np

from monitor.core.rotations import rowdot

STILL_RAD_S = 0.1     # the lower leg turning slower than this (5.7 deg/s) ...
POSTURE_DEG = 5.0     # ... within this of its start posture ...
STILL_S = 0.5         # ... for this long: the leg rests in it, the thigh's reference
BLOCK_S = 1.0         # the thigh's axis is re-fitted after every this many seconds of samples
# The fit is used once the thigh has tilted this far for this long in all (before that, the
# magnitude formula): a couple of degrees over one block.
MIN_INFO_DEG = 2.0
GRID = np.radians(np.arange(0.0, 360.0, 1.0))
# For the candidate axis (cos g, sin g) the forward direction at rest (see _learn), per g.
_GRID_FORWARD = np.stack([-np.sin(GRID), np.cos(GRID)], axis=1)
# A still thigh's gravity reading wanders by a few tenths of a degree (noise): summed over
# minutes that reaches MIN_INFO_DEG over a block, so the tilt must also average more than
# MIN_INFO_DEG * sqrt(NOISE_SHARE) (0.6 deg) over all samples.
NOISE_SHARE = 0.1
NEG_MIN_DEG = 0.5
REFIT_GROWTH = 0.01   # re-fit once the summed tilt grew by this share
SWITCH_DEG = 0.5      # a new axis takes over where it agrees with the old estimate this well
SWITCH_WAIT_S = 20.0  # ... or after this long in any case
# Tilt directions with less than this share of the main one (or less than MIN_INFO_DEG over
# a block) are unknown.
RANK_SHARE = 0.05
ROLL_FIT = (0.7, 1.3)  # unconstrained fit's length for an axis from lift and roll together
LIFT_ROWS = 8192       # rows lifted at once (the memory of intermediate arrays)


class PostureRest:
    """The first moment the leg rests in its start posture for STILL_S, found sample by
    sample (the same samples give the same moment however they were batched): the mean of
    the given per-sample values over that rest is the reference."""

    def __init__(self, rate_hz: float) -> None:
        self.n = max(2, round(STILL_S * rate_hz))
        self.values: np.ndarray | None = None   # the reference, once found
        self._run = np.empty((0, 0))            # values of the current run of rest

    def update(self, ok: np.ndarray, values: np.ndarray) -> int | None:
        """Feed samples (``ok``: at rest in the start posture). Returns the index within
        this batch from which the reference holds (None: not yet; 0: already before)."""
        if self.values is not None:
            return 0
        if len(ok) == 0:
            return None
        if self._run.shape[1:] != values.shape[1:]:
            self._run = np.empty((0, *values.shape[1:]))
        vals = np.concatenate([self._run, values])
        flags = np.concatenate([np.ones(len(self._run), bool), ok])
        idx = np.arange(len(flags))
        last_break = np.maximum.accumulate(np.where(flags, -1, idx))
        run = idx - last_break
        done = np.flatnonzero(run >= self.n)
        if done.size:
            i = done[0]
            self.values = vals[i - self.n + 1:i + 1].mean(axis=0)
            return int(i - len(self._run) + 1)
        keep = int(min(run[-1], self.n - 1))
        self._run = vals[len(vals) - keep:] if keep else vals[:0]
        return None


def axis_elevation_rad(up: np.ndarray, axis: np.ndarray) -> np.ndarray:
    """Elevation (rad) of a sensor-fixed axis above the horizontal."""
    return np.arcsin(np.clip(rowdot(up, axis), -1.0, 1.0))


def lift_deg(cos_tilt: np.ndarray, roll_rad: np.ndarray) -> np.ndarray:
    """How far (deg, >= 0) a segment lifted about the knee axis, from its tilt since rest and
    the change of the knee axis' elevation (its roll)."""
    c = np.asarray(cos_tilt, float) / np.cos(np.asarray(roll_rad, float))
    return np.degrees(np.arccos(np.clip(c, -1.0, 1.0)))


class SupportedLift:
    """The lift (deg, about the knee axis, upward positive) of a segment resting on a support,
    sample by sample from its earth-up direction and the knee axis elevation measured by the
    other segment's calibrated sensor. Samples must come in time order; the result depends
    only on the samples, not on how they were batched."""

    def __init__(self, rate_hz: float) -> None:
        self.block = max(2, round(BLOCK_S * rate_hz))
        self._u0: np.ndarray | None = None
        self._u0_acc: np.ndarray | None = None
        self._basis: np.ndarray | None = None    # (2, 3): across the rest up direction
        self._m = np.zeros((2, 2))
        self._v = np.zeros(2)
        self._neg = np.zeros(len(GRID))           # squared downward lifts per candidate axis
        self._n = 0
        self._since_fit = 0
        self._block: list[tuple[np.ndarray, ...]] = []
        self._fit_trace = 0.0
        self.axis: np.ndarray | None = None       # the fitted knee axis (sensor frame)
        self._next: np.ndarray | None = None      # ... newly fitted, taking over (see below)
        self._pending = 0
        self.rate_hz = float(rate_hz)

    def set_rest(self, up0: np.ndarray, up0_acc: np.ndarray) -> None:
        """The rest posture's earth-up direction from the orientation, and from the bare
        accelerometer (what the axis is learnt from)."""
        self._u0 = up0 / np.linalg.norm(up0)
        self._u0_acc = up0_acc / np.linalg.norm(up0_acc)
        a = np.array([1.0, 0.0, 0.0]) if abs(self._u0[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
        e1 = a - self._u0 * (a @ self._u0)
        e1 /= np.linalg.norm(e1)
        self._basis = np.stack([e1, np.cross(self._u0, e1)])

    @property
    def ready(self) -> bool:
        return self._u0 is not None

    def update(self, up: np.ndarray, roll_rad: np.ndarray, steady: np.ndarray,
               up_acc: np.ndarray, roll_acc_rad: np.ndarray) -> np.ndarray:
        """Lift (deg) for these samples of the segment's earth-up direction ``up`` (N, 3), with
        the change of the knee axis' elevation since rest ``roll_rad`` (N,), both from the
        orientations. The axis is learnt from the same two from the bare accelerometers
        (``up_acc``, ``roll_acc_rad``), only where ``steady`` (the other segment turning
        slowly: no movement in the gravity reading; an orientation is still settling a
        second after a fast swing, off by half a degree, a twentieth of a roll)."""
        out = np.zeros(len(up))
        if self._u0 is None:
            return out
        i = 0
        plain = 0       # from here on lifted about self.axis alone, all at once (see below)
        while i < len(up):
            n = min(len(up) - i, self.block - self._since_fit)
            sl = slice(i, i + n)
            if self._next is not None:
                # A new axis may take over in this block. Until now there was none, so the
                # axis has not changed: the lift about it (row by row: the same numbers in
                # one piece as block by block) goes out first.
                self._lift_rows(out, up, roll_rad, plain, i)
                out[sl] = self._lift_switching(up[sl], roll_rad[sl])
                plain = i + n
            self._block.append((up_acc[sl], roll_acc_rad[sl], steady[sl]))
            self._since_fit += n
            if self._since_fit >= self.block:
                # A whole block at once: the same sums whatever the batching.
                u, r, st = (np.concatenate(a) for a in zip(*self._block, strict=True))
                self._block = []
                self._learn(u[st], r[st])
                self._fit()
                self._since_fit = 0
            i += n
        self._lift_rows(out, up, roll_rad, plain, len(up))
        return out

    def _lift_rows(self, out: np.ndarray, up: np.ndarray, roll: np.ndarray, start: int,
                   stop: int) -> None:
        """The lift about self.axis for rows start..stop-1, a few thousand at a time (a
        long recording's rows at once would hold their intermediate arrays in memory)."""
        for a in range(start, stop, LIFT_ROWS):
            b = min(stop, a + LIFT_ROWS)
            out[a:b] = self._lift(up[a:b], roll[a:b], self.axis)

    def _lift_switching(self, up: np.ndarray, roll: np.ndarray) -> np.ndarray:
        """The lift, taking a newly fitted axis over where it agrees with the estimate so
        far (at rest both read about zero): the angle never jumps mid-repetition."""
        out = self._lift(up, roll, self.axis)
        if self._next is None:
            return out
        new = self._lift(up, roll, self._next)
        self._pending += len(up)
        agree = np.abs(new - out) <= SWITCH_DEG
        if self._pending >= SWITCH_WAIT_S * self.rate_hz:
            agree[:] = True
        if agree.any():
            k = int(np.argmax(agree))
            out[k:] = new[k:]
            self.axis, self._next, self._pending = self._next, None, 0
        return out

    def _lift(self, up: np.ndarray, roll: np.ndarray, axis: np.ndarray | None = None
              ) -> np.ndarray:
        assert self._u0 is not None, "set_rest first"
        if axis is None:
            return lift_deg(np.clip(rowdot(up, self._u0), -1.0, 1.0), roll)
        distal = np.cross(axis, -self._u0)         # forward at rest (inclination +90 deg)
        # As Mounting.segment_angle_deg: y = (down x distal) . axis = down . (distal x axis).
        y = -rowdot(up, np.cross(distal, axis))
        x = -rowdot(up, distal)
        # Below the support it cannot go: what reads so is the axis' error (or a shift).
        return np.maximum(np.degrees(np.arctan2(y, x)) - 90.0, 0.0)

    def _learn(self, up: np.ndarray, roll: np.ndarray) -> None:
        assert self._basis is not None, "set_rest first"
        d2 = (up - self._u0_acc) @ self._basis.T   # (N, 2): tilt across the rest direction
        self._m += d2.T @ d2
        self._v += d2.T @ np.sin(roll)
        self._n += len(up)
        # For the candidate axis (cos g, sin g) in this basis the forward (distal) direction
        # at rest is axis x down0 = (-sin g, cos g); a lift tilts the earth-up direction
        # toward it (small angles: lift = up . forward).
        # (Samples tilted by less than a noise-sized NEG_MIN_DEG add nothing worth counting.)
        d2 = d2[np.sum(d2 * d2, axis=1) > np.radians(NEG_MIN_DEG) ** 2]
        if len(d2):
            lifts = d2 @ _GRID_FORWARD.T           # (N, grid)
            self._neg += np.sum(np.minimum(lifts, 0.0) ** 2, axis=0)

    def _fit(self) -> None:
        trace = float(np.trace(self._m))
        if (self.axis is not None or self._next is not None) and \
                trace < (1.0 + REFIT_GROWTH) * self._fit_trace:
            return                                 # nothing much new since the last fit
        # Enough tilt: a couple of degrees over a block, and more than noise on average.
        enough = np.radians(MIN_INFO_DEG) ** 2 * max(self.block, NOISE_SHARE * self._n)
        if trace < enough * (1.0 - 1e-9):
            # The larger eigenvalue of this positive semi-definite matrix is at most its
            # trace (the margin: eigh's rounding), so it falls short too: no need to ask.
            return
        w, vecs = np.linalg.eigh(self._m)
        if w[-1] < enough:
            return
        self._fit_trace = trace
        c, s = np.cos(GRID), np.sin(GRID)
        f = (c * c * self._m[0, 0] + 2 * c * s * self._m[0, 1] + s * s * self._m[1, 1]
             - 2 * (c * self._v[0] + s * self._v[1]))
        # Least squares without the unit-length constraint: the direction is right even where
        # the two sensors disagree on the size of the roll by a few per cent (an accelerometer
        # bias of 0.05 m/s^2 tilts a gravity reading by 0.3 deg); directions the thigh did
        # not tilt along are left out.
        keep = w >= max(RANK_SHARE * w[-1], np.radians(MIN_INFO_DEG) ** 2 * self.block)
        x = vecs[:, keep] @ ((vecs[:, keep].T @ self._v) / w[keep])
        nx = float(np.linalg.norm(x))
        if keep.all() and ROLL_FIT[0] <= nx <= ROLL_FIT[1]:
            a2 = x / nx
        else:
            # The thigh tilted along one direction (one fixed mix of lift and roll, or either
            # alone): the axis lies at the angle from that direction whose cosine is the
            # share of the tilt that raised the knee axis. Of the four such axes, the one
            # that fits the elevations' sign and lifts upward.
            d = vecs[:, -1]
            off = np.arccos(min(1.0, nx))
            base = np.arctan2(d[1], d[0])
            cands = [base + sgn * off + flip for sgn in (-1, 1) for flip in (0.0, np.pi)]
            idx = [round(float(np.degrees(a))) % 360 for a in cands]
            k = min(idx, key=lambda i: f[i] + self._neg[i])
            a2 = np.array([np.cos(GRID[k]), np.sin(GRID[k])])
        assert self._basis is not None            # learnt from: set_rest came first
        self._next = a2[0] * self._basis[0] + a2[1] * self._basis[1]
        self._pending = 0
