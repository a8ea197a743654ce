"""One pipeline for live, replay and analysis.

    ImuBatch per sensor -> orientation (VQF) -> segment angles (mounting) -> reported angle
    -> repetition detector -> RepCompleted events

The same :class:`Pipeline` object takes batches of 1-10 samples as notifications arrive, the
stored samples of a replay, or a whole file at once; its events depend only on the samples,
never on how they were batched.

Angles. A segment angle is the inclination of the segment in its movement plane (see
``calibration.mounting``). Knee flexion with thigh and shank sensors is the difference of the
two sagittal inclinations, both measured about the knee axis, so heading never enters. With
one sensor the other segment is taken to stay in its start posture, and the result says so
(``assumption``). A segment resting on a support (the thigh on the chair in a seated knee
extension) is measured by its sensor without a calibration of its own: its lift comes from
its tilt and the knee axis the other sensor knows (``monitor.signal.supported``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from calibration.mounting import Mounting
from calibration.selfcal import AxisLearner, RestRotation
from monitor.core.exercises import Exercise
from monitor.core.lazy import load
from monitor.core.orientation import OrientationOutput, OrientationTracker
from monitor.core.rotations import rowdot, rownorm
from monitor.core.samples import possible_samples
from monitor.signal.kinematics import expected_segment_change
from monitor.signal.leg_onset import LEAD_S, other_segment_onset
from monitor.signal.reps import (
    BOUNDARY_OF_PEAK_SPEED,
    TAIL_REFERENCE_SPEED,
    DetectorSettings,
    RepCompleted,
    RepDetector,
    median_of,
    smooth_tails_s,
)
from monitor.signal.rise import RiseTracker
from monitor.signal.supported import (
    POSTURE_DEG,
    STILL_RAD_S,
    PostureRest,
    SupportedLift,
    axis_elevation_rad,
)

# Thigh inclination at 0 deg hip flexion (abduction in the frontal plane), per body posture.
NEUTRAL_THIGH_DEG = {"standing": 0.0, "seated": 0.0, "supine": 90.0, "prone": -90.0,
                     "side_lying": 90.0}
PRIMARY_GAP_S = 0.5            # a longer silence of the primary sensor is not filled in
HIDDEN_START_S = 1.0           # ... and one ending this shortly before a rep hid its start
HIDDEN_MOVE_DEG = 5.0          # if gravity's direction in the sensor changed this much across it
SECONDARY_MAX_LAG_S = 1.0      # wait this long for the other sensor before holding its value
STALE_S = 0.1                  # samples further past its last one went out without it
LEARNER_BUFFER_S = 120.0
MIN_AMPLITUDE_FLOOR_DEG = 3.0
# Counting any movement, the smallest excursion counted: low-amplitude repetitions in real
# recordings come down to 6.5 deg (UCI, subject 1), fidgets reach 2-4 deg. (5 deg: no
# extra count in the 24 UCI recordings nor in 240 randomly drawn simulated sets.)
ANY_MOVEMENT_MIN_AMPLITUDE_DEG = 5.0
STILL_RATE_FLOOR_DEG_S = 1.0
FIT_MEMORY_S = 60.0
SENSOR_MOVED_FIT = 0.6     # below this share of rotation about the axis: check the strap
SENSOR_MOVED_DROP = 0.85   # or below this share of the set's usual fit
SIMILAR_SIZE = 0.7         # repetitions at least this share of the usual ROM are compared
# Counting on the vertical movement (mm): a heel raise lifts the body 3-10 cm; a weight
# shift or fidget moves the shank by a few millimetres.
RISE_SETTINGS: dict[str, Any] = {
    "min_amplitude_deg": 12.0, "onset_deg": 4.0, "still_rate_deg_s": 8.0,
    "trim_swing_past_start": False, "part_way_returns": False}
# Any movement, counted on the turn or the rise (Pipeline._choose_count): a repetition of the
# rise in which the sensor rose by RISE_MIN_MM to RISE_MAX_MM while it tilted by
# RISE_MAX_TILT_DEG (deg) or less is the body rising on the toes (a heel raise tilts the lower
# leg by 1-5 deg, in some people up to about 10, and lifts it by 3-10 cm; a step up or down
# moves the body by 15-20 cm, a squat by more); a turn that small waits for the rise until
# it has passed it by RISE_WAIT_S. A limb turning by enough to be counted moves its sensor up
# and down by far more for each degree where it swings through the horizontal (a lower leg
# lifting from 45 deg, its sensor 15 cm from the knee: 3 cm for 12 deg, counted on the rise
# as well), by less than 1 cm where it hangs (a fidget: 2-4 deg, a few millimetres).
RISE_MIN_MM = 20.0
RISE_MAX_MM = 100.0
RISE_MAX_TILT_DEG = 12.0
RISE_WAIT_S = 2.5
# A heel raise tilts the shank by a few degrees (up to about 15) and back, so it turns by at
# most about 30 deg in all; a rise during which the shank turns further (gyroscope, about
# its movement axis) is a step or a knee bend.
RISE_MAX_TURN_DEG = 40.0
LEG_SEGMENTS = ("thigh", "shank")
# A supported segment's axis is learnt where the other segment turns slower than this: its
# gravity reading (the knee axis' elevation) is exact at rest, off by up to a degree in a
# fast swing, which is a tenth of a thigh's roll.
STEADY_RAD_S = 0.3
# The supported segment's rest reference is taken where its orientation and its bare
# accelerometer agree on gravity to within this (deg).
SETTLED_COS = float(np.cos(np.radians(2.0)))
# A segment the angle takes to stay in its start posture tilted this far on the way to a
# rep's turning point: the rep is flagged (the angle is off by up to about that much).
OTHER_SEGMENT_MOVED_DEG = 10.0
# A lunge with its step, thigh and lower leg measured: counted on the thigh where it goes
# the knee angle's way by at least this share of it (the leading leg: 70 of 90 deg).
THIGH_SHARE = 0.5
# Live, the leg not known: a thigh that goes forward with the knee by at least this share
# of the knee's flexion before the first repetition is found is the leading leg's (0.5-0.8
# in the step and the lunge); a trailing thigh goes back.
LEADING_THIGH_SHARE = 0.25
# ... and where the knee angle's first repetition ends with the thigh still out by this
# share of how far it went, that repetition was the step forward (the knee straightens as
# the foot lands, the thigh stays forward for the lunge to come).
STEP_THIGH_OUT_SHARE = 0.5
# How far back the reported angle is kept to measure a repetition found on the thigh: the
# detector's history (60 s) and then some.
MEASURED_MEMORY_S = 70.0
# ... and its phases timed on that angle, filtered over the repetition and this much on
# either side (s).
TURN_MARGIN_S = 0.5


@dataclass
class AngleModel:
    """How the reported angle follows from the segment angles present."""

    name: str
    primary: str                       # segment that drives timing: "thigh" | "shank"
    secondary: str | None              # the other segment, if it is measured
    reference_deg: float               # reported angle in the start posture
    direction: int                     # +1 if the reported angle grows in the first phase
    assumption: str | None
    calibrated: bool

    def combine(self, ex: Exercise | None, phi: dict[str, np.ndarray]) -> np.ndarray:
        if ex is None:
            return phi[self.primary]
        sp = ex.start_posture
        thigh = phi.get("thigh")
        shank = phi.get("shank")
        neutral = NEUTRAL_THIGH_DEG[sp.body]
        name = ex.angle
        if name == "knee_flexion_deg":
            t = thigh if thigh is not None else sp.thigh_deg
            s = shank if shank is not None else sp.shank_deg
            return np.asarray(t - s, dtype=float)
        seg = thigh if thigh is not None else shank
        assert seg is not None, "no segment angle"
        if name in ("hip_flexion_deg", "hip_abduction_deg"):
            return seg - neutral
        if name == "hip_extension_deg":
            return neutral - seg
        if name == "shank_inclination_deg":
            return shank if shank is not None else seg
        if name == "thigh_inclination_deg":
            return thigh if thigh is not None else seg
        raise ValueError(f"no formula for angle {name}")


@dataclass
class _Stream:
    label: str
    segment: str
    tracker: OrientationTracker
    mounting: Mounting | None
    last_deg: float | None = None
    quat_ref: np.ndarray | None = None    # first orientation (for a turn about the vertical)
    whole: RestRotation | None = None      # the whole rotation from rest, where it is measured

    def angle_deg(self, ori: OrientationOutput) -> np.ndarray:
        """The segment angle of an orientation output, continuous across +-180 deg."""
        m = self.mounting
        assert m is not None, "a stream without a mounting has no segment angle"
        if m.whole_rotation:
            if self.whole is None:
                self.whole = RestRotation(self.tracker.sample_rate_hz, -m.distal)
            return self.whole.update(ori.quat, ori.up, ori.gyr_rad_s)
        if m.about_vertical:
            if self.quat_ref is None:
                self.quat_ref = np.array(ori.quat[0], dtype=float)
            return self.unwrap(m.turn_deg(ori.quat, self.quat_ref))
        return self.unwrap(m.segment_angle_deg(ori.up))

    def unwrap(self, deg: np.ndarray) -> np.ndarray:
        """Continuous angle across +-180 deg (sample by sample, so batching is irrelevant)."""
        if len(deg) == 0:
            return deg
        prev = deg[0] if self.last_deg is None else self.last_deg
        steps = np.empty(len(deg))
        steps[0] = deg[0] - prev
        np.subtract(deg[1:], deg[:-1], out=steps[1:])
        if (np.abs(steps) < 180.0).all():
            out = deg.astype(float)     # no turn across +-180: what np.unwrap gives, sooner
        else:
            out = np.unwrap(np.concatenate([[prev], deg]), period=360.0)[1:]
        self.last_deg = float(out[-1])
        return out


class Pipeline:
    """Streaming analysis of one set.

    ``sensors`` maps sensor label -> segment ("thigh" | "shank") with each sensor's nominal
    sample rate in ``rates_hz``. ``mountings`` (label -> Mounting) come from a calibration;
    without one for the primary sensor, the pipeline learns the movement axis online and
    reports the rotation from the start posture (uncalibrated; still counts repetitions).
    """

    def __init__(self, sensors: dict[str, str], rates_hz: dict[str, float],
                 exercise: Exercise | None, primary_label: str,
                 mountings: dict[str, Mounting] | None = None,
                 settings: DetectorSettings | None = None, keep_series: bool = True,
                 variant: str | None = None, way_known: bool = False,
                 count_on_rise: bool | None = None) -> None:
        """``variant``: the way of doing the exercise the sensors were calibrated for (the
        trailing leg of a lunge), None for the catalogue's; ``way_known``: that way was
        found from the recording's own movement (thigh and lower leg compared), not
        assumed (a stored calibration does not say which leg leads); ``count_on_rise``:
        any movement (no exercise) counted on the primary sensor's vertical movement (the
        body rises while the sensor hardly tilts), as a heel raise; None: any movement is
        counted on its turn and its rise alike until the first repetition of either shows
        which it is (see _choose_count), live as in a file."""
        mountings = mountings or {}
        if exercise is not None and exercise.counts_any_movement:
            exercise = None      # no angle model: the movement of the primary is counted
        self.exercise = exercise
        self.primary_label = primary_label
        self._streams: dict[str, _Stream] = {}
        for label, segment in sensors.items():
            self._streams[label] = _Stream(label, segment, OrientationTracker(rates_hz[label]),
                                           mountings.get(label))
        prim = self._streams[primary_label]
        self.rate_hz = rates_hz[primary_label]
        # Only knee flexion combines two segments; for any other angle the second sensor is
        # recorded but not waited for.
        two_segments = exercise is not None and exercise.angle_needs_both
        secondary = [s for s in self._streams.values()
                     if s.label != primary_label and s.mounting is not None and two_segments]
        self._secondary = secondary[0] if (secondary and prim.mounting is not None) else None
        calibrated = prim.mounting is not None
        # A segment on a support, its sensor worn but not calibrated: measured all the same.
        supported = exercise.start_posture.supported if exercise is not None else None
        self._supported = next(
            (st for st in self._streams.values()
             if st.label != primary_label and st.segment == supported and st.mounting is None
             and two_segments and calibrated and self._secondary is None), None)
        self._lift: SupportedLift | None = None
        # The segment measured that way (e.g. "thigh"), for the user interface to say so.
        self.supported_segment = self._supported.segment if self._supported else None
        if self._supported is not None:
            self._lift = SupportedLift(rates_hz[primary_label])
            # The thigh's rest: where the lower leg first rests in its start posture (not a
            # pause while getting into position). Its earth-up direction and the knee axis'
            # elevation there, from the orientations and from the bare accelerometers (the
            # axis is learnt from the latter where still: no gyroscope integration after a
            # swing).
            self._rest = PostureRest(self.rate_hz)
        second = self._secondary or self._supported
        if exercise is not None and calibrated:
            # Knee flexion from thigh + shank needs no assumption; anything else (one
            # sensor, or a hip angle without a pelvis sensor) states the one it makes.
            both = exercise.angle == "knee_flexion_deg" and second is not None
            assumption = None if both else exercise.single_sensor["en"]
            supported_text = exercise.start_posture.supported_text
            if self._supported is not None and supported_text is not None:
                assumption = supported_text["en"]
            self.model = AngleModel(exercise.angle, prim.segment,
                                    second.segment if second else None,
                                    float(exercise.start_posture.angle_deg),
                                    exercise.outward_sign, assumption, True)
        else:
            name = "movement_deg"
            what = prim.segment if prim.segment in ("thigh", "shank", "pelvis") else "sensor"
            assumption = (f"uncalibrated: rotation of the {what} from its rest posture about "
                          "its main movement axis")
            if prim.mounting is not None and prim.mounting.about_vertical:
                assumption += (" (a vertical axis: measured with the gyroscope, which may "
                               "drift by a fraction of a degree per minute)")
            if prim.mounting is not None and prim.mounting.whole_rotation:
                assumption = (f"uncalibrated: the whole rotation of the {what} from its rest "
                              "posture (it turns about several axes at once)")
            self.model = AngleModel(name, prim.segment, None, 0.0, 1, assumption, False)
        self._learner = None if calibrated else AxisLearner(self.rate_hz, LEARNER_BUFFER_S)
        s = settings or DetectorSettings()
        s.direction = self.model.direction
        s.reference_deg = self.model.reference_deg
        s.eccentric_first = bool(exercise is not None and exercise.eccentric_first)
        # A lunge's step: the thigh comes up part of the way and flexes again within the
        # repetition, far less than the lunge itself (see DetectorSettings.moves_in_parts);
        # the lower leg swings to both sides of its start posture by about as much as the
        # lunge moves it, which no rule on its angle tells from repetitions.
        s.moves_in_parts = bool(exercise is not None and exercise.steps
                                and self.model.primary == "thigh")
        # The lower leg alone swings past its start posture in the step (see
        # DetectorSettings.steps_past_start); the knee angle does not.
        s.steps_past_start = bool(exercise is not None and exercise.steps
                                  and self.model.primary == "shank" and second is None)
        # With both segments measured, the knee angle of a lunge with its step bends as the
        # foot swings forward, straightens as it lands, bends for the lunge and again as
        # the foot swings back: the repetitions are counted (and timed) on the thigh, as
        # with the thigh alone, where the thigh goes the angle's way (the leading leg; the
        # trailing thigh goes back, its knee angle is counted); their range is the angle's.
        # Where the way was not found from the movement itself (live, with a guided or
        # stored calibration, which does not say which leg leads), both are counted until
        # the first repetition of either shows which leg this is (see _both_ways).
        leads = bool(s.moves_in_parts and second is not None and self.model.calibrated
                     and _thigh_leads(exercise, variant))
        self._count_on_thigh = leads and way_known
        self._way_pending = leads and not way_known
        self._way_reach = [0.0, 0.0]     # the furthest out so far: knee angle, thigh
        self._way_thigh_t = np.empty(0)   # ... and the thigh's angle meanwhile
        self._way_thigh_x = np.empty(0)
        self._measured_t = np.empty(0)
        self._measured_deg = np.empty(0)
        if exercise is None and settings is None:
            s.min_amplitude_deg = ANY_MOVEMENT_MIN_AMPLITUDE_DEG
            # Any movement may step (a lunge seen from its lower leg, which swings to both
            # sides of its posture within each repetition): where it does, the step's swings
            # are not repetitions (DetectorSettings.steps_when_seen).
            s.steps_past_start = s.steps_when_seen = True
        if exercise is not None and settings is None:
            # Small movements (prone hip extension, heel raise) count with a lower threshold.
            target_rom = abs(exercise.target_deg[1] - exercise.target_deg[0])
            s.min_amplitude_deg = max(MIN_AMPLITUDE_FLOOR_DEG,
                                      min(s.min_amplitude_deg, 0.3 * target_rom))
            s.onset_deg = min(s.onset_deg, 0.5 * s.min_amplitude_deg)
            # Slow, small repetitions of a small movement turn the joint by 1-3 deg/s: the
            # joint counts as still only below a tenth of the exercise's nominal speed.
            nominal = target_rom / max(exercise.tempo_s[0], 0.5)
            s.still_rate_deg_s = min(s.still_rate_deg_s,
                                     max(STILL_RATE_FLOOR_DEG_S, 0.1 * nominal))
        self._rise: RiseTracker | None = None
        if (exercise is not None and exercise.count_on == "rise") or (
                exercise is None and count_on_rise):
            # Repetitions (timing, count) come from the rise; the angle is still reported.
            rs = DetectorSettings(**RISE_SETTINGS) if settings is None else replace(settings)
            rs.eccentric_first = s.eccentric_first
            self._rise = RiseTracker(self.rate_hz)
            self.detector = RepDetector(self.rate_hz, rs)
        else:
            self.detector = RepDetector(self.rate_hz, s)
        self._thigh_detector = RepDetector(self.rate_hz, replace(s)) if self._way_pending \
            else None
        self._angle_t: list[np.ndarray] = []
        self._angle_deg: list[np.ndarray] = []
        self._rise_waiting: list[RepCompleted] = []
        self._rise_t = -np.inf      # time of the last sample the rise has passed on
        self._rise_count = 0
        self.keep_series = keep_series
        # Each sensor's orientation estimates, kept when asked (the OpenSense export).
        self.keep_orientations = False
        self._orientations: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
        self._series_t: list[np.ndarray] = []
        self._series_deg: list[np.ndarray] = []
        self._sec_t = np.empty(0)
        self._sec_phi = np.empty(0)
        # The supported segment's earth-up direction: orientation, bare accelerometer.
        self._sec_up = np.empty((0, 6))
        self._pending_t = np.empty(0)
        self._pending_phi = np.empty(0)
        self._stale: list[tuple[float, float]] = []   # angle out with the other sensor held
        self._pending_elev = np.empty((0, 2))  # the knee axis' elevation (rad)
        self._pending_rate = np.empty(0)       # the primary's angular rate (rad/s)
        self.events: list[RepCompleted] = []
        self.latest_deg: float | None = None
        # Called with (time_s, deg) of every processed chunk, e.g. to fill a live trace.
        self.listener: Callable[[np.ndarray, np.ndarray], None] | None = None
        self._first_primary_t: float | None = None
        self._fit_t = np.empty(0)
        self._fit_gyr = np.empty((0, 3))
        self._fits: list[float] = []
        self._roms: list[float] = []
        # The other segment of the leg: where it takes part in the movement, a repetition
        # starts when it starts (monitor.signal.leg_onset). Its angular rate is kept for that,
        # and a repetition waits until that sensor's data reach the repetition's turn.
        others = [st for st in self._streams.values()
                  if st.label != primary_label and st.segment in LEG_SEGMENTS
                  and st.segment != prim.segment]
        self._other = others[0] if others else None
        # Batches as they came (joined only when a repetition needs them: cheap per batch).
        self._other_chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        # A knee angle from one sensor takes the other segment to stay in its start posture;
        # where that segment's sensor is worn all the same, each rep says if it did not (also
        # where it is measured on its support: a thigh lifting off the chair is the hip
        # helping, which the therapist wants to know).
        self._watch_other_still = (self._other is not None and self._secondary is None
                                   and exercise is not None and exercise.angle_needs_both)
        self._other_last_t: float | None = None
        self._held: list[RepCompleted] = []
        self._released_end_s: float | None = None
        self._primary_now = -np.inf
        self.rejected_samples: dict[str, int] = {}   # per sensor, see _valid_samples
        self._primary_gaps: list[tuple[float, float, bool]] = []
        self._primary_last_acc: np.ndarray | None = None
        self._last_valid_t: dict[str, float] = {}
        # Any movement, not yet known to be counted on its turn or on the body's rise: the
        # same sensors counted on the rise too (see _choose_count).
        self.on_rise: bool | None = bool(count_on_rise) if exercise is None else None
        self._rise_twin: Pipeline | None = None
        self._undecided: tuple[list[RepCompleted], list[RepCompleted]] = ([], [])
        # The primary's turn about horizontal axes (rad per sample), kept by the twin.
        self._tracks_tilt = False
        self._tilt_t: list[np.ndarray] = []
        self._tilt_w: list[np.ndarray] = []
        if exercise is None and count_on_rise is None and settings is None:
            self.on_rise = None
            self._rise_twin = Pipeline(sensors, rates_hz, None, primary_label, mountings,
                                       keep_series=False, count_on_rise=True)
            self._rise_twin._tracks_tilt = True
        # How far the sensor rose (cm) and tilted (deg) in each repetition counted on the
        # rise where that was chosen as it went (for the notes).
        self.rise_stats: list[tuple[float, float]] = []

    # -- feeding --------------------------------------------------------------------------
    def _valid_samples(self, label: str, time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Leave out samples no sensor can measure (garbage bytes decoded, a glitch): not a
        number, no gravity at all, or beyond any sensor's range. One such sample would
        throw the orientation off for seconds (a NaN for good); left out, it is a lost
        sample like any other."""
        time_s = np.asarray(time_s, dtype=np.float64)
        acc = np.asarray(acc, dtype=np.float64)
        gyr = np.asarray(gyr, dtype=np.float64)
        ok = possible_samples(time_s, acc, gyr)
        last = self._last_valid_t.get(label, -np.inf)
        ok &= time_s > last                     # and time goes forward
        if ok.all():
            self._last_valid_t[label] = float(time_s[-1])
            return time_s, acc, gyr
        # Time must still go forward among the kept samples.
        keep = np.flatnonzero(ok)
        if keep.size:
            run = np.maximum.accumulate(np.concatenate([[last], time_s[keep]]))[:-1]
            keep = keep[time_s[keep] > run]
        self.rejected_samples[label] = (self.rejected_samples.get(label, 0)
                                        + len(time_s) - keep.size)
        if keep.size:
            self._last_valid_t[label] = float(time_s[keep[-1]])
        return time_s[keep], acc[keep], gyr[keep]

    def feed(self, label: str, time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray
             ) -> list[RepCompleted]:
        """Process one batch of one sensor; returns the repetitions completed by it."""
        own = self._feed(label, time_s, acc, gyr)
        twin = self._rise_twin
        if twin is None:
            return own
        return self._choose_count(own, twin.feed(label, time_s, acc, gyr), final=False)

    def _feed(self, label: str, time_s: np.ndarray, acc: np.ndarray, gyr: np.ndarray
              ) -> list[RepCompleted]:
        stream = self._streams.get(label)
        if stream is None or len(time_s) == 0:
            return []
        time_s, acc, gyr = self._valid_samples(label, time_s, acc, gyr)
        if len(time_s) == 0:
            return []
        ori = stream.tracker.update(time_s, acc, gyr)
        if self.keep_orientations:
            self._orientations.setdefault(label, []).append((ori.time_s, ori.quat))
        if self._other is not None and label == self._other.label:
            self._other_chunks.append((ori.time_s, ori.gyr_rad_s, ori.up))
            self._other_last_t = float(ori.time_s[-1])
        if label == self.primary_label:
            self._note_primary_gaps(ori.time_s, acc)
            self._primary_now = float(ori.time_s[-1])
            if self._first_primary_t is None:
                self._first_primary_t = float(ori.time_s[0])
            self._track_axis_fit(ori.time_s, ori.gyr_rad_s, stream)
            if self._tracks_tilt:
                self._track_tilt(ori.time_s, ori.up, ori.gyr_rad_s)
            if self._learner is not None:
                out = self._feed_learning(ori.time_s, ori.up, ori.gyr_rad_s, ori.quat)
            else:
                phi = stream.angle_deg(ori)
                self._pending_t = np.concatenate([self._pending_t, ori.time_s])
                self._pending_phi = np.concatenate([self._pending_phi, phi])
                if self._supported is not None:
                    assert stream.mounting is not None     # the primary is calibrated
                    g = ori.gyr_rad_s
                    axis = stream.mounting.axis
                    elev = np.stack([axis_elevation_rad(ori.up, axis),
                                     axis_elevation_rad(_unit_rows(acc), axis)], axis=1)
                    self._pending_elev = np.concatenate([self._pending_elev, elev])
                    self._pending_rate = np.concatenate(
                        [self._pending_rate, rownorm(g)])
                out = self._drain(final=False)
            if self._rise is not None:
                th, h = self._rise.update(ori.time_s, acc, ori.up, ori.gyr_rad_s)
                if len(th):
                    self._rise_t = float(th[-1])
                self._rise_waiting.extend(self.detector.feed(th, h))
                out += self._release_rise_reps(final=False)
            self._trim_axis_fit(float(ori.time_s[-1]))
            return out
        elif self._secondary is not None and label == self._secondary.label:
            phi = stream.angle_deg(ori)
            self._sec_t = np.concatenate([self._sec_t, ori.time_s])
            self._sec_phi = np.concatenate([self._sec_phi, phi])
            return self._drain(final=False) + self._release_held(final=False)
        elif self._supported is not None and label == self._supported.label:
            a = _unit_rows(acc)
            self._sec_t = np.concatenate([self._sec_t, ori.time_s])
            self._sec_up = np.concatenate([self._sec_up, np.concatenate([ori.up, a], axis=1)])
            return self._drain(final=False) + self._release_held(final=False)
        elif self._other is not None and label == self._other.label:
            return self._release_held(final=False)
        return []

    def _supported_deg(self, t: np.ndarray, phi: np.ndarray, elev: np.ndarray,
                       rate: np.ndarray, stale: np.ndarray) -> np.ndarray:
        """The supported segment's angle at the primary's sample times ``t``, from the
        primary's angle ``phi``, the knee axis' elevation ``elev`` (orientation, bare
        accelerometer) and angular rate; ``stale``: the segment's last reading held there
        (nothing is learnt from those)."""
        # Only for an exercise whose start posture has a supported segment (__init__).
        assert (self.exercise is not None and self._supported is not None
                and self._lift is not None)
        start = getattr(self.exercise.start_posture, f"{self._supported.segment}_deg")
        out = np.full(len(t), float(start))
        if not len(self._sec_t):
            return out
        up = np.stack([np.interp(t, self._sec_t, self._sec_up[:, k]) for k in range(6)],
                      axis=1)
        up = np.concatenate([_unit_rows(up[:, :3]), _unit_rows(up[:, 3:])], axis=1)
        prim_start = getattr(self.exercise.start_posture, f"{self.model.primary}_deg")
        # ... and the segment's orientation has settled on gravity (after a gyroscope
        # offset was taken off it takes a moment): its tilts are measured from here.
        settled = rowdot3(up[:, :3], up[:, 3:]) >= SETTLED_COS
        at_rest = ((rate < STILL_RAD_S) & (np.abs(phi - prim_start) <= POSTURE_DEG)
                   & ~stale & settled)
        first = self._rest.update(at_rest, np.concatenate([up, elev], axis=1))
        if first is None:
            return out
        ref = self._rest.values
        assert ref is not None                     # found: ``first`` is not None
        if not self._lift.ready:
            self._lift.set_rest(ref[:3], ref[3:6])
        use = slice(first, None)
        roll = elev[use] - ref[6:8]
        learn = (rate[use] < STEADY_RAD_S) & ~stale[use]
        out[use] += self._lift.update(up[use, :3], roll[:, 0], learn, up[use, 3:], roll[:, 1])
        return out

    def _track_axis_fit(self, t: np.ndarray, gyr: np.ndarray, stream: _Stream) -> None:
        self._fit_t = np.concatenate([self._fit_t, t])
        self._fit_gyr = np.concatenate([self._fit_gyr, gyr])

    def _fit_span(self, r: RepCompleted) -> slice:
        """The angular-rate samples within a repetition (sample times are in order)."""
        return slice(int(np.searchsorted(self._fit_t, r.start_s, side="left")),
                     int(np.searchsorted(self._fit_t, r.end_s, side="right")))

    def _trim_axis_fit(self, now: float) -> None:
        """Forget angular rates no repetition can need any more. Called after a batch was
        processed; a repetition still to be reported lies within the online learner's
        backlog (LEARNER_BUFFER_S) plus the longest repetition (FIT_MEMORY_S)."""
        keep_s = LEARNER_BUFFER_S + FIT_MEMORY_S
        if len(self._fit_t) and self._fit_t[0] < now - 2 * keep_s:
            keep = self._fit_t >= now - keep_s
            self._fit_t, self._fit_gyr = self._fit_t[keep], self._fit_gyr[keep]
        self._forget_other_before(now - keep_s)

    def _axis(self) -> np.ndarray | None:
        prim = self._streams[self.primary_label]
        if prim.mounting is not None:
            # No one axis where the whole rotation is measured: nothing to fit to.
            return None if prim.mounting.whole_rotation else prim.mounting.axis
        return self._learner.axis if self._learner is not None else None

    def _with_axis_fit(self, reps: list[RepCompleted], no_axis: tuple[bool, ...] = ()
                       ) -> list[RepCompleted]:
        """Axis fit and the strap flag per rep (``no_axis[i]``: rep i came before there was a
        movement axis, so it has no fit)."""
        out = []
        for i, r in enumerate(reps):
            axis = None if (i < len(no_axis) and no_axis[i]) else self._axis()
            g = self._fit_gyr[self._fit_span(r)]
            total = float(np.sum(g[:, 0] ** 2 + g[:, 1] ** 2 + g[:, 2] ** 2))
            fit = None
            if axis is not None and total > 0:
                fit = float(np.sum(rowdot(g, axis) ** 2) / total)
            flags = r.flags
            if fit is not None and self._moved(fit, r.rom_deg):
                flags = (*flags, "sensor_moved")
            if fit is not None:
                self._fits.append(fit)
                self._roms.append(r.rom_deg)
            out.append(replace(r, axis_fit=None if fit is None else round(fit, 3),
                               flags=flags))
        if reps:
            keep = self._fit_t >= reps[-1].end_s - 1.0
            self._fit_t, self._fit_gyr = self._fit_t[keep], self._fit_gyr[keep]
        return out

    def _moved(self, fit: float, rom: float) -> bool:
        """Did the sensor turn on its strap? Either the rotation is mostly off the axis, or
        the fit dropped clearly below that of this set's earlier repetitions of similar size
        (a sensor turned by an angle a keeps cos(a)^2 of a clean hinge movement on the old
        axis: 25 deg -> 0.82). Smaller repetitions are left out of that comparison: their
        off-axis wobble weighs more, so their fit is lower anyway."""
        if fit < SENSOR_MOVED_FIT:
            return True
        if len(self._fits) >= 3 and rom >= SIMILAR_SIZE * median_of(self._roms[-10:]):
            return fit < SENSOR_MOVED_DROP * median_of(self._fits[-10:])
        return False

    def _feed_learning(self, t: np.ndarray, up: np.ndarray, gyr: np.ndarray, quat: np.ndarray
                       ) -> list[RepCompleted]:
        assert self._learner is not None
        t_out, angle = self._learner.update(t, up, gyr, quat)
        if len(t_out) == 0:
            return []
        return self._emit(t_out, angle)

    def _drain(self, final: bool) -> list[RepCompleted]:
        t, phi = self._pending_t, self._pending_phi
        if len(t) == 0:
            return []
        if self._secondary is None and self._supported is None:
            self._pending_t, self._pending_phi = np.empty(0), np.empty(0)
            return self._emit(t, self.model.combine(self.exercise,
                                                    {self.model.primary: phi}))
        # Primary samples wait until the other sensor has data at or after their time
        # (or lags too far behind: then its last value is held).
        sec_last = self._sec_t[-1] if len(self._sec_t) else -np.inf
        if self._first_primary_t is None:
            self._first_primary_t = float(t[0])
        if final:
            n = len(t)
        else:
            n = int(np.searchsorted(t, sec_last, side="right"))
            # Before the other sensor's first sample, its lag counts from our first sample.
            lag_ref = sec_last if len(self._sec_t) else self._first_primary_t
            lagging = t > lag_ref + SECONDARY_MAX_LAG_S
            if lagging.any():
                n = max(n, int(np.flatnonzero(lagging)[-1]) + 1)
        if n == 0:
            return []
        tn, pn = t[:n], phi[:n]
        self._pending_t, self._pending_phi = t[n:], phi[n:]
        # Without the other sensor there: past its last sample (live, a drop-out being
        # waited out) or inside a gap in its samples (a recording, or after it came back).
        stale = tn > sec_last + STALE_S
        if len(self._sec_t):
            stale |= tn < self._sec_t[0] - STALE_S      # before it started sending
        if len(self._sec_t) > 1:
            k = np.clip(np.searchsorted(self._sec_t, tn), 1, len(self._sec_t) - 1)
            inside = (tn >= self._sec_t[0]) & (tn <= self._sec_t[-1])
            stale |= inside & (self._sec_t[k] - self._sec_t[k - 1] > SECONDARY_MAX_LAG_S)
        if stale.any():
            self._note_stale(float(tn[stale][0]), float(tn[stale][-1]))
        angles = {self.model.primary: pn}
        second = self.model.secondary
        if self._supported is not None:
            en, qn = self._pending_elev[:n], self._pending_rate[:n]
            self._pending_elev, self._pending_rate = self._pending_elev[n:], self._pending_rate[n:]
            supported = self._supported_deg(tn, pn, en, qn, stale)
            if second is not None:
                angles[second] = supported
        elif len(self._sec_t) and second is not None:
            angles[second] = np.interp(tn, self._sec_t, self._sec_phi)
        counted = None
        if self._count_on_thigh or self._way_pending:
            counted = self.model.combine(self.exercise, {"thigh": pn})
        out = self._emit(tn, self.model.combine(self.exercise, angles), counted)
        # Keep only the secondary samples still needed for interpolation.
        keep = max(0, int(np.searchsorted(self._sec_t, tn[-1], side="left")) - 1)
        self._sec_t = self._sec_t[keep:]
        if self._supported is not None:
            self._sec_up = self._sec_up[keep:]
        else:
            self._sec_phi = self._sec_phi[keep:]
        return out

    def _note_stale(self, t0: float, t1: float) -> None:
        """Primary samples from t0 to t1 went out with the other sensor's last value held."""
        if self._stale and t0 - self._stale[-1][1] <= STALE_S:
            self._stale[-1] = (self._stale[-1][0], t1)
        else:
            self._stale.append((t0, t1))

    def _note_primary_gaps(self, t: np.ndarray, acc: np.ndarray) -> None:
        """Silences of the primary sensor too long to fill in (its angle is not measured),
        and whether the sensor's gravity reading changed across it (it moved meanwhile, or
        was moving at either end: a paused set, at rest on both sides, did not)."""
        prev = np.concatenate([[self._primary_now], t[:-1]])
        for i in np.flatnonzero(t - prev > PRIMARY_GAP_S):
            before = acc[i - 1] if i > 0 else self._primary_last_acc
            moved = True
            if before is not None:
                c = float(before @ acc[i]) / float(np.linalg.norm(before) * np.linalg.norm(acc[i]))
                moved = bool(np.degrees(np.arccos(np.clip(c, -1.0, 1.0))) > HIDDEN_MOVE_DEG)
            self._primary_gaps.append((float(prev[i]), float(t[i]), moved))
        self._primary_last_acc = np.array(acc[-1], dtype=float)

    def _with_missing_flag(self, r: RepCompleted) -> RepCompleted:
        """A rep whose angle went out partly without one of its sensors says so."""
        flags = list(r.flags)
        keep_from = r.start_s - LEAD_S - 1.0
        self._primary_gaps = [sp for sp in self._primary_gaps if sp[1] >= keep_from]
        # A silence right before the start may have hidden where the rep really began.
        if any(a < r.end_s and (b > r.start_s or (moved and b > r.start_s - HIDDEN_START_S))
               for a, b, moved in self._primary_gaps):
            seg = self.model.primary
            flags.append(f"{seg if seg in ('thigh', 'shank', 'pelvis') else 'sensor'}_missing")
        second = self._secondary or self._supported
        if second is not None:
            self._stale = [sp for sp in self._stale if sp[1] >= keep_from]
            if any(a <= r.end_s and b >= r.start_s for a, b in self._stale):
                flags.append(f"{second.segment}_missing")
        return r if len(flags) == len(r.flags) else replace(r, flags=tuple(flags))

    def _emit(self, t: np.ndarray, deg: np.ndarray, counted: np.ndarray | None = None
              ) -> list[RepCompleted]:
        """The reported angle ``deg`` out; repetitions found on ``counted`` (another angle
        on the same scale, see _count_on_thigh) if given, else on ``deg``."""
        if self.keep_series:
            self._series_t.append(t)
            self._series_deg.append(deg)
        self.latest_deg = float(deg[-1])
        if self.listener is not None:
            self.listener(t, deg)
        if self._rise is not None:
            self._angle_t.append(t)
            self._angle_deg.append(deg)
            reps = self._release_rise_reps(final=False)
        elif self._way_pending:
            assert counted is not None          # the thigh's angle while the way is pending
            new = self._both_ways(t, deg, counted)
            self._held.extend(self._with_axis_fit(new))
            reps = self._release_held(final=False)
        else:
            found = deg if counted is None else counted
            x = self.model.direction * (found - self.model.reference_deg)
            new = self.detector.feed(t, x)
            if counted is not None:
                new = self._measured(t, deg, new)
            self._held.extend(self._with_axis_fit(new))
            reps = self._release_held(final=False)
        return reps

    def _both_ways(self, t: np.ndarray, deg: np.ndarray, thigh: np.ndarray
                   ) -> list[RepCompleted]:
        """A lunge with thigh and lower leg, live, the leg not known: the knee angle
        ``deg`` and the thigh's angle on its scale (``thigh``) are both counted until the
        first repetition of either is found. By then the thigh has shown which leg this is:
        a leading thigh goes forward with the knee (by half its flexion and more in the
        lunge, a little less as the foot swings forward), a trailing thigh goes back. The
        leading leg is counted on the thigh from then on (its knee angle's step would be
        counted as repetitions), the trailing leg on the knee angle, and what the other
        count found is dropped (nothing was reported before)."""
        d, ref = self.model.direction, self.model.reference_deg
        x_knee, x_thigh = d * (deg - ref), d * (thigh - ref)
        by_knee = self.detector.feed(t, x_knee)
        assert self._thigh_detector is not None
        by_thigh = self._thigh_detector.feed(t, x_thigh)
        self._measured(t, deg, [])
        self._way_thigh_t = np.concatenate([self._way_thigh_t, t])
        self._way_thigh_x = np.concatenate([self._way_thigh_x, x_thigh])
        found = [r.reported_s for r in by_knee + by_thigh]
        upto = t <= (min(found) if found else t[-1]) + 1e-9
        reach = self._way_reach
        reach[0] = max(reach[0], float(x_knee[upto].max(initial=0.0)))
        reach[1] = max(reach[1], float(x_thigh[upto].max(initial=0.0)))
        if not found:
            return []
        return self._choose_way(by_knee, by_thigh)

    def _choose_way(self, by_knee: list[RepCompleted], by_thigh: list[RepCompleted]
                    ) -> list[RepCompleted]:
        """Which leg (see _both_ways): the repetitions of the count kept. The thigh is
        counted where it leads and the knee angle's first repetition ended with the thigh
        still out by half as far as it went (the foot landing from the step forward, the
        lunge still to come); a lunge without its step keeps its knee angle's count."""
        self._way_pending = False
        knee, thigh = self._way_reach
        first_knee = min(by_knee, key=lambda r: r.reported_s, default=None)
        first_thigh = min((r.reported_s for r in by_thigh), default=np.inf)
        stepped = (first_knee is not None and first_knee.reported_s < first_thigh
                   and len(self._way_thigh_t) > 0
                   and float(np.interp(first_knee.end_s, self._way_thigh_t, self._way_thigh_x))
                   >= STEP_THIGH_OUT_SHARE * thigh)
        leading = knee > 0 and thigh >= LEADING_THIGH_SHARE * knee and stepped
        self._count_on_thigh = leading
        self._way_thigh_t = self._way_thigh_x = np.empty(0)
        if leading:
            assert self._thigh_detector is not None
            self.detector = self._thigh_detector
        self._thigh_detector = None
        return [self._range_of(r) for r in by_thigh] if leading else by_knee

    def _measured(self, t: np.ndarray, deg: np.ndarray, reps: list[RepCompleted]
                  ) -> list[RepCompleted]:
        """Repetitions found on another angle, their range measured on the reported angle
        ``deg`` (at sample times ``t``) between their start and end."""
        self._measured_t = np.concatenate([self._measured_t, t])
        self._measured_deg = np.concatenate([self._measured_deg, deg])
        out = [self._range_of(r) for r in reps]
        self._forget_measured()
        return out

    def _range_of(self, r: RepCompleted) -> RepCompleted:
        """A repetition found on the thigh, its range and the turn between its phases
        measured on the reported angle (the thigh's own turn may be its step's: the front
        thigh's first rise is the foot swinging forward). Start and end stay the thigh's."""
        mt, md = self._measured_t, self._measured_deg
        if not len(mt):
            return r
        inside = md[(mt >= r.start_s - 1e-9) & (mt <= r.end_s + 1e-9)]
        vals = np.concatenate([inside, np.interp([r.start_s, r.end_s], mt, md)])
        r = replace(r, min_deg=float(vals.min()), max_deg=float(vals.max()),
                    rom_deg=float(vals.max() - vals.min()))
        # Only samples up to the one the repetition was reported at (batching irrelevant).
        sel = (mt >= r.start_s - TURN_MARGIN_S) & (mt <= min(r.end_s + TURN_MARGIN_S,
                                                            r.reported_s) + 1e-9)
        ts = mt[sel]
        if len(ts) < 4 * 3 + 1 or not (np.diff(ts) > 0).all():
            return r
        x = self.model.direction * (md[sel] - self.model.reference_deg)
        rate = self.rate_hz
        # Imported here, not at the top: importing scipy.signal takes about a second, and
        # most analyses never come here.
        signal = load("scipy.signal")

        b, a = signal.butter(2, min(self.detector.settings.velocity_cutoff_hz, 0.45 * rate)
                      / (0.5 * rate))
        vs = signal.filtfilt(b, a, np.gradient(x, ts))
        inner = (ts >= r.start_s) & (ts <= r.end_s)
        if inner.sum() < 3:
            return r
        # The knee's turn is the one the thigh turns at (the leading knee may bend as far in
        # the step's swing as in a shallow lunge).
        timing = _turn_times(ts[inner], vs[inner], x[inner], r.peak_s)
        if timing is None:
            return r
        turn_in, turn_out = timing
        turn_in = min(max(turn_in, r.start_s), r.end_s)
        turn_out = min(max(turn_out, turn_in), r.end_s)
        first, second = turn_in - r.start_s, r.end_s - turn_out
        if self.detector.settings.eccentric_first:
            first, second = second, first
        return replace(r, peak_s=0.5 * (turn_in + turn_out), concentric_s=first,
                       hold_s=turn_out - turn_in, eccentric_s=second)

    def _forget_measured(self) -> None:
        """Keep the reported angle as far back as a repetition still to come can start
        (the detector's history and longest repetition; trimmed now and then)."""
        if not len(self._measured_t):
            return
        keep_s = MEASURED_MEMORY_S + self.detector.settings.max_rep_s
        now = self._measured_t[-1]
        if self._measured_t[0] < now - 2 * keep_s:
            keep = self._measured_t >= now - keep_s
            self._measured_t = self._measured_t[keep]
            self._measured_deg = self._measured_deg[keep]

    def _forget_other_before(self, t: float) -> None:
        """Drop the other segment's batches that end before ``t``."""
        while self._other_chunks and self._other_chunks[0][0][-1] < t:
            self._other_chunks.pop(0)

    def _other_covers(self, t: float) -> bool:
        """Has the other segment's sensor delivered data up to ``t`` (or dropped out)?"""
        if self._other is None:
            return True
        if self._other_last_t is not None and self._other_last_t >= t:
            return True
        last = self._other_last_t if self._other_last_t is not None else self._first_primary_t
        return last is None or self._primary_now > last + SECONDARY_MAX_LAG_S

    def _release_held(self, final: bool) -> list[RepCompleted]:
        """Repetitions in order, each once the other segment's data reach its turn."""
        out = []
        while self._held and (final or self._other_covers(self._held[0].peak_s)):
            r = self._with_missing_flag(self._with_leg_onset(self._held.pop(0)))
            self._released_end_s = r.end_s
            # The next repetition starts after this one ended: its window starts there.
            self._forget_other_before(r.end_s - LEAD_S)
            out.append(r)
        self.events.extend(out)
        return out

    def _with_leg_onset(self, r: RepCompleted) -> RepCompleted:
        """The start moved to where the other segment began the movement, if earlier."""
        if self._other is None or not self._other_chunks:
            return r
        if len(self._other_chunks) == 1:
            other_t, other_gyr, other_up = self._other_chunks[0]
        else:
            other_t, other_gyr, other_up = (np.concatenate([c[i] for c in self._other_chunks])
                                            for i in range(3))
        k = int(np.searchsorted(other_t, r.start_s - LEAD_S - 1.0))
        other_t, other_gyr, other_up = other_t[k:], other_gyr[k:], other_up[k:]
        self._other_chunks = [(other_t, other_gyr, other_up)] if len(other_t) else []
        prev_end = -np.inf if self._released_end_s is None else self._released_end_s
        j = int(np.searchsorted(other_t, r.peak_s, side="right"))
        if self._watch_other_still:
            i0 = int(np.searchsorted(other_t, r.start_s))
            if i0 < j and _tilt_deg(other_up[i0:j]) >= OTHER_SEGMENT_MOVED_DEG:
                return replace(r, flags=(*r.flags, f"{self._other.segment}_moved"))
            return r
        onset = other_segment_onset(other_t[:j], other_gyr[:j], r.start_s, r.peak_s,
                                    r.rom_deg, self._other.tracker.sample_rate_hz, prev_end)
        if onset is None:
            return r
        lead = r.start_s - onset
        if lead <= 0:
            return r
        first = "eccentric_s" if self.detector.settings.eccentric_first else "concentric_s"
        return replace(r, start_s=onset, rest_s=max(0.0, r.rest_s - lead),
                       **{first: getattr(r, first) + lead})

    def _release_rise_reps(self, final: bool) -> list[RepCompleted]:
        """Reps counted on the rise, completed with the reported angle once it covers them.

        Without a calibration the angle exists only once the online learner has fixed the
        movement axis; a rep reported before that (by sample time, so batching does not
        matter) is not held back: its range comes from the gyroscope within the rep.
        """
        if self._angle_t:
            t = np.concatenate(self._angle_t)
            deg = np.concatenate(self._angle_deg)
        else:
            t, deg = np.empty(0), np.empty(0)
        learner = self._learner

        def angle_free(r: RepCompleted) -> bool:
            return learner is not None and (learner.ready_at_s is None
                                            or learner.ready_at_s > r.reported_s)

        ready = [r for r in self._rise_waiting
                 if final or angle_free(r) or (len(t) and t[-1] >= r.end_s)]
        self._rise_waiting = [r for r in self._rise_waiting if r not in ready]
        out, no_axis = [], []
        for r in ready:
            g = self._fit_gyr[self._fit_span(r)]
            gyro_only = angle_free(r)
            axis = None if gyro_only else self._axis()
            # About the movement axis: a strap being adjusted turns the sensor about the
            # segment's long axis instead.
            rate = np.abs(rowdot(g, axis)) if axis is not None else np.linalg.norm(g, axis=1)
            turned = float(np.degrees(rate.sum() / self.rate_hz))
            if turned > RISE_MAX_TURN_DEG:
                continue      # the shank turned far: a step or a knee bend, not a heel raise
            sel = (t >= r.start_s) & (t <= r.end_s)
            vals = _turn_within(g, self.rate_hz) if gyro_only or not sel.any() else deg[sel]
            no_axis.append(gyro_only)
            self._rise_count += 1
            out.append(replace(r, index=self._rise_count, min_deg=float(vals.min()),
                               max_deg=float(vals.max()),
                               rom_deg=float(vals.max() - vals.min()),
                               rise_cm=round(r.rom_deg / 10.0, 2)))
        if len(t):
            # Keep the angle only as far back as a repetition can reach: counted from how
            # far the rise has got (it is held back during a movement; with a whole file
            # at once the angle is far ahead of it).
            keep = t >= min(t[-1], self._rise_t) - 60.0
            if self._rise_waiting:
                keep |= t >= min(r.start_s for r in self._rise_waiting)
            self._angle_t, self._angle_deg = [t[keep]], [deg[keep]]
        reps = [self._with_missing_flag(r) for r in self._with_axis_fit(out, tuple(no_axis))]
        self.events.extend(reps)
        return reps

    def finish(self) -> list[RepCompleted]:
        """Flush samples still waiting for the other sensor (end of a recording)."""
        own = self._finish()
        twin = self._rise_twin
        if twin is None:
            return own
        return self._choose_count(own, twin.finish(), final=True)

    # -- any movement: on its turn or on the body's rise ----------------------------------
    def _track_tilt(self, t: np.ndarray, up: np.ndarray, gyr: np.ndarray) -> None:
        """The primary's turn about horizontal axes per sample (the tilt of a rise)."""
        w_h = gyr - rowdot3(gyr, up)[:, None] * up
        prev = self._tilt_t[-1][-1] if self._tilt_t else t[0]
        dt = np.diff(np.concatenate([[prev], t]))
        dt[dt > 1.5 / self.rate_hz] = 0.0      # nothing turned is known across a silence
        self._tilt_t.append(t)
        self._tilt_w.append(w_h * dt[:, None])
        if len(self._tilt_t) > 1 and self._tilt_t[0][-1] < t[-1] - MEASURED_MEMORY_S:
            t_all, w_all = np.concatenate(self._tilt_t), np.concatenate(self._tilt_w)
            keep = t_all >= t[-1] - MEASURED_MEMORY_S
            self._tilt_t, self._tilt_w = [t_all[keep]], [w_all[keep]]

    def _tilt_within(self, r: RepCompleted) -> float:
        """How far the primary tilted from where repetition ``r`` started (deg)."""
        if not self._tilt_t:
            return 0.0
        t, w = np.concatenate(self._tilt_t), np.concatenate(self._tilt_w)
        sel = (t >= r.start_s) & (t <= r.end_s)
        if not sel.any():
            return 0.0
        return float(np.degrees(np.linalg.norm(np.cumsum(w[sel], axis=0), axis=1).max()))

    def _choose_count(self, own: list[RepCompleted], rise: list[RepCompleted], final: bool
                      ) -> list[RepCompleted]:
        """Any movement: counted on the turn (``own``) and on the rise (``rise``) alike,
        nothing reported, until one of them shows which it is. A repetition of the rise in
        which the sensor rose by RISE_MIN_MM to RISE_MAX_MM while it tilted by
        RISE_MAX_TILT_DEG or less is the body rising on the toes: counted on the rise from
        then on. A turn by more than that, or a rise in
        which the sensor tilted more, is a limb's movement: counted on the turn. A small turn
        waits for the rise (a heel raise may tilt the lower leg by 5-8 deg), until the rise
        has passed it by RISE_WAIT_S without one. Tilts are the gyroscope's turn about
        horizontal axes within the repetition."""
        # The turn's repetitions are not reported (the angle, its trace and series are).
        del self.events[len(self.events) - len(own):]
        if self.on_rise:
            return self._as_twin(rise)
        own_held, rise_held = self._undecided
        own_held.extend(own)
        rise_held.extend(rise)
        twin = self._rise_twin
        assert twin is not None
        # In the order they were found (by sample time: batching does not matter).
        # How far the sensor tilted in each repetition of the turn, from the gyroscope (the
        # inclination taken afresh after a silence in movement is off for a moment).
        tilts = [twin._tilt_within(r) for r in own_held]
        found = sorted([(r.reported_s, 0, i) for i, r in enumerate(own_held)]
                       + [(r.reported_s, 1, i) for i, r in enumerate(rise_held)]
                       + [(r.end_s + RISE_WAIT_S, 2, i) for i, r in enumerate(own_held)
                          if tilts[i] <= RISE_MAX_TILT_DEG])
        passed = np.inf if final else twin._rise_t
        choice: bool | None = False if final else None
        for when, kind, i in found:
            if kind == 0 and tilts[i] > RISE_MAX_TILT_DEG:
                choice = False
            elif kind == 1:
                r = rise_held[i]
                rose = r.rise_cm is not None and RISE_MIN_MM <= 10.0 * r.rise_cm <= RISE_MAX_MM
                choice = rose and twin._tilt_within(r) <= RISE_MAX_TILT_DEG
            elif kind == 2:
                if when > passed:
                    choice = None         # the rise has not got that far yet
                    break
                choice = False
            else:
                continue
            break
        if choice is None:
            return []
        self.on_rise = choice
        self._undecided = ([], [])
        if not choice:
            self._rise_twin = None
            self.events.extend(own_held)
            return own_held
        return self._as_twin(rise_held)

    def _as_twin(self, reps: list[RepCompleted]) -> list[RepCompleted]:
        """Repetitions counted on the rise (by the twin) as this pipeline's."""
        twin = self._rise_twin
        assert twin is not None
        for r in reps:
            if r.rise_cm is not None:
                self.rise_stats.append((r.rise_cm, twin._tilt_within(r)))
        self.events.extend(reps)
        return reps

    def _finish(self) -> list[RepCompleted]:
        out = self._drain(final=True)
        if self._rise is None:
            if self._way_pending:
                # No repetition found yet by either count: the way the thigh went so far.
                assert self._thigh_detector is not None
                by_thigh = self._thigh_detector.finish()
                done = self._choose_way(self.detector.finish(), by_thigh)
            else:
                done = self.detector.finish()
                if self._count_on_thigh:
                    done = [self._range_of(r) for r in done]
            self._held.extend(self._with_axis_fit(done))
        out += self._release_held(final=True)
        if self._rise is not None:
            th, h = self._rise.flush()
            self._rise_waiting.extend(self.detector.feed(th, h) + self.detector.finish())
            out += self._release_rise_reps(final=True)
        return out

    # -- results --------------------------------------------------------------------------
    def orientations(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Each sensor's VQF 6D orientation, sensor -> earth (z up, heading arbitrary), as
        (time_s (N,), quaternion w x y z (N, 4)); kept only with ``keep_orientations``."""
        return {label: (np.concatenate([t for t, _ in parts]),
                        np.concatenate([q for _, q in parts]))
                for label, parts in self._orientations.items()}

    def angle_series(self) -> tuple[np.ndarray, np.ndarray]:
        if not self._series_t:
            return np.empty(0), np.empty(0)
        return np.concatenate(self._series_t), np.concatenate(self._series_deg)


def _thigh_leads(ex: Exercise | None, variant: str | None) -> bool:
    """Does the thigh go the exercise angle's way, by at least THIGH_SHARE of it, in
    this way of doing it (the leading leg of a lunge; not the trailing one)?"""
    if ex is None or ex.angle != "knee_flexion_deg":
        return False
    change = expected_segment_change(ex, variant)
    thigh, knee = change.get("thigh", 0.0), change.get("thigh", 0.0) - change.get("shank", 0.0)
    return thigh * knee > 0 and abs(thigh) >= THIGH_SHARE * abs(knee)


def _turn_times(ts: np.ndarray, vs: np.ndarray, xs: np.ndarray,
                near_s: float | None = None) -> tuple[float, float] | None:
    """Where a movement arrives at its turning point and leaves it (s): the speed of the
    last stretch of movement toward the turn and of the first away from it (a movement in
    parts, a lunge's step, has earlier and later ones) falls below BOUNDARY_OF_PEAK_SPEED
    of its peak, widened by a smooth movement's slow arrival and start (see reps). The
    turning point is the highest one, or the one reached uphill from ``near_s``."""
    i_top = int(np.argmax(xs))
    if near_s is not None:
        # The turning point reached uphill from the moment ``near_s`` (s).
        i_top = int(np.clip(np.searchsorted(ts, near_s), 0, len(xs) - 1))
        while True:
            up = [i for i in (i_top - 1, i_top + 1) if 0 <= i < len(xs) and xs[i] > xs[i_top]]
            if not up:
                break
            i_top = max(up, key=lambda i: xs[i])
    lo = BOUNDARY_OF_PEAK_SPEED * float(np.abs(vs).max())
    if i_top == 0 or i_top == len(xs) - 1 or lo <= 0:
        return None
    j = i_top
    while j > 0 and vs[j - 1] >= -lo:
        j -= 1
    k = i_top
    while k < len(vs) - 1 and vs[k + 1] <= lo:
        k += 1
    i_up = j + int(np.argmax(vs[j:i_top + 1]))
    i_dn = i_top + int(np.argmin(vs[i_top:k + 1]))
    vup, vdn = float(vs[i_up]), float(-vs[i_dn])
    if vup <= 0 or vdn <= 0:
        return None
    t_in = _crossing(ts, vs, i_up, 1, vup)
    t_out = _crossing(ts, -vs, i_dn, -1, vdn)
    # Widened as the detector widens its boundaries (see reps.smooth_tails_s).
    t_in += smooth_tails_s(t_in - _crossing(ts, vs, i_up, 1, vup, TAIL_REFERENCE_SPEED),
                           t_in - ts[j])
    t_out -= smooth_tails_s(_crossing(ts, -vs, i_dn, -1, vdn, TAIL_REFERENCE_SPEED) - t_out,
                            ts[k] - t_out)
    if t_in > t_out:
        t_in = t_out = 0.5 * (t_in + t_out)
    return t_in, t_out


def _crossing(ts: np.ndarray, vs: np.ndarray, i: int, step: int, vpeak: float,
              share: float = BOUNDARY_OF_PEAK_SPEED) -> float:
    """Walking from sample ``i`` by ``step``: where the speed falls below ``share`` of
    ``vpeak`` (interpolated)."""
    lo = share * vpeak
    while 0 <= i + step < len(vs):
        a, b = vs[i], vs[i + step]
        if a >= lo > b:
            return float(ts[i] + (ts[i + step] - ts[i]) * (a - lo) / (a - b))
        i += step
    return float(ts[i])


def _turn_within(gyr: np.ndarray, rate_hz: float) -> np.ndarray:
    """Rotation (deg) about the main axis of ``gyr``, from the first sample on, signed so
    that the largest excursion is positive (a rep's range without a calibrated angle)."""
    if len(gyr) < 2:
        return np.zeros(1)
    axis = np.linalg.eigh(gyr.T @ gyr)[1][:, -1]
    turn = np.degrees(np.cumsum(rowdot(gyr, axis)) / rate_hz)
    if turn[np.argmax(np.abs(turn))] < 0:
        turn = -turn
    return np.concatenate([[0.0], turn])


def rowdot3(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise dot products of two (N, 3) arrays (element-wise: batching does not matter)."""
    return a[:, 0] * b[:, 0] + a[:, 1] * b[:, 1] + a[:, 2] * b[:, 2]


def _unit_rows(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=1)
    return v / np.where(n > 0, n, 1.0)[:, None]


def _tilt_deg(up: np.ndarray) -> float:
    """How far (deg) a sensor tilted from its first sample: the largest angle between the
    first and any later earth-up direction (turning about the vertical does not count)."""
    return float(np.degrees(np.arccos(np.clip(rowdot(up, up[0]).min(), -1.0, 1.0))))

