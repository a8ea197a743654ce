"""A lunge with thigh and lower-leg sensors counted live, with a guided (or stored)
calibration that does not say which leg leads: the first repetition shows it."""

from __future__ import annotations

import numpy as np
import pytest
from sim_helpers import compare, known_mountings, run_known

from monitor.signal.pipeline import Pipeline
from monitor.signal.simulate import simulate_session


def _stream(sim, batch: int | None) -> tuple[list, list]:
    """The set fed as notifications come (both sensors interleaved in time, ``batch``
    samples each), or each sensor's samples at once (None); returns the events and what
    each call returned."""
    rec = sim.recording
    rates = {lab: b.nominal_rate_hz() for lab, b in rec.sensors.items()}
    pipe = Pipeline({"thigh": "thigh", "shank": "shank"}, rates, sim.exercise, "thigh",
                    known_mountings(sim))
    parts = []
    for lab in ("thigh", "shank"):
        b = rec.sensors[lab]
        if batch is None:
            parts.append((0.0 if lab == "shank" else 1.0, lab, b))
        else:
            parts += [(p.time_s[-1], lab, p)
                      for p in b.split([batch] * (len(b) // batch + 1))]
    parts.sort(key=lambda x: (x[0], x[1]))
    streamed = []
    for _, lab, p in parts:
        streamed += pipe.feed(lab, p.time_s, p.acc_m_s2, p.gyr_rad_s)
    streamed += pipe.finish()
    return pipe.events, streamed


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_stepping_lunge_is_counted_once_live_before_the_leg_is_known(seed):
    # The leading leg: its knee bends as the foot swings forward, straightens as it lands,
    # bends for the lunge and again as the foot swings back (counted 2-3 times per lunge
    # on the knee angle where the calibration did not say which leg leads).
    sim = simulate_session("lunge", reps=8, seed=seed, mounting="random",
                           profile="minimum_jerk", variant="stepping", fast_reps=1,
                           low_amplitude_reps=1, low_amplitude=0.6)
    res = run_known(sim)
    assert res.angle_name == "knee_flexion_deg"
    cmp = compare(sim, res)
    assert cmp["count"] == 8
    assert np.percentile(cmp["rom_err"], 95) < 3.0
    assert np.percentile(cmp["phase_err"], 95) < 0.25
    # As the notifications come: the same events, each reported once, never revised.
    whole, _ = _stream(sim, None)
    events, streamed = _stream(sim, 5)
    assert len(whole) == 8 and events == whole and streamed == events


@pytest.mark.parametrize("exercise", ["lunge", "split_squat"])
def test_the_trailing_leg_is_counted_on_its_knee_angle_live(exercise):
    # The trailing thigh goes back while its knee bends: counted on the thigh it would find
    # nothing; its knee angle is counted, as before.
    sim = simulate_session(exercise, reps=8, seed=3, mounting="random",
                           profile="minimum_jerk", variant="trailing")
    cmp = compare(sim, run_known(sim))
    assert cmp["count"] == 8
    assert np.percentile(cmp["rom_err"], 95) < 2.0
    whole, _ = _stream(sim, None)
    events, streamed = _stream(sim, 3)
    assert len(whole) == 8 and events == whole and streamed == events
