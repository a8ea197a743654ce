"""What the catalogue says about how an exercise moves the leg.

Each exercise's record gives its joint angles from the start posture (phase 0) to the
turning point (phase 1), as [start, turn] or as key frames [[phase, value], ...], and may
give other ways of doing it (``variants``: the trailing leg of a lunge). From these follow
each segment's angle along the movement: how far and which way it turns, where it starts.
"""

from __future__ import annotations

import numpy as np

from monitor.core.exercises import Exercise


def _segment_paths(ex: Exercise, variant: str | None = None) -> dict[str, np.ndarray]:
    """Each segment's angle along the movement (phase 0 = start posture .. 1 = turning
    point), from the catalogue's kinematics (a joint angle as [start, turn] or as key frames
    [[phase, value], ...]) of the exercise or one of its ways of doing it (``variant``)."""
    sim = dict(ex.sim)
    if variant is not None:
        sim.update(sim.get("variants", {})[variant])
    u = np.linspace(0.0, 1.0, 101)

    def along(name: str) -> np.ndarray:
        spec = sim.get(name, [0, 0])
        if np.ndim(spec) == 1:
            return spec[0] + u * (spec[1] - spec[0])
        keys = np.asarray(spec, dtype=float)
        return np.interp(u, keys[:, 0], keys[:, 1])

    if ex.plane == "frontal":
        abd = along("hip_abduction")
        return {"thigh": abd, "shank": abd}
    hip = along("hip_flexion")
    return {"thigh": hip, "shank": hip - along("knee_flexion")}


def expected_segment_change(ex: Exercise, variant: str | None = None) -> dict[str, float]:
    """How much each segment angle changes from the start posture to the turning point."""
    return {seg: float(p[-1] - p[0]) for seg, p in _segment_paths(ex, variant).items()}


def start_segment_angles(ex: Exercise, variant: str | None = None) -> dict[str, float]:
    """Each segment's angle in the start posture (of a way of doing the exercise)."""
    if variant is None:
        return {"thigh": ex.start_posture.thigh_deg, "shank": ex.start_posture.shank_deg}
    base = _segment_paths(ex)
    return {seg: float(ex.start_posture.thigh_deg if seg == "thigh"
                       else ex.start_posture.shank_deg) + float(p[0] - base[seg][0])
            for seg, p in _segment_paths(ex, variant).items()}


# Of the ways of doing an exercise (the leading or the trailing leg of a lunge), the one
# whose thigh and lower leg move in the proportion seen is taken (the direction of a
# segment that moves otherwise would be assumed wrong: the trailing thigh of a lunge goes
# back while the leading one goes forward). Taken only where the proportion differs from
# the exercise's own by more than this factor.
VARIANT_RATIO = 2.0


def way_of_doing(ex: Exercise, excursions: dict[str, float]) -> str | None:
    """The variant of ``ex`` whose segments' largest excursions (thigh : lower leg) fit
    the ones measured (deg), or None for the exercise as catalogued."""
    variants = ex.sim.get("variants", {})
    if not variants or excursions.get("thigh", 0.0) <= 0 or excursions.get("shank", 0.0) <= 0:
        return None
    seen = np.log(excursions["thigh"] / excursions["shank"])

    def misfit(variant: str | None) -> float:
        paths = _segment_paths(ex, variant)
        size = {seg: max(float(np.abs(p - p[0]).max()), 1.0) for seg, p in paths.items()}
        return abs(seen - np.log(size["thigh"] / size["shank"]))

    best = min(variants, key=misfit)
    if misfit(None) - misfit(best) < np.log(VARIANT_RATIO):
        return None
    return best
