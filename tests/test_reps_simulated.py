"""Counting, range of motion and tempo on simulated sets with exact ground truth.

Sensors aligned with their segments (the mounting is known), realistic noise and bias,
tempo and amplitude variation, fast and low-amplitude repetitions, pauses and fidgets.
"""

from dataclasses import replace

import numpy as np
import pytest
from sim_helpers import compare, known_mountings, run_known, with_lost_samples

from monitor.signal.analysis import analyze_recording
from monitor.signal.reps import RepDetector
from monitor.signal.simulate import simulate_session

CASES = [
    ("knee_extension_seated", 25.0, 1), ("knee_extension_seated", 100.0, 2),
    ("knee_extension_seated", 200.0, 3), ("straight_leg_raise", 50.0, 4),
    ("squat", 100.0, 5), ("sit_to_stand", 60.0, 6), ("hip_abduction_side_lying", 100.0, 7),
    ("hip_extension_prone", 100.0, 8), ("knee_flexion_standing", 50.0, 9),
    ("step_up", 100.0, 10), ("lunge", 100.0, 11), ("bridge", 100.0, 12),
    ("heel_raise", 25.0, 81), ("heel_raise", 100.0, 13), ("hip_abduction_standing", 50.0, 14),
]


@pytest.mark.parametrize(("exercise", "rate", "seed"), CASES)
def test_counts_rom_and_tempo_match_truth(exercise, rate, seed):
    sim = simulate_session(exercise, reps=10, rate_hz=rate, seed=seed, fast_reps=3,
                           low_amplitude_reps=3)
    res = compare(sim, run_known(sim))
    assert res["count"] == res["true_count"]
    assert res["rmse_deg"] <= 1.5
    assert np.percentile(res["rom_err"], 95) <= 2.0
    assert np.percentile(res["phase_err"], 95) <= 0.3
    # Each repetition is reported within 0.3 s of its true end.
    assert res["latency"].max() <= 0.3


@pytest.mark.parametrize(("rate", "seed"), [(25.0, 21), (100.0, 22)])
def test_fast_knee_extensions_swinging_back_under_the_chair(rate, seed):
    # Fast reps swing back 15 % of the movement past the start posture and turn there
    # without a rest. A repetition starts and ends where the leg passes the start posture:
    # the swing is neither in its range nor in its tempo, and the rep is reported as soon
    # as the leg is back past the posture, not when the swing turns.
    sim = simulate_session("knee_extension_seated", reps=10, rate_hz=rate, seed=seed,
                           fast_reps=6, swing_back=0.15)
    swung = [a for a, b in zip(sim.reps, sim.reps[1:], strict=False) if b.start_s - a.end_s < 1.0]
    assert len(swung) >= 4
    res = compare(sim, run_known(sim))
    assert res["count"] == 10
    assert np.percentile(res["rom_err"], 95) <= 2.0
    assert np.percentile(res["phase_err"], 95) <= 0.15
    assert res["latency"].max() <= 0.3


@pytest.mark.parametrize(("rate", "seed"), [(25.0, 31), (100.0, 32)])
def test_straight_leg_raise_starts_when_the_knee_locks(rate, seed):
    # The quadriceps straighten the knee 0.15-0.35 s before the hip starts to lift: the
    # repetition (and its concentric phase) starts with the shank, which the thigh's hip
    # angle alone misses. Also when the sensors sit on the leg in any orientation.
    for mounting in ("aligned", "random"):
        sim = simulate_session("straight_leg_raise", reps=8, rate_hz=rate, seed=seed,
                               knee_lock_deg=6.0, fast_reps=2, low_amplitude_reps=2,
                               mounting=mounting)
        res = compare(sim, run_known(sim))
        assert res["count"] == 8
        assert np.percentile(res["phase_err"], 95) <= 0.1
        assert res["latency"].max() <= 0.3


def test_the_other_segment_starts_a_rep_only_where_it_takes_part():
    # Angular rate of the other segment (any sensor orientation) around a repetition that
    # the measured joint starts at 5.0 s, turning by 60 deg until 7.0 s.
    from monitor.core.rotations import random_rotation
    from monitor.signal.leg_onset import other_segment_onset

    rate = 50.0
    t = np.arange(0.0, 10.0, 1 / rate)
    axis = random_rotation(np.random.default_rng(5)) @ np.array([0.0, 1.0, 0.0])

    def turning(t0, t1, deg):
        w = np.zeros_like(t)
        inside = (t >= t0) & (t <= t1)
        w[inside] = np.sin(np.pi * (t[inside] - t0) / (t1 - t0)) ** 2
        w *= np.radians(deg) / (w.sum() / rate)
        noise = np.random.default_rng(6).normal(0, 0.006, (len(t), 3))
        return w[:, None] * axis + noise

    # Moves with the leg, from 0.4 s earlier: the rep starts there (where it starts to move:
    # its 5 %-of-peak-speed onset, 4.758 s, widened by its slow start).
    onset = other_segment_onset(t, turning(4.6, 6.8, 55.0), 5.0, 7.0, 60.0, rate)
    assert onset is not None and abs(onset - 4.6) < 0.03
    # A small shift of 5 deg just before: not the rep starting.
    assert other_segment_onset(t, turning(4.4, 4.9, 5.0), 5.0, 7.0, 60.0, rate) is None
    # Starting later than the measured joint: the detector's start stands.
    assert other_segment_onset(t, turning(5.2, 6.8, 55.0), 5.0, 7.0, 60.0, rate) is None
    # Not back into the previous repetition, which ended at 4.8 s.
    onset = other_segment_onset(t, turning(4.6, 6.8, 55.0), 5.0, 7.0, 60.0, rate, 4.8)
    assert onset is not None and abs(onset - 4.8) < 0.03


def test_a_sensor_turned_on_its_strap_just_before_a_rep_does_not_start_it():
    # The shank sensor is turned on its strap (30 deg about the leg's long axis) and back
    # right after a repetition of hip abduction, where thigh and shank move together: that
    # turn is about another axis than the movement's and does not start the next rep.
    sim = simulate_session("hip_abduction_side_lying", reps=10, rate_hz=26.0, seed=764042,
                           fast_reps=1, low_amplitude_reps=2, low_amplitude=0.435,
                           adjust_sensor=True, tempo_s=(2.059, 1.029, 2.059, 1.029))
    res = compare(sim, analyze_recording(sim.recording, keep_series=True))
    assert res["count"] == 10
    assert res["phase_err"].max() <= 0.3


def _ramp_signal(t, pieces):
    """Piecewise smooth angle: pieces of (t0, t1, from_deg, to_deg), constant in between."""
    x = np.zeros_like(t)
    for t0, t1, a, b in pieces:
        x[t >= t0] = b
        inside = (t >= t0) & (t < t1)
        x[inside] = a + (b - a) * np.sin(0.5 * np.pi * (t[inside] - t0) / (t1 - t0)) ** 2
    return x


def test_a_shift_of_position_right_before_a_rep_is_not_part_of_it():
    # The leg is put down 8 deg higher, rests there 1.2 s, then a 18-deg rep from there and
    # back to there: the rep starts after the shift and its range is 18 deg, not 26.
    from monitor.signal.reps import RepDetector

    rate = 50.0
    t = np.arange(0.0, 30.0, 1 / rate)
    x = _ramp_signal(t, [(3, 5, 0, 20), (6, 8, 20, 0),          # a rep from 0
                            (10.9, 11.5, 0, 8),                     # the shift (brisk)
                            (12.7, 15.2, 8, 26), (16, 18.5, 26, 8),  # a rep from 8
                            (21, 23, 8, 26), (24, 26, 26, 8)])
    reps = RepDetector(rate).feed(t, x)
    assert len(reps) == 3
    assert reps[1].start_s > 12.5 and abs(reps[1].rom_deg - 18.0) < 0.5
    # A raise that pauses on the way up and returns all the way is one rep, all of it.
    x = _ramp_signal(t, [(3, 4, 0, 8), (5.5, 7.5, 8, 30), (9, 11, 30, 0)])
    reps = RepDetector(rate).feed(t, x)
    assert len(reps) == 1 and abs(reps[0].rom_deg - 30.0) < 0.5


def test_a_fidget_below_the_start_posture_is_not_in_the_next_reps_range():
    # A 4-deg dip below the start posture, back to rest for 0.8 s, then a 15-deg rep: the
    # dip is no swing the rep came out of (that needs the rise to come straight from it).
    from monitor.signal.reps import RepDetector

    rate = 100.0
    t = np.arange(0.0, 20.0, 1 / rate)
    x = np.zeros_like(t)
    dip = (t >= 2.0) & (t < 2.8)
    x[dip] = -4.0 * np.sin(np.pi * (t[dip] - 2.0) / 0.8) ** 2
    for k in range(3):
        t0 = 3.6 + 5.0 * k
        up = (t >= t0) & (t < t0 + 2.0)
        x[up] = 15.0 * np.sin(0.5 * np.pi * (t[up] - t0) / 2.0) ** 2
        x[(t >= t0 + 2.0) & (t < t0 + 3.0)] = 15.0
        dn = (t >= t0 + 3.0) & (t < t0 + 5.0)
        x[dn] = 15.0 * np.cos(0.5 * np.pi * (t[dn] - t0 - 3.0) / 2.0) ** 2
    reps = RepDetector(rate).feed(t, x)
    assert len(reps) == 3
    assert all(abs(r.rom_deg - 15.0) < 0.5 for r in reps)


@pytest.mark.parametrize(("rate", "seed"), [(50.0, 3), (100.0, 4)])
def test_slow_small_reps_of_a_small_movement_are_counted(rate, seed):
    # Prone hip extension moves 15 deg; half-height reps at 3 s per phase turn the hip by
    # 2-3 deg/s, slower than a joint at rest is allowed to creep in larger exercises.
    sim = simulate_session("hip_extension_prone", reps=8, rate_hz=rate, seed=seed,
                           low_amplitude_reps=3, tempo_s=(3.0, 2.0, 3.0, 1.5))
    res = compare(sim, run_known(sim))
    assert res["count"] == res["true_count"]
    assert np.percentile(res["rom_err"], 95) <= 2.0


@pytest.mark.parametrize(("exercise", "seed"), [
    ("knee_extension_seated", 0), ("sit_to_stand", 1), ("bridge", 1), ("heel_raise", 0)])
def test_long_isometric_holds_are_repetitions(exercise, seed):
    # "Lift and hold for 10 seconds": with the simulator's tempo variation the holds last
    # 6-16 s, longer than a joint may stay out before that counts as a new position
    # (max_hold_s, 12 s). The joint comes back to where it started: each is a repetition,
    # with its hold timed (these sets lost 1-3 of 8 reps before). Random mountings,
    # self-calibrated as `monitor analyze` does.
    sim = simulate_session(exercise, reps=8, rate_hz=50.0, seed=seed, mounting="random",
                           tempo_s=(2.0, 10.0, 2.0, 2.0))
    assert max(t.hold_s for t in sim.reps) > 12.0
    res = analyze_recording(sim.recording)
    assert len(res.reps) == len(sim.reps)
    for r, t in zip(res.reps, sim.reps, strict=True):
        assert abs(r.hold_s - t.hold_s) <= 0.3
        assert abs(r.rom_deg - t.rom_deg) <= 2.0
        assert r.reported_s - t.end_s <= 0.3


def test_a_small_shift_held_long_and_back_is_no_repetition():
    # Before any repetition the leg is put 9 deg up for 15 s and back (getting settled);
    # full repetitions; the leg put 10 deg up for 20 s (the patient shifted) and back; a
    # full repetition held for 20 s. The shifts are not repetitions, the held one is.
    rate = 50.0
    dt = 1.0 / rate

    def move(a, b, secs):
        n = int(secs * rate)
        return a + (b - a) * 0.5 * (1 - np.cos(np.linspace(0, np.pi, n)))

    def hold(a, secs):
        return np.full(int(secs * rate), a)

    parts = [hold(0, 2), move(0, 9, 1.0), hold(9, 15), move(9, 0, 1.0), hold(0, 2)]
    for _ in range(3):
        parts += [move(0, 60, 1.5), hold(60, 1), move(60, 0, 1.5), hold(0, 1.5)]
    parts += [move(0, 10, 1.0), hold(10, 20), move(10, 0, 1.0), hold(0, 2)]
    parts += [move(0, 60, 1.5), hold(60, 20), move(60, 0, 1.5), hold(0, 2)]
    x = np.concatenate(parts)
    t = np.arange(len(x)) * dt
    reps = RepDetector(rate).feed(t, x)
    assert len(reps) == 4
    assert abs(reps[-1].hold_s - 20.0) < 0.3 and abs(reps[-1].rom_deg - 60) < 0.5


@pytest.mark.parametrize(("exercise", "seed"), [
    ("knee_extension_seated", 0), ("squat", 1), ("knee_flexion_standing", 2),
    ("heel_raise", 0), ("heel_raise", 4)])
def test_lost_samples_do_not_cost_range_or_count(exercise, seed):
    # Bluetooth notifications get lost: 5 % of the samples in runs of 1-3, and 0.3-s bursts
    # (one per sensor; five for the heel raises, counted on the double-integrated rise).
    # The orientation filter steps at the nominal rate, so each lost sample used to take
    # its share of the rotation with it (ROM 4-7 deg off with 5 % lost), and a heel raise
    # whose descent began during a burst was not counted.
    sim = simulate_session(exercise, reps=8, rate_hz=100.0, seed=seed, mounting="random",
                           fast_reps=2, low_amplitude_reps=2)
    lossy = with_lost_samples(sim, seed=seed, bursts=5 if exercise == "heel_raise" else 1)
    res = analyze_recording(lossy.recording)
    assert len(res.reps) == len(sim.reps)
    for r, t in zip(res.reps, sim.reps, strict=True):
        assert abs(r.rom_deg - t.rom_deg) <= 2.5
        if exercise == "heel_raise":
            sel = (sim.time_s >= t.start_s) & (sim.time_s <= t.end_s)
            assert abs(r.rise_cm - 100 * np.ptp(sim.sensor_height_m["shank"][sel])) < 2.0


@pytest.mark.parametrize(("rate", "seed"), [(50.0, 8), (100.0, 9)])
def test_slow_heel_raises_are_counted(rate, seed):
    # 2 s up, 2 s hold, 2 s down; and a set at 1.5 s with two half-height reps: the
    # vertical acceleration (a few cm/s^2) is within one sample's noise, so a sensor that
    # looked still sample by sample would get its velocity zeroed in mid-movement.
    for tempo_s, low in (((2.0, 2.0, 2.0, 1.0), 0), ((1.5, 1.5, 1.5, 1.5), 2)):
        sim = simulate_session("heel_raise", reps=8, rate_hz=rate, seed=seed,
                               low_amplitude_reps=low, mounting="random", tempo_s=tempo_s)
        res = run_known(sim)
        assert len(res.reps) == 8
        h = sim.sensor_height_m["shank"]
        for r, t in zip(res.reps, sim.reps, strict=True):
            sel = (sim.time_s >= t.start_s) & (sim.time_s <= t.end_s)
            assert abs(r.rise_cm - 100 * np.ptp(h[sel])) < 2.0


@pytest.mark.parametrize(("rate", "seed", "mounting"), [(50.0, 42, "aligned"),
                                                      (100.0, 48, "random"),
                                                      (200.0, 51, "random")])
def test_heel_raises_are_counted_on_the_rise_and_report_its_height(rate, seed, mounting):
    # A heel raise turns the shank by a few degrees only - as little as a fidget - but
    # lifts the body by centimetres: counted on the rise, with the sensor adjusted on its
    # strap once in the set (a turn without a rise). (At 25 Hz - counted exactly in CASES -
    # a fast rep's 0.1-s acceleration bursts span two samples, too few to integrate the
    # height to 5 mm.)
    sim = simulate_session("heel_raise", reps=10, rate_hz=rate, seed=seed, mounting=mounting,
                           fast_reps=2, low_amplitude_reps=3, adjust_sensor=True)
    assert any(k == "fidget" for k, _, _ in sim.events)
    result = analyze_recording(sim.recording, keep_series=True)     # self-calibrated
    assert len(result.reps) == 10
    height = sim.sensor_height_m["shank"]
    for rep, true in zip(result.reps, sim.reps, strict=True):
        assert rep.reported_s - true.end_s <= 0.3
        if "sensor_moved" in rep.flags:
            continue          # the strap was being adjusted during this one: said so
        sel = (sim.time_s >= true.start_s) & (sim.time_s <= true.end_s)
        assert abs(rep.rise_cm - 100 * np.ptp(height[sel])) <= 0.5
        assert abs(rep.rom_deg - true.rom_deg) <= 2.0
    assert sum("sensor_moved" in r.flags for r in result.reps) <= 1


@pytest.mark.parametrize(("rate", "seed"), [(25.0, 50), (100.0, 53)])
def test_heel_raises_with_a_commodity_gyroscope_bias(rate, seed):
    # Uncalibrated MEMS gyroscopes are off by up to 3-5 deg/s: the orientation filter must
    # learn that, or the residual looks like a steady turn and the sensor never still.
    sim = simulate_session("heel_raise", reps=10, rate_hz=rate, seed=seed, fast_reps=3,
                           low_amplitude_reps=3, gyr_bias_rad_s=np.radians(4.5))
    bias = np.degrees(np.abs(sim.recording.sensors["shank"].gyr_rad_s[:50].mean(axis=0)))
    assert bias.max() > 2.5
    assert len(run_known(sim).reps) == 10


@pytest.mark.parametrize(("rate", "seed"), [(100.0, 50), (100.0, 52)])
def test_heel_raises_with_a_noisier_sensor(rate, seed):
    # Twice the white noise (0.08 m/s^2, 0.7 deg/s rms per sample): at 100 Hz some sample
    # of every stretch of rest strays past a per-sample limit, so stillness is judged on the
    # window's rms.
    sim = simulate_session("heel_raise", reps=10, rate_hz=rate, seed=seed, fast_reps=3,
                           low_amplitude_reps=3, noise_scale=2.0)
    assert len(run_known(sim).reps) == 10


def test_a_shift_of_position_does_not_set_a_small_segments_direction():
    # Step-up: the shank tilts back by only 10 deg per rep; a shift of position (+8 deg, for
    # good) measured from a start posture the patient was still getting into looked larger
    # than the reps and turned the shank's direction round: every ROM 18 deg off.
    sim = simulate_session("step_up", reps=7, rate_hz=26.0, seed=746220, fast_reps=2,
                           low_amplitude_reps=1, low_amplitude=0.3035, lead_in=True,
                           reposition=True, adjust_sensor=True,
                           tempo_s=(2.151, 0.717, 2.151, 1.434))
    res = compare(sim, analyze_recording(sim.recording, keep_series=True))
    assert res["count"] == 7
    assert np.percentile(res["rom_err"], 95) <= 2.0


def test_a_gyroscope_offset_before_it_is_known_does_not_set_the_axis():
    # 2.4 deg/s on two axes and 1.6x the noise at 208 Hz: until the offset is known (after
    # the first 1.5 s of stillness) the noise crosses the movement threshold in dozens of
    # short stretches that all point along the offset; they outvoted the sit-to-stands
    # (thigh axis 65 deg off, every ROM 42 deg too large).
    sim = simulate_session("sit_to_stand", reps=9, rate_hz=208.0, seed=130573, fast_reps=1,
                           mounting="random", noise_scale=1.633, gyr_bias_rad_s=0.0468,
                           tempo_s=(1.963, 1.309, 2.617, 1.963))
    res = compare(sim, analyze_recording(sim.recording, keep_series=True))
    assert res["count"] == 9
    assert np.percentile(res["rom_err"], 95) <= 2.0


def test_the_first_rep_after_a_large_gyroscope_offset_was_learnt_starts_on_time():
    # Getting into position first, then still; a 2.7 deg/s offset tilts the orientation
    # until it is known (1 s into the stillness). Taken out as a slow drift, that tilt
    # looked like the first straight-leg raise starting 0.5 s early.
    sim = simulate_session("straight_leg_raise", reps=11, rate_hz=60.0, seed=479375,
                           low_amplitude_reps=2, low_amplitude=0.3234, lead_in=True,
                           noise_scale=1.629, gyr_bias_rad_s=0.0477,
                           tempo_s=(2.888, 2.888, 2.888, 1.444))
    res = run_known(sim)
    assert len(res.reps) == 11
    assert abs(res.reps[0].start_s - sim.reps[0].start_s) < 0.1
    assert abs(res.reps[0].concentric_s - sim.reps[0].concentric_s) < 0.1


def test_heel_raises_of_a_long_recording_analysed_at_once_keep_their_range():
    # A whole file at once: the angle runs a minute ahead of the rise (which is held back
    # while a movement lasts); the first reps' angle was dropped before they came out.
    sim = simulate_session("heel_raise", reps=16, rate_hz=100.0, seed=26)
    assert sim.recording.duration_s > 70.0
    res = compare(sim, run_known(sim))
    assert res["count"] == 16
    assert res["rom_err"].max() <= 2.0


def test_a_thigh_lifting_during_seated_knee_extensions_is_flagged():
    # The knee angle takes the thigh to stay on the chair (a still thigh cannot be
    # calibrated); a thigh sensor worn all the same tells when it lifted: the reps where the
    # hip helps by 15 deg are flagged, the low-amplitude ones (7 deg) and a still thigh not.
    for helps, want in ((15.0, [True] * 6 + [False] * 2), (0.0, [False] * 8)):
        sim = simulate_session("knee_extension_seated", reps=8, rate_hz=50.0, seed=4,
                               fast_reps=2, low_amplitude_reps=2, hip_helps_deg=helps)
        res = analyze_recording(sim.recording)
        assert res.assumption is not None
        assert ["thigh_moved" in r.flags for r in res.reps] == want


@pytest.mark.parametrize(("helps", "roll", "seed"), [(15.0, 0.0, 31), (15.0, 10.0, 32),
                                                    (8.0, -10.0, 33), (20.0, 12.0, 34)])
def test_a_thigh_lifting_off_the_chair_is_measured_by_its_sensor(helps, roll, seed):
    # Seated knee extension, sensors strapped on any which way, calibrated from the set
    # itself: the thigh cannot be calibrated (it rests while the knee moves), yet when the
    # hip helps by lifting it (and it rolls outward or inward too) its sensor measures the
    # lift and the knee angle is the true one. Without the thigh sensor the angle takes the
    # thigh to stay on the chair and every full rep's range is off by about the lift.
    sim = simulate_session("knee_extension_seated", reps=8, rate_hz=50.0, seed=seed,
                           mounting="random", fast_reps=2, low_amplitude_reps=2,
                           hip_helps_deg=helps, hip_rotation_deg=roll)
    res = compare(sim, analyze_recording(sim.recording, keep_series=True))
    assert res["count"] == 8
    assert np.percentile(res["rom_err"], 95) <= 2.0
    assert res["rmse_deg"] <= 1.5
    rec = sim.recording
    shank_only = replace(rec, sensors={"shank": rec.sensors["shank"]},
                         placements={"shank": rec.placements["shank"]})
    alone = compare(sim, analyze_recording(shank_only, keep_series=True))
    assert np.median(alone["rom_err"][:6]) >= 0.6 * helps


@pytest.mark.parametrize("seed", [35, 36])
def test_a_thigh_rolling_on_the_chair_is_not_taken_for_a_lift(seed):
    # The thigh rolls outward by about 10 deg with each rep but does not lift: the knee
    # angle stays within a few degrees (a roll and a lift tilt its sensor alike; the lower
    # leg's sensor tells them apart by the knee axis' elevation and rotation).
    sim = simulate_session("knee_extension_seated", reps=8, rate_hz=50.0, seed=seed,
                           mounting="random", fast_reps=2, low_amplitude_reps=2,
                           hip_rotation_deg=10.0)
    res = compare(sim, analyze_recording(sim.recording, keep_series=True))
    assert res["count"] == 8
    assert res["rom_err"].max() <= 3.0


def test_the_thigh_on_the_chair_rests_where_the_leg_does_not_while_getting_into_position():
    # The recording starts with the leg part-way up for half a second (getting into
    # position), the hip helping with each rep: the thigh's rest is taken where the lower leg
    # rests in its start posture, not in that pause (which put every rep off by 5-15 deg).
    # (A set drawn by benchmarks/stress_sim.py, seed 1.)
    sim = simulate_session("knee_extension_seated", reps=6, rate_hz=26.0, seed=932398,
                           mounting="random", fast_reps=1, lead_in=True,
                           noise_scale=0.5529876974124335,
                           gyr_bias_rad_s=0.011548083481718886,
                           hip_helps_deg=11.48430903921806,
                           tempo_s=(2.937, 1.468, 2.937, 1.468))
    res = compare(sim, analyze_recording(sim.recording, keep_series=True,
                                         mountings={"shank": known_mountings(sim)["shank"]}))
    assert res["count"] == 6
    assert res["rom_err"].max() <= 2.0


def test_the_thigh_on_the_chair_rests_where_its_orientation_has_settled():
    # A gyroscope 4.9 deg/s off, the recording starting as the patient gets into position:
    # the offset is taken off at the first stillness, and the thigh's orientation needs a
    # moment to settle on gravity. Its rest taken before that put every rep off by 2-3 deg
    # (the first by 7); now from where its orientation and accelerometer agree.
    sim = simulate_session("knee_extension_seated", reps=7, rate_hz=100.0, seed=11,
                           lead_in=True, gyr_bias_rad_s=np.radians(4.9), hip_helps_deg=15.0)
    res = compare(sim, analyze_recording(sim.recording, keep_series=True,
                                         mountings={"shank": known_mountings(sim)["shank"]}))
    assert res["count"] == 7
    assert res["rom_err"].max() <= 1.5


def test_a_new_thigh_axis_does_not_make_the_angle_jump_mid_rep():
    # The thigh rolls only; its knee axis is fitted during the first rep's hold. Taking it
    # over there stepped the angle by 4 deg and moved the rep's start by 2.7 s; it now takes
    # over where old and new agree (at rest).
    # (A set drawn by benchmarks/stress_sim.py, seed 1.)
    sim = simulate_session("knee_extension_seated", reps=7, rate_hz=104.0, seed=286491,
                           mounting="random", low_amplitude_reps=3,
                           low_amplitude=0.49043418703998054, lead_in=True,
                           noise_scale=0.9831270311209039,
                           gyr_bias_rad_s=0.05127452045558879, swing_back=0.1,
                           hip_rotation_deg=-8.41272068215903,
                           tempo_s=(2.002, 1.001, 2.002, 1.001))
    res = compare(sim, analyze_recording(sim.recording, keep_series=True,
                                         mountings={"shank": known_mountings(sim)["shank"]}))
    assert res["count"] == 7
    assert res["phase_err"].max() <= 0.3


def test_a_strap_adjusted_while_the_thigh_rolls_does_not_tilt_the_knee_axis():
    # Self-calibrated; the lower-leg sensor is turned on its strap and back mid-set while
    # the thigh rolls 11 deg with each rep: the knee axis found through the thigh's rotation
    # leaves those moments out (they pulled it 5 deg off, every rep's range 5-12 deg off).
    from calibration.mounting import Mounting
    from monitor.signal.analysis import self_calibrate

    # (A set drawn by benchmarks/stress_sim.py, seed 0.)
    sim = simulate_session("knee_extension_seated", reps=11, rate_hz=208.0, seed=141055,
                           mounting="aligned", fast_reps=2, low_amplitude_reps=3,
                           low_amplitude=0.3104189285235862, reposition=True,
                           adjust_sensor=True, noise_scale=0.9324961355113663,
                           gyr_bias_rad_s=0.05476064412285204, swing_back=0.2,
                           hip_rotation_deg=10.831973378805074,
                           tempo_s=(2.819, 1.41, 2.819, 1.41))
    m = self_calibrate(sim.recording, sim.exercise, {"thigh": "thigh", "shank": "shank"})
    true = Mounting.from_rotation(sim.mountings["shank"]).axis
    assert np.degrees(np.arccos(min(1.0, float(m["shank"].axis @ true)))) <= 1.0
    res = compare(sim, analyze_recording(sim.recording, keep_series=True))
    assert res["count"] == 11
    # (Where the thigh only rolls, a rep's range is good to a few degrees: see README.)
    assert np.percentile(res["rom_err"], 95) <= 3.6


def test_fidgets_and_a_shift_of_position_are_not_counted():
    sim = simulate_session("knee_extension_seated", reps=8, rate_hz=50, seed=21,
                           reposition=True, fidgets=True)
    kinds = {k for k, _, _ in sim.events}
    assert {"fidget", "reposition"} <= kinds
    res = compare(sim, run_known(sim))
    assert res["count"] == 8


def test_sensor_adjusted_on_its_strap_is_not_counted():
    sim = simulate_session("straight_leg_raise", reps=8, rate_hz=100, seed=5,
                           adjust_sensor=True)
    assert any(k == "adjust_sensor" for k, _, _ in sim.events)
    res = compare(sim, run_known(sim))
    assert res["count"] == 8


@pytest.mark.parametrize(("rate", "seed"), [(26.0, 802834), (52.0, 17)])
def test_strap_adjusted_during_a_self_calibrated_set(rate, seed):
    # No calibration: analyze learns the mountings from the recording, which includes the
    # therapist turning the shank sensor on its strap and back. That turn must neither
    # count nor mislead the knee-axis fit into wrong angles for the whole set.
    from monitor.signal.analysis import analyze_recording

    sim = simulate_session("step_up", reps=10, rate_hz=rate, seed=seed, mounting="random",
                           adjust_sensor=True, fast_reps=2, low_amplitude_reps=3)
    res = compare(sim, analyze_recording(sim.recording, keep_series=True))
    assert res["count"] == 10
    assert np.percentile(res["rom_err"], 95) <= 2.0


def test_strap_turn_larger_than_all_heel_raises_does_not_become_the_axis():
    # Five heel raises, three of them half height: the shank turns by 40 deg in all, less
    # than the 60 deg of the sensor being turned on its strap and back. Self-calibrated, the
    # movements that share an axis outvote the one that does not.
    from monitor.signal.analysis import analyze_recording

    sim = simulate_session("heel_raise", reps=5, rate_hz=52.0, seed=274895,
                           low_amplitude_reps=3, low_amplitude=0.34, mounting="random",
                           adjust_sensor=True, tempo_s=(1.05, 1.05, 1.05, 1.05))
    res = compare(sim, analyze_recording(sim.recording, keep_series=True))
    assert res["count"] == 5
    assert res["rom_err"].max() <= 1.0


@pytest.mark.parametrize(("rate", "seed"), [(26.0, 999551), (100.0, 31)])
def test_self_calibration_starts_from_the_posture_before_the_first_rep(rate, seed):
    # The recording starts while the patient is still getting into position (a pause a
    # third of the way down, then up to standing), and the patient shifts later on. The
    # self-calibration takes the start posture from the stillness right before the first
    # repetition, not from that first pause (which reversed the shank and halved the range).
    from monitor.signal.analysis import analyze_recording

    sim = simulate_session("squat", reps=11, rate_hz=rate, seed=seed, fast_reps=1,
                           lead_in=True, reposition=True, tempo_s=(1.33, 0.67, 1.33, 0.67))
    res = compare(sim, analyze_recording(sim.recording, keep_series=True))
    assert res["count"] == 11
    assert np.percentile(res["rom_err"], 95) <= 2.0


def test_a_fidget_just_before_a_rep_is_not_taken_for_its_start():
    # The last rep starts 0.5 s after a 2.5 deg fidget whose speed exceeds the slow rep's:
    # the rep's timing and range must come from the rep, not from the fidget.
    sim = simulate_session("hip_abduction_side_lying", reps=9, rate_hz=208.0, seed=861297,
                           fast_reps=1, low_amplitude_reps=3, low_amplitude=0.3495,
                           tempo_s=(2.48, 1.24, 2.48, 1.24))
    fidgets = [e for e in sim.events if e[0] == "fidget"]
    assert any(0 < sim.reps[-1].start_s - t1 < 1.0 for _, _, t1 in fidgets)
    res = compare(sim, run_known(sim))
    assert res["count"] == 9
    assert res["phase_err"].max() <= 0.3
    assert res["rom_err"].max() <= 2.0


@pytest.mark.parametrize(("rate", "seed"), [(60.0, 593443), (100.0, 23)])
def test_a_thigh_that_moves_a_little_is_measured_not_assumed(rate, seed):
    # Standing knee flexion: the hip flexes by 5 deg with every rep. Self-calibrated, the
    # thigh sensor's small, slow turns still give its axis, so the knee angle does not
    # assume a still thigh (which put every rep's range 5 deg short).
    from monitor.signal.analysis import analyze_recording

    sim = simulate_session("knee_flexion_standing", reps=8, rate_hz=rate, seed=seed,
                           mounting="random", low_amplitude_reps=2,
                           tempo_s=(2.6, 1.3, 2.6, 1.3))
    result = analyze_recording(sim.recording, keep_series=True)
    assert result.assumption is None
    res = compare(sim, result)
    assert res["count"] == 8
    assert np.percentile(res["rom_err"], 95) <= 2.0


def test_low_amplitude_reps_are_counted_and_flagged_below_target():
    sim = simulate_session("knee_extension_seated", reps=6, rate_hz=100, seed=3,
                           low_amplitude_reps=3, low_amplitude=0.4)
    result = run_known(sim)
    assert len(result.reps) == 6
    # Target: extend to 10 deg knee flexion, 5 deg tolerance; compare with the true turn.
    limit = sim.exercise.target_deg[1] + 5.0
    for rep, true in zip(result.reps, sim.reps, strict=True):
        if abs(true.min_deg - limit) > 1.0:
            assert ("below_target_range" in rep.flags) == (true.min_deg > limit)
    assert all("below_target_range" in r.flags for r in result.reps[3:])


def test_fast_reps_are_flagged_faster_than_prescribed():
    sim = simulate_session("knee_extension_seated", reps=6, rate_hz=100, seed=4,
                           fast_reps=3)
    result = run_known(sim)
    assert len(result.reps) == 6
    fast = ["faster_than_prescribed" in r.flags for r in result.reps]
    assert fast == [False] * 3 + [True] * 3


def test_knee_angle_with_both_sensors_needs_no_assumption():
    sim = simulate_session("squat", reps=4, rate_hz=100, seed=2)
    result = run_known(sim)
    assert result.assumption is None
    assert result.angle_name == "knee_flexion_deg"
    assert compare(sim, result)["rmse_deg"] < 1.5


def test_timed_protocols_report_their_result():
    sim = simulate_session("five_times_sit_to_stand", reps=6, rate_hz=50, seed=1)
    result = run_known(sim)
    # Timed to the fifth full stand (Guralnik 1994).
    fifth = sim.reps[4]
    truth = fifth.peak_s - fifth.hold_s / 2 - sim.reps[0].start_s
    assert result.test_result["completed"] is True
    assert result.test_result["time_s"] == pytest.approx(truth, abs=0.3)
    sim = simulate_session("chair_stand_30s", reps=14, rate_hz=50, seed=2)
    result = run_known(sim)
    t0 = sim.reps[0].start_s
    stood = [r.peak_s - r.hold_s / 2 for r in sim.reps]
    expected = sum(t <= t0 + 30 for t in stood)
    under_way = [r for r, t in zip(sim.reps, stood, strict=True) if r.start_s < t0 + 30 < t]
    if under_way and (t0 + 30 - under_way[0].start_s) / (
            stood[sim.reps.index(under_way[0])] - under_way[0].start_s) > 0.5:
        expected += 1                       # more than halfway up at 30 s: counted
    assert result.test_result["count"] == expected


def test_getting_into_position_first_is_not_counted():
    from sim_helpers import compare

    from monitor.signal.analysis import analyze_recording

    sim = simulate_session("knee_extension_seated", reps=6, rate_hz=100, seed=2,
                           mounting="random", lead_in=True)
    assert any(k == "lead_in" for k, _, _ in sim.events)
    res = compare(sim, analyze_recording(sim.recording, keep_series=True))
    assert res["count"] == 6
    assert np.percentile(res["rom_err"], 95) <= 2.0


def test_a_sensor_turned_on_its_strap_is_flagged_from_then_on():
    sim = simulate_session("knee_extension_seated", reps=10, rate_hz=100, seed=3,
                           mounting="random", slip_deg=30.0, fidgets=False)
    ((_, t0, t1),) = [e for e in sim.events if e[0] == "slip"]
    res = run_known(sim)
    assert len(res.reps) == 10
    before = [r for r in res.reps if r.end_s <= t0]
    after = [r for r in res.reps if r.end_s >= t1]
    assert len(before) >= 4 and len(after) >= 4
    assert not any("sensor_moved" in r.flags for r in before)
    assert all("sensor_moved" in r.flags for r in after)


def test_knee_bends_lifting_the_shank_sensor_are_not_heel_raises():
    # Standing knee flexion lifts the shank sensor by centimetres too, but turns the shank
    # by 90 deg: analysed as a heel raise set, nothing is counted.
    sim = simulate_session("knee_flexion_standing", reps=6, rate_hz=100, seed=4)
    assert np.ptp(sim.sensor_height_m["shank"]) > 0.05
    result = analyze_recording(sim.recording, exercise_id="heel_raise")
    assert result.reps == []


def test_random_mountings_are_the_straps_a_session_draws():
    """The demo's walking tests keep the straps of its calibration movement."""
    from monitor.signal.simulate import random_mountings

    sim = simulate_session("knee_extension_seated", reps=2, mounting="random",
                           mounting_seed=11)
    straps = random_mountings(11)
    for seg in ("thigh", "shank"):
        np.testing.assert_allclose(straps[seg], sim.mountings[seg])


@pytest.mark.parametrize("exercise", ["sit_to_stand", "chair_stand_30s", "five_times_sit_to_stand"])
def test_standing_up_keeps_the_feet_on_the_floor(exercise):
    """A quick stand turns the body about the ankles: the shank sensor feels about gravity
    (a knee swung through the air by a fixed hip would read near free fall) and the thigh
    sensor rises with the body."""
    sim = simulate_session(exercise, reps=16, rate_hz=100, seed=0, mounting="random",
                           mounting_seed=0, fast_reps=0, low_amplitude_reps=0)
    shank = np.linalg.norm(sim.recording.sensors["shank"].acc_m_s2, axis=1)
    assert shank.min() > 6.0 and shank.max() < 14.0, (shank.min(), shank.max())
    height = sim.sensor_height_m["thigh"]          # mid-thigh: half the hip's 0.42 m
    assert 0.15 < height.max() - height[0] < 0.3, height.max() - height[0]
