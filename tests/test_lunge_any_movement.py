"""Lunges counted as any movement (no exercise given), from one thigh or lower-leg sensor
strapped at random, leading and trailing leg.

The leading lower leg of a lunge with its step swings to both sides of its posture within
each lunge (back as the foot swings forward, the foot landing ahead of the knee, the knee
over the foot for the lunge, the foot ahead again as it pushes back, back to swing it
home): each swing was counted (2-3 per lunge; real recordings 10 for 5)."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import numpy as np
import pytest
from sim_helpers import compare

from monitor.signal.analysis import analyze_recording, self_calibrate
from monitor.signal.pipeline import Pipeline
from monitor.signal.reps import DetectorSettings, RepDetector
from monitor.signal.simulate import simulate_session, without_rests


def alone(sim, segment):
    rec = sim.recording
    return replace(rec, sensors={segment: rec.sensors[segment]},
                   placements={segment: rec.placements[segment]})


def lunges(seed, variant="stepping", tempo_s=None):
    return simulate_session("lunge", reps=8, seed=seed, mounting="random",
                            profile="minimum_jerk", variant=variant, fast_reps=1,
                            low_amplitude_reps=1, low_amplitude=0.85, tempo_s=tempo_s)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("tempo_s", [None, (2.0, 0.0, 2.0, 0.0)])
def test_a_stepping_lunge_counts_once_from_the_lower_leg_as_any_movement(seed, tempo_s):
    # At the catalogue's tempo and back to back (no pause at the turn nor between lunges),
    # as recorded and kept repetition by repetition (0.6-2.4 s without samples between).
    sim = lunges(seed, tempo_s=tempo_s)
    for kept in (sim, without_rests(sim, seed)):
        res = analyze_recording(alone(kept, "shank"), exercise_id="none")
        assert len(res.reps) == 8
        # Each one is the lunge itself: its turn where the knee is furthest over the foot.
        turn_err = np.abs([r.peak_s - t.peak_s for r, t in zip(res.reps, sim.reps,
                                                                 strict=True)])
        assert turn_err.max() < 0.3, turn_err


@pytest.mark.parametrize("sizes", [(1,), (5,), (3, 10, 7)])
def test_live_the_lower_legs_lunge_counts_the_same_however_the_stream_is_cut(sizes):
    # Live, the step's swings are held back until the lunge between them shows what they
    # are: never revised, and the same events however the samples arrive.
    sim = lunges(4)
    rec = alone(sim, "shank")
    b = rec.sensors["shank"]
    mounting = self_calibrate(rec, None, {"shank": "shank"})
    rate = {"shank": b.nominal_rate_hz()}
    whole = Pipeline({"shank": "shank"}, rate, None, "shank", mounting)
    whole.feed("shank", b.time_s, b.acc_m_s2, b.gyr_rad_s)
    whole.finish()
    live = Pipeline({"shank": "shank"}, rate, None, "shank", mounting)
    i, k = 0, 0
    while i < len(b):
        n = sizes[k % len(sizes)]
        live.feed("shank", b.time_s[i:i + n], b.acc_m_s2[i:i + n], b.gyr_rad_s[i:i + n])
        i, k = i + n, k + 1
    live.finish()
    assert live.events == whole.events
    assert len(live.events) == 8
    assert [r.index for r in live.events] == list(range(1, 9))


@pytest.mark.parametrize(("variant", "sensor"), [
    ("stepping", "shank"), ("stepping", "thigh"), ("stepping", None),
    (None, "shank"), (None, "thigh"),
    ("trailing", "shank"), ("trailing", None)])
@pytest.mark.parametrize("seed", [5, 6])
def test_lunges_as_any_movement_leading_and_trailing_leg(variant, sensor, seed):
    # The leading leg with its step and without it, the trailing leg (its lower leg turns
    # far back and returns, a little past its posture at most); each sensor alone and both
    # (the one that tilts furthest measured), as recorded and kept repetition by repetition.
    sim = lunges(seed, variant=variant)
    for kept in (sim, without_rests(sim, seed)):
        rec = alone(kept, sensor) if sensor else kept.recording
        res = analyze_recording(rec, exercise_id="none")
        assert len(res.reps) == 8, (variant, sensor)


def _bells(t, points):
    """A smooth (minimum-jerk) path through (time, angle) points."""
    x = np.zeros_like(t)
    for (t0, a), (t1, b) in pairwise(points):
        u = np.clip((t - t0) / (t1 - t0), 0.0, 1.0)
        x += (b - a) * u ** 3 * (10 - 15 * u + 6 * u * u)
    return x + points[0][1]


def _count_any_movement(t, x):
    det = RepDetector(100.0, DetectorSettings(min_amplitude_deg=5.0, steps_past_start=True,
                                              steps_when_seen=True))
    det.feed(t, x)
    det.finish()
    return det.reps


def test_a_leg_swinging_to_and_fro_counts_every_swing_and_a_step_lunge_step_once():
    t = np.arange(0.0, 40.0, 0.01)
    # A leg swinging through its posture to and fro: every swing out is a repetition.
    # (Three swings out in one go are what a lunge with its step looks like: counted once.)
    swings = _bells(t, [(0.0, 0.0), (2.0, 0.0), (3.0, 22.0), (4.0, -20.0), (5.0, 21.0),
                        (6.0, -19.0), (7.0, 20.0), (8.0, -18.0), (9.0, 19.0),
                        (10.0, 0.0), (40.0, 0.0)])
    assert [round(r.max_deg) for r in _count_any_movement(t, swings)] == [22, 21, 20, 19]
    # Step out (through the posture to the other side), the lunge, step home: once; twice.
    lunge = [(2.0, 0.0), (2.8, 25.0), (3.6, -17.0), (5.0, 20.0), (5.8, 20.0), (7.0, -17.0),
             (7.8, 25.0), (8.6, 0.0)]
    second = [(t0 + 10.0, a) for t0, a in lunge]
    x = _bells(t, [(0.0, 0.0), *lunge, *second, (40.0, 0.0)])
    reps = _count_any_movement(t, x)
    assert [round(r.max_deg) for r in reps] == [20, 20]
    assert [round(r.peak_s, 1) for r in reps] == [5.4, 15.4]
    # A movement that swings back past its posture by less (fast knee extensions under
    # the chair, 15 % of the movement) is counted every time.
    knee = _bells(t, [(0.0, 0.0), (2.0, 0.0), (2.6, 60.0), (3.2, -9.0), (3.8, 60.0),
                      (4.4, -9.0), (5.0, 60.0), (5.6, 0.0), (40.0, 0.0)])
    assert len(_count_any_movement(t, knee)) == 3


@pytest.mark.parametrize(("rate", "seed"), [(25.0, 21), (100.0, 22)])
def test_fast_knee_extensions_swinging_back_as_any_movement_are_reported_at_once(rate, seed):
    # A swing back past the posture is judged by where it will turn (a movement slows down
    # over about the distance it took to speed up): short of a step's swing, the
    # repetition is reported as it passes the posture, not when the swing turns.
    sim = simulate_session("knee_extension_seated", reps=10, rate_hz=rate, seed=seed,
                           fast_reps=6, swing_back=0.15, mounting="random")
    res = analyze_recording(sim.recording, exercise_id="none", keep_series=True)
    assert len(res.reps) == 10
    latency = [r.reported_s - t.end_s for r, t in zip(res.reps, sim.reps, strict=True)]
    assert max(latency) <= 0.3, latency
    assert compare(sim, res)["count"] == 10


@pytest.mark.parametrize("exercise", ["none", "lunge"])
@pytest.mark.parametrize("tempo_s", [None, (2.0, 0.0, 2.0, 0.0)])
@pytest.mark.parametrize("seed", [1, 2])
def test_the_trailing_thigh_alone_counts_each_lunge_once(seed, tempo_s, exercise):
    # The trailing thigh goes back as the front foot steps forward, comes part of the way
    # forward (55-70 %) as the body sinks, goes back again as the body rises and forward
    # home: where it came 60 % of the way or more, each part was counted (9-11 for 8).
    # With and without the exercise given, at the catalogue's tempo (a hold at the bottom)
    # and back to back, as recorded and kept repetition by repetition.
    sim = lunges(seed, variant="trailing", tempo_s=tempo_s)
    for kept in (sim, without_rests(sim, seed)):
        res = analyze_recording(alone(kept, "thigh"), exercise_id=exercise)
        assert len(res.reps) == 8
        # Each one is a whole lunge: it spans the lunge's middle, its turn within it.
        for r, t in zip(res.reps, kept.reps, strict=True):
            middle = 0.5 * (t.start_s + t.end_s)
            assert r.start_s < middle < r.end_s
            assert t.start_s - 0.3 < r.peak_s < t.end_s + 0.3


def test_a_return_part_way_and_out_again_as_far_and_home_is_one_movement():
    t = np.arange(0.0, 60.0, 0.01)
    # Out, 68 % of the way back, held for a second, out again as far and home: once.
    one = _bells(t, [(0.0, 0.0), (2.0, 0.0), (2.8, 25.0), (4.2, 8.0), (5.2, 8.0),
                     (6.6, 25.0), (7.4, 0.0), (60.0, 0.0)])
    assert len(_count_any_movement(t, one)) == 1
    # Two repetitions with a return that stops part-way between them stay two: the second
    # going out less far, or further, or after a rest at the turn of 3 s.
    less = _bells(t, [(0.0, 0.0), (2.0, 0.0), (2.8, 25.0), (4.2, 8.0), (5.2, 8.0),
                      (6.0, 18.0), (7.0, 0.0), (60.0, 0.0)])
    further = _bells(t, [(0.0, 0.0), (2.0, 0.0), (2.8, 25.0), (4.2, 8.0), (5.2, 8.0),
                         (6.6, 33.0), (7.6, 0.0), (60.0, 0.0)])
    rested = _bells(t, [(0.0, 0.0), (2.0, 0.0), (2.8, 25.0), (4.2, 8.0), (7.2, 8.0),
                        (8.6, 25.0), (9.4, 0.0), (60.0, 0.0)])
    for x in (less, further, rested):
        assert len(_count_any_movement(t, x)) == 2
    # A train of such returns (a patient not lowering the leg all the way between
    # repetitions): only a part from rest may go on, so three stay three.
    train = _bells(t, [(0.0, 0.0), (2.0, 0.0), (2.8, 25.0), (4.2, 8.0), (5.2, 8.0),
                       (6.6, 25.0), (7.6, 8.0), (8.6, 8.0), (10.0, 25.0), (11.0, 0.0),
                       (60.0, 0.0)])
    assert len(_count_any_movement(t, train)) == 3


def test_a_return_that_stops_a_little_short_and_goes_on_back_is_one_repetition():
    t = np.arange(0.0, 40.0, 0.01)
    # A lunge's front thigh: flexed 50 deg, back to 11 deg (a little short of where it
    # started: the foot still forward), up by 9 deg to lift the foot and on back behind its
    # posture (swinging the foot home): once (the lift was counted too).
    lunge = _bells(t, [(0.0, 0.0), (2.0, 0.0), (3.2, 50.0), (4.4, 11.0), (4.8, 20.0),
                       (5.5, -20.0), (6.5, 0.0), (40.0, 0.0)])
    assert len(_count_any_movement(t, lunge)) == 1
    # A small repetition after a return that stopped short stays one where it rests first,
    # or does not go back to where the first started, or goes out by 30 % or more.
    rested = _bells(t, [(0.0, 0.0), (2.0, 0.0), (3.2, 50.0), (4.4, 11.0), (5.4, 11.0),
                        (5.8, 20.0), (6.5, -20.0), (7.5, 0.0), (40.0, 0.0)])
    stays = _bells(t, [(0.0, 0.0), (2.0, 0.0), (3.2, 50.0), (4.4, 11.0), (4.8, 20.0),
                       (5.5, 9.0), (40.0, 9.0)])
    larger = _bells(t, [(0.0, 0.0), (2.0, 0.0), (3.2, 50.0), (4.4, 11.0), (5.0, 28.0),
                        (5.8, -20.0), (6.8, 0.0), (40.0, 0.0)])
    for x in (rested, stays, larger):
        assert len(_count_any_movement(t, x)) == 2


@pytest.mark.parametrize("seed", [0, 1])
def test_back_to_back_stepping_lunges_count_once_from_the_thigh_as_any_movement(seed):
    # Back to back (no pause at the bottom nor between lunges): the front thigh comes up
    # part of the way, lifts the foot, swings it home and the next lunge's step starts at
    # once. The level where the return stopped was taken for the posture until the leg
    # rested, so each next lunge was measured from there and the last step home, out of a
    # smaller lunge, counted (9 for 8). As recorded and kept repetition by repetition.
    sim = lunges(seed, tempo_s=(2.0, 0.0, 2.0, 0.0))
    for kept in (sim, without_rests(sim, seed)):
        res = analyze_recording(alone(kept, "thigh"), exercise_id="none")
        assert len(res.reps) == 8


def _front_thigh(t0):
    """A lunge with its step seen from the front thigh (deg): up to lift the foot, down as
    it lands, the lunge, back part of the way, up to lift the foot, home."""
    return [(t0, 0.0), (t0 + 0.6, 25.0), (t0 + 1.0, 15.0), (t0 + 2.2, 65.0),
            (t0 + 3.4, 22.0), (t0 + 3.8, 30.0), (t0 + 4.4, 0.0)]


@pytest.mark.parametrize("start_deg", [12.0, 18.0])
def test_a_recording_that_starts_in_movement_counts_each_lunge_once(start_deg):
    # The recording starts while the thigh is still on its way back to its posture (a file
    # cut from a set, as the CMU-MBL recordings are): the first sample's level is no
    # posture. Taken for one, the first lunge's step counted as a repetition of its own.
    t = np.arange(0.0, 40.0, 0.01)
    points = [(0.0, start_deg), *_front_thigh(0.5)]
    for k in range(1, 5):
        points += _front_thigh(0.5 + 6.0 * k)[1:]
    x = _bells(t, [*points, (40.0, 0.0)])
    reps = _count_any_movement(t, x)
    assert [round(r.max_deg) for r in reps] == [65] * 5


def test_back_to_back_lunges_from_the_front_thigh_count_once_each():
    # Each return stops part of the way (the foot still forward), the thigh lifts the foot
    # and goes home, and the next lunge starts without a rest: five, not five and a step.
    t = np.arange(0.0, 40.0, 0.01)
    points = [(0.0, 0.0)]
    for k in range(5):
        points += _front_thigh(1.0 + 4.4 * k)[k > 0:]
    x = _bells(t, [*points, (40.0, 0.0)])
    reps = _count_any_movement(t, x)
    assert [round(r.max_deg) for r in reps] == [65] * 5
