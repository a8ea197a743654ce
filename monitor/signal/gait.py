"""Walking tests from a thigh or shank IMU: gait events, the 40 m fast-paced walk, the Timed
Up and Go with its phases, and the stair climb.

Sensors are strapped on in any orientation and not calibrated. Everything starts from the
angular rate about the segment's sagittal (mediolateral) axis, found from the data: the
principal axis of the angular rate while the segment moves, with its rotation about the
vertical taken off (a turn turns the leg about the vertical, not about the knee axis). Its
sign is fixed by the swing: a leg swings forward faster than it turns back in stance, so
forward is where the larger excursions go (the rate is skewed toward forward swing).

- Gait events (``gait_events``): one mid-swing peak per stride of the leg that carries the
  sensor, initial contact (IC) and final contact (FC) around it, after K. Aminian et al.,
  "Spatio-temporal parameters of gait measured by an ambulatory system using miniature
  gyroscopes", J Biomech 35(5):689-699, 2002, and A. Salarian et al., "Gait assessment in
  Parkinson's disease: toward an ambulatory system for long-term monitoring", IEEE Trans
  Biomed Eng 51(8):1434-1443, 2004 (shank: IC at the minimum of the sagittal rate after
  mid-swing, FC at the minimum before it; see also D. Trojaniello et al., J NeuroEng Rehabil
  11:152, 2014). On the thigh, IC follows its maximal flexion (the rate crosses zero
  after the swing) and FC its maximal extension (the crossing before the swing) by the
  share of the normal gait cycle between them (J. Perry and J. M. Burnfield, "Gait
  Analysis", 2010; D. A. Winter, "Biomechanics and Motor Control of Human Movement", 2009).
- Test time: from gait onset (the leg leaves stillness before its first step: its rate
  crosses 5 % of the typical swing's peak, widened by a smooth start's slow part) to the
  end of the last step (still again, and at most 0.6 strides after this leg's last initial
  contact, when the other leg has landed too). One leg's sensor sees the other leg's first
  and last steps too: its own stance leg turns while the other leg steps.
- Steps: one leg swings once per stride, so one leg's sensor counts strides; the test
  counts both legs' steps as twice its swings (the other leg may have made one step more
  or fewer; the notes say so). With a sensor on each leg the steps of each are counted.
- Turns: the rate about the vertical (the angular rate along the direction of gravity in
  the sensor frame, VQF 6D orientation), averaged over one stride (the leg's own rotation
  about the vertical repeats every stride), less its baseline while walking straight (a
  swinging thigh turns a few deg/s about the vertical even then); a turn is where the
  heading changes by 90 deg or more. Its middle is the centroid of its rate profile and
  its duration that of a minimum-jerk turn with the profile's spread (the averaging's own
  spread taken off).
- Sitting and standing (TUG): the thigh is seated when its direction is 60 deg or more
  from its direction while walking; rising and sitting down turn it about the knee axis
  (extension, flexion). The rise starts where that rate crosses 5 % of its peak (widened
  as above) and ends as far after the peak as it started before it (a smooth, nearly
  symmetric movement; walking may begin before the thigh is quite upright); sitting down
  the other way round (Salarian et al., "iTUG, a sensitive and reliable measure of
  mobility", IEEE Trans Neural Syst Rehabil Eng 18(3), 2010, for the phases).

Pure numpy/scipy, no Qt. Layer: monitor.signal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.signal import butter, filtfilt, find_peaks

from monitor.core.errors import ConfigurationError
from monitor.core.orientation import OrientationTracker
from monitor.core.samples import ImuBatch, ImuRecording, possible_samples
from monitor.signal.reps import BOUNDARY_OF_PEAK_SPEED, TAIL_REFERENCE_SPEED, smooth_tails_s

ALGORITHM_VERSION = "gait-1"

# A leg's swing turns it faster than this at its peak (29 deg/s): the thigh of a slow
# walker (0.6 m/s) peaks near 70 deg/s, a shank near 170 deg/s.
SWING_FLOOR_RAD_S = 0.5
# A swing peaks at least at this share of the typical swing (the 75th percentile of the
# peaks): turning steps are smaller and the first and last steps smaller still (a shank's
# first step from standing can peak at a fifth of the typical swing, a closing step too).
SWING_OF_TYPICAL = 0.15
# As gait starts, the stance thigh flexes a little (weight shifting onto it): up to about
# a sixth of a swing's peak in recordings of healthy walkers, with the foot down; the
# thigh's own first step peaked at 0.37 of the typical swing or more (Walking-dataset, see
# benchmarks/accuracy_gait.py). So a thigh's first swing after a pause peaks at this share.
THIGH_FIRST_SWING_OF_TYPICAL = 0.3
SWING_LOWPASS_HZ = 3.0       # mid-swing peaks on the rate low-passed here (one per stride)
EVENT_LOWPASS_HZ = 8.0       # contacts on the rate low-passed here (a heel strike is brief)
# The thigh is most flexed at about 85 % of the gait cycle and most extended at about 52 %;
# initial contact is at 100 %, toe-off at 62 % (J. Perry and J. M. Burnfield, "Gait
# Analysis: Normal and Pathological Function", 2nd ed., 2010; Winter 2009).
THIGH_IC_AFTER_FLEXION = 0.15     # share of the stride
THIGH_FC_AFTER_EXTENSION = 0.10
MIN_STRIDE_S = 0.55          # two swings of one leg are at least this far apart ...
MAX_STRIDE_S = 2.5           # ... and at most this far apart while walking (slow: 1.7 s)
MIN_SWINGS = 3               # walking: at least this many swings in a row
MAX_PAUSE_S = 4.0            # walking bouts this close together belong to one test
# While walking the leg segments stay near upright: the direction of gravity in the sensor
# frame stays within this angle of its mean over the bout (90th percentile). Repeated
# sit-to-stands turn the thigh by 90 deg.
WALKING_MAX_TILT_DEG = 50.0
# Still: the low-passed angular rate stays below this (or 4 times the noise of the
# stillest second, or STILL_OF_SWING of the swing, whichever is largest) for STILL_S.
STILL_RAD_S = 0.05
STILL_S = 0.3
# A step moves the leg faster than this share of the typical swing's peak rate (the
# repetitions' 5 % convention, monitor.signal.reps): below it, a leg that has landed is
# settling, and one that has not started is preparing (shifting weight).
STILL_OF_SWING = 0.05
ONSET_LOOKBACK_STRIDES = 1.5   # the first step's preparation takes at most this long
LAST_STEP_OF_STRIDE = 0.6      # the other leg lands at most this long after this one
# Turns: 90 deg or more about the vertical, turning faster than TURN_RATE_DEG_S on
# average over a stride.
TURN_MIN_DEG = 90.0
TURN_RATE_DEG_S = 20.0
TURN_EDGE_OF_PEAK = 0.05     # a turn's rate profile reaches out to this share of its peak
GAP_NOTE_S = 1.0             # a sensor silent this long during a test is told
TUG_REACH_S = 5.0            # rising before the first step, sitting after the last
TUG_STILL_S = 1.0            # a pause between rising and walking is not yet the start
SEATED_DEG = 60.0            # the thigh this far from its walking direction is seated


def _lowpass(x: np.ndarray, cutoff_hz: float, rate_hz: float) -> np.ndarray:
    wn = min(cutoff_hz, 0.45 * rate_hz) / (0.5 * rate_hz)
    b, a = butter(2, wn)
    if len(x) <= 3 * max(len(a), len(b)):
        return np.asarray(x, dtype=float)
    return filtfilt(b, a, x, axis=0)


def _uniform(time_s: np.ndarray, values: list[np.ndarray], rate_hz: float
             ) -> tuple[np.ndarray, list[np.ndarray]]:
    """The samples on a uniform grid at ``rate_hz`` (linear interpolation across lost
    samples); unchanged when already uniform."""
    t = np.asarray(time_s, dtype=float)
    dt = 1.0 / rate_hz
    if len(t) < 2 or np.max(np.diff(t)) < 1.5 * dt:
        return t, values
    grid = t[0] + np.arange(int(np.floor((t[-1] - t[0]) * rate_hz)) + 1) * dt
    out = []
    for v in values:
        v = np.asarray(v, dtype=float)
        out.append(np.stack([np.interp(grid, t, v[:, k]) for k in range(v.shape[1])], axis=1))
    return grid, out


def _stillest_second(g: np.ndarray, rate_hz: float) -> tuple[np.ndarray, float]:
    """Mean angular rate (the zero-rate offset) and noise (rad/s) of the stillest second."""
    n = max(4, int(rate_hz))
    if len(g) < n:
        return np.zeros(3), 0.0
    c = np.cumsum(np.vstack([np.zeros((1, 3)), g]), axis=0)
    c2 = np.cumsum(np.vstack([np.zeros((1, 3)), g * g]), axis=0)
    mean = (c[n:] - c[:-n]) / n
    var = np.maximum((c2[n:] - c2[:-n]) / n - mean * mean, 0.0).sum(axis=1)
    i = int(np.argmin(var))
    return mean[i], float(np.sqrt(var[i]))


def sagittal_axis(gyr_rad_s: np.ndarray, up: np.ndarray | None = None) -> np.ndarray:
    """The sensor-frame axis the segment swings about while it moves (unit vector, sign
    not yet fixed): the principal axis of the angular rate where it is large, with the
    rotation about the vertical (``up``: the vertical in the sensor frame per sample)
    taken off first."""
    g = np.asarray(gyr_rad_s, dtype=float)
    if up is not None:
        g = g - np.sum(g * up, axis=1)[:, None] * up
    mag = np.linalg.norm(g, axis=1)
    if not np.any(mag > 0):
        return np.array([1.0, 0.0, 0.0])
    moving = mag >= 0.3 * np.percentile(mag, 95)
    gm = g[moving]
    return np.linalg.eigh(gm.T @ gm)[1][:, -1]


def _crossing(t: np.ndarray, x: np.ndarray, i0: int, i1: int, rising: bool,
              last: bool) -> float | None:
    """Time where ``x`` crosses zero upward (``rising``) or downward between indices
    i0..i1; the last such crossing if ``last`` else the first."""
    i0, i1 = max(i0, 0), min(i1, len(x) - 1)
    if i1 - i0 < 1:
        return None
    a, b = x[i0:i1], x[i0 + 1:i1 + 1]
    hits = np.flatnonzero((a < 0) & (b >= 0)) if rising else np.flatnonzero((a > 0) & (b <= 0))
    if hits.size == 0:
        return None
    k = i0 + int(hits[-1] if last else hits[0])
    return float(t[k] + (t[k + 1] - t[k]) * x[k] / (x[k] - x[k + 1]))


def _trough(t: np.ndarray, x: np.ndarray, i0: int, i1: int) -> float | None:
    """Time of the minimum of ``x`` in i0..i1 (parabolic sub-sample), if below zero."""
    i0, i1 = max(i0, 0), min(i1, len(x) - 1)
    if i1 - i0 < 2:
        return None
    k = i0 + int(np.argmin(x[i0:i1 + 1]))
    if x[k] >= 0:
        return None
    if 0 < k < len(x) - 1:
        y0, y1, y2 = x[k - 1], x[k], x[k + 1]
        den = y0 - 2 * y1 + y2
        if den > 0:
            return float(t[k] + 0.5 * (y0 - y2) / den * (t[1] - t[0]))
    return float(t[k])


def gait_events(time_s: np.ndarray, gyr_rad_s: np.ndarray, rate_hz: float,
                segment: str = "shank", up: np.ndarray | None = None) -> dict:
    """Gait events of the leg that carries the sensor, from its angular rate.

    ``time_s`` (N,), ``gyr_rad_s`` (N, 3): a thigh or shank sensor in any orientation (a
    zero-rate offset is taken off at the stillest second); ``segment``: "shank" or
    "thigh"; ``up`` (N, 3), optional: the vertical in the sensor frame (from an
    orientation filter), so a turn's rotation about it does not tilt the sagittal axis.

    Method: the sagittal rate (principal axis of the moving segment's angular rate, sign
    so the swing is positive; see the module docstring) low-passed at 3 Hz has one peak
    per stride at mid-swing (Aminian et al. 2002; Salarian et al. 2004). For a shank, the
    initial contact is the minimum of the rate (low-passed at 8 Hz) within 0.35 strides
    after mid-swing (the heel strike stops its forward swing) and the final contact the
    minimum within 0.4 strides before it (the push-off turns it back fastest), as in
    Salarian et al. 2004 and Trojaniello et al. 2014. For a thigh: its maximal flexion
    after mid-swing and maximal extension before it (zero crossings of the rate).
    Walking bouts: at least MIN_SWINGS swings, each within MAX_STRIDE_S of the last.

    Returns ``{"time_s", "sagittal_rate_rad_s"`` (the signal used, on a uniform grid),
    ``"axis"`` (sensor frame), ``"mid_swing_s"``, ``"initial_contacts_s"``,
    ``"final_contacts_s"`` (per stride: the contact that ends that swing and the one that
    began it, None where not found), ``"swing_peak_rad_s"`` (typical), ``"stride_s"``
    (median within bouts), ``"bouts"`` ([[first, last] mid-swing time of each walking
    bout]), ``"offset_rad_s"``, ``"noise_rad_s"``}.
    """
    if segment not in ("shank", "thigh"):
        raise ConfigurationError(f"gait events come from a shank or thigh, not {segment!r}")
    t, uniform = _uniform(time_s, [np.asarray(gyr_rad_s, dtype=float)]
                          + ([] if up is None else [up]), rate_hz)
    g, up_u = uniform[0], (None if up is None else uniform[1])
    if up_u is not None:
        up_u = up_u / np.maximum(np.linalg.norm(up_u, axis=1), 1e-9)[:, None]
    offset, noise = _stillest_second(g, rate_hz)
    if noise < 0.03 and np.linalg.norm(offset) < 0.2:
        g = g - offset
    else:
        offset = np.zeros(3)
    out = {"time_s": t, "sagittal_rate_rad_s": np.zeros(len(t)), "axis": [1.0, 0.0, 0.0],
           "mid_swing_s": [], "initial_contacts_s": [], "final_contacts_s": [],
           "swing_peak_rad_s": 0.0, "stride_s": None, "bouts": [],
           "offset_rad_s": offset.tolist(), "noise_rad_s": noise}
    if len(t) < max(8, int(rate_hz)):
        return out
    axis = sagittal_axis(g, up_u)
    w = g @ axis
    moving = np.abs(w) >= 0.3 * np.percentile(np.abs(w), 95)
    if np.sum(w[moving] ** 3) < 0:
        axis, w = -axis, -w
    out["axis"] = axis.tolist()
    out["sagittal_rate_rad_s"] = w
    w_swing = _lowpass(w, SWING_LOWPASS_HZ, rate_hz)
    w_event = _lowpass(w, EVENT_LOWPASS_HZ, rate_hz)
    peaks, props = find_peaks(w_swing, height=SWING_FLOOR_RAD_S,
                              distance=max(1, int(MIN_STRIDE_S * rate_hz)))
    if peaks.size == 0:
        return out
    typical = float(np.percentile(props["peak_heights"], 75))
    peaks = peaks[w_swing[peaks] >= SWING_OF_TYPICAL * typical]
    if segment == "thigh" and peaks.size:
        gap = np.diff(np.concatenate([[-np.inf], t[peaks]]))
        first_small = (gap > MAX_STRIDE_S) & (
            w_swing[peaks] < THIGH_FIRST_SWING_OF_TYPICAL * typical)
        while np.any(first_small):
            peaks = peaks[~first_small]
            gap = np.diff(np.concatenate([[-np.inf], t[peaks]]))
            first_small = (gap > MAX_STRIDE_S) & (
                w_swing[peaks] < THIGH_FIRST_SWING_OF_TYPICAL * typical)
    # Between two swings the leg is in stance: the rate comes well down.
    keep = [peaks[0]]
    for p in peaks[1:]:
        if np.min(w_swing[keep[-1]:p + 1]) < 0.35 * min(w_swing[keep[-1]], w_swing[p]):
            keep.append(p)
        elif w_swing[p] > w_swing[keep[-1]]:
            keep[-1] = p
    peaks = np.asarray(keep)
    times = t[peaks]
    # Walking bouts: swings in the rhythm of walking.
    bouts, cur = [], [0]
    for i in range(1, len(peaks)):
        if times[i] - times[i - 1] <= MAX_STRIDE_S:
            cur.append(i)
        else:
            bouts.append(cur)
            cur = [i]
    bouts.append(cur)
    bouts = [b for b in bouts if len(b) >= MIN_SWINGS]
    intervals = np.concatenate([np.diff(times[b]) for b in bouts]) if bouts else np.diff(times)
    stride = float(np.median(intervals)) if intervals.size else 1.1
    ic, fc = [], []
    for p in peaks:
        if segment == "shank":
            ic.append(_trough(t, w_event, p + 1, p + int(0.35 * stride * rate_hz)))
            fc.append(_trough(t, w_event, p - int(0.4 * stride * rate_hz), p - 1))
        else:
            flexed = _crossing(t, w_event, p, p + int(0.45 * stride * rate_hz), rising=False,
                               last=False)
            extended = _crossing(t, w_event, p - int(0.5 * stride * rate_hz), p, rising=True,
                                 last=True)
            ic.append(None if flexed is None else flexed + THIGH_IC_AFTER_FLEXION * stride)
            # Toe-off comes before mid-swing, whatever the stride (a short last step).
            fc.append(None if extended is None else min(
                extended + THIGH_FC_AFTER_EXTENSION * stride, 0.5 * (extended + t[p])))
    out.update({"mid_swing_s": times.tolist(), "initial_contacts_s": ic,
                "final_contacts_s": fc, "swing_peak_rad_s": typical, "stride_s": stride,
                "bouts": [[float(times[b[0]]), float(times[b[-1]])] for b in bouts]})
    return out


# --------------------------------------------------------------------------------------
# Sensors of a recording


@dataclass
class _Leg:
    """One thigh or shank sensor, analysed."""

    label: str
    side: str | None              # "left", "right" or None (not said)
    segment: str                  # "shank" or "thigh"
    rate_hz: float = 0.0
    # Empty until analysed (_analyse):
    t: np.ndarray = field(default_factory=lambda: np.empty(0))
    gyr: np.ndarray = field(default_factory=lambda: np.empty((0, 3)))  # bias-corrected (VQF),
    up: np.ndarray = field(default_factory=lambda: np.empty((0, 3)))   # uniform grid; vertical
    events: dict[str, Any] = field(default_factory=dict)             # in the sensor frame
    episode: list[int] = field(default_factory=list)   # indices into mid_swing_s
    start_s: float | None = None
    end_s: float | None = None               # the leg still again
    last_step_end_s: float | None = None     # the last foot lands
    why_not: str | None = None             # why no walking was found
    raw_t: np.ndarray = field(default_factory=lambda: np.empty(0))  # its own sample times

    def walked(self) -> tuple[float, float, float]:
        """The start and end of the walking found (_walking_episode) and the end of its
        last step."""
        if self.start_s is None or self.end_s is None or self.last_step_end_s is None:
            raise ValueError(f"sensor {self.label!r}: no walking found")
        return self.start_s, self.end_s, self.last_step_end_s


def _placement(rec: ImuRecording, label: str) -> str | None:
    p = rec.placements.get(label)
    if p is None:
        from monitor.signal.analysis import placement_from_label
        p = placement_from_label(label)
    return p


def _legs(rec: ImuRecording) -> tuple[list[_Leg], list[str]]:
    """Every thigh and shank sensor of the recording."""
    legs, notes = [], []
    for label in rec.sensors:
        p = _placement(rec, label)
        if p is None or p == "pelvis":
            continue
        side, seg = (p.split("_", 1) if "_" in p else (None, p))
        if seg in ("thigh", "shank"):
            legs.append(_Leg(label=label, side=side, segment=seg))
            if label not in rec.placements:
                notes.append(f"sensor {label!r} taken to be on the {p.replace('_', ' ')} "
                             "from its label")
    return legs, notes


def _no_leg_note(rec: ImuRecording) -> str:
    if not rec.sensors:
        return "the recording has no sensors"
    placed = ", ".join(f"{lab}={rec.placements.get(lab, '?')}" for lab in rec.sensors)
    return ("no shank or thigh sensor: gait is measured from a sensor on the thigh or the "
            f"shank (this recording has {placed}); give placements in a sidecar or with "
            "--placement LABEL=PLACEMENT")


def _analyse(rec: ImuRecording, leg: _Leg) -> _Leg:
    """Orientation, bias-corrected rate and gait events of one sensor."""
    b = rec.sensors[leg.label]
    ok = possible_samples(b.time_s, b.acc_m_s2, b.gyr_rad_s)
    if not ok.all():
        b = ImuBatch(b.time_s[ok], b.acc_m_s2[ok], b.gyr_rad_s[ok])
    if len(b) < 20:
        bad = int((~ok).sum())
        leg.why_not = (f"sensor {leg.label!r} has too few samples to measure ({len(b)}"
                       + (f"; {bad} readings no sensor can give, without gravity or out of "
                          "range, were left out)" if bad else ")"))
        return leg
    leg.raw_t = b.time_s
    try:
        rate = b.nominal_rate_hz()
    except ValueError as exc:
        leg.why_not = f"sensor {leg.label!r}: {exc}"
        return leg
    ori = OrientationTracker(rate).update(b.time_s, b.acc_m_s2, b.gyr_rad_s)
    t, (gyr, up) = _uniform(b.time_s, [ori.gyr_rad_s, ori.up], rate)
    up = up / np.maximum(np.linalg.norm(up, axis=1), 1e-9)[:, None]
    leg.rate_hz, leg.t, leg.gyr, leg.up = rate, t, gyr, up
    leg.events = gait_events(t, gyr, rate, leg.segment, up=up)
    _walking_episode(leg)
    return leg


def _tilt_deg(up: np.ndarray) -> np.ndarray:
    """Angle (deg) of each vertical from their mean direction."""
    m = up.mean(axis=0)
    m /= max(np.linalg.norm(m), 1e-9)
    return np.degrees(np.arccos(np.clip(up @ m, -1.0, 1.0)))


def _walking_episode(leg: _Leg) -> None:
    """The test's walking: the bouts of upright walking close enough together to be one
    test, the largest such group; its first movement and its end."""
    ev = leg.events
    times = np.asarray(ev["mid_swing_s"])
    if times.size == 0:
        leg.why_not = (f"no walking found: sensor {leg.label!r} made no movement as fast "
                       "as a step")
        return
    upright = []
    for first, last in ev["bouts"]:
        sel = (leg.t >= first) & (leg.t <= last)
        if np.percentile(_tilt_deg(leg.up[sel]), 90) <= WALKING_MAX_TILT_DEG:
            upright.append((first, last))
    if not upright:
        if ev["bouts"]:
            leg.why_not = (f"no walking found: sensor {leg.label!r} moved in a rhythm but "
                           "tilted far from upright (sitting down and standing up?)")
        else:
            leg.why_not = (f"no walking found: sensor {leg.label!r} made {times.size} "
                           f"movement{'s' if times.size != 1 else ''} as fast as a step, "
                           f"never {MIN_SWINGS} in a row in the rhythm of walking")
        return
    def silent(a: float, b: float) -> float:
        """How long the sensor sent nothing between a and b (a lost link is no pause)."""
        t = leg.raw_t[(leg.raw_t >= a) & (leg.raw_t <= b)]
        d = np.diff(np.concatenate([[a], t, [b]]))
        return float(np.sum(d[d >= GAP_NOTE_S]))

    groups = [[upright[0]]]
    for bout in upright[1:]:
        last = groups[-1][-1][1]
        if bout[0] - last - silent(last, bout[0]) <= MAX_PAUSE_S:
            groups[-1].append(bout)
        else:
            groups.append([bout])

    def swings(group: list[tuple[float, float]]) -> int:
        return int(np.sum((times >= group[0][0]) & (times <= group[-1][1])))

    best = max(groups, key=swings)
    first, last = best[0][0], best[-1][1]
    leg.episode = [int(i) for i in np.flatnonzero((times >= first) & (times <= last))]
    leg.start_s, leg.end_s = _movement_span(leg, first, last)
    # The last step ends when the last foot lands: this leg's own last contact, or the
    # other leg's half a stride later. Movement after that is settling, not a step.
    last_ic = ev["initial_contacts_s"][leg.episode[-1]]
    stride = ev["stride_s"] or 1.1
    leg.last_step_end_s = leg.end_s if last_ic is None else min(
        leg.end_s, last_ic + LAST_STEP_OF_STRIDE * stride)


def _movement_span(leg: _Leg, first_swing_s: float, last_swing_s: float,
                   reach_s: float | None = None, still_s: float = STILL_S,
                   of_swing: float = STILL_OF_SWING) -> tuple[float, float]:
    """First movement before the first swing and the end of movement after the last:
    where the low-passed angular rate leaves (returns to) a stillness of at least
    ``still_s`` (below ``of_swing`` of the typical swing's peak rate, or noise), looked
    for within ``reach_s`` (default ONSET_LOOKBACK_STRIDES strides) of those swings;
    where the leg is never that still, the quietest moment."""
    t, rate = leg.t, leg.rate_hz
    m = _lowpass(np.linalg.norm(leg.gyr, axis=1), SWING_LOWPASS_HZ, rate)
    thr = max(STILL_RAD_S, 4.0 * leg.events["noise_rad_s"],
              of_swing * leg.events["swing_peak_rad_s"])
    stride = leg.events["stride_s"] or 1.1
    reach = ONSET_LOOKBACK_STRIDES * stride if reach_s is None else reach_s
    still_n = max(2, int(still_s * rate))
    quiet = (m < thr).astype(int)
    i_first = int(np.searchsorted(t, first_swing_s))
    i_last = min(len(t) - 1, int(np.searchsorted(t, last_swing_s)))
    lo = max(0, i_first - int(reach * rate))
    hi = min(len(t) - 1, i_last + int(reach * rate))
    # Runs of stillness: still_run[i] = how many quiet samples end at i (going forward)
    # and start at i (going backward).
    c = np.concatenate([[0], np.cumsum(quiet)])

    def all_quiet(a: int, b: int) -> bool:          # samples a..b-1
        return b > a and c[b] - c[a] == b - a

    start_i = None
    for i in range(i_first, lo - 1, -1):
        if quiet[i] and (all_quiet(max(0, i - still_n + 1), i + 1) or i == 0):
            start_i = i
            break
    if start_i is None:
        start_i = lo + int(np.argmin(m[lo:i_first + 1]))
    end_i = None
    for i in range(i_last, hi + 1):
        if quiet[i] and (all_quiet(i, min(len(t), i + still_n)) or i == len(t) - 1):
            end_i = i
            break
    if end_i is None:
        end_i = i_last + int(np.argmin(m[i_last:hi + 1]))
    start, end = float(t[start_i]), float(t[end_i])
    if of_swing > 0 and thr == of_swing * leg.events["swing_peak_rad_s"]:
        # Found at 5 % of the swing's speed: gait starts smoothly, so the start is widened
        # by the time a smooth movement spends below that (as the repetitions' phases,
        # monitor.signal.reps). It ends abruptly, with a foot landing: not widened.
        ref = thr * TAIL_REFERENCE_SPEED / BOUNDARY_OF_PEAK_SPEED
        above = np.flatnonzero(m[start_i:i_first + 1] >= ref)
        if above.size:
            start -= smooth_tails_s(float(t[start_i + above[0]]) - start,
                                    float(t[i_first]) - start)
    return start, end


# --------------------------------------------------------------------------------------
# Turns


def _moving_average(x: np.ndarray, n: int) -> np.ndarray:
    """Centred moving average over ``n`` samples (edges: over what there is)."""
    if n <= 1:
        return x.copy()
    c = np.concatenate([[0.0], np.cumsum(x)])
    i = np.arange(len(x))
    lo = np.clip(i - n // 2, 0, len(x))
    hi = np.clip(i - n // 2 + n, 0, len(x))
    return (c[hi] - c[lo]) / np.maximum(hi - lo, 1)


def _turns(leg: _Leg, t0: float, t1: float) -> list[dict]:
    """Turns about the vertical between t0 and t1: [{"start_s", "end_s", "mid_s", "deg"}].

    The rate about the vertical is averaged over one stride (the leg's own rotation about
    the vertical, hip and pelvic rotation, repeats every stride and averages out). A turn
    is where that average exceeds TURN_RATE_DEG_S and adds up to TURN_MIN_DEG or more.
    Its middle is the centroid of its rate profile and its duration follows from the
    profile's spread, the averaging's own spread taken off (variances add under
    convolution), as for a minimum-jerk turn: duration = sqrt(28) standard deviations.
    """
    stride = leg.events["stride_s"] or 1.1
    n = max(1, round(stride * leg.rate_hz))
    rate_v = np.degrees(np.sum(leg.gyr * leg.up, axis=1))
    smooth = _moving_average(rate_v, n)
    var_filter = (n * n - 1) / 12.0 / leg.rate_hz ** 2
    t = leg.t
    # A leg swinging about a tilted, rolling axis turns about the vertical a little with
    # every stride even walking straight (the stride's rotations do not commute: a few
    # deg/s on the thigh, one way on the left leg and the other on the right). That
    # baseline, measured while walking straight, is taken off.
    ms = np.asarray(leg.events["mid_swing_s"])
    if leg.episode:
        walking = (t >= ms[leg.episode[0]]) & (t <= ms[leg.episode[-1]])
        straight = walking & (np.abs(smooth) < TURN_RATE_DEG_S)
        if np.sum(straight) > n:
            smooth = smooth - float(np.median(smooth[straight]))
    active = np.abs(smooth) >= TURN_RATE_DEG_S
    out = []
    i, n_t = 0, len(t)
    while i < n_t:
        if not active[i]:
            i += 1
            continue
        sign = np.sign(smooth[i])
        j = i
        while j + 1 < n_t and active[j + 1] and np.sign(smooth[j + 1]) == sign:
            j += 1
        peak = float(np.max(np.abs(smooth[i:j + 1])))
        a, b = i, j
        while a > 0 and sign * smooth[a - 1] > TURN_EDGE_OF_PEAK * peak:
            a -= 1
        while b + 1 < n_t and sign * smooth[b + 1] > TURN_EDGE_OF_PEAK * peak:
            b += 1
        w = np.clip(sign * smooth[a:b + 1], 0.0, None)
        change = sign * float(np.sum(w)) / leg.rate_hz
        if abs(change) >= TURN_MIN_DEG:
            ts = t[a:b + 1]
            mid = float(np.sum(w * ts) / np.sum(w))
            var = float(np.sum(w * (ts - mid) ** 2) / np.sum(w))
            dur = float(np.sqrt(28.0 * max(var - var_filter, var / 4.0)))
            if t0 - 1.0 <= mid <= t1 + 1.0:
                out.append({"start_s": mid - dur / 2, "end_s": mid + dur / 2, "mid_s": mid,
                            "deg": change})
        i = b + 1
    return out


# --------------------------------------------------------------------------------------
# The tests


def _r(x: float | None, nd: int = 3) -> float | None:
    return None if x is None else round(float(x), nd)


def _walking_legs(rec: ImuRecording, prefer: tuple[str, ...]
                  ) -> tuple[list[_Leg], list[_Leg], list[str]]:
    """The sensors that measure: one per leg (the preferred segment where it found
    walking), both legs where sensors say which leg they are on; all analysed sensors;
    notes. Sensors without a side are taken to be on one leg, and are not used next to
    sensors that give their side (which leg would they be?)."""
    legs, notes = _legs(rec)
    if not legs:
        return [], [], [_no_leg_note(rec)]
    legs = [leg for leg in legs if leg.segment in prefer]
    analysed = [_analyse(rec, leg) for leg in legs]
    walking = [leg for leg in analysed if leg.episode]
    if not walking:
        return [], analysed, notes + [leg.why_not for leg in analysed if leg.why_not]
    sided = [leg for leg in walking if leg.side]
    if sided and len(sided) < len(walking):
        notes.append("not used, no side given: " + ", ".join(
            repr(leg.label) for leg in walking if not leg.side))
    groups: dict[str, list[_Leg]] = {}
    for leg in sided or walking:
        groups.setdefault(leg.side or "", []).append(leg)
    chosen = []
    for group in groups.values():
        chosen.append(min(group, key=lambda lg: (prefer.index(lg.segment),
                                                 -len(lg.episode))))
    return chosen, analysed, notes


def _gap_notes(used: list[_Leg], start: float, end: float) -> list[str]:
    """A used sensor that sent nothing for a second or more during the test: its steps
    then are not counted (the time still runs)."""
    notes = []
    for leg in used:
        t = leg.raw_t
        if not len(t):                                  # not analysed
            continue
        sel = t[(t >= start - 1.0) & (t <= end + 1.0)]
        gaps = np.flatnonzero(np.diff(sel) >= GAP_NOTE_S)
        if gaps.size:
            spans = ", ".join(f"{sel[i]:.1f}-{sel[i + 1]:.1f} s" for i in gaps[:3])
            total = float(np.sum(np.diff(sel)[gaps]))
            notes.append(f"sensor {leg.label!r} sent nothing for {total:.1f} s ({spans}): "
                         "steps then are not counted")
    return notes


def _steps(used: list[_Leg], start: float, end: float, notes: list[str]) -> tuple[int, int]:
    """Steps of both legs and the swings counted."""
    sides = {leg.side for leg in used}
    counts = [len(leg.episode) for leg in used]
    if len(used) >= 2 and None not in sides and len(sides) == len(used):
        notes.append("steps counted on both legs: " + ", ".join(
            f"{leg.side} {n}" for leg, n in zip(used, counts, strict=True)))
        return int(sum(counts)), int(sum(counts))
    n = counts[0]
    notes.append(f"steps counted from one leg ({used[0].label!r}: {n} swings) as twice its "
                 "swings; the other leg may have made one step more or one fewer")
    return 2 * n, n


def _cadence(used: list[_Leg]) -> float | None:
    """Steps per minute while walking: two steps per stride of each leg, from the mean
    stride time between its first and last swing of the test."""
    rates = []
    for leg in used:
        times = np.asarray(leg.events["mid_swing_s"])[leg.episode]
        gaps = np.diff(times)
        gaps = gaps[gaps <= MAX_STRIDE_S]
        if gaps.size:
            rates.append(120.0 / float(np.mean(gaps)))
    return float(np.mean(rates)) if rates else None


def _empty(kind: str, notes: list[str]) -> dict:
    base = {"time_s": None, "start_s": None, "end_s": None, "sensor": None, "sensors": [],
            "notes": notes, "algorithm": ALGORITHM_VERSION}
    if kind == "walk":
        base.update({"speed_m_s": None, "steps": None, "swings": None,
                     "cadence_steps_min": None, "turns": [], "turn_spans": []})
    elif kind == "stairs":
        base.update({"steps": None, "cadence_steps_min": None})
    return base


def walk_test(rec: ImuRecording, laps: int = 4, lap_m: float = 10.0) -> dict:
    """The 40 m fast-paced walk test (OARSI; Dobson et al. 2013): ``laps`` x ``lap_m`` with
    turns, timed from the first step to the end of the last, from a shank or thigh sensor
    (shank preferred; both legs used where both carry one).

    Returns ``{"time_s", "speed_m_s", "steps", "cadence_steps_min", "start_s", "end_s",
    "turns"`` (the middle of each turn, s), ``"turn_spans"`` ([{"start_s", "end_s",
    "deg"}]), ``"sensor"`` (the label that timed the test), ``"sensors"`` (all used),
    ``"swings"`` (of the measured leg or legs), ``"distance_m"``, ``"notes"``,
    ``"algorithm"}``. The time includes the turns. When it cannot measure, ``"time_s"`` is
    None and the notes say why (no shank or thigh sensor, no walking found).
    """
    if laps < 1 or not lap_m > 0:
        raise ConfigurationError("the walk test needs at least one lap of a positive length")
    used, _all, notes = _walking_legs(rec, ("shank", "thigh"))
    out = _empty("walk", notes)
    out["distance_m"] = laps * lap_m
    if not used:
        return out
    start = min(leg.walked()[0] for leg in used)
    end = max(leg.walked()[2] for leg in used)
    timing = min(used, key=lambda leg: leg.walked()[0])
    steps, swings = _steps(used, start, end, notes)
    notes += _gap_notes(used, start, end)
    turns = _turns(timing, start, end)
    turns = [tn for tn in turns if start - 0.5 <= tn["mid_s"] <= end + 0.5]
    if len(turns) != laps - 1:
        notes.append(f"found {len(turns)} turn{'s' if len(turns) != 1 else ''} of 90 deg or "
                     f"more, where {laps} laps have {laps - 1}: check that the recording "
                     "holds the whole test and nothing else")
    time_s = end - start
    out.update({"time_s": _r(time_s), "speed_m_s": _r(laps * lap_m / time_s),
                "steps": steps, "swings": swings, "cadence_steps_min": _r(_cadence(used), 1),
                "start_s": _r(start), "end_s": _r(end),
                "turns": [_r(tn["mid_s"]) for tn in turns],
                "turn_spans": [{"start_s": _r(tn["start_s"]), "end_s": _r(tn["end_s"]),
                                "deg": _r(tn["deg"], 1)} for tn in turns],
                "sensor": timing.label, "sensors": [leg.label for leg in used]})
    return out


def stair_climb(rec: ImuRecording, steps: int | None = None) -> dict:
    """Stair climb test (OARSI): the time for the flight, from the first step up to the end
    of the last, with the steps and their cadence, from a shank or thigh sensor.

    ``steps``: the number of stairs in the flight, if known. One leg's sensor sees its own
    steps only: climbing step over step, the steps are twice its swings; climbing step to
    step (both feet on every stair) each leg steps onto every stair. Given the flight,
    the pattern that matches the swings is taken (and said); without it step over step is
    assumed. A flight timed up and down (the OARSI protocol) is timed whole, turn included.

    Returns ``{"time_s", "steps"`` (foot placements), ``"cadence_steps_min", "start_s",
    "end_s", "pattern"`` ("step over step" | "step to step"), ``"stairs"``, ``"sensor"``,
    ``"sensors", "swings", "notes", "algorithm"}``.
    """
    if steps is not None and steps < 1:
        raise ConfigurationError("a flight has at least one stair")
    used, _all, notes = _walking_legs(rec, ("shank", "thigh"))
    out = _empty("stairs", notes)
    out.update({"pattern": None, "stairs": steps, "swings": None})
    if not used:
        return out
    start = min(leg.walked()[0] for leg in used)
    end = max(leg.walked()[2] for leg in used)
    timing = min(used, key=lambda leg: leg.walked()[0])
    both = len(used) >= 2 and len({leg.side for leg in used}) == len(used)
    swings = [len(leg.episode) for leg in used]
    pattern = "step over step"
    if both:
        n_steps = int(sum(swings))
        notes.append("steps counted on both legs")
        if steps is not None and abs(min(swings) - steps) < abs(n_steps - steps):
            pattern = "step to step"
    else:
        n = swings[0]
        n_steps = 2 * n
        if steps is not None and abs(n - steps) < abs(2 * n - steps) - 1:
            pattern = "step to step"
            notes.append(f"{n} swings of one leg on a flight of {steps}: climbing step to "
                         "step (both feet on every stair)")
        else:
            notes.append(f"steps counted from one leg ({timing.label!r}: {n} swings) as "
                         "twice its swings; the other leg may have made one step more or "
                         "one fewer")
        if steps is None:
            notes.append("without the number of stairs, climbing step over step is assumed "
                         "(step to step would be half as many stairs)")
    cadence = _cadence(used)
    notes += _gap_notes(used, start, end)
    out.update({"time_s": _r(end - start), "steps": n_steps, "swings": int(sum(swings)),
                "cadence_steps_min": _r(cadence, 1), "start_s": _r(start), "end_s": _r(end),
                "pattern": pattern, "sensor": timing.label,
                "sensors": [leg.label for leg in used]})
    notes.append("the height climbed and the stairs themselves are not measured: the time "
                 "is from the first movement of the first step to the end of the last")
    return out


# --------------------------------------------------------------------------------------
# Timed Up and Go


def _movement_edge(t: np.ndarray, v: np.ndarray, k: int, forward: bool) -> float:
    """Where a movement whose speed ``v`` (positive) peaks at index ``k`` starts (or, with
    ``forward``, ends): the crossing of BOUNDARY_OF_PEAK_SPEED of the peak, widened by
    the time a smooth (minimum-jerk) movement spends below it (monitor.signal.reps)."""
    peak = v[k]
    step = 1 if forward else -1

    def crossing(level: float) -> float:
        i = k
        while 0 <= i + step < len(v) and v[i + step] >= level * peak:
            i += step
        j = i + step
        if not 0 <= j < len(v):
            return float(t[i])
        y0, y1 = v[i], v[j]
        return float(t[i] + (t[j] - t[i]) * (y0 - level * peak) / max(y0 - y1, 1e-12))

    t5 = crossing(BOUNDARY_OF_PEAK_SPEED)
    t20 = crossing(TAIL_REFERENCE_SPEED)
    widen = smooth_tails_s(abs(t20 - t5))
    return t5 + widen if forward else t5 - widen


def tug(rec: ImuRecording) -> dict:
    """Timed Up and Go (Podsiadlo & Richardson 1991): the time from rising off the chair to
    sitting back, and its phases where the sensors support them (cf. the instrumented TUG
    of A. Salarian et al., IEEE Trans Neural Syst Rehabil Eng 18(3), 2010).

    With a thigh sensor: rise (the thigh from seated to upright), walk_out (upright until
    the turn at the far line begins), turn, walk_back (until the last turn begins) and
    turn_sit (the last turn and sitting down, until the thigh is seated and still). With a
    shank sensor only: the shank barely tilts rising and sitting, so it cannot tell when
    the patient is upright: the time runs from its first movement to its last, and rise
    and walk_out are not measured (the notes say so).

    Returns ``{"time_s", "phases": {"rise", "walk_out", "turn", "walk_back", "turn_sit"}``
    (s or None), ``"boundaries"`` (the times between them), ``"start_s", "end_s",
    "steps", "turns", "sensor", "sensors", "notes", "algorithm"}``.
    """
    phases = dict.fromkeys(("rise", "walk_out", "turn", "walk_back", "turn_sit"))
    used, _all, notes = _walking_legs(rec, ("thigh", "shank"))
    out = _empty("tug", notes)
    out.update({"phases": phases, "boundaries": {}, "turns": [], "steps": None})
    if not used:
        return out
    leg = min(used, key=lambda lg: (lg.segment != "thigh", -len(lg.episode)))
    thigh = leg.segment == "thigh"
    t = leg.t
    first_swing = leg.events["mid_swing_s"][leg.episode[0]]
    last_swing = leg.events["mid_swing_s"][leg.episode[-1]]
    start, end, _ = leg.walked()
    b: dict[str, float | None] = dict.fromkeys(
        ("rise_start", "rise_end", "turn_start", "turn_end", "turn_sit_start", "sit_start",
         "end"))
    if thigh:
        # Seated or upright: the thigh's angle from its mean direction while walking.
        sel = (t >= first_swing) & (t <= last_swing)
        ref = leg.up[sel].mean(axis=0)
        ref /= np.linalg.norm(ref)
        incl = _lowpass(np.degrees(np.arccos(np.clip(leg.up @ ref, -1, 1))), 4.0,
                        leg.rate_hz)
        # Rising and sitting down turn the thigh about the knee axis, as its swing does:
        # extension (negative) to rise, flexion (positive) to sit. A rise is a smooth,
        # nearly symmetric movement: its start from the rate's onset, its end as far
        # after the peak rate as the start is before it (walking may begin before the
        # thigh is quite upright).
        w = _lowpass(np.asarray(leg.events["sagittal_rate_rad_s"]), 4.0, leg.rate_hz)
        rate = leg.rate_hz
        i_first = int(np.searchsorted(t, first_swing))
        i_last = int(np.searchsorted(t, last_swing))
        seated_before = np.flatnonzero(incl[:i_first] >= SEATED_DEG)
        seated_after = i_last + np.flatnonzero(incl[i_last:] >= SEATED_DEG)
        if seated_before.size:
            i_s = int(seated_before[-1])
            lo, hi = max(0, i_s - int(2 * rate)), max(i_s + 1, min(i_first, i_s + int(2 * rate)))
            k = lo + int(np.argmin(w[lo:hi]))
            if -w[k] >= SWING_FLOOR_RAD_S:
                start = _movement_edge(t, -w, k, forward=False)
                b["rise_start"], b["rise_end"] = start, 2.0 * float(t[k]) - start
        if b["rise_start"] is None:
            notes.append("the thigh was not seated before walking: the rise is not measured "
                         "(was the recording started after the patient stood up?)")
        if seated_after.size:
            i_e = int(seated_after[0])
            lo = max(i_last, i_e - int(2 * rate))
            hi = min(len(t), i_e + int(2 * rate))
            k = lo + int(np.argmax(w[lo:hi]))
            if w[k] >= SWING_FLOOR_RAD_S:
                end = _movement_edge(t, w, k, forward=True)
                b["end"], b["sit_start"] = end, 2.0 * float(t[k]) - end
        if b["end"] is None:
            notes.append("the thigh was not seated after walking: the sitting down is not "
                         "measured (was the recording stopped early?)")
    else:
        # Rising and sitting down tilt the shank a little (the knees move forward over
        # the feet): its first and last movement, looked for further out.
        start, end = _movement_span(leg, first_swing, last_swing, reach_s=TUG_REACH_S,
                                    still_s=TUG_STILL_S, of_swing=0.0)
        b["end"] = end
        notes.append("with a shank sensor only, the time runs from the shank's first "
                     "movement to its last; rising and sitting tilt the shank only a little, "
                     "so when the patient is upright (rise, walk out) is not measured: a "
                     "thigh sensor measures every phase")
    turns = _turns(leg, start, end)
    big = [tn for tn in turns if start <= tn["mid_s"] <= end]
    if len(big) >= 2:
        b["turn_start"], b["turn_end"] = big[0]["start_s"], big[0]["end_s"]
        b["turn_sit_start"] = big[-1]["start_s"]
        if len(big) > 2:
            notes.append(f"{len(big)} turns found where the TUG has two: the first is the "
                         "turn at the far line, the last the turn to sit")
    elif len(big) == 1:
        notes.append("only one turn found: the turn before sitting down (or the one at the "
                     "far line) was less than 90 deg; the turn phases are not measured")
    else:
        notes.append("no turn found: the turn phases are not measured")

    def dur(a: str, z: str) -> float | None:
        t_a, t_z = b[a], b[z]
        if t_a is None or t_z is None:
            return None
        return _r(t_z - t_a)

    if thigh:
        phases["rise"] = dur("rise_start", "rise_end")
        phases["walk_out"] = dur("rise_end", "turn_start")
    phases["turn"] = dur("turn_start", "turn_end")
    phases["walk_back"] = dur("turn_end", "turn_sit_start")
    phases["turn_sit"] = dur("turn_sit_start", "end")
    measured = (b["rise_start"] is not None and b["end"] is not None) if thigh else True
    steps, _n = _steps(used, start, end, notes)
    notes += _gap_notes(used, start, end)
    out.update({"time_s": _r(end - start) if measured else None, "start_s": _r(start),
                "end_s": _r(end), "boundaries": {k: _r(v) for k, v in b.items()},
                "turns": [_r(tn["mid_s"]) for tn in big], "steps": steps,
                "sensor": leg.label, "sensors": [lg.label for lg in used]})
    if not measured:
        notes.append("the TUG time needs the patient seated at the start and the end")
    return out
