"""Guided calibration: check the still pose, learn each sensor's mounting from a few slow
movements, score the result, and say what to do when the data cannot support it.

Steps the therapist follows (the UI animates them):
1. "Put the leg in the start posture and hold still" (2 s): gravity direction per sensor.
2. "Bend and stretch slowly three times": the movement axis per sensor
   (see :mod:`calibration.selfcal`).
The report carries a quality score (0..1) per sensor and overall, plain-language guidance,
and a refusal when a sensor moved during the pose, barely moved during the movement, or
moved in a way that is not a hinge-like bend (axis not well defined). Placement mistakes are
caught too: a thigh and shank sensor swapped (each moves as the other segment should), or a
stored calibration that does not fit the sensor as it sits now (another patient, re-strapped).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from calibration.hinge import JointAxes, knee_axes, usable_knee_axes
from calibration.mounting import Mounting
from calibration.quality import unit_problem
from calibration.selfcal import (
    MIN_ROTATION_RAD,
    SLOW_MOVING_RATE_RAD_S,
    calibrate_sensor,
    principal_axis,
    rest_down,
)
from monitor.core.messages import Message
from monitor.core.samples import ImuBatch

POSE_STILL_RAD_S = 0.12          # faster than this anywhere in the pose: not still
POSE_MIN_S = 1.0
MIN_AXIS_QUALITY = 0.75          # share of rotation about the main axis for a clean bend
FIT_TOLERANCE_DEG = 15.0         # a stored mounting must predict gravity within this


@dataclass
class SensorCalibration:
    label: str
    segment: str
    mounting: Mounting | None
    quality: float
    problems: list[str] = field(default_factory=list)


@dataclass
class CalibrationReport:
    sensors: dict[str, SensorCalibration]
    guidance: list[str]
    accepted: bool
    # The knee axis from both sensors, when the movement pinned it down (else None).
    knee_axis: JointAxes | None = None

    @property
    def quality(self) -> float:
        q = [s.quality for s in self.sensors.values() if s.mounting is not None]
        return float(min(q)) if q else 0.0

    def mountings(self) -> dict[str, Mounting]:
        return {k: s.mounting for k, s in self.sensors.items() if s.mounting is not None}


def pose_stillness(gyr: np.ndarray, rate_hz: float, pose_s: float = 2.0) -> tuple[bool, float]:
    """Was the sensor still during the first ``pose_s`` seconds? (ok, peak rate in deg/s)."""
    n = max(1, min(len(gyr), int(pose_s * rate_hz)))
    peak = float(np.degrees(np.linalg.norm(gyr[:n], axis=1).max()))
    return peak < np.degrees(POSE_STILL_RAD_S) and n >= POSE_MIN_S * rate_hz, peak


def calibrate(segments: dict[str, str], ups: dict[str, np.ndarray],
              gyrs: dict[str, np.ndarray], rate_hz: dict[str, float],
              expected_change: dict[str, float], start_deg: dict[str, float],
              pose_s: float = 2.0, times: dict[str, np.ndarray] | None = None,
              plane: str = "sagittal",
              movement_tip: str = "Bend and stretch the joint slowly three times.",
              accs: dict[str, np.ndarray] | None = None) -> CalibrationReport:
    """Calibrate the sensors of one leg from a recording of pose + movement.

    ``segments``: label -> "thigh" | "shank"; ``ups`` / ``gyrs``: orientation output per
    sensor (earth-up in the sensor frame, bias-corrected angular rate); ``expected_change``:
    how far each segment angle moves in the exercise (deg, signed); ``start_deg``: each
    segment's angle in the start posture. With sample ``times`` for a thigh and a shank
    sensor and a sagittal exercise, the knee axis is also estimated from both together
    (:mod:`calibration.hinge`) and used where the movement determines it. With the raw
    accelerometer readings (``accs``), a sensor whose readings are implausible (a driver
    with the wrong range or units, a faulty sensor) is refused and named.
    """
    out: dict[str, SensorCalibration] = {}
    guidance: list[str] = []
    moved: dict[str, float] = {}
    knee = knee_axes(segments, gyrs, times, plane)
    ests = {label: principal_axis(gyrs[label], SLOW_MOVING_RATE_RAD_S, rate_hz[label])
            for label in segments}
    # A knee axis pinned down by both sensors makes a clean single-axis bend unnecessary
    # (if it agrees with the segments' own axes: see usable_knee_axes).
    joint = usable_knee_axes(knee, segments, {
        lab: e.axis for lab, e in ests.items()
        if e is not None and abs(expected_change.get(segments[lab], 0.0)) >= 3.0})
    hinge_ok = bool(joint)
    knee_fit = 0.0 if knee is None else 1.0 - knee.residual      # used where hinge_ok
    for label, seg in segments.items():
        up, gyr, rate = ups[label], gyrs[label], rate_hz[label]
        problems: list[str] = []
        still, peak = pose_stillness(gyr, rate, pose_s)
        if not still:
            problems.append(Message("the {segment} moved during the still pose ({rate} deg/s)",
                                    segment=seg, rate=f"{peak:.0f}"))
        est = ests[label]
        rotation = 0.0 if est is None else est.rotation_rad / rate
        moved[label] = float(np.degrees(rotation))
        expect = expected_change.get(seg, 0.0)
        mounting = None
        quality = 0.0
        implausible = (unit_problem(accs[label], gyr, rate)
                       if accs is not None and label in accs else None)
        if implausible is not None:
            problems.append(Message("the {segment} sensor's readings are implausible "
                                    "({detail}): check the sensor", segment=seg,
                                    detail=implausible[1]))
        elif abs(expect) < 3.0:
            # The exercise keeps this segment still: its posture is assumed, not measured.
            quality = 1.0 if still else 0.3
        elif est is None or rotation < MIN_ROTATION_RAD:
            problems.append(Message("the {segment} barely moved ({deg} deg of rotation in "
                                    "all)", segment=seg, deg=f"{np.degrees(rotation):.0f}"))
        elif est.quality < MIN_AXIS_QUALITY and not hinge_ok:
            problems.append(Message("the {segment} did not move as a clean bend and stretch "
                                    "(only {share} about one axis)", segment=seg,
                                    share=f"{est.quality:.0%}"))
        else:
            axis = joint.get(label)
            source = "self-calibrated" if axis is None else "self-calibrated (knee axis)"
            mounting = calibrate_sensor(up, gyr, rate, int(np.sign(expect)), start_deg[seg],
                                        axis=axis, source=source)
            if mounting is not None:
                pose_factor = 1.0 if still else 0.4
                amount = min(1.0, rotation / (3 * MIN_ROTATION_RAD))
                axis_quality = knee_fit if hinge_ok else est.quality
                quality = float(np.clip((axis_quality - 0.5) / 0.5, 0, 1) * pose_factor
                                * (0.5 + 0.5 * amount))
        out[label] = SensorCalibration(label, seg, mounting, quality, problems)

    # Swapped placements: the sensor said to be on the segment that should move most is the
    # one that moves least, and the other way round.
    by_seg = {s.segment: s.label for s in out.values()}
    if {"thigh", "shank"} <= set(by_seg):
        th, sh = by_seg["thigh"], by_seg["shank"]
        exp_th = abs(expected_change.get("thigh", 0.0))
        exp_sh = abs(expected_change.get("shank", 0.0))
        if abs(exp_th - exp_sh) > 20 and (moved[th] - moved[sh]) * (exp_th - exp_sh) < 0 \
                and max(moved[th], moved[sh]) > 2 * min(moved[th], moved[sh]) + 20:
            msg = Message("the thigh and shank sensors seem swapped: the one on the "
                          "{segment} moves most; check the placements",
                          segment="thigh" if exp_th < exp_sh else "shank")
            for s in out.values():
                s.problems.append(msg)
                s.mounting = None
                s.quality = 0.0

    if knee is not None and not knee.one_knee:
        msg = Message("the thigh and shank sensors do not turn like the two sides of one "
                      "knee; check that both are on the same leg")
        for s in out.values():
            s.problems.append(msg)

    for s in out.values():
        for p in s.problems:
            if "still pose" in p:
                tip = Message("Hold the leg still in the start posture for 2 seconds.")
            elif "barely moved" in p:
                tip = Message(movement_tip)
            elif "clean bend" in p:
                tip = Message("Bend and stretch slowly in one plane, without twisting the "
                              "leg; check that the strap is tight.")
            else:
                tip = p.capitalized() if isinstance(p, Message) else Message(
                    p[0].upper() + p[1:] + ".")
            if tip not in guidance:
                guidance.append(tip)
    accepted = all(not s.problems for s in out.values()) and any(
        s.mounting is not None for s in out.values())
    if accepted and hinge_ok:
        guidance.append(Message("Knee axis found from the thigh and shank sensors together "
                                "(fit {fit}).", fit=f"{knee_fit:.0%}"))
    if accepted:
        guidance.append(Message("Calibration is good.") if min(
            s.quality for s in out.values()) >= 0.6 else
            Message("Calibration is usable; a slower, larger movement would make it better."))
    return CalibrationReport(out, guidance, accepted, knee)


def calibrate_any_movement(segments: dict[str, str], ups: dict[str, np.ndarray],
                           gyrs: dict[str, np.ndarray], rate_hz: dict[str, float],
                           pose_s: float = 2.0, accs: dict[str, np.ndarray] | None = None
                           ) -> CalibrationReport:
    """Calibration for an exercise that is not in the catalogue: the sensor that turned
    most during the movement is the one measured, its main axis the movement axis and the
    pose its rest posture (angle 0, the first movement positive). The other sensors are
    recorded, not measured. Refused, with advice, like :func:`calibrate`: a pose that was
    not still, too little movement, a movement that is not about one axis."""
    out: dict[str, SensorCalibration] = {}
    turned: dict[str, float] = {}
    for label, seg in segments.items():
        gyr, rate = gyrs[label], rate_hz[label]
        problems: list[str] = []
        implausible = (unit_problem(accs[label], gyr, rate)
                       if accs is not None and label in accs else None)
        if implausible is not None:
            problems.append(Message("the {segment} sensor's readings are implausible "
                                    "({detail}): check the sensor", segment=seg,
                                    detail=implausible[1]))
        else:
            est = principal_axis(gyr, SLOW_MOVING_RATE_RAD_S, rate)
            turned[label] = 0.0 if est is None else est.rotation_rad / rate
        out[label] = SensorCalibration(label, segments[label], None, 0.0, problems)
    guidance: list[str] = []
    if turned:
        label = max(turned, key=lambda lab: turned[lab])
        s = out[label]
        gyr, rate = gyrs[label], rate_hz[label]
        still, peak = pose_stillness(gyr, rate, pose_s)
        est = principal_axis(gyr, SLOW_MOVING_RATE_RAD_S, rate)
        if not still:
            s.problems.append(Message("the {segment} moved during the still pose ({rate} "
                                      "deg/s)", segment=s.segment, rate=f"{peak:.0f}"))
        elif est is None or turned[label] < MIN_ROTATION_RAD:
            s.problems.append(Message("the {segment} barely moved ({deg} deg of rotation in "
                                      "all)", segment=s.segment,
                                      deg=f"{np.degrees(turned[label]):.0f}"))
        elif est.quality < MIN_AXIS_QUALITY:
            s.problems.append(Message("the {segment} did not move as a clean bend and "
                                      "stretch (only {share} about one axis)",
                                      segment=s.segment, share=f"{est.quality:.0%}"))
        else:
            s.mounting = calibrate_sensor(ups[label], gyr, rate, 1, 0.0, allow_vertical=True)
            amount = min(1.0, turned[label] / (3 * MIN_ROTATION_RAD))
            s.quality = float(np.clip((est.quality - 0.5) / 0.5, 0, 1)
                              * (0.5 + 0.5 * amount)) if s.mounting is not None else 0.0
    for s in out.values():
        for p in s.problems:
            tip = (Message("Hold the leg still in the start posture for 2 seconds.")
                   if "still pose" in p else
                   Message("Do the exercise's movement slowly three times.")
                   if "barely moved" in p else
                   Message("Move slowly in one plane, without twisting the leg; check "
                           "that the strap is tight.") if "clean bend" in p else
                   p.capitalized() if isinstance(p, Message) else
                   Message(p[0].upper() + p[1:] + "."))
            if tip not in guidance:
                guidance.append(tip)
    measured = [s for s in out.values() if s.mounting is not None]
    accepted = bool(measured) and all(not s.problems for s in out.values())
    if accepted:
        guidance.append(Message("Measured with the {segment} sensor, which moved most.",
                                segment=measured[0].segment))
        guidance.append(Message("Calibration is good.") if measured[0].quality >= 0.6 else
                        Message("Calibration is usable; a slower, larger movement would "
                                "make it better."))
    return CalibrationReport(out, guidance, accepted)


def check_fit(mounting: Mounting, up_rest: np.ndarray, gyr_rest: np.ndarray, rate_hz: float,
              start_deg: float) -> tuple[bool, float]:
    """Does a stored mounting fit the sensor as it sits now? (ok, deviation in deg)

    In the start posture the mounting predicts the segment angle (``start_deg``); a sensor
    that was re-strapped, or a calibration of another patient, predicts something else.
    """
    down = rest_down(up_rest, gyr_rest, rate_hz)
    if mounting.whole_rotation:
        # Its rest posture is a direction of gravity in the sensor.
        deviation = float(np.degrees(np.arccos(np.clip(down @ mounting.distal, -1, 1))))
        return deviation <= FIT_TOLERANCE_DEG, deviation
    if mounting.about_vertical:
        # A turn about the vertical has no posture gravity could check; the axis must
        # still point along gravity.
        deviation = float(np.degrees(np.arccos(np.clip(abs(down @ mounting.axis), 0, 1))))
        return deviation <= FIT_TOLERANCE_DEG, deviation
    angle = float(mounting.segment_angle_deg(-down[None, :])[0])
    off_axis = float(np.degrees(np.arcsin(np.clip(abs(down @ mounting.axis), 0, 1))))
    deviation = max(abs((angle - start_deg + 180) % 360 - 180), off_axis)
    return deviation <= FIT_TOLERANCE_DEG, deviation


def still_tail(batch: ImuBatch, seconds: float) -> ImuBatch | None:
    """The last ``seconds`` of ``batch`` (an ImuBatch) if the sensor was still throughout
    them (angular rate below POSE_STILL_RAD_S), else None."""
    if len(batch) < 2:
        return None
    t = batch.time_s
    if t[-1] - t[0] < seconds:
        return None
    i0 = int(np.searchsorted(t, t[-1] - seconds, side="left"))
    if np.linalg.norm(batch.gyr_rad_s[i0:], axis=1).max() >= POSE_STILL_RAD_S:
        return None
    return batch.slice(i0, len(batch))
