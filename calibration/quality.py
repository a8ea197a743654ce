"""Data-quality checks on a sensor's own samples: units, and whether its gyroscope and
accelerometer agree.

Gyroscope and accelerometer sit in one rigid housing, so the gyroscope alone says how the
direction of gravity turns in the sensor frame, and the accelerometer measures it, mixed
with the segment's own acceleration. :func:`check_gyroscope` tests that agreement in a way
that the segment's acceleration cannot fool, and says how sure it is:

- Over a window of a few seconds, the gyroscope carries every accelerometer reading into
  the frame the sensor had at the window's start. There the specific force is gravity (a
  constant) plus the segment's acceleration, whose average over a time T is the change of
  its velocity over T: for a leg during an exercise at most about 1 m/s, so averages over
  one second stay within a few degrees of gravity however hard the segment accelerates
  (the shank in a heel raise). How far these averages stray from their common direction is
  the window's residual. Read right, the gyroscope gives a residual of a few degrees;
  read with an axis inverted, swapped or in deg/s, the averages follow the sensor's real
  turns and stray by about as much as it tilted.
- A turn about the vertical leaves gravity where it is, whatever the gyroscope says about
  it (the trailing thigh of a lunge turns a lot and tilts little): such a window shows
  nothing. Each window is therefore scored under every reading of the gyroscope (the 48
  axis permutations with signs, in rad/s and in deg/s), and only windows in which a reading
  predicts gravity differently from the recorded one (by at least TELLS_APART_DEG) count
  as evidence for or against it.
- A reading other than the recorded one is certain when it fits (median residual at most
  FITS_DEG) and is clearly better than the recorded one in at least CERTAIN_WINDOWS
  windows and clearly worse in (almost) none. Fewer such windows make it doubtful.
  The recorded reading disagrees (a loose or faulty sensor) when it is clearly off in
  windows that could show it and no other reading fits.

Real recordings (Xsens units: UCI physical therapy at 25 Hz, CMU lower-limb exercises at
100 Hz): residuals of 0.1-4 deg as recorded; with gyr_z inverted 3-40 deg wherever the
sensor tilted, and the inverted reading back at the recorded residual
(benchmarks/consistency_real.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from monitor.core.rotations import integrate_rates, quaternion_matrix
from monitor.core.samples import possible_samples

STILL_RATE_RAD_S = 0.1
MIN_STILL_S = 0.4
QUIET_WINDOW_S = 0.25
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


# ---------------------------------------------------------------------------------------
# Axis mappings: how the gyroscope's axes are read in the accelerometer's frame.

AXIS_NAMES = "xyz"


def parse_axes(text: str) -> np.ndarray:
    """A mapping such as ``"x,y,-z"`` or ``"y,x,z"`` as a signed permutation matrix M:
    the corrected gyroscope is ``M @ gyr`` (its x is the recorded axis named first, and so
    on). Raises ValueError with words for the user."""
    parts = [p.strip().lower() for p in text.split(",")]
    m = np.zeros((3, 3))
    ok = len(parts) == 3
    for i, p in enumerate(parts if ok else []):
        sign = -1.0 if p.startswith("-") else 1.0
        name = p.lstrip("+-")
        if len(name) != 1 or name not in AXIS_NAMES or len(p) - len(name) > 1:
            ok = False
            break
        m[i, AXIS_NAMES.index(name)] = sign
    if not ok or not np.allclose(np.abs(m).sum(axis=0), 1.0):
        raise ValueError(f"{text!r} is not an axis mapping: give each of x, y, z once, in the "
                         "order they are to be read, with a minus for an inverted axis "
                         "(e.g. x,y,-z or y,x,z)")
    return m


def axes_text(m: np.ndarray) -> str:
    """``"x,y,-z"`` for a signed permutation matrix (the inverse of :func:`parse_axes`)."""
    out = []
    for row in m:
        j = int(np.flatnonzero(row)[0])
        out.append(("-" if row[j] < 0 else "") + AXIS_NAMES[j])
    return ",".join(out)


def _signed_permutations() -> list[np.ndarray]:
    out = []
    for perm in itertools.permutations(range(3)):
        for signs in itertools.product((1.0, -1.0), repeat=3):
            m = np.zeros((3, 3))
            m[np.arange(3), perm] = signs
            out.append(m)
    return out


# The proper ones (det +1); the improper ones are their negatives. The identity comes first.
_PROPER = np.array([m for m in _signed_permutations() if np.linalg.det(m) > 0])
# Readings tried: (sign, rad/s per unit) x proper permutation. Integrating M w for a proper
# M gives M R M^T, and for -M the same of the integral of -w, so four integrations suffice.
_FAMILIES = ((1.0, 1.0), (-1.0, 1.0), (1.0, np.pi / 180.0), (-1.0, np.pi / 180.0))
READINGS = [(sign * p, per_unit != 1.0) for sign, per_unit in _FAMILIES for p in _PROPER]
# (i j l) x (p m): P_mi P_lj, carrying the averaged products R_ij a_l into each reading.
_CARRY = np.einsum("pmi,plj->ijlpm", _PROPER, _PROPER).reshape(27, 3 * len(_PROPER))


# ---------------------------------------------------------------------------------------
# Does the gyroscope carry gravity where the accelerometer finds it?

WINDOW_S = 4.0            # gravity is compared with the gyroscope over windows this long ...
MIN_WINDOW_S = 1.0        # ... or shorter pieces between gaps, down to this
SMOOTH_S = 1.0            # specific force averaged over this long (velocity change / 1 s)
STRIDE_S = 0.05
MAX_WINDOWS = 45          # spread over the recording: three minutes' worth is plenty
GAP_S = 0.1               # samples further apart than this (or 3 periods if longer): a gap
TELLS_APART_DEG = 8.0     # a window counts for a reading that predicts gravity this differently
TILT_EVIDENCE_DEG = 5.0   # ... in a window where gravity turned by at least this much
CLEAR_MARGIN_DEG = 3.0    # a reading is clearly better in a window by this much ...
CLEAR_FACTOR = 0.5        # ... and at most this share of the other's residual
FITS_DEG = 6.0            # median residual of a reading that fits (recorded: 0.1-4 deg)
OFF_DEG = 10.0            # median residual, as recorded, of a sensor that disagrees
CERTAIN_WINDOWS = 3       # a reading clearly better in this many windows ...
CERTAIN_SHARE = 0.6       # ... and in this share of the windows that tell the two apart
GLITCH_SHARE = 0.01       # impossible samples up to this share are glitches, left out


@dataclass(frozen=True)
class GyroCheck:
    """What :func:`check_gyroscope` found, with the evidence it rests on.

    ``verdict``: ``"agrees"``, ``"untested"`` (the movement could not show a wrong
    reading), ``"doubtful"`` (some windows suggest a wrong reading, too few to be sure),
    ``"disagrees"`` (clearly off, and no other reading fits: loose or faulty),
    ``"axes"`` (certain: the gyroscope's axes read as ``mapping`` fit) or ``"deg_per_s"``
    (certain: it is in deg/s).
    """

    verdict: str
    residual_deg: float | None       # median residual as recorded
    fitted_deg: float | None = None  # ... and read as the reading that fits better
    mapping: str | None = None       # e.g. "x,y,-z" (for "axes", or a doubtful one)
    deg_per_s: bool = False
    windows: int = 0                 # windows examined
    telling: int = 0                 # ... in which a wrong reading would have shown
    supporting: int = 0              # ... in which the other reading was clearly better
    against: int = 0                 # ... and clearly worse
    tilt_deg: float = 0.0            # largest turn of gravity in the sensor frame seen
    seconds: float = 0.0
    alike: tuple[str, ...] = ()      # other readings that fit as well (not told apart)

    @property
    def certain(self) -> bool:
        return self.verdict in ("axes", "deg_per_s")

    @property
    def trusted(self) -> bool:
        """Angles from this sensor as recorded can be trusted (or nothing says otherwise)."""
        return self.verdict in ("agrees", "untested", "doubtful")

    @property
    def column(self) -> str:
        """The first gyroscope column concerned."""
        if self.mapping is None or self.deg_per_s:
            return "gyr_x"
        m = parse_axes(self.mapping)
        changed = [i for i in range(3) if m[i, i] != 1.0]
        return f"gyr_{AXIS_NAMES[changed[0] if changed else 0]}"

    def evidence(self) -> str:
        """The evidence in words."""
        seen = (f"{self.windows} window(s) of about {WINDOW_S:.0f} s ({self.seconds:.0f} s in "
                f"all; gravity turned by up to {self.tilt_deg:.0f} deg in the sensor frame)")
        if self.verdict == "untested":
            return f"{seen}: too little tilt to tell"
        as_recorded = f"strays by {self.residual_deg:.1f} deg as recorded"
        if self.mapping is None and not self.deg_per_s:
            return f"{seen}: gravity {as_recorded} (median over {self.telling} that show it)"
        reading = "in deg/s" if self.deg_per_s else f"as {self.mapping}"
        alike = ""
        if self.alike and not self.deg_per_s:
            alike = ("; read as " + " or ".join(self.alike[:2])
                     + " it fits as well: the movement did not turn the sensor about the "
                     "other axes")
        return (f"{seen}: read {reading}, gravity stays within {self.fitted_deg:.1f} deg of "
                f"where the gyroscope carries it and {as_recorded}; better in "
                f"{self.supporting}, worse in {self.against}{alike}")

    def problem(self) -> str:
        """What is wrong, in words (for "axes", "deg_per_s", "disagrees", "doubtful")."""
        disagree = "the gyroscope and the accelerometer disagree"
        if self.certain and self.deg_per_s:
            return ("the gyroscope turns about 57 times as far as the accelerometer sees "
                    "gravity turn: is it in deg/s? It must be in rad/s")
        if self.certain and self.mapping is not None:
            return describe_mapping(parse_axes(self.mapping))
        if self.deg_per_s:
            guess = "is the gyroscope in deg/s?"
        elif self.mapping is not None:
            guess = re.sub(r"appears? ", "may be ", describe_mapping(parse_axes(self.mapping)))
        else:
            return f"{disagree} (loose strap or faulty sensor?)"
        return guess if self.verdict == "doubtful" else f"{disagree} ({guess})"


def describe_mapping(m: np.ndarray) -> str:
    """"gyr_z appears inverted", "gyr_x and gyr_y appear swapped", ... for a mapping."""
    src = [int(np.flatnonzero(row)[0]) for row in m]
    neg = [m[i, src[i]] < 0 for i in range(3)]
    if src == [0, 1, 2]:
        inverted = [f"gyr_{AXIS_NAMES[i]}" for i in range(3) if neg[i]]
        if not inverted:
            return "the gyroscope's axes are read as recorded"
        if len(inverted) == 3:
            return "all three gyroscope axes appear inverted"
        return " and ".join(inverted) + (" appears inverted" if len(inverted) == 1
                                         else " appear inverted")
    moved = [i for i in range(3) if src[i] != i or neg[i]]
    if len(moved) == 2 and not any(neg):
        return f"gyr_{AXIS_NAMES[moved[0]]} and gyr_{AXIS_NAMES[moved[1]]} appear swapped"
    return "the gyroscope's axes appear permuted: " + ", ".join(
        f"its {AXIS_NAMES[i]} axis is recorded as {'-' if neg[i] else ''}gyr_{AXIS_NAMES[src[i]]}"
        for i in moved)


def _pieces(time_s: np.ndarray, rate_hz: float) -> list[tuple[int, int]]:
    """Windows (start, end) of about WINDOW_S within the stretches without gaps."""
    gap = np.flatnonzero(np.diff(time_s) > max(3.0 / rate_hz, GAP_S))
    starts = np.concatenate([[0], gap + 1])
    ends = np.concatenate([gap + 1, [len(time_s)]])
    out: list[tuple[int, int]] = []
    for a, b in zip(starts, ends, strict=True):
        span = float(time_s[b - 1] - time_s[a])
        if b - a < 8 or span < MIN_WINDOW_S:
            continue
        n = max(1, round(span / WINDOW_S))
        edges = np.linspace(a, b, n + 1).round().astype(int)
        out.extend((int(edges[k]), int(edges[k + 1])) for k in range(n))
    if len(out) > MAX_WINDOWS:
        pick = np.linspace(0, len(out) - 1, MAX_WINDOWS).round().astype(int)
        out = [out[k] for k in pick]
    return out


BATCH_VALUES = 2_000_000   # windows scored together: at most this many numbers per array


def _window_residuals(time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray, rate_hz: float
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For windows of equal length (time (W, n), acc and gyr (W, n, 3)), each on its own:
    per reading, how far the one-second averages of the specific force, carried by the
    gyroscope into the window's first frame, stray from their common direction (rms, deg);
    how differently each reading predicts them from the recorded one (rms, deg), both
    (W, readings); and how far gravity turned in the sensor frame (largest, deg; (W,)).
    The windows go through one vectorised pass: scored one by one, the array operations'
    own overhead cost more than their arithmetic."""
    n = time_s.shape[1]
    k = int(np.clip(round(SMOOTH_S * rate_hz), 2, max(2, n // 2)))
    stride = max(1, round(STRIDE_S * rate_hz))
    rates = np.stack([sign * per_unit * gyr for sign, per_unit in _FAMILIES])  # (4, W, n, 3)
    rot = quaternion_matrix(integrate_rates(time_s, rates))            # (4, W, n, 3, 3)
    weights = np.gradient(time_s, axis=-1)                              # sample durations
    force = acc * weights[..., None]
    prod = rot[..., None] * force[None, :, :, None, None, :]           # (4, W, n, 3, 3, 3)
    run = np.cumsum(prod, axis=2)
    run = np.concatenate([np.zeros_like(run[:, :, :1]), run], axis=2)
    wrun = np.concatenate([np.zeros((len(time_s), 1)), np.cumsum(weights, axis=-1)], axis=-1)
    ends = np.arange(k, n + 1, stride)
    span = wrun[:, ends] - wrun[:, ends - k]                            # (W, K)
    mean = (run[:, :, ends] - run[:, :, ends - k]) / span[None, :, :, None, None, None]
    # Reading M = s P: the carried specific force is P R_s (P^T a); averaged: P v with
    # v_i = sum_jl mean_ijl P_lj, that is sum_ijl mean_ijl P_mi P_lj: one matrix product.
    f = (mean.reshape(*mean.shape[:3], 27) @ _CARRY).reshape(*mean.shape[:3], len(_PROPER), 3)
    f = np.moveaxis(f, 3, 1).reshape(len(READINGS), *mean.shape[1:3], 3)  # (H, W, K, 3)
    u = f / np.maximum(np.sqrt(np.einsum("...i,...i->...", f, f)), 1e-9)[..., None]
    centre = u.mean(axis=2)                                             # (H, W, 3)
    centre /= np.maximum(np.sqrt(np.einsum("...i,...i->...", centre, centre)),
                         1e-9)[..., None]
    stray = np.degrees(np.arccos(np.clip(np.einsum("hwkm,hwm->hwk", u, centre), -1.0, 1.0)))
    apart = np.degrees(np.arccos(np.clip(np.einsum("hwkm,wkm->hwk", u, u[0]), -1.0, 1.0)))
    araw = np.cumsum(force, axis=1)
    araw = np.concatenate([np.zeros_like(araw[:, :1]), araw], axis=1)
    seen = araw[:, ends] - araw[:, ends - k]                            # (W, K, 3)
    seen /= np.maximum(np.sqrt(np.einsum("...i,...i->...", seen, seen)), 1e-9)[..., None]
    mid = seen.mean(axis=1)
    mid /= np.maximum(np.sqrt(np.einsum("...i,...i->...", mid, mid)), 1e-9)[..., None]
    tilt = np.degrees(np.arccos(np.clip(np.einsum("wkm,wm->wk", seen, mid), -1.0, 1.0)))
    return (np.sqrt((stray ** 2).mean(axis=-1)).T, np.sqrt((apart ** 2).mean(axis=-1)).T,
            tilt.max(axis=1))


def _all_window_residuals(time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray,
                          rate_hz: float, windows: list[tuple[int, int]]
                          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_window_residuals` of every window (start, end), in their order: those of
    one length scored together, in batches that bound the memory."""
    stray = np.empty((len(windows), len(READINGS)))
    apart = np.empty_like(stray)
    tilt = np.empty(len(windows))
    by_length: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(windows):
        by_length.setdefault(b - a, []).append(i)
    for length, which in by_length.items():
        per_batch = max(1, BATCH_VALUES // (4 * 27 * length))
        for s in range(0, len(which), per_batch):
            idx = which[s:s + per_batch]
            rows = np.array([np.arange(windows[i][0], windows[i][1]) for i in idx])
            stray[idx], apart[idx], tilt[idx] = _window_residuals(
                time_s[rows], acc[rows], gyr[rows], rate_hz)
    return stray, apart, tilt


def _changes(index: int) -> tuple[int, int]:
    m, in_deg = READINGS[index]
    return int(in_deg), int(np.sum(np.diag(m) != 1.0))


def check_gyroscope(time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray,
                    rate_hz: float | None = None) -> GyroCheck:
    """Whether the gyroscope carries gravity where the accelerometer finds it, as recorded
    or read another way (axes permuted or inverted, deg/s), and how sure that is.
    See the module docstring for the method."""
    time_s = np.asarray(time_s, dtype=float)
    ok = np.isfinite(time_s) & np.isfinite(acc).all(axis=1) & np.isfinite(gyr).all(axis=1)
    # Samples beyond any sensor's range are glitches where they are rare (left out, as the
    # pipeline does); where they are common the readings are in other units (a gyroscope in
    # deg/s reads a brisk 1.2 rad/s turn as 70) and are judged as they are.
    possible = possible_samples(time_s, acc, gyr)
    if np.mean(ok & ~possible) <= GLITCH_SHARE:
        ok &= possible
    if not ok.all():                              # (a copy only where samples go)
        time_s, acc, gyr = time_s[ok], acc[ok], gyr[ok]
    if len(time_s) < 8:
        return GyroCheck("untested", None)
    if rate_hz is None:
        rate_hz = 1.0 / float(np.median(np.diff(time_s)))
    gyr = gyr - rest_offset(gyr, rate_hz)
    windows = _pieces(time_s, rate_hz)
    if not windows:
        return GyroCheck("untested", None)
    r, d, tilt = _all_window_residuals(time_s, acc, gyr, rate_hz, windows)
    seconds = sum(float(time_s[b - 1] - time_s[a]) for a, b in windows)
    base: dict[str, Any] = {"windows": len(r), "tilt_deg": float(max(tilt)),
                            "seconds": seconds}
    # An axis mapping is only put to the test where gravity turned in the sensor frame:
    # read any way that turns the sensor about the vertical, a still sensor fits too. Units
    # show where the sensor hardly tilts as well: in deg/s read as rad/s it turns 57 times
    # as far, which no reading in rad/s makes agree.
    in_deg = np.array([d for _, d in READINGS])
    tells = (d >= TELLS_APART_DEG) & ((np.array(tilt) >= TILT_EVIDENCE_DEG)[:, None]
                                      | in_deg[None, :])
    recorded = r[:, :1]
    better = tells & (r + CLEAR_MARGIN_DEG <= recorded) & (r <= CLEAR_FACTOR * recorded)
    worse = tells & (recorded + CLEAR_MARGIN_DEG <= r) & (recorded <= CLEAR_FACTOR * r)
    wins, losses = better.sum(axis=0), worse.sum(axis=0)
    score = np.median(r, axis=0)
    # Windows in which most other readings would have shown: the movement tested the sensor.
    telling = np.median(d[:, 1:], axis=1) >= TELLS_APART_DEG
    residual = float(np.median(r[telling, 0])) if telling.any() else float(score[0])
    base.update(residual_deg=residual, telling=int(telling.sum()))

    def found(verdict: str, h: int, alike: Sequence[int] = ()) -> GyroCheck:
        m, in_deg = READINGS[h]
        return GyroCheck(verdict, fitted_deg=float(score[h]),
                         mapping=None if in_deg else axes_text(m), deg_per_s=in_deg,
                         supporting=int(wins[h]), against=int(losses[h]),
                         alike=tuple(axes_text(READINGS[k][0]) for k in alike
                                     if k != h and not READINGS[k][1]), **base)

    told = tells.sum(axis=0)
    # Read in deg/s the gyroscope hardly turns at all, which fits any sensor that tilts
    # little: that reading stands for deg/s only where no reading in rad/s fits (axes
    # permuted or inverted, the gyroscope turns as far as the accelerometer sees, only the
    # wrong way; in deg/s it turns 57 times too far whichever way it is read).
    allowed = ~in_deg | (score[~in_deg].min() > FITS_DEG)
    certain = [h for h in range(1, len(READINGS))
               if allowed[h] and wins[h] >= CERTAIN_WINDOWS
               and wins[h] >= CERTAIN_SHARE * told[h]
               and losses[h] <= wins[h] // 10 and score[h] <= FITS_DEG]
    if certain:
        best = min(score[h] for h in certain)
        fit = [h for h in certain if score[h] <= best + max(1.0, 0.25 * best)]
        # Of readings the movement cannot tell apart, the one that changes least.
        h = min(fit, key=lambda h: (*_changes(h), score[h]))
        return found("deg_per_s" if READINGS[h][1] else "axes", h,
                     sorted(fit, key=lambda k: (*_changes(k), score[k])))
    # A reading that fits better in a window or two and worse in none: a hint, not proof.
    hints = [h for h in range(1, len(READINGS))
             if allowed[h] and wins[h] >= 1 and losses[h] == 0 and score[h] <= FITS_DEG
             and score[h] + CLEAR_MARGIN_DEG <= score[0]]
    hint = min(hints, key=lambda h: (score[h], *_changes(h))) if hints else None
    if telling.sum() >= CERTAIN_WINDOWS and residual >= OFF_DEG:
        return GyroCheck("disagrees", **base) if hint is None else found("disagrees", hint)
    if hint is not None:
        return found("doubtful", hint)
    if telling.any() and residual >= OFF_DEG:
        return GyroCheck("doubtful", **base)
    return GyroCheck("agrees" if telling.any() else "untested", **base)


# ---------------------------------------------------------------------------------------
# Units

# Plausible readings: the median acceleration is about gravity.
ACC_MEDIAN_M_S2 = (4.0, 25.0)


def accelerometer_problem(acc: np.ndarray) -> tuple[str, str] | None:
    """An accelerometer in other units than m/s^2, or dead: (column, words), else None."""
    g = float(np.median(np.linalg.norm(acc, axis=1)))
    if ACC_MEDIAN_M_S2[0] <= g <= ACC_MEDIAN_M_S2[1]:
        return None
    if g < 0.3:
        why = "the accelerometer reads (almost) nothing: faulty or not switched on?"
    elif g <= 2.5:
        why = "is it in g? It must be in m/s^2 (1 g = 9.81 m/s^2)"
    else:
        why = "not m/s^2 (mg or cm/s^2?) or a faulty accelerometer"
    return "acc_x", (f"acceleration has a median magnitude of {g:.3g} (gravity is "
                     f"9.81 m/s^2); {why}")


def unit_problem(acc: np.ndarray, gyr: np.ndarray, rate_hz: float,
                 time_s: np.ndarray | None = None) -> tuple[str, str] | None:
    """Readings in other units than m/s^2 and rad/s, gyroscope axes that certainly do not
    match the accelerometer's, or a dead accelerometer: (the first column concerned, what
    is wrong in words), or None. Only what is certain: a doubt is not a refusal."""
    problem = accelerometer_problem(acc)
    if problem is not None:
        return problem
    if time_s is None:
        time_s = np.arange(len(acc)) / rate_hz
    check = check_gyroscope(time_s, acc, gyr, rate_hz)
    if check.certain:
        return check.column, f"{check.problem()} ({check.evidence()})"
    return None
