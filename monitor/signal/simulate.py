"""Leg-motion simulator with exact ground truth.

A rigid two-segment leg (thigh, shank) moves through the repetitions of a catalogue
exercise: rest in the start posture, concentric, hold, eccentric, rest, with per-rep tempo
and amplitude variation, optional fast and low-amplitude repetitions, pauses, fidgets (small
joint wiggles that are not repetitions) and a sensor being adjusted on its strap. Two IMUs sit
at realistic places (lateral mid-thigh, front of the shin) in a given or random orientation;
their specific force (gravity + motion) and angular rate are computed from the kinematics on a
fine time grid, then sampled at the sensor rate with noise and bias added.

Frames: the world has z up. Each segment frame, in neutral standing, has x anterior, y to the
patient's left and z superior (the distal direction is -z). A segment's sagittal inclination is
the angle of its distal direction from straight down, positive toward the front of the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from monitor.core.exercises import Exercise, get_exercise
from monitor.core.lazy import load
from monitor.core.rotations import axis_angle_matrix, random_rotation, then_about_axis
from monitor.core.samples import GRAVITY_M_S2, ImuBatch, ImuRecording

THIGH_LENGTH_M = 0.42
SHANK_LENGTH_M = 0.42
# Sensor positions in the segment frames: lateral mid-thigh (right leg: lateral is -y) and the
# front of the shin.
THIGH_SENSOR_POS_M = np.array([0.0, -0.08, -0.20])
SHANK_SENSOR_POS_M = np.array([0.05, 0.0, -0.15])

# Body (pelvis) orientation in the world for each posture: columns are the body's anterior,
# left and superior axes in world coordinates.
BODY_FRAMES = {
    "standing": np.eye(3),
    "seated": np.eye(3),
    "supine": np.array([[0.0, 0.0, 1.0], [0.0, -1.0, 0.0], [1.0, 0.0, 0.0]]).T,
    "prone": np.array([[0.0, 0.0, -1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]).T,
    "side_lying": np.array([[0.0, -1.0, 0.0], [0.0, 0.0, -1.0], [1.0, 0.0, 0.0]]).T,
}

# Realistic MEMS sensor imperfections (commodity IMUs): white noise per sample and a constant
# bias drawn per sensor.
GYR_NOISE_RAD_S = 0.006
ACC_NOISE_M_S2 = 0.04
GYR_BIAS_RAD_S = 0.015
ACC_BIAS_M_S2 = 0.08
REPOSITION_DEG = 8.0
MOVING_OF_PEAK_SPEED = 1e-6      # a joint turning slower than this share of its peak is still
PROFILES = ("trapezoid", "minimum_jerk")


@dataclass
class SimRep:
    """Ground truth of one repetition (times in s, angles of the reported angle in deg)."""

    start_s: float
    peak_s: float
    end_s: float
    concentric_s: float
    hold_s: float
    eccentric_s: float
    rest_s: float
    min_deg: float
    max_deg: float
    amplitude: float        # fraction of the full movement (1 normal, <1 low-amplitude)

    @property
    def rom_deg(self) -> float:
        return self.max_deg - self.min_deg


@dataclass
class SimulatedSession:
    exercise: Exercise
    recording: ImuRecording
    time_s: np.ndarray                  # truth time grid (the thigh sensor's sample times)
    angles_deg: dict[str, np.ndarray]   # knee_flexion, hip_flexion, hip_abduction, thigh/shank
    reported_deg: np.ndarray            # the exercise's reported angle on time_s
    reps: list[SimRep]
    mountings: dict[str, np.ndarray]    # sensor label -> rotation sensor frame -> segment frame
    events: list[tuple[str, float, float]] = field(default_factory=list)
    # True height of each sensor (m, world z relative to the hip's start) on time_s.
    sensor_height_m: dict[str, np.ndarray] = field(default_factory=dict)


def _ramp(n: int, accel_fraction: float) -> np.ndarray:
    """A 0 -> 1 position profile whose velocity has raised-cosine ramps (smooth trapezoid)."""
    tau = np.linspace(0.0, 1.0, n)
    f = accel_fraction
    vel = np.ones(n)
    up = tau < f
    vel[up] = 0.5 - 0.5 * np.cos(np.pi * tau[up] / f)
    down = tau > 1.0 - f
    vel[down] = 0.5 - 0.5 * np.cos(np.pi * (1.0 - tau[down]) / f)
    pos = np.concatenate([[0.0], np.cumsum(0.5 * (vel[1:] + vel[:-1]))])
    return pos / pos[-1]


def _ends(spec: list) -> tuple[float, float]:
    """Start and turning-point value of a joint angle given as [start, turn] or as key
    frames [[u, value], ...] over the phase variable u (0 start posture .. 1 turn)."""
    if np.ndim(spec) == 1:
        return float(spec[0]), float(spec[1])
    keys = np.asarray(spec, dtype=float)
    return float(np.interp(0.0, keys[:, 0], keys[:, 1])), float(
        np.interp(1.0, keys[:, 0], keys[:, 1]))


def _along(u: np.ndarray, spec: list) -> np.ndarray:
    """A joint angle along the phase variable (see _ends); beyond 0..1 (a swing past the
    start posture) linear as the first or last key frames."""
    if np.ndim(spec) == 1:
        return spec[0] + u * (spec[1] - spec[0])
    keys = np.asarray(spec, dtype=float)
    out = _smooth_keys(u, keys[:, 0], keys[:, 1])
    lo, hi = u < keys[0, 0], u > keys[-1, 0]
    s0 = (keys[1, 1] - keys[0, 1]) / (keys[1, 0] - keys[0, 0])
    s1 = (keys[-1, 1] - keys[-2, 1]) / (keys[-1, 0] - keys[-2, 0])
    out[lo] = keys[0, 1] + (u[lo] - keys[0, 0]) * s0
    out[hi] = keys[-1, 1] + (u[hi] - keys[-1, 0]) * s1
    return out


def _smooth_keys(u: np.ndarray, keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Through key frames (``values`` at phases ``keys``) with a continuous rate of change
    (a monotone cubic, Fritsch & Carlson 1980: no overshoot between key frames, still at a
    key frame that is a turning point); held at the end values beyond them. Straight lines
    between key frames would change the rate at once there: a jolt of hundreds of m/s^2 at
    each key frame, which no limb makes."""
    if len(keys) < 3:
        return np.interp(u, keys, values)
    inside = np.clip(u, keys[0], keys[-1])
    # here: not needed to start the app
    return load("scipy.interpolate").PchipInterpolator(keys, values)(inside)


def _min_jerk(n: int) -> np.ndarray:
    """A 0 -> 1 minimum-jerk position profile (Flash & Hogan 1985): 10 t^3 - 15 t^4 + 6 t^5,
    the smooth, bell-shaped speed of human point-to-point movements."""
    tau = np.linspace(0.0, 1.0, n)
    return tau ** 3 * (10.0 - 15.0 * tau + 6.0 * tau * tau)


def _moving_span(pos: np.ndarray) -> tuple[int, int]:
    """Sample indices where ``pos`` starts and stops moving: a phase's true start and end,
    as the detector reports them (its slow start and arrival included)."""
    v = np.abs(np.diff(pos))
    above = np.flatnonzero(v > MOVING_OF_PEAK_SPEED * v.max())
    return int(above[0]), int(above[-1]) + 1


KNEE_LOCK_INTO_LIFT_S = 0.25   # the knee is straight this long after the lift began


def _knee_lock(truth: list[dict], n: int, fine_hz: float) -> np.ndarray:
    """0 (relaxed) .. 1 (locked straight) on the fine grid: locked from shortly before each
    lift until shortly after the leg is down again."""
    lock = np.zeros(n)
    for r in truth:
        # Straightening until a moment into the lift: the two blend into one movement.
        n_ramp = round((r["lock_lead"] + KNEE_LOCK_INTO_LIFT_S) * fine_hz)
        ramp = _ramp(n_ramp, 0.5)
        i0 = max(0, round((r["t_up"] - r["lock_lead"]) * fine_hz))
        i1 = min(n, round((r["end"] + 0.1) * fine_hz))
        one = np.zeros(n)
        one[i0:i0 + n_ramp] = ramp[:max(0, min(n_ramp, n - i0))]
        one[i0 + n_ramp:i1] = 1.0
        fall = ramp[::-1][:max(0, min(n_ramp, n - i1))]
        one[i1:i1 + len(fall)] = fall
        lock = np.maximum(lock, one)
    return lock


def _shank_starts(truth: list[dict], shank_deg: np.ndarray, fine_hz: float) -> None:
    """Move each repetition's start to where the shank starts its movement, if earlier."""
    prev_end = 0.0
    for r in truth:
        i0 = max(0, round((r["t_up"] - r["lock_lead"] - 0.2) * fine_hz))
        i1 = round(r["conc_end"] * fine_hz)
        seg = shank_deg[i0:i1 + 1]
        v = np.diff(seg) * np.sign(seg[-1] - seg[0])
        i = int(np.argmax(v))
        lo = MOVING_OF_PEAK_SPEED * v[i]
        while i > 0 and v[i - 1] > lo:
            i -= 1
        start = max(prev_end, min(r["start"], (i0 + i) / fine_hz))
        lead = r["start"] - start
        r["start"], r["conc"], r["rom_from"] = start, r["conc"] + lead, min(r["rom_from"], start)
        r["rest"] = max(0.0, r["rest"] - lead)
        prev_end = r["end"]


def _segment_angles(exercise: Exercise, hip: np.ndarray, knee: np.ndarray, abd: np.ndarray,
                    rot: np.ndarray | float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """World rotation matrices (segment -> world) of thigh and shank."""
    body = BODY_FRAMES[exercise.sim["body"]]
    r_hip = axis_angle_matrix([0, -1, 0], np.radians(hip))
    if np.any(abd):
        r_hip = then_about_axis(r_hip, [1, 0, 0], -np.radians(abd))
    if np.any(rot):
        # Right leg: outward rotation turns the front of the thigh to the right (-y).
        r_hip = then_about_axis(r_hip, [0, 0, -1], np.radians(rot) * np.ones_like(hip))
    thigh = body @ r_hip
    shank = then_about_axis(thigh, [0, 1, 0], np.radians(knee))
    return thigh, shank


def sagittal_inclination_deg(seg_to_world: np.ndarray) -> np.ndarray:
    """Inclination of a segment (distal direction from straight down, about its right axis)."""
    down = seg_to_world.transpose(0, 2, 1) @ np.array([0.0, 0.0, -1.0])
    distal = np.array([0.0, 0.0, -1.0])
    right = np.array([0.0, -1.0, 0.0])
    return np.degrees(np.arctan2(np.cross(down, distal) @ right, down @ distal))


def _around(sel: np.ndarray, n: int) -> np.ndarray:
    """The fine-grid samples that central differences at ``sel`` read (each one and its
    two neighbours, within 0..n-1), as (len(sel), 3) indices: previous, itself, next."""
    return np.stack([np.maximum(sel - 1, 0), sel, np.minimum(sel + 1, n - 1)], axis=1)


def _vee_rate_at(rot3: np.ndarray, sel: np.ndarray, n: int, dt: float) -> np.ndarray:
    """Body-frame angular velocity at the samples ``sel`` of a rotation sequence of ``n``
    samples, from the rotations at ``_around(sel, n)`` only ((len(sel), 3, 3, 3)): the
    simulator outputs one fine sample in ten or twenty, and differentiating all of them
    cost most of its time. The differences of np.gradient: central inside, one-sided at
    the two ends."""
    span = np.where((sel == 0) | (sel == n - 1), dt, 2.0 * dt)
    d = (rot3[:, 2] - rot3[:, 0]) / span[:, None, None]
    w = rot3[:, 1].transpose(0, 2, 1) @ d
    return 0.5 * np.stack([w[:, 2, 1] - w[:, 1, 2], w[:, 0, 2] - w[:, 2, 0],
                           w[:, 1, 0] - w[:, 0, 1]], axis=1)


def random_mountings(seed: int,
                     sensors: tuple[str, ...] = ("thigh", "shank")) -> dict[str, np.ndarray]:
    """The mountings (sensor frame -> segment frame) simulate_session draws for its
    ``mounting_seed``: the same straps for the walking tests of the demo."""
    rng = np.random.default_rng(seed)
    return {seg: random_rotation(rng) for seg in sensors}


def simulate_session(exercise_id: str = "knee_extension_seated", reps: int = 10,
                     rate_hz: float = 100.0, seed: int = 0, mounting: str = "aligned",
                     noise: bool = True, fidgets: bool = True, adjust_sensor: bool = False,
                     fast_reps: int = 0, low_amplitude_reps: int = 0, pauses: bool = True,
                     low_amplitude: float = 0.45, tempo_s: tuple[float, ...] | None = None,
                     reposition: bool = False, mounting_seed: int | None = None,
                     slip_deg: float = 0.0, lead_in: bool = False, swing_back: float = 0.0,
                     knee_lock_deg: float = 0.0, gyr_bias_rad_s: float = GYR_BIAS_RAD_S,
                     noise_scale: float = 1.0, hip_helps_deg: float = 0.0,
                     hip_rotation_deg: float = 0.0,
                     sensors: tuple[str, ...] = ("thigh", "shank"),
                     profile: str = "trapezoid", variant: str | None = None,
                     compound_deg: float = 0.0) -> SimulatedSession:
    """Simulate one set. ``mounting`` is 'aligned' (sensor axes = segment axes) or 'random'.

    ``lead_in`` starts the recording with the patient getting into the start posture (a
    third of the movement, then still): not a repetition.
    ``slip_deg`` turns the shank sensor on its strap (about the segment's long axis) by that
    much after the middle repetition, for good: a strap that slipped.
    ``mounting_seed`` draws the random mountings from their own generator, so the same
    motion (and noise) can be seen through many mountings.
    ``swing_back`` lets fast repetitions swing back past the start posture by that share of
    the movement and turn there without a rest (a fast seated knee extension swinging back
    under the chair). Such a rep starts and ends where it passes the start posture.
    ``knee_lock_deg`` (exercises with a straight knee, such as the straight-leg raise): the
    knee rests flexed by that much between repetitions and is locked straight just before
    each lift (the quadriceps set), 0.15-0.35 s before the hip starts to move; it relaxes
    after the leg is down. The repetition starts when the shank starts to move (the same
    5 % of peak speed convention, on the shank's inclination).
    ``gyr_bias_rad_s``: each gyroscope axis gets a constant bias drawn from +- that much.
    ``noise_scale`` multiplies the white noise of both sensors (a noisier sensor).
    ``hip_helps_deg``: the hip flexes by that much more at each repetition's turning point
    (a seated knee extension helped by lifting the thigh off the chair).
    ``hip_rotation_deg``: the thigh turns about its long axis by about that much at each
    repetition's turning point (hip rotation: a seated thigh rolling outward, positive, or
    inward), by 0.5-1.5 times as much from one repetition to the next (its own random draws:
    the rest of the set is the same as without it).
    ``reposition`` lets the patient shift in the middle of the set (the hip angle changes by
    8 deg and stays): getting back into position, not a repetition.
    ``profile``: how each phase moves: 'trapezoid' (speed ramps up, stays, ramps down, the
    ramps 20-50 % of the phase) or 'minimum_jerk' (the bell-shaped speed of human
    movements, Flash & Hogan 1985: slow at both ends, no steady part).
    ``variant``: another way of doing the exercise, from the catalogue's ``sim.variants``
    (e.g. a lunge seen from the trailing leg, or with the step forward).
    ``compound_deg``: the thigh also abducts (most at mid-movement) and rotates about its
    long axis by up to that much: a movement about several axes at once.
    """
    ex = get_exercise(exercise_id)
    if profile not in PROFILES:
        raise ValueError(f"profile must be one of {', '.join(PROFILES)}, not {profile!r}")

    def shape(n: int, accel_fraction: float) -> np.ndarray:
        return _min_jerk(n) if profile == "minimum_jerk" else _ramp(n, accel_fraction)

    if knee_lock_deg and (ex.sim["body"] != "supine"
                          or ex.sim.get("knee_flexion", [0, 0]) != [0, 0]):
        raise ValueError("knee_lock_deg (--knee-lock) is only for leg raises lying on the "
                         "back with a straight knee")
    rng = np.random.default_rng(seed)
    tc0, th0, te0, tr0 = tempo_s if tempo_s is not None else ex.tempo_s
    sim = dict(ex.sim)
    if variant is not None:
        variants = sim.get("variants", {})
        if variant not in variants:
            raise ValueError(f"{ex.id} has no simulated variant {variant!r}; it has: "
                             + (", ".join(variants) or "none"))
        sim.update(variants[variant])
    hip_spec = sim.get("hip_flexion", [0, 0])
    knee_spec = sim.get("knee_flexion", [0, 0])
    abd_spec = sim.get("hip_abduction", [0, 0])
    knee0, knee1 = _ends(knee_spec)
    abd0, abd1 = _ends(abd_spec)

    fine_mult = max(1, int(np.ceil(1000.0 / rate_hz)))
    fine_hz = rate_hz * fine_mult
    dt = 1.0 / fine_hz

    # Build the phase variable u(t) (0 start posture .. 1 turning point) piece by piece.
    pieces: list[np.ndarray] = []
    reposition_track: tuple[int, np.ndarray] | None = None
    t_cursor = 0.0
    events: list[tuple[str, float, float]] = []
    truth: list[dict] = []
    fidget_track: list[np.ndarray] = []

    def add(values: np.ndarray, fidget: np.ndarray | None = None) -> None:
        nonlocal t_cursor
        pieces.append(values)
        fidget_track.append(np.zeros_like(values) if fidget is None else fidget)
        t_cursor += len(values) * dt

    def hold(seconds: float, level: float) -> None:
        add(np.full(max(1, round(seconds * fine_hz)), level))

    if lead_in:
        hold(0.5, 0.35)
        add(0.35 * (1.0 - _ramp(round(1.5 * fine_hz), 0.4)))
        events.append(("lead_in", 0.0, t_cursor))
    initial_rest = rng.uniform(2.5, 3.5)
    hold(initial_rest, 0.0)
    kinds = ["normal"] * reps
    for i in range(fast_reps):
        kinds[-(low_amplitude_reps + fast_reps) + i] = "fast"
    for i in range(low_amplitude_reps):
        kinds[-(low_amplitude_reps) + i] = "low"
    rest_before = t_cursor
    level = 0.0             # where the previous repetition left the joint (0: start posture)
    for k, kind in enumerate(kinds):
        speed = 2.2 if kind == "fast" else 1.0
        amp = low_amplitude * rng.uniform(0.85, 1.15) if kind == "low" else rng.uniform(0.9, 1.0)
        tc = tc0 / speed * rng.uniform(0.85, 1.15)
        th = th0 / speed * rng.uniform(0.7, 1.3)
        te = te0 / speed * rng.uniform(0.85, 1.15)
        swings = (swing_back > 0 and kind == "fast" and k + 1 < len(kinds)
                  and kinds[k + 1] == "fast")
        low = -swing_back if swings else 0.0
        # Rise from where the joint is. Boundaries as the detector defines them: where the
        # speed crosses 5 % of the phase's peak, and where the joint passes the start posture
        # when it comes from beyond it.
        n_up = max(2, round(tc * fine_hz * (amp - level) / amp))
        up = level + (amp - level) * shape(n_up, rng.uniform(0.2, 0.5))
        a0, a1 = _moving_span(up)
        if level < 0:
            a0 = max(a0, int(np.argmax(up >= 0.0)))
        t_up = t_cursor
        add(up)
        hold(th, amp)
        n_dn = max(2, round(te * fine_hz * (amp - low) / amp))
        down = amp - (amp - low) * shape(n_dn, rng.uniform(0.2, 0.5))
        b0, b1 = _moving_span(down)
        if low < 0:
            b1 = min(b1, int(np.argmax(down <= 0.0)))
        t_dn = t_cursor
        add(down)
        start, conc_end = t_up + a0 * dt, t_up + a1 * dt
        ecc_start, end = t_dn + b0 * dt, t_dn + b1 * dt
        rest_before += start - t_up
        # Range of motion from where the movement began: the turn of a swing it came from.
        truth.append({"start": start, "conc": conc_end - start, "hold": ecc_start - conc_end,
                      "ecc": end - ecc_start, "end": end, "amp": amp, "rest": rest_before,
                      "rom_from": t_up if level < 0 else start, "t_up": t_up,
                      "conc_end": conc_end,
                      "lock_lead": rng.uniform(0.15, 0.35) if knee_lock_deg else 0.0})
        level = low
        if swings:
            rest_before = t_cursor - end        # the swing past the posture, no rest
            continue
        if k == len(kinds) - 1:
            rest = rng.uniform(2.0, 3.0)
        else:
            rest = tr0 / speed * rng.uniform(0.8, 1.4)
            if pauses and rng.random() < 0.15:
                rest += rng.uniform(4.0, 8.0)          # a pause within the set
        if reposition and k == len(kinds) // 2 - 1:
            rest = max(rest, 3.0)
            n = round(rest * fine_hz)
            r0, r_len = round(0.5 * fine_hz), round(1.5 * fine_hz)
            shift = np.zeros(n)
            shift[r0:r0 + r_len] = _ramp(r_len, 0.5)
            shift[r0 + r_len:] = 1.0
            events.append(("reposition", t_cursor + r0 * dt, t_cursor + (r0 + r_len) * dt))
            reposition_start = len(np.concatenate(pieces)) if pieces else 0
            add(np.zeros(n), None)
            reposition_track = (reposition_start, shift)
        elif fidgets and rest > 1.5 and rng.random() < 0.4:
            # A fidget: a small joint wiggle (2-4 deg) that is not a repetition.
            n = max(2, round(rest * fine_hz))
            f_len = min(n - 2, round(rng.uniform(0.6, 1.0) * fine_hz))
            f0 = (n - f_len) // 2
            wiggle = np.zeros(n)
            wiggle[f0:f0 + f_len] = rng.uniform(2.0, 4.0) * rng.choice([-1, 1]) * np.sin(
                np.linspace(0, np.pi, f_len)) ** 2
            events.append(("fidget", t_cursor + f0 * dt, t_cursor + (f0 + f_len) * dt))
            add(np.zeros(n), wiggle)
        else:
            hold(rest, 0.0)
        rest_before = t_cursor - end

    u = np.concatenate(pieces)
    fidget_deg = np.concatenate(fidget_track)
    n_fine = len(u)
    t_fine = np.arange(n_fine) * dt
    # The fidget moves the joint the exercise moves (knee if it moves, else the hip).
    hip = _along(u, hip_spec) + u * hip_helps_deg
    if reposition_track is not None:
        i0, shift = reposition_track
        moved = np.zeros(n_fine)
        moved[i0:i0 + len(shift)] = shift
        moved[i0 + len(shift):] = 1.0
        hip = hip + REPOSITION_DEG * moved
    knee = _along(u, knee_spec)
    if knee_lock_deg:
        knee = knee + knee_lock_deg * (1.0 - _knee_lock(truth, n_fine, fine_hz))
    abd = _along(u, abd_spec)
    if knee1 != knee0:
        knee = knee + fidget_deg
    elif abd1 != abd0:
        abd = abd + fidget_deg
    else:
        hip = hip + fidget_deg
    if compound_deg:
        # Several axes at once: the thigh also swings out (abduction) on the way, most at
        # mid-movement, and turns about its long axis toward the turning point: about its
        # main axis the segment turns less, and its path is a loop.
        abd = abd + compound_deg * np.sin(np.pi * np.clip(u, 0.0, 1.0))
    rot: np.ndarray | float = compound_deg * 0.7 * u if compound_deg else 0.0
    if hip_rotation_deg:
        # Per repetition (from its start to the next one's), a share of the rotation.
        share = np.random.default_rng([seed, 1]).uniform(0.5, 1.5, len(truth))
        which = np.searchsorted([r["t_up"] for r in truth], t_fine, side="right") - 1
        rot = rot + u * hip_rotation_deg * share[np.clip(which, 0, len(truth) - 1)]
    r_thigh, r_shank = _segment_angles(ex, hip, knee, abd, rot)
    if knee_lock_deg:
        _shank_starts(truth, sagittal_inclination_deg(r_shank), fine_hz)

    # Joint and segment positions (hip fixed), sensor positions, accelerations.
    knee_pos = r_thigh @ np.array([0.0, 0.0, -THIGH_LENGTH_M])
    # Exercises that lift the whole body (heel raise): the hip goes up with the movement.
    rise0, rise1 = sim.get("rise_m", [0.0, 0.0])
    lift: np.ndarray | float = 0.0
    if rise0 or rise1:
        lift = np.zeros((n_fine, 3))
        lift[:, 2] = rise0 + u * (rise1 - rise0)
    if "hip_m" in sim:
        # Exercises on the feet move the hip (forward, up; m, by the phase variable): the
        # segments accelerate as a whole, as in a squat, a lunge or a step.
        keys = np.asarray(sim["hip_m"], dtype=float)
        lift = np.zeros((n_fine, 3))
        lift[:, 0] = _smooth_keys(u, keys[:, 0], keys[:, 1])
        lift[:, 2] = _smooth_keys(u, keys[:, 0], keys[:, 2])
    if sim.get("feet_on_floor"):
        # Standing up from a chair: the feet stay where they are and the body turns about
        # the ankles (with the hip held in place, a quick stand would swing the knee and
        # the shank through the air: about 1 g of linear acceleration no shank feels).
        ankle = knee_pos + r_shank @ np.array([0.0, 0.0, -SHANK_LENGTH_M])
        lift = lift - (ankle - ankle[0])
    mountings: dict[str, np.ndarray] = {}
    batches: dict[str, ImuBatch] = {}
    placements: dict[str, str] = {}
    n_out = n_fine // fine_mult
    idx = np.arange(n_out) * fine_mult
    times = {}
    heights: dict[str, np.ndarray] = {}
    # Drawn one by one from the session's generator (the noise follows from the same one),
    # or all at once from their own seed (random_mountings: the demo's straps).
    mount_rng = rng if mounting_seed is None else np.random.default_rng(mounting_seed)
    for seg in sensors:
        if mounting == "aligned":
            m = np.eye(3)
        elif mounting == "random":
            m = random_rotation(mount_rng)
        else:
            raise ValueError(f"mounting must be 'aligned' or 'random', not {mounting!r}")
        mountings[seg] = m
        seg_rot = r_thigh if seg == "thigh" else r_shank
        # The shank sensor samples a little later than the thigh sensor (separate clocks).
        offset = 0 if seg == "thigh" else min(fine_mult - 1, fine_mult // 3)
        sel = idx + offset
        sel = sel[sel < n_fine]
        # The sensor's orientation is needed only at its samples and their neighbours.
        near = _around(sel, n_fine)
        sensor_rot = seg_rot[near] @ m                 # sensor -> world, (len(sel), 3, 3, 3)
        if adjust_sensor and seg == sensors[-1] and len(truth) > 2:
            # The therapist turns the sensor on its strap and puts it back, between two reps.
            t_adj = truth[len(truth) // 2]["end"] + 0.3
            i0 = int(t_adj * fine_hz)
            i1 = min(n_fine, i0 + int(1.2 * fine_hz))
            twist = np.zeros(n_fine)
            twist[i0:i1] = np.radians(30.0) * np.sin(np.linspace(0, np.pi, i1 - i0)) ** 2
            sensor_rot = seg_rot[near] @ axis_angle_matrix([0, 0, 1], twist[near]) @ m
            events.append(("adjust_sensor", i0 * dt, i1 * dt))
        if slip_deg and seg == sensors[-1] and len(truth) > 2:
            t_slip = truth[len(truth) // 2]["end"] + 0.2
            i0 = int(t_slip * fine_hz)
            i1 = min(n_fine, i0 + int(1.0 * fine_hz))
            turn = np.zeros(n_fine)
            turn[i0:i1] = np.radians(slip_deg) * _ramp(i1 - i0, 0.5)
            turn[i1:] = np.radians(slip_deg)
            sensor_rot = sensor_rot @ m.T @ axis_angle_matrix([0, 0, 1], turn[near]) @ m
            events.append(("slip", i0 * dt, i1 * dt))
        pos_local = THIGH_SENSOR_POS_M if seg == "thigh" else SHANK_SENSOR_POS_M
        pos = (seg_rot @ pos_local) + (knee_pos if seg == "shank" else 0.0) + lift
        heights[seg] = pos[idx, 2].copy()
        acc_world = np.gradient(np.gradient(pos, dt, axis=0), dt, axis=0)
        spec = acc_world[sel] + np.array([0.0, 0.0, GRAVITY_M_S2])
        acc_s = np.einsum("nji,nj->ni", sensor_rot[:, 1], spec)
        gyr_s = _vee_rate_at(sensor_rot, sel, n_fine, dt)
        if noise:
            acc_s = acc_s + rng.normal(0, noise_scale * ACC_NOISE_M_S2, acc_s.shape) + rng.uniform(
                -ACC_BIAS_M_S2, ACC_BIAS_M_S2, 3)
            gyr_s = gyr_s + rng.normal(0, noise_scale * GYR_NOISE_RAD_S, gyr_s.shape) + rng.uniform(
                -gyr_bias_rad_s, gyr_bias_rad_s, 3)
        times[seg] = t_fine[sel]
        batches[seg] = ImuBatch(t_fine[sel].copy(), np.ascontiguousarray(acc_s),
                                np.ascontiguousarray(gyr_s))
        placements[seg] = f"right_{seg}"

    t_truth = t_fine[idx]
    th_inc = sagittal_inclination_deg(r_thigh[idx])
    sh_inc = sagittal_inclination_deg(r_shank[idx])
    angles = {"knee_flexion_deg": knee[idx], "hip_flexion_deg": hip[idx],
              "hip_extension_deg": -hip[idx], "hip_abduction_deg": abd[idx],
              "thigh_inclination_deg": th_inc, "shank_inclination_deg": sh_inc,
              # Any movement: the primary segment's turn from its start posture.
              "movement_deg": (sh_inc if ex.primary == "shank" else th_inc)
              - (sh_inc if ex.primary == "shank" else th_inc)[0]}
    reported = angles[ex.angle]
    reported_full = {"knee_flexion_deg": knee, "hip_flexion_deg": hip,
                     "hip_extension_deg": -hip, "hip_abduction_deg": abd}.get(ex.angle)
    if reported_full is None:
        reported_full = sagittal_inclination_deg(r_shank)
    reps_out = []
    for r in truth:
        i0, i1 = int(r["rom_from"] * fine_hz), min(n_fine - 1, int(r["end"] * fine_hz))
        seg_vals = reported_full[i0:i1 + 1]
        peak = r["start"] + r["conc"] + r["hold"] / 2
        reps_out.append(SimRep(start_s=r["start"], peak_s=peak, end_s=r["end"],
                               concentric_s=r["conc"], hold_s=r["hold"], eccentric_s=r["ecc"],
                               rest_s=r["rest"], min_deg=float(seg_vals.min()),
                               max_deg=float(seg_vals.max()), amplitude=r["amp"]))
    if ex.eccentric_first:
        for sim_rep in reps_out:
            sim_rep.concentric_s, sim_rep.eccentric_s = sim_rep.eccentric_s, sim_rep.concentric_s
    rec = ImuRecording(sensors=batches, placements=placements, exercise=ex.id, side="right",
                       source=f"simulated:{ex.id}:seed{seed}")
    return SimulatedSession(exercise=ex, recording=rec, time_s=t_truth, angles_deg=angles,
                            reported_deg=reported, reps=reps_out, mountings=mountings,
                            events=events, sensor_height_m=heights)


def without_rests(sim: SimulatedSession, seed: int, shortest_s: float = 0.6,
                  longest_s: float = 2.4, margin_s: float = 0.1) -> SimulatedSession:
    """The same set kept repetition by repetition: between two repetitions a stretch of
    ``shortest_s``-``longest_s`` (at most the rest, less ``margin_s`` at each end) has no
    samples, in every sensor alike (a recording cut into one file per repetition, or a
    link that drops out between repetitions). With ``margin_s`` 0 and a long enough gap
    no rest is left: each repetition starts and ends at the edge of a gap."""
    from dataclasses import replace

    rng = np.random.default_rng(seed)
    cuts = []
    for a, b in zip(sim.reps[:-1], sim.reps[1:], strict=True):
        room = b.start_s - a.end_s - 2 * margin_s
        if room <= 0.1:
            continue
        length = min(room, rng.uniform(shortest_s, longest_s))
        t0 = a.end_s + margin_s + rng.uniform(0.0, room - length)
        cuts.append((t0, t0 + length))
    sensors = {}
    for label, batch in sim.recording.sensors.items():
        keep = np.ones(len(batch), dtype=bool)
        for t0, t1 in cuts:
            keep &= ~((batch.time_s >= t0) & (batch.time_s < t1))
        sensors[label] = ImuBatch(batch.time_s[keep], batch.acc_m_s2[keep],
                                  batch.gyr_rad_s[keep])
    return replace(sim, recording=replace(sim.recording, sensors=sensors))
