"""Whole-recording analysis (``monitor analyze``): choose sensors, calibrate, run the pipeline.

The pipeline is the same one that runs live; this module only decides which sensors take
part (side, primary segment), calibrates them from the recording itself when no stored
calibration is given (the still start posture plus the first repetitions), and turns the
events into the JSON result described in the README.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field, replace

import numpy as np

from calibration.hinge import (
    AGREEMENT_DEG,
    knee_axes,
    oriented_like,
    shank_axis_with_moving_thigh,
    usable_knee_axes,
)
from calibration.mounting import Mounting
from calibration.quality import GyroCheck, check_gyroscope
from calibration.selfcal import (
    SLOW_MOVING_RATE_RAD_S,
    STILL_RATE_RAD_S,
    RestRotation,
    calibrate_sensor,
    lever_arm,
    principal_axis,
    rest_down,
    reversed_direction,
)
from monitor.core.errors import ConfigurationError, InputFileError
from monitor.core.exercises import Exercise, get_exercise
from monitor.core.lazy import load
from monitor.core.messages import Message
from monitor.core.orientation import OrientationOutput, OrientationTracker
from monitor.core.rotations import rownorm
from monitor.core.samples import PLACEMENTS, ImuBatch, ImuRecording, possible_samples
from monitor.signal.kinematics import (
    expected_segment_change,
    start_segment_angles,
    way_of_doing,
)
from monitor.signal.pipeline import Pipeline
from monitor.signal.reps import (
    RepCompleted,
    RepDetector,
    flag_against_targets,
    summarize,
)

CALIBRATION_WINDOW_S = 90.0
MIN_EXPECTED_SEGMENT_MOVE_DEG = 3.0
SMALL_SEGMENT_MOVE_DEG = 15.0
POSTURE_RECHECK_DEG = 3.0       # start posture before the first rep vs at the beginning
POSTURE_MIN_STILL_S = 0.5
MIN_DIRECTION_REPS = 3          # repetitions of the lead segment that decide the others'
MIN_DIRECTION_TURN_DEG = 2.0    # ... direction where they turn by at least this (median)
# A segment on a support that turned this much in all (the calibration window) refines the
# other segment's knee axis.
SUPPORTED_MIN_TURN_DEG = 10.0
# The segment's direction from its pivot (seen in the movement) agrees with the start
# posture's within this; a rest at the other end of the movement is taken instead when it
# agrees and does better by PIVOT_BETTER_DEG. Only for movements of PIVOT_MIN_RANGE_DEG or
# more (the two ends must be told apart), resting within PIVOT_FAR_SHARE of the far end.
PIVOT_AGREES_DEG = 45.0
PIVOT_BETTER_DEG = 30.0
PIVOT_MIN_RANGE_DEG = 40.0
PIVOT_FAR_SHARE = 0.8
# Counting any movement on one of two sensors that move about as much (a rigid leg): the
# one whose orientation agrees with gravity at rest by this much better is measured.
SIMILAR_MOTION = 0.85
MEASURED_MIN_TILT_DEG = 10.0
TILTS_FURTHER = 1.5
STEADIER_BY_DEG = 2.0
REST_RATE_RAD_S = 0.05
REST_ACC_M_S2 = 0.3


@dataclass
class AnalysisResult:
    exercise: Exercise | None
    angle_name: str
    reps: list[RepCompleted]
    duration_s: float
    sample_rate_hz: float
    sensors_used: dict[str, str]
    notes: list[str] = field(default_factory=list)
    assumption: str | None = None
    calibrated: bool = False
    test_result: dict | None = None
    series_t: np.ndarray | None = None
    series_deg: np.ndarray | None = None

    def to_json(self, angle_series: bool = False) -> dict:
        out = {
            "rep_count": len(self.reps),
            "duration_s": round(self.duration_s, 3),
            "sample_rate_hz": round(self.sample_rate_hz, 3),
            "exercise": self.exercise.id if self.exercise else None,
            "angle_name": self.angle_name,
            "calibrated": self.calibrated,
            "assumption": self.assumption,
            "sensors": self.sensors_used,
            "notes": self.notes,
            "summary": summarize(self.reps).to_json(),
            "reps": [r.to_json() for r in self.reps],
        }
        if self.test_result is not None:
            out["test_result"] = self.test_result
        if angle_series and self.series_t is not None and self.series_deg is not None:
            out["angle_series"] = {"time_s": np.round(self.series_t, 4).tolist(),
                                   "deg": np.round(self.series_deg, 3).tolist()}
        return out


def _segment_of(placement: str) -> tuple[str | None, str]:
    """("left" | "right" | None, "thigh" | "shank" | "pelvis")."""
    for side in ("left", "right"):
        if placement.startswith(side + "_"):
            return side, placement[len(side) + 1:]
    return None, placement


def _motion(batch: ImuBatch) -> float:
    return float(np.abs(batch.gyr_rad_s).sum())


def rest_mismatch_deg(batch: ImuBatch) -> float:
    """How far the orientation filter's vertical is off the accelerometer's gravity while
    the sensor is still (90th percentile over the first CALIBRATION_WINDOW_S, deg). A few
    tenths of a degree to about 3 deg for a sensor that sits well; more where its
    gyroscope and accelerometer do not agree (a loose strap, a faulty axis)."""
    rate = batch.nominal_rate_hz()
    n = min(len(batch), int(CALIBRATION_WINDOW_S * rate))
    if n < 2:
        return 0.0
    acc = batch.acc_m_s2[:n]
    ori = OrientationTracker(rate).update(batch.time_s[:n], acc, batch.gyr_rad_s[:n])
    g = np.linalg.norm(acc, axis=1)
    still = ((np.linalg.norm(ori.gyr_rad_s, axis=1) < REST_RATE_RAD_S)
             & (np.abs(g - np.median(g)) < REST_ACC_M_S2))
    if not still.any():
        return 0.0
    cos = np.einsum("ij,ij->i", acc[still] / g[still, None], ori.up[still])
    return float(np.percentile(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))), 90))


class SensorChecks:
    """Whether each sensor's gyroscope and accelerometer agree (calibration.quality), checked
    once per sensor an analysis considers, and what to tell the user about it.

    A check that is not sure never refuses: a sensor that disagrees is left out where others
    suffice (with a note saying why and on what evidence), used with a warning where it is
    needed, and only a sensor that is needed and certainly read wrongly (its gyroscope's
    axes, or deg/s) refuses the recording, naming the fix."""

    def __init__(self, rec: ImuRecording) -> None:
        self.rec = rec
        self._checks: dict[str, GyroCheck] = {}

    def check(self, label: str) -> GyroCheck:
        if label not in self._checks:
            b = self.rec.sensors[label]
            self._checks[label] = check_gyroscope(b.time_s, b.acc_m_s2, b.gyr_rad_s,
                                                  b.nominal_rate_hz())
        return self._checks[label]

    def trusted(self, label: str) -> bool:
        return self.check(label).trusted

    def _fix(self, label: str) -> str:
        c = self.check(label)
        return "" if c.mapping is None else "--axes " + shlex.quote(f"{label}={c.mapping}")

    def left_out(self, label: str) -> str:
        """The note for a sensor that is not used."""
        c = self.check(label)
        fix = self._fix(label)
        how = (f"; to use it, rerun with {fix}" if c.certain else
               f"; if so, rerun with {fix} to use it") if fix else ""
        return f"sensor {label!r} not used: {c.problem()}{how} ({c.evidence()})"

    def doubt(self, label: str) -> str | None:
        """The warning for a sensor that is used although its check is not clean."""
        c = self.check(label)
        fix = self._fix(label)
        hint = f"; if so, rerun with {fix}" if fix else ""
        if c.verdict == "doubtful":
            return (f"sensor {label!r}: {c.problem()} ({c.evidence()}): not sure, its angles "
                    f"may be off{hint}")
        if c.verdict == "disagrees":
            return (f"sensor {label!r}: {c.problem()} ({c.evidence()}): its angles may be "
                    f"off{hint or '; check the strap'}")
        return None

    def refuse_if_certain(self, label: str) -> None:
        """A sensor that is needed and certainly read wrongly: refused, naming the fix."""
        c = self.check(label)
        if not c.certain:
            return
        fix = self._fix(label)
        text = (f"{c.problem()} for sensor {label!r}; rerun with {fix}" if fix else
                f"sensor {label!r}: {c.problem()}")
        raise InputFileError(self.rec.source or "recording", f"{text} ({c.evidence()})",
                             column=c.column)


def without_impossible_samples(rec: ImuRecording) -> tuple[ImuRecording, dict[str, int]]:
    """The recording without samples no sensor can measure (the pipeline leaves them out
    too; here they must not reach the self-calibration either), and how many per sensor."""
    dropped: dict[str, int] = {}
    sensors = {}
    for label, b in rec.sensors.items():
        ok = possible_samples(b.time_s, b.acc_m_s2, b.gyr_rad_s)
        if ok.all():
            sensors[label] = b
            continue
        dropped[label] = int((~ok).sum())
        sensors[label] = ImuBatch(b.time_s[ok], b.acc_m_s2[ok], b.gyr_rad_s[ok],
                                  None if b.mag_ut is None else b.mag_ut[ok])
    if not dropped:
        return rec, {}
    return replace(rec, sensors=sensors), dropped


# Words for a segment and a side in sensor labels ("RightShank", "thigh_L", "lower-leg-left").
SEGMENT_WORDS = {"thigh": "thigh", "femur": "thigh", "upperleg": "thigh",
                 "shank": "shank", "shin": "shank", "tibia": "shank", "calf": "shank",
                 "lowerleg": "shank", "pelvis": "pelvis", "sacrum": "pelvis"}
SIDE_WORDS = {"right": "right", "r": "right", "rt": "right",
              "left": "left", "l": "left", "lt": "left"}


def placement_from_label(label: str) -> str | None:
    """The placement a sensor label names, or None if it names none (or is ambiguous).

    Words are split at separators and at a change to upper case ("RightShank", "thighR");
    "upper leg" / "lower leg" are one word each. A side needs a word of its own ("r", "left").
    """
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", label.strip())
    words = re.sub(r"(upper|lower)[\s_\-.]*leg", r"\1leg", words.lower())
    tokens = [t for t in re.split(r"[^a-z]+", words) if t]
    segments = {SEGMENT_WORDS[t] for t in tokens if t in SEGMENT_WORDS}
    sides = {SIDE_WORDS[t] for t in tokens if t in SIDE_WORDS}
    if len(segments) != 1 or len(sides) > 1:
        return None
    (segment,) = segments
    if segment == "pelvis" or not sides:
        return segment
    return f"{sides.pop()}_{segment}"


def placements_from_labels(rec: ImuRecording) -> list[str]:
    """A sensor labelled like a placement ("right_shank", "Thigh", "RightShank") without one
    is placed there.

    Only when nothing (sidecar, --placement) placed any sensor. Returns the labels so placed.
    """
    if rec.placements:
        return []
    named = {}
    for lab in rec.sensors:
        placement = placement_from_label(lab)
        if placement in PLACEMENTS:
            named[lab] = placement
    if len(set(named.values())) < len(named):
        return []       # two sensors labelled alike: no guessing
    rec.placements.update(named)
    return list(named)


GAP_NOTE_S = 1.0    # a pause in a sensor's samples this long is told in the notes


def coverage_notes(rec: ImuRecording, labels: list[str]) -> list[str]:
    """Where a used sensor has no samples while the recording goes on (out of range, or
    switched on late): repetitions there are missing or flagged, and the user is told."""
    t0 = min(float(rec.sensors[lab].time_s[0]) for lab in labels)
    t1 = max(float(rec.sensors[lab].time_s[-1]) for lab in labels)
    notes = []
    for lab in labels:
        t = rec.sensors[lab].time_s
        edges = np.concatenate([[t0], t, [t1]])
        gaps = np.flatnonzero(np.diff(edges) > GAP_NOTE_S)
        if gaps.size == 0:
            continue
        spans = [f"{edges[i]:.1f}-{edges[i + 1]:.1f} s" for i in gaps[:5]]
        more = f" and {gaps.size - 5} more" if gaps.size > 5 else ""
        total = float(np.sum(np.diff(edges)[gaps]))
        notes.append(f"sensor {lab!r} sent nothing for {total:.1f} s ({', '.join(spans)}"
                     f"{more}): repetitions then are missing or flagged")
    return notes


def tilt_range_deg(batch: ImuBatch) -> float:
    """How far a sensor tilts from its usual posture (95th percentile of the angle between
    its vertical and the median one, over the first CALIBRATION_WINDOW_S; deg)."""
    rate = batch.nominal_rate_hz()
    n = min(len(batch), int(CALIBRATION_WINDOW_S * rate))
    if n < 2:
        return 0.0
    up = OrientationTracker(rate).update(batch.time_s[:n], batch.acc_m_s2[:n],
                                         batch.gyr_rad_s[:n]).up
    mid = np.median(up, axis=0)
    mid /= max(float(np.linalg.norm(mid)), 1e-9)
    return float(np.percentile(np.degrees(np.arccos(np.clip(up @ mid, -1.0, 1.0))), 95))


def _measured_sensor(rec: ImuRecording, labels: list[str], notes: list[str]) -> str:
    """Counting any movement: the sensor that moves most; of two that move about as much
    (a rigid leg), the one whose orientation agrees better with gravity at rest.

    How much a sensor moves is how much it turns, unless another tilts from its usual
    posture by TILTS_FURTHER times as far (and by MEASURED_MIN_TILT_DEG or more): a
    lunge's lower leg turns faster than its thigh as the foot swings, to both sides of its
    posture, but the thigh goes further, and the lunge is counted on it."""
    motion = {lab: _motion(rec.sensors[lab]) for lab in labels}
    best = max(labels, key=lambda lab: motion[lab])
    if len(labels) > 1:
        tilt = {lab: tilt_range_deg(rec.sensors[lab]) for lab in labels}
        far = max(labels, key=lambda lab: tilt[lab])
        if tilt[far] >= max(MEASURED_MIN_TILT_DEG, TILTS_FURTHER * tilt[best]):
            notes.append(f"measured with {far!r}, which tilts {tilt[far]:.0f} deg from its "
                         f"usual posture, where {best!r} turns faster but tilts "
                         f"{tilt[best]:.0f} deg")
            return far
    alike = [lab for lab in labels if motion[lab] >= SIMILAR_MOTION * motion[best]]
    if len(alike) > 1:
        mismatch = {lab: rest_mismatch_deg(rec.sensors[lab]) for lab in alike}
        steadiest = min(alike, key=lambda lab: mismatch[lab])
        if mismatch[best] - mismatch[steadiest] > STEADIER_BY_DEG:
            notes.append(f"measured with {steadiest!r}, which moves about as much as "
                         f"{best!r} and agrees better with gravity at rest")
            best = steadiest
    return best


def choose_sensors(rec: ImuRecording, ex: Exercise | None, side: str | None,
                   checks: SensorChecks | None = None
                   ) -> tuple[str, str | None, dict[str, str], list[str]]:
    """Pick the primary (and secondary) sensor label; returns (primary, secondary, used, notes).

    ``checks``: the sensors' consistency checks, if made on the recording before samples
    beyond any sensor's range were left out (a gyroscope in deg/s has many such samples,
    and they are what shows its units)."""
    notes: list[str] = []
    labels = list(rec.sensors)
    placed = {lab: _segment_of(rec.placements[lab]) for lab in labels if lab in rec.placements}
    sides = {s for s, _ in placed.values() if s is not None}
    if side is None and len(sides) > 1:
        energy = {s: sum(_motion(rec.sensors[lab]) for lab, (ls, _) in placed.items()
                         if ls == s) for s in sides}
        side = max(energy, key=lambda s: energy[s])
        notes.append(f"sensors on both legs and no side given: analysed the {side} leg, "
                     "which moves most")
    candidates = {lab: seg for lab, (s, seg) in placed.items()
                  if s is None or side is None or s == side}
    checks = checks or SensorChecks(rec)
    if ex is None:
        pool = [lab for lab in labels if lab in candidates] or labels
        pool = [lab for lab in pool if candidates.get(lab) != "pelvis"] or pool
        trusted = [lab for lab in pool if checks.trusted(lab)]
        if trusted:
            notes.extend(checks.left_out(lab) for lab in pool if lab not in trusted)
        primary = _measured_sensor(rec, trusted or pool, notes)
        checks.refuse_if_certain(primary)
        if (doubt := checks.doubt(primary)) is not None:
            notes.append(doubt)
        used = {primary: rec.placements.get(primary, "unknown")}
        # The other segment of the same leg times the start of a movement it takes part in
        # (monitor.signal.leg_onset); it is not calibrated and gives no angle.
        p_side, p_seg = placed.get(primary, (None, None))
        for lab in trusted:
            if (p_seg in ("thigh", "shank") and placed.get(lab, (None, None))[0] == p_side
                    and placed[lab][1] in ("thigh", "shank") and placed[lab][1] != p_seg):
                used[lab] = rec.placements[lab]
                break
        return primary, None, used, notes
    if not placed:
        if len(labels) == 1:
            candidates = {labels[0]: ex.primary}
            notes.append(f"no placement given: sensor {labels[0]!r} taken to be on the "
                         f"{ex.primary}")
        else:
            raise ConfigurationError(Message(
                "the sensors have no placements; give them in a sidecar or with "
                "--placement LABEL=PLACEMENT (one of {known})",
                known=", ".join(sorted(PLACEMENTS))))
    by_segment: dict[str, str] = {}
    for lab, seg in candidates.items():
        by_segment.setdefault(seg, lab)
    seg_primary = ex.primary if ex.primary in by_segment else ex.alternative_primary
    alt = ex.alternative_primary
    if (seg_primary == ex.primary and alt in by_segment
            and not checks.trusted(by_segment[ex.primary])
            and checks.trusted(by_segment[alt])):
        notes.append(checks.left_out(by_segment[ex.primary])
                     + f"; measured with the {alt} sensor instead")
        seg_primary = alt
    if seg_primary not in by_segment:
        need = " or ".join(dict.fromkeys([ex.primary, ex.alternative_primary or ex.primary]))
        raise ConfigurationError(
            f"{ex.display_name()} needs a sensor on the {need}; this recording has "
            + (", ".join(f"{lab}={rec.placements.get(lab, '?')}" for lab in labels)))
    primary = by_segment[seg_primary]
    checks.refuse_if_certain(primary)
    if (doubt := checks.doubt(primary)) is not None:
        notes.append(doubt)
    other = "shank" if seg_primary == "thigh" else "thigh"
    secondary = by_segment.get(other)
    if secondary and not checks.trusted(secondary):
        if not any(n.startswith(f"sensor {secondary!r} not used") for n in notes):
            notes.append(checks.left_out(secondary))
        secondary = None
    elif secondary and (doubt := checks.doubt(secondary)) is not None:
        notes.append(doubt)
    used = {primary: rec.placements.get(primary, seg_primary)}
    if secondary:
        used[secondary] = rec.placements.get(secondary, other)
    return primary, secondary, used, notes


def self_calibrate(rec: ImuRecording, ex: Exercise | None, labels: dict[str, str],
                   notes: list[str] | None = None, variant: str | None = None,
                   ways: list[str] | None = None) -> dict[str, Mounting]:
    """Mountings from the recording: start-posture stillness + the first repetitions.

    Without an exercise, only the movement axis and the rest posture (angle 0) are learned,
    with the largest early excursion taken as positive. With thigh and lower leg measured,
    an exercise done in another way (``variant``; by default the one their movement fits,
    see :func:`way_of_doing`) gives each segment's direction and start posture; the way
    taken is appended to ``ways``, if given.
    """
    if ex is None:
        change = dict.fromkeys(labels.values(), 1.0)
        start = dict.fromkeys(labels.values(), 0.0)
    else:
        change = expected_segment_change(ex, variant)
        start = start_segment_angles(ex, variant)
    oris = {}
    for label, segment in labels.items():
        if ex is not None and (abs(change.get(segment, 0.0)) < MIN_EXPECTED_SEGMENT_MOVE_DEG
                               or segment not in ex.angle_segments):
            continue          # still in this exercise, or not part of its angle: not needed
        batch = rec.sensors[label]
        rate = batch.nominal_rate_hz()
        n = min(len(batch), int(CALIBRATION_WINDOW_S * rate))
        oris[label] = OrientationTracker(rate).update(batch.time_s[:n], batch.acc_m_s2[:n],
                                                      batch.gyr_rad_s[:n])
    knee = None
    if ex is not None and ex.plane == "sagittal" and oris:
        knee = knee_axes({lab: labels[lab] for lab in oris},
                         {lab: o.gyr_rad_s for lab, o in oris.items()},
                         {lab: o.time_s for lab, o in oris.items()})
    own_axes = {}
    for label, ori in oris.items():
        own = principal_axis(ori.gyr_rad_s, SLOW_MOVING_RATE_RAD_S,
                             rec.sensors[label].nominal_rate_hz())
        if own is not None:
            own_axes[label] = own.axis
    joint_axes = usable_knee_axes(knee, labels, own_axes)
    supported = _supported_segment_motion(rec, ex, labels, oris, own_axes)
    if supported is not None:
        joint_axes[supported.moving] = supported.axis
    out: dict[str, Mounting] = {}
    for label, ori in oris.items():
        segment = labels[label]
        rate = rec.sensors[label].nominal_rate_hz()
        axis = joint_axes.get(label)
        source = "self-calibrated" if axis is None else "self-calibrated (knee axis)"
        m = calibrate_sensor(ori.up, ori.gyr_rad_s, rate, int(np.sign(change[segment])),
                             start[segment], axis=axis, source=source,
                             small_movement=abs(change[segment]) < SMALL_SEGMENT_MOVE_DEG,
                             allow_vertical=ex is None, quat=ori.quat)
        if m is not None:
            out[label] = m
    if ex is not None and ex.fixed_pivot and out:
        out = _start_posture_from_pivot(rec, ex, labels, oris, out, change, start, joint_axes,
                                        notes if notes is not None else [])
    # The start posture is the stillness right before the first repetition (found on the
    # segment that moves most). A recording that begins part-way into it (a pause, then the
    # last bit of the way) would otherwise measure every angle, and find the direction of
    # the movement, from that pause.
    if out:
        lead = max(out, key=lambda lab: abs(change[labels[lab]]))
        lead_reps = _reps_of(out[lead], oris[lead], rec.sensors[lead].nominal_rate_hz(),
                             change[labels[lead]], start[labels[lead]])
        for label in list(out) if lead_reps else []:
            ori, segment = oris[label], labels[label]
            rate = rec.sensors[label].nominal_rate_hz()
            down = _still_before(ori, lead_reps[0].start_s, rate)
            if down is None or np.degrees(np.arccos(np.clip(
                    down @ rest_down(ori.up, ori.gyr_rad_s, rate), -1, 1))) \
                    <= POSTURE_RECHECK_DEG:
                continue
            m = calibrate_sensor(ori.up, ori.gyr_rad_s, rate, int(np.sign(change[segment])),
                                 start[segment], axis=joint_axes.get(label),
                                 source=out[label].source,
                                 small_movement=abs(change[segment]) < SMALL_SEGMENT_MOVE_DEG,
                                 down_ref=down, allow_vertical=ex is None, quat=ori.quat)
            if m is not None:
                out[label] = m
        # A segment that moves little (the shank tilts back by 10 deg in a step-up) takes its
        # direction from its largest excursion in the first half minute, which a shift of
        # position can exceed. Where the segment that moves most shows repetitions, the way
        # this one turns during them tells the direction better.
        for label in list(out) if len(lead_reps) >= MIN_DIRECTION_REPS else []:
            segment = labels[label]
            if label == lead or not change[segment]:
                continue
            angle = out[label].segment_angle_deg(oris[label].up)
            t = oris[label].time_s
            turn = np.median([np.interp(r.peak_s, t, angle) - np.interp(r.start_s, t, angle)
                              for r in lead_reps])
            if abs(turn) >= MIN_DIRECTION_TURN_DEG and np.sign(turn) != np.sign(change[segment]):
                out[label] = reversed_direction(out[label], start[segment])
    if ex is not None and variant is None and {"thigh", "shank"} <= {labels[lab] for lab in out}:
        # How far each segment goes from its start posture (the direction does not matter).
        size = {}
        for label, m in out.items():
            angle = m.segment_angle_deg(oris[label].up)
            size[labels[label]] = float(np.percentile(np.abs(angle - start[labels[label]]),
                                                      98))
        found = way_of_doing(ex, size)
        if found is not None:
            if notes is not None:
                notes.append(f"thigh and lower leg move as in the '{found}' way of doing "
                             f"{ex.display_name()} (thigh {size['thigh']:.0f} deg, lower leg "
                             f"{size['shank']:.0f} deg): their directions are taken from it")
            if ways is not None:
                ways.append(found)
            return self_calibrate(rec, ex, labels, notes, found)
    return out


def _start_posture_from_pivot(rec: ImuRecording, ex: Exercise, labels: dict[str, str],
                              oris: dict, out: dict[str, Mounting], change: dict[str, float],
                              start: dict[str, float], joint_axes: dict, notes: list[str]
                              ) -> dict[str, Mounting]:
    """A recording that begins at the turn of a repetition (the leg held out) would take
    that hold for the start posture: every angle inverted. Where the measured segment
    turns about a joint that stays put, the movement itself shows which way the segment
    points from the joint (:func:`calibration.selfcal.lever_arm`): if that contradicts the
    start posture assumed and agrees with a rest at the other end of the movement, that
    rest is the start posture."""
    lead = max(out, key=lambda lab: abs(change[labels[lab]]))
    m, ori = out[lead], oris[lead]
    acc = rec.sensors[lead].acc_m_s2[:len(ori.time_s)]
    r = lever_arm(ori.time_s, acc, ori.up, ori.gyr_rad_s, m.axis)
    if r is None:
        return out
    r = r / np.linalg.norm(r)

    def off_deg(mounting: Mounting) -> float:
        return float(np.degrees(np.arccos(np.clip(r @ mounting.distal, -1.0, 1.0))))

    off_assumed = off_deg(m)
    if off_assumed <= PIVOT_AGREES_DEG:
        return out
    seg = labels[lead]
    x = np.sign(change[seg] or 1.0) * (m.segment_angle_deg(ori.up) - start[seg])
    rate = rec.sensors[lead].nominal_rate_hz()
    still = rownorm(ori.gyr_rad_s) < STILL_RATE_RAD_S
    if not still.any() or x[still].max() < PIVOT_MIN_RANGE_DEG:
        return out
    far = still & (x >= PIVOT_FAR_SHARE * x[still].max())
    if far.sum() < POSTURE_MIN_STILL_S * rate:
        return out
    times = ori.time_s[far]
    other: dict[str, Mounting] = {}
    for label in out:
        o, seg_l = oris[label], labels[label]
        idx = np.clip(np.searchsorted(o.time_s, times), 0, len(o.time_s) - 1)
        down = -o.up[idx].mean(axis=0)
        down /= np.linalg.norm(down)
        mb = calibrate_sensor(o.up, o.gyr_rad_s, rec.sensors[label].nominal_rate_hz(),
                              int(np.sign(change[seg_l])), start[seg_l],
                              axis=joint_axes.get(label), source=out[label].source,
                              small_movement=abs(change[seg_l]) < SMALL_SEGMENT_MOVE_DEG,
                              down_ref=down)
        if mb is None:
            return out
        other[label] = mb
    off_other = off_deg(other[lead])
    if off_other > PIVOT_AGREES_DEG or off_other > off_assumed - PIVOT_BETTER_DEG:
        return out
    notes.append("the recording starts part-way through a repetition: the start posture "
                 "is taken where the leg rests at the other end of the movement (the "
                 "movement shows which end is which)")
    return other


@dataclass
class _SupportedMotion:
    label: str                 # the supported segment's sensor (the thigh on the chair)
    moving: str                # the other segment's sensor
    axis: np.ndarray           # knee axis in the moving sensor's frame


def _supported_segment_motion(rec: ImuRecording, ex: Exercise | None, labels: dict[str, str],
                              oris: dict, own_axes: dict) -> _SupportedMotion | None:
    """Where a segment rests on a support and moves a little all the same (a thigh lifting
    or rolling on the chair): the other segment's knee axis without the tilt that movement
    gives its own main axis (see calibration.hinge.shank_axis_with_moving_thigh). The
    supported segment itself is measured by the pipeline (monitor.signal.supported): the
    relative heading found here pins its knee axis down only where it lifts, not where it
    rolls (a heading error turns a roll's axis along the knee axis, which the fit cannot
    see: 14 deg off for a 12-deg roll in a simulated set)."""
    seg = ex.start_posture.supported if ex is not None and ex.plane == "sagittal" else None
    sup = next((lab for lab, s in labels.items() if s == seg and lab not in oris), None)
    moving = [lab for lab in oris if labels[lab] != seg and lab in own_axes]
    if sup is None or seg != "thigh" or len(moving) != 1:
        return None
    batch = rec.sensors[sup]
    rate = batch.nominal_rate_hz()
    n = min(len(batch), int(CALIBRATION_WINDOW_S * rate))
    ori = OrientationTracker(rate).update(batch.time_s[:n], batch.acc_m_s2[:n],
                                          batch.gyr_rad_s[:n])
    turned = principal_axis(ori.gyr_rad_s, SLOW_MOVING_RATE_RAD_S, rate)
    if turned is None or np.degrees(turned.rotation_rad / rate) < SUPPORTED_MIN_TURN_DEG:
        return None
    lab = moving[0]
    found = shank_axis_with_moving_thigh(ori.time_s, ori.quat, ori.gyr_rad_s, oris[lab].time_s,
                                         oris[lab].quat, oris[lab].gyr_rad_s)
    if found is None:
        return None
    axis = oriented_like(found[0], own_axes[lab])
    if np.degrees(np.arccos(np.clip(axis @ own_axes[lab], -1.0, 1.0))) > AGREEMENT_DEG:
        return None
    return _SupportedMotion(sup, lab, axis)


def _reps_of(m: Mounting, ori: OrientationOutput, rate: float, change: float, start_deg: float
             ) -> list[RepCompleted]:
    """Repetitions of this segment's provisionally calibrated angle."""
    if m.whole_rotation:
        x = RestRotation(rate, -m.distal).update(ori.quat, ori.up, ori.gyr_rad_s)
    elif m.about_vertical:
        x = np.sign(change or 1.0) * np.unwrap(m.turn_deg(ori.quat, ori.quat[0]), period=360.0)
    else:
        x = np.sign(change or 1.0) * (m.segment_angle_deg(ori.up) - start_deg)
    detector = RepDetector(rate)
    detector.feed(ori.time_s, x)
    return detector.reps


def _still_before(ori: OrientationOutput, t0: float, rate: float) -> np.ndarray | None:
    """Gravity direction (down, sensor frame) in the stillness just before ``t0``."""
    end = int(np.searchsorted(ori.time_s, t0))
    still = np.linalg.norm(ori.gyr_rad_s[:end], axis=1) < STILL_RATE_RAD_S
    k = end
    while k > 0 and still[k - 1] and end - k < int(2.0 * rate):
        k -= 1
    if end - k < int(POSTURE_MIN_STILL_S * rate) or end - k < 2:
        return None
    down = -ori.up[k:end].mean(axis=0)
    return down / np.linalg.norm(down)


def run_pipeline(rec: ImuRecording, pipeline: Pipeline, labels: list[str]) -> None:
    # Secondary first so the primary never waits; results do not depend on the order.
    for label in sorted(labels, key=lambda lab: lab == pipeline.primary_label):
        b = rec.sensors[label]
        pipeline.feed(label, b.time_s, b.acc_m_s2, b.gyr_rad_s)
    pipeline.finish()


def analyze_recording(rec: ImuRecording, exercise_id: str | None = None,
                      use_sidecar_exercise: bool = True, side: str | None = None,
                      mountings: dict[str, Mounting] | None = None,
                      keep_series: bool = False) -> AnalysisResult:
    """Analyse a recording. ``exercise_id`` 'none' counts any movement (no catalogue)."""
    if exercise_id is None and use_sidecar_exercise:
        exercise_id = rec.exercise
    ex = None if exercise_id in (None, "none") else get_exercise(exercise_id)
    if ex is not None and ex.counts_any_movement:
        ex = None
    checks = SensorChecks(rec)
    rec, impossible = without_impossible_samples(rec)
    named = placements_from_labels(rec)
    # A sensor most of whose samples no sensor can measure sends garbage or other units:
    # left out where the others suffice, else the recording is refused.
    garbage = [lab for lab, n in impossible.items() if n > len(rec.sensors[lab])]
    why = ("most samples are beyond any sensor's range (32 g, 4000 deg/s) or show no "
           "gravity at all: not m/s^2 and rad/s?")
    if garbage:
        rest = replace(rec, sensors={k: b for k, b in rec.sensors.items() if k not in garbage},
                       placements={k: p for k, p in rec.placements.items() if k not in garbage})
        try:
            if not rest.sensors:
                raise ConfigurationError("no sensor left")
            selected = choose_sensors(rest, ex, side or rec.side, checks)
        except ConfigurationError:
            raise InputFileError(rec.source or "recording", "sensor "
                                 + ", ".join(map(repr, garbage)) + f": {why}") from None
        rec = rest
        selected[3].extend(f"sensor {lab!r} not used: {why}" for lab in garbage)
    else:
        selected = choose_sensors(rec, ex, side or rec.side, checks)
    primary, _secondary, used, notes = selected
    notes += coverage_notes(rec, list(used))
    if named:
        notes.insert(0, "placements taken from the sensor labels: " + ", ".join(named))
    for label, n in impossible.items():
        if label in used:
            notes.append(f"sensor {label!r}: {n} sample(s) with impossible readings (beyond "
                         "any sensor's range, or no gravity at all) were left out")
    segs = {lab: _segment_of(p)[1] for lab, p in used.items()}
    ways: list[str] = []
    way_known = mountings is None            # self-calibrated: thigh and lower leg compared
    if mountings is None:
        # Without an exercise only the primary sensor gives an angle.
        mountings = self_calibrate(rec, ex, segs if ex is not None else
                                   {primary: segs[primary]}, notes, ways=ways)
        if ex is not None and primary not in mountings:
            notes.append("the recording does not show enough movement to calibrate the "
                         f"{segs[primary]} sensor: angles are uncalibrated")
    rates = {lab: rec.sensors[lab].nominal_rate_hz() for lab in used}
    keep_series = keep_series or (ex is not None and ex.kind == "range_test")
    # Any movement is counted on its turn or on the body's rise as the pipeline finds at
    # its first repetition, as live (Pipeline._choose_count).
    pipe = Pipeline(segs, rates, ex, primary, mountings, keep_series=keep_series,
                    variant=ways[-1] if ways else None, way_known=way_known)
    run_pipeline(rec, pipe, list(used))
    reps = pipe.events
    if pipe.on_rise and pipe.rise_stats:
        rise_cm, tilt = np.median(np.array(pipe.rise_stats), axis=0)
        notes.append(f"counted on the vertical movement of {primary!r}: it rose by "
                     f"{rise_cm:.1f} cm (median) in each repetition while it tilted by "
                     f"{tilt:.1f} deg (the body rose, as in a heel raise)")
    test_result = None
    if ex is not None:
        reps = flag_against_targets(reps, ex, None, pipe.model.calibrated)
        test_result = protocol_result(ex, rec, reps, pipe)
    st, sd = pipe.angle_series() if keep_series else (None, None)
    return AnalysisResult(
        exercise=ex, angle_name=pipe.model.name, reps=reps, duration_s=rec.duration_s,
        sample_rate_hz=rates[primary], sensors_used=used, notes=notes,
        assumption=pipe.model.assumption, calibrated=pipe.model.calibrated,
        test_result=test_result, series_t=st, series_deg=sd)


def protocol_result(ex: Exercise, rec: ImuRecording, reps: list[RepCompleted],
                    pipe: Pipeline, start_s: float | None = None) -> dict | None:
    """A measurement protocol's result. The walking tests (40 m walk, stair climb) and the
    Timed Up and Go come from the raw recording's gait events (monitor.signal.gait: steps,
    turns, the TUG's phases); the chair tests and the range test from the repetitions
    (:func:`timed_result`). A TUG the gait events cannot time (no walking found) falls back
    to the time from the first movement to the end of the last repetition, and says so."""
    if ex.kind not in ("walk", "stairs") and ex.id != "timed_up_and_go":
        return timed_result(ex, reps, pipe, start_s)
    load("scipy.signal")  # here: about a second; one import at a time (monitor.core.lazy)
    from monitor.signal import gait

    if ex.kind == "walk":
        return {**gait.walk_test(rec), "timed_from": "first_movement"}
    if ex.kind == "stairs":
        return {**gait.stair_climb(rec), "timed_from": "first_movement"}
    result = gait.tug(rec)
    if result.get("time_s") is None:
        fallback = timed_result(ex, reps, pipe, start_s) or {}
        if fallback.get("time_s") is not None:
            result = {**result, "time_s": fallback["time_s"],
                      "notes": [*result.get("notes", []),
                                "timed from the rise to the sit by the knee angle; "
                                "the phases need walking in the recording"]}
    return {**result, "timed_from": "first_movement"}


def timed_result(ex: Exercise, reps: list[RepCompleted], pipe: Pipeline,
                 start_s: float | None = None) -> dict | None:
    """Result of a timed measurement protocol, from the repetitions and the angle series.

    ``start_s`` is the therapist's "go" when given (a manual start); otherwise the test
    starts where the first repetition starts (the sensors' start).

    - 30-s chair stand (Rikli & Jones 1999): the stands reached within the time limit, and
      one more that is more than halfway up when the time is up. Halfway is judged on the
      time of the rise: a smooth (minimum-jerk) rise is halfway up exactly halfway through
      its time, so a rise more than half done at 30 s counts. Each stand's time (from the
      start to full standing) is listed.
    - Five times sit to stand: from the start to the fifth full stand (Guralnik 1994).
    - Range test: the most flexion and the most extension reached.
    """
    if ex.kind == "count_in_time":
        assert ex.time_limit_s is not None         # the catalogue gives a timed test one
        if not reps:
            return {"count": 0, "time_limit_s": ex.time_limit_s, "stand_times_s": []}
        t0 = reps[0].start_s if start_s is None else start_s
        t_end = t0 + ex.time_limit_s
        stood = [_stood_s(r) for r in reps]
        n = sum(t <= t_end for t in stood)
        halfway = next((r for r, t in zip(reps, stood, strict=True)
                        if r.start_s < t_end < t), None)
        counted_halfway = halfway is not None and \
            (t_end - halfway.start_s) / max(1e-6, _stood_s(halfway) - halfway.start_s) > 0.5
        return {"count": n + int(counted_halfway), "time_limit_s": ex.time_limit_s,
                "start_s": round(t0, 3), "last_counted_halfway": counted_halfway,
                "stand_times_s": [round(t - t0, 2) for t in stood if t <= t_end]}
    if ex.kind == "time_for_count":
        assert ex.count is not None                # the catalogue gives the count
        if len(reps) < ex.count:
            return {"completed": False, "count": len(reps), "time_s": None}
        t0 = reps[0].start_s if start_s is None else start_s
        end = _stood_s(reps[ex.count - 1])
        return {"completed": True, "count": ex.count, "time_s": round(end - t0, 3),
                "start_s": round(t0, 3),
                "stand_times_s": [round(_stood_s(r) - t0, 2) for r in reps[:ex.count]]}
    if ex.kind == "duration":
        if not reps:
            return {"time_s": None}
        t0 = reps[0].start_s if start_s is None else start_s
        return {"time_s": round(reps[-1].end_s - t0, 3), "start_s": round(t0, 3)}
    if ex.kind == "range_test":
        _t, deg = pipe.angle_series()
        if len(deg) == 0:
            return None
        return {"max_deg": round(float(np.max(deg)), 2), "min_deg": round(float(np.min(deg)), 2),
                "flexion_deg": round(float(np.max(deg)), 2),
                "extension_deg": round(float(np.min(deg)), 2)}
    return None


def _stood_s(r: RepCompleted) -> float:
    """When a sit-to-stand repetition reached full standing: the end of its first phase."""
    return r.peak_s - r.hold_s / 2.0
