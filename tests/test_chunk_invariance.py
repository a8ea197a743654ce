"""The events do not depend on how the sample stream is cut into batches (live vs file)."""

import itertools
from dataclasses import replace
from functools import cache

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sim_helpers import known_mountings, with_lost_samples

from monitor.core.samples import ImuBatch
from monitor.signal.pipeline import Pipeline
from monitor.signal.simulate import simulate_session


@cache
def _session(exercise: str):
    if exercise == "knee_extension_swinging":
        # Fast reps that swing back past the start posture: reported mid-swing.
        return simulate_session("knee_extension_seated", reps=5, rate_hz=50, seed=12,
                                fast_reps=3, swing_back=0.15)
    if exercise == "knee_extension_thigh_lifts":
        # The thigh lifts with each rep (the hip helps): flagged where the angle assumes not.
        return simulate_session("knee_extension_seated", reps=5, rate_hz=50, seed=14,
                                hip_helps_deg=15.0)
    if exercise == "straight_leg_raise_knee_lock":
        # The shank starts each rep (the knee locks first): reps wait for its data.
        return simulate_session("straight_leg_raise", reps=5, rate_hz=50, seed=13,
                                fast_reps=2, knee_lock_deg=6.0)
    if exercise.endswith("_dropout_and_garbage"):
        # The primary sensor goes silent for 1.5 s in the middle of a rep, and sends a few
        # impossible samples (not a number, 1000 rad/s) elsewhere.
        sim = _session(exercise.removesuffix("_dropout_and_garbage"))
        return with_dropout_and_garbage(sim)
    if exercise.endswith("_lost_samples"):
        # Bluetooth notifications lost: runs of 1-3 samples and one 0.3-s burst per sensor.
        return with_lost_samples(_session(exercise.removesuffix("_lost_samples")), seed=5)
    return simulate_session(exercise, reps=5, rate_hz=50, seed=11, fast_reps=1,
                            low_amplitude_reps=1)


def with_dropout_and_garbage(sim):
    label = sim.exercise.primary
    b = sim.recording.sensors[label]
    t0 = sim.reps[2].start_s + 0.3
    keep = ~((b.time_s >= t0) & (b.time_s < t0 + 1.5))
    acc, gyr = b.acc_m_s2.copy(), b.gyr_rad_s.copy()
    i = int(np.searchsorted(b.time_s, sim.reps[3].start_s + 0.4))
    acc[i] = np.nan
    gyr[i + 5:i + 8] = 1000.0
    sensors = dict(sim.recording.sensors)
    sensors[label] = ImuBatch(b.time_s[keep], acc[keep], gyr[keep], None)
    return replace(sim, recording=replace(sim.recording, sensors=sensors))


def _pipeline(sim, calibrated: bool) -> Pipeline:
    rec = sim.recording
    rates = {lab: b.nominal_rate_hz() for lab, b in rec.sensors.items()}
    primary = sim.exercise.primary
    return Pipeline({"thigh": "thigh", "shank": "shank"}, rates, sim.exercise, primary,
                    known_mountings(sim) if calibrated else None)


def _run(sim, calibrated: bool, sizes: list[int] | None):
    return _run_pipe(_pipeline(sim, calibrated), sim, sizes)


def _run_pipe(pipe: Pipeline, sim, sizes: list[int] | None):
    rec = sim.recording
    if sizes is None:
        # A whole file: the other sensor's samples first, so the primary never waits (a
        # sensor whose data comes more than a second late is treated as dropped out).
        for lab in sorted(("thigh", "shank"), key=lambda lab: lab == pipe.primary_label):
            b = rec.sensors[lab]
            pipe.feed(lab, b.time_s, b.acc_m_s2, b.gyr_rad_s)
        streamed = []
    else:
        # Interleave both sensors' batches in time order, as notifications arrive.
        parts = []
        for k, lab in enumerate(("thigh", "shank")):
            b = rec.sensors[lab]
            cuts = (sizes[k::2] or [7]) * (len(b) + 1)
            parts += [(p.time_s[-1], lab, p) for p in b.split(cuts)]
        parts.sort(key=lambda x: (x[0], x[1]))
        streamed = []
        for _, lab, p in parts:
            streamed += pipe.feed(lab, p.time_s, p.acc_m_s2, p.gyr_rad_s)
    streamed += pipe.finish()
    return pipe.events, streamed


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.slow
@given(sizes=st.lists(st.integers(1, 10), min_size=1, max_size=12),
       exercise=st.sampled_from(["knee_extension_seated", "squat", "heel_raise",
                                 "knee_extension_swinging",
                                 "straight_leg_raise_knee_lock",
                                 "knee_extension_thigh_lifts",
                                 "knee_extension_seated_lost_samples",
                                 "heel_raise_lost_samples",
                                 "squat_dropout_and_garbage"]),
       calibrated=st.booleans())
@example(sizes=[1], exercise="heel_raise", calibrated=False)
@example(sizes=[3, 7], exercise="knee_extension_seated_lost_samples", calibrated=True)
@example(sizes=[1, 9], exercise="heel_raise_lost_samples", calibrated=False)
@example(sizes=[4, 2], exercise="squat_dropout_and_garbage", calibrated=True)
@example(sizes=[10, 3], exercise="heel_raise", calibrated=True)
@example(sizes=[1, 4], exercise="knee_extension_swinging", calibrated=False)
@example(sizes=[10, 1], exercise="straight_leg_raise_knee_lock", calibrated=True)
@example(sizes=[2, 9], exercise="knee_extension_thigh_lifts", calibrated=False)
def test_events_do_not_depend_on_batching(sizes, exercise, calibrated):
    sim = _session(exercise)
    whole, _ = _run(sim, calibrated, None)
    chunked, streamed = _run(sim, calibrated, sizes)
    assert len(whole) == len(sim.reps)
    assert chunked == whole
    # Causality: each event was emitted once, in order, and never revised afterwards.
    assert streamed == chunked


@cache
def _thigh_on_chair():
    # The hip helps and the thigh rolls: with the lower leg calibrated alone (as the guided
    # calibration leaves a thigh that rests on the chair), the thigh's sensor measures its
    # lift from the first still moment on, learning its knee axis as the set goes.
    return simulate_session("knee_extension_seated", reps=5, rate_hz=50, seed=15,
                            hip_helps_deg=15.0, hip_rotation_deg=8.0, mounting="random")


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sizes=st.lists(st.integers(1, 10), min_size=1, max_size=12))
@example(sizes=[1])
@example(sizes=[10, 1])
def test_a_thigh_measured_without_its_calibration_does_not_depend_on_batching(sizes):
    sim = _thigh_on_chair()
    shank = {"shank": known_mountings(sim)["shank"]}
    runs = []
    for cut in (None, sizes):
        pipe = Pipeline({"thigh": "thigh", "shank": "shank"},
                        {lab: b.nominal_rate_hz() for lab, b in sim.recording.sensors.items()},
                        sim.exercise, "shank", shank)
        assert pipe.supported_segment == "thigh"
        events, streamed = _run_pipe(pipe, sim, cut)
        runs.append((events, streamed, pipe.angle_series()))
    (whole, _, (t0, a0)), (chunked, streamed, (t1, a1)) = runs
    assert len(whole) == len(sim.reps)
    assert chunked == whole
    assert streamed == chunked
    np.testing.assert_array_equal(t0, t1)
    np.testing.assert_allclose(a0, a1, rtol=0, atol=1e-9)
    # ... and it is the true knee angle: each rep's range within 2 deg of the truth.
    rom = np.array([abs(e.rom_deg - r.rom_deg) for e, r in zip(whole, sim.reps, strict=True)])
    assert rom.max() <= 2.0


def test_a_thigh_on_the_chair_dropping_out_for_a_moment_loses_nothing():
    # Live, the thigh's sensor goes silent for 2.5 s in the middle of the set: the lower
    # leg's reps are not held up for longer than the drop-out allowance and every rep is
    # reported once. The rep during the gap cannot see the thigh lift (its last reading is
    # held): it says so, and its range is the knee's plus at most the lift; the others stay
    # within 2.5 deg (the thigh's knee axis is learnt from fewer samples: the next rep is off
    # by 2.0 deg where it is 0.2 deg without the gap).
    sim = _thigh_on_chair()
    rec = sim.recording
    pipe = Pipeline({"thigh": "thigh", "shank": "shank"},
                    {lab: b.nominal_rate_hz() for lab, b in rec.sensors.items()},
                    sim.exercise, "shank", {"shank": known_mountings(sim)["shank"]})
    t_mid = sim.reps[2].start_s
    parts = []
    for lab in ("thigh", "shank"):
        for p in rec.sensors[lab].split([5] * 100000):
            if lab == "thigh" and t_mid <= p.time_s[0] < t_mid + 2.5:
                continue                           # the thigh's notifications are lost
            parts.append((p.time_s[-1], lab, p))
    parts.sort(key=lambda x: (x[0], x[1]))
    out = []
    for t_last, lab, p in parts:
        out += [(r, t_last) for r in pipe.feed(lab, p.time_s, p.acc_m_s2, p.gyr_rad_s)]
    out += [(r, np.inf) for r in pipe.finish()]
    assert len(out) == len(sim.reps)
    for (rep, when), true in zip(out, sim.reps, strict=True):
        assert when - true.end_s <= 1.3
        gap = true.start_s <= t_mid + 2.5 and true.end_s >= t_mid
        assert ("thigh_missing" in rep.flags) == gap
        if gap:
            assert -2.0 <= rep.rom_deg - true.rom_deg <= 15.0 + 2.0
        else:
            assert abs(rep.rom_deg - true.rom_deg) <= 2.5


@pytest.mark.parametrize("exercise", ["knee_extension_seated", "heel_raise",
                                      "knee_extension_swinging",
                                      "straight_leg_raise_knee_lock"])
def test_reported_within_a_third_of_a_second_of_the_end(exercise):
    sim = _session(exercise)
    events, _ = _run(sim, True, [3, 5])
    lat = np.array([e.reported_s - t.end_s for e, t in zip(events, sim.reps, strict=True)])
    assert (lat <= 0.3).all()


def test_uncalibrated_heel_raises_are_reported_at_once():
    # Without a calibration the angle only exists once the online learner has seen enough
    # turning (a heel raise turns the shank little); the rise does not wait for it.
    sim = _session("heel_raise")
    pipe = _pipeline(sim, calibrated=False)
    rec = sim.recording
    parts = []
    for lab in ("thigh", "shank"):
        parts += [(p.time_s[-1], lab, p) for p in rec.sensors[lab].split([4] * 10000)]
    parts.sort(key=lambda x: (x[0], x[1]))
    released = []                                  # (rep, sample time when it came out)
    for t_last, lab, p in parts:
        released += [(r, t_last) for r in pipe.feed(lab, p.time_s, p.acc_m_s2, p.gyr_rad_s)]
    assert len(released) == len(sim.reps)
    for (rep, out_s), true in zip(released, sim.reps, strict=True):
        assert out_s - true.end_s <= 0.3
        assert abs(rep.rom_deg - true.rom_deg) <= 2.0


def test_heel_raises_with_a_few_lost_samples_are_reported_at_once():
    # 3.4 % of the notifications lost, one to three at a time: a sample or two missing
    # just after a heel raise ends must not restart the wait for stillness (one rep was
    # reported 0.35 s after its end). (A set drawn by benchmarks/stress_sim.py, seed 2.)
    sim = simulate_session("heel_raise", reps=12, rate_hz=52.0, seed=493453,
                           low_amplitude_reps=3, low_amplitude=0.43, adjust_sensor=True,
                           noise_scale=1.71, gyr_bias_rad_s=0.0172,
                           tempo_s=(1.141, 1.141, 1.141, 1.141))
    sim = with_lost_samples(sim, 493453, 0.0342, 0.229, 0)
    pipe = _pipeline(sim, calibrated=False)
    reps = []
    for lab, b in sim.recording.sensors.items():
        for p in b.split([5] * 10000):
            reps += pipe.feed(lab, p.time_s, p.acc_m_s2, p.gyr_rad_s)
    reps += pipe.finish()
    assert len(reps) == len(sim.reps)
    latency = [r.reported_s - t.end_s for r, t in zip(reps, sim.reps, strict=True)]
    assert max(latency) <= 0.3, latency


def test_a_gap_in_the_thigh_recording_is_flagged_as_when_live():
    # The same drop-out in a stored recording analysed at once: the rep during it says so
    # (the thigh's readings on both sides are not joined up as if it had been there).
    sim = _thigh_on_chair()
    rec = sim.recording
    t_mid = sim.reps[2].start_s
    th = rec.sensors["thigh"]
    keep = (th.time_s < t_mid) | (th.time_s >= t_mid + 2.5)
    pipe = Pipeline({"thigh": "thigh", "shank": "shank"},
                    {lab: b.nominal_rate_hz() for lab, b in rec.sensors.items()},
                    sim.exercise, "shank", {"shank": known_mountings(sim)["shank"]})
    pipe.feed("thigh", th.time_s[keep], th.acc_m_s2[keep], th.gyr_rad_s[keep])
    sh = rec.sensors["shank"]
    pipe.feed("shank", sh.time_s, sh.acc_m_s2, sh.gyr_rad_s)
    pipe.finish()
    assert len(pipe.events) == len(sim.reps)
    assert ["thigh_missing" in r.flags for r in pipe.events] == [False, False, True, False,
                                                                 False]


def test_a_thigh_switched_on_late_flags_the_reps_before_it_came():
    # A recording whose thigh sensor starts sending only after the second repetition: the
    # reps before it say the thigh was missing (its first reading is not carried backwards
    # as if it had been there), and the analysis notes say when it was silent.
    from monitor.core.samples import ImuRecording
    from monitor.signal.analysis import analyze_recording
    sim = _thigh_on_chair()
    rec = sim.recording
    t_on = sim.reps[2].start_s - 0.5
    th = rec.sensors["thigh"]
    keep = th.time_s >= t_on
    late = ImuRecording(sensors={"thigh": ImuBatch(th.time_s[keep], th.acc_m_s2[keep],
                                                   th.gyr_rad_s[keep], None),
                                 "shank": rec.sensors["shank"]},
                        placements=dict(rec.placements), exercise=rec.exercise, side="right")
    res = analyze_recording(late)
    assert len(res.reps) == len(sim.reps)
    assert ["thigh_missing" in r.flags for r in res.reps] == [True, True] + [False] * (
        len(sim.reps) - 2)
    assert any("'thigh' sent nothing" in n and f"0.0-{t_on:.1f} s" in n for n in res.notes)


@pytest.mark.parametrize("exercise", ["knee_extension_seated", "squat"])
def test_a_sensor_silent_for_a_moment_or_sending_garbage_costs_one_rep_at_most(exercise):
    # Live, in small batches: the sensor that gives the angle goes silent for 1.5 s in the
    # middle of a rep (the rotation meanwhile is unknown) and later sends a sample that is
    # not a number and three at 1000 rad/s. The rep during the silence says so; every rep
    # after it is measured as before (the inclination is levelled from gravity at the next
    # stillness; the impossible samples are left out). Before, the reps after the silence
    # were 24-40 deg off and a NaN ended all counting.
    sim = _session(exercise)
    bad = with_dropout_and_garbage(sim)
    events, streamed = _run(bad, True, [3, 5])
    assert streamed == events and len(events) == len(sim.reps)
    for i, (r, t) in enumerate(zip(events, sim.reps, strict=True)):
        missing = f"{sim.exercise.primary}_missing" in r.flags
        assert missing == (i == 2)
        assert abs(r.rom_deg - t.rom_deg) <= (5.0 if i == 2 else 2.0)


@pytest.mark.parametrize("exercise", ["knee_extension_seated", "squat", "heel_raise"])
def test_stop_pressed_as_the_last_rep_comes_down_counts_it(exercise):
    # The therapist presses Stop as the patient lowers the leg for the last time: that rep
    # was done and counts (it used to be lost unless the leg had come to rest first). Stop
    # pressed while the leg is still on its way out does not count a rep.
    sim = _session(exercise)
    last = sim.reps[-1]
    rec = sim.recording
    for frac, want in ((0.85, len(sim.reps)), (-0.5, len(sim.reps) - 1)):
        t_stop = last.peak_s + frac * (last.end_s - last.peak_s if frac > 0
                                       else last.peak_s - last.start_s)
        pipe = _pipeline(sim, True)
        parts = []
        for lab in ("thigh", "shank"):
            b = rec.sensors[lab]
            parts += [(p.time_s[-1], lab, p) for p in b.split([5] * (len(b) // 5 + 1))
                      if p.time_s[-1] <= t_stop]
        parts.sort(key=lambda x: (x[0], x[1]))
        for _, lab, p in parts:
            pipe.feed(lab, p.time_s, p.acc_m_s2, p.gyr_rad_s)
        pipe.finish()
        assert len(pipe.events) == want, (frac, len(pipe.events))
        if want == len(sim.reps):
            r = pipe.events[-1]
            assert r.end_s <= t_stop + 1e-9
            assert abs(r.rom_deg - last.rom_deg) <= 2.0


@pytest.mark.parametrize("exercise", ["knee_extension_seated", "squat"])
def test_a_pause_between_reps_is_not_a_silent_sensor(exercise):
    # The therapist pauses the set for 3 s while the patient rests (no samples are fed),
    # and the next rep starts half a second after she resumes: nothing is missing from it,
    # so it is not flagged as if a sensor had gone silent, and it is measured as before.
    sim = _session(exercise)
    k = int(np.argmax([b.start_s - a.end_s for a, b in itertools.pairwise(sim.reps)]))
    t_resume = sim.reps[k + 1].start_s - 0.5
    t_pause = t_resume - 3.0
    assert t_pause > sim.reps[k].end_s + 0.5           # the patient rests meanwhile
    pipe = _pipeline(sim, True)
    parts = []
    for lab in ("thigh", "shank"):
        b = sim.recording.sensors[lab]
        keep = (b.time_s < t_pause) | (b.time_s >= t_resume)
        kept = ImuBatch(b.time_s[keep], b.acc_m_s2[keep], b.gyr_rad_s[keep], None)
        parts += [(p.time_s[-1], lab, p) for p in kept.split([4] * (len(kept) // 4 + 1))]
    parts.sort(key=lambda x: (x[0], x[1]))
    for _, lab, p in parts:
        pipe.feed(lab, p.time_s, p.acc_m_s2, p.gyr_rad_s)
    pipe.finish()
    after = [r for r in pipe.events if r.start_s >= t_resume]
    assert after and not any(f.endswith("_missing") for r in after for f in r.flags)
    true_after = [t for t in sim.reps if t.start_s >= t_resume]
    assert len(after) == len(true_after)
    for r, t in zip(after, true_after, strict=True):
        assert abs(r.rom_deg - t.rom_deg) <= 2.0
