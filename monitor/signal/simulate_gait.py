"""Walking simulator with exact ground truth: the 40 m walk, Timed Up and Go, stair ascent.

Both legs walk with sagittal hip and knee angles that follow the normal gait cycle, at a
cadence and with ranges that depend on the walking speed; thigh and shank IMUs (lateral
mid-thigh, front of the shin) sit on either leg in a given or random orientation, and their
specific force (gravity + motion) and angular rate are computed from the kinematics on a
fine time grid, then sampled at the sensor rate with noise and a gyroscope offset added.

The joint-angle curves are approximations built here from the published shapes of normal
gait (D. A. Winter, "Biomechanics and Motor Control of Human Movement", 4th ed., Wiley 2009,
ch. 4 and its normative sagittal angles; J. Perry and J. M. Burnfield, "Gait Analysis:
Normal and Pathological Function", 2nd ed., 2010): a handful of key frames read off those
curves (hip 30 deg flexed at initial contact, about 8 deg extended late in stance, 33 deg
flexed in terminal swing; knee 5 deg at contact, a loading-response flexion of about 19 deg,
near straight in mid-stance, about 61 deg in swing), joined by a periodic cubic spline.
They are not the published data. Slower walking narrows the ranges and lengthens stance
(Winter 2009; J. L. Lelas et al., "Predicting peak kinematic and kinetic parameters from
gait speed", Gait Posture 17(2), 2003): here the ranges scale linearly with speed,
toe-off moves from 64 % of the cycle at 0.6 m/s to 58 % at 1.6 m/s, and the cadence
follows speed as 64 + 38 v steps/min (87 at 0.6 m/s, 113 at 1.3 m/s, 125 at 1.6 m/s), a
linear approximation of adults' self-chosen cadences (cf. T. Oberg et al., "Basic gait
parameters: reference data for normal subjects, 10-79 years of age", J Rehabil Res Dev
30(2), 1993).
Stair ascent follows the shapes of B. J. McFadyen and D. A. Winter, J Biomech 21(9), 1988
and R. Riener et al., Gait Posture 15(1), 2002 in the same way (knee about 60 deg at foot
contact, straightening to about 12 deg, 90 deg in swing; hip 60 deg at contact).

At initial contact the knee gives a little, quickly (the heel strike: a sharp dip of the
shank's angular rate, as in the recordings of K. Aminian et al., J Biomech 35(5), 2002 and
A. Salarian et al., IEEE Trans Biomed Eng 51(8), 2004), and the accelerometers see a short
impact. Gait starts from quiet standing and ends in it: the first and the last step are
smaller (the gait pattern fades in over the first step and out over the last).

Ground truth: every initial and final contact per leg, the number of steps (foot
placements of both legs, the first and the closing step included), the start (the first
movement of gait) and the end (the last foot lands; everything is still), the span of each
turn (the heading's change), and for the TUG the boundaries of its phases.

Frames: the world has z up; each segment frame, in neutral standing, has x anterior, y to
the patient's left and z superior (the distal direction is -z).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from monitor.core.errors import ConfigurationError
from monitor.core.lazy import load
from monitor.core.rotations import axis_angle_matrix, random_rotation
from monitor.core.samples import GRAVITY_M_S2, ImuBatch, ImuRecording
from monitor.signal.simulate import SHANK_LENGTH_M, THIGH_LENGTH_M

HIP_HALF_WIDTH_M = 0.09
ANKLE_HEIGHT_M = 0.08
STAIR_RISE_M = 0.17
STAIR_GOING_M = 0.28

# Key frames (% of the gait cycle from initial contact, deg) read off the normative
# curves of Winter 2009 and Perry & Burnfield 2010 (see the module docstring).
LEVEL_HIP_KEYS = [(0, 30), (5, 29), (10, 26), (20, 18), (30, 10), (40, 2), (50, -6),
                  (55, -8), (60, -5), (65, 2), (70, 12), (75, 20), (80, 27), (85, 32),
                  (90, 33), (95, 31), (100, 30)]
LEVEL_KNEE_KEYS = [(0, 5), (5, 12), (10, 17), (15, 19), (20, 17), (30, 10), (40, 6),
                   (45, 6), (50, 10), (55, 20), (60, 33), (65, 47), (70, 58), (73, 61),
                   (77, 60), (80, 55), (85, 42), (90, 25), (95, 10), (100, 5)]
LEVEL_TOE_OFF = 0.60          # toe-off of the key frames (stretched with speed)
# Stair ascent (McFadyen & Winter 1988; Riener et al. 2002), same construction.
STAIR_HIP_KEYS = [(0, 60), (10, 55), (20, 45), (30, 35), (40, 25), (50, 15), (60, 10),
                  (65, 12), (70, 20), (75, 35), (80, 50), (85, 60), (90, 65), (95, 63),
                  (100, 60)]
STAIR_KNEE_KEYS = [(0, 60), (10, 55), (20, 45), (30, 30), (40, 18), (50, 12), (60, 12),
                   (65, 20), (70, 45), (75, 75), (80, 90), (85, 92), (90, 85), (95, 72),
                   (100, 60)]
STAIR_TOE_OFF = 0.64
# Frontal and transverse hip motion (Winter 2009): adduction peaking early in stance,
# abduction around toe-off; a few degrees of hip rotation and of pelvic rotation.
HIP_ADDUCTION_DEG = 5.0
HIP_ROTATION_DEG = 4.0
PELVIS_YAW_DEG = 4.0
PELVIS_BOB_M = 0.02

# Realistic MEMS imperfections (as monitor.signal.simulate): white noise per sample, a
# constant accelerometer bias and a gyroscope zero-rate offset drawn per sensor and axis.
GYR_NOISE_RAD_S = 0.006
ACC_NOISE_M_S2 = 0.04
ACC_BIAS_M_S2 = 0.08
GYR_OFFSET_RAD_S = 0.02       # default +- offset per axis (1.1 deg/s)

SENSORS = ("right_thigh", "right_shank", "left_thigh", "left_shank")


def _periodic(keys: Sequence[tuple[float, float]]) -> Callable[[np.ndarray], np.ndarray]:
    CubicSpline = load("scipy.interpolate").CubicSpline

    k = np.asarray(keys, dtype=float)
    return CubicSpline(k[:, 0] / 100.0, k[:, 1], bc_type="periodic")


@cache
def _patterns() -> dict[str, Callable[[np.ndarray], np.ndarray]]:
    """The joint-angle patterns over a gait cycle, made at first use: scipy.interpolate
    takes about a second to import, and the app imports this module for its demo."""
    return {"level_hip": _periodic(LEVEL_HIP_KEYS), "level_knee": _periodic(LEVEL_KNEE_KEYS),
            "stair_hip": _periodic(STAIR_HIP_KEYS), "stair_knee": _periodic(STAIR_KNEE_KEYS)}


def cadence_for_speed(speed_m_s: float) -> float:
    """Typical cadence (steps/min) of adults walking at this speed (see module docstring)."""
    return 64.0 + 38.0 * speed_m_s


def toe_off_share(speed_m_s: float) -> float:
    """Share of the gait cycle in stance: longer when walking slowly."""
    return float(np.clip(0.68 - 0.06 * speed_m_s, 0.56, 0.66))


def _min_jerk(u: np.ndarray) -> np.ndarray:
    """0 -> 1 over u = 0..1 (clipped outside), the smooth profile of human movements
    (Flash & Hogan 1985)."""
    u = np.clip(u, 0.0, 1.0)
    return u ** 3 * (10.0 - 15.0 * u + 6.0 * u * u)


def _smooth_step(u: np.ndarray) -> np.ndarray:
    """0 -> 1 over u = 0..1 with zero slope at both ends, 3 u^2 - 2 u^3."""
    u = np.clip(u, 0.0, 1.0)
    return u * u * (3.0 - 2.0 * u)


@dataclass
class GaitTruth:
    """Ground truth of a simulated recording (times in s)."""

    kind: str                                   # "walk", "tug", "stairs"
    start_s: float                              # first movement of gait (TUG: of rising)
    end_s: float                                # last foot lands (TUG: seated, still)
    steps: int                                  # foot placements of both legs
    initial_contacts_s: dict[str, list[float]]  # per leg ("left", "right")
    final_contacts_s: dict[str, list[float]]
    cadence_steps_min: float                    # mean step rate while walking
    turns: list[tuple[float, float]] = field(default_factory=list)   # heading change spans
    turn_deg: list[float] = field(default_factory=list)
    gait_start_s: float = 0.0                   # first movement of the first step
    gait_end_s: float = 0.0                     # the last step lands
    phases: dict[str, float] = field(default_factory=dict)       # TUG phase durations
    boundaries: dict[str, float] = field(default_factory=dict)   # TUG phase boundaries
    speed_m_s: float = 0.0                      # nominal walking speed
    distance_m: float = 0.0                     # the test's distance (walk, TUG)
    lead_leg: str = "right"

    @property
    def time_s(self) -> float:
        return self.end_s - self.start_s


@dataclass
class SimulatedGait:
    recording: ImuRecording
    truth: GaitTruth
    mountings: dict[str, np.ndarray]   # sensor label -> rotation sensor frame -> segment frame


@dataclass
class _Plan:
    """The gait on the fine time grid, before it becomes segment orientations."""

    t: np.ndarray
    amp: np.ndarray           # 0 (standing) .. 1 (full gait pattern)
    size: np.ndarray          # each step's size (share of the full pattern), no fading
    phase_lead: np.ndarray    # gait-cycle phase of the leading leg (IC at integers)
    heading: np.ndarray       # rad about the vertical
    speed: np.ndarray         # forward speed of the pelvis (m/s)
    climb: np.ndarray         # vertical speed of the pelvis (m/s)
    knots: np.ndarray         # step boundaries: knots[k] .. knots[k+1] is step k


def _gait_plan(t: np.ndarray, t0: float, durations: np.ndarray, amps: np.ndarray,
               speed_m_s: float, step_speed: np.ndarray,
               turns: list[tuple[int, int, float]], climb_m_s: float = 0.0) -> _Plan:
    """Steps k = 0..N-1 from ``t0`` with ``durations`` (s), size ``amps`` (share of the
    full pattern) and pelvis speed ``step_speed`` (share of ``speed_m_s``); ``turns``:
    (first step, step after the last, heading change in rad)."""
    knots = t0 + np.concatenate([[0.0], np.cumsum(durations)])
    n = len(durations)
    phase_knots = 0.5 + 0.5 * np.arange(n + 1)
    PchipInterpolator = load("scipy.interpolate").PchipInterpolator

    interp = PchipInterpolator(knots, phase_knots, extrapolate=False)
    phase = interp(t)
    phase = np.where(t < knots[0], 0.5, np.where(t > knots[-1], phase_knots[-1], phase))
    # Gait starts from rest: in the first step the phase speeds up from standstill, with no
    # jump in speed or acceleration, and joins the steps after at their pace: g(u) =
    # (4 - m) u^3 + (m - 3) u^4 (g(0) = g'(0) = g''(0) = 0, g(1) = 1, g'(1) = m,
    # increasing for 0 <= m <= 4). It ends with a foot landing: the last step keeps its
    # pace until the foot is down.
    if n > 2:
        slope = interp.derivative()
        for k_edge, k_in, sign in ((0, 1, 1.0),):
            d = abs(knots[k_in] - knots[k_edge])
            m = float(np.clip(slope(knots[k_in]) * d / 0.5, 0.0, 4.0))
            lo, hi = sorted((knots[k_edge], knots[k_in]))
            sel = (t >= lo) & (t <= hi)
            u = sign * (t[sel] - knots[k_edge]) / d
            phase[sel] = phase_knots[k_edge] + sign * 0.5 * ((4 - m) * u ** 3
                                                             + (m - 3) * u ** 4)
    mids = 0.5 * (knots[:-1] + knots[1:])
    if n > 1:
        size = np.interp(t, mids, amps)
        pace = np.interp(t, mids, step_speed)
    else:
        size, pace = np.full_like(t, amps[0]), np.full_like(t, step_speed[0])
    fade_in = _min_jerk((t - knots[0]) / durations[0])
    fade_out = _min_jerk((knots[-1] - t) / durations[-1])
    amp = size * fade_in * fade_out
    heading = np.zeros_like(t)
    for k0, k1, turn in turns:
        heading += turn * _min_jerk((t - knots[k0]) / (knots[k1] - knots[k0]))
    speed = speed_m_s * pace * fade_in * fade_out
    climb = climb_m_s * fade_in * fade_out
    return _Plan(t=t, amp=amp, size=size, phase_lead=phase, heading=heading, speed=speed,
                 climb=climb, knots=knots)


def _contacts(plan: _Plan, lead: str, toe_off: float) -> tuple[dict, dict]:
    """Initial and final contacts per leg from the step knots and the phase."""
    other = "left" if lead == "right" else "right"
    ic: dict[str, list[float]] = {lead: [], other: []}
    for k in range(len(plan.knots) - 1):
        ic[lead if k % 2 == 0 else other].append(float(plan.knots[k + 1]))
    fc: dict[str, list[float]] = {lead: [], other: []}
    inside = (plan.t >= plan.knots[0]) & (plan.t <= plan.knots[-1])
    t_in, ph = plan.t[inside], plan.phase_lead[inside]
    for leg, shift in ((lead, 0.0), (other, 0.5)):
        p = ph - shift
        for k in range(int(np.floor(p.min())), int(np.ceil(p.max())) + 1):
            target = k + toe_off
            if p[0] < target <= p[-1]:
                fc[leg].append(float(np.interp(target, p, t_in)))
    return ic, fc


def _heel_strikes(t: np.ndarray, ic_times: list[float], size: np.ndarray,
                  give_deg: float) -> np.ndarray:
    """Extra knee flexion at each initial contact: a quick give (30 ms) and a slower
    return (150 ms), scaled by the step's size."""
    extra = np.zeros_like(t)
    for tic in ic_times:
        i0, i1 = np.searchsorted(t, [tic, tic + 0.2])
        if i1 <= i0:
            continue
        s = float(np.interp(tic, t, size))
        d = t[i0:i1] - tic
        extra[i0:i1] += give_deg * s * (_min_jerk(d / 0.03) - _min_jerk((d - 0.03) / 0.15))
    return extra


def _impacts(t: np.ndarray, ic_times: list[float], size: np.ndarray, peak_m_s2: float
             ) -> np.ndarray:
    """Vertical impact acceleration (world z, m/s^2) at each initial contact: a damped
    oscillation of about 25 Hz lasting a few tens of milliseconds."""
    out = np.zeros_like(t)
    for tic in ic_times:
        i0, i1 = np.searchsorted(t, [tic, tic + 0.1])
        s = float(np.interp(tic, t, size))
        d = t[i0:i1] - tic
        out[i0:i1] += peak_m_s2 * s * np.exp(-d / 0.012) * np.cos(2 * np.pi * 25.0 * d)
    return out


def _body_rates(rot: np.ndarray, dt: float) -> np.ndarray:
    """Angular velocity in the rotating frame from a sampled rotation sequence."""
    d = np.gradient(rot, dt, axis=0)
    w = rot.transpose(0, 2, 1) @ d
    return 0.5 * np.stack([w[:, 2, 1] - w[:, 1, 2], w[:, 0, 2] - w[:, 2, 0],
                           w[:, 1, 0] - w[:, 0, 1]], axis=1)


def _leg_rotations(side: str, heading: np.ndarray, yaw: np.ndarray, hip: np.ndarray,
                   knee: np.ndarray, abd: np.ndarray, rot: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Segment -> world rotations of the pelvis, thigh and shank of one leg."""
    mirror = 1.0 if side == "right" else -1.0
    body = axis_angle_matrix([0, 0, 1], heading + yaw)
    r_hip = (axis_angle_matrix([0, -1, 0], np.radians(hip))
             @ axis_angle_matrix([1, 0, 0], -mirror * np.radians(abd))
             @ axis_angle_matrix([0, 0, -1], mirror * np.radians(rot)))
    thigh = body @ r_hip
    shank = thigh @ axis_angle_matrix([0, 1, 0], np.radians(knee))
    return body, thigh, shank


def _pattern(phase: np.ndarray, speed_m_s: float, stairs: bool
             ) -> tuple[np.ndarray, np.ndarray]:
    """Hip and knee flexion (deg) of the full gait pattern at these phases."""
    p = np.mod(phase, 1.0)
    if stairs:
        return _patterns()["stair_hip"](p), _patterns()["stair_knee"](p)
    # Toe-off moves with speed: stretch stance (0 .. LEVEL_TOE_OFF) to 0 .. toe_off.
    to = toe_off_share(speed_m_s)
    p_keys = np.where(p < to, p * LEVEL_TOE_OFF / to,
                      LEVEL_TOE_OFF + (p - to) * (1 - LEVEL_TOE_OFF) / (1 - to))
    scale_h = 0.55 + 0.35 * speed_m_s      # hip range 33 deg at 0.6 m/s, 48 at 1.6
    scale_k = 0.75 + 0.19 * speed_m_s      # knee swing 53 deg at 0.6 m/s, 65 at 1.6
    level = _patterns()
    return (10.0 + scale_h * (level["level_hip"](p_keys) - 10.0),
            scale_k * level["level_knee"](p_keys))


def _hermite(t: np.ndarray, x: np.ndarray, t0: float, t1: float, at_start: bool) -> None:
    """Replace ``x`` between t0 and t1 by a cubic from rest (0 deg, still) at t0 to its
    value and slope at t1 (``at_start``), or from its value and slope at t0 to rest at t1
    (and rest after)."""
    i0, i1 = np.searchsorted(t, [t0, t1])
    if i1 - i0 < 4 or i0 < 1 or i1 >= len(t) - 1:
        return
    d = t[i1] - t[i0]
    u = (t[i0:i1] - t[i0]) / d
    dt = t[1] - t[0]
    if at_start:
        y1, v1 = x[i1], (x[i1 + 1] - x[i1]) / dt * d
        x[i0:i1] = y1 * (3 * u ** 2 - 2 * u ** 3) + v1 * (u ** 3 - u ** 2)
        x[:i0] = 0.0
    else:
        y0, v0 = x[i0 - 1], (x[i0] - x[i0 - 1]) / dt * d
        x[i0:i1] = y0 * (1 - 3 * u ** 2 + 2 * u ** 3) + v0 * (u - 2 * u ** 2 + u ** 3)
        x[i1:] = 0.0


def _angles(plan: _Plan, side: str, lead: str, speed_m_s: float, stairs: bool,
            ic_times: list[float]) -> tuple[np.ndarray, ...]:
    """Hip flexion, knee flexion, hip adduction-abduction and rotation (deg) of one leg.

    From standing, each leg takes up the gait pattern where it is at the first step's
    start (the leading leg at the end of stance, the other at initial contact), the
    difference fading out over the first step; at the end the other way round, so both
    legs start and end straight and the stance leg never flexes to start."""
    shift = 0.0 if side == lead else 0.5
    phase = plan.phase_lead - shift
    hip, knee = _pattern(phase, speed_m_s, stairs)
    first_h, first_k = _pattern(np.array([0.5 - shift]), speed_m_s, stairs)
    last_phase = 0.5 + 0.5 * (len(plan.knots) - 1) - shift
    last_h, last_k = _pattern(np.array([last_phase]), speed_m_s, stairs)
    t = plan.t
    # Faded by the progress of the first and last step (not by time: the phase itself
    # starts and stops smoothly), so the stance leg only straightens as gait starts.
    fade_in = _smooth_step((plan.phase_lead - 0.5) / 0.5)
    fade_out = _smooth_step((0.5 * (len(plan.knots) - 1) + 0.5 - plan.phase_lead) / 0.5)
    size = plan.size
    hip = size * (hip - first_h * (1 - fade_in) - last_h * (1 - fade_out))
    knee = size * (knee - first_k * (1 - fade_in) - last_k * (1 - fade_out))
    # The stance leg of the first step straightens smoothly from standing into the
    # pattern, and that of the last step from the pattern to standing, without the
    # pattern's loading response (the body comes down onto the first stance leg from
    # standing, not from a step).
    n = len(plan.knots) - 1
    k = plan.knots
    if side != lead:
        # The hip joins the pattern where it is most extended (it only straightens on the
        # way), the knee at the end of the first step.
        ext = np.linspace(0.45, 0.75, 61)
        p_ext = float(ext[np.argmin(_pattern(ext, speed_m_s, stairs)[0])])
        t_ext = float(np.interp(p_ext + shift, plan.phase_lead, t))
        _hermite(t, hip, k[0], t_ext, at_start=True)
        _hermite(t, knee, k[0], k[1], at_start=True)
    last_swinger = lead if (n - 1) % 2 == 0 else ("left" if lead == "right" else "right")
    if side != last_swinger:
        _hermite(t, hip, k[-2], k[-1], at_start=False)
        _hermite(t, knee, k[-2], k[-1], at_start=False)
    give = 0.0 if stairs else 1.5 + 1.5 * speed_m_s
    knee = knee + _heel_strikes(t, ic_times, plan.size, give)
    p = np.mod(phase, 1.0)
    abd = -plan.amp * HIP_ADDUCTION_DEG * np.cos(2 * np.pi * (p - 0.15))
    rot = plan.amp * HIP_ROTATION_DEG * np.sin(2 * np.pi * p)
    return hip, knee, abd, rot


@dataclass
class _Motion:
    """Everything that moves, on the fine grid."""

    t: np.ndarray
    heading: np.ndarray
    yaw: np.ndarray
    pelvis: np.ndarray                   # (N, 3) world position
    legs: Mapping[str, tuple[np.ndarray, ...]]   # side -> hip, knee, abd, rot (deg)
    impacts: dict[str, np.ndarray]       # side -> vertical impact acceleration (m/s^2)


def _record(motion: _Motion, sensors: tuple[str, ...], rate_hz: float, fine_mult: int,
            rng: np.random.Generator, mounting: str, noise: bool, gyr_offset_rad_s: float,
            ) -> tuple[dict[str, ImuBatch], dict[str, np.ndarray]]:
    t = motion.t
    dt = t[1] - t[0]
    batches, mountings = {}, {}
    cache = {}
    for label in sensors:
        side, seg = label.split("_")
        if side not in cache:
            hip, knee, abd, rot = motion.legs[side]
            cache[side] = _leg_rotations(side, motion.heading, motion.yaw, hip, knee, abd, rot)
        body, thigh, shank = cache[side]
        mirror = 1.0 if side == "right" else -1.0
        hip_pos = motion.pelvis + body @ np.array([0.0, -mirror * HIP_HALF_WIDTH_M, 0.0])
        if seg == "thigh":
            seg_rot = thigh
            pos = hip_pos + thigh @ np.array([0.0, -mirror * 0.08, -0.20])
        else:
            seg_rot = shank
            knee_pos = hip_pos + thigh @ np.array([0.0, 0.0, -THIGH_LENGTH_M])
            pos = knee_pos + shank @ np.array([0.05, 0.0, -0.15])
        m = random_rotation(rng) if mounting == "random" else np.eye(3)
        mountings[label] = m
        sensor_rot = seg_rot @ m
        acc_world = np.gradient(np.gradient(pos, dt, axis=0), dt, axis=0)
        acc_world[:, 2] += GRAVITY_M_S2 + motion.impacts[side] * (1.0 if seg == "shank"
                                                                   else 0.5)
        acc = np.einsum("nji,nj->ni", sensor_rot, acc_world)
        gyr = _body_rates(sensor_rot, dt)
        offset = 0 if seg == "thigh" else min(fine_mult - 1, fine_mult // 3)
        sel = np.arange(offset, len(t), fine_mult)
        acc_s, gyr_s = acc[sel], gyr[sel]
        if noise:
            acc_s = (acc_s + rng.normal(0, ACC_NOISE_M_S2, acc_s.shape)
                     + rng.uniform(-ACC_BIAS_M_S2, ACC_BIAS_M_S2, 3))
            gyr_s = (gyr_s + rng.normal(0, GYR_NOISE_RAD_S, gyr_s.shape)
                     + rng.uniform(-gyr_offset_rad_s, gyr_offset_rad_s, 3))
        batches[label] = ImuBatch(t[sel].copy(), np.ascontiguousarray(acc_s),
                                  np.ascontiguousarray(gyr_s))
    return batches, mountings


def _pelvis_path(plan: _Plan, start: np.ndarray, bob: np.ndarray) -> np.ndarray:
    dt = plan.t[1] - plan.t[0]
    vx = plan.speed * np.cos(plan.heading)
    vy = plan.speed * np.sin(plan.heading)
    pos = np.empty((len(plan.t), 3))
    pos[:, 0] = start[0] + np.cumsum(vx) * dt
    pos[:, 1] = start[1] + np.cumsum(vy) * dt
    pos[:, 2] = start[2] + np.cumsum(plan.climb) * dt + bob
    return pos


def _check_sensors(sensors: tuple[str, ...]) -> None:
    for s in sensors:
        if s not in SENSORS:
            raise ValueError(f"sensor {s!r} is not one of {', '.join(SENSORS)}")


def _steps_of(rng: np.random.Generator, n: int, step_s: float, variability: float
              ) -> np.ndarray:
    return step_s * np.clip(1.0 + rng.normal(0.0, variability, n), 0.85, 1.15)


def _finish(kind: str, plan: _Plan, motion: _Motion, lead: str, toe_off: float,
            sensors: tuple[str, ...], rate_hz: float, fine_mult: int,
            rng: np.random.Generator, mounting: str, noise: bool, gyr_offset_rad_s: float,
            speed_m_s: float, distance_m: float, turns: list[tuple[int, int, float]],
            seed: int) -> SimulatedGait:
    ic, fc = _contacts(plan, lead, toe_off)
    batches, mountings = _record(motion, sensors, rate_hz, fine_mult, rng, mounting, noise,
                                 gyr_offset_rad_s)
    durations = np.diff(plan.knots)
    truth = GaitTruth(
        kind=kind, start_s=float(plan.knots[0]), end_s=float(plan.knots[-1]),
        steps=len(durations), initial_contacts_s=ic, final_contacts_s=fc,
        cadence_steps_min=float(60.0 / np.mean(durations)),
        turns=[(float(plan.knots[k0]), float(plan.knots[k1])) for k0, k1, _ in turns],
        turn_deg=[float(np.degrees(a)) for _, _, a in turns],
        gait_start_s=float(plan.knots[0]), gait_end_s=float(plan.knots[-1]),
        speed_m_s=speed_m_s, distance_m=distance_m, lead_leg=lead)
    rec = ImuRecording(sensors=batches, placements={s: s for s in sensors},
                       source=f"simulated:{kind}:seed{seed}")
    return SimulatedGait(recording=rec, truth=truth, mountings=mountings)


def _fine_grid(total_s: float, rate_hz: float) -> tuple[np.ndarray, int]:
    fine_mult = max(1, int(np.ceil(500.0 / rate_hz)))
    fine_hz = rate_hz * fine_mult
    return np.arange(int(total_s * fine_hz)) / fine_hz, fine_mult


def simulate_walk(speed_m_s: float = 1.2, laps: int = 4, lap_m: float = 10.0,
                  rate_hz: float = 100.0, seed: int = 0,
                  sensors: tuple[str, ...] = ("right_thigh", "right_shank"),
                  mounting: str = "random", noise: bool = True,
                  gyr_offset_rad_s: float = GYR_OFFSET_RAD_S, lead: str | None = None,
                  stand_s: tuple[float, float] = (2.0, 3.5)) -> SimulatedGait:
    """The 40 m fast-paced walk test (OARSI): ``laps`` x ``lap_m`` with a 180-degree turn
    at the end of every lap but the last, from quiet standing to quiet standing.

    The cadence is cadence_for_speed(speed) within +-8 % (a person's own), each step's
    duration varies by 3 % (elderly walkers vary more than young ones); turning takes
    2-5 shorter steps (more when walking slowly), left or right about.
    """
    _check_sensors(sensors)
    rng = np.random.default_rng(seed)
    lead = lead or ("right" if rng.random() < 0.5 else "left")
    cadence = cadence_for_speed(speed_m_s) * rng.uniform(0.92, 1.08)
    step_s = 60.0 / cadence
    step_m = speed_m_s * step_s
    per_lap = max(3, round(lap_m / step_m))
    n_turn = int(np.clip(round(5.0 - 1.8 * speed_m_s + rng.normal(0, 0.5)), 2, 5))
    n = laps * per_lap + int(rng.integers(0, 2))   # the last lap's steps, odd or even
    amps = rng.uniform(0.93, 1.0, n)
    pace = np.ones(n)
    durations = _steps_of(rng, n, step_s, 0.03)
    turns = []
    for lap in range(1, laps):
        k0 = lap * per_lap - (n_turn + 1) // 2
        k1 = k0 + n_turn
        amps[k0:k1] *= 0.7
        pace[k0:k1] = 0.5
        durations[k0:k1] *= 1.08
        turns.append((k0, k1, np.pi * (1 if rng.random() < 0.5 else -1)))
    t0 = rng.uniform(*stand_s)
    total = t0 + durations.sum() + rng.uniform(*stand_s)
    t, fine_mult = _fine_grid(total, rate_hz)
    plan = _gait_plan(t, t0, durations, amps, speed_m_s, pace, turns)
    return _walking(plan, "walk", lead, speed_m_s, False, sensors, rate_hz, fine_mult, rng,
                    mounting, noise, gyr_offset_rad_s, laps * lap_m, turns, seed)


def _walking(plan: _Plan, kind: str, lead: str, speed_m_s: float, stairs: bool,
             sensors: tuple[str, ...], rate_hz: float, fine_mult: int,
             rng: np.random.Generator, mounting: str, noise: bool, gyr_offset_rad_s: float,
             distance_m: float, turns: list[tuple[int, int, float]], seed: int,
             sts: dict | None = None) -> SimulatedGait:
    """Both legs' angles, the pelvis' path and the sensors' signals of a gait plan (with
    ``sts``: sitting, rising and sitting down added)."""
    toe_off = STAIR_TOE_OFF if stairs else toe_off_share(speed_m_s)
    ic, _fc = _contacts(plan, lead, toe_off)
    legs = {}
    impacts = {}
    for side in ("right", "left"):
        hip, knee, abd, rot = _angles(plan, side, lead, speed_m_s, stairs, ic[side])
        if sts is not None:
            hip = hip + sts["hip"]
            knee = knee + sts["knee"]
        legs[side] = (hip, knee, abd, rot)
        impacts[side] = _impacts(plan.t, ic[side], plan.size,
                                 (12.0 + 10.0 * speed_m_s) if not stairs else 8.0)
    yaw = np.radians(PELVIS_YAW_DEG) * plan.amp * np.sin(
        2 * np.pi * (plan.phase_lead - (0.0 if lead == "right" else 0.5)))
    bob = -PELVIS_BOB_M * plan.amp * np.cos(4 * np.pi * (plan.phase_lead - 0.3))
    start = np.array([0.0, 0.0, THIGH_LENGTH_M + SHANK_LENGTH_M + ANKLE_HEIGHT_M])
    pelvis = _pelvis_path(plan, start, bob)
    if sts is not None:
        pelvis = pelvis + sts["pelvis"]
    motion = _Motion(t=plan.t, heading=plan.heading, yaw=yaw, pelvis=pelvis, legs=legs,
                     impacts=impacts)
    return _finish(kind, plan, motion, lead, toe_off, sensors, rate_hz, fine_mult, rng,
                   mounting, noise, gyr_offset_rad_s, speed_m_s, distance_m, turns, seed)


def _sit_stand(t: np.ndarray, rise: tuple[float, float], sit: tuple[float, float],
               tilt_deg: float) -> dict[str, np.ndarray]:
    """Hip and knee angles (deg) added by sitting, rising and sitting down, and the pelvis
    offset (m) from standing: the feet stay put, so the hip moves with the leg.

    Seated: thigh horizontal (hip 90 deg), shank vertical (knee 90 deg). Rising, the knees
    move forward over the feet (the shank tilts forward by up to ``tilt_deg``) and come back
    as the legs straighten; sitting down the other way round."""
    up = _min_jerk((t - rise[0]) / (rise[1] - rise[0]))
    down = _min_jerk((t - sit[0]) / (sit[1] - sit[0]))
    seated = 1.0 - up + down
    bump = (np.sin(np.pi * np.clip((t - rise[0]) / (rise[1] - rise[0]), 0, 1)) ** 2
            + np.sin(np.pi * np.clip((t - sit[0]) / (sit[1] - sit[0]), 0, 1)) ** 2)
    hip = 90.0 * seated
    shank_incl = -tilt_deg * bump          # forward tilt: the ankle behind the knee
    knee = hip - shank_incl
    # Hip position relative to standing, feet fixed (sagittal plane: x forward, z up).
    th, sh = np.radians(hip), np.radians(shank_incl)
    x = -SHANK_LENGTH_M * np.sin(sh) - THIGH_LENGTH_M * np.sin(th)
    z = SHANK_LENGTH_M * (np.cos(sh) - 1.0) + THIGH_LENGTH_M * (np.cos(th) - 1.0)
    pelvis = np.zeros((len(t), 3))
    pelvis[:, 0] = x
    pelvis[:, 2] = z
    return {"hip": hip, "knee": knee, "pelvis": pelvis, "seated": seated}


def simulate_tug(speed_m_s: float = 0.9, distance_m: float = 3.0, rate_hz: float = 100.0,
                 seed: int = 0, sensors: tuple[str, ...] = ("right_thigh", "right_shank"),
                 mounting: str = "random", noise: bool = True,
                 gyr_offset_rad_s: float = GYR_OFFSET_RAD_S, lead: str | None = None
                 ) -> SimulatedGait:
    """Timed Up and Go: seated, rise, walk ``distance_m``, turn 180 deg, walk back, turn
    180 deg and sit down; seated again at the end.

    Phase boundaries (truth.boundaries): rise_start (the legs start to move), rise_end
    (upright), turn_start / turn_end (the heading's change at the far line),
    turn_sit_start (the last turn begins), sit_start (the thigh starts down), end (seated,
    still). The phases (truth.phases):
    rise, walk_out (rise_end .. turn_start: includes a pause before the first step),
    turn, walk_back, turn_sit (the last turn and sitting down).
    The rising thigh takes 1.0-1.8 s (longer when slow), sitting down 1.3-2.2 s.
    """
    _check_sensors(sensors)
    rng = np.random.default_rng(seed)
    lead = lead or ("right" if rng.random() < 0.5 else "left")
    cadence = cadence_for_speed(speed_m_s) * rng.uniform(0.92, 1.08)
    step_s = 60.0 / cadence
    step_m = speed_m_s * step_s
    slow = speed_m_s < 0.9
    rise_s = rng.uniform(1.2, 1.8) if slow else rng.uniform(0.9, 1.4)
    sit_s = rng.uniform(1.5, 2.2) if slow else rng.uniform(1.2, 1.8)
    n_out = max(3, round(distance_m / step_m))
    n_back = max(2, round(distance_m / step_m) - 1)
    n_turn = int(np.clip(round(5.0 - 1.8 * speed_m_s + rng.normal(0, 0.5)), 2, 5))
    n_turn2 = int(np.clip(n_turn + rng.integers(-1, 1), 2, 5))
    n = n_out + n_turn + n_back + n_turn2
    amps = rng.uniform(0.93, 1.0, n)
    pace = np.ones(n)
    durations = _steps_of(rng, n, step_s, 0.03)
    k_turn = n_out
    k_back = n_out + n_turn
    k_turn2 = k_back + n_back
    for k0, k1 in ((k_turn, k_back), (k_turn2, n)):
        amps[k0:k1] *= 0.7
        pace[k0:k1] = 0.4
        durations[k0:k1] *= 1.08
    way = 1 if rng.random() < 0.5 else -1
    turns = [(k_turn, k_back, way * np.pi), (k_turn2, n, way * np.pi)]
    rise0 = rng.uniform(2.0, 3.0)
    rise1 = rise0 + rise_s
    t0 = rise1 + rng.uniform(0.0, 0.5)
    gait_end = t0 + durations.sum()
    sit0 = gait_end + rng.uniform(0.0, 0.3)
    sit1 = sit0 + sit_s
    total = sit1 + rng.uniform(2.0, 3.0)
    t, fine_mult = _fine_grid(total, rate_hz)
    plan = _gait_plan(t, t0, durations, amps, speed_m_s, pace, turns)
    sts = _sit_stand(t, (rise0, rise1), (sit0, sit1), rng.uniform(8.0, 18.0))
    sim = _walking(plan, "tug", lead, speed_m_s, False, sensors, rate_hz, fine_mult, rng,
                   mounting, noise, gyr_offset_rad_s, 2 * distance_m, turns, seed, sts=sts)
    tr = sim.truth
    b = {"rise_start": rise0, "rise_end": rise1, "turn_start": float(plan.knots[k_turn]),
         "turn_end": float(plan.knots[k_back]), "turn_sit_start": float(plan.knots[k_turn2]),
         "sit_start": sit0, "end": float(sit1)}
    tr.boundaries = b
    tr.phases = {"rise": rise1 - rise0, "walk_out": b["turn_start"] - rise1,
                 "turn": b["turn_end"] - b["turn_start"],
                 "walk_back": b["turn_sit_start"] - b["turn_end"],
                 "turn_sit": sit1 - b["turn_sit_start"]}
    tr.start_s, tr.end_s = rise0, sit1
    return sim


def simulate_stairs(stairs: int = 10, cadence_steps_min: float | None = None,
                    rate_hz: float = 100.0, seed: int = 0,
                    sensors: tuple[str, ...] = ("right_thigh", "right_shank"),
                    mounting: str = "random", noise: bool = True,
                    gyr_offset_rad_s: float = GYR_OFFSET_RAD_S, lead: str | None = None
                    ) -> SimulatedGait:
    """Stair ascent, step over step: ``stairs`` risers of 17 cm, one foot placement per
    riser and a closing step on the landing (stairs + 1 steps), from standing at the
    foot of the flight to standing at the top. ``cadence_steps_min`` defaults to a draw
    from 55-95 (people with knee osteoarthritis climb slowly; healthy adults about 90)."""
    _check_sensors(sensors)
    rng = np.random.default_rng(seed)
    lead = lead or ("right" if rng.random() < 0.5 else "left")
    cadence = cadence_steps_min or rng.uniform(55.0, 95.0)
    step_s = 60.0 / cadence
    n = stairs + 1
    amps = rng.uniform(0.95, 1.0, n)
    amps[-1] = 0.6                     # the closing step onto the landing
    durations = _steps_of(rng, n, step_s, 0.04)
    t0 = rng.uniform(2.0, 3.5)
    total = t0 + durations.sum() + rng.uniform(2.0, 3.5)
    t, fine_mult = _fine_grid(total, rate_hz)
    speed = STAIR_GOING_M / step_s
    plan = _gait_plan(t, t0, durations, amps, speed, np.ones(n), [],
                      climb_m_s=STAIR_RISE_M / step_s * stairs / n)
    return _walking(plan, "stairs", lead, speed, True, sensors, rate_hz, fine_mult, rng,
                    mounting, noise, gyr_offset_rad_s, stairs * STAIR_GOING_M, [], seed)


GAIT_PROTOCOLS = ("fast_walk_40m", "stair_climb", "timed_up_and_go")


def simulate_protocol(exercise_id: str, rate_hz: float = 100.0, seed: int = 0,
                      mounting: str = "random", side: str = "right") -> SimulatedGait:
    """A simulated walking test of the battery (the 40 m walk, the stair climb, the Timed
    Up and Go) with one leg's thigh and shank sensors, for the demo and `monitor
    simulate`."""
    sensors = (f"{side}_thigh", f"{side}_shank")
    if exercise_id == "fast_walk_40m":
        return simulate_walk(speed_m_s=1.2, rate_hz=rate_hz, seed=seed, sensors=sensors,
                             mounting=mounting)
    if exercise_id == "stair_climb":
        return simulate_stairs(rate_hz=rate_hz, seed=seed, sensors=sensors, mounting=mounting)
    if exercise_id == "timed_up_and_go":
        return simulate_tug(rate_hz=rate_hz, seed=seed, sensors=sensors, mounting=mounting)
    raise ConfigurationError(f"{exercise_id} is not a walking test")
