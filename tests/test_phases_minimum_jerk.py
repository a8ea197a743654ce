"""Tempo phases on human-like movement.

Human point-to-point movements follow the minimum-jerk profile (Flash & Hogan 1985): slow
at both ends. A therapist with a stopwatch times a 2-s lift as 2 s and sees no hold where
the leg turns straight back. The phases found at 5 % of the peak speed alone were 12 %
short, and such a turn was reported as a hold of a quarter of a second.
"""

from __future__ import annotations

import numpy as np
import pytest
from sim_helpers import compare, run_known

from monitor.signal.simulate import simulate_session


@pytest.mark.parametrize("hold_s", [0.0, 1.5])
@pytest.mark.parametrize("exercise", ["knee_extension_seated", "squat"])
def test_minimum_jerk_phases_are_timed_like_a_stopwatch(exercise, hold_s):
    sim = simulate_session(exercise, reps=6, seed=4, mounting="random",
                           profile="minimum_jerk", tempo_s=(2.0, hold_s, 2.5, 1.5),
                           fidgets=False, pauses=False)
    res = run_known(sim)
    cmp = compare(sim, res)
    assert cmp["count"] == cmp["true_count"]
    for r, t in zip(res.reps, sim.reps, strict=True):
        assert abs(r.hold_s - t.hold_s) < 0.05, (r.hold_s, t.hold_s)
        # The first and the second phase each within 3 % of the movement's own duration.
        assert abs(r.concentric_s / t.concentric_s - 1.0) < 0.03
        assert abs(r.eccentric_s / t.eccentric_s - 1.0) < 0.03
        if hold_s == 0.0:
            assert r.hold_s < 0.05
    assert np.percentile(cmp["phase_err"], 95) < 0.05
    # Reported once the leg has come to rest: never before the end, at most 0.3 s after.
    assert all(0.0 <= r.reported_s - r.end_s <= 0.3 for r in res.reps)


def test_a_trapezoidal_movement_keeps_its_phases():
    """Speed that ramps up, stays and ramps down (20-50 % of the phase): phases within a
    tenth of a second of the true movement all the same."""
    sim = simulate_session("knee_extension_seated", reps=8, seed=5, mounting="random",
                           tempo_s=(2.0, 1.0, 2.0, 1.5), fidgets=False, pauses=False)
    cmp = compare(sim, run_known(sim))
    assert cmp["count"] == cmp["true_count"]
    assert np.percentile(cmp["phase_err"], 95) < 0.15
